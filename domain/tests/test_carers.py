"""SI 2015/313 reg 3 (carers' eligibility) and the separate carer allocation."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import textstat

from domain import rulepacks
from domain.carers import (
    RULE,
    carer_allocation,
    carer_eligibility,
    circumstance_applies,
    fluctuation_note,
    needs_arise_from_necessary_care,
    significant_impact_on_wellbeing,
    unable_to_achieve,
)
from domain.rulepacks import HERE, RulePackError, parse_text
from domain.rulepacks.carer_builders import CarerBand

QS = rulepacks.carer_question_set()
MODEL = rulepacks.carer_allocation()
CODES = [o.code for o in QS.outcomes]
WAYS = ["needs_help", "pain_or_distress", "danger"]


def decide(answers=None, necessary=True, health=False, wellbeing=True, **kw):
    return carer_eligibility(QS, answers or {}, necessary, health, wellbeing, **kw)


# --- the question set is the law ------------------------------------------------------------


def test_the_eight_outcomes_are_reg_3_2_b_i_to_viii_in_the_laws_words():
    assert [o.letter for o in QS.outcomes] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert [o.legal_text for o in QS.outcomes] == [
        "caring responsibilities for a child",
        "providing care to other persons for whom the carer provides care",
        "maintaining a habitable home environment in the carer's home "
        "(whether or not the cared-for adult lives there)",
        "managing and maintaining nutrition",
        "developing and maintaining family or other personal relationships",
        "engaging in work, training, education or volunteering",
        "making use of necessary facilities or services in the local community, "
        "including recreational facilities or services",
        "engaging in recreational activities",
    ]
    assert all(o.heading and o.hint for o in QS.outcomes)


def test_there_are_three_ways_and_none_is_significantly_longer():
    assert [w.code for w in QS.ways] == WAYS
    assert not any("longer" in (w.legal_text + w.label).lower() for w in QS.ways)


def test_the_questions_cite_their_regulation():
    cites = {code: q.cite for code, q in QS.questions.items()}
    assert cites == {
        "necessary_care": "reg 3(1)(a)",
        "health": "reg 3(2)(a)",
        "wellbeing": "reg 3(1)(c)",
        "fluctuation": "reg 3(4)",
    }
    assert "SI 2015/313" in QS.source and "reg 3" in QS.source and not QS.demo


# --- reg 3(1): all three conditions ----------------------------------------------------------


@pytest.mark.parametrize(
    "necessary, health, unable, wellbeing, eligible",
    [
        (True, True, 0, True, True),  # 3(2)(a) alone is enough
        (True, False, 1, True, True),  # any one outcome in 3(2)(b) is enough
        (True, True, 8, True, True),
        (True, False, 0, True, False),  # no 3(2) circumstance
        (False, True, 3, True, False),  # not from necessary care
        (True, True, 3, False, False),  # no significant impact on wellbeing
        (False, False, 0, False, False),
    ],
)
def test_all_three_conditions_of_reg_3_1_are_needed(necessary, health, unable, wellbeing, eligible):
    answers = {code: ["needs_help"] for code in CODES[:unable]}
    result = decide(answers, necessary, health, wellbeing)
    assert result.eligible is eligible
    assert len(result.unable_outcomes) == unable and result.rule == RULE == "SI 2015/313 reg 3"


def test_health_at_risk_meets_condition_b_under_reg_3_2_a():
    result = decide(health=True)
    assert result.eligible and result.reasons == (
        "Condition (a) is met: reg 3(1)(a) — your needs come from giving care "
        "that the person you look after needs.",
        "Condition (b) is met: reg 3(2)(a) — your physical or mental health is getting worse, "
        "or is at risk of getting worse.",
        "Condition (c) is met: reg 3(1)(c) — caring has, or is likely to have, "
        "a big effect on your wellbeing.",
    )


@pytest.mark.parametrize("index, code", list(enumerate(CODES)))
def test_any_one_outcome_meets_condition_b_and_the_reason_cites_its_letter(index, code):
    result = decide({code: ["pain_or_distress"]})
    letter = QS.outcomes[index].letter
    assert result.eligible and result.unable_outcomes == (code,)
    assert result.reasons[1].startswith(f"Condition (b) is met: reg 3(2)(b)({letter}) — ")
    assert "significant pain, distress or anxiety (reg 3(3))" in result.reasons[1]


def test_the_reason_for_iii_names_the_outcome_and_the_way():
    result = decide({"habitable_home": ["needs_help"]})
    assert result.reasons[1] == (
        "Condition (b) is met: reg 3(2)(b)(iii) — keeping your home clean and safe: "
        "you are unable to achieve it without assistance (reg 3(3))."
    )


def test_health_and_outcomes_are_each_given_as_a_reason_in_the_laws_order():
    result = decide({"recreation": ["danger"], "child_care": ["needs_help"]}, health=True)
    assert result.unable_outcomes == ("child_care", "recreation")
    assert [r[:40] for r in result.reasons[1:4]] == [
        "Condition (b) is met: reg 3(2)(a) — your",
        "Condition (b) is met: reg 3(2)(b)(i) — l",
        "Condition (b) is met: reg 3(2)(b)(viii) ",
    ]


def test_not_met_reasons_say_so_and_cite_the_regulation():
    result = decide({code: [] for code in CODES}, necessary=False, wellbeing=False)
    assert not result.eligible
    assert result.reasons == (
        "Condition (a) is not met: reg 3(1)(a) — your needs do not come from giving care "
        "that the person you look after needs.",
        "Condition (b) is not met: reg 3(2) — your health is not at risk of getting worse "
        "(3(2)(a)), and you can achieve all eight outcomes in reg 3(2)(b).",
        "Condition (c) is not met: reg 3(1)(c) — caring does not have, and is not likely "
        "to have, a big effect on your wellbeing.",
    )


# --- reg 3(3): three limbs only ---------------------------------------------------------------


@pytest.mark.parametrize("way", WAYS)
def test_each_of_the_three_limbs_of_reg_3_3_counts_as_unable(way):
    assert unable_to_achieve(QS, [way]) is True
    assert decide({"nutrition": [way]}).eligible


def test_no_limb_means_the_outcome_can_be_achieved():
    assert unable_to_achieve(QS, []) is False
    assert not decide({"nutrition": []}).eligible


@pytest.mark.parametrize("way", ["takes_longer", "significantly_longer", "other"])
def test_significantly_longer_is_not_a_limb_for_carers(way):
    with pytest.raises(ValueError, match="not one of the three reg 3\\(3\\) ways"):
        decide({"nutrition": [way]})


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"hygiene": ["needs_help"]}, "'hygiene' is not an outcome"),  # an adult outcome
        ({"nutrition": "needs_help"}, "collection of codes"),
    ],
)
def test_unknown_outcomes_and_bad_answers_are_refused(answers, message):
    with pytest.raises(ValueError, match=message):
        decide(answers)


def test_each_condition_is_a_function_citing_its_source():
    for fn, cite in [
        (needs_arise_from_necessary_care, "reg 3(1)(a)"),
        (circumstance_applies, "reg 3(2)"),
        (significant_impact_on_wellbeing, "reg 3(1)(c)"),
        (unable_to_achieve, "reg 3(3)"),
        (fluctuation_note, "3(4)"),
    ]:
        assert cite in fn.__doc__


# --- fluctuating needs: recorded, no rule invented -------------------------------------------


def test_fluctuating_needs_are_recorded_in_the_reasons_as_written():
    result = decide(
        health=True, needs_fluctuate=True, fluctuation="  the last 6 months;\nworse in winter "
    )
    assert result.reasons[-1] == (
        "Needs fluctuate: considered over the last 6 months; worse in winter "
        "(as recorded in this assessment; reg 3(4))."
    )
    assert result.eligible == decide(health=True).eligible  # recording it changes nothing


def test_fluctuation_needs_a_description_and_is_silent_when_needs_do_not_fluctuate():
    with pytest.raises(ValueError, match="period"):
        decide(needs_fluctuate=True, fluctuation=" ")
    assert len(decide(health=True, fluctuation="ignored").reasons) == 3


# --- the carer allocation pack ----------------------------------------------------------------


def test_the_carer_allocation_is_demonstration_data_and_says_so():
    pack = rulepacks.load("carer_allocation")
    assert pack.demo and MODEL.demo and "DEMONSTRATION" in pack.source
    assert MODEL.max_points == 8 * MODEL.points_per_outcome + MODEL.health_points
    assert MODEL.bands[0].low == 0 and MODEL.bands[-1].high >= MODEL.max_points
    assert all(isinstance(b.amount, Decimal) for b in MODEL.bands)


ALLOCATION = (HERE / "carer_allocation" / "demo-carer-v1.toml").read_text(encoding="utf-8")
QUESTIONS = (HERE / "carer_question_set" / "carer-outcomes-v1.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('amount = "150.00"', 'amount = "-150.00"', "'amount' must be zero or more"),
        ('amount = "150.00"', 'amount = "NaN"', "'amount' must be an ordinary number, not 'NaN'"),
        (
            'amount = "150.00"',
            'amount = "Infinity"',
            "'amount' must be an ordinary number, not 'Infinity'",
        ),
        ('amount = "150.00"', "amount = 150.0", "written as a string"),
        ('cap = "1000.00"', 'cap = "-1"', "'cap' must be zero or more"),
        ("from_points = 4", "from_points = 3", "overlaps the band before it"),
        ("from_points = 4", "from_points = 5", "gap before the band 'Medium'"),
        ("to_points = 19", "to_points = 18", "the bands stop at 18 points"),
        ("to_points = 3", "to_points = -1", "'to_points' must be zero or more"),
        ('round_to = "10.00"', 'round_to = "0"', "at least"),
        ('period = "annual"', 'period = "monthly"', "'period' must be one of"),
        ("points_per_outcome = 2", 'points_per_outcome = "2"', "a whole number"),
    ],
)
def test_a_broken_carer_allocation_is_refused(old, new, message):
    assert old in ALLOCATION
    with pytest.raises(RulePackError, match=message.replace("(", "\\(")):
        parse_text(ALLOCATION.replace(old, new, 1), "demo-carer-v1.toml")


def _without_block(text: str, marker: str) -> str:
    head, _, tail = text.partition(marker)
    rest = tail.split("\n\n", 1)
    return head.rstrip().rsplit("\n[[", 1)[0] + "\n" + (rest[1] if len(rest) > 1 else "")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace('letter = "iii"', 'letter = "3"'), "lettered i, ii, iii"),
        (lambda t: _without_block(t, 'code = "recreation"'), "eight outcomes"),
        (lambda t: _without_block(t, 'code = "danger"'), "exactly 3 ways"),
        (
            lambda t: (
                t
                + '\n[[ways]]\ncode = "takes_longer"\nletter = "d"\nlabel = "Slow"\n'
                + 'legal_text = "takes significantly longer than would normally be expected"\n'
            ),
            "exactly 3 ways",
        ),
        (
            lambda t: t.replace(
                "but doing so endangers", "but takes significantly longer; endangers"
            ),
            "no 'significantly longer'",
        ),
        (lambda t: t.replace("[questions.health]", "[questions.other]"), "'health' is missing"),
    ],
)
def test_a_broken_carer_question_set_is_refused(change, message):
    with pytest.raises(RulePackError, match=message):
        parse_text(change(QUESTIONS), "carer-outcomes-v1.toml")


# --- the allocation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unable, health, points, band, amount",
    [
        (0, True, 3, "Low", "150.00"),
        (1, False, 2, "Low", "150.00"),
        (2, False, 4, "Medium", "300.00"),
        (3, True, 9, "High", "500.00"),
        (6, False, 12, "High", "500.00"),
        (6, True, 15, "Very high", "750.00"),
        (8, True, 19, "Very high", "750.00"),
    ],
)
def test_points_fall_in_a_band_that_gives_the_amount(unable, health, points, band, amount):
    result = carer_allocation(MODEL, {"unable_outcomes": unable, "health_at_risk": health})
    assert (result.points, result.band, result.amount) == (points, band, Decimal(amount))
    assert result.period == "annual" and result.annual_amount == Decimal(amount)
    assert result.model_ref == "demo-carer@1" and result.demo and not result.capped


def test_the_amount_is_rounded_to_the_step_and_held_at_the_cap():
    bands = (CarerBand(0, 2, Decimal("312.40"), "Low"), CarerBand(3, 19, Decimal("1234"), "High"))
    model = replace(MODEL, bands=bands, round_to=Decimal("5"), cap=Decimal("1000"))
    low = carer_allocation(model, {"unable_outcomes": 1, "health_at_risk": False})
    assert low.amount == Decimal("310.00") and not low.capped
    assert "We round it to £310.00." in low.explanation
    high = carer_allocation(model, {"unable_outcomes": 8, "health_at_risk": True})
    assert high.amount == Decimal("1000.00") and high.capped
    assert "The most we pay is £1,000.00 a year." in high.explanation
    assert "Cap £1,000.00: applied" in high.arithmetic


def test_a_weekly_model_gives_a_weekly_amount_and_its_year():
    model = replace(MODEL, period="weekly", bands=(CarerBand(0, 19, Decimal("20"), "All"),))
    result = carer_allocation(model, {"unable_outcomes": 2, "health_at_risk": False})
    assert result.amount == Decimal("20.00") and result.annual_amount == Decimal("1040.00")
    assert "Your carer's budget is £20.00 a week." in result.explanation


def test_the_explanation_and_arithmetic_show_the_working():
    result = carer_allocation(MODEL, {"unable_outcomes": 3, "health_at_risk": True})
    assert result.explanation == (
        "Caring stops you doing 3 things the law lists. Each one adds 2 points.",
        "Your health is at risk. That adds 3 points.",
        "That makes 9 points in all.",
        "This is in the high band. It pays £500.00 a year.",
        "Your carer's budget is £500.00 a year.",
        "It is paid once a year.",
        "These are test figures, not a real council's.",
    )
    assert result.arithmetic[0] == "3 outcome(s) × 2 = 6 points"
    assert result.arithmetic[2] == "Total 9 points → band 'High' (9–14): £500.00 a year"
    assert result.arithmetic[-1] == "Allocation £500.00 a year; model demo-carer@1"


def test_what_would_change_the_amount():
    result = carer_allocation(MODEL, {"unable_outcomes": 3, "health_at_risk": False})
    assert (
        result.what_would_change[-1]
        == "If your health became at risk, you would get £500.00 a year."
    )
    result = carer_allocation(MODEL, {"unable_outcomes": 2, "health_at_risk": False})
    assert result.what_would_change == (
        "If one more thing became too hard, you would get the same.",
        "If one fewer thing was too hard, you would get £150.00 a year.",
        "If your health became at risk, you would get the same.",
    )


@pytest.mark.parametrize("unable", range(9))
@pytest.mark.parametrize("health", [True, False])
def test_the_explanation_is_plain_english(unable, health):
    result = carer_allocation(MODEL, {"unable_outcomes": unable, "health_at_risk": health})
    text = " ".join(result.explanation + result.what_would_change)
    assert textstat.flesch_reading_ease(text) >= 60


@pytest.mark.parametrize(
    "inputs, message",
    [
        ({"unable_outcomes": 9, "health_at_risk": False}, "from 0 to 8"),
        ({"unable_outcomes": -1, "health_at_risk": False}, "from 0 to 8"),
        ({"unable_outcomes": True, "health_at_risk": False}, "whole number"),
        ({"unable_outcomes": "2", "health_at_risk": False}, "whole number"),
        ({"unable_outcomes": 2, "health_at_risk": "yes"}, "true or false"),
        ({"unable_outcomes": 2, "takes_longer": True}, "not an input"),
    ],
)
def test_bad_allocation_inputs_are_refused(inputs, message):
    with pytest.raises(ValueError, match=message):
        carer_allocation(MODEL, inputs)


def test_the_shipped_packs_are_files_named_for_their_kind():
    for kind, path in [
        ("carer_question_set", QUESTIONS),
        ("carer_allocation", ALLOCATION),
    ]:
        assert f'kind = "{kind}"' in path
    assert Path(HERE / "carer_question_set" / "carer-outcomes-v1.toml").is_file()
