"""Where config/ is and how its TOML files are read; light, so every command can use it cheaply.

The folder is found in this order: `$PERMBOT_CONFIG_DIR`; the repository's config/ beside the packages (a
checkout or an editable install); the copy a regular `pip install .` puts under `<prefix>/share/permbot/`.
"""

from __future__ import annotations

import os
import sysconfig
import tomllib
from pathlib import Path
from typing import Any

from verification.errors import ConfigError

CONFIG_DIR_VARIABLE = "PERMBOT_CONFIG_DIR"


# Where `pip install .` (not editable) puts config/ and user-config.py: pyproject's data-files.
INSTALLED_SHARE = Path("share") / "permbot"


def _checkout_root() -> Path:
    return Path(__file__).resolve().parents[2]


def installed_share_dir() -> Path:
    return Path(sysconfig.get_path("data")) / INSTALLED_SHARE


def default_config_dir() -> Path:
    """`$PERMBOT_CONFIG_DIR`, else the checkout's config/, else the installed copy."""
    configured = os.environ.get(CONFIG_DIR_VARIABLE)
    if configured:
        return Path(configured)
    checkout = _checkout_root() / "config"
    if checkout.is_dir():
        return checkout
    return installed_share_dir() / "config"


def shipped_user_config() -> Path:
    """pywikibot's user-config.py as shipped (no secrets; it reads the PERMBOT_* variables)."""
    checkout = _checkout_root() / "user-config.py"
    if checkout.is_file():
        return checkout
    return installed_share_dir() / "user-config.py"


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


def cache_root() -> Path:
    """Where permbot keeps what it can rebuild (the sandbox's code and wikis, the unpacked language
    model): $PERMBOT_CACHE_DIR, else $XDG_CACHE_HOME/permbot, else ~/.cache/permbot."""
    explicit = os.environ.get("PERMBOT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "permbot"
