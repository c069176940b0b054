"""Independent catalogues (LiteLLM, genai-prices, OpenRouter) as compact, dated snapshots."""
