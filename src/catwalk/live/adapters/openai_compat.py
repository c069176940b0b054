"""Generic OpenAI-compatible `/models` list: the fallback for every `openai-compat`
provider that has no family adapter of its own. `homes` lists the providers of the
database it serves, so that their keys, too, go only to their own hosts; an
`openai-compat` provider not listed there has no home until one is declared.

Endpoint `GET {base}/models`, `Authorization: Bearer <key>`, no pagination.
Shape `{"object": "list", "data": [{"id", "object", "created", "owned_by"}, ...]}`.

The envelope tells nothing but which model ids exist, so `knows` is empty: drift can
report models removed or added upstream and nothing else. Extra keys that individual
providers add are read only by their own adapters (which subclass this one), because
the same key name means different things on different APIs. Nothing is filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from catwalk.homes import Home
from catwalk.live.adapters.listing import ListingAdapter
from catwalk.live.adapters.values import text
from catwalk.live.records import LiveModel


class OpenAICompatAdapter(ListingAdapter):
    family: ClassVar[str] = "openai-compat"
    # The providers with no family adapter of their own. Not matched by type: the
    # registry falls back to it for other `openai-compat` providers (declaring the type
    # here would leak it into every subclass).
    homes: ClassVar[dict[str, Home]] = {
        "ai21": Home(hosts=("api.ai21.com",), keys=("AI21_API_KEY",)),
        "alibaba-singapore": Home(
            hosts=("dashscope-intl.aliyuncs.com",), keys=("ALIBABA_SINGAPORE_API_KEY",)
        ),
        "alibaba-us": Home(hosts=("dashscope-us.aliyuncs.com",), keys=("ALIBABA_US_API_KEY",)),
        # A workspace per customer: the operator names it in $DATABRICKS_API_BASE.
        "databricks": Home(keys=("DATABRICKS_API_KEY",), endpoints=("DATABRICKS_API_BASE",)),
        "deepinfra": Home(hosts=("api.deepinfra.com",), keys=("DEEPINFRA_API_KEY",)),
        "friendliai": Home(hosts=("api.friendli.ai",), keys=("FRIENDLI_TOKEN",)),
        "novita": Home(hosts=("api.novita.ai",), keys=("NOVITA_API_KEY",)),
        "opencode-go": Home(hosts=("opencode.ai",), keys=("OPENCODE_API_KEY",)),
        "opencode-zen": Home(hosts=("opencode.ai",), keys=("OPENCODE_API_KEY",)),
        "ovhcloud": Home(
            hosts=("oai.endpoints.kepler.ai.cloud.ovh.net",), keys=("OVH_AI_ENDPOINTS_ACCESS_TOKEN",)
        ),
        "pioneer": Home(hosts=("api.pioneer.ai",), keys=("PIONEER_API_KEY",)),
        "qiniucloud": Home(hosts=("api.qnaigc.com",), keys=("QINIUCLOUD_API_KEY",)),
        "sambanova": Home(hosts=("api.sambanova.ai",), keys=("SAMBANOVA_API_KEY",)),
        "scaleway": Home(hosts=("api.scaleway.ai",), keys=("SCW_SECRET_KEY",)),
        "wandb": Home(hosts=("api.inference.wandb.ai",), keys=("WANDB_API_KEY",)),
        "zai": Home(hosts=("api.z.ai",), keys=("ZAI_API_KEY",)),
        "zhipu": Home(hosts=("open.bigmodel.cn",), keys=("ZHIPU_API_KEY",)),
        "zhipu-coding": Home(hosts=("open.bigmodel.cn",), keys=("ZHIPU_API_KEY",)),
    }
    # No public default: every openai-compat provider file names its own endpoint.
    default_base_url: ClassVar[str] = ""
    knows: ClassVar[frozenset[str]] = frozenset()

    def owner(self, item: dict[str, Any]) -> dict[str, str]:
        owned_by = text(item.get("owned_by"))
        return {"owned_by": owned_by} if owned_by else {}

    def model(self, item: dict[str, Any], model_id: str) -> LiveModel | None:
        return LiveModel(id=model_id, extra=self.owner(item))


ADAPTER = OpenAICompatAdapter()
