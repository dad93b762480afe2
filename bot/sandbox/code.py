"""MediaWiki's code for the sandbox: Debian's packages, downloaded and unpacked once into a cache folder.

`apt-get install mediawiki` would pull in Apache and write /etc/mediawiki; `apt-get download` plus
`dpkg-deb -x` gives the same code with no system change. Every sandbox wiki shares the unpacked tree.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.config.files import cache_root
from bot.sandbox.model import SandboxError

Progress = Callable[[str], None]

PACKAGES = ("mediawiki", "mediawiki-classes")
PHP_MODULES = ("pdo_sqlite", "intl", "mbstring", "dom", "xml", "fileinfo", "exif")
_COMPLETE = ".permbot-complete"
# Links in the Debian tree that point into /var/lib/mediawiki or /etc/mediawiki: each wiki has its own.
_SYSTEM_LINKS = ("LocalSettings.php", "config", "images", "extensions")


@dataclass(frozen=True)
class MediaWikiCode:
    """An unpacked MediaWiki tree (the `-t` root of `php -S`) and its Debian package version."""

    root: Path
    version: str

    @property
    def maintenance(self) -> Path:
        return self.root / "maintenance"


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock so parallel test workers build each cache entry once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_php() -> None:
    """Fail early, naming the Debian packages, when php or one of the modules MediaWiki needs is missing."""
    if shutil.which("php") is None:
        raise SandboxError(
            "php not found: install php8.2-cli php8.2-sqlite3 php8.2-intl php8.2-mbstring php8.2-xml "
            "(`make system-deps` does it)"
        )
    listed = subprocess.run(["php", "-m"], capture_output=True, text=True, check=True).stdout
    present = {line.strip().lower() for line in listed.splitlines()}
    missing = [module for module in PHP_MODULES if module not in present]
    if missing:
        raise SandboxError(f"php lacks modules {', '.join(missing)}: install the php8.2-* packages")


def find_cached(base: Path) -> MediaWikiCode | None:
    """The newest complete unpacked tree in the cache, if any (no apt call on the warm path)."""
    trees = sorted(
        (entry for entry in base.glob("*/") if (entry / _COMPLETE).is_file()),
        key=lambda entry: entry.stat().st_mtime,
        reverse=True,
    )
    if not trees:
        return None
    return MediaWikiCode(trees[0], (trees[0] / _COMPLETE).read_text().strip())


def _download(work: Path, progress: Progress) -> None:
    """`apt-get download` the packages; refresh the package lists once if apt does not know them."""
    command = ["apt-get", "download", *PACKAGES]
    first = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if first.returncode == 0:
        return
    progress("apt-get download failed; running apt-get update first")
    update = subprocess.run(["apt-get", "update", "-qq"], capture_output=True, text=True, check=False)
    second = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if second.returncode != 0:
        raise SandboxError(
            "could not download MediaWiki with apt-get (run `apt-get update` as root, then retry): "
            + (second.stderr or update.stderr).strip()[-500:]
        )


def _package_version(deb: Path) -> str:
    out = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def fix_links(root: Path) -> None:
    """Drop the links into /var/lib and /etc; bundled extensions stay reachable as `extensions`."""
    for name in _SYSTEM_LINKS:
        target = root / name
        if target.is_symlink():
            target.unlink()
    (root / "extensions").symlink_to("extensions-core")


def fetch_code(base: Path, progress: Progress) -> MediaWikiCode:
    """Download and unpack MediaWiki into `base/<version>` (atomically: a rename publishes it)."""
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base, prefix=".fetch-") as scratch:
        work = Path(scratch)
        progress("downloading MediaWiki packages with apt-get")
        _download(work, progress)
        debs = sorted(work.glob("*.deb"))
        main = next((deb for deb in debs if deb.name.startswith("mediawiki_")), None)
        if main is None:
            raise SandboxError(f"apt-get download gave no mediawiki package in {work}")
        version = _package_version(main)
        progress(f"unpacking MediaWiki {version}")
        unpacked = work / "unpacked"
        for deb in debs:
            subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
        tree = unpacked / "usr" / "share" / "mediawiki"
        fix_links(tree)
        (tree / _COMPLETE).write_text(version + "\n")
        final = base / version.split(":")[-1]
        if final.exists():
            shutil.rmtree(final)
        tree.rename(final)
    return MediaWikiCode(final, version)


def ensure_code(progress: Progress, base: Path | None = None) -> MediaWikiCode:
    """The cached MediaWiki tree, fetched on first use."""
    base = base or cache_root() / "mediawiki"
    cached = find_cached(base)
    if cached is not None:
        return cached
    with file_lock(base.parent / "mediawiki.lock"):
        cached = find_cached(base)  # another process may have fetched it while we waited
        return cached if cached is not None else fetch_code(base, progress)
