"""A plot for notebooks: how much evidence backs each pole (needs matplotlib)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referentiel.model import Framework, Side
from referentiel.vocabulary import THEMES, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_evidence"]


def plot_evidence(
    framework: Framework, *, ax: Axes | None = None, language: str | None = None
) -> Axes:
    """Draw the excerpts behind each pole, one pair of bars a tension; return the axes.

    Each bar is labelled with its number of distinct speakers, so a pole documented by one
    voice stands out from one documented by several. Needs matplotlib
    (``pip install matplotlib`` or ``referentiel[plot]``).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import referentiel as ref
    >>> ax = plot_evidence(ref.load("examples/customer-relations.yaml"))
    >>> len(ax.patches)
    12
    """
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - optional, imported when used
    except ImportError:
        raise ImportError(
            "plot_evidence needs matplotlib: pip install matplotlib (or referentiel[plot])"
        ) from None
    lang = language or framework.language
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * max(len(framework.tensions), 1)))
    colours = (THEMES["colour"]["organisation"], THEMES["colour"]["second"])
    labels = []
    for row, tension in enumerate(framework.tensions):
        for offset, side in zip((-0.2, 0.2), tension.SIDES, strict=True):
            support = [e for e in tension.evidence if e.supports in (side, Side.BOTH)]
            speakers = {e.speaker for e in support if e.speaker}
            bar = ax.barh(
                row + offset,
                len(support),
                height=0.38,
                color=colours[offset > 0],
                label=word(side.value, lang) if row == 0 else None,
            )
            ax.bar_label(
                bar,
                labels=[f"{len(speakers)} {word('speakers', lang)}"],
                padding=2,
                fontsize=8,
            )
        labels.append(f"{tension.number}. {tension.poles[0].label_in(lang)[:50]}")
    ax.set_yticks(range(len(framework.tensions)), labels=labels)
    ax.invert_yaxis()
    ax.set_xlabel(word("excerpts", lang))
    ax.legend(loc="lower right")
    return ax
