"""NHS Data Dictionary modulus 11 check (RULES.md §6)."""

import pytest

from domain.nhs_number import is_valid_nhs_number, nhs_number_problem, normalise_nhs_number


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "9912003888"])
def test_valid_numbers_pass(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number, message",
    [
        ("9912003814", "last digit does not match"),  # UK Core example: fails the check
        ("4123456879", "last digit does not match"),  # UK Core example: fails the check
        ("9434765918", "last digit does not match"),
        ("943476591", "10 digits"),
        ("94347659190", "10 digits"),
        ("94347659l9", "only contain numbers"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(number, message):
    assert message in nhs_number_problem(number)


def _remainder(prefix: str) -> int:
    return sum(int(d) * w for d, w in zip(prefix, range(10, 1, -1), strict=True)) % 11


def test_a_check_digit_of_ten_is_always_invalid():
    prefix = next(f"{n:09d}" for n in range(1000, 100000) if 11 - _remainder(f"{n:09d}") == 10)
    assert all(not is_valid_nhs_number(prefix + str(d)) for d in range(10))


def test_a_remainder_of_zero_gives_check_digit_zero():
    prefix = next(f"{n:09d}" for n in range(1000, 100000) if _remainder(f"{n:09d}") == 0)
    assert is_valid_nhs_number(prefix + "0")


def test_spaces_and_hyphens_are_removed():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
