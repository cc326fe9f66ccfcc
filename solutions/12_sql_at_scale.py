# %% [markdown]
# # 12 · When the log outgrows pandas: the same analyses in SQL, on DuckDB and on Spark
#
# FreshMart did well. Its owner bought two regional chains, and the loyalty log of the group now
# grows by about **four million till lines a week** across 1,000 stores. The analyst who scored
# members with chapter 2's RFM table on a laptop now finds the year's log in the company's data
# lake as a folder of Parquet files — hundreds of millions of lines, far more than a pandas
# DataFrame can hold. Nothing about the *questions* has changed: who are the best members, who is
# slipping, which products go together. What changes is *where* the counting happens.
#
# This chapter moves the kit's three core analyses — the RFM table (chapter 2), the CLV summary
# (chapter 4) and the basket counts (chapter 6) — into SQL. The same text runs in-process on
# **DuckDB** over files on one laptop, and on **Spark** when one machine is not enough, and gives
# exactly the frames the pandas helpers give, so everything after them (scores, segments, BG/NBD)
# continues unchanged.
#
# **By the end of this notebook you can**
# 1. say why pandas runs out of memory first (memory ≈ k × file size) and read the size at
#    which each engine stops from a log–log picture;
# 2. read the kit's RFM query clause by clause against chapter 2's definitions, run it with
#    DuckDB over a folder of Parquet files, and check it equals `rfm.rfm_table`;
# 3. compute the CLV summary and basket counts in SQL for another period or segment;
# 4. explain what changes on a cluster — partitioning, shuffles, skew — from a query plan.

# %% [markdown]
# ## Setup

# %%
import os
import re
import tempfile
import warnings
from pathlib import Path

import duckdb
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import basket, clv, data, rfm, scale, sql
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch12", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")
con = duckdb.connect()                 # an in-process DuckDB database, in memory
_ = con.execute("SET threads = 2")

# %% [markdown]
# ## Why pandas stops
#
# pandas holds the whole table in memory, column by column, and a text column costs more in
# memory than in the file. The ratio **k = bytes in memory ÷ bytes on disk** tells how large a log a
# machine can load: FreshMart's year of till lines, as a CSV file and as a DataFrame:

# %%
lines = data.load("supermarket")
products = data.load("supermarket", "products")
csv_bytes = data.info("supermarket")["tables"]["main"]["bytes"]
memory_bytes = int(lines.memory_usage(deep=True).sum())
k = memory_bytes / csv_bytes
print(f"{len(lines):,} lines: {csv_bytes / 1e6:.1f} MB as CSV, {memory_bytes / 1e6:.1f} MB in pandas "
      f"(k = {k:.2f}; {memory_bytes / len(lines):.0f} bytes a line)")

# %% [markdown]
# So pandas needs about one and a half times the CSV's size just to *hold* the log — and the
# analysis makes copies: cleaning, grouping and joining easily need two to three times the table
# again. A laptop with 8 GB holds a few tens of millions of such lines at best. SQL engines work
# differently: DuckDB reads only the columns a query names, in chunks, and keeps only what the
# answer needs per customer — running totals, the distinct receipts behind `frequency`, the
# purchase days behind the CLV summary — so its memory grows with those, not with the lines.
#
# The picture below comes from the kit's benchmark (`make bench`, `bench/bench_sql.py`): the RFM
# table and the CLV summary on logs of one, ten and a hundred million lines, each engine in a fresh
# process, the better of two runs, wall time and peak memory (pandas only up to ten million: at its
# ten-million rate, 2.2 to 3.0 GB, a hundred million lines would need 22 to 30 GB, more than the
# machine's 23). The numbers are the benchmark's committed results file, measured on a two-core
# machine; times vary with the machine and its load, memory much less.

# %%
bench = pd.read_csv(Path("..") / "bench" / "results_sql.csv")
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for (task, engine), rows in bench[bench["engine"].isin(["pandas", "duckdb"])].groupby(["task", "engine"]):
    style = dict(marker="o", linestyle="-" if task == "rfm" else "--",
                 color="C0" if engine == "pandas" else "C1", label=f"{engine}, {task.replace('_', ' ')}")
    rows = rows.sort_values("lines")
    axes[0].plot(rows["lines"], rows["seconds"], **style)
    axes[1].plot(rows["lines"], rows["peak_mb"], **style)
for ax, label in zip(axes, ["wall time (seconds)", "peak memory (MB)"]):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("till lines in the log")
    ax.set_ylabel(label)
axes[0].set_title("Time against log size (log–log)")
axes[1].set_title("Memory against log size (log–log)")
axes[1].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %%
ratios = bench.pivot_table(index=["lines", "task"], columns="engine", values=["seconds", "peak_mb"])
print("pandas ÷ DuckDB in the same benchmark run (memory):")
print((ratios["peak_mb"]["pandas"] / ratios["peak_mb"]["duckdb"]).dropna().round(1).to_string())
print("pandas ÷ DuckDB (time):")
print((ratios["seconds"]["pandas"] / ratios["seconds"]["duckdb"]).dropna().round(1).to_string())
largest = bench.loc[bench["engine"] == "duckdb", "lines"].max()
print(f"largest log DuckDB summarised: {largest:,} lines; "
      f"largest pandas loaded: {bench.loc[bench['engine'] == 'pandas', 'lines'].max():,}")
for row in bench[(bench["engine"] == "duckdb") & (bench["lines"] == largest)].itertuples():
    print(f"  DuckDB, {row.task.replace('_', ' ')} of {largest:,} lines: {row.seconds:.1f} s, "
          f"{row.peak_mb / 1000:.1f} GB at its peak")

# %% [markdown]
# On a log–log picture a straight line means "grows as a power of the size"; a slope of one is
# proportional growth. pandas' memory climbs with the log and stops at ten million lines here;
# DuckDB's grows far more slowly, and at a hundred million lines — where it holds the 25 million
# distinct receipts behind `frequency`, or the ten million customer-days behind the CLV summary —
# it still needs only a couple of GB (printed above) and seconds, not minutes. It scans, it does
# not hold the lines. That is the whole reason for this chapter.

# %% [markdown]
# ## The RFM table as SQL, read clause by clause
#
# Chapter 2 scored ten lines by hand. The same ten lines, registered with DuckDB as a table:

# %%
tiny = pd.DataFrame({
    "customer_id": ["A", "A", "A", "B", "B", "B", "C", "D", None, "C"],
    "timestamp": pd.to_datetime([
        "2024-12-30 10:00", "2024-12-30 10:00", "2024-12-01 18:30", "2024-11-15 09:00", "2024-12-20 19:00",
        "2024-12-22 12:00", "2024-06-10 11:00", "2024-12-31 20:00", "2024-12-31 21:00", "2024-06-20 16:00"]),
    "order_id": ["T1", "T1", "T2", "T3", "T4", "R1", "T5", "T6", "T7", "R2"],
    "amount": [120.0, 30.0, 200.0, 80.0, 60.0, -60.0, 500.0, 40.0, 25.0, -600.0],
})
con.register("tiny", tiny)
COLUMNS = dict(customer="customer_id", date="timestamp", amount="amount", order="order_id")
rfm_text = sql.rfm_sql(**COLUMNS, source="tiny")
print(rfm_text)

# %% [markdown]
# Each clause is one of chapter 2's definitions:
#
# | clause | chapter 2's definition |
# |---|---|
# | `CAST(timestamp AS DATE) AS day` | recency counts **calendar days**: a purchase at 19:45 belongs to its day |
# | `amount < 0 AS is_return` | the **returns rule**: a negative amount is a return (`returns="negative"`) |
# | `TRUE AS counted`, `MAX(last_day) OVER () + INTERVAL 1 DAY` | the **snapshot rule**: the day after the last transaction of the log, so every row is before it; with `snapshot=` given, `counted` becomes `day < DATE '…'` and rows on or after the snapshot are left out |
# | `GROUP BY customer` | one row per customer id; the anonymous lines form a group of their own, with the id NULL |
# | `WHERE customer IS NOT NULL` | **anonymous** lines cannot be scored and are left out |
# | `MAX(CASE WHEN counted AND NOT is_return THEN day END)` | recency runs from the last **purchase**, not from a refund |
# | `datediff('day', last_purchase, snapshot_day)` | recency = whole days from that day to the snapshot (1 for the day before) |
# | `COUNT(DISTINCT CASE WHEN … THEN order_id END)` | frequency = distinct **purchase receipts** (visits) |
# | `SUM(CASE WHEN counted THEN amount END)` | monetary = purchases **minus** returns |
# | `frequency > 0` | a customer whose rows are all returns has no purchase to date |
#
# Why are the snapshot and the returns tested *inside* the sums (`CASE WHEN counted …`) rather
# than in a `WHERE` clause before the `GROUP BY`? So that the log is read **once**. Chapter 2's
# function also prints what it left out — anonymous rows, rows after the snapshot, customers with
# only returns — and refuses a log with missing dates or amounts. `sql.rfm_table` runs this text
# with `counts=True`, which keeps every group and adds a few counts to the same pass (rows, rows
# before the snapshot, rows it must refuse); the notes are printed from those. A second query
# for the counts would read a hundred million lines a second time.
#
# Run on DuckDB, it gives chapter 2's hand-computed table: A 2 days, 2 visits, 350; C 205 days
# and −100 (C returned more than C bought this year).

# %%
con.sql(rfm_text).df()

# %% [markdown]
# `sql.rfm_table` runs the same text and returns chapter 2's frame — same index, same types,
# same printed notes about what it left out — so the test below is a plain equality:

# %%
tiny_sql = sql.rfm_table(tiny, con=con, **COLUMNS)
pd.testing.assert_frame_equal(tiny_sql, rfm.rfm_table(tiny, **COLUMNS))
tiny_sql

# %% [markdown]
# ## FreshMart's log in SQL: cleaning and scoring
#
# Chapter 2 cleaned the log first: exact duplicate lines and impossible prices out, then
# `amount = quantity × unit price`. `sql.clean_log` does the same in SQL (`SELECT DISTINCT *`,
# a join to the price list) and prints the same counts; its result is a table `clean_lines`
# inside DuckDB:

# %%
clean = sql.clean_log(lines, con=con, products=products)
log = rfm.clean_log(lines, list_price=lines["product"].map(products.set_index("product")["list_price"]))

# %%
members_sql = sql.rfm_table(clean, con=con, snapshot=ANALYSIS_DATE, **COLUMNS)
members_pandas = rfm.rfm_table(log, snapshot=ANALYSIS_DATE, **COLUMNS)
pd.testing.assert_frame_equal(members_sql, members_pandas)
print(f"{len(members_sql):,} members scored by SQL, identical to chapter 2's table")
members_sql.describe().round(1)

# %% [markdown]
# From here on chapter 2 continues unchanged: `rfm.rfm_scores(members_sql)` and
# `rfm.rfm_segments(...)` work on a table of ten thousand members whatever the size of the log
# it came from. The engine only has to do the one step that touches every line.

# %% [markdown]
# ## A log of a million lines, as a folder of Parquet files
#
# Parquet is the format of data lakes: columns stored apart and compressed, so a query reads only
# what it needs. `scale.write_till_log` writes a log in FreshMart's shape — the same columns,
# returns, duplicates and anonymous lines — of any length, in chunks of a million lines, so its
# memory stays flat whether the log has one million lines or a billion. It writes one folder per
# month (`month=2024-01/…`), the layout DuckDB and Spark read as a column, with one file in each,
# written in blocks of half a million lines (*row groups*): a few large files read much faster
# than many small ones. The step takes a while, so it shows a progress line while it works (in a
# terminal, on standard error).

# %%
workdir = Path(tempfile.mkdtemp(prefix="crm-kit-"))   # a scratch folder; its path is never shown
till = workdir / "till"
written = scale.write_till_log(till, 1_000_000, customers=50_000, seed=12)

# %%
print(f"{written['lines']:,} lines on {written['receipts']:,} receipts in {written['files']} files "
      f"({sum(f.stat().st_size for f in till.rglob('*.parquet')) / 1e6:.0f} MB of Parquet)")
print(sorted(p.name for p in till.iterdir())[:3], "…")

# %% [markdown]
# DuckDB reads the whole folder as one table, with the month folders as a column. A query that
# names one month reads only that folder (*partition pruning*):

# %%
folder = f"read_parquet('{till}/**/*.parquet', hive_partitioning = true)"
con.sql(f"CREATE VIEW till AS SELECT *, quantity * unit_price AS amount FROM {folder}")
con.sql("""
    SELECT month, COUNT(*) AS lines, COUNT(DISTINCT order_id) AS receipts,
           ROUND(SUM(amount)) AS net_sales
    FROM till
    WHERE month IN ('2024-01', '2024-02', '2024-12')
    GROUP BY month ORDER BY month
""").df()

# %% [markdown]
# The RFM table of fifty thousand members over the million lines, straight from the files
# (nothing is loaded into pandas but the result):

# %%
big_rfm = sql.rfm_table("till", con=con, snapshot=ANALYSIS_DATE, **COLUMNS)
big_rfm.describe().round(1)

# %% [markdown]
# And it is still chapter 2's table. Here the million lines do fit in pandas, so the check is
# direct:

# %%
million = pd.read_parquet(till, columns=["order_id", "customer_id", "timestamp", "quantity", "unit_price"])
million["amount"] = million["quantity"] * million["unit_price"]
pd.testing.assert_frame_equal(big_rfm, rfm.rfm_table(million, snapshot=ANALYSIS_DATE, **COLUMNS))
del million

# %% [markdown]
# ## The CLV summary and the basket counts in SQL
#
# Chapter 4's BG/NBD model needs, per customer, the number of repeat purchase days (`frequency`),
# the time from first to last purchase (`recency`) and the age (`T`). `sql.summary_sql` writes
# Fader, Hardie and Lee's conventions as SQL: the log is read once into one row per customer and
# day (purchases on one day are one purchase: a `GROUP BY customer, day`), each customer's first
# purchase day is joined back to those rows so that only later days count as repeats, and times
# are days ÷ 7. On CDNOW's real log it equals chapter 4's summary:

# %%
cdnow = data.load("cdnow")
summary_sql = sql.summary_from_transactions(cdnow, con=con, customer="customer_id", date="date",
                                            amount="amount", end="1997-09-30")
summary_pandas = clv.summary_from_transactions(cdnow, customer="customer_id", date="date",
                                               amount="amount", end="1997-09-30")
pd.testing.assert_frame_equal(summary_sql, summary_pandas, check_exact=False, rtol=1e-14)
summary_sql.describe().round(2)

# %% [markdown]
# (The mean spend can differ in its last binary digit — about 10⁻¹⁶ of the value — because the
# engine adds the same cents in another order; counts and times are identical.)
#
# Chapter 6's rules need the share of baskets holding each item and each pair. In SQL a basket
# is a receipt, `SELECT DISTINCT receipt, item` makes an item twice on a receipt count once, and a
# **self-join** of that table on the receipt lists the pairs; only items that reach the minimum
# support take part (the Apriori principle). The rules between two single items, as chapter 6
# shows them:

# %%
rules_sql = sql.association_rules(clean, con=con, order="order_id", item="product", min_support=0.02)
rules_sql.head(6).round(3)

# %% [markdown]
# `tests/test_sql.py` checks these counts against `basket.association_rules(..., max_len=2)`
# on the same lines; here a two-line check of the strongest rule's lift by hand from the basket
# table is enough:

# %%
table = basket.basket_matrix(log, order="order_id", item="product")
top = rules_sql.iloc[0]
a, c = table[top["antecedent"]], table[top["consequent"]]
print(f"{top['antecedent']} → {top['consequent']}: lift by hand {(a & c).mean() / (a.mean() * c.mean()):.6f}, "
      f"by SQL {top['lift']:.6f}")

# %% [markdown]
# ## The same SQL on Spark
#
# Spark reads the same text. Two functions are spelled differently: DuckDB writes
# `datediff('day', a, b)`, Spark `datediff(b, a)`; DuckDB adds a day with `+ INTERVAL 1 DAY`,
# Spark with `date_add(d, 1)`. The kit writes them once as `DAYS_BETWEEN(a, b)` and `NEXT_DAY(d)`
# and spells them for each engine (`sql.render`; a third, `IS_INFINITE(x)`, appears only in the
# counting texts); every other line is the same:

# %%
duck_lines = sql.rfm_sql(**COLUMNS, dialect="duckdb").splitlines()
spark_lines = sql.rfm_sql(**COLUMNS, dialect="spark").splitlines()
for duck_line, spark_line in zip(duck_lines, spark_lines):
    if duck_line != spark_line:
        print("DuckDB:", duck_line.strip())
        print("Spark: ", spark_line.strip())
print(f"{sum(d == s for d, s in zip(duck_lines, spark_lines))} of {len(duck_lines)} lines are the same")

# %% [markdown]
# With Java 17+ and pyspark installed (`make spark-env`; see the README), the same call runs on a
# local Spark session — `con=spark` instead of a DuckDB connection. Starting Spark takes half a
# minute, so the next cell runs it only where Spark is available *and* you ask for it (set the
# environment variable `CRM_KIT_SPARK=1` before starting Jupyter); it prints nothing either way,
# so this notebook reads the same on every machine. `tests/test_sql_spark.py` runs the full
# comparison in `make test` wherever Java is present.

# %%
if sql.spark_missing() is None and os.environ.get("CRM_KIT_SPARK") == "1":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spark = sql.spark_session(cores=2)
        spark_rfm = helpers.checks.quietly(sql.rfm_table, tiny, con=spark, **COLUMNS)
        spark.stop()
    pd.testing.assert_frame_equal(spark_rfm, tiny_sql)    # Spark's table is chapter 2's table

# %% [markdown]
# ## What changes on a cluster
#
# On one machine DuckDB's threads share one memory. On a cluster the log is cut into
# **partitions** (here, our month folders and the files inside them), each read by a different
# machine. Everything that works row by row — reading, the day of a timestamp, the return flag,
# the snapshot filter — happens where the rows lie. But a customer's rows sit in many
# partitions, and the `GROUP BY customer` needs them together: before it, every machine sends each
# row to the machine that owns its customer (by a hash of the id). That exchange is the
# **shuffle**, the expensive step of distributed SQL. DuckDB's plan of the RFM query shows the
# same steps on one machine:

# %%
def plan_operators(text: str) -> list[str]:
    """The kinds of operator in DuckDB's physical plan of a query, each once, in alphabetical order."""
    boxes = re.findall(r"╭─ ([A-Za-z_ ]+?) ─", sql.explain(con, text))   # each box of the plan is one operator
    return sorted(set(boxes))


print(", ".join(plan_operators(sql.rfm_sql(**COLUMNS, source="till", snapshot=ANALYSIS_DATE))))

# %% [markdown]
# What each one does: `Read Parquet` scans the files, reading only the columns the query names;
# `Projection`s work row by row (the day of a timestamp, the return flag, whether a row is
# before the snapshot); the `Hash Group By` gathers each customer's rows — the step that, on
# Spark, is preceded by an `Exchange hashpartitioning(customer)`, the shuffle. The distinct count
# of receipts needs a group-by of its own, on (customer, receipt): DuckDB keeps the lines of the
# pass as a `CTE`, reads them a second time through a `CTE Scan`, and a `Hash Join` puts the
# counts of receipts back beside the other totals. The `Filter` leaves out the anonymous row and
# the customers without a purchase, and the `Order By` sorts by customer. Spark's plan of the
# same text (`sql.explain(spark, …)`) names its exchanges explicitly.
#
# Two things follow for a real cluster:
#
# * **Partition by customer** when you write the log, and the group-by needs no shuffle: each
#   machine already holds whole customers. Partitioning by month (as here) is good for
#   questions about periods, useless for the customer's group-by.
# * **Skew.** A hash sends all rows of one customer to one machine. When a few customers are
#   huge (a wholesale account, the store's own staff card, the "unknown" id), one machine gets a
#   lion's share and everyone waits for it. Our generated log has such customers on purpose:

# %%
lines_per_member = con.sql("""
    SELECT customer_id, COUNT(*) AS lines FROM till WHERE customer_id IS NOT NULL GROUP BY customer_id
""").df()["lines"]
print(f"the largest member has {lines_per_member.max():,} lines, the median member "
      f"{lines_per_member.median():.0f}; the top 1% of members hold "
      f"{lines_per_member.nlargest(len(lines_per_member) // 100).sum() / lines_per_member.sum():.0%} of member lines")

# %% [markdown]
# On 100 machines, the machine that gets the largest member also gets a hundredth of all the
# others: with skew like this the slowest machine sets the pace. The usual remedies are to
# compute the biggest keys apart (or split them with a random "salt" and add the partial sums),
# and to let the engine combine partial sums *before* the shuffle (Spark's partial aggregation,
# visible as two `HashAggregate` steps around the `Exchange`), which sends one row per customer
# per machine instead of every line.

# %% [markdown]
# ## Exercises
#
# Use the tables above (`con`, `clean_lines`, `till`, `lines`, `cdnow`); none of the later cells
# depends on your answers.
#
# ### Exercise 1 — How big a log fits
# *Level ★☆☆ · about 5 min · objectives 1 · transfer*
#
# A trainee's laptop gives pandas **8 GB** (8 × 10⁹ bytes). Using the memory FreshMart's log takes
# per line once loaded (above), how many such lines would fit in those 8 GB, before any copy the
# analysis makes? Store the number in `lines_in_8gb` (two significant figures are enough).

# %%
# BEGIN SOLUTION
lines_in_8gb = 8e9 / (memory_bytes / len(lines))
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — December visits in SQL
# *Level ★☆☆ · about 10 min · objectives 2 · checked*
#
# Write a query on `clean_lines` that counts FreshMart's **member visits in December 2024**: distinct
# purchase receipts (no return receipts) of lines with a customer id, dated 1–31 December. Store the
# count in `december_visits` (an integer).

# %%
# BEGIN SOLUTION
december_visits = con.sql("""
    SELECT COUNT(DISTINCT order_id) AS visits
    FROM clean_lines
    WHERE customer_id IS NOT NULL AND amount >= 0
      AND timestamp >= TIMESTAMP '2024-12-01' AND timestamp < TIMESTAMP '2025-01-01'
""").fetchall()[0][0]
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Write the RFM query yourself
# *Level ★★★ · about 25 min · objectives 2 · stretch*
#
# Write, as one SQL text in `my_rfm_sql`, the RFM table for snapshot **2024-10-01** of a table
# called `lines` with columns `customer_id`, `timestamp`, `order_id` and `amount` (negative for a
# return). The result needs the columns `customer_id`, `recency_days`, `frequency` and `monetary`,
# with chapter 2's definitions. Write it yourself rather than calling `sql.rfm_sql`: the check runs
# your text with DuckDB on a **fresh** table it makes (returns, anonymous lines, rows after the
# snapshot) and compares the result with `rfm.rfm_table`. Try it first on `tiny` by replacing the
# table name.

# %%
# BEGIN SOLUTION
my_rfm_sql = """
select customer_id,
       datediff('day', max(case when amount >= 0 then cast(timestamp as date) end), date '2024-10-01')
           as recency_days,
       count(distinct case when amount >= 0 then order_id end) as frequency,
       sum(amount) as monetary
from lines
where customer_id is not null and cast(timestamp as date) < date '2024-10-01'
group by customer_id
having count(distinct case when amount >= 0 then order_id end) > 0
"""
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — CDNOW's summary at the end of 1997
# *Level ★★☆ · about 10 min · objectives 3 · transfer*
#
# The text summarised CDNOW up to 1997-09-30. With `sql.summary_from_transactions` (or your own
# SQL), summarise it up to **1997-12-31** instead and store the **mean frequency** (repeat purchase
# days per customer) in `mean_frequency_dec` (three significant figures).

# %%
# BEGIN SOLUTION
mean_frequency_dec = sql.summary_from_transactions(cdnow, con=con, customer="customer_id", date="date",
                                                   amount="amount", end="1997-12-31")["frequency"].mean()
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — Beer and diapers at the weekend
# *Level ★★☆ · about 15 min · objectives 3 · transfer*
#
# Chapter 6 found that beer and diapers go together mostly in evening and weekend trips. Using SQL
# on `clean_lines`, keep the receipts of **Saturdays and Sundays** (DuckDB's `dayofweek(timestamp)`
# is 0 on Sunday and 6 on Saturday) and compute the **lift** of the rule diapers → beer among those
# baskets. Store it in `weekend_lift` (three significant figures).

# %%
# BEGIN SOLUTION
con.sql("CREATE OR REPLACE VIEW weekend_lines AS "
        "SELECT * FROM clean_lines WHERE dayofweek(timestamp) IN (0, 6)")
weekend_rules = sql.association_rules("weekend_lines", con=con, order="order_id", item="product",
                                      min_support=0.005)
weekend_lift = weekend_rules.loc[(weekend_rules["antecedent"] == "diapers")
                                 & (weekend_rules["consequent"] == "beer"), "lift"].iloc[0]
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — Which step moves the rows?
# *Level ★★☆ · about 5 min · objectives 4 · checked*
#
# On a cluster, which step of the RFM plan above must send rows between machines (the shuffle),
# when the log is partitioned by month? Store the letter in `shuffle_operator`.
#
# * **A** the scan of the Parquet files
# * **B** the filter that leaves out the anonymous row and the customers without a purchase
# * **C** the hash group-by on the customer
# * **D** the projection that computes the day and the return flag

# %%
# BEGIN SOLUTION
shuffle_operator = "C"
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — A skewed customer on a hundred machines
# *Level ★★☆ · about 15 min · objectives 4 · written*
#
# The group's log has 2 billion lines a year, partitioned by month on 100 machines. One
# account — the chain's own staff card, used at every till — holds 4% of all lines. In four or
# five sentences: what happens when the RFM query runs, how long does the slowest machine's share
# of the group-by take compared with an even share, and what two changes would you make?

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* Reading, the day and return flag and the snapshot filter run on every
# machine on its own months; then the group-by shuffles each line to the machine that owns its
# customer's hash. The staff card's 80 million lines (4% of 2 billion) all go to one machine,
# which also receives its hundredth of the rest (about 19 million lines), so it handles about
# 99 million lines against 20 million for an even share — about five times as long, and the
# whole query waits for it. Two changes: take the staff card (and the "no customer" lines)
# out before the group-by — it is not a customer to score anyway — or split it with a salt and
# add the partial sums; and rely on (or force) partial aggregation before the shuffle so each
# machine sends one row per customer instead of every line. Partitioning the stored log by
# customer id would remove the shuffle for customer questions altogether.
#
# **Rubric.**
# - *Full:* names the shuffle at the group-by as where the skew bites; computes that the skewed
#   machine gets about 80 + 19 ≈ 99 million lines, about 5× an even share of 20 million; gives
#   two remedies among removing/splitting (salting) the hot key, partial aggregation before the
#   shuffle, partitioning by customer.
# - *Partial:* says one machine gets the staff card and the query waits for it, with one remedy,
#   or the right remedies without the size of the imbalance.
# - *Weak:* "add more machines" or "use a bigger machine" (more machines do not split one key).
# <!-- END SOLUTION -->

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * pandas holds the table (k ≈ 1.5 times the CSV for FreshMart's log) and its copies; SQL
#   engines scan columns in chunks and keep only what the answer needs per customer (totals,
#   distinct receipts, purchase days), so their memory grows far more slowly than the log.
# * The kit's RFM, CLV summary and basket counts are one SQL text each (`helpers.sql`), written
#   once for DuckDB and Spark; `sql.rfm_table`, `sql.summary_from_transactions` and
#   `sql.association_rules` return the pandas helpers' frames, so chapters 2, 4 and 6 continue
#   unchanged — and the tests prove the equality on the kit's logs.
# * Each of them reads the log once: the counts behind the printed notes (anonymous rows, rows
#   after the snapshot, returns) come from the same pass as the table, and a log with missing
#   dates, amounts or receipt ids is refused in the pandas helpers' words, not scored.
# * DuckDB runs in-process over a folder of Parquet files, reading only the partitions and columns
#   a query needs. Spark runs the same text on a cluster.
# * On a cluster the group-by on the customer is a shuffle; partition the stored log by customer
#   for customer questions, and handle skewed keys (staff cards, wholesale accounts) apart.
#
# The kit's benchmark (`make bench`) writes the numbers of the picture above to
# `bench/results_sql.csv`; the closing note of issue 21 gives the table of the last run.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | SQL | 结构化查询语言 | the language of databases: SELECT … FROM … WHERE … GROUP BY … |
# | query plan | 查询计划 | the steps an engine chooses to run a query (EXPLAIN shows them) |
# | in-process database (DuckDB) | 嵌入式数据库 | a database that runs inside your Python process, no server |
# | Parquet file | Parquet 列式文件 | a compressed file format that stores each column apart |
# | columnar storage | 列式存储 | storing a table column by column, so a query reads only its columns |
# | partition | 分区 | one slice of a table (a folder such as `month=2024-01`, or a block on one machine) |
# | partition pruning | 分区裁剪 | skipping the partitions a query's filter rules out |
# | shuffle | 数据重分布 (shuffle) | sending rows between machines so that equal keys meet |
# | data skew | 数据倾斜 | a few keys holding a large share of the rows, overloading one machine |
# | salting | 加盐 | splitting a hot key into several random sub-keys, then adding the partial results |
# | partial aggregation | 局部聚合 | summing on each machine before the shuffle, sending one row per key |
# | cluster | 集群 | many machines working on one job (Spark) |
# | self-join | 自连接 | joining a table to itself, e.g. two items of one receipt |
# | window function | 窗口函数 | a value computed over a group of rows kept row by row (MAX(last_day) OVER ()) |
#
# **Next:** the cases `cases/supermarket_rfm` and `cases/cdnow_clv` use the frames this chapter
# computes; on a real warehouse, write the log partitioned by customer and run the same text.
