"""The documentation names every error code the library reports, and its examples stay true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import referentiel as ref

ROOT = Path(__file__).resolve().parent.parent
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
ERRORS_PAGE = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")

CODES = [
    "encoding",
    "yaml-syntax",
    "yaml-alias",
    "yaml-tag",
    "json-syntax",
    "duplicate-key",
    "empty-file",
    "unknown-key",
    "missing-key",
    "wrong-type",
    "unknown-value",
    "invalid-value",
    "duplicate-id",
    "duplicate-number",
    "bad-number",
    "empty-pole",
    "identical-poles",
    "missing-origin",
    "unknown-source",
    "missing-justification",
    "empty-quote",
    "wrong-pole",
    "unknown-link-end",
    "self-link",
    "duplicate-link",
    "numbering-gap",
    "no-evidence",
    "unknown-acknowledgement",
    "qdpx",
    "qdpx-size",
    "qdpx-xml",
    "qdpx-mapping",
    "qdpx-offsets",
]


@pytest.mark.parametrize("code", CODES)
def test_every_code_is_documented_and_used(code: str) -> None:
    assert f'"{code}"' in SOURCES, f"{code} is no longer reported: update the docs and this list"
    assert f"| `{code}` |" in ERRORS_PAGE


def test_every_check_code_is_in_the_list() -> None:
    checks = (ROOT / "src" / "referentiel" / "validate.py").read_text(encoding="utf-8")
    used = set(re.findall(r'_(?:error|warning)\(\s*"([a-z-]+)"', checks))
    used |= set(re.findall(r'"([a-z-]+)",\n\s+"(?:tension|source|evidence|link)', checks))
    assert used <= set(CODES)
    assert ref.validate.__module__ == "referentiel.validate"
    assert set(ref.Report.__module__.split(".")) == {"referentiel", "validate"}


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    import inspect

    # Tension is a type alias and __version__ a string: both are documented where defined
    missing = [
        name
        for name in ref.__all__
        if name not in ("Tension", "__version__")
        and ">>>" not in (inspect.getdoc(getattr(ref, name)) or "")
    ]
    assert missing == []
