"""The certification's figure: from the trade's tensions to competences and criteria, by bloc.

Three columns read left to right: the tensions of the framework (each with its two poles), the
competences that answer them, and the criteria that evaluate each competence; a frame per bloc
holds its competences and criteria. Borders show how each element is known (solid attested,
dashed reconstructed, dotted illustrative, as in every figure), and a draft says so in its label.
``to_dot`` builds the DOT (pure); ``render`` lays it out with the engine and writes it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import graphviz

from referentiel._output import STDIO, write_output
from referentiel.certification.model import Certification
from referentiel.draw._labels import html_label, html_lines
from referentiel.draw.engine import Engine, check_format, output_for, run_engine
from referentiel.draw.style import FONT
from referentiel.errors import UnsupportedFormatError
from referentiel.model import Framework, Status
from referentiel.vocabulary import LINE_STYLES, THEMES, word

__all__ = ["render", "to_dot"]

_WIDTH = 34


def _style(status: Status) -> str:
    return (
        "rounded,filled" if status is Status.ATTESTED else f"rounded,filled,{LINE_STYLES[status]}"
    )


def _text(element: object, language: str, draft_word: str) -> str:
    label: str = element.label_in(language)  # type: ignore[attr-defined]  # every element has one
    if getattr(element, "draft", False):
        label = f"{label} [{draft_word}]"
    return label


def to_dot(
    certification: Certification,
    framework: Framework,
    *,
    language: str | None = None,
    theme: str = "colour",
) -> str:
    """Return the DOT source of the certification's figure.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> dot = to_dot(cert, ref.load("examples/customer-relations.yaml"))
    >>> dot.count("cluster_bloc_"), dot.count(" -> ")
    (2, 12)
    """
    if theme not in THEMES:
        expected = ", ".join(repr(t) for t in THEMES)
        raise UnsupportedFormatError(f"unknown theme: {theme!r} (expected one of {expected})")
    colours = THEMES[theme]
    lang = language or certification.language
    draft_word = word("draft-mark", lang)
    graph = graphviz.Digraph(name="certification")
    title = html_lines(certification.title_in(lang), 90)
    graph.attr(
        "graph",
        rankdir="LR",
        newrank="true",
        label=html_label(f'<FONT POINT-SIZE="16">{title}</FONT>'),
        labelloc="t",
        fontname=FONT,
        nodesep="0.2",
        ranksep="0.6",
    )
    graph.attr(
        "node",
        fontname=FONT,
        fontsize="11",
        shape="box",
        style="rounded,filled",
        fillcolor=colours["fill"],
        color=colours["line"],
        margin="0.12,0.06",
    )
    graph.attr("edge", color=colours["line"], arrowsize="0.7")
    answered = {a.tension for _, c in certification.competences() for a in c.answers}
    with graph.subgraph(name="cluster_tensions") as column:
        heading = html_lines(word("tensions-answered", lang), None)
        column.attr(label=html_label(f"<B>{heading}</B>"), style="rounded", color=colours["line"])
        for tension in framework.tensions:
            if tension.id not in answered:
                continue
            first, second = (html_lines(p.label_in(lang), _WIDTH) for p in tension.poles)
            label = f"<B>{tension.number}</B><BR/>{first}<BR/>↕<BR/>{second}"
            column.node(
                f"t_{tension.id}", label=html_label(label), style=_style(tension.provenance.status)
            )
    competence_ids = {c.id for _, c in certification.competences()}
    for b, bloc in enumerate(certification.blocs):
        with graph.subgraph(name=f"cluster_bloc_{b}") as frame:
            heading = html_lines(_text(bloc, lang, draft_word), 60)
            frame.attr(
                label=html_label(f"<B>{heading}</B>"),
                style=f"rounded,{LINE_STYLES[bloc.provenance.status]}",
                color=colours["line"],
            )
            for competence in bloc.competences:
                label = f"<B>{competence.id}</B> " + html_lines(
                    _text(competence, lang, draft_word), _WIDTH
                )
                frame.node(
                    f"k_{competence.id}",
                    label=html_label(label),
                    style=_style(competence.provenance.status),
                )
            for criterion in bloc.criteria:
                label = f"<B>{criterion.id}</B> " + html_lines(
                    _text(criterion, lang, draft_word), _WIDTH
                )
                frame.node(
                    f"e_{criterion.id}",
                    label=html_label(label),
                    style=_style(criterion.provenance.status),
                    fontsize="10",
                )
    tension_ids = {t.id for t in framework.tensions}
    for _, competence in certification.competences():
        for answered_id in dict.fromkeys(a.tension for a in competence.answers):
            if answered_id in tension_ids:
                graph.edge(f"t_{answered_id}", f"k_{competence.id}")
    for _, criterion in certification.criteria():
        if criterion.competence in competence_ids:
            graph.edge(f"k_{criterion.competence}", f"e_{criterion.id}")
    source: str = graph.source
    return source


def render(
    certification: Certification,
    framework: Framework,
    path: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    engine: Engine = "embedded",
    language: str | None = None,
    theme: str = "colour",
    protect: Iterable[str | os.PathLike[str]] = (),
) -> bytes:
    """Draw the certification's figure and return its bytes; with *path*, also write it there.

    The format comes from *format*, else from *path*'s suffix (svg, png, dot ...), else SVG.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> render(cert, ref.load("examples/customer-relations.yaml"))[:5]
    b'<?xml'
    """
    if format is None:
        named = path is not None and os.fspath(path) != STDIO
        format = output_for(Path(path).suffix) if named else "svg"  # type: ignore[arg-type]
    check_format(format, engine)
    if format == "html":
        raise UnsupportedFormatError(
            "the certification's figure has no page: write svg, png, json or dot"
        )
    source = to_dot(certification, framework, language=language, theme=theme)
    data = source.encode("utf-8") if format == "dot" else run_engine(source, format, engine=engine)
    if path is not None:
        write_output(path, data, protect=protect)
    return data
