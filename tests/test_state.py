"""The state between builds: IncrementalState keeps it in .frontnews-cache/, NoState keeps nothing."""

from __future__ import annotations

import inspect

import pytest

from frontnews.content.sources import list_sources
from frontnews.incremental.state import IncrementalState, NoState, State
from frontnews.paths import CACHE_DIR
from sitefactory import article, build_site, read_tree


@pytest.mark.slow
def test_check_keeps_nothing_and_renders_every_page(make_site):
    root = make_site({"content/tin/a.md": article("Bài A"), "content/tin/b.md": article("Bài B")})
    checked = build_site(root, write=False)
    assert checked.ok and checked.rendered == checked.pages > 0
    assert not (root / CACHE_DIR).exists() and not (root / "public").exists()
    assert build_site(root).ok
    cache = read_tree(root / CACHE_DIR)
    again = build_site(root, write=False)
    assert again.ok and again.rendered == again.pages  # nothing of the build's cache is used
    assert read_tree(root / CACHE_DIR) == cache  # nor changed


def test_a_build_with_errors_keeps_its_articles_for_the_next(make_site):
    """The articles parsed are valid for their bytes whatever the build's outcome: once the error is
    fixed, the next build reads only the file that changed."""
    root = make_site({f"content/tin/a{k}.md": article(f"Bài {k}") for k in range(5)})
    (root / "content/tin/a4.md").write_text(article("Bài 4", date="31/02/2020"), encoding="utf-8")
    assert not build_site(root).ok
    (root / "content/tin/a4.md").write_text(article("Bài 4"), encoding="utf-8")
    with IncrementalState(root, root / "public", "") as state:
        listed = list_sources(root, state.file_digests)
        assert sorted(state.cached_articles(listed)) == [f"content/tin/a{k}.md" for k in range(4)]


def test_every_question_the_build_asks_has_a_null_answer():
    """What IncrementalState answers, State answers too (for NoState): `check` never meets a missing method."""

    def public(cls: type) -> set[str]:
        return {name for name, _ in inspect.getmembers(cls, callable) if not name.startswith("_")}

    assert public(IncrementalState) == public(State) == public(NoState)
    assert {"up_to_date", "cached_articles", "related_lists", "previous_fingerprints", "record"} <= public(State)
