"""The public strategies draw every field of the model, so that properties cover all of it."""

from __future__ import annotations

import inspect
import json

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import referentiel as ref
from referentiel import model, strategies

STRATEGIES: dict[type, st.SearchStrategy[object]] = {
    model.Framework: strategies.frameworks,
    model.Contradiction: strategies.contradictions,
    model.Dilemma: strategies.dilemmas,
    model.Pole: strategies.poles,
    model.Evidence: strategies.evidence,
    model.Source: strategies.sources,
    model.Link: strategies.links,
    model.Provenance: strategies.provenances,
    model.Locator: strategies.locators,
    model.Resource: strategies.resources,
    model.Point: strategies.points,
    model.Goal: strategies.goals,
}

MODEL_CLASSES = [cls for _, cls in inspect.getmembers(model, inspect.isclass) if attrs.has(cls)]


def test_every_model_class_has_a_strategy() -> None:
    assert sorted(c.__name__ for c in MODEL_CLASSES) == sorted(c.__name__ for c in STRATEGIES)


def _default(field: attrs.Attribute[object]) -> object:
    factory = getattr(field.default, "factory", None)  # attrs.Factory(...)
    return factory() if callable(factory) else field.default


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (cls, field)
        for cls in MODEL_CLASSES
        for field in attrs.fields(cls)
        if field.default is not attrs.NOTHING
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else value.name,
)
def test_every_optional_field_is_drawn_with_and_without_its_default(
    cls: type, field: attrs.Attribute[object]
) -> None:
    """A field added to the model that the strategies never set fails here."""
    strategy = STRATEGIES[cls]
    quick = settings(
        max_examples=500,
        database=None,
        phases=[Phase.generate],  # the first example found will do: no shrinking
        suppress_health_check=list(HealthCheck),
    )
    find(strategy, lambda v: getattr(v, field.name) != _default(field), settings=quick)
    find(strategy, lambda v: getattr(v, field.name) == _default(field), settings=quick)


@settings(max_examples=50, deadline=None)
@given(strategies.valid_frameworks())
def test_valid_frameworks_validate(fw: ref.Framework) -> None:
    assert ref.validate(fw).errors == ()


@settings(max_examples=100, deadline=None)
@given(strategies.frameworks)
def test_to_dict_is_json_and_from_dict_reads_it_back(fw: ref.Framework) -> None:
    data = ref.to_dict(fw)
    assert ref.from_dict(json.loads(json.dumps(data))) == fw
