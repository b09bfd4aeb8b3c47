"""The bounds every input is read within, in one place (the docs' table of limits comes from here).

A real framework is far inside them; they exist so that no file, however made, can take the
library's time or memory without bound. The bounds of ``.qdpx`` archives are
:data:`referentiel.io.qda.read.LIMITS`; integers are 64-bit (:data:`referentiel._fields.INT_MAX`).
"""

from __future__ import annotations

from typing import Final

__all__ = ["FILE_LIMIT", "MAX_DEPTH"]

#: The largest framework, mapping or graph file read, in bytes (a 100 000-excerpt framework is
#: about 20 MB).
FILE_LIMIT: Final = 256 * 2**20

#: The deepest nesting of mappings and lists a file may have (a framework has about eight).
MAX_DEPTH: Final = 64
