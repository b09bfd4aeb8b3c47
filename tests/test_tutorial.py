"""The tutorial notebook runs from top to bottom and shows what it says it shows."""

from __future__ import annotations

import os
from pathlib import Path

# jupyter_core warns (an error under our filterwarnings) unless told to use platformdirs
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import nbformat
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def test_tutorial_runs_and_shows_its_results() -> None:
    notebook = nbformat.read(EXAMPLES / "tutorial.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "commit the tutorial without outputs"
    )
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    ).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert _text(code[0]) == (
        "Contradictions professionnelles des conseillers relation-client\n[1, 2, 3, 4, 5, 6]\n"
    )
    assert code[1].outputs[0]["data"]["text/html"] == "<p>No issues.</p>"
    assert _text(code[2]).startswith(
        "broken.yaml:4:5: error missing-key: missing required key 'prescribed' in a contradiction"
    )
    assert "<td>missing-origin</td>" in code[3].outputs[0]["data"]["text/html"]
    assert "Insécurité constante" in code[4].outputs[0]["data"]["image/svg+xml"]
    assert "tensions without evidence: ['c1', 'c3']" in _text(code[5])
    assert _text(code[6]) == (
        "~ c2 (contradiction 2)\n    real.label: 'Insécurité constante' → 'Insécurité permanente'\n"
    )
    assert "| 2 | organisation | Travail encadré par de multiples procédures |" in _text(code[7])
    assert "<table" in code[8].outputs[0]["data"]["text/html"]
