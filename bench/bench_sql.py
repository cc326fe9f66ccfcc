"""Benchmark: RFM and the CLV summary on pandas, DuckDB and Spark (local) as the log grows.

Run on demand (``make bench``; ``python bench/bench_sql.py 1e6 1e7 1e8`` for other sizes),
never in the test suite.  For each size it writes a till log with
:func:`helpers.scale.write_till_log` (partitioned Parquet, 50,000 members; not timed), then
runs each (engine, task) in a fresh process, twice (``BENCH_SQL_REPEAT``), and records the
better wall time and its peak memory (the process's own maximum resident set, ``VmHWM``):

* **pandas** — read the needed columns of the Parquet folder, add ``amount``, then
  :func:`helpers.rfm.rfm_table` or :func:`helpers.clv.summary_from_transactions`
  (skipped when the estimated frame would not fit in half the machine's memory);
* **DuckDB** — :func:`helpers.sql.rfm_table` / :func:`helpers.sql.summary_from_transactions`
  straight over the folder (a view adds ``amount``), both cores;
* **Spark** — the same functions on a local session (2 cores), session start timed apart;
  only where Java and pyspark exist.  Its peak memory is the Python driver's alone: the Java
  process that does the work is not counted.

Each process checks its frame against the pandas one where pandas ran (same customers and
numbers).  Results go to ``bench/results_sql.csv`` (what chapter 12 plots; ``BENCH_SQL_APPEND=1``
adds the rows of this run to it, e.g. a 100M-line DuckDB-only run) and a table with the
pandas ÷ DuckDB ratios of the same run is printed.  ``BENCH_SQL_ENGINES=pandas,duckdb`` picks
the engines.  Times depend on the machine and its
load; the memory ratios much less.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results_sql.csv"
SIZES = (1_000_000, 10_000_000)
CUSTOMERS = 50_000
END = "2024-12-31"
REPEAT = int(os.environ.get("BENCH_SQL_REPEAT", "2"))
BYTES_PER_LINE_PANDAS = 400     # measured peak at 10M lines: 240-320 bytes a line (RFM, CLV summary), plus margin

WORKER = r"""
import contextlib, io, json, resource, sys, time, warnings
warnings.simplefilter("ignore")


def peak_mb():
    # VmHWM: this process's own peak resident memory. getrusage's ru_maxrss would not do: Linux
    # carries it over from the parent through fork and exec, so every worker would report at
    # least the peak of the benchmark process that wrote the log.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024



engine, task, folder, expect = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
import pandas as pd
from helpers import clv, rfm, sql
COLUMNS = dict(customer="customer_id", date="timestamp", amount="amount", order="order_id")
out = {}
sink = io.StringIO()
if engine == "spark":
    start = time.perf_counter()
    con = sql.spark_session(2)
    out["session_seconds"] = time.perf_counter() - start
    con.read.parquet(folder).selectExpr("*", "quantity * unit_price AS amount").createOrReplaceTempView("till")
    source = "till"
elif engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.sql(f"CREATE VIEW till AS SELECT *, quantity * unit_price AS amount FROM read_parquet('{folder}/**/*.parquet')")
    source = "till"
start = time.perf_counter()
with contextlib.redirect_stdout(sink):
    if engine == "pandas":
        lines = pd.read_parquet(folder, columns=["order_id", "customer_id", "timestamp", "quantity", "unit_price"])
        lines["amount"] = lines["quantity"] * lines["unit_price"]
        if task == "rfm":
            frame = rfm.rfm_table(lines, snapshot="2025-01-01", **COLUMNS)
        else:
            frame = clv.summary_from_transactions(lines[lines["customer_id"].notna()], customer="customer_id",
                                                  date="timestamp", amount="amount", end=%(end)r)
    elif task == "rfm":
        frame = sql.rfm_table(source, con=con, snapshot="2025-01-01", **COLUMNS)
    else:
        frame = sql.summary_from_transactions(source, con=con, customer="customer_id", date="timestamp",
                                              amount="amount", end=%(end)r)
out["seconds"] = time.perf_counter() - start
out["peak_mb"] = peak_mb()
out["customers"] = len(frame)
if expect != "-":
    reference = pd.read_pickle(expect)
    assert frame.index.equals(reference.index), "different customers"
    pd.testing.assert_frame_equal(frame, reference, check_exact=False, rtol=1e-12)
    out["checked"] = True
else:
    frame.to_pickle(sys.argv[5])
print("RESULT " + json.dumps(out))
""" % {"end": END}


def run(engine: str, task: str, folder: Path, expect: str, save: str) -> dict | None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", WORKER, engine, task, str(folder), expect, save],
                          capture_output=True, text=True, env=env, timeout=3600)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    print(f"   {engine} {task} failed:\n{proc.stderr[-2000:]}")
    return None


def memory_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from helpers import scale, sql

    sizes = [int(float(a)) for a in argv] or list(SIZES)
    engines = ["pandas", "duckdb"] + (["spark"] if sql.spark_missing() is None else [])
    if "spark" not in engines:
        print(f"Spark left out: {sql.spark_missing()}.")
    chosen = os.environ.get("BENCH_SQL_ENGINES")       # e.g. BENCH_SQL_ENGINES=pandas,duckdb
    if chosen:
        engines = [e for e in engines if e in chosen.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"till_{n}"
            start = time.perf_counter()
            scale.write_till_log(folder, n, customers=CUSTOMERS, seed=12, progress=False)
            os.sync()       # the log's pages on disk first: the first query must not share the disk with the writer
            print(f"== {n:,} lines written in {time.perf_counter() - start:.0f} s "
                  f"({sum(f.stat().st_size for f in folder.rglob('*.parquet')) / 1e6:,.0f} MB of Parquet)")
            for task in ("rfm", "clv_summary"):
                reference = Path(tmp) / f"{task}_{n}.pkl"
                for engine in engines:
                    if engine == "pandas" and n * BYTES_PER_LINE_PANDAS > memory_bytes() / 2:
                        print(f"   pandas {task}: skipped, about {n * BYTES_PER_LINE_PANDAS / 1e9:.0f} GB would not fit")
                        continue
                    expect = str(reference) if reference.exists() else "-"
                    results = []
                    for _ in range(REPEAT):      # best of REPEAT fresh processes, as timings of one run vary
                        result = run(engine, task, folder, expect, str(reference))
                        if result is not None:
                            results.append(result)
                            if engine == "pandas":      # its frame is the reference from now on
                                expect = str(reference)
                    if not results:
                        continue
                    result = min(results, key=lambda r: r["seconds"])
                    row = {"lines": n, "task": task, "engine": engine, "seconds": round(result["seconds"], 3),
                           "peak_mb": round(result["peak_mb"]), "customers": result["customers"],
                           "session_seconds": round(result.get("session_seconds", 0.0), 1),
                           "equal_to_pandas": ("yes" if result.get("checked") or engine == "pandas"
                                               else "not compared")}
                    rows.append(row)
                    print(f"   {engine:6s} {task:12s} {row['seconds']:8.2f} s  {row['peak_mb']:7,d} MB"
                          + (f"  (+{row['session_seconds']} s session start)" if engine == "spark" else "")
                          + ("  same frame as pandas" if result.get("checked") and engine != "pandas" else ""))
    append = os.environ.get("BENCH_SQL_APPEND") == "1" and RESULTS.exists()   # add rows of another run
    with RESULTS.open("a" if append else "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        if not append:
            writer.writeheader()
        writer.writerows(rows)
    print(f"\nwrote {RESULTS.relative_to(ROOT)}\n\nratios in this run (pandas ÷ DuckDB):")
    by_key = {(r["lines"], r["task"], r["engine"]): r for r in rows}
    for n in sizes:
        for task in ("rfm", "clv_summary"):
            p, d = by_key.get((n, task, "pandas")), by_key.get((n, task, "duckdb"))
            if p and d:
                print(f"   {n:>12,} {task:12s} time {p['seconds'] / d['seconds']:5.1f}×   "
                      f"memory {p['peak_mb'] / d['peak_mb']:5.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
