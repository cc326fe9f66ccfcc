"""The self-checks of chapter 6: every hint path, with expected values computed by hand or with plain pandas."""

import pandas as pd
import pytest
from mlxtend.frequent_patterns import apriori

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch06 import exercises

# Six baskets (see the chapter): milk in 5, bread in 5, diapers in 4, beer in 3;
# milk+bread in 4, diapers+beer in 3.


def status(key, **answers):
    return run_check(exercises, key, answers)


@pytest.fixture(scope="module")
def purchases():
    lines = data.load("supermarket")
    return lines[lines["quantity"] > 0]


@pytest.fixture(scope="module")
def flags(purchases):
    """One row per receipt: True/False per product (plain pandas crosstab), plus the receipt time."""
    table = pd.crosstab(purchases["order_id"], purchases["product"]) > 0
    when = purchases.groupby("order_id")["timestamp"].first()
    return table, when


def test_all_checks_report_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_support():
    assert status("ex1", support_milk_bread=4 / 6).status == CORRECT
    assert "divide by the number of baskets" in status("ex1", support_milk_bread=4).message
    assert "milk alone" in status("ex1", support_milk_bread=5 / 6).message
    assert "confidence of milk → bread" in status("ex1", support_milk_bread=4 / 5).message
    assert "percentage" in status("ex1", support_milk_bread=400 / 6).message


def test_ex2_confidence():
    assert status("ex2", conf_diapers_beer=0.75).status == CORRECT            # 3 / 4
    assert "beer → diapers" in status("ex2", conf_diapers_beer=1.0).message   # 3 / 3
    assert "support of the pair" in status("ex2", conf_diapers_beer=0.5).message
    assert "lift" in status("ex2", conf_diapers_beer=1.5).message             # 0.75 / 0.5
    assert status("ex2", conf_diapers_beer="0.75").status == HINT


def test_ex3_lift():
    result = status("ex3", lift_milk_bread=0.96)                              # (4/5) / (5/6)
    assert result.status == CORRECT and "Below 1" in result.message
    assert "confidence of milk → bread" in status("ex3", lift_milk_bread=0.8).message
    assert "support of the pair" in status("ex3", lift_milk_bread=4 / 6).message


def test_ex4_itemset_count(flags):
    table, _ = flags
    # second implementation: mlxtend's Apriori straight on a crosstab of the purchase lines
    found = apriori(table, min_support=0.02, use_colnames=True)
    expected = len(found)
    pairs_up = int((found["itemsets"].map(len) >= 2).sum())
    at_20 = len(apriori(table, min_support=0.2, use_colnames=True))
    assert status("ex4", n_itemsets_2pct=expected).status == CORRECT
    assert "only itemsets of two or more" in status("ex4", n_itemsets_2pct=pairs_up).message
    assert "count at 20%" in status("ex4", n_itemsets_2pct=at_20).message
    assert status("ex4", n_itemsets_2pct=expected + 0.5).status == HINT


def test_ex4_returns_hint():
    lines = data.load("supermarket")
    with_returns = pd.crosstab(lines["order_id"], lines["product"]) > 0
    count = len(apriori(with_returns, min_support=0.02, use_colnames=True))
    result = status("ex4", n_itemsets_2pct=count)
    assert result.status == HINT
    # the 2,000 return receipts are 3% of the baskets: enough to move the count
    assert "return receipts" in result.message


def _lift(table, a, b):
    return (table[a] & table[b]).mean() / (table[a].mean() * table[b].mean())


def test_ex5_daytime_lift(flags):
    table, when = flags
    evening = (when.dt.hour >= 18) | (when.dt.day_of_week >= 5)
    daytime_lift = _lift(table[~evening], "beer", "diapers")
    assert 0.75 < daytime_lift < 1.3                                            # planted: independent
    result = status("ex5", lift_weekday_daytime=daytime_lift)
    assert result.status == CORRECT and "About 1" in result.message
    assert "evening-or-weekend" in status("ex5", lift_weekday_daytime=_lift(table[evening], "beer", "diapers")).message
    assert "all baskets" in status("ex5", lift_weekday_daytime=_lift(table, "beer", "diapers")).message
    day = table[~evening]
    confidence = (day["beer"] & day["diapers"]).mean() / day["beer"].mean()
    assert "confidence" in status("ex5", lift_weekday_daytime=confidence).message


def test_ex6_cross_sell():
    # Planted: beer is tied only to diapers (and, through diapers, to infant formula);
    # P(diapers | beer) > P(formula | beer) since formula baskets are a subset of the
    # diaper-prone ones.  Everything else is independent of beer and bread (lift ~ 1).
    assert status("ex6", tips_beer_bread=["diapers", "infant formula"]).status == CORRECT
    assert "wrong order" in status("ex6", tips_beer_bread=["infant formula", "diapers"]).message
    assert "popular, not related" in status("ex6", tips_beer_bread=["milk", "diapers", "pork"]).message
    assert "already in the basket" in status("ex6", tips_beer_bread=["bread", "diapers"]).message
    table = pd.DataFrame({"item": ["diapers", "infant formula"]})
    assert "whole table" in status("ex6", tips_beer_bread=table).message
    assert status("ex6", tips_beer_bread="diapers").status == HINT


def test_ex7_extra_baskets(flags):
    table, _ = flags
    n_formula = int(table["infant formula"].sum())
    n_both = int((table["infant formula"] & table["diapers"]).sum())
    assert n_both / n_formula == pytest.approx(0.5, abs=0.04)                # planted confidence
    assert status("ex7", extra_diaper_baskets=n_both * 0.3).status == CORRECT
    assert status("ex7", extra_diaper_baskets=round(n_both * 0.3)).status == CORRECT
    assert "relative" in status("ex7", extra_diaper_baskets=n_formula * 0.3).message
    assert "extra ones" in status("ex7", extra_diaper_baskets=n_both * 1.3).message
    assert "infant formula" in status("ex7", extra_diaper_baskets=int(table["diapers"].sum()) * 0.3).message
