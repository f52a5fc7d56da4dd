"""The GitHub workflows and the pre-commit hook: valid, complete, and every command they run works here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from charterkit.cli import build_parser

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHELL_BUILTINS = {"echo", "cd", "export", "set", "test", "[", "true", "false", ":"}
OPERATORS = {"&&", "||", ";", "|", "&"}
REDIRECTS = {">", ">>", "<", "2>", "2>&1", "&>"}


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def _on(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key "on" as true.
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, dict):
        return triggers
    names: list[str] = [triggers] if isinstance(triggers, str) else list(triggers or [])
    return dict.fromkeys(names)


def _steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def _commands(script: str) -> Iterator[list[str]]:
    """Each simple command of a ``run:`` script, as words, without redirections."""
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        skip_next = False
        for token in lexer:
            if token in OPERATORS:
                if words:
                    yield words
                words = []
            elif token in REDIRECTS or token.endswith(">"):
                skip_next = True
            elif skip_next:
                skip_next = False
            else:
                words.append(token)
        if words:
            yield words


def _all_commands() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for _, step in _steps(_load(path.name)):
            if "run" in step:
                found += [(path.name, words) for words in _commands(step["run"])]
    return found


def test_there_are_the_two_workflows() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.y*ml")) == ["check.yml", "pages.yml"]


def test_pull_requests_are_checked_built_and_tested() -> None:
    wf = _load("check.yml")
    assert "pull_request" in _on(wf)
    assert wf["permissions"] == {"contents": "read"}  # a pull request from a fork can change nothing
    runs = [" ".join(words) for name, words in _all_commands() if name == "check.yml"]
    assert "charterkit check" in runs
    assert (
        "charterkit report" in runs
    )  # GITHUB_STEP_SUMMARY is set in Actions: the report becomes the summary
    assert "mkdocs build --strict" in runs
    assert "make test" in runs
    assert "make lint" in runs  # ruff check, ruff format --check, mypy over the package and the tests
    assert "properdocs build --strict" in runs  # the second engine (docs/engines.md)
    uses = [step.get("uses", "") for _, step in _steps(wf)]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    steps = [s for _, s in _steps(wf)]
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    preview = next(s for s in steps if s.get("id") == "preview")
    assert "--no-directory-urls" in preview["run"]  # opens from a folder, without a server
    assert artifact["with"]["path"].rstrip("/") == preview["run"].split("--site-dir ")[1]
    # The check comes before the build, so an editor reads plain messages first.
    order = [s.get("run", "") for s in steps]
    assert order.index("charterkit check") < order.index("mkdocs build --strict")


def test_default_branch_is_published_with_the_pages_actions() -> None:
    wf = _load("pages.yml")
    on = _on(wf)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"]["group"] == "pages"
    uses = [step.get("uses", "").split("@")[0] for _, step in _steps(wf)]
    for action in (
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses, action
    build = next(s for _, s in _steps(wf) if s.get("run") == "mkdocs build --strict")
    assert build["env"]["CHARTERKIT_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    deploy = wf["jobs"]["deploy"]
    assert _needs(deploy) == {"test", "build"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_only_the_deploy_job_may_write(name: str) -> None:
    """Least privilege: every job reads the repository; only pages.yml's deploy job writes, to Pages."""
    wf = _load(name)
    assert wf["permissions"] == {"contents": "read"}
    for job_name, job in wf["jobs"].items():
        granted = {**wf["permissions"], **job.get("permissions", {})}
        if (name, job_name) == ("pages.yml", "deploy"):
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
        else:
            assert "write" not in granted.values(), (name, job_name, granted)


def _needs(job: dict[str, Any]) -> set[str]:
    needs = job.get("needs", [])
    return {needs} if isinstance(needs, str) else set(needs)


def test_nothing_is_published_before_every_test_passes() -> None:
    """The accessibility statement says each build is tested before it is published: pages.yml makes it so."""
    wf = _load("pages.yml")
    jobs = wf["jobs"]
    assert "test" in _needs(jobs["build"]) and "test" in _needs(jobs["deploy"])
    assert "if" not in jobs["deploy"] and "if" not in jobs["build"]  # no way round a failed test
    test_job = jobs["test"]
    runs = [
        " ".join(words) for step in test_job["steps"] if "run" in step for words in _commands(step["run"])
    ]
    assert "charterkit check" in runs
    assert "make test" in runs
    assert runs.index("charterkit check") < runs.index("make test")
    assert not any(step.get("continue-on-error") for step in test_job["steps"])
    assert test_job["permissions"] == {"contents": "read"}
    # The same machine as a pull request's check, so the browser tests run (not skipped) in both.
    check = _load("check.yml")["jobs"]["check"]
    assert test_job["container"] == check["container"]

    # The README's path: make and git, then `make install` and `make test` install everything else
    # (scripts/system-deps), so CI fails when a fresh machine would.
    for job in (test_job, check):
        assert _apt_packages(job) == {"make", "git"}
        assert _runs(job).index("make install") < _runs(job).index("make test")


def _runs(job: dict[str, Any]) -> list[str]:
    return [" ".join(words) for step in job["steps"] if "run" in step for words in _commands(step["run"])]


def _apt_packages(job: dict[str, Any]) -> set[str]:
    return {
        word
        for words in (w.split() for w in _runs(job))
        if words[:2] == ["apt-get", "install"]
        for word in words[2:]
        if not word.startswith("-")
    }


DATE_STEP = "Date the build by the last commit"


@pytest.mark.parametrize(
    ("name", "job", "then"),
    [
        ("check.yml", "check", "mkdocs build --strict"),
        ("pages.yml", "build", "mkdocs build --strict"),
        ("pages.yml", "test", "make test"),
    ],
)
def test_builds_are_dated_by_the_last_commit(name: str, job: str, then: str) -> None:
    steps = _load(name)["jobs"][job]["steps"]
    names = [s.get("name", s.get("uses", "")) for s in steps]
    runs = [s.get("run", "") for s in steps]
    checkout = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout < names.index(DATE_STEP) < runs.index(then), names
    assert "SOURCE_DATE_EPOCH" in runs[names.index(DATE_STEP)]


def test_the_date_step_reads_the_last_commit(tmp_path: Path) -> None:
    """The step's script, run here: it writes the last commit's time to GITHUB_ENV for the later steps."""
    script = next(s["run"] for _, s in _steps(_load("pages.yml")) if s.get("name") == DATE_STEP)
    github_env = tmp_path / "github_env"
    # A throwaway global git config, so the test does not change the developer's own.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GITHUB_WORKSPACE": str(REPO),
        "GITHUB_ENV": str(github_env),
    }
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=REPO, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    last = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True, env=env
    ).stdout.strip()
    assert last.isdigit()
    assert github_env.read_text(encoding="utf-8") == f"SOURCE_DATE_EPOCH={last}\n"
    assert str(REPO) in (tmp_path / "gitconfig").read_text(encoding="utf-8")


def test_mkdocs_reads_the_site_url_from_the_environment() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[CHARTERKIT_SITE_URL, .*\]$", config, re.M)


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_actions_are_pinned_and_step_ids_exist(name: str) -> None:
    wf = _load(name)
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for job_name, job in wf["jobs"].items():
        ids = {s["id"] for s in job.get("steps", []) if "id" in s}
        job_text = yaml.safe_dump(job)
        for ref in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", job_text):
            assert ref in ids, f"{name}: job {job_name} refers to a step id {ref!r} it does not have"
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "run" in step:
                # Expressions in scripts invite injection: values come in through env instead.
                assert "${{" not in step["run"], step["run"]
    assert "\t" not in text


# Current major versions, on the Node 24 runtime (or composite). Dependabot proposes newer ones.
MAJORS = {
    "actions/checkout": "v7",
    "actions/cache": "v5",
    "actions/upload-artifact": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}
USES = re.compile(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+)(?:\.\d+){0,2}")


def test_actions_are_pinned_to_a_sha_with_the_tag_in_a_comment() -> None:
    pins: dict[str, set[str]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" not in line:
                continue
            found = USES.fullmatch(line)
            assert found, f"{path.name}: {line.strip()}"
            action, sha, major = found.groups()
            assert MAJORS.get(action) == major, (path.name, action, major)
            pins.setdefault(action, set()).add(sha)
    assert set(pins) == set(MAJORS)
    assert all(len(shas) == 1 for shas in pins.values()), pins  # one version of each action everywhere


def _cache_keys(job: dict[str, Any]) -> dict[str, str]:
    return {
        str(s["with"]["path"]): str(s["with"]["key"])
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/cache@")
    }


@pytest.mark.parametrize(
    ("name", "job"),
    [
        ("check.yml", "lint"),
        ("check.yml", "check"),
        ("check.yml", "properdocs"),
        ("pages.yml", "test"),
        ("pages.yml", "build"),
    ],
)
def test_jobs_cache_what_they_download(name: str, job: str) -> None:
    steps = _load(name)["jobs"][job]
    keys = _cache_keys(steps)
    runs = _runs(steps)
    # pip's downloads, keyed on the exact versions.
    assert "hashFiles('constraints.txt')" in keys["~/.cache/pip"]
    if "make install" in runs:  # npm ci, for axe-core
        assert "hashFiles('package-lock.json')" in keys["~/.npm"]
    if any(r.startswith(("mkdocs build", "properdocs build")) for r in runs):  # PDFs, cached by content
        assert keys[".cache/"].startswith("pdf-")
    # Caches are restored before anything is installed.
    order = [s.get("uses", s.get("run", "")) for s in steps["steps"]]
    first_make = next(i for i, r in enumerate(order) if r.startswith("make"))
    assert max(i for i, u in enumerate(order) if u.startswith("actions/cache@")) < first_make


def test_dependabot_updates_actions_and_python_packages() -> None:
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"github-actions", "pip"}
    assert all(u["directory"] == "/" for u in config["updates"])


def test_a_council_with_another_default_branch_is_told_what_to_change() -> None:
    assert "Default branch not called main?" in (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    docs = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert "default branch is not called `main`" in docs


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):", text, re.M))


def _installed(package: str) -> bool:
    if shutil.which(package):
        return True
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return proc.returncode == 0 and "install ok installed" in proc.stdout


@pytest.mark.parametrize(
    ("workflow", "words"), _all_commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_every_command_exists_here(workflow: str, words: list[str]) -> None:
    command, args = words[0], words[1:]
    if command in SHELL_BUILTINS:
        return
    if command == "make":
        for target in (a for a in args if not a.startswith("-")):
            assert target in _make_targets(), f"make {target}: no such target in the Makefile"
            assert subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True).returncode == 0
    elif command == "charterkit":
        build_parser().parse_args(args)  # exits (fails the test) on an unknown option
        help_run = subprocess.run(
            [str(BIN / "charterkit"), args[0], "--help"], capture_output=True, text=True
        )
        assert help_run.returncode == 0, help_run.stderr
    elif command == "mkdocs":
        help_text = subprocess.run(
            [str(BIN / "mkdocs"), args[0], "--help"], capture_output=True, text=True
        ).stdout
        for flag in (a.split("=")[0] for a in args[1:] if a.startswith("-")):
            assert flag in help_text, f"mkdocs {args[0]}: no option {flag}"
    elif command == "apt-get":
        if args and args[0] == "install":
            for package in (a for a in args[1:] if not a.startswith("-")):
                assert _installed(package), f"{package} is not installed here"
    elif command.endswith("python") or command.startswith("python"):
        if args[:1] == ["-m"]:
            module = args[1]
            assert subprocess.run([sys.executable, "-c", f"import {module}"]).returncode == 0, module
            if module == "pip" and "-c" in args:
                assert (REPO / args[args.index("-c") + 1]).is_file()
            if module == "pip" and "-e" in args:
                assert (REPO / args[args.index("-e") + 1] / "pyproject.toml").is_file()
    else:
        assert shutil.which(command) or (REPO / command).exists() or (BIN / command).exists(), command


def test_cheap_commands_really_run(tmp_path: Path) -> None:
    """The charterkit commands of the workflows, run here against the repository."""
    env_bin = str(BIN / "charterkit")
    check = subprocess.run(
        [env_bin, "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": str(BIN) + ":/usr/bin:/bin", "GITHUB_ACTIONS": "true"},
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "::error" not in check.stdout
    summary = tmp_path / "summary.md"
    report = subprocess.run(
        [env_bin, "report"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": str(BIN) + ":/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert report.returncode == 0, report.stderr
    assert summary.read_text(encoding="utf-8").startswith("# Readability report")
    schema = subprocess.run([env_bin, "schema", "--check"], cwd=REPO, capture_output=True, text=True)
    assert schema.returncode == 0, schema.stdout


def test_pre_commit_hook_runs_the_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    assert hook["id"] == "charterkit-check"
    assert hook["entry"] == "charterkit check"
    files = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    assert files.search("charters/north-somerset.yml") and files.search("charters/x.yaml")
    assert not files.search("docs/index.md") and not files.search("mkdocs.yml")
    assert exclude.search("charters/_draft.yml")
    # As pre-commit runs it: the entry, then the changed files that match.
    changed = [p.relative_to(REPO).as_posix() for p in sorted((REPO / "charters").glob("*.yml"))]
    entry = shlex.split(hook["entry"])
    proc = subprocess.run(
        [str(BIN / entry[0]), *entry[1:], *changed], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout

    # Lint before each commit, as `make lint` and the pull request's lint job do.
    lint = {h["id"]: h for h in config["repos"][0]["hooks"][1:]}
    assert lint["ruff-check"]["entry"] == "ruff check"
    assert lint["ruff-format"]["entry"] == "ruff format --check"
    assert lint["mypy"]["entry"] == "bash -c 'mypy && mypy tests'"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for command in ("ruff check", "ruff format --check", "mypy\n", "mypy tests"):
        assert f"$(BIN)/{command}" in makefile, command

    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in published] == ["charterkit-check"]
    assert published[0]["entry"] == hook["entry"] and published[0]["files"] == hook["files"]
    assert published[0]["language"] == "python"  # installs this package into the hook's environment
