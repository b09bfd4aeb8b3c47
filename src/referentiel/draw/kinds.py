"""The registry of figure kinds: every figure the library draws, in one place.

Each :class:`FigureKind` names the module and function that build it (imported only when a
figure is drawn) and says which frameworks it suits. The command line's choices and help, the
default figure and the docs' list come from :data:`FIGURES`. To add a figure kind: write its
module (a function ``framework, options -> graphviz.Digraph``), add one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import attrs

from referentiel.model import Framework

if TYPE_CHECKING:
    import graphviz

    from referentiel.draw.options import Options

__all__ = ["FIGURES", "FigureKind", "default_figure"]

Build = Callable[[Framework, "Options | None"], "graphviz.Digraph"]


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

    def build(self) -> Build:
        """Return the function that builds the figure, importing its module."""
        build: Build = getattr(importlib.import_module(self.module), self.function)
        return build


#: Every figure kind, by name; the first that suits a framework is its default figure.
FIGURES: Final[dict[str, FigureKind]] = {
    kind.name: kind
    for kind in (
        FigureKind(
            name="contradictions",
            summary="contradictions by origin, prescribed above real (the paper's Figure 2)",
            module="referentiel.draw.contradictions",
            function="contradictions_figure",
            suits=lambda fw: bool(fw.contradictions),
        ),
        FigureKind(
            name="dilemmas",
            summary="each dilemma's two poles side by side, its resources below",
            module="referentiel.draw.dilemmas",
            function="dilemmas_figure",
            suits=lambda fw: bool(fw.dilemmas),
        ),
        FigureKind(
            name="graph",
            summary="the tensions and the typed links between them",
            module="referentiel.draw.links",
            function="graph_figure",
            suits=lambda fw: bool(fw.tensions),
        ),
    )
}


def default_figure(framework: Framework) -> str:
    """Return the first figure kind that suits *framework* (contradictions if none does).

    >>> import referentiel as ref
    >>> default_figure(ref.load("examples/kinesitherapy.yaml"))
    'dilemmas'
    """
    return next((k.name for k in FIGURES.values() if k.suits(framework)), "contradictions")
