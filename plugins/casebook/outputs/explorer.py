"""The lessons explorer's data file: every lesson, compact, for the filter script.

One page carrying all 17,000 lessons of 5,000 cases weighs tens of megabytes and takes the
browser half a minute to open; as data it is a few megabytes (under one compressed), and
the script draws only the lessons being looked at. The page itself lists the first
SERVER_LIMIT lessons, for readers without JavaScript and for the first paint; every lesson is
on the guidelines page, which the explorer points to.
"""

from __future__ import annotations

import json

from ..core.countries import country_name
from ..core.facets import COUNTRY
from ..core.index import Index
from ..core.vocabulary import Vocabulary

# The lessons the explorer page lists in its HTML: as many as the script draws at first.
# With JavaScript they are drawn again from the data file, so more would only weigh on the
# page (1,000 lessons made it 1.3 MB); without, the guidelines page lists every lesson.
SERVER_LIMIT = 100


def explorer_data(index: Index, vocabulary: Vocabulary) -> str:
    """{"labels": {facet: {value: label}}, "cases": [[slug, title, organisation, country,
    sectors]], "lessons": [[case, number, text, stage, types, challenges]]}"""
    position = {case.slug: i for i, case in enumerate(index.cases)}
    labels = {
        group.param: {term.slug: term.label for term in group.terms}
        for group in vocabulary.groups.values()
        if group.param
    }
    labels[COUNTRY] = {code.lower(): country_name(code) for code in index.by_country}
    data = {
        "labels": labels,
        "cases": [
            [case.slug, case.title, case.organisation, case.country.lower(), list(case.sectors)]
            for case in index.cases
        ],
        "lessons": [
            [
                position[lesson.case_slug],
                lesson.number,
                lesson.text,
                lesson.stage,
                list(lesson.partnership_types),
                list(lesson.challenges),
            ]
            for lesson in index.lessons
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
