"""The error of a text that is not YAML (or JSON) the library accepts, with its position."""

from __future__ import annotations

from typing import Final

from yaml import YAMLError
from yaml.events import Event

from referentiel.io import codes
from referentiel.io.limits import MAX_DEPTH
from referentiel.issues import Code

__all__ = [
    "LongNumber",
    "Position",
    "YamlSyntaxError",
    "start",
    "too_deep",
    "too_deep_for_libyaml",
]


Position = tuple[int, int]  # 1-based line and column


class YamlSyntaxError(ValueError):
    """The text is not YAML the library accepts; :attr:`position` says where."""

    def __init__(self, message: str, position: Position, code: Code = codes.YAML_SYNTAX) -> None:
        self.position = position
        self.code = code
        super().__init__(message)


def start(event: Event) -> Position:
    """Return where a libyaml *event* starts."""
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def too_deep(position: Position) -> YamlSyntaxError:
    """Return the error of a collection nested deeper than :data:`MAX_DEPTH`."""
    return YamlSyntaxError(
        f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
        position,
        codes.TOO_DEEP,
    )


def too_deep_for_libyaml(error: YAMLError) -> YamlSyntaxError | None:
    """Return the too-deep error if libyaml stopped at its own nesting limit (1000), else None.

    libyaml's scanner reads flow brackets ahead of its events: on ``[[[[...`` it may stop at its
    limit before the events show the nesting.
    """
    problem = getattr(error, "problem", None) or ""
    mark = getattr(error, "problem_mark", None)
    if "exceeded maximum nesting depth" not in problem or mark is None:
        return None
    return too_deep((mark.line + 1, mark.column + 1))


class LongNumber:
    """A number written with more digits than Python reads safely (over 4 300): kept unread.

    The readers give it in place of the number, so that the field it stands in is reported,
    located, as any value of the wrong type is.
    """

    __slots__ = ("digits",)

    #: Python refuses to read longer decimal integers (their reading is quadratic).
    LIMIT: Final = 4300

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"
