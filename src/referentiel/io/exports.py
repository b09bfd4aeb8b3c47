"""``export(framework, path, to=...)``: write a framework in any format other tools read.

The formats are those of :func:`referentiel.io.formats.exports`; see that registry for their
suffixes and what each keeps. DOT, the figures' own format, is written by
:func:`referentiel.render` (``referentiel.export`` reaches it too).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from referentiel._output import write_output
from referentiel.errors import UnsupportedFormatError
from referentiel.io.formats import FORMATS, Format, exports
from referentiel.model import Framework

__all__ = ["export", "export_text", "format_for"]


def format_for(path: str | os.PathLike[str] | None, to: str | None) -> Format:
    """Return the export format *to*, or the one *path*'s suffix selects.

    >>> format_for("synthese.tex", None).name
    'latex'
    >>> format_for("x", "graphml").suffixes
    ('.graphml',)
    """
    if to is not None:
        fmt = FORMATS.get(to)
        if fmt is None or fmt.framework_file:
            expected = ", ".join(repr(f.name) for f in exports())
            raise UnsupportedFormatError(
                f"unknown export format: {to!r} (expected one of {expected})"
            )
        return fmt
    suffix = Path(path).suffix.lower() if path is not None else ""
    for fmt in exports():
        if suffix in fmt.suffixes:
            return fmt
    raise UnsupportedFormatError(
        f"cannot tell the export format from the suffix {suffix!r}: give it (to=...)"
    )


def export_text(
    framework: Framework,
    to: str,
    *,
    language: str | None = None,
    table: str = "tensions",
    raw: bool = False,
) -> str:
    """Return *framework* as text in the export format *to*.

    Raises :exc:`~referentiel.UnsupportedFormatError` for an unknown format.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> export_text(fw, "csv").splitlines()[0]
    'number,origin,first,second,provenance,evidence,number_status,origin_status,details'
    """
    fmt = format_for(None, to)
    given: dict[str, Any] = {"language": language, "table": table, "raw": raw}
    text: str = fmt.function("dumps")(framework, **{k: given[k] for k in fmt.options})
    return text


def export(
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    to: str | None = None,
    language: str | None = None,
    table: str = "tensions",
    raw: bool = False,
) -> str:
    """Write *framework* to *path* atomically in format *to* (default: from the suffix).

    Returns the format used. ``language`` picks the labels' language where the format shows
    labels; ``table`` ("tensions" or "evidence") picks the CSV table.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> export(ref.load("examples/customer-relations.yaml"), folder / "synthese.tex")
    'latex'
    """
    fmt = format_for(path, to)
    text = export_text(framework, fmt.name, language=language, table=table, raw=raw)
    write_output(path, text.encode("utf-8"))
    return fmt.name
