"""Checked reading of config values: every reader's vocabulary is built from lists of strings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from verification.errors import ConfigError


def strings(value: object, where: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    """`value` as a tuple of non-empty strings; ConfigError naming `where` when it is anything else."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{where}: expected a list of non-empty strings, got {type(value).__name__}")
    if not value and not allow_empty:
        raise ConfigError(f"{where}: expected at least one entry")
    return tuple(value)


def string_list(
    data: Mapping[str, Any], key: str, table: str, *, required: bool = True, allow_empty: bool = False
) -> tuple[str, ...]:
    """`data[key]` as checked by `strings`; a missing key is an error when `required`, else empty."""
    if key not in data and not required:
        return ()
    return strings(data.get(key), f"{table}.{key}", allow_empty=allow_empty or not required)
