"""The figures as pure functions: a framework in, a :class:`graphviz.Digraph` out (no engine run).

- :func:`contradictions_figure`, like Figure 2 of the customer-relations paper: contradictions
  grouped by origin, the prescribed pole above the real pole, a double arrow between them.
- :func:`dilemmas_figure`: each dilemma's two poles side by side, its resources below.
- :func:`graph_figure`: tensions and the typed links between them.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Literal

import attrs
import graphviz

from referentiel.draw._labels import escape, html_label, html_lines
from referentiel.draw.style import FONT, LINE_STYLES, THEMES, Theme, text
from referentiel.model import (
    Contradiction,
    Dilemma,
    Evidence,
    Framework,
    Origin,
    Pole,
    Provenance,
    Side,
    Status,
    Tension,
)

__all__ = ["FIGURES", "Options", "contradictions_figure", "dilemmas_figure", "graph_figure"]

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
    #: Wrap labels at this many characters; None never wraps.
    wrap: int | None = 22
    #: "colour" or "bw" (black and white, for print).
    theme: str = attrs.field(default="colour", validator=attrs.validators.in_(tuple(THEMES)))
    #: Contradictions per row of the figure; a larger framework wraps onto several rows.
    columns: int = attrs.field(default=8, validator=attrs.validators.ge(1))
    #: Show the legend of line styles.
    legend: bool = True


def _language(fw: Framework, options: Options) -> str:
    return options.language or fw.language


@attrs.frozen
class _Context:
    """What every drawing helper needs: the options, the language and the theme's colours."""

    options: Options
    language: str
    theme: Theme
    #: The opening of the evidence line under a pole, and "excerpt" / "excerpts", escaped.
    evidence_font: str
    excerpt_words: tuple[str, str]

    @classmethod
    def of(cls, fw: Framework, options: Options | None) -> _Context:
        options = options or Options()
        language, theme = _language(fw, options), THEMES[options.theme]
        words = (escape(text("excerpt", language)), escape(text("excerpts", language)))
        font = f'<BR/><FONT POINT-SIZE="9" COLOR="{theme["count"]}">'
        return cls(options, language, theme, font, words)


@contextlib.contextmanager
def _subgraph(parent: graphviz.Digraph, name: str | None = None) -> Iterator[graphviz.Digraph]:
    """Yield a new subgraph, added to *parent* on leaving the ``with`` block.

    What ``parent.subgraph(name=...)`` does, in constant time: the graphviz package's context
    manager copies the parent's whole body to make the subgraph, so that building a figure
    of many clusters took time quadratic in its size.
    """
    child = graphviz.Digraph(name=name)
    yield child
    parent.subgraph(child)


def _status(own: Provenance | None, parent: Provenance) -> Status:
    return (own or parent).status


def _graph(fw: Framework, options: Options, name: str) -> graphviz.Digraph:
    # What most nodes and edges share is set once as defaults: the graphviz package quotes every
    # attribute of every node, and that quoting was most of the time of building a large figure.
    theme = THEMES[options.theme]
    language = _language(fw, options)
    title = html_lines(fw.title_in(language), 80)
    graph = graphviz.Digraph(name=name)
    graph.attr(
        "graph",
        newrank="true",
        label=html_label(f'<FONT POINT-SIZE="18">{title}</FONT>'),
        labelloc="t",
        fontname=FONT,
        nodesep="0.25",
        ranksep="0.3",
        outputorder="edgesfirst",
    )
    graph.attr(
        "node",
        fontname=FONT,
        fontsize="12",
        shape="box",
        style="rounded,filled",
        fillcolor=theme["fill"],
        color=theme["line"],
        margin="0.15,0.08",
    )
    graph.attr("edge", fontname=FONT, fontsize="10", color=theme["line"], arrowsize="0.7")
    return graph


def _supporting(evidence: Iterable[Evidence], side: Side) -> list[Evidence]:
    return [e for e in evidence if e.supports in (side, Side.BOTH)]


def _evidence_lines(tension: Tension, side: Side, ctx: _Context) -> str:
    options, language = ctx.options, ctx.language
    if options.evidence == "none":
        return ""
    if options.evidence == "count":
        count = sum(1 for e in tension.evidence if e.supports is side or e.supports is Side.BOTH)
        return f"{ctx.evidence_font}{count} {ctx.excerpt_words[count != 1]}</FONT>"
    support = _supporting(tension.evidence, side)  # "excerpts": the first one
    if not support:
        return ""
    first = support[0]
    quote = next((t for code, t in first.translations if code == language), first.quote)
    short = quote if len(quote) <= 90 else quote[:87].rstrip() + "…"
    who = f" ({first.speaker})" if first.speaker else ""
    body = html_lines(f"« {short} »{who}", (options.wrap or 40) + 8)
    return f"{ctx.evidence_font}<I>{body}</I></FONT>"


def _pole_style(status: Status) -> str:
    # attested poles are drawn solid: the graph's default style, with no line style added
    if status is Status.ATTESTED:
        return "rounded,filled"
    return f"rounded,filled,{LINE_STYLES[status]}"


def _pole_node(
    graph: graphviz.Digraph, name: str, pole: Pole, *, status: Status, extra: str, ctx: _Context
) -> None:
    label = html_label(html_lines(pole.label_in(ctx.language), ctx.options.wrap) + extra)
    if status is Status.ATTESTED:
        graph.node(name, label=label)
    else:
        graph.node(name, label=label, style=_pole_style(status))


def _number_defaults(graph: graphviz.Digraph, theme: Theme, colour: str | None = None) -> None:
    """Make *graph*'s nodes number discs, of *colour* if given (call on a subgraph of numbers)."""
    graph.attr(
        "node",
        shape="circle",
        style="filled",
        fillcolor=colour,
        fontcolor=theme["number_font"],
        color=colour,
        width="0.4",
        height="0.4",
        fixedsize="true",
        margin="0",
    )


def _number_label(number: int) -> str:
    return html_label(f"<B>{number}</B>")


def _double_arrow(
    graph: graphviz.Digraph, tail: str, head: str, status: Status, **extra: str
) -> None:
    if status is Status.ATTESTED:
        graph.edge(tail, head, dir="both", **extra)
    else:
        graph.edge(tail, head, dir="both", style=LINE_STYLES[status], **extra)


def _legend(
    graph: graphviz.Digraph, statuses: Sequence[Status], anchor: str, language: str, theme: Theme
) -> None:
    with _subgraph(graph, "cluster_legend") as legend:
        legend.attr(
            label=html_label(escape(text("legend", language))),
            style="rounded",
            color=theme["heading"],
            fontcolor=theme["heading"],
            fontsize="11",
        )
        names = []
        for status in statuses:
            name = f"legend_{status.value}"
            names.append(name)
            legend.node(
                name,
                label=html_label(escape(text(status.value, language))),
                shape="box",
                style=f"rounded,{LINE_STYLES[status]}",
                fontsize="10",
                color=theme["line"],
            )
        with _subgraph(legend) as row:
            row.attr(rank="same")
            for name in names:
                row.node(name)
        for left, right in itertools.pairwise(names):
            legend.edge(left, right, style="invis")
    graph.edge(anchor, names[0], style="invis")


def _statuses(fw: Framework) -> list[Status]:
    seen = {t.provenance.status for t in fw.tensions}
    seen |= {p.provenance.status for t in fw.tensions for p in t.poles if p.provenance}
    return [s for s in Status if s in seen]


_ORIGIN_ORDER: Final = (Origin.ORGANISATION, Origin.SITUATION, None)


def contradictions_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw the contradictions like Figure 2: by origin, prescribed above real, numbered.

    >>> import referentiel as ref
    >>> dot = contradictions_figure(ref.load("examples/customer-relations.yaml")).source
    >>> "Travail prescrit" in dot and "Insécurité constante" in dot
    True
    """
    ctx = _Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = _graph(fw, options, "contradictions")
    # Every edge of this figure is invisible but the arrows between poles, which clusters make
    # visible per provenance; clusters inherit these defaults (the title sets its own size).
    graph.attr("graph", fontsize="13")
    graph.attr("edge", style="invis", dir="both")
    ordered = sorted(
        enumerate(fw.contradictions),
        key=lambda item: (_ORIGIN_ORDER.index(item[1].origin), item[1].number, item[0]),
    )
    bands = [ordered[i : i + options.columns] for i in range(0, len(ordered), options.columns)]
    previous = _headings(graph, len(bands), language, theme)
    _numbers(graph, bands, theme)
    for b, band in enumerate(bands):
        for origin in _ORIGIN_ORDER:
            members = [(i, c) for i, c in band if c.origin is origin]
            if members:
                _origin_cluster(graph, b, origin, members, ctx)
    if options.legend and previous is not None:
        _legend(graph, _statuses(fw), previous, language, theme)
    return graph


def _headings(graph: graphviz.Digraph, count: int, language: str, theme: Theme) -> str | None:
    """Declare the row headings of *count* bands, in a column; return the last one's name.

    Each band has an empty heading on its numbers' rank, then "prescribed" and "real"; invisible
    edges stack them, each band under the last. Declared by kind, each kind with its defaults.
    """
    names = [(f"b{b}_numbers", f"b{b}_prescribed", f"b{b}_real") for b in range(count)]
    with _subgraph(graph) as headings:
        headings.attr("node", label="", shape="plaintext", width="0.1")
        for name, _, _ in names:
            headings.node(name)
        headings.attr("node", fontcolor=theme["heading"], fontsize="13", width="0.75")
        for row, key in ((1, "prescribed"), (2, "real")):
            label = html_label(escape(text(key, language)))
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
    with _subgraph(graph) as numbers:
        _number_defaults(numbers, theme)
        numbers.attr("edge", minlen="0", weight="0")
        current = None
        for b, band in enumerate(bands):
            for i, c in band:
                colour = theme.get(_origin_key(c.origin), theme["line"])
                if colour != current:
                    current = colour
                    numbers.attr("node", fillcolor=colour, color=colour)
                numbers.node(f"t{i}_n", label=_number_label(c.number))
            numbers.edges(itertools.pairwise((f"b{b}_numbers", *(f"t{i}_n" for i, _ in band))))


def _origin_key(origin: Origin | None) -> str:
    return origin.value if origin else "no-origin"


def _origin_cluster(
    graph: graphviz.Digraph,
    band: int,
    origin: Origin | None,
    members: list[tuple[int, Contradiction]],
    ctx: _Context,
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
        for side, suffix, pole in ((Side.PRESCRIBED, "p", c.prescribed), (Side.REAL, "r", c.real)):
            label = html_lines(pole.label_in(language), wrap) + _evidence_lines(c, side, ctx)
            status = _status(pole.provenance, c.provenance)
            poles[status].append((f"t{i}_{suffix}", html_label(label)))
        arrows[c.provenance.status].append((f"t{i}_p", f"t{i}_r"))
    with _subgraph(graph, f"cluster_b{band}_{key}") as cluster:
        cluster.attr(
            label=html_label(escape(text(key, language))),
            style="rounded",
            color=theme.get(f"{key}_border", theme["line"]),
            margin="12",
        )
        style = _pole_style(Status.ATTESTED)  # the graph's default
        for status, group in poles.items():
            if group:
                if _pole_style(status) != style:
                    style = _pole_style(status)
                    cluster.attr("node", style=style)
                for name, label in group:
                    cluster.node(name, label=label)
        cluster.edges((f"t{i}_n", f"t{i}_p") for i, _ in members)  # invisible: the default
        for status, group in arrows.items():
            if group:
                cluster.attr("edge", style=LINE_STYLES[status])
                cluster.edges(group)


def dilemmas_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw each dilemma as its two poles side by side, a double arrow, and its resources.

    >>> import referentiel as ref
    >>> "Acquis" in dilemmas_figure(ref.load("examples/kinesitherapy.yaml")).source
    True
    """
    ctx = _Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = _graph(fw, options, "dilemmas")
    previous, gap = None, "1"
    for i, d in enumerate(fw.tensions):
        if not isinstance(d, Dilemma):
            continue
        with _subgraph(graph) as numbers:
            _number_defaults(numbers, theme, theme["dilemma"])
            numbers.node(f"t{i}_n", label=_number_label(d.number))
        for pole, side, suffix in ((d.first, Side.FIRST, "a"), (d.second, Side.SECOND, "b")):
            _pole_node(
                graph,
                f"t{i}_{suffix}",
                pole,
                status=_status(pole.provenance, d.provenance),
                extra=_evidence_lines(d, side, ctx),
                ctx=ctx,
            )
        with _subgraph(graph) as row:
            row.attr(rank="same")
            for suffix in ("n", "a", "b"):
                row.node(f"t{i}_{suffix}")
        graph.edge(f"t{i}_n", f"t{i}_a", style="invis", minlen="1")
        _double_arrow(graph, f"t{i}_a", f"t{i}_b", d.provenance.status, minlen="3")
        if previous is not None:
            # one column of numbers: a heavy invisible edge keeps each row under the last
            graph.edge(previous, f"t{i}_n", style="invis", weight="20", minlen=gap)
        previous, gap = f"t{i}_n", "2" if d.resources else "1"
        if d.resources:
            width = (options.wrap or 40) * 2
            items = "".join(
                f'<TR><TD ALIGN="LEFT">• {html_lines(r.label_in(language), width)}</TD></TR>'
                for r in d.resources
            )
            heading = escape(text("resources", language))
            graph.node(
                f"t{i}_res",
                shape="note",
                fontsize="10",
                color=theme["line"],
                label=html_label(
                    f'<TABLE BORDER="0" CELLSPACING="0"><TR><TD ALIGN="LEFT">'
                    f"<I>{heading}</I></TD></TR>{items}</TABLE>"
                ),
            )
            graph.edge(f"t{i}_a", f"t{i}_res", style="dotted", arrowhead="none")
    if options.legend and previous is not None:
        _legend(graph, _statuses(fw), previous, language, theme)
    return graph


def graph_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw the tensions as nodes and the typed links between them as labelled edges.

    >>> import referentiel as ref
    >>> "découle de" in graph_figure(ref.load("examples/customer-relations.yaml")).source
    True
    """
    ctx = _Context.of(fw, options)
    options, language, theme = ctx.options, ctx.language, ctx.theme
    graph = _graph(fw, options, "links")
    graph.attr("graph", rankdir="LR")
    index = {t.id: i for i, t in enumerate(fw.tensions)}
    for i, t in enumerate(fw.tensions):
        a, b = (p.label_in(language) for p in t.poles)
        body = (
            f"<B>{t.number}</B><BR/>{html_lines(a, options.wrap)}<BR/>↕<BR/>"
            f"{html_lines(b, options.wrap)}"
        )
        graph.node(
            f"t{i}",
            label=html_label(body),
            shape="box",
            color=theme["line"],
            style=f"rounded,{LINE_STYLES[t.provenance.status]}",
        )
    for link in fw.links:
        if link.source in index and link.target in index:
            status = link.provenance.status if link.provenance else Status.ATTESTED
            graph.edge(
                f"t{index[link.source]}",
                f"t{index[link.target]}",
                label=html_label(escape(text(link.relation.value, language))),
                style=LINE_STYLES[status],
                color=theme["line"],
            )
    if options.legend and fw.tensions:
        _legend(graph, _statuses(fw), f"t{len(fw.tensions) - 1}", language, theme)
    return graph


#: The figures by name.
FIGURES: Final = {
    "contradictions": contradictions_figure,
    "dilemmas": dilemmas_figure,
    "graph": graph_figure,
}
