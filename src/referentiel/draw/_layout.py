"""What the figures share: the graph's defaults, subgraphs, pole nodes, number discs, the legend.

Every figure kind (:mod:`~referentiel.draw.contradictions`, :mod:`~referentiel.draw.dilemmas`,
:mod:`~referentiel.draw.links`) builds on these; none of them runs an engine.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator, Sequence

import attrs
import graphviz

from referentiel.draw._labels import escape, html_label, html_lines
from referentiel.draw.options import Options
from referentiel.draw.style import FONT
from referentiel.model import (
    Evidence,
    Framework,
    Point,
    Pole,
    Provenance,
    Resource,
    Side,
    Status,
    Tension,
)
from referentiel.vocabulary import LINE_STYLES, THEMES, Theme, shown_label, word

__all__ = [
    "Context",
    "base_graph",
    "bullet",
    "description",
    "double_arrow",
    "evidence_lines",
    "legend",
    "legend_notes",
    "number_defaults",
    "number_label",
    "number_style",
    "point_text",
    "pole_node",
    "pole_style",
    "status_of",
    "statuses",
    "subgraph",
]


def language_of(fw: Framework, options: Options) -> str:
    """Return the language of a figure: the options', else the framework's."""
    return options.language or fw.language


@attrs.frozen
class Context:
    """What every drawing helper needs: the options, the language and the theme's colours."""

    options: Options
    language: str
    theme: Theme
    #: The opening of the evidence line under a pole, and "excerpt" / "excerpts", escaped.
    evidence_font: str
    excerpt_words: tuple[str, str]
    #: The framework's own language: labels in another are translations, or marked untranslated.
    source_language: str

    @classmethod
    def of(cls, fw: Framework, options: Options | None) -> Context:
        options = options or Options()
        language, theme = language_of(fw, options), THEMES[options.theme]
        words = (escape(word("excerpt", language)), escape(word("excerpts", language)))
        font = f'<BR/><FONT POINT-SIZE="9" COLOR="{theme["count"]}">'
        return cls(options, language, theme, font, words, fw.language)

    @property
    def translating(self) -> bool:
        """Whether labels are shown in another language than the framework's."""
        return self.language != self.source_language

    def label(self, pole: Pole | Resource, width: int | None) -> str:
        """Return a label as escaped HTML lines, marked ``[fr]`` where left untranslated."""
        return html_lines(shown_label(pole, self.language, self.source_language), width)


@contextlib.contextmanager
def subgraph(parent: graphviz.Digraph, name: str | None = None) -> Iterator[graphviz.Digraph]:
    """Yield a new subgraph, added to *parent* on leaving the ``with`` block.

    What ``parent.subgraph(name=...)`` does, in constant time: the graphviz package's context
    manager copies the parent's whole body to make the subgraph, so that building a figure
    of many clusters took time quadratic in its size.
    """
    child = graphviz.Digraph(name=name)
    yield child
    parent.subgraph(child)


def status_of(own: Provenance | None, parent: Provenance) -> Status:
    """Return the status of an element: its own provenance's, else its parent's."""
    return (own or parent).status


def base_graph(fw: Framework, options: Options, name: str) -> graphviz.Digraph:
    """Return a new graph with the title and the defaults every figure shares."""
    # What most nodes and edges share is set once as defaults: the graphviz package quotes every
    # attribute of every node, and that quoting was most of the time of building a large figure.
    theme = THEMES[options.theme]
    language = language_of(fw, options)
    title = html_lines(fw.title_in(language), 80)
    if options.page_label:
        title += f'<FONT POINT-SIZE="12">  ({escape(options.page_label)})</FONT>'
    graph = graphviz.Digraph(name=name)
    graph.attr(
        "graph",
        newrank="true",
        # an empty title (or translation of it) leaves an empty label: see html_label
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


def supporting(evidence: Iterable[Evidence], side: Side) -> list[Evidence]:
    """Return the excerpts that support *side* (or both poles)."""
    return [e for e in evidence if e.supports in (side, Side.BOTH)]


def evidence_lines(tension: Tension, side: Side, ctx: Context) -> str:
    """Return the line under a pole: its excerpt count, its first excerpt, or nothing."""
    options, language = ctx.options, ctx.language
    if options.evidence == "none":
        return ""
    if options.evidence == "count":
        # one pass: the excerpts of this pole, and apart those whose tie a source does not state
        count, inferred = 0, dict.fromkeys((Status.RECONSTRUCTED, Status.ILLUSTRATIVE), 0)
        for e in tension.evidence:
            if e.supports is side or e.supports is Side.BOTH:
                count += 1
                if e.provenance is not None and e.provenance.status is not Status.ATTESTED:
                    inferred[e.provenance.status] += 1
        text = f"{count} {ctx.excerpt_words[count != 1]}"
        for status, n in inferred.items():
            if n:
                key = f"{'tie' if n == 1 else 'ties'}-{status.value}"
                text += f" ({n} {escape(word(key, language))})"
        return f"{ctx.evidence_font}{text}</FONT>"
    support = supporting(tension.evidence, side)  # "excerpts": the first one
    if not support:
        return ""
    first = support[0]
    quote, translated = first.quote_in(language)
    short = quote if len(quote) <= 90 else quote[:87].rstrip() + "…"
    who = f" ({first.speaker})" if first.speaker else ""
    if translated:  # a translation is never shown as the verbatim
        who += f" [{word('translation-mark', language)}]"
    body = html_lines(f"« {short} »{who}", (options.wrap or 40) + 8)
    return f"{ctx.evidence_font}<I>{body}</I></FONT>"


def pole_style(status: Status) -> str:
    """Return the node style of a pole of *status*."""
    # attested poles are drawn solid: the graph's default style, with no line style added
    if status is Status.ATTESTED:
        return "rounded,filled"
    return f"rounded,filled,{LINE_STYLES[status]}"


def pole_node(
    graph: graphviz.Digraph, name: str, pole: Pole, *, status: Status, extra: str, ctx: Context
) -> None:
    """Add a pole's node, its label wrapped, *extra* (escaped HTML) below it.

    With the ``details`` option, the pole's description comes under its label.
    """
    label = html_label(
        ctx.label(pole, ctx.options.wrap) + description(pole.description, ctx) + extra
    )
    if status is Status.ATTESTED:
        graph.node(name, label=label)
    else:
        graph.node(name, label=label, style=pole_style(status))


def description(text: str | None, ctx: Context) -> str:
    """Return *text* as small italic lines under a label, if the ``details`` option asks."""
    if not (ctx.options.details and text):
        return ""
    lines = html_lines(text, (ctx.options.wrap or 40) + 8)
    return f'<BR/><FONT POINT-SIZE="9" COLOR="{ctx.theme["count"]}"><I>{lines}</I></FONT>'


def point_text(point: Point, parent: Status, ctx: Context) -> tuple[str, Status]:
    """Return a point's label (translated or marked untranslated) and its status.

    A point known otherwise than what it is about (*parent*) says so after its label:
    « (reconstruit) », « (illustratif) ».
    """
    text = shown_label(point, ctx.language, ctx.source_language)
    own = point.provenance.status if point.provenance else parent
    if own is not parent:
        text = f"{text} ({word(f'mark-{own.value}', ctx.language)})"
    return text, own


def bullet(text: str, width: int) -> str:
    """Return *text* as an escaped bulleted item, wrapped at *width*, its next lines indented."""
    return "• " + html_lines(text, width).replace("<BR/>", "<BR/>  ")


def number_defaults(graph: graphviz.Digraph, theme: Theme, colour: str | None = None) -> None:
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


def number_style(status: Status, colour: str, theme: Theme) -> dict[str, str]:
    """Return the attributes of a number disc: filled when attested, a dashed ring otherwise."""
    if status is Status.ATTESTED:
        return {
            "style": "filled",
            "fillcolor": colour,
            "color": colour,
            "fontcolor": theme["number_font"],
        }
    return {
        "style": LINE_STYLES[status],
        "fillcolor": theme["fill"],
        "color": colour,
        "fontcolor": colour,
    }


def number_label(number: int) -> str:
    """Return the label of a number disc."""
    return html_label(f"<B>{number}</B>")


def double_arrow(
    graph: graphviz.Digraph, tail: str, head: str, status: Status, **extra: str
) -> None:
    """Join two poles by an arrow drawn in the line style of *status*."""
    if status is Status.ATTESTED:
        graph.edge(tail, head, dir="both", **extra)
    else:
        graph.edge(tail, head, dir="both", style=LINE_STYLES[status], **extra)


def legend(
    graph: graphviz.Digraph,
    shown: Sequence[Status],
    anchor: str,
    language: str,
    theme: Theme,
    *,
    notes: Sequence[str] = (),
) -> None:
    """Add the legend of line styles for the *shown* statuses, and *notes*, below *anchor*."""
    if not shown:
        return
    with subgraph(graph, "cluster_legend") as box:
        box.attr(
            label=html_label(escape(word("legend", language))),
            style="rounded",
            color=theme["heading"],
            fontcolor=theme["heading"],
            fontsize="11",
        )
        names = []
        for status in shown:
            name = f"legend_{status.value}"
            names.append(name)
            box.node(
                name,
                label=html_label(escape(word(status.value, language))),
                shape="box",
                style=f"rounded,{LINE_STYLES[status]}",
                fontsize="10",
                color=theme["line"],
            )
        with subgraph(box) as row:
            row.attr(rank="same")
            for name in names:
                row.node(name)
        for left, right in itertools.pairwise(names):
            box.edge(left, right, style="invis")
        if notes:
            rows = "".join(f'<TR><TD ALIGN="LEFT">{escape(note)}</TD></TR>' for note in notes)
            box.node(
                "legend_notes",
                label=html_label(f'<TABLE BORDER="0" CELLSPACING="0">{rows}</TABLE>'),
                shape="plaintext",
                fontsize="10",
                fontcolor=theme["heading"],
            )
            box.edge(names[0], "legend_notes", style="invis")
    graph.edge(anchor, names[0], style="invis")


def legend_notes(fw: Framework, ctx: Context) -> list[str]:
    """Return the legend's notes on claims: inferred numbers, groupings, ties, translations."""
    language = ctx.language
    notes = []
    if any(t.number_status is not Status.ATTESTED for t in fw.tensions):
        notes.append(word("legend-number", language))
    if any(c.origin_status is not Status.ATTESTED and c.origin for c in fw.contradictions):
        notes.append(word("legend-grouping", language))
    if ctx.options.evidence == "count" and any(
        e.tie_status is not Status.ATTESTED for t in fw.tensions for e in t.evidence
    ):
        notes.append(word("legend-tie", language))
    if ctx.translating:
        notes.append(
            word("legend-translation", language).format(source=ctx.source_language, target=language)
        )
    return notes


def statuses(fw: Framework) -> list[Status]:
    """Return the provenance statuses drawn in a figure of *fw*, in the legend's order."""
    seen = {t.provenance.status for t in fw.tensions} | {g.provenance.status for g in fw.goals}
    seen |= {p.provenance.status for t in fw.tensions for p in t.poles if p.provenance}
    return [s for s in Status if s in seen]
