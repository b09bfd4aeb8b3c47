r"""User text into Graphviz HTML-like labels: the one place where it is escaped.

Every label is an HTML-like label built here, so user text can never alter the DOT structure:
``<``, ``>``, ``&`` and quotes become entities, backslashes are doubled (Graphviz replaces
``\N``, ``\G`` and ``\E`` even in HTML-like labels, and reads ``\\`` as one backslash),
control characters are dropped, and line breaks become ``<BR/>``.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata

__all__ = ["clean", "html_label", "lines"]


def clean(value: str) -> str:
    r"""Drop control characters (tabs become spaces); keep every other character as it is.

    >>> clean("a\tb\x00c\u200fd")
    'a bc\u200fd'
    """
    out = []
    for char in value.replace("\r\n", "\n"):
        if char in "\n\r\x85\u2028\u2029":
            out.append("\n")
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) != "Cc":
            out.append(char)
    return "".join(out)


def lines(value: str, width: int | None) -> list[str]:
    """Split *value* into the lines of a label, wrapping at *width* characters (None: never).

    >>> lines("Travail encadré par de multiples procédures", 22)
    ['Travail encadré par de', 'multiples procédures']
    """
    result: list[str] = []
    for paragraph in clean(value).split("\n"):
        if width is None or len(paragraph) <= width:
            result.append(paragraph)
        else:
            result += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    return result


def escape(value: str) -> str:
    r"""Escape one line of user text for an HTML-like label.

    >>> print(escape('<b> & "x" \\N'))
    &lt;b&gt; &amp; &quot;x&quot; \\N
    """
    return html.escape(value, quote=True).replace("\\", "\\\\")


def html_lines(value: str, width: int | None) -> str:
    """Escape and wrap *value* as the inside of an HTML-like label."""
    return "<BR/>".join(escape(line) for line in lines(value, width))


def html_label(inner: str) -> str:
    """Wrap already escaped HTML *inner* text as a label for :mod:`graphviz` (``<...>``)."""
    return f"<{inner}>"
