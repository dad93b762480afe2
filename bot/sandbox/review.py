"""The review page on a sandbox (`make demo`): `permbot review` in a process group of its own, local login
against the sandbox wiki. Its pid file in the wiki folder lets `permbot sandbox down` stop it too."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.config.review import LOGIN_VARIABLE, LoginMode
from bot.sandbox import server
from bot.sandbox.model import SandboxError

PID_FILE = "review.pid"
LOG_FILE = "review.log"
START_SECONDS = 30.0


@dataclass(frozen=True)
class SandboxReview:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_review(wiki_dir: Path, env: Mapping[str, str], port: int = 0) -> SandboxReview:
    """Start `permbot review` on 127.0.0.1 (a free port unless given) and wait until its login page answers.

    `env` points it at the store and the sandbox wiki (`PERMBOT_DATABASE_URL`, `PERMBOT_WIKI_API`, the
    pywikibot folder for the decisions it carries out); the login is always the sandbox's local one.
    """
    port = port or server.free_port()
    url = f"http://{server.HOST}:{port}"
    log = wiki_dir / LOG_FILE
    permbot = str(Path(sys.executable).with_name("permbot"))
    command = [permbot, "review", "--host", server.HOST, "--port", str(port)]
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            env={**env, LOGIN_VARIABLE: LoginMode.LOCAL.value},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    (wiki_dir / PID_FILE).write_text(f"{process.pid}\n")
    deadline = time.monotonic() + START_SECONDS
    while not _answers(url + "/login"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_review(wiki_dir, process)
            tail = log.read_text(errors="replace").strip()[-1500:]
            raise SandboxError(f"`permbot review` did not come up on {url} (log {log}): {tail}")
        time.sleep(0.1)
    return SandboxReview(url, process, log)


def stop_review(wiki_dir: Path, process: subprocess.Popen[bytes] | None = None) -> bool:
    """Stop the sandbox's review server, if one runs; False when none did."""
    return server.stop(wiki_dir, process, pid_file=PID_FILE)


def _answers(url: str) -> bool:
    with requests.Session() as session:
        session.trust_env = False  # loopback: never through a proxy from the environment
        try:
            return session.get(url, timeout=2).status_code == 200
        except requests.RequestException:
            return False
