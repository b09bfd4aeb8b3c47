"""The documentation names every error code the library reports, and its examples stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

import referentiel as ref
from referentiel.io.formats import exports

ROOT = Path(__file__).resolve().parent.parent
ERRORS_PAGE = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")


def _module(path: str) -> Any:
    spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_code_is_in_one_registry_and_documented() -> None:
    made = _module("scripts/regenerate.py")
    every = [c for group in made.CODES.values() for c in group]
    names = [c.code for c in every]
    assert len(names) == len(set(names)), "a code is registered twice"
    assert all(c.meaning and c.fix for c in every)
    for group in made.CODES:
        table = made.code_table(group)
        assert f"<!-- generated: codes: {group} -->\n{table}\n<!-- end generated -->" in ERRORS_PAGE
        assert [line.split("`")[1] for line in table.splitlines()[2:]] == [
            c.code for c in made.CODES[group]
        ]


def test_issues_are_made_only_from_registered_codes() -> None:
    """No module builds an Issue from a literal code: each goes through a registry's Code."""
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "src").rglob("*.py")
        if path.name != "issues.py"
        and re.search(r"\bIssue\(|code=\"[a-z-]+\", severity", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert ref.validate.__module__ == "referentiel.validate"
    assert ref.Report.__module__ == "referentiel.issues"


def test_the_docs_tables_come_from_the_registries() -> None:
    made = _module("scripts/regenerate.py")
    formats = made.formats_table()
    for fmt in exports():
        assert f"| {fmt.name} | " in formats
    assert "| dot | `.dot`, `.gv` |" in formats
    assert formats in (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    figures = made.figures_list()
    assert figures.splitlines()[1].startswith("- `contradictions`: contradictions by origin")
    assert figures in (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    limits = made.limits_table().splitlines()
    assert limits[2].startswith(
        "| a framework, mapping or graph file (or standard input) | 256 MiB"
    )
    assert limits[3].startswith("| nesting of mappings and lists | 64 levels |")
    assert "\n".join(limits) in ERRORS_PAGE


def test_generated_regions_are_remade_and_an_unknown_one_is_refused() -> None:
    made = _module("scripts/regenerate.py")
    page = "# T\n\n<!-- generated: figures -->\nstale text\n<!-- end generated -->\n\nAfter.\n"
    assert made.regenerated(page) == (
        f"# T\n\n<!-- generated: figures -->\n{made.figures_list()}\n<!-- end generated -->"
        "\n\nAfter.\n"
    )
    with pytest.raises(SystemExit, match="unknown generated region 'figure' "):
        made.regenerated("<!-- generated: figure -->\n<!-- end generated -->")


def test_the_field_tables_are_in_the_committed_page() -> None:
    """They read on the repository, not only in the built site; CI checks they are current."""
    made = _module("scripts/regenerate.py")
    page = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    assert made.fields_tables(ref.json_schema(), "Framework") in page
    assert "| `prescribed` | [Pole](#pole) | yes |" in page


def test_the_gallery_draws_every_kind_theme_and_language_of_the_examples() -> None:
    made = _module("scripts/regenerate.py")
    shown = {(e, k, t, lang) for e, k, t, lang, _ in made.gallery()}
    assert shown == {
        (example, kind, theme, language)
        for example, kinds in (
            ("customer-relations", ("contradictions", "graph")),
            ("kinesitherapy", ("dilemmas", "graph")),
            ("mixed", ("mixed", "contradictions", "dilemmas", "graph")),
            ("polarity-map", ("polarity", "dilemmas", "graph")),
            ("evaporating-cloud", ("dilemmas", "graph")),
        )
        for kind in kinds
        for theme in ("colour", "bw")
        for language in ("fr", "en")
    }
    page = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for *_, path in made.gallery():  # that the files are current, CI checks (--check)
        assert f"]({path.relative_to(ROOT / 'docs').as_posix()})" in page


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


def test_docstring_examples_render_as_code_and_roles_as_links() -> None:
    pytest.importorskip("griffe", reason="the docs extra (mkdocstrings) brings griffe")
    spec = importlib.util.spec_from_file_location(
        "griffe_doctest", ROOT / "docs" / "griffe_doctest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (
        "Read *path*; see :func:`~referentiel.save` and :exc:`FileFormatError`.\n\n"
        ">>> ref.load('f.yaml').title\n'Titre'\n>>> print([1, 2])\n[1, 2]\n\nAfter."
    )
    assert module.as_markdown(text) == (
        "Read *path*; see [`save`][referentiel.save] and `FileFormatError`.\n\n"
        "```pycon\n>>> ref.load('f.yaml').title\n'Titre'\n>>> print([1, 2])\n[1, 2]\n```\n\nAfter."
    )


def test_every_framework_written_in_the_docs_is_valid() -> None:
    """The YAML examples of the pages (English and French) load and validate without error."""
    checked = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            if re.search(r"^framework: ", block, re.M):  # a certification: test_certification
                continue
            if re.search(r"^id: ", block, re.M) and re.search(r"^title: ", block, re.M):
                report = ref.validate(ref.loads(block, filename=str(page)))
                assert report.errors == (), (page, str(report))
                checked.append(page.relative_to(ROOT).as_posix())
    assert "docs/fr/index.md" in checked


def test_every_public_name_is_in_a_module_the_api_page_documents() -> None:
    """write_csv, plot_evidence ... were missing from the API page: their modules were not in it."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: ([\w.]+)$", page, re.M))
    missing = []
    for name in dir(ref):
        module = getattr(getattr(ref, name), "__module__", None)
        if (
            name.startswith("_")
            or not isinstance(module, str)
            or not module.startswith("referentiel")
        ):
            continue
        if any(part.startswith("_") for part in module.split(".")):  # re-exported by a public one
            continue
        if module not in documented:
            missing.append(f"{name} ({module})")
    assert missing == []


def test_the_french_pages_are_served_as_french() -> None:
    pytest.importorskip("mkdocs", reason="the docs extra brings mkdocs, which the hooks import")
    hooks = _module("docs/hooks.py")

    class Page:
        def __init__(self, uri: str) -> None:
            self.file = type("File", (), {"src_uri": uri})()

    html = '<!DOCTYPE html>\n<html lang="en" data-bs-theme="light">'
    assert hooks.on_post_page(html, page=Page("fr/index.md")) == html.replace("en", "fr", 1)
    assert hooks.on_post_page(html, page=Page("index.md")) == html


def test_the_citation_file_has_what_cff_1_2_requires_and_the_package_version() -> None:
    """CFF 1.2.0's required keys and our version (CI also runs cffconvert, in its own venv)."""
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff)
    assert all(("name" in a) or ("family-names" in a) for a in cff["authors"])
    assert cff["version"] == ref.__version__
    assert cff["license"] == "MIT"


def test_the_readme_links_work_on_a_package_index_page() -> None:
    """PyPI shows the README away from the repository: every link is absolute, to a real file."""
    import tomllib

    source = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    repo = source["urls"]["Source"]
    raw = repo.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"(!?)\[[^\]]*\]\(([^)\s]+)\)", readme)
    assert len(links) >= 10
    # the drawn figures count as there even where they are not (a checker deletes them, to
    # see the quick start draw them anew): CI checks that they are committed and current
    drawn = {path for *_, path in _module("scripts/regenerate.py").gallery()}
    for image, target in links:
        prefixes = (raw,) if image else (f"{repo}/blob/main/", f"{repo}/tree/main/")
        prefix = next((p for p in prefixes if target.startswith(p)), None)
        assert prefix is not None, target
        path = ROOT / target.removeprefix(prefix)
        assert path.exists() or path in drawn, target
