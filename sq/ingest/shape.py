"""Has a table kept its shape? Check measures and dimensions before a download is used.

The measures and dimensions the catalogue (and the previous download) rely on must still be
there, or the new download is refused and the old one stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sq.ingest.http import FetchError


@dataclass(frozen=True)
class Expected:
    """What a table must still hold: measure keys and dimension keys."""

    measures: frozenset[str] = field(default_factory=frozenset)
    dimensions: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        """Tell whether anything is expected at all."""
        return bool(self.measures or self.dimensions)


def parse_variable(variable: str) -> tuple[str, frozenset[str]]:
    """Split a catalogue variable ``Measure|Dim=code|...`` into (measure, dimension keys)."""
    measure, *parts = variable.split("|")
    dims = frozenset(p.split("=", 1)[0] for p in parts if "=" in p)
    return measure, dims


def expected_from_variables(variables: Iterable[str]) -> Expected:
    """Collect the measures and dimensions a set of catalogue variables needs."""
    measures: set[str] = set()
    dims: set[str] = set()
    for variable in variables:
        measure, keys = parse_variable(variable)
        measures.add(measure)
        dims |= keys
    return Expected(frozenset(measures), frozenset(dims))


def check_shape(
    table_id: str,
    measures: Iterable[str],
    dimensions: Iterable[str],
    expected: Expected | None,
    previous_dimensions: Iterable[str] = (),
) -> None:
    """Raise a Dutch FetchError naming the table when a needed measure or dimension is gone."""
    have_measures, have_dims = set(measures), set(dimensions)
    need_dims = set(previous_dimensions) | set(expected.dimensions if expected else ())
    gone_measures = sorted(set(expected.measures if expected else ()) - have_measures)
    gone_dims = sorted(need_dims - have_dims)
    if not gone_measures and not gone_dims:
        return
    parts = []
    if gone_measures:
        parts.append("onderwerp(en) " + ", ".join(gone_measures) + " ontbreken")
    if gone_dims:
        new = sorted(have_dims - need_dims)
        parts.append(
            "dimensie(s) "
            + ", ".join(gone_dims)
            + " ontbreken"
            + (f" (nu wel: {', '.join(new)})" if new else "")
        )
    raise FetchError(
        f"Tabel {table_id} heeft een andere vorm dan verwacht: {'; '.join(parts)}. "
        "De nieuwe download is niet gebruikt; de vorige gegevens blijven staan. "
        "Pas de catalogus (data/indicators.toml) aan als CBS de tabel echt heeft veranderd."
    )
