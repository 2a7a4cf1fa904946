"""The contributor's preview (`scripts/serve`, mkdocs serve) when a save breaks the site.

MkDocs' server stops answering after a failed rebuild ("the server will appear stuck until
build errors are resolved"), and the error is only in the terminal. Here the problems go to
the browser instead:

- a build whose content has problems is not failed under the preview: it goes on with the
  valid files (the broken ones have no page), and records the problems; a build that fails
  for another reason is caught and recorded the same way, so the server never waits on it;
- while problems are recorded, every page the browser asks for is answered at once with a
  page that lists them as `casebook check` does (file, line, field, message);
- every build, good or not, moves the server's epoch on, so an open page reloads by itself:
  into the list of problems after a bad save, into the real page after the fix.

Pages carry a Content Security Policy that allows only the inline scripts they were built
with; the server's live-reload script is added as they are served, so its hash is added to
the policy of each page served (only here: a published page never has that script).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer

from ..pages.csp import inline_script_hashes
from ..pages.preview import problems_page

_POLICY = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src [^;"]*)')
_PAGE = re.compile(r"(/|\.html)$")


class Preview:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.language = "en"  # the site's default language: the problems page speaks it

    def install(self, server: LiveReloadServer) -> None:
        """Catch the server's failed builds and answer its page requests (see the module)."""
        build = server.builder

        def builder(*args: Any, **kwargs: Any) -> None:
            try:
                build(*args, **kwargs)
            except Exception as error:
                last = str(error).strip().splitlines()[-1:] or [type(error).__name__]
                self.problems = [f"The site could not be built: {last[0]}"]

        server.builder = builder
        serve = server.serve_request
        server.set_app(lambda environ, start_response: self._answer(server, serve, environ, start_response))

    def _answer(
        self,
        server: LiveReloadServer,
        serve: Callable[..., Iterable[bytes]],
        environ: dict,
        start_response: Any,
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if self.problems and _PAGE.search(path) and not path.startswith("/livereload/"):
            page = problems_page(self.problems, self.language).encode("utf-8")
            # The server's own live-reload script, so that the page reloads after the fix.
            page = server._inject_js_into_html(page, server._visible_epoch)
            return _respond(start_response, "200 OK", [("Content-Type", "text/html; charset=utf-8")], page)
        captured: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], *rest: Any) -> None:
            captured.update(status=status, headers=headers)

        body = serve(environ, keep)
        headers = captured.get("headers", [])
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(captured["status"], headers)
            return body
        return _respond(start_response, captured["status"], headers, _allowing_reload(b"".join(body)))


def _allowing_reload(page: bytes) -> bytes:
    """A served page whose policy also allows the script the server added to it (the hashes
    of the page's own scripts are in its policy already)."""
    hashes = inline_script_hashes(page.decode("utf-8", "replace"))

    def allowing(match: re.Match[bytes]) -> bytes:
        allowed = match.group(1).decode("ascii", "replace").split()
        return match.group(1) + "".join(f" {h}" for h in hashes if h not in allowed).encode("ascii")

    return _POLICY.sub(allowing, page, count=1)


def _respond(start_response: Any, status: str, headers: list[tuple[str, str]], body: bytes) -> list[bytes]:
    kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
    start_response(status, [*kept, ("Content-Length", str(len(body)))])
    return [body]
