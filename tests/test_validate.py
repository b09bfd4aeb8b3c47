"""Validation: one test per rule, asserting code, severity, message and path exactly."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import referentiel as ref
from referentiel.strategies import frameworks

PROV = ref.Provenance(status=ref.Status.ATTESTED)


def contradiction(id: str = "c1", number: int = 1, **changes: Any) -> ref.Contradiction:
    base = ref.Contradiction(
        id=id,
        number=number,
        prescribed=ref.Pole(label="P"),
        real=ref.Pole(label="R"),
        origin=ref.Origin.ORGANISATION,
        provenance=PROV,
        evidence=(ref.Evidence(quote="q", supports=ref.Side.REAL),),
    )
    return attrs.evolve(base, **changes)


def issues(*tensions: ref.Tension, **changes: Any) -> list[str]:
    """The issues of a framework of *tensions*, but the one rule its attested PROV trips."""
    fw = attrs.evolve(ref.Framework(id="f", title="F", tensions=tensions), **changes)
    return [str(i) for i in ref.validate(fw).issues if i.code != "unchecked-attestation"]


def test_an_attested_claim_names_its_source() -> None:
    checked = ref.Provenance(status=ref.Status.ATTESTED, source="paper")
    inferred = ref.Provenance(status=ref.Status.RECONSTRUCTED, justification="« passage »")
    paper = ref.Source(id="paper", method=ref.Method.PUBLICATION)
    fw = ref.Framework(
        id="f",
        title="F",
        sources=(paper,),
        tensions=(
            contradiction(provenance=checked),
            contradiction(
                "c2", 2, provenance=checked, origin_provenance=PROV, number_provenance=inferred
            ),
        ),
    )
    assert [str(i) for i in ref.validate(fw).issues] == [
        "warning unchecked-attestation: marked attested, but no source says where: nothing can "
        "be checked (at $.tensions[1].origin_provenance)"
    ]
    c2 = fw.contradictions[1]
    assert (c2.origin_status, c2.number_status) == (ref.Status.ATTESTED, ref.Status.RECONSTRUCTED)


def test_valid_framework_has_no_issues() -> None:
    assert issues(contradiction()) == []


def test_duplicate_ids_and_numbers() -> None:
    assert issues(contradiction(), contradiction()) == [
        "error duplicate-id: duplicate tension or goal id 'c1' (first at $.tensions[0].id) "
        "(at $.tensions[1].id)",
        "error duplicate-number: duplicate tension number 1 (first at $.tensions[0].number) "
        "(at $.tensions[1].number)",
    ]


def test_duplicate_source_and_evidence_ids() -> None:
    src = ref.Source(id="s", method=ref.Method.OTHER)
    ev = ref.Evidence(quote="q", id="e")
    assert issues(contradiction(evidence=(ev, ev)), sources=(src, src)) == [
        "error duplicate-id: duplicate source id 's' (first at $.sources[0].id) (at $.sources[1].id)",
        "error duplicate-id: duplicate evidence id 'e' (first at $.tensions[0].evidence[0].id) "
        "(at $.tensions[0].evidence[1].id)",
    ]


def test_numbers_start_at_one() -> None:
    assert issues(contradiction(number=0)) == [
        "error bad-number: numbers start at 1, got 0 (at $.tensions[0].number)"
    ]


def test_poles_must_be_non_empty_and_distinct() -> None:
    assert issues(contradiction(real=ref.Pole(label="  "))) == [
        "error empty-pole: the pole's label is empty (at $.tensions[0].real.label)"
    ]
    assert issues(contradiction(real=ref.Pole(label=" p "))) == [
        "error identical-poles: both poles read 'P': a tension needs two distinct poles "
        "(at $.tensions[0].real.label)"
    ]


def test_a_missing_origin_is_a_warning_that_can_be_acknowledged() -> None:
    assert issues(contradiction(origin=None)) == [
        "warning missing-origin: contradiction 'c1' has no origin "
        "(expected one of 'organisation', 'situation') (at $.tensions[0])"
    ]
    assert issues(contradiction(origin=None, acknowledged=("missing-origin",))) == []


def test_sources_must_exist() -> None:
    ev = ref.Evidence(quote="q", source="is-x")
    prov = ref.Provenance(status=ref.Status.ATTESTED, source="paper")
    src = ref.Source(id="is-c", method=ref.Method.INSTRUCTION_AU_SOSIE)
    assert issues(contradiction(evidence=(ev,), provenance=prov), sources=(src,)) == [
        "error unknown-source: unknown source 'is-x' (expected one of 'is-c') "
        "(at $.tensions[0].evidence[0].source)",
        "error unknown-source: unknown source 'paper' (expected one of 'is-c') "
        "(at $.tensions[0].provenance.source)",
    ]


def test_reconstructed_and_illustrative_need_a_justification() -> None:
    bare = ref.Provenance(status=ref.Status.ILLUSTRATIVE, justification=" ")
    pole = ref.Pole(label="R", provenance=ref.Provenance(status=ref.Status.RECONSTRUCTED))
    assert issues(contradiction(provenance=bare, real=pole)) == [
        "error missing-justification: an illustrative element needs a justification "
        "(the source passage or the reason) (at $.tensions[0].provenance)",
        "error missing-justification: a reconstructed element needs a justification "
        "(the source passage or the reason) (at $.tensions[0].real.provenance)",
    ]


def test_empty_quote_and_wrong_pole() -> None:
    evs = (ref.Evidence(quote=""), ref.Evidence(quote="q", supports=ref.Side.FIRST))
    assert issues(contradiction(evidence=evs)) == [
        "error empty-quote: the quote is empty (at $.tensions[0].evidence[0].quote)",
        "error wrong-pole: a contradiction has no 'first' pole "
        "(expected one of 'prescribed', 'real', 'both') (at $.tensions[0].evidence[1].supports)",
    ]


def test_link_ends_must_exist_and_differ() -> None:
    links = (
        ref.Link(source="c1", target="c9", relation=ref.LinkKind.REINFORCES),
        ref.Link(source="c1", target="c1", relation=ref.LinkKind.RESEMBLES),
    )
    assert issues(contradiction(), links=links) == [
        "error unknown-link-end: unknown tension or goal 'c9' (at $.links[0].target)",
        "error self-link: 'c1' is linked to itself (at $.links[1])",
    ]


def test_the_same_link_twice() -> None:
    link = ref.Link(source="c1", target="c2", relation=ref.LinkKind.REINFORCES)
    assert issues(contradiction(), contradiction(id="c2", number=2), links=(link, link)) == [
        "error duplicate-link: duplicate link ('c1', 'c2', 'reinforces') (first at $.links[0]) "
        "(at $.links[1])"
    ]


def test_warnings_numbering_gap_and_no_evidence() -> None:
    assert issues(contradiction(number=3, evidence=())) == [
        "warning numbering-gap: tension numbers skip 1, 2 (at $.tensions)",
        "warning no-evidence: contradiction 'c1' has no evidence (at $.tensions[0])",
    ]


def test_acknowledged_warnings_are_not_reported() -> None:
    quiet = contradiction(number=3, evidence=(), acknowledged=("no-evidence",))
    assert issues(quiet) == ["warning numbering-gap: tension numbers skip 1, 2 (at $.tensions)"]
    assert issues(quiet, acknowledged=("numbering-gap",)) == []


def test_only_warnings_can_be_acknowledged() -> None:
    assert issues(contradiction(acknowledged=("bad-number",))) == [
        "warning unknown-acknowledgement: cannot acknowledge 'bad-number': only warnings can "
        "be (expected one of 'missing-origin', 'no-evidence', 'numbering-gap', "
        "'unchecked-attestation') (at $.tensions[0].acknowledged[0])"
    ]


def test_errors_come_before_warnings() -> None:
    report = ref.validate(
        ref.Framework(
            id="f",
            title="F",
            tensions=(contradiction(number=2, evidence=()), contradiction(id="c2", number=2)),
            acknowledged=("unchecked-attestation",),
        )
    )
    assert [i.severity for i in report.issues] == [
        ref.Severity.ERROR,
        ref.Severity.WARNING,
        ref.Severity.WARNING,
    ]
    assert not report.ok


def test_ensure_valid_raises_one_error_listing_all() -> None:
    fw = ref.Framework(
        id="f", title="F", tensions=(contradiction(number=0), contradiction("c1", number=2))
    )
    with pytest.raises(ref.ValidationError) as info:
        ref.ensure_valid(fw)
    assert str(info.value) == (
        "2 validation error(s):\n"
        "error duplicate-id: duplicate tension or goal id 'c1' (first at $.tensions[0].id) "
        "(at $.tensions[1].id)\n"
        "error bad-number: numbers start at 1, got 0 (at $.tensions[0].number)"
    )
    assert info.value.report.errors == ref.validate(fw).errors


@settings(max_examples=200, deadline=None)
@given(frameworks)
def test_validate_never_raises(framework: ref.Framework) -> None:
    report = ref.validate(framework)
    assert report.ok == (not report.errors)


def test_check_locates_validation_issues(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "id: f\ntitle: F\ntensions:\n"
        "  - kind: dilemma\n    id: d1\n    number: 2\n"
        "    first: {label: A}\n    second:\n      label: ''\n"
        "    provenance: {status: illustrative}\n",
        encoding="utf-8",
    )
    assert [str(i) for i in ref.check(path).issues] == [
        f"{path}:9:14: error empty-pole: the pole's label is empty (at $.tensions[0].second.label)",
        f"{path}:10:5: error missing-justification: an illustrative element needs a justification "
        "(the source passage or the reason) (at $.tensions[0].provenance)",
        f"{path}:3:1: warning numbering-gap: tension numbers skip 1 (at $.tensions)",
        f"{path}:4:5: warning no-evidence: dilemma 'd1' has no evidence (at $.tensions[0])",
    ]


def test_a_huge_number_is_a_bounded_warning() -> None:
    """A typo like number: 1000000000000 lists ten missing numbers, not a trillion."""
    fw = ref.load("examples/customer-relations.yaml")
    huge = attrs.evolve(
        fw, tensions=(attrs.evolve(fw.tensions[0], number=10**12), *fw.tensions[1:])
    )
    gaps = [str(i) for i in ref.validate(huge).issues if i.code == "numbering-gap"]
    assert gaps == [
        "warning numbering-gap: tension numbers skip 1, 7, 8, 9, 10, 11, 12, 13, 14, 15 ... "
        "(999999999994 numbers in all) (at $.tensions)"
    ]


def test_lone_surrogates_are_refused_where_they_are() -> None:
    """Half of a UTF-16 pair is not a character: no file can hold it, so validation says where."""
    tension = contradiction(
        prescribed=ref.Pole(label="P\ud800", translations=(("en", "\udfffP"),)),
        evidence=(ref.Evidence(quote="q", supports=ref.Side.REAL, speaker="C.\udc00"),),
    )
    assert issues(tension, title="F\ud83d") == [
        "error lone-surrogate: lone surrogate U+D83D at character 2 (at $.title)",
        "error lone-surrogate: lone surrogate U+D800 at character 2 (at $.tensions[0].prescribed.label)",
        "error lone-surrogate: lone surrogate U+DFFF at character 1"
        " (at $.tensions[0].prescribed.translations.en)",
        "error lone-surrogate: lone surrogate U+DC00 at character 3"
        " (at $.tensions[0].evidence[0].speaker)",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(categories=["Cs"]) | st.characters(), max_size=6))
def test_a_text_is_refused_exactly_when_it_holds_a_surrogate(text: str) -> None:
    """Hypothesis leaves surrogates out of text by default: they are drawn here on purpose."""
    codes = {i.code for i in ref.validate(ref.Framework(id="f", title=text)).issues}
    assert ("lone-surrogate" in codes) == any("\ud800" <= c <= "\udfff" for c in text)


def test_surrogate_escapes_in_files_are_located(tmp_path: Path) -> None:
    yaml_file = tmp_path / "f.yaml"
    yaml_file.write_text('id: f\ntitle: "A\\ud800"\ntranslations:\n  en: "\\U0000dfff"\n')
    json_file = tmp_path / "f.json"
    json_file.write_text('{"id": "f",\n "title": "pair \\ud83d\\ude00 ok",\n "trade": "\\udc00"}')
    assert [str(i) for i in ref.check(yaml_file).issues] == [
        f"{yaml_file}:2:8: error lone-surrogate: lone surrogate U+D800 at character 2 (at $.title)",
        f"{yaml_file}:4:7: error lone-surrogate: lone surrogate U+DFFF at character 1"
        " (at $.translations.en)",
    ]
    assert [str(i) for i in ref.check(json_file).issues] == [
        f"{json_file}:3:11: error lone-surrogate: lone surrogate U+DC00 at character 1 (at $.trade)",
    ]


def test_links_to_poles_and_goals_are_checked_where_they_are_written() -> None:
    text = """\
id: cloud
title: Nuage
goals:
  - {id: a, label: Objectif, kind: objective, provenance: {status: illustrative, justification: x}}
  - {id: c1, label: Doublon, provenance: {status: illustrative, justification: x}}
tensions:
  - kind: contradiction
    id: c1
    number: 1
    origin: organisation
    prescribed: {label: P, upsides: [{label: " "}]}
    real: {label: R}
    provenance: {status: illustrative, justification: x}
    acknowledged: [no-evidence]
  - kind: dilemma
    id: d1
    number: 2
    first: {label: A}
    second: {label: B}
    resources: [{label: Astuce, supports: real}]
    provenance: {status: illustrative, justification: x}
    acknowledged: [no-evidence]
links:
  - {source: a, target: d1, target_pole: prescribed, relation: requires}
  - {source: a, source_pole: first, target: c1, relation: requires}
  - {source: d1, source_pole: first, target: d1, target_pole: second, relation: conflicts-with}
  - {source: d1, source_pole: first, target: d1, target_pole: first, relation: conflicts-with}
  - {source: a, target: zz, relation: requires, assumptions: [{label: "", provenance: {status: reconstructed}}]}
"""
    report = ref.validate(ref.loads(text, filename="cloud.yaml"))
    assert [str(i) for i in report.errors] == [
        "error duplicate-id: duplicate tension or goal id 'c1' (first at $.tensions[0].id) "
        "(at $.goals[1].id)",
        "error empty-pole: the label is empty (at $.tensions[0].prescribed.upsides[0].label)",
        "error empty-pole: the label is empty (at $.links[4].assumptions[0].label)",
        "error missing-justification: a reconstructed element needs a justification (the source "
        "passage or the reason) (at $.links[4].assumptions[0].provenance)",
        "error wrong-pole: a dilemma has no 'real' pole (expected one of 'first', 'second', "
        "'both') (at $.tensions[1].resources[0].supports)",
        "error wrong-pole: a dilemma has no 'prescribed' pole (expected one of 'first', "
        "'second') (at $.links[0].target_pole)",
        "error wrong-pole: goal 'a' has no pole (at $.links[1].source_pole)",
        "error unknown-link-end: unknown tension or goal 'zz' (at $.links[4].target)",
        "error self-link: 'd1' is linked to itself (at $.links[3])",
    ]


def _collections_while_validating(fw: ref.Framework, *, enabled: bool) -> tuple[int, bool]:
    """How many collector passes validating *fw* starts (one allowed every allocation, when on),
    and whether the collector is on after it."""
    passes: list[str] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(phase)

    threshold, was = gc.get_threshold(), gc.isenabled()
    gc.collect()
    gc.set_threshold(1)
    gc.callbacks.append(seen)
    (gc.enable if enabled else gc.disable)()
    try:
        ref.validate(fw)
        after = gc.isenabled()
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*threshold)
        (gc.enable if was else gc.disable)()
    return len(passes), after


@pytest.mark.parametrize("enabled", [True, False])
def test_validation_leaves_the_collector_alone_and_as_it_was(enabled: bool) -> None:  # noqa: FBT001
    """The rules make no cycles: the collector's passes over a framework just read are waste
    (at 10 000 tensions, 0.3 s of validation's 0.7 s, growing faster than the framework)."""
    fw = ref.load(Path(__file__).resolve().parent.parent / "examples" / "customer-relations.yaml")
    count = len(fw.tensions)
    larger = attrs.evolve(  # the example twenty times over, as valid as the example
        fw,
        tensions=tuple(
            attrs.evolve(
                t,
                id=f"{t.id}-{k}",
                number=t.number + count * k,
                evidence=tuple(attrs.evolve(e, id=e.id and f"{e.id}-{k}") for e in t.evidence),
            )
            for k in range(20)
            for t in fw.tensions
        ),
    )
    assert ref.validate(fw).issues == ref.validate(larger).issues == ()
    small, after_small = _collections_while_validating(fw, enabled=enabled)
    large, after_large = _collections_while_validating(larger, enabled=enabled)
    assert (after_small, after_large) == (enabled, enabled)
    # only the calls around the rules may start one: as many for twenty times the tensions
    assert small == large
    if not enabled:
        assert small == 0
