"""The identify step of MediaWiki OAuth 1.0a, done here rather than by mwoauth.

mwoauth's `identify` decodes MediaWiki's JWT with PyJWT's defaults, and PyJWT 2.10+ refuses the numeric
`sub` (central id) MediaWiki has always sent (python-mwoauth issue #51): every production login would fail.
This does the same checks (signature with the consumer secret, audience, issuer, issued-at, the request's
nonce against replay) with `sub` left unchecked, and with a timeout mwoauth's calls lack.
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlsplit

import jwt
import mwoauth
import requests
from requests_oauthlib import OAuth1

LEEWAY_SECONDS = 10.0


def identify(
    index_url: str,
    consumer: mwoauth.ConsumerToken,
    access: mwoauth.AccessToken,
    user_agent: str,
    timeout: float,
) -> dict[str, Any]:
    """The identity MediaWiki vouches for (`username`, `sub`, ...); OAuthException when it is not to be
    trusted."""
    auth = OAuth1(
        consumer.key,
        client_secret=consumer.secret,
        resource_owner_key=access.key,
        resource_owner_secret=access.secret,
    )
    response = requests.post(
        index_url,
        params={"title": "Special:OAuth/identify"},
        auth=auth,
        headers={"User-Agent": user_agent},
        timeout=timeout,
    )
    try:
        identity: dict[str, Any] = jwt.decode(
            response.content,
            consumer.secret,
            audience=consumer.key,
            algorithms=["HS256"],
            leeway=LEEWAY_SECONDS,
            options={"verify_sub": False, "require": ["iss", "iat", "aud", "nonce"]},
        )
    except jwt.InvalidTokenError as error:
        raise mwoauth.OAuthException(f"identify: not a valid identity ({type(error).__name__})") from error
    if urlsplit(str(identity["iss"])).netloc != urlsplit(index_url).netloc:
        raise mwoauth.OAuthException("identify: issued by another server")
    if float(identity["iat"]) > time.time() + LEEWAY_SECONDS:
        raise mwoauth.OAuthException("identify: issued in the future")
    header = response.request.headers.get("Authorization", b"")
    sent = re.search(r'oauth_nonce="(.*?)"', header.decode() if isinstance(header, bytes) else header)
    if sent is None or identity["nonce"] != sent.group(1):
        raise mwoauth.OAuthException("identify: the answer is not for this request (nonce)")
    return identity
