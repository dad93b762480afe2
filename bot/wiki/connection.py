"""Open the wiki: the pywikibot Site from the environment and profile, login, rights, template aliases.

Everything a command needs before it reads a page is settled here, once: which wiki (the sandbox's
api.php or Commons), which account, how politely to talk to it, how many pages one read may ask for,
and every name the wiki knows for the permission templates (config names plus the wiki's redirects).
Missing credentials stop the command with a message naming the variable or file to fill in.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from bot.config.wiki import WikiProfile, profile_name
from bot.wiki.edits import TemplateNames, TemplateRole
from bot.wiki.terminal import inert

log = logging.getLogger(__name__)

API_VARIABLE = "PERMBOT_WIKI_API"
USER_VARIABLE = "PERMBOT_WIKI_USER"
PASSWORD_VARIABLE = "PERMBOT_PASSWORD_FILE"  # noqa: S105 (a variable name, not a password)
DIR_VARIABLE = "PYWIKIBOT_DIR"
SANDBOX_DIR_VARIABLE = "PERMBOT_SANDBOX_DIR"  # set by `permbot sandbox env`: the wiki is that sandbox
SANDBOX_STATE_FILE = "sandbox.json"  # what marks a sandbox folder (bot.sandbox.wiki.STATE_FILE)
# The family name user-config.py gives a wiki defined by its api.php URL.
URL_FAMILY = "permbot"
COMMONS = ("commons", "commons")
TEMPLATE_NAMESPACE = 10
# The exclusion-compliance templates (Template:Bots): the same names on every wiki, plus local redirects.
BOTS_TEMPLATE = "Bots"
NOBOTS_TEMPLATE = "Nobots"
# MediaWiki's ApiBase::LIMIT_BIG1/LIMIT_SML2: titles (and revisions with content) one query may ask for.
HIGH_LIMIT = 500
LOW_LIMIT = 50


class WikiSetupError(RuntimeError):
    """The wiki cannot be used as configured; the message says what to fix."""


@dataclass(frozen=True)
class WikiEnvironment:
    """The environment variables of the wiki contract (see user-config.py)."""

    api: str | None
    user: str | None
    password_file: Path | None
    pywikibot_dir: Path | None
    profile: str
    sandbox_dir: Path | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Self:
        def value(name: str) -> str | None:
            return environ.get(name, "").strip() or None

        password = value(PASSWORD_VARIABLE)
        directory = value(DIR_VARIABLE)
        api = value(API_VARIABLE)
        return cls(
            api=api,
            user=value(USER_VARIABLE),
            password_file=Path(password) if password else None,
            pywikibot_dir=Path(directory) if directory else None,
            profile=profile_name(environ),
            sandbox_dir=_sandbox_dir(value(SANDBOX_DIR_VARIABLE), directory) if api else None,
        )

    @property
    def wiki_label(self) -> str:
        return self.api or "Wikimedia Commons"


def _sandbox_dir(named: str | None, pywikibot_dir: str | None) -> Path | None:
    """The sandbox folder the environment came from: named, or the one holding PYWIKIBOT_DIR (older env)."""
    if named:
        return Path(named)
    if pywikibot_dir:
        parent = Path(pywikibot_dir).parent
        if (parent / SANDBOX_STATE_FILE).is_file():
            return parent
    return None


def credential_problems(env: WikiEnvironment) -> tuple[str, ...]:
    """What is missing for a login, each as an instruction naming the variable or file to fill in."""
    problems: list[str] = []
    if env.user is None:
        problems.append(f"set {USER_VARIABLE} to the bot's account name (e.g. PermBot)")
    if env.password_file is None:
        problems.append(
            f"set {PASSWORD_VARIABLE} to a pywikibot password file holding a line like "
            "('PermBot', BotPassword('permbot', '<32-character password>'))"
        )
    elif not env.password_file.is_file():
        problems.append(f"{PASSWORD_VARIABLE}: no file at {env.password_file}")
    elif env.user is not None and repr(env.user) not in env.password_file.read_text(encoding="utf-8"):
        problems.append(
            f"{PASSWORD_VARIABLE}: {env.password_file} has no line for {env.user!r}; "
            f"add ({env.user!r}, BotPassword('<app>', '<password>'))"
        )
    if env.pywikibot_dir is not None and not (env.pywikibot_dir / "user-config.py").is_file():
        problems.append(
            f"{DIR_VARIABLE}: {env.pywikibot_dir} holds no user-config.py (copy the repository's one there)"
        )
    return tuple(problems)


class WithoutTracebacks(logging.Filter):
    """Drop the tracebacks pywikibot logs at ERROR for each failed request before it retries: the command
    reports the failure itself (which wiki, what to do next). Kept at debug level (-vv)."""

    def filter(self, record: logging.LogRecord) -> bool:
        is_traceback = str(record.msg).startswith("Traceback (most recent call last)")
        return not is_traceback or logging.getLogger().isEnabledFor(logging.DEBUG)


def quiet_pywikibot_tracebacks() -> None:
    """Put WithoutTracebacks on pywikibot's logger (once)."""
    logger = logging.getLogger("pywiki")
    if not any(isinstance(existing, WithoutTracebacks) for existing in logger.filters):
        logger.addFilter(WithoutTracebacks())


def apply_profile(profile: WikiProfile, config: Any) -> None:
    """Set pywikibot's politeness settings from the profile (before the Site is made: its throttle reads
    them)."""
    config.put_throttle = profile.put_throttle
    config.minthrottle = profile.read_throttle
    config.write_maxlag = profile.maxlag or None
    config.read_maxlag = profile.maxlag or None
    config.retry_wait = profile.retry_wait
    config.retry_max = profile.retry_max
    config.max_retries = profile.max_retries
    config.socket_timeout = (profile.connect_timeout, profile.read_timeout)
    config.cosmetic_changes = False


def _configure_wiki(env: WikiEnvironment, config: Any) -> tuple[str, str]:
    """Family and code of the wiki, with the account and password file set in pywikibot's config.

    user-config.py does the same from the same variables; repeating it here makes the command independent
    of whether pywikibot was imported (and its config read) before the variables were set.
    """
    family, code = COMMONS
    if env.api:
        config.family_files[URL_FAMILY] = env.api
        family = code = URL_FAMILY
    if env.user:
        config.usernames[family][code] = env.user
    if env.password_file:
        config.password_file = str(env.password_file.resolve())
    return family, code


def open_site(env: WikiEnvironment, profile: WikiProfile, *, login: bool) -> Any:
    """The pywikibot Site for this environment, logged in when `login` (credentials checked first)."""
    if login:
        problems = credential_problems(env)
        if problems:
            raise WikiSetupError(f"cannot log in to {env.wiki_label}:\n  - " + "\n  - ".join(problems))
    import pywikibot
    from pywikibot import config

    quiet_pywikibot_tracebacks()
    apply_profile(profile, config)
    family, code = _configure_wiki(env, config)
    site = pywikibot.Site(code, family, user=env.user)
    site.throttle.mindelay = profile.read_throttle
    site.throttle.set_delays(delay=profile.read_throttle, writedelay=profile.put_throttle, absolute=False)
    if login:
        from pywikibot import exceptions as pwb_errors

        hint = f"check the BotPassword line in {env.password_file} ({PASSWORD_VARIABLE})"
        try:
            site.login()
        except pwb_errors.Error as error:
            raise WikiSetupError(
                f"login to {env.wiki_label} as {env.user} failed ({error}): {hint}"
            ) from error
        if not site.logged_in():
            raise WikiSetupError(f"login to {env.wiki_label} as {env.user} failed: {hint}")
    return site


def group_size(has_high_limits: bool) -> int:
    """How many pages one batched read may ask for: 500 with apihighlimits (bots), else 50."""
    return HIGH_LIMIT if has_high_limits else LOW_LIMIT


# ---------------------------------------------------------------------------------------------------------
# Template aliases from the wiki


def _template_title(name: str) -> str:
    return f"Template:{name}"


@dataclass
class _AliasQuery:
    """The parts of one or more `prop=redirects&redirects=1` answers that alias resolution needs."""

    redirected: dict[str, str] = field(default_factory=dict)  # title asked for -> the title it redirects to
    redirects_to: dict[str, set[str]] = field(default_factory=dict)  # page title -> titles redirecting to it

    def add(self, query: Mapping[str, Any]) -> None:
        for hop in query.get("normalized", ()):
            self.redirected.setdefault(hop["from"], hop["to"])
        for hop in query.get("redirects", ()):
            self.redirected[hop["from"]] = hop["to"]
        for page in query.get("pages", ()):
            if page.get("missing") or page.get("invalid"):
                continue
            titles = self.redirects_to.setdefault(page["title"], set())
            titles.update(r["title"] for r in page.get("redirects", ()))

    def resolve(self, title: str) -> str:
        seen = {title}
        while title in self.redirected and self.redirected[title] not in seen:
            title = self.redirected[title]
            seen.add(title)
        return title


@dataclass(frozen=True)
class WikiTemplates:
    """Per role, the template pages the wiki really has (redirects resolved) and every name leading there."""

    pages: Mapping[TemplateRole, tuple[str, ...]]  # e.g. ("Template:Permission pending",)
    aliases: Mapping[TemplateRole, tuple[str, ...]]  # the pages themselves and all redirects to them
    bots: tuple[str, ...] = ()  # every name of {{bots}} on this wiki
    nobots: tuple[str, ...] = ()  # every name of {{nobots}}


def _leading_to(query: _AliasQuery, names: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The existing pages `names` lead to, and those pages with every redirect to them."""
    targets: list[str] = []
    titles: list[str] = []
    for name in names:
        target = query.resolve(_template_title(name))
        if target not in query.redirects_to:
            continue  # no such template on this wiki
        targets.append(target)
        titles.append(target)
        titles.extend(sorted(query.redirects_to[target]))
    return tuple(dict.fromkeys(targets)), tuple(dict.fromkeys(titles))


def templates_from_query(query: _AliasQuery, names: TemplateNames) -> WikiTemplates:
    """What the wiki knows of each configured name: the page it leads to, and every redirect to that page.

    Listing the pages that use a template asks for the target pages only: MediaWiki records a
    transclusion through a redirect under both the redirect and its target.
    """
    found = {role: _leading_to(query, names.names(role)) for role in TemplateRole}
    return WikiTemplates(
        pages={role: pages for role, (pages, _titles) in found.items()},
        aliases={role: titles for role, (_pages, titles) in found.items()},
        bots=_leading_to(query, [BOTS_TEMPLATE])[1],
        nobots=_leading_to(query, [NOBOTS_TEMPLATE])[1],
    )


def merge_aliases(names: TemplateNames, aliases: Mapping[TemplateRole, Iterable[str]]) -> TemplateNames:
    """`names` plus the wiki's aliases; an alias the config gives to another role is a setup error."""
    for role, titles in aliases.items():
        try:
            names = names.with_aliases(role, titles)
        except ValueError as error:
            raise WikiSetupError(
                f"the wiki's redirects disagree with config/wiki.toml [templates] for {role.value}: {error}"
            ) from error
    return names


def continued(site: Any, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every answer of a query, following MediaWiki's `continue` (lazily: stop reading, stop asking)."""
    request = dict(params, action="query", formatversion=2)
    while True:
        data: dict[str, Any] = site.simple_request(**request).submit()
        yield data
        more = data.get("continue")
        if not more:
            return
        request.update(more)


def fetch_templates(site: Any, names: TemplateNames) -> WikiTemplates:
    """Ask the wiki where each configured template name leads and what redirects there (one query)."""
    wanted = [BOTS_TEMPLATE, NOBOTS_TEMPLATE, *(n for role in TemplateRole for n in names.names(role))]
    titles = sorted({_template_title(n) for n in wanted})
    query = _AliasQuery()
    params = {"titles": titles, "redirects": True, "prop": "redirects", "rdprop": "title"}
    for data in continued(site, dict(params, rdnamespace=TEMPLATE_NAMESPACE, rdlimit="max")):
        query.add(data.get("query", {}))
    found = templates_from_query(query, names)
    log.debug("template aliases from the wiki: %s", {role.value: len(t) for role, t in found.aliases.items()})
    return found


# ---------------------------------------------------------------------------------------------------------
# The session a command works with


@dataclass(frozen=True)
class WikiSession:
    """An open wiki with everything the operations need to know about it."""

    site: Any  # pywikibot.site.APISite
    user: str  # the account {{bots}}/{{nobots}} are checked for
    names: TemplateNames  # config names plus the wiki's redirects
    template_pages: Mapping[TemplateRole, tuple[str, ...]]  # the wiki's real template pages per role
    bots: tuple[str, ...]  # the wiki's names of {{bots}} and {{nobots}} (redirects included)
    nobots: tuple[str, ...]
    group_size: int  # pages per batched read
    profile: WikiProfile


def connect(
    env: WikiEnvironment, profile: WikiProfile, names: TemplateNames, *, need_login: bool
) -> WikiSession:
    """Open the wiki and settle what every command needs; anonymous only when allowed and no credentials.

    `need_login` is False for --simulate: a rehearsal reads like a real run when credentials are present
    (same batch size, same rights), and still works without them (with smaller batches).
    """
    if env.user is None:
        raise WikiSetupError(
            f"set {USER_VARIABLE} to the bot's account name ({{{{bots}}}}/{{{{nobots}}}} are checked for it)"
        )
    login = need_login or not credential_problems(env)
    site = open_site(env, profile, login=login)
    if login and not site.has_right("edit"):
        raise WikiSetupError(f"{env.user} may not edit {env.wiki_label} (no 'edit' right)")
    if login and not site.has_right("bot"):
        log.warning("%s has no 'bot' right: edits will not be flagged as bot edits", inert(env.user))
    if not login:
        log.warning("not logged in (%s): reading anonymously", "; ".join(credential_problems(env)))
    templates = fetch_templates(site, names)
    return WikiSession(
        site=site,
        user=(site.user() if login else None) or env.user,
        names=merge_aliases(names, templates.aliases),
        template_pages=templates.pages,
        bots=templates.bots,
        nobots=templates.nobots,
        group_size=group_size(login and site.has_right("apihighlimits")),
        profile=profile,
    )


def environment() -> WikiEnvironment:
    return WikiEnvironment.from_environ(os.environ)
