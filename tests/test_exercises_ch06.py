"""The self-checks of chapter 6: every hint path, with expected values computed by hand or with plain pandas.

tests/test_catalogue.py runs the chapter's registered catalogue; these tests pin the figures
behind it with a second implementation (crosstabs, mlxtend's Apriori).
"""

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


def test_ex1_support_and_rounded_percentages():
    assert status("ex1", support_milk_bread=4 / 6).status == CORRECT
    assert status("ex1", support_milk_bread=0.67).status == CORRECT           # two decimals, as asked
    assert status("ex1", support_milk_bread=4).tag == "count-not-share"
    assert status("ex1", support_milk_bread=5 / 6).tag == "one-item-only"
    assert status("ex1", support_milk_bread=4 / 5).tag == "confidence-not-support"
    for percent in (66.7, 66.67, 400 / 6, 67):                                 # issue 14: 66.7 got "too large"
        assert status("ex1", support_milk_bread=percent).tag == "percent-not-share", percent


def test_ex2_confidence():
    assert status("ex2", conf_diapers_beer=0.75).status == CORRECT            # 3 / 4
    assert status("ex2", conf_diapers_beer=1.0).tag == "reversed-direction"   # 3 / 3
    assert status("ex2", conf_diapers_beer=0.5).tag == "support-not-confidence"
    assert status("ex2", conf_diapers_beer=1.5).tag == "lift-not-confidence"  # 0.75 / 0.5
    assert status("ex2", conf_diapers_beer="0.75").status == HINT


def test_ex3_lift():
    result = status("ex3", lift_milk_bread=0.96)                              # (4/5) / (5/6)
    assert result.status == CORRECT and "Below 1" in result.message
    assert status("ex3", lift_milk_bread=0.8).tag == "confidence-not-lift"
    assert status("ex3", lift_milk_bread=4 / 6).tag == "support-not-lift"
    assert status("ex3", lift_milk_bread=4 / 25).tag == "counts-not-shares"


def test_ex4_itemset_count(flags):
    table, _ = flags
    # second implementation: mlxtend's Apriori straight on a crosstab of the purchase lines
    found = apriori(table, min_support=0.03, use_colnames=True)
    expected = len(found)
    assert status("ex4", n_itemsets_3pct=expected).status == CORRECT
    assert status("ex4", n_itemsets_3pct=int((found["itemsets"].map(len) >= 2).sum())).tag == "pairs-only"
    at_2 = len(apriori(table, min_support=0.02, use_colnames=True))
    assert status("ex4", n_itemsets_3pct=at_2).tag == "text-parameter"
    assert status("ex4", n_itemsets_3pct=len(apriori(table, min_support=0.3, use_colnames=True))
                  ).tag == "percent-as-share"
    assert status("ex4", n_itemsets_3pct=expected + 0.5).status == HINT


def test_ex4_returns_hint():
    lines = data.load("supermarket")
    with_returns = pd.crosstab(lines["order_id"], lines["product"]) > 0
    count = len(apriori(with_returns, min_support=0.03, use_colnames=True))
    # the 2,000 return receipts are 3% of the baskets: enough to move the count
    assert status("ex4", n_itemsets_3pct=count).tag == "returns-as-purchases"


def _lift(table, a, b):
    return (table[a] & table[b]).mean() / (table[a].mean() * table[b].mean())


def test_ex5_weekday_evening_lift(flags):
    table, when = flags
    hour, day = when.dt.hour.reindex(table.index), when.dt.day_of_week.reindex(table.index)
    right = _lift(table[(hour >= 18) & (day < 5)], "beer", "diapers")
    assert right > 3                                                          # planted: an evening rule
    assert status("ex5", lift_weekday_evening=right).status == CORRECT
    assert status("ex5", lift_weekday_evening=round(right, 2)).status == CORRECT
    # issue 14: 18:00 counted as daytime, Saturday as a weekday got only "too large/small"
    assert status("ex5", lift_weekday_evening=_lift(table[(hour > 18) & (day < 5)], "beer", "diapers")
                  ).tag == "boundary-18h"
    assert status("ex5", lift_weekday_evening=_lift(table[(hour >= 18) & (day < 6)], "beer", "diapers")
                  ).tag == "saturday-as-weekday"
    assert status("ex5", lift_weekday_evening=_lift(table[(hour >= 18) | (day >= 5)], "beer", "diapers")
                  ).tag == "weekend-included"
    assert status("ex5", lift_weekday_evening=_lift(table[(hour < 18) & (day < 5)], "beer", "diapers")
                  ).tag == "reversed-filter"
    assert status("ex5", lift_weekday_evening=_lift(table, "beer", "diapers")).tag == "not-filtered"


def test_ex6_cross_sell():
    # Planted: beer is tied only to diapers (and, through diapers, to infant formula);
    # P(diapers | beer) > P(formula | beer) since formula baskets are a subset of the
    # diaper-prone ones.  Everything else is independent of beer and bread (lift ~ 1).
    assert status("ex6", tips_beer_bread=["diapers", "infant formula"]).status == CORRECT
    assert status("ex6", tips_beer_bread=("Diapers", "Infant Formula")).status == CORRECT
    assert status("ex6", tips_beer_bread=["infant formula", "diapers"]).tag == "wrong-order"
    assert status("ex6", tips_beer_bread=["milk", "diapers", "pork"]).tag == "no-lift-filter"
    assert status("ex6", tips_beer_bread=["bread", "diapers"]).tag == "suggests-basket-items"
    # issue 14: a set passed under some PYTHONHASHSEED values; now it never passes
    unordered = status("ex6", tips_beer_bread={"diapers", "infant formula"})
    assert unordered.tag == "unordered-set" and "diapers" not in unordered.message
    table = pd.DataFrame({"item": ["diapers", "infant formula"]})
    assert status("ex6", tips_beer_bread=table).tag == "whole-table"
    assert status("ex6", tips_beer_bread="diapers").status == HINT


def test_ex7_extra_baskets(flags):
    table, _ = flags
    n_formula = int(table["infant formula"].sum())
    n_both = int((table["infant formula"] & table["diapers"]).sum())
    assert n_both / n_formula == pytest.approx(0.5, abs=0.04)                # planted confidence
    assert status("ex7", extra_diaper_baskets=n_both * 0.3).status == CORRECT
    assert status("ex7", extra_diaper_baskets=round(n_both * 0.3)).status == CORRECT
    assert status("ex7", extra_diaper_baskets=n_formula * 0.3).tag == "points-not-relative"
    assert status("ex7", extra_diaper_baskets=n_both * 1.3).tag == "total-not-extra"
    assert status("ex7", extra_diaper_baskets=int(table["diapers"].sum()) * 0.3).tag == "wrong-base"


def test_ex8_apriori_choice():
    assert status("ex8", apriori_answer="A").status == CORRECT
    assert status("ex8", apriori_answer="b").tag == "subset-smaller"
