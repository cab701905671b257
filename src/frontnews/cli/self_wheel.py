"""The wheel of the running frontnews, for `frontnews init` to copy into a new site.

A new site installs frontnews from that file, so its CI needs frontnews on no package index. The
wheel is made from what Python imports: the package folder (the installed copy, or the source
tree of an editable install) and the distribution's metadata. No build tool, no network, and the
same frontnews always gives the same bytes (sorted entries, fixed timestamps).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import zipfile
from importlib import metadata
from pathlib import Path

from .. import __version__

DIST_NAME = "frontnews"
PACKAGE = Path(__file__).parent.parent  # the frontnews package folder
# Files of the dist-info folder that describe the distribution (the rest is the installer's own).
METADATA_FILES = ("METADATA", "entry_points.txt", "top_level.txt")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


class WheelError(Exception):
    """A reason, in Vietnamese, why the wheel could not be made."""


def wheel_name(version: str = __version__) -> str:
    return f"{DIST_NAME}-{version}-py3-none-any.whl"


def build_wheel() -> tuple[str, bytes]:
    """(file name, bytes) of a pure-Python wheel holding the running frontnews."""
    dist_info = f"{DIST_NAME}-{__version__}.dist-info"
    entries = [(f"{PACKAGE.name}/{relative}", data) for relative, data in _package_files()]
    entries += [(f"{dist_info}/{name}", data) for name, data in _metadata_files()]
    entries.append(
        (
            f"{dist_info}/WHEEL",
            (b"Wheel-Version: 1.0\nGenerator: frontnews init\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        )
    )
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries)
    entries.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return wheel_name(), buffer.getvalue()


def _package_files() -> list[tuple[str, bytes]]:
    """Every file of the package folder but compiled bytecode, symlinks followed (the theme's are)."""
    files = []
    for folder, subfolders, names in os.walk(PACKAGE, followlinks=True):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                path = Path(folder, name)
                files.append((path.relative_to(PACKAGE).as_posix(), path.read_bytes()))
    return sorted(files)


def _metadata_files() -> list[tuple[str, bytes]]:
    try:
        dist = metadata.distribution(DIST_NAME)
    except metadata.PackageNotFoundError:
        dist = None
    text = (dist.read_text("METADATA") or dist.read_text("PKG-INFO")) if dist else None
    if dist is None or dist.version != __version__ or not text:
        raise WheelError(
            f"không tìm thấy thông tin cài đặt (METADATA) của frontnews {__version__} đang chạy, nên không "
            "chép được frontnews vào trang mới. Hãy cài frontnews bằng pip, ví dụ "
            "“python3 -m pip install -e .” trong thư mục mã nguồn frontnews, rồi chạy lại lệnh."
        )
    files = [("METADATA", text.encode())]
    for name in METADATA_FILES[1:]:
        data = dist.read_text(name)
        if data:
            files.append((name, data.encode()))
    return files


def _digest(data: bytes) -> str:
    """A RECORD hash: urlsafe base64 of the sha256, without padding (the wheel format's spelling)."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
