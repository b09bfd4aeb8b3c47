"""Type checks for the model's fields, derived from their annotations (one place for each type).

:func:`typed_fields` is an attrs ``field_transformer``: it gives every field a validator that
checks the value against the field's annotation, so that a value the file format could not hold
(``title=5``, a list where a tuple is expected, ``number=True``) cannot be built. A refused value
raises :exc:`~referentiel.errors.ModelTypeError`, which is also a :exc:`TypeError`.
"""

from __future__ import annotations

import functools
import reprlib
import sys
import types
from collections.abc import Callable
from itertools import repeat
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

import attrs

from referentiel.errors import ModelTypeError

__all__ = ["INT_MAX", "INT_MIN", "field_types", "is_int", "typed_fields"]

Check = Callable[[object], bool]

_SHORT = reprlib.Repr()
_SHORT.maxstring = 40
_SHORT.maxother = 40


#: The integers a field holds: 64-bit, as every format the library writes can hold them.
INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**63 - 1


def is_int(value: object) -> bool:
    """Whether *value* is an integer a field can hold (a bool is not one)."""
    return isinstance(value, int) and not isinstance(value, bool) and INT_MIN <= value <= INT_MAX


def _check(hint: Any) -> tuple[Check, str]:  # noqa: ANN401 - any annotation
    """Return a check for values of the type *hint*, and how a message names that type."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is type(None):
        return (lambda value: value is None), "None"
    if origin in (Union, types.UnionType):
        parts = [_check(arg) for arg in args]
        checks = tuple(check for check, _ in parts)
        return (lambda value: any(check(value) for check in checks)), " or ".join(
            name for _, name in parts
        )
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item, name = _check(args[0])
        return (
            lambda value: isinstance(value, tuple) and (not value or all(map(item, value))),
            f"tuple of {name}",
        )
    if origin is tuple:
        items = tuple(_check(arg) for arg in args)
        return (
            lambda value: (
                isinstance(value, tuple)
                and len(value) == len(items)
                and all(check(part) for (check, _), part in zip(items, value, strict=True))
            )
        ), "(" + ", ".join(name for _, name in items) + ")"
    if hint is int:
        return is_int, "int (64-bit)"
    if isinstance(hint, type):
        return (lambda value: isinstance(value, hint)), hint.__name__
    msg = f"no check for the annotation {hint!r}"  # pragma: no cover - a model class's mistake
    raise TypeError(msg)  # pragma: no cover


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 64 * 8:
        return f"<{value.bit_length()} bits>"  # a huge int is slow, or refused past 4 300 digits
    return _SHORT.repr(value)


def _fail(instance: object, attribute: attrs.Attribute[Any], value: object, name: str) -> None:
    raise ModelTypeError(
        f"{type(instance).__name__}.{attribute.name} must be {name}, "
        f"not {type(value).__name__}: {_shown(value)}"
    )


def _plain(hint: Any) -> tuple[type, ...] | None:  # noqa: ANN401 - any annotation
    """Return the classes *hint* stands for, if an isinstance check says it all (not int)."""
    if get_origin(hint) in (Union, types.UnionType):
        parts = [_plain(arg) for arg in get_args(hint)]
        return None if None in parts else tuple(c for part in parts if part for c in part)
    if isinstance(hint, type) and get_origin(hint) is None and hint is not int:
        return (hint,)
    return None


@functools.cache  # the model's 94 fields have 28 annotations: each validator made once
def _validator(hint: Any) -> Validator:  # noqa: ANN401 - any annotation
    """Return an attrs validator for *hint*, with the common cases checked inline (speed).

    A validator holds nothing of the field it checks (attrs passes the field): one serves
    every field with the same annotation.
    """
    check, name = _check(hint)
    args = get_args(hint)
    plain = _plain(hint)
    optional = get_origin(hint) in (Union, types.UnionType) and type(None) in args
    rest = _plain(Union[tuple(a for a in args if a is not type(None))]) if optional else None  # noqa: UP007
    items = _plain(args[0]) if get_origin(hint) is tuple and args[1:] == (Ellipsis,) else None

    # the same, typed for the checks below (each used only where it is not None)
    plain_classes, rest_classes, item_classes = plain or (), rest or (), items or ()

    def plain_check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
        if not isinstance(value, plain_classes):
            _fail(instance, attribute, value, name)

    def optional_check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
        if value is not None and not isinstance(value, rest_classes):
            _fail(instance, attribute, value, name)

    def tuple_check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
        if type(value) is not tuple or (
            value and not all(map(isinstance, value, repeat(item_classes)))
        ):
            _fail(instance, attribute, value, name)

    def int_check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
        # the common cases inline: an int in range, or None where the field is optional
        if (value is None and optional) or (type(value) is int and INT_MIN <= value <= INT_MAX):
            return
        if not check(value):  # anything else as the annotation says (a bool is not an int)
            _fail(instance, attribute, value, name)

    def any_check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401
        if not check(value):
            _fail(instance, attribute, value, name)

    if plain is not None:
        return plain_check
    if rest is not None:
        return optional_check
    if items is not None:
        return tuple_check
    if hint is int or (optional and len(args) == 2 and int in args):  # int, or int | None
        return int_check
    return any_check


@functools.cache
def _resolve(annotation: str, module: str) -> Any:  # noqa: ANN401 - any annotation
    """Return what the string *annotation* names in *module* (its own names, by then defined)."""
    return eval(annotation, vars(sys.modules[module]))  # noqa: S307 - the module's own annotations


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Give each field of *cls* a validator checking its annotation (an attrs field transformer).

    Annotations are resolved in the class's module, which holds every name they use by then;
    each field's ``type`` becomes the resolved one, for :func:`field_types`.
    """
    typed = []
    for field in fields:
        hint: Any = field.type
        if isinstance(hint, str):
            hint = _resolve(hint, cls.__module__)
        validator = _validator(hint)
        if field.validator is not None:
            validator = attrs.validators.and_(validator, field.validator)
        typed.append(field.evolve(validator=validator, type=hint))
    return typed


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Return the type of each field of the attrs class *cls*, by name, resolved.

    >>> from referentiel.model import Pole
    >>> field_types(Pole)["label"]
    <class 'str'>
    """
    fields = attrs.fields(cls)
    if any(isinstance(f.type, str) for f in fields):  # a class made without typed_fields
        hints = get_type_hints(cls)
        return {f.name: hints[f.name] for f in fields}
    return {f.name: f.type for f in fields}
