"""Benchmark our choropleth maps against the naive `gdf.explore()` approach.

Usage: ``python bench/map_benchmark.py [--runs 5]`` (see bench/README.md).

For every (layer, approach) it starts ``bench/apps/<approach>.py`` with Streamlit on a free
localhost port, loads it once to warm up, then N times in a fresh headless Chromium context and
records: time from navigation start until the map iframe holds the expected number of SVG paths,
HTTP bytes (CDP ``encodedDataLength``), WebSocket bytes (frame payloads both ways), script runs
per page view, and the server's peak RSS (``VmHWM``). Separately it times, in this process, the
Python that builds the map HTML. Results: printed and written to bench/results/map_benchmark.md.
"""

from __future__ import annotations

import argparse
import os
import platform
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
from bench.cases import CASES, Case, naive_frame, our_geometry, our_layer  # noqa: E402

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
APPROACHES = ("ours", "naive")
STARTUP_SECONDS = 60.0
MAP_TIMEOUT_MS = 60_000
QUIET_SECONDS = 1.5  # no HTTP/WebSocket traffic for this long = page settled
SETTLE_LIMIT_SECONDS = 20.0
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

# Runs in every iframe from its first script on and checks every 16 ms; in the map iframe it
# records when the overlay pane first holds `expected` paths (epoch ms, comparable with the top
# page's timeOrigin). A timer, because the iframe's window outlives its initial about:blank
# document: MutationObservers and requestAnimationFrame callbacks registered there never fire.
PATH_WATCH_JS = """
(() => {
  if (window === window.top) return;
  const expected = %d;
  const timer = setInterval(() => {
    const n = document.querySelectorAll('.leaflet-overlay-pane path').length;
    if (n >= expected) {
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


# --- server-side Python timing --------------------------------------------------------------


def _median_seconds(function: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    """Run `function` `repeats` times; return median wall and CPU seconds and the last result.

    CPU time (this process) hardly moves when other work shares the machine; wall time does.
    """
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def python_timings(store: Any, case: Case, repeats: int) -> dict[str, dict[str, float]]:
    """Median seconds to build the map HTML, and for everything the app script does per run."""
    from sq.render.maps import choropleth
    from sq.render.webassets import localize, rendered_html

    geometry = our_geometry(store, case)  # cached by the app (st.cache_resource)
    layer = our_layer(store, case, geometry)
    raw = naive_frame(store, case)

    def ours_build() -> str:
        return rendered_html(choropleth(layer, case.spec))

    def ours_script() -> str:
        return rendered_html(choropleth(our_layer(store, case, geometry), case.spec))

    def naive_build() -> str:
        return rendered_html(localize(raw.explore(column="value", legend=False, tiles=None)))

    def naive_script() -> str:
        gdf = naive_frame(store, case)
        return rendered_html(localize(gdf.explore(column="value", legend=False, tiles=None)))

    out: dict[str, dict[str, float]] = {}
    for name, build, script, frame in (
        ("ours", ours_build, ours_script, layer),
        ("naive", naive_build, naive_script, raw),
    ):
        build_s, build_cpu, html = _median_seconds(build, repeats)
        script_s, script_cpu, _ = _median_seconds(script, repeats)
        drawn = int((~(frame.geometry.isna() | frame.geometry.is_empty)).sum())
        out[name] = {
            "build_ms": build_s * 1000,
            "script_ms": script_s * 1000,
            "build_cpu_ms": build_cpu * 1000,
            "script_cpu_ms": script_cpu * 1000,
            "html_bytes": len(html.encode("utf-8")),
            "areas": drawn,
            "columns": len(frame.columns) - 1,
        }
    return out


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
    """Start `streamlit run bench/apps/<approach>.py` on localhost and wait for its health check."""
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
        *(sys.executable, "-m", "streamlit", "run", str(APPS / f"{approach}.py")),
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
    ms_in_iframe: float  # from the map iframe's creation
    paths: int
    http_bytes: int
    ws_received: int
    ws_sent: int
    requests: int
    external: list[str] = field(default_factory=list)
    script_runs: int = 0


def visit(browser: Any, server: Server, expected: int) -> Visit:
    """Open the app in a fresh context; measure until the paths are drawn and traffic settles."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="block"
    )
    context.add_init_script(PATH_WATCH_JS % expected)
    page = context.new_page()
    traffic = {"http": 0, "requests": 0, "ws_in": 0, "ws_out": 0}
    external: list[str] = []
    last_activity = [time.monotonic()]

    def touch() -> None:
        last_activity[0] = time.monotonic()

    def on_finished(event: dict[str, Any]) -> None:
        traffic["http"] += int(event.get("encodedDataLength", 0))
        traffic["requests"] += 1
        touch()

    def size(payload: str | bytes) -> int:
        return len(payload.encode("utf-8") if isinstance(payload, str) else payload)

    def on_websocket(ws: Any) -> None:
        def received(payload: str | bytes) -> None:
            traffic["ws_in"] += size(payload)
            touch()

        def sent(payload: str | bytes) -> None:
            traffic["ws_out"] += size(payload)
            touch()

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.on("Network.loadingFinished", on_finished)
    page.on("websocket", on_websocket)
    context.on("request", lambda r: _is_external(r.url) and external.append(r.url))
    runs_before = server.runs()
    try:
        page.goto(server.url, wait_until="commit", timeout=MAP_TIMEOUT_MS)
        deadline = time.monotonic() + MAP_TIMEOUT_MS / 1000
        frame = None
        while frame is None:
            frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
            if frame is None:
                if page.locator('[data-testid="stException"]').count():
                    raise RuntimeError("the app raised an exception (see the server log)")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no map iframe after {MAP_TIMEOUT_MS} ms")
                page.wait_for_timeout(50)
        remaining = max(1_000, int((deadline - time.monotonic()) * 1000))
        frame.wait_for_function("() => window.__benchDone", timeout=remaining)
        done = frame.evaluate(
            "() => [window.__benchDone, window.__benchPaths, performance.timeOrigin]"
        )
        origin = page.evaluate("() => performance.timeOrigin")
        settle_until = time.monotonic() + SETTLE_LIMIT_SECONDS
        touch()
        while (
            time.monotonic() - last_activity[0] < QUIET_SECONDS and time.monotonic() < settle_until
        ):
            page.wait_for_timeout(100)
        return Visit(
            ms_to_paths=float(done[0]) - float(origin),
            ms_in_iframe=float(done[0]) - float(done[2]),
            paths=int(done[1]),
            http_bytes=traffic["http"],
            ws_received=traffic["ws_in"],
            ws_sent=traffic["ws_out"],
            requests=traffic["requests"],
            external=external,
            script_runs=server.runs() - runs_before,
        )
    finally:
        context.close()


def _median_row(visits: list[Visit]) -> dict[str, float]:
    """Return the medians of a row's page views."""

    def med(get: Callable[[Visit], float]) -> float:
        return statistics.median(get(v) for v in visits)

    return {
        "ms_to_paths": med(lambda v: v.ms_to_paths),
        "ms_in_iframe": med(lambda v: v.ms_in_iframe),
        "http_bytes": med(lambda v: v.http_bytes),
        "ws_received": med(lambda v: v.ws_received),
        "total_bytes": med(lambda v: v.http_bytes + v.ws_received + v.ws_sent),
        "script_runs": med(lambda v: v.script_runs),
        "external": sum(len(v.external) for v in visits),
    }


def measure_case(
    browser: Any, store: Any, case: Case, runs: int, repeats: int
) -> dict[str, dict[str, Any]]:
    """Time the Python build, then view both apps alternately (ours, naive, ours, ...)."""
    print(f"[{case.label}] timing the Python map build ...", flush=True)
    rows = {name: dict(values) for name, values in python_timings(store, case, repeats).items()}
    with tempfile.TemporaryDirectory(prefix="sq-bench-") as tmp:
        servers: dict[str, Server] = {}
        try:
            for approach in APPROACHES:
                servers[approach] = start_server(approach, case, Path(tmp))
            for approach in APPROACHES:  # warm-up: imports, st.cache_resource, OS file cache
                visit(browser, servers[approach], int(rows[approach]["areas"]))
            visits: dict[str, list[Visit]] = {approach: [] for approach in APPROACHES}
            for i in range(runs):
                for approach in APPROACHES:
                    v = visit(browser, servers[approach], int(rows[approach]["areas"]))
                    print(
                        f"  {approach:5} run {i + 1}/{runs}: {v.ms_to_paths:6.0f} ms "
                        f"({v.ms_in_iframe:5.0f} in iframe), {v.paths} paths, "
                        f"HTTP {_kb(v.http_bytes)} KB in {v.requests} requests, "
                        f"WS in {_kb(v.ws_received)} KB / out {_kb(v.ws_sent)} KB, "
                        f"{v.script_runs} script runs",
                        flush=True,
                    )
                    if v.external:
                        print(f"    blocked outside requests: {v.external[:5]}", flush=True)
                    visits[approach].append(v)
            for approach in APPROACHES:
                rows[approach].update(_median_row(visits[approach]))
                rows[approach]["peak_rss_mb"] = servers[approach].peak_rss_mb()
                row = rows[approach]
                row["script_cpu_per_view"] = row["script_cpu_ms"] * row["script_runs"]
        except Exception:
            for server in servers.values():
                print(server.log_path.read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            for server in servers.values():
                server.stop()
    return rows


# --- report ---------------------------------------------------------------------------------


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f}"


def _ratio(naive: float, ours: float) -> str:
    return f"{naive / ours:.2f}×" if ours else "–"


def report(
    results: dict[str, dict[str, dict[str, Any]]],
    runs: int,
    repeats: int,
    shim: str,
    load: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> str:
    """Build the markdown report."""
    lines = [
        "# Map benchmark: ours vs naive",
        "",
        f"- Machine: {machine()}",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M')}; load average (1 min) {load[0][0]:.1f} "
        f"before, {load[1][0]:.1f} after (other work on the machine makes times noisy).",
        f"- {runs} measured page views per row, ours and naive alternating, each in a fresh "
        "browser context (empty cache) after 1 warm-up view per server; medians. Python "
        f"build times: median of {repeats} repeats in this process.",
        f"- explore() colour/classify helpers: {shim} "
        "(see bench/README.md: matplotlib/mapclassify are not installed here).",
        "- Naive = raw PDOK GeoJSON with every attribute + `gdf.explore()` + default "
        "`returned_objects`, but passed through `sq.render.webassets.localize` and with "
        "`legend=False` "
        "so it renders offline at all; normally it loads Leaflet, jQuery, Bootstrap, "
        "Font Awesome (and d3 for the legend) from CDNs. Both maps without basemap tiles.",
        "",
        "| Layer | Approach | Areas | Props | Time to all paths (ms) | Iframe → paths (ms) "
        "| HTTP (KB) "
        "| WebSocket in (KB) | Total to browser (KB) | Map HTML (KB) "
        "| Build HTML (ms CPU / wall) | Script per run (ms CPU / wall) "
        "| Script runs per view | Peak RSS (MB) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case_key, per_approach in results.items():
        for approach in APPROACHES:
            r = per_approach[approach]
            lines.append(
                f"| {CASES[case_key].label} | {approach} | {r['areas']} | {r['columns']} "
                f"| {r['ms_to_paths']:,.0f} | {r['ms_in_iframe']:,.0f} | {_kb(r['http_bytes'])} "
                f"| {_kb(r['ws_received'])} "
                f"| {_kb(r['total_bytes'])} | {_kb(r['html_bytes'])} "
                f"| {r['build_cpu_ms']:,.0f} / {r['build_ms']:,.0f} "
                f"| {r['script_cpu_ms']:,.0f} / {r['script_ms']:,.0f} | {r['script_runs']:g} "
                f"| {r['peak_rss_mb']:,.0f} |"
            )
    lines += [
        "",
        "Ratios naive / ours (above 1 = naive costs more):",
        "",
        "| Layer | Time to paths | Iframe → paths | Total bytes | WebSocket in | Map HTML "
        "| Build HTML (CPU) "
        "| Script per run (CPU) | Script runs | Script CPU per view | Peak RSS |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case_key, per_approach in results.items():
        o, n = per_approach["ours"], per_approach["naive"]
        cells = [
            _ratio(n[k], o[k])
            for k in (
                "ms_to_paths",
                "ms_in_iframe",
                "total_bytes",
                "ws_received",
                "html_bytes",
                "build_cpu_ms",
                "script_cpu_ms",
                "script_runs",
                "script_cpu_per_view",
                "peak_rss_mb",
            )
        ]
        lines.append(f"| {CASES[case_key].label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Columns: *Areas* = SVG paths expected (features with geometry); *Props* = feature "
        "properties in the frame handed to the map; *Time to all paths* = navigation start "
        "→ the map iframe first holds that many `.leaflet-overlay-pane path` elements "
        "(includes loading Streamlit's own ~2.7 MB frontend); *Iframe → paths* = the same "
        "from the creation of the map iframe (the map's own share); "
        "*HTTP* = CDP `encodedDataLength` summed over all requests (HTML, JS, CSS, Leaflet); "
        "*WebSocket in* = payload bytes of frames the browser received (Streamlit sends the "
        "component's arguments, i.e. the whole map HTML, this way), counted until no traffic "
        f"for {QUIET_SECONDS} s; *Total* = HTTP + WebSocket in + WebSocket out; "
        "*Build HTML* = `rendered_html(choropleth(layer))` vs `rendered_html(localize("
        "gdf.explore(...)))` from frames in memory, CPU time of this process and wall time "
        "(CPU time is the steadier one on a busy machine); *Script per run* = also reading/joining "
        "what the app does not cache (ours: join values to the cached geometry; naive: read "
        "the raw GeoJSON and join); *Script runs per view* = app script executions per page "
        "view (a value sent back by the component triggers a rerun); *Script CPU per view* = "
        "script per run (CPU) × script runs per view; *Peak RSS* = VmHWM of the "
        "Streamlit process after all its views.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured page views per row")
    parser.add_argument("--repeats", type=int, default=7, help="repeats of the Python timing")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    args = parser.parse_args(argv)
    runs, repeats = max(1, min(args.runs, 50)), max(1, min(args.repeats, 50))

    from playwright.sync_api import sync_playwright

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
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, dict[str, Any]]] = {}
    load_before = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for case_key in args.cases:
                results[case_key] = measure_case(browser, store, CASES[case_key], runs, repeats)
        finally:
            browser.close()
    text = report(results, runs, repeats, shim, (load_before, os.getloadavg()))
    (RESULTS / "map_benchmark.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"written to {RESULTS / 'map_benchmark.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
