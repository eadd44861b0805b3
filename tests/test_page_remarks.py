"""The remarks form on the profile: visitors read, facilitators write after the passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sq.build.pipeline import build
from sq.config import raw_dirs, store_dir
from sq.remarks.db import RemarksStore

pytestmark = pytest.mark.realdata
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module", autouse=True)
def built_store() -> None:
    build(raw_dirs(), store_dir(), progress=lambda _m: None)


def profile(monkeypatch, tmp_path: Path, **env: str) -> AppTest:
    monkeypatch.setenv("SQ_REMARKS_URL", f"sqlite:///{tmp_path / 'remarks.sqlite'}")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["gebied"] = "GM0080"
    at.switch_page("views/profiel.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


PASSWORD = "Wachtwoord voor begeleiders"


def by_label(elements, label: str):
    return next(e for e in elements if e.label == label)


def test_visitors_see_remarks_but_no_form(monkeypatch, tmp_path: Path) -> None:
    RemarksStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").add(
        "GM0080", "sociale_cohesie", "<b>Veel verenigingen</b>", "Dorpsavond"
    )
    at = profile(monkeypatch, tmp_path)
    assert any("<b>Veel verenigingen</b>" in t.value for t in at.text)
    assert not at.text_area
    assert all(i.label != PASSWORD for i in at.text_input)


def test_facilitator_unlocks_and_saves_a_remark(monkeypatch, tmp_path: Path) -> None:
    at = profile(monkeypatch, tmp_path, SQ_FACILITATOR_PASSPHRASE="zeer-geheim")
    assert not at.text_area  # locked
    by_label(at.text_input, PASSWORD).input("fout")
    by_label(at.button, "Ontgrendelen").click().run()
    assert any("klopt niet" in e.value for e in at.error)
    assert not at.text_area
    by_label(at.text_input, PASSWORD).input("zeer-geheim")
    by_label(at.button, "Ontgrendelen").click().run()
    assert at.text_area, "the remark form appears after the right passphrase"
    at.text_area[0].input("Het dorpshuis is te vaak dicht.")
    by_label(at.text_input, "Bijeenkomst").input("Dorpsavond")
    by_label(at.button, "Opslaan").click().run()
    assert not at.exception
    saved = RemarksStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").for_region("GM0080")
    assert [(r.text, r.meeting) for r in saved] == [
        ("Het dorpshuis is te vaak dicht.", "Dorpsavond")
    ]


def test_empty_remark_is_refused_in_dutch(monkeypatch, tmp_path: Path) -> None:
    at = profile(monkeypatch, tmp_path, SQ_FACILITATOR_PASSPHRASE="zeer-geheim")
    by_label(at.text_input, PASSWORD).input("zeer-geheim")
    by_label(at.button, "Ontgrendelen").click().run()
    at.text_area[0].input("   ")
    by_label(at.button, "Opslaan").click().run()
    assert at.error and not RemarksStore(f"sqlite:///{tmp_path / 'remarks.sqlite'}").for_region(
        "GM0080"
    )
