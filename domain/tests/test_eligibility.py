"""Care and Support (Eligibility Criteria) Regulations 2015, reg 2: all three conditions must be met."""

import pytest

from domain import rulepacks
from domain.eligibility import decide_adult_eligibility

QS = rulepacks.question_set()


def decide(ways, impairment=True, wellbeing=True):
    return decide_adult_eligibility(
        question_set=QS,
        needs_arise_from_impairment=impairment,
        ways_by_outcome=ways,
        wellbeing_impact=wellbeing,
    )


def test_eligible_when_two_outcomes_are_unmet_from_an_impairment_with_wellbeing_impact():
    result = decide({"hygiene": ["needs_help"], "nutrition": ["takes_longer"]})
    assert result.eligible and result.unable_outcomes == ("nutrition", "hygiene")
    assert "regulation 2(1)(b)" in result.reasons[1] and "eating and drinking" in result.reasons[1]


def test_not_eligible_when_only_one_outcome_is_unmet():
    result = decide({"hygiene": ["needs_help"]})
    assert not result.eligible and "1 of the things" in result.reasons[1]


def test_not_eligible_without_an_impairment_or_illness():
    result = decide({"hygiene": ["needs_help"], "nutrition": ["danger"]}, impairment=False)
    assert not result.eligible and "2(1)(a)" in result.reasons[0]


def test_not_eligible_without_a_significant_impact_on_wellbeing():
    result = decide({"hygiene": ["needs_help"], "nutrition": ["danger"]}, wellbeing=False)
    assert not result.eligible and "2(1)(c)" in result.reasons[2]


@pytest.mark.parametrize("way", ["needs_help", "pain_or_distress", "danger", "takes_longer"])
def test_each_of_the_four_circumstances_in_reg_2_3_counts_as_unable(way):
    assert decide({"toilet": [way], "clothing": [way]}).eligible


def test_an_outcome_with_no_circumstance_recorded_is_achievable():
    assert not decide({"toilet": [], "clothing": ["needs_help"]}).eligible


def test_the_question_set_has_the_ten_outcomes_of_reg_2_2():
    assert [o.letter for o in QS.outcomes] == list("abcdefghij")
    assert QS.outcomes[0].legal_text == "managing and maintaining nutrition"


@pytest.mark.parametrize("ways", [{"flying": ["needs_help"]}, {"hygiene": ["bored"]}])
def test_unknown_codes_are_refused(ways):
    with pytest.raises(ValueError):
        decide(ways)
