"""The CES questionnaire on strategic partnerships, its responses, and what they show.

Interface used by the site (site.py) and the command line (cli.py):

- load_survey(survey_dir, base, vocabulary) -> Survey, with `.problems` (Problem objects);
- survey_pages(survey, index, renderer) -> {src path: Markdown} for /survey/ and /gaps/;
- register(subparsers) and run(args) -> exit code, for `casebook survey ...`.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..index import Index
from ..problems import Problem
from ..render import Renderer
from ..vocabulary import Vocabulary


@dataclass(frozen=True)
class Survey:
    problems: tuple[Problem, ...] = ()
    responses: tuple[Any, ...] = field(default=())


def load_survey(survey_dir: Path, base: Path, vocabulary: Vocabulary) -> Survey:
    return Survey()


def survey_pages(survey: Survey, index: Index, renderer: Renderer) -> dict[str, str]:
    return {}


def register(subparsers: Any) -> None:
    subparsers.add_parser("survey", help="the questionnaire and its responses")


def run(args: argparse.Namespace) -> int:
    return 0
