"""Every input is bounded before it is read whole: regular files by their size, streams as read.

FIFOs, symbolic links and sparse files are made in temporary folders (never /dev entries).
"""

from __future__ import annotations

import io
import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import referentiel as ref
from referentiel.io._input import read_input
from referentiel.io.limits import FILE_LIMIT
from referentiel.io.qda.read import LIMITS, _utf16_offsets


def _endless_writer(fifo: Path) -> threading.Thread:
    """Write to *fifo* until its reader goes away (as /dev/zero would, without touching /dev)."""

    def write() -> None:
        with fifo.open("wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except BrokenPipeError:
                pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_an_endless_stream_behind_a_symlink_is_cut_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "zero"
    os.mkfifo(fifo)
    link = tmp_path / "project.qdpx"
    link.symlink_to(fifo)
    writer = _endless_writer(fifo)
    with pytest.raises(ref.FileFormatError) as raised:
        read_input(link, limit=100_000)
    writer.join(timeout=10)
    assert (
        str(raised.value)
        == f"{link}: error too-large: the input is larger than 100000 bytes (at $)"
    )
    assert not writer.is_alive()


def test_a_huge_sparse_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    framework, project = tmp_path / "huge.yaml", tmp_path / "huge.qdpx"
    for path in (framework, project):
        with path.open("wb") as handle:
            handle.truncate(3 * 2**30)  # 3 GiB on paper, no block on disk
    with pytest.raises(ref.FileFormatError) as raised:
        ref.load(framework)
    assert str(raised.value) == (
        f"{framework}: error too-large: the input is larger than {FILE_LIMIT} bytes (at $)"
    )
    with pytest.raises(ref.FileFormatError) as raised:
        ref.read_qdpx(project)
    assert str(raised.value) == (
        f"{project}: error qdpx-size: the input is larger than {LIMITS.archive} bytes (at $)"
    )


def test_standard_input_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"id: x\ntitle: X\n" + b"#" * 200))
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(ref.FileFormatError) as raised:
        read_input("-", limit=100)
    assert (
        str(raised.value) == "<stdin>: error too-large: the input is larger than 100 bytes (at $)"
    )


def test_an_input_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 100)
    assert read_input(path, limit=100) == b"x" * 100


def _utf16_reference(text: str, offset: int) -> int:
    """The first code point at or past the UTF-16 *offset* (past the end stays past the end)."""
    for index in range(len(text) + 1):
        if len(text[:index].encode("utf-16-le")) // 2 >= offset:
            return index
    return len(text) + offset - len(text.encode("utf-16-le")) // 2


@given(
    st.text(st.sampled_from("aé\n😀\U00010000𝄞"), max_size=20),
    st.integers(min_value=0, max_value=45),
)
def test_utf16_offsets_convert_as_their_definition_says(text: str, offset: int) -> None:
    assert _utf16_offsets(text)(offset) == _utf16_reference(text, offset)
