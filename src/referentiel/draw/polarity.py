"""The polarity-map figure: each dilemma as Barry Johnson draws a polarity, one map under another.

The classic map: the greater purpose on top and the deeper fear at the bottom; the two poles
side by side, their upsides above and their downsides below, the infinity loop (drawn as its
usual substitute, the sign ∞) between them; each pole's action steps beside its upsides and its
early warnings beside its downsides. A point not known as its dilemma is says how it is known
(« reconstruit », « illustratif »), and a pole so known has a dashed or dotted frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import graphviz

from referentiel.draw._labels import escape, html_label, html_lines
from referentiel.draw._layout import (
    Context,
    base_graph,
    bullet,
    legend,
    legend_notes,
    point_text,
    statuses,
)
from referentiel.draw.nodes import NUMBER, node_name
from referentiel.draw.options import Options
from referentiel.model import Dilemma, Framework, Point, Pole, Status
from referentiel.vocabulary import LINE_STYLES, POINT_WORDS, shown_label, word

__all__ = ["polarity_figure"]

#: Characters per line of a quadrant's points, and of the purpose and the fear.
_QUADRANT, _WIDE = 30, 90
#: A cell's style by the status of what it shows: solid, dashed, dotted.
_CELL: dict[Status, str] = {s: "" if s is Status.ATTESTED else LINE_STYLES[s] for s in Status}


def _points(points: Sequence[Point], parent: Status, ctx: Context) -> str:
    """Return the points as escaped lines, each marked with its status if not its parent's."""
    out = [bullet(point_text(point, parent, ctx)[0], _QUADRANT) for point in points]
    return '<BR ALIGN="LEFT"/>'.join(out) + ('<BR ALIGN="LEFT"/>' if out else "")


def _cell(heading: str, body: str, ctx: Context) -> str:
    attributes = ' ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"'
    heading_font = f'<FONT POINT-SIZE="9" COLOR="{ctx.theme["heading"]}"><I>{heading}</I></FONT>'
    return f"<TD{attributes}>{heading_font}<BR/>{body}</TD>"


def _pole_cell(pole: Pole, status: Status, ctx: Context) -> str:
    label = html_lines(shown_label(pole, ctx.language, ctx.source_language), _QUADRANT)
    style = f' STYLE="{_CELL[status]}"' if _CELL[status] else ""
    return f'<TD{style} CELLPADDING="8"><B>{label}</B></TD>'


def _wide(heading: str, point: Point | None, parent: Status, ctx: Context) -> str:
    if point is None:
        return ""
    text, own = point_text(point, parent, ctx)
    body = html_lines(text, _WIDE)
    style = f' STYLE="{_CELL[own]}"' if _CELL[own] else ""
    font = f'<FONT POINT-SIZE="9" COLOR="{ctx.theme["heading"]}"><I>{heading}</I></FONT>'
    return f'<TR><TD COLSPAN="5"{style}>{font}<BR/><B>{body}</B></TD></TR>'


def _map(d: Dilemma, ctx: Context) -> str:
    """Return the HTML-like table of one dilemma's map."""
    words = {field: escape(word(key, ctx.language)) for field, key in POINT_WORDS.items()}
    status = d.provenance.status
    pole_status = [(p.provenance or d.provenance).status for p in d.poles]
    left, right = d.poles
    upper = (
        _cell(words["action_steps"], _points(left.action_steps, status, ctx), ctx)
        + _cell(f"{words['upsides']} (+)", _points(left.upsides, status, ctx), ctx)
        + f'<TD ROWSPAN="3" BORDER="0" VALIGN="MIDDLE"><B>{d.number}</B><BR/>'
        '<FONT POINT-SIZE="34">∞</FONT></TD>'
        + _cell(f"{words['upsides']} (+)", _points(right.upsides, status, ctx), ctx)
        + _cell(words["action_steps"], _points(right.action_steps, status, ctx), ctx)
    )
    poles = (
        '<TD BORDER="0"></TD>'
        + _pole_cell(left, pole_status[0], ctx)
        + _pole_cell(right, pole_status[1], ctx)
        + '<TD BORDER="0"></TD>'
    )
    minus = f"{words['downsides']} (\N{MINUS SIGN})"
    lower = (
        _cell(words["early_warnings"], _points(left.early_warnings, status, ctx), ctx)
        + _cell(minus, _points(left.downsides, status, ctx), ctx)
        + _cell(minus, _points(right.downsides, status, ctx), ctx)
        + _cell(words["early_warnings"], _points(right.early_warnings, status, ctx), ctx)
    )
    frame = f' STYLE="rounded,{_CELL[status]}"' if _CELL[status] else ' STYLE="rounded"'
    return (
        f'<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="4" CELLPADDING="5"{frame}>'
        + _wide(words["greater_purpose"], d.greater_purpose, status, ctx)
        + f"<TR>{upper}</TR><TR>{poles}</TR><TR>{lower}</TR>"
        + _wide(words["deeper_fear"], d.deeper_fear, status, ctx)
        + "</TABLE>"
    )


def polarity_figure(fw: Framework, options: Options | None = None) -> graphviz.Digraph:
    """Draw each dilemma as a polarity map, the maps one under another.

    >>> import referentiel as ref
    >>> "∞" in polarity_figure(ref.load("examples/polarity-map.yaml")).source
    True
    """
    ctx = Context.of(fw, options)
    graph = base_graph(fw, ctx.options, "polarity")
    graph.attr("node", shape="plaintext", style="", margin="0")
    previous = None
    for i, tension in enumerate(fw.tensions):
        if not isinstance(tension, Dilemma):
            continue
        name = node_name(i, NUMBER)  # the whole map selects the whole dilemma
        graph.node(name, label=html_label(_map(tension, ctx)))
        if previous is not None:
            graph.edge(previous, name, style="invis")
        previous = name
    if ctx.options.legend and previous is not None:
        ring = word("legend-number", ctx.language)  # a map's number is not drawn in a ring
        notes = [note for note in legend_notes(fw, ctx) if note != ring]
        legend(graph, statuses(fw), previous, ctx.language, ctx.theme, notes=notes)
    return graph
