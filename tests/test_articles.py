import datetime as dt

from frontnews.build import BuildOptions, load_site
from frontnews.incremental.state import NoState
from sitefactory import FIXED_NOW, article


def load(root):
    site, problems = load_site(BuildOptions(root=root, now=FIXED_NOW, drafts=True, future=True), NoState())
    return {a.source: a for a in site.published}, problems


def test_seed_style_participants_tags_and_defaults(make_site):
    text = (
        '---\ntitle: "Hội nghị\u00a0 hiệp thương"\ndate: 07/10/2020 - 03:35 PM\nunit: Ủy ban MTTQ Việt Nam phường Lê Lợi\n'
        "participants:\n  - Hà Văn Phong- UVTV, Trưởng ban Tuyên giáo Thị ủy,Giám đốc Trung tâm\n"
        "  - name: Đinh Thị Hoa\n    role: Chủ tịch Ủy ban MTTQ phường\ntags: [Hội nghị, hội nghị, bầu cử]\n---\n"
        "Ngày 7/10, Ủy ban MTTQ phường tổ chức **hội nghị** hiệp thương.\n\nĐoạn hai.\n"
    )
    root = make_site({"content/tin/a.md": text})
    articles, problems = load(root)
    assert problems == []
    a = articles["content/tin/a.md"]
    assert a.title == "Hội nghị hiệp thương" and a.slug == "hoi-nghi-hiep-thuong"
    assert a.published == dt.datetime(2020, 10, 7, 15, 35, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert a.unit == "phuong-le-loi"
    assert [(p.name, p.slug, p.roles) for p in a.participants] == [
        ("Hà Văn Phong", "ha-van-phong", ("UVTV", "Trưởng ban Tuyên giáo Thị ủy", "Giám đốc Trung tâm")),
        ("Đinh Thị Hoa", "dinh-thi-hoa", ("Chủ tịch Ủy ban MTTQ phường",)),
    ]
    assert [t.slug for t in a.tags] == ["hoi-nghi", "bau-cu"]
    assert a.summary == "" and a.summary_from_body  # filled by bodies.py from the rendered body
    assert a.signature == "Ủy ban MTTQ Việt Nam phường Lê Lợi"
    assert a.url == "/tin-tuc/2020/10/hoi-nghi-hiep-thuong/" and a.body_line == 11


def test_unknown_unit_suggests_nearest(make_site):
    root = make_site({"content/a.md": article(unit="phuong-le-loj")})
    _, problems = load(root)
    assert [(p.code, p.line) for p in problems] == [("FN105", 4)]
    assert "“phuong-le-loi”" in problems[0].message


def test_unknown_key_warns_with_closest(make_site):
    root = make_site({"content/a.md": article(tag="[a]")})
    articles, problems = load(root)
    assert len(articles) == 1
    assert [(p.code, p.line, p.is_error) for p in problems] == [("FN110", 5, False)]
    assert "“tags”" in problems[0].message


def test_article_after_unit_ended_warns(make_site):
    root = make_site({"content/a.md": article(unit="xa-kim-son", date="01/08/2025")})
    _, problems = load(root)
    assert [p.code for p in problems] == ["FN113"]


def test_slug_override_must_be_safe(make_site):
    root = make_site({"content/a.md": article(slug="../../etc"), "content/b.md": article("B", slug="tin-rieng")})
    articles, problems = load(root)
    assert [(p.path, p.code, p.line) for p in problems] == [("content/a.md", "FN108", 5)]
    assert articles["content/b.md"].url == "/tin-tuc/2020/10/tin-rieng/"


def test_wrong_types_are_reported(make_site):
    root = make_site({"content/a.md": article(draft="có", tags="{a: 1}", participants="nguoi")})
    _, problems = load(root)
    assert sorted((p.code, p.line) for p in problems) == [("FN107", 5), ("FN107", 6), ("FN107", 7)]
