"""The site's identity for `frontnews init`: its flags checked, the logo and banner copied into static/.

What is written is the `site:` section of frontnews.yaml (content.identity reads it back), so a new
site shows its committee's details in the header, the footer and its JSON-LD from its first build.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..content.identity import KEYS, PICTURES, text_problem
from ..paths import STATIC_DIR
from ..vi.text import clean_inline

PICTURE_TYPES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif")
# The flag of each key, as `frontnews init --help` lists them.
FLAGS = {
    "logo": "--logo",
    "banner": "--banner",
    "organization": "--organization",
    "address": "--address",
    "phone": "--phone",
    "email": "--email",
    "responsible": "--responsible",
    "license": "--license",
}


def prepare_identity(given: Mapping[str, str | None]) -> tuple[tuple[tuple[str, str], ...], dict[str, bytes]]:
    """(the `site:` entries in KEYS order, the files to write): a picture becomes static/<key>.<type>.

    Raises ValueError, in Vietnamese, for a value frontnews.yaml would refuse.
    """
    entries: list[tuple[str, str]] = []
    files: dict[str, bytes] = {}
    for key in KEYS:
        raw = given.get(key)
        if raw is None:
            continue
        if key in PICTURES:
            source = Path(raw).expanduser()
            if source.suffix.lower() not in PICTURE_TYPES or not source.is_file():
                raise ValueError(
                    f"{FLAGS[key]} “{raw}” phải là một tệp ảnh có sẵn trên máy "
                    f"({', '.join(PICTURE_TYPES)}), ví dụ {FLAGS[key]} logo-mttq.png"
                )
            relative = f"{STATIC_DIR}/{key}{source.suffix.lower()}"
            files[relative] = source.read_bytes()
            entries.append((key, "/" + relative))
            continue
        text = clean_inline(raw)
        wrong = text_problem(key, text) if text else "không được để trống"
        if wrong:
            raise ValueError(f"{FLAGS[key]} “{raw}” {wrong}.")
        entries.append((key, text))
    return tuple(entries), files
