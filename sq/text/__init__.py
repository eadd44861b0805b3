"""Text: the one text system (messages per language), number formatting, indicator sentences."""
