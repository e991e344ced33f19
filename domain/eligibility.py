"""Care Act eligibility for adults: the Care and Support (Eligibility Criteria) Regulations 2015, reg 2."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

RULE = "SI 2015/313 reg 2"
OUTCOMES_NEEDED = 2  # reg 2(1)(b): "unable to achieve two or more of the specified outcomes"


@dataclass(frozen=True)
class EligibilityResult:
    eligible: bool
    reasons: tuple[str, ...]
    unable_outcomes: tuple[str, ...]
    rule: str = RULE


def impairment_or_illness(met: bool) -> str:
    """Reg 2(1)(a): the needs arise from, or are related to, a physical or mental impairment or illness."""
    if met:
        return (
            "Your needs come from a physical or mental illness or disability (regulation 2(1)(a))."
        )
    return "Your needs do not come from a physical or mental illness or disability, and the law needs this (regulation 2(1)(a))."


def unable_to_achieve(outcome_ways: Collection[str]) -> bool:
    """Reg 2(3): unable to achieve an outcome if any of the four circumstances (a)-(d) applies."""
    return bool(outcome_ways)


def unable_to_achieve_two_or_more(headings: list[str]) -> str:
    """Reg 2(1)(b): because of those needs the adult is unable to achieve two or more specified outcomes."""
    count = len(headings)
    names = ", ".join(h.lower() for h in headings)
    if count >= OUTCOMES_NEEDED:
        return f"You cannot do {count} of the things the law lists without help: {names}. The law needs 2 or more (regulation 2(1)(b))."
    if count == 1:
        return f"You cannot do 1 of the things the law lists without help: {names}. The law needs 2 or more (regulation 2(1)(b))."
    return "You can do all the things the law lists without help. The law needs 2 or more that you cannot do (regulation 2(1)(b))."


def significant_impact_on_wellbeing(met: bool) -> str:
    """Reg 2(1)(c): as a consequence there is, or is likely to be, a significant impact on well-being."""
    if met:
        return (
            "This has, or is likely to have, a big effect on your wellbeing (regulation 2(1)(c))."
        )
    return "This is not likely to have a big effect on your wellbeing, and the law needs this (regulation 2(1)(c))."


def decide_adult_eligibility(
    *,
    question_set,
    needs_arise_from_impairment: bool,
    ways_by_outcome: Mapping[str, Collection[str]],
    wellbeing_impact: bool,
) -> EligibilityResult:
    """An adult's needs are eligible only if all three conditions of reg 2(1) are met."""
    known = {o.code: o for o in question_set.outcomes}
    known_ways = {w.code for w in question_set.ways}
    for code, ways in ways_by_outcome.items():
        if code not in known:
            raise ValueError(f"{code!r} is not an outcome in {question_set.ref}")
        if set(ways) - known_ways:
            raise ValueError(
                f"Unknown reg 2(3) circumstance for {code!r}: {sorted(set(ways) - known_ways)}"
            )
    unable = tuple(
        o.code for o in question_set.outcomes if unable_to_achieve(ways_by_outcome.get(o.code, ()))
    )
    reasons = (
        impairment_or_illness(needs_arise_from_impairment),
        unable_to_achieve_two_or_more([known[c].heading for c in unable]),
        significant_impact_on_wellbeing(wellbeing_impact),
    )
    eligible = needs_arise_from_impairment and len(unable) >= OUTCOMES_NEEDED and wellbeing_impact
    return EligibilityResult(eligible=eligible, reasons=reasons, unable_outcomes=unable)
