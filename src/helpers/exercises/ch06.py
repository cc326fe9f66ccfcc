"""Checks for ``06_basket_analysis``.

Each exercise states its precision; an answer that agrees to it is correct.  Mining the
2024 baskets takes seconds, so every expected answer (and every known wrong one) is mined
once per session and cached: a check is instant after its first call.  Below each check,
its wrong-answer catalogue (the correct answer, another correct form, realistic mistakes).

Each ``decimals=d`` comes with ``abs_tol`` = half a unit of that decimal, so that a known
mistake rounded to the precision asked for is recognised too (``decimals=`` alone widens only
the correct answer).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import basket, data
from helpers.checks import Exercises, Hint, expect_labels, expect_number, quietly

exercises = Exercises("ch06")

#: Every checked exercise below registers its catalogue (answer, forms, mistakes).
CATALOGUE_COMPLETE = True

#: The six baskets worked by hand in the chapter.
SIX_BASKETS = (
    ("milk", "bread"),
    ("milk", "diapers", "beer", "eggs"),
    ("bread", "diapers", "beer", "cola"),
    ("milk", "bread", "diapers", "beer"),
    ("milk", "bread", "diapers", "cola"),
    ("milk", "bread"),
)
#: The chapter's rule settings on the supermarket baskets.
RULE_SUPPORT = 0.005
RULE_CONFIDENCE = 0.1
#: Exercise 4's threshold (not in the chapter's table) and the table's nearest row.
ITEMSET_SUPPORT, TABLE_SUPPORT = 0.03, 0.02
#: The cross-sell conversion gain reported by the source (relative, +30%).
CROSS_SELL_GAIN = 0.30
#: Exercise 6's basket.
TIPS_BASKET = ("beer", "bread")


@lru_cache(maxsize=1)
def _lines() -> pd.DataFrame:
    return data.load("supermarket")


@lru_cache(maxsize=2)
def _baskets(drop_returns: bool = True) -> pd.DataFrame:
    return quietly(basket.basket_matrix, _lines(), order="order_id", item="product",
                   quantity="quantity" if drop_returns else None)


@lru_cache(maxsize=1)
def _rules() -> pd.DataFrame:
    return quietly(basket.association_rules, _baskets(), min_support=RULE_SUPPORT, min_confidence=RULE_CONFIDENCE)


def _share(table: pd.DataFrame, *items: str) -> float:
    return float(table[list(items)].all(axis=1).mean())


@lru_cache(maxsize=1)
def _six() -> pd.DataFrame:
    return basket.baskets_from_lists([list(b) for b in SIX_BASKETS])


def _looks_like_percent(value, expected: float, name: str, abs_tol: float) -> None:
    """A share given as a percentage, also when rounded (66.7 for 0.6667)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return
    if 1 < abs(number) <= 100 and abs(number / 100 - expected) <= abs_tol:
        raise Hint(f"`{name}` looks like a percentage; give it as a share between 0 and 1.", "percent-not-share")


# ----------------------------------------------------------------------------- exercises 1–3 (six baskets)


def _six_values() -> dict[str, float]:
    six = _six()
    return {"mb": _share(six, "milk", "bread"), "m": _share(six, "milk"), "b": _share(six, "bread"),
            "d": _share(six, "diapers"), "beer": _share(six, "beer"), "db": _share(six, "diapers", "beer"),
            "n_mb": float(six[["milk", "bread"]].all(axis=1).sum()), "n_m": float(six["milk"].sum()),
            "n_b": float(six["bread"].sum())}


@exercises.add("ex1", "support_milk_bread")
def ex1(support_milk_bread):
    v = _six_values()
    _looks_like_percent(support_milk_bread, v["mb"], "support_milk_bread", 0.005)
    expect_number(support_milk_bread, v["mb"], name="support_milk_bread", decimals=2, abs_tol=0.005, alternatives=[
        (v["n_mb"], "That is the number of baskets holding both; support is a share: divide by the number of "
                    "baskets.", "count-not-share"),
        (v["m"], "That is the support of milk alone; count the baskets that hold milk *and* bread.",
         "one-item-only"),
        (v["mb"] / v["m"], "That is the confidence of milk → bread (divided by the milk baskets); support divides by "
                           "all baskets.", "confidence-not-support"),
    ])


exercises.answer("ex1")(lambda: {"support_milk_bread": (_six()["milk"] & _six()["bread"]).mean()})
exercises.form("ex1", "as a fraction rounded to two decimals")(lambda: {"support_milk_bread": 0.67})
exercises.mistake("ex1", "count-not-share", "counts the baskets instead of dividing")(
    lambda: {"support_milk_bread": int((_six()["milk"] & _six()["bread"]).sum())})
exercises.mistake("ex1", "one-item-only", "gives the support of milk alone")(
    lambda: {"support_milk_bread": _six()["milk"].mean()})
exercises.mistake("ex1", "confidence-not-support", "divides by the milk baskets")(
    lambda: {"support_milk_bread": (_six()["milk"] & _six()["bread"]).sum() / _six()["milk"].sum()})
exercises.mistake("ex1", "percent-not-share", "gives a rounded percentage")(lambda: {"support_milk_bread": 66.7})


@exercises.add("ex2", "conf_diapers_beer")
def ex2(conf_diapers_beer):
    v = _six_values()
    expected = v["db"] / v["d"]
    _looks_like_percent(conf_diapers_beer, expected, "conf_diapers_beer", 0.005)
    expect_number(conf_diapers_beer, expected, name="conf_diapers_beer", decimals=2, abs_tol=0.005, alternatives=[
        (v["db"] / v["beer"], "That is beer → diapers: confidence divides by the support of the antecedent, here "
                              "diapers.", "reversed-direction"),
        (v["db"], "That is the support of the pair; confidence divides it by the support of diapers.",
         "support-not-confidence"),
        (expected / v["beer"], "That is the lift; confidence is P(beer | diapers), before dividing by the support "
                               "of beer.", "lift-not-confidence"),
    ])


def _six_conf(a, c):
    six = _six()
    return (six[a] & six[c]).sum() / six[a].sum()


exercises.answer("ex2")(lambda: {"conf_diapers_beer": _six_conf("diapers", "beer")})
exercises.form("ex2", "a fraction written by hand")(lambda: {"conf_diapers_beer": 3 / 4})
exercises.mistake("ex2", "reversed-direction", "divides by the beer baskets")(
    lambda: {"conf_diapers_beer": _six_conf("beer", "diapers")})
exercises.mistake("ex2", "support-not-confidence", "gives the support of the pair")(
    lambda: {"conf_diapers_beer": (_six()["diapers"] & _six()["beer"]).mean()})
exercises.mistake("ex2", "lift-not-confidence", "divides once more by the support of beer")(
    lambda: {"conf_diapers_beer": _six_conf("diapers", "beer") / _six()["beer"].mean()})


@exercises.add("ex3", "lift_milk_bread")
def ex3(lift_milk_bread):
    v = _six_values()
    confidence = v["mb"] / v["m"]
    expected = confidence / v["b"]
    expect_number(lift_milk_bread, expected, name="lift_milk_bread", decimals=2, abs_tol=0.005, alternatives=[
        (confidence, "That is the confidence of milk → bread; lift divides it by how common bread is anyway.",
         "confidence-not-lift"),
        (v["mb"], "That is the support of the pair; lift = confidence ÷ support of bread.", "support-not-lift"),
        (v["n_mb"] / (v["n_m"] * v["n_b"]), "You divided basket *counts*; lift needs shares (each count divided by "
                                             "the 6 baskets).", "counts-not-shares"),
    ])
    return "Below 1: in these baskets milk makes bread slightly *less* likely, despite 80% confidence."


exercises.answer("ex3")(lambda: {"lift_milk_bread": _six_conf("milk", "bread") / _six()["bread"].mean()})
exercises.form("ex3", "rounded to two decimals")(lambda: {"lift_milk_bread": 0.96})
exercises.mistake("ex3", "confidence-not-lift", "stops at the confidence")(
    lambda: {"lift_milk_bread": _six_conf("milk", "bread")})
exercises.mistake("ex3", "support-not-lift", "gives the support of the pair")(
    lambda: {"lift_milk_bread": (_six()["milk"] & _six()["bread"]).mean()})
exercises.mistake("ex3", "counts-not-shares", "divides counts instead of shares")(
    lambda: {"lift_milk_bread": (_six()["milk"] & _six()["bread"]).sum()
             / (_six()["milk"].sum() * _six()["bread"].sum())})


# ----------------------------------------------------------------------------- exercise 4


@lru_cache(maxsize=1)
def _itemsets() -> pd.DataFrame:
    """Mined once at the lowest threshold any answer needs; higher thresholds filter it (Apriori)."""
    return basket.frequent_itemsets(_baskets(), TABLE_SUPPORT)


def _count_at(found: pd.DataFrame, support: float, n_baskets: int, *, min_size: int = 1) -> int:
    needed = math.ceil(support * n_baskets - 1e-9)
    return int(((found["baskets"] >= needed) & (found["size"] >= min_size)).sum())


@lru_cache(maxsize=1)
def _ex4_values() -> dict[str, int]:
    found, n = _itemsets(), len(_baskets())
    return {"right": _count_at(found, ITEMSET_SUPPORT, n), "pairs_up": _count_at(found, ITEMSET_SUPPORT, n, min_size=2),
            "table_row": _count_at(found, TABLE_SUPPORT, n), "at_30": _count_at(found, 0.3, n)}


@lru_cache(maxsize=4)
def _mined(support: float, drop_returns: bool = True) -> pd.DataFrame:
    """What a student mines (cached: the catalogue asks for the same tables several times).

    At or above the 2% already mined, the itemsets are those of the 2% table that reach the
    higher threshold (the Apriori principle), so nothing is mined twice.
    """
    if drop_returns and support >= TABLE_SUPPORT:
        found = _itemsets()
        return found[found["baskets"] >= math.ceil(support * len(_baskets()) - 1e-9)]
    return basket.frequent_itemsets(_baskets(drop_returns), support)


def _with_returns_count() -> int:
    return len(_mined(ITEMSET_SUPPORT, False))


@exercises.add("ex4", "n_itemsets_3pct")
def ex4(n_itemsets_3pct):
    v = _ex4_values()
    alternatives = [
        (v["pairs_up"], "You counted only itemsets of two or more items; single items that reach 3% are frequent "
                        "itemsets too.", "pairs-only"),
        (v["table_row"], "That is the count at 2%, the nearest row of the text's table; mine at min_support=0.03.",
         "text-parameter"),
        (v["at_30"], "That is the count at 30%: 3% is min_support=0.03.", "percent-as-share"),
    ]
    try:
        expect_number(n_itemsets_3pct, v["right"], name="n_itemsets_3pct", integer=True, alternatives=alternatives)
        return None
    except Hint as hint:
        if getattr(hint, "tag", "").startswith("generic") and n_itemsets_3pct == _with_returns_count():
            raise Hint("Your baskets include the return receipts; build them with basket_matrix and "
                       "`quantity=\"quantity\"`, which leaves out lines with quantity ≤ 0.", "returns-as-purchases")
        raise


exercises.answer("ex4")(lambda: {"n_itemsets_3pct": len(_mined(0.03))})
exercises.form("ex4", "as a float from len() arithmetic")(
    lambda: {"n_itemsets_3pct": float(len(_mined(0.03)))})
exercises.mistake("ex4", "pairs-only", "counts only itemsets of two or more items")(
    lambda: {"n_itemsets_3pct": int((_mined(0.03)["size"] >= 2).sum())})
exercises.mistake("ex4", "text-parameter", "reads the 2% row of the text's table")(
    lambda: {"n_itemsets_3pct": _ex4_values()["table_row"]})
exercises.mistake("ex4", "percent-as-share", "mines at min_support=0.3")(
    lambda: {"n_itemsets_3pct": len(_mined(0.3))})
exercises.mistake("ex4", "returns-as-purchases", "mines baskets that include the return receipts")(
    lambda: {"n_itemsets_3pct": len(_mined(0.03, False))})


# ----------------------------------------------------------------------------- exercise 5


@lru_cache(maxsize=1)
def _trip_start() -> pd.Series:
    return _lines().groupby("order_id")["timestamp"].first().reindex(_baskets().index)


def _beer_diapers(mask) -> tuple[float, float]:
    part = _baskets()[np.asarray(mask)]
    confidence = _share(part, "beer", "diapers") / _share(part, "beer")
    return confidence / _share(part, "diapers"), confidence


@lru_cache(maxsize=1)
def _ex5_values() -> dict[str, float]:
    hour, day = _trip_start().dt.hour, _trip_start().dt.day_of_week
    right, confidence = _beer_diapers((hour >= 18) & (day < 5))
    return {"right": right, "confidence": confidence,
            "after_18": _beer_diapers((hour > 18) & (day < 5))[0],
            "saturday": _beer_diapers((hour >= 18) & (day < 6))[0],
            "with_weekend": _beer_diapers((hour >= 18) | (day >= 5))[0],
            "all": _beer_diapers(hour >= 0)[0], "daytime": _beer_diapers((hour < 18) & (day < 5))[0]}


@exercises.add("ex5", "lift_weekday_evening")
def ex5(lift_weekday_evening):
    v = _ex5_values()
    expect_number(lift_weekday_evening, v["right"], name="lift_weekday_evening", decimals=2, abs_tol=0.005,
                  alternatives=[
                      (v["after_18"], "You left out the trips made at 18:00 sharp (`hour > 18`); a trip at 18:00 "
                                      "or later is an evening trip: `hour >= 18`.", "boundary-18h"),
                      (v["saturday"], "Your weekdays include Saturday: `day_of_week` counts Monday as 0, so "
                                      "Monday–Friday is `day_of_week < 5`.", "saturday-as-weekday"),
                      (v["with_weekend"], "That is the text's evening-*or-weekend* group; keep only Monday–Friday "
                                          "evenings.", "weekend-included"),
                      (v["all"], "That is the lift over all baskets; keep only weekday evening trips first.",
                       "not-filtered"),
                      (v["daytime"], "That is the weekday *daytime* lift (before 18:00); the exercise asks for the "
                                     "evenings.", "reversed-filter"),
                      (v["confidence"], "That is the confidence of beer → diapers; divide by the support of diapers "
                                        "among the same baskets.", "confidence-not-lift"),
                  ])
    return f"About {v['right']:.1f}: the rule lives in the evening, weekend or not."


def _student_ex5(rule):
    start = _lines().groupby("order_id")["timestamp"].first().reindex(_baskets().index)
    part = _baskets()[rule(start.dt.hour, start.dt.day_of_week).to_numpy()]
    return (part["beer"] & part["diapers"]).mean() / part["beer"].mean() / part["diapers"].mean()


exercises.answer("ex5")(lambda: {"lift_weekday_evening": _student_ex5(lambda h, d: (h >= 18) & (d < 5))})
exercises.form("ex5", "with rule_by_segment, rounded to two decimals")(
    lambda: {"lift_weekday_evening": round(float(quietly(
        basket.rule_by_segment, _baskets(), "beer", "diapers",
        pd.Series(np.where((_trip_start().dt.hour >= 18) & (_trip_start().dt.day_of_week < 5), "in", "out"),
                  index=_baskets().index)).loc["in", "lift"]), 2)})
exercises.mistake("ex5", "boundary-18h", "uses hour > 18")(
    lambda: {"lift_weekday_evening": _student_ex5(lambda h, d: (h > 18) & (d < 5))})
exercises.mistake("ex5", "saturday-as-weekday", "uses day_of_week < 6")(
    lambda: {"lift_weekday_evening": _student_ex5(lambda h, d: (h >= 18) & (d < 6))})
exercises.mistake("ex5", "weekend-included", "reuses the text's evening-or-weekend mask")(
    lambda: {"lift_weekday_evening": _student_ex5(lambda h, d: (h >= 18) | (d >= 5))})
exercises.mistake("ex5", "not-filtered", "computes the lift over all baskets")(
    lambda: {"lift_weekday_evening": _student_ex5(lambda h, d: h >= 0)})


# ----------------------------------------------------------------------------- exercise 6


@lru_cache(maxsize=1)
def _ex6_lists() -> tuple[list[str], list[str]]:
    rules = _rules()
    expected = basket.recommend(list(TIPS_BASKET), rules)["item"].tolist()
    naive = basket.recommend(list(TIPS_BASKET), rules, min_lift=0)["item"].tolist()
    return expected, naive


@exercises.add("ex6", "tips_beer_bread")
def ex6(tips_beer_bread):
    expected, naive = _ex6_lists()
    if isinstance(tips_beer_bread, pd.DataFrame):
        raise Hint("`tips_beer_bread` is the whole table; keep only the item names: `tips[\"item\"].tolist()`.",
                   "whole-table")
    if isinstance(tips_beer_bread, (set, frozenset, dict)):
        raise Hint("Order matters: give a list sorted best first (recommend's order, by confidence), not a set.",
                   "unordered-set")
    if isinstance(tips_beer_bread, pd.Series):
        tips_beer_bread = tips_beer_bread.tolist()
    if not isinstance(tips_beer_bread, str) and hasattr(tips_beer_bread, "__iter__"):
        given = [" ".join(str(t).strip().lower().split()) for t in tips_beer_bread]
        if given == naive and naive != expected:
            raise Hint("Milk and pork ride along with everything (lift about 1): they are popular, not related. "
                       "Keep recommend's lift filter (min_lift=1.2).", "no-lift-filter")
        if set(TIPS_BASKET) & set(given):
            raise Hint("Never suggest what is already in the basket.", "suggests-basket-items")
        if sorted(given) == sorted(expected) and given != expected:
            raise Hint("The right items in the wrong order: best first means the highest confidence first.",
                       "wrong-order")
    expect_labels(tips_beer_bread, expected, name="tips_beer_bread", ordered=True)


def _tips(**options):
    return basket.recommend(list(TIPS_BASKET), _rules(), **options)


exercises.answer("ex6")(lambda: {"tips_beer_bread": _tips()["item"].tolist()})
exercises.form("ex6", "the item column as a Series, in capitals")(
    lambda: {"tips_beer_bread": _tips()["item"].str.upper()})
exercises.mistake("ex6", "no-lift-filter", "turns the lift filter off")(
    lambda: {"tips_beer_bread": _tips(min_lift=0)["item"].tolist()})
exercises.mistake("ex6", "unordered-set", "gives the items as a set")(
    lambda: {"tips_beer_bread": set(_tips()["item"])})
exercises.mistake("ex6", "whole-table", "keeps the whole recommend table")(lambda: {"tips_beer_bread": _tips()})
exercises.mistake("ex6", "wrong-order", "sorts the items worst first")(
    lambda: {"tips_beer_bread": _tips()["item"].tolist()[::-1]})


# ----------------------------------------------------------------------------- exercise 7


@lru_cache(maxsize=1)
def _ex7_values() -> dict[str, float]:
    table = _baskets()
    n_formula = int(table["infant formula"].sum())
    n_both = int(table[["infant formula", "diapers"]].all(axis=1).sum())
    return {"right": n_both * CROSS_SELL_GAIN, "points": n_formula * CROSS_SELL_GAIN,
            "total": n_both * (1 + CROSS_SELL_GAIN), "all_diapers": int(table["diapers"].sum()) * CROSS_SELL_GAIN}


@exercises.add("ex7", "extra_diaper_baskets")
def ex7(extra_diaper_baskets):
    v = _ex7_values()
    expect_number(extra_diaper_baskets, v["right"], name="extra_diaper_baskets", decimals=0, abs_tol=0.5,
                  alternatives=[
                      (v["points"], "+30% is relative: the confidence goes from about 0.49 to 0.49 × 1.3, not up by "
                                    "30 points.", "points-not-relative"),
                      (v["total"], "That is the total of formula-and-diapers baskets after the change; the exercise "
                                   "asks for the extra ones.", "total-not-extra"),
                      (v["all_diapers"], "Start from the baskets with infant formula (the page the recommendation "
                                         "sits on), not from all diaper baskets.", "wrong-base"),
                  ])


def _n(*items):
    return int(_baskets()[list(items)].all(axis=1).sum())


exercises.answer("ex7")(lambda: {"extra_diaper_baskets": _n("infant formula")
                                 * (_n("infant formula", "diapers") / _n("infant formula")) * 0.30})
exercises.form("ex7", "rounded to whole baskets")(
    lambda: {"extra_diaper_baskets": round(_n("infant formula", "diapers") * 0.3)})
exercises.mistake("ex7", "points-not-relative", "adds 30 points of confidence")(
    lambda: {"extra_diaper_baskets": _n("infant formula") * 0.30})
exercises.mistake("ex7", "total-not-extra", "gives the total after the change")(
    lambda: {"extra_diaper_baskets": _n("infant formula", "diapers") * 1.3})
exercises.mistake("ex7", "wrong-base", "starts from all diaper baskets")(
    lambda: {"extra_diaper_baskets": _n("diapers") * 0.30})


# ----------------------------------------------------------------------------- exercise 8 (concept)

_EX8_OPTIONS = {
    "A": ("", ""),
    "B": ("A basket holding beer and diapers also holds beer, so beer is in *at least* as many baskets as the pair, "
          "never fewer.", "subset-smaller"),
    "C": ("Beer is also bought without diapers; the pair's support is only a lower bound for beer's.",
          "subset-equal"),
    "D": ("The Apriori principle says exactly this much: a set is never more frequent than any of its subsets.",
          "no-conclusion"),
}


exercises.choice("ex8", "apriori_answer", "A", _EX8_OPTIONS)
