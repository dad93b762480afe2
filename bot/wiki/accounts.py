"""Who may use the review page: read-only account checks against a wiki's API (requests, with timeouts).

- Local login (sandbox, development): the password is checked by logging into the wiki's API in a
  throwaway session (nothing is kept), then the account's local groups are read (list=users&usprop=groups).
- Production: after the OAuth handshake names the account, its global groups (meta=globaluserinfo).
A wiki without CentralAuth answers globaluserinfo with no `globaluserinfo` key: that is "no groups".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

USER_AGENT = "permbot-review/0.1 (https://github.com/permbot; review page account checks)"


class LoginResult(enum.StrEnum):
    OK = "ok"
    # MediaWiki's Failed/WrongPass and friends: not told apart on purpose
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 (an outcome's name)
    WIKI_UNAVAILABLE = "wiki_unavailable"


@dataclass(frozen=True)
class Account:
    name: str
    central_id: int | None
    groups: frozenset[str]


class WikiAccountError(RuntimeError):
    """The wiki could not be asked (down, timed out, not an API)."""


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def _call(
    session: requests.Session, api: str, method: str, params: Mapping[str, str], timeout: float
) -> dict[str, Any]:
    query = {"format": "json", "formatversion": "2", **params}
    try:
        if method == "POST":
            response = session.post(api, data=query, timeout=timeout)
        else:
            response = session.get(api, params=query, timeout=timeout)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
    except (requests.RequestException, ValueError) as error:
        raise WikiAccountError(f"the wiki's API could not be asked: {type(error).__name__}") from error
    if "error" in data:
        raise WikiAccountError(f"the wiki's API refused: {data['error'].get('code', 'unknown')}")
    return data


def check_password(api: str, user: str, password: str, timeout: float) -> LoginResult:
    """Log into the wiki's API as `user` in a throwaway session: does the password fit?"""
    with _session() as session:
        try:
            token = _call(
                session, api, "GET", {"action": "query", "meta": "tokens", "type": "login"}, timeout
            )
            login = _call(
                session,
                api,
                "POST",
                {
                    "action": "login",
                    "lgname": user,
                    "lgpassword": password,
                    "lgtoken": token["query"]["tokens"]["logintoken"],
                },
                timeout,
            )["login"]
        except (WikiAccountError, KeyError, TypeError):
            return LoginResult.WIKI_UNAVAILABLE
    return LoginResult.OK if login.get("result") == "Success" else LoginResult.WRONG_PASSWORD


def local_account(api: str, user: str, timeout: float) -> Account | None:
    """The account's name (as the wiki spells it), id and local groups; None when it does not exist."""
    with _session() as session:
        data = _call(
            session,
            api,
            "GET",
            {"action": "query", "list": "users", "ususers": user, "usprop": "groups|centralids"},
            timeout,
        )
    users = data.get("query", {}).get("users", [])
    if not users or users[0].get("missing") or users[0].get("invalid"):
        return None
    found = users[0]
    central = found.get("centralids", {}).get("local") or found.get("userid")
    return Account(str(found["name"]), int(central) if central else None, frozenset(found.get("groups", [])))


def global_account(api: str, user: str, timeout: float) -> Account | None:
    """An account's global groups (public: no signed request needed); None when it has no global account
    or the wiki has no CentralAuth."""
    with _session() as session:
        data = _call(
            session,
            api,
            "GET",
            {"action": "query", "meta": "globaluserinfo", "guiuser": user, "guiprop": "groups"},
            timeout,
        )
    info = data.get("query", {}).get("globaluserinfo")
    if not isinstance(info, dict) or info.get("missing") or "id" not in info:
        return None
    return Account(str(info.get("name", user)), int(info["id"]), frozenset(info.get("groups", [])))
