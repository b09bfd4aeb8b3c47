"""How fast the interactive page opens in headless Chromium, and how large it is.

    python benchmarks/bench_page.py [--smoke] [--chromium PATH]

Writes the page of a generated framework (1 000 contradictions, 10 excerpts each, two
languages and links between tensions), then opens it in a fresh browser page several times:
"ready" is from the start of navigation until the script has unpacked the data and the first
figure and drawn them (``<html data-ready>``); "select" is from a click on a pole until its
excerpts are shown. The goal: ready under 2 s on this machine, the file a few MB. ``--smoke``
uses 50 tensions (CI runs it to keep the script working; its numbers mean nothing).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import write_framework
from playwright.sync_api import sync_playwright

import referentiel as ref


def main() -> None:
    """Measure the page of a generated framework; print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a small framework: check it runs")
    parser.add_argument("--chromium", default=shutil.which("chromium"), help="the browser")
    args = parser.parse_args()
    tensions, repeat = (50, 2) if args.smoke else (1000, 7)
    if not args.chromium:
        raise SystemExit("no Chromium: apt-get install chromium, or give --chromium PATH")
    with tempfile.TemporaryDirectory() as tmp:
        framework = ref.load(write_framework(Path(tmp) / "fw.yaml", tensions, 10))
        start = time.perf_counter()
        data = ref.render(framework, Path(tmp) / "page.html")
        written = time.perf_counter() - start
        excerpts = sum(len(t.evidence) for t in framework)
        print(f"page of {tensions} tensions, {excerpts} excerpts, {len(framework.links)} links")
        print(f"  written in {written:.2f} s; {len(data) / 1e6:.2f} MB")
        ready, select = [], []
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=args.chromium)
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                start = time.perf_counter()
                page.goto((Path(tmp) / "page.html").as_uri())
                page.wait_for_selector("html[data-ready=true]", timeout=60_000)
                ready.append(time.perf_counter() - start)
                start = time.perf_counter()
                page.click(f'#page-figure [data-index="{tensions // 2}"][data-side="prescribed"]')
                page.wait_for_selector("#page-evidence .excerpts")
                select.append(time.perf_counter() - start)
                page.close()
            browser.close()
    for name, times in (("open to ready", ready), ("select a pole", select)):
        print(
            f"  {name}: median {statistics.median(times):.2f} s, "
            f"range {min(times):.2f}-{max(times):.2f} s over {len(times)} runs"
        )


if __name__ == "__main__":
    main()
