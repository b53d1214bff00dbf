from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from kbreport.text import fmt


@pytest.mark.parametrize("n, lang, expected", [
    (1322, "id", "1.322"), (1322, "en", "1,322"), (83763, "id", "83.763"), (0, "id", "0"),
    (np.int64(1234567), "id", "1.234.567"), (7, "en", "7"), (1513.0, "id", "1.513"),
])
def test_number(n, lang, expected):
    assert fmt.number(n, lang) == expected


def test_number_with_digits_rounds_half_up():
    assert fmt.number(15.25, "id", digits=1) == "15,3"
    assert fmt.number(15.25, "en", digits=1) == "15.3"
    assert fmt.number(2.5) == "3"  # not banker's rounding


@pytest.mark.parametrize("x, lang, digits, expected", [
    (1322 / 1513 * 100, "id", 1, "87,4%"), (1322 / 1513 * 100, "en", 1, "87.4%"),
    (100, "id", 0, "100%"), (75, "en", 0, "75%"), (0, "id", 1, "0,0%"),
    (87.45, "id", 1, "87,5%"), (15.0, "id", 1, "15,0%"), (12.345, "en", 2, "12.35%"),
])
def test_percent(x, lang, digits, expected):
    assert fmt.percent(x, lang, digits=digits) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT, np.float64("nan")])
def test_missing_prints_en_dash(missing):
    assert fmt.number(missing) == "–"
    assert fmt.percent(missing, "en") == "–"
    assert fmt.date(missing) == "–"
    assert fmt.month_year(missing) == "–"


def test_date_both_languages_and_input_types():
    assert fmt.date(date(2024, 6, 4)) == "4 Juni 2024"
    assert fmt.date(date(2024, 6, 4), "en") == "4 June 2024"
    assert fmt.date(pd.Timestamp("2023-04-03")) == "3 April 2023"
    assert fmt.date(datetime(2022, 8, 24, 9, 30)) == "24 Agustus 2022"
    assert fmt.date("2017-03-07") == "7 Maret 2017"


def test_date_time_to_the_minute_on_the_stamp_s_own_clock():
    assert fmt.date_time("2026-12-01T19:35:17+00:00") == "1 Desember 2026 19.35"
    assert fmt.date_time("2026-12-01T19:35:17+00:00", "en") == "1 December 2026 19:35"
    assert fmt.date_time("2024-06-05T07:05:59+07:00") == "5 Juni 2024 07.05"  # not turned into UTC, not rounded up
    assert fmt.date_time(datetime(2024, 1, 2, 3, 4)) == "2 Januari 2024 03.04"
    assert fmt.date_time(None) == "–"
    with pytest.raises(ValueError):
        fmt.date_time("kemarin")


@pytest.mark.parametrize("start, end, lang, expected", [
    (date(2024, 6, 4), date(2024, 6, 5), "id", "4–5 Juni 2024"),
    (date(2022, 8, 24), date(2022, 8, 26), "id", "24–26 Agustus 2022"),
    (date(2024, 5, 30), date(2024, 6, 2), "id", "30 Mei–2 Juni 2024"),
    (date(2023, 12, 28), date(2024, 1, 2), "id", "28 Desember 2023–2 Januari 2024"),
    (date(2024, 6, 4), date(2024, 6, 5), "en", "4–5 June 2024"),
    (date(2024, 5, 30), date(2024, 6, 2), "en", "30 May–2 June 2024"),
    (date(2017, 3, 7), date(2017, 3, 7), "id", "7 Maret 2017"),
])
def test_date_range(start, end, lang, expected):
    assert fmt.date_range(start, end, lang) == expected


def test_date_range_rejects_end_before_start():
    with pytest.raises(ValueError, match="ends before"):
        fmt.date_range(date(2024, 6, 5), date(2024, 6, 4))


def test_month_year():
    assert fmt.month_year(date(2024, 6, 4)) == "Juni 2024"
    assert fmt.month_year(date(2024, 6, 4), "en") == "June 2024"
    assert fmt.month_year(pd.Timestamp("2025-02-01")) == "Februari 2025"
    assert fmt.month_short(date(2022, 8, 1)) == "Agu 2022"


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="unknown language"):
        fmt.number(1, "fr")


# percent_of rounds half up on the exact fraction part/whole, never through a binary float:
@pytest.mark.parametrize("part, whole, id_text, en_text", [
    (51, 80, "63,8%", "63.8%"),        # 51/80 = 0.6375 exactly -> 63.75 -> half up 63.8 (the float gives 63.7499…)
    (1, 8, "12,5%", "12.5%"),          # 1/8 = 12.5 exactly
    (1, 3, "33,3%", "33.3%"),          # 33.33… -> 33.3
    (2, 3, "66,7%", "66.7%"),          # 66.66… -> 66.7
    (1512, 1513, "99,9%", "99.9%"),    # 99.934 -> 99.9; never 100 while one is missing
    (1999, 2000, "99,9%", "99.9%"),    # 99.95 would round to 100.0: held at 99.9
    (1, 2000, "0,1%", "0.1%"),         # 0.05 -> 0.1, and never 0 when something is there
    (1, 3000, "0,1%", "0.1%"),         # 0.033 -> 0.0, held at 0.1
    (0, 80, "0,0%", "0.0%"),           # nothing is 0
    (80, 80, "100%", "100%"),          # all of them, said plainly
])
def test_percent_of_is_exact(part, whole, id_text, en_text):
    assert fmt.percent_of(part, whole) == id_text
    assert fmt.percent_of(part, whole, "en") == en_text
    assert fmt.percent_of(np.int64(part), np.int64(whole)) == id_text  # numpy counts from a table
    assert fmt.percent_of(float(part), float(whole), "en") == en_text  # integer-valued floats (NaN-holding columns)


def test_percent_of_empty_whole_is_a_dash():
    assert fmt.percent_of(0, 0) == "–" and fmt.percent_of(3, None, "en") == "–"


@pytest.mark.parametrize("x, digits, id_text", [
    (63.75, 1, "63,8"),     # shortest repr "63.75" -> half up
    (1.005, 2, "1,01"),     # the binary double is 1.00499999…; its shortest repr is "1.005"
    (2.675, 2, "2,68"),     # likewise 2.67499999… -> "2.675"
    (0.1 + 0.2, 2, "0,30"),  # 0.30000000000000004 -> 0.30
    (-2.5, 0, "-3"),        # half away from zero
])
def test_float_rounds_half_up_on_its_shortest_repr(x, digits, id_text):
    assert fmt.number(x, "id", digits=digits) == id_text
    assert fmt.number(x, "en", digits=digits) == id_text.replace(",", ".")
    assert fmt.percent(63.75) == "63,8%" and fmt.percent(63.75, "en") == "63.8%"


def test_number_up_rounds_a_needed_quantity_up_at_the_precision_shown():
    assert fmt.number_up(884.8) == "885" and fmt.number_up(884.0) == "884"
    assert fmt.number_up(3.21, digits=1) == "3,3" and fmt.number_up(3.3, digits=1) == "3,3"  # no float noise
    assert fmt.number_up(4956.2, "en") == "4,957"
    assert fmt.number_up(float("nan"), digits=1) == fmt.DASH
