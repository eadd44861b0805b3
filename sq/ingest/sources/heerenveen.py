"""Gemeente Heerenveen "gebiedsscans" 2019: 30 villages and wijken, names only, long form.

For every harmonised indicator id ``<id>`` (see ``INDICATOR_IDS``) the adapter emits per area:
``<id>`` (the area's value), ``<id>|gemiddelde_30`` (mean of the 30 areas as printed),
``<id>|significant`` (0/1: significantly different from that mean) and ``<id>|aantal`` (the
absolute number, ``<10`` and ``--`` missing); plus ``inwoners`` and ``huishoudens`` per area.
Percentages are in %, ``Gemiddelde WOZ`` in euro, ``Leefbaarheid totaal`` is the printed
"Cijfer", and the liveability dimensions (``leefbaarheid_*`` except ``leefbaarheid_totaal``) are
an ordinal scale ``--`` = -2, ``-`` = -1, ``+`` = 1, ``++`` = 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from sq.codes import fold_name, parse_number
from sq.ingest.sources.base import SourceResult, finish_observations

SOURCE: Final = "heerenveen-gebiedsscans-2019"
YEAR: Final = 2019

INDICATOR_IDS: Final = {
    "jonger dan 15 jaar": "jonger_dan_15",
    "15 25 jarigen": "leeftijd_15_25",
    "25 45 jarigen": "leeftijd_25_45",
    "45 65 jarigen": "leeftijd_45_65",
    "65 plussers": "leeftijd_65_plus",
    "waarvan 80 plussers": "leeftijd_80_plus",
    "1 persoons huishoudens": "eenpersoonshuishoudens",
    "gehuwd": "gehuwd",
    "gescheiden": "gescheiden",
    "weduwen en weduwnaars": "verweduwd",
    "gezinnen met kinderen": "huishoudens_met_kinderen",
    "huishoudens met kinderen": "huishoudens_met_kinderen",
    "huishoudens zonder kind": "huishoudens_zonder_kinderen",
    "huishoudens zonder kinderen": "huishoudens_zonder_kinderen",
    "westerse migratieachtergrond": "westerse_migratieachtergrond",
    "niet westerse migratieachtergrond": "niet_westerse_migratieachtergrond",
    "wmo waarvan": "wmo",
    "huishoudelijke hulp": "wmo_huishoudelijke_hulp",
    "vervoersvoorziening": "wmo_vervoersvoorziening",
    "jeugdzorg": "jeugdzorg",
    "participatiewet": "participatiewet",
    "beperkingen in horen": "beperking_horen",
    "beperkingen in mobiliteit": "beperking_mobiliteit",
    "beperkingen in zien": "beperking_zien",
    "lichamelijke beperkingen": "lichamelijke_beperking",
    "ernstige eenzaamheid": "ernstig_eenzaam",
    "obesitas": "obesitas",
    "overgewicht": "overgewicht",
    "risico angst depressie": "risico_angst_depressie",
    "rokers": "rokers",
    "sporters": "sporters",
    "voldoen aan richtlijn alcohol niet teveel drinken": "alcohol_richtlijn",
    "voldoende bewegen": "voldoende_bewegen",
    "weinig eigen regie ervaren": "weinig_regie",
    "bijstandsgerechtigden": "bijstand",
    "huishoudens met laagste inkomens": "laagste_inkomens",
    "huishoudens met hoogste inkomens": "hoogste_inkomens",
    "leefbaarheid totaal": "leefbaarheid_totaal",
    "fysieke leefomgeving": "leefbaarheid_fysiek",
    "fysieke omgeving": "leefbaarheid_fysiek",
    "samenstelling bevolking": "leefbaarheid_bevolking",
    "type woningen": "leefbaarheid_woningen",
    "woningen": "leefbaarheid_woningen",
    "veiligheid": "leefbaarheid_veiligheid",
    "voorzieningenniveau": "leefbaarheid_voorzieningen",
    "aantal autos per ha": "autos_per_ha",
    "verkeerslawaai 19 65 jarigen": "verkeerslawaai",
    "mantelzorgers": "mantelzorgers",
    "mantelzorg ontvangen 65 plussers": "mantelzorg_ontvangen_65plus",
    "vrijwilligers": "vrijwilligers",
    "diefstal": "diefstal",
    "gewelds en seksuele misdrijven registraties per 1 000 inwoners": (
        "geweldsmisdrijven_per_1000"
    ),
    "overlast en vernielingen": "overlast_vernielingen",
    "flats en appartementen": "flats_appartementen",
    "gemiddelde woz": "gem_woz",
    "huurwoningen": "huurwoningen",
    "waarvan huurwoningen in corporatiebezit": "huurwoningen_corporatie",
}
"""Folded indicator label (as spelled in any area) -> stable variable id."""

SCALE: Final = {"++": 2.0, "+": 1.0, "-": -1.0, "--": -2.0}
"""Ordinal liveability scale of the ``leefbaarheid_*`` dimensions."""

_THOUSANDS: Final = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COLUMNS: Final = (
    "gebied",
    "inwoners",
    "huishoudens",
    "indicator",
    "waarde_gebied",
    "gemiddelde_30_gebieden",
    "significant_afwijkend",
    "aantal",
)


def indicator_id(label: str) -> str:
    """Return the stable variable id of an indicator label; a slug for unknown labels."""
    key = fold_name(str(label).strip().lstrip("-").strip())
    return INDICATOR_IDS.get(key, key.replace(" ", "_"))


def is_scale(variable: str) -> bool:
    """Tell whether an indicator id uses the ordinal ``--``..``++`` liveability scale."""
    return variable.startswith("leefbaarheid_") and variable != "leefbaarheid_totaal"


def parse_scan_value(raw: object, *, scale: bool = False) -> float:
    """Parse a gebiedsscan cell: ``16%``, ``1.130``, ``Cijfer 8``, scale signs; else NaN."""
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return np.nan
    text = str(raw).strip()
    if scale and text in SCALE:
        return SCALE[text]
    text = re.sub(r"^cijfer\s*", "", text, flags=re.IGNORECASE).replace("%", "").strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if not text or text.startswith("<") or not re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        return np.nan
    return parse_number(text)


def _flag_inconsistent_means(frame: pd.DataFrame) -> pd.Series:
    """Mark rows whose printed 30-area mean differs from the usual mean of their indicator.

    The mean of the 30 areas is one number per indicator, so a different number means the row
    was transcribed under the wrong label (rows shifted within an area's table).
    """
    means = frame["gemiddelde_30_gebieden"].str.strip()
    has_mean = means != ""
    modal = (
        means.where(has_mean)
        .groupby(frame["variable"])
        .transform(lambda s: s.mode().iloc[0] if s.notna().any() else np.nan)
    )
    return has_mean & modal.notna() & (means != modal)


def read_gebiedsscans(folder: Path) -> SourceResult:
    """Read the Heerenveen gebiedsscans 2019 into long observations at level ``dorp``."""
    result = SourceResult(source=SOURCE)
    files = sorted(Path(folder).glob("*.csv"))
    if not files:
        result.messages.append(f"Geen CSV-bestand gevonden in {Path(folder).name}.")
        return result
    parts = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        missing = [c for c in _COLUMNS if c not in frame]
        if missing:
            reason = f"{path.name}: kolommen ontbreken: {missing}."
            result.files_skipped[path.name] = reason
            result.messages.append(reason)
            continue
        result.files_read.append(path.name)
        parts.append(_observations(frame, path.name, result.messages))
    if parts:
        result.observations = finish_observations(pd.concat(parts, ignore_index=True), SOURCE)
    return result


def _observations(frame: pd.DataFrame, name: str, messages: list[str]) -> pd.DataFrame:
    """Turn one gebiedsscan table into observation rows, appending messages."""
    frame = frame.assign(gebied=frame["gebied"].str.strip())
    frame["variable"] = frame["indicator"].map(indicator_id)
    unknown = sorted(
        set(frame.loc[~frame["variable"].isin(set(INDICATOR_IDS.values())), "indicator"])
    )
    if unknown:
        messages.append(f"{name}: onbekende indicatoren als slug overgenomen: {unknown}.")
    shifted = _flag_inconsistent_means(frame)
    for row in frame.loc[shifted].itertuples(index=False):
        messages.append(
            f"{name}: {row.gebied} - '{row.indicator}' weggelaten: het gemiddelde van de 30 "
            f"gebieden ({row.gemiddelde_30_gebieden}) wijkt af van dat van dezelfde indicator "
            "elders; waarschijnlijk een verschoven regel in de overname van de tabel."
        )
    frame = frame.loc[~shifted]
    duplicated = frame.duplicated(subset=["gebied", "variable"], keep="first")
    for row in frame.loc[duplicated].itertuples(index=False):
        messages.append(f"{name}: {row.gebied} - '{row.indicator}' dubbel; eerste waarde gehouden.")
    frame = frame.loc[~duplicated]
    scale = frame["variable"].map(is_scale)
    value = [
        parse_scan_value(v, scale=s) for v, s in zip(frame["waarde_gebied"], scale, strict=True)
    ]
    mean = [
        parse_scan_value(v, scale=s)
        for v, s in zip(frame["gemiddelde_30_gebieden"], scale, strict=True)
    ]
    rows = [
        frame.assign(value=value),
        frame.assign(value=mean, variable=frame["variable"] + "|gemiddelde_30"),
        frame.assign(
            value=frame["significant_afwijkend"].map(parse_scan_value),
            variable=frame["variable"] + "|significant",
        ),
        frame.assign(
            value=frame["aantal"].map(parse_scan_value), variable=frame["variable"] + "|aantal"
        ),
    ]
    areas = frame.drop_duplicates("gebied")
    for column in ("inwoners", "huishoudens"):
        rows.append(areas.assign(value=areas[column].map(parse_scan_value), variable=column))
    out = pd.concat(rows, ignore_index=True)
    out["region_code"] = None
    out["region_name"] = out["gebied"]
    out["level"] = "dorp"
    out["year"] = YEAR
    messages.append(
        f"{name}: {out['region_name'].nunique()} gebieden, "
        f"{frame['variable'].nunique()} indicatoren na harmonisatie van de schrijfwijzen."
    )
    return out


ADAPTERS: dict[str, Callable[[Path], SourceResult]] = {SOURCE: read_gebiedsscans}
