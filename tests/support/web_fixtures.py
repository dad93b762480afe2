"""Test support for the outside-evidence parts: the real config files, and a `fake_web` fixture."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from verification.domains import DomainTools, DomainVocabulary

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def load_config(name: str) -> dict[str, Any]:
    """config/<name>.toml as the lead's loader reads it."""
    return tomllib.loads((CONFIG_DIR / f"{name}.toml").read_text(encoding="utf-8"))


def domain_tools() -> DomainTools:
    """DomainTools over the real domains.toml and freemail.txt."""
    return DomainTools(DomainVocabulary.load(CONFIG_DIR))
