"""Sessions, CSRF and security headers: what every request of the review page goes through."""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from flask import Response, abort, current_app, g, redirect, request, session, url_for

CSRF_FIELD = "csrf_token"
SESSION_AGENT = "agent"
SESSION_EXPIRES = "expires"
SESSION_CSRF = "csrf"

# No inline script or style anywhere: the page's own files only, images from the configured wikis.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' {images}; "
    "form-action 'self' {form_targets}; base-uri 'none'; frame-ancestors 'none'"
)

View = TypeVar("View", bound=Callable[..., Any])


def start_session(agent: str, minutes: int) -> None:
    """A fresh session for a checked agent (the old one is dropped: no session fixation)."""
    session.clear()
    session.permanent = True
    session[SESSION_AGENT] = agent
    session[SESSION_EXPIRES] = (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat()
    session[SESSION_CSRF] = secrets.token_urlsafe(32)


def current_agent() -> str | None:
    agent = session.get(SESSION_AGENT)
    expires = session.get(SESSION_EXPIRES)
    if not isinstance(agent, str) or not isinstance(expires, str):
        return None
    try:
        if datetime.fromisoformat(expires) <= datetime.now(UTC):
            session.clear()
            return None
    except ValueError:
        session.clear()
        return None
    return agent


def csrf_token() -> str:
    """The session's token (made on first use, so the login form has one too)."""
    token = session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[SESSION_CSRF] = token
    return token


def check_csrf() -> None:
    """Every state-changing request carries the session's token in its form: else 400."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.form.get(CSRF_FIELD, "")
    expected = session.get(SESSION_CSRF)
    if not isinstance(expected, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="The form was missing its security token or it had expired. Reload the page.")


def agent_required(view: View) -> View:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        agent = current_agent()
        if agent is None:
            return redirect(url_for("auth.login"))
        g.agent = agent
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def set_security_headers(response: Response) -> Response:
    images = current_app.config["PERMBOT_IMAGE_ORIGINS"]
    forms = current_app.config["PERMBOT_FORM_TARGETS"]
    response.headers["Content-Security-Policy"] = CSP.format(images=images, form_targets=forms).replace(
        "  ", " "
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"  # confidential pages stay out of caches
    return response
