"""The ``referentiel certification`` commands: draft, validate, export, render, diff, import-case.

Kept beside :mod:`referentiel.cli`, which adds them to its parser and runs them; the exit codes
are the same: 0 success, 1 invalid (for ``diff``: the two differ), 2 anything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from referentiel import certification as cert
from referentiel._cli_reports import print_reports
from referentiel._output import STDIO, write_output
from referentiel.certification._constants import SCHEMA_FILE, TABLES
from referentiel.certification._phrases import LANGUAGES
from referentiel.certification.formats import CERTIFICATION_FORMATS
from referentiel.draw.engine import ENGINES
from referentiel.vocabulary import THEMES

if TYPE_CHECKING:
    from referentiel.certification import Certification
    from referentiel.model import Framework

__all__ = ["add_commands", "run"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2

_CERT: Final = "a certification file (YAML; -: standard input)"
_OUT: Final = "the file to write (-: standard output)"


def add_commands(commands: argparse._SubParsersAction[Any], *, actions: bool = True) -> None:
    """Add ``certification`` and its subcommands to the command line's *commands*.

    Without *actions*, only the command itself: its seven subcommands cost ten milliseconds of
    every start, and only ``referentiel certification ...`` needs them.
    """
    group = commands.add_parser(
        "certification",
        help="draft, check and export a certification built on a framework",
        description="Certifications (référentiels de certification: blocs, activities, "
        "competences, evaluation) built on a framework's tensions.",
    )
    sub = group.add_subparsers(dest="action", metavar="ACTION", parser_class=type(group))
    sub.required = True
    if not actions:
        return

    made = sub.add_parser(
        "draft",
        help="draft a certification from a framework's tensions",
        description="Write a draft certification: an activity and a competence per tension, "
        "criteria from the polarity maps' early warnings, a bloc per origin. Every element "
        "is illustrative and marked draft: true, for the designer to rewrite.",
    )
    made.add_argument("framework", metavar="FRAMEWORK", help="a YAML or JSON framework file")
    made.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)
    made.add_argument(
        "--lang", choices=LANGUAGES, default=LANGUAGES[0], help="the draft's language"
    )
    made.add_argument(
        "--schema",
        metavar="PATH",
        help="start the file with the editor's schema line naming PATH (the schema that "
        f"`referentiel certification schema -o {SCHEMA_FILE}` writes)",
    )

    check = sub.add_parser(
        "validate",
        help="check certification files against their frameworks",
        description="Check certification files and the frameworks they name; print "
        "file:line:col: severity code: message. Exit 0 if valid (warnings allowed), 1 if "
        "invalid, 2 if a file cannot be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="certification files")

    names = "; ".join(f"{f.name} ({f.summary})" for f in CERTIFICATION_FORMATS.values())
    export = sub.add_parser(
        "export",
        help="write a certification's RACE table, RNCP fields or CASE package",
        description=f"Write a certification in another format: {names}.",
    )
    export.add_argument("file", metavar="FILE", help=_CERT)
    export.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)
    export.add_argument(
        "--to",
        choices=tuple(CERTIFICATION_FORMATS),
        metavar="FORMAT",
        help=f"{', '.join(CERTIFICATION_FORMATS)} (default: from the output's suffix)",
    )
    export.add_argument(
        "--table", choices=TABLES, default=TABLES[0], help="the RACE table or the RNCP fields"
    )
    export.add_argument("--lang", metavar="CODE", help="text language, where it has one")

    figure = sub.add_parser(
        "render",
        help="draw tensions → competences → criteria, by bloc",
        description="Draw the certification: the tensions it answers, its competences and "
        "criteria, framed by bloc. The format comes from the output's suffix (.svg, .png, "
        ".json, .dot).",
    )
    figure.add_argument("file", metavar="FILE", help=_CERT)
    figure.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)
    figure.add_argument("--lang", metavar="CODE", help="label language")
    figure.add_argument("--theme", choices=tuple(THEMES), default="colour")
    figure.add_argument("--engine", choices=ENGINES, default=ENGINES[0])

    compare = sub.add_parser(
        "diff",
        help="compare two certification files",
        description="Print what differs between two certifications (elements matched by id). "
        "Exit 0 if they are the same, 1 if they differ, 2 if a file cannot be read.",
    )
    compare.add_argument("old", metavar="OLD", help="a certification file")
    compare.add_argument("new", metavar="NEW", help="a certification file")

    imported = sub.add_parser(
        "import-case",
        help="read a CASE 1.1 package back into a certification file",
        description="Turn a CASE 1.1 package written by referentiel back into a certification "
        "file.",
    )
    imported.add_argument("package", metavar="PACKAGE.json", help="the CASE package")
    imported.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of certification files",
        description="Print the JSON Schema of certification files, for editors.",
    )
    schema.add_argument("-o", "--output", metavar="OUT", help="write it to OUT instead")


def _loaded(name: str) -> tuple[Certification, Framework] | None:
    certification, framework, report = cert.check_certification(name)
    if certification is None or framework is None or not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(f"referentiel: {name} is invalid", file=sys.stderr)
        return None
    return certification, framework


def _wrote(output: str, detail: str = "") -> None:
    if output != STDIO:
        print(f"wrote {output}{detail}", file=sys.stderr)


def _draft(args: argparse.Namespace) -> int:
    from referentiel.io import load_checked  # noqa: PLC0415 - the reading stack, when used

    framework, report = load_checked(args.framework)
    if framework is None or not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(f"referentiel: {args.framework} is invalid: nothing was drafted", file=sys.stderr)
        return EXIT_INVALID
    folder = Path.cwd() if args.output == STDIO else Path(args.output).resolve().parent
    relative = os.path.relpath(Path(args.framework).resolve(), folder)
    certification = cert.draft(
        framework,
        framework_file=Path(relative).as_posix(),
        language=args.lang,
        date=dt.date.today(),
    )
    cert.write_certification(
        certification, args.output, schema=args.schema, protect=(args.framework,)
    )
    count = sum(len(b.competences) for b in certification.blocs)
    _wrote(args.output, f" ({len(certification.blocs)} bloc(s), {count} competence(s), drafts)")
    return EXIT_OK


def _validate(files: Sequence[str]) -> int:
    return print_reports(files, lambda name: cert.check_certification(name)[2])


def _export(args: argparse.Namespace) -> int:
    loaded = _loaded(args.file)
    if loaded is None:
        return EXIT_INVALID
    used = cert.export_certification(
        *loaded,
        args.output,
        to=args.to,
        table=args.table,
        language=args.lang,
        protect=(args.file,),
    )
    _wrote(args.output, f" ({used})")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    loaded = _loaded(args.file)
    if loaded is None:
        return EXIT_INVALID
    cert.render(
        *loaded,
        args.output,
        engine=args.engine,
        language=args.lang,
        theme=args.theme,
        protect=(args.file,),
    )
    _wrote(args.output)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    difference = cert.diff_certifications(
        cert.read_certification(args.old), cert.read_certification(args.new)
    )
    print(difference)
    return EXIT_OK if difference.equal else EXIT_INVALID


def _import_case(args: argparse.Namespace) -> int:
    certification = cert.read_case(args.package)
    cert.write_certification(certification, args.output, protect=(args.package,))
    _wrote(args.output)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from referentiel.certification.files import certification_schema_text  # noqa: PLC0415

    write_output(args.output or STDIO, certification_schema_text().encode("utf-8"))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the certification subcommand *args* names."""
    actions: dict[str, Callable[[argparse.Namespace], int]] = {
        "draft": _draft,
        "validate": lambda given: _validate(given.files),
        "export": _export,
        "render": _render,
        "diff": _diff,
        "import-case": _import_case,
        "schema": _schema,
    }
    return actions[args.action](args)
