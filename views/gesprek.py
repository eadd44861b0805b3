"""Gesprek: one area's social base as calm screens for a village-hall projector.

The step lives in the URL (?gebied=...&stap=2), so a phone that scans the QR code opens the
same screen. Names and sentences are shown as Markdown-escaped text; the only HTML is a
static style block.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st

from sq.analysis.meeting import (
    PARAM_DETAIL,
    PARAM_STEP,
    MeetingStep,
    benchmark_of,
    chart_table,
    matching_step,
    meeting_steps,
    parse_step,
    say,
    source_line,
)
from sq.analysis.profile import AreaProfile, area_profile
from sq.analysis.selection import link_params
from sq.remarks.export import remark_html
from sq.remarks.model import Remark
from sq.render.chart_export import chart_png
from sq.render.meeting_chart import meeting_chart
from sq.render.pdf.profile import profile_url
from sq.render.qr import deep_link, qr_png
from sq.text.i18n import t
from views import cache, remarks_form, state, widgets

KEEP_CONDITION = "gesprek_keep_condition"
STYLE = """
<style>
[data-testid="stMainBlockContainer"] {padding-top: 3.5rem; padding-bottom: 2rem;}
.st-key-sq-meet-screen {overflow-wrap: break-word;}
p.sq-address {font-size: 1.15rem; color: #212529; overflow-wrap: anywhere; margin: 0;}
.st-key-sq-meet-title h1 {font-size: 2.7rem; line-height: 1.1; padding: 0.1rem 0 0 0;}
.st-key-sq-meet-sub p {font-size: 1.3rem; color: #495057; margin-bottom: 0;}
.st-key-sq-meet-lead p {font-size: 2.1rem; line-height: 1.25; font-weight: 600; color: #212529;}
.st-key-sq-meet-more p {font-size: 1.45rem; line-height: 1.35; color: #343a40;}
.st-key-sq-meet-numbers p {font-size: 1.05rem; margin-bottom: 0;}
.st-key-sq-meet-questions {background: #eef5f7; border-left: 0.5rem solid #005e6e;
  border-radius: 0.4rem; padding: 0.8rem 1.2rem;}
.st-key-sq-meet-questions p {font-size: 1.8rem; line-height: 1.25; margin-bottom: 0.3rem;}
.st-key-sq-meet-questions h3 {font-size: 1.1rem; color: #005e6e; padding: 0;}
.st-key-sq-meet-points p {font-size: 1.3rem; line-height: 1.3;}
.st-key-sq-meet-qr p {font-size: 1.3rem; line-height: 1.3;}
.st-key-sq-meet-nav button p {font-size: 1.2rem;}
.sq-remark {border-left: 0.3rem solid #ced4da; padding-left: 0.8rem; margin-bottom: 0.6rem;}
.sq-remark-meta {font-size: 0.9rem; color: #495057; margin: 0;}
.sq-remark-text {font-size: 1.3rem; margin: 0;}
@media (max-width: 640px) {
  .st-key-sq-meet-title h1 {font-size: 2rem;}
  .st-key-sq-meet-lead p {font-size: 1.5rem;}
  .st-key-sq-meet-questions p {font-size: 1.35rem;}
  /* bars are stubs on a phone: the numbers under the chart say it as text */
  .st-key-sq-meet-chart {display: none;}
}
</style>
"""
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|$~"})


def plain(text: str) -> str:
    """Escape Markdown, so names and sentences from the data show as typed."""
    return text.translate(_MARKDOWN_SPECIALS)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_profile(region_code: str, lang: str) -> AreaProfile:
    """Return the profile of an area, shared read-only (frozen dataclasses, never copied)."""
    return area_profile(cache.store(), cache.catalogue(), region_code, lang)


@dataclass(frozen=True)
class View:
    """What the visitor chose in the URL: the language and whether every figure gets a screen."""

    lang: str
    detail: bool
    base_url: str | None  # this visitor's own address, or $SQ_PUBLIC_URL; None when unknown


def read_remarks(region_code: str, lang: str) -> tuple[list[Remark], str | None]:
    """Return the area's remarks (empty when switched off) and a notice when unreadable."""
    settings = remarks_form.remarks_config()
    if settings.mode == "off":
        return [], None
    try:
        return remarks_form.remarks_store(settings.url).for_region(region_code), None
    except Exception:  # remarks are extra: the meeting goes on without them
        return [], say("page.remarks_error", lang)


def go_to(step_number: int) -> None:
    """Move to a step (button callback): the URL holds the step."""
    st.query_params[PARAM_STEP] = str(step_number)


def toggle_detail(kind: str, condition_id: str | None) -> None:
    """Switch detail screens on or off, staying with the current condition."""
    if st.session_state.get("gesprek_detail"):
        st.query_params[PARAM_DETAIL] = "1"
    elif PARAM_DETAIL in st.query_params:
        del st.query_params[PARAM_DETAIL]
    st.session_state[KEEP_CONDITION] = (kind, condition_id)


def area_chooser(current: str | None, lang: str) -> None:
    """Show a small search for another area; a new area starts at its first screen."""
    with st.popover(say("page.choose", lang)):
        choice = widgets.area_picker("gesprek")
    if choice and choice != current:
        st.query_params[PARAM_STEP] = "1"
        st.rerun()


def show_navigation(step: MeetingStep, total: int, current: str, lang: str) -> None:
    """Show Vorige, the progress and Volgende in one row (arrow keys work too)."""
    with st.container(key="sq-meet-nav"):
        back, middle, forward, chooser = st.columns([2, 5, 2, 3], vertical_alignment="center")
        back.button(
            say("page.previous", lang),
            on_click=go_to,
            args=(step.number - 1,),
            disabled=step.number <= 1,
            shortcut="Left",
            width="stretch",
        )
        middle.progress(
            step.number / total, text=say("page.progress", lang, n=step.number, total=total)
        )
        forward.button(
            say("page.next", lang),
            on_click=go_to,
            args=(step.number + 1,),
            disabled=step.number >= total,
            shortcut="Right",
            type="primary",
            width="stretch",
        )
        with chooser:
            area_chooser(current, lang)


def show_heading(step: MeetingStep) -> None:
    """Show the screen's title in very large type with a calm line under it."""
    with st.container(key="sq-meet-title"):
        st.title(plain(step.title), anchor=False)
    if step.subtitle:
        with st.container(key="sq-meet-sub"):
            st.markdown(plain(step.subtitle))


def show_questions(questions: tuple[str, ...], lang: str) -> None:
    """Show the questions for the room in a quiet box."""
    if not questions:
        return
    with st.container(key="sq-meet-questions"):
        st.subheader(say("page.questions", lang), anchor=False)
        for question in questions:
            st.markdown(plain(question))


def step_chart(step: MeetingStep, profile: AreaProfile, lang: str, **size: int) -> object:
    """Return the big chart of a screen (area against its benchmark), or None without a figure."""
    row = step.chart_row
    if row is None:
        return None
    bench_label, bench_value = benchmark_of(row, profile, lang)
    return meeting_chart(
        profile.area.name, row.value, bench_label, bench_value, row.indicator, lang, **size
    )


def show_figure(step: MeetingStep, profile: AreaProfile, lang: str) -> None:
    """Show the big chart, its numbers as text (all a phone shows) and the source under it."""
    row = step.chart_row
    chart = step_chart(step, profile, lang, height=280)
    if row is None or chart is None:
        return
    with st.container(key="sq-meet-chart"):
        st.altair_chart(chart, width="stretch", theme=None)
    numbers = chart_table(step, profile, lang)
    with st.container(key="sq-meet-numbers"):
        st.markdown(" · ".join(plain(": ".join(entry.values())) for entry in numbers))
    st.caption(plain(source_line(row, lang)))


def show_qr(link: str | None, sentence: str, lang: str, key: str) -> None:
    """Show a QR code large enough to scan from a few metres, with what it does."""
    with st.container(key=key):
        st.markdown(plain(sentence))
        if link is None:
            st.warning(t("address.unknown", lang))
            return
        st.image(qr_png(link, scale=10), width=300, alt=t("address.qr_alt", lang, url=link))
        # the address as plain, escaped text that wraps: an image caption greys and links it
        # (contrast 2.96) and Markdown would link it with its escapes showing
        st.html(f'<p class="sq-address">{html.escape(link)}</p>')


def show_follow(follow: str | None, lang: str) -> None:
    """Show the small follow-along QR code and its link (a notice when the address is unknown)."""
    qr_col, link_col = st.columns([1, 3], gap="medium")
    if follow is None:
        link_col.caption(t("address.unknown", lang))
        return
    qr_col.image(qr_png(follow, scale=4), width=130, alt=t("address.qr_alt", lang, url=follow))
    with link_col:
        st.markdown(say("page.qr_follow", lang))
        st.code(follow, language=None, wrap_lines=True)


def show_opening(step: MeetingStep, follow: str | None, lang: str) -> None:
    """Show the area, the big question, the four conditions and a QR code to follow along."""
    left, right = st.columns([2, 1], gap="large")
    with left:
        with st.container(key="sq-meet-lead"):
            st.markdown(plain(step.sentences[0]))
        with st.container(key="sq-meet-more"):
            for sentence in step.sentences[1:]:
                st.markdown(plain(sentence))
        with st.container(key="sq-meet-points"):
            columns = st.columns(2)
            for i, (title, text) in enumerate(step.points):
                with columns[i % 2], st.container(border=True):
                    st.markdown(f"**{plain(title)}**  \n{plain(text)}")
    with right:
        show_qr(follow, say("page.qr_follow", lang), lang, "sq-meet-qr")


def show_condition(step: MeetingStep, profile: AreaProfile, lang: str) -> None:
    """Show the lead sentence, the chart, the other figures in words and the questions."""
    with st.container(key="sq-meet-lead"):
        st.markdown(plain(step.sentences[0]))
    left, right = st.columns([11, 9], gap="large")
    with left:
        show_figure(step, profile, lang)
        if step.chart_row is None:
            show_questions(step.questions, lang)
    with right:
        if step.chart_row is not None:
            show_questions(step.questions, lang)
        if len(step.sentences) > 1:
            with st.container(key="sq-meet-more"):
                for sentence in step.sentences[1:]:
                    st.markdown(plain(sentence))


def show_closing(step: MeetingStep, link: str | None, remarks: list[Remark], lang: str) -> None:
    """Ask what residents say; a big QR code opens the area's profile on phones."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        show_questions(step.questions, lang)
        if remarks:
            st.markdown(f"**{say('page.remarks_recent', lang)}**")
            for remark in remarks[-3:]:
                st.markdown(remark_html(remark, lang), unsafe_allow_html=True)
            st.caption(say("page.remarks_count", lang, n=len(remarks)))
    with right:
        show_qr(link, step.sentences[0], lang, "sq-meet-qr")


def show_tools(
    step: MeetingStep, profile: AreaProfile, follow: str | None, remarks: list[Remark], view: View
) -> None:
    """Below the screen: follow along by QR, downloads and the detail switch."""
    lang = view.lang
    st.divider()
    follow_col, tools = st.columns([4, 3], gap="medium")
    with follow_col:
        show_follow(follow, lang)
    code = profile.area.code
    with tools:
        st.download_button(
            say("page.pdf", lang),
            data=lambda: cache.profile_pdf_bytes(code, lang, tuple(remarks), view.base_url),
            file_name=f"sociale-basis-profiel-{code}.pdf",
            mime="application/pdf",
            on_click="ignore",
        )
        chart = step_chart(step, profile, lang, width=1280, height=720)
        if chart is not None:
            st.download_button(
                say("page.png", lang),
                data=lambda: chart_png(chart),
                file_name=f"sociale-basis-{code}-stap-{step.number}.png",
                mime="image/png",
                on_click="ignore",
            )
        st.toggle(
            say("page.detail", lang),
            key="gesprek_detail",
            value=view.detail,
            on_change=toggle_detail,
            args=(step.kind, step.condition_id),
        )
        st.caption(say("page.keys", lang))


def current_step(steps: tuple[MeetingStep, ...], raw_step: object, lang: str) -> MeetingStep:
    """Return the screen to show: the same condition after a detail switch, else the link's."""
    kept = st.session_state.pop(KEEP_CONDITION, None)
    if kept is not None:  # detail switched: stay with the same condition
        number, notice = matching_step(steps, *kept), None
    else:
        number, notice = parse_step(raw_step, len(steps), lang)
    if notice:
        st.info(notice)
    return steps[number - 1]


def show_meeting(code: str, raw_step: object, view: View) -> None:
    """Show one screen of the meeting for an area and keep the step in the URL."""
    lang, detail = view.lang, view.detail
    profile = cached_profile(code, lang)
    steps = meeting_steps(profile, detail, lang)
    step = current_step(steps, raw_step, lang)
    st.query_params[PARAM_STEP] = step.step_param
    if detail:
        st.query_params[PARAM_DETAIL] = "1"
    remarks, remarks_notice = read_remarks(code, lang)
    base_url = view.base_url
    follow_params = {PARAM_STEP: step.step_param} | ({PARAM_DETAIL: "1"} if detail else {})
    follow_link = (
        deep_link(base_url, "gesprek", link_params(code, lang, follow_params)) if base_url else None
    )
    with st.container(key="sq-meet-screen"):
        show_navigation(step, len(steps), code, lang)
        show_heading(step)
        if step.kind == "opening":
            show_opening(step, follow_link, lang)
        elif step.kind == "closing":
            profile_link = profile_url(base_url, code, lang) if base_url else None
            show_closing(step, profile_link, remarks, lang)
        else:
            show_condition(step, profile, lang)
    if remarks_notice:
        st.caption(remarks_notice)
    show_tools(step, profile, follow_link, remarks, view)


def main() -> None:
    """Read the language, the area and the step from the URL and show the meeting."""
    detail = st.query_params.get(PARAM_DETAIL) == "1"
    view = View(state.language(), detail, cache.public_url())
    store = widgets.load_or_stop()
    cat = cache.catalogue()
    raw_step = st.query_params.get(PARAM_STEP)  # read before the selection rewrites the URL
    _sel, notices = state.selection(store, cat)
    st.markdown(STYLE, unsafe_allow_html=True)
    state.show_notices(notices)
    code = state.current_area()
    if not code or code not in cache.known_codes():
        area_chooser(None, view.lang)
        st.info(say("page.no_area", view.lang))
        st.stop()
    show_meeting(code, raw_step, view)


main()
