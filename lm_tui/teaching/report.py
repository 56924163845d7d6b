"""The debrief as text: plain lines for the terminal, Markdown for an instructor's file."""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.teaching.debrief import Debrief, shown_points


def debrief_lines(debrief: Debrief, flow: Flow) -> list[str]:
    """The whole debrief as plain lines (the marking command prints these)."""
    lines = [
        f"Case {debrief.case_id}: {debrief.case_title}",
        f"Score {shown_points(debrief.score)}/{debrief.max_score}"
        + ("" if debrief.complete else " (the attempt stopped before the outcome)"),
        "",
        "Decisions:",
    ]
    for line in debrief.decisions:
        mark = line.mark
        lines.append(f"  [{line.verdict}] {mark.label} ({mark.variable}): {line.points} point(s)")
        lines.append(f"      you: {line.answered}")
        lines.append(f"      expected: {line.expected}")
        for item in line.items:
            lines.append(f"      {item.heading}")
            if item.reason:
                lines += [f"          {reason}" for reason in item.reason.splitlines()]
                lines.append(f"          sources: {', '.join(item.sources)}")
        lines.append(f"      why: {mark.explanation.why.strip()}")
        lines.append(f"      sources: {_sources(mark.explanation.sources, flow)}")
    lines += ["", "Pitfalls your answers raised:"]
    if not debrief.pitfalls:
        lines.append("  none")
    for pitfall in debrief.pitfalls:
        origin = " (raised by the case's facts too)" if pitfall.on_expected_path else ""
        lines.append(f"  [{pitfall.severity}] {pitfall.title}{origin}")
        lines.append(f"      {pitfall.text.strip()}")
    if debrief.shows_expected_path:
        outcome = debrief.expected_outcome
        lines += ["", f"Where the expected path leads: {outcome.title}"]
        if debrief.diverged_after:
            lines.append(f"  your path left it after '{debrief.diverged_after}'")
        lines += [f"  - {title} ({rec_id})" for rec_id, title in outcome.recommendations]
    return lines


def debrief_markdown(debrief: Debrief, flow: Flow) -> str:
    """The debrief as a Markdown document with the full citations at the end."""
    out = [
        f"# Debrief: {debrief.case_title}",
        "",
        f"Case `{debrief.case_id}` · score **{shown_points(debrief.score)}/{debrief.max_score}** · "
        f"feedback {debrief.feedback}"
        + ("" if debrief.complete else " · stopped before the outcome"),
        "",
        "## Decisions",
        "",
        "| Decision | Your answer | Expected | Verdict | Points |",
        "|---|---|---|---|---|",
    ]
    for line in debrief.decisions:
        out.append(
            f"| {_cell(line.mark.label)} | {_cell(line.answered)} | {_cell(line.expected)} | "
            f"{line.verdict} | {line.points} |"
        )
    cited: list[str] = []
    for line in debrief.decisions:
        mark = line.mark
        out += ["", f"### {mark.label}", ""]
        if line.items:
            for item in line.items:
                reason = f": {' '.join(item.reason.splitlines())}" if item.reason else ""
                refs = f" [{', '.join(item.sources)}]" if item.sources else ""
                out.append(f"- {item.symbol} **{item.verdict}**: {item.label}{reason}{refs}")
                cited += [s for s in item.sources if s not in cited]
            out.append("")
        out += [mark.explanation.why.strip(), ""]
        out.append("Sources: " + ", ".join(f"[{source}]" for source in mark.explanation.sources))
        cited += [s for s in mark.explanation.sources if s not in cited]
    out += ["", "## Pitfalls your answers raised", ""]
    if not debrief.pitfalls:
        out.append("None.")
    for pitfall in debrief.pitfalls:
        origin = " (raised by the case's facts too)" if pitfall.on_expected_path else ""
        out.append(f"- **{pitfall.title}** ({pitfall.severity}){origin}: {pitfall.text.strip()}")
        cited += [s for s in pitfall.sources if s not in cited]
    if debrief.shows_expected_path:
        outcome = debrief.expected_outcome
        out += ["", f"## Where the expected path leads: {outcome.title}", ""]
        if debrief.diverged_after:
            out += [f"Your path left it after `{debrief.diverged_after}`.", ""]
        out += [f"- {title}" for _, title in outcome.recommendations]
    out += ["", "## Sources", ""]
    out += [f"- [{source}] {flow.file.sources[source].citation}" for source in cited]
    return "\n".join(out) + "\n"


def _sources(sources: list[str], flow: Flow) -> str:
    return "; ".join(f"[{s}] {flow.file.sources[s].citation}" for s in sources)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
