"""Generated frameworks of any size, for the benchmarks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import referentiel as ref

SIDES = ("prescribed", "real", "both")


def framework_dict(tensions: int, excerpts_per_tension: int) -> dict[str, Any]:
    """A valid framework as plain data: *tensions* contradictions, each with its excerpts."""
    sources = [
        {
            "id": f"s{i}",
            "method": "instruction-au-sosie",
            "date": "2021-11-30",
            "citation": f"Extrait de l'IS de S{i}.",
        }
        for i in range(50)
    ]
    items = []
    for n in range(1, tensions + 1):
        items.append(
            {
                "kind": "contradiction",
                "id": f"c{n}",
                "number": n,
                "origin": "organisation" if n % 2 else "situation",
                "prescribed": {
                    "label": f"Pôle prescrit {n}",
                    "translations": {"en": f"Prescribed {n}"},
                },
                "real": {"label": f"Pôle réel {n}", "translations": {"en": f"Real {n}"}},
                "provenance": {
                    "status": "reconstructed",
                    "source": "s0",
                    "justification": f"« passage {n} »",
                },
                "evidence": [
                    {
                        "id": f"e{n}-{j}",
                        "quote": f"Extrait {j} de la contradiction {n}, verbatim.",
                        "source": f"s{(n + j) % 50}",
                        "speaker": "C.",
                        "date": (dt.date(2021, 1, 1) + dt.timedelta(days=j)).isoformat(),
                        "supports": SIDES[j % 3],
                    }
                    for j in range(excerpts_per_tension)
                ],
            }
        )
    links = [
        {"source": f"c{n}", "target": f"c{n + 1}", "relation": "reinforces"}
        for n in range(1, tensions, 7)
    ]
    return {
        "id": "generated",
        "title": "Généré",
        "sources": sources,
        "tensions": items,
        "links": links,
    }


def write_framework(path: Path, tensions: int, excerpts_per_tension: int) -> Path:
    """Write a generated framework as JSON to *path*."""
    path.write_text(
        json.dumps(framework_dict(tensions, excerpts_per_tension), ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def _pole(d: dict[str, Any]) -> ref.Pole:
    return ref.Pole(label=d["label"], translations=tuple(d.get("translations", {}).items()))


def model_by_hand(data: dict[str, Any]) -> ref.Framework:
    """The framework of generated *data*, every object built directly, with no checks: the
    floors' way (``bench_load``, ``bench_scale``) to the same objects ``ref.load`` makes."""
    tensions = []
    for t in data["tensions"]:
        p = t["provenance"]
        tensions.append(
            ref.Contradiction(
                id=t["id"],
                number=t["number"],
                origin=ref.Origin(t["origin"]),
                prescribed=_pole(t["prescribed"]),
                real=_pole(t["real"]),
                provenance=ref.Provenance(
                    status=ref.Status(p["status"]),
                    source=p.get("source"),
                    justification=p.get("justification"),
                ),
                evidence=tuple(
                    ref.Evidence(
                        id=e["id"],
                        quote=e["quote"],
                        source=e["source"],
                        speaker=e["speaker"],
                        date=dt.date.fromisoformat(e["date"]),
                        supports=ref.Side(e.get("supports", "both")),
                    )
                    for e in t["evidence"]
                ),
            )
        )
    return ref.Framework(
        id=data["id"],
        title=data["title"],
        sources=tuple(
            ref.Source(
                id=s["id"],
                method=ref.Method(s["method"]),
                date=dt.date.fromisoformat(str(s["date"])),
                citation=s["citation"],
            )
            for s in data["sources"]
        ),
        tensions=tuple(tensions),
        links=tuple(
            ref.Link(source=k["source"], target=k["target"], relation=ref.LinkKind(k["relation"]))
            for k in data["links"]
        ),
    )
