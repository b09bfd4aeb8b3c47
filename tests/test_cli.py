"""The console script, run as a user runs it: exit codes, exact output, no partial files."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import referentiel as ref
from referentiel.analyses import ANALYSES
from referentiel.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "customer-relations.yaml"
SCRIPT = shutil.which("referentiel", path=str(Path(sys.executable).parent)) or "referentiel"


def run(
    *args: str | Path,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


BROKEN = """id: broken
title: Un exemple cassé
tensions:
  - kind: contradiction
    id: c1
    number: 1
    prescibed: {label: Respect des procédures}
    real: {label: Réalisation de son travail de conseiller}
    origin: organisation
    provenance: {status: attested}
"""

WARNED = """id: w
title: Avertissements
tensions:
  - kind: dilemma
    id: d1
    number: 2
    first: {label: A}
    second: {label: B}
    provenance: {status: attested}
"""


def test_version_and_help() -> None:
    assert run("--version").stdout == f"referentiel {ref.__version__}\n"
    for command in (
        (),
        ("validate",),
        ("render",),
        ("export",),
        ("diff",),
        ("import-qdpx",),
        ("schema",),
    ):
        done = run(*command, "--help")
        assert done.returncode == 0
        assert done.stdout.startswith(f"usage: referentiel {' '.join(command)}".rstrip())


def test_help_is_wrapped_as_argparse_wraps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our formatter finds the width as shutil does, without importing it (a cold start's 1.3 ms)."""
    from referentiel.cli import _parser

    lines = {}
    for columns in ("57", "123", "", "wide", "0", "-3"):
        monkeypatch.setenv("COLUMNS", columns)
        parser = _parser("render")
        (render,) = parser._subparsers._group_actions[0].choices.values()  # type: ignore[union-attr]
        ours = [parser.format_help(), render.format_help()]
        for each in (parser, render):
            each.formatter_class = argparse.HelpFormatter
        assert ours == [parser.format_help(), render.format_help()], columns
        lines[columns] = len(ours[1].splitlines())
    assert lines["57"] > lines["123"]  # the width was taken from $COLUMNS


def test_the_console_script_exits_with_the_code_and_leaves_its_objects_to_the_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import gc

    from referentiel.cli import _entry

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["referentiel", "validate", str(tmp_path / "absent.yaml")])
    with pytest.raises(SystemExit) as exited:
        _entry()
    assert exited.value.code == 2
    assert frozen == [True]  # no last collection over every object at exit: a cold start's tenth
    assert (
        capsys.readouterr().err == f"referentiel: error: {tmp_path / 'absent.yaml'}: no such file\n"
    )


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "referentiel", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout == f"referentiel {ref.__version__}\n"


def test_validate_valid_files_exit_0() -> None:
    done = run("validate", "examples/customer-relations.yaml", "examples/kinesitherapy.yaml")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "2 file(s) checked: 0 error(s), 0 warning(s)\n"


def test_validate_warnings_only_exit_0(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(WARNED, encoding="utf-8")
    done = run("validate", "w.yaml", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == (
        "w.yaml:3:1: warning numbering-gap: tension numbers skip 1 (at $.tensions)\n"
        "w.yaml:4:5: warning no-evidence: dilemma 'd1' has no evidence (at $.tensions[0])\n"
        "w.yaml:9:5: warning unchecked-attestation: marked attested, but no source says where: "
        "nothing can be checked (at $.tensions[0].provenance)\n"
    )


def test_validate_invalid_file_exit_1_with_located_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    done = run("validate", "broken.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == (
        "broken.yaml:4:5: error missing-key: missing required key 'prescribed' in a contradiction "
        "(at $.tensions[0])\n"
        "broken.yaml:7:5: error unknown-key: unknown key 'prescibed' in a contradiction "
        "(did you mean 'prescribed'?) (at $.tensions[0].prescibed)\n"
    )
    assert done.stderr == "1 file(s) checked: 2 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "missing.yaml"), "referentiel: error: missing.yaml: no such file\n"),
        (
            ("validate", "notes.txt"),
            "referentiel: error: unknown framework file suffix: '.txt' "
            "(expected one of '.yaml', '.yml', '.json')\n",
        ),
        (
            ("render", "missing.yaml", "-o", "x.svg"),
            "referentiel: error: missing.yaml: no such file\n",
        ),
        (
            ("frobnicate",),
            "referentiel: error: argument COMMAND: invalid choice: 'frobnicate' "
            "(choose from 'validate', 'render', 'export', 'diff', 'import-qdpx', 'analyses', 'schema', 'certification', 'completion')\n",
        ),
        (
            ("render", "f.yaml"),
            "referentiel render: error: the following arguments are required: -o/--output\n",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = run(*args, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)


def test_validate_directory_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    done = run("validate", "d.yaml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "referentiel: error: d.yaml: is a directory\n")


def test_render_writes_the_figure(tmp_path: Path) -> None:
    done = run("render", EXAMPLE, "-o", tmp_path / "figure.svg", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"wrote {tmp_path / 'figure.svg'}\n"
    svg = (tmp_path / "figure.svg").read_bytes()
    assert svg == ref.render(ref.load(EXAMPLE), language="en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.svg"]


@pytest.mark.parametrize("suffix", ["png", "dot", "json"])
def test_render_other_formats(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"figure.{suffix}"
    done = run("render", EXAMPLE, "-o", out, "--theme", "bw", "--figure", "graph")
    assert done.returncode == 0, done.stderr
    expected = ref.render(ref.load(EXAMPLE), format=suffix, theme="bw", figure="graph")
    assert out.read_bytes() == expected


def _existing(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(b"the user's previous figure")
    return path


def test_invalid_framework_draws_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    out = _existing(tmp_path, "figure.svg")
    done = run("render", "broken.yaml", "-o", "figure.svg", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.endswith("referentiel: broken.yaml is invalid: nothing was drawn\n")
    assert out.read_bytes() == b"the user's previous figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "figure.svg"]


def test_unsupported_format_keeps_the_old_file(tmp_path: Path) -> None:
    out = _existing(tmp_path, "figure.svg")
    done = run("render", EXAMPLE, "-o", out, "--dpi", "300")
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: --dpi sets a PNG's resolution; svg has none\n",
    )
    assert out.read_bytes() == b"the user's previous figure"


def test_missing_system_engine_keeps_the_old_file(tmp_path: Path) -> None:
    out = _existing(tmp_path, "figure.png")
    env = {**os.environ, "PATH": str(tmp_path / "empty")}  # no `dot` anywhere
    done = run("render", EXAMPLE, "-o", out, "--engine", "system", env=env)
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: no system Graphviz: `dot` is not on PATH (install Graphviz, "
        "or use the embedded engine)\n",
    )
    assert out.read_bytes() == b"the user's previous figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.png"]


def test_failing_engine_keeps_the_old_file(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    dot = fake / "dot"
    dot.write_text("#!/bin/sh\necho 'Error: layout exploded' >&2\nexit 1\n", encoding="utf-8")
    dot.chmod(0o755)
    out = _existing(tmp_path, "figure.svg")
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = run("render", EXAMPLE, "-o", out, "--engine", "system", env=env)
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: Graphviz failed: Error: layout exploded\n",
    )
    assert out.read_bytes() == b"the user's previous figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "figure.svg"]


def test_render_into_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    done = run("render", EXAMPLE, "-o", tmp_path / "nope" / "f.svg")
    assert done.returncode == 2
    assert done.stderr.startswith("referentiel: error: ")
    assert "Traceback" not in done.stderr


def test_schema_prints_the_shipped_schema(tmp_path: Path) -> None:
    from referentiel.io.schema import shipped_schema_text

    done = run("schema")
    assert (done.returncode, done.stdout) == (0, shipped_schema_text())
    assert run("schema", "-o", tmp_path / "s.json").returncode == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == shipped_schema_text()


def test_an_internal_error_is_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from referentiel import cli

    def boom(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_run", boom)
    assert cli.main(["validate", str(EXAMPLE)]) == 2
    assert capsys.readouterr().err == (
        "referentiel: error: internal error: RuntimeError: boom (please report it)\n"
    )


def test_every_public_name_resolves() -> None:
    for name in ref.__all__:
        assert getattr(ref, name) is not None, name


def test_export_writes_the_format_of_the_suffix(tmp_path: Path) -> None:
    done = run("export", EXAMPLE, "-o", tmp_path / "t.csv", "--table", "evidence", "--lang", "en")
    assert (done.returncode, done.stderr) == (0, f"wrote {tmp_path / 't.csv'} (csv)\n")
    expected = ref.export_text(ref.load(EXAMPLE), "csv", table="evidence", language="en")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == expected
    done = run("export", EXAMPLE, "-o", tmp_path / "graph.xml", "--to", "graphml")
    assert done.returncode == 0
    assert ref.read_graphml(tmp_path / "graph.xml") == ref.load(EXAMPLE)


def test_export_errors(tmp_path: Path) -> None:
    out = _existing(tmp_path, "t.xyz")
    done = run("export", EXAMPLE, "-o", out)
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: cannot tell the export format from the suffix '.xyz': "
        "give it (to=...)\n",
    )
    assert out.read_bytes() == b"the user's previous figure"
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    done = run("export", "broken.yaml", "-o", "t.csv", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.endswith("referentiel: broken.yaml is invalid\n")
    assert not (tmp_path / "t.csv").exists()


def test_diff_exit_codes_and_output(tmp_path: Path) -> None:
    same = run("diff", EXAMPLE, EXAMPLE)
    assert (same.returncode, same.stdout) == (0, "no differences\n")
    changed = EXAMPLE.read_text(encoding="utf-8").replace(
        "label: Insécurité constante", "label: Insécurité permanente"
    )
    (tmp_path / "v2.yaml").write_text(changed, encoding="utf-8")
    done = run("diff", EXAMPLE, tmp_path / "v2.yaml")
    assert (done.returncode, done.stdout) == (
        1,
        "~ c2 (contradiction 2)\n"
        "    real.label: 'Insécurité constante' → 'Insécurité permanente'\n",
    )
    missing = run("diff", EXAMPLE, tmp_path / "nope.yaml")
    assert missing.returncode == 2
    assert missing.stderr.endswith("nope.yaml: no such file\n")


@pytest.mark.skipif(shutil.which("bash") is None, reason="the bash completion needs bash")
def test_bash_completes_commands_options_choices_and_files(tmp_path: Path) -> None:
    script = tmp_path / "referentiel.bash"
    assert main(["completion", "bash", "-o", str(script)]) == 0
    (tmp_path / "fw.yaml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    driver = (
        f"source {shlex.quote(str(script))}\n"
        'try() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE="$*"; '
        "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _shtab_referentiel; "
        'echo "${COMPREPLY[*]}"; }\n'
        "try referentiel ren\n"
        "try referentiel render --fig\n"
        'try referentiel render --figure ""\n'
        'try referentiel export fw.yaml --to ""\n'
        "try referentiel validate f\n"
    )
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, "-c", driver], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == [
        "render",
        "--figure",
        "mixed contradictions polarity dilemmas graph",
        "graphml gexf node-link mermaid jsonl markdown csv html latex dot",
        "fw.yaml",
    ]


def test_analyses_print_a_table_or_json(tmp_path: Path) -> None:
    mixed = ROOT / "examples" / "mixed.yaml"
    done = run("analyses", mixed)
    assert (done.returncode, done.stderr) == (0, "")
    sections = done.stdout.split("\n\n")
    assert sections[-2:] == [
        "link-cycles: cycles of links between tensions\n  c1 -> c2 -> d1",
        "",
    ]
    assert "by-provenance: tensions by how they are known\n  illustrative: c1, c2, d1" in sections
    assert "shared-sources: sources that back more than one tension\n  (none)" in sections
    as_json = run("analyses", mixed, "--json")
    found = json.loads(as_json.stdout)
    assert list(found) == [a.name for a in ANALYSES]
    assert found["poles-without-evidence"] == [
        "c1.prescribed",
        "c1.real",
        "c2.prescribed",
        "c2.real",
        "d1.first",
        "d1.second",
    ]
    assert found["most-linked"] == {"c1": 2, "c2": 2, "d1": 2}
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: T\ntensions: [{kind: dilemma}]\n", encoding="utf-8")
    refused = run("analyses", broken)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.endswith(f"referentiel: {broken} is invalid\n")
