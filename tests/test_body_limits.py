"""The limits on a contributed Markdown body (core/bodylimits.py), each at the line it is passed."""

from casebook.core.bodylimits import MAX_BRACKETS, MAX_INDENT, MAX_RUN, body_limit_findings


def lines_and_starts(body: str) -> list[tuple[int, str]]:
    return [(finding.line, finding.message.split(" (")[0]) for finding in body_limit_findings(body)]


def test_each_limit_is_reported_at_the_line_where_it_is_passed():
    body = "\n".join(
        [
            "A paragraph.",
            "",
            "~" * (MAX_RUN + 1),
            "",
            " " * (MAX_INDENT + 4) + "deep",
            "",
            "[" * (MAX_BRACKETS + 1),
        ]
    )
    assert lines_and_starts(body) == [
        (3, f"{MAX_RUN + 1} '~' in a row"),
        (5, f"indented {MAX_INDENT + 4} columns"),
        (7, f"this paragraph has {MAX_BRACKETS + 1} '['"),
    ]


def test_at_one_line_the_paragraphs_finding_comes_before_the_lines():
    body = "Intro.\n\n" + " " * (MAX_INDENT + 1) + "[" * (MAX_BRACKETS + 1)
    assert [line for line, _ in lines_and_starts(body)] == [3, 3]
    assert lines_and_starts(body)[0][1].startswith("this paragraph has")


def test_a_line_with_two_runs_is_reported_once():
    assert len(lines_and_starts("*" * (MAX_RUN + 1) + " and " + "_" * (MAX_RUN + 1))) == 1


def test_escaped_brackets_do_not_count():
    assert lines_and_starts("\\[" * (MAX_BRACKETS + 5)) == []


def test_a_body_of_ordinary_prose_and_lists_passes():
    body = "## Context\n\nThe ministry [agreed](https://example.org).\n\n- one\n- two\n  1. three\n"
    assert lines_and_starts(body) == []
