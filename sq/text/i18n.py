"""Interface texts: one catalogue per language (sq/text/locales/<language>.toml), read once.

Dutch is the first language; English and Frysk have the same keys (a test walks them). Texts are
plain: values filled in with `{name}` are inserted as they are, never as markup.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("nl", "en", "fy")
"""Interface languages, Dutch first."""
DEFAULT_LANGUAGE: Final = "nl"
LOCALES_DIR: Final = Path(__file__).with_name("locales")


def language_or_default(language: object) -> str:
    """Return language when it is an interface language, else Dutch."""
    return language if isinstance(language, str) and language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """Return the texts of one language, key to text (empty when it has no catalogue file)."""
    path = LOCALES_DIR / f"{language_or_default(language)}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        raw = tomllib.load(file)
    return {str(key): str(value) for key, value in raw.items()}


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the interface text for key in the language, with values filled in.

    A key a language lacks falls back to Dutch (a test keeps the catalogues complete); an
    unknown key raises KeyError.
    """
    text = catalogue(language_or_default(language)).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


@cache
def section(prefix: str, language: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    """Return the texts under one key prefix ('chart' -> {'area': 'Gebied', ...})."""
    start = f"{prefix}."
    keys = [key for key in catalogue(DEFAULT_LANGUAGE) if key.startswith(start)]
    return {key[len(start) :]: t(key, language) for key in keys}
