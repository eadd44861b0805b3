"""Boundary changes said in plain words (B1): what happened, and what it means for the trend line.

The store lists per gemeente what changed between two boundary years (`sq.build.boundaries`):
the area before and after, the disappeared gemeenten whose area it took, the neighbours it
exchanged area with. A resident reads: "Tussen 2012 en 2017 is een deel van de voormalige
gemeente Boarnsterhim bij Leeuwarden gekomen. Leeuwarden is daardoor ongeveer twee keer zo
groot geworden. Cijfers van 2012 en eerder gaan over een kleiner gebied; daarom loopt de lijn
in de grafiek daar niet door." The store only knows the two boundary years, never the exact
year of the change, so the sentence names both.
"""

from __future__ import annotations

import math
from typing import Final

import pandas as pd

from sq.build.boundaries import WHOLE_SHARE
from sq.codes import latest_per_region
from sq.text.formatting import format_number
from sq.text.i18n import t

TIMES_FROM: Final = 1.4
"""From this ratio on, a change in size reads as "n keer zo groot"; below it, as a percentage."""
SAME_SIZE: Final = 0.015


def latest_names(regions: pd.DataFrame) -> pd.Series:
    """Return each region code's most recent name."""
    return latest_per_region(regions)["name"]


def _names(codes: list[str], names: pd.Series) -> list[str]:
    """Return the names of gemeente codes (the code itself when unknown)."""
    return [str(names.get(code, code)) for code in codes]


def join_words(words: list[str], language: str) -> str:
    """Join words as prose: 'A', 'A en B', 'A, B en C' (English: 'and')."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + t("boundary.and", language) + words[-1]


def _parse_sources(text: object) -> list[tuple[str, float]]:
    """Read "GM0055:0.512,GM0081:1.000" into (code, share) pairs."""
    pairs = []
    for part in str(text or "").split(","):
        code, _, share = part.partition(":")
        if code.strip():
            pairs.append((code.strip(), float(share or 1.0)))
    return pairs


def _codes(text: object) -> list[str]:
    return [code.strip() for code in str(text or "").split(",") if code.strip()]


def _parts(sources: list[tuple[str, float]], names: pd.Series, language: str) -> str:
    """Say which former gemeenten (or parts of them) came in."""
    words = [
        t("boundary.whole" if share >= WHOLE_SHARE else "boundary.part", language, name=name)
        for (_code, share), name in zip(
            sources, _names([c for c, _ in sources], names), strict=True
        )
    ]
    return join_words(words, language)


def size_sentence(name: str, ratio: float, language: str) -> str:
    """Say how much larger or smaller the area became ("" when about the same)."""
    if not math.isfinite(ratio) or abs(ratio - 1.0) < SAME_SIZE:
        return ""
    if ratio >= TIMES_FROM:
        times = format_number(round(ratio * 2) / 2, 1, language).removesuffix(",0")
        times = times.removesuffix(".0")
        return t("boundary.times", language, name=name, times=times)
    percent = format_number(abs(ratio - 1.0) * 100, 0, language)
    key = "boundary.larger" if ratio > 1 else "boundary.smaller"
    return t(key, language, name=name, percent=percent)


def _changed(change: pd.Series, name: str, names: pd.Series, language: str) -> list[str]:
    """Sentences for a gemeente whose area changed (it took in others, or moved a border)."""
    years = {"a": int(change["year_from"]), "b": int(change["year_to"])}
    sources = _parse_sources(change.get("sources"))
    neighbours = _names(_codes(change.get("neighbours")), names)
    ratio = float(change.get("area_ratio", float("nan")))
    sentences = []
    if sources:
        parts = _parts(sources, names, language)
        key = "boundary.took" if len(sources) == 1 else "boundary.took_many"
        sentences.append(t(key, language, name=name, parts=parts, **years))
    if neighbours:
        others = join_words(neighbours, language)
        sentences.append(t("boundary.moved", language, name=name, others=others, **years))
    sentences.append(size_sentence(name, ratio, language))
    key = "boundary.line_smaller" if ratio > 1 else "boundary.line_larger"
    sentences.append(t(key, language, **years))
    return sentences


def change_note(change: pd.Series, name: str, names: pd.Series, language: str = "nl") -> str:
    """Return one boundary change as plain sentences, with the meaning for the trend line."""
    years = {"a": int(change["year_from"]), "b": int(change["year_to"])}
    kind = str(change["kind"])
    if kind == "opgeheven":
        into = join_words(_names(_codes(change.get("targets")), names), language)
        sentences = [t("boundary.gone", language, name=name, **years)]
        if into:
            sentences.append(t("boundary.gone_into", language, into=into))
        sentences.append(t("boundary.line_gone", language, name=name, **years))
    elif kind == "nieuw":
        sources = _parse_sources(change.get("sources"))
        sentences = [t("boundary.new", language, name=name, **years)]
        if sources:
            key = "boundary.new_from" if len(sources) == 1 else "boundary.new_from_many"
            sentences.append(t(key, language, parts=_parts(sources, names, language)))
        sentences.append(t("boundary.line_new", language, name=name, **years))
    else:
        sentences = _changed(change, name, names, language)
    return " ".join(s for s in sentences if s)


def boundary_notes(
    changes: pd.DataFrame, region_code: str, names: pd.Series, language: str = "nl"
) -> tuple[str, ...]:
    """Return the area's boundary changes as plain notes, oldest first.

    `names` maps region codes to their latest names. A store built before the change data
    existed (no `area_ratio` column) gives no notes rather than the old technical text.
    """
    if changes.empty or "area_ratio" not in changes:
        return ()
    own = changes[changes["region_code"] == region_code].sort_values("year_to")
    name = str(names.get(region_code, region_code))
    return tuple(change_note(row, name, names, language) for _i, row in own.iterrows())
