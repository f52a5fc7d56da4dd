"""Python's garbage collector and the build: what a build or the preview keeps to its end stays out of the
collector's rounds, which at 1,000 charters cost seconds (each round goes through every object).

A serve rebuild once gave the collector back everything the preview's first build had set aside (the
page helper's end, though no helper ran), and a full round then cost 0.6 s of a 2 s rebuild.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest
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


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a pool needs two cores")
def test_a_pool_keeps_what_was_set_aside_before_it_and_gives_back_only_its_own(nothing_frozen: None) -> None:
    items = list(range(POOL_THRESHOLD + 1))
    assert parallel_map(_double, items, workers=2) == [n * 2 for n in items]
    assert gc.get_freeze_count() == 0  # nothing was set aside before: all given back
    gc.freeze()
    assert parallel_map(_double, items, workers=2) == [n * 2 for n in items]
    assert gc.get_freeze_count() > 0  # the preview's first build stays set aside


def test_the_collector_is_paused_only_while_many_lasting_objects_are_made() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failure inside")
    assert gc.isenabled()
