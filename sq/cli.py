"""Command line: `python -m sq build | coverage | export | fetch | refresh | facilitator`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from sq.analysis.coverage import coverage_table, markdown_table
from sq.analysis.export import region_rows, spreadsheet_safe
from sq.build.pipeline import BuildError, BuildReport, SourceReport, build
from sq.catalogue import load_catalogue
from sq.codes import clean_code, is_valid_code
from sq.config import fetch_dir, raw_dirs, store_dir
from sq.remarks import admin
from sq.remarks.admin import SECRETS_FILE, read_secrets
from sq.remarks.db import is_sqlite
from sq.remarks.model import RemarksUnavailableError
from sq.remarks.own_figures import OwnFigure, OwnFiguresStore
from sq.remarks.settings import remarks_settings
from sq.store.loader import StoreMissingError, open_store


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sq", description="Sociale Basis gegevens")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="bouw de gegevensopslag uit de bronbestanden")
    p_build.add_argument("--raw", help="map met bronbestanden")
    p_build.add_argument("--store", help="map voor de gegevensopslag")
    p_build.add_argument(
        "--force", action="store_true", help="bouw opnieuw, ook als niets veranderde"
    )
    p_cov = sub.add_parser("coverage", help="welke indicatoren, niveaus en jaren er zijn")
    p_cov.add_argument("--format", choices=["table", "markdown", "json"], default="table")
    p_cov.add_argument("--store", help="map van de gegevensopslag")
    p_exp = sub.add_parser("export", help="alle cijfers van één gebied")
    p_exp.add_argument("--region", required=True, help="gebiedscode, bijv. GM0080")
    p_exp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p_exp.add_argument("--store", help="map van de gegevensopslag")
    p_exp.add_argument(
        "--remarks-url",
        help="database met eigen gegevens (standaard SQ_REMARKS_URL of secrets.toml)",
    )
    p_exp.add_argument(
        "--zonder-eigen", action="store_true", help="laat eigen gegevens (uploads) weg"
    )
    p_fetch = sub.add_parser("fetch", help="download een tabel van CBS/RIVM of grenzen van PDOK")
    p_fetch.add_argument("table", help="tabelnummer (85984NED) of pdok:<niveau>:<jaar>")
    p_fetch.add_argument("--raw", help="map waarin de download komt (standaard data/raw/)")
    p_ref = sub.add_parser(
        "refresh", help="haal alle tabellen en grenzen opnieuw op, bouw en meld wat veranderde"
    )
    p_ref.add_argument("--raw", help="map waarin de downloads komen (standaard data/raw/)")
    p_ref.add_argument("--store", help="map voor de gegevensopslag")
    p_ref.add_argument(
        "--years",
        help="jaren voor wijk- en buurtgrenzen, bijv. 2023,2024 (standaard: uit de opslag)",
    )
    p_geo = sub.add_parser("geometry-files", help="schrijf de grenzen voor de kaart (static/geo/)")
    p_geo.add_argument("--store", help="map van de gegevensopslag")
    admin.add_parser(sub)
    return parser


def _print_source(src: SourceReport) -> None:
    """Print one source's status line, skipped files and messages."""
    line = f"- {src.source}: {src.status}"
    if src.status == "gelezen":
        line += f", {src.raw_rows:,} rijen gelezen, {src.kept_rows:,} gebruikt ({src.seconds} s)"
    print(line)
    for name, reason in src.files_skipped.items():
        print(f"    overgeslagen: {name}: {reason}")
    for message in src.messages:
        print(f"    {message}")


def _print_matches(report: BuildReport) -> None:
    """Print the names without a code and the matched Heerenveen villages."""
    if report.unmatched:
        print(f"\nNamen zonder code ({len(report.unmatched)}):")
        for item in report.unmatched:
            print(f"  - {item['source']}: {item['name']} ({item['year']})")
    if report.matched_villages:
        print("\nDorpen/gebieden van Heerenveen:")
        for item in report.matched_villages:
            print(f"  - {item.get('name')} -> {item.get('region_code')} ({item.get('level')})")


def print_report(report: BuildReport) -> None:
    """Print the build report in plain Dutch."""
    if report.skipped_build:
        return
    print("\nBouwverslag")
    for src in report.sources:
        _print_source(src)
    for folder in report.unknown_folders:
        print(f"- onbekende map overgeslagen: {folder}")
    _print_matches(report)
    print("\nTotaal: " + ", ".join(f"{k} {v:,}" for k, v in report.totals.items()))
    print(f"Duur {report.seconds} s, piekgeheugen {report.peak_memory_mb:.0f} MB")


def cmd_build(args: argparse.Namespace) -> int:
    """Build the store; exit 1 with a Dutch message when the raw folder is missing."""
    try:
        report = build(raw_dirs(args.raw), store_dir(args.store), force=args.force)
    except (FileNotFoundError, BuildError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    print_report(report)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print the coverage per indicator."""
    table = coverage_table(open_store(store_dir(args.store)), load_catalogue())
    if args.format == "json":
        print(json.dumps(table.to_dict("records"), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(markdown_table(table))
    else:
        print(table.to_string(index=False))
    return 0


def own_figures_of(code: str, url: str | None) -> list[OwnFigure]:
    """Read an area's own figures from the remarks database; warn (not fail) when unreachable."""
    url = url or remarks_settings(os.environ, read_secrets(SECRETS_FILE)).url
    database = make_url(url).database if is_sqlite(url) else None
    if database and database != ":memory:" and not Path(database).exists():
        return []  # no remarks database yet, so no uploads: do not create one by exporting
    try:
        return OwnFiguresStore(url).for_region(code)
    except (SQLAlchemyError, RemarksUnavailableError, OSError):
        print("Let op: de database met eigen gegevens is niet bereikbaar; alleen de officiële "
              "cijfers staan in de export.", file=sys.stderr)  # fmt: skip
        return []


def cmd_export(args: argparse.Namespace) -> int:
    """Print one region's tidy rows; exit 2 for an unknown or malformed code."""
    code = clean_code(args.region)
    if not code or not is_valid_code(code):
        print(f"Fout: '{args.region}' is geen geldige gebiedscode (bijv. GM0080).", file=sys.stderr)
        return 2
    store = open_store(store_dir(args.store))
    if code not in set(store.regions["region_code"]):
        print(f"Fout: gebied {code} komt niet voor in de gegevens.", file=sys.stderr)
        return 2
    own = [] if args.zonder_eigen else own_figures_of(code, args.remarks_url)
    rows = region_rows(store, load_catalogue(), code, own)
    if args.format == "csv":
        sys.stdout.write(spreadsheet_safe(rows).to_csv(index=False))
    elif args.format == "json":
        print(rows.to_json(orient="records", force_ascii=False, indent=2))
    else:
        with_value = rows[rows["value"].notna()]
        print(with_value.drop(columns=["region_code"]).to_string(index=False))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Download a table or boundaries into the raw folder; Dutch message on failure.

    A table the catalogue names is fetched over the protocol(s) its keys belong to.
    """
    from sq.ingest.fetch import FetchError, run_fetch
    from sq.ingest.plan import table_plans

    plans = {p.table_id: p for p in table_plans(load_catalogue())}
    plan = plans.get(args.table.strip().upper())
    options = {"protocols": plan.protocols, "expected": plan.expected} if plan else {}
    try:
        report = run_fetch(args.table, fetch_dir(args.raw), **options)
    except FetchError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    print(f"Opgeslagen in {report.path}: {report.rows:,} rijen uit {report.pages} pagina('s).")
    for message in report.messages:
        print(f"  {message}")
    print("Voer `python -m sq build` uit om de nieuwe gegevens te gebruiken.")
    return 0


def _years(text: str | None) -> list[int] | None:
    """Parse '2023,2024' into years; ValueError with a Dutch message otherwise."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or not all(p.isdigit() and len(p) == 4 for p in parts):
        raise ValueError(f"'{text}' zijn geen jaren; gebruik bijvoorbeeld --years 2023,2024.")
    return sorted({int(p) for p in parts})


def cmd_refresh(args: argparse.Namespace) -> int:
    """Fetch, rebuild and report; exit 1 when the build failed, 2 when a fetch failed."""
    from sq.refresh import run_refresh

    try:
        years = _years(args.years)
    except ValueError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    target = fetch_dir(args.raw)
    dirs = [target] if args.raw else raw_dirs()
    report = run_refresh(target, dirs, store_dir(args.store), load_catalogue(), years=years)
    for line in report.lines():
        print(line)
    if report.build_error:
        return 1
    return 2 if report.failed else 0


def cmd_geometry_files(args: argparse.Namespace) -> int:
    """Write the map's static, content-hashed boundary files for every layer in the store."""
    from sq.render.geoassets import GEO_DIR, export_layers

    manifest = export_layers(open_store(Path(args.store) if args.store else None))
    print(f"{len(manifest.files)} grensbestanden in {GEO_DIR}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = _parser().parse_args(argv)
    commands = {
        "build": cmd_build,
        "coverage": cmd_coverage,
        "export": cmd_export,
        "fetch": cmd_fetch,
        "refresh": cmd_refresh,
        "geometry-files": cmd_geometry_files,
        "facilitator": admin.cmd_facilitator,
    }
    try:
        return commands[args.command](args)
    except StoreMissingError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `python -m sq export ... | head`
        sys.stderr.close()
        return 0
