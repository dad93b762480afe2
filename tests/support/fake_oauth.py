"""A fake MediaWiki OAuth 1.0a provider on 127.0.0.1, for the review page's production login offline.

It answers as Meta-Wiki does for mwoauth: `index.php?title=Special:OAuth/initiate` (a request token),
`Special:OAuth/authenticate` (the agent approves at once: a redirect to the consumer's registered callback
with a verifier), `Special:OAuth/token` (an access token for that verifier) and `Special:OAuth/identify`
(a JWT signed HS256 with the consumer secret, audience the consumer key, issuer this server, the request's
nonce), plus `api.php?action=query&meta=globaluserinfo` with the accounts' global groups. Every OAuth
request's HMAC-SHA1 signature is checked against the consumer secret and token secret, as MediaWiki does.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from oauthlib.oauth1.rfc5849 import signature, utils


@dataclass(frozen=True)
class _Secrets:
    """What oauthlib's signing function reads from a client."""

    client_secret: str
    resource_owner_secret: str


@dataclass(frozen=True)
class GlobalAccount:
    name: str
    central_id: int
    groups: tuple[str, ...]


@dataclass
class FakeOAuthProvider:
    consumer_key: str
    consumer_secret: str
    callback: str  # the consumer's registered callback URL
    accounts: dict[str, GlobalAccount] = field(default_factory=dict)
    approving: str = ""  # the account whose browser approves the next authorization
    tamper_identity: bool = False  # sign the identify JWT with a wrong key
    string_subject: bool = False  # `sub` as a string (RFC 7519) rather than MediaWiki's number
    base: str = ""
    refused: list[str] = field(default_factory=list)  # why requests were refused (bad signatures...)
    _tokens: dict[str, str] = field(default_factory=dict)  # token key -> secret
    _approved: dict[str, tuple[str, str]] = field(default_factory=dict)  # request token -> verifier, name
    _access: dict[str, str] = field(default_factory=dict)  # access token -> account name

    @property
    def index_url(self) -> str:
        return f"{self.base}/w/index.php"

    @property
    def api_url(self) -> str:
        return f"{self.base}/w/api.php"

    def _signed(self, method: str, url: str, authorization: str) -> dict[str, str] | None:
        """The Authorization header's oauth_* parameters when its signature is right, else None."""
        if not authorization.startswith("OAuth "):
            return None
        oauth = {key: utils.unescape(value) for key, value in utils.parse_authorization_header(authorization)}
        if oauth.get("oauth_consumer_key") != self.consumer_key:
            return None
        token_secret = self._tokens.get(oauth.get("oauth_token", ""), "") if "oauth_token" in oauth else ""
        query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
        params = [(k, v) for k, v in oauth.items() if k != "oauth_signature"] + query
        base_string = signature.signature_base_string(
            cast(Any, method),
            signature.base_string_uri(url),
            signature.normalize_parameters(cast(Any, params)),  # a list of pairs, as oauthlib itself passes
        )
        expected = signature.sign_hmac_sha1_with_client(
            base_string, _Secrets(self.consumer_secret, token_secret)
        )
        return oauth if secrets.compare_digest(expected, oauth.get("oauth_signature", "")) else None

    def handle(self, method: str, url: str, authorization: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        if parts.path.endswith("/api.php"):
            return self._globaluserinfo(query)
        title = query.get("title", "")
        if title == "Special:OAuth/authenticate":
            token = query.get("oauth_token", "")
            if token not in self._tokens or not self.approving:
                return 400, {}, b"Error: unknown request token"
            verifier = secrets.token_hex(8)
            self._approved[token] = (verifier, self.approving)
            location = f"{self.callback}?{urlencode({'oauth_verifier': verifier, 'oauth_token': token})}"
            return 302, {"Location": location}, b""
        oauth = self._signed(method, f"{self.base}{parts.path}?{parts.query}", authorization)
        if oauth is None:
            self.refused.append(title)
            return 200, {}, b"Error: mwoauth-invalid-authorization"
        if title == "Special:OAuth/initiate":
            return self._new_token()
        if title == "Special:OAuth/token":
            verifier, name = self._approved.pop(oauth.get("oauth_token", ""), ("", ""))
            if not verifier or verifier != oauth.get("oauth_verifier"):
                return 200, {}, b"Error: mwoauth-invalid-verifier"
            status, headers, body = self._new_token()
            self._access[dict(parse_qsl(body.decode()))["oauth_token"]] = name
            return status, headers, body
        if title == "Special:OAuth/identify":
            return self._identify(oauth)
        return 404, {}, b"Error: unknown title"

    def _new_token(self) -> tuple[int, dict[str, str], bytes]:
        key, secret = secrets.token_hex(16), secrets.token_hex(16)
        self._tokens[key] = secret
        body = urlencode(
            {"oauth_token": key, "oauth_token_secret": secret, "oauth_callback_confirmed": "true"}
        )
        return 200, {"Content-Type": "text/plain"}, body.encode()

    def _identify(self, oauth: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        name = self._access.get(oauth.get("oauth_token", ""))
        if name is None:
            return (
                200,
                {},
                json.dumps({"error": "mwoauth-invalid-token", "message": "no such token"}).encode(),
            )
        account = self.accounts[name]
        claims = {
            "iss": self.base,
            "sub": str(account.central_id) if self.string_subject else account.central_id,
            "aud": self.consumer_key,
            "exp": int(time.time()) + 100,
            "iat": int(time.time()),
            "username": account.name,
            "editcount": 1,
            "confirmed_email": True,
            "blocked": False,
            "registered": "20200101000000",
            "groups": ["*", "user"],
            "rights": ["read"],
            "grants": ["mwoauth-authonly"],
            "nonce": oauth["oauth_nonce"],
        }
        key = "not-the-consumer-secret-but-32-bytes" if self.tamper_identity else self.consumer_secret
        return 200, {"Content-Type": "application/json"}, jwt.encode(claims, key, algorithm="HS256").encode()

    def _globaluserinfo(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        answer: dict[str, Any] = {"batchcomplete": True, "query": {}}
        if query.get("action") == "query" and query.get("meta") == "globaluserinfo":
            account = self.accounts.get(query.get("guiuser", ""))
            info: dict[str, Any] = {"missing": True}
            if account is not None:
                info = {"home": "metawiki", "id": account.central_id, "name": account.name}
                if "groups" in query.get("guiprop", ""):
                    info["groups"] = list(account.groups)
            answer["query"]["globaluserinfo"] = info
        return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()


@contextmanager
def fake_oauth_provider(provider: FakeOAuthProvider) -> Iterator[FakeOAuthProvider]:
    """Serve `provider` on a free port of 127.0.0.1 until the block ends (its `base` is set)."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            status, headers, body = provider.handle(
                self.command, f"{provider.base}{self.path}", self.headers.get("Authorization", "")
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _answer
        do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read the provider's state, not its log."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
