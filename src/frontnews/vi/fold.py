"""Folding for search: Vietnamese as typed without marks ("Đường Lâm" → "duong lam").

Pagefind (1.5) matches a word typed without tone or vowel marks ("son" finds "Sơn"), because
those marks come off by Unicode decomposition. The letter đ does not: it is a letter of its own,
with no decomposition, so "dinh" never meets "Đinh" and "duong" never meets "Đường". The search
index therefore also holds, hidden from readers, the folded form of every word of a page that has
a đ (`d_words`); the search page's script folds the query by the same rule (static/js/search.js,
`fold`), so a query with or without marks finds the same pages.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS_RE = re.compile(r"[\u0300-\u036f]")  # Combining Diacritical Marks: every Vietnamese tone and vowel mark
_D = str.maketrans("đĐ", "dD")
# A word as Pagefind splits text: letters and digits; marks stay with their letter.
_WORD_RE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, without tone or vowel marks, đ as d: "SƠN TÂY" → "son tay", "Đinh" → "dinh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return unicodedata.normalize("NFC", _MARKS_RE.sub("", decomposed)).lower()


def d_words(text: str) -> list[str]:
    """The folded form of each word of `text` that holds a đ, in order, repeats kept.

    Only these need a folded copy in the index: Pagefind folds every other mark itself. Repeats
    keep the copy's word counts those of the text, so ranking treats both alike.
    """
    if "đ" not in text and "Đ" not in text:
        return []
    return [fold(word) for word in _WORD_RE.findall(text) if "đ" in word or "Đ" in word]
