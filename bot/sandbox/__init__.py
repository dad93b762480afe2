"""The sandbox: a throwaway MediaWiki 1.39 on 127.0.0.1 with Commons' templates, for tests and rehearsals.

`permbot sandbox up/down` (bot.sandbox.commands) and `SandboxWiki` (bot.sandbox.wiki) are the entry points.
"""

from bot.sandbox.model import Account, AccountRole, SandboxApiError, SandboxError
from bot.sandbox.wiki import EditResult, SandboxWiki

__all__ = ["Account", "AccountRole", "EditResult", "SandboxApiError", "SandboxError", "SandboxWiki"]
