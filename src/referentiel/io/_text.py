"""Decoding a framework file's bytes, and the loaded document that can locate issues in itself."""

from __future__ import annotations

from collections.abc import Callable

from referentiel.errors import FileFormatError
from referentiel.io._mapping import PathPart, Problem, format_path
from referentiel.validate import Issue, Severity

__all__ = ["decode", "file_error"]


def decode(data: bytes, filename: str | None) -> str:
    """Decode UTF-8 (a byte-order mark allowed); raise a located :exc:`FileFormatError` if not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise file_error(
            filename,
            "encoding",
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            (line, column),
        ) from None


def file_error(
    filename: str | None, code: str, message: str, position: tuple[int, int], path: str = "$"
) -> FileFormatError:
    """Return a :exc:`FileFormatError` holding one located issue."""
    line, column = position
    issue = Issue(
        code=code,
        severity=Severity.ERROR,
        message=message,
        path=path,
        file=filename,
        line=line,
        column=column,
    )
    return FileFormatError([issue])


def located_issues(
    problems: list[Problem],
    filename: str | None,
    locate: Callable[[tuple[PathPart, ...], bool], tuple[int, int]],
) -> list[Issue]:
    """Turn structuring problems into issues located by *locate*, in file order."""
    issues = []
    for problem in problems:
        line, column = locate(problem.path, problem.at_key)
        issues.append(
            Issue(
                code=problem.code,
                severity=Severity.ERROR,
                message=problem.message,
                path=format_path(problem.path),
                file=filename,
                line=line,
                column=column,
            )
        )
    issues.sort(key=lambda i: (i.line or 0, i.column or 0))
    return issues
