"""What templates.py memoizes per process (cards, dates) gives the very bytes rendering each time would."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2 import meta, nodes

from frontnews.render.templates import CARD, make_environment, theme_templates
from sitefactory import article, build_site, read_tree, write_site

ARTICLES = {
    "content/a.md": article(
        "Hội nghị A",
        "01/02/2020 08:00",
        tags="[an sinh, bầu cử]",
        participants='["Trần Văn An – Phó Chủ tịch", "Lê Thị Bình – Chủ tịch"]',
        summary="Tóm tắt <b>A</b> & “trích”",
    ),
    "content/b.md": article(
        "Hội nghị B",
        "03/02/2020 09:30",
        unit="thi-xa-dong-lam",
        tags="[an sinh]",
        participants='["Trần Văn An – Chủ tịch, Bí thư"]',
    ),
    "content/c.md": article(
        "Hội nghị C", "05/03/2021 - 10:15", tags="[bầu cử]", participants='["Lê Thị Bình – Phó Chủ tịch"]'
    ),
}
CARD_READS = {"article", "units", "roles", "preview"}


def test_the_theme_card_reads_only_what_its_memo_is_keyed_on():
    """article_card memoizes the theme's card by article, roles and preview (units are the site's):
    a card that read more (the page, the pagination) would need a different key, or none."""
    env = make_environment(theme_templates(), _config(), {})
    todo, seen, reads = [CARD], set(), set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            ast = env.parse(env.loader.get_source(env, name)[0])
            loaded = {n.name for n in ast.find_all(nodes.Name) if n.ctx == "load"}
            own = {n.name for n in ast.find_all(nodes.Name) if n.ctx != "load"}  # set, macro arguments
            own |= {m.name for m in ast.find_all(nodes.Macro)}
            own |= {i if isinstance(i, str) else i[-1] for f in ast.find_all(nodes.FromImport) for i in f.names}
            reads |= loaded - own
            todo += meta.find_referenced_templates(ast)
    assert reads <= CARD_READS, reads - CARD_READS


@pytest.mark.slow
def test_memoized_cards_are_the_cards_rendered_each_time(tmp_path, monkeypatch):
    root = write_site(tmp_path / "s", ARTICLES)
    assert build_site(root, out=tmp_path / "memo").ok
    monkeypatch.setattr("frontnews.render.templates._is_theme_own", lambda env, name: False)
    assert build_site(root, out=tmp_path / "plain").ok
    assert read_tree(tmp_path / "memo") == read_tree(tmp_path / "plain")


@pytest.mark.slow
def test_a_person_page_shows_the_roles_of_that_person(tmp_path):
    root = write_site(tmp_path / "s", ARTICLES)
    assert build_site(root, out=tmp_path / "out", jobs=1).ok
    an = (tmp_path / "out/nhan-vat/tran-van-an/index.html").read_text(encoding="utf-8")
    binh = (tmp_path / "out/nhan-vat/le-thi-binh/index.html").read_text(encoding="utf-8")
    assert "Chức vụ: Phó Chủ tịch</p>" in an and "Chức vụ: Chủ tịch, Bí thư</p>" in an
    assert "Chức vụ: Chủ tịch</p>" in binh and "Chức vụ: Phó Chủ tịch</p>" in binh
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "Chức vụ" not in home


@pytest.mark.slow
def test_a_site_card_that_reads_the_page_is_rendered_on_each_page(tmp_path):
    card = "<p>{{ article.title }} trên {{ page.url }} ({{ pagination.number }})</p>\n"
    root = write_site(tmp_path / "s", {**ARTICLES, "templates/partials/article_card.html": card})
    assert build_site(root, out=tmp_path / "out", jobs=1).ok
    unit = (tmp_path / "out/don-vi/phuong-le-loi/index.html").read_text(encoding="utf-8")
    assert "<li><p>Hội nghị A trên /don-vi/phuong-le-loi/ (0)</p>\n</li>" in unit  # 0: the list's first page
    tag = (tmp_path / "out/chu-de/an-sinh/index.html").read_text(encoding="utf-8")
    assert "<li><p>Hội nghị A trên /chu-de/an-sinh/ (0)</p>\n</li>" in tag


def test_a_site_partial_imported_by_the_card_is_used_on_each_page(tmp_path):
    from frontnews.render.templates import _is_theme_own

    badges = "{% macro preview_badges(article) %}[{{ article.title }}]{% endmacro %}"
    root = write_site(tmp_path / "s", {**ARTICLES, "templates/partials/preview_badges.html": badges})
    assert not _is_theme_own(make_environment(root, _config(), {}), CARD)
    assert build_site(root, out=tmp_path / "out", preview=True, jobs=1).ok
    unit = (tmp_path / "out/don-vi/phuong-le-loi/index.html").read_text(encoding="utf-8")
    assert '<p class="card__meta">[Hội nghị A]' in unit
    tag = (tmp_path / "out/chu-de/an-sinh/index.html").read_text(encoding="utf-8")
    assert '<p class="card__meta">[Hội nghị A]' in tag


def test_a_site_copy_of_the_theme_card_is_memoized_like_the_theme_card(tmp_path):
    """The example site (tests/golden) is such a site: its templates/ folder is the theme."""
    from frontnews.render.templates import _is_theme_own

    text = (theme_templates() / CARD).read_text(encoding="utf-8")
    same = write_site(tmp_path / "same", {"templates/partials/article_card.html": text})
    other = write_site(tmp_path / "other", {"templates/partials/article_card.html": text + " "})
    assert _is_theme_own(make_environment(same, _config(), {}), CARD)
    assert not _is_theme_own(make_environment(other, _config(), {}), CARD)


@pytest.mark.slow
def test_cards_in_preview_show_the_badges(tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            **ARTICLES,
            "content/d.md": article("Bài nháp", "06/03/2021", draft="true"),
            "content/e.md": article("Bài sắp đăng", "01/01/2099"),
        },
    )
    assert build_site(root, out=tmp_path / "out", preview=True, drafts=True, future=True, jobs=1).ok
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "BẢN NHÁP" in home and "CHƯA ĐĂNG" in home
    assert build_site(root, out=tmp_path / "built", drafts=True, future=True, jobs=1).ok
    assert "BẢN NHÁP" not in (tmp_path / "built/index.html").read_text(encoding="utf-8")


def test_the_menu_of_a_page_it_links_is_the_menu_rendered_for_that_page(tmp_path):
    from frontnews.build import BuildOptions, load_site
    from frontnews.incremental.state import NoState
    from frontnews.render.templates import MENU, _menu_renderer, _menu_urls
    from frontnews.site.indexes import build_index
    from frontnews.site.navigation import plan_menu

    config = (
        "title: Trang thử\nbase_url: https://thu.example.vn/du-an/\nnav:\n  - {title: Giới thiệu, url: /gioi-thieu/}\n"
    )
    root = write_site(tmp_path / "s", {**ARTICLES, "frontnews.yaml": config})
    site, _ = load_site(BuildOptions(root=root, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)), NoState())
    menu, _ = plan_menu(site.config, site.units, build_index(site.published))
    env = make_environment(root, site.config, site.units.units)
    spliced, rendered = _menu_renderer(env), _menu_renderer(env, splice=False)
    urls = sorted(_menu_urls(menu))
    assert len(urls) > 8
    for url in urls + ["/tin-tuc/khac/", "/"]:
        html = env.get_template(MENU).render(menu=menu, page={"url": url})
        assert spliced(menu, url) == rendered(menu, url) == html, url
        assert html.count('aria-current="page"') == (url in urls), url


def test_a_site_menu_is_rendered_for_each_page_it_links(tmp_path):
    menu = '<nav>{% for g, entries, _ in menu.groups %}{% for e in entries %}{{ "*" if e.url == page.url }}{% endfor %}{% endfor %}</nav>'
    root = write_site(tmp_path / "s", {**ARTICLES, "templates/partials/menu.html": menu})
    assert build_site(root, out=tmp_path / "out", jobs=1).ok
    assert "<nav>*</nav>" in (tmp_path / "out/don-vi/phuong-le-loi/index.html").read_text(encoding="utf-8")
    assert "<nav></nav>" in (tmp_path / "out/index.html").read_text(encoding="utf-8")


def test_a_page_is_encoded_as_a_whole_is_whatever_menu_was_shown_last():
    env = make_environment(theme_templates(), _config(), {})
    menu = "<nav>Đơn vị – “Chủ đề”" + "ư" * 300 + "</nav>"
    pages = [
        "",
        "ascii only",
        "Trang <b>chủ</b>",
        "<nav>Đơn vị",
        f"đầu {menu} cuối",
        f"{menu}",
        f"{menu[:-1]} {menu}",
        f"x{menu[:200]}y",
        f"{menu}{menu}",
        "\U0001f600" + menu + "\U0001f600",
    ]
    for shown in ([], [menu], [menu[:150]], ["Đ"]):
        env.shown[:] = shown
        for html in pages:
            assert env.encode_page(html) == html.encode("utf-8"), (shown, html)


def test_script_json_gives_the_bytes_of_a_character_by_character_escape():
    import json

    from markupsafe import Markup

    from frontnews.site.seo import script_json

    table = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
    values = [
        {"headline": "</script><!-- “Hội nghị” & <b>lễ</b> > 5 \\u003c", "n": [1, 2.5, None, True]},
        ["Ủy ban MTTQ Việt Nam", "&amp;", "\u2028\u2029", "\U0001f600", "\\"],
        "",
        0,
    ]
    for value in values:
        expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(table)
        assert script_json(value) == expected and type(script_json(value)) is Markup


def _config():
    from frontnews.content.config import SiteConfig

    return SiteConfig()
