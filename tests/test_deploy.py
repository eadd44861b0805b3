"""The production recipe holds together: compose, Dockerfile and serve.sh run the same files."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
COMPOSE = REPO / "deploy" / "compose.yaml"
TEMPLATE = REPO / "deploy" / "nginx.conf.template"
DOCKERFILE = REPO / "Dockerfile"
SERVE = REPO / "scripts" / "serve.sh"
REPLICA = "scripts/run_replica.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def template_names() -> set[str]:
    return set(re.findall(r"\$\{(SQ_[A-Z_]+)\}", TEMPLATE.read_text(encoding="utf-8")))


def test_compose_has_replicas_balancer_and_database(compose):
    services = compose["services"]
    assert set(services) == {"app", "nginx", "db"}
    assert services["app"]["deploy"]["replicas"] == "${SQ_REPLICAS:-2}"
    assert services["db"]["image"].startswith("postgres:")
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["nginx"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert services["app"]["environment"]["SQ_REMARKS_URL"].startswith("postgresql+psycopg://")
    assert "@db:5432/" in services["app"]["environment"]["SQ_REMARKS_URL"]


def test_compose_runs_the_same_replica_script_and_template_as_serve(compose):
    app, nginx = compose["services"]["app"], compose["services"]["nginx"]
    assert app["command"][:2] == ["bash", REPLICA]
    assert (REPO / REPLICA).is_file()
    assert REPLICA in SERVE.read_text(encoding="utf-8")
    assert "deploy/nginx.conf.template" in SERVE.read_text(encoding="utf-8")
    source, target = nginx["volumes"][0].rstrip(":ro").rsplit(":", 1)
    assert (COMPOSE.parent / source).resolve() == TEMPLATE
    assert target == "/etc/nginx/templates/default.conf.template"
    assert template_names() <= set(nginx["environment"])  # every placeholder is filled in
    build = app["build"]
    assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE


def test_compose_secrets_come_from_the_environment_not_the_file(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    assert "${SQ_PG_PASSWORD:?" in text and "${SQ_COOKIE_SECRET:?" in text
    app = compose["services"]["app"]["environment"]
    assert app["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${")  # one secret for all replicas


def test_dockerfile_is_multistage_nonroot_with_healthcheck():
    text = DOCKERFILE.read_text(encoding="utf-8")
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, flags=re.MULTILINE)
    assert stages == ["build", "runtime"]
    runtime = text.split("AS runtime", 1)[1]
    assert re.search(r"^USER sociale$", runtime, flags=re.MULTILINE)
    assert "HEALTHCHECK" in runtime and "/_stcore/health" in runtime
    assert f'CMD ["bash", "{REPLICA}"]' in runtime
    build = text.split("AS build", 1)[1].split("AS runtime", 1)[0]
    assert "bash scripts/setup.sh" in build  # requirements, Leaflet and the store: same script
    assert "from=rawdata" in build and "SQ_RAW_DIR=/raw" in build


def test_nginx_template_is_sticky_and_proxies_websockets():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert "hash $sq_route consistent;" in text
    assert "location /_stcore/stream" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_read_timeout 1d;" in text
    assert "proxy_set_header X-Forwarded-Host $http_host;" in text  # never the client's own
    # a slow replica keeps its sessions: only a refused or broken connection fails over
    (retry,) = [
        line for line in text.splitlines() if line.strip().startswith("proxy_next_upstream ")
    ]
    assert "error" in retry and "timeout" not in retry


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx not installed")
def test_rendered_template_passes_nginx_syntax_check(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("${SQ_LISTEN}", "127.0.0.1:1").replace(
        "${SQ_UPSTREAM_SERVERS}", "server 127.0.0.1:2; server 127.0.0.1:3;"
    )
    assert "${" not in text
    (tmp_path / "site.conf").write_text(text)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/b; proxy_temp_path"
        f" {tmp_path}/p; fastcgi_temp_path {tmp_path}/f; uwsgi_temp_path {tmp_path}/u;"
        f" scgi_temp_path {tmp_path}/s; include {tmp_path}/site.conf; }}\n"
    )
    done = subprocess.run(
        [NGINX, "-t", "-q", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c",
         str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("script", ["scripts/serve.sh", "scripts/run_replica.sh"])
def test_scripts_parse(script):
    assert subprocess.run(["bash", "-n", str(REPO / script)], timeout=10).returncode == 0


def test_serve_refuses_bad_arguments():
    done = subprocess.run(
        ["bash", str(SERVE), "--replicas", "0"], capture_output=True, text=True, timeout=10
    )
    assert done.returncode == 2 and "--replicas" in done.stderr


def test_runtime_folders_are_git_ignored():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert {"data/run/", "data/pg/", "data/pg.password"} <= set(ignored)


def test_readme_hosting_section_matches_the_scripts():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hosting", 1)[1].split("\n## ", 1)[0]
    replica = (REPO / REPLICA).read_text(encoding="utf-8")
    for flag, value in re.findall(r"--server\.(\w+) (\w+)", replica):
        if flag in {"address", "port"}:
            continue
        assert flag in section, f"server.{flag} is not described in the README"
        if value.isdigit():
            assert f"{flag}={value}" in section, f"README gives another value for {flag}"
    for name in ("SQ_ALLOWED_HOSTS", "SQ_SESSION_TTL", "STREAMLIT_SERVER_COOKIE_SECRET"):
        assert name in replica and name in section
    assert "SQ_PUBLIC_URL" in section and "SQ_REMARKS_URL" in section


def test_nginx_lets_browsers_keep_the_hashed_boundary_files():
    text = TEMPLATE.read_text(encoding="utf-8")
    block = text[text.index("location /app/static/geo/") :]
    block = block[: block.index("}")]
    assert 'Cache-Control "public, max-age=31536000, immutable"' in block
    assert "nosniff" in block  # the server's headers are repeated, not lost
