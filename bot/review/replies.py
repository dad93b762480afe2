"""Suggested replies per verdict and language, from config/replies/<lang>.toml (wording lives there)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from bot.config.files import default_config_dir, read_toml
from verification.errors import ConfigError
from verification.model import Verdict

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Replies:
    """Reply templates by language code, then by verdict; `languages` maps codes to their own names."""

    texts: Mapping[str, Mapping[Verdict, str]]
    languages: Mapping[str, str]

    def render(self, language: str | None, verdict: Verdict, files: Sequence[str], agent: str) -> str:
        """The reply in `language` (English when it has none), as plain text for the VRTS."""
        texts = self.texts.get(language or DEFAULT_LANGUAGE) or self.texts[DEFAULT_LANGUAGE]
        environment = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
        template = environment.from_string(texts[verdict])
        return template.render(files="\n".join(f"- {title}" for title in files), agent=agent).strip() + "\n"


def load_replies(config_dir: Path | None = None) -> Replies:
    """Every config/replies/*.toml; each must cover every verdict and parse as a template."""
    folder = (config_dir or default_config_dir()) / "replies"
    texts: dict[str, dict[Verdict, str]] = {}
    names: dict[str, str] = {}
    environment = SandboxedEnvironment(autoescape=False)
    for path in sorted(folder.glob("*.toml")):
        data = read_toml(folder, path.name)
        code = path.stem
        names[code] = str(data.get("language", code))
        texts[code] = {}
        for verdict in Verdict:
            section = data.get(verdict.value)
            if not isinstance(section, Mapping) or not isinstance(section.get("text"), str):
                raise ConfigError(f"{path}: [{verdict.value}] needs a text")
            try:
                environment.parse(section["text"])
            except TemplateError as error:
                raise ConfigError(
                    f"{path}: [{verdict.value}] text is not a valid template: {error}"
                ) from error
            texts[code][verdict] = section["text"]
    if DEFAULT_LANGUAGE not in texts:
        raise ConfigError(f"{folder}: the English replies ({DEFAULT_LANGUAGE}.toml) are missing")
    return Replies(texts, names)
