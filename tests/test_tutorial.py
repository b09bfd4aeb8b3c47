"""The notebooks run from top to bottom and show what they say they show."""

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


def _run(name: str) -> list[nbformat.NotebookNode]:
    """Execute a notebook from the examples folder; return its code cells, with their outputs."""
    notebook = nbformat.read(EXAMPLES / name, as_version=4)  # type: ignore[no-untyped-call]
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        f"commit {name} without outputs"
    )
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    ).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_tutorial_runs_and_shows_its_results() -> None:
    code = _run("tutorial.ipynb")
    assert _text(code[0]) == (
        "Contradictions professionnelles des conseillers relation-client\n[1, 2, 3, 4, 5, 6]\n"
    )
    assert code[1].outputs[0]["data"]["text/html"] == "<p>No issues.</p>"
    assert _text(code[2]).startswith(
        "broken.yaml:4:5: error missing-key: missing required key 'prescribed' in a contradiction"
    )
    no_origin = code[3].outputs[0]["data"]["text/html"]
    assert no_origin.count("<tr>") == 2  # the heading and c2's row: the others keep theirs
    assert "<td>missing-origin</td><td>contradiction &#x27;c2&#x27; has no origin" in no_origin
    assert "Insécurité constante" in code[4].outputs[0]["data"]["image/svg+xml"]
    assert "tensions without evidence: ['c1', 'c3']" in _text(code[5])
    assert _text(code[6]) == (
        "~ c2 (contradiction 2)\n    real.label: 'Insécurité constante' → 'Insécurité permanente'\n"
    )
    assert "| 2 | organisation | Travail encadré par de multiples procédures |" in _text(code[7])
    assert "<table" in code[8].outputs[0]["data"]["text/html"]
    # writing one's own framework: valid, and warned that no excerpt backs it yet
    assert _text(code[9]).startswith("Report(issues=(Issue(code='no-evidence'")
    # a figure for a paper: black and white, English, written to SVG and PNG
    assert _text(code[10]) == "['figure-2.png', 'figure-2.svg']"
    svg = code[11].outputs[0]["data"]["image/svg+xml"]
    assert "Following procedures" in svg
    assert "#2c3e50" not in svg  # the colour theme's organisation colour
    # a page to share, shown in a sandboxed frame
    frame = code[12].outputs[0]["data"]["text/html"]
    assert frame.startswith('<iframe sandbox="allow-scripts" title="referentiel"')


def test_the_qda_notebook_goes_from_a_project_to_a_figure_and_a_table() -> None:
    code = _run("qda-project.ipynb")
    assert _text(code[0]) == (
        "Instructions au sosie (extraits)\n"
        "codes: ['Contradictions', '5 Procédures et travail de conseiller']\n"
        "IS de C., 30 novembre 2021 (extrait cité par Balas et Touzet): 1 coded selection(s)\n"
        "IS de S., 25 janvier 2022 (extrait cité par Balas et Touzet): 1 coded selection(s)\n"
        "IS de B., 30 novembre 2021 (extrait cité par Balas et Touzet): 1 coded selection(s)\n"
    )
    assert "<td>no-evidence</td>" in code[1].outputs[0]["data"]["text/html"]
    imported = _text(code[2]).splitlines()
    assert [line.split(" | ")[0].split(") ")[1] for line in imported] == [
        "is-de-c-30-novembre-2021-extrait-cite-par-balas-et-touzet",
        "is-de-s-25-janvier-2022-extrait-cite-par-balas-et-touzet",
        "is-de-b-30-novembre-2021-extrait-cite-par-balas-et-touzet",
    ]
    assert _text(code[3]) == "[('C.', '2021-11-30'), ('S.', '2022-01-25'), ('B.', '2021-11-30')]"
    checked = code[4].outputs[0]["data"]["text/html"]
    assert "no-evidence" not in checked and "<td>missing-origin</td>" in checked
    svg = code[5].outputs[0]["data"]["image/svg+xml"]
    assert "Respect des procédures" in svg and "3 extraits" in svg
    table = _text(code[6])
    assert "| 5 | both | B. | 2021-11-30 | instruction-au-sosie |" in table
    assert "il faut tout le temps rattraper les minutes |  | attested |" in table
