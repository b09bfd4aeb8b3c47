"""Regenerate the figures the README and docs show, from the shipped examples.

``--check`` writes nothing and exits 1 if a committed figure is not what the library draws now.
"""

import sys
from pathlib import Path

import referentiel as ref

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"


def figures() -> dict[Path, bytes]:
    """Every figure, by the path it is committed at."""
    drawn = {}
    for name in ("customer-relations", "kinesitherapy"):
        framework = ref.load(ROOT / "examples" / f"{name}.yaml")
        drawn[FIGURES / f"{name}.svg"] = ref.render(framework)
        drawn[FIGURES / f"{name}.en.svg"] = ref.render(framework, language="en")
    return drawn


def main(argv: list[str]) -> int:
    """Write the figures, or with --check compare them with the committed ones."""
    stale = []
    for path, data in figures().items():
        if "--check" in argv:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"drew {path.relative_to(ROOT)}")
    if stale:
        print(f"stale figures: {', '.join(stale)} (run python scripts/render_figures.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
