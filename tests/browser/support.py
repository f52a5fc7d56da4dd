"""Helpers for the browser tests: serving a site under a sub-path, guarding requests, running axe-core.

The fixtures in ``conftest.py`` wrap these; test modules import the plain functions and constants.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import socket
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREFIX = "/charters-site/"
"""Where the site is served, as GitHub Pages serves a project site (``https://owner.github.io/repo/``)."""
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

SCHEMES = ("light", "dark")
"""Colour schemes, chosen as a visitor's system does (prefers-color-scheme), which mkdocs.yml follows."""
WIDTHS = (1280, 320)
"""A desktop width, and 320 CSS px: 1280 px zoomed to 400% (WCAG 1.4.10 Reflow)."""
HEIGHT = 900

SCAN_TIMES = pytest.StashKey[list[str]]()
"""Where the page scans note how many visits they made and how long they took, for the summary."""


# --- Serving ----------------------------------------------------------------------------------------


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; anything else is 404, answered with the site's 404.html."""

    prefix = PREFIX
    extensions_map = {  # noqa: RUF012 - the base class's name and type
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".pdf": "application/pdf",
        ".xml": "application/xml",
        ".txt": "text/plain",
    }

    def translate_path(self, path: str) -> str:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not url_path.startswith(self.prefix):
            return ""
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def send_head(self) -> Any:
        url_path = urllib.parse.urlsplit(self.path).path
        if url_path == self.prefix.rstrip("/"):
            # The prefix without its slash redirects, as GitHub Pages does.
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        local = self.translate_path(self.path)
        if local and (os.path.isfile(local) or os.path.isfile(os.path.join(local, "index.html"))):
            return super().send_head()
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        # Every visit sees the files as they are now, never a copy cached from an earlier build.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def start_server(site_dir: Path, prefix: str = PREFIX) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site_dir`` under ``prefix`` on 127.0.0.1 at a free port, in a background thread."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/', got {prefix!r}")
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} holds no index.html: is it a built site?")
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site_dir))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"serve {site_dir}", daemon=True).start()
    return server, f"http://127.0.0.1:{port}{prefix}"


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the site root (``charters/x/``).

    ``404.html`` is listed as a missing deep path: it is seen as GitHub Pages shows it, in place of a
    page that does not exist, where links relative to 404.html itself would break.
    """
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel == "404.html":
            pages.append(MISSING_PAGE)
        elif rel == "index.html":
            pages.append("")
        elif rel.endswith("/index.html"):
            pages.append(rel[: -len("index.html")])
        else:
            pages.append(rel)
    return pages


MISSING_PAGE = "charters/no-such-charter/"


# --- Requests ---------------------------------------------------------------------------------------


@dataclass
class RequestLog:
    """Every URL a browser context asked for; those refused for leaving the site; failed responses."""

    base_url: str
    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        """True for the local site under its prefix, and for data:, blob: and about: URLs."""
        return url.startswith(self.base_url) or url.split(":", 1)[0] in ("data", "blob", "about")

    def clear(self) -> None:
        self.urls.clear()
        self.foreign.clear()
        self.failed.clear()


def guard_requests(context: Any, base_url: str) -> RequestLog:
    """Record every request of a Playwright context; refuse, and record, any outside ``base_url``.

    Responses of 400 or more, except the page itself (the 404 page is one), go in ``failed``.
    """
    log = RequestLog(base_url)

    def route(route: Any) -> None:
        url = route.request.url
        log.urls.append(url)
        if log.allowed(url):
            route.continue_()
        else:
            log.foreign.append(url)
            route.abort("blockedbyclient")

    def on_request(request: Any) -> None:
        # Catches requests the router does not see (a service worker's, for one).
        if not log.allowed(request.url) and request.url not in log.foreign:
            log.foreign.append(request.url)

    def on_response(response: Any) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            log.failed.append(f"{response.status} {response.url}")

    context.route("**/*", route)
    context.on("request", on_request)
    context.on("response", on_response)
    return log


def new_context(
    browser: Any, base_url: str, scheme: str = "light", width: int = 1280, **options: Any
) -> tuple[Any, RequestLog]:
    """A browser context in a colour scheme and at a width, its requests guarded."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, color_scheme=scheme, service_workers="block", **options
    )
    return context, guard_requests(context, base_url)


def close_context(context: Any) -> None:
    """Close a browser context, dropping its request guard first so no request is left half-handled."""
    context.unroute_all(behavior="ignoreErrors")
    context.close()


# --- axe-core ---------------------------------------------------------------------------------------


@functools.cache
def axe_source() -> str:
    """axe-core's script, from the npm package (never a CDN)."""
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: run npm ci (or make test) to install axe-core.")
    return AXE.read_text(encoding="utf-8")


def axe_check(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page with the WCAG 2.2 AA and best-practice rules; return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags or AXE_TAGS,
    )
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]], where: str = "") -> str:
    """Violations as readable lines: rule, impact and help, then each element's selector and HTML."""
    lines = []
    for v in violations:
        lines.append(f"{where}{v['id']} ({v.get('impact')}): {v['help']} - {len(v['nodes'])} element(s)")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            snippet = " ".join(node.get("html", "").split())[:160]
            lines.append(f"    {target}: {snippet}")
            summary = " ".join(node.get("failureSummary", "").split())[:300]
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)
