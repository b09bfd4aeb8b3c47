"""Drawing speed: a cold CLI render against the Argdown CLI, and DOT building against layout.

- A cold ``referentiel render examples/customer-relations.yaml -o x.svg`` process against
  ``argdown map`` drawing the same eight contradictions (goal: ratio under 0.4). Argdown is
  optional: ``npm install @argdown/cli@1.7.5`` in a folder, then pass ``--argdown
  FOLDER/node_modules/.bin/argdown``; without it that row is skipped.
- Building the DOT of 1 000 tensions against laying it out with the embedded engine
  (goal: under 0.1).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

import referentiel as ref
from referentiel.draw.engine import run_engine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "customer-relations.yaml"


def argdown_source(framework: ref.Framework) -> str:
    """The framework's contradictions in Argdown: each real pole contrary (><) to its prescribed."""
    out = ["===", f"title: {framework.title}", "===", ""]
    for origin in ref.Origin:
        out.append(f"# {origin.value}")
        out.append("")
        for c in framework.contradictions:
            if c.origin is origin:
                out.append(f"[{c.prescribed.label}]: {c.number} — travail prescrit")
                out.append(f"  >< [{c.real.label}]: {c.number} — travail réel")
                out.append("")
    return "\n".join(out)


def wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def cold_render(repeat: int, argdown: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "cr.argdown").write_text(argdown_source(ref.load(EXAMPLE)), encoding="utf-8")
        ours_cmd = [
            shutil.which("referentiel", path=str(Path(sys.executable).parent)) or "referentiel",
            "render",
            str(EXAMPLE),
            "-o",
            str(folder / "x.svg"),
        ]
        theirs_cmd = [argdown, "map", "cr.argdown", "out", "--format", "svg"] if argdown else None
        ours, theirs = [], []
        for _ in range(repeat):  # interleaved, so that both see the same machine load
            ours.append(wall(ours_cmd, folder))
            if theirs_cmd:
                theirs.append(wall(theirs_cmd, folder))
        mine = statistics.median(ours)
        print(f"cold CLI render, median of {repeat}: referentiel {mine:.3f} s", end="")
        if theirs:
            other = statistics.median(theirs)
            print(f", argdown {other:.3f} s, ratio {mine / other:.2f} (goal < 0.4)")
        else:
            print(" (argdown not given: no ratio)")


def dot_vs_layout_times(tensions: int, repeat: int) -> tuple[float, float]:
    """Return the best times to build the DOT of *tensions* tensions and to lay it out."""
    base = ref.load(EXAMPLE)
    items = tuple(
        attrs.evolve(c, id=f"c{n}", number=n)
        for n, c in enumerate((base.contradictions * (tensions // 8 + 1))[:tensions], start=1)
    )
    framework = attrs.evolve(base, tensions=items, links=())
    source = ref.to_dot(framework)
    builds, layouts = [], []
    for _ in range(repeat):  # interleaved, so that both see the same machine speed
        builds.append(_timed(lambda: ref.to_dot(framework)))
        layouts.append(_timed(lambda: run_engine(source, "svg")))
    return min(builds), min(layouts)


def dot_vs_layout(tensions: int, repeat: int) -> None:
    build, layout = dot_vs_layout_times(tensions, repeat)
    print(
        f"{tensions} tensions: DOT built in {build:.3f} s, laid out in {layout:.3f} s, "
        f"ratio {build / layout:.3f} (goal < 0.1)"
    )


def _timed(function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--argdown", help="the argdown command (see the module docstring)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tensions", type=int, default=1000)
    args = parser.parse_args()
    cold_render(args.repeat, args.argdown)
    dot_vs_layout(args.tensions, args.repeat)


if __name__ == "__main__":
    main()
