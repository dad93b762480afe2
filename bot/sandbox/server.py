"""The sandbox's web server: PHP's built-in server with the router, in its own process group.

`php -S` is enough for one bot and its tests, needs no system configuration, and dies with its process
group. The pid file in the wiki folder lets another process (`permbot sandbox down`) stop it.
A port already in use is refused before starting; after starting, the wiki on the port must answer with
the random id written into its folder, so a sandbox never reports another wiki (or program) as its own.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.sandbox.code import MediaWikiCode
from bot.sandbox.model import SandboxError

ROUTER = Path(__file__).resolve().parent / "router.php"
PID_FILE = "server.pid"
ID_FILE = "sandbox-id"  # served by router.php at /permbot-sandbox-id
ID_PATH = "/permbot-sandbox-id"
LOG_FILE = "server.log"
HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0


def free_port() -> int:
    """A port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def api_url(port: int) -> str:
    return f"http://{HOST}:{port}/api.php"


def _alive(pid: int) -> bool:
    """True while the process exists and has not exited (an unreaped zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill 0
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _reaped(pid: int) -> bool:
    """Reap `pid` if it is an exited child of ours (a zombie still answers kill 0)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == pid


def read_pid(wiki_dir: Path, pid_file: str = PID_FILE) -> int | None:
    """The server's pid from the wiki folder, if the file is there and well formed."""
    try:
        return int((wiki_dir / pid_file).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def is_running(wiki_dir: Path) -> bool:
    pid = read_pid(wiki_dir)
    return pid is not None and _alive(pid)


def answers(api: str, timeout: float = 2.0) -> bool:
    """True when api.php returns a real API answer (an HTML error page with status 200 does not count)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    query = f"{api}?action=query&meta=siteinfo&format=json&formatversion=2"
    try:
        with opener.open(query, timeout=timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return isinstance(body, dict) and "batchcomplete" in body


def port_in_use(port: int) -> bool:
    """True when something already listens on (or holds) the port on HOST."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def served_id(port: int, timeout: float = 2.0) -> str | None:
    """The sandbox id the server on `port` reports (None: no sandbox router answers there)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://{HOST}:{port}{ID_PATH}", timeout=timeout) as response:
            return str(response.read(200).decode("ascii", errors="replace").strip())
    except (urllib.error.URLError, OSError):
        return None


def _log_tail(wiki_dir: Path) -> str:
    try:
        return (wiki_dir / LOG_FILE).read_text(errors="replace")[-1500:]
    except FileNotFoundError:
        return ""


def start(code: MediaWikiCode, wiki_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """Start `php -S` for the wiki in `wiki_dir` and return once api.php answers and the server is ours."""
    wiki_dir = wiki_dir.resolve()
    if port_in_use(port):
        raise SandboxError(
            f"port {port} on {HOST} is in use (another sandbox or program listens there): "
            "give another --port, or leave --port out for a free one"
        )
    token = secrets.token_hex(16)
    (wiki_dir / ID_FILE).write_text(token + "\n")
    env = {**os.environ, "MW_CONFIG_FILE": str(wiki_dir / "LocalSettings.php")}
    env.pop("PHP_CLI_SERVER_WORKERS", None)  # one worker: requests are served in order
    command = ["php", "-S", f"{HOST}:{port}", "-t", str(code.root), str(ROUTER)]
    with (wiki_dir / LOG_FILE).open("ab") as log:
        process = subprocess.Popen(
            command,
            cwd=wiki_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    (wiki_dir / PID_FILE).write_text(f"{process.pid}\n")
    deadline = time.monotonic() + START_TIMEOUT
    api = api_url(port)
    while not answers(api):
        if process.poll() is not None:
            (wiki_dir / PID_FILE).unlink(missing_ok=True)
            raise SandboxError(f"php -S exited with {process.returncode}: {_log_tail(wiki_dir)}")
        if time.monotonic() > deadline:
            stop(wiki_dir, process)
            raise SandboxError(f"{api} did not answer within {START_TIMEOUT:.0f} s: {_log_tail(wiki_dir)}")
        time.sleep(0.05)
    if process.poll() is not None or served_id(port) != token:
        stop(wiki_dir, process)
        raise SandboxError(
            f"another wiki or program answers on port {port}, not this sandbox: "
            "give another --port, or leave --port out for a free one"
        )
    return process


def stop(wiki_dir: Path, process: subprocess.Popen[bytes] | None = None, pid_file: str = PID_FILE) -> bool:
    """Stop the server's process group (another server's with its own `pid_file`); False when none was
    running. The folder stays as it is."""
    pid = process.pid if process is not None else read_pid(wiki_dir, pid_file)
    if pid is None or not _alive(pid):
        (wiki_dir / pid_file).unlink(missing_ok=True)
        return False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        if _wait_gone(pid, process, STOP_TIMEOUT):
            break
    (wiki_dir / pid_file).unlink(missing_ok=True)
    return True


def _wait_gone(pid: int, process: subprocess.Popen[bytes] | None, timeout: float) -> bool:
    """Wait for the process to end (reaping it when it is our child)."""
    if process is not None:
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while _alive(pid) and not _reaped(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
