"""How a project's offsets are read: its line endings and the units its offsets count.

Kept apart from :mod:`~referentiel.io.qda.read` so that the command line can offer these
choices without importing the reader.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["LineEndings", "Units"]

#: ``normalise``: CRLF read as one line feed before offsets apply (most exporters); ``keep``.
LineEndings = Literal["normalise", "keep"]
#: ``codepoints`` (the standard) or ``utf16`` (some exporters).
Units = Literal["codepoints", "utf16"]
