"""What a new model entry gets for the values no source states: one policy, used by
`catwalk import` and `catwalk sync` alike, so an imported entry and a synced one read the
same way."""

from __future__ import annotations

from collections.abc import Sequence


def default_max_tokens(context_window: int, max_output: int | None) -> int:
    """Half the published output limit, else a tenth of the context window (the rule of
    catwalk's generators, so new entries match the rest of the database); never more than
    half the window, which the prompt needs too (servers such as vLLM reject a request
    whose prompt plus `max_tokens` exceeds it); at least 1."""
    guess = max_output // 2 if max_output else context_window // 10
    return max(1, min(guess, context_window // 2))


def default_effort(levels: Sequence[str], current: str | None = None) -> str:
    """The effort a model offers by default: the one a source or the file already names
    when it is offered, else `medium`, else the lower middle of the levels that reason
    (`none` is no default for a reasoning model: `none, high` gives `high`, DeepSeek's
    `high, max` gives `high`, Kimi's `low, high, max` gives `high`)."""
    if current in levels:
        return str(current)
    if "medium" in levels:
        return "medium"
    reasoning = [level for level in levels if level != "none"] or list(levels)
    return reasoning[(len(reasoning) - 1) // 2]
