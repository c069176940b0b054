"""Drift issues on GitHub (REST API): plan, render and sync them idempotently."""
