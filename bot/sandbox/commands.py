"""Placeholder: the owner of this subcommand replaces this file."""

from __future__ import annotations

import argparse


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add this module's subcommands to the `permbot` parser."""
