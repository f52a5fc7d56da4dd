"""Render PDFs in parallel, one process per core, and report progress and failures.

Each job writes straight to its cache file (atomically). Failures are collected, so one message names
every charter whose PDF could not be made.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from charterkit.pdf.writer import RenderError, Written, write_pdf
from charterkit.store import environment_fault, explain_os_error

__all__ = ["Failure", "Job", "JobsFailed", "Progress", "describe_error", "run_jobs", "worker_count"]


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
    environment: bool = False
    """True when the machine failed (a full disk, a read-only folder), not the charter."""


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
    # Runs in a worker process: returns plain data, and any exception is turned into a Failure by
    # run_jobs, whether it comes back from a worker or is raised in this process.
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
            failures.append(Failure(job, describe_error(error), environment_fault(error)))
            return
        assert written is not None
        done += 1
        results[job] = written
        if progress is not None:
            progress(done, len(ordered), job)

    if n == 1:
        _render_here(ordered, finish)
    else:
        _render_in_pool(ordered, n, finish)
    if failures:
        order = {job: i for i, job in enumerate(jobs)}
        raise JobsFailed(sorted(failures, key=lambda f: order[f.job]))
    return results


_Finish = Callable[[Job, Written | None, BaseException | None], None]


def _render_here(ordered: Sequence[Job], finish: _Finish) -> None:
    for job in ordered:
        try:
            written = _render(job)
        # The same as from a worker process: a failure of one PDF is reported with the others, by
        # charter, never as a traceback.
        except Exception as exc:
            finish(job, None, exc)
        else:
            finish(job, written, None)


def _render_in_pool(ordered: Sequence[Job], n: int, finish: _Finish) -> None:
    # "spawn" starts clean interpreters: forking a process that runs a web server (mkdocs serve)
    # or holds fontconfig state is unsafe.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
        futures: dict[Future[Written], Job] = {pool.submit(_render, job): job for job in ordered}
        pending = set(futures)
        while pending:
            # Each PDF as it finishes, so that progress lines come while the others render.
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                error = future.exception()
                finish(futures[future], None if error else future.result(), error)


def describe_error(error: BaseException) -> str:
    """An exception in one line: a :class:`RenderError`'s own words, a file that could not be read or
    written with its path, or the kind of error and its message."""
    if isinstance(error, RenderError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return explain_os_error(error)
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
