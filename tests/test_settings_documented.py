"""Every setting the code reads is documented in the README (as datasette does)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(
    {
        name
        for path in (ROOT / "src" / "cablekg").rglob("*.py")
        for name in re.findall(r"CABLEKG_[A-Z][A-Z_]*[A-Z]", path.read_text(encoding="utf-8"))
    }
)


def test_settings_were_found() -> None:
    assert "CABLEKG_STORE" in NAMES and "CABLEKG_BASE" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in (ROOT / "README.md").read_text(encoding="utf-8"), (
        f"{name} is not in README.md"
    )


@pytest.mark.parametrize(
    "command", ["load", "validate", "query", "export", "remove", "serve", "docs"]
)
def test_command_is_documented(command: str) -> None:
    assert f"cablekg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")
