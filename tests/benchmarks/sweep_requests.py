"""Benchmark: API read requests and wall time of `permbot sweep --simulate` on 2,000 pending files.

    python -m tests.benchmarks.sweep_requests [--pages 2000] [--keep]

Starts a throwaway sandbox wiki, imports the pending file pages in one dump (importDump.php, no API edits),
runs `permbot sweep --simulate` twice in its own process (the first run on a new pywikibot folder also
logs in and caches the site's description), then reads the same pages the naive way (`page.text`, one
page per request, same profile) for comparison. Requests are counted in the sandbox's api.log. Target: at most
ceil(pages / 500) + 10 read requests, and at least 10 times faster than the naive loop. Figures are
printed, not asserted (timings vary by machine).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.sandbox import SandboxWiki

REPO = Path(__file__).resolve().parents[2]
TARGET_BATCH = 500
TARGET_EXTRA = 10
TARGET_SPEEDUP = 10.0


def benchmark_pages(count: int, today: datetime.date) -> list[tuple[str, str]]:
    """`count` file pages with a dated pending tag: most overdue, every fourth still within 30 days."""
    pages = []
    for number in range(count):
        age = number % 29 if number % 4 == 0 else 31 + number % 400
        since = today - datetime.timedelta(days=age)
        text = (
            "== {{int:filedesc}} ==\n{{Information\n"
            f"|description={{{{en|1=Benchmark file {number}.}}}}\n|source=https://example.org/{number}\n"
            f"|permission={{{{Permission pending|year={since.year}|month={since.month}|day={since.day}}}}}\n"
            "}}\n\n"
            "== {{int:license-header}} ==\n{{Cc-by-4.0}}\n"
        )
        pages.append((f"File:Sweep benchmark {number:04d}.jpg", text))
    return pages


def run_sweep(env: dict[str, str]) -> tuple[int, dict[str, Any], float]:
    """`permbot sweep --simulate --json` in its own process, as an operator runs it.

    Returns the exit status, the JSON report and the wall time in seconds.
    """
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "bot.cli", "sweep", "--simulate", "--json"],
        env={**os.environ, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    try:
        report: dict[str, Any] = json.loads(process.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"permbot sweep failed ({process.returncode}):\n{process.stderr[-2000:]}"
        ) from None
    return process.returncode, report, seconds


def naive_loop(titles: Sequence[str]) -> tuple[int, float]:
    """One request per page, the way a simple script reads: `Page(site, title).text`, with the same
    profile as the sweep. Returns the pages read and the profile's read throttle (seconds per request)."""
    import pywikibot

    from bot.wiki.commands import load_settings
    from bot.wiki.connection import connect, environment

    env = environment()
    settings = load_settings()
    profile = settings.profile(env.profile)
    session = connect(env, profile, settings.names, need_login=True)
    read = 0
    for title in titles:
        if pywikibot.Page(session.site, title).text:
            read += 1
    return read, profile.read_throttle


def _kind(call: dict[str, Any]) -> str:
    parts = [str(call.get("action"))]
    parts += [f"{key}={call[key]}" for key in ("list", "prop", "generator") if key in call]
    return " ".join(parts)


def is_session_setup(call: dict[str, Any]) -> bool:
    """Login, tokens, site and user info, API module descriptions: what pywikibot asks once per
    PYWIKIBOT_DIR and caches there, not the sweep's reading of pages."""
    action = call.get("action")
    if action in {"login", "clientlogin", "paraminfo"}:
        return True
    return action == "query" and not any(key in call for key in ("list", "prop", "generator", "titles"))


def _sweep_figures(wiki: SandboxWiki) -> dict[str, Any]:
    wiki.clear_api_log()
    code, report, seconds = run_sweep(wiki.env)
    calls = wiki.api_calls()
    reads = [call for call in calls if call.get("action") != "edit"]
    return {
        "exit_status": code,
        "seconds": round(seconds, 2),
        "read_requests": len(reads),
        "page_reads": sum(1 for call in reads if not is_session_setup(call)),
        "by_kind": dict(Counter(_kind(call) for call in calls).most_common()),
        "outcomes": report["counts"],
    }


def measure(wiki: SandboxWiki, count: int) -> dict[str, Any]:
    today = datetime.datetime.now(datetime.UTC).date()
    pages = benchmark_pages(count, today)
    started = time.perf_counter()
    wiki.import_pages(pages)
    imported = time.perf_counter() - started

    # First run on a new pywikibot folder: it also logs in and fetches the site's and API's descriptions
    # (cached in PYWIKIBOT_DIR). The second is what every later run costs.
    cold = _sweep_figures(wiki)
    warm = _sweep_figures(wiki)

    wiki.clear_api_log()
    started = time.perf_counter()
    naive_read, read_throttle = naive_loop([title for title, _text in pages])
    naive_seconds = time.perf_counter() - started
    naive_calls = wiki.api_calls()

    return {
        "pages": count,
        "import_seconds": round(imported, 2),
        "sweep_first_run": cold,
        "sweep": warm,
        "naive": {
            "seconds": round(naive_seconds, 2),
            "api_requests": len(naive_calls),
            "pages_read": naive_read,
            "read_throttle": read_throttle,
        },
        "target_read_requests": math.ceil(count / TARGET_BATCH) + TARGET_EXTRA,
        "speedup": round(naive_seconds / warm["seconds"], 1) if warm["seconds"] else None,
    }


def _sweep_lines(label: str, sweep: dict[str, Any], target: int) -> list[str]:
    verdict = "met" if sweep["page_reads"] <= target else "MISSED"
    setup = sweep["read_requests"] - sweep["page_reads"]
    return [
        f"  {label}: {sweep['read_requests']} read requests = {sweep['page_reads']} reading pages "
        f"(target <= {target}: {verdict}) + {setup} session setup (login, tokens, site info, paraminfo); "
        f"{sweep['seconds']} s, exit status {sweep['exit_status']}",
        *(f"      {number:>5}  {kind}" for kind, number in sweep["by_kind"].items()),
        f"      outcomes: {sweep['outcomes']}",
    ]


def render(result: dict[str, Any]) -> str:
    naive, target = result["naive"], result["target_read_requests"]
    fast_ok = (result["speedup"] or 0) >= TARGET_SPEEDUP
    return "\n".join(
        [
            f"permbot sweep --simulate over {result['pages']} pending file pages "
            f"(imported in {result['import_seconds']} s)",
            *_sweep_lines("first run (login, site info)", result["sweep_first_run"], target),
            *_sweep_lines("later runs", result["sweep"], target),
            f"  naive loop: {naive['api_requests']} requests, {naive['seconds']} s "
            f"({naive['pages_read']} pages read one by one; read throttle {naive['read_throttle']} s)",
            f"  speed-up of a later run over the naive loop: {result['speedup']}x "
            f"(target >= {TARGET_SPEEDUP:g}x: {'met' if fast_ok else 'MISSED'})",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=2000, help="how many pending file pages (default 2000)")
    parser.add_argument("--keep", action="store_true", help="keep the sandbox folder afterwards")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="permbot-bench-sweep-"))
    wiki = SandboxWiki.up(folder, progress=lambda message: print(message, file=sys.stderr))
    # pywikibot reads PYWIKIBOT_DIR once, at import: the environment goes in before anything imports it.
    os.environ.update(wiki.env)
    try:
        result = measure(wiki, args.pages)
    finally:
        wiki.stop()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(render(result))
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
