"""The case study issue form drawn as a page, for the picture on the Contribute page.

GitHub draws an issue form from its definition (.github/ISSUE_TEMPLATE/case-study*.yml), and
a picture of GitHub itself cannot be taken where the site is built. This draws the same
fields, in the same order and words, in a plain page of its own: each question's label (a
required one marked *), its help text and an empty box, a dropdown's first choices. The
picture (`scripts/form-picture`) says which questions a contributor meets, in their language;
it does not claim to be GitHub's own look, and its caption says so. Each picture carries the
digest of the form it was drawn from (a PNG text chunk, `DIGEST_KEY`), so a test can tell a
picture that a changed form has left behind.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any

import yaml

DIGEST_KEY = "casebook-form-digest"
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #e6eaef; margin: 0;
       padding: 16px; }
main { max-width: 680px; margin: 0 auto; padding: 16px 24px; background: #fff;
       border: 1px solid #d1d9e0; border-radius: 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.about { color: #59636e; margin: 0 0 20px; }
.intro { background: #f6f8fa; border: 1px solid #d1d9e0; border-radius: 6px; padding: 12px 16px; }
.field { margin: 18px 0; }
label { display: block; font-weight: 600; }
.required { color: #d1242f; }
.help { color: #59636e; font-size: 13px; margin: 2px 0 6px; }
.box { border: 1px solid #d1d9e0; border-radius: 6px; min-height: 32px; padding: 5px 10px;
       color: #818b98; box-sizing: border-box; }
.box.tall { min-height: 96px; }
.choices { color: #59636e; font-size: 13px; }
"""


def form_digest(definition: str) -> str:
    """The first 12 hex digits of the SHA-256 of a form's definition (its UTF-8 text)."""
    return hashlib.sha256(definition.encode("utf-8")).hexdigest()[:12]


def form_page(definition: str, language: str) -> str:
    """The form of an issue template (its YAML text), in `language`, as a whole HTML page."""
    form: dict[str, Any] = yaml.safe_load(definition)
    parts = [
        f"<h1>{escape(form.get('name', ''))}</h1>",
        f"<p class='about'>{escape(form.get('description', ''))}</p>",
    ]
    for element in form.get("body", []):
        parts.append(_element(element.get("type", ""), element.get("attributes", {}), element))
    return (
        f"<!doctype html><html lang='{escape(language)}'><head><meta charset='utf-8'><style>{STYLE}</style>"
        f"</head><body><main>{''.join(parts)}</main></body></html>"
    )


def _element(kind: str, attributes: dict[str, Any], element: dict[str, Any]) -> str:
    if kind == "markdown":
        return f"<p class='intro'>{escape(str(attributes.get('value', '')))}</p>"
    required = (element.get("validations") or {}).get("required")
    mark = " <span class='required'>*</span>" if required else ""
    head = f"<label>{escape(str(attributes.get('label', '')))}{mark}</label>"
    if attributes.get("description"):
        head += f"<p class='help'>{escape(str(attributes['description']))}</p>"
    placeholder = escape(str(attributes.get("placeholder", "")))
    if kind == "textarea":
        box = f"<div class='box tall'>{placeholder}</div>"
    elif kind == "dropdown":
        options = [escape(str(option)) for option in attributes.get("options", [])]
        shown = ", ".join(options[:3]) + (", …" if len(options) > 3 else "")
        box = f"<div class='box'>▾</div><p class='choices'>{shown}</p>"
    elif kind == "checkboxes":
        box = "".join(f"<p>☐ {escape(str(o.get('label', '')))}</p>" for o in attributes.get("options", []))
    else:
        box = f"<div class='box'>{placeholder}</div>"
    return f"<div class='field'>{head}{box}</div>"
