"""Checking and cleaning what a facilitator typed, with Dutch messages that can be shown as is."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Final

from sq.codes import is_valid_code
from sq.remarks.model import CONDITIONS, RemarkError

MAX_TEXT_CHARS: Final = 2000
MAX_MEETING_CHARS: Final = 120
MAX_DAYS_AHEAD: Final = 7
"""A meeting date may lie a little ahead (typed in advance), not months or years."""
EARLIEST_MEETING: Final = date(2000, 1, 1)
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(raw: str) -> str:
    """Normalise line ends, drop control characters (not newlines or tabs) and strip."""
    text = unicodedata.normalize("NFC", str(raw)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text).strip()


def clean_date(raw: date | str | None, today: date) -> date | None:
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


def clean_body(text: str) -> str:
    """Return the cleaned remark text; refuse an empty or overlong one."""
    body = clean_text(text or "")
    if not body:
        raise RemarkError("De opmerking is leeg. Schrijf eerst wat er gezegd is.")
    if len(body) > MAX_TEXT_CHARS:
        raise RemarkError(
            f"De opmerking is te lang ({len(body)} tekens). Het maximum is {MAX_TEXT_CHARS}."
        )
    return body


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
    body = clean_body(text)
    name = " ".join(clean_text(meeting or "").split())
    if len(name) > MAX_MEETING_CHARS:
        raise RemarkError(
            f"De naam van de bijeenkomst is te lang. Het maximum is {MAX_MEETING_CHARS} tekens."
        )
    when = clean_date(meeting_date, today or date.today())
    return code, cond, body, name, when
