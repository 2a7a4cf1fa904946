"""The garbage collector's pace while a site is built (speed/collector.py): the build's
thresholds from its configuration to its end, and the ones found before given back."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from casebook.speed.collector import BUILD_THRESHOLDS, CollectorPace
from conftest import Project, case_text

# A build in its own process (the collector's settings are the process's), at thresholds of
# its own; prints those seen while pages were drawn, and those after the build, as JSON.
BUILD = """
import gc, json, sys
import mkdocs.commands.build as commands
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
gc.set_threshold(600, 7, 8)
seen = []
draw = commands._build_page
def recording(*args, **kwargs):
    seen.append(gc.get_threshold())
    return draw(*args, **kwargs)
commands._build_page = recording
failed = False
try:
    commands.build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
except Abort:
    failed = True
print(json.dumps({"during": sorted(set(seen)), "after": gc.get_threshold(), "failed": failed}))
"""
FOUND = [600, 7, 8]


@pytest.fixture
def thresholds() -> Iterator[tuple[int, ...]]:
    """This process's thresholds, given back after the test."""
    found = gc.get_threshold()
    yield found
    gc.set_threshold(*found)


def built(project: Project) -> dict[str, list]:
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(project.site)], cwd=project.root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_pace_sets_the_build_thresholds_and_gives_back_those_it_found(thresholds: tuple[int, ...]):
    gc.set_threshold(500, 5, 5)
    pace = CollectorPace()
    pace.start()
    assert gc.get_threshold() == BUILD_THRESHOLDS
    pace.stop()
    assert gc.get_threshold() == (500, 5, 5)


def test_a_second_start_still_gives_back_the_first_thresholds(thresholds: tuple[int, ...]):
    gc.set_threshold(500, 5, 5)
    pace = CollectorPace()
    pace.start()
    pace.start()  # a preview's next build, before the last one stopped
    pace.stop()
    pace.stop()
    assert gc.get_threshold() == (500, 5, 5)


def test_a_build_draws_its_pages_at_the_build_thresholds_and_gives_back_the_others(project: Project):
    project.add("a.md", case_text())
    assert built(project) == {"during": [list(BUILD_THRESHOLDS)], "after": FOUND, "failed": False}


def test_a_build_without_the_speed_layer_keeps_the_thresholds_it_found(project: Project):
    project.add("a.md", case_text())
    project.set_option("parallel", "false")
    assert built(project) == {"during": [FOUND], "after": FOUND, "failed": False}


def test_a_failed_build_gives_back_the_thresholds_it_found(project: Project):
    project.add("a.md", case_text(country="XX"))  # an error: the build stops before any page
    assert built(project) == {"during": [], "after": FOUND, "failed": True}
