"""The Content Security Policy every page carries, as a meta tag (static hosts rarely let a
site set headers).

Scripts run only from the site itself, plus the inline scripts the page was built with,
each allowed by its hash (the theme's few small ones and Casebook's own); Pagefind's search
compiles WebAssembly. Images, fonts, styles and requests stay on the site (the theme's icons
are data: URLs in its stylesheet); no frames, objects or plugins; no <base> and no form may
point elsewhere. `frame-ancestors` and `report-uri` are ignored in a meta tag, so they are
not written.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

# Inline <script> elements the browser would run: no src, and JavaScript (no type, or a
# JavaScript type); a JSON block (the theme's settings) is data and needs no hash.
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[^"'\s>]+""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(page: str) -> list[str]:
    """'sha256-...' of each inline script of the page, in order of first appearance."""
    hashes = [
        _source(body) for attributes, body in _INLINE.findall(page) if not _DATA_TYPE.search(attributes)
    ]
    return list(dict.fromkeys(hashes))


@lru_cache(maxsize=256)  # every page of a site has the same few inline scripts
def _source(script: str) -> str:
    """The policy's source expression that allows this inline script."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy_for(page: str) -> str:
    hashes = "".join(f" {h}" for h in inline_script_hashes(page))
    return "; ".join(POLICY).format(hashes=hashes)


def with_policy(page: str) -> str:
    """The page with its policy as the first element after its charset (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    match = _CHARSET.search(page)
    if match is None:
        head = page.find("<head>")
        if head < 0:
            return page  # not an HTML page
        return page[: head + 6] + meta + page[head + 6 :]
    return page[: match.end()] + meta + page[match.end() :]
