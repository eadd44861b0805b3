"""Build: adapters → names to codes → indicators (catalogue) → benchmarks → the store."""
