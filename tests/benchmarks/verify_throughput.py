"""Benchmark: `permbot verify --json` on 500 generated messages naming 150 sites served with 300 ms latency.

Prints messages per second, the fetch count against the number of distinct pages (each must be fetched
once), and the verifier's peak memory. Targets (issue #2): >= 30 messages/s, < 300 MB peak.
Run: `.venv/bin/python -m tests.benchmarks.verify_throughput [--messages N] [--sites N] [--latency S]`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--sites", type=int, default=150)
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()

    sites: dict[str, str] = {}
    domains = []
    for index in range(args.sites):
        domain, pages = site_pages(index)
        domains.append(domain)
        sites.update(pages)
    web = FakeWeb(sites, latency=args.latency)
    permbot = Path(sys.executable).with_name("permbot")
    with tempfile.TemporaryDirectory(prefix="permbot-bench-") as folder:
        paths = []
        for number in range(args.messages):
            path = Path(folder) / f"{number:04d}.eml"
            path.write_bytes(message(number, domains[number % args.sites], number % args.sites))
            paths.append(str(path))
        env = dict(os.environ, **web.env)
        started = time.perf_counter()
        proc = subprocess.run(
            [str(permbot), "verify", "--json", *paths], env=env, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - started
    page_fetches = [hit for hit in web.hits() if hit.method in {"GET", "HEAD"}]
    distinct = {hit.url for hit in page_fetches}
    web.close()
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    verdicts: dict[str, int] = {}
    for line in lines:
        verdicts[str(line.get("verdict"))] = verdicts.get(str(line.get("verdict")), 0) + 1
    print(f"messages:        {len(lines)} of {args.messages} (exit {proc.returncode})")
    print(f"wall time:       {wall:.2f} s")
    print(f"throughput:      {len(lines) / wall:.1f} messages/s (target >= 30)")
    print(
        f"page fetches:    {len(page_fetches)} ({len(distinct)} distinct URLs; "
        f"{len(sites)} pages exist on {args.sites} sites)"
    )
    print(f"peak memory:     {peak_mb:.0f} MB (target < 300)")
    print(f"verdicts:        {json.dumps(verdicts, sort_keys=True)}")
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
