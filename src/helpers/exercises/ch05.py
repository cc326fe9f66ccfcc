"""Checks for ``05_satisfaction_surveys`` (the "A" beauty club's ``survey`` and ``complaints``)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import data, survey
from helpers.checks import Exercises, Hint, expect_labels, expect_number, quietly
from helpers.simulate import survey as survey_design

exercises = Exercises("ch05")

ITEMS = [item for item, *_ in survey_design.ITEMS]




@lru_cache(maxsize=1)
def _members() -> pd.DataFrame:
    return data.load("survey")


@lru_cache(maxsize=1)
def _flags() -> pd.DataFrame:
    return quietly(survey.quality_flags, _members(), ITEMS)


@lru_cache(maxsize=1)
def _clean() -> pd.DataFrame:
    """Members without any quality flag (as in the notebook)."""
    return _members()[~_flags()["any_flag"]]


@lru_cache(maxsize=1)
def _scores() -> pd.DataFrame:
    clean = _clean()
    scores = quietly(survey.dimension_scores, clean, survey_design.dimensions(), reverse=survey_design.reverse_items())
    return pd.concat([clean.drop(columns=ITEMS), scores], axis=1)


@exercises.add("ex1", "price_3_mean")
def ex1(price_3_mean):
    clean, members = _clean(), _members()
    expected = survey.reverse_code(clean["price_3"].astype("float64")).mean()
    expect_number(price_3_mean, expected, name="price_3_mean", rel_tol=1e-6, alternatives=[
        (clean["price_3"].astype("float64").mean(),
         "That is the mean of the raw answers. `price_3` is reverse-worded: turn it round first (6 − answer)."),
        (survey.reverse_code(members["price_3"].astype("float64").clip(1, 5)).mean(),
         "Use the cleaned members (`clean`), not every member: flagged answers distort the mean."),
    ])
    return f"After reversing, {expected:.2f} of 5: below the neutral 3, so many members pay more than they expected."


@exercises.add("ex2", "n_flagged")
def ex2(n_flagged):
    flags = _flags()
    expected = int(flags["any_flag"].sum())
    expect_number(n_flagged, expected, name="n_flagged", integer=True, alternatives=[
        (int(flags["straight_liner"].sum()), "That counts only the straight-liners; count members with *any* flag."),
        (int(flags["too_many_missing"].sum()), "That counts only members with too many blanks; count *any* flag."),
        (int(flags["n_missing"].gt(0).sum()),
         "That counts everyone with at least one blank. One or two blanks are normal; the flag is for members who "
         "left more than half the items blank."),
        (expected / len(flags), "That is the share of members; the exercise asks for the number."),
    ])


@exercises.add("ex3", "alpha_convenience")
def ex3(alpha_convenience):
    items = survey_design.dimensions()["convenience"]
    raw = _clean()[items].astype("float64")
    reversed_ = raw.copy()
    reversed_["convenience_3"] = 6 - reversed_["convenience_3"]
    expected = quietly(survey.cronbach_alpha, reversed_)["alpha"]
    expect_number(alpha_convenience, expected, name="alpha_convenience", rel_tol=1e-6, alternatives=[
        (quietly(survey.cronbach_alpha, raw)["alpha"],
         "Alpha is far too low: `convenience_3` is reverse-worded and must be reversed before computing alpha."),
        (quietly(survey.cronbach_alpha, reversed_, missing="pairwise")["alpha"],
         "You used pairwise handling of missing answers; the exercise asks for the default (listwise)."),
    ])
    return f"alpha = {expected:.3f}: the three convenience items measure one thing."


@exercises.add("ex4", "nps_fitness")
def ex4(nps_fitness):
    scores = _members().loc[_members()["main_service"] == "fitness", "recommend"].astype("float64").dropna()
    result = quietly(survey.nps, scores)
    expected = result["nps"]
    expect_number(nps_fitness, expected, name="nps_fitness", rel_tol=1e-6, alternatives=[
        (result["nps"] / 100, "That is on a −1…1 scale; NPS is given on −100…100 (multiply the difference of "
                              "shares by 100)."),
        (100 * result["promoters"], "That is the share of promoters; subtract the share of detractors."),
        (100 * ((scores >= 9).mean() - (scores <= 7).mean()),
         "Detractors answer 0–6; 7 and 8 are passives, neither added nor subtracted."),
        (100 * ((scores >= 8).mean() - (scores <= 6).mean()),
         "Promoters answer 9 or 10 only; an 8 is a passive."),
        (100 * ((scores >= 9).sum() - (scores <= 6).sum()) / len(_members()),
         "Divide by the number of fitness members who answered, not by all members."),
    ])


@exercises.add("ex5", "top_box_slimming")
def ex5(top_box_slimming):
    members = _members()
    slim = members.loc[members["main_service"] == "slimming", "overall_satisfaction"]
    expected = (slim >= 4).mean()
    expect_number(top_box_slimming, expected, name="top_box_slimming", rel_tol=1e-6, alternatives=[
        ((slim == 5).mean(), "That is the top *one* box (5 only); the top two boxes are 4 and 5."),
        ((members["overall_satisfaction"] >= 4).mean(), "That is every member; keep only the slimming members."),
        ((slim >= 3).mean(), "A 3 is the neutral middle of the scale; the top two boxes are 4 and 5."),
    ])


@exercises.add("ex6", "top_renewal_driver")
def ex6(top_renewal_driver):
    scores = _scores()
    frame = scores.assign(renewed=scores["renewed"].astype("float64"))
    renewal = quietly(survey.driver_analysis, frame, "renewed", survey_design.DIMENSIONS)
    satisfaction = quietly(survey.driver_analysis, scores, "overall_satisfaction", survey_design.DIMENSIONS)
    expected = renewal.index[0]
    hints = {satisfaction.index[0]: f"{satisfaction.index[0]!r} drives *satisfaction* most; the exercise asks "
                                    "which dimension drives *renewal* (use `renewed` as the outcome)."}
    expect_labels(top_renewal_driver, expected, name="top_renewal_driver", hints=hints)
    return (f"{expected!r}: weight {renewal['beta'].iloc[0]:.2f} for renewal, against "
            f"{satisfaction.loc[expected, 'beta']:.2f} for satisfaction.")


@exercises.add("ex7", "extra_people_told")
def ex7(extra_people_told):
    complaints = data.load("complaints")
    fully = complaints["response_rating"] == "fully satisfied"
    told_fully = complaints.loc[fully, "people_told"].mean()
    told_not = complaints.loc[~fully, "people_told"].mean()
    expected = 100 * (told_not - told_fully)
    not_at_all = complaints.loc[complaints["response_rating"] == "not satisfied", "people_told"].mean()
    if isinstance(extra_people_told, (int, float)) and abs(extra_people_told - (told_not - told_fully)) < 1e-6:
        raise Hint("That is the difference per complainant; the exercise asks per 100 complainants.")
    expect_number(extra_people_told, expected, name="extra_people_told", rel_tol=1e-6, alternatives=[
        (100 * (not_at_all - told_fully), "You compared with the *not satisfied* only; 'not fully satisfied' also "
                                          "includes the partly satisfied."),
        (100 * (complaints.loc[~fully, "people_told"].median() - complaints.loc[fully, "people_told"].median()),
         "You compared medians; the published figures are averages (means)."),
        (100 * told_not, "That is how many people 100 unsatisfied complainants tell; subtract what 100 fully "
                         "satisfied complainants tell."),
    ])
    return f"About {expected:,.0f} more people hear about the company per 100 complaints left unresolved."
