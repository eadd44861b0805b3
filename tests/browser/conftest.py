"""Browser-test harness: start Streamlit apps, drive Debian's Chromium, record outside requests.

Fixtures for any page test:

- ``run_app(path, env=None) -> RunningApp``: starts ``streamlit run <path>`` on a free localhost
  port (cwd = repo root, so ``.streamlit/config.toml`` applies; ``PYTHONPATH`` = repo root; extra
  ``SQ_*`` variables via ``env``), waits for ``/_stcore/health`` and stops it after the session.
  Same path + env in one session reuses the running server.
- ``page``: a fresh Chromium page (Dutch locale). Requests to other hosts are recorded in the
  ``external_requests`` fixture and aborted, so a test sees what an offline visitor would.
- ``axe_violations(page)``: runs axe-core in the page and in each iframe (the map).
- ``save_screenshot(page, name)``: writes ``screenshots/<name>.png`` (git-ignored).
- ``component_frame(page, "sq_map")``: the iframe of a custom component.

The last three are fixtures that return the helper function (``run_axe``, ``write_screenshot``,
``find_component_frame``), so tests need no import from this file.

Set ``SQ_CHROMIUM`` to use another browser binary. With ``CI`` set, a missing browser,
``node_modules/axe-core`` or ``static/vendor`` fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "screenshots"
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
]
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "javascript", "chrome", "chrome-extension"})
STARTUP_SECONDS = 60.0


def _missing(what: str) -> None:
    """Fail in CI, skip elsewhere: a browser test must never pass silently in CI."""
    if os.environ.get("CI"):
        pytest.fail(what, pytrace=False)
    pytest.skip(what)


def is_external(url: str) -> bool:
    """Tell whether a request URL leaves this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


def _free_port() -> int:
    """Ask the OS for a free TCP port on localhost."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ensure_static_link(app_path: Path) -> None:
    """Let apps outside the repo root see static/ (Streamlit serves <app dir>/static/)."""
    link = app_path.parent / "static"
    if app_path.parent != REPO and not link.exists():
        link.symlink_to(os.path.relpath(REPO / "static", link.parent), target_is_directory=True)


@dataclass
class RunningApp:
    """A Streamlit server started by the harness."""

    path: Path
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)

    def log(self) -> str:
        """Return what the server printed so far (for failure messages)."""
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """Stop the server and its children (own process group only)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_app(path: Path, env: Mapping[str, str] | None, log_dir: Path) -> RunningApp:
    """Start `streamlit run` on a free port and wait until it answers its health check."""
    path = Path(path).resolve()
    _ensure_static_link(path)
    port = _free_port()
    extra = dict(env or {})
    child_env = {**os.environ, "PYTHONPATH": str(REPO), **extra}
    log_path = log_dir / f"streamlit-{path.stem}-{port}.log"
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(path)),
        *("--server.headless", "true", "--server.port", str(port)),
        *("--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"),
        *("--server.enableStaticServing", "true", "--server.fileWatcherType", "none"),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO, env=child_env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    app = RunningApp(path, f"http://127.0.0.1:{port}", process, log_path, extra)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{app.log()}")
        try:
            with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return app
        except OSError:
            time.sleep(0.3)
    app.stop()
    raise RuntimeError(f"streamlit did not become healthy in {STARTUP_SECONDS}s:\n{app.log()}")


@pytest.fixture(scope="session")
def run_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., RunningApp]]:
    """Start (or reuse) a Streamlit app: ``run_app(path, env={"SQ_TILES": ""})``."""
    log_dir = tmp_path_factory.mktemp("streamlit-logs")
    running: dict[tuple[Path, tuple[tuple[str, str], ...]], RunningApp] = {}

    def factory(path: str | os.PathLike[str], env: Mapping[str, str] | None = None) -> RunningApp:
        key = (Path(path).resolve(), tuple(sorted((env or {}).items())))
        if key not in running or running[key].process.poll() is not None:
            running[key] = start_app(Path(path), env, log_dir)
        return running[key]

    yield factory
    for app in running.values():
        app.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium through Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM} (set SQ_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def external_requests() -> list[str]:
    """Collect the URLs of every request the page tried to send to another host."""
    return []


@pytest.fixture
def page(browser: Any, external_requests: list[str]) -> Iterator[Any]:
    """Open a fresh page that records and blocks requests to other hosts."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="block"
    )

    def guard(route: Any) -> None:
        url = route.request.url
        if is_external(url):
            external_requests.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    context.on("websocket", lambda ws: is_external(ws.url) and external_requests.append(ws.url))
    page = context.new_page()
    yield page
    context.close()


def find_component_frame(page: Any, name: str = "sq_map", timeout_ms: int = 30_000) -> Any:
    """Return the iframe of a custom component once it has loaded."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if name in frame.url:
                return frame
        page.wait_for_timeout(200)
    raise AssertionError(f"no {name} iframe; frames: {[f.url for f in page.frames]}")


def run_axe(page: Any, impacts: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core in the page and in every iframe; return violations (optionally by impact)."""
    if not AXE_JS.is_file():
        _missing(f"{AXE_JS} missing: run python scripts/setup_assets.py")
    script = AXE_JS.read_text()
    found: list[dict[str, Any]] = []
    for frame in page.frames:
        if frame.is_detached() or not frame.url.startswith("http"):
            continue
        frame.add_script_tag(content=script)
        result = frame.evaluate(
            "async () => (await axe.run(document, {iframes: false,"
            " resultTypes: ['violations']})).violations"
        )
        for violation in result:
            if impacts is None or violation.get("impact") in impacts:
                found.append({**violation, "frame": frame.url})
    return found


def write_screenshot(page: Any, name: str) -> Path:
    """Save a full-page PNG into screenshots/ (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


@pytest.fixture
def component_frame() -> Callable[..., Any]:
    """Fixture form of `find_component_frame`: ``component_frame(page, "sq_map")``."""
    return find_component_frame


@pytest.fixture
def axe_violations() -> Callable[..., list[dict[str, Any]]]:
    """Fixture form of `run_axe`: ``axe_violations(page, frozenset({"serious", "critical"}))``."""
    return run_axe


@pytest.fixture
def save_screenshot() -> Callable[[Any, str], Path]:
    """Fixture form of `write_screenshot`: ``save_screenshot(page, "kaart")``."""
    return write_screenshot
