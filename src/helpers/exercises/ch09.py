"""Checks for ``09_experiments_and_loyalty``."""

from __future__ import annotations

import contextlib
import functools
import io

import pandas as pd

from helpers import data
from helpers.checks import Exercises, Hint, expect_choice, expect_number, expect_series
from helpers.experiment import drop_crossovers, sample_size_two_proportions, simulate_self_selection

exercises = Exercises("ch09")

#: Stated in the notebook's exercises.
CLUB_SEED = 9
NEXT_TEST = {"rate_a": 0.27, "rate_b": 0.25, "alpha": 0.05, "power": 0.80}
TOP_SHARE_OF_REVENUE, BLACK_CARD_LIFT = 0.50, 0.25
POINTS = {"points_per_yuan": 1.0, "points_per_reward": 100.0, "reward_value": 5.0, "breakage": 0.30}


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = data.load("coupon_ab")
    with contextlib.redirect_stdout(io.StringIO()):
        clean = drop_crossovers(raw)
    return raw, clean


def _new_user_rate(table: pd.DataFrame, arm: str) -> float:
    return float(table.loc[(table["arm"] == arm) & table["new_user"], "ordered"].mean())


@exercises.add("ex1", "new_user_rate")
def ex1(new_user_rate):
    raw, clean = _tables()
    expected = _new_user_rate(clean, "5 off 20")
    expect_number(new_user_rate, expected, name="new_user_rate", alternatives=[
        (_new_user_rate(raw, "5 off 20"), "Close, but you kept the users who were assigned to both arms: work on "
                                          "`coupons` (after `drop_crossovers`), not the raw table."),
        (_new_user_rate(clean, "8 off 30"), "That is the rate of the other coupon, \"8 off 30\"."),
        (float(clean.loc[clean["arm"] == "5 off 20", "ordered"].mean()),
         "That is the rate of all \"5 off 20\" users; keep only new users (`new_user` is True)."),
        (float(clean.loc[(clean["arm"] == "5 off 20") & ~clean["new_user"], "ordered"].mean()),
         "That is the rate of returning users; the exercise asks for new users."),
    ])
    return f"New users converted at {expected:.1%} with \"5 off 20\"."


def _net_per_user(table: pd.DataFrame) -> pd.Series:
    net = table["order_value"].fillna(0.0) - table["discount"]
    return net.groupby(table["arm"]).mean().rename("net_revenue_per_user")


@exercises.add("ex2", "net_per_user")
def ex2(net_per_user):
    _, clean = _tables()
    expected = _net_per_user(clean)
    orders = clean[clean["ordered"]]
    per_order = (orders["order_value"] - orders["discount"]).groupby(orders["arm"]).mean()
    gross = clean["order_value"].fillna(0.0).groupby(clean["arm"]).mean()
    if isinstance(net_per_user, pd.Series) and len(net_per_user) == len(expected) \
            and set(net_per_user.index) == set(expected.index):
        mine = net_per_user.astype(float).loc[expected.index]
        if ((mine - per_order).abs() < 1e-4).all():
            raise Hint("You averaged over orders only. Average over every assigned user (a user without an order "
                       "brings 0 yuan): fill the missing `order_value` with 0 first.")
        if ((mine - gross).abs() < 1e-4).all():
            raise Hint("You forgot to subtract the coupon's `discount`: the platform pays it.")
    expect_series(net_per_user, expected, name="net_per_user")
    return (f"\"5 off 20\" brings {expected['5 off 20']:.2f} yuan per user against "
            f"{expected['8 off 30']:.2f}: more orders outweigh the smaller baskets.")


@exercises.add("ex3", "n_next_test")
def ex3(n_next_test):
    expected = sample_size_two_proportions(**NEXT_TEST)
    expect_number(n_next_test, expected, name="n_next_test", integer=True, alternatives=[
        (2 * expected, "That is the total over both arms; give the number of users per arm."),
        (sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80, alternative="larger"),
         "That is the one-sided sample size; the exercise asks for a two-sided test."),
        (sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.90),
         "That sample gives 90% power; the exercise asks for 80%."),
        (sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80) - 1,
         "Round up, not down: a fraction of a user still has to be recruited."),
    ])
    return f"{expected:,} users per arm: small lifts need big tests."


@exercises.add("ex4", "peeking_answer")
def ex4(peeking_answer):
    expect_choice(peeking_answer, "C", name="peeking_answer", options={
        "A": "Stopping at the first significant look is exactly the peeking trap: with daily looks an A/A test "
             "is 'significant' at some point far more often than 5% of the time.",
        "B": "A smaller significance level on *every* look is a real remedy only when it is planned from the start "
             "(a sequential design); tightening the level after seeing the data is still a choice made from the data.",
        "C": "",
        "D": "Adding users to the arm that is ahead breaks the randomisation: the arms are then no longer alike "
             "apart from the coupon.",
    })
    return "Decide once, at the sample size you planned before the test started."


def _club_gap() -> float:
    club = simulate_self_selection(programme_effect=0.05, seed=CLUB_SEED)
    rates = club.groupby("member")["repurchased"].mean()
    return float(rates[True] - rates[False])


@exercises.add("ex5", "naive_gap")
def ex5(naive_gap):
    expected = _club_gap()
    club = simulate_self_selection(programme_effect=0.05, seed=CLUB_SEED)
    rates = club.groupby("member")["repurchased"].mean()
    expect_number(naive_gap, expected, name="naive_gap", rel_tol=1e-6, alternatives=[
        (0.05, "0.05 is the club's true effect, planted in the simulation; the exercise asks for the gap you "
               "would *see* by comparing members with non-members."),
        (float(rates[True] / rates[False]), "That is the ratio of the two rates; give the difference "
                                            "(members minus non-members)."),
    ])
    return (f"The members' advantage looks like {100 * expected:.0f} points, yet the club itself adds only 5 points: the rest is "
            "who chose to join.")


@exercises.add("ex6", "revenue_lift_pct")
def ex6(revenue_lift_pct):
    expected = 100 * TOP_SHARE_OF_REVENUE * BLACK_CARD_LIFT
    expect_number(revenue_lift_pct, expected, name="revenue_lift_pct", alternatives=[
        (100 * BLACK_CARD_LIFT, "25% is the lift of the top customers' repurchase; they bring only half of the "
                                "revenue, so the total rises by less."),
        (100 * 0.12 * BLACK_CARD_LIFT, "You weighted by the share of *customers* (12%); weight by their share of "
                                       "*revenue* (50%)."),
    ])


def _points_cost_share(points_per_yuan: float, points_per_reward: float, reward_value: float,
                       breakage: float) -> float:
    return points_per_yuan / points_per_reward * reward_value * (1 - breakage)


@exercises.add("ex7", "cost_share")
def ex7(cost_share):
    expected = _points_cost_share(**POINTS)
    nominal = _points_cost_share(**{**POINTS, "breakage": 0.0})
    expect_number(cost_share, expected, name="cost_share", alternatives=[
        (nominal, "That is the cost if every point were redeemed; 30% of points are never used (breakage)."),
        (nominal * POINTS["breakage"], "You multiplied by the breakage (30%); the redeemed share is 1 − breakage."),
    ])
    return f"The programme gives back {expected:.1%} of sales, not the {nominal:.0%} printed on the card."
