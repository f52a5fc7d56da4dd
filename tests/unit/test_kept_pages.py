"""Whole pages kept between builds (charterkit/mkdocs/charters/kept_pages.py): when keeping is safe."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from charterkit.mkdocs.charters.helper import COPY_WEIGHT, helper_share
from charterkit.mkdocs.charters.kept_pages import _PAGE_HOOKS, _only_known_hooks


def _config(**events: list[Any]) -> Any:
    return SimpleNamespace(plugins=SimpleNamespace(events=events))


def _hook(module: str) -> Any:
    def hook(*args: Any, **kwargs: Any) -> None:
        return None

    hook.__module__ = module
    return hook


def test_pages_are_kept_when_only_charterkit_and_the_theme_touch_them() -> None:
    known = _config(
        page_context=[_hook("charterkit.mkdocs.brand.plugin"), _hook("material.plugins.search.plugin")],
        env=[_hook("charterkit.mkdocs.charters.plugin")],
    )
    assert _only_known_hooks(known)


def test_a_council_plugin_that_could_change_pages_unseen_turns_keeping_off() -> None:
    # A council's own plugin may add anything to a page's context: a kept page would not show it.
    for hook in ("page_context", "env", "template_context"):
        assert not _only_known_hooks(_config(**{hook: [_hook("council_plugins.banner")]})), hook


def test_the_page_helper_runs_only_when_every_page_hook_is_charterkits() -> None:
    # Material's search reads each page in the build's process, where the helper's pages have no text:
    # their whole pages are kept, but no helper draws them.
    only_charterkit = ("charterkit.",)
    ours = _config(page_content=[_hook("charterkit.mkdocs.charters.plugin")])
    assert _only_known_hooks(ours, _PAGE_HOOKS, only_charterkit)
    search = _config(page_context=[_hook("material.plugins.search.plugin")])
    assert _only_known_hooks(search)
    assert not _only_known_hooks(search, _PAGE_HOOKS, only_charterkit)
    for hook in ("pre_page", "page_markdown", "page_content"):
        assert not _only_known_hooks(_config(**{hook: [_hook("hooks")]}), _PAGE_HOOKS, only_charterkit), hook


def test_the_page_helper_takes_half_the_work_counting_the_files_the_build_copies() -> None:
    # 377 pages and 316 other files at 100 charters: the build copies the files while the helper draws.
    assert helper_share(340, 377, 316) == round((377 + COPY_WEIGHT * 316) / 2)
    assert helper_share(340, 377, 316) > 377 // 2
    assert helper_share(340, 377, 0) == round(377 / 2)  # nothing to copy: half the pages each
    assert helper_share(50, 400, 300) == 50  # never more than the pages it may draw
    assert helper_share(0, 0, 0) == 0


def test_a_whole_page_is_keyed_by_its_bodys_key_only_while_no_plugin_changed_the_body() -> None:
    from typing import Any, cast

    from charterkit.mkdocs.charters.rendering import PageMaker

    none = cast(Any, None)
    maker = PageMaker(none, [], {}, none, "", "", "", None, None, "", None, None, 12)
    page = cast(Any, type("Page", (), {"url": "charters/a/"})())
    body = "".join(["<p>", "the body", "</p>"])
    maker._bodies[page.url] = (body, "k" * 64)
    assert maker.body_key(page, "<p>the body</p>") is None  # equal text, but another plugin's string
    maker._bodies[page.url] = (body, "k" * 64)
    assert maker.body_key(page, body) == "k" * 64
    assert maker.body_key(page, body) is None  # once a build
