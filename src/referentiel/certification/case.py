"""A certification as a 1EdTech CASE 1.1 package (CFPackage JSON), and back.

CASE (Competencies and Academic Standards Exchange) is how competency frameworks travel between
tools (OpenSALT, learning platforms). The package holds a CFDocument (the certification), its
CFItems (blocs, activities, competences, modalities, criteria; and the framework's tensions and
poles, as items of their own types), its CFAssociations (``isChildOf`` for the hierarchy,
``isPartOf`` from a pole to its tension, and ``ext:`` types for what CASE has no word for:
``ext:answers``, ``ext:followsFrom``, ``ext:evaluates``, ``ext:evaluatedThrough``) and a
CFRubric per competence whose criteria and levels are the certification's. Identifiers are
UUIDs derived from the certification's and elements' ids (uuid5), so a re-export does not
churn. What CASE has no field for (provenance, drafts, a competence's parts, translations) is
kept under ``extensions.referentiel``, so that :func:`from_case` gives back the same
certification.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator, Mapping
from typing import Any, Final, TypeVar

import attrs

from referentiel._output import write_output
from referentiel.certification.model import (
    Activity,
    Bloc,
    Certification,
    Competence,
    Criterion,
    Grade,
    Modality,
    SetAside,
)
from referentiel.errors import FileFormatError
from referentiel.io import plain
from referentiel.io._input import read_input
from referentiel.io._problems import StructureErrors
from referentiel.io._text import decode
from referentiel.issues import Code, Path
from referentiel.model import Framework, Provenance, Side

T = TypeVar("T")

__all__ = [
    "CASE_FORMAT",
    "ITEM_TYPES",
    "NAMESPACE",
    "dumps_case",
    "from_case",
    "loads_case",
    "read_case",
    "to_case",
    "write_case",
]

#: The namespace of the package's UUIDs (uuid5 of the certification's and elements' ids).
NAMESPACE: Final = uuid.UUID("6f1c2a52-4b0e-5d7e-9a43-2f1d5c8e7b10")

#: The CFItemType of each kind of element, as CASE tools show it.
ITEM_TYPES: Final = {
    "bloc": "Bloc de compétences",
    "activity": "Activity",
    "competence": "Competency",
    "modality": "Evaluation modality",
    "criterion": "Evaluation criterion",
    "tension": "Tension",
    "pole": "Pole",
}
_DESCRIPTIONS: Final = {
    "bloc": "A bloc de compétences: a part of the certification evaluated on its own.",
    "activity": "An activity and the work situation it is done in (référentiel d'activités).",
    "competence": "A competence: action verb, object, purpose (référentiel de compétences).",
    "modality": "How the candidate is evaluated (modalité d'évaluation).",
    "criterion": "What is observed to evaluate a competence (critère d'évaluation).",
    "tension": "A tension of the trade's framework: a contradiction or a dilemma.",
    "pole": "One pole of a tension.",
}

#: A package that cannot be read back.
CASE_FORMAT: Final = Code(
    code="case-format",
    meaning="a CASE package lacks what a certification needs",
    fix="export it with referentiel, or give it the missing part",
)


class _Ids:
    def __init__(self, certification: Certification) -> None:
        self.root = certification.id

    def of(self, *parts: str) -> str:
        return str(uuid.uuid5(NAMESPACE, "/".join((self.root, *parts))))


def _uri(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def _changed(certification: Certification) -> str:
    day = certification.date or dt.datetime.now(dt.UTC).date()
    return f"{day.isoformat()}T00:00:00+00:00"


def _link(item: Mapping[str, Any]) -> dict[str, str]:
    title = item.get("fullStatement") or item.get("title") or ""
    return {"title": str(title)[:250], "identifier": item["identifier"], "uri": item["uri"]}


def _extension(**values: Any) -> dict[str, Any]:  # noqa: ANN401
    return {"referentiel": {k: v for k, v in values.items() if not _empty(v)}}


def _empty(value: object) -> bool:
    """Whether a value is left out of a package: None, False, or an empty list or mapping."""
    return value is None or value is False or (isinstance(value, list | tuple | dict) and not value)


def _plain(value: object, cls: type) -> Any:  # noqa: ANN401 - plain data
    return plain.converter.unstructure(value, cls)


class _Package:
    """Builds a CFPackage: the items, associations and rubrics of one certification."""

    def __init__(self, certification: Certification, framework: Framework | None) -> None:
        self.certification = certification
        self.framework = framework
        self.ids = _Ids(certification)
        self.changed = _changed(certification)
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.by_key: dict[tuple[str, str], dict[str, Any]] = {}
        document_id = self.ids.of("document")
        self.document = self.document_of(document_id)

    def document_of(self, identifier: str) -> dict[str, Any]:
        cert = self.certification
        optional = {"version": cert.version, "description": cert.description}
        return {
            "identifier": identifier,
            "uri": _uri(identifier),
            "frameworkType": "référentiel de certification",
            "caseVersion": "1.1",
            "creator": cert.certifier or "not given",
            "title": cert.title,
            "lastChangeDateTime": self.changed,
            "language": cert.language,
            "adoptionStatus": "Draft",
            **{k: v for k, v in optional.items() if v is not None},
            "notes": cert.provenance.justification or cert.provenance.status.value,
            "extensions": _extension(
                id=cert.id,
                framework=cert.framework,
                registry=cert.registry,
                date=cert.date.isoformat() if cert.date else None,
                certifier=cert.certifier,
                codes_rome=list(cert.codes_rome),
                translations=dict(cert.translations),
                provenance=_plain(cert.provenance, Provenance),
                set_aside=[_plain(s, SetAside) for s in cert.set_aside],
                description=cert.description,
                version=cert.version,
            ),
        }

    def item(
        self, kind: str, key: str, statement: str, coding: str, /, **extension: object
    ) -> dict[str, Any]:
        if (kind, key) in self.by_key:
            raise ValueError(f"two elements share the id {key!r}: validate the certification first")
        identifier = self.ids.of(kind, key)
        type_id = self.ids.of("type", kind)
        made = {
            "identifier": identifier,
            "fullStatement": statement,
            "CFItemType": ITEM_TYPES[kind],
            "uri": _uri(identifier),
            "humanCodingScheme": coding,
            "language": self.certification.language,
            "CFItemTypeURI": {
                "title": ITEM_TYPES[kind],
                "identifier": type_id,
                "uri": _uri(type_id),
            },
            "lastChangeDateTime": self.changed,
            "extensions": _extension(**extension),
        }
        self.items.append(made)
        self.by_key[kind, key] = made
        return made

    def associate(
        self, origin: Mapping[str, Any], kind: str, target: Mapping[str, Any], sequence: int
    ) -> None:
        identifier = self.ids.of("association", origin["identifier"], kind, target["identifier"])
        self.associations.append(
            {
                "identifier": identifier,
                "associationType": kind,
                "sequenceNumber": sequence,
                "uri": _uri(identifier),
                "originNodeURI": _link(origin),
                "destinationNodeURI": _link(target),
                "lastChangeDateTime": self.changed,
            }
        )

    def tensions(self) -> None:
        """Add the tensions answered, and their poles answered, as items."""
        framework = self.framework
        for tension_id, sides in _answered(self.certification).items():
            tension = framework.get(tension_id) if framework is not None else None
            label = " / ".join(p.label for p in tension.poles) if tension else tension_id
            made = self.item("tension", tension_id, label, tension_id, tension=tension_id)
            for side in sides:
                pole = tension.pole(side) if tension and side in tension.SIDES else None
                code = f"{tension_id}.{side.value}"
                pole_label = pole.label if pole is not None else f"{tension_id} {side.value}"
                pole_item = self.item(
                    "pole", code, pole_label, code, tension=tension_id, pole=side.value
                )
                self.associate(pole_item, "isPartOf", made, 1)

    def answers(
        self, origin: Mapping[str, Any], element: Activity | Competence | Criterion
    ) -> None:
        for n, answer in enumerate(element.answers, start=1):
            key = ("tension", answer.tension)
            if answer.pole is not None:
                key = ("pole", f"{answer.tension}.{answer.pole.value}")
            self.associate(origin, "ext:answers", self.by_key[key], n)

    def bloc(self, bloc: Bloc, position: int) -> None:
        """Add a bloc and its elements, each a child of it."""
        made = self.item(
            "bloc",
            bloc.id,
            bloc.label,
            bloc.code or bloc.id,
            **_common(bloc),
            code=bloc.code,
            description=bloc.description,
        )
        self.associate(made, "isChildOf", self.document, position)
        children: list[tuple[str, Activity | Competence | Modality | Criterion, dict[str, Any]]]
        children = [("activity", a, {"situation": a.situation}) for a in bloc.activities]
        children += [
            (
                "competence",
                c,
                {
                    "action": c.action,
                    "object": c.object,
                    "purpose": c.purpose,
                    "context": c.context,
                },
            )
            for c in bloc.competences
        ]
        children += [
            ("modality", m, {"kind": m.kind.value, "description": m.description})
            for m in bloc.modalities
        ]
        children += [("criterion", c, {}) for c in bloc.criteria]
        counts: dict[str, int] = {}
        for kind, element, extra in children:
            counts[kind] = counts.get(kind, 0) + 1
            child = self.item(
                kind, element.id, element.label, element.id, **_common(element), **extra
            )
            self.associate(child, "isChildOf", made, counts[kind])
            if not isinstance(element, Modality):
                self.answers(child, element)

    def references(self) -> None:
        """Add what refers to other elements: activities, competences and modalities."""
        by_key = self.by_key
        for bloc in self.certification.blocs:
            for competence in bloc.competences:
                for n, activity_id in enumerate(competence.activities, start=1):
                    if ("activity", activity_id) in by_key:
                        origin = by_key["competence", competence.id]
                        self.associate(
                            origin, "ext:followsFrom", by_key["activity", activity_id], n
                        )
            for criterion in bloc.criteria:
                made = by_key["criterion", criterion.id]
                if ("competence", criterion.competence) in by_key:
                    self.associate(
                        made, "ext:evaluates", by_key["competence", criterion.competence], 1
                    )
                if ("modality", criterion.modality or "") in by_key:
                    target = by_key["modality", criterion.modality or ""]
                    self.associate(made, "ext:evaluatedThrough", target, 1)

    def rubrics(self) -> list[dict[str, Any]]:
        """Return a rubric per competence evaluated: its criteria, with their levels."""
        made = []
        for _, competence in self.certification.competences():
            criteria = [
                c for _, c in self.certification.criteria() if c.competence == competence.id
            ]
            if criteria:
                item = self.by_key["competence", competence.id]
                made.append(_rubric(self.ids, self.changed, item, criteria))
        return made

    def definitions(self) -> dict[str, Any]:
        """Return the item types, defined once."""
        return {
            "CFItemTypes": [
                {
                    "identifier": self.ids.of("type", kind),
                    "uri": _uri(self.ids.of("type", kind)),
                    "title": title,
                    "description": _DESCRIPTIONS[kind],
                    "hierarchyCode": kind,
                    "typeCode": kind,
                    "lastChangeDateTime": self.changed,
                }
                for kind, title in ITEM_TYPES.items()
            ]
        }


def to_case(certification: Certification, framework: Framework | None = None) -> dict[str, Any]:
    """Return *certification* as a CASE 1.1 CFPackage (plain JSON data).

    With *framework*, the tensions and poles it answers are items of the package too, labelled
    from the framework; without, they are named by their ids.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> package = to_case(cert, ref.load("examples/customer-relations.yaml"))
    >>> package["CFDocument"]["identifier"], len(package["CFItems"])
    ('03ddd605-59b4-558a-a3b8-4cae5f31ebcf', 28)
    """
    package = _Package(certification, framework)
    package.tensions()
    for position, bloc in enumerate(certification.blocs, start=1):
        package.bloc(bloc, position)
    package.references()
    return {
        "CFDocument": package.document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": package.definitions(),
        "CFRubrics": package.rubrics(),
    }


def _common(element: Bloc | Activity | Competence | Modality | Criterion) -> dict[str, Any]:
    return {
        "id": element.id,
        "translations": dict(element.translations),
        "provenance": _plain(element.provenance, type(element.provenance)),
        "draft": element.draft,
        "notes": element.notes,
    }


def _answered(certification: Certification) -> dict[str, list[Side]]:
    """Every tension answered, with the poles answered, in order of first mention."""
    tensions: dict[str, list[Side]] = {}
    for bloc in certification.blocs:
        answering: list[Activity | Competence | Criterion] = [
            *bloc.activities,
            *bloc.competences,
            *bloc.criteria,
        ]
        for element in answering:
            for answer in element.answers:
                sides = tensions.setdefault(answer.tension, [])
                if answer.pole is not None and answer.pole not in sides:
                    sides.append(answer.pole)
    return tensions


def _rubric(
    ids: _Ids, changed: str, competence: Mapping[str, Any], criteria: list[Criterion]
) -> dict[str, Any]:
    rubric_id = ids.of("rubric", competence["identifier"])
    rubric_criteria = []
    for position, criterion in enumerate(criteria, start=1):
        criterion_id = ids.of("rubric-criterion", criterion.id)
        levels = []
        for n, grade in enumerate(criterion.levels, start=1):
            level_id = ids.of("rubric-level", criterion.id, str(n))
            levels.append(
                {
                    "identifier": level_id,
                    "uri": _uri(level_id),
                    "quality": grade.label,
                    **({"description": grade.description} if grade.description is not None else {}),
                    **({"score": grade.score} if grade.score is not None else {}),
                    "position": n,
                    "rubricCriterionId": criterion_id,
                    "lastChangeDateTime": changed,
                    "extensions": [_extension(translations=dict(grade.translations))],
                }
            )
        rubric_criteria.append(
            {
                "identifier": criterion_id,
                "uri": _uri(criterion_id),
                "category": criterion.id,
                "description": criterion.label,
                "CFItemURI": _link(competence),
                "position": position,
                "rubricId": rubric_id,
                "lastChangeDateTime": changed,
                "CFRubricCriterionLevels": levels,
                "extensions": _extension(criterion=criterion.id),
            }
        )
    return {
        "identifier": rubric_id,
        "uri": _uri(rubric_id),
        "title": competence["fullStatement"][:250],
        "lastChangeDateTime": changed,
        "CFRubricCriteria": rubric_criteria,
    }


def dumps_case(certification: Certification, framework: Framework | None = None) -> str:
    """Return :func:`to_case`'s package as JSON text (UTF-8, indented, keys in CASE's order)."""
    return json.dumps(to_case(certification, framework), ensure_ascii=False, indent=2) + "\n"


def write_case(
    certification: Certification,
    path: str | os.PathLike[str],
    framework: Framework | None = None,
    *,
    protect: tuple[str | os.PathLike[str], ...] = (),
) -> None:
    """Write :func:`dumps_case`'s JSON to *path*, atomically (``-``: standard output)."""
    write_output(path, dumps_case(certification, framework).encode("utf-8"), protect=protect)


class _Reader:
    """Reads a CFPackage back, failing with located problems."""

    def __init__(self, package: object) -> None:
        self.package = self.mapping(package, ())
        self.items = {
            str(item.get("identifier")): item
            for n, raw in enumerate(self.array(self.package.get("CFItems", []), ("CFItems",)))
            for item in (self.mapping(raw, ("CFItems", n)),)
        }
        self.children: dict[str, list[tuple[int, str]]] = {}
        self.links: dict[tuple[str, str], list[tuple[int, str]]] = {}
        associations = self.array(self.package.get("CFAssociations", []), ("CFAssociations",))
        for n, raw in enumerate(associations):
            where: Path = ("CFAssociations", n)
            association = self.mapping(raw, where)
            origin = self.node(association.get("originNodeURI"), (*where, "originNodeURI"))
            target = self.node(
                association.get("destinationNodeURI"), (*where, "destinationNodeURI")
            )
            sequence = association.get("sequenceNumber", 0)
            order = sequence if isinstance(sequence, int) else 0
            kind = association.get("associationType")
            if kind == "isChildOf":
                self.children.setdefault(target, []).append((order, origin))
            elif isinstance(kind, str):
                self.links.setdefault((origin, kind), []).append((order, target))
        self.levels: dict[str, list[Grade]] = {}
        for r, raw in enumerate(self.array(self.package.get("CFRubrics", []), ("CFRubrics",))):
            rubric = self.mapping(raw, ("CFRubrics", r))
            criteria = self.array(rubric.get("CFRubricCriteria", []), ("CFRubrics", r))
            for c, raw_criterion in enumerate(criteria):
                where = ("CFRubrics", r, "CFRubricCriteria", c)
                criterion = self.mapping(raw_criterion, where)
                levels = self.array(criterion.get("CFRubricCriterionLevels", []), where)
                self.levels[str(criterion.get("identifier"))] = self.grades(levels, where)

    def fail(self, message: str, path: Path) -> FileFormatError:
        return FileFormatError([CASE_FORMAT.issue(message, path)])

    def mapping(self, value: object, path: Path) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(f"expected a JSON object, got {type(value).__name__}", path)
        return value

    def array(self, value: object, path: Path) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"expected a JSON array, got {type(value).__name__}", path)
        return value

    def node(self, value: object, path: Path) -> str:
        node = self.mapping(value, path)
        identifier = node.get("identifier")
        if not isinstance(identifier, str):
            raise self.fail("a node link without an identifier", path)
        return identifier

    def grades(self, levels: list[Any], path: Path) -> list[Grade]:
        rows = []
        for n, raw in enumerate(levels):
            level = self.mapping(raw, (*path, "CFRubricCriterionLevels", n))
            extensions = level.get("extensions") or [{}]
            extension = extensions[0].get("referentiel", {}) if isinstance(extensions, list) else {}
            score = level.get("score")
            data = {
                "label": level.get("quality", ""),
                "description": level.get("description"),
                "score": int(score) if isinstance(score, int | float) else None,
                "translations": extension.get("translations", {}),
            }
            position = level.get("position", n)
            rows.append(
                (position if isinstance(position, int) else n, self.build(data, Grade, path))
            )
        return [grade for _, grade in sorted(rows, key=lambda pair: pair[0])]

    def build(self, data: Mapping[str, Any], cls: type[T], path: Path) -> T:
        clean = {k: v for k, v in data.items() if not _empty(v)}
        try:
            return plain.structure(clean, cls)
        except StructureErrors as exc:
            issues = [
                p.code.issue(p.message, (*path, "extensions", "referentiel", *p.path))
                for p in exc.problems
            ]
            raise FileFormatError(issues) from None

    def extension(self, item: Mapping[str, Any]) -> dict[str, Any]:
        extensions = item.get("extensions")
        found = extensions.get("referentiel") if isinstance(extensions, Mapping) else None
        return dict(found) if isinstance(found, Mapping) else {}

    def ordered(self, pairs: list[tuple[int, str]]) -> Iterator[Mapping[str, Any]]:
        for _, identifier in sorted(pairs, key=lambda pair: pair[0]):
            if identifier in self.items:
                yield self.items[identifier]

    def code(self, item: Mapping[str, Any]) -> str:
        return str(self.extension(item).get("id") or item.get("humanCodingScheme") or "")

    def answers(self, item: Mapping[str, Any]) -> list[dict[str, Any]]:
        out = []
        for target in self.ordered(self.links.get((item["identifier"], "ext:answers"), [])):
            found = self.extension(target)
            answer = {"tension": found.get("tension", target.get("humanCodingScheme"))}
            if "pole" in found:
                answer["pole"] = found["pole"]
            out.append(answer)
        return out

    def first_link(self, item: Mapping[str, Any], kind: str) -> str | None:
        targets = list(self.ordered(self.links.get((item["identifier"], kind), [])))
        return self.code(targets[0]) if targets else None


def from_case(package: object) -> Certification:
    """Build a certification from a CASE 1.1 package written by :func:`to_case`.

    Raises :exc:`~referentiel.FileFormatError` naming what is missing or malformed.

    >>> import referentiel as ref
    >>> cert = ref.read_certification("examples/customer-relations.certification.yaml")
    >>> from_case(to_case(cert)) == cert
    True
    """
    reader = _Reader(package)
    document = reader.mapping(reader.package.get("CFDocument"), ("CFDocument",))
    identifier = document.get("identifier")
    if not isinstance(identifier, str):
        raise reader.fail("the CFDocument has no identifier", ("CFDocument",))
    found = reader.extension(document)
    blocs = []
    for bloc_item in reader.ordered(reader.children.get(identifier, [])):
        if bloc_item.get("CFItemType") != ITEM_TYPES["bloc"]:
            continue
        lists: dict[str, list[Any]] = {
            name: [] for name in ("activities", "competences", "modalities", "criteria")
        }
        for child in reader.ordered(reader.children.get(bloc_item["identifier"], [])):
            data = {**reader.extension(child), "id": reader.code(child)}
            kind = child.get("CFItemType")
            statement = child.get("fullStatement", "")
            if kind == ITEM_TYPES["activity"]:
                lists["activities"].append(
                    {**data, "label": statement, "answers": reader.answers(child)}
                )
            elif kind == ITEM_TYPES["competence"]:
                followed = reader.ordered(
                    reader.links.get((child["identifier"], "ext:followsFrom"), [])
                )
                data |= {
                    "activities": [reader.code(a) for a in followed],
                    "answers": reader.answers(child),
                }
                lists["competences"].append(data)
            elif kind == ITEM_TYPES["modality"]:
                lists["modalities"].append({**data, "label": statement})
            elif kind == ITEM_TYPES["criterion"]:
                rubric = str(
                    uuid.uuid5(
                        NAMESPACE,
                        "/".join((str(found.get("id", "")), "rubric-criterion", data["id"])),
                    )
                )
                data |= {
                    "label": statement,
                    "competence": reader.first_link(child, "ext:evaluates") or "",
                    "modality": reader.first_link(child, "ext:evaluatedThrough"),
                    "answers": reader.answers(child),
                }
                criterion = reader.build(
                    {k: v for k, v in data.items() if k != "levels"}, Criterion, ("CFItems",)
                )
                lists["criteria"].append(
                    attrs.evolve(criterion, levels=tuple(reader.levels.get(rubric, ())))
                )
                continue
        bloc_data = {
            **reader.extension(bloc_item),
            "id": reader.code(bloc_item),
            "label": bloc_item.get("fullStatement", ""),
        }
        bloc = reader.build(
            {**bloc_data, **{k: v for k, v in lists.items() if k != "criteria"}}, Bloc, ("CFItems",)
        )
        blocs.append(attrs.evolve(bloc, criteria=tuple(lists["criteria"])))
    data = {
        **{
            k: v
            for k, v in found.items()
            if k
            in {
                "id",
                "framework",
                "registry",
                "date",
                "certifier",
                "codes_rome",
                "translations",
                "provenance",
                "set_aside",
                "description",
                "version",
            }
        },
        "title": document.get("title", ""),
        "language": document.get("language", "fr"),
    }
    certification = reader.build(data, Certification, ("CFDocument",))
    return attrs.evolve(certification, blocs=tuple(blocs))


def loads_case(text: str, *, filename: str | None = None) -> Certification:
    """Read a certification from CASE JSON *text*."""
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            [
                CASE_FORMAT.issue(
                    f"not JSON: {exc.msg}", file=filename, line=exc.lineno, column=exc.colno
                )
            ]
        ) from None
    try:
        return from_case(package)
    except FileFormatError as exc:
        raise FileFormatError([attrs.evolve(i, file=filename) for i in exc.issues]) from None


def read_case(path: str | os.PathLike[str]) -> Certification:
    """Read a certification from the CASE JSON file at *path* (``-``: standard input)."""
    name = str(path)
    return loads_case(decode(read_input(path), name), filename=name)
