"""The hosted topology, short (issue 7; bench/load_test.py is the long version).

The real ``scripts/serve.sh --replicas 2`` (its nginx, two Streamlit replicas) on a real
PostgreSQL in a temporary folder (tests/pg.py). Two facilitator sessions, one on each replica
(each gets an nginx route cookie that the access log shows on that replica), save a remark on the
same profile: each remark must be in PostgreSQL and on the other replica's page. Every request of
a session goes to one replica; both replicas answer their health check. Then replica 1 is
SIGKILLed: its session's browser reconnects through nginx to replica 2 and shows both remarks,
and so does a fresh visitor. No page shows an error, nginx answers no 5xx. serve.sh, nginx and
the replicas are stopped and the folder removed also when the test fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from bench.load_test import (
    FACILITATOR,
    PROBLEMS,
    SETTLED,
    SHOWN_REMARK,
    free_port,
    read_replicas,
    upstreams_by_route,
)
from sq.remarks.db import remarks_table
from sq.text.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.realdata]

REPO = Path(__file__).resolve().parents[2]
AREA = "GM0074"
TIMEOUT_MS = 120_000
TEXT_LABEL = "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)"


@dataclass
class Hosted:
    """serve.sh running on loopback: its address, runtime folder and replicas."""

    base: str
    runtime: Path
    replicas: dict[int, tuple[int, int]]  # number -> (port, pid)
    passphrase: str

    def access_log(self) -> str:
        """Return nginx's access log (serve.sh's format names upstream and route)."""
        return (self.runtime / "nginx" / "access.log").read_text(errors="replace")

    def upstream(self, number: int) -> str:
        """Return how the access log names a replica."""
        return f"127.0.0.1:{self.replicas[number][0]}"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop serve.sh's process group (it stops nginx and the replicas), forcibly if it hangs."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # anything of the group still left
    process.wait(timeout=10)


def _logs(work: Path) -> str:
    """Return serve.sh's output and the ends of nginx's error log and the replica logs."""
    parts = []
    for path in [work / "serve.log", *sorted((work / "run").glob("**/*.log"))]:
        if path.name != "access.log" and path.is_file():
            parts.append(f"--- {path.name}\n" + path.read_text(errors="replace")[-3000:])
    return "\n".join(parts)


@pytest.fixture
def hosted(pg_url: str) -> Iterator[Hosted]:
    """serve.sh --replicas 2 on loopback with a facilitator account, remarks in pg_url."""
    work = Path(tempfile.mkdtemp(prefix="sq-test-hosting-"))
    passphrase = secrets.token_urlsafe(12)
    secret = work / "facilitator.secret"
    secret.write_text(passphrase + "\n", encoding="utf-8")
    secret.chmod(0o600)
    env = {
        **os.environ,
        "SQ_REMARKS_URL": pg_url,
        "SQ_REMARKS_MODE": "write",
        "SQ_FACILITATOR_NAME": FACILITATOR,
        "SQ_FACILITATOR_PASSPHRASE_FILE": str(secret),
        "SQ_PYTHON": sys.executable,
    }
    for name in ("SQ_PUBLIC_URL", "SQ_ALLOWED_HOSTS", "SQ_FACILITATOR_PASSPHRASE"):
        env.pop(name, None)
    port, runtime = free_port(), work / "run"
    command = ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", "2", "--port", str(port)]
    command += ["--listen", "127.0.0.1", "--runtime", str(runtime), "--pgdata", str(work / "pg")]
    process = None
    try:
        with (work / "serve.log").open("wb") as log:
            process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 180
        while not (runtime / "ready").exists():
            assert process.poll() is None, "serve.sh stopped:\n" + _logs(work)
            assert time.monotonic() < deadline, "serve.sh not ready in 180 s:\n" + _logs(work)
            time.sleep(0.5)
        yield Hosted(f"http://127.0.0.1:{port}", runtime, read_replicas(runtime), passphrase)
    finally:
        if process is not None:
            _stop(process)
            print(_logs(work))  # shown by pytest when the test failed
        shutil.rmtree(work, ignore_errors=True)


def route_for_each_replica(hosted: Hosted) -> dict[int, str]:
    """Ask nginx for fresh route cookies until the access log shows one on each replica."""
    routes: dict[int, str] = {}
    number = {hosted.upstream(i): i for i in hosted.replicas}
    for _ in range(60):
        with urllib.request.urlopen(hosted.base + "/_stcore/health", timeout=10) as response:
            cookie = " ".join(response.headers.get_all("Set-Cookie") or [])
        route = re.search(r"sq_route=([0-9a-f]+)", cookie)
        assert route, f"nginx set no route cookie: {cookie!r}"
        for _ in range(20):  # nginx writes the line as it finishes the request
            served = upstreams_by_route(hosted.access_log()).get(route.group(1))
            if served:
                break
            time.sleep(0.05)
        assert served and len(served) == 1, served
        routes.setdefault(number[next(iter(served))], route.group(1))
        if len(routes) == len(hosted.replicas):
            return routes
    raise AssertionError(f"60 fresh cookies did not reach every replica: {routes}")


def new_page(browser, hosted: Hosted, route: str | None = None):
    """Open a Dutch browser page; with a route, as a visitor nginx has seen before."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    if route:
        context.add_cookies([{"name": "sq_route", "value": route, "url": hosted.base}])
    return context.new_page()


def settled(page) -> None:
    """Wait until Streamlit has finished the page; it must show no error."""
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED, timeout=TIMEOUT_MS, polling=250)
    page.get_by_role("heading", name="Wat zeggen bewoners?").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator(PROBLEMS).count() == 0, page.inner_text("body")[:2000]


def shown(page) -> str:
    """Return the remarks the profile shows as stored ones."""
    return "\n".join(page.locator(SHOWN_REMARK).all_inner_texts())


def save_remark(page, hosted: Hosted, text: str, condition: str | None = None) -> None:
    """Open the profile, log in and save a remark; return once the page shows it as stored."""
    page.goto(f"{hosted.base}/profiel?gebied={AREA}", timeout=TIMEOUT_MS)
    settled(page)
    log_in_and_save(page, hosted, text, condition)


def log_in(page, hosted: Hosted) -> None:
    """Log in on the open profile; return once the remark form is there."""
    page.get_by_label("Accountnaam", exact=True).fill(FACILITATOR)
    page.get_by_label("Wachtwoord", exact=True).fill(hosted.passphrase)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_label(TEXT_LABEL).wait_for(timeout=TIMEOUT_MS)


def save(page, text: str | None, condition: str | None = None) -> None:
    """Fill the remark form (text None: keep the text it holds), save, wait until it shows."""
    area = page.get_by_label(TEXT_LABEL)
    form = page.get_by_test_id("stForm").filter(has=area)
    if condition:
        form.get_by_test_id("stSelectbox").filter(has_text="Voorwaarde").click()
        page.get_by_role("option", name=condition, exact=True).click()
    page.get_by_label("Bijeenkomst").fill("Hostingtest")
    if text is not None:
        area.fill(text)
    shown_text = area.input_value()
    form.get_by_role("button", name="Opslaan", exact=True).click()
    page.locator(SHOWN_REMARK).filter(has_text=shown_text).first.wait_for(timeout=TIMEOUT_MS)
    settled(page)


def log_in_and_save(page, hosted: Hosted, text: str, condition: str | None = None) -> None:
    """Log in on the open profile and save a remark, as a facilitator would."""
    log_in(page, hosted)
    save(page, text, condition)


def continue_after_failover(page, hosted: Hosted, earlier: str, screenshot) -> tuple[str, str]:
    """Go on as the facilitator whose replica was killed; return the two remarks saved.

    The page still shows the dead replica's form, as if logged in. A remark typed there goes,
    with the click on 'Opslaan', to a new session on replica 2 that has no login: it asks for
    one and keeps the text, which is back in the form after the login. Then the navigation:
    its clicks send no URL parameters, yet the area is kept (not the default area's profile,
    where the facilitator's next remark would land)."""
    kept = f"Hosting {secrets.token_hex(4)} getypt toen de server wegviel"
    area = page.get_by_label(TEXT_LABEL)
    area.fill(kept)
    page.get_by_test_id("stForm").filter(has=area).get_by_role("button", name="Opslaan").click()
    note = page.get_by_text(t("remarks.kept_text", "nl"))
    note.wait_for(timeout=TIMEOUT_MS)
    note.scroll_into_view_if_needed()
    screenshot(page, "failover-kept-text")
    log_in(page, hosted)
    assert area.input_value() == kept
    save(page, None)

    page.get_by_role("link", name="Trends", exact=True).first.click()
    page.wait_for_function(
        f"() => location.pathname === '/trends' && location.search.includes('gebied={AREA}')",
        timeout=TIMEOUT_MS,
    )
    page.get_by_role("link", name="Gebiedsprofiel", exact=True).first.click()
    settled(page)
    assert page.get_by_role("heading", level=1).first.inner_text() == "Heerenveen"
    assert f"gebied={AREA}" in page.url and earlier in shown(page), (page.url, shown(page))
    after = f"Hosting {secrets.token_hex(4)} na de overstap"
    save(page, after)  # still logged in: the login above was on this replica
    return kept, after


def stored_remarks(pg_url: str) -> list:
    """Return every row of the remarks table, read straight from PostgreSQL."""
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(remarks_table)).all())
    finally:
        engine.dispose()


def test_two_replicas_share_remarks_stay_sticky_and_survive_a_kill(
    hosted, browser, pg_url, save_screenshot
):
    routes = route_for_each_replica(hosted)
    for port, _pid in hosted.replicas.values():  # the second replica answers too
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as r:
            assert (r.status, r.read()) == (200, b"ok")

    one, two = new_page(browser, hosted, routes[1]), new_page(browser, hosted, routes[2])
    text_one = f"Hosting {secrets.token_hex(4)} op replica 1"
    text_two = f"Hosting {secrets.token_hex(4)} op replica 2, algemeen"
    save_remark(one, hosted, text_one)
    save_remark(two, hosted, text_two, condition="Algemeen")

    rows = stored_remarks(pg_url)
    assert sorted((r.region_code, r.condition, r.text, r.author, r.status) for r in rows) == [
        (AREA, "algemeen", text_two, FACILITATOR, "active"),
        (AREA, "sociaaleconomische_zekerheid", text_one, FACILITATOR, "active"),
    ]

    for page in (one, two):  # each replica shows the remark saved on the other one
        page.reload(timeout=TIMEOUT_MS)
        settled(page)
        assert text_one in shown(page) and text_two in shown(page), shown(page)
    log_in(one, hosted)  # the reload began a new session: the facilitator is back at the form
    settled(one)  # a run cut short by the kill is run again on reconnect (a login form then)

    before_kill = upstreams_by_route(hosted.access_log())
    assert before_kill[routes[1]] == {hosted.upstream(1)}, before_kill
    assert before_kill[routes[2]] == {hosted.upstream(2)}, before_kill

    with one.expect_websocket(timeout=TIMEOUT_MS):  # Streamlit's client reconnects by itself
        os.kill(hosted.replicas[1][1], signal.SIGKILL)
    one.get_by_test_id("stConnectionStatus").wait_for(state="detached", timeout=TIMEOUT_MS)
    settled(one)
    assert text_one in shown(one) and text_two in shown(one), shown(one)
    text_three, text_four = continue_after_failover(one, hosted, text_one, save_screenshot)

    visitor = new_page(browser, hosted, routes[1])  # a visitor of the killed replica
    visitor.goto(f"{hosted.base}/profiel?gebied={AREA}", timeout=TIMEOUT_MS)
    settled(visitor)
    assert text_one in shown(visitor) and text_two in shown(visitor), shown(visitor)
    for page in (one, two, visitor):
        page.context.close()
    stored = {r.text: r.region_code for r in stored_remarks(pg_url)}
    # where the facilitator was, not the default area
    assert (stored.get(text_three), stored.get(text_four)) == (AREA, AREA), stored

    deadline = time.monotonic() + 15  # nginx logs a websocket when it closes
    while hosted.upstream(2) not in upstreams_by_route(hosted.access_log())[routes[1]]:
        assert time.monotonic() < deadline, "the killed replica's route never reached replica 2"
        time.sleep(0.2)
    log = hosted.access_log()
    assert upstreams_by_route(log)[routes[2]] == {hosted.upstream(2)}, "still sticky"
    statuses = re.findall(r'" (\d{3}) upstream=', log)
    assert statuses and not [s for s in statuses if s.startswith("5")], log[-3000:]
