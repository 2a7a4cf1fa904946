"""The registry of organisations: entries checked at their lines, case organisations and
partners resolved by name or alias (a near miss an error, a new name a warning with the entry
to paste, an anonymous partner left alone), the organisations' pages, the `org` facet and the
open data; `casebook check` and the build agree."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve
from casebook.assembly.content import load_content
from casebook.assembly.options import CasebookOptions
from casebook.authoring.cli import main
from casebook.core.index import build_index
from casebook.core.model import Case, Partner
from casebook.core.organisations import load_registry, resolve_cases
from casebook.core.vocabulary import load_vocabulary
from conftest import Project, case_text, new_project

VOCABULARY = load_vocabulary()
REGISTRY = """\
- slug: orange
  name: Orange
  sector: private
  country: FR
- slug: sonatel
  name: Sonatel
  aliases: [Sonatel (Orange group subsidiary in Senegal)]
  sector: private
  country: SN
  parent: orange
- slug: cbs
  name: Statistics Netherlands (CBS)
  aliases: [CBS]
  sector: government
  country: NL
"""


def registry(tmp_path: Path, text: str = REGISTRY):
    path = tmp_path / "organisations.yml"
    path.write_text(text, encoding="utf-8")
    return load_registry(path, "organisations.yml", VOCABULARY)


def case(organisation: str = "Statistics Netherlands (CBS)", *partners: Partner) -> Case:
    return Case(
        slug="x",
        path="cases/x.md",
        title="X",
        summary="S",
        organisation=organisation,
        country="SN",
        partners=partners or (Partner("Sonatel", "private", line=8),),
        partnership_types=("co-creation",),
        challenges=("public-private",),
        lessons=(),
        sources=(),
        organisation_line=4,
    )


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_name_or_an_alias_resolves_whatever_its_case_and_spacing(tmp_path: Path):
    found = registry(tmp_path)
    assert found.problems == ()
    assert found.resolve("Sonatel (Orange group subsidiary in Senegal)").slug == "sonatel"
    assert found.resolve("statistics  netherlands (cbs)").slug == "cbs"


def test_a_resolved_case_carries_its_office_and_its_partners_with_their_groups(tmp_path: Path):
    (resolved,), problems = resolve_cases([case()], registry(tmp_path))
    assert problems == []
    assert resolved.organisation_slug == "cbs"
    assert resolved.partners[0].organisation == "sonatel"
    assert resolved.partner_organisations == ("sonatel", "orange")


def test_a_near_miss_is_an_error_with_did_you_mean_at_its_line(tmp_path: Path):
    _, problems = resolve_cases([case("Statistics Netherland (CBS)")], registry(tmp_path))
    assert messages(problems) == [
        "cases/x.md:4: organisation: 'Statistics Netherland (CBS)' is not in organisations.yml "
        "(did you mean 'Statistics Netherlands (CBS)'?): write the name as the registry does, "
        "or add this spelling to the aliases of 'cbs'"
    ]


def test_a_new_name_is_a_warning_that_shows_the_entry_to_add(tmp_path: Path):
    _, problems = resolve_cases(
        [case("CBS", Partner("Dakar Data Lab", "academia", line=8))], registry(tmp_path)
    )
    (problem,) = problems
    assert problem.severity == "warning"
    assert (problem.line, problem.field) == (8, "partners[1].name")
    assert "add 'anonymous: true'" in problem.message
    assert (
        '- {slug: dakar-data-lab, name: "Dakar Data Lab", sector: academia, country: SN}' in problem.message
    )


def test_an_anonymous_partner_is_not_looked_up(tmp_path: Path):
    partner = Partner("A mobile network operator", "private", anonymous=True, line=8)
    (resolved,), problems = resolve_cases([case("CBS", partner)], registry(tmp_path))
    assert problems == []
    assert resolved.partners[0].organisation is None


def test_without_a_registry_nothing_is_looked_up(tmp_path: Path):
    missing = load_registry(tmp_path / "organisations.yml", "organisations.yml", VOCABULARY)
    cases, problems = resolve_cases([case("Anyone")], missing)
    assert problems == [] and cases[0].organisation_slug is None


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "  sector: privat\n  country: FR\n",
            "organisations.yml:4: [2].sector: unknown term 'privat' (did you mean 'private'?)",
        ),
        (
            "  sector: private\n  country: FRA\n",
            "organisations.yml:5: [2].country: unknown country code 'FRA'",
        ),
        (
            "  sector: private\n  country: FR\n  parent: orang\n",
            "organisations.yml:6: [2].parent: no organisation 'orang' (did you mean 'orange'?)",
        ),
    ],
)
def test_a_bad_entry_is_reported_at_its_line(tmp_path: Path, entry: str, expected: str):
    text = (
        "- {slug: orange, name: Orange, sector: private, country: FR}\n- slug: bouygues\n  name: Bouygues\n"
        + entry
    )
    found = registry(tmp_path, text)
    assert any(message.startswith(expected) for message in messages(found.problems)), messages(found.problems)
    assert [o.slug for o in found.organisations] == ["orange"]


def test_a_slug_or_a_name_given_twice_is_reported(tmp_path: Path):
    text = textwrap.dedent("""\
        - {slug: orange, name: Orange, sector: private, country: FR}
        - {slug: orange, name: Orange SA, sector: private, country: FR}
        - {slug: orange-france, name: Orange France, aliases: [orange], sector: private, country: FR}
        """)
    assert messages(registry(tmp_path, text).problems) == [
        "organisations.yml:2: [2].slug: slug 'orange' is already the slug of the entry at line 1; keep one",
        "organisations.yml:3: [3].aliases[1]: 'orange' is already a name of 'orange' (line 1): "
        "a name leads to one entry",
    ]


def test_a_group_cannot_sit_inside_its_own_arm(tmp_path: Path):
    text = textwrap.dedent("""\
        - {slug: a, name: A, sector: private, country: FR, parent: b}
        - {slug: b, name: B, sector: private, country: FR, parent: a}
        """)
    assert all("below this organisation itself" in m for m in messages(registry(tmp_path, text).problems))


def test_a_group_takes_part_in_its_national_arms_cases(tmp_path: Path):
    found = registry(tmp_path)
    resolved, _ = resolve_cases([case()], found)
    organisations = build_index(resolved, VOCABULARY, found).organisations
    (involvement,) = organisations.involvements["orange"]
    assert (involvement.role, involvement.via.slug) == ("partner", "sonatel")
    assert [o.slug for o, _ in organisations.in_role("office")] == ["cbs"]
    assert organisations.partner_names() == {"orange": "Orange", "sonatel": "Sonatel"}


def test_every_shipped_office_and_named_partner_is_in_the_registry():
    root = Path(__file__).resolve().parent.parent
    content = load_content(root, CasebookOptions(), VOCABULARY)
    assert [
        p for p in content.problems if "organisations.yml" in p.message or p.path == "organisations.yml"
    ] == []
    assert all(c.organisation_slug for c in content.index.cases)


# A project with a registry, built once for the tests below.
PARTNERS = {
    "senegal": ("Sonatel (Orange group subsidiary in Senegal)", "a-mobile-network-operator"),
    "france": ("Orange", None),
    "spain": ("A mobile network operator", None),
}


def partner_case(slug: str) -> str:
    name, _ = PARTNERS[slug]
    anonymous = "\n    anonymous: true" if name[0] == "A" else ""
    text = case_text(title=f"Case {slug}", organisation="CBS", lesson=f"Lesson of {slug}.")
    return text.replace("  - name: A mobile network operator\n", f"  - name: {name}{anonymous}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = new_project(tmp_path_factory.mktemp("organisations") / "project")
    (project.root / "organisations.yml").write_text(REGISTRY, encoding="utf-8")
    for slug in PARTNERS:
        project.add(f"{slug}.md", partner_case(slug))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_a_groups_page_lists_its_arms_cases_with_the_role(built: Project):
    page = built.page("organisations/orange/")
    assert "Case france" in page and "Case senegal" in page and "Case spain" not in page
    assert '<a href="../../organisations/sonatel/">Sonatel</a>' in page


def test_the_listing_counts_offices_and_partners(built: Project):
    page = built.page("organisations/")
    assert (
        '<a href="../organisations/cbs/">Statistics Netherlands (CBS)</a></td><td>Government</td>'
        "<td>Netherlands</td><td>3</td>" in page
    )
    assert (
        '<a href="../organisations/orange/">Orange</a></td><td>Private sector</td><td>France</td><td>2</td>'
        in page
    )


def test_a_case_page_links_its_partner_and_its_office(built: Project):
    page = built.page("cases/senegal/")
    assert '<a href="../../organisations/sonatel/">Sonatel (Orange group subsidiary in Senegal)</a>' in page
    assert '<a href="../../organisations/cbs/">CBS</a>' in page
    assert "organisations/" not in built.page("cases/spain/").split("A mobile network operator")[0][-60:]


def test_the_open_data_name_each_cases_organisations(built: Project):
    records = json.loads((built.site / "api" / "organisations.json").read_text())
    orange = next(r for r in records if r["slug"] == "orange")
    assert orange["cases"] == [
        {"case": "france", "role": "partner"},
        {"case": "senegal", "role": "partner", "via": "sonatel"},
    ]
    cases = {c["slug"]: c for c in json.loads((built.site / "api" / "cases.json").read_text())}
    assert cases["senegal"]["organisation_slug"] == "cbs"
    assert cases["senegal"]["partners"][0]["organisation_slug"] == "sonatel"
    assert cases["spain"]["partners"][0]["organisation_slug"] is None


def test_check_and_the_build_report_a_near_miss_alike(built: Project, tmp_path: Path):
    project = new_project(tmp_path / "near")
    (project.root / "organisations.yml").write_text(REGISTRY, encoding="utf-8")
    project.add("x.md", case_text(organisation="Statistics Netherland (CBS)"))
    expected = "cases/x.md:4: organisation: 'Statistics Netherland (CBS)' is not in organisations.yml"
    build = project.build()
    assert build.returncode != 0 and expected in build.stderr
    out = io.StringIO()
    here = os.getcwd()
    os.chdir(project.root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["check"])
    finally:
        os.chdir(here)
    assert code == 1 and expected in out.getvalue()


@pytest.fixture(scope="module")
def site_url(built: Project) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("page_url", ["cases/", "lessons/"])
def test_the_org_parameter_filters_by_partner_and_group(page, site_url: str, page_url: str):
    page.goto(site_url + page_url + "?org=orange")
    page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")
    shown = page.locator("[data-cb-list] [data-cb-item]:visible").all_inner_texts()
    assert {re.search(r"Case \w+", text).group(0) for text in shown} == {"Case france", "Case senegal"}
    assert page.get_by_role("checkbox", name="Orange").first.is_checked()
