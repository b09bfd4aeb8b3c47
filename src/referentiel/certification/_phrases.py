"""The phrases of a drafted certification, in each language a draft can be written in."""

from __future__ import annotations

from typing import Final

__all__ = ["LANGUAGES", "PHRASES"]

#: Every phrase of a draft, by language; ``{a}`` and ``{b}`` are the two poles' labels.
PHRASES: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "title": "Référentiel de certification (brouillon) : {title}",
        "bloc-organisation": "Concilier les prescriptions de l'organisation et le travail réel",
        "bloc-situation": "Faire face aux situations professionnelles et à leurs évolutions",
        "bloc-none": "Tenir les autres contradictions du métier",
        "bloc-dilemma": "Arbitrer les dilemmes du métier",
        "activity": "Agir entre « {a} » et « {b} »",
        "situation-contradiction": "Situation de travail où la prescription « {a} » se heurte "
        "au travail réel « {b} » (contradiction {n}).",
        "situation-dilemma": "Situation de travail où il faut choisir entre « {a} » "
        "et « {b} » (dilemme {n}).",
        "adjust": "Ajuster",
        "adjust-object": "la prescription « {a} » aux exigences du travail réel « {b} »",
        "arbitrate": "Arbitrer",
        "arbitrate-object": "entre « {a} » et « {b} »",
        "purpose-contradiction": "pour tenir la qualité du travail quand prescription et "
        "réalité divergent",
        "purpose-dilemma": "pour tenir les deux exigences sans en sacrifier aucune",
        "purpose-greater": "au service de « {p} »",
        "criterion-contradiction": "Explicite l'écart entre « {a} » et « {b} » et justifie "
        "l'ajustement choisi",
        "criterion-dilemma": "Justifie l'arbitrage entre « {a} » et « {b} » au regard de "
        "la situation",
        "criterion-warning": "Repère le signal d'alerte « {w} » et réajuste son action",
        "modality": "Mise en situation professionnelle reconstituée",
        "modality-description": "Le candidat traite une situation reconstituée où les tensions "
        "du bloc se présentent, puis explique ses choix au jury.",
        "level-1": "Non maîtrisé",
        "level-2": "En cours d'acquisition",
        "level-3": "Maîtrisé",
        "justification": "Brouillon rédigé par referentiel à partir de la {kind} {n} ({id}) ; "
        "à réécrire par le concepteur.",
        "justification-bloc": "Brouillon rédigé par referentiel : un bloc par origine des "
        "tensions ; à réécrire par le concepteur.",
        "justification-certification": "Brouillon rédigé par referentiel à partir du "
        "référentiel « {title} » ; rien n'y est attesté.",
        "contradiction": "contradiction",
        "dilemma": "dilemme",
    },
    "en": {
        "title": "Certification référentiel (draft): {title}",
        "bloc-organisation": "Reconciling the organisation's prescriptions with the real work",
        "bloc-situation": "Facing the trade's situations and their recent changes",
        "bloc-none": "Holding the trade's other contradictions",
        "bloc-dilemma": "Arbitrating the trade's dilemmas",
        "activity": "Acting between “{a}” and “{b}”",
        "situation-contradiction": "A work situation where the prescription “{a}” runs into "
        "the real work “{b}” (contradiction {n}).",
        "situation-dilemma": "A work situation where one must choose between “{a}” and “{b}” "
        "(dilemma {n}).",
        "adjust": "Adjust",
        "adjust-object": "the prescription “{a}” to what the real work “{b}” demands",
        "arbitrate": "Arbitrate",
        "arbitrate-object": "between “{a}” and “{b}”",
        "purpose-contradiction": "so as to keep the work's quality when prescription and "
        "reality diverge",
        "purpose-dilemma": "so as to hold both demands without sacrificing either",
        "purpose-greater": "in the service of “{p}”",
        "criterion-contradiction": "Explains the gap between “{a}” and “{b}” and justifies "
        "the adjustment chosen",
        "criterion-dilemma": "Justifies the arbitration between “{a}” and “{b}” in the light "
        "of the situation",
        "criterion-warning": "Notices the early warning “{w}” and readjusts their action",
        "modality": "Reconstituted work situation",
        "modality-description": "The candidate handles a reconstituted situation where the "
        "bloc's tensions arise, then explains their choices to the jury.",
        "level-1": "Not mastered",
        "level-2": "Developing",
        "level-3": "Mastered",
        "justification": "Draft written by referentiel from {kind} {n} ({id}); for the "
        "designer to rewrite.",
        "justification-bloc": "Draft written by referentiel: one bloc per origin of the "
        "tensions; for the designer to rewrite.",
        "justification-certification": "Draft written by referentiel from the framework "
        "“{title}”; nothing in it is attested.",
        "contradiction": "contradiction",
        "dilemma": "dilemma",
    },
}

#: The languages a draft can be written in.
LANGUAGES: Final = tuple(PHRASES)
