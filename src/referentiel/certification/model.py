"""The typed model of a certification (*référentiel de certification*) built on a framework.

French law (Code du travail, art. L6113-1) defines a certification by a *référentiel
d'activités* (the work situations and the activities done in them), a *référentiel de
compétences* (the competences that follow from them) and a *référentiel d'évaluation* (how and
against which criteria they are evaluated), split into *blocs de compétences* that can be
evaluated on their own. Here each :class:`Bloc` holds its activities, competences, evaluation
modalities and criteria; every element says which tensions of the framework (and which of their
poles) it answers, and where it comes from (its :class:`~referentiel.Provenance`).

The certification lives in its own file, which names the framework file it builds on; element
ids are references inside it, checked by :func:`referentiel.certification.validate`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Final

import attrs

from referentiel._fields import typed_fields
from referentiel.model import Provenance, Side, Translations, _doc, _translation

__all__ = [
    "ELEMENTS",
    "Activity",
    "Answer",
    "Bloc",
    "Certification",
    "Competence",
    "Criterion",
    "Grade",
    "Modality",
    "ModalityKind",
    "SetAside",
]


#: The documentation of the fields every element has.
_TRANSLATIONS: Final = _doc("The text in other languages, keyed by language code.")
_DRAFT: Final = _doc(
    "True while the element is a draft generated from the framework: the designer rewrites "
    "it, then removes the mark."
)
_NOTES: Final = _doc("The designer's notes.")
_ANSWERS: Final = _doc("The tensions of the framework (and their poles) it answers.")
_PROVENANCE: Final = _doc("Where the element comes from.")


class ModalityKind(enum.Enum):
    """How close an evaluation modality (*modalité d'évaluation*) comes to the real work.

    >>> ModalityKind("reconstituted-situation").name
    'RECONSTITUTED_SITUATION'
    """

    #: *en situation de travail réelle*: observed at work.
    REAL_SITUATION = "real-situation"
    #: *mise en situation professionnelle reconstituée*: a work situation rebuilt for the test.
    RECONSTITUTED_SITUATION = "reconstituted-situation"
    #: *étude de cas*: a written or oral case.
    CASE_STUDY = "case-study"
    #: *dossier professionnel*: a portfolio of the candidate's own work.
    PORTFOLIO = "portfolio"
    #: *entretien*: an interview with the jury.
    INTERVIEW = "interview"
    #: *épreuve écrite*: a written test, furthest from the work.
    WRITTEN = "written"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Answer:
    """A tension of the framework an element answers, or one of its poles.

    >>> Answer(tension="c1", pole=Side.REAL).pole.value
    'real'
    """

    tension: str = attrs.field(metadata=_doc("Id of the tension in the framework."))
    pole: Side | None = attrs.field(
        default=None, metadata=_doc("The pole it answers; none: the tension as a whole.")
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Activity:
    """An activity and the work situation it is done in (*référentiel d'activités*)."""

    id: str = attrs.field(metadata=_doc("A short id, unique in the certification (a1, a2 ...)."))
    label: str = attrs.field(metadata=_doc("The activity, in a few words."))
    situation: str | None = attrs.field(
        default=None, metadata=_doc("The work situation it is done in (situation de travail).")
    )
    translations: Translations = attrs.field(default=(), metadata=_TRANSLATIONS)
    answers: tuple[Answer, ...] = attrs.field(default=(), metadata=_ANSWERS)
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    draft: bool = attrs.field(default=False, metadata=_DRAFT)
    notes: str | None = attrs.field(default=None, metadata=_NOTES)

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Competence:
    """A competence, written as France Compétences asks: action verb + object + purpose.

    Its statement is made from its parts: ``action object purpose[, context]``; write the
    purpose with its connector (« pour ... », « afin de ... »).

    >>> from referentiel.model import Status
    >>> Competence(id="k1", action="Ajuster", object="la réponse à la demande de l'assuré",
    ...            purpose="pour rendre un service de qualité",
    ...            provenance=Provenance(status=Status.ILLUSTRATIVE, justification="x")).statement
    "Ajuster la réponse à la demande de l'assuré pour rendre un service de qualité"
    """

    id: str = attrs.field(metadata=_doc("A short id, unique in the certification (k1, k2 ...)."))
    action: str = attrs.field(metadata=_doc("The action verb (verbe d'action): « Ajuster »."))
    object: str = attrs.field(metadata=_doc("What the action bears on (objet)."))
    purpose: str = attrs.field(
        metadata=_doc("What it is for (finalité), with its connector: « pour ... ».")
    )
    context: str | None = attrs.field(
        default=None, metadata=_doc("In which context (contexte), if it matters.")
    )
    activities: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("Ids of the activities it follows from (qui en découlent).")
    )
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The whole statement in other languages, by language code.")
    )
    answers: tuple[Answer, ...] = attrs.field(default=(), metadata=_ANSWERS)
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    draft: bool = attrs.field(default=False, metadata=_DRAFT)
    notes: str | None = attrs.field(default=None, metadata=_NOTES)

    @property
    def statement(self) -> str:
        """The competence as one sentence: action, object, purpose and context."""
        text = f"{self.action} {self.object} {self.purpose}"
        return f"{text}, {self.context}" if self.context else text

    @property
    def label(self) -> str:
        """The statement (so that a competence is labelled like every other element)."""
        return self.statement

    def label_in(self, language: str | None) -> str:
        """Return the statement in *language*, falling back to the original."""
        return _translation(self.translations, self.statement, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Modality:
    """An evaluation modality (*modalité d'évaluation*): how the candidate is evaluated."""

    id: str = attrs.field(metadata=_doc("A short id, unique in the certification (m1, m2 ...)."))
    label: str = attrs.field(metadata=_doc("The modality, in a few words."))
    kind: ModalityKind = attrs.field(
        metadata=_doc(
            "How close it comes to the real work: real-situation, reconstituted-situation, "
            "case-study, portfolio, interview or written."
        )
    )
    description: str | None = attrs.field(default=None, metadata=_doc("How it goes."))
    translations: Translations = attrs.field(default=(), metadata=_TRANSLATIONS)
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    draft: bool = attrs.field(default=False, metadata=_DRAFT)
    notes: str | None = attrs.field(default=None, metadata=_NOTES)

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Grade:
    """One level of a criterion (*niveau*), from the lowest to the highest."""

    label: str = attrs.field(metadata=_doc("The level, in a few words."))
    description: str | None = attrs.field(
        default=None, metadata=_doc("What the candidate does at this level.")
    )
    score: int | None = attrs.field(default=None, metadata=_doc("The points it is worth."))
    translations: Translations = attrs.field(default=(), metadata=_TRANSLATIONS)

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Criterion:
    """An evaluation criterion (*critère d'évaluation*) of one competence."""

    id: str = attrs.field(metadata=_doc("A short id, unique in the certification (e1, e2 ...)."))
    label: str = attrs.field(metadata=_doc("What is observed, in a sentence."))
    competence: str = attrs.field(metadata=_doc("Id of the competence it evaluates."))
    modality: str | None = attrs.field(
        default=None, metadata=_doc("Id of the modality it is evaluated through.")
    )
    levels: tuple[Grade, ...] = attrs.field(
        default=(), metadata=_doc("Its levels, from the lowest to the highest.")
    )
    translations: Translations = attrs.field(default=(), metadata=_TRANSLATIONS)
    answers: tuple[Answer, ...] = attrs.field(default=(), metadata=_ANSWERS)
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    draft: bool = attrs.field(default=False, metadata=_DRAFT)
    notes: str | None = attrs.field(default=None, metadata=_NOTES)

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Bloc:
    """A *bloc de compétences*: a part of the certification evaluated and validated on its own."""

    id: str = attrs.field(metadata=_doc("A short id, unique in the certification (b1, b2 ...)."))
    label: str = attrs.field(metadata=_doc("The bloc's title (LIBELLE in the RNCP)."))
    code: str | None = attrs.field(
        default=None, metadata=_doc("Its RNCP code, RNCPnnnnnBCnn, once registered.")
    )
    description: str | None = attrs.field(default=None, metadata=_doc("A longer description."))
    translations: Translations = attrs.field(default=(), metadata=_TRANSLATIONS)
    activities: tuple[Activity, ...] = attrs.field(
        default=(), metadata=_doc("The activities and work situations (référentiel d'activités).")
    )
    competences: tuple[Competence, ...] = attrs.field(
        default=(), metadata=_doc("The competences (référentiel de compétences).")
    )
    modalities: tuple[Modality, ...] = attrs.field(
        default=(), metadata=_doc("The evaluation modalities (référentiel d'évaluation).")
    )
    criteria: tuple[Criterion, ...] = attrs.field(
        default=(), metadata=_doc("The evaluation criteria (référentiel d'évaluation).")
    )
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    draft: bool = attrs.field(default=False, metadata=_DRAFT)
    notes: str | None = attrs.field(default=None, metadata=_NOTES)

    def label_in(self, language: str | None) -> str:
        """Return the label in *language*, falling back to the original."""
        return _translation(self.translations, self.label, language)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SetAside:
    """A tension the certification deliberately does not answer, and why."""

    tension: str = attrs.field(metadata=_doc("Id of the tension in the framework."))
    reason: str = attrs.field(metadata=_doc("Why no competence answers it."))


#: The lists of a bloc that hold its elements, in the order of the RACE table's columns.
ELEMENTS: Final = ("activities", "competences", "modalities", "criteria")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Certification:
    """A certification (*référentiel de certification*) built on the tensions of a framework.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> cert.framework, [bloc.id for bloc in cert.blocs]
    ('customer-relations.yaml', ['b1', 'b2'])
    """

    id: str = attrs.field(metadata=_doc("A short id for the certification."))
    title: str = attrs.field(metadata=_doc("The title, in the certification's language."))
    framework: str = attrs.field(
        metadata=_doc("The framework file it builds on, relative to this file.")
    )
    language: str = attrs.field(
        default="fr", metadata=_doc("The language of its texts (an ISO 639-1 code).")
    )
    registry: str | None = attrs.field(
        default=None, metadata=_doc("Its RNCP number (RNCPnnnnn), once registered.")
    )
    description: str | None = attrs.field(
        default=None, metadata=_doc("The activities it certifies (ACTIVITES_VISEES).")
    )
    translations: Translations = attrs.field(
        default=(), metadata=_doc("The title in other languages, keyed by language code.")
    )
    version: str | None = attrs.field(default=None, metadata=_doc("A version label."))
    date: dt.date | None = attrs.field(
        default=None, metadata=_doc("When this version was last changed (ISO date).")
    )
    certifier: str | None = attrs.field(
        default=None, metadata=_doc("The body that issues it (certificateur), if known.")
    )
    codes_rome: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("The ROME codes of the trades it leads to (CODES_ROME).")
    )
    provenance: Provenance = attrs.field(metadata=_PROVENANCE)
    blocs: tuple[Bloc, ...] = attrs.field(default=(), metadata=_doc("The blocs de compétences."))
    set_aside: tuple[SetAside, ...] = attrs.field(
        default=(), metadata=_doc("Tensions no competence answers, each with the reason.")
    )

    def title_in(self, language: str | None) -> str:
        """Return the title in *language*, falling back to the original."""
        return _translation(self.translations, self.title, language)

    def competences(self) -> Iterator[tuple[Bloc, Competence]]:
        """Yield every competence with its bloc, in file order."""
        for bloc in self.blocs:
            for competence in bloc.competences:
                yield bloc, competence

    def criteria(self) -> Iterator[tuple[Bloc, Criterion]]:
        """Yield every criterion with its bloc, in file order."""
        for bloc in self.blocs:
            for criterion in bloc.criteria:
                yield bloc, criterion
