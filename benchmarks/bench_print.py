"""A paginated figure to PDF, against the embedded engine's own layout of the same pages.

    python benchmarks/bench_print.py [--smoke] [--runs N]

Draws a generated framework of 1 000 contradictions (10 excerpts each) with ``--page A4`` to a
PDF, in-process (``render_pages``): choosing the pages (each candidate laid out by the engine),
drawing them with reportlab, writing the file. The floor is the engine alone laying out the
final pages' DOT once each (``graphviz-pure -Tjson``, the same processes and settings): the
least work any paginated PDF of those pages needs. The two are run alternately, with the
garbage collector as the library leaves it (on), after one warm-up of each; the ratio of each
run and the range over the runs are printed. Goal: within 1.5x. Peak memory of a separate
``referentiel render --page A4`` to PNG at 300 dpi is printed too (goal: under 300 MB).
``--smoke`` uses 40 tensions and one run (CI keeps the script working; its numbers mean
nothing).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import write_framework

import referentiel as ref
from referentiel.draw.engine import run_engine
from referentiel.draw.pages import paginate, render_pages


def ours(framework: ref.Framework, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    written = render_pages(framework, out, page="A4", figure="contradictions")
    return time.perf_counter() - start, written.pages


def floor(sources: list[str]) -> float:
    start = time.perf_counter()
    for source in sources:
        run_engine(source, "json")
    return time.perf_counter() - start


def peak_png(path: Path, out: Path) -> float:
    """Peak resident memory in MB of the command line drawing PNG pages at 300 dpi."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [
            sys.executable,
            "-m",
            "referentiel",
            "render",
            str(path),
            "-o",
            str(out),
            "--page",
            "A4",
            "--dpi",
            "300",
            "--figure",
            "contradictions",
        ],
        check=True,
        capture_output=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a small framework: check it runs")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each side")
    args = parser.parse_args()
    tensions, runs = (40, 1) if args.smoke else (1000, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_framework(Path(tmp) / "fw.yaml", tensions, 10)
        framework = ref.load(path)
        pages = paginate(framework, page="A4", figure="contradictions")
        sources = [p.source for p in pages]
        ours(framework, Path(tmp) / "warm.pdf")
        floor(sources)
        ratios, mine, theirs = [], [], []
        for _ in range(runs):
            took, count = ours(framework, Path(tmp) / "out.pdf")
            base = floor(sources)
            mine.append(took)
            theirs.append(base)
            ratios.append(took / base)
        print(f"paginated PDF, {tensions} contradictions, A4: {count} pages")
        print(f"  render_pages: {min(mine):.2f}-{max(mine):.2f} s")
        print(f"  engine's own layout of the same pages: {min(theirs):.2f}-{max(theirs):.2f} s")
        print(
            f"  ratio per run: {', '.join(f'{r:.2f}' for r in ratios)} "
            f"(range {min(ratios):.2f}-{max(ratios):.2f}; goal <= 1.5)"
        )
        if not args.smoke:
            print(
                f"  PNG pages at 300 dpi, peak memory: {peak_png(path, Path(tmp) / 'p.png'):.0f} MB"
            )


if __name__ == "__main__":
    main()
