"""Problems are located at the same place whichever way the text is read again.

libyaml's events (one linear pass, :mod:`referentiel.io._events`) must give the positions that
ruamel.yaml's tree gives (:func:`referentiel.io._positions.locate`), for every path of a file,
existing or not, at the key or at the value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import referentiel as ref
from referentiel.certification.case import to_case
from referentiel.io._events import check_depth, locate_many
from referentiel.io._located import YamlSyntaxError
from referentiel.io._positions import locate, parse_yaml
from referentiel.issues import Path as IssuePath
from referentiel.strategies import frameworks

EXAMPLES = sorted(Path("examples").glob("*.yaml"))


def _paths(data: object, path: IssuePath = ()) -> Iterator[IssuePath]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
        yield (*path, "no-such-key")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*path, index))
        yield (*path, len(data))
    else:
        yield (*path, "below-a-scalar")


def _same_positions(text: str) -> None:
    try:
        tree = parse_yaml(text)
    except YamlSyntaxError:  # JSON may hold characters YAML refuses (DEL): JSON reads it itself
        assert text.startswith("{")
        return
    queries = [(path, at_key) for path in _paths(tree) for at_key in (False, True)]
    expected = [locate(tree, path, at_key=at_key) for path, at_key in queries]
    found = locate_many(text, queries)
    if found is None:  # libyaml would count NEL, LS and PS as line breaks: ruamel.yaml locates
        assert any(c in text for c in "\x85\u2028\u2029")
        return
    assert found == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_path_of_the_examples_is_located_as_ruamel_locates_it(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    _same_positions(text)
    if example.name.endswith(".certification.yaml"):
        certification = ref.read_certification(example)
        _same_positions(json.dumps(to_case(certification), ensure_ascii=False, indent=2))
    elif example.name != "qdpx-mapping.yaml":
        _same_positions(ref.dumps(ref.load(example), format="json"))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(frameworks)
def test_every_path_of_any_framework_file_is_located_as_ruamel_locates_it(
    fw: ref.Framework,
) -> None:
    _same_positions(ref.dumps(fw))
    _same_positions(ref.dumps(fw, format="json"))


def test_a_text_with_yaml_1_1_line_breaks_is_left_to_ruamel() -> None:
    assert locate_many('{"id": "x",\n "note": "a\x85b",\n "x": 1}', [(("x",), True)]) is None


def test_flow_and_block_styles_and_comments() -> None:
    _same_positions(
        "# a comment\nid: x\ntitle: 'X'\ntensions:\n- {kind: dilemma, first: {label: A}}\n"
        "-   kind: contradiction\n    real:\n      label: >-\n        folded\n"
        "sources: [ {id: s}, {id: t} ]\n"
    )


def test_nesting_is_bounded_at_the_place_it_goes_too_deep() -> None:
    check_depth("a: " + "[" * 63 + "]" * 63)  # the mapping, then 63 lists: 64 levels
    with pytest.raises(YamlSyntaxError) as raised:
        check_depth("a: " + "[" * 64 + "]" * 64)
    assert (str(raised.value), raised.value.position) == (
        "the document is nested too deeply (more than 64 levels)",
        (1, 67),
    )


@pytest.mark.parametrize(
    ("text", "format", "position"),
    [
        ("id: x\ndeep: " + "[" * 100_000 + "]" * 100_000, "yaml", "f:2:1006"),
        ('{"id": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "json", "f:1:1020"),
        ("id: x\ttab\ndeep: " + "[" * 100 + "]" * 100, "yaml", "f:2:70"),
        ("id: x\ndeep:\n" + "".join("  " * i + "-\n" for i in range(1, 2000)), "yaml", "f:66:129"),
    ],
    ids=["flow-yaml", "json", "yaml-read-by-ruamel", "block-yaml"],
)
def test_a_deeply_nested_file_is_one_located_error(text: str, format: str, position: str) -> None:
    """A 200 KB file of brackets took seconds in the recursive parser; now it is refused first."""
    with pytest.raises(ref.FileFormatError) as raised:
        ref.loads(text, format=format, filename="f")
    assert str(raised.value) == (
        f"{position}: error too-deep: the document is nested too deeply (more than 64 levels)"
        " (at $)"
    )
