"""Shared fixtures: the tiny fictional store."""

from __future__ import annotations

from pathlib import Path

import pytest

from sq.catalogue import Catalogue, load_catalogue
from sq.store.loader import Store
from tests.tiny_store import write_tiny_store


@pytest.fixture(scope="session")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store with fictional areas (Dorpum, Súdwest-Fjildum) written like `sq build` does."""
    return write_tiny_store(Path(tmp_path_factory.mktemp("tiny_store")))


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The project's real indicator catalogue."""
    return load_catalogue()


from tests.pg import pg_admin_url, pg_url, remarks_url  # noqa: E402,F401  (remarks on SQLite + PG)
