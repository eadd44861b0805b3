"""Colour-blind-safe map palettes where the favourable end always has the same colour.

Colours run from class 0 (lowest values) to the highest class. For indicators where a higher
value is favourable the ramp ends in dark blue; where a lower value is favourable the ramp is
reversed, so dark blue again marks the favourable areas and orange/brown the unfavourable ones.
Neutral indicators (no good or bad direction) get a single-hue purple ramp.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np

Direction = Literal["higher_is_better", "lower_is_better", "neutral"]

DIRECTIONS: Final = ("higher_is_better", "lower_is_better", "neutral")

UNFAVOURABLE_TO_FAVOURABLE: Final = ("#a6531b", "#e8a15a", "#f2ead8", "#8fb8dc", "#1f4e8c")
"""Orange/brown (unfavourable) via cream to dark blue (favourable); safe for deuteranopia."""

NEUTRAL_RAMP: Final = ("#efedf5", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")
"""Single-hue purple ramp, light to dark, for indicators without a favourable direction."""

FAVOURABLE: Final = UNFAVOURABLE_TO_FAVOURABLE[-1]
UNFAVOURABLE: Final = UNFAVOURABLE_TO_FAVOURABLE[0]

MISSING_FILL: Final = "#ffffff"
"""Fill under the hatch of areas without data (the hatch itself is drawn in `MISSING_LINE`)."""

MISSING_LINE: Final = "#5f5f5f"
"""Outline and hatch colour of areas without data (7:1 contrast on white)."""

OUTLINE: Final = "#ffffff"
SELECTED_LINE: Final = "#000000"


def _spread(ramp: tuple[str, ...], n_classes: int) -> list[str]:
    """Pick `n_classes` colours spread evenly over a ramp, keeping both ends when n >= 2."""
    if n_classes < 1:
        return []
    if n_classes == 1:
        return [ramp[len(ramp) // 2]]
    positions = np.linspace(0, len(ramp) - 1, n_classes).round().astype(int)
    return [ramp[i] for i in positions]


def class_colours(direction: Direction, n_classes: int = 5) -> list[str]:
    """Return one colour per class, ordered from the lowest to the highest values."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction: {direction!r}")
    if n_classes > len(UNFAVOURABLE_TO_FAVOURABLE):
        raise ValueError(f"at most {len(UNFAVOURABLE_TO_FAVOURABLE)} classes")
    if direction == "neutral":
        return _spread(NEUTRAL_RAMP, n_classes)
    colours = _spread(UNFAVOURABLE_TO_FAVOURABLE, n_classes)
    return colours if direction == "higher_is_better" else colours[::-1]
