"""Sociale Basis: the social base of Dutch areas along the four conditions of social quality."""

__version__ = "0.1.0"
