"""The deep rules never raise, whatever the models hold, and stay quadratic-free on big groups."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deep.helpers import model, provider, run_rules

values = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=6)
    | st.lists(st.sampled_from(["low", "medium", "high", "max", 3, None]), max_size=4)
)
FIELDS = [
    "id",
    "cost_per_1m_in",
    "cost_per_1m_out",
    "cost_per_1m_in_cached",
    "cost_per_1m_out_cached",
    "context_window",
    "default_max_tokens",
    "can_reason",
    "reasoning_levels",
    "supports_attachments",
]
KNOWN_IDS = ["claude-sonnet-4-5", "gpt-4o", "deepseek-v4-flash", "glm-5.2", "gpt-4o-2024-05-13"]


@st.composite
def databases(draw: st.DrawFn) -> list[dict[str, Any]]:
    docs = []
    for index in range(draw(st.integers(1, 6))):
        models = []
        for _ in range(draw(st.integers(0, 3))):
            entry = model(draw(st.sampled_from(KNOWN_IDS)))
            for key in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
                entry[key] = draw(values)
            models.append(entry)
        doc = provider(
            draw(st.sampled_from(["anthropic", "openrouter", "vercel", "azure", "x"])) + str(index)
        )
        doc["models"] = models
        if draw(st.booleans()):
            doc["id"] = draw(values)
        docs.append(doc)
    return docs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(databases(), st.sampled_from([{}, {"today": "2030-01-01"}, {"context-smaller-factor": 2}]))
def test_deep_rules_never_crash(docs: list[dict[str, Any]], extra: dict[str, Any]) -> None:
    # run_rules asserts that no finding is a "check crashed" report
    for finding in run_rules(docs, ["CW6", "CW7", "CW8", "CW9"], extra):
        assert finding.message


def test_large_groups_name_a_few_providers_and_count_the_rest() -> None:
    docs = [provider(f"p{i:02}", model("kimi-k3", supports_attachments=True)) for i in range(30)]
    docs.append(provider("zz-odd", model("moonshotai/Kimi-K3", supports_attachments=False)))
    [finding] = run_rules(docs, ["CW702"])
    assert finding.message.endswith(
        "but true at 30 of 30 other providers serving this model "
        "(p00, p01, p02, p03, p04, p05, p06, p07 and 22 more)"
    )
