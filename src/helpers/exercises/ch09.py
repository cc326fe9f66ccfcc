"""Checks for ``09_experiments_and_loyalty``.

Each exercise states its precision; an answer that agrees to it is correct.  Below each
check, its wrong-answer catalogue (the correct answer, another correct form, realistic
mistakes computed the wrong way).

Each ``decimals=d`` comes with ``abs_tol`` = half a unit of that decimal, so that a known
mistake rounded to the precision asked for is recognised too (``decimals=`` alone widens only
the correct answer).
"""

from __future__ import annotations

import functools
import math
from types import MappingProxyType

import numpy as np
import pandas as pd

from helpers import data
from helpers.checks import Exercises, Hint, expect_number, expect_series, quietly
from helpers.experiment import (
    drop_crossovers, sample_size_two_proportions, simulate_self_selection, two_proportion_test,
)

exercises = Exercises("ch09")

#: Every checked exercise below registers its catalogue (answer, forms, mistakes).
CATALOGUE_COMPLETE = True

#: Stated in the notebook's exercises (read-only: a notebook cannot change what the checks use).
CLUB_SEED, CHAPTER_CLUB_SEED = 9, 2024
NEXT_TEST = MappingProxyType({"rate_a": 0.27, "rate_b": 0.25, "alpha": 0.05, "power": 0.80})
SOURCE_TEST = MappingProxyType({"rate_a": 0.25, "rate_b": 0.18, "alpha": 0.05, "power": 0.80})
#: The z values the chapter's text rounds to (a hand computation with them is accurate to 0.5%).
Z_ROUNDED = (1.96, 0.84)
TOP_SHARE_OF_CUSTOMERS, TOP_SHARE_OF_REVENUE, BLACK_CARD_LIFT = 0.12, 0.50, 0.25
POINTS = MappingProxyType({"points_per_yuan": 1.0, "points_per_reward": 100.0, "reward_value": 5.0, "breakage": 0.30})


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = data.load("coupon_ab")
    clean = quietly(drop_crossovers, raw)
    return raw, clean


# ----------------------------------------------------------------------------- exercise 1


def _new_user_rate(table: pd.DataFrame, arm: str, new: bool | None = True) -> float:
    rows = table["arm"] == arm
    if new is not None:
        rows &= table["new_user"] == new
    return float(table.loc[rows, "ordered"].mean())


@exercises.add("ex1", "new_user_rate")
def ex1(new_user_rate):
    raw, clean = _tables()
    expected = _new_user_rate(clean, "5 off 20")
    expect_number(new_user_rate, expected, name="new_user_rate", sig=4, alternatives=[
        (_new_user_rate(raw, "5 off 20"), "Close, but you kept the users who were assigned to both arms: work on "
                                          "`coupons` (after `drop_crossovers`), not the raw table.", "crossovers-kept"),
        (_new_user_rate(clean, "8 off 30"), "That is the rate of the other coupon, \"8 off 30\".", "wrong-arm"),
        (_new_user_rate(clean, "5 off 20", None),
         "That is the rate of all \"5 off 20\" users; keep only new users (`new_user` is True).", "segment-not-filtered"),
        (_new_user_rate(clean, "5 off 20", False), "That is the rate of returning users; the exercise asks for new "
                                                   "users.", "reversed-filter"),
    ])
    return f"New users converted at {expected:.1%} with \"5 off 20\"."


def _coupons():
    return _tables()[1]


exercises.answer("ex1")(lambda: {"new_user_rate": _coupons().loc[(_coupons()["arm"] == "5 off 20")
                                                                 & _coupons()["new_user"], "ordered"].mean()})
exercises.form("ex1", "from a groupby table, rounded to four significant figures")(
    lambda: {"new_user_rate": round(float(_coupons().groupby(["arm", "new_user"])["ordered"].mean()
                                          .loc[("5 off 20", True)]), 4)})
exercises.mistake("ex1", "crossovers-kept", "uses the raw table")(
    lambda: {"new_user_rate": _new_user_rate(_tables()[0], "5 off 20")})
exercises.mistake("ex1", "wrong-arm", "takes the other coupon")(lambda: {"new_user_rate": _new_user_rate(_coupons(), "8 off 30")})
exercises.mistake("ex1", "segment-not-filtered", "forgets the new-user filter")(
    lambda: {"new_user_rate": _coupons().loc[_coupons()["arm"] == "5 off 20", "ordered"].mean()})
exercises.mistake("ex1", "reversed-filter", "keeps the returning users")(
    lambda: {"new_user_rate": _new_user_rate(_coupons(), "5 off 20", False)})


# ----------------------------------------------------------------------------- exercise 2


def _net_per_user(table: pd.DataFrame) -> pd.Series:
    net = table["order_value"].fillna(0.0) - table["discount"]
    return net.groupby(table["arm"]).mean().rename("net_revenue_per_user")


@functools.lru_cache(maxsize=1)
def _ex2_series() -> dict[str, pd.Series]:
    _, clean = _tables()
    orders = clean[clean["ordered"]]
    return {"right": _net_per_user(clean),
            "per_order": (orders["order_value"] - orders["discount"]).groupby(orders["arm"]).mean(),
            "gross": clean["order_value"].fillna(0.0).groupby(clean["arm"]).mean(),
            "discount_only": -clean["discount"].groupby(clean["arm"]).mean(),
            "median": (clean["order_value"].fillna(0.0) - clean["discount"]).groupby(clean["arm"]).median()}


@exercises.add("ex2", "net_per_user")
def ex2(net_per_user):
    v = _ex2_series()
    expect_series(net_per_user, v["right"], name="net_per_user", alternatives=[
        (v["per_order"], "You averaged over orders only. Average over every assigned user (a user without an order "
                         "brings 0 yuan): fill the missing `order_value` with 0 first.", "orders-only"),
        (v["gross"], "You forgot to subtract the coupon's `discount`: the platform pays it.", "discount-not-subtracted"),
        (v["median"], "That is the median per user (0 for most, since most users did not order); the "
                                "exercise asks for the average.", "median-not-mean"),
    ])
    right = v["right"]
    return (f"\"5 off 20\" brings {right['5 off 20']:.2f} yuan per user against "
            f"{right['8 off 30']:.2f}: more orders outweigh the smaller baskets.")


def _net(table=None):
    coupons = _coupons() if table is None else table
    return (coupons["order_value"].fillna(0) - coupons["discount"]).groupby(coupons["arm"]).mean()


exercises.answer("ex2")(lambda: {"net_per_user": _net()})
exercises.form("ex2", "a dict of arm → yuan")(lambda: {"net_per_user": _net().to_dict()})
exercises.form("ex2", "a two-column table after reset_index()")(lambda: {"net_per_user": _net().rename("net").reset_index()})
exercises.mistake("ex2", "orders-only", "averages over the orders only")(
    lambda: {"net_per_user": (_coupons()["order_value"] - _coupons()["discount"]).groupby(_coupons()["arm"]).mean()})
exercises.mistake("ex2", "discount-not-subtracted", "forgets the discount")(
    lambda: {"net_per_user": _coupons()["order_value"].fillna(0).groupby(_coupons()["arm"]).mean()})
exercises.mistake("ex2", "median-not-mean", "takes the median")(
    lambda: {"net_per_user": (_coupons()["order_value"].fillna(0) - _coupons()["discount"])
             .groupby(_coupons()["arm"]).median()})


# ----------------------------------------------------------------------------- exercise 3


def _hand_sample_size(rate_a, rate_b, z_alpha, z_power) -> float:
    p_bar = (rate_a + rate_b) / 2
    return (z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))
            + z_power * math.sqrt(rate_a * (1 - rate_a) + rate_b * (1 - rate_b))) ** 2 / (rate_a - rate_b) ** 2


@exercises.add("ex3", "n_next_test")
def ex3(n_next_test):
    test = dict(NEXT_TEST)
    expected = sample_size_two_proportions(**test)
    expect_number(n_next_test, expected, name="n_next_test", rel_tol=5e-3, alternatives=[
        (2 * expected, "That is the total over both arms; give the number of users per arm.", "total-not-per-arm"),
        (sample_size_two_proportions(**test, alternative="larger"),
         "That is the one-sided sample size; the exercise asks for a two-sided test.", "one-sided"),
        (sample_size_two_proportions(**{**test, "power": 0.90}),
         "That sample gives 90% power; the exercise asks for 80%.", "wrong-power"),
        (sample_size_two_proportions(**dict(SOURCE_TEST)),
         "That is the text's test (25% against 18%); the next test compares 27% with 25%.", "text-parameter"),
    ])
    if not float(n_next_test).is_integer():
        raise Hint("`n_next_test` should be a whole number of users: round *up* (a fraction of a user still has to "
                   "be recruited).", "not-whole")
    return "Small lifts need big tests: two points of conversion cost thousands of users per arm."


exercises.answer("ex3")(lambda: {"n_next_test": sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80)})
exercises.form("ex3", "by hand with the text's rounded z values 1.96 and 0.84, rounded up")(
    lambda: {"n_next_test": math.ceil(_hand_sample_size(0.27, 0.25, *Z_ROUNDED))})
exercises.mistake("ex3", "total-not-per-arm", "doubles for both arms")(
    lambda: {"n_next_test": 2 * sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80)})
exercises.mistake("ex3", "one-sided", "plans a one-sided test")(
    lambda: {"n_next_test": sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80, alternative="larger")})
exercises.mistake("ex3", "wrong-power", "plans for 90% power")(
    lambda: {"n_next_test": sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.90)})
exercises.mistake("ex3", "text-parameter", "reuses the text's 25% vs 18%")(
    lambda: {"n_next_test": sample_size_two_proportions(0.25, 0.18, alpha=0.05, power=0.80)})


# ----------------------------------------------------------------------------- exercise 4 (concept)

_EX4_OPTIONS = {
    "A": ("Stopping at the first significant look is exactly the peeking trap: with daily looks an A/A test "
          "is 'significant' at some point far more often than 5% of the time.", "stop-at-first-significant"),
    "B": ("A smaller significance level on *every* look is a real remedy only when it is planned from the start "
          "(a sequential design); tightening the level after seeing the data is still a choice made from the data.",
          "unplanned-sequential"),
    "C": ("", ""),
    "D": ("Adding users to the arm that is ahead breaks the randomisation: the arms are then no longer alike "
          "apart from the coupon.", "breaks-randomisation"),
}


exercises.choice("ex4", "peeking_answer", "C", _EX4_OPTIONS)


# ----------------------------------------------------------------------------- exercise 5


@functools.lru_cache(maxsize=2)
def _club_rates(seed: int) -> pd.Series:
    club = simulate_self_selection(programme_effect=0.05, seed=seed)
    return club.groupby("member")["repurchased"].mean()


@exercises.add("ex5", "naive_gap")
def ex5(naive_gap):
    rates, chapter = _club_rates(CLUB_SEED), _club_rates(CHAPTER_CLUB_SEED)
    expected = float(rates[True] - rates[False])
    expect_number(naive_gap, expected, name="naive_gap", decimals=3, abs_tol=0.0005, alternatives=[
        (0.05, "0.05 is the club's true effect, planted in the simulation; the exercise asks for the gap you "
               "would *see* by comparing members with non-members.", "planted-effect"),
        (float(rates[True] / rates[False]), "That is the ratio of the two rates; give the difference "
                                            "(members minus non-members).", "ratio-not-difference"),
        (float(chapter[True] - chapter[False]), "That is the chapter's own coffee chain (seed 2024); simulate the "
                                                "other chain with seed=9.", "reused-seed"),
    ])
    return (f"The members' advantage looks like {100 * expected:.0f} points, yet the club itself adds only 5 points: "
            "the rest is who chose to join.")


def _gap(seed: int) -> float:
    rates = _club_rates(seed)
    return float(rates[True] - rates[False])


exercises.answer("ex5")(lambda: {"naive_gap": _gap(9)})
exercises.form("ex5", "rounded to three decimals")(lambda: {"naive_gap": round(_gap(9), 3)})
exercises.mistake("ex5", "planted-effect", "gives the planted effect")(lambda: {"naive_gap": 0.05})
exercises.mistake("ex5", "ratio-not-difference", "divides the rates")(
    lambda: {"naive_gap": float(_club_rates(9)[True] / _club_rates(9)[False])})
exercises.mistake("ex5", "reused-seed", "reuses the chapter's seed 2024")(lambda: {"naive_gap": _gap(2024)})
exercises.mistake("ex5", "percent-not-share", "gives percentage points")(lambda: {"naive_gap": 100 * _gap(9)})


# ----------------------------------------------------------------------------- exercises 6–7


@exercises.add("ex6", "revenue_lift_pct")
def ex6(revenue_lift_pct):
    expected = 100 * TOP_SHARE_OF_REVENUE * BLACK_CARD_LIFT
    expect_number(revenue_lift_pct, expected, name="revenue_lift_pct", decimals=1, abs_tol=0.05, alternatives=[
        (100 * BLACK_CARD_LIFT, "25% is the lift of the top customers' repurchase; they bring only half of the "
                                "revenue, so the total rises by less.", "lift-not-weighted"),
        (100 * TOP_SHARE_OF_CUSTOMERS * BLACK_CARD_LIFT, "You weighted by the share of *customers* (12%); weight by "
                                                         "their share of *revenue* (50%).", "customer-share-weight"),
        (100 * TOP_SHARE_OF_REVENUE * (1 + BLACK_CARD_LIFT), "That is the top customers' new revenue as a share of "
                                                             "the old total; the exercise asks for the rise.",
         "level-not-change"),
    ])


exercises.answer("ex6")(lambda: {"revenue_lift_pct": 100 * 0.50 * 0.25})
exercises.form("ex6", "rounded to one decimal")(lambda: {"revenue_lift_pct": 12.5})
exercises.mistake("ex6", "lift-not-weighted", "takes the 25% lift as the total")(lambda: {"revenue_lift_pct": 25.0})
exercises.mistake("ex6", "customer-share-weight", "weights by the 12% of customers")(
    lambda: {"revenue_lift_pct": 100 * 0.12 * 0.25})
exercises.mistake("ex6", "level-not-change", "gives 50% × 1.25")(lambda: {"revenue_lift_pct": 100 * 0.50 * 1.25})
exercises.mistake("ex6", "share-not-percent", "gives a share, not a percentage")(lambda: {"revenue_lift_pct": 0.5 * 0.25})


def _points_cost_share(points_per_yuan: float, points_per_reward: float, reward_value: float,
                       breakage: float) -> float:
    return points_per_yuan / points_per_reward * reward_value * (1 - breakage)


@exercises.add("ex7", "cost_share")
def ex7(cost_share):
    points = dict(POINTS)
    expected = _points_cost_share(**points)
    nominal = _points_cost_share(**{**points, "breakage": 0.0})
    expect_number(cost_share, expected, name="cost_share", decimals=4, abs_tol=0.00005, alternatives=[
        (nominal, "That is the cost if every point were redeemed; 30% of points are never used (breakage).",
         "breakage-ignored"),
        (nominal * points["breakage"], "You multiplied by the breakage (30%); the redeemed share is 1 − breakage.",
         "breakage-as-redeemed"),
        (points["points_per_reward"] / points["reward_value"] * (1 - points["breakage"]),
         "Upside down: a point is worth reward value ÷ points per reward (5 ÷ 100 yuan), not the other way round.",
         "ratio-upside-down"),
    ])
    return f"The programme gives back {expected:.1%} of sales, not the {nominal:.0%} printed on the card."


exercises.answer("ex7")(lambda: {"cost_share": 1 / 100 * 5.0 * (1 - 0.30)})
exercises.form("ex7", "rounded to four decimals")(lambda: {"cost_share": 0.035})
exercises.mistake("ex7", "breakage-ignored", "leaves out breakage")(lambda: {"cost_share": 1 / 100 * 5.0})
exercises.mistake("ex7", "breakage-as-redeemed", "multiplies by the breakage")(lambda: {"cost_share": 1 / 100 * 5.0 * 0.30})
exercises.mistake("ex7", "percent-not-share", "gives a percentage")(lambda: {"cost_share": 100 / 100 * 5.0 * (1 - 0.30)})


# ----------------------------------------------------------------------------- exercise 8 (a function)

#: Fresh tests the check feeds to the student's function: (orders_a, users_a, orders_b, users_b).
_FRESH_TESTS = ((250, 1000, 180, 1000), (30, 400, 45, 500), (1200, 5000, 1100, 4800))


def _good_z(orders_a, users_a, orders_b, users_b):
    p_a, p_b = orders_a / users_a, orders_b / users_b
    pooled = (orders_a + orders_b) / (users_a + users_b)
    return (p_a - p_b) / math.sqrt(pooled * (1 - pooled) * (1 / users_a + 1 / users_b))


def _unpooled_z(orders_a, users_a, orders_b, users_b):
    p_a, p_b = orders_a / users_a, orders_b / users_b
    return (p_a - p_b) / math.sqrt(p_a * (1 - p_a) / users_a + p_b * (1 - p_b) / users_b)


def _no_sqrt_z(orders_a, users_a, orders_b, users_b):
    pooled = (orders_a + orders_b) / (users_a + users_b)
    return (orders_a / users_a - orders_b / users_b) / (pooled * (1 - pooled) * (1 / users_a + 1 / users_b))


def _reversed_z(orders_a, users_a, orders_b, users_b):
    return -_good_z(orders_a, users_a, orders_b, users_b)


_WRONG_Z = {
    "unpooled-se": ("uses each arm's own rate in the standard error; the test of 'no difference' pools the two "
                    "arms: p = (orders A + orders B) / (users A + users B)", _unpooled_z),
    "no-sqrt": ("divides by the variance; the standard error is its square root", _no_sqrt_z),
    "wrong-sign": ("subtracts A from B; z = (p_A − p_B) / SE, positive when A converts better", _reversed_z),
}


@exercises.add("ex8", "z_statistic")
def ex8(z_statistic):
    if not callable(z_statistic):
        raise Hint("`z_statistic` should be a function (written with `def z_statistic(orders_a, users_a, orders_b, "
                   f"users_b): ...`), not {type(z_statistic).__name__}.", "wrong-type")
    try:
        given = [float(z_statistic(*test)) for test in _FRESH_TESTS]
    except Exception as exc:
        raise Hint(f"Your `z_statistic` raised {type(exc).__name__} on whole-number counts: make it work on any four "
                   "counts.", "function-raises") from None
    if np.allclose(given, [_good_z(*t) for t in _FRESH_TESTS], rtol=1e-6):
        return "Your z agrees with the pooled two-proportion test on three fresh tests."
    for tag, (message, wrong) in _WRONG_Z.items():
        if np.allclose(given, [wrong(*t) for t in _FRESH_TESTS], rtol=1e-6):
            raise Hint(f"On fresh tests your function {message}.", tag)
    raise Hint("Your function gives another z on fresh tests; compare step by step with the by-hand cell of "
               "section 1 (rates, pooled rate, standard error, z).", "generic-mismatch")


exercises.answer("ex8")(lambda: {"z_statistic": _good_z})
exercises.form("ex8", "a function that calls the kit's two_proportion_test")(
    lambda: {"z_statistic": lambda a, n_a, b, n_b: two_proportion_test(a, n_a, b, n_b)["z"]})
for _tag, (_message, _wrong) in _WRONG_Z.items():
    exercises.mistake("ex8", _tag, _message)(lambda _wrong=_wrong: {"z_statistic": _wrong})
