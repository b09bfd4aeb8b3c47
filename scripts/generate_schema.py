"""Write the JSON Schemas of framework and certification files into the package.

Run after changing the model; a test fails while a shipped schema is stale.
"""

from pathlib import Path

from referentiel.certification._constants import SCHEMA_FILE
from referentiel.certification.files import certification_schema_text
from referentiel.io.schema import schema_text

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "referentiel"

if __name__ == "__main__":
    for name, text in (
        ("referentiel.schema.json", schema_text()),
        (SCHEMA_FILE, certification_schema_text()),
    ):
        (PACKAGE / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}")
