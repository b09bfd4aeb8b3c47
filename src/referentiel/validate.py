"""Checks across a framework's elements: ``validate(framework) -> Report``, one rule per code.

Validation never raises. Each rule of :data:`RULES` has a stable code, a severity, a one-line
meaning and a check function that yields ``(path, message)`` for each problem; the loader adds
the file, line and column. A warning is no longer reported once an element on its path lists
the warning's code in ``acknowledged`` (like a "resolved" mark in TP Studio). To add a rule:
write its check function here and append it to :data:`RULES`; the docs and tests follow.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeVar

import attrs

from referentiel._gc import paused_gc
from referentiel._strings import all_text, located_texts
from referentiel.errors import ValidationError
from referentiel.issues import Code, Issue, Path, Report, Severity, format_path
from referentiel.model import (
    DILEMMA_POINTS,
    POLE_POINTS,
    Contradiction,
    Dilemma,
    Evidence,
    Framework,
    Link,
    Point,
    Provenance,
    Side,
    Status,
)

T = TypeVar("T")

__all__ = ["RULES", "WARNING_CODES", "Rule", "ensure_valid", "validate"]

#: What a check yields: where the problem is, and what it is.
Found = tuple[Path, str]
Check = Callable[[Framework], Iterable[Found]]


@attrs.frozen(kw_only=True)
class Rule:
    """A validation rule: its :class:`~referentiel.issues.Code` and the check that applies it.

    >>> RULES[0].code.code, RULES[0].code.severity.value
    ('duplicate-id', 'error')
    """

    code: Code
    check: Check


def _rule(
    code: str, meaning: str, fix: str, severity: Severity = Severity.ERROR
) -> Callable[[Check], Rule]:
    def make(check: Check) -> Rule:
        return Rule(code=Code(code=code, meaning=meaning, fix=fix, severity=severity), check=check)

    return make


def _first_seen(items: Iterable[tuple[object, Path]], what: str) -> Iterator[Found]:
    seen: dict[object, Path] = {}
    for key, where in items:
        if key in seen:
            yield where, f"duplicate {what} {key!r} (first at {format_path(seen[key])})"
        else:
            seen[key] = where


def _evidence(fw: Framework) -> Iterator[tuple[Path, Evidence, Contradiction | Dilemma]]:
    for i, tension in enumerate(fw.tensions):
        for j, evidence in enumerate(tension.evidence):
            yield ("tensions", i, "evidence", j), evidence, tension


def _points(fw: Framework) -> Iterator[tuple[Point, Path]]:
    """Every point of a polarity map or a link, with its place."""
    for i, tension in enumerate(fw.tensions):
        for side, pole in zip(tension.SIDES, tension.poles, strict=True):
            for name in POLE_POINTS:
                for j, point in enumerate(getattr(pole, name)):
                    yield point, ("tensions", i, side.value, name, j)
        if isinstance(tension, Dilemma):
            for name in DILEMMA_POINTS:
                point = getattr(tension, name)
                if point is not None:
                    yield point, ("tensions", i, name)
    for k, link in enumerate(fw.links):
        for j, point in enumerate(link.assumptions):
            yield point, ("links", k, "assumptions", j)


def _provenances(fw: Framework) -> Iterator[tuple[Provenance, Path]]:  # noqa: PLR0912 - one walk
    for i, tension in enumerate(fw.tensions):
        yield tension.provenance, ("tensions", i, "provenance")
        if tension.number_provenance is not None:
            yield tension.number_provenance, ("tensions", i, "number_provenance")
        if isinstance(tension, Contradiction) and tension.origin_provenance is not None:
            yield tension.origin_provenance, ("tensions", i, "origin_provenance")
        for side, pole in zip(tension.SIDES, tension.poles, strict=True):
            if pole.provenance is not None:
                yield pole.provenance, ("tensions", i, side.value, "provenance")
        if isinstance(tension, Dilemma):
            for j, resource in enumerate(tension.resources):
                if resource.provenance is not None:
                    yield resource.provenance, ("tensions", i, "resources", j, "provenance")
    for point, path in _points(fw):
        if point.provenance is not None:
            yield point.provenance, (*path, "provenance")
    for g, goal in enumerate(fw.goals):
        yield goal.provenance, ("goals", g, "provenance")
    for path, evidence, _ in _evidence(fw):
        if evidence.provenance is not None:
            yield evidence.provenance, (*path, "provenance")
    for k, link in enumerate(fw.links):
        if link.provenance is not None:
            yield link.provenance, ("links", k, "provenance")


@_rule("duplicate-id", "two tensions, sources or excerpts share an id", "rename one")
def check_unique_ids(fw: Framework) -> Iterator[Found]:
    """Tension ids, source ids and evidence ids are each unique."""
    yield from _first_seen(
        [
            *((t.id, ("tensions", i, "id")) for i, t in enumerate(fw.tensions)),
            *((g.id, ("goals", i, "id")) for i, g in enumerate(fw.goals)),
        ],
        "tension or goal id",
    )
    yield from _first_seen(
        ((s.id, ("sources", i, "id")) for i, s in enumerate(fw.sources)), "source id"
    )
    yield from _first_seen(
        ((e.id, (*path, "id")) for path, e, _ in _evidence(fw) if e.id is not None),
        "evidence id",
    )


@_rule("duplicate-number", "two tensions share a number", "renumber")
def check_unique_numbers(fw: Framework) -> Iterator[Found]:
    """Tension numbers are unique."""
    yield from _first_seen(
        ((t.number, ("tensions", i, "number")) for i, t in enumerate(fw.tensions)),
        "tension number",
    )


@_rule("bad-number", "a number below 1", "numbers start at 1")
def check_positive_numbers(fw: Framework) -> Iterator[Found]:
    """Tension numbers start at 1."""
    for i, tension in enumerate(fw.tensions):
        if tension.number < 1:
            yield ("tensions", i, "number"), f"numbers start at 1, got {tension.number}"


@_rule("empty-pole", "a pole's, goal's or point's label is empty", "write the label")
def check_pole_labels(fw: Framework) -> Iterator[Found]:
    """Poles, goals and points (upsides, assumptions ...) have a label."""
    for i, tension in enumerate(fw.tensions):
        for side, pole in zip(tension.SIDES, tension.poles, strict=True):
            if not pole.label.strip():
                yield ("tensions", i, side.value, "label"), "the pole's label is empty"
    for g, goal in enumerate(fw.goals):
        if not goal.label.strip():
            yield ("goals", g, "label"), "the goal's label is empty"
    for point, path in _points(fw):
        if not point.label.strip():
            yield (*path, "label"), "the label is empty"


@_rule("identical-poles", "both poles read the same", "a tension needs two distinct poles")
def check_distinct_poles(fw: Framework) -> Iterator[Found]:
    """Check that the two poles of a tension differ."""
    for i, tension in enumerate(fw.tensions):
        first, second = (pole.label.strip() for pole in tension.poles)
        if first and first.casefold() == second.casefold():
            message = f"both poles read {first!r}: a tension needs two distinct poles"
            yield ("tensions", i, tension.SIDES[1].value, "label"), message


@_rule(
    "missing-origin",
    "a contradiction has no origin (it is drawn under « origine non renseignée »)",
    "add `origin: organisation` or `situation` if a source gives it, or acknowledge it",
    Severity.WARNING,
)
def check_origins(fw: Framework) -> Iterator[Found]:
    """Every contradiction has an origin."""
    for i, tension in enumerate(fw.tensions):
        if isinstance(tension, Contradiction) and tension.origin is None:
            yield (
                ("tensions", i),
                f"contradiction {tension.id!r} has no origin "
                "(expected one of 'organisation', 'situation')",
            )


@_rule(
    "unknown-source",
    "evidence or provenance cites a source not declared",
    "declare it under `sources`, or fix the id",
)
def check_sources(fw: Framework) -> Iterator[Found]:
    """Evidence and provenance point at sources that exist."""
    known = {s.id for s in fw.sources}
    expected = ", ".join(repr(s.id) for s in fw.sources) or "none is declared"
    # each place's path is made only for a problem: a corpus cites hundreds of thousands
    cited = itertools.chain(
        ((e.source, path) for path, e, _ in _evidence(fw)),
        ((p.source, path) for p, path in _provenances(fw)),
    )
    for source, path in cited:
        if source is not None and source not in known:
            yield (*path, "source"), f"unknown source {source!r} (expected one of {expected})"


@_rule(
    "missing-justification",
    "a reconstructed or illustrative element says not why",
    "quote the source passage, or say why it is illustrative",
)
def check_justifications(fw: Framework) -> Iterator[Found]:
    """Reconstructed and illustrative elements say why."""
    for provenance, path in _provenances(fw):
        justified = bool((provenance.justification or "").strip())
        if provenance.status is not Status.ATTESTED and not justified:
            article = "an" if provenance.status is Status.ILLUSTRATIVE else "a"
            yield (
                path,
                f"{article} {provenance.status.value} element needs a justification "
                "(the source passage or the reason)",
            )


@_rule(
    "unchecked-attestation",
    "a claim is marked attested but names no source to check it against",
    "give the `source` that states it (and a `locator`), or mark it reconstructed",
    Severity.WARNING,
)
def check_attested_claims(fw: Framework) -> Iterator[Found]:
    """Check that what is marked attested names the source that states it."""
    for provenance, path in _provenances(fw):
        if provenance.status is Status.ATTESTED and provenance.source is None:
            yield path, "marked attested, but no source says where: nothing can be checked"


@_rule("empty-quote", "an excerpt's quote is empty", "quote the excerpt")
def check_quotes(fw: Framework) -> Iterator[Found]:
    """Quotes are not empty."""
    for path, evidence, _ in _evidence(fw):
        if not evidence.quote.strip():
            yield (*path, "quote"), "the quote is empty"


@_rule(
    "wrong-pole",
    "an excerpt, a resource or a link names a pole its tension (or goal) does not have",
    "`prescribed`/`real` for contradictions, `first`/`second` for dilemmas, or `both`",
)
def check_supported_poles(fw: Framework) -> Iterator[Found]:
    """Evidence, resources and links name poles their tension has."""
    # each place's path is made only for a problem, as in check_sources
    supported = itertools.chain(
        ((path, e.supports, tension) for path, e, tension in _evidence(fw)),
        (
            (("tensions", i, "resources", j), r.supports, tension)
            for i, tension in enumerate(fw.tensions)
            if isinstance(tension, Dilemma)
            for j, r in enumerate(tension.resources)
        ),
    )
    for path, side, tension in supported:
        allowed = (*tension.SIDES, Side.BOTH)
        if side not in allowed:
            names = ", ".join(repr(s.value) for s in allowed)
            yield (
                (*path, "supports"),
                f"a {tension.kind.value} has no {side.value!r} pole (expected one of {names})",
            )
    yield from _link_poles(fw)


def _link_poles(fw: Framework) -> Iterator[Found]:
    """Links name poles only of tensions, and poles those tensions have."""
    tensions = {t.id: t for t in fw.tensions}
    goals = {g.id for g in fw.goals}
    for k, link in enumerate(fw.links):
        for end in ("source", "target"):
            side, name = getattr(link, f"{end}_pole"), getattr(link, end)
            found = tensions.get(name)
            if side is None or (found is not None and side in found.SIDES):
                continue
            path = ("links", k, f"{end}_pole")
            if found is not None:
                names = ", ".join(repr(s.value) for s in found.SIDES)
                message = (
                    f"a {found.kind.value} has no {side.value!r} pole (expected one of {names})"
                )
                yield path, message
            elif name in goals:
                yield path, f"goal {name!r} has no pole"


@_rule("unknown-link-end", "a link names a tension or goal that does not exist", "fix the id")
def check_link_ends(fw: Framework) -> Iterator[Found]:
    """Links join tensions and goals that exist."""
    known = {t.id for t in fw.tensions} | {g.id for g in fw.goals}
    for i, link in enumerate(fw.links):
        for end in ("source", "target"):
            value = getattr(link, end)
            if value not in known:
                yield ("links", i, end), f"unknown tension or goal {value!r}"


@_rule("self-link", "a tension, pole or goal is linked to itself", "remove the link")
def check_self_links(fw: Framework) -> Iterator[Found]:
    """Links join two different ends (a dilemma's two poles are two ends)."""
    for i, link in enumerate(fw.links):
        if link.source == link.target and link.source_pole == link.target_pole:
            yield ("links", i), f"{link.source!r} is linked to itself"


@_rule("duplicate-link", "the same link is given twice", "keep one")
def check_duplicate_links(fw: Framework) -> Iterator[Found]:
    """Check that no link is given twice."""
    yield from _first_seen(((_link_key(k), ("links", i)) for i, k in enumerate(fw.links)), "link")


def _link_key(link: Link) -> tuple[str, ...]:
    """Return what makes a link itself: its ends (with their poles) and its relation."""
    ends = [
        f"{end}.{side.value}" if side is not None else end
        for end, side in ((link.source, link.source_pole), (link.target, link.target_pole))
    ]
    return (*ends, link.relation.value)


@_rule(
    "numbering-gap",
    "numbers skip some values",
    "renumber, or acknowledge it on the framework",
    Severity.WARNING,
)
def check_numbering(fw: Framework) -> Iterator[Found]:
    """Check that numbers run 1, 2, 3 ... without a gap (in time linear in the tensions)."""
    numbers = sorted({t.number for t in fw.tensions if t.number >= 1})
    shown: list[int] = []
    count = 0
    for low, high in zip([0, *numbers], numbers, strict=False):
        count += high - low - 1
        shown += range(low + 1, min(high, low + 1 + _SHOWN - len(shown)))
    if count:
        listed = ", ".join(str(n) for n in shown)
        more = f" ... ({count} numbers in all)" if count > len(shown) else ""
        yield ("tensions",), f"tension numbers skip {listed}{more}"


#: How many missing numbers a numbering-gap warning lists.
_SHOWN: Final = 10


@_rule(
    "no-evidence",
    "a tension has no excerpt",
    "add evidence, or acknowledge it on the tension",
    Severity.WARNING,
)
def check_evidence_present(fw: Framework) -> Iterator[Found]:
    """Every tension has at least one excerpt."""
    for i, tension in enumerate(fw.tensions):
        if not tension.evidence:
            yield ("tensions", i), f"{tension.kind.value} {tension.id!r} has no evidence"


@_rule(
    "unknown-acknowledgement",
    "an element acknowledges a code that is not a warning",
    "only warnings can be acknowledged",
    Severity.WARNING,
)
def check_acknowledgements(fw: Framework) -> Iterator[Found]:
    """Acknowledged codes are warning codes."""
    owners: list[tuple[Path, tuple[str, ...]]] = [((), fw.acknowledged)]
    owners += [(("tensions", i), t.acknowledged) for i, t in enumerate(fw.tensions)]
    owners += [(("links", i), link.acknowledged) for i, link in enumerate(fw.links)]
    expected = ", ".join(repr(code) for code in sorted(WARNING_CODES))
    for path, acknowledged in owners:
        for j, code in enumerate(acknowledged):
            if code not in WARNING_CODES:
                yield (
                    (*path, "acknowledged", j),
                    f"cannot acknowledge {code!r}: only warnings can be "
                    f"(expected one of {expected})",
                )


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@_rule(
    "lone-surrogate",
    "a text holds a lone surrogate (half of a UTF-16 pair), which no file can hold",
    "write the character it stands for",
)
def check_surrogates(fw: Framework) -> Iterator[Found]:
    r"""Texts hold characters only: no lone surrogate (a JSON or YAML ``\ud800`` escape)."""
    if _SURROGATE.search(all_text(fw)) is None:  # the common case: one search over all text
        return
    for path, text in located_texts(fw):
        if found := _SURROGATE.search(text):
            yield (
                path,
                (f"lone surrogate U+{ord(found.group()):04X} at character {found.start() + 1}"),
            )


#: The rules :func:`validate` applies, in order (the docs list them in this order).
RULES: Final[tuple[Rule, ...]] = (
    check_unique_ids,
    check_surrogates,
    check_unique_numbers,
    check_positive_numbers,
    check_pole_labels,
    check_distinct_poles,
    check_origins,
    check_sources,
    check_justifications,
    check_attested_claims,
    check_quotes,
    check_supported_poles,
    check_link_ends,
    check_self_links,
    check_duplicate_links,
    check_numbering,
    check_evidence_present,
    check_acknowledgements,
)

#: The codes of the warnings an element may acknowledge (all warnings but this one).
WARNING_CODES: Final = frozenset(
    r.code.code
    for r in RULES
    if r.code.severity is Severity.WARNING and r.code.code != "unknown-acknowledgement"
)


def _acknowledged(fw: Framework, issue: Issue) -> bool:
    if issue.code in fw.acknowledged:
        return True
    match issue.path:
        case ("tensions", int(i), *_):
            return issue.code in fw.tensions[i].acknowledged
        case ("links", int(i), *_):
            return issue.code in fw.links[i].acknowledged
    return False


def validate(framework: Framework) -> Report:
    """Check *framework* across its elements and return every issue found; never raise.

    >>> from referentiel.model import Dilemma, Pole, Provenance, Status
    >>> fw = Framework(id="x", title="X", tensions=(
    ...     Dilemma(id="d1", number=2, first=Pole(label="A"), second=Pole(label="a"),
    ...             provenance=Provenance(status=Status.RECONSTRUCTED)),))
    >>> for issue in validate(fw).issues:
    ...     print(issue)
    error identical-poles: both poles read 'A': a tension needs two distinct poles (at $.tensions[0].second.label)
    error missing-justification: a reconstructed element needs a justification (the source passage or the reason) (at $.tensions[0].provenance)
    warning numbering-gap: tension numbers skip 1 (at $.tensions)
    warning no-evidence: dilemma 'd1' has no evidence (at $.tensions[0])
    """  # noqa: E501 - doctest output lines cannot be wrapped
    # The rules make no cycles, only short-lived values; the collector's passes would walk the
    # whole framework again and again (a framework just read is all new objects) for nothing.
    with paused_gc():
        issues = [
            issue
            for rule in RULES
            for path, message in rule.check(framework)
            for issue in (rule.code.issue(message, path),)
            if issue.severity is Severity.ERROR or not _acknowledged(framework, issue)
        ]
    issues.sort(key=lambda i: i.severity is not Severity.ERROR)  # stable: rules keep their order
    return Report(issues=tuple(issues))


def ensure_valid(framework: Framework) -> Report:
    """Return the report of *framework*; raise :exc:`ValidationError` listing every error if any.

    >>> from referentiel.model import Framework
    >>> ensure_valid(Framework(id="empty", title="Vide")).ok
    True
    """
    report = validate(framework)
    if not report.ok:
        raise ValidationError(report)
    return report
