"""The JSON Schema: generated from the model, shipped, and accepting the examples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import referentiel as ref
from referentiel.io.schema import schema_text, shipped_schema_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_shipped_schema_matches_the_model() -> None:
    assert shipped_schema_text() == schema_text(), (
        "the shipped schema is stale: run `python scripts/generate_schema.py`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(ref.json_schema())


@pytest.mark.parametrize("name", ["customer-relations.yaml", "kinesitherapy.yaml"])
def test_examples_validate_against_the_schema(name: str) -> None:
    data = json.loads(ref.dumps_json(ref.load(EXAMPLES / name)))
    jsonschema.validate(data, ref.json_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_refuses_a_typo() -> None:
    data = {
        "id": "x",
        "title": "X",
        "tensions": [
            {
                "kind": "contradiction",
                "id": "c",
                "number": 1,
                "prescibed": {"label": "a"},
                "real": {"label": "b"},
                "provenance": {"status": "attested"},
            }
        ],
    }
    validator = jsonschema.Draft202012Validator(ref.json_schema())
    assert not validator.is_valid(data)


def test_every_field_is_documented() -> None:
    for name, definition in ref.json_schema()["$defs"].items():
        for key, prop in definition["properties"].items():
            assert prop.get("description"), f"{name}.{key} has no description"
