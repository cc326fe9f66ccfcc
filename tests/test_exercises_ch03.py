"""Every hint path of chapter 3's self-checks.

The right answers are computed here a second way, in plain pandas from the raw columns and
the dataset's `cost_rates` table (not with helpers.pyramid), and the wrong answers are the
slips each check names.
"""

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch03 import exercises


def status(key, **answers):
    return run_check(exercises, key, answers)


def plain_profit(year):
    """Profit per account by hand: gross profit − Σ driver × rate − revenue × days/365 × rate."""
    main = data.load("distributor")
    rates = data.load("distributor", "cost_rates").set_index("driver")["rate"]
    t = main[main["year"] == year].set_index("account_id").copy()
    t["gross_profit"] = t["revenue"] - t["cost_of_goods"]
    t["payment_cost"] = t["revenue"] * t["days_to_pay"] / 365 * rates["days_to_pay"]
    t["cost_to_serve"] = (t["orders"] * rates["orders"] + t["deliveries"] * rates["deliveries"]
                          + t["returns"] * rates["returns"] + t["service_contacts"] * rates["service_contacts"]
                          + t["payment_cost"])
    t["profit"] = t["gross_profit"] - t["cost_to_serve"]
    return t


@pytest.fixture(scope="module")
def p23():
    return plain_profit(2023)


@pytest.fixture(scope="module")
def p24():
    return plain_profit(2024)


def test_ex1(p23, p24):
    right = int((p24["profit"] < 0).sum())
    assert abs(right / len(p24) - 0.31) <= 0.04  # planted: 31% ± 4 points of the 2024 accounts (dataset card)
    result = status("ex1", loss_makers_2024=right)
    assert result.status == CORRECT and f"{right} of {len(p24)}" in result.message
    assert status("ex1").status == NOT_ATTEMPTED
    assert "2023" in status("ex1", loss_makers_2024=int((p23["profit"] < 0).sum())).message
    assert "number of accounts" in status("ex1", loss_makers_2024=right / len(p24)).message
    assert "gross" in status("ex1", loss_makers_2024=0).message  # no account has negative gross profit
    assert "off by one" not in status("ex1", loss_makers_2024=right + 1).message   # accounts are not periods


def test_ex2(p23, p24):
    right = p24["cost_to_serve"].sum() / p24["revenue"].sum()
    assert status("ex2", cost_to_serve_share=right).status == CORRECT
    assert "gross profit" in status("ex2", cost_to_serve_share=p24["cost_to_serve"].sum()
                                    / p24["gross_profit"].sum()).message
    assert "2023" in status("ex2", cost_to_serve_share=p23["cost_to_serve"].sum() / p23["revenue"].sum()).message
    assert "average of each account" in status("ex2", cost_to_serve_share=(p24["cost_to_serve"]
                                                                           / p24["revenue"]).mean()).message
    no_payment = (p24["cost_to_serve"] - p24["payment_cost"]).sum() / p24["revenue"].sum()
    assert "late payment" in status("ex2", cost_to_serve_share=no_payment).message
    assert "percentage" in status("ex2", cost_to_serve_share=100 * right).message


def test_ex3(p24):
    right = p24.groupby("segment")["profit"].sum()
    result = status("ex3", profit_by_segment=right)
    assert result.status == CORRECT and right.idxmin() in result.message
    assert f"{right.min():,.0f} yuan" in result.message
    assert status("ex3", profit_by_segment=right.sort_values()).status == CORRECT  # order does not matter
    assert "average" in status("ex3", profit_by_segment=p24.groupby("segment")["profit"].mean()).message
    assert "gross profits" in status("ex3", profit_by_segment=p24.groupby("segment")["gross_profit"].sum()).message
    assert "Series" in status("ex3", profit_by_segment=float(right.sum())).message
    assert status("ex3", profit_by_segment=right.drop(right.idxmin())).status == HINT
    # issue 14: the hint says which row is off and in which direction, never the expected value
    off = right.copy()
    off.iloc[0] -= 138_273
    message = status("ex3", profit_by_segment=off).message
    assert "too small" in message and f"{right.iloc[0]:,.0f}" not in message and f"{right.iloc[0]:.6g}" not in message
    # other forms of the same answer: after reset_index(), capitalised labels, a dict
    assert status("ex3", profit_by_segment=right.reset_index()).status == CORRECT
    assert status("ex3", profit_by_segment=right.rename(index=str.title)).status == CORRECT
    assert status("ex3", profit_by_segment=right.to_dict()).status == CORRECT


def pairwise_gini(x):
    x = np.asarray(x, dtype=float)
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())


def test_ex4(p23, p24):
    right = pairwise_gini(p23["revenue"])  # second implementation: mean absolute difference
    assert status("ex4", gini_revenue_2023=right).status == CORRECT
    assert status("ex4", gini_revenue_2023=round(right, 3)).status == CORRECT     # 3 significant figures asked
    assert status("ex4", gini_revenue_2023=round(right, 2)).tag == "rounded"
    assert "2024" in status("ex4", gini_revenue_2023=pairwise_gini(p24["revenue"])).message
    assert "gross profit" in status("ex4", gini_revenue_2023=pairwise_gini(p23["gross_profit"])).message
    assert "1 − Gini" in status("ex4", gini_revenue_2023=1 - right).message


def test_ex5(p24):
    profit = p24["profit"]
    tier = np.select([profit >= 50_000, profit >= 10_000, profit >= 0], ["platinum", "gold", "iron"], "lead")
    right = pd.Series(tier, index=profit.index).value_counts()
    losers = int((profit < 0).sum())
    assert right["lead"] == losers  # below 0 yuan is lead
    assert status("ex5", threshold_tier_counts=right).status == CORRECT
    # as a categorical value_counts (from pyramid_tiers without astype) the labels still match
    assert status("ex5", threshold_tier_counts=pd.Series(pd.Categorical(tier)).value_counts()).status == CORRECT
    # the default rank split: 5/15/50/30% of 600 = 30, 90, 300, 180; all loss-makers are lead, so when
    # there are more than 180 of them iron gives up the difference: 300 − (losers − 180)
    assert losers > 180
    by_rank = pd.Series({"platinum": 30, "gold": 90, "iron": 300 - (losers - 180), "lead": losers})
    assert "rank share" in status("ex5", threshold_tier_counts=by_rank).message
    assert status("ex5", threshold_tier_counts=right.drop("lead")).status == HINT
    assert status("ex5").status == NOT_ATTEMPTED
    assert status("ex5", threshold_tier_counts=right.rename(index=str.title)).status == CORRECT   # "Gold"
    revenue = p24["revenue"]
    by_revenue = pd.Series(np.select([revenue >= 50_000, revenue >= 10_000, revenue >= 0],
                                     ["platinum", "gold", "iron"], "lead")).value_counts()
    assert status("ex5", threshold_tier_counts=by_revenue).tag == "revenue-not-profit"


def whale_peak(profit):
    ranked = np.sort(profit.to_numpy())[::-1]
    return np.cumsum(ranked).max() / ranked.sum()


def test_ex6(p23, p24):
    assert abs(whale_peak(p23["profit"]) - 1.13) < 0.10  # planted
    shops = p24.loc[p24["segment"] == "convenience store", "profit"]
    right = whale_peak(shops)
    assert status("ex6", peak_convenience=right).status == CORRECT
    assert status("ex6", peak_convenience=whale_peak(p24["profit"])).tag == "all-accounts"
    in_yuan = np.cumsum(np.sort(shops.to_numpy())[::-1]).max()
    assert "in yuan" in status("ex6", peak_convenience=in_yuan).message
    assert "above 100%" in status("ex6", peak_convenience=right - 1).message
    assert "percentage" in status("ex6", peak_convenience=100 * right).message


def test_ex7(p24):
    extra = p24["deliveries"] - p24["orders"]
    losers = p24["profit"] < 0
    after = p24["profit"] + 40 * extra
    right = int((losers & (after >= 0)).sum())
    result = status("ex7", rescued_accounts=right)
    assert result.status == CORRECT and f"{40 * extra.sum():,.0f} yuan" in result.message
    on_all = p24["profit"] + 40 * p24["deliveries"]
    assert "every delivery" in status("ex7", rescued_accounts=int((losers & (on_all >= 0)).sum())).message
    assert "still lose" in status("ex7", rescued_accounts=int((after < 0).sum())).message
    assert "lost money before" in status("ex7", rescued_accounts=int((after >= 0).sum())).message
    assert status("ex7", rescued_accounts="12").status == HINT
