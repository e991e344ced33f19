"""NHS number check: NHS Data Dictionary, attribute NHS NUMBER (modulus 11 check digit)."""

WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def normalise_nhs_number(raw: str) -> str:
    """Digits only: people type NHS numbers with spaces or hyphens (943 476 5919)."""
    return "".join(ch for ch in (raw or "") if ch not in " -")


def nhs_number_problem(raw: str) -> str | None:
    """None if the NHS number is valid, otherwise what is wrong and how to fix it.

    NHS Data Dictionary: 10 digits; digits 1–9 weighted 10..2 and summed; 11 − (sum mod 11) is the
    check digit, where 11 means 0 and 10 means the number is invalid; it must equal digit 10.
    """
    number = normalise_nhs_number(raw)
    if not number.isdigit():
        return "An NHS number can only contain numbers, like 943 476 5919"
    if len(number) != 10:
        return "Enter an NHS number with 10 digits, like 943 476 5919"
    check = 11 - sum(int(d) * w for d, w in zip(number[:9], WEIGHTS, strict=True)) % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(number[9]):
        return "Check the NHS number: the last digit does not match the others. It may have been mistyped"
    return None


def is_valid_nhs_number(raw: str) -> bool:
    return nhs_number_problem(raw) is None
