"""Whatever a file holds, the commands that read it end with exit 1 or 2 and located lines.

Arbitrary bytes, arbitrary YAML and JSON trees, and valid frameworks with one part replaced by
anything, are given to ``validate``, ``render`` and ``export``. Each must end with exit 1 (the
framework is invalid) or 2 (the file cannot be read), print every problem on one line located
in the file, write no output file, and never show a traceback. The 30-second deadline is a
guard against a hang or a runaway (such inputs took seconds to minutes), not a speed goal.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import referentiel as ref
from referentiel.cli import main
from referentiel.strategies import valid_frameworks

GUARD = settings(
    max_examples=40,
    deadline=dt.timedelta(seconds=30),
    suppress_health_check=list(HealthCheck),
)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
keys = st.sampled_from(
    [
        "id",
        "title",
        "tensions",
        "kind",
        "number",
        "prescribed",
        "real",
        "first",
        "label",
        "provenance",
        "status",
        "evidence",
        "quote",
        "sources",
        "links",
        "x",
        "translations",
    ]
) | st.text(max_size=6)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    return [_replaced(item, rest, value) if i == head else item for i, item in enumerate(data)]


@st.composite
def damaged_frameworks(draw: st.DrawFn) -> object:
    """A valid framework's plain data with one part (anything from a scalar to a tension)
    replaced by an arbitrary tree."""
    data = ref.to_dict(draw(valid_frameworks()))
    path = draw(st.sampled_from(_paths(data)[1:] or [()]))
    return _replaced(data, path, draw(trees))


def _written(data: object, format: str) -> bytes:
    """*data* as a JSON or YAML file holds it (keys in their order)."""
    if format == "json":
        return json.dumps(data, allow_nan=True).encode("utf-8")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _run(tmp: Path, name: str, content: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp / name
    source.write_bytes(content)
    outputs = {"render": tmp / "out.svg", "export": tmp / "out.csv"}
    commands = {
        "validate": ["validate", str(source)],
        "render": ["render", str(source), "-o", str(outputs["render"])],
        "export": ["export", str(source), "--to", "csv", "-o", str(outputs["export"])],
    }
    located = re.compile(rf"{re.escape(str(source))}:\d+:\d+: (error|warning) [a-z0-9-]+: .+")
    said = re.compile(
        rf"(\d+ file\(s\) checked: \d+ error\(s\), \d+ warning\(s\)"
        rf"|referentiel: {re.escape(str(source))} is invalid(: nothing was drawn)?)"
    )
    capsys.readouterr()
    for command, argv in commands.items():
        code = main(argv)
        printed = capsys.readouterr()  # validate reports on stdout, the others on stderr
        err = printed.out + printed.err
        lines = err.splitlines()
        if code == 0:  # the damage happened to leave a valid framework: nothing to check
            assert ref.check(source).ok, (command, err)
            for output in outputs.values():
                output.unlink(missing_ok=True)
            continue
        assert code in (1, 2), (command, code, err)
        assert "Traceback" not in err and "internal error" not in err, (command, err)
        assert any(located.fullmatch(line) for line in lines), (command, err)
        assert all(located.fullmatch(line) or said.fullmatch(line) for line in lines), (
            command,
            err,
        )
        assert not any(output.exists() for output in outputs.values()), command


@GUARD
@given(st.binary(max_size=2000), st.sampled_from(["f.yaml", "f.json"]))
def test_any_bytes(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    name: str,
) -> None:
    _run(tmp_path_factory.mktemp("bytes"), name, data, capsys)


@GUARD
@given(trees, st.sampled_from(["yaml", "json"]))
def test_any_tree(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    tree: object,
    format: str,
) -> None:
    _run(tmp_path_factory.mktemp("tree"), f"f.{format}", _written(tree, format), capsys)


@GUARD
@given(damaged_frameworks(), st.sampled_from(["yaml", "json"]))
def test_a_valid_framework_with_any_part_replaced(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    data: object,
    format: str,
) -> None:
    _run(tmp_path_factory.mktemp("damaged"), f"f.{format}", _written(data, format), capsys)


def test_a_key_with_a_line_break_stays_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text('id: x\ntitle: X\n"\\r\\u2028": ~\n? null\n: 1\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:3:1: error unknown-key: unknown key '\\r\\u2028' in a framework (expected one of"
        " 'id', 'title', 'trade', 'language', 'description', 'translations', 'version',"
        " 'sources', 'tensions', 'goals', 'links', 'acknowledged') (at $[\"\\r\\u2028\"])",
        f"{path}:4:3: error unknown-key: unknown key None in a framework (expected one of"
        " 'id', 'title', 'trade', 'language', 'description', 'translations', 'version',"
        " 'sources', 'tensions', 'goals', 'links', 'acknowledged') (at $[null])",
    ]


def test_an_empty_title_in_the_figure_language_draws_no_title(tmp_path: Path) -> None:
    """Graphviz refused the empty <FONT> element the title became."""
    fw = ref.load("examples/customer-relations.yaml")
    source = tmp_path / "f.yaml"
    ref.save(attrs.evolve(fw, translations=(("en", ""),)), source)
    assert main(["render", str(source), "--lang", "en", "-o", str(tmp_path / "f.svg")]) == 0
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8")
    assert "Professional contradictions" not in svg
    assert 'font-size="18.00"' not in svg
