"""The ``referentiel`` command line, built only on the public API.

Exit codes: 0 success (warnings allowed), 1 the framework is invalid (for ``diff``: the two
differ), 2 anything else that went wrong (bad usage, unreadable file, unsupported format, engine
failure). Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias, get_args

import attrs

import referentiel as ref
from referentiel._cli_reports import print_reports
from referentiel._output import STDIO, write_output
from referentiel._progress import Progress
from referentiel._unicode import one_line
from referentiel.draw import paper
from referentiel.draw.paper import PAGE_SIZES

if TYPE_CHECKING:
    from referentiel.analyses import Analysis

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2
#: 128 + SIGPIPE, what a shell reports for a tool whose reader went away.
EXIT_BROKEN_PIPE: Final = 141


def _columns() -> int:
    """Return the terminal's width as :func:`shutil.get_terminal_size` finds it.

    $COLUMNS, else the terminal's, else 80; without importing shutil (with bz2 and lzma, it
    costs every command's start 1.3 ms).
    """
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no stdout (None), closed, not a terminal
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the width argparse would ask shutil for."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width  # argparse keeps two columns free
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - argparse's own
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]  # argparse returns NoReturn
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


_IN: Final = "a YAML or JSON framework file (-: YAML on standard input)"
_OUT: Final = (
    "the file to write (-: standard output); a link's target is replaced, a FIFO written to, "
    "a read-only file or the input refused"
)


#: The subcommands' parsers, as argparse makes them.
Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _parser(command: str | None = None, *, certification: bool = True) -> argparse.ArgumentParser:
    """Return the parser; with *command* (a known one), only that subcommand's.

    Built whole, it lists the certification command with its subcommands if *certification*
    (the reference docs), else alone (``--help``).

    Each subcommand's parser imports what its choices come from (the figure kinds, formats,
    analyses ...): a command line builds only its own, so that it starts fast.
    """
    parser = _Parser(
        prog="referentiel",
        description="Professional frameworks (référentiels) as contradiction graphs.",
    )
    parser.add_argument("--version", action="version", version=f"referentiel {ref.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    if command in _COMMANDS and command != "completion":  # completion describes them all
        _COMMANDS[command].build(commands)
        return parser
    for name, each in _COMMANDS.items():
        if name == "certification":  # its own subcommands built only when asked for
            _add_certification(commands, actions=certification)
        else:
            each.build(commands)
    return parser


def _add_validate(commands: Commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check framework files and report every issue at its place",
        description="Check framework files; print file:line:col: severity code: message. "
        "Exit 0 if valid (warnings allowed), 1 if invalid, 2 if a file cannot be read.",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="YAML or JSON framework files (-: standard input)"
    )


def _add_render(commands: Commands) -> None:
    from referentiel.draw.engine import ENGINES, OUTPUTS  # noqa: PLC0415 - built on demand
    from referentiel.draw.kinds import FIGURES  # noqa: PLC0415 - built on demand
    from referentiel.draw.options import EvidenceDisplay  # noqa: PLC0415 - built on demand
    from referentiel.vocabulary import THEMES  # noqa: PLC0415 - built on demand

    suffixes = ", ".join(
        f"{'/'.join(o.suffixes)} ({', '.join(o.engines) or 'no engine'})" for o in OUTPUTS.values()
    )
    render = commands.add_parser(
        "render",
        help="draw a framework as a figure",
        description="Draw a framework. The format comes from the output's suffix, and the "
        f"engines that write it: {suffixes}.",
    )
    render.add_argument("file", metavar="FILE", help=_IN)
    render.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)
    render.add_argument(
        "--figure",
        choices=tuple(FIGURES),
        help="which figure (default: the first that suits the framework): "
        + "; ".join(f"{k.name}: {k.summary}" for k in FIGURES.values()),
    )
    render.add_argument(
        "--lang",
        metavar="CODE",
        help="label language, e.g. en (default: the "
        "framework's); labels without a translation keep their original",
    )
    render.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="embedded: the Graphviz pip installed (default); system: dot on PATH",
    )
    render.add_argument(
        "--theme",
        choices=tuple(THEMES),
        default="colour",
        help="colour, or bw for black-and-white print",
    )
    render.add_argument(
        "--evidence",
        choices=get_args(EvidenceDisplay),
        default="count",
        help="under each pole: excerpt counts (default), the first excerpt, or none",
    )
    render.add_argument(
        "--wrap", type=int, default=22, metavar="N", help="wrap labels at N characters (0: never)"
    )
    render.add_argument(
        "--columns",
        type=int,
        default=8,
        metavar="N",
        help="contradictions per row before the figure wraps (default 8)",
    )
    render.add_argument("--no-legend", action="store_true", help="leave the legend out")
    render.add_argument(
        "--page",
        metavar="SIZE",
        help="split the figure into pages of SIZE: "
        + ", ".join(PAGE_SIZES)
        + " (add -landscape); a multi-page PDF, or numbered SVG/PNG files",
    )
    render.add_argument(
        "--dpi", type=float, metavar="N", help="a PNG's resolution in dots per inch (300 to print)"
    )
    render.add_argument(
        "--details",
        action="store_true",
        help="show pole and goal descriptions under their labels, and notes in the graph",
    )


def _add_export(commands: Commands) -> None:
    from referentiel.io.formats import FORMATS  # noqa: PLC0415 - built on demand
    from referentiel.io.tables import Table  # noqa: PLC0415 - built on demand
    from referentiel.outputs import EXPORT_FORMATS  # noqa: PLC0415 - built on demand

    export = commands.add_parser(
        "export",
        help="write a framework in a format other tools read",
        description="Write a framework in a format other tools read: "
        + "; ".join(
            f"{name} ({FORMATS[name].summary})" if name in FORMATS else f"{name} (Graphviz)"
            for name in EXPORT_FORMATS
        )
        + ".",
    )
    export.add_argument("file", metavar="FILE", help=_IN)
    export.add_argument(
        "--to",
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help=f"{', '.join(EXPORT_FORMATS)} (default: from the output's suffix)",
    )
    export.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUT)
    export.add_argument(
        "--lang", metavar="CODE", help="label language, where the format shows labels"
    )
    export.add_argument(
        "--table",
        choices=get_args(Table),
        default="tensions",
        help="which table a CSV holds (default: tensions)",
    )
    export.add_argument(
        "--raw-cells",
        action="store_true",
        help="CSV: keep cells starting with = + - @ as they are (by default they start with ' "
        "so that no spreadsheet runs them as formulas)",
    )


def _add_diff(commands: Commands) -> None:
    from referentiel.compare import KeyName  # noqa: PLC0415 - built on demand

    diff = commands.add_parser(
        "diff",
        help="compare two framework files",
        description="Print what differs between two frameworks. Exit 0 if they are the same, "
        "1 if they differ, 2 if a file cannot be read.",
    )
    diff.add_argument("old", metavar="OLD", help="a YAML or JSON framework file")
    diff.add_argument("new", metavar="NEW", help="a YAML or JSON framework file")
    diff.add_argument(
        "--key",
        choices=get_args(KeyName),
        default="id",
        help="match tensions on their id (default) or their number",
    )


def _add_import_qdpx(commands: Commands) -> None:
    from referentiel.io.qda.options import LineEndings, Units  # noqa: PLC0415 - built on demand

    qda = commands.add_parser(
        "import-qdpx",
        help="import coded excerpts from a REFI-QDA project",
        description="Turn the selections coded in a REFI-QDA project (QualCoder, NVivo, "
        "ATLAS.ti, MAXQDA) into evidence, as a YAML mapping of codes to tensions says.",
    )
    qda.add_argument("project", metavar="PROJECT.qdpx", help="the REFI-QDA project")
    qda.add_argument("--map", required=True, metavar="MAP.yaml", help="codes to tensions")
    qda.add_argument(
        "--into",
        metavar="FRAMEWORK",
        help="the framework to add the evidence to (default: a new one, described by the mapping)",
    )
    qda.add_argument("-o", "--output", required=True, metavar="OUT", help="the framework to write")
    qda.add_argument(
        "--line-endings",
        choices=get_args(LineEndings),
        default="normalise",
        help="count CRLF as one character (normalise, default) or two (keep)",
    )
    qda.add_argument(
        "--units",
        choices=get_args(Units),
        default="codepoints",
        help="what offsets count: code points (the standard) or UTF-16 units",
    )


def _add_analyses(commands: Commands) -> None:
    from referentiel.analyses import ANALYSES  # noqa: PLC0415 - built on demand

    analyses = commands.add_parser(
        "analyses",
        help="print the analyses of a framework",
        description="Print what the analyses find in a framework: "
        + "; ".join(f"{a.name} ({a.summary})" for a in ANALYSES)
        + ". Exit 1 if the framework is invalid.",
    )
    analyses.add_argument("file", metavar="FILE", help="a YAML or JSON framework file")
    analyses.add_argument("--json", action="store_true", help="print JSON, for other tools")
    analyses.add_argument("-o", "--output", metavar="OUT", help="write it to OUT instead")


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of framework files",
        description="Print the JSON Schema of framework files, for editors and other tools.",
    )
    schema.add_argument("-o", "--output", metavar="OUT", help="write it to OUT instead")


def _add_certification(commands: Commands, *, actions: bool = True) -> None:
    from referentiel._cli_certification import add_commands  # noqa: PLC0415 - on demand

    add_commands(commands, actions=actions)


def _add_completion(commands: Commands) -> None:
    completion = commands.add_parser(
        "completion",
        help="print the shell completion script",
        description="Print the script that completes referentiel's commands, options and "
        "files in your shell; e.g. in ~/.bashrc: "
        'eval "$(referentiel completion bash)". Made by shtab.',
    )
    completion.add_argument("shell", choices=_SHELLS, help="the shell")
    completion.add_argument("-o", "--output", metavar="OUT", help="write it to OUT instead")


_SHELLS: Final = ("bash", "zsh", "tcsh")
#: Arguments that take a path, by metavar: completed with file names.
_PATHS: Final = frozenset(
    {"FILE", "OUT", "OLD", "NEW", "FRAMEWORK", "PROJECT.qdpx", "MAP.yaml", "PACKAGE.json"}
)


def _completion(args: argparse.Namespace) -> int:
    import shtab  # noqa: PLC0415 - only this command needs it

    parser = _parser()
    parsers = [parser]
    for each in parsers:  # grows as subcommands (and theirs) are found
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers += list(action.choices.values())
    for each in parsers:
        for action in each._actions:
            if action.metavar in _PATHS or (not action.option_strings and action.dest == "files"):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    script: str = shtab.complete(parser, shell=args.shell)
    write_output(args.output or STDIO, script.encode("utf-8"))
    return EXIT_OK


def _fail(message: str) -> int:
    print(f"referentiel: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _validate(files: Sequence[str]) -> int:
    return print_reports(files, _report)


def _report(name: str) -> ref.Report:
    report = ref.check(name)
    if _certification_file(report):  # a certification, not a framework: check it as one
        report = ref.check_certification(name)[2]
    return report


def _render(args: argparse.Namespace) -> int:
    framework, report = ref.load_checked(args.file)
    if framework is None or not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(f"referentiel: {args.file} is invalid: nothing was drawn", file=sys.stderr)
        return EXIT_INVALID
    if args.columns < 1:
        return _fail(f"--columns must be at least 1, got {args.columns}")
    if args.wrap < 0:
        return _fail(f"--wrap must be 0 (never) or more, got {args.wrap}")
    options = {
        "engine": args.engine,
        "figure": args.figure,
        "language": args.lang,
        "evidence": args.evidence,
        "wrap": args.wrap or None,
        "theme": args.theme,
        "columns": args.columns,
        "legend": not args.no_legend,
        "details": args.details,
        "dpi": args.dpi,
    }
    if args.page is not None:
        from referentiel.draw.pages import render_pages  # noqa: PLC0415 - pages when asked

        with Progress("placing tensions on pages") as progress:
            written = render_pages(
                framework,
                args.output,
                page=args.page,
                progress=progress,
                protect=[args.file],
                **options,
            )
        files = written.files
        shown = files[0] if len(files) == 1 else f"{files[0]} ... {files[-1]}"
        plural = "s" if written.pages > 1 else ""
        print(f"wrote {shown} ({written.pages} page{plural})", file=sys.stderr)
        return EXIT_OK
    if len(framework.tensions) > paper.LARGE_FIGURE:
        print(
            f"referentiel: warning: {len(framework.tensions)} tensions in one figure: laying "
            "them all out at once takes time that grows faster than their number; "
            "--page A4 splits the figure into pages laid out one at a time",
            file=sys.stderr,
        )
    note = f"laying out {len(framework.tensions)} tensions in one figure (--page A4 splits it)"
    with Progress("drawing", note=note):
        ref.render(framework, args.output, protect=[args.file], **options)
    _wrote(args.output)
    return EXIT_OK


def _wrote(output: str, detail: str = "") -> None:
    if output != STDIO:  # standard output holds the result itself
        print(f"wrote {output}{detail}", file=sys.stderr)


def _load_valid(name: str) -> ref.Framework | None:
    framework, report = ref.load_checked(name)
    if framework is None or not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(f"referentiel: {name} is invalid", file=sys.stderr)
        return None
    return framework


def _export(args: argparse.Namespace) -> int:
    framework = _load_valid(args.file)
    if framework is None:
        return EXIT_INVALID
    used = ref.export(
        framework,
        args.output,
        to=args.to,
        language=args.lang,
        table=args.table,
        raw=args.raw_cells,
        protect=[args.file],
    )
    _wrote(args.output, f" ({used})")
    return EXIT_OK


def _certification_file(report: ref.Report) -> bool:
    """Whether a file read as a framework is a certification (it names its framework)."""
    return any(i.code == "unknown-key" and i.path == ("framework",) for i in report.errors)


def _diff(args: argparse.Namespace) -> int:
    reports = [ref.load_checked(name)[1] for name in (args.old, args.new)]
    if all(_certification_file(report) for report in reports):
        changes = ref.diff_certifications(
            ref.read_certification(args.old), ref.read_certification(args.new)
        )
        print(changes)
        return EXIT_OK if changes.equal else EXIT_INVALID
    old, new = _load_valid(args.old), _load_valid(args.new)
    if old is None or new is None:
        return EXIT_ERROR
    difference = ref.diff(old, new, key=args.key)
    print(difference)
    return EXIT_OK if difference.equal else EXIT_INVALID


def _import_qdpx(args: argparse.Namespace) -> int:
    mapping = ref.read_mapping(args.map)
    into = None
    if args.into:
        into = _load_valid(args.into)
        if into is None:
            return EXIT_INVALID
    project = ref.read_qdpx(args.project, line_endings=args.line_endings, units=args.units)
    framework = ref.import_qdpx(project, mapping, into=into, file=args.project)
    report = ref.validate(framework)
    if not report.ok:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        print(
            "referentiel: the imported framework is invalid: nothing was written", file=sys.stderr
        )
        return EXIT_INVALID
    # the framework imported into may be the output (edited in place, its comments kept);
    # the project and the mapping are never overwritten
    ref.save(framework, args.output, protect=[args.project, args.map])
    count = sum(len(t.evidence) for t in framework.tensions)
    _wrote(args.output, f" ({count} excerpt(s))")
    return EXIT_OK


def _analyses(args: argparse.Namespace) -> int:
    from referentiel.analyses import ANALYSES, run_analyses  # noqa: PLC0415 - on demand

    framework = _load_valid(args.file)
    if framework is None:
        return EXIT_INVALID
    found = run_analyses(framework)
    if args.json:
        import json  # noqa: PLC0415 - a cold start imports only what its command needs

        text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(_analysis_text(a, found[a.name]) for a in ANALYSES)
    write_output(args.output or STDIO, text.encode("utf-8"), protect=[args.file])
    return EXIT_OK


def _analysis_text(analysis: Analysis, value: object) -> str:
    """Return one analysis as a heading and indented lines: ``key: ids``, or one line a cycle."""

    def joined(items: object, separator: str) -> str:
        if isinstance(items, list):
            return separator.join(one_line(str(i)) for i in items)
        return one_line(str(items))

    lines = [f"{analysis.name}: {analysis.summary}"]
    if isinstance(value, dict):
        lines += [f"  {one_line(str(key))}: {joined(item, ', ')}" for key, item in value.items()]
    elif isinstance(value, list):  # ids, or cycles of ids
        lines += [f"  {joined(item, ' -> ')}" for item in value]
    if len(lines) == 1:
        lines.append("  (none)")
    return "\n".join(lines) + "\n\n"


def _schema(args: argparse.Namespace) -> int:
    from referentiel.io.schema import schema_text  # noqa: PLC0415 - only this command needs it

    write_output(args.output or STDIO, schema_text().encode("utf-8"))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    return _COMMANDS[args.command].run(args)


def _certification(args: argparse.Namespace) -> int:
    from referentiel._cli_certification import run  # noqa: PLC0415 - on demand

    return run(args)


@attrs.frozen
class _Command:
    """A subcommand: what builds its parser, and what runs it."""

    build: Callable[[Any], None]
    run: Callable[[argparse.Namespace], int]


#: Every subcommand, in the order the help lists them.
_COMMANDS: Final[dict[str, _Command]] = {
    "validate": _Command(_add_validate, lambda given: _validate(given.files)),
    "render": _Command(_add_render, _render),
    "export": _Command(_add_export, _export),
    "diff": _Command(_add_diff, _diff),
    "import-qdpx": _Command(_add_import_qdpx, _import_qdpx),
    "analyses": _Command(_add_analyses, _analyses),
    "schema": _Command(_add_schema, _schema),
    "certification": _Command(_add_certification, _certification),
    "completion": _Command(_add_completion, _completion),
}


def _os_error(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename or exc}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename or exc}: is a directory"
    target = f"{exc.filename}: " if exc.filename else ""
    return f"{target}{exc.strerror or exc}"


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per kind of end
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    given = list(sys.argv[1:] if argv is None else argv)
    # only the command given is built (all of them for --help, or a word that is none)
    command = next((word for word in given[:1] if not word.startswith("-")), None)
    args = _parser(command, certification=False).parse_args(given)
    try:
        return _run(args)
    except ref.FileFormatError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        return EXIT_ERROR
    except ref.ReferentielError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        return _closed_pipe()
    except OSError as exc:
        return _fail(_os_error(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug of ours: still one line, never a traceback
        return _fail(f"internal error: {type(exc).__name__}: {exc} (please report it)")


def _closed_pipe() -> int:
    """Stop quietly when the reader of standard output has gone (``| head``), as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
    return EXIT_BROKEN_PIPE


def _entry() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    # The interpreter's last collection, at exit, walks every object the imports made: a tenth
    # of a cold render. Frozen, they are left to the exit, which frees them all the same.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    _entry()
