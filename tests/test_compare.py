"""Comparing frameworks: versions of one, and two trades matched on a key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import referentiel as ref

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")


def edited(fw: ref.Framework, tension_id: str, **changes: Any) -> ref.Framework:
    return attrs.evolve(
        fw,
        tensions=tuple(
            attrs.evolve(t, **changes) if t.id == tension_id else t for t in fw.tensions
        ),
    )


def test_same_framework_is_equal() -> None:
    d = ref.diff(CUSTOMER, CUSTOMER)
    assert d.equal
    assert str(d) == "no differences"


def test_a_renamed_pole_is_a_change_not_remove_and_add() -> None:
    c5 = CUSTOMER["c5"]
    assert isinstance(c5, ref.Contradiction)
    new = edited(CUSTOMER, "c5", prescribed=attrs.evolve(c5.prescribed, label="Suivre les process"))
    d = ref.diff(CUSTOMER, new)
    assert (d.added, d.removed) == ((), ())
    assert [(c.path, c.old, c.new) for c in d.changed[0].changes] == [
        ("prescribed.label", "Respect des procédures", "Suivre les process")
    ]
    assert str(d) == (
        "~ c5 (contradiction 5)\n"
        "    prescribed.label: 'Respect des procédures' → 'Suivre les process'"
    )


def test_added_removed_tensions_evidence_links_and_framework_fields() -> None:
    c1 = CUSTOMER["c1"]
    old_link = ref.Link(source="c6", target="c1", relation=ref.LinkKind.REINFORCES)
    old = attrs.evolve(CUSTOMER, links=(old_link,))
    new_excerpt = ref.Evidence(quote="On n'a jamais le temps.", id="e-new", speaker="D.")
    new = edited(old, "c4", evidence=(new_excerpt,), origin=ref.Origin.SITUATION)
    new = attrs.evolve(
        new,
        title="Nouveau titre",
        tensions=(*[t for t in new.tensions if t.id != "c6"], attrs.evolve(c1, id="c9", number=9)),
        links=(ref.Link(source="c1", target="c9", relation=ref.LinkKind.RESEMBLES),),
    )
    assert str(ref.diff(old, new)) == "\n".join(
        [
            "~ title: 'Contradictions professionnelles des conseillers relation-client' → "
            "'Nouveau titre'",
            "- c6 (contradiction 6)",
            "+ c9 (contradiction 9): 'Répondre dans des délais contraints' / "
            "'Conduire une vraie relation'",
            "~ c4 (contradiction 4)",
            "    origin: 'organisation' → 'situation'",
            "    - evidence e-quality: « se fixent des objectifs de qualité qui les amène à agir b... »",
            "    + evidence e-new: « On n'a jamais le temps. »",
            "- link c6 -reinforces-> c1",
            "+ link c1 -resembles-> c9",
        ]
    )


def test_changed_excerpt_is_matched_by_id() -> None:
    c5 = CUSTOMER["c5"]
    excerpt = attrs.evolve(c5.evidence[2], speaker="B. (conseillère)")
    d = ref.diff(CUSTOMER, edited(CUSTOMER, "c5", evidence=(*c5.evidence[:2], excerpt)))
    assert [str(c) for c in d.changed[0].changes] == [
        "evidence[2].speaker: 'B.' → 'B. (conseillère)'"
    ]


def test_two_trades_matched_by_number() -> None:
    d = ref.diff(KINE, CUSTOMER, key="number")
    assert [t.number for t in d.added] == [5, 6]
    first = d.changed[0]
    assert first.key == 1
    assert str(first.changes[0]) == "kind: 'dilemma' → 'contradiction'"


def test_custom_key_function() -> None:
    d = ref.diff(CUSTOMER, CUSTOMER, key=lambda t: t.poles[0].label.lower())
    assert d.equal


def test_unknown_key() -> None:
    with pytest.raises(
        ValueError, match=r"unknown key: 'label' \(expected 'id', 'number' or a function\)"
    ):
        ref.diff(CUSTOMER, CUSTOMER, key="label")  # type: ignore[arg-type]


def test_a_diff_is_falsy_when_empty() -> None:
    fw = CUSTOMER
    assert not ref.diff(fw, fw)
    assert ref.diff(fw, attrs.evolve(fw, title="Autre"))
