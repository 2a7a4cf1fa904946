"""The lessons explorer's data file: every lesson, compact, for the filter script.

One page carrying all 17,000 lessons of 5,000 cases weighs tens of megabytes and takes the
browser half a minute to open; as data it is a few megabytes (under one compressed), and
the script draws only the lessons being looked at. The page itself lists the first
SERVER_LIMIT lessons, for readers without JavaScript and for the first paint; every lesson is
on the guidelines page, which the explorer points to.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.facets import lesson_getters
from ..core.index import Index
from ..core.languages import country_name, language_name
from ..core.vocabulary import Group, Vocabulary

# The lessons the explorer page lists in its HTML: as many as the script draws at first.
# With JavaScript they are drawn again from the data file, so more would only weigh on the
# page (1,000 lessons made it 1.3 MB); without, the guidelines page lists every lesson.
SERVER_LIMIT = 100


def explorer_data(
    index: Index, vocabulary: Vocabulary, case_url: Callable[[str], str], country_url: str
) -> str:
    """The lessons and their cases, and what the script needs to filter and draw them, in the
    vocabulary's language:

    {"language": page language, "languages": {code: its name in itself},
     "labels": {param: {value: label}}, "names": {param: singular label},
     "facets": {"case": [param, ...], "lesson": [param, ...]},
     "chips": [param, ...], "shown": [param, ...],
     "country": {"param": ..., "url": "countries/{code}/"},
     "cases": [[slug, title, organisation, address, language, *values of each case facet]],
     "lessons": [[case position, number, text, *values of each lesson facet]]}

    Chips are the facets whose terms have pages (types, challenges); shown, the other facets
    of the lesson itself (its stage). Facets and parameters are the vocabulary's; addresses,
    relative to the site's root, the router's (a case not translated into the language has
    its page in its own, and its text is marked with it)."""
    position = {case.slug: i for i, case in enumerate(index.cases)}
    getters = lesson_getters(vocabulary)
    case_facets = [(param, get) for param, source, get in getters if source == "case"]
    lesson_facets = [(param, get) for param, source, get in getters if source == "lesson"]
    facets = [vocabulary.facet(name) for name in vocabulary.facets["lessons"]]
    labels = {
        group.param: {t.slug: t.label for t in group.terms} for group in facets if isinstance(group, Group)
    }
    country = vocabulary.country
    language = vocabulary.language
    labels[country.param] = {code.lower(): country_name(code, language) for code in index.by_country}
    if vocabulary.organisation:
        labels[vocabulary.organisation.param] = index.organisations.partner_names()
    others = sorted({case.lang for case in index.cases} - {language})
    data = {
        "language": language,
        "languages": {code: language_name(code) for code in others},
        "labels": labels,
        "names": {facet.param: facet.label for facet in facets},
        "facets": {"case": [p for p, _ in case_facets], "lesson": [p for p, _ in lesson_facets]},
        "chips": [g.param for g in facets if isinstance(g, Group) and g.folder],
        "shown": [p for p, _ in lesson_facets if not vocabulary.facet_of_param(p).folder],
        "country": {"param": country.param, "url": country_url},
        "cases": [
            [
                case.slug,
                case.title,
                case.organisation,
                case_url(case.slug),
                case.lang,
                *(list(get(case)) for _, get in case_facets),
            ]
            for case in index.cases
        ],
        "lessons": [
            [
                position[lesson.case_slug],
                lesson.number,
                lesson.text,
                *(list(get(lesson)) for _, get in lesson_facets),
            ]
            for lesson in index.lessons
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
