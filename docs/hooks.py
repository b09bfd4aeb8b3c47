"""MkDocs hooks: parts of the docs generated from the code, so that they never go stale.

- ``<!-- schema-fields -->``: a table per class of the file format, from the JSON Schema;
- ``<!-- cli-help -->``: every command's ``--help``.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from referentiel.cli import _parser
from referentiel.io.schema import json_schema


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
    return markdown.replace("<!-- schema-fields -->", _fields()).replace(
        "<!-- cli-help -->", _cli_help()
    )
