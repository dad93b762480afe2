"""Errors the verifier raises on bad input, each with a message that says what to fix."""


class ConfigError(ValueError):
    """A config file under config/ is missing a key or holds a value of the wrong kind."""


class UnreadableMessage(ValueError):
    """The bytes are not a mail we can read at all (empty, or no headers)."""
