# syntax=docker/dockerfile:1.7
# Sociale Basis as a container image: one Streamlit replica per container (deploy/compose.yaml
# runs N of them behind nginx). The store is built from the raw data when the image is built,
# never inside a visitor's request. Build with the raw sources as a named context:
#   docker build --build-context rawdata=../shared/data -t sociale-basis .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: requirements (PyPI) and Leaflet (npm) through scripts/setup.sh, then the store ---
FROM ${PYTHON_IMAGE} AS build
WORKDIR /app
# setup.sh installs what it misses itself (nodejs npm fonts-dejavu-core); as root here.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm \
        fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY requirements.txt package.json package-lock.json ./
RUN python -m venv .venv && .venv/bin/pip install -q --no-cache-dir -r requirements.txt
COPY . .
RUN --mount=type=bind,from=rawdata,target=/raw \
    SQ_RAW_DIR=/raw PYTHON=python bash scripts/setup.sh \
    && rm -rf node_modules

# --- runtime: no compilers, no npm, no raw data; a non-root user ---
FROM ${PYTHON_IMAGE} AS runtime
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sociale
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/data/remarks && chown sociale /app/data/remarks
USER sociale
ENV SQ_PYTHON=/app/.venv/bin/python \
    SQ_PORT=8501 \
    SQ_ADDRESS=0.0.0.0 \
    PYTHONDONTWRITEBYTECODE=1
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
# The same command scripts/serve.sh runs for each native replica.
CMD ["bash", "scripts/run_replica.sh"]
