"""Names the command line needs before any heavy module is imported: tables, the schema file."""

from __future__ import annotations

from typing import Final

__all__ = ["SCHEMA_FILE", "TABLES"]

#: The tables of a certification: the RACE table, the RNCP fiche's bloc fields.
TABLES: Final = ("race", "rncp")
#: The name of the certification files' JSON Schema, shipped in the package.
SCHEMA_FILE: Final = "referentiel-certification.schema.json"
