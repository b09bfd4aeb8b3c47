"""From coded selections to evidence: the typed QDA mapping, and ``import_qdpx``.

A mapping file says which code of a REFI-QDA project documents which tension (and pole). It is
read by the same converter as framework files (:mod:`referentiel.io.plain`): unknown keys, wrong
types and unknown values are located errors like any other.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Final

import attrs

from referentiel._gc import paused_gc
from referentiel.errors import FileFormatError
from referentiel.io import codes, plain
from referentiel.io._input import read_input
from referentiel.io._text import decode
from referentiel.io.qda.read import QdaProject, QdaSelection, QdaSource
from referentiel.io.yaml import parse_located
from referentiel.issues import Issue
from referentiel.issues import Path as IssuePath
from referentiel.model import (
    TENSION_CLASSES,
    Contradiction,
    Evidence,
    Framework,
    Locator,
    Method,
    Origin,
    Pole,
    Provenance,
    Side,
    Source,
    Status,
    Tension,
    TensionKind,
)

__all__ = [
    "CodeTarget",
    "NewFramework",
    "NewTension",
    "QdaMapping",
    "import_qdpx",
    "loads_mapping",
    "read_mapping",
]

_SPEAKER_RULES: Final = ("case", "user", "none")
_ID_RULES: Final = ("guid", "name")


def _speaker_rule(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value not in _SPEAKER_RULES and not value.startswith("variable:"):
        expected = ", ".join(repr(r) for r in (*_SPEAKER_RULES, "variable:NAME"))
        raise ValueError(f"unknown speaker rule: {value!r} (expected one of {expected})")


def _id_rule(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value not in _ID_RULES:
        expected = ", ".join(repr(r) for r in _ID_RULES)
        raise ValueError(f"unknown ids rule: {value!r} (expected one of {expected})")


@attrs.frozen(kw_only=True)
class CodeTarget:
    """Where a code's selections go: a tension and, optionally, one of its poles.

    In a file, a bare tension id stands for ``{tension: ID}``.

    >>> CodeTarget(tension="c2").pole
    <Side.BOTH: 'both'>
    """

    tension: str
    pole: Side = Side.BOTH


@attrs.frozen(kw_only=True)
class NewFramework:
    """The framework to create when there is none to import into."""

    id: str
    title: str


@attrs.frozen(kw_only=True)
class NewTension:
    """How to create a tension named in the mapping, when there is no framework to import into."""

    kind: TensionKind = TensionKind.CONTRADICTION
    number: int | None = None
    origin: Origin | None = None


@attrs.frozen(kw_only=True)
class QdaMapping:
    """Which codes document which tensions, and how to read speakers, methods and ids.

    >>> m = QdaMapping(codes={"Procédures": CodeTarget(tension="c2")}, speaker="user")
    >>> m.codes["Procédures"].tension, m.method.value, m.ids
    ('c2', 'other', 'guid')
    """

    #: A code's path in the code tree ("Parent/Child"), its name if unique, or its GUID.
    codes: dict[str, CodeTarget] = attrs.field(factory=dict)
    #: Who speaks: ``case`` (the project's case that holds it), ``user``, ``variable:NAME``,
    #: ``none``.
    speaker: str = attrs.field(default="case", validator=_speaker_rule)
    #: The method of the sources created.
    method: Method = Method.OTHER
    #: Excerpt ids from the selection's ``guid`` or its ``name``.
    ids: str = attrs.field(default="guid", validator=_id_rule)
    #: The framework to create, when there is none to import into.
    framework: NewFramework | None = None
    #: How to create each tension, by id, when there is no framework to import into.
    tensions: dict[str, NewTension] = attrs.field(factory=dict)


def _structure_target(value: object, _: type) -> CodeTarget:
    if isinstance(value, str):
        return CodeTarget(tension=value)
    target: CodeTarget = _class_hook(value, CodeTarget)
    return target


_class_hook: Final = plain.converter.get_structure_hook(CodeTarget)
plain.converter.register_structure_hook(CodeTarget, _structure_target)


def loads_mapping(text: str, *, filename: str | None = None) -> QdaMapping:
    r"""Read a QDA mapping from YAML *text*; problems are located at their line and column.

    >>> loads_mapping("codes:\n  Procédures: c2\n").codes["Procédures"].tension
    'c2'
    >>> loads_mapping("codez: {}\n", filename="map.yaml")
    Traceback (most recent call last):
    ...
    referentiel.errors.FileFormatError: map.yaml:1:1: error unknown-key: unknown key 'codez' in a qda mapping (did you mean 'codes'?) (at $.codez)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    return parse_located(text, filename, QdaMapping, what="mapping")[0]


def read_mapping(path: str | os.PathLike[str]) -> QdaMapping:
    """Read the QDA mapping file at *path* (YAML).

    >>> read_mapping("examples/qdpx-mapping.yaml").speaker
    'case'
    """
    return loads_mapping(decode(read_input(path), str(path)), filename=str(path))


def _mapping(value: QdaMapping | Mapping[str, Any]) -> QdaMapping:
    if isinstance(value, QdaMapping):
        return value
    return plain.structure_strictly(value, QdaMapping)


def _slug(value: str) -> str:
    """Return an id made of *value*'s letters: accents dropped (« cité » gives ``cite``)."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")
    return slug or "source"


def _source_ids(project: QdaProject) -> dict[str, str]:
    """Give each source an id from its name; two names that read alike get -2, -3 ... in order.

    Two interviews named « IS de C. » and « IS de C ! » would otherwise be one source, and one
    interview's excerpts cited as the other's.
    """
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for source in project.sources:
        base = candidate = _slug(source.name)
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        ids[source.guid] = candidate
    return ids


def _problem(file: str, message: str, path: IssuePath = ()) -> Issue:
    return codes.QDPX_MAPPING.issue(message, path, file=file)


def _targets(
    project: QdaProject, mapping: QdaMapping, file: str
) -> tuple[dict[str, CodeTarget], list[Issue]]:
    """Resolve the mapping's code names ('Parent/Child', a name, or a GUID) to code GUIDs."""
    by_path: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for code in project.codes:
        by_path.setdefault("/".join(code.path), []).append(code.guid)
        by_name.setdefault(code.name, []).append(code.guid)
    guids = {c.guid for c in project.codes}
    targets: dict[str, CodeTarget] = {}
    problems = []
    for key, target in mapping.codes.items():
        # a GUID, else a path or a name that only one code has: never the last of several
        candidates = [key] if key in guids else by_path.get(key) or by_name.get(key, [])
        guid = candidates[0] if len(candidates) == 1 else None
        if guid is None:
            known = ", ".join(repr("/".join(c.path)) for c in project.codes) or "none"
            why = "is ambiguous" if len(candidates) > 1 else "is not in the project"
            problems.append(_problem(file, f"code {key!r} {why} (codes: {known})", ("codes", key)))
            continue
        targets[guid] = target
    return targets, problems


class _Speakers:
    """Who speaks in each selection, by the mapping's rule, looked up once per project.

    The rule ``case`` names the first case (in the project's order) that holds the selection
    or its source; ``user`` the selection's user; ``variable:NAME`` the source's variable.
    """

    def __init__(self, project: QdaProject, rule: str) -> None:
        self.rule = rule
        # the first user of each guid; the first case that holds each selection, and each
        # source (its index in the project)
        self.users: dict[str, str | None] = {}
        for user in project.users:
            self.users.setdefault(user.guid, user.name)
        self.by_selection: dict[str, int] = {}
        self.by_source: dict[str, int] = {}
        for index, case in enumerate(project.cases):
            for guid in case.selections:
                self.by_selection.setdefault(guid, index)
            for guid in case.sources:
                self.by_source.setdefault(guid, index)
        self.cases = project.cases

    def __call__(self, source: QdaSource, selection: QdaSelection) -> str | None:
        rule = self.rule
        if rule == "user":
            return self.users.get(selection.user) if selection.user is not None else None
        if rule == "case":
            held = (self.by_selection.get(selection.guid), self.by_source.get(source.guid))
            first = min((index for index in held if index is not None), default=None)
            return None if first is None else self.cases[first].name
        if rule.startswith("variable:"):
            wanted = rule.removeprefix("variable:")
            return next((value for name, value in source.variables if name == wanted), None)
        return None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@paused_gc()  # many small acyclic objects: the collector's passes find nothing
def import_qdpx(
    project: QdaProject,
    mapping: QdaMapping | Mapping[str, Any],
    *,
    into: Framework | None = None,
    file: str = "project.qdpx",
) -> Framework:
    """Turn the project's coded selections into evidence, per *mapping*; return the framework.

    *mapping* is a :class:`QdaMapping` (:func:`read_mapping` reads one from a file) or the same
    as plain data. Without an *into* framework, the mapping's ``framework`` (its ``id`` and
    ``title``) and ``tensions`` (per id: ``kind``, ``number``, ``origin``) describe a new one,
    whose poles are named after their codes.

    Raises :exc:`FileFormatError` listing every problem: a mapping of the wrong shape, unknown
    codes, unknown tensions, and selections whose offsets fall outside their source (nothing is
    quoted wrongly).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import attrs, referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> ref.write_qdpx(fw, folder / "f.qdpx")
    >>> bare = attrs.evolve(fw, tensions=tuple(attrs.evolve(t, evidence=()) for t in fw))
    >>> back = import_qdpx(ref.read_qdpx(folder / "f.qdpx"), ref.mapping_for(fw), into=bare)
    >>> [e.speaker for e in back["c5"].evidence]
    ['C.', 'S.', 'B.']
    """
    typed = _mapping(mapping)
    targets, problems = _targets(project, typed, file)
    framework = (
        into if into is not None else _new_framework(project, typed, targets, problems, file)
    )
    known = {t.id for t in framework.tensions}
    for key, target in typed.codes.items():
        if target.tension not in known:
            problems.append(
                _problem(
                    file,
                    f"unknown tension {target.tension!r} in the mapping "
                    f"(the framework has {sorted(known)})",
                    ("codes", key, "tension"),
                )
            )
    use_names = typed.ids == "name"
    new_evidence: dict[str, list[Evidence]] = {}
    sources: dict[str, Source] = {s.id: s for s in framework.sources}
    source_ids = _source_ids(project)
    speaker = _Speakers(project, typed.speaker)
    for source in project.sources:
        source_id = source_ids[source.guid]
        created = _date(source.created)
        for selection in source.selections:
            mapped = [targets[g] for g in selection.codes if g in targets]
            if not mapped:
                continue
            quote = project.quote(source, selection)
            if quote is None:
                problems.append(
                    codes.QDPX_OFFSETS.issue(
                        f"selection {selection.guid!r} of source {source.name!r} runs from "
                        f"{selection.start} to {selection.end}, outside the source's "
                        f"{len(source.text)} characters: not quoted",
                        file=file,
                    )
                )
                continue
            if source_id not in sources:  # the framework's own entry is kept
                sources[source_id] = Source(
                    id=source_id, method=typed.method, date=created, citation=source.name
                )
            for target in mapped:
                excerpt = Evidence(
                    quote=quote,
                    id=(
                        selection.name
                        if use_names and selection.name
                        else f"qda-{selection.guid.strip('{}').lower()}"
                    ),
                    source=source_id,
                    speaker=speaker(source, selection),
                    date=created,
                    locator=Locator(start=selection.start, end=selection.end),
                    supports=target.pole,
                    note="\n".join(selection.notes) or None,
                )
                new_evidence.setdefault(target.tension, []).append(excerpt)
    if problems:
        raise FileFormatError(problems)
    tensions = []
    for tension in framework.tensions:
        incoming = new_evidence.get(tension.id, [])
        replaced = {e.id for e in incoming}
        kept = tuple(e for e in tension.evidence if e.id not in replaced)
        tensions.append(attrs.evolve(tension, evidence=kept + tuple(incoming)))
    return attrs.evolve(framework, tensions=tuple(tensions), sources=tuple(sources.values()))


def _new_framework(
    project: QdaProject,
    mapping: QdaMapping,
    targets: dict[str, CodeTarget],
    problems: list[Issue],
    file: str,
) -> Framework:
    head = mapping.framework
    if head is None:
        problems.append(
            _problem(
                file,
                "without a framework to import into, the mapping needs "
                "'framework' with 'id' and 'title'",
            )
        )
        head = NewFramework(id="imported", title=project.name)
    names = {c.guid: c.name for c in project.codes}
    labels: dict[str, dict[Side, str]] = {}
    for guid, target in targets.items():
        labels.setdefault(target.tension, {})[target.pole] = names[guid]
    justification = f"Created from the codebook of the REFI-QDA project {project.name!r}."
    tensions: list[Tension] = []
    for number, (tension_id, named) in enumerate(labels.items(), start=1):
        spec = mapping.tensions.get(tension_id, NewTension())
        cls = TENSION_CLASSES[spec.kind]
        first, second = cls.SIDES
        fields: dict[str, Any] = {
            first.value: Pole(label=named.get(first, named.get(Side.BOTH, tension_id))),
            second.value: Pole(label=named.get(second, "?")),
        }
        if cls is Contradiction:
            fields["origin"] = spec.origin
        tensions.append(
            cls(
                id=tension_id,
                number=spec.number if spec.number is not None else number,
                provenance=Provenance(status=Status.RECONSTRUCTED, justification=justification),
                **fields,
            )
        )
    return Framework(id=head.id, title=head.title, tensions=tuple(tensions))
