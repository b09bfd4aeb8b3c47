"""The shipped seed frameworks: content, counts, verbatim poles and quotes, provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

import referentiel as ref

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def customer() -> ref.Framework:
    return ref.load(EXAMPLES / "customer-relations.yaml")


@pytest.fixture(scope="module")
def kine() -> ref.Framework:
    return ref.load(EXAMPLES / "kinesitherapy.yaml")


#: The framework files (the QDA mapping and the certification are other kinds of file).
NAMES = sorted(
    p.name
    for p in EXAMPLES.glob("*.yaml")
    if p.name != "qdpx-mapping.yaml" and not p.name.endswith(".certification.yaml")
)


def test_every_example_is_tested() -> None:
    assert NAMES == [
        "customer-relations.yaml",
        "evaporating-cloud.yaml",
        "kinesitherapy.yaml",
        "mixed.yaml",
        "polarity-map.yaml",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_examples_have_no_issues(name: str) -> None:
    assert ref.check(EXAMPLES / name).issues == ()


@pytest.mark.parametrize("name", ["polarity-map.yaml", "evaporating-cloud.yaml", "mixed.yaml"])
def test_the_made_up_examples_say_so_everywhere(name: str) -> None:
    """Every claim of these examples is illustrative, with a reason, and the title says so."""
    fw = ref.load(EXAMPLES / name)
    assert "illustrati" in fw.title
    found = _provenances(fw)
    assert found and {p.status for p in found} == {ref.Status.ILLUSTRATIVE}
    assert all((p.justification or "").strip() for p in found)


def _provenances(fw: ref.Framework) -> list[ref.Provenance]:
    out = [t.provenance for t in fw.tensions] + [g.provenance for g in fw.goals]
    out += [k.provenance for k in fw.links if k.provenance]
    out += [c.origin_provenance for c in fw.contradictions if c.origin_provenance]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_examples_carry_the_schema_line(name: str) -> None:
    first = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../src/referentiel/referentiel.schema.json"


def claims(fw: ref.Framework) -> list[tuple[object, ...]]:
    """Per contradiction: its number, origin and excerpts, each with how it is known."""
    return [
        (
            c.id,
            c.provenance.status.value,
            (c.number, c.number_status.value),
            (c.origin.value if c.origin else None, c.origin_status.value),
            [(e.speaker or e.source, e.tie_status.value) for e in c.evidence],
        )
        for c in fw.contradictions
    ]


def test_customer_relations_says_what_the_paper_says_and_marks_the_rest(
    customer: ref.Framework,
) -> None:
    """2 and 5 and the three IS excerpts on 5 are the paper's; the rest is marked inferred."""
    r, a = "reconstructed", "attested"
    assert claims(customer) == [
        ("c1", r, (1, r), ("organisation", r), []),
        ("c2", a, (2, a), ("organisation", r), [("balas-touzet", a), ("debriefings", a)]),
        ("c3", r, (3, r), ("situation", r), []),
        ("c4", r, (4, r), ("organisation", r), [("double-tour", r)]),
        ("c5", a, (5, a), ("organisation", r), [("C.", a), ("S.", a), ("B.", a)]),
        ("c6", r, (6, r), ("situation", r), [("balas-touzet", r)]),
    ]
    assert customer.dilemmas == ()
    assert customer.links == ()  # no passage supports a link between two contradictions
    for c in customer.contradictions:  # every inference quotes the paper's own classification
        assert c.origin_provenance is not None
        assert "Nous avons classé ces contradictions selon deux origines" in (
            c.origin_provenance.justification or ""
        )


def test_customer_relations_attested_poles_are_verbatim(customer: ref.Framework) -> None:
    attested = {
        c.number: (c.prescribed.label, c.real.label)
        for c in customer.contradictions
        if c.provenance.status is ref.Status.ATTESTED
    }
    assert attested == {
        2: ("Travail encadré par de multiples procédures", "Insécurité constante"),
        5: ("Respect des procédures", "Réalisation de son travail de conseiller"),
    }


def test_customer_relations_reconstructed_ones_quote_their_passage(customer: ref.Framework) -> None:
    for c in customer.contradictions:
        if c.number in (2, 5):
            continue
        assert c.provenance.status is ref.Status.RECONSTRUCTED
        assert c.provenance.source == "balas-touzet"
        assert (c.provenance.justification or "").startswith("«")
        assert c.number_provenance is not None
        assert c.number_provenance.status is ref.Status.RECONSTRUCTED


def test_customer_relations_every_pole_is_translated(customer: ref.Framework) -> None:
    for c in customer.contradictions:
        for pole in c.poles:
            assert pole.label_in("en") != pole.label


def test_customer_relations_the_three_is_excerpts_back_contradiction_5(
    customer: ref.Framework,
) -> None:
    """Verbatim, with speaker and date, tied to 5 as the paper states, pole not guessed."""
    excerpts = [
        (e.speaker, e.date.isoformat() if e.date else None, t.number, e.supports.value, e.quote)
        for t in customer.tensions
        for e in t.evidence
        if e.speaker
    ]
    assert excerpts == [
        (
            "C.",
            "2021-11-30",
            5,
            "both",
            "Le but c'est de répondre à sa demande le plus rapidement possible et de faire en "
            "sorte qu'elle soit euh qu'elle soit... satisfaite ; C'est l'aider en fait",
        ),
        (
            "S.",
            "2022-01-25",
            5,
            "both",
            "C'est la frustration de ne pouvoir conduire une vraie relation avec un client. [...] "
            "Alors oui, je ressens une frustration {...} effectivement j'aurais pu être frustrée, "
            "enfin je pourrais être frustrée",
        ),
        (
            "B.",
            "2021-11-30",
            5,
            "both",
            "Il va y avoir des moments où tu vas avoir besoin de 3, 4, 5 minutes pour vérifier "
            "une information, ou valider ta GCC ou pour aller aux toilettes par exemple, donc ce "
            "sont des minutes que tu vas devoir rattraper, il faut tout le temps rattraper les "
            "minutes",
        ),
    ]
    methods = {s.id: s.method for s in customer.sources}
    for t in customer.tensions:
        for e in t.evidence:
            if e.speaker:
                assert methods[e.source or ""] is ref.Method.INSTRUCTION_AU_SOSIE
                assert e.provenance is not None
                assert e.provenance.justification == (
                    "« identifiée à partir des entretiens dont les extraits ci-dessous sont issus »"
                )


def test_kinesitherapy_cites_each_phrase_with_its_own_reference(kine: ref.Framework) -> None:
    description = kine.description or ""
    for phrase, reference in (
        ("« un outil de relance des dialogues »", "(Balas, Transformations, résumé)"),
        ("instituantes (sociales et\n  subjectives) »", "(Balas, 2013)"),
        ("répertorie les dilemmes de métier »", "Dossiers des Sciences de l'Éducation"),
    ):
        text = " ".join(description.split())
        assert " ".join(phrase.split()) in text
        assert reference.split(",")[0] in text
    assert {s.id for s in kine.sources} >= {"balas-2011", "balas-transformations", "balas-2013"}
    assert all("instituted pole first" not in (d.provenance.justification or "") for d in kine)


def test_kinesitherapy_is_marked_illustrative_throughout(kine: ref.Framework) -> None:
    assert "ILLUSTRATIF" in (kine.description or "")
    assert "not found in any reachable source" in (kine.description or "")
    assert len(kine.dilemmas) == 4
    assert kine.contradictions == ()
    for d in kine.dilemmas:
        assert d.provenance.status is ref.Status.ILLUSTRATIVE
        assert all(p.dimension is not None for p in d.poles)
        for e in d.evidence:
            assert e.provenance is not None and e.provenance.status is ref.Status.ILLUSTRATIVE
            assert e.quote.startswith("[exemple illustratif]")


def test_last_rounds_files_still_load_and_validate() -> None:
    """A file of the previous format (before per-claim provenance) loads as it did."""
    old = ref.check(Path(__file__).parent / "data" / "customer-relations-2026.1.yaml")
    assert old.issues == ()
    assert [
        c.origin_status
        for c in ref.load(
            Path(__file__).parent / "data" / "customer-relations-2026.1.yaml"
        ).contradictions
    ][:2] == [ref.Status.RECONSTRUCTED, ref.Status.ATTESTED]
