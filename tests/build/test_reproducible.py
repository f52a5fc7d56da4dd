"""Two builds of the same charters give the same bytes, so a pull request's site diff shows only real changes.

The real site is built in two different folders with the same ``SOURCE_DATE_EPOCH``, PDFs included, and
once more in the first folder with its PDF cache warm. Every file must match byte for byte, and no file
may carry the day the tests ran: every date comes from the charters, mkdocs.yml or SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, BuildResult, make_project, run_build

PDF_PLUGIN = REPO / "plugins" / "charterkit" / "mkdocs" / "pdf" / "plugin.py"
EPOCH = 981_158_400  # 3 February 2001, 00:00 UTC: a day no test run will fall on
ENV = {
    "SOURCE_DATE_EPOCH": str(EPOCH),
    "CHARTERKIT_PDF": "1" if PDF_PLUGIN.exists() else "0",
    # With an address, pages carry canonical links and the sitemap lists them: more to compare.
    "CHARTERKIT_SITE_URL": "https://example.org/charters-site/",
}
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js", ".css", ".svg", ".md"}


def _old_dates(config: dict[str, Any]) -> None:
    # Dates written in mkdocs.yml may be today's (the accessibility statement's "prepared" date is set
    # when a council writes it): move them into the past, so that today's date can only come from a clock.
    for entry in config.get("plugins", []):
        if isinstance(entry, dict):
            for options in entry.values():
                if isinstance(options, dict) and "prepared" in options:
                    options["prepared"] = "2000-01-01"


def _build(project: Path) -> BuildResult:
    # Not strict: this is about bytes, not warnings (the build's own tests hold the site to --strict).
    result = run_build(project, strict=False, env=ENV)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult]:
    """The same project in two folders, built side by side."""
    first = make_project(tmp_path_factory.mktemp("first"), copy_charters=True, config=_old_dates)
    second = tmp_path_factory.mktemp("second-build-in-another-folder") / "project"
    shutil.copytree(first, second)
    with ThreadPoolExecutor(2) as pool:
        one, two = pool.map(_build, (first, second))
    return one, two


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(a: Path, b: Path) -> None:
    one, two = files_of(a), files_of(b)
    assert sorted(one) == sorted(two), "the two builds wrote different files"
    differing = [name for name in one if one[name] != two[name]]
    assert not differing, f"these files differ between two builds of the same input: {differing}"


def test_two_builds_in_different_folders_are_identical(builds: tuple[BuildResult, BuildResult]) -> None:
    first, second = builds
    assert_same_site(first.site, second.site)
    if PDF_PLUGIN.exists():
        assert any(name.endswith(".pdf") for name in files_of(first.site)), "PDFs were compared too"


def test_a_rebuild_with_a_warm_pdf_cache_is_identical(builds: tuple[BuildResult, BuildResult]) -> None:
    first, _ = builds
    before = files_of(first.site)
    again = run_build(first.project, strict=False, env=ENV)
    assert again.returncode == 0, again.output
    after = files_of(first.site)
    assert sorted(after) == sorted(before)
    assert not [name for name in before if before[name] != after[name]]


def test_without_pdfs_the_pages_are_the_same(builds: tuple[BuildResult, BuildResult]) -> None:
    # Without PDFs, pages lose their PDF links; everything else is still reproducible.
    if not PDF_PLUGIN.exists():
        pytest.skip("charterkit/pdf is not installed (plugins/charterkit/mkdocs/pdf/plugin.py is missing)")
    first, _ = builds
    result = run_build(first.project, strict=False, env={**ENV, "CHARTERKIT_PDF": "0"})
    assert result.returncode == 0, result.output
    copy = files_of(first.site)
    again = run_build(first.project, strict=False, env={**ENV, "CHARTERKIT_PDF": "0"})
    assert again.returncode == 0, again.output
    assert files_of(first.site) == copy


def _today_forms() -> list[str]:
    today = dt.datetime.now(dt.UTC).date()
    forms = {
        today.isoformat(),
        f"{today.day} {today:%B %Y}",
        f"{today:%B} {today.day}, {today.year}",
        f"D:{today:%Y%m%d}",
        f"{today:%Y/%m/%d}",
        f"{today:%d/%m/%Y}",
    }
    return sorted(forms)


def test_no_file_carries_the_day_of_the_build(builds: tuple[BuildResult, BuildResult]) -> None:
    first, _ = builds
    forms = _today_forms()
    for name, data in files_of(first.site).items():
        suffix = Path(name).suffix
        if suffix in TEXT_SUFFIXES:
            text = data.decode("utf-8")
            for form in forms:
                assert form not in text, f"{name} holds today's date ({form}), not SOURCE_DATE_EPOCH's"
        elif suffix == ".pdf":
            for form in forms:
                assert form.encode() not in data, f"{name} holds today's date ({form})"
            _check_pdf_dates(first.site / name, forms)


def _check_pdf_dates(path: Path, forms: list[str]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    metadata = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    xmp = reader.xmp_metadata
    raw_xmp = xmp.stream.get_data().decode("utf-8", "replace") if xmp is not None else ""
    for form in forms:
        assert not any(form in v for v in metadata.values()), (path.name, metadata)
        assert form not in raw_xmp, path.name


def test_the_compressed_sitemap_is_dated_by_source_date_epoch(
    builds: tuple[BuildResult, BuildResult],
) -> None:
    first, _ = builds
    data = (first.site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", data[4:8])  # the gzip header's modification time
    assert mtime == EPOCH
    assert b"<lastmod>2001-02-03</lastmod>" in gzip.decompress(data)
