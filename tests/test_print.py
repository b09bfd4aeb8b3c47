"""Figures to print and publish: PDF with embedded fonts, pages, resolution, progress."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import referentiel as ref
from referentiel._progress import Progress
from referentiel.draw import pages as pages_module
from referentiel.draw._bidi import has_rtl, visual_runs
from referentiel.draw.engine import Running, run_engine, start_engine
from referentiel.draw.pages import MIN_SCALE, PageLayout, paginate, render_pages
from referentiel.draw.paper import page_size
from referentiel.draw.pdf import MARGIN, _drawn_runs
from referentiel.errors import EngineError
from tests.svg import Svg

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "customer-relations.yaml"
SCRIPT = shutil.which("referentiel", path=str(Path(sys.executable).parent)) or "referentiel"


@pytest.fixture(scope="module")
def customer() -> ref.Framework:
    return ref.load(EXAMPLE)


def _fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether its program is embedded."""
    found = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def test_a_pdf_after_pip_install_has_its_fonts_embedded_and_its_text_selectable(
    customer: ref.Framework,
) -> None:
    reader = pypdf.PdfReader(io.BytesIO(ref.render(customer, format="pdf")))
    assert len(reader.pages) == 1
    assert _fonts(reader) == {
        "/AAAAAA+LiberationSans": True,
        "/AAAAAA+LiberationSans-Bold": True,
        "/AAAAAA+LiberationSans-Italic": True,
    }
    text = reader.pages[0].extract_text()
    for label in (
        "Contradictions professionnelles des conseillers relation-client",
        "Travail prescrit",
        "Insécurité constante",
        "Réalisation de son",
        "2 extraits",
    ):
        assert label in text
    svg = Svg(ref.render(customer, format="svg"))
    width, height = (float(svg.root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(width), round(height))
    assert reader.metadata is not None
    assert reader.metadata.title == customer.title


def test_the_same_figure_gives_the_same_pdf(customer: ref.Framework) -> None:
    assert ref.render(customer, format="pdf") == ref.render(customer, format="pdf")


def test_a_script_outside_latin_is_drawn_in_the_fallback_font() -> None:
    fw = ref.loads(
        "id: x\ntitle: Проверка\ntensions:\n  - kind: dilemma\n    id: d1\n    number: 1\n"
        "    first: {label: مرحبا بالعالم}\n    second: {label: Ελληνικά}\n"
        "    provenance: {status: illustrative, justification: test}\n"
    )
    reader = pypdf.PdfReader(io.BytesIO(ref.render(fw, format="pdf")))
    fonts = _fonts(reader)
    assert fonts["/AAAAAA+DejaVuSans"] is True  # the Arabic
    assert all(fonts.values())
    text = reader.pages[0].extract_text()
    assert "Проверка" in text and "Ελληνικά" in text


def test_page_sizes() -> None:
    assert page_size("A3") == (841.89, 1190.55)
    assert page_size("a4-landscape") == (841.89, 595.28)
    with pytest.raises(ref.UnsupportedFormatError, match=r"^unknown page size: 'A4-sideways'"):
        page_size("A4-sideways")


def _many(count: int) -> ref.Framework:
    """The customer-relations framework, its contradictions repeated *count* times in all."""
    base = ref.load(EXAMPLE)
    tensions = []
    for n in range(count):
        t = base.contradictions[n % len(base.contradictions)]
        tensions.append(attrs.evolve(t, id=f"c{n + 1}", number=n + 1, evidence=()))
    return attrs.evolve(base, tensions=tuple(tensions), links=())


def test_pages_keep_every_tension_once_in_order_grouped_by_origin() -> None:
    fw = _many(60)
    pages = paginate(fw, page="A4")
    placed = [t.id for p in pages for t in p.framework.tensions]
    assert sorted(placed) == sorted(t.id for t in fw.tensions)
    assert len(placed) == len(set(placed))
    origins = [t.origin for p in pages for t in p.framework.contradictions]
    # every organisation contradiction before the situation ones: the figure's order
    assert origins == sorted(origins, key=lambda o: o is not ref.Origin.ORGANISATION)
    usable = (595.28 - 2 * MARGIN, 841.89 - 2 * MARGIN)
    for page in pages:
        width, height = page.size
        assert min(usable[0] / width, usable[1] / height) >= MIN_SCALE
    assert len(pages) > 2


def test_each_page_is_handed_on_while_the_engine_lays_out_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    started = start_engine

    def logged(*args: Any, **kwargs: Any) -> Running:
        events.append("layout")
        return started(*args, **kwargs)

    monkeypatch.setattr(pages_module, "start_engine", logged)
    handed: list[PageLayout] = []

    def on_page(page: PageLayout) -> None:
        events.append("page")
        handed.append(page)

    pages = paginate(_many(60), page="A4", on_page=on_page)
    assert handed == pages
    assert len(pages) > 2
    # every page but the last is handed on just after the next one's layout has started; the
    # last, once every layout is done
    handed_at = [i for i, event in enumerate(events) if event == "page"]
    assert all(events[i - 1] == "layout" for i in handed_at[:-1])
    assert events[-2:] == ["page", "page"]


def _fake_system_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, script: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    dot = folder / "dot"
    dot.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def test_a_large_figure_goes_through_the_pipe_whole() -> None:
    nodes = "\n".join(f'n{i} [label="{"x" * 20} {i}"]' for i in range(3000))
    source = f"digraph G {{\n{nodes}\n}}\n"
    assert len(source.encode()) > 60_000  # more than is written before the engine is waited for
    layout = json.loads(run_engine(source, "json"))
    assert len(layout["objects"]) == 3000


@pytest.mark.parametrize("size", [10, 200_000])
def test_an_engine_that_fails_without_reading_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size: int
) -> None:
    _fake_system_dot(monkeypatch, tmp_path, "echo 'Error: refused' >&2\nexit 3")
    with pytest.raises(EngineError) as caught:
        run_engine("digraph G { " + "a; " * size + "}", "svg", engine="system")
    assert str(caught.value) == "Graphviz failed: Error: refused"


def test_an_engine_that_hangs_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    _fake_system_dot(monkeypatch, tmp_path, f"echo $$ > {marker}\nexec sleep 30")
    with pytest.raises(EngineError) as caught:
        run_engine("digraph G { a }", "svg", engine="system", timeout=0.5)
    assert str(caught.value) == "Graphviz took longer than 0.5 s and was stopped"
    pid = int(marker.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):  # killed and reaped: no such process any more
        os.kill(pid, 0)


def _origins(organisation: int, situation: int) -> ref.Framework:
    base = ref.load(EXAMPLE)
    template = base.contradictions[0]
    tensions = [
        attrs.evolve(
            template,
            id=f"c{n}",
            number=n,
            evidence=(),
            origin=ref.Origin.ORGANISATION if n <= organisation else ref.Origin.SITUATION,
        )
        for n in range(1, organisation + situation + 1)
    ]
    return attrs.evolve(base, tensions=tuple(tensions), links=())


def test_a_group_that_fits_a_page_is_not_split_across_two() -> None:
    pages = paginate(_origins(20, 10), page="A4")
    shapes = [
        [t.origin.value if t.origin else "" for t in p.framework.contradictions] for p in pages
    ]
    # the ten situation contradictions fit a page: they are not cut in two
    situation = [i for i, shape in enumerate(shapes) if "situation" in shape]
    assert len(situation) == 1
    assert shapes[situation[0]].count("situation") == 10
    # no page leaves the next a lone member or two of a group (here, of the organisation's)
    sizes = [len(shape) for shape in shapes]
    assert shapes[-1].count("organisation") * 4 >= sizes[0]
    # and no page is less than half full for it
    assert all(size * 2 >= sizes[0] for size in sizes[:-1])


def test_a_paginated_pdf_numbers_its_pages_and_repeats_title_headings_and_legend(
    tmp_path: Path,
) -> None:
    fw = _many(60)
    written = render_pages(fw, tmp_path / "fig.pdf", page="A4")
    assert written.files == (str(tmp_path / "fig.pdf"),)
    reader = pypdf.PdfReader(tmp_path / "fig.pdf")
    assert len(reader.pages) == written.pages > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.startswith(fw.title)
        assert f"{number}/{written.pages}" in re.sub(r"\s+", "", text)
        assert "Légende" in text
        assert ("Contradictions intrinsèques à l'organisation" in text) or (
            "Contradictions liées aux situations professionnelles" in text
        )
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)
    assert all(_fonts(reader).values())


def test_paginated_svg_and_png_are_numbered_files_titled_with_their_page(tmp_path: Path) -> None:
    fw = _many(30)
    written = render_pages(fw, tmp_path / "fig.svg", page="A4-landscape")
    names = [Path(f).name for f in written.files]
    assert names == [f"fig-{n}.svg" for n in range(1, written.pages + 1)]
    for number, file in enumerate(written.files, start=1):
        svg = Svg(Path(file).read_bytes())
        title = " ".join(t.text or "" for t in svg.root.iter("{http://www.w3.org/2000/svg}text"))
        assert f"({number}/{written.pages})" in title
        width, height = (
            float(svg.root.get(k, "0").removesuffix("pt")) for k in ("width", "height")
        )
        assert width <= 841.89 - 2 * MARGIN + 8.5 and height <= 595.28 - 2 * MARGIN + 8.5
    png = render_pages(fw, tmp_path / "fig.png", page="A4", dpi=150)
    first = Path(png.files[0]).read_bytes()
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    width_px, height_px = struct.unpack(">II", first[16:24])
    # Graphviz scales the drawing into the printable area, then pads it with 4 points a side
    assert width_px <= (595.28 - 2 * MARGIN + 8) / 72 * 150 + 1
    assert height_px <= (841.89 - 2 * MARGIN + 8) / 72 * 150 + 1


def test_a_page_refused_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    fw = _many(30)
    first = render_pages(fw, tmp_path / "fig.svg", page="A4")
    before = {f: Path(f).read_bytes() for f in first.files}
    Path(first.files[-1]).chmod(0o444)
    with pytest.raises(ref.OutputError, match=r"the file is read-only: nothing was written$"):
        render_pages(fw, tmp_path / "fig.svg", page="A4", theme="bw")
    assert {f: Path(f).read_bytes() for f in first.files} == before


def test_a_png_at_300_dpi_is_three_times_and_a_bit_the_default(customer: ref.Framework) -> None:
    def size(data: bytes) -> tuple[int, int]:
        width, height = struct.unpack(">II", data[16:24])
        return width, height

    default = size(ref.render(customer, format="png"))
    print_size = size(ref.render(customer, format="png", dpi=300))
    assert abs(print_size[0] / default[0] - 300 / 96) < 0.01
    assert abs(print_size[1] / default[1] - 300 / 96) < 0.02


def test_the_command_line_says_how_many_pages(tmp_path: Path) -> None:
    fw_path = tmp_path / "many.yaml"
    ref.save(_many(40), fw_path)
    done = subprocess.run(
        [SCRIPT, "render", str(fw_path), "-o", "fig.pdf", "--page", "A4"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    pages = len(pypdf.PdfReader(tmp_path / "fig.pdf").pages)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "",
        f"wrote fig.pdf ({pages} pages)\n",
    )
    done = subprocess.run(
        [SCRIPT, "render", str(fw_path), "-o", "fig.svg", "--page", "A4"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == f"wrote fig-1.svg ... fig-{pages}.svg ({pages} pages)\n"
    done = subprocess.run(
        [SCRIPT, "render", str(fw_path), "-o", "fig.pdf", "--page", "B5"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: unknown page size: 'B5' (expected one of 'A4', 'A3', 'letter', "
        "each also -landscape)\n",
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_second_and_is_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = itertools.chain([0.0, 0.5, 1.5, 2.0], itertools.repeat(3.0))
    monkeypatch.setattr("referentiel._progress.time.monotonic", lambda: next(clock))
    terminal = _Terminal()
    with Progress("placing tensions on pages", stream=terminal) as progress:
        progress(10, 100)  # at 0.5 s: nothing yet
        progress(40, 100)  # at 1.5 s
        progress(100, 100)
    assert terminal.getvalue() == (
        "\r\x1b[Kplacing tensions on pages: 40/100"
        "\r\x1b[Kplacing tensions on pages: 100/100"
        "\r\x1b[K"
    )
    quiet = io.StringIO()
    with Progress("drawing", stream=quiet, note="laying out") as progress:
        progress(1, 1)
    assert quiet.getvalue() == ""


def test_progress_never_reaches_a_pipe(tmp_path: Path) -> None:
    fw_path = tmp_path / "many.yaml"
    ref.save(_many(30), fw_path)
    done = subprocess.run(
        [SCRIPT, "render", str(fw_path), "-o", "fig.svg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "wrote fig.svg\n")
    assert not re.search(r"\r|\x1b", done.stderr)


SCRIPTS = {
    "cyrillic": "ЖИЗНЕДЕЯТЕЛЬНОСТЬПРОФЕССИИ и проверка подписи",
    "greek": "Ελληνικά γράμματα στον πόλο",
    "arabic": "مرحبا بالعالم في القطب الأول",
    "hebrew": "עברית טקסט ארוך בקוטב",
    "cjk": "中文标签测试长文本的极点",
    "emoji": "😀 Émoji 🎉 et texte 👍",
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_label_in_any_script_fits_its_box(script: str) -> None:
    from referentiel.draw._metrics import text_width

    label = SCRIPTS[script]
    fw = ref.loads(
        f"id: x\ntitle: {label}\ntensions:\n  - kind: contradiction\n    id: c1\n    number: 1\n"
        f"    prescribed: {{label: '{label}'}}\n    real: {{label: '{label} {label}'}}\n"
        "    origin: situation\n"
        "    provenance: {status: illustrative, justification: test}\n"
    )
    svg = Svg(ref.render(fw, format="svg"))
    checked = 0
    for name, node in svg.nodes.items():
        box = svg.box(name)
        for text in node.iter("{http://www.w3.org/2000/svg}text"):
            content = text.text or ""
            if content.strip("\u00a0 ").isascii():
                continue
            size = float(text.get("font-size", "14"))
            width = text_width(content, size, bold=text.get("font-weight") == "bold")
            left = float(text.get("x", "0"))
            if text.get("text-anchor") == "middle":
                left -= width / 2
            assert box.left <= left and left + width <= box.right, (script, content)
            checked += 1
    assert checked >= 3  # both poles' lines
    # the title is part of the drawing: the image is as wide as its text
    title = next(
        t for t in svg.root.iter("{http://www.w3.org/2000/svg}text") if label in (t.text or "")
    )
    image_width = float(svg.root.get("width", "0").removesuffix("pt"))
    assert text_width(title.text or "", float(title.get("font-size", "18"))) < image_width


#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
#: vision deficiency", IEEE TVCG 15(6): the matrices at full severity, on linear RGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
NAMED = {"white": "#ffffff", "black": "#000000"}


def _linear(colour: str) -> tuple[float, float, float]:
    value = NAMED.get(colour, colour).lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(rgb: tuple[float, float, float], matrix: tuple[tuple[float, ...], ...]) -> Any:
    return tuple(
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio."""

    def luminance(colour: str) -> float:
        r, g, b = _linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colour_palette_stays_distinct_for_colour_blind_readers() -> None:
    """Every pair of colours that tells groups apart stays apart under simulated dichromacy."""
    import math

    from referentiel.vocabulary import THEMES

    theme = THEMES["colour"]
    pairs = [
        ("organisation", "situation"),  # number discs and their text
        ("organisation_border", "situation_border"),  # the frames of the groups
        ("organisation", "second"),  # the two series of the evidence plot
    ]
    for first, second in pairs:
        a, b = _linear(theme[first]), _linear(theme[second])
        assert math.dist(_lab(a), _lab(b)) >= 20, (first, second)
        for name, matrix in MACHADO.items():
            distance = math.dist(_lab(_seen(a, matrix)), _lab(_seen(b, matrix)))
            assert distance >= 20, (first, second, name, distance)


@pytest.mark.parametrize("theme_name", ["colour", "bw"])
def test_text_is_legible_on_its_background(theme_name: str) -> None:
    """WCAG AA (4.5:1) for every text colour of a theme on what it is drawn on."""
    from referentiel.vocabulary import THEMES

    theme = THEMES[theme_name]
    assert _contrast(theme["number_font"], theme["organisation"]) >= 4.5
    assert _contrast(theme["number_font"], theme["situation"]) >= 4.5
    for text in ("line", "heading", "count", "organisation", "situation", "dilemma"):
        assert _contrast(theme[text], theme["fill"]) >= 4.5, text


def test_a_figure_is_named_and_described_for_screen_readers(customer: ref.Framework) -> None:
    svg = Svg(ref.render(customer, language="en"))
    root = svg.root
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "title-contradictions-en desc-contradictions-en"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        "{http://www.w3.org/2000/svg}title",
        "title-contradictions-en",
        "Professional contradictions of customer-relations advisers",
    )
    assert desc.tag == "{http://www.w3.org/2000/svg}desc"
    assert (desc.text or "").startswith(
        "Figure “Contradictions”: 6 contradiction(s), 0 dilemma(s). "
    )


def test_a_notebook_shows_the_figure_at_most_as_wide_as_its_cell(customer: ref.Framework) -> None:
    bundle = customer._repr_mimebundle_()
    svg = bundle["image/svg+xml"]
    start = svg.index("<svg ")
    assert svg[start : start + 46] == '<svg style="max-width:100%;height:auto" role="'


def _repeated(example: str, count: int) -> ref.Framework:
    base = ref.load(ROOT / "examples" / f"{example}.yaml")
    tensions = [
        attrs.evolve(base.tensions[n % len(base.tensions)], id=f"t{n}", number=n + 1)
        for n in range(count)
    ]
    return attrs.evolve(base, tensions=tuple(tensions), links=(), goals=())


@pytest.mark.parametrize(
    ("example", "figure", "count"),
    [
        ("kinesitherapy", "dilemmas", 40),
        ("polarity-map", "polarity", 12),
        ("customer-relations", "graph", 40),
    ],
)
def test_every_figure_kind_is_split_into_pages_that_fit(
    example: str, figure: str, count: int
) -> None:
    fw = _repeated(example, count)
    pages = paginate(fw, page="A4", figure=figure)
    placed = [t.id for p in pages for t in p.framework.tensions]
    assert placed == [t.id for t in fw.tensions]  # each once, in order
    assert len(pages) > 1
    usable = (595.28 - 2 * MARGIN, 841.89 - 2 * MARGIN)
    for page in pages:
        width, height = page.size
        assert min(usable[0] / width, usable[1] / height) >= MIN_SCALE


def test_a_mixed_figure_pages_its_contradictions_then_its_dilemmas(tmp_path: Path) -> None:
    contradictions = _repeated("customer-relations", 30).tensions
    dilemmas = [
        attrs.evolve(t, number=t.number + 100) for t in _repeated("kinesitherapy", 20).tensions
    ]
    fw = attrs.evolve(ref.load(EXAMPLE), tensions=(*contradictions, *dilemmas), links=())
    pages = paginate(fw, page="A4", figure="mixed")
    kinds = [t.kind.value for p in pages for t in p.framework.tensions]
    assert kinds == ["contradiction"] * 30 + ["dilemma"] * 20
    written = render_pages(fw, tmp_path / "mixed.dot", page="A4", figure="mixed")
    assert written.pages == len(pages) == len(written.files)
    assert Path(written.files[0]).read_text(encoding="utf-8").startswith("digraph mixed {")


def test_links_between_tensions_of_one_page_stay_and_those_across_pages_go() -> None:
    fw = ref.load(ROOT / "examples" / "evaporating-cloud.yaml")
    pages = paginate(fw, page="A4", figure="graph")
    kept = sum(len(p.framework.links) for p in pages)
    assert kept == len(fw.links)  # the cloud fits one page: every link is drawn


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Pôle", [("Pôle", False)]),
        ("עברית טקסט", [("עברית טקסט", True)]),
        ("Pôle 1 : עברית.", [("Pôle 1 : ", False), ("עברית", True), (".", False)]),
        # numbers in right-to-left text read left to right, where they stand
        ("עברית 2026 טקסט", [(" טקסט", True), ("2026", False), ("עברית ", True)]),
        # a Latin word in an Arabic line: the line reads right to left
        ("مرحبا PDF بالعالم", [(" بالعالم", True), ("PDF", False), ("مرحبا ", True)]),
        ("", []),
    ],
)
def test_a_line_is_drawn_in_its_runs_visual_order(text: str, runs: list[tuple[str, bool]]) -> None:
    assert visual_runs(text) == runs


@given(st.text(max_size=40))
def test_visual_runs_keep_every_character_of_any_line(text: str) -> None:
    runs = visual_runs(text)
    assert sorted("".join(part for part, _ in runs)) == sorted(text)
    assert all(part for part, _ in runs)
    if not has_rtl(text) and text:
        assert runs == [(text, False)]


def test_hebrew_and_arabic_are_drawn_right_to_left_and_arabic_joined() -> None:
    hebrew = _drawn_runs("עברית טקסט", (False, False), 12)
    assert [(name, str(part)) for name, part in hebrew] == [("LiberationSans-0-0", "טסקט תירבע")]
    ((name, arabic),) = _drawn_runs("مرحبا", (False, False), 12)
    assert name == "DejaVuSans-0-0"
    # presentation forms, one per letter in its joined shape, right to left
    assert [f"{ord(c):X}" for c in str(arabic)] == ["FE8E", "FE92", "FEA3", "FEAE", "FEE3"]
    assert unicodedata.normalize("NFKC", str(arabic)) == "ابحرم"


def test_a_pdf_reads_hebrew_and_arabic_as_they_are_written() -> None:
    hebrew, arabic = "עברית טקסט", "مرحبا"
    fw = ref.loads(
        f"id: x\ntitle: x\ntensions:\n  - kind: contradiction\n    id: c1\n    number: 1\n"
        f"    prescribed: {{label: '{hebrew}'}}\n    real: {{label: '{arabic}'}}\n"
        "    origin: situation\n"
        "    provenance: {status: illustrative, justification: test}\n"
    )
    text = pypdf.PdfReader(io.BytesIO(ref.render(fw, format="pdf"))).pages[0].extract_text()
    # a PDF reader puts the right-to-left glyphs back in reading order: the words come back
    assert hebrew in text and hebrew[::-1] not in text
    letters = [c for c in text if "\u0600" <= unicodedata.normalize("NFKC", c) <= "\u06ff"]
    assert all("\ufe70" <= c <= "\ufeff" for c in letters)  # joined shapes, not isolated letters
    assert sorted(unicodedata.normalize("NFKC", "".join(letters))) == sorted(arabic)


def test_a_large_figure_without_pages_says_how_to_split_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from referentiel import cli
    from referentiel.draw import paper

    monkeypatch.setattr(paper, "LARGE_FIGURE", 5)  # the example has 6 tensions
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "f.svg")]) == 0
    assert capsys.readouterr().err == (
        "referentiel: warning: 6 tensions in one figure: laying them all out at once takes "
        "time that grows faster than their number; --page A4 splits the figure into pages laid "
        f"out one at a time\nwrote {tmp_path / 'f.svg'}\n"
    )
    # split into pages, or small enough: no warning
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "p.svg"), "--page", "A4"]) == 0
    assert "warning" not in capsys.readouterr().err
    monkeypatch.setattr(paper, "LARGE_FIGURE", 6)
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "g.svg")]) == 0
    assert capsys.readouterr().err == f"wrote {tmp_path / 'g.svg'}\n"
