"""Shared by the reading benchmarks and the mail fuzzer: pure reading and deciding of one mail, no web."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.verifier import VerifierSettings
from verification.assembly import assemble_facts, choose_official_site
from verification.domains import DomainTools
from verification.model import Suggestion
from verification.policy import decide
from verification.reading import read_ticket


@dataclass(frozen=True)
class PureVerifier:
    """read_ticket + decide as `permbot verify` runs them, with no site, WHOIS or sender-site evidence."""

    settings: VerifierSettings
    tools: DomainTools

    @classmethod
    def build(cls, settings: VerifierSettings) -> PureVerifier:
        return cls(settings, DomainTools(settings.domains))

    def verify(self, raw: bytes) -> Suggestion:
        reading = read_ticket(raw, self.settings.reading)
        official = choose_official_site(reading, self.tools)
        facts = assemble_facts(reading, official, None, None, self.tools, self.settings.lookalike, None)
        return decide(facts, self.settings.policy)
