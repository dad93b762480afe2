"""Where config/ is and how its TOML files are read; light, so every command can use it cheaply."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from verification.errors import ConfigError

CONFIG_DIR_VARIABLE = "PERMBOT_CONFIG_DIR"


def default_config_dir() -> Path:
    """`$PERMBOT_CONFIG_DIR`, else the repository's config/ folder next to the packages."""
    configured = os.environ.get(CONFIG_DIR_VARIABLE)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "config"


def read_toml(config_dir: Path, name: str) -> dict[str, Any]:
    path = config_dir / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise ConfigError(
            f"missing config file {path} (set {CONFIG_DIR_VARIABLE} to the config folder)"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error


def read_lines(config_dir: Path, name: str) -> list[str]:
    path = config_dir / name
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise ConfigError(f"missing config file {path}") from error
