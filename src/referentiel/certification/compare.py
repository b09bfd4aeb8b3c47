"""Comparing two versions of a certification: ``diff_certifications(old, new)``.

Blocs and their elements (activities, competences, modalities, criteria) are matched by id, so
that a reworded competence is a change of its object or purpose, a criterion dropped is a
removal, and an element moved to another bloc says so (``bloc: 'b1' → 'b2'``).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from referentiel.certification.model import ELEMENTS, Certification
from referentiel.certification.rules import Element
from referentiel.compare import Change, field_changes

__all__ = ["CertificationDiff", "ElementDiff", "diff_certifications"]

#: How each list's elements are named in the lines of a difference.
_NAMES = {
    "blocs": "bloc",
    "activities": "activity",
    "competences": "competence",
    "modalities": "modality",
    "criteria": "criterion",
}


@attrs.frozen
class ElementDiff:
    """How one element matched by id differs: its kind, id and field changes."""

    kind: str
    id: str
    changes: tuple[Change, ...]


@attrs.frozen
class CertificationDiff:
    """Everything that differs between two certifications; empty when they are the same.

    >>> import attrs, referentiel as ref
    >>> from referentiel.certification import read_certification
    >>> old = read_certification("examples/customer-relations.certification.yaml")
    >>> bloc = old.blocs[0]
    >>> new = attrs.evolve(old, blocs=(attrs.evolve(bloc, criteria=bloc.criteria[1:],
    ...     competences=(attrs.evolve(bloc.competences[0], purpose="pour servir l'assuré"),
    ...                  *bloc.competences[1:])), *old.blocs[1:]))
    >>> print(diff_certifications(old, new))
    - criterion e1 (bloc b1)
    ~ competence k1 (bloc b1)
        purpose: 'pour tenir la qualité du travail quand prescription et réalité divergent' → "pour servir l'assuré"
    """  # noqa: E501 - a doctest output line cannot be wrapped

    changes: tuple[Change, ...] = ()
    added: tuple[tuple[str, str, str], ...] = ()
    removed: tuple[tuple[str, str, str], ...] = ()
    changed: tuple[ElementDiff, ...] = ()

    @property
    def equal(self) -> bool:
        """True when nothing differs."""
        return not (self.changes or self.added or self.removed or self.changed)

    def __bool__(self) -> bool:
        """Return True when something differs."""
        return not self.equal

    def __str__(self) -> str:
        if self.equal:
            return "no differences"
        out = [f"~ {change}" for change in self.changes]
        out += [f"- {kind} {key} (bloc {bloc})" for kind, key, bloc in self.removed]
        out += [f"+ {kind} {key} (bloc {bloc})" for kind, key, bloc in self.added]
        for element in self.changed:
            out.append(f"~ {element.kind} {element.id}")
            out += [f"    {change}" for change in element.changes]
        return "\n".join(out)


def _elements(cert: Certification) -> Iterator[tuple[str, str, Element, str]]:
    """Yield (list name, id, element, bloc id) for every bloc and element."""
    for bloc in cert.blocs:
        bare = attrs.evolve(bloc, activities=(), competences=(), modalities=(), criteria=())
        yield "blocs", bloc.id, bare, bloc.id
        for name in ELEMENTS:
            for element in getattr(bloc, name):
                yield name, element.id, element, bloc.id


def diff_certifications(old: Certification, new: Certification) -> CertificationDiff:
    """Compare *old* with *new*, matching blocs and elements by kind and id.

    >>> from referentiel.certification import read_certification
    >>> cert = read_certification("examples/customer-relations.certification.yaml")
    >>> diff_certifications(cert, cert).equal
    True
    """
    before = {(name, key): (element, bloc) for name, key, element, bloc in _elements(old)}
    after = {(name, key): (element, bloc) for name, key, element, bloc in _elements(new)}
    changed = []
    for (name, key), (element, bloc) in after.items():
        if (name, key) not in before:
            continue
        old_element, old_bloc = before[name, key]
        changes = list(field_changes(old_element, element, ""))
        if old_bloc != bloc and name != "blocs":
            changes.insert(0, Change("bloc", old_bloc, bloc))
        if changes:
            changed.append(
                ElementDiff(kind=_NAMES[name], id=f"{key} (bloc {bloc})", changes=tuple(changes))
            )
    return CertificationDiff(
        changes=tuple(field_changes(attrs.evolve(old, blocs=()), attrs.evolve(new, blocs=()), "")),
        added=tuple((_NAMES[n], k, after[n, k][1]) for n, k in after if (n, k) not in before),
        removed=tuple((_NAMES[n], k, before[n, k][1]) for n, k in before if (n, k) not in after),
        changed=tuple(changed),
    )
