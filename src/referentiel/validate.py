"""Checks across a framework's elements: ``validate(framework) -> Report``, one function per rule.

Validation never raises. Each :class:`Issue` has a stable code, a severity, a message and a path
such as ``$.tensions[2].real.label``; the loader adds the file, line and column. A warning is no
longer reported once an element on its path lists the warning's code in ``acknowledged`` (like a
"resolved" mark in TP Studio).
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from referentiel.errors import ValidationError
from referentiel.model import (
    Contradiction,
    Dilemma,
    Evidence,
    Framework,
    Pole,
    Provenance,
    Side,
    Status,
    Tension,
)

__all__ = ["WARNING_CODES", "Issue", "Report", "Severity", "ensure_valid", "validate"]


class Severity(enum.Enum):
    """How serious an :class:`Issue` is: errors make a framework invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in a framework or its file.

    >>> issue = Issue(code="empty-quote", severity=Severity.ERROR, message="the quote is empty",
    ...               path="$.tensions[0].evidence[1].quote")
    >>> str(issue)
    'error empty-quote: the quote is empty (at $.tensions[0].evidence[1].quote)'
    >>> str(attrs.evolve(issue, file="f.yaml", line=12, column=9))
    'f.yaml:12:9: error empty-quote: the quote is empty (at $.tensions[0].evidence[1].quote)'
    """

    code: str
    severity: Severity
    message: str
    path: str = "$"
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        """``file:line:column``, as much of it as is known ('' when nothing is)."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)

    def __str__(self) -> str:
        head = f"{self.location}: " if self.location else ""
        return f"{head}{self.severity.value} {self.code}: {self.message} (at {self.path})"


@attrs.frozen(kw_only=True)
class Report:
    """The issues :func:`validate` found, in file order; errors first in :attr:`errors`.

    >>> Report(issues=()).ok
    True
    """

    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity error."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity warning."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    def __str__(self) -> str:
        if not self.issues:
            return "no issues"
        return "\n".join(str(issue) for issue in self.issues)

    def _repr_html_(self) -> str:
        """Show the report as a table in Jupyter."""
        if not self.issues:
            return "<p>No issues.</p>"
        head = "".join(f"<th>{h}</th>" for h in ("where", "severity", "code", "message", "path"))
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (i.location, i.severity.value, i.code, i.message, i.path)
            )
            + "</tr>"
            for i in self.issues
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _error(code: str, message: str, path: str) -> Issue:
    return Issue(code=code, severity=Severity.ERROR, message=message, path=path)


def _warning(code: str, message: str, path: str) -> Issue:
    return Issue(code=code, severity=Severity.WARNING, message=message, path=path)


def _tension_paths(fw: Framework) -> Iterator[tuple[str, Tension]]:
    for i, tension in enumerate(fw.tensions):
        yield f"$.tensions[{i}]", tension


def _pole_paths(fw: Framework) -> Iterator[tuple[str, Pole]]:
    for path, tension in _tension_paths(fw):
        if isinstance(tension, Contradiction):
            yield f"{path}.prescribed", tension.prescribed
            yield f"{path}.real", tension.real
        else:
            yield f"{path}.first", tension.first
            yield f"{path}.second", tension.second


def _evidence_paths(fw: Framework) -> Iterator[tuple[str, Tension, Evidence]]:
    for path, tension in _tension_paths(fw):
        for j, evidence in enumerate(tension.evidence):
            yield f"{path}.evidence[{j}]", tension, evidence


def _provenance_paths(fw: Framework) -> Iterator[tuple[str, Provenance]]:
    for path, tension in _tension_paths(fw):
        yield f"{path}.provenance", tension.provenance
        for pole_path, pole in _poles_of(path, tension):
            if pole.provenance is not None:
                yield f"{pole_path}.provenance", pole.provenance
        if isinstance(tension, Dilemma):
            for j, resource in enumerate(tension.resources):
                if resource.provenance is not None:
                    yield f"{path}.resources[{j}].provenance", resource.provenance
    for path, _, evidence in _evidence_paths(fw):
        if evidence.provenance is not None:
            yield f"{path}.provenance", evidence.provenance
    for i, link in enumerate(fw.links):
        if link.provenance is not None:
            yield f"$.links[{i}].provenance", link.provenance


def _poles_of(path: str, tension: Tension) -> tuple[tuple[str, Pole], tuple[str, Pole]]:
    if isinstance(tension, Contradiction):
        return (f"{path}.prescribed", tension.prescribed), (f"{path}.real", tension.real)
    return (f"{path}.first", tension.first), (f"{path}.second", tension.second)


def _first_seen(items: Iterable[tuple[str, object]], code: str, what: str) -> Iterator[Issue]:
    seen: dict[object, str] = {}
    for path, key in items:
        if key in seen:
            yield _error(code, f"duplicate {what} {key!r} (first at {seen[key]})", path)
        else:
            seen[key] = path


def check_unique_ids(fw: Framework) -> Iterator[Issue]:
    """Tension ids, source ids and evidence ids are each unique (``duplicate-id``)."""
    yield from _first_seen(
        ((f"{p}.id", t.id) for p, t in _tension_paths(fw)), "duplicate-id", "tension id"
    )
    yield from _first_seen(
        ((f"$.sources[{i}].id", s.id) for i, s in enumerate(fw.sources)),
        "duplicate-id",
        "source id",
    )
    yield from _first_seen(
        ((f"{p}.id", e.id) for p, _, e in _evidence_paths(fw) if e.id is not None),
        "duplicate-id",
        "evidence id",
    )


def check_unique_numbers(fw: Framework) -> Iterator[Issue]:
    """Tension numbers are unique (``duplicate-number``)."""
    yield from _first_seen(
        ((f"{p}.number", t.number) for p, t in _tension_paths(fw)),
        "duplicate-number",
        "tension number",
    )


def check_positive_numbers(fw: Framework) -> Iterator[Issue]:
    """Tension numbers start at 1 (``bad-number``)."""
    for path, tension in _tension_paths(fw):
        if tension.number < 1:
            yield _error(
                "bad-number", f"numbers start at 1, got {tension.number}", f"{path}.number"
            )


def check_numbering(fw: Framework) -> Iterator[Issue]:
    """Numbers run 1, 2, 3 ... without a gap (``numbering-gap``, a warning)."""
    numbers = {t.number for t in fw.tensions if t.number >= 1}
    missing = [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        yield _warning("numbering-gap", f"tension numbers skip {listed}", "$.tensions")


def check_poles(fw: Framework) -> Iterator[Issue]:
    """Both poles have a non-empty label and differ from each other."""
    for path, pole in _pole_paths(fw):
        if not pole.label.strip():
            yield _error("empty-pole", "the pole's label is empty", f"{path}.label")
    for path, tension in _tension_paths(fw):
        (_, a), (second_path, b) = _poles_of(path, tension)
        if a.label.strip() and a.label.strip().casefold() == b.label.strip().casefold():
            yield _error(
                "identical-poles",
                f"both poles read {a.label.strip()!r}: a tension needs two distinct poles",
                f"{second_path}.label",
            )


def check_origins(fw: Framework) -> Iterator[Issue]:
    """Every contradiction has an origin (``missing-origin``)."""
    for path, tension in _tension_paths(fw):
        if isinstance(tension, Contradiction) and tension.origin is None:
            yield _error(
                "missing-origin",
                f"contradiction {tension.id!r} has no origin "
                "(expected one of 'organisation', 'situation')",
                path,
            )


def check_sources(fw: Framework) -> Iterator[Issue]:
    """Evidence and provenance point at sources that exist (``unknown-source``)."""
    known = {s.id for s in fw.sources}
    expected = ", ".join(repr(s.id) for s in fw.sources) or "none is declared"
    for path, _, evidence in _evidence_paths(fw):
        if evidence.source is not None and evidence.source not in known:
            yield _error(
                "unknown-source",
                f"unknown source {evidence.source!r} (expected one of {expected})",
                f"{path}.source",
            )
    for path, provenance in _provenance_paths(fw):
        if provenance.source is not None and provenance.source not in known:
            yield _error(
                "unknown-source",
                f"unknown source {provenance.source!r} (expected one of {expected})",
                f"{path}.source",
            )


def check_justifications(fw: Framework) -> Iterator[Issue]:
    """Reconstructed and illustrative elements say why (``missing-justification``)."""
    for path, provenance in _provenance_paths(fw):
        if (
            provenance.status is not Status.ATTESTED
            and not (provenance.justification or "").strip()
        ):
            yield _error(
                "missing-justification",
                f"{'an' if provenance.status is Status.ILLUSTRATIVE else 'a'} "
                f"{provenance.status.value} element needs a justification "
                "(the source passage or the reason)",
                path,
            )


def check_quotes(fw: Framework) -> Iterator[Issue]:
    """Quotes are not empty (``empty-quote``)."""
    for path, _, evidence in _evidence_paths(fw):
        if not evidence.quote.strip():
            yield _error("empty-quote", "the quote is empty", f"{path}.quote")


_SIDES: Final = {
    Contradiction: (Side.PRESCRIBED, Side.REAL, Side.BOTH),
    Dilemma: (Side.FIRST, Side.SECOND, Side.BOTH),
}


def check_supported_poles(fw: Framework) -> Iterator[Issue]:
    """Evidence supports a pole its tension has (``wrong-pole``)."""
    for path, tension, evidence in _evidence_paths(fw):
        allowed = _SIDES[type(tension)]
        if evidence.supports not in allowed:
            names = ", ".join(repr(s.value) for s in allowed)
            yield _error(
                "wrong-pole",
                f"a {tension.kind.value} has no {evidence.supports.value!r} pole "
                f"(expected one of {names})",
                f"{path}.supports",
            )


def check_links(fw: Framework) -> Iterator[Issue]:
    """Links join two different tensions that exist (``unknown-link-end``, ``self-link``)."""
    known = {t.id for t in fw.tensions}
    for i, link in enumerate(fw.links):
        path = f"$.links[{i}]"
        for end in ("source", "target"):
            value = getattr(link, end)
            if value not in known:
                yield _error("unknown-link-end", f"unknown tension {value!r}", f"{path}.{end}")
        if link.source == link.target:
            yield _error("self-link", f"tension {link.source!r} is linked to itself", path)


def check_evidence_present(fw: Framework) -> Iterator[Issue]:
    """Every tension has at least one excerpt (``no-evidence``, a warning)."""
    for path, tension in _tension_paths(fw):
        if not tension.evidence:
            yield _warning(
                "no-evidence", f"{tension.kind.value} {tension.id!r} has no evidence", path
            )


def check_acknowledgements(fw: Framework) -> Iterator[Issue]:
    """Acknowledged codes are warning codes (``unknown-acknowledgement``, a warning)."""
    owners = [("$", fw.acknowledged)]
    owners += [(p, t.acknowledged) for p, t in _tension_paths(fw)]
    owners += [(f"$.links[{i}]", link.acknowledged) for i, link in enumerate(fw.links)]
    expected = ", ".join(repr(code) for code in sorted(WARNING_CODES))
    for path, codes in owners:
        for j, code in enumerate(codes):
            if code not in WARNING_CODES:
                yield _warning(
                    "unknown-acknowledgement",
                    f"cannot acknowledge {code!r}: only warnings can be "
                    f"(expected one of {expected})",
                    f"{path}.acknowledged[{j}]",
                )


#: The checks :func:`validate` runs, in order.
CHECKS: Final[tuple[Callable[[Framework], Iterable[Issue]], ...]] = (
    check_unique_ids,
    check_unique_numbers,
    check_positive_numbers,
    check_poles,
    check_origins,
    check_sources,
    check_justifications,
    check_quotes,
    check_supported_poles,
    check_links,
    check_numbering,
    check_evidence_present,
    check_acknowledgements,
)

#: The codes of the warnings an element may acknowledge.
WARNING_CODES: Final = frozenset({"numbering-gap", "no-evidence"})


def _acknowledged(fw: Framework, issue: Issue) -> bool:
    if issue.code in fw.acknowledged:
        return True
    for prefix, elements in (("$.tensions[", fw.tensions), ("$.links[", fw.links)):
        if issue.path.startswith(prefix):
            index = int(issue.path[len(prefix) : issue.path.index("]")])
            return issue.code in elements[index].acknowledged
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
        for check in CHECKS
        for issue in check(framework)
        if issue.severity is Severity.ERROR or not _acknowledged(framework, issue)
    ]
    issues.sort(key=lambda i: i.severity is not Severity.ERROR)  # stable: checks keep their order
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
