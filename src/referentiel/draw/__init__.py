"""Drawing frameworks: DOT built purely (``to_dot``), then laid out by an engine (``render``).

The figure kinds are in :mod:`~referentiel.draw.kinds`, one module each; what they share is in
``_layout``; the engine runner in :mod:`~referentiel.draw.engine`. graphviz is imported when a
figure is first built.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referentiel._output import STDIO, write_output
from referentiel.draw.engine import Engine, check_format, output_for, run_engine
from referentiel.draw.kinds import FIGURES, check_fits, default_figure
from referentiel.draw.options import EvidenceDisplay, Options
from referentiel.errors import EngineError, UnsupportedFormatError
from referentiel.model import Framework
from referentiel.vocabulary import word

if TYPE_CHECKING:
    from referentiel.draw.interactive import Page

__all__ = ["FIGURES", "Options", "default_figure", "mimebundle", "page", "render", "to_dot"]


def _options(**options: Any) -> Options:  # noqa: ANN401 - Options checks each value
    try:
        return Options(**options)
    except (ValueError, TypeError) as exc:
        raise UnsupportedFormatError(str(exc)) from None


def _figure(name: str | None) -> str | None:
    """Return *name* if it is a figure kind (or None); raise for any other."""
    if name is not None and name not in FIGURES:
        expected = ", ".join(repr(f) for f in FIGURES)
        raise UnsupportedFormatError(f"unknown figure: {name!r} (expected one of {expected})")
    return name


def to_dot(
    framework: Framework,
    *,
    figure: str | None = None,
    language: str | None = None,
    evidence: EvidenceDisplay = "count",
    wrap: int | None = 22,
    theme: str = "colour",
    columns: int = 8,
    legend: bool = True,
    details: bool = False,
) -> str:
    """Return the DOT source of a figure of *framework*; no Graphviz engine is needed.

    *figure* is one of :data:`~referentiel.draw.kinds.FIGURES` (``"contradictions"``,
    ``"dilemmas"``, ``"graph"``; default: the first that suits the framework).

    Raises :exc:`~referentiel.UnsupportedFormatError` for an unknown figure or option value.

    >>> import referentiel as ref
    >>> dot = ref.to_dot(ref.load("examples/customer-relations.yaml"), language="en")
    >>> "Prescribed work" in dot, "Constant insecurity" in dot
    (True, True)
    """
    name = _figure(figure) or default_figure(framework)
    if figure is not None:
        check_fits(framework, name)
    options = _options(
        language=language,
        evidence=evidence,
        wrap=wrap,
        theme=theme,
        columns=columns,
        legend=legend,
        details=details,
    )
    source: str = FIGURES[name].build()(framework, options).source
    return source


def render(
    framework: Framework,
    path: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    engine: Engine = "embedded",
    figure: str | None = None,
    language: str | None = None,
    evidence: EvidenceDisplay = "count",
    wrap: int | None = 22,
    theme: str = "colour",
    columns: int = 8,
    legend: bool = True,
    details: bool = False,
    dpi: float | None = None,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> bytes:
    """Draw a figure of *framework* and return its bytes; with *path*, also write it there.

    The format comes from *format*, else from the suffix of *path* (.svg, .png, .pdf, .dot,
    .json: :data:`~referentiel.draw.engine.OUTPUTS`), else SVG. ``engine="embedded"`` (the
    default) runs the Graphviz that pip installed with this package, and draws PDF itself with
    the fonts the package ships, embedded (:mod:`referentiel.draw.pdf`); ``"system"`` runs the
    ``dot`` on PATH. *dpi* sets a PNG's resolution (300 for print). The output never destroys
    anything (see :func:`referentiel.save`); ``-`` is standard output, a file in *protect* is
    refused. For pages of a given paper size, see :func:`referentiel.draw.pages.render_pages`.

    Raises :exc:`~referentiel.UnsupportedFormatError` for an unknown format, figure, engine or
    option value, :exc:`~referentiel.EngineError` if Graphviz fails.

    >>> import referentiel as ref
    >>> svg = ref.render(ref.load("examples/customer-relations.yaml"))
    >>> svg.startswith(b"<?xml")
    True
    """
    if format is None:
        named = path is not None and os.fspath(path) != STDIO
        format = output_for(Path(path).suffix) if named else "svg"  # type: ignore[arg-type]
    check_format(format, engine)  # the engine too; DOT needs none
    if format == "html":
        from referentiel.draw.interactive import page_html  # noqa: PLC0415 - only pages need it

        options = _options(
            language=language,
            evidence=evidence,
            wrap=wrap,
            theme=theme,
            columns=columns,
            legend=legend,
            details=details,
        )
        data = page_html(framework, options, figure=_figure(figure), engine=engine)
    else:
        source = to_dot(
            framework,
            figure=figure,
            language=language,
            evidence=evidence,
            wrap=wrap,
            theme=theme,
            columns=columns,
            legend=legend,
            details=details,
        )
        if format == "dot":
            data = source.encode("utf-8")
        elif format == "pdf" and engine == "embedded":
            import json  # noqa: PLC0415 - only for PDF

            from referentiel.draw.pdf import pdf_document  # noqa: PLC0415 - the PDF writer

            layout = json.loads(run_engine(source, "json", engine=engine))
            language = language or framework.language
            data = pdf_document([layout], title=framework.title_in(language), language=language)
        else:
            data = run_engine(source, format, engine=engine, dpi=_dpi(dpi, format))
            if format == "svg":
                data = _described(data, framework, _figure(figure), language)
    if path is not None:
        write_output(path, data, protect=protect)
    return data


def _described(svg: bytes, framework: Framework, figure: str | None, language: str | None) -> bytes:
    """Give a figure's SVG the framework's title and a description, for screen readers."""
    from referentiel.draw._svg import accessible  # noqa: PLC0415 - SVG only

    name = figure or default_figure(framework)
    lang = language or framework.language
    summary = word("figure-description", lang).format(
        figure=word(f"page-figure-{name}", lang),
        contradictions=len(framework.contradictions),
        dilemmas=len(framework.dilemmas),
    )
    description = f"{summary} {framework.description}" if framework.description else summary
    return accessible(
        svg, title=framework.title_in(lang), description=description, key=f"{name}-{lang}"
    )


def _dpi(dpi: float | None, format: str) -> float | None:
    """Check a PNG's resolution: from 1 to 2400 dots per inch, for PNG only."""
    if dpi is None:
        return None
    if format != "png":
        raise UnsupportedFormatError(f"--dpi sets a PNG's resolution; {format} has none")
    if not 1 <= dpi <= 2400:
        raise UnsupportedFormatError(f"--dpi must be from 1 to 2400, got {dpi:g}")
    return dpi


def page(
    framework: Framework,
    *,
    engine: Engine = "embedded",
    figure: str | None = None,
    language: str | None = None,
    evidence: EvidenceDisplay = "count",
    wrap: int | None = 22,
    theme: str = "colour",
    columns: int = 8,
    legend: bool = True,
    details: bool = False,
) -> Page:
    """Return the interactive page of *framework*: one self-contained HTML file.

    The page holds every figure kind of the framework (*figure* first) in every language it is
    written in (*language* first), drawn with the options :func:`render` takes, and the evidence
    behind each pole: a reader selects a pole to read its excerpts, searches, filters, switches
    language. It fetches nothing and runs nothing but its own script. ``render(framework,
    "x.html")`` writes the same page; :class:`~referentiel.draw.interactive.Page` saves it, and
    shows it in a notebook.

    >>> import referentiel as ref
    >>> ref.page(ref.load("examples/kinesitherapy.yaml")).html.count(b"<template data-figure")
    4
    """
    from referentiel.draw.interactive import Page  # noqa: PLC0415 - only pages need it

    return Page(
        render(
            framework,
            format="html",
            engine=engine,
            figure=figure,
            language=language,
            evidence=evidence,
            wrap=wrap,
            theme=theme,
            columns=columns,
            legend=legend,
            details=details,
        )
    )


def table_html(framework: Framework) -> str:
    """Return an HTML table of the tensions: the figure's fallback where no engine runs."""
    import html  # noqa: PLC0415 - only where no engine runs

    language = framework.language
    keys = ("number", "kind", "origin", "first-pole", "second-pole", "provenance", "evidence")
    head = "".join(f"<th>{html.escape(word(key, language))}</th>" for key in keys)
    rows = []
    for t in framework.tensions:
        origin = getattr(t, "origin", None)
        cells = (
            str(t.number),
            t.kind.value,
            origin.value if origin else "",
            t.poles[0].label,
            t.poles[1].label,
            t.provenance.status.value,
            str(len(t.evidence)),
        )
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    title = html.escape(framework.title)
    return (
        f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def mimebundle(framework: Framework) -> dict[str, str]:
    """Return the figure as SVG for Jupyter, or an HTML table if no engine can run."""
    from referentiel.draw._svg import scalable  # noqa: PLC0415 - notebooks only

    try:
        # scaled to the cell's width: a wide figure shrinks instead of being clipped
        return {"image/svg+xml": scalable(render(framework, format="svg").decode("utf-8"))}
    except EngineError:
        return {"text/html": table_html(framework)}
