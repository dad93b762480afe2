"""An agent's user name for `user=` of the ticket templates, checked the way MediaWiki checks a new account.

The name is written into a template call on a public page, so anything MediaWiki would not accept as a
user name is refused before a page is read: characters illegal in titles and in user names, signature
tildes (`~~~~` is expanded into the bot's signature on save), wiki markup, entities and percent escapes,
URLs, IP addresses, invisible characters, and names longer than the global account limit.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

# MediaWiki's illegal title characters, `/` (subpages) and $wgInvalidUsernameCharacters ("@:>=").
_FORBIDDEN = frozenset("#<>[]|{}/@:=")
# Unicode categories nobody can see or type as part of a name: controls, format characters (bidi
# controls, zero-width and other invisible ones), surrogates, private use, unassigned, line separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Title rules that also apply to user names: HTML entities and percent escapes are refused.
_ENTITY = re.compile(r"&[A-Za-z0-9\x80-\uffff#]+;")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_SPACES = re.compile(r"[ _\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
MAX_NAME_LENGTH = 85  # CentralAuth's limit for global accounts (Commons)


def user_name_problem(value: str) -> str | None:
    """Why `value` cannot be a user name on the wiki, or None when it can (see module docstring)."""
    name = normalise_user_name(value)
    if not name:
        return "a user name cannot be empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"a user name has at most {MAX_NAME_LENGTH} characters"
    if any(unicodedata.category(char) in _INVISIBLE_CATEGORIES for char in name):
        return "a user name cannot contain control or invisible characters"
    forbidden = sorted({char for char in name if char in _FORBIDDEN})
    if forbidden:
        return f"a user name cannot contain {' '.join(forbidden)}"
    if "~~~" in name:
        return "a user name cannot contain ~~~ (it would be saved as a signature)"
    if "''" in name or _ENTITY.search(name) or _PERCENT_ESCAPE.search(name):
        return "a user name cannot contain wiki markup, HTML entities or percent escapes"
    if name.casefold().startswith("www."):
        return "a user name cannot be a web address"
    if _is_ip(name):
        return "give the agent's account name, not an IP address"
    return None


def normalise_user_name(value: str) -> str:
    """Underscores and runs of spaces as one space, trimmed, first letter upper-cased (as MediaWiki does)."""
    name = _SPACES.sub(" ", value).strip()
    if not name:
        return name
    first = name[0].upper()
    return (first if len(first) == 1 else name[0]) + name[1:]


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
