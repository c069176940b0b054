"""Reasoning settings are consistent within a model."""

from __future__ import annotations

from collections.abc import Iterator

from catwalk import pointer as jp
from catwalk.document import ProviderFile
from catwalk.rules import Hit, rule


def _levels(model: dict[str, object]) -> list[str] | None:
    levels = model.get("reasoning_levels")
    if isinstance(levels, list) and all(isinstance(v, str) for v in levels):
        return levels
    return None


@rule("CW401", "default-effort-not-in-levels")
def default_effort_not_in_levels(pf: ProviderFile) -> Iterator[Hit]:
    """`default_reasoning_effort` is not one of the model's `reasoning_levels`.

    Crush sends the default effort with every request; a level the model does not accept
    fails the request, and an effort without any levels gives the user nothing to choose.

    ## How to fix
    Pick the default from `reasoning_levels`, or list the levels the model supports.

    ## Example
    Bad: `"reasoning_levels": ["low", "high"], "default_reasoning_effort": "medium"`
    Good: `"reasoning_levels": ["low", "medium", "high"], "default_reasoning_effort": "medium"`
    """
    for index, model in pf.models():
        effort = model.get("default_reasoning_effort")
        levels = _levels(model)
        if not isinstance(effort, str) or not effort or (levels is None and "reasoning_levels" in model):
            continue
        if not levels:
            yield Hit(
                jp.join("models", index, "default_reasoning_effort"),
                f"default_reasoning_effort {effort!r} is set but reasoning_levels is empty",
            )
        elif effort not in levels:
            yield Hit(
                jp.join("models", index, "default_reasoning_effort"),
                f"default_reasoning_effort {effort!r} is not one of reasoning_levels ({', '.join(levels)})",
            )


@rule("CW402", "levels-without-reasoning")
def levels_without_reasoning(pf: ProviderFile) -> Iterator[Hit]:
    """`reasoning_levels` are listed for a model that does not reason (`can_reason` is not true).

    Crush only offers effort levels for reasoning models; the two fields contradict each
    other and one of them is wrong.

    ## How to fix
    Set `"can_reason": true` if the model reasons, otherwise remove the levels.

    ## Example
    Bad: `"can_reason": false, "reasoning_levels": ["low", "high"]`
    Good: `"can_reason": true, "reasoning_levels": ["low", "high"]`
    """
    for index, model in pf.models():
        levels = _levels(model)
        if levels and model.get("can_reason") is not True:
            yield Hit(
                jp.join("models", index, "reasoning_levels"),
                "reasoning_levels are listed but can_reason is not true",
            )
