"""Lists of every charter on pages of their own: the credits of charter texts and the "Easy read" page.
Every charter is on one of the pages, A to Z, and each page is small."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from charterkit.load.loader import load_charter
from charterkit.render.credits import CREDITS_PAGE_SIZE, credit_page_uri, render_credits
from charterkit.render.jinja import make_env
from charterkit.render.pager import pager_links, pager_numbers
from charterkit.render.pages import EASY_READ_PAGE_SIZE, render_easy_read_index

from tests.conftest import MINIMAL


def test_hundreds_of_charters_are_credited_on_pages_that_link_to_each_other(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    one = load_charter(write_charter(tmp_path, "alpha", MINIMAL), "charters/alpha.yml")
    n = CREDITS_PAGE_SIZE * 2 + 5
    charters = [
        dataclasses.replace(
            one, slug=f"c{i:04d}", charter=one.charter.model_copy(update={"title": f"Charter {i:04d}"})
        )
        for i in range(n)
    ]
    env = make_env([])

    def href(uri: str) -> str:
        return "/" + uri

    pages = [render_credits(env, charters, number, href, "charters") for number in (1, 2, 3)]
    credited = [re.findall(r'<li><a href="/charters/(c\d+)/index.md">', page) for page in pages]
    assert [len(c) for c in credited] == [CREDITS_PAGE_SIZE, CREDITS_PAGE_SIZE, 5]
    assert [slug for page in credited for slug in page] == [f"c{i:04d}" for i in range(n)]  # once, A to Z
    for number, page in enumerate(pages, 1):
        assert f"{n} charters, A to Z, on 3 pages" in page
        assert '<nav class="ck-pager" aria-label="Pages of this list">' in page
        assert f'<a href="/{credit_page_uri(number)}" aria-current="page">{number}</a>' in page
        assert len(page.encode()) < 60_000
    whole = render_credits(env, charters, 2, href, "charters", whole_page=True)
    assert "<h1 " in whole and "page 2 of 3" in whole and 'href="/credits.md"' in whole


def test_a_few_charters_are_credited_on_one_page_without_a_pager(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    one = load_charter(write_charter(tmp_path, "alpha", MINIMAL), "charters/alpha.yml")
    page = render_credits(make_env([]), [one], 1, lambda uri: "/" + uri, "charters")
    assert '<a href="/charters/alpha/index.md">A test charter</a>' in page
    assert "ck-pager" not in page


def test_the_easy_read_page_of_many_charters_is_in_pages_a_to_z(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    one = load_charter(write_charter(tmp_path, "alpha", MINIMAL), "charters/alpha.yml")
    n = EASY_READ_PAGE_SIZE * 2 + 1
    charters = [
        dataclasses.replace(
            one, slug=f"c{i:04d}", charter=one.charter.model_copy(update={"title": f"Charter {i:04d}"})
        )
        for i in range(n)
    ]
    listed = [(c, f"/charters/{c.slug}/") for c in charters]
    easy = {c.slug: f"/charters/{c.slug}/easy-read/" for c in charters[1:]}  # the first has none
    pager = [{"number": k, "href": f"/easy-read/{k}/", "current": k == 2} for k in (1, 2, 3)]
    pages = [render_easy_read_index(make_env([]), listed, easy, number, pager).html for number in (1, 2, 3)]
    shown = [re.findall(r'<li><a href="/charters/(c\d+)/', page) for page in pages]
    assert [len(s) for s in shown] == [EASY_READ_PAGE_SIZE, EASY_READ_PAGE_SIZE, 1]
    # Those in easy read first, A to Z, then the one without, with how to ask for it.
    assert [slug for page in shown for slug in page] == [f"c{i:04d}" for i in range(1, n)] + ["c0000"]
    assert "Not yet in easy read" in pages[2] and "Not yet in easy read" not in pages[0]
    assert '<nav class="ck-pager" aria-label="Pages of this list">' in pages[1]
    assert '<a href="/easy-read/2/" aria-current="page">2</a>' in pages[1]


def test_a_long_pager_links_the_first_last_current_and_nearby_pages() -> None:
    # A hundred links a page would be a hundred stops for a keyboard or a screen reader (and grow the site
    # with the square of its charters): the ends, the page and its neighbours, an ellipsis between.
    assert pager_numbers(5, 3) == [1, 2, 3, 4, 5]
    assert pager_numbers(7, 1) == [1, 2, 3, 4, 5, 6, 7]
    assert pager_numbers(100, 1) == [1, 2, None, 100]
    assert pager_numbers(100, 3) == [1, 2, 3, 4, None, 100]  # page 2 is shown: no ellipsis for one page
    assert pager_numbers(100, 50) == [1, None, 49, 50, 51, None, 100]
    assert pager_numbers(100, 100) == [1, None, 99, 100]
    for count in range(1, 60):
        for current in range(1, count + 1):
            shown = pager_numbers(count, current)
            numbers = [n for n in shown if n is not None]
            assert numbers == sorted(set(numbers)) and {1, current, count} <= set(numbers)
            assert {current - 1, current + 1} & set(range(1, count + 1)) <= set(numbers)  # previous, next
            assert len(shown) <= 9


def test_a_page_of_a_long_list_links_its_neighbours_and_both_ends(tmp_path: Path) -> None:
    env = make_env([])
    pager = pager_links(40, 20, lambda n: f"/credits/{n}/")
    html = env.get_template("charterkit/partials/pager.html").render(
        pager=pager, page={"number": 20, "count": 40}
    )
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)
    assert links == [
        ("/credits/19/", "Previous page"),
        ("/credits/1/", "1"),
        ("/credits/19/", "19"),
        ("/credits/20/", "20"),
        ("/credits/21/", "21"),
        ("/credits/40/", "40"),
        ("/credits/21/", "Next page"),
    ]
    assert html.count('<li class="ck-pager__gap">…</li>') == 2
    assert "Page 20 of 40" in html
    assert pager_links(1, 1, lambda n: "x") == []


def test_page_count_is_the_number_of_pages_paginate_makes() -> None:
    # The credits and the "Easy read" page count their pages without making them (their titles say
    # "page 2 of 3"): the count must be paginate's.
    from charterkit.compare.paging import page_count, paginate

    for per_page in (1, 3, 50, 300):
        for items in (0, 1, per_page - 1, per_page, per_page + 1, 7 * per_page + 2):
            assert page_count(items, per_page) == len(paginate(range(items), per_page)), (items, per_page)
