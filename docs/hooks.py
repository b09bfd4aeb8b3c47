"""MkDocs hooks: the notebooks of ``examples/`` as pages, and the French pages served as French.

- The notebooks stay in ``examples/``, beside the files they read, and are added to the site
  from there, before mkdocs-jupyter runs: it executes each in its own folder, so the outputs in
  the site are made by the build.
- Pages under ``docs/fr/`` are served with ``<html lang="fr">``; the theme's locale is English.

The generated parts of the pages (field tables, ``--help`` texts, error codes ...) are not made
here but by ``scripts/regenerate.py`` and committed, so that they read on the repository too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: The notebooks shown in the site, as the nav names them.
NOTEBOOKS = ("tutorial.ipynb", "qda-project.ipynb")


@event_priority(100)  # before mkdocs-jupyter turns notebooks into pages
def on_files(files: Files, *, config: Any, **_: Any) -> Files:  # noqa: ANN401
    """Add the example notebooks to the site's files."""
    for name in NOTEBOOKS:
        files.append(File(name, str(EXAMPLES), config["site_dir"], config["use_directory_urls"]))
    return files


def on_post_page(output: str, *, page: Any, **_: Any) -> str:  # noqa: ANN401
    """Serve the French pages with ``lang="fr"`` (screen readers, hyphenation, spell checkers)."""
    if page.file.src_uri.startswith("fr/"):
        return output.replace('<html lang="en"', '<html lang="fr"', 1)
    return output
