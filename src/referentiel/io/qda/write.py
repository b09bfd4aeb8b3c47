"""Frameworks back to QDA software: a REFI-QDA codebook (``.qdc``) or project (``.qdpx``).

:func:`write_qdc` writes a codebook (a code per tension, a child code per pole, coloured by
origin); :func:`write_qdpx` a project holding that codebook, the excerpts as text sources with
their codings, speakers as cases, origins as sets and the links between tensions as links.
:func:`mapping_for` gives the mapping that imports such a project back.

What a project cannot give back: an excerpt's locator becomes its offsets in the exported text,
translations and provenance of excerpts are not written, excerpts come back in the order of the
project's sources, and text is written as XML 1.0 can hold it (control characters dropped).
"""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from typing import Final
from xml.etree import ElementTree as ET

from referentiel._output import write_output
from referentiel._version import __version__
from referentiel.io._xml import xml_text
from referentiel.io.qda.map import CodeTarget, QdaMapping
from referentiel.model import Contradiction, Evidence, Framework, Side, Tension
from referentiel.vocabulary import THEMES

__all__ = ["mapping_for", "project_xml", "qdc_bytes", "qdpx_bytes", "write_qdc", "write_qdpx"]

PROJECT_NS: Final = "urn:QDA-XML:project:1.0"
CODEBOOK_NS: Final = "urn:QDA-XML:codebook:1.0"


def _guid(framework: Framework, *parts: object) -> str:
    """Return a GUID stable per element, so that exporting twice gives the same file."""
    name = "/".join(str(p) for p in (framework.id, *parts))
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"referentiel:{name}")).upper()


def _origin(tension: Tension) -> str | None:
    return tension.origin.value if isinstance(tension, Contradiction) and tension.origin else None


def _colour(tension: Tension) -> str:
    """Return the code's colour: its origin's in the figures, or the dilemmas'."""
    return THEMES["colour"][_origin(tension) or "dilemma"].upper()


def _tension_code_name(tension: Tension) -> str:
    return f"{tension.number}. {tension.id}"


def _codes(parent: ET.Element, framework: Framework, ns: str) -> None:
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    for tension in framework.tensions:
        code = ET.SubElement(
            codes,
            f"{{{ns}}}Code",
            guid=_guid(framework, tension.id),
            name=xml_text(_tension_code_name(tension)),
            isCodable="true",
            color=_colour(tension),
        )
        ET.SubElement(code, f"{{{ns}}}Description").text = xml_text(
            f"{tension.kind.value} {tension.number}: "
            + " / ".join(p.label for p in tension.poles)
            + f" ({tension.provenance.status.value})"
        )
        for side, pole in zip(tension.SIDES, tension.poles, strict=True):
            child = ET.SubElement(
                code,
                f"{{{ns}}}Code",
                guid=_guid(framework, tension.id, side.value),
                name=xml_text(pole.label),
                isCodable="true",
                color=_colour(tension),
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
    write_output(path, qdc_bytes(framework))


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
    write_output(path, qdpx_bytes(framework))


def mapping_for(framework: Framework) -> QdaMapping:
    """Return the mapping that imports a project written by :func:`write_qdpx` back.

    Codes are named by their GUIDs, which :func:`write_qdpx` derives from the framework, so the
    mapping holds even where two codes share a name.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> mapping_for(fw).codes[_guid(fw, "c2", "real")]
    CodeTarget(tension='c2', pole=<Side.REAL: 'real'>)
    """
    codes: dict[str, CodeTarget] = {}
    for tension in framework.tensions:
        codes[_guid(framework, tension.id)] = CodeTarget(tension=tension.id)
        for side in tension.SIDES:
            codes[_guid(framework, tension.id, side.value)] = CodeTarget(
                tension=tension.id, pole=side
            )
    return QdaMapping(codes=codes, speaker="case", ids="name")
