"""The links figure: the tensions as nodes, the typed links between them as labelled edges."""

from __future__ import annotations

import graphviz

from referentiel.draw._labels import escape, html_label
from referentiel.draw._layout import Context, base_graph, legend, legend_notes, statuses
from referentiel.draw.nodes import node_name
from referentiel.draw.options import Options
from referentiel.model import Framework, Status
from referentiel.vocabulary import LINE_STYLES, word

__all__ = ["graph_figure"]


def graph_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw the tensions as nodes and the typed links between them as labelled edges.

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
    for i, t in enumerate(fw.tensions):
        a, b = (ctx.label(p, options.wrap) for p in t.poles)
        body = f"<B>{t.number}</B><BR/>{a}<BR/>↕<BR/>{b}"
        graph.node(
            node_name(i),
            label=html_label(body),
            shape="box",
            color=theme["line"],
            style=f"rounded,{LINE_STYLES[t.provenance.status]}",
        )
    for link in fw.links:
        if link.source in index and link.target in index:
            status = link.provenance.status if link.provenance else Status.ATTESTED
            graph.edge(
                node_name(index[link.source]),
                node_name(index[link.target]),
                label=html_label(escape(word(link.relation.value, language))),
                style=LINE_STYLES[status],
                color=theme["line"],
            )
    if options.legend and fw.tensions:
        anchor = node_name(len(fw.tensions) - 1)
        legend(graph, statuses(fw), anchor, language, theme, notes=legend_notes(fw, ctx))
    return graph
