"""An article's words for related news: Vietnamese syllables and syllable pairs, counted.

Vietnamese writes the syllables of a word apart ("tập huấn", "đại đoàn kết"), so each syllable
and each pair of neighbouring syllables is a term. Text is case-folded and NFC; digits,
punctuation, line ends and Markdown's link targets, tags and addresses end a phrase (no pair spans
them). Which terms are too common to matter is decided by how many articles of the site have them
(site/text_vectors.py), not by a list of words.

An article carries its terms as one `bytes` value (`Terms`): a 32-bit CRC of each distinct term,
in the order they first occur, then each one's count in a byte. Compact, since every article of the site is in memory
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
from itertools import chain, pairwise

TITLE_WEIGHT = 3  # a title's term counts this many times
BODY_CHARS = 1500  # of the body: its lead and the paragraphs after it (about 300 syllables) carry the story
MAX_COUNT = 255  # counts are kept in a byte; a term's weight grows with the log of its count anyway

Terms = bytes  # packed, see the module's docstring

# Link targets, HTML tags and web addresses end a phrase (looked for only if the text may have them).
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|(?:https?://|www\.)\S+")
_MARKUP_SIGNS = ("](", "<", "://", "www.")
# The text is matched as UTF-8 bytes: the regular expression engine and the counting run several
# times faster on them than on Vietnamese str. Vietnamese letters are ASCII, two bytes led by
# C3 to C6 (à, ă, đ, ơ…) or three led by E1 (ạ, ấ, ữ…); any other character of two bytes or more
# (dashes, quotation marks, other scripts, emoji) is not a letter and ends a phrase, as ASCII
# signs and digits do.
_NOT_VIETNAMESE = re.compile(rb"[\xc2\xc7-\xe0\xe2-\xf4][\x80-\xbf]+")
_PHRASE = re.compile(rb"[a-z\x80-\xbf\xc3-\xc6\xe1]+(?:[ \t]+[a-z\x80-\xbf\xc3-\xc6\xe1]+)*")
_GAP = b"|"  # between two phrases, while counting pairs


def terms_of(title: str, body: str) -> Terms:
    """The packed terms of an article's title and Markdown body (its first BODY_CHARS), the title's
    counting TITLE_WEIGHT times."""
    if len(body) > BODY_CHARS:
        body = body[:BODY_CHARS].rpartition(" ")[0]  # not half a syllable
    counts = _counts(body)
    for term, count in _counts(title).items():
        counts[term] += count * TITLE_WEIGHT
    keys = list(map(zlib.crc32, counts))
    values = list(counts.values())
    if len(set(keys)) < len(keys):  # two terms of this article share a CRC: add their counts
        merged: dict[int, int] = {}
        for key, count in zip(keys, values, strict=True):
            merged[key] = merged.get(key, 0) + count
        keys, values = list(merged), list(merged.values())
    if values and max(values) > MAX_COUNT:
        values = [min(count, MAX_COUNT) for count in values]
    return array("I", keys).tobytes() + bytes(values)


def unpack(terms: Terms) -> tuple[memoryview, bytes]:
    """The hashes (as unsigned ints) and their counts, the hashes not copied."""
    n = len(terms) // 5
    return memoryview(terms)[: 4 * n].cast("I"), terms[4 * n :]


def words(*texts: str) -> dict[int, str]:
    """Each term of the texts, by its hash: to name the terms two articles share."""
    return {zlib.crc32(term): term.decode("utf-8") for text in texts for term in _counts(text)}


def _counts(text: str) -> Counter[bytes]:
    """Every syllable and every pair of neighbouring syllables of one phrase, with their counts."""
    if not unicodedata.is_normalized("NFC", text):  # a decomposed tone mark is not a letter
        text = unicodedata.normalize("NFC", text)
    text = text.casefold()
    if "\u00a0" in text:  # a no-break space is a space
        text = text.replace("\u00a0", " ")
    if any(sign in text for sign in _MARKUP_SIGNS):
        text = _MARKUP.sub(" . ", text)
    phrases = _PHRASE.findall(_NOT_VIETNAMESE.sub(b" . ", text.encode("utf-8")))
    syllables = b" | ".join(phrases).split()
    counts = Counter(chain(syllables, map(b" ".join, pairwise(syllables))))
    if len(phrases) > 1:  # the gaps between phrases were counted, and the pairs across them: take them out
        del counts[_GAP]
        for phrase in phrases[:-1]:
            counts.pop(phrase.rsplit(None, 1)[-1] + b" |", None)
        for phrase in phrases[1:]:
            counts.pop(b"| " + phrase.split(None, 1)[0], None)
    return counts
