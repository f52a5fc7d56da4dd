"""A payload in each text option of our plugins in ``mkdocs.yml`` is either refused with a plain message
or published as harmless text: nothing configured becomes markup, a handler or a script."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from tests.build.test_injection import DANGEROUS_TAGS, Page
from tests.conftest import MINIMAL, make_project, run_build

PAYLOAD = 'x" onmouseover="__pwned()" a=\'<script>__pwned()</script><img src=x onerror=__pwned()>'

# (plugin, option path, how the value is given)
OPTIONS = [
    ("charterkit/charters", ("url",)),
    ("charterkit/charters", ("language",)),
    ("charterkit/charters", ("contact",)),
    ("charterkit/brand", ("council",)),
    ("charterkit/brand", ("logo",)),
    ("charterkit/brand", ("footer_links", 0, "text")),
    ("charterkit/brand", ("footer_links", 0, "href")),
    ("charterkit/brand", ("cname",)),
    ("charterkit/accessibility", ("page",)),
    ("charterkit/accessibility", ("website",)),
    ("charterkit/accessibility", ("organisation",)),
    ("charterkit/accessibility", ("scope",)),
    ("charterkit/accessibility", ("email",)),
    ("charterkit/accessibility", ("phone",)),
    ("charterkit/accessibility", ("address",)),
    ("charterkit/accessibility", ("known_issues", 0, "issue")),
    ("charterkit/accessibility", ("known_issues", 0, "criterion")),
    ("charterkit/accessibility", ("known_issues", 0, "plan")),
    ("charterkit/accessibility", ("tested_by",)),
    ("charterkit/accessibility", ("testing_notes", 0)),
    ("charterkit/accessibility", ("features", 0)),
    ("charterkit/pdf", ("cache_dir",)),
]


def _set(options: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    here: Any = options
    for step, after in itertools.pairwise(path):
        if isinstance(step, int):
            while len(here) <= step:
                here.append({} if isinstance(after, str) else [])
            here = here[step]
        else:
            if step not in here or not isinstance(here[step], list | dict):
                here[step] = [] if isinstance(after, int) else {}
            here = here[step]
    last = path[-1]
    if isinstance(last, int):
        while len(here) <= last:
            here.append("")
        here[last] = value
    else:
        here[last] = value
    if path[0] == "footer_links":
        options["footer_links"][0].setdefault("text", "Privacy")
        options["footer_links"][0].setdefault("href", "https://example.org/")
    if path[0] == "known_issues":
        options["known_issues"][0].setdefault("issue", "An issue")
        options["known_issues"][0].setdefault("reason", "out-of-scope")


@pytest.mark.parametrize(
    ("plugin", "path"), OPTIONS, ids=[f"{p}.{'.'.join(map(str, o))}" for p, o in OPTIONS]
)
def test_a_payload_in_a_config_option_is_refused_or_harmless(
    tmp_path: Path, plugin: str, path: tuple[str | int, ...]
) -> None:
    def inject(data: dict[str, Any]) -> None:
        plugins = data["plugins"]
        for i, item in enumerate(plugins):
            name = item if isinstance(item, str) else next(iter(item))
            if name == plugin:
                options = {} if isinstance(item, str) else dict(item[name] or {})
                _set(options, path, PAYLOAD)
                plugins[i] = {name: options}

    project = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=inject)
    result = run_build(project, strict=False)
    assert "Traceback" not in result.output, result.output
    if result.returncode != 0:
        assert str(path[0]) in result.output, result.output  # refused, naming the option
        assert not (project / "site").exists()
        return
    for html in sorted((project / "site").rglob("*.html")):
        page = Page(html.read_text(encoding="utf-8"))
        for script in page.scripts:
            assert "__pwned" not in script, html
        for tag, attrs in page.elements:
            assert not any(name.startswith("on") for name in attrs), (html, tag, attrs)
            assert not (tag in DANGEROUS_TAGS and "__pwned" in str(attrs)), (html, tag)
            assert not (tag == "img" and attrs.get("src") == "x"), html
