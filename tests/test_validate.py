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
