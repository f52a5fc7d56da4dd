"""Load and score charters, each only when its file (or what shapes its result) has changed.

The same results as :func:`charterkit.load.loader.load_charter` and
:func:`charterkit.readability.scoring.score_charter`, with the same problems, but each charter's result
is kept (:mod:`charterkit.memo`) under a key of its file's bytes and the name it is shown by, and
charters not yet kept are done over every core. :func:`charterkit.load.check.check_project` (the one
check the build and the commands run) calls these.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from charterkit.errors import CharterError
from charterkit.format.icons import IconSet
from charterkit.load.loader import LoadedCharter, load_charter
from charterkit.load.yamlsource import MAX_BYTES
from charterkit.memo import BytesStore, Memo, parallel_map
from charterkit.readability.scoring import CharterScores, Targets, score_charter

__all__ = ["load_each", "score_each"]

log = logging.getLogger("mkdocs.plugins.charterkit.kept")


def _read(path: Path) -> bytes | None:
    """The file's bytes when it can be kept at all: a normal file (not a link) of a charter's size."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _load_one(job: tuple[Path, str, IconSet | None]) -> LoadedCharter | CharterError:
    path, display, icons = job
    try:
        return load_charter(path, display, icons=icons)
    except CharterError as exc:
        return exc


def load_each(
    files: Sequence[tuple[Path, str]],
    *,
    icons: IconSet | None = None,
    store: BytesStore | None = None,
    workers: int = 0,
) -> list[LoadedCharter | CharterError]:
    """``load_charter`` of each (path, name shown) in order: the charter, or the error it raised."""
    memo: Memo[LoadedCharter] = Memo("charter", store)
    results: dict[int, LoadedCharter | CharterError] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, (path, display) in enumerate(files):
        data = _read(path)
        if data is not None:
            key = keys[i] = memo.key(display, data)
            kept = memo.get(key)
            if kept is not None:
                # The key names no folder: the file may be in another one now.
                results[i] = dataclasses.replace(kept, path=path, source=key)
                continue
        todo.append(i)
    jobs = [(files[i][0], files[i][1], icons) for i in todo]
    for i, result in zip(todo, parallel_map(_load_one, jobs, workers=workers), strict=True):
        results[i] = result
        if isinstance(result, LoadedCharter) and i in keys:
            memo.put(keys[i], result)
            results[i] = dataclasses.replace(result, source=keys[i])
    log.info(f"charterkit: {len(files)} charters read, {memo.hits} of them kept from an earlier build")
    return [results[i] for i in range(len(files))]


def _score_one(job: tuple[LoadedCharter, dict[str, Targets]]) -> CharterScores:
    return score_charter(*job)


def score_each(
    charters: Sequence[LoadedCharter],
    targets: Mapping[str, Targets],
    *,
    store: BytesStore | None = None,
    workers: int = 0,
) -> list[CharterScores]:
    """``score_charter`` for each charter, in order, each done once for its file and the targets."""
    memo: Memo[CharterScores] = Memo("scores", store)
    settings = repr(sorted(targets.items()))
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
