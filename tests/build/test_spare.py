"""The site a build replaces is kept beside it as the spare, which the next build writes into.

What a user notices: a site built over and over, with charters edited and removed between builds, is byte
for byte the site a fresh build of the same charters makes; a removed charter's page is gone, and so is
its search entry; a build that fails leaves the site as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO, BuildResult, make_project, run_build
from tests.pagefind_index import read_site_index

SEED = "changing-futures-bristol.yml"
ENV = {"SOURCE_DATE_EPOCH": "981158400"}


def _charters() -> dict[str, str]:
    text = (REPO / "charters" / SEED).read_text(encoding="utf-8")
    return {
        "one.yml": text,
        "two.yml": text.replace("title: Coproduction principles", "title: The second"),
        "three.yml": text.replace("title: Coproduction principles", "title: The third"),
    }


def _build(project: Path, *, strict: bool = False) -> BuildResult:
    result = run_build(project, strict=strict, env=ENV)
    assert result.returncode == 0, result.output
    return result


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_into_the_spare_publish_what_a_fresh_build_does(tmp_path: Path) -> None:
    project = make_project(tmp_path / "often", _charters())
    first = _build(project)
    written_over = (first.site / "charters" / "one" / "index.html").stat().st_ino
    _build(project)
    spare = project / ".site.charterkit-spare"
    assert spare.is_dir()  # the first build's site, for the third to write into

    (project / "charters" / "three.yml").unlink()
    two = project / "charters" / "two.yml"
    two.write_text(two.read_text(encoding="utf-8").replace("The second", "An edited title"), encoding="utf-8")
    third = _build(project)
    # The first build's files, written over: not made again.
    assert (third.site / "charters" / "one" / "index.html").stat().st_ino == written_over
    assert not (third.site / "charters" / "three").exists()
    indexed = {page.url for page in read_site_index(third.site)}
    assert "/charters/two/" in indexed
    assert "/charters/three/" not in indexed
    assert "An edited title" in third.html("charters/two/")

    fresh = tmp_path / "fresh" / "project"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    assert _files(third.site) == _files(_build(fresh).site)


def test_a_failed_build_in_the_spare_leaves_the_site_and_the_next_build_is_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path, _charters())
    _build(project)
    good = _files(_build(project).site)
    broken = project / "charters" / "one.yml"
    text = broken.read_text(encoding="utf-8")
    # A warning fails a --strict build after its pages are written into the spare: never swapped in.
    (project / "docs" / "extra.md").write_text("[a link](missing.md)\n", encoding="utf-8")
    failed = run_build(project, strict=True, env=ENV)
    assert failed.returncode != 0
    assert _files(project / "site") == good
    (project / "docs" / "extra.md").unlink()
    broken.write_text(text.replace("Coproduction principles", "Mended"), encoding="utf-8")
    _build(project)  # the failed build's folder was thrown away: this one has no spare
    again = _build(project)  # and this one writes into the spare again
    assert "Mended" in again.html("charters/one/")
    fresh = tmp_path / "fresh" / "project"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    assert _files(again.site) == _files(_build(fresh).site)
