"""Dataset writers (JSONL)."""
