"""Shared fixtures: fixture projects built for real in tmp_path, and the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from charterkit.format.themes import load_themes

REPO = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    """The outcome of ``mkdocs build`` run as a user would run it."""

    returncode: int
    output: str
    project: Path

    @property
    def site(self) -> Path:
        return self.project / "site"

    def html(self, url_path: str) -> str:
        """The built HTML at a site path such as ``charters/x/`` or ``index.html``."""
        path = self.site / url_path
        if url_path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def run_build(
    project: Path, *, strict: bool = True, env: Mapping[str, str] | None = None, timeout: float = 600
) -> BuildResult:
    """Run ``mkdocs build`` in ``project`` in a subprocess, as an editor or CI would."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean"]
    if strict:
        cmd.append("--strict")
    full_env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "CHARTERKIT_PDF": "0",
        "CHARTERKIT_FORMATS": "0",
        "CHARTERKIT_PICTURES": "0",  # the picture gallery's pages: only tests of the gallery need them
        **(env or {}),
    }
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=full_env, timeout=timeout)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project)


def make_project(
    root: Path,
    charters: Mapping[str, str] | None = None,
    *,
    config: Callable[[dict[str, Any]], None] | None = None,
    copy_charters: bool = False,
) -> Path:
    """A copy of the real site's project (docs, overrides, mkdocs.yml) with the given charters.

    ``charters`` maps file names to YAML text. ``config`` may edit the parsed mkdocs.yml.
    """
    project = root / "project"
    project.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, project / name, dirs_exist_ok=True)
    (project / "charters").mkdir(exist_ok=True)
    if copy_charters:
        for f in (REPO / "charters").glob("*.yml"):
            shutil.copy(f, project / "charters" / f.name)
    for name, text in (charters or {}).items():
        (project / "charters" / name).write_text(text, encoding="utf-8")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if config is not None:
        data = yaml.load(text, Loader=_EnvLoader)
        config(data)
        text = yaml.dump(data, sort_keys=False, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


class _EnvLoader(yaml.SafeLoader):
    """Keeps MkDocs' !ENV tags as they are when a test edits mkdocs.yml."""


def _env_constructor(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return _EnvTag(loader.construct_sequence(node))
    assert isinstance(node, yaml.ScalarNode)
    return _EnvTag(loader.construct_scalar(node))


class _EnvTag:
    def __init__(self, value: Any) -> None:
        self.value = value


def _env_representer(dumper: yaml.Dumper, data: _EnvTag) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence("!ENV", data.value, flow_style=True)
    return dumper.represent_scalar("!ENV", data.value)


_EnvLoader.add_constructor("!ENV", _env_constructor)
yaml.add_representer(_EnvTag, _env_representer)

SEED_SITE_URL = "https://example.org/charters-site/"
"""The address the real site is built for in tests: a sub-path, as a GitHub Pages project site has."""

MINIMAL = """\
title: A test charter
summary: A charter used in tests.
sector: Testing
source:
  title: A test document
credit: Text by the test suite.
sections:
  - title: Our principles
    kind: principles
    principles:
      - title: Listening
        themes: [listening]
        text:
          - We will listen to each other.
easy_read:
  sections:
    - heading: Our promise
      points:
        - text: We will listen to you.
          picture: material/ear-hearing
"""
"""A small valid charter, for tests that need one."""


THEME_IDS = list(load_themes())


SECTORS = [
    "Mental health",
    "Adult social care",
    "Children and families",
    "Learning disability",
    "Housing",
    "Public health",
    "Education",
]
"""The sectors of generated charters: distinct names, as the near-duplicate check wants."""


def generated_charters(n: int) -> dict[str, str]:
    """``n`` varied charters, as a network's would be: 7 sectors, up to 150 areas, dates over 11 years
    (every ninth undated), three principles each naming one to three themes, easy read on two in three.
    Build them with ``missing_easy_read: ignore`` (see :func:`ignore_missing_easy_read`)."""
    out = {}
    for i in range(n):
        lines = [
            f"title: Charter number {i}",
            f"summary: Charter {i}, generated for tests and benchmarks.",
            f"organisation: Organisation {i % 97}",
            f"area: Area {i % 150}",
            f"sector: {SECTORS[i % len(SECTORS)]}",
        ]
        if i % 9:
            lines.append(f"published: {2015 + i % 11}-{1 + i % 12:02d}")
        lines += [
            "source:",
            "  title: A generated document",
            f"credit: Text by organisation {i % 97}.",
            "sections:",
            "  - title: Our principles",
            "    kind: principles",
            "    principles:",
        ]
        for k in range(3):
            themes = sorted(
                {THEME_IDS[(i * (k + 1) + j * 5) % len(THEME_IDS)] for j in range(1 + (i + k) % 3)}
            )
            lines += [
                f"      - title: Principle {k + 1} of charter {i}",
                f"        themes: [{', '.join(themes)}]",
                "        text:",
                f"          - We will keep promise {k + 1}. We will tell people what changed.",
            ]
        if i % 3:
            lines += [
                "easy_read:",
                "  sections:",
                "    - heading: Our promise",
                "      points:",
                "        - text: We will listen to you.",
                "          picture: material/ear-hearing",
            ]
        out[f"c{i:04d}.yml"] = "\n".join(lines) + "\n"
    return out


def ignore_missing_easy_read(config: dict[str, Any]) -> None:
    """A ``make_project`` config edit: charters without easy read are expected, not warned about."""
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "charterkit/charters" in plugin:
            plugin["charterkit/charters"]["missing_easy_read"] = "ignore"


def write_charter(root: Path, name: str = "test-charter", text: str | bytes = MINIMAL) -> Path:
    """Write ``text`` as ``root/charters/NAME.yml`` (the folder made if needed); return the file's path."""
    folder = root / "charters"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name if name.endswith((".yml", ".yaml")) else f"{name}.yml")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(name="write_charter")
def write_charter_fixture() -> Callable[..., Path]:
    """:func:`write_charter`, for tests that take it as a fixture."""
    return write_charter


@pytest.fixture
def project_factory(tmp_path: Path) -> Callable[..., Path]:
    """Make a fixture project in tmp_path (see :func:`make_project`)."""

    def factory(charters: Mapping[str, str] | None = None, **kwargs: Any) -> Path:
        return make_project(tmp_path, charters, **kwargs)

    return factory


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A site with a charter full of injection payloads (tests/fixtures/payload-charter.yml) and one real
    charter, PDFs included, built once for the HTML, PDF and browser checks alike."""
    project = make_project(
        tmp_path_factory.mktemp("payload"),
        {
            "payload-charter.yml": (REPO / "tests" / "fixtures" / "payload-charter.yml").read_text(
                encoding="utf-8"
            ),
            "changing-futures-bristol.yml": (REPO / "charters" / "changing-futures-bristol.yml").read_text(
                encoding="utf-8"
            ),
        },
    )
    # Not strict: the payloads are far over the readability targets, which only warn. The address puts
    # the 404 page's links under the sub-path the browser tests serve from, as a real deployment would.
    result = run_build(
        project, strict=False, env={"CHARTERKIT_PDF": "1", "CHARTERKIT_SITE_URL": SEED_SITE_URL}
    )
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site (the five seed charters), built once per test session, PDFs included."""
    root = tmp_path_factory.mktemp("seed-site")
    project = make_project(root, copy_charters=True)
    # A site address with a sub-path, as on GitHub Pages: MkDocs needs it to link the 404 page's assets.
    result = run_build(
        project,
        env={"CHARTERKIT_PDF": "1", "CHARTERKIT_FORMATS": "1", "CHARTERKIT_SITE_URL": SEED_SITE_URL},
    )
    assert result.returncode == 0, result.output
    return result


class MemoryStore:
    """A store of kept results in memory (the build's is a database file), for tests of what is kept."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def read(self, key: str) -> bytes | None:
        return self.kept.get(key)

    def write(self, key: str, data: bytes) -> None:
        self.kept[key] = data
