"""Exports: each file opened by a reader we did not write, round trips where the format can hold it."""

from __future__ import annotations

import atexit
import csv
import functools
import io
import json
import os
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import referentiel as ref
from referentiel.io.qda._xml import parse_xml
from referentiel.io.qda.write import project_xml
from referentiel.strategies import valid_frameworks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

# number, origin, poles, provenance, excerpts, then how the number and the grouping are known
TENSION_ROWS = [
    [
        "1",
        "organisation",
        "Répondre dans des délais contraints",
        "Conduire une vraie relation",
        "reconstructed",
        "0",
        "reconstructed",
        "reconstructed",
    ],
    [
        "2",
        "organisation",
        "Travail encadré par de multiples procédures",
        "Insécurité constante",
        "attested",
        "2",
        "attested",
        "reconstructed",
    ],
    [
        "3",
        "situation",
        "Un client idéal-type",
        "Répondre à chaque client dans sa singularité",
        "reconstructed",
        "0",
        "reconstructed",
        "reconstructed",
    ],
    [
        "4",
        "organisation",
        "La traçabilité pour mesurer la charge de travail",
        "Rendre un service de qualité",
        "reconstructed",
        "1",
        "reconstructed",
        "reconstructed",
    ],
    [
        "5",
        "organisation",
        "Respect des procédures",
        "Réalisation de son travail de conseiller",
        "attested",
        "3",
        "attested",
        "reconstructed",
    ],
    [
        "6",
        "situation",
        "Un client coproducteur, autonome",
        "Accompagner les clients qui ne peuvent pas être autonomes",
        "reconstructed",
        "1",
        "reconstructed",
        "reconstructed",
    ],
]
TENSION_HEADER = [
    "number",
    "origin",
    "first",
    "second",
    "provenance",
    "evidence",
    "number_status",
    "origin_status",
    "details",
]
# the details column of the example holds the researchers' notes, and nothing else
for _row, _tension in zip(TENSION_ROWS, CUSTOMER.tensions, strict=True):
    _row.append(f"notes: {' '.join(_tension.notes.split())}" if _tension.notes else "")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node_link"])
@pytest.mark.parametrize("framework", [CUSTOMER, KINE], ids=["customer", "kine"])
def test_graph_formats_round_trip_the_examples(
    fmt: str, framework: ref.Framework, tmp_path: Path
) -> None:
    path = tmp_path / f"f.{fmt}"
    getattr(ref, f"write_{fmt}")(framework, path)
    assert getattr(ref, f"read_{fmt}")(path) == framework


@SETTINGS
@given(valid_frameworks())
def test_node_link_round_trip(framework: ref.Framework) -> None:
    assert ref.loads_node_link(ref.dumps_node_link(framework)) == framework


@SETTINGS
@given(valid_frameworks())
def test_node_link_data_is_networkx_s_own_of_the_graph(framework: ref.Framework) -> None:
    # written without building the graph: the same data networkx makes of the graph itself
    from referentiel.io._graphdata import plain_graph
    from referentiel.io.nodelink import KEYS, node_link_data

    graph = plain_graph(ref.to_networkx(framework), encode=False)
    assert node_link_data(framework) == nx.node_link_data(graph, **KEYS)
    assert json.dumps(node_link_data(framework)) == json.dumps(nx.node_link_data(graph, **KEYS))


@SETTINGS
@given(valid_frameworks(), st.sampled_from(["graphml", "gexf", "plain"]))
def test_the_writers_plain_graph_is_the_typed_graph_made_plain(
    framework: ref.Framework, made_for: str
) -> None:
    # GraphML and GEXF write a plain graph made without the typed one: the same graph
    from referentiel.io._graphdata import framework_graph, plain_graph

    options = {"encode": made_for != "plain", "rename_nodes": made_for == "gexf"}
    made = framework_graph(framework, **options)
    expected = plain_graph(ref.to_networkx(framework), **options)
    assert made.graph == expected.graph
    assert list(made.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(made.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))


def _as_xml_holds_it(framework: ref.Framework) -> ref.Framework:
    """The framework with every string as XML 1.0 can hold it (see io/_graphdata.xml_text)."""
    from referentiel.io._xml import xml_text

    def walk(value: object) -> object:
        if isinstance(value, str):
            return xml_text(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return ref.from_dict(walk(ref.to_dict(framework)))


@SETTINGS
@given(valid_frameworks())
def test_graphml_round_trip(framework: ref.Framework) -> None:
    expected = _as_xml_holds_it(framework)
    assert ref.loads_graphml(ref.dumps_graphml(framework)) == expected


@SETTINGS
@given(valid_frameworks())
def test_gexf_round_trip(framework: ref.Framework) -> None:
    expected = _as_xml_holds_it(framework)
    assert ref.loads_gexf(ref.dumps_gexf(framework)) == expected


def test_gexf_comes_back_whether_networkx_reads_a_simple_graph_or_a_multigraph() -> None:
    # networkx reads a GEXF file as a DiGraph unless it has parallel edges: both are read back
    two = ref.Link(source="c1", target="c2", relation=ref.LinkKind.REINFORCES)
    both = attrs.evolve(CUSTOMER, links=(two, attrs.evolve(two, relation=ref.LinkKind.RESEMBLES)))
    for framework, shape in ((CUSTOMER, nx.DiGraph), (both, nx.MultiDiGraph)):
        text = ref.dumps_gexf(framework)
        assert type(nx.read_gexf(io.BytesIO(text.encode("utf-8")))) is shape
        assert ref.loads_gexf(text) == framework


def test_graphml_read_by_networkx_and_by_an_xml_parser(tmp_path: Path) -> None:
    path = tmp_path / "f.graphml"
    ref.write_graphml(CUSTOMER, path)
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == 6 + 6 + 12 + 7  # sources, tensions, poles, excerpts
    assert g.nodes["pole:c2:real"]["label"] == "Insécurité constante"
    assert g.nodes["tension:c2"]["number"] == 2
    assert json.loads(g.nodes["tension:c1"]["provenance"])["status"] == "reconstructed"
    root = ET.parse(path).getroot()  # noqa: S314 - our own file
    types = {key.get("attr.type") for key in root.iter(f"{GRAPHML}key")}
    assert types <= {"string", "long", "int", "boolean", "double"}
    nodes = root.findall(f"{GRAPHML}graph/{GRAPHML}node")
    assert len(nodes) == 31


def test_gexf_read_by_networkx_and_by_an_xml_parser(tmp_path: Path) -> None:
    path = tmp_path / "f.gexf"
    ref.write_gexf(CUSTOMER, path)
    g = nx.read_gexf(path)
    assert g.nodes["pole:c5:prescribed"]["element_label"] == "Respect des procédures"
    assert g.nodes["framework"]["title"] == CUSTOMER.title
    root = ET.parse(path).getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf"


def test_node_link_uses_explicit_keys() -> None:
    data = json.loads(ref.dumps_node_link(CUSTOMER))
    node = next(n for n in data["nodes"] if n["key"] == "pole:c2:prescribed")
    assert node == {
        "key": "pole:c2:prescribed",
        "kind": "pole",
        "tension": "c2",
        "side": "prescribed",
        "label": "Travail encadré par de multiples procédures",
        "translations": {"en": "Work framed by many procedures"},
    }
    excerpt = next(n for n in data["nodes"] if n["key"] == "evidence:c4:0")
    assert excerpt["provenance"]["status"] == "reconstructed"
    tension = next(n for n in data["nodes"] if n["key"] == "tension:c3")
    assert tension["origin_provenance"]["status"] == "reconstructed"
    cites = next(e for e in data["links"] if e["source"] == "evidence:c5:1")
    assert (cites["target"], cites["key"]) == ("tension:c5", "supports")


def test_csv_tables_exactly() -> None:
    rows = list(csv.reader(io.StringIO(ref.dumps_csv(CUSTOMER))))
    assert rows == [TENSION_HEADER, *TENSION_ROWS]
    evidence = list(csv.DictReader(io.StringIO(ref.dumps_csv(CUSTOMER, table="evidence"))))
    assert len(evidence) == 7
    assert evidence[3] == {
        "tension": "5",
        "pole": "both",
        "speaker": "C.",
        "date": "2021-11-30",
        "method": "instruction-au-sosie",
        "source": "is-c",
        "quote": CUSTOMER["c5"].evidence[0].quote,
        "translation": "",
        "tie": "attested",
    }
    assert [row["tie"] for row in evidence] == [
        "attested",
        "attested",
        "reconstructed",
        "attested",
        "attested",
        "attested",
        "reconstructed",
    ]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_tables(text: str) -> list[list[list[str]]]:
    parser = _Cells()
    parser.feed(text)
    return parser.tables


def test_html_tables_exactly() -> None:
    tensions, evidence = _html_tables(ref.dumps_html(CUSTOMER))
    assert tensions == [
        [
            "N°",
            "Origine",
            "Travail prescrit / pôle 1",
            "Travail réel / pôle 2",
            "Provenance",
            "Extraits",
            "Numéro",
            "Classement",
            "Détails",
        ],
        *TENSION_ROWS,
    ]
    assert evidence[0] == [
        "Tension",
        "Pôle",
        "Locuteur",
        "Date",
        "Méthode",
        "Source",
        "Extrait",
        "Traduction",
        "Lien",
    ]
    assert len(evidence) == 8


def test_markdown_tables_read_by_markdown_it() -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(ref.dumps_markdown(CUSTOMER))
    tensions, evidence = _html_tables(rendered)
    assert tensions[1:] == TENSION_ROWS
    assert evidence[6][:4] == ["5", "both", "B.", "2021-11-30"]


def test_markdown_escapes_pipes() -> None:
    d1 = KINE["d1"]
    assert isinstance(d1, ref.Dilemma)
    fw = attrs.evolve(KINE, tensions=(attrs.evolve(d1, first=ref.Pole(label="a | b")),))
    rendered = MarkdownIt("commonmark").enable("table").render(ref.dumps_markdown(fw))
    assert _html_tables(rendered)[0][1][2] == "a | b"


def test_latex_booktabs_exactly() -> None:
    lines = ref.dumps_latex(CUSTOMER).splitlines()
    assert lines[:8] == [
        r"\begin{table}",
        r"\centering",
        r"\caption{Tableau de synthèse}",
        r"\begin{tabular}{rlp{4cm}p{4cm}llllp{5cm}}",
        r"\toprule",
        r"N° & Origine & Travail prescrit / pôle 1 & Travail réel / pôle 2 & Provenance & "
        r"Extraits & Numéro & Classement & Détails \\",
        r"\midrule",
        r"1 & organisation & Répondre dans des délais contraints & Conduire une vraie relation & "
        r"reconstructed & 0 & reconstructed & reconstructed & notes: The real pole says what the "
        r"advisers think useful to do (« parvenir à nouer une relation utile au client »); its "
        r"English follows the paper's abstract (« genuine relationships »). \\",
    ]
    assert lines.count(r"\bottomrule") == 2


def test_english_headers_and_labels() -> None:
    rows = list(csv.reader(io.StringIO(ref.dumps_csv(CUSTOMER, language="en"))))
    assert rows[2][2:4] == ["Work framed by many procedures", "Constant insecurity"]
    assert _html_tables(ref.dumps_html(CUSTOMER, language="en"))[0][0][0] == "No."


def test_mermaid_exactly_for_a_small_framework() -> None:
    fw = ref.Framework(
        id="m",
        title="T",
        tensions=(
            ref.Contradiction(
                id="a",
                number=1,
                prescribed=ref.Pole(label='say "no" <b>'),
                real=ref.Pole(label="R & D #1"),
                origin=ref.Origin.SITUATION,
                provenance=ref.Provenance(status=ref.Status.RECONSTRUCTED, justification="j"),
            ),
            ref.Contradiction(
                id="b",
                number=2,
                prescribed=ref.Pole(label="P"),
                real=ref.Pole(label="Q"),
                origin=ref.Origin.ORGANISATION,
                provenance=ref.Provenance(status=ref.Status.ATTESTED),
            ),
        ),
        links=(ref.Link(source="a", target="b", relation=ref.LinkKind.CONFLICTS_WITH),),
    )
    assert ref.dumps_mermaid(fw) == "\n".join(
        [
            "flowchart TB",
            "  classDef derived stroke-dasharray: 5 5",
            "  %% T",
            '  subgraph organisation["Contradictions intrinsèques à l\'organisation"]',
            '    subgraph t1["2"]',
            '      t1a["P"] <--> t1b["Q"]',
            "    end",
            "  end",
            '  subgraph situation["Contradictions liées aux situations professionnelles affrontées '
            'et à leurs évolutions récentes"]',
            '    subgraph t0["1"]',
            '      t0a["say #quot;no#quot; #lt;b#gt;"] <--> t0b["R #amp; D #35;1"]',
            "    end",
            "    class t0a,t0b derived",
            "  end",
            '  t0 <-->|"s\'oppose à"| t1',
            "",
        ]
    )


def test_export_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    for suffix, name in (
        (".graphml", "graphml"),
        (".gexf", "gexf"),
        (".json", "node-link"),
        (".mmd", "mermaid"),
        (".dot", "dot"),
        (".md", "markdown"),
        (".csv", "csv"),
        (".html", "html"),
        (".tex", "latex"),
    ):
        path = tmp_path / f"out{suffix}"
        assert ref.export(CUSTOMER, path) == name
        assert path.read_text(encoding="utf-8") == ref.export_text(CUSTOMER, name)
    assert (tmp_path / "out.dot").read_text(encoding="utf-8").startswith("digraph links {")


def test_export_errors_write_nothing(tmp_path: Path) -> None:
    with pytest.raises(ref.UnsupportedFormatError) as info:
        ref.export(CUSTOMER, tmp_path / "out.xyz")
    assert str(info.value) == (
        "cannot tell the export format from the suffix '.xyz': give it (to=...)"
    )
    with pytest.raises(ref.UnsupportedFormatError, match=r"unknown export format: 'pdf'"):
        ref.export(CUSTOMER, tmp_path / "out.pdf", to="pdf")
    assert list(tmp_path.iterdir()) == []


def test_to_dataframe() -> None:
    frame = ref.to_dataframe(CUSTOMER)
    assert list(frame.columns) == TENSION_HEADER
    assert frame["evidence"].tolist() == [0, 2, 0, 1, 3, 1]
    assert ref.to_dataframe(CUSTOMER, table="evidence").shape == (7, 9)


def test_plot_evidence() -> None:
    import matplotlib as mpl

    mpl.use("Agg")
    ax = ref.plot_evidence(CUSTOMER)
    from matplotlib.patches import Rectangle

    widths = [patch.get_width() for patch in ax.patches if isinstance(patch, Rectangle)]
    assert widths == [0, 0, 1, 2, 0, 0, 0, 1, 3, 3, 0, 1]
    assert [t.get_text() for t in ax.get_yticklabels()][1] == (
        "2. Travail encadré par de multiples procédures"
    )
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Travail prescrit",
        "Travail réel",
    ]


def _latex_nodes(text: str) -> list[Any]:
    from pylatexenc.latexwalker import LatexWalker

    nodes, _, _ = LatexWalker(text, tolerant_parsing=False).get_latex_nodes()
    return list(nodes)


def _walk(nodes: list[Any]) -> list[Any]:
    out = []
    for node in nodes or []:
        out.append(node)
        out += _walk(getattr(node, "nodelist", None) or [])
    return out


def test_latex_read_by_pylatexenc() -> None:
    from pylatexenc.latexwalker import LatexEnvironmentNode, LatexMacroNode

    tables = [
        n for n in _latex_nodes(ref.dumps_latex(CUSTOMER)) if isinstance(n, LatexEnvironmentNode)
    ]
    assert [t.environmentname for t in tables] == ["table", "table"]
    rows = []
    for table in tables:
        tabular = next(n for n in _walk(table.nodelist) if isinstance(n, LatexEnvironmentNode))
        assert tabular.environmentname == "tabular"
        macros = [n.macroname for n in _walk(tabular.nodelist) if isinstance(n, LatexMacroNode)]
        assert (macros[0], macros[2], macros[-1]) == ("toprule", "midrule", "bottomrule")
        rows.append(macros.count("\\"))
    assert rows == [1 + 6, 1 + 7]  # a header row, then a row per tension / per excerpt


def test_latex_escapes_what_tex_reads_specially() -> None:
    from pylatexenc.latex2text import LatexNodes2Text

    hostile = "50% & $x_1$ #{a}~^\\"
    fw = attrs.evolve(
        KINE, tensions=(attrs.evolve(KINE.dilemmas[3], first=ref.Pole(label=hostile)),)
    )
    line = ref.dumps_latex(fw).splitlines()[7]
    # pylatexenc renders \textasciicircum as U+02C6, the modifier letter circumflex
    assert LatexNodes2Text().latex_to_text(line.split(" & ")[2]) == hostile.replace("^", "\u02c6")


MERMAID = Path(__file__).resolve().parent / "mermaid"


@functools.cache
def _mermaid() -> subprocess.Popen[str]:
    """Mermaid's parser, started once for the session: starting Node.js costs about 2 s."""
    node = shutil.which("node")
    if node is None or not (MERMAID / "node_modules" / "mermaid").is_dir():
        if os.environ.get("REFERENTIEL_REQUIRE_MERMAID"):
            pytest.fail("Mermaid's parser is not installed (npm install in tests/mermaid)")
        pytest.skip("Mermaid's parser is not installed: npm install --prefix tests/mermaid")
    process = subprocess.Popen(
        [node, str(MERMAID / "parse.mjs")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    atexit.register(_stop, process)
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()  # the parser ends with its input
    process.wait(timeout=30)
    assert process.stdout is not None
    process.stdout.close()


def _mermaid_parse(text: str) -> dict[str, Any]:
    process = _mermaid()
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps({"text": text}) + "\n")
    process.stdin.flush()
    result: dict[str, Any] = json.loads(process.stdout.readline())
    return result


@pytest.mark.parametrize(
    "framework",
    [CUSTOMER, KINE, *(ref.load(EXAMPLES / f"{n}.yaml") for n in ("evaporating-cloud", "mixed"))],
    ids=["customer", "kine", "cloud", "mixed"],
)
def test_mermaid_read_by_mermaid(framework: ref.Framework, tmp_path: Path) -> None:
    assert _mermaid_parse(ref.dumps_mermaid(framework)) == {
        "ok": True,
        "type": "flowchart-v2",
    }


def test_mermaid_hostile_labels_still_parse(tmp_path: Path) -> None:
    hostile = 'a "quote" <tag> & #hash `tick` [x] (y) {z} | pipe -->'
    fw = attrs.evolve(
        KINE, tensions=(attrs.evolve(KINE.dilemmas[3], first=ref.Pole(label=hostile)),)
    )
    assert _mermaid_parse(ref.dumps_mermaid(fw))["ok"] is True


def test_the_mermaid_check_fails_on_a_broken_flowchart(tmp_path: Path) -> None:
    assert _mermaid_parse("flowchart TB\n  a[ok] --> b(\n")["ok"] is False


def test_jsonl_has_one_excerpt_a_line_verbatim_with_its_provenance(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.jsonl"
    assert ref.export(CUSTOMER, path) == "jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = [(t.id, e) for t in CUSTOMER.tensions for e in t.evidence]
    assert [(r["tension"], r["quote"]) for r in records] == [(t, e.quote) for t, e in expected]
    first = records[0]
    assert {k: first[k] for k in ("number", "kind", "pole", "speaker", "date", "method")} == {
        "number": 2,
        "kind": "contradiction",
        "pole": "both",
        "speaker": None,
        "date": None,
        "method": "publication",
    }
    statuses = [r["provenance"]["status"] for r in records]
    assert statuses == [
        (e.provenance.status.value if e.provenance else "attested") for _, e in expected
    ]


@settings(max_examples=50, deadline=None)
@given(valid_frameworks())
def test_jsonl_lines_are_json_whatever_the_text(framework: ref.Framework) -> None:
    text = ref.dumps_jsonl(framework)
    records = [json.loads(line) for line in text.splitlines()]  # any line break ends a line
    assert [r["quote"] for r in records] == [e.quote for t in framework for e in t.evidence]


HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tindent",
    'titre\rclick t0 href "javascript:alert(1)"',
    "<script>alert(1)</script> | pipe\u2028next",
    "ctrl\x00\x07\x1b[31m",
    "NEL\x85LS\u2028PS\u2029end",
    "50% & $x_1$ #{a}~^\\",
]


def _hostile(text: str) -> ref.Framework:
    pole = ref.Pole(label=text)
    tension = attrs.evolve(CUSTOMER.contradictions[1], id=f"c\x01{len(text)}", prescribed=pole)
    excerpt = ref.Evidence(quote=text, speaker=text, supports=ref.Side.REAL)
    tension = attrs.evolve(tension, evidence=(excerpt,))
    return attrs.evolve(CUSTOMER, title=text, tensions=(tension,), links=())


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_every_export_is_well_formed_for_its_reader_whatever_the_text(
    text: str, tmp_path: Path
) -> None:
    fw = _hostile(text)
    # CSV: one row a tension, no cell a formula (OWASP), the text itself otherwise
    rows = list(csv.reader(io.StringIO(ref.dumps_csv(fw))))
    assert len(rows) == 2
    cell = rows[1][2]
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text
    assert list(csv.reader(io.StringIO(ref.dumps_csv(fw, raw=True))))[1][2] == text
    # Markdown: two tables of one row each, no raw HTML
    tokens = MarkdownIt().enable("table").parse(ref.dumps_markdown(fw))
    assert [t.type for t in tokens].count("tr_open") == 4
    assert not any(t.type in ("html_inline", "html_block") for t in tokens)
    # LaTeX: no control character, one line a row
    latex = ref.dumps_latex(fw)
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in latex)
    # XML formats: well-formed, ids included
    for dumps in (ref.dumps_graphml, ref.dumps_gexf):
        parse_xml(dumps(fw).encode("utf-8"))
    parse_xml(project_xml(fw))
    # Mermaid: no line break inside a statement; its own parser reads it
    mermaid = ref.dumps_mermaid(fw)
    assert mermaid.count("\n") == len(mermaid.splitlines())
    assert all(not line.lstrip().startswith("click") for line in mermaid.splitlines())
    assert _mermaid_parse(mermaid)["ok"] is True  # skips only where node is absent


def test_a_translation_never_replaces_the_verbatim() -> None:
    """English evidence with a French translation: the English stays the quote everywhere."""
    verbatim, french = "We never have the time.", "On n'a jamais le temps."
    excerpt = ref.Evidence(quote=verbatim, translations=(("fr", french),), supports=ref.Side.REAL)
    c2 = attrs.evolve(CUSTOMER.contradictions[1], evidence=(excerpt,))
    fw = attrs.evolve(CUSTOMER, language="en", tensions=(c2,))
    rows = list(csv.DictReader(io.StringIO(ref.dumps_csv(fw, table="evidence", language="fr"))))
    assert [(r["quote"], r["translation"]) for r in rows] == [(verbatim, french)]
    untranslated = next(csv.DictReader(io.StringIO(ref.dumps_csv(fw, table="evidence"))))
    assert untranslated["translation"] == ""
    _, evidence = _html_tables(ref.dumps_html(fw, language="fr"))
    assert evidence[1][6:8] == [verbatim, french]
    assert evidence[0][6:8] == ["Extrait", "Traduction"]
    markdown = (
        MarkdownIt("commonmark").enable("table").render(ref.dumps_markdown(fw, language="fr"))
    )
    assert _html_tables(markdown)[1][1][6:8] == [verbatim, french]
    assert json.loads(ref.dumps_jsonl(fw))["quote"] == verbatim
    assert json.loads(ref.dumps_jsonl(fw))["translations"] == {"fr": french}
    # in a figure, a translated excerpt is marked as one; labels left in English are marked too
    dot = ref.to_dot(fw, language="fr", evidence="excerpts")
    assert "On n&#x27;a jamais le temps.</I>" not in dot
    assert "[trad.]" in dot
    # this framework says it is in English: its labels, left untranslated into French, say so
    assert "Insécurité constante<BR/>[en]" in dot


def test_translated_tables_and_flowcharts_say_so() -> None:
    markdown = ref.dumps_markdown(CUSTOMER, language="en")
    assert markdown.splitlines()[0] == "## Summary table (labels translated: fr → en)"
    assert ref.dumps_markdown(CUSTOMER).splitlines()[0] == "## Tableau de synthèse"
    mermaid = ref.dumps_mermaid(CUSTOMER, language="en").splitlines()
    assert mermaid[3] == "  %% labels translated: fr → en"
    untranslated = attrs.evolve(
        CUSTOMER, tensions=(attrs.evolve(CUSTOMER.contradictions[0], real=ref.Pole(label="Réel")),)
    )
    assert '"Réel [fr]"' in ref.dumps_mermaid(untranslated, language="en")
    assert "Réel [fr]" in ref.dumps_csv(untranslated, language="en")


def test_the_tableau_shows_details_and_links_in_every_format() -> None:
    """Polarity points, purposes, resources and notes; links with their assumptions."""
    polarity = ref.load(EXAMPLES / "polarity-map.yaml")
    details = next(csv.DictReader(io.StringIO(ref.dumps_csv(polarity, language="en"))))["details"]
    assert details.startswith(
        "Pole 1, Upsides: Everyone knows what is expected of them; Answers are the same from one "
        "adviser to the next · Pole 1, Downsides: "
    )
    assert "Greater purpose: A reliable service that stays fair to each client" in details
    assert details.endswith(
        "Experience gained (Both poles): A monthly exchange on cases that fall outside the "
        "procedures"
    )
    cloud = ref.load(EXAMPLES / "evaporating-cloud.yaml")
    links = list(csv.DictReader(io.StringIO(ref.dumps_csv(cloud, table="links"))))
    assert links[4] == {
        "link-source": "1 (Suivre strictement la procédure)",
        "relation": "s'oppose à",
        "link-target": "1 (Adapter la réponse hors procédure)",
        "assumptions": "On ne peut pas à la fois suivre la procédure et s'en écarter",
        "provenance": "illustrative",
    }
    assert "## Liens" in ref.dumps_markdown(cloud)
    assert _html_tables(ref.dumps_html(cloud))[2][0] == [
        "De",
        "Relation",
        "Vers",
        "Hypothèses",
        "Provenance",
    ]
    assert ref.dumps_latex(cloud).count(r"\bottomrule") == 3
    assert "## Liens" not in ref.dumps_markdown(CUSTOMER)  # no link, no table of them


def test_graph_formats_keep_goals_poles_of_links_and_assumptions() -> None:
    cloud = ref.load(EXAMPLES / "evaporating-cloud.yaml")
    graphml = ref.dumps_graphml(cloud)
    assert "Seule la procédure garantit la conformité" in graphml  # an assumption, as data
    assert ref.loads_graphml(graphml) == cloud
    assert ref.loads_gexf(ref.dumps_gexf(cloud)) == cloud
    polarity = ref.load(EXAMPLES / "polarity-map.yaml")
    assert "Un service fiable qui reste juste pour chaque client" in ref.dumps_gexf(polarity)
    assert ref.loads_graphml(ref.dumps_graphml(polarity)) == polarity


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)))
def test_xml_text_drops_what_xml_cannot_hold_and_reads_cr_as_lf(text: str) -> None:
    from referentiel.io._xml import xml_text

    expected = "".join(
        c
        for c in text.replace("\r\n", "\n").replace("\r", "\n")
        if c in "\t\n" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
    )
    assert xml_text(text) == expected
