"""Load and fault test of the hosted topology: N browser sessions through nginx, one replica killed.

Usage: python bench/load_test.py --replicas 2 --sessions 20 [--facilitators 4] [--max-seconds 900]

Starts ``scripts/serve.sh`` on loopback (own runtime and PostgreSQL folders in a temporary
directory), opens one warm-up profile on each replica directly, then drives headless Debian
Chromium sessions through nginx: the map, a profile, trends and meeting mode; a few sessions act
as facilitators and save a remark on the profile (saved = the page shows it as a stored remark,
read back from the database). Halfway, after every session has done the map and the profile, one
replica is killed (SIGKILL); each session then moves on by clicking the navigation (no reload),
so a visitor of the killed replica must be reconnected by Streamlit's own client and served by
another replica. Facilitators save a second remark after the kill. At the end a fresh browser
looks up every saved remark on its area's profile. A session that nginx's access log shows on two
replicas before the kill counts as an error. Prints medians of page time, RSS per replica (from
/proc: without visitors, after the warm-up, halfway with its sessions, peak) and, as its last line:

    sessions=N errors=E remarks_saved=S remarks_found=F replica_killed=yes|no
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sq.analysis.selection import DEFAULT_SELECTION  # noqa: E402

CHROMIUM = os.environ.get("SQ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Real areas of different sizes (gemeente, wijk/dorp, buurt); sessions take them in turn.
AREAS = ("GM0080", "GM0074", "WK008010", "GM1900", "GM0363", "WK007401")
STEP_TIMEOUT_MS = 240_000
SETTLED = (
    "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
    # connected: a page whose websocket is down still shows its last run, and a click on it
    # (say, on the navigation) is dropped by the client without a word
    " && document.querySelector('[data-testid=\"stApp\"][data-test-connection-state=CONNECTED]')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)
PROBLEMS = '[data-testid="stException"], [data-testid="stConnectionStatus"]'
SHOWN_REMARK = '[data-testid="stText"]'
"""Where the profile shows a stored remark to everyone (read back from the database).

Not `get_by_text`: that also matches the form's own text area, which holds the typed text
before anything is sent, so a remark would count as saved while its submit was still on its way
(and lost when the browser closed or its replica was killed a moment later)."""
DEFAULT_AREA = DEFAULT_SELECTION.region_code
"""The app's default area: the URL leaves it out, so a reconnected session shows no ?gebied."""


@dataclass
class Result:
    """What one run measured."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    saved: list[tuple[str, str]] = field(default_factory=list)  # (area, text)
    unconfirmed: list[tuple[str, str]] = field(default_factory=list)  # submitted, not shown
    reconnected: int = 0
    restored: int = 0  # reconnected sessions whose URL still held their area
    routes: dict[str, str] = field(default_factory=dict)  # who -> sq_route cookie (nginx)
    log_at_kill: int = 0  # bytes of nginx's access log written before the kill
    in_database: int = -1  # confirmed remarks found in PostgreSQL (-1: not read)
    unconfirmed_stored: int = -1  # remarks whose save was not confirmed in time, yet stored
    keep: Path | None = None  # where failed steps leave a screenshot and the page's text

    def time(self, kind: str, seconds: float) -> None:
        """Record one page time."""
        self.times.setdefault(kind, []).append(seconds)


class RssSampler(threading.Thread):
    """Sample the resident memory of each replica from /proc: start, warm, halfway and peak."""

    def __init__(self, pids: dict[int, int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.peak = dict.fromkeys(pids, 0.0)
        self.baseline = {i: rss_mb(pid) for i, pid in pids.items()}  # no visitor yet
        self.warm = dict(self.baseline)  # after one warm-up visitor (imports, store, caches)
        self.halfway = dict(self.baseline)  # every session on the map and a profile, no kill yet
        self.stop = threading.Event()

    def snapshot(self) -> dict[int, float]:
        """Return the RSS of every replica now."""
        return {i: rss_mb(pid) for i, pid in self.pids.items()}

    def run(self) -> None:
        while not self.stop.wait(0.25):
            for i, pid in self.pids.items():
                self.peak[i] = max(self.peak[i], rss_mb(pid))


def rss_mb(pid: int) -> float:
    """Return VmRSS of a process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0


FACILITATOR = "belastingproef"
"""The facilitator account serve.sh creates for this run (SQ_FACILITATOR_NAME)."""


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_topology(
    replicas: int, work: Path, passphrase: str
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """Start scripts/serve.sh on loopback and wait until it says it is ready."""
    port = free_port()
    runtime = work / "run"
    secret = work / "facilitator.secret"
    secret.write_text(passphrase + "\n", encoding="utf-8")
    secret.chmod(0o600)
    env = {
        **os.environ,
        "SQ_FACILITATOR_NAME": FACILITATOR,
        "SQ_FACILITATOR_PASSPHRASE_FILE": str(secret),
        "SQ_REMARKS_MODE": "write",
    }
    env.pop("SQ_REMARKS_URL", None)
    env.pop("SQ_FACILITATOR_PASSPHRASE", None)
    env.pop("SQ_PUBLIC_URL", None)
    log = (work / "serve.log").open("wb")
    command = ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", str(replicas)]
    command += ["--port", str(port), "--listen", "127.0.0.1"]
    command += ["--runtime", str(runtime), "--pgdata", str(work / "pg")]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while not (runtime / "ready").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            stop_topology(process)
            raise SystemExit("serve.sh did not start:\n" + (work / "serve.log").read_text())
        time.sleep(0.5)
    return process, f"http://127.0.0.1:{port}", runtime


def stop_topology(process: subprocess.Popen[bytes]) -> None:
    """Stop serve.sh (it stops nginx, the replicas and PostgreSQL) and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def upstreams_by_route(access_log: str) -> dict[str, set[str]]:
    """Return {sq_route: upstream addresses that served it} from serve.sh's nginx access log."""
    served: dict[str, set[str]] = {}
    for line in access_log.splitlines():
        # nginx writes "upstream=a, b" when a request was retried: b is the one that answered
        found = re.search(r"upstream=(\S+(?:, \S+)*) route=(\S+)", line)
        if found is None:
            continue
        upstream = found.group(1).split(", ")[-1]
        if upstream != "-":
            served.setdefault(found.group(2), set()).add(upstream)
    return served


def read_replicas(runtime: Path) -> dict[int, tuple[int, int]]:
    """Return {replica number: (port, pid)} from serve.sh's replicas.tsv."""
    rows = [line.split("\t") for line in (runtime / "replicas.tsv").read_text().splitlines()]
    return {int(i): (int(port), int(pid)) for i, port, pid in rows}


def established(port: int) -> int:
    """Count established TCP connections to a loopback port (nginx to replica: websockets)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            count += state == "01" and int(local.rsplit(":", 1)[1], 16) == port
    return count


def busiest(replicas: dict[int, tuple[int, int]]) -> int:
    """Return the replica with the most open connections (the one whose loss hurts most)."""
    return max(replicas, key=lambda i: established(replicas[i][0]))


async def settle(page, result: Result, kind: str, started: float, who: str) -> None:
    """Wait until Streamlit has finished the page; record its time or an error."""
    try:
        await page.wait_for_timeout(300)
        await page.wait_for_function(SETTLED, timeout=STEP_TIMEOUT_MS, polling=250)
        await page.get_by_role("heading", level=1).first.wait_for(timeout=STEP_TIMEOUT_MS)
    except Exception as exc:  # a page that never finishes is an error, not a crash
        result.errors.append(f"{who} {kind}: {type(exc).__name__}")
        return
    if await page.locator(PROBLEMS).count() or await page.get_by_text("Page not found").count():
        result.errors.append(f"{who} {kind}: error shown on the page")
        return
    result.time(kind, time.monotonic() - started)


async def visit(page, base: str, path: str, kind: str, result: Result, who: str) -> None:
    """Open a page by its URL and wait for it."""
    started = time.monotonic()
    try:
        await page.goto(base + path, timeout=STEP_TIMEOUT_MS)
    except Exception as exc:
        result.errors.append(f"{who} {kind}: {type(exc).__name__}")
        return
    await settle(page, result, kind, started, who)


async def click_nav(page, label: str, kind: str, result: Result, who: str) -> None:
    """Move to another page through the top navigation (over the websocket, no reload).

    `kind` is the page's path; a click that leaves the visitor where they were is an error."""
    started = time.monotonic()
    try:
        await page.get_by_role("link", name=label, exact=True).first.click(timeout=STEP_TIMEOUT_MS)
        await page.wait_for_function(
            f"() => location.pathname === '/{kind}'", timeout=STEP_TIMEOUT_MS, polling=250
        )
    except Exception as exc:
        result.errors.append(f"{who} {kind}: {type(exc).__name__}")
        return
    await settle(page, result, kind, started, who)


def shows_area(url: str, area: str) -> bool:
    """Whether a page's URL is that of the area (the default area's URL names none)."""
    return f"gebied={area}" in url or (area == DEFAULT_AREA and "gebied=" not in url)


async def reconnect(page, opened: asyncio.Event, area: str, result: Result, who: str) -> None:
    """Wait until Streamlit's client has reconnected (through nginx, to another replica)."""
    result.reconnected += 1
    started = time.monotonic()
    try:
        await asyncio.wait_for(opened.wait(), STEP_TIMEOUT_MS / 1000)
    except TimeoutError:
        result.errors.append(f"{who} reconnect: no new websocket")
        return
    await settle(page, result, "reconnect", started, who)
    result.restored += shows_area(page.url, area)


async def save_remark(page, passphrase: str, text: str, result: Result, who: str) -> bool:
    """Log in as a facilitator on the profile and save a remark; True once it shows."""
    try:
        account = page.get_by_label("Accountnaam", exact=True)
        area = page.get_by_label("Wat zeiden bewoners? (geen namen of andere persoonsgegevens)")
        await account.or_(area).first.wait_for(timeout=STEP_TIMEOUT_MS)
        if await account.count():
            await account.fill(FACILITATOR)
            await page.get_by_label("Wachtwoord", exact=True).fill(passphrase)
            await page.get_by_role("button", name="Inloggen", exact=True).click()
            step(page, "login clicked")
        await area.wait_for(timeout=STEP_TIMEOUT_MS)
        step(page, "remark form shown")
        # As a facilitator would: type once the page has stopped moving (the login's rerun).
        await page.wait_for_function(SETTLED, timeout=STEP_TIMEOUT_MS, polling=250)
        step(page, "settled")
        await page.get_by_label("Bijeenkomst").fill("Belastingproef")
        await area.fill(text)
        form = page.get_by_test_id("stForm").filter(has=area)
        await form.get_by_role("button", name="Opslaan", exact=True).click()
        # Saved only once the page shows it as a stored remark (the rerun after the commit).
        shown = page.locator(SHOWN_REMARK).filter(has_text=text)
        await shown.first.wait_for(timeout=STEP_TIMEOUT_MS)
    except Exception as exc:
        result.errors.append(f"{who} remark: {type(exc).__name__}: {str(exc)[:300]}")
        await leave_evidence(page, result.keep, f"remark-{who.replace(' ', '-')}", str(exc))
        return False
    return True


def step(page, what: str) -> None:
    """Note a step in the page's console record (evidence of what came when)."""
    page.sq_console.append(f"{time.strftime('%X')} [load test] {what}")


async def leave_evidence(page, keep: Path | None, name: str, error: str = "") -> None:
    """Save a failed step's screenshot, page text, whole error and the browser's console."""
    if keep is None:
        return
    console = "\n".join(getattr(page, "sq_console", []))
    (keep / f"{name}.log").write_text(f"{error}\n\n--- console\n{console}\n")
    try:
        await page.screenshot(path=str(keep / f"{name}.png"), full_page=True)
        (keep / f"{name}.txt").write_text(await page.inner_text("body"))
    except Exception as exc:  # evidence must never turn an error into a crash
        (keep / f"{name}.txt").write_text(f"no evidence: {type(exc).__name__}")


async def session(number: int, browser, base: str, args, state: dict, result: Result) -> None:
    """One visitor: map and profile, (kill), trends and meeting mode by navigation."""
    who = f"session {number}"
    area = AREAS[number % len(AREAS)]
    facilitator = number < args.facilitators
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(STEP_TIMEOUT_MS)  # fills and clicks wait as long as page steps
    page = await context.new_page()
    closed, opened = asyncio.Event(), asyncio.Event()

    def on_websocket(ws) -> None:
        opened.set()
        ws.on("close", lambda _ws: closed.set())

    page.on("websocket", on_websocket)
    page.sq_console = []  # the client's own log (Streamlit logs its reconnects), for evidence
    page.on("console", lambda m: page.sq_console.append(f"{time.strftime('%X')} {m.text[:300]}"))
    try:
        await asyncio.sleep(number * args.stagger)
        await visit(page, base, "/", "kaart", result, who)
        cookies = {c["name"]: c["value"] for c in await context.cookies()}
        result.routes[who] = cookies.get("sq_route", "")
        await visit(page, base, f"/profiel?gebied={area}", "profiel", result, who)
        if facilitator:
            text = f"Proef {number}a {secrets.token_hex(4)}"
            if await save_remark(page, state["passphrase"], text, result, f"{who}a"):
                result.saved.append((area, text))
            else:
                result.unconfirmed.append((area, text))
        closed.clear()
        opened.clear()
        state["halfway"].release()
        await state["killed"].wait()
        await asyncio.sleep(2.0)
        if closed.is_set():  # this visitor was on the killed replica
            await reconnect(page, opened, area, result, who)
        await click_nav(page, "Trends", "trends", result, who)
        await click_nav(page, "Gesprek", "gesprek", result, who)
        await click_nav(page, "Gebiedsprofiel", "profiel", result, who)
        if not shows_area(page.url, area):  # the view must survive the navigation (and a kill)
            result.errors.append(f"{who} profiel: opened {page.url} instead of {area}")
        if facilitator:
            text = f"Proef {number}b {secrets.token_hex(4)}"
            if await save_remark(page, state["passphrase"], text, result, f"{who}b"):
                result.saved.append((area, text))
            else:
                result.unconfirmed.append((area, text))
    finally:
        await context.close()


async def find_remarks(
    browser, base: str, saved: list[tuple[str, str]], errors: list[str], keep: Path
) -> int:
    """Open each area's profile in a fresh browser and count the confirmed remarks shown.

    A profile that does not come up is an error (with a screenshot in `keep`), not a crash."""
    from playwright.async_api import Error as PlaywrightError

    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(STEP_TIMEOUT_MS)  # fills and clicks wait as long as page steps
    page = await context.new_page()
    found = 0
    for area in sorted({a for a, _ in saved}):
        try:
            await page.goto(f"{base}/profiel?gebied={area}", timeout=STEP_TIMEOUT_MS)
            await page.get_by_role("heading", name="Wat zeggen bewoners?").first.wait_for(
                timeout=STEP_TIMEOUT_MS
            )
            await page.wait_for_function(SETTLED, timeout=STEP_TIMEOUT_MS, polling=250)
        except PlaywrightError as exc:
            errors.append(f"check: profile of {area} not shown: {str(exc).splitlines()[0]}")
            await page.screenshot(path=str(keep / f"check-{area}.png"), full_page=True)
            (keep / f"check-{area}.txt").write_text(await page.inner_text("body"))
            continue
        shown = " ".join(await page.locator(SHOWN_REMARK).all_inner_texts())
        for a, text in saved:
            if a != area:
                continue
            if text in shown:
                found += 1
                continue
            errors.append(f"check: confirmed remark {text!r} not on the profile of {area}")
            (keep / f"check-{area}.txt").write_text(await page.inner_text("body"))
    await context.close()
    return found


async def warm_up(browser, replicas: dict[int, tuple[int, int]], result: Result) -> None:
    """Open one profile on each replica directly (not through nginx), so that the memory a
    session adds is measured against a replica that has its imports, store and caches loaded."""

    async def one(port: int) -> None:
        context = await browser.new_context(locale="nl-NL")
        page = await context.new_page()
        await visit(page, f"http://127.0.0.1:{port}", "/profiel", "warm-up", result, f":{port}")
        await context.close()

    await asyncio.gather(*(one(port) for port, _pid in replicas.values()))
    result.times.pop("warm-up", None)  # not a visitor's page time


async def drive(
    base: str, args, replicas: dict[int, tuple[int, int]], passphrase: str, sampler: RssSampler
) -> tuple[Result, int, bool]:
    """Run every session, kill one replica halfway, then look up the remarks."""
    from playwright.async_api import async_playwright

    result = Result(keep=args.keep)
    state = {"passphrase": passphrase, "halfway": asyncio.Semaphore(0), "killed": asyncio.Event()}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await warm_up(browser, replicas, result)
        sampler.warm = sampler.snapshot()
        tasks = [
            asyncio.create_task(session(n, browser, base, args, state, result))
            for n in range(args.sessions)
        ]
        for _ in range(args.sessions):
            await state["halfway"].acquire()
        sampler.halfway = sampler.snapshot()
        state["log_at_kill"] = access_log_size(args.runtime)
        killed = False
        if len(replicas) > 1:
            number = busiest(replicas)
            os.kill(replicas[number][1], signal.SIGKILL)
            killed = True
            print(f"killed replica {number} (pid {replicas[number][1]}) halfway", flush=True)
        state["killed"].set()
        await asyncio.gather(*tasks)
        found = await find_remarks(browser, base, result.saved, result.errors, args.keep)
        try:
            texts = [text for _a, text in result.saved + result.unconfirmed]
            stored = remarks_in_database(args.runtime.parent, texts)
            result.unconfirmed_stored = sum(1 for _a, text in result.unconfirmed if text in stored)
            result.in_database = sum(1 for _a, text in result.saved if text in stored)
            for area, text in result.saved:
                if text not in stored:
                    result.errors.append(f"confirmed remark {text!r} ({area}) not in PostgreSQL")
                elif stored[text] != area:
                    result.errors.append(f"remark {text!r} of {area} stored for {stored[text]}")
        except Exception as exc:  # the check must not hide the run's figures
            result.errors.append(f"PostgreSQL not read: {type(exc).__name__}: {exc}"[:300])
        await browser.close()
    result.log_at_kill = state["log_at_kill"]
    return result, found, killed


KEEP_DIR = Path(__file__).resolve().parent / "results" / "load"
"""Where each run keeps nginx's and the replicas' logs (git-ignored, like bench/results/)."""


def keep_logs(runtime: Path, keep: Path) -> None:
    """Copy the topology's logs out of the temporary folder before it is removed."""
    for path in [*runtime.glob("replica-*.log"), *runtime.glob("nginx/*.log")]:
        try:
            shutil.copy(path, keep / path.name)
        except OSError:
            continue


def remarks_in_database(work: Path, texts: list[str]) -> dict[str, str]:
    """Return which of `texts` PostgreSQL holds, with their area (port from serve.sh's log)."""
    from sqlalchemy import create_engine, select

    from sq.remarks.db import remarks_table

    match = re.search(r"PostgreSQL op 127\.0\.0\.1:(\d+)", (work / "serve.log").read_text())
    if not match:
        return {}
    password = (work / "pg.password").read_text().strip()
    url = f"postgresql+psycopg://sq:{password}@127.0.0.1:{match.group(1)}/sociale_basis"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(remarks_table.c.text, remarks_table.c.region_code)).all()
    finally:
        engine.dispose()
    return {text: code for text, code in rows if text in texts}


def access_log_size(runtime: Path) -> int:
    """Return how many bytes nginx has logged so far."""
    try:
        return (runtime / "nginx" / "access.log").stat().st_size
    except OSError:
        return 0


def sessions_per_replica(
    result: Result, runtime: Path, replicas: dict[int, tuple[int, int]]
) -> dict[int, int]:
    """Count the sessions each replica served before the kill; a session served by two
    replicas before the kill is an error (sticky sessions are broken)."""
    try:
        log = (runtime / "nginx" / "access.log").read_bytes()[: result.log_at_kill]
    except OSError:
        log = b""
    served = upstreams_by_route(log.decode(errors="replace"))
    number = {f"127.0.0.1:{port}": i for i, (port, _pid) in replicas.items()}
    counts = dict.fromkeys(replicas, 0)
    for who, route in sorted(result.routes.items()):
        upstreams = served.get(route, set())
        if len(upstreams) != 1:
            result.errors.append(f"{who} not sticky before the kill: served by {upstreams}")
            continue
        counts[number[next(iter(upstreams))]] += 1
    return counts


def report(result: Result, sampler: RssSampler, counts: dict[int, int]) -> None:
    """Print page-time medians, RSS per replica (memory per session) and the error list."""
    for kind, values in sorted(result.times.items()):
        print(f"page {kind:8s} median {statistics.median(values):6.2f} s  (n={len(values)})")
    for i in sorted(sampler.peak):
        warm, half, sessions = sampler.warm[i], sampler.halfway[i], counts.get(i, 0)
        growth = f"{(half - warm) / sessions:.0f}" if sessions else "-"
        print(
            f"replica {i} RSS MB: {sampler.baseline[i]:.0f} without visitors,"
            f" {warm:.0f} after a warm-up visit, {half:.0f} halfway with {sessions} sessions"
            f" (~{growth} MB per session), peak {sampler.peak[i]:.0f}"
        )
    print(f"confirmed remarks found in PostgreSQL: {result.in_database} of {len(result.saved)}")
    print(
        f"remarks not confirmed within {STEP_TIMEOUT_MS // 1000} s that PostgreSQL holds anyway:"
        f" {result.unconfirmed_stored} of {len(result.unconfirmed)}"
    )
    print(f"sessions whose websocket closed at the kill (reconnected): {result.reconnected}")
    print(f"reconnected sessions that kept their area in the URL: {result.restored}")
    for error in result.errors[:30]:
        print("error:", error)


def main() -> None:
    """Run the load and fault test and print its last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--facilitators", type=int, default=None)
    parser.add_argument("--stagger", type=float, default=0.5, help="seconds between starts")
    parser.add_argument("--max-seconds", type=float, default=900)
    args = parser.parse_args()
    if args.facilitators is None:
        args.facilitators = max(1, args.sessions // 5)
    passphrase = secrets.token_urlsafe(12)
    args.keep = KEEP_DIR / time.strftime("%Y%m%d-%H%M%S")
    args.keep.mkdir(parents=True, exist_ok=True)
    print(f"logs and screenshots: {args.keep}", flush=True)
    with tempfile.TemporaryDirectory(prefix="sq-load-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)  # PostgreSQL runs as its own user and needs to reach pg/
        process, base, runtime = start_topology(args.replicas, work, passphrase)
        args.runtime = runtime
        replicas = read_replicas(runtime)
        sampler = RssSampler({i: pid for i, (_port, pid) in replicas.items()})
        sampler.start()
        killed, found, result = False, 0, Result()
        try:
            result, found, killed = asyncio.run(
                asyncio.wait_for(drive(base, args, replicas, passphrase, sampler), args.max_seconds)
            )
        except TimeoutError:
            result.errors.append(f"run exceeded {args.max_seconds:.0f} s")
        except Exception as exc:  # a crash of the benchmark still ends with its last line
            result.errors.append(f"load test stopped: {type(exc).__name__}: {exc}"[:300])
        finally:
            sampler.stop.set()
            stop_topology(process)
            keep_logs(runtime, args.keep)
        report(result, sampler, sessions_per_replica(result, runtime, replicas))
    print(
        f"sessions={args.sessions} errors={len(result.errors)} remarks_saved={len(result.saved)}"
        f" remarks_found={found} replica_killed={'yes' if killed else 'no'}",
        flush=True,
    )
    sys.exit(1 if result.errors or found != len(result.saved) else 0)


if __name__ == "__main__":
    main()
