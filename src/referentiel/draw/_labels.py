r"""User text into Graphviz HTML-like labels: the one place where it is escaped.

Every label is an HTML-like label built here, so user text can never alter the DOT structure:
``<``, ``>``, ``&`` and quotes become entities, backslashes are doubled (Graphviz replaces
``\N``, ``\G`` and ``\E`` even in HTML-like labels, and reads ``\\`` as one backslash),
control characters are dropped, and line breaks become ``<BR/>``.
"""

from __future__ import annotations

import html

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


def escape(value: str) -> str:
    r"""Escape one line of user text for an HTML-like label.

    >>> print(escape('<b> & "x" \\N'))
    &lt;b&gt; &amp; &quot;x&quot; \\N
    """
    return html.escape(value, quote=True).replace("\\", "\\\\")


def html_lines(value: str, width: int | None) -> str:
    """Escape and wrap *value* as the inside of an HTML-like label.

    >>> html_lines("Délais <contraints> & procédures", 12)
    'Délais<BR/>&lt;contraints&gt;<BR/>&amp; procédures'
    """
    # the lines hold no line break: escape them at once, then break them
    return escape("\n".join(lines(value, width))).replace("\n", "<BR/>")


def html_label(inner: str) -> str:
    """Wrap already escaped HTML *inner* text as a label for :mod:`graphviz` (``<...>``)."""
    return f"<{inner}>"
