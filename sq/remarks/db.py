"""Residents' remarks per area and condition: validated, durable, exportable, shown as text.

Stores no personal data: only the area, the condition, the remark, the meeting and dates.
SQLite (WAL, busy timeout) by default; any SQLAlchemy URL (e.g. PostgreSQL) when configured.
"""

from __future__ import annotations

import csv
import hmac
import html
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlalchemy.schema import CreateIndex, CreateTable

from sq.codes import is_valid_code
from sq.config import DATA_DIR

CONDITIONS: Final = (
    "sociaaleconomische_zekerheid",
    "sociale_cohesie",
    "sociale_empowerment",
    "sociale_inclusie",
    "algemeen",
)
CONDITION_LABELS: Final = {
    "sociaaleconomische_zekerheid": "Sociaaleconomische zekerheid",
    "sociale_cohesie": "Sociale cohesie",
    "sociale_empowerment": "Sociale empowerment",
    "sociale_inclusie": "Sociale inclusie",
    "algemeen": "Algemeen",
}
MAX_TEXT_CHARS: Final = 2000
MAX_MEETING_CHARS: Final = 120
MAX_DAYS_AHEAD: Final = 7
"""A meeting date may lie a little ahead (typed in advance), not months or years."""
EARLIEST_MEETING: Final = date(2000, 1, 1)
DEFAULT_REMARKS_PATH: Final = DATA_DIR / "remarks" / "remarks.sqlite"
BUSY_TIMEOUT_MS: Final = 30_000
Mode = Literal["write", "read", "off"]
MODES: Final[dict[str, Mode]] = {"write": "write", "read": "read", "off": "off"}

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS: Final = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

metadata = MetaData()
remarks_table = Table(
    "remarks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region_code", String(60), nullable=False),
    Column("condition", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("meeting", String(MAX_MEETING_CHARS), nullable=False, default=""),
    Column("meeting_date", Date, nullable=True),
    Column("created_at", DateTime, nullable=False),  # naive UTC
)
_region_index = Index("ix_remarks_region_code", remarks_table.c.region_code)


class RemarkError(ValueError):
    """A remark that cannot be stored; the message is Dutch and can be shown as is."""


@dataclass(frozen=True)
class Remark:
    """One stored remark of residents about an area and a condition."""

    id: int
    region_code: str
    condition: str
    text: str
    meeting: str
    meeting_date: date | None
    created_at: datetime


@dataclass(frozen=True)
class RemarksSettings:
    """Where remarks live and whether this deployment may show or write them."""

    url: str
    passphrase: str | None
    mode: Mode
    notice: str = ""


def default_remarks_url() -> str:
    """Return the SQLite URL of the default remarks file under data/remarks/."""
    return f"sqlite:///{DEFAULT_REMARKS_PATH}"


def _clean_text(raw: str) -> str:
    """Normalise line ends, drop control characters (not newlines or tabs) and strip."""
    text = unicodedata.normalize("NFC", str(raw)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text).strip()


def _clean_date(raw: date | str | None, today: date) -> date | None:
    """Validate a meeting date: a real date, not before 2000, not far in the future."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, str):
        try:
            raw = date.fromisoformat(raw.strip())
        except ValueError as exc:
            raise RemarkError("De datum van de bijeenkomst is geen geldige datum.") from exc
    if not isinstance(raw, date):
        raise RemarkError("De datum van de bijeenkomst is geen geldige datum.")
    if raw > today + timedelta(days=MAX_DAYS_AHEAD):
        raise RemarkError("De datum van de bijeenkomst ligt te ver in de toekomst.")
    if raw < EARLIEST_MEETING:
        raise RemarkError("De datum van de bijeenkomst ligt te ver in het verleden.")
    return raw


def validate_remark(
    region_code: str,
    condition: str,
    text: str,
    meeting: str = "",
    meeting_date: date | str | None = None,
    *,
    today: date | None = None,
) -> tuple[str, str, str, str, date | None]:
    """Check and clean a remark's fields; raise RemarkError with a Dutch message."""
    code = str(region_code or "").strip()
    if not is_valid_code(code):
        raise RemarkError("Dit gebied kennen we niet. Kies eerst een gebied.")
    cond = str(condition or "").strip().lower()
    if cond not in CONDITIONS:
        raise RemarkError("Kies bij welke voorwaarde de opmerking hoort.")
    body = _clean_text(text or "")
    if not body:
        raise RemarkError("De opmerking is leeg. Schrijf eerst wat er gezegd is.")
    if len(body) > MAX_TEXT_CHARS:
        raise RemarkError(
            f"De opmerking is te lang ({len(body)} tekens). Het maximum is {MAX_TEXT_CHARS}."
        )
    name = " ".join(_clean_text(meeting or "").split())
    if len(name) > MAX_MEETING_CHARS:
        raise RemarkError(
            f"De naam van de bijeenkomst is te lang. Het maximum is {MAX_MEETING_CHARS} tekens."
        )
    when = _clean_date(meeting_date, today or date.today())
    return code, cond, body, name, when


def _is_memory_sqlite(url: str) -> bool:
    """Tell whether a URL is an in-memory SQLite database."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def _make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and full fsync on commit."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if _is_memory_sqlite(url):
        return create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # a confirmed remark survives a crash
        cursor.close()

    return engine


def _row_to_remark(row: Any) -> Remark:
    """Turn a database row into a Remark with a timezone-aware creation time."""
    created = row.created_at
    if isinstance(created, str):  # defensive: SQLite may hand back text
        created = datetime.fromisoformat(created)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return Remark(
        id=int(row.id),
        region_code=row.region_code,
        condition=row.condition,
        text=row.text,
        meeting=row.meeting or "",
        meeting_date=row.meeting_date,
        created_at=created,
    )


class RemarksStore:
    """Durable store of residents' remarks; each write is its own committed transaction."""

    def __init__(self, url: str) -> None:
        """Open (and create if needed) the remarks table at a SQLAlchemy URL."""
        self.url = url
        self.engine = _make_engine(url)
        with self.engine.begin() as conn:
            conn.execute(CreateTable(remarks_table, if_not_exists=True))
            conn.execute(CreateIndex(_region_index, if_not_exists=True))

    def add(
        self,
        region_code: str,
        condition: str,
        text: str,
        meeting: str = "",
        meeting_date: date | str | None = None,
        *,
        today: date | None = None,
    ) -> Remark:
        """Validate and store one remark; returns only after the commit is on disk."""
        code, cond, body, name, when = validate_remark(
            region_code, condition, text, meeting, meeting_date, today=today
        )
        created = datetime.now(UTC).replace(microsecond=0)
        values = {
            "region_code": code,
            "condition": cond,
            "text": body,
            "meeting": name,
            "meeting_date": when,
            "created_at": created.replace(tzinfo=None),
        }
        with self.engine.begin() as conn:
            result = conn.execute(insert(remarks_table).values(**values))
            new_id = int(result.inserted_primary_key[0])
        return Remark(new_id, code, cond, body, name, when, created)

    def for_region(self, code: str) -> list[Remark]:
        """Return the remarks of one area, oldest meeting first."""
        query = (
            select(remarks_table)
            .where(remarks_table.c.region_code == code.strip())
            .order_by(
                remarks_table.c.meeting_date.is_(None),
                remarks_table.c.meeting_date,
                remarks_table.c.id,
            )
        )
        with self.engine.connect() as conn:
            return [_row_to_remark(row) for row in conn.execute(query)]

    def list_all(self) -> list[Remark]:
        """Return every remark in the order they were stored."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(remarks_table).order_by(remarks_table.c.id))
            return [_row_to_remark(row) for row in rows]

    def count(self, region_code: str | None = None) -> int:
        """Count remarks, in total or for one area."""
        query = select(func.count()).select_from(remarks_table)
        if region_code is not None:
            query = query.where(remarks_table.c.region_code == region_code.strip())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def to_csv(self) -> bytes:
        """Export all remarks as CSV for Excel (see `remarks_csv`)."""
        return remarks_csv(self.list_all())

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()


CSV_HEADER: Final = (
    "nummer",
    "gebiedscode",
    "voorwaarde",
    "opmerking",
    "bijeenkomst",
    "datum_bijeenkomst",
    "vastgelegd_op_utc",
)


def csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas: prefix cells starting with = + - @ with a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def remarks_csv(remarks: list[Remark]) -> bytes:
    """Write remarks as UTF-8 CSV with BOM and ';' separator, as Dutch Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in remarks:
        cells = (
            str(r.id),
            r.region_code,
            r.condition,
            r.text,
            r.meeting,
            r.meeting_date.isoformat() if r.meeting_date else "",
            r.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        )
        writer.writerow([csv_safe(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def dutch_date(day: date) -> str:
    """Format a date the Dutch way: 3 maart 2025."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def remark_html(r: Remark) -> str:
    """Render a remark as escaped HTML: whatever residents typed shows as text, never markup."""
    meta = [dutch_date(r.meeting_date)] if r.meeting_date else []
    if r.meeting:
        meta.append(r.meeting)
    meta.append(CONDITION_LABELS.get(r.condition, r.condition))
    meta_html = " · ".join(html.escape(part, quote=True) for part in meta)
    body = "<br>".join(html.escape(line, quote=True) for line in r.text.split("\n"))
    return (
        '<div class="sq-remark">'
        f'<p class="sq-remark-meta">{meta_html}</p>'
        f'<p class="sq-remark-text">{body}</p>'
        "</div>"
    )


def check_passphrase(given: str, expected: str | None) -> bool:
    """Compare a typed passphrase in constant time; no expected passphrase means no writing."""
    if not expected or not given:
        return False
    a = unicodedata.normalize("NFC", given).encode("utf-8")
    b = unicodedata.normalize("NFC", expected).encode("utf-8")
    return hmac.compare_digest(a, b)


def _lookup(source: Mapping[str, Any], key: str) -> str | None:
    """Read a non-empty string setting from a mapping; st.secrets without a file counts as empty."""
    try:
        value = source.get(key)
    except FileNotFoundError:  # st.secrets raises this when no secrets.toml exists
        return None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def remarks_settings(env: Mapping[str, str], secrets: Mapping[str, Any]) -> RemarksSettings:
    """Decide URL, passphrase and mode from environment and secrets; writing needs a passphrase."""
    url = _lookup(env, "SQ_REMARKS_URL") or _lookup(secrets, "remarks_url") or default_remarks_url()
    passphrase = _lookup(secrets, "remarks_passphrase") or _lookup(env, "SQ_FACILITATOR_PASSPHRASE")
    asked = (_lookup(env, "SQ_REMARKS_MODE") or "").lower()
    if not asked:
        mode: Mode = "write" if passphrase else "read"
        return RemarksSettings(url, passphrase, mode)
    if asked not in MODES:
        return RemarksSettings(
            url, passphrase, "read", f"Onbekende stand '{asked}' voor opmerkingen; alleen lezen."
        )
    if asked == "write" and not passphrase:
        return RemarksSettings(
            url,
            None,
            "read",
            "Opmerkingen vastleggen staat uit: er is geen wachtwoord voor begeleiders ingesteld.",
        )
    return RemarksSettings(url, passphrase, MODES[asked])
