"""Load and score many charters, each only when its file (or what shapes its result) has changed.

The same results as :func:`charterkit.load.loader.load_charters` and
:func:`charterkit.readability.scoring.score_charter`, the same problems in the same order, but each
charter's result is kept (:mod:`charterkit.memo`) under a key of its file's bytes and name, and charters
not yet kept are done over every core.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from charterkit.errors import CharterError, Problem
from charterkit.load.loader import (
    RESERVED_SLUGS,
    LoadedCharter,
    _capped,
    _display,
    load_charter,
    slug_problems,
)
from charterkit.load.yamlsource import MAX_BYTES
from charterkit.memo import BytesStore, Memo, parallel_map
from charterkit.readability.scoring import CharterScores, Targets, score_charter

__all__ = ["load_charters_kept", "score_charters_kept"]

log = logging.getLogger("mkdocs.plugins.charterkit.kept")


def _read(path: Path) -> bytes | None:
    """The file's bytes when it can be kept at all: a normal file (not a link) of a charter's size."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _load_one(job: tuple[Path, str]) -> LoadedCharter | list[Problem]:
    path, display = job
    try:
        return load_charter(path, display)
    except CharterError as exc:
        return _capped(exc.problems)


def load_charters_kept(
    paths: Iterable[Path],
    *,
    base: Path | None = None,
    store: BytesStore | None = None,
    reserved: Collection[str] = RESERVED_SLUGS,
    workers: int = 0,
) -> list[LoadedCharter]:
    """Like ``load_charters``: every file loaded and checked, all problems raised together."""
    memo: Memo[LoadedCharter] = Memo("charter", store)
    results: dict[Path, LoadedCharter | list[Problem]] = {}
    keys: dict[Path, str] = {}
    todo: list[tuple[Path, str]] = []
    paths = list(paths)
    for path in paths:
        display = _display(path, base)
        data = _read(path)
        if data is not None:
            key = keys[path] = memo.key(display, data)
            kept = memo.get(key)
            if kept is not None:
                # The key names no folder: the file may be in another one now.
                results[path] = dataclasses.replace(kept, path=path)
                continue
        todo.append((path, display))
    for (path, _), result in zip(todo, parallel_map(_load_one, todo, workers=workers), strict=True):
        results[path] = result
        if isinstance(result, LoadedCharter) and path in keys:
            memo.put(keys[path], result)
    log.info(f"charterkit: {len(paths)} charters read, {memo.hits} of them kept from an earlier build")
    loaded = [r for p in paths if isinstance(r := results[p], LoadedCharter)]
    problems = [x for p in paths if not isinstance(r := results[p], LoadedCharter) for x in r]
    problems += slug_problems([(c.display_path, c.slug, c.slug_line) for c in loaded], reserved)
    if problems:
        raise CharterError(problems)
    return loaded


def _score_one(job: tuple[LoadedCharter, dict[str, Targets]]) -> CharterScores:
    return score_charter(*job)


def score_charters_kept(
    charters: Iterable[LoadedCharter],
    targets: Mapping[str, Targets],
    *,
    store: BytesStore | None = None,
    workers: int = 0,
) -> list[CharterScores]:
    """``score_charter`` for each charter, in order, each done once for its file and the targets."""
    memo: Memo[CharterScores] = Memo("scores", store)
    settings = repr(sorted(targets.items()))
    charters = list(charters)
    out: dict[int, CharterScores] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, item in enumerate(charters):
        data = _read(item.path)
        if data is not None:
            # The slug is in the result and may come from the file name, which the display path holds.
            key = keys[i] = memo.key(item.display_path, data, settings)
            kept = memo.get(key)
            if kept is not None:
                out[i] = kept
                continue
        todo.append(i)
    jobs = [(charters[i], dict(targets)) for i in todo]
    for i, result in zip(todo, parallel_map(_score_one, jobs, workers=workers), strict=True):
        out[i] = result
        if i in keys:
            memo.put(keys[i], result)
    log.info(f"charterkit: {len(charters)} charters scored, {memo.hits} of them kept from an earlier build")
    return [out[i] for i in range(len(charters))]
