"""Format-independent entry points: ``load``, ``save``, ``loads``, ``dumps`` and ``check``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from referentiel._output import STDIO, write_output
from referentiel.errors import FileFormatError, UnsupportedFormatError
from referentiel.io._input import STDIN_NAME, read_input
from referentiel.io._text import Locate, decode
from referentiel.io.formats import FORMATS, Format, framework_files
from referentiel.io.yaml import yaml_for
from referentiel.issues import Issue, Report, Severity
from referentiel.model import Framework
from referentiel.validate import validate

__all__ = ["check", "dumps", "format_of", "load", "load_checked", "loads", "save"]

#: How standard input is named in messages.


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
    parsed: tuple[Framework, Locate] = _format(name).function("parse_located")(
        text, filename, Framework
    )
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


def _read(path: str | os.PathLike[str]) -> tuple[str, str, str]:
    """Return a framework file's text, its name in messages and its format; ``-`` is stdin."""
    if os.fspath(path) == STDIO:  # YAML, which JSON files also are
        return decode(read_input(path), STDIN_NAME), STDIN_NAME, "yaml"
    name = format_of(path)
    return decode(read_input(path), str(path)), str(path), name


def load(path: str | os.PathLike[str]) -> Framework:
    """Read the framework file at *path*; its suffix (.yaml, .yml, .json) picks the format.

    Raises :exc:`FileFormatError` with every problem located at its line and column, and
    :exc:`OSError` if the file cannot be read.

    >>> load("examples/customer-relations.yaml").title
    'Contradictions professionnelles des conseillers relation-client'
    """
    text, filename, name = _read(path)
    return loads(text, format=name, filename=filename)


def save(
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write *framework* to *path*; its suffix picks the format (``-``: YAML on stdout).

    Nothing is ever destroyed: a failed write leaves any existing file as it was, a YAML file
    keeps its comments and key order, a symbolic link stays one, a file in *protect* or a
    read-only file is refused (:exc:`~referentiel.OutputError`).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> save(ref.load("examples/customer-relations.yaml"), folder / "f.yml")
    >>> load(folder / "f.yml") == ref.load("examples/customer-relations.yaml")
    True
    """
    name = "yaml" if os.fspath(path) == STDIO else format_of(path)
    text = yaml_for(framework, path) if name == "yaml" else dumps(framework, format=name)
    write_output(path, text.encode("utf-8"), protect=protect)


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
    try:
        text, filename, name = _read(path)
        framework, where = _parse(text, name, filename)
    except FileFormatError as exc:
        return None, Report(issues=exc.issues)
    issues = validate(framework).issues
    positions = where([(issue.path, False) for issue in issues])
    located = [
        attrs.evolve(issue, file=filename, line=line, column=column)
        for issue, (line, column) in zip(issues, positions, strict=True)
    ]
    located.sort(key=_file_order)
    return framework, Report(issues=tuple(located))


def _file_order(issue: Issue) -> tuple[bool, int, int]:
    return (issue.severity is not Severity.ERROR, issue.line or 0, issue.column or 0)
