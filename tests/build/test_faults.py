"""Faults of the machine, not of the charters: a damaged cache, a full or read-only disk, a killed build,
two builds at once. Each is said plainly, without a traceback, and the previous site survives."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from charterkit.pdf.fonts import FONT_DIR, verify_fonts
from pypdf import PdfReader

from tests.conftest import MINIMAL, BuildResult, make_project, run_build

ON = {"CHARTERKIT_PDF": "1"}


def no_traceback(result: BuildResult) -> None:
    assert "Traceback" not in result.output, result.output


def built(path: Path, env: dict[str, str] | None = None) -> BuildResult:
    result = run_build(path, env=env)
    assert result.returncode == 0, result.output
    no_traceback(result)
    return result


@pytest.mark.parametrize("damage", ["truncate", "overwrite", "empty"])
def test_a_damaged_cached_pdf_is_made_again_not_published(tmp_path: Path, damage: str) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=_no_booklet)
    first = built(path, ON)
    assert "PDFs: 0 up to date, 3 rendered" in first.output
    cache = path / ".cache" / "charterkit-pdf"
    victim = sorted(cache.glob("*.pdf"))[0]
    data = victim.read_bytes()
    victim.write_bytes({"truncate": data[:100], "overwrite": b"\0" * len(data), "empty": b""}[damage])

    second = built(path, ON)  # --strict: a damaged cache is not the editor's fault
    assert "PDFs: 2 up to date, 1 rendered" in second.output
    assert re.search(rf"INFO\s+-\s+the PDF {victim.name} in \S+ was damaged .*made again", second.output)
    for pdf in second.site.rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf
    assert victim.read_bytes() == data  # the same bytes again


def _no_booklet(data: dict[str, object]) -> None:
    plugins = data["plugins"]
    assert isinstance(plugins, list)
    plugins[plugins.index("charterkit/pdf")] = {"charterkit/pdf": {"booklet": False}}


# -- shipped fonts --------------------------------------------------------------------------------------

_BUILD_WITH_FONTS = """
import sys
import urllib.request
from pathlib import Path
import charterkit.pdf.fonts as fonts
fonts.FONT_DIR = Path(sys.argv[1])
from mkdocs.__main__ import cli
cli(["build", "--strict"])
"""


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_missing_or_damaged_shipped_font_stops_the_build_and_says_how_to_restore(
    tmp_path: Path, damage: str
) -> None:
    fonts = tmp_path / "fonts"
    shutil.copytree(FONT_DIR, fonts)
    victim = fonts / "atkinson-hyperlegible-latin-400-normal.woff2"
    if damage == "missing":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes()[:1000])
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    (path / "site").mkdir()
    (path / "site" / "index.html").write_text("the old site", encoding="utf-8")
    env = {**os.environ, "CHARTERKIT_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _BUILD_WITH_FONTS, str(fonts)],
        cwd=path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out and "TTLibError" not in out and "brotli" not in out
    word = "missing" if damage == "missing" else "damaged"
    assert f"charterkit's font file is {word}" in out, out
    assert victim.name in out and "git checkout --" in out and "reinstall charterkit" in out
    assert (path / "site" / "index.html").read_text(encoding="utf-8") == "the old site"


def test_the_shipped_fonts_match_their_manifest() -> None:
    verify_fonts()  # a release with a changed font must update fonts/SHA256SUMS


# -- atomic output ---------------------------------------------------------------------------------------

OLD_SITE = "<!doctype html><title>The previous site</title>"


def with_old_site(path: Path) -> Path:
    site = path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text(OLD_SITE, encoding="utf-8")
    (site / "old-page.html").write_text(OLD_SITE, encoding="utf-8")
    return site


def old_site_intact(site: Path) -> None:
    assert (site / "index.html").read_text(encoding="utf-8") == OLD_SITE
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "old-page.html"]


def no_leftovers(path: Path) -> None:
    assert not [p.name for p in path.iterdir() if "charterkit-new" in p.name or "charterkit-old" in p.name]


_BUILD_WITH_A_FULL_DISK = """
import errno, shutil, sys
from mkdocs.__main__ import cli
real = shutil.copyfile
copied = 0
def full(src, dst, *args, **kwargs):
    global copied
    copied += 1
    if copied > int(sys.argv[1]):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))
    return real(src, dst, *args, **kwargs)
shutil.copyfile = full
cli(["build", "--strict"])
"""


def test_a_full_disk_keeps_the_previous_site_and_says_so(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    site = with_old_site(path)
    env = {**os.environ, "CHARTERKIT_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _BUILD_WITH_A_FULL_DISK, "20"],
        cwd=path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    assert "the disk is full" in out and f"the site could not be built in {site}" in out
    assert "The previous site was left as it was." in out
    old_site_intact(site)
    no_leftovers(path)
    built(path)  # space again: the next build works
    assert "The previous site" not in (site / "index.html").read_text(encoding="utf-8")


def _mount_tmpfs(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip("mounting a small disk needs root")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")
def test_a_really_full_disk_keeps_the_previous_site(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "size=600k")
    try:
        site = with_old_site(disk)
        _site_dir(path, str(site))
        result = run_build(path)
        assert result.returncode == 1
        no_traceback(result)
        assert "the disk is full" in result.output
        old_site_intact(site)
        no_leftovers(disk)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_read_only_output_folder_is_named_and_the_old_site_kept(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    disk = tmp_path / "published"
    disk.mkdir()
    site = with_old_site(disk)
    if os.geteuid() == 0:
        _mount_tmpfs(disk, "ro")  # an empty read-only disk over the folder: root can write anywhere else
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        site = with_old_site(disk)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    else:
        disk.chmod(0o555)
    try:
        _site_dir(path, str(site))
        result = run_build(path)
        assert result.returncode == 1
        no_traceback(result)
        assert f"the site could not be written to {disk}" in result.output
        assert "read-only" in result.output or "permission denied" in result.output
        old_site_intact(site)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(disk)], check=False)
        else:
            disk.chmod(0o755)


def test_a_strict_build_that_fails_on_warnings_keeps_the_previous_site(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    site = with_old_site(path)
    (path / "docs" / "broken-link.md").write_text("# Broken\n\n[gone](missing.md)\n", encoding="utf-8")
    result = run_build(path)
    assert result.returncode == 1 and "strict mode" in result.output
    old_site_intact(site)
    no_leftovers(path)


def test_a_killed_build_keeps_the_previous_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    path = make_project(
        tmp_path, {"alpha.yml": MINIMAL, "beta.yml": MINIMAL.replace("A test charter", "Another")}
    )
    site = with_old_site(path)
    env = {**os.environ, "CHARTERKIT_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:  # kill it in the middle of rendering the PDFs
        if re.search(r"PDF 1/\d+", line):
            break
    os.killpg(proc.pid, 9)
    proc.wait()
    old_site_intact(site)
    assert [p for p in path.iterdir() if "charterkit-new" in p.name]  # what the killed build left
    built(path, ON)
    no_leftovers(path)
    assert (site / "charters" / "alpha" / "index.html").is_file()
    assert not list((path / ".cache" / "charterkit-pdf").glob("*.tmp"))


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    env = {**os.environ, "CHARTERKIT_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    runs = [
        subprocess.Popen(cmd, cwd=path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    for out in outputs:
        assert "Traceback" not in out
    assert any("Another build of this site is running" in out for out in outputs)
    assert (path / "site" / "charters" / "alpha" / "index.html").is_file()
    no_leftovers(path)


def _site_dir(path: Path, site_dir: str) -> None:
    config = path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_dir: {site_dir}\n", encoding="utf-8")


def test_mkdocs_serve_still_builds_and_serves(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CHARTERKIT_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        cmd, cwd=path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "Serving on" in line:
                break
            assert "Traceback" not in line and "ERROR" not in line, line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/charters/alpha/", timeout=30) as page:
            assert "A test charter" in page.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert not (path / "site").exists()  # the preview writes nothing into the project
    assert not list(path.glob(".*charterkit*"))


# -- symbolic links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "target"),
    [
        ("docs/assets/env.txt", "/proc/self/environ"),
        ("docs/logo.png", "/etc/passwd"),
        ("overrides/assets/secret.css", "/etc/hostname"),
        ("docs/outside", "/etc"),
    ],
)
def test_a_link_in_a_published_folder_that_leads_outside_is_refused(
    tmp_path: Path, where: str, target: str
) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    site = with_old_site(path)
    (path / where).parent.mkdir(parents=True, exist_ok=True)
    (path / where).symlink_to(target)
    result = run_build(path)
    assert result.returncode == 1
    no_traceback(result)
    assert f"charterkit: {where} is a symbolic link to {target}, outside the project" in (result.output)
    old_site_intact(site)


@pytest.mark.parametrize("folder", ["docs", "overrides", "charters"])
def test_a_link_loop_gets_a_message(tmp_path: Path, folder: str) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    (path / folder / "loop.yml").symlink_to("loop.yml")
    result = run_build(path)
    assert result.returncode == 1
    no_traceback(result)
    assert f"{folder}/loop.yml" in result.output and ("loop" in result.output)


def test_a_link_inside_the_project_is_still_allowed(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    (path / "docs" / "again.md").symlink_to(path / "docs" / "about.md")
    result = built(path)
    assert (result.site / "again" / "index.html").is_file()


# -- the cache's own faults are named as such, never blamed on a charter ------------------------------


def test_a_read_only_cache_is_named_not_blamed_on_a_charter(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=_no_booklet)
    cache = path / ".cache" / "charterkit-pdf"
    cache.mkdir(parents=True)
    if os.geteuid() == 0:
        _mount_tmpfs(cache, "ro")
    else:
        cache.chmod(0o555)
    try:
        result = run_build(path, env=ON)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(cache)], check=False)
        else:
            cache.chmod(0o755)
    assert result.returncode == 1
    no_traceback(result)
    assert f"the PDF cache folder {cache} cannot be used" in result.output, result.output
    assert "read-only" in result.output or "permission denied" in result.output
    assert "charters/alpha.yml" not in result.output and "Fix the charter" not in result.output


_BUILD_WITH_A_FULL_CACHE = """
import errno, sys
import charterkit.pdf.jobs as jobs
def full(job):
    raise OSError(errno.ENOSPC, "No space left on device", str(job.target))
jobs._render = full
from mkdocs.__main__ import cli
cli(["build", "--strict"])
"""


def test_a_full_cache_disk_is_named_not_blamed_on_a_charter(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=_workers_1)
    site = with_old_site(path)
    env = {**os.environ, "CHARTERKIT_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _BUILD_WITH_A_FULL_CACHE], cwd=path, capture_output=True, text=True, env=env
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out
    assert "the PDF cache folder" in out and "the disk is full" in out
    assert "charters/alpha.yml" not in out and "Fix the charter" not in out
    old_site_intact(site)


def _workers_1(data: dict[str, object]) -> None:
    plugins = data["plugins"]
    assert isinstance(plugins, list)
    plugins[plugins.index("charterkit/pdf")] = {"charterkit/pdf": {"workers": 1}}


def test_a_site_folder_that_is_a_link_stays_a_link(tmp_path: Path) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text(OLD_SITE, encoding="utf-8")
    (path / "site").symlink_to(www)
    built(path)
    assert (path / "site").is_symlink()
    assert (www / "charters" / "alpha" / "index.html").is_file()
    assert "The previous site" not in (www / "index.html").read_text(encoding="utf-8")
    no_leftovers(tmp_path)
