"""The weight budget: a province's site of 200 units stays light.

An article page carries at most PAGE_BUDGET bytes besides the article's own text and its sidebar
(menus, header, footer, metadata), whatever the number of units, topics and people; and the whole
published site weighs at most SITE_RATIO times the articles' text and photos. A menu listing every
unit on every page, as the theme once did, breaks the first (26 KB of menu on each page).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from sitefactory import CONFIG, article, build_site, write_site

# The 12 KB of page around the text, plus what search adds to every article page: the header's
# search box and the index's data (date, unit, filters), about 0.7 KB.
PAGE_BUDGET = 13 * 1024
SITE_RATIO = 1.5
DISTRICTS = 14
ARTICLES = 24
PLACES = ["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tân", "Phú", "An", "Hòa", "Thanh", "Kim", "Lạc"]
TOPICS = [
    "an sinh xã hội",
    "Quỹ Vì người nghèo",
    "giám sát",
    "hiệp thương",
    "bầu cử",
    "khu dân cư",
    "tôn giáo",
    "chuyển đổi số",
    "môi trường",
    "nông thôn mới",
]
PEOPLE = [
    f"{family} Văn {given} – Chủ tịch Ủy ban MTTQ"
    for family in ("Nguyễn", "Trần", "Lê", "Phạm")
    for given in ("An", "Bình", "Cường", "Dũng", "Hà", "Hưng")
]
BODY = (
    "Ủy ban MTTQ Việt Nam {unit} tổ chức hội nghị tổng kết công tác Mặt trận năm {year}, với sự tham dự của "
    "đại diện các ban, ngành, đoàn thể và cán bộ Mặt trận các khu dân cư. Các đại biểu đã thảo luận, trao đổi "
    "kinh nghiệm trong việc nâng cao hiệu quả công tác tuyên truyền, vận động nhân dân.\n\n"
) * 4


def province() -> tuple[str, list[str]]:
    """units.yaml of one province, 14 districts and 185 communes (200 units), and the communes' slugs."""
    lines = [
        (
            "- slug: tinh-dong-lam\n  name: Ủy ban MTTQ Việt Nam tỉnh Đông Lâm\n  short_name: MTTQ tỉnh Đông Lâm\n"
            "  level: tỉnh\n"
        )
    ]
    communes = []
    for d in range(DISTRICTS):
        lines.append(
            f"- slug: huyen-{d}\n  name: Ủy ban MTTQ Việt Nam huyện {PLACES[d]}\n"
            f"  short_name: MTTQ huyện {PLACES[d]}\n  level: huyện\n  parent: tinh-dong-lam\n"
        )
        for c in range(13 + (d < 3)):
            slug = f"xa-{d}-{c}"
            communes.append(slug)
            lines.append(
                f"- slug: {slug}\n  name: Ủy ban MTTQ Việt Nam xã {PLACES[c]} {PLACES[d]}\n"
                f"  short_name: MTTQ xã {PLACES[c]} {PLACES[d]}\n  level: xã\n  parent: huyen-{d}\n"
            )
    return "".join(lines), communes


def photo(seed: int) -> bytes:
    """A 2400×1800 JPEG that compresses like a photo: soft shapes and some grain."""
    image = Image.effect_mandelbrot((2400, 1800), (-2.0 + seed * 0.01, -1.2, 1.0, 1.2), 60).convert("RGB")
    grain = Image.effect_noise((2400, 1800), 12).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(3)), grain, 0.15)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def outside_text_and_sidebar(html: str) -> int:
    """An article page's bytes without its body's text, its sidebar ("Các tin tức khác") and the
    search index's folded copy of its text (a copy of the article's own words, for search)."""
    for pattern in (r'<div class="article__body">.*?\n  </div>', r'<aside class="sidebar".*?</aside>'):
        found = re.search(pattern, html, re.S)
        assert found, pattern
        html = html[: found.start()] + html[found.end() :]
    html = re.sub(r"<div hidden>.*?</div>", "", html, flags=re.S)  # search_data.html's folded copy, if any
    return len(html.encode("utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    units, communes = province()
    files: dict[str, str | bytes] = {"content/units.yaml": units, "frontnews.yaml": CONFIG}
    for k in range(ARTICLES):
        unit = communes[k * 5 % len(communes)]
        tags = ", ".join(TOPICS[(k + i) % len(TOPICS)] for i in range(3))
        people = ", ".join(PEOPLE[(k * 7 + i) % len(PEOPLE)] for i in range(2))
        files[f"content/tin-tuc/bai-{k}.md"] = article(
            f"Hội nghị tổng kết công tác Mặt trận số {k}",
            f"{k % 28 + 1:02d}/{k % 12 + 1:02d}/{2020 + k % 5}",
            unit,
            BODY.format(unit=unit, year=2020 + k % 5),
            tags=f"[{tags}]",
            participants=f"[{people}]",
            image=f"{{src: anh-{k}.jpg, alt: Quang cảnh hội nghị}}",
        )
        files[f"content/tin-tuc/anh-{k}.jpg"] = photo(k)
    root = write_site(tmp_path_factory.mktemp("budget") / "site", files)
    report = build_site(root)
    assert report.ok, [str(d) for d in report.errors]
    return root


@pytest.mark.slow
def test_an_article_page_stays_within_its_budget_besides_its_text_and_sidebar(built):
    pages = sorted((built / "public/tin-tuc").glob("20*/*/*/index.html"))
    assert len(pages) == ARTICLES
    sizes = {page.parent.name: outside_text_and_sidebar(page.read_text(encoding="utf-8")) for page in pages}
    assert max(sizes.values()) <= PAGE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:3]


@pytest.mark.slow
def test_the_menu_shows_the_top_of_the_tree_and_the_pages_own_branch(built):
    html = next((built / "public/tin-tuc").glob("20*/*/*/index.html")).read_text(encoding="utf-8")
    menu = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]
    own = re.search(r'<span class="article__unit"><a href="(/don-vi/xa-[^"]+/)"', html)
    assert own
    units = re.findall(r'href="(/don-vi/[^"]*)"', menu)
    # The province, its 14 districts, this article's commune, and "Tất cả đơn vị".
    assert len(units) == 1 + DISTRICTS + 1 + 1 and own.group(1) in units and "/don-vi/" in units
    tree = (built / "public/don-vi/index.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="(/don-vi/[^"]+/)"', tree))) >= 200  # the whole tree, on its own page


@pytest.mark.slow
def test_the_whole_site_weighs_at_most_one_and_a_half_times_its_articles_text_and_photos(built):
    content = sum(p.stat().st_size for p in (built / "content/tin-tuc").iterdir())
    published = sum(p.stat().st_size for p in (built / "public").rglob("*") if p.is_file())
    assert published <= SITE_RATIO * content, (published, content, published / content)
