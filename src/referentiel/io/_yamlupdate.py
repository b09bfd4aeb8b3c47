"""Writing a framework over its YAML file fast: unchanged parts kept as they are, byte for byte.

Saving over a file keeps the file's comments and key order; doing it with ruamel.yaml's round
trip on the whole file (pure Python) costs about 200 times a C emitter. Most saves change a
few tensions of many. :func:`splice` reads the old text with libyaml (its data, and the lines
where each top-level key and each item of a top-level list begins), keeps every part whose
data has not changed as it was, and rewrites only the parts that did: each through the round
trip, on its own text, so that its comments stay too; new items and keys are written as a
fresh file writes them. Each rewritten part is checked to read back as the framework's; when a
file is laid out otherwise (flow style, an item not on its dash's line, a key not at the
margin) or a check fails, :func:`splice` returns None and the whole-file round trip takes over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from referentiel._fields import field_types
from referentiel.io import plain
from referentiel.io._fastyaml import DECLINED, Mark, parse_fast
from referentiel.io._yamlwriter import dump_plain
from referentiel.model import Framework

__all__ = ["splice"]

#: Rewrites one part (a mapping's text: a top-level key and its value, or a list's key and one
#: of its items) to hold new data, keeping the keys the data lacks or not; None if it cannot.
Rewrite = Callable[[str, Any, bool], "str | None"]


def _layout(
    lines: list[str], marks: list[Mark]
) -> tuple[list[int], dict[int, tuple[int, list[int]]]] | None:
    """Return the lines where the top-level keys begin, and the items of each block list.

    Items are given per key's index: (the dash's column, the line of each item). None if the
    document is not a block mapping of keys at the margin, or an item does not begin on its
    dash's line.
    """
    if not marks or marks[0][0] != 0 or marks[0][3] or marks[0][4] != "mapping":
        return None
    keys: list[int] = []
    items: dict[int, tuple[int, list[int]]] = {}
    expect_key = True
    for level, line, column, flow, kind in marks[1:]:
        if level == 1:
            if expect_key and (kind != "scalar" or column != 0):
                return None
            if expect_key:
                keys.append(line)
            elif kind == "sequence" and not flow:
                items[len(keys) - 1] = (-1, [])
            expect_key = not expect_key
        elif len(keys) - 1 in items:  # an item of a block list
            dash, starts = items[len(keys) - 1]
            text, at = lines[line], column - 2
            if at < 0 or text[at : at + 2] != "- " or text[:at].strip() or dash not in (-1, at):
                return None
            starts.append(line)
            items[len(keys) - 1] = (at, starts)
    return keys, items


def _indented(text: str, columns: int) -> str:
    pad = " " * columns
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _same(old: Any, new: Any) -> bool:  # noqa: ANN401 - plain data
    """Return whether two plain values are the same, their mappings' keys in the same order.

    Mappings that the model keeps in order (translations) are equal as dicts in any order: the
    representations, made in C, tell them apart.
    """
    return bool(old == new and repr(old) == repr(new))


def _reads_as(value: Any, hint: Any, expected: Any) -> bool:  # noqa: ANN401 - plain data, types
    try:
        return bool(plain.converter.structure(value, hint) == expected)
    except Exception:  # noqa: BLE001 - whatever does not read as *expected* is not it
        return False


def splice(text: str, framework: Framework, rewrite: Rewrite) -> str | None:
    """Return *text* rewritten to hold *framework*, or None if the file is not laid out for it.

    *rewrite* (the whole-file round trip, given one part) writes a changed part keeping its
    comments.
    """
    marks: list[Mark] = []
    old = parse_fast(text, marks)
    if old is DECLINED or not isinstance(old, dict) or not old:
        return None
    lines = text.splitlines(keepends=True)
    layout = _layout(lines, marks)
    if layout is None:
        return None
    starts, lists = layout
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    new = plain.to_dict(framework)
    types = field_types(Framework)
    out = lines[: starts[0]]
    ends = [*starts[1:], len(lines)]
    for index, key in enumerate(old):
        block = lines[starts[index] : ends[index]]
        expected = getattr(framework, key, None)
        if key not in new or _same(old[key], new[key]):
            # the same, or left at its default and kept as the file wrote it if it reads so
            if key in new or (key in types and _reads_as(old[key], types[key], expected)):
                out += block
            continue
        if index in lists and isinstance(new[key], list) and lists[index][1]:
            dash, item_lines = lists[index]
            part = _Items(block, key, expected, rewrite).splice(
                dash, [line - starts[index] for line in item_lines], old[key], new[key]
            )
        elif key in types and _reads_as(old[key], types[key], expected):
            part = "".join(block)  # written otherwise (a default spelt out): reads the same
        else:
            part = _rewritten("".join(block), {key: new[key]}, rewrite, _Reads(key, expected))
        if part is None:
            return None
        out.append(part)
    fresh = {key: value for key, value in new.items() if key not in old}
    if fresh:
        out.append(dump_plain(fresh))
    return "".join(out)


def _rewritten(
    part: str,
    data: Any,  # noqa: ANN401 - plain data
    rewrite: Rewrite,
    check: Callable[[Any], bool],
) -> str | None:
    """Return *part* rewritten to hold *data*, checked by *check* on what it reads as.

    Keys the data lacks (left at their defaults) are kept as the file wrote them if the part
    still reads as it should with them, else they go.
    """
    for keep_absent in (True, False):
        written = rewrite(part, data, keep_absent)
        if written is None:
            return None
        read = parse_fast(written)
        if isinstance(read, dict) and check(read):
            return written
    return None


@attrs.frozen
class _Reads:
    """Whether a rewritten part reads, under its key, as the framework's value of the key.

    With *item*, the part holds one item of the key's list, which must read as *expected*.
    """

    key: str
    expected: Any
    item: bool = False

    def __call__(self, data: dict[str, Any]) -> bool:
        hint = field_types(Framework).get(self.key)
        value = data.get(self.key)
        if hint is None:
            return False
        if self.item:
            if not isinstance(value, list) or len(value) != 1:
                return False
            hint, value = hint.__args__[0], value[0]  # tuple[X, ...]: an item's type
        return _reads_as(value, hint, self.expected)


class _Items:
    """The block of a top-level list: its key's line, then its items."""

    def __init__(self, block: list[str], key: str, expected: Any, rewrite: Rewrite) -> None:  # noqa: ANN401
        self.block = block
        self.key = key
        self.expected = expected
        self.rewrite = rewrite
        self.hint = field_types(Framework)[key].__args__[0]  # tuple[X, ...]: an item's type

    def splice(self, dash: int, starts: list[int], old: list[Any], new: list[Any]) -> str | None:
        """Return the block with each changed item rewritten, new ones added, gone ones gone.

        *dash* is the column of the items' dashes, *starts* the line of each in the block.
        """
        block = self.block
        bounds = [*starts, len(block)]
        out = block[: bounds[0]]
        for j, value in enumerate(new):
            if j >= len(old):
                out.append(_indented(dump_plain(new[j:]), dash))
                break
            item = block[bounds[j] : bounds[j + 1]]
            if _same(old[j], value) or _reads_as(old[j], self.hint, self.expected[j]):
                out += item  # the same, or written otherwise (a default spelt out)
                continue
            written = self.item(item, value, self.expected[j])
            if written is None:
                return None
            out.append(written)
        return "".join(out)

    def item(self, item: list[str], value: Any, expected: Any) -> str | None:  # noqa: ANN401
        """Return one item rewritten in its place: under its key, indented as in the file."""
        head = f"{self.block[0].rstrip()}\n"
        written = _rewritten(
            head + "".join(item),
            {self.key: [value]},
            self.rewrite,
            _Reads(self.key, expected, item=True),
        )
        if written is None or not written.startswith(head):
            return None
        return written[len(head) :]
