"""The dashboard's arithmetic: percentiles, waits, shares, details typed twice, weeks."""

from datetime import date
from decimal import Decimal

from domain import measures as m


def test_percentiles_interpolate_between_ranks_like_a_spreadsheet():
    assert m.percentile([], 50) is None
    assert m.percentile([7], 90) == Decimal("7.0")
    assert m.percentile([1, 2, 3, 4], 50) == Decimal("2.5")
    assert m.percentile([10, 1, 5, 3, 8, 2, 9, 4, 7, 6], 90) == Decimal("9.1")  # =PERCENTILE.INC
    assert m.spread([3, 1, 2]) == m.Spread(3, Decimal("2.0"), Decimal("2.8"))


def test_days_between_only_counts_people_with_both_dates_in_order():
    first = {1: date(2026, 1, 1), 2: date(2026, 1, 10), 3: date(2026, 2, 1)}
    later = {1: date(2026, 1, 15), 2: date(2026, 1, 9), 4: date(2026, 3, 1)}
    assert m.days_between(first, later) == [14]


def test_shares_are_percentages_to_one_place():
    assert m.share(2, 3) == Decimal("66.7")
    assert m.share(0, 0) is None


def test_a_person_added_again_with_the_same_name_and_birthday_is_typed_twice():
    born = date(1950, 3, 27)
    earlier = [(1, "Margaret", "Okafor", born), (2, "Ken", "Adeyemi", date(1960, 1, 1))]
    added = [
        (5, "margaret ", "OKAFOR", born),  # the same person, typed again
        (6, "Margaret", "Okafor", date(1951, 3, 27)),  # someone else
        (7, "Ada", "Lovelace", born),
        (8, "Ada", "Lovelace", born),  # added twice in the same period
    ]
    assert m.typed_twice(added, earlier) == [5, 8]


def test_weekly_medians_give_every_week_even_empty_ones():
    rows = m.weekly_medians(
        [(date(2026, 11, 2), 10), (date(2026, 11, 4), 20), (date(2026, 11, 18), 5)],
        date(2026, 11, 1),
        date(2026, 11, 20),
    )
    assert rows == [
        (date(2026, 10, 26), 0, None),
        (date(2026, 11, 2), 2, Decimal("15.0")),
        (date(2026, 11, 9), 0, None),
        (date(2026, 11, 16), 1, Decimal("5.0")),
    ]


def test_every_measure_is_defined_once():
    codes = [d.code for d in m.MEASURES]
    assert len(codes) == len(set(codes))
    assert all(d.definition and d.counted_from for d in m.MEASURES)


def test_fractional_days_work_too():
    assert m.percentile([0.5, 1.25, 2.0], 50) == Decimal("1.3")  # 1.25 to one place, half up
