"""Regenerate the figures the README and docs show, from the shipped examples."""

from pathlib import Path

import referentiel as ref

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"

if __name__ == "__main__":
    FIGURES.mkdir(parents=True, exist_ok=True)
    for name in ("customer-relations", "kinesitherapy"):
        framework = ref.load(ROOT / "examples" / f"{name}.yaml")
        ref.render(framework, FIGURES / f"{name}.svg")
        ref.render(framework, FIGURES / f"{name}.en.svg", language="en")
        print(f"drew {name}.svg and {name}.en.svg")
