"""How ``sosies.qdpx`` was made: by Exegete, an independent REFI-QDA writer, not by referentiel.

The example project must come from another tool than the one that reads it, or the tutorial
would only show referentiel reading itself. Exegete (PyPI ``exegete``, LGPL-3.0-or-later) keeps
QualCoder's project database and exports REFI-QDA (.qdpx) projects; this script makes a QualCoder
project holding the three excerpts of instructions au sosie that Balas and Touzet quote for
contradiction 5 (each source is the excerpt as the paper quotes it, not an interview), codes each
whole excerpt with the code "Contradictions/5 Procédures et travail de conseiller", and has
Exegete export it. It is not needed to use the example, and referentiel does not depend on
Exegete. To remake the project (its GUIDs and dates change on each run):

    python -m venv /tmp/exegete && /tmp/exegete/bin/pip install exegete==0.15.1a1
    /tmp/exegete/bin/python examples/qda/make_project.py examples/qda/sosies.qdpx
"""

import sqlite3
import sys
import tempfile
from pathlib import Path

import yaml
from exegete.database import QualcoderDatabase
from exegete.new_project import creation_statements, write_project
from exegete.refi_export import RefiQdaExporter
from exegete.sessions import CodingSuggestion

# Each source: the excerpt of examples/customer-relations.yaml (by its id) that Balas and Touzet
# quote, « Analyse du travail des conseillers », after their Figure 2; named after its interview.
SOURCES = {
    "IS de C., 30 novembre 2021 (extrait cité par Balas et Touzet)": "e-c-aider",
    "IS de S., 25 janvier 2022 (extrait cité par Balas et Touzet)": "e-s-frustration",
    "IS de B., 30 novembre 2021 (extrait cité par Balas et Touzet)": "e-b-minutes",
}
CATEGORY, CODE = "Contradictions", "5 Procédures et travail de conseiller"
DATE = "2026-11-29 08:00:00"


def main(out: str) -> None:
    """Make the QualCoder project, code the excerpts, export the .qdpx to *out*."""
    example = Path(__file__).resolve().parent.parent / "customer-relations.yaml"
    sources = {name: _quote_of(example, excerpt) for name, excerpt in SOURCES.items()}
    folder = Path(tempfile.mkdtemp()) / "sosies.qda"  # QualCoder names project folders so
    database = write_project(folder, creation_statements("Chercheur", "referentiel example", DATE))
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO code_cat (catid, name, owner, date) VALUES (1, ?, 'Chercheur', ?)",
            (CATEGORY, DATE),
        )
        db.execute(
            "INSERT INTO code_name (cid, name, catid, owner, date, color) "
            "VALUES (1, ?, 1, 'Chercheur', ?, '#2c3e50')",
            (CODE, DATE),
        )
        for fid, (name, text) in enumerate(sources.items(), start=1):
            db.execute(
                "INSERT INTO source (id, name, fulltext, owner, date) "
                "VALUES (?, ?, ?, 'Chercheur', ?)",
                (fid, name, text, DATE),
            )
    suggestions = [
        CodingSuggestion(
            file_id=fid,
            file_name=name,
            code_id=1,
            code_name=CODE,
            start_pos=0,
            end_pos=len(text),
            segment_text=text,
        )
        for fid, (name, text) in enumerate(sources.items(), start=1)
    ]
    exporter = RefiQdaExporter(QualcoderDatabase(str(database)), ai_user_name="Chercheur")
    exporter.export_to_qdpx(suggestions, out, project_name="Instructions au sosie (extraits)")


def _quote_of(path: Path, excerpt: str) -> str:
    framework = yaml.safe_load(path.read_text(encoding="utf-8"))
    for tension in framework["tensions"]:
        for evidence in tension.get("evidence", []):
            if evidence.get("id") == excerpt:
                return str(evidence["quote"])
    raise SystemExit(f"no excerpt {excerpt!r}")


if __name__ == "__main__":
    main(sys.argv[1])
