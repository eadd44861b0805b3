import csv
import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sq.remarks.db import RemarksStore, is_sqlite
from sq.remarks.export import csv_safe, remark_html
from sq.remarks.model import CONDITIONS, Remark, RemarkError
from sq.remarks.settings import DEFAULT_REMARKS_PATH, remarks_settings
from sq.remarks.validation import MAX_MEETING_CHARS, MAX_TEXT_CHARS

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2025, 3, 10)


@pytest.fixture
def store_url(remarks_url: str) -> str:
    """Every store test runs on SQLite and on a real PostgreSQL (tests/pg.py)."""
    return remarks_url


@pytest.fixture
def store(store_url: str):
    s = RemarksStore(store_url)
    yield s
    s.close()


def _run_python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "leeg"),
        ({"text": "   \n\t  "}, "leeg"),
        ({"text": "\x00\x01"}, "leeg"),
        ({"text": "x" * (MAX_TEXT_CHARS + 1)}, "te lang"),
        ({"meeting": "m" * (MAX_MEETING_CHARS + 1)}, "bijeenkomst is te lang"),
        ({"region_code": "GM99"}, "gebied"),
        ({"region_code": "Dorpum"}, "gebied"),
        ({"region_code": ""}, "gebied"),
        ({"region_code": "GM9901; DROP TABLE remarks"}, "gebied"),
        ({"condition": "veiligheid"}, "voorwaarde"),
        ({"condition": ""}, "voorwaarde"),
        ({"meeting_date": date(2026, 1, 1)}, "toekomst"),
        ({"meeting_date": "2999-12-31"}, "toekomst"),
        ({"meeting_date": "1999-12-31"}, "verleden"),
        ({"meeting_date": "10-03-2025"}, "geen geldige datum"),
        ({"meeting_date": "morgen"}, "geen geldige datum"),
    ],
)
def test_add_refuses_invalid_remarks_with_dutch_message(store, fields, message):
    args = {
        "region_code": "GM9901",
        "condition": "sociale_cohesie",
        "text": "Het dorpshuis is te vaak dicht.",
        "meeting": "Dorpsavond Dorpum",
        "meeting_date": date(2025, 3, 4),
    }
    with pytest.raises(RemarkError, match=message):
        store.add(**{**args, **fields}, today=TODAY)
    assert store.count() == 0


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"text": "  Fijn dorp.  "}, {"text": "Fijn dorp."}),
        ({"text": "regel 1\r\nregel 2"}, {"text": "regel 1\nregel 2"}),
        ({"text": "x" * MAX_TEXT_CHARS}, {"text": "x" * MAX_TEXT_CHARS}),
        ({"text": "<script>alert(1)</script>"}, {"text": "<script>alert(1)</script>"}),
        ({"meeting": "  Dorpsavond   Dorpum "}, {"meeting": "Dorpsavond Dorpum"}),
        ({"meeting": ""}, {"meeting": ""}),
        ({"condition": " Sociale_Inclusie "}, {"condition": "sociale_inclusie"}),
        ({"region_code": " BU99010001 "}, {"region_code": "BU99010001"}),
        ({"region_code": "DP9901-dorpum"}, {"region_code": "DP9901-dorpum"}),
        ({"meeting_date": "2025-03-17"}, {"meeting_date": date(2025, 3, 17)}),
        ({"meeting_date": None}, {"meeting_date": None}),
        ({"meeting_date": ""}, {"meeting_date": None}),
        ({"meeting_date": datetime(2024, 5, 1, 20, 0)}, {"meeting_date": date(2024, 5, 1)}),
    ],
)
def test_add_cleans_and_stores(store, fields, expected):
    args = {"region_code": "GM9901", "condition": "algemeen", "text": "Fijn dorp."}
    remark = store.add(**{**args, **fields}, today=TODAY)
    for key, value in expected.items():
        assert getattr(remark, key) == value
    assert store.for_region(remark.region_code) == [remark]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_is_accepted(store, condition):
    assert store.add("GM9901", condition, "Iets").condition == condition


def test_add_returns_committed_remark_with_utc_time(store, store_url):
    before = datetime.now(UTC).replace(microsecond=0)
    remark = store.add("GM9901", "sociale_cohesie", "Iedereen kent elkaar.", "Dorpsavond")
    assert remark.id == 1
    assert before <= remark.created_at <= datetime.now(UTC)
    other = RemarksStore(store_url)  # a second connection sees it: it was committed
    assert other.for_region("GM9901") == [remark]
    other.close()


def test_for_region_filters_and_orders_by_meeting_date(store):
    store.add("GM9901", "algemeen", "later", meeting_date="2025-02-01", today=TODAY)
    store.add("GM9902", "algemeen", "ander gebied", meeting_date="2025-01-01", today=TODAY)
    store.add("GM9901", "algemeen", "zonder datum")
    store.add("GM9901", "algemeen", "eerder", meeting_date="2025-01-01", today=TODAY)
    assert [r.text for r in store.for_region("GM9901")] == ["eerder", "later", "zonder datum"]
    assert [r.text for r in store.for_region("GM9902")] == ["ander gebied"]
    assert store.for_region("GM9903") == []
    assert (store.count(), store.count("GM9901"), store.count("GM9903")) == (4, 3, 0)


def test_default_path_is_under_data_remarks():
    assert DEFAULT_REMARKS_PATH.parts[-3:] == ("data", "remarks", "remarks.sqlite")


def test_sqlite_file_is_in_wal_mode(tmp_path):
    import sqlite3

    store_url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    store = RemarksStore(store_url)
    assert is_sqlite(store_url)
    store.add("GM9901", "algemeen", "x")
    path = store_url.removeprefix("sqlite:///")
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --- concurrency and crashes ----------------------------------------------------------------


def test_threads_writing_at_once_lose_nothing(store_url):
    stores = [RemarksStore(store_url) for _ in range(4)]
    per_writer = 40
    barrier = threading.Barrier(len(stores) * 2)
    errors: list[BaseException] = []

    def write(s: RemarksStore, writer: int) -> None:
        barrier.wait()
        try:
            for i in range(per_writer):
                s.add("GM9901", "sociale_cohesie", f"schrijver {writer} opmerking {i}")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    # two threads per store: shared engine and separate engines both contend
    threads = [
        threading.Thread(target=write, args=(s, n * 2 + k))
        for n, s in enumerate(stores)
        for k in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    texts = {r.text for r in stores[0].for_region("GM9901")}
    expected = {f"schrijver {w} opmerking {i}" for w in range(8) for i in range(per_writer)}
    assert texts == expected
    assert stores[0].count() == 8 * per_writer
    for s in stores:
        s.close()


WRITER = """
import sys, time
from pathlib import Path
from sq.remarks.db import RemarksStore
url, name, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = RemarksStore(url)
while not go.exists():
    time.sleep(0.005)
for i in range(n):
    store.add("GM9901", "sociale_inclusie", f"{name} {i}")
print("done", flush=True)
"""


def test_two_processes_writing_at_once_lose_nothing(store_url, tmp_path):
    RemarksStore(store_url).close()  # create the file first, as the app does at start-up
    go = tmp_path / "go"
    n = 60
    procs = [_run_python(WRITER, store_url, name, str(n), str(go)) for name in ("a", "b")]
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    store = RemarksStore(store_url)
    texts = sorted(r.text for r in store.for_region("GM9901"))
    assert texts == sorted(f"{name} {i}" for name in ("a", "b") for i in range(n))
    store.close()


CRASHER = """
import sys, time
from sqlalchemy import insert
from datetime import datetime
from sq.remarks.db import RemarksStore, remarks_table
store = RemarksStore(sys.argv[1])
store.add("GM9901", "sociale_empowerment", "bevestigd")
print("confirmed", flush=True)
with store.engine.begin() as conn:
    for i in range(3):
        conn.execute(insert(remarks_table).values(
            region_code="GM9901", condition="algemeen", text=f"half {i}",
            meeting="", meeting_date=None, created_at=datetime(2025, 1, 1)))
    print("inside", flush=True)
    time.sleep(60)
"""


def test_kill_during_second_write_keeps_first_and_drops_partial_second(store_url):
    proc = _run_python(CRASHER, store_url)
    assert proc.stdout.readline().strip() == "confirmed"
    assert proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    store = RemarksStore(store_url)
    assert [r.text for r in store.list_all()] == ["bevestigd"]
    store.add("GM9901", "algemeen", "na de crash")  # the file is not left locked
    assert store.count() == 2
    store.close()


# --- CSV export -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("gewoon", "gewoon"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_to_csv_is_excel_friendly_and_injection_safe(store):
    store.add(
        "GM9901",
        "sociale_cohesie",
        '=HYPERLINK("http://x")',
        "@dorpshuis",
        "2025-03-04",
        today=TODAY,
    )
    store.add("DP9901-dorpum", "algemeen", 'Súdwest; "quotes"\nen een nieuwe regel')
    data = store.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["nummer", "gebiedscode", "voorwaarde", "opmerking"]
    assert rows[1][3] == '\'=HYPERLINK("http://x")'
    assert rows[1][4] == "'@dorpshuis"
    assert rows[1][5] == "2025-03-04"
    assert rows[2][1:4] == ["DP9901-dorpum", "algemeen", 'Súdwest; "quotes"\nen een nieuwe regel']
    assert len(rows) == 3


def test_to_csv_of_empty_store_has_only_header(store):
    assert store.to_csv().decode("utf-8-sig").count("\r\n") == 1


# --- output as text -------------------------------------------------------------------------


def test_remark_html_escapes_everything():
    remark = Remark(
        1,
        "GM9901",
        "sociale_cohesie",
        '<img src=x onerror="alert(1)">\nR&D',
        "<b>Dorpsavond</b>",
        date(2025, 3, 4),
        datetime(2025, 3, 4, tzinfo=UTC),
    )
    out = remark_html(remark)
    assert "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>R&amp;D" in out
    assert "4 maart 2025 · &lt;b&gt;Dorpsavond&lt;/b&gt; · Sociale cohesie" in out


# --- settings -------------------------------------------------------------------------------


class _MissingSecrets(dict):
    """Behaves like st.secrets when no secrets.toml exists."""

    def get(self, key, default=None):
        raise FileNotFoundError("no secrets.toml")


DEFAULT_URL = f"sqlite:///{DEFAULT_REMARKS_PATH}"


@pytest.mark.parametrize(
    ("env", "secrets", "url", "mode", "notice"),
    [
        ({}, {}, DEFAULT_URL, "write", False),
        ({}, _MissingSecrets(), DEFAULT_URL, "write", False),
        ({"SQ_REMARKS_MODE": "WRITE"}, {}, DEFAULT_URL, "write", False),
        ({"SQ_REMARKS_MODE": "read"}, {}, DEFAULT_URL, "read", False),
        ({"SQ_REMARKS_MODE": "off"}, {}, DEFAULT_URL, "off", False),
        ({"SQ_REMARKS_MODE": "aan"}, {}, DEFAULT_URL, "read", True),
        ({"SQ_FACILITATOR_PASSPHRASE": "oud"}, {}, DEFAULT_URL, "write", True),
        ({}, {"remarks_passphrase": "oud"}, DEFAULT_URL, "write", True),
        ({"SQ_REMARKS_URL": "postgresql://u@db/sq"}, {}, "postgresql://u@db/sq", "write", False),
        ({}, {"remarks_url": "postgresql://u:pw@db/sq"}, "postgresql://u:pw@db/sq", "write", False),
        (
            {"SQ_REMARKS_URL": "sqlite:////srv/r.sqlite"},
            {"remarks_url": "postgresql://u@db/sq"},
            "sqlite:////srv/r.sqlite",
            "write",
            False,
        ),
    ],
)
def test_remarks_settings(env, secrets, url, mode, notice):
    settings = remarks_settings(env, secrets)
    assert (settings.url, settings.mode) == (url, mode)
    assert bool(settings.notice) is notice


@pytest.mark.parametrize(
    ("env", "proxies"),
    [
        ({}, ("127.0.0.1", "::1")),
        ({"SQ_TRUSTED_PROXIES": "10.0.0.2, 10.0.0.3"}, ("10.0.0.2", "10.0.0.3")),
        ({"SQ_TRUSTED_PROXIES": " "}, ("127.0.0.1", "::1")),
    ],
)
def test_trusted_proxies_setting(env, proxies):
    assert remarks_settings(env, {}).trusted_proxies == proxies


# --- corrections, withdrawals and the audit trail -------------------------------------------


def test_correct_keeps_old_version_as_hidden_audit_row(store):
    first = store.add("GM9901", "sociale_cohesie", "Jan de Vries zegt: te weinig bankjes", "Avond",
                      "2025-03-04", author="anna", today=TODAY)  # fmt: skip
    fixed = store.correct(first.id, "Een bewoner zegt: te weinig bankjes", author="bert")
    assert [r.text for r in store.for_region("GM9901")] == ["Een bewoner zegt: te weinig bankjes"]
    assert (fixed.replaces, fixed.author, fixed.meeting, fixed.meeting_date) == (
        first.id, "bert", "Avond", date(2025, 3, 4))  # fmt: skip
    old = store.get(first.id)
    assert (old.status, old.changed_by, old.text) == ("corrected", "bert", first.text)
    assert old.changed_at is not None and old.changed_at.tzinfo is not None
    assert [r.id for r in store.list_all(include_hidden=True)] == [first.id, fixed.id]
    assert store.count() == 1


def test_withdraw_hides_from_visitors_and_cannot_repeat(store):
    kept = store.add("GM9901", "algemeen", "blijft", author="anna")
    gone = store.add("GM9901", "algemeen", "met een naam erin", author="anna")
    store.withdraw(gone.id, author="bert")
    assert store.for_region("GM9901") == [kept]
    assert store.get(gone.id).status == "withdrawn"
    with pytest.raises(RemarkError, match="al aangepast of ingetrokken"):
        store.withdraw(gone.id, author="bert")
    with pytest.raises(RemarkError, match="al aangepast of ingetrokken"):
        store.correct(gone.id, "nieuw", author="bert")
    with pytest.raises(RemarkError, match="leeg"):
        store.correct(kept.id, "   ", author="bert")
    assert store.for_region("GM9901") == [kept]


def test_two_facilitators_correcting_at_once_leave_one_version(store_url):
    first = RemarksStore(store_url)
    remark = first.add("GM9901", "algemeen", "oud", author="anna")
    stores = [RemarksStore(store_url) for _ in range(4)]
    barrier = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def fix(s: RemarksStore, n: int) -> None:
        barrier.wait()
        try:
            s.correct(remark.id, f"versie {n}", author=f"f{n}")
            outcomes.append("ok")
        except RemarkError:
            outcomes.append("refused")

    threads = [threading.Thread(target=fix, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert len(first.for_region("GM9901")) == 1
    for s in [first, *stores]:
        s.close()


def test_audit_csv_has_author_and_status_visitor_csv_has_neither(store):
    r = store.add("GM9901", "algemeen", "-1 bankje", author="=anna")
    store.correct(r.id, "+1 bankje", author="bert")
    plain = list(csv.reader(io.StringIO(store.to_csv().decode("utf-8-sig")), delimiter=";"))
    assert plain[0][-1] == "vastgelegd_op_utc" and "auteur" not in plain[0]
    assert [row[3] for row in plain[1:]] == ["'+1 bankje"]
    audit = list(
        csv.reader(io.StringIO(store.to_csv(audit=True).decode("utf-8-sig")), delimiter=";")
    )
    assert audit[0][7:] == ["auteur", "status", "vervangt_nummer", "aangepast_door",
                            "aangepast_op_utc"]  # fmt: skip
    assert [row[3] for row in audit[1:]] == ["'-1 bankje", "'+1 bankje"]
    assert [row[7:10] for row in audit[1:]] == [["'=anna", "gecorrigeerd", ""],
                                                ["bert", "zichtbaar", str(r.id)]]  # fmt: skip
    assert audit[1][10] == "bert"


def test_old_sqlite_file_gets_new_columns_and_keeps_its_remarks(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE remarks (id INTEGER PRIMARY KEY AUTOINCREMENT, region_code VARCHAR(60) NOT"
        " NULL, condition VARCHAR(40) NOT NULL, text TEXT NOT NULL, meeting VARCHAR(120) NOT NULL,"
        " meeting_date DATE, created_at DATETIME NOT NULL)"
    )
    con.execute(
        "INSERT INTO remarks (region_code, condition, text, meeting, created_at) VALUES"
        " ('GM9901', 'algemeen', 'van vroeger', '', '2024-05-01 10:00:00')"
    )
    con.commit()
    con.close()
    store = RemarksStore(f"sqlite:///{path}")
    (old,) = store.for_region("GM9901")
    assert (old.text, old.status, old.author) == ("van vroeger", "active", "")
    store.correct(old.id, "nu", author="anna")
    assert [r.text for r in store.for_region("GM9901")] == ["nu"]
    store.close()


CONFIRMER = """
import sys
from sq.remarks.db import RemarksStore
store = RemarksStore(sys.argv[1])
i = 0
while True:
    r = store.add("GM9901", "algemeen", f"opmerking {i}", author="anna")
    print(r.id, r.text, flush=True)
    i += 1
"""


def test_replica_killed_mid_writes_loses_nothing_confirmed(store_url):
    RemarksStore(store_url).close()
    proc = _run_python(CONFIRMER, store_url)
    confirmed = [proc.stdout.readline().strip() for _ in range(25)]
    proc.send_signal(signal.SIGKILL)  # somewhere inside the next write
    proc.wait(timeout=10)
    late = [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    store = RemarksStore(store_url)
    found = {f"{r.id} {r.text}" for r in store.list_all()}
    assert set(confirmed + late) <= found
    assert len(found) >= 25
    store.add("GM9901", "algemeen", "na de crash")  # nothing is left locked
    store.close()
