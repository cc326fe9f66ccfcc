"""The kit's analyses as SQL: RFM, the CLV summary and basket counts on DuckDB or Spark.

When a till log outgrows memory, the same definitions as :mod:`helpers.rfm`,
:mod:`helpers.clv` and :mod:`helpers.basket` run as SQL, in-process on DuckDB over Parquet
or CSV files, or on a Spark session when one machine is not enough.  Each analysis is **one
SQL text**, written once; the few functions whose spelling differs between the two engines
(days between two dates, a day after a date) are written ``DAYS_BETWEEN(a, b)`` and
``NEXT_DAY(d)`` in the text and spelled for each engine by :func:`render`.

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

__all__ = [
    "DIALECTS", "render", "rfm_sql", "summary_sql", "basket_sql", "clean_log", "rfm_table",
    "summary_from_transactions", "item_supports", "association_rules", "explain", "engine_of",
    "spark_missing", "spark_session",
]

#: The engines the texts are rendered for.
DIALECTS = ("duckdb", "spark")

_SPELLING = {
    "duckdb": {"DAYS_BETWEEN": "datediff('day', {0}, {1})", "NEXT_DAY": "CAST({0} + INTERVAL 1 DAY AS DATE)"},
    "spark": {"DAYS_BETWEEN": "datediff({1}, {0})", "NEXT_DAY": "date_add({0}, 1)"},
}
_CALL = re.compile(r"\b(DAYS_BETWEEN|NEXT_DAY)\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


def render(text: str, dialect: str) -> str:
    """Spell the kit's two portable functions for one engine.

    ``DAYS_BETWEEN(a, b)`` is the number of calendar days from date ``a`` to date ``b``;
    ``NEXT_DAY(d)`` the day after date ``d``.  Everything else is SQL both engines read alike.
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


def rfm_sql(*, customer: str, date: str, amount: str, order: str | None = None, snapshot=None,
            returns: str | None = "negative", source: str = "lines", dialect: str = "duckdb",
            keep_return_only: bool = False) -> str:
    """The SQL of :func:`helpers.rfm.rfm_table`: one row per customer, sorted by customer.

    ``keep_return_only=True`` leaves out the ``HAVING`` clause, so customers with only returns
    come back with frequency 0 (the runner counts and drops them: one aggregation fewer).

    ``returns`` is ``"negative"`` (rows with a negative amount), ``None`` (no row is a
    return) or the name of a True/False column marking the return rows.  ``snapshot`` None
    means the day after the last transaction of the log (every row, members or not).
    """
    customer, date, amount = (_ident(customer, "customer"), _ident(date, "date"), _ident(amount, "amount"))
    order_column = _ident(order, "order") if order is not None else None
    if returns == "negative":
        is_return = f"{amount} < 0"
    elif returns is None:
        is_return = "FALSE"
    elif isinstance(returns, str):
        is_return = f"{_ident(returns, 'returns')} = TRUE"
    else:
        raise InputError(f"returns={returns!r} is not understood here; use 'negative', None or the name of a "
                         "True/False column of the source that marks return rows.")
    snapshot_day = "NEXT_DAY(MAX(day))" if snapshot is None else _date_literal(snapshot, "snapshot")[0]
    frequency = ("COUNT(DISTINCT CASE WHEN NOT is_return THEN order_id END)" if order_column
                 else "SUM(CASE WHEN NOT is_return THEN 1 ELSE 0 END)")
    order_select = f"{order_column} AS order_id, " if order_column else ""
    text = f"""-- RFM: one row per customer (the definitions of helpers.rfm.rfm_table)
WITH line AS (                          -- every row of the log, dated by calendar day
    SELECT {customer} AS customer, CAST({date} AS DATE) AS day, {order_select}
           CAST({amount} AS DOUBLE) AS amount,
           {is_return} AS is_return      -- the returns rule
    FROM {source}
),
snapshot AS (                           -- the snapshot rule: one row, one day
    SELECT {snapshot_day} AS day{" FROM line" if snapshot is None else ""}
)
SELECT line.customer AS {customer},
       DAYS_BETWEEN(MAX(CASE WHEN NOT is_return THEN line.day END), MAX(snapshot.day)) AS recency_days,
       {frequency} AS frequency,
       SUM(amount) AS monetary          -- purchases minus returns
FROM line CROSS JOIN snapshot
WHERE line.customer IS NOT NULL         -- anonymous lines cannot be scored
  AND line.day < snapshot.day           -- rows on or after the snapshot are left out
GROUP BY line.customer
{"" if keep_return_only else f"HAVING {frequency} > 0   -- only returns: no purchase{chr(10)}"}ORDER BY line.customer"""
    return render(text, dialect)


def _rfm_audit_sql(*, customer: str, date: str, amount: str, snapshot, returns, source: str, order,
                   dialect: str) -> str:
    """Counts behind rfm_table's printed lines: rows, anonymous rows, late rows, the snapshot."""
    if returns == "negative":
        is_return = f"{amount} < 0"
    elif returns is None:
        is_return = "FALSE"
    else:
        is_return = f"{returns} = TRUE"
    snapshot_day = "NEXT_DAY(MAX(day))" if snapshot is None else _date_literal(snapshot, "snapshot")[0]
    text = f"""WITH line AS (
    SELECT {customer} AS customer, CAST({date} AS DATE) AS day, {is_return} AS is_return FROM {source}
),
snapshot AS (SELECT {snapshot_day} AS day, MIN(CASE WHEN customer IS NOT NULL THEN day END) AS first_day
             FROM line),
counts AS (
    SELECT COUNT(*) AS total_rows,
           SUM(CASE WHEN customer IS NULL THEN 1 ELSE 0 END) AS anonymous_rows,
           SUM(CASE WHEN customer IS NOT NULL AND line.day >= snapshot.day THEN 1 ELSE 0 END) AS late_rows
    FROM line CROSS JOIN snapshot
)
SELECT counts.total_rows, counts.anonymous_rows, counts.late_rows,
       CAST(snapshot.day AS STRING) AS snapshot_day, CAST(snapshot.first_day AS STRING) AS first_day
FROM counts CROSS JOIN snapshot"""
    del order
    return render(text, dialect)


_UNIT_DAYS = {"D": 1, "W": 7}


def _return_expression(returns, amount: str | None) -> str:
    if returns == "negative":
        return f"{amount} < 0" if amount is not None else "FALSE"
    if returns is None:
        return "FALSE"
    if isinstance(returns, str):
        return f"{_ident(returns, 'returns')} = TRUE"
    raise InputError(f"returns={returns!r} is not understood here; use 'negative', None or the name of a "
                     "True/False column of the source that marks return rows.")


def summary_sql(*, customer: str, date: str, amount: str | None = None, end, unit: str = "W",
                returns: str | None = "negative", source: str = "lines", dialect: str = "duckdb") -> str:
    """The SQL of :func:`helpers.clv.summary_from_transactions` (Fader, Hardie & Lee's conventions).

    Returns (the rule of :func:`rfm_sql`) make no purchase day; their amounts after the first
    purchase day are netted into the repeat spend, as in the pandas helper.
    """
    customer, date = _ident(customer, "customer"), _ident(date, "date")
    amount_expr = f"CAST({_ident(amount, 'amount')} AS DOUBLE)" if amount is not None else "CAST(0 AS DOUBLE)"
    is_return = _return_expression(returns, amount)
    if unit not in _UNIT_DAYS:
        raise InputError(f"unit must be 'W' (weeks) or 'D' (days), not {unit!r}.")
    end_literal, _ = _date_literal(end, "end")
    per_unit = f"CAST({_UNIT_DAYS[unit]} AS DOUBLE)"   # a plain 7.0 would be a DECIMAL on Spark
    monetary = (",\n       CASE WHEN frequency = 0 THEN CAST(0 AS DOUBLE)\n"
                "            ELSE (COALESCE(repeat_spend, 0) + COALESCE(refunded, 0)) / frequency END"
                " AS monetary") if amount is not None else ""
    text = f"""-- CLV summary: one row per customer (the definitions of helpers.clv.summary_from_transactions)
WITH line AS (                          -- the period observed: up to the end day
    SELECT {customer} AS customer, CAST({date} AS DATE) AS day, {amount_expr} AS amount,
           {is_return} AS is_return
    FROM {source}
    WHERE {customer} IS NOT NULL AND CAST({date} AS DATE) <= {end_literal}
),
purchase_day AS (                       -- purchases on the same day are one purchase
    SELECT customer, day, SUM(amount) AS amount,
           MIN(day) OVER (PARTITION BY customer) AS first_day
    FROM line
    WHERE NOT is_return
    GROUP BY customer, day
),
buyer AS (
    SELECT customer, COUNT(*) - 1 AS frequency,                 -- repeat purchase days
           MIN(day) AS first_day, MAX(day) AS last_day,
           SUM(CASE WHEN day > first_day THEN amount END) AS repeat_spend
    FROM purchase_day
    GROUP BY customer
),
refund AS (                             -- returns after the first purchase day net into repeat spend
    SELECT line.customer, SUM(line.amount) AS refunded
    FROM line JOIN buyer ON line.customer = buyer.customer
    WHERE line.is_return AND line.day > buyer.first_day
    GROUP BY line.customer
)
SELECT buyer.customer AS {customer}, frequency,
       DAYS_BETWEEN(first_day, last_day) / {per_unit} AS recency,      -- first to last purchase
       DAYS_BETWEEN(first_day, {end_literal}) / {per_unit} AS T{monetary}
FROM buyer LEFT JOIN refund ON buyer.customer = refund.customer
ORDER BY buyer.customer"""
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
    keep = f" AND {_ident(quantity, 'quantity')} > 0" if quantity is not None else ""
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
    for argument, column in needed.items():
        if column is not None and column not in present:
            raise InputError(f"{what} has no column {column!r} (given as {argument}=); its columns are "
                             f"{present}. Pass the right name with {argument}=.")
    return present


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
    impossible = f"{unit_price} <= 0"
    join = ""
    if products is not None:
        product = _ident(product, "product")
        price_table = _relation(con, products)
        _require(con, price_table, {"product": product, "list_price": "list_price"}, "The products table")
        _require(con, relation, {"product": product}, "The line table")
        missing = _scalar_row(con, f"SELECT COUNT(*) AS n FROM {relation} l LEFT JOIN {price_table} p "
                                   f"ON l.{product} = p.{product} WHERE p.list_price IS NULL")["n"]
        if missing:
            raise InputError(f"list_price is missing for {int(missing)} line(s): some products are not in the "
                             "products table.")
        join = f" LEFT JOIN (SELECT {product} AS price_product, list_price FROM {price_table}) p " \
               f"ON d.{product} = p.price_product"
        impossible += f" OR {unit_price} > {float(max_markup)!r} * p.list_price"
    column_list = ", ".join(f"d.{c}" for c in columns)
    distinct = f"(SELECT DISTINCT * FROM {relation}) d"
    counts = _scalar_row(con, f"SELECT (SELECT COUNT(*) FROM {relation}) AS total, COUNT(*) AS distinct_rows, "
                              f"SUM(CASE WHEN {impossible} THEN 1 ELSE 0 END) AS impossible "
                              f"FROM {distinct}{join}")
    total, distinct_rows = int(counts["total"]), int(counts["distinct_rows"])
    bad = int(counts["impossible"] or 0)
    statement = (f"SELECT {column_list}, CAST(d.{quantity} AS DOUBLE) * CAST(d.{unit_price} AS DOUBLE) AS {amount} "
                 f"FROM {distinct}{join} WHERE NOT ({impossible})")
    if engine_of(con) == "duckdb":
        kind = "TABLE" if materialize else "VIEW"
        con.sql(f"DROP VIEW IF EXISTS {view}; DROP TABLE IF EXISTS {view}")
        con.sql(f"CREATE TEMP {kind} {view} AS {statement}")
    else:
        frame = con.sql(statement)
        (frame.cache() if materialize else frame).createOrReplaceTempView(view)
    print(f"clean_log: dropped {total - distinct_rows:,} exact duplicate line(s) of {total:,}.")
    rule = "≤ 0" + (f" or above {max_markup:g} × list price" if products is not None else "")
    print(f"clean_log: dropped {bad:,} line(s) with an impossible unit price ({rule}).")
    return view


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


def rfm_table(source, *, con=None, customer: str, date: str, amount: str, order: str | None = None,
              snapshot=None, returns: str | None = "negative") -> pd.DataFrame:
    """:func:`helpers.rfm.rfm_table` computed by the engine of ``con`` (DuckDB by default).

    Returns the same frame: indexed by customer (sorted), ``recency_days`` and ``frequency``
    (int) and ``monetary`` (float, rounded to 10 decimals as the pandas helper does), and
    prints the same lines about what was left out.  ``returns`` is ``"negative"``, None, or
    the name of a True/False column of the source (a boolean Series cannot travel to SQL).
    """
    con = _connect(con)
    relation = _relation(con, source)
    needed = {"customer": customer, "date": date, "amount": amount, "order": order}
    if isinstance(returns, str) and returns != "negative":
        needed["returns"] = returns
    _require(con, relation, needed, "The transaction table")
    engine = engine_of(con)
    text = rfm_sql(customer=customer, date=date, amount=amount, order=order, snapshot=snapshot,
                   returns=returns, source=relation, dialect=engine, keep_return_only=True)
    audit = _scalar_row(con, _rfm_audit_sql(customer=customer, date=date, amount=amount, snapshot=snapshot,
                                            returns=returns, source=relation, order=order, dialect=engine))
    total, anonymous = int(audit["total_rows"]), int(audit["anonymous_rows"])
    if anonymous:
        print(f"rfm_table: left out {anonymous:,} of {total:,} rows ({anonymous / total:.1%}) with no "
              f"customer id in {customer!r}.")
    if anonymous == total:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}; nothing to score.")
    if snapshot is None:
        snap_day = np.datetime64(str(audit["snapshot_day"])[:10], "D")
        print(f"rfm_table: snapshot {snap_day}, the day after the last transaction "
              f"({snap_day - 1}); pass snapshot= to choose another.")
        _warn_stray_last_day(con, relation, date)
    else:
        snap_text = _date_literal(snapshot, "snapshot")[1].date().isoformat()
        if snap_text <= str(audit["first_day"])[:10]:
            raise InputError(f"snapshot {snap_text} is not after the first transaction ({str(audit['first_day'])[:10]}); "
                             "recency needs purchases before the snapshot. Pick a later snapshot.")
        if int(audit["late_rows"]):
            print(f"rfm_table: left out {int(audit['late_rows']):,} rows dated on or after the snapshot "
                  f"{snap_text}.")
    raw = _fetch(con, text)
    return_only = (raw["frequency"] == 0).to_numpy()
    if return_only.any():
        print(f"rfm_table: left out {int(return_only.sum()):,} customer(s) whose rows before the "
              "snapshot are all returns (no purchase to date).")
        raw = raw[~return_only]
    frame = pd.DataFrame({
        "recency_days": raw["recency_days"].to_numpy(dtype=np.int64),
        "frequency": raw["frequency"].to_numpy(dtype=np.int64),
        "monetary": np.round(raw["monetary"].to_numpy(dtype=np.float64), 10),
    }, index=_customer_index(raw[customer], customer))
    return _sorted_by_index(frame)


def summary_from_transactions(source, *, con=None, customer: str, date: str, amount: str | None = None,
                              end=None, unit: str = "W", returns: str | None = "negative") -> pd.DataFrame:
    """:func:`helpers.clv.summary_from_transactions` computed by the engine of ``con``.

    The same frame: ``frequency`` (int), ``recency``, ``T`` (and ``monetary``) in weeks
    (``unit="W"``) or days (``"D"``), indexed and sorted by customer, and the same printed
    lines (and warning, for rows without a customer).  ``returns`` is ``"negative"``, None
    or the name of a True/False column; ``end=None`` is the last purchase day of the log.
    """
    con = _connect(con)
    relation = _relation(con, source)
    needed = {"customer": customer, "date": date, "amount": amount}
    if isinstance(returns, str) and returns != "negative":
        needed["returns"] = returns
    _require(con, relation, needed, "The transaction table")
    engine = engine_of(con)
    is_return = _return_expression(returns, amount)
    first = _scalar_row(con, f"SELECT SUM(CASE WHEN {customer} IS NULL THEN 1 ELSE 0 END) AS anonymous, "
                             f"COUNT(*) AS total, SUM(CASE WHEN {date} IS NULL THEN 1 ELSE 0 END) AS no_date, "
                             f"CAST(MAX(CASE WHEN {customer} IS NOT NULL AND NOT ({is_return}) "
                             f"THEN CAST({date} AS DATE) END) AS STRING) AS last_purchase FROM {relation}")
    if int(first["no_date"]):
        raise InputError(f"Column {date!r} has {int(first['no_date'])} missing date(s); drop or fix those rows first.")
    anonymous, total = int(first["anonymous"]), int(first["total"])
    if anonymous:   # the pandas helper's warning, word for word
        warnings.warn(f"dropped {anonymous:,} row(s) with no {customer!r} "
                      f"({anonymous / total:.1%} of rows): they cannot be followed over time.", stacklevel=2)
    if anonymous == total:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}.")
    if end is None:
        if not first["last_purchase"]:
            raise InputError("The log has no purchases (every row is a return).")
        end = pd.Timestamp(str(first["last_purchase"])[:10])
        print(f"summary_from_transactions: end {end.date()}, the last purchase day in the log; pass end= to "
              "choose another.")
    end_literal, end_day = _date_literal(end, "end")
    audit = _scalar_row(con, f"""WITH line AS (
    SELECT {customer} AS customer, CAST({date} AS DATE) AS day, {is_return} AS is_return FROM {relation}
    WHERE {customer} IS NOT NULL),
kept AS (SELECT * FROM line WHERE day <= {end_literal}),
buyers AS (SELECT DISTINCT customer FROM kept WHERE NOT is_return)
SELECT (SELECT COUNT(*) FROM line WHERE day > {end_literal}) AS late,
       (SELECT COUNT(*) FROM kept WHERE is_return) AS returns_kept,
       (SELECT COUNT(DISTINCT customer) FROM kept WHERE is_return AND customer NOT IN (SELECT customer FROM buyers))
           AS only_returns""")
    if int(audit["late"]):
        print(f"left out {int(audit['late']):,} purchase line(s) after {end_day.date()} (outside the period observed)")
    raw = _fetch(con, summary_sql(customer=customer, date=date, amount=amount, end=end, unit=unit, returns=returns,
                                  source=relation, dialect=engine))
    if raw.empty:
        raise InputError(f"No purchases on or before end={end_day.date()}.")
    if int(audit["returns_kept"]):
        only = int(audit["only_returns"])
        print(f"summary_from_transactions: {int(audit['returns_kept']):,} return line(s) are not purchases; their "
              "amounts are netted into the repeat spend"
              + (f"; left out {only:,} customer(s) with only returns." if only else "."))
    frame = pd.DataFrame({
        "frequency": raw["frequency"].to_numpy(dtype=np.int64),
        "recency": raw["recency"].to_numpy(dtype=np.float64),
        "T": raw["T"].to_numpy(dtype=np.float64),
    }, index=_customer_index(raw[customer], customer))
    if amount is not None:
        frame["monetary"] = raw["monetary"].to_numpy(dtype=np.float64)
    return _sorted_by_index(frame)


def _basket_source(con, source, order, item, quantity):
    relation = _relation(con, source)
    present = _require(con, relation, {"order": order, "item": item}, "transactions (the till lines)")
    return relation, (quantity if quantity is not None and quantity in present else None)


def item_supports(source, *, con=None, order: str, item: str, quantity: str | None = "quantity",
                  min_support: float) -> pd.DataFrame:
    """Items and pairs held by at least ``min_support`` of the baskets: the rows of size 1 and 2 of
    :func:`helpers.basket.frequent_itemsets`, same columns, same order."""
    con = _connect(con)
    relation, quantity = _basket_source(con, source, order, item, quantity)
    raw = _fetch(con, basket_sql(order=order, item=item, quantity=quantity, min_support=min_support,
                                 source=relation, dialect=engine_of(con), what="itemsets"))
    out = pd.DataFrame({
        "itemset": pd.array(raw["itemset"].astype(str).to_numpy(), dtype="str"),
        "size": raw["size"].to_numpy(dtype=np.int64),
        "support": raw["support"].to_numpy(dtype=np.float64),
        "baskets": raw["baskets"].to_numpy(dtype=np.int64),
    })
    out = out.sort_values(["support", "size", "itemset"], ascending=[False, True, True], kind="mergesort")
    return out.reset_index(drop=True)


def association_rules(source, *, con=None, order: str, item: str, quantity: str | None = "quantity",
                      min_support: float, min_confidence: float = 0.0, min_lift: float | None = None
                      ) -> pd.DataFrame:
    """Rules A → C between single items: :func:`helpers.basket.association_rules` with
    ``max_len=2`` (same columns, same rounding, same order), counted by the engine."""
    from helpers.basket import RULE_COLUMNS

    con = _connect(con)
    if not 0 <= min_confidence <= 1:
        raise InputError(f"min_confidence must be between 0 and 1 (a probability); got {min_confidence}.")
    relation, quantity = _basket_source(con, source, order, item, quantity)
    raw = _fetch(con, basket_sql(order=order, item=item, quantity=quantity, min_support=min_support,
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

