"""Reading a rendered SVG back: node texts and positions, cluster boxes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs

NS = {"svg": "http://www.w3.org/2000/svg"}


@attrs.frozen
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def _points(element: ET.Element) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for shape in element.iter():
        tag = shape.tag.split("}")[-1]
        if tag == "polygon":
            for pair in (shape.get("points") or "").split():
                x, y = pair.split(",")
                points.append((float(x), float(y)))
        elif tag == "path":
            for token in (shape.get("d") or "").replace("M", " ").replace("C", " ").split():
                if "," in token:
                    x, y = token.split(",")
                    points.append((float(x), float(y)))
        elif tag == "text":
            points.append((float(shape.get("x", 0)), float(shape.get("y", 0))))
        elif tag == "ellipse":
            cx, cy = float(shape.get("cx", 0)), float(shape.get("cy", 0))
            rx, ry = float(shape.get("rx", 0)), float(shape.get("ry", 0))
            points += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    return points


def _box(element: ET.Element) -> Box:
    points = _points(element)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


class Svg:
    """The nodes and clusters of a Graphviz SVG, by their DOT names."""

    def __init__(self, data: bytes) -> None:
        self.root = ET.fromstring(data)  # noqa: S314 - our own engine's output, in tests
        self.nodes: dict[str, ET.Element] = {}
        self.clusters: dict[str, ET.Element] = {}
        for group in self.root.iter("{http://www.w3.org/2000/svg}g"):
            title = group.find("svg:title", NS)
            if title is None or title.text is None:
                continue
            if group.get("class") == "node":
                self.nodes[title.text] = group
            elif group.get("class") == "cluster":
                self.clusters[title.text] = group

    def lines(self, node: str) -> list[str]:
        """The text lines of a node, top to bottom (not the no-break spaces that give a line
        outside the Latin alphabet its room: referentiel.draw._labels.room)."""
        return [
            t.text or ""
            for t in self.nodes[node].iter("{http://www.w3.org/2000/svg}text")
            if (t.text or "").strip("\u00a0")
        ]

    def text_attrs(self) -> list[dict[str, str]]:
        return [dict(t.attrib) for t in self.root.iter("{http://www.w3.org/2000/svg}text")]

    def box(self, node: str) -> Box:
        return _box(self.nodes[node])

    def cluster_box(self, name: str) -> Box:
        return _box(self.clusters[name])
