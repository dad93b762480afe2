"""The wiki commands as an operator meets them, against the real sandbox MediaWiki: redirects that lead
out of File:, simulate on a protected page, an emptied Permission field, output streamed file by file,
Ctrl-C in the middle of a run, and wikis that do not answer (closed port, black hole, sandbox stopped,
Commons without network). Processes are real `permbot` processes where the exit status or a signal is
what is tested.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import SandboxWiki
from bot.sandbox.model import AccountRole
from tests.integration.test_wiki_commands import (
    CATHEDRAL,
    FERRY,
    HARBOUR,
    KINGFISHER,
    NEW_TICKET,
    OLD_TOWN,
    TICKET,
    Permbot,
    command_runner,
    edits_logged,
    text_of,
)
from tests.support.processes import read_line

REPO = Path(__file__).resolve().parents[2]
CONFIG_DIR = REPO / "config"
PERMBOT = [sys.executable, "-m", "bot.cli"]


def run_permbot(*argv: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PERMBOT, *argv], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False
    )


def config_with(tmp_path: Path, **sandbox_profile: float) -> Path:
    """A copy of config/ whose sandbox profile has the given values (e.g. small timeouts)."""
    folder = tmp_path / "config"
    folder.mkdir()
    for source in CONFIG_DIR.iterdir():
        if source.is_file():
            (folder / source.name).write_bytes(source.read_bytes())
    wiki_toml = folder / "wiki.toml"
    text = wiki_toml.read_text(encoding="utf-8")
    head, marker, rest = text.partition("[profiles.sandbox]\n")
    extra = "".join(f"{key} = {value!r}\n" for key, value in sandbox_profile.items())
    lines = [line for line in rest.split("\n") if line.split(" = ")[0] not in sandbox_profile]
    wiki_toml.write_text(head + marker + extra + "\n".join(lines), encoding="utf-8")
    return folder


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


# ---------------------------------------------------------------------------------------------------------
# Redirects out of File:


@pytest.fixture
def permbot(
    wiki: SandboxWiki, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Permbot:
    return command_runner(monkeypatch, capsys)


OUTSIDE = {
    "File:To a user page.jpg": ("#REDIRECT [[User:Mallory]]", "User:Mallory", "not_a_file"),
    "File:To a template.jpg": ("#REDIRECT [[Template:Information]]", "Template:Information", "not_a_file"),
    "File:To an article.jpg": ("#REDIRECT [[Main Page]]", "Main Page", "not_a_file"),
    # "Commons:" is the sandbox's project namespace ($wgMetaNamespace), as on Commons: a local page.
    "File:To the project.jpg": ("#REDIRECT [[Commons:File:X.jpg]]", "Commons:File:X.jpg", "not_a_file"),
    "File:To another wiki.jpg": ("#REDIRECT [[mediawikiwiki:File:Harbour at dusk.jpg]]", None, "interwiki"),
}


def test_redirects_out_of_file_or_to_another_wiki_are_reported_not_followed(
    wiki: SandboxWiki, permbot: Permbot
) -> None:
    wiki.edit_as(AccountRole.OTHER, "User:Mallory", "Mallory's page\n", "test page")
    for title, (text, _target, _why) in OUTSIDE.items():
        wiki.edit_as(AccountRole.OTHER, title, text, "test redirect")
    before = {target: wiki.page_text(target) for _text, target, _why in OUTSIDE.values() if target}
    wiki.clear_api_log()
    result = permbot("tag", "--ticket", NEW_TICKET, *OUTSIDE, HARBOUR, "--json")
    files = {entry["title"]: entry for entry in result.json()["files"]}
    for title, (_text, target, why) in OUTSIDE.items():
        assert (files[title]["outcome"], files[title]["detail"]) == ("redirect_outside", why)
        if target:
            assert files[title]["target"] == target
    assert files["File:To another wiki.jpg"]["target"] == "mediawikiwiki:File:Harbour at dusk.jpg"
    assert files[HARBOUR]["outcome"] == "edited"  # the run went on
    assert [edit.get("title") for edit in edits_logged(wiki)] == [HARBOUR]
    assert {target: wiki.page_text(target) for target in before} == before
    assert result.code == 1


# ---------------------------------------------------------------------------------------------------------
# Simulate meets what the real run meets; untag says what it leaves behind


def test_simulate_reports_a_protected_page_as_the_real_run_does(wiki: SandboxWiki, permbot: Permbot) -> None:
    simulated = permbot("tag", "--ticket", NEW_TICKET, CATHEDRAL, HARBOUR, "--simulate", "--json")
    real = permbot("tag", "--ticket", NEW_TICKET, CATHEDRAL, HARBOUR, "--json")
    assert simulated.outcomes() == real.outcomes() == {CATHEDRAL: "protected", HARBOUR: "edited"}
    assert simulated.code == real.code == 1


def test_untag_says_when_it_leaves_the_permission_field_empty(wiki: SandboxWiki, permbot: Permbot) -> None:
    tagged = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, "--json")
    assert tagged.code == 0
    result = permbot("untag", "--ticket", NEW_TICKET, HARBOUR)
    assert "NOTE permission_field_empty" in result.out
    assert "|permission=\n" in text_of(wiki, HARBOUR)
    assert permbot("untag", "--ticket", TICKET, FERRY, "--json").json()["files"][0].get("notices") in (
        None,
        ["permission_field_empty"],
    )


def test_saved_edits_carry_their_revision_id(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, "--json")
    [saved] = result.json()["saved"]
    history = wiki.request(None, "GET", action="query", prop="revisions", rvprop="ids", titles=HARBOUR)
    assert saved == {"title": HARBOUR, "revision": history["query"]["pages"][0]["revisions"][0]["revid"]}


# ---------------------------------------------------------------------------------------------------------
# Streaming and Ctrl-C (real processes)


def _slow_env(wiki: SandboxWiki, tmp_path: Path, put_throttle: float) -> dict[str, str]:
    env = {
        **os.environ,
        **wiki.env,
        "PERMBOT_CONFIG_DIR": str(config_with(tmp_path, put_throttle=put_throttle)),
    }
    env.pop("PYTHONWARNINGS", None)
    return env


def _start(wiki: SandboxWiki, tmp_path: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*PERMBOT, *argv],
        # both callers interrupt after the first save: a long wait before the next save keeps a loaded
        # machine from finishing the run before the signal arrives (it cuts the wait short)
        env=_slow_env(wiki, tmp_path, put_throttle=5),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def _read_line(process: subprocess.Popen[str], deadline: float) -> dict[str, Any]:
    line = read_line(process)
    assert line, f"permbot ended early: {process.poll()} {process.stderr.read() if process.stderr else ''}"
    assert time.monotonic() < deadline
    data: dict[str, Any] = json.loads(line)
    return data


def test_each_file_is_printed_as_it_is_saved_and_ctrl_c_lists_the_saved_edits(
    wiki: SandboxWiki, tmp_path: Path
) -> None:
    files = [HARBOUR, KINGFISHER, OLD_TOWN, "File:Lighthouse in fog.jpg"]
    process = _start(wiki, tmp_path, "tag", "--ticket", NEW_TICKET, *files, "--json")
    deadline = time.monotonic() + 60
    try:
        start = _read_line(process, deadline)
        assert start["type"] == "start"
        first = _read_line(process, deadline)
        # The first file's line arrives while the others are still waiting for the throttle.
        assert (first["type"], first["title"], first["outcome"]) == ("file", HARBOUR, "edited")
        assert len(edits_logged(wiki)) < len(files) - 1
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    summary = json.loads(out.splitlines()[-1])
    assert process.returncode == 130
    assert "Traceback" not in err
    assert summary["type"] == "summary"
    assert summary["status"] == "interrupted"
    saved = {entry["title"]: entry["revision"] for entry in summary["saved"]}
    assert HARBOUR in saved
    assert isinstance(saved[HARBOUR], int)
    saved_on_wiki = {call["title"] for call in edits_logged(wiki)}
    assert set(saved) <= saved_on_wiki
    undone = set(summary["not_done"]) | ({summary["in_progress"]} - {None})
    assert undone | set(saved) | {e for e in files if e not in undone and e not in saved} == set(files)
    assert undone, "Ctrl-C came before the last file"
    assert not undone & set(saved)


def test_text_output_streams_the_header_first(wiki: SandboxWiki, tmp_path: Path) -> None:
    process = _start(wiki, tmp_path, "tag", "--ticket", NEW_TICKET, HARBOUR, KINGFISHER, OLD_TOWN)
    try:
        header = read_line(process)
        assert header.startswith(f"permbot tag [[ticket:{NEW_TICKET}]] on {wiki.api} (PERMBOT_WIKI_API set")
        assert edits_logged(wiki) == []  # nothing saved yet when the header is out
        first = read_line(process)
        assert first.startswith(f"edited      {HARBOUR}")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert "INTERRUPTED:" in out
    assert f"  {HARBOUR}  (revision " in out
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------------------------
# Wikis that do not answer


def _env_for_api(api: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PERMBOT_SANDBOX", "PYWIKIBOT_DIR"))
    }
    env.update(PERMBOT_WIKI_API=api, PERMBOT_PROFILE="sandbox", **extra)
    return env


def test_closed_port_answers_at_once_with_the_wiki_and_exit_3(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api.php"
    started = time.monotonic()
    result = run_permbot("tag", "--ticket", NEW_TICKET, HARBOUR, env=_env_for_api(api))
    assert time.monotonic() - started < 30
    assert result.returncode == 3
    assert result.stdout.startswith(f"permbot tag [[ticket:{NEW_TICKET}]] on {api} (PERMBOT_WIKI_API set)")
    assert f"at {api} is not answering (connection refused)" in result.stderr
    assert "check PERMBOT_WIKI_API" in result.stderr
    assert "Traceback" not in result.stderr


def test_black_holed_wiki_gives_up_after_the_configured_timeout(tmp_path: Path, black_hole: int) -> None:
    api = f"http://127.0.0.1:{black_hole}/api.php"
    config = config_with(tmp_path, connect_timeout=0.5, read_timeout=0.5)
    started = time.monotonic()
    result = run_permbot(
        "receive",
        "--ticket",
        NEW_TICKET,
        HARBOUR,
        "--json",
        env=_env_for_api(api, PERMBOT_CONFIG_DIR=str(config)),
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 3
    start, summary = (json.loads(line) for line in result.stdout.splitlines())
    assert (start["type"], start["wiki"]) == ("start", api)
    assert (summary["status"], summary["exit_status"]) == ("wiki_unreachable", 3)
    assert "connected, but no answer within 0.5 s" in summary["error"]
    assert "Traceback" not in result.stderr
    assert elapsed < 20


def test_stopped_sandbox_says_how_to_start_it(tmp_path: Path) -> None:
    sandbox_dir = tmp_path / "rehearsal"
    (sandbox_dir / "pywikibot").mkdir(parents=True)
    (sandbox_dir / "sandbox.json").write_text("{}")
    api = f"http://127.0.0.1:{closed_port()}/api.php"
    env = _env_for_api(
        api, PYWIKIBOT_DIR=str(sandbox_dir / "pywikibot")
    )  # an env from before PERMBOT_SANDBOX_DIR
    result = run_permbot("untag", "--ticket", NEW_TICKET, env=env)
    assert result.returncode == 3
    assert f"the sandbox wiki in {sandbox_dir}" in result.stdout.splitlines()[0]
    assert f"start it with `permbot sandbox up --dir {sandbox_dir}`" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wiki_going_away_mid_run_ends_with_what_was_saved_and_exit_3(tmp_path: Path) -> None:
    own = SandboxWiki.up(tmp_path / "going-away")  # its own wiki: the session's one must stay up
    try:
        env = {**os.environ, **own.env}
        env["PERMBOT_CONFIG_DIR"] = str(config_with(tmp_path, put_throttle=1.5, read_timeout=2.0))
        process = subprocess.Popen(
            [*PERMBOT, "tag", "--ticket", NEW_TICKET, HARBOUR, KINGFISHER, OLD_TOWN],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        read_line(process)  # the header
        assert read_line(process).startswith(f"edited      {HARBOUR}")
        own.stop()
        out, err = process.communicate(timeout=120)
    finally:
        own.stop()
    assert process.returncode == 3
    assert f"STOPPED: the wiki stopped answering (the sandbox wiki at {own.api} is not answering" in out
    assert f"start it with `permbot sandbox up --dir {own.dir}`" in out
    assert "1 file(s): 1 edited" in out
    assert OLD_TOWN in out.split("STOPPED:")[1]  # listed as not done (or in progress)
    assert "Traceback" not in err


def test_commons_without_network_names_commons_and_why(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PERMBOT_", "PYWIKIBOT"))}
    proxy = f"http://127.0.0.1:{closed_port()}"  # no traffic leaves the machine: the proxy is closed
    env.update(HTTPS_PROXY=proxy, https_proxy=proxy, NO_PROXY="", no_proxy="")
    result = run_permbot("sweep", "--simulate", env=env)
    assert result.returncode == 3
    commons = "https://commons.wikimedia.org/w/api.php"
    assert result.stdout.startswith(
        f"permbot sweep on {commons} (no PERMBOT_WIKI_API set, so Wikimedia Commons)"
    )
    assert f"Wikimedia Commons at {commons} is not answering" in result.stderr
    assert "permbot sandbox up" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------------------
# Exit statuses of the CLI


def test_exit_status_2_for_usage_errors() -> None:
    env = dict(os.environ)
    bad_ticket = run_permbot("tag", "--ticket", "2099010110000000", HARBOUR, env=env)
    assert bad_ticket.returncode == 2
    assert "after today" in bad_ticket.stderr
    bad_user = run_permbot("tag", "--ticket", NEW_TICKET, "--user", "~~~~", HARBOUR, env=env)
    assert bad_user.returncode == 2
    assert "~~~" in bad_user.stderr


def test_exit_status_0_and_1(wiki: SandboxWiki) -> None:
    env = {**os.environ, **wiki.env}
    assert run_permbot("tag", "--ticket", NEW_TICKET, HARBOUR, env=env).returncode == 0
    assert run_permbot("tag", "--ticket", NEW_TICKET, "No such file.jpg", env=env).returncode == 1
