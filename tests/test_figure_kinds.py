"""The figures users of polarity maps, evaporating clouds and mixed frameworks need."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import referentiel as ref
from referentiel.draw.kinds import default_figure
from referentiel.model import DILEMMA_POINTS, POLE_POINTS
from tests.svg import Svg

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
POLARITY = ref.load(EXAMPLES / "polarity-map.yaml")
CLOUD = ref.load(EXAMPLES / "evaporating-cloud.yaml")
MIXED = ref.load(EXAMPLES / "mixed.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")


def _text(svg: bytes) -> str:
    """All the figure's text, its lines joined, bullets and indents gone, spaces made single."""
    root = ET.fromstring(svg)  # noqa: S314 - our own engine's output
    words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    return " ".join(words.replace("•", " ").split())


def _labels(fw: ref.Framework, language: str) -> list[str]:
    labels = [fw.title_in(language)]
    for t in fw.tensions:
        labels += [p.label_in(language) for p in t.poles]
        for pole in t.poles:
            labels += [p.label_in(language) for name in POLE_POINTS for p in getattr(pole, name)]
        if isinstance(t, ref.Dilemma):
            labels += [
                getattr(t, name).label_in(language)
                for name in DILEMMA_POINTS
                if getattr(t, name) is not None
            ]
    labels += [g.label_in(language) for g in fw.goals]
    labels += [a.label_in(language) for k in fw.links for a in k.assumptions]
    return labels


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("fw", "figure"), [(POLARITY, "polarity"), (CLOUD, "graph")])
def test_every_text_of_the_example_is_in_its_figure(
    fw: ref.Framework, figure: str, language: str
) -> None:
    text = _text(ref.render(fw, figure=figure, language=language))
    missing = [label for label in _labels(fw, language) if " ".join(label.split()) not in text]
    assert missing == []


def test_the_polarity_map_has_its_quadrants_in_place() -> None:
    svg = Svg(ref.render(POLARITY, figure="polarity"))
    texts: dict[str, tuple[float, float]] = {}
    for t in svg.root.iter("{http://www.w3.org/2000/svg}text"):  # the first of each text
        texts.setdefault((t.text or "").strip(), (float(t.get("x", 0)), float(t.get("y", 0))))
    purpose, fear = texts["But supérieur"], texts["Peur profonde"]
    stability, change = texts["Stabilité"], texts["Changement"]
    up_left = texts["• Chacun sait ce qu'on attend de"]
    down_left = texts["• Les procédures ne suivent plus"]
    up_right = texts["• Les réponses s'ajustent aux"]
    # the purpose on top, the fear at the bottom; upsides above the poles, downsides below
    assert purpose[1] < up_left[1] < stability[1] < down_left[1] < fear[1]
    assert up_right[1] < change[1]
    # the first pole on the left, the second on the right; the loop's sign between
    assert stability[0] < texts["∞"][0] < change[0]
    assert texts["Actions"][0] < up_left[0] < up_right[0]


def test_the_cloud_reads_objective_needs_wants_from_left_to_right() -> None:
    svg = Svg(ref.render(CLOUD))  # the graph is the default figure of a framework of goals
    x = {name: svg.box(name).left for name in ("g0", "g1", "g2", "t0_a", "t0_b")}
    assert x["g0"] < min(x["g1"], x["g2"]) < min(x["t0_a"], x["t0_b"])
    # the objective has a double border; the conflict is one arrow with both heads
    assert len(svg.nodes["g0"].findall("{http://www.w3.org/2000/svg}path")) == 2
    # the link's arrow replaces the dilemma's own double arrow: one edge between the wants
    between = [line.strip() for line in ref.to_dot(CLOUD).splitlines() if "t0_a -> t0_b" in line]
    assert between == [
        't0_a -> t0_b [label=<s&#x27;oppose à<BR/><FONT POINT-SIZE="9"><I>hypothèses</I><BR/>'
        "• On ne peut pas à la fois<BR/>  suivre la procédure et s&#x27;en<BR/>  écarter"
        '</FONT>> color="#333333" constraint=false dir=both style=dotted]'
    ]


@pytest.mark.parametrize(
    ("fw", "expected"),
    [
        (CUSTOMER, "contradictions"),
        (KINE, "dilemmas"),
        (MIXED, "mixed"),
        (POLARITY, "polarity"),
        (CLOUD, "graph"),
    ],
)
def test_the_default_figure_comes_from_the_content(fw: ref.Framework, expected: str) -> None:
    assert default_figure(fw) == expected


def test_the_mixed_figure_draws_each_kind_in_its_convention() -> None:
    svg = Svg(ref.render(MIXED))
    assert svg.lines("b0_prescribed") == ["Travail prescrit"]  # the Figure 2 row headings
    c_bottom = max(svg.box(n).bottom for n in ("t0_r", "t1_r"))
    assert svg.box("t2_n").top > c_bottom  # the dilemmas under the contradictions
    assert svg.box("t2_n").right < svg.box("t2_a").left < svg.box("t2_b").left  # number, poles
    assert svg.lines("t2_resa")[1] == "• Se relayer au poste toutes les heures"


def test_a_figure_that_would_be_empty_is_refused_saying_what_fits() -> None:
    with pytest.raises(ref.UnsupportedFormatError) as info:
        ref.render(KINE, figure="contradictions")
    assert str(info.value) == (
        "the contradictions figure would be empty: it needs a contradiction "
        "(figures that fit: 'dilemmas', 'graph')"
    )
    with pytest.raises(ref.UnsupportedFormatError, match="it needs a dilemma with upsides"):
        ref.render(KINE, figure="polarity")


def test_resources_hang_from_the_pole_they_help_with() -> None:
    d = KINE.dilemmas[0]
    first, both, second = (
        ref.Resource(label=label, supports=side)
        for label, side in (
            ("Pour le premier", ref.Side.FIRST),
            ("Pour les deux", ref.Side.BOTH),
            ("Pour le second", ref.Side.SECOND),
        )
    )
    fw = attrs.evolve(KINE, tensions=(attrs.evolve(d, resources=(first, both, second)),), links=())
    dot = ref.to_dot(fw, figure="dilemmas")
    assert "t0_a -> t0_resa [arrowhead=none style=dotted]" in dot
    assert "t0_b -> t0_resb [arrowhead=none style=dotted]" in dot
    assert "t0_a -> t0_res [arrowhead=none style=dotted]" in dot
    assert "t0_b -> t0_res [arrowhead=none style=dotted]" in dot


def test_symmetric_links_have_no_single_direction() -> None:
    d1, d2 = KINE.dilemmas[:2]
    links = (
        ref.Link(source=d1.id, target=d2.id, relation=ref.LinkKind.RESEMBLES),
        ref.Link(source=d2.id, target=d1.id, relation=ref.LinkKind.REQUIRES),
    )
    dot = ref.to_dot(attrs.evolve(KINE, tensions=(d1, d2), links=links), figure="graph")
    edges = [line.strip() for line in dot.splitlines() if "->" in line and "label=" in line]
    assert "dir=none" in edges[0] and "constraint=false" in edges[0]
    assert "dir=" not in edges[1]


def test_details_show_descriptions_only_on_request() -> None:
    d = KINE.dilemmas[0]
    described = attrs.evolve(d.first, description="Ce que dit <le> protocole & rien d'autre")
    goal = ref.Goal(
        id="g",
        label="But",
        description="Pourquoi ce but",
        provenance=ref.Provenance(status=ref.Status.ILLUSTRATIVE, justification="test"),
    )
    fw = attrs.evolve(KINE, tensions=(attrs.evolve(d, first=described),), goals=(goal,), links=())
    plain = Svg(ref.render(fw, figure="dilemmas"))
    detailed = Svg(ref.render(fw, figure="dilemmas", details=True))
    assert "Ce que dit <le> protocole & rien" not in " ".join(plain.lines("t0_a"))
    assert detailed.lines("t0_a")[2:4] == ["Ce que dit <le> protocole &", "rien d'autre"]
    graph = Svg(ref.render(fw, figure="graph", details=True))
    assert graph.lines("g0") == ["besoin", "But", "Pourquoi ce but"]
    noted = attrs.evolve(fw, tensions=(attrs.evolve(d, notes="Une note du chercheur"),))
    assert Svg(ref.render(noted, figure="graph", details=True)).lines("t0")[-1] == (
        "Une note du chercheur"
    )
    assert "Une note du chercheur" not in ref.render(noted, figure="graph").decode()
