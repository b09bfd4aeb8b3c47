"""Reading and writing frameworks: one module per format, the same verbs in each.

The framework files (YAML, JSON) are imported with this package; the export formats and
REFI-QDA on first use, so that loading a file stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from referentiel.io._files import (
    FORMATS,
    check,
    dumps,
    format_of,
    load,
    load_checked,
    loads,
    save,
)
from referentiel.io.json import dumps_json, loads_json, read_json, write_json
from referentiel.io.schema import json_schema
from referentiel.io.yaml import dumps_yaml, loads_yaml, read_yaml, write_yaml

if TYPE_CHECKING:
    from referentiel.io.exports import EXPORTS, export, export_text
    from referentiel.io.gexf import dumps_gexf, loads_gexf, read_gexf, write_gexf
    from referentiel.io.graphml import dumps_graphml, loads_graphml, read_graphml, write_graphml
    from referentiel.io.mermaid import dumps_mermaid, write_mermaid
    from referentiel.io.nodelink import (
        dumps_node_link,
        loads_node_link,
        read_node_link,
        write_node_link,
    )
    from referentiel.io.qdpx import import_qdpx, mapping_for, read_qdpx, write_qdc, write_qdpx
    from referentiel.io.tables import (
        dumps_csv,
        dumps_html,
        dumps_latex,
        dumps_markdown,
        to_dataframe,
        write_csv,
        write_html,
        write_latex,
        write_markdown,
    )

_LAZY = {
    **dict.fromkeys(("EXPORTS", "export", "export_text"), "exports"),
    **dict.fromkeys(("dumps_gexf", "loads_gexf", "read_gexf", "write_gexf"), "gexf"),
    **dict.fromkeys(("dumps_graphml", "loads_graphml", "read_graphml", "write_graphml"), "graphml"),
    **dict.fromkeys(("dumps_mermaid", "write_mermaid"), "mermaid"),
    **dict.fromkeys(
        ("dumps_node_link", "loads_node_link", "read_node_link", "write_node_link"), "nodelink"
    ),
    **dict.fromkeys(("import_qdpx", "mapping_for", "read_qdpx", "write_qdc", "write_qdpx"), "qdpx"),
    **dict.fromkeys(
        (
            "dumps_csv",
            "dumps_html",
            "dumps_latex",
            "dumps_markdown",
            "to_dataframe",
            "write_csv",
            "write_html",
            "write_latex",
            "write_markdown",
        ),
        "tables",
    ),
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the format module holds
    """Import an export format's module on first use."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f"referentiel.io.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'referentiel.io' has no attribute {name!r}")


__all__ = [
    "EXPORTS",
    "FORMATS",
    "check",
    "dumps",
    "dumps_csv",
    "dumps_gexf",
    "dumps_graphml",
    "dumps_html",
    "dumps_json",
    "dumps_latex",
    "dumps_markdown",
    "dumps_mermaid",
    "dumps_node_link",
    "dumps_yaml",
    "export",
    "export_text",
    "format_of",
    "import_qdpx",
    "json_schema",
    "load",
    "load_checked",
    "loads",
    "loads_gexf",
    "loads_graphml",
    "loads_json",
    "loads_node_link",
    "loads_yaml",
    "mapping_for",
    "read_gexf",
    "read_graphml",
    "read_json",
    "read_node_link",
    "read_qdpx",
    "read_yaml",
    "save",
    "to_dataframe",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
    "write_latex",
    "write_markdown",
    "write_mermaid",
    "write_node_link",
    "write_qdc",
    "write_qdpx",
    "write_yaml",
]
