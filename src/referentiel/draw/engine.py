"""Running Graphviz: the embedded engine (graphviz-pure, installed by pip) or a system ``dot``.

The engine runs as a subprocess with a fixed argument list, never through a shell, and the
``graphviz`` package's global settings are left alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final, Literal

import attrs

from referentiel.draw.style import SVG_FONT_FAMILY
from referentiel.errors import EngineError, EngineNotFoundError, UnsupportedFormatError

__all__ = [
    "ENGINES",
    "OUTPUTS",
    "Engine",
    "Output",
    "Running",
    "check_engine",
    "check_format",
    "find_engine",
    "output_for",
    "run_engine",
    "start_engine",
]

Engine = Literal["embedded", "system"]
ENGINES: Final = ("embedded", "system")


@attrs.frozen(kw_only=True)
class Output:
    """A format a figure can be written in: its suffixes, and the engines that write it."""

    name: str
    suffixes: tuple[str, ...]
    #: The engines that can write it; none for DOT, the figure's source, written by no engine.
    engines: tuple[Engine, ...]


#: Every output format of the figures, by name.
OUTPUTS: Final[dict[str, Output]] = {
    o.name: o
    for o in (
        Output(name="svg", suffixes=(".svg",), engines=ENGINES),
        Output(name="png", suffixes=(".png",), engines=ENGINES),
        # the embedded engine lays the figure out; referentiel.draw.pdf draws it, fonts embedded
        Output(name="pdf", suffixes=(".pdf",), engines=ENGINES),
        Output(name="json", suffixes=(".json",), engines=ENGINES),
        Output(name="dot", suffixes=(".dot", ".gv"), engines=()),
        # the interactive page: every figure kind as SVG, drawn by the engine, with the evidence
        Output(name="html", suffixes=(".html", ".htm"), engines=ENGINES),
    )
}


def output_for(suffix: str) -> str:
    """Return the output format a file suffix selects.

    >>> output_for(".gv")
    'dot'
    """
    for output in OUTPUTS.values():
        if suffix.lower() in output.suffixes:
            return output.name
    expected = ", ".join(repr(s) for o in OUTPUTS.values() for s in o.suffixes)
    raise UnsupportedFormatError(f"unknown output suffix: {suffix!r} (expected one of {expected})")


_EXE: Final = ".exe" if os.name == "nt" else ""


def _on_path(program: str) -> Path | None:
    import shutil  # noqa: PLC0415 - off the common path: shutil costs a cold start 1.3 ms

    found = shutil.which(program)
    return Path(found) if found else None


def find_engine(engine: Engine = "embedded") -> Path:
    """Return the path of the engine's program; raise :exc:`EngineNotFoundError` if absent."""
    if engine == "embedded":
        name = f"graphviz-pure{_EXE}"
        # Next to this interpreter first (a venv's scripts need not be on PATH), then in its
        # scripts folder (a user install's): sysconfig costs a cold start 3 ms, so asked second.
        candidate = Path(sys.executable).parent / name
        if candidate.is_file():
            return candidate
        import sysconfig  # noqa: PLC0415 - see above

        candidate = Path(sysconfig.get_path("scripts")) / name
        if candidate.is_file():
            return candidate
        found = _on_path(name)
        if found:
            return found
        raise EngineNotFoundError(
            "the embedded Graphviz engine is not installed: pip install graphviz-pure "
            "(or use --engine system with Graphviz installed)"
        )
    if engine == "system":
        found = _on_path("dot")
        if found:
            return found
        raise EngineNotFoundError(
            "no system Graphviz: `dot` is not on PATH (install Graphviz, "
            "or use the embedded engine)"
        )
    check_engine(engine)  # type: ignore[unreachable]  # any str at runtime
    raise AssertionError  # pragma: no cover - check_engine raised


def check_engine(engine: str) -> None:
    """Raise :exc:`UnsupportedFormatError` if *engine* is not one of :data:`ENGINES`.

    >>> check_engine("bogus")
    Traceback (most recent call last):
    ...
    referentiel.errors.UnsupportedFormatError: unknown engine: 'bogus' (expected one of 'embedded', 'system')
    """  # noqa: E501 - doctest output lines cannot be wrapped
    if engine not in ENGINES:
        expected = ", ".join(repr(e) for e in ENGINES)
        raise UnsupportedFormatError(f"unknown engine: {engine!r} (expected one of {expected})")


def check_format(fmt: str, engine: Engine) -> None:
    """Raise :exc:`UnsupportedFormatError` if *engine* cannot write *fmt*."""
    check_engine(engine)
    output = OUTPUTS.get(fmt)
    if output is None or (output.engines and engine not in output.engines):
        expected = ", ".join(repr(o.name) for o in OUTPUTS.values() if engine in o.engines)
        raise UnsupportedFormatError(
            f"unknown output format: {fmt!r} (expected one of 'dot', {expected})"
        )


def run_engine(
    source: str,
    fmt: str,
    *,
    engine: Engine = "embedded",
    timeout: float = 120,
    dpi: float | None = None,
) -> bytes:
    """Lay out DOT *source* and return the drawing in *fmt* (svg, png, json; pdf: system only).

    *dpi* sets the resolution of a PNG (Graphviz's default is 96).
    """
    return start_engine(source, fmt, engine=engine, dpi=dpi).result(timeout)


def start_engine(
    source: str, fmt: str, *, engine: Engine = "embedded", dpi: float | None = None
) -> Running:
    """Start laying out DOT *source* in *fmt*; :meth:`Running.result` waits for the drawing.

    The engine works in a process of its own while the caller goes on (drawing the page laid
    out before, say); :func:`run_engine` is this and its result.
    """
    if fmt == "pdf" and engine == "embedded":
        raise UnsupportedFormatError("the embedded engine lays out PDF through json: see draw.pdf")
    check_format(fmt, engine)
    program = find_engine(engine)
    arguments = [str(program), f"-T{fmt}"]
    if dpi is not None:
        arguments.append(f"-Gdpi={dpi:g}")
    try:
        process = subprocess.Popen(
            arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise EngineError(f"Graphviz could not be started: {exc}") from None
    return Running(process, source.encode("utf-8"), fmt)


class Running:
    """A layout under way in the engine's process: :func:`start_engine` returns one."""

    def __init__(self, process: subprocess.Popen[bytes], source: bytes, fmt: str) -> None:
        self._process = process
        self._fmt = fmt
        self._source: bytes | None = source
        stdin = process.stdin
        # a page's DOT fits the pipe: written now, the engine starts at once (a larger one is
        # written by communicate, with the output read as it comes)
        if stdin is not None and len(source) <= _PIPE_ROOM:
            try:
                stdin.write(source)
                stdin.close()
            except BrokenPipeError:  # the engine failed at once: its stderr says why
                pass
            # written and closed: communicate() (which flushes a pipe it still sees) reads only
            process.stdin = None
            self._source = None

    def result(self, timeout: float = 120) -> bytes:
        """Wait for the engine and return its drawing; raise :exc:`EngineError` if it failed."""
        try:
            out, err = self._process.communicate(self._source, timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise EngineError(f"Graphviz took longer than {timeout:g} s and was stopped") from None
        if self._process.returncode != 0 or not out:
            errors = [
                line
                for line in err.decode("utf-8", "replace").splitlines()
                if line.strip() and not line.startswith("Warning")
            ]
            detail = "; ".join(errors[:3]) or f"exit status {self._process.returncode}"
            raise EngineError(f"Graphviz failed: {detail}")
        if self._fmt == "svg":
            return _svg_fonts(out)
        return out


#: The most DOT written to the engine as it starts: about what a pipe holds (64 KiB on Linux and
#: macOS). A smaller pipe makes the write wait for the engine, which reads its input at once.
_PIPE_ROOM: Final = 60_000


def _svg_fonts(svg: bytes) -> bytes:
    """Name metric-compatible fallbacks wherever Graphviz names Helvetica."""
    return svg.replace(
        b'font-family="Helvetica,sans-Serif"',
        f'font-family="{SVG_FONT_FAMILY}"'.encode(),
    )
