"""Checks across a framework's elements: ``validate(framework) -> Report``, one rule per code.

Validation never raises. Each rule of :data:`RULES` has a stable code, a severity, a one-line
meaning and a check function that yields ``(path, message)`` for each problem; the loader adds
the file, line and column. A warning is no longer reported once an element on its path lists
the warning's code in ``acknowledged`` (like a "resolved" mark in TP Studio). To add a rule:
write its check function here and append it to :data:`RULES`; the docs and tests follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeVar

import attrs

from referentiel._strings import all_text, located_texts
from referentiel.errors import ValidationError
from referentiel.issues import Code, Issue, Path, Report, Severity, format_path
from referentiel.model import Contradiction, Dilemma, Evidence, Framework, Provenance, Side, Status

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


def _provenances(fw: Framework) -> Iterator[tuple[Provenance, Path]]:
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
        ((t.id, ("tensions", i, "id")) for i, t in enumerate(fw.tensions)), "tension id"
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


@_rule("empty-pole", "a pole's label is empty", "name the pole")
def check_pole_labels(fw: Framework) -> Iterator[Found]:
    """Both poles have a label."""
    for i, tension in enumerate(fw.tensions):
        for side, pole in zip(tension.SIDES, tension.poles, strict=True):
            if not pole.label.strip():
                yield ("tensions", i, side.value, "label"), "the pole's label is empty"


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
    cited = [(e.source, (*path, "source")) for path, e, _ in _evidence(fw)]
    cited += [(p.source, (*path, "source")) for p, path in _provenances(fw)]
    for source, path in cited:
        if source is not None and source not in known:
            yield path, f"unknown source {source!r} (expected one of {expected})"


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
    "an excerpt supports a pole its tension does not have",
    "`prescribed`/`real` for contradictions, `first`/`second` for dilemmas, or `both`",
)
def check_supported_poles(fw: Framework) -> Iterator[Found]:
    """Evidence supports a pole its tension has."""
    for path, evidence, tension in _evidence(fw):
        allowed = (*tension.SIDES, Side.BOTH)
        if evidence.supports not in allowed:
            names = ", ".join(repr(s.value) for s in allowed)
            yield (
                (*path, "supports"),
                f"a {tension.kind.value} has no {evidence.supports.value!r} pole "
                f"(expected one of {names})",
            )


@_rule("unknown-link-end", "a link names a tension that does not exist", "fix the id")
def check_link_ends(fw: Framework) -> Iterator[Found]:
    """Links join tensions that exist."""
    known = {t.id for t in fw.tensions}
    for i, link in enumerate(fw.links):
        for end in ("source", "target"):
            value = getattr(link, end)
            if value not in known:
                yield ("links", i, end), f"unknown tension {value!r}"


@_rule("self-link", "a tension is linked to itself", "remove the link")
def check_self_links(fw: Framework) -> Iterator[Found]:
    """Links join two different tensions."""
    for i, link in enumerate(fw.links):
        if link.source == link.target:
            yield ("links", i), f"tension {link.source!r} is linked to itself"


@_rule("duplicate-link", "the same link is given twice", "keep one")
def check_duplicate_links(fw: Framework) -> Iterator[Found]:
    """Check that no link is given twice."""
    yield from _first_seen(
        (((k.source, k.target, k.relation.value), ("links", i)) for i, k in enumerate(fw.links)),
        "link",
    )


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
