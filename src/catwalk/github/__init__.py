"""GitHub REST API: idempotent drift issues."""
