"""An article's words for related news: Vietnamese syllables and syllable pairs, counted.

Vietnamese writes the syllables of a word apart ("tập huấn", "đại đoàn kết"), so each syllable
and each pair of neighbouring syllables is a term. Text is case-folded and NFC; digits,
punctuation, line ends and Markdown's link targets, tags and addresses end a phrase (no pair spans
them). Which terms are too common to matter is decided by how many articles of the site have them
(related.py), not by a list of words.

An article carries its terms as one `bytes` value (`Terms`): a 32-bit CRC of each distinct term,
ascending, then each one's count in a byte. Compact, since every article of the site is in memory
at once and comes from the build cache on every build; two terms of one site sharing a CRC (about
one pair in a vocabulary of 100,000) only merge their counts. `words` names the terms again, for
`frontnews related`, which reads the texts anew.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections import Counter
from itertools import repeat

TITLE_WEIGHT = 3  # a title's term counts this many times
MAX_COUNT = 255  # counts are kept in a byte; a term's weight grows with the log of its count anyway

Terms = bytes  # packed, see the module's docstring

_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")  # no-break and other spaces
# Link targets, HTML tags, web addresses and any sign outside ASCII that is not a letter (dashes,
# quotation marks) end a phrase; so do ASCII signs and digits, in _PHRASE.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]*>|(?:https?://|www\.)\S+|[^\x00-\x7f\w]+")
# After that, every byte of UTF-8 from 0x80 up belongs to a letter. Bytes, since the regular
# expression engine and the counting run several times faster on them than on Vietnamese str.
_PHRASE = re.compile(rb"[a-z\x80-\xff]+(?:[ \t]+[a-z\x80-\xff]+)*")
_GAP = b"|"  # between two phrases, while counting pairs


def terms_of(title: str, body: str) -> Terms:
    """The packed terms of an article's title and Markdown body, the title's counting TITLE_WEIGHT times."""
    counts = _counts(body)
    for term, count in _counts(title).items():
        counts[term] += count * TITLE_WEIGHT
    keys = list(map(zlib.crc32, counts))
    values = list(counts.values())
    if len(set(keys)) < len(keys):  # two terms of this article share a CRC: add their counts
        merged: dict[int, int] = {}
        for key, count in zip(keys, values):
            merged[key] = merged.get(key, 0) + count
        keys, values = list(merged), list(merged.values())
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return (array("I", map(keys.__getitem__, order)).tobytes()
            + bytes(map(min, map(values.__getitem__, order), repeat(MAX_COUNT))))


def unpack(terms: Terms) -> tuple[memoryview, bytes]:
    """The hashes (ascending, as unsigned ints) and their counts, the hashes not copied."""
    n = len(terms) // 5
    return memoryview(terms)[:4 * n].cast("I"), terms[4 * n:]


def words(*texts: str) -> dict[int, str]:
    """Each term of the texts, by its hash: to name the terms two articles share."""
    return {zlib.crc32(term): term.decode("utf-8") for text in texts for term in _counts(text)}


def _counts(text: str) -> Counter[bytes]:
    """Every syllable and every pair of neighbouring syllables of one phrase, with their counts."""
    # NFC first: a decomposed tone mark is not a letter, and would end the phrase.
    text = _NOT_WORDS.sub(" . ", _SPACES.sub(" ", unicodedata.normalize("NFC", text)))
    folded = unicodedata.normalize("NFC", text.casefold())
    syllables = b" | ".join(_PHRASE.findall(folded.encode("utf-8"))).split()
    counts = Counter(syllables)
    counts.update(map(b" ".join, zip(syllables, syllables[1:])))
    for term in [term for term in counts if _GAP in term]:
        del counts[term]
    return counts
