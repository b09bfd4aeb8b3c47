"""The one mapping between the model and plain data: ``to_dict`` and ``from_dict``.

One cattrs converter, configured once as cattrs' own ``preconf`` converters are: tensions are a
tagged union on ``kind`` (each class's code generated on first use), unknown keys are refused
by the converter itself, and every problem is collected as cattrs collects them
(``detailed_validation``), then translated once, by
:mod:`referentiel.io._problems`, into :class:`~referentiel.Issue` values with their paths.
Framework files, the QDA mapping file and the graph formats' attributes all go through it.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn

from referentiel._fields import INT_MAX, INT_MIN
from referentiel._gc import paused_gc
from referentiel.errors import FileFormatError
from referentiel.io._located import LongNumber
from referentiel.io._problems import (
    MissingKeyError,
    ShapeError,
    StructureErrors,
    class_name,
    problems_of,
)
from referentiel.io._problems import expect as _expect
from referentiel.io._problems import shown as _shown
from referentiel.io._problems import type_name as _type_name
from referentiel.model import TENSION_CLASSES, Framework, Tension, TensionKind, Translations

__all__ = ["converter", "from_dict", "structure", "structure_strictly", "to_dict"]

T = TypeVar("T")

#: What each enum is called in messages ("unknown origin: ...").
ENUM_NAMES: Final[dict[str, str]] = {
    "Origin": "origin",
    "Status": "provenance status",
    "Method": "method",
    "Level": "level",
    "Dimension": "dimension",
    "Side": "pole",
    "LinkKind": "relation",
    "TensionKind": "kind",
    "ModalityKind": "modality kind",
}


def _structure_str(value: object, _: type) -> str:
    if type(value) is str:  # the common case, first
        return value
    if not isinstance(value, str):
        raise _expect("a string", value)
    return str(value)  # drops str subclasses (ruamel's scalar strings)


def _structure_int(value: object, _: type) -> int:
    if type(value) is int and INT_MIN <= value <= INT_MAX:
        return value
    if isinstance(value, LongNumber):
        raise _expect("an integer of at most 19 digits", value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expect("an integer", value)
    if not INT_MIN <= value <= INT_MAX:
        raise ShapeError(f"expected an integer from {INT_MIN} to {INT_MAX}, got {value}")
    return int(value)


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is bool:  # "no" or 0 would be read as true by bool()
        return value
    raise _expect("true or false", value)


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
    name = ENUM_NAMES.get(cls.__name__, cls.__name__)
    if not isinstance(value, str):
        raise ShapeError(
            f"expected a {name} (one of {expected}), got {_type_name(value)} "
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


def _is_optional(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _is_homogeneous_tuple(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _optional_inner(t: object) -> Any:  # noqa: ANN401 - any annotation
    """Return X of ``X | None``."""
    (inner,) = [a for a in get_args(t) if a is not type(None)]
    return inner


def _is_str_dict(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) is dict and len(args) == 2 and args[0] is str


def _configure(converter: cattrs.Converter) -> None:  # noqa: PLR0915 - one flat list of hooks
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)

    def tuple_hook(t: Any) -> Callable[[object, type], tuple[object, ...]]:  # noqa: ANN401
        (item_type, _) = get_args(t)
        handler = converter.get_structure_hook(item_type)

        def structure_tuple(value: object, _: type) -> tuple[object, ...]:
            if not isinstance(value, list):  # a string or a mapping is not a list of items
                raise _expect("a list", value)
            try:  # the common case: every item is right
                return tuple([handler(item, item_type) for item in value])
            except Exception:  # noqa: BLE001, S110 - collected item by item below
                pass
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    handler(item, item_type)
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    note = IterableValidationNote(f"index {index}", index, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            raise IterableValidationError("While structuring a list", errors, t)

        return structure_tuple

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def tuple_unstructure_hook(t: Any) -> Callable[[tuple[object, ...]], list[object]]:  # noqa: ANN401
        (item_type, _) = get_args(t)
        handler = converter.get_unstructure_hook(item_type)
        if handler is identity:
            return list
        return lambda value: [handler(item) for item in value]

    # cattrs' generic iterable unstructuring costs a quarter of writing a large file
    converter.register_unstructure_hook_factory(_is_homogeneous_tuple, tuple_unstructure_hook)

    def dict_hook(t: Any) -> Callable[[object, type], dict[str, object]]:  # noqa: ANN401
        (_, value_type) = get_args(t)
        handler = converter.get_structure_hook(value_type)

        def structure_dict(value: object, _: type) -> dict[str, object]:
            if not isinstance(value, Mapping):
                raise _expect("a mapping", value)
            errors: list[Exception] = []
            out: dict[str, object] = {}
            for key, item in value.items():
                try:
                    out[_structure_str(key, str)] = handler(item, value_type)
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    note = IterableValidationNote(f"key {key}", str(key), value_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("While structuring a mapping", errors, t)
            return out

        return structure_dict

    converter.register_structure_hook_factory(_is_str_dict, dict_hook)

    def optional_hook(t: Any) -> Callable[[object, type], object]:  # noqa: ANN401
        inner_type = _optional_inner(t)
        handler = converter.get_structure_hook(inner_type)

        def structure_optional(value: object, _: type) -> object:
            return None if value is None else handler(value, inner_type)

        return structure_optional

    # cattrs' generic handling of `X | None` costs a third of structuring a large file
    converter.register_structure_hook_factory(_is_optional, optional_hook)

    def optional_unstructure_hook(t: Any) -> Callable[[object], object]:  # noqa: ANN401
        handler = converter.get_unstructure_hook(_optional_inner(t))
        if handler is identity:
            return identity
        return lambda value: None if value is None else handler(value)

    converter.register_unstructure_hook_factory(_is_optional, optional_unstructure_hook)
    # after the tuple factory: the hook registered last wins, and Translations is a tuple type
    converter.register_structure_hook_func(lambda t: t == Translations, _structure_translations)
    converter.register_unstructure_hook_func(lambda t: t == Translations, dict)

    def class_hook(cls: Any) -> Callable[[object, type], Any]:  # noqa: ANN401 - any attrs class
        inner = make_dict_structure_fn(cls, converter)
        what = class_name(cls)

        def structure_class(value: object, _: type) -> Any:  # noqa: ANN401
            if not isinstance(value, Mapping):
                raise _expect(f"{what} (a mapping)", value)
            return inner(value, cls)

        return structure_class

    converter.register_structure_hook_factory(attrs.has, class_hook)

    # The tagged union on `kind`, as cattrs.strategies.configure_tagged_union builds it, but
    # generating each class's code on first use: building it all at import cost a cold start
    # 20 ms, and reading a file never unstructures.
    kinds = [kind.value for kind in TENSION_CLASSES]
    structure_hooks: dict[type, Callable[[object, type], Any]] = {}

    def structure_tension(value: object, _: type) -> Tension:
        if not isinstance(value, Mapping):
            raise _expect("a tension (a mapping with a 'kind')", value)
        if "kind" not in value:
            expected = ", ".join(repr(k) for k in kinds)
            missing = f"missing required key 'kind' in a tension (expected one of {expected})"
            raise ClassValidationError(
                "While structuring a tension",
                [MissingKeyError(missing)],
                Tension,  # type: ignore[arg-type]  # the union names the owner in messages
            )
        try:
            kind = _structure_enum(value["kind"], TensionKind)
        except ShapeError as exc:
            exc.__notes__ = [cattrs.errors.AttributeValidationNote("kind", "kind", str)]
            raise ClassValidationError(
                "While structuring a tension",
                [exc],
                Tension,  # type: ignore[arg-type]  # the union names the owner in messages
            ) from None
        cls = TENSION_CLASSES[kind]  # type: ignore[index]  # _structure_enum gave a TensionKind
        hook = structure_hooks.get(cls)
        if hook is None:
            hook = structure_hooks[cls] = converter.get_structure_hook(cls)
        tension: Tension = hook({k: v for k, v in value.items() if k != "kind"}, cls)
        return tension

    def unstructure_tension(tension: Tension) -> dict[str, Any]:
        # kind first, as people write it
        return {"kind": tension.kind.value, **converter.unstructure(tension, type(tension))}

    converter.register_structure_hook(Tension, structure_tension)
    converter.register_unstructure_hook(Tension, unstructure_tension)


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        detailed_validation=True, forbid_extra_keys=True, omit_if_default=True
    )
    _configure(converter)
    return converter


#: The converter: plain data in, model values out, and back.
converter: Final = _converter()


def structure(data: object, cls: type[T]) -> T:
    """Build a *cls* from plain data; raise :exc:`StructureErrors` with every problem found."""
    try:
        with paused_gc():
            return converter.structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a located issue
        raise StructureErrors(list(problems_of(exc))) from None


def structure_strictly(data: object, cls: type[T]) -> T:
    """Build a *cls* from plain data; raise :exc:`~referentiel.FileFormatError` with every problem.

    The issues carry their paths but no file positions: the data came from no file.
    """
    try:
        return structure(data, cls)
    except StructureErrors as exc:
        raise FileFormatError(p.code.issue(p.message, p.path) for p in exc.problems) from None


def to_dict(framework: Framework) -> dict[str, Any]:
    """Return *framework* as plain, JSON-able data: dicts, lists, strings, numbers, booleans.

    Fields left at their default are left out; dates are ISO strings, enums their values.
    :func:`from_dict` reads it back.

    >>> import json, referentiel as ref
    >>> data = ref.to_dict(ref.load("examples/customer-relations.yaml"))
    >>> data["tensions"][1]["kind"], data["tensions"][1]["real"]["label"]
    ('contradiction', 'Insécurité constante')
    >>> ref.from_dict(json.loads(json.dumps(data))) == ref.load("examples/customer-relations.yaml")
    True
    """
    data: dict[str, Any] = converter.unstructure(framework, Framework)
    return data


def from_dict(data: object) -> Framework:
    """Build a framework from plain data, strictly, as a framework file would be read.

    Raises :exc:`~referentiel.FileFormatError` listing every problem with its path (unknown
    keys, missing keys, wrong types, unknown values); nothing is guessed.

    >>> import referentiel as ref
    >>> ref.from_dict({"id": "x", "title": "Vide"}).title
    'Vide'
    >>> try:
    ...     ref.from_dict({"id": "x", "title": "X", "tensions": [{"kind": "dilemme"}]})
    ... except ref.FileFormatError as error:
    ...     print(error)
    error unknown-value: unknown kind: 'dilemme' (expected one of 'contradiction', 'dilemma') (at $.tensions[0].kind)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    return structure_strictly(data, Framework)
