"""Figures read back from the SVG the embedded engine draws: texts, positions, groups."""

from __future__ import annotations

import html
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import referentiel as ref
from referentiel.draw._labels import lines, markup
from referentiel.draw.style import SVG_FONT_FAMILY
from tests.svg import Svg

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def customer() -> ref.Framework:
    return ref.load(EXAMPLES / "customer-relations.yaml")


@pytest.fixture(scope="module")
def svg(customer: ref.Framework) -> Svg:
    return Svg(ref.render(customer))


def test_every_pole_label_is_drawn_wrapped_as_in_the_file(
    customer: ref.Framework, svg: Svg
) -> None:
    for i, c in enumerate(customer.tensions):
        assert isinstance(c, ref.Contradiction)
        for suffix, pole, side in (
            ("p", c.prescribed, ref.Side.PRESCRIBED),
            ("r", c.real, ref.Side.REAL),
        ):
            support = [e for e in c.evidence if e.supports in (side, ref.Side.BOTH)]
            word = "extrait" if len(support) == 1 else "extraits"
            inferred = sum(1 for e in support if e.tie_status is not ref.Status.ATTESTED)
            tie = f" ({inferred} lien reconstruit)" if inferred else ""
            expected = [*lines(pole.label, 22), f"{len(support)} {word}{tie}"]
            assert svg.lines(f"t{i}_{suffix}") == expected


def test_the_attested_labels_exactly(svg: Svg) -> None:
    assert svg.lines("t1_p") == ["Travail encadré par de", "multiples procédures", "1 extrait"]
    assert svg.lines("t1_r") == ["Insécurité constante", "2 extraits"]
    assert svg.lines("t4_p") == ["Respect des procédures", "3 extraits"]
    assert svg.lines("t3_r") == [
        "Rendre un service de",
        "qualité",
        "1 extrait (1 lien reconstruit)",
    ]
    assert svg.lines("t1_n") == ["2"]


def test_prescribed_pole_above_real_pole_below_the_number(
    customer: ref.Framework, svg: Svg
) -> None:
    for i, _ in enumerate(customer.tensions):
        number, prescribed, real = (svg.box(f"t{i}_{s}") for s in "npr")
        assert number.bottom < prescribed.top
        assert prescribed.bottom < real.top


def test_rows_are_shared_and_named(customer: ref.Framework, svg: Svg) -> None:
    assert (
        len({round((svg.box(f"t{i}_r").top + svg.box(f"t{i}_r").bottom) / 2) for i in range(6)})
        == 1
    )
    assert (
        len({round((svg.box(f"t{i}_p").top + svg.box(f"t{i}_p").bottom) / 2) for i in range(6)})
        == 1
    )
    assert svg.lines("b0_prescribed") == ["Travail prescrit"]
    assert svg.lines("b0_real") == ["Travail réel"]
    # the row headings stand left of every pole, level with their row
    for heading, suffix in (("b0_prescribed", "p"), ("b0_real", "r")):
        at, pole = svg.box(heading), svg.box(f"t0_{suffix}")
        assert at.right < min(svg.box(f"t{i}_{suffix}").left for i in range(6))
        assert pole.top < at.top < pole.bottom


def test_contradictions_are_grouped_by_origin(customer: ref.Framework, svg: Svg) -> None:
    organisation = svg.cluster_box("cluster_b0_organisation")
    situation = svg.cluster_box("cluster_b0_situation")
    assert organisation.right < situation.left
    for i, c in enumerate(customer.contradictions):
        cluster = organisation if c.origin is ref.Origin.ORGANISATION else situation
        for suffix in "npr":
            assert cluster.contains(svg.box(f"t{i}_{suffix}")), (c.id, suffix)
    titles = [
        t.text for t in svg.clusters["cluster_b0_organisation"].iter() if t.tag.endswith("text")
    ]
    # the paper gives two origins but not which contradiction has which: the grouping says so
    assert titles == ["Contradictions intrinsèques à l'organisation", "(classement reconstruit)"]


def test_numbers_run_left_to_right(customer: ref.Framework, svg: Svg) -> None:
    # organisation first, then situation, each in number order (poles are declared grouped by
    # line style: the order of the numbers must still decide the columns)
    by_x = sorted(range(6), key=lambda i: svg.box(f"t{i}_n").left)
    assert [customer.tensions[i].number for i in by_x] == [1, 2, 4, 5, 3, 6]
    for i in range(6):
        number, prescribed = svg.box(f"t{i}_n"), svg.box(f"t{i}_p")
        assert prescribed.left < (number.left + number.right) / 2 < prescribed.right


def test_provenance_is_drawn_as_line_style_and_explained(svg: Svg) -> None:
    def dashed(node: str) -> bool:
        return any("stroke-dasharray" in e.attrib for e in svg.nodes[node].iter())

    assert not dashed("t1_p")  # contradiction 2: attested, solid
    assert dashed("t0_p")  # contradiction 1: reconstructed, dashed
    assert svg.lines("legend_attested") == ["attesté : nommé dans la source"]
    assert svg.lines("legend_reconstructed") == ["reconstruit : tiré du texte d'une source"]
    assert dashed("legend_reconstructed")
    assert "legend_illustrative" not in svg.nodes  # the legend lists only what is drawn


def test_english_labels_and_headings(customer: ref.Framework) -> None:
    svg = Svg(ref.render(customer, language="en", evidence="none"))
    assert svg.lines("t1_p") == ["Work framed by many", "procedures"]
    assert svg.lines("b0_prescribed") == ["Prescribed work"]
    assert svg.lines("legend_attested") == ["attested: named in the source"]


def test_untranslated_labels_fall_back_to_the_original_marked() -> None:
    fw = ref.Framework(
        id="x",
        title="T",
        tensions=(
            ref.Contradiction(
                id="c",
                number=1,
                prescribed=ref.Pole(label="Prescrit"),
                real=ref.Pole(label="Réel"),
                origin=ref.Origin.SITUATION,
                provenance=ref.Provenance(status=ref.Status.ATTESTED),
            ),
        ),
    )
    svg = Svg(ref.render(fw, language="en", evidence="none"))
    assert svg.lines("t0_p") == ["Prescrit [fr]"]  # the original, said to be untranslated
    assert svg.lines("legend_notes") == ["labels translated (fr → en); [fr]: untranslated"]


def test_excerpts_option_shows_the_first_excerpt(customer: ref.Framework) -> None:
    svg = Svg(ref.render(customer, evidence="excerpts"))
    assert svg.lines("t4_r") == [
        "Réalisation de son",
        "travail de conseiller",
        "« Le but c'est de répondre à",
        "sa demande le plus rapidement",
        "possible et de faire en sorte…",
        "» (C.)",
    ]


def test_same_input_gives_byte_identical_output(customer: ref.Framework) -> None:
    assert ref.render(customer) == ref.render(customer)
    assert ref.render(customer, format="png") == ref.render(customer, format="png")


def test_svg_names_metric_compatible_fonts(customer: ref.Framework, svg: Svg) -> None:
    families = {a.get("font-family") for a in svg.text_attrs()}
    assert families == {SVG_FONT_FAMILY}
    assert "Arimo" in SVG_FONT_FAMILY
    assert "Liberation Sans" in SVG_FONT_FAMILY


def test_png_and_json_formats(customer: ref.Framework) -> None:
    assert ref.render(customer, format="png").startswith(b"\x89PNG\r\n\x1a\n")
    assert ref.render(customer, format="json").lstrip().startswith(b"{")


def test_a_resolution_is_for_png_only(customer: ref.Framework) -> None:
    with pytest.raises(ref.UnsupportedFormatError) as info:
        ref.render(customer, format="svg", dpi=300)
    assert str(info.value) == "--dpi sets a PNG's resolution; svg has none"
    with pytest.raises(ref.UnsupportedFormatError) as info:
        ref.render(customer, format="png", dpi=0)
    assert str(info.value) == "--dpi must be from 1 to 2400, got 0"


def test_unknown_output_suffix(customer: ref.Framework, tmp_path: Path) -> None:
    with pytest.raises(ref.UnsupportedFormatError, match=r"unknown output suffix: '\.bmp'"):
        ref.render(customer, tmp_path / "x.bmp")
    assert list(tmp_path.iterdir()) == []


def test_dot_source_needs_no_engine(
    customer: ref.Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_engine(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine must not run")

    monkeypatch.setattr("subprocess.run", no_engine)
    dot = ref.to_dot(customer)
    assert dot.startswith("digraph contradictions {")
    assert ref.render(customer, format="dot") == dot.encode("utf-8")


def test_missing_engine_is_a_clear_error_and_notebooks_fall_back(
    customer: ref.Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referentiel.draw import engine

    monkeypatch.setattr(engine, "_EXE", ".missing")
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(ref.EngineNotFoundError) as info:
        ref.render(customer)
    assert str(info.value).startswith(
        "the embedded Graphviz engine is not installed: pip install graphviz-pure"
    )
    bundle = customer._repr_mimebundle_()
    assert list(bundle) == ["text/html"]
    assert "<td>Travail encadré par de multiples procédures</td>" in bundle["text/html"]


def test_the_embedded_engine_is_found_by_the_interpreter_then_in_its_scripts_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sysconfig

    from referentiel.draw import engine

    beside, scripts = tmp_path / "bin", tmp_path / "scripts"
    for folder in (beside, scripts):
        folder.mkdir()
        (folder / f"graphviz-pure{engine._EXE}").write_bytes(b"")
    monkeypatch.setattr("sys.executable", str(beside / "python"))
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(scripts))
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert engine.find_engine() == beside / f"graphviz-pure{engine._EXE}"
    (beside / f"graphviz-pure{engine._EXE}").unlink()
    assert engine.find_engine() == scripts / f"graphviz-pure{engine._EXE}"
    (scripts / f"graphviz-pure{engine._EXE}").unlink()
    with pytest.raises(ref.EngineNotFoundError):
        engine.find_engine()


def test_notebook_display_is_the_figure(customer: ref.Framework) -> None:
    bundle = customer._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"]
    assert "Insécurité constante" in bundle["image/svg+xml"]


def test_report_displays_as_a_table() -> None:
    html = ref.check(EXAMPLES / "kinesitherapy.yaml")._repr_html_()
    assert html == "<p>No issues.</p>"
    issue = ref.Issue(code="c", severity=ref.Severity.ERROR, message="a <b>", path=())
    table = ref.Report(issues=(issue,))._repr_html_()
    assert "<td>a &lt;b&gt;</td>" in table


@given(st.text(), st.booleans())
def test_markup_escapes_as_the_standard_library_does(text: str, quote: bool) -> None:  # noqa: FBT001
    assert markup(text, quote=quote) == html.escape(text, quote=quote)


HOSTILE = [
    "quote \" and ' apostrophe",
    "back\\slash \\N \\l \\G \\E",
    "<b>not bold</b> <BR/> &amp; & &lt;",
    "braces { } [ ] ; -> -- |",
    "émoji 😀 and 𝄞 outside the BMP",
    "עברית right to left العربية",
    "x" * 300,
]


def one_contradiction(prescribed: str, *, title: str = "t") -> ref.Framework:
    """A framework of one attested contradiction whose prescribed pole reads *prescribed*."""
    return ref.Framework(
        id="h",
        title=title,
        tensions=(
            ref.Contradiction(
                id="c",
                number=1,
                prescribed=ref.Pole(label=prescribed),
                real=ref.Pole(label="r"),
                origin=ref.Origin.ORGANISATION,
                provenance=ref.Provenance(status=ref.Status.ATTESTED),
            ),
        ),
    )


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_drawn_verbatim(label: str) -> None:
    svg = Svg(
        ref.render(one_contradiction(label, title=label), wrap=None, evidence="none", legend=False)
    )
    assert svg.lines("t0_p") == [label]
    texts = [
        t.text or ""
        for t in svg.root.iter()
        if t.tag.endswith("text") and (t.text or "").strip("\u00a0")
    ]
    if len(label) <= 80:
        assert texts[0] == label  # the title
    else:  # a title wraps at 80 characters, a word too long for a line is cut
        assert "".join(texts[:4]) == label


def test_control_characters_are_dropped_and_newlines_break_lines() -> None:
    fw = one_contradiction("a\x00b\x07c\td\ne\r\nf")
    svg = Svg(ref.render(fw, wrap=None, evidence="none", legend=False))
    assert svg.lines("t0_p") == ["abc d", "e", "f"]


def test_large_framework_wraps_into_rows() -> None:
    base = ref.Contradiction(
        id="c",
        number=1,
        prescribed=ref.Pole(label="Prescrit"),
        real=ref.Pole(label="Réel"),
        origin=ref.Origin.ORGANISATION,
        provenance=ref.Provenance(status=ref.Status.ATTESTED),
    )
    tensions = tuple(
        attrs.evolve(
            base,
            id=f"c{n}",
            number=n,
            origin=ref.Origin.ORGANISATION if n % 2 else ref.Origin.SITUATION,
        )
        for n in range(1, 21)
    )
    fw = ref.Framework(id="big", title="Big", tensions=tensions)
    svg = Svg(ref.render(fw, columns=8))
    rows = {round(svg.box(f"t{i}_p").top) for i in range(20)}
    assert len(rows) == 3
    assert sorted(n for n in svg.nodes if n.endswith("_prescribed")) == [
        "b0_prescribed",
        "b1_prescribed",
        "b2_prescribed",
    ]
    width = float(svg.root.get("width", "0pt").removesuffix("pt"))
    assert width < 1600


def test_dilemmas_figure(tmp_path: Path) -> None:
    kine = ref.load(EXAMPLES / "kinesitherapy.yaml")
    svg = Svg(ref.render(kine))
    first, second = svg.box("t0_a"), svg.box("t0_b")
    assert first.right < second.left
    assert abs((first.top + first.bottom) - (second.top + second.bottom)) < 1
    assert svg.lines("t0_a") == [
        "Appliquer le protocole",
        "de rééducation",
        "1 extrait (1 lien illustratif)",
    ]
    assert svg.lines("t0_res") == [
        "Acquis d'expérience",
        "• Garder le protocole en tête et choisir",
        "l'exercice au fil de la séance",
    ]
    assert svg.lines("legend_illustrative") == ["illustratif : inventé pour l'exemple"]
    # dilemma rows stack downwards in number order
    tops = [svg.box(f"t{i}_n").top for i in range(4)]
    assert tops == sorted(tops)


def test_graph_figure_draws_typed_links(customer: ref.Framework) -> None:
    links = (
        ref.Link(source="c6", target="c2", relation=ref.LinkKind.DERIVES_FROM),
        ref.Link(source="c5", target="c1", relation=ref.LinkKind.REINFORCES),
    )
    svg = Svg(ref.render(attrs.evolve(customer, links=links), figure="graph"))
    edges = {}
    for group in svg.root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class") == "edge":
            title = group.find("{http://www.w3.org/2000/svg}title")
            texts = [t.text for t in group.iter("{http://www.w3.org/2000/svg}text")]
            if title is not None and texts:
                edges[title.text] = texts
    assert edges == {"t5->t1": ["découle de"], "t4->t0": ["renforce"]}


@pytest.mark.parametrize("wrap", [0, -1])
def test_a_wrap_below_one_is_refused_not_looped_on(wrap: int) -> None:
    with pytest.raises(ref.UnsupportedFormatError) as info:
        ref.to_dot(ref.load(EXAMPLES / "customer-relations.yaml"), wrap=wrap)
    assert str(info.value) == f"'wrap' must be >= 1: {wrap}"


def test_a_framework_is_a_container_of_its_tensions() -> None:
    CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")  # noqa: N806 - as elsewhere
    assert ("c2" in CUSTOMER, "c9" in CUSTOMER, len(CUSTOMER)) == (True, False, 6)
    assert [t.id for t in CUSTOMER] == [f"c{n}" for n in range(1, 7)]


def test_each_claims_status_is_drawn_and_explained(customer: ref.Framework) -> None:
    """Numbers and groupings the paper does not give are drawn apart, in both languages."""
    svg = Svg(ref.render(customer))

    def dashed(node: str) -> bool:
        return any("stroke-dasharray" in e.attrib for e in svg.nodes[node].iter())

    numbers = {c.number: f"t{i}_n" for i, c in enumerate(customer.contradictions)}
    assert [n for n, node in numbers.items() if not dashed(node)] == [2, 5]  # the paper's own
    assert any("stroke-dasharray" in e.attrib for e in svg.clusters["cluster_b0_situation"].iter())
    assert svg.lines("legend_notes") == [
        "cercle en tirets ou pointillés : numéro non donné par la source",
        "cadre en tirets ou pointillés : classement par origine non donné par la source",
        "(n lien reconstruit, illustratif) : extraits rattachés à la tension ici, non par la source",
    ]
    english = Svg(ref.render(customer, language="en"))
    assert english.lines("legend_notes")[-1] == "labels translated (fr → en); [fr]: untranslated"
    titles = [
        t.text for t in english.clusters["cluster_b0_situation"].iter() if t.tag.endswith("text")
    ]
    assert titles == [
        "Contradictions linked to the professional situations",
        "faced and their recent evolution",
        "(grouping reconstructed)",
    ]
