"""StatLine CSV reader, its adapters and the Heerenveen gebiedsscans adapter."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sq.config import raw_dir
from sq.ingest.sources.base import OBSERVATION_COLUMNS
from sq.ingest.sources.heerenveen import ADAPTERS as HEERENVEEN_ADAPTERS
from sq.ingest.sources.heerenveen import indicator_id, parse_scan_value
from sq.ingest.sources.statline import (
    ADAPTERS,
    StatLineFormatError,
    read_inkomen_gemeente_wijk,
    read_inkomen_huishoudens,
    read_misdrijven,
    read_statline_csv,
)

FIX = Path(__file__).parent / "fixtures"
STATLINE = FIX / "statline"


def _value(obs: pd.DataFrame, name: str, variable: str, year: int | None = None) -> float:
    rows = obs[(obs["region_name"] == name) & (obs["variable"] == variable)]
    if year is not None:
        rows = rows[rows["year"] == year]
    assert len(rows) == 1, (name, variable, year, len(rows))
    return float(rows["value"].iloc[0])


# --- read_statline_csv -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected_header", "expected_rows"),
    [
        (b'"A";"B"\r\n"x";1,5\r\n', ["A", "B"], [["x", "1,5"]]),
        (b"\xef\xbb\xbf" + b'"A";"B"\n"x";1,5\n', ["A", "B"], [["x", "1,5"]]),
        ("Naam;Waarde\nWâldrâne;.\n".encode("latin-1"), ["Naam", "Waarde"], [["Wâldrâne", "."]]),
        (b'"A"";""B"\r\n""x"";""2024*""\r\n"', ["A", "B"], [["x", "2024*"]]),
        (b'"A";"B"\n"x;y";3\n\n', ["A", "B"], [["x;y", "3"]]),
    ],
    ids=["crlf-quoted", "bom", "latin1-missing", "doubled-quotes", "quoted-separator"],
)
def test_read_statline_csv_variants(
    tmp_path: Path, raw: bytes, expected_header: list[str], expected_rows: list[list[str]]
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    frame = read_statline_csv(path)
    assert list(frame.columns) == expected_header
    assert frame.to_numpy().tolist() == expected_rows


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "leeg"),
        (b"alleen een kolom\nnog een\n", "kopregel"),
        (b"\x00\x01\x02binary", "binair"),
        (b'"A";"B"\n"x;1;2\n"y;3;4\n"z";5\n', "niet te lezen"),
    ],
    ids=["empty", "one-column", "binary", "mostly-broken"],
)
def test_read_statline_csv_rejects_with_dutch_message(
    tmp_path: Path, raw: bytes, fragment: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    with pytest.raises(StatLineFormatError, match=fragment):
        read_statline_csv(path)


def test_read_statline_csv_missing_file_is_format_error(tmp_path: Path) -> None:
    with pytest.raises(StatLineFormatError, match="kan niet worden gelezen"):
        read_statline_csv(tmp_path / "bestaat-niet.csv")


def test_broken_export_is_repaired_and_beyond_repair_line_recorded() -> None:
    frame = read_statline_csv(STATLINE / "huishoudens" / "huishoudens.csv")
    assert frame.attrs["repaired_doubled_quotes"] is True
    assert [n for n, _ in frame.attrs["skipped_lines"]] == [5]
    assert list(frame["Regio's"]) == ["Nederland", "Dorpum", "Westerwâld", "Stadum"]


# --- adapters on fixtures ----------------------------------------------------------------


def test_misdrijven_fixture() -> None:
    res = read_misdrijven(STATLINE / "misdrijven")
    obs = res.observations
    assert list(obs.columns) == list(OBSERVATION_COLUMNS)
    assert obs["region_code"].isna().all()
    assert set(obs["level"]) == {"gemeente"}
    assert "Oudum" not in set(obs["region_name"])  # no figure at all: did not exist
    assert any("Oudum" in m for m in res.messages)
    assert _value(obs, "Dorpum", "Misdrijven, totaal|per_1000", 2016) == 30.8
    assert _value(obs, "Dorpum", "1 Vermogensmisdrijven|aantal", 2017) == 175.0
    assert _value(obs, "Dorpum", "1 Vermogensmisdrijven|relatief", 2017) == 50.0
    hengum = obs[(obs["region_name"] == "Hengum (O.)") & (obs["year"] == 2017)]
    per_1000 = hengum[hengum["variable"].str.endswith("|per_1000")]
    assert per_1000["value"].isna().all() and per_1000["suppressed"].all()
    assert {v.split("|")[1] for v in obs["variable"]} == {"aantal", "relatief", "per_1000"}


def test_inkomen_huishoudens_fixture() -> None:
    res = read_inkomen_huishoudens(STATLINE / "huishoudens")
    obs = res.observations
    nl = obs[obs["region_name"] == "Nederland"]
    assert set(nl["region_code"]) == {"NL00"} and set(nl["level"]) == {"land"}
    assert obs.loc[obs["region_name"] != "Nederland", "region_code"].isna().all()
    assert set(obs["year"]) == {2024}
    assert _value(obs, "Nederland", "particuliere_huishoudens_x1000") == 8000.5
    assert _value(obs, "Dorpum", "mediaan_besteedbaar_inkomen") == 53.9
    assert math.isnan(_value(obs, "Westerwâld", "gem_gestandaardiseerd_inkomen"))
    assert "Kapotum" not in " ".join(obs["region_name"])
    assert any("regel 5" in m and "Kapotum" in m for m in res.messages)
    assert any("voorlopig" in m and "2024*" in m for m in res.messages)


def test_inkomen_gemeente_wijk_fixture() -> None:
    res = read_inkomen_gemeente_wijk(STATLINE / "gemeente_wijk")
    obs = res.observations
    assert obs["year_uncertain"].all()
    assert _value(obs, "Noardeast-Dorpum", "gem_inkomen_inwoner") == 25.5
    row = obs[(obs["region_name"] == "Wâldrâne") & (obs["variable"] == "pct_hh_hoogste_20")]
    assert row["region_code"].tolist() == ["WK990200"] and row["suppressed"].all()
    assert row["value"].isna().all()
    regions = res.regions.set_index("region_code")
    assert regions.loc["WK990101", "gemeente_code"] == "GM9901"
    assert regions.loc["WK990200", "gemeente_code"] == "GM9902"
    assert regions.loc["GM9902", "level"] == "gemeente"
    assert any("niet in het bestand" in m for m in res.messages)


@pytest.mark.parametrize("source", sorted(ADAPTERS))
def test_adapters_survive_an_empty_folder(tmp_path: Path, source: str) -> None:
    res = ADAPTERS[source](tmp_path)
    assert res.observations.empty and res.messages


def test_adapter_records_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "kapot.csv").write_bytes(b"\x00\x00")
    res = read_misdrijven(tmp_path)
    assert "kapot.csv" in res.files_skipped and res.observations.empty


# --- Heerenveen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "scale", "expected"),
    [
        ("16%", False, 16.0),
        ("1.130", False, 1130.0),
        ("207.000", False, 207000.0),
        ("Cijfer 8", False, 8.0),
        ("+", True, 1.0),
        ("--", True, -2.0),
        ("--", False, math.nan),
        ("<10", False, math.nan),
        ("xxx", False, math.nan),
        ("?", False, math.nan),
        ("", False, math.nan),
        ("3", False, 3.0),
    ],
)
def test_parse_scan_value(raw: str, scale: bool, expected: float) -> None:
    got = parse_scan_value(raw, scale=scale)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("- Huishoudelijke hulp", "wmo_huishoudelijke_hulp"),
        ("-Huishoudelijke hulp", "wmo_huishoudelijke_hulp"),
        ("Huishoudens zonder kind", "huishoudens_zonder_kinderen"),
        ("Huishoudens zonder kinderen", "huishoudens_zonder_kinderen"),
        ("-Fysieke omgeving", "leefbaarheid_fysiek"),
        ("-Fysieke leefomgeving", "leefbaarheid_fysiek"),
        (
            "Gewelds- en seksuele misdrijven (registraties per 1.000 inwoners)",
            "geweldsmisdrijven_per_1000",
        ),
        ("Ernstige eenzaamheid", "ernstig_eenzaam"),
        ("Bijstandsgerechtigden", "bijstand"),
        ("Iets nieuws", "iets_nieuws"),
    ],
)
def test_indicator_id_harmonises_spellings(label: str, expected: str) -> None:
    assert indicator_id(label) == expected


def test_heerenveen_fixture() -> None:
    res = HEERENVEEN_ADAPTERS["heerenveen-gebiedsscans-2019"](FIX / "heerenveen")
    obs = res.observations
    assert set(obs["level"]) == {"dorp"} and obs["region_code"].isna().all()
    assert set(obs["year"]) == {2019}
    assert _value(obs, "Dorpum", "vrijwilligers") == 36.0
    assert _value(obs, "Dorpum", "vrijwilligers|gemiddelde_30") == 37.0
    assert _value(obs, "Dorpum", "vrijwilligers|aantal") == 1130.0
    assert _value(obs, "Stadum Centrum", "vrijwilligers|significant") == 1.0
    assert _value(obs, "Dorpum", "wmo_huishoudelijke_hulp") == 13.0
    assert math.isnan(_value(obs, "Westerwâld", "wmo_huishoudelijke_hulp"))
    assert _value(obs, "Dorpum", "gem_woz") == 207000.0
    assert _value(obs, "Dorpum", "leefbaarheid_totaal") == 8.0
    assert _value(obs, "Westerwâld", "leefbaarheid_veiligheid") == -2.0
    assert math.isnan(_value(obs, "Westerwâld", "geweldsmisdrijven_per_1000"))
    assert _value(obs, "Westerwâld", "inwoners") == 115.0
    # the shifted row (mean 48% where the indicator's mean is 7%) is left out and reported
    assert obs[
        (obs["region_name"] == "Stadum Centrum") & (obs["variable"] == "ernstig_eenzaam")
    ].empty
    assert any("Stadum Centrum" in m and "verschoven" in m for m in res.messages)
    missing = obs[obs["value"].isna()]
    assert missing["suppressed"].all()


# --- real mirror -------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_misdrijven_leeuwarden_2017() -> None:
    res = ADAPTERS["cbs-misdrijven-gemeente-2013-2017"](
        raw_dir() / "cbs-misdrijven-gemeente-2013-2017"
    )
    obs = res.observations
    assert _value(obs, "Leeuwarden", "Misdrijven, totaal|per_1000", 2017) == 60.4
    assert _value(obs, "Leeuwarden", "Misdrijven, totaal|aantal", 2017) == 6565.0
    assert set(obs["year"]) == {2013, 2014, 2015, 2016, 2017}
    assert len({v.split("|")[0] for v in obs["variable"]}) == 9


@pytest.mark.realdata
def test_real_inkomen_huishoudens_broken_export() -> None:
    res = ADAPTERS["cbs-inkomen-huishoudens-2024"](raw_dir() / "cbs-inkomen-huishoudens-2024")
    obs = res.observations
    assert not res.files_skipped
    assert obs["region_name"].nunique() == 343  # Nederland + 342 gemeenten
    assert _value(obs, "Nederland", "gem_gestandaardiseerd_inkomen") == 41.9
    assert _value(obs, "Zwolle", "mediaan_besteedbaar_inkomen") == 46.7
    assert math.isnan(_value(obs, "Vlieland", "gem_besteedbaar_inkomen"))


@pytest.mark.realdata
def test_real_inkomen_gemeente_wijk() -> None:
    res = ADAPTERS["cbs-inkomen-gemeente-wijk"](raw_dir() / "cbs-inkomen-gemeente-wijk")
    regions = res.regions
    assert (regions["level"] == "gemeente").sum() == 342
    assert (regions["level"] == "wijk").sum() == 3352
    wijk = regions[regions["level"] == "wijk"]
    assert (wijk["region_code"].str[2:6] == wijk["gemeente_code"].str[2:6]).all()
    obs = res.observations
    assert obs["year_uncertain"].all()
    heerenveen = obs[(obs["region_code"] == "GM0074") & (obs["variable"] == "gem_inkomen_inwoner")]
    assert heerenveen["value"].tolist() == [25.9]


@pytest.mark.realdata
def test_real_heerenveen_gebiedsscans() -> None:
    res = HEERENVEEN_ADAPTERS["heerenveen-gebiedsscans-2019"](
        raw_dir() / "heerenveen-gebiedsscans-2019"
    )
    obs = res.observations
    assert obs["region_name"].nunique() == 30
    for variable in (
        "vrijwilligers",
        "mantelzorgers",
        "ernstig_eenzaam",
        "voldoende_bewegen",
        "laagste_inkomens",
        "bijstand",
        "geweldsmisdrijven_per_1000",
        "inwoners",
    ):
        assert (obs["variable"] == variable).sum() >= 29, variable
    assert _value(obs, "Akkrum", "inwoners") == 3365.0
    assert _value(obs, "Akkrum", "jonger_dan_15") == 16.0
    assert obs.loc[obs["variable"] == "vrijwilligers|gemiddelde_30", "value"].dropna().eq(37).all()
