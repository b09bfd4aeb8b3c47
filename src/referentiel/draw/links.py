"""The links figure: tensions, their poles and goals as nodes, the typed links between them.

A tension is one box, unless a link starts or ends at one of its poles: it is then drawn as
its two poles joined by its double arrow, in a frame that bears its number, so that an
evaporating cloud reads as one (the objective on the left, the needs, then the wants and their
conflict). Each link is an arrow labelled with its relation and the assumptions it carries;
symmetric relations (conflicts with, resembles) have no single direction.
"""

from __future__ import annotations

import graphviz

from referentiel.draw._labels import escape, html_label, html_lines
from referentiel.draw._layout import (
    Context,
    base_graph,
    bullet,
    description,
    double_arrow,
    legend,
    legend_notes,
    point_text,
    pole_node,
    status_of,
    statuses,
    subgraph,
)
from referentiel.draw.nodes import goal_name, node_name
from referentiel.draw.options import Options
from referentiel.model import Framework, Goal, GoalKind, Link, LinkKind, Side, Status, Tension
from referentiel.vocabulary import LINE_STYLES, shown_label, word

__all__ = ["graph_figure"]


def _assumptions(link: Link, ctx: Context) -> str:
    """Return the assumptions under a link as escaped lines, each marked if not attested."""
    if not link.assumptions:
        return ""
    parent = link.provenance.status if link.provenance else Status.ATTESTED
    lines = [f"<I>{escape(word('assumptions', ctx.language))}</I>"]
    lines += [bullet(point_text(point, parent, ctx)[0], 30) for point in link.assumptions]
    return '<BR/><FONT POINT-SIZE="9">' + "<BR/>".join(lines) + "</FONT>"


def _goal(graph: graphviz.Digraph, j: int, goal: Goal, ctx: Context) -> None:
    label = html_lines(shown_label(goal, ctx.language, ctx.source_language), ctx.options.wrap)
    kind = escape(word(f"goal-{goal.kind.value}", ctx.language))
    status = goal.provenance.status
    style = "rounded" if status is Status.ATTESTED else f"rounded,{LINE_STYLES[status]}"
    graph.node(
        goal_name(j),
        label=html_label(
            f'<FONT POINT-SIZE="9"><I>{kind}</I></FONT><BR/><B>{label}</B>'
            + description(goal.description, ctx)
        ),
        style=style,
        peripheries="2" if goal.kind is GoalKind.OBJECTIVE else "1",
    )


def _poles(graph: graphviz.Digraph, i: int, t: Tension, ctx: Context, *, arrow: bool) -> None:
    """Draw a tension as its two poles, in a frame bearing its number."""
    with subgraph(graph, f"cluster_t{i}") as frame:
        frame.attr(label=html_label(f"<B>{t.number}</B>"), style="rounded,dotted")
        for side, pole in zip(t.SIDES, t.poles, strict=True):
            status = status_of(pole.provenance, t.provenance)
            pole_node(frame, node_name(i, side), pole, status=status, extra="", ctx=ctx)
        if arrow:
            first, second = (node_name(i, side) for side in t.SIDES)
            double_arrow(frame, first, second, t.provenance.status, constraint="false")


def _box(graph: graphviz.Digraph, i: int, t: Tension, ctx: Context) -> None:
    """Draw a tension as one box: its number, its two poles."""
    a, b = (ctx.label(p, ctx.options.wrap) for p in t.poles)
    notes = description(t.notes, ctx)  # with the details option
    graph.node(
        node_name(i),
        label=html_label(f"<B>{t.number}</B><BR/>{a}<BR/>↕<BR/>{b}{notes}"),
        shape="box",
        color=ctx.theme["line"],
        style=f"rounded,{LINE_STYLES[t.provenance.status]}",
    )


def _direction(relation: LinkKind) -> dict[str, str]:
    """Return how an arrow of *relation* points; a symmetric one ranks neither end first."""
    if relation is LinkKind.CONFLICTS_WITH:
        return {"dir": "both", "constraint": "false"}
    if relation.symmetric:
        return {"dir": "none", "constraint": "false"}
    return {}


def graph_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw tensions (or their poles) and goals as nodes, the typed links as labelled edges.

    >>> import attrs, referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> link = ref.Link(source="c1", target="c2", relation=ref.LinkKind.DERIVES_FROM)
    >>> "découle de" in graph_figure(attrs.evolve(fw, links=(link,))).source
    True
    """
    ctx = Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = base_graph(fw, options, "links")
    graph.attr("graph", rankdir="LR")
    index = {t.id: i for i, t in enumerate(fw.tensions)}
    goals = {g.id: j for j, g in enumerate(fw.goals)}
    split = {
        element
        for link in fw.links
        for element, side in ((link.source, link.source_pole), (link.target, link.target_pole))
        if side is not None
    }
    # a link between a tension's own two poles replaces the double arrow that joins them
    joined = {k.source for k in fw.links if k.source == k.target and k.source_pole}
    if split:
        graph.attr("graph", compound="true")
    for i, t in enumerate(fw.tensions):
        if t.id in split:
            _poles(graph, i, t, ctx, arrow=t.id not in joined)
        else:
            _box(graph, i, t, ctx)
    for j, goal in enumerate(fw.goals):
        _goal(graph, j, goal, ctx)

    def end(element: str, side: Side | None) -> tuple[str, dict[str, str]] | None:
        if element in goals:
            return goal_name(goals[element]), {}
        if element not in index:
            return None
        i = index[element]
        if side is not None:
            return (node_name(i, side), {}) if side in fw.tensions[i].SIDES else None
        if element in split:  # the whole tension, drawn as its poles: the arrow meets the frame
            return node_name(i, fw.tensions[i].SIDES[0]), {"cluster": f"cluster_t{i}"}
        return node_name(i), {}

    for link in fw.links:
        tail, head = end(link.source, link.source_pole), end(link.target, link.target_pole)
        if tail is None or head is None:
            continue
        status = link.provenance.status if link.provenance else Status.ATTESTED
        clip = {}
        if "cluster" in tail[1]:
            clip["ltail"] = tail[1]["cluster"]
        if "cluster" in head[1]:
            clip["lhead"] = head[1]["cluster"]
        relation = escape(word(link.relation.value, language))
        graph.edge(
            tail[0],
            head[0],
            label=html_label(relation + _assumptions(link, ctx)),
            style=LINE_STYLES[status],
            color=theme["line"],
            **_direction(link.relation),
            **clip,
        )
    anchor = None
    if fw.tensions:
        last = len(fw.tensions) - 1
        t = fw.tensions[last]
        anchor = node_name(last, t.SIDES[0]) if t.id in split else node_name(last)
    elif fw.goals:
        anchor = goal_name(len(fw.goals) - 1)
    if options.legend and anchor is not None:
        legend(graph, statuses(fw), anchor, language, theme, notes=legend_notes(fw, ctx))
    return graph
