"""What ``validate`` prints, for frameworks and certifications alike: each issue, then a count."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from referentiel.issues import Report

__all__ = ["EXIT_INVALID", "EXIT_OK", "print_reports"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1


def print_reports(files: Sequence[str], check: Callable[[str], Report]) -> int:
    """Print every issue *check* finds in each file, then the counts; return the exit code."""
    errors = warnings = 0
    for name in files:
        report = check(name)
        for issue in report.issues:
            print(issue)
        errors += len(report.errors)
        warnings += len(report.warnings)
    print(
        f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)", file=sys.stderr
    )
    return EXIT_INVALID if errors else EXIT_OK
