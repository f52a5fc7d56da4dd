"""PDFs in a real build of a small fixture project: the cache, the switch, and a failing render."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL, BuildResult, make_project, run_build

from .pdfcheck import elements, full_text, squash

ON = {"CHARTERKIT_PDF": "1"}
BETA = MINIMAL.replace("A test charter", "Another test charter")


def project(tmp_path: Path, **kwargs: object) -> Path:
    return make_project(tmp_path, {"alpha.yml": MINIMAL, "beta.yml": BETA}, **kwargs)  # type: ignore[arg-type]


def rendered(result: BuildResult) -> set[str]:
    """The PDFs a build made, from its progress lines ("PDF 3/7: charters/...")."""
    return set(re.findall(r"PDF \d+/\d+: (\S+)", result.output))


def build(path: Path, env: dict[str, str] = ON) -> BuildResult:
    result = run_build(path, env=env)
    assert result.returncode == 0, result.output
    return result


def pdf_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}


def test_cache_renders_only_what_changed(tmp_path: Path) -> None:
    path = project(tmp_path)
    env = {**ON, "CHARTERKIT_SITE_URL": "https://charters.example.org/"}
    # make site sets SOURCE_DATE_EPOCH from the last commit: a new commit that changes no charter must
    # make no PDF again, and give the same bytes.
    first = build(path, {**env, "SOURCE_DATE_EPOCH": "1735689600"})
    assert "PDFs: 0 up to date, 9 rendered" in first.output
    assert len(rendered(first)) == 9
    text = squash(full_text(PdfReader(first.site / "charters" / "alpha" / "alpha-large-print.pdf")))
    assert "https://charters.example.org/charters/alpha/" in text  # the online version, with site_url
    before = pdf_bytes(first.site)
    assert len(before) == 9

    second = build(path, {**env, "SOURCE_DATE_EPOCH": "1767225600"})
    assert "PDFs: 9 up to date, 0 rendered" in second.output
    assert rendered(second) == set()
    assert pdf_bytes(second.site) == before

    charter = path / "charters" / "alpha.yml"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("A test charter", "A changed charter"), encoding="utf-8"
    )
    third = build(path, {**env, "SOURCE_DATE_EPOCH": "1798761600"})
    assert "PDFs: 3 up to date, 6 rendered" in third.output
    assert rendered(third) == {
        "charters/alpha/alpha-standard.pdf",
        "charters/alpha/alpha-easy-read.pdf",
        "charters/alpha/alpha-large-print.pdf",
        "downloads/charters-booklet.pdf",
        "downloads/charters-booklet-large-print.pdf",
        "downloads/charters-booklet-easy-read.pdf",
    }
    after = pdf_bytes(third.site)
    assert {name for name in before if after[name] != before[name]} == rendered(third)
    # Old versions are dropped from the cache; nothing half-written is left behind.
    cache = path / ".cache" / "charterkit-pdf"
    assert len(list(cache.glob("*.pdf"))) == 9
    assert not list(cache.glob(".*"))

    # A council's own print CSS changes every PDF; CSS that WeasyPrint cannot use fails a --strict build.
    folder = path / "overrides" / "charterkit" / "print"
    folder.mkdir(parents=True)
    (folder / "extra.css").write_text("h1 { color: #1d5a8e; }\n", encoding="utf-8")
    assert "PDFs: 0 up to date, 9 rendered" in build(path, env).output
    (folder / "extra.css").write_text("h1 { colour: navy; }\n", encoding="utf-8")
    result = run_build(path, env=env)
    assert result.returncode != 0
    assert re.search(r"WARNING\s+-\s+\S+\.pdf: WeasyPrint says: .*colour", result.output)


def test_a_letter_the_fonts_lack_names_the_charter_until_it_is_fixed(tmp_path: Path) -> None:
    path = project(tmp_path)
    charter = path / "charters" / "alpha.yml"
    charter.write_text(
        MINIMAL.replace("We will listen to each other.", "We will listen to each other (中)."),
        encoding="utf-8",
    )
    message = (
        "charters/alpha.yml:14: sections[0].principles[0].text[0]: the PDF fonts cannot show the "
        "character “中” (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), so the PDFs print an empty box for it. "
        "Write it another way, or add a font that has it"
    )
    first = run_build(path, env=ON)
    assert first.returncode != 0
    # Once, although four PDFs show it (standard, large print and two booklets); WeasyPrint's own words,
    # which name no charter, are not repeated.
    assert first.output.count(message) == 1, first.output
    assert ".notdef" not in first.output and "Traceback" not in first.output
    # The PDFs are cached, but the problem is still in them: the next --strict build fails the same way.
    second = run_build(path, env=ON)
    assert second.returncode != 0
    assert "PDFs: 9 up to date, 0 rendered" in second.output
    assert second.output.count(message) == 1
    charter.write_text(MINIMAL, encoding="utf-8")
    assert "PDFs: 5 up to date, 4 rendered" in build(path).output


def test_a_cache_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    def cache_in_a_file(data: dict[str, object]) -> None:
        plugins = data["plugins"]
        assert isinstance(plugins, list)
        plugins[plugins.index("charterkit/pdf")] = {"charterkit/pdf": {"cache_dir": "docs/index.md/cache"}}

    path = project(tmp_path, config=cache_in_a_file)
    result = run_build(path, env=ON)
    assert result.returncode != 0
    assert (
        f"charterkit/pdf: the PDF cache folder {path / 'docs' / 'index.md' / 'cache'} cannot be used"
        in result.output
    )
    assert f"{path / 'docs' / 'index.md'} is a file, where a folder is needed" in result.output
    assert "Traceback" not in result.output and "NotADirectoryError" not in result.output


def test_failing_render_names_the_charter_and_stops_the_build(tmp_path: Path) -> None:
    path = project(tmp_path)
    # A council's replacement template that needs a picture which is not there, for one charter only.
    folder = path / "overrides" / "charterkit" / "print"
    folder.mkdir(parents=True)
    (folder / "large-print.html").write_text(
        '{% extends "charterkit/print/base.html" %}\n'
        "{% block body %}<h1>{{ charter.title }}</h1>\n"
        '{% if item.slug == "beta" %}<img src="council-logo.png" alt="Council logo">{% endif %}\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    result = run_build(path, env=ON)
    assert result.returncode != 0
    assert "charters/beta.yml: the large print PDF could not be made" in result.output
    assert "council-logo.png" in result.output
    assert "charters/alpha.yml" not in result.output
    assert "Traceback" not in result.output
    assert not (path / "site" / "charters" / "beta").exists()


def test_template_error_names_the_charter(tmp_path: Path) -> None:
    path = project(tmp_path)
    folder = path / "overrides" / "charterkit" / "print"
    folder.mkdir(parents=True)
    (folder / "extra.css").write_text("h1 { color: {{ charter.colour }}; }\n", encoding="utf-8")
    result = run_build(path, env=ON)
    assert result.returncode != 0
    assert (
        "charters/alpha.yml: the standard print PDF could not be made: the print template failed"
        in result.output
    )
    assert "colour" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("env", "config"), [({"CHARTERKIT_PDF": "0"}, None), ({}, False)])
def test_pdfs_can_be_turned_off(tmp_path: Path, env: dict[str, str], config: bool | None) -> None:
    def disable(data: dict[str, object]) -> None:
        plugins = data["plugins"]
        assert isinstance(plugins, list)
        plugins[plugins.index("charterkit/pdf")] = {"charterkit/pdf": {"enabled": False}}

    path = project(tmp_path, config=disable if config is False else None)
    result = run_build(path, env={**env, "CHARTERKIT_PDF": env.get("CHARTERKIT_PDF", "")})
    assert result.returncode == 0, result.output
    assert not list(result.site.rglob("*.pdf"))
    assert ".pdf" not in result.html("charters/alpha/")
    assert "charterkit:booklet" not in result.html("index.html")


def _configure_brand(logo: str) -> object:
    def edit(data: dict[str, object]) -> None:
        plugins = data["plugins"]
        assert isinstance(plugins, list)
        for entry in plugins:
            if isinstance(entry, dict) and "charterkit/brand" in entry:
                entry["charterkit/brand"]["council"] = "Anytown Council"
                entry["charterkit/brand"]["logo"] = logo

    return edit


def test_covers_carry_the_councils_name_and_logo(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=_configure_brand("assets/favicon.svg"))  # type: ignore[arg-type]
    build(path)
    for name in (
        "charters/alpha/alpha-standard.pdf",
        "charters/alpha/alpha-easy-read.pdf",
        "downloads/charters-booklet.pdf",
    ):
        reader = PdfReader(path / "site" / name)
        cover = squash(reader.pages[0].extract_text())
        assert squash("Anytown Council") in cover, name
        figures = [e for e in elements(reader, "/Figure") if str(e.get("/Alt", "")) == "Anytown Council"]
        assert figures, f"{name}: no logo described as the council on the cover"


def test_the_same_project_in_another_folder_renders_no_pdf(tmp_path: Path) -> None:
    # A CI cache restored into a new workspace, or a colleague's clone: keys hold no folder name.
    first = build(project(tmp_path / "here"))
    assert "PDFs: 0 up to date, 9 rendered" in first.output
    copy = tmp_path / "somewhere" / "else"
    shutil.copytree(first.project, copy)
    shutil.rmtree(copy / "site")
    second = build(copy)
    assert "PDFs: 9 up to date, 0 rendered" in second.output
    assert pdf_bytes(second.site) == pdf_bytes(first.site)
