"""Knowing needs from a till log: when each customer will run out, and what they always take.

A staple (rice, cooking oil, diapers, coffee beans, pet food) is bought again when the last
pack runs out, so the days between a customer's purchases of it — the **inter-purchase
intervals** — are that household's rhythm.  The functions here turn a log into that rhythm
and act on it:

* :func:`purchase_intervals` — one row per customer × product × purchase day, with the days
  since the previous purchase;
* :func:`runout_forecast` — per customer × product, the expected interval and the day the
  next purchase is due.  A customer seen twice has one interval, which says little; the
  forecast **shrinks** each customer's own mean interval toward the mean of their segment
  (household size, say) by the *credibility* weight of Bühlmann's empirical-Bayes model::

      interval = Z · own_mean + (1 − Z) · segment_mean,   Z = n / (n + k),   k = σ² / τ²

  where ``n`` is the customer's number of intervals, σ² the variance of one customer's
  intervals around their own mean (the wobble of use, pooled over customers) and τ² the
  variance of the customers' true means within the segment (how different households
  really are).  Both are estimated from the log itself: σ² from the customers' sample
  variances, τ² from the spread of their means minus the part σ² explains.  A customer
  with many regular intervals keeps their own rhythm (Z near 1); a new one borrows the
  segment's (Z near 0).  No model beyond means and variances is assumed;
* :func:`next_purchases` and :func:`reminder_plan` — evaluation: the share of next purchases
  a reminder would have caught, by how many days ahead it is sent, and what that is worth
  after the cost of the messages;
* :func:`usual_basket` — per customer, the products and pack sizes they always take (the
  hotel that remembers a guest's carrot juice), with support and recency;
* :func:`switch_signal` — the **silent switcher**: a customer all of whose staples are overdue
  by far more than their own rhythm has, most likely, started buying elsewhere.  It fires
  as soon as the rhythm is broken, long before a recency rule notices.

Every function takes the column names as arguments (``customer=``, ``product=``,
``date=``), reads dates with the kit's one date reader (``dayfirst=``, ``date_format=``),
raises :class:`helpers.InputError` for bad input and prints what it leaves out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers._validate import (InputError, number, read_date, read_dates, require_columns, require_ids,
                               require_numeric, whole_number)

__all__ = ["purchase_intervals", "runout_forecast", "next_purchases", "capture_share", "reminder_plan",
           "usual_basket", "switch_signal"]


def _lines(count) -> str:
    count = int(count)
    return f"{count:,} line" + ("" if count == 1 else "s")


def _say(verbose: bool, message: str) -> None:
    if verbose:
        print(message)


def _clean(log, customer: str, product: str, date: str, *, dayfirst, date_format, verbose: bool,
           extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The log's needed columns, dates read, rows without a customer, product or date dropped (and said)."""
    require_columns(log, [customer, product, date, *extra], "The purchase log",
                    fix="Pass your column names: customer=…, product=…, date=….")
    require_ids(log, customer)
    frame = pd.DataFrame({"customer": log[customer], "product": log[product]}, index=log.index)
    for column in extra:
        frame[column] = log[column]
    frame["date"] = read_dates(log[date], name=date, dayfirst=dayfirst, date_format=date_format,
                               allow_missing=True).dt.normalize()
    missing = frame["customer"].isna() | frame["product"].isna() | frame["date"].isna()
    if missing.any():
        _say(verbose, f"needs: left out {int(missing.sum()):,} of {len(frame):,} lines with no customer, product "
                      "or date.")
        frame = frame[~missing]
    if frame.empty:
        raise InputError("The purchase log has no line with a customer, a product and a date.")
    return frame


def _snapshot(value, frame: pd.DataFrame, verbose: bool) -> pd.Timestamp:
    snapshot = read_date(value, name="snapshot")
    later = frame["date"] >= snapshot
    if later.any():
        _say(verbose, f"needs: {int(later.sum()):,} lines on or after the snapshot {snapshot.date()} are not used "
                      "(they are the future at that date).")
    if not (frame["date"] < snapshot).any():
        raise InputError(f"snapshot={snapshot.date()} is before every purchase in the log; choose a later date.")
    return snapshot


def _past(log, customer: str, product: str, date: str, snapshot, *, dayfirst, date_format, verbose: bool,
          numeric: str | None = None) -> tuple[pd.DataFrame, pd.Timestamp]:
    """The cleaned lines before the snapshot (``numeric``: one more column, which must hold numbers)."""
    extra = (numeric,) if numeric else ()
    frame = _clean(log, customer, product, date, dayfirst=dayfirst, date_format=date_format, verbose=verbose,
                   extra=extra)
    cutoff = _snapshot(snapshot, frame, verbose)
    frame = frame[frame["date"] < cutoff]
    if numeric:
        require_numeric(frame, numeric)
    return frame, cutoff


def purchase_intervals(log: pd.DataFrame, *, customer: str = "customer_id", product: str = "product",
                       date: str = "date", dayfirst: bool | None = None, date_format: str | None = None,
                       verbose: bool = True) -> pd.DataFrame:
    """One row per customer × product × purchase day, with ``interval_days`` since the previous one.

    Several lines of the same product on the same day are one purchase (``lines`` counts them).
    The first purchase of each customer × product has no interval (NaN).  Sorted by customer,
    product and date.
    """
    frame = _clean(log, customer, product, date, dayfirst=dayfirst, date_format=date_format, verbose=verbose)
    days = (frame.groupby(["customer", "product", "date"], sort=True, observed=True).size()
            .rename("lines").reset_index())
    previous = days.groupby(["customer", "product"], sort=False, observed=True)["date"].shift()
    days["interval_days"] = (days["date"] - previous).dt.days.astype("float64")
    return days.rename(columns={"customer": customer, "product": product, "date": date})


def _credibility(stats: pd.DataFrame) -> pd.DataFrame:
    """Bühlmann's σ², τ², k and the collective mean, per group of ``stats`` (n, mean, var per customer)."""
    rows = []
    for group, part in stats.groupby("segment", sort=True, observed=True, dropna=False):
        with_var = part[part["n"] >= 2]
        sigma2 = float(((with_var["n"] - 1) * with_var["var"]).sum() / max((with_var["n"] - 1).sum(), 1))
        means = part.loc[part["n"] >= 1]
        if means.empty:
            rows.append((group, np.nan, sigma2, np.nan, np.inf))
            continue
        collective = float(np.average(means["mean"], weights=means["n"]))
        spread = float(means["mean"].var(ddof=1)) if len(means) > 1 else 0.0
        tau2 = spread - sigma2 * float((1.0 / means["n"]).mean())
        tau2 = max(tau2, 1e-9 * max(collective, 1.0) ** 2)
        rows.append((group, collective, sigma2, tau2, sigma2 / tau2))
    return pd.DataFrame(rows, columns=["segment", "segment_mean", "sigma2", "tau2", "k"])


def runout_forecast(log: pd.DataFrame, *, snapshot, segment=None, customer: str = "customer_id",
                    product: str = "product", date: str = "date", units: str | None = None,
                    dayfirst: bool | None = None, date_format: str | None = None,
                    verbose: bool = True) -> pd.DataFrame:
    """Per customer × product: the expected interval (shrunk toward the segment) and when the next purchase is due.

    ``snapshot``: the day of the forecast; only purchases before it are used.  ``segment``:
    what to shrink toward — a Series mapping each customer to a segment (e.g. household
    size), or ``None`` for one segment of everybody.  Each product is its own population.

    Without ``units`` the shrunk quantity is the interval itself.  With ``units`` (a column of
    how much was bought on a line: kilograms, litres, pieces — pack size × quantity) it is
    the **daily use**: each interval gives one reading, the units bought at its start ÷ its
    days, and the next purchase is due when the last purchase's units are used up at the
    shrunk rate — the rice seller's rule, pack ÷ use.  That survives a customer who
    switches between a small and a big pack, which raw intervals do not.

    Columns: ``segment``, ``purchases``, ``intervals`` (n), ``own_mean`` (the customer's own
    mean interval or daily use; NaN with no interval), ``segment_mean``, ``credibility`` (Z),
    ``daily_use`` (with ``units``), ``interval_days`` (the forecast), ``last_purchase``,
    ``next_due``, ``days_since`` (snapshot − last purchase) and ``overdue_ratio``
    (days_since ÷ interval_days).  Sorted by customer and product.
    """
    frame, cutoff = _past(log, customer, product, date, snapshot, dayfirst=dayfirst, date_format=date_format,
                          verbose=verbose, numeric=units)
    if units:
        amounts = frame[units].astype("float64")
        if np.isinf(amounts).any():
            raise InputError(f"Column {units!r} has {int(np.isinf(amounts).sum()):,} infinite value(s) (inf), often "
                             "from a division by zero; fix or drop them first.")
        missing, not_positive = amounts.isna(), amounts <= 0
        if missing.any():
            _say(verbose, f"needs: left out {_lines(missing.sum())} with no {units!r} (missing).")
        if not_positive.any():
            _say(verbose, f"needs: left out {_lines(not_positive.sum())} whose {units!r} is zero or negative "
                          "(returns are not purchases).")
        frame = frame[~(missing | not_positive)]
        days = (frame.groupby(["customer", "product", "date"], sort=True)[units].sum()
                .rename("units").reset_index())
    else:
        days = frame.drop_duplicates(["customer", "product", "date"]).sort_values(
            ["customer", "product", "date"], kind="mergesort")[["customer", "product", "date"]]
        days = days.assign(units=np.nan)
    keys = days.groupby(["customer", "product"], sort=False)
    gaps = (keys["date"].shift(-1) - days["date"]).dt.days
    reading = days["units"] / gaps if units else gaps
    days = days.assign(reading=reading)
    grouped = days.groupby(["customer", "product"], sort=True)
    stats = pd.DataFrame({"purchases": grouped.size(), "n": grouped["reading"].count(),
                          "mean": grouped["reading"].mean(), "var": grouped["reading"].var(ddof=1),
                          "last_purchase": grouped["date"].max(),
                          "last_units": grouped["units"].last()}).reset_index()
    if segment is None:
        stats["segment"] = "all"
    else:
        if not isinstance(segment, pd.Series):
            raise InputError("segment must be a Series mapping each customer to a segment (e.g. "
                             "households.set_index('household_id')['household_size']), or None.")
        if segment.index.has_duplicates:
            raise InputError("segment has the same customer more than once in its index; give one segment per "
                             "customer.")
        stats["segment"] = stats["customer"].map(segment)
        lacking = stats["segment"].isna()
        if lacking.any():
            _say(verbose, f"needs: {int(stats.loc[lacking, 'customer'].nunique()):,} customers have no segment; "
                          "they are shrunk toward a segment of their own ('unknown').")
            stats["segment"] = stats["segment"].astype(object).where(~lacking, "unknown")
    parts = []
    for _item, part in stats.groupby("product", sort=True):
        parts.append(part.merge(_credibility(part), on="segment", how="left"))
    out = pd.concat(parts, ignore_index=True)
    z = (out["n"] / (out["n"] + out["k"])).where(out["n"] > 0, 0.0)
    estimate = (z * out["mean"].fillna(0.0) + (1 - z) * out["segment_mean"]).where(out["segment_mean"].notna(),
                                                                                 out["mean"])
    out["credibility"] = z
    if units:
        out["daily_use"] = estimate
        out["interval_days"] = out["last_units"] / estimate
    else:
        out["interval_days"] = estimate
    no_rhythm = out["interval_days"].isna()
    if no_rhythm.any():
        _say(verbose, f"needs: {int(no_rhythm.sum()):,} customer × product pairs have no interval in their segment "
                      "to borrow from (everyone bought once); they get no forecast.")
    out["next_due"] = out["last_purchase"] + pd.to_timedelta(out["interval_days"].round(), unit="D")
    out["days_since"] = (cutoff - out["last_purchase"]).dt.days
    out["overdue_ratio"] = out["days_since"] / out["interval_days"]
    out = out.rename(columns={"n": "intervals", "mean": "own_mean"})
    columns = ["customer", "product", "segment", "purchases", "intervals", "own_mean", "segment_mean",
               "credibility"] + (["daily_use"] if units else []) + [
               "interval_days", "last_purchase", "next_due", "days_since", "overdue_ratio"]
    out = out[columns].sort_values(["customer", "product"], kind="mergesort").reset_index(drop=True)
    return out.rename(columns={"customer": customer, "product": product})


def next_purchases(log: pd.DataFrame, *, snapshot, until=None, customer: str = "customer_id",
                   product: str = "product", date: str = "date", dayfirst: bool | None = None,
                   date_format: str | None = None, verbose: bool = True) -> pd.Series:
    """The first purchase day on or after ``snapshot`` (up to ``until``) per customer × product (NaT if none)."""
    frame = _clean(log, customer, product, date, dayfirst=dayfirst, date_format=date_format, verbose=verbose)
    start = read_date(snapshot, name="snapshot")
    later = frame[frame["date"] >= start]
    if until is not None:
        end = read_date(until, name="until")
        if end < start:
            raise InputError(f"until={end.date()} is before snapshot={start.date()}.")
        later = later[later["date"] <= end]
    first = later.groupby(["customer", "product"], sort=True)["date"].min()
    first.index = first.index.set_names([customer, product])
    return first.rename("next_purchase")


def capture_share(predicted, actual, *, lead_days: int, window_days: int) -> float:
    """Share of customers whose next purchase falls in the reminder window.

    A reminder is sent ``lead_days`` before the predicted day and covers ``window_days``
    days from then: a purchase on day ``predicted − lead`` up to ``predicted − lead +
    window − 1`` is caught.  ``predicted`` and ``actual`` are aligned by index; a missing
    ``actual`` (no purchase) is a miss; a missing ``predicted`` is refused.
    """
    lead = whole_number(lead_days, "lead_days", low=0)
    window = whole_number(window_days, "window_days", low=1)
    predicted, actual = _pair(predicted, actual)
    start = predicted - pd.Timedelta(days=lead)
    caught = (actual >= start) & (actual < start + pd.Timedelta(days=window))
    return float(caught.fillna(False).mean())


def _pair(predicted, actual) -> tuple[pd.Series, pd.Series]:
    for name, value in (("predicted", predicted), ("actual", actual)):
        if not isinstance(value, pd.Series):
            raise InputError(f"{name} must be a Series of dates indexed like the forecast (customer × product), "
                             f"not {type(value).__name__}.")
    if predicted.index.has_duplicates:
        raise InputError("predicted has repeated index labels; give one predicted day per customer × product.")
    predicted = read_dates(predicted, name="predicted", allow_missing=True)
    if predicted.isna().any():
        raise InputError(f"predicted has {int(predicted.isna().sum()):,} missing days; drop the pairs without a "
                         "forecast first (and say how many).")
    if predicted.empty:
        raise InputError("predicted is empty: there is nothing to evaluate.")
    actual = read_dates(actual, name="actual", allow_missing=True)
    if actual.index.has_duplicates:
        raise InputError("actual has repeated index labels; give one next purchase per customer × product.")
    return predicted, actual.reindex(predicted.index)


def reminder_plan(predicted, actual, *, leads=range(0, 8), window_days: int = 7, value_per_catch: float,
                  cost_per_message: float) -> pd.DataFrame:
    """For each lead (days before the predicted day), the messages, purchases caught and the net value.

    ``net_value`` = caught × ``value_per_catch`` − messages × ``cost_per_message`` (one
    message per customer × product).  The row with the largest net value (ties: the shortest
    lead) is marked ``best``.
    """
    value = number(value_per_catch, "value_per_catch", low=0)
    cost = number(cost_per_message, "cost_per_message", low=0)
    leads = [whole_number(lead, "leads", low=0) for lead in leads]
    if not leads:
        raise InputError("leads is empty; give the lead days to compare, e.g. range(0, 8).")
    predicted, actual = _pair(predicted, actual)
    rows = []
    for lead in sorted(set(leads)):
        share = capture_share(predicted, actual, lead_days=lead, window_days=window_days)
        caught = int(round(share * len(predicted)))
        rows.append({"lead_days": lead, "messages": len(predicted), "caught": caught, "capture_share": share,
                     "net_value": round(caught * value - len(predicted) * cost, 2)})
    table = pd.DataFrame(rows)
    best = table.sort_values(["net_value", "lead_days"], ascending=[False, True], kind="mergesort").index[0]
    table["best"] = table.index == best
    return table


def usual_basket(log: pd.DataFrame, *, snapshot, customer: str = "customer_id", product: str = "product",
                 date: str = "date", pack: str | None = None, min_support: float = 0.25,
                 min_purchases: int = 3, dayfirst: bool | None = None, date_format: str | None = None,
                 verbose: bool = True) -> pd.DataFrame:
    """Per customer, the products (and pack sizes) they keep taking, with support and recency.

    A *visit* is a day on which the customer bought anything.  ``support`` is the share of
    their visits that included the product; a product is in the usual basket when it was
    bought at least ``min_purchases`` times and ``support`` ≥ ``min_support``.  With ``pack``
    (a column), ``usual_pack`` is the pack size most often taken and ``pack_share`` how
    often.  ``days_since`` counts from the last purchase to the snapshot.
    """
    from helpers._validate import share as _share

    support_floor = _share(min_support, "min_support")
    floor = whole_number(min_purchases, "min_purchases", low=1)
    frame, cutoff = _past(log, customer, product, date, snapshot, dayfirst=dayfirst, date_format=date_format,
                          verbose=verbose, numeric=pack)
    visits = frame.drop_duplicates(["customer", "date"]).groupby("customer").size().rename("visits")
    bought = frame.drop_duplicates(["customer", "product", "date"])
    per_item = bought.groupby(["customer", "product"], sort=True).agg(purchases=("date", "size"),
                                                                       last_bought=("date", "max")).reset_index()
    per_item = per_item.merge(visits.reset_index(), on="customer", how="left")
    per_item["support"] = per_item["purchases"] / per_item["visits"]
    per_item["days_since"] = (cutoff - per_item["last_bought"]).dt.days
    if pack:
        counts = frame.groupby(["customer", "product", pack], sort=True).size().rename("n").reset_index()
        counts = counts.sort_values(["customer", "product", "n", pack], ascending=[True, True, False, True],
                                    kind="mergesort")
        top = counts.drop_duplicates(["customer", "product"])
        totals = counts.groupby(["customer", "product"])["n"].sum().rename("total").reset_index()
        top = top.merge(totals, on=["customer", "product"])
        top["pack_share"] = top["n"] / top["total"]
        per_item = per_item.merge(top[["customer", "product", pack, "pack_share"]].rename(
            columns={pack: "usual_pack"}), on=["customer", "product"], how="left")
    keep = (per_item["purchases"] >= floor) & (per_item["support"] >= support_floor)
    out = per_item[keep].sort_values(["customer", "support", "product"], ascending=[True, False, True],
                                     kind="mergesort").reset_index(drop=True)
    return out.rename(columns={"customer": customer, "product": product})


def switch_signal(forecast: pd.DataFrame, *, factor: float = 3.0, min_days: int = 21,
                  customer: str = "customer_id", verbose: bool = True) -> pd.DataFrame:
    """Per customer: has their whole staple shopping gone quiet for far longer than their rhythm?

    A customer's *rhythm* is their fastest staple's interval (``fastest_interval``, the
    smallest ``interval_days``); their *silence* is the days since they last bought any
    staple (``days_silent``, the smallest ``days_since``).  A customer is a **silent
    switcher** when the silence exceeds ``factor`` × the rhythm and is at least ``min_days``:
    one late staple is a holiday or a pack bought elsewhere, but a home that has bought none
    of its staples for three rice cycles shops somewhere else now.  ``overdue`` counts the
    staples whose own ``days_since`` exceeds ``factor`` × their own interval.
    """
    require_columns(forecast, [customer, "interval_days", "days_since"], "The forecast",
                    fix="Pass the table runout_forecast returns (and its customer column name).")
    limit = number(factor, "factor", low=1)
    floor = whole_number(min_days, "min_days", low=0)
    for column in ("interval_days", "days_since"):
        require_numeric(forecast, column)
        if np.isinf(forecast[column].astype("float64")).any():
            raise InputError(f"Column {column!r} of the forecast has infinite values; pass the table "
                             "runout_forecast returns, or fix those rows first.")
    no_forecast = forecast["interval_days"].isna()
    if no_forecast.any():
        count = int(no_forecast.sum())
        pairs = "pair has" if count == 1 else "pairs have"
        _say(verbose, f"needs: {count:,} customer × product {pairs} no forecast (no interval to go on) and "
                      "are not judged.")
    usable = forecast[~no_forecast]
    late = usable["days_since"] > limit * usable["interval_days"]
    table = pd.DataFrame({customer: usable[customer], "interval_days": usable["interval_days"],
                          "days_since": usable["days_since"], "late": late})
    out = table.groupby(customer, sort=True).agg(staples=("late", "size"), overdue=("late", "sum"),
                                                 fastest_interval=("interval_days", "min"),
                                                 days_silent=("days_since", "min"))
    out["overdue"] = out["overdue"].astype("int64")
    out["silent_switcher"] = (out["days_silent"] > limit * out["fastest_interval"]) & (out["days_silent"] >= floor)
    return out.reset_index()
