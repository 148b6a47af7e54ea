"""CSV writing that spreadsheets cannot turn into formulas."""

import csv
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value) -> str:
    """A cell as text; one that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, int | float | Decimal):
        return str(value)  # a number, even a negative one, is never a formula
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: list[str], rows):
    """Yield the CSV text of `header` then each row in `rows`, one line at a time (constant memory)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([formula_safe(cell) for cell in row])
