"""Which characters break a line or control a terminal: one definition for every output.

Python's ``str.splitlines`` breaks lines at these, and so do many readers (Markdown, Mermaid,
LaTeX, spreadsheets); each format turns them into its own line break or a space, and drops the
other control characters, which no reader shows.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["LINE_BREAKS", "normal_lines", "one_line", "printable"]

#: Every character ``str.splitlines`` breaks at; CRLF is one break.
LINE_BREAKS: Final = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: The other control characters (Unicode Cc), and lone surrogates, which no reader can show.
_CONTROLS: Final = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    r"""Drop control characters but line breaks and tabs (a tab becomes a space).

    >>> printable("a\tb\x00c\x07\nd")
    'a bc\nd'
    """
    return _CONTROLS.sub("", text).replace("\t", " ")


def normal_lines(text: str) -> str:
    r"""Make every line break a line feed, and drop the other control characters.

    >>> normal_lines("a\r\nb\u2028c\x85d\x00")
    'a\nb\nc\nd'
    """
    return printable(LINE_BREAKS.sub("\n", text))


def one_line(text: str, joiner: str = " ") -> str:
    r"""Join every line of *text* with *joiner*, dropping control characters.

    >>> one_line("title\rclick x href 'evil'")
    "title click x href 'evil'"
    """
    return LINE_BREAKS.sub(joiner, printable(text))
