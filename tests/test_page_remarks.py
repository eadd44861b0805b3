"""The remarks section on the profile: visitors read, named facilitators log in, write, correct.

Every test runs on SQLite and on a real PostgreSQL (tests/pg.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from sq.build.pipeline import build
from sq.config import raw_dirs, store_dir
from sq.remarks.accounts import add_account, disable_account
from sq.remarks.db import RemarksStore, attempts_table

pytestmark = pytest.mark.realdata
APP = str(Path(__file__).resolve().parent.parent / "app.py")
DOWN_URL = "postgresql+psycopg://sq@127.0.0.1:9/weg"  # nothing listens on port 9
ACCOUNT, PASS = "anna.dijkstra", "lange-zin-voor-de-avond"


@pytest.fixture(scope="module", autouse=True)
def built_store() -> None:
    build(raw_dirs(), store_dir(), progress=lambda _m: None)


@pytest.fixture
def db(remarks_url: str):
    store = RemarksStore(remarks_url)
    add_account(store.engine, ACCOUNT, PASS)
    yield store
    store.close()


def profile(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("SQ_REMARKS_URL", url)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["gebied"] = "GM0080"
    at.switch_page("views/profiel.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def by_label(elements, label: str):
    return next(e for e in elements if e.label == label)


def log_in(at: AppTest, name: str, passphrase: str) -> AppTest:
    by_label(at.text_input, "Accountnaam").input(name)
    by_label(at.text_input, "Wachtwoord").input(passphrase)
    by_label(at.button, "Inloggen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


REMARK_LABEL = "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)"


def remark_form_shown(at: AppTest) -> bool:
    """Whether the facilitator's remark form is on the page (the hidden kept-text box is not it)."""
    return any(a.label == REMARK_LABEL for a in at.text_area)


def all_text(at: AppTest) -> str:
    parts = [e.value for kind in (at.text, at.markdown, at.caption, at.header) for e in kind]
    return "\n".join(str(p) for p in parts)


def test_visitors_see_remarks_as_text_but_never_the_author(monkeypatch, db) -> None:
    db.add("GM0080", "sociale_cohesie", "<b>Veel verenigingen</b>", "Dorpsavond", author=ACCOUNT)
    at = profile(monkeypatch, db.url)
    assert any("<b>Veel verenigingen</b>" in t.value for t in at.text)
    assert ACCOUNT not in all_text(at)
    assert not remark_form_shown(at)  # no remark form before login
    assert by_label(at.text_input, "Wachtwoord").proto.type == 1  # a password field


def test_facilitator_logs_in_and_saves_a_remark_with_their_name(monkeypatch, db) -> None:
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, "fout")
    assert any("klopt niet" in e.value for e in at.error) and not remark_form_shown(at)
    at = log_in(at, ACCOUNT, PASS)
    assert any(ACCOUNT in c.value for c in at.caption), "shows who is logged in"
    by_label(at.text_area, "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)").input(
        "Het dorpshuis is te vaak dicht."
    )
    by_label(at.text_input, "Bijeenkomst").input("Dorpsavond")
    by_label(at.button, "Opslaan").click().run()
    assert not at.exception and any(s.value == "Opgeslagen." for s in at.success)
    (saved,) = db.for_region("GM0080")
    assert (saved.text, saved.meeting, saved.author) == (
        "Het dorpshuis is te vaak dicht.",
        "Dorpsavond",
        ACCOUNT,
    )
    assert (
        by_label(at.text_area, "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)").value
        == ""
    )


@pytest.mark.parametrize(
    ("name", "passphrase", "message"),
    [
        ("niemand", PASS, "Accountnaam of wachtwoord klopt niet."),
        (ACCOUNT, "", "Vul uw wachtwoord in."),
        (ACCOUNT, "x" * 10_000, "Dit wachtwoord is te lang"),
    ],
)
def test_bad_logins_get_dutch_messages_and_count(monkeypatch, db, name, passphrase, message):
    at = log_in(profile(monkeypatch, db.url), name, passphrase)
    assert [e.value for e in at.error if message in e.value], [e.value for e in at.error]
    assert not remark_form_shown(at)
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(attempts_table)).scalar_one() == 1


def test_a_new_session_does_not_reset_the_throttle(monkeypatch, db) -> None:
    at = profile(monkeypatch, db.url)
    for i in range(5):
        at = log_in(at, ACCOUNT, f"fout-{i}")
    fresh = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)  # a new browser session
    assert any("Te vaak" in e.value for e in fresh.error), [e.value for e in fresh.error]
    assert not remark_form_shown(fresh)


def test_facilitator_corrects_and_withdraws(monkeypatch, db) -> None:
    first = db.add("GM0080", "algemeen", "Jan Jansen wil een bankje", author="bert")
    second = db.add("GM0080", "algemeen", "Meer groen", author="bert")
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)
    by_label(at.selectbox, "Kies een opmerking").set_value(first.id)
    by_label(at.text_area, "Verbeterde tekst").input("Een bewoner wil een bankje")
    by_label(at.button, "Corrigeren").click().run()
    assert any("Gecorrigeerd" in s.value for s in at.success)
    by_label(at.selectbox, "Kies een opmerking").set_value(second.id)
    by_label(at.button, "Intrekken").click().run()
    assert any("Ingetrokken" in s.value for s in at.success)
    assert [(r.text, r.author) for r in db.for_region("GM0080")] == [
        ("Een bewoner wil een bankje", ACCOUNT)
    ]
    hidden = [r for r in db.list_all(include_hidden=True) if r.status != "active"]
    assert [(r.id, r.status, r.changed_by) for r in hidden] == [
        (first.id, "corrected", ACCOUNT),
        (second.id, "withdrawn", ACCOUNT),
    ]
    visitor = profile(monkeypatch, db.url)
    assert "Jan Jansen" not in all_text(visitor) and "Meer groen" not in all_text(visitor)


def test_database_down_keeps_the_figures_with_a_notice(monkeypatch, db) -> None:
    at = profile(monkeypatch, DOWN_URL)
    headers = {h.value for h in at.header}
    assert {"Sociale cohesie", "Sociale inclusie"} <= headers, "the conditions are still shown"
    assert sum("<table" in m.value for m in at.markdown) >= 4, "with their tables of figures"
    assert [w.value for w in at.warning if "niet beschikbaar" in w.value]


def test_unsaved_text_stays_when_the_database_goes_down(monkeypatch, db) -> None:
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)
    label = "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)"
    by_label(at.text_area, label).input("Tekst die niet verloren mag gaan")
    monkeypatch.setenv("SQ_REMARKS_URL", DOWN_URL)  # the database server goes away
    by_label(at.button, "Opslaan").click().run()
    assert not at.exception
    assert any("Uw tekst staat nog in het formulier" in e.value for e in at.error)
    assert by_label(at.text_area, label).value == "Tekst die niet verloren mag gaan"
    monkeypatch.setenv("SQ_REMARKS_URL", db.url)  # back: the same text can now be saved
    by_label(at.button, "Opslaan").click().run()
    assert [r.text for r in db.for_region("GM0080")] == ["Tekst die niet verloren mag gaan"]


def test_logout_comes_after_the_save_button(monkeypatch, db) -> None:
    # A tap while the page still moves must land on the form, not log the facilitator out
    # (the load test saw a logged-out page and no stored remark after a click on "Opslaan").
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)
    labels = [b.label for b in at.button]
    assert labels.index("Opslaan") < labels.index("Uitloggen")
    by_label(at.button, "Uitloggen").click().run()
    assert by_label(at.button, "Inloggen") and not remark_form_shown(at)


def test_a_disabled_account_is_logged_out_at_the_next_click(monkeypatch, db) -> None:
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)
    assert remark_form_shown(at)
    disable_account(db.engine, ACCOUNT)
    by_label(at.button, "Opslaan").click().run()
    assert not remark_form_shown(at) and by_label(at.button, "Inloggen")
    assert db.for_region("GM0080") == []


def test_text_typed_as_the_server_went_away_waits_for_the_login(monkeypatch, db) -> None:
    # A replica died; its page still showed the form and sent the text to a new session on
    # another replica, which has no login (here: the text arrives in a session not logged in).
    at = profile(monkeypatch, db.url)
    at.text_area(key="remark_text").input("Woorden van de dorpsavond").run()
    assert any("Uw tekst is bewaard" in i.value for i in at.info)
    assert db.for_region("GM0080") == []  # nothing stored without a login
    at = log_in(at, ACCOUNT, PASS)
    assert by_label(at.text_area, REMARK_LABEL).value == "Woorden van de dorpsavond"
    by_label(at.button, "Opslaan").click().run()
    assert [r.text for r in db.for_region("GM0080")] == ["Woorden van de dorpsavond"]


def test_after_logout_the_next_facilitator_gets_an_empty_form(monkeypatch, db) -> None:
    at = log_in(profile(monkeypatch, db.url), ACCOUNT, PASS)
    by_label(at.text_area, REMARK_LABEL).input("Nog niet klaar")
    by_label(at.button, "Opslaan").click().run()  # saved, then a new one begun and left
    by_label(at.text_area, REMARK_LABEL).input("Half getypt")
    by_label(at.button, "Uitloggen").click().run()
    assert not at.info and not remark_form_shown(at)
    at = log_in(at, ACCOUNT, PASS)
    assert by_label(at.text_area, REMARK_LABEL).value == ""
