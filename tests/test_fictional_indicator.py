"""Adding an indicator is one catalogue block: a fictional one shows with its own words everywhere.

The block below goes into a temporary copy of data/indicators.toml ($SQ_CATALOGUE); the tiny
fictional store gets values for it. No code knows the indicator: pages, meeting mode and the PDF
must show it with its own title, sentence, questions and verdict in each language.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sq.catalogue import load_catalogue
from sq.config import CATALOGUE_PATH
from sq.render.pdf.profile import profile_pdf
from tests.apptest import run, shown, tiny_app
from tests.tiny_store import write_tiny_store

BLOCK = """
[[indicator]]
id = "buurthuis_bezoek"
condition = "sociale_cohesie"
title_nl = "Bezoek aan het buurthuis"
title_en = "Visits to the community centre"
title_fy = "Besite oan it buerthûs"
unit = "%"
direction = "higher_is_better"
definition_nl = "Van alle volwassenen: hoeveel procent kwam het afgelopen jaar in het buurthuis."
definition_en = "Share of adults who visited the community centre in the past year."
definition_fy = "Fan alle folwoeksenen: hoefolle persint kaam it ôfrûne jier yn it buerthûs."
derivation_nl = "Een verzonnen indicator voor de test."
publisher = "Fictief Bureau"
table_id = "FICT01"
url = "https://example.org/fictief"
aggregation = "none"
questions_nl = ["Wat trekt u naar het buurthuis?"]
questions_en = ["What draws you to the community centre?"]
questions_fy = ["Wat lûkt jo nei it buerthûs?"]
sentence_nl = "In {area} komen {value} van de 100 volwassenen in het buurthuis"
sentence_en = "In {area}, {value} out of 100 adults visit the community centre"
sentence_fy = "Yn {area} komme {value} fan de 100 folwoeksenen yn it buerthûs"
more_nl = "Meer buurthuisbezoekers"
less_nl = "Minder buurthuisbezoekers"
more_en = "More community centre visitors"
less_en = "Fewer community centre visitors"
more_fy = "Mear buerthûsbesikers"
less_fy = "Minder buerthûsbesikers"
[[indicator.sources]]
source = "fictief"
variable = "buurthuis"
"""
VALUES = [
    ("buurthuis_bezoek", "NL00", 2020, 21.0, False, False),
    ("buurthuis_bezoek", "GM9901", 2020, 47.0, False, False),
    ("buurthuis_bezoek", "GM9902", 2020, 30.0, False, False),
]
TITLES = {"nl": "Bezoek aan het buurthuis", "en": "Visits to the community centre"}
TITLES["fy"] = "Besite oan it buerthûs"
SENTENCES = {
    "nl": "In Dorpum komen 47 van de 100 volwassenen in het buurthuis; in heel Nederland 21.",
    "en": "In Dorpum, 47 out of 100 adults visit the community centre;",
    "fy": "Yn Dorpum komme 47 fan de 100 folwoeksenen yn it buerthûs;",
}
HIGHLIGHTS = {
    "nl": "Meer buurthuisbezoekers dan gemiddeld in Nederland (47% tegen 21%).",
    "en": "More community centre visitors than the Dutch average (47% against 21%).",
    "fy": "Mear buerthûsbesikers",
}
QUESTIONS = {
    "nl": "Wat trekt u naar het buurthuis?",
    "en": "What draws you to the community centre?",
    "fy": "Wat lûkt jo nei it buerthûs?",
}


@pytest.fixture
def fictional(tmp_path, monkeypatch) -> Iterator[Path]:
    """A catalogue with the fictional block and a tiny store with its values."""
    path = tmp_path / "indicators.toml"
    path.write_text(CATALOGUE_PATH.read_text(encoding="utf-8") + BLOCK, encoding="utf-8")
    store = write_tiny_store(tmp_path / "store", extra=VALUES)
    remarks = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    with tiny_app(monkeypatch, store.path, remarks, SQ_CATALOGUE=str(path)):
        yield tmp_path


@pytest.mark.parametrize("language", ["nl", "en", "fy"])
def test_the_profile_shows_its_title_value_question_and_highlight(fictional, language):
    text = shown(run("views/profiel.py", gebied="GM9901", taal=language))
    assert TITLES[language] in text
    assert "47,0%" in text if language != "en" else "47.0%" in text
    assert QUESTIONS[language] in text
    assert HIGHLIGHTS[language] in text


@pytest.mark.parametrize("language", ["nl", "en", "fy"])
def test_meeting_mode_says_it_in_its_own_sentence(fictional, language):
    at = run("views/gesprek.py", gebied="GM9901", stap="3", taal=language)
    text = shown(at)
    assert SENTENCES[language] in text
    assert QUESTIONS[language] in text


@pytest.mark.parametrize(
    "page", ["views/kaart.py", "views/trends.py", "views/over.py", "views/vergelijken.py"]
)
def test_the_other_pages_offer_it(fictional, page):
    text = shown(run(page, gebied="GM9901", vergelijk="GM9902", indicator="buurthuis_bezoek"))
    assert TITLES["nl"] in text


@pytest.mark.parametrize("language", ["nl", "en", "fy"])
def test_the_pdf_prints_it_with_its_verdict(fictional, language, tmp_path):
    from sq.store.loader import open_store

    store = open_store(fictional / "store")
    data = profile_pdf(
        store, load_catalogue(), "GM9901", [], None, language, today=date(2026, 12, 2)
    )
    path = tmp_path / "profile.pdf"
    path.write_bytes(data)
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is installed by scripts/setup.sh"
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(out.stdout.split())
    assert TITLES[language] in text
    assert QUESTIONS[language] in text
    assert ("47,0%" if language != "en" else "47.0%") in text


def test_the_language_switch_redraws_the_whole_page_at_once(fictional):
    at = run("views/profiel.py", gebied="GM9901")
    assert TITLES["nl"] in shown(at)
    at.radio(key="sq-language-choice").set_value("fy").run()
    assert not at.exception
    assert TITLES["fy"] in shown(at) and TITLES["nl"] not in shown(at)
    assert at.query_params["taal"] == "fy"
    at.radio(key="sq-language-choice").set_value("nl").run()
    assert TITLES["nl"] in shown(at) and "taal" not in at.query_params
