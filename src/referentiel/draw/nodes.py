"""The names of the figures' nodes, and what each draws: one convention for every figure kind.

A node is named after its tension's place in the framework (``t4``: the fifth tension) and the
part of it drawn (``t4_p``: its prescribed pole). The interactive page reads the names back
from the SVG that Graphviz writes (each node's ``<title>``) to know what a click selects.

>>> node_name(4, Side.PRESCRIBED)
't4_p'
>>> node_target("t4_p")
(4, <Side.PRESCRIBED: 'prescribed'>)
>>> node_target("t4_n"), node_target("b0_numbers")
((4, None), None)
"""

from __future__ import annotations

import re
from typing import Final

from referentiel.model import Side

__all__ = [
    "NUMBER",
    "RESOURCES",
    "RESOURCES_FIRST",
    "RESOURCES_SECOND",
    "goal_name",
    "node_name",
    "node_target",
]

#: The parts of a tension that are not a pole: its number, its resources (those that help
#: with both poles, with the first, with the second).
NUMBER: Final = "n"
RESOURCES: Final = "res"
RESOURCES_FIRST: Final = "resa"
RESOURCES_SECOND: Final = "resb"
_POLES: Final[dict[Side, str]] = {
    Side.PRESCRIBED: "p",
    Side.REAL: "r",
    Side.FIRST: "a",
    Side.SECOND: "b",
}
_SIDES: Final[dict[str, Side | None]] = {
    **{part: side for side, part in _POLES.items()},
    NUMBER: None,
    RESOURCES: None,
    RESOURCES_FIRST: None,
    RESOURCES_SECOND: None,
}
_NAME: Final = re.compile(r"t(\d+)(?:_([a-z]+))?")


def node_name(index: int, part: Side | str | None = None) -> str:
    """Return the name of the node that draws *part* (a pole, ``NUMBER`` ...) of tension *index*.

    Without *part*, the node that draws the whole tension (the graph figure's boxes).
    """
    if part is None:
        return f"t{index}"
    return f"t{index}_{_POLES[part] if isinstance(part, Side) else part}"


def goal_name(index: int) -> str:
    """Return the name of the node that draws goal *index* (its place among the goals).

    >>> goal_name(0)
    'g0'
    """
    return f"g{index}"


def node_target(name: str) -> tuple[int, Side | None] | None:
    """Return the tension's index and the pole (None: the whole tension) a node draws.

    None for a node that draws no tension (headings, legend ...).
    """
    match = _NAME.fullmatch(name)
    if match is None or (match[2] is not None and match[2] not in _SIDES):
        return None
    return int(match[1]), _SIDES[match[2]] if match[2] else None
