"""NHS Data Dictionary, NHS NUMBER: 10 digits, the last a modulus 11 check digit (RULES.md §6)."""

import pytest

from domain.nhs_number import (
    CHECK_DIGIT_TEN,
    MISMATCH,
    NOT_DIGITS,
    NOT_TEN_DIGITS,
    check_digit,
    is_valid_nhs_number,
    nhs_number_problem,
    normalise_nhs_number,
)


@pytest.mark.parametrize(
    "number", ["9434765919", "943 476 5919", "943-476-5919", " 9434765919 ", "9912003888"]
)
def test_valid_numbers_pass(number):
    assert is_valid_nhs_number(number) and nhs_number_problem(number) is None


def test_the_worked_example_from_the_data_dictionary_rule():
    # 9434765919: weighted sum 299; 299 mod 11 = 2; 11 − 2 = 9, the last digit
    assert check_digit("943476591") == 9


@pytest.mark.parametrize(
    "number, problem",
    [
        ("9912003814", MISMATCH),  # UK Core example: fails the check, so not a valid fixture
        ("4123456879", MISMATCH),  # UK Core example: fails the check, so not a valid fixture
        ("9434765918", MISMATCH),
        ("943476591", NOT_TEN_DIGITS),
        ("94347659190", NOT_TEN_DIGITS),
        ("", NOT_TEN_DIGITS),
        ("94347659l9", NOT_DIGITS),
        ("943.476.5919", NOT_DIGITS),
        ("٩٤٣٤٧٦٥٩١٩", NOT_DIGITS),  # Arabic-Indic digits are not NHS numbers
    ],
)
def test_invalid_numbers_say_what_is_wrong(number, problem):
    assert nhs_number_problem(number) == problem and not is_valid_nhs_number(number)


def test_the_messages_tell_people_how_to_fix_the_number():
    assert NOT_TEN_DIGITS == "Enter an NHS number with 10 digits, like 943 476 5919"
    assert MISMATCH == (
        "Check the NHS number: the last digit does not match the others. It may have been mistyped"
    )


def _remainder(first_nine: str) -> int:
    return sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11


def test_a_check_digit_of_ten_makes_every_last_digit_invalid():
    prefix = next(f"{n:09d}" for n in range(1000, 100000) if _remainder(f"{n:09d}") == 1)
    assert check_digit(prefix) is None
    assert all(nhs_number_problem(prefix + str(d)) == CHECK_DIGIT_TEN for d in range(10))


def test_a_remainder_of_zero_gives_check_digit_zero():
    prefix = next(f"{n:09d}" for n in range(1000, 100000) if _remainder(f"{n:09d}") == 0)
    assert check_digit(prefix) == 0 and is_valid_nhs_number(prefix + "0")


def test_spaces_and_hyphens_are_removed():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
