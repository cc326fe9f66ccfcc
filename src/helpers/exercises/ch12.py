"""Checks for ``12_sql_at_scale``: expected answers from the kit's pandas helpers (the second
implementation the SQL must agree with), on the kit's data or on a fresh log made here."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import basket, clv, data, rfm
from helpers.checks import Exercises, Hint, expect_choice, expect_number, quietly

exercises = Exercises("ch12")
CATALOGUE_COMPLETE = True

COLUMNS = {"customer": "customer_id", "date": "timestamp", "amount": "amount", "order": "order_id"}
#: Exercise 1: the memory a learner's laptop gives pandas.
MEMORY_BYTES = 8e9
#: Exercise 3's snapshot (the text used 2025-01-01).
EX3_SNAPSHOT = "2024-10-01"
#: Exercise 4's end of the observed period (the text used 1997-09-30).
EX4_END = "1997-12-31"


@lru_cache(maxsize=1)
def _lines() -> pd.DataFrame:
    return data.load("supermarket")


@lru_cache(maxsize=1)
def _clean() -> pd.DataFrame:
    lines = _lines()
    products = data.load("supermarket", "products")
    return quietly(rfm.clean_log, lines, list_price=lines["product"].map(products.set_index("product")["list_price"]))


# --------------------------------------------------------------------------- ex1


def _bytes_per_line() -> float:
    lines = _lines()
    return float(lines.memory_usage(deep=True).sum()) / len(lines)


def _csv_bytes_per_line() -> float:
    return data.info("supermarket")["tables"]["main"]["bytes"] / len(_lines())


@exercises.add("ex1", "lines_in_8gb")
def ex1(lines_in_8gb):
    per_line = _bytes_per_line()
    k = per_line / _csv_bytes_per_line()
    expect_number(lines_in_8gb, MEMORY_BYTES / per_line, name="lines_in_8gb", sig=2, alternatives=[
        (MEMORY_BYTES / _csv_bytes_per_line(), "That divides by the bytes a line takes in the CSV file; pandas "
                                               "needs more per line once the file is loaded (the factor k).",
         "file-not-memory"),
        (8 * 2**30 / per_line, "That uses 8 GiB (8 × 2³⁰ bytes); the exercise says 8 GB = 8 × 10⁹ bytes.", "gib-not-gb"),
        (MEMORY_BYTES / k, "That divides the memory by k, a ratio without a unit; divide by the bytes one line "
                           "takes in memory instead.", "ratio-not-bytes"),
    ])


exercises.answer("ex1")(lambda: {"lines_in_8gb": MEMORY_BYTES / _bytes_per_line()})
exercises.form("ex1", "rounded to two significant figures")(
    lambda: {"lines_in_8gb": float(f"{MEMORY_BYTES / _bytes_per_line():.2g}")})
exercises.mistake("ex1", "file-not-memory", "divides by the CSV bytes per line")(
    lambda: {"lines_in_8gb": MEMORY_BYTES / _csv_bytes_per_line()})
exercises.mistake("ex1", "gib-not-gb", "uses 8 GiB")(lambda: {"lines_in_8gb": 8 * 2**30 / _bytes_per_line()})
exercises.mistake("ex1", "ratio-not-bytes", "divides by k")(
    lambda: {"lines_in_8gb": MEMORY_BYTES / (_bytes_per_line() / _csv_bytes_per_line())})


# --------------------------------------------------------------------------- ex2


def _december(members_only: bool = True, purchases_only: bool = True, lines: bool = False) -> int:
    log = _clean()
    rows = log[(log["timestamp"] >= "2024-12-01") & (log["timestamp"] < "2025-01-01")]
    if members_only:
        rows = rows[rows["customer_id"].notna()]
    if purchases_only:
        rows = rows[rows["amount"] >= 0]
    return len(rows) if lines else int(rows["order_id"].nunique())


@exercises.add("ex2", "december_visits")
def ex2(december_visits):
    expect_number(december_visits, _december(), name="december_visits", integer=True, alternatives=[
        (_december(members_only=False), "That counts the anonymous receipts too; keep the rows with a "
                                        "customer_id (WHERE customer_id IS NOT NULL).", "anonymous-kept"),
        (_december(purchases_only=False), "That counts the return receipts as visits; keep the purchase rows "
                                          "(amount >= 0) before counting receipts.", "returns-as-visits"),
        (_december(lines=True), "That counts lines; a visit is a receipt: COUNT(DISTINCT order_id).",
         "lines-not-visits"),
    ])


exercises.answer("ex2")(lambda: {"december_visits": _december()})
exercises.form("ex2", "as a float")(lambda: {"december_visits": float(_december())})
exercises.mistake("ex2", "anonymous-kept", "keeps anonymous receipts")(
    lambda: {"december_visits": _december(members_only=False)})
exercises.mistake("ex2", "returns-as-visits", "counts return receipts")(
    lambda: {"december_visits": _december(purchases_only=False)})
exercises.mistake("ex2", "lines-not-visits", "counts lines")(lambda: {"december_visits": _december(lines=True)})


# --------------------------------------------------------------------------- ex3: a query run on fresh data


def fresh_log(seed: int = 2024) -> pd.DataFrame:
    """A small log the student has not seen: returns (one after each customer's last purchase for
    some), anonymous lines, receipts with several lines, rows on and after the snapshot."""
    rng = np.random.default_rng(seed)
    n = 600
    receipt = rng.integers(1, 200, size=n)
    owner = rng.integers(0, 40, size=200)
    customer = np.array([f"K{c:02d}" for c in owner[receipt]], dtype=object)
    customer[owner[receipt] % 9 == 0] = None
    day = np.datetime64("2024-06-01") + (receipt * 13 % 160).astype("timedelta64[D]")
    stamp = day.astype("datetime64[s]") + rng.integers(8 * 3600, 21 * 3600, size=n).astype("timedelta64[s]")
    amount = np.round(rng.integers(100, 9_000, size=n) / 100.0, 2)
    order = np.array([f"T{r:04d}" for r in receipt], dtype=object)
    returned = rng.random(n) < 0.08
    amount[returned] *= -1
    stamp[returned] += np.timedelta64(3, "D")
    order[returned] = [f"R{r:04d}" for r in receipt[returned]]
    frame = pd.DataFrame({"customer_id": customer, "timestamp": stamp, "order_id": order, "amount": amount})
    for column in ("customer_id", "order_id"):
        frame[column] = frame[column].astype("str")
    return frame


def _expected_rfm(log: pd.DataFrame) -> pd.DataFrame:
    return quietly(rfm.rfm_table, log, snapshot=EX3_SNAPSHOT, **COLUMNS)


def _run_query(query: str, log: pd.DataFrame) -> pd.DataFrame:
    import duckdb

    con = duckdb.connect()
    con.register("lines", log)
    try:
        return con.sql(query).df()
    finally:
        con.close()


def _diagnose(got: pd.DataFrame, expected: pd.DataFrame, log: pd.DataFrame) -> None:
    """Name the slip that makes ``got`` differ from ``expected`` (never showing expected values)."""
    if got["customer_id"].isna().any():
        raise Hint("Your result has a row for customer NULL: anonymous lines cannot be scored; keep "
                   "WHERE customer_id IS NOT NULL.", "anonymous-kept")
    got = got.set_index("customer_id")
    got.index = got.index.astype("str")
    extra = got.index.difference(expected.index)
    missing = expected.index.difference(got.index)
    if len(extra):
        raise Hint(f"Your result has {len(extra)} customer(s) too many: are rows on or after the snapshot "
                   "left out (day < snapshot), and customers with only returns dropped (HAVING)?",
                   "customers-too-many")
    if len(missing):
        raise Hint(f"Your result misses {len(missing)} customer(s); is a filter too strict?", "customers-missing")
    got = got.loc[expected.index]
    recency = got["recency_days"].to_numpy(dtype=float) - expected["recency_days"].to_numpy()
    if np.all(recency == 1) or np.all(recency == -1):
        raise Hint("Every recency is one day off: count calendar days from the day of the last purchase to the "
                   "snapshot day (CAST(timestamp AS DATE), and the snapshot itself, not the day before).",
                   "off-by-one-day")
    if (recency < 0).any():
        raise Hint("Some recencies are too small: a return is not a purchase; take the last day of the rows "
                   "with amount >= 0 only.", "return-recent")
    if (recency != 0).any():
        raise Hint("Some recency_days differ; recency is the number of calendar days from the last purchase day "
                   "to the snapshot.", "generic-recency")
    frequency = got["frequency"].to_numpy(dtype=float) - expected["frequency"].to_numpy()
    if (frequency > 0).any():
        raise Hint("Some frequencies are too large: count distinct *purchase* receipts — return receipts and "
                   "several lines of one receipt are not visits.", "returns-as-visits")
    if (frequency != 0).any():
        raise Hint("Some frequencies are too small; a visit is a distinct purchase receipt.", "generic-frequency")
    monetary = got["monetary"].to_numpy(dtype=float) - expected["monetary"].to_numpy()
    if (np.abs(monetary) > 1e-6).any():
        if (monetary > 0).all() or ((monetary >= -1e-6).all()):
            raise Hint("Some monetary values are too large: net the returns in (sum every row's amount, "
                       "negative ones too).", "returns-not-netted")
        raise Hint("Some monetary values differ; monetary is the sum of all the customer's amounts before the "
                   "snapshot.", "generic-monetary")


@exercises.add("ex3", "my_rfm_sql")
def ex3(my_rfm_sql):
    if not isinstance(my_rfm_sql, str):
        raise Hint("`my_rfm_sql` should be the query as one piece of text (a Python string).", "wrong-type")
    log = fresh_log()
    try:
        got = _run_query(my_rfm_sql, log)
    except Exception as exc:  # any DuckDB error: report its first line, which names the problem
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Hint(f"DuckDB could not run your query on a fresh table `lines`: {first}", "sql-error") from None
    needed = ["customer_id", "recency_days", "frequency", "monetary"]
    missing = [c for c in needed if c not in got.columns]
    if missing:
        raise Hint(f"Your query's result has no column(s) {missing}; name them with AS (its columns are "
                   f"{list(got.columns)}).", "missing-column")
    _diagnose(got, _expected_rfm(log), log)


_EX3_ANSWER = f"""
SELECT customer_id,
       datediff('day', MAX(CASE WHEN amount >= 0 THEN CAST(timestamp AS DATE) END), DATE '{EX3_SNAPSHOT}')
           AS recency_days,
       COUNT(DISTINCT CASE WHEN amount >= 0 THEN order_id END) AS frequency,
       SUM(amount) AS monetary
FROM lines
WHERE customer_id IS NOT NULL AND CAST(timestamp AS DATE) < DATE '{EX3_SNAPSHOT}'
GROUP BY customer_id
HAVING COUNT(DISTINCT CASE WHEN amount >= 0 THEN order_id END) > 0
"""

exercises.answer("ex3")(lambda: {"my_rfm_sql": _EX3_ANSWER})
exercises.form("ex3", "the kit's own text, helpers.sql.rfm_sql")(
    lambda: {"my_rfm_sql": __import__("helpers.sql", fromlist=["rfm_sql"]).rfm_sql(
        **COLUMNS, snapshot=EX3_SNAPSHOT, source="lines")})
exercises.mistake("ex3", "returns-as-visits", "counts every receipt")(
    lambda: {"my_rfm_sql": _EX3_ANSWER.replace("COUNT(DISTINCT CASE WHEN amount >= 0 THEN order_id END) AS",
                                               "COUNT(DISTINCT order_id) AS")})
exercises.mistake("ex3", "return-recent", "takes the last day of any row")(
    lambda: {"my_rfm_sql": _EX3_ANSWER.replace("MAX(CASE WHEN amount >= 0 THEN CAST(timestamp AS DATE) END)",
                                               "MAX(CAST(timestamp AS DATE))")})
exercises.mistake("ex3", "anonymous-kept", "forgets the customer filter")(
    lambda: {"my_rfm_sql": _EX3_ANSWER.replace("customer_id IS NOT NULL AND ", "")})
exercises.mistake("ex3", "off-by-one-day", "counts to the day before the snapshot")(
    lambda: {"my_rfm_sql": _EX3_ANSWER.replace(f"END), DATE '{EX3_SNAPSHOT}')",
                                               f"END), DATE '{EX3_SNAPSHOT}' - 1)")})


# --------------------------------------------------------------------------- ex4


@lru_cache(maxsize=4)
def _cdnow_summary(end: str) -> pd.DataFrame:
    return quietly(clv.summary_from_transactions, data.load("cdnow"), customer="customer_id", date="date",
                   amount="amount", end=end)


def _lines_minus_one(end: str) -> float:
    cdnow = data.load("cdnow")
    cdnow = cdnow[cdnow["date"] <= end]
    return float((cdnow.groupby("customer_id").size() - 1).mean())


@exercises.add("ex4", "mean_frequency_dec")
def ex4(mean_frequency_dec):
    expected = _cdnow_summary(EX4_END)["frequency"].mean()
    expect_number(mean_frequency_dec, expected, name="mean_frequency_dec", sig=3, alternatives=[
        (_cdnow_summary("1997-09-30")["frequency"].mean(), "That is for the text's end, 1997-09-30; use the end "
                                                            "of 1997 (end='1997-12-31').", "text-end"),
        (expected + 1, "That counts every purchase day; frequency counts the *repeat* purchase days (all but the "
                       "first).", "first-purchase-counted"),
        (_lines_minus_one(EX4_END), "That counts purchase lines; purchases on one day are one purchase (group by "
                                    "customer and day first).", "lines-not-days"),
    ])


exercises.answer("ex4")(lambda: {"mean_frequency_dec": _cdnow_summary(EX4_END)["frequency"].mean()})
exercises.form("ex4", "rounded to three significant figures")(
    lambda: {"mean_frequency_dec": float(f"{_cdnow_summary(EX4_END)['frequency'].mean():.3g}")})
exercises.mistake("ex4", "text-end", "keeps the text's end date")(
    lambda: {"mean_frequency_dec": _cdnow_summary("1997-09-30")["frequency"].mean()})
exercises.mistake("ex4", "first-purchase-counted", "counts all purchase days")(
    lambda: {"mean_frequency_dec": _cdnow_summary(EX4_END)["frequency"].mean() + 1})
exercises.mistake("ex4", "lines-not-days", "counts lines")(
    lambda: {"mean_frequency_dec": _lines_minus_one(EX4_END)})


# --------------------------------------------------------------------------- ex5


def _rule(weekend: bool | None, what: str = "lift") -> float:
    log = _clean()
    if weekend is not None:
        is_weekend = log["timestamp"].dt.day_of_week >= 5
        log = log[is_weekend == weekend]
    table = quietly(basket.basket_matrix, log, order="order_id", item="product")
    n = len(table)
    diapers, beer = table["diapers"].to_numpy(), table["beer"].to_numpy()
    support = (diapers & beer).sum() / n
    confidence = support / (diapers.sum() / n)
    return {"lift": confidence / (beer.sum() / n), "confidence": confidence, "support": support}[what]


@lru_cache(maxsize=8)
def _rule_cached(weekend, what):
    return _rule(weekend, what)


@exercises.add("ex5", "weekend_lift")
def ex5(weekend_lift):
    expect_number(weekend_lift, _rule_cached(True, "lift"), name="weekend_lift", sig=3, alternatives=[
        (_rule_cached(None, "lift"), "That is the lift over all baskets; keep the Saturday and Sunday receipts "
                                     "first (dayofweek 0 or 6 in DuckDB, Sunday = 0).", "all-baskets"),
        (_rule_cached(False, "lift"), "That is the lift on weekdays: Saturday and Sunday are the weekend.",
         "weekday-baskets"),
        (_rule_cached(True, "confidence"), "That is the confidence P(beer | diapers); lift divides it by the "
                                           "share of baskets with beer.", "confidence-not-lift"),
    ])


exercises.answer("ex5")(lambda: {"weekend_lift": _rule_cached(True, "lift")})
exercises.form("ex5", "rounded to three significant figures")(
    lambda: {"weekend_lift": float(f"{_rule_cached(True, 'lift'):.3g}")})
exercises.mistake("ex5", "all-baskets", "uses every basket")(lambda: {"weekend_lift": _rule_cached(None, "lift")})
exercises.mistake("ex5", "weekday-baskets", "uses weekday baskets")(
    lambda: {"weekend_lift": _rule_cached(False, "lift")})
exercises.mistake("ex5", "confidence-not-lift", "gives the confidence")(
    lambda: {"weekend_lift": _rule_cached(True, "confidence")})


# --------------------------------------------------------------------------- ex6

EX6_OPTIONS = {
    "A": ("The scan reads each file where it lies; every machine reads its own files without sending rows "
          "anywhere.", "scan-not-shuffle"),
    "B": ("The filter keeps or drops each customer's finished row where it is; it needs no other machine's rows.",
          "filter-not-shuffle"),
    "C": "",
    "D": ("The projection computes new columns row by row (the day of a timestamp, the return flag); nothing "
          "moves.", "projection-not-shuffle"),
}


exercises.choice("ex6", "shuffle_operator", "C", EX6_OPTIONS)


