"""AppTest of the meeting page on the tiny fictional store: steps, buttons, bad links."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sq.remarks.db import RemarksStore
from tests import apptest

PAGE = "views/gesprek.py"
NOTICE = "Die stap uit de link bestaat niet. U ziet stap 1."


@pytest.fixture(autouse=True)
def tiny_app(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    """Point the app at the tiny store and an empty remarks database; reset caches around."""
    remarks_url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    RemarksStore(remarks_url).add(
        "GM9901", "sociale_cohesie", "Iedereen kent hier <b>iedereen</b>.", "Dorpsavond"
    )
    monkeypatch.setenv("SQ_STORE_DIR", str(tiny_store.path))
    monkeypatch.setenv("SQ_REMARKS_URL", remarks_url)
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    monkeypatch.setenv("SQ_PUBLIC_URL", "https://sociale-basis.example")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def run(**params: str) -> AppTest:
    return apptest.run(PAGE, **params)


def heading(at: AppTest) -> str:
    return at.title[0].value


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def texts(at: AppTest) -> str:
    """Return the page's Markdown and captions as shown (the page escapes Markdown)."""
    raw = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    return re.sub(r"\\(.)", r"\1", raw)


def progress(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def test_buttons_move_through_the_conditions() -> None:
    at = run(gebied="GM9901")
    assert heading(at) == "Dorpum"
    assert progress(at) == "Stap 1 van 6"
    assert button(at, "Vorige").disabled
    seen = []
    for _ in range(5):
        button(at, "Volgende").click().run()
        seen.append(heading(at))
    assert seen == [
        "Sociaaleconomische zekerheid",
        "Sociale cohesie",
        "Sociale empowerment",
        "Sociale inclusie",
        "Wat zeggen bewoners?",
    ]
    assert at.query_params["stap"] == "6"
    assert button(at, "Volgende").disabled
    button(at, "Vorige").click().run()
    button(at, "Vorige").click().run()
    assert heading(at) == "Sociale empowerment"
    assert progress(at) == "Stap 4 van 6"
    assert at.query_params["stap"] == "4"


def test_a_step_from_the_link_opens_that_screen_with_words_and_chart() -> None:
    at = run(gebied="GM9901", stap="3")
    assert heading(at) == "Sociale cohesie"
    body = texts(at)
    assert (
        "In Dorpum doen 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25." in body
    )
    assert "Bron: RIVM/GGD'en, 2020 · schatting" in body
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.info


@pytest.mark.parametrize("raw", ["abc", "0", "99", "<b>2</b>", "2.5"])
def test_a_bad_step_shows_a_notice_and_step_one(raw: str) -> None:
    at = run(gebied="GM9901", stap=raw)
    assert [i.value for i in at.info] == [NOTICE]
    assert heading(at) == "Dorpum"
    assert at.query_params["stap"] == "1"
    # never echoed: the follow-along address carries the area code (GM9901), so look past it;
    # a bare 0 is in other text
    body = texts(at).replace("GM9901", "")
    assert f"stap={raw}" not in body
    assert raw not in body or raw == "0"


def test_closing_screen_shows_qr_link_and_escaped_remarks() -> None:
    at = run(gebied="GM9901", stap="6")
    assert heading(at) == "Wat zeggen bewoners?"
    body = texts(at)
    assert "&lt;b&gt;iedereen&lt;/b&gt;" in body and "<b>iedereen</b>" not in body
    assert "Dorpsavond" in body
    assert len(at.get("image")) == 2  # the big QR to the profile and the small follow-along QR
    codes = [c.value for c in at.code]
    assert codes == ["https://sociale-basis.example/gesprek?gebied=GM9901&stap=6"]


def test_area_without_figures_asks_questions_without_a_chart() -> None:
    at = run(gebied="BU99010101", stap="2")
    assert heading(at) == "Sociaaleconomische zekerheid"
    assert "(nog) geen cijfers" in texts(at)
    assert not at.get("vega_lite_chart")
    assert "Vraag aan de zaal" in [s.value for s in at.subheader]


def test_detail_screens_keep_the_condition() -> None:
    at = run(gebied="GM9901", stap="3")
    at.toggle(key="gesprek_detail").set_value(True).run()
    assert heading(at) == "Sociale cohesie"
    assert at.query_params["uitgebreid"] == "1"
    assert progress(at) == "Stap 4 van 11"  # opening, 1 condition, 1 indicator, cohesie
    button(at, "Volgende").click().run()
    assert heading(at) == "Vrijwilligerswerk"
    at.toggle(key="gesprek_detail").set_value(False).run()
    assert heading(at) == "Sociale cohesie"
    assert progress(at) == "Stap 3 van 6"


def test_unknown_area_asks_to_choose() -> None:
    at = run(gebied="GM0000")
    assert any("kennen we niet" in i.value for i in at.info)
    assert any("Kies eerst een gebied" in i.value for i in at.info)
    assert not at.title
