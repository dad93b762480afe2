"""What the passes may do on their own: config/service.toml `[actions]` and `[passes]`.

The policy's switches live in config, not in code: which verdict implies which `reason=` of
{{Permission received}}, whether suggested confirms are tagged without an agent, what each agent
decision does on the wiki, how often and how long the service works, how often work is retried.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config.files import default_config_dir, read_toml
from bot.store.model import WikiAction
from bot.wiki.edits import ReceivedReason
from verification.errors import ConfigError
from verification.model import Verdict

SERVICE_FILE = "service.toml"


@dataclass(frozen=True)
class ActionPolicy:
    receive: bool = True
    auto_confirm: bool = False
    auto_confirm_user: str | None = None
    decisions: bool = True
    received_reason: Mapping[Verdict, ReceivedReason] | None = None
    decision_actions: Mapping[str, WikiAction] | None = None

    def reason_for(self, verdict: Verdict) -> ReceivedReason | None:
        """The reason= a verdict implies, or None: such a ticket's files are never marked received."""
        if verdict is Verdict.SUSPICIOUS:
            return None
        return (self.received_reason or {}).get(verdict)

    def action_for(self, decision: str) -> WikiAction | None:
        return (self.decision_actions or {}).get(decision)


@dataclass(frozen=True)
class PassSettings:
    actions: ActionPolicy
    interval_minutes: float = 15
    idle_seconds: float = 300
    lease_seconds: float = 300
    lease_wait_seconds: float = 0
    max_reverify: int = 3
    max_retries: int = 10


def _number(table: Mapping[str, Any], key: str, default: float, *, minimum: float = 0) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise ConfigError(f"{SERVICE_FILE} [passes] {key}: a number >= {minimum} expected, got {value!r}")
    return float(value)


def _flag(table: Mapping[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{SERVICE_FILE} [actions] {key}: true or false expected, got {value!r}")
    return value


def _reasons(table: Mapping[str, Any]) -> dict[Verdict, ReceivedReason]:
    reasons: dict[Verdict, ReceivedReason] = {}
    for verdict, reason in table.items():
        try:
            key = Verdict(verdict)
            reasons[key] = ReceivedReason(reason)
        except ValueError:
            raise ConfigError(
                f"{SERVICE_FILE} [actions.received_reason]: {verdict} = {reason!r} is not a verdict and a "
                f"reason ({', '.join(r.value for r in ReceivedReason)})"
            ) from None
        if key is Verdict.SUSPICIOUS:
            raise ConfigError(
                f"{SERVICE_FILE} [actions.received_reason]: suspicious is never marked received"
            )
    return reasons


def _decisions(table: Mapping[str, Any]) -> dict[str, WikiAction]:
    try:
        return {str(decision): WikiAction(action) for decision, action in table.items()}
    except ValueError as error:
        raise ConfigError(f"{SERVICE_FILE} [actions.decisions_map]: {error}") from None


def pass_settings_from(data: Mapping[str, Any]) -> PassSettings:
    actions = data.get("actions", {})
    passes = data.get("passes", {})
    user = str(actions.get("auto_confirm_user", "")).strip()
    policy = ActionPolicy(
        receive=_flag(actions, "receive", True),
        auto_confirm=_flag(actions, "auto_confirm", False),
        auto_confirm_user=user or None,
        decisions=_flag(actions, "decisions", True),
        received_reason=_reasons(actions.get("received_reason", {})),
        decision_actions=_decisions(actions.get("decisions_map", {})),
    )
    return PassSettings(
        actions=policy,
        interval_minutes=_number(passes, "interval_minutes", 15, minimum=0.01),
        idle_seconds=_number(passes, "idle_seconds", 300, minimum=1),
        lease_seconds=_number(passes, "lease_seconds", 300, minimum=5),
        lease_wait_seconds=_number(passes, "lease_wait_seconds", 0),
        max_reverify=int(_number(passes, "max_reverify", 3)),
        max_retries=int(_number(passes, "max_retries", 10)),
    )


def load_pass_settings(config_dir: Path | None = None) -> PassSettings:
    return pass_settings_from(read_toml(config_dir or default_config_dir(), SERVICE_FILE))
