"""The dilemmas figure: each dilemma's two poles side by side, an arrow, and its resources."""

from __future__ import annotations

import graphviz

from referentiel.draw._labels import escape, html_label
from referentiel.draw._layout import (
    Context,
    base_graph,
    double_arrow,
    evidence_lines,
    legend,
    legend_notes,
    number_defaults,
    number_label,
    number_style,
    pole_node,
    status_of,
    statuses,
    subgraph,
)
from referentiel.draw.nodes import (
    NUMBER,
    RESOURCES,
    RESOURCES_FIRST,
    RESOURCES_SECOND,
    node_name,
)
from referentiel.draw.options import Options
from referentiel.model import Dilemma, Framework, Side
from referentiel.vocabulary import word

__all__ = ["dilemmas_figure"]


def dilemmas_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw each dilemma as its two poles side by side, a double arrow, and its resources.

    >>> import referentiel as ref
    >>> "Acquis" in dilemmas_figure(ref.load("examples/kinesitherapy.yaml")).source
    True
    """
    ctx = Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = base_graph(fw, options, "dilemmas")
    previous, gap = None, "1"
    for i, d in enumerate(fw.tensions):
        if not isinstance(d, Dilemma):
            continue
        with subgraph(graph) as numbers:
            number_defaults(numbers, theme, theme["dilemma"])
            numbers.node(
                node_name(i, NUMBER),
                label=number_label(d.number),
                **number_style(d.number_status, theme["dilemma"], theme),
            )
        for pole, side in ((d.first, Side.FIRST), (d.second, Side.SECOND)):
            pole_node(
                graph,
                node_name(i, side),
                pole,
                status=status_of(pole.provenance, d.provenance),
                extra=evidence_lines(d, side, ctx),
                ctx=ctx,
            )
        with subgraph(graph) as row:
            row.attr(rank="same")
            for part in (NUMBER, Side.FIRST, Side.SECOND):
                row.node(node_name(i, part))
        number, first, second = (node_name(i, p) for p in (NUMBER, Side.FIRST, Side.SECOND))
        graph.edge(number, first, style="invis", minlen="1")
        double_arrow(graph, first, second, d.provenance.status, minlen="3")
        if previous is not None:
            # one column of numbers: a heavy invisible edge keeps each row under the last
            graph.edge(previous, number, style="invis", weight="20", minlen=gap)
        previous, gap = number, "2" if d.resources else "1"
        if d.resources:
            width = (options.wrap or 40) * 2
            heading = escape(word("resources", language))
            # a resource hangs from the pole it helps with; one for both, between the two
            for side, part, ends in (
                (Side.FIRST, RESOURCES_FIRST, (first,)),
                (Side.SECOND, RESOURCES_SECOND, (second,)),
                (Side.BOTH, RESOURCES, (first, second)),
            ):
                shown = [r for r in d.resources if r.supports is side]
                if not shown:
                    continue
                items = "".join(
                    f'<TR><TD ALIGN="LEFT">• {ctx.label(r, width)}</TD></TR>' for r in shown
                )
                name = node_name(i, part)
                graph.node(
                    name,
                    shape="note",
                    fontsize="10",
                    color=theme["line"],
                    label=html_label(
                        f'<TABLE BORDER="0" CELLSPACING="0"><TR><TD ALIGN="LEFT">'
                        f"<I>{heading}</I></TD></TR>{items}</TABLE>"
                    ),
                )
                for end in ends:
                    graph.edge(end, name, style="dotted", arrowhead="none")
    if options.legend and previous is not None:
        legend(graph, statuses(fw), previous, language, theme, notes=legend_notes(fw, ctx))
    return graph
