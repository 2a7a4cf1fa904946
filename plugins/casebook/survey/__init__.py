"""The CES questionnaire on strategic partnerships, its responses, and what they show.

Interface used by the site (site.py) and the command line (cli.py):

- load_survey(survey_dir, base, vocabulary) -> Survey, with `.problems` (Problem objects);
- survey_pages(survey, index, renderer) -> {src path: Markdown} for /survey/ and /gaps/;
- register(subparsers) and run(args) -> exit code, for `casebook survey ...`.

Modules: questionnaire (the model and its loader), responses (one file per office, checked),
loading (a survey folder), aggregate (counting), gaps (demand against supply), pages
(rendering), importer (CSV import), response_file (writing response files), command (CLI),
fields (the field-by-field YAML checks the loaders share).
"""

from __future__ import annotations

from .command import register, run
from .loading import Survey, load_survey

__all__ = ["Survey", "load_survey", "register", "run", "survey_pages"]


def __getattr__(name: str) -> object:
    """`survey_pages` is imported when first asked for: it brings the page renderer, which
    `casebook check` and the survey commands, reading responses only, start without."""
    if name == "survey_pages":
        from .pages import survey_pages

        return survey_pages
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
