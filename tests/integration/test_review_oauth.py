"""The review page's production login, offline: mwoauth's real handshake against a fake Meta-Wiki.

The app runs in Flask's test client (the agent's browser); mwoauth and the globaluserinfo check make real
HTTP requests to tests/support/fake_oauth.py on 127.0.0.1, which checks their signatures as MediaWiki does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from flask.testing import FlaskClient

from bot.config.files import default_config_dir, read_toml
from bot.config.review import LoginMode, ReviewSettings
from bot.config.store import sqlite_url
from bot.review.app import ReviewParts, create_app
from bot.review.auth import global_refusal
from bot.review.replies import load_replies
from bot.review.runner import passes_runner
from bot.store.store import Store
from bot.wiki.accounts import Account
from tests.support.fake_oauth import FakeOAuthProvider, GlobalAccount, fake_oauth_provider
from verification.message import MailVocabulary

CALLBACK = "http://localhost/oauth-callback"
AGENT = GlobalAccount("Vera Agent", 4711, ("vrt-permissions", "global-renamer"))
OUTSIDER = GlobalAccount("Olaf Outsider", 815, ("global-rollbacker",))
GROUP = "vrt-permissions"


@pytest.fixture
def provider() -> Iterator[FakeOAuthProvider]:
    fake = FakeOAuthProvider(
        consumer_key="fake-consumer-key",
        consumer_secret="fake-consumer-secret-of-32-bytes",
        callback=CALLBACK,
        accounts={account.name: account for account in (AGENT, OUTSIDER)},
    )
    with fake_oauth_provider(fake) as served:
        yield served


def oauth_client(provider: FakeOAuthProvider, tmp_path: Path, allowed: frozenset[int]) -> FlaskClient:
    settings = ReviewSettings(
        login=LoginMode.OAUTH,
        secret_key="test-secret-key-not-for-production",
        wiki_api=provider.api_url,
        global_group=GROUP,
        allowed_central_ids=allowed,
        oauth_index_url=provider.index_url,
        oauth_api_url=provider.api_url,
        consumer_key=provider.consumer_key,
        consumer_secret=provider.consumer_secret,
        secure_cookies=False,
    )
    store = Store.open(sqlite_url(tmp_path / "permbot.sqlite3"), migrate_schema=True)
    app = create_app(
        ReviewParts(
            settings=settings,
            store=store,
            replies=load_replies(),
            mail_vocabulary=MailVocabulary.from_mapping(read_toml(default_config_dir(), "mail.toml")),
            runner=passes_runner(store),
            file_info=None,
        )
    )
    return app.test_client()


def log_in_as(client: FlaskClient, provider: FakeOAuthProvider, name: str) -> tuple[int, str, str]:
    """The browser's round trip: our login -> the provider's authorize page -> our callback.
    The callback's status, its Location (or ''), and its page."""
    provider.approving = name
    start = client.get("/login")
    assert start.status_code == 302, start.get_data(as_text=True)
    authorize = start.headers["Location"]
    assert authorize.startswith(provider.index_url + "?title=Special%3AOAuth%2Fauthenticate")
    approved = requests.get(authorize, allow_redirects=False, timeout=10)
    back = urlsplit(approved.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    answer = client.get(f"{back.path}?{back.query}")
    return answer.status_code, answer.headers.get("Location", ""), answer.get_data(as_text=True)


@pytest.mark.parametrize("string_subject", [False, True], ids=["numeric-sub", "string-sub"])
def test_an_agent_in_the_global_group_gets_in(
    provider: FakeOAuthProvider, tmp_path: Path, string_subject: bool
) -> None:
    provider.string_subject = string_subject  # MediaWiki sends a number; PyJWT 2.10+ wants a string
    client = oauth_client(provider, tmp_path, frozenset())
    status, location, _ = log_in_as(client, provider, AGENT.name)
    assert (status, location) == (302, "/")
    queue = client.get("/")
    assert queue.status_code == 200
    assert "Vera Agent" in queue.get_data(as_text=True)
    assert provider.refused == []  # every signed request was signed right


def test_an_account_without_the_group_is_refused_with_the_reason(
    provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    client = oauth_client(provider, tmp_path, frozenset())
    status, _, page = log_in_as(client, provider, OUTSIDER.name)
    assert status == 403
    assert "Access refused: Not a permissions agent" in page
    assert "vrt-permissions" in page
    assert client.get("/").headers["Location"] == "/login"


@pytest.mark.parametrize(
    ("allowed", "expected_status"),
    [(frozenset({AGENT.central_id, 1}), 302), (frozenset({1, 2}), 403)],
    ids=["listed", "not-listed"],
)
def test_the_allow_list_narrows_the_agents(
    provider: FakeOAuthProvider, tmp_path: Path, allowed: frozenset[int], expected_status: int
) -> None:
    client = oauth_client(provider, tmp_path, allowed)
    status, _, page = log_in_as(client, provider, AGENT.name)
    assert status == expected_status
    if expected_status == 403:
        assert "Access refused: Not on this tool&#39;s list" in page


def test_a_tampered_identity_is_refused(provider: FakeOAuthProvider, tmp_path: Path) -> None:
    provider.tamper_identity = True
    client = oauth_client(provider, tmp_path, frozenset())
    status, _, page = log_in_as(client, provider, AGENT.name)
    assert status == 403
    assert "Access refused: Login failed" in page
    assert client.get("/").headers["Location"] == "/login"


def test_a_callback_without_a_started_login_is_refused(provider: FakeOAuthProvider, tmp_path: Path) -> None:
    client = oauth_client(provider, tmp_path, frozenset())
    answer = client.get("/oauth-callback?oauth_verifier=x&oauth_token=y")
    assert answer.status_code == 403
    assert "Login expired" in answer.get_data(as_text=True)


def test_a_provider_that_does_not_answer_is_a_clear_refusal(tmp_path: Path) -> None:
    fake = FakeOAuthProvider("key", "secret", CALLBACK, base="http://127.0.0.1:9")  # discard port: closed
    client = oauth_client(fake, tmp_path, frozenset())
    answer = client.get("/login")
    assert answer.status_code == 403
    assert "Login unavailable" in answer.get_data(as_text=True)


def account(groups: tuple[str, ...], central_id: int | None = 7) -> Account:
    return Account("Someone", central_id, frozenset(groups))


@pytest.mark.parametrize(
    ("found", "allowed", "refusal"),
    [
        (None, frozenset(), "No global account"),
        (account(()), frozenset(), "Not a permissions agent"),
        (account(("sysop", "vrt-permission")), frozenset(), "Not a permissions agent"),
        (account((GROUP,)), frozenset(), None),
        (account((GROUP,)), frozenset({7}), None),
        (account((GROUP,)), frozenset({8}), "Not on this tool's list"),
        (account((GROUP,), central_id=None), frozenset({7}), "Not on this tool's list"),
        (
            account(("sysop",)),
            frozenset({7}),
            "Not a permissions agent",
        ),  # the list does not replace the group
    ],
)
def test_global_refusal(found: Account | None, allowed: frozenset[int], refusal: str | None) -> None:
    result = global_refusal(found, GROUP, allowed)
    assert (result.title if result else None) == refusal
