"""Comparing two frameworks: two versions of one, or two trades' frameworks matched on a key.

``diff(old, new)`` matches tensions by id (or by any key you choose), excerpts by id (else by
their quote) and links by their ends and relation, and returns a :class:`FrameworkDiff`: what
was added, removed, and changed field by field. A renamed pole is a change of its label, not a
removal and an addition.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Literal

import attrs

from referentiel.model import Evidence, Framework, Link, Tension

__all__ = ["Change", "FrameworkDiff", "TensionDiff", "diff", "field_changes"]

#: The fields tensions can be matched on, by name.
KeyName = Literal["id", "number"]
Key = KeyName | Callable[[Tension], Hashable]


@attrs.frozen
class Change:
    """One field whose value differs, at *path* inside its element (``prescribed.label``).

    >>> str(Change("real.label", "Insécurité constante", "Insécurité"))
    "real.label: 'Insécurité constante' → 'Insécurité'"
    """

    path: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.path}: {_shown(self.old)} → {_shown(self.new)}"


@attrs.frozen
class TensionDiff:
    """How one matched tension differs: its field changes and its excerpts added or removed.

    >>> import attrs, referentiel as ref
    >>> old = ref.load("examples/customer-relations.yaml")
    >>> new = attrs.evolve(old, tensions=tuple(attrs.evolve(t, number=t.number + 10)
    ...                                        for t in old.tensions))
    >>> first = ref.diff(old, new).changed[0]
    >>> first.key, [str(c) for c in first.changes]
    ('c1', ['number: 1 → 11'])
    """

    key: Hashable
    old: Tension
    new: Tension
    changes: tuple[Change, ...] = ()
    evidence_added: tuple[Evidence, ...] = ()
    evidence_removed: tuple[Evidence, ...] = ()

    def lines(self) -> Iterator[str]:
        """Yield the readable lines of this difference."""
        yield f"~ {_name(self.new)}"
        for change in self.changes:
            yield f"    {change}"
        for excerpt in self.evidence_removed:
            yield f"    - evidence {_excerpt(excerpt)}"
        for excerpt in self.evidence_added:
            yield f"    + evidence {_excerpt(excerpt)}"


@attrs.frozen
class FrameworkDiff:
    """Everything that differs between two frameworks; empty when they are the same.

    >>> import referentiel as ref
    >>> kine = ref.load("examples/kinesitherapy.yaml")
    >>> difference = ref.diff(kine, ref.load("examples/customer-relations.yaml"), key="number")
    >>> difference.equal, [t.number for t in difference.added]
    (False, [5, 6])
    """

    changes: tuple[Change, ...] = ()
    added: tuple[Tension, ...] = ()
    removed: tuple[Tension, ...] = ()
    changed: tuple[TensionDiff, ...] = ()
    links_added: tuple[Link, ...] = ()
    links_removed: tuple[Link, ...] = ()
    links_changed: tuple[tuple[Link, tuple[Change, ...]], ...] = ()
    sources_changed: tuple[Change, ...] = ()

    @property
    def equal(self) -> bool:
        """True when nothing differs."""
        return not any(getattr(self, f.name) for f in attrs.fields(type(self)))

    def __bool__(self) -> bool:
        """Return True when something differs, as a non-empty container is true.

        >>> import referentiel as ref
        >>> kine = ref.load("examples/kinesitherapy.yaml")
        >>> bool(ref.diff(kine, kine))
        False
        """
        return not self.equal

    def __str__(self) -> str:
        if self.equal:
            return "no differences"
        out = [f"~ {change}" for change in self.changes]
        out += [f"~ sources.{change}" for change in self.sources_changed]
        out += [f"- {_name(t)}" for t in self.removed]
        out += [f"+ {_name(t)}: {' / '.join(repr(p.label) for p in t.poles)}" for t in self.added]
        for tension_diff in self.changed:
            out += tension_diff.lines()
        out += [f"- link {_link(link)}" for link in self.links_removed]
        out += [f"+ link {_link(link)}" for link in self.links_added]
        for link, changes in self.links_changed:
            out.append(f"~ link {_link(link)}")
            out += [f"    {change}" for change in changes]
        return "\n".join(out)


def _shown(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _name(tension: Tension) -> str:
    return f"{tension.id} ({tension.kind.value} {tension.number})"


def _excerpt(excerpt: Evidence) -> str:
    quote = excerpt.quote if len(excerpt.quote) <= 60 else excerpt.quote[:57] + "..."
    return f"{excerpt.id + ': ' if excerpt.id else ''}« {quote} »"


def _link(link: Link) -> str:
    return f"{link.source} -{link.relation.value}-> {link.target}"


def field_changes(old: Any, new: Any, path: str) -> Iterator[Change]:  # noqa: ANN401 - any model value
    """Field-by-field differences of two values, as deep as both are attrs classes."""
    if old == new:
        return
    if attrs.has(type(old)) and type(old) is type(new):
        for field in attrs.fields(type(old)):
            inner = f"{path}.{field.name}" if path else field.name
            yield from field_changes(getattr(old, field.name), getattr(new, field.name), inner)
        return
    yield Change(path or "value", old, new)


def _key_function(key: Key) -> Callable[[Tension], Hashable]:
    if key == "id":
        return lambda t: t.id
    if key == "number":
        return lambda t: t.number
    if callable(key):
        return key
    raise ValueError(f"unknown key: {key!r} (expected 'id', 'number' or a function)")


def _evidence_key(excerpt: Evidence) -> Hashable:
    return ("id", excerpt.id) if excerpt.id is not None else ("quote", excerpt.quote)


def _tension_diff(key: Hashable, old: Tension, new: Tension) -> TensionDiff | None:
    changes = list(
        field_changes(attrs.evolve(old, evidence=()), attrs.evolve(new, evidence=()), "")
    )
    if type(old) is not type(new):
        changes.insert(0, Change("kind", old.kind, new.kind))
    old_evidence = {_evidence_key(e): e for e in old.evidence}
    new_evidence = {_evidence_key(e): e for e in new.evidence}
    for k, excerpt in new_evidence.items():
        if k in old_evidence:
            position = [_evidence_key(e) for e in new.evidence].index(k)
            changes += field_changes(old_evidence[k], excerpt, f"evidence[{position}]")
    added = tuple(e for k, e in new_evidence.items() if k not in old_evidence)
    removed = tuple(e for k, e in old_evidence.items() if k not in new_evidence)
    if not (changes or added or removed):
        return None
    return TensionDiff(
        key=key,
        old=old,
        new=new,
        changes=tuple(changes),
        evidence_added=added,
        evidence_removed=removed,
    )


def diff(old: Framework, new: Framework, *, key: Key = "id") -> FrameworkDiff:
    """Compare *old* with *new*; match tensions on *key* ("id", "number" or a function).

    >>> import attrs, referentiel as ref
    >>> old = ref.load("examples/customer-relations.yaml")
    >>> new = attrs.evolve(old, tensions=tuple(
    ...     attrs.evolve(t, real=attrs.evolve(t.real, label="Insécurité")) if t.id == "c2" else t
    ...     for t in old.tensions if t.id != "c3"))
    >>> print(ref.diff(old, new))
    - c3 (contradiction 3)
    ~ c2 (contradiction 2)
        real.label: 'Insécurité constante' → 'Insécurité'
    >>> ref.diff(old, old).equal
    True
    """
    key_of = _key_function(key)
    old_by = {key_of(t): t for t in old.tensions}
    new_by = {key_of(t): t for t in new.tensions}
    changed = [
        d
        for k, t in new_by.items()
        if k in old_by
        if (d := _tension_diff(k, old_by[k], t)) is not None
    ]
    framework_changes = tuple(
        field_changes(
            attrs.evolve(old, tensions=(), links=(), sources=()),
            attrs.evolve(new, tensions=(), links=(), sources=()),
            "",
        )
    )
    old_links = {(link.source, link.target, link.relation): link for link in old.links}
    new_links = {(link.source, link.target, link.relation): link for link in new.links}
    links_changed = tuple(
        (link, changes)
        for k, link in new_links.items()
        if k in old_links
        if (changes := tuple(field_changes(old_links[k], link, "")))
    )
    old_sources = {s.id: s for s in old.sources}
    sources_changed = [Change(f"{s.id}", None, s) for s in new.sources if s.id not in old_sources]
    new_ids = {s.id for s in new.sources}
    sources_changed += [Change(f"{s.id}", s, None) for s in old.sources if s.id not in new_ids]
    for source in new.sources:
        if source.id in old_sources:
            sources_changed += field_changes(old_sources[source.id], source, source.id)
    return FrameworkDiff(
        changes=framework_changes,
        added=tuple(t for k, t in new_by.items() if k not in old_by),
        removed=tuple(t for k, t in old_by.items() if k not in new_by),
        changed=tuple(changed),
        links_added=tuple(link for k, link in new_links.items() if k not in old_links),
        links_removed=tuple(link for k, link in old_links.items() if k not in new_links),
        links_changed=links_changed,
        sources_changed=tuple(sources_changed),
    )
