"""The world map of the countries page: country shapes drawn as SVG paths at build time.

The shapes are Natural Earth's, as the npm package world-atlas redistributes them in TopoJSON,
vendored unchanged in `world/` (`world/SOURCE.yml` says which release; `scripts/vendor-world`
replaces them). The small-scale file (1:110m) keeps the page light; countries too small for it
(Singapore, Malta, Mauritius...) come from the 1:50m file, read only when a case needs one.

The projection is Equal Earth: equal-area, so a large country's shade does not outweigh a small
one's by latitude alone, and the shape of the world stays familiar.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

WIDTH = 2000  # viewBox units; integer coordinates at this width are finer than 1:110m detail
SMALL = 60.0  # a shape under this area (viewBox units²) also gets a dot, to be seen and clicked
ANTARCTICA = "AQ"
FILES = ("countries-110m.json", "countries-50m.json")

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
_EDGE_X = math.pi / (M * A1)  # x of longitude 180 on the equator, the widest point
SCALE = WIDTH / (2 * _EDGE_X)

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One country, projected into the map's viewBox."""

    code: str  # ISO 3166-1 alpha-2
    path: str  # SVG path data, relative integer steps
    area: float
    dot: Point  # centre of its largest part, where a small country's dot goes
    top: float  # bounding box in the viewBox, for cropping the map to the countries drawn
    bottom: float

    @property
    def small(self) -> bool:
        return self.area < SMALL


@dataclass(frozen=True)
class WorldMap:
    """Every shape to draw, and the part of the projection they fill."""

    shapes: tuple[Shape, ...]
    top: int  # the viewBox's min-y: the projection's y is 0 on the equator
    height: int
    width: int = WIDTH


def project(longitude: float, latitude: float) -> Point:
    """Equal Earth, scaled to the viewBox, y pointing down (longitudes past 180 run off the edge)."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return (x + _EDGE_X) * SCALE, -y * SCALE


@cache
def _topology(name: str) -> tuple[dict[str, list[list[list[int]]]], list[list[Point]]]:
    """The polygons of each country (rings as lists of arc numbers) and the arcs, in degrees."""
    text = resources.files(__package__).joinpath("world", name).read_text(encoding="utf-8")
    topology = json.loads(text)
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # TopoJSON arcs are quantised and delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id") or "")
        if country is None:  # Kosovo, Northern Cyprus, Somaliland: no ISO code, never a case's
            continue
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        countries[country.alpha_2] = polygons
    return countries, arcs


def _ring(numbers: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring projected. Rings that cross the 180th meridian (Russia, Fiji) are unwrapped
    rather than cut: they run on past the map's edge, which the viewBox clips, instead of
    drawing a line across the whole world."""
    points: list[Point] = []
    for number in numbers:
        arc = arcs[number] if number >= 0 else arcs[~number][::-1]
        points.extend(arc[1:] if points else arc)  # arcs share their end points
    unwrapped, offset = [], 0.0
    for i, (longitude, latitude) in enumerate(points):
        if i and abs(longitude - points[i - 1][0]) > 180:
            offset -= math.copysign(360, longitude - points[i - 1][0])
        unwrapped.append(project(longitude + offset, latitude))
    return unwrapped


def _area(ring: list[Point]) -> float:
    """The shoelace formula."""
    following = ring[1:] + ring[:1]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, following, strict=True))) / 2


def _numbers(values: Iterable[int]) -> str:
    """SVG numbers, separated by a space only where no minus sign separates them already."""
    return " ".join(map(str, values)).replace(" -", "-")


def _path(rings: list[list[Point]]) -> str:
    parts = []
    for ring in rings:
        steps = []
        x0, y0 = round(ring[0][0]), round(ring[0][1])
        last = (x0, y0)
        for x, y in ring[1:]:
            here = (round(x), round(y))
            if here != last:
                steps.extend((here[0] - last[0], here[1] - last[1]))
                last = here
        if len(steps) >= 4:  # at least a triangle once rounded; smaller islands vanish
            parts.append(f"M{_numbers((x0, y0))}l{_numbers(steps)}z")
    return "".join(parts)


@cache
def country_shape(code: str) -> Shape | None:
    """A country's shape, from the small-scale file when it has it; None when neither has."""
    for name in FILES:
        countries, arcs = _topology(name)
        if code in countries:
            polygons = [[_ring(ring, arcs) for ring in polygon] for polygon in countries[code]]
            rings = [ring for polygon in polygons for ring in polygon]
            outer = [polygon[0] for polygon in polygons]  # the rest are holes (lakes, enclaves)
            largest = max(outer, key=_area)
            ys = [y for ring in rings for _, y in ring]
            return Shape(
                code=code,
                path=_path(rings),
                area=sum(_area(ring) for ring in outer),
                dot=(sum(x for x, _ in largest) / len(largest), sum(y for _, y in largest) / len(largest)),
                top=min(ys),
                bottom=max(ys),
            )
    return None


def world_map(codes_with_cases: Iterable[str]) -> WorldMap:
    """Every country of the small-scale file, with those of `codes_with_cases` the file lacks.

    Antarctica is left out unless a case is from it: it would take a fifth of the height.
    """
    wanted = set(codes_with_cases)
    codes = set(_topology(FILES[0])[0]) | {code for code in wanted if country_shape(code)}
    if ANTARCTICA not in wanted:
        codes.discard(ANTARCTICA)
    shapes = tuple(shape for code in sorted(codes) if (shape := country_shape(code)))
    top = math.floor(min(shape.top for shape in shapes)) - 2
    bottom = math.ceil(max(shape.bottom for shape in shapes)) + 2
    return WorldMap(shapes, top=top, height=bottom - top)


def missing_from_map(codes_with_cases: Iterable[str]) -> list[str]:
    """Codes with cases that have no shape: EU, INT, and the few territories neither file draws."""
    return [code for code in codes_with_cases if country_shape(code) is None]
