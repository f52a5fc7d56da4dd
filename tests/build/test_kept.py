"""Each charter is read, checked and scored once: later builds reuse the results while its file is the same.

What a user notices: a second build says the charters were kept, builds the same pages, and a changed
charter (or a damaged or planted cache entry) is simply read again; a copy of the project in another
folder reuses the cache too, so a CI cache restored into a new workspace makes a warm build.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import REPO, make_project, run_build

SEED = "changing-futures-bristol.yml"


def _charters() -> dict[str, str]:
    text = (REPO / "charters" / SEED).read_text(encoding="utf-8")
    return {"one.yml": text, "two.yml": text.replace("title: Coproduction principles", "title: The second")}


def _pages(project: Path) -> dict[str, str]:
    site = project / "site" / "charters"
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
    }


def test_a_second_build_reuses_every_charter_and_builds_the_same_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    assert "2 charters read, 0 of them kept" in first.output
    pages = _pages(project)
    again = run_build(project, strict=False)
    assert "2 charters read, 2 of them kept" in again.output
    assert "2 charters scored, 2 of them kept" in again.output
    assert _pages(project) == pages
    # The same warnings: readability problems come from the kept scores.
    assert sorted(line for line in again.output.splitlines() if "sentence has" in line) == sorted(
        line for line in first.output.splitlines() if "sentence has" in line
    )


def test_an_edited_charter_is_read_again_and_its_page_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    assert run_build(project, strict=False).returncode == 0
    path = project / "charters" / "two.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("The second", "An edited title"), encoding="utf-8"
    )
    again = run_build(project, strict=False)
    assert "2 charters read, 1 of them kept" in again.output
    assert "An edited title" in again.html("charters/two/")


def test_a_copy_of_the_project_in_another_folder_reuses_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "a", _charters())
    assert run_build(project, strict=False).returncode == 0
    copy = tmp_path / "elsewhere" / "clone"
    shutil.copytree(project, copy)
    shutil.rmtree(copy / "site")
    again = run_build(copy, strict=False)
    assert again.returncode == 0, again.output
    assert "2 charters read, 2 of them kept" in again.output
    assert _pages(copy) == _pages(project)


def test_damaged_or_planted_cache_entries_are_made_again_never_used(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    assert run_build(project, strict=False).returncode == 0
    pages = _pages(project)
    database = project / ".cache" / "charterkit-charters" / "kept.sqlite3"
    # Read and scored, for each of two charters; the theme's and the site's stylesheets, scaled to the
    # reader's text size (the same for every site of a theme version, so kept too); each whole page
    # charterkit made outside the menu (the charters' pages, the lists, the themes); the search index.
    with sqlite3.connect(database) as db:
        keys = [k for (k,) in db.execute("SELECT key FROM kept ORDER BY key")]
        assert len(keys) > 6
        # One entry cut short, one whose bytes no longer match their hash, and the rest planted with a
        # matching hash but a pickle that would run a command: none is used, all are made again.
        db.execute("UPDATE kept SET data = substr(data, 1, 50) WHERE key = ?", (keys[0],))
        (data,) = db.execute("SELECT data FROM kept WHERE key = ?", (keys[1],)).fetchone()
        damaged = bytearray(data)
        damaged[-5] ^= 0xFF
        db.execute("UPDATE kept SET data = ? WHERE key = ?", (bytes(damaged), keys[1]))
        marker = tmp_path / "planted-ran"
        payload = pickle.dumps(_Evil(str(marker)))
        db.executemany(
            "UPDATE kept SET data = ?, sha256 = ? WHERE key = ?",
            [(payload, hashlib.sha256(payload).digest(), key) for key in keys[2:]],
        )
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    assert not marker.exists()
    assert "2 charters read, 0 of them kept" in again.output
    assert _pages(project) == pages


def test_a_damaged_cache_file_is_begun_again(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    assert run_build(project, strict=False).returncode == 0
    pages = _pages(project)
    database = project / ".cache" / "charterkit-charters" / "kept.sqlite3"
    database.write_bytes(b"not a database, or half of one" * 100)
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    assert "were damaged" in again.output
    assert "2 charters read, 0 of them kept" in again.output
    assert _pages(project) == pages
    third = run_build(project, strict=False)
    assert "2 charters read, 2 of them kept" in third.output


class _Evil:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (Path(self.path),))


def test_a_council_template_changed_between_builds_renders_the_kept_pages_again(tmp_path: Path) -> None:
    # Whole pages are kept between builds: a council's own template must still show at once.
    project = make_project(tmp_path, _charters())
    assert run_build(project, strict=False).returncode == 0
    own = project / "overrides" / "charterkit" / "charter.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    template = REPO / "plugins" / "charterkit" / "templates" / "charterkit" / "charter.html"
    own.write_text(template.read_text(encoding="utf-8") + "<p>Our own words</p>\n", encoding="utf-8")
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    assert "Our own words" in again.html("charters/two/")
    own.unlink()
    assert "Our own words" not in run_build(project, strict=False).html("charters/two/")


def test_a_changed_site_setting_shows_on_every_kept_page(tmp_path: Path) -> None:
    # Whole pages are kept between builds too: a setting of the site must still reach every page.
    project = make_project(tmp_path, _charters())
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    assert "Co-production charters" in first.html("charters/two/")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_name: Co-production charters", "site_name: Our council's charters"
        ),
        encoding="utf-8",
    )
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    for page in ("charters/two/", "charters/two/easy-read/", "charters/"):
        assert "Our council&#39;s charters" in again.html(page) or "Our council's charters" in again.html(
            page
        )


def test_a_warm_build_publishes_the_same_open_data_and_schema_from_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output

    def published() -> dict[str, bytes]:
        site = project / "site"
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for folder in ("data", "schema")
            for p in sorted((site / folder).rglob("*"))
            if p.is_file()
        }

    made = published()
    assert any(name.startswith("data/charters/") for name in made)
    assert "schema/charter.schema.json" in made
    with sqlite3.connect(project / ".cache" / "charterkit-charters" / "kept.sqlite3") as db:
        rows = db.execute("SELECT COUNT(*) FROM kept").fetchone()[0]
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    assert published() == made
    with sqlite3.connect(project / ".cache" / "charterkit-charters" / "kept.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM kept").fetchone()[0] == rows  # the same keys


def test_lists_kept_by_a_warm_build_show_an_edited_added_or_removed_charter(tmp_path: Path) -> None:
    # Pages about many charters (the lists, the themes, "Easy read") are kept too, while no charter changes.
    project = make_project(tmp_path, _charters())
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    lists = ("charters/", "easy-read/", "charters/themes/")
    before = {page: first.html(page) for page in lists}
    assert "The second" in before["charters/"]
    warm = run_build(project, strict=False)
    assert {page: warm.html(page) for page in lists} == before

    path = project / "charters" / "two.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("The second", "An edited title"), encoding="utf-8"
    )
    edited = run_build(project, strict=False)
    assert edited.returncode == 0, edited.output
    for page in ("charters/", "easy-read/"):
        assert "An edited title" in edited.html(page)
        assert "The second" not in edited.html(page)

    (project / "charters" / "three.yml").write_text(
        path.read_text(encoding="utf-8").replace("An edited title", "A third one"), encoding="utf-8"
    )
    added = run_build(project, strict=False)
    assert "A third one" in added.html("charters/")
    assert "A third one" in added.html("easy-read/")

    path.unlink()
    removed = run_build(project, strict=False)
    assert removed.returncode == 0, removed.output
    assert "An edited title" not in removed.html("charters/")
    assert "An edited title" not in removed.html("easy-read/")
    assert "A third one" in removed.html("charters/")


def test_the_sites_own_pages_are_converted_once_and_their_messages_come_every_build(tmp_path: Path) -> None:
    # A site page's conversion from Markdown is kept while its text, the site's files and the settings
    # are the same: the page is the same; an edit shows; a link MkDocs cannot resolve is said each time.
    project = make_project(tmp_path, _charters())
    page = project / "docs" / "extra.md"
    page.write_text(
        "# Extra\n\nSee [the charters](charters/index.md) and [gone](missing.md).\n", encoding="utf-8"
    )
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    assert "missing.md" in first.output
    again = run_build(project, strict=False)
    assert again.html("extra/") == first.html("extra/")
    assert "missing.md" in again.output  # said again: a conversion that logged anything is not kept
    assert run_build(project, strict=True).returncode != 0  # and --strict fails every time

    page.write_text("# Extra\n\nSee [the charters](charters/index.md), now edited.\n", encoding="utf-8")
    edited = run_build(project, strict=False)
    assert "now edited" in edited.html("extra/")
    assert "missing.md" not in edited.output

    (project / "docs" / "other.md").write_text("# Other\n\nBack to [extra](extra.md).\n", encoding="utf-8")
    kept = run_build(project, strict=False)
    assert 'href="../extra/"' in kept.html("other/")
    (project / "docs" / "extra.md").unlink()  # the page it links to goes: its conversion is made again
    gone = run_build(project, strict=False)
    assert "extra.md" in gone.output
