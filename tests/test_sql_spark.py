"""helpers.sql on Spark gives the pandas helpers' frames (run where Java 17+ and pyspark exist).

One local Spark session serves the whole module; the logs are small (a session's start and
each query's stages dominate, not the data). Install with `make spark-env`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers import basket, clv, data, rfm, sql
from helpers.checks import quietly
from tests.test_rfm import tiny_log
from tests.test_sql import RFM_COLUMNS, FLOAT_RTOL, random_log


REASON = sql.spark_missing()
if REASON:
    print(f"\ntests/test_sql_spark.py: Spark tests skipped: {REASON}.")
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"Spark tests skipped: {REASON}")


@pytest.fixture(scope="module")
def spark():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        session = sql.spark_session()
        yield session
        session.stop()


def test_rfm_on_spark_by_hand(spark):
    tiny = tiny_log()
    table = quietly(sql.rfm_table, tiny, con=spark, **RFM_COLUMNS)
    assert table["recency_days"].tolist() == [2, 12, 205, 1]      # chapter 2's hand computation
    assert table["frequency"].tolist() == [2, 2, 1, 1]
    assert table["monetary"].tolist() == [350.0, 80.0, -100.0, 40.0]


@pytest.fixture(scope="module")
def log():
    return quietly(rfm.clean_log, random_log(7, n=2_000))


def test_rfm_on_spark_equals_pandas(spark, log, capsys):
    for snapshot in (None, "2024-06-15"):
        capsys.readouterr()
        expected = rfm.rfm_table(log, snapshot=snapshot, **RFM_COLUMNS)
        printed = capsys.readouterr().out
        got = sql.rfm_table(log, con=spark, snapshot=snapshot, **RFM_COLUMNS)
        assert capsys.readouterr().out == printed
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_summary_on_spark_equals_pandas(spark):
    cdnow = data.load("cdnow")
    cdnow = cdnow[cdnow["customer_id"] <= 600]          # a tenth of the customers keeps it quick
    expected = clv.summary_from_transactions(cdnow, customer="customer_id", date="date", amount="amount",
                                             end="1997-09-30")
    got = quietly(sql.summary_from_transactions, cdnow, con=spark, customer="customer_id", date="date",
                  amount="amount", end="1997-09-30")
    assert got.index.equals(expected.index) and got["frequency"].dtype == np.int64
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=FLOAT_RTOL, atol=0)


def test_basket_counts_on_spark_equal_pandas(spark, log):
    table = quietly(basket.basket_matrix, log, order="order_id", item="product")
    expected = basket.association_rules(table, min_support=0.05, max_len=2)
    got = sql.association_rules(log, con=spark, order="order_id", item="product", min_support=0.05)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_bad_values_refused_on_spark_as_in_pandas(spark):
    # Spark spells the infinity test differently (sql.render); the refusals must read the same
    lines = rfm.clean_log(random_log(5))
    lines = lines[lines["customer_id"].notna()].reset_index(drop=True)
    for value in (np.nan, np.inf):
        damaged = lines.copy()
        damaged.loc[[3, 40], "amount"] = value
        with pytest.raises(sql.InputError) as expected:
            quietly(rfm.rfm_table, damaged, snapshot="2024-12-01", **RFM_COLUMNS)
        with pytest.raises(sql.InputError) as got:
            quietly(sql.rfm_table, damaged, con=spark, snapshot="2024-12-01", **RFM_COLUMNS)
        assert str(got.value) == str(expected.value)
        with pytest.raises(sql.InputError) as got:
            quietly(sql.summary_from_transactions, damaged, con=spark, customer="customer_id", date="timestamp",
                    amount="amount", end="2024-12-01")
        assert str(got.value) == str(expected.value)
