"""Drafting a certification from a framework's tensions: ``draft(framework)``.

Didactique professionnelle puts situations first: the draft gives each tension an activity in
the situation where it is lived, a competence that answers it (adjusting the prescribed to the
real, for a contradiction; arbitrating between the poles, for a dilemma), a criterion per early
warning of its polarity map (else one that asks the candidate to explain their adjustment), and
an evaluation modality per bloc in a reconstituted work situation. Blocs follow the tensions'
origins. Every element is marked ``draft: true`` and illustrative: the designer rewrites it.
The phrases, in French and English, live in :data:`~referentiel.certification._phrases.PHRASES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from referentiel.certification._phrases import LANGUAGES, PHRASES
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
)
from referentiel.errors import UnsupportedFormatError
from referentiel.model import Contradiction, Dilemma, Framework, Origin, Provenance, Status
from referentiel.model import Tension as _Tension

__all__ = ["LANGUAGES", "PHRASES", "draft"]


class _Writer:
    """Writes the draft's texts in one language, with their translations in the others."""

    def __init__(self, framework: Framework, language: str) -> None:
        self.framework = framework
        self.language = language
        self.others = tuple(lang for lang in LANGUAGES if lang != language)

    def text(self, key: str, lang: str, **values: object) -> str:
        return PHRASES[lang][key].format(**values)

    def both(self, key: str, **values: object) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Return the phrase in the draft's language, and its translations."""

        def filled(lang: str) -> dict[str, object]:
            return {k: v(lang) if callable(v) else v for k, v in values.items()}

        main = self.text(key, self.language, **filled(self.language))
        return main, tuple((lang, self.text(key, lang, **filled(lang))) for lang in self.others)

    def provenance(self, tension: _Tension | None = None, key: str = "justification") -> Provenance:
        values: dict[str, object] = {"title": self.framework.title}
        if tension is not None:
            values |= {
                "kind": self.text(tension.kind.value, self.language),
                "n": tension.number,
                "id": tension.id,
            }
        return Provenance(
            status=Status.ILLUSTRATIVE, justification=self.text(key, self.language, **values)
        )


def _groups(framework: Framework) -> list[tuple[str, list[_Tension]]]:
    """Return the tensions by bloc: contradictions by origin, then the dilemmas."""
    keys = {Origin.ORGANISATION: "bloc-organisation", Origin.SITUATION: "bloc-situation"}
    groups: dict[str, list[_Tension]] = {}
    for tension in framework.tensions:
        if isinstance(tension, Contradiction):
            key = keys[tension.origin] if tension.origin is not None else "bloc-none"
        else:
            key = "bloc-dilemma"
        groups.setdefault(key, []).append(tension)
    order = ("bloc-organisation", "bloc-situation", "bloc-none", "bloc-dilemma")
    return [(key, groups[key]) for key in order if key in groups]


def draft(
    framework: Framework,
    *,
    framework_file: str,
    language: str = "fr",
    date: dt.date | None = None,
) -> Certification:
    """Draft a certification from *framework*, written in *language* (``fr`` or ``en``).

    *framework_file* is the framework's file as the certification file will name it (relative
    to where it is saved); *date* is the draft's (CASE packages carry it). Every element is
    illustrative and marked as a draft.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> cert = draft(fw, framework_file="customer-relations.yaml")
    >>> print(cert.blocs[0].competences[0].statement)
    Ajuster la prescription « Répondre dans des délais contraints » aux exigences du travail réel « Conduire une vraie relation » pour tenir la qualité du travail quand prescription et réalité divergent
    >>> cert.blocs[0].competences[0].provenance.status.value, cert.blocs[0].competences[0].draft
    ('illustrative', True)
    """  # noqa: E501 - a doctest output line cannot be wrapped
    if language not in LANGUAGES:
        expected = ", ".join(repr(lang) for lang in LANGUAGES)
        raise UnsupportedFormatError(f"no drafts in {language!r} (expected one of {expected})")
    writer = _Writer(framework, language)
    counters = {"a": 0, "k": 0, "m": 0, "e": 0}

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    blocs = []
    for b, (key, tensions) in enumerate(_groups(framework), start=1):
        label, label_translations = writer.both(key)
        modality_label, modality_translations = writer.both("modality")
        modality = Modality(
            id=next_id("m"),
            label=modality_label,
            kind=ModalityKind.RECONSTITUTED_SITUATION,
            description=writer.text("modality-description", language),
            translations=modality_translations,
            provenance=writer.provenance(key="justification-bloc"),
            draft=True,
        )
        activities, competences, criteria = [], [], []
        for tension in tensions:
            made = _for_tension(writer, tension, modality.id, next_id)
            activities.append(made[0])
            competences.append(made[1])
            criteria += made[2]
        blocs.append(
            Bloc(
                id=f"b{b}",
                label=label,
                translations=label_translations,
                activities=tuple(activities),
                competences=tuple(competences),
                modalities=(modality,),
                criteria=tuple(criteria),
                provenance=writer.provenance(key="justification-bloc"),
                draft=True,
            )
        )
    title, title_translations = writer.both("title", title=framework.title_in)
    return Certification(
        id=f"{framework.id}-certification",
        title=title,
        translations=title_translations,
        framework=framework_file,
        language=language,
        date=date,
        provenance=writer.provenance(key="justification-certification"),
        blocs=tuple(blocs),
    )


def _for_tension(
    writer: _Writer, tension: _Tension, modality: str, next_id: Callable[[str], str]
) -> tuple[Activity, Competence, list[Criterion]]:
    """Return the activity, competence and criteria drafted for one tension."""
    first, second = tension.poles
    poles = {"a": first.label_in, "b": second.label_in, "n": tension.number}
    contradiction = isinstance(tension, Contradiction)
    provenance = writer.provenance(tension)
    answers = (Answer(tension=tension.id),)
    label, translations = writer.both("activity", **poles)
    situation_key = "situation-contradiction" if contradiction else "situation-dilemma"
    activity = Activity(
        id=next_id("a"),
        label=label,
        situation=writer.both(situation_key, **poles)[0],
        translations=translations,
        answers=answers,
        provenance=provenance,
        draft=True,
    )
    verb, object_key = (
        ("adjust", "adjust-object") if contradiction else ("arbitrate", "arbitrate-object")
    )
    purpose_key, purpose_values = (
        ("purpose-contradiction", {}) if contradiction else ("purpose-dilemma", {})
    )
    greater = tension.greater_purpose if isinstance(tension, Dilemma) else None
    if greater is not None:
        purpose_key, purpose_values = "purpose-greater", {"p": greater.label_in}
    # action, object and purpose in every language: the draft's, and the statement translated
    parts = {
        lang: (
            writer.text(verb, lang),
            writer.text(object_key, lang, a=first.label_in(lang), b=second.label_in(lang)),
            writer.text(purpose_key, lang, **{k: v(lang) for k, v in purpose_values.items()}),
        )
        for lang in LANGUAGES
    }
    action, object_, purpose = parts[writer.language]
    competence = Competence(
        id=next_id("k"),
        action=action,
        object=object_,
        purpose=purpose,
        activities=(activity.id,),
        translations=tuple((other, " ".join(parts[other])) for other in writer.others),
        answers=answers,
        provenance=provenance,
        draft=True,
    )
    levels = tuple(
        Grade(
            label=writer.both(f"level-{n}")[0],
            score=n - 1,
            translations=writer.both(f"level-{n}")[1],
        )
        for n in (1, 2, 3)
    )
    criteria = []
    for side, pole in zip(tension.SIDES, tension.poles, strict=True):
        for warning in pole.early_warnings:
            text, texts = writer.both("criterion-warning", w=warning.label_in)
            criteria.append(
                Criterion(
                    id=next_id("e"),
                    label=text,
                    competence=competence.id,
                    modality=modality,
                    levels=levels,
                    translations=texts,
                    answers=(Answer(tension=tension.id, pole=side),),
                    provenance=provenance,
                    draft=True,
                )
            )
    if not criteria:
        key = "criterion-contradiction" if contradiction else "criterion-dilemma"
        text, texts = writer.both(key, **poles)
        criteria.append(
            Criterion(
                id=next_id("e"),
                label=text,
                competence=competence.id,
                modality=modality,
                levels=levels,
                translations=texts,
                answers=answers,
                provenance=provenance,
                draft=True,
            )
        )
    return activity, competence, criteria
