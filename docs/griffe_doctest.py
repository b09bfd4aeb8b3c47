"""A griffe extension: the docstrings' doctest examples and Sphinx roles, as Markdown.

The docstrings are written for the doctest runner and for readers of the source (``>>>``
examples, ``:func:`referentiel.save``` roles). Read as Markdown, ``>>>`` starts a nested
blockquote and a role is raw text; here each example becomes a ``pycon`` code block (its output
included) and each role a cross-reference (or code, when it does not name a public object).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

import griffe

_ROLE: Final = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):`(~?)([\w.]+)`")


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    shown = target.rsplit(".", 1)[-1] if short else target
    if target.startswith("referentiel.") and not any(p.startswith("_") for p in target.split(".")):
        return f"[`{shown}`][{target}]"
    return f"`{shown}`"


def as_markdown(text: str) -> str:
    r"""Return docstring *text* with its doctest examples fenced and its roles as links.

    >>> print(as_markdown("Read it.\n\n>>> 1 + 1\n2\n\nSee :func:`~referentiel.save`."))
    Read it.
    <BLANKLINE>
    ```pycon
    >>> 1 + 1
    2
    ```
    <BLANKLINE>
    See [`save`][referentiel.save].
    """
    lines = text.splitlines()
    out: list[str] = []
    in_example = False
    for line in lines:
        starts = line.lstrip().startswith(">>>")
        if starts and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line if in_example else _ROLE.sub(_role, line))
    if in_example:
        out.append("```")
    return "\n".join(out)


def _comment_docstring(obj: griffe.Object) -> str | None:
    """Return the ``#:`` comment lines above a module attribute (Sphinx's attribute docs)."""
    if obj.lineno is None or not isinstance(obj.filepath, Path):
        return None
    lines = obj.filepath.read_text(encoding="utf-8").splitlines()
    found: list[str] = []
    index = obj.lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#:"):
        found.insert(0, lines[index].lstrip()[2:].strip())
        index -= 1
    return " ".join(found) or None


class DoctestAsCode(griffe.Extension):
    """Rewrite every docstring with :func:`as_markdown` as griffe loads it.

    A module attribute documented by ``#:`` comments gets them as its docstring.
    """

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:  # noqa: ANN401
        """Rewrite *obj*'s docstring (griffe calls this for every object it loads)."""
        if obj.docstring is None and obj.is_attribute and (text := _comment_docstring(obj)):
            obj.docstring = griffe.Docstring(text, parent=obj)
        if obj.docstring is not None:
            obj.docstring.value = as_markdown(obj.docstring.value)
