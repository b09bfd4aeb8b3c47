"""Positions in YAML (and JSON) text from libyaml's events: in one linear pass, with no tree.

Problems found after a fast parse (:mod:`referentiel.io._fastyaml`, or ``json.loads``) need
their line and column. Parsing the text again with ruamel.yaml keeping positions costs far more
than the fast parse, and more than linearly on deep nesting; here libyaml's C parser streams its
events once and only the positions of the asked paths (and of the nodes above them) are kept.

:func:`check_depth` bounds the nesting (:data:`~referentiel.io._located.MAX_DEPTH`) before
any parser that recurses (ruamel.yaml's composer) reads the text: a framework file is about
eight levels deep. Locating needs no bound: it keeps no tree and does not recurse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, cast

import yaml
from yaml.events import (
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from referentiel.io._fastyaml import plain_scalar
from referentiel.io._located import Position, start, too_deep, too_deep_for_libyaml
from referentiel.io.limits import MAX_DEPTH
from referentiel.issues import Path

if TYPE_CHECKING:
    from yaml._yaml import CParser

__all__ = ["check_depth", "locate_many"]


def _parser(text: str) -> CParser | None:
    try:
        from yaml._yaml import CParser  # noqa: PLC0415 - absent when built without libyaml
    except ImportError:  # pragma: no cover - PyYAML's wheels all ship libyaml
        return None
    return CParser(text)


def check_depth(text: str) -> None:
    """Raise a located :exc:`YamlSyntaxError` if *text* nests deeper than :data:`MAX_DEPTH`.

    A syntax error stops the check silently: the parser that reads the text next reports it.
    """
    parser = _parser(text)
    if parser is None:  # pragma: no cover - see _parser
        return
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise too_deep(start(event))
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if deep := too_deep_for_libyaml(exc):
            raise deep from None
        return
    finally:
        parser.dispose()


class _Frame:
    """An open mapping or sequence: its path (None when no asked path goes through it)."""

    __slots__ = ("index", "is_mapping", "key", "key_mark", "path")

    def __init__(self, path: Path | None, *, is_mapping: bool) -> None:
        self.path = path
        self.is_mapping = is_mapping
        self.index = 0
        self.key: object = _NO_KEY
        self.key_mark: Position | None = None


_NO_KEY: Final = object()
_LIBYAML_BREAKS: Final = frozenset("\x85\u2028\u2029")
_STARTS: Final = (MappingStartEvent, SequenceStartEvent)
#: The frame of every collection no asked path goes through (never changed: nothing is placed).
_ASIDE: Final = _Frame(None, is_mapping=False)


def _found_positions(
    text: str, wanted: set[Path]
) -> dict[Path, tuple[Position | None, Position, bool]] | None:
    """Map each node on an asked path to (its key's position, its own, whether a collection)."""
    parser = _parser(text)
    if parser is None:  # pragma: no cover - see _parser
        return None
    found: dict[Path, tuple[Position | None, Position, bool]] = {}
    frames: list[_Frame] = []
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                frames.pop()
                continue
            if kind is not ScalarEvent and kind not in _STARTS:
                continue  # stream and document events; aliases are refused before this
            if frames and frames[-1].path is None:  # no asked path goes through here
                if kind is not ScalarEvent:
                    frames.append(_ASIDE)
                continue
            here = start(event)
            path, key_mark = _place(frames, cast("ScalarEvent | CollectionStartEvent", event), here)
            if path is not None and path not in wanted:
                path = None
            if path is not None:
                found[path] = (key_mark, here, kind is not ScalarEvent)
            if kind is not ScalarEvent:
                frames.append(_Frame(path, is_mapping=kind is MappingStartEvent))
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return found


def _place(
    frames: list[_Frame], event: ScalarEvent | CollectionStartEvent, here: Position
) -> tuple[Path | None, Position | None]:
    """Return the path of the node *event* starts (None if not asked for) and its key's place.

    A mapping's keys are recorded as they come and have no path of their own.
    """
    if not frames:
        return (), None
    top = frames[-1]
    if top.is_mapping:
        if top.key is _NO_KEY:  # this node is a key
            top.key = (
                plain_scalar(event.value, plain=event.implicit[0])
                if isinstance(event, ScalarEvent)
                else None
            )
            top.key_mark = here
            return None, None
        key, key_mark = top.key, top.key_mark
        top.key, top.key_mark = _NO_KEY, None
        # a key is a path part as the data holds it: text, or a number (any scalar in a bad file)
        part = cast("str | int", key)
        return (None if top.path is None else (*top.path, part)), key_mark
    index = top.index
    top.index += 1
    return (None if top.path is None else (*top.path, index)), None


def locate_many(text: str, queries: Sequence[tuple[Path, bool]]) -> list[Position] | None:
    """Return the position of each ``(path, at_key)`` in *text*, as deep as the path goes.

    The same positions as :func:`referentiel.io._positions.locate` gives on ruamel.yaml's tree:
    a key's value, or the key itself for a mapping or sequence value (or with *at_key*), a
    sequence's item. None when libyaml cannot parse *text*, or would count its lines otherwise
    (the caller then parses it with ruamel.yaml, which reports any syntax error).
    """
    if not _LIBYAML_BREAKS.isdisjoint(text):
        return None  # libyaml (YAML 1.1) counts NEL, LS and PS as line breaks; ruamel.yaml does not
    wanted = {path[:depth] for path, _ in queries for depth in range(len(path) + 1)}
    found = _found_positions(text, wanted)
    if found is None:
        return None
    positions = []
    for path, at_key in queries:
        root = found.get(())
        position = root[1] if root is not None else (1, 1)
        for depth in range(1, len(path) + 1):
            node = found.get(path[:depth])
            if node is None:
                break
            key_mark, own, is_collection = node
            last = depth == len(path)
            use_key = key_mark is not None and ((last and at_key) or is_collection)
            position = key_mark if use_key and key_mark is not None else own
        positions.append(position)
    return positions
