"""Every kind of bad file gets an exact, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

import referentiel as ref

HEAD = "id: x\ntitle: X\n"


def messages(text: str, *, fmt: str = "yaml") -> list[str]:
    with pytest.raises(ref.FileFormatError) as info:
        ref.loads(text, format=fmt, filename="f")
    return [str(issue) for issue in info.value.issues]


def test_yaml_syntax_error() -> None:
    assert messages("id: [x\n") == [
        "f:2:1: error yaml-syntax: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence) (at $)"
    ]


def test_duplicate_key() -> None:
    assert messages(HEAD + "title: Y\n") == [
        "f:3:1: error duplicate-key: duplicate key 'title' (at $)"
    ]


def test_alias_bomb_fails_fast_at_its_first_anchor() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert messages(bomb) == [
        "f:1:4: error yaml-alias: YAML anchors are not allowed (found &a): write the value out (at $)"
    ]


def test_alias_without_anchor_is_refused() -> None:
    assert messages("id: *x\n")[0].startswith("f:1:5: error yaml-")


def test_tags_are_refused() -> None:
    assert messages("id: !!python/object/apply:os.system ['true']\n") == [
        "f:1:5: error yaml-tag: YAML tags are not allowed "
        "(found tag:yaml.org,2002:python/object/apply:os.system) (at $)"
    ]


def test_empty_file_and_wrong_root() -> None:
    assert messages("") == ["f:1:1: error empty-file: the file holds no framework (at $)"]
    assert messages("- a\n") == [
        "f:1:1: error wrong-type: expected a framework (a mapping), got a list (at $)"
    ]


def test_unknown_key_suggests_the_closest() -> None:
    text = (
        HEAD
        + """tensions:
  - kind: contradiction
    id: c1
    number: 1
    prescibed: {label: A}
    real: {label: B}
    provenance: {status: attested}
"""
    )
    assert messages(text) == [
        "f:4:5: error missing-key: missing required key 'prescribed' in a contradiction "
        "(at $.tensions[0])",
        "f:7:5: error unknown-key: unknown key 'prescibed' in a contradiction "
        "(did you mean 'prescribed'?) (at $.tensions[0].prescibed)",
    ]


def test_wrong_types_and_values_are_all_reported_at_their_place() -> None:
    text = (
        HEAD
        + """tensions:
  - kind: contradiction
    id: c1
    number: "1"
    prescribed: {label: 3}
    real: {label: B, translations: [en]}
    origin: orga
    provenance: {status: sure}
    evidence:
      - quote: q
        date: 2021-13-30
        supports: left
  - kind: dilemme
"""
    )
    assert messages(text) == [
        "f:6:13: error wrong-type: expected an integer, got string '1' (at $.tensions[0].number)",
        "f:7:25: error wrong-type: expected a string, got integer 3 "
        "(at $.tensions[0].prescribed.label)",
        "f:8:22: error wrong-type: expected a mapping of language codes to texts, got a list "
        "(at $.tensions[0].real.translations)",
        "f:9:13: error unknown-value: unknown origin: 'orga' "
        "(expected one of 'organisation', 'situation') (at $.tensions[0].origin)",
        "f:10:26: error unknown-value: unknown provenance status: 'sure' "
        "(expected one of 'attested', 'reconstructed', 'illustrative') "
        "(at $.tensions[0].provenance.status)",
        "f:13:15: error wrong-type: expected a date (YYYY-MM-DD), got string '2021-13-30' "
        "(at $.tensions[0].evidence[0].date)",
        "f:14:19: error unknown-value: unknown pole: 'left' "
        "(expected one of 'prescribed', 'real', 'first', 'second', 'both') "
        "(at $.tensions[0].evidence[0].supports)",
        "f:15:11: error unknown-value: unknown kind: 'dilemme' "
        "(expected one of 'contradiction', 'dilemma') (at $.tensions[1].kind)",
    ]


def test_missing_kind() -> None:
    assert messages(HEAD + "tensions:\n  - id: c1\n") == [
        "f:4:5: error missing-key: missing required key 'kind' in a tension "
        "(expected one of 'contradiction', 'dilemma') (at $.tensions[0])"
    ]


def test_json_errors_are_located_too() -> None:
    text = '{\n  "id": "x",\n  "title": "X",\n  "tensions": {"a": 1}\n}\n'
    assert messages(text, fmt="json") == [
        "f:4:3: error wrong-type: expected a list, got a mapping (at $.tensions)"
    ]
    assert messages('{"id": "x",\n "id": "y"}', fmt="json") == [
        "f:2:2: error duplicate-key: duplicate key 'id' (at $)"
    ]
    assert messages('{"id": "x",\n "title": }', fmt="json") == [
        "f:2:11: error json-syntax: Expecting value (at $)"
    ]
    assert messages('{"id": NaN}', fmt="json") == [
        "f:1:1: error json-syntax: NaN is not valid JSON (at $)"
    ]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: R\xe9f\n".encode("latin-1"))
    with pytest.raises(ref.FileFormatError) as info:
        ref.load(path)
    assert (
        str(info.value) == f"{path}:2:9: error encoding: the file is not UTF-8 (byte 0xe9) (at $)"
    )


def test_unknown_suffix() -> None:
    with pytest.raises(ref.UnsupportedFormatError, match=r"unknown framework file suffix: '\.txt'"):
        ref.load("framework.txt")


def test_errors_subclass_the_builtins_they_resemble() -> None:
    assert issubclass(ref.FileFormatError, ValueError)
    assert issubclass(ref.FileFormatError, ref.ReferentielError)
    assert issubclass(ref.ValidationError, ValueError)
    assert issubclass(ref.EngineNotFoundError, FileNotFoundError)


def test_failed_save_leaves_the_existing_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("precious: true\n", encoding="utf-8")
    path.chmod(0o640)
    broken = ref.Framework(id="x", title="X")
    object.__setattr__(broken, "title", object())  # past the type checks: writing fails midway
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever unstructuring raises
        ref.save(broken, path)
    assert path.read_text(encoding="utf-8") == "precious: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]
    ref.save(ref.Framework(id="x", title="X"), path)
    assert path.read_text(encoding="utf-8") == "id: x\ntitle: X\n"
    assert path.stat().st_mode & 0o777 == 0o640
