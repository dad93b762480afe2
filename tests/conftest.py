"""Fixtures shared by the whole suite: the fake web (proxy), the sandbox MediaWiki and Dovecot, the store."""

from hypothesis import settings

pytest_plugins = [
    "tests.support.web_fixtures",
    "tests.support.sandbox_fixtures",
    "tests.support.dovecot",
    "tests.support.store_fixtures",
]

# Property tests check behaviour, never speed: a per-example deadline fails them on a loaded machine
# (speed is the benchmarks' job, tests/benchmarks/).
settings.register_profile("permbot", deadline=None)
settings.load_profile("permbot")
