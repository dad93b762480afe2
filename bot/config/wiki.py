"""The wiki side's settings from config/wiki.toml: the active profile (politeness, run page) and summaries.

Template names are `bot.wiki.edits.TemplateNames` (the `[templates]` table); this module reads the rest.
Profiles differ between Commons (maxlag, a throttle between saves) and the local sandbox (no waiting), and
are chosen by `PERMBOT_PROFILE`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from bot.config.files import default_config_dir, read_toml
from bot.wiki.edits import TemplateNames
from verification.errors import ConfigError
from verification.files import FileVocabulary

PROFILE_VARIABLE = "PERMBOT_PROFILE"
DEFAULT_PROFILE = "commons"
# pywikibot's own default read throttle (config.minthrottle); used when a profile does not set one.
_DEFAULT_READ_THROTTLE = 0.1
# A batch of 500 saves takes most of an hour on Commons: the kill switch is read again at least this often.
_DEFAULT_RUN_PAGE_SECONDS = 60.0
# How long to wait for a connection and for each answer (pywikibot config.socket_timeout, the start check).
_DEFAULT_CONNECT_TIMEOUT = 10.0
_DEFAULT_READ_TIMEOUT = 60.0


def _number(data: Mapping[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where} {key}: must be a number >= 0, got {value!r}")
    return float(value)


def _positive(data: Mapping[str, Any], key: str, where: str, default: float) -> float:
    value = _number(data, key, where, default)
    if value <= 0:
        raise ConfigError(f"{where} {key}: must be a number > 0, got {value!r}")
    return value


def _text(data: Mapping[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise ConfigError(f"{where} {key}: must be a {'' if allow_empty else 'non-empty '}string")
    return value


@dataclass(frozen=True)
class WikiProfile:
    """How politely to edit and where the kill switch is; one per `[profiles.NAME]` table."""

    put_throttle: float  # seconds between saves
    maxlag: int  # maxlag sent with API requests; 0 sends none
    retry_wait: float  # first wait after maxlag/server errors without Retry-After
    retry_max: float  # longest single wait
    max_retries: int  # retries of one request before it fails
    run_page: str  # the on-wiki kill switch
    run_value: str  # the run page's content (stripped, case-insensitive) that lets the bot run
    sweep_days: int  # default --days of `permbot sweep`
    summary_suffix: str = ""  # appended to every edit summary
    read_throttle: float = _DEFAULT_READ_THROTTLE  # seconds between reads (pywikibot minthrottle)
    run_page_seconds: float = _DEFAULT_RUN_PAGE_SECONDS  # within a batch, look again after this long
    connect_timeout: float = _DEFAULT_CONNECT_TIMEOUT  # seconds to wait for a connection to the wiki
    read_timeout: float = _DEFAULT_READ_TIMEOUT  # seconds to wait for each answer

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "[profiles]") -> Self:
        max_retries = data.get("max_retries")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigError(f"{where} max_retries: must be an integer >= 0, got {max_retries!r}")
        sweep_days = data.get("sweep_days")
        if isinstance(sweep_days, bool) or not isinstance(sweep_days, int) or sweep_days < 1:
            raise ConfigError(f"{where} sweep_days: must be an integer >= 1, got {sweep_days!r}")
        maxlag = _number(data, "maxlag", where)
        if maxlag != int(maxlag):
            raise ConfigError(f"{where} maxlag: must be a whole number of seconds, got {maxlag!r}")
        return cls(
            put_throttle=_number(data, "put_throttle", where),
            maxlag=int(maxlag),
            retry_wait=_number(data, "retry_wait", where),
            retry_max=_number(data, "retry_max", where),
            max_retries=max_retries,
            run_page=_text(data, "run_page", where),
            run_value=_text(data, "run_value", where).strip().casefold(),
            sweep_days=sweep_days,
            summary_suffix=_text(data, "summary_suffix", where, allow_empty=True)
            if "summary_suffix" in data
            else "",
            read_throttle=_number(data, "read_throttle", where, _DEFAULT_READ_THROTTLE),
            run_page_seconds=_number(data, "run_page_seconds", where, _DEFAULT_RUN_PAGE_SECONDS),
            connect_timeout=_positive(data, "connect_timeout", where, _DEFAULT_CONNECT_TIMEOUT),
            read_timeout=_positive(data, "read_timeout", where, _DEFAULT_READ_TIMEOUT),
        )


_SUMMARY_KEYS = ("tag", "receive", "untag", "sweep")
_SUMMARY_FIELDS = frozenset({"ticket", "days"})


@dataclass(frozen=True)
class EditSummaries:
    """One summary per command; `{ticket}` and `{days}` are the only placeholders (nothing else may leak)."""

    tag: str
    receive: str
    untag: str
    sweep: str

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        values: dict[str, str] = {}
        for key in _SUMMARY_KEYS:
            value = _text(data, key, "[summaries]")
            parsed = string.Formatter().parse(value)
            fields = {name for _literal, name, _spec, _conversion in parsed if name is not None}
            unknown = fields - _SUMMARY_FIELDS
            if unknown:
                raise ConfigError(f"[summaries] {key}: unknown placeholder(s) {sorted(unknown)}")
            values[key] = value
        return cls(**values)


@dataclass(frozen=True)
class WikiSettings:
    """Everything config/wiki.toml says: template names, profiles by name, edit summaries."""

    names: TemplateNames
    profiles: Mapping[str, WikiProfile]
    summaries: EditSummaries

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        templates = data.get("templates")
        if not isinstance(templates, Mapping):
            raise ConfigError("[templates]: missing table")
        profiles = data.get("profiles")
        if not isinstance(profiles, Mapping) or not profiles:
            raise ConfigError(
                "[profiles]: missing table (one sub-table per profile: [profiles.commons], ...)"
            )
        parsed: dict[str, WikiProfile] = {}
        for name, table in profiles.items():
            if not isinstance(table, Mapping):
                raise ConfigError(f"[profiles.{name}]: must be a table")
            parsed[name] = WikiProfile.from_mapping(table, f"[profiles.{name}]")
        summaries = data.get("summaries")
        if not isinstance(summaries, Mapping):
            raise ConfigError("[summaries]: missing table")
        return cls(
            names=TemplateNames.from_mapping(templates),
            profiles=parsed,
            summaries=EditSummaries.from_mapping(summaries),
        )

    def profile(self, name: str) -> WikiProfile:
        """The named profile; a ConfigError names the variable and the profiles there are."""
        try:
            return self.profiles[name]
        except KeyError:
            known = ", ".join(sorted(self.profiles))
            raise ConfigError(
                f"{PROFILE_VARIABLE}={name!r}: no [profiles.{name}] in wiki.toml (known: {known})"
            ) from None


def profile_name(environ: Mapping[str, str]) -> str:
    return environ.get(PROFILE_VARIABLE, "").strip() or DEFAULT_PROFILE


def load_wiki_settings(config_dir: Path | None = None) -> WikiSettings:
    """config/wiki.toml as settings; a ConfigError names the file and key to fix."""
    return WikiSettings.from_mapping(read_toml(config_dir or default_config_dir(), "wiki.toml"))


def load_file_vocabulary(config_dir: Path | None = None) -> FileVocabulary:
    """config/files.toml: what the wiki commands accept as file names."""
    return FileVocabulary.from_mapping(read_toml(config_dir or default_config_dir(), "files.toml"))
