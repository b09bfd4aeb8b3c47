"""REFI-QDA: evidence from QualCoder, NVivo, ATLAS.ti or MAXQDA, and frameworks back to them.

- :func:`read_qdpx` reads a project (``.qdpx``): users, codes, text sources, coded selections,
  cases, notes.
- :func:`import_qdpx` turns every selection coded with a mapped code into an
  :class:`~referentiel.Evidence` (the exact selected text, its source, speaker, date and
  offsets), into an existing framework or a new one.
- :func:`write_qdc` writes a codebook (a code per tension, a child code per pole, coloured by
  origin); :func:`write_qdpx` a project holding that codebook, the excerpts as text sources with
  their codings, speakers as cases, origins as sets and the links between tensions as links.

What a project cannot give back: an excerpt's locator becomes its offsets in the exported text,
translations and provenance of excerpts are not written, excerpts come back in the order of the
project's sources, and text is written as XML 1.0 can hold it (control characters dropped).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal
from xml.etree import ElementTree as ET

import attrs

from referentiel._atomic import write_atomic
from referentiel._version import __version__
from referentiel.errors import FileFormatError
from referentiel.io._graphdata import xml_text
from referentiel.io._qda import (
    LineEndings,
    QdaProject,
    QdaSelection,
    QdaSource,
    Units,
    parse_qdpx,
)
from referentiel.model import (
    Contradiction,
    Dilemma,
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
)
from referentiel.validate import Issue, Severity

__all__ = [
    "import_qdpx",
    "mapping_for",
    "qdpx_bytes",
    "read_qdpx",
    "write_qdc",
    "write_qdpx",
]

PROJECT_NS: Final = "urn:QDA-XML:project:1.0"
CODEBOOK_NS: Final = "urn:QDA-XML:codebook:1.0"
COLOURS: Final = {"organisation": "#2C3E50", "situation": "#6B3A1E", None: "#2F4F4F"}
SpeakerRule = Literal["case", "user", "none"] | str


def read_qdpx(
    path: str | os.PathLike[str],
    *,
    line_endings: LineEndings = "normalise",
    units: Units = "codepoints",
) -> QdaProject:
    """Read the REFI-QDA project at *path*.

    ``line_endings="normalise"`` (the default) reads CRLF as one line feed before offsets are
    applied, as most exporters count; ``"keep"`` counts it as two characters. ``units`` is
    ``"codepoints"`` (the standard) or ``"utf16"`` (some exporters).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_qdpx(ref.load("examples/customer-relations.yaml"), folder / "f.qdpx")
    >>> [c.name for c in read_qdpx(folder / "f.qdpx").codes][:3]
    ['1. c1', 'Répondre dans des délais contraints', 'Conduire une vraie relation']
    """
    data = Path(path).read_bytes()
    return parse_qdpx(data, str(path), line_endings=line_endings, units=units)


# --- import ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Target:
    """Where a code's selections go: a tension and, optionally, one of its poles."""

    tension: str
    pole: Side = Side.BOTH


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "source"


def _problem(file: str, message: str, code: str = "qdpx-mapping") -> Issue:
    return Issue(code=code, severity=Severity.ERROR, message=message, path="$", file=file)


def _targets(
    project: QdaProject, codes: Mapping[str, Any], file: str
) -> tuple[dict[str, Target], list[Issue]]:
    """Resolve the mapping's code names ('Parent/Child', a name, or a GUID) to code GUIDs."""
    by_path = {"/".join(c.path): c.guid for c in project.codes}
    by_name: dict[str, list[str]] = {}
    for code in project.codes:
        by_name.setdefault(code.name, []).append(code.guid)
    guids = {c.guid for c in project.codes}
    targets: dict[str, Target] = {}
    problems = []
    for key, given in codes.items():
        spec = {"tension": given} if isinstance(given, str) else given
        if not isinstance(spec, Mapping) or not isinstance(spec.get("tension"), str):
            problems.append(
                _problem(
                    file,
                    f"code {key!r}: expected a tension id or a mapping with 'tension' (and 'pole')",
                )
            )
            continue
        pole = spec.get("pole", "both")
        try:
            side = Side(pole)
        except ValueError:
            problems.append(
                _problem(
                    file,
                    f"code {key!r}: unknown pole {pole!r} (expected one "
                    "of 'prescribed', 'real', 'first', 'second', 'both')",
                )
            )
            continue
        guid = by_path.get(key) or (key if key in guids else None)
        if guid is None and len(by_name.get(key, [])) == 1:
            guid = by_name[key][0]
        if guid is None:
            known = ", ".join(repr("/".join(c.path)) for c in project.codes) or "none"
            why = "is ambiguous" if len(by_name.get(key, [])) > 1 else "is not in the project"
            problems.append(_problem(file, f"code {key!r} {why} (codes: {known})"))
            continue
        targets[guid] = Target(tension=spec["tension"], pole=side)
    return targets, problems


def _speaker(
    project: QdaProject, source: QdaSource, selection: QdaSelection, rule: SpeakerRule
) -> str | None:
    if rule == "user":
        return next((u.name for u in project.users if u.guid == selection.user), None)
    if rule == "case":
        for case in project.cases:
            if selection.guid in case.selections or source.guid in case.sources:
                return case.name
        return None
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


def import_qdpx(
    project: QdaProject,
    mapping: Mapping[str, Any],
    *,
    into: Framework | None = None,
    file: str = "project.qdpx",
) -> Framework:
    """Turn the project's coded selections into evidence, per *mapping*; return the framework.

    *mapping* holds ``codes`` (code path, name or GUID → ``{tension, pole}``), and optionally
    ``speaker`` (``case``, the default; ``user``; ``variable:NAME``; ``none``), ``method`` (of
    the sources created, default ``other``), ``ids`` (``guid``, the default, or ``name``: the
    selection's name becomes the excerpt's id), and, when there is no *into* framework,
    ``framework`` (its ``id`` and ``title``) and ``tensions`` (per id: ``kind``, ``number``,
    ``origin``); poles are then named after their codes.

    Raises :exc:`FileFormatError` listing every problem: unknown codes, unknown tensions, and
    selections whose offsets fall outside their source (nothing is quoted wrongly).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import attrs, referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> write_qdpx(fw, folder / "f.qdpx")
    >>> bare = attrs.evolve(fw, tensions=tuple(attrs.evolve(t, evidence=()) for t in fw))
    >>> back = import_qdpx(read_qdpx(folder / "f.qdpx"), mapping_for(fw), into=bare)
    >>> [e.speaker for e in back["c7"].evidence]
    ['B.']
    """
    targets, problems = _targets(project, mapping.get("codes", {}) or {}, file)
    framework = (
        into if into is not None else _new_framework(project, mapping, targets, problems, file)
    )
    known = {t.id for t in framework.tensions}
    for target in targets.values():
        if target.tension not in known:
            problems.append(
                _problem(
                    file,
                    f"unknown tension {target.tension!r} in the mapping "
                    f"(the framework has {sorted(known)})",
                )
            )
    rule: SpeakerRule = mapping.get("speaker", "case")
    method = Method(mapping.get("method", "other"))
    use_names = mapping.get("ids", "guid") == "name"
    new_evidence: dict[str, list[Evidence]] = {}
    sources: dict[str, Source] = {s.id: s for s in framework.sources}
    for source in project.sources:
        source_id = _slug(source.name)
        for selection in source.selections:
            mapped = [targets[g] for g in selection.codes if g in targets]
            if not mapped:
                continue
            quote = project.quote(source, selection)
            if quote is None:
                problems.append(
                    _problem(
                        file,
                        f"selection {selection.guid!r} of source {source.name!r} runs from "
                        f"{selection.start} to {selection.end}, outside the source's "
                        f"{len(source.text)} characters: not quoted",
                        "qdpx-offsets",
                    )
                )
                continue
            sources.setdefault(
                source_id,
                Source(
                    id=source_id, method=method, date=_date(source.created), citation=source.name
                ),
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
                    speaker=_speaker(project, source, selection, rule),
                    date=_date(source.created),
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
    mapping: Mapping[str, Any],
    targets: dict[str, Target],
    problems: list[Issue],
    file: str,
) -> Framework:
    head = mapping.get("framework") or {}
    if not isinstance(head, Mapping) or "id" not in head or "title" not in head:
        problems.append(
            _problem(
                file,
                "without a framework to import into, the mapping needs "
                "'framework' with 'id' and 'title'",
            )
        )
        head = {"id": "imported", "title": project.name}
    specs = mapping.get("tensions") or {}
    names = {c.guid: c.name for c in project.codes}
    poles: dict[str, dict[Side, str]] = {}
    for guid, target in targets.items():
        poles.setdefault(target.tension, {})[target.pole] = names[guid]
    justification = f"Created from the codebook of the REFI-QDA project {project.name!r}."
    tensions: list[Tension] = []
    for number, (tension_id, labels) in enumerate(poles.items(), start=1):
        spec = specs.get(tension_id, {}) if isinstance(specs, Mapping) else {}
        provenance = Provenance(status=Status.RECONSTRUCTED, justification=justification)
        if spec.get("kind", "contradiction") == "dilemma":
            tensions.append(
                Dilemma(
                    id=tension_id,
                    number=spec.get("number", number),
                    provenance=provenance,
                    first=Pole(label=labels.get(Side.FIRST, labels.get(Side.BOTH, tension_id))),
                    second=Pole(label=labels.get(Side.SECOND, "?")),
                )
            )
        else:
            origin = spec.get("origin")
            tensions.append(
                Contradiction(
                    id=tension_id,
                    number=spec.get("number", number),
                    provenance=provenance,
                    origin=Origin(origin) if origin else None,
                    prescribed=Pole(
                        label=labels.get(Side.PRESCRIBED, labels.get(Side.BOTH, tension_id))
                    ),
                    real=Pole(label=labels.get(Side.REAL, "?")),
                )
            )
    return Framework(id=str(head["id"]), title=str(head["title"]), tensions=tuple(tensions))


# --- export ----------------------------------------------------------------------------------


def _guid(framework: Framework, *parts: object) -> str:
    """Return a GUID stable per element, so that exporting twice gives the same file."""
    name = "/".join(str(p) for p in (framework.id, *parts))
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"referentiel:{name}")).upper()


def _origin(tension: Tension) -> str | None:
    return tension.origin.value if isinstance(tension, Contradiction) and tension.origin else None


def _pole_sides(tension: Tension) -> tuple[Side, Side]:
    if isinstance(tension, Contradiction):
        return (Side.PRESCRIBED, Side.REAL)
    return (Side.FIRST, Side.SECOND)


def _tension_code_name(tension: Tension) -> str:
    return f"{tension.number}. {tension.id}"


def _codes(parent: ET.Element, framework: Framework, ns: str) -> None:
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    for tension in framework.tensions:
        code = ET.SubElement(
            codes,
            f"{{{ns}}}Code",
            guid=_guid(framework, tension.id),
            name=_tension_code_name(tension),
            isCodable="true",
            color=COLOURS[_origin(tension)],
        )
        ET.SubElement(code, f"{{{ns}}}Description").text = xml_text(
            f"{tension.kind.value} {tension.number}: "
            + " / ".join(p.label for p in tension.poles)
            + f" ({tension.provenance.status.value})"
        )
        for side, pole in zip(_pole_sides(tension), tension.poles, strict=True):
            child = ET.SubElement(
                code,
                f"{{{ns}}}Code",
                guid=_guid(framework, tension.id, side.value),
                name=xml_text(pole.label),
                isCodable="true",
                color=COLOURS[_origin(tension)],
            )
            ET.SubElement(child, f"{{{ns}}}Description").text = xml_text(
                f"{side.value} pole of {tension.id}"
                + (f": {pole.description}" if pole.description else "")
            )


def _sets(parent: ET.Element, framework: Framework, ns: str) -> None:
    groups: dict[str, list[Tension]] = {}
    for tension in framework.tensions:
        groups.setdefault(_origin(tension) or tension.kind.value, []).append(tension)
    if not groups:
        return
    sets = ET.SubElement(parent, f"{{{ns}}}Sets")
    for name, members in groups.items():
        group = ET.SubElement(sets, f"{{{ns}}}Set", guid=_guid(framework, "set", name), name=name)
        for tension in members:
            # the two schemas name the reference differently
            key = "guid" if ns == CODEBOOK_NS else "targetGUID"
            ET.SubElement(group, f"{{{ns}}}MemberCode", {key: _guid(framework, tension.id)})


def _xml(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


def qdc_bytes(framework: Framework) -> bytes:
    """Return *framework*'s codebook as REFI-QDA ``.qdc`` XML."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=f"referentiel {__version__}")
    _codes(root, framework, CODEBOOK_NS)
    _sets(root, framework, CODEBOOK_NS)
    return _xml(root, CODEBOOK_NS)


def write_qdc(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework*'s codebook to *path* (``.qdc``), atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_qdc(ref.load("examples/customer-relations.yaml"), folder / "f.qdc")
    >>> (folder / "f.qdc").read_bytes()[:38]
    b"<?xml version='1.0' encoding='utf-8'?>"
    """
    write_atomic(path, qdc_bytes(framework))


def _source_groups(framework: Framework) -> dict[tuple[str, str], list[tuple[Tension, Evidence]]]:
    groups: dict[tuple[str, str], list[tuple[Tension, Evidence]]] = {}
    for tension in framework.tensions:
        for excerpt in tension.evidence:
            key = (excerpt.source or "unsourced", excerpt.date.isoformat() if excerpt.date else "")
            groups.setdefault(key, []).append((tension, excerpt))
    return groups


def _write_sources(
    framework: Framework, user: str
) -> tuple[ET.Element | None, dict[str, list[str]], list[tuple[str, str]]]:
    """Return the text sources holding the excerpts, the speakers' selections and the notes."""
    p = f"{{{PROJECT_NS}}}"
    speakers: dict[str, list[str]] = {}
    sources_element = None
    notes: list[tuple[str, str]] = []
    for (source_id, date), items in _source_groups(framework).items():
        sources_element = (
            sources_element if sources_element is not None else ET.Element(f"{p}Sources")
        )
        text, selections = "", []
        for tension, excerpt in items:
            start = len(text)
            text += xml_text(excerpt.quote)
            selections.append((tension, excerpt, start, len(text)))
            text += "\n\n"
        attributes = {
            "guid": _guid(framework, "source", source_id, date),
            "name": xml_text(source_id),
            "creatingUser": user,
        }
        if date:
            attributes["creationDateTime"] = f"{date}T00:00:00Z"
        source = ET.SubElement(sources_element, f"{p}TextSource", attributes)
        cited = framework.source(source_id)
        if cited is not None and cited.citation:
            ET.SubElement(source, f"{p}Description").text = xml_text(cited.citation)
        ET.SubElement(source, f"{p}PlainTextContent").text = text
        for index, (tension, excerpt, start, end) in enumerate(selections):
            selection_guid = _guid(framework, "selection", source_id, date, index)
            selection = ET.SubElement(
                source,
                f"{p}PlainTextSelection",
                guid=selection_guid,
                name=xml_text(excerpt.id or f"{tension.id}-{index}"),
                startPosition=str(start),
                endPosition=str(end),
                creatingUser=user,
            )
            target = (
                _guid(framework, tension.id)
                if excerpt.supports is Side.BOTH
                else _guid(framework, tension.id, excerpt.supports.value)
            )
            coding = ET.SubElement(
                selection,
                f"{p}Coding",
                guid=_guid(framework, "coding", selection_guid),
                creatingUser=user,
            )
            ET.SubElement(coding, f"{p}CodeRef", targetGUID=target)
            if excerpt.note:
                note_guid = _guid(framework, "note", selection_guid)
                ET.SubElement(selection, f"{p}NoteRef", targetGUID=note_guid)
                notes.append((note_guid, xml_text(excerpt.note)))
            if excerpt.speaker:
                speakers.setdefault(xml_text(excerpt.speaker), []).append(selection_guid)
    return sources_element, speakers, notes


def project_xml(framework: Framework) -> bytes:
    """Return the ``project.qde`` XML of :func:`write_qdpx`."""
    p = f"{{{PROJECT_NS}}}"
    user = _guid(framework, "user")
    root = ET.Element(
        f"{p}Project",
        name=xml_text(framework.title),
        origin=f"referentiel {__version__}",
        creatingUserGUID=user,
    )
    users = ET.SubElement(root, f"{p}Users")
    ET.SubElement(users, f"{p}User", guid=user, name="referentiel")
    codebook = ET.SubElement(root, f"{p}CodeBook")
    _codes(codebook, framework, PROJECT_NS)
    sources_element, speakers, notes = _write_sources(framework, user)
    if speakers:
        cases = ET.SubElement(root, f"{p}Cases")
        for speaker, selection_guids in speakers.items():
            case = ET.SubElement(
                cases, f"{p}Case", guid=_guid(framework, "case", speaker), name=speaker
            )
            for guid in selection_guids:
                ET.SubElement(case, f"{p}SelectionRef", targetGUID=guid)
    if sources_element is not None:
        root.append(sources_element)
    if notes:
        notes_element = ET.SubElement(root, f"{p}Notes")
        for guid, text in notes:
            note = ET.SubElement(
                notes_element, f"{p}Note", guid=guid, name="note", creatingUser=user
            )
            ET.SubElement(note, f"{p}PlainTextContent").text = text
    if framework.links:
        links = ET.SubElement(root, f"{p}Links")
        for index, link in enumerate(framework.links):
            ET.SubElement(
                links,
                f"{p}Link",
                guid=_guid(framework, "link", index),
                name=link.relation.value,
                direction="OneWay",
                originGUID=_guid(framework, link.source),
                targetGUID=_guid(framework, link.target),
            )
    _sets(root, framework, PROJECT_NS)
    return _xml(root, PROJECT_NS)


def qdpx_bytes(framework: Framework) -> bytes:
    """Return *framework* as a REFI-QDA project archive (``.qdpx``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("project.qde", date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, project_xml(framework))
    return buffer.getvalue()


def write_qdpx(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework* to *path* as a REFI-QDA project (``.qdpx``), atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import zipfile, referentiel as ref
    >>> write_qdpx(ref.load("examples/customer-relations.yaml"), folder / "f.qdpx")
    >>> zipfile.ZipFile(folder / "f.qdpx").namelist()
    ['project.qde']
    """
    write_atomic(path, qdpx_bytes(framework))


def mapping_for(framework: Framework) -> dict[str, Any]:
    """Return the mapping that imports a project written by :func:`write_qdpx` back.

    Codes are named by their GUIDs, which :func:`write_qdpx` derives from the framework, so the
    mapping holds even where two codes share a name.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> mapping_for(fw)["codes"][_guid(fw, "c2", "real")]
    {'tension': 'c2', 'pole': 'real'}
    """
    codes: dict[str, Any] = {}
    for tension in framework.tensions:
        codes[_guid(framework, tension.id)] = {"tension": tension.id, "pole": "both"}
        for side in _pole_sides(tension):
            codes[_guid(framework, tension.id, side.value)] = {
                "tension": tension.id,
                "pole": side.value,
            }
    return {"codes": codes, "speaker": "case", "ids": "name"}
