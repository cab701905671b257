"""Shared fixtures; the helpers themselves live in sitefactory.py so that test modules can import
them by a name no other conftest.py shadows."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitefactory import write_site


@pytest.fixture
def make_site(tmp_path):
    def make(files: dict[str, str | bytes], name: str = "site") -> Path:
        return write_site(tmp_path / name, files)

    return make
