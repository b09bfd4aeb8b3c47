"""Write the JSON Schema of framework files into the package (run after changing the model)."""

from pathlib import Path

from referentiel.io.schema import schema_text

TARGET = Path(__file__).resolve().parent.parent / "src" / "referentiel" / "referentiel.schema.json"

if __name__ == "__main__":
    TARGET.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {TARGET.name}")
