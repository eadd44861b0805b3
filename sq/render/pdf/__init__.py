"""The printable area profile (A4 PDF)."""
