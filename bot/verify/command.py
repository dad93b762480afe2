"""`permbot verify`: verify permission mails given as .eml files and print a report per message."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from verification.errors import ConfigError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify permission mails (.eml files) and suggest a verdict with reasons",
        description="Read each message, gather the evidence an agent would, and suggest a verdict.",
    )
    parser.add_argument("messages", nargs="+", type=Path, metavar="MESSAGE.eml")
    parser.add_argument("--json", action="store_true", help="one JSON object per message per line")
    parser.add_argument(
        "--config", type=Path, default=None, help="config folder (default: the repo's config/)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: `permbot tag` and friends should not pay for loading the verifier.
    from bot.config.verifier import load_verifier_settings
    from bot.verify.batch import MessageInput, Verifier, VerifyOutcome
    from bot.verify.report import outcome_json, outcome_text

    try:
        settings = load_verifier_settings(args.config)
    except ConfigError as error:
        print(f"permbot verify: {error}", file=sys.stderr)
        return 2
    inputs: list[MessageInput] = []
    unreadable: dict[int, VerifyOutcome] = {}
    for index, path in enumerate(args.messages):
        try:
            inputs.append(MessageInput(source=str(path), raw=path.read_bytes()))
        except OSError as error:
            unreadable[index] = VerifyOutcome(source=str(path), error=f"cannot read file: {error.strerror}")
            inputs.append(MessageInput(source=str(path), raw=b""))
    failed = False
    with Verifier(settings) as verifier:
        for index, outcome in enumerate(verifier.verify(inputs)):
            shown = unreadable.get(index, outcome)
            failed = failed or shown.error is not None
            if args.json:
                print(json.dumps(outcome_json(shown), ensure_ascii=False), flush=True)
            else:
                print(outcome_text(shown), flush=True)
    return 1 if failed else 0
