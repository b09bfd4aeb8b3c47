"""Reading REFI-QDA projects (``.qdpx``) into plain, typed values, safely.

The archive is read in memory with size limits (no zip bomb), its members are never written
to disk (no path traversal), and the XML is refused if it declares a DTD, so that no entity can
be expanded or fetched, before the C parser reads it (:mod:`referentiel.io.qda._xml`). Offsets
are Unicode code points by the standard; exporters differ, so the text's line endings can be
normalised before slicing and UTF-16 offsets can be read too.
"""

from __future__ import annotations

import bisect
import codecs
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Final
from xml.etree.ElementTree import Element

import attrs

from referentiel._gc import paused_gc
from referentiel.errors import FileFormatError
from referentiel.io import codes
from referentiel.io._input import read_input
from referentiel.io.qda._xml import UnsafeXmlError, parse_xml
from referentiel.io.qda.options import LineEndings, Units
from referentiel.issues import Code

__all__ = [
    "LIMITS",
    "QdaCase",
    "QdaCode",
    "QdaProject",
    "QdaSelection",
    "QdaSource",
    "QdaUser",
    "parse_qdpx",
    "read_qdpx",
]

NS: Final = "urn:QDA-XML:project:1.0"
Q: Final = "{" + NS + "}"
_SELECTION: Final = f"{Q}PlainTextSelection"
_CODING: Final = f"{Q}Coding"
_CODE_REF: Final = f"{Q}CodeRef"
_NOTE_REF: Final = f"{Q}NoteRef"


@attrs.frozen
class Limits:
    """Sizes past which an archive is refused."""

    archive: int = 200 * 2**20
    member: int = 100 * 2**20
    total: int = 400 * 2**20
    members: int = 10_000


LIMITS: Final = Limits()


@attrs.frozen(kw_only=True)
class QdaUser:
    """A user (coder) of the project."""

    guid: str
    name: str | None = None


@attrs.frozen(kw_only=True)
class QdaCode:
    """A code of the codebook; ``path`` holds its ancestors' names and its own."""

    guid: str
    name: str
    path: tuple[str, ...]
    color: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class QdaSelection:
    """A coded stretch of a text source: offsets, the codes applied, notes."""

    guid: str
    name: str | None
    start: int
    end: int
    codes: tuple[str, ...]
    user: str | None = None
    notes: tuple[str, ...] = ()
    #: The selected text as the project itself stores it (QualCoder's ``seltext``, or a
    #: REFI-QDA ``name`` where the exporter is known to put the text there): every quote is
    #: checked against it. None when the project stores no such text.
    text: str | None = None
    #: When the selection (coding) was made, as the project writes it.
    created: str | None = None


@attrs.frozen(kw_only=True)
class QdaSource:
    """A text source, its text as the offsets count it, and its selections."""

    guid: str
    name: str
    text: str
    created: str | None = None
    user: str | None = None
    selections: tuple[QdaSelection, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True)
class QdaCase:
    """A case (a participant, often): the sources and selections it covers."""

    guid: str
    name: str | None
    sources: tuple[str, ...] = ()
    selections: tuple[str, ...] = ()
    #: Stretches of sources the case covers: (source guid, start, end), in the source's
    #: offsets (QualCoder's ``case_text``).
    segments: tuple[tuple[str, int, int], ...] = ()


@attrs.frozen(kw_only=True)
class QdaProject:
    """What referentiel reads of a REFI-QDA project."""

    name: str
    #: The software that wrote the project, as it names itself (REFI-QDA ``Project@origin``).
    origin: str | None = None
    users: tuple[QdaUser, ...] = ()
    codes: tuple[QdaCode, ...] = ()
    sources: tuple[QdaSource, ...] = ()
    cases: tuple[QdaCase, ...] = ()

    def quote(self, source: QdaSource, selection: QdaSelection) -> str | None:
        """Return the selected text, or None if the offsets fall outside the source."""
        if 0 <= selection.start <= selection.end <= len(source.text):
            return source.text[selection.start : selection.end]
        return None


def _error(name: str, message: str, code: Code = codes.QDPX) -> FileFormatError:
    return FileFormatError([code.issue(message, file=name)])


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], name: str, limits: Limits
) -> bytes:
    if info.file_size > limits.member:
        raise _error(
            name,
            f"archive member {info.filename!r} is too large "
            f"({info.file_size} bytes, at most {limits.member})",
            codes.QDPX_SIZE,
        )
    try:
        with archive.open(info) as member:
            data = member.read(limits.member + 1)  # never trust the declared size alone
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as exc:
        # a bad CRC, corrupt deflate data, an unknown compression method, an encrypted member
        raise _error(name, f"archive member {info.filename!r} is damaged: {exc}") from None
    if len(data) > limits.member:
        raise _error(
            name, f"archive member {info.filename!r} is larger than it declares", codes.QDPX_SIZE
        )
    budget[0] += len(data)
    if budget[0] > limits.total:
        raise _error(
            name, f"the archive unpacks to more than {limits.total} bytes", codes.QDPX_SIZE
        )
    return data


_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _source_text(raw: bytes, path: str, name: str) -> str:
    """Decode a source text as the standard says (UTF-8), or UTF-16 that says so by its BOM.

    Anything else is refused: a wrong guess would quote the interviews wrongly.
    """
    encoding = "utf-16" if raw.startswith(_UTF16_BOMS) else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _error(
            name,
            f"source text {path!r} is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}): nothing was quoted; save it as UTF-8 or export the project again",
        ) from None


def _text_of(element: Element | None) -> str | None:
    return None if element is None else (element.text or "")


def _codes(parent: Element, ancestors: tuple[str, ...]) -> Iterator[QdaCode]:
    """Walk the code tree depth first, in document order, without recursion (trees can be deep)."""
    stack = [(iter(parent.findall(f"{Q}Code")), ancestors)]
    while stack:
        children, path_so_far = stack[-1]
        code = next(children, None)
        if code is None:
            stack.pop()
            continue
        name = code.get("name", "")
        path = (*path_so_far, name)
        yield QdaCode(
            guid=code.get("guid", ""),
            name=name,
            path=path,
            color=code.get("color"),
            description=_text_of(code.find(f"{Q}Description")),
        )
        stack.append((iter(code.findall(f"{Q}Code")), path))


def _line_endings(raw: str, line_endings: LineEndings) -> str:
    if line_endings == "normalise":
        return raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def _utf16_offsets(text: str) -> Callable[[int], int]:
    """Return a function turning UTF-16 offsets into *text* into code-point offsets.

    Characters past U+FFFF take two UTF-16 units: an offset moves back by the number of them
    that end before it (one ending past it, cut in the middle, counts as after the cut). In
    linear time once, then logarithmic per offset (past the end stays past the end).
    """
    ends = []  # the UTF-16 offset just past each character beyond U+FFFF, in order
    units = 0
    for index, char in enumerate(text):
        if char > "\uffff":
            units += 1
            ends.append(index + units + 1)
    if not ends:
        return lambda offset: offset
    return lambda offset: offset - bisect.bisect_right(ends, offset) if offset > 0 else offset


def _parse_source(
    source: Element,
    *,
    member_text: Callable[[str], str],
    notes: dict[str | None, str],
    variable_names: dict[str | None, str],
    line_endings: LineEndings,
    units: Units,
    name: str,
) -> QdaSource:
    content = source.find(f"{Q}PlainTextContent")
    if content is not None:
        raw = content.text or ""
    elif source.get("plainTextPath"):
        raw = member_text(source.get("plainTextPath", ""))
    else:
        raw = ""
    text = _line_endings(raw, line_endings)
    to_codepoints = _utf16_offsets(text) if units == "utf16" else None
    selections = []
    for selection in source:
        if selection.tag != _SELECTION:
            continue
        try:
            start = int(selection.get("startPosition", ""))
            end = int(selection.get("endPosition", ""))
        except ValueError:
            raise _error(
                name, f"selection {selection.get('guid')!r} has no valid offsets"
            ) from None
        if to_codepoints is not None:
            start, end = to_codepoints(start), to_codepoints(end)
        # its children walked once, in document order (as iterfind's paths, a third the time)
        codings: list[str] = []
        selection_notes: list[str] = []
        for child in selection:
            if child.tag == _CODING:
                codings += [r.get("targetGUID", "") for r in child if r.tag == _CODE_REF]
            elif child.tag == _NOTE_REF:
                selection_notes.append(notes.get(child.get("targetGUID"), ""))
        selections.append(
            QdaSelection(
                guid=selection.get("guid", ""),
                name=selection.get("name"),
                start=start,
                end=end,
                codes=tuple(codings),
                user=selection.get("creatingUser"),
                notes=tuple(selection_notes),
            )
        )
    variables = []
    for value in source.iterfind(f"{Q}VariableValue"):
        ref_element = value.find(f"{Q}VariableRef")
        target = ref_element.get("targetGUID") if ref_element is not None else None
        literal = next((c.text or "" for c in value if c.tag != f"{Q}VariableRef"), "")
        variables.append((variable_names.get(target, ""), literal))
    return QdaSource(
        guid=source.get("guid", ""),
        name=source.get("name", ""),
        text=text,
        created=source.get("creationDateTime"),
        user=source.get("creatingUser"),
        selections=tuple(selections),
        variables=tuple(variables),
    )


@paused_gc()  # many small acyclic objects: the collector's passes find nothing
def parse_qdpx(
    data: bytes,
    name: str = "project.qdpx",
    *,
    line_endings: LineEndings = "normalise",
    units: Units = "codepoints",
    limits: Limits = LIMITS,
) -> QdaProject:
    """Read a ``.qdpx`` archive's bytes; raise :exc:`FileFormatError` if it is not one."""
    if len(data) > limits.archive:
        raise _error(name, f"the archive is larger than {limits.archive} bytes", codes.QDPX_SIZE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _error(name, f"not a REFI-QDA archive (a ZIP file): {exc}") from None
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise _error(name, f"the archive holds more than {limits.members} members", codes.QDPX_SIZE)
    by_name = {info.filename: info for info in infos}
    if "project.qde" not in by_name:
        raise _error(name, "the archive has no project.qde")
    budget = [0]
    try:
        xml = _read_member(archive, by_name["project.qde"], budget, name, limits)
        root = parse_xml(xml)
    except UnsafeXmlError as exc:
        raise _error(
            name, f"project.qde is not safe, well-formed XML: {exc}", codes.QDPX_XML
        ) from None
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        raise _error(name, f"the archive is damaged: {exc}") from None
    if root.tag != f"{Q}Project":
        raise _error(name, f"project.qde's root is {root.tag!r}, not a REFI-QDA Project")

    def member_text(path: str) -> str:
        internal = path.removeprefix("internal://")
        for candidate in (f"sources/{internal}", internal):
            if candidate in by_name:
                raw = _read_member(archive, by_name[candidate], budget, name, limits)
                return _source_text(raw, path, name)
        raise _error(name, f"the archive has no source text {path!r}")

    users = tuple(
        QdaUser(guid=u.get("guid", ""), name=u.get("name"))
        for u in root.iterfind(f"{Q}Users/{Q}User")
    )
    codebook = root.find(f"{Q}CodeBook/{Q}Codes")
    code_tree = tuple(_codes(codebook, ())) if codebook is not None else ()
    variable_names = {
        v.get("guid"): v.get("name", "") for v in root.iterfind(f"{Q}Variables/{Q}Variable")
    }
    notes = {
        n.get("guid"): _text_of(n.find(f"{Q}PlainTextContent")) or ""
        for n in root.iterfind(f"{Q}Notes/{Q}Note")
    }
    sources = tuple(
        _parse_source(
            source,
            member_text=member_text,
            notes=notes,
            variable_names=variable_names,
            line_endings=line_endings,
            units=units,
            name=name,
        )
        for source in root.iterfind(f"{Q}Sources/{Q}TextSource")
    )
    cases = tuple(
        QdaCase(
            guid=case.get("guid", ""),
            name=case.get("name"),
            sources=tuple(r.get("targetGUID", "") for r in case.iterfind(f"{Q}SourceRef")),
            selections=tuple(r.get("targetGUID", "") for r in case.iterfind(f"{Q}SelectionRef")),
        )
        for case in root.iterfind(f"{Q}Cases/{Q}Case")
    )
    return QdaProject(
        name=root.get("name", ""), users=users, codes=code_tree, sources=tuple(sources), cases=cases
    )


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
    >>> ref.write_qdpx(ref.load("examples/customer-relations.yaml"), folder / "f.qdpx")
    >>> [c.name for c in read_qdpx(folder / "f.qdpx").codes][:3]
    ['1. c1', 'Répondre dans des délais contraints', 'Conduire une vraie relation']
    """
    data = read_input(path, limit=LIMITS.archive, code=codes.QDPX_SIZE)
    return parse_qdpx(data, str(path), line_endings=line_endings, units=units)
