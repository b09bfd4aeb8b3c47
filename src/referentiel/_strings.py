"""Every text of a model value: all at once (quick), or one by one with its path (to locate).

Which fields hold text, and which hold other model values, is read once per class from the
annotations: a string, an optional string, a tuple of strings, translations (``(language,
text)`` pairs, a mapping in files), or model values (alone, optional or in a tuple).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, get_args, get_origin

import attrs

from referentiel._fields import field_types
from referentiel.issues import Path
from referentiel.model import Translations

__all__ = ["all_text", "located_texts"]


@attrs.frozen
class _Shape:
    texts: tuple[str, ...]  # str or str | None
    text_tuples: tuple[str, ...]  # tuple[str, ...]
    translations: tuple[str, ...]
    values: tuple[str, ...]  # a model value, optional or not
    value_tuples: tuple[str, ...]  # a tuple of model values


def _model_values(hint: Any) -> bool:  # noqa: ANN401 - any annotation
    """Whether *hint* is a model class, or a union of them (with None or not)."""
    classes = [arg for arg in get_args(hint) if arg is not type(None)] or [hint]
    return all(isinstance(c, type) and attrs.has(c) for c in classes)


_SHAPES: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = _read_shape(cls)
    return shape


def _read_shape(cls: type) -> _Shape:
    hints = field_types(cls)
    groups: dict[str, list[str]] = {k: [] for k in ("t", "tt", "tr", "v", "vt")}
    for field in attrs.fields(cls):
        hint = hints[field.name]
        if hint == Translations:
            groups["tr"].append(field.name)
        elif hint in (str, str | None):
            groups["t"].append(field.name)
        elif hint == tuple[str, ...]:
            groups["tt"].append(field.name)
        elif get_origin(hint) is tuple and _model_values(get_args(hint)[0]):
            groups["vt"].append(field.name)
        elif _model_values(hint):
            groups["v"].append(field.name)
    texts = tuple(groups["t"])
    return _Shape(
        texts=texts,
        text_tuples=tuple(groups["tt"]),
        translations=tuple(groups["tr"]),
        values=tuple(groups["v"]),
        value_tuples=tuple(groups["vt"]),
    )


def all_text(value: attrs.AttrsInstance) -> str:
    """Return every text of the model *value* joined in one string (order unspecified)."""
    parts: list[str] = []
    _walker(type(value))(value, parts)
    return "".join(parts)


_WALKERS: dict[type, Callable[[Any, list[str]], None]] = {}


def _walker(cls: type) -> Callable[[Any, list[str]], None]:
    """Return a function adding the texts of a *cls* value to a list.

    Generated once per class, as straight-line code: validation runs it over every excerpt.
    """
    walker = _WALKERS.get(cls)
    if walker is None:
        shape = _shape(cls)
        lines = ["def walk(value, parts):", "    add = parts.append"]
        for name in shape.texts:
            lines += [f"    text = value.{name}", "    if text is not None:", "        add(text)"]
        for name in shape.text_tuples:
            lines += [f"    parts.extend(value.{name})"]
        for name in shape.translations:
            lines += [f"    for pair in value.{name}:", "        parts.extend(pair)"]
        for name in shape.values:
            lines += [
                f"    nested = value.{name}",
                "    if nested is not None:",
                "        walker(type(nested))(nested, parts)",
            ]
        for name in shape.value_tuples:
            lines += [
                f"    for nested in value.{name}:",
                "        walker(type(nested))(nested, parts)",
            ]
        namespace: dict[str, Any] = {"walker": _walker}
        exec("\n".join(lines), namespace)  # noqa: S102 - our own field names, as attrs does
        walker = _WALKERS[cls] = namespace["walk"]
    return walker


def located_texts(value: attrs.AttrsInstance, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield every text of the model *value* with its path, in field order.

    Translations are located at their language, as files key them.
    """
    shape = _shape(type(value))
    for field in attrs.fields(type(value)):
        name = field.name
        here = getattr(value, name)
        if name in shape.texts and here is not None:
            yield (*path, name), here
        elif name in shape.text_tuples:
            for i, text in enumerate(here):
                yield (*path, name, i), text
        elif name in shape.translations:
            for language, text in here:
                yield (*path, name), language  # a language code is text too, in the key
                yield (*path, name, language), text
        elif name in shape.values and here is not None:
            yield from located_texts(here, (*path, name))
        elif name in shape.value_tuples:
            for i, nested in enumerate(here):
                yield from located_texts(nested, (*path, name, i))
