"""Tests for frontnews.vi.text: what editors type in, what the site shows and sorts."""

from __future__ import annotations

import unicodedata

import pytest

from frontnews.vi.text import (
    clean_inline,
    closest,
    is_valid_slug,
    normalize,
    parse_participant,
    parse_roles,
    slugify_vi,
    summarize,
    vi_sort_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- normalize / clean_inline -------------------------------------------------


def test_normalize_composes_nfd_and_changes_nothing_else():
    assert normalize(nfd("Hội nghị  Mặt trận ")) == "Hội nghị  Mặt trận "
    assert normalize(nfd("Ủy ban")) == "Ủy ban"
    assert len(normalize(nfd("ệ"))) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Lớp tập huấn  ", "Lớp tập huấn"),
        ("Ban\u00a0Thường\u00a0trực", "Ban Thường trực"),
        ("ngày\u202f7/10", "ngày 7/10"),
        ("a\u2007b\u3000c\u2003d", "a b c d"),
        ("dòng một\ndòng\thai\r\n", "dòng một dòng hai"),
        ("\u00a0 \u00a0 \u00a0Ủy ban MTTQ", "Ủy ban MTTQ"),
        ("Mặt\u200b trận\ufeff", "Mặt trận"),
        ("", ""),
        (" \u00a0\t ", ""),
    ],
)
def test_clean_inline(raw, expected):
    assert clean_inline(raw) == expected


def test_clean_inline_gives_nfc():
    assert clean_inline(nfd("  Đồng chí  Hưng ")) == "Đồng chí Hưng"
    assert clean_inline(nfd("Hưng")) == "Hưng"


# --- slugs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đinh Duy Hưng", "dinh-duy-hung"),
        ("Tập huấn công tác Mặt trận năm 2020", "tap-huan-cong-tac-mat-tran-nam-2020"),
        ("Ủy ban MTTQ", "uy-ban-mttq"),
        ("ĐOÀN KẾT – ĐỔI MỚI", "doan-ket-doi-moi"),
        ("Ủy ban MTTQ Việt Nam phường Lê Lợi", "uy-ban-mttq-viet-nam-phuong-le-loi"),
        ("ăâêôơư ẮẦẲẴẶ ỨỪỬỮỰ ýỳỷỹỵ", "aaeoou-aaaaa-uuuuu-yyyyy"),
        ("  công tác -- dân vận!!  ", "cong-tac-dan-van"),
        ("Hội\u00a0Cựu chiến binh", "hoi-cuu-chien-binh"),
        ("Ê-đê", "e-de"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_slugify_vi(text, slug):
    assert slugify_vi(text) == slug


@pytest.mark.parametrize("text", ["Đinh Duy Hưng", "Đường Trường Sơn", "Nguyễn Thị Ưng", "Ủy ban"])
def test_slugify_vi_nfd_input_gives_same_slug(text):
    assert slugify_vi(nfd(text)) == slugify_vi(text)
    assert is_valid_slug(slugify_vi(nfd(text)))


@pytest.mark.parametrize(
    ("slug", "valid"),
    [
        ("a", True),
        ("tap-huan-2020", True),
        ("2020", True),
        ("", False),
        ("A", False),
        ("..", False),
        ("a/b", False),
        ("-a", False),
        ("a-", False),
        ("a--b", False),
        ("a_b", False),
        ("a b", False),
        ("hưng", False),
        ("a\n", False),
    ],
)
def test_is_valid_slug(slug, valid):
    assert is_valid_slug(slug) is valid


def test_is_valid_slug_rejects_non_strings():
    assert is_valid_slug(None) is False  # type: ignore[arg-type]
    assert is_valid_slug(12) is False  # type: ignore[arg-type]


# --- roles and participants ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "roles"),
    [
        ("UVTV, Chủ tịch Ủy ban MTTQ", ("UVTV", "Chủ tịch Ủy ban MTTQ")),
        ("Phó Bí thư Thị ủy,Chủ tịch HĐND", ("Phó Bí thư Thị ủy", "Chủ tịch HĐND")),
        ("Ủy viên; Trưởng ban Dân vận", ("Ủy viên", "Trưởng ban Dân vận")),
        ("Hội Cựu chiến binh , , ", ("Hội Cựu chiến binh",)),
        ("Chủ tịch\u00a0Hội Nông dân", ("Chủ tịch Hội Nông dân",)),
        ("", ()),
        (" , ; ", ()),
    ],
)
def test_parse_roles(raw, roles):
    assert parse_roles(raw) == roles


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Spaced en dash, a missing space after a comma.
        (
            "Lê Thị Hoa – UVTV, Trưởng ban Dân vận Thị ủy,Giám đốc Trung tâm Văn hóa",
            ("Lê Thị Hoa", ("UVTV", "Trưởng ban Dân vận Thị ủy", "Giám đốc Trung tâm Văn hóa")),
        ),
        # "Name- role": hyphen glued to the name, space after.
        ("Trần Quốc Bảo- Phó Chủ tịch Ủy ban MTTQ thị xã", ("Trần Quốc Bảo", ("Phó Chủ tịch Ủy ban MTTQ thị xã",))),
        # "Name -role": space before only.
        ("Trần Quốc Bảo -Phó Chủ tịch", ("Trần Quốc Bảo", ("Phó Chủ tịch",))),
        # "Name-role": no spaces at all, role capitalised.
        ("Vũ Minh Tâm-UVTV, Chủ tịch Hội Cựu chiến binh", ("Vũ Minh Tâm", ("UVTV", "Chủ tịch Hội Cựu chiến binh"))),
        # Unspaced en dash and em dash.
        ("Vũ Minh Tâm–Bí thư Chi bộ", ("Vũ Minh Tâm", ("Bí thư Chi bộ",))),
        ("Vũ Minh Tâm—bí thư chi bộ", ("Vũ Minh Tâm", ("bí thư chi bộ",))),
        # Spaced hyphen and em dash; semicolons.
        ("Ngô Thanh Vân - Ủy viên; Thư ký", ("Ngô Thanh Vân", ("Ủy viên", "Thư ký"))),
        ("Ngô Thanh Vân — Ủy viên", ("Ngô Thanh Vân", ("Ủy viên",))),
        # Non-breaking spaces around the dash and inside the name.
        ("Ngô\u00a0Thanh Vân\u00a0–\u00a0Ủy viên", ("Ngô Thanh Vân", ("Ủy viên",))),
        # A name alone.
        ("Phạm Văn Đồng", ("Phạm Văn Đồng", ())),
        ("  Phạm  Văn Đồng  ", ("Phạm Văn Đồng", ())),
        # A dash with nothing after it.
        ("Phạm Văn Đồng –", ("Phạm Văn Đồng", ())),
        ("Phạm Văn Đồng – , ;", ("Phạm Văn Đồng", ())),
    ],
)
def test_parse_participant(raw, expected):
    assert parse_participant(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A hyphenated name alone is not split: the letter after the hyphen is lower case.
        ("Y Bih Ê-đê", ("Y Bih Ê-đê", ())),
        # A spaced dash wins over the hyphen inside the name.
        ("Y Bih Ê-đê – Chủ tịch Hội Nông dân", ("Y Bih Ê-đê", ("Chủ tịch Hội Nông dân",))),
        ("Y Bih Ê-đê- Chủ tịch", ("Y Bih Ê-đê", ("Chủ tịch",))),
        # An unspaced hyphen before a capital splits, after the name's own lower-case hyphen.
        ("Y Bih Ê-đê-Chủ tịch", ("Y Bih Ê-đê", ("Chủ tịch",))),
        # A dash inside the roles (a term of office) is not the separator.
        ("Lý Văn Sơn-UVTV, Ủy viên nhiệm kỳ 2019 - 2024", ("Lý Văn Sơn", ("UVTV", "Ủy viên nhiệm kỳ 2019 - 2024"))),
        ("Lý Văn Sơn – Ủy viên nhiệm kỳ 2019–2024, Thư ký", ("Lý Văn Sơn", ("Ủy viên nhiệm kỳ 2019–2024", "Thư ký"))),
        # Without any dash, a comma separates the name from the roles.
        ("Lý Văn Sơn, Chủ tịch, Bí thư", ("Lý Văn Sơn", ("Chủ tịch", "Bí thư"))),
    ],
)
def test_parse_participant_dash_rule(raw, expected):
    assert parse_participant(raw) == expected


def test_parse_participant_nfd_input():
    assert parse_participant(nfd("Đinh Văn Hùng – Chủ tịch")) == ("Đinh Văn Hùng", ("Chủ tịch",))


@pytest.mark.parametrize("raw", ["", "   ", "\u00a0\u202f", "– Chủ tịch", "-UVTV", ", Chủ tịch"])
def test_parse_participant_none_without_a_name(raw):
    assert parse_participant(raw) is None


# --- summaries ----------------------------------------------------------------


def test_summarize_short_text_is_kept_with_spaces_collapsed():
    assert summarize("  Hội nghị\u00a0 tổng kết\nnăm 2024. ") == "Hội nghị tổng kết năm 2024."


def test_summarize_exactly_at_limit_is_not_cut():
    text = "a" * 10
    assert summarize(text, limit=10) == text


def test_summarize_cuts_at_a_word_boundary():
    text = "Các đại biểu thảo luận sôi nổi về nhiệm vụ năm tới"
    result = summarize(text, limit=20)
    assert result == "Các đại biểu thảo…"
    assert len(result) <= 20


def test_summarize_keeps_a_word_that_ends_right_at_the_cut():
    assert summarize("một hai ba bốn", limit=8) == "một hai…"


def test_summarize_drops_trailing_punctuation_before_the_ellipsis():
    assert summarize("Đoàn kết, dân chủ, đổi mới và phát triển", limit=12) == "Đoàn kết…"


def test_summarize_one_long_word_is_cut_hard():
    assert summarize("x" * 50, limit=10) == "x" * 9 + "…"


@pytest.mark.parametrize("limit", [20, 50, 199, 200])
def test_summarize_never_exceeds_limit(limit):
    text = " ".join(["Mặt trận Tổ quốc Việt Nam"] * 40)
    result = summarize(text, limit=limit)
    assert len(result) <= limit
    assert result.endswith("…")
    assert text.startswith(result[:-1])


def test_summarize_default_limit_is_200():
    result = summarize("từ " * 300)
    assert len(result) <= 200 and result.endswith("từ…")


def test_summarize_rejects_zero_limit():
    with pytest.raises(ValueError):
        summarize("abc", limit=0)


# --- sorting ------------------------------------------------------------------


def test_vi_sort_key_brief_example():
    names = ["Đinh", "Dũng", "Anh", "Ánh", "Ân", "Bình"]
    assert sorted(names, key=vi_sort_key) == ["Anh", "Ánh", "Ân", "Bình", "Dũng", "Đinh"]


def test_vi_sort_key_alphabet_order():
    letters = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    shuffled = sorted(letters, reverse=True)
    assert sorted(shuffled, key=vi_sort_key) == letters


def test_vi_sort_key_tone_order_is_a_tiebreak():
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=vi_sort_key) == tones  # noqa: C414 - not a tie kept in input order
    # Base letters decide first: "mạ" still comes before "mai".
    assert sorted(["mai", "mạ"], key=vi_sort_key) == ["mạ", "mai"]


def test_vi_sort_key_letters_with_tones():
    words = ["ơ", "ổ", "o", "ờ", "ô", "ó"]
    assert sorted(words, key=vi_sort_key) == ["o", "ó", "ô", "ổ", "ơ", "ờ"]


def test_vi_sort_key_case_insensitive_then_case():
    assert sorted(["bình", "An", "Bình", "an"], key=vi_sort_key) == ["an", "An", "bình", "Bình"]
    assert sorted(["Đào", "đan"], key=vi_sort_key) == ["đan", "Đào"]


def test_vi_sort_key_ignores_normal_form():
    assert vi_sort_key(nfd("Đặng Thị Ưng"))[:3] == vi_sort_key("Đặng Thị Ưng")[:3]
    assert sorted([nfd("Ưng"), "Uyên"], key=vi_sort_key)[0] == "Uyên"


def test_vi_sort_key_full_names_and_numbers():
    names = ["Trần Văn Ba", "Trần Văn An", "Trần Văn", "Trương Thị Út", "Tô Hoài"]
    assert sorted(names, key=vi_sort_key) == [
        "Tô Hoài",
        "Trần Văn",
        "Trần Văn An",
        "Trần Văn Ba",
        "Trương Thị Út",
    ]
    wards = ["Phường 10", "Phường 2", "Phường 1"]
    assert sorted(wards, key=vi_sort_key) == ["Phường 1", "Phường 2", "Phường 10"]


def test_vi_sort_key_is_a_total_order_on_mixed_text():
    items = ["Hội", "hội", "Hồi", "H.", "H-1", "H 1", "ß", "Z", "w", "", "ç"]
    once = sorted(items, key=vi_sort_key)
    assert sorted(reversed(items), key=vi_sort_key) == once  # noqa: C414 - not a tie kept in input order
    assert once[0] == ""


# --- near matches -------------------------------------------------------------

UNITS = [
    "Ủy ban MTTQ Việt Nam thị xã Đông Lâm",
    "Ủy ban MTTQ Việt Nam phường Lê Lợi",
    "Ủy ban MTTQ Việt Nam phường Lê Lai",
    "Ủy ban MTTQ Việt Nam xã Đông Hòa",
]


def test_closest_finds_a_long_name_from_its_words_without_accents():
    assert closest("Phuong Le Loi", UNITS)[0] == "Ủy ban MTTQ Việt Nam phường Lê Lợi"


def test_closest_typo_in_a_slug():
    slugs = ["thi-xa-dong-lam", "phuong-le-loi", "phuong-le-lai", "xa-dong-hoa"]
    assert closest("phuong-le-lio", slugs, n=1) == ["phuong-le-loi"]
    assert closest("phuong-le-lio", slugs)[:2] == ["phuong-le-loi", "phuong-le-lai"]


def test_closest_config_keys():
    keys = ("title", "description", "base_url", "language", "timezone", "per_page")
    assert closest("baseurl", keys, 1) == ["base_url"]
    assert closest("time_zone", keys, 1) == ["timezone"]
    assert closest("titel", keys, 1) == ["title"]


def test_closest_returns_originals_and_nothing_for_unrelated_words():
    assert closest("dong lam", UNITS) == ["Ủy ban MTTQ Việt Nam thị xã Đông Lâm"]
    assert closest("zzzzzz", UNITS) == []
    assert closest("", UNITS) == []
    assert closest("Lê Lợi", []) == []


def test_closest_is_deterministic_and_limited():
    words = ["le-loi-a", "le-loi-b", "le-loi-c", "le-loi-d"]
    first = closest("le-loi", words, n=2)
    assert first == ["le-loi-a", "le-loi-b"]
    assert closest("le-loi", iter(words), n=2) == first


def test_closest_exact_match_first_and_duplicates_kept_once():
    assert closest("Lê Lợi", ["le-loi", "Lê Lợi", "Lê Lợi", "phuong-le-loi"]) == [
        "le-loi",
        "Lê Lợi",
        "phuong-le-loi",
    ]


def test_slugs_equal_the_general_way_of_dropping_marks():
    import unicodedata

    from slugify import slugify

    from frontnews.vi.text import slugify_vi

    def general(s):
        text = unicodedata.normalize("NFC", s).replace("đ", "d").replace("Đ", "D")
        return slugify(
            "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)), lowercase=True
        )

    samples = [
        "Đinh Thị Ngọc Ánh – Chủ tịch",
        "Hội nghị  tập huấn\u00a0công tác Mặt trận",
        "ỳ ỹ ỷ ỵ Ữ",
        "a\u034fb",
        "x\u0301\u0360y",
        "Ṩ ŝ ﬁ 中文 Ελλάδα Привет",
        "Tiếng Việt 2026: “đại đoàn kết”",
        "".join(chr(c) for c in range(0x2FF, 0x372)),
    ]
    for sample in samples:
        assert slugify_vi(sample) == general(sample), sample
