"""Hypothesis strategies for the model; every new model feature extends them here."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from referentiel import (
    Contradiction,
    Dilemma,
    Dimension,
    Evidence,
    Framework,
    Level,
    Link,
    LinkKind,
    Locator,
    Method,
    Origin,
    Pole,
    Provenance,
    Resource,
    Side,
    Source,
    Status,
    Tension,
)

# Any text a file can hold: every code point but surrogates (not encodable in UTF-8).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=8)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
languages = st.sampled_from(["en", "de", "es", "it"])


def optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


translations = st.dictionaries(languages, text, max_size=2).map(lambda d: tuple(d.items()))

provenances = st.builds(
    Provenance,
    status=st.sampled_from(Status),
    justification=optional(text),
    source=optional(ids),
    locator=optional(text),
)

poles = st.builds(
    Pole,
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

acknowledged = st.lists(st.sampled_from(["no-evidence", "numbering-gap"]), max_size=2).map(tuple)

contradictions = st.builds(
    Contradiction,
    id=ids,
    number=st.integers(-3, 50),
    prescribed=poles,
    real=poles,
    origin=optional(st.sampled_from(Origin)),
    level=optional(st.sampled_from(Level)),
    provenance=provenances,
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
    resources=st.lists(
        st.builds(
            Resource,
            label=text,
            description=optional(text),
            translations=translations,
            provenance=optional(provenances),
        ),
        max_size=2,
    ).map(tuple),
    provenance=provenances,
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

links = st.builds(
    Link,
    source=ids,
    target=ids,
    relation=st.sampled_from(LinkKind),
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
    tensions=st.lists(tensions, max_size=4).map(tuple),
    links=st.lists(links, max_size=3).map(tuple),
    acknowledged=acknowledged,
)


_SIDES = {
    Contradiction: (Side.PRESCRIBED, Side.REAL, Side.BOTH),
    Dilemma: (Side.FIRST, Side.SECOND, Side.BOTH),
}


@st.composite
def valid_frameworks(draw: st.DrawFn) -> Framework:
    """Frameworks whose ids are unique and whose references (sources, link ends) exist."""
    fw = draw(frameworks)
    drawn_tensions = draw(st.lists(tensions, max_size=5, unique_by=lambda t: t.id))
    drawn_sources = tuple(draw(st.lists(sources, max_size=3, unique_by=lambda s: s.id)))
    source_ids = [s.id for s in drawn_sources]
    tension_ids = [t.id for t in drawn_tensions]

    def cited(e: Evidence, sides: tuple[Side, ...]) -> Evidence:
        source = draw(st.sampled_from(source_ids)) if source_ids and e.source else None
        return attrs.evolve(e, source=source, id=None, supports=draw(st.sampled_from(sides)))

    numbered = tuple(
        attrs.evolve(t, number=n, evidence=tuple(cited(e, _SIDES[type(t)]) for e in t.evidence))
        for n, t in enumerate(drawn_tensions, start=1)
    )
    drawn_links: tuple[Link, ...] = ()
    if len(tension_ids) >= 2:
        ends = st.tuples(st.sampled_from(tension_ids), st.sampled_from(tension_ids))
        pairs = draw(st.lists(ends.filter(lambda p: p[0] != p[1]), max_size=3, unique=True))
        drawn_links = tuple(attrs.evolve(draw(links), source=a, target=b) for a, b in pairs)
    return attrs.evolve(fw, tensions=numbered, sources=drawn_sources, links=drawn_links)
