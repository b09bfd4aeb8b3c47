"""Figures on pages: a framework split into pages that fit A4, A3 or letter, each laid out alone.

``render_pages(framework, "fig.pdf", page="A4")`` writes a multi-page PDF; with an SVG, PNG, JSON
or DOT path it writes numbered files (``fig-01.svg``, ``fig-02.svg`` ...). Every page is a whole
figure of the same kind, drawn from the tensions it holds: its title (with the page's number),
its group headings and its legend repeat on each page. A page keeps whole, where it can, what the
figure groups: the contradictions of one origin, each dilemma with its resources, each polarity
map, the tensions and goals that links join. A page holds as many tensions as fit at a scale of
at least :data:`MIN_SCALE`; the contradictions figure takes as many columns as the page's width
allows. Each page is laid out on its own, so that the time grows with the framework's size.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from referentiel._output import STDIO, check_output, write_output
from referentiel.draw.engine import (
    Engine,
    Running,
    check_format,
    output_for,
    run_engine,
    start_engine,
)
from referentiel.draw.kinds import FIGURES, FigureKind, check_fits, default_figure
from referentiel.draw.options import EvidenceDisplay, Options
from referentiel.draw.paper import PAGE_SIZES, page_size
from referentiel.errors import UnsupportedFormatError
from referentiel.model import Contradiction, Framework, Tension

__all__ = [
    "MIN_SCALE",
    "PAGE_SIZES",
    "PageLayout",
    "Written",
    "page_size",
    "paginate",
    "render_pages",
]

#: The smallest scale a page's figure is drawn at (12-point labels print at 7.2 points).
MIN_SCALE: Final = 0.6
#: The margin around the figure on a page, in points (1 cm).
MARGIN: Final = 28.35
#: The scale a row of the contradictions figure aims for when its columns are chosen.
_ROW_SCALE: Final = 0.75

Progress = Callable[[int, int], None]


@attrs.frozen
class Written:
    """What :func:`render_pages` wrote: its files (one PDF, or a file a page) and its pages."""

    files: tuple[str, ...]
    pages: int


@attrs.frozen
class PageLayout:
    """One page: the framework it draws, the options, its DOT and the engine's layout (JSON)."""

    framework: Framework
    options: Options
    source: str
    #: The engine's JSON output, read only when the page is drawn (a page tried and not kept
    #: is measured from its bounding box alone).
    raw: bytes

    @property
    def layout(self) -> dict[str, Any]:
        """The engine's layout: every drawing operation of the page."""
        data: dict[str, Any] = json.loads(self.raw)
        return data

    @property
    def size(self) -> tuple[float, float]:
        """The figure's natural size in points."""
        found = _BOUNDS.search(self.raw)
        if found is None:  # pragma: no cover - the engine always writes the graph's bb
            raise UnsupportedFormatError("the engine's layout has no bounding box")
        left, bottom, right, top = (float(v) for v in found[1].split(b","))
        return right - left, top - bottom


#: The graph's bounding box, the first "bb" of the engine's JSON (the graph's own comes first).
_BOUNDS: Final = re.compile(rb'"bb":\s*"([-0-9.,e]+)"')


def _scale(size: tuple[float, float], usable: tuple[float, float]) -> float:
    return min(usable[0] / max(size[0], 1.0), usable[1] / max(size[1], 1.0))


def _groups(framework: Framework, kind: FigureKind, units: Sequence[Tension]) -> list[Hashable]:
    """Return the group of each unit: what a page keeps whole where it can."""
    if kind.grouping == "origin":
        return [
            (t.kind.value, t.origin.value if isinstance(t, Contradiction) and t.origin else None)
            for t in units
        ]
    if kind.grouping == "component":
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for link in framework.links:
            parent[find(link.source)] = find(link.target)
        return [find(t.id) for t in units]
    return [t.id for t in units]


class _Chunks:
    """The frameworks of pages: a page's tensions, their goals, the links among them.

    A goal comes with the page if links join it to the page's tensions, through other goals
    too (an evaporating cloud's objective is linked to its needs only); a goal linked to no
    tension goes on every page of a framework with goals, as the graph figure draws them all.
    The links are indexed by their ends once, so that a page costs what it holds, not what the
    whole framework holds.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.goal_ids = {g.id for g in framework.goals}
        self.touching: dict[str, list[int]] = {}
        for index, link in enumerate(framework.links):
            self.touching.setdefault(link.source, []).append(index)
            self.touching.setdefault(link.target, []).append(index)
        self.unlinked_goals = frozenset(g for g in self.goal_ids if g not in self.touching)

    def __call__(self, units: Sequence[Tension]) -> Framework:
        framework = self.framework
        links = framework.links
        ids = {t.id for t in units}
        reached: set[str] = set()
        frontier = set(ids)
        while frontier:
            found = set()
            for end in frontier:
                for index in self.touching.get(end, ()):
                    link = links[index]
                    other = link.target if link.source == end else link.source
                    if other in self.goal_ids and other not in reached:
                        found.add(other)
            reached |= found
            frontier = found
        kept = reached | self.unlinked_goals
        goals = tuple(g for g in framework.goals if g.id in kept)
        ids |= {g.id for g in goals}
        indices = sorted({i for end in ids for i in self.touching.get(end, ())})
        page_links = tuple(
            links[i] for i in indices if links[i].source in ids and links[i].target in ids
        )
        return attrs.evolve(framework, tensions=tuple(units), goals=goals, links=page_links)


def _kept(groups: Sequence[Hashable], start: int, count: int) -> int:
    """Return how many of *count* units from *start* a page takes so as not to cut groups small."""
    end = start + count
    if end < len(groups) and groups[end] == groups[end - 1]:
        # the page ends inside a group: leave the next page more than a few of it
        last = end
        while last < len(groups) and groups[last] == groups[end]:
            last += 1
        least = count // 4
        if 0 < last - end < least and (count - (least - (last - end))) * 2 >= count:
            count -= least - (last - end)
            end = start + count
    if end < len(groups) and groups[end] == groups[end - 1]:
        # the page ends inside a group that starts on it: the group goes to the next page
        # whole, unless this page would be left less than half full
        first = end - 1
        while first > start and groups[first - 1] == groups[end]:
            first -= 1
        if first > start and (first - start) * 2 >= count:
            count = first - start
    return count


@attrs.frozen
class _Prepared:
    """A page's DOT, built and not yet laid out: *start*, *count* and *options* say which."""

    start: int
    count: int
    options: Options
    framework: Framework
    source: str


class _Paginator:
    def __init__(
        self,
        framework: Framework,
        name: str,
        options: Options,
        engine: Engine,
        usable: Any,  # noqa: ANN401
    ) -> None:
        self.framework = framework
        self.chunk = _Chunks(framework)
        self.kind = FIGURES[name]
        self.build = self.kind.build()
        self.options = options
        self.engine = engine
        self.usable: tuple[float, float] = usable

    def prepare(self, units: Sequence[Tension], start: int = 0) -> _Prepared:
        framework = self.chunk(units)
        source: str = self.build(framework, self.options).source
        return _Prepared(start, len(units), self.options, framework, source)

    def lay_out(self, units: Sequence[Tension]) -> PageLayout:
        prepared = self.prepare(units)
        return self.finish(prepared, self.run(prepared))

    def run(self, prepared: _Prepared) -> Running:
        return start_engine(prepared.source, "json", engine=self.engine)

    @staticmethod
    def finish(prepared: _Prepared, running: Running) -> PageLayout:
        return PageLayout(
            framework=prepared.framework,
            options=prepared.options,
            source=prepared.source,
            raw=running.result(),
        )

    def fits(self, page: PageLayout) -> bool:
        return _scale(page.size, self.usable) >= MIN_SCALE

    def narrower(self, page: PageLayout) -> bool:
        """Take a column off the contradictions figure if its rows are too wide for the page."""
        too_wide = self.usable[0] / max(page.size[0], 1.0) < MIN_SCALE
        if too_wide and self.kind.grouping == "origin" and self.options.columns > 1:
            self.options = attrs.evolve(self.options, columns=self.options.columns - 1)
            return True
        return False

    def columns(self, units: Sequence[Tension]) -> None:
        """Give the contradictions figure the columns a page's width holds."""
        if self.kind.grouping != "origin" or len(units) < 2:
            return
        chosen = self.options
        # the widest first (longest labels, largest numbers): a row of them is the widest row
        contradictions = sorted(
            (t for t in units if isinstance(t, Contradiction)),
            key=lambda t: (-max(len(p.label) for p in t.poles), -t.number),
        )
        # the most columns whose row fits the page's width at _ROW_SCALE: a bisection on rows
        # laid out without the legend, whose width is not a row's
        low, high = 1, min(chosen.columns, len(contradictions))
        while low < high:
            middle = (low + high + 1) // 2
            self.options = attrs.evolve(chosen, columns=middle, legend=False)
            row = self.lay_out(contradictions[:middle]).size[0]
            if self.usable[0] / row >= _ROW_SCALE:
                low = middle
            else:
                high = middle - 1
        self.options = attrs.evolve(chosen, columns=low)

    def shrink(
        self, units: Sequence[Tension], start: int, count: int, page: PageLayout
    ) -> tuple[int, PageLayout]:
        """Return the most units from *start*, at most *count*, whose page fits, and the page."""
        while not self.fits(page) and self.narrower(page):
            page = self.lay_out(units[start : start + count])
        while count > 1 and not self.fits(page):
            count = max(1, int(count * 0.8))
            page = self.lay_out(units[start : start + count])
        return count, page

    def grow(
        self, units: Sequence[Tension], start: int, count: int, page: PageLayout
    ) -> tuple[int, PageLayout]:
        """Return the most units from *start* that fit a page, *count* of them known to fit."""
        step = max(1, self.options.columns)
        while start + count < len(units):
            larger = min(len(units) - start, count + max(step, count // 2))
            candidate = self.lay_out(units[start : start + larger])
            if not self.fits(candidate):
                break
            count, page = larger, candidate
        return count, page

    def pages(
        self,
        units: Sequence[Tension],
        progress: Progress | None,
        on_page: Callable[[PageLayout], object] | None,
    ) -> list[PageLayout]:
        """Lay out every page; hand each on to *on_page* while the engine lays out the next.

        How many units a page holds is found on the first page, by growing it a row at a
        time (then half as much again); every later page is planned with as many, laid out
        once, and made smaller only if it does not fit. While the engine lays a page out (in
        its own process), the page before is handed on and the next one's DOT built.
        """
        groups = _groups(self.framework, self.kind, units)
        self.columns(units)
        total = len(units)
        pages: list[PageLayout] = []
        handed = placed = 0  # pages handed on, and the units on them
        capacity = 0
        upcoming: _Prepared | None = None
        start = 0

        def hand_on() -> None:
            nonlocal handed, placed
            for page in pages[handed:]:
                if on_page is not None:
                    on_page(page)
                handed += 1
                placed += len(page.framework.tensions)
                if progress is not None:
                    progress(placed, total)

        while start < total:
            if capacity:
                count = _kept(groups, start, min(capacity, total - start))
                planned = upcoming
                if planned is None or (planned.start, planned.count, planned.options) != (
                    start,
                    count,
                    self.options,
                ):
                    planned = self.prepare(units[start : start + count], start)
                running = self.run(planned)
                hand_on()
                after = start + count
                upcoming = None
                if after < total:  # on the guess that this page fits, as pages mostly do
                    ahead = _kept(groups, after, min(capacity, total - after))
                    upcoming = self.prepare(units[after : after + ahead], after)
                page = self.finish(planned, running)
                if self.fits(page):
                    pages.append(page)
                    start = after
                    continue
            else:
                count = min(max(self.options.columns, 1), total - start)
                page = self.lay_out(units[start : start + count])
                if self.fits(page):
                    count, page = self.grow(units, start, count, page)
            count, page = self.shrink(units, start, count, page)
            capacity = count
            kept = _kept(groups, start, count)
            if kept != count:
                count, page = kept, self.lay_out(units[start : start + kept])
            pages.append(page)
            start += count
        hand_on()
        return pages


def paginate(
    framework: Framework,
    *,
    page: str,
    figure: str | None = None,
    engine: Engine = "embedded",
    options: Options | None = None,
    progress: Progress | None = None,
    on_page: Callable[[PageLayout], object] | None = None,
) -> list[PageLayout]:
    """Split *framework*'s figure into pages of size *page*; return each page's layout.

    *on_page* is called with each page once it is settled, while the engine lays out the next.

    >>> import referentiel as ref
    >>> pages = paginate(ref.load("examples/customer-relations.yaml"), page="A4")
    >>> [len(p.framework.tensions) for p in pages], pages[0].options.columns
    ([6], 3)
    """
    name = figure or default_figure(framework)
    if figure is not None and figure not in FIGURES:
        expected = ", ".join(repr(f) for f in FIGURES)
        raise UnsupportedFormatError(f"unknown figure: {figure!r} (expected one of {expected})")
    check_fits(framework, name)
    width, height = page_size(page)
    usable = (width - 2 * MARGIN, height - 2 * MARGIN)
    kind = FIGURES[name]
    units = [t for t in framework.tensions if kind.draws(t)]
    if kind.grouping == "origin":  # as the figure places them: by origin, then the dilemmas
        from referentiel.draw.contradictions import figure_order  # noqa: PLC0415

        units = [t for _, t in figure_order(framework)] + [
            t for t in units if not isinstance(t, Contradiction)
        ]
    paginator = _Paginator(framework, name, options or Options(), engine, usable)
    if not units:  # a graph of goals alone
        page_alone = paginator.lay_out(())
        if on_page is not None:
            on_page(page_alone)
        return [page_alone]
    return paginator.pages(units, progress, on_page)


def _numbered(path: str | os.PathLike[str], number: int, total: int) -> Path:
    target = Path(path)
    digits = len(str(total))
    return target.with_name(f"{target.stem}-{number:0{digits}d}{target.suffix}")


def render_pages(
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    page: str,
    format: str | None = None,
    engine: Engine = "embedded",
    figure: str | None = None,
    language: str | None = None,
    evidence: EvidenceDisplay = "count",
    wrap: int | None = 22,
    theme: str = "colour",
    columns: int = 8,
    legend: bool = True,
    details: bool = False,
    dpi: float | None = None,
    progress: Progress | None = None,
    protect: Sequence[str | os.PathLike[str]] = (),
) -> Written:
    """Draw *framework* on pages of size *page*; return the files written and the pages.

    The options are :func:`~referentiel.render`'s; *columns* is the most a page takes (fewer if
    its width holds fewer). A PDF holds every page, numbered at its foot; SVG, PNG, JSON and DOT
    pages go to numbered files beside *path* (``fig.svg`` → ``fig-01.svg`` ...), each titled
    with its number (``2/5``) and sized to the paper. *progress* is called with the tensions
    placed so far and their number. Nothing is written until every page is drawn.

    >>> import pathlib, tempfile, referentiel as ref
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> written = render_pages(ref.load("examples/customer-relations.yaml"), folder / "cr.svg",
    ...                        page="A4")
    >>> [pathlib.Path(w).name for w in written.files], written.pages
    (['cr-1.svg'], 1)
    """
    from referentiel.draw import _options  # noqa: PLC0415 - the package's option checks

    options = _options(
        language=language,
        evidence=evidence,
        wrap=wrap,
        theme=theme,
        columns=columns,
        legend=legend,
        details=details,
    )
    if os.fspath(path) == STDIO:
        raise UnsupportedFormatError("pages are written to files: give a file name, not -")
    format = format or output_for(Path(path).suffix)
    check_format(format, engine)
    if format == "html":
        raise UnsupportedFormatError(
            "the interactive page has no paper pages: write pdf, svg or png"
        )
    language = options.language or framework.language
    width, height = page_size(page)
    if format == "pdf":
        from referentiel.draw.pdf import PdfWriter  # noqa: PLC0415 - the PDF writer

        writer = PdfWriter(
            page_size=(width, height),
            title=framework.title_in(language),
            language=language,
            numbers=True,
        )
        total = len(
            paginate(
                framework,
                page=page,
                figure=figure,
                engine=engine,
                options=options,
                progress=progress,
                on_page=lambda laid_out: writer.add(laid_out.layout),
            )
        )
        write_output(path, writer.close(), protect=protect)
        return Written(files=(os.fspath(path),), pages=total)
    layouts = paginate(
        framework, page=page, figure=figure, engine=engine, options=options, progress=progress
    )
    total = len(layouts)
    made: list[tuple[Path, bytes]] = []
    build = FIGURES[figure or default_figure(framework)].build()
    for number, layout in enumerate(layouts, start=1):
        labelled = attrs.evolve(layout.options, page_label=f"{number}/{total}")
        source = _sized(build(layout.framework, labelled).source, (width, height))
        data = (
            source.encode("utf-8")
            if format == "dot"
            else run_engine(source, format, engine=engine, dpi=dpi)
        )
        made.append((_numbered(path, number, total), data))
    for target, _ in made:  # every page refused before any is written
        check_output(target, protect=protect)
    for target, data in made:
        write_output(target, data, protect=protect)
    return Written(files=tuple(os.fspath(target) for target, _ in made), pages=total)


def _sized(source: str, size: tuple[float, float]) -> str:
    """Give a page's DOT the size of the paper's printable area: Graphviz scales it down."""
    usable = ((size[0] - 2 * MARGIN) / 72, (size[1] - 2 * MARGIN) / 72)
    head, brace, body = source.partition("{")
    return f'{head}{brace}\n\tsize="{usable[0]:.2f},{usable[1]:.2f}"\n{body}'
