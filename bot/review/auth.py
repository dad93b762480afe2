"""Login and logout. Only agents get in; everyone else sees a page that says why.

Local login (sandbox, development): the wiki's own accounts, password checked by the wiki's API, and a
local group. OAuth (production): the Wikimedia account through MediaWiki OAuth (mwoauth), then its global
group (`meta=globaluserinfo`) and, when configured, an allow-list of central user ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from bot.config.review import LoginMode, ReviewSettings
from bot.review.oauth import identify
from bot.review.security import check_csrf, current_agent, start_session
from bot.wiki.accounts import (
    USER_AGENT,
    Account,
    LoginResult,
    WikiAccountError,
    check_password,
    global_account,
    local_account,
)

log = logging.getLogger(__name__)

blueprint = Blueprint("auth", __name__)

OAUTH_REQUEST_TOKEN = "oauth_request_token"  # noqa: S105 (a session key's name)


@dataclass(frozen=True)
class Refusal:
    """Why someone was not let in, in words for the person refused."""

    title: str
    explanation: str


def _settings() -> ReviewSettings:
    settings: ReviewSettings = current_app.config["PERMBOT_SETTINGS"]
    return settings


def local_refusal(account: Account | None, group: str) -> Refusal | None:
    if account is None:
        return Refusal("No such account", "The wiki has no account of that name.")
    if group not in account.groups:
        return Refusal(
            "Not a permissions agent",
            f"The account {account.name} is not in the wiki's group “{group}”. Only VRT permissions "
            "agents can use this page.",
        )
    return None


def global_refusal(account: Account | None, group: str, allowed: frozenset[int]) -> Refusal | None:
    if account is None:
        return Refusal("No global account", "This account has no global (unified) account to check.")
    if group not in account.groups:
        return Refusal(
            "Not a permissions agent",
            f"The account {account.name} is not in the global group “{group}”. Only VRT permissions "
            "agents can use this page; ask on the VRT noticeboard if you should be one.",
        )
    if allowed and (account.central_id is None or account.central_id not in allowed):
        return Refusal(
            "Not on this tool's list",
            f"The account {account.name} is a permissions agent but not on the list of agents this "
            "installation admits. Ask its operators.",
        )
    return None


def _refused(refusal: Refusal) -> tuple[str, int]:
    return render_template("refused.html", refusal=refusal), 403


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> BaseResponse | str | tuple[str, int]:
    settings = _settings()
    if current_agent() is not None:
        return redirect(url_for("queue.index"))
    if settings.login is LoginMode.OAUTH:
        return _oauth_start(settings)
    if request.method == "GET":
        return render_template("login.html", error=None)
    check_csrf()
    user = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not user or not password:
        return render_template("login.html", error="Enter the account's name and password."), 400
    result = check_password(settings.wiki_api, user, password, settings.wiki_timeout_seconds)
    if result is LoginResult.WIKI_UNAVAILABLE:
        return render_template("login.html", error="The wiki did not answer; try again in a minute."), 503
    if result is LoginResult.WRONG_PASSWORD:
        log.info("review login refused: wrong password")
        return render_template("login.html", error="That name and password did not work."), 401
    try:
        account = local_account(settings.wiki_api, user, settings.wiki_timeout_seconds)
    except WikiAccountError:
        return render_template("login.html", error="The wiki did not answer; try again in a minute."), 503
    refusal = local_refusal(account, settings.local_group)
    if refusal is not None or account is None:
        log.info("review login refused: %s", refusal.title if refusal else "no account")
        return _refused(refusal or Refusal("No such account", ""))
    start_session(account.name, settings.session_minutes)
    log.info("review login: %s", account.name)
    return redirect(url_for("queue.index"))


def _handshaker(settings: ReviewSettings) -> object:
    import mwoauth

    consumer = mwoauth.ConsumerToken(settings.consumer_key, settings.consumer_secret)
    return mwoauth.Handshaker(settings.oauth_index_url, consumer, user_agent=USER_AGENT)


def _oauth_start(settings: ReviewSettings) -> BaseResponse | tuple[str, int]:
    import mwoauth

    try:
        redirect_url, request_token = _handshaker(settings).initiate()  # type: ignore[attr-defined]
    except (mwoauth.OAuthException, OSError, ValueError):  # requests' errors are OSErrors
        log.warning("review login: the OAuth provider did not start a handshake")
        return _refused(Refusal("Login unavailable", "Wikimedia's login did not answer; try again soon."))
    session[OAUTH_REQUEST_TOKEN] = list(request_token)
    return redirect(redirect_url)


@blueprint.route("/oauth-callback")
def oauth_callback() -> BaseResponse | tuple[str, int]:
    import mwoauth

    settings = _settings()
    if settings.login is not LoginMode.OAUTH:
        return redirect(url_for("auth.login"))
    stored = session.pop(OAUTH_REQUEST_TOKEN, None)
    if not isinstance(stored, list) or len(stored) != 2:
        return _refused(Refusal("Login expired", "The login took too long or was started elsewhere."))
    handshaker = _handshaker(settings)
    try:
        access = handshaker.complete(mwoauth.RequestToken(*stored), request.query_string.decode())  # type: ignore[attr-defined]
        identity = identify(
            settings.oauth_index_url,
            mwoauth.ConsumerToken(settings.consumer_key, settings.consumer_secret),
            access,
            USER_AGENT,
            settings.wiki_timeout_seconds,
        )
        account = global_account(
            settings.oauth_api_url, str(identity["username"]), settings.wiki_timeout_seconds
        )
    except (mwoauth.OAuthException, WikiAccountError, KeyError, TypeError, ValueError, OSError) as error:
        # mwoauth raises TypeError on a token answer without tokens; a bad identify JWT is an OAuthException
        log.warning("review login refused: the OAuth handshake failed (%s)", type(error).__name__)
        return _refused(Refusal("Login failed", "Wikimedia's login could not confirm the account."))
    refusal = global_refusal(account, settings.global_group, settings.allowed_central_ids)
    if refusal is not None or account is None:
        log.info("review login refused: %s", refusal.title if refusal else "no global account")
        return _refused(refusal or Refusal("No global account", ""))
    start_session(account.name, settings.session_minutes)
    log.info("review login: %s", account.name)
    return redirect(url_for("queue.index"))


@blueprint.route("/logout", methods=["POST"])
def logout() -> BaseResponse:
    check_csrf()
    session.clear()
    return redirect(url_for("auth.login"))
