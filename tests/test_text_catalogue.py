"""One text system: every key in every language, none unused, no inline language branch."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from sq.text.i18n import LANGUAGES, catalogue, section, t

REPO = Path(__file__).resolve().parents[1]
CODE = sorted([*(REPO / "sq").rglob("*.py"), *(REPO / "views").glob("*.py"), REPO / "app.py"])
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
DATA = (REPO / "data" / "indicators.toml").read_text(encoding="utf-8")
DUTCH = catalogue("nl")

DYNAMIC = {
    # prefix: how the code builds the key (the suffix is a value from the data or the code)
    "level": 'f"level.{',
    "level.word": 'f"level.word.{',
    "badge": 'f"badge.{',
    "status": 'f"status.{',
    "verdict": 'f"verdict.{',
    "notice": 'f"notice.{',
    "meeting": 'f"meeting.{',
    "language": 'f"language.{',
    "trends.role": 'f"trends.role.{',
    "words.generic": 'f"words.generic.{',
    "words.tail_peer": 'f"words.tail_peer.{',
    "pdf.column": 'f"pdf.column.{',
    "pdf.against": 'f"pdf.against_{',
    "remarks": 'f"remarks.{',
    "peers.members": 'f"peers.members.{',
    "peers.urbanity": 'f"peers.urbanity.{',
    "chart": 'section("chart"',
    "map": 'section("map"',
}
WHOLE_FAMILY = frozenset({"peers.members", "peers.urbanity"})
"""Families whose suffixes come from the store's data (levels, urbanity classes)."""
INLINE_BRANCH = re.compile(r"""\b(lang|language)\s*[=!]=\s*["'](nl|en|fy)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_exists_in_every_language_with_the_same_placeholders(language):
    texts = catalogue(language)
    assert set(texts) == set(DUTCH), set(texts) ^ set(DUTCH)
    for key, dutch in DUTCH.items():
        assert _fields(texts[key]) == _fields(dutch), (language, key)
        assert bool(texts[key].strip()) == bool(dutch.strip()), (language, key)


SAME_ON_PURPOSE = frozenset({"table.year_edition", "words.generic", "words.generic_opening"})
"""Texts that read the same in Dutch and English (names and placeholders only)."""


def test_translations_differ_from_dutch_where_they_should():
    english = catalogue("en")
    same = [
        k for k, v in DUTCH.items() if v == english[k] and len(v) > 20 and k not in SAME_ON_PURPOSE
    ]
    assert not same, same  # a long text identical in Dutch and English was not translated


def _used(key: str) -> bool:
    if f'"{key}"' in SOURCE or f"'{key}'" in SOURCE or f'"{key}"' in DATA:
        return True
    for prefix, marker in DYNAMIC.items():
        if key.startswith(prefix + ".") or key.startswith(prefix + "_"):
            suffix = key[len(prefix) + 1 :]
            if marker in SOURCE and prefix in WHOLE_FAMILY:
                return True
            if marker in SOURCE and (f'"{suffix}"' in SOURCE or f'"{suffix}"' in DATA):
                return True
            if marker in SOURCE and prefix in ("meeting", "chart", "map"):
                return f'"{suffix}"' in SOURCE or f"'{suffix}'" in SOURCE or f"[{suffix}" in SOURCE
    return False


def test_no_key_is_unused():
    unused = [key for key in DUTCH if not _used(key)]
    assert not unused, unused


def test_no_inline_language_branch_remains_in_sq_or_views():
    found = [
        f"{p.relative_to(REPO)}:{n}"
        for p in CODE
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE_BRANCH.search(line)
    ]
    assert not found, found


def test_texts_fill_in_values_and_fall_back_to_dutch_for_an_unknown_language():
    assert t("app.store_error", "nl", error="x") == "De gegevens konden niet worden geladen: x"
    assert t("app.title", "xx") == t("app.title", "nl")
    assert section("chart", "en")["year"] == "Year"
    with pytest.raises(KeyError):
        t("no.such.key")
