"""Checks for ``01_man_qualification``: the expected answers come from the kit's own code."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import data, qualify
from helpers.checks import Exercises, Hint, expect_labels, expect_number

exercises = Exercises("ch01")

#: The plan weeks of the chapter (weeks 1–6 are used to learn, weeks 7–13 to plan).
PLAN_WEEKS = range(7, 14)


@lru_cache(maxsize=1)
def _leads() -> pd.DataFrame:
    return data.load("leads")


def _tiers(**rules) -> pd.DataFrame:
    leads = _leads()
    return qualify.man_tier(qualify.man_flags(leads, verbose=False, **rules))


@exercises.add("ex1", "n_qualified")
def ex1(n_qualified):
    met = _tiers()["criteria_met"]
    expected = int((met == 3).sum())
    met_generous = _tiers(missing="met")["criteria_met"]
    expect_number(n_qualified, expected, name="n_qualified", integer=True, alternatives=[
        (int((met >= 2).sum()), "That counts leads meeting two or three criteria; a qualified prospect meets all three."),
        (int((met == 2).sum()), "That is the number of prospects (exactly two criteria); count those meeting all three."),
        (int((met_generous == 3).sum()), "You counted missing values as met. Use the default rule (missing='unmet'): "
                                         "a criterion counts only when the data show it."),
    ])


@exercises.add("ex2", "two_criteria_rate")
def ex2(two_criteria_rate):
    leads, met = _leads(), _tiers()["criteria_met"]
    won = leads["won_6m"]
    expected = won[met == 2].mean()
    expect_number(two_criteria_rate, expected, name="two_criteria_rate", rel_tol=1e-3, alternatives=[
        (int(won[met == 2].sum()), "That is the number of wins; divide by the number of two-criteria leads."),
        (won[met >= 2].mean(), "That includes the qualified prospects (three criteria); keep exactly two."),
        (won[met == 2].sum() / won.sum(), "That is the two-criteria leads' share of all wins; the exercise asks "
                                          "for their conversion rate (wins ÷ leads)."),
    ])
    return f"Two-criteria leads convert at {expected:.1%}: far too many wins to drop."


@exercises.add("ex3", "best_two_pattern")
def ex3(best_two_pattern):
    leads = _leads()
    table = qualify.conversion_by(leads.assign(pattern=_tiers()["pattern"]), "pattern")
    two = table.loc[[p for p in table.index if p.count("-") == 1]]
    expected = str(two["conversion_rate"].idxmax())
    hints = {pattern: f"{pattern} converts at {two.loc[pattern, 'conversion_rate']:.1%}; another two-criteria "
                      "pattern converts better. Sort the conversion table."
             for pattern in two.index if pattern != expected}
    for pattern in qualify.PATTERNS:
        if pattern.count("-") != 1:
            hints[pattern] = (f"{pattern} meets {3 - pattern.count('-')} criteria; the exercise asks about the "
                              "patterns with exactly two (MA-, M-N, -AN).")
    expect_labels(best_two_pattern, expected, name="best_two_pattern", hints=hints)


@exercises.add("ex4", "qualified_rate_30k")
def ex4(qualified_rate_30k):
    won = _leads()["won_6m"]
    at_30k = _tiers(budget_min=30_000)["criteria_met"] == 3
    at_50k = _tiers()["criteria_met"] == 3
    expected = won[at_30k].mean()
    expect_number(qualified_rate_30k, expected, name="qualified_rate_30k", rel_tol=1e-3, alternatives=[
        (won[at_50k].mean(), "That is the rate with the default 50,000-yuan threshold; pass budget_min=30_000 "
                             "to man_flags."),
        (int(at_30k.sum()), "That is the number of qualified prospects; the exercise asks for their conversion rate."),
        (won[_tiers(budget_min=30_000, missing="met")["criteria_met"] == 3].mean(),
         "You counted missing values as met; keep the default missing='unmet'."),
    ])
    return (f"With a 30,000-yuan threshold qualified prospects convert at {expected:.1%}, against "
            f"{won[at_50k].mean():.1%} at 50,000: more leads, each less likely to buy.")


def plan_wins(capacity: int, weeks=PLAN_WEEKS) -> int:
    """Actual wins among the leads called by MAN priority with ``capacity`` calls a week."""
    leads = _leads()
    tiers = _tiers()
    keep = leads["week"].isin(list(weeks))
    plan = qualify.call_plan(leads[keep], -tiers.loc[keep, "priority"], capacity)
    return int(plan.loc[plan["called"], "won_6m"].sum())


@exercises.add("ex5", "wins_100")
def ex5(wins_100):
    expected = plan_wins(100)
    expect_number(wins_100, expected, name="wins_100", integer=True, alternatives=[
        (plan_wins(150), "That is the plan with 150 calls a week; the exercise asks for 100."),
        (plan_wins(100, weeks=range(1, 14)), "You planned all 13 weeks; keep weeks 7–13 only."),
    ])
