"""The sandbox's mailbox: a throwaway Dovecot (Debian's dovecot-imapd) on 127.0.0.1, for tests and rehearsals.

Everything lives in one folder: its own config, a passwd-file with one user and a random password, the
Maildir (owned by `nobody`: Dovecot refuses root as the mail user) and a state file that lets another process
(`permbot sandbox env|deliver|down`) find it. Dovecot's sockets go to a short folder under /tmp (a unix socket
path is limited to ~107 bytes). With `tls=True` it also serves IMAPS and STARTTLS with a certificate from the
fake web's throwaway CA, so certificate checks can be tested for real.
"""

from __future__ import annotations

import grp
import json
import mailbox
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from imapclient import IMAPClient
from imapclient import exceptions as imap_exceptions

from bot.sandbox import server
from bot.sandbox.fakeweb import CertificateAuthority
from bot.sandbox.model import SandboxError

STATE_FILE = "imap.json"
LOG_FILE = "dovecot.log"
PASSWORD_FILE = "password"  # noqa: S105 (a file name)
USER = "permbot"
FOLDER = "INBOX"
HOST = "127.0.0.1"
MAIL_USER = "nobody"
AUTH_GROUP = "dovecot"  # made by the dovecot-core package
START_TIMEOUT = 10.0
# A restart right after a stop fails while the old master still holds the port: wait this long for it.
PORT_FREE_TIMEOUT = 10.0
# Logins answered "[UNAVAILABLE] Temporary authentication failure" while Dovecot's auth process starts.
LOGIN_ATTEMPTS = 4
LOGIN_RETRY_SECONDS = 0.5

_CONFIG = """\
protocols = imap
listen = {host}
base_dir = {base_dir}
state_dir = {folder}/state
log_path = {folder}/{log}
ssl = {ssl}
{ssl_files}disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests log in with a wrong password on purpose: answer at once.
auth_failure_delay = 0
mail_location = maildir:{folder}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={folder}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
  }}
}}
"""


@dataclass(frozen=True)
class ImapAccess:
    """How to reach the sandbox mailbox: the `imap` object of `permbot sandbox up`'s JSON."""

    host: str
    port: int  # plain IMAP (and STARTTLS when tls)
    imaps_port: int  # 0 without tls
    user: str
    password: str
    folder: str
    security: str  # what the env points permbot at: "plain" (loopback)
    ca_file: str | None  # the CA that signed the server's certificate, with tls

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def dovecot_binary() -> str:
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").is_file() else None)
    if found is None:
        raise SandboxError("dovecot is not installed: apt-get install --no-install-recommends dovecot-imapd")
    return found


def _make_traversable(folder: Path) -> None:
    """Let the mail user (nobody) walk down to `folder`: search permission (not read) for others on each
    ancestor; ours under the temp folder get it, any other one must have it already."""
    temp = Path(tempfile.gettempdir()).resolve()
    for ancestor in [folder, *folder.parents]:
        mode = ancestor.stat().st_mode
        if mode & 0o001:
            continue
        if ancestor.is_relative_to(temp) and ancestor != temp and ancestor.stat().st_uid == os.getuid():
            ancestor.chmod(mode | 0o001)
        else:
            raise SandboxError(
                f"{ancestor} is not searchable by other users, so Dovecot's mail user ({MAIL_USER})"
                f" cannot reach {folder}: put the sandbox under {temp} or chmod o+x {ancestor}"
            )


def _port_free(port: int) -> bool:
    """True when a listener could bind the port now (with SO_REUSEADDR, as Dovecot does)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
        return True


def _wait_port_free(port: int) -> None:
    deadline = time.monotonic() + PORT_FREE_TIMEOUT
    while not _port_free(port):
        if time.monotonic() > deadline:
            raise SandboxError(f"port {port} on {HOST} is in use: choose another one or stop what holds it")
        time.sleep(0.05)


def _greets(port: int) -> bool:
    """True when an IMAP server answers on the port with its `* OK` greeting."""
    try:
        with socket.create_connection((HOST, port), timeout=1.0) as connection:
            return connection.recv(64).startswith(b"* OK")
    except OSError:
        return False


class SandboxDovecot:
    """A sandbox Dovecot in a folder (see `start` and `attach`)."""

    def __init__(self, folder: Path, access: ImapAccess, base_dir: Path) -> None:
        self.dir = folder
        self.access = access
        self.base_dir = base_dir
        self._process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls, folder: Path, *, port: int = 0, tls: bool = False) -> Self:
        """Start Dovecot on `folder` (made if missing); a folder used before keeps its mail and password."""
        binary = dovecot_binary()
        folder = folder.resolve()
        folder.mkdir(parents=True, exist_ok=True)
        previous = _read_state(folder)
        if previous is not None and server.is_running(folder):
            raise SandboxError(f"a sandbox Dovecot is already running in {folder}")
        password = previous.password if previous else secrets.token_urlsafe(18)
        port = port or (previous.port if previous else 0) or server.free_port()
        imaps_port = 0
        if tls:
            imaps_port = (previous.imaps_port if previous else 0) or server.free_port()
        for wanted in (port, imaps_port):
            if wanted:
                _wait_port_free(wanted)
        ca_file = _write_certificate(folder) if tls else None
        _prepare_folder(folder, password)
        base_dir = Path(tempfile.mkdtemp(prefix="pbd-", dir="/tmp"))
        (folder / "dovecot.conf").write_text(
            _config(folder, base_dir, port, imaps_port, tls=tls), encoding="utf-8"
        )
        access = ImapAccess(HOST, port, imaps_port, USER, password, FOLDER, "plain", ca_file)
        (folder / STATE_FILE).write_text(
            json.dumps({**access.to_json(), "base_dir": str(base_dir)}, indent=2) + "\n"
        )
        (folder / STATE_FILE).chmod(0o600)
        with (folder / LOG_FILE).open("ab") as log:
            process = subprocess.Popen(
                [binary, "-F", "-c", str(folder / "dovecot.conf")],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        (folder / server.PID_FILE).write_text(f"{process.pid}\n")
        dovecot = cls(folder, access, base_dir)
        dovecot._process = process
        deadline = time.monotonic() + START_TIMEOUT
        while not _greets(port):
            if process.poll() is not None or time.monotonic() > deadline:
                dovecot.stop()
                raise SandboxError(f"Dovecot did not start on {HOST}:{port}: {_log_tail(folder)}")
            time.sleep(0.02)
        return dovecot

    @classmethod
    def attach(cls, folder: Path) -> Self:
        """A handle on a sandbox Dovecot started earlier (by another process) in `folder`."""
        state = _read_state_json(folder.resolve())
        if state is None:
            raise SandboxError(f"{folder} holds no sandbox mailbox ({STATE_FILE} missing)")
        base_dir = Path(state.pop("base_dir"))
        return cls(folder.resolve(), ImapAccess(**state), base_dir)

    def running(self) -> bool:
        return server.is_running(self.dir)

    def stop(self) -> bool:
        """Stop Dovecot's process group and wait for its ports to be free; False when it was not running."""
        stopped = server.stop(self.dir, self._process)
        self._process = None
        for port in (self.access.port, self.access.imaps_port):
            if stopped and port:
                _wait_port_free(port)
        shutil.rmtree(self.base_dir, ignore_errors=True)
        return stopped

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def password_file(self) -> Path:
        return self.dir / PASSWORD_FILE

    @property
    def env(self) -> dict[str, str]:
        """The PERMBOT_IMAP_* variables that point permbot at this mailbox (plain IMAP on loopback)."""
        return {
            "PERMBOT_IMAP_HOST": self.access.host,
            "PERMBOT_IMAP_PORT": str(self.access.port),
            "PERMBOT_IMAP_USER": self.access.user,
            "PERMBOT_IMAP_PASSWORD_FILE": str(self.password_file),
            "PERMBOT_IMAP_SECURITY": self.access.security,
            "PERMBOT_IMAP_FOLDER": self.access.folder,
        }

    def summary(self) -> dict[str, Any]:
        """The `imap` object of `permbot sandbox up`'s JSON."""
        return self.access.to_json()

    def client(self, timeout: float = 30.0) -> IMAPClient:
        """A logged-in plain IMAP client (loopback), for delivering mail and for tests.

        Dovecot answers `[UNAVAILABLE]` while its auth process is still starting (seen on a loaded
        machine): that answer is retried a few times; a refused password is not.
        """
        for attempt in range(LOGIN_ATTEMPTS):
            client = IMAPClient(self.access.host, self.access.port, ssl=False, timeout=timeout)
            try:
                client.login(self.access.user, self.access.password)
            except imap_exceptions.LoginError as error:
                client.shutdown()
                if "UNAVAILABLE" not in str(error) or attempt == LOGIN_ATTEMPTS - 1:
                    raise SandboxError(f"the sandbox mailbox refused the login: {error}") from error
                time.sleep(LOGIN_RETRY_SECONDS * (attempt + 1))
                continue
            return client
        raise SandboxError("the sandbox mailbox refused the login")

    def deliver(self, messages: Iterable[bytes], folder: str | None = None) -> list[int]:
        """APPEND the messages to the queue folder (or `folder`, made if missing); their UIDs in order."""
        target = folder or self.access.folder
        uids: list[int] = []
        client = self.client()
        try:
            if not client.folder_exists(target):
                client.create_folder(target)
            for raw in messages:
                answer = client.append(target, raw)
                uids.append(_appended_uid(answer))
        finally:
            client.logout()
        return uids


def mail_files(paths: Iterable[Path]) -> Iterator[bytes]:
    """The messages in .eml files and mbox files (a file starting with "From " is read as an mbox)."""
    for path in paths:
        with path.open("rb") as handle:
            is_mbox = handle.read(5) == b"From "
        if not is_mbox:
            yield path.read_bytes()
            continue
        box = mailbox.mbox(path, create=False)
        try:
            for key in box.iterkeys():
                yield box.get_bytes(key)
        finally:
            box.close()


def _appended_uid(answer: bytes) -> int:
    """The UID from Dovecot's `[APPENDUID validity uid]` answer (0 if the server did not say)."""
    text = answer.decode("ascii", "replace")
    if "[APPENDUID " not in text:
        return 0
    return int(text.split("[APPENDUID ", 1)[1].split("]", 1)[0].split()[1])


def _config(folder: Path, base_dir: Path, port: int, imaps_port: int, *, tls: bool) -> str:
    nobody = pwd.getpwnam(MAIL_USER)
    ssl_files = f"ssl_cert = <{folder}/tls/server.pem\nssl_key = <{folder}/tls/server.key\n" if tls else ""
    return _CONFIG.format(
        host=HOST,
        base_dir=base_dir,
        folder=folder,
        log=LOG_FILE,
        ssl="yes" if tls else "no",
        ssl_files=ssl_files,
        mail_user=nobody.pw_uid,
        mail_group=nobody.pw_gid,
        port=port,
        imaps_port=imaps_port,
    )


def _write_certificate(folder: Path) -> str:
    """A fresh throwaway CA and a certificate for 127.0.0.1 and localhost signed by it; the CA's PEM path."""
    tls_dir = folder / "tls"
    shutil.rmtree(tls_dir, ignore_errors=True)
    tls_dir.mkdir()
    authority = CertificateAuthority(tls_dir)
    cert, key = authority.issue(HOST)
    cert.rename(tls_dir / "server.pem")
    key.rename(tls_dir / "server.key")
    return str(authority.pem)


def _prepare_folder(folder: Path, password: str) -> None:
    """The passwd-file, the password file for permbot (mode 600), and a Maildir root owned by nobody."""
    nobody = pwd.getpwnam(MAIL_USER)
    users = folder / "users"
    users.write_text(f"{USER}:{{PLAIN}}{password}\n", encoding="utf-8")
    users.chmod(0o640)  # read by Dovecot's auth process, which runs as the group dovecot
    os.chown(users, os.getuid(), grp.getgrnam(AUTH_GROUP).gr_gid)
    secret = folder / PASSWORD_FILE
    secret.write_text(password + "\n", encoding="utf-8")
    secret.chmod(0o600)
    (folder / "state").mkdir(exist_ok=True)
    mail = folder / "mail"
    mail.mkdir(exist_ok=True)
    for path in [mail, *mail.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    _make_traversable(mail.parent)


def _read_state_json(folder: Path) -> dict[str, Any] | None:
    try:
        state: dict[str, Any] = json.loads((folder / STATE_FILE).read_text())
    except FileNotFoundError:
        return None
    except ValueError as error:
        raise SandboxError(f"{folder / STATE_FILE} is damaged: {error}") from error
    return state


def _read_state(folder: Path) -> ImapAccess | None:
    state = _read_state_json(folder)
    if state is None:
        return None
    state.pop("base_dir", None)
    return ImapAccess(**state)


def _log_tail(folder: Path) -> str:
    try:
        return (folder / LOG_FILE).read_text(errors="replace")[-1500:]
    except FileNotFoundError:
        return ""
