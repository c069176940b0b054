"""Errors that end a command with exit status 2 (usage) and a one-line message."""


class UsageError(ValueError):
    """Bad option, missing path, bad configuration: the user can fix the invocation."""
