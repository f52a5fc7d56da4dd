"""Any way of starting a build gives the same site.

``mkdocs build -f mkdocs.yml`` (the form ProperDocs' messages suggest), ``-f /abs/path/mkdocs.yml`` from
another folder, ``-d`` pointing anywhere, ``mkdocs serve``, ``make site`` from a subfolder, and the
ProperDocs engine: each is run for real on a fixture project and its output compared with a plain
``mkdocs build``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from charterkit.pdf.subsetting import FALLBACK_HINT

from tests.conftest import MINIMAL, REPO, make_project

BIN = Path(sys.executable).parent
EPOCH = "981158400"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _run(
    args: Sequence[str], cwd: Path, *, pdf: bool = False, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "CHARTERKIT_PDF": "1" if pdf else "0",
        **(env or {}),
    }
    return subprocess.run(list(args), cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _assert_same_site(expected: Path, actual: Path, *, ignore_generator: bool = False) -> None:
    want, got = _files(expected), _files(actual)
    assert sorted(got) == sorted(want)
    if ignore_generator:
        want = {k: GENERATOR.sub(b"", v) for k, v in want.items()}
        got = {k: GENERATOR.sub(b"", v) for k, v in got.items()}
    different = [name for name in want if want[name] != got[name]]
    assert different == []


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("invocations"), {"test-charter.yml": MINIMAL})


@pytest.fixture(scope="module")
def reference(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` run in the project's folder, as the README says."""
    proc = _run([str(BIN / "mkdocs"), "build", "--strict"], project)
    assert proc.returncode == 0, proc.stderr
    site = tmp_path_factory.mktemp("reference") / "site"
    shutil.copytree(project / "site", site)
    return site


def test_relative_config_file_makes_every_pdf(tmp_path: Path) -> None:
    """The bug: ``-f mkdocs.yml`` failed every PDF ("relative path can't be expressed as a file URI")."""
    project = make_project(tmp_path, {"test-charter.yml": MINIMAL})
    proc = _run([str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml"], project, pdf=True)
    assert proc.returncode == 0, proc.stderr
    pdfs = sorted(p.name for p in (project / "site").rglob("*.pdf"))
    assert len(pdfs) >= 3, pdfs
    assert (project / ".cache").is_dir()  # the cache sits beside mkdocs.yml, not in the working folder


def test_a_machine_without_harfbuzz_subset_builds_strictly(tmp_path: Path) -> None:
    """The newcomer's failure: without libharfbuzz-subset0 WeasyPrint warned once per PDF and --strict
    aborted. Here WeasyPrint is made to behave as on such a machine, in every process of the build."""
    project = make_project(tmp_path, {"test-charter.yml": MINIMAL})
    shim = tmp_path / "no-harfbuzz-subset"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import weasyprint.pdf.fonts, weasyprint.text.ffi\n"
        "weasyprint.pdf.fonts.harfbuzz_subset = weasyprint.text.ffi.harfbuzz_subset = None\n",
        encoding="utf-8",
    )
    proc = _run([str(BIN / "mkdocs"), "build", "--strict"], project, pdf=True, env={"PYTHONPATH": str(shim)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count(FALLBACK_HINT) == 1  # said once, as information
    assert "WeasyPrint says" not in proc.stderr
    assert len(list((project / "site").rglob("*.pdf"))) >= 3


def test_relative_config_file_gives_the_same_site(project: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _run([str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)], project)
    assert proc.returncode == 0, proc.stderr
    _assert_same_site(reference, out)


def test_absolute_config_file_from_another_folder(project: Path, reference: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    proc = _run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        elsewhere,
    )
    assert proc.returncode == 0, proc.stderr
    _assert_same_site(reference, out)
    assert list(elsewhere.iterdir()) == []  # nothing written where the command happened to be run


def test_relative_site_dir_from_another_folder(project: Path, reference: Path, tmp_path: Path) -> None:
    # MkDocs' rule: a relative -d (like site_dir) is taken from the folder of mkdocs.yml.
    proc = _run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", "public"],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    _assert_same_site(reference, project / "public")
    assert list(tmp_path.iterdir()) == []


def test_make_site_from_a_subfolder(project: Path, reference: Path, tmp_path: Path) -> None:
    """``make -f ../Makefile site`` from docs/: the Makefile finds its own folder and builds there."""
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".cache"))
    shutil.copy(REPO / "Makefile", copy / "Makefile")
    shutil.copytree(REPO / "scripts", copy / "scripts")
    venv = Path(sys.prefix)
    # The test's own environment stands in for .venv (-o: never reinstall it).
    proc = _run(
        ["make", "-f", "../Makefile", "site", f"VENV={venv}", "-o", f"{venv}/.installed-stamp"],
        copy / "docs",
        env={"MAKEFLAGS": ""},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    _assert_same_site(reference, copy / "site")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_mkdocs_serve_serves_a_charter_page(project: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"}
    server = subprocess.Popen(
        [
            str(BIN / "mkdocs"),
            "serve",
            "--no-livereload",
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    page = ""
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/charters/test-charter/", timeout=5
                ) as r:
                    page = r.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "We will listen to each other." in page, output
    assert "<h1" in page


def test_properdocs_builds_the_same_site(project: Path, reference: Path, tmp_path: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.6, is a second engine: the same site but for the generator
    meta tag."""
    properdocs = BIN / "properdocs"
    if not properdocs.exists():
        pytest.fail(
            "properdocs is a test dependency: run make test (or pip install -c constraints.txt -e .[test])"
        )
    out = tmp_path / "out"
    proc = _run([str(properdocs), "build", "--strict", "-d", str(out)], project)
    assert proc.returncode == 0, proc.stderr
    _assert_same_site(reference, out, ignore_generator=True)
