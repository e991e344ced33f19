"""Every shipped rule pack validates; a broken one is refused with the file and field named."""

from decimal import Decimal
from pathlib import Path

import pytest

from domain import rulepacks
from domain.rulepacks import HERE, KINDS, RulePackError, load, parse_ref, validate_file

CLD_PSR = [  # RULES.md §3: CLD Primary_Support_Reason, 13 values, exactly
    "Physical Support: Access & mobility only",
    "Physical Support: Personal care support",
    "Sensory Support: Support for visual impairment",
    "Sensory Support: Support for hearing impairment",
    "Sensory Support: Support for dual impairment",
    "Support with Memory & Cognition",
    "Learning Disability Support",
    "Mental Health Support",
    "Social Support: Substance misuse support",
    "Social Support: Asylum seeker support",
    "Social Support: Support for Social Isolation/Other",
    "Social Support: Support to Carer",
    "Unknown",
]
SHIPPED = sorted(HERE.glob("*/*.toml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_pack_validates_and_cites_a_source(path):
    pack = validate_file(path)
    assert pack.source and pack.ref == f"{pack.id}@{pack.version}"
    assert path.name == f"{pack.id}-v{pack.version}.toml" and path.parent.name == pack.kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_an_active_pack(kind):
    pack = load(kind)
    assert pack.kind == kind and load(kind, pack.id, pack.version) is pack


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_figures_without_a_public_source_are_marked_demo(path):
    pack = validate_file(path)
    if pack.kind in ("ras_model", "delegation_policy", "review_policy"):
        assert pack.demo and "DEMONSTRATION" in pack.source


def test_the_13_primary_support_reasons_are_exactly_the_cld_list():
    psr = rulepacks.codes().primary_support_reasons
    assert [c.label for c in psr] == CLD_PSR and len({c.code for c in psr}) == 13


@pytest.mark.parametrize(
    "name, labels",
    [
        ("client_types", ["Service User", "Carer", "Carer known by association"]),
        ("event_types", ["Request", "Assessment", "Service", "Review"]),
        (
            "delivery_mechanisms",
            ["Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned Support"],
        ),
    ],
)
def test_the_other_cld_lists_are_exactly_as_in_rules(name, labels):
    assert [c.label for c in getattr(rulepacks.codes(), name)] == labels


def test_clearpaths_own_lists_are_marked_council_configured():
    codes = rulepacks.codes()
    assert "routes_of_access" in codes.council_configured
    assert "primary_support_reasons" not in codes.council_configured
    assert [c.code for c in codes.routes_of_access] == [
        "self",
        "family_friend",
        "hospital_discharge",
        "gp_community_health",
        "childrens_services",
        "other",
    ]
    note = load("codes").data["lists"]["routes_of_access"]["note"]
    assert "not retrieved" in note and "before submitting" in note
    assert [c.code for c in codes.deployments] == [
        "direct_payment",
        "council_managed",
        "individual_service_fund",
        "mixed",
    ]
    old = rulepacks.codes("cld-release-1@1")
    assert [c.code for c in old.deployments] == ["direct_payment", "council_managed"]


def test_a_code_is_shown_by_its_label():
    codes = rulepacks.codes()
    assert codes.label("routes_of_access", "self") == "The person asked for themselves"
    assert codes.label("routes_of_access", "retired-code") == "retired-code"
    assert "independent_planner" in codes.codes_of("plan_led_by")


def test_the_question_set_is_the_law():
    qs = rulepacks.question_set()
    assert [(o.letter, o.code) for o in qs.outcomes] == list(
        zip(
            "abcdefghij",
            [
                "nutrition",
                "hygiene",
                "toilet",
                "clothing",
                "home_safety",
                "habitable_home",
                "relationships",
                "work_education",
                "community",
                "caring_for_child",
            ],
            strict=True,
        )
    )
    assert qs.outcomes[0].legal_text == "managing and maintaining nutrition"
    assert [(w.letter, w.code) for w in qs.ways] == [
        ("a", "needs_help"),
        ("b", "pain_or_distress"),
        ("c", "danger"),
        ("d", "takes_longer"),
    ]
    assert [c.code for c in qs.help_levels] == ["none", "some", "a_lot", "full"]
    assert qs.help_levels[3].label == "I cannot do this at all without help"
    assert [c.code for c in qs.unpaid_care_levels] == ["none", "some", "a_lot"]
    assert qs.impairment_question and qs.wellbeing_question and not qs.demo


def test_the_demo_ras_model_holds_its_figures_as_decimals():
    model = rulepacks.ras_model()
    assert model is rulepacks.ras_model("demo-points@1")
    assert model.price_per_point == Decimal("9.50") and model.cap_weekly == Decimal("600.00")
    assert [model.points[k] for k in ("none", "some", "a_lot", "full")] == [0, 2, 4, 6]
    assert model.round_to == 1 and model.unpaid_care_reduction["a_lot"] == Decimal("0.25")
    assert all(isinstance(v, Decimal) for v in model.points.values())


def test_a_loaded_pack_cannot_be_changed():
    pack = load("ras_model")
    with pytest.raises(TypeError):
        pack.data["prices"]["price_per_point"] = "0.01"
    with pytest.raises(TypeError):
        rulepacks.ras_model().points["full"] = 100


RAS = (HERE / "ras_model" / "demo-points-v1.toml").read_text(encoding="utf-8")
QUESTIONS = (HERE / "question_set" / "care-act-outcomes-v1.toml").read_text(encoding="utf-8")
POLICY = (HERE / "delegation_policy" / "default-v1.toml").read_text(encoding="utf-8")
CODES = (HERE / "codes" / "cld-release-1-v1.toml").read_text(encoding="utf-8")
STEPPED = (HERE / "ras_model" / "demo-points-v2.toml").read_text(encoding="utf-8")
BANDS = (HERE / "ras_model" / "demo-bands-v1.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "source, old, new, name, message",
    [
        (
            RAS,
            'price_per_point = "9.50"\n',
            "",
            "demo-points-v1.toml",
            r"demo-points-v1.toml \[prices\]: 'price_per_point' is missing",
        ),
        (RAS, '"9.50"', '"-1"', "demo-points-v1.toml", "'price_per_point' must be zero or more"),
        (RAS, '"9.50"', "9.5", "demo-points-v1.toml", "must be written as a string"),
        (RAS, '"9.50"', '"lots"', "demo-points-v1.toml", "must be a number"),
        (
            RAS,
            'some = "0.10"',
            'some = "1.5"',
            "demo-points-v1.toml",
            r"\[unpaid_care_reduction\]: a share must be from 0 to 1",
        ),
        (
            RAS,
            'floor_weekly = "0.00"',
            'floor_weekly = "700.00"',
            "demo-points-v1.toml",
            "'floor_weekly' is above 'cap_weekly'",
        ),
        (
            RAS,
            "demo = true",
            'demo = "yes"',
            "demo-points-v1.toml",
            r"\[pack\]: 'demo' must be true or false",
        ),
        (
            RAS,
            "version = 1",
            'version = "1"',
            "demo-points-v1.toml",
            r"\[pack\]: 'version' must be a whole number",
        ),
        (
            RAS,
            'kind = "ras_model"',
            'kind = "horoscope"',
            "demo-points-v1.toml",
            r"\[pack\]: 'kind' must be one of",
        ),
        (
            RAS,
            "effective_from = 2026-04-01\n",
            "",
            "demo-points-v1.toml",
            r"\[pack\]: 'effective_from' is missing",
        ),
        (RAS, "", "", "demo-points-v2.toml", "should be named demo-points-v1.toml"),
        (
            QUESTIONS,
            'letter = "j"',
            'letter = "k"',
            "care-act-outcomes-v1.toml",
            r"\[\[outcomes\]\]: the law's letters are a, b, c",
        ),
        (
            QUESTIONS,
            'code = "toilet"',
            'code = "hygiene"',
            "care-act-outcomes-v1.toml",
            r"\[\[outcomes\]\]: the code 'hygiene' is used more than once",
        ),
        (
            QUESTIONS,
            'heading = "Eating and drinking"\n',
            "",
            "care-act-outcomes-v1.toml",
            r"\[\[outcomes\]\]: 'heading' is missing",
        ),
        (
            POLICY,
            'code = "outside_ras"',
            'code = "full_moon"',
            "default-v1.toml",
            r"\[\[panel_triggers\]\]: 'code' must be one of",
        ),
        (
            POLICY,
            'code = "above_top_limit"',
            'code = "outside_ras"',
            "default-v1.toml",
            "used more than once",
        ),
        (
            STEPPED,
            'above_points = "30"',
            'above_points = "0"',
            "demo-points-v2.toml",
            r"\[\[prices.steps\]\]: 'above_points' must be more than 0",
        ),
        (
            STEPPED,
            'rounding = "up"',
            'rounding = "sideways"',
            "demo-points-v2.toml",
            r"\[prices\]: 'rounding' must be one of half_up, up, down",
        ),
        (
            STEPPED,
            'cap_weekly = "650.00"',
            'cap_weekly = "Infinity"',
            "demo-points-v2.toml",
            "'cap_weekly' must be an ordinary number, not 'Infinity'",
        ),
        (
            BANDS,
            'from_points = "0"',
            'from_points = "2"',
            "demo-bands-v1.toml",
            r"\[\[bands\]\]: the first band must start at 0 points",
        ),
        (
            BANDS,
            'from_points = "21"',
            'from_points = "5"',
            "demo-bands-v1.toml",
            r"'from_points' must go up from band to band",
        ),
        (
            BANDS,
            'weekly = "250.00"',
            'weekly = "-250.00"',
            "demo-bands-v1.toml",
            r"\[\[bands\]\]: 'weekly' must be zero or more",
        ),
        (
            BANDS,
            'method = "bands"',
            'method = "bands"\nprice_per_point = "1.00"',
            "demo-bands-v1.toml",
            r"a banded model has no 'price_per_point'",
        ),
        (
            POLICY,
            'tolerance_above_indicative = "0.10"',
            "",
            "default-v1.toml",
            r"\[limits\]: 'tolerance_above_indicative' is missing",
        ),
        (
            CODES,
            "[lists.deployments]",
            "[lists.other_things]",
            "cld-release-1-v1.toml",
            r"\[lists\]: 'deployments' is missing",
        ),
    ],
)
def test_a_broken_pack_is_refused_naming_the_file_and_field(
    tmp_path: Path, source, old, new, name, message
):
    broken = tmp_path / name
    assert old in source
    broken.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulePackError, match=message):
        validate_file(broken)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path):
    broken = tmp_path / "demo-points-v1.toml"
    broken.write_text("[pack\nkind = ", encoding="utf-8")
    with pytest.raises(RulePackError, match=r"demo-points-v1.toml: is not valid TOML \(.*line 1"):
        validate_file(broken)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: rulepacks.ras_model("demo-points@99"), "no ras_model rule pack demo-points@99"),
        (lambda: load("ras_model", "nobodys-model"), "no ras_model rule pack called nobodys-model"),
        (lambda: load("horoscope"), "not a kind of rule pack"),
        (lambda: rulepacks.ras_model("../../etc@1"), "not a rule-pack reference"),
        (lambda: load("ras_model", "../secrets", 1), "not a rule-pack id"),
    ],
)
def test_a_missing_pack_is_refused(call, message):
    with pytest.raises(RulePackError, match=message):
        call()


@pytest.mark.parametrize("ref", ["demo-points", "@1", "demo-points@", "demo-points@v1", ""])
def test_a_malformed_reference_is_refused(ref):
    with pytest.raises(RulePackError):
        parse_ref(ref)


def test_references_name_a_pack_and_version():
    assert parse_ref("care-act-outcomes@1") == ("care-act-outcomes", 1)
    assert load("question_set").ref == "care-act-outcomes@1"
    assert load("ras_model", "demo-points").version == 1  # newest when no version is given
