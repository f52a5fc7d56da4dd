"""Python's garbage collector and the build: what a build or the preview keeps to its end stays out of the
collector's rounds, which at 1,000 charters cost seconds (each round goes through every object).

A serve rebuild once gave the collector back everything the preview's first build had set aside (the
page helper's end, though no helper ran), and a full round then cost 0.6 s of a 2 s rebuild.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from charterkit import memo
from charterkit.memo import POOL_THRESHOLD, collector_paused, parallel_map
from charterkit.mkdocs.charters.helper import PageHelper


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _double(n: int) -> int:
    return n * 2


def test_ending_a_page_helper_that_never_ran_leaves_what_the_preview_set_aside(nothing_frozen: None) -> None:
    gc.freeze()  # as the preview does after its first build
    before = gc.get_freeze_count()
    assert before > 0
    PageHelper(store=None).stop()
    assert gc.get_freeze_count() >= before


def test_a_pool_leaves_what_was_set_aside_before_it_as_it_was(nothing_frozen: None) -> None:
    items = list(range(POOL_THRESHOLD + 1))
    assert parallel_map(_double, items, workers=2) == [n * 2 for n in items]
    assert gc.get_freeze_count() == 0  # nothing was set aside before: what it set aside is given back
    gc.freeze()  # as the preview does after its first build
    before = gc.get_freeze_count()
    made_since = [[n] for n in range(5000)]  # a rebuild's objects, which must stay collectable
    assert parallel_map(_double, items, workers=2) == [n * 2 for n in items]
    assert gc.get_freeze_count() == before  # neither given back nor joined by what came since
    assert made_since


def _collector_on(_: int) -> bool:
    return gc.isenabled()


def test_workers_collect_their_own_garbage_while_this_process_pauses_its_collector() -> None:
    items = list(range(POOL_THRESHOLD + 1))
    with collector_paused():
        assert all(parallel_map(_collector_on, items, workers=2)[1:])  # the first is done here


def test_the_collector_is_paused_only_while_many_lasting_objects_are_made() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failure inside")
    assert gc.isenabled()
    gc.disable()  # one that was off stays off
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


FREED: list[str] = []


class _Cycle:
    """Garbage only the collector frees: it points at itself."""

    def __init__(self, name: str) -> None:
        self.me = self
        self.name = name

    def __del__(self) -> None:
        FREED.append(self.name)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    memo.hold_collector()  # cancels any pending round
    memo._cancel_idle()
    gc.enable()


def test_the_preview_collects_the_rebuilds_garbage_once_idle(collector_restored: None) -> None:
    memo.hold_collector()  # a rebuild starts: no round while it runs
    assert not gc.isenabled()
    FREED.clear()
    for n in range(50_000):  # far more than a round's threshold
        _Cycle(f"during {n}")
    assert not FREED
    memo.collect_when_idle(0.05)  # the rebuild ended: the page is shown, then the garbage goes
    time.sleep(0.5)
    assert len(FREED) == 50_000 and gc.isenabled()


def test_a_new_rebuild_before_the_idle_round_keeps_it_off_and_it_never_stays_off(
    collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo.hold_collector()
    memo.collect_when_idle(0.1)
    memo.hold_collector()  # the next save came first
    time.sleep(0.3)
    assert not gc.isenabled()
    monkeypatch.setattr(memo, "LONGEST_HOLD", 0.1)  # a rebuild that failed never says it ended
    memo.hold_collector()
    time.sleep(0.5)
    assert gc.isenabled()
