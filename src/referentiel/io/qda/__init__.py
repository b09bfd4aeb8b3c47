"""REFI-QDA: evidence from QualCoder, NVivo, ATLAS.ti or MAXQDA, and frameworks back to them.

Three steps, a module each: :mod:`~referentiel.io.qda.read` reads a project (``.qdpx``) safely
into plain values; :mod:`~referentiel.io.qda.map` turns its coded selections into evidence as a
mapping says; :mod:`~referentiel.io.qda.write` writes a framework as a codebook or a project.
"""

from __future__ import annotations

from referentiel.io.qda.map import (
    CodeTarget,
    NewFramework,
    NewTension,
    QdaMapping,
    import_qdpx,
    loads_mapping,
    read_mapping,
)
from referentiel.io.qda.read import LIMITS, Limits, QdaProject, parse_qdpx, read_qdpx
from referentiel.io.qda.write import mapping_for, write_qdc, write_qdpx

__all__ = [
    "LIMITS",
    "CodeTarget",
    "Limits",
    "NewFramework",
    "NewTension",
    "QdaMapping",
    "QdaProject",
    "import_qdpx",
    "loads_mapping",
    "mapping_for",
    "parse_qdpx",
    "read_mapping",
    "read_qdpx",
    "write_qdc",
    "write_qdpx",
]
