"""SI 2015/313 reg 2: an adult's needs are eligible only if all three conditions are met."""

import pytest

from domain import rulepacks
from domain.eligibility import (
    decide_adult_eligibility,
    needs_arise_from_impairment_or_illness,
    significant_impact_on_wellbeing,
    unable_to_achieve,
    unable_to_achieve_two_or_more_outcomes,
)

QS = rulepacks.question_set()
CODES = [o.code for o in QS.outcomes]


def decide(ways, impairment=True, wellbeing=True):
    return decide_adult_eligibility(
        question_set=QS,
        needs_arise_from_impairment=impairment,
        ways_by_outcome=ways,
        wellbeing_impact=wellbeing,
    )


def unable_in(count: int) -> dict[str, list[str]]:
    return {code: ["needs_help"] for code in CODES[:count]}


# reg 2(1): (a) impairment or illness, (b) unable to achieve 2+ outcomes, (c) wellbeing impact
@pytest.mark.parametrize(
    "impairment, unable, wellbeing, eligible",
    [
        (True, 2, True, True),
        (True, 10, True, True),
        (True, 1, True, False),
        (True, 0, True, False),
        (False, 2, True, False),
        (True, 2, False, False),
        (False, 0, False, False),
    ],
)
def test_all_three_conditions_of_reg_2_1_are_needed(impairment, unable, wellbeing, eligible):
    result = decide(unable_in(unable), impairment, wellbeing)
    assert result.eligible is eligible and len(result.unable_outcomes) == unable
    assert result.rule == "SI 2015/313 reg 2"


def test_eligible_when_two_outcomes_are_unmet_from_an_impairment_with_wellbeing_impact():
    result = decide({"hygiene": ["needs_help"], "nutrition": ["takes_longer"]})
    assert result.eligible and result.unable_outcomes == ("nutrition", "hygiene")
    assert result.reasons == (
        "Your needs come from a physical or mental illness or disability. "
        "The law needs this (regulation 2(1)(a)).",
        "You are unable to achieve 2 of the outcomes in the regulations: eating and drinking, "
        "washing and personal hygiene. The law needs 2 or more (regulation 2(1)(b)).",
        "This has, or is likely to have, a significant effect on your wellbeing. "
        "The law needs this (regulation 2(1)(c)).",
    )


def test_not_eligible_when_only_one_outcome_is_unmet():
    result = decide({"hygiene": ["needs_help"]})
    assert not result.eligible
    assert result.reasons[1] == (
        "You are unable to achieve 1 of the outcomes in the regulations: washing and personal "
        "hygiene. The law needs 2 or more, so this part is not met (regulation 2(1)(b))."
    )


def test_not_eligible_when_every_outcome_can_be_achieved():
    assert decide({}).reasons[1].startswith("You are able to achieve all of the outcomes")


def test_not_eligible_without_an_impairment_or_illness():
    result = decide(unable_in(2), impairment=False)
    assert not result.eligible and result.reasons[0].endswith("not met (regulation 2(1)(a)).")


def test_not_eligible_without_a_significant_impact_on_wellbeing():
    result = decide(unable_in(2), wellbeing=False)
    assert not result.eligible and result.reasons[2].endswith("not met (regulation 2(1)(c)).")


@pytest.mark.parametrize("way", ["needs_help", "pain_or_distress", "danger", "takes_longer"])
def test_each_of_the_four_circumstances_in_reg_2_3_counts_as_unable(way):
    assert unable_to_achieve([way])
    assert decide({"toilet": [way], "clothing": [way]}).eligible


def test_an_outcome_with_no_circumstance_recorded_is_achievable():
    assert not unable_to_achieve([])
    assert not decide({"toilet": [], "clothing": ["needs_help"]}).eligible


def test_several_circumstances_for_one_outcome_count_once():
    result = decide({"toilet": ["needs_help", "danger", "takes_longer"]})
    assert result.unable_outcomes == ("toilet",) and not result.eligible


def test_the_outcomes_are_named_in_the_persons_headings_in_the_laws_order():
    result = decide({"community": ["danger"], "nutrition": ["needs_help"], "toilet": ["danger"]})
    assert result.unable_outcomes == ("nutrition", "toilet", "community")
    assert "eating and drinking, using the toilet, getting out and about." in result.reasons[1]


def test_each_rule_is_a_function_citing_its_source():
    for rule, cite in [
        (needs_arise_from_impairment_or_illness, "reg 2(1)(a)"),
        (unable_to_achieve_two_or_more_outcomes, "reg 2(1)(b)"),
        (significant_impact_on_wellbeing, "reg 2(1)(c)"),
        (unable_to_achieve, "reg 2(3)"),
    ]:
        assert "SI 2015/313" in rule.__doc__ and cite in rule.__doc__
    assert needs_arise_from_impairment_or_illness(True)[0] is True
    assert significant_impact_on_wellbeing(False)[0] is False
    assert unable_to_achieve_two_or_more_outcomes(["A", "B"])[0] is True


@pytest.mark.parametrize(
    "ways",
    [{"flying": ["needs_help"]}, {"hygiene": ["bored"]}, {"hygiene": "needs_help"}],
)
def test_unknown_codes_are_refused(ways):
    with pytest.raises(ValueError):
        decide(ways)
