"""Figures to print and publish: PDF with embedded fonts, pages, resolution, progress."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pypdf
import pytest

import referentiel as ref
from referentiel._progress import Progress
from referentiel.draw.pages import MIN_SCALE, page_size, paginate, render_pages
from referentiel.draw.pdf import MARGIN
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
    # a page ends at the change of origin rather than mixing a few of the next group in
    first_situation = next(i for i, o in enumerate(origins) if o is ref.Origin.SITUATION)
    ends = [sum(len(p.framework.tensions) for p in pages[: k + 1]) for k in range(len(pages))]
    assert first_situation in ends


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
        assert f"{number}/{written.pages}" in text
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
