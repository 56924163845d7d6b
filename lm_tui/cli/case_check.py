"""The teaching-case half of `lm-tui check`: every case checked against the flow it names.

By default a flow's cases are the files in the `cases/` folder beside the flow file that name
that flow's id (`[case] flow`), so editing `flows/leptomeningeal.toml` and running `lm-tui check`
also proves every bundled case still plays. `--cases` replaces that folder with the files or
folders given.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import CaseError
from lm_tui.session import user_paths
from lm_tui.teaching.cases import Case, load_cases
from lm_tui.teaching.validate import check_case, expected_session


def check_cases(flows: Mapping[str, Flow], explicit: Sequence[Path] | None) -> int:
    """Check the cases of the loaded flows (by id); print one line each; return failures."""
    if explicit:
        sources = list(explicit)
    else:
        folders = {flow.path.parent / "cases" for flow in flows.values()}
        sources = sorted(folder for folder in folders if user_paths.is_dir(folder))
    try:
        found = load_cases(sources)
    except CaseError as error:
        print(f"lm-tui check: {error}", file=sys.stderr)
        return 1
    failed = 0
    for broken in found.errors:
        for line in broken.lines():
            print(line, file=sys.stderr)
        print(f"{broken.path}: FAILED to load ({len(broken.problems)} problem(s))", file=sys.stderr)
        failed += 1
    for case in found.cases:
        flow = flows.get(case.flow_id)
        if flow is None:
            if explicit:  # asked for by name: say why it was not checked
                print(
                    f"{case.path}: case.flow: '{case.flow_id}' is not among the flows checked "
                    f"({', '.join(flows) or 'none loaded'}); pass its flow file too",
                    file=sys.stderr,
                )
                failed += 1
            continue  # a case of another flow in a shared folder
        failed += _check_one(case, flow)
    return failed


def _check_one(case: Case, flow: Flow) -> int:
    problems = check_case(case, flow)
    if problems:
        for problem in problems:
            print(f"{case.path}: {problem}", file=sys.stderr)
        print(f"{case.path}: FAILED ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    session = expected_session(case, flow)
    print(
        f"{case.path}: OK  case '{case.id}': {len(case.expected)} decision(s), "
        f"{len(case.given)} fact(s); expected path of {len(session.path)} step(s) ends at "
        f"'{session.current}'"
    )
    return 0
