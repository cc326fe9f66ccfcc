"""Benchmark: ``helpers.rfm.rfm_table`` against the same aggregation in DuckDB.

Run on demand (``make bench``), never in the test suite.  It builds a seeded synthetic log
of 1,000,000 lines (50,000 customers, 300,000 receipts, 2% return lines), times
``rfm_table`` and one DuckDB SQL query over the same pandas DataFrame in the same process
(best of five runs each, after a warm-up), checks that both give the same table, and prints
the ratio pandas ÷ DuckDB.  The target is a ratio of at most 1.5 with DuckDB on one
thread (pandas uses one core); the ratio against DuckDB on all cores is printed too.

DuckDB is a benchmark-only extra (``pip install duckdb``); without it the script says so
and exits cleanly.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time

import numpy as np
import pandas as pd

from helpers.rfm import rfm_table

N_LINES = 1_000_000
N_CUSTOMERS = 50_000
N_ORDERS = 300_000
SNAPSHOT = "2025-01-01"
REPEATS = 5

QUERY = f"""
SELECT customer_id,
       date_diff('day', max(CASE WHEN amount >= 0 THEN CAST("timestamp" AS DATE) END),
                 DATE '{SNAPSHOT}') AS recency_days,
       count(DISTINCT CASE WHEN amount >= 0 THEN order_id END) AS frequency,
       sum(amount) AS monetary
FROM log
WHERE customer_id IS NOT NULL AND "timestamp" < TIMESTAMP '{SNAPSHOT}'
GROUP BY customer_id
HAVING count(DISTINCT CASE WHEN amount >= 0 THEN order_id END) > 0
ORDER BY customer_id
"""


def synthetic_log(seed: int = 7) -> pd.DataFrame:
    """Receipts belong to one customer; lines of a receipt share its time; 2% of lines are returns."""
    rng = np.random.default_rng(seed)
    order_customer = rng.integers(0, N_CUSTOMERS, N_ORDERS)
    order_time = (pd.Timestamp("2024-01-01")
                  + pd.to_timedelta(rng.integers(0, 366 * 24 * 3600, N_ORDERS), unit="s"))
    line_order = np.sort(rng.integers(0, N_ORDERS, N_LINES))
    amount = np.round(rng.gamma(2.0, 15.0, N_LINES), 2)
    is_return = rng.random(N_LINES) < 0.02
    amount[is_return] *= -1
    return pd.DataFrame({
        "customer_id": pd.array([f"C{i:06d}" for i in order_customer[line_order]], dtype="str"),
        "order_id": pd.array([f"T{i:07d}" for i in line_order], dtype="str"),
        "timestamp": np.asarray(order_time)[line_order],
        "amount": amount,
    })


def alternating_best_times(funcs: dict, repeats: int = REPEATS) -> dict:
    """Best wall time of each function, running them in turn so that machine load hits all alike."""
    results = {label: func() for label, func in funcs.items()}  # warm-up
    times = {label: [] for label in funcs}
    for _ in range(repeats):
        for label, func in funcs.items():
            start = time.perf_counter()
            results[label] = func()
            times[label].append(time.perf_counter() - start)
    return {label: (min(times[label]), results[label]) for label in funcs}


def main() -> int:
    try:
        import duckdb
    except ImportError:
        print("bench_rfm: duckdb is not installed, so there is nothing to compare against. Install the "
              "benchmark extras (`pip install duckdb`, or `make bench`) and run again.")
        return 0

    log = synthetic_log()
    print(f"Synthetic log: {len(log):,} lines, {log['customer_id'].nunique():,} customers, "
          f"{log['order_id'].nunique():,} receipts.")

    def with_pandas():
        return rfm_table(log, customer="customer_id", date="timestamp", amount="amount", order="order_id",
                         snapshot=SNAPSHOT)

    connections = {}
    for threads in (1, None):
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads TO {threads}")
        con.register("log", log)
        count = con.execute("SELECT current_setting('threads')").fetchone()[0]
        connections["1 thread" if threads else f"{count} threads"] = con
    funcs = {"pandas": with_pandas}
    funcs.update({label: (lambda con=con: con.execute(QUERY).df()) for label, con in connections.items()})
    with contextlib.redirect_stdout(io.StringIO()):
        timed = alternating_best_times(funcs)
    pandas_time, mine = timed.pop("pandas")
    results = timed

    # Both must give the same table.
    reference = results["1 thread"][1].set_index("customer_id")
    assert list(mine.index) == list(reference.index), "customers differ"
    assert (mine["recency_days"].to_numpy() == reference["recency_days"].to_numpy()).all(), "recency differs"
    assert (mine["frequency"].to_numpy() == reference["frequency"].to_numpy()).all(), "frequency differs"
    assert np.allclose(mine["monetary"].to_numpy(), reference["monetary"].to_numpy()), "monetary differs"
    print("Both give the same table.")

    print(f"rfm_table (pandas {pd.__version__}): {pandas_time:.3f} s")
    for label, (seconds, _) in results.items():
        print(f"DuckDB {duckdb.__version__}, {label}: {seconds:.3f} s  → ratio pandas ÷ DuckDB = "
              f"{pandas_time / seconds:.2f}")
    ratio = pandas_time / results["1 thread"][0]
    verdict = "meets" if ratio <= 1.5 else "misses"
    print(f"Target: at most 1.5× DuckDB on one thread; rfm_table {verdict} it ({ratio:.2f}×).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
