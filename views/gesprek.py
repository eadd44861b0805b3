"""Gesprek: one area's social base as calm screens for a village-hall projector.

The step lives in the URL (?gebied=...&stap=2), so a phone that scans the QR code opens the
same screen. Names and sentences are shown as Markdown-escaped text; the only HTML is a
static style block.
"""

from __future__ import annotations

import streamlit as st

from sq.analysis.meeting import (
    PARAM_DETAIL,
    PARAM_STEP,
    MeetingStep,
    matching_step,
    meeting_steps,
    parse_step,
    say,
    source_line,
    step_chart,
)
from sq.analysis.profile import AreaProfile, area_profile
from sq.analysis.selection import link_params
from sq.remarks.db import Remark, remark_html
from sq.render.chart_export import chart_png
from sq.render.pdf.profile import profile_url
from sq.render.qr import deep_link, qr_png
from sq.text.i18n import t
from views import cache, remarks_form, state, widgets

KEEP_CONDITION = "gesprek_keep_condition"
STYLE = """
<style>
[data-testid="stMainBlockContainer"] {padding-top: 3.5rem; padding-bottom: 2rem;}
.st-key-sq-meet-title h1 {font-size: 3rem; line-height: 1.1; padding: 0.1rem 0 0 0;}
.st-key-sq-meet-sub p {font-size: 1.3rem; color: #495057; margin-bottom: 0;}
.st-key-sq-meet-lead p {font-size: 2.2rem; line-height: 1.3; font-weight: 600; color: #212529;}
.st-key-sq-meet-more p {font-size: 1.45rem; line-height: 1.35; color: #343a40;}
.st-key-sq-meet-questions {background: #eef5f7; border-left: 0.5rem solid #005e6e;
  border-radius: 0.4rem; padding: 0.8rem 1.2rem;}
.st-key-sq-meet-questions p {font-size: 1.9rem; line-height: 1.3; margin-bottom: 0.3rem;}
.st-key-sq-meet-questions h3 {font-size: 1.1rem; color: #005e6e; padding: 0;}
.st-key-sq-meet-points p {font-size: 1.45rem; line-height: 1.35;}
.st-key-sq-meet-nav button p {font-size: 1.2rem;}
.sq-remark {border-left: 0.3rem solid #ced4da; padding-left: 0.8rem; margin-bottom: 0.6rem;}
.sq-remark-meta {font-size: 0.9rem; color: #495057; margin: 0;}
.sq-remark-text {font-size: 1.3rem; margin: 0;}
@media (max-width: 640px) {
  .st-key-sq-meet-title h1 {font-size: 2.2rem;}
  .st-key-sq-meet-lead p {font-size: 1.6rem;}
  .st-key-sq-meet-questions p {font-size: 1.4rem;}
  .st-key-sq-meet-chart {display: none;}  /* bars are stubs on a phone; the sentence says it */
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


def read_remarks(region_code: str) -> tuple[list[Remark], str | None]:
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


def area_chooser(current: str | None) -> None:
    """Show a small search for another area; a new area starts at its first screen."""
    with st.popover(say("page.choose", lang)):
        choice = widgets.area_picker("gesprek")
    if choice and choice != current:
        st.query_params[PARAM_STEP] = "1"
        st.rerun()


def show_navigation(step: MeetingStep, total: int, current: str) -> None:
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
            area_chooser(current)


def show_heading(step: MeetingStep) -> None:
    """Show the screen's title in very large type with a calm line under it."""
    with st.container(key="sq-meet-title"):
        st.title(plain(step.title), anchor=False)
    if step.subtitle:
        with st.container(key="sq-meet-sub"):
            st.markdown(plain(step.subtitle))


def show_questions(questions: tuple[str, ...]) -> None:
    """Show the questions for the room in a quiet box."""
    if not questions:
        return
    with st.container(key="sq-meet-questions"):
        st.subheader(say("page.questions", lang), anchor=False)
        for question in questions:
            st.markdown(plain(question))


def show_figure(step: MeetingStep, profile: AreaProfile) -> None:
    """Show the big chart (its numbers are in the sentence above it) and the source under it."""
    row = step.chart_row
    chart = step_chart(step, profile, lang)
    if row is None or chart is None:
        return
    with st.container(key="sq-meet-chart"):
        st.altair_chart(chart, width="stretch", theme=None)
    st.caption(plain(source_line(row, lang)))


def show_opening(step: MeetingStep) -> None:
    """Show the area, the big question and the four conditions."""
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


def show_condition(step: MeetingStep, profile: AreaProfile) -> None:
    """Show the lead sentence, the chart, the other figures in words and the questions."""
    with st.container(key="sq-meet-lead"):
        st.markdown(plain(step.sentences[0]))
    left, right = st.columns([11, 9], gap="large")
    with left:
        show_figure(step, profile)
        if step.chart_row is None:
            show_questions(step.questions)
    with right:
        if step.chart_row is not None:
            show_questions(step.questions)
        if len(step.sentences) > 1:
            with st.container(key="sq-meet-more"):
                for sentence in step.sentences[1:]:
                    st.markdown(plain(sentence))


def show_closing(step: MeetingStep, link: str | None, remarks: list[Remark]) -> None:
    """Ask what residents say; a big QR code opens the area's profile on phones."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        show_questions(step.questions)
        if remarks:
            st.markdown(f"**{say('page.remarks_recent', lang)}**")
            for remark in remarks[-3:]:
                st.markdown(remark_html(remark), unsafe_allow_html=True)
            st.caption(say("page.remarks_count", lang, n=len(remarks)))
    with right:
        with st.container(key="sq-meet-more"):
            st.markdown(plain(step.sentences[0]))
        if link is None:
            st.warning(t("address.unknown", lang))
            return
        st.image(
            qr_png(link, scale=10), width=300, caption=link, alt=t("address.qr_alt", lang, url=link)
        )


def show_follow(follow: str | None) -> None:
    """Show the small follow-along QR code and its link (a notice when the address is unknown)."""
    qr_col, link_col = st.columns([1, 3], gap="medium")
    if follow is None:
        link_col.caption(t("address.unknown", lang))
        return
    qr_col.image(qr_png(follow, scale=4), width=130, alt=t("address.qr_alt", lang, url=follow))
    with link_col:
        st.markdown(say("page.qr_follow", lang))
        st.code(follow, language=None, wrap_lines=True)


def show_tools(
    step: MeetingStep, profile: AreaProfile, follow: str | None, remarks: list[Remark]
) -> None:
    """Below the screen: follow along by QR, downloads and the detail switch."""
    st.divider()
    follow_col, tools = st.columns([4, 3], gap="medium")
    with follow_col:
        show_follow(follow)
    code = profile.area.code
    with tools:
        st.download_button(
            say("page.pdf", lang),
            data=lambda: cache.profile_pdf_bytes(code, lang, tuple(remarks), base_url),
            file_name=f"sociale-basis-profiel-{code}.pdf",
            mime="application/pdf",
            on_click="ignore",
        )
        chart = step_chart(step, profile, lang)
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
            value=detail,
            on_change=toggle_detail,
            args=(step.kind, step.condition_id),
        )
        st.caption(say("page.keys", lang))


lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()
raw_step = st.query_params.get(PARAM_STEP)  # read before the selection rewrites the URL
detail = st.query_params.get(PARAM_DETAIL) == "1"
sel, notices = state.selection(store, cat)
st.markdown(STYLE, unsafe_allow_html=True)
state.show_notices(notices)

code = state.current_area()
if not code or code not in cache.known_codes():
    area_chooser(None)
    st.info(say("page.no_area", lang))
    st.stop()

profile = cached_profile(code, lang)
steps = meeting_steps(profile, detail, lang)
kept = st.session_state.pop(KEEP_CONDITION, None)
if kept is not None:  # detail switched: stay with the same condition
    number, step_notice = matching_step(steps, *kept), None
else:
    number, step_notice = parse_step(raw_step, len(steps), lang)
step = steps[number - 1]
st.query_params[PARAM_STEP] = step.step_param
if detail:
    st.query_params[PARAM_DETAIL] = "1"
if step_notice:
    st.info(step_notice)

show_navigation(step, len(steps), code)
show_heading(step)
remarks, remarks_notice = read_remarks(code)
base_url = cache.public_url()  # this visitor's own address, or $SQ_PUBLIC_URL
follow_params = {PARAM_STEP: step.step_param} | ({PARAM_DETAIL: "1"} if detail else {})
follow_link = (
    deep_link(base_url, "gesprek", link_params(code, lang, follow_params)) if base_url else None
)

if step.kind == "opening":
    show_opening(step)
elif step.kind == "closing":
    show_closing(step, profile_url(base_url, code, lang) if base_url else None, remarks)
else:
    show_condition(step, profile)
if remarks_notice:
    st.caption(remarks_notice)
show_tools(step, profile, follow_link, remarks)
