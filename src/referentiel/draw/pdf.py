"""PDF from the embedded engine's layout: vector drawing, fonts embedded, text selectable.

Graphviz lays a figure out and describes its drawing as xdot operations (``-Tjson``): pen and
fill colours, line styles, polygons, Bézier curves, ellipses, fonts and text. This module draws
those operations on PDF pages with reportlab (BSD licence, pure-Python wheels on every platform),
in the fonts the package ships (:mod:`referentiel.draw._metrics`), embedded as subsets. Text
stays text: a reader selects, searches and copies it. Hebrew and Arabic go right to left, in
the order :mod:`referentiel.draw._bidi` gives, Arabic joined by HarfBuzz. A figure is one page
of its own size, or, with a page size, scaled to fit each page within its margins.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from referentiel.draw._bidi import has_rtl, visual_runs
from referentiel.draw._metrics import Style, font_for, split_runs

__all__ = ["MARGIN", "PdfWriter", "pdf_document"]

#: The margin around a figure on a page of a given size, in points (1 cm).
MARGIN: Final = 28.35
#: The space Graphviz leaves around a drawing (its ``pad``: 4 points).
PAD: Final = 4.0
#: The keys of an object's drawing operations, in the order Graphviz draws them.
_DRAW_KEYS: Final = ("_draw_", "_ldraw_", "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_")
#: CJK text has no shipped font: a standard PDF CJK font that viewers supply draws it.
_CJK_FONT: Final = "HeiseiKakuGo-W5"
_DASHES: Final = {"dashed": (5, 2), "dotted": (1, 5)}


@functools.cache
def _colour(value: str) -> tuple[float, float, float, float] | None:
    """Return an RGBA colour from Graphviz's ``#rrggbb[aa]`` or name; None: transparent."""
    from reportlab.lib import colors  # noqa: PLC0415 - with the PDF writer

    if value in ("transparent", "none", ""):
        return None
    if value.startswith("#") and len(value) in (7, 9):
        channels = [int(value[i : i + 2], 16) / 255 for i in range(1, len(value), 2)]
        alpha = channels[3] if len(channels) == 4 else 1.0
        return (channels[0], channels[1], channels[2], alpha)
    try:
        found = colors.toColor(value)
    except ValueError:  # a colour name reportlab does not know: drawn black
        return (0.0, 0.0, 0.0, 1.0)
    return (found.red, found.green, found.blue, 1.0)


class _Painter:
    """Draws xdot operations on a reportlab canvas, keeping Graphviz's drawing state."""

    def __init__(self, canvas: Any) -> None:  # noqa: ANN401 - reportlab's Canvas
        self.canvas = canvas
        self.pen: tuple[float, float, float, float] | None = (0, 0, 0, 1)
        self.fill: tuple[float, float, float, float] | None = (0, 0, 0, 1)
        self.font = ("Helvetica", 14.0)
        self.style = (False, False)
        self.invisible = False
        # the line as xdot asks for it, and as the PDF has it: set only when they differ
        self.line: tuple[float, tuple[float, ...]] = (1.0, ())
        self.drawn_line: tuple[float, tuple[float, ...]] | None = None
        self.colours: dict[bool, tuple[float, float, float, float] | None] = {}
        self.text: Any = None
        self.text_colour: tuple[float, float, float, float] | None = None
        self.text_font: tuple[str, float] | None = None
        self.reset_line()

    def reset_line(self) -> None:
        """Start a new list of operations: xdot's style and font flags last within one."""
        self.line = (1.0, ())
        self.invisible = False
        self.style = (False, False)

    def _apply_line(self) -> None:
        if self.line != self.drawn_line:
            width, dash = self.line
            self.canvas.setLineWidth(width)
            self.canvas.setDash(*dash) if dash else self.canvas.setDash()
            self.drawn_line = self.line

    def operations(self, ops: Iterable[Mapping[str, Any]]) -> None:
        for op in ops:
            getattr(self, f"op_{op['op']}", self.op_unknown)(op)

    def op_unknown(self, op: Mapping[str, Any]) -> None:
        """Ignore what a figure never draws (images, gradients)."""

    def op_c(self, op: Mapping[str, Any]) -> None:
        self.pen = _colour(op["color"])

    def op_C(self, op: Mapping[str, Any]) -> None:  # noqa: N802 - xdot's operation names
        self.fill = _colour(op["color"])

    def op_S(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        style: str = op["style"]
        if style.startswith("setlinewidth("):
            self.line = (float(style[len("setlinewidth(") : -1]), self.line[1])
        elif style in _DASHES:
            self.line = (self.line[0], _DASHES[style])
        elif style == "solid":
            self.line = (self.line[0], ())
        elif style == "bold":
            self.line = (2.0, self.line[1])
        elif style == "invis":
            self.invisible = True

    def op_F(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        self.font = (op["face"], float(op["size"]))

    def op_t(self, op: Mapping[str, Any]) -> None:
        flags = int(op["fontchar"])
        self.style = (bool(flags & 1), bool(flags & 2))

    def _set(self, colour: tuple[float, float, float, float], *, stroke: bool) -> None:
        if self.colours.get(stroke) == colour:
            return
        self.colours[stroke] = colour
        red, green, blue, alpha = colour
        if stroke:
            self.canvas.setStrokeColorRGB(red, green, blue, alpha)
        else:
            self.canvas.setFillColorRGB(red, green, blue, alpha)

    def _path(self, points: Sequence[Sequence[float]], *, curve: bool, close: bool) -> Any:  # noqa: ANN401
        path = self.canvas.beginPath()
        path.moveTo(*points[0])
        if curve:
            for i in range(1, len(points) - 2, 3):
                path.curveTo(*points[i], *points[i + 1], *points[i + 2])
        else:
            for point in points[1:]:
                path.lineTo(*point)
        if close:
            path.close()
        return path

    def _draw(self, path: Any, *, filled: bool) -> None:  # noqa: ANN401 - reportlab's path
        if self.invisible:
            return
        fill = filled and self.fill is not None
        stroke = self.pen is not None
        if fill:
            self._set(self.fill, stroke=False)  # type: ignore[arg-type]  # checked above
        if stroke:
            self._set(self.pen, stroke=True)  # type: ignore[arg-type]  # checked above
        if stroke:
            self._apply_line()
        if fill or stroke:
            self.canvas.drawPath(path, stroke=int(stroke), fill=int(fill))

    def op_P(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        self._draw(self._path(op["points"], curve=False, close=True), filled=True)

    def op_p(self, op: Mapping[str, Any]) -> None:
        self._draw(self._path(op["points"], curve=False, close=True), filled=False)

    def op_L(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        self._draw(self._path(op["points"], curve=False, close=False), filled=False)

    def op_B(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        self._draw(self._path(op["points"], curve=True, close=False), filled=False)

    def op_b(self, op: Mapping[str, Any]) -> None:
        self._draw(self._path(op["points"], curve=True, close=True), filled=True)

    def _ellipse(self, op: Mapping[str, Any], *, filled: bool) -> None:
        x, y, rx, ry = op["rect"]
        path = self.canvas.beginPath()
        path.ellipse(x - rx, y - ry, 2 * rx, 2 * ry)
        self._draw(path, filled=filled)

    def op_E(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        self._ellipse(op, filled=True)

    def op_e(self, op: Mapping[str, Any]) -> None:
        self._ellipse(op, filled=False)

    def op_T(self, op: Mapping[str, Any]) -> None:  # noqa: N802
        from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
        from reportlab.pdfbase.ttfonts import ShapedStr  # noqa: PLC0415

        text: str = op["text"]
        if self.invisible or not text or self.pen is None:
            return
        size = self.font[1]
        runs = _drawn_runs(text, self.style, size)
        width = sum(
            _shaped_width(part, size)
            if isinstance(part, ShapedStr)
            else pdfmetrics.stringWidth(part, name, size)
            for name, part in runs
        )
        x, y = op["pt"]
        align = op.get("align", "c")
        if align == "c":
            x -= width / 2
        elif align == "r":
            x -= width
        # every text of a page goes into one text object, drawn over the shapes (no shape of a
        # figure covers text): far fewer PDF operators than a text object per string
        text_object = self.text_object()
        if self.text_colour != self.pen:
            red, green, blue, alpha = self.pen
            text_object.setFillColorRGB(red, green, blue, alpha)
            self.text_colour = self.pen
        text_object.setTextOrigin(x, y)
        for name, part in runs:
            if (name, size) != self.text_font:
                text_object.setFont(name, size)
                self.text_font = (name, size)
            text_object.textOut(part)

    def text_object(self) -> Any:  # noqa: ANN401 - reportlab's PDFTextObject
        """Return the page's text object, begun on first use."""
        if self.text is None:
            self.text = self.canvas.beginText()
        return self.text

    def finish(self) -> None:
        """Draw the page's text, over its shapes."""
        if self.text is not None:
            self.canvas.drawText(self.text)
            self.text = None


def _drawn_runs(text: str, style: Style, size: float) -> list[tuple[str, str]]:
    """Return *text* as (font, text) runs in the order they are drawn, left to right.

    Hebrew and Arabic runs are shaped by HarfBuzz (through reportlab): their glyphs come right
    to left, Arabic letters joined; a line that mixes directions is ordered as UAX #9 says.
    """
    if text.isascii() or max(text) <= "\u00ff" or not has_rtl(text):
        return [(name or _cjk_font(), part) for name, part in split_runs(text, style)]
    from reportlab.pdfbase.ttfonts import shapeStr  # noqa: PLC0415

    drawn: list[tuple[str, str]] = []
    for part, rtl in visual_runs(text):
        pieces = [(name or _cjk_font(), piece) for name, piece in split_runs(part, style)]
        if rtl:
            drawn += [(name, shapeStr(piece, name, size)) for name, piece in reversed(pieces)]
        else:
            drawn += pieces
    return drawn


def _shaped_width(text: Any, size: float) -> float:  # noqa: ANN401 - reportlab's ShapedStr
    """Return the width of text shaped by HarfBuzz: its glyphs' advances."""
    return float(sum(glyph.x_advance for glyph in text.__shapeData__)) * size / 1000


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415

    if _CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_CJK_FONT))
    return _CJK_FONT


def _bounds(layout: Mapping[str, Any]) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(v) for v in str(layout["bb"]).split(","))
    return left, bottom, right, top


class PdfWriter:
    """Writes a PDF a page at a time: :meth:`add` a layout, :meth:`close` for the bytes.

    Without *page_size*, each page is its figure's size; with it, each figure is scaled down
    (never up) to fit the page within :data:`MARGIN`, centred at the top; *numbers* writes
    each page's number and the total (``2/5``) at its foot, the total as a form defined when
    the document is closed, so that pages are written before their count is known. The output
    is the same for the same layouts (no date, no random identifier).
    """

    def __init__(
        self,
        *,
        page_size: tuple[float, float] | None = None,
        title: str = "",
        language: str | None = None,
        numbers: bool = False,
    ) -> None:
        from reportlab.pdfgen import canvas as pdf_canvas  # noqa: PLC0415 - the PDF writer

        self.buffer = io.BytesIO()
        # the canvas starts in a font of its own: one of ours, so that every font is embedded
        self.font = font_for("A", (False, False)) or "Helvetica"  # the shipped font has "A"
        self.canvas = pdf_canvas.Canvas(
            self.buffer,
            invariant=1,
            pageCompression=1,
            lang=language,
            initialFontName=self.font,  # type: ignore[arg-type]  # types-reportlab: a name
        )
        self.canvas.setTitle(title)
        self.canvas.setCreator("referentiel")
        self.page_size = page_size
        self.numbers = numbers and page_size is not None
        self.pages = 0

    def add(self, layout: Mapping[str, Any]) -> None:
        """Draw one layout (Graphviz ``-Tjson`` data) on a new page."""
        canvas, page_size = self.canvas, self.page_size
        left, bottom, right, top = _bounds(layout)
        width, height = right - left, top - bottom
        if page_size is None:  # the figure's size, with Graphviz's pad around, as in its SVG
            canvas.setPageSize((width + 2 * PAD, height + 2 * PAD))
            canvas.translate(PAD - left, PAD - bottom)
        else:
            page_width, page_height = page_size
            canvas.setPageSize(page_size)
            scale = min(1.0, (page_width - 2 * MARGIN) / width, (page_height - 2 * MARGIN) / height)
            canvas.saveState()
            canvas.translate(
                (page_width - width * scale) / 2, page_height - MARGIN - height * scale
            )
            canvas.scale(scale, scale)
            canvas.translate(-left, -bottom)
        painter = _Painter(canvas)
        for key in _DRAW_KEYS:
            painter.operations(layout.get(key, ()))
            painter.reset_line()
        for item in (*layout.get("objects", ()), *layout.get("edges", ())):
            for key in _DRAW_KEYS:
                painter.operations(item.get(key, ()))
                painter.reset_line()
        painter.finish()
        self.pages += 1
        if page_size is not None:
            canvas.restoreState()
            if self.numbers:  # after the figure, so that its text reads first
                canvas.setFillColorRGB(0.33, 0.33, 0.33)
                canvas.setFont(self.font, 9)
                canvas.drawRightString(page_size[0] / 2, MARGIN / 2, f"{self.pages}/")
                canvas.doForm("total")  # drawn from the page's centre on, once it is known
        canvas.showPage()

    def close(self) -> bytes:
        """Finish the document and return it."""
        if self.numbers and self.page_size is not None:
            self.canvas.beginForm("total")
            self.canvas.setFillColorRGB(0.33, 0.33, 0.33)
            self.canvas.setFont(self.font, 9)
            self.canvas.drawString(self.page_size[0] / 2, MARGIN / 2, str(self.pages))
            self.canvas.endForm()
        self.canvas.save()
        return self.buffer.getvalue()


def pdf_document(
    layouts: Sequence[Mapping[str, Any]],
    *,
    page_size: tuple[float, float] | None = None,
    title: str = "",
    language: str | None = None,
    numbers: bool = False,
) -> bytes:
    """Return a PDF with one page per layout (Graphviz ``-Tjson`` data): see :class:`PdfWriter`."""
    writer = PdfWriter(page_size=page_size, title=title, language=language, numbers=numbers)
    for layout in layouts:
        writer.add(layout)
    return writer.close()
