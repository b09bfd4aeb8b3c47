"""Certifications: files, located checks, drafting, RACE and RNCP tables, CASE, figure, diff."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import docx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import referentiel as ref
from referentiel.certification import (
    Activity,
    Answer,
    Bloc,
    Certification,
    Competence,
    Criterion,
    Modality,
    ModalityKind,
    SetAside,
    certification_schema,
    check_certification,
    diff_certifications,
    draft,
    dumps_certification,
    from_case,
    loads_certification,
    race,
    read_certification,
    to_case,
    validate,
)
from referentiel.certification import case as case_module
from referentiel.certification.figure import render, to_dot
from referentiel.certification.files import shipped_certification_schema_text
from referentiel.certification.rules import RULES
from referentiel.errors import FileFormatError
from referentiel.strategies import certifications
from tests.svg import Svg

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "customer-relations.certification.yaml"
CASE_SCHEMA = ROOT / "tests" / "data" / "case" / "case-v1p1-cfpackage-schema.json"
SCRIPT = shutil.which("referentiel", path=str(Path(sys.executable).parent)) or "referentiel"

FRAMEWORK = """\
id: mini
title: Mini
tensions:
  - kind: contradiction
    id: c1
    number: 1
    prescribed: {label: Traiter vite}
    real: {label: Prendre le temps}
    origin: organisation
    provenance: {status: illustrative, justification: exemple}
    evidence:
      - quote: On n'a pas le temps.
        supports: real
  - kind: dilemma
    id: d1
    number: 2
    first: {label: Soigner}
    second: {label: Rééduquer}
    provenance: {status: illustrative, justification: exemple}
    evidence:
      - quote: Il faut choisir.
"""

CERTIFICATION = """\
id: cert
title: Certification
framework: mini.yaml
provenance: {status: illustrative, justification: exemple}
blocs:
  - id: b1
    label: Bloc un
    provenance: {status: illustrative, justification: exemple}
    activities:
      - id: a1
        label: Accueillir
        answers: [{tension: c1}]
        provenance: {status: illustrative, justification: exemple}
    competences:
      - id: k1
        action: Ajuster
        object: la réponse
        purpose: pour servir
        activities: [a1]
        answers: [{tension: c1, pole: real}]
        provenance: {status: illustrative, justification: exemple}
    modalities:
      - id: m1
        label: Mise en situation
        kind: reconstituted-situation
        provenance: {status: illustrative, justification: exemple}
    criteria:
      - id: e1
        label: Explique
        competence: k1
        modality: m1
        provenance: {status: illustrative, justification: exemple}
set_aside:
  - tension: d1
    reason: hors champ
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # files are named as a user in that folder names them
    (tmp_path / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "cert.yaml").write_text(CERTIFICATION, encoding="utf-8")
    return tmp_path


def _issues(folder: Path, text: str) -> list[str]:
    (folder / "cert.yaml").write_text(text, encoding="utf-8")
    return [str(issue) for issue in check_certification("cert.yaml")[2].issues]


def _cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )


# -- files ---------------------------------------------------------------------------------


def test_the_fixture_is_valid_with_no_warning(folder: Path) -> None:
    certification, framework, report = check_certification(folder / "cert.yaml")
    assert report.issues == ()
    assert certification is not None and framework is not None
    assert framework.id == "mini"
    assert certification.blocs[0].competences[0].statement == "Ajuster la réponse pour servir"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    label: Bloc un\n",
            "    label: Bloc un\n    activites: []\n",
            "cert.yaml:8:5: error unknown-key: unknown key 'activites' in a bloc "
            "(did you mean 'activities'?) (at $.blocs[0].activites)",
        ),
        (
            "kind: reconstituted-situation",
            "kind: simulation",
            "cert.yaml:25:15: error unknown-value: unknown modality kind: 'simulation' (expected "
            "one of 'real-situation', 'reconstituted-situation', 'case-study', 'portfolio', "
            "'interview', 'written') (at $.blocs[0].modalities[0].kind)",
        ),
        (
            "        label: Accueillir\n",
            "        label: Accueillir\n        draft: 'yes'\n",
            "cert.yaml:12:16: error wrong-type: expected true or false, got string 'yes' "
            "(at $.blocs[0].activities[0].draft)",
        ),
        (
            "        purpose: pour servir\n",
            "",
            "cert.yaml:15:9: error missing-key: missing required key 'purpose' in a competence "
            "(at $.blocs[0].competences[0])",
        ),
    ],
)
def test_a_bad_file_is_reported_at_its_place(
    folder: Path, old: str, new: str, expected: str
) -> None:
    assert old in CERTIFICATION
    assert _issues(folder, CERTIFICATION.replace(old, new, 1)) == [expected]


def test_a_missing_framework_is_an_error_at_the_framework_key(folder: Path) -> None:
    text = CERTIFICATION.replace("framework: mini.yaml", "framework: gone/mini.yaml")
    assert _issues(folder, text) == [
        "cert.yaml:3:12: error framework-unreadable: cannot use the framework 'gone/mini.yaml': "
        "no such file (at $.framework)"
    ]


def test_an_invalid_framework_is_an_error_at_the_framework_key(folder: Path) -> None:
    (folder / "mini.yaml").write_text(FRAMEWORK.replace("id: d1", "id: c1"), encoding="utf-8")
    assert _issues(folder, CERTIFICATION) == [
        "cert.yaml:3:12: error framework-unreadable: cannot use the framework 'mini.yaml': it "
        "is invalid (mini.yaml:15:9: error duplicate-id: duplicate tension or goal id 'c1' "
        "(first at $.tensions[0].id) (at $.tensions[1].id)) (at $.framework)"
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(certifications())
def test_any_certification_comes_back_from_its_file(certification: Certification) -> None:
    text = dumps_certification(certification)
    assert loads_certification(text) == certification


def test_the_shipped_schema_is_the_generated_one_and_the_example_follows_it() -> None:
    assert json.loads(shipped_certification_schema_text()) == certification_schema()
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["date"] = str(data["date"])  # YAML reads an ISO date as a date; the schema a string
    jsonschema.validate(data, certification_schema(), cls=jsonschema.Draft202012Validator)
    competence = certification_schema()["$defs"]["Competence"]["properties"]
    assert competence["action"]["description"] == "The action verb (verbe d'action): « Ajuster »."


# -- coverage and reference rules ------------------------------------------------------------

RULE_CASES = [
    (
        "duplicate-element-id",
        ("      - id: e1\n", "      - id: k1\n"),
        [
            "cert.yaml:28:13: error duplicate-element-id: duplicate id 'k1' (first at "
            "$.blocs[0].competences[0]) (at $.blocs[0].criteria[0].id)",
        ],
    ),
    (
        "bad-rncp-code",
        ("    label: Bloc un\n", "    label: Bloc un\n    code: BC01\n"),
        [
            "cert.yaml:8:11: error bad-rncp-code: expected a bloc code such as "
            "'RNCP34567BC01', got 'BC01' (at $.blocs[0].code)",
        ],
    ),
    (
        "empty-text",
        ("object: la réponse", "object: ' '"),
        [
            "cert.yaml:17:17: error empty-text: the competence's object is empty "
            "(at $.blocs[0].competences[0].object)"
        ],
    ),
    (
        "unjustified-element",
        (
            "label: Mise en situation\n        kind: reconstituted-situation\n        "
            "provenance: {status: illustrative, justification: exemple}",
            "label: Mise en situation\n        kind: reconstituted-situation\n        "
            "provenance: {status: reconstructed}",
        ),
        [
            "cert.yaml:26:9: error unjustified-element: a reconstructed element needs a "
            "justification (the source passage or the reason) (at $.blocs[0].modalities[0].provenance)"
        ],
    ),
    (
        "unknown-tension",
        ("answers: [{tension: c1}]", "answers: [{tension: c9}]"),
        [
            "cert.yaml:12:29: error unknown-tension: no tension 'c9' in the framework 'mini' "
            "(at $.blocs[0].activities[0].answers[0].tension)"
        ],
    ),
    (
        "wrong-answer-pole",
        ("answers: [{tension: c1, pole: real}]", "answers: [{tension: c1, pole: first}]"),
        [
            "cert.yaml:20:39: error wrong-answer-pole: 'c1' is a contradiction: its poles are "
            "'prescribed', 'real', not 'first' (at $.blocs[0].competences[0].answers[0].pole)"
        ],
    ),
    (
        "unknown-reference",
        ("modality: m1", "modality: m2"),
        [
            "cert.yaml:31:19: error unknown-reference: no modality 'm2' in the certification "
            "(at $.blocs[0].criteria[0].modality)"
        ],
    ),
    (
        "criterion-outside",
        ("competence: k1", "competence: k2"),
        [
            "cert.yaml:15:9: error unevaluated-competence: competence 'k1' is evaluated by no "
            "criterion (at $.blocs[0].competences[0])",
            "cert.yaml:30:21: error criterion-outside: criterion 'e1' evaluates 'k2', which is "
            "not a competence of the référentiel (at $.blocs[0].criteria[0].competence)",
        ],
    ),
    (
        "bloc-not-standalone",
        (
            "set_aside:\n",
            "  - id: b2\n    label: Bloc deux\n    provenance: {status: attested}\nset_aside:\n",
        ),
        ["cert.yaml:33:5: error bloc-not-standalone: bloc 'b2' has no competence (at $.blocs[1])"],
    ),
    (
        "unanswered-tension",
        ("set_aside:\n  - tension: d1\n    reason: hors champ\n", ""),
        [
            "cert.yaml:5:1: warning unanswered-tension: dilemma 'd1' (2) is answered by no "
            "competence and not set aside (at $.blocs)"
        ],
    ),
    (
        "competence-without-evidence",
        ("answers: [{tension: c1, pole: real}]", "answers: []"),
        [
            "cert.yaml:5:1: warning unanswered-tension: contradiction 'c1' (1) is answered by no "
            "competence and not set aside (at $.blocs)",
            "cert.yaml:15:9: warning competence-without-evidence: competence 'k1' answers no "
            "tension: no excerpt can back it (at $.blocs[0].competences[0])",
        ],
    ),
    (
        "unevaluated-competence",
        (
            "    criteria:\n      - id: e1\n        label: Explique\n        competence: k1\n"
            "        modality: m1\n        provenance: {status: illustrative, justification: "
            "exemple}\n",
            "",
        ),
        [
            "cert.yaml:15:9: error unevaluated-competence: competence 'k1' is evaluated by no "
            "criterion (at $.blocs[0].competences[0])",
        ],
    ),
    (
        "far-from-work",
        ("kind: reconstituted-situation", "kind: written"),
        [
            "cert.yaml:15:9: warning far-from-work: competence 'k1' is evaluated only in writing, "
            "far from the work situation (at $.blocs[0].competences[0])"
        ],
    ),
    (
        "draft-left",
        ("        label: Explique\n", "        label: Explique\n        draft: true\n"),
        ["cert.yaml:6:5: warning draft-left: bloc 'b1' holds 1 draft(s): e1 (at $.blocs[0])"],
    ),
]


def test_every_rule_has_a_case() -> None:
    assert sorted(rule.code.code for rule in RULES) == sorted(code for code, _, _ in RULE_CASES)


@pytest.mark.parametrize(("code", "change", "expected"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_each_rule_reports_its_problem_at_its_place(
    folder: Path, code: str, change: tuple[str, str], expected: list[str]
) -> None:
    old, new = change
    assert old in CERTIFICATION
    found = _issues(folder, CERTIFICATION.replace(old, new, 1))
    assert found == expected
    assert any(f" {code}: " in line for line in found)


def test_a_criterion_of_another_bloc_makes_both_blocs_depend_on_each_other(folder: Path) -> None:
    text = CERTIFICATION.replace(
        "set_aside:\n",
        "  - id: b2\n    label: Bloc deux\n    provenance: {status: attested}\n"
        "    competences:\n      - id: k2\n        action: Arbitrer\n        object: entre deux\n"
        "        purpose: pour soigner\n        answers: [{tension: d1}]\n"
        "        provenance: {status: attested}\n"
        "    criteria:\n      - id: e2\n        label: Choisit\n        competence: k1\n"
        "        modality: m1\n        provenance: {status: attested}\n"
        "set_aside:\n",
    )
    assert _issues(folder, text) == [
        "cert.yaml:37:9: error unevaluated-competence: competence 'k2' is evaluated by no "
        "criterion (at $.blocs[1].competences[0])",
        "cert.yaml:46:21: error bloc-not-standalone: criterion 'e2' of bloc 'b2' evaluates 'k1' "
        "of bloc 'b1': each bloc is evaluated on its own (at $.blocs[1].criteria[0].competence)",
        "cert.yaml:47:19: error bloc-not-standalone: criterion 'e2' of bloc 'b2' uses modality "
        "'m1' of bloc 'b1': each bloc is evaluated on its own (at $.blocs[1].criteria[0].modality)",
    ]


# -- drafting --------------------------------------------------------------------------------


def test_the_example_is_exactly_the_draft_of_the_framework() -> None:
    example = read_certification(EXAMPLE)
    framework = ref.load(EXAMPLES / "customer-relations.yaml")
    made = draft(framework, framework_file="customer-relations.yaml", date=example.date)
    assert made == example
    assert example.date == dt.date(2026, 11, 29)


def _claims(certification: Certification) -> list[ref.Provenance]:
    found = [certification.provenance]
    for bloc in certification.blocs:
        found.append(bloc.provenance)
        for name in ("activities", "competences", "modalities", "criteria"):
            found += [element.provenance for element in getattr(bloc, name)]
    return found


@pytest.mark.parametrize("name", ["customer-relations", "kinesitherapy", "polarity-map", "mixed"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_draft_never_claims_to_be_attested_and_marks_every_element(
    name: str, language: str
) -> None:
    framework = ref.load(EXAMPLES / f"{name}.yaml")
    made = draft(framework, framework_file=f"{name}.yaml", language=language)
    assert {p.status for p in _claims(made)} == {ref.Status.ILLUSTRATIVE}
    assert all(p.justification for p in _claims(made))
    elements: list[Bloc | Activity | Competence | Modality | Criterion] = []
    for bloc in made.blocs:
        elements += [bloc, *bloc.activities, *bloc.competences, *bloc.modalities, *bloc.criteria]
    assert all(e.draft for e in elements)
    # every tension answered by exactly one competence, and the draft checks with no error
    answered = [a.tension for _, c in made.competences() for a in c.answers]
    assert sorted(answered) == sorted(t.id for t in framework.tensions)
    report = validate(made, framework)
    assert report.errors == ()
    other = "en" if language == "fr" else "fr"
    assert all(dict(c.translations)[other] for _, c in made.competences())


def test_a_drafted_competence_is_verb_object_purpose() -> None:
    framework = ref.load(EXAMPLES / "kinesitherapy.yaml")
    made = draft(framework, framework_file="k.yaml")
    competence = made.blocs[0].competences[0]
    dilemma = framework.tensions[0]
    assert isinstance(dilemma, ref.Dilemma)
    assert (competence.action, competence.object, competence.purpose) == (
        "Arbitrer",
        f"entre « {dilemma.first.label} » et « {dilemma.second.label} »",
        "pour tenir les deux exigences sans en sacrifier aucune",
    )
    english = draft(framework, framework_file="k.yaml", language="en").blocs[0].competences[0]
    assert english.statement == (
        f"Arbitrate between “{dilemma.first.label_in('en')}” and "
        f"“{dilemma.second.label_in('en')}” so as to hold both demands without sacrificing either"
    )


def test_a_polarity_map_gives_a_criterion_per_early_warning_and_its_greater_purpose() -> None:
    framework = ref.load(EXAMPLES / "polarity-map.yaml")
    made = draft(framework, framework_file="polarity-map.yaml")
    dilemma = framework.tensions[0]
    assert isinstance(dilemma, ref.Dilemma) and dilemma.greater_purpose is not None
    warnings = [
        (side, w.label)
        for side, p in zip(dilemma.SIDES, dilemma.poles, strict=True)
        for w in p.early_warnings
    ]
    criteria = made.blocs[0].criteria
    assert [(c.answers[0].pole, c.label) for c in criteria] == [
        (side, f"Repère le signal d'alerte « {label} » et réajuste son action")
        for side, label in warnings
    ]
    assert made.blocs[0].competences[0].purpose == (
        f"au service de « {dilemma.greater_purpose.label} »"
    )


def test_a_draft_in_an_unknown_language_is_refused() -> None:
    framework = ref.load(EXAMPLES / "mixed.yaml")
    with pytest.raises(
        ref.UnsupportedFormatError, match=r"^no drafts in 'de' \(expected one of 'fr', 'en'\)$"
    ):
        draft(framework, framework_file="m.yaml", language="de")


# -- tables ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Certification:
    return read_certification(EXAMPLE)


def test_the_race_table_in_markdown_reads_as_a_table(example: Certification) -> None:
    text = race.dumps_markdown(example)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    cells = [t.children[0].content if t.children else "" for t in tokens if t.type == "inline"]
    assert cells[:6] == [
        "Référentiel d'activités, de compétences et d'évaluation",
        "Activités",
        "Compétences",
        "Modalités d'évaluation",
        "Critères d'évaluation",
        "",  # the bloc's heading is bold: its first child is the opening mark
    ]
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 2 + 6  # the header, a heading per bloc, a row per competence
    assert rows[1] == (
        "| **b1 — Concilier les prescriptions de l'organisation et le travail réel [brouillon]** | | | |"
    )


def test_the_race_table_in_csv_html_latex_and_word(example: Certification) -> None:
    rows = list(csv.reader(io.StringIO(race.dumps_csv(example))))
    assert rows[0] == ["bloc", "activities", "competences", "modalities", "criteria"]
    assert len(rows) == 7
    assert rows[1][2].startswith(
        "k1. Ajuster la prescription « Répondre dans des délais contraints »"
    )

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)

    parser = Cells()
    parser.feed(race.dumps_html(example))
    assert (parser.tags.count("tr"), parser.tags.count("td")) == (9, 24)

    from pylatexenc.latex2text import LatexNodes2Text

    latex = race.dumps_latex(example)
    assert "Critères d'évaluation" in LatexNodes2Text().latex_to_text(latex)
    assert latex.count(r"\multicolumn{4}{l}") == 2

    document = docx.Document(io.BytesIO(race.dumps_docx(example)))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Activités",
        "Compétences",
        "Modalités d'évaluation",
        "Critères d'évaluation",
    ]
    assert table.rows[1].cells[0].text == table.rows[1].cells[3].text  # the merged heading
    assert table.rows[1].cells[0].text.startswith("b1 — Concilier")
    assert table.rows[2].cells[1].text == race.race_rows(example)[0]["competences"][0]
    assert len(table.rows) == 9
    assert document.core_properties.language == "fr"


def test_a_translated_table_says_so_and_rncp_fields_come_per_bloc(example: Certification) -> None:
    text = race.dumps_markdown(example, language="en")
    assert text.splitlines()[0] == (
        "## Activities, competences and evaluation (labels translated: fr → en)"
    )
    assert (
        "| **b1 — Reconciling the organisation's prescriptions with the real work [draft]** |"
        in text
    )
    rows = race.rncp_rows(example)
    assert [r["LIBELLE"] for r in rows] == [
        "Concilier les prescriptions de l'organisation et le travail réel [brouillon]",
        "Faire face aux situations professionnelles et à leurs évolutions [brouillon]",
    ]
    assert [len(r["LISTE_COMPETENCES"]) for r in rows] == [4, 2]


def test_a_table_cell_cannot_run_as_a_formula_or_break_the_table() -> None:
    made = attrs.evolve(
        read_certification(EXAMPLE),
        blocs=(attrs.evolve(read_certification(EXAMPLE).blocs[0], label="=HYPERLINK(1) | <b>"),),
    )
    assert "'=HYPERLINK(1) | <b>" in race.dumps_csv(made, table="rncp")
    assert "=HYPERLINK(1) \\| &lt;b&gt;" in race.dumps_markdown(made, table="rncp")


# -- CASE ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert {"uri", "date-time", "date"} <= set(checker.checkers)  # formats are checked
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def test_the_example_case_package_is_valid_and_comes_back_equal(
    example: Certification, case_validator: jsonschema.Draft202012Validator
) -> None:
    framework = ref.load(EXAMPLES / "customer-relations.yaml")
    package = json.loads(case_module.dumps_case(example, framework))
    assert [e.message for e in case_validator.iter_errors(package)] == []
    assert from_case(package) == example
    types = [item["CFItemType"] for item in package["CFItems"]]
    assert {t: types.count(t) for t in dict.fromkeys(types)} == {
        "Tension": 6,
        "Bloc de compétences": 2,
        "Activity": 6,
        "Competency": 6,
        "Evaluation modality": 2,
        "Evaluation criterion": 6,
    }
    kinds = [a["associationType"] for a in package["CFAssociations"]]
    assert {k: kinds.count(k) for k in dict.fromkeys(kinds)} == {
        "isChildOf": 22,
        "ext:answers": 18,
        "ext:followsFrom": 6,
        "ext:evaluates": 6,
        "ext:evaluatedThrough": 6,
    }
    levels = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["quality"], lv["score"]) for lv in levels] == [
        ("Non maîtrisé", 0),
        ("En cours d'acquisition", 1),
        ("Maîtrisé", 2),
    ]


def test_the_committed_case_file_is_the_export_of_the_example(example: Certification) -> None:
    framework = ref.load(EXAMPLES / "customer-relations.yaml")
    committed = (EXAMPLES / "customer-relations.case.json").read_text(encoding="utf-8")
    assert committed == case_module.dumps_case(example, framework)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(certifications())
def test_any_certification_round_trips_through_a_valid_case_package(
    certification: Certification,
) -> None:
    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    package = json.loads(json.dumps(to_case(certification)))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(package)] == []
    assert from_case(package) == certification


def test_identifiers_are_stable_and_a_change_touches_only_its_item(example: Certification) -> None:
    first, again = to_case(example), to_case(example)
    assert first == again
    bloc = example.blocs[0]
    changed = attrs.evolve(
        example,
        blocs=(
            attrs.evolve(
                bloc,
                competences=(
                    attrs.evolve(bloc.competences[0], purpose="pour servir l'assuré"),
                    *bloc.competences[1:],
                ),
            ),
            *example.blocs[1:],
        ),
    )
    after = to_case(changed)
    assert [i["identifier"] for i in after["CFItems"]] == [
        i["identifier"] for i in first["CFItems"]
    ]
    differ = [
        a["humanCodingScheme"]
        for a, b in zip(first["CFItems"], after["CFItems"], strict=True)
        if a != b
    ]
    assert differ == ["k1"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        JSON,
        st.builds(
            lambda p, doc: {**p, "CFDocument": doc},
            st.dictionaries(st.sampled_from(["CFItems", "CFAssociations", "CFRubrics"]), JSON),
            JSON,
        ),
    )
)
def test_reading_any_json_as_a_package_never_crashes(data: Any) -> None:
    try:
        from_case(data)
    except FileFormatError as error:
        assert error.issues


def test_a_broken_package_is_reported_with_its_path() -> None:
    with pytest.raises(FileFormatError) as caught:
        case_module.loads_case('{"CFDocument": {}, "CFItems": 3}', filename="p.json")
    assert str(caught.value) == (
        "p.json: error case-format: expected a JSON array, got int (at $.CFItems)"
    )
    with pytest.raises(FileFormatError) as caught:
        case_module.loads_case('{"CFDocument": ', filename="p.json")
    assert str(caught.value) == ("p.json:1:16: error case-format: not JSON: Expecting value (at $)")


# -- figure ----------------------------------------------------------------------------------


def test_the_figure_reads_from_tensions_to_competences_to_criteria(example: Certification) -> None:
    framework = ref.load(EXAMPLES / "customer-relations.yaml")
    svg = Svg(render(example, framework))
    assert set(svg.clusters) == {"cluster_tensions", "cluster_bloc_0", "cluster_bloc_1"}
    assert svg.lines("t_c1") == [
        "1",
        "Répondre dans des délais",
        "contraints",
        "↕",
        "Conduire une vraie relation",
    ]
    assert svg.lines("e_e1")[0] == "e1"
    for bloc in example.blocs:
        for competence in bloc.competences:
            k = svg.box(f"k_{competence.id}")
            for answer in competence.answers:
                assert svg.box(f"t_{answer.tension}").right < k.left
        for criterion in bloc.criteria:
            assert svg.box(f"k_{criterion.competence}").right < svg.box(f"e_{criterion.id}").left
    b1, b2 = svg.cluster_box("cluster_bloc_0"), svg.cluster_box("cluster_bloc_1")
    assert all(b1.contains(svg.box(f"k_{c.id}")) for c in example.blocs[0].competences)
    assert all(b2.contains(svg.box(f"e_{c.id}")) for c in example.blocs[1].criteria)
    dot = to_dot(example, framework, language="en", theme="bw")
    assert "Reconciling the organisation" in dot and "[draft]" in dot


def test_an_empty_title_is_drawn_without_its_empty_element(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Graphviz refuses an empty <FONT> or <B> as a syntax error: a certification with an empty
    # title (found by the damaged-certification property) could not be drawn
    from referentiel.cli import main

    text = CERTIFICATION.replace("title: Certification", "title: ''")
    (folder / "cert.yaml").write_text(text, encoding="utf-8")
    assert main(["certification", "render", "cert.yaml", "-o", "f.svg"]) == 0
    assert capsys.readouterr().err == "wrote f.svg\n"
    dot = to_dot(read_certification(folder / "cert.yaml"), ref.load(folder / "mini.yaml"))
    assert 'label=<<FONT POINT-SIZE="16"></FONT>>' not in dot
    assert "label=<>" in dot
    svg = Svg((folder / "f.svg").read_bytes())
    assert svg.lines("k_k1")[0] == "k1"


# -- comparison ------------------------------------------------------------------------------


def test_diff_sees_a_reworded_competence_a_dropped_criterion_and_a_move(
    example: Certification,
) -> None:
    b1, b2 = example.blocs
    moved = b1.activities[0]
    new = attrs.evolve(
        example,
        title="Nouveau titre",
        blocs=(
            attrs.evolve(
                b1,
                activities=b1.activities[1:],
                criteria=b1.criteria[1:],
                competences=(
                    attrs.evolve(b1.competences[0], object="la réponse attendue"),
                    *b1.competences[1:],
                ),
            ),
            attrs.evolve(b2, activities=(*b2.activities, moved)),
        ),
    )
    difference = diff_certifications(example, new)
    assert str(difference).splitlines() == [
        "~ title: 'Référentiel de certification (brouillon) : Contradictions professionnelles "
        "d... → 'Nouveau titre'",
        "- criterion e1 (bloc b1)",
        "~ competence k1 (bloc b1)",
        "    object: 'la prescription « Répondre dans des délais contraints » aux exigences du "
        "tra... → 'la réponse attendue'",
        "~ activity a1 (bloc b2)",
        "    bloc: 'b1' → 'b2'",
    ]
    assert diff_certifications(example, example).equal


# -- command line ----------------------------------------------------------------------------


def test_the_commands_draft_check_export_draw_compare_and_read_back(folder: Path) -> None:
    done = _cli("certification", "draft", "mini.yaml", "-o", "drafted.yaml", cwd=folder)
    assert (done.returncode, done.stderr) == (
        0,
        "wrote drafted.yaml (2 bloc(s), 2 competence(s), drafts)\n",
    )
    drafted = read_certification(folder / "drafted.yaml")
    assert drafted.framework == "mini.yaml" and drafted.date == dt.date.today()
    done = _cli("certification", "validate", "drafted.yaml", cwd=folder)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "drafted.yaml:11:3: warning draft-left: bloc 'b1' holds 5 draft(s): b1, a1, k1, m1, e1 "
        "(at $.blocs[0])",
        "drafted.yaml:83:3: warning draft-left: bloc 'b2' holds 5 draft(s): b2, a2, k2, m2, e2 "
        "(at $.blocs[1])",
    ]
    for out, used in (("race.docx", "docx"), ("pkg.json", "case"), ("race.tex", "latex")):
        done = _cli("certification", "export", "cert.yaml", "-o", out, cwd=folder)
        assert (done.returncode, done.stderr) == (0, f"wrote {out} ({used})\n")
    done = _cli("certification", "render", "cert.yaml", "-o", "fig.svg", cwd=folder)
    assert (done.returncode, (folder / "fig.svg").read_bytes()[:5]) == (0, b"<?xml")
    done = _cli("certification", "import-case", "pkg.json", "-o", "back.yaml", cwd=folder)
    assert done.returncode == 0
    assert read_certification(folder / "back.yaml") == read_certification(folder / "cert.yaml")
    done = _cli("certification", "diff", "cert.yaml", "back.yaml", cwd=folder)
    assert (done.returncode, done.stdout) == (0, "no differences\n")
    done = _cli("certification", "diff", "cert.yaml", "drafted.yaml", cwd=folder)
    assert done.returncode == 1


def test_an_invalid_certification_writes_nothing_and_exits_1(folder: Path) -> None:
    (folder / "cert.yaml").write_text(CERTIFICATION.replace("competence: k1", "competence: k2"))
    (folder / "race.md").write_text("keep", encoding="utf-8")
    done = _cli("certification", "export", "cert.yaml", "-o", "race.md", cwd=folder)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "referentiel: cert.yaml is invalid"
    assert (folder / "race.md").read_text(encoding="utf-8") == "keep"
    done = _cli("certification", "export", "cert.yaml", "-o", "cert.yaml", cwd=folder)
    assert done.returncode == 1  # invalid first; a valid one would be refused as the input


def test_exporting_over_the_input_is_refused(folder: Path) -> None:
    done = _cli(
        "certification", "export", "cert.yaml", "--to", "yaml", "-o", "cert.yaml", cwd=folder
    )
    assert (done.returncode, done.stderr) == (
        2,
        "referentiel: error: cert.yaml: refusing to overwrite cert.yaml, which this command reads\n",
    )
    assert (folder / "cert.yaml").read_text(encoding="utf-8") == CERTIFICATION


def test_the_certification_page_shows_the_fixture() -> None:
    page = (ROOT / "docs" / "certification.md").read_text(encoding="utf-8")
    block = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert loads_certification(block) == loads_certification(CERTIFICATION)


def test_answers_can_name_a_pole() -> None:
    assert Answer(tension="c1", pole=ref.Side.REAL) != Answer(tension="c1")
    assert SetAside(tension="d1", reason="x").reason == "x"
    assert ModalityKind("written") is ModalityKind.WRITTEN


def test_validate_and_diff_take_a_certification_for_what_it_is(folder: Path) -> None:
    done = _cli("validate", "cert.yaml", cwd=folder)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "",
        "1 file(s) checked: 0 error(s), 0 warning(s)\n",
    )
    (folder / "cert.yaml").write_text(CERTIFICATION.replace("competence: k1", "competence: k2"))
    done = _cli("validate", "cert.yaml", cwd=folder)
    assert done.returncode == 1
    assert done.stdout.splitlines()[1] == (
        "cert.yaml:30:21: error criterion-outside: criterion 'e1' evaluates 'k2', which is not "
        "a competence of the référentiel (at $.blocs[0].criteria[0].competence)"
    )
    (folder / "old.yaml").write_text(CERTIFICATION, encoding="utf-8")
    done = _cli("diff", "old.yaml", "cert.yaml", cwd=folder)
    assert (done.returncode, done.stdout) == (
        1,
        "~ criterion e1 (bloc b1)\n    competence: 'k1' → 'k2'\n",
    )


# -- hostile input ---------------------------------------------------------------------------

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_KEYS = st.sampled_from(
    ["id", "label", "blocs", "competences", "criteria", "answers", "tension", "pole", "draft"]
) | st.text(max_size=5)
_TREES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=15,
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _put(data: Any, path: tuple[Any, ...], value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _put(data[head], rest, value)}
    return [_put(item, rest, value) if i == head else item for i, item in enumerate(data)]


@st.composite
def _damaged(draw: st.DrawFn) -> object:
    """A certification's plain data with one part replaced by anything."""
    from referentiel.io import plain

    certification = attrs.evolve(draw(certifications()), framework="mini.yaml")
    data = plain.converter.unstructure(certification, Certification)
    place = draw(st.sampled_from(_places(data)[1:] or [()]))
    return _put(data, place, draw(_TREES))


@settings(
    max_examples=40,
    deadline=dt.timedelta(seconds=30),
    suppress_health_check=list(HealthCheck),
)
@given(_damaged())
def test_any_damaged_certification_ends_in_located_lines_and_writes_nothing(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], data: object
) -> None:
    import yaml

    from referentiel.cli import main

    folder = tmp_path_factory.mktemp("damaged")
    (folder / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    source = folder / "cert.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    located = re.compile(rf"{re.escape(str(source))}:\d+:\d+: (error|warning) [a-z0-9-]+: .+")
    capsys.readouterr()
    for action, out in (
        ("validate", None),
        ("export", folder / "race.md"),
        ("render", folder / "f.svg"),
    ):
        argv = ["certification", action, str(source)] + (["-o", str(out)] if out else [])
        code = main(argv)
        printed = capsys.readouterr()
        lines = [line for line in (printed.out + printed.err).splitlines() if line]
        assert code in (0, 1, 2), (action, lines)
        assert not any("internal error" in line or "Traceback" in line for line in lines)
        for line in lines:
            assert (
                located.fullmatch(line)
                or line.startswith(("1 file(s) checked:", "wrote "))
                or line == f"referentiel: {source} is invalid"
            ), (action, line)
        if out is not None:
            assert out.exists() == (code == 0), (action, code, lines)
