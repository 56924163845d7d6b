"""`lm-tui diff OLD.toml NEW.toml [--sessions DIR]`: a flow change, for clinical sign-off."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lm_tui.exports.flow_diff import diff_flows, report_lines
from lm_tui.flow.loader import load_flow
from lm_tui.session import user_paths
from lm_tui.session.session_impact import Verdict, assess_sessions, session_files

EXIT_DIFFERENT = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="show what changed between two versions of a flow",
        description="Compare two flow files table by table: metadata and version, nodes (kind, "
        "prompts, help, options, routes), variables and their values, derived rule tables row "
        "by row, recommendations, pitfalls and sources. Layout and comments are ignored. With "
        "--sessions, replay every session export in DIR under both flows and list the sessions "
        "whose outcome would change.",
        epilog="Example: lm-tui diff flows/leptomeningeal.toml new.toml --sessions ~/lm-sessions",
    )
    parser.add_argument("old", type=Path, metavar="OLD.toml")
    parser.add_argument("new", type=Path, metavar="NEW.toml")
    parser.add_argument(
        "--sessions",
        type=Path,
        metavar="DIR",
        help="folder of session exports (*.toml) to replay under both flows",
    )
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when the flows differ or an outcome changes (for scripts)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.sessions is not None and not user_paths.is_dir(args.sessions):
        print(f"lm-tui diff: {args.sessions}: no such folder", file=sys.stderr)
        return 2
    old = load_flow(args.old)
    new = load_flow(args.new)
    diff = diff_flows(old, new)
    for line in report_lines(diff):
        print(line)
    changed_outcomes = 0
    if args.sessions is not None:
        files = session_files(args.sessions)
        report = assess_sessions(old, new, files)
        changed = report.with_verdict("changed")
        changed_outcomes = len(changed)
        print()
        print(f"Saved sessions in {args.sessions}: {len(files)} file(s)")
        print(f"  outcome would change: {len(changed)}")
        for impact in changed:
            print(f"    {impact.path.name}")
            for line in impact.differences:
                print(f"      {line}")
        others: tuple[tuple[Verdict, str], ...] = (
            ("no_longer_replays", "no longer replay under the new flow (review each)"),
            ("incomplete", "not complete (no outcome to compare)"),
            ("other_flow", "recorded with another flow (skipped)"),
            ("unreadable", "not readable as session exports (skipped)"),
        )
        for verdict, title in others:
            found = report.with_verdict(verdict)
            if found:
                print(f"  {title}: {len(found)}")
                for impact in found:
                    print(f"    {impact.path.name}: {'; '.join(impact.differences)}")
        print(f"  unchanged: {len(report.with_verdict('same'))}")
    if args.exit_code and (not diff.identical or changed_outcomes):
        return EXIT_DIFFERENT
    return 0
