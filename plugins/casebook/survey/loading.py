"""A survey folder: `questionnaire.yml` and `responses/`, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.collection import is_skipped
from ..core.problems import Problem
from ..core.vocabulary import Vocabulary
from .fields import shown_path
from .questionnaire import Questionnaire, load_questionnaire
from .responses import Response, load_responses

QUESTIONNAIRE_FILE = "questionnaire.yml"
RESPONSES_DIR = "responses"


@dataclass(frozen=True)
class Survey:
    problems: tuple[Problem, ...] = ()
    responses: tuple[Response, ...] = ()  # every valid response, internal ones included, by file
    questionnaire: Questionnaire | None = None  # None: the project has no survey (or it has errors)

    def shown(self, include_internal: bool) -> tuple[Response, ...]:
        """The responses whose office and free text a build may show."""
        return tuple(r for r in self.responses if include_internal or r.is_public)


def load_survey(survey_dir: Path, base: Path, vocabulary: Vocabulary) -> Survey:
    """Read the questionnaire and every response; paths in problems are relative to `base`.

    A project without a survey folder, or without responses, is fine: the pages then say that
    no response has been received. Responses without a questionnaire are an error.
    """
    questionnaire_path = survey_dir / QUESTIONNAIRE_FILE
    responses_dir = survey_dir / RESPONSES_DIR
    if not questionnaire_path.is_file():
        if _has_responses(responses_dir):
            message = f"missing: the responses in {shown_path(responses_dir, base)}/ are read against it"
            return Survey((Problem(shown_path(questionnaire_path, base), 1, "file", message),))
        return Survey()
    questionnaire, problems = load_questionnaire(
        questionnaire_path, shown_path(questionnaire_path, base), vocabulary
    )
    if questionnaire is None:
        return Survey(tuple(sorted(problems)))
    responses, found = load_responses(responses_dir, base, questionnaire)
    return Survey(tuple(sorted(problems + found)), responses, questionnaire)


def _has_responses(folder: Path) -> bool:
    return folder.is_dir() and any(not is_skipped(p.name) for p in folder.iterdir())
