"""Benchmark: `permbot verify --json` on generated messages naming 150 sites served with 300 ms latency.

Prints, for 500 messages, messages per second and the fetch count against the number of distinct pages
(each must be fetched once); then the peak memory at 500 and at 5,000 messages, which must stay flat
(the verifier streams through a bounded window). Targets (issue #10): >= 80 messages/s on 500 messages,
memory flat from 500 to 5,000. Figures before the streaming pipeline: 91 messages/s, 70 MB.
WHOIS is off (the fake web sets PERMBOT_WHOIS=off: it has no registries). Until 2026-12-04 it was on and
each lookup failed on this offline machine's DNS, some after a 5 s resolver timeout, in a pool of 8:
73-86 messages/s then; the pool is now config/web.toml [whois] pool_size.
Run: `.venv/bin/python -m tests.benchmarks.verify_throughput [--messages N] [--large N] [--sites N]
[--latency S]` (`--large 0` skips the second run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox.fakeweb import FakeWeb

RELEASES = (
    (
        "I hereby affirm that I, {name}, am the creator and/or sole owner of the exclusive copyright of "
        "the following media work:\n\nhttps://commons.wikimedia.org/wiki/File:{file}\n\nI agree to publish "
        "the above-mentioned work under the free license Creative Commons Attribution-ShareAlike 4.0 "
        "International (CC BY-SA 4.0).\n\n{name}\n{company}\nhttps://www.{domain}/\n"
    ),
    (
        "Hiermit erkläre ich, {name}, dass ich der Urheber des Bildes\n\nDatei:{file}\n\nbin und es unter "
        "der Lizenz CC BY 4.0 freigebe, auch für kommerzielle Nutzung.\n\n{name}\n{company}, "
        "https://www.{domain}\n"
    ),
    (
        "Je soussigné {name} publie l'image [[Fichier:{file}]] sous licence CC BY-SA 4.0.\n\n"
        "{name}\n{company} – www.{domain}\n"
    ),
)


def site_pages(index: int) -> tuple[str, dict[str, str]]:
    domain = f"studio{index:03d}-photo.co.uk" if index % 7 == 0 else f"studio{index:03d}-photo.org"
    home = (
        f"<html><head><title>Studio {index} Photography</title></head><body><h1>Studio {index}</h1>"
        f"<a href='/contact'>Contact</a> <a href='/gallery'>Gallery</a></body></html>"
    )
    contact = f"<html><body><p>Write to info@{domain} or owner{index}@gmail.com</p></body></html>"
    return domain, {f"https://www.{domain}/": home, f"https://www.{domain}/contact": contact}


def message(number: int, domain: str, site_index: int) -> bytes:
    name = f"Alex Example{site_index}"
    body = RELEASES[number % len(RELEASES)].format(
        name=name,
        file=f"Benchmark_view_{number}.jpg",
        company=f"Studio {site_index} Photography",
        domain=domain,
    )
    ticket = f"20240514{10000000 + number:08d}"
    sender = f"alex@{domain}" if number % 3 else f"owner{site_index}@gmail.com"
    return (
        f"From: {name} <{sender}>\r\nTo: permissions-commons@wikimedia.org\r\n"
        f"Subject: [Ticket#{ticket}] permission\r\nDate: Tue, 14 May 2024 10:12:00 +0000\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}"
    ).encode()


class TreeMemory:
    """Polls the resident memory of a process and its descendants (worker processes included)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_main_kb = 0
        self.peak_tree_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(0.05):
            sizes = {pid: _rss_kb(pid) for pid in _tree(self.pid)}
            self.peak_main_kb = max(self.peak_main_kb, sizes.get(self.pid, 0))
            self.peak_tree_kb = max(self.peak_tree_kb, sum(sizes.values()))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass(frozen=True)
class RunFigures:
    messages: int
    returncode: int
    wall: float
    page_fetches: int
    distinct_urls: int
    pages: int
    peak_main_mb: float
    peak_tree_mb: float
    verdicts: dict[str, int]
    stderr: str


def run_batch(count: int, site_count: int, latency: float) -> RunFigures:
    sites: dict[str, str] = {}
    domains = []
    for index in range(site_count):
        domain, pages = site_pages(index)
        domains.append(domain)
        sites.update(pages)
    permbot = os.environ.get("PERMBOT") or Path(sys.executable).with_name("permbot")  # PERMBOT: compare
    with (
        FakeWeb(sites, latency=latency) as web,
        tempfile.TemporaryDirectory(prefix="permbot-bench-") as folder,
    ):
        paths = []
        for number in range(count):
            path = Path(folder) / f"{number:05d}.eml"
            path.write_bytes(message(number, domains[number % site_count], number % site_count))
            paths.append(str(path))
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(permbot), "verify", "--json", *paths],
            env=dict(os.environ, **web.env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        memory = TreeMemory(proc.pid)
        stdout, stderr = proc.communicate()
        wall = time.perf_counter() - started
        memory.stop()
        page_fetches = [hit for hit in web.hits() if hit.method in {"GET", "HEAD"}]
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    verdicts: dict[str, int] = {}
    for line in lines:
        verdicts[str(line.get("verdict"))] = verdicts.get(str(line.get("verdict")), 0) + 1
    return RunFigures(
        messages=len(lines),
        returncode=proc.returncode,
        wall=wall,
        page_fetches=len(page_fetches),
        distinct_urls=len({hit.url for hit in page_fetches}),
        pages=len(sites),
        peak_main_mb=memory.peak_main_kb / 1024,
        peak_tree_mb=memory.peak_tree_kb / 1024,
        verdicts=verdicts,
        stderr=stderr,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000, help="second run, for memory (0: skip)")
    parser.add_argument("--sites", type=int, default=150)
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()

    runs = [run_batch(args.messages, args.sites, args.latency)]
    if args.large:
        runs.append(run_batch(args.large, args.sites, args.latency))
    first = runs[0]
    print(f"messages:        {first.messages} of {args.messages} (exit {first.returncode})")
    print(f"wall time:       {first.wall:.2f} s")
    print(f"throughput:      {first.messages / first.wall:.1f} messages/s (target >= 80; before: 91)")
    print(
        f"page fetches:    {first.page_fetches} ({first.distinct_urls} distinct URLs; "
        f"{first.pages} pages exist on {args.sites} sites)"
    )
    print(f"verdicts:        {json.dumps(first.verdicts, sort_keys=True)}")
    for run in runs:
        print(
            f"peak memory:     {run.peak_main_mb:.0f} MB verifier, "
            f"{run.peak_tree_mb:.0f} MB with its readers at {run.messages} messages "
            f"({run.messages / run.wall:.1f} messages/s; before: 70 MB at 500)"
        )
    for run in runs:
        if run.returncode not in (0, 1):
            print(run.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
