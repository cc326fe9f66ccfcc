"""The kit's analyses as SQL: RFM, the CLV summary and basket counts on DuckDB or Spark.

When a till log outgrows memory, the same definitions as :mod:`helpers.rfm`,
:mod:`helpers.clv` and :mod:`helpers.basket` run as SQL, in-process on DuckDB over Parquet
or CSV files, or on a Spark session when one machine is not enough.  Each analysis is **one
SQL text**, written once; the few functions whose spelling differs between the two engines
(days between two dates, a day after a date, an infinite number) are written
``DAYS_BETWEEN(a, b)``, ``NEXT_DAY(d)`` and ``IS_INFINITE(x)`` in the text and spelled for
each engine by :func:`render`.  Each runner reads the log once: the counts behind its
printed lines come from the same pass as the table.

* :func:`clean_log` — exact duplicate lines and impossible prices out (with counts, as
  :func:`helpers.rfm.clean_log`), ``amount`` = quantity × unit price; a view ``clean_lines``;
* :func:`rfm_table` — the frame of :func:`helpers.rfm.rfm_table`, same customers, same numbers;
* :func:`summary_from_transactions` — the frame of :func:`helpers.clv.summary_from_transactions`;
* :func:`item_supports` / :func:`association_rules` — the single items and pairs of
  :func:`helpers.basket.frequent_itemsets` and the one-item rules of
  :func:`helpers.basket.association_rules` (``max_len=2``);
* :func:`rfm_sql`, :func:`summary_sql`, :func:`basket_sql` — the SQL texts themselves, to read
  or to run elsewhere.

Every runner takes ``con``: a DuckDB connection (default: a new in-memory one) or a Spark
session, and ``source``: a Parquet file, a CSV file, a folder of Parquet files (read with its
``key=value`` partition folders), a glob, a table or view name, or a DataFrame (pandas for
DuckDB; pandas or Spark for Spark).  The engine computes the per-customer rows; the last
steps done in pandas are only those that make the frame identical to the pandas helper's:
sorting by customer, column types and the same rounding.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import InputError
from helpers._validate import missing_dates_message
from helpers.rfm import missing_orders_message

__all__ = [
    "DIALECTS", "render", "rfm_sql", "summary_sql", "basket_sql", "clean_log", "rfm_table",
    "summary_from_transactions", "item_supports", "association_rules", "explain", "engine_of",
    "spark_missing", "spark_session",
]

#: The engines the texts are rendered for.
DIALECTS = ("duckdb", "spark")

_SPELLING = {
    "duckdb": {"DAYS_BETWEEN": "datediff('day', {0}, {1})", "NEXT_DAY": "CAST({0} + INTERVAL 1 DAY AS DATE)",
               "IS_INFINITE": "isinf({0})"},
    "spark": {"DAYS_BETWEEN": "datediff({1}, {0})", "NEXT_DAY": "date_add({0}, 1)",
              "IS_INFINITE": "abs({0}) = CAST('Infinity' AS DOUBLE)"},
}
_CALL = re.compile(r"\b(DAYS_BETWEEN|NEXT_DAY|IS_INFINITE)\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


def render(text: str, dialect: str) -> str:
    """Spell the kit's three portable functions for one engine.

    ``DAYS_BETWEEN(a, b)`` is the number of calendar days from date ``a`` to date ``b``;
    ``NEXT_DAY(d)`` the day after date ``d``; ``IS_INFINITE(x)`` whether ``x`` is ±infinity.
    Everything else is SQL both engines read alike.
    """
    if dialect not in DIALECTS:
        raise InputError(f"dialect={dialect!r} is not known; use one of {list(DIALECTS)}.")

    def spell(match):
        args = [a.strip() for a in _split_args(match.group(2))]
        return _SPELLING[dialect][match.group(1)].format(*args)

    previous = None
    while previous != text:
        previous, text = text, _CALL.sub(spell, text)
    return text


def _split_args(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


# --------------------------------------------------------------------------- names and values


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _ident(name, argument: str) -> str:
    """A column name for SQL.  The engines quote names differently (DuckDB "x", Spark `x`), so the kit
    takes names of letters, digits and underscores, which both read unquoted."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError(f"{argument}={name!r} must be a column name of letters, digits and underscores "
                         "(such as 'customer_id'); rename the column first if it has spaces or symbols.")
    return name


def _date_literal(value, argument: str) -> tuple[str, pd.Timestamp]:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise InputError(f"{argument}={value!r} is not a date; give it as '2025-01-01' or a pd.Timestamp.") from None
    if pd.isna(stamp):
        raise InputError(f"{argument} is missing (NaT); give a date such as '2025-01-01'.")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    day = stamp.normalize()
    return f"DATE '{day.date().isoformat()}'", day


# --------------------------------------------------------------------------- the SQL texts


def _return_expression(returns, amount: str | None) -> str:
    """The returns rule as a SQL condition (the rule of :func:`helpers.rfm.rfm_table`)."""
    if returns is None:
        return "FALSE"
    if not isinstance(returns, str):
        shown = f"a {type(returns).__name__}" if hasattr(returns, "__len__") else repr(returns)
        raise InputError(f"returns= is {shown}; in SQL it must be 'negative', None or the name of a True/False "
                         "column of the table (a mask cannot travel to the engine). Add it as a column first, "
                         "e.g. lines['is_return'] = mask, and pass returns='is_return'.")
    if returns == "negative":
        return f"{amount} < 0" if amount is not None else "FALSE"
    return f"{_ident(returns, 'returns')} = TRUE"


def rfm_sql(*, customer: str, date: str, amount: str, order: str | None = None, snapshot=None,
            returns: str | None = "negative", source: str = "lines", dialect: str = "duckdb",
            counts: bool = False) -> str:
    """The SQL of :func:`helpers.rfm.rfm_table`: one row per customer, sorted by customer.

    The log is read once: each line is marked (a return? before the snapshot?) and one
    ``GROUP BY`` per customer keeps what the three numbers need.  ``returns`` is
    ``"negative"`` (rows with a negative amount), ``None`` (no row is a return) or the name of
    a True/False column marking the return rows.  ``snapshot`` None means the day after the
    last transaction of the log (every row, members or not).

    ``counts=True`` is the text :func:`rfm_table` runs: the same rows plus the anonymous lines'
    row and customers with no purchase, and the columns behind the printed lines and the
    refusals (rows, rows before the snapshot, the first and last day, rows with a missing or
    infinite value), so that one pass over the log gives both the table and the counts.
    """
    customer, date, amount = (_ident(customer, "customer"), _ident(date, "date"), _ident(amount, "amount"))
    order_column = _ident(order, "order") if order is not None else None
    is_return = _return_expression(returns, amount)
    if snapshot is None:
        counted = ("TRUE AS counted", "snapshot = the day after the last line: every row counts")
        snapshot_day = "NEXT_DAY(MAX(last_day) OVER ())"
        snapshot_note = "the snapshot rule: the day after the last line of the log"
    else:
        literal = _date_literal(snapshot, "snapshot")[0]
        counted = (f"CAST({date} AS DATE) < {literal} AS counted", "the snapshot rule: rows before it count")
        snapshot_day = literal
        snapshot_note = "the snapshot day"
    purchase = "counted AND NOT is_return"
    frequency = (f"COUNT(DISTINCT CASE WHEN {purchase} THEN order_id END)" if order_column
                 else f"SUM(CASE WHEN {purchase} THEN 1 ELSE 0 END)")
    aggregates = [(f"MAX(CASE WHEN {purchase} THEN day END) AS last_purchase", "not a refund"),
                  (f"{frequency} AS frequency", "visits"),
                  ("SUM(CASE WHEN counted THEN amount END) AS monetary", "purchases minus returns")]
    if snapshot is None:
        aggregates.append(("MAX(day) AS last_day", "for the snapshot"))
    if counts:          # cheap in the pass: what the printed lines count, and rows the pandas helper refuses
        value = f"CAST({amount} AS DOUBLE)"
        incomplete = (f"{date} IS NULL OR {amount} IS NULL OR isnan({value}) OR IS_INFINITE({value})"
                      + (f" OR {order_column} IS NULL" if order_column else ""))
        aggregates.append(("COUNT(*) AS n_rows", "rows, for the printed counts"))
        count_names = ", n_rows"
        if snapshot is not None:
            aggregates += [("SUM(CASE WHEN counted THEN 1 ELSE 0 END) AS counted_rows", "rows before the snapshot"),
                           ("MIN(day) AS first_day", "the log's range of days"), ("MAX(day) AS last_day", "")]
            count_names += ", counted_rows"
        else:
            aggregates.append(("MIN(day) AS first_day", "the log's range of days"))
        count_names += ", first_day, last_day"
        aggregates.append(("SUM(CASE WHEN incomplete THEN 1 ELSE 0 END) AS incomplete_rows",
                           "rows the pandas helper refuses"))
        count_names += ", incomplete_rows, snapshot_day"
        incomplete_column = f"({incomplete}) AS incomplete"
        keep = "-- every group: the runner counts and leaves out the anonymous row and non-buyers\n"
    else:
        count_names = incomplete_column = ""
        keep = ("WHERE customer IS NOT NULL AND frequency > 0   -- anonymous lines cannot be scored; "
                "only returns: no purchase\n")
    columns = [(f"{customer} AS customer", ""), (f"CAST({date} AS DATE) AS day", "calendar days")]
    if order_column:
        columns.append((f"{order_column} AS order_id", ""))
    columns += [(f"CAST({amount} AS DOUBLE) AS amount", ""), (f"{is_return} AS is_return", "the returns rule"),
                counted]
    if counts:
        columns.append((incomplete_column, "a row the pandas helper refuses"))
    text = f"""-- RFM: one row per customer (the definitions of helpers.rfm.rfm_table), one pass over the log
WITH line AS (                          -- every row of the log, dated by calendar day
    SELECT
{_select_list(columns)}
    FROM {source}
),
per_customer AS (                       -- one row per customer id (NULL: the anonymous lines)
    SELECT customer,
{_select_list(aggregates)}
    FROM line
    GROUP BY customer
),
scored AS (                             -- {snapshot_note}
    SELECT *, {snapshot_day} AS snapshot_day FROM per_customer
)
SELECT customer AS {customer},
       DAYS_BETWEEN(last_purchase, snapshot_day) AS recency_days,
       frequency, monetary{count_names}
FROM scored
{keep}ORDER BY customer"""
    return render(text, dialect)


def _select_list(items: list[tuple[str, str]], indent: int = 11) -> str:
    """Lines of a SELECT list, commas in place, each with its comment aligned after it."""
    lines = []
    for number, (expression, note) in enumerate(items):
        text = " " * indent + expression + ("," if number < len(items) - 1 else "")
        lines.append(text.ljust(72) + f"  -- {note}" if note else text)
    return "\n".join(lines)


_UNIT_DAYS = {"D": 1, "W": 7}


def summary_sql(*, customer: str, date: str, amount: str | None = None, end, unit: str = "W",
                returns: str | None = "negative", source: str = "lines", dialect: str = "duckdb",
                counts: bool = False) -> str:
    """The SQL of :func:`helpers.clv.summary_from_transactions` (Fader, Hardie & Lee's conventions).

    The log is read once, into one row per customer and day (purchases on one day are one
    purchase); everything else works on those rows.  Returns (the rule of :func:`rfm_sql`)
    make no purchase day; their amounts after the first purchase day are netted into the
    repeat spend, as in the pandas helper.  ``end`` None means the last purchase day of the
    members.  ``counts=True`` is the text :func:`summary_from_transactions` runs: the same rows,
    customers with only returns, and columns with the counts behind its printed lines.
    """
    customer, date = _ident(customer, "customer"), _ident(date, "date")
    amount_expr = f"CAST({_ident(amount, 'amount')} AS DOUBLE)" if amount is not None else "CAST(0 AS DOUBLE)"
    is_return = _return_expression(returns, amount)
    if unit not in _UNIT_DAYS:
        raise InputError(f"unit must be 'W' (weeks) or 'D' (days), not {unit!r}.")
    if end is None:
        period = ("SELECT MAX(day) AS end_day          -- end=None: the last purchase day of the members\n"
                  "    FROM daily WHERE customer IS NOT NULL AND purchase_lines > 0")
    else:
        period = f"SELECT {_date_literal(end, 'end')[0]} AS end_day"
    per_unit = f"CAST({_UNIT_DAYS[unit]} AS DOUBLE)"   # a plain 7.0 would be a DECIMAL on Spark
    monetary = (",\n       CASE WHEN frequency = 0 THEN CAST(0 AS DOUBLE)\n"
                "            ELSE (COALESCE(repeat_spend, 0) + COALESCE(refunded, 0)) / frequency END"
                " AS monetary") if amount is not None else ""
    daily_counts = log_counts = count_names = ""
    if counts:
        daily_counts = """,
           COUNT(*) AS n_rows, COUNT(amount) AS valued_rows         -- what the printed lines count"""
        log_counts = """,
log_counts AS (                         -- one row: the counts behind the printed lines
    SELECT SUM(n_rows) AS total_rows,
           SUM(CASE WHEN customer IS NULL THEN n_rows ELSE 0 END) AS anonymous_rows,
           SUM(CASE WHEN customer IS NOT NULL AND day IS NULL THEN n_rows ELSE 0 END) AS missing_dates,
           SUM(CASE WHEN customer IS NOT NULL AND day > end_day THEN n_rows ELSE 0 END) AS late_rows,
           SUM(CASE WHEN customer IS NOT NULL AND day <= end_day THEN return_lines ELSE 0 END) AS returns_kept,
           SUM(n_rows - valued_rows) AS missing_amounts,
           CAST(MIN(CASE WHEN customer IS NOT NULL THEN day END) AS STRING) AS first_member_day,
           CAST(MAX(CASE WHEN customer IS NOT NULL THEN day END) AS STRING) AS last_member_day,
           SUM(CASE WHEN isnan(spend + refund) OR IS_INFINITE(spend + refund) THEN 1 ELSE 0 END)
               AS non_finite_days,                                  -- a NaN or inf amount shows here
           MAX(end_day) AS end_day
    FROM daily CROSS JOIN period
)"""
        count_names = (", total_rows, anonymous_rows, missing_dates, late_rows, returns_kept, missing_amounts, "
                       "non_finite_days, first_member_day, last_member_day, "
                       "CAST(log_counts.end_day AS STRING) AS end_day")
    if counts:
        tail = f"""
SELECT buyer.customer AS {customer}, frequency, first_day,
       DAYS_BETWEEN(first_day, last_day) / {per_unit} AS recency,      -- first to last purchase
       DAYS_BETWEEN(first_day, period.end_day) / {per_unit} AS T{monetary}{count_names}
FROM log_counts CROSS JOIN period
LEFT JOIN buyer ON TRUE                 -- every customer with a line in the period (and the counts)"""
    else:
        tail = f"""
SELECT customer AS {customer}, frequency,
       DAYS_BETWEEN(first_day, last_day) / {per_unit} AS recency,      -- first to last purchase
       DAYS_BETWEEN(first_day, end_day) / {per_unit} AS T{monetary}
FROM buyer CROSS JOIN period
WHERE first_day IS NOT NULL             -- customers with only returns made no purchase
ORDER BY customer"""
    text = f"""-- CLV summary: one row per customer (the definitions of helpers.clv.summary_from_transactions)
WITH line AS (
    SELECT {customer} AS customer, CAST({date} AS DATE) AS day, {amount_expr} AS amount,
           {is_return} AS is_return      -- the returns rule
    FROM {source}
),
daily AS (                              -- one pass over the log: one row per customer and day
    SELECT customer, day,
           SUM(CASE WHEN is_return THEN 0 ELSE 1 END) AS purchase_lines,
           SUM(CASE WHEN is_return THEN CAST(0 AS DOUBLE) ELSE amount END) AS spend,  -- one purchase a day
           SUM(CASE WHEN is_return THEN 1 ELSE 0 END) AS return_lines,
           SUM(CASE WHEN is_return THEN amount ELSE CAST(0 AS DOUBLE) END) AS refund{daily_counts}
    FROM line
    GROUP BY customer, day
),
period AS (                             -- the period observed ends on end_day
    {period}
),
kept AS (                               -- members' days up to the end day
    SELECT daily.* FROM daily CROSS JOIN period
    WHERE customer IS NOT NULL AND day <= end_day
),
first_purchase AS (
    SELECT customer, MIN(day) AS first_day FROM kept WHERE purchase_lines > 0 GROUP BY customer
),
buyer AS (                              -- per customer, from their days
    SELECT kept.customer, first_day,
           SUM(CASE WHEN purchase_lines > 0 THEN 1 ELSE 0 END) - 1 AS frequency,   -- repeat purchase days
           MAX(CASE WHEN purchase_lines > 0 THEN day END) AS last_day,
           SUM(CASE WHEN purchase_lines > 0 AND day > first_day THEN spend END) AS repeat_spend,
           SUM(CASE WHEN return_lines > 0 AND day > first_day THEN refund END) AS refunded  -- netted in
    FROM kept LEFT JOIN first_purchase ON kept.customer = first_purchase.customer
    GROUP BY kept.customer, first_day
){log_counts}{tail}"""
    return render(text, dialect)


def basket_sql(*, order: str, item: str, quantity: str | None = "quantity", min_support: float,
               source: str = "lines", dialect: str = "duckdb", what: str = "rules") -> str:
    """The SQL of the basket counts: item and pair supports (``what="itemsets"``) or the one-item
    rules A → C with support, confidence, lift and leverage (``what="rules"``).

    A basket is a receipt; lines with ``quantity`` ≤ 0 (returns) and lines without a receipt
    or an item are left out; an item twice on a receipt counts once.  Only pairs of items
    that reach ``min_support`` themselves are counted (the Apriori principle).
    """
    order, item = _ident(order, "order"), _ident(item, "item")
    support = _min_support(min_support)
    keep = (f" AND {_ident(quantity, 'quantity')} > 0 AND NOT isnan(CAST({quantity} AS DOUBLE))"
            if quantity is not None else "")
    if what not in ("rules", "itemsets"):
        raise InputError(f"what={what!r} must be 'rules' or 'itemsets'.")
    head = f"""-- Basket counts (the definitions of helpers.basket, itemsets of one and two items)
WITH basket_item AS (                   -- one row per (receipt, item): twice on a receipt is once
    SELECT DISTINCT {order} AS basket, CAST({item} AS STRING) AS item
    FROM {source}
    WHERE {order} IS NOT NULL AND {item} IS NOT NULL{keep}
),
total AS (SELECT COUNT(DISTINCT basket) AS baskets FROM basket_item),
item_count AS (                         -- the support of each item that reaches min_support
    SELECT item, COUNT(*) AS baskets
    FROM basket_item
    GROUP BY item
    HAVING CAST(COUNT(*) AS DOUBLE) / (SELECT MAX(baskets) FROM total) >= {support!r}
),
pair_count AS (                         -- pairs of frequent items on one receipt (a < b)
    SELECT a.item AS item_a, b.item AS item_b, COUNT(*) AS baskets
    FROM basket_item a
    JOIN basket_item b ON a.basket = b.basket AND a.item < b.item
    JOIN item_count fa ON fa.item = a.item
    JOIN item_count fb ON fb.item = b.item
    GROUP BY a.item, b.item
    HAVING CAST(COUNT(*) AS DOUBLE) / (SELECT MAX(baskets) FROM total) >= {support!r}
)"""
    if what == "itemsets":
        body = """
SELECT item AS itemset, 1 AS size, CAST(item_count.baskets AS DOUBLE) / total.baskets AS support,
       item_count.baskets AS baskets
FROM item_count CROSS JOIN total
UNION ALL
SELECT CONCAT(item_a, ', ', item_b), 2, CAST(pair_count.baskets AS DOUBLE) / total.baskets,
       pair_count.baskets
FROM pair_count CROSS JOIN total"""
    else:
        body = """,
rule AS (                               -- each frequent pair read both ways: A -> C and C -> A
    SELECT item_a AS antecedent, item_b AS consequent, baskets FROM pair_count
    UNION ALL
    SELECT item_b, item_a, baskets FROM pair_count
)
SELECT antecedent, consequent,
       CAST(fa.baskets AS DOUBLE) / total.baskets AS antecedent_support,
       CAST(fc.baskets AS DOUBLE) / total.baskets AS consequent_support,
       CAST(rule.baskets AS DOUBLE) / total.baskets AS support,
       (CAST(rule.baskets AS DOUBLE) / total.baskets) / (CAST(fa.baskets AS DOUBLE) / total.baskets)
           AS confidence,                                  -- P(C | A)
       (CAST(rule.baskets AS DOUBLE) / total.baskets) / (CAST(fa.baskets AS DOUBLE) / total.baskets)
           / (CAST(fc.baskets AS DOUBLE) / total.baskets) AS lift,   -- confidence / P(C)
       CAST(rule.baskets AS DOUBLE) / total.baskets
           - (CAST(fa.baskets AS DOUBLE) / total.baskets) * (CAST(fc.baskets AS DOUBLE) / total.baskets)
           AS leverage
FROM rule
JOIN item_count fa ON fa.item = rule.antecedent
JOIN item_count fc ON fc.item = rule.consequent
CROSS JOIN total"""
    return render(head + body, dialect)


def _min_support(min_support) -> float:
    """helpers.basket's check of a support threshold (same words), raised as the kit's InputError."""
    from helpers.basket import _check_support

    try:
        return _check_support(min_support)
    except InputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InputError(str(exc)) from None


# --------------------------------------------------------------------------- engines and sources


def engine_of(con) -> str:
    """``"duckdb"`` or ``"spark"`` for a connection or session; a clear error otherwise."""
    kind = type(con).__module__ + "." + type(con).__name__
    if kind.startswith("duckdb") or type(con).__name__ == "DuckDBPyConnection":
        return "duckdb"
    if "pyspark" in kind and hasattr(con, "sql"):
        return "spark"
    raise InputError(f"con must be a DuckDB connection (duckdb.connect()) or a Spark session "
                     f"(SparkSession.builder...getOrCreate()), not {type(con).__name__}.")


def _connect(con):
    if con is None:
        import duckdb
        return duckdb.connect()
    engine_of(con)
    return con


_VIEW_COUNTER = [0]


def _relation(con, source) -> str:
    """A name or table expression for ``source`` that the engine of ``con`` can select from."""
    engine = engine_of(con)
    if isinstance(source, pd.DataFrame):
        source = _local_times(source)
        _VIEW_COUNTER[0] += 1
        name = f"kit_source_{_VIEW_COUNTER[0]}"
        if engine == "duckdb":
            con.register(name, source)
        else:
            con.createDataFrame(source).createOrReplaceTempView(name)
        return name
    if engine == "spark" and type(source).__module__.startswith("pyspark"):
        _VIEW_COUNTER[0] += 1
        name = f"kit_source_{_VIEW_COUNTER[0]}"
        source.createOrReplaceTempView(name)
        return name
    if isinstance(source, Path) or (isinstance(source, str) and (
            "/" in source or "\\" in source or "*" in source or source.endswith((".parquet", ".csv")))):
        return _file_relation(con, engine, str(source))
    if isinstance(source, str) and _NAME.match(source):
        return source
    raise InputError(f"source={source!r} is not understood: give a Parquet or CSV file, a folder of Parquet "
                     "files, a glob such as 'log/**/*.parquet', a table or view name, or a DataFrame.")


def _releasing(function):
    """Unregister the DataFrames and file views a runner registered under ``kit_source_N`` once it
    returns: otherwise each call would keep its input alive on the connection (and its memory)."""
    import functools

    @functools.wraps(function)
    def run(*args, **kwargs):
        first = _VIEW_COUNTER[0] + 1
        try:
            return function(*args, **kwargs)
        finally:
            con = kwargs.get("con")
            if con is not None:
                for number in range(first, _VIEW_COUNTER[0] + 1):
                    _release(con, f"kit_source_{number}")
    return run


def _release(con, name: str) -> None:
    try:
        if engine_of(con) == "duckdb":
            con.unregister(name)
        else:
            con.catalog.dropTempView(name)
    except Exception:       # already gone, or the connection closed: nothing to release
        pass


def _checked_frame(frame, *, customer: str, date: str, amount: str | None, order: str | None = None,
                   returns=None, members_dates_only: bool = False) -> pd.DataFrame:
    """A DataFrame source after the pandas helpers' own checks, holding only the columns the query
    reads: amounts as numbers (no NaN or inf), ids all text or all numbers, dates read by the kit's
    date rules (text dates parsed as pandas would, zoned ones in wall-clock time).  An engine would
    otherwise guess a type for a column of mixed Python objects and score it."""
    from helpers._validate import read_dates, require_columns, require_ids, require_numeric

    flag = returns if isinstance(returns, str) and returns != "negative" else None
    needed = {"customer": customer, "date": date, "amount": amount, "order": order, "returns": flag}
    _require_names(frame.columns, needed, "The transaction table")
    require_columns(frame, [c for c in needed.values() if c is not None], "The transaction table")
    out = {}
    if amount is not None:
        out[amount] = require_numeric(frame, amount, finite=True,
                                      fix="Convert it with pd.to_numeric (and strip currency signs) first."
                                      ).astype("float64")
    out[customer] = require_ids(frame, customer)
    if members_dates_only:      # clv's rule: the dates of anonymous rows are never read
        members = frame[customer].notna()
        dates = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        dates[members] = read_dates(frame.loc[members, date], name=date).to_numpy()
    else:
        dates = read_dates(frame[date], name=date)
    out[date] = dates
    if order is not None:
        out[order] = frame[order]           # any ids: pandas counts distinct values as they are
    if flag is not None:
        if not pd.api.types.is_bool_dtype(frame[flag]):
            raise InputError(f"Column {flag!r} (returns=) must be True/False, but its type is {frame[flag].dtype}; "
                             "give a column that marks the return rows, or returns='negative'.")
        out[flag] = frame[flag]
    return pd.DataFrame(out, index=frame.index)


def _local_times(frame: pd.DataFrame) -> pd.DataFrame:
    """Zoned timestamps as the wall-clock times of their own zone, the pandas helpers' rule: an
    engine would otherwise take the day in its session's zone (UTC, say) and move late-night
    purchases to the day before or after."""
    zoned = [c for c in frame.columns if isinstance(frame[c].dtype, pd.DatetimeTZDtype)]
    if not zoned:
        return frame
    return frame.assign(**{c: frame[c].dt.tz_localize(None) for c in zoned})


def _csv_dates_as_text(con, relation: str, date: str) -> str:
    """A CSV's date column read as text, so that only ISO dates (2024-12-31, with or without a time)
    pass the CAST.  DuckDB's sniffer would otherwise pick a day/month order for '03/04/2024' by
    itself (day first, here) where the kit refuses to guess."""
    if engine_of(con) != "duckdb" or not relation.startswith("read_csv('") or not relation.endswith(")"):
        return relation
    return relation[:-1] + f", types = {{'{date}': 'VARCHAR'}})"


def _file_relation(con, engine: str, path: str) -> str:
    target = Path(path)
    if "*" not in path and not target.exists():
        raise InputError(f"source={path!r} does not exist; give the path of a Parquet or CSV file or a folder "
                         "of Parquet files.")
    is_csv = path.endswith(".csv")
    if target.is_dir():
        if not any(target.rglob("*.parquet")):
            raise InputError(f"source={path!r} is a folder without Parquet files (*.parquet); write the log "
                             "there first, e.g. with helpers.scale.write_till_log.")
        pattern = str(target / "**" / "*.parquet")
    else:
        pattern = path
    if "'" in pattern:
        raise InputError(f"source={path!r} contains a quote character; move the files to a plain path.")
    if engine == "duckdb":
        if is_csv:
            return f"read_csv('{pattern}', header = true)"
        return f"read_parquet('{pattern}', hive_partitioning = true)"
    reader = con.read.option("header", True).option("inferSchema", True).csv(path) if is_csv \
        else con.read.parquet(path)
    _VIEW_COUNTER[0] += 1
    name = f"kit_source_{_VIEW_COUNTER[0]}"
    reader.createOrReplaceTempView(name)
    return name


def _columns(con, relation: str) -> list[str]:
    if engine_of(con) == "duckdb":
        return [row[0] for row in con.sql(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    return list(con.sql(f"SELECT * FROM {relation} LIMIT 0").columns)


def _require(con, relation: str, needed: dict[str, str | None], what: str) -> list[str]:
    present = _columns(con, relation)
    _require_names(present, needed, what)
    return present


def _require_names(present, needed: dict[str, str | None], what: str) -> None:
    """Each named column is among ``present``; else the error names the column and its argument."""
    for argument, column in needed.items():
        if column is not None and column not in present:
            raise InputError(f"{what} has no column {column!r} (given as {argument}=); its columns are "
                             f"{list(present)}. Pass the right name with {argument}=.")


def _fetch(con, text: str) -> pd.DataFrame:
    if engine_of(con) == "duckdb":
        return con.sql(text).df()
    return con.sql(text).toPandas()


def _scalar_row(con, text: str) -> dict:
    """The one row of a counting query; a count over no rows (NULL) reads as 0."""
    frame = _fetch(con, text)
    return {key: (0 if pd.isna(frame[key].iloc[0]) and key not in ("snapshot_day", "first_day")
                  else frame[key].iloc[0]) for key in frame.columns}


def spark_missing() -> str | None:
    """Why Spark cannot run here (no Java runtime, no pyspark), or None when it can."""
    import importlib.util
    import shutil

    if shutil.which("java") is None:
        return "no Java runtime on PATH (Debian: apt-get install openjdk-17-jre-headless)"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (make spark-env installs requirements-spark.txt)"
    return None


def spark_session(cores: int = 2):
    """A quiet local Spark session for the kit: ``cores`` worker threads, no web UI or console
    progress, UTC clocks (so naive timestamps keep their calendar day), few shuffle partitions."""
    reason = spark_missing()
    if reason:
        raise InputError(f"Spark cannot start here: {reason}.")
    import os

    from pyspark.sql import SparkSession

    # The Java process inherits standard error when it starts: point it at /dev/null for the start
    # so that Spark's start-up chatter never lands in a notebook's output, then restore it.
    saved = os.dup(2)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    try:
        session = (SparkSession.builder.master(f"local[{int(cores)}]").appName("crm-kit")
                   .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
                   .config("spark.sql.shuffle.partitions", str(2 * int(cores)))
                   .getOrCreate())
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(quiet)
    session.sparkContext.setLogLevel("ERROR")
    return session


def explain(con, text: str) -> str:
    """The engine's plan for a query, as text (DuckDB's physical plan, or Spark's formatted plan)."""
    con = _connect(con)
    if engine_of(con) == "duckdb":
        return "\n".join(row[1] for row in con.sql("EXPLAIN " + text).fetchall())
    return con.sql(text)._jdf.queryExecution().explainString(
        con._jvm.org.apache.spark.sql.execution.ExplainMode.fromString("formatted"))


# --------------------------------------------------------------------------- the frames


def _customer_index(values, name: str) -> pd.Index:
    array = pd.Series(values)
    if pd.api.types.is_integer_dtype(array.dtype) or pd.api.types.is_float_dtype(array.dtype):
        return pd.Index(array.to_numpy(dtype=np.int64), name=name)
    return pd.Index(array.astype("str").to_numpy(), dtype="str", name=name)


def _sorted_by_index(frame: pd.DataFrame) -> pd.DataFrame:
    index = frame.index
    if index.dtype == object or pd.api.types.is_string_dtype(index.dtype):
        ordering = np.argsort(index.to_numpy(dtype=object).astype("U"), kind="stable")
    else:
        ordering = np.argsort(index.to_numpy(), kind="stable")
    return frame.iloc[ordering]


def clean_log(source, *, con=None, products=None, max_markup: float = 2.0, quantity: str = "quantity",
              unit_price: str = "unit_price", product: str = "product", amount: str = "amount",
              view: str = "clean_lines", materialize: bool = True) -> str:
    """Create the view ``clean_lines``: :func:`helpers.rfm.clean_log` as SQL.

    Exact duplicate lines (every column equal) are kept once, lines with a unit price ≤ 0 —
    or above ``max_markup`` × the ``list_price`` of the ``products`` table, when one is
    given — are left out, and ``amount`` = quantity × unit price is added.  Prints the same
    two lines as the pandas helper and returns the view's name, to pass on as a source.
    ``materialize=True`` (the default) computes the clean lines once and keeps them (a
    temporary table on DuckDB, a cached DataFrame on Spark); ``False`` keeps only the query,
    which every later query then re-reads (for logs larger than memory).
    """
    con = _connect(con)
    relation = _relation(con, source)
    columns = _require(con, relation, {"quantity": quantity, "unit_price": unit_price}, "The line table")
    if amount in columns:
        raise InputError(f"The line table already has a column {amount!r}; pass another name with amount=...")
    if not isinstance(max_markup, (int, float)) or isinstance(max_markup, bool) or not max_markup > 0:
        raise InputError(f"max_markup={max_markup!r} must be positive (2.0 means up to twice the list price).")
    _ident(view, "view")
    quantity, unit_price = _ident(quantity, "quantity"), _ident(unit_price, "unit_price")
    _refuse_missing_numbers(con, relation, (quantity, unit_price))
    impossible = f"{unit_price} <= 0"
    join = ""
    if products is not None:
        product = _ident(product, "product")
        price_table = _relation(con, products)
        _require(con, price_table, {"product": product, "list_price": "list_price"}, "The products table")
        _require(con, relation, {"product": product}, "The line table")
        kind = _column_types(con, price_table)["list_price"]
        if kind.split("(")[0].strip() not in _NUMBER_TYPES:
            raise InputError(f"list_price must hold numbers, not {kind}.")
        price = "CAST(p.list_price AS DOUBLE)"
        found = _scalar_row(con, render(
            f"SELECT SUM(CASE WHEN p.list_price IS NULL OR isnan({price}) THEN 1 ELSE 0 END) AS n, "
            f"SUM(CASE WHEN IS_INFINITE({price}) THEN 1 ELSE 0 END) AS infinite FROM {relation} l "
            f"LEFT JOIN {price_table} p ON l.{product} = p.{product}", engine_of(con)))
        if int(found["n"]):      # a NaN price would let every price pass the markup test
            raise InputError(f"list_price is missing for {int(found['n'])} line(s): some products are not in the "
                             "products table, or their list price is empty.")
        if int(found["infinite"]):
            raise InputError(f"list_price has {int(found['infinite'])} infinite value(s); fix them first.")
        join = f" LEFT JOIN (SELECT {product} AS price_product, list_price FROM {price_table}) p " \
               f"ON d.{product} = p.price_product"
        impossible += f" OR {unit_price} > {float(max_markup)!r} * p.list_price"
    column_list = ", ".join(f"d.{c}" for c in columns)
    distinct = f"(SELECT DISTINCT * FROM {relation}) d"
    counts = _scalar_row(con, f"SELECT (SELECT COUNT(*) FROM {relation}) AS total, COUNT(*) AS distinct_rows, "
                              f"SUM(CASE WHEN {impossible} THEN 1 ELSE 0 END) AS impossible "
                              f"FROM {distinct}{join}")
    total, distinct_rows = int(counts["total"]), int(counts["distinct_rows"])
    if not total:
        from helpers._validate import empty_message
        raise InputError(empty_message("The line table"))
    bad = int(counts["impossible"] or 0)
    statement = (f"SELECT {column_list}, CAST(d.{quantity} AS DOUBLE) * CAST(d.{unit_price} AS DOUBLE) AS {amount} "
                 f"FROM {distinct}{join} WHERE NOT ({impossible})")
    if engine_of(con) == "duckdb":
        kind = "TABLE" if materialize else "VIEW"
        import duckdb

        for existing in ("VIEW", "TABLE"):     # whichever an earlier call left under this name
            try:
                con.sql(f"DROP {existing} IF EXISTS {view}")
            except duckdb.CatalogException:    # the name is the other kind of object
                pass
        con.sql(f"CREATE TEMP {kind} {view} AS {statement}")
    else:
        frame = con.sql(statement)
        (frame.cache() if materialize else frame).createOrReplaceTempView(view)
    print(f"clean_log: dropped {total - distinct_rows:,} exact duplicate line(s) of {total:,}.")
    rule = "≤ 0" + (f" or above {max_markup:g} × list price" if products is not None else "")
    print(f"clean_log: dropped {bad:,} line(s) with an impossible unit price ({rule}).")
    return view


def _refuse_missing_numbers(con, relation: str, columns) -> None:
    """helpers.rfm.clean_log's refusals of its number columns, in its order and words: a type that
    is not a number, then NaN/missing, then infinite values.  (A NULL price fails both tests of an
    impossible price, so the line would leave the view uncounted.)"""
    from helpers._validate import finite_problem

    types = _column_types(con, relation)
    for column in columns:
        _require_number(con, relation, types, column, "The line table")
    parts = []
    for number, column in enumerate(columns):
        value = f"CAST({column} AS DOUBLE)"
        parts += [f"SUM(CASE WHEN {column} IS NULL OR isnan({value}) THEN 1 ELSE 0 END) AS missing_{number}",
                  f"SUM(CASE WHEN IS_INFINITE({value}) THEN 1 ELSE 0 END) AS infinite_{number}"]
    row = _scalar_row(con, render(f"SELECT {', '.join(parts)} FROM {relation}", engine_of(con)))
    for number, column in enumerate(columns):
        problem = finite_problem(f"Column {column!r}", int(row[f"missing_{number}"]), int(row[f"infinite_{number}"]))
        if problem:
            raise InputError(problem)


def _warn_stray_last_day(con, relation: str, date: str) -> None:
    """helpers.rfm's warning when the latest day stands alone far after the rest (a stray line)."""
    from helpers.rfm import STRAY_GAP_DAYS

    per_day = _fetch(con, f"SELECT CAST({date} AS DATE) AS day, COUNT(*) AS n_rows FROM {relation} GROUP BY 1 ORDER BY 1")
    days = pd.to_datetime(per_day["day"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    if len(days) < 3:
        return
    last, before = int(days[-1]), int(days[-2])
    typical = float(np.median(np.diff(days)))
    if last - before > max(STRAY_GAP_DAYS, 10 * typical):
        rows = int(per_day["n_rows"].iloc[-1])
        print(f"rfm_table: warning: the last transaction day {np.datetime64(last, 'D')} ({rows:,} row(s)) is "
              f"{last - before:,} days after the one before it ({np.datetime64(before, 'D')}). If it is a stray "
              "line, every recency is off by that gap: fix the line or pass snapshot=.")


_NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                 "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "REAL", "DOUBLE", "DECIMAL", "NUMERIC", "BYTE",
                 "SHORT", "LONG")


def _column_types(con, relation: str) -> dict[str, str]:
    """Column name → the engine's type name, upper case (DuckDB 'DOUBLE', Spark 'double' → 'DOUBLE')."""
    if engine_of(con) == "duckdb":
        return {row[0]: str(row[1]).upper() for row in con.sql(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
    return {name: kind.upper() for name, kind in con.sql(f"SELECT * FROM {relation} LIMIT 0").dtypes}


def _refuse_empty(con, relation: str, what: str) -> None:
    """The pandas helpers' refusal of a table with no rows (an empty file has no types to read either)."""
    from helpers._validate import empty_message

    if not len(_fetch(con, f"SELECT 1 AS one FROM {relation} LIMIT 1")):
        raise InputError(empty_message(what))


def _require_number(con, relation: str, types: dict, column: str, what: str, fix: str | None = None) -> None:
    """A column the query computes with must have a number type; text is refused with the fix."""
    kind = types[column]
    if kind.split("(")[0].strip() in _NUMBER_TYPES:
        return
    _refuse_empty(con, relation, what)
    if fix is None:
        fix = (f"Cast it first, after removing thousands separators and currency signs (e.g. a view with "
               f"CAST(replace({column}, ',', '') AS DOUBLE) AS {column}), or fix the file's column.")
    raise InputError(f"Column {column!r} must hold numbers, but its type is {kind}. {fix}")


def _check_types(con, relation: str, *, amount: str | None, returns, date: str) -> None:
    """The kit's named errors for columns of the wrong type, before the engine fails on a CAST."""
    types = _column_types(con, relation)
    if amount is not None:
        _require_number(con, relation, types, amount, "The transaction table")
    if isinstance(returns, str) and returns != "negative" and types[returns] != "BOOLEAN":
        raise InputError(f"Column {returns!r} (returns=) must be True/False, but its type is {types[returns]}; "
                         "give a column that marks the return rows, or returns='negative'.")
    kind = types[date]
    if "TIME ZONE" in kind:
        raise InputError(f"Column {date!r} holds instants with a time zone ({kind}), so the day of a purchase "
                         "depends on which zone's clock you read. Give local times: in DuckDB, e.g. CREATE VIEW "
                         f"local_lines AS SELECT * REPLACE (timezone('Asia/Shanghai', {date}) AS {date}) FROM ... "
                         "with your stores' zone, and pass 'local_lines'.")
    if not (kind.startswith("DATE") or kind.startswith("TIMESTAMP") or kind in ("VARCHAR", "STRING")):
        raise InputError(f"Column {date!r} must hold dates, but its type is {kind}. Convert it to dates first.")


def _run(con, text: str, date: str) -> pd.DataFrame:
    """Run a runner's query; a date the engine cannot read becomes the kit's error, not the engine's."""
    try:
        return _fetch(con, text)
    except Exception as error:          # only a value the engine cannot convert becomes the kit's error
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        unreadable = (type(error).__name__ in ("ConversionException", "DateTimeException")
                      or "CAST_INVALID_INPUT" in message or "Conversion Error" in message)
        if unreadable:
            raise InputError(f"Column {date!r} holds text the engine cannot read as a date ({message}). The SQL "
                             "runners read text dates only in the form 2024-12-31 (a time may follow), because "
                             "03/04/2024 could be 3 April or 4 March. Convert the column first, or read the file "
                             f"in a view that says the form, e.g. read_csv(..., types = {{'{date}': 'DATE'}}, "
                             "dateformat = '%d/%m/%Y'), and pass the view.") from None
        raise


def _check_day_range(first, last, date: str) -> None:
    """The pandas helpers' refusal of dates outside 1900–2199 (a typo, or a placeholder such as
    9999-12-31), from the first and last day the one pass saw."""
    from helpers._validate import FIRST_DATE, LAST_DATE, _out_of_range

    low = None if first is None or pd.isna(first) else str(first)[:10]
    high = None if last is None or pd.isna(last) else str(last)[:10]
    if low is not None and low < FIRST_DATE.date().isoformat():
        raise _out_of_range(date, low)
    if high is not None and high > LAST_DATE.date().isoformat():
        raise _out_of_range(date, high)


def _refuse_bad_rows(con, relation: str, *, amount: str | None, date: str | None = None,
                     order: str | None = None) -> None:
    """The pandas helpers' refusals, word for word, in their order: NaN or infinite amounts,
    missing dates, missing receipt ids.  The runners' one pass only notices such rows (a
    count, or a sum that is not finite); only then does this query count them by kind."""
    from helpers._validate import finite_problem

    value = f"CAST({amount} AS DOUBLE)" if amount is not None else "0"
    parts = [f"SUM(CASE WHEN {amount} IS NULL OR isnan({value}) THEN 1 ELSE 0 END) AS missing_amounts"
             if amount is not None else "0 AS missing_amounts",
             f"SUM(CASE WHEN IS_INFINITE({value}) THEN 1 ELSE 0 END) AS infinite_amounts"
             if amount is not None else "0 AS infinite_amounts",
             f"SUM(CASE WHEN {date} IS NULL THEN 1 ELSE 0 END) AS missing_dates" if date else "0 AS missing_dates",
             f"SUM(CASE WHEN {order} IS NULL THEN 1 ELSE 0 END) AS missing_orders" if order else "0 AS missing_orders"]
    row = _scalar_row(con, render(f"SELECT {', '.join(parts)} FROM {relation}", engine_of(con)))
    if amount is not None:
        problem = finite_problem(f"Column {amount!r}", int(row["missing_amounts"]), int(row["infinite_amounts"]))
        if problem:
            raise InputError(problem)
    if int(row["missing_dates"]):
        raise InputError(missing_dates_message(date, int(row["missing_dates"])))
    if int(row["missing_orders"]):
        raise InputError(missing_orders_message(order, int(row["missing_orders"])))


@_releasing
def rfm_table(source, *, con=None, customer: str, date: str, amount: str, order: str | None = None,
              snapshot=None, returns: str | None = "negative") -> pd.DataFrame:
    """:func:`helpers.rfm.rfm_table` computed by the engine of ``con`` (DuckDB by default).

    Returns the same frame: indexed by customer (sorted), ``recency_days`` and ``frequency``
    (int) and ``monetary`` (float, rounded to 10 decimals as the pandas helper does), and
    prints the same lines about what was left out, and refuses the same bad values (missing
    or infinite amounts, missing dates or receipt ids) in the same words.  One pass over the
    log (:func:`rfm_sql` with ``counts=True``); with ``snapshot=None`` a second, light one
    looks for a stray last day.  ``returns`` is ``"negative"``, None, or the name of a
    True/False column of the source (a boolean Series cannot travel to SQL).
    """
    con = _connect(con)
    if isinstance(source, pd.DataFrame):
        source = _checked_frame(source, customer=customer, date=date, amount=amount, order=order, returns=returns)
    relation = _relation(con, source)
    needed = {"customer": customer, "date": date, "amount": amount, "order": order}
    if isinstance(returns, str) and returns != "negative":
        needed["returns"] = returns
    _require(con, relation, needed, "The transaction table")
    relation = _csv_dates_as_text(con, relation, date)
    _check_types(con, relation, amount=amount, returns=returns, date=date)
    snap_text = None if snapshot is None else _date_literal(snapshot, "snapshot")[1].date().isoformat()
    raw = _run(con, rfm_sql(customer=customer, date=date, amount=amount, order=order, snapshot=snapshot,
                            returns=returns, source=relation, dialect=engine_of(con), counts=True), date)
    total = int(raw["n_rows"].sum())
    if total == 0:
        _refuse_empty(con, relation, "The transaction table")
    if int(raw["incomplete_rows"].sum()):
        _refuse_bad_rows(con, relation, amount=amount, date=date, order=order)
    _check_day_range(raw["first_day"].min(), raw["last_day"].max(), date)
    anonymous_row = raw[customer].isna().to_numpy()
    anonymous = int(raw.loc[anonymous_row, "n_rows"].sum())
    if anonymous:
        print(f"rfm_table: left out {anonymous:,} of {total:,} rows ({anonymous / total:.1%}) with no "
              f"customer id in {customer!r}.")
    if anonymous == total:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}; nothing to score.")
    raw = raw[~anonymous_row]
    if snapshot is None:
        snap_day = np.datetime64(str(raw["snapshot_day"].iloc[0])[:10], "D")
        print(f"rfm_table: snapshot {snap_day}, the day after the last transaction "
              f"({snap_day - 1}); pass snapshot= to choose another.")
        _warn_stray_last_day(con, relation, date)
    else:
        first_day = str(pd.Timestamp(raw["first_day"].min()).date())
        if snap_text <= first_day:
            raise InputError(f"snapshot {snap_text} is not after the first transaction ({first_day}); "
                             "recency needs purchases before the snapshot. Pick a later snapshot.")
        late = int((raw["n_rows"] - raw["counted_rows"]).sum())
        if late:
            print(f"rfm_table: left out {late:,} rows dated on or after the snapshot {snap_text}.")
    present = (raw["counted_rows" if snapshot is not None else "n_rows"] > 0).to_numpy()
    return_only = present & (raw["frequency"] == 0).to_numpy()
    if return_only.any():
        print(f"rfm_table: left out {int(return_only.sum()):,} customer(s) whose rows before the "
              "snapshot are all returns (no purchase to date).")
    raw = raw[(raw["frequency"] > 0).to_numpy()]
    frame = pd.DataFrame({
        "recency_days": raw["recency_days"].to_numpy(dtype=np.int64),
        "frequency": raw["frequency"].to_numpy(dtype=np.int64),
        "monetary": np.round(raw["monetary"].to_numpy(dtype=np.float64), 10),
    }, index=_customer_index(raw[customer], customer))
    return _sorted_by_index(frame)


@_releasing
def summary_from_transactions(source, *, con=None, customer: str, date: str, amount: str | None = None,
                              end=None, unit: str = "W", returns: str | None = "negative") -> pd.DataFrame:
    """:func:`helpers.clv.summary_from_transactions` computed by the engine of ``con``.

    The same frame: ``frequency`` (int), ``recency``, ``T`` (and ``monetary``) in weeks
    (``unit="W"``) or days (``"D"``), indexed and sorted by customer, the same printed
    lines (and warning, for rows without a customer) and the same refusals of bad values.
    One pass over the log (:func:`summary_sql` with ``counts=True``).  ``returns`` is
    ``"negative"``, None or the name of a True/False column; ``end=None`` is the last
    purchase day of the log.
    """
    con = _connect(con)
    if isinstance(source, pd.DataFrame):
        source = _checked_frame(source, customer=customer, date=date, amount=amount, returns=returns,
                                members_dates_only=True)
    relation = _relation(con, source)
    needed = {"customer": customer, "date": date, "amount": amount}
    if isinstance(returns, str) and returns != "negative":
        needed["returns"] = returns
    _require(con, relation, needed, "The transaction table")
    relation = _csv_dates_as_text(con, relation, date)
    _check_types(con, relation, amount=amount, returns=returns, date=date)
    if unit not in _UNIT_DAYS:
        raise InputError(f"unit must be 'W' (weeks) or 'D' (days), not {unit!r}.")
    if end is not None:
        _date_literal(end, "end")
    raw = _run(con, summary_sql(customer=customer, date=date, amount=amount, end=end, unit=unit, returns=returns,
                                source=relation, dialect=engine_of(con), counts=True), date)
    counts = raw.iloc[0]
    if pd.isna(counts["total_rows"]) or not int(counts["total_rows"]):
        _refuse_empty(con, relation, "The transaction table")
    if amount is not None and (int(counts["missing_amounts"]) or int(counts["non_finite_days"])):
        _refuse_bad_rows(con, relation, amount=amount)
    anonymous, total = int(counts["anonymous_rows"]), int(counts["total_rows"])
    if anonymous:   # the pandas helper's warning, word for word
        warnings.warn(f"dropped {anonymous:,} row(s) with no {customer!r} "
                      f"({anonymous / total:.1%} of rows): they cannot be followed over time.", stacklevel=3)
    if anonymous == total:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}.")
    if int(counts["missing_dates"]):
        raise InputError(missing_dates_message(date, int(counts["missing_dates"])))
    _check_day_range(counts["first_member_day"], counts["last_member_day"], date)
    end_text = counts["end_day"]
    if end is None:
        if end_text is None or pd.isna(end_text):
            raise InputError("The log has no purchases (every row is a return).")
        print(f"summary_from_transactions: end {str(end_text)[:10]}, the last purchase day in the log; pass end= to "
              "choose another.")
    end_day = _date_literal(end if end is not None else str(end_text)[:10], "end")[1]
    if int(counts["late_rows"]):
        print(f"left out {int(counts['late_rows']):,} purchase line(s) after {end_day.date()} "
              "(outside the period observed)")
    buyers = raw[raw[customer].notna().to_numpy()]
    only = int(buyers["first_day"].isna().sum())
    buyers = buyers[buyers["first_day"].notna().to_numpy()]
    if buyers.empty:
        raise InputError(f"No purchases on or before end={end_day.date()}: every row is after it"
                         + (f" or a return (a negative {amount!r})." if amount else "."))
    if int(counts["returns_kept"]):
        print(f"summary_from_transactions: {int(counts['returns_kept']):,} return line(s) are not purchases; their "
              "amounts are netted into the repeat spend"
              + (f"; left out {only:,} customer(s) with only returns." if only else "."))
    frame = pd.DataFrame({
        "frequency": buyers["frequency"].to_numpy(dtype=np.int64),
        "recency": buyers["recency"].to_numpy(dtype=np.float64),
        "T": buyers["T"].to_numpy(dtype=np.float64),
    }, index=_customer_index(buyers[customer], customer))
    if amount is not None:
        frame["monetary"] = buyers["monetary"].to_numpy(dtype=np.float64)
    return _sorted_by_index(frame)


def _basket_source(con, source, order, item, quantity, name: str):
    """The source's relation and quantity column, after the checks and the printed line of
    :func:`helpers.basket.basket_matrix`: returns, lines with no quantity, and lines with no
    receipt or item are left out and counted; text or infinite quantities are refused."""
    if isinstance(source, pd.DataFrame):    # the pandas checks first: no engine guesses a type for mixed ids
        from helpers._validate import require_ids
        from helpers.basket import _quantities

        _require_names(source.columns, {"order": order, "item": item}, "transactions (the till lines)")
        columns = {order: require_ids(source, order), item: require_ids(source, item)}
        if quantity is not None and quantity in source.columns:
            columns[quantity] = _quantities(source, quantity)
        source = pd.DataFrame(columns, index=source.index)
    relation = _relation(con, source)
    present = _require(con, relation, {"order": order, "item": item}, "transactions (the till lines)")
    order, item = _ident(order, "order"), _ident(item, "item")
    quantity = quantity if quantity is not None and quantity in present else None
    if quantity is not None:
        quantity = _ident(quantity, "quantity")
        types = _column_types(con, relation)
        if types[quantity] == "BOOLEAN":
            raise InputError(f"Column {quantity!r} holds True/False, not quantities. Pass quantity=None to ignore it.")
        _require_number(con, relation, types, quantity, "transactions (the till lines)",
                        fix="Cast it first, or pass quantity=None to ignore quantities.")
        value = f"CAST({quantity} AS DOUBLE)"
        missing = f"({quantity} IS NULL OR isnan({value}))"
        counts = _scalar_row(con, render(
            f"SELECT SUM(CASE WHEN {quantity} <= 0 THEN 1 ELSE 0 END) AS returns, "
            f"SUM(CASE WHEN {missing} THEN 1 ELSE 0 END) AS missing, "
            f"SUM(CASE WHEN IS_INFINITE({value}) THEN 1 ELSE 0 END) AS infinite, "
            f"SUM(CASE WHEN {quantity} > 0 AND NOT {missing} AND ({order} IS NULL OR {item} IS NULL) "
            f"THEN 1 ELSE 0 END) AS blank, COUNT(*) AS total FROM {relation}", engine_of(con)))
        if int(counts["infinite"]):
            raise InputError(f"Column {quantity!r} holds {int(counts['infinite']):,} infinite quantities: correct or "
                             "remove those lines first.")
    else:
        counts = _scalar_row(con, f"SELECT 0 AS returns, 0 AS missing, SUM(CASE WHEN {order} IS NULL OR {item} IS NULL "
                                  f"THEN 1 ELSE 0 END) AS blank, COUNT(*) AS total FROM {relation}")
    notes = []
    if int(counts["returns"]):
        notes.append(f"{int(counts['returns']):,} return or zero-quantity lines ({quantity} ≤ 0)")
    if int(counts["missing"]):
        notes.append(f"{int(counts['missing']):,} lines with no {quantity}")
    if int(counts["blank"]):
        notes.append(f"{int(counts['blank']):,} lines with no {order} or no {item}")
    if notes:
        print(f"{name}: left out {' and '.join(notes)}.")
    if not int(counts["total"]):
        from helpers._validate import empty_message
        raise InputError(empty_message("transactions (the till lines)"))
    left = int(counts["total"]) - int(counts["returns"]) - int(counts["missing"]) - int(counts["blank"])
    if left <= 0:
        raise InputError("No purchase lines are left once returns and blank lines are removed: "
                         "there are no baskets to analyse.")
    return relation, quantity


@_releasing
def item_supports(source, *, con=None, order: str, item: str, quantity: str | None = "quantity",
                  min_support: float) -> pd.DataFrame:
    """Items and pairs held by at least ``min_support`` of the baskets: the rows of size 1 and 2 of
    :func:`helpers.basket.frequent_itemsets`, same columns, same order."""
    con = _connect(con)
    support = _min_support(min_support)
    relation, quantity = _basket_source(con, source, order, item, quantity, "item_supports")
    raw = _fetch(con, basket_sql(order=order, item=item, quantity=quantity, min_support=support,
                                 source=relation, dialect=engine_of(con), what="itemsets"))
    out = pd.DataFrame({
        "itemset": pd.array(raw["itemset"].astype(str).to_numpy(), dtype="str"),
        "size": raw["size"].to_numpy(dtype=np.int64),
        "support": raw["support"].to_numpy(dtype=np.float64),
        "baskets": raw["baskets"].to_numpy(dtype=np.int64),
    })
    out = out.sort_values(["support", "size", "itemset"], ascending=[False, True, True], kind="mergesort")
    return out.reset_index(drop=True)


@_releasing
def association_rules(source, *, con=None, order: str, item: str, quantity: str | None = "quantity",
                      min_support: float, min_confidence: float = 0.0, min_lift: float | None = None
                      ) -> pd.DataFrame:
    """Rules A → C between single items: :func:`helpers.basket.association_rules` with
    ``max_len=2`` (same columns, same rounding, same order), counted by the engine."""
    from helpers.basket import RULE_COLUMNS

    con = _connect(con)
    if not 0 <= min_confidence <= 1:
        raise InputError(f"min_confidence must be between 0 and 1 (a probability); got {min_confidence}.")
    support = _min_support(min_support)
    relation, quantity = _basket_source(con, source, order, item, quantity, "association_rules")
    raw = _fetch(con, basket_sql(order=order, item=item, quantity=quantity, min_support=support,
                                 source=relation, dialect=engine_of(con), what="rules"))
    out = pd.DataFrame({c: pd.array(raw[c].astype(str).to_numpy(), dtype="str") for c in ("antecedent", "consequent")})
    for column in RULE_COLUMNS[2:-1]:
        out[column] = raw[column].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore"):
        out["conviction"] = np.where(out["confidence"] >= 1, np.inf,
                                     (1 - out["consequent_support"]) / (1 - out["confidence"]))
    metrics = RULE_COLUMNS[2:]
    out[metrics] = out[metrics].round(12)
    out = out[out["confidence"] >= min_confidence]
    if min_lift is not None:
        out = out[out["lift"] >= min_lift]
    return out.sort_values(["lift", "confidence", "support", "antecedent", "consequent"],
                           ascending=[False, False, False, True, True], kind="mergesort").reset_index(drop=True)

