"""Benchmark the real Kaart page against the naive `gdf.explore()` peer and a bare page.

Usage: ``python bench/map_benchmark.py [--runs 5] [--with-stripped]`` (see bench/README.md).

For every (layer, approach) it starts Streamlit on a free localhost port: ``real`` = ``app.py``
as visitors open it (the Kaart page with the case's link parameters), ``peer`` =
``bench/apps/naive.py``, ``floor`` = ``bench/apps/floor.py`` (Streamlit's bare page) and, with
``--with-stripped``, ``ours`` = ``bench/apps/ours.py`` (the old stripped-down folium app). Each
is loaded once to warm up, then N times in a fresh headless Chromium context (empty cache), and
once more in a warm context (repeat visit). It records the time from navigation start until the
map iframe holds the areas' SVG paths, HTTP bytes (CDP ``encodedDataLength``), WebSocket bytes,
and for the real page how fast a change of indicator or year recolours the open map.
Results: printed and written to bench/results/map_benchmark.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import explore_shim  # noqa: E402
from bench.cases import CASES, Case  # noqa: E402

APPS = REPO / "bench" / "apps"
RESULTS = REPO / "bench" / "results"
CHROMIUM = os.environ.get("SQ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no name but localhost resolves, so nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
APPROACHES = ("floor", "peer", "real")
SCRIPTS = {
    "floor": APPS / "floor.py",
    "peer": APPS / "naive.py",
    "ours": APPS / "ours.py",
    "real": REPO / "app.py",
}
FRAMES = {"peer": "streamlit_folium", "ours": "streamlit_folium", "real": "sq_map"}
STARTUP_SECONDS = 60.0
MAP_TIMEOUT_MS = 90_000
WARMUP_TIMEOUT_MS = 300_000  # first view: imports, store, caches (slow on a busy machine)
QUIET_SECONDS = 1.5  # no HTTP/WebSocket traffic for this long = page settled
SETTLE_LIMIT_SECONDS = 20.0
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

# Runs in every iframe from its first script on and checks every 16 ms; in the map iframe it
# records when the overlay pane first holds the areas' paths (epoch ms, comparable with the top
# page's timeOrigin): for the real page the count its component reports (window.__sqStyled.n),
# for folium maps 90 % of the features (Leaflet adds a GeoJSON layer's paths in one task, so the
# count jumps from 0 to all). A timer, because the iframe's window outlives its initial
# about:blank document, where observers never fire.
PATH_WATCH_JS = """
(() => {
  if (window === window.top) return;
  const expected = %d;
  const timer = setInterval(() => {
    const n = document.querySelectorAll('.leaflet-overlay-pane path').length;
    const want = window.__sqStyled ? window.__sqStyled.n : expected;
    if (n > 0 && n >= want) {
      window.__benchDone = performance.timeOrigin + performance.now();
      window.__benchPaths = n;
      clearInterval(timer);
    }
  }, 16);
})();
"""


# --- machine -------------------------------------------------------------------------------


def machine() -> str:
    """Describe the machine: CPUs, CPU model, RAM, OS, Python, Chromium."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram_gb = float("nan")
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "?"
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, "
        f"{ram_gb:.1f} GB RAM; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {chromium}"
    )


# --- Streamlit server -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ensure_static_link() -> None:
    """Streamlit serves <app dir>/static/; point bench/apps/static at the repo's static/."""
    link = APPS / "static"
    if not link.exists():
        link.symlink_to(os.path.relpath(REPO / "static", APPS), target_is_directory=True)


@dataclass
class Server:
    """A Streamlit server started by this benchmark (own process group)."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path
    runlog: Path

    def runs(self) -> int:
        """Return how many times the app script has run so far."""
        if not self.runlog.is_file():
            return 0
        return len(self.runlog.read_text().splitlines())

    def peak_rss_mb(self) -> float:
        """Return the server process's peak resident set size (VmHWM) in MB."""
        status = Path(f"/proc/{self.process.pid}/status")
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> None:
        """Stop the server: SIGTERM to its process group, SIGKILL after 10 s."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_server(approach: str, case: Case, workdir: Path) -> Server:
    """Start `streamlit run <the approach's script>` on localhost; wait for its health check."""
    port = _free_port()
    log_path = workdir / f"streamlit-{approach}-{case.key}.log"
    runlog = workdir / f"runs-{approach}-{case.key}.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "BENCH_CASE": case.key,
        "BENCH_RUNLOG": str(runlog),
    }
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(SCRIPTS[approach])),
        *("--server.headless", "true", "--server.port", str(port)),
        *("--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"),
        *("--server.enableStaticServing", "true", "--server.fileWatcherType", "none"),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = Server(process, f"http://127.0.0.1:{port}", log_path, runlog)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit not healthy after {STARTUP_SECONDS}s:\n{log_path.read_text()}")


# --- browser --------------------------------------------------------------------------------


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "javascript"):
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class Visit:
    """What one page view cost."""

    ms_to_paths: float
    paths: int
    http_bytes: int
    ws_received: int
    ws_sent: int
    requests: int
    external: list[str] = field(default_factory=list)
    script_runs: int = 0

    @property
    def total(self) -> int:
        """Return every byte in either direction: HTTP + WebSocket in + out."""
        return self.http_bytes + self.ws_received + self.ws_sent


class Traffic:
    """Counts HTTP and WebSocket bytes of one page (CDP + Playwright events)."""

    def __init__(self, context: Any, page: Any, cold: bool) -> None:
        self.http = self.requests = self.ws_in = self.ws_out = 0
        self.external: list[str] = []
        self.last = time.monotonic()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": cold})
        cdp.on("Network.loadingFinished", self._finished)
        page.on("websocket", self._websocket)
        context.on("request", lambda r: _is_external(r.url) and self.external.append(r.url))

    def reset(self) -> None:
        """Start counting anew (for the repeat visit)."""
        self.http = self.requests = self.ws_in = self.ws_out = 0
        self.external = []

    def _finished(self, event: dict[str, Any]) -> None:
        self.http += int(event.get("encodedDataLength", 0))
        self.requests += 1
        self.last = time.monotonic()

    def _websocket(self, ws: Any) -> None:
        def size(payload: str | bytes) -> int:
            return len(payload.encode("utf-8") if isinstance(payload, str) else payload)

        def received(payload: str | bytes) -> None:
            self.ws_in += size(payload)
            self.last = time.monotonic()

        def sent(payload: str | bytes) -> None:
            self.ws_out += size(payload)
            self.last = time.monotonic()

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    def settle(self, page: Any) -> None:
        """Wait until no traffic for QUIET_SECONDS (at most SETTLE_LIMIT_SECONDS)."""
        self.last = time.monotonic()
        until = time.monotonic() + SETTLE_LIMIT_SECONDS
        while time.monotonic() - self.last < QUIET_SECONDS and time.monotonic() < until:
            page.wait_for_timeout(100)


def _map_frame(page: Any, name: str, deadline: float) -> Any:
    """Return the component iframe whose URL names `name`, once it exists."""
    while True:
        frame = next((f for f in page.frames if name in f.url), None)
        if frame is not None:
            return frame
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError("the app raised an exception (see the server log)")
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {name} iframe in time")
        page.wait_for_timeout(50)


def _load(
    page: Any, url: str, approach: str, timeout_ms: int = MAP_TIMEOUT_MS
) -> tuple[float, int]:
    """Navigate; return (ms from navigation start to the areas' paths, or to the title; paths)."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    origin = page.evaluate("() => performance.timeOrigin")
    if approach == "floor":
        page.locator("h1").first.wait_for(timeout=timeout_ms)
        return page.evaluate("() => performance.now()"), 0
    deadline = time.monotonic() + timeout_ms / 1000
    frame = _map_frame(page, FRAMES[approach], deadline)
    remaining = max(1_000, int((deadline - time.monotonic()) * 1000))
    frame.wait_for_function("() => window.__benchDone", timeout=remaining)
    done, paths = frame.evaluate("() => [window.__benchDone, window.__benchPaths]")
    return float(done) - float(origin), int(paths)


def visit(
    browser: Any, server: Server, query: str, approach: str, expected: int, warm_up: bool = False
) -> Visit:
    """Open the app in a fresh context (empty cache); measure until drawn and traffic settles."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="block"
    )
    context.add_init_script(PATH_WATCH_JS % expected)
    page = context.new_page()
    traffic = Traffic(context, page, cold=True)
    runs_before = server.runs()
    try:
        timeout = WARMUP_TIMEOUT_MS if warm_up else MAP_TIMEOUT_MS
        ms, paths = _load(page, server.url + query, approach, timeout)
        traffic.settle(page)
        return Visit(ms, paths, traffic.http, traffic.ws_in, traffic.ws_out, traffic.requests,
                     traffic.external, server.runs() - runs_before)  # fmt: skip
    finally:
        context.close()


def repeat_visit(browser: Any, server: Server, query: str, approach: str, expected: int) -> Visit:
    """Visit twice in one context (browser cache kept); return what the second visit cost."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="block"
    )
    context.add_init_script(PATH_WATCH_JS % expected)
    page = context.new_page()
    traffic = Traffic(context, page, cold=False)
    try:
        _load(page, server.url + query, approach)
        traffic.settle(page)
        page.goto("about:blank")
        traffic.reset()
        ms, paths = _load(page, server.url + query, approach)
        traffic.settle(page)
        return Visit(ms, paths, traffic.http, traffic.ws_in, traffic.ws_out, traffic.requests,
                     traffic.external)  # fmt: skip
    finally:
        context.close()


# --- recolouring an open map (real page) -----------------------------------------------------

RENDER_WATCH_JS = """
(() => {
  if (window === window.top) return;
  window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'streamlit:render') {
      window.__benchRender = performance.timeOrigin + performance.now();
    }
  });
})();
"""
MAP_STATE_JS = (
    "() => ({id: window.__sqMapId, zoom: window.__sqMap.getZoom(),"
    " center: window.__sqMap.getCenter(), styled: window.__sqStyled,"
    " render: window.__benchRender,"
    " fills: [...document.querySelectorAll('path.leaflet-interactive')].slice(0, 40)"
    "   .map((p) => p.getAttribute('fill')).join(',')})"
)


@dataclass
class Change:
    """One change of a widget on the open real page."""

    what: str
    after_run_ms: float  # colours on screen minus the run's last WebSocket message
    render_to_colours_ms: float  # inside the map iframe: new arguments → styled
    rebuilt: bool  # new boundary layer (other geometry year), same map
    same_map: bool  # the same Leaflet map object (no remount, no blank)
    kept_view: bool  # zoom and centre as the visitor left them
    recoloured: bool


def _change(
    page: Any, frame: Any, frames_at: list[float], what: str, box: int, option: str
) -> Change:
    """Pick `option` in the `box`-th selectbox; measure until colours change and the run ends."""
    before = frame.evaluate(MAP_STATE_JS)
    frames_at.clear()
    page.locator('[data-testid="stSelectbox"]').nth(box).click()
    page.keyboard.type(option)  # the option list is virtualised: filter it first
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).first.click()
    frame.wait_for_function(
        f"() => window.__sqStyled && window.__sqStyled.at > {before['styled']['at']}",
        timeout=MAP_TIMEOUT_MS,
    )
    quiet_until = time.monotonic() + SETTLE_LIMIT_SECONDS
    while time.monotonic() < quiet_until and (
        not frames_at or time.time() * 1000 - frames_at[-1] < QUIET_SECONDS * 1000
    ):
        page.wait_for_timeout(100)
    after = frame.evaluate(MAP_STATE_JS)
    return Change(
        what=what,
        after_run_ms=float(after["styled"]["at"]) - frames_at[-1],
        render_to_colours_ms=float(after["styled"]["ms"]),
        rebuilt=bool(after["styled"]["rebuilt"]),
        same_map=after["id"] == before["id"],
        kept_view=after["zoom"] == before["zoom"] and after["center"] == before["center"],
        recoloured=after["fills"] != before["fills"],
    )


def changes(browser: Any, server: Server, query: str, indicator: tuple[str, str]) -> list[Change]:
    """Zoom in on the open real page, then change the indicator and the year."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.add_init_script(PATH_WATCH_JS % 1)
    context.add_init_script(RENDER_WATCH_JS)
    page = context.new_page()
    frames_at: list[float] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda _p: frames_at.append(time.time() * 1000)),
    )
    try:
        _load(page, server.url + query, "real")
        frame = _map_frame(page, FRAMES["real"], time.monotonic() + 60)
        page.wait_for_timeout(2_000)
        frame.evaluate("() => window.__sqMap.setZoom(window.__sqMap.getZoom() + 1)")
        page.wait_for_timeout(800)
        return [
            _change(page, frame, frames_at, f"indicator → {indicator[1]}", 0, indicator[1]),
            _change(page, frame, frames_at, "year → 2016", 1, "2016"),
        ]
    finally:
        context.close()


# --- one case -------------------------------------------------------------------------------


def expected_paths(store: Any, case: Case) -> dict[str, int]:
    """Return the features with geometry each folium map draws (the real page reports its own)."""
    from bench.cases import naive_frame, our_geometry

    raw = naive_frame(store, case)
    ours = our_geometry(store, case)
    count = lambda f: int((~(f.geometry.isna() | f.geometry.is_empty)).sum())  # noqa: E731
    return {"floor": 0, "real": 1, "peer": int(count(raw) * 0.9), "ours": int(count(ours) * 0.9)}


def _median_row(visits: list[Visit], repeat: Visit) -> dict[str, float]:
    """Return the medians of a row's page views, and the repeat visit."""

    def med(get: Callable[[Visit], float]) -> float:
        return statistics.median(get(v) for v in visits)

    return {
        "ms_to_paths": med(lambda v: v.ms_to_paths),
        "paths": med(lambda v: v.paths),
        "http_bytes": med(lambda v: v.http_bytes),
        "ws_received": med(lambda v: v.ws_received),
        "total_bytes": med(lambda v: v.total),
        "requests": med(lambda v: v.requests),
        "repeat_bytes": repeat.total,
        "repeat_ms": repeat.ms_to_paths,
        "external": sum(len(v.external) for v in visits) + len(repeat.external),
    }


def measure_case(
    browser: Any, store: Any, case: Case, runs: int, approaches: tuple[str, ...]
) -> tuple[dict[str, dict[str, Any]], list[Change]]:
    """View every approach alternately (floor, peer, real, ...); then the real page's changes."""
    expected = expected_paths(store, case)
    queries = {a: (case.real_query if a == "real" else "") for a in approaches}
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="sq-bench-") as tmp:
        servers: dict[str, Server] = {}
        try:
            for approach in approaches:
                servers[approach] = start_server(approach, case, Path(tmp))
            for approach in approaches:  # warm-up: imports, caches, OS file cache
                visit(browser, servers[approach], queries[approach], approach,
                      expected[approach], warm_up=True)  # fmt: skip
            visits: dict[str, list[Visit]] = {approach: [] for approach in approaches}
            for i in range(runs):
                for approach in approaches:
                    v = visit(browser, servers[approach], queries[approach], approach,
                              expected[approach])  # fmt: skip
                    print(
                        f"  {approach:5} run {i + 1}/{runs}: {v.ms_to_paths:6.0f} ms, "
                        f"{v.paths} paths, HTTP {_kb(v.http_bytes)} KB in {v.requests} requests, "
                        f"WS in {_kb(v.ws_received)} KB / out {_kb(v.ws_sent)} KB",
                        flush=True,
                    )
                    if v.external:
                        print(f"    blocked outside requests: {v.external[:5]}", flush=True)
                    visits[approach].append(v)
            for approach in approaches:
                repeat = repeat_visit(browser, servers[approach], queries[approach], approach,
                                      expected[approach])  # fmt: skip
                rows[approach] = _median_row(visits[approach], repeat)
                rows[approach]["peak_rss_mb"] = servers[approach].peak_rss_mb()
                print(f"  {approach:5} repeat visit: {_kb(repeat.total)} KB, "
                      f"{repeat.ms_to_paths:.0f} ms", flush=True)  # fmt: skip
            found = changes(browser, servers["real"], queries["real"], case.other_indicator)
        except Exception:
            for server in servers.values():
                print(server.log_path.read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            for server in servers.values():
                server.stop()
    return rows, found


# --- report ---------------------------------------------------------------------------------


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f}"


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.2f}"


def _table(results: dict[str, tuple[dict[str, dict[str, Any]], list[Change]]]) -> list[str]:
    lines = [
        "| Layer | Approach | Time to polygons (ms) | Paths | HTTP (MB) | WebSocket in (MB) "
        "| Total first visit (MB) | Repeat visit, warm cache (MB) | Requests | Peak RSS (MB) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for key, (rows, _) in results.items():
        for approach, r in rows.items():
            lines.append(
                f"| {CASES[key].label} | {approach} | {r['ms_to_paths']:,.0f} | {r['paths']:g} "
                f"| {_mb(r['http_bytes'])} | {_mb(r['ws_received'])} | {_mb(r['total_bytes'])} "
                f"| {_mb(r['repeat_bytes'])} | {r['requests']:g} | {r['peak_rss_mb']:,.0f} |"
            )
    return lines


def _goals(results: dict[str, tuple[dict[str, dict[str, Any]], list[Change]]]) -> list[str]:
    lines = [
        "| Layer | Time real/peer (goal ≤ 0.60) | WS in real/peer (goal ≤ 0.25) "
        "| First visit real − floor (goal ≤ 1.0 MB) | Repeat visit (goal ≤ 0.2 MB) |",
        "|---|--:|--:|--:|--:|",
    ]
    for key, (rows, _) in results.items():
        real, peer, floor = rows["real"], rows["peer"], rows["floor"]
        lines.append(
            f"| {CASES[key].label} | {real['ms_to_paths'] / peer['ms_to_paths']:.2f} "
            f"| {real['ws_received'] / peer['ws_received']:.3f} "
            f"| {_mb(real['total_bytes'] - floor['total_bytes'])} MB "
            f"| {_mb(real['repeat_bytes'])} MB |"
        )
    return lines


def _changes(results: dict[str, tuple[dict[str, dict[str, Any]], list[Change]]]) -> list[str]:
    lines = [
        "| Layer | Change | Colours after the run's end (ms, goal ≤ 300) "
        "| Arguments → colours in the iframe (ms) | New boundaries | Same map | Zoom and "
        "centre kept | Recoloured |",
        "|---|---|--:|--:|---|---|---|---|",
    ]
    yes = lambda b: "yes" if b else "NO"  # noqa: E731
    for key, (_, found) in results.items():
        for c in found:
            lines.append(
                f"| {CASES[key].label} | {c.what} | {c.after_run_ms:,.0f} "
                f"| {c.render_to_colours_ms:,.0f} | {'yes' if c.rebuilt else 'no'} "
                f"| {yes(c.same_map)} | {yes(c.kept_view)} | {yes(c.recoloured)} |"
            )
    return lines


def report(
    results: dict[str, tuple[dict[str, dict[str, Any]], list[Change]]],
    runs: int,
    shim: str,
    load: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> str:
    """Build the markdown report."""
    lines = [
        "# Map benchmark: the real Kaart page vs the naive peer and the bare page",
        "",
        f"- Machine: {machine()}",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M')}; load average (1 min) {load[0][0]:.1f} "
        f"before, {load[1][0]:.1f} after (other work on the machine makes times noisy).",
        f"- {runs} page views per row, approaches alternating, each in a fresh browser context "
        "(empty cache) after 1 warm-up view per server; medians. Repeat visit: a second view "
        "in the same context (warm browser cache).",
        f"- explore() helpers: {shim}. Peer = raw PDOK 2024 GeoJSON with every attribute + "
        "`gdf.explore()` + `st_folium`, passed through `sq.render.webassets.localize` so it "
        "renders offline; real = `app.py` (the Kaart page) with the case's link.",
        "",
        *_table(results),
        "",
        "Goals (ratios from this one run):",
        "",
        *_goals(results),
        "",
        "Changing a widget on the open real page (after zooming in one step):",
        "",
        *_changes(results),
        "",
        "*Time to polygons* = navigation start → the map iframe holds the areas' paths (floor: "
        "→ the title); *Total* = HTTP + WebSocket in + out; *Colours after the run's end* = "
        "the iframe's styled timestamp minus the last WebSocket frame of the run (negative = "
        "the colours were on screen before the script finished).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured page views per row")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument(
        "--with-stripped", action="store_true", help="add bench/apps/ours.py as a row"
    )
    args = parser.parse_args(argv)
    runs = max(1, min(args.runs, 50))
    approaches = APPROACHES + (("ours",) if args.with_stripped else ())

    from playwright.sync_api import sync_playwright

    from sq.render.geoassets import export_layers
    from sq.render.webassets import missing_vendor_files
    from sq.store.loader import open_store

    if missing_vendor_files():
        print("static/vendor is incomplete: run python scripts/setup_assets.py", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (set SQ_CHROMIUM)", file=sys.stderr)
        return 2
    _ensure_static_link()
    shim = explore_shim.install()
    store = open_store()
    export_layers(store)  # the real page's static boundary files, as after scripts/setup.sh
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, tuple[dict[str, dict[str, Any]], list[Change]]] = {}
    load_before = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for key in args.cases:
                print(f"[{CASES[key].label}]", flush=True)
                results[key] = measure_case(browser, store, CASES[key], runs, approaches)
        finally:
            browser.close()
    text = report(results, runs, shim, (load_before, os.getloadavg()))
    (RESULTS / "map_benchmark.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"written to {RESULTS / 'map_benchmark.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
