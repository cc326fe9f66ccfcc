"""helpers.sql under faults: with one thing wrong in the log, DuckDB agrees with pandas.

For every fault of the "never bare" catalogue (probes' log; test_never_bare.fault) on every
column the runners read, the pandas helper is the second implementation: where it refuses
the log with the kit's InputError, the SQL runner must refuse it too (never a number, never
a bare DuckDB error); where it returns a table, the SQL runner must return the same table.
"""

import contextlib
import io
import warnings

import duckdb
import pandas as pd
import pytest

from helpers import InputError, clv, rfm, sql

from .probes import log
from .test_never_bare import KINDS, fault

RFM = dict(customer="customer_id", date="timestamp", amount="amount", order="order_id", snapshot="2024-04-01")
SUMMARY = dict(customer="customer_id", date="timestamp", amount="amount", end="2024-03-31")
CASES = [(task, kind, column, row) for task in ("rfm", "summary") for kind in KINDS
         for column in ("customer_id", "timestamp", "order_id", "amount") for row in (0, 3)
         if not (task == "summary" and column == "order_id")]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _outcome(function, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return function(*args, **kwargs)
        except InputError as error:
            return error


@pytest.mark.parametrize("task, kind, column, row", CASES)
def test_sql_agrees_with_pandas_under_a_fault(con, task, kind, column, row):
    frame = fault(log(), kind, column, row)
    if task == "rfm":
        expected = _outcome(rfm.rfm_table, frame, **RFM)
        got = _outcome(sql.rfm_table, frame, con=con, **RFM)
    else:
        expected = _outcome(clv.summary_from_transactions, frame, **SUMMARY)
        got = _outcome(sql.summary_from_transactions, frame, con=con, **SUMMARY)
    if isinstance(expected, InputError):
        assert isinstance(got, InputError), f"pandas refused ({expected}) but SQL returned a table"
    else:
        assert isinstance(got, pd.DataFrame), f"SQL refused ({got}) what pandas scored"
        pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, check_index_type=False)
