"""Residents' remarks and facilitators' data in one database (SQLAlchemy)."""
