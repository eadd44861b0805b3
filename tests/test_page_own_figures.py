"""A facilitator uploads a village survey on the profile (tiny fictional store); visitors see it."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sq.remarks.own_figures import OwnFiguresStore
from tests.tiny_store import write_tiny_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SURVEY = (
    "gebied;gemeente;indicator;titel;voorwaarde;eenheid;richting;jaar;waarde;bron\r\n"
    "Súdhoek;Dorpum;tevreden_dorpshuis;Tevreden over het dorpshuis;sociale_cohesie;%;"
    "hoger is beter;2025;76,5;Dorpsenquête Súdhoek 2025, 212 respondenten\r\n"
).encode("cp1252")


@pytest.fixture(autouse=True)
def fresh_caches():
    """The page caches the store per process: clear it so later tests get the real store again."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def profile(monkeypatch, tmp_path: Path, code: str) -> AppTest:
    write_tiny_store(tmp_path / "store")
    monkeypatch.setenv("SQ_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("SQ_REMARKS_URL", f"sqlite:///{tmp_path / 'remarks.sqlite'}")
    monkeypatch.setenv("SQ_FACILITATOR_PASSPHRASE", "zeer-geheim")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["gebied"] = code
    at.switch_page("views/profiel.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unlock(at: AppTest) -> None:
    next(i for i in at.text_input if i.label == "Wachtwoord voor begeleiders").input("zeer-geheim")
    next(b for b in at.button if b.label == "Ontgrendelen").click().run()


def test_facilitator_uploads_survey_and_it_shows_marked(monkeypatch, tmp_path: Path) -> None:
    at = profile(monkeypatch, tmp_path, "WK990102")
    assert not at.file_uploader  # visitors cannot upload
    unlock(at)
    at.file_uploader[0].upload("enquete.csv", SURVEY, "text/csv")
    next(b for b in at.button if b.label == "Controleren en opslaan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 eigen cijfers opgeslagen" in s.value for s in at.success)
    stored = OwnFiguresStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").for_region("WK990102")
    assert [(f.indicator_id, f.value) for f in stored] == [("tevreden_dorpshuis", 76.5)]
    assert any(m.value == "**Eigen gegevens**" for m in at.markdown)
    shown = [df.value for df in at.dataframe if "Bron (eigen gegevens)" in df.value.columns]
    assert shown and shown[0].iloc[0].tolist() == [
        "Tevreden over het dorpshuis",
        "76,5%",
        "2025",
        "Dorpsenquête Súdhoek 2025, 212 respondenten",
    ]
    delete = next(b for b in at.button if b.label.startswith("Verwijder eigen gegevens"))
    delete.click().run()
    assert OwnFiguresStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").count() == 0


def test_hostile_upload_refused_cleanly_nothing_stored(monkeypatch, tmp_path: Path) -> None:
    at = profile(monkeypatch, tmp_path, "WK990102")
    unlock(at)
    bad = b"gebied;indicator;jaar;waarde;bron\n<script>x</script>;a;b;c;d\nWK990102;x;1;2;3\n"
    at.file_uploader[0].upload("enquete.csv", bad, "text/csv")
    next(b for b in at.button if b.label == "Controleren en opslaan").click().run()
    assert not at.exception
    assert any("Er is niets opgeslagen" in e.value for e in at.error)
    problems = next(df.value for df in at.dataframe if "Probleem" in df.value.columns)
    assert problems["Probleem"].str.startswith("Regel 2").any()
    assert OwnFiguresStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").count() == 0
