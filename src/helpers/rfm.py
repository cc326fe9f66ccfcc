"""RFM: recency, frequency and monetary value from a raw transaction log.

RFM (最近一次消费 Recency, 消费频率 Frequency, 消费金额 Monetary) describes each customer
by three numbers: how long ago they last bought, how often they bought, and how much they
spent.  This module turns a log of transactions into those numbers, scores them, names
segments and applies a firm's own thresholds.

* :func:`clean_log` — drop exact duplicate lines and impossible prices (with counts) and
  add the net value of each line;
* :func:`rfm_table` — one row per customer: ``recency_days``, ``frequency``, ``monetary``;
* :func:`rfm_scores` — quantile scores ``R``, ``F``, ``M`` from 1 to ``bins`` (higher is
  always better) and the code ``rfm_code`` such as ``"545"``;
* :func:`rfm_segments` — a named segment and a suggested action per customer;
* :func:`threshold_tiers` — tiers by explicit thresholds given as data (default: the
  supermarket chain's high value / potential / ordinary / churned rules);
* :func:`segment_summary` — customers and revenue per segment or tier, with shares.

Definitions
-----------
**Recency** is counted in calendar days from the day of the customer's last *purchase* to
the snapshot day: a purchase on the day before the snapshot has ``recency_days == 1``.  The
snapshot defaults to the day after the last transaction in the log.  Rows dated on or after
the snapshot are left out (the helper prints how many), so the same log can be scored at an
earlier snapshot.

**Frequency** counts purchase *visits*: distinct values of the ``order`` column among
purchase rows (or purchase rows, when ``order`` is None).  **Monetary** is the total net
spend: purchases minus returns.

**Returns** are rows that take money back.  They are netted into ``monetary`` but are not
visits and do not make a customer look recent.  Which rows are returns is the ``returns``
option of :func:`rfm_table`:

* ``"negative"`` (the default) — rows with a negative amount; an order counts as a visit
  when it holds at least one row that is not a return (an exchange counts, a pure return
  receipt does not);
* a boolean Series or array, one value per row (``True`` = return row), e.g.
  ``log["order_id"].str.startswith("R")`` for a shop whose return receipts start with "R";
* ``None`` — every row is a visit, whatever its sign.

A customer whose rows in the window are all returns has no purchase to date; such customers
are left out and counted in a printed line.

**Score tie rule** (:func:`rfm_scores`).  With ``n`` customers, a customer's score is::

    score = 1 + floor(bins × (number of customers strictly worse) / n)

"Worse" means a larger recency, a smaller frequency, a smaller monetary value.  Without ties
this puts ``n / bins`` customers in each score (quintiles for ``bins=5``).  With ties:
equal values always get equal scores; the worst value always scores 1; a tied group takes
the score of the place where it *starts*, so a tie that covers more than ``1 / bins`` of the
customers leaves the scores above it empty (typical for F: every one-visit customer scores
F = 1, and F = 2 may be unused).  Scores therefore never depend on row order.

**Segment map** (:func:`rfm_segments`), on quintile scores R and F (M is left to the
reporting: in retail it moves with F).  Rules are read top-down; the first match wins.

=============  ======  ======  ==========================================================
segment        R       F       suggested action
=============  ======  ======  ==========================================================
champions      4–5     4–5     reward and recognise: VIP service, early access, ask for
                               referrals; no discounts needed
loyal          3–5     3–5     keep them close: membership benefits, cross-sell, points
                               that reward the next visit
new            4–5     1       welcome them: onboarding, a reason for a second visit soon
potential      4–5     2       build the habit: bundles and a tier they can reach
at risk        1–2     3–5     win back before they go: personal contact, a strong offer,
                               ask what went wrong
hibernating    2–3     1–2     low-cost reminders: seasonal offers by e-mail or app
lost           1       1–2     last cheap attempt, then stop spending on them
=============  ======  ======  ==========================================================

As an R × F grid (rows R from 5 down to 1, columns F from 1 to 5)::

    R=5  new          potential    loyal    champions  champions
    R=4  new          potential    loyal    champions  champions
    R=3  hibernating  hibernating  loyal    loyal      loyal
    R=2  hibernating  hibernating  at risk  at risk    at risk
    R=1  lost         lost         at risk  at risk    at risk

**Supermarket thresholds** (:data:`SUPERMARKET_TIERS`, the default of
:func:`threshold_tiers`).  The source's chain sets: high value R ≤ 7 days, F ≥ 12 visits a
year, M ≥ 500 yuan per visit; potential R 8–30 days, F 6–11 a year; ordinary R 31–90 days,
F 1–5 a year; churned R ≥ 90 days.  The source leaves the middle M bands blank and its bands
neither cover every combination (R = 3 days but F = 4) nor agree at R = 90.  The kit reads
them as follows:

* blank M bands mean **no condition on M**: M (per visit) only gates the top tier, so a
  recent, frequent customer who spends under 500 a visit is *potential*;
* each band is read as a floor, tried from the top tier down (first match wins): potential
  is R ≤ 30 and F ≥ 6, ordinary is R ≤ 90 and F ≥ 1; a customer at least as good as a band on
  every measure gets that band or a better one;
* churned is everything else, i.e. no purchase in more than 90 days (R ≥ 91), matching "no
  purchase in the last 90 days"; R = 90 exactly is ordinary.

Rules are data: a list of dicts (or a DataFrame, one row per tier) with a ``tier`` and
optional bounds ``max_<measure>`` / ``min_<measure>``, where a measure is a column of the
RFM table or one of ``frequency_per_year`` (frequency ÷ ``years``) and
``monetary_per_visit`` (monetary ÷ frequency).  A rule with no bounds matches everyone.
"""

from __future__ import annotations

import numbers
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers._validate import (InputError, ReadOnlyDict, aligned, check_finite, number, read_date, read_dates,
                               require_columns, require_ids, require_numeric, return_rows, whole_number)

__all__ = [
    "SEGMENTS", "SEGMENT_RULES", "SUPERMARKET_TIERS",
    "clean_log", "rfm_table", "rfm_scores", "rfm_segments", "threshold_tiers", "segment_summary",
]

#: The segments of :func:`rfm_segments`, best first, with their score ranges and actions.
SEGMENT_RULES: tuple[dict, ...] = tuple(ReadOnlyDict(rule) for rule in (
    {"segment": "champions", "R": (4, 5), "F": (4, 5),
     "action": "Reward and recognise: VIP service, early access, ask for referrals; no discounts needed."},
    {"segment": "loyal", "R": (3, 5), "F": (3, 5),
     "action": "Keep them close: membership benefits, cross-selling, points that reward the next visit."},
    {"segment": "new", "R": (4, 5), "F": (1, 1),
     "action": "Welcome them: onboarding and a reason to come back for a second visit soon."},
    {"segment": "potential", "R": (4, 5), "F": (2, 2),
     "action": "Build the habit: bundles, and a membership tier within their reach."},
    {"segment": "at risk", "R": (1, 2), "F": (3, 5),
     "action": "Win back before they go: personal contact, a strong time-limited offer, ask what went wrong."},
    {"segment": "hibernating", "R": (2, 3), "F": (1, 2),
     "action": "Low-cost reminders: seasonal offers by e-mail or app, nothing expensive."},
    {"segment": "lost", "R": (1, 1), "F": (1, 2),
     "action": "One last cheap attempt, then stop spending on them."},
))

#: Segment names, best first (the order of the ``segment`` categorical).
SEGMENTS: tuple[str, ...] = tuple(rule["segment"] for rule in SEGMENT_RULES)

#: The supermarket chain's tiers (source case 1), read as the module docstring explains.
#: Read-only (like every default of the kit): change a copy, ``[dict(rule) for rule in SUPERMARKET_TIERS]``.
SUPERMARKET_TIERS: tuple[dict, ...] = tuple(ReadOnlyDict(rule) for rule in (
    {"tier": "high value", "max_recency_days": 7, "min_frequency_per_year": 12, "min_monetary_per_visit": 500},
    {"tier": "potential", "max_recency_days": 30, "min_frequency_per_year": 6},
    {"tier": "ordinary", "max_recency_days": 90, "min_frequency_per_year": 1},
    {"tier": "churned"},
))

_RFM_COLUMNS = ("recency_days", "frequency", "monetary")


# --------------------------------------------------------------------------- validation


def _to_days(values: pd.Series, column: str, *, dayfirst=None, date_format=None) -> tuple[np.ndarray, object]:
    """Calendar day numbers (days since 1970-01-01) of a date column and its time zone (the kit's date rules)."""
    parsed, zone = read_dates(values, name=column, dayfirst=dayfirst, date_format=date_format, return_zone=True)
    nanoseconds = parsed.to_numpy(dtype="datetime64[ns]").view(np.int64)
    return nanoseconds // 86_400_000_000_000, zone  # floor to whole days since 1970-01-01


def _snapshot_day(snapshot, zone=None, *, dayfirst=None, date_format=None) -> int:
    stamp = read_date(snapshot, name="snapshot", zone=zone, dayfirst=dayfirst, date_format=date_format)
    return int(np.datetime64(stamp.normalize().to_datetime64(), "D").astype(np.int64))


def _day_text(day: int) -> str:
    return str(np.datetime64(int(day), "D"))


#: A last day this many days after the day before it (with data) looks like a stray line.
STRAY_GAP_DAYS = 7


def _warn_stray_last_day(days: np.ndarray, who: str = "rfm_table") -> None:
    """Print a warning when the latest date stands alone, far after the rest of the log."""
    distinct = np.unique(days)
    if len(distinct) < 3:
        return
    last, before = int(distinct[-1]), int(distinct[-2])
    typical = float(np.median(np.diff(distinct)))
    if last - before > max(STRAY_GAP_DAYS, 10 * typical):
        rows = int((days == last).sum())
        print(f"{who}: warning: the last transaction day {_day_text(last)} ({rows:,} row(s)) is {last - before:,} "
              f"days after the one before it ({_day_text(before)}). If it is a stray line, every recency is "
              "off by that gap: fix the line or pass snapshot=.")


# --------------------------------------------------------------------------- cleaning


def _duplicated_rows(lines: pd.DataFrame) -> np.ndarray:
    """``lines.duplicated()`` (every column equal to an earlier line), in time linear in the rows.

    DataFrame.duplicated slows down faster than the table grows on big logs.  Rows are
    hashed first (one 64-bit hash per row); only the rows whose hash repeats are then
    compared exactly, so a hash collision can never drop a line that is not a duplicate.
    """
    hashes = pd.util.hash_pandas_object(lines, index=False).to_numpy()
    candidate = pd.Series(hashes).duplicated(keep=False).to_numpy()
    duplicated = np.zeros(len(lines), dtype=bool)
    if candidate.any():
        duplicated[candidate] = lines[candidate].duplicated().to_numpy()
    return duplicated


def clean_log(lines: pd.DataFrame, *, quantity: str = "quantity", unit_price: str = "unit_price",
              list_price: pd.Series | None = None, max_markup: float = 2.0, amount: str = "amount") -> pd.DataFrame:
    """Drop exact duplicate lines and impossible prices, and add ``amount`` = quantity × unit price.

    * exact duplicates (every column equal to an earlier line: a till glitch) are dropped,
      keeping the first;
    * a unit price ≤ 0 is impossible; so is one above ``max_markup`` × ``list_price`` when a
      list price per line is given (a Series matched to the lines by index, e.g.
      ``lines["product"].map(products.set_index("product")["list_price"])``, or a list
      or array in the lines' order).

    Returns (negative quantities) and lines without a customer are kept: :func:`rfm_table`
    nets the first and leaves out the second.  Prints one line per kind of row dropped.
    """
    require_columns(lines, (quantity, unit_price), "The line table")
    for column in (quantity, unit_price):
        require_numeric(lines, column, finite=True)
    if amount in lines.columns:
        raise InputError(f"The line table already has a column {amount!r}; pass another name with amount=...")
    max_markup = number(max_markup, "max_markup")
    if not max_markup > 0:
        raise InputError(f"max_markup={max_markup!r} must be positive (2.0 means up to twice the list price).")
    total = len(lines)
    duplicated = _duplicated_rows(lines)
    price = lines[unit_price].to_numpy(dtype=np.float64)
    impossible = price <= 0
    if list_price is not None:
        list_price = aligned(list_price, lines.index, "list_price", other="the line table")
        if not pd.api.types.is_numeric_dtype(list_price) or pd.api.types.is_bool_dtype(list_price):
            raise InputError(f"list_price must hold numbers, not {list_price.dtype}.")
        reference = list_price.to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(reference).any():
            raise InputError(f"list_price is missing for {int(np.isnan(reference).sum())} line(s): some products are "
                             "not in the price list.")
        if np.isinf(reference).any():
            raise InputError(f"list_price has {int(np.isinf(reference).sum())} infinite value(s); fix them first.")
        impossible |= price > max_markup * reference
    impossible &= ~duplicated
    print(f"clean_log: dropped {int(duplicated.sum()):,} exact duplicate line(s) of {total:,}.")
    rule = "≤ 0" + (f" or above {max_markup:g} × list price" if list_price is not None else "")
    print(f"clean_log: dropped {int(impossible.sum()):,} line(s) with an impossible unit price ({rule}).")
    clean = lines[~(duplicated | impossible)].copy()
    clean[amount] = clean[quantity].to_numpy(dtype=np.float64) * clean[unit_price].to_numpy(dtype=np.float64)
    return clean


# --------------------------------------------------------------------------- the RFM table


def _distinct_orders(customer_codes: np.ndarray, order_codes: np.ndarray, n_customers: int,
                     n_orders: int) -> np.ndarray:
    """Number of distinct orders per customer code."""
    # Usually each order belongs to one customer: then count orders per owner (fast path).
    lowest = np.full(n_orders, n_customers, dtype=np.int64)
    highest = np.full(n_orders, -1, dtype=np.int64)
    np.minimum.at(lowest, order_codes, customer_codes)
    np.maximum.at(highest, order_codes, customer_codes)
    used = highest >= 0
    if (lowest[used] == highest[used]).all():
        return np.bincount(highest[used], minlength=n_customers)
    # Some order id is shared by several customers (e.g. receipt numbers restart per store):
    # count distinct (customer, order) pairs.
    pairs = pd.unique(customer_codes.astype(np.int64) * n_orders + order_codes)
    return np.bincount(pairs // n_orders, minlength=n_customers)


def _hashable(values: pd.Series):
    """Text columns as a plain object array: factorising that is about twice as fast as
    going through pandas' string array.  Other columns unchanged."""
    if pd.api.types.is_string_dtype(values.dtype) and not isinstance(values.dtype, pd.CategoricalDtype):
        return values.to_numpy(dtype=object)
    return values


def _factorize(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 where missing) and the unique values, as an Index of the column's type."""
    codes, uniques = pd.factorize(_hashable(values))
    return codes, pd.Index(uniques, dtype=values.dtype if isinstance(uniques, np.ndarray) else None)


def _codes_only(values: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes (-1 where missing) and the number of distinct values."""
    codes, uniques = pd.factorize(_hashable(values))
    return codes, len(uniques)


def missing_orders_message(order: str, missing: int) -> str:
    """The refusal of an order column with ``missing`` empty receipt ids (shared with helpers.sql)."""
    return (f"Column {order!r} has {missing} missing order id(s); every row needs one (or pass order=None to "
            "count rows).")


def rfm_table(transactions: pd.DataFrame, *, customer: str, date: str, amount: str, order: str | None = None,
              snapshot=None, returns="negative", dayfirst: bool | None = None,
              date_format: str | None = None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, from a transaction log.

    Parameters
    ----------
    transactions : one row per transaction (or order line).
    customer, date, amount : column names: the customer id, the transaction date (datetime,
        or text that parses as dates) and the net amount of the row (negative for a return).
    order : column of order (receipt) ids. Frequency counts distinct purchase orders; when
        None, each purchase row is one visit.
    snapshot : the analysis date; default the day after the last transaction (a printed line
        says which day was chosen, and warns when the last transaction stands far from the
        rest, as a stray mistyped line would). Rows dated on or after it are left out (with a
        printed count).
    returns : which rows are returns (netted into monetary, not visits, not recent
        purchases): ``"negative"`` (default), a boolean Series per row, or None; see the
        module docstring.
    dayfirst, date_format : how to read text dates such as ``05/01/2024`` (the kit's date
        rules: :func:`helpers._validate.read_dates`).

    Returns
    -------
    DataFrame indexed by customer (sorted), with ``recency_days`` (int), ``frequency`` (int)
    and ``monetary`` (float).  Rows with no customer id are left out, and customers with no
    purchase before the snapshot, each with a printed count.
    """
    columns = [customer, date, amount] + ([order] if order is not None else [])
    require_columns(transactions, columns, "The transaction table")

    money = require_numeric(transactions, amount, finite=True,
                            fix="Convert it with pd.to_numeric (and strip currency signs) first.")
    amounts = money.to_numpy(dtype=np.float64, na_value=np.nan)
    require_ids(transactions, customer)
    days, zone = _to_days(transactions[date], date, dayfirst=dayfirst, date_format=date_format)
    is_return = return_rows(returns, transactions, amounts)
    # Factorising once gives integer codes (-1 where the id is missing) for all the counting.
    codes, uniques = _factorize(transactions[customer])
    if order is not None:
        order_codes, n_orders = _codes_only(transactions[order])
        if (order_codes < 0).any():
            raise InputError(missing_orders_message(order, int((order_codes < 0).sum())))

    total = len(transactions)
    keep = codes >= 0
    if not keep.all():
        no_id = total - int(keep.sum())
        print(f"rfm_table: left out {no_id:,} of {total:,} rows ({no_id / total:.1%}) with no "
              f"customer id in {customer!r}.")
    if not keep.any():
        raise ValueError(f"No row of the transaction table has a customer id in {customer!r}; nothing to score.")

    if snapshot is None:
        snap = int(days.max()) + 1
        print(f"rfm_table: snapshot {_day_text(snap)}, the day after the last transaction "
              f"({_day_text(snap - 1)}); pass snapshot= to choose another.")
        _warn_stray_last_day(days)
    else:
        snap = _snapshot_day(snapshot, zone)
        first = int(days[keep].min())
        if snap <= first:
            raise ValueError(f"snapshot {_day_text(snap)} is not after the first transaction ({_day_text(first)}); "
                             "recency needs purchases before the snapshot. Pick a later snapshot.")
        late = keep & (days >= snap)
        if late.any():
            print(f"rfm_table: left out {int(late.sum()):,} rows dated on or after the snapshot "
                  f"{_day_text(snap)}.")
            keep &= ~late

    if not keep.all():
        codes, days, amounts, is_return = codes[keep], days[keep], amounts[keep], is_return[keep]
        if order is not None:
            order_codes = order_codes[keep]
    n_ids = len(uniques)
    present = np.bincount(codes, minlength=n_ids) > 0
    monetary = np.bincount(codes, weights=amounts, minlength=n_ids)
    buy = ~is_return
    buy_codes = codes[buy]
    last_day = np.full(n_ids, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last_day, buy_codes, days[buy])
    if order is None:
        frequency = np.bincount(buy_codes, minlength=n_ids)
    else:
        frequency = _distinct_orders(buy_codes, order_codes[buy], n_ids, n_orders)

    no_purchase = present & (frequency == 0)
    if no_purchase.any():
        print(f"rfm_table: left out {int(no_purchase.sum()):,} customer(s) whose rows before the snapshot are "
              "all returns (no purchase to date).")
    chosen = np.flatnonzero(frequency > 0)
    labels = uniques.take(chosen)
    if labels.dtype == object or pd.api.types.is_string_dtype(labels.dtype):
        # text ids: sort as fixed-width text, much faster than comparing Python objects
        ordering = np.argsort(labels.to_numpy(dtype=object).astype("U"))  # ids are unique: no ties
    else:
        ordering = labels.argsort()
    chosen = chosen[ordering]
    index = uniques.take(chosen)
    return pd.DataFrame({
        "recency_days": snap - last_day[chosen],
        "frequency": frequency[chosen].astype(np.int64),
        "monetary": np.round(monetary[chosen], 10),
    }, index=index.rename(customer))


# --------------------------------------------------------------------------- scores


def _check_rfm(rfm, what: str = "The RFM table") -> None:
    require_columns(rfm, _RFM_COLUMNS, what)
    for column in _RFM_COLUMNS:
        require_numeric(rfm, column, fix=f"Build {what.lower()} with rfm_table.")
        check_finite(rfm[column], f"Column {column!r} of {what.lower()}")
    if (rfm["recency_days"] < 0).any():
        raise InputError("Column 'recency_days' has negative values: some purchases are after the snapshot. "
                         "Use a snapshot after the last purchase.")
    if (rfm["frequency"] < 0).any():
        raise InputError("Column 'frequency' has negative values; a frequency counts visits (0 or more). Build "
                         "the table with rfm_table.")


def _score(values: np.ndarray, bins: int) -> np.ndarray:
    """1 + floor(bins × (number strictly smaller) / n): higher values, higher scores."""
    n = len(values)
    strictly_smaller = np.searchsorted(np.sort(values, kind="mergesort"), values, side="left")
    return (1 + (bins * strictly_smaller) // n).astype(np.int64)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Add quantile scores ``R``, ``F``, ``M`` (1 to ``bins``, higher is better) and ``rfm_code``.

    Recent buyers get a high R (the scale is reversed for recency).  Equal values get equal
    scores; the tie rule is in the module docstring.  Returns a copy of ``rfm`` with the four
    new columns.
    """
    _check_rfm(rfm)
    bins = whole_number(bins, "bins")
    if not 2 <= bins <= 9:
        raise InputError(f"bins={bins} is out of range; use 2 to 9 (5 gives quintiles, and the code "
                         "'545' needs one digit per score).")
    not_positive = int((rfm["monetary"] <= 0).sum())
    if not_positive:
        print(f"rfm_scores: {not_positive:,} customer(s) have a net spend ≤ 0 (returns as large as their "
              "purchases, or larger); they score M = 1.")
    scored = rfm.copy()
    scored["R"] = _score(-rfm["recency_days"].to_numpy(dtype=np.float64), bins)
    scored["F"] = _score(rfm["frequency"].to_numpy(dtype=np.float64), bins)
    scored["M"] = _score(rfm["monetary"].to_numpy(dtype=np.float64), bins)
    scored["rfm_code"] = (scored["R"].astype(str) + scored["F"].astype(str) + scored["M"].astype(str)).astype(str)
    scored.attrs["rfm_bins"] = bins  # rfm_segments refuses scores on another scale
    return scored


# --------------------------------------------------------------------------- segments


def rfm_segments(scores: pd.DataFrame) -> pd.DataFrame:
    """Name each customer's segment from quintile scores R and F, with a suggested action.

    ``scores`` is the output of :func:`rfm_scores` with ``bins=5``.  Returns a copy with
    ``segment`` (an ordered categorical, best segment first) and ``action`` (text); the map
    is the table in the module docstring (:data:`SEGMENT_RULES`).
    """
    require_columns(scores, ("R", "F"), "The score table")
    bins = scores.attrs.get("rfm_bins", 5)
    if bins != 5:
        raise InputError(f"The score table was scored with bins={bins}, but the segments are defined on quintile "
                         "scores (R and F from 1 to 5): on another scale the best customers would get the wrong "
                         "name. Rescore with rfm_scores(rfm, bins=5).")
    checked = {}
    for column in ("R", "F"):
        values = scores[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        as_float = values.to_numpy(dtype=np.float64, na_value=np.nan) if numeric else None
        if not numeric or np.isnan(as_float).any() or (as_float != np.round(as_float)).any() \
                or ((as_float < 1) | (as_float > 5)).any():
            raise InputError(f"Column {column!r} must hold whole-number scores from 1 to 5 (quintile scores); "
                             "compute them with rfm_scores(rfm, bins=5).")
        checked[column] = as_float.astype(np.int64)
    names = np.empty(len(scores), dtype=object)
    actions = np.empty(len(scores), dtype=object)
    todo = np.ones(len(scores), dtype=bool)
    for rule in SEGMENT_RULES:
        (r_lo, r_hi), (f_lo, f_hi) = rule["R"], rule["F"]
        hit = todo & (checked["R"] >= r_lo) & (checked["R"] <= r_hi) & (checked["F"] >= f_lo) & (checked["F"] <= f_hi)
        names[hit] = rule["segment"]
        actions[hit] = rule["action"]
        todo &= ~hit
    assert not todo.any(), "the segment map must cover every R × F cell"
    result = scores.copy()
    result["segment"] = pd.Categorical(names, categories=list(SEGMENTS), ordered=True)
    result["action"] = pd.array(actions, dtype="str")
    return result


# --------------------------------------------------------------------------- thresholds


def _rules_as_records(rules) -> list[dict]:
    if isinstance(rules, pd.DataFrame):
        records = [{k: v for k, v in row.items() if not (v is None or (isinstance(v, float) and np.isnan(v)))}
                   for row in rules.to_dict("records")]
    elif isinstance(rules, Mapping) or isinstance(rules, str) or not isinstance(rules, (list, tuple)):
        raise InputError("rules must be a list of dicts (one per tier, best first) or a DataFrame, e.g. "
                        "[{'tier': 'active', 'max_recency_days': 30}, {'tier': 'inactive'}].")
    else:
        if not all(isinstance(rule, Mapping) for rule in rules):
            raise InputError("rules must be a list of dicts (one per tier, best first), e.g. "
                             "[{'tier': 'active', 'max_recency_days': 30}, {'tier': 'inactive'}].")
        records = [dict(rule) for rule in rules]
    if not records:
        raise InputError("rules is empty; give at least one tier.")
    for position, rule in enumerate(records, start=1):
        if "tier" not in rule or not isinstance(rule["tier"], str):
            raise InputError(f"Rule {position} has no 'tier' name; every rule needs one, e.g. {{'tier': 'churned'}}.")
        for key, bound in rule.items():
            if key == "tier":
                continue
            if not isinstance(key, str) or not (key.startswith("min_") or key.startswith("max_")):
                raise InputError(f"Rule {rule['tier']!r} has an unknown key {key!r}; bounds are written "
                                 "'min_<measure>' or 'max_<measure>', e.g. 'max_recency_days'.")
            number(bound, f"Rule {rule['tier']!r}: bound {key!r}")
    names = [rule["tier"] for rule in records]
    if len(set(names)) != len(names):
        raise InputError(f"Tier names must be unique; got {names}.")
    return records


def threshold_tiers(rfm: pd.DataFrame, rules: Sequence[Mapping] | pd.DataFrame = SUPERMARKET_TIERS, *,
                    years: float = 1.0) -> pd.DataFrame:
    """Tiers by explicit thresholds, tried from the first rule down (first match wins).

    ``rules`` lists the tiers best first; each is a dict with a ``tier`` name and optional
    bounds ``min_<measure>`` / ``max_<measure>`` (inclusive).  Measures are columns of
    ``rfm`` plus ``frequency_per_year`` (frequency ÷ ``years``, the length of the log's window
    in years) and ``monetary_per_visit`` (monetary ÷ frequency).  The default rules are the
    supermarket chain's (:data:`SUPERMARKET_TIERS`; see the module docstring for how the
    source's blank M bands are filled).

    Returns a copy of ``rfm`` with ``frequency_per_year``, ``monetary_per_visit`` and
    ``tier`` (an ordered categorical in rule order).  Customers matching no rule get the
    tier ``"unclassified"`` and a printed count; end the rules with a rule without bounds to
    avoid that.
    """
    _check_rfm(rfm)
    if not isinstance(years, numbers.Real) or isinstance(years, (bool, np.bool_)) or not np.isfinite(years) \
            or not 0 < years <= 100:
        raise InputError(f"years={years!r} must be a positive number of at most 100: the length of the log's "
                         "window in years.")
    records = _rules_as_records(rules)
    result = rfm.copy()
    frequency = rfm["frequency"].to_numpy(dtype=np.float64)
    if (frequency <= 0).any():
        raise InputError("Column 'frequency' has zeros or negative values; every customer in an RFM table "
                         "has at least one visit.")
    result["frequency_per_year"] = frequency / float(years)
    result["monetary_per_visit"] = rfm["monetary"].to_numpy(dtype=np.float64) / frequency
    tiers = np.full(len(result), "unclassified", dtype=object)
    todo = np.ones(len(result), dtype=bool)
    for rule in records:
        hit = todo.copy()
        for key, bound in rule.items():
            if key == "tier":
                continue
            measure = key[4:]
            if measure not in result.columns:
                raise InputError(f"Rule {rule['tier']!r} uses {key!r}, but there is no measure {measure!r}; "
                                 f"measures are {sorted(c for c in result.columns if c != 'tier')}.")
            values = result[measure].to_numpy(dtype=np.float64)
            hit &= (values >= bound) if key.startswith("min_") else (values <= bound)
        tiers[hit] = rule["tier"]
        todo &= ~hit
    categories = [rule["tier"] for rule in records]
    if todo.any():
        print(f"threshold_tiers: {int(todo.sum()):,} customer(s) match no rule and are 'unclassified'; end the "
              "rules with a catch-all tier (a rule with no bounds).")
        categories.append("unclassified")
    result["tier"] = pd.Categorical(tiers, categories=categories, ordered=True)
    return result


# --------------------------------------------------------------------------- reporting


def segment_summary(table: pd.DataFrame, by: str = "segment") -> pd.DataFrame:
    """Customers and revenue per group (segment or tier), with shares and average R, F, M.

    Customers with no group (a missing label) are counted in a row ``"(missing)"``, with a
    printed count, so the shares still add up to 1.
    Returns one row per category of ``by`` (empty groups included, in category order) with
    ``customers``, ``share_of_customers``, ``revenue``, ``share_of_revenue``,
    ``avg_recency_days``, ``avg_frequency`` and ``avg_monetary``.
    """
    _check_rfm(table, "The table")
    require_columns(table, (by,), "The table")
    missing = table[by].isna()
    if missing.any():
        print(f"segment_summary: {int(missing.sum()):,} of {len(table):,} customer(s) have no {by!r} (missing, or a "
              "label outside the categories); they are counted in the row '(missing)'.")
        labels = table[by]
        if isinstance(labels.dtype, pd.CategoricalDtype):
            labels = labels.cat.add_categories(["(missing)"]) if "(missing)" not in labels.cat.categories else labels
            labels = labels.fillna("(missing)")
        else:
            labels = labels.astype(object).where(~missing, "(missing)")
        table = table.assign(**{by: labels})
    groups = table.groupby(by, observed=False, sort=True)
    summary = groups.agg(customers=("monetary", "size"), revenue=("monetary", "sum"),
                         avg_recency_days=("recency_days", "mean"), avg_frequency=("frequency", "mean"),
                         avg_monetary=("monetary", "mean"))
    summary["customers"] = summary["customers"].astype(np.int64)
    summary.insert(1, "share_of_customers", summary["customers"] / len(table))
    summary.insert(3, "share_of_revenue", summary["revenue"] / table["monetary"].sum())
    return summary
