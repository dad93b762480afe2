"""Benchmark: pure reading (read_ticket + decide, no web) on queue-like mail, in ms per message on one core.

The messages are as heavy as real releases: multipart/alternative with a quoted-printable plain part of
about 1 KB (a Release Generator text, a signature and a quoted earlier mail) and its HTML twin.
Target (issue #10): at most 8 ms per message per core.
Run: `.venv/bin/python -m tests.benchmarks.reading_speed [--messages N]`.
"""

from __future__ import annotations

import argparse
import html
import quopri
import time

from bot.config.verifier import load_verifier_settings
from tests.benchmarks.reading_common import PureVerifier

RELEASES = (
    "I hereby affirm that I, {name}, am the creator and/or sole owner of the exclusive copyright of the "
    "following media work:\n\nhttps://commons.wikimedia.org/wiki/File:{file}\n\nI agree to publish the "
    "above-mentioned work under the free license Creative Commons Attribution-ShareAlike 4.0 International "
    "(CC BY-SA 4.0).\n\nI acknowledge that by doing so I grant anyone the right to use the work, even in a "
    "commercial product or otherwise, and to modify it according to their needs, provided that they abide "
    "by the terms of the license and any other applicable laws.\n\nI am aware that this agreement is not "
    "limited to Wikipedia or related sites.\n\nI am aware that I always retain copyright of my work, and "
    "retain the right to be attributed in accordance with the license chosen.\n\nI acknowledge that I "
    "cannot withdraw this agreement, and that the content may or may not be kept permanently on a "
    "Wikimedia project.\n\n{date}\n\nKind regards,\n\n{name}\n{title}, {company}\nhttps://www.{domain}/\n",
    "Hiermit erkläre ich, {name}, dass ich der Urheber und/oder alleinige Inhaber der exklusiven "
    "Urheberrechte an folgendem Werk bin:\n\nDatei:{file}\n\nIch erlaube hiermit die Weiternutzung des "
    "Werks unter der freien Lizenz Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen "
    "4.0 International (CC BY-SA 4.0), auch für kommerzielle Zwecke.\n\nMir ist bekannt, dass diese "
    "Einwilligung nicht auf Wikipedia beschränkt ist und nicht widerrufen werden kann.\n\nMit freundlichen "
    "Grüßen\n\n{name}\n{title}, {company}\nhttps://www.{domain}/\n",
)
QUOTE = (
    "\n\nOn Mon, 13 May 2024 at 10:00, Permissions <permissions-commons@wikimedia.org> wrote:\n"
    "> Dear {name},\n> thank you for your message. Please confirm the license of the files and send the\n"
    "> release from an address of the official website (for example info@{domain}).\n"
    "> Regards, Ben (VRT volunteer)\n"
)


def message(number: int) -> bytes:
    name = f"Alex Example{number % 97}"
    domain = f"studio{number % 150:03d}-photo.org"
    text = RELEASES[number % len(RELEASES)].format(
        name=name,
        file=f"Benchmark view {number}.jpg",
        company=f"Studio {number % 150} Photography",
        title="Director",
        domain=domain,
        date="14 May 2024",
    ) + QUOTE.format(name=name, domain=domain)
    plain = quopri.encodestring(text.encode("utf-8"))
    rich = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n")) + "</body></html>"
    rich_qp = quopri.encodestring(rich.encode("utf-8"))
    ticket = f"20240514{10000000 + number:08d}"
    return (
        (
            f"From: {name} <alex@{domain}>\r\nTo: permissions-commons@wikimedia.org\r\n"
            f"Subject: Re: [Ticket#{ticket}] Release of File:Benchmark view {number}.jpg\r\n"
            f"Date: Tue, 14 May 2024 10:12:00 +0000\r\nMessage-ID: <{number}@{domain}>\r\n"
            "Authentication-Results: mx1001.wikimedia.org; dkim=pass header.d="
            f"{domain}; spf=pass smtp.mailfrom={domain}; dmarc=pass header.from={domain}\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n'
            "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        ).encode()
        + plain
        + (
            b"\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        )
        + rich_qp
        + b"\r\n--alt--\r\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    args = parser.parse_args()
    verifier = PureVerifier.build(load_verifier_settings())
    mails = [message(number) for number in range(args.messages)]
    sizes = sorted(len(mail) for mail in mails)
    verifier.verify(mails[0])  # warm-up: config-built tables, first imports
    started = time.process_time()
    for mail in mails:
        verifier.verify(mail)
    elapsed = time.process_time() - started
    print(f"messages: {len(mails)}, raw size median {sizes[len(sizes) // 2]} bytes")
    print(f"pure reading: {1000 * elapsed / len(mails):.1f} ms per message per core (target <= 8 ms)")


if __name__ == "__main__":
    main()
