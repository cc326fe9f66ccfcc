"""Manager Zhang's wholesale accounts, 2023–2024: more customers, no more profit (source case 3.7).

Zhang runs the sales side of a food-and-drinks wholesaler that supplies supermarkets,
convenience stores, restaurants, canteens and small groceries in one city.  In 2024 his team
signed up 200 new accounts; the account list grew by almost half and revenue by about a
quarter, yet the year's profit did not grow: it slipped.  The reason is in the cost to serve: many new
accounts order small amounts often, want extra deliveries, send goods back, call a lot and
pay late, so once those activities are costed they lose money.

Tables
------
* ``main`` — one row per account and year (2023, 2024): segment, year opened, revenue, cost
  of goods, and the cost-to-serve drivers (orders, deliveries, returns, service contacts,
  days to pay).  An account has a row in each year it bought anything.
* ``orders`` — one row per order: ``order_id``, ``account_id``, ``date``, ``amount`` (net of
  any goods sent back) and ``returned`` (part of the order came back).  ``main``'s revenue,
  orders and returns are exactly this table summed per account and year.
* ``cost_rates`` — the company's activity costs, as used by
  :func:`helpers.pyramid.customer_profit` (its defaults ``DEFAULT_RATES`` and
  ``FINANCING_RATE`` are these rates).

How it is made
--------------
Accounts are drawn in three cohorts: 380 old accounts (opened 2010–2022), 40 opened during
2023 and 200 opened during 2024.  Twenty old accounts, all small, stop buying at the end of
2023, so 2023 has 420 accounts and 2024 has 600.  Each segment has a gross-margin rate, a
typical yearly revenue, a typical order size and typical days to pay (``SEGMENTS``).  Three
"supermarket chain" accounts are the largest; ``A0001`` (Huimin, a regional chain of 30
stores) is the single largest account.  An account's yearly revenue is lognormal around
its segment's level (times the share of the year it was open); its orders number about
revenue ÷ order size (Poisson), placed on uniformly drawn days of its open period; each
order is returned in part with a fixed probability.  Deliveries are the orders plus extra
(split or urgent) trips; service contacts are Poisson around a base plus a share of orders.

Half of the accounts won in 2023–2024, and 12% of the old ones, are a *poor fit*
(``POOR_FIT``): they order often in small amounts, want extra (urgent or split) deliveries,
send goods back, call a lot and pay late.  The other new accounts are sizeable outlets that
behave like the old ones.  Every new account got a price concession of two margin points.
Old accounts buy 8% more in 2024 than in 2023.

Planted truths (checked in ``tests/datasets/test_distributor.py``; profit means
``helpers.pyramid.customer_profit`` with its default rates, i.e. ``cost_rates``):
* accounts: 420 in 2023, 600 in 2024 (+43%); 200 opened in 2024, 20 old accounts lost;
* revenue grows by about a quarter (+27%; between +20% and +35%) and gross profit by more
  than 20%, but cost to serve grows by half, so
* profit stalls and slips: 2024 profit is 95% of 2023 profit (between 90% and 100%);
* loss-making accounts: 16% in 2023 and 31% in 2024 (each ±4 points); at least 70% of
  2024's loss-makers were opened in 2023 or 2024, and accounts opened in 2023–2024 lose
  money in total in 2024 while the old accounts' profit grows;
* the whale curve peaks at about 113% of total profit in 2023 and 139% in 2024 (±10 points);
* ``A0001`` (Huimin, the regional chain) is the largest account by revenue and by profit in
  both years, with 10% of 2024 revenue (8–12%), a 9% gross margin rate (the segment with
  the thinnest margin) and 90 days to pay (±3).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.pyramid import DEFAULT_RATES, FINANCING_RATE

TITLE = "Manager Zhang's wholesale accounts, 2023–2024 (case 3.7)"
SEED = 37
YEARS = (2023, 2024)
N_OLD, N_OPENED_2023, N_OPENED_2024, N_LOST = 380, 40, 200, 20
TOP_ACCOUNT = "A0001"

#: segment: gross margin rate, median yearly revenue (yuan), median order (yuan), days to pay
SEGMENTS = {
    "supermarket chain": (0.090, 1_500_000.0, 12_000.0, 75),
    "supermarket": (0.130, 260_000.0, 4_000.0, 50),
    "convenience store": (0.170, 70_000.0, 1_600.0, 30),
    "restaurant": (0.200, 90_000.0, 1_500.0, 40),
    "canteen": (0.150, 160_000.0, 2_500.0, 45),
    "grocery": (0.180, 45_000.0, 1_300.0, 25),
}
#: Segment mix of old and of new accounts (chains are the three fixed accounts).
OLD_MIX = {"supermarket": 0.25, "convenience store": 0.25, "restaurant": 0.20, "canteen": 0.10, "grocery": 0.20}
NEW_MIX = {"supermarket": 0.08, "convenience store": 0.30, "restaurant": 0.30, "canteen": 0.04, "grocery": 0.28}
CHAIN_REVENUE = {"A0001": 8_000_000.0, "A0002": 1_800_000.0, "A0003": 1_100_000.0}

#: Share of accounts won in 2023–2024 that are a poor fit for a wholesaler (the rest look like old accounts).
POOR_FIT_SHARE = 0.50
#: Share of old accounts that are a poor fit too (Zhang has carried them for years).
OLD_POOR_FIT_SHARE = 0.12
#: How poor-fit new accounts differ from old ones.
POOR_FIT = {
    "revenue_factor": 1.0,     # × the segment's typical yearly revenue
    "order_size_factor": 0.48,  # much smaller orders, so many more of them per yuan
    "extra_delivery_rate": 0.35,  # extra (urgent or split) trips per order
    "return_rate": 0.10,       # share of orders partly returned
    "contacts_per_order": 0.35,  # service contacts per order
    "extra_days_to_pay": 25,
}
#: Old accounts, and good-fit new ones.
OLD_ACCOUNT = {"extra_delivery_rate": 0.05, "return_rate": 0.03, "contacts_per_order": 0.10}
NEW_REVENUE_FACTOR = 1.4  # good-fit new accounts are sizeable outlets
NEW_MARGIN_CUT = 0.02     # price concession given to win any new account
CHAIN_EXTRA_DELIVERY_RATE = 1.5  # each chain order is split over several stores
OLD_GROWTH_2024 = 1.08  # old accounts buy 8% more in 2024


def _accounts(rng: np.random.Generator) -> pd.DataFrame:
    """One row per account: segment, opening date, level of business, margin, payment terms."""
    n = N_OLD + N_OPENED_2023 + N_OPENED_2024
    ids = [f"A{i + 1:04d}" for i in range(n)]
    cohort = np.array(["old"] * N_OLD + ["2023"] * N_OPENED_2023 + ["2024"] * N_OPENED_2024)
    old_segments = rng.choice(list(OLD_MIX), size=N_OLD - 3, p=list(OLD_MIX.values()))
    new_segments = rng.choice(list(NEW_MIX), size=N_OPENED_2023 + N_OPENED_2024, p=list(NEW_MIX.values()))
    segment = np.concatenate([["supermarket chain"] * 3, old_segments, new_segments])
    opened_old = pd.to_datetime(
        pd.Series(rng.integers(2010, 2023, N_OLD)).astype(str) + "-01-01") + pd.to_timedelta(
        rng.integers(0, 365, N_OLD), unit="D")
    opened_2023 = pd.Timestamp("2023-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 365, N_OPENED_2023)), unit="D")
    opened_2024 = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 366, N_OPENED_2024)), unit="D")
    opened = pd.DatetimeIndex(np.concatenate([np.sort(opened_old.to_numpy()), opened_2023.to_numpy(),
                                              opened_2024.to_numpy()]))
    opened = opened.where(np.arange(n) >= 3, pd.Timestamp("2012-03-01"))  # the chains are long-standing
    new = cohort != "old"
    poor_fit = rng.random(n) < np.where(new, POOR_FIT_SHARE, OLD_POOR_FIT_SHARE)
    poor_fit[:3] = False
    margin, level, size, days = (np.array([SEGMENTS[s][k] for s in segment]) for k in range(4))
    level = level * rng.lognormal(0.0, 0.55, n) * np.where(poor_fit, POOR_FIT["revenue_factor"],
                                                                np.where(new, NEW_REVENUE_FACTOR, 1.0))
    for account, revenue in CHAIN_REVENUE.items():
        level[ids.index(account)] = revenue
    size = size * rng.lognormal(0.0, 0.25, n) * np.where(poor_fit, POOR_FIT["order_size_factor"], 1.0)
    margin = margin + rng.normal(0.0, 0.015, n) - np.where(new, NEW_MARGIN_CUT, 0.0)
    margin[:3] = SEGMENTS["supermarket chain"][0]
    days = np.maximum(5, np.round(days + rng.normal(0.0, 8.0, n) + np.where(poor_fit, POOR_FIT["extra_days_to_pay"], 0)))
    days[0] = 90  # the largest chain's terms
    # the twenty lost accounts: the smallest old accounts outside the chains, drawn at random among the bottom third
    small_old = np.argsort(level[3:N_OLD], kind="mergesort")[: (N_OLD - 3) // 3] + 3
    lost = np.zeros(n, dtype=bool)
    lost[rng.choice(small_old, size=N_LOST, replace=False)] = True
    return pd.DataFrame({
        "account_id": ids, "segment": segment, "cohort": cohort, "poor_fit": poor_fit, "opened": opened, "lost": lost,
        "level": level, "order_size": size, "margin_rate": margin, "days_to_pay": days.astype("int64"),
    })


def _orders(rng: np.random.Generator, accounts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw each account's orders year by year; return the order log and the yearly drivers."""
    order_rows, year_rows = [], []
    for year in YEARS:
        start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year + 1}-01-01")
        year_days = (end - start).days
        for row in accounts.itertuples(index=False):
            if row.opened >= end or (row.lost and year == 2024):
                continue
            first = max(row.opened, start)
            open_days = (end - first).days
            growth = OLD_GROWTH_2024 if (year == 2024 and row.cohort == "old") else 1.0
            expected = row.level * growth * open_days / year_days
            params = POOR_FIT if row.poor_fit else OLD_ACCOUNT
            extra_rate = CHAIN_EXTRA_DELIVERY_RATE if row.segment == "supermarket chain" else params["extra_delivery_rate"]
            n_orders = max(1, int(rng.poisson(expected / row.order_size)))
            offsets = np.sort(rng.integers(0, open_days, n_orders))
            invoiced = row.order_size * rng.lognormal(-0.045, 0.3, n_orders)
            returned = rng.random(n_orders) < params["return_rate"]
            sent_back = np.where(returned, invoiced * rng.uniform(0.1, 0.5, n_orders), 0.0)
            amount = np.round(invoiced - sent_back, 2)
            order_rows.append(pd.DataFrame({
                "account_id": row.account_id, "date": first + pd.to_timedelta(offsets, unit="D"),
                "amount": amount, "returned": returned,
            }))
            deliveries = n_orders + int(rng.poisson(extra_rate * n_orders))
            contacts = int(rng.poisson(2 + params["contacts_per_order"] * n_orders))
            year_rows.append({
                "account_id": row.account_id, "year": year, "deliveries": deliveries,
                "service_contacts": contacts,
                "days_to_pay": int(max(5, row.days_to_pay + rng.integers(-3, 4))),
            })
    orders = pd.concat(order_rows, ignore_index=True)
    orders = orders.sort_values(["date", "account_id"], kind="mergesort").reset_index(drop=True)
    orders.insert(0, "order_id", [f"O{i + 1:06d}" for i in range(len(orders))])
    return orders, pd.DataFrame(year_rows)


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    accounts = _accounts(rng)
    orders, drivers = _orders(rng, accounts)
    orders["year"] = orders["date"].dt.year.astype("int64")
    yearly = (orders.groupby(["account_id", "year"], sort=True)
              .agg(revenue=("amount", "sum"), orders=("amount", "size"), returns=("returned", "sum"))
              .reset_index())
    main = (yearly.merge(drivers, on=["account_id", "year"], how="left", validate="one_to_one")
            .merge(accounts[["account_id", "segment", "opened", "margin_rate"]], on="account_id", how="left"))
    main["revenue"] = main["revenue"].round(2)
    main["cost_of_goods"] = (main["revenue"] * (1 - main["margin_rate"])).round(2)
    main["opened"] = main["opened"].dt.year.astype("int64")
    main = main[["account_id", "year", "segment", "opened", "revenue", "cost_of_goods", "orders", "deliveries",
                 "returns", "service_contacts", "days_to_pay"]]
    main = main.astype({"orders": "int64", "returns": "int64", "deliveries": "int64",
                        "service_contacts": "int64", "days_to_pay": "int64"})
    main = main.sort_values(["year", "account_id"], kind="mergesort").reset_index(drop=True)
    orders["date"] = orders["date"].dt.normalize()
    orders = orders[["order_id", "account_id", "date", "amount", "returned"]]
    cost_rates = pd.DataFrame({
        "driver": [*DEFAULT_RATES, "days_to_pay"],
        "rate": [*DEFAULT_RATES.values(), FINANCING_RATE],
        "unit": ["yuan per order", "yuan per delivery", "yuan per return", "yuan per contact",
                 "share of revenue per year of payment delay"],
        "meaning": ["taking, picking and invoicing one order", "one truck drop: driver, fuel, loading",
                    "one return: pick-up, inspection, write-off of damaged goods",
                    "one call, visit or complaint handled by the sales team",
                    "cost of money owed: revenue × days_to_pay / 365 × rate"],
    })
    return {"main": main, "orders": orders, "cost_rates": cost_rates}
