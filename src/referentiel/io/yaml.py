"""Framework files in YAML, the hand-written format.

The verbs: ``read_yaml``, ``write_yaml``, ``loads_yaml``, ``dumps_yaml``.

Errors are located at their line and column. Duplicate keys, anchors, aliases and tags are
refused. Writing a framework over a YAML file keeps that file's comments and key order.

Loading takes a fast path (libyaml, see :mod:`referentiel.io._fastyaml`) for the files it can
read exactly; the others, and any file with problems, are parsed by ruamel.yaml keeping
positions, to locate every problem at its line and column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from referentiel._gc import paused_gc
from referentiel._output import write_output
from referentiel.errors import FileFormatError
from referentiel.io import codes, plain
from referentiel.io._events import locate_many
from referentiel.io._fastyaml import DECLINED, parse_fast
from referentiel.io._input import read_input
from referentiel.io._located import YamlSyntaxError
from referentiel.io._problems import StructureErrors
from referentiel.io._text import Locate, decode, file_error, located_issues
from referentiel.issues import Path as IssuePath
from referentiel.model import Framework

__all__ = ["dumps_yaml", "loads_yaml", "read_yaml", "write_yaml"]

T = TypeVar("T")


def parse_located(
    text: str,
    filename: str | None,
    cls: type[T],
    *,
    what: str = "framework",
) -> tuple[T, Locate]:
    """Parse YAML *text* into a *cls* and a function that locates paths in the text."""
    try:
        with paused_gc():
            document = parse_fast(text)
    except YamlSyntaxError as exc:  # nested too deeply
        raise file_error(filename, exc.code, str(exc), exc.position) from None
    fast = document is not DECLINED
    if not fast:
        document = _parse_with_positions(text, filename)

    def where(queries: Sequence[tuple[IssuePath, bool]]) -> list[tuple[int, int]]:
        # positions are only needed for problems: libyaml's events give them in one pass
        if fast and (positions := locate_many(text, queries)) is not None:
            return positions
        from referentiel.io._positions import locate  # noqa: PLC0415 - see _parse_with_positions

        tree = document if not fast else _parse_with_positions(text, filename)
        return [locate(tree, path, at_key=at_key) for path, at_key in queries]

    if document is None:
        raise file_error(filename, codes.EMPTY_FILE, f"the file holds no {what}", (1, 1))
    try:
        return plain.structure(document, cls), where
    except StructureErrors as exc:
        raise FileFormatError(located_issues(exc.problems, filename, where)) from None


def _parse_with_positions(text: str, filename: str | None) -> Any:  # noqa: ANN401 - plain data
    # ruamel.yaml is imported only when positions are needed or the fast path declined
    from referentiel.io._positions import parse_yaml  # noqa: PLC0415

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
    return parse_located(text, filename, Framework)[0]


def read_yaml(path: str | os.PathLike[str]) -> Framework:
    """Read a framework from the YAML file at *path*.

    >>> read_yaml("examples/kinesitherapy.yaml").trade
    'Masseur-kinésithérapeute'
    """
    return loads_yaml(decode(read_input(path), str(path)), filename=str(path))


def _represent_str(representer: Any, data: str) -> Any:  # noqa: ANN401 - ruamel's API
    # Plain and single-quoted scalars fold line breaks, and YAML counts NEL, LS and PS as line
    # breaks too: double quotes escape them, so that every string comes back unchanged.
    from referentiel.io._yamlwriter import YAML_BREAKS  # noqa: PLC0415 - see dumps_yaml

    style = '"' if not YAML_BREAKS.isdisjoint(data) else None
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
    from referentiel.io._yamlwriter import dump_plain  # noqa: PLC0415 - reading does not need it

    header = f"# yaml-language-server: $schema={schema}\n" if schema is not None else ""
    with paused_gc():  # see yaml_for
        data = plain.to_dict(framework)
        text = dump_plain(data, header=header)
    if "\\U" in text:  # libyaml escapes every character past U+FFFF (emoji ...): ruamel does not
        buffer = io.StringIO()
        buffer.write(header)
        _writer("safe").dump(data, buffer)
        text = buffer.getvalue()
    return text


def _writer(typ: str) -> Any:  # noqa: ANN401 - ruamel's YAML
    """Return a ruamel.yaml writer that gives every string back unchanged."""
    from ruamel.yaml import YAML  # noqa: PLC0415 - reading files does not need it

    yaml = YAML(typ=typ, pure=True)
    # set before the representer exists: it takes these settings when first made
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.allow_unicode = True
    yaml.width = 1_000_000  # no folding: ruamel folds some escaped double-quoted text wrongly
    yaml.representer.add_representer(str, _represent_str)
    return yaml


def update_yaml(text: str, framework: Framework) -> str:
    r"""Return YAML *text* rewritten to hold *framework*, keeping its comments and key order.

    What the framework still has keeps its place and its comments (the editor's schema line
    included); what it gained is added after; what it lost goes. Text that is not a YAML
    mapping is replaced by :func:`dumps_yaml`'s.

    >>> from referentiel.model import Framework
    >>> old = "# yaml-language-server: $schema=s.json\nid: x  # short\ntitle: Vide\n"
    >>> print(update_yaml(old, Framework(id="x", title="Plein", version="2")))
    # yaml-language-server: $schema=s.json
    id: x  # short
    title: Plein
    version: '2'
    <BLANKLINE>
    """
    from referentiel.io._yamlupdate import splice  # noqa: PLC0415 - reading does not need it

    # the parts that have not changed are kept as they are, and only the others rewritten
    if (spliced := splice(text, framework, _rewrite)) is not None:
        return spliced
    # Else the whole file goes through the round trip. Keys left at their default are not in
    # the new data: first keep such keys of the file as they are, then, if the file no longer
    # reads as the framework, let them go; failing that, the text is written anew. Whatever is
    # written reads back as the framework.
    data = plain.to_dict(framework)
    for keep_absent in (True, False):
        updated = _rewrite(text, data, keep_absent)
        if updated is None:
            break
        with contextlib.suppress(FileFormatError):
            if parse_located(updated, None, Framework)[0] == framework:
                return updated
    return dumps_yaml(framework)


def _rewrite(
    text: str,
    data: Any,  # noqa: ANN401 - plain data
    keep_absent: bool,  # noqa: FBT001 - splice's Rewrite
) -> str | None:
    """Return the YAML mapping *text* rewritten to hold *data*, comments kept; None if it is none.

    Used on a whole file, and by :func:`~referentiel.io._yamlupdate.splice` on one part of it.
    """
    from ruamel.yaml.comments import CommentedMap  # noqa: PLC0415 - only saving needs it

    try:
        yaml, document = _round_trip(text)
    except Exception:  # noqa: BLE001 - any text ruamel cannot take back is written anew
        return None
    if not isinstance(document, CommentedMap):
        return None
    _merge(document, data, keep_absent=keep_absent)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def _round_trip(text: str) -> tuple[Any, Any]:
    """Load *text* keeping comments, quotes and indentation; return the YAML and the document."""
    mapping, offset = _indents(text)
    yaml = _writer("rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml, yaml.load(text)


def _indents(text: str) -> tuple[int, int]:
    r"""Guess a file's indentation: of nested mappings, and of a list's dash under its key.

    >>> _indents("a:\n  b: 1\nc:\n  - 1\n"), _indents("a:\n    b: 1\nc:\n- 1\n")
    ((2, 2), (4, 0))
    """
    lines = [line for line in text.splitlines() if line.strip() and line.lstrip()[0] != "#"]
    mapping = offset = None
    for parent, line in itertools.pairwise(lines):
        if parent.rstrip().endswith(":") and not parent.lstrip().startswith("- "):
            step = (len(line) - len(line.lstrip())) - (len(parent) - len(parent.lstrip()))
            if line.lstrip().startswith("- "):
                offset = step if offset is None else offset
            elif step > 0:
                mapping = step if mapping is None else mapping
    return mapping or 2, max(offset or 0, 0)


def _merge(old: Any, new: Any, *, keep_absent: bool) -> Any:  # noqa: ANN401 - YAML and plain data
    """Return *new*, written into *old* where both are mappings or lists (comments kept)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        if not keep_absent:
            for key in [k for k in old if k not in new]:
                del old[key]
        for key, value in new.items():
            old[key] = _merge(old[key], value, keep_absent=keep_absent) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        del old[len(new) :]
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _merge(old[index], value, keep_absent=keep_absent)
            else:
                old.append(value)
        return old
    if isinstance(old, dt.date) and isinstance(new, str):  # a date the file wrote plainly
        return old if old.isoformat() == new else new
    same_kind = isinstance(old, str) and isinstance(new, str)
    if not same_kind and type(old) is not type(new):  # True and 1 are equal, not the same
        return new
    return old if old == new else new


def write_yaml(
    framework: Framework, path: str | os.PathLike[str], *, schema: str | None = None
) -> None:
    """Write *framework* to *path* as YAML, never destroying what was there.

    A YAML file already at *path* keeps its comments, key order and schema line
    (:func:`update_yaml`); a new one starts with the *schema* line if given.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_yaml(ref.load("examples/customer-relations.yaml"), folder / "copy.yaml")
    >>> read_yaml(folder / "copy.yaml") == ref.load("examples/customer-relations.yaml")
    True
    """
    write_output(path, yaml_for(framework, path, schema=schema).encode("utf-8"))


def yaml_for(
    framework: Framework, path: str | os.PathLike[str], *, schema: str | None = None
) -> str:
    """Return the YAML text that writing *framework* to *path* gives (see :func:`write_yaml`)."""
    # writing builds many small acyclic values (plain data, events, lines): the collector's
    # passes over them find nothing, and grow with the file (10x the tensions took 16x the time)
    with paused_gc():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            target = Path(path)
            if os.fspath(path) != "-" and target.is_file():
                return update_yaml(target.read_text(encoding="utf-8-sig"), framework)
        return dumps_yaml(framework, schema=schema)
