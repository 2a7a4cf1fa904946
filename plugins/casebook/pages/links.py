"""Addresses the pages link to that depend on the site's configuration, not on MkDocs, and
which pages of a long list a pager links to."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def edit_url(
    file_path: str,
    docs_folder: str,
    repo_url: str | None,
    edit_uri: str | None,
    edit_uri_template: str | None,
) -> str | None:
    """The address MkDocs gives a page's edit button (repo_url + edit_uri + path), for a file
    given relative to the project (`cases/x.md`), where `docs_folder` is the docs folder's."""
    path = posixpath.relpath(file_path, docs_folder)
    if edit_uri_template:
        return urljoin(
            repo_url or "", edit_uri_template.format(path=path, path_noext=posixpath.splitext(path)[0])
        )
    if not edit_uri:
        return None
    repo = repo_url or ""
    return urljoin(repo if repo.endswith("/") else repo + "/", edit_uri + path)


PAGER_AROUND = 2  # pages a pager links to on each side of the current one


def pager_window(number: int, pages: int, around: int = PAGER_AROUND) -> list[int | None]:
    """The page numbers a pager shows on page `number` of `pages`: the first, the last and
    `around` on each side of the current one, None where pages are left out (an ellipsis; a
    gap of one page shows that page instead). A pager of every page put 177 links twice on
    each page of lessons at 5,000 cases: 17 kB a page, and 354 links for a screen reader."""
    shown = sorted({1, pages, *range(max(1, number - around), min(pages, number + around) + 1)})
    window: list[int | None] = []
    for previous, n in zip([0, *shown], shown, strict=False):
        if n - previous == 2:
            window.append(n - 1)
        elif n - previous > 2:
            window.append(None)
        window.append(n)
    return window
