"""Write plain data as YAML quickly, with libyaml's C emitter, so that it reads back unchanged.

ruamel.yaml in pure Python wrote a 20 000-excerpt framework in about 17 s; libyaml's emitter
(PyYAML's ``CSafeDumper``) writes it in well under a second. The file is read back by
ruamel.yaml (YAML 1.2) or the fast reader, while libyaml resolves plain scalars as YAML 1.1:
every plain form either reader takes for something else than a string (``0o17``, ``1e5``,
``.inf``, ``null`` ...) is quoted too.
Text with a line break (YAML counts NEL, LS and PS too) is double-quoted, which escapes them,
and so is quoted text with an apostrophe, as ruamel.yaml writes it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any, Final

import yaml

from referentiel.io._fastyaml import NOT_STRINGS

__all__ = ["YAML_BREAKS", "dump_plain"]

#: Plain scalars that the readers take for something else than a string: quoted when written.
NOT_A_STRING: Final = re.compile("|".join(f"(?:{p.pattern})" for p in NOT_STRINGS), re.X)

#: What YAML counts as line breaks (NEL, LS and PS too): text holding one is double-quoted,
#: which escapes them, so that it reads back unchanged.
YAML_BREAKS: Final = frozenset("\r\n\x85\u2028\u2029")


# What keeps a string from being written plain, roughly (libyaml decides exactly): used only to
# prefer double quotes to single ones for text with apostrophes, as hand-written French has.
_QUOTED: Final = re.compile(r"""\A[-?:,\[\]{}#&*!|>'"%@`\s]|: |\s#|[:\s]\Z""")


_STR: Final = "tag:yaml.org,2002:str"
_PLAIN_TAGS: Final = {bool: "tag:yaml.org,2002:bool", int: "tag:yaml.org,2002:int"}
#: libyaml's dumper resolves plain scalars as YAML 1.1 does, with this (pure Python) resolver.
_RESOLVER: Final = yaml.resolver.Resolver()


@functools.cache
def _ruamel_resolver() -> Any:  # noqa: ANN401 - ruamel's resolver
    from ruamel.yaml.resolver import VersionedResolver  # noqa: PLC0415 - rarely needed

    return VersionedResolver()


def _reads_as_other(data: str) -> bool:
    """Whether a reader takes *data*, written plain, for something else than a string.

    The fast reader's patterns catch every such form (and a few strings, such as ``_``);
    ruamel.yaml, which reads those, says exactly (rarely asked: only then imported).
    """
    if not NOT_A_STRING.match(data):
        return False
    from ruamel.yaml.nodes import ScalarNode  # noqa: PLC0415

    tag: str = _ruamel_resolver().resolve(ScalarNode, data, (True, False))
    return tag != _STR


def _string(data: str) -> yaml.ScalarEvent:
    if not YAML_BREAKS.isdisjoint(data) or ("'" in data and _QUOTED.search(data)):
        style: str | None = '"'  # escapes every line break; no doubled apostrophes
    else:
        style = None  # plain if the emitter can, else quoted as it chooses
    plain = (
        _RESOLVER.resolve(yaml.ScalarNode, data, (True, False)) == _STR  # type: ignore[no-untyped-call]
        and not _reads_as_other(data)
    )
    return yaml.ScalarEvent(None, _STR, (plain, True), data, style=style)


def _scalar(data: Any) -> yaml.ScalarEvent:  # noqa: ANN401 - any plain scalar
    if data is None:
        return yaml.ScalarEvent(None, "tag:yaml.org,2002:null", (True, False), "null")
    if isinstance(data, bool):
        return yaml.ScalarEvent(None, _PLAIN_TAGS[bool], (True, False), str(data).lower())
    if isinstance(data, int):
        return yaml.ScalarEvent(None, _PLAIN_TAGS[int], (True, False), str(data))
    msg = f"cannot write {type(data).__name__} as YAML"
    raise TypeError(msg)


def _events(data: Any) -> Iterator[yaml.Event]:  # noqa: ANN401 - any plain data
    """Yield the events of *data*, as the safe representer and serializer would make them.

    Made here, without the representer's nodes, since that Python layer took most of the time;
    the event of a short string (a key, an id, a speaker) is made once and given again.
    """
    known: dict[str, yaml.ScalarEvent] = {}
    stack: list[tuple[Iterator[Any], yaml.Event | None]] = [(iter((data,)), None)]
    while stack:
        items, end = stack[-1]
        item = next(items, _END)
        if item is _END:
            stack.pop()
            if end is not None:
                yield end
        elif isinstance(item, str):
            event = known.get(item)
            if event is None:
                event = _string(item)
                if len(item) <= _SHORT:
                    known[item] = event
            yield event
        elif isinstance(item, dict):
            yield _MAPPING_START
            stack.append((itertools.chain.from_iterable(item.items()), _MAPPING_END))
        elif isinstance(item, list):
            yield _SEQUENCE_START
            stack.append((iter(item), _SEQUENCE_END))
        else:
            yield _scalar(item)


_END: Final = object()
_SHORT: Final = 64  # strings up to this length have their event kept, to be given again
# Events hold no state the emitter changes: the same start and end events serve every time.
_MAPPING_START: Final = yaml.MappingStartEvent(None, None, True, flow_style=False)  # noqa: FBT003
_MAPPING_END: Final = yaml.MappingEndEvent()
_SEQUENCE_START: Final = yaml.SequenceStartEvent(None, None, True, flow_style=False)  # noqa: FBT003
_SEQUENCE_END: Final = yaml.SequenceEndEvent()


def dump_plain(data: Any, *, header: str = "") -> str:  # noqa: ANN401 - any plain data
    """Return *data* (dicts, lists, strings, integers, booleans, None) as block-style YAML."""

    def stream() -> Iterator[yaml.Event]:
        yield yaml.StreamStartEvent()
        yield yaml.DocumentStartEvent(explicit=False)
        yield from _events(data)
        yield yaml.DocumentEndEvent(explicit=False)
        yield yaml.StreamEndEvent()

    text: str = yaml.emit(
        stream(),
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        width=-1,  # never fold a line: libyaml reads a negative width as no limit
    )
    return header + text
