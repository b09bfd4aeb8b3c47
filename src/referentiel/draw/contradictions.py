"""The contradictions figure, like Figure 2 of the customer-relations paper.

Contradictions grouped by origin, each a column: its number, the prescribed pole above the real
pole, an arrow between them; rows named « Travail prescrit » and « Travail réel ».
"""

from __future__ import annotations

import itertools
from typing import Final

import graphviz

from referentiel.draw._labels import escape, html_label, html_lines
from referentiel.draw._layout import (
    Context,
    base_graph,
    evidence_lines,
    legend,
    legend_notes,
    number_defaults,
    number_label,
    pole_style,
    status_of,
    statuses,
    subgraph,
)
from referentiel.draw.nodes import NUMBER, node_name
from referentiel.draw.options import Options
from referentiel.model import Contradiction, Framework, Origin, Side, Status
from referentiel.vocabulary import LINE_STYLES, Theme, word

__all__ = ["contradictions_figure"]

#: The order of the groups, left to right (and of a paginated figure's pages).
ORIGIN_ORDER: Final = (Origin.ORGANISATION, Origin.SITUATION, None)


def figure_order(fw: Framework) -> list[tuple[int, Contradiction]]:
    """Return the contradictions as the figure places them: by origin, then number."""
    return sorted(
        ((i, t) for i, t in enumerate(fw.tensions) if isinstance(t, Contradiction)),
        key=lambda item: (ORIGIN_ORDER.index(item[1].origin), item[1].number, item[0]),
    )


def contradictions_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw the contradictions like Figure 2: by origin, prescribed above real, numbered.

    >>> import referentiel as ref
    >>> dot = contradictions_figure(ref.load("examples/customer-relations.yaml")).source
    >>> "Travail prescrit" in dot and "Insécurité constante" in dot
    True
    """
    ctx = Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = base_graph(fw, options, "contradictions")
    # Every edge of this figure is invisible but the arrows between poles, which clusters make
    # visible per provenance; clusters inherit these defaults (the title sets its own size).
    graph.attr("graph", fontsize="13")
    graph.attr("edge", style="invis", dir="both")
    ordered = figure_order(fw)
    bands = [ordered[i : i + options.columns] for i in range(0, len(ordered), options.columns)]
    previous = _headings(graph, len(bands), language, theme)
    _numbers(graph, bands, theme)
    headed: set[Origin | None] = set()
    for b, band in enumerate(bands):
        for origin in ORIGIN_ORDER:
            members = [(i, c) for i, c in band if c.origin is origin]
            if members:
                # the heading once, on the group's first row: its frame says the rest
                _origin_cluster(graph, b, origin, members, ctx, heading=origin not in headed)
                headed.add(origin)
    if options.legend and previous is not None:
        legend(graph, statuses(fw), previous, language, theme, notes=legend_notes(fw, ctx))
    return graph


def _headings(graph: graphviz.Digraph, count: int, language: str, theme: Theme) -> str | None:
    """Declare the row headings of *count* bands, in a column; return the last one's name.

    Each band has an empty heading on its numbers' rank, then "prescribed" and "real"; invisible
    edges stack them, each band under the last. Declared by kind, each kind with its defaults.
    """
    names = [(f"b{b}_numbers", f"b{b}_prescribed", f"b{b}_real") for b in range(count)]
    with subgraph(graph) as headings:
        headings.attr("node", label="", shape="plaintext", width="0.1")
        for name, _, _ in names:
            headings.node(name)
        headings.attr("node", fontcolor=theme["heading"], fontsize="13", width="0.75")
        for row, key in ((1, "prescribed"), (2, "real")):
            label = html_label(escape(word(key, language)))
            for heads in names:
                headings.node(heads[row], label=label)
    graph.edges(itertools.pairwise(name for heads in names for name in heads))
    return names[-1][2] if names else None


def _numbers(
    graph: graphviz.Digraph, bands: list[list[tuple[int, Contradiction]]], theme: Theme
) -> None:
    """Declare every number disc, in order: the order of the numbers decides the columns.

    A band's discs sit on the rank of its first heading through a chain of invisible edges of
    length 0 and weight 0 from that heading: between neighbours, they hold the rank without
    routing space or sideways pull. The prescribed and real rows follow from the number ->
    prescribed -> real edges. A disc joins its origin's cluster through the edge to its
    prescribed pole drawn in that cluster.
    """
    with subgraph(graph) as numbers:
        number_defaults(numbers, theme)
        numbers.attr("edge", minlen="0", weight="0")
        current = None
        for b, band in enumerate(bands):
            for i, c in band:
                # a number the source gives is a filled disc (the defaults, set when the colour
                # changes), an inferred one a dashed or dotted ring (its own attributes): one
                # graphviz call per disc, as before numbers had a status
                colour = theme.get(_origin_key(c.origin), theme["line"])
                if colour != current:
                    current = colour
                    numbers.attr("node", fillcolor=colour, color=colour)
                status = c.number_status
                if status is Status.ATTESTED:
                    numbers.node(node_name(i, NUMBER), label=number_label(c.number))
                else:
                    # unfilled, the fill colour does not show: the style and the digit's colour do
                    style, fontcolor = LINE_STYLES[status], colour
                    numbers.node(
                        node_name(i, NUMBER),
                        label=number_label(c.number),
                        style=style,
                        fontcolor=fontcolor,
                    )
            numbers.edges(
                itertools.pairwise((f"b{b}_numbers", *(node_name(i, NUMBER) for i, _ in band)))
            )


def _origin_key(origin: Origin | None) -> str:
    return origin.value if origin else "no-origin"


def _origin_cluster(
    graph: graphviz.Digraph,
    band: int,
    origin: Origin | None,
    members: list[tuple[int, Contradiction]],
    ctx: Context,
    *,
    heading: bool = True,
) -> None:
    language, theme, wrap = ctx.language, ctx.theme, ctx.options.wrap
    key = _origin_key(origin)
    # Nodes and edges take their line style from defaults set once per provenance, instead of
    # attributes on each, and without a subgraph per style: the graphviz package quotes every
    # attribute of every call and copies every subgraph's lines, and that was most of the time
    # of building a large figure. Declaring the poles grouped by style leaves the layout as it
    # was: the numbers, declared in order, decide the columns.
    poles: dict[Status, list[tuple[str, str]]] = {status: [] for status in Status}
    arrows: dict[Status, list[tuple[str, str]]] = {status: [] for status in Status}
    for i, c in members:
        for side, pole in ((Side.PRESCRIBED, c.prescribed), (Side.REAL, c.real)):
            label = ctx.label(pole, wrap) + evidence_lines(c, side, ctx)
            status = status_of(pole.provenance, c.provenance)
            poles[status].append((node_name(i, side), html_label(label)))
        arrows[c.provenance.status].append((node_name(i, Side.PRESCRIBED), node_name(i, Side.REAL)))
    # the grouping is as sure as its least sure member's origin
    grouping = max((c.origin_status for _, c in members), key=list(Status).index)
    title = html_lines(word(key, language), 56)  # the paper's long heading, on two lines
    style = "rounded"
    if origin is not None and grouping is not Status.ATTESTED:
        title += f"<BR/><I>({escape(word(f'grouping-{grouping.value}', language))})</I>"
        style += f",{LINE_STYLES[grouping]}"
    with subgraph(graph, f"cluster_b{band}_{key}") as cluster:
        cluster.attr(
            label=html_label(title) if heading else "",
            style=style,
            color=theme.get(f"{key}_border", theme["line"]),
            margin="12",
        )
        style = pole_style(Status.ATTESTED)  # the graph's default
        for status, group in poles.items():
            if group:
                if pole_style(status) != style:
                    style = pole_style(status)
                    cluster.attr("node", style=style)
                for name, label in group:
                    cluster.node(name, label=label)
        # invisible: the default
        cluster.edges((node_name(i, NUMBER), node_name(i, Side.PRESCRIBED)) for i, _ in members)
        for status, group in arrows.items():
            if group:
                cluster.attr("edge", style=LINE_STYLES[status])
                cluster.edges(group)
