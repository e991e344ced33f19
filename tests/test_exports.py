"""No cell of a CSV Clearpath hands out can run as a spreadsheet formula."""

from decimal import Decimal

import pytest

from clearpath.exports import csv_lines, csv_text, safe_cell


@pytest.mark.parametrize(
    "text", ["=1+1", "+44 7700 900123", "-cmd", "@SUM(A1)", "\tTab", "\rReturn", '=HYPERLINK("x")']
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-12.50", "+3", "-3.8%", "Okafor", "", "12-34-56"])
def test_plain_text_and_signed_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_numbers_and_blanks_pass_through():
    assert safe_cell(Decimal("-1.00")) == Decimal("-1.00")
    assert safe_cell(-4) == -4 and safe_cell(None) is None


def test_whole_files_and_streamed_lines_agree():
    rows = [["name", "amount"], ["=evil()", "-2.00"], ["Ada", "3.00"]]
    assert csv_text(rows) == "".join(csv_lines(rows)) == "name,amount\n'=evil(),-2.00\nAda,3.00\n"
