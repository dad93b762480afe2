"""PERMBOT_WHOIS, which the fake web sets so that rehearsals and tests never ask the real registries."""

from __future__ import annotations

import pytest

from bot.config.verifier import whois_wanted
from bot.sandbox.fakeweb import FakeWeb
from verification.errors import ConfigError


@pytest.mark.parametrize(
    ("configured", "environ", "expected"),
    [
        (True, {}, True),
        (True, {"PERMBOT_WHOIS": ""}, True),
        (True, {"PERMBOT_WHOIS": "on"}, True),
        (True, {"PERMBOT_WHOIS": "off"}, False),
        (True, {"PERMBOT_WHOIS": " OFF "}, False),
        (False, {}, False),
        (False, {"PERMBOT_WHOIS": "on"}, False),  # the environment never overrides the operator's "off"
    ],
)
def test_whois_wanted(configured: bool, environ: dict[str, str], expected: bool) -> None:
    assert whois_wanted(configured, environ) is expected


@pytest.mark.parametrize("value", ["no", "0", "false", "disabled"])
def test_other_values_are_a_clear_error(value: str) -> None:
    with pytest.raises(ConfigError, match="PERMBOT_WHOIS must be 'on' or 'off'"):
        whois_wanted(True, {"PERMBOT_WHOIS": value})


def test_the_fake_web_turns_whois_off() -> None:
    with FakeWeb({}) as web:
        assert whois_wanted(True, web.env) is False
