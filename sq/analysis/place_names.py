"""Place names in Frisian mode: the official name, and beside it the Frisian one where it exists.

The names live in data/place_names_fy.toml (by gemeente code; by official name for places in
the provincie Fryslân). Names are shown as text, never as markup.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Final

from sq.config import DATA_DIR

PLACE_NAMES_PATH: Final = DATA_DIR / "place_names_fy.toml"
FRYSLAN: Final = "PV21"
SECOND_NAME_LANGUAGES: Final = frozenset({"fy"})
"""Interface languages that show a Frisian name beside the official one."""


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    if not PLACE_NAMES_PATH.is_file():
        return {}, {}
    data = tomllib.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8"))
    gemeenten = {str(k): str(v) for k, v in data.get("gemeente", {}).items()}
    places = {str(k): str(v) for k, v in data.get("place", {}).items()}
    return gemeenten, places


def frisian_name(code: str, name: str, provincie_code: str | None) -> str | None:
    """Return the Frisian name of an area, or None where none is listed."""
    gemeenten, places = _names()
    if code in gemeenten:
        return gemeenten[code]
    if provincie_code == FRYSLAN:
        return places.get(name)
    return None


def shown_name(code: str, name: str, provincie_code: str | None, language: str) -> str:
    """Return the name to show: 'Leeuwarden / Ljouwert' in Frisian mode, else the official one."""
    if language not in SECOND_NAME_LANGUAGES:
        return name
    second = frisian_name(code, name, provincie_code)
    return f"{name} / {second}" if second and second != name else name
