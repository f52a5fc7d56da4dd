"""A page's conversion from Markdown is kept only when the key can hold everything it reads."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from charterkit.mkdocs.charters.kept_markdown import _site


def _config(extensions: list[Any], settings: dict[str, Any] | None = None) -> Any:
    return SimpleNamespace(
        markdown_extensions=extensions, mdx_configs=settings or {}, validation={}, use_directory_urls=True
    )


FILES = [SimpleNamespace(src_uri="index.md", url="", inclusion="included")]


def test_plain_extensions_and_settings_are_kept() -> None:
    config = _config(["toc", "tables", "pymdownx.superfences"], {"toc": {"permalink": True}})
    assert _site(config, FILES)  # type: ignore[arg-type]
    other = [*FILES, SimpleNamespace(src_uri="new.md", url="new/", inclusion="included")]
    assert _site(config, other) != _site(config, FILES)  # type: ignore[arg-type]  # links may resolve otherwise


@pytest.mark.parametrize(
    ("extensions", "settings"),
    [
        (["pymdownx.snippets"], {}),  # reads the files it includes
        (["pymdownx.b64"], {}),  # reads the pictures
        (["toc"], {"toc": {"slugify": print}}),  # a function: no key holds what it does
        ([object()], {}),  # an extension object a plugin added
        (["mkdocs_autorefs"], {}),  # an extension not known to depend on the page only
    ],
)
def test_an_extension_or_setting_that_reads_more_is_never_kept(
    extensions: list[Any], settings: dict[str, Any]
) -> None:
    assert _site(_config(extensions, settings), FILES) == ""  # type: ignore[arg-type]
