"""Source adapters: one small module per source format in the raw mirror.

`adapters_for(raw_dir)` is the registry: mirror folder name (= source id) → adapter function.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Final

from sq.ingest.sources.base import SourceResult

ADAPTER_MODULES: Final = (
    "sq.ingest.sources.pdok",
    "sq.ingest.sources.cbs2022",
    "sq.ingest.sources.kwb2020",
    "sq.ingest.sources.kwb",
    "sq.ingest.sources.rivm",
    "sq.ingest.sources.statline",
    "sq.ingest.sources.leefbaarometer",
    "sq.ingest.sources.heerenveen",
    "sq.ingest.sources.streken",
)

Adapter = Callable[[Path], SourceResult]

FIXED_INDELING: Final = {
    "rivm-50090NED-gezondheid-wijk-buurt": 2020,
    "rivm-50120NED-ervaren-gezondheid-2022": 2022,
    "leefbaarometer-wijken": 2022,
}
"""Sources that publish every year on one set of boundaries (RIVM recomputed its estimates for
2012-2020 on the 2020 boundaries). Elsewhere a figure is on the boundaries of its own year."""


def known_adapters() -> dict[str, Adapter]:
    """Return the adapters for the fixed source folders, by folder name."""
    registry: dict[str, Adapter] = {}
    for name in ADAPTER_MODULES:
        registry.update(importlib.import_module(name).ADAPTERS)
    return registry


def adapters_for(raw_dir: Path) -> dict[str, Adapter]:
    """Return every adapter that applies to a raw folder, incl. fetched `cbs-odata-*` tables."""
    from sq.ingest.sources.fetched import adapters_for as odata_adapters

    registry = known_adapters()
    registry.update(odata_adapters(raw_dir))
    return registry
