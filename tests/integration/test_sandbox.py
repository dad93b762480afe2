"""The sandbox MediaWiki: the CLI, the prepared content, the control files, and the pure helpers behind them.

Wiki tests talk to the real sandbox through plain requests (not pywikibot), so they check the sandbox and
nothing else. The pure helpers (JPEG/EXIF bytes, LocalSettings patch, XML dump, env) are tables of cases.
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.config.mailbox import load_mailbox_settings
from bot.mail.imap import Cursor, Mailbox
from bot.sandbox import Account, AccountRole, SandboxApiError, SandboxWiki, jpeg, server
from bot.sandbox.build import build_key, load_content, patch_local_settings, xml_dump
from bot.sandbox.model import SandboxError
from bot.sandbox.wiki import page_runs, password_file_line, repo_user_config, sandbox_env
from tests.support.dovecot import make_mail

CONTENT = load_content()
REPO = Path(__file__).resolve().parents[2]


def _local() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def _get(api: str, **params: str) -> dict[str, Any]:
    response = _local().get(api, params={**params, "format": "json", "formatversion": "2"}, timeout=30)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data


# --- pure helpers ------------------------------------------------------------------------------------


def _exif_tags(data: bytes) -> dict[int, str]:
    """Read the ASCII tags of IFD0 back from a JPEG's APP1 segment (independent of jpeg.py)."""
    assert data[:2] == b"\xff\xd8"
    assert data[-2:] == b"\xff\xd9"
    marker, length = struct.unpack(">HH", data[2:6])
    assert marker == 0xFFE1
    tiff = data[6 + 6 : 4 + length]
    assert tiff[:4] == b"II*\0"
    (offset,) = struct.unpack("<I", tiff[4:8])
    (count,) = struct.unpack("<H", tiff[offset : offset + 2])
    tags = {}
    for index in range(count):
        entry = tiff[offset + 2 + 12 * index : offset + 14 + 12 * index]
        tag, kind, size = struct.unpack("<HHI", entry[:8])
        assert kind == 2
        raw = entry[8 : 8 + size] if size <= 4 else tiff[struct.unpack("<I", entry[8:])[0] :][:size]
        tags[tag] = raw.rstrip(b"\0").decode("ascii")
    return tags


def _frame_size(data: bytes) -> tuple[int, int]:
    """Width and height from the SOF0 segment."""
    start = data.index(b"\xff\xc0")
    height, width = struct.unpack(">HH", data[start + 5 : start + 9])
    return width, height


@pytest.mark.parametrize(
    ("width", "height", "tags"),
    [
        pytest.param(1, 1, {jpeg.TAG_ARTIST: "A"}, id="1x1-short-inline-value"),
        pytest.param(8, 8, {jpeg.TAG_ARTIST: "Jane Doe", jpeg.TAG_COPYRIGHT: "CC BY 4.0"}, id="one-block"),
        pytest.param(
            9, 7, {jpeg.TAG_COPYRIGHT: "x" * 99, jpeg.TAG_ARTIST: "odd"}, id="partial-blocks-unsorted"
        ),
        pytest.param(640, 427, {jpeg.TAG_DATE_TIME: "2024:05:01 18:00:00"}, id="photo-size"),
    ],
)
def test_make_jpeg_carries_size_and_exif(width: int, height: int, tags: dict[int, str]) -> None:
    data = jpeg.make_jpeg(jpeg.JpegSpec(width, height, tags))
    assert _frame_size(data) == (width, height)
    assert _exif_tags(data) == tags


@pytest.mark.parametrize(
    ("width", "height"),
    [pytest.param(0, 5, id="zero-width"), pytest.param(5, 70000, id="too-high")],
)
def test_make_jpeg_rejects_impossible_sizes(width: int, height: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        jpeg.make_jpeg(jpeg.JpegSpec(width, height))


INSTALLED = '<?php\n$wgSQLiteDataDir = "/build/abc/data";\n$wgObjectCaches = [ "dir" => $wgSQLiteDataDir ];\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INSTALLED, '$wgSQLiteDataDir = __DIR__ . "/data";', id="data-dir-relative"),
        pytest.param(INSTALLED, "require_once __DIR__ . '/SandboxSettings.php';", id="settings-loaded"),
        pytest.param(INSTALLED.replace("/build/abc/data", "/elsewhere"), SandboxError, id="unknown-layout"),
        pytest.param(
            INSTALLED + '$wgLogo = "/build/abc/logo.png";\n', SandboxError, id="other-absolute-path"
        ),
    ],
)
def test_patch_local_settings(text: str, expected: str | type[Exception]) -> None:
    if isinstance(expected, str):
        patched = patch_local_settings(text, Path("/build/abc"))
        assert expected in patched
        assert "/build/abc" not in patched
    else:
        with pytest.raises(expected):
            patch_local_settings(text, Path("/build/abc"))


@pytest.mark.parametrize(
    ("title", "text"),
    [
        pytest.param(
            "File:A & B.jpg", "{{Permission pending|year=2024}} <b>x</b> & y", id="markup-and-ampersand"
        ),
        pytest.param("Template:Ünïcode", "Zeichen: äöü — 日本", id="unicode"),
        pytest.param("Page", "  leading and trailing spaces  \n\n", id="whitespace-preserved"),
    ],
)
def test_xml_dump_round_trips(title: str, text: str) -> None:
    dump = xml_dump([(title, text)], datetime(2024, 5, 1, 12, 0, tzinfo=UTC), "Alice", "test")
    ns = {"mw": "http://www.mediawiki.org/xml/export-0.11/"}
    page = ET.fromstring(dump).find("mw:page", ns)  # noqa: S314 (our own output)
    assert page is not None
    assert page.findtext("mw:title", namespaces=ns) == title
    assert page.findtext("mw:revision/mw:text", namespaces=ns) == text
    assert page.findtext("mw:revision/mw:timestamp", namespaces=ns) == "2024-05-01T12:00:00Z"


def test_build_key_follows_every_input(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "b.php"
    first.write_text("one")
    second.write_text("two")
    key = build_key("1.39.17", [first, second])
    assert build_key("1.39.17", [first, second]) == key
    assert build_key("1.39.18", [first, second]) != key
    second.write_text("two!")
    assert build_key("1.39.17", [first, second]) != key


@pytest.mark.parametrize(
    ("inherited", "expected"),
    [
        pytest.param(None, "127.0.0.1,localhost", id="none"),
        pytest.param("proxy.corp", "proxy.corp,127.0.0.1,localhost", id="kept"),
        pytest.param("localhost,.corp", "localhost,.corp,127.0.0.1", id="no-duplicates"),
    ],
)
def test_sandbox_env_points_everything_at_the_sandbox(inherited: str | None, expected: str) -> None:
    env = sandbox_env(Path("/w"), "http://127.0.0.1:1234/api.php", "PermBot", inherited)
    assert env["NO_PROXY"] == env["no_proxy"] == expected
    assert env["PYWIKIBOT_DIR"] == "/w/pywikibot"
    assert env["PERMBOT_PASSWORD_FILE"] == "/w/pywikibot/passwordfile"
    assert env["PERMBOT_WIKI_API"] == "http://127.0.0.1:1234/api.php"
    assert (env["PERMBOT_WIKI_USER"], env["PERMBOT_PROFILE"]) == ("PermBot", "sandbox")


@pytest.mark.parametrize(
    ("ids", "max_gap", "expected"),
    [
        pytest.param([], 30, [], id="nothing"),
        pytest.param([7], 30, [(7, 7)], id="one"),
        pytest.param(range(100, 2100), 30, [(100, 2099)], id="contiguous-import"),
        pytest.param([5, 3, 4, 3], 30, [(3, 5)], id="unsorted-duplicates"),
        pytest.param([32, 2000, 2001], 30, [(32, 32), (2000, 2001)], id="old-page-far-from-new-ones"),
        pytest.param([10, 40, 71], 30, [(10, 40), (71, 71)], id="gap-limit-inclusive"),
    ],
)
def test_page_runs_covers_ids_with_few_ranges(
    ids: list[int], max_gap: int, expected: list[tuple[int, int]]
) -> None:
    assert page_runs(ids, max_gap) == expected


def test_password_file_line_is_a_pywikibot_botpassword_entry() -> None:
    line = password_file_line("PermBot", Account(AccountRole.BOT, "PermBot@permbot", "x" * 32))
    assert line == f"('PermBot', BotPassword('permbot', '{'x' * 32}'))\n"


# --- the CLI -----------------------------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=REPO,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def cli_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A sandbox started by `permbot sandbox up` in a subprocess: its JSON line."""
    wiki_dir = tmp_path_factory.mktemp("cli-wiki")
    up = _cli("sandbox", "up", "--dir", str(wiki_dir))
    assert up.returncode == 0, up.stderr
    assert "throwaway" in up.stderr
    info: dict[str, Any] = json.loads(up.stdout.strip().splitlines()[-1])
    try:
        yield info
    finally:
        _cli("sandbox", "down", "--dir", str(wiki_dir))


def test_cli_up_prints_the_contract_as_last_line(cli_sandbox: dict[str, Any]) -> None:
    assert set(cli_sandbox) == {"api", "dir", "accounts", "env", "imap"}
    assert cli_sandbox["api"].startswith("http://127.0.0.1:")
    assert cli_sandbox["api"].endswith("/api.php")
    roles = {account["role"]: account for account in cli_sandbox["accounts"]}
    assert set(roles) == {"bot", "other", "agent"}
    assert roles["bot"]["user"] == f"{CONTENT.bot_user}@{CONTENT.bot_app}"
    assert len(roles["bot"]["password"]) == 32
    env = cli_sandbox["env"]
    assert env["PERMBOT_WIKI_API"] == cli_sandbox["api"]
    assert env["PERMBOT_PROFILE"] == "sandbox"
    assert "127.0.0.1" in env["NO_PROXY"].split(",")
    password_file = Path(env["PERMBOT_PASSWORD_FILE"])
    assert password_file.read_text() == password_file_line(CONTENT.bot_user, Account.from_json(roles["bot"]))
    assert password_file.stat().st_mode & 0o077 == 0
    assert Path(env["PYWIKIBOT_DIR"]) == password_file.parent
    assert "batchcomplete" in _get(cli_sandbox["api"], action="query", meta="siteinfo")


@pytest.mark.skipif(not repo_user_config().is_file(), reason="the repo's user-config.py is not written yet")
def test_cli_env_makes_pywikibot_log_in_as_the_bot(cli_sandbox: dict[str, Any]) -> None:
    script = (
        "import pywikibot; site = pywikibot.Site(); site.login(); print(site.user(), site.has_right('bot'))"
    )
    env = {**os.environ, **cli_sandbox["env"]}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [CONTENT.bot_user, "True"]


def test_cli_env_prints_the_env_as_shell_exports(cli_sandbox: dict[str, Any]) -> None:
    result = _cli("sandbox", "env", "--dir", cli_sandbox["dir"])
    assert result.returncode == 0, result.stderr
    exported = dict(
        shlex.split(line.removeprefix("export "))[0].split("=", 1) for line in result.stdout.splitlines()
    )
    assert exported == cli_sandbox["env"]


def test_cli_up_starts_the_mailbox_and_deliver_appends_eml_and_mbox(
    cli_sandbox: dict[str, Any], tmp_path: Path
) -> None:
    imap = cli_sandbox["imap"]
    assert {imap["host"], imap["security"], imap["folder"]} == {"127.0.0.1", "plain", "INBOX"}
    env = cli_sandbox["env"]
    assert env["PERMBOT_IMAP_PORT"] == str(imap["port"])
    assert Path(env["PERMBOT_IMAP_PASSWORD_FILE"]).read_text().strip() == imap["password"]
    eml = tmp_path / "one.eml"
    eml.write_bytes(make_mail(1))
    mbox = tmp_path / "two.mbox"
    mbox.write_bytes(
        b"".join(b"From x@example.org Tue May 14 10:00:00 2024\n" + make_mail(n) for n in (2, 3))
    )
    result = _cli("sandbox", "deliver", "--dir", cli_sandbox["dir"], str(eml), str(mbox))
    assert result.returncode == 0, result.stderr
    settings = load_mailbox_settings({**os.environ, **env})
    with Mailbox(settings) as box:
        subjects = [message.subject() for message in box.take(Cursor())]
    assert [subject.endswith(f"photo {n}") for n, subject in zip((1, 2, 3), subjects[-3:], strict=True)] == [
        True
    ] * 3


def test_cli_down_stops_and_up_restarts_the_same_wiki(tmp_path: Path) -> None:
    up = _cli("sandbox", "up", "--dir", str(tmp_path))
    assert up.returncode == 0, up.stderr
    api = json.loads(up.stdout.splitlines()[-1])["api"]
    wiki = SandboxWiki.attach(tmp_path)
    wiki.edit_as(AccountRole.OTHER, "Kept across restarts", "still here", "test")
    assert _cli("sandbox", "down", "--dir", str(tmp_path)).returncode == 0
    assert not server.answers(api)
    assert (tmp_path / "LocalSettings.php").is_file()
    again = _cli("sandbox", "up", "--dir", str(tmp_path))
    try:
        assert again.returncode == 0, again.stderr
        assert SandboxWiki.attach(tmp_path).page_text("Kept across restarts") == "still here"
    finally:
        _cli("sandbox", "down", "--dir", str(tmp_path))


def test_up_on_a_busy_port_fails_with_the_reason(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(SandboxError, match=r"port \d+ on 127.0.0.1 is in use .*another --port"):
            SandboxWiki.up(tmp_path, busy.getsockname()[1])
    assert not server.is_running(tmp_path)


def test_cli_up_on_the_port_of_another_sandbox_refuses(cli_sandbox: dict[str, Any], tmp_path: Path) -> None:
    port = cli_sandbox["api"].split(":")[2].split("/")[0]
    result = _cli("sandbox", "up", "--dir", str(tmp_path / "second"), "--port", port)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert result.stdout == ""  # no JSON line: nothing may point at the other wiki
    assert not server.is_running(tmp_path / "second")
    assert server.served_id(int(port)) == (Path(cli_sandbox["dir"]) / server.ID_FILE).read_text().strip()


def test_cli_up_says_the_passwords_are_throwaway(cli_sandbox: dict[str, Any]) -> None:
    assert "throwaway" in _cli("sandbox", "up", "--help").stdout


def test_cli_up_refuses_a_folder_that_is_not_a_sandbox(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = _cli("sandbox", "up", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert "neither empty nor a sandbox" in result.stderr


# --- the wiki's content ------------------------------------------------------------------------------


def test_api_answers_with_mediawiki_1_39(wiki: SandboxWiki) -> None:
    general = _get(wiki.api, action="query", meta="siteinfo")["query"]["general"]
    assert general["generator"].startswith("MediaWiki 1.39")
    assert general["server"] == wiki.api.removesuffix("/api.php")


@pytest.mark.parametrize("role", [AccountRole.BOT, AccountRole.OTHER], ids=["bot-botpassword", "other-user"])
def test_accounts_log_in_with_plain_requests(wiki: SandboxWiki, role: AccountRole) -> None:
    account = wiki.account(role)
    session = _local()
    params = {"format": "json", "formatversion": "2"}
    token = session.get(wiki.api, params={**params, "action": "query", "meta": "tokens", "type": "login"})
    login = session.post(
        wiki.api,
        data={
            **params,
            "action": "login",
            "lgname": account.user,
            "lgpassword": account.password,
            "lgtoken": token.json()["query"]["tokens"]["logintoken"],
        },
    ).json()["login"]
    assert login["result"] == "Success"
    info = session.get(wiki.api, params={**params, "action": "query", "meta": "userinfo", "uiprop": "rights"})
    rights = set(info.json()["query"]["userinfo"]["rights"])
    if role is AccountRole.BOT:
        assert {"bot", "apihighlimits", "edit", "upload"} <= rights  # 500-page batches need apihighlimits
    else:
        assert "edit" in rights
        assert "bot" not in rights


def test_wrong_bot_password_is_refused(wiki: SandboxWiki) -> None:
    bot = wiki.account(AccountRole.BOT)
    forged = SandboxWiki.attach(wiki.dir)
    forged.accounts = [Account(AccountRole.BOT, bot.user, "0" * 32)]
    with pytest.raises(SandboxError, match="login as PermBot@permbot failed"):
        forged.edit_as(AccountRole.BOT, "Sandbox", "x", "test")


@pytest.mark.parametrize(
    ("title", "target"),
    [
        ("Template:PermissionOTRS", "Template:PermissionTicket"),
        ("Template:Permission OTRS", "Template:PermissionTicket"),
        ("Template:OTRS", "Template:PermissionTicket"),
        ("Template:OTRS permission", "Template:PermissionTicket"),
        ("Template:PermissionVRTS", "Template:PermissionTicket"),
        ("Template:OTRS pending", "Template:Permission pending"),
        ("Template:OTRS received", "Template:Permission received"),
        ("Template:No OTRS permission since", "Template:No VRTS permission since"),
        ("File:Harbor at dusk.jpg", "File:Harbour at dusk.jpg"),
        ("Template:PermissionTicket", None),
        ("Template:Permission pending", None),
        ("Template:Permission received", None),
        ("Template:No VRTS permission since", None),
        ("Template:Information", None),
        ("Template:Nobots", None),
        ("Template:Bots", None),
    ],
)
def test_templates_and_redirects_exist(wiki: SandboxWiki, title: str, target: str | None) -> None:
    query = _get(wiki.api, action="query", titles=title, redirects="1")["query"]
    redirects = {item["from"]: item["to"] for item in query.get("redirects", [])}
    assert redirects.get(title) == target
    assert not query["pages"][0].get("missing")


def test_run_page_says_true(wiki: SandboxWiki) -> None:
    assert wiki.run_page == f"User:{CONTENT.bot_user}/Run"
    assert wiki.page_text(wiki.run_page) == "true"


@pytest.mark.parametrize("sample", CONTENT.files, ids=[sample.name for sample in CONTENT.files])
def test_sample_files_are_uploaded_with_exif(wiki: SandboxWiki, sample: Any) -> None:
    page = _get(
        wiki.api, action="query", titles=f"File:{sample.name}", prop="imageinfo", iiprop="metadata|size|url"
    )
    info = page["query"]["pages"][0]["imageinfo"][0]
    metadata = {item["name"]: item["value"] for item in info["metadata"]}
    assert metadata["Artist"] == sample.exif["Artist"]
    assert metadata["Copyright"] == sample.exif["Copyright"]
    assert (info["width"], info["height"]) == (sample.width, sample.height)
    image = _local().get(info["url"], timeout=30)
    assert image.status_code == 200
    assert image.content[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("title", "templates"),
    [
        ("File:Harbour at dusk.jpg", {"Template:Information", "Template:Permission pending"}),
        ("File:Kingfisher on reed.jpg", {"Template:Permission pending"}),
        ("File:Stockholm archipelago ferry.jpg", {"Template:Information", "Template:PermissionTicket"}),
        ("File:Lighthouse in fog.jpg", {"Template:Nobots", "Template:Permission pending"}),
        ("File:Old town square.jpg", {"Template:OTRS pending", "Template:Permission pending"}),
        ("File:Mill pond in winter.jpg", {"Template:Permission pending", "Template:Permission received"}),
    ],
)
def test_sample_pages_transclude_their_templates(wiki: SandboxWiki, title: str, templates: set[str]) -> None:
    page = _get(wiki.api, action="query", titles=title, prop="templates", tllimit="max")["query"]["pages"][0]
    assert templates <= {item["title"] for item in page["templates"]}


def test_kingfisher_has_no_information_template(wiki: SandboxWiki) -> None:
    text = wiki.page_text("File:Kingfisher on reed.jpg") or ""
    assert "{{Permission pending|year=2024|month=5|day=3}}" in text
    assert "{{Information" not in text


def test_protected_sample_refuses_the_bot(wiki: SandboxWiki) -> None:
    with pytest.raises(SandboxApiError) as caught:
        wiki.edit_as(AccountRole.BOT, "File:Cathedral facade.jpg", "x", "test")
    assert caught.value.code == "protectedpage"


def test_ticket_interwiki_prefix_is_known(wiki: SandboxWiki) -> None:
    query = _get(wiki.api, action="query", titles="ticket:2024051410012355", iwurl="1")["query"]
    assert "TicketNumber=2024051410012355" in query["interwiki"][0]["url"]


# --- snapshots, controls, bulk import ----------------------------------------------------------------


def test_restore_undoes_edits_creations_and_blocks(wiki: SandboxWiki) -> None:
    original = wiki.page_text("File:Harbour at dusk.jpg")
    wiki.edit_as(AccountRole.BOT, "File:Harbour at dusk.jpg", "vandalised", "test")
    wiki.edit_as(AccountRole.OTHER, "Brand new page", "new", "test")
    wiki.block(CONTENT.bot_user)
    with pytest.raises(SandboxApiError) as caught:
        wiki.edit_as(AccountRole.BOT, "Sandbox", "x", "test")
    assert caught.value.code == "blocked"
    started = time.monotonic()
    wiki.restore()
    assert time.monotonic() - started < 1.0
    assert wiki.page_text("File:Harbour at dusk.jpg") == original
    assert wiki.page_text("Brand new page") is None
    assert wiki.edit_as(AccountRole.BOT, "Sandbox", "after restore", "test").revid is not None  # login kept


def test_named_snapshots_are_independent_of_the_initial_one(wiki: SandboxWiki) -> None:
    original = wiki.page_text("File:Kingfisher on reed.jpg")
    wiki.edit_as(AccountRole.OTHER, "File:Kingfisher on reed.jpg", "baseline of a module", "test")
    wiki.snapshot("module_baseline")
    wiki.restore()
    assert wiki.page_text("File:Kingfisher on reed.jpg") == original
    wiki.restore("module_baseline")
    assert wiki.page_text("File:Kingfisher on reed.jpg") == "baseline of a module"


@pytest.mark.parametrize(
    "name", ["../escape", "", "a/b", "never_taken"], ids=["dots", "empty", "slash", "unknown"]
)
def test_snapshot_names_are_checked(wiki: SandboxWiki, name: str) -> None:
    with pytest.raises((ValueError, SandboxError)):
        wiki.restore(name)


def test_injected_maxlag_fails_requests_like_mediawiki(wiki: SandboxWiki) -> None:
    wiki.inject_maxlag(7, 2)
    query = {"action": "query", "titles": "Main Page", "format": "json"}
    assert "error" not in _local().get(wiki.api, params=query).json()  # no maxlag parameter: unaffected
    assert "error" not in _local().get(wiki.api, params={**query, "maxlag": "10"}).json()  # lag below limit
    lagged = _local().get(wiki.api, params={**query, "maxlag": "5"})
    error = lagged.json()["error"]
    assert (error["code"], error["lag"]) == ("maxlag", 7)
    assert lagged.headers["X-Database-Lag"] == "7"
    assert int(lagged.headers["Retry-After"]) >= 5
    assert wiki.maxlag_remaining() == 1
    with pytest.raises(SandboxApiError, match="maxlag"):
        wiki.request(None, "GET", action="query", titles="Main Page", maxlag="5")
    assert wiki.maxlag_remaining() == 0
    assert "query" in wiki.request(None, "GET", action="query", titles="Main Page", maxlag="5")


def test_read_only_file_blocks_edits_until_removed(wiki: SandboxWiki) -> None:
    wiki.set_read_only("Database maintenance (test)")
    with pytest.raises(SandboxApiError) as caught:
        wiki.edit_as(AccountRole.BOT, "Sandbox", "x", "test")
    assert caught.value.code == "readonly"
    wiki.set_read_only(None)
    assert wiki.edit_as(AccountRole.BOT, "Sandbox", "x", "test").revid is not None


def test_read_only_needs_a_reason(wiki: SandboxWiki) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        wiki.set_read_only("  ")


def test_import_pages_creates_fifty_pages_with_links(wiki: SandboxWiki) -> None:
    pages = [
        (f"File:Imported sample {n}.jpg", f"{{{{Permission pending|year=2024|month=2|day={n % 28 + 1}}}}}")
        for n in range(50)
    ]
    when = datetime(2024, 2, 1, 8, 30, tzinfo=UTC)
    wiki.import_pages(pages, timestamp=when)
    embedded = wiki.request(
        None, "GET", action="query", list="embeddedin", eititle="Template:Permission pending", eilimit="max"
    )["query"]["embeddedin"]
    titles = {item["title"] for item in embedded}
    assert {title for title, _ in pages} <= titles
    assert wiki.page_text("File:Imported sample 7.jpg") == pages[7][1]
    revision = wiki.request(
        None, "GET", action="query", prop="revisions", titles=pages[0][0], rvprop="timestamp|user"
    )["query"]["pages"][0]["revisions"][0]
    assert revision["timestamp"] == "2024-02-01T08:30:00Z"
    wiki.restore()
    assert wiki.page_text(pages[0][0]) is None


def test_import_pages_updates_existing_pages_and_their_links(wiki: SandboxWiki) -> None:
    wiki.import_pages([("File:Kingfisher on reed.jpg", "{{PermissionOTRS|id=2024051410012399}}")])
    page = wiki.request(None, "GET", action="query", prop="templates", titles="File:Kingfisher on reed.jpg")
    templates = {item["title"] for item in page["query"]["pages"][0]["templates"]}
    assert templates == {"Template:PermissionOTRS", "Template:PermissionTicket"}
    older = datetime(2020, 1, 1, tzinfo=UTC)  # older than the current revision: history only
    wiki.import_pages([("File:Kingfisher on reed.jpg", "old text")], timestamp=older)
    assert wiki.page_text("File:Kingfisher on reed.jpg") == "{{PermissionOTRS|id=2024051410012399}}"


def test_edit_as_renews_a_lost_session(wiki: SandboxWiki) -> None:
    wiki.edit_as(AccountRole.OTHER, "Sandbox", "first", "test")
    wiki.request(AccountRole.OTHER, "POST", action="logout", token=_csrf(wiki, AccountRole.OTHER))
    assert wiki.edit_as(AccountRole.OTHER, "Sandbox", "second", "test").revid is not None
    assert wiki.page_text("Sandbox") == "second"


def _csrf(wiki: SandboxWiki, role: AccountRole) -> str:
    token: str = wiki.request(role, "GET", action="query", meta="tokens")["query"]["tokens"]["csrftoken"]
    return token


def test_api_log_records_each_call(wiki: SandboxWiki) -> None:
    assert wiki.api_calls() == []
    _get(wiki.api, action="query", titles="A|B|C", prop="revisions")
    _local().post(wiki.api, data={"action": "query", "list": "allpages", "format": "json"})
    calls = wiki.api_calls()
    assert [(call["method"], call["action"]) for call in calls] == [("GET", "query"), ("POST", "query")]
    assert calls[0]["titles"] == 3
    assert calls[0]["prop"] == "revisions"
    assert calls[1]["list"] == "allpages"
    wiki.clear_api_log()
    assert wiki.api_calls() == []
