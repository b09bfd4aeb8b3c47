"""Run every benchmark and print one table of ratios measured in this run.

    python benchmarks/run.py [--argdown PATH] [--smoke]

``--smoke`` uses tiny sizes and few repeats: CI runs it to keep the benchmarks working; its
numbers mean nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import write_framework
from bench_load import best_of, floor, ours
from bench_render import argdown_source, dot_vs_layout_times

import referentiel as ref

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "customer-relations.yaml"


def _wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


def cold(command: list[str], repeat: int, cwd: Path) -> float:
    return statistics.median(_wall(command, cwd) for _ in range(repeat))


def cold_pair(ours: list[str], theirs: list[str], repeat: int, cwd: Path) -> tuple[float, float]:
    """Median wall times of two commands, run alternately so that both see the same load."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(_wall(ours, cwd))
        times[1].append(_wall(theirs, cwd))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--argdown", help="the argdown command, for the CLI comparison")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: check it runs")
    args = parser.parse_args()
    repeat = 2 if args.smoke else 7
    sizes = (100, 1000) if args.smoke else (1000, 10_000, 100_000)
    rows: list[tuple[str, str, str, str]] = []

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_import, nx_import = cold_pair(
            [python, "-c", "import referentiel"], [python, "-c", "import networkx"], repeat, folder
        )
        rows.append(
            (
                "import referentiel / import networkx",
                f"{ours_import:.3f} s",
                f"{ours_import / nx_import:.2f}",
                "<= 0.5",
            )
        )

        per_excerpt = []
        for excerpts in sizes:
            path = write_framework(folder / f"f{excerpts}.json", excerpts // 10, 10)
            mine, base = best_of(ours, path, repeat), best_of(floor, path, repeat)
            per_excerpt.append(mine / excerpts)
            rows.append(
                (
                    f"load + validate, {excerpts} excerpts / floor",
                    f"{mine:.3f} s",
                    f"{mine / base:.2f}",
                    "<= 2.0",
                )
            )
        growth = per_excerpt[-1] / per_excerpt[0]
        rows.append(
            ("time per excerpt, largest / smallest size", "", f"{growth:.2f}", "about 1 (linear)")
        )

        script = str(Path(python).parent / "referentiel")
        render = [script, "render", str(EXAMPLE), "-o", str(folder / "x.svg")]
        if args.argdown:
            (folder / "cr.argdown").write_text(argdown_source(ref.load(EXAMPLE)), encoding="utf-8")
            argdown = [args.argdown, "map", "cr.argdown", "out", "--format", "svg"]
            mine, theirs = cold_pair(render, argdown, repeat, folder)
            rows.append(
                ("cold CLI render / Argdown CLI", f"{mine:.3f} s", f"{mine / theirs:.2f}", "< 0.4")
            )
        else:
            mine = cold(render, repeat, folder)
            rows.append(("cold CLI render (no --argdown: no ratio)", f"{mine:.3f} s", "", "< 0.4"))

        build, layout = dot_vs_layout_times(100 if args.smoke else 1000, repeat)
        rows.append(
            (
                f"DOT building / layout, {100 if args.smoke else 1000} tensions",
                f"{build:.3f} s",
                f"{build / layout:.3f}",
                "<= 0.1",
            )
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'ours':>9}  {'ratio':>6}  goal")
    for name, value, ratio, goal in rows:
        print(f"{name:<{width}}  {value:>9}  {ratio:>6}  {goal}")


if __name__ == "__main__":
    main()
