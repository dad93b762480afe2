"""`make demo`: one full pass on the embedded default, with nothing touching the internet or Commons.

1. The sample tickets (samples/) are verified against a local fake web serving their sites.
2. A sandbox MediaWiki gets the files those tickets name, each tagged `{{Permission pending}}`.
3. The files of every ticket not suspicious are marked received (with the reason the agent waits for), and
   the files of tickets the verifier suggests to confirm are tagged with the ticket, through the same
   `permbot receive` / `permbot tag` commands an operator runs.
Run: `.venv/bin/python -m bot.demo [--keep]` (`--keep` leaves the sandbox wiki running to look at).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.config.verifier import load_verifier_settings
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.wiki import SandboxWiki
from bot.verify.batch import MessageInput, Verifier, VerifyOutcome
from bot.verify.report import outcome_text
from verification.model import Verdict

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
DEMO_WIKI = REPO / ".state" / "demo-wiki"
# What the agent waits for, as {{Permission received|reason=...}} says it on the file page.
RECEIVED_REASON = {Verdict.ASK_LICENSE: "license", Verdict.ASK_OFFICIAL_ADDRESS: "email"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", action="store_true", help="leave the sandbox wiki running at the end")
    args = parser.parse_args(argv)
    cases = sorted(p for p in SAMPLES.iterdir() if (p / "message.eml").exists())

    _heading(f"1. Verifying {len(cases)} sample tickets against a local fake web")
    outcomes = _verify(cases)
    for outcome in outcomes:
        print(outcome_text(outcome))

    _heading("2. A sandbox wiki with the files those tickets name, pending permission")
    if DEMO_WIKI.exists():
        shutil.rmtree(DEMO_WIKI)
    wiki = SandboxWiki.up(DEMO_WIKI, progress=lambda line: print(f"   {line}"))
    try:
        files = sorted({title for o in outcomes if o.facts for title in o.facts.reading.files})
        wiki.import_pages((title, _pending_page(title)) for title in files)
        print(f"   {len(files)} file pages created, API at {wiki.api}")

        _heading("3. Tagging: `permbot receive` for every ticket, `permbot tag` for suggested confirms")
        rows = _tag(outcomes, wiki.env)
        width = max(len(row[2]) for row in rows) if rows else 10
        for ticket, verdict, title, result in rows:
            print(f"   {ticket}  {verdict:<21} {title:<{width}}  {result}")
        tagged = next((row[2] for row in rows if row[1] == Verdict.CONFIRM.value), None)
        if tagged:
            _heading(f"The wikitext of {tagged} now")
            print(wiki.page_text(tagged))
    finally:
        if args.keep:
            print("\nThe sandbox wiki keeps running. To use it:")
            for key, value in wiki.env.items():
                print(f"   export {key}={value!r}")
            print(f"   stop it with: .venv/bin/permbot sandbox down --dir {DEMO_WIKI}")
        else:
            wiki.stop()
    return 0


def _heading(text: str) -> None:
    print(f"\n{'=' * 100}\n{text}\n{'=' * 100}")


def _verify(cases: list[Path]) -> list[VerifyOutcome]:
    """Verify in-process, with the proxy variables of the fake web set only for the duration."""
    sites: dict[str, Any] = {}
    for case in cases:
        sites.update(json.loads((case / "sites.json").read_text(encoding="utf-8")))
    saved = dict(os.environ)
    with FakeWeb(sites, strict_scheme=False) as web:
        os.environ.update(web.env)
        try:
            with Verifier(load_verifier_settings()) as verifier:
                inputs = [
                    MessageInput(
                        str(case.relative_to(REPO) / "message.eml"), (case / "message.eml").read_bytes()
                    )
                    for case in cases
                ]
                return list(verifier.verify(inputs))
        finally:
            os.environ.clear()
            os.environ.update(saved)


def _pending_page(title: str) -> str:
    """A file description page as an uploader leaves it: {{Information}} with a pending tag, a license."""
    since = datetime.date.today() - datetime.timedelta(days=12)
    pending = f"{{{{Permission pending|year={since.year}|month={since.month}|day={since.day}}}}}"
    description = title.removeprefix("File:").rsplit(".", 1)[0]
    return (
        "== {{int:filedesc}} ==\n{{Information\n"
        f"|description={{{{en|1={description}}}}}\n|date={since.isoformat()}\n"
        f"|source=own work of the copyright holder\n|author=see permission\n|permission={pending}\n}}}}\n\n"
        "== {{int:license-header}} ==\n{{Cc-by-sa-4.0}}\n"
    )


def _tag(outcomes: list[VerifyOutcome], env: dict[str, str]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    permbot = str(Path(sys.executable).with_name("permbot"))
    for outcome in outcomes:
        if outcome.facts is None or outcome.suggestion is None:
            continue
        ticket = outcome.facts.reading.message.ticket
        files = list(outcome.facts.reading.files)
        if not ticket or not files:
            continue
        verdict = outcome.suggestion.verdict
        commands = []
        if verdict is not Verdict.SUSPICIOUS:  # a forged release must not shield its files from deletion
            commands.append(
                ["receive", "--ticket", ticket, "--reason", RECEIVED_REASON.get(verdict, "processing")]
            )
        if verdict is Verdict.CONFIRM:
            commands.append(["tag", "--ticket", ticket, "--user", "DemoAgent"])
        results: dict[str, list[str]] = {title: [] for title in files}
        for command in commands:
            proc = subprocess.run(
                [permbot, *command, "--json", *files],
                env=dict(os.environ, **env),
                capture_output=True,
                text=True,
                check=False,
            )
            for title, state in _outcomes_by_title(proc.stdout).items():
                results.setdefault(title, []).append(f"{command[0]}: {state}")
            if proc.returncode not in (0, 1):
                print(f"   permbot {command[0]} failed: {proc.stderr.strip()[-500:]}")
        for title, states in results.items():
            rows.append((ticket, verdict.value, title, ", ".join(states) or "left alone (suspicious)"))
    return rows


def _outcomes_by_title(stdout: str) -> dict[str, str]:
    """Each file's outcome from a wiki command's --json lines (the `file` lines, docs/json.md)."""
    found: dict[str, str] = {}
    for line in stdout.splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict) and item.get("type") == "file":
            found[str(item.get("title"))] = str(item.get("outcome"))
    return found


if __name__ == "__main__":
    sys.exit(main())
