"""Which wiki a command works on, why, and whether it answers, before pywikibot is asked anything.

pywikibot meets an unreachable wiki with retries, waits and a traceback per attempt; an operator then
learns neither which wiki was meant nor what to do. So a command first names the wiki and the reason
(the environment says so, or nothing does and it is Commons), then asks it for its site info once,
within the profile's connect and read timeouts. When that fails, the error names the wiki and the next
command to run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.wiki.connection import API_VARIABLE, WikiEnvironment

COMMONS_API = "https://commons.wikimedia.org/w/api.php"
COMMONS_LABEL = "Wikimedia Commons"
USER_AGENT = "permbot (Commons VRT permissions bot; wiki check)"
_SITEINFO = {"action": "query", "meta": "siteinfo", "format": "json", "formatversion": "2"}


class WikiUnreachable(RuntimeError):
    """The wiki did not answer as a MediaWiki API; the message names it and says what to do next."""


@dataclass(frozen=True)
class WikiTarget:
    """The wiki's api.php, a name for people, and why this is the wiki (for the command's first line)."""

    api: str
    label: str
    reason: str
    sandbox_dir: Path | None = None

    @property
    def is_commons(self) -> bool:
        return self.api == COMMONS_API


def wiki_target(env: WikiEnvironment) -> WikiTarget:
    """The wiki the environment points at (see user-config.py: Commons unless PERMBOT_WIKI_API is set)."""
    if env.api is None:
        return WikiTarget(COMMONS_API, COMMONS_LABEL, f"no {API_VARIABLE} set, so {COMMONS_LABEL}")
    if env.sandbox_dir is not None:
        reason = f"{API_VARIABLE} set: the sandbox wiki in {env.sandbox_dir}"
        return WikiTarget(env.api, env.api, reason, env.sandbox_dir)
    return WikiTarget(env.api, env.api, f"{API_VARIABLE} set")


def describe(target: WikiTarget) -> str:
    """`URL (why)`: the one line that tells an operator where edits will land."""
    return f"{target.api} ({target.reason})"


def next_step(target: WikiTarget) -> str:
    """What to do when the wiki does not answer."""
    if target.sandbox_dir is not None:
        return f"start it with `permbot sandbox up --dir {target.sandbox_dir}`"
    if target.is_commons:
        return (
            "check the network (and HTTPS_PROXY), or rehearse on a sandbox wiki: "
            '`permbot sandbox up --dir DIR` then `eval "$(permbot sandbox env --dir DIR)"`'
        )
    return f"check {API_VARIABLE} (unset it to work on {COMMONS_LABEL})"


def unreachable(target: WikiTarget, problem: str) -> WikiUnreachable:
    what = "the sandbox wiki" if target.sandbox_dir is not None else target.label
    return WikiUnreachable(f"{what} at {target.api} is not answering ({problem}): {next_step(target)}")


def probe(target: WikiTarget, connect_timeout: float, read_timeout: float) -> None:
    """Ask the wiki for its site info once; raise WikiUnreachable saying what failed and what to do."""
    import requests

    try:
        response = requests.get(
            target.api,
            params=_SITEINFO,
            timeout=(connect_timeout, read_timeout),
            headers={"User-Agent": USER_AGENT},
        )
    except requests.exceptions.ConnectTimeout:
        raise unreachable(target, f"no connection within {connect_timeout:g} s") from None
    except requests.exceptions.ReadTimeout:
        raise unreachable(target, f"connected, but no answer within {read_timeout:g} s") from None
    except requests.exceptions.ProxyError:
        raise unreachable(target, "the proxy in HTTP(S)_PROXY refused or failed") from None
    except requests.exceptions.ConnectionError as error:
        raise unreachable(target, _connection_problem(error)) from None
    except requests.exceptions.RequestException as error:
        raise unreachable(target, type(error).__name__) from None
    with response:
        if response.status_code != 200:
            raise unreachable(target, f"HTTP status {response.status_code}")
        try:
            body = json.loads(response.content)
        except ValueError:
            raise unreachable(target, "the answer is not JSON: is this the wiki's api.php?") from None
    if not isinstance(body, dict) or "query" not in body:
        raise unreachable(target, "the answer is not a MediaWiki API answer: is this the wiki's api.php?")


def _connection_problem(error: Exception) -> str:
    text = str(error)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "Temporary failure in name resolution" in text:
        return "the host name does not resolve"
    return "cannot connect"
