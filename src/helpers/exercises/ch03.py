"""Checks for ``03_customer_pyramid`` (Manager Zhang's accounts, ``distributor``) and its catalogue."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import data, pyramid
from helpers.checks import Exercises, expect_number, expect_series
from helpers.pyramid import gini, pyramid_tiers, whale_summary

exercises = Exercises("ch03")
CATALOGUE_COMPLETE = True

#: Exercise 5's profit thresholds (yuan a year) and exercise 7's fee (yuan per extra delivery).
THRESHOLDS = {"platinum": 50_000, "gold": 10_000, "iron": 0}
EXTRA_DELIVERY_FEE = 40.0
#: Exercise 6's segment.
SEGMENT_EX6 = "convenience store"
TIER_ORDER = ["platinum", "gold", "iron", "lead"]
#: The cost-to-serve rates as shipped, copied when the checks are imported: a notebook that
#: edits ``pyramid.DEFAULT_RATES`` in place cannot move what the checks expect.
PRISTINE_RATES = dict(pyramid.DEFAULT_RATES)


@lru_cache(maxsize=1)
def _accounts() -> pd.DataFrame:
    return data.load("distributor")


def _year(year: int) -> pd.DataFrame:
    main = _accounts()
    return main[main["year"] == year]


@lru_cache(maxsize=2)
def _profit(year: int) -> pd.DataFrame:
    profit = pyramid.customer_profit(_year(year), rates=dict(PRISTINE_RATES))
    return profit.join(_year(year).set_index("account_id")[["segment", "orders", "deliveries"]])


# ----------------------------------------------------------------------------- ex1

@exercises.add("ex1", "loss_makers_2024")
def ex1(loss_makers_2024):
    p24, p23 = _profit(2024), _profit(2023)
    expected = int((p24["profit"] < 0).sum())
    expect_number(loss_makers_2024, expected, name="loss_makers_2024", integer=True, alternatives=[
        (int((p23["profit"] < 0).sum()), "That is the count for 2023; filter the accounts to `year == 2024` first.",
         "wrong-year"),
        ((p24["profit"] < 0).mean(), "That is the share of accounts; the exercise asks for the number of accounts.",
         "share-not-count"),
        (int((p24["gross_profit"] < 0).sum()), "You counted accounts with negative *gross* profit; subtract the cost "
                                               "to serve too (use the `profit` column).", "gross-not-net"),
    ])
    return f"{expected} of {len(p24)} accounts lose money once the cost to serve is counted."


exercises.answer("ex1")(lambda: {"loss_makers_2024": int((_profit(2024)["profit"] < 0).sum())})
exercises.form("ex1", "as a numpy integer")(lambda: {"loss_makers_2024": (_profit(2024)["profit"] < 0).sum()})
exercises.mistake("ex1", "wrong-year", "uses all of 2023")(
    lambda: {"loss_makers_2024": int((_profit(2023)["profit"] < 0).sum())})
exercises.mistake("ex1", "share-not-count", "gives the share")(
    lambda: {"loss_makers_2024": (_profit(2024)["profit"] < 0).mean()})
exercises.mistake("ex1", "gross-not-net", "counts negative gross profit")(
    lambda: {"loss_makers_2024": int((_profit(2024)["gross_profit"] < 0).sum())})


# ----------------------------------------------------------------------------- ex2

@exercises.add("ex2", "cost_to_serve_share")
def ex2(cost_to_serve_share):
    p24, p23 = _profit(2024), _profit(2023)
    expected = p24["cost_to_serve"].sum() / p24["revenue"].sum()
    expect_number(cost_to_serve_share, expected, name="cost_to_serve_share", sig=3, alternatives=[
        (p24["cost_to_serve"].sum() / p24["gross_profit"].sum(),
         "You divided by gross profit; the exercise asks for the cost to serve per yuan of revenue.",
         "per-gross-profit"),
        (p23["cost_to_serve"].sum() / p23["revenue"].sum(), "That is the 2023 figure; use the 2024 accounts.",
         "wrong-year"),
        ((p24["cost_to_serve"] / p24["revenue"]).mean(),
         "That is the average of each account's ratio; divide the total cost to serve by the total revenue.",
         "mean-of-ratios"),
        ((p24["cost_to_serve"] - p24["payment_cost"]).sum() / p24["revenue"].sum(),
         "You left out the cost of late payment (`payment_cost`); it is part of the cost to serve.",
         "no-payment-cost"),
    ])


def _p24():
    return _profit(2024)


exercises.answer("ex2")(lambda: {"cost_to_serve_share": _p24()["cost_to_serve"].sum() / _p24()["revenue"].sum()})
exercises.form("ex2", "rounded to three significant figures")(
    lambda: {"cost_to_serve_share": float(f"{_p24()['cost_to_serve'].sum() / _p24()['revenue'].sum():.3g}")})
exercises.mistake("ex2", "per-gross-profit", "divides by gross profit")(
    lambda: {"cost_to_serve_share": _p24()["cost_to_serve"].sum() / _p24()["gross_profit"].sum()})
exercises.mistake("ex2", "mean-of-ratios", "averages each account's ratio")(
    lambda: {"cost_to_serve_share": (_p24()["cost_to_serve"] / _p24()["revenue"]).mean()})
exercises.mistake("ex2", "no-payment-cost", "leaves out the payment cost")(
    lambda: {"cost_to_serve_share": (_p24()["cost_to_serve"] - _p24()["payment_cost"]).sum() / _p24()["revenue"].sum()})


# ----------------------------------------------------------------------------- ex3

@exercises.add("ex3", "profit_by_segment")
def ex3(profit_by_segment):
    p24, p23 = _profit(2024), _profit(2023)
    expected = p24.groupby("segment")["profit"].sum().rename("profit")
    expect_series(profit_by_segment, expected, name="profit_by_segment", rel_tol=1e-6, abs_tol=0.01, alternatives=[
        (p24.groupby("segment")["profit"].mean(), "Those are average profits per account; the exercise asks for "
                                                  "each segment's total.", "mean-not-total"),
        (p24.groupby("segment")["gross_profit"].sum(), "Those are gross profits; subtract the cost to serve (use "
                                                       "the `profit` column).", "gross-not-net"),
        (p23.groupby("segment")["profit"].sum(), "Those are the 2023 totals; use the 2024 accounts.", "wrong-year"),
    ])
    worst = expected.idxmin()
    return f"The weakest segment is {worst} ({expected[worst]:,.0f} yuan)."


exercises.answer("ex3")(lambda: {"profit_by_segment": _p24().groupby("segment")["profit"].sum()})
exercises.form("ex3", "as a two-column table after reset_index()")(
    lambda: {"profit_by_segment": _p24().groupby("segment")["profit"].sum().reset_index()})
exercises.form("ex3", "as a dict with capitalised segment names")(
    lambda: {"profit_by_segment": {k.title(): v for k, v in _p24().groupby("segment")["profit"].sum().items()}})
exercises.mistake("ex3", "mean-not-total", "averages per account")(
    lambda: {"profit_by_segment": _p24().groupby("segment")["profit"].mean()})
exercises.mistake("ex3", "gross-not-net", "adds up gross profit")(
    lambda: {"profit_by_segment": _p24().groupby("segment")["gross_profit"].sum()})
exercises.mistake("ex3", "wrong-year", "uses 2023")(
    lambda: {"profit_by_segment": _profit(2023).groupby("segment")["profit"].sum()})


# ----------------------------------------------------------------------------- ex4

@exercises.add("ex4", "gini_revenue_2023")
def ex4(gini_revenue_2023):
    p24, p23 = _profit(2024), _profit(2023)
    expected = gini(p23["revenue"])
    expect_number(gini_revenue_2023, expected, name="gini_revenue_2023", sig=3, alternatives=[
        (gini(p24["revenue"]), "That is the Gini index of 2024 revenue, the one the text printed; use the 2023 "
                               "accounts.", "text-year"),
        (gini(p23["gross_profit"]), "That is the Gini index of gross profit; the exercise asks about revenue.",
         "gross-not-revenue"),
        (1 - expected, "That is 1 − Gini: the Gini index is 1 − 2 × the area under the Lorenz curve.",
         "one-minus-gini"),
    ])


exercises.answer("ex4")(lambda: {"gini_revenue_2023": gini(_year(2023)["revenue"])})
exercises.form("ex4", "rounded to three significant figures")(
    lambda: {"gini_revenue_2023": round(gini(_year(2023)["revenue"]), 3)})
exercises.mistake("ex4", "text-year", "keeps 2024")(lambda: {"gini_revenue_2023": gini(_year(2024)["revenue"])})
exercises.mistake("ex4", "gross-not-revenue", "uses gross profit")(
    lambda: {"gini_revenue_2023": gini(_year(2023)["revenue"] - _year(2023)["cost_of_goods"])})
exercises.mistake("ex4", "one-minus-gini", "gives 1 − G")(lambda: {"gini_revenue_2023": 1 - gini(_year(2023)["revenue"])})


# ----------------------------------------------------------------------------- ex5

def _counts(tiers: pd.Series) -> pd.Series:
    return tiers.astype("str").value_counts().rename("customers")


@exercises.add("ex5", "threshold_tier_counts")
def ex5(threshold_tier_counts):
    p24 = _profit(2024)
    expected = _counts(pyramid_tiers(p24["profit"], thresholds=THRESHOLDS)).reindex(TIER_ORDER).astype("int64")
    expected.index.name = "tier"
    expect_series(threshold_tier_counts, expected, name="threshold_tier_counts", alternatives=[
        (_counts(pyramid_tiers(p24["profit"])), "Those are the tiers by rank share (the default); pass "
                                                "`thresholds=` to `pyramid_tiers`.", "rank-not-thresholds"),
        (_counts(pyramid_tiers(p24["revenue"], thresholds=THRESHOLDS)),
         "You applied the thresholds to revenue; Zhang's bars are in yuan of *profit* after the cost to serve.",
         "revenue-not-profit"),
        (_counts(pyramid_tiers(p24["gross_profit"], thresholds=THRESHOLDS)),
         "You applied the thresholds to gross profit; use profit after the cost to serve (`profit`).",
         "gross-not-profit"),
    ])


def _student_tiers(column="profit", thresholds=True):
    tiers = pyramid_tiers(_p24()[column], thresholds=THRESHOLDS if thresholds else None)
    return tiers.astype("str").value_counts()


exercises.answer("ex5")(lambda: {"threshold_tier_counts": _student_tiers()})
exercises.form("ex5", "as a dict with capitalised tier names")(
    lambda: {"threshold_tier_counts": {k.capitalize(): int(v) for k, v in _student_tiers().items()}})
exercises.form("ex5", "as a two-column table from reset_index()")(
    lambda: {"threshold_tier_counts": _student_tiers().rename_axis("tier").reset_index()})
exercises.mistake("ex5", "rank-not-thresholds", "keeps the default rank tiers")(
    lambda: {"threshold_tier_counts": _student_tiers(thresholds=False)})
exercises.mistake("ex5", "revenue-not-profit", "applies the bars to revenue")(
    lambda: {"threshold_tier_counts": _student_tiers("revenue")})
exercises.mistake("ex5", "gross-not-profit", "applies the bars to gross profit")(
    lambda: {"threshold_tier_counts": _student_tiers("gross_profit")})


# ----------------------------------------------------------------------------- ex6

@exercises.add("ex6", "peak_convenience")
def ex6(peak_convenience):
    p24, p23 = _profit(2024), _profit(2023)
    shops = p24.loc[p24["segment"] == SEGMENT_EX6, "profit"]
    summary = whale_summary(shops)
    expected = summary["peak_share"]
    expect_number(peak_convenience, expected, name="peak_convenience", sig=3, alternatives=[
        (whale_summary(p24["profit"])["peak_share"], "That is the peak over all 2024 accounts; keep the "
                                                     "convenience stores only.", "all-accounts"),
        (whale_summary(p23.loc[p23["segment"] == SEGMENT_EX6, "profit"])["peak_share"],
         "That is the 2023 peak; use the 2024 accounts.", "wrong-year"),
        (summary["peak_profit"], "That is the peak in yuan; divide by the segment's total profit to get it as a "
                                 "share.", "yuan-not-share"),
        (expected - 1, "That is how far the peak rises above 100%; give the peak itself (e.g. 1.25 for 125%).",
         "rise-not-peak"),
    ])
    return "A segment that barely breaks even can hide accounts that earn many times its total."


def _shops(year=2024):
    profit = _profit(year)
    return profit.loc[profit["segment"] == SEGMENT_EX6, "profit"]


def _peak_by_hand(profit: pd.Series, share=True) -> float:
    running = profit.sort_values(ascending=False).cumsum()
    return running.max() / profit.sum() if share else running.max()


exercises.answer("ex6")(lambda: {"peak_convenience": _peak_by_hand(_shops())})
exercises.form("ex6", "rounded to three significant figures")(
    lambda: {"peak_convenience": float(f"{_peak_by_hand(_shops()):.3g}")})
exercises.mistake("ex6", "all-accounts", "forgets the segment filter")(
    lambda: {"peak_convenience": _peak_by_hand(_p24()["profit"])})
exercises.mistake("ex6", "wrong-year", "uses 2023")(lambda: {"peak_convenience": _peak_by_hand(_shops(2023))})
exercises.mistake("ex6", "yuan-not-share", "gives the peak in yuan")(
    lambda: {"peak_convenience": _peak_by_hand(_shops(), share=False)})
exercises.mistake("ex6", "rise-not-peak", "gives the rise above 100%")(
    lambda: {"peak_convenience": _peak_by_hand(_shops()) - 1})


# ----------------------------------------------------------------------------- ex7

@exercises.add("ex7", "rescued_accounts")
def ex7(rescued_accounts):
    p24 = _profit(2024)
    extra = p24["deliveries"] - p24["orders"]
    losers = p24["profit"] < 0
    after = p24["profit"] + EXTRA_DELIVERY_FEE * extra
    expected = int((losers & (after >= 0)).sum())
    on_all = p24["profit"] + EXTRA_DELIVERY_FEE * p24["deliveries"]
    expect_number(rescued_accounts, expected, name="rescued_accounts", integer=True, alternatives=[
        (int((losers & (on_all >= 0)).sum()), "You charged the fee on every delivery; it applies only to extra "
                                              "deliveries (deliveries − orders).", "fee-on-all-deliveries"),
        (int((after < 0).sum()), "That is how many accounts still lose money after the fee; the exercise asks how "
                                 "many loss-makers it turns profitable.", "still-losing"),
        (int((after >= 0).sum()), "You counted every account that makes money after the fee; count only those "
                                  "that lost money before it.", "all-profitable-after"),
    ])
    return f"The fee would bring in {EXTRA_DELIVERY_FEE * extra.sum():,.0f} yuan if no account changed its habits."


def _fee(on_all=False):
    p = _p24()
    return p["profit"] + 40 * (p["deliveries"] if on_all else p["deliveries"] - p["orders"])


exercises.answer("ex7")(lambda: {"rescued_accounts": int(((_p24()["profit"] < 0) & (_fee() >= 0)).sum())})
exercises.form("ex7", "as a float")(lambda: {"rescued_accounts": float(((_p24()["profit"] < 0) & (_fee() >= 0)).sum())})
exercises.mistake("ex7", "fee-on-all-deliveries", "charges every delivery")(
    lambda: {"rescued_accounts": int(((_p24()["profit"] < 0) & (_fee(True) >= 0)).sum())})
exercises.mistake("ex7", "still-losing", "counts those still losing")(
    lambda: {"rescued_accounts": int((_fee() < 0).sum())})
exercises.mistake("ex7", "all-profitable-after", "counts every profitable account after the fee")(
    lambda: {"rescued_accounts": int((_fee() >= 0).sum())})
