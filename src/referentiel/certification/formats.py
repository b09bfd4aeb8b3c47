"""Every format a certification is written in, in one registry, and ``export_certification``.

The certification file itself (YAML), its CASE 1.1 package (JSON), and its tables (the RACE
table or the RNCP bloc fields) in Markdown, HTML, CSV, LaTeX and Word. The command line's
choices and the docs' table come from :data:`CERTIFICATION_FORMATS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from referentiel._output import STDIO, write_output
from referentiel.certification._constants import TABLES
from referentiel.errors import UnsupportedFormatError

if TYPE_CHECKING:
    from referentiel.certification.model import Certification
    from referentiel.model import Framework

__all__ = [
    "CERTIFICATION_FORMATS",
    "CertificationFormat",
    "export_certification",
]


Writer = Callable[["Certification", "Framework", str, str | None], bytes]


@attrs.frozen(kw_only=True)
class CertificationFormat:
    """A format a certification is written in: its name, suffixes, summary and writer."""

    name: str
    suffixes: tuple[str, ...]
    summary: str
    write: Writer
    #: Whether ``--table`` chooses what it holds (the RACE table or the RNCP fields).
    tables: bool = False


def _table(name: str) -> Writer:
    """Return the writer of a table: :mod:`~referentiel.certification.race`'s ``dumps_<name>``."""

    def write(cert: Certification, _: Framework, table: str, language: str | None) -> bytes:
        from referentiel.certification import race  # noqa: PLC0415 - imported when written

        made: str | bytes = getattr(race, f"dumps_{name}")(cert, table=table, language=language)
        return made.encode("utf-8") if isinstance(made, str) else made

    return write


def _yaml(cert: Certification, _: Framework, __: str, ___: str | None) -> bytes:
    from referentiel.certification.files import dumps_certification  # noqa: PLC0415

    return dumps_certification(cert).encode("utf-8")


def _case(cert: Certification, framework: Framework, _: str, __: str | None) -> bytes:
    from referentiel.certification.case import dumps_case  # noqa: PLC0415

    return dumps_case(cert, framework).encode("utf-8")


#: Every format, by name, in the order the help lists them.
CERTIFICATION_FORMATS: Final[dict[str, CertificationFormat]] = {
    f.name: f
    for f in (
        CertificationFormat(
            name="yaml",
            suffixes=(".yaml", ".yml"),
            summary="the certification file",
            write=_yaml,
        ),
        CertificationFormat(
            name="case",
            suffixes=(".json",),
            summary="a 1EdTech CASE 1.1 package (CFPackage JSON)",
            write=_case,
        ),
        CertificationFormat(
            name="markdown",
            suffixes=(".md",),
            summary="the RACE table (or --table rncp) in Markdown",
            write=_table("markdown"),
            tables=True,
        ),
        CertificationFormat(
            name="html",
            suffixes=(".html", ".htm"),
            summary="the table as an HTML <table>",
            write=_table("html"),
            tables=True,
        ),
        CertificationFormat(
            name="csv",
            suffixes=(".csv",),
            summary="the table as CSV",
            write=_table("csv"),
            tables=True,
        ),
        CertificationFormat(
            name="latex",
            suffixes=(".tex",),
            summary="the table as a LaTeX longtable (booktabs)",
            write=_table("latex"),
            tables=True,
        ),
        CertificationFormat(
            name="docx",
            suffixes=(".docx",),
            summary="the table in a Word document",
            write=_table("docx"),
            tables=True,
        ),
    )
}


def _format_for(path: str | os.PathLike[str], to: str | None) -> CertificationFormat:
    if to is not None:
        found = CERTIFICATION_FORMATS.get(to)
        if found is None:
            expected = ", ".join(repr(f) for f in CERTIFICATION_FORMATS)
            raise UnsupportedFormatError(f"unknown format: {to!r} (expected one of {expected})")
        return found
    suffix = "" if os.fspath(path) == STDIO else Path(path).suffix.lower()
    for fmt in CERTIFICATION_FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    expected = ", ".join(repr(s) for f in CERTIFICATION_FORMATS.values() for s in f.suffixes)
    raise UnsupportedFormatError(
        f"cannot tell the format from {os.fspath(path)!r}: give --to, or a suffix among {expected}"
    )


def export_certification(
    certification: Certification,
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    to: str | None = None,
    table: str = "race",
    language: str | None = None,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> str:
    """Write *certification* to *path* in the format *to* (else its suffix's); return its name.

    >>> import pathlib, tempfile, referentiel as ref
    >>> from referentiel.certification import read_certification
    >>> cert = read_certification("examples/customer-relations.certification.yaml")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "race.md"
    >>> export_certification(cert, ref.load("examples/customer-relations.yaml"), path)
    'markdown'
    """
    fmt = _format_for(path, to)
    if table not in TABLES:
        expected = ", ".join(repr(t) for t in TABLES)
        raise UnsupportedFormatError(f"unknown table: {table!r} (expected one of {expected})")
    write_output(path, fmt.write(certification, framework, table, language), protect=protect)
    return fmt.name
