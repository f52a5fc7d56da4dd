"""The project's settings, read from ``mkdocs.yml`` without building the site (and without MkDocs).

``charterkit check`` and ``charterkit report`` must apply the same readability targets and the same
charters folder as the build, so they read them from the plugins' settings in ``mkdocs.yml``. MkDocs is
not needed for this: the file is read with a YAML loader that accepts MkDocs' tags (``!ENV``,
``!relative``, ``!!python/name:``). The targets are checked by :mod:`charterkit.load.targets`, as the
build's options are.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charterkit.load.targets import TargetError, targets_from
from charterkit.pdf.coverage import FONT_SUFFIXES
from charterkit.readability.scoring import DEFAULT_TARGETS, Targets
from charterkit.switch import SwitchError, formats_wanted, pdfs_wanted

__all__ = ["CONFIG_NAMES", "Project", "UsageError", "find_config", "load_project", "read_mkdocs_yml"]

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class UsageError(Exception):
    """The project cannot be read as asked (a missing file, a broken setting): the command's exit code 2."""


@dataclass(frozen=True)
class Project:
    """Where the charters are and how they are checked."""

    root: Path
    """The folder of ``mkdocs.yml`` (or the current folder when there is none)."""
    config_file: Path | None
    charters_dir: Path
    targets: dict[str, Targets] | None = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    """``None`` when the site does not use ``charterkit/readability``: the build checks no targets."""
    missing_easy_read: str = "warn"
    """As ``charterkit/charters``' option: ``warn`` makes a charter with no easy read a problem."""
    print_fonts: tuple[Path, ...] = ()
    """Font files the site adds to its PDFs (in ``<theme custom_dir>/charterkit/print/``)."""
    braille: bool = False
    """Whether the build makes braille files (``charterkit/formats`` listed, on, with ``brf``), so that a
    character the braille tables cannot translate is a problem, as it is in the build."""
    pdfs: bool = False
    """Whether the build makes PDFs (``charterkit/pdf`` listed and not switched off), so that a letter no
    PDF font has is a problem, as it is in the strict build."""


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' custom tags as plain values (``!ENV`` resolved as MkDocs does)."""


def _env(loader: _TolerantLoader, node: yaml.Node) -> Any:
    # !ENV VAR or !ENV [VAR, OTHER_VAR, default]: the first variable that is set, else the last item.
    if isinstance(node, yaml.SequenceNode):
        items = [loader.construct_object(n, deep=True) for n in node.value]
    else:
        items = [loader.construct_scalar(node)]  # type: ignore[arg-type]
    names, default = (items, None) if len(items) == 1 else (items[:-1], items[-1])
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        both_dicts = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both_dicts else value
    return out


def read_mkdocs_yml(path: Path, _seen: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data, following ``INHERIT:`` as MkDocs does."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # a SafeLoader subclass
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: is not saved as UTF-8 text.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise UsageError(f"{where}: this is not valid YAML ({getattr(exc, 'problem', exc)}).") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: expected settings (name: value), found something else.")
    data: dict[str, Any] = raw
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in _seen:
            raise UsageError(f"{path}: INHERIT goes round in a circle.")
        data = _merge(read_mkdocs_yml(parent_path, _seen | {path.resolve()}), data)
    return data


def find_config(start: Path) -> Path | None:
    """``mkdocs.yml`` in ``start`` or the nearest folder above it, as ``git`` finds its repository."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _plugins(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = data.get("plugins") or []
    out: dict[str, dict[str, Any]] = {}
    items = (
        raw.items()
        if isinstance(raw, dict)
        else (
            (item, None) if isinstance(item, str) else next(iter(item.items()), ("", None))
            for item in raw
            if isinstance(item, str | dict)
        )
    )
    for name, options in items:
        out[str(name)] = options if isinstance(options, dict) else {}
    return out


def _targets(options: dict[str, Any], where: str) -> dict[str, Targets]:
    try:
        return targets_from(options)
    except TargetError as exc:
        raise UsageError(f"{where}.{exc}") from None


def _print_fonts(root: Path, data: dict[str, Any]) -> tuple[Path, ...]:
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str):
        return ()
    folder = root / custom / "charterkit" / "print"
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.is_file()))


def not_a_file(path: Path) -> str:
    """Why ``path`` cannot be read as a file (missing, a folder, a device, a pipe), or "" when it can."""
    if not str(path):
        return "an empty name."
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file."
    except OSError as exc:
        return f"cannot be read ({exc.strerror})."
    if stat.S_ISDIR(mode):
        return "is a folder, not a file."
    if not stat.S_ISREG(mode):
        return "is not a normal file (a device, a pipe or a socket)."
    return ""


def load_project(config_file: str | None = None, *, cwd: Path | None = None) -> Project:
    """The project around ``cwd`` (or of ``config_file``); without ``mkdocs.yml``, ``./charters`` with the
    default targets."""
    here = cwd or Path.cwd()
    if config_file:
        path = Path(config_file)
        problem = not_a_file(path)
        if problem:
            raise UsageError(f"--config-file {config_file}: {problem} Give the site's mkdocs.yml.")
    else:
        found = find_config(here)
        if found is None:
            return Project(root=here, config_file=None, charters_dir=here / "charters")
        path = found
    data = read_mkdocs_yml(path)
    plugins = _plugins(data)
    name = path.name
    charters = plugins.get("charterkit/charters", {})
    charters_dir = charters.get("charters_dir", "charters")
    if not isinstance(charters_dir, str):
        raise UsageError(f"{name}: plugins.charterkit/charters.charters_dir: expected a folder name.")
    readability = plugins.get("charterkit/readability")
    targets = (
        None if readability is None else _targets(readability, f"{name}: plugins.charterkit/readability")
    )
    missing = charters.get("missing_easy_read", "warn")
    pdf = plugins.get("charterkit/pdf")
    try:
        pdfs = pdf is not None and pdfs_wanted("check", pdf.get("enabled", True) is not False, os.environ)
    except SwitchError as exc:
        raise UsageError(str(exc)) from None
    formats = plugins.get("charterkit/formats")
    try:
        braille = (
            formats is not None
            and formats_wanted("check", formats.get("enabled", True) is not False, os.environ)
            and "brf" in (formats.get("formats") or ["brf"])
        )
    except SwitchError as exc:
        raise UsageError(str(exc)) from None
    return Project(
        root=path.parent,
        config_file=path,
        charters_dir=path.parent / charters_dir,
        targets=targets,
        missing_easy_read=str(missing),
        pdfs=pdfs,
        braille=braille,
        print_fonts=_print_fonts(path.parent, data),
    )
