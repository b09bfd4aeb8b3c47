"""Read the common YAML framework file quickly, with libyaml's C parser, keeping no positions.

The located reader (:mod:`referentiel.io._positions`, ruamel.yaml in pure Python) gives every
error its line and column, but parsing with it is most of the time of loading a file. This
reader walks libyaml's events instead, and reads only documents whose meaning is beyond doubt
the same as the located reader's (YAML 1.2 core schema): one document, no directives, anchors,
aliases or tags, no duplicate or complex keys, and plain scalars that YAML 1.2 reads as strings,
decimal integers, booleans or null (dates stay strings, as they do there). For anything else,
including any syntax error, :func:`parse_fast` returns :data:`DECLINED` and the caller reads the
text with the located reader, which also reports the error where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from referentiel.io._located import LongNumber, start, too_deep, too_deep_for_libyaml
from referentiel.io.limits import MAX_DEPTH

if TYPE_CHECKING:
    from yaml._yaml import CParser

__all__ = ["DECLINED", "NOT_STRINGS", "Mark", "parse_fast", "plain_scalar"]

#: What :func:`parse_fast` returns when the located reader must read the text.
DECLINED: Final = object()

# The YAML 1.2 core schema's implicit types, as ruamel.yaml's resolver writes them (its
# resolver.py): a plain scalar matching one of these is not a string.
_BOOL: Final = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL: Final = re.compile(r"(?:~|null|Null|NULL|)\Z")
_DECIMAL: Final = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")
_TIMESTAMP: Final = re.compile(
    r"""(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\Z""",
    re.X,
)
# Every other number form (octal, hexadecimal, binary, underscores, floats, .inf, .nan), merge
# keys and the "=" value key: declined, so that their exact reading stays ruamel.yaml's.
_OTHER: Final = re.compile(
    r"""(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |<<|=)\Z""",
    re.X,
)


#: Plain scalars that the readers take for something else than a string (or decline to read):
#: a writer must quote a string that matches one (:mod:`referentiel.io._yamlwriter` does).
NOT_STRINGS: Final = (_BOOL, _NULL, _DECIMAL, _OTHER)


# Characters on which libyaml (YAML 1.1) and ruamel.yaml (YAML 1.2) disagree, or which the located
# reader must report: tabs (ruamel.yaml refuses some separators libyaml takes), NEL, LS and PS
# (line breaks in 1.1 only), a byte order mark past the start, and the non-printable characters.
_DISPUTED: Final = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


class _Declined(Exception):  # noqa: N818 - a signal, not an error
    """The text holds something only the located reader may read."""


#: The first characters of the plain scalars that YAML 1.2 reads as other than a string
#: (booleans, null, numbers, dates) or that are declined (other numbers, merge keys): a plain
#: scalar starting otherwise is a string, with no pattern to try (most are).
_SPECIAL_STARTS: Final = frozenset("tTfFnN~0123456789-+._<=")


def _scalar(value: str, *, plain: bool) -> object:
    if not plain or (value and value[0] not in _SPECIAL_STARTS):
        return value
    if _BOOL.match(value):
        return value[0] in "tT"
    if _NULL.match(value):
        return None
    if _DECIMAL.match(value):
        return int(value) if len(value) <= LongNumber.LIMIT else LongNumber(len(value))
    if _TIMESTAMP.match(value):  # the located reader keeps dates as their text
        return value
    if _OTHER.match(value):
        raise _Declined
    return value


def plain_scalar(value: str, *, plain: bool) -> object:
    """Return the value of a scalar as the located reader reads it (its text if in doubt)."""
    try:
        return _scalar(value, plain=plain)
    except _Declined:
        return value


#: Where a node of the two upper levels begins: (its level, line, column (both from 0), flow
#: style, kind: "scalar", "mapping" or "sequence"); level 0 is the document's root, 1 a key or
#: value in it, 2 a node in one of those.
Mark = tuple[int, int, int, bool, str]


def parse_fast(text: str, marks: list[Mark] | None = None) -> Any:  # noqa: ANN401 - any data
    r"""Return the data of the YAML document *text*, or :data:`DECLINED`.

    >>> parse_fast("id: x\nnumber: 3\ndate: 2019-03-12\nok: true\n")
    {'id': 'x', 'number': 3, 'date': '2019-03-12', 'ok': True}
    >>> parse_fast("mode: 0o17") is DECLINED  # an octal number: the located reader reads it
    True
    >>> parse_fast("a: &x 1\nb: *x") is DECLINED
    True
    """
    try:
        from yaml._yaml import CParser  # noqa: PLC0415 - absent when built without libyaml
    except ImportError:  # pragma: no cover - PyYAML's wheels all ship libyaml
        return DECLINED
    if _DISPUTED.search(text):
        return DECLINED
    parser = CParser(text)
    try:
        return _walk(parser, marks)
    except _Declined:
        return DECLINED
    except yaml.YAMLError as exc:
        if deep := too_deep_for_libyaml(exc):
            raise deep from None
        return DECLINED
    finally:
        parser.dispose()


def _walk(parser: CParser, marks: list[Mark] | None) -> dict[Any, Any]:
    """Build the document from *parser*'s events (an explicit stack: no recursion)."""
    builder = _Builder() if marks is None else _MarkingBuilder(marks)
    handlers: dict[type[Event | None], Callable[[Any], None]] = {
        StreamStartEvent: _skip,
        DocumentStartEvent: builder.document,
        DocumentEndEvent: _skip,
        ScalarEvent: builder.scalar,
        MappingStartEvent: builder.mapping,
        MappingEndEvent: builder.end,
        SequenceStartEvent: builder.sequence,
        SequenceEndEvent: builder.end,
        AliasEvent: _decline,
    }
    while type(event := parser.get_event()) is not StreamEndEvent:
        handlers.get(type(event), _decline)(event)
    return builder.result()


def _skip(_event: object) -> None:
    pass


def _decline(_event: object) -> None:
    raise _Declined


def _no_anchor_or_tag(event: ScalarEvent | CollectionStartEvent) -> None:
    if event.anchor is not None or event.tag is not None:
        raise _Declined


class _Builder:
    """The document built so far, and the collections still open."""

    def __init__(self) -> None:
        self.root: object = DECLINED
        self.documents = 0
        # each open collection, and for a mapping the key waiting for its value (or DECLINED)
        self.open: list[list[Any]] = []

    def document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1 or event.version is not None or event.tags:
            raise _Declined

    def scalar(self, event: ScalarEvent) -> None:
        _no_anchor_or_tag(event)
        self._add(_scalar(event.value, plain=event.implicit[0]))

    def mapping(self, event: MappingStartEvent) -> None:
        _no_anchor_or_tag(event)
        self._add_open({}, event)

    def sequence(self, event: SequenceStartEvent) -> None:
        _no_anchor_or_tag(event)
        self._add_open([], event)

    def end(self, _event: object) -> None:
        self.open.pop()

    def result(self) -> dict[Any, Any]:
        if self.documents != 1 or not isinstance(self.root, dict):
            raise _Declined  # empty, or not a mapping: the located reader says what it is
        return self.root

    def _add_open(
        self, collection: dict[Any, Any] | list[Any], event: CollectionStartEvent
    ) -> None:
        if len(self.open) >= MAX_DEPTH:
            raise too_deep(start(event))
        self._add(collection)
        self.open.append([collection, DECLINED])

    def _add(self, value: object) -> None:
        if not self.open:
            self.root = value
            return
        top = self.open[-1]
        container = top[0]
        if isinstance(container, list):
            container.append(value)
        elif top[1] is DECLINED:  # a key
            if isinstance(value, dict | list) or value in container:
                raise _Declined  # complex or duplicate key: the located reader says which
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = DECLINED


class _MarkingBuilder(_Builder):
    """A builder that also notes where the nodes of the two upper levels begin."""

    def __init__(self, marks: list[Mark]) -> None:
        super().__init__()
        self.marks = marks

    def _mark(self, event: ScalarEvent | CollectionStartEvent, kind: str) -> None:
        if len(self.open) <= 2:  # the two upper levels
            line, column = start(event)
            flow = bool(getattr(event, "flow_style", False))
            self.marks.append((len(self.open), line - 1, column - 1, flow, kind))

    def scalar(self, event: ScalarEvent) -> None:
        self._mark(event, "scalar")
        super().scalar(event)

    def mapping(self, event: MappingStartEvent) -> None:
        self._mark(event, "mapping")
        super().mapping(event)

    def sequence(self, event: SequenceStartEvent) -> None:
        self._mark(event, "sequence")
        super().sequence(event)
