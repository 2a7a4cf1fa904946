"""Addresses the pages link to that depend on the site's configuration, not on MkDocs."""

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
