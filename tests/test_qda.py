"""REFI-QDA, the referentiel.io.qda package: reading projects, the mapping, writing them back."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrefiqda import RefiProject
from pyrefiqda import models as m
from xsdata.models.datatype import XmlDateTime

import referentiel as ref
from referentiel.io._xml import xml_text
from referentiel.io.qda._xml import UnsafeXmlError, parse_xml
from referentiel.io.qda.map import _Speakers, loads_mapping
from referentiel.io.qda.read import (
    Limits,
    QdaCase,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    parse_qdpx,
)
from referentiel.io.qda.write import project_xml, qdc_bytes, qdpx_bytes
from referentiel.strategies import valid_frameworks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMAS = Path(__file__).resolve().parent / "data" / "refi-qda"
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")

G = {
    name: f"{i:08X}-0000-4000-8000-000000000000"
    for i, name in enumerate(
        [
            "user",
            "root",
            "delais",
            "relation",
            "proc",
            "src1",
            "src2",
            "src3",
            "sel1",
            "sel2",
            "sel3",
            "sel4",
            "case1",
            "case2",
            "c1",
            "c2",
            "c3",
            "c4",
            "var",
        ]
    )
}

# Accents, an emoji and a character outside the BMP, and CRLF line endings.
TEXT_1 = "Bonjour,\r\nil faut répondre vite 😀 mais 𝄞 aider le client.\r\nFin."
TEXT_2 = "Il faut tout le temps rattraper les minutes."


def _selection(guid: str, start: int, end: int, code: str, name: str | None = None) -> Any:
    return m.PlainTextSelectionType(
        guid=guid,
        name=name,
        start_position=start,
        end_position=end,
        creating_user=G["user"],
        coding=[
            m.CodingType(
                guid=str(uuid.uuid5(uuid.NAMESPACE_OID, guid)),
                code_ref=m.CodeRefType(target_guid=code),
            )
        ],
    )


def pyrefiqda_project(tmp_path: Path) -> Path:
    """A project built with pyrefiqda: nested codes, inline and file sources, cases."""
    start = TEXT_1.replace("\r\n", "\n").index("répondre")
    middle = TEXT_1.replace("\r\n", "\n").index("aider")
    project = m.Project(
        name="Atelier IS",
        users=m.UsersType(user=[m.UserType(guid=G["user"], name="Chercheuse")]),
        code_book=m.ProjectCodeBookType(
            codes=m.ProjectCodesType(
                code=[
                    m.ProjectCodeType(
                        guid=G["root"],
                        name="Relation",
                        is_codable=False,
                        code=[
                            m.ProjectCodeType(guid=G["delais"], name="Délais", is_codable=True),
                            m.ProjectCodeType(
                                guid=G["relation"], name="Vraie relation", is_codable=True
                            ),
                        ],
                    ),
                    m.ProjectCodeType(guid=G["proc"], name="Procédures", is_codable=True),
                ]
            )
        ),
        sources=m.SourcesType(
            text_source=[
                m.TextSourceType(
                    guid=G["src1"],
                    name="IS de C.",
                    plain_text_content=TEXT_1,
                    creation_date_time=XmlDateTime.from_string("2021-11-30T10:00:00Z"),
                    plain_text_selection=[
                        _selection(G["sel1"], start, start + len("répondre vite 😀"), G["delais"]),
                        _selection(
                            G["sel2"], middle, middle + len("aider le client"), G["relation"]
                        ),
                    ],
                ),
                m.TextSourceType(
                    guid=G["src2"],
                    name="IS de B.",
                    plain_text_path=f"internal://{G['src2']}.txt",
                    creation_date_time=XmlDateTime.from_string("2021-11-30T14:00:00Z"),
                    plain_text_selection=[
                        _selection(G["sel3"], 0, len(TEXT_2), G["proc"], name="b-minutes"),
                    ],
                ),
            ]
        ),
        cases=m.CasesType(
            case=[
                m.CaseType(
                    guid=G["case1"], name="C.", source_ref=[m.SourceRefType(target_guid=G["src1"])]
                ),
                m.CaseType(
                    guid=G["case2"],
                    name="B.",
                    selection_ref=[m.SelectionRefType(target_guid=G["sel3"])],
                ),
            ]
        ),
    )
    media = tmp_path / "media"
    media.mkdir()
    (media / f"{G['src2']}.txt").write_text(TEXT_2, encoding="utf-8")
    path = tmp_path / "atelier.qdpx"
    RefiProject.save(project, path, source_media_dir=media)
    return path


MAPPING = {
    "framework": {"id": "atelier", "title": "Atelier"},
    "tensions": {
        "c1": {"number": 1, "origin": "organisation"},
        "c2": {"number": 2, "origin": "organisation"},
    },
    "codes": {
        "Relation/Délais": {"tension": "c1", "pole": "prescribed"},
        "Vraie relation": {"tension": "c1", "pole": "real"},
        G["proc"]: "c2",
    },
    "method": "instruction-au-sosie",
}


def test_import_a_project_written_by_pyrefiqda(tmp_path: Path) -> None:
    project = ref.read_qdpx(pyrefiqda_project(tmp_path))
    assert [c.path for c in project.codes] == [
        ("Relation",),
        ("Relation", "Délais"),
        ("Relation", "Vraie relation"),
        ("Procédures",),
    ]
    fw = ref.import_qdpx(project, MAPPING)
    c1, c2 = fw["c1"], fw["c2"]
    assert isinstance(c1, ref.Contradiction)
    assert (c1.prescribed.label, c1.real.label) == ("Délais", "Vraie relation")
    assert [
        (
            e.quote,
            e.supports.value,
            e.speaker,
            e.source,
            e.date.isoformat() if e.date else "",
            e.locator,
        )
        for e in c1.evidence
    ] == [
        (
            "répondre vite 😀",
            "prescribed",
            "C.",
            "is-de-c",
            "2021-11-30",
            ref.Locator(start=17, end=32),
        ),
        ("aider le client", "real", "C.", "is-de-c", "2021-11-30", ref.Locator(start=40, end=55)),
    ]
    assert [(e.id, e.quote, e.speaker, e.supports) for e in c2.evidence] == [
        (f"qda-{G['sel3'].lower()}", TEXT_2, "B.", ref.Side.BOTH)
    ]
    assert [(s.id, s.method, s.citation) for s in fw.sources] == [
        ("is-de-c", ref.Method.INSTRUCTION_AU_SOSIE, "IS de C."),
        ("is-de-b", ref.Method.INSTRUCTION_AU_SOSIE, "IS de B."),
    ]
    assert ref.validate(fw).errors == ()


def test_offsets_can_count_crlf_as_two_or_utf16_units(tmp_path: Path) -> None:
    path = pyrefiqda_project(tmp_path)
    kept = ref.read_qdpx(path, line_endings="keep")
    source = kept.sources[0]
    # offsets counted on the LF text, applied to the CRLF text: one character early
    assert kept.quote(source, source.selections[0]) == " répondre vite "
    utf16 = ref.read_qdpx(path, units="utf16")
    selection = utf16.sources[0].selections[1]
    # code-point offsets read as UTF-16 units: the two characters outside the BMP before
    # "aider" count two units each, so the slice moves by one and ends two characters early
    assert (selection.start, selection.end) == (39, 53)
    assert utf16.quote(utf16.sources[0], selection) == " aider le clie"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PROJECT_HEAD = '<Project xmlns="urn:QDA-XML:project:1.0" name="p">'


def _issues(data: bytes, **limits: int) -> list[str]:
    with pytest.raises(ref.FileFormatError) as info:
        parse_qdpx(data, "p.qdpx", limits=Limits(**limits))
    return [str(issue) for issue in info.value.issues]


def test_hostile_or_broken_archives_are_refused() -> None:
    assert _issues(b"not a zip") == [
        "p.qdpx: error qdpx: not a REFI-QDA archive (a ZIP file): File is not a zip file (at $)"
    ]
    assert _issues(_zip({"x.txt": b""})) == [
        "p.qdpx: error qdpx: the archive has no project.qde (at $)"
    ]
    bomb = _zip({"project.qde": b"<Project/>" + b" " * 5_000_000})
    assert len(bomb) < 50_000
    assert _issues(bomb, member=1_000_000) == [
        "p.qdpx: error qdpx-size: archive member 'project.qde' is too large (5000010 bytes, "
        "at most 1000000) (at $)"
    ]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>'
    )
    unsafe = "p.qdpx: error qdpx-xml: project.qde is not safe, well-formed XML: "
    assert _issues(_zip({"project.qde": laughs})) == [
        f"{unsafe}a document type declaration (<!DOCTYPE p ...>) is not allowed: line 1 (at $)"
    ]
    external = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Project name="&x;"/>'
    )
    assert _issues(_zip({"project.qde": external})) == [
        f"{unsafe}a document type declaration (<!DOCTYPE p ...>) is not allowed: line 1 (at $)"
    ]
    assert _issues(_zip({"project.qde": b"<Other/>"})) == [
        "p.qdpx: error qdpx: project.qde's root is 'Other', not a REFI-QDA Project (at $)"
    ]


def test_a_dtd_anywhere_in_the_prolog_is_refused_and_entities_never_expanded() -> None:
    unsafe = "p.qdpx: error qdpx-xml: project.qde is not safe, well-formed XML: "
    external_dtd = (
        b'<?xml version="1.0"?>\n<!-- a comment -->\n<?pi data?>\n'
        b'<!DOCTYPE Project SYSTEM "http://example.org/x.dtd">\n<Project/>'
    )
    assert _issues(_zip({"project.qde": external_dtd})) == [
        f"{unsafe}a document type declaration (<!DOCTYPE Project ...>) is not allowed: "
        "line 4 (at $)"
    ]
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p><Project/>'.encode("utf-16")
    assert _issues(_zip({"project.qde": utf16})) == [
        f"{unsafe}a document type declaration (<!DOCTYPE p ...>) is not allowed: line 1 (at $)"
    ]
    # without a DTD an entity cannot be declared: a reference to one is an error, not text
    assert _issues(_zip({"project.qde": b'<Project name="&x;"/>'})) == [
        f"{unsafe}undefined entity: line 1, column 0 (at $)"
    ]
    assert _issues(_zip({"project.qde": b"<Project><a></Project>"})) == [
        f"{unsafe}mismatched tag: line 1, column 14 (at $)"
    ]
    assert _issues(_zip({"project.qde": b""})) == [
        f"{unsafe}no element found: line 1, column 0 (at $)"
    ]


@given(
    st.sampled_from([b"", b'<?xml version="1.0"?>', b"<!DOCTYPE Project>"]),
    st.binary(max_size=200) | st.text(max_size=200).map(str.encode),
)
def test_any_bytes_are_parsed_or_refused_and_a_dtd_always_refused(head: bytes, body: bytes) -> None:
    try:
        root = parse_xml(head + body)
    except UnsafeXmlError as exc:
        assert str(exc)
    else:
        assert isinstance(root.tag, str)
        assert not head.startswith(b"<!DOCTYPE")


def test_member_names_are_never_used_as_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    qde = (
        f'{PROJECT_HEAD}<Sources><TextSource guid="{G["src1"]}" name="s" '
        'plainTextPath="internal://../../escape.txt"/></Sources></Project>'
    ).encode()
    data = _zip({"project.qde": qde, "../../escape.txt": b"outside"})
    project = parse_qdpx(data, "p.qdpx")
    assert project.sources[0].text == "outside"  # read from the archive, in memory
    assert sorted(p.name for p in tmp_path.rglob("*")) == []
    missing = _zip({"project.qde": qde})
    assert _issues(missing) == [
        "p.qdpx: error qdpx: the archive has no source text 'internal://../../escape.txt' (at $)"
    ]


def test_selection_outside_its_source_is_reported_not_quoted() -> None:
    qde = (
        f'{PROJECT_HEAD}<CodeBook><Codes><Code guid="{G["proc"]}" name="P" isCodable="true"/>'
        f'</Codes></CodeBook><Sources><TextSource guid="{G["src1"]}" name="court">'
        f'<PlainTextContent>abc</PlainTextContent><PlainTextSelection guid="{G["sel1"]}" '
        f'startPosition="1" endPosition="9"><Coding guid="{G["c1"]}"><CodeRef '
        f'targetGUID="{G["proc"]}"/></Coding></PlainTextSelection></TextSource></Sources>'
        "</Project>"
    ).encode()
    project = parse_qdpx(_zip({"project.qde": qde}), "p.qdpx")
    with pytest.raises(ref.FileFormatError) as info:
        ref.import_qdpx(project, {"codes": {"P": "c2"}}, into=CUSTOMER, file="p.qdpx")
    assert [str(i) for i in info.value.issues] == [
        f"p.qdpx: error qdpx-offsets: selection '{G['sel1']}' of source 'court' runs from 1 to "
        "9, outside the source's 3 characters: not quoted (at $)"
    ]


def test_mapping_problems_are_all_reported(tmp_path: Path) -> None:
    project = ref.read_qdpx(pyrefiqda_project(tmp_path))
    with pytest.raises(ref.FileFormatError) as info:
        ref.import_qdpx(
            project,
            {
                "codes": {
                    "Nope": "c1",
                    "Délais": {"tension": "c9"},
                    "Procédures": {"tension": "c2", "pole": "left"},
                }
            },
            into=CUSTOMER,
            file="p.qdpx",
        )
    # a mapping of the wrong shape is refused as a whole, every problem at its path
    assert [str(i) for i in info.value.issues] == [
        "error unknown-value: unknown pole: 'left' (expected one of 'prescribed', 'real', "
        "'first', 'second', 'both') (at $.codes.Procédures.pole)"
    ]
    with pytest.raises(ref.FileFormatError) as info:
        ref.import_qdpx(
            project,
            {"codes": {"Nope": "c1", "Délais": {"tension": "c9"}}},
            into=CUSTOMER,
            file="p.qdpx",
        )
    assert [str(i) for i in info.value.issues] == [
        "p.qdpx: error qdpx-mapping: code 'Nope' is not in the project (codes: 'Relation', "
        "'Relation/Délais', 'Relation/Vraie relation', 'Procédures') (at $.codes.Nope)",
        "p.qdpx: error qdpx-mapping: unknown tension 'c9' in the mapping (the framework has "
        "['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) (at $.codes.Délais.tension)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "codez:\n  Procédures: c2\n",
            "map.yaml:1:1: error unknown-key: unknown key 'codez' in a qda mapping "
            "(did you mean 'codes'?) (at $.codez)",
        ),
        (
            "codes: {}\nmethod: interview\n",
            "map.yaml:2:9: error unknown-value: unknown method: 'interview' (expected one of "
            "'instruction-au-sosie', 'autoconfrontation-simple', 'autoconfrontation-croisee', "
            "'debriefing', 'meeting', 'documentation', 'observation', 'publication', 'other') "
            "(at $.method)",
        ),
        (
            "codes: {}\nspeaker: 3\n",
            "map.yaml:2:10: error wrong-type: expected a string, got integer 3 (at $.speaker)",
        ),
        (
            "codes: {}\nspeaker: everyone\n",
            "map.yaml:1:1: error invalid-value: invalid value: unknown speaker rule: 'everyone' "
            "(expected one of 'case', 'user', 'none', 'variable:NAME') (at $)",
        ),
        (
            "codes:\n  Procédures: {tension: c2, pol: real}\n",
            "map.yaml:2:29: error unknown-key: unknown key 'pol' in a code target "
            "(did you mean 'pole'?) (at $.codes.Procédures.pol)",
        ),
        (
            "codes:\n  Procédures: [c2]\n",
            "map.yaml:2:3: error wrong-type: expected a code target (a mapping), got a list "
            "(at $.codes.Procédures)",
        ),
    ],
    ids=["typo", "method", "speaker-type", "speaker-rule", "target-key", "target-type"],
)
def test_mapping_files_are_read_strictly_with_located_errors(text: str, expected: str) -> None:
    with pytest.raises(ref.FileFormatError) as info:
        loads_mapping(text, filename="map.yaml")
    assert [str(i) for i in info.value.issues] == [expected]


@pytest.mark.parametrize("framework", [CUSTOMER, KINE], ids=["customer", "kine"])
def test_round_trip_framework_qdpx_framework(framework: ref.Framework) -> None:
    project = parse_qdpx(qdpx_bytes(framework), "x.qdpx")
    bare = attrs.evolve(
        framework, tensions=tuple(attrs.evolve(t, evidence=()) for t in framework.tensions)
    )
    back = ref.import_qdpx(project, ref.mapping_for(framework), into=bare)

    def kept(fw: ref.Framework) -> list[tuple[object, ...]]:
        return [
            (t.id, e.id, e.quote, e.source, e.speaker, e.date, e.supports, e.note)
            for t in fw.tensions
            for e in t.evidence
        ]

    assert kept(back) == kept(framework)
    assert attrs.evolve(back, tensions=bare.tensions) == bare  # structure and sources unchanged


@pytest.mark.parametrize("framework", [CUSTOMER, KINE], ids=["customer", "kine"])
def test_written_files_validate_against_the_official_schemas(framework: ref.Framework) -> None:
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(project_xml(framework).decode())
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(qdc_bytes(framework).decode())


def test_export_is_read_by_pyrefiqda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    links = (
        ref.Link(source="c6", target="c2", relation=ref.LinkKind.DERIVES_FROM),
        ref.Link(source="c5", target="c1", relation=ref.LinkKind.REINFORCES),
    )
    ref.write_qdpx(attrs.evolve(CUSTOMER, links=links), tmp_path / "c.qdpx")
    project = RefiProject.load(tmp_path / "c.qdpx", extract_dir=str(tmp_path / "x"))
    codes = project.code_book.codes.code
    assert [c.name for c in codes][:2] == ["1. c1", "2. c2"]
    assert [c.name for c in codes[1].code] == [
        "Travail encadré par de multiples procédures",
        "Insécurité constante",
    ]
    assert codes[0].color == "#2C3E50"
    assert sorted(c.name for c in project.cases.case) == ["B.", "C.", "S."]
    written = project.links.link
    assert [(k.name, k.direction.value if k.direction else None) for k in written] == [
        ("derives-from", "OneWay"),
        ("reinforces", "OneWay"),
    ]
    assert sorted(s.name for s in project.sets.set) == ["organisation", "situation"]


def test_export_is_byte_stable(tmp_path: Path) -> None:
    assert qdpx_bytes(CUSTOMER) == qdpx_bytes(CUSTOMER)
    ref.write_qdc(KINE, tmp_path / "k.qdc")
    assert (tmp_path / "k.qdc").read_bytes() == qdc_bytes(KINE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_frameworks())
def test_round_trip_property(framework: ref.Framework) -> None:
    project = parse_qdpx(qdpx_bytes(framework), "x.qdpx")
    bare = attrs.evolve(
        framework, tensions=tuple(attrs.evolve(t, evidence=()) for t in framework.tensions)
    )
    back = ref.import_qdpx(project, ref.mapping_for(framework), into=bare)
    # what a project holds of an excerpt (its text as XML 1.0 can hold it); excerpts come
    # back in the order of the project's sources, so each tension's are compared as a multiset
    assert [
        sorted((e.quote, e.speaker or "", e.supports.value) for e in t.evidence)
        for t in back.tensions
    ] == [
        sorted((xml_text(e.quote), xml_text(e.speaker or ""), e.supports.value) for e in t.evidence)
        for t in framework.tensions
    ]


def test_cli_import_qdpx(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = pyrefiqda_project(tmp_path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "framework: {id: atelier, title: Atelier}\n"
        "tensions:\n  c1: {origin: organisation}\n  c2: {origin: situation}\n"
        "codes:\n  Relation/Délais: {tension: c1, pole: prescribed}\n"
        "  Vraie relation: {tension: c1, pole: real}\n  Procédures: c2\n",
        encoding="utf-8",
    )
    script = str(Path(sys.executable).parent / "referentiel")

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script, *map(str, args)], capture_output=True, text=True, check=False, cwd=tmp_path
        )

    done = run("import-qdpx", project, "--map", mapping, "-o", "out.yaml")
    assert (done.returncode, done.stderr) == (0, "wrote out.yaml (3 excerpt(s))\n")
    fw = ref.load(tmp_path / "out.yaml")
    assert [e.quote for t in fw.tensions for e in t.evidence] == [
        "répondre vite 😀",
        "aider le client",
        TEXT_2,
    ]
    into = run(
        "import-qdpx",
        project,
        "--map",
        mapping,
        "--into",
        EXAMPLES / "customer-relations.yaml",
        "-o",
        "merged.yaml",
    )
    assert into.returncode == 0
    merged = ref.load(tmp_path / "merged.yaml")
    assert len(merged["c1"].evidence) == 0 + 2
    (tmp_path / "bad.yaml").write_text("codes: [\n", encoding="utf-8")
    bad = run("import-qdpx", project, "--map", "bad.yaml", "-o", "x.yaml")
    assert bad.returncode == 2
    assert bad.stderr == (
        "bad.yaml:2:1: error yaml-syntax: expected the node content, but found '<stream end>' "
        "(while parsing a flow node) (at $)\n"
    )
    (tmp_path / "nope.yaml").write_text("codes: {Nope: c1}\n", encoding="utf-8")
    nope = run(
        "import-qdpx",
        project,
        "--map",
        "nope.yaml",
        "--into",
        EXAMPLES / "customer-relations.yaml",
        "-o",
        "x.yaml",
    )
    assert nope.returncode == 2
    assert nope.stderr == (
        f"{project}: error qdpx-mapping: code 'Nope' is not in the project "
        "(codes: 'Relation', 'Relation/Délais', 'Relation/Vraie relation', "
        "'Procédures') (at $.codes.Nope)\n"
    )
    twice = tmp_path / "twice.yaml"  # two tensions numbered 1: invalid
    twice.write_text(
        mapping.read_text(encoding="utf-8").replace(
            "  c2: {origin: situation}\n", "  c2: {origin: situation, number: 1}\n"
        ),
        encoding="utf-8",
    )
    invalid = run("import-qdpx", project, "--map", twice, "-o", "x.yaml")
    assert invalid.returncode == 1
    assert invalid.stderr.endswith("the imported framework is invalid: nothing was written\n")
    assert not (tmp_path / "x.yaml").exists()


def test_import_into_a_commented_file_in_place_keeps_its_comments(tmp_path: Path) -> None:
    """The README's workflow: --into X.yaml -o X.yaml edits the hand-written file in place."""
    import difflib
    import subprocess
    import sys

    project = pyrefiqda_project(tmp_path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "# codes of the workshop\ncodes:\n  Relation/Délais: {tension: c1, pole: prescribed}\n",
        encoding="utf-8",
    )
    framework = tmp_path / "customer-relations.yaml"
    before = (EXAMPLES / "customer-relations.yaml").read_text(encoding="utf-8")
    framework.write_text(before, encoding="utf-8")
    script = str(Path(sys.executable).parent / "referentiel")
    done = subprocess.run(
        [
            *(script, "import-qdpx", str(project), "--map", "map.yaml"),
            *("--into", framework.name, "-o", framework.name),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, f"wrote {framework.name} (8 excerpt(s))\n")
    after = framework.read_text(encoding="utf-8")
    removed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line.startswith("-") and not line.startswith("---")
    ]
    assert removed == []  # nothing the user wrote is lost: comments, schema line, order
    assert after.splitlines()[0] == before.splitlines()[0]
    assert len(ref.load(framework)["c1"].evidence) == 1
    assert mapping.read_text(encoding="utf-8").startswith("# codes of the workshop")


def _one_source_project(text_member: bytes, *, method: int = zipfile.ZIP_STORED) -> bytes:
    qde = (
        f'{PROJECT_HEAD}<Sources><TextSource guid="{G["src1"]}" name="s" '
        'plainTextPath="internal://s.txt"/></Sources></Project>'
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(zipfile.ZipInfo("sources/s.txt"), text_member, compress_type=method)
    return buffer.getvalue()


def test_damaged_members_are_refused_not_crashed_on() -> None:
    good = _one_source_project(b"bonjour " * 50)
    bad_crc = good.replace(b"bonjour bonjour", b"bonsoir bonjour", 1)
    assert _issues(bad_crc) == [
        "p.qdpx: error qdpx: archive member 'sources/s.txt' is damaged: Bad CRC-32 for file "
        "'sources/s.txt' (at $)"
    ]
    deflated = _one_source_project(b"bonjour " * 50, method=zipfile.ZIP_DEFLATED)
    start = deflated.index(b"sources/s.txt") + len("sources/s.txt")
    corrupt = deflated[:start] + b"\xff" * 8 + deflated[start + 8 :]
    assert _issues(corrupt)[0].startswith(
        "p.qdpx: error qdpx: archive member 'sources/s.txt' is damaged: "
    )
    header = good.index(b"PK\x03\x04", good.index(b"project.qde"))
    unknown = bytearray(good)
    unknown[header + 8 : header + 10] = (99).to_bytes(2, "little")  # compression method 99
    central = unknown.index(b"PK\x01\x02", unknown.index(b"PK\x01\x02") + 4)
    unknown[central + 10 : central + 12] = (99).to_bytes(2, "little")
    assert _issues(bytes(unknown)) == [
        "p.qdpx: error qdpx: archive member 'sources/s.txt' is damaged: That compression method "
        "is not supported (at $)"
    ]


def test_source_texts_are_utf8_or_say_their_encoding() -> None:
    utf16 = parse_qdpx(_one_source_project("Été 😀".encode("utf-16")), "p.qdpx")
    assert utf16.sources[0].text == "Été 😀"
    assert _issues(_one_source_project("Été".encode("latin-1"))) == [
        "p.qdpx: error qdpx: source text 'internal://s.txt' is not UTF-8 (byte 0xc9 at offset "
        "0): nothing was quoted; save it as UTF-8 or export the project again (at $)"
    ]


def test_a_deep_code_tree_is_read_without_recursion() -> None:
    depth = 5000
    codes = (
        "".join(
            f'<Code guid="{{{n:08d}-0000-4000-8000-000000000000}}" name="k{n}">'
            for n in range(depth)
        )
        + "</Code>" * depth
    )
    qde = f"{PROJECT_HEAD}<CodeBook><Codes>{codes}</Codes></CodeBook></Project>".encode()
    project = parse_qdpx(_zip({"project.qde": qde}), "p.qdpx")
    assert len(project.codes) == depth
    assert project.codes[-1].path == tuple(f"k{n}" for n in range(depth))


def test_codes_of_the_same_name_are_ambiguous_and_sources_never_merged() -> None:
    twin = (
        f'<Code guid="{G["proc"]}" name="P" isCodable="true"/>'
        f'<Code guid="{G["delais"]}" name="P" isCodable="true"/>'
    )
    sources = "".join(
        f'<TextSource guid="{G[key]}" name="{name}"><PlainTextContent>abc</PlainTextContent>'
        f'<PlainTextSelection guid="{G[sel]}" startPosition="0" endPosition="3">'
        f'<Coding guid="{G[cod]}"><CodeRef targetGUID="{G["proc"]}"/></Coding>'
        "</PlainTextSelection></TextSource>"
        for key, name, sel, cod in (
            ("src1", "IS de C.", "sel1", "c1"),
            ("src2", "IS de C !", "sel2", "c2"),
            ("src3", "Entretien d'Élodie, cité", "sel3", "c3"),
        )
    )
    qde = (
        f"{PROJECT_HEAD}<CodeBook><Codes>{twin}</Codes></CodeBook><Sources>{sources}</Sources>"
        "</Project>"
    ).encode()
    project = parse_qdpx(_zip({"project.qde": qde}), "p.qdpx")
    with pytest.raises(ref.FileFormatError) as info:
        ref.import_qdpx(project, {"codes": {"P": "c2"}}, into=CUSTOMER, file="p.qdpx")
    assert [str(i) for i in info.value.issues] == [
        "p.qdpx: error qdpx-mapping: code 'P' is ambiguous (codes: 'P', 'P') (at $.codes.P)"
    ]
    fw = ref.import_qdpx(project, {"codes": {G["proc"]: "c2"}}, into=CUSTOMER, file="p.qdpx")
    assert [(e.source, e.quote) for e in fw["c2"].evidence][-3:] == [
        ("is-de-c", "abc"),
        ("is-de-c-2", "abc"),
        ("entretien-d-elodie-cite", "abc"),  # accents dropped, not the letters that bear them
    ]


def test_the_shipped_project_made_by_another_tool_is_valid_and_quotes_the_paper() -> None:
    """examples/qda/sosies.qdpx, made by Exegete: schema-valid, and its excerpts are the paper's."""
    archive = EXAMPLES / "qda" / "sosies.qdpx"
    with zipfile.ZipFile(archive) as zipped:
        qde = zipped.read("project.qde").decode("utf-8")
    assert 'origin="Exegete"' in qde
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde)
    mapping = ref.read_mapping(EXAMPLES / "qda" / "sosies-mapping.yaml")
    bare = attrs.evolve(CUSTOMER, tensions=tuple(attrs.evolve(t, evidence=()) for t in CUSTOMER))
    imported = ref.import_qdpx(ref.read_qdpx(archive), mapping, into=bare)
    assert [e.quote for e in imported["c5"].evidence] == [e.quote for e in CUSTOMER["c5"].evidence]
    assert {e.supports for e in imported["c5"].evidence} == {ref.Side.BOTH}


_GUIDS = st.sampled_from(["a", "b", "c", "d"])


@given(
    cases=st.lists(
        st.builds(
            QdaCase,
            guid=_GUIDS,
            name=st.none() | st.sampled_from(["Ana", "Bo", "Cy"]),
            sources=st.lists(_GUIDS, max_size=3).map(tuple),
            selections=st.lists(_GUIDS, max_size=3).map(tuple),
        ),
        max_size=4,
    ),
    users=st.lists(
        st.builds(QdaUser, guid=_GUIDS, name=st.none() | st.sampled_from(["U", "V"])), max_size=3
    ),
    source=_GUIDS,
    selection=_GUIDS,
    user=st.none() | _GUIDS,
)
def test_the_speaker_is_the_first_case_or_user_that_names_the_selection(
    cases: list[QdaCase], users: list[QdaUser], source: str, selection: str, user: str | None
) -> None:
    project = QdaProject(name="p", users=tuple(users), cases=tuple(cases))
    qda_source = QdaSource(guid=source, name="s", text="")
    qda_selection = QdaSelection(guid=selection, name=None, start=0, end=0, codes=(), user=user)
    # as the rules say, looked up one case (or user) after another
    first_case = next(
        (c.name for c in cases if selection in c.selections or source in c.sources), None
    )
    first_user = next((u.name for u in users if u.guid == user), None)
    assert _Speakers(project, "case")(qda_source, qda_selection) == first_case
    assert _Speakers(project, "user")(qda_source, qda_selection) == first_user
