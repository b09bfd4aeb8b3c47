"""Certifications built on a framework: model, drafting, checks, tables, CASE and figures.

``from referentiel.certification import draft, read_certification ...``. Every name is imported
on first use, so that the command line, which lists the formats, starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from referentiel.certification.case import from_case, read_case, to_case, write_case
    from referentiel.certification.compare import CertificationDiff, diff_certifications
    from referentiel.certification.draft import draft
    from referentiel.certification.figure import render, to_dot
    from referentiel.certification.files import (
        certification_schema,
        check_certification,
        dumps_certification,
        framework_path,
        loads_certification,
        read_certification,
        write_certification,
    )
    from referentiel.certification.formats import export_certification
    from referentiel.certification.model import (
        Activity,
        Answer,
        Bloc,
        Certification,
        Competence,
        Criterion,
        Grade,
        Modality,
        ModalityKind,
        SetAside,
    )
    from referentiel.certification.rules import validate

#: The names imported on first use, by module.
_LAZY_MODULES: Final[dict[str, tuple[str, ...]]] = {
    "referentiel.certification.model": (
        "Activity",
        "Answer",
        "Bloc",
        "Certification",
        "Competence",
        "Criterion",
        "Grade",
        "Modality",
        "ModalityKind",
        "SetAside",
    ),
    "referentiel.certification.case": ("from_case", "read_case", "to_case", "write_case"),
    "referentiel.certification.compare": ("CertificationDiff", "diff_certifications"),
    "referentiel.certification.draft": ("draft",),
    "referentiel.certification.figure": ("render", "to_dot"),
    "referentiel.certification.files": (
        "certification_schema",
        "check_certification",
        "dumps_certification",
        "framework_path",
        "loads_certification",
        "read_certification",
        "write_certification",
    ),
    "referentiel.certification.formats": ("export_certification",),
    "referentiel.certification.rules": ("validate",),
}
_LAZY: Final = {name: module for module, names in _LAZY_MODULES.items() for name in names}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the lazy module holds
    """Import the model, files, tables, CASE and figures on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'referentiel.certification' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Activity",
    "Answer",
    "Bloc",
    "Certification",
    "CertificationDiff",
    "Competence",
    "Criterion",
    "Grade",
    "Modality",
    "ModalityKind",
    "SetAside",
    "certification_schema",
    "check_certification",
    "diff_certifications",
    "draft",
    "dumps_certification",
    "export_certification",
    "framework_path",
    "from_case",
    "loads_certification",
    "read_case",
    "read_certification",
    "render",
    "to_case",
    "to_dot",
    "validate",
    "write_case",
    "write_certification",
]
