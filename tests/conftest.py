"""Fixtures shared by the whole suite: the fake web (proxy) and the sandbox MediaWiki."""

pytest_plugins = ["tests.support.web_fixtures", "tests.support.sandbox_fixtures"]
