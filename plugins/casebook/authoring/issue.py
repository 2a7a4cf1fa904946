"""A case from a "Case study" issue's body (`casebook from-issue`): each answer read into the
case file's fields and terms, and every problem collected, so that one run reports them all."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.bodylimits import body_limit_findings
from ..core.languages import DEFAULT, LANGUAGES
from ..core.prose import scan_body
from ..core.vocabulary import Vocabulary
from ..pages.catalogue import translations
from .casefile import (
    SECTIONS,
    CaseSpec,
    FormField,
    LessonSpec,
    PartnerSpec,
    SourceSpec,
    issue_form_fields,
    parse_issue_body,
    resolve_term,
    section_id,
)

PARTNER = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")  # 'Statistics Norway (government)'
LESSON_STAGE = re.compile(r"^\[([^\]]+)\]\s*(.*)$")  # '[agreeing] Agree ...'
SOURCE = re.compile(r"^(.*?)[\s:–—-]*<?(https?://\S+?)>?$")  # 'Title - https://...'
PERIOD = re.compile(r"\s*(\d{4})?\s*(?:[-–—]|to)?\s*(\d{4})?\s*")  # '2016-2019', '2016-', '2016'


@dataclass
class IssueReader:
    """The answers of one issue body; `problems` gathers what could not be read, with the file."""

    name: str  # the issue file, as messages show it
    answers: dict[str, str]
    vocabulary: Vocabulary
    problems: list[str] = field(default_factory=list)
    fields: dict[str, FormField] = field(init=False)

    def __post_init__(self) -> None:
        # The form's language: the one whose questions the body answers (each language's form
        # asks them in its words, and offers its terms by their labels in it).
        self.vocabulary = max(
            (self.vocabulary.in_language(language) for language in LANGUAGES),
            key=lambda words: sum(f.label in self.answers for f in issue_form_fields(words)),
        )
        self.fields = {f.id: f for f in issue_form_fields(self.vocabulary)}

    @classmethod
    def of(cls, name: str, body: str, vocabulary: Vocabulary) -> IssueReader:
        return cls(name, parse_issue_body(body), vocabulary)

    @property
    def language(self) -> str:
        return self.vocabulary.language

    def problem(self, label: str, message: str) -> None:
        self.problems.append(f"{self.name}: {label}: {message}")

    def answer(self, field_id: str) -> str:
        form_field = self.fields[field_id]
        text = self.answers.get(form_field.label, "")
        if not text and form_field.required:
            self.problem(form_field.label, "no answer")
        return text

    def lines(self, field_id: str) -> list[str]:
        """An answer's lines, without list bullets."""
        return [
            re.sub(r"^[-*]\s+", "", line).strip()
            for line in self.answer(field_id).splitlines()
            if line.strip()
        ]

    def term(self, value: str, group: str, label: str) -> str | None:
        slug, problem = resolve_term(value, self.vocabulary[group])
        if problem:
            self.problem(label, problem)
        return slug

    def terms(self, field_id: str, group: str) -> list[str]:
        label = self.fields[field_id].label
        chosen = [self.term(v, group, label) for v in self.answer(field_id).split(", ") if v.strip()]
        return [slug for slug in chosen if slug]

    def partners(self) -> list[PartnerSpec]:
        partners = []
        for line in self.lines("partners"):
            match = PARTNER.match(line)
            if not match:
                self.problem(
                    self.fields["partners"].label, f"'{line}': add the sector in brackets, such as (private)"
                )
            elif sector := self.term(match.group(2), "sectors", self.fields["partners"].label):
                partners.append(PartnerSpec(match.group(1), sector))
        return partners

    def lessons(self) -> list[LessonSpec]:
        lessons = []
        for line in self.lines("lessons"):
            stage = None
            if match := LESSON_STAGE.match(line):
                stage, line = (
                    self.term(match.group(1), "stages", self.fields["lessons"].label),
                    match.group(2),
                )
            lessons.append(LessonSpec(line, stage))
        return lessons

    def sources(self) -> list[SourceSpec]:
        sources = []
        for line in self.lines("sources"):
            match = SOURCE.match(line)
            if not match or not match.group(1).strip():
                self.problem(
                    self.fields["sources"].label,
                    f"'{line}': give a title, then the web address (https://...)",
                )
            else:
                sources.append(SourceSpec(match.group(1).strip(), match.group(2)))
        return sources

    def status(self) -> str | None:
        answer = self.answer("status")
        return self.term(answer, "statuses", self.fields["status"].label) if answer else None

    def term_of(self, group: str) -> str | None:
        """The one term a dropdown of that vocabulary group answered, if any."""
        answer = self.answer(group)
        return self.term(answer, group, self.fields[group].label) if answer else None

    def period(self) -> tuple[int | None, int | None]:
        """(start, end); a single year is both, '2016-' has no end."""
        period = self.answer("period")
        if not period:
            return None, None
        match = PERIOD.fullmatch(period)
        if not match or not any(match.groups()):
            self.problem(self.fields["period"].label, f"'{period}': write years such as 2016-2019, or 2016-")
            return None, None
        start, end = (int(year) if year else None for year in match.groups())
        if start and not end and not re.search(r"[-–—]|to", period):
            end = start
        return start, end

    def case(self, today: dt.date) -> CaseSpec:
        """The case file's content; check `problems` before writing it."""
        start, end = self.period()
        return CaseSpec(
            title=self.answer("title"),
            summary=self.answer("summary"),
            organisation=self.answer("organisation"),
            country=self.answer("country").strip().upper(),
            partners=self.partners(),
            partnership_types=self.terms("partnership_types", "partnership_types"),
            challenges=self.terms("challenges", "challenges"),
            lessons=self.lessons(),
            sources=self.sources(),
            status=self.status(),
            access_basis=self.term_of("access_basis"),
            compensation=self.term_of("compensation"),
            safeguards=self.terms("safeguards", "safeguards"),
            period_start=start,
            period_end=end,
            last_reviewed=today.isoformat(),
            lang=self.language if self.language != DEFAULT else None,
            sections=[self._section(s) for s in SECTIONS],
        )

    def _section(self, section: str) -> tuple[str, str]:
        """A section of the story (its title in the form's language) as the contributor wrote
        it; markup that would not be published, or text past the limits, is a problem to send
        back, never copied in."""
        label = self.fields[section_id(section)].label
        text = self.answers.get(label, "")
        for finding in [*body_limit_findings(text), *scan_body(text)]:
            self.problem(label, f"line {finding.line}: {finding.message}")
        return label, text or translations(self.language).gettext("Not yet written.")
