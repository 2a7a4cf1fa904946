"""Indentation taken out of written pages, without changing what a reader sees."""

from __future__ import annotations

import pytest
from casebook.mkdocs.minify import strip_template_indentation
from jinja2 import DictLoader, Environment

strip = strip_template_indentation  # an HTML page is a template without tags


def test_indentation_after_a_line_break_is_removed():
    assert strip("<div>\n    <p>a\n      b</p>\n\n   </div>") == "<div>\n<p>a\nb</p>\n</div>"


def test_a_line_break_stays_so_words_stay_apart():
    assert strip("<p>one\n    two</p>") == "<p>one\ntwo</p>"


def test_preformatted_text_is_left_as_it_is():
    pre = "<pre><code>def f():\n    return 1\n</code></pre>"
    textarea = "<textarea>\n  a\n</textarea>"
    assert strip(f"{pre}\n  {textarea}") == f"{pre}\n{textarea}"


def test_scripts_and_styles_are_left_as_they_are():
    script = "<script>\n  var t = `\n    kept`;\n</script>"
    style = "<style>\n  a { }\n</style>"
    assert strip(f"{script}\n  {style}") == f"{script}\n{style}"


TEMPLATE = """\
<div>
  {# a comment on its own line #}
  {% if flag %}
    <p>
      {{ word }}
    </p>
  {% endif %}
  {% for n in [1, 2] %}
    <span>{{ n }}</span>{% if n == 1 %}
  {% endif %}
  {% endfor %}
  <pre>
    {% if flag %}
      kept
    {% endif %}
  </pre>
</div>
"""


@pytest.mark.parametrize(
    ("flag", "page"),
    [
        (
            True,
            "<div>\n<p>\nw\n</p>\n<span>1</span>\n<span>2</span>\n"
            "<pre>\n    \n      kept\n    \n  </pre>\n</div>",
        ),
        (False, "<div>\n<span>1</span>\n<span>2</span>\n<pre>\n    \n  </pre>\n</div>"),
    ],
)
def test_a_template_without_indentation_draws_pages_without_indentation_or_empty_lines(flag: bool, page: str):
    template = Environment(loader=DictLoader({"t": strip_template_indentation(TEMPLATE)})).get_template("t")
    assert template.render(flag=flag, word="w") == page


def test_an_include_in_a_template_keeps_its_own_line():
    templates = {"t": "<a>\n  {% include 'icon' %}\n</a>", "icon": "<svg></svg>"}
    stripped = {name: strip_template_indentation(source) for name, source in templates.items()}
    assert Environment(loader=DictLoader(stripped)).get_template("t").render() == "<a>\n<svg></svg>\n</a>"
