"""The *tableau de synthèse*: the framework as tables, in Markdown, CSV, HTML and LaTeX.

Three tables: one row per tension (number, origin, the two poles, provenance, number of
excerpts, and its details: pole descriptions, polarity-map points, resources, notes), one row
per excerpt (its tension and pole, speaker, date, method, source, quote), and one row per link
(its ends, relation and assumptions; left out where there is no link).
The verbs: ``dumps_markdown`` / ``write_markdown``, ``dumps_csv`` / ``write_csv`` (one table per
file), ``dumps_html`` / ``write_html``, ``dumps_latex`` / ``write_latex`` (booktabs), and
``to_dataframe`` for pandas users. Tables are for reading: they cannot be read back into a
framework (notes, translations and justifications are not in them).
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Literal

from referentiel._output import write_output
from referentiel._unicode import one_line
from referentiel.model import (
    DILEMMA_POINTS,
    POLE_POINTS,
    Contradiction,
    Dilemma,
    Framework,
    Goal,
    Point,
    Pole,
    Resource,
    Side,
    Status,
    Tension,
)
from referentiel.vocabulary import POINT_WORDS, shown_label, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "dumps_csv",
    "dumps_html",
    "dumps_latex",
    "dumps_markdown",
    "evidence_rows",
    "link_rows",
    "tension_rows",
    "to_dataframe",
    "write_csv",
    "write_html",
    "write_latex",
    "write_markdown",
]

Table = Literal["tensions", "evidence", "links"]

#: The word that heads each column, in :mod:`referentiel.vocabulary`.
_HEADER_WORDS: Final = {
    "first": "first-pole",
    "second": "second-pole",
    "assumptions": "assumptions-header",
}
TENSION_COLUMNS: Final = (
    "number",
    "origin",
    "first",
    "second",
    "provenance",
    "evidence",
    "number_status",
    "origin_status",
    "details",
)
#: The quote is always the verbatim; a translation, marked as one, has its own column.
EVIDENCE_COLUMNS: Final = (
    "tension",
    "pole",
    "speaker",
    "date",
    "method",
    "source",
    "quote",
    "translation",
    "tie",
)
#: A link's ends are tension numbers (with a pole) or goal ids.
LINK_COLUMNS: Final = ("link-source", "relation", "link-target", "assumptions", "provenance")


def tension_rows(framework: Framework, *, language: str | None = None) -> list[dict[str, Any]]:
    """Return one row per tension (keys: :data:`TENSION_COLUMNS`).

    >>> import referentiel as ref
    >>> tension_rows(ref.load("examples/customer-relations.yaml"))[3]
    {'number': 4, 'origin': 'organisation', 'first': 'La traçabilité pour mesurer la charge de travail', 'second': 'Rendre un service de qualité', 'provenance': 'reconstructed', 'evidence': 1, 'number_status': 'reconstructed', 'origin_status': 'reconstructed', 'details': ''}
    """  # noqa: E501 - a doctest output line cannot be wrapped
    lang = language or framework.language
    rows = []
    for t in framework.tensions:
        origin, grouping = "", ""
        if isinstance(t, Contradiction) and t.origin:
            origin, grouping = t.origin.value, t.origin_status.value
        first, second = (shown_label(p, lang, framework.language) for p in t.poles)
        rows.append(
            {
                "number": t.number,
                "origin": origin,
                "first": first,
                "second": second,
                "provenance": t.provenance.status.value,
                "evidence": len(t.evidence),
                "number_status": t.number_status.value,
                "origin_status": grouping,
                "details": _details(t, framework, lang),
            }
        )
    return rows


def _details(t: Tension, framework: Framework, lang: str) -> str:
    """Return what a tension says beyond its poles' labels, as one line of parts."""
    parts = []

    def label(item: Pole | Point | Resource) -> str:
        return shown_label(item, lang, framework.language)

    for side, pole in zip(t.SIDES, t.poles, strict=True):
        if pole.description:
            parts.append(f"{word(side.value, lang)}: {pole.description}")
        for name in POLE_POINTS:
            points = getattr(pole, name)
            if points:
                shown = "; ".join(label(p) for p in points)
                parts.append(f"{word(side.value, lang)}, {word(POINT_WORDS[name], lang)}: {shown}")
    if isinstance(t, Dilemma):
        for name in DILEMMA_POINTS:
            point = getattr(t, name)
            if point is not None:
                parts.append(f"{word(POINT_WORDS[name], lang)}: {label(point)}")
        resources = word("resources", lang)
        parts += [f"{resources} ({word(r.supports.value, lang)}): {label(r)}" for r in t.resources]
    if t.notes:
        parts.append(f"{word('notes', lang)}: {t.notes}")
    return " · ".join(parts)


def link_rows(framework: Framework, *, language: str | None = None) -> list[dict[str, Any]]:
    """Return one row per link (keys: :data:`LINK_COLUMNS`).

    >>> import referentiel as ref
    >>> link_rows(ref.load("examples/evaporating-cloud.yaml"))[2]["link-target"]
    '1 (Suivre strictement la procédure)'
    """
    lang = language or framework.language
    tensions = {t.id: t for t in framework.tensions}
    goals = {g.id: g for g in framework.goals}

    def label(item: Goal | Point | Pole) -> str:
        return shown_label(item, lang, framework.language)

    def end(element: str, side: Side | None) -> str:
        if element in goals:
            return shown_label(goals[element], lang, framework.language)
        tension = tensions.get(element)
        if tension is None:
            return element
        if side is None:
            return str(tension.number)
        if side not in tension.SIDES:  # an invalid framework: say what the link names
            return f"{tension.number} ({side.value})"
        return f"{tension.number} ({label(tension.pole(side))})"

    return [
        {
            "link-source": end(k.source, k.source_pole),
            "relation": word(k.relation.value, lang),
            "link-target": end(k.target, k.target_pole),
            "assumptions": "; ".join(
                shown_label(a, lang, framework.language) for a in k.assumptions
            ),
            "provenance": (k.provenance.status if k.provenance else Status.ATTESTED).value,
        }
        for k in framework.links
    ]


def evidence_rows(framework: Framework, *, language: str | None = None) -> list[dict[str, Any]]:
    """Return one row per excerpt (keys: :data:`EVIDENCE_COLUMNS`), in tension order.

    >>> import referentiel as ref
    >>> row = evidence_rows(ref.load("examples/customer-relations.yaml"))[-2]
    >>> row["tension"], row["pole"], row["speaker"], row["date"], row["method"]
    (5, 'both', 'B.', '2021-11-30', 'instruction-au-sosie')
    """
    lang = language or framework.language
    methods = {s.id: s.method.value for s in framework.sources}
    rows = []
    for t in framework.tensions:
        for e in t.evidence:
            translated, is_translation = e.quote_in(lang)
            rows.append(
                {
                    "tension": t.number,
                    "pole": e.supports.value,
                    "speaker": e.speaker or "",
                    "date": e.date.isoformat() if e.date else "",
                    "method": methods.get(e.source or "", ""),
                    "source": e.source or "",
                    "quote": e.quote,
                    "translation": translated if is_translation else "",
                    "tie": e.tie_status.value,
                }
            )
    return rows


def _table(
    framework: Framework, table: Table, language: str | None
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    if table == "tensions":
        return TENSION_COLUMNS, tension_rows(framework, language=language)
    if table == "evidence":
        return EVIDENCE_COLUMNS, evidence_rows(framework, language=language)
    if table == "links":
        return LINK_COLUMNS, link_rows(framework, language=language)
    raise ValueError(f"unknown table: {table!r} (expected one of 'tensions', 'evidence', 'links')")


def _tables(framework: Framework) -> tuple[Table, ...]:
    """Return the tables of the tableau de synthèse: the links' only where there are links."""
    return ("tensions", "evidence", "links") if framework.links else ("tensions", "evidence")


def _headers(framework: Framework, language: str | None) -> dict[str, str]:
    lang = language or framework.language
    keys = (
        *TENSION_COLUMNS,
        *EVIDENCE_COLUMNS,
        *LINK_COLUMNS,
        "tensions-title",
        "evidence-title",
        "links-title",
    )
    names = {key: word(_HEADER_WORDS.get(key, key), lang) for key in keys}
    if lang != framework.language:  # a translation is always marked as one
        marker = f" ({word('translated-labels', lang)}: {framework.language} → {lang})"
        names["tensions-title"] += marker
    return names


def _markdown_cell(value: object) -> str:
    # a cell is one line of text: raw HTML would be rendered, a line break would end the row
    text = html.escape(one_line(str(value)), quote=False)
    return text.replace("|", "\\|")


def dumps_markdown(framework: Framework, *, language: str | None = None) -> str:
    """Return both tables as Markdown (GitHub tables), each under a heading.

    >>> import referentiel as ref
    >>> print(dumps_markdown(ref.load("examples/customer-relations.yaml")).splitlines()[2])
    | N° | Origine | Travail prescrit / pôle 1 | Travail réel / pôle 2 | Provenance | Extraits | Numéro | Classement | Détails |
    """  # noqa: E501 - a doctest output line cannot be wrapped
    names = _headers(framework, language)
    out: list[str] = []
    for table in _tables(framework):
        columns, rows = _table(framework, table, language)
        out += [
            f"## {names[f'{table}-title']}",
            "",
            "| " + " | ".join(names[c] for c in columns) + " |",
            "|" + "|".join("---" for _ in columns) + "|",
        ]
        out += ["| " + " | ".join(_markdown_cell(row[c]) for c in columns) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


#: What starts a formula in a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object, *, raw: bool) -> object:
    if not raw and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, never run as a formula
    return value


def dumps_csv(
    framework: Framework,
    *,
    table: Table = "tensions",
    language: str | None = None,
    raw: bool = False,
) -> str:
    """Return one table as CSV (comma-separated, a header row of the column keys).

    A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) starts with a ``'`` instead, as OWASP recommends;
    ``raw=True`` keeps every cell as it is.

    >>> import referentiel as ref
    >>> print(dumps_csv(ref.load("examples/customer-relations.yaml")).splitlines()[4][:70])
    4,organisation,La traçabilité pour mesurer la charge de travail,Rendre
    """
    columns, rows = _table(framework, table, language)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _csv_cell(v, raw=raw) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def dumps_html(framework: Framework, *, language: str | None = None) -> str:
    """Return both tables as an HTML fragment (two ``<table>`` elements with captions).

    >>> import referentiel as ref
    >>> dumps_html(ref.load("examples/customer-relations.yaml"))[:38]
    '<table class="referentiel-tensions"><c'
    """
    names = _headers(framework, language)
    out = []
    for table in _tables(framework):
        columns, rows = _table(framework, table, language)
        head = "".join(f"<th>{html.escape(names[c])}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in columns) + "</tr>"
            for row in rows
        )
        out.append(
            f'<table class="referentiel-{table}">'
            f"<caption>{html.escape(names[f'{table}-title'])}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    return "\n".join(out) + "\n"


_LATEX: Final = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(value: object) -> str:
    r"""Escape text for LaTeX, on one line, without the control characters TeX stops at.

    >>> print(latex_escape("50% & {x}_1"))
    50\% \& \{x\}\_1
    """
    return "".join(_LATEX.get(char, char) for char in one_line(str(value)))


def dumps_latex(framework: Framework, *, language: str | None = None) -> str:
    r"""Return both tables as LaTeX ``table`` environments with booktabs rules.

    >>> import referentiel as ref
    >>> print(dumps_latex(ref.load("examples/customer-relations.yaml")).splitlines()[4])
    \toprule
    """
    names = _headers(framework, language)
    widths = {
        "tensions": "rlp{4cm}p{4cm}llllp{5cm}",
        "evidence": "rlllllp{5cm}p{4cm}l",
        "links": "p{3cm}lp{3cm}p{5cm}l",
    }
    out = []
    for table in _tables(framework):
        columns, rows = _table(framework, table, language)
        out += [
            r"\begin{table}",
            r"\centering",
            rf"\caption{{{latex_escape(names[f'{table}-title'])}}}",
            rf"\begin{{tabular}}{{{widths[table]}}}",
            r"\toprule",
            " & ".join(latex_escape(names[c]) for c in columns) + r" \\",
            r"\midrule",
        ]
        out += [" & ".join(latex_escape(row[c]) for c in columns) + r" \\" for row in rows]
        out += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(out)


def to_dataframe(
    framework: Framework, *, table: Table = "tensions", language: str | None = None
) -> pd.DataFrame:
    """Return one table as a :class:`pandas.DataFrame` (needs pandas: ``pip install pandas``).

    >>> import referentiel as ref
    >>> to_dataframe(ref.load("examples/customer-relations.yaml")).shape
    (6, 9)
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional dependency, imported when used
    except ImportError:
        raise ImportError(
            "to_dataframe needs pandas: pip install pandas (or referentiel[pandas])"
        ) from None
    columns, rows = _table(framework, table, language)
    return pd.DataFrame(rows, columns=list(columns))


def _writer(dumps: Callable[..., str]) -> Callable[..., None]:
    def write(framework: Framework, path: str | os.PathLike[str], **options: Any) -> None:  # noqa: ANN401
        write_output(path, dumps(framework, **options).encode("utf-8"))

    name = dumps.__name__.replace("dumps_", "write_")
    write.__doc__ = f"""Write what :func:`{dumps.__name__}` returns to *path*, atomically.

    >>> import pathlib, tempfile, referentiel as ref
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "table"
    >>> ref.{name}(ref.load("examples/customer-relations.yaml"), path)
    >>> path.read_text(encoding="utf-8") == ref.{dumps.__name__}(
    ...     ref.load("examples/customer-relations.yaml"))
    True
    """
    write.__name__ = write.__qualname__ = name
    return write


#: Write the tableau de synthèse to a path as Markdown (options as :func:`dumps_markdown`).
write_markdown = _writer(dumps_markdown)
#: Write one table to a path as CSV (options as :func:`dumps_csv`).
write_csv = _writer(dumps_csv)
#: Write the tableau de synthèse to a path as HTML (options as :func:`dumps_html`).
write_html = _writer(dumps_html)
#: Write the tableau de synthèse to a path as LaTeX, booktabs (options as :func:`dumps_latex`).
write_latex = _writer(dumps_latex)
