"""The test server serves a site as GitHub Pages serves a project site: under its path, 404.html for the rest."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<title>Home</title>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<title>Not found</title>", encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<title>Page</title>", encoding="utf-8")
    return tmp_path


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


def test_pages_are_served_under_the_prefix(serve_site: Callable[..., str], tiny_site: Path) -> None:
    base = serve_site(tiny_site)
    assert base.endswith("/charters-site/")
    assert _get(base)[::2] == (200, "<title>Home</title>")
    assert _get(base + "page/")[::2] == (200, "<title>Page</title>")
    status, url, _ = _get(base.rstrip("/"))
    assert (status, url) == (200, base), "the prefix without its slash redirects to it"


def test_anything_else_is_the_404_page(serve_site: Callable[..., str], tiny_site: Path) -> None:
    base = serve_site(tiny_site)
    root = base[: -len("charters-site/")]
    for url in (base + "missing/", base + "page/missing.css", root, root + "index.html"):
        assert _get(url)[::2] == (404, "<title>Not found</title>"), url
