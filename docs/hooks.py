"""MkDocs hooks: parts of the docs generated from the code, so that they never go stale.

- ``<!-- schema-fields -->``: a table per class of the file format, from the JSON Schema;
- ``<!-- cli-help -->``: every command's ``--help``;
- ``<!-- codes: reading|validation|qda -->``: the error codes, from their registries;
- ``<!-- formats -->``: the export formats, from the registry of formats;
- ``<!-- figures -->``: the figure kinds, from their registry;
- ``<!-- limits -->``: the bounds inputs are read within, from their constants;

and pages under ``docs/fr/`` are served as French (``<html lang="fr">``), the theme's locale
being English for the rest.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from referentiel._fields import INT_MAX, INT_MIN
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

CODES: dict[str, tuple[Code, ...]] = {
    "reading": codes.READING,
    "validation": tuple(rule.code for rule in RULES),
    "qda": codes.QDA,
}


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


def _fields() -> str:
    schema = json_schema()
    parts = []
    for name, definition in [("Framework", schema), *schema["$defs"].items()]:
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
    return "\n".join(parts)


def _cli_help() -> str:
    parser = _parser()
    parts = []
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in [("referentiel", parser), *subparsers.choices.items()]:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            sub.print_help()
        title = name if name == "referentiel" else f"referentiel {name}"
        parts += [f"### {title}", "", "```text", buffer.getvalue().rstrip(), "```", ""]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: Any) -> str:  # noqa: ANN401
    """Replace the placeholders with what the code says now."""
    markdown = markdown.replace("<!-- schema-fields -->", _fields())
    markdown = markdown.replace("<!-- cli-help -->", _cli_help())
    markdown = markdown.replace("<!-- formats -->", formats_table())
    markdown = markdown.replace("<!-- figures -->", figures_list())
    markdown = markdown.replace("<!-- limits -->", limits_table())
    for group in CODES:
        markdown = markdown.replace(f"<!-- codes: {group} -->", code_table(group))
    return markdown


def on_post_page(output: str, *, page: Any, **_: Any) -> str:  # noqa: ANN401
    """Serve the French pages with ``lang="fr"`` (screen readers, hyphenation, spell checkers)."""
    if page.file.src_uri.startswith("fr/"):
        return output.replace('<html lang="en"', '<html lang="fr"', 1)
    return output
