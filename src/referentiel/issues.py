"""The vocabulary of problems: :class:`Issue`, :class:`Report`, :class:`Severity` and :class:`Code`.

Reading a file, validating a framework and importing from QDA software all report what they find
in these terms. An issue's path is data, a tuple such as ``("tensions", 2, "real")``; it becomes
``$.tensions[2].real`` only when shown (:func:`format_path`), and is never parsed back.
"""

from __future__ import annotations

import enum
import re
from typing import Final, TypeAlias

import attrs

__all__ = ["Code", "Issue", "Path", "Report", "Severity", "format_path"]

#: Where in a framework (or its file) an issue is: keys and list indexes from the root.
Path: TypeAlias = tuple[str | int, ...]


class Severity(enum.Enum):
    """How serious an :class:`Issue` is: errors make a framework invalid, warnings do not.

    >>> Severity("warning")
    <Severity.WARNING: 'warning'>
    """

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Code:
    """A kind of problem: its stable code, its severity, what it means and what to do.

    Each registry of codes (reading a file, validation rules, QDA import) holds these; the docs'
    tables of error codes are generated from them.

    >>> Code(code="empty-file", meaning="the file holds nothing", fix="write one in it").code
    'empty-file'
    """

    code: str
    meaning: str
    fix: str
    severity: Severity = Severity.ERROR

    def issue(
        self,
        message: str,
        path: Path = (),
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> Issue:
        """Return an :class:`Issue` of this code.

        >>> ENCODING = Code(code="encoding", meaning="not UTF-8", fix="save it as UTF-8")
        >>> print(ENCODING.issue("the file is not UTF-8", file="f.yaml", line=1, column=3))
        f.yaml:1:3: error encoding: the file is not UTF-8 (at $)
        """
        return Issue(
            code=self.code,
            severity=self.severity,
            message=message,
            path=path,
            file=file,
            line=line,
            column=column,
        )


def format_path(path: Path) -> str:
    r"""Show *path* as ``$.tensions[2].real.label``.

    >>> format_path(("tensions", 2, "real", "label"))
    '$.tensions[2].real.label'
    >>> format_path(())
    '$'
    >>> format_path(("translations", "en-GB", "x y\r"))
    '$.translations.en-GB["x y\\r"]'
    """
    return "$" + "".join(_part(part) for part in path)


_NAME: Final = re.compile(r"[\w-]+")  # letters in any script, digits, _ and -


def _part(part: object) -> str:
    r"""Show one step of a path: ``[2]``, ``.label``, or ``["x y\r"]``.

    A key that is not a plain name (or not text: a YAML key may be anything) is shown as JSON
    writes it, so that a path is always one line of printable text.
    """
    if isinstance(part, int) and not isinstance(part, bool):
        return f"[{part}]"
    if isinstance(part, str) and _NAME.fullmatch(part):
        return f".{part}"
    import json  # noqa: PLC0415 - only for keys that are not plain names

    try:
        text = json.dumps(part, ensure_ascii=False)
    except (TypeError, ValueError):
        text = json.dumps(repr(part), ensure_ascii=False)
    # JSON leaves some line breaks (U+2028 ...) and other unprintable characters as they are
    return "[" + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text) + "]"


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in a framework or its file.

    >>> issue = Issue(code="empty-quote", severity=Severity.ERROR, message="the quote is empty",
    ...               path=("tensions", 0, "evidence", 1, "quote"))
    >>> str(issue)
    'error empty-quote: the quote is empty (at $.tensions[0].evidence[1].quote)'
    >>> str(attrs.evolve(issue, file="f.yaml", line=12, column=9))
    'f.yaml:12:9: error empty-quote: the quote is empty (at $.tensions[0].evidence[1].quote)'
    """

    code: str
    severity: Severity
    message: str
    path: Path = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        """``file:line:column``, as much of it as is known ('' when nothing is)."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)

    @property
    def where(self) -> str:
        """The path as text, ``$.tensions[0].real``."""
        return format_path(self.path)

    def __str__(self) -> str:
        head = f"{self.location}: " if self.location else ""
        return f"{head}{self.severity.value} {self.code}: {self.message} (at {self.where})"


@attrs.frozen(kw_only=True)
class Report:
    """The issues found in a framework, in file order; errors first in :attr:`errors`.

    >>> Report(issues=()).ok
    True
    """

    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity error."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity warning."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    def __str__(self) -> str:
        if not self.issues:
            return "no issues"
        return "\n".join(str(issue) for issue in self.issues)

    def _repr_html_(self) -> str:
        """Show the report as a table in Jupyter."""
        import html  # noqa: PLC0415 - only in a notebook

        if not self.issues:
            return "<p>No issues.</p>"
        head = "".join(f"<th>{h}</th>" for h in ("where", "severity", "code", "message", "path"))
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (i.location, i.severity.value, i.code, i.message, i.where)
            )
            + "</tr>"
            for i in self.issues
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
