"""`permbot review`: the review page on this machine (development, the sandbox). Production runs gunicorn."""

from __future__ import annotations

import argparse
import sys

from verification.errors import ConfigError


def _run(args: argparse.Namespace) -> int:
    from bot.review.app import from_config
    from bot.store.errors import StoreError

    try:
        app = from_config()
    except (ConfigError, StoreError, OSError) as error:
        print(f"permbot review: {error}", file=sys.stderr)
        return 2
    mode = app.config["PERMBOT_SETTINGS"].login.value
    print(f"review page on http://{args.host}:{args.port}/ (login: {mode}); Ctrl-C stops it", flush=True)
    from werkzeug.serving import run_simple

    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = subparsers.add_parser("review", help="serve the review page for agents (development server)")
    review.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    review.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    review.set_defaults(run=_run)
