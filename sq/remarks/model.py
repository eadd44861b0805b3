"""What a remark is: the conditions it can belong to, the stored record and its Dutch error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from sq.catalogue import CONDITION_IDS, condition
from sq.text.i18n import t

CONDITIONS: Final = (
    "sociaaleconomische_zekerheid",
    "sociale_cohesie",
    "sociale_empowerment",
    "sociale_inclusie",
    "algemeen",
)
GENERAL: Final = "algemeen"
"""The condition of a remark about the area as a whole (no block of its own on the profile)."""
Status = Literal["active", "corrected", "withdrawn"]
STATUSES: Final[tuple[Status, ...]] = ("active", "corrected", "withdrawn")
"""active: shown to visitors; corrected: replaced by a newer row; withdrawn: hidden, kept."""


def condition_label(condition_id: str, language: str = "nl") -> str:
    """Return a remark's condition in the language ('algemeen': the area as a whole)."""
    if condition_id in CONDITION_IDS:
        return condition(condition_id).title(language)
    if condition_id == "algemeen":
        return t("remarks.general", language)
    return condition_id


class RemarkError(ValueError):
    """A remark that cannot be stored; the message is Dutch and can be shown as is."""


class RemarksUnavailableError(RuntimeError):
    """The remarks database cannot be reached; the figures go on without remarks."""


@dataclass(frozen=True)
class Remark:
    """One stored version of residents' remark about an area and a condition."""

    id: int
    region_code: str
    condition: str
    text: str
    meeting: str
    meeting_date: date | None
    created_at: datetime
    author: str = ""
    status: Status = "active"
    replaces: int | None = None
    """The id of the older version this row corrects (None for a first version)."""
    changed_by: str = ""
    """The account that corrected or withdrew this version ('' while active)."""
    changed_at: datetime | None = None
