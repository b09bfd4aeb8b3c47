"""Decoding a file's bytes, and turning problems into issues located in the file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from referentiel.errors import FileFormatError
from referentiel.io import codes
from referentiel.io._problems import Problem
from referentiel.issues import Code, Issue, Path

__all__ = ["Locate", "decode", "file_error", "located_issues"]

#: Where paths are in a file's text: ``locate([(path, at_key), ...]) -> [(line, column), ...]``,
#: 1-based; all at once, so that a large file is read again (at most) once however many problems.
Locate = Callable[[Sequence[tuple[Path, bool]]], list[tuple[int, int]]]


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
            codes.ENCODING,
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            (line, column),
        ) from None


def file_error(
    filename: str | None, code: Code, message: str, position: tuple[int, int]
) -> FileFormatError:
    """Return a :exc:`FileFormatError` holding one issue located at *position*."""
    line, column = position
    return FileFormatError([code.issue(message, file=filename, line=line, column=column)])


def located_issues(
    problems: Iterable[Problem], filename: str | None, locate: Locate
) -> list[Issue]:
    """Turn structuring problems into issues located by *locate*, in file order."""
    problems = list(problems)
    positions = locate([(problem.path, problem.at_key) for problem in problems])
    issues = []
    for problem, (line, column) in zip(problems, positions, strict=True):
        issues.append(
            problem.code.issue(
                problem.message, problem.path, file=filename, line=line, column=column
            )
        )
    issues.sort(key=lambda i: (i.line or 0, i.column or 0))
    return issues
