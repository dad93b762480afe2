"""Fixtures shared by the whole suite: the fake web (proxy), the sandbox MediaWiki, the store."""

pytest_plugins = [
    "tests.support.web_fixtures",
    "tests.support.sandbox_fixtures",
    "tests.support.store_fixtures",
]
