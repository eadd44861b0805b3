"""Meeting mode: one area's profile as a calm sequence of screens for a projector.

An opening screen, one screen per condition (optionally one per indicator with data) and a
closing screen that asks what residents say. Everything returned is plain text and data: the
page decides how to render it. Texts are declared in `TEXTS` (Dutch first, English second).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final, Literal

from sq.analysis.profile import AreaProfile, ConditionBlock, IndicatorRow, badge_label
from sq.text.formatting import format_value
from sq.text.i18n import t
from sq.text.words import in_words

StepKind = Literal["opening", "condition", "indicator", "closing"]

PARAM_STEP: Final = "stap"
PARAM_DETAIL: Final = "uitgebreid"
MAX_SENTENCES: Final = 2
"""At most this many figures in words on one condition screen: readable from the back row."""
MAX_QUESTIONS: Final = 2


def say(key: str, language: str = "nl", **values: object) -> str:
    """Return a meeting text in the language, with values filled in as plain text."""
    return t(f"meeting.{key}", language, **values)


@dataclass(frozen=True)
class MeetingStep:
    """One screen of the meeting: a heading, big sentences, a chart's rows and questions.

    `points` are (title, text) pairs listed under the sentences (the opening screen's four
    conditions). `rows[0]`, when it has a value, is the one drawn as a chart.
    """

    number: int
    kind: StepKind
    title: str
    subtitle: str
    sentences: tuple[str, ...]
    rows: tuple[IndicatorRow, ...]
    questions: tuple[str, ...]
    condition_id: str | None = None
    points: tuple[tuple[str, str], ...] = ()

    @property
    def step_param(self) -> str:
        """Return the value of `stap` in the URL for this screen ("3")."""
        return str(self.number)

    @property
    def chart_row(self) -> IndicatorRow | None:
        """Return the row to draw as a chart, or None when the screen has no figure."""
        return self.rows[0] if self.rows and self.rows[0].has_value else None


def _strength(row: IndicatorRow) -> float:
    """How far a value lies from its benchmark (NL, else the gemeente); -1 when unknown."""
    for comparison in (row.comparison, row.gemeente_comparison):
        if comparison is not None and math.isfinite(comparison.score):
            return abs(comparison.score)
    return -1.0


def lead_rows(block: ConditionBlock, limit: int = MAX_SENTENCES) -> tuple[IndicatorRow, ...]:
    """Pick the rows with data that differ most from their benchmark (catalogue order on ties)."""
    with_value = [row for row in block.rows if row.has_value]
    ranked = sorted(with_value, key=lambda row: -_strength(row))  # sorted() is stable
    return tuple(ranked[:limit])


def _questions_for(
    rows: tuple[IndicatorRow, ...], block: ConditionBlock, language: str
) -> tuple[str, ...]:
    """Questions of the shown indicators first, then the condition's; each at most once."""
    seen: dict[str, None] = {}
    for row in rows:
        for question in row.indicator.questions(language):
            seen.setdefault(question, None)
    for question in block.questions:
        seen.setdefault(question, None)
    return tuple(seen)[:MAX_QUESTIONS]


def _serves(block: ConditionBlock, language: str) -> str:
    condition = block.condition
    value = condition.serves(language)
    return f"{say('serves', language, value=value)}. {condition.summary(language)}"


def _title(block: ConditionBlock, language: str) -> str:
    return block.condition.title(language)


def _opening(profile: AreaProfile, language: str) -> MeetingStep:
    area = profile.area
    parent = area.gemeente_name if area.gemeente_name and area.gemeente_name != area.name else ""
    subtitle = f"{area.level_label} · {parent}" if parent else area.level_label
    points = tuple(
        (_title(block, language), block.condition.summary(language)) for block in profile.conditions
    )
    return MeetingStep(
        number=1,
        kind="opening",
        title=area.shown_name or area.name,
        subtitle=subtitle,
        sentences=(
            say("opening.question", language, name=area.name),
            say("opening.note", language),
        ),
        rows=(),
        questions=(),
        points=points,
    )


def _peer_level(profile: AreaProfile) -> str | None:
    """Return the level of the area's peer group, so the sentence can name it (None: none).

    Only the one-indicator screens name the group: a condition screen holds two or three
    sentences and must stay readable from the back of the room (tests/browser/test_fit.py).
    """
    return profile.peer_group.level if profile.peer_group else None


def _condition_step(
    number: int, block: ConditionBlock, profile: AreaProfile, language: str, limit: int
) -> MeetingStep:
    rows = lead_rows(block, limit)
    name = profile.area.name
    if rows:
        sentences = tuple(in_words(row, name, language) for row in rows)
    else:
        condition = _title(block, language).lower()
        sentences = (say("no_figures", language, name=name, condition=condition),)
    return MeetingStep(
        number=number,
        kind="condition",
        title=_title(block, language),
        subtitle=_serves(block, language),
        sentences=sentences,
        rows=rows,
        questions=_questions_for(rows, block, language),
        condition_id=block.condition.id,
    )


def _indicator_step(
    number: int, row: IndicatorRow, block: ConditionBlock, profile: AreaProfile, language: str
) -> MeetingStep:
    return MeetingStep(
        number=number,
        kind="indicator",
        title=row.indicator.title(language),
        subtitle=_title(block, language),
        sentences=(in_words(row, profile.area.name, language, _peer_level(profile)),),
        rows=(row,),
        questions=_questions_for((row,), block, language),
        condition_id=block.condition.id,
    )


def _closing(number: int, profile: AreaProfile, language: str) -> MeetingStep:
    name = profile.area.name
    return MeetingStep(
        number=number,
        kind="closing",
        title=say("closing.title", language),
        subtitle=name,
        sentences=(say("closing.sentence", language, name=name),),
        rows=(),
        questions=(
            say("closing.q1", language),
            say("closing.q2", language, name=name),
            say("closing.q3", language),
        ),
    )


def meeting_steps(
    profile: AreaProfile,
    detail: bool = False,
    language: str = "nl",
    *,
    max_sentences: int = MAX_SENTENCES,
) -> tuple[MeetingStep, ...]:
    """Return the meeting's screens in order, numbered from 1.

    Opening, then per condition one screen (with `detail`, followed by one screen per
    indicator with data, in catalogue order), then the closing screen.
    """
    steps = [_opening(profile, language)]
    for block in profile.conditions:
        steps.append(_condition_step(len(steps) + 1, block, profile, language, max_sentences))
        if detail:
            for row in block.rows:
                if row.has_value:
                    steps.append(_indicator_step(len(steps) + 1, row, block, profile, language))
    steps.append(_closing(len(steps) + 1, profile, language))
    return tuple(steps)


def parse_step(raw: object, count: int, language: str = "nl") -> tuple[int, str | None]:
    """Read `stap` from a link: a step number from 1 to `count`, else 1 with a plain notice.

    The notice never repeats what was in the link.
    """
    if raw is None:
        return 1, None
    text = str(raw).strip()[:12]
    if re.fullmatch(r"[0-9]{1,4}", text) and 1 <= int(text) <= count:
        return int(text), None
    return 1, say("step_notice", language)


def matching_step(steps: tuple[MeetingStep, ...], kind: StepKind, condition_id: str | None) -> int:
    """Return the screen that matches where one was (after switching detail screens on or off).

    Opening and closing stay opening and closing; a condition or indicator screen goes to its
    condition's own screen.
    """
    if kind == "closing":
        return steps[-1].number
    for step in steps:
        if kind != "opening" and step.kind == "condition" and step.condition_id == condition_id:
            return step.number
    return 1


def benchmark_of(
    row: IndicatorRow, profile: AreaProfile, language: str = "nl"
) -> tuple[str, float]:
    """Return what to compare a value with on screen: the Netherlands, else the gemeente."""
    if math.isfinite(row.nl_value):
        return say("nederland", language), row.nl_value
    gemeente = row.gemeente_value
    if gemeente is not None and math.isfinite(gemeente) and profile.area.gemeente_name:
        return say("gemeente", language, name=profile.area.gemeente_name), gemeente
    return say("nederland", language), row.nl_value


def chart_table(
    step: MeetingStep, profile: AreaProfile, language: str = "nl"
) -> list[dict[str, str]]:
    """Return the chart's numbers as a small table (the text equivalent of the bars)."""
    row = step.chart_row
    if row is None:
        return []
    bench_label, bench_value = benchmark_of(row, profile, language)
    unit = row.indicator.unit
    area_key, value_key = say("page.table_area", language), say("page.table_value", language)
    return [
        {area_key: profile.area.name, value_key: format_value(row.value, unit, language)},
        {area_key: bench_label, value_key: format_value(bench_value, unit, language)},
    ]


def source_line(row: IndicatorRow, language: str = "nl") -> str:
    """Say where a figure comes from: "Bron: RIVM/GGD'en, 2020 · schatting"."""
    publisher = row.publisher or row.source
    if row.year is not None:
        text = say("source", language, publisher=publisher, year=row.year)
    else:
        text = say("source_no_year", language, publisher=publisher)
    badges = [badge_label(b, language) for b in row.badges if b != "geen gegevens"]
    return " · ".join([text, *badges])
