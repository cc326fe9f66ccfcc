"""Checks for ``06_basket_analysis``."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import basket, data
from helpers.checks import Exercises, Hint, expect_labels, expect_number, quietly

exercises = Exercises("ch06")

#: The six baskets worked by hand in the chapter.
SIX_BASKETS = [
    ["milk", "bread"],
    ["milk", "diapers", "beer", "eggs"],
    ["bread", "diapers", "beer", "cola"],
    ["milk", "bread", "diapers", "beer"],
    ["milk", "bread", "diapers", "cola"],
    ["milk", "bread"],
]
#: The chapter's rule settings on the supermarket baskets.
RULE_SUPPORT = 0.005
RULE_CONFIDENCE = 0.1
#: The cross-sell conversion gain reported by the source (relative, +30%).
CROSS_SELL_GAIN = 0.30




@lru_cache(maxsize=1)
def _lines() -> pd.DataFrame:
    return data.load("supermarket")


@lru_cache(maxsize=2)
def _baskets(drop_returns: bool = True) -> pd.DataFrame:
    return quietly(basket.basket_matrix, _lines(), order="order_id", item="product",
                  quantity="quantity" if drop_returns else None)


@lru_cache(maxsize=1)
def _rules() -> pd.DataFrame:
    return basket.association_rules(_baskets(), min_support=RULE_SUPPORT, min_confidence=RULE_CONFIDENCE)


def _share(table: pd.DataFrame, *items: str) -> float:
    return float(table[list(items)].all(axis=1).mean())


def _six() -> pd.DataFrame:
    return basket.baskets_from_lists(SIX_BASKETS)


@exercises.add("ex1", "support_milk_bread")
def ex1(support_milk_bread):
    six = _six()
    both = int(six[["milk", "bread"]].all(axis=1).sum())
    expected = both / len(six)
    expect_number(support_milk_bread, expected, name="support_milk_bread", alternatives=[
        (both, "That is the number of baskets holding both; support is a share: divide by the number of baskets."),
        (_share(six, "milk"), "That is the support of milk alone; count the baskets that hold milk *and* bread."),
        (both / six["milk"].sum(), "That is the confidence of milk → bread (divided by the milk baskets); "
                                   "support divides by all baskets."),
    ])


@exercises.add("ex2", "conf_diapers_beer")
def ex2(conf_diapers_beer):
    six = _six()
    both = _share(six, "diapers", "beer")
    expected = both / _share(six, "diapers")
    expect_number(conf_diapers_beer, expected, name="conf_diapers_beer", alternatives=[
        (both / _share(six, "beer"), "That is beer → diapers: confidence divides by the support of the "
                                     "antecedent, here diapers."),
        (both, "That is the support of the pair; confidence divides it by the support of diapers."),
        (expected / _share(six, "beer"), "That is the lift; confidence is P(beer | diapers), before dividing by "
                                         "the support of beer."),
    ])


@exercises.add("ex3", "lift_milk_bread")
def ex3(lift_milk_bread):
    six = _six()
    confidence = _share(six, "milk", "bread") / _share(six, "milk")
    expected = confidence / _share(six, "bread")
    expect_number(lift_milk_bread, expected, name="lift_milk_bread", rel_tol=1e-3, alternatives=[
        (confidence, "That is the confidence of milk → bread; lift divides it by how common bread is anyway."),
        (_share(six, "milk", "bread"), "That is the support of the pair; lift = confidence ÷ support of bread."),
    ])
    return "Below 1: in these baskets milk makes bread slightly *less* likely, despite 80% confidence."


@exercises.add("ex4", "n_itemsets_2pct")
def ex4(n_itemsets_2pct):
    found = basket.frequent_itemsets(_baskets(), 0.02)
    expected = len(found)
    try:
        expect_number(n_itemsets_2pct, expected, name="n_itemsets_2pct", integer=True)
        return None
    except Hint:
        pass                                      # wrong: work out which slip it was
    alternatives = [
        (int((found["size"] >= 2).sum()), "You counted only itemsets of two or more items; single items that "
                                          "reach 2% are frequent itemsets too."),
        (len(basket.frequent_itemsets(_baskets(), 0.2)), "That is the count at 20%: 2% is min_support=0.02."),
    ]
    with_returns = len(basket.frequent_itemsets(_baskets(False), 0.02))
    if with_returns != expected:
        alternatives.append((with_returns, "Your baskets include the return receipts; build them with "
                                           "basket_matrix, which leaves out lines with quantity ≤ 0."))
    expect_number(n_itemsets_2pct, expected, name="n_itemsets_2pct", integer=True, alternatives=alternatives)


def _beer_diaper_lifts() -> dict[str, float]:
    table = _baskets()
    when = _lines().groupby("order_id")["timestamp"].first().reindex(table.index)
    evening_or_weekend = ((when.dt.hour >= 18) | (when.dt.day_of_week >= 5)).to_numpy()
    out = {}
    for name, part in (("daytime", table[~evening_or_weekend]), ("evening", table[evening_or_weekend]),
                       ("all", table)):
        confidence = _share(part, "beer", "diapers") / _share(part, "beer")
        out[name] = confidence / _share(part, "diapers")
        out[name + "_confidence"] = confidence
    return out


@exercises.add("ex5", "lift_weekday_daytime")
def ex5(lift_weekday_daytime):
    lifts = _beer_diaper_lifts()
    expect_number(lift_weekday_daytime, lifts["daytime"], name="lift_weekday_daytime", rel_tol=1e-3,
                  alternatives=[
                      (lifts["evening"], "That is the lift in evening-or-weekend baskets; the exercise asks for "
                                         "Monday–Friday trips before 18:00."),
                      (lifts["all"], "That is the lift over all baskets; keep only weekday daytime trips first."),
                      (lifts["daytime_confidence"], "That is the confidence of beer → diapers; divide by the "
                                                    "support of diapers among the same baskets."),
                  ])
    return "About 1: on weekday daytime trips beer says nothing about diapers."


@exercises.add("ex6", "tips_beer_bread")
def ex6(tips_beer_bread):
    rules = _rules()
    expected = basket.recommend(["beer", "bread"], rules)["item"].tolist()
    naive = basket.recommend(["beer", "bread"], rules, min_lift=0)["item"].tolist()
    if isinstance(tips_beer_bread, pd.DataFrame) and "item" in tips_beer_bread.columns:
        raise Hint("`tips_beer_bread` is the whole table; keep only the item names: `tips[\"item\"].tolist()`.")
    if not isinstance(tips_beer_bread, str) and hasattr(tips_beer_bread, "__iter__"):
        given = [str(t) for t in tips_beer_bread]
        if given == naive and naive != expected:
            raise Hint("Milk and pork ride along with everything (lift about 1): they are popular, not related. "
                       "Keep recommend's lift filter (min_lift=1.2).")
        if {"beer", "bread"} & set(given):
            raise Hint("Never suggest what is already in the basket.")
    expect_labels(tips_beer_bread, expected, name="tips_beer_bread", ordered=True)


@exercises.add("ex7", "extra_diaper_baskets")
def ex7(extra_diaper_baskets):
    table = _baskets()
    n_formula = int(table["infant formula"].sum())
    n_both = int(table[["infant formula", "diapers"]].all(axis=1).sum())
    expected = n_both * CROSS_SELL_GAIN          # confidence × 1.3, times the formula baskets, minus today
    expect_number(extra_diaper_baskets, expected, name="extra_diaper_baskets", rel_tol=2e-3, abs_tol=0.5,
                  alternatives=[
                      (n_formula * CROSS_SELL_GAIN, "+30% is relative: the confidence goes from about 0.49 to "
                                                    "0.49 × 1.3, not up by 30 points."),
                      (n_both * (1 + CROSS_SELL_GAIN), "That is the total of formula-and-diapers baskets after the "
                                                       "change; the exercise asks for the extra ones."),
                      (int(table["diapers"].sum()) * CROSS_SELL_GAIN,
                       "Start from the baskets with infant formula (the page the recommendation sits on), "
                       "not from all diaper baskets."),
                  ])
