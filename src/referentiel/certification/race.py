"""The certification as tables: the RACE table and the RNCP bloc fields.

The RACE table (*référentiel d'activités, de compétences et d'évaluation*) has a row group per
bloc and four columns: activities, competences, evaluation modalities, evaluation criteria; a
row per competence, with the activities it follows from and the modalities and criteria that
evaluate it. The RNCP table has a row per bloc with the fields of an RNCP fiche: CODE, LIBELLE,
LISTE_COMPETENCES, MODALITES_EVALUATION. Both are written in Markdown, HTML, CSV and LaTeX, and
in DOCX for Word (:func:`write_docx`, with python-docx). A draft element is marked as one.
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Callable
from typing import Any, Final, Literal

from referentiel._output import write_output
from referentiel._unicode import one_line
from referentiel.certification._constants import TABLES
from referentiel.certification.model import Bloc, Certification, Competence
from referentiel.io.tables import FORMULA_STARTS, latex_escape
from referentiel.vocabulary import word

__all__ = [
    "RACE_COLUMNS",
    "RNCP_COLUMNS",
    "dumps_csv",
    "dumps_docx",
    "dumps_html",
    "dumps_latex",
    "dumps_markdown",
    "race_rows",
    "rncp_rows",
    "write_docx",
]

CertificationTable = Literal["race", "rncp"]
#: The columns of the RACE table; each cell is a list of texts.
RACE_COLUMNS: Final = ("activities", "competences", "modalities", "criteria")
#: The RNCP fiche's fields of a bloc.
RNCP_COLUMNS: Final = ("CODE", "LIBELLE", "LISTE_COMPETENCES", "MODALITES_EVALUATION")

Row = dict[str, Any]


class _Texts:
    """Element texts in one language, a draft marked as one."""

    def __init__(self, cert: Certification, language: str | None) -> None:
        self.lang = language or cert.language
        self.mark = f" [{word('draft-mark', self.lang)}]"

    def of(self, element: Any) -> str:  # noqa: ANN401 - any labelled element
        text: str = element.label_in(self.lang)
        return text + self.mark if getattr(element, "draft", False) else text


def _bloc_heading(bloc: Bloc, texts: _Texts) -> str:
    code = f"{bloc.code} " if bloc.code else ""
    return f"{code}{bloc.id} — {texts.of(bloc)}"


def race_rows(certification: Certification, *, language: str | None = None) -> list[Row]:
    """Return the RACE table: a row per competence, under its bloc (keys: ``bloc`` and columns).

    Activities no competence follows from get a row of their own, so that none is left out.

    >>> import referentiel as ref
    >>> rows = race_rows(ref.read_certification("examples/customer-relations.certification.yaml"))
    >>> rows[0]["bloc"], rows[0]["modalities"]
    ("b1 — Concilier les prescriptions de l'organisation et le travail réel [brouillon]", ['Mise en situation professionnelle reconstituée [brouillon]'])
    """  # noqa: E501 - a doctest output line cannot be wrapped
    texts = _Texts(certification, language)
    modalities = {m.id: m for b in certification.blocs for m in b.modalities}
    rows: list[Row] = []
    for bloc in certification.blocs:
        heading = _bloc_heading(bloc, texts)
        activities = {a.id: a for a in bloc.activities}
        used: set[str] = set()
        for competence in bloc.competences:
            criteria = [c for c in bloc.criteria if c.competence == competence.id]
            ways = dict.fromkeys(c.modality for c in criteria if c.modality in modalities)
            used.update(competence.activities)
            rows.append(
                {
                    "bloc": heading,
                    "activities": [
                        texts.of(activities[a]) for a in competence.activities if a in activities
                    ],
                    "competences": [_statement(competence, texts)],
                    "modalities": [texts.of(modalities[m]) for m in ways if m is not None],
                    "criteria": [texts.of(c) for c in criteria],
                }
            )
        rows += [
            {
                "bloc": heading,
                "activities": [texts.of(a)],
                "competences": [],
                "modalities": [],
                "criteria": [],
            }
            for a in bloc.activities
            if a.id not in used
        ]
    return rows


def _statement(competence: Competence, texts: _Texts) -> str:
    return f"{competence.id}. {texts.of(competence)}"


def rncp_rows(certification: Certification, *, language: str | None = None) -> list[Row]:
    """Return a row per bloc with the RNCP fiche's fields (keys: :data:`RNCP_COLUMNS`).

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> [row["CODE"] for row in rncp_rows(cert)]
    ['', '']
    """
    texts = _Texts(certification, language)
    rows = []
    for bloc in certification.blocs:
        ways = []
        for modality in bloc.modalities:
            text = texts.of(modality)
            ways.append(f"{text} : {modality.description}" if modality.description else text)
        rows.append(
            {
                "CODE": bloc.code or "",
                "LIBELLE": texts.of(bloc),
                "LISTE_COMPETENCES": [_statement(c, texts) for c in bloc.competences],
                "MODALITES_EVALUATION": ways,
            }
        )
    return rows


def _table(
    certification: Certification, table: str, language: str | None
) -> tuple[tuple[str, ...], list[Row], str]:
    """Return the table's columns, rows and title."""
    lang = language or certification.language
    marker = ""
    if lang != certification.language:  # a translation is always marked as one
        marker = f" ({word('translated-labels', lang)}: {certification.language} → {lang})"
    if table == "race":
        return (
            RACE_COLUMNS,
            race_rows(certification, language=language),
            word("race-title", lang) + marker,
        )
    if table == "rncp":
        return (
            RNCP_COLUMNS,
            rncp_rows(certification, language=language),
            word("rncp-title", lang) + marker,
        )
    expected = ", ".join(repr(t) for t in TABLES)
    raise ValueError(f"unknown table: {table!r} (expected one of {expected})")


def _header(column: str, lang: str) -> str:
    return word(f"race-{column}", lang) if column in RACE_COLUMNS else column


def _items(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _groups(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.get("bloc", ""), []).append(row)
    return list(groups.items())


def dumps_markdown(
    certification: Certification, *, table: str = "race", language: str | None = None
) -> str:
    """Return a table as Markdown: the RACE table has a heading row per bloc.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> print(dumps_markdown(cert).splitlines()[2])
    | Activités | Compétences | Modalités d'évaluation | Critères d'évaluation |
    """
    columns, rows, title = _table(certification, table, language)
    lang = language or certification.language
    out = [f"## {title}", "", "| " + " | ".join(_header(c, lang) for c in columns) + " |"]
    out.append("|" + "|".join("---" for _ in columns) + "|")
    for heading, group in _groups(rows):
        if heading:
            out.append(f"| **{_md(heading)}** |" + " |" * (len(columns) - 1))
        out += [
            "| " + " | ".join("<br>".join(_md(i) for i in _items(row[c])) for c in columns) + " |"
            for row in group
        ]
    return "\n".join([*out, ""])


def _md(text: str) -> str:
    return html.escape(one_line(text), quote=False).replace("|", "\\|")


def dumps_html(
    certification: Certification, *, table: str = "race", language: str | None = None
) -> str:
    """Return a table as an HTML ``<table>``; the RACE table has a heading row per bloc."""
    columns, rows, title = _table(certification, table, language)
    lang = language or certification.language
    head = "".join(f"<th>{html.escape(_header(c, lang))}</th>" for c in columns)
    body = []
    for heading, group in _groups(rows):
        if heading:
            body.append(f'<tr><th colspan="{len(columns)}">{html.escape(heading)}</th></tr>')
        body += [
            "<tr>"
            + "".join(
                "<td>" + "<br>".join(html.escape(i) for i in _items(row[c])) + "</td>"
                for c in columns
            )
            + "</tr>"
            for row in group
        ]
    return (
        f'<table class="referentiel-{table}"><caption>{html.escape(title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>\n"
    )


def dumps_csv(
    certification: Certification,
    *,
    table: str = "race",
    language: str | None = None,
    raw: bool = False,
) -> str:
    """Return a table as CSV: a column ``bloc`` first (RACE), items one per line in a cell.

    A cell a spreadsheet would run as a formula starts with ``'`` unless *raw* (as the
    framework's tables do).
    """
    columns, rows, _ = _table(certification, table, language)
    keys = ("bloc", *columns) if table == "race" else columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        cells = ["\n".join(_items(row[k])) for k in keys]
        writer.writerow([c if raw or not c.startswith(FORMULA_STARTS) else "'" + c for c in cells])
    return buffer.getvalue()


def dumps_latex(
    certification: Certification, *, table: str = "race", language: str | None = None
) -> str:
    r"""Return a table as a LaTeX ``longtable`` with booktabs rules, a row per bloc heading.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> print(dumps_latex(cert).splitlines()[0])
    \begin{longtable}{p{3.5cm}p{4.5cm}p{3cm}p{4.5cm}}
    """
    columns, rows, title = _table(certification, table, language)
    lang = language or certification.language
    spec = "".join("p{%s}" % w for w in ("3.5cm", "4.5cm", "3cm", "4.5cm"))  # noqa: UP031 - braces
    out = [
        rf"\begin{{longtable}}{{{spec}}}",
        rf"\caption{{{latex_escape(title)}}} \\",
        r"\toprule",
        " & ".join(latex_escape(_header(c, lang)) for c in columns) + r" \\",
        r"\midrule",
    ]
    for heading, group in _groups(rows):
        if heading:
            out.append(
                rf"\multicolumn{{{len(columns)}}}{{l}}{{\textbf{{{latex_escape(heading)}}}}} \\"
            )
        out += [
            " & ".join(r" \newline ".join(latex_escape(i) for i in _items(row[c])) for c in columns)
            + r" \\"
            for row in group
        ]
    out += [r"\bottomrule", r"\end{longtable}", ""]
    return "\n".join(out)


def dumps_docx(
    certification: Certification, *, table: str = "race", language: str | None = None
) -> bytes:
    """Return a table as a Word document (DOCX), made with python-docx.

    >>> import io, docx, referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> document = docx.Document(io.BytesIO(dumps_docx(cert)))
    >>> [cell.text for cell in document.tables[0].rows[0].cells]
    ['Activités', 'Compétences', "Modalités d'évaluation", "Critères d'évaluation"]
    """
    import docx  # noqa: PLC0415 - only Word output needs it

    columns, rows, title = _table(certification, table, language)
    lang = language or certification.language
    document = docx.Document()
    document.core_properties.title = certification.title_in(lang)
    document.core_properties.language = lang
    document.add_heading(title, level=1)
    sheet = document.add_table(rows=1, cols=len(columns))
    sheet.style = "Table Grid"
    for cell, column in zip(sheet.rows[0].cells, columns, strict=True):
        cell.text = _header(column, lang)
        cell.paragraphs[0].runs[0].bold = True
    for heading, group in _groups(rows):
        if heading:
            cells = sheet.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = _docx_text(heading)
            merged.paragraphs[0].runs[0].bold = True
        for row in group:
            for cell, column in zip(sheet.add_row().cells, columns, strict=True):
                items = _items(row[column])
                cell.text = _docx_text(items[0]) if items else ""
                for item in items[1:]:
                    cell.add_paragraph(_docx_text(item))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_text(text: str) -> str:
    # XML 1.0 cannot hold control characters; Word shows one line per paragraph
    return "".join(c for c in one_line(text) if c.isprintable() or c == " ")


def _writer(dumps: Callable[..., str]) -> Callable[..., None]:
    def write(certification: Certification, path: str | os.PathLike[str], **options: Any) -> None:  # noqa: ANN401
        write_output(path, dumps(certification, **options).encode("utf-8"))

    write.__name__ = write.__qualname__ = dumps.__name__.replace("dumps_", "write_")
    write.__doc__ = f"Write what :func:`{dumps.__name__}` returns to *path*, atomically."
    return write


def write_docx(
    certification: Certification,
    path: str | os.PathLike[str],
    *,
    table: str = "race",
    language: str | None = None,
) -> None:
    """Write :func:`dumps_docx`'s document to *path*, atomically."""
    write_output(path, dumps_docx(certification, table=table, language=language))


#: Write a table as Markdown, HTML, CSV or LaTeX (options as the ``dumps_`` functions).
write_markdown = _writer(dumps_markdown)
write_html = _writer(dumps_html)
write_csv = _writer(dumps_csv)
write_latex = _writer(dumps_latex)
