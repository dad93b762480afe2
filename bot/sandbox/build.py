"""Install a sandbox wiki into a folder, and keep one prepared copy per set of inputs in the cache.

A build runs install.php, makes the paths in LocalSettings.php relative to the folder (so the prepared copy
can be copied anywhere), creates the accounts and the bot's BotPassword, imports the templates dump and
uploads the sample files. `ensure_prepared` keys the cached copy by a hash of the MediaWiki version and
every input of the build, so a change to any of them rebuilds it once.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from bot.config.files import cache_root
from bot.sandbox import jpeg
from bot.sandbox.code import MediaWikiCode, Progress, file_lock
from bot.sandbox.model import Account, AccountRole, SandboxContent, SandboxError

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DUMP = PACKAGE_DIR / "templates.xml"
CONTENT_FILE = PACKAGE_DIR / "content.json"
SETTINGS_FILE = PACKAGE_DIR / "settings.php"
# Every file whose change must produce a new prepared wiki.
BUILD_INPUTS = ("build.py", "jpeg.py", "settings.php", "templates.xml", "content.json")
PREPARED_FILE = "prepared.json"
DB_NAME = "my_wiki"
BOT_PASSWORD_LENGTH = 32  # createBotPassword.php insists on exactly 32 characters

EXIF_TAGS = {
    "Artist": jpeg.TAG_ARTIST,
    "Copyright": jpeg.TAG_COPYRIGHT,
    "DateTime": jpeg.TAG_DATE_TIME,
    "ImageDescription": jpeg.TAG_IMAGE_DESCRIPTION,
}


def load_content(path: Path = CONTENT_FILE) -> SandboxContent:
    """The sample content description shipped with the package."""
    return SandboxContent.from_mapping(json.loads(path.read_text(encoding="utf-8")))


def build_key(version: str, files: Sequence[Path]) -> str:
    """A short hash naming the prepared wiki of this MediaWiki version and these build inputs."""
    digest = hashlib.sha256(version.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def patch_local_settings(text: str, wiki_dir: Path) -> str:
    """Make install.php's absolute data path relative to LocalSettings.php and load the sandbox settings."""
    old = f'$wgSQLiteDataDir = "{wiki_dir / "data"}";'
    if old not in text:
        raise SandboxError(f"install.php wrote no {old!r} line: unknown LocalSettings.php layout")
    if str(wiki_dir) in text.replace(old, ""):
        raise SandboxError("LocalSettings.php holds another absolute path of the build folder")
    patched = text.replace(old, '$wgSQLiteDataDir = __DIR__ . "/data";')
    return patched.rstrip("\n") + "\n\nrequire_once __DIR__ . '/SandboxSettings.php';\n"


def xml_dump(pages: Iterable[tuple[str, str]], timestamp: datetime, user: str, comment: str) -> str:
    """A MediaWiki export (0.11) of one revision per (title, text), for importDump.php."""
    stamp = timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = ['<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">']
    for title, text in pages:
        parts.append(
            f"<page><title>{escape(title)}</title><revision><timestamp>{stamp}</timestamp>"
            f"<contributor><username>{escape(user)}</username></contributor>"
            f"<comment>{escape(comment)}</comment><model>wikitext</model><format>text/x-wiki</format>"
            f"<text xml:space={quoteattr('preserve')}>{escape(text)}</text></revision></page>"
        )
    parts.append("</mediawiki>\n")
    return "\n".join(parts)


def run_maintenance(code: MediaWikiCode, wiki_dir: Path, script: str, *args: str) -> str:
    """Run a maintenance script against the wiki in `wiki_dir`; its output, or an error naming it."""
    env = {**os.environ, "MW_CONFIG_FILE": str(wiki_dir.resolve() / "LocalSettings.php")}
    command = ["php", str(code.maintenance / script), *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-1500:]
        raise SandboxError(f"{script} failed (exit {result.returncode}): {output}")
    return result.stdout


def _install(code: MediaWikiCode, wiki_dir: Path, sitename: str, admin: str) -> None:
    command = [
        "php",
        str(code.maintenance / "install.php"),
        "--dbtype=sqlite",
        f"--dbpath={wiki_dir / 'data'}",
        f"--confpath={wiki_dir}",
        "--server=http://127.0.0.1",
        "--scriptpath=",
        f"--pass={secrets.token_urlsafe(18)}",
        "--lang=en",
        "--skins=Vector",
        sitename,
        admin,
    ]
    env = {key: value for key, value in os.environ.items() if key != "MW_CONFIG_FILE"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SandboxError(f"install.php failed: {(result.stdout + result.stderr).strip()[-1500:]}")


def _write_samples(content: SandboxContent, folder: Path) -> None:
    """The sample JPEGs and, beside each, its description page as `<name>.txt` for importImages.php."""
    folder.mkdir(parents=True)
    for sample in content.files:
        unknown = set(sample.exif) - set(EXIF_TAGS)
        if unknown:
            raise SandboxError(f"content.json: {sample.name}: unknown EXIF fields {sorted(unknown)}")
        tags = {EXIF_TAGS[name]: value for name, value in sample.exif.items()}
        (folder / sample.name).write_bytes(jpeg.make_jpeg(jpeg.JpegSpec(sample.width, sample.height, tags)))
        (folder / f"{sample.name}.txt").write_text(sample.text, encoding="utf-8")


def _add_interwiki(wiki_dir: Path, prefixes: dict[str, str]) -> None:
    """Interwiki prefixes Commons has (`ticket:`), so edit summaries link as they would there."""
    with closing(sqlite3.connect(wiki_dir / "data" / f"{DB_NAME}.sqlite")) as db, db:
        db.executemany(
            "INSERT OR REPLACE INTO interwiki (iw_prefix, iw_url, iw_api, iw_wikiid, iw_local, iw_trans) "
            "VALUES (?, ?, '', '', 0, 0)",
            sorted(prefixes.items()),
        )


def _create_accounts(code: MediaWikiCode, wiki_dir: Path, content: SandboxContent) -> list[Account]:
    """The bot (bot group, BotPassword with the configured grants), an ordinary second user, and a
    permissions agent (in the local agents group) for the review page."""
    bot_password = secrets.token_hex(BOT_PASSWORD_LENGTH // 2)
    other_password = secrets.token_urlsafe(18)
    agent_password = secrets.token_urlsafe(18)
    main_password = secrets.token_urlsafe(18)  # unused: the bot logs in with its BotPassword only
    run_maintenance(code, wiki_dir, "createAndPromote.php", "--bot", content.bot_user, main_password)
    run_maintenance(code, wiki_dir, "createAndPromote.php", content.other_user, other_password)
    agent_group = f"--custom-groups={content.agent_group}"
    run_maintenance(code, wiki_dir, "createAndPromote.php", agent_group, content.agent_user, agent_password)
    grants = f"--grants={','.join(content.bot_grants)}"
    app = f"--appid={content.bot_app}"
    run_maintenance(code, wiki_dir, "createBotPassword.php", app, grants, content.bot_user, bot_password)
    return [
        Account(AccountRole.BOT, f"{content.bot_user}@{content.bot_app}", bot_password),
        Account(AccountRole.OTHER, content.other_user, other_password),
        Account(AccountRole.AGENT, content.agent_user, agent_password),
    ]


def _upload_samples(code: MediaWikiCode, wiki_dir: Path, content: SandboxContent) -> None:
    """Upload the sample JPEGs with their description pages, then protect those marked so."""
    samples = wiki_dir / "tmp" / "samples"
    _write_samples(content, samples)
    run_maintenance(
        code,
        wiki_dir,
        "importImages.php",
        "--comment-ext=txt",
        "--extensions=jpg",
        f"--user={content.other_user}",
        f"--timestamp={content.upload_timestamp}",
        "--summary=Sample upload",
        str(samples),
    )
    shutil.rmtree(samples)
    admin = f"--user={content.admin_user}"
    for sample in content.files:
        if sample.protect:
            level = ["--semiprotect"] if sample.protect == "autoconfirmed" else []
            reason = "--reason=Sample protected file"
            run_maintenance(code, wiki_dir, "protect.php", *level, admin, reason, f"File:{sample.name}")


def build_wiki(code: MediaWikiCode, wiki_dir: Path, content: SandboxContent, progress: Progress) -> None:
    """Install and fill a wiki in the (empty) folder `wiki_dir`; accounts go to prepared.json."""
    progress("installing MediaWiki (install.php)")
    _install(code, wiki_dir, content.sitename, content.admin_user)
    settings = wiki_dir / "LocalSettings.php"
    settings.write_text(patch_local_settings(settings.read_text(), wiki_dir))
    shutil.copyfile(SETTINGS_FILE, wiki_dir / "SandboxSettings.php")
    for name in ("images", "cache", "tmp"):
        (wiki_dir / name).mkdir(exist_ok=True)
    (wiki_dir / "server-url").write_text("http://127.0.0.1\n")
    progress("creating accounts")
    accounts = _create_accounts(code, wiki_dir, content)
    progress("importing templates and pages")
    run_maintenance(code, wiki_dir, "importDump.php", str(TEMPLATES_DUMP))
    _add_interwiki(wiki_dir, dict(content.interwiki))
    progress("uploading sample files")
    _upload_samples(code, wiki_dir, content)
    record: dict[str, Any] = {
        "mediawiki": code.version,
        "accounts": [account.to_json() for account in accounts],
        "bot_user": content.bot_user,
        "admin_user": content.admin_user,
        "run_page": f"User:{content.bot_user}/Run",
    }
    (wiki_dir / PREPARED_FILE).write_text(json.dumps(record, indent=2) + "\n")


def ensure_prepared(code: MediaWikiCode, progress: Progress, base: Path | None = None) -> Path:
    """The prepared wiki folder for this code and these inputs, built on first use (once across processes)."""
    base = base or cache_root() / "wikis"
    key = build_key(code.version, [PACKAGE_DIR / name for name in BUILD_INPUTS])
    final = base / key
    if (final / PREPARED_FILE).is_file():
        return final
    with file_lock(base / f"{key}.lock"):
        if (final / PREPARED_FILE).is_file():
            return final
        progress(f"building the prepared sandbox wiki {key} (once per MediaWiki version and build inputs)")
        scratch = Path(tempfile.mkdtemp(dir=base, prefix=f".{key}-"))
        try:
            build_wiki(code, scratch, load_content(), progress)
            if final.exists():
                shutil.rmtree(final)
            scratch.rename(final)
        finally:
            if scratch.exists():
                shutil.rmtree(scratch)
    return final


def now() -> datetime:
    """The current time in UTC, whole seconds (MediaWiki's timestamp resolution)."""
    return datetime.now(UTC).replace(microsecond=0)
