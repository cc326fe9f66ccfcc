"""The `cdnow` dataset (real CDNOW log, Fader, Hardie & Lee 2005): schema and published facts."""

import pandas as pd
import pytest

from helpers import data

COLUMNS = ["customer_id", "date", "quantity", "amount"]


@pytest.fixture(scope="module")
def master():
    return data.load("cdnow")


@pytest.fixture(scope="module")
def sample():
    return data.load("cdnow", table="sample")


@pytest.mark.parametrize("table", ["main", "sample"])
def test_schema(table):
    frame = data.load("cdnow", table=table)
    assert list(frame.columns) == COLUMNS
    assert [str(t) for t in frame.dtypes] == ["int64", "datetime64[ns]", "int64", "float64"]
    assert (frame["date"] == frame["date"].dt.normalize()).all()
    keys = frame[["customer_id", "date"]]
    assert keys.equals(keys.sort_values(["customer_id", "date"], kind="mergesort"))


def test_published_counts(master, sample):
    # Fader, Hardie & Lee (2005): 23,570 customers, 69,659 transactions; the 1/10 sample has 2,357.
    assert len(master) == 69_659
    assert master["customer_id"].nunique() == 23_570
    assert sorted(master["customer_id"].unique()) == list(range(1, 23_571))
    assert sample["customer_id"].nunique() == 2_357
    assert len(sample) == 6_919


def test_cohort_window(master):
    # The cohort made its first purchase in Q1 1997; the log runs to the end of June 1998.
    first = master.groupby("customer_id")["date"].min()
    assert first.min() == pd.Timestamp("1997-01-01")
    assert first.max() <= pd.Timestamp("1997-03-31")
    assert master["date"].max() == pd.Timestamp("1998-06-30")


def test_totals_match_raw_files(master, sample):
    # Summed from the raw text files with awk (a second implementation, see the card).
    assert int(master["quantity"].sum()) == 167_881
    assert master["amount"].sum() == pytest.approx(2_500_315.63, abs=0.005)
    assert int(sample["quantity"].sum()) == 16_479
    assert sample["amount"].sum() == pytest.approx(244_091.94, abs=0.005)


def test_sample_is_a_subset_of_master(master, sample):
    subset = master[master["customer_id"].isin(sample["customer_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(subset, sample)


def test_known_mess(master, sample):
    # Counted in the raw files with awk; kept as in the source (see the card).
    assert int((master["amount"] == 0).sum()) == 80
    assert int((sample["amount"] == 0).sum()) == 8
    assert int(master.duplicated().sum()) == 255
    assert int(sample.duplicated().sum()) == 21
    assert (master["quantity"] >= 1).all() and (master["amount"] >= 0).all()
