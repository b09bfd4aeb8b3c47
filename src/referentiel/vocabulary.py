"""What users see, in one place: words in each language, colours of each theme, line styles.

Figures, tables, exports and plots take every word they show from :func:`word`, so that a
heading reads the same everywhere and one rule decides the language: the one asked for if the
library speaks it, else English (:data:`FALLBACK`). Labels the user wrote are not words of the
library: they come from the model (``label_in``), which falls back to the original text.
"""

from __future__ import annotations

from typing import Final, Protocol

from referentiel._enums import LinkKind, Origin, Side, Status

__all__ = [
    "FALLBACK",
    "LANGUAGES",
    "LINE_STYLES",
    "POINT_WORDS",
    "THEMES",
    "WORDS",
    "Labelled",
    "Theme",
    "shown_label",
    "word",
]


class Labelled(Protocol):
    """Anything with a label and its translations: a pole, a resource."""

    @property
    def label(self) -> str: ...  # noqa: D102 - the protocol's members are the model's

    @property
    def translations(self) -> tuple[tuple[str, str], ...]: ...  # noqa: D102

    def label_in(self, language: str | None) -> str: ...  # noqa: D102


#: The language of the library's words when the one asked for is not in :data:`WORDS`.
FALLBACK: Final = "en"

#: Every word the library shows, by language; each language has the same keys.
WORDS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        # the rows of the contradictions figure, and the poles in tables and plots
        Side.PRESCRIBED.value: "Travail prescrit",
        Side.REAL.value: "Travail réel",
        Side.FIRST.value: "Pôle 1",
        Side.SECOND.value: "Pôle 2",
        Side.BOTH.value: "Les deux pôles",
        # the groups of tensions
        Origin.ORGANISATION.value: "Contradictions intrinsèques à l'organisation",
        Origin.SITUATION.value: "Contradictions liées aux situations professionnelles affrontées "
        "et à leurs évolutions récentes",
        "no-origin": "Origine non renseignée",
        "dilemmas": "Dilemmes",
        # how an element is known
        "legend": "Légende",
        Status.ATTESTED.value: "attesté : nommé dans la source",
        Status.RECONSTRUCTED.value: "reconstruit : tiré du texte d'une source",
        Status.ILLUSTRATIVE.value: "illustratif : inventé pour l'exemple",
        "excerpt": "extrait",
        "excerpts": "extraits",
        "tie-reconstructed": "lien reconstruit",
        "ties-reconstructed": "liens reconstruits",
        "tie-illustrative": "lien illustratif",
        "ties-illustrative": "liens illustratifs",
        "translation-mark": "trad.",
        "grouping-reconstructed": "classement reconstruit",
        "grouping-illustrative": "classement illustratif",
        "legend-number": "cercle en tirets ou pointillés : numéro non donné par la source",
        "legend-grouping": "cadre en tirets ou pointillés : classement par origine non donné "
        "par la source",
        "legend-tie": "(n lien reconstruit, illustratif) : extraits rattachés à la tension ici, "
        "non par la source",
        "legend-translation": "libellés traduits ({source} → {target}) ; [{source}] : non traduit",
        "speakers": "loc.",
        "resources": "Acquis d'expérience",
        "links": "Liens entre tensions",
        LinkKind.REINFORCES.value: "renforce",
        LinkKind.CONFLICTS_WITH.value: "s'oppose à",
        LinkKind.DERIVES_FROM.value: "découle de",
        LinkKind.RESEMBLES.value: "ressemble à",
        LinkKind.REQUIRES.value: "nécessite",
        # the tableau de synthèse
        "number": "N°",
        "kind": "Type",
        "origin": "Origine",
        "first-pole": "Travail prescrit / pôle 1",
        "second-pole": "Travail réel / pôle 2",
        "provenance": "Provenance",
        "evidence": "Extraits",
        "tension": "Tension",
        "pole": "Pôle",
        "speaker": "Locuteur",
        "date": "Date",
        "method": "Méthode",
        "source": "Source",
        "quote": "Extrait",
        "translation": "Traduction",
        "tie": "Lien",
        "number_status": "Numéro",
        "origin_status": "Classement",
        "tensions-title": "Tableau de synthèse",
        "translated-labels": "libellés traduits",
        "evidence-title": "Extraits",
        "details": "Détails",
        "notes": "notes",
        "link-source": "De",
        "relation": "Relation",
        "link-target": "Vers",
        "links-title": "Liens",
        "assumptions-header": "Hypothèses",
        # the polarity map (Barry Johnson's), the mixed figure, the marks of a point's status
        "polarity-upsides": "Aspects positifs",
        "polarity-downsides": "Aspects négatifs",
        "polarity-action-steps": "Actions",
        "polarity-early-warnings": "Signaux d'alerte",
        "polarity-purpose": "But supérieur",
        "polarity-fear": "Peur profonde",
        "mark-attested": "attesté",
        "mark-reconstructed": "reconstruit",
        "mark-illustrative": "illustratif",
        "assumptions": "hypothèses",
        "goal-objective": "objectif",
        "goal-need": "besoin",
        # the interactive page
        "page-figures": "Figures",
        "page-language": "Langue",
        "page-search": "Rechercher dans les libellés et les extraits",
        "page-filters": "Filtres",
        "page-all": "tout",
        "page-status": "Statut",
        "page-shown": "{shown} tension(s) sur {total}",
        "page-found": "Tensions trouvées",
        "page-select": "Choisissez un pôle ou une tension dans la figure (clic, ou Tab puis "
        "Entrée) pour lire ses extraits.",
        "page-no-excerpt": "Aucun extrait.",
        "page-claims": "D'où vient chaque élément",
        "page-claim-tension": "la tension",
        "page-claim-number": "son numéro",
        "page-claim-origin": "son origine",
        "page-claim-pole": "le pôle",
        "page-claim-tie": "le lien de l'extrait à la tension",
        "page-justification": "justification",
        "page-locator": "repère",
        "page-note": "note",
        "page-original": "original",
        "page-page": "p.",
        "page-line": "l.",
        "page-characters": "caractères",
        "page-figure-contradictions": "Contradictions",
        "page-figure-dilemmas": "Dilemmes",
        "page-figure-graph": "Liens",
        "page-figure-mixed": "Contradictions et dilemmes",
        "page-figure-polarity": "Cartes de polarité",
        "page-kind-contradiction": "contradiction",
        "page-kind-dilemma": "dilemme",
        "page-colon": " : ",
        # the certification: its RACE table, its RNCP fields, its figure
        "race-title": "Référentiel d'activités, de compétences et d'évaluation",
        "race-bloc": "Bloc de compétences",
        "race-activities": "Activités",
        "race-competences": "Compétences",
        "race-modalities": "Modalités d'évaluation",
        "race-criteria": "Critères d'évaluation",
        "rncp-title": "Blocs de compétences (champs de la fiche RNCP)",
        "draft-mark": "brouillon",
        "tensions-answered": "Tensions du référentiel",
        # the accessible description of a figure (its <desc>)
        "figure-description": "Figure « {figure} » : {contradictions} contradiction(s), "
        "{dilemmas} dilemme(s).",
    },
    "en": {
        Side.PRESCRIBED.value: "Prescribed work",
        Side.REAL.value: "Real work",
        Side.FIRST.value: "Pole 1",
        Side.SECOND.value: "Pole 2",
        Side.BOTH.value: "Both poles",
        Origin.ORGANISATION.value: "Contradictions intrinsic to the organisation",
        Origin.SITUATION.value: "Contradictions linked to the professional situations faced and "
        "their recent evolution",
        "no-origin": "Origin not given",
        "dilemmas": "Dilemmas",
        "legend": "Legend",
        Status.ATTESTED.value: "attested: named in the source",
        Status.RECONSTRUCTED.value: "reconstructed: derived from a source's text",
        Status.ILLUSTRATIVE.value: "illustrative: made up for the example",
        "excerpt": "excerpt",
        "excerpts": "excerpts",
        "tie-reconstructed": "tie reconstructed",
        "ties-reconstructed": "ties reconstructed",
        "tie-illustrative": "tie illustrative",
        "ties-illustrative": "ties illustrative",
        "translation-mark": "translation",
        "grouping-reconstructed": "grouping reconstructed",
        "grouping-illustrative": "grouping illustrative",
        "legend-number": "dashed or dotted ring: number not given by the source",
        "legend-grouping": "dashed or dotted frame: grouping by origin not given by the source",
        "legend-tie": "(n ties reconstructed, illustrative): excerpts tied to the tension here, "
        "not by the source",
        "legend-translation": "labels translated ({source} → {target}); [{source}]: untranslated",
        "speakers": "spk.",
        "resources": "Experience gained",
        "links": "Links between tensions",
        LinkKind.REINFORCES.value: "reinforces",
        LinkKind.CONFLICTS_WITH.value: "conflicts with",
        LinkKind.DERIVES_FROM.value: "derives from",
        LinkKind.RESEMBLES.value: "resembles",
        LinkKind.REQUIRES.value: "requires",
        "number": "No.",
        "kind": "Kind",
        "origin": "Origin",
        "first-pole": "Prescribed work / pole 1",
        "second-pole": "Real work / pole 2",
        "provenance": "Provenance",
        "evidence": "Excerpts",
        "tension": "Tension",
        "pole": "Pole",
        "speaker": "Speaker",
        "date": "Date",
        "method": "Method",
        "source": "Source",
        "quote": "Excerpt",
        "translation": "Translation",
        "tie": "Tie",
        "number_status": "Number",
        "origin_status": "Grouping",
        "tensions-title": "Summary table",
        "translated-labels": "labels translated",
        "evidence-title": "Excerpts",
        "details": "Details",
        "notes": "notes",
        "link-source": "From",
        "relation": "Relation",
        "link-target": "To",
        "links-title": "Links",
        "assumptions-header": "Assumptions",
        "polarity-upsides": "Upsides",
        "polarity-downsides": "Downsides",
        "polarity-action-steps": "Action steps",
        "polarity-early-warnings": "Early warnings",
        "polarity-purpose": "Greater purpose",
        "polarity-fear": "Deeper fear",
        "mark-attested": "attested",
        "mark-reconstructed": "reconstructed",
        "mark-illustrative": "illustrative",
        "assumptions": "assumptions",
        "goal-objective": "objective",
        "goal-need": "need",
        "page-figures": "Figures",
        "page-language": "Language",
        "page-search": "Search labels and excerpts",
        "page-filters": "Filters",
        "page-all": "all",
        "page-status": "Status",
        "page-shown": "{shown} of {total} tension(s)",
        "page-found": "Tensions found",
        "page-select": "Select a pole or a tension in the figure (click, or Tab then Enter) to "
        "read its excerpts.",
        "page-no-excerpt": "No excerpt.",
        "page-claims": "Where each claim comes from",
        "page-claim-tension": "the tension",
        "page-claim-number": "its number",
        "page-claim-origin": "its origin",
        "page-claim-pole": "the pole",
        "page-claim-tie": "the excerpt's tie to the tension",
        "page-justification": "justification",
        "page-locator": "locator",
        "page-note": "note",
        "page-original": "original",
        "page-page": "p.",
        "page-line": "l.",
        "page-characters": "characters",
        "page-figure-contradictions": "Contradictions",
        "page-figure-dilemmas": "Dilemmas",
        "page-figure-graph": "Links",
        "page-figure-mixed": "Contradictions and dilemmas",
        "page-figure-polarity": "Polarity maps",
        "page-kind-contradiction": "contradiction",
        "page-kind-dilemma": "dilemma",
        "page-colon": ": ",
        "race-title": "Activities, competences and evaluation",
        "race-bloc": "Bloc de compétences",
        "race-activities": "Activities",
        "race-competences": "Competences",
        "race-modalities": "Evaluation modalities",
        "race-criteria": "Evaluation criteria",
        "rncp-title": "Blocs de compétences (RNCP fields)",
        "draft-mark": "draft",
        "tensions-answered": "Tensions of the framework",
        "figure-description": "Figure “{figure}”: {contradictions} contradiction(s), "
        "{dilemmas} dilemma(s).",
    },
}

#: The word that names each field of a polarity map (a pole's or a dilemma's), by field name.
POINT_WORDS: Final = {
    "upsides": "polarity-upsides",
    "downsides": "polarity-downsides",
    "action_steps": "polarity-action-steps",
    "early_warnings": "polarity-early-warnings",
    "greater_purpose": "polarity-purpose",
    "deeper_fear": "polarity-fear",
}

#: The languages the library's own words are written in.
LANGUAGES: Final = tuple(WORDS)


def shown_label(item: Labelled, language: str, original: str) -> str:
    """Return *item*'s label in *language*; one left in the *original* language says so.

    >>> from referentiel.model import Pole
    >>> pole = Pole(label="Prescrit", translations=(("en", "Prescribed"),))
    >>> shown_label(pole, "en", "fr"), shown_label(pole, "de", "fr"), shown_label(pole, "fr", "fr")
    ('Prescribed', 'Prescrit [fr]', 'Prescrit')
    """
    if language == original or any(code == language for code, _ in item.translations):
        return item.label_in(language)
    return f"{item.label} [{original}]"


def word(key: str, language: str | None) -> str:
    """Return the library's word *key* in *language*, or in English if it has no such language.

    >>> word("real", "fr"), word("real", "en"), word("real", "de")
    ('Travail réel', 'Real work', 'Real work')
    """
    return WORDS.get(language or FALLBACK, WORDS[FALLBACK])[key]


#: Border style of an element by how it is known: solid, dashed, dotted.
LINE_STYLES: Final[dict[Status, str]] = {
    Status.ATTESTED: "solid",
    Status.RECONSTRUCTED: "dashed",
    Status.ILLUSTRATIVE: "dotted",
}

Theme = dict[str, str]

#: The themes: colours of groups and number discs by origin, and of the rest.
THEMES: Final[dict[str, Theme]] = {
    "colour": {
        Origin.ORGANISATION.value: "#2c3e50",
        Origin.SITUATION.value: "#6b3a1e",
        "organisation_border": "#8fa3b8",
        "situation_border": "#b89a86",
        "dilemma": "#2f4f4f",
        "number_font": "white",
        "line": "#333333",
        "heading": "#555555",
        "count": "#555555",
        "fill": "white",
        # second series of bar charts (real / second pole)
        "second": "#b5651d",
    },
    "bw": {
        Origin.ORGANISATION.value: "black",
        Origin.SITUATION.value: "black",
        "organisation_border": "black",
        "situation_border": "black",
        "dilemma": "black",
        "number_font": "white",
        "line": "black",
        "heading": "black",
        "count": "black",
        "fill": "white",
        "second": "#777777",
    },
}
