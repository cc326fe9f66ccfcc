"""The shared input checks in helpers._validate: each error path, each message naming the fix."""

import numpy as np
import pandas as pd
import pytest

from helpers._validate import RENAME_FIX, require_columns, require_frame, require_numeric


def table():
    return pd.DataFrame({"customer": ["A", "B"], "amount": [10.0, 20.0], "vip": [True, False]})


# --------------------------------------------------------------------------- require_frame


def test_require_frame_returns_the_table():
    frame = table()
    assert require_frame(frame, "t") is frame


@pytest.mark.parametrize("value, got, fix", [
    ([1, 2, 3], "got a list", "pd.DataFrame("),
    ({"a": [1]}, "got a dict", "pd.DataFrame("),
    (np.ones((2, 2)), "got a ndarray", "pd.DataFrame("),
    (pd.Series([1.0, 2.0]), "got a Series", ".to_frame()"),
    ("sales.csv", "got a str", "pd.read_csv(path)"),
])
def test_require_frame_names_what_it_got_and_how_to_fix_it(value, got, fix):
    with pytest.raises(TypeError) as info:
        require_frame(value, "The sales table")
    message = str(info.value)
    assert message.startswith("The sales table must be a pandas DataFrame")
    assert got in message and fix in message


def test_require_frame_type_fix_replaces_the_advice():
    with pytest.raises(TypeError, match=r"got a list; use baskets_from_lists\(\)\.$"):
        require_frame([["beer"]], "transactions", type_fix="use baskets_from_lists()")


def test_require_frame_rejects_an_empty_table():
    with pytest.raises(ValueError, match=r"The log is empty \(no rows\).*Check the filter or the file"):
        require_frame(table().iloc[0:0], "The log")
    with pytest.raises(ValueError, match=r"The log is empty \(no columns\)"):
        require_frame(pd.DataFrame(index=[0, 1]), "The log")


def test_require_frame_allow_empty():
    empty = table().iloc[0:0]
    assert require_frame(empty, "t", allow_empty=True) is empty
    with pytest.raises(TypeError):  # the type is still checked
        require_frame([], "t", allow_empty=True)


# --------------------------------------------------------------------------- require_columns


def test_require_columns_returns_the_table():
    frame = table()
    assert require_columns(frame, ["customer", "amount"], "t") is frame
    assert require_columns(frame, iter(["vip"]), "t") is frame  # any iterable of names


def test_require_columns_names_missing_and_present_columns_and_the_fix():
    with pytest.raises(ValueError) as info:
        require_columns(table(), ["customer", "date", "store"], "The sales table")
    message = str(info.value)
    assert "The sales table lacks the column(s) ['date', 'store']" in message
    assert "no column 'date' or 'store'" in message
    assert "['customer', 'amount', 'vip']" in message  # what it does have
    assert message.endswith(RENAME_FIX)


def test_require_columns_role_and_fix():
    with pytest.raises(ValueError) as info:
        require_columns(table(), ["bill"], "churn_probability: the customer table", role="feature",
                        fix="Refit without them.")
    message = str(info.value)
    assert "the customer table lacks the feature column(s) ['bill']" in message
    assert message.endswith("Refit without them.")


def test_require_columns_checks_type_then_columns_then_rows():
    with pytest.raises(TypeError, match="got a list"):
        require_columns([1, 2], ["customer"], "t")
    with pytest.raises(ValueError, match="lacks the column"):  # empty *and* lacking: columns first
        require_columns(table().iloc[0:0], ["date"], "t")
    with pytest.raises(ValueError, match=r"t is empty \(no rows\)"):
        require_columns(table().iloc[0:0], ["customer"], "t")


def test_require_columns_allow_empty_and_type_fix():
    empty = table().iloc[0:0]
    assert require_columns(empty, ["customer"], "t", allow_empty=True) is empty
    with pytest.raises(ValueError, match="lacks the column"):
        require_columns(empty, ["date"], "t", allow_empty=True)
    with pytest.raises(TypeError, match="got a Series; pass the rules table"):
        require_columns(pd.Series([1]), ["lift"], "rules", type_fix="pass the rules table")


# --------------------------------------------------------------------------- require_numeric


def test_require_numeric_returns_the_column():
    pd.testing.assert_series_equal(require_numeric(table(), "amount"), table()["amount"])


@pytest.mark.parametrize("column", ["customer", "vip"])
def test_require_numeric_rejects_text_and_true_false(column):
    with pytest.raises(TypeError) as info:
        require_numeric(table(), column)
    assert str(info.value) == (f"Column {column!r} must hold numbers, but its type is {table()[column].dtype}. "
                               "Convert it with pd.to_numeric first.")


def test_require_numeric_custom_fix():
    with pytest.raises(TypeError, match=r"strip currency signs\) first\.$"):
        require_numeric(table().assign(amount=["¥10", "¥20"]), "amount",
                        fix="Convert it with pd.to_numeric (and strip currency signs) first.")


# --------------------------------------------------------------------------- issue 15: the kit's error type

import helpers  # noqa: E402
from helpers._validate import (FIRST_DATE, InputError, aligned, number, read_date, read_dates,  # noqa: E402
                               require_ids, share, whole_number)


def test_input_error_is_a_value_and_a_type_error_importable_from_helpers():
    assert helpers.InputError is InputError
    assert issubclass(InputError, ValueError) and issubclass(InputError, TypeError)
    with pytest.raises(InputError):
        require_frame([1], "t")
    with pytest.raises(InputError):
        require_columns(table(), ["nope"], "t")
    with pytest.raises(InputError):
        require_numeric(table(), "customer")


def test_duplicated_column_names_are_refused_naming_the_column():
    frame = pd.concat([table(), table()[["amount"]]], axis=1)
    with pytest.raises(InputError, match=r"more than one column named 'amount'.*duplicated"):
        require_columns(frame, ["customer", "amount"], "The log")


def test_thousands_separator_text_gets_the_to_numeric_fix():
    frame = pd.DataFrame({"amount": ["1,000", "250", None]})
    with pytest.raises(InputError) as info:
        require_numeric(frame, "amount")
    assert "'1,000'" in str(info.value)
    assert "pd.to_numeric(df['amount'].str.replace(',', ''))" in str(info.value)
    with pytest.raises(InputError, match=r"must hold numbers, but it holds numbers stored as text.*pd.to_numeric\(df\['amount'\]\)"):
        require_numeric(pd.DataFrame({"amount": ["10", "20"]}), "amount")


@pytest.mark.parametrize("values, word", [([1.0, np.nan], "missing"), ([1.0, np.inf], "infinite"),
                                          ([-np.inf, 2.0], "infinite")])
def test_require_numeric_finite_refuses_nan_and_inf(values, word):
    with pytest.raises(InputError, match=rf"Column 'amount' has 1 {word}"):
        require_numeric(pd.DataFrame({"amount": values}), "amount", finite=True)


def test_mixed_int_and_text_ids_are_refused():
    with pytest.raises(InputError, match=r"Column 'customer' mixes text ids and numbers.*astype\(str\)"):
        require_ids(pd.DataFrame({"customer": [1, "1", "2"]}), "customer")
    require_ids(pd.DataFrame({"customer": ["1", None, "2"]}), "customer")  # text with a gap is fine


def test_scalar_checks_accept_numpy_scalars_and_whole_floats():
    assert whole_number(2.0, "k") == 2 and whole_number(np.int32(3), "k") == 3
    assert whole_number(np.float32(4.0), "k") == 4
    assert number(np.float32(0.5), "x") == 0.5
    for bad in (2.5, "2", None, True, np.nan):
        with pytest.raises(InputError, match="k must be a whole number"):
            whole_number(bad, "k")
    with pytest.raises(InputError, match=r"rate must be a number, not str"):
        number("6%", "rate")
    with pytest.raises(InputError, match="finite"):
        number(np.inf, "x")


def test_percent_looking_rates_are_refused_with_the_share_they_probably_meant():
    with pytest.raises(InputError, match=r"financing_rate=6 looks like a percent: did you mean 0.06\?"):
        share(6, "financing_rate")
    with pytest.raises(InputError, match=r"confidence=95 looks like a percent: did you mean 0.95\?"):
        share(95, "confidence")
    assert share(np.float32(0.25), "s") == 0.25
    with pytest.raises(InputError, match="≥ 0"):
        share(-0.1, "s")


def test_aligned_matches_a_series_by_index_not_position():
    index = pd.Index(["a", "b", "c"])
    shuffled = pd.Series([3, 1, 2], index=["c", "a", "b"])
    assert aligned(shuffled, index, "score").tolist() == [1, 2, 3]
    with pytest.raises(InputError, match="score is a Series whose index does not match"):
        aligned(pd.Series([1, 2, 3], index=["x", "y", "z"]), index, "score")
    with pytest.raises(InputError, match="score has 2 values but the table has 3 rows"):
        aligned([1, 2], index, "score")
    assert aligned([7, 8, 9], index, "score").index.equals(index)


# --------------------------------------------------------------------------- issue 15: the one date reader


def days(series):
    return [str(d.date()) for d in series]


def test_day_first_is_read_when_one_value_proves_it():
    # the column: parsed one by one it mixed the two orders (5 Jan, 2 Oct, 20 Jan)
    got = read_dates(pd.Series(["05/01/2024", "10/02/2024", "20/01/2024"]), name="date")
    assert days(got) == ["2024-01-05", "2024-02-10", "2024-01-20"]
    got = read_dates(pd.Series(["01/05/2024", "02/10/2024", "01/20/2024"]), name="date")
    assert days(got) == ["2024-01-05", "2024-02-10", "2024-01-20"]


def test_ambiguous_dates_are_refused_with_two_examples_and_the_fix():
    with pytest.raises(InputError) as info:
        read_dates(pd.Series(["05/01/2024", "10/02/2024", "05/01/2024"]), name="order_date")
    message = str(info.value)
    assert "'order_date'" in message and "'05/01/2024' and '10/02/2024'" in message
    assert "dayfirst=True" in message and "date_format=" in message
    got = read_dates(pd.Series(["05/01/2024", "10/02/2024"]), name="d", dayfirst=True)
    assert days(got) == ["2024-01-05", "2024-02-10"]
    got = read_dates(pd.Series(["05/01/2024", "10/02/2024"]), name="d", dayfirst=False)
    assert days(got) == ["2024-05-01", "2024-10-02"]
    got = read_dates(pd.Series(["05.01.24", "10.02.24"]), name="d", date_format="%d.%m.%y")
    assert days(got) == ["2024-01-05", "2024-02-10"]


def test_both_orders_in_one_column_are_refused():
    with pytest.raises(InputError, match="both day-first and month-first"):
        read_dates(pd.Series(["20/01/2024", "01/20/2024"]), name="d")
    with pytest.raises(InputError, match="cannot be read with dayfirst=False"):
        read_dates(pd.Series(["20/01/2024"]), name="d", dayfirst=False)


def test_integer_dates_need_an_explicit_format():
    with pytest.raises(InputError, match=r"Column 'd' holds numbers.*date_format='%Y%m%d'"):
        read_dates(pd.Series([20240105, 20240210]), name="d")
    with pytest.raises(InputError, match=r"whole numbers.*date_format='%Y%m%d'"):
        read_dates(pd.Series(["20240105", "20240210"]), name="d")
    assert days(read_dates(pd.Series([20240105, 20240210]), name="d", date_format="%Y%m%d")) == \
        ["2024-01-05", "2024-02-10"]


@pytest.mark.parametrize("values", [["2024-01-05", "2300-01-01"], ["05/01/2300", "20/01/2024"],
                                    ["1850-03-01"]])
def test_dates_outside_the_sane_range_are_refused_before_any_cast(values):
    with pytest.raises(InputError, match=r"Column 'd' has a date outside 1900–2199"):
        read_dates(pd.Series(values), name="d")


def test_a_datetime_column_in_a_coarse_unit_is_range_checked_before_the_nanosecond_cast():
    far = pd.Series(np.array(["2024-01-05", "2300-01-01"], dtype="datetime64[s]"))
    with pytest.raises(InputError, match="outside"):
        read_dates(far, name="d")
    assert FIRST_DATE.year == 1900


def test_time_zones_are_read_at_their_wall_clock_and_mixed_offsets_refused():
    aware = pd.Series(pd.to_datetime(["2024-01-05 23:30", "2024-01-06 08:00"]).tz_localize("Asia/Shanghai"))
    got, zone = read_dates(aware, name="d", return_zone=True)
    assert str(got.dtype) == "datetime64[ns]" and days(got) == ["2024-01-05", "2024-01-06"]
    assert str(zone) == "Asia/Shanghai"
    with pytest.raises(InputError, match="mixes time zones or UTC offsets"):
        read_dates(pd.Series(["2024-01-05 10:00+08:00", "2024-01-05 10:00+01:00"]), name="d")
    # a snapshot with a zone is converted to the data's zone; against naive data it is refused
    assert read_date(pd.Timestamp("2024-01-06 00:30", tz="UTC"), name="snapshot", zone=zone) == \
        pd.Timestamp("2024-01-06 08:30")
    with pytest.raises(InputError, match="snapshot=.*has a time zone but the dates in the data have none"):
        read_date(pd.Timestamp("2024-01-06", tz="UTC"), name="snapshot")


def test_read_date_rules_for_one_value():
    assert read_date("2025-01-01", name="end") == pd.Timestamp("2025-01-01")
    with pytest.raises(InputError, match="end must be a date"):
        read_date(None, name="end")
    with pytest.raises(InputError, match="end=20250101 is a number"):
        read_date(20250101, name="end")
    with pytest.raises(InputError, match="outside"):
        read_date("2300-01-01", name="end")
    with pytest.raises(InputError, match="day-first or month-first"):
        read_date("05/01/2024", name="end")


def test_missing_and_non_dates_are_named():
    with pytest.raises(InputError, match=r"Column 'd' has 1 missing date"):
        read_dates(pd.Series(["2024-01-05", None]), name="d")
    with pytest.raises(InputError, match=r"Column 'd' has 1 value\(s\) that are not dates, such as 'soon'"):
        read_dates(pd.Series(["2024-01-05", "soon"]), name="d")
    got = read_dates(pd.Series(["2024-01-05", None]), name="d", allow_missing=True)
    assert got.isna().tolist() == [False, True]
