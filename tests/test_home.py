"""The home page laid out like a portal, and the share links of an article."""

import pytest

from sitefactory import CONFIG, article, build_site

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'


def read(root, path: str = "public/index.html") -> str:
    return (root / path).read_text(encoding="utf-8")


def part(html: str, start: str, end: str = "</section>") -> str:
    at = html.index(start)
    return html[at : html.index(end, at)]


@pytest.mark.slow
def test_the_first_page_has_the_lead_the_newest_column_and_a_block_per_main_topic(make_site):
    files = {
        f"content/a{k}.md": article(
            f"Tin số {k}", f"{k + 1:02d}/03/2024 08:00", tags="[an sinh]" if k % 2 else "[bầu cử]"
        )
        for k in range(12)
    }
    root = make_site({**files, "frontnews.yaml": CONFIG + "per_page: 5\n"})
    assert build_site(root).ok
    home = read(root)
    assert '<h1 class="visually-hidden">Trang thử</h1>' in home
    assert "Tin số 11" in part(home, '<article class="lead-story">', "</article>")  # none featured: the newest
    latest = part(home, '<section class="home-latest"')
    assert [f">Tin số {k}<" in latest for k in range(12)] == [False] * 7 + [True] * 5  # the list's first page
    # Older news by month: the month of the oldest article the column shows (7/3/2024, "Tin số 6").
    assert (
        '<a href="/luu-tru/2024/03/">Xem các tin trước</a>' in latest
        and '<link rel="next" href="/luu-tru/2024/03/">' in home
    )
    blocks = home[home.index('<div class="home-blocks">') :]
    assert '<a href="/chu-de/an-sinh/">an sinh</a>' in blocks and '<a href="/chu-de/bau-cu/">bầu cử</a>' in blocks
    assert "Tin số 11" in part(blocks, 'href="/chu-de/an-sinh/"') and "Tin số 10" in part(
        blocks, 'href="/chu-de/bau-cu/"'
    )
    assert not (root / "public/trang").exists()  # the site's list is archived by month, not by number


@pytest.mark.slow
def test_without_topics_the_blocks_are_the_units_with_most_news(make_site):
    root = make_site(
        {
            "content/a.md": article("Tin A"),
            "content/b.md": article("Tin B", "08/10/2020"),
            "content/c.md": article("Tin C", unit="thi-xa-dong-lam"),
        }
    )
    assert build_site(root).ok
    blocks = read(root)
    blocks = blocks[blocks.index('<div class="home-blocks">') :]
    assert blocks.index('href="/don-vi/phuong-le-loi/">MTTQ phường Lê Lợi</a>') < blocks.index(
        'href="/don-vi/thi-xa-dong-lam/">MTTQ thị xã Đông Lâm</a>'
    )


@pytest.mark.slow
def test_an_empty_site_has_a_home_page_that_says_so(make_site):
    root = make_site({})
    assert build_site(root).ok
    home = read(root)
    assert "Chưa có bài viết nào." in home and "home-lead" not in home and "home-blocks" not in home


@pytest.mark.slow
def test_an_article_has_plain_share_links_and_its_lead_photo_as_og_image(make_site):
    root = make_site({"content/anh.svg": SVG, "content/a.md": article("Bài A", image="anh.svg")})
    assert build_site(root).ok
    page = read(root, "public/tin-tuc/2020/10/bai-a/index.html")
    share = part(page, '<div class="share"', "</div>")  # and data-pagefind-ignore: not searched
    address = "https%3A//thu.example.vn/tin-tuc/2020/10/bai-a/"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in share
    assert f'href="https://sp.zalo.me/share_inline?url={address}"' in share
    assert '<a class="share__link share__link--copy" href="/tin-tuc/2020/10/bai-a/" data-copy-link>' in share
    assert "<script" not in share and page.count("<script src=") == 2  # menu.js and article.js, both our own
    assert '<meta property="og:image" content="https://thu.example.vn/tin-tuc/2020/10/bai-a/anh.svg">' in page
