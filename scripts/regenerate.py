"""Regenerate what the repository commits but the code decides: figures and docs tables.

- the figures the README and the docs gallery show, drawn from the shipped examples in every
  figure kind that suits them, every theme and every language they are written in;
- the regions of the docs pages between ``<!-- generated: NAME -->`` and
  ``<!-- end generated -->``: the file format's field tables (from the JSON Schema), every
  command's ``--help``, the error codes, the export formats, the figure kinds, the limits inputs
  are read within and the gallery, each from the registry or constant that holds it.

They are committed so that they read on the repository too; ``--check`` writes nothing and
exits 1 if any is not what the code makes now (CI runs it).

    python scripts/regenerate.py            # write them
    python scripts/regenerate.py --check    # compare them
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import referentiel as ref
from referentiel._fields import INT_MAX, INT_MIN
from referentiel.certification import case as certification_case
from referentiel.certification import race, read_certification
from referentiel.certification.figure import render as render_certification
from referentiel.certification.files import FRAMEWORK_UNREADABLE, certification_schema
from referentiel.certification.formats import CERTIFICATION_FORMATS
from referentiel.certification.rules import RULES as CERTIFICATION_RULES
from referentiel.cli import _parser
from referentiel.draw.engine import OUTPUTS
from referentiel.draw.kinds import FIGURES
from referentiel.io import codes
from referentiel.io._located import LongNumber
from referentiel.io.formats import exports
from referentiel.io.limits import FILE_LIMIT, MAX_DEPTH
from referentiel.io.qda.read import LIMITS
from referentiel.io.schema import json_schema
from referentiel.issues import Code
from referentiel.outputs import DOT_FIGURE
from referentiel.validate import RULES
from referentiel.vocabulary import THEMES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIGURES_DIR = DOCS / "figures"
#: The interactive page of the customer-relations example, which the docs and the README link.
PAGE = DOCS / "page" / "customer-relations.html"
EXAMPLES = ("customer-relations", "kinesitherapy", "mixed", "polarity-map", "evaporating-cloud")
#: How the gallery names the languages of the examples (English labels are translations).
LANGUAGES = {"fr": "French", "en": "English (translated)"}
REGION = re.compile(r"(<!-- generated: ([\w: -]+?) -->\n)(.*?)(<!-- end generated -->)", re.S)

CODES: dict[str, tuple[Code, ...]] = {
    "reading": codes.READING,
    "validation": tuple(rule.code for rule in RULES),
    "qda": codes.QDA,
    "certification": (
        *(rule.code for rule in CERTIFICATION_RULES),
        FRAMEWORK_UNREADABLE,
        certification_case.CASE_FORMAT,
    ),
}
#: The example certification, its CASE package and its figure, made from it.
CERTIFICATION = ROOT / "examples" / "customer-relations.certification.yaml"
CASE_FILE = ROOT / "examples" / "customer-relations.case.json"
CERTIFICATION_FIGURE = FIGURES_DIR / "customer-relations-certification.svg"


# -- figures --------------------------------------------------------------------------------


def figure_name(example: str, kind: str, theme: str, language: str, *, default: bool) -> str:
    """Return the file a gallery figure is committed as.

    The default figure of an example, in colour, keeps the short name the README uses
    (``customer-relations.svg``, ``customer-relations.en.svg``).
    """
    parts = [example]
    if not (default and theme == "colour"):
        parts += [kind] + ([] if theme == "colour" else [theme])
    return ".".join([*parts, *([] if language == "fr" else [language]), "svg"])


def gallery() -> Iterator[tuple[str, str, str, str, Path]]:
    """Yield every gallery figure: (example, kind, theme, language, path)."""
    for example in EXAMPLES:
        framework = ref.load(ROOT / "examples" / f"{example}.yaml")
        kinds = [k.name for k in FIGURES.values() if k.suits(framework)]
        for kind in kinds:
            for theme in THEMES:
                for language in (framework.language, *(code for code, _ in framework.translations)):
                    name = figure_name(example, kind, theme, language, default=kind == kinds[0])
                    yield example, kind, theme, language, FIGURES_DIR / name


def figures() -> dict[Path, bytes]:
    """Return every committed figure, by its path, and the customer-relations example's page."""
    loaded = {e: ref.load(ROOT / "examples" / f"{e}.yaml") for e in EXAMPLES}
    drawn = {
        path: ref.render(loaded[example], figure=kind, theme=theme, language=language)
        for example, kind, theme, language, path in gallery()
    }
    drawn[PAGE] = ref.render(loaded["customer-relations"], format="html")
    certification = read_certification(CERTIFICATION)
    framework = loaded["customer-relations"]
    drawn[CERTIFICATION_FIGURE] = render_certification(certification, framework)
    drawn[CASE_FILE] = certification_case.dumps_case(certification, framework).encode("utf-8")
    return drawn


def gallery_page() -> str:
    """Return the gallery: one section per example and figure kind, each theme and language."""
    parts: list[str] = []
    section = None
    for example, kind, theme, language, path in gallery():
        if (example, kind) != section:
            section = (example, kind)
            parts += [f"### {example}: {kind}", ""]
        alt = f"{example}, {kind} figure, {theme} theme, {LANGUAGES[language]}"
        rel = path.relative_to(DOCS).as_posix()
        options = f"`--figure {kind} --theme {theme} --lang {language}`"
        parts += [options, "", f"![{alt}]({rel})", ""]
    return "\n".join(parts).rstrip()


# -- docs tables ------------------------------------------------------------------------------


def code_table(group: str) -> str:
    """Return the table of one group of error codes."""
    rows = ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
    rows += [f"| `{c.code}` | {c.severity.value} | {c.meaning} | {c.fix} |" for c in CODES[group]]
    return "\n".join(rows)


def formats_table() -> str:
    """Return the table of export formats."""
    rows = ["| format | suffixes | for | keeps | reads back |", "|---|---|---|---|---|"]
    for f in exports():
        back = f"yes (`read_{f.stem}`)" if f.reads_back else "no"
        suffixes = ", ".join(f"`{s}`" for s in f.suffixes)
        rows.append(f"| {f.name} | {suffixes} | {f.summary} | {f.keeps} | {back} |")
    dot = ", ".join(f"`{s}`" for s in OUTPUTS["dot"].suffixes)
    rows.append(
        f"| dot | {dot} | Graphviz: the {DOT_FIGURE} figure's source | tensions and links | no |"
    )
    return "\n".join(rows)


def limits_table() -> str:
    """Return the table of the bounds inputs are read within."""

    def mib(size: int) -> str:
        return f"{size // 2**20} MiB"

    rows = [
        "| what | limit | past it |",
        "|---|---|---|",
        f"| a framework, mapping or graph file (or standard input) | {mib(FILE_LIMIT)} |"
        " `too-large`, before reading a regular file, on the stream for anything else |",
        f"| nesting of mappings and lists | {MAX_DEPTH} levels |"
        " `too-deep`, where it goes deeper |",
        f"| an integer | {INT_MIN} to {INT_MAX} (64-bit) | `wrong-type` in a file;"
        " `ModelTypeError` in Python |",
        f"| digits of a number in a file | {LongNumber.LIMIT} | `wrong-type`; the number is never"
        " read (Python's reading of such numbers is quadratic) |",
        f"| a `.qdpx` archive | {mib(LIMITS.archive)} | `qdpx-size` |",
        f"| one member of it, unpacked | {mib(LIMITS.member)} | `qdpx-size` |",
        f"| all its members, unpacked | {mib(LIMITS.total)} | `qdpx-size` |",
        f"| members in it | {LIMITS.members} | `qdpx-size` |",
    ]
    return "\n".join(rows)


def figures_list() -> str:
    """Return the list of figure kinds."""
    return "\n".join(f"- `{k.name}`: {k.summary}." for k in FIGURES.values())


def _type(schema: dict[str, Any]) -> str:  # noqa: PLR0911 - a dispatch on schema shapes
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if "oneOf" in schema:
        return " or ".join(_type(s) for s in schema["oneOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema['items'])}"
    if schema.get("type") == "object":
        return "mapping of language code to text"
    if schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(schema.get("type", ""))


def fields_tables(schema: dict[str, Any], root: str) -> str:
    """Return a table per class of a file format, from its JSON Schema."""
    parts = []
    for name, definition in [(root, schema), *schema["$defs"].items()]:
        parts += [
            f"### {name}",
            "",
            definition["description"],
            "",
            "| key | type | required | meaning |",
            "|---|---|---|---|",
        ]
        required = set(definition["required"])
        for key, prop in definition["properties"].items():
            description = prop.get("description", "").replace("|", "\\|")
            parts.append(
                f"| `{key}` | {_type(prop)} | {'yes' if key in required else ''} | {description} |"
            )
        parts.append("")
    return "\n".join(parts).rstrip()


def cli_help() -> str:
    """Return every command's ``--help`` (``main`` fixes the width: no terminal decides it)."""
    parts = []
    for title, sub in _commands("referentiel", _parser()):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            sub.print_help()
        parts += [f"### {title}", "", "```text", buffer.getvalue().rstrip(), "```", ""]
    return "\n".join(parts).rstrip()


def _commands(
    title: str, parser: argparse.ArgumentParser
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Yield a parser and its subcommands' (and theirs), each with its command line."""
    yield title, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(f"{title} {name}", sub)


def certification_formats() -> str:
    """Return the table of the formats a certification is written in."""
    rows = ["| format | suffixes | what it holds |", "|---|---|---|"]
    for f in CERTIFICATION_FORMATS.values():
        suffixes = ", ".join(f"`{s}`" for s in f.suffixes)
        rows.append(f"| `{f.name}` | {suffixes} | {f.summary} |")
    return "\n".join(rows)


def example_table(table: str) -> str:
    """Return a table of the example certification, in Markdown, its heading one level down."""
    text = race.dumps_markdown(read_certification(CERTIFICATION), table=table)
    return ("#" + text).rstrip()


REGIONS: dict[str, Callable[[], str]] = {
    "schema-fields": lambda: fields_tables(json_schema(), "Framework"),
    "certification-fields": lambda: fields_tables(certification_schema(), "Certification"),
    "certification-formats": certification_formats,
    "race": lambda: example_table("race"),
    "rncp": lambda: example_table("rncp"),
    "cli-help": cli_help,
    "formats": formats_table,
    "figures": figures_list,
    "limits": limits_table,
    "gallery": gallery_page,
    **{f"codes: {group}": (lambda group=group: code_table(group)) for group in CODES},  # type: ignore[misc]
}


def regenerated(text: str) -> str:
    """Return *text* with its generated regions made anew; an unknown region is an error."""

    def fill(match: re.Match[str]) -> str:
        name = match[2]
        if name not in REGIONS:
            raise SystemExit(f"unknown generated region {name!r} (known: {', '.join(REGIONS)})")
        return f"{match[1]}{REGIONS[name]()}\n{match[4]}"

    return REGION.sub(fill, text)


def pages() -> dict[Path, bytes]:
    """Return every docs page with generated regions, as it should be."""
    made = {}
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if REGION.search(text):
            made[page] = regenerated(text).encode("utf-8")
    return made


def main(argv: list[str]) -> int:
    """Write the figures and pages, or with --check compare them with the committed ones."""
    stale = []
    # argparse wraps --help at the terminal's width: fix it, so that the pages do not depend on it
    with _columns(100):
        wanted = {**figures(), **pages()}
    for path, data in wanted.items():
        if "--check" in argv:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.relative_to(ROOT).as_posix())
        elif not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT).as_posix()}")
    if "--check" in argv:
        known = {p for p in wanted if p.suffix == ".svg"}
        stale += [
            f"{p.relative_to(ROOT).as_posix()} (drawn by nothing)"
            for p in sorted(FIGURES_DIR.glob("*.svg"))
            if p not in known
        ]
    if stale:
        print(f"not current: {', '.join(stale)} (run python scripts/regenerate.py)")
        return 1
    return 0


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
