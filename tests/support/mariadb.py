"""A throwaway MariaDB server for tests: real mariadbd, data under /dev/shm, loopback and a socket only.

One template data directory is made per test run (mariadb-install-db, ~1 s in tmpfs) by whichever process
needs it first; each pytest process (xdist worker) copies it (`cp -a`, ~0.1 s) and starts its own server in
its own process group, stopped when the process's session ends. Tests get a fresh database each
(`CREATE DATABASE`, ~10 ms in tmpfs). Measured figures and pitfalls: ../shared/notes/local-infrastructure.md.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pymysql
import sqlalchemy as sa

RUN_VARIABLE = "PERMBOT_TEST_RUN"  # set by the controlling pytest process; shared by its xdist workers
SHM = Path("/dev/shm")
USER = "permbot"
PASSWORD = "permbot-test"  # a throwaway server on loopback
START_SECONDS = 30.0
SERVER_FLAGS = (
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--skip-name-resolve",
    "--innodb-lock-wait-timeout=5",
    "--lock-wait-timeout=10",
    "--innodb-buffer-pool-size=64M",
    "--innodb-flush-log-at-trx-commit=0",
    "--innodb-doublewrite=0",
    "--max-allowed-packet=64M",
)


class MariaDBUnavailableError(RuntimeError):
    """mariadbd is not installed (`make system-deps` installs Debian's mariadb-server)."""


def find_program(name: str) -> str | None:
    """Debian puts mariadbd in /usr/sbin, which a non-root PATH may lack."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def run_root() -> Path:
    """This test run's folder under /dev/shm (short paths: a socket path over 107 bytes aborts mariadbd)."""
    run = os.environ.get(RUN_VARIABLE) or str(os.getpid())
    return (SHM if SHM.is_dir() else Path(tempfile.gettempdir())) / f"permbot-mariadb-{run}"


def _template(root: Path) -> Path:
    """The run's template data directory, made by the first process that asks (the others wait)."""
    template = root / "template"
    root.mkdir(parents=True, exist_ok=True)
    with (root / "template.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (template / "done").exists():
            install = find_program("mariadb-install-db")
            if install is None:
                raise MariaDBUnavailableError("mariadb-install-db is not installed")
            shutil.rmtree(template, ignore_errors=True)
            template.mkdir()
            subprocess.run(
                [
                    install,
                    "--no-defaults",
                    f"--datadir={template / 'data'}",
                    "--user=root",
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                    "--skip-name-resolve",
                    "--innodb-log-file-size=16M",
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            (template / "done").touch()
    return template


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class MariaDBServer:
    """A running mariadbd; `database_url()` makes a fresh empty database and returns its URL."""

    directory: Path
    port: int
    process: subprocess.Popen[bytes]
    _names: Iterator[int] = field(default_factory=itertools.count)

    @property
    def socket_path(self) -> Path:
        return self.directory / "sock"

    def root_connection(self) -> pymysql.Connection[pymysql.cursors.Cursor]:
        return pymysql.connect(unix_socket=str(self.socket_path), user="root", autocommit=True)

    def create_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        with self.root_connection() as connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        return name

    def drop_database(self, name: str) -> None:
        with self.root_connection() as connection, connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")

    def url(self, database: str) -> str:
        """TCP on loopback, as permbot reaches ToolsDB (the socket is for the fixture's root)."""
        url = sa.URL.create(
            "mysql+pymysql",
            username=USER,
            password=PASSWORD,
            host="127.0.0.1",
            port=self.port,
            database=database,
        )
        return url.render_as_string(hide_password=False)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)


def _wait_for_socket(path: Path, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text(errors="replace")
            raise RuntimeError(f"mariadbd exited with {process.returncode}: {detail}")
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
            probe.connect(str(path))
            return
        time.sleep(0.02)
    raise RuntimeError(f"mariadbd did not open {path} within {START_SECONDS:.0f} s")


def start_server() -> MariaDBServer:
    """Copy the run's template and start a server on it; the caller stops it."""
    mariadbd = find_program("mariadbd")
    if mariadbd is None:
        raise MariaDBUnavailableError("mariadbd is not installed")
    root = run_root()
    template = _template(root)
    directory = Path(tempfile.mkdtemp(prefix="s", dir=root))
    subprocess.run(["cp", "-a", str(template / "data"), str(directory / "data")], check=True, timeout=60)
    port = _free_port()
    log = directory / "err.log"
    process = subprocess.Popen(
        [
            mariadbd,
            "--no-defaults",
            "--user=root",
            f"--datadir={directory / 'data'}",
            f"--socket={directory / 'sock'}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            f"--pid-file={directory / 'pid'}",
            f"--log-error={log}",
            *SERVER_FLAGS,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = MariaDBServer(directory, port, process)
    try:
        _wait_for_socket(server.socket_path, process, log)
        with server.root_connection() as connection, connection.cursor() as cursor:
            for host in ("localhost", "127.0.0.1"):
                cursor.execute(f"CREATE USER '{USER}'@'{host}' IDENTIFIED BY '{PASSWORD}'")
                cursor.execute(f"GRANT ALL ON `t%`.* TO '{USER}'@'{host}'")
    except BaseException:
        server.stop()
        raise
    return server


def remove_run_root() -> None:
    shutil.rmtree(run_root(), ignore_errors=True)
