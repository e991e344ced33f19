"""NHS number check: NHS Data Dictionary, attribute NHS NUMBER (modulus 11 check digit)."""

WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
EXAMPLE = "943 476 5919"  # passes the check (RULES.md §6); shown to people in messages

NOT_TEN_DIGITS = f"Enter an NHS number with 10 digits, like {EXAMPLE}"
NOT_DIGITS = f"An NHS number can only contain numbers, like {EXAMPLE}"
CHECK_DIGIT_TEN = (
    "Check the NHS number: no NHS number can begin with these first 9 digits. "
    "It may have been mistyped"
)
MISMATCH = (
    "Check the NHS number: the last digit does not match the others. It may have been mistyped"
)


def normalise_nhs_number(raw: str) -> str:
    """The number without spaces or hyphens: people type it as 943 476 5919 or 943-476-5919."""
    return "".join(ch for ch in (raw or "").strip() if ch not in " -")


def check_digit(first_nine: str) -> int | None:
    """NHS Data Dictionary, NHS NUMBER: weight digits 1-9 by 10 down to 2, add them, take the
    remainder mod 11 and subtract it from 11. 11 gives 0; 10 means no valid number (None)."""
    check = 11 - sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True)) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_problem(raw: str) -> str | None:
    """None if the NHS number is valid, otherwise what is wrong and how to fix it.

    NHS Data Dictionary, NHS NUMBER: 10 digits, the 10th a modulus 11 check digit (mandatory).
    """
    number = normalise_nhs_number(raw)
    if number and not (number.isascii() and number.isdigit()):
        return NOT_DIGITS
    if len(number) != 10:
        return NOT_TEN_DIGITS
    check = check_digit(number[:9])
    if check is None:
        return CHECK_DIGIT_TEN
    if check != int(number[9]):
        return MISMATCH
    return None


def is_valid_nhs_number(raw: str) -> bool:
    """True when the NHS number passes the NHS Data Dictionary modulus 11 check."""
    return nhs_number_problem(raw) is None
