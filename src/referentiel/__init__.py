"""referentiel: professional frameworks (*référentiels*) as contradiction graphs.

Write a framework in YAML, load it into a typed model, validate it, draw it like the figures of
work-analysis papers, and export it. ``import referentiel as ref``.

>>> import referentiel as ref
>>> fw = ref.load("examples/customer-relations.yaml")
>>> [c.number for c in fw.contradictions]
[1, 2, 3, 4, 5, 6]

The model, its vocabulary and validation are imported with the package; reading files
(PyYAML), drawing (graphviz), graphs (networkx) and comparing on first use, so that
``import referentiel`` stays fast. Each format's own functions (``ref.dumps_graphml`` ...) come
from the registry of formats, :mod:`referentiel.io.formats`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from referentiel._version import __version__
from referentiel.errors import (
    EngineError,
    EngineNotFoundError,
    FileFormatError,
    ModelTypeError,
    OutputError,
    ReferentielError,
    UnsupportedFormatError,
    ValidationError,
)
from referentiel.issues import Issue, Report, Severity
from referentiel.model import (
    Contradiction,
    Dilemma,
    Dimension,
    Evidence,
    Framework,
    Goal,
    GoalKind,
    Level,
    Link,
    LinkKind,
    Locator,
    Method,
    Origin,
    Point,
    Pole,
    Provenance,
    Resource,
    Side,
    Source,
    Status,
    Tension,
    TensionKind,
)
from referentiel.validate import ensure_valid, validate

if TYPE_CHECKING:
    from referentiel.analyses import (
        by_dimension,
        by_level,
        by_origin,
        by_provenance,
        evidence_per_pole,
        evidence_per_tension,
        link_cycles,
        most_linked,
        poles_without_evidence,
        shared_sources,
        sources_per_tension,
        speakers_per_tension,
    )
    from referentiel.certification import (
        Certification,
        check_certification,
        diff_certifications,
        read_certification,
        write_certification,
    )
    from referentiel.compare import Change, FrameworkDiff, TensionDiff, diff
    from referentiel.draw import page, render, to_dot
    from referentiel.draw.interactive import Page
    from referentiel.draw.pages import render_pages
    from referentiel.draw.plot import plot_evidence
    from referentiel.graph import from_networkx, to_networkx
    from referentiel.io import (
        QdaMapping,
        check,
        dumps,
        from_dict,
        import_qdpx,
        json_schema,
        load,
        load_checked,
        loads,
        mapping_for,
        read_mapping,
        read_qdpx,
        save,
        to_dataframe,
        to_dict,
        write_qdc,
        write_qdpx,
    )
    from referentiel.outputs import export, export_text

#: The names imported on first use, by module (the type checker reads them above).
_LAZY_MODULES: Final[dict[str, tuple[str, ...]]] = {
    "referentiel.analyses": (
        "by_dimension",
        "by_level",
        "by_origin",
        "by_provenance",
        "evidence_per_pole",
        "evidence_per_tension",
        "link_cycles",
        "most_linked",
        "poles_without_evidence",
        "shared_sources",
        "sources_per_tension",
        "speakers_per_tension",
    ),
    "referentiel.compare": ("Change", "FrameworkDiff", "TensionDiff", "diff"),
    "referentiel.draw": ("page", "render", "to_dot"),
    "referentiel.draw.interactive": ("Page",),
    "referentiel.draw.pages": ("render_pages",),
    "referentiel.certification": (
        "Certification",
        "check_certification",
        "diff_certifications",
        "read_certification",
        "write_certification",
    ),
    "referentiel.draw.plot": ("plot_evidence",),
    "referentiel.graph": ("from_networkx", "to_networkx"),
    "referentiel.io": (
        "QdaMapping",
        "check",
        "dumps",
        "from_dict",
        "import_qdpx",
        "json_schema",
        "load",
        "load_checked",
        "loads",
        "mapping_for",
        "read_mapping",
        "read_qdpx",
        "save",
        "to_dataframe",
        "to_dict",
        "write_qdc",
        "write_qdpx",
    ),
    "referentiel.outputs": ("export", "export_text"),
}
_LAZY: Final = {name: module for module, names in _LAZY_MODULES.items() for name in names}
_FORMAT_VERBS: Final = ("dumps_", "write_", "loads_", "read_")


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the lazy module holds
    """Import reading, writing, drawing and graph functions on first use."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name.startswith(_FORMAT_VERBS) and name in _format_functions():
        value = getattr(importlib.import_module("referentiel.io"), name)
    else:
        raise AttributeError(f"module 'referentiel' has no attribute {name!r}")
    globals()[name] = value
    return value


def _format_functions() -> tuple[str, ...]:
    from referentiel.io.formats import FORMATS  # noqa: PLC0415 - imports the reading stack

    return tuple(name for fmt in FORMATS.values() for name in fmt.functions)


def __dir__() -> list[str]:
    return sorted({*__all__, *_format_functions()})


__all__ = [
    "Certification",
    "Change",
    "Contradiction",
    "Dilemma",
    "Dimension",
    "EngineError",
    "EngineNotFoundError",
    "Evidence",
    "FileFormatError",
    "Framework",
    "FrameworkDiff",
    "Goal",
    "GoalKind",
    "Issue",
    "Level",
    "Link",
    "LinkKind",
    "Locator",
    "Method",
    "ModelTypeError",
    "Origin",
    "OutputError",
    "Page",
    "Point",
    "Pole",
    "Provenance",
    "QdaMapping",
    "ReferentielError",
    "Report",
    "Resource",
    "Severity",
    "Side",
    "Source",
    "Status",
    "Tension",
    "TensionDiff",
    "TensionKind",
    "UnsupportedFormatError",
    "ValidationError",
    "__version__",
    "by_dimension",
    "by_level",
    "by_origin",
    "by_provenance",
    "check",
    "check_certification",
    "diff",
    "diff_certifications",
    "dumps",
    "ensure_valid",
    "evidence_per_pole",
    "evidence_per_tension",
    "export",
    "export_text",
    "from_dict",
    "from_networkx",
    "import_qdpx",
    "json_schema",
    "link_cycles",
    "load",
    "load_checked",
    "loads",
    "mapping_for",
    "most_linked",
    "page",
    "plot_evidence",
    "poles_without_evidence",
    "read_certification",
    "read_mapping",
    "read_qdpx",
    "render",
    "render_pages",
    "save",
    "shared_sources",
    "sources_per_tension",
    "speakers_per_tension",
    "to_dataframe",
    "to_dict",
    "to_dot",
    "to_networkx",
    "validate",
    "write_certification",
    "write_qdc",
    "write_qdpx",
]
