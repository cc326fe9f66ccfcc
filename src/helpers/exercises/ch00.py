"""Checks for ``00_getting_started``, and the chapter's wrong-answer catalogue."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data
from helpers.checks import Exercises, expect_number

exercises = Exercises("ch00")
CATALOGUE_COMPLETE = True

#: What the shop spends a year to keep one club member (stated in the notebook).
KEEP_COST = 25.0
DISCOUNT = 0.10
#: Exercise 4's discount rate and Exercise 7's target multiple.
DISCOUNT_EX4 = 0.15
VALUE_MULTIPLE = 5.0


def customer_value(margin: float, retention: float, discount: float = DISCOUNT) -> float:
    """Value of a customer who pays ``margin`` now and each later year while retained."""
    return margin * (1 + discount) / (1 + discount - retention)


@lru_cache(maxsize=1)
def _cups() -> pd.DataFrame:
    return data.load("demo")


@lru_cache(maxsize=1)
def _leads_won() -> pd.Series:
    return data.load("leads")["won_6m"]


# ----------------------------------------------------------------------------- ex1

@exercises.add("ex1", "retention_rate")
def ex1(retention_rate):
    active = _cups()["active_q1_2025"]
    expected = active.mean()
    expect_number(retention_rate, expected, name="retention_rate", sig=3, alternatives=[
        (int(active.sum()), "That is how many customers stayed; divide by the number of customers to get a rate.",
         "count-not-share"),
        (1 - expected, "That is the share who left (the churn rate); retention is the share who stayed.",
         "churn-not-retention"),
    ])


exercises.answer("ex1")(lambda: {"retention_rate": _cups()["active_q1_2025"].mean()})
exercises.form("ex1", "rounded to the three figures asked, as a fraction")(lambda: {"retention_rate": 16 / 20})
exercises.form("ex1", "as a one-element Series")(
    lambda: {"retention_rate": _cups()[["active_q1_2025"]].mean()})
exercises.mistake("ex1", "count-not-share", "counts the customers who stayed")(
    lambda: {"retention_rate": int(_cups()["active_q1_2025"].sum())})
exercises.mistake("ex1", "churn-not-retention", "gives the share who left")(
    lambda: {"retention_rate": 1 - _cups()["active_q1_2025"].mean()})
exercises.mistake("ex1", "percent-not-share", "gives a percentage")(
    lambda: {"retention_rate": 100 * _cups()["active_q1_2025"].mean()})


# ----------------------------------------------------------------------------- ex2

@exercises.add("ex2", "cost_ratio")
def ex2(cost_ratio):
    cost = _cups()["acquisition_cost"]
    expected = cost.mean() / KEEP_COST
    channel_means = _cups().groupby("channel")["acquisition_cost"].mean()
    expect_number(cost_ratio, expected, name="cost_ratio", sig=2, alternatives=[
        (KEEP_COST / cost.mean(), "The ratio is upside down: divide the cost of winning by the cost of keeping.",
         "upside-down"),
        (cost.median() / KEEP_COST,
         "That uses a typical customer's cost (the median, which here is also the cheapest channel's cost); the "
         "exercise asks for the average over all twenty customers.", "median-not-mean"),
        (channel_means.mean() / KEEP_COST,
         "That averages the three channel averages, as if each channel had won as many customers; average over "
         "the twenty customers instead.", "mean-of-channel-means"),
        (cost.sum() / KEEP_COST, "That uses the total spent on winning all twenty; divide by 20 for the cost of "
                                 "one customer first.", "total-not-average"),
    ])
    return f"Winning a customer costs {expected:.1f}× keeping one: inside the source's 5–10× range."


exercises.answer("ex2")(lambda: {"cost_ratio": _cups()["acquisition_cost"].mean() / KEEP_COST})
exercises.form("ex2", "rounded to the two significant figures asked")(
    lambda: {"cost_ratio": round(_cups()["acquisition_cost"].mean() / KEEP_COST, 1)})
exercises.mistake("ex2", "upside-down", "divides keeping by winning")(
    lambda: {"cost_ratio": KEEP_COST / _cups()["acquisition_cost"].mean()})
exercises.mistake("ex2", "median-not-mean", "takes the median cost (= the cheapest channel here)")(
    lambda: {"cost_ratio": _cups()["acquisition_cost"].median() / KEEP_COST})
exercises.mistake("ex2", "mean-of-channel-means", "averages the per-channel table printed above")(
    lambda: {"cost_ratio": _cups().groupby("channel")["acquisition_cost"].mean().mean() / KEEP_COST})
exercises.mistake("ex2", "total-not-average", "divides the total cost by the keeping cost")(
    lambda: {"cost_ratio": _cups()["acquisition_cost"].sum() / KEEP_COST})


# ----------------------------------------------------------------------------- ex3

@exercises.add("ex3", "cost_per_retained")
def ex3(cost_per_retained):
    cups = _cups()
    active = cups["active_q1_2025"]
    total = cups["acquisition_cost"].sum()
    expected = total / active.sum()
    expect_number(cost_per_retained, expected, name="cost_per_retained", sig=3, alternatives=[
        (cups.loc[active, "acquisition_cost"].mean(),
         "That is the average cost of the customers who stayed. But Mei also paid to win the four who left: "
         "divide the cost of winning *all* twenty by the number who stayed.", "mean-of-retained"),
        (cups["acquisition_cost"].mean(), "That is the cost per customer won (Exercise 2's numerator); divide the "
                                          "total by the customers still buying instead.", "per-won-not-retained"),
        (total / (~active).sum(), "You divided by the customers who left; divide by those still buying.",
         "divided-by-churned"),
        (total / active.sum() / KEEP_COST, "That is already a ratio to the keeping cost; the exercise asks for "
                                           "yuan per retained customer.", "ratio-not-yuan"),
    ])
    return (f"Each customer still buying cost {expected:.0f} yuan to win, against "
            f"{cups['acquisition_cost'].mean():.0f} per customer won.")


exercises.answer("ex3")(lambda: {"cost_per_retained": _cups()["acquisition_cost"].sum()
                                 / _cups()["active_q1_2025"].sum()})
exercises.form("ex3", "as a whole number of yuan")(
    lambda: {"cost_per_retained": int(round(_cups()["acquisition_cost"].sum() / _cups()["active_q1_2025"].sum()))})
exercises.mistake("ex3", "mean-of-retained", "averages the cost of the customers who stayed")(
    lambda: {"cost_per_retained": _cups().loc[_cups()["active_q1_2025"], "acquisition_cost"].mean()})
exercises.mistake("ex3", "per-won-not-retained", "gives the cost per customer won")(
    lambda: {"cost_per_retained": _cups()["acquisition_cost"].mean()})
exercises.mistake("ex3", "divided-by-churned", "divides by the customers who left")(
    lambda: {"cost_per_retained": _cups()["acquisition_cost"].sum() / (~_cups()["active_q1_2025"]).sum()})


# ----------------------------------------------------------------------------- ex4

def _uplift(discount: float | None) -> float:
    if discount is None:
        return 100 * ((1 / (1 - 0.85)) / (1 / (1 - 0.80)) - 1)
    return 100 * (customer_value(1.0, 0.85, discount) / customer_value(1.0, 0.80, discount) - 1)


@exercises.add("ex4", "uplift_15")
def ex4(uplift_15):
    expected = _uplift(DISCOUNT_EX4)
    expect_number(uplift_15, expected, name="uplift_15", decimals=1, alternatives=[
        (_uplift(DISCOUNT), "That is the uplift at the text's 10% discount rate; use a discount rate of 15%.",
         "text-discount-rate"),
        (_uplift(None), "You left out discounting: a yuan next year is worth 1/(1 + 0.15) of a yuan today.",
         "no-discounting"),
        (expected / 100 + 1, "That is the ratio of the two values; the exercise asks for the rise in percent "
                             "(ratio − 1, times 100).", "ratio-not-percent"),
        (5.0, "Five points is the change in retention, not in customer value: compute the value at 80% and at 85% "
              "and compare them.", "retention-points"),
    ])


exercises.answer("ex4")(lambda: {"uplift_15": 100 * (customer_value(50, 0.85, 0.15) / customer_value(50, 0.80, 0.15) - 1)})
exercises.form("ex4", "rounded to one decimal, as the exercise asks")(lambda: {"uplift_15": 16.7})
exercises.mistake("ex4", "text-discount-rate", "keeps the 10% discount rate")(
    lambda: {"uplift_15": 100 * (customer_value(50, 0.85) / customer_value(50, 0.80) - 1)})
exercises.mistake("ex4", "no-discounting", "values a customer at margin / (1 − r)")(
    lambda: {"uplift_15": 100 * ((50 / 0.15) / (50 / 0.20) - 1)})
exercises.mistake("ex4", "ratio-not-percent", "gives the ratio of the two values")(
    lambda: {"uplift_15": customer_value(50, 0.85, 0.15) / customer_value(50, 0.80, 0.15)})
exercises.mistake("ex4", "retention-points", "answers with the five points of retention")(lambda: {"uplift_15": 5})


# ----------------------------------------------------------------------------- ex5

@exercises.add("ex5", "leads_won_share")
def ex5(leads_won_share):
    won = _leads_won()
    expected = won.mean()
    expect_number(leads_won_share, expected, name="leads_won_share", sig=3, alternatives=[
        (int(won.sum()), "That is the number of leads won; divide by the number of leads.", "count-not-share"),
        (1 - expected, "That is the share of leads *not* won; the exercise asks for those won.", "lost-not-won"),
        (_cups()["active_q1_2025"].mean(), "That is Corner Cup's retention rate from `cups`; load the `leads` "
                                           "dataset with `data.load(\"leads\")`.", "wrong-dataset"),
    ])


exercises.answer("ex5")(lambda: {"leads_won_share": data.load("leads")["won_6m"].mean()})
exercises.form("ex5", "as wins ÷ leads with numpy")(
    lambda: {"leads_won_share": np.count_nonzero(_leads_won()) / len(_leads_won())})
exercises.mistake("ex5", "count-not-share", "counts the wins")(lambda: {"leads_won_share": int(_leads_won().sum())})
exercises.mistake("ex5", "lost-not-won", "gives the share not won")(
    lambda: {"leads_won_share": 1 - _leads_won().mean()})
exercises.mistake("ex5", "percent-not-share", "gives a percentage")(
    lambda: {"leads_won_share": round(100 * _leads_won().mean(), 1)})


# ----------------------------------------------------------------------------- ex6

EX6_OPTIONS = {
    "A": ("`notebooks/` holds the chapters with blank exercises: that is where you work, not where the solved "
          "version is.", "student-folder"),
    "B": "",
    "C": ("`cases/` holds case studies, stories analysed from start to end; the solved chapters sit elsewhere.",
          "cases-folder"),
    "D": ("`datasets/` holds the data and its cards, not notebooks.", "data-folder"),
}


exercises.choice("ex6", "solved_folder", "B", EX6_OPTIONS)


# ----------------------------------------------------------------------------- ex7

@exercises.add("ex7", "retention_for_5x")
def ex7(retention_for_5x):
    # m (1 + d) / (1 + d − r) = 5 m  ⇔  r = (1 + d)(1 − 1/5)
    expected = (1 + DISCOUNT) * (1 - 1 / VALUE_MULTIPLE)
    expect_number(retention_for_5x, expected, name="retention_for_5x", sig=3, alternatives=[
        (1 - 1 / VALUE_MULTIPLE, "That solves 1 / (1 − r) = 5, without discounting; keep the (1 + d) of the "
                                 "formula with d = 0.10.", "no-discounting"),
        (1 + DISCOUNT - 1 / VALUE_MULTIPLE, "That solves 1 / (1 + d − r) = 5: you dropped the (1 + d) in the "
                                            "numerator.", "dropped-one-plus-d"),
        (1 - expected, "That is the churn rate at the answer; the exercise asks for the retention rate.",
         "churn-not-retention"),
    ])
    return "Check: customer_value(1, r) is 5.0 at that retention."


exercises.answer("ex7")(lambda: {"retention_for_5x": 1.1 * (1 - 1 / 5)})
exercises.form("ex7", "solved numerically to three figures")(lambda: {"retention_for_5x": 0.880})
exercises.mistake("ex7", "no-discounting", "solves 1/(1 − r) = 5")(lambda: {"retention_for_5x": 0.8})
exercises.mistake("ex7", "dropped-one-plus-d", "solves 1/(1 + d − r) = 5")(lambda: {"retention_for_5x": 0.9})
exercises.mistake("ex7", "churn-not-retention", "gives 1 − r")(lambda: {"retention_for_5x": 1 - 0.88})
exercises.mistake("ex7", "percent-not-share", "gives a percentage")(lambda: {"retention_for_5x": 88})
