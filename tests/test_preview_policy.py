"""The preview server's pages: their policy also allows the live-reload script it adds."""

from __future__ import annotations

from casebook.mkdocs.preview import _allowing_reload
from casebook.pages.csp import inline_script_hashes, with_policy

BUILT = '<html><head><meta charset="utf-8"><script>site()</script></head><body></body></html>'


def test_the_added_script_is_allowed_and_the_pages_own_are_listed_once():
    built = with_policy(BUILT)
    served = built.replace("</body>", "<script>reload()</script></body>")
    policy = _allowing_reload(served.encode()).decode()
    site, reload = inline_script_hashes(served)
    assert policy.count(site) == 1
    assert policy.count(reload) == 1
