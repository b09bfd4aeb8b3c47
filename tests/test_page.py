"""The interactive page: one self-contained HTML file, checked as text and driven in Chromium.

The browser tests run Debian's Chromium through Playwright; they are required in CI
(``REFERENTIEL_REQUIRE_BROWSER=1``, set by ``.ci/run``, which installs Chromium) and skipped
elsewhere when no Chromium is found, saying so. With ``REFERENTIEL_SCREENSHOTS=DIR`` they also
save the screenshots the docs show into DIR.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import referentiel as ref
from referentiel.draw.nodes import node_name
from tests.test_export import HOSTILE_TEXTS

ROOT = Path(__file__).resolve().parent.parent
CUSTOMER = ref.load(ROOT / "examples" / "customer-relations.yaml")
KINE_FILE = ROOT / "examples" / "kinesitherapy.yaml"
KINE = ref.load(KINE_FILE)
#: The hostile texts the export tests use, and some aimed at a page's script and markup.
HOSTILE = [
    *HOSTILE_TEXTS,
    "</script><script>alert(2)</script>",
    '<img src=x onerror="alert(3)">',
    "]]><!-- comment --> & &amp; \"quoted\" 'single'",
    "{{constructor.constructor('alert(4)')()}} ${alert(5)}",
]


def _page(framework: ref.Framework, **options: Any) -> str:
    return ref.render(framework, format="html", **options).decode("utf-8")


def _unpack(packed: str) -> str:
    return gzip.decompress(base64.b64decode(packed, validate=True)).decode("utf-8")


def _data(page: str) -> Any:
    block = re.search(r'<template id="referentiel-data">([A-Za-z0-9+/=]*)</template>', page)
    assert block is not None
    return json.loads(_unpack(block[1]))


def _figures(page: str) -> dict[tuple[str, str], str]:
    """The page's figures, unpacked, by figure kind and language."""
    found = re.findall(
        r'<template data-figure="(\w+)" data-lang="(\w+)"(?: data-first)?>([A-Za-z0-9+/=]*)<', page
    )
    return {(kind, lang): _unpack(packed) for kind, lang, packed in found}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# -- the file --------------------------------------------------------------------------------


def test_the_page_fetches_nothing_and_allows_only_its_own_inline_code() -> None:
    page = _page(CUSTOMER)
    # nothing to fetch: no src, href, url(), @import, nor any address but the SVG namespaces
    assert re.findall(r"\s(?:src|href|xlink:href|action|srcset|poster)\s*=", page) == []
    assert "url(" not in page and "@import" not in page
    assert re.findall(r"https?://", page) == []
    for svg in _figures(page).values():  # the SVG namespace, never fetched
        assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) == {"http://www.w3.org/2000/svg"}
    # the policy names the hashes of the one script and the one stylesheet, and nothing else
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(script) == 1 and len(style) == 1

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy[1] == (
        f"default-src 'none'; script-src 'sha256-{digest(script[0])}'; "
        f"style-src 'sha256-{digest(style[0])}'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    assert ' style="' not in page  # inline style attributes would need 'unsafe-inline'


def test_the_page_holds_every_figure_kind_in_every_language() -> None:
    customer = _page(CUSTOMER)
    assert list(_figures(customer)) == [("contradictions", "fr"), ("contradictions", "en")]
    kine = _page(KINE, language="en")
    assert re.findall(r'<template data-figure="(\w+)" data-lang="(\w+)"( data-first)?', kine) == [
        ("dilemmas", "fr", ""),
        ("dilemmas", "en", " data-first"),  # --lang en: English first
        ("graph", "fr", ""),
        ("graph", "en", ""),
    ]
    assert '<html lang="en">' in kine


def test_each_pole_node_says_which_tension_and_pole_it_draws() -> None:
    page = _figures(_page(CUSTOMER))[("contradictions", "fr")]
    c5 = CUSTOMER.tensions.index(CUSTOMER["c5"])
    node = re.search(
        rf'<g id="f0fr-node\d+" class="node selectable" data-side="prescribed" '
        rf'data-index="{c5}" tabindex="0" role="button" '
        r'aria-label="5\. Travail prescrit — Respect des procédures">\s*<title>5\. Travail prescrit '
        r"— Respect des procédures</title>",
        page,
    )
    assert node is not None
    # Graphviz's own node names (t4_p, b0_numbers ...) are not shown as tooltips
    assert "<title>t4_p</title>" not in page and "<title>b0_numbers</title>" not in page


def test_nodes_are_named_by_the_tension_s_place_in_the_framework_whatever_its_kind() -> None:
    """In a mixed framework the contradictions figure numbered its nodes among contradictions."""
    mixed = attrs.evolve(CUSTOMER, tensions=(KINE.dilemmas[0], CUSTOMER["c5"]))
    dot = ref.to_dot(mixed, figure="contradictions")
    assert f"{node_name(1, ref.Side.PRESCRIBED)} [label=<Respect des procédures" in dot
    figures = _figures(_page(mixed))
    assert 'data-side="prescribed" data-index="1"' in figures[("contradictions", "fr")]
    assert 'data-side="first" data-index="0"' in figures[("dilemmas", "fr")]


def test_hostile_text_stays_text_in_the_data_and_the_figures() -> None:
    poles = [ref.Pole(label=text) for text in HOSTILE]
    tensions = tuple(
        attrs.evolve(
            CUSTOMER.contradictions[1],
            id=f"c{i}",
            number=i + 1,
            prescribed=poles[i],
            evidence=(ref.Evidence(quote=text, speaker=text, supports=ref.Side.REAL),),
        )
        for i, text in enumerate(HOSTILE)
    )
    framework = attrs.evolve(CUSTOMER, title=HOSTILE[-4], tensions=tensions, links=())
    page = _page(framework)
    assert page.lower().count("<script") == 1  # the page's own: data and figures are packed
    data = _data(page)
    assert [t["poles"][0]["label"]["fr"] for t in data["tensions"]] == HOSTILE
    assert [t["evidence"][0]["quote"] for t in data["tensions"]] == HOSTILE
    svg = _figures(page)[("contradictions", "fr")]
    assert "<script" not in svg and "<img" not in svg  # escaped by the engine and ElementTree
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_the_cli_writes_the_page_and_refuses_a_bad_figure(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    done = subprocess.run(
        [sys.executable, "-m", "referentiel", "render", str(KINE_FILE), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="fr">')
    with pytest.raises(ref.UnsupportedFormatError, match="unknown figure: 'map'"):
        ref.render(KINE, format="html", figure="map")


# -- in a browser ------------------------------------------------------------------------------


def _chromium() -> str:
    found = os.environ.get("REFERENTIEL_CHROMIUM") or shutil.which("chromium")
    if found is None or not found:
        if os.environ.get("REFERENTIEL_REQUIRE_BROWSER"):
            pytest.fail("Chromium is not installed (apt-get install chromium)")
        pytest.skip("no Chromium to drive the page in (Debian: apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    playwright = pytest.importorskip("playwright.sync_api", reason="the test extra has it")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


class Visit:
    """A page open in the browser, with what it logged and requested."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000}, **context)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready=true]")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)  # an alert() from hostile text: the test fails
        dialog.dismiss()

    def text(self, selector: str) -> str:
        text: str = self.page.locator(selector).inner_text()
        return text

    def clean(self) -> None:
        """Nothing logged as an error, no dialog, and no request but the file itself."""
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]

    def shot(self, name: str, tmp_path: Path) -> None:
        path = tmp_path / name
        self.page.screenshot(path=str(path))
        wanted = os.environ.get("REFERENTIEL_SCREENSHOTS")
        if wanted:
            Path(wanted).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(wanted) / name)


def _write(framework: ref.Framework, tmp_path: Path, **options: Any) -> Path:
    path = tmp_path / "page.html"
    ref.render(framework, path, **options)
    return path


def _dimmed(visit: Visit) -> set[int]:
    indexes = visit.page.eval_on_selector_all(
        "#page-figure .dimmed", "nodes => nodes.map(n => Number(n.dataset.index))"
    )
    return set(indexes)


def test_selecting_a_pole_shows_its_excerpts(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _write(CUSTOMER, tmp_path))
    c5 = CUSTOMER.tensions.index(CUSTOMER["c5"])
    visit.page.click(f'#page-figure [data-index="{c5}"][data-side="prescribed"]')
    assert visit.text("#page-evidence h2") == (
        "5. Respect des procédures / Réalisation de son travail de conseiller"
    )
    assert visit.text("#page-evidence .pole") == "Travail prescrit — Respect des procédures"
    quotes = visit.page.locator("#page-evidence .excerpts > li > blockquote").all_inner_texts()
    assert quotes == [e.quote for e in CUSTOMER["c5"].evidence]
    facts = visit.page.locator("#page-evidence .excerpts > li:first-child dd").all_inner_texts()
    assert facts[:3] == [
        "C.",
        "2021-11-30",
        "Extrait de l'IS de C., 30 novembre 2021 (cité par Balas et Touzet).",
    ]
    claims = visit.text("#page-evidence > ul.claims")
    assert claims.startswith(
        "la tension — attesté : nommé dans la source · repère : Analyse du travail des "
        "conseillers, after Figure 2\nSource : balas-touzet"
    )
    assert "son origine — reconstruit : tiré du texte d'une source" in claims
    selected = visit.page.eval_on_selector_all(
        "#page-figure .selected", "nodes => nodes.map(n => n.getAttribute('aria-label'))"
    )
    assert selected == ["5. Travail prescrit — Respect des procédures"]
    visit.shot("page-selected.png", tmp_path)
    # printed: the figure and the selected tension's evidence, not the controls
    visit.page.emulate_media(media="print")
    assert visit.page.is_hidden("#page-controls") and visit.page.is_hidden("#page-tabs")
    assert visit.page.is_visible("#page-figure svg") and visit.page.is_visible("#page-evidence")
    visit.clean()


def test_the_keyboard_reaches_and_selects_a_pole(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _write(CUSTOMER, tmp_path))
    stops = []  # the number discs select a whole tension; go on to the first pole
    for _ in range(40):
        visit.page.keyboard.press("Tab")
        stops.append(visit.page.evaluate("document.activeElement.getAttribute('aria-label')"))
        if visit.page.evaluate("document.activeElement.dataset.side !== undefined"):
            break
    assert stops[:2] == [None, None] and stops[-1] is not None  # language, then the tab
    label = visit.page.evaluate("document.activeElement.getAttribute('aria-label')")
    focused = visit.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused == "solid"  # the focus is visible
    visit.page.keyboard.press("Enter")
    assert visit.text("#page-evidence .pole") == label.split(". ", 1)[1]
    visit.clean()


def test_search_and_filters_narrow_what_is_shown(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _write(CUSTOMER, tmp_path))
    every = set(range(len(CUSTOMER.tensions)))
    assert visit.text("#page-count") == "6 tension(s) sur 6"
    visit.page.fill("#page-search", "MINUTES")  # case and accents do not matter
    wanted = {
        i
        for i, t in enumerate(CUSTOMER.tensions)
        if any("minutes" in _fold(e.quote) for e in t.evidence)
        or any("minutes" in _fold(p.label) for p in t.poles)
    }
    assert wanted == {CUSTOMER.tensions.index(CUSTOMER["c5"])}
    assert _dimmed(visit) == every - wanted
    assert visit.text("#page-count") == "1 tension(s) sur 6"
    visit.page.fill("#page-search", "")
    visit.page.select_option("#page-filter-status", "attested")
    attested = {
        i for i, t in enumerate(CUSTOMER.tensions) if t.provenance.status.value == "attested"
    }
    assert attested == {1, 4}
    assert _dimmed(visit) == every - attested
    visit.page.select_option("#page-filter-origin", "situation")
    assert _dimmed(visit) == every  # no attested contradiction has the situations as origin
    visit.page.select_option("#page-filter-status", "")
    situation = {
        i for i, t in enumerate(CUSTOMER.contradictions) if t.origin == ref.Origin.SITUATION
    }
    assert _dimmed(visit) == every - situation
    visit.page.fill("#page-search", "client")
    visit.shot("page-searched-filtered.png", tmp_path)
    visit.clean()


def test_the_language_switch_changes_labels_and_marks_translations(
    browser: Any,
    tmp_path: Path,
) -> None:
    c5 = CUSTOMER["c5"]
    english = (  # our translation, for the test: the page must mark it as one
        "There will be times when you need 3, 4, 5 minutes to check a piece of information, or "
        "to validate your GCC, or to go to the toilet for example, so those are minutes you will "
        "have to make up, you always have to make up the minutes"
    )
    translated = attrs.evolve(c5.evidence[2], translations=(("en", english),))
    framework = attrs.evolve(
        CUSTOMER,
        tensions=tuple(
            attrs.evolve(t, evidence=(*c5.evidence[:2], translated)) if t is c5 else t
            for t in CUSTOMER.tensions
        ),
    )
    visit = Visit(browser, _write(framework, tmp_path))
    visit.page.select_option("#page-lang", "en")
    visit.page.wait_for_selector("html[data-shown=en]")
    assert visit.text("h1") == "Professional contradictions of customer-relations advisers"
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    assert "Following procedures" in visit.text("#page-figure")
    assert visit.text("#page-count") == "6 of 6 tension(s)"
    index = framework.tensions.index(framework["c5"])
    visit.page.click(f'#page-figure [data-index="{index}"][data-side="real"]')
    assert visit.text("#page-evidence .pole") == "Real work — Doing one's work as an adviser"
    last = "#page-evidence .excerpts > li:last-child"
    assert visit.page.locator(f"{last} > .mark").all_inner_texts() == [
        "translation:",
        "original:",
    ]
    assert visit.page.locator(f"{last} > blockquote").all_inner_texts() == [
        english,
        c5.evidence[2].quote,
    ]
    visit.page.locator(last).scroll_into_view_if_needed()
    visit.shot("page-english.png", tmp_path)
    visit.clean()


def test_hostile_text_is_shown_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    tensions = tuple(
        attrs.evolve(
            CUSTOMER.contradictions[1],
            id=f"c{i}",
            number=i + 1,
            prescribed=ref.Pole(label=text),
            evidence=(ref.Evidence(quote=text, speaker=text, supports=ref.Side.PRESCRIBED),),
        )
        for i, text in enumerate(HOSTILE)
    )
    framework = attrs.evolve(CUSTOMER, title=HOSTILE[-4], tensions=tensions, links=())
    visit = Visit(browser, _write(framework, tmp_path))
    for i, text in enumerate(HOSTILE):
        visit.page.click(f'#page-figure [data-index="{i}"][data-side="prescribed"]')
        shown = visit.page.locator("#page-evidence .excerpts blockquote").inner_text()
        # the browser shows the text itself (its line breaks may render as spaces)
        assert shown.split() == text.split(), text
    assert visit.page.evaluate("document.querySelectorAll('script').length") == 1
    assert visit.page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    visit.clean()


def test_the_page_shows_in_a_notebook_frame_that_may_only_run_its_script(
    browser: Any, tmp_path: Path
) -> None:
    notebook = tmp_path / "notebook.html"
    notebook.write_text(
        f"<!DOCTYPE html><html><body>{ref.page(KINE)._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    visit = browser.new_page()
    errors: list[str] = []
    visit.on("pageerror", lambda e: errors.append(str(e)))
    visit.goto(notebook.as_uri())
    frame = visit.frames[1]
    frame.wait_for_selector("html[data-ready=true]")
    assert frame.locator("[role=tab]").all_inner_texts() == ["Dilemmes", "Liens"]
    assert visit.locator("iframe").get_attribute("sandbox") == "allow-scripts"
    assert errors == []


def test_the_kind_and_source_filters_narrow_what_is_shown(browser: Any, tmp_path: Path) -> None:
    mixed = ref.load(ROOT / "examples" / "mixed.yaml")
    visit = Visit(browser, _write(mixed, tmp_path))
    tabs = visit.page.locator("[role=tab]").all_inner_texts()
    assert tabs == ["Contradictions et dilemmes", "Contradictions", "Dilemmes", "Liens"]
    visit.page.select_option("#page-filter-kind", "dilemma")
    assert _dimmed(visit) == {0, 1}  # the two contradictions
    assert visit.text("#page-count") == "1 tension(s) sur 3"
    visit.clean()
    customer = Visit(browser, _write(CUSTOMER, tmp_path))
    customer.page.select_option("#page-filter-source", "is-b")
    backed = {
        i for i, t in enumerate(CUSTOMER.tensions) if any(e.source == "is-b" for e in t.evidence)
    }
    assert backed == {4}
    assert _dimmed(customer) == set(range(len(CUSTOMER.tensions))) - backed
    customer.clean()
