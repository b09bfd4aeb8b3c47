"""The typed model of a framework (*référentiel*): immutable attrs values, tuples for collections.

Every class is frozen and keyword-only; change a value with :func:`attrs.evolve`. Every field's
value is checked against its annotation when a value is built (:mod:`referentiel._fields`): a
wrong type raises :exc:`~referentiel.ModelTypeError`. Checks across elements (unique ids, sources
that exist ...) live in :mod:`referentiel.validate`. Each field's ``metadata["doc"]`` is its
documentation, which the JSON Schema of the file format repeats for editors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from referentiel._enums import (
    Dimension,
    GoalKind,
    Level,
    LinkKind,
    Method,
    Origin,
    Side,
    Status,
    TensionKind,
)
from referentiel._fields import typed_fields

__all__ = [
    "DILEMMA_POINTS",
    "POLE_POINTS",
    "TENSION_CLASSES",
    "Contradiction",
    "Dilemma",
    "Dimension",
    "Evidence",
    "Framework",
    "Goal",
    "GoalKind",
    "Level",
    "Link",
    "LinkKind",
    "Locator",
    "Method",
    "Origin",
    "Point",
    "Pole",
    "Provenance",
    "Resource",
    "Side",
    "Source",
    "Status",
    "Tension",
    "TensionKind",
    "Translations",
]

#: A label's translations, as ``(language, text)`` pairs in file order (a mapping in files).
Translations: TypeAlias = tuple[tuple[str, str], ...]


def _doc(text: str) -> dict[str, Any]:
    return {"doc": text}


def _translation(translations: Translations, original: str, language: str | None) -> str:
    for code, text in translations:
        if code == language:
            return text
    return original


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Provenance:
    """Where an element comes from: attested, reconstructed or illustrative, and why.

    >>> Provenance(status=Status.RECONSTRUCTED, justification="« réponses standardisées »").status
    <Status.RECONSTRUCTED: 'reconstructed'>
    """

    status: Status = attrs.field(
        metadata=_doc(
            "attested (named in a source), reconstructed (derived from a source's text) "
            "or illustrative (made up to show the structure)."
        )
    )
    justification: str | None = attrs.field(
        default=None,
        metadata=_doc(
            "The source passage an element is reconstructed from, or why it is "
            "illustrative. Required unless the element is attested."
        ),
    )
    source: str | None = attrs.field(
        default=None, metadata=_doc("Id of the source that attests or justifies the element.")
    )
    locator: str | None = attrs.field(
        default=None, metadata=_doc("Where in that source: a page, a section.")
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Point:
    """One point made about a tension or a link, which says where it comes from.

    Upsides, downsides, action steps, early warnings, a greater purpose and a deeper fear (Barry
    Johnson's polarity maps), or an assumption under a link (Goldratt's evaporating clouds).

    >>> Point(label="La relation", translations=(("en", "The relationship"),)).label_in("en")
    'The relationship'
    """

    label: str = attrs.field(metadata=_doc("The point, in a few words."))
    description: str | None = attrs.field(default=None, metadata=_doc("A longer description."))
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The label in other languages, keyed by language code.")
    )
    provenance: Provenance | None = attrs.field(
        default=None, metadata=_doc("Where it comes from, when it differs from what it is about.")
    )

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original label."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Pole:
    """One pole of a tension: the prescribed or real work of a contradiction, or a dilemma's side.

    >>> pole = Pole(label="Respect des procédures", translations=(("en", "Following procedures"),))
    >>> pole.label_in("en"), pole.label_in("de")
    ('Following procedures', 'Respect des procédures')
    """

    label: str = attrs.field(metadata=_doc("The pole's label, in the framework's language."))
    description: str | None = attrs.field(
        default=None, metadata=_doc("A longer description of the pole.")
    )
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The label in other languages, keyed by language code (en ...).")
    )
    dimension: Dimension | None = attrs.field(
        default=None, metadata=_doc("Clot's dimension du métier the pole belongs to, if any.")
    )
    provenance: Provenance | None = attrs.field(
        default=None,
        metadata=_doc("Where this pole's wording comes from, when it differs from its tension's."),
    )
    upsides: tuple[Point, ...] = attrs.field(
        default=(),
        metadata=_doc("What living this pole brings (a polarity map's upsides, bénéfices)."),
    )
    downsides: tuple[Point, ...] = attrs.field(
        default=(),
        metadata=_doc("What overdoing it at the expense of the other costs (downsides, risques)."),
    )
    action_steps: tuple[Point, ...] = attrs.field(
        default=(),
        metadata=_doc("How to get or keep its upsides (action steps, actions)."),
    )
    early_warnings: tuple[Point, ...] = attrs.field(
        default=(),
        metadata=_doc("Signs that its downsides are coming (early warnings, signaux d'alerte)."),
    )

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original label."""
        return _translation(self.translations, self.label, language)

    @property
    def polarity(self) -> bool:
        """Whether the pole says anything a polarity map shows (upsides, downsides ...)."""
        return any(getattr(self, name) for name in POLE_POINTS)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Locator:
    """Where an excerpt sits in its source: page, line, timestamp or character offsets.

    >>> Locator(start=120, end=164).end
    164
    """

    page: str | None = attrs.field(default=None, metadata=_doc("Page or page range."))
    line: int | None = attrs.field(default=None, metadata=_doc("First line of the excerpt."))
    timestamp: str | None = attrs.field(
        default=None, metadata=_doc("Time in a recording, e.g. 00:12:31.")
    )
    start: int | None = attrs.field(
        default=None, metadata=_doc("Offset of the first character, in Unicode code points.")
    )
    end: int | None = attrs.field(
        default=None, metadata=_doc("Offset just after the last character, in code points.")
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Evidence:
    """A verbatim excerpt that backs a tension (*extrait*), cited with its speaker and date.

    >>> e = Evidence(quote="il faut tout le temps rattraper les minutes", speaker="B.",
    ...              source="is-b", date=dt.date(2021, 11, 30), supports=Side.REAL)
    >>> e.speaker, e.supports.value
    ('B.', 'real')
    """

    quote: str = attrs.field(metadata=_doc("The excerpt, verbatim."))
    id: str | None = attrs.field(
        default=None, metadata=_doc("An id, unique in the framework, to refer to the excerpt.")
    )
    source: str | None = attrs.field(
        default=None, metadata=_doc("Id of the source (interview, document) it is taken from.")
    )
    speaker: str | None = attrs.field(
        default=None, metadata=_doc("Who speaks, as a pseudonymous initial (C., S. ...).")
    )
    date: dt.date | None = attrs.field(default=None, metadata=_doc("When it was said (ISO date)."))
    locator: Locator | None = attrs.field(
        default=None, metadata=_doc("Where in the source: page, line, timestamp, offsets.")
    )
    supports: Side = attrs.field(
        default=Side.BOTH,
        metadata=_doc(
            "Which pole it supports: prescribed or real (contradictions), first or "
            "second (dilemmas), or both."
        ),
    )
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The quote in other languages, keyed by language code.")
    )
    provenance: Provenance | None = attrs.field(
        default=None,
        metadata=_doc(
            "How the excerpt's tie to its tension (and pole) is known; none: the source "
            "states it (attested)."
        ),
    )
    note: str | None = attrs.field(default=None, metadata=_doc("The researcher's note."))

    @property
    def tie_status(self) -> Status:
        """How the excerpt's tie to its tension is known: attested unless it says otherwise."""
        return self.provenance.status if self.provenance else Status.ATTESTED

    def quote_in(self, language: str | None) -> tuple[str, bool]:
        """Return the quote in *language* and whether it is a translation (else the verbatim).

        >>> e = Evidence(quote="rattraper les minutes", translations=(("en", "make up"),))
        >>> e.quote_in("en"), e.quote_in("fr")
        (('make up', True), ('rattraper les minutes', False))
        """
        for code, text in self.translations:
            if code == language:
                return text, True
        return self.quote, False


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Resource:
    """What a trade developed to live with a dilemma (*acquis d'expérience, astuces, catachrèses*).

    >>> Resource(label="Se faire remplacer discrètement par une collègue").label[:9]
    'Se faire '
    """

    label: str = attrs.field(metadata=_doc("The resource, in a few words."))
    description: str | None = attrs.field(default=None, metadata=_doc("A longer description."))
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The label in other languages, keyed by language code.")
    )
    provenance: Provenance | None = attrs.field(
        default=None, metadata=_doc("Where it comes from, when it differs from its dilemma's.")
    )
    supports: Side = attrs.field(
        default=Side.BOTH,
        metadata=_doc("The pole it helps to live with: first, second, or both (the dilemma)."),
    )

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original label."""
        return _translation(self.translations, self.label, language)


_NUMBER = attrs.field(
    metadata=_doc("The tension's number in the framework's figures (1, 2 ...), from 1."),
)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Contradiction:
    """A *contradiction professionnelle*: prescribed work (*travail prescrit*) against real work.

    >>> c = Contradiction(
    ...     id="c5", number=5,
    ...     prescribed=Pole(label="Respect des procédures"),
    ...     real=Pole(label="Réalisation de son travail de conseiller"),
    ...     origin=Origin.ORGANISATION,
    ...     provenance=Provenance(status=Status.ATTESTED),
    ... )
    >>> c.kind, [p.label for p in c.poles]
    (<TensionKind.CONTRADICTION: 'contradiction'>, ['Respect des procédures', 'Réalisation de son travail de conseiller'])
    """  # noqa: E501 - a doctest output line cannot be wrapped

    id: str = attrs.field(metadata=_doc("A short id, unique in the framework (c1, c2 ...)."))
    number: int = _NUMBER
    prescribed: Pole = attrs.field(metadata=_doc("The prescribed pole (travail prescrit), on top."))
    real: Pole = attrs.field(metadata=_doc("The real pole (travail réel), drawn below."))
    origin: Origin | None = attrs.field(
        default=None,
        metadata=_doc(
            "organisation (intrinsèque à l'organisation) or situation (liée aux "
            "situations professionnelles affrontées et à leurs évolutions récentes)."
        ),
    )
    origin_provenance: Provenance | None = attrs.field(
        default=None,
        metadata=_doc(
            "How the origin is known, when not as the contradiction is: a source may class "
            "contradictions by origin without saying which has which."
        ),
    )
    level: Level | None = attrs.field(
        default=None, metadata=_doc("Engeström's level of contradiction, if any.")
    )
    provenance: Provenance = attrs.field(metadata=_doc("Where the contradiction comes from."))
    number_provenance: Provenance | None = attrs.field(
        default=None,
        metadata=_doc("How the number is known, when not as the contradiction is."),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=_doc("The excerpts that back it.")
    )
    notes: str | None = attrs.field(default=None, metadata=_doc("The researcher's notes."))
    acknowledged: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("Warning codes acknowledged for this element (no longer reported)."),
    )

    #: The ``kind`` key of this class in files.
    kind: ClassVar[TensionKind] = TensionKind.CONTRADICTION
    #: Its two sides, in drawing order: prescribed on top, real below.
    SIDES: ClassVar[tuple[Side, Side]] = (Side.PRESCRIBED, Side.REAL)

    @property
    def poles(self) -> tuple[Pole, Pole]:
        """The prescribed pole, then the real pole."""
        return (self.prescribed, self.real)

    def pole(self, side: Side) -> Pole:
        """Return the pole on *side* (``Side.PRESCRIBED`` or ``Side.REAL``)."""
        return _pole(self, side)

    @property
    def origin_status(self) -> Status:
        """How the origin is known: its own provenance's status, else the contradiction's."""
        return (self.origin_provenance or self.provenance).status

    @property
    def number_status(self) -> Status:
        """How the number is known: its own provenance's status, else the contradiction's."""
        return (self.number_provenance or self.provenance).status


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Dilemma:
    """A *dilemme (historique) de métier*: a recurring tension of the trade between two poles.

    >>> d = Dilemma(id="d1", number=1, first=Pole(label="A"), second=Pole(label="B"),
    ...             provenance=Provenance(status=Status.ILLUSTRATIVE, justification="exemple"))
    >>> d.kind.value, d.pole(Side.SECOND).label
    ('dilemma', 'B')
    """

    id: str = attrs.field(metadata=_doc("A short id, unique in the framework (d1, d2 ...)."))
    number: int = _NUMBER
    first: Pole = attrs.field(metadata=_doc("The first pole, drawn on the left."))
    second: Pole = attrs.field(metadata=_doc("The second pole, drawn on the right."))
    resources: tuple[Resource, ...] = attrs.field(
        default=(),
        metadata=_doc("What the trade developed to live with it (acquis d'expérience)."),
    )
    greater_purpose: Point | None = attrs.field(
        default=None,
        metadata=_doc("Why live both poles: a polarity map's greater purpose (but supérieur)."),
    )
    deeper_fear: Point | None = attrs.field(
        default=None,
        metadata=_doc("What losing both would bring: the deeper fear (peur profonde)."),
    )
    provenance: Provenance = attrs.field(metadata=_doc("Where the dilemma comes from."))
    number_provenance: Provenance | None = attrs.field(
        default=None,
        metadata=_doc("How the number is known, when not as the dilemma is."),
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), metadata=_doc("The excerpts that back it.")
    )
    notes: str | None = attrs.field(default=None, metadata=_doc("The researcher's notes."))
    acknowledged: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("Warning codes acknowledged for this element (no longer reported)."),
    )

    #: The ``kind`` key of this class in files.
    kind: ClassVar[TensionKind] = TensionKind.DILEMMA
    #: Its two sides, in drawing order: first on the left, second on the right.
    SIDES: ClassVar[tuple[Side, Side]] = (Side.FIRST, Side.SECOND)

    @property
    def poles(self) -> tuple[Pole, Pole]:
        """The first pole, then the second."""
        return (self.first, self.second)

    def pole(self, side: Side) -> Pole:
        """Return the pole on *side* (``Side.FIRST`` or ``Side.SECOND``)."""
        return _pole(self, side)

    @property
    def number_status(self) -> Status:
        """How the number is known: its own provenance's status, else the dilemma's."""
        return (self.number_provenance or self.provenance).status


#: The fields of a pole that hold a polarity map's points, in the order a map shows them.
POLE_POINTS: Final = ("upsides", "downsides", "action_steps", "early_warnings")
#: The fields of a dilemma that hold one point of its polarity map.
DILEMMA_POINTS: Final = ("greater_purpose", "deeper_fear")

#: A framework's entries: contradictions and dilemmas.
Tension: TypeAlias = Contradiction | Dilemma

#: The class of each kind of tension (the ``kind`` key of a file's entries).
TENSION_CLASSES: Final[dict[TensionKind, type[Contradiction] | type[Dilemma]]] = {
    cls.kind: cls for cls in (Contradiction, Dilemma)
}


def _pole(tension: Tension, side: Side) -> Pole:
    if side not in tension.SIDES:
        expected = ", ".join(repr(s.value) for s in tension.SIDES)
        raise ValueError(
            f"a {tension.kind.value} has no {side.value!r} pole (expected one of {expected})"
        )
    pole: Pole = getattr(tension, side.value)
    return pole


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Source:
    """Where evidence or provenance comes from: an interview, a meeting, a document, a paper.

    >>> Source(id="is-c", method=Method.INSTRUCTION_AU_SOSIE, date=dt.date(2021, 11, 30)).method
    <Method.INSTRUCTION_AU_SOSIE: 'instruction-au-sosie'>
    """

    id: str = attrs.field(metadata=_doc("A short id, unique among sources."))
    method: Method = attrs.field(
        metadata=_doc("How it was produced (instruction-au-sosie, autoconfrontation-croisee ...).")
    )
    date: dt.date | None = attrs.field(default=None, metadata=_doc("When (ISO date)."))
    citation: str | None = attrs.field(
        default=None,
        metadata=_doc("How to cite it, e.g. « extrait de l'IS de C., 30 novembre 2021 »."),
    )
    note: str | None = attrs.field(default=None, metadata=_doc("The researcher's note."))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Link:
    """A typed relation from one tension to another.

    >>> Link(source="c2", target="c5", relation=LinkKind.REINFORCES).relation.value
    'reinforces'
    """

    source: str = attrs.field(metadata=_doc("Id of the tension or goal the link starts from."))
    target: str = attrs.field(metadata=_doc("Id of the tension or goal the link points to."))
    relation: LinkKind = attrs.field(
        metadata=_doc("reinforces, conflicts-with, derives-from, resembles or requires.")
    )
    source_pole: Side | None = attrs.field(
        default=None, metadata=_doc("The pole of the source tension it starts from, if one.")
    )
    target_pole: Side | None = attrs.field(
        default=None, metadata=_doc("The pole of the target tension it points to, if one.")
    )
    assumptions: tuple[Point, ...] = attrs.field(
        default=(),
        metadata=_doc("What the link takes for granted (an evaporating cloud's assumptions)."),
    )
    provenance: Provenance | None = attrs.field(
        default=None, metadata=_doc("Where the link comes from.")
    )
    note: str | None = attrs.field(default=None, metadata=_doc("The researcher's note."))
    acknowledged: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("Warning codes acknowledged for this element (no longer reported)."),
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Goal:
    """What tensions serve: an objective, or a need (an evaporating cloud's A, B and C).

    >>> goal = Goal(id="a", label="Un service de qualité", kind=GoalKind.OBJECTIVE,
    ...             provenance=Provenance(status=Status.ILLUSTRATIVE, justification="exemple"))
    >>> goal.kind.value
    'objective'
    """

    id: str = attrs.field(metadata=_doc("A short id, unique among tensions and goals."))
    label: str = attrs.field(metadata=_doc("The goal, in a few words."))
    kind: GoalKind = attrs.field(
        default=GoalKind.NEED, metadata=_doc("objective (the common one) or need.")
    )
    description: str | None = attrs.field(default=None, metadata=_doc("A longer description."))
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The label in other languages, keyed by language code.")
    )
    provenance: Provenance = attrs.field(metadata=_doc("Where the goal comes from."))
    notes: str | None = attrs.field(default=None, metadata=_doc("The researcher's notes."))

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original label."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Framework:
    """A whole *référentiel*: a trade described by its contradictions and dilemmas.

    >>> fw = Framework(id="demo", title="Démo", tensions=(
    ...     Dilemma(id="d1", number=1, first=Pole(label="A"), second=Pole(label="B"),
    ...             provenance=Provenance(status=Status.ILLUSTRATIVE, justification="demo")),))
    >>> fw["d1"].number, len(fw.contradictions), len(fw.dilemmas)
    (1, 0, 1)
    """

    id: str = attrs.field(metadata=_doc("A short id for the framework."))
    title: str = attrs.field(metadata=_doc("The title, in the framework's language."))
    trade: str | None = attrs.field(
        default=None, metadata=_doc("The trade (métier) the framework describes.")
    )
    language: str = attrs.field(
        default="fr", metadata=_doc("Language code of the labels and quotes (fr, en ...).")
    )
    description: str | None = attrs.field(
        default=None, metadata=_doc("What the framework is, where it comes from, what is missing.")
    )
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The title in other languages, keyed by language code.")
    )
    version: str | None = attrs.field(
        default=None, metadata=_doc("The framework's own version, to compare versions.")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), metadata=_doc("Interviews, meetings, documents and papers cited.")
    )
    tensions: tuple[Tension, ...] = attrs.field(
        default=(), metadata=_doc("The contradictions and dilemmas, in order.")
    )
    goals: tuple[Goal, ...] = attrs.field(
        default=(), metadata=_doc("What tensions serve: objectives and needs.")
    )
    links: tuple[Link, ...] = attrs.field(
        default=(), metadata=_doc("Typed relations between tensions, their poles and goals.")
    )
    acknowledged: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("Warning codes acknowledged for the whole framework (no longer reported)."),
    )

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        """The contradictions, in order."""
        return tuple(t for t in self.tensions if isinstance(t, Contradiction))

    @property
    def dilemmas(self) -> tuple[Dilemma, ...]:
        """The dilemmas, in order."""
        return tuple(t for t in self.tensions if isinstance(t, Dilemma))

    def title_in(self, language: str | None) -> str:
        """Return the title in *language*, falling back to the original title."""
        return _translation(self.translations, self.title, language)

    def get(self, tension_id: str) -> Tension | None:
        """Return the tension with *tension_id*, or ``None``."""
        for tension in self.tensions:
            if tension.id == tension_id:
                return tension
        return None

    def source(self, source_id: str) -> Source | None:
        """Return the source with *source_id*, or ``None``."""
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def __getitem__(self, tension_id: str) -> Tension:
        """Return the tension with *tension_id*; raise :exc:`KeyError` if there is none."""
        tension = self.get(tension_id)
        if tension is None:
            known = ", ".join(repr(t.id) for t in self.tensions) or "none"
            raise KeyError(f"no tension {tension_id!r} (known: {known})")
        return tension

    def __iter__(self) -> Iterator[Tension]:
        """Iterate over the tensions, in order."""
        return iter(self.tensions)

    def __contains__(self, tension_id: object) -> bool:
        """Tell whether a tension has the id *tension_id*, as ``fw[tension_id]`` would find it.

        >>> import referentiel as ref
        >>> fw = ref.load("examples/customer-relations.yaml")
        >>> "c2" in fw, "c9" in fw, len(fw)
        (True, False, 6)
        """
        return any(t.id == tension_id for t in self.tensions)

    def __len__(self) -> int:
        """Return the number of tensions."""
        return len(self.tensions)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Display the framework as its figure in Jupyter (an HTML table if no engine runs)."""
        # The one import against the flow (model <- draw), as pandas and graphviz objects display
        # themselves: made only when a notebook shows a framework, so no module-level circle.
        from referentiel.draw import mimebundle  # noqa: PLC0415

        return mimebundle(self)
