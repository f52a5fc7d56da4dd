"""Load and score charters, each only when its file (or what shapes its result) has changed.

The same results as :func:`charterkit.load.loader.load_charter` and
:func:`charterkit.readability.scoring.score_charter`, with the same problems, but each charter's result
is kept (:mod:`charterkit.memo`) under a key of its file's bytes and the name it is shown by (and the
targets, for scores), and charters not yet kept are done over every core, each loaded and scored in one
piece of work. :func:`charterkit.load.check.check_project` (the one check the build and the commands run)
calls :func:`prepare_each`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from charterkit.errors import CharterError
from charterkit.format.icons import IconSet
from charterkit.load.loader import LoadedCharter, load_charter, ready_to_check
from charterkit.load.yamlsource import MAX_BYTES
from charterkit.memo import BytesStore, Memo, collector_paused, parallel_map
from charterkit.readability.scoring import CharterScores, Targets, score_charter
from charterkit.readability.text import ready_to_score

__all__ = ["Prepared", "load_each", "prepare_each"]

log = logging.getLogger("mkdocs.plugins.charterkit.kept")


def _read(path: Path) -> bytes | None:
    """The file's bytes when it can be kept at all: a normal file (not a link) of a charter's size."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


Prepared = tuple[LoadedCharter | CharterError, CharterScores | None]
"""A charter file's loading (the charter, or the error it raised) and its scores (None: not scored)."""

_Job = tuple[Path, str, IconSet | None, LoadedCharter | None, dict[str, Targets] | None]


def _prepare_one(job: _Job) -> tuple[LoadedCharter | CharterError | None, CharterScores | None]:
    """Load the file (unless its charter is given) and score it (when targets are given). The charter
    given is not sent back: the caller has it."""
    path, display, icons, kept, targets = job
    loaded: LoadedCharter | CharterError
    if kept is None:
        try:
            loaded = load_charter(path, display, icons=icons)
        except CharterError as exc:
            return exc, None
    else:
        loaded = kept
    scores = score_charter(loaded, targets) if targets is not None else None
    return (loaded if kept is None else None), scores


def load_each(
    files: Sequence[tuple[Path, str]],
    *,
    icons: IconSet | None = None,
    store: BytesStore | None = None,
    workers: int = 0,
) -> list[LoadedCharter | CharterError]:
    """``load_charter`` of each (path, name shown) in order: the charter, or the error it raised."""
    return [loaded for loaded, _ in prepare_each(files, icons=icons, store=store, workers=workers)]


def prepare_each(
    files: Sequence[tuple[Path, str]],
    targets: Mapping[str, Targets] | None = None,
    *,
    scored: Sequence[bool] | None = None,
    icons: IconSet | None = None,
    store: BytesStore | None = None,
    workers: int = 0,
) -> list[Prepared]:
    """``load_charter`` of each (path, name shown) in order, and, with ``targets``, ``score_charter`` of
    each charter loaded (of those ``scored`` says, by place; default all).

    Loading and scoring a charter not yet kept are one piece of work, done on one core: a charter is
    neither sent to a worker nor back again between the two."""
    batch = _Batch(store, targets)
    jobs: dict[int, _Job] = {}
    with collector_paused():  # every charter read back, or sent back by a worker, lives to the end
        for i, (path, display) in enumerate(files):
            job = batch.look_up(
                i, path, display, icons, wanted=targets is not None and (scored is None or scored[i])
            )
            if job is not None:
                jobs[i] = job
        order = list(jobs)
        if any(job[3] is None for job in jobs.values()):
            ready_to_check()
        if any(job[4] is not None for job in jobs.values()):
            ready_to_score()
        for i, made in zip(
            order, parallel_map(_prepare_one, [jobs[i] for i in order], workers=workers), strict=True
        ):
            batch.take(i, *made)
    log.info(
        f"charterkit: {len(files)} charters read, {batch.charters.hits} of them kept from an earlier build"
    )
    if targets is not None:
        log.info(
            f"charterkit: {len(batch.scored)} charters scored, "
            f"{batch.scores.hits} of them kept from an earlier build"
        )
    return [(batch.loaded[i], batch.scored.get(i)) for i in range(len(files))]


class _Batch:
    """The kept results of one :func:`prepare_each`, and those made."""

    def __init__(self, store: BytesStore | None, targets: Mapping[str, Targets] | None) -> None:
        self.charters: Memo[LoadedCharter] = Memo("charter", store)
        self.scores: Memo[CharterScores] = Memo("scores", store)
        self.targets = dict(targets) if targets is not None else None
        self.settings = repr(sorted(targets.items())) if targets is not None else ""
        self.loaded: dict[int, LoadedCharter | CharterError] = {}
        self.scored: dict[int, CharterScores] = {}
        self.keys: dict[int, tuple[str, str]] = {}

    def look_up(
        self, i: int, path: Path, display: str, icons: IconSet | None, *, wanted: bool
    ) -> _Job | None:
        """Take file ``i``'s kept charter (and scores, when ``wanted``); the work left to do, or None."""
        data = _read(path)
        kept: LoadedCharter | None = None
        if data is not None:
            key = self.charters.key(display, data)
            self.keys[i] = (key, self.scores.key(display, data, self.settings) if wanted else "")
            kept = self.charters.get(key)
            if kept is not None:
                # The key names no folder: the file may be in another one now.
                self.loaded[i] = kept = dataclasses.replace(kept, path=path, source=key)
                kept_scores = self.scores.get(self.keys[i][1]) if wanted else None
                if kept_scores is not None:
                    self.scored[i] = kept_scores
                if kept_scores is not None or not wanted:
                    return None
        return (path, display, icons, kept, self.targets if wanted else None)

    def take(
        self, i: int, charter: LoadedCharter | CharterError | None, scores: CharterScores | None
    ) -> None:
        """Keep what a worker made for file ``i`` (``charter`` None: it was kept already)."""
        keys = self.keys.get(i)
        if charter is not None:
            self.loaded[i] = charter
            if isinstance(charter, LoadedCharter) and keys is not None:
                self.charters.put(keys[0], charter)
                self.loaded[i] = dataclasses.replace(charter, source=keys[0])
        if scores is not None:
            self.scored[i] = scores
            if keys is not None:
                self.scores.put(keys[1], scores)
