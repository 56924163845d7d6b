"""`lm-tui fhir-questionnaire [FLOW]`: the FHIR R4 Questionnaire that `--format fhir` answers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lm_tui.exports.fhir import not_expressible, questionnaire
from lm_tui.flow.loader import load_flow
from lm_tui.resources import bundled_flow_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "fhir-questionnaire",
        help="print the flow as a FHIR R4 Questionnaire (JSON)",
        description="Print the FHIR R4 Questionnaire that session exports in --format fhir "
        "(QuestionnaireResponse) answer: one item per question, the flow's options as codings, "
        "the rule tables and routes as SDC FHIRPath variables, and on every conditionally "
        "asked item an enableWhen or, where a flat list of checks cannot say it, an SDC "
        "enableWhenExpression. The items that need SDC are named on standard error.",
        epilog="Example: lm-tui fhir-questionnaire > leptomeningeal-questionnaire.json",
    )
    parser.add_argument(
        "flow", nargs="?", type=Path, metavar="FLOW", help="flow file (default: the bundled flow)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow or bundled_flow_path())
    print(json.dumps(questionnaire(flow), indent=2, ensure_ascii=False))
    unstated = not_expressible(flow)
    if unstated:
        print(
            f"note: {len(unstated)} item(s) are enabled by the SDC enableWhenExpression, which "
            f"a renderer without SDC support ignores: {', '.join(unstated)}",
            file=sys.stderr,
        )
    return 0
