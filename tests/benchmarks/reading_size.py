"""Benchmark: pure reading (read_ticket + decide, no web) of one mail of 10 KB to 10 MB of text.

The mail is a release followed by a long quoted thread (what grows in the queue: replies quoting replies,
with wikilinks, addresses and signatures in them). Prints CPU time and peak memory per size; the time must
grow at most linearly (the readers scan a capped amount of text, config/mail.toml [limits]), and 10 MB must
read in under 10 s (issue #6).
Run: `.venv/bin/python -m tests.benchmarks.reading_size [--sizes 10000,100000,...]`.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

from bot.config.verifier import load_verifier_settings
from tests.benchmarks.reading_common import PureVerifier

HEADERS = (
    "From: Alex Example <alex@studio-photo.org>\r\nSubject: Re: [Ticket#2024051410012345] Release\r\n"
    "Date: Tue, 14 May 2024 10:12:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
)
RELEASE = (
    "I hereby affirm that I, Alex Example, am the creator of [[File:Harbour at dusk.jpg]] and publish it "
    "under CC BY-SA 4.0.\n\nKind regards,\nAlex Example\nStudio Photography\nhttps://www.studio-photo.org/\n\n"
)
THREAD = (
    "> On Mon, 13 May 2024 at 10:00, Ben <ben@example.org> wrote:\n"
    "> > Please confirm the license of [[File:Harbour at dusk.jpg|thumb|the harbour]] and send the release\n"
    "> > from an address of the official website. Regards, Ben Ortiz, VRT volunteer\n"
    "> Dear Ben, the photos were taken by my colleague Tom Weber. Ticket#2024051310012345 A B C D E F\n"
)


def mail(size: int) -> bytes:
    thread = THREAD * max(0, (size - len(RELEASE)) // len(THREAD) + 1)
    return (HEADERS + RELEASE + thread[: max(0, size - len(RELEASE))]).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    args = parser.parse_args()
    verifier = PureVerifier.build(load_verifier_settings())
    verifier.verify(mail(1000))  # warm-up
    print(f"{'text':>10}  {'cpu s':>7}  {'peak MB':>8}")
    for size in (int(part) for part in args.sizes.split(",")):
        raw = mail(size)
        tracemalloc.start()
        started = time.process_time()
        verifier.verify(raw)
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{size:>10}  {elapsed:>7.2f}  {peak / 1e6:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
