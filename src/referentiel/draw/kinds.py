"""The registry of figure kinds: every figure the library draws, in one place.

Each :class:`FigureKind` names the module and function that build it (imported only when a
figure is drawn) and says which frameworks it suits. The command line's choices and help, the
default figure and the docs' list come from :data:`FIGURES`. To add a figure kind: write its
module (a function ``framework, options -> graphviz.Digraph``), add one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

import attrs

from referentiel.errors import UnsupportedFormatError
from referentiel.model import Contradiction, Dilemma, Framework, Tension

if TYPE_CHECKING:
    import graphviz

    from referentiel.draw.options import Options

__all__ = ["FIGURES", "FigureKind", "check_fits", "default_figure"]

Build = Callable[[Framework, "Options | None"], "graphviz.Digraph"]
#: What a page of a figure keeps whole where it can (see :mod:`referentiel.draw.pages`).
Grouping = Literal["origin", "tension", "component"]


@attrs.frozen(kw_only=True)
class FigureKind:
    """One kind of figure: its name, what it shows, where it is built, what it suits.

    >>> FIGURES["dilemmas"].summary
    "each dilemma's two poles side by side, its resources below"
    """

    #: The name users give (``--figure dilemmas``).
    name: str
    #: What it shows, in a few words (for help texts and the docs).
    summary: str
    #: The module and the function in it that build the figure.
    module: str
    function: str
    #: Whether it suits a framework: something of it to draw.
    suits: Callable[[Framework], bool]
    #: What a framework needs for the figure not to be empty, in a few words.
    needs: str
    #: Which tensions it draws (pages split a figure's tensions and nothing else).
    draws: Callable[[Tension], bool] = lambda _: True
    #: What a page keeps whole where it can: a group of tensions by origin, each tension, or
    #: each set of tensions and goals joined by links.
    grouping: Grouping = "tension"
    #: When the figure is the default before any other (the graph, for a framework of goals).
    first_for: Callable[[Framework], bool] | None = None

    def build(self) -> Build:
        """Return the function that builds the figure, importing its module."""
        build: Build = getattr(importlib.import_module(self.module), self.function)
        return build


def _has_map(tension: Tension) -> bool:
    """Whether a tension is a dilemma that says what a polarity map shows."""
    return isinstance(tension, Dilemma) and bool(
        tension.first.polarity
        or tension.second.polarity
        or tension.greater_purpose
        or tension.deeper_fear
    )


def _polarity(fw: Framework) -> bool:
    """Whether a dilemma says what a polarity map shows (upsides, a greater purpose ...)."""
    return any(_has_map(d) for d in fw.dilemmas)


#: Every figure kind, by name; the first that suits a framework is its default figure.
FIGURES: Final[dict[str, FigureKind]] = {
    kind.name: kind
    for kind in (
        FigureKind(
            name="mixed",
            summary="the contradictions (as in the paper's Figure 2) and the dilemmas together",
            module="referentiel.draw.mixed",
            function="mixed_figure",
            suits=lambda fw: bool(fw.contradictions) and bool(fw.dilemmas),
            needs="both contradictions and dilemmas",
            grouping="origin",
        ),
        FigureKind(
            name="contradictions",
            summary="contradictions by origin, prescribed above real (the paper's Figure 2)",
            module="referentiel.draw.contradictions",
            function="contradictions_figure",
            suits=lambda fw: bool(fw.contradictions),
            needs="a contradiction",
            draws=lambda t: isinstance(t, Contradiction),
            grouping="origin",
        ),
        FigureKind(
            name="polarity",
            summary="each dilemma as a polarity map: upsides and downsides of each pole, action "
            "steps, early warnings, the greater purpose and the deeper fear",
            module="referentiel.draw.polarity",
            function="polarity_figure",
            suits=_polarity,
            draws=_has_map,
            needs="a dilemma with upsides, downsides, action steps, early warnings, a greater "
            "purpose or a deeper fear",
        ),
        FigureKind(
            name="dilemmas",
            summary="each dilemma's two poles side by side, its resources below",
            module="referentiel.draw.dilemmas",
            function="dilemmas_figure",
            suits=lambda fw: bool(fw.dilemmas),
            needs="a dilemma",
            draws=lambda t: isinstance(t, Dilemma),
        ),
        FigureKind(
            name="graph",
            summary="the tensions, their poles and goals, and the typed links between them",
            module="referentiel.draw.links",
            function="graph_figure",
            suits=lambda fw: bool(fw.tensions or fw.goals),
            needs="a tension or a goal",
            grouping="component",
            # goals are drawn by this figure only: an evaporating cloud is a graph
            first_for=lambda fw: bool(fw.goals),
        ),
    )
}


def default_figure(framework: Framework) -> str:
    """Return the figure a framework is drawn as by default.

    The first kind whose ``first_for`` holds, else the first that suits it (else the first).

    >>> import referentiel as ref
    >>> default_figure(ref.load("examples/kinesitherapy.yaml"))
    'dilemmas'
    >>> default_figure(ref.load("examples/evaporating-cloud.yaml"))
    'graph'
    """
    for kind in FIGURES.values():
        if kind.first_for is not None and kind.first_for(framework):
            return kind.name
    for kind in FIGURES.values():
        if kind.suits(framework):
            return kind.name
    return next(iter(FIGURES))


def check_fits(framework: Framework, name: str) -> None:
    """Raise :exc:`~referentiel.UnsupportedFormatError` if figure *name* would be empty.

    The message says which figures fit the framework.
    """
    kind = FIGURES[name]
    if kind.suits(framework):
        return
    fitting = ", ".join(repr(k.name) for k in FIGURES.values() if k.suits(framework))
    raise UnsupportedFormatError(
        f"the {name} figure would be empty: it needs {kind.needs}"
        + (f" (figures that fit: {fitting})" if fitting else " (the framework has no tension)")
    )
