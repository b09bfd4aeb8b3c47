"""Text as XML 1.0 can hold it, for every XML format (GraphML, GEXF, REFI-QDA)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["xml_text"]

#: What XML 1.0's Char production excludes: most C0 controls, lone surrogates, U+FFFE, U+FFFF.
_ILLEGAL: Final = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_XML_ILLEGAL: Final = re.compile(f"[{_ILLEGAL}]")
#: The characters :func:`xml_text` changes: those, and carriage returns.
_CHANGED: Final = re.compile(f"[\r{_ILLEGAL}]")


def xml_text(value: str) -> str:
    r"""Return *value* as XML 1.0 can hold it: forbidden characters dropped, CR read as LF.

    >>> xml_text("a\r\nb\x0bc\ud800d")
    'a\nbcd'
    """
    if _CHANGED.search(value) is None:  # most text: one scan, returned as it is
        return value
    return _XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
