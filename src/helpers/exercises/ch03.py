"""Checks for ``03_customer_pyramid`` (Manager Zhang's accounts, ``distributor``)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import data
from helpers.checks import Exercises, Hint, expect_number, expect_series
from helpers.pyramid import customer_profit, gini, pyramid_tiers, whale_summary

exercises = Exercises("ch03")

#: Exercise 5's profit thresholds (yuan a year) and exercise 7's fee (yuan per extra delivery).
THRESHOLDS = {"platinum": 50_000, "gold": 10_000, "iron": 0}
EXTRA_DELIVERY_FEE = 40.0


@lru_cache(maxsize=1)
def _accounts() -> pd.DataFrame:
    return data.load("distributor")


def _year(year: int) -> pd.DataFrame:
    main = _accounts()
    return main[main["year"] == year]


def _profit(year: int) -> pd.DataFrame:
    return customer_profit(_year(year))


@exercises.add("ex1", "loss_makers_2024")
def ex1(loss_makers_2024):
    p24, p23 = _profit(2024), _profit(2023)
    expected = int((p24["profit"] < 0).sum())
    expect_number(loss_makers_2024, expected, name="loss_makers_2024", integer=True, alternatives=[
        (int((p23["profit"] < 0).sum()), "That is the count for 2023; filter the accounts to `year == 2024` first."),
        ((p24["profit"] < 0).mean(), "That is the share of accounts; the exercise asks for the number of accounts."),
        (int((p24["gross_profit"] < 0).sum()), "You counted accounts with negative *gross* profit; subtract the cost "
                                               "to serve too (use the `profit` column)."),
    ])
    return f"{expected} of {len(p24)} accounts lose money once the cost to serve is counted."


@exercises.add("ex2", "cost_to_serve_share")
def ex2(cost_to_serve_share):
    p24, p23 = _profit(2024), _profit(2023)
    expected = p24["cost_to_serve"].sum() / p24["revenue"].sum()
    expect_number(cost_to_serve_share, expected, name="cost_to_serve_share", alternatives=[
        (p24["cost_to_serve"].sum() / p24["gross_profit"].sum(),
         "You divided by gross profit; the exercise asks for the cost to serve per yuan of revenue."),
        (p23["cost_to_serve"].sum() / p23["revenue"].sum(), "That is the 2023 figure; use the 2024 accounts."),
        ((p24["cost_to_serve"] / p24["revenue"]).mean(),
         "That is the average of each account's ratio; divide the total cost to serve by the total revenue."),
        ((p24["cost_to_serve"] - p24["payment_cost"]).sum() / p24["revenue"].sum(),
         "You left out the cost of late payment (`payment_cost`); it is part of the cost to serve."),
    ])


@exercises.add("ex3", "profit_by_segment")
def ex3(profit_by_segment):
    accounts = _year(2024)
    p24 = _profit(2024).join(accounts.set_index("account_id")["segment"])
    expected = p24.groupby("segment")["profit"].sum().rename("profit")
    if isinstance(profit_by_segment, pd.Series) and profit_by_segment.index.equals(expected.index):
        mean = p24.groupby("segment")["profit"].mean()
        gross = p24.groupby("segment")["gross_profit"].sum()
        mine = profit_by_segment.astype("float64")
        if (mine - mean).abs().max() < 1e-2 and (mine - expected).abs().max() > 1:
            raise Hint("Those are average profits per account; the exercise asks for each segment's total.")
        if (mine - gross).abs().max() < 1e-2:
            raise Hint("Those are gross profits; subtract the cost to serve (use the `profit` column).")
    expect_series(profit_by_segment, expected, name="profit_by_segment", rel_tol=1e-6, abs_tol=0.01)
    worst = expected.idxmin()
    return f"The weakest segment is {worst} ({expected[worst]:,.0f} yuan)."


@exercises.add("ex4", "gini_revenue_2024")
def ex4(gini_revenue_2024):
    p24, p23 = _profit(2024), _profit(2023)
    expected = gini(p24["revenue"])
    expect_number(gini_revenue_2024, expected, name="gini_revenue_2024", rel_tol=1e-6, alternatives=[
        (gini(p23["revenue"]), "That is the Gini index of 2023 revenue; use the 2024 accounts."),
        (gini(p24["gross_profit"]), "That is the Gini index of gross profit; the exercise asks about revenue."),
        (1 - expected, "That is 1 − Gini: the Gini index is 1 − 2 × the area under the Lorenz curve."),
    ])


@exercises.add("ex5", "threshold_tier_counts")
def ex5(threshold_tier_counts):
    profit = _profit(2024)["profit"]
    tiers = pyramid_tiers(profit, thresholds=THRESHOLDS)
    order = ["platinum", "gold", "iron", "lead"]
    expected = tiers.astype("str").value_counts().reindex(order).astype("int64").rename("customers")
    by_rank = pyramid_tiers(profit).astype("str").value_counts().reindex(order)
    if isinstance(threshold_tier_counts, pd.Series):
        mine = threshold_tier_counts.copy()
        mine.index = [str(i) for i in mine.index]
        if set(mine.index) == set(order) and (mine.reindex(order).to_numpy() == by_rank.to_numpy()).all():
            raise Hint("Those are the tiers by rank share (the default); pass `thresholds=` to `pyramid_tiers`.")
        threshold_tier_counts = mine
    expect_series(threshold_tier_counts, expected, name="threshold_tier_counts")


@exercises.add("ex6", "peak_2023")
def ex6(peak_2023):
    expected = whale_summary(_profit(2023)["profit"])["peak_share"]
    peak_2024 = whale_summary(_profit(2024)["profit"])["peak_share"]
    expect_number(peak_2023, expected, name="peak_2023", rel_tol=1e-6, alternatives=[
        (peak_2024, "That is the 2024 peak; use the 2023 accounts."),
        (whale_summary(_profit(2023)["profit"])["peak_profit"],
         "That is the peak in yuan; divide by total profit to get it as a share."),
        (expected - 1, "That is how far the peak rises above 100%; give the peak itself (e.g. 1.25 for 125%)."),
    ])


@exercises.add("ex7", "rescued_accounts")
def ex7(rescued_accounts):
    accounts = _year(2024).set_index("account_id")
    p24 = _profit(2024)
    extra = (accounts["deliveries"] - accounts["orders"]).reindex(p24.index)
    losers = p24["profit"] < 0
    after = p24["profit"] + EXTRA_DELIVERY_FEE * extra
    expected = int((losers & (after >= 0)).sum())
    on_all = p24["profit"] + EXTRA_DELIVERY_FEE * accounts["deliveries"].reindex(p24.index)
    expect_number(rescued_accounts, expected, name="rescued_accounts", integer=True, alternatives=[
        (int((losers & (on_all >= 0)).sum()), "You charged the fee on every delivery; it applies only to extra "
                                               "deliveries (deliveries − orders)."),
        (int((after < 0).sum()), "That is how many accounts still lose money after the fee; the exercise asks how "
                                 "many loss-makers it turns profitable."),
        (int((after >= 0).sum()), "You counted every account that makes money after the fee; count only those "
                                  "that lost money before it."),
    ])
    return f"The fee would bring in {EXTRA_DELIVERY_FEE * extra.sum():,.0f} yuan if no account changed its habits."
