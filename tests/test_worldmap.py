"""The world map of the countries page: shapes, projection and the page that draws them."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from importlib import resources
from urllib.parse import urljoin

import pycountry
import pytest
import yaml
from casebook.pages.worldmap import WIDTH, country_shape, missing_from_map, project, world_map
from conftest import case_yaml, rendered_listing

WORLD = resources.files("casebook.pages").joinpath("world")


def steps(path: str) -> list[tuple[int, int]]:
    """The relative steps of a path's `l` commands."""
    pairs = []
    for run in re.findall(r"l([-\d ]+)z", path):
        numbers = [int(n) for n in re.findall(r"-?\d+", run)]
        pairs += list(zip(numbers[::2], numbers[1::2], strict=True))
    return pairs


def test_the_vendored_shapes_are_the_release_source_yml_names():
    source = yaml.safe_load(WORLD.joinpath("SOURCE.yml").read_text())
    assert source["package"] == "world-atlas"
    for name, digest in source["sha256"].items():
        assert hashlib.sha256(WORLD.joinpath(name).read_bytes()).hexdigest() == digest, name


def test_the_projection_puts_the_prime_meridian_in_the_middle_and_north_up():
    x, y = project(0, 0)
    assert (x, y) == (pytest.approx(WIDTH / 2), pytest.approx(0))
    assert project(180, 0)[0] == pytest.approx(WIDTH)
    assert project(-180, 0)[0] == pytest.approx(0)
    assert project(10, 60)[1] < 0 < project(10, -60)[1]


def test_the_projection_keeps_equal_areas_equal():
    def cell_area(latitude: float) -> float:
        (x0, y0), (x1, y1) = project(0, latitude), project(1, latitude + 1)
        return abs((x1 - x0) * (y1 - y0))

    # A one-degree cell near the pole has cos(latitude) times the area of one on the equator.
    ratio = cell_area(69.5) / cell_area(0)
    assert ratio == pytest.approx(0.3502, rel=0.03)


def test_a_country_comes_from_the_small_scale_file():
    norway = country_shape("NO")
    assert norway is not None and norway.path.startswith("M")
    assert not norway.small


def test_a_country_too_small_for_the_small_scale_file_comes_from_the_larger_one_with_a_dot():
    singapore = country_shape("SG")
    assert singapore is not None and singapore.small
    x, y = project(103.8, 1.35)
    assert singapore.dot == (pytest.approx(x, abs=8), pytest.approx(y, abs=8))


def test_codes_no_file_draws_are_listed_beside_the_map_in_their_order():
    assert missing_from_map({"NO": 2, "INT": 1, "GI": 1, "EU": 3}) == ["INT", "GI", "EU"]


def test_a_country_across_the_180th_meridian_has_no_line_across_the_map():
    for code in ("RU", "FJ", "US"):
        shape = country_shape(code)
        assert shape is not None
        assert max(abs(dx) for dx, _ in steps(shape.path)) < WIDTH / 4, code


def drawn(codes: list[str]) -> set[str]:
    return {shape.code for shape in world_map(codes).shapes}


def test_antarctica_is_left_out_unless_a_case_is_from_there():
    assert "AQ" not in drawn(["NO"])
    assert "AQ" in drawn(["NO", "AQ"])
    assert world_map(["NO", "AQ"]).height > world_map(["NO"]).height


def test_a_small_country_with_a_case_is_added_to_the_map():
    assert "MT" not in drawn([])
    assert "MT" in drawn(["MT"])


class MapReader(HTMLParser):
    """The links of the map's SVG: (href, class, accessible name, has a dot)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_svg = False
        self.links: list[dict[str, object]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "svg":
            self.in_svg = True
        elif self.in_svg and tag == "a":
            self.links.append({**values, "dot": False})
        elif self.in_svg and tag == "circle":
            self.links[-1]["dot"] = True
        elif self.in_svg and tag == "title" and not self.links:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = False
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def countries_page(tmp_path, cases: dict[str, str]) -> str:
    for slug, text in cases.items():
        (tmp_path / f"{slug}.md").write_text(text)
    return rendered_listing(tmp_path, "countries/index.md")


def a_case(title: str, country: str) -> str:
    lessons = [{"text": "A lesson."}]
    return case_yaml(title, ["co-creation"], ["maintaining-momentum"], lessons, country=country)


def test_each_country_with_cases_is_a_named_link_to_its_page_shaded_by_count(tmp_path):
    html = countries_page(
        tmp_path,
        {"a": a_case("A", "NO"), "b": a_case("B", "NO"), "c": a_case("C", "NO"), "d": a_case("D", "MX")},
    )
    reader = MapReader()
    reader.feed(html)
    links = {link["aria-label"]: link for link in reader.links}
    assert set(links) == {"Norway: 3 cases", "Mexico: 1 case"}
    href = links["Norway: 3 cases"]["xlink:href"]
    assert urljoin("https://casebook.test/countries/", href) == "https://casebook.test/countries/no/"
    assert links["Norway: 3 cases"]["class"] == "cb-heat-5"
    assert links["Mexico: 1 case"]["class"] == "cb-heat-2"
    assert reader.title.startswith("World map: 2 countries with cases")


def test_a_tiny_country_with_a_case_gets_a_dot_to_click(tmp_path):
    reader = MapReader()
    reader.feed(countries_page(tmp_path, {"a": a_case("A", "SG"), "b": a_case("B", "NO")}))
    dots = {link["aria-label"]: link["dot"] for link in reader.links}
    assert dots == {"Singapore: 1 case": True, "Norway: 1 case": False}


def test_eu_and_international_bodies_are_listed_beside_the_map_not_counted_on_it(tmp_path):
    html = countries_page(tmp_path, {"a": a_case("A", "EU"), "b": a_case("B", "INT"), "c": a_case("C", "NO")})
    reader = MapReader()
    reader.feed(html)
    assert reader.title.startswith("World map: 1 country with cases")
    aside = html[html.index('<aside class="cb-map-aside"') : html.index("</aside>")]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', aside)
    assert [(urljoin("https://casebook.test/countries/", href), name) for href, name in links] == [
        ("https://casebook.test/countries/eu/", "European Union"),
        ("https://casebook.test/countries/int/", "International organisations"),
    ]


def test_the_legend_covers_every_count_on_the_map(tmp_path):
    cases = {f"n{n}": a_case(f"N{n}", "NO") for n in range(7)} | {"m": a_case("M", "MX")}
    html = countries_page(tmp_path, cases)
    legend = html[html.index('aria-label="Shades of the map"') :]
    legend = legend[: legend.index("</ul>")]
    assert re.findall(r"cb-heat-(\d)\">([^<]+)<", legend) == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3–4"),
        ("4", "5"),
        ("5", "6–7"),
    ]


def test_a_collection_without_cases_draws_the_world_with_no_link(tmp_path):
    reader = MapReader()
    reader.feed(countries_page(tmp_path, {}))
    assert reader.links == []
    assert reader.title.startswith("World map: 0 countries with cases")


def test_the_map_stays_under_150_kb_with_a_case_from_every_country(tmp_path):
    codes = [country.alpha_2 for country in pycountry.countries]
    html = countries_page(tmp_path, {f"c{n}": a_case(f"C{n}", code) for n, code in enumerate(codes)})
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(svg.encode()) < 150_000
    reader = MapReader()
    reader.feed(html)
    beside = html[html.index('<aside class="cb-map-aside"') : html.index("</aside>")].count("<li>")
    assert len(reader.links) + beside == len(codes)
