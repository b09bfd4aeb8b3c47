"""Structuring problems collected as they are met, then translated once into located problems.

The converter (:mod:`referentiel.io.plain`) raises :class:`Collected`: every problem met while
structuring one value, each with the key or index that leads to it, nested as the data is.
:func:`problems_of` walks that tree once; the readers then locate each problem in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

import attrs

from referentiel.io import codes
from referentiel.io._located import LongNumber
from referentiel.issues import Code, Path

__all__ = [
    "Collected",
    "ExtraKeysError",
    "MissingKeyError",
    "Problem",
    "ShapeError",
    "StructureErrors",
    "class_name",
    "expect",
    "problems_of",
    "shown",
    "type_name",
]


class ShapeError(ValueError):
    """A value of the wrong type or an unknown enum value; its message is shown as is."""


class MissingKeyError(ValueError):
    """A required key is absent; its message is shown as is."""


class ExtraKeysError(ValueError):
    """Keys that no field of *cls* has."""

    def __init__(self, cls: type, keys: set[Any]) -> None:
        self.cls = cls
        self.keys = keys
        super().__init__(f"unknown keys in {cls.__name__}: {sorted(map(str, keys))}")


#: A step from a value to one of its parts: a key, an index, or none (the value itself).
Step: TypeAlias = str | int | None


class Collected(ValueError):  # noqa: N818 - a group of problems, not one error
    """Every problem met while structuring one value, each with the step that leads to it."""

    def __init__(self, problems: list[tuple[Step, Exception]]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(exc) for _, exc in problems))


@attrs.frozen
class Problem:
    """One structuring problem: where (path parts), what, and whether it is about a key."""

    path: Path
    message: str
    code: Code
    at_key: bool = False


class StructureErrors(ValueError):  # noqa: N818 - a group of problems, not one error
    """Every problem met while structuring, in the order they were met."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def type_name(value: object) -> str:
    """Name *value*'s type as a file's author knows it (string, integer, mapping ...).

    >>> type_name([]), type_name(True), type_name(None)
    ('list', 'boolean', 'null')
    """
    names = [
        (bool, "boolean"),
        (int, "integer"),
        (float, "number"),
        (str, "string"),
        (Mapping, "mapping"),
        (list, "list"),
        (dt.date, "date"),
        (type(None), "null"),
    ]
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def shown(value: object) -> str:
    """Show a scalar *value* in a message, cut at 60 characters; '' for anything else."""
    text = repr(value) if isinstance(value, str | int | float) else ""
    return text if len(text) <= 60 else text[:57] + "..."


def _article(name: str) -> str:
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def expect(kind: str, value: object) -> ShapeError:
    """Return the error for *value* where *kind* was expected.

    >>> print(expect("an integer", "trois"))
    expected an integer, got string 'trois'
    """
    if isinstance(value, LongNumber):
        return ShapeError(f"expected {kind}, got {value!r}")
    if isinstance(value, str | int | float) or value is None:
        return ShapeError(f"expected {kind}, got {type_name(value)} {shown(value)}".rstrip())
    return ShapeError(f"expected {kind}, got {_article(type_name(value))}")


def class_name(cls: type) -> str:
    """Name a model class as a file's author knows it.

    >>> from referentiel.model import Contradiction
    >>> class_name(Contradiction)
    'a contradiction'
    """
    return _article(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).lower())


def problems_of(exc: BaseException, path: Path = ()) -> Iterator[Problem]:
    """Translate an error the converter raised into problems, in the order they were met."""
    if isinstance(exc, Collected):
        for step, sub in exc.problems:
            yield from problems_of(sub, path if step is None else (*path, step))
        return
    if isinstance(exc, ExtraKeysError):
        import difflib  # noqa: PLC0415 - only for unknown keys

        allowed = [f.name for f in attrs.fields(exc.cls)]
        for key in sorted(exc.keys, key=str):
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            expected = (
                f"did you mean {hint[0]!r}?"
                if hint
                else "expected one of " + ", ".join(repr(a) for a in allowed)
            )
            message = f"unknown key {key!r} in {class_name(exc.cls)} ({expected})"
            yield Problem((*path, key), message, codes.UNKNOWN_KEY, at_key=True)
        return
    if isinstance(exc, MissingKeyError):
        yield Problem(path, str(exc), codes.MISSING_KEY)
        return
    if isinstance(exc, ShapeError):
        code = codes.UNKNOWN_VALUE if str(exc).startswith("unknown ") else codes.WRONG_TYPE
        yield Problem(path, str(exc), code)
        return
    # attrs validators and anything unforeseen: the message as given
    yield Problem(path, f"invalid value: {exc}", codes.INVALID_VALUE)
