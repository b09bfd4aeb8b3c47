"""The Python API keeps its promises: typed values, a validate that never raises, own errors."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import referentiel as ref
from referentiel import strategies
from referentiel.outputs import EXPORT_FORMATS
from tests.test_strategies import MODEL_CLASSES, STRATEGIES

FIELDS = [(cls, field) for cls in MODEL_CLASSES for field in attrs.fields(cls)]


@pytest.mark.parametrize(
    ("cls", "field"),
    FIELDS,
    ids=lambda value: value.__name__ if isinstance(value, type) else value.name,
)
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_field_refuses_a_value_of_another_type(
    cls: type, field: attrs.Attribute[object], data: st.DataObject
) -> None:
    value: Any = data.draw(STRATEGIES[cls])
    with pytest.raises(ref.ModelTypeError) as raised:
        attrs.evolve(value, **{field.name: object()})
    expected = rf"{cls.__name__}\.{field.name} must be .+, not object: <object object at 0x\w+>"
    assert re.fullmatch(expected, str(raised.value))
    assert isinstance(raised.value, TypeError)


# Values of the wrong type, as a user might pass them (hence the ignores: mypy sees it too).
WRONG: list[tuple[dict[str, object], type, str]] = [
    ({"id": "x", "title": 5}, ref.Framework, "Framework.title must be str, not int: 5"),
    ({"id": "x", "title": None}, ref.Framework, "Framework.title must be str, not NoneType: None"),
    (
        {"id": "x", "title": "X", "tensions": []},
        ref.Framework,
        "Framework.tensions must be tuple of Contradiction or Dilemma, not list: []",
    ),
    (
        {"id": "x", "title": "X", "translations": (("en", 1),)},
        ref.Framework,
        "Framework.translations must be tuple of (str, str), not tuple: (('en', 1),)",
    ),
    ({"line": True}, ref.Locator, "Locator.line must be int (64-bit) or None, not bool: True"),
    (
        {"line": 2**63},
        ref.Locator,
        "Locator.line must be int (64-bit) or None, not int: 9223372036854775808",
    ),
    ({"line": 1.0}, ref.Locator, "Locator.line must be int (64-bit) or None, not float: 1.0"),
    (
        {"status": "attested"},
        ref.Provenance,
        "Provenance.status must be Status, not str: 'attested'",
    ),
]


@pytest.mark.parametrize(("fields", "cls", "message"), WRONG)
def test_constructors_check_types_with_a_clear_message(
    fields: dict[str, object], cls: type, message: str
) -> None:
    with pytest.raises(ref.ModelTypeError) as raised:
        cls(**fields)
    assert str(raised.value) == message


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(ref.ModelTypeError) as raised:
        ref.Pole(label=["x" * 1000])  # type: ignore[arg-type]
    assert (
        str(raised.value)
        == "Pole.label must be str, not list: ['xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx']"
    )


def test_integers_are_64_bit_as_every_format_holds_them() -> None:
    assert ref.Locator(line=2**63 - 1, start=-(2**63)).line == 2**63 - 1
    with pytest.raises(ref.ModelTypeError) as raised:
        ref.Locator(line=10**5000)
    assert str(raised.value) == ("Locator.line must be int (64-bit) or None, not int: <16610 bits>")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize(
    ("number", "message"),
    [
        (
            "9" * 20,
            "expected an integer from -9223372036854775808 to 9223372036854775807, got " + "9" * 20,
        ),
        ("9" * 5000, "expected an integer of at most 19 digits, got a number of 5000 digits"),
    ],
    ids=["20 digits", "5000 digits"],
)
def test_numbers_too_large_are_located_errors(
    tmp_path: Path, suffix: str, number: str, message: str
) -> None:
    """Over 4 300 digits, Python refuses to read an integer (its reading is quadratic)."""
    path = tmp_path / f"f{suffix}"
    fw = ref.Framework(
        id="x",
        title="X",
        tensions=(
            ref.Dilemma(
                id="d",
                number=12345,
                first=ref.Pole(label="A"),
                second=ref.Pole(label="B"),
                provenance=ref.Provenance(status=ref.Status.ATTESTED),
            ),
        ),
    )
    ref.save(fw, path)
    path.write_text(path.read_text().replace("12345", number))
    with pytest.raises(ref.FileFormatError) as raised:
        ref.load(path)
    where = "6:11" if suffix == ".yaml" else "8:17"
    assert str(raised.value) == (
        f"{path}:{where}: error wrong-type: {message} (at $.tensions[0].number)"
    )
    path.write_text(path.read_text().replace(number, '"x"'))
    with pytest.raises(ref.FileFormatError) as raised:
        ref.load(path)
    assert str(raised.value).endswith(
        "expected an integer, got string 'x' (at $.tensions[0].number)"
    )


def test_a_long_number_where_text_goes_says_so(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("id: x\ntitle: " + "7" * 5000 + "\n")
    with pytest.raises(ref.FileFormatError) as raised:
        ref.load(path)
    assert str(raised.value) == (
        f"{path}:2:8: error wrong-type: expected a string, got a number of 5000 digits (at $.title)"
    )


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.frameworks)
def test_validate_never_raises_and_the_rest_raise_only_library_errors(fw: ref.Framework) -> None:
    """Any framework the constructors accept, valid or not."""
    assert isinstance(ref.validate(fw), ref.Report)
    for to in EXPORT_FORMATS:
        for table in ("tensions", "evidence"):
            with contextlib.suppress(ref.ReferentielError):
                ref.export_text(fw, to, table=table)
    for function in (ref.to_networkx, ref.to_dot, ref.dumps):
        with contextlib.suppress(ref.ReferentielError):
            function(fw)


def test_a_framework_with_shared_ids_has_no_graph() -> None:
    fw = ref.load("examples/customer-relations.yaml")
    twice = attrs.evolve(fw, tensions=(*fw.tensions, fw.tensions[0]))
    with pytest.raises(ref.ValidationError) as raised:
        ref.export_text(twice, "graphml")
    assert str(raised.value) == (
        "1 validation error(s):\n"
        "error duplicate-id: duplicate tension or goal id 'c1' (first at $.tensions[0].id)"
        " (at $.tensions[6].id)"
    )


def test_a_link_to_no_tension_has_no_graph() -> None:
    fw = ref.load("examples/customer-relations.yaml")
    dangling = attrs.evolve(
        fw, links=(ref.Link(source="c1", target="c9", relation=ref.LinkKind.REINFORCES),)
    )
    with pytest.raises(ref.ValidationError) as raised:
        ref.to_networkx(dangling)
    assert str(raised.value) == (
        "1 validation error(s):\nerror unknown-link-end: unknown tension or goal 'c9' (at $.links[0].target)"
    )
