"""Analysis: pure functions over the store (profiles, verdicts, trends, comparisons, map data)."""
