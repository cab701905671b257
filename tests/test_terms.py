"""Tests for vi/terms.py: an article's syllables and syllable pairs, counted and packed."""

from __future__ import annotations

import unicodedata

from frontnews.vi.terms import MAX_COUNT, TITLE_WEIGHT, terms_of, unpack, words


def counted(title: str, body: str) -> dict[str, int]:
    """The terms of an article by name, with their counts."""
    names = words(title, body)
    hashes, counts = unpack(terms_of(title, body))
    return {names[h]: c for h, c in zip(hashes, counts, strict=True)}


def test_syllables_and_pairs_of_neighbouring_syllables():
    assert counted("", "Tập huấn nghiệp vụ") == {
        "tập": 1,
        "huấn": 1,
        "nghiệp": 1,
        "vụ": 1,
        "tập huấn": 1,
        "huấn nghiệp": 1,
        "nghiệp vụ": 1,
    }


def test_case_and_unicode_form_do_not_matter():
    text = "Ngày hội Đại đoàn kết ở khu dân cư"
    assert terms_of("", text) == terms_of("", text.upper()) == terms_of("", unicodedata.normalize("NFD", text))


def test_punctuation_digits_and_line_ends_end_a_phrase():
    found = counted("", "Hội nghị, tổng kết – năm 2024 Mặt trận “đoàn kết”\nnhân dân")
    assert "nghị tổng" not in found and "kết năm" not in found and "năm mặt" not in found
    assert "trận đoàn" not in found and "kết nhân" not in found
    assert found["hội nghị"] == found["mặt trận"] == found["đoàn kết"] == 1
    assert not any(any(ch.isdigit() for ch in term) for term in found)


def test_link_targets_tags_and_addresses_are_not_words_but_no_break_spaces_join():
    found = counted("", "Xem [bài viết](https://mttq.vn/tin-tuc/bai-viet) <b>tại</b> www.mttq.vn/a\u00a0ở\u00a0phường")
    assert set(found) == {"xem", "bài", "viết", "bài viết", "tại", "ở", "phường", "ở phường"}


def test_the_title_counts_more_than_the_body():
    found = counted("Tập huấn", "Lớp tập huấn cho cán bộ.")
    assert found["tập huấn"] == 1 + TITLE_WEIGHT and found["lớp"] == 1


def test_counts_stop_at_a_byte():
    hashes, counts = unpack(terms_of("", "dân " * 1000))
    assert len(hashes) == 2 and list(counts) == [MAX_COUNT, MAX_COUNT]  # "dân" and "dân dân"
    assert terms_of("", "") == b"" and unpack(b"") == (memoryview(b"").cast("I"), b"")
