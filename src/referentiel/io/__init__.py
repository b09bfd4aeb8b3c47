"""Reading and writing frameworks: one module per format, the same verbs in each.

The formats are listed once, in :mod:`referentiel.io.formats`; each format's functions
(``dumps_graphml``, ``read_gexf`` ...) are imported from its module on first use, so that loading a
file stays quick. The framework files (YAML, JSON) are read by :func:`load` and written by
:func:`save`; every other format by :func:`export`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from referentiel.io._files import check, dumps, format_of, load, load_checked, loads, save
from referentiel.io.formats import FORMATS, by_function
from referentiel.io.plain import from_dict, to_dict

if TYPE_CHECKING:
    from referentiel.io.exports import export, export_text
    from referentiel.io.qda.map import QdaMapping, import_qdpx, read_mapping
    from referentiel.io.qda.read import read_qdpx
    from referentiel.io.qda.write import mapping_for, write_qdc, write_qdpx
    from referentiel.io.schema import json_schema
    from referentiel.io.tables import to_dataframe

#: The names of this package that are not a format's functions, and their modules.
_LAZY: Final = {
    **dict.fromkeys(("export", "export_text"), "referentiel.io.exports"),
    **dict.fromkeys(("QdaMapping", "import_qdpx", "read_mapping"), "referentiel.io.qda.map"),
    "read_qdpx": "referentiel.io.qda.read",
    **dict.fromkeys(("mapping_for", "write_qdc", "write_qdpx"), "referentiel.io.qda.write"),
    "to_dataframe": "referentiel.io.tables",
    "json_schema": "referentiel.io.schema",
}

#: Every format's functions, from the registry: ``dumps_graphml``, ``read_yaml`` ...
FORMAT_FUNCTIONS: Final = tuple(name for fmt in FORMATS.values() for name in fmt.functions)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the format module holds
    """Import a format's function, or an import/export function, on first use."""
    fmt = by_function(name)
    module = fmt.module if fmt is not None else _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'referentiel.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "FORMATS",
    "QdaMapping",
    "check",
    "dumps",
    "export",
    "export_text",
    "format_of",
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
]
__all__ += FORMAT_FUNCTIONS  # noqa: PLE0605 - the registry's names, derived
