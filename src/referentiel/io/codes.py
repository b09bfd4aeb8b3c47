"""The codes of the problems met while reading files: framework files, mappings, QDA projects.

Every reader reports through these :class:`~referentiel.issues.Code` values; the docs' tables
of error codes are generated from :data:`READING` and :data:`QDA`.
"""

from __future__ import annotations

from typing import Final

from referentiel.io.limits import FILE_LIMIT, MAX_DEPTH
from referentiel.issues import Code

__all__ = [
    "DUPLICATE_KEY",
    "EMPTY_FILE",
    "ENCODING",
    "INVALID_VALUE",
    "JSON_SYNTAX",
    "MISSING_KEY",
    "QDA",
    "QDPX",
    "QDPX_MAPPING",
    "QDPX_OFFSETS",
    "QDPX_SIZE",
    "QDPX_XML",
    "READING",
    "TOO_DEEP",
    "TOO_LARGE",
    "UNKNOWN_KEY",
    "UNKNOWN_VALUE",
    "WRONG_TYPE",
    "YAML_ALIAS",
    "YAML_SYNTAX",
    "YAML_TAG",
]

TOO_LARGE: Final = Code(
    code="too-large",
    meaning=f"the file is larger than {FILE_LIMIT // 2**20} MiB (a 100 000-excerpt framework is "
    "about 20 MB)",
    fix="split the framework; check that the path names the file you meant",
)
ENCODING: Final = Code(code="encoding", meaning="the file is not UTF-8", fix="save it as UTF-8")
YAML_SYNTAX: Final = Code(
    code="yaml-syntax",
    meaning="the YAML cannot be parsed",
    fix="fix the text at the position given (indentation, a missing quote or bracket)",
)
YAML_ALIAS: Final = Code(
    code="yaml-alias",
    meaning="an anchor (`&x`) or alias (`*x`)",
    fix="write the value out where it is used; aliases are refused so that no file can expand "
    "to an enormous one",
)
YAML_TAG: Final = Code(
    code="yaml-tag",
    meaning="an explicit tag (`!!python/...`, `!foo`)",
    fix="remove it: files hold plain data",
)
TOO_DEEP: Final = Code(
    code="too-deep",
    meaning=f"mappings and lists nested more than {MAX_DEPTH} levels deep (a framework needs "
    "about eight)",
    fix="close the brackets or fix the indentation at the position given",
)
JSON_SYNTAX: Final = Code(
    code="json-syntax",
    meaning="the JSON cannot be parsed",
    fix="fix the text at the position given",
)
DUPLICATE_KEY: Final = Code(
    code="duplicate-key", meaning="a key appears twice in one mapping", fix="keep one"
)
EMPTY_FILE: Final = Code(
    code="empty-file", meaning="the file holds nothing", fix="write a framework in it"
)
UNKNOWN_KEY: Final = Code(
    code="unknown-key",
    meaning="a key the format does not have (a typo like `prescibed`)",
    fix="the message suggests the closest key",
)
MISSING_KEY: Final = Code(
    code="missing-key",
    meaning="a required key is absent",
    fix="add it (`id`, `number`, both poles, `provenance` ...)",
)
WRONG_TYPE: Final = Code(
    code="wrong-type",
    meaning="a value of the wrong type (text where a number goes, a list where a mapping goes)",
    fix="write it as the message says",
)
UNKNOWN_VALUE: Final = Code(
    code="unknown-value",
    meaning="a value outside its vocabulary (an origin, a status, a method, a pole, a relation, "
    "a kind)",
    fix="use one of the values the message lists",
)
INVALID_VALUE: Final = Code(
    code="invalid-value", meaning="a value the model refuses", fix="read the message"
)

#: The problems of reading a framework file (or a mapping file), in the docs' order.
READING: Final = (
    TOO_LARGE,
    ENCODING,
    YAML_SYNTAX,
    YAML_ALIAS,
    YAML_TAG,
    TOO_DEEP,
    JSON_SYNTAX,
    DUPLICATE_KEY,
    EMPTY_FILE,
    UNKNOWN_KEY,
    MISSING_KEY,
    WRONG_TYPE,
    UNKNOWN_VALUE,
    INVALID_VALUE,
)

QDPX: Final = Code(
    code="qdpx",
    meaning="not a REFI-QDA archive, a member missing or damaged, or a source text that is not "
    "UTF-8 (nor UTF-16 with its byte order mark)",
    fix="export the project again from your QDA software; save source texts as UTF-8",
)
QDPX_SIZE: Final = Code(
    code="qdpx-size",
    meaning="the archive or a member is larger than the limits",
    fix="it may be a zip bomb; a real project this large is not supported",
)
QDPX_XML: Final = Code(
    code="qdpx-xml",
    meaning="`project.qde` is not well-formed, or uses a DTD or entities",
    fix="export again; entities are refused for safety",
)
QDPX_MAPPING: Final = Code(
    code="qdpx-mapping",
    meaning="the mapping names a code or tension that does not exist, or a code name or path "
    "that several codes share",
    fix="fix the mapping: the message lists the project's codes",
)
QDPX_OFFSETS: Final = Code(
    code="qdpx-offsets",
    meaning="a selection's offsets fall outside its source",
    fix="try `--line-endings keep` or `--units utf16`, which some exporters need",
)

#: The problems of importing a REFI-QDA project.
QDA: Final = (QDPX, QDPX_SIZE, QDPX_XML, QDPX_MAPPING, QDPX_OFFSETS)
