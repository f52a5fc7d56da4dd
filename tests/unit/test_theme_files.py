"""The theme's files are listed without walking Material's hidden icon folder, and MkDocs copies the same
files into the site as it would without charterkit."""

from __future__ import annotations

from pathlib import Path

import jinja2
from charterkit.mkdocs.theme_files import ThemeLoader, skip_hidden_folders
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def material_config(tmp_path: Path) -> MkDocsConfig:
    docs = tmp_path / "docs"
    docs.mkdir()
    custom = tmp_path / "overrides"
    (custom / ".hidden").mkdir(parents=True)
    (custom / ".hidden" / "note.css").write_text("/* never copied */", encoding="utf-8")
    (custom / ".dotfile.js").write_text("// never copied", encoding="utf-8")
    (custom / "assets").mkdir()
    (custom / "assets" / "council.css").write_text("body {}", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "Test", "docs_dir": str(docs), "theme": {"name": "material", "custom_dir": str(custom)}}
    )
    errors, _warnings = config.validate()
    assert not errors, errors
    return config


def theme_files(config: MkDocsConfig) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(f.src_uri, f.abs_src_path or "") for f in files]


def test_mkdocs_copies_the_same_theme_files(tmp_path: Path) -> None:
    config = material_config(tmp_path)
    before = theme_files(config)
    skip_hidden_folders(config.theme)
    after = theme_files(config)
    assert after == before
    uris = [uri for uri, _ in after]
    assert "assets/council.css" in uris  # the council's own file, from custom_dir
    assert any(uri.startswith("assets/stylesheets/main.") for uri in uris)  # Material's
    assert not any("/." in f"/{uri}" for uri in uris)


def test_the_listing_skips_hidden_folders_but_templates_still_load_from_them(tmp_path: Path) -> None:
    config = material_config(tmp_path)
    skip_hidden_folders(config.theme)
    env = config.theme.get_env()
    assert isinstance(env.loader, ThemeLoader)
    listed = env.list_templates()
    assert not any(name.startswith(".") or "/." in name for name in listed)
    assert "main.html" in listed  # Material's template (MkDocs' own filter leaves .html files out)
    # Material's pages include its icons from .icons/: still found.
    assert env.get_template(".icons/material/star.svg").render().startswith("<svg")


def test_applied_twice_it_wraps_once(tmp_path: Path) -> None:
    config = material_config(tmp_path)
    skip_hidden_folders(config.theme)
    wrapped = config.theme.get_env
    skip_hidden_folders(config.theme)
    assert config.theme.get_env is wrapped


def test_another_loader_is_left_alone() -> None:
    class Theme:
        def get_env(self) -> jinja2.Environment:
            return jinja2.Environment(loader=jinja2.DictLoader({"main.html": "x"}))

    theme = Theme()
    skip_hidden_folders(theme)
    assert isinstance(theme.get_env().loader, jinja2.DictLoader)

    class NoEnv:
        pass

    skip_hidden_folders(NoEnv())  # an engine without get_env: nothing to do, no error
