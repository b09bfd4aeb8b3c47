"""Round trips through YAML and JSON, and 'never raises anything but our own error'."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import referentiel as ref
from referentiel.strategies import frameworks
from tests.test_hostile_cli import trees

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(frameworks)
def test_yaml_round_trip(framework: ref.Framework) -> None:
    assert ref.loads_yaml(ref.dumps_yaml(framework)) == framework


@SETTINGS
@given(frameworks)
def test_json_round_trip(framework: ref.Framework) -> None:
    assert ref.loads_json(ref.dumps_json(framework)) == framework


@SETTINGS
@given(frameworks)
def test_save_load_round_trip_by_suffix(
    tmp_path_factory: pytest.TempPathFactory, framework: ref.Framework
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    for name in ("f.yaml", "f.yml", "f.json"):
        ref.save(framework, folder / name)
        assert ref.load(folder / name) == framework


def _load_bytes(tmp: Path, data: bytes, suffix: str) -> None:
    path = tmp / f"any{suffix}"
    path.write_bytes(data)
    try:
        ref.load(path)
    except ref.FileFormatError as exc:
        assert exc.issues, "a FileFormatError always carries its issues"
        for issue in exc.issues:
            assert issue.file == str(path)
            assert issue.line is not None and issue.line >= 1
            assert issue.column is not None and issue.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".yaml", ".json"]))
def test_load_any_bytes_raises_only_our_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    _load_bytes(tmp_path_factory.mktemp("bytes"), data, suffix)


@settings(max_examples=200, deadline=None)
@given(trees)
def test_load_any_yaml_document_raises_only_our_error(data: object) -> None:
    import json

    text = json.dumps(data)  # JSON is YAML: arbitrary shapes reach the structuring step
    for fmt in ("yaml", "json"):
        try:
            ref.loads(text, format=fmt, filename="any")
        except ref.FileFormatError as exc:
            assert all(issue.line is not None for issue in exc.issues)
