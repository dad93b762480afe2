"""Test support for the outside-evidence parts: the real config files, and a `fake_web` fixture."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.fakeweb import FakeWeb, SiteEntry
from verification.domains import DomainTools, DomainVocabulary

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def load_config(name: str) -> dict[str, Any]:
    """config/<name>.toml as the lead's loader reads it."""
    return tomllib.loads((CONFIG_DIR / f"{name}.toml").read_text(encoding="utf-8"))


def domain_tools() -> DomainTools:
    """DomainTools over the real domains.toml and freemail.txt."""
    return DomainTools(DomainVocabulary.load(CONFIG_DIR))


FakeWebFactory = Callable[..., FakeWeb]


@pytest.fixture
def fake_web(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWebFactory]:
    """A factory: `web = fake_web(sites, latency=0.0, strict_scheme=True)` starts a fake web and points
    this test's environment (proxies, CA bundle) at it; everything started is shut down afterwards."""
    started: list[FakeWeb] = []

    def start(sites: Mapping[str, SiteEntry], *, latency: float = 0.0, strict_scheme: bool = True) -> FakeWeb:
        web = FakeWeb(sites, latency=latency, strict_scheme=strict_scheme)
        started.append(web)
        for name in ("ALL_PROXY", "all_proxy", "CURL_CA_BUNDLE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in web.env.items():
            monkeypatch.setenv(name, value)
        return web

    yield start
    for web in started:
        web.close()
