"""A Markdown clinical summary of a session, to paste into or attach to the chart note.

Everything in it comes from the flow and the session: the answers as labelled in the flow, the
flow's panels (diagnosis, branch, IT checks), the recommendations with their full text, sources
and grades, every raised pitfall with whether and when it was acknowledged, the notes, and the
flow's id, version and SHA-256 so a reader can tell exactly which rules produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from lm_tui import __version__
from lm_tui.flow.visible_text import visible
from lm_tui.session.engine import Session
from lm_tui.session.panels import known_panels
from lm_tui.session.plan_check import not_planned_line, option_marks, recommended_not_planned
from lm_tui.session.summary_text import evidence_grade, shown


def render_markdown(session: Session, finished_at: datetime | None = None) -> str:
    flow = session.flow
    finished = finished_at or session.clock()
    cited: list[str] = []
    lines = [
        f"# {_inline(flow.title)}: session summary",
        "",
        f"> {_paragraph(flow.file.flow.disclaimer)}",
        "",
        f"- Flow: `{flow.id}` version {_inline(flow.version)}",
        f"- Flow SHA-256: `{flow.sha256}`",
        f"- Session: {session.mode} mode, {session.interface} interface, lm-tui {__version__}",
        f"- Started: {_time(session.started_at)}; exported: {_time(finished)}",
        f"- Status: {_status(session)}",
        "",
        "## Answers",
        "",
    ]
    if session.answers:
        lines += ["| Question | Answer |", "| --- | --- |"]
        for variable, value in session.answers.items():
            label = flow.variables[variable].label
            lines.append(f"| {_cell(label)} | {_cell(shown(session, variable, value))} |")
    else:
        lines.append("No answers given.")
    for panel in known_panels(session):
        lines += ["", f"## {_inline(panel.title)}", ""]
        if not panel.entries:
            lines.append("Not known yet.")
        for entry in panel.entries:
            lines.append(f"- {_paragraph(entry.label)}: **{_inline(entry.text)}**")
    if session.is_complete:
        lines += _outcome_sections(session, cited)
        lines += _recommendations(session, cited)
    else:
        lines += [
            "",
            "## Recommendations",
            "",
            "The session is not complete, so no recommendations are given.",
        ]
    lines += _checked_selections(session)
    lines += _pitfalls(session, cited)
    if session.notes:
        lines += ["", "## Notes", ""]
        for note in session.notes:
            where = _node_name(session, note.node)
            lines.append(f"- {_paragraph(where)} ({_time(note.at)}): {_inline(note.text)}")
    lines += _sources(session, cited)
    lines += [
        "",
        "---",
        "",
        f"*{_inline(flow.file.flow.disclaimer)}*",
        "",
    ]
    # A note or a resumed session's text may hold escape codes; the summary is read in a
    # terminal (`cat`) as often as in an editor.
    return visible("\n".join(lines))


def _checked_selections(session: Session) -> list[str]:
    """Plan vs recommendations: each ticked item of a multi-select answer with what the app
    marks on it (plan_check.py: recommended, not eligible, the pitfall it raised), then the
    recommended items no ticked option carries out; nothing when there is nothing to say."""
    flow = session.flow
    lines: list[str] = []
    for step in session.path:
        variable = step.variable
        if variable is None or not isinstance(step.value, frozenset):
            continue
        ticked = [value for value in flow.offered_values(step.node) if value in step.value]
        marks = option_marks(flow, variable, session.answers, step.value, ticked)
        rows = [
            f"- {_inline(flow.choice_label(variable, option))}: {_inline(mark.text)}"
            for option in ticked
            for mark in marks[option]
        ]
        missing = recommended_not_planned(flow, variable, session.answers, step.value)
        if missing:
            rows.append(f"- {_inline(not_planned_line(missing))}")
        if rows:
            label = _inline(flow.variables[variable].label)
            lines += ["", f"## {label}: plan vs recommendations", "", *rows]
    return lines


def _outcome_sections(session: Session, cited: list[str]) -> list[str]:
    lines: list[str] = []
    for title, text, sources in session.evaluator.sections(session.current):
        lines += ["", f"## {_inline(title)}", "", _paragraph(text)]
        if sources:
            lines += ["", f"Sources: {_source_refs(sources, cited)}"]
    return lines


def _recommendations(session: Session, cited: list[str]) -> list[str]:
    flow = session.flow
    evaluator = session.evaluator
    recommended = evaluator.recommendations()
    lines = ["", "## Recommendations", ""]
    if not recommended:
        lines.append("None.")
    for number, rec_id in enumerate(recommended, start=1):
        rec = flow.recommendations[rec_id]
        lines += [
            f"### {number}. {_inline(rec.title)}",
            "",
            _paragraph(evaluator.fill(rec.text)),
            "",
            f"Sources: {_source_refs(rec.sources, cited)}"
            + f". {_inline(evidence_grade(rec.grade))}"
            + f". (`{rec_id}`)",
            "",
        ]
    return lines[:-1] if recommended else lines


def _pitfalls(session: Session, cited: list[str]) -> list[str]:
    flow = session.flow
    raised = session.raised_pitfalls()
    lines = ["", "## Pitfalls", ""]
    if not raised:
        lines.append("None raised.")
    for pit_id in raised:
        pitfall = flow.pitfalls[pit_id]
        severity = "CRITICAL" if pitfall.severity == "critical" else "Warning"
        if pit_id in session.acknowledged:
            state = f"acknowledged {_time(session.acknowledged[pit_id])}"
        else:
            state = "NOT acknowledged"
        lines += [
            f"- **{severity}: {_inline(pitfall.title)}** ({state}). "
            f"{_inline(session.evaluator.fill(pitfall.text))} "
            f"Sources: {_source_refs(pitfall.sources, cited)}. (`{pit_id}`)",
        ]
    return lines


def _sources(session: Session, cited: list[str]) -> list[str]:
    if not cited:
        return []
    declared = session.flow.file.sources
    lines = ["", "## Sources", ""]
    for source_id in cited:
        source = declared.get(source_id)
        citation = source.citation if source else "not declared in the flow"
        lines.append(f"- [{source_id}] {_inline(citation)}")
    return lines


def _source_refs(sources: Iterable[str], cited: list[str]) -> str:
    refs = []
    for source_id in sources:
        if source_id not in cited:
            cited.append(source_id)
        refs.append(f"[{source_id}]")
    return ", ".join(refs) if refs else "none"


def _status(session: Session) -> str:
    if session.is_complete:
        return "complete"
    return f"NOT complete: stopped at '{_node_name(session, session.current)}'"


def _node_name(session: Session, node_id: str) -> str:
    node = session.flow.nodes.get(node_id)
    title = getattr(node, "title", "") if node is not None else ""
    return title or node_id


def _time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]~&])")
"""Characters that start emphasis, code, links, strike-through or an entity anywhere in a line;
CommonMark lets a backslash make any ASCII punctuation literal."""

_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)]))")
"""What makes a paragraph's first characters a heading, quote, list or rule."""


def _inline(text: str) -> str:
    """One line of text shown exactly as written: never Markdown, never HTML, one line.

    Flow texts and notes are plain text (the app shows them as typed), so a note saying
    `*good*` must not become emphasis in the chart.
    """
    return _INLINE_SYNTAX.sub(r"\\\1", " ".join(text.split())).replace("<", "&lt;")


def _paragraph(text: str) -> str:
    """`_inline` for text that starts a paragraph or a list item, where `# `, `> `, `- ` or
    `1. ` would also turn it into a heading, a quote or a list."""
    return _BLOCK_START.sub(_literal_start, _inline(text), count=1)


def _literal_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")
