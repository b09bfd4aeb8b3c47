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
from functools import partial
from typing import Final, TypeVar

import attrs

from referentiel.errors import ValidationError
from referentiel.model import (
    Contradiction,
    Dilemma,
    Evidence,
    Framework,
    Provenance,
    Side,
    Status,
    Tension,
)

T = TypeVar("T")

__all__ = ["WARNING_CODES", "Issue", "Report", "Severity", "ensure_valid", "validate"]


class Severity(enum.Enum):
    """How serious an :class:`Issue` is: errors make a framework invalid, warnings do not.

    >>> Severity("warning")
    <Severity.WARNING: 'warning'>
    """

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


# Paths are built only for the elements an issue is about: validating 100 000 excerpts should
# not format 100 000 path strings. Helpers yield the element and a function that makes its path.


def _tension_path(i: int, rest: str = "") -> str:
    return f"$.tensions[{i}]{rest}"


_POLE_NAMES: Final = {Contradiction: ("prescribed", "real"), Dilemma: ("first", "second")}


def _first_seen(
    items: Iterable[tuple[object, T]], path: Callable[[T], str], code: str, what: str
) -> Iterator[Issue]:
    seen: dict[object, T] = {}
    for key, where in items:
        if key in seen:
            message = f"duplicate {what} {key!r} (first at {path(seen[key])})"
            yield _error(code, message, path(where))
        else:
            seen[key] = where


def _evidence(fw: Framework) -> Iterator[tuple[int, int, Tension, Evidence]]:
    for i, tension in enumerate(fw.tensions):
        for j, evidence in enumerate(tension.evidence):
            yield i, j, tension, evidence


def _provenances(fw: Framework) -> Iterator[tuple[Provenance, Callable[[], str]]]:
    for i, tension in enumerate(fw.tensions):
        yield tension.provenance, partial(_tension_path, i, ".provenance")
        for name, pole in zip(_POLE_NAMES[type(tension)], tension.poles, strict=True):
            if pole.provenance is not None:
                yield pole.provenance, partial(_tension_path, i, f".{name}.provenance")
        if isinstance(tension, Dilemma):
            for j, resource in enumerate(tension.resources):
                if resource.provenance is not None:
                    yield (
                        resource.provenance,
                        partial(_tension_path, i, f".resources[{j}].provenance"),
                    )
    for i, j, _, evidence in _evidence(fw):
        if evidence.provenance is not None:
            yield (
                evidence.provenance,
                partial(_tension_path, i, f".evidence[{j}].provenance"),
            )
    for k, link in enumerate(fw.links):
        if link.provenance is not None:
            yield link.provenance, partial("$.links[{}].provenance".format, k)


def check_unique_ids(fw: Framework) -> Iterator[Issue]:
    """Tension ids, source ids and evidence ids are each unique (``duplicate-id``)."""
    yield from _first_seen(
        ((t.id, i) for i, t in enumerate(fw.tensions)),
        lambda i: _tension_path(i, ".id"),
        "duplicate-id",
        "tension id",
    )
    yield from _first_seen(
        ((s.id, i) for i, s in enumerate(fw.sources)),
        "$.sources[{}].id".format,
        "duplicate-id",
        "source id",
    )
    yield from _first_seen(
        ((e.id, (i, j)) for i, j, _, e in _evidence(fw) if e.id is not None),
        lambda at: _tension_path(at[0], f".evidence[{at[1]}].id"),
        "duplicate-id",
        "evidence id",
    )


def check_unique_numbers(fw: Framework) -> Iterator[Issue]:
    """Tension numbers are unique (``duplicate-number``)."""
    yield from _first_seen(
        ((t.number, i) for i, t in enumerate(fw.tensions)),
        lambda i: _tension_path(i, ".number"),
        "duplicate-number",
        "tension number",
    )


def check_positive_numbers(fw: Framework) -> Iterator[Issue]:
    """Tension numbers start at 1 (``bad-number``)."""
    for i, tension in enumerate(fw.tensions):
        if tension.number < 1:
            message = f"numbers start at 1, got {tension.number}"
            yield _error("bad-number", message, _tension_path(i, ".number"))


def check_numbering(fw: Framework) -> Iterator[Issue]:
    """Numbers run 1, 2, 3 ... without a gap (``numbering-gap``, a warning)."""
    numbers = {t.number for t in fw.tensions if t.number >= 1}
    missing = [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        yield _warning("numbering-gap", f"tension numbers skip {listed}", "$.tensions")


def check_poles(fw: Framework) -> Iterator[Issue]:
    """Both poles have a non-empty label and differ from each other."""
    for i, tension in enumerate(fw.tensions):
        names = _POLE_NAMES[type(tension)]
        first, second = (pole.label.strip() for pole in tension.poles)
        for name, label in zip(names, (first, second), strict=True):
            if not label:
                yield _error(
                    "empty-pole", "the pole's label is empty", _tension_path(i, f".{name}.label")
                )
        if first and first.casefold() == second.casefold():
            yield _error(
                "identical-poles",
                f"both poles read {first!r}: a tension needs two distinct poles",
                _tension_path(i, f".{names[1]}.label"),
            )


def check_origins(fw: Framework) -> Iterator[Issue]:
    """Every contradiction has an origin (``missing-origin``)."""
    for i, tension in enumerate(fw.tensions):
        if isinstance(tension, Contradiction) and tension.origin is None:
            yield _error(
                "missing-origin",
                f"contradiction {tension.id!r} has no origin "
                "(expected one of 'organisation', 'situation')",
                _tension_path(i),
            )


def check_sources(fw: Framework) -> Iterator[Issue]:
    """Evidence and provenance point at sources that exist (``unknown-source``)."""
    known = {s.id for s in fw.sources}
    expected = ", ".join(repr(s.id) for s in fw.sources) or "none is declared"
    for i, j, _, evidence in _evidence(fw):
        if evidence.source is not None and evidence.source not in known:
            yield _error(
                "unknown-source",
                f"unknown source {evidence.source!r} (expected one of {expected})",
                _tension_path(i, f".evidence[{j}].source"),
            )
    for provenance, path in _provenances(fw):
        if provenance.source is not None and provenance.source not in known:
            yield _error(
                "unknown-source",
                f"unknown source {provenance.source!r} (expected one of {expected})",
                f"{path()}.source",
            )


def check_justifications(fw: Framework) -> Iterator[Issue]:
    """Reconstructed and illustrative elements say why (``missing-justification``)."""
    for provenance, path in _provenances(fw):
        justified = bool((provenance.justification or "").strip())
        if provenance.status is not Status.ATTESTED and not justified:
            article = "an" if provenance.status is Status.ILLUSTRATIVE else "a"
            yield _error(
                "missing-justification",
                f"{article} {provenance.status.value} element needs a justification "
                "(the source passage or the reason)",
                path(),
            )


def check_quotes(fw: Framework) -> Iterator[Issue]:
    """Quotes are not empty (``empty-quote``)."""
    for i, j, _, evidence in _evidence(fw):
        if not evidence.quote.strip():
            yield _error(
                "empty-quote", "the quote is empty", _tension_path(i, f".evidence[{j}].quote")
            )


_SIDES: Final = {
    Contradiction: (Side.PRESCRIBED, Side.REAL, Side.BOTH),
    Dilemma: (Side.FIRST, Side.SECOND, Side.BOTH),
}


def check_supported_poles(fw: Framework) -> Iterator[Issue]:
    """Evidence supports a pole its tension has (``wrong-pole``)."""
    for i, j, tension, evidence in _evidence(fw):
        allowed = _SIDES[type(tension)]
        if evidence.supports not in allowed:
            names = ", ".join(repr(s.value) for s in allowed)
            yield _error(
                "wrong-pole",
                f"a {tension.kind.value} has no {evidence.supports.value!r} pole "
                f"(expected one of {names})",
                _tension_path(i, f".evidence[{j}].supports"),
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


def check_duplicate_links(fw: Framework) -> Iterator[Issue]:
    """Refuse the same link given twice (``duplicate-link``)."""
    yield from _first_seen(
        (((k.source, k.target, k.relation.value), i) for i, k in enumerate(fw.links)),
        "$.links[{}]".format,
        "duplicate-link",
        "link",
    )


def check_evidence_present(fw: Framework) -> Iterator[Issue]:
    """Every tension has at least one excerpt (``no-evidence``, a warning)."""
    for i, tension in enumerate(fw.tensions):
        if not tension.evidence:
            message = f"{tension.kind.value} {tension.id!r} has no evidence"
            yield _warning("no-evidence", message, _tension_path(i))


def check_acknowledgements(fw: Framework) -> Iterator[Issue]:
    """Acknowledged codes are warning codes (``unknown-acknowledgement``, a warning)."""
    owners = [("$", fw.acknowledged)]
    owners += [
        (_tension_path(i), t.acknowledged) for i, t in enumerate(fw.tensions) if t.acknowledged
    ]
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
    check_duplicate_links,
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
