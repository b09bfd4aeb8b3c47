"""Running Graphviz: the embedded engine (graphviz-pure, installed by pip) or a system ``dot``.

The engine runs as a subprocess with a fixed argument list, never through a shell, and the
``graphviz`` package's global settings are left alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Final, Literal

from referentiel.draw.style import SVG_FONT_FAMILY
from referentiel.errors import EngineError, EngineNotFoundError, UnsupportedFormatError

__all__ = ["ENGINES", "FORMATS", "Engine", "find_engine", "run_engine"]

Engine = Literal["embedded", "system"]
ENGINES: Final = ("embedded", "system")

#: The output formats each engine can write.
FORMATS: Final[dict[str, tuple[str, ...]]] = {
    "embedded": ("svg", "png", "json"),
    "system": ("svg", "png", "json", "pdf"),
}

_EXE: Final = ".exe" if os.name == "nt" else ""


def find_engine(engine: Engine = "embedded") -> Path:
    """Return the path of the engine's program; raise :exc:`EngineNotFoundError` if absent."""
    if engine == "embedded":
        name = f"graphviz-pure{_EXE}"
        # Next to this interpreter first: a venv's scripts need not be on PATH.
        folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
        for folder in folders:
            candidate = Path(folder) / name
            if candidate.is_file():
                return candidate
        found = shutil.which("graphviz-pure")
        if found:
            return Path(found)
        raise EngineNotFoundError(
            "the embedded Graphviz engine is not installed: pip install graphviz-pure "
            "(or use --engine system with Graphviz installed)"
        )
    if engine == "system":
        found = shutil.which("dot")
        if found:
            return Path(found)
        raise EngineNotFoundError(
            "no system Graphviz: `dot` is not on PATH (install Graphviz, "
            "or use the embedded engine)"
        )
    expected = ", ".join(repr(e) for e in ENGINES)  # type: ignore[unreachable]  # any str at runtime
    raise UnsupportedFormatError(f"unknown engine: {engine!r} (expected one of {expected})")


def check_format(fmt: str, engine: Engine) -> None:
    """Raise :exc:`UnsupportedFormatError` if *engine* cannot write *fmt*."""
    if fmt == "pdf" and engine == "embedded":
        raise UnsupportedFormatError(
            "the embedded engine cannot write PDF: install Graphviz and use --engine system, "
            "or write SVG or PNG"
        )
    if fmt not in FORMATS.get(engine, ()):
        expected = ", ".join(repr(f) for f in ("dot", *FORMATS[engine]))
        raise UnsupportedFormatError(f"unknown output format: {fmt!r} (expected one of {expected})")


def run_engine(
    source: str, fmt: str, *, engine: Engine = "embedded", timeout: float = 120
) -> bytes:
    """Lay out DOT *source* and return the drawing in *fmt* (svg, png, json; pdf: system only)."""
    check_format(fmt, engine)
    program = find_engine(engine)
    try:
        done = subprocess.run(
            [str(program), f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise EngineError(f"Graphviz took longer than {timeout:g} s and was stopped") from None
    except OSError as exc:
        raise EngineError(f"Graphviz could not be started: {exc}") from None
    if done.returncode != 0 or not done.stdout:
        errors = [
            line
            for line in done.stderr.decode("utf-8", "replace").splitlines()
            if line.strip() and not line.startswith("Warning")
        ]
        detail = "; ".join(errors[:3]) or f"exit status {done.returncode}"
        raise EngineError(f"Graphviz failed: {detail}")
    if fmt == "svg":
        return _svg_fonts(done.stdout)
    return done.stdout


def _svg_fonts(svg: bytes) -> bytes:
    """Name metric-compatible fallbacks wherever Graphviz names Helvetica."""
    return svg.replace(
        b'font-family="Helvetica,sans-Serif"',
        f'font-family="{SVG_FONT_FAMILY}"'.encode(),
    )
