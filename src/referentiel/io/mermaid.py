"""Mermaid flowcharts, which GitHub and most Markdown tools draw.

The verbs: ``dumps_mermaid``, ``write_mermaid``.

One subgraph per origin, one per tension holding its two poles joined by a double arrow, the
goals as rounded nodes, the typed links as labelled arrows from and to tensions, poles and goals
(with their assumptions; a symmetric relation without a single direction), and reconstructed or
illustrative elements drawn dashed. Mermaid is a drawing format: it cannot be read back
(evidence, sources and notes are not in it).
"""

from __future__ import annotations

import os
from typing import Final

from referentiel._output import write_output
from referentiel._unicode import one_line
from referentiel.model import Contradiction, Framework, LinkKind, Origin, Side, Status, Tension
from referentiel.vocabulary import shown_label, word

__all__ = ["dumps_mermaid", "write_mermaid"]

_ENTITIES: Final = {
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "`": "#96;",
}


def _label(value: str) -> str:
    """Quote user text for a Mermaid label: entity codes for the characters Mermaid reads."""
    text = "".join(_ENTITIES.get(char, char) for char in one_line(value, "\n"))
    return '"' + text.replace("\n", "<br>") + '"'


def _group(tension: Tension) -> str:
    if isinstance(tension, Contradiction):
        return tension.origin.value if tension.origin else "no-origin"
    return "dilemmas"


def dumps_mermaid(framework: Framework, *, language: str | None = None) -> str:
    """Return *framework* as a Mermaid flowchart.

    >>> import referentiel as ref
    >>> print(dumps_mermaid(ref.load("examples/customer-relations.yaml")).splitlines()[3])
      subgraph organisation["Contradictions intrinsèques à l'organisation"]
    """
    lang = language or framework.language
    out = [
        "flowchart TB",
        "  classDef derived stroke-dasharray: 5 5",
        f"  %% {one_line(framework.title_in(lang))}",  # a comment ends at any line break
        *(
            [f"  %% {word('translated-labels', lang)}: {framework.language} → {lang}"]
            if lang != framework.language
            else []
        ),
    ]
    index = {t.id: i for i, t in enumerate(framework.tensions)}
    groups = [o.value for o in Origin] + ["no-origin", "dilemmas"]
    for group in groups:
        members = [(i, t) for i, t in enumerate(framework.tensions) if _group(t) == group]
        if not members:
            continue
        title = word(group, lang)
        out.append(f"  subgraph {group}[{_label(title)}]")
        for i, tension in members:
            a, b = (shown_label(pole, lang, framework.language) for pole in tension.poles)
            out.append(f"    subgraph t{i}[{_label(str(tension.number))}]")
            out.append(f"      t{i}a[{_label(a)}] <--> t{i}b[{_label(b)}]")
            out.append("    end")
            if tension.provenance.status is not Status.ATTESTED:
                out.append(f"    class t{i}a,t{i}b derived")
        out.append("  end")
    goals = {g.id: j for j, g in enumerate(framework.goals)}
    for j, goal in enumerate(framework.goals):
        kind = word(f"goal-{goal.kind.value}", lang)
        text = f"{kind}: {shown_label(goal, lang, framework.language)}"
        out.append(f"  g{j}([{_label(text)}])")
        if goal.provenance.status is not Status.ATTESTED:
            out.append(f"  class g{j} derived")

    def end(element: str, side: Side | None) -> str | None:
        if element in goals:
            return f"g{goals[element]}"
        if element not in index:
            return None
        i = index[element]
        if side is None:
            return f"t{i}"
        sides = framework.tensions[i].SIDES
        return f"t{i}{'ab'[sides.index(side)]}" if side in sides else None  # else: invalid

    for link in framework.links:
        tail, head = end(link.source, link.source_pole), end(link.target, link.target_pole)
        if tail is None or head is None:
            continue
        parts = [word(link.relation.value, lang)]
        if link.assumptions:
            parts.append(word("assumptions", lang) + ":")
            parts += [f"- {shown_label(a, lang, framework.language)}" for a in link.assumptions]
        relation = _label("\n".join(parts))
        arrow = (
            "<-->"
            if link.relation is LinkKind.CONFLICTS_WITH
            else ("---" if link.relation.symmetric else "-->")
        )
        out.append(f"  {tail} {arrow}|{relation}| {head}")
    return "\n".join(out) + "\n"


def write_mermaid(
    framework: Framework, path: str | os.PathLike[str], *, language: str | None = None
) -> None:
    """Write *framework* to *path* as a Mermaid flowchart, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_mermaid(ref.load("examples/customer-relations.yaml"), folder / "f.mmd")
    >>> (folder / "f.mmd").read_text(encoding="utf-8").splitlines()[0]
    'flowchart TB'
    """
    write_output(path, dumps_mermaid(framework, language=language).encode("utf-8"))
