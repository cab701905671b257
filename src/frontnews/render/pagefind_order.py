"""Make a Pagefind bundle's filter files the same bytes for the same pages.

Pagefind 1.5 writes its filters from hash maps seeded at random in each run: the values of a
filter (`filter/*.pf_filter`) and the list of filters in the language's metadata
(`pagefind.*.pf_meta`) come out in a different order each time, so the files' names (hashes of
their bytes), the metadata that names them and `pagefind-entry.json` differ between two runs on
the same pages. Everything else it writes is stable. Here the filters and their values are put in
sorted order and written again under names made from their bytes, so a build is reproducible.

The files are Pagefind's signature `pagefind_dcd` followed by CBOR (RFC 8949) of arrays, integers
and strings; Pagefind's script reads them compressed or not, and they are written uncompressed
(no dependence on the zlib at hand). A file that is not in the expected shape, or that this module
would not write back byte for byte, is left as Pagefind wrote it (`tests/test_search_index.py`
checks that two runs give the same bundle).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
META_FILTERS = 3  # the metadata's fields: version, pages, index chunks, filters, sorts, meta keys


class Unexpected(ValueError):
    """Not the file shape this module knows."""


def read(path: Path) -> Any:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise Unexpected(path.name)
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or SIGNATURE + encode(value) != data:
        raise Unexpected(path.name)  # something this codec would not write back the same
    return value


def encode(value: Any) -> bytes:
    """CBOR with the shortest head for every length and integer, as Pagefind's encoder writes it."""
    if isinstance(value, bool) or value is None:
        raise Unexpected(repr(value))
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(encode, value))
    raise Unexpected(type(value).__name__)


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise Unexpected(str(n))


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    major, extra = data[i] >> 5, data[i] & 31
    i += 1
    if extra < 24:
        n = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise Unexpected("indefinite length")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 2:
        return data[i : i + n], i + n
    if major == 3:
        return data[i : i + n].decode("utf-8"), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise Unexpected(f"major type {major}")


def _write(folder: Path, prefix: str, digits: int, suffix: str, value: Any) -> str:
    """Write `value` under a name made of its bytes; the name's hash part, e.g. "vi_1a2b3c4"."""
    data = SIGNATURE + encode(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(data)
    return name


def order_filters(bundle: Path) -> bool:
    """Rewrite the bundle's filters in sorted order; False (bundle untouched) if its shape is not known."""
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry_text = entry_file.read_text(encoding="utf-8")
        languages = json.loads(entry_text)["languages"]
        plans = [_plan(bundle, code, info["hash"]) for code, info in sorted(languages.items())]
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return False
    for code, old_meta, meta, filters in plans:
        for old_name, _ in filters.values():
            (bundle / "filter" / f"{old_name}.pf_filter").unlink()
        names = {
            filter_name: _write(bundle / "filter", code, 7, ".pf_filter", value)
            for filter_name, (_, value) in filters.items()
        }
        meta[META_FILTERS] = [[filter_name, names[filter_name]] for filter_name in sorted(names)]
        (bundle / f"pagefind.{old_meta}.pf_meta").unlink()
        new_meta = _write(bundle, "pagefind." + code, 10, ".pf_meta", meta)[len("pagefind.") :]
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    entry_file.write_text(entry_text, encoding="utf-8")
    return True


def _plan(bundle: Path, code: str, meta_hash: str) -> tuple[str, str, list, dict[str, tuple[str, list]]]:
    """Read one language's metadata and filters, each filter's values sorted (and their pages)."""
    meta = read(bundle / f"pagefind.{meta_hash}.pf_meta")
    filters: dict[str, tuple[str, list]] = {}
    for name, file_hash in meta[META_FILTERS]:
        filter_name, values = read(bundle / "filter" / f"{file_hash}.pf_filter")
        if filter_name != name or not all(isinstance(v, str) and isinstance(p, list) for v, p in values):
            raise Unexpected(name)
        filters[name] = (file_hash, [filter_name, sorted([v, sorted(p)] for v, p in values)])
    return code, meta_hash, meta, filters
