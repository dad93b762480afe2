"""The review page's Flask app: `create_app` from its parts, `from_config` from config/ and the environment.

gunicorn (production, Toolforge's build service): `gunicorn 'bot.review.app:from_config()'`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from bot.config.review import LoginMode, ReviewSettings
from bot.review import auth, queue, ticket
from bot.review.replies import Replies
from bot.review.runner import DecisionRunner
from bot.review.security import csrf_token, current_agent, set_security_headers
from bot.review.wording import describe_whois
from bot.store.store import Store
from bot.wiki.fileinfo import FileInfoClient
from verification.message import MailVocabulary


@dataclass(frozen=True)
class ReviewParts:
    settings: ReviewSettings
    store: Store
    replies: Replies
    mail_vocabulary: MailVocabulary
    runner: DecisionRunner
    file_info: FileInfoClient | None  # None: no wiki to ask (the page shows "wiki unavailable")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def create_app(parts: ReviewParts) -> Flask:
    settings = parts.settings
    app = Flask(__name__)
    images = {_origin(settings.wiki_api)}
    if "wikimedia.org" in settings.wiki_api:
        images.add("https://upload.wikimedia.org")
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="permbot_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_minutes),
        MAX_CONTENT_LENGTH=64 * 1024,  # forms only
        PERMBOT_SETTINGS=settings,
        PERMBOT_STORE=parts.store,
        PERMBOT_REPLIES=parts.replies,
        PERMBOT_MAIL_VOCABULARY=parts.mail_vocabulary,
        PERMBOT_RUNNER=parts.runner,
        PERMBOT_FILE_INFO=parts.file_info,
        PERMBOT_IMAGE_ORIGINS=" ".join(sorted(images)),
        PERMBOT_FORM_TARGETS=_origin(settings.oauth_index_url) if settings.login is LoginMode.OAUTH else "",
    )
    app.jinja_env.autoescape = True  # every template, whatever its extension: mail is hostile
    app.jinja_env.filters["whois_line"] = describe_whois
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(queue.blueprint)
    app.register_blueprint(ticket.blueprint)
    app.after_request(set_security_headers)

    @app.context_processor
    def page_globals() -> dict[str, Any]:
        return {"csrf_token": csrf_token, "agent": current_agent(), "login_mode": settings.login.value}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_template("error.html", error=error), error.code or 500

    return app


def from_config() -> Flask:
    """The app as configured: config/review.toml, the store, the wiki's API, the passes' decision runner."""
    from bot.config.files import default_config_dir, read_toml
    from bot.config.review import load_review_settings
    from bot.config.store import load_store_settings
    from bot.config.wiki import load_wiki_settings
    from bot.review.replies import load_replies
    from bot.review.runner import passes_runner

    settings = load_review_settings()
    store = Store.from_settings(load_store_settings())
    names = load_wiki_settings().names
    tags = [*names.ticket, *names.pending, *names.received, *names.no_permission]
    return create_app(
        ReviewParts(
            settings=settings,
            store=store,
            replies=load_replies(),
            mail_vocabulary=MailVocabulary.from_mapping(read_toml(default_config_dir(), "mail.toml")),
            runner=passes_runner(store),
            file_info=FileInfoClient(settings.wiki_api, tags),
        )
    )
