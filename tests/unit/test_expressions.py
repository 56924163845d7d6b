"""The condition language: what it accepts, what it refuses, and how it decides with gaps.

Conditions come from a flow file a clinician edits, so the parser is the security boundary
(nothing is ever executed) and the first line of defence against typos.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lm_tui.flow.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    ConditionError,
    Symbol,
    parse_condition,
)
from lm_tui.flow.values import ABSENT, UNKNOWN, Seen, TriState

SYMBOLS = {
    "light": Symbol("choice", frozenset({"low", "medium", "bright"})),
    "pets": Symbol("multi", frozenset({"cat", "dog", "bird"})),
    "days_away": Symbol("number"),
    "easy_care": Symbol("bool"),
}


def parse(source: str):
    return parse_condition(source, SYMBOLS)


def decide(source: str, **answers: Seen) -> TriState:
    """Evaluate with the given answers; names not given are UNKNOWN (not asked yet)."""
    return parse(source).evaluate(lambda name: answers.get(name, UNKNOWN))


# --- accepted ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("light == 'low'", {"light"}),
        ("light != 'low'", {"light"}),
        ("light in ['low', 'medium']", {"light"}),
        ("light not in ('low',)", {"light"}),
        ("'cat' in pets", {"pets"}),
        ("'cat' not in pets", {"pets"}),
        ("len(pets) == 0", {"pets"}),
        ("len(pets) >= 2", {"pets"}),
        ("days_away > 7", {"days_away"}),
        ("7 < days_away", {"days_away"}),
        ("1 <= days_away < 5", {"days_away"}),
        ("days_away in [0, 0.5]", {"days_away"}),
        ("days_away > -1", {"days_away"}),
        ("easy_care", {"easy_care"}),
        ("not easy_care", {"easy_care"}),
        ("easy_care == true", {"easy_care"}),
        ("easy_care != false", {"easy_care"}),
        ("true", set()),
        (
            "light == 'low' and ('cat' in pets or not (days_away >= 7))",
            {"light", "pets", "days_away"},
        ),
    ],
)
def test_accepted_conditions_record_the_names_they_read(source: str, names: set[str]) -> None:
    assert parse(source).names == frozenset(names)


def test_number_thresholds_and_multi_members_are_recorded_for_the_verifier() -> None:
    condition = parse("days_away >= 7 and 'cat' in pets and 3 > days_away")
    assert condition.thresholds == {"days_away": frozenset({Decimal("7"), Decimal("3")})}
    assert condition.members == {"pets": frozenset({"cat"})}


def test_decimal_literals_are_exact() -> None:
    # 0.1 + 0.2 style binary drift would make 17.9 differ from the literal 17.9.
    assert decide("days_away == 17.9", days_away=Decimal("17.9")) is True
    assert parse("days_away < 0.1").thresholds["days_away"] == frozenset({Decimal("0.1")})


# --- refused ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # dunder names, in any position
        ("__import__('os')", "'__' is not allowed"),
        ("light.__class__ == 'low'", "'__' is not allowed"),
        ("__debug__", "'__' is not allowed"),
        # attribute access
        ("light.upper == 'LOW'", "attribute access is not allowed"),
        ("light.upper() == 'LOW'", "only len(...) may be called"),
        # calls other than len, and len misused
        ("print(light)", "calls other than len() are not allowed"),
        ("max(days_away, 1) > 2", "only len(...) may be called, not 'max'"),
        ("len(pets, pets) > 1", "len takes exactly one name"),
        ("len(light) > 1", "len() needs a multi-select; 'light' is a choice"),
        # subscripts
        ("light[0] == 'l'", "subscripts are not allowed"),
        # comprehensions and lambdas
        ("[p for p in pets]", "comprehensions are not allowed"),
        ("any(p == 'cat' for p in pets)", "calls other than len() are not allowed"),
        ("{p for p in pets}", "comprehensions are not allowed"),
        ("(lambda: True)()", "calls other than len() are not allowed"),
        ("(lambda: 1)() > 0", "only len(...) may be called"),
        ("lambda: light", "lambdas are not allowed"),
        # other syntax outside the language
        ("days_away + 1 > 2", "arithmetic is not allowed"),
        ("light if easy_care else 'low'", "if-expressions are not allowed"),
        ("(x := 1)", "assignment is not allowed"),
        ("light is None", "operator 'Is' is not allowed"),
        ("light == None", "literal None is not a string, number or true/false"),
        ("light ==", "not a valid condition"),
        ("", "not a valid condition"),
        # unknown names
        ("lihgt == 'low'", "'lihgt' is not a declared variable or derived value"),
        ("light == 'low' or colour == 'red'", "'colour' is not a declared variable"),
        # string literals outside the compared variable's domain
        ("light == 'dim'", "'dim' is not a value of 'light' (allowed: bright, low, medium)"),
        ("light in ['low', 'dim']", "'dim' is not a value of 'light'"),
        ("'fish' in pets", "'fish' is not a value of 'pets' (allowed: bird, cat, dog)"),
        # wrong types
        ("days_away == 'long'", "'days_away' is a number; compare it with a number"),
        ("days_away == true", "'days_away' is a number"),
        ("light == 3", "is not a value of 'light'"),
        ("light > 'low'", "'light' is a choice; only numbers are ordered with >"),
        ("pets == 'cat'", "'pets' is a multi-select; use 'value' in pets"),
        ("pets in ['cat']", "'pets' is a multi-select; use 'value' in pets"),
        ("'low' in light", "needs a multi-select; it is a choice"),
        ("len(pets) == 'two'", "len(pets) is compared with a number"),
        ("easy_care == 'yes'", "'easy_care' is yes/no; compare it with true or false"),
        ("light", "'light' is a choice, not yes/no"),
        ("light == days_away", "compare a name (or len(name)) with a literal value"),
        ("light in []", "an empty list never matches"),
    ],
)
def test_refused_conditions_name_the_bad_token(source: str, expected: str) -> None:
    with pytest.raises(ConditionError) as refused:
        parse(source)
    assert expected in str(refused.value)


def test_absurd_length_is_refused_before_parsing() -> None:
    source = " or ".join(["light == 'low'"] * (MAX_LENGTH // 10))
    assert len(source) > MAX_LENGTH
    with pytest.raises(ConditionError, match=f"longer than {MAX_LENGTH} characters"):
        parse(source)


def test_nesting_just_inside_the_limit_is_accepted_and_beyond_it_refused() -> None:
    assert parse("not " * (MAX_DEPTH - 1) + "easy_care").names == {"easy_care"}
    with pytest.raises(ConditionError, match=f"nested deeper than {MAX_DEPTH} levels"):
        parse("not " * (MAX_DEPTH + 1) + "easy_care")


def test_deep_boolean_nesting_is_refused() -> None:
    source = "easy_care"
    for _ in range(MAX_DEPTH + 2):
        source = f"(light == 'low' and ({source} or 'cat' in pets))"
    assert len(source) < MAX_LENGTH
    with pytest.raises(ConditionError, match="nested deeper"):
        parse(source)


def test_parenthesis_towers_are_refused_without_a_crash() -> None:
    with pytest.raises(ConditionError):
        parse("(" * 500 + "easy_care" + ")" * 500)


# --- three-valued evaluation ------------------------------------------------------------------


def test_unknown_names_leave_a_comparison_undecided() -> None:
    assert decide("light == 'low'") is UNKNOWN
    assert decide("not (light == 'low')") is UNKNOWN
    assert decide("len(pets) > 0") is UNKNOWN


def test_and_or_decide_despite_an_unknown_side_when_the_other_side_settles_it() -> None:
    assert decide("light == 'low' and days_away > 7", light="bright") is False
    assert decide("light == 'low' or days_away > 7", light="low") is True
    assert decide("light == 'low' and days_away > 7", light="low") is UNKNOWN
    assert decide("light == 'low' or days_away > 7", light="bright") is UNKNOWN


def test_a_value_that_does_not_apply_equals_nothing() -> None:
    # ABSENT is a derived value whose table gave no value: decided, unlike UNKNOWN.
    assert decide("light == 'low'", light=ABSENT) is False
    assert decide("light != 'low'", light=ABSENT) is True
    assert decide("light in ['low', 'bright']", light=ABSENT) is False
    assert decide("easy_care", easy_care=ABSENT) is False


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("'cat' in pets", {"pets": frozenset({"cat", "dog"})}, True),
        ("'cat' not in pets", {"pets": frozenset({"dog"})}, True),
        ("len(pets) == 0", {"pets": frozenset()}, True),
        ("len(pets) >= 2", {"pets": frozenset({"cat"})}, False),
        ("days_away > 7", {"days_away": Decimal(7)}, False),
        ("days_away >= 7", {"days_away": Decimal(7)}, True),
        ("7 < days_away", {"days_away": Decimal("7.5")}, True),
        ("1 <= days_away < 5", {"days_away": Decimal(5)}, False),
        ("light in ['low', 'medium']", {"light": "medium"}, True),
        ("light not in ['low', 'medium']", {"light": "medium"}, False),
        ("easy_care", {"easy_care": True}, True),
        ("not easy_care", {"easy_care": True}, False),
        ("easy_care == false", {"easy_care": False}, True),
    ],
)
def test_evaluation(source: str, answers: dict[str, Seen], expected: bool) -> None:
    assert decide(source, **answers) is expected
