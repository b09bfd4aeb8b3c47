"""How a figure is drawn: :class:`Options`, checked once, shared by every figure kind."""

from __future__ import annotations

from typing import Literal

import attrs

from referentiel.vocabulary import THEMES

__all__ = ["EvidenceDisplay", "Options"]

EvidenceDisplay = Literal["count", "excerpts", "none"]


@attrs.frozen(kw_only=True)
class Options:
    """How a figure is drawn.

    >>> Options(language="en").theme
    'colour'
    """

    #: Language of the labels (translations where the file gives them); None: the framework's.
    language: str | None = None
    #: Under each pole: the number of excerpts ("count"), the first excerpt ("excerpts"), nothing.
    evidence: EvidenceDisplay = attrs.field(
        default="count", validator=attrs.validators.in_(("count", "excerpts", "none"))
    )
    #: Wrap labels at this many characters (at least 1); None never wraps.
    wrap: int | None = attrs.field(
        default=22,
        validator=attrs.validators.optional(attrs.validators.ge(1)),  # type: ignore[arg-type]  # attrs' stubs type optional() apart
    )
    #: "colour" or "bw" (black and white, for print).
    theme: str = attrs.field(default="colour", validator=attrs.validators.in_(tuple(THEMES)))
    #: Contradictions per row of the figure; a larger framework wraps onto several rows.
    columns: int = attrs.field(default=8, validator=attrs.validators.ge(1))
    #: Show the legend of line styles.
    legend: bool = True
    #: Show what users wrote beyond labels: pole and goal descriptions under their labels, and
    #: tensions' notes in the graph figure.
    details: bool = False
    #: Which page of a paginated figure this is ("2/5"), shown after the title; None: not one.
    page_label: str | None = None
