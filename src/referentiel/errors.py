"""The library's exceptions: one root, a few subclasses, each also a builtin it resembles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referentiel.issues import Issue, Report

__all__ = [
    "EngineError",
    "EngineNotFoundError",
    "FileFormatError",
    "ModelTypeError",
    "OutputError",
    "ReferentielError",
    "UnsupportedFormatError",
    "ValidationError",
]


class ReferentielError(Exception):
    """Root of every error the library raises on purpose.

    Catch this to handle any problem with a user's framework or command.

    >>> import referentiel as ref
    >>> try:
    ...     ref.loads("id: [", filename="f.yaml")
    ... except ReferentielError as error:
    ...     print(type(error).__name__)
    FileFormatError
    """


class FileFormatError(ReferentielError, ValueError):
    r"""Raised when a framework file cannot be read into the model.

    The file is unreadable, is not valid YAML or JSON, or does not have the shape of a framework
    (unknown key, missing field, wrong type). :attr:`issues` holds every problem found, each located
    at its file, line and column.

    >>> import referentiel as ref
    >>> try:
    ...     ref.loads("id: x\ntitle: X\ntitle: Y\n", filename="f.yaml")
    ... except FileFormatError as error:
    ...     print(error.issues[0])
    f.yaml:3:1: error duplicate-key: duplicate key 'title' (at $)
    """

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class ModelTypeError(ReferentielError, TypeError):
    """Raised when a model value is built with a field of the wrong type.

    Every field is checked against its annotation, so that a framework that cannot be written
    to a file (or read back) cannot be built.

    >>> import referentiel as ref
    >>> try:
    ...     ref.Framework(id="x", title=5)
    ... except ModelTypeError as error:
    ...     print(error)
    Framework.title must be str, not int: 5
    """


class ValidationError(ReferentielError, ValueError):
    """Raised by :func:`referentiel.ensure_valid` when a framework has validation errors.

    :attr:`report` holds the whole :class:`~referentiel.Report`, warnings included.

    >>> import referentiel as ref
    >>> bad = ref.Framework(id="x", title="X", tensions=(ref.Dilemma(
    ...     id="d", number=0, first=ref.Pole(label="A"), second=ref.Pole(label="B"),
    ...     provenance=ref.Provenance(status=ref.Status.ATTESTED)),))
    >>> try:
    ...     ref.ensure_valid(bad)
    ... except ValidationError as error:
    ...     print(error.report.errors[0].code)
    bad-number
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [str(issue) for issue in report.errors]
        super().__init__(f"{len(lines)} validation error(s):\n" + "\n".join(lines))


class UnsupportedFormatError(ReferentielError, ValueError):
    """Raised when a file suffix or an output format is not one the library reads or writes.

    >>> import referentiel as ref
    >>> try:
    ...     ref.load("notes.docx")
    ... except UnsupportedFormatError as error:
    ...     print(error)
    unknown framework file suffix: '.docx' (expected one of '.yaml', '.yml', '.json')
    """


class EngineError(ReferentielError, RuntimeError):
    """Raised when the Graphviz engine fails to lay out or draw a figure.

    >>> issubclass(EngineError, RuntimeError)
    True
    """


class EngineNotFoundError(EngineError, FileNotFoundError):
    """Raised when the requested Graphviz engine (embedded or system ``dot``) is not installed.

    >>> issubclass(EngineNotFoundError, (EngineError, FileNotFoundError))
    True
    """


class OutputError(ReferentielError, OSError):
    """Raised when an output is refused or cannot be written; every file is left as it was.

    The message names the output as the user gave it: a file the command reads, a read-only
    file, a missing folder.

    >>> import referentiel as ref
    >>> try:
    ...     ref.save(ref.Framework(id="x", title="X"), "no/such/folder/x.yaml")
    ... except OutputError as error:
    ...     print(error)
    no/such/folder/x.yaml: no such folder: no/such/folder
    """
