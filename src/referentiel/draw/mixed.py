"""The mixed figure: a framework's contradictions and its dilemmas together, each as its own.

The contradictions are drawn as in the contradictions figure (the paper's Figure 2) and the
dilemmas as in the dilemmas figure, one part under the other, with one title and one legend.
"""

from __future__ import annotations

import attrs
import graphviz

from referentiel.draw._layout import Context, base_graph, legend, legend_notes, statuses, subgraph
from referentiel.draw.contradictions import contradictions_figure
from referentiel.draw.dilemmas import dilemmas_figure
from referentiel.draw.nodes import NUMBER, node_name
from referentiel.draw.options import Options
from referentiel.model import Contradiction, Dilemma, Framework, Side

__all__ = ["mixed_figure"]


def mixed_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw the contradictions, then the dilemmas, in one figure.

    >>> import attrs, referentiel as ref
    >>> cr, kine = (ref.load(f"examples/{n}.yaml") for n in ("customer-relations", "kinesitherapy"))
    >>> both = attrs.evolve(cr, tensions=(*cr.tensions, *kine.tensions), links=())
    >>> source = mixed_figure(both).source
    >>> "part_contradictions" in source and "part_dilemmas" in source
    True
    """
    ctx = Context.of(fw, options)
    graph = base_graph(fw, ctx.options, "mixed")
    parts = attrs.evolve(ctx.options, legend=False)
    last: str | None = None
    for name, build, cls in (
        ("contradictions", contradictions_figure, Contradiction),
        ("dilemmas", dilemmas_figure, Dilemma),
    ):
        part = build(fw, parts)
        # a plain subgraph, not a frame: the layout keeps each part's own order of nodes
        part.name = f"part_{name}"
        part.attr("graph", label="")  # one title, the figure's
        graph.subgraph(part)
        indexes = [i for i, t in enumerate(fw.tensions) if isinstance(t, cls)]
        if last is not None and indexes:
            # the dilemmas under; ordered edges keep their first row in order: number, poles
            with subgraph(graph) as order:
                order.attr("graph", ordering="out")
                for piece in (NUMBER, Side.FIRST, Side.SECOND):
                    order.edge(last, node_name(indexes[0], piece), style="invis", weight="0")
        if indexes:  # the bottom of the part: a real pole, or a dilemma's number
            bottom = Side.REAL if cls is Contradiction else NUMBER
            last = node_name(indexes[-1], bottom)
    if ctx.options.legend and last is not None:
        legend(graph, statuses(fw), last, ctx.language, ctx.theme, notes=legend_notes(fw, ctx))
    return graph
