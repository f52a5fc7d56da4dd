"""Render PDFs in parallel, one process per core, and report progress and failures.

Each job writes straight to its cache file (atomically). Failures are collected, so one message names
every charter whose PDF could not be made.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .writer import RenderError, Written, write_pdf

__all__ = ["Failure", "Job", "JobsFailed", "Progress", "run_jobs", "worker_count"]


@dataclass(frozen=True)
class Job:
    """One PDF to render: its HTML, where to write it, and what to name in messages."""

    html: str
    target: Path
    base_url: str
    name: str
    """The site path of the PDF, for progress lines."""
    blame: str
    """The charter file (or "the booklet") named when the PDF fails."""
    kind: str


@dataclass(frozen=True)
class Failure:
    """A PDF that could not be made, and why."""

    job: Job
    reason: str


class JobsFailed(Exception):
    """Some PDFs could not be made."""

    def __init__(self, failures: Sequence[Failure]) -> None:
        self.failures = list(failures)
        super().__init__("; ".join(f"{f.job.blame}: {f.reason}" for f in failures))


Progress = Callable[[int, int, Job], None]
"""Called after each PDF is written with (number done, number to do, the job)."""


def worker_count(requested: int = 0) -> int:
    """``requested`` processes, or one per core when it is 0."""
    return requested if requested > 0 else (os.cpu_count() or 1)


def _render(job: Job) -> Written:
    # Runs in a worker process: return plain data, raise only RenderError (both pickle cleanly).
    return write_pdf(job.html, job.target, base_url=job.base_url)


def run_jobs(
    jobs: Sequence[Job], *, workers: int = 0, progress: Progress | None = None
) -> dict[Job, Written]:
    """Render every job and return what each gave (pages, warnings). Raises :class:`JobsFailed` naming
    every failed job once all have finished."""
    if not jobs:
        return {}
    # Biggest first, so the long booklet does not start last and keep the other cores idle.
    ordered = sorted(jobs, key=lambda j: len(j.html), reverse=True)
    n = min(worker_count(workers), len(ordered))
    results: dict[Job, Written] = {}
    failures: list[Failure] = []
    done = 0

    def finish(job: Job, written: Written | None, error: BaseException | None) -> None:
        nonlocal done
        if error is not None:
            failures.append(Failure(job, str(error) if isinstance(error, RenderError) else _describe(error)))
            return
        assert written is not None
        done += 1
        results[job] = written
        if progress is not None:
            progress(done, len(ordered), job)

    if n == 1:
        for job in ordered:
            try:
                finish(job, _render(job), None)
            except RenderError as exc:
                finish(job, None, exc)
    else:
        # "spawn" starts clean interpreters: forking a process that runs a web server (mkdocs serve)
        # or holds fontconfig state is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
            futures: dict[Future[Written], Job] = {pool.submit(_render, job): job for job in ordered}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in finished:
                    error = future.exception()
                    finish(futures[future], None if error else future.result(), error)
    if failures:
        order = {job: i for i, job in enumerate(jobs)}
        raise JobsFailed(sorted(failures, key=lambda f: order[f.job]))
    return results


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
