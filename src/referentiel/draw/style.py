"""The visual vocabulary of every figure: themes, provenance line styles, texts per language."""

from __future__ import annotations

from typing import Final

from referentiel.model import Origin, Status

__all__ = ["FONT", "LINE_STYLES", "TEXTS", "THEMES", "Theme", "text"]

#: Laid out with Helvetica metrics (Arimo's, which the embedded engine bundles).
FONT: Final = "Helvetica"
#: What the SVG names instead of Graphviz's "Helvetica,sans-Serif": metric-compatible fallbacks,
#: so that a viewer without Helvetica still fits the text in its boxes.
SVG_FONT_FAMILY: Final = "Helvetica,Arial,Arimo,'Liberation Sans','Nimbus Sans',sans-serif"

#: Border style of an element by how it is known: solid, dashed, dotted.
LINE_STYLES: Final[dict[Status, str]] = {
    Status.ATTESTED: "solid",
    Status.RECONSTRUCTED: "dashed",
    Status.ILLUSTRATIVE: "dotted",
}

Theme = dict[str, str]

#: The themes: colours of clusters and number discs by origin, and of the rest.
THEMES: Final[dict[str, Theme]] = {
    "colour": {
        "organisation": "#2c3e50",
        "situation": "#6b3a1e",
        "organisation_border": "#8fa3b8",
        "situation_border": "#b89a86",
        "dilemma": "#2f4f4f",
        "number_font": "white",
        "line": "#333333",
        "heading": "#555555",
        "count": "#555555",
        "fill": "white",
    },
    "bw": {
        "organisation": "black",
        "situation": "black",
        "organisation_border": "black",
        "situation_border": "black",
        "dilemma": "black",
        "number_font": "white",
        "line": "black",
        "heading": "black",
        "count": "black",
        "fill": "white",
    },
}

#: The figures' own words, in French and English.
TEXTS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "prescribed": "Travail prescrit",
        "real": "Travail réel",
        Origin.ORGANISATION.value: "Contradictions intrinsèques à l'organisation",
        Origin.SITUATION.value: "Contradictions liées aux situations professionnelles",
        "no-origin": "Origine non renseignée",
        "legend": "Légende",
        Status.ATTESTED.value: "attesté : nommé dans la source",
        Status.RECONSTRUCTED.value: "reconstruit : tiré du texte d'une source",
        Status.ILLUSTRATIVE.value: "illustratif : inventé pour l'exemple",
        "excerpt": "extrait",
        "excerpts": "extraits",
        "resources": "Acquis d'expérience",
        "links": "Liens entre tensions",
        "reinforces": "renforce",
        "conflicts-with": "s'oppose à",
        "derives-from": "découle de",
        "resembles": "ressemble à",
    },
    "en": {
        "prescribed": "Prescribed work",
        "real": "Real work",
        Origin.ORGANISATION.value: "Contradictions intrinsic to the organisation",
        Origin.SITUATION.value: "Contradictions linked to professional situations",
        "no-origin": "Origin not given",
        "legend": "Legend",
        Status.ATTESTED.value: "attested: named in the source",
        Status.RECONSTRUCTED.value: "reconstructed: derived from a source's text",
        Status.ILLUSTRATIVE.value: "illustrative: made up for the example",
        "excerpt": "excerpt",
        "excerpts": "excerpts",
        "resources": "Experience gained",
        "links": "Links between tensions",
        "reinforces": "reinforces",
        "conflicts-with": "conflicts with",
        "derives-from": "derives from",
        "resembles": "resembles",
    },
}


def text(key: str, language: str) -> str:
    """Return the figure text *key* in *language*, falling back to French."""
    return TEXTS.get(language, TEXTS["fr"]).get(key, TEXTS["fr"][key])
