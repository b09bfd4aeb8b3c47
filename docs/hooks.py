"""MkDocs hooks: pages under ``docs/fr/`` are served as French (``<html lang="fr">``).

The theme's locale is English for the rest. The generated parts of the pages (field tables,
``--help`` texts, error codes ...) are not made here but by ``scripts/regenerate.py`` and
committed, so that they read on the repository too.
"""

from __future__ import annotations

from typing import Any


def on_post_page(output: str, *, page: Any, **_: Any) -> str:  # noqa: ANN401
    """Serve the French pages with ``lang="fr"`` (screen readers, hyphenation, spell checkers)."""
    if page.file.src_uri.startswith("fr/"):
        return output.replace('<html lang="en"', '<html lang="fr"', 1)
    return output
