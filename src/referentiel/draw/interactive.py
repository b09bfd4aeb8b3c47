"""An interactive page: one self-contained HTML file to share a framework with those who read it.

``render(framework, "framework.html")`` writes it: every figure kind of the framework in every
language it is written in (the figures drawn by the engine, inline), the evidence behind each
pole and tension, and a script that lets the reader select a pole (click, or Tab and Enter) to
read its excerpts beside the figure, search labels and excerpts, filter by origin, status,
source and kind, and switch language. Nothing is fetched: styles, script, data and figures are
in the file, and its Content-Security-Policy forbids anything else, so that the page opens from
an e-mail attachment or a USB stick, and no text of the framework can run as code.

The words the page shows are the library's (:data:`~referentiel.vocabulary.WORDS`); what it
says of each element (its status, its label in a language, whether a quote is a translation)
comes from the model, computed here; the script only displays it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from importlib import resources
from typing import Any, Final

import attrs

from referentiel._output import write_output
from referentiel._unicode import one_line
from referentiel.draw.engine import Engine, run_engine
from referentiel.draw.kinds import FIGURES
from referentiel.draw.nodes import node_target
from referentiel.draw.options import Options
from referentiel.model import (
    Contradiction,
    Evidence,
    Framework,
    Locator,
    Origin,
    Pole,
    Provenance,
    Side,
    Status,
    Tension,
)
from referentiel.vocabulary import WORDS, shown_label, word

__all__ = ["Page", "page_html", "page_languages"]

_SVG: Final = "http://www.w3.org/2000/svg"
_XLINK: Final = "http://www.w3.org/1999/xlink"
#: The words the script needs, by their key in the vocabulary.
_PAGE_WORDS: Final = tuple(
    key
    for key in WORDS["en"]
    if key.startswith("page-")
    or key in {s.value for s in (*Side, *Status, *Origin)}
    or key in ("no-origin", "translation-mark", "speaker", "date", "source", "method", "origin")
    or key in ("kind", "provenance", "evidence", "excerpts", "excerpt", "resources")
)


@attrs.frozen
class Page:
    """An interactive page (:func:`referentiel.page` makes one): save it, or show it in a notebook.

    In Jupyter it displays in a frame whose only permission is to run the page's own script
    (``sandbox="allow-scripts"``): the page reaches nothing of the notebook, nor the network.

    >>> import referentiel as ref
    >>> page = ref.page(ref.load("examples/customer-relations.yaml"))
    >>> page.html.startswith(b"<!DOCTYPE html>"), page._repr_html_().startswith("<iframe")
    (True, True)
    """

    #: The whole file, UTF-8.
    html: bytes

    def save(
        self, path: str | os.PathLike[str], *, protect: Iterable[str | os.PathLike[str]] = ()
    ) -> None:
        """Write the page to *path* as every output is written (see :func:`referentiel.save`)."""
        write_output(path, self.html, protect=protect)

    def _repr_html_(self) -> str:
        source = html.escape(self.html.decode("utf-8"), quote=True)
        return (
            '<iframe sandbox="allow-scripts" title="referentiel" width="100%" height="640" '
            f'srcdoc="{source}"></iframe>'
        )


def page_languages(framework: Framework) -> tuple[str, ...]:
    """Return the languages of the page: the framework's, then those its translations give.

    >>> import referentiel as ref
    >>> page_languages(ref.load("examples/customer-relations.yaml"))
    ('fr', 'en')
    """
    found: dict[str, None] = {framework.language: None}
    for code, _ in framework.translations:
        found[code] = None
    for tension in framework.tensions:
        for pole in tension.poles:
            for code, _ in pole.translations:
                found[code] = None
    return tuple(found)


def _provenance(provenance: Provenance | None) -> dict[str, Any] | None:
    if provenance is None:
        return None
    return {
        "status": provenance.status.value,
        "source": provenance.source,
        "locator": provenance.locator,
        "justification": provenance.justification,
    }


def _locator(locator: Locator | None, language: str) -> str | None:
    if locator is None:
        return None
    parts = []
    if locator.page is not None:
        parts.append(f"{word('page-page', language)} {locator.page}")
    if locator.line is not None:
        parts.append(f"{word('page-line', language)} {locator.line}")
    if locator.timestamp is not None:
        parts.append(locator.timestamp)
    if locator.start is not None or locator.end is not None:
        start = "" if locator.start is None else locator.start
        end = "" if locator.end is None else locator.end
        span = f"{start}\N{EN DASH}{end}"
        parts.append(f"{word('page-characters', language)} {span}")
    return " · ".join(parts) or None


def _evidence(excerpt: Evidence, framework: Framework, languages: tuple[str, ...]) -> Any:  # noqa: ANN401
    translated = {}
    for language in languages:
        text, is_translation = excerpt.quote_in(language)
        if is_translation:
            translated[language] = text
    return {
        "id": excerpt.id,
        "quote": excerpt.quote,
        "translated": translated,
        "speaker": excerpt.speaker,
        "date": excerpt.date.isoformat() if excerpt.date else None,
        "source": excerpt.source,
        "locator": {lang: _locator(excerpt.locator, lang) for lang in languages},
        "supports": excerpt.supports.value,
        "tie": excerpt.tie_status.value,
        "provenance": _provenance(excerpt.provenance),
        "note": excerpt.note,
        "lang": framework.language,
    }


def _pole(pole: Pole, side: Side, tension: Tension, fw: Framework, langs: tuple[str, ...]) -> Any:  # noqa: ANN401
    status = (pole.provenance or tension.provenance).status
    return {
        "side": side.value,
        "label": {lang: shown_label(pole, lang, fw.language) for lang in langs},
        "status": status.value,
        "provenance": _provenance(pole.provenance),
    }


def _tension(index: int, tension: Tension, fw: Framework, langs: tuple[str, ...]) -> Any:  # noqa: ANN401
    origin = tension.origin if isinstance(tension, Contradiction) else None
    claims: list[tuple[str, Provenance | None]] = [
        ("page-claim-tension", tension.provenance),
        ("page-claim-number", tension.number_provenance),
    ]
    if isinstance(tension, Contradiction):
        claims.append(("page-claim-origin", tension.origin_provenance))
    sources = {tension.provenance.source}
    for excerpt in tension.evidence:
        sources |= {excerpt.source, excerpt.provenance.source if excerpt.provenance else None}
    return {
        "index": index,
        "id": tension.id,
        "kind": tension.kind.value,
        "number": tension.number,
        "origin": origin.value if origin else None,
        "status": tension.provenance.status.value,
        "claims": [[key, _provenance(p)] for key, p in claims if p is not None],
        "sources": sorted(s for s in sources if s),
        "poles": [
            _pole(pole, side, tension, fw, langs)
            for pole, side in zip(tension.poles, tension.SIDES, strict=True)
        ],
        "evidence": [_evidence(e, fw, langs) for e in tension.evidence],
    }


def _figures(framework: Framework, first: str | None) -> list[str]:
    """Return the figure kinds the page shows: those that suit; the graph only if links exist."""
    kinds = [
        k.name
        for k in FIGURES.values()
        if k.suits(framework) and (k.name != "graph" or framework.links)
    ]
    if first is not None:
        kinds = [first, *(k for k in kinds if k != first)]
    return kinds


def _view(framework: Framework, figures: list[str], languages: tuple[str, ...]) -> Any:  # noqa: ANN401
    return {
        "language": framework.language,
        "languages": list(languages),
        "title": {lang: framework.title_in(lang) for lang in languages},
        # word() speaks English where the library has no words in a language
        "words": {lang: {key: word(key, lang) for key in _PAGE_WORDS} for lang in languages},
        "figures": figures,
        "origins": [o.value for o in Origin],
        "statuses": [s.value for s in Status],
        "kinds": sorted({t.kind.value for t in framework.tensions}),
        "sources": [
            {
                "id": s.id,
                "citation": s.citation,
                "method": s.method.value if s.method else None,
                "date": s.date.isoformat() if s.date else None,
            }
            for s in framework.sources
        ],
        "tensions": [
            _tension(i, t, framework, languages) for i, t in enumerate(framework.tensions)
        ],
    }


def _accessible_svg(svg: bytes, prefix: str, framework: Framework, language: str) -> str:
    """Return the figure for inline use: ids made unique, each tension's node selectable.

    A node that draws a pole or a tension gets its place (``data-index``, ``data-side``), a
    role, a keyboard stop and a name read from the model; other nodes lose their ``<title>``
    (Graphviz's internal names, which browsers would show as tooltips).
    """
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", _XLINK)
    root = ET.fromstring(svg)  # noqa: S314 - the engine's own output, of text it escaped
    title_tag = f"{{{_SVG}}}title"
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", f"{prefix}-{element.get('id')}")
    for group in root.iter(f"{{{_SVG}}}g"):
        title = group.find(title_tag)
        if title is None:
            continue
        kind = group.get("class", "")
        target = node_target(title.text or "") if kind == "node" else None
        if kind == "graph":
            title.text = one_line(framework.title_in(language))
            continue
        if target is None or target[0] >= len(framework.tensions):
            group.remove(title)
            continue
        index, side = target
        tension = framework.tensions[index]
        name = f"{tension.number}. " + " / ".join(
            shown_label(pole, language, framework.language) for pole in tension.poles
        )
        if side is not None and side in tension.SIDES:
            pole = tension.poles[tension.SIDES.index(side)]
            label = shown_label(pole, language, framework.language)
            name = f"{tension.number}. {word(side.value, language)} — {label}"
            group.set("data-side", side.value)
        group.set("data-index", str(index))
        group.set("class", f"{kind} selectable")
        group.set("tabindex", "0")
        group.set("role", "button")
        name = one_line(name)  # no control character: XML has none
        group.set("aria-label", name)
        title.text = name
    root.set("role", "group")
    root.set("aria-label", one_line(framework.title_in(language)))
    return ET.tostring(root, encoding="unicode")


def _packed(text: str) -> str:
    """Return *text* gzipped and in base64: a page's figures and data are a tenth of their size.

    The script unpacks them with the browser's own ``DecompressionStream``; base64 holds no
    character that could end the element it sits in.
    """
    return base64.b64encode(gzip.compress(text.encode("utf-8"), mtime=0)).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("referentiel.draw").joinpath("assets", name).read_text("utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_html(
    framework: Framework,
    options: Options,
    *,
    figure: str | None = None,
    engine: Engine = "embedded",
) -> bytes:
    """Return the interactive page of *framework*, drawn with *options* (their language first).

    >>> import referentiel as ref
    >>> page = page_html(ref.load("examples/customer-relations.yaml"), Options())
    >>> b"Content-Security-Policy" in page, b"<script src" in page
    (True, False)
    """
    languages = page_languages(framework)
    first = options.language if options.language in languages else framework.language
    figures = _figures(framework, figure)
    templates = []
    for k, kind in enumerate(figures):
        for language in languages:
            drawn = FIGURES[kind].build()(framework, attrs.evolve(options, language=language))
            svg = run_engine(drawn.source, "svg", engine=engine)
            inline = _accessible_svg(svg, f"f{k}{language}", framework, language)
            shown = kind == figures[0] and language == first
            templates.append(
                f'<template data-figure="{html.escape(kind)}" data-lang="{html.escape(language)}"'
                f"{' data-first' if shown else ''}>{_packed(inline)}</template>"
            )
    script, style = _asset("page.js"), _asset("page.css")
    policy = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    data = _packed(json.dumps(_view(framework, figures, languages), ensure_ascii=False))
    title = html.escape(framework.title_in(first))
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(first)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="referentiel">\n<title>{title}</title>\n'
        f"<style>{style}</style>\n</head>\n<body>\n"
        f'<template id="referentiel-data">{data}</template>\n'
        f'<div id="referentiel-figures">{"".join(templates)}</div>\n'
        f"<noscript><h1>{title}</h1><p>JavaScript is needed to explore this page.</p></noscript>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
