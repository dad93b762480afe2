"""Fixtures shared by the whole suite: the fake web (proxy), the sandbox MediaWiki and Dovecot, the store."""

pytest_plugins = [
    "tests.support.web_fixtures",
    "tests.support.sandbox_fixtures",
    "tests.support.dovecot",
    "tests.support.store_fixtures",
]
