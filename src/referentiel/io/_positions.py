"""Parse YAML (and JSON, a subset of it) keeping line and column positions; locate paths in it.

Anchors, aliases and explicit tags are refused while the document is composed, so that an
alias bomb fails at its first alias instead of expanding, and no YAML tag can build an object.
"""

from __future__ import annotations

from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from referentiel.io import codes
from referentiel.io._events import check_depth
from referentiel.io._located import LongNumber, Position, YamlSyntaxError
from referentiel.issues import Path

__all__ = ["Position", "YamlSyntaxError", "locate", "parse_yaml"]

_CORE_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


class _StrictComposer(Composer):
    """A composer that refuses anchors, aliases and tags other than YAML's core ones."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - ruamel's API
        event = self.parser.peek_event()
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent):
            raise YamlSyntaxError(
                f"YAML aliases are not allowed (found *{event.anchor}): write the value out",
                where,
                codes.YAML_ALIAS,
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor is not None:
                raise YamlSyntaxError(
                    f"YAML anchors are not allowed (found &{event.anchor}): write the value out",
                    where,
                    codes.YAML_ALIAS,
                )
            tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
            tag_text = None if tag is None else str(getattr(tag, "value", tag))
            if tag_text is not None and tag_text not in _CORE_TAGS and tag_text != "!":
                raise YamlSyntaxError(
                    f"YAML tags are not allowed (found {tag_text})", where, codes.YAML_TAG
                )
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    """Leaves timestamps as strings, and integers too long to read safely unread.

    The model reads dates itself, and reports long numbers, each with a located error. A
    scalar of signs and underscores alone (``-_``), which ruamel.yaml's resolver takes for an
    integer and its constructor then fails on, is a string, as YAML 1.2's core schema and
    YAML 1.1 both read it.
    """

    def construct_yaml_int(self, node: Any) -> Any:  # noqa: ANN401 - ruamel's API
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > LongNumber.LIMIT:
            return LongNumber(digits)
        if not digits:
            return self.construct_yaml_str(node)
        return super().construct_yaml_int(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _StrictComposer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(text: str) -> Any:  # noqa: ANN401 - YAML holds any plain data
    """Parse one YAML document keeping positions; raise :exc:`YamlSyntaxError` if it is not one.

    The nesting depth is checked first (:func:`~referentiel.io._events.check_depth`): the
    composer recurses, and takes more than linear time on deep nesting.
    """
    check_depth(text)
    try:
        return _yaml().load(text)
    except YamlSyntaxError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "duplicate key" in problem:
            key = problem.split('"')[1] if '"' in problem else "?"
            raise YamlSyntaxError(f"duplicate key {key!r}", where, codes.DUPLICATE_KEY) from None
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        raise YamlSyntaxError(problem, where) from None
    except YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], (1, 1)) from None
    except RecursionError:
        raise YamlSyntaxError("the document is nested too deeply", (1, 1)) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar its constructor refused
        raise YamlSyntaxError(f"invalid value: {exc}", (1, 1)) from None


def locate(root: object, path: Path, *, at_key: bool = False) -> Position:
    """Return the 1-based line and column of *path* in a parsed document, as deep as it goes.

    With *at_key*, point at the last key itself rather than its value.
    """
    node = root
    position: Position = (1, 1)
    if isinstance(node, CommentedMap | CommentedSeq):
        position = (node.lc.line + 1, node.lc.col + 1)
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part) if (last and at_key) else node.lc.value(part)
            if not (last and at_key) and isinstance(node[part], CommentedMap | CommentedSeq):
                line, col = node.lc.key(part)
            position = (line + 1, col + 1)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            position = (line + 1, col + 1)
            node = node[part]
        else:
            break
    return position
