"""A facilitator's 1280×720 projector and a resident's 390 px phone: nothing is cut off.

Meeting mode is paged through for a gemeente, a Frisian village (wijk) and a buurt; every step
must fit the screen: no text or chart mark outside its container or the viewport, the screen's
content above the fold, the QR code readable from an unscrolled screenshot. The profile shows
every indicator of a condition without scrolling inside a table; on a phone the values are text
inside the screen. A screenshot of every step lands in screenshots/ (git-ignored) for a look.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sq.analysis.profile import area_profile
from sq.build.pipeline import build
from sq.catalogue import CONDITIONS, load_catalogue
from sq.config import raw_dirs, store_dir
from sq.store.loader import open_store
from sq.text.formatting import format_value

pytestmark = [pytest.mark.browser, pytest.mark.realdata]

APP = Path(__file__).resolve().parents[2] / "app.py"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
MEETINGS = [
    ("GM0080", "nl"),  # gemeente Leeuwarden
    ("WK008082", "nl"),  # Grou e.o., a Frisian village (wijk of Leeuwarden)
    ("BU00740901", "nl"),  # Akkrum, a buurt of Heerenveen
    ("WK008072", "en"),  # Hempens/Teerns & Zuiderburen: a long name, in English
    ("GM0080", "fy"),  # Leeuwarden / Ljouwert in Frysk: both names, longer words
]

# Every text element and every chart text mark must lie inside its container and the viewport;
# no element may be wider inside than its box (scrollWidth > clientWidth: clipped or scrolling).
OVERFLOW_JS = """
([selector, bottomLimit]) => {
  const root = document.querySelector(selector);
  if (!root) return ['no ' + selector];
  const problems = [];
  const view = {left: 0, right: window.innerWidth, bottom: bottomLimit ?? Infinity};
  const box = root.getBoundingClientRect();
  const name = (el) => el.tagName + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const outside = (r, c) => r.width > 0 && (r.left < c.left - 1 || r.right > c.right + 1);
  const clipped = (el) => {  // inside a visually hidden block (e.g. a table header on phones)
    for (let e = el; e && e !== root; e = e.parentElement)
      if (getComputedStyle(e).clip.startsWith('rect')) return true;
    return false;
  };
  for (const el of root.querySelectorAll('h1, h2, h3, p, li, td, th, button, label, img')) {
    if (clipped(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (outside(r, box) || outside(r, view)) problems.push('outside: ' + name(el));
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'IMG')
      problems.push('clipped: ' + name(el) + ` ${el.scrollWidth}>${el.clientWidth}`);
    if (r.bottom > view.bottom + 1) problems.push('below the fold: ' + name(el));
  }
  for (const svg of root.querySelectorAll('[data-testid=stVegaLiteChart] svg')) {
    const frame = svg.getBoundingClientRect();
    const holder = svg.closest('[data-testid=stElementContainer]') || svg.parentElement;
    const limit = holder.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (r.width === 0) continue;
      const label = 'chart text "' + text.textContent.slice(0, 40) + '"';
      if (outside(r, frame) || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        problems.push(label + ' outside its chart');
      if (outside(r, limit)) problems.push(label + ' outside the container');
    }
    if (frame.right > limit.right + 1) problems.push('chart wider than its container');
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
  return problems;
}
"""
SETTLED_JS = """
() => !document.querySelector('[data-stale="true"], [data-testid=stSkeleton]')
  && [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0)
  && [...document.querySelectorAll('.st-key-sq-meet-chart')].every(
       (c) => c.offsetParent === null || c.querySelector('svg text'))
"""


@pytest.fixture(scope="module")
def app(run_app):
    build(raw_dirs(), store_dir(), progress=lambda _m: None)
    return run_app(APP, {"SQ_TILES": ""})


@pytest.fixture(scope="module")
def store():
    return open_store()


def new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL", service_workers="block")
    return context, context.new_page()


def settle(page) -> None:
    page.get_by_role("heading", level=1).first.wait_for(timeout=180_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED_JS, timeout=180_000)
    page.wait_for_timeout(400)  # vega's last layout pass


def shot(page, name: str) -> Path:
    """Save what the screen shows now (unscrolled viewport) as screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target))
    return target


def progress(page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"^(Stap|Step) \d+ (van|of|fan) \d+$")).first.inner_text()
    number, total = (int(n) for n in re.findall(r"\d+", text))
    return number, total


def decode_qr(png: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(png))]


@pytest.mark.parametrize(("code", "lang"), MEETINGS)
def test_meeting_fits_a_projector_at_every_step(app, browser, code, lang):
    context, page = new_page(browser, PROJECTOR)
    try:
        page.goto(f"{app.url}/gesprek?gebied={code}&stap=1&taal={lang}")
        settle(page)
        number, total = progress(page)
        assert number == 1
        assert total >= 6
        failures = {}
        for step in range(1, total + 1):
            if step > 1:
                page.get_by_role("button", name=re.compile("^(Volgende|Next|Folgjende)")).click()
                page.wait_for_function(
                    f"() => /(Stap|Step) {step} /.test(document.body.innerText)", timeout=90_000
                )
                settle(page)
            assert progress(page) == (step, total)
            page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
            problems = page.evaluate(OVERFLOW_JS, [".st-key-sq-meet-screen", PROJECTOR["height"]])
            png = shot(page, f"gesprek-{code}-{lang}-stap-{step}")
            if problems:
                failures[step] = problems
            if step in (1, total):
                texts = decode_qr(png)
                assert any(f"gebied={code}" in text for text in texts), (step, texts)
        assert failures == {}
    finally:
        context.close()


def test_opening_qr_code_opens_this_meeting(app, browser):
    context, page = new_page(browser, PROJECTOR)
    try:
        page.goto(f"{app.url}/gesprek?gebied=GM0080")
        settle(page)
        texts = decode_qr(shot(page, "gesprek-qr-opening"))
        assert any(re.search(r"/gesprek\?gebied=GM0080&stap=1$", text) for text in texts), texts
        qr = page.locator(".st-key-sq-meet-qr img").first.bounding_box()
        assert qr["width"] >= 250 and qr["y"] + qr["height"] <= PROJECTOR["height"]
    finally:
        context.close()


def test_profile_shows_every_indicator_without_inner_scroll(app, browser, store):
    context, page = new_page(browser, {"width": 1280, "height": 900})
    try:
        page.goto(f"{app.url}/profiel?gebied=GM0080")
        settle(page)
        catalogue = load_catalogue()
        expected = [len(catalogue.for_condition(c.id)) for c in CONDITIONS]
        tables = page.locator("table.sq-table")
        assert tables.count() == len(CONDITIONS)
        rows = [tables.nth(i).locator("tbody tr").count() for i in range(tables.count())]
        assert rows == expected
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('table.sq-table')].flatMap((table) => {
                 const out = [];
                 for (let el = table; el && el !== document.body; el = el.parentElement) {
                   const style = getComputedStyle(el);
                   if (/(auto|scroll|hidden)/.test(style.overflowY)
                       && el.scrollHeight > el.clientHeight + 1
                       && el.getAttribute('data-testid') !== 'stMain'
                       && !el.matches('[data-testid=stAppScrollToBottomContainer]'))
                     out.push(el.className || el.tagName);
                 }
                 return out; })"""
        )
        assert hidden == []
        assert page.evaluate(OVERFLOW_JS, ["[data-testid=stMainBlockContainer]", None]) == []
        page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 1400)")
        page.wait_for_timeout(300)
        shot(page, "profiel-GM0080-1280x900")
    finally:
        context.close()


def _value_texts(store, code: str, indicator_id: str) -> tuple[str, str]:
    profile = area_profile(store, load_catalogue(), code)
    row = next(r for r in profile.rows() if r.indicator.id == indicator_id)
    unit = row.indicator.unit
    return format_value(row.value, unit), format_value(row.nl_value, unit)


def _text_inside_viewport(page, text: str) -> bool:
    cell = page.locator("table.sq-table td", has_text=text).first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_phone_profile_shows_values_as_text(app, browser, store):
    value, nl_value = _value_texts(store, "GM0080", "vrijwilligerswerk")
    assert value == "24,4%"
    context, page = new_page(browser, PHONE)
    try:
        page.goto(f"{app.url}/profiel?gebied=GM0080")
        settle(page)
        card = page.locator("table.sq-table tr", has_text="Vrijwilligerswerk").first
        card.scroll_into_view_if_needed()
        cells = [c.strip() for c in card.locator("td").all_inner_texts()]
        assert any(value in c for c in cells) and any(nl_value in c for c in cells), cells
        for text in (value, nl_value):
            box = card.locator("td", has_text=text).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (text, box)
        assert page.evaluate(OVERFLOW_JS, ["[data-testid=stMainBlockContainer]", None]) == []
        shot(page, "profiel-GM0080-telefoon")
    finally:
        context.close()


def test_phone_compare_shows_values_as_text(app, browser, store):
    value, _nl = _value_texts(store, "GM0080", "vrijwilligerswerk")
    context, page = new_page(browser, PHONE)
    try:
        page.goto(f"{app.url}/vergelijken?gebied=GM0080&vergelijk=GM0074,GM1900")
        settle(page)
        page.locator("table.sq-table").nth(1).wait_for(timeout=90_000)
        assert _text_inside_viewport(page, value)
        assert page.evaluate(OVERFLOW_JS, ["[data-testid=stMainBlockContainer]", None]) == []
        shot(page, "vergelijken-telefoon")
    finally:
        context.close()


def test_phone_meeting_shows_values_as_text(app, browser, store):
    context, page = new_page(browser, PHONE)
    try:
        page.goto(f"{app.url}/gesprek?gebied=GM0080&stap=3")
        settle(page)
        numbers = page.locator(".st-key-sq-meet-numbers p").first
        text = numbers.inner_text()
        assert re.search(r"Leeuwarden: \d+,\d%", text) and "Nederland: " in text, text
        box = numbers.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate(OVERFLOW_JS, [".st-key-sq-meet-screen", None]) == []
        shot(page, "gesprek-GM0080-telefoon")
    finally:
        context.close()
