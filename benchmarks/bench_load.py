"""Load + validate a generated JSON framework against its floor, at several sizes.

The floor is ``json.load`` of the same file plus a plain loop that constructs the same model
objects directly. Goal (issue: typed core): within 2x of the floor, growing linearly.
Run: ``python benchmarks/bench_load.py [--sizes 1000,10000,100000]`` (sizes in excerpts).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import model_by_hand, write_framework

import referentiel as ref


def floor(path: Path) -> ref.Framework:
    """json.load, then the same objects built directly, with no checks."""
    with path.open(encoding="utf-8") as handle:
        return model_by_hand(json.load(handle))


def floor_without_gc(path: Path) -> ref.Framework:
    """The floor with the cyclic collector paused, as ``ref.load`` does while it builds."""
    gc.disable()
    try:
        return floor(path)
    finally:
        gc.enable()


def ours(path: Path) -> ref.Framework:
    """What a user runs: load the file, validate it."""
    framework = ref.load(path)
    report = ref.validate(framework)
    assert report.ok, report
    return framework


def best_of(function: Callable[[Path], object], path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()  # CPU time of this process: steadier on a shared machine
        function(path)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated numbers of excerpts (10 per tension)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ref.load  # noqa: B018 - import the io modules before timing
    print(
        f"{'excerpts':>9} {'tensions':>9} {'floor s':>9} {'ours s':>9} {'ratio':>6} "
        f"{'us/excerpt':>11} {'floor-no-gc s':>14} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for excerpts in (int(s) for s in args.sizes.split(",")):
            path = write_framework(Path(tmp) / f"f{excerpts}.json", excerpts // 10, 10)
            assert ours(path) == floor(path)
            base = best_of(floor, path, args.repeat)
            mine = best_of(ours, path, args.repeat)
            strict = best_of(floor_without_gc, path, args.repeat)
            print(
                f"{excerpts:>9} {excerpts // 10:>9} {base:>9.3f} {mine:>9.3f} "
                f"{mine / base:>6.2f} {mine / excerpts * 1e6:>11.2f} {strict:>14.3f} "
                f"{mine / strict:>6.2f}"
            )


if __name__ == "__main__":
    main()
