"""A second process draws part of the pages charterkit makes (charterkit/mkdocs/charters/helper.py).

What a user notices: nothing but the time. The site is the one a single process builds, byte for byte,
the next build keeps the same pages, a warning there counts for ``--strict``, and a failure there stops
the build with a plain message and leaves the previous site as it was.
"""

from __future__ import annotations

import filecmp
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import generated_charters, ignore_missing_easy_read, make_project, run_build

HELPER_SAYS = "a second process reads and draws"

# Acts on the first page the helper reads (a process other than the one that loaded it), and on any page
# named in failing.txt. It counts as charterkit's own: another plugin's page hooks turn the helper off.
HOOKS = """
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

BUILD = os.getpid()
DONE = []
FAILING = Path(__file__).with_name("failing.txt")


def on_page_content(html, page, **kwargs):
    if (os.getpid() != BUILD and not DONE) or (FAILING.exists() and FAILING.read_text() == page.file.src_uri):
        DONE.append(page)
        {action}
    return html


on_page_content.__module__ = "charterkit.tests.hooks"
"""


def _project(root: Path, *, workers: int = 0, hooks: str = "") -> Path:
    def config(data: dict[str, Any]) -> None:
        ignore_missing_easy_read(data)
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "charterkit/charters" in plugin:
                plugin["charterkit/charters"]["workers"] = workers
        if hooks:
            data["hooks"] = ["hooks.py"]

    project = make_project(root, generated_charters(12), config=config)
    if hooks:
        (project / "hooks.py").write_text(HOOKS.format(action=hooks), encoding="utf-8")
    return project


def _differences(one: Path, other: Path) -> list[str]:
    compared = filecmp.dircmp(one, other)
    found = [f"{one.name}/{name}" for name in compared.left_only + compared.right_only + compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(one / name, other / name)] if sub else []
    return found


def _kept_keys(project: Path) -> set[str]:
    with sqlite3.connect(project / ".cache" / "charterkit-charters" / "kept.sqlite3") as db:
        return {key for (key,) in db.execute("SELECT key FROM kept")}


def test_the_helper_builds_the_site_one_process_builds_and_keeps_the_same_results(tmp_path: Path) -> None:
    alone = run_build(_project(tmp_path / "alone", workers=1))
    helped = run_build(_project(tmp_path / "helped"))
    assert alone.returncode == 0, alone.output
    assert helped.returncode == 0, helped.output
    assert HELPER_SAYS in helped.output and HELPER_SAYS not in alone.output
    assert _differences(alone.site, helped.site) == []
    # What the helper made for the cache is kept by the build, as the single process keeps it (the keys
    # differ: the settings, workers among them, are in the key of every whole page).
    assert len(_kept_keys(helped.project)) == len(_kept_keys(alone.project))

    again = run_build(helped.project)
    assert again.returncode == 0, again.output
    assert "no page changed, so the index" in again.output
    assert _differences(alone.site, again.site) == []


def test_a_warning_in_the_helper_is_shown_once_and_fails_a_strict_build(tmp_path: Path) -> None:
    project = _project(tmp_path, hooks='logging.getLogger("mkdocs.plugins.test").warning("A helper warning")')
    result = run_build(project, strict=True)
    assert result.returncode != 0
    assert result.output.count("A helper warning") == 1
    assert not (project / "site").exists()


def test_a_helper_that_fails_only_costs_time(tmp_path: Path) -> None:
    reference = run_build(_project(tmp_path / "alone", workers=1))
    project = _project(tmp_path / "helped", hooks='raise ValueError("the pen ran dry")')
    result = run_build(project)
    assert result.returncode == 0, result.output
    assert "the second process met an error: the pen ran dry (the page charters/" in result.output
    assert "this process draws its pages instead" in result.output
    assert _differences(reference.site, result.site) == []


def test_a_page_that_cannot_be_drawn_stops_the_build_as_without_a_helper(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = run_build(project)
    assert first.returncode == 0, first.output
    before = {p: p.read_bytes() for p in sorted((project / "site").rglob("*.html"))}

    # The helper's first page fails in the helper, then again when the build draws it itself.
    action = 'FAILING.write_text(page.file.src_uri); raise PluginError("the pen ran dry")'
    (project / "hooks.py").write_text(HOOKS.format(action=action), encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text + "hooks: [hooks.py]\n", encoding="utf-8")
    failed = run_build(project)

    assert failed.returncode != 0
    assert "Error reading page 'charters/" in failed.output
    assert "the pen ran dry" in failed.output
    assert "Traceback" not in failed.output
    assert {p: p.read_bytes() for p in sorted((project / "site").rglob("*.html"))} == before
