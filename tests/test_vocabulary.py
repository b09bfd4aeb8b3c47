"""Every word users see is in each language, and one rule picks the language."""

from __future__ import annotations

import pytest

import referentiel as ref
from referentiel.vocabulary import FALLBACK, LINE_STYLES, THEMES, WORDS, word


def test_every_language_has_the_same_words() -> None:
    keys = {language: set(words) for language, words in WORDS.items()}
    assert keys["fr"] == keys["en"]
    assert all(text.strip() for words in WORDS.values() for text in words.values())


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Dilemmes"), ("en", "Dilemmas"), ("de", "Dilemmas"), (None, "Dilemmas")],
)
def test_unknown_languages_fall_back_to_english(language: str | None, expected: str) -> None:
    assert FALLBACK == "en"
    assert word("dilemmas", language) == expected


def test_every_status_has_a_line_style_and_every_theme_the_same_colours() -> None:
    assert set(LINE_STYLES) == set(ref.Status)
    assert set(THEMES["colour"]) == set(THEMES["bw"])


def test_figures_tables_and_mermaid_share_the_words() -> None:
    kine = ref.load("examples/kinesitherapy.yaml")
    assert '"Dilemmas"' in ref.export_text(kine, "mermaid", language="en")
    assert '"Dilemmes"' in ref.export_text(kine, "mermaid")
    markdown = ref.export_text(kine, "markdown", language="en")
    assert "| No. | Origin | Prescribed work / pole 1 |" in markdown
    assert word("legend", "en") in ref.to_dot(kine, language="en")
