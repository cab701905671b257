"""Vietnamese text hygiene: NFC, spaces, slugs, participants, summaries and sort order."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from slugify import slugify

# Invisible characters that copy-paste from web pages and Word leaves inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ROLE_SPLIT_RE = re.compile(r"[,;]")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen, en dash, em dash and kin
# A separating dash follows the name, and a name never ends in a digit: "2019 - 2024" is no separator.
_SPACED_DASH_RE = re.compile(rf"^[{_DASHES}]|(?<![\d\s])(?:\s?[{_DASHES}]\s|\s[{_DASHES}])")
_LONG_DASH_RE = re.compile(r"(?<![\d\s])[\u2012\u2013\u2014\u2015]")
_INNER_HYPHEN_RE = re.compile(rf"(?<=[^\W\d_])[{_DASHES}](?=[^\W\d_])")


_BASIC_MARKS_RE = re.compile("[\u0300-\u034e\u0350-\u036f]")  # that block but U+034F, which is not combining


def normalize(s: str) -> str:
    """NFC, so that text typed with combining marks compares equal to precomposed text."""
    return unicodedata.normalize("NFC", s)


def clean_inline(s: str) -> str:
    """One-line text: NFC, every kind of space made ' ', runs collapsed, ends stripped."""
    # str.split() splits on all Unicode whitespace, including U+00A0 and U+202F.
    return " ".join(normalize(s).translate(_INVISIBLE).split())


@functools.lru_cache(maxsize=1 << 16)
def slugify_vi(s: str) -> str:
    """ASCII slug; đ/Đ are mapped by hand because they have no NFD decomposition."""
    text = normalize(s).replace("đ", "d").replace("Đ", "D")
    # Drop Vietnamese tone and vowel marks first: python-slugify then only sees ASCII letters
    # and never reaches its per-character transliteration, the slow part of it. Vietnamese
    # marks all lie in U+0300–U+036F (Combining Diacritical Marks): one regex removes them; other
    # text takes the general way.
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _BASIC_MARKS_RE.sub("", decomposed)
    if not stripped.isascii():
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return slugify(stripped, lowercase=True)


TITLE_SLUG_MAX = 80  # characters of a slug made from a title or a file name


def title_slug(s: str) -> str:
    """An article's slug from its title: slugify_vi, cut at a hyphen to at most TITLE_SLUG_MAX characters.

    A URL segment nearly as long as a long title helps no one: python-slugify cuts it between words
    (a single word longer than the limit is cut inside it). Written `slug:` fields are never cut.
    """
    slug = slugify_vi(s)
    if len(slug) <= TITLE_SLUG_MAX:
        return slug
    return slugify(slug, max_length=TITLE_SLUG_MAX, word_boundary=True, save_order=True)


def is_valid_slug(s: str) -> bool:
    """Slugs become path segments, so only a-z, 0-9 and single inner hyphens pass."""
    return isinstance(s, str) and _SLUG_RE.fullmatch(s) is not None


def parse_roles(s: str) -> tuple[str, ...]:
    """Split roles on ',' or ';' (with or without a following space); drop empty ones."""
    return tuple(role for part in _ROLE_SPLIT_RE.split(s) if (role := clean_inline(part)))


def _separator(s: str, end: int) -> re.Match[str] | None:
    """The dash between name and roles within s[:end]; see parse_participant for the rule."""
    for pattern in (_SPACED_DASH_RE, _LONG_DASH_RE):
        if match := pattern.search(s, 0, end):
            return match
    hyphens = _INNER_HYPHEN_RE.finditer(s, 0, end)
    return next((m for m in hyphens if s[m.end()].isupper()), None)


def parse_participant(s: str) -> tuple[str, tuple[str, ...]] | None:
    """Split "Name – role, role" as editors type it, with any dash and spacing.

    Names hold no comma, so the separator is looked for before the first ',' or
    ';', and is, in this order of preference:
    1. a dash (-, –, — or kin) with a space on at least one side, not after a
       digit: "Hà Văn A – Chủ tịch", "Hà Văn A- Chủ tịch", "Hà Văn A -Chủ tịch";
    2. else an unspaced en or em dash: "Hà Văn A–Chủ tịch";
    3. else an unspaced hyphen between two letters, the second a capital, since
       roles are capitalised: "Hà Văn A-UVTV, Chủ tịch".
    So a hyphenated name (Ê-đê style) survives: "Y Bih Ê-đê" alone stays one
    name, and "Y Bih Ê-đê – Chủ tịch" splits at the spaced dash. With no dash,
    a comma separates: "Hà Văn A, Chủ tịch". A blank string, or one whose
    name part is empty (it starts with a dash or a comma), gives None.
    """
    text = clean_inline(s)
    comma = _ROLE_SPLIT_RE.search(text)
    head_end = comma.start() if comma else len(text)
    match = _separator(text, head_end)
    if match is not None:
        name, rest = text[: match.start()], text[match.end() :]
    elif comma is not None:
        name, rest = text[:head_end], text[head_end + 1 :]
    else:
        name, rest = text, ""
    name = clean_inline(name)
    return (name, parse_roles(rest)) if name else None


def summarize(text: str, limit: int = 200) -> str:
    """At most `limit` characters, cut between words and marked with "…"."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    flat = clean_inline(text)
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return (head.rstrip(" ,;:.–—-") or head) + "…"


# Vietnamese alphabet order; f, j, w, z (loan words) sit where Latin puts them.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# No mark, huyền, hỏi, ngã, sắc, nặng: the conventional dictionary order.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_CLUSTER_RE = re.compile(r"\d+|\s+|.[\u0300-\u036f]*", re.DOTALL)


def _cluster_key(cluster: str) -> tuple[tuple[int, int], int, int]:
    """(letter class and rank, tone, case) of one base character with its marks."""
    if cluster[0].isspace():
        return (0, 0), 0, 0
    if cluster.isdecimal():
        return (1, int(cluster)), 0, 0  # a number sorts by value: 2 before 10
    marks = [c for c in cluster[1:] if c not in _TONE_RANK]
    tone = next((_TONE_RANK[c] for c in cluster[1:] if c in _TONE_RANK), 0)
    letter = normalize(cluster[0] + "".join(marks))
    lower = letter.lower()
    case = 0 if letter == lower else 1
    if lower in _LETTER_RANK:
        return (2, _LETTER_RANK[lower]), tone, case
    return (3, ord(lower[0])), tone, case


@functools.lru_cache(maxsize=65536)  # the same unit, tag and person names are sorted again and again
def vi_sort_key(s: str) -> tuple:
    """Sort key for Vietnamese order without locale: letters, then tones, then case."""
    decomposed = unicodedata.normalize("NFD", s)
    keys = [_cluster_key(c) for c in _CLUSTER_RE.findall(decomposed)]
    return (
        tuple(k[0] for k in keys),
        tuple(k[1] for k in keys),
        tuple(k[2] for k in keys),
        normalize(s),
    )


def _match_key(s: str) -> str:
    return slugify_vi(s) or clean_inline(s).casefold()


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Suggestions for a mistyped key, unit or name, compared without accents or case.

    Candidates whose slug contains every word of `word` in order come first
    (so "Phuong Le Loi" finds "Ủy ban MTTQ Việt Nam phường Lê Lợi"), then
    difflib's close matches; ties keep the candidates' given order.
    """
    target = _match_key(word)
    by_key: dict[str, list[str]] = {}
    for candidate in candidates:
        originals = by_key.setdefault(_match_key(candidate), [])
        if candidate not in originals:
            originals.append(candidate)
    if not target or n < 1:
        return []
    keys = list(by_key)
    contained = [k for k in keys if k != target and f"-{target}-" in f"-{k}-"]
    fuzzy = difflib.get_close_matches(target, keys, n=max(len(keys), 1))
    fuzzy.sort(key=lambda k: (-difflib.SequenceMatcher(None, target, k).ratio(), keys.index(k)))
    ordered = [k for k in keys if k == target] + contained
    ordered += [k for k in fuzzy if k not in ordered]
    return [original for key in ordered for original in by_key[key]][:n]
