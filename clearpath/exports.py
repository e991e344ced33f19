"""Every CSV Clearpath hands out is written here, so no cell can run as a spreadsheet formula.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (CSV injection, OWASP). Text such a cell came from (a payee's name, an
uploaded case reference) gets a leading apostrophe, which spreadsheets show as plain text. Numbers,
negative ones included, are left as they are.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")


def safe_cell(value) -> object:
    """The value, with a leading apostrophe if a spreadsheet would read it as a formula."""
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def safe_row(row: Iterable) -> list:
    return [safe_cell(v) for v in row]


def csv_text(rows: Iterable[Iterable]) -> str:
    """The whole file as text, one line per row, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(safe_row(r) for r in rows)
    return out.getvalue()


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The file a line at a time, for a streamed download; every cell made safe."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    return (writer.writerow(safe_row(r)) for r in rows)
