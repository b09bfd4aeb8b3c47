"""referentiel: professional frameworks (*référentiels*) as contradiction graphs.

Write a framework in YAML, load it into a typed model, validate it, draw it like the figures of
work-analysis papers, and export it. ``import referentiel as ref``.

>>> import referentiel as ref
>>> fw = ref.load("examples/customer-relations.yaml")
>>> [c.number for c in fw.contradictions]
[1, 2, 3, 4, 5, 6, 7, 8]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from referentiel._version import __version__
from referentiel.compare import Change, FrameworkDiff, TensionDiff, diff
from referentiel.errors import (
    EngineError,
    EngineNotFoundError,
    FileFormatError,
    ReferentielError,
    UnsupportedFormatError,
    ValidationError,
)
from referentiel.model import (
    Contradiction,
    Dilemma,
    Dimension,
    Evidence,
    Framework,
    Level,
    Link,
    LinkKind,
    Locator,
    Method,
    Origin,
    Pole,
    Provenance,
    Resource,
    Side,
    Source,
    Status,
    Tension,
    TensionKind,
)
from referentiel.validate import Issue, Report, Severity, ensure_valid, validate

if TYPE_CHECKING:
    from referentiel.draw import render, to_dot
    from referentiel.graph import (
        by_dimension,
        by_level,
        by_origin,
        by_provenance,
        evidence_per_pole,
        evidence_per_tension,
        from_networkx,
        link_cycles,
        most_linked,
        poles_without_evidence,
        shared_sources,
        sources_per_tension,
        speakers_per_tension,
        to_networkx,
    )
    from referentiel.io import (
        check,
        dumps,
        dumps_json,
        dumps_yaml,
        json_schema,
        load,
        load_checked,
        loads,
        loads_json,
        loads_yaml,
        read_json,
        read_yaml,
        save,
        write_json,
        write_yaml,
    )

# Reading files pulls in ruamel.yaml and cattrs, drawing pulls in graphviz: both are imported on
# first use, so that `import referentiel` stays fast.
_LAZY = {
    **dict.fromkeys(
        (
            "check",
            "dumps",
            "dumps_json",
            "dumps_yaml",
            "json_schema",
            "load",
            "load_checked",
            "loads",
            "loads_json",
            "loads_yaml",
            "read_json",
            "read_yaml",
            "save",
            "write_json",
            "write_yaml",
        ),
        "referentiel.io",
    ),
    **dict.fromkeys(("render", "to_dot"), "referentiel.draw"),
    **dict.fromkeys(
        (
            "by_dimension",
            "by_level",
            "by_origin",
            "by_provenance",
            "evidence_per_pole",
            "evidence_per_tension",
            "from_networkx",
            "link_cycles",
            "most_linked",
            "poles_without_evidence",
            "shared_sources",
            "sources_per_tension",
            "speakers_per_tension",
            "to_networkx",
        ),
        "referentiel.graph",
    ),
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the lazy module holds
    """Import the reading, writing and drawing functions on first use."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'referentiel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
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
    "Issue",
    "Level",
    "Link",
    "LinkKind",
    "Locator",
    "Method",
    "Origin",
    "Pole",
    "Provenance",
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
    "diff",
    "dumps",
    "dumps_json",
    "dumps_yaml",
    "ensure_valid",
    "evidence_per_pole",
    "evidence_per_tension",
    "from_networkx",
    "json_schema",
    "link_cycles",
    "load",
    "load_checked",
    "loads",
    "loads_json",
    "loads_yaml",
    "most_linked",
    "poles_without_evidence",
    "read_json",
    "read_yaml",
    "render",
    "save",
    "shared_sources",
    "sources_per_tension",
    "speakers_per_tension",
    "to_dot",
    "to_networkx",
    "validate",
    "write_json",
    "write_yaml",
]
