"""The one mapping between the model and plain data (dicts, lists, strings), through cattrs.

Both directions are strict: unknown keys, wrong types and unknown enum values are errors whose
path and message the readers turn into located :class:`~referentiel.Issue` values. Two
converters share the same hooks: a fast one without detailed validation (the common, valid case)
and a detailed one, run only when the fast one fails, to collect every problem with its path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import functools
import gc
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from referentiel._enums import Dimension, Level, LinkKind, Method, Origin, Side, Status, TensionKind
from referentiel.model import Contradiction, Dilemma, Framework, Tension, Translations

__all__ = ["fast_converter", "format_path", "parse_path", "structure", "unstructure"]

#: What each enum is called in messages.
ENUM_NAMES: Final[dict[type[enum.Enum], str]] = {
    Origin: "origin",
    Status: "provenance status",
    Method: "method",
    Level: "level",
    Dimension: "dimension",
    Side: "pole",
    LinkKind: "relation",
    TensionKind: "kind",
}

TENSION_CLASSES: Final[dict[str, type[Contradiction] | type[Dilemma]]] = {
    TensionKind.CONTRADICTION.value: Contradiction,
    TensionKind.DILEMMA.value: Dilemma,
}


class ShapeError(ValueError):
    """A value of the wrong type or an unknown enum value; its message is shown as is."""


class MissingKeyError(ValueError):
    """A required key is absent."""


class UnknownKeyError(ValueError):
    """Keys that the model does not have."""

    def __init__(self, keys: list[str], allowed: list[str], what: str) -> None:
        self.keys, self.allowed, self.what = keys, allowed, what
        super().__init__(", ".join(keys))


def type_name(value: object) -> str:
    """Name *value*'s type as a file's author knows it (string, integer, mapping ...)."""
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


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str | int | float) else ""
    return text if len(text) <= 60 else text[:57] + "..."


def _expect(kind: str, value: object) -> ShapeError:
    if isinstance(value, str | int | float) or value is None:
        return ShapeError(f"expected {kind}, got {type_name(value)} {_shown(value)}".rstrip())
    return ShapeError(f"expected {kind}, got {_article(type_name(value))}")


def _structure_str(value: object, _: type) -> str:
    if type(value) is str:  # the common case, first
        return value
    if not isinstance(value, str):
        raise _expect("a string", value)
    return str(value)  # drops str subclasses (ruamel's scalar strings)


def _structure_int(value: object, _: type) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expect("an integer", value)
    return int(value)


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _expect("a date (YYYY-MM-DD)", value)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _expect("a date (YYYY-MM-DD)", value)


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if type(value) is str:
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member
    expected = ", ".join(repr(m.value) for m in cls)
    name = ENUM_NAMES.get(cls, cls.__name__)
    if not isinstance(value, str):
        raise ShapeError(
            f"expected a {name} (one of {expected}), got {type_name(value)} "
            f"{_shown(value)}".rstrip()
        )
    raise ShapeError(f"unknown {name}: {value!r} (expected one of {expected})")


def _structure_translations(value: object, _: type) -> Translations:
    if not isinstance(value, Mapping):
        raise _expect("a mapping of language codes to texts", value)
    pairs = []
    for code, text in value.items():
        if not isinstance(code, str) or not isinstance(text, str):
            raise ShapeError(
                f"expected language codes mapped to texts, got {_shown(code)}: {_shown(text)}"
            )
        pairs.append((str(code), str(text)))
    return tuple(pairs)


def _is_translations(t: object) -> bool:
    return t == Translations


def _is_optional(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _is_homogeneous_tuple(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _article(name: str) -> str:
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _class_name(cls: type) -> str:
    return {"Framework": "framework"}.get(cls.__name__, cls.__name__.lower())


def _make_hooks(converter: cattrs.Converter, *, detailed: bool) -> None:  # noqa: PLR0915 - flat list of hooks
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)

    def tuple_hook(t: Any) -> Callable[[object, type], tuple[object, ...]]:  # noqa: ANN401
        (item_type, _) = get_args(t)
        handler = converter.get_structure_hook(item_type)

        def structure_tuple(value: object, _: type) -> tuple[object, ...]:
            if not isinstance(value, list):
                raise _expect("a list", value)
            if not detailed:
                return tuple([handler(item, item_type) for item in value])
            errors: list[Exception] = []
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(handler(item, item_type))
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    exc.__notes__ = [*getattr(exc, "__notes__", []), f"index {index}"]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("While structuring a list", errors, t)
            return tuple(items)

        return structure_tuple

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def optional_hook(t: Any) -> Callable[[object, type], object]:  # noqa: ANN401
        (inner_type,) = [a for a in get_args(t) if a is not type(None)]
        handler = converter.get_structure_hook(inner_type)

        def structure_optional(value: object, _: type) -> object:
            return None if value is None else handler(value, inner_type)

        return structure_optional

    # cattrs' generic handling of `X | None` costs a third of structuring a large file
    converter.register_structure_hook_factory(_is_optional, optional_hook)
    # after the tuple factory: the hook registered last wins, and Translations is a tuple type
    converter.register_structure_hook_func(_is_translations, _structure_translations)
    converter.register_unstructure_hook_func(_is_translations, dict)

    def class_hook(cls: Any) -> Callable[[object, type], Any]:  # noqa: ANN401 - any attrs class
        fields = attrs.fields(cls)
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        allowed_set = frozenset(f.name for f in fields)
        required_set = frozenset(required)
        inner = make_dict_structure_fn(cls, converter, _cattrs_detailed_validation=detailed)
        what = _class_name(cls)

        def structure_class(value: object, _: type) -> Any:  # noqa: ANN401
            if not isinstance(value, Mapping):
                raise _expect(f"{_article(what)} (a mapping)", value)
            keys = value.keys()
            if not (allowed_set.issuperset(keys) and required_set <= keys):
                extra = [key for key in keys if key not in allowed_set]
                missing = [name for name in required if name not in keys]
                raise _key_problems(cls, value, extra, missing, what)
            return inner(value, cls)

        return structure_class

    def _key_problems(
        cls: type, value: Mapping[Any, Any], extra: list[Any], missing: list[str], what: str
    ) -> ClassValidationError:
        """Every problem of a mapping with key problems, its present fields' included."""
        problems: list[Exception] = []
        if extra:
            allowed = [f.name for f in attrs.fields(cls)]
            problems.append(UnknownKeyError([str(k) for k in extra], allowed, what))
        problems += [
            MissingKeyError(f"missing required key {name!r} in {_article(what)}")
            for name in missing
        ]
        if detailed:
            hints = get_type_hints(cls)
            for field in attrs.fields(cls):
                if field.name not in value:
                    continue
                try:
                    converter.structure(value[field.name], hints[field.name])
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    exc.__notes__ = [*getattr(exc, "__notes__", []), f"attribute {field.name}"]
                    problems.append(exc)
        return ClassValidationError(f"While structuring {what}", problems, cls)

    converter.register_structure_hook_factory(attrs.has, class_hook)

    def unstructure_class(cls: type) -> Callable[[Any], dict[str, Any]]:
        return make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)

    converter.register_unstructure_hook_factory(attrs.has, unstructure_class)

    def structure_tension(value: object, _: type) -> Tension:
        if not isinstance(value, Mapping):
            raise _expect("a tension (a mapping with a 'kind')", value)
        if "kind" not in value:
            raise ClassValidationError(
                "While structuring tension",
                [
                    MissingKeyError(
                        "missing required key 'kind' in a tension "
                        "(expected one of 'contradiction', 'dilemma')"
                    )
                ],
                Contradiction,
            )
        kind = value["kind"]
        cls = TENSION_CLASSES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            try:
                _structure_enum(kind, TensionKind)
            except ShapeError as exc:
                exc.__notes__ = ["attribute kind"]
                raise ClassValidationError(
                    "While structuring tension", [exc], Contradiction
                ) from None
        assert cls is not None  # noqa: S101 - _structure_enum raised for anything else
        body = {k: v for k, v in value.items() if k != "kind"}
        return converter.structure(body, cls)

    converter.register_structure_hook_func(lambda t: t == Tension, structure_tension)

    def unstructure_tension(tension: Tension) -> dict[str, Any]:
        return {"kind": tension.kind.value, **converter.unstructure(tension, type(tension))}

    converter.register_unstructure_hook_func(lambda t: t == Tension, unstructure_tension)


def _converter(*, detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=detailed)
    _make_hooks(converter, detailed=detailed)
    return converter


fast_converter: Final = _converter(detailed=False)


@functools.cache
def _detailed_converter() -> cattrs.Converter:
    """Return the converter that collects every problem (built when a file first has one)."""
    return _converter(detailed=True)


def unstructure(framework: Framework) -> dict[str, Any]:
    """Turn *framework* into plain data: dicts, lists, strings, numbers (defaults left out)."""
    data: dict[str, Any] = fast_converter.unstructure(framework, Framework)
    return data


PathPart = str | int


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, then restore it as it was.

    Reading a file builds a large tree of new, acyclic objects: the collector's passes over
    them find nothing to free, and cost a third of the time of reading 100 000 excerpts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def structure(data: object) -> Framework:
    """Build a :class:`Framework` from plain data; raise the collected problems on failure.

    Raises :exc:`StructureErrors` listing ``(path, message, at_key)`` for each problem.
    """
    with contextlib.suppress(Exception):  # any failure is explained by the detailed pass below
        return fast_converter.structure(data, Framework)
    try:
        return _detailed_converter().structure(data, Framework)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a located issue
        raise StructureErrors(list(_problems(exc, ()))) from None


@attrs.frozen
class Problem:
    """One structuring problem: where (path parts), what, and whether it is about a key."""

    path: tuple[PathPart, ...]
    message: str
    code: str
    at_key: bool = False


class StructureErrors(ValueError):  # noqa: N818 - a group of problems, not one error
    """Every problem met while structuring, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _note_step(exc: BaseException) -> PathPart | None:
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, str) and note.startswith("index "):
            return int(note.removeprefix("index "))
        if isinstance(note, str) and note.startswith("attribute "):
            return note.removeprefix("attribute ")
        name = getattr(note, "name", None)
        if name is not None:
            return str(name)
        index = getattr(note, "index", None)
        if isinstance(index, int):
            return index
    return None


def _problems(exc: BaseException, path: tuple[PathPart, ...]) -> Iterator[Problem]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            step = _note_step(sub)
            yield from _problems(sub, path if step is None else (*path, step))
        return
    if isinstance(exc, UnknownKeyError):
        for key in exc.keys:
            hint = difflib.get_close_matches(key, exc.allowed, n=1)
            expected = (
                f"did you mean {hint[0]!r}?"
                if hint
                else "expected one of " + ", ".join(repr(a) for a in exc.allowed)
            )
            yield Problem(
                (*path, key),
                f"unknown key {key!r} in {_article(exc.what)} ({expected})",
                "unknown-key",
                at_key=True,
            )
        return
    if isinstance(exc, MissingKeyError):
        yield Problem(path, str(exc), "missing-key")
        return
    if isinstance(exc, ShapeError):
        code = "unknown-value" if str(exc).startswith("unknown ") else "wrong-type"
        yield Problem(path, str(exc), code)
        return
    # attrs validators (e.g. number >= 1) and anything unforeseen: the message as given
    yield Problem(path, f"invalid value: {exc}", "invalid-value")


def format_path(parts: tuple[PathPart, ...]) -> str:
    """Format path parts as ``$.tensions[2].real.label``.

    >>> format_path(("tensions", 2, "real", "label"))
    '$.tensions[2].real.label'
    """
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def parse_path(path: str) -> tuple[PathPart, ...]:
    """Invert :func:`format_path`.

    >>> parse_path("$.tensions[2].real.label")
    ('tensions', 2, 'real', 'label')
    """
    parts: list[PathPart] = []
    for chunk in path.removeprefix("$").replace("[", ".[").split("."):
        if not chunk:
            continue
        parts.append(int(chunk[1:-1]) if chunk.startswith("[") else chunk)
    return tuple(parts)
