"""The JSON Schema of framework files, generated from the model so that the two never diverge.

The package ships the generated schema as ``referentiel.schema.json``; a test regenerates it and
fails if the shipped copy is stale (``python scripts/generate_schema.py`` writes it anew).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
from importlib import resources
from typing import Any, Final, Union, get_args, get_origin

import attrs

from referentiel._fields import field_types
from referentiel.model import TENSION_CLASSES, Framework, Tension, Translations

__all__ = ["SCHEMA_ID", "document_schema", "json_schema", "schema_text", "shipped_schema_text"]

#: The ``$id`` of the schema.
SCHEMA_ID: Final = "urn:referentiel:framework-file:1"


def _is_optional(hint: Any) -> bool:  # noqa: ANN401 - any type hint
    return get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint)


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, hint: Any) -> dict[str, Any]:  # noqa: ANN401, PLR0911 - a type dispatch
        if hint == Translations:
            return {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "propertyNames": {"minLength": 1},
            }
        if hint == Tension:
            return {"oneOf": [self.ref(cls, kind.value) for kind, cls in TENSION_CLASSES.items()]}
        if _is_optional(hint):
            (inner,) = [a for a in get_args(hint) if a is not type(None)]
            return self.type_schema(inner)
        if get_origin(hint) is tuple:
            return {"type": "array", "items": self.type_schema(get_args(hint)[0])}
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is dt.date:
            return {"type": "string", "format": "date"}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if attrs.has(hint):
            return self.ref(hint)
        raise TypeError(f"no schema for {hint!r}")  # pragma: no cover - a new model type

    def ref(self, cls: type, kind: str | None = None) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.class_schema(cls, kind)
        return {"$ref": f"#/$defs/{name}"}

    def class_schema(self, cls: type, kind: str | None) -> dict[str, Any]:
        hints = field_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if kind is not None:
            properties["kind"] = {"const": kind, "description": "The kind of tension."}
            required.append("kind")
        for field in attrs.fields(cls):
            schema = self.type_schema(hints[field.name])
            if "doc" in field.metadata:
                schema = {**schema, "description": field.metadata["doc"]}
            if field.name == "number":
                schema["minimum"] = 1
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        return {
            "type": "object",
            "description": doc,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of framework files, generated from the model.

    >>> schema = json_schema()
    >>> schema["$defs"]["Contradiction"]["required"]
    ['kind', 'id', 'number', 'prescribed', 'real', 'provenance']
    """
    return document_schema(Framework, SCHEMA_ID, "referentiel framework file")


def document_schema(cls: type, schema_id: str, title: str) -> dict[str, Any]:
    """Return the JSON Schema of files holding a *cls* (a framework, a certification)."""
    generator = _Generator()
    root = generator.class_schema(cls, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **root,
        "$defs": dict(sorted(generator.defs.items())),
    }


def schema_text() -> str:
    """Return :func:`json_schema` as the JSON text the package ships."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema_text() -> str:
    """Return the schema file shipped in the package."""
    return (resources.files("referentiel") / "referentiel.schema.json").read_text("utf-8")
