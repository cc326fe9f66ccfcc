"""Checks for ``00_getting_started``."""

from __future__ import annotations

from helpers import data
from helpers.checks import Exercises, expect_number

exercises = Exercises("ch00")

#: What the shop spends a year to keep one club member (stated in the notebook).
KEEP_COST = 25.0
DISCOUNT = 0.10


def customer_value(margin: float, retention: float, discount: float = DISCOUNT) -> float:
    """Value of a customer who pays ``margin`` now and each later year while retained."""
    return margin * (1 + discount) / (1 + discount - retention)


@exercises.add("ex1", "retention_rate")
def ex1(retention_rate):
    demo = data.load("demo")
    active = int(demo["active_q1_2025"].sum())
    expected = active / len(demo)
    expect_number(retention_rate, expected, name="retention_rate", alternatives=[
        (active, "That is how many customers stayed; divide by the number of customers to get a rate."),
        (1 - expected, "That is the share who left (the churn rate); retention is the share who stayed."),
    ])


@exercises.add("ex2", "cost_ratio")
def ex2(cost_ratio):
    demo = data.load("demo")
    acquisition = demo["acquisition_cost"].mean()
    expected = acquisition / KEEP_COST
    expect_number(cost_ratio, expected, name="cost_ratio", alternatives=[
        (KEEP_COST / acquisition, "The ratio is upside down: divide the cost of winning by the cost of keeping."),
        (demo["acquisition_cost"].median() / KEEP_COST,
         "You used the median acquisition cost; the exercise asks for the average."),
    ])
    return f"Winning a customer costs {expected:.1f}× keeping one: inside the source's 5–10× range."


@exercises.add("ex3", "uplift_pct")
def ex3(uplift_pct):
    before, after = customer_value(1.0, 0.80), customer_value(1.0, 0.85)
    expected = 100 * (after / before - 1)
    undiscounted = 100 * ((1 / 0.15) / (1 / 0.20) - 1)
    expect_number(uplift_pct, expected, name="uplift_pct", rel_tol=1e-3, alternatives=[
        (undiscounted, "You left out discounting: a yuan next year is worth 1/(1 + 0.10) of a yuan today."),
        (5.0, "Five points is the change in retention, not in customer value: compute the value at 80% and at "
              "85% and compare them."),
    ])
