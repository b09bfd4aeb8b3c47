"""Framework files in YAML, the hand-written format.

The verbs: ``read_yaml``, ``write_yaml``, ``loads_yaml``, ``dumps_yaml``.

Errors are located at their line and column. Duplicate keys, anchors, aliases and tags are
refused. Comments of a hand-written file are not kept when a framework is written back.

Loading takes a fast path (libyaml, see :mod:`referentiel.io._fastyaml`) for the files it can
read exactly; the others, and any file with problems, are parsed by ruamel.yaml keeping
positions, to locate every problem at its line and column.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Final, TypeVar

from referentiel._atomic import write_atomic
from referentiel.errors import FileFormatError
from referentiel.io import codes, plain
from referentiel.io._fastyaml import DECLINED, parse_fast
from referentiel.io._gc import paused_gc
from referentiel.io._problems import StructureErrors
from referentiel.io._text import Locate, decode, file_error, located_issues
from referentiel.issues import Path as IssuePath
from referentiel.model import Framework

__all__ = ["dumps_yaml", "loads_yaml", "read_yaml", "write_yaml"]

T = TypeVar("T")


def parse_located(
    text: str,
    filename: str | None = None,
    cls: type[T] = Framework,  # type: ignore[assignment]  # the default target
    *,
    what: str = "framework",
) -> tuple[T, Locate]:
    """Parse YAML *text* into a *cls* and a function that locates paths in the text."""
    with paused_gc():
        document = parse_fast(text)
    fast = document is not DECLINED
    if not fast:
        document = _parse_with_positions(text, filename)

    def where(path: IssuePath, at_key: bool) -> tuple[int, int]:  # noqa: FBT001
        nonlocal document, fast
        if fast:  # positions are only needed for problems: parse again, keeping them
            document, fast = _parse_with_positions(text, filename), False
        from referentiel.io._positions import locate  # noqa: PLC0415 - see _parse_with_positions

        return locate(document, path, at_key=at_key)

    if document is None:
        raise file_error(filename, codes.EMPTY_FILE, f"the file holds no {what}", (1, 1))
    try:
        return plain.structure(document, cls), where
    except StructureErrors as exc:
        raise FileFormatError(located_issues(exc.problems, filename, where)) from None


def _parse_with_positions(text: str, filename: str | None) -> Any:  # noqa: ANN401 - plain data
    # ruamel.yaml is imported only when positions are needed or the fast path declined
    from referentiel.io._positions import YamlSyntaxError, parse_yaml  # noqa: PLC0415

    try:
        return parse_yaml(text)
    except YamlSyntaxError as exc:
        raise file_error(filename, exc.code, str(exc), exc.position) from None


def loads_yaml(text: str, *, filename: str | None = None) -> Framework:
    r"""Read a framework from YAML *text*; *filename* is used in error locations.

    >>> fw = loads_yaml('''
    ... id: demo
    ... title: Démo
    ... tensions:
    ...   - kind: dilemma
    ...     id: d1
    ...     number: 1
    ...     first: {label: Soigner}
    ...     second: {label: Rééduquer}
    ...     provenance: {status: illustrative, justification: exemple}
    ... ''')
    >>> fw["d1"].second.label
    'Rééduquer'
    >>> loads_yaml("id: x\ntitle: X\ntensions: []\nsourcse: []\n", filename="f.yaml")
    Traceback (most recent call last):
    ...
    referentiel.errors.FileFormatError: f.yaml:4:1: error unknown-key: unknown key 'sourcse' in a framework (did you mean 'sources'?) (at $.sourcse)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    return parse_located(text, filename)[0]


def read_yaml(path: str | os.PathLike[str]) -> Framework:
    """Read a framework from the YAML file at *path*.

    >>> read_yaml("examples/kinesitherapy.yaml").trade
    'Masseur-kinésithérapeute'
    """
    data = Path(path).read_bytes()
    return loads_yaml(decode(data, str(path)), filename=str(path))


_BREAKS: Final = frozenset("\r\n\x85\u2028\u2029")


def _represent_str(representer: Any, data: str) -> Any:  # noqa: ANN401 - ruamel's API
    # Plain and single-quoted scalars fold line breaks, and YAML counts NEL, LS and PS as line
    # breaks too: double quotes escape them, so that every string comes back unchanged.
    style = '"' if not _BREAKS.isdisjoint(data) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def dumps_yaml(framework: Framework, *, schema: str | None = None) -> str:
    """Write *framework* as YAML text; with *schema*, start with the editor's schema comment.

    >>> from referentiel.model import Framework
    >>> print(dumps_yaml(Framework(id="x", title="Vide"), schema="referentiel.schema.json"))
    # yaml-language-server: $schema=referentiel.schema.json
    id: x
    title: Vide
    <BLANKLINE>
    """
    from ruamel.yaml import YAML  # noqa: PLC0415 - reading files does not need it

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 1_000_000  # no folding: ruamel folds some escaped double-quoted text wrongly
    yaml.representer.add_representer(str, _represent_str)
    buffer = io.StringIO()
    if schema is not None:
        buffer.write(f"# yaml-language-server: $schema={schema}\n")
    yaml.dump(plain.to_dict(framework), buffer)
    return buffer.getvalue()


def write_yaml(
    framework: Framework, path: str | os.PathLike[str], *, schema: str | None = None
) -> None:
    """Write *framework* to *path* as YAML, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_yaml(ref.load("examples/customer-relations.yaml"), folder / "copy.yaml")
    >>> read_yaml(folder / "copy.yaml") == ref.load("examples/customer-relations.yaml")
    True
    """
    write_atomic(path, dumps_yaml(framework, schema=schema).encode("utf-8"))
