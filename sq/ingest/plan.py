"""What `sq refresh` fetches: every CBS table the catalogue names.

Per table: the protocols to try and the measures and dimensions the catalogue needs from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from sq.catalogue import Catalogue, SourceMapping
from sq.ingest.fetch import Protocol
from sq.ingest.shape import Expected, expected_from_variables

_SOURCE_RE: Final = re.compile(r"^cbs-odata(4?)-([0-9]{4,5}[A-Z]{3})$")


@dataclass
class TablePlan:
    """One table to fetch: protocols in the order to try, what each must still contain."""

    table_id: str
    protocols: tuple[Protocol, ...]
    expected: dict[Protocol, Expected] = field(default_factory=dict)


def _variables(mapping: SourceMapping) -> list[str]:
    """Return the source variables a catalogue mapping reads."""
    found = (mapping.variable, mapping.numerator, mapping.gemeente_variable)
    return [v for v in found if v]


def table_plans(catalogue: Catalogue) -> list[TablePlan]:
    """Every ``cbs-odata[4]-<TABLE>`` source of the catalogue; v4 first, v3 as fallback.

    A table is fetched over a protocol only when the catalogue names keys for it: v4 measure
    codes differ from v3 topic keys, so a v4 copy of a table known by v3 keys would light
    nothing up.
    """
    mappings = [m for i in catalogue.indicators for m in i.sources]
    mappings += list(catalogue.population_sources)
    needed: dict[str, dict[Protocol, list[str]]] = {}
    for mapping in mappings:
        match = _SOURCE_RE.match(mapping.source)
        if match:
            protocol: Protocol = "v4" if match.group(1) else "v3"
            per_table = needed.setdefault(match.group(2), {})
            per_table.setdefault(protocol, []).extend(_variables(mapping))
    plans = []
    for table_id, per_protocol in needed.items():
        protocols = tuple(p for p in ("v4", "v3") if p in per_protocol)
        expected = {p: expected_from_variables(v) for p, v in per_protocol.items()}
        plans.append(TablePlan(table_id, protocols, expected))  # type: ignore[arg-type]
    return plans
