"""Checks for ``01_man_qualification`` and the chapter's wrong-answer catalogue.

The expected answers come from the kit's own code (``helpers.qualify``); the catalogue's
answers are computed the way a student would, with pandas.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data, qualify
from helpers.checks import Exercises, expect_labels, expect_number

exercises = Exercises("ch01")
CATALOGUE_COMPLETE = True

#: The plan weeks of the chapter (weeks 1–6 are used to learn, weeks 7–13 to plan).
PLAN_WEEKS = range(7, 14)
#: Exercise 3's industry and Exercise 7's share of leads called.
INDUSTRY_EX3 = "professional services"
TOP_SHARE = 0.30
TWO_PATTERNS = ("MA-", "M-N", "-AN")


@lru_cache(maxsize=1)
def _leads() -> pd.DataFrame:
    return data.load("leads")


@lru_cache(maxsize=8)
def _tiers(**rules) -> pd.DataFrame:
    return qualify.man_tier(qualify.man_flags(_leads(), verbose=False, **rules))


@lru_cache(maxsize=1)
def _joined() -> pd.DataFrame:
    """The leads with the default flags, pattern, tier and priority, as the notebook has them."""
    leads = _leads()
    return leads.join(qualify.man_flags(leads, verbose=False)).join(_tiers())


# ----------------------------------------------------------------------------- ex1

@exercises.add("ex1", "n_qualified")
def ex1(n_qualified):
    met = _tiers()["criteria_met"]
    expected = int((met == 3).sum())
    met_generous = _tiers(missing="met")["criteria_met"]
    expect_number(n_qualified, expected, name="n_qualified", integer=True, alternatives=[
        (int((met >= 2).sum()), "That counts leads meeting two or three criteria; a qualified prospect meets all "
                                "three.", "two-or-more"),
        (int((met == 2).sum()), "That is the number of prospects (exactly two criteria); count those meeting all "
                                "three.", "prospects-not-qualified"),
        (int((met_generous == 3).sum()), "You counted missing values as met. Use the default rule "
                                         "(missing='unmet'): a criterion counts only when the data show it.",
         "missing-as-met"),
    ])


exercises.answer("ex1")(lambda: {"n_qualified": int((_joined()["criteria_met"] == 3).sum())})
exercises.form("ex1", "as a numpy integer from the pattern column")(
    lambda: {"n_qualified": np.int64((_joined()["pattern"] == "MAN").sum())})
exercises.mistake("ex1", "two-or-more", "counts two or three criteria")(
    lambda: {"n_qualified": int((_joined()["criteria_met"] >= 2).sum())})
exercises.mistake("ex1", "prospects-not-qualified", "counts exactly two criteria")(
    lambda: {"n_qualified": int((_joined()["criteria_met"] == 2).sum())})
exercises.mistake("ex1", "missing-as-met", "passes missing='met'")(
    lambda: {"n_qualified": int((qualify.man_tier(qualify.man_flags(_leads(), missing="met", verbose=False))
                                 ["criteria_met"] == 3).sum())})


# ----------------------------------------------------------------------------- ex2

@exercises.add("ex2", "two_criteria_rate")
def ex2(two_criteria_rate):
    won, met = _leads()["won_6m"], _tiers()["criteria_met"]
    expected = won[met == 2].mean()
    expect_number(two_criteria_rate, expected, name="two_criteria_rate", sig=3, alternatives=[
        (int(won[met == 2].sum()), "That is the number of wins; divide by the number of two-criteria leads.",
         "count-not-rate"),
        (won[met >= 2].mean(), "That includes the qualified prospects (three criteria); keep exactly two.",
         "two-or-more"),
        (won[met == 2].sum() / won.sum(), "That is the two-criteria leads' share of all wins; the exercise asks "
                                          "for their conversion rate (wins ÷ leads).", "share-of-wins"),
    ])
    return f"Two-criteria leads convert at {expected:.1%}: far too many wins to drop."


def _won(rows) -> pd.Series:
    return _joined().loc[rows, "won_6m"]


exercises.answer("ex2")(lambda: {"two_criteria_rate": _won(_joined()["criteria_met"] == 2).mean()})
exercises.form("ex2", "rounded to the three significant figures asked")(
    lambda: {"two_criteria_rate": round(float(_won(_joined()["criteria_met"] == 2).mean()), 3)})
exercises.mistake("ex2", "count-not-rate", "counts the wins")(
    lambda: {"two_criteria_rate": int(_won(_joined()["criteria_met"] == 2).sum())})
exercises.mistake("ex2", "two-or-more", "keeps two or three criteria")(
    lambda: {"two_criteria_rate": _won(_joined()["criteria_met"] >= 2).mean()})
exercises.mistake("ex2", "share-of-wins", "divides by all wins")(
    lambda: {"two_criteria_rate": _won(_joined()["criteria_met"] == 2).sum() / _joined()["won_6m"].sum()})


# ----------------------------------------------------------------------------- ex3

def _two_in_industry() -> pd.DataFrame:
    joined = _joined()
    rows = joined[(joined["industry"] == INDUSTRY_EX3) & joined["pattern"].isin(TWO_PATTERNS)]
    return rows.groupby("pattern")["won_6m"].agg(leads="size", wins="sum", conversion_rate="mean")


@exercises.add("ex3", "best_pattern_services")
def ex3(best_pattern_services):
    table = qualify.conversion_by(_joined()[_joined()["industry"] == INDUSTRY_EX3], "pattern")
    two = table.loc[list(TWO_PATTERNS)]
    expected = str(two["conversion_rate"].idxmax())
    overall = qualify.conversion_by(_joined(), "pattern").loc[list(TWO_PATTERNS), "conversion_rate"].idxmax()
    most_leads = str(two["leads"].idxmax())
    worst = str(two["conversion_rate"].idxmin())
    hints = {}
    if overall == most_leads:
        hints[overall] = ("That pattern converts best over the whole quarter and has the most leads in "
                          f"{INDUSTRY_EX3}; the exercise asks which converts best *within* {INDUSTRY_EX3}: filter "
                          "the industry first, then compare conversion rates.", "overall-or-most-leads")
    else:
        hints[overall] = (f"That pattern converts best over all industries; filter to {INDUSTRY_EX3} first.",
                          "whole-quarter-not-industry")
        hints[most_leads] = ("That pattern has the most leads; compare conversion rates, not counts.",
                             "most-leads-not-rate")
    hints.setdefault(worst, ("That pattern converts *worst* among the two-criteria ones: sort the rates in "
                             "descending order (or use idxmax).", "lowest-not-highest"))
    for pattern in qualify.PATTERNS:
        if pattern not in TWO_PATTERNS:
            hints[pattern] = (f"{pattern} meets {3 - pattern.count('-')} criteria; the exercise asks about the "
                              "patterns with exactly two (one dash).", "not-two-criteria")
    expect_labels(best_pattern_services, expected, name="best_pattern_services", hints=hints)
    return f"A small group ({int(two.loc[expected, 'leads'])} leads): look at its Wilson interval before betting on it."


exercises.answer("ex3")(lambda: {"best_pattern_services": _two_in_industry()["conversion_rate"].idxmax()})
exercises.form("ex3", "as a one-element list, in lower case")(
    lambda: {"best_pattern_services": [_two_in_industry()["conversion_rate"].idxmax().lower()]})
exercises.mistake("ex3", "overall-or-most-leads", "forgets the industry filter, or picks the most leads")(
    lambda: {"best_pattern_services": _two_in_industry()["leads"].idxmax()})
exercises.mistake("ex3", "lowest-not-highest", "takes idxmin")(
    lambda: {"best_pattern_services": _two_in_industry()["conversion_rate"].idxmin()})
exercises.mistake("ex3", "not-two-criteria", "takes the best pattern of all, MAN")(
    lambda: {"best_pattern_services": _joined()[_joined()["industry"] == INDUSTRY_EX3]
             .groupby("pattern")["won_6m"].mean().idxmax()})


# ----------------------------------------------------------------------------- ex4

@exercises.add("ex4", "qualified_rate_30k")
def ex4(qualified_rate_30k):
    won = _leads()["won_6m"]
    at_30k = _tiers(budget_min=30_000)["criteria_met"] == 3
    at_50k = _tiers()["criteria_met"] == 3
    expected = won[at_30k].mean()
    expect_number(qualified_rate_30k, expected, name="qualified_rate_30k", sig=3, alternatives=[
        (won[at_50k].mean(), "That is the rate with the default 50,000-yuan threshold; pass budget_min=30_000 "
                             "to man_flags.", "default-threshold"),
        (int(at_30k.sum()), "That is the number of qualified prospects; the exercise asks for their conversion "
                            "rate.", "count-not-rate"),
        (won[_tiers(budget_min=30_000, missing="met")["criteria_met"] == 3].mean(),
         "You counted missing values as met; keep the default missing='unmet'.", "missing-as-met"),
    ])
    return (f"With a 30,000-yuan threshold qualified prospects convert at {expected:.1%}, against "
            f"{won[at_50k].mean():.1%} at 50,000: more leads, each less likely to buy.")


def _rate_at(**rules) -> float:
    tiers = qualify.man_tier(qualify.man_flags(_leads(), verbose=False, **rules))
    return _leads().loc[tiers["criteria_met"] == 3, "won_6m"].mean()


exercises.answer("ex4")(lambda: {"qualified_rate_30k": _rate_at(budget_min=30_000)})
exercises.form("ex4", "rounded to three significant figures")(
    lambda: {"qualified_rate_30k": float(f"{_rate_at(budget_min=30_000):.3g}")})
exercises.mistake("ex4", "default-threshold", "keeps the 50,000 threshold")(
    lambda: {"qualified_rate_30k": _rate_at()})
exercises.mistake("ex4", "count-not-rate", "counts the qualified prospects")(
    lambda: {"qualified_rate_30k": int((qualify.man_tier(qualify.man_flags(_leads(), budget_min=30_000,
                                                                            verbose=False))["criteria_met"] == 3).sum())})
exercises.mistake("ex4", "missing-as-met", "also passes missing='met'")(
    lambda: {"qualified_rate_30k": _rate_at(budget_min=30_000, missing="met")})


# ----------------------------------------------------------------------------- ex5

@lru_cache(maxsize=8)
def plan_wins(capacity: int, weeks: tuple = tuple(PLAN_WEEKS), sign: int = -1) -> int:
    """Actual wins among the leads called by MAN priority with ``capacity`` calls a week."""
    leads = _leads()
    tiers = _tiers()
    keep = leads["week"].isin(list(weeks))
    plan = qualify.call_plan(leads[keep], sign * tiers.loc[keep, "priority"], capacity)
    return int(plan.loc[plan["called"], "won_6m"].sum())


@exercises.add("ex5", "wins_100")
def ex5(wins_100):
    expected = plan_wins(100)
    expect_number(wins_100, expected, name="wins_100", integer=True, alternatives=[
        (plan_wins(150), "That is the plan with 150 calls a week; the exercise asks for 100.", "text-capacity"),
        (plan_wins(100, weeks=tuple(range(1, 14))), "You planned all 13 weeks; keep weeks 7–13 only.", "all-weeks"),
        (plan_wins(100, sign=1), "That calls the *lowest* priority first: `priority` is 1 for the best tier, and "
                                 "call_plan calls the highest score first, so pass `-priority`.", "priority-sign"),
    ])


def _student_plan(capacity: int, weeks=PLAN_WEEKS, sign: int = -1) -> int:
    rows = _joined()[_joined()["week"].isin(list(weeks))]
    plan = qualify.call_plan(rows, sign * rows["priority"], capacity)
    return int(plan.loc[plan["called"], "won_6m"].sum())


exercises.answer("ex5")(lambda: {"wins_100": _student_plan(100)})
exercises.form("ex5", "as a float holding a whole number")(lambda: {"wins_100": float(_student_plan(100))})
exercises.mistake("ex5", "text-capacity", "keeps 150 calls")(lambda: {"wins_100": _student_plan(150)})
exercises.mistake("ex5", "all-weeks", "plans weeks 1–13")(lambda: {"wins_100": _student_plan(100, range(1, 14))})
exercises.mistake("ex5", "priority-sign", "passes priority without the minus")(
    lambda: {"wins_100": _student_plan(100, sign=1)})


# ----------------------------------------------------------------------------- ex6

EX6_OPTIONS = {
    "A": ("She did not ask: the customers never said when they would run out. An open question is another "
          "way to find needs.", "asked-not-observed"),
    "B": "",
    "C": ("No complaint was made; the need was found before anyone was unhappy.", "complaint"),
    "D": ("A survey asks many customers the same questions; she kept notes on each household.", "survey"),
}


exercises.choice("ex6", "rice_seller_method", "B", EX6_OPTIONS)


# ----------------------------------------------------------------------------- ex7

def _top_share(score: pd.Series, rows: pd.DataFrame, share: float = TOP_SHARE, *, ascending: bool = False,
               as_count: bool = False) -> float:
    values = score.to_numpy(dtype=float)
    order = np.argsort(values if ascending else -values, kind="mergesort")   # ties: arrival order
    n = int(np.floor(share * len(rows)))
    won = rows["won_6m"].to_numpy()
    caught = won[order[:n]].sum()
    return float(caught) if as_count else caught / won.sum()


@lru_cache(maxsize=1)
def _ex7_values() -> dict[str, float]:
    leads, tiers = _leads(), _tiers()
    learn = leads["week"] <= 6
    rows = leads[~learn]
    rate = qualify.conversion_by(leads[learn].assign(pattern=tiers.loc[learn, "pattern"]), "pattern")["conversion_rate"]
    score = tiers.loc[~learn, "pattern"].map(rate)
    return {
        "right": _top_share(score, rows),
        "lowest-first": _top_share(score, rows, ascending=True),
        "man-priority-not-rate": _top_share(-tiers.loc[~learn, "priority"].astype(float), rows),
        "count-not-share": _top_share(score, rows, as_count=True),
        "wrong-cut": _top_share(score, rows, 0.20),
    }


@exercises.add("ex7", "top30_win_share")
def ex7(top30_win_share):
    values = _ex7_values()
    expect_number(top30_win_share, values["right"], name="top30_win_share", sig=3, alternatives=[
        (values["lowest-first"], "Those are the leads with the *lowest* pattern rates: sort highest first.",
         "lowest-first"),
        (values["man-priority-not-rate"], "That ranks leads by MAN priority; the exercise ranks them by their "
                                          "pattern's weeks 1–6 conversion rate (`pattern_rate`).",
         "man-priority-not-rate"),
        (values["count-not-share"], "That is the number of wins caught; divide by all wins of weeks 7–13.",
         "count-not-share"),
        (values["wrong-cut"], "That is the first 20% of leads; call the first 30%.", "wrong-cut"),
    ])
    return "Compare it with the gains chart: the first 30% of leads hold about seven wins in ten."


def _student_ex7(share=TOP_SHARE, ascending=False, by="rate", count=False):
    joined = _joined()
    learn, plan = joined[joined["week"] <= 6], joined[joined["week"] >= 7]
    rate = learn.groupby("pattern")["won_6m"].mean()
    score = plan["pattern"].map(rate) if by == "rate" else -plan["priority"].astype(float)
    ranked = plan.assign(score=score).sort_values("score", ascending=ascending, kind="mergesort")
    top = ranked.head(int(share * len(plan)))
    return int(top["won_6m"].sum()) if count else top["won_6m"].sum() / plan["won_6m"].sum()


exercises.answer("ex7")(lambda: {"top30_win_share": _student_ex7()})
exercises.form("ex7", "rounded to three significant figures")(
    lambda: {"top30_win_share": round(_student_ex7(), 3)})
exercises.mistake("ex7", "lowest-first", "sorts ascending")(lambda: {"top30_win_share": _student_ex7(ascending=True)})
exercises.mistake("ex7", "man-priority-not-rate", "ranks by MAN priority")(
    lambda: {"top30_win_share": _student_ex7(by="priority")})
exercises.mistake("ex7", "count-not-share", "counts the wins")(lambda: {"top30_win_share": _student_ex7(count=True)})
exercises.mistake("ex7", "wrong-cut", "takes the first 20%")(lambda: {"top30_win_share": _student_ex7(share=0.20)})

