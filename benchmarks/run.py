"""Run every benchmark and print one table of ratios measured in this run.

    python benchmarks/run.py [--argdown PATH] [--sizes 1000,10000] [--runs N] [--smoke]

Every operation at two sizes against its floor (``bench_scale.py``: the floors are described
there), each side *runs* times at each size (three by default: with one sample a side, the
step between the sizes was as noisy as the floors' own, 6 to 16), each time in a fresh
process, the sizes alternating, with the step between the medians and its range; then the cold command line against Argdown's, the import time against networkx's,
and DOT building against the engine's layout. Each ratio is measured in this run, the two
sides alternately. ``--smoke`` uses tiny sizes: CI runs it to keep
the benchmarks working; its numbers mean nothing.

The command lines run as a user's do: with their bytecode written (``pip install`` compiles
it; a ``PYTHONDONTWRITEBYTECODE`` in this environment is not passed on), after one warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import argdown_source, dot_vs_layout_times
from bench_scale import first_load, measure, table

import referentiel as ref

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "customer-relations.yaml"
#: The environment of the command lines: a user's, bytecode written and read.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=ENV)
    return time.perf_counter() - start


def cold(command: list[str], repeat: int, cwd: Path) -> float:
    _wall(command, cwd)  # warm-up: bytecode written, files cached
    return statistics.median(_wall(command, cwd) for _ in range(repeat))


def cold_pair(ours: list[str], theirs: list[str], repeat: int, cwd: Path) -> tuple[float, float]:
    """Median wall times of two commands, run alternately so that both see the same load."""
    _wall(ours, cwd)
    _wall(theirs, cwd)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(_wall(ours, cwd))
        times[1].append(_wall(theirs, cwd))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--argdown", help="the argdown command, for the CLI comparison")
    parser.add_argument("--sizes", default="1000,10000", help="numbers of tensions (two)")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs of each side at each size, each in a fresh process",
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: check it runs")
    args = parser.parse_args()
    repeat = 2 if args.smoke else 15
    sizes = [20, 200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    python = sys.executable
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = measure(folder, sizes, 1 if args.smoke else args.runs, [])
        lines += table(times, sizes)
        first, second = first_load(folder)
        lines.append(f"first ref.load of a process / the second: {first:.3f} s / {second:.3f} s")

        ours_import, nx_import = cold_pair(
            [python, "-c", "import referentiel"], [python, "-c", "import networkx"], repeat, folder
        )
        lines.append(
            f"import referentiel / import networkx: {ours_import:.3f} s / {nx_import:.3f} s "
            f"= {ours_import / nx_import:.2f} (goal <= 0.5)"
        )
        script = str(Path(python).parent / "referentiel")
        render = [script, "render", str(EXAMPLE), "-o", str(folder / "x.svg")]
        if args.argdown:
            (folder / "cr.argdown").write_text(argdown_source(ref.load(EXAMPLE)), encoding="utf-8")
            argdown = [args.argdown, "map", "cr.argdown", "out", "--format", "svg"]
            mine, theirs = cold_pair(render, argdown, repeat, folder)
            lines.append(
                f"cold CLI render / Argdown CLI: {mine:.3f} s / {theirs:.3f} s "
                f"= {mine / theirs:.2f} (goal <= 0.2)"
            )
        else:
            lines.append(
                f"cold CLI render (no --argdown: no ratio): {cold(render, repeat, folder):.3f} s"
            )
        count = 100 if args.smoke else 1000
        build, layout = dot_vs_layout_times(count, repeat)
        lines.append(
            f"DOT building / layout, {count} tensions: {build:.3f} s / {layout:.3f} s "
            f"= {build / layout:.3f} (goal <= 0.1)"
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
