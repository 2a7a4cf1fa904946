"""Indentation taken out of written pages, without changing what a reader sees."""

from __future__ import annotations

from casebook.minify import strip_indentation


def test_indentation_after_a_line_break_is_removed():
    assert strip_indentation("<div>\n    <p>a\n      b</p>\n\n   </div>") == "<div>\n<p>a\nb</p>\n</div>"


def test_a_line_break_stays_so_words_stay_apart():
    assert strip_indentation("<p>one\n    two</p>") == "<p>one\ntwo</p>"


def test_preformatted_text_is_left_as_it_is():
    pre = "<pre><code>def f():\n    return 1\n</code></pre>"
    textarea = "<textarea>\n  a\n</textarea>"
    assert strip_indentation(f"{pre}\n  {textarea}") == f"{pre}\n{textarea}"


def test_scripts_and_styles_are_left_as_they_are():
    script = "<script>\n  var t = `\n    kept`;\n</script>"
    style = "<style>\n  a { }\n</style>"
    assert strip_indentation(f"{script}\n  {style}") == f"{script}\n{style}"
