"""Checks of a certification against its framework: ``validate(certification, framework)``.

One rule per code, as for frameworks (:mod:`referentiel.validate`): each yields ``(path,
message)`` for every problem, and a file's loader adds the line and column. The coverage rules
follow France Compétences: every competence is evaluated, nothing outside the référentiel is
evaluated, each bloc can be evaluated on its own, evaluation stays close to the real work; and
the référentiel's own: every tension of the framework is answered or set aside, and each
competence leads, through the tensions it answers, to the excerpts that back them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from referentiel.certification.model import (
    ELEMENTS,
    Activity,
    Answer,
    Bloc,
    Certification,
    Competence,
    Criterion,
    Modality,
    ModalityKind,
)
from referentiel.issues import Code, Path, Report, Severity, format_path
from referentiel.model import Framework, Provenance, Side, Status

__all__ = ["RULES", "CertificationRule", "validate"]

Found = tuple[Path, str]
Check = Callable[[Certification, Framework], Iterable[Found]]
Element = Bloc | Activity | Competence | Modality | Criterion


@attrs.frozen(kw_only=True)
class CertificationRule:
    """A rule of certifications: its :class:`~referentiel.issues.Code` and its check."""

    code: Code
    check: Check


def _rule(
    code: str, meaning: str, fix: str, severity: Severity = Severity.ERROR
) -> Callable[[Check], CertificationRule]:
    def make(check: Check) -> CertificationRule:
        return CertificationRule(
            code=Code(code=code, meaning=meaning, fix=fix, severity=severity), check=check
        )

    return make


def elements(cert: Certification) -> Iterator[tuple[Element, Path]]:
    """Yield every bloc and every element of each bloc, with its path, in file order."""
    for b, bloc in enumerate(cert.blocs):
        yield bloc, ("blocs", b)
        for name in ELEMENTS:
            for i, element in enumerate(getattr(bloc, name)):
                yield element, ("blocs", b, name, i)


def _answers(cert: Certification) -> Iterator[tuple[Answer, Path]]:
    for element, path in elements(cert):
        for j, answer in enumerate(getattr(element, "answers", ())):
            yield answer, (*path, "answers", j)


def _kind_word(element: object) -> str:
    return type(element).__name__.lower()


@_rule("duplicate-element-id", "two elements of a certification share an id", "rename one")
def check_unique_ids(cert: Certification, _: Framework) -> Iterator[Found]:
    """Ids are unique across the blocs and all their elements."""
    seen: dict[str, Path] = {}
    for element, path in elements(cert):
        if element.id in seen:
            yield (
                (*path, "id"),
                f"duplicate id {element.id!r} (first at {format_path(seen[element.id])})",
            )
        else:
            seen[element.id] = path


_REGISTRY: Final = re.compile(r"RNCP\d{1,6}")
_BLOC_CODE: Final = re.compile(r"(RNCP\d{1,6})BC\d{2}")


@_rule(
    "bad-rncp-code",
    "an RNCP number or bloc code is not of the registry's form",
    "write RNCPnnnnn for the certification, RNCPnnnnnBCnn for its blocs",
)
def check_codes(cert: Certification, _: Framework) -> Iterator[Found]:
    """RNCP numbers read RNCPnnnnn; bloc codes RNCPnnnnnBCnn, with the certification's number."""
    if cert.registry is not None and not _REGISTRY.fullmatch(cert.registry):
        yield ("registry",), f"expected an RNCP number such as 'RNCP34567', got {cert.registry!r}"
    for b, bloc in enumerate(cert.blocs):
        if bloc.code is None:
            continue
        match = _BLOC_CODE.fullmatch(bloc.code)
        if match is None:
            yield (
                ("blocs", b, "code"),
                f"expected a bloc code such as 'RNCP34567BC01', got {bloc.code!r}",
            )
        elif cert.registry is not None and match.group(1) != cert.registry:
            yield (
                ("blocs", b, "code"),
                f"bloc code {bloc.code!r} is not of the certification {cert.registry!r}",
            )


@_rule("empty-text", "an element's label or statement part is empty", "write it")
def check_texts(cert: Certification, _: Framework) -> Iterator[Found]:
    """Labels, and a competence's action, object and purpose, are written."""
    for element, path in elements(cert):
        names = ("action", "object", "purpose") if isinstance(element, Competence) else ("label",)
        for name in names:
            if not getattr(element, name).strip():
                yield (*path, name), f"the {_kind_word(element)}'s {name} is empty"


@_rule(
    "unjustified-element",
    "a reconstructed or illustrative element of a certification needs a justification",
    "say which source passage it comes from, or why it is illustrative",
)
def check_justifications(cert: Certification, _: Framework) -> Iterator[Found]:
    """Check that what is not attested says why."""
    provenances: list[tuple[Provenance, Path]] = [(cert.provenance, ("provenance",))]
    provenances += [(e.provenance, (*path, "provenance")) for e, path in elements(cert)]
    for provenance, path in provenances:
        if (
            provenance.status is not Status.ATTESTED
            and not (provenance.justification or "").strip()
        ):
            yield (
                path,
                (
                    f"a {provenance.status.value} element needs a justification "
                    "(the source passage or the reason)"
                ),
            )


@_rule(
    "unknown-tension",
    "an element answers, or sets aside, a tension the framework does not have",
    "use the id of a tension of the framework",
)
def check_tensions(cert: Certification, fw: Framework) -> Iterator[Found]:
    """Answers and set-aside tensions name tensions of the framework."""
    ids = {t.id for t in fw.tensions}
    for answer, path in _answers(cert):
        if answer.tension not in ids:
            yield (*path, "tension"), f"no tension {answer.tension!r} in the framework {fw.id!r}"
    for k, aside in enumerate(cert.set_aside):
        if aside.tension not in ids:
            yield (
                ("set_aside", k, "tension"),
                f"no tension {aside.tension!r} in the framework {fw.id!r}",
            )


@_rule(
    "wrong-answer-pole",
    "an answer names a pole its tension does not have",
    "a contradiction's poles are prescribed and real; a dilemma's, first and second",
)
def check_poles(cert: Certification, fw: Framework) -> Iterator[Found]:
    """Check that an answer's pole is one of its tension's poles (or both)."""
    by_id = {t.id: t for t in fw.tensions}
    for answer, path in _answers(cert):
        tension = by_id.get(answer.tension)
        if tension is None or answer.pole in (None, Side.BOTH, *tension.SIDES):
            continue
        poles = ", ".join(repr(s.value) for s in tension.SIDES)
        yield (
            (*path, "pole"),
            (
                f"{tension.id!r} is a {tension.kind.value}: its poles are {poles}, "
                f"not {answer.pole.value!r}"
            ),
        )


@_rule(
    "unknown-reference",
    "a competence names an activity, or a criterion a modality, the certification lacks",
    "use the id of an activity or modality of the certification",
)
def check_references(cert: Certification, _: Framework) -> Iterator[Found]:
    """Check that a competence's activities and a criterion's modality exist."""
    activities = {a.id for bloc in cert.blocs for a in bloc.activities}
    modalities = {m.id for bloc in cert.blocs for m in bloc.modalities}
    for b, bloc in enumerate(cert.blocs):
        for i, competence in enumerate(bloc.competences):
            for j, activity in enumerate(competence.activities):
                if activity not in activities:
                    yield (
                        ("blocs", b, "competences", i, "activities", j),
                        f"no activity {activity!r} in the certification",
                    )
        for i, criterion in enumerate(bloc.criteria):
            if criterion.modality is not None and criterion.modality not in modalities:
                yield (
                    ("blocs", b, "criteria", i, "modality"),
                    f"no modality {criterion.modality!r} in the certification",
                )


@_rule(
    "criterion-outside",
    "a criterion evaluates something that is not a competence of the référentiel",
    "tie it to a competence of the référentiel: nothing outside it is evaluated",
)
def check_criteria_inside(cert: Certification, _: Framework) -> Iterator[Found]:
    """Every criterion evaluates a competence of the référentiel."""
    competences = {c.id for _, c in cert.competences()}
    for b, bloc in enumerate(cert.blocs):
        for i, criterion in enumerate(bloc.criteria):
            if criterion.competence not in competences:
                yield (
                    ("blocs", b, "criteria", i, "competence"),
                    (
                        f"criterion {criterion.id!r} evaluates {criterion.competence!r}, which is "
                        "not a competence of the référentiel"
                    ),
                )


@_rule(
    "unevaluated-competence",
    "a competence is evaluated by no criterion",
    "add a criterion that evaluates it",
)
def check_evaluated(cert: Certification, _: Framework) -> Iterator[Found]:
    """Every competence is evaluated by at least one criterion."""
    evaluated = {criterion.competence for _, criterion in cert.criteria()}
    for b, bloc in enumerate(cert.blocs):
        for i, competence in enumerate(bloc.competences):
            if competence.id not in evaluated:
                yield (
                    ("blocs", b, "competences", i),
                    f"competence {competence.id!r} is evaluated by no criterion",
                )


@_rule(
    "bloc-not-standalone",
    "a bloc cannot be evaluated on its own",
    "give each bloc competences, and evaluate them with its own criteria and modalities",
)
def check_standalone(cert: Certification, _: Framework) -> Iterator[Found]:
    """Each bloc has competences, evaluated by its own criteria through its own modalities."""
    home = {c.id: bloc.id for bloc, c in cert.competences()}
    modality_home = {m.id: bloc.id for bloc in cert.blocs for m in bloc.modalities}
    for b, bloc in enumerate(cert.blocs):
        if not bloc.competences:
            yield ("blocs", b), f"bloc {bloc.id!r} has no competence"
        for i, criterion in enumerate(bloc.criteria):
            other = home.get(criterion.competence, bloc.id)
            if other != bloc.id:
                yield (
                    ("blocs", b, "criteria", i, "competence"),
                    (
                        f"criterion {criterion.id!r} of bloc {bloc.id!r} evaluates "
                        f"{criterion.competence!r} of bloc {other!r}: "
                        "each bloc is evaluated on its own"
                    ),
                )
            where = modality_home.get(criterion.modality or "", bloc.id)
            if where != bloc.id:
                yield (
                    ("blocs", b, "criteria", i, "modality"),
                    (
                        f"criterion {criterion.id!r} of bloc {bloc.id!r} uses modality "
                        f"{criterion.modality!r} of bloc {where!r}: "
                        "each bloc is evaluated on its own"
                    ),
                )


@_rule(
    "unanswered-tension",
    "a tension of the framework is answered by no competence and not set aside",
    "answer it with a competence, or set it aside with the reason",
    Severity.WARNING,
)
def check_coverage(cert: Certification, fw: Framework) -> Iterator[Found]:
    """Every tension is answered by a competence or set aside."""
    answered = {a.tension for _, c in cert.competences() for a in c.answers}
    answered |= {aside.tension for aside in cert.set_aside}
    for tension in fw.tensions:
        if tension.id not in answered:
            yield (
                ("blocs",),
                (
                    f"{tension.kind.value} {tension.id!r} ({tension.number}) is answered by no "
                    "competence and not set aside"
                ),
            )


@_rule(
    "competence-without-evidence",
    "no excerpt of the framework backs a competence",
    "answer a tension that has evidence, or add excerpts to the tensions it answers",
    Severity.WARNING,
)
def check_evidence(cert: Certification, fw: Framework) -> Iterator[Found]:
    """Each competence leads, through the tensions it answers, to at least one excerpt."""
    by_id = {t.id: t for t in fw.tensions}
    for b, bloc in enumerate(cert.blocs):
        for i, competence in enumerate(bloc.competences):
            tensions = [by_id[a.tension] for a in competence.answers if a.tension in by_id]
            if not tensions:
                yield (
                    ("blocs", b, "competences", i),
                    (f"competence {competence.id!r} answers no tension: no excerpt can back it"),
                )
            elif not any(t.evidence for t in tensions):
                ids = ", ".join(t.id for t in tensions)
                yield (
                    ("blocs", b, "competences", i),
                    (
                        f"no excerpt backs competence {competence.id!r}: the tensions it answers "
                        f"({ids}) have no evidence"
                    ),
                )


@_rule(
    "far-from-work",
    "a competence is evaluated only in writing",
    "evaluate it in a real or reconstituted work situation, as close to the work as can be",
    Severity.WARNING,
)
def check_close_to_work(cert: Certification, _: Framework) -> Iterator[Found]:
    """Check that evaluation reproduces the real work situation as closely as it can."""
    kinds = {m.id: m.kind for bloc in cert.blocs for m in bloc.modalities}
    through: dict[str, set[ModalityKind]] = {}
    for _bloc, criterion in cert.criteria():
        if criterion.modality in kinds:
            through.setdefault(criterion.competence, set()).add(kinds[criterion.modality])
    for b, bloc in enumerate(cert.blocs):
        for i, competence in enumerate(bloc.competences):
            if through.get(competence.id) == {ModalityKind.WRITTEN}:
                yield (
                    ("blocs", b, "competences", i),
                    (
                        f"competence {competence.id!r} is evaluated only in writing, far from "
                        "the work situation"
                    ),
                )


@_rule(
    "draft-left",
    "a bloc still holds drafts generated from the framework",
    "rewrite each draft, then remove its `draft: true`",
    Severity.WARNING,
)
def check_drafts(cert: Certification, _: Framework) -> Iterator[Found]:
    """Drafts are rewritten by the designer before the certification is used."""
    for b, bloc in enumerate(cert.blocs):
        drafts = [bloc.id] if bloc.draft else []
        drafts += [e.id for name in ELEMENTS for e in getattr(bloc, name) if e.draft]
        if drafts:
            shown = ", ".join(drafts[:6]) + (" ..." if len(drafts) > 6 else "")
            yield ("blocs", b), f"bloc {bloc.id!r} holds {len(drafts)} draft(s): {shown}"


#: Every rule, in the order their issues are reported.
RULES: Final[tuple[CertificationRule, ...]] = (
    check_unique_ids,
    check_codes,
    check_texts,
    check_justifications,
    check_tensions,
    check_poles,
    check_references,
    check_criteria_inside,
    check_evaluated,
    check_standalone,
    check_coverage,
    check_evidence,
    check_close_to_work,
    check_drafts,
)


def validate(certification: Certification, framework: Framework) -> Report:
    """Check *certification* against the *framework* it builds on; never raise.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> validate(cert, fw).ok
    True
    """
    issues = [
        rule.code.issue(message, path)
        for rule in RULES
        for path, message in rule.check(certification, framework)
    ]
    issues.sort(key=lambda i: i.severity is not Severity.ERROR)
    return Report(issues=tuple(issues))
