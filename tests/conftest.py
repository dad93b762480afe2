"""Fixtures shared by the whole suite: the fake web (proxy), the sandbox MediaWiki and the sandbox Dovecot."""

pytest_plugins = ["tests.support.web_fixtures", "tests.support.sandbox_fixtures", "tests.support.dovecot"]
