"""The guidelines' tools, kept as data in guidelines/tools/ and drawn into pages and annexes:

- `route-to-data.yml`: a decision path for the legal route to data, as linked questions whose
  answers lead to another question or to an outcome (a route, with the cases that took it);
- `access-models.yml`: models of access, each with when it fits the office's legal
  authority, technical capacity and public trust; its cases are those tagged with its
  safeguards (computed, never listed by hand);
- `agreement-checklist.yml`: what an agreement with a data holder must settle, each item
  with why it matters, a model clause and the lessons where it mattered.

Every reference is checked as the chapters' are: a question, an outcome, a case, a lesson, a
framework or a term that does not exist is an error with its line and a did-you-mean; so is
an outcome that names no case, a question no answer leads to, and a path that loops.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .collection import shown_path
from .files import read_contributed
from .guidelines import REF, SLUG, Example, Framework, Read, _Reader
from .model import Case
from .problems import CaseFileError, Problem, did_you_mean
from .schema import in_language, obj, term, terms, text
from .validate import character_problems, read_yaml, repair_text, schema_problems
from .vocabulary import Vocabulary
from .yamlfile import Path as YamlPath
from .yamlfile import dotted

ROUTE = "route-to-data.yml"
MODELS = "access-models.yml"
CHECKLIST = "agreement-checklist.yml"


@dataclass(frozen=True)
class Answer:
    text: str
    next: str | None  # a question's id
    outcome: str | None  # an outcome's id


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    explanation: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    route: str  # a term of data_routes
    title: str
    text: str
    frameworks: tuple[Framework, ...]
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class RouteToData:
    title: str
    introduction: str
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class AccessModel:
    id: str
    title: str
    description: str
    legal_authority: str
    technical_capacity: str
    public_trust: str
    safeguards: tuple[str, ...]
    cases: tuple[Case, ...]  # tagged with one of its safeguards, by title


@dataclass(frozen=True)
class AccessModels:
    title: str
    introduction: str
    models: tuple[AccessModel, ...]


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    why: str
    clause: str
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Checklist:
    title: str
    introduction: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Tools:
    route: RouteToData | None = None
    models: AccessModels | None = None
    checklist: Checklist | None = None


_ID = {"type": "string", "pattern": SLUG, "description": "A short id: lower-case letters, digits, hyphens."}


def _frameworks_list() -> dict[str, Any]:
    return {
        "type": "array",
        "uniqueItems": True,
        "items": {"type": "string", "pattern": SLUG},
        "description": "Ids of guidelines/frameworks.yml.",
    }


def route_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    answer = obj(
        {"answer": text("The answer.", 300), "next": _ID, "outcome": _ID},
        ["answer"],
        "An answer: the question or the outcome it leads to.",
    )
    question = obj(
        {
            "id": _ID,
            "question": text("The question.", 300),
            "explanation": text("Why it is asked: the test it applies.", 2000),
            "answers": {"type": "array", "minItems": 2, "items": answer, "description": "The answers."},
        },
        ["id", "question", "answers"],
        "A question.",
    )
    outcome = obj(
        {
            "id": _ID,
            "route": term(vocabulary["data_routes"]),
            "title": text("The outcome's title.", 200),
            "text": text("What the route requires, and what the cases show.", 4000),
            "frameworks": _frameworks_list(),
            "cases": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": SLUG},
                "description": "The cases that took this route: a list of case slugs.",
            },
        },
        ["id", "route", "title", "text", "cases"],
        "An outcome: a route to data.",
    )
    return obj(
        {
            "title": text("The tool's title.", 200),
            "introduction": text("What the decision path is for.", 4000),
            "start": _ID,
            "questions": {"type": "array", "minItems": 1, "items": question, "description": "The questions."},
            "outcomes": {"type": "array", "minItems": 1, "items": outcome, "description": "The outcomes."},
        },
        ["title", "introduction", "start", "questions", "outcomes"],
        "The route to data.",
    )


def models_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    model = obj(
        {
            "id": _ID,
            "title": text("The model's name.", 200),
            "description": text("What it is.", 2000),
            "legal_authority": text("When it fits the office's legal authority.", 2000),
            "technical_capacity": text("When it fits the office's technical capacity.", 2000),
            "public_trust": text("When it fits public trust.", 2000),
            "safeguards": terms(vocabulary["safeguards"], 1),
        },
        ["id", "title", "description", "legal_authority", "technical_capacity", "public_trust", "safeguards"],
        "A model of access.",
    )
    return obj(
        {
            "title": text("The tool's title.", 200),
            "introduction": text("What the models are for.", 4000),
            "models": {"type": "array", "minItems": 1, "items": model, "description": "The models."},
        },
        ["title", "introduction", "models"],
        "Models of access.",
    )


def checklist_schema() -> dict[str, Any]:
    item = obj(
        {
            "id": _ID,
            "title": text("What the agreement settles.", 200),
            "why": text("Why it matters, from the cases.", 3000),
            "clause": text("A model clause.", 3000),
            "examples": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": REF.pattern},
                "description": "Where it mattered: lessons as <case-slug>#<lesson number>.",
            },
        },
        ["id", "title", "why", "clause", "examples"],
        "An item of the checklist.",
    )
    return obj(
        {
            "title": text("The tool's title.", 200),
            "introduction": text("What the checklist is for.", 4000),
            "items": {"type": "array", "minItems": 1, "items": item, "description": "The items."},
        },
        ["title", "introduction", "items"],
        "The agreement checklist.",
    )


@cache
def _validators(vocabulary: Vocabulary) -> dict[str, Draft202012Validator]:
    schemas = {
        ROUTE: route_schema(vocabulary),
        MODELS: models_schema(vocabulary),
        CHECKLIST: checklist_schema(),
    }
    return {
        name: Draft202012Validator(in_language(schema, vocabulary.language))
        for name, schema in schemas.items()
    }


def load_tools(
    folder: Path,
    vocabulary: Vocabulary,
    cases: Mapping[str, Case],
    frameworks: Mapping[str, Framework],
    base: Path | None,
    report: Callable[[Problem], None],
) -> Tools:
    """The tools in `folder`; each problem goes to `report`."""
    reader = _Reader(vocabulary, cases, base)
    tools: dict[str, Any] = {}
    validators = _validators(vocabulary)
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        shown = shown_path(path, base)
        if path.name not in validators:
            hint = did_you_mean(path.name, validators)
            message = f"not a tool{hint}: expected one of {', '.join(validators)}"
            report(Problem(shown, 1, "file", message))
            continue
        read = _read(shown, path, validators[path.name], report)
        if read is None:
            continue
        found: list[Problem] = []
        if path.name == ROUTE:
            tool: Any = _route(read, vocabulary, cases, frameworks, found)
        elif path.name == MODELS:
            tool = _models(read, cases)
        else:
            tool = _checklist(read, reader, found)
        for problem in found:
            report(problem)
        if not found:
            tools[path.name] = tool
    return Tools(tools.get(ROUTE), tools.get(MODELS), tools.get(CHECKLIST))


def _read(
    shown: str, path: Path, validator: Draft202012Validator, report: Callable[[Problem], None]
) -> Read | None:
    try:
        document = read_yaml(read_contributed(path))
    except CaseFileError as exc:
        report(Problem(shown, exc.line, exc.field, exc.message))
        return None
    data = repair_text(document.data, validator.schema, (), document)
    found = [*schema_problems(shown, data, document, validator), *character_problems(shown, document)]
    for problem in found:
        report(problem)
    if any(p.severity == "error" for p in found):
        return None
    return Read(shown, data, document, "")


def _route(
    read: Read,
    vocabulary: Vocabulary,
    cases: Mapping[str, Case],
    frameworks: Mapping[str, Framework],
    found: list[Problem],
) -> RouteToData:
    data, document = read.data, read.document

    def problem(where: YamlPath, message: str) -> None:
        found.append(Problem(read.shown, document.line_of(where), dotted(where), message))

    questions = {q["id"]: (i, q) for i, q in enumerate(data["questions"])}
    outcomes = {o["id"]: (i, o) for i, o in enumerate(data["outcomes"])}
    for kind, items in (("questions", data["questions"]), ("outcomes", data["outcomes"])):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                problem((kind, i, "id"), f"'{item['id']}' is given twice; keep one")
            seen.add(item["id"])
    if data["start"] not in questions:
        problem(("start",), f"no question '{data['start']}'{did_you_mean(data['start'], questions)}")
    leads: dict[str, list[str]] = {}
    for qid, (i, question) in questions.items():
        targets = []
        for j, answer in enumerate(question["answers"]):
            where = ("questions", i, "answers", j)
            if ("next" in answer) == ("outcome" in answer):
                problem(
                    where, "give either next: <question id> or outcome: <outcome id>, not both or neither"
                )
            elif "next" in answer and answer["next"] not in questions:
                hint = did_you_mean(answer["next"], questions)
                problem(where + ("next",), f"no question '{answer['next']}'{hint}")
            elif "outcome" in answer and answer["outcome"] not in outcomes:
                hint = did_you_mean(answer["outcome"], outcomes)
                problem(where + ("outcome",), f"no outcome '{answer['outcome']}'{hint}")
            else:
                targets.append(answer.get("next") or "outcome:" + answer["outcome"])
        leads[qid] = targets
    if not found:
        _reach(data["start"], leads, questions, outcomes, problem)
    built_outcomes = []
    for oid, (i, outcome) in outcomes.items():
        chosen_cases = []
        for j, slug in enumerate(outcome["cases"]):
            if slug in cases:
                chosen_cases.append(cases[slug])
            else:
                problem(("outcomes", i, "cases", j), f"no case '{slug}'{did_you_mean(slug, sorted(cases))}")
        chosen_frameworks = []
        for j, framework_id in enumerate(outcome.get("frameworks", [])):
            if framework_id in frameworks:
                chosen_frameworks.append(frameworks[framework_id])
            else:
                hint = did_you_mean(framework_id, frameworks)
                problem(("outcomes", i, "frameworks", j), f"no framework '{framework_id}'{hint}")
        built_outcomes.append(
            Outcome(
                id=oid,
                route=outcome["route"],
                title=outcome["title"].strip(),
                text=outcome["text"].strip(),
                frameworks=tuple(chosen_frameworks),
                cases=tuple(chosen_cases),
            )
        )
    built_questions = tuple(
        Question(
            qid,
            q["question"].strip(),
            (q.get("explanation") or "").strip(),
            tuple(Answer(a["answer"].strip(), a.get("next"), a.get("outcome")) for a in q["answers"]),
        )
        for qid, (_, q) in questions.items()
    )
    title, introduction = data["title"].strip(), data["introduction"].strip()
    return RouteToData(title, introduction, data["start"], built_questions, tuple(built_outcomes))


def _reach(
    start: str,
    leads: dict[str, list[str]],
    questions: dict[str, tuple[int, dict]],
    outcomes: dict[str, tuple[int, dict]],
    problem: Callable[[YamlPath, str], None],
) -> None:
    """Every question and outcome reached from the start, and no path that comes back."""
    reached: set[str] = set()
    on_path: list[str] = []

    def visit(node: str) -> None:
        if node in on_path:
            i = questions[node][0]
            loop = " > ".join([*on_path, node])
            problem(("questions", i, "id"), f"the path comes back to '{node}' ({loop})")
            return
        if node in reached:
            return
        reached.add(node)
        if node.startswith("outcome:"):
            return
        on_path.append(node)
        for target in leads.get(node, []):
            visit(target)
        on_path.pop()

    visit(start)
    for qid, (i, _) in questions.items():
        if qid not in reached:
            problem(("questions", i, "id"), f"no answer leads to the question '{qid}'")
    for oid, (i, _) in outcomes.items():
        if "outcome:" + oid not in reached:
            problem(("outcomes", i, "id"), f"no answer leads to the outcome '{oid}'")


def _models(read: Read, cases: Mapping[str, Case]) -> AccessModels:
    data = read.data
    ordered = sorted(cases.values(), key=lambda c: (c.title.casefold(), c.slug))
    models = tuple(
        AccessModel(
            id=m["id"],
            title=m["title"].strip(),
            description=m["description"].strip(),
            legal_authority=m["legal_authority"].strip(),
            technical_capacity=m["technical_capacity"].strip(),
            public_trust=m["public_trust"].strip(),
            safeguards=tuple(m["safeguards"]),
            cases=tuple(c for c in ordered if set(c.safeguards) & set(m["safeguards"])),
        )
        for m in data["models"]
    )
    return AccessModels(data["title"].strip(), data["introduction"].strip(), models)


def _checklist(read: Read, reader: _Reader, found: list[Problem]) -> Checklist:
    data, document = read.data, read.document
    items = []
    for i, item in enumerate(data["items"]):
        examples = []
        for j, reference in enumerate(item["examples"]):
            lesson = reader.lesson(reference)
            if isinstance(lesson, str):
                where = ("items", i, "examples", j)
                found.append(Problem(read.shown, document.line_of(where), dotted(where), lesson))
            else:
                examples.append(Example(*lesson))
        items.append(
            ChecklistItem(
                id=item["id"],
                title=item["title"].strip(),
                why=item["why"].strip(),
                clause=item["clause"].strip(),
                examples=tuple(examples),
            )
        )
    return Checklist(data["title"].strip(), data["introduction"].strip(), tuple(items))
