"""The remarks database: one SQLAlchemy metadata, the engine, the schema and the remark writes.

SQLite (WAL, busy timeout, full fsync) by default; PostgreSQL (psycopg 3) or any SQLAlchemy URL
when configured. Every write is its own committed transaction, so a confirmed remark survives a
killed server. Other features add their tables to `metadata` and `create_schema` creates them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import (
    Boolean,
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
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from sq.remarks.export import remarks_csv
from sq.remarks.model import Remark, RemarkError, RemarksUnavailableError
from sq.remarks.validation import MAX_MEETING_CHARS, clean_body, validate_remark

BUSY_TIMEOUT_MS: Final = 30_000
CONNECT_TIMEOUT_S: Final = 5
"""A PostgreSQL server that does not answer within this time counts as down."""
SCHEMA_LOCK: Final = 7_301_004
"""PostgreSQL advisory lock key: replicas starting together create the schema one at a time."""

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
    # added for named facilitators (issue 7); older files get them by `_add_missing_columns`
    Column("author", String(60), nullable=True),
    Column("status", String(12), nullable=True),  # NULL in old rows means "active"
    Column("replaces", Integer, nullable=True),
    Column("changed_by", String(60), nullable=True),
    Column("changed_at", DateTime, nullable=True),
)
Index("ix_remarks_region_code", remarks_table.c.region_code)
accounts_table = Table(
    "facilitators",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("password_hash", String(200), nullable=False),  # argon2id, never the passphrase
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime, nullable=True),
)
attempts_table = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account", String(60), nullable=False),  # as typed (normalised), known or not
    Column("client", String(64), nullable=False),
    Column("at", DateTime, nullable=False),  # naive UTC
    Column("ok", Boolean, nullable=False),
)
Index("ix_login_attempts_account", attempts_table.c.account, attempts_table.c.at)
Index("ix_login_attempts_client", attempts_table.c.client, attempts_table.c.at)


def is_sqlite(url: str) -> bool:
    """Tell whether a URL points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def _is_memory_sqlite(url: str) -> bool:
    """Tell whether a URL is an in-memory SQLite database."""
    return is_sqlite(url) and make_url(url).database in (None, "", ":memory:")


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and full fsync on commit."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
        )
    if not is_sqlite(url):
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


def _add_missing_columns(conn: Any) -> None:
    """Add columns declared in `metadata` but missing in an older database (all nullable)."""
    inspector = inspect(conn)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def create_schema(engine: Engine) -> None:
    """Create every table of `metadata` and add new columns to old tables, once per database."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
        metadata.create_all(conn, checkfirst=True)
        _add_missing_columns(conn)


def open_engine(url: str) -> Engine:
    """Return an engine with the schema in place; RemarksUnavailableError when unreachable."""
    engine = make_engine(url)
    try:
        create_schema(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise RemarksUnavailableError(str(exc)) from exc
    return engine


def now_utc() -> datetime:
    """Return the current time in UTC to the second (stored naive, read back as UTC)."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(value: datetime | str | None) -> datetime | None:
    """Read a stored naive-UTC time back as a timezone-aware one."""
    if value is None:
        return None
    if isinstance(value, str):  # defensive: SQLite may hand back text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _row_to_remark(row: Any) -> Remark:
    """Turn a database row into a Remark with timezone-aware times."""
    return Remark(
        id=int(row.id),
        region_code=row.region_code,
        condition=row.condition,
        text=row.text,
        meeting=row.meeting or "",
        meeting_date=row.meeting_date,
        created_at=as_utc(row.created_at) or now_utc(),
        author=row.author or "",
        status=row.status or "active",
        replaces=row.replaces,
        changed_by=row.changed_by or "",
        changed_at=as_utc(row.changed_at),
    )


_ORDER: Final = (
    remarks_table.c.meeting_date.is_(None),
    remarks_table.c.meeting_date,
    remarks_table.c.id,
)
_VISIBLE: Final = func.coalesce(remarks_table.c.status, "active") == "active"


class RemarksStore:
    """Durable store of residents' remarks; each write is its own committed transaction."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        """Open (and create if needed) the remarks database at a SQLAlchemy URL."""
        self.url = url
        self.engine = engine or open_engine(url)

    def add(
        self,
        region_code: str,
        condition: str,
        text: str,
        meeting: str = "",
        meeting_date: date | str | None = None,
        *,
        author: str = "",
        today: date | None = None,
    ) -> Remark:
        """Validate and store one remark; returns only after the commit is durable."""
        code, cond, body, name, when = validate_remark(
            region_code, condition, text, meeting, meeting_date, today=today
        )
        created = now_utc()
        values = {
            "region_code": code,
            "condition": cond,
            "text": body,
            "meeting": name,
            "meeting_date": when,
            "created_at": created.replace(tzinfo=None),
            "author": author or None,
            "status": "active",
        }
        with self.engine.begin() as conn:
            new_id = int(
                conn.execute(insert(remarks_table).values(**values)).inserted_primary_key[0]
            )
        return Remark(new_id, code, cond, body, name, when, created, author)

    def get(self, remark_id: int) -> Remark | None:
        """Return one stored version by id, whatever its status."""
        query = select(remarks_table).where(remarks_table.c.id == int(remark_id))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _row_to_remark(row) if row else None

    def _retire(self, conn: Any, remark_id: int, status: str, account: str) -> Any:
        """Mark an active version corrected/withdrawn; return its row or raise RemarkError."""
        stamp = now_utc().replace(tzinfo=None)
        done = conn.execute(
            update(remarks_table)
            .where(remarks_table.c.id == int(remark_id), _VISIBLE)
            .values(status=status, changed_by=account or None, changed_at=stamp)
        )
        if done.rowcount != 1:
            raise RemarkError("Deze opmerking is al aangepast of ingetrokken.")
        return conn.execute(select(remarks_table).where(remarks_table.c.id == int(remark_id))).one()

    def correct(self, remark_id: int, new_text: str, *, author: str) -> Remark:
        """Replace a remark's text: the old version stays as an audit row, hidden from visitors."""
        body = clean_body(new_text)
        created = now_utc()
        with self.engine.begin() as conn:
            old = self._retire(conn, remark_id, "corrected", author)
            values = {
                "region_code": old.region_code,
                "condition": old.condition,
                "text": body,
                "meeting": old.meeting or "",
                "meeting_date": old.meeting_date,
                "created_at": created.replace(tzinfo=None),
                "author": author or None,
                "status": "active",
                "replaces": int(old.id),
            }
            new_id = conn.execute(insert(remarks_table).values(**values)).inserted_primary_key[0]
        found = self.get(int(new_id))
        assert found is not None
        return found

    def withdraw(self, remark_id: int, *, author: str) -> None:
        """Withdraw a remark: kept as an audit row, no longer shown to visitors."""
        with self.engine.begin() as conn:
            self._retire(conn, remark_id, "withdrawn", author)

    def for_region(self, code: str) -> list[Remark]:
        """Return the visible remarks of one area, oldest meeting first."""
        query = (
            select(remarks_table)
            .where(remarks_table.c.region_code == code.strip(), _VISIBLE)
            .order_by(*_ORDER)
        )
        with self.engine.connect() as conn:
            return [_row_to_remark(row) for row in conn.execute(query)]

    def list_all(self, *, include_hidden: bool = False) -> list[Remark]:
        """Return remarks in the order they were stored; with hidden versions for the audit."""
        query = select(remarks_table).order_by(remarks_table.c.id)
        if not include_hidden:
            query = query.where(_VISIBLE)
        with self.engine.connect() as conn:
            return [_row_to_remark(row) for row in conn.execute(query)]

    def count(self, region_code: str | None = None) -> int:
        """Count visible remarks, in total or for one area."""
        query = select(func.count()).select_from(remarks_table).where(_VISIBLE)
        if region_code is not None:
            query = query.where(remarks_table.c.region_code == region_code.strip())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def to_csv(self, *, audit: bool = False) -> bytes:
        """Export remarks as CSV for Excel; with audit: every version, author and status."""
        return remarks_csv(self.list_all(include_hidden=audit), audit=audit)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
