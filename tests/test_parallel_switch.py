"""The speed layer behind a switch: `parallel: false` builds the same bytes with none of it,
every fallback to the slow path says why at INFO, and a worker's failure shows its traceback."""

from __future__ import annotations

from conftest import Project, case_yaml, differing_files
from test_worker_build import BODIES, add_cases

# Each part of the speed layer fails loudly if it is used at all.
NO_SPEED_LAYER = "\n".join(
    [
        "import multiprocessing.context as m",
        "def refuse(*args, **kwargs): raise AssertionError('the speed layer ran')",
        "m.ForkProcess.start = refuse",  # the forked worker
        "import casebook.mkdocs.plugin as p; p._place = refuse",  # page.render replaced
        "import casebook.mkdocs.theme as t; t.SharedParts.__call__ = refuse",  # parts drawn once
    ]
)


def test_parallel_false_builds_the_same_bytes_without_the_speed_layer(project: Project):
    add_cases(project)
    fast = project.build()
    assert fast.returncode == 0, fast.stderr
    first = project.site.rename(project.root / "fast")
    project.set_option("parallel", "false")
    plain = project.build(prelude=NO_SPEED_LAYER)
    assert plain.returncode == 0, plain.stderr
    assert differing_files(first, project.site) == []


def test_the_speed_layer_is_on_by_default(project: Project):
    add_cases(project)
    result = project.build(prelude=NO_SPEED_LAYER)
    assert result.returncode != 0
    assert "the speed layer ran" in result.stderr


def test_case_pages_left_to_mkdocs_are_named_at_info_with_the_reason(project: Project):
    add_cases(project)
    prelude = "import casebook.speed.sharing as s; s.TwoEnds.take_front = lambda self, position: False"
    result = project.build("-v", prelude=prelude)
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "MkDocs converted 2 case pages" in x]
    assert line.startswith("INFO")
    assert "links to a page, an image or an anchor that MkDocs rewrites or checks" in line
    assert "cases/relative-image.md" in line and "cases/relative-link.md" in line


def test_a_hook_that_converts_pages_is_named_when_mkdocs_takes_every_case_page(project: Project):
    project.add("a.md", case_yaml("A", ["co-creation"], ["it-industry"], [{"text": "A lesson."}]))
    (project.root / "page_hook.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown\n"
    )
    with (project.root / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - page_hook.py\n")
    result = project.build("-v")
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "MkDocs converts every case page itself" in x]
    assert line.startswith("INFO") and line.endswith("page_markdown (page_hook.py)")


def failed_build(project: Project, *prelude: str) -> str:
    """The log of a build of one case that fails as the prelude makes it, with the traceback."""
    project.add("a.md", case_yaml("A", ["co-creation"], ["it-industry"], [{"text": "A lesson."}]))
    result = project.build(prelude="\n".join(prelude))
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr
    return result.stderr


def test_a_worker_that_fails_logs_its_whole_traceback(project: Project):
    stderr = failed_build(
        project,
        "import casebook.pages.render as r",
        "original = r.Renderer.render",
        "def render(self, template, src, **context):",
        "    if template == 'matrix.md.j2': raise RuntimeError('the matrix template broke')",
        "    return original(self, template, src, **context)",
        "r.Renderer.render = render",
    )
    assert "matrix/index.md could not be made" in stderr
    assert "in render" in stderr and "RuntimeError: the matrix template broke" in stderr


def test_open_data_files_the_worker_cannot_write_stop_the_build_with_the_reason(project: Project):
    stderr = failed_build(
        project,
        "import casebook.assembly.site as s",
        "def full(folder, files): raise OSError(28, 'No space left on device')",
        "s.write_files = full",
    )
    assert "the open-data and citation files could not be made" in stderr
    assert "No space left on device" in stderr


def test_every_body_of_the_worker_tests_is_a_case_page(project: Project):
    add_cases(project)
    assert project.build().returncode == 0
    assert all((project.site / "cases" / slug / "index.html").exists() for slug in BODIES)


def test_a_build_that_cannot_fork_says_why_at_info(project: Project):
    project.add("a.md", case_yaml("A", ["co-creation"], ["it-industry"], [{"text": "A lesson."}]))
    # A second thread, as under `mkdocs serve`: fork would copy only one of them.
    prelude = "import threading, time; threading.Thread(target=time.sleep, args=(60,), daemon=True).start()"
    result = project.build("-v", prelude=prelude)
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "made in this process" in x]
    assert line.startswith("INFO") and "runs 2 threads" in line
