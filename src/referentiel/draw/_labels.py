r"""User text into Graphviz HTML-like labels: the one place where it is escaped.

Every label is an HTML-like label built here, so user text can never alter the DOT structure:
``<``, ``>``, ``&`` and quotes become entities, backslashes are doubled (Graphviz replaces
``\N``, ``\G`` and ``\E`` even in HTML-like labels, and reads ``\\`` as one backslash),
control characters are dropped, and line breaks become ``<BR/>``.
"""

from __future__ import annotations

import math
import re
from typing import Final

from referentiel._unicode import normal_lines

__all__ = ["clean", "html_label", "lines"]


def clean(value: str) -> str:
    r"""Drop control characters (tabs become spaces); make every line break a line feed.

    >>> clean("a\tb\x00c\u200fd")
    'a bc\u200fd'
    """
    if value.isprintable():  # the common case: no control character, no line break
        return value
    return normal_lines(value)


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
            result += _wrap(paragraph, width)
    return result


def _wrap(paragraph: str, width: int) -> list[str]:
    """Wrap greedily at spaces, cutting a word longer than *width* (textwrap is 5x slower)."""
    out: list[str] = []
    line = ""
    for whole in paragraph.split():
        word = whole
        while len(word) > width:
            if line:
                out.append(line)
                line = ""
            out.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            out.append(line)
            line = word
    if line or not out:
        out.append(line)
    return out


def markup(text: str, *, quote: bool = True) -> str:
    """Escape *text* for XML or HTML, as :func:`html.escape` does.

    Written out because importing :mod:`html` imports its table of 2 000 entities, 2 ms of a
    cold render; a property test holds the two equal.

    >>> markup("<b> & 'x'"), markup('"x"', quote=False)
    ('&lt;b&gt; &amp; &#x27;x&#x27;', '"x"')
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def escape(value: str) -> str:
    r"""Escape one line of user text for an HTML-like label.

    >>> print(escape('<b> & "x" \\N'))
    &lt;b&gt; &amp; &quot;x&quot; \\N
    """
    return markup(value).replace("\\", "\\\\")


def html_lines(value: str, width: int | None) -> str:
    """Escape and wrap *value* as the inside of an HTML-like label.

    A line outside the Latin alphabet is followed by the room it needs (see :func:`room`).

    >>> html_lines("Délais <contraints> & procédures", 12)
    'Délais<BR/>&lt;contraints&gt;<BR/>&amp; procédures'
    >>> html_lines("中文标签", None)
    '中文标签<FONT>&#160;&#160;</FONT>'
    """
    wrapped = lines(value, width)
    if all(line.isascii() or max(line) <= "\u00ff" for line in wrapped):
        # the common case: the lines hold no line break, escape them at once, then break them
        return escape("\n".join(wrapped)).replace("\n", "<BR/>")
    return "<BR/>".join(escape(line) + room(line) for line in wrapped)


#: The width the embedded engine gives each byte of a character past U+00FF, in ems: it
#: measures UTF-8 bytes, each as a space (Helvetica's 278/1000 em).
_BYTE: Final = 0.278
#: Bold glyphs and hinting: a line is given this much more room than its regular width.
_SAFETY: Final = 1.1


def room(line: str) -> str:
    """Return what gives *line* the room it takes in the real fonts: a span of no-break spaces.

    The embedded engine measures Latin text with Helvetica's metrics, but every character past
    U+00FF as one space per UTF-8 byte: Cyrillic, CJK ... come out too narrow for their box.
    Such a line is followed by a span of no-break spaces (a text of its own in the drawing,
    so the line's text stays as it was written) as wide, for the engine, as what it lacks in
    the fonts the package ships (:mod:`referentiel.draw._metrics`); the line is drawn from the
    left of the room the engine gives both, which it fills. A Latin line needs nothing.

    >>> room("Travail réel"), room("中文标签")
    ('', '<FONT>&#160;&#160;</FONT>')
    """
    if line.isascii() or max(line) <= "\u00ff":
        return ""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415 - non-Latin text only

    from referentiel.draw._metrics import text_width  # noqa: PLC0415

    engine = sum(
        stringWidth(char, "Helvetica", 1) if char <= "\u00ff" else _BYTE * len(char.encode())
        for char in line
    )
    deficit = text_width(line, 1) * _SAFETY - engine
    if deficit <= 0:
        return ""
    # the engine measures a no-break space as two bytes
    return "<FONT>" + "&#160;" * math.ceil(deficit / (2 * _BYTE)) + "</FONT>"


#: A text element with nothing in it (``<B></B>``): Graphviz refuses it as a syntax error.
_EMPTY_ELEMENT: Final = re.compile(r"<(B|I|U|O|S|SUB|SUP|FONT)\b[^>]*></\1>")


def html_label(inner: str) -> str:
    """Wrap already escaped HTML *inner* text as a label for :mod:`graphviz` (``<...>``).

    Text elements left empty (an empty title, heading ...) are dropped, innermost first.

    >>> html_label('<FONT POINT-SIZE="16"><B></B></FONT>x')
    '<x>'
    """
    while "></" in inner:  # the quick test: most labels have no element closed at once
        emptied = _EMPTY_ELEMENT.sub("", inner)
        if emptied == inner:
            break
        inner = emptied
    return f"<{inner}>"
