"""The customer pyramid: who earns money for the firm, and who costs it.

Revenue says who buys; profit says who pays.  This module turns a table of accounts into
profit after the **cost to serve** them, sorts the accounts into the pyramid's tiers and
measures how concentrated the value is.

* :func:`customer_profit` — revenue − cost of goods − cost to serve, per customer, with
  each cost-to-serve driver (orders, deliveries, returns, service contacts, payment delay)
  in its own column and every rate overridable;
* :func:`pyramid_tiers` — platinum, gold, iron and lead tiers (铂金, 黄金, 铁, 铅), by rank
  share of customers or by profit thresholds; every loss-making customer is lead;
* :func:`tier_summary` and :func:`plot_pyramid` — customers and profit per tier, and the
  pyramid picture;
* :func:`lorenz` and :func:`gini` — how unequal a non-negative value (revenue, say) is;
* :func:`whale_curve` and :func:`whale_summary` — cumulative profit against customers ranked
  by profit; the curve's peak above 100% is what the unprofitable tail costs.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from helpers._validate import (InputError, ReadOnlyDict, aligned, check_finite, number, require_columns, require_frame,
                               require_ids, require_numeric, share)

__all__ = [
    "TIERS", "DEFAULT_SHARES", "DEFAULT_RATES", "FINANCING_RATE",
    "customer_profit", "pyramid_tiers", "tier_summary", "plot_pyramid",
    "lorenz", "gini", "whale_curve", "whale_summary",
]

#: The tiers from the top of the pyramid to the bottom.
TIERS = ("platinum", "gold", "iron", "lead")

#: Default split by rank share of customers, top to bottom: the best 5% are platinum, the
#: next 15% gold, the next 50% iron and the bottom 30% lead.  Loss-making customers are lead
#: whatever their rank, so the lead tier can be larger than 30%.
DEFAULT_SHARES = ReadOnlyDict({"platinum": 0.05, "gold": 0.15, "iron": 0.50, "lead": 0.30})

#: Default activity costs of a wholesale distributor (yuan per unit of each driver), the
#: rates of Manager Zhang's company in the ``distributor`` dataset.  Keys are driver column
#: names; pass ``rates={...}`` to :func:`customer_profit` to change or add some.  Read-only
#: (like every default of the kit): change a copy, ``dict(DEFAULT_RATES)``.
DEFAULT_RATES = ReadOnlyDict({
    "orders": 35.0,            # taking, picking and invoicing one order
    "deliveries": 110.0,       # one truck drop: driver, fuel, loading
    "returns": 180.0,          # one return: pick-up, inspection, write-off of damaged goods
    "service_contacts": 50.0,  # one call, visit or complaint handled by the sales team
})

#: Yearly cost of the money tied up while a customer has not paid (share of the amount
#: owed per year): payment delay costs revenue × days_to_pay / 365 × this rate.
FINANCING_RATE = 0.06


# --------------------------------------------------------------------------- validation


def _numeric_column(frame: pd.DataFrame, column: str, *, allow_negative: bool = False) -> pd.Series:
    series = require_numeric(frame, column, finite=True)
    if not allow_negative and (series < 0).any():
        raise InputError(f"Column {column!r} has {int((series < 0).sum())} negative value(s); "
                         "costs and counts cannot be negative. Check the data or the sign convention.")
    return series.astype("float64")


def _as_values(values, name: str) -> pd.Series:
    """A float Series from a Series, array or list; clear errors for empty, text or NaN."""
    if isinstance(values, pd.DataFrame):
        raise InputError(f"{name} should be one column of numbers (a Series or array), not a DataFrame; "
                         "pick the column, e.g. table['profit'].")
    if isinstance(values, (str, bytes, Mapping)) or np.ndim(values) != 1:
        shape = f"shape {np.shape(values)}" if not isinstance(values, (str, bytes, Mapping)) else type(values).__name__
        raise InputError(f"{name} must be one flat column of numbers (one per customer), not a {shape}; a list of "
                         "lists needs flattening first, e.g. np.ravel(values) or table['profit'].")
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(np.asarray(values))
    if series.empty:
        raise InputError(f"{name} is empty: there are no customers to rank.")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        if series.dtype == object and series.map(lambda v: isinstance(v, str)).all():
            series = series.astype("str")
        require_numeric(pd.DataFrame({name: series}), name)
    missing = int(series.isna().sum())
    if missing:
        raise InputError(f"{name} has {missing} missing value(s) (NaN); every customer needs a number. "
                         "Fill them (a customer with no sales has 0) or drop them and say how many.")
    values_float = series.astype("float64")
    if not np.isfinite(values_float).all():
        raise InputError(f"{name} has infinite values; check for a division by zero.")
    return values_float


def _non_negative(values, name: str) -> np.ndarray:
    series = _as_values(values, name)
    if (series < 0).any():
        raise InputError(f"{name} has {int((series < 0).sum())} negative value(s). The Lorenz curve and the "
                         "Gini index need non-negative amounts such as revenue; for profit with losses use "
                         "whale_curve.")
    if series.sum() == 0:
        raise InputError(f"{name} adds up to 0, so shares of the total are undefined.")
    return series.to_numpy()


# --------------------------------------------------------------------------- profit


def customer_profit(accounts: pd.DataFrame, *, customer: str = "account_id", revenue: str = "revenue",
                    cost_of_goods: str = "cost_of_goods", rates: Mapping[str, float | None] | None = None,
                    payment_days: str | None = "days_to_pay",
                    financing_rate: float | None = FINANCING_RATE) -> pd.DataFrame:
    """Profit per customer after the cost of goods and the cost to serve.

    ``accounts`` has one row per customer.  Each driver column named in the rates (by default
    :data:`DEFAULT_RATES`: ``orders``, ``deliveries``, ``returns``, ``service_contacts``) is
    multiplied by its rate in yuan per unit; ``rates`` updates the defaults (a rate of
    ``None`` leaves that driver out).  Payment delay costs
    ``revenue × payment_days / 365 × financing_rate``; pass ``payment_days=None`` to leave
    it out.

    Returns a DataFrame indexed by ``customer`` (sorted) with ``revenue``, ``cost_of_goods``,
    ``gross_profit``, one ``<driver>_cost`` column per driver, ``payment_cost``,
    ``cost_to_serve`` and ``profit`` (= gross profit − cost to serve).
    """
    require_frame(accounts, "accounts (one row per customer)")
    if rates is not None and not isinstance(rates, Mapping):
        raise InputError(f"rates must be a dict of yuan per unit by driver column, e.g. {{'orders': 35.0}}, not "
                         f"{type(rates).__name__}.")
    merged = dict(DEFAULT_RATES)
    merged.update(rates or {})
    drivers = {driver: rate for driver, rate in merged.items() if rate is not None}
    for driver, rate in drivers.items():
        try:
            value = number(rate, f"The rate for {driver!r}")
        except InputError:
            value = -1.0
        if value < 0:
            raise InputError(f"The rate for {driver!r} must be a non-negative number of yuan per unit, not {rate!r}.")
        drivers[driver] = value
    needed = [customer, revenue, cost_of_goods, *drivers]
    if payment_days is not None:
        needed.append(payment_days)
        if financing_rate is None:
            raise InputError("financing_rate must be a non-negative yearly rate (e.g. 0.06) when payment_days "
                             "is given; pass payment_days=None to leave payment delay out.")
        financing_rate = share(financing_rate, "financing_rate")
    missing = [c for c in needed if isinstance(c, str) and c not in accounts.columns]
    fixes = []
    for column in missing:
        if column in drivers:
            fixes.append(f"rates={{{column!r}: None}} leaves the {column!r} driver out")
        elif column == payment_days:
            fixes.append("payment_days=None leaves payment delay out")
    fix = ("Rename your columns or pass the right names as arguments" + (", or: " + "; ".join(fixes) if fixes else "")
           + ".")
    require_columns(accounts, needed, "accounts (one row per customer)", fix=fix)
    require_ids(accounts, customer)
    if accounts[customer].isna().any():
        raise InputError(f"Column {customer!r} has {int(accounts[customer].isna().sum())} missing id(s); every "
                         "account needs one.")
    duplicated = accounts[customer].duplicated()
    if duplicated.any():
        raise InputError(f"accounts has {int(duplicated.sum())} repeated {customer!r} value(s) (e.g. "
                         f"{accounts.loc[duplicated, customer].iloc[0]!r}); it needs one row per customer. "
                         "Filter to one period (e.g. one year) or aggregate first.")
    out = pd.DataFrame(index=pd.Index(accounts[customer].to_numpy(), name=customer))
    out["revenue"] = _numeric_column(accounts, revenue, allow_negative=True).to_numpy()
    out["cost_of_goods"] = _numeric_column(accounts, cost_of_goods).to_numpy()
    out["gross_profit"] = out["revenue"] - out["cost_of_goods"]
    cost_columns = []
    for driver, rate in drivers.items():
        column = f"{driver}_cost"
        out[column] = _numeric_column(accounts, driver).to_numpy() * float(rate)
        cost_columns.append(column)
    if payment_days is not None:
        days = _numeric_column(accounts, payment_days).to_numpy()
        out["payment_cost"] = out["revenue"].clip(lower=0) * days / 365 * float(financing_rate)
        cost_columns.append("payment_cost")
    out["cost_to_serve"] = out[cost_columns].sum(axis=1) if cost_columns else 0.0
    out["profit"] = out["gross_profit"] - out["cost_to_serve"]
    return out.sort_index(kind="mergesort")


# --------------------------------------------------------------------------- tiers


def _tier_shares(shares) -> dict[str, float]:
    if isinstance(shares, Mapping):
        unknown = sorted(set(shares) - set(TIERS))
        if unknown or set(shares) != set(TIERS):
            raise InputError(f"shares must give all four tiers {list(TIERS)}; got {sorted(map(str, shares))}.")
        values = [shares[t] for t in TIERS]
    else:
        if isinstance(shares, (str, bytes)) or np.ndim(shares) != 1:
            raise InputError(f"shares needs four numbers (platinum, gold, iron, lead), not {shares!r}.")
        values = list(shares)
        if len(values) != 4:
            raise InputError(f"shares needs four numbers (platinum, gold, iron, lead), not {len(values)}.")
    try:
        values = [number(v, "shares") for v in values]
    except InputError:
        raise InputError(f"shares must be numbers between 0 and 1, got {values!r}.") from None
    total = sum(values)
    if any(v < 0 or v > 1 for v in values):
        hint = " They look like percentages: divide by 100." if np.isclose(total, 100.0) else ""
        raise InputError(f"Each share must lie between 0 and 1, got {values}.{hint}")
    if not np.isclose(total, 1.0, atol=1e-6):
        raise InputError(f"shares sum to {total:g}; they must sum to 1 (e.g. 0.05, 0.15, 0.50, 0.30).")
    return dict(zip(TIERS, values))


def pyramid_tiers(profit, shares=None, *, thresholds: Mapping[str, float] | None = None) -> pd.Series:
    """Assign each customer to platinum, gold, iron or lead.

    By rank (the default): customers are ranked by profit, best first, and the top
    ``shares["platinum"]`` of them (rounded half up to whole customers) are platinum, the next
    ``shares["gold"]`` gold, and so on (default :data:`DEFAULT_SHARES`: 5/15/50/30%).
    Customers with the same profit always share a tier: the tier of the best position among
    them.  By thresholds: ``thresholds={"platinum": 50_000, "gold": 10_000, "iron": 0}``
    puts a customer in the highest tier whose minimum profit it reaches; the rest are lead.

    In both modes every customer with negative profit is lead.  Returns an ordered
    categorical Series named ``tier`` (``lead < iron < gold < platinum``) with the index of
    ``profit``.
    """
    values = _as_values(profit, "profit")
    if shares is not None and thresholds is not None:
        raise InputError("Give either shares (tiers by rank) or thresholds (tiers by profit), not both.")
    labels = np.full(len(values), "lead", dtype=object)
    if thresholds is not None:
        if not isinstance(thresholds, Mapping) or set(thresholds) != {"platinum", "gold", "iron"}:
            raise InputError("thresholds must give the minimum profit of 'platinum', 'gold' and 'iron' "
                             f"(everything below is lead); got {thresholds!r}.")
        cut = [number(thresholds[t], f"thresholds[{t!r}]") for t in ("platinum", "gold", "iron")]
        if not cut[0] >= cut[1] >= cut[2]:
            raise InputError(f"thresholds must fall from platinum to iron, got {cut}.")
        for tier, minimum in zip(("iron", "gold", "platinum"), cut[::-1]):
            labels[(values >= minimum).to_numpy()] = tier
    else:
        split = _tier_shares(DEFAULT_SHARES if shares is None else shares)
        n = len(values)
        bounds = np.floor(n * np.cumsum([split[t] for t in TIERS]) + 0.5 + 1e-9)
        # position of the best-ranked customer with the same profit (0 = the most profitable)
        position = values.rank(method="min", ascending=False).to_numpy() - 1
        tier_index = np.searchsorted(bounds, position, side="right")
        labels = np.array(TIERS, dtype=object)[np.minimum(tier_index, 3)]
    labels[(values < 0).to_numpy()] = "lead"
    return pd.Series(pd.Categorical(labels, categories=list(TIERS[::-1]), ordered=True),
                     index=values.index, name="tier")


def tier_summary(profit, tiers: pd.Series, revenue=None) -> pd.DataFrame:
    """Customers, profit (and revenue) per tier, with each tier's share of the total.

    Rows are the tiers top to bottom; ``profit`` and ``tiers`` (and ``revenue``) must share
    an index.
    """
    values = _as_values(profit, "profit")
    if not isinstance(tiers, pd.Series):
        raise InputError("tiers must be a Series with the same index as profit (use pyramid_tiers(profit)).")
    tiers = aligned(tiers, values.index, "tiers", other="profit")
    if tiers.isna().any():
        raise InputError(f"tiers has {int(tiers.isna().sum())} missing value(s); every customer needs a tier "
                         "(use pyramid_tiers(profit)).")
    labels = tiers.astype("str")
    unknown = sorted(set(labels) - set(TIERS))
    if unknown:
        raise InputError(f"tiers holds label(s) {unknown} that are not tiers of the pyramid {list(TIERS)}; they "
                         "would drop out of the summary. Map them onto the four tiers first.")
    frame = pd.DataFrame({"tier": pd.Categorical(labels.to_numpy(), categories=list(TIERS)), "profit": values},
                         index=values.index)
    if revenue is not None:
        revenue_values = _as_values(revenue, "revenue")
        revenue_values = aligned(revenue_values, values.index, "revenue", other="profit")
        frame["revenue"] = revenue_values
    grouped = frame.groupby("tier", observed=False)
    out = pd.DataFrame({"customers": grouped.size().astype("int64"), "profit": grouped["profit"].sum()})
    out["share_of_customers"] = out["customers"] / out["customers"].sum()
    out["share_of_profit"] = out["profit"] / out["profit"].sum()
    out["profit_per_customer"] = out["profit"] / out["customers"].replace(0, np.nan)
    if revenue is not None:
        out["revenue"] = grouped["revenue"].sum()
        out["share_of_revenue"] = out["revenue"] / out["revenue"].sum()
    out.index = pd.Index([str(t) for t in out.index], name="tier")
    return out


def plot_pyramid(summary: pd.DataFrame, ax=None, title: str = "The customer pyramid"):
    """Draw the pyramid: per tier, its share of customers beside its share of profit (in %).

    One pair of horizontal bars per tier, platinum at the top; a tier that loses money has a
    profit bar pointing left.  ``summary`` is a :func:`tier_summary` table.
    """
    import matplotlib.pyplot as plt

    require_columns(summary, ["share_of_customers", "share_of_profit"], "summary (a tier_summary table)",
                    allow_empty=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    order = [t for t in TIERS if t in summary.index][::-1]  # lead at the bottom
    y = np.arange(len(order), dtype=float)
    customers = 100 * summary.loc[order, "share_of_customers"].to_numpy()
    profit = 100 * summary.loc[order, "share_of_profit"].to_numpy()
    height = 0.38
    ax.barh(y + height / 2, customers, height, color="#7f7f7f")
    ax.barh(y - height / 2, profit, height, color=["#d55e00" if p < 0 else "#0173b2" for p in profit])
    span = max(customers.max(), np.abs(profit).max())
    for yi, c, p in zip(y, customers, profit):
        ax.text(c + span * 0.01, yi + height / 2, f"{c:.0f}%", va="center", ha="left", fontsize=9)
        ax.text(p + (span * 0.01 if p >= 0 else -span * 0.01), yi - height / 2, f"{p:.0f}%", va="center",
                ha="left" if p >= 0 else "right", fontsize=9)
    ax.set_yticks(y, order)
    ax.axvline(0, color="black", lw=1)
    low = min(0.0, profit.min()) * 1.25
    ax.set_xlim(low - (5 if low < 0 else 0), span * 1.15)
    ax.set_xlabel("Share of all customers or of total profit (%)")
    ax.set_title(title)
    from matplotlib.patches import Patch

    handles = [Patch(color="#7f7f7f", label="share of customers"), Patch(color="#0173b2", label="share of profit")]
    if (profit < 0).any():
        handles.append(Patch(color="#d55e00", label="share of profit (a loss)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(handles), frameon=False)
    return ax


# --------------------------------------------------------------------------- concentration


def lorenz(values) -> pd.DataFrame:
    """The Lorenz curve of non-negative amounts: customers sorted from smallest to largest.

    Returns ``share_of_customers`` and ``share_of_value`` (cumulative, from 0 to 1), starting
    with the point (0, 0), so the table has ``n + 1`` rows.
    """
    amounts = np.sort(_non_negative(values, "values"), kind="mergesort")
    n = len(amounts)
    return pd.DataFrame({
        "share_of_customers": np.arange(n + 1) / n,
        "share_of_value": np.concatenate([[0.0], np.cumsum(amounts) / amounts.sum()]),
    })


def gini(values) -> float:
    """The Gini index of non-negative amounts: 0 when all are equal, (n − 1)/n when one holds all.

    Computed as 1 − 2 × the area under the Lorenz curve (trapezoids), which equals the mean
    absolute difference between all pairs divided by twice the mean.
    """
    curve = lorenz(values)
    x, y = curve["share_of_customers"].to_numpy(), curve["share_of_value"].to_numpy()
    area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
    return 1.0 - 2.0 * area


def whale_curve(profit) -> pd.DataFrame:
    """Cumulative profit against customers ranked from most to least profitable.

    Returns ``rank`` (0 for the starting point), ``share_of_customers``, ``cumulative_profit``
    and ``share_of_total_profit`` (cumulative profit ÷ total profit).  The curve rises above 1
    while profitable customers are added and falls back to 1 as the loss-makers are added:
    its peak minus 1 is what the unprofitable tail costs, as a share of the total.  Total
    profit must be positive.
    """
    values = _as_values(profit, "profit")
    total = float(values.sum())
    if total <= 0:
        raise InputError(f"Total profit is {total:,.2f}; the whale curve shows shares of a positive total. "
                         "Plot cumulative profit in yuan instead.")
    ranked = np.sort(values.to_numpy())[::-1]
    cumulative = np.concatenate([[0.0], np.cumsum(ranked)])
    n = len(ranked)
    return pd.DataFrame({
        "rank": np.arange(n + 1, dtype="int64"),
        "share_of_customers": np.arange(n + 1) / n,
        "cumulative_profit": cumulative,
        "share_of_total_profit": cumulative / total,
    })


def whale_summary(profit) -> pd.Series:
    """The whale curve's key figures: total profit, the peak and where it is, and the tail's loss."""
    curve = whale_curve(profit)
    peak = curve.loc[curve["cumulative_profit"].idxmax()]
    values = _as_values(profit, "profit")
    losses = values[values < 0]
    return pd.Series({
        "customers": int(len(values)),
        "total_profit": float(values.sum()),
        "peak_profit": float(peak["cumulative_profit"]),
        "peak_share": float(peak["share_of_total_profit"]),
        "customers_at_peak": int(peak["rank"]),
        "share_of_customers_at_peak": float(peak["share_of_customers"]),
        "loss_makers": int(len(losses)),
        "loss_of_loss_makers": float(-losses.sum()),
    }, dtype=object)
