"""Every operation at 1 000 and 10 000 tensions (10 excerpts each), against its floor.

    python benchmarks/bench_scale.py [--sizes 1000,10000] [--runs 3] [--only NAME,...] [--smoke]

Each row times one operation of the library (wall time) and its floor — the fastest honest
way to do the same work with the same tools — *runs* times at each size, each time in a fresh
process that makes only that row's inputs (as a user's process holds one framework) and times
the two sides one after the other, after one warm-up of each (so the first call's converter
generation is in the warm-up, and said apart: see ``first_load``); the sizes alternate run after
run. Both sides leave the garbage collector as a user has it (on); each may pause it inside, as
``ref.load`` does and as every floor here does, and each is timed with the collection it leaves
due and the freeing of its result (:func:`_timed`). For each row it prints the median time at each
size, the step (the median at the largest size over the median at the smallest: 10 is linear
for sizes 10x apart) with its range over the runs, the floor's the same way, and the ratio to
the floor at the largest size with its range over the runs.

The floors:

- load + validate + ``to_networkx`` (YAML, JSON): the C parser (libyaml through PyYAML's
  ``CSafeLoader``; ``json``), the same model objects built by a plain loop, and the same graph
  built by hand with networkx's bulk calls;
- save (YAML, JSON): the same document, made by a plain loop, written by the C emitter
  (``CSafeDumper``; ``json.dump``);
- GraphML, GEXF, node-link export and import: networkx's own writer and reader on the graph
  our file holds (its attributes already plain);
- diff of two files that differ in one tension in a hundred: both parsed by the C parser, and
  their tensions compared as plain data;
- saving over a YAML file (one tension in a hundred changed): libyaml reading the old file, then
  the C emitter writing the new one;
- importing a REFI-QDA project (10 coded selections a tension) to YAML and JSON: the archive's
  XML parsed by ElementTree's C parser, each quote cut from its source, the speakers found from
  the cases, the evidence grouped by tension and written by the C emitter;
- A4 pages to PDF: the embedded engine's own layout of the same final pages (as
  ``bench_print.py``).

The data is ``_generate.framework_dict``: contradictions with two translated poles and ten
excerpts each, fifty sources, a link every seven tensions.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import networkx as nx
import yaml
from _generate import framework_dict, model_by_hand

import referentiel as ref
from referentiel.graph import pole_node, tension_node
from referentiel.io._graphdata import plain_graph
from referentiel.io.gexf import read_gexf
from referentiel.io.graphml import read_graphml
from referentiel.io.nodelink import read_node_link
from referentiel.io.qda.map import _targets

Work = Callable[[], object]


@attrs.frozen
class Row:
    """One operation: ours, its floor, and what is done before each timed call (not timed)."""

    ours: Work
    floor: Work
    setup: Work = lambda: None


# --- floors ---------------------------------------------------------------------------------


def paused(work: Work) -> Work:
    """*work* with the collector paused, as ours pauses it around the same library calls."""

    def run() -> object:
        gc.disable()
        try:
            return work()
        finally:
            gc.enable()

    return run


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


def _events(data: Any) -> Iterator[yaml.Event]:  # noqa: ANN401 - plain data
    """libyaml's events for plain data: the fastest way to the C emitter (no representer)."""
    if isinstance(data, dict):
        yield yaml.MappingStartEvent(None, None, True, flow_style=False)  # noqa: FBT003
        for key, value in data.items():
            yield yaml.ScalarEvent(None, None, (True, False), key)
            yield from _events(value)
        yield yaml.MappingEndEvent()
    elif isinstance(data, list):
        yield yaml.SequenceStartEvent(None, None, True, flow_style=False)  # noqa: FBT003
        for item in data:
            yield from _events(item)
        yield yaml.SequenceEndEvent()
    elif isinstance(data, str):
        yield yaml.ScalarEvent(None, None, (False, True), data, style="'")
    else:
        yield yaml.ScalarEvent(None, None, (True, False), json.dumps(data))


def emit(document: dict[str, Any], path: Path) -> None:
    """Write plain data as YAML (libyaml's emitter) or JSON (indented, as ours)."""
    with path.open("w", encoding="utf-8") as handle:
        if path.suffix == ".json":
            json.dump(document, handle, ensure_ascii=False, indent=2)
            return

        def stream() -> Iterator[yaml.Event]:
            yield yaml.StreamStartEvent()
            yield yaml.DocumentStartEvent(explicit=False)
            yield from _events(document)
            yield yaml.DocumentEndEvent(explicit=False)
            yield yaml.StreamEndEvent()

        yaml.emit(stream(), handle, Dumper=yaml.CSafeDumper, allow_unicode=True, width=-1)


def save_floor(fw: ref.Framework, path: Path, old: Path | None = None) -> None:
    """The document by a plain loop, then the C emitter; over *old*, libyaml reads it first."""
    gc.disable()
    try:
        if old is not None:  # what saving over a file must do at least: read what is there
            with old.open("rb") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)
        emit(plain_by_hand(fw), path)
    finally:
        gc.enable()


Q = "{urn:QDA-XML:project:1.0}"


def qda_floor(
    project: Path, targets: dict[str, tuple[str, str]], bare: ref.Framework, out: Path
) -> None:
    """A REFI-QDA project's coded selections into the framework's file, the least way.

    The archive read, its XML parsed by ElementTree's C parser, each selection's quote cut
    from its source's text and its speaker found from the cases, the evidence grouped by
    tension as plain data, written by the C emitter.
    """
    gc.disable()
    try:
        with zipfile.ZipFile(project) as archive:
            root = ElementTree.fromstring(archive.read("project.qde"))  # noqa: S314 - our file
        speakers = {
            ref_.get("targetGUID"): case.get("name")
            for case in root.iter(f"{Q}Case")
            for ref_ in case.iterfind(f"{Q}SelectionRef")
        }
        evidence: dict[str, list[dict[str, Any]]] = {}
        for source in root.iter(f"{Q}TextSource"):
            text = source.findtext(f"{Q}PlainTextContent") or ""
            name, date = source.get("name"), (source.get("creationDateTime") or "")[:10]
            for selection in source:  # children walked, faster than iterfind's paths
                if selection.tag != f"{Q}PlainTextSelection":
                    continue
                start, end = (
                    int(selection.get("startPosition", 0)),
                    int(selection.get("endPosition", 0)),
                )
                codes = (
                    c
                    for coding in selection
                    if coding.tag == f"{Q}Coding"
                    for c in coding
                    if c.tag == f"{Q}CodeRef"
                )
                for code in codes:
                    target = targets.get(code.get("targetGUID", ""))
                    if target is not None:
                        evidence.setdefault(target[0], []).append(
                            {
                                "quote": text[start:end],
                                "id": selection.get("name"),
                                "source": name,
                                "speaker": speakers.get(selection.get("guid")),
                                "date": date,
                                "locator": {"start": start, "end": end},
                            }
                            | ({} if target[1] == "both" else {"supports": target[1]})
                        )
        document = plain_by_hand(bare)
        for tension in document["tensions"]:
            tension["evidence"] = evidence.get(tension["id"], [])
        emit(document, out)
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


def _changed(fw: ref.Framework) -> ref.Framework:
    """*fw* with the real pole of one tension in a hundred relabelled."""
    return ref.Framework(
        **{
            **{n: getattr(fw, n) for n in _names(ref.Framework)},
            "tensions": tuple(
                ref.Contradiction(
                    **{
                        **{n: getattr(t, n) for n in _names(ref.Contradiction)},
                        "real": ref.Pole(label=t.real.label + " (revu)"),
                    }
                )
                if i % 100 == 0 and isinstance(t, ref.Contradiction)
                else t
                for i, t in enumerate(fw.tensions)
            ),
        }
    )


class Inputs:
    """What the rows at one size work on: files that :func:`prepare` writes, and objects made
    on first use (in the warm-up), so that a row's process holds that row's inputs alone."""

    def __init__(self, folder: Path, tensions: int) -> None:
        self.tensions = tensions
        self.here = folder / str(tensions)
        self.out = self.here / "out"
        self.yaml_file, self.json_file = self.here / "f.yaml", self.here / "f.json"
        self.other = self.here / "g.yaml"  # one tension in a hundred changed
        self.files = {name: self.here / f"f.{name}" for name in ("graphml", "gexf")}
        self.files["node-link"] = self.here / "f.node-link.json"
        self.project = self.here / "p.qdpx"

    def data(self) -> dict[str, Any]:
        return framework_dict(self.tensions, 10)

    @functools.cached_property
    def fw(self) -> ref.Framework:
        return model_by_hand(self.data())

    @functools.cached_property
    def changed(self) -> ref.Framework:
        return _changed(model_by_hand(self.data()))

    def _graph(self, *, encode: bool, rename_nodes: bool = False) -> nx.MultiDiGraph[str]:
        # made for an export row's floor, whose row holds the framework for ours anyway
        return plain_graph(ref.to_networkx(self.fw), encode=encode, rename_nodes=rename_nodes)

    @functools.cached_property
    def encoded(self) -> nx.MultiDiGraph[str]:
        return self._graph(encode=True)

    @functools.cached_property
    def gexf_graph(self) -> nx.MultiDiGraph[str]:
        return self._graph(encode=True, rename_nodes=True)

    @functools.cached_property
    def node_link_graph(self) -> nx.MultiDiGraph[str]:
        return self._graph(encode=False)

    @functools.cached_property
    def bare(self) -> ref.Framework:
        """The framework without its evidence, as the import fills it."""
        data = self.data()
        return model_by_hand(
            {**data, "tensions": [{**t, "evidence": []} for t in data["tensions"]]}
        )

    @functools.cached_property
    def mapping(self) -> ref.QdaMapping:
        return ref.mapping_for(model_by_hand(self.data()))

    @functools.cached_property
    def targets(self) -> dict[str, tuple[str, str]]:
        """The codes' targets, resolved as the import resolves them."""
        resolved, _ = _targets(ref.read_qdpx(self.project), self.mapping, "p.qdpx")
        return {
            guid: (target.tension, target.pole.value if target.pole else "both")
            for guid, target in resolved.items()
        }

    @functools.cached_property
    def pages(self) -> list[str]:
        """The DOT source of each A4 page."""
        from referentiel.draw.pages import paginate  # noqa: PLC0415

        return [p.source for p in paginate(self.fw, page="A4", figure="contradictions")]


def prepare(folder: Path, tensions: int) -> None:
    """Write the rows' input files at *tensions*, and check that the floors make what we make."""
    inputs = Inputs(folder, tensions)
    inputs.out.mkdir(parents=True)
    data, fw = inputs.data(), inputs.fw
    _write(inputs.yaml_file, data)
    _write(inputs.json_file, data)
    graph = ref.to_networkx(fw)
    assert nx.utils.graphs_equal(graph, graph_by_hand(fw))
    assert list(graph.nodes(data=True)) == list(graph_by_hand(fw).nodes(data=True))
    assert ref.to_dict(fw) == plain_by_hand(fw)
    ref.export(fw, inputs.files["graphml"])
    ref.export(fw, inputs.files["gexf"])
    ref.export(fw, inputs.files["node-link"], to="node-link")
    ref.save(inputs.changed, inputs.other)
    ref.write_qdpx(fw, inputs.project)


def rows(inputs: Inputs) -> dict[str, Row]:
    """Every operation's (ours, floor) on *inputs*; making them makes none of the inputs."""
    files, out = inputs.files, inputs.out

    def node_link_write() -> None:
        with (out / "nl.json").open("w", encoding="utf-8") as handle:
            # the same layout as the file ours writes (indent=1): the same format
            data = nx.node_link_data(inputs.node_link_graph, edges="links", name="key")
            json.dump(data, handle, ensure_ascii=False, indent=1)

    def node_link_read() -> object:
        with files["node-link"].open("rb") as handle:
            return nx.node_link_graph(json.load(handle), edges="links", name="key")

    fresh, over = out / "new.yaml", out / "over.yaml"

    def new_file() -> None:
        fresh.unlink(missing_ok=True)
        (out / "f-new.yaml").unlink(missing_ok=True)

    def old_file() -> None:
        shutil.copyfile(inputs.yaml_file, over)
        shutil.copyfile(inputs.yaml_file, out / "f-over.yaml")

    table = {
        "load + validate + to_networkx, YAML": (
            lambda: _ours_load(inputs.yaml_file),
            lambda: load_floor(inputs.yaml_file),
        ),
        "load + validate + to_networkx, JSON": (
            lambda: _ours_load(inputs.json_file),
            lambda: load_floor(inputs.json_file),
        ),
        "save JSON": (
            lambda: ref.save(inputs.fw, out / "s.json"),
            lambda: save_floor(inputs.fw, out / "f.json"),
        ),
        "export GraphML": (
            lambda: ref.export(inputs.fw, out / "s.graphml"),
            paused(lambda: nx.write_graphml(inputs.encoded, out / "f.graphml")),
        ),
        "import GraphML": (
            lambda: read_graphml(files["graphml"]),
            paused(lambda: nx.read_graphml(files["graphml"], force_multigraph=True)),
        ),
        "export GEXF": (
            lambda: ref.export(inputs.fw, out / "s.gexf"),
            paused(lambda: nx.write_gexf(inputs.gexf_graph, out / "f.gexf")),
        ),
        "import GEXF": (
            lambda: read_gexf(files["gexf"]),
            paused(lambda: nx.read_gexf(files["gexf"])),
        ),
        "export node-link": (
            lambda: ref.export(inputs.fw, out / "s.node-link.json", to="node-link"),
            paused(node_link_write),
        ),
        "import node-link": (lambda: read_node_link(files["node-link"]), paused(node_link_read)),
        "diff, 1 tension in 100 changed": (
            lambda: ref.diff(ref.load(inputs.yaml_file), ref.load(inputs.other)),
            lambda: diff_floor(inputs.yaml_file, inputs.other),
        ),
    }
    made = {name: Row(ours, floor) for name, (ours, floor) in table.items()}
    made["save YAML, a new file"] = Row(
        lambda: ref.save(inputs.fw, fresh),
        lambda: save_floor(inputs.fw, out / "f-new.yaml"),
        new_file,
    )
    made["save YAML over its file, 1 tension in 100 changed"] = Row(
        lambda: ref.save(inputs.changed, over),
        lambda: save_floor(inputs.changed, out / "f-over.yaml", old=inputs.yaml_file),
        old_file,
    )
    made.update(qda_rows(inputs))
    made.update(pages_row(inputs))
    return made


def qda_rows(inputs: Inputs) -> dict[str, Row]:
    """Importing a REFI-QDA project of *tensions* x 10 coded selections, to YAML and JSON."""
    made: dict[str, Row] = {}
    for suffix in ("yaml", "json"):
        ours_out, floor_out = inputs.out / f"qda-ours.{suffix}", inputs.out / f"qda-floor.{suffix}"

        def ours(out: Path = ours_out) -> None:
            read = ref.read_qdpx(inputs.project)
            ref.save(ref.import_qdpx(read, inputs.mapping, into=inputs.bare), out)

        def setup(a: Path = ours_out, b: Path = floor_out) -> None:
            a.unlink(missing_ok=True)
            b.unlink(missing_ok=True)

        def floor(out: Path = floor_out) -> None:
            qda_floor(inputs.project, inputs.targets, inputs.bare, out)

        made[f"import-qdpx (10 selections a tension) -> {suffix.upper()}"] = Row(ours, floor, setup)
    return made


def pages_row(inputs: Inputs) -> dict[str, Row]:
    """A4 pages of *tensions* contradictions to PDF, against the engine's layout of them."""
    from referentiel.draw.engine import run_engine  # noqa: PLC0415

    out = inputs.out / "pages.pdf"

    def floor() -> None:
        for source in inputs.pages:
            run_engine(source, "json")

    return {
        "render A4 pages to PDF": Row(
            lambda: ref.render_pages(inputs.fw, out, page="A4", figure="contradictions"), floor
        )
    }


class _Tracked:
    """An object the cyclic collector tracks: making one runs a collection that is due."""


def _timed(work: Work) -> float:
    """The wall time of *work*, with the collection it leaves due and the freeing of its result.

    A call that paused the collector leaves it a pass over everything the call built, run at
    the next tracked allocation: in a user's process, their next statement, while they still
    hold the result. Ours runs it as its pause ends (the context manager's exit allocates), the
    floors' plain ``try``/``finally`` did not, and their result was freed before anything
    allocated (a freed object leaves the pass): the floors were timed without the pass that ours
    paid, 8 % of the JSON load floor at 10 000 tensions. Every call now has the pass made with
    its result held, then the result freed, within its time.
    """
    gc.collect()
    start = time.perf_counter()
    result = work()
    _Tracked()
    del result
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
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    first, second = (float(v) for v in done.stdout.split())
    return first, second


Times = dict[str, dict[int, tuple[list[float], list[float]]]]


def work(folder: Path, tensions: int, name: str) -> tuple[float, float]:
    """Time one row at one size, in this process: ours, then the floor, once each.

    One warm-up of each side first (this process's imports, converters, and the row's inputs,
    made on first use); each timed call starts after a full collection and the row's setup.
    """
    row = rows(Inputs(folder, tensions))[name]
    for each in (row.ours, row.floor):
        row.setup()
        each()
    row.setup()
    mine = _timed(row.ours)
    row.setup()
    return mine, _timed(row.floor)


def measure(folder: Path, sizes: list[int], runs: int, only: list[str]) -> Times:
    """Time every row at every size *runs* times, each time in a process of its own (:func:`work`).

    A row timed in the process that had made every row's inputs stepped from 1 000 to 10 000
    tensions with that heap, not with its own: export GraphML stepped 12.6-13.0 there and 8.6
    with its framework alone. A user's process holds one framework; so does each row's here.

    A row's sizes are timed in turn, run after run (1 000, 10 000, 1 000, 10 000 ...): a step is
    measured within a minute or so, not across the whole table (timed size after size, the
    machine's drift over a quarter of an hour went into every step), and each of its samples
    comes from a fresh process: libyaml's own parse of the same file, in six pairs of fresh
    processes, stepped 9.9 to 13.4, and ``json.loads`` 6.6 to 15.9 — a process's luck with its
    memory, which samples from a single process share.
    """
    for size in sizes:
        prepare(folder, size)
    names = [n for n in rows(Inputs(folder, sizes[0])) if not only or n.startswith(tuple(only))]
    times: Times = {}
    for name in names:
        for run in range(runs):
            for size in sizes:
                command = [sys.executable, __file__, "--work", name, "--folder", str(folder)]
                command += ["--size", str(size)]
                done = subprocess.run(command, capture_output=True, check=True, text=True)
                mine, theirs = json.loads(done.stdout)
                samples = times.setdefault(name, {}).setdefault(size, ([], []))
                samples[0].append(mine)
                samples[1].append(theirs)
            print(f"  {name}, run {run + 1} of {runs}: done", file=sys.stderr)
    return times


def _steps(small: list[float], large: list[float]) -> str:
    """The step between the medians, and its range over the runs (each a pair of processes)."""
    steps = [b / a for a, b in zip(small, large, strict=True)]
    step = statistics.median(large) / statistics.median(small)
    return f"{step:>4.1f} ({min(steps):>4.1f}-{max(steps):>4.1f})"


def table(times: Times, sizes: list[int]) -> list[str]:
    """The lines of the table: time at each size, the steps between them, the ratio to the floor.

    The floor's own step is printed beside ours: a step above 10 that the floor shares is the
    machine's (memory, caches), not the operation's.
    """
    small, large = sizes[0], sizes[-1]
    width = max(len(n) for n in times)
    lines = [
        f"{'operation':<{width}}  {small:>7}  {large:>7}  step (range)      floor {large:>6}"
        "  floor step (range)  ratio (range)"
    ]
    for name, by_size in times.items():
        (low_runs, floor_low_runs), (high_runs, floor_runs) = by_size[small], by_size[large]
        low, high = statistics.median(low_runs), statistics.median(high_runs)
        ratios = [m / f for m, f in zip(high_runs, floor_runs, strict=True)]
        lines.append(
            f"{name:<{width}}  {low:>6.2f}s  {high:>6.2f}s  {_steps(low_runs, high_runs)}"
            f"  {statistics.median(floor_runs):>11.2f}s  {_steps(floor_low_runs, floor_runs):>18}"
            f"  {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="numbers of tensions")
    parser.add_argument("--runs", type=int, default=3, help="runs of each side at each size")
    parser.add_argument("--only", default="", help="comma-separated row names (a prefix each)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run")
    # one row at one size, in this process: how measure() runs each (prints its times as JSON)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.work:
        print(json.dumps(work(Path(args.folder), args.size, args.work)))
        return
    sizes = [20, 200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.smoke else args.runs
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        times = measure(Path(tmp), sizes, runs, only)
        first, second = first_load(Path(tmp))
    print("\n".join(table(times, sizes)))
    print(f"first ref.load of a process / the second (100 tensions): {first:.3f}s / {second:.3f}s")


if __name__ == "__main__":
    main()
