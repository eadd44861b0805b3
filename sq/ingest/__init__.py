"""Ingest: fetch CBS/PDOK tables and read every raw source as it is (one adapter per format)."""
