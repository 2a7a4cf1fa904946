"""Contributed prose, enforced on the converted HTML with nh3 (ammonia): see core/prose.py.

Case and event bodies and the guidelines' editorial text are converted from Markdown, then
cleaned here, before the page's own generated parts are put back (pages/render.py). So the
markers the site's script reads (`data-cb-*`) and the theme's hooks (`data-md-*`, '__' ids)
can only come from the templates. An image from another host becomes a link to it: no
published page requests another host.
"""

from __future__ import annotations

import html
import re

import nh3

from ..core.prose import (
    ATTRIBUTES,
    CLASSES,
    DROPPED_WITH_CONTENT,
    TAGS,
    URL_SCHEMES,
    allowed_id,
    is_site_address,
    safe_rel,
)


def _filter(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if allowed_id(value) else None
    if name == "rel":
        return safe_rel(value)
    return value


# One cleaner for every page: building ammonia's rules is a third of a call's time.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter,
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'([a-z-]+)="([^"]*)"')


def sanitize(text: str) -> str:
    """Keep the allowed markup of `text`; drop the rest, with the content of script and style."""
    cleaned = _CLEANER.clean(text)
    return _IMG.sub(_image, cleaned) if "<img" in cleaned else cleaned


def _image(match: re.Match[str]) -> str:
    """An image of the site stays; one from another host becomes a link to it."""
    attributes = dict(_ATTR.findall(match.group(1)))
    src = attributes.get("src", "")
    if is_site_address(src):
        return match.group(0)
    alt = html.unescape(attributes.get("alt", "")).strip() or "image"
    return f'<a href="{src}">{html.escape(alt)} (image on another site)</a>'
