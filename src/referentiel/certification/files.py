"""Certification files: YAML written by hand beside the framework file they name.

The verbs, as for frameworks: ``read_certification``, ``write_certification``,
``loads_certification``, ``dumps_certification``; ``check_certification`` loads a file and the
framework it names and returns every problem located at its line and column. The JSON Schema of
the files (:func:`certification_schema`) is generated from the model and shipped with the
package as ``referentiel-certification.schema.json``, for editors.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from referentiel._output import STDIO, write_output
from referentiel.certification._constants import SCHEMA_FILE
from referentiel.certification.model import Certification
from referentiel.certification.rules import validate
from referentiel.errors import FileFormatError
from referentiel.io import plain
from referentiel.io._files import load_checked
from referentiel.io._input import STDIN_NAME, read_input
from referentiel.io._text import decode
from referentiel.io._yamlwriter import dump_plain
from referentiel.io.schema import document_schema
from referentiel.io.yaml import parse_located
from referentiel.issues import Code, Issue, Report, Severity
from referentiel.model import Framework

__all__ = [
    "CERTIFICATION_SCHEMA_ID",
    "FRAMEWORK_UNREADABLE",
    "certification_schema",
    "certification_schema_text",
    "check_certification",
    "dumps_certification",
    "framework_path",
    "loads_certification",
    "read_certification",
    "shipped_certification_schema_text",
    "write_certification",
]

#: The ``$id`` of the certification files' schema.
CERTIFICATION_SCHEMA_ID: Final = "urn:referentiel:certification-file:1"

#: The framework a certification names cannot be read, or is invalid.
FRAMEWORK_UNREADABLE: Final = Code(
    code="framework-unreadable",
    meaning="the framework file a certification names cannot be read or is invalid",
    fix="give the framework file's path relative to the certification file, and fix it",
)


def loads_certification(text: str, *, filename: str | None = None) -> Certification:
    r"""Read a certification from YAML *text*; *filename* is used in error locations.

    >>> loads_certification("id: c\ntitle: C\nframework: f.yaml\nblocs: 3\n", filename="c.yaml")
    Traceback (most recent call last):
    ...
    referentiel.errors.FileFormatError: c.yaml:1:1: error missing-key: missing required key 'provenance' in a certification (at $)
    c.yaml:4:8: error wrong-type: expected a list, got integer 3 (at $.blocs)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    return parse_located(text, filename, Certification, what="certification")[0]


def _text(path: str | os.PathLike[str]) -> tuple[str, str]:
    name = STDIN_NAME if os.fspath(path) == STDIO else str(path)
    return decode(read_input(path), name), name


def read_certification(path: str | os.PathLike[str]) -> Certification:
    """Read the certification file at *path* (``-``: standard input).

    >>> read_certification("examples/customer-relations.certification.yaml").language
    'fr'
    """
    text, name = _text(path)
    return loads_certification(text, filename=name)


def dumps_certification(certification: Certification, *, schema: str | None = None) -> str:
    """Write *certification* as YAML text; with *schema*, start with the editor's schema line.

    >>> from referentiel.model import Provenance, Status
    >>> print(dumps_certification(Certification(id="c", title="C", framework="f.yaml",
    ...     provenance=Provenance(status=Status.ILLUSTRATIVE, justification="exemple"))))
    id: c
    title: C
    framework: f.yaml
    provenance:
      status: illustrative
      justification: exemple
    <BLANKLINE>
    """
    header = f"# yaml-language-server: $schema={schema}\n" if schema is not None else ""
    data = plain.converter.unstructure(certification, Certification)
    return dump_plain(data, header=header)


def write_certification(
    certification: Certification,
    path: str | os.PathLike[str],
    *,
    schema: str | None = None,
    protect: tuple[str | os.PathLike[str], ...] = (),
) -> None:
    """Write *certification* to *path* as YAML, atomically (``-``: standard output).

    >>> import pathlib, tempfile
    >>> cert = read_certification("examples/customer-relations.certification.yaml")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "copy.yaml"
    >>> write_certification(cert, path)
    >>> read_certification(path) == cert
    True
    """
    text = dumps_certification(certification, schema=schema)
    write_output(path, text.encode("utf-8"), protect=protect)


def framework_path(certification: Certification, path: str | os.PathLike[str]) -> Path:
    """Return the framework file *certification* names, read relative to its file at *path*.

    >>> cert = read_certification("examples/customer-relations.certification.yaml")
    >>> framework_path(cert, "examples/customer-relations.certification.yaml").as_posix()
    'examples/customer-relations.yaml'
    """
    folder = Path.cwd() if os.fspath(path) == STDIO else Path(path).parent
    return folder / certification.framework


def check_certification(
    path: str | os.PathLike[str],
) -> tuple[Certification | None, Framework | None, Report]:
    """Load the certification at *path* and its framework, and check one against the other.

    Every issue is located in the certification file; problems that stop loading are errors of
    the report, so this raises only :exc:`OSError` for a file that cannot be read.

    >>> cert, fw, report = check_certification("examples/customer-relations.certification.yaml")
    >>> fw.id, report.ok
    ('customer-relations', True)
    """
    text, name = _text(path)
    try:
        certification, where = parse_located(text, name, Certification, what="certification")
    except FileFormatError as exc:
        return None, None, Report(issues=exc.issues)
    target = framework_path(certification, path)
    problem = None
    try:
        framework, report = load_checked(target)
    except (OSError, ValueError) as exc:  # missing, unreadable, unknown suffix
        framework, problem = None, _reason(exc)
    else:
        if framework is None or not report.ok:
            first = report.errors[0] if report.errors else None
            problem = f"it is invalid ({first})" if first else "it is invalid"
    if framework is None or problem is not None:
        message = f"cannot use the framework {certification.framework!r}: {problem}"
        issues: tuple[Issue, ...] = (FRAMEWORK_UNREADABLE.issue(message, ("framework",)),)
    else:
        issues = validate(certification, framework).issues
    positions = where([(issue.path, False) for issue in issues])
    located = [
        attrs.evolve(issue, file=name, line=line, column=column)
        for issue, (line, column) in zip(issues, positions, strict=True)
    ]
    located.sort(key=lambda i: (i.severity is not Severity.ERROR, i.line or 0, i.column or 0))
    return certification, (framework if problem is None else None), Report(issues=tuple(located))


def _reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def certification_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of certification files, generated from the model.

    >>> certification_schema()["$defs"]["Competence"]["required"]
    ['id', 'action', 'object', 'purpose', 'provenance']
    """
    return document_schema(Certification, CERTIFICATION_SCHEMA_ID, "referentiel certification file")


def certification_schema_text() -> str:
    """Return :func:`certification_schema` as the JSON text the package ships."""
    return json.dumps(certification_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_certification_schema_text() -> str:
    """Return the certification schema file shipped in the package."""
    return (resources.files("referentiel") / SCHEMA_FILE).read_text("utf-8")
