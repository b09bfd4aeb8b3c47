"""Outputs never destroy: files are replaced atomically with the usual permissions, links are
followed, FIFOs written in place, inputs and read-only files refused, ``-`` is stdin/stdout.

Every test works in a temporary folder: never on the machine's own /dev entries.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import referentiel as ref
from referentiel._output import temporary_beside, umask, write_output
from referentiel.io._yamlupdate import splice
from referentiel.io.yaml import _rewrite, update_yaml
from referentiel.strategies import frameworks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPT = shutil.which("referentiel", path=str(Path(sys.executable).parent)) or "referentiel"


def run(*args: object, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [SCRIPT, *map(str, args)], capture_output=True, cwd=cwd, input=stdin, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "customer-relations.yaml", tmp_path / "fw.yaml")
    return tmp_path


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert umask() == 0o027
        write_output(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_bytes(b"old")
    target.chmod(0o604)
    write_output(target, b"new")
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o604)


def test_the_temporary_file_is_new_hidden_and_its_owners_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first name drawn is a file, the second a link to nowhere: both are passed over
    names = iter([b"\x00" * 6, b"\x01" * 6, b"\x02" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(names))
    taken = tmp_path / ".fw.svg.000000000000.tmp"
    taken.write_bytes(b"someone's")
    (tmp_path / ".fw.svg.010101010101.tmp").symlink_to(tmp_path / "elsewhere")
    fd, tmp = temporary_beside(tmp_path / "fw.svg")
    os.close(fd)
    assert tmp == tmp_path / ".fw.svg.020202020202.tmp"
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
    assert taken.read_bytes() == b"someone's"
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("name", ["a" * 251 + ".svg", "é" * 125 + ".svg", "a" * 237])
def test_a_file_with_the_longest_name_is_replaced_too(tmp_path: Path, name: str) -> None:
    """The temporary file's name is the target's, shortened: 255 bytes is the most of both."""
    target = tmp_path / name
    target.write_bytes(b"old")
    write_output(target, b"new")
    assert (target.read_bytes(), [p.name for p in tmp_path.iterdir()]) == (b"new", [name])
    fd, tmp = temporary_beside(target)
    os.close(fd)
    assert len(os.fsencode(tmp.name)) <= 255
    assert tmp.name.startswith("." + name[:100]) and tmp.name.endswith(".tmp")


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fw.svg"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ref.OutputError) as caught:
        write_output(target, b"new")
    assert str(caught.value) == f"{target}: No space left on device"
    assert [p.name for p in tmp_path.iterdir()] == ["fw.svg"]
    assert target.read_bytes() == b"old"


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_output(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == b"new"


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"streamed")
    reader.join(timeout=10)
    assert received == [b"streamed"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_read_only_files_and_inputs_are_refused_and_left_as_they_were(tmp_path: Path) -> None:
    ro = tmp_path / "ro.csv"
    ro.write_bytes(b"keep")
    ro.chmod(0o444)
    with pytest.raises(ref.OutputError) as info:
        write_output(ro, b"new")
    assert str(info.value) == f"{ro}: the file is read-only: nothing was written"
    source = tmp_path / "fw.json"
    source.write_bytes(b"{}")
    link = tmp_path / "alias.json"
    link.symlink_to(source)
    with pytest.raises(ref.OutputError) as info:
        write_output(link, b"new", protect=[source])
    assert str(info.value) == f"{link}: refusing to overwrite {source}, which this command reads"
    assert (ro.read_bytes(), source.read_bytes()) == (b"keep", b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.json", "fw.json", "ro.csv"]


def test_a_missing_folder_is_named_as_the_user_gave_it(tmp_path: Path) -> None:
    with pytest.raises(ref.OutputError) as info:
        write_output(tmp_path / "nope" / "x.svg", b"x")
    assert str(info.value) == f"{tmp_path / 'nope' / 'x.svg'}: no such folder: {tmp_path / 'nope'}"
    assert isinstance(info.value, OSError)


def test_cli_refuses_to_export_over_its_input(folder: Path) -> None:
    before = (folder / "fw.yaml").read_bytes()
    done = run("export", "fw.yaml", "--to", "csv", "-o", "fw.yaml", cwd=folder)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "referentiel: error: fw.yaml: refusing to overwrite fw.yaml, which this command reads\n",
    )
    assert (folder / "fw.yaml").read_bytes() == before


def test_dash_is_stdin_and_stdout(folder: Path) -> None:
    text = (folder / "fw.yaml").read_bytes()
    valid = run("validate", "-", cwd=folder, stdin=text)
    assert (valid.returncode, valid.stderr) == (0, b"1 file(s) checked: 0 error(s), 0 warning(s)\n")
    csv = run("export", "-", "--to", "csv", "-o", "-", cwd=folder, stdin=text)
    assert csv.returncode == 0
    assert csv.stdout.decode().splitlines()[0] == (
        "number,origin,first,second,provenance,evidence,number_status,origin_status,details"
    )
    assert csv.stderr == b""
    svg = run("render", "fw.yaml", "-o", "-", cwd=folder)
    assert svg.stdout.startswith(b"<?xml")
    assert sorted(p.name for p in folder.iterdir()) == ["fw.yaml"]
    broken = run("validate", "-", cwd=folder, stdin=b"id: [\n")
    assert (broken.returncode, broken.stdout.decode()) == (
        1,
        "<stdin>:2:1: error yaml-syntax: expected the node content, but found '<stream end>' "
        "(while parsing a flow node) (at $)\n",
    )


def test_a_reader_that_goes_away_ends_the_command_quietly(folder: Path) -> None:
    command = f"{SCRIPT} schema | head -c 1"  # the shell finds head, as a user would
    done = subprocess.run(
        ["/bin/bash", "-o", "pipefail", "-c", command], capture_output=True, cwd=folder, check=False
    )
    assert (done.stdout, done.stderr) == (b"{", b"")
    assert done.returncode in (0, 141)  # the reader may take everything before it exits


def test_saving_over_a_commented_yaml_file_keeps_its_comments(folder: Path) -> None:
    path = folder / "fw.yaml"
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]
    framework = ref.load(path)
    ref.save(attrs.evolve(framework, title="Nouveau titre"), path)
    after = path.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if "#" in line] == comments
    assert after.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert ref.load(path) == attrs.evolve(framework, title="Nouveau titre")


def _relabel(framework: ref.Framework, tension_id: str, label: str) -> ref.Framework:
    return attrs.evolve(
        framework,
        tensions=tuple(
            attrs.evolve(t, real=attrs.evolve(t.real, label=label))
            if isinstance(t, ref.Contradiction) and t.id == tension_id
            else t
            for t in framework.tensions
        ),
    )


def _first(tension: ref.Tension, label: str) -> ref.Dilemma:
    assert isinstance(tension, ref.Dilemma)
    return attrs.evolve(tension, first=ref.Pole(label=label))


def test_saving_an_unchanged_framework_leaves_its_file_byte_for_byte() -> None:
    names = ["customer-relations", "evaporating-cloud", "kinesitherapy", "mixed", "polarity-map"]
    for example in (EXAMPLES / f"{name}.yaml" for name in names):
        text = example.read_text(encoding="utf-8")
        assert update_yaml(text, ref.loads(text)) == text, example.name


def test_saving_one_changed_tension_rewrites_that_line_alone() -> None:
    text = (EXAMPLES / "customer-relations.yaml").read_text(encoding="utf-8")
    changed = _relabel(ref.loads(text), "c2", "Insécurité")
    after = update_yaml(text, changed)
    assert ref.loads(after) == changed
    before_lines, after_lines = text.splitlines(), after.splitlines()
    assert len(before_lines) == len(after_lines)
    differ = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert differ == [("      label: Insécurité constante", "      label: Insécurité")]
    # done part by part: the file's other tensions were not rewritten, only read
    assert splice(text, changed, _rewrite) == after


def test_a_changed_tension_keeps_its_own_comments_and_its_neighbours() -> None:
    text = (
        "id: x  # the id\n"
        "title: X\n"
        "tensions:\n"
        "  # the first\n"
        "  - kind: dilemma  # a dilemma\n"
        "    id: d1\n"
        "    number: 1\n"
        "    first: {label: A}  # flow style kept\n"
        "    second: {label: B}\n"
        "    provenance: {status: illustrative, justification: exemple}\n"
        "  # the second\n"
        "  - kind: dilemma\n"
        "    id: d2\n"
        "    number: 2\n"
        "    first: {label: C}\n"
        "    second: {label: D}  # keep me\n"
        "    provenance: {status: illustrative, justification: exemple}\n"
        "# the end\n"
    )
    framework = ref.loads(text)
    changed = attrs.evolve(
        framework,
        tensions=(
            framework.tensions[0],
            _first(framework.tensions[1], "E"),
            attrs.evolve(framework.tensions[1], id="d3", number=3),
        ),
    )
    after = splice(text, changed, _rewrite)
    assert after is not None
    assert ref.loads(after) == changed
    assert after.startswith(
        text.split("  - kind: dilemma\n", maxsplit=1)[0]
    )  # the first tension as it was
    second = after.split("    id: d2\n")[1]
    assert second.startswith(
        "    number: 2\n    first: {label: E}\n    second: {label: D}  # keep me\n"
    )
    assert after.count("# the end") == 1 and "# the second" in after
    assert after.endswith(
        "  - kind: dilemma\n    id: d3\n    number: 3\n"
        "    first:\n      label: C\n    second:\n      label: D\n"
        "    provenance:\n      status: illustrative\n      justification: exemple\n"
    )


def test_a_file_laid_out_otherwise_is_rewritten_whole() -> None:
    flow = "{id: x, title: X, tensions: []}\n"
    framework = ref.loads(flow)
    assert splice(flow, framework, _rewrite) is None
    assert ref.loads(update_yaml(flow, attrs.evolve(framework, title="Y"))).title == "Y"
    dash_alone = (
        "id: x\ntitle: X\ntensions:\n  -\n    kind: dilemma\n    id: d1\n    number: 1\n"
        "    first: {label: A}\n    second: {label: B}\n"
        "    provenance: {status: illustrative, justification: e}\n"
    )
    framework = ref.loads(dash_alone)
    assert splice(dash_alone, framework, _rewrite) is None
    changed = attrs.evolve(framework, tensions=(_first(framework.tensions[0], "Z"),))
    assert ref.loads(update_yaml(dash_alone, changed)) == changed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks, frameworks)
def test_updating_a_commented_yaml_file_reads_back_as_the_new_framework(
    old: ref.Framework, new: ref.Framework
) -> None:
    # a comment after every key that opens a block and every dash
    commented = "".join(
        f"{line}  # n{i}\n"
        if line.rstrip().endswith(":") or line.lstrip().startswith("- ")
        else f"{line}\n"
        for i, line in enumerate(ref.dumps(old).splitlines())
    )
    assert ref.loads(commented) == old
    assert ref.loads(update_yaml(commented, new)) == new


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks, frameworks)
def test_updating_a_yaml_file_always_reads_back_as_the_new_framework(
    old: ref.Framework, new: ref.Framework
) -> None:
    text = update_yaml(ref.dumps(old), new)
    assert ref.loads(text) == new
    assert update_yaml(ref.dumps(new), new) == ref.dumps(new)
