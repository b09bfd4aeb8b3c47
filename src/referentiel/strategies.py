"""Hypothesis strategies for the model, for property tests of tools that build on it.

``referentiel.strategies.valid_frameworks()`` draws frameworks that validate; ``frameworks``
draws any framework the constructors accept (for "never crashes" properties); ``tensions``,
``poles``, ``evidence``, ``sources`` and ``links`` draw their parts; ``certifications`` draws
certifications whose references resolve. This module alone imports
Hypothesis (``pip install hypothesis``). Every field of the model is drawn, with and without its
default; the library's own test suite fails when a field is added that they never set.

>>> from hypothesis import given, settings
>>> from referentiel import validate
>>> @given(valid_frameworks())
... @settings(max_examples=20)
... def test_validates(fw):
...     assert validate(fw).ok
>>> test_validates()
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError(
        "referentiel.strategies needs Hypothesis: pip install hypothesis "
        "(or referentiel[strategies])"
    ) from None

from referentiel.certification.model import (
    Activity,
    Answer,
    Bloc,
    Certification,
    Competence,
    Criterion,
    Grade,
    Modality,
    ModalityKind,
    SetAside,
)
from referentiel.model import (
    DILEMMA_POINTS,
    POLE_POINTS,
    Contradiction,
    Dilemma,
    Dimension,
    Evidence,
    Framework,
    Goal,
    GoalKind,
    Level,
    Link,
    LinkKind,
    Locator,
    Method,
    Origin,
    Point,
    Pole,
    Provenance,
    Resource,
    Side,
    Source,
    Status,
    Tension,
)

__all__ = [
    "certifications",
    "dates",
    "evidence",
    "frameworks",
    "goals",
    "ids",
    "links",
    "locators",
    "points",
    "poles",
    "provenances",
    "resources",
    "sources",
    "tensions",
    "text",
    "valid_frameworks",
]

# Any text a file can hold: every code point but surrogates (not encodable in UTF-8).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=8)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
languages = st.sampled_from(["fr", "en", "de", "es", "it"])


def optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Draw ``None`` or a value of *strategy*."""
    return st.none() | strategy


translations = st.dictionaries(languages, text, max_size=2).map(lambda d: tuple(d.items()))

provenances = st.builds(
    Provenance,
    status=st.sampled_from(Status),
    justification=optional(text),
    source=optional(ids),
    locator=optional(text),
)

points = st.builds(
    Point,
    label=text,
    description=optional(text),
    translations=translations,
    provenance=optional(provenances),
)
few_points = st.lists(points, max_size=1).map(tuple)  # one is enough to exercise a field

# A polarity map's points come all together or not at all: most poles have none, and drawing
# four lists on every pole made every drawn framework, and every property test, much slower.
polarities: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.just(dict.fromkeys(POLE_POINTS, ())),
    st.fixed_dictionaries(dict.fromkeys(POLE_POINTS, few_points)),
)


def _pole_of(polarity: dict[str, Any], **fields: Any) -> Pole:  # noqa: ANN401
    return Pole(**fields, **polarity)


poles = st.builds(
    _pole_of,
    polarities,
    label=text,
    description=optional(text),
    translations=translations,
    dimension=optional(st.sampled_from(Dimension)),
    provenance=optional(provenances),
)

locators = st.builds(
    Locator,
    page=optional(text),
    line=optional(st.integers(0, 10**6)),
    timestamp=optional(text),
    start=optional(st.integers(0, 10**6)),
    end=optional(st.integers(0, 10**6)),
)

evidence = st.builds(
    Evidence,
    quote=text,
    id=optional(ids),
    source=optional(ids),
    speaker=optional(text),
    date=optional(dates),
    locator=optional(locators),
    supports=st.sampled_from(Side),
    translations=translations,
    provenance=optional(provenances),
    note=optional(text),
)

resources = st.builds(
    Resource,
    label=text,
    description=optional(text),
    translations=translations,
    provenance=optional(provenances),
    supports=st.sampled_from(Side),
)

acknowledged = st.lists(st.sampled_from(["no-evidence", "numbering-gap"]), max_size=2).map(tuple)

contradictions = st.builds(
    Contradiction,
    id=ids,
    number=st.integers(-3, 50),
    prescribed=poles,
    real=poles,
    origin=optional(st.sampled_from(Origin)),
    origin_provenance=optional(provenances),
    level=optional(st.sampled_from(Level)),
    provenance=provenances,
    number_provenance=optional(provenances),
    evidence=st.lists(evidence, max_size=3).map(tuple),
    notes=optional(text),
    acknowledged=acknowledged,
)

dilemmas = st.builds(
    Dilemma,
    id=ids,
    number=st.integers(-3, 50),
    first=poles,
    second=poles,
    resources=st.lists(resources, max_size=2).map(tuple),
    greater_purpose=optional(points),
    deeper_fear=optional(points),
    provenance=provenances,
    number_provenance=optional(provenances),
    evidence=st.lists(evidence, max_size=3).map(tuple),
    notes=optional(text),
    acknowledged=acknowledged,
)

tensions: st.SearchStrategy[Tension] = contradictions | dilemmas

sources = st.builds(
    Source,
    id=ids,
    method=st.sampled_from(Method),
    date=optional(dates),
    citation=optional(text),
    note=optional(text),
)

goals = st.builds(
    Goal,
    id=ids,
    label=text,
    kind=st.sampled_from(GoalKind),
    description=optional(text),
    translations=translations,
    provenance=provenances,
    notes=optional(text),
)

links = st.builds(
    Link,
    source=ids,
    target=ids,
    relation=st.sampled_from(LinkKind),
    source_pole=optional(st.sampled_from(Side)),
    target_pole=optional(st.sampled_from(Side)),
    assumptions=few_points,
    provenance=optional(provenances),
    note=optional(text),
    acknowledged=acknowledged,
)

frameworks = st.builds(
    Framework,
    id=ids,
    title=text,
    trade=optional(text),
    language=languages,
    description=optional(text),
    translations=translations,
    version=optional(text),
    sources=st.lists(sources, max_size=3).map(tuple),
    tensions=st.lists(tensions, max_size=3).map(tuple),
    goals=st.lists(goals, max_size=1).map(tuple),
    links=st.lists(links, max_size=3).map(tuple),
    acknowledged=acknowledged,
)


def _justified(p: Provenance | None, known: list[str]) -> Provenance | None:
    return None if p is None else _fixed(p, known)


def _fixed(p: Provenance, known: list[str]) -> Provenance:
    justification = p.justification
    if p.status is not Status.ATTESTED and not (justification or "").strip():
        justification = "drawn by referentiel.strategies"
    source = p.source if p.source in known else None
    return attrs.evolve(p, justification=justification, source=source)


def _point(point: Point, known: list[str]) -> Point:
    label = point.label if point.label.strip() else "point"
    return attrs.evolve(point, label=label, provenance=_justified(point.provenance, known))


def _pole(pole: Pole, known: list[str], other: str = "") -> Pole:
    label = pole.label if pole.label.strip() else "pole"
    if label.strip().casefold() == other.strip().casefold():
        label = f"{label} (2)"
    points: dict[str, Any] = {
        name: tuple(_point(p, known) for p in getattr(pole, name)) for name in POLE_POINTS
    }
    return attrs.evolve(pole, label=label, provenance=_justified(pole.provenance, known), **points)


@st.composite
def valid_frameworks(draw: st.DrawFn) -> Framework:
    """Draw frameworks that validate.

    Ids and numbers are unique, references exist, and labels, quotes and justifications are
    there where validation asks for them.
    """
    fw = draw(frameworks)
    drawn_tensions = draw(st.lists(tensions, max_size=4, unique_by=lambda t: t.id))
    drawn_sources = tuple(draw(st.lists(sources, max_size=3, unique_by=lambda s: s.id)))
    known = [s.id for s in drawn_sources]
    tension_ids = [t.id for t in drawn_tensions]

    def cited(e: Evidence, sides: tuple[Side, ...]) -> Evidence:
        source = draw(st.sampled_from(known)) if known and e.source else None
        return attrs.evolve(
            e,
            quote=e.quote if e.quote.strip() else "« … »",
            source=source,
            id=None,
            supports=draw(st.sampled_from(sides)),
            provenance=_justified(e.provenance, known),
        )

    def valid(t: Tension, number: int) -> Tension:
        first, second = t.SIDES
        a = _pole(t.poles[0], known)
        poles: dict[str, Any] = {first.value: a, second.value: _pole(t.poles[1], known, a.label)}
        if isinstance(t, Contradiction):
            origin = t.origin or draw(st.sampled_from(Origin))
            t = attrs.evolve(
                t, origin=origin, origin_provenance=_justified(t.origin_provenance, known)
            )
        else:
            sides = (*t.SIDES, Side.BOTH)
            purposes: dict[str, Any] = {
                name: None if getattr(t, name) is None else _point(getattr(t, name), known)
                for name in DILEMMA_POINTS
            }
            t = attrs.evolve(
                t,
                resources=tuple(
                    attrs.evolve(
                        r,
                        provenance=_justified(r.provenance, known),
                        supports=draw(st.sampled_from(sides)),
                    )
                    for r in t.resources
                ),
                **purposes,
            )
        return attrs.evolve(
            t,
            number=number,
            provenance=_fixed(t.provenance, known),
            number_provenance=_justified(t.number_provenance, known),
            evidence=tuple(cited(e, (*t.SIDES, Side.BOTH)) for e in t.evidence),
            **poles,
        )

    numbered = tuple(valid(t, n) for n, t in enumerate(drawn_tensions, start=1))
    drawn_goals = tuple(
        attrs.evolve(
            g,
            label=g.label if g.label.strip() else "goal",
            provenance=_fixed(g.provenance, known),
        )
        for g in draw(
            st.lists(goals.filter(lambda g: g.id not in tension_ids), max_size=2, unique_by=_id)
        )
    )
    sides = {t.id: t.SIDES for t in numbered}
    ends = [*tension_ids, *(g.id for g in drawn_goals)]
    drawn_links: tuple[Link, ...] = ()
    if len(ends) >= 2:
        pairs = st.tuples(st.sampled_from(ends), st.sampled_from(ends))
        chosen = draw(st.lists(pairs.filter(lambda p: p[0] != p[1]), max_size=3, unique=True))

        def pole_of(end: str) -> Side | None:
            return draw(optional(st.sampled_from(sides[end]))) if end in sides else None  # type: ignore[return-value]

        drawn_links = tuple(
            attrs.evolve(
                link,
                source=a,
                target=b,
                source_pole=pole_of(a),
                target_pole=pole_of(b),
                assumptions=tuple(_point(p, known) for p in link.assumptions),
                provenance=_justified(link.provenance, known),
            )
            for link, (a, b) in zip((draw(links) for _ in chosen), chosen, strict=True)
        )
    return attrs.evolve(
        fw, tensions=numbered, sources=drawn_sources, goals=drawn_goals, links=drawn_links
    )


def _id(element: Goal) -> str:
    return element.id


answers = st.builds(
    Answer,
    tension=st.sampled_from(["c1", "c2", "d1"]),
    pole=optional(st.sampled_from(Side)),
)
grades = st.builds(
    Grade,
    label=text,
    description=optional(text),
    score=optional(st.integers(-(2**31), 2**31 - 1)),
    translations=translations,
)
drafts = st.booleans()


@st.composite
def certifications(draw: st.DrawFn) -> Certification:
    """Draw a certification whose references resolve: ids unique, criteria on its competences.

    Its texts are any text; its answers name tensions ``c1``, ``c2`` or ``d1`` (with any pole),
    which a framework may or may not have: for round trips through files and CASE packages.
    """
    blocs = []
    count = draw(st.integers(0, 3))
    activity_counts = [draw(st.integers(0, 2)) for _ in range(count)]
    activity_ids = [f"a{b}-{i}" for b in range(count) for i in range(activity_counts[b])]
    for b in range(count):
        activities = tuple(
            draw(
                st.builds(
                    Activity,
                    id=st.just(f"a{b}-{i}"),
                    label=text,
                    situation=optional(text),
                    translations=translations,
                    answers=st.lists(answers, max_size=2).map(tuple),
                    provenance=provenances,
                    draft=drafts,
                    notes=optional(text),
                )
            )
            for i in range(activity_counts[b])
        )
        modalities = tuple(
            draw(
                st.builds(
                    Modality,
                    id=st.just(f"m{b}-{i}"),
                    label=text,
                    kind=st.sampled_from(ModalityKind),
                    description=optional(text),
                    translations=translations,
                    provenance=provenances,
                    draft=drafts,
                    notes=optional(text),
                )
            )
            for i in range(draw(st.integers(0, 2)))
        )
        competences = tuple(
            draw(
                st.builds(
                    Competence,
                    id=st.just(f"k{b}-{i}"),
                    action=text,
                    object=text,
                    purpose=text,
                    context=optional(text),
                    activities=st.lists(st.sampled_from(activity_ids or ["none"]), max_size=2).map(
                        lambda found: tuple(dict.fromkeys(a for a in found if a != "none"))
                    ),
                    translations=translations,
                    answers=st.lists(answers, max_size=2).map(tuple),
                    provenance=provenances,
                    draft=drafts,
                    notes=optional(text),
                )
            )
            for i in range(draw(st.integers(0, 2)))
        )
        criteria = tuple(
            draw(
                st.builds(
                    Criterion,
                    id=st.just(f"e{b}-{i}"),
                    label=text,
                    competence=st.sampled_from([c.id for c in competences]),
                    modality=optional(st.sampled_from([m.id for m in modalities]))
                    if modalities
                    else st.none(),
                    levels=st.lists(grades, max_size=3).map(tuple),
                    translations=translations,
                    answers=st.lists(answers, max_size=2).map(tuple),
                    provenance=provenances,
                    draft=drafts,
                    notes=optional(text),
                )
            )
            for i in range(draw(st.integers(0, 2)) if competences else 0)
        )
        blocs.append(
            draw(
                st.builds(
                    Bloc,
                    id=st.just(f"b{b}"),
                    label=text,
                    code=optional(text),
                    description=optional(text),
                    translations=translations,
                    activities=st.just(activities),
                    competences=st.just(competences),
                    modalities=st.just(modalities),
                    criteria=st.just(criteria),
                    provenance=provenances,
                    draft=drafts,
                    notes=optional(text),
                )
            )
        )
    return draw(
        st.builds(
            Certification,
            id=ids,
            title=text,
            framework=text,
            language=languages,
            registry=optional(text),
            description=optional(text),
            translations=translations,
            version=optional(text),
            date=optional(dates),
            certifier=optional(text),
            codes_rome=st.lists(text, max_size=2).map(tuple),
            provenance=provenances,
            blocs=st.just(tuple(blocs)),
            set_aside=st.lists(st.builds(SetAside, tension=ids, reason=text), max_size=2).map(
                tuple
            ),
        )
    )
