"""Loading config/: one TOML file per reader, each turned into its frozen settings object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config.files import cache_root, default_config_dir, read_lines, read_toml
from bot.config.language_model import load_language_model
from bot.evidence.cache import CacheSettings
from bot.evidence.fetch import FetchSettings
from bot.evidence.whois_lookup import WhoisSettings
from verification.domains import DomainVocabulary
from verification.errors import ConfigError
from verification.files import FileVocabulary
from verification.languages import LanguageDetector, SenderLanguage
from verification.licenses import LicenseVocabulary
from verification.lookalike import LookalikeSettings
from verification.message import MailVocabulary
from verification.policy import PolicySettings
from verification.reading import ReadingVocabulary
from verification.site_pages import SiteVocabulary
from verification.statement import StatementVocabulary


@dataclass(frozen=True)
class VerifierSettings:
    reading: ReadingVocabulary
    domains: DomainVocabulary
    lookalike: LookalikeSettings
    site: SiteVocabulary
    fetch: FetchSettings
    whois: WhoisSettings
    policy: PolicySettings
    message_deadline_seconds: float
    whois_enabled: bool
    reading_deadline_seconds: float = 10.0
    cache: CacheSettings = field(default_factory=CacheSettings)


WHOIS_SWITCH = "PERMBOT_WHOIS"


def load_verifier_settings(
    config_dir: Path | None = None, environ: Mapping[str, str] | None = None
) -> VerifierSettings:
    """Read every verifier config file; a ConfigError names the file and key to fix.

    `PERMBOT_WHOIS=off` in `environ` turns WHOIS off whatever policy.toml says: the fake web sets it, since
    it has no registries, and a rehearsal or a test must not query the real ones.
    """
    folder = config_dir or default_config_dir()
    policy_file = read_toml(folder, "policy.toml")
    verify_section = policy_file.get("verify", {})
    deadline = verify_section.get("message_deadline_seconds", 20.0)
    whois_enabled = verify_section.get("whois", True)
    if not isinstance(deadline, int | float) or deadline <= 0:
        raise ConfigError("policy.toml [verify] message_deadline_seconds must be a positive number")
    reading_deadline = verify_section.get("reading_deadline_seconds", 10.0)
    if not isinstance(reading_deadline, int | float) or reading_deadline <= 0:
        raise ConfigError("policy.toml [verify] reading_deadline_seconds must be a positive number")
    if not isinstance(whois_enabled, bool):
        raise ConfigError("policy.toml [verify] whois must be true or false")
    whois_enabled = whois_wanted(whois_enabled, environ or {})
    web = read_toml(folder, "web.toml")
    whois = WhoisSettings.from_mapping(web.get("whois", {}))
    cache_table = web.get("cache", {})
    if not isinstance(cache_table, dict):
        raise ConfigError("web.toml [cache] must be a table")
    licenses = LicenseVocabulary.from_mapping(read_toml(folder, "licenses.toml"))
    mail = read_toml(folder, "mail.toml")
    languages = language_detector(licenses.language_confidence)
    return VerifierSettings(
        reading=ReadingVocabulary(
            mail=MailVocabulary.from_mapping(mail),
            files=FileVocabulary.from_mapping(read_toml(folder, "files.toml")),
            licenses=licenses,
            statement=StatementVocabulary.from_mapping(read_toml(folder, "statement.toml")),
            languages=languages,
            sender_language=sender_language(mail.get("sender_language"), languages),
        ),
        domains=DomainVocabulary.from_mapping(
            read_toml(folder, "domains.toml"), read_lines(folder, "freemail.txt")
        ),
        lookalike=LookalikeSettings.from_mapping(read_toml(folder, "lookalike.toml")),
        site=SiteVocabulary.from_mapping(read_toml(folder, "site.toml")),
        fetch=FetchSettings.from_mapping(web.get("fetch", web)),
        whois=whois,
        policy=PolicySettings.from_mapping(policy_file.get("policy", {})),
        message_deadline_seconds=float(deadline),
        whois_enabled=whois_enabled,
        reading_deadline_seconds=float(reading_deadline),
        cache=CacheSettings.from_mapping(cache_table, whois.cache_ttl),
    )


def whois_wanted(configured: bool, environ: Mapping[str, str]) -> bool:
    """policy.toml's `whois`, unless the environment turns it off (`PERMBOT_WHOIS=off`); the environment
    never turns on what the operator's config turned off."""
    switch = environ.get(WHOIS_SWITCH, "").strip().lower()
    if switch not in ("", "on", "off"):
        raise ConfigError(f"{WHOIS_SWITCH} must be 'on' or 'off', not {switch!r}")
    return configured and switch != "off"


def sender_language(table: Any, paragraphs: LanguageDetector) -> SenderLanguage:
    """mail.toml's `[sender_language]`; the classifier (and its model, loaded once) is the paragraphs'."""
    where = "mail.toml [sender_language]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table with min_letters, min_confidence, max_characters")
    counts: dict[str, int] = {}
    for key in ("min_letters", "max_characters"):
        value = table.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where} {key}: expected a positive integer")
        counts[key] = value
    confidence = table.get("min_confidence")
    if not isinstance(confidence, int | float) or isinstance(confidence, bool) or not 0.5 <= confidence <= 1:
        raise ConfigError(f"{where} min_confidence: expected a probability from 0.5 to 1.0")
    detector = LanguageDetector(paragraphs.classify, float(confidence))
    return SenderLanguage(detector, counts["min_letters"], counts["max_characters"])


def language_detector(min_confidence: float) -> LanguageDetector:
    """py3langid's bundled model, offline, about 0.2 ms a paragraph."""
    return LanguageDetector(_LazyLanguageId(), min_confidence)


# Paragraphs whose language a reading process remembers: the Release Generator's and the consent
# templates' paragraphs come back word for word in mail after mail, and each reader of one mail asks too.
_GUESSES_KEPT = 2_000


class _LazyLanguageId:
    """Loads the model (about 70 MB) on first use, in the process that reads: most mail never needs it
    (only an only-word asks), and settings sent to reading workers stay small."""

    def __init__(self) -> None:
        self._identifier: Any = None
        self._guesses: dict[str, tuple[str, float]] = {}

    def __call__(self, text: str) -> tuple[str, float]:
        guess = self._guesses.get(text)
        if guess is None:
            if self._identifier is None:
                self._identifier = load_language_model(cache_root())
            code, probability = self._identifier.classify(text)
            if len(self._guesses) >= _GUESSES_KEPT:
                self._guesses.clear()
            guess = self._guesses[text] = (str(code), float(probability))
        return guess

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._identifier = None
        self._guesses = {}
