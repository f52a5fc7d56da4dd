"""The new site's folder: folders and pages made beside the build, never an empty page published."""

from __future__ import annotations

from pathlib import Path

from charterkit.output import StagedOutput


def test_prepared_pages_are_filled_by_the_build_and_unfilled_ones_never_published(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    staged = StagedOutput(site)
    stage = staged.begin()
    written = stage / "charters" / "a" / "index.html"
    forgotten = stage / "charters" / "b" / "index.html"
    elsewhere = tmp_path / "elsewhere" / "index.html"
    staged.prepare(
        [stage / "charters" / "a", stage / "charters" / "b", stage / "assets", elsewhere.parent],
        [written, forgotten, elsewhere],
    )
    written.parent.mkdir(parents=True, exist_ok=True)  # as MkDocs writes a page
    written.write_text("<html>the page</html>", encoding="utf-8")
    staged.commit()
    assert (site / "charters" / "a" / "index.html").read_text(encoding="utf-8") == "<html>the page</html>"
    assert not (site / "charters" / "b" / "index.html").exists()  # never an empty page
    assert not (site / "assets").exists()  # nor a folder nothing was written in
    assert not (site / "charters" / "b").exists()
    assert not elsewhere.parent.exists()  # only inside the new folder
    assert not (site / "old").exists()


def test_an_abandoned_build_leaves_nothing_it_prepared(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    staged = StagedOutput(site)
    stage = staged.begin()
    staged.prepare([stage / f"p{i}" for i in range(50)], [stage / f"p{i}" / "index.html" for i in range(50)])
    staged.abandon()
    assert not stage.exists()
    assert [p.name for p in site.iterdir()] == ["index.html"]
