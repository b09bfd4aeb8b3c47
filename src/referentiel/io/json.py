"""Framework files in JSON: ``read_json``, ``write_json``, ``loads_json``, ``dumps_json``.

Loading takes a fast path (``json.loads`` and the fast converter); only a file with problems is
parsed a second time, keeping positions, to locate every problem at its line and column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any, TypeVar

from referentiel._gc import paused_gc
from referentiel._output import write_output
from referentiel.errors import FileFormatError
from referentiel.io import codes, plain
from referentiel.io._events import check_depth, locate_many
from referentiel.io._input import read_input
from referentiel.io._located import LongNumber, YamlSyntaxError
from referentiel.io._problems import StructureErrors
from referentiel.io._text import Locate, decode, file_error, located_issues
from referentiel.issues import Path as IssuePath
from referentiel.model import Framework

T = TypeVar("T")

__all__ = ["dumps_json", "loads_json", "read_json", "write_json"]


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _parse_int(text: str) -> int | LongNumber:
    return int(text) if len(text) <= LongNumber.LIMIT else LongNumber(len(text))


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _duplicate_position(text: str, key: str) -> tuple[int, int]:
    from referentiel.io._positions import parse_yaml  # noqa: PLC0415 - only errors need it

    try:
        parse_yaml(text)
    except YamlSyntaxError as exc:
        return exc.position
    return (1, 1)  # pragma: no cover - JSON's duplicate is also YAML's


def _check_depth(text: str, filename: str | None) -> None:
    try:
        check_depth(text)
    except YamlSyntaxError as exc:
        raise file_error(filename, exc.code, str(exc), exc.position) from None


def parse_located(
    text: str,
    filename: str | None,
    cls: type[T],
    *,
    what: str = "framework",
) -> tuple[T, Locate]:
    """Parse JSON *text* into a *cls* and a function that locates paths in the text."""
    try:
        with paused_gc():
            data = json.loads(
                text,
                object_pairs_hook=_no_duplicates,
                parse_constant=_reject_constant,
                parse_int=_parse_int,
            )
    except _DuplicateKeyError as exc:
        position = _duplicate_position(text, exc.key)
        raise file_error(
            filename, codes.DUPLICATE_KEY, f"duplicate key {exc.key!r}", position
        ) from None
    except json.JSONDecodeError as exc:
        raise file_error(filename, codes.JSON_SYNTAX, exc.msg, (exc.lineno, exc.colno)) from None
    except RecursionError:
        _check_depth(text, filename)
        raise file_error(  # pragma: no cover - libyaml reads every JSON text json reads
            filename, codes.TOO_DEEP, "the document is nested too deeply", (1, 1)
        ) from None
    except ValueError as exc:
        raise file_error(filename, codes.JSON_SYNTAX, str(exc), (1, 1)) from None

    def where(queries: Sequence[tuple[IssuePath, bool]]) -> list[tuple[int, int]]:
        # positions are only needed for problems: JSON is YAML, and libyaml's events give them
        positions = locate_many(text, queries)
        if positions is not None:
            return positions
        from referentiel.io._positions import locate, parse_yaml  # noqa: PLC0415 - rarely

        try:
            tree = parse_yaml(text)
        except YamlSyntaxError:
            tree = None
        return [locate(tree, path, at_key=at_key) for path, at_key in queries]

    try:
        return plain.structure(data, cls), where
    except StructureErrors as exc:
        _check_depth(text, filename)  # deep nesting is a problem of its own, said first
        raise FileFormatError(located_issues(exc.problems, filename, where)) from None


def loads_json(text: str, *, filename: str | None = None) -> Framework:
    """Read a framework from JSON *text*; *filename* is used in error locations.

    >>> loads_json('{"id": "x", "title": "X", "tensions": [{"kind": "dilemme"}]}').tensions
    Traceback (most recent call last):
    ...
    referentiel.errors.FileFormatError: 1:49: error unknown-value: unknown kind: 'dilemme' (expected one of 'contradiction', 'dilemma') (at $.tensions[0].kind)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    return parse_located(text, filename, Framework)[0]


def read_json(path: str | os.PathLike[str]) -> Framework:
    """Read a framework from the JSON file at *path*.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_json(ref.load("examples/customer-relations.yaml"), folder / "f.json")
    >>> read_json(folder / "f.json").id
    'customer-relations'
    """
    return loads_json(decode(read_input(path), str(path)), filename=str(path))


def dumps_json(framework: Framework, *, indent: int | None = 2) -> str:
    """Write *framework* as JSON text (UTF-8 characters kept as they are).

    >>> from referentiel.model import Framework
    >>> dumps_json(Framework(id="x", title="Référentiel"), indent=None)
    '{"id": "x", "title": "Référentiel"}'
    """
    with paused_gc():  # plain data and the encoder's generators make no cycles to collect
        text = json.dumps(plain.to_dict(framework), ensure_ascii=False, indent=indent)
    return text + ("\n" if indent is not None else "")


def write_json(
    framework: Framework, path: str | os.PathLike[str], *, indent: int | None = 2
) -> None:
    """Write *framework* to *path* as JSON, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_json(ref.load("examples/kinesitherapy.yaml"), folder / "k.json", indent=None)
    >>> (folder / "k.json").read_text(encoding="utf-8")[:23]
    '{"id": "kinesitherapy",'
    """
    write_output(path, dumps_json(framework, indent=indent).encode("utf-8"))
