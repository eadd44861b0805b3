"""Map an area profile onto the printable PDF profile (`sq.render.pdf.layout`) and render it.

Values are formatted with `sq.text.formatting`, so the handout reads exactly like the screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from sq.analysis.profile import (
    AreaProfile,
    ConditionBlock,
    IndicatorRow,
    area_profile,
    badge_label,
    peer_highlights,
)
from sq.analysis.profile import highlights as profile_highlights
from sq.analysis.selection import link_params
from sq.catalogue import Catalogue
from sq.remarks.model import Remark, condition_label
from sq.remarks.own_figures import OwnFigure
from sq.render.pdf.layout import (
    PdfCondition,
    PdfIndicatorRow,
    PdfProfile,
    PdfRemark,
    build_profile_pdf,
)
from sq.render.qr import deep_link
from sq.store.loader import Store
from sq.text.formatting import format_value, shown_decimals
from sq.text.i18n import language_or_default, t

PROFILE_PAGE = "profiel"
"""url_path of the Gebiedsprofiel page: the QR code on the handout leads there."""


def _lang(language: str) -> str:
    return language_or_default(language)


def verdict_text(row: IndicatorRow, language: str = "nl") -> str:
    """Say how a value compares ("gunstiger dan Nederland"), else vs the gemeente; "" if neither."""
    lang = _lang(language)
    choices = (("nederland", row.comparison), ("gemeente", row.gemeente_comparison))
    for against, comparison in choices:
        if comparison is None or comparison.position == "geen gegevens":
            continue
        bench = t(f"pdf.against_{against}", lang)
        if comparison.verdict == "vergelijkbaar":
            return t("pdf.similar_to", lang, bench=bench)
        return t("pdf.than", lang, verdict=comparison.label(lang), bench=bench)
    return ""


def _bench_text(row: IndicatorRow, language: str) -> str:
    """Return the Netherlands' value, or the gemeente's (labelled) when NL has none; "" if none."""
    lang = _lang(language)
    unit = row.indicator.unit
    if math.isfinite(row.nl_value):
        places = shown_decimals(unit, row.nl_value, row.nl_decimals)
        return format_value(row.nl_value, unit, lang, places)
    if row.gemeente_value is not None and math.isfinite(row.gemeente_value):
        places = shown_decimals(unit, row.gemeente_value, row.gemeente_decimals)
        value = format_value(row.gemeente_value, unit, lang, places)
        return t("pdf.bench_gemeente", lang, value=value)
    return ""


def _with_peer(verdict: str, row: IndicatorRow, language: str) -> str:
    """Add the similar areas' values to the verdict ("...; vergelijkbare gebieden: 29,0%")."""
    unit = row.indicator.unit
    parts = [verdict] if verdict else []
    if row.peer_comparison is not None and math.isfinite(row.peer_value):
        parts.append(t("peers.pdf", language, value=format_value(row.peer_value, unit, language)))
    if row.has_local_peers and math.isfinite(row.local_peer_value):
        value = format_value(row.local_peer_value, unit, language)
        parts.append(t("peers.pdf_local", language, value=value))
    return "; ".join(parts)


def _value_text(row: IndicatorRow, language: str) -> str:
    """Return the area's value at the precision its source published ("" when missing)."""
    if not row.has_value:
        return ""
    unit = row.indicator.unit
    return format_value(row.value, unit, language, shown_decimals(unit, row.value, row.decimals))


def pdf_row(row: IndicatorRow, language: str = "nl") -> PdfIndicatorRow:
    """Turn one indicator row into a printed table line (missing values stay empty)."""
    lang = _lang(language)
    return PdfIndicatorRow(
        title=row.indicator.title(lang),
        value_text=_value_text(row, lang),
        nl_text=_bench_text(row, lang),
        verdict=_with_peer(verdict_text(row, lang), row, lang)
        if row.has_value
        else row.status_label(lang),
        year=row.year,
        source=row.publisher,
        badges=tuple(badge_label(b, lang) for b in row.badges if b != "geen gegevens"),
        trend=row.trend,
    )


def pdf_condition(block: ConditionBlock, language: str = "nl") -> PdfCondition:
    """Turn one condition block into a printed section."""
    lang = _lang(language)
    condition = block.condition
    return PdfCondition(
        title=condition.title(lang),
        serves=condition.serves(lang),
        rows=tuple(pdf_row(row, lang) for row in block.rows if row.has_value),
        questions=block.questions,
        without_data=tuple(row.indicator.title(lang) for row in block.rows if not row.has_value),
    )


def pdf_remark(remark: Remark, language: str = "nl") -> PdfRemark:
    """Turn a stored remark into a printed one (condition in the language)."""
    return PdfRemark(
        date=remark.meeting_date,
        meeting=remark.meeting,
        condition=condition_label(remark.condition, language),
        text=remark.text,
    )


def profile_sources(profile: AreaProfile) -> tuple[str, ...]:
    """List each publisher and table with the years of the figures shown, in catalogue order."""
    years: dict[tuple[str, str], set[int]] = {}
    for row in profile.rows():
        if not row.has_value:
            continue
        key = (row.indicator.publisher, row.indicator.table_id)
        years.setdefault(key, set())
        if row.year is not None:
            years[key].add(row.year)
    lines = []
    for (publisher, table), found in years.items():
        text = f"{publisher}: {table}" if table else publisher
        if found:
            text += f" ({', '.join(str(y) for y in sorted(found))})"
        lines.append(text)
    return tuple(lines)


def _parent(profile: AreaProfile, language: str) -> str:
    area = profile.area
    if area.gemeente_name and area.gemeente_code != area.code:
        return t("pdf.parent_gemeente", language, name=area.gemeente_name)
    if area.provincie_name and area.provincie_code != area.code:
        return t("pdf.parent_provincie", language, name=area.provincie_name)
    return ""


def own_figure_line(figure: OwnFigure, language: str = "nl") -> str:
    """Say one own figure on a line: 'Title: 36,0% (2025) · Bron: Dorpsenquête ...'."""
    value = format_value(figure.value, figure.unit, language)
    source = t("pdf.source", language, details=figure.source)
    return f"{figure.title}: {value} ({figure.year}) · {source}"


def to_pdf_profile(
    profile: AreaProfile,
    remarks: Sequence[Remark],
    url: str,
    language: str = "nl",
    *,
    today: date,
    own_figures: Sequence[OwnFigure] = (),
) -> PdfProfile:
    """Build the printed profile of an area: figures, verdicts, questions, remarks and sources."""
    lang = _lang(language)
    return PdfProfile(
        area_name=profile.area.shown_name or profile.area.name,
        level_label=profile.area.level_label,
        parent_name=_parent(profile, lang),
        generated_on=today,
        highlights=profile_highlights(profile) + peer_highlights(profile),
        conditions=tuple(pdf_condition(block, lang) for block in profile.conditions),
        remarks=tuple(pdf_remark(r, lang) for r in remarks),
        sources=profile_sources(profile),
        url=url,
        language=lang,
        own_figures=tuple(own_figure_line(f, lang) for f in own_figures),
    )


def profile_url(base_url: str, region_code: str, language: str = "nl") -> str:
    """Return the link to an area's online profile (the QR code on the handout)."""
    return deep_link(base_url, PROFILE_PAGE, link_params(region_code, language))


def profile_pdf(
    store: Store,
    catalogue: Catalogue,
    region_code: str,
    remarks: Sequence[Remark],
    base_url: str | None,
    language: str = "nl",
    *,
    today: date,
    own_figures: Sequence[OwnFigure] = (),
) -> bytes:
    """Return the printable profile of one area as PDF bytes (KeyError for an unknown code).

    Without a trusted public address (`base_url` None) the PDF has no link and no QR code.
    """
    profile = area_profile(store, catalogue, region_code, _lang(language))
    url = profile_url(base_url, region_code, language) if base_url else ""
    printed = to_pdf_profile(profile, remarks, url, language, today=today, own_figures=own_figures)
    return build_profile_pdf(printed)
