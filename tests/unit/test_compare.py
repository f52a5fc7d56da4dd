"""The core of finding and comparing: paging, facets, theme anchors and similar charters (no MkDocs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.compare.catalogue import NOT_STATED, catalogue, facet, similar_charters
from charterkit.compare.paging import page_dir, paginate
from charterkit.format.rules import is_slug
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter, find_charter_files, load_charters
from charterkit.load.prepared import load_each
from charterkit.render.findplan import FindPlan
from charterkit.render.pages import RESERVED_IDS

from tests.conftest import REPO, generated_charters


def _load(tmp_path: Path, charters: dict[str, str]) -> list[LoadedCharter]:
    folder = tmp_path / "charters"
    folder.mkdir()
    for name, text in charters.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_charters(find_charter_files(folder), base=tmp_path)


@pytest.fixture(scope="module")
def seeds() -> list[LoadedCharter]:
    return load_charters(find_charter_files(REPO / "charters"), base=REPO)


def test_pages_hold_at_most_the_limit_and_lose_nothing() -> None:
    pages = paginate(list(range(123)), 50)
    assert [len(p.items) for p in pages] == [50, 50, 23]
    assert [p.number for p in pages] == [1, 2, 3] and {p.count for p in pages} == {3}
    assert (pages[1].first, pages[1].last, pages[1].total) == (51, 100, 123)
    assert [i for p in pages for i in p.items] == list(range(123))


def test_a_page_also_closes_at_its_weight_budget() -> None:
    pages = paginate([10, 10, 10, 50, 5], 50, weight=lambda w: w, budget=30)
    assert [list(p.items) for p in pages] == [[10, 10, 10], [50], [5]]


def test_an_empty_list_has_one_empty_page() -> None:
    empty: list[int] = []
    (only,) = paginate(empty, 50)
    assert only.items == [] and only.count == 1


def test_page_addresses() -> None:
    assert page_dir("charters/themes/payment", 1) == "charters/themes/payment"
    assert page_dir("charters/themes/payment", 3) == "charters/themes/payment/page-3"


def test_facets_group_every_charter_once(tmp_path: Path) -> None:
    entries = catalogue(_load(tmp_path, generated_charters(40)))
    for key in ("sector", "area", "year"):
        f = facet(entries, key)
        slugs = [e.slug for v in f.values for e in v.entries]
        assert sorted(slugs) == sorted(e.slug for e in entries), key
    years = [v.label for v in facet(entries, "year").values]
    assert years[-1] == NOT_STATED and years[:-1] == sorted(years[:-1], reverse=True)
    (easy,) = facet(entries, "easy-read").values
    assert {e.slug for e in easy.entries} == {e.slug for e in entries if e.charter.easy_read}


def test_principle_anchors_are_the_charter_pages_anchors(seeds: list[LoadedCharter]) -> None:
    entries = {e.slug: e for e in catalogue(seeds, RESERVED_IDS)}
    glos = entries["gloucestershire-collaborative-partnership-board"]
    trust = glos.under("trust")
    assert trust and trust[0].id == "trust-and-respect"
    order = list(load_themes())
    assert list(glos.themes) == sorted(glos.themes, key=order.index)  # in the themes list's order
    assert "trust" in glos.themes


def test_similar_charters_share_the_most_themes(tmp_path: Path) -> None:
    def charter(title: str, themes: list[str]) -> str:
        principles = "".join(
            f"      - title: P{i}\n        themes: [{t}]\n        text: [Text.]\n"
            for i, t in enumerate(themes)
        )
        return (
            f"title: {title}\nsummary: S.\nsource:\n  title: D\ncredit: C.\nsections:\n"
            f"  - title: Principles\n    kind: principles\n    principles:\n{principles}"
        )

    loaded = _load(
        tmp_path,
        {
            "a.yml": charter("A", ["trust", "payment", "listening"]),
            "b.yml": charter("B", ["trust", "payment"]),
            "c.yml": charter("C", ["trust", "payment", "listening", "safety", "culture"]),
            "d.yml": charter("D", ["trust"]),
            "e.yml": charter("E", ["resources"]),
        },
    )
    similar = similar_charters(catalogue(loaded), limit=3)
    # C shares three themes with A, B two, D one; E shares none and is never listed.
    assert [(s.entry.slug, s.shared) for s in similar["a"]] == [
        ("c", ("trust", "listening", "payment")),
        ("b", ("trust", "payment")),
        ("d", ("trust",)),
    ]
    assert similar["e"] == []
    # Equal shares: the closer match (fewer themes not shared) first.
    assert [s.entry.slug for s in similar["d"]] == ["b", "a", "c"]


def test_facet_addresses_keep_to_the_slug_pattern(tmp_path: Path) -> None:
    payload = "<script>window.__pwned=1</script> Mental_health"
    text = generated_charters(1)["c0000.yml"].replace("sector: Mental health", f'sector: "{payload}"')
    (value,) = facet(catalogue(_load(tmp_path, {"c.yml": text})), "sector").values
    assert value.label == payload
    assert is_slug(value.slug), value.slug


def _plan_shape(plan: FindPlan) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Each planned page: its address, title, kind and what it lists, in order."""
    return [
        (
            p.uri,
            p.title,
            p.kind,
            tuple(str(getattr(x, "slug", x)) for x in p.paged.items) if p.paged else (),
        )
        for p in plan.plan()
    ]


def test_a_plan_made_again_after_an_edit_is_the_plan_made_afresh(tmp_path: Path) -> None:
    """What the preview (mkdocs serve) does after an editor saves one charter: the new plan reuses the
    work done on the charters that did not change, and plans the same pages, listing the same
    charters, as a plan made from nothing."""
    folder = tmp_path / "charters"
    folder.mkdir()
    for name, text in generated_charters(60).items():
        (folder / name).write_text(text, encoding="utf-8")
    paths = sorted(folder.glob("*.yml"))

    def read() -> list[LoadedCharter]:
        loaded = load_each([(p, f"charters/{p.name}") for p in paths])  # as every build reads them
        assert all(isinstance(item, LoadedCharter) for item in loaded)
        return [item for item in loaded if isinstance(item, LoadedCharter)]

    before = FindPlan(read())
    edited = next(p for p in paths if "title: Charter number 0\n" in p.read_text(encoding="utf-8"))
    text = edited.read_text(encoding="utf-8").replace("title: Charter number 0\n", "title: Zebra charter\n")
    edited.write_text(text.replace("themes: [", "themes: [payment, ", 1), encoding="utf-8")
    charters = read()
    kept, fresh = FindPlan(charters, previous=before), FindPlan(charters)

    assert _plan_shape(kept) == _plan_shape(fresh)
    assert _plan_shape(kept) != _plan_shape(before)  # the edit moved it to the end of A to Z
    assert [e.principles for e in kept.entries] == [e.principles for e in fresh.entries]
    slug = next(e.slug for e in kept.entries if e.charter.title == "Zebra charter")
    assert "payment" in kept.by_slug[slug].themes
    assert {s: [(x.entry.slug, x.shared) for x in v] for s, v in kept.similar.items()} == {
        s: [(x.entry.slug, x.shared) for x in v] for s, v in fresh.similar.items()
    }
