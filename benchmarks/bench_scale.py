"""Every operation at 1 000 and 10 000 tensions (10 excerpts each), against its floor.

    python benchmarks/bench_scale.py [--sizes 1000,10000] [--runs 3] [--only NAME,...] [--smoke]

Each row times one operation of the library (in this process, wall time) and its floor — the
fastest honest way to do the same work with the same tools — run alternately, *runs* times
each, after one warm-up of each (so the first call's converter generation is in the warm-up,
and said apart: see ``first_load``). Both sides leave the garbage collector as a user has it
(on); each may pause it inside, as ``ref.load`` does and as every floor here does. For each
row it prints the median time at each size, the 10x step (time at the largest size over time
at the smallest, per tension: 1.0 is linear) and the ratio to the floor at the largest size,
with its range over the runs.

The floors:

- load + validate + ``to_networkx`` (YAML, JSON): the C parser (libyaml through PyYAML's
  ``CSafeLoader``; ``json``), the same model objects built by a plain loop, and the same graph
  built by hand with networkx's bulk calls;
- save (YAML, JSON): the same document, made by a plain loop, written by the C emitter
  (``CSafeDumper``; ``json.dump``);
- GraphML, GEXF, node-link export and import: networkx's own writer and reader on the graph
  our file holds (its attributes already plain);
- diff of two files that differ in one tension in a hundred: both parsed by the C parser, and
  their tensions compared as plain data.

The data is ``_generate.framework_dict``: contradictions with two translated poles and ten
excerpts each, fifty sources, a link every seven tensions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import networkx as nx
import yaml
from _generate import framework_dict

import referentiel as ref
from referentiel.graph import pole_node, tension_node
from referentiel.io._graphdata import plain_graph
from referentiel.io.gexf import read_gexf
from referentiel.io.graphml import read_graphml
from referentiel.io.nodelink import read_node_link

Work = Callable[[], object]


# --- floors ---------------------------------------------------------------------------------


def _pole(d: dict[str, Any]) -> ref.Pole:
    return ref.Pole(label=d["label"], translations=tuple(d.get("translations", {}).items()))


def model_by_hand(data: dict[str, Any]) -> ref.Framework:
    """The framework of generated *data*, every object built directly, with no checks."""
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


def _fields(value: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:  # noqa: ANN401
    return {n: getattr(value, n) for n in _names(type(value)) if n not in skip}


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    if cls not in _NAMES:
        _NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return _NAMES[cls]


def graph_by_hand(fw: ref.Framework) -> nx.MultiDiGraph[str]:
    """The graph ``to_networkx`` makes of *fw*, built with networkx's bulk calls."""
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    framework = {
        n: getattr(fw, n)
        for n in _names(ref.Framework)
        if n not in ("sources", "tensions", "goals", "links")
    }
    for order, s in enumerate(fw.sources):
        nodes.append((f"source:{s.id}", {"kind": "source", "order": order, **_fields(s)}))
    skip = ("evidence", "prescribed", "real")
    for order, t in enumerate(fw.tensions):
        node = tension_node(t.id)
        nodes.append(
            (
                node,
                {"kind": "tension", "tension_kind": t.kind.value, "order": order}
                | _fields(t, skip),
            )
        )
        for side, pole in zip(t.SIDES, t.poles, strict=True):
            key = pole_node(t.id, side)
            nodes.append((key, {"kind": "pole", "tension": t.id, "side": side} | _fields(pole)))
            edges.append((node, key, "has-pole", {"relation": "has-pole", "side": side}))
        first, second = (pole_node(t.id, s) for s in t.SIDES)
        edges.append((first, second, "prescribed-real", {"relation": "prescribed-real"}))
        for j, e in enumerate(t.evidence):
            key = f"evidence:{t.id}:{j}"
            nodes.append((key, {"kind": "evidence", "tension": t.id, "order": j} | _fields(e)))
            target = node if e.supports is ref.Side.BOTH else pole_node(t.id, e.supports)
            edges.append((key, target, "supports", {"relation": "supports"}))
            edges.append((key, f"source:{e.source}", "cites", {"relation": "cites"}))
    for order, k in enumerate(fw.links):
        edges.append(
            (
                tension_node(k.source),
                tension_node(k.target),
                k.relation.value,
                {"relation": k.relation.value, "order": order}
                | _fields(k, ("source", "target", "relation")),
            )
        )
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**framework)
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)  # type: ignore[arg-type]  # (u, v, key, data): networkx's own
    return graph


def load_floor(path: Path) -> nx.MultiDiGraph[str]:
    gc.disable()
    try:
        with path.open("rb") as handle:
            if path.suffix == ".json":
                data = json.load(handle)
            else:
                data = yaml.load(handle, Loader=yaml.CSafeLoader)
        return graph_by_hand(model_by_hand(data))
    finally:
        gc.enable()


def _translations(pole: ref.Pole) -> dict[str, Any]:
    out: dict[str, Any] = {"label": pole.label}
    if pole.translations:
        out["translations"] = dict(pole.translations)
    return out


def plain_by_hand(fw: ref.Framework) -> dict[str, Any]:
    """The document ``ref.save`` writes for generated *fw*, made by a plain loop."""
    tensions = []
    for t in fw.tensions:
        assert isinstance(t, ref.Contradiction)
        p = t.provenance
        evidence = []
        for e in t.evidence:
            item = {
                "quote": e.quote,
                "id": e.id,
                "source": e.source,
                "speaker": e.speaker,
                "date": e.date.isoformat() if e.date else None,
            }
            if e.supports is not ref.Side.BOTH:
                item["supports"] = e.supports.value
            evidence.append(item)
        tensions.append(
            {
                "kind": "contradiction",
                "id": t.id,
                "number": t.number,
                "prescribed": _translations(t.prescribed),
                "real": _translations(t.real),
                "provenance": {
                    "status": p.status.value,
                    "justification": p.justification,
                    "source": p.source,
                },
                "origin": t.origin.value if t.origin else None,
                "evidence": evidence,
            }
        )
    return {
        "id": fw.id,
        "title": fw.title,
        "sources": [
            {
                "id": s.id,
                "method": s.method.value,
                "date": s.date.isoformat() if s.date else None,
                "citation": s.citation,
            }
            for s in fw.sources
        ],
        "tensions": tensions,
        "links": [
            {"source": k.source, "target": k.target, "relation": k.relation.value} for k in fw.links
        ],
    }


def save_floor(fw: ref.Framework, path: Path) -> None:
    gc.disable()
    try:
        document = plain_by_hand(fw)
        with path.open("w", encoding="utf-8") as handle:
            if path.suffix == ".json":
                json.dump(document, handle, ensure_ascii=False, indent=2)
            else:
                yaml.dump(
                    document,
                    handle,
                    Dumper=yaml.CSafeDumper,
                    allow_unicode=True,
                    sort_keys=False,
                    width=100,
                )
    finally:
        gc.enable()


def diff_floor(old: Path, new: Path) -> list[str]:
    gc.disable()
    try:
        with old.open("rb") as a, new.open("rb") as b:
            before = yaml.load(a, Loader=yaml.CSafeLoader)
            after = yaml.load(b, Loader=yaml.CSafeLoader)
        was = {t["id"]: t for t in before["tensions"]}
        now = {t["id"]: t for t in after["tensions"]}
        return [i for i in was.keys() | now.keys() if was.get(i) != now.get(i)]
    finally:
        gc.enable()


# --- rows ----------------------------------------------------------------------------------


def _write(path: Path, data: dict[str, Any]) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        ref.save(model_by_hand(data), path)
    return path


def _ours_load(path: Path) -> nx.MultiDiGraph[str]:
    fw = ref.load(path)
    report = ref.validate(fw)
    assert report.ok, report
    return ref.to_networkx(fw)


def rows(folder: Path, tensions: int) -> dict[str, tuple[Work, Work]]:
    """Each operation's (ours, floor) at *tensions*, its input files written in *folder*."""
    data = framework_dict(tensions, 10)
    fw = model_by_hand(data)
    here = folder / str(tensions)
    here.mkdir()
    yaml_file, json_file = _write(here / "f.yaml", data), _write(here / "f.json", data)
    graph = ref.to_networkx(fw)
    assert nx.utils.graphs_equal(graph, graph_by_hand(fw))
    assert list(graph.nodes(data=True)) == list(graph_by_hand(fw).nodes(data=True))
    assert ref.to_dict(fw) == plain_by_hand(fw)
    encoded = plain_graph(graph, encode=True)
    gexf_graph = plain_graph(graph, encode=True, rename_nodes=True)
    node_link_graph = plain_graph(graph, encode=False)
    files = {name: here / f"f.{name}" for name in ("graphml", "gexf")}
    files["node-link"] = here / "f.node-link.json"
    ref.export(fw, files["graphml"])
    ref.export(fw, files["gexf"])
    ref.export(fw, files["node-link"], to="node-link")
    changed = model_by_hand(data)
    changed = ref.Framework(
        **{
            **{n: getattr(changed, n) for n in _names(ref.Framework)},
            "tensions": tuple(
                ref.Contradiction(
                    **{
                        **{n: getattr(t, n) for n in _names(ref.Contradiction)},
                        "real": ref.Pole(label=t.real.label + " (revu)"),
                    }
                )
                if i % 100 == 0 and isinstance(t, ref.Contradiction)
                else t
                for i, t in enumerate(changed.tensions)
            ),
        }
    )
    other = here / "g.yaml"
    ref.save(changed, other)
    out = here / "out"
    out.mkdir()

    def node_link_write() -> None:
        with (out / "nl.json").open("w", encoding="utf-8") as handle:
            # the same layout as the file ours writes (indent=1): the same format
            data = nx.node_link_data(node_link_graph, edges="links", name="key")
            json.dump(data, handle, ensure_ascii=False, indent=1)

    def node_link_read() -> object:
        with files["node-link"].open("rb") as handle:
            return nx.node_link_graph(json.load(handle), edges="links", name="key")

    return {
        "load + validate + to_networkx, YAML": (
            lambda: _ours_load(yaml_file),
            lambda: load_floor(yaml_file),
        ),
        "load + validate + to_networkx, JSON": (
            lambda: _ours_load(json_file),
            lambda: load_floor(json_file),
        ),
        "save YAML": (lambda: ref.save(fw, out / "s.yaml"), lambda: save_floor(fw, out / "f.yaml")),
        "save JSON": (lambda: ref.save(fw, out / "s.json"), lambda: save_floor(fw, out / "f.json")),
        "export GraphML": (
            lambda: ref.export(fw, out / "s.graphml"),
            lambda: nx.write_graphml(encoded, out / "f.graphml"),
        ),
        "import GraphML": (
            lambda: read_graphml(files["graphml"]),
            lambda: nx.read_graphml(files["graphml"], force_multigraph=True),
        ),
        "export GEXF": (
            lambda: ref.export(fw, out / "s.gexf"),
            lambda: nx.write_gexf(gexf_graph, out / "f.gexf"),
        ),
        "import GEXF": (lambda: read_gexf(files["gexf"]), lambda: nx.read_gexf(files["gexf"])),
        "export node-link": (
            lambda: ref.export(fw, out / "s.node-link.json", to="node-link"),
            node_link_write,
        ),
        "import node-link": (lambda: read_node_link(files["node-link"]), node_link_read),
        "diff, 1 tension in 100 changed": (
            lambda: ref.diff(ref.load(yaml_file), ref.load(other)),
            lambda: diff_floor(yaml_file, other),
        ),
    }


def _timed(work: Work) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def first_load(folder: Path) -> tuple[float, float]:
    """The first ``ref.load`` of a process (its converters generated) and the second, in s."""
    path = _write(folder / "first.json", framework_dict(100, 10))
    code = (
        "import time, referentiel as ref\n"
        f"t = time.perf_counter(); ref.load({str(path)!r}); a = time.perf_counter() - t\n"
        f"t = time.perf_counter(); ref.load({str(path)!r}); b = time.perf_counter() - t\n"
        "print(a, b)"
    )
    import subprocess  # noqa: PLC0415

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    first, second = (float(v) for v in done.stdout.split())
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="numbers of tensions")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each side")
    parser.add_argument("--only", default="", help="comma-separated row names (a prefix each)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run")
    args = parser.parse_args()
    sizes = [20, 200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.smoke else args.runs
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    times: dict[str, dict[int, tuple[list[float], list[float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for name, (ours, floor) in rows(Path(tmp), size).items():
                if only and not any(name.startswith(o) for o in only):
                    continue
                ours()  # warm-up: imports, converters, caches
                floor()
                mine: list[float] = []
                theirs: list[float] = []
                for _ in range(runs):
                    mine.append(_timed(ours))
                    theirs.append(_timed(floor))
                times.setdefault(name, {})[size] = (mine, theirs)
                print(f"  {name} at {size}: done", file=sys.stderr)
        first, second = first_load(Path(tmp))
    small, large = sizes[0], sizes[-1]
    width = max(len(n) for n in times)
    print(
        f"{'operation':<{width}}  {small:>6} t  {large:>6} t  10x step  floor at {large}  "
        f"ratio (range)"
    )
    for name, by_size in times.items():
        low = statistics.median(by_size[small][0])
        high_runs, floor_runs = by_size[large]
        high = statistics.median(high_runs)
        ratios = [m / f for m, f in zip(high_runs, floor_runs, strict=True)]
        step = (high / low) / (large / small) * 10 if large != small else 1.0
        print(
            f"{name:<{width}}  {low:>7.3f}s  {high:>7.3f}s  {step:>8.1f}  "
            f"{statistics.median(floor_runs):>12.3f}s  {statistics.median(ratios):.2f} "
            f"({min(ratios):.2f}-{max(ratios):.2f})"
        )
    print(f"first ref.load of a process / the second (100 tensions): {first:.3f}s / {second:.3f}s")


if __name__ == "__main__":
    main()
