"""Where things live: raw data, the generated store, vendored web assets.

Paths resolve from the package, never from the working directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CATALOGUE_PATH = DATA_DIR / "indicators.toml"


def catalogue_path() -> Path:
    """Return the indicator catalogue: $SQ_CATALOGUE (a variant, as in tests), else data/.

    Conditions and units are always read from the shipped catalogue.
    """
    env = os.environ.get("SQ_CATALOGUE")
    return Path(env).expanduser().resolve() if env else CATALOGUE_PATH


def raw_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the raw folder: argument, $SQ_RAW_DIR, data/raw/, else ../shared/data/."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("SQ_RAW_DIR")
    if env:
        return Path(env).expanduser().resolve()
    local = DATA_DIR / "raw"
    if local.is_dir() and any(local.iterdir()):
        return local
    return (PROJECT_ROOT.parent / "shared" / "data").resolve()


def raw_dirs(explicit: str | os.PathLike[str] | None = None) -> list[Path]:
    """Return the raw folders a build reads, first one wins where they overlap.

    With an argument or $SQ_RAW_DIR: only that folder. Otherwise data/raw/ (where `sq fetch`
    writes) on top of the shared mirror ../shared/data/, whichever of the two exist.
    """
    if explicit or os.environ.get("SQ_RAW_DIR"):
        return [raw_dir(explicit)]
    candidates = [DATA_DIR / "raw", (PROJECT_ROOT.parent / "shared" / "data").resolve()]
    found = [p for p in candidates if p.is_dir() and any(p.iterdir())]
    return found or [raw_dir()]


def fetch_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return where `sq fetch` writes: argument, else $SQ_RAW_DIR, else data/raw/."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("SQ_RAW_DIR")
    return Path(env).expanduser().resolve() if env else DATA_DIR / "raw"


def store_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder of the generated store: argument, else $SQ_STORE_DIR, else data/store/."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("SQ_STORE_DIR")
    return Path(env).expanduser().resolve() if env else DATA_DIR / "store"


DEFAULT_PAGE_RUNS = 3
"""Page runs a replica works on at once unless $SQ_PAGE_RUNS says otherwise."""


def page_runs(environ: Mapping[str, str] = os.environ) -> int:
    """Return how many page runs one replica works on at once ($SQ_PAGE_RUNS, 1 to 64).

    Every visitor's click runs the page in a thread of its own; with 20 at once on 2 CPUs each
    run only gets slower (one interpreter lock) while all of them hold their working memory.
    Anything that is not a whole number in range gives the default.
    """
    raw = environ.get("SQ_PAGE_RUNS", "").strip()
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 64 else DEFAULT_PAGE_RUNS
