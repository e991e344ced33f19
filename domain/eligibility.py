"""Adult eligibility: the Care and Support (Eligibility Criteria) Regulations 2015, reg 2."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from domain.rulepacks import QuestionSet

RULE = "SI 2015/313 reg 2"
OUTCOMES_NEEDED = 2  # reg 2(1)(b): "unable to achieve two or more of the outcomes"


@dataclass(frozen=True)
class EligibilityResult:
    """Whether an adult's needs meet the eligibility criteria, with one reason per condition."""

    eligible: bool
    reasons: tuple[str, ...]
    unable_outcomes: tuple[str, ...]
    rule: str = RULE


def needs_arise_from_impairment_or_illness(arise: bool) -> tuple[bool, str]:
    """SI 2015/313 reg 2(1)(a): the adult's needs arise from or are related to a physical or
    mental impairment or illness."""
    if arise:
        return True, (
            "Your needs come from a physical or mental illness or disability. "
            "The law needs this (regulation 2(1)(a))."
        )
    return False, (
        "Your needs do not come from a physical or mental illness or disability. "
        "The law needs this, so this part is not met (regulation 2(1)(a))."
    )


def unable_to_achieve(ways: Collection[str]) -> bool:
    """SI 2015/313 reg 2(3): an adult is unable to achieve an outcome if they (a) cannot achieve
    it without help, or can but (b) with significant pain, distress or anxiety, (c) in a way that
    endangers them or others, or (d) taking significantly longer than would normally be expected."""
    return bool(ways)


def unable_to_achieve_two_or_more_outcomes(headings: Sequence[str]) -> tuple[bool, str]:
    """SI 2015/313 reg 2(1)(b): as a result of their needs the adult is unable to achieve two or
    more of the outcomes specified in reg 2(2)."""
    count, names = len(headings), ", ".join(_lower_first(h) for h in headings)
    if count >= OUTCOMES_NEEDED:
        return True, (
            f"You are unable to achieve {count} of the outcomes in the regulations: {names}. "
            f"The law needs {OUTCOMES_NEEDED} or more (regulation 2(1)(b))."
        )
    if count:
        return False, (
            f"You are unable to achieve {count} of the outcomes in the regulations: {names}. "
            f"The law needs {OUTCOMES_NEEDED} or more, so this part is not met "
            "(regulation 2(1)(b))."
        )
    return False, (
        "You are able to achieve all of the outcomes in the regulations. The law needs you to be "
        f"unable to achieve {OUTCOMES_NEEDED} or more, so this part is not met "
        "(regulation 2(1)(b))."
    )


def significant_impact_on_wellbeing(impact: bool) -> tuple[bool, str]:
    """SI 2015/313 reg 2(1)(c): as a consequence there is, or is likely to be, a significant impact
    on the adult's well-being."""
    if impact:
        return True, (
            "This has, or is likely to have, a significant effect on your wellbeing. "
            "The law needs this (regulation 2(1)(c))."
        )
    return False, (
        "This does not have, and is not likely to have, a significant effect on your wellbeing. "
        "The law needs this, so this part is not met (regulation 2(1)(c))."
    )


def decide_adult_eligibility(
    *,
    question_set: QuestionSet,
    needs_arise_from_impairment: bool,
    ways_by_outcome: Mapping[str, Collection[str]],
    wellbeing_impact: bool,
) -> EligibilityResult:
    """SI 2015/313 reg 2(1): an adult's needs meet the eligibility criteria only if all three
    conditions, (a), (b) and (c), are met."""
    _check_codes(question_set, ways_by_outcome)
    unable = tuple(
        o for o in question_set.outcomes if unable_to_achieve(ways_by_outcome.get(o.code, ()))
    )
    conditions = (
        needs_arise_from_impairment_or_illness(needs_arise_from_impairment),
        unable_to_achieve_two_or_more_outcomes([o.heading for o in unable]),
        significant_impact_on_wellbeing(wellbeing_impact),
    )
    return EligibilityResult(
        eligible=all(met for met, _ in conditions),
        reasons=tuple(reason for _, reason in conditions),
        unable_outcomes=tuple(o.code for o in unable),
    )


def _check_codes(question_set: QuestionSet, ways_by_outcome: Mapping[str, Collection[str]]) -> None:
    known_ways = {w.code for w in question_set.ways}
    for code, ways in ways_by_outcome.items():
        question_set.outcome(code)  # ValueError for an unknown outcome
        if isinstance(ways, str):
            raise ValueError(f"The circumstances for {code!r} must be a collection of codes")
        unknown = sorted(set(ways) - known_ways)
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a reg 2(3) circumstance in {question_set.ref}")


def _lower_first(heading: str) -> str:
    return heading[:1].lower() + heading[1:]
