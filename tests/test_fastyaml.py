"""The fast YAML reader reads exactly what the located reader reads, or declines.

Its whole contract is one property: for any text, either it declines, or the located reader
(ruamel.yaml, YAML 1.2) accepts the text and reads the same data, value for value and type for
type. Any error of the located reader must therefore make it decline.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

import referentiel as ref
from referentiel.io import _fastyaml, _yamlwriter, plain
from referentiel.io._fastyaml import DECLINED, parse_fast
from referentiel.io._positions import YamlSyntaxError, parse_yaml
from referentiel.io.yaml import _writer
from referentiel.strategies import frameworks

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def typed(value: object) -> object:
    """*value* with the type of every scalar made explicit (True == 1, but not here)."""
    if isinstance(value, dict):
        return ("map", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(v) for v in value])
    for kind in (bool, int, float, str):  # bool first: it is an int
        if isinstance(value, kind):
            return (kind.__name__, kind(value))  # ruamel's subclasses compare as their base
    assert value is None, type(value)
    return ("null", None)


def assert_same_reading(text: str) -> None:
    fast = parse_fast(text)
    try:
        slow = parse_yaml(text)
    except YamlSyntaxError:
        assert fast is DECLINED, f"the fast reader read a text the located reader refuses: {text!r}"
        return
    if fast is not DECLINED:
        assert typed(fast) == typed(slow)


# Scalars that look like numbers, dates, booleans, nulls in YAML 1.1 or 1.2, or like syntax.
_TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "TRUE", "null", "Null", "~", "",
    "0", "-0", "+1", "007", "010", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.5", ".5", "-.5",
    ".inf", "-.Inf", ".nan", "1:20", "190:20:30", "2019-03-12", "2019-3-2 10:20:30",
    "2019-03-12T10:20:30Z", "<<", "=", "-", "?", ":", "- a", "a: b", "#", "a #b", "'", '"',
    "\\", "\t", " lead", "trail ", "é", "🙂", "\u200f", "\x85", "\u2028", "\u2029", "\r", "\n",
    "a\nb", "a\n\nb", "%", "@", "`", "&a", "*a", "!a", "!!str", "[a]", "{a: b}", "a, b", "|", ">",
]  # fmt: skip
scalars = st.one_of(
    st.sampled_from(_TRICKY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.integers(),
    st.booleans(),
    st.none(),
)
keys = st.one_of(st.sampled_from(_TRICKY), st.text(max_size=6), st.integers(-3, 3))
data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


def ruamel_dump(value: object, flow: bool | None, style: str | None) -> str:  # noqa: FBT001
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = flow
    dumper.default_style = style  # type: ignore[assignment]
    dumper.allow_unicode = True
    buffer = io.StringIO()
    dumper.dump(value, buffer)
    return buffer.getvalue()


@SETTINGS
@given(
    st.dictionaries(keys, data, max_size=5),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, '"', "'", "|", ">"]),
    st.sampled_from(["ruamel", "pyyaml"]),
)
def test_dumped_documents_are_read_alike(
    value: dict[Any, Any],
    flow: bool | None,  # noqa: FBT001
    style: str | None,
    dumper: str,
) -> None:
    try:
        if dumper == "ruamel":
            text = ruamel_dump(value, flow, style)
        else:
            text = yaml.safe_dump(
                value, default_flow_style=flow, default_style=style, allow_unicode=True
            )
    except Exception:  # noqa: BLE001 - a dumper that cannot write this value: nothing to read
        return
    assert_same_reading(text)


_SYNTAX = [*"abé0129:-?#[]{},|>'\"\\!&*%@` \t\n\r.~+_=<", "\x85", "\u2028", "\ufeff", "🙂"]


@SETTINGS
@given(st.text(st.sampled_from(_SYNTAX) | st.characters(exclude_categories=["Cs"]), max_size=60))
@example("?\r\ufeff")  # found by this test: libyaml took a byte order mark past the start
@example("a: 1\na: 2\n")
@example("a: &x [1]\nb: *x\n")
@example("%YAML 1.1\n---\na: yes\n")
@example("a: b\n---\nc: d\n")
@example("? [a]\n: b\n")
@example("a: !!str 1\n")
@example("a:\tb\n")
@example("a: b\x85c\n")
@example("a: 'b\n\n  c'\n")
@example("- a\n- b\n")
@example("a\n")
@example("")
def test_any_text_is_read_alike_or_declined(text: str) -> None:
    assert_same_reading(text)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks)
def test_framework_files_are_read_alike(framework: ref.Framework) -> None:
    text = ref.dumps_yaml(framework)
    assert_same_reading(text)


@pytest.mark.parametrize("name", ["customer-relations.yaml", "kinesitherapy.yaml"])
def test_the_examples_take_the_fast_path(name: str) -> None:
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    fast = parse_fast(text)
    assert fast is not DECLINED
    assert typed(fast) == typed(parse_yaml(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 12", {"a": 12}),
        ("a: -3", {"a": -3}),
        ("a: true\nb: False", {"a": True, "b": False}),
        ("a: ~\nb: null\nc:", {"a": None, "b": None, "c": None}),
        ("a: 2019-03-12", {"a": "2019-03-12"}),
        ("a: yes\nb: on", {"a": "yes", "b": "on"}),  # YAML 1.1 booleans are 1.2 strings
        ("a: '12'\nb: \"true\"", {"a": "12", "b": "true"}),
        ("a: 2 extraits", {"a": "2 extraits"}),
        ("a: [1, {b: c}]", {"a": [1, {"b": "c"}]}),
    ],
)
def test_what_the_fast_reader_reads(text: str, expected: dict[str, Any]) -> None:
    assert typed(parse_fast(text)) == typed(expected)


@pytest.mark.parametrize(
    "text",
    [
        "a: 012",  # decimal in YAML 1.2, octal in 1.1
        "a: 1.5",
        "a: 0x1F",
        "a: 1_000",
        "a: .inf",
        "<<: {}",
        "a: 1\na: 2",
        "a: &x 1",
        "a: *x",
        "a: !!str 1",
        "%YAML 1.2\n---\na: 1",
        "a: b\n---\nc: d",
        "? [a]\n: b",
        "- a",
        "",
        "a: [",
    ],
)
def test_what_the_fast_reader_declines(text: str) -> None:
    assert parse_fast(text) is DECLINED


def test_a_valid_file_loads_without_ruamel() -> None:
    # the fast path is the point: reading a valid file must not import the located reader
    code = (
        "import sys, referentiel as ref\n"
        f"ref.load({str(ROOT / 'examples' / 'customer-relations.yaml')!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith('ruamel')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


def test_a_problem_found_after_the_fast_path_is_still_located() -> None:
    text = "id: x\ntitle: X\ntensions: []\nsourcse: []\n"
    assert parse_fast(text) is not DECLINED
    with pytest.raises(ref.FileFormatError) as caught:
        ref.loads_yaml(text, filename="f.yaml")
    assert str(caught.value) == (
        "f.yaml:4:1: error unknown-key: unknown key 'sourcse' in a framework "
        "(did you mean 'sources'?) (at $.sourcse)"
    )


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(frameworks)
@example(
    ref.Framework(
        id="_",
        title="0o17",
        trade="1e5",
        description="+12",
        version="<<",
        translations=(("en", "="), ("fr", ".inf"), ("de", "_1"), ("it", "null")),
    )
)
def test_the_fast_writer_writes_what_ruamel_wrote(fw: ref.Framework) -> None:
    """libyaml's emitter is only faster: the text is the same, so files do not change style.

    But for the strings a YAML 1.1 reader (PyYAML's) takes for something else, which ruamel,
    reading YAML 1.2, leaves plain: those the fast writer quotes (next test).
    """
    data = plain.to_dict(fw)
    assume(not any(_yaml11_only(text) for text in _strings(data)))
    buffer = io.StringIO()
    _writer("safe").dump(data, buffer)
    assert ref.dumps(fw) == buffer.getvalue()


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (key, *_strings(value))]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return [data] if isinstance(data, str) else []


def _yaml11_only(text: str) -> bool:
    """Whether *text*, written plain, is a string in YAML 1.2 but something else in YAML 1.1."""
    string = "tag:yaml.org,2002:str"
    yaml11 = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    yaml12 = VersionedResolver().resolve(ScalarNode, text, (True, False))
    return bool(yaml11 != string and yaml12 == string)


@pytest.mark.parametrize("text", ["Yes", "no", "On", "OFF", "1_000", "0b1", "017", "1:20"])
def test_strings_a_yaml_1_1_reader_takes_for_other_values_are_quoted(text: str) -> None:
    fw = ref.Framework(id="x", title=text)
    assert ref.dumps(fw) == f"id: x\ntitle: '{text}'\n"
    assert yaml.safe_load(ref.dumps(fw))["title"] == text  # PyYAML reads YAML 1.1
    assert ref.loads(ref.dumps(fw)) == fw


_PATTERNS = (
    _fastyaml._BOOL,
    _fastyaml._NULL,
    _fastyaml._DECIMAL,
    _fastyaml._TIMESTAMP,
    _fastyaml._OTHER,
)


@given(st.text(max_size=12) | st.from_regex(_yamlwriter.NOT_A_STRING, fullmatch=True))
def test_a_plain_scalar_not_starting_as_a_number_or_keyword_is_a_string(value: str) -> None:
    # the reader skips the patterns for a scalar whose first character none of them starts with
    matched = any(pattern.match(value) for pattern in _PATTERNS)
    if matched and value:
        assert value[0] in _fastyaml._SPECIAL_STARTS
    if value and value[0] not in _fastyaml._SPECIAL_STARTS:
        assert _fastyaml.plain_scalar(value, plain=True) == value


@pytest.mark.parametrize("text", ["-_", "+_", "-__", "_", "+"])
def test_signs_and_underscores_without_a_digit_are_strings(text: str) -> None:
    # ruamel.yaml's resolver took "-_" for an integer, and its constructor then failed with
    # an IndexError; YAML 1.2's core schema and YAML 1.1 both read a string
    assert ref.loads(f"id: x\ntitle: {text}\n").title == text
    fw = ref.Framework(id="x", title=text)
    assert ref.loads(ref.dumps(fw)) == fw
    # and in a file with a problem, read by the located reader, the problem is what is said
    with pytest.raises(ref.FileFormatError) as raised:
        ref.loads(f"id: x\ntitle: {text}\ntrad: 1\n", filename="f.yaml")
    assert str(raised.value) == (
        "f.yaml:3:1: error unknown-key: unknown key 'trad' in a framework "
        "(did you mean 'trade'?) (at $.trad)"
    )
