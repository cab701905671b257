"""Crawl the built site: every internal link, image, stylesheet and script resolves to a built file,
every #fragment to an element, nothing is loaded from another host, and every page can be reached."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow  # builds the whole example site, then crawls it (no tool beyond pip)


def all_refs(site):
    return [ref for url in site.pages for ref in site.refs(url)] + site.css_refs()


def test_the_crawl_finds_pages_links_images_and_a_stylesheet(site):
    refs = all_refs(site)
    assert len(site.pages) > 1 and site.article_pages
    assert any(r.tag == "a" for r in refs) and any(r.tag == "img" for r in refs)
    assert any(r.tag == "link" and "stylesheet" in r.rel for r in refs)


def test_no_internal_link_image_stylesheet_or_script_is_broken(site):
    broken = [
        f"{r.page}: <{r.tag} {r.attr}={r.value!r}>"
        for r in all_refs(site)
        if (target := site.local_path(r.value, r.page)) is not None and not site.file_for(target)
    ]
    assert not broken, f"{len(broken)} broken references:\n" + "\n".join(sorted(set(broken)))


def test_every_fragment_names_an_element_of_its_page(site):
    broken = []
    for r in all_refs(site):
        target, fragment = site.local_path(r.value, r.page), urlsplit(r.value).fragment
        if not fragment or target not in site.pages:
            continue
        if not site.doc(target).xpath("//*[@id=$f] | //a[@name=$f]", f=fragment):
            broken.append(f"{r.page}: <{r.tag} {r.attr}={r.value!r}>: {target} has no id {fragment!r}")
    assert not broken, "\n".join(sorted(set(broken)))


def test_no_asset_is_loaded_from_another_host(site):
    """Images, stylesheets, scripts, icons and fonts come from the site itself, by relative or
    root-relative URL (an absolute one would load from the live site during a preview)."""
    outside = [
        f"{r.page}: <{r.tag} {r.attr}={r.value!r}>"
        for r in all_refs(site)
        if r.is_asset and (urlsplit(r.value).netloc or urlsplit(r.value).scheme not in ("", "data"))
    ]
    assert not outside, "\n".join(sorted(set(outside)))


def test_every_page_can_be_reached_from_the_home_page(site):
    home = site.base_path + "/"
    reached, queue = {home}, [home]
    while queue:
        url = queue.pop()
        for r in site.refs(url):
            target = site.local_path(r.value, url) if r.tag == "a" else None
            if target in site.pages and target not in reached:
                reached.add(target)
                queue.append(target)
    hidden = {url for url in site.pages if "noindex" in (site.meta(url, "robots") or "")}
    orphans = sorted(set(site.pages) - reached - hidden)
    assert not orphans, "no link leads to:\n" + "\n".join(orphans)


def test_every_indexable_page_names_itself_as_canonical(site):
    wrong = []
    for url in site.pages:
        if "noindex" in (site.meta(url, "robots") or ""):
            continue
        canonical = site.doc(url).xpath("//head/link[@rel='canonical']/@href")
        if canonical != [site.absolute(url)]:
            wrong.append(f"{url}: canonical {canonical}, expected [{site.absolute(url)!r}]")
    assert not wrong, "\n".join(wrong)
