"""Chapter 12's checks beyond the catalogue: the SQL of Exercise 3 runs on a fresh log, and a query
that does not run, has the wrong columns or is not text gets a hint that says so."""

from __future__ import annotations

from helpers import rfm
from helpers.checks import quietly, run_check
from helpers.exercises import ch12


def _check(value):
    return run_check(ch12.exercises, "ex3", {"my_rfm_sql": value})


def test_fresh_log_has_the_traps_the_hints_name():
    log = ch12.fresh_log()
    assert log["customer_id"].isna().any()                                  # anonymous lines
    assert (log["amount"] < 0).any()                                        # returns
    assert (log["timestamp"] >= ch12.EX3_SNAPSHOT).any()                    # rows after the snapshot
    table = quietly(rfm.rfm_table, log, snapshot=ch12.EX3_SNAPSHOT, **ch12.COLUMNS)
    by_row = quietly(rfm.rfm_table, log, snapshot=ch12.EX3_SNAPSHOT, returns=None, **ch12.COLUMNS)
    assert (by_row["frequency"].reindex(table.index) > table["frequency"]).any()   # returns-as-visits shows


def test_a_query_that_does_not_run():
    result = _check("SELECT customer_id, FROM nowhere")
    assert result.tag == "sql-error" and "DuckDB could not run" in result.message


def test_wrong_columns_and_wrong_type():
    result = _check("SELECT customer_id, COUNT(*) AS visits FROM lines GROUP BY customer_id")
    assert result.tag == "missing-column" and "recency_days" in result.message
    assert _check(["SELECT 1"]).tag == "wrong-type"


def test_a_correct_query_in_lower_case_passes():
    from helpers.checks import CORRECT

    assert _check(ch12._EX3_ANSWER.lower()).status == CORRECT
