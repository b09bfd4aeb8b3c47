"""JSON Lines of the excerpts: one JSON object a line, for pandas, DuckDB, jq and QDA scripts.

The verbs: ``dumps_jsonl``, ``write_jsonl``.

Each line is one excerpt with its tension (id, number, kind), the pole it supports, the quote
verbatim, its translations (marked as such: ``{"en": ...}`` under ``translations``), speaker,
date, source and method, locator, and how the excerpt's tie to its tension is known
(``provenance``: attested unless the file says otherwise). For reading only: tensions without
excerpts, links and notes are not in it.
"""

from __future__ import annotations

import json
import os
from typing import Any, Final

from referentiel._output import write_output
from referentiel.io.plain import converter
from referentiel.model import Framework, Locator, Provenance, Status

__all__ = ["dumps_jsonl", "write_jsonl"]


def _records(framework: Framework) -> list[dict[str, Any]]:
    methods = {s.id: s.method.value for s in framework.sources}
    records = []
    for tension in framework.tensions:
        for excerpt in tension.evidence:
            provenance = excerpt.provenance or Provenance(status=Status.ATTESTED)
            record = {
                "tension": tension.id,
                "number": tension.number,
                "kind": tension.kind.value,
                "pole": excerpt.supports.value,
                "quote": excerpt.quote,
                "translations": dict(excerpt.translations),
                "id": excerpt.id,
                "speaker": excerpt.speaker,
                "date": excerpt.date.isoformat() if excerpt.date else None,
                "source": excerpt.source,
                "method": methods.get(excerpt.source or ""),
                "locator": converter.unstructure(excerpt.locator, Locator | None),
                "provenance": converter.unstructure(provenance, Provenance),
            }
            records.append(record)
    return records


def dumps_jsonl(framework: Framework) -> str:
    """Return one JSON object a line, an excerpt each, in tension order.

    >>> import json, referentiel as ref
    >>> lines = dumps_jsonl(ref.load("examples/customer-relations.yaml")).splitlines()
    >>> first = json.loads(lines[0])
    >>> first["tension"], first["pole"], first["speaker"], first["quote"][:24]
    ('c2', 'both', None, 'des témoignages réitérés')
    """
    return "".join(_line(record) for record in _records(framework))


#: JSON leaves NEL, LS and PS raw; readers that split lines on them would cut a record.
_ESCAPED: Final = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False).translate(_ESCAPED) + "\n"


def write_jsonl(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write :func:`dumps_jsonl`'s lines to *path*, atomically.

    >>> import pathlib, tempfile, referentiel as ref
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "excerpts.jsonl"
    >>> write_jsonl(ref.load("examples/customer-relations.yaml"), path)
    >>> len(path.read_text(encoding="utf-8").splitlines())
    7
    """
    write_output(path, dumps_jsonl(framework).encode("utf-8"))
