"""Every shipped rule pack validates; a broken one is refused with the file and field named."""

from pathlib import Path

import pytest

from domain import rulepacks
from domain.rulepacks import HERE, RulePackError, validate_file

CLD_PSR = [
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


@pytest.mark.parametrize("path", sorted(HERE.glob("*/*.toml")), ids=lambda p: p.name)
def test_every_shipped_pack_validates_and_cites_a_source(path):
    pack = validate_file(path)
    assert pack.source and pack.ref == f"{pack.id}@{pack.version}"
    assert path.name == f"{pack.id}-v{pack.version}.toml" and path.parent.name == pack.kind


def test_the_13_primary_support_reasons_are_exactly_the_cld_list():
    assert [c.label for c in rulepacks.codes().primary_support_reasons] == CLD_PSR


def test_a_pack_with_a_missing_field_names_the_file_and_field(tmp_path: Path):
    source = (HERE / "ras_model" / "demo-points-v1.toml").read_text()
    broken = tmp_path / "demo-points-v2.toml"
    broken.write_text(source.replace('price_per_point = "9.50"\n', ""))
    with pytest.raises(
        RulePackError, match=r"demo-points-v2.toml \[prices\]: 'price_per_point' is missing"
    ):
        validate_file(broken)


def test_a_pack_with_a_negative_price_is_refused(tmp_path: Path):
    source = (HERE / "ras_model" / "demo-points-v1.toml").read_text()
    broken = tmp_path / "demo-points-v2.toml"
    broken.write_text(source.replace('"9.50"', '"-1"'))
    with pytest.raises(RulePackError, match="must be zero or more"):
        validate_file(broken)


def test_a_missing_version_is_refused():
    with pytest.raises(RulePackError, match="no ras_model rule pack demo-points@99"):
        rulepacks.ras_model("demo-points@99")
