"""Format-independent entry points: ``load``, ``save``, ``loads``, ``dumps`` and ``check``."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from referentiel.errors import FileFormatError, UnsupportedFormatError
from referentiel.io._text import Locate, decode
from referentiel.io.formats import FORMATS, Format, framework_files
from referentiel.issues import Issue, Report, Severity
from referentiel.model import Framework
from referentiel.validate import validate

__all__ = ["check", "dumps", "format_of", "load", "load_checked", "loads", "save"]


def format_of(path: str | os.PathLike[str]) -> str:
    """Return the framework file format a file's suffix selects.

    >>> format_of("examples/customer-relations.yaml")
    'yaml'
    >>> format_of("notes.txt")
    Traceback (most recent call last):
    ...
    referentiel.errors.UnsupportedFormatError: unknown framework file suffix: '.txt' (expected one of '.yaml', '.yml', '.json')
    """  # noqa: E501 - doctest output lines cannot be wrapped
    suffix = Path(path).suffix.lower()
    for fmt in framework_files():
        if suffix in fmt.suffixes:
            return fmt.name
    expected = ", ".join(repr(s) for f in framework_files() for s in f.suffixes)
    raise UnsupportedFormatError(
        f"unknown framework file suffix: {suffix!r} (expected one of {expected})"
    )


def _format(name: str) -> Format:
    fmt = FORMATS.get(name)
    if fmt is None or not fmt.framework_file:
        expected = ", ".join(repr(f.name) for f in framework_files())
        raise UnsupportedFormatError(f"unknown format: {name!r} (expected one of {expected})")
    return fmt


def _parse(text: str, name: str, filename: str | None) -> tuple[Framework, Locate]:
    parsed: tuple[Framework, Locate] = _format(name).function("parse_located")(text, filename)
    return parsed


def loads(text: str, *, format: str = "yaml", filename: str | None = None) -> Framework:
    """Read a framework from *text* in *format* (``"yaml"`` or ``"json"``).

    >>> loads('{"id": "x", "title": "Vide"}', format="json").title
    'Vide'
    """
    return _parse(text, format, filename)[0]


def dumps(framework: Framework, *, format: str = "yaml") -> str:
    r"""Write *framework* as text in *format* (``"yaml"`` or ``"json"``).

    >>> from referentiel.model import Framework
    >>> dumps(Framework(id="x", title="Vide"))
    'id: x\ntitle: Vide\n'
    """
    text: str = _format(format).function("dumps")(framework)
    return text


def load(path: str | os.PathLike[str]) -> Framework:
    """Read the framework file at *path*; its suffix (.yaml, .yml, .json) picks the format.

    Raises :exc:`FileFormatError` with every problem located at its line and column, and
    :exc:`OSError` if the file cannot be read.

    >>> load("examples/customer-relations.yaml").title
    'Contradictions professionnelles des conseillers relation-client'
    """
    name = format_of(path)
    return loads(decode(Path(path).read_bytes(), str(path)), format=name, filename=str(path))


def save(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework* to *path* atomically; its suffix picks the format.

    A failed write leaves any existing file at *path* as it was.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> save(ref.load("examples/customer-relations.yaml"), folder / "f.yml")
    >>> load(folder / "f.yml") == ref.load("examples/customer-relations.yaml")
    True
    """
    from referentiel._atomic import write_atomic  # noqa: PLC0415 - keeps the import graph flat

    text = dumps(framework, format=format_of(path))
    write_atomic(path, text.encode("utf-8"))


def check(path: str | os.PathLike[str]) -> Report:
    """Load and validate the file at *path*; every issue is located at its line and column.

    Problems that stop loading are returned as errors too, so this never raises for a bad file.
    Only :exc:`OSError` (a missing or unreadable file) and an unknown suffix are raised.

    >>> report = check("examples/customer-relations.yaml")
    >>> report.ok, len(report.errors)
    (True, 0)
    """
    return load_checked(path)[1]


def load_checked(path: str | os.PathLike[str]) -> tuple[Framework | None, Report]:
    """Load and validate the file at *path* in one pass; return the framework and the report.

    The framework is None when the file could not be read; the report is the one
    :func:`check` gives.

    >>> framework, report = load_checked("examples/kinesitherapy.yaml")
    >>> len(framework.dilemmas), report.ok
    (4, True)
    """
    name = format_of(path)
    filename = str(path)
    try:
        framework, where = _parse(decode(Path(path).read_bytes(), filename), name, filename)
    except FileFormatError as exc:
        return None, Report(issues=exc.issues)
    located = []
    for issue in validate(framework).issues:
        line, column = where(issue.path, False)  # noqa: FBT003 - the Locate signature
        located.append(attrs.evolve(issue, file=filename, line=line, column=column))
    located.sort(key=_file_order)
    return framework, Report(issues=tuple(located))


def _file_order(issue: Issue) -> tuple[bool, int, int]:
    return (issue.severity is not Severity.ERROR, issue.line or 0, issue.column or 0)
