"""The one mapping between the model and plain data: ``to_dict`` and ``from_dict``.

One converter, made here: each type's hooks are made on first use from its annotation (each
attrs class field by field, in the order of its fields), unknown keys are refused, and every
problem is collected with the key or index that leads to it
(:class:`~referentiel.io._problems.Collected`), then translated once, by
:mod:`referentiel.io._problems`, into :class:`~referentiel.Issue` values with their paths.
Framework files, the QDA mapping file, certifications and the graph formats' attributes all go
through it. Fields left at their default are left out of plain data.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias, TypeVar, Union, get_args, get_origin

import attrs

from referentiel._fields import INT_MAX, INT_MIN, field_types
from referentiel._gc import paused_gc
from referentiel.errors import FileFormatError
from referentiel.io._located import LongNumber
from referentiel.io._problems import (
    Collected,
    ExtraKeysError,
    MissingKeyError,
    ShapeError,
    Step,
    StructureErrors,
    class_name,
    problems_of,
)
from referentiel.io._problems import expect as _expect
from referentiel.io._problems import shown as _shown
from referentiel.io._problems import type_name as _type_name
from referentiel.model import TENSION_CLASSES, Framework, Tension, TensionKind, Translations

__all__ = ["Converter", "converter", "from_dict", "structure", "structure_strictly", "to_dict"]

T = TypeVar("T")

#: Plain data and a type in, a value of that type out.
StructureHook: TypeAlias = Callable[[Any, Any], Any]
#: A value in, plain data out.
UnstructureHook: TypeAlias = Callable[[Any], Any]
#: A form of annotation: its test, the maker of its structure hook, of its unstructure hook.
_Form: TypeAlias = tuple[Callable[[Any], bool], Callable[[Any], Any], Callable[[Any], Any]]

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


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


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


def identity(value: object) -> object:
    """Return *value*: the plain form of strings, numbers and booleans."""
    return value


class Converter:
    """Plain data to model values and back, by annotation; each type's hooks made once.

    The hooks for a type are made on its first use and kept: scalars, enums, ``X | None``,
    ``tuple[X, ...]``, ``dict[str, X]``, attrs classes; a hook registered for a type replaces
    the one it would make.
    """

    def __init__(self) -> None:
        self._structure_hooks: dict[object, StructureHook] = {
            str: _structure_str,
            int: _structure_int,
            bool: _structure_bool,
            dt.date: _structure_date,
            Translations: _structure_translations,
            Tension: self._structure_tension,
        }
        self._unstructure_hooks: dict[object, UnstructureHook] = {
            str: identity,
            int: identity,
            bool: identity,
            float: identity,
            dt.date: dt.date.isoformat,
            Translations: dict,
            Tension: self._unstructure_tension,
        }

    def register_structure_hook(self, t: object, hook: StructureHook) -> None:
        """Structure values of type *t* with *hook* from now on."""
        self._structure_hooks[t] = hook

    def get_structure_hook(self, t: object) -> StructureHook:
        """Return the hook that structures values of type *t*, made on first use."""
        hook = self._structure_hooks.get(t)
        if hook is None:
            hook = self._structure_hooks[t] = self._form(t)[1](t)
        return hook

    def get_unstructure_hook(self, t: object) -> UnstructureHook:
        """Return the hook that makes values of type *t* plain, made on first use."""
        hook = self._unstructure_hooks.get(t)
        if hook is None:
            hook = self._unstructure_hooks[t] = self._form(t)[2](t)
        return hook

    def structure(self, data: object, t: type[T]) -> T:
        """Build a *t* from plain data; raise what its hooks raise (:class:`Collected` ...)."""
        value: T = self.get_structure_hook(t)(data, t)
        return value

    def unstructure(self, value: object, t: object = None) -> Any:  # noqa: ANN401 - plain data
        """Return *value*, of type *t* (by default its own), as plain data."""
        return self.get_unstructure_hook(type(value) if t is None else t)(value)

    def _forms(self) -> tuple[_Form, ...]:
        """Return the forms of annotation the converter knows: each one's test and hook makers."""
        return (
            (_is_enum, lambda _: _structure_enum, lambda _: _enum_value),
            (_is_optional, self._optional, self._optional_unstructure),
            (_is_homogeneous_tuple, self._tuple, self._tuple_unstructure),
            (_is_str_dict, self._dict, self._dict_unstructure),
            (attrs.has, self._class, self._class_unstructure),
        )

    def _form(self, t: Any) -> _Form:  # noqa: ANN401 - any annotation
        for form in self._forms():
            if form[0](t):
                return form
        raise TypeError(f"no way to convert {t!r}")

    def _optional_unstructure(self, t: Any) -> UnstructureHook:  # noqa: ANN401 - an annotation
        inner = self.get_unstructure_hook(_optional_inner(t))
        if inner is identity:
            return identity
        return lambda value: None if value is None else inner(value)

    def _dict_unstructure(self, t: Any) -> UnstructureHook:  # noqa: ANN401 - an annotation
        item = self.get_unstructure_hook(get_args(t)[1])
        return lambda value: {k: item(v) for k, v in value.items()}

    def _tuple_unstructure(self, t: Any) -> UnstructureHook:  # noqa: ANN401 - an annotation
        item = self.get_unstructure_hook(get_args(t)[0])
        if item is identity:
            return list
        return lambda value: [item(i) for i in value]

    def _optional(self, t: Any) -> StructureHook:  # noqa: ANN401 - an annotation
        inner_type = _optional_inner(t)
        handler = self.get_structure_hook(inner_type)

        def structure_optional(value: object, _: type) -> object:
            return None if value is None else handler(value, inner_type)

        return structure_optional

    def _tuple(self, t: Any) -> StructureHook:  # noqa: ANN401 - an annotation
        (item_type, _) = get_args(t)
        handler = self.get_structure_hook(item_type)

        def structure_tuple(value: object, _: type) -> tuple[object, ...]:
            if not isinstance(value, list):  # a string or a mapping is not a list of items
                raise _expect("a list", value)
            try:  # the common case: every item is right
                return tuple([handler(item, item_type) for item in value])
            except Exception:  # noqa: BLE001, S110 - collected item by item below
                pass
            errors: list[tuple[Step, Exception]] = []
            for index, item in enumerate(value):
                try:
                    handler(item, item_type)
                except Exception as exc:  # noqa: BLE001 - collected and raised together
                    errors.append((index, exc))
            raise Collected(errors)

        return structure_tuple

    def _dict(self, t: Any) -> StructureHook:  # noqa: ANN401 - an annotation
        (_, value_type) = get_args(t)
        handler = self.get_structure_hook(value_type)

        def structure_dict(value: object, _: type) -> dict[str, object]:
            if not isinstance(value, Mapping):
                raise _expect("a mapping", value)
            errors: list[tuple[Step, Exception]] = []
            out: dict[str, object] = {}
            for key, item in value.items():
                try:
                    out[_structure_str(key, str)] = handler(item, value_type)
                except Exception as exc:  # noqa: BLE001 - collected and raised together
                    errors.append((str(key), exc))
            if errors:
                raise Collected(errors)
            return out

        return structure_dict

    def _class(self, cls: type) -> StructureHook:
        """Structure a mapping into *cls*, field by field, collecting every problem.

        Fields are read in their order: a required one absent, or a value its hook refuses,
        is a problem; then keys no field has; then what the class itself refuses.
        """
        what = class_name(cls)
        plan: list[tuple[str, StructureHook, Any, bool]] | None = None
        allowed: frozenset[str] = frozenset()

        def structure_class(value: object, _: type) -> Any:  # noqa: ANN401 - a *cls*
            nonlocal plan, allowed
            if not isinstance(value, Mapping):
                raise _expect(f"{what} (a mapping)", value)
            if plan is None:  # made on first use: a class may name one not yet complete
                hints = field_types(cls)
                plan = [
                    (
                        f.name,
                        self.get_structure_hook(hints[f.name]),
                        hints[f.name],
                        f.default is attrs.NOTHING,
                    )
                    for f in attrs.fields(cls)
                ]
                allowed = frozenset(name for name, *_ in plan)
            kwargs: dict[str, Any] = {}
            errors: list[tuple[Step, Exception]] = []
            for name, hook, hint, required in plan:
                if name in value:
                    try:
                        kwargs[name] = hook(value[name], hint)
                    except Exception as exc:  # noqa: BLE001 - collected and raised together
                        errors.append((name, exc))
                elif required:
                    errors.append(
                        (None, MissingKeyError(f"missing required key {name!r} in {what}"))
                    )
            if not allowed.issuperset(value):
                errors.append((None, ExtraKeysError(cls, set(value) - allowed)))
            if errors:
                raise Collected(errors)
            try:
                return cls(**kwargs)
            except Exception as exc:  # noqa: BLE001 - the class's own checks
                raise Collected([(None, exc)]) from None

        return structure_class

    def _class_unstructure(self, cls: type) -> UnstructureHook:
        """Make a *cls* a mapping of its fields, in their order, those at their default left out.

        The function is generated, one statement a field, as attrs generates ``__init__``: a
        loop over the fields cost writing a large file a fifth more. A factory's default is
        made once, to compare with: the model's factories make empty containers.
        """
        hints = field_types(cls)
        namespace: dict[str, Any] = {}
        lines = ["def unstructure_class(value):", "    out = {}"]
        for i, f in enumerate(attrs.fields(cls)):
            hook = self.get_unstructure_hook(hints[f.name])
            item = f"value.{f.name}" if hook is identity else f"hook{i}(value.{f.name})"
            namespace[f"hook{i}"] = hook
            if f.default is attrs.NOTHING:
                lines.append(f"    out[{f.name!r}] = {item}")
                continue
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            namespace[f"default{i}"] = default
            lines += [
                f"    if value.{f.name} != default{i}:",
                f"        out[{f.name!r}] = {item}",
            ]
        lines.append("    return out")
        exec(compile("\n".join(lines), f"<unstructure {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - our own lines, from the class's field names
        function: UnstructureHook = namespace["unstructure_class"]
        return function

    def _structure_tension(self, value: object, _: type) -> Tension:
        """Structure the tagged union on ``kind``: the tension's class is its kind's."""
        if not isinstance(value, Mapping):
            raise _expect("a tension (a mapping with a 'kind')", value)
        if "kind" not in value:
            expected = ", ".join(repr(k.value) for k in TENSION_CLASSES)
            missing = f"missing required key 'kind' in a tension (expected one of {expected})"
            raise Collected([(None, MissingKeyError(missing))])
        try:
            kind = _structure_enum(value["kind"], TensionKind)
        except ShapeError as exc:
            raise Collected([("kind", exc)]) from None
        cls = TENSION_CLASSES[kind]  # type: ignore[index]  # _structure_enum gave a TensionKind
        tension: Tension = self.get_structure_hook(cls)(
            {k: v for k, v in value.items() if k != "kind"}, cls
        )
        return tension

    def _unstructure_tension(self, tension: Tension) -> dict[str, Any]:
        # kind first, as people write it
        return {"kind": tension.kind.value, **self.get_unstructure_hook(type(tension))(tension)}


def _enum_value(member: enum.Enum) -> object:
    return member.value


#: The converter: plain data in, model values out, and back.
converter: Final = Converter()


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
