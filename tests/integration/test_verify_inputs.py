"""`permbot verify` on real operator input: mbox, maildir and stdin, streaming, Ctrl-C, terminal safety,
the JSON schema, provisional verdicts and the offline `--fake-web` rehearsal of the README."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from bot.sandbox.fakeweb import FakeWeb
from tests.benchmarks.verify_throughput import message, site_pages
from tests.integration.test_verify_command import PERMBOT, REPO, SAMPLES, run_verify, sample_web
from tests.support.processes import read_line
from tests.unit.test_mail_files import mbox_bytes

__all__ = ["sample_web"]  # the fixture, shared with test_verify_command

THREE = [SAMPLES[n] / "message.eml" for n in range(3)]


def expected(case_mail: Path) -> dict[str, object]:
    return dict(json.loads((case_mail.parent / "expected.json").read_text()))


def test_mbox_messages_are_tickets_of_their_own(sample_web: dict[str, str], tmp_path: Path) -> None:
    box = tmp_path / "queue.mbox"
    box.write_bytes(mbox_bytes([p.read_bytes() for p in THREE]))
    proc = run_verify(sample_web, "--json", str(box))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["source"] for line in lines] == [f"{box}#1", f"{box}#2", f"{box}#3"]
    for line, mail in zip(lines, THREE, strict=True):
        assert (line["ticket"], line["verdict"]) == (expected(mail)["ticket"], expected(mail)["verdict"])
        assert sorted(line["files"]) == sorted(expected(mail)["files"])  # type: ignore[call-overload]


def test_stdin_mbox_and_maildir(sample_web: dict[str, str], tmp_path: Path) -> None:
    for part in ("new", "cur", "tmp"):
        (tmp_path / "box" / part).mkdir(parents=True)
    (tmp_path / "box" / "cur" / "1.x:2,S").write_bytes(THREE[2].read_bytes())
    proc = subprocess.run(
        [str(PERMBOT), "verify", "--json", "-", str(tmp_path / "box")],
        input=mbox_bytes([p.read_bytes() for p in THREE[:2]]),
        env=sample_web,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["source"] for line in lines] == ["<stdin>#1", "<stdin>#2", str(tmp_path / "box/cur/1.x:2,S")]
    assert [line["ticket"] for line in lines] == [expected(p)["ticket"] for p in THREE]


def test_every_json_line_names_its_schema_and_errors_carry_a_code(
    sample_web: dict[str, str], tmp_path: Path
) -> None:
    proc = run_verify(sample_web, "--json", str(THREE[0]), str(tmp_path / "missing.eml"))
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["schema"] for line in lines] == ["permbot.verify/1"] * 2
    assert [line["error_code"] for line in lines] == [None, "cannot_read_input"]
    assert lines[0]["provisional"] is None


def test_text_report_is_inert_on_a_terminal(sample_web: dict[str, str], tmp_path: Path) -> None:
    raw = THREE[0].read_bytes()
    hostile = raw.replace(
        b"From: ", b"From: =?utf-8?b?RXZlG1syShtdMDtwd25lZAfigK5ncGouZXhl?= <x@y.org>\r\nX-Old-From: ", 1
    )
    path = tmp_path / "hostile\x1b[2J.eml"
    path.write_bytes(hostile)
    proc = run_verify(sample_web, str(path))
    assert "\x1b" not in proc.stdout
    assert "\u202e" not in proc.stdout
    assert "\\x1b[2J" in proc.stdout  # shown, visibly


def test_offline_verdicts_are_provisional_and_the_batch_warns() -> None:
    with FakeWeb({}) as web:
        proc = run_verify(dict(os.environ, **web.env), "--json", *(str(p) for p in THREE))
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert "site_unreachable" in [line["provisional"] for line in lines]
    assert "none of the" in proc.stderr
    assert "could be reached" in proc.stderr


def test_readme_example_runs_offline_with_fake_web() -> None:
    case = REPO / "samples" / "en-museum-relgen"
    proc = subprocess.run(
        [str(PERMBOT), "verify", "--fake-web", str(case / "sites.json"), str(case / "message.eml")],
        env={k: v for k, v in os.environ.items() if "proxy" not in k.lower()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Verdict:  CONFIRM" in proc.stdout
    assert "Website: https://www.lakeside-museum.org/ (named), read" in proc.stdout


MESSAGES_FOR_CTRL_C = 150


def test_ctrl_c_prints_what_was_done_and_what_was_not(tmp_path: Path) -> None:
    """A slow web (1 s a page, 150 sites, far more than the crawl runs at once): the first results stream
    out, then SIGINT stops the run long before the last site could have answered, even on a loaded machine."""
    sites: dict[str, str] = {}
    paths = []
    for index in range(MESSAGES_FOR_CTRL_C):
        domain, pages = site_pages(index)
        sites.update(pages)
        path = tmp_path / f"{index:03d}.eml"
        path.write_bytes(message(index, domain, index))
        paths.append(str(path))
    with FakeWeb(sites, latency=1.0) as web:
        proc = subprocess.Popen(
            [str(PERMBOT), "verify", "--json", *paths],
            env=dict(os.environ, **web.env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = read_line(proc)  # streamed: the first result arrives before the batch is done
        proc.send_signal(signal.SIGINT)
        started = time.monotonic()
        rest, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert time.monotonic() - started < 30
    printed = [json.loads(line) for line in [first, *rest.splitlines()]]
    assert len(printed) < MESSAGES_FOR_CTRL_C
    assert f"interrupted. {len(printed)} verified" in stderr
    assert "not finished" in stderr
    assert "Traceback" not in stderr
