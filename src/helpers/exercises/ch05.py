"""Checks for ``05_satisfaction_surveys`` (the "A" beauty club's ``survey`` and ``complaints``).

Each exercise states the precision it expects; a check accepts any answer that agrees to
that precision (``decimals=`` of ``expect_number``).  Below each check,
its wrong-answer catalogue: the correct answer as a student would give it, another correct
form, and the realistic mistakes, each computed from the data the wrong way.

Each ``decimals=d`` comes with ``abs_tol`` = half a unit of that decimal, so that a known
mistake rounded to the precision asked for is recognised too (``decimals=`` alone widens only
the correct answer).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data, survey
from helpers.checks import Exercises, Hint, expect_labels, expect_number, quietly
from helpers.simulate import survey as survey_design

exercises = Exercises("ch05")

#: Every checked exercise below registers its catalogue (answer, forms, mistakes).
CATALOGUE_COMPLETE = True

ITEMS = tuple(item for item, *_ in survey_design.ITEMS)
#: Exercise 2's stricter break-off rule: more than 10% of the items blank.
STRICT_MISSING_SHARE = 0.1
#: Exercise 3's segment and exercise 4's/5's group.
ALPHA_SEGMENT = "fitness"
FLAG_COLUMNS = ("straight_liner", "too_many_missing", "out_of_scale")
#: Names the chapter's prose uses for the dimensions (accepted as labels).
DIMENSION_NAMES = {"price": ("price and value", "price & value", "value"), "staff": ("staff and service",),
                   "results": (), "environment": (), "convenience": ()}


@lru_cache(maxsize=1)
def _members() -> pd.DataFrame:
    return data.load("survey")


@lru_cache(maxsize=1)
def _complaints() -> pd.DataFrame:
    return data.load("complaints")


@lru_cache(maxsize=2)
def _flags(max_missing_share: float = 0.5) -> pd.DataFrame:
    return quietly(survey.quality_flags, _members(), list(ITEMS), max_missing_share=max_missing_share)


@lru_cache(maxsize=1)
def _clean() -> pd.DataFrame:
    """Members without any quality flag (as in the notebook)."""
    return _members()[~_flags()["any_flag"]]


@lru_cache(maxsize=1)
def _scores() -> pd.DataFrame:
    clean = _clean()
    scores = quietly(survey.dimension_scores, clean, survey_design.dimensions(), reverse=survey_design.reverse_items())
    return pd.concat([clean.drop(columns=list(ITEMS)), scores], axis=1)


def _raw(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype("float64")


def _nps(scores: pd.Series) -> float:
    scores = scores.dropna()
    return float(100 * ((scores >= 9).mean() - (scores <= 6).mean()))


# ----------------------------------------------------------------------------- exercise 1


@lru_cache(maxsize=1)
def _ex1_values() -> dict[str, float]:
    clean, members = _clean(), _members()
    return {"right": float(survey.reverse_code(_raw(clean, "price_3")).mean()),
            "raw": float(_raw(clean, "price_3").mean()),
            "five_minus": float((5 - _raw(clean, "price_3")).mean()),
            "everyone": float((6 - _raw(members, "price_3").clip(1, 5)).mean())}


@exercises.add("ex1", "price_3_mean")
def ex1(price_3_mean):
    v = _ex1_values()
    expect_number(price_3_mean, v["right"], name="price_3_mean", decimals=2, abs_tol=0.005, alternatives=[
        (v["raw"], "That is the mean of the raw answers. `price_3` is reverse-worded: turn it round first "
                   "(6 − answer on a 1–5 scale).", "not-reversed"),
        (v["five_minus"], "You reversed with 5 − answer, which maps 1–5 onto 0–4. On a 1–5 scale the reverse is "
                          "6 − answer (low + high − answer).", "reverse-five-minus"),
        (v["everyone"], "Use the cleaned members (`clean`), not every member: flagged answers distort the mean.",
         "not-cleaned"),
    ])
    return f"After reversing, {v['right']:.2f} of 5: below the neutral 3, so many members pay more than they expected."


exercises.answer("ex1")(lambda: {"price_3_mean": (6 - _raw(_clean(), "price_3")).mean()})
exercises.form("ex1", "rounded to two decimals, as the exercise asks")(
    lambda: {"price_3_mean": round(float((6 - _raw(_clean(), "price_3")).mean()), 2)})
exercises.mistake("ex1", "not-reversed", "averages the raw answers of the reverse-worded item")(
    lambda: {"price_3_mean": _raw(_clean(), "price_3").mean()})
exercises.mistake("ex1", "reverse-five-minus", "reverses with 5 − answer instead of 6 − answer")(
    lambda: {"price_3_mean": (5 - _raw(_clean(), "price_3")).mean()})
exercises.mistake("ex1", "not-cleaned", "uses every member, flagged ones included")(
    lambda: {"price_3_mean": (6 - _raw(_members(), "price_3").clip(1, 5)).mean()})


# ----------------------------------------------------------------------------- exercise 2


@lru_cache(maxsize=1)
def _ex2_values() -> dict[str, int]:
    strict, default = _flags(STRICT_MISSING_SHARE), _flags()
    return {"right": int(strict["any_flag"].sum()),
            "summed": int(strict[list(FLAG_COLUMNS)].sum().sum()),
            "default_rule": int(default["any_flag"].sum()),
            "breakoffs_only": int(strict["too_many_missing"].sum()),
            "any_blank": int(strict["n_missing"].gt(0).sum())}


@exercises.add("ex2", "n_flagged_strict")
def ex2(n_flagged_strict):
    v = _ex2_values()
    expect_number(n_flagged_strict, v["right"], name="n_flagged_strict", integer=True, alternatives=[
        (v["summed"], "You added up the three flag columns, so a member with two flags counts twice. Count members "
                      "with *any* flag (`any_flag`).", "double-counted-overlap"),
        (v["default_rule"], "That is the count with the default rule (more than half the items blank); pass "
                            f"`max_missing_share={STRICT_MISSING_SHARE}`.", "default-parameter"),
        (v["breakoffs_only"], "That counts only the break-offs; straight-liners and out-of-scale answers are "
                              "flagged too: count *any* flag.", "one-flag-only"),
        (v["any_blank"], "That counts everyone with at least one blank. The stricter rule flags members with more "
                         "than 10% of the 16 items blank, i.e. two or more.", "any-blank"),
        (v["right"] / len(_members()), "That is the share of members; the exercise asks for the number.",
         "share-not-count"),
    ])


def _strict():
    return quietly(survey.quality_flags, _members(), list(ITEMS), max_missing_share=STRICT_MISSING_SHARE)


exercises.answer("ex2")(lambda: {"n_flagged_strict": int(_strict()["any_flag"].sum())})
exercises.form("ex2", "as a numpy integer straight from .sum()")(
    lambda: {"n_flagged_strict": _strict()["any_flag"].sum()})
exercises.mistake("ex2", "double-counted-overlap", "adds the three flag columns, counting overlaps twice")(
    lambda: {"n_flagged_strict": int(_strict()[list(FLAG_COLUMNS)].sum().sum())})
exercises.mistake("ex2", "default-parameter", "keeps the default break-off rule (half the items)")(
    lambda: {"n_flagged_strict": int(_flags()["any_flag"].sum())})
exercises.mistake("ex2", "one-flag-only", "counts only the break-offs")(
    lambda: {"n_flagged_strict": int(_strict()["too_many_missing"].sum())})
exercises.mistake("ex2", "any-blank", "counts every member with at least one blank")(
    lambda: {"n_flagged_strict": int(_members()[list(ITEMS)].isna().any(axis=1).sum())})


# ----------------------------------------------------------------------------- exercise 3

CONVENIENCE = ("convenience_1", "convenience_2", "convenience_3")


def _convenience(frame: pd.DataFrame, *, reverse: str | None = "six") -> pd.DataFrame:
    part = frame.loc[frame["main_service"] == ALPHA_SEGMENT, list(CONVENIENCE)].astype("float64").clip(1, 5)
    if reverse == "six":
        part["convenience_3"] = 6 - part["convenience_3"]
    elif reverse == "five":
        part["convenience_3"] = 5 - part["convenience_3"]
    return part


def _alpha(frame: pd.DataFrame, **options) -> float:
    return float(quietly(survey.cronbach_alpha, frame, **options)["alpha"])


@lru_cache(maxsize=1)
def _ex3_values() -> dict[str, float]:
    clean = _clean()
    everyone = _convenience(_members())
    return {"right": _alpha(_convenience(clean)), "unreversed": _alpha(_convenience(clean, reverse=None)),
            "pairwise": _alpha(_convenience(clean), missing="pairwise"), "everyone": _alpha(everyone),
            "all_segments": _alpha(clean[list(CONVENIENCE)].astype("float64")
                                   .assign(convenience_3=lambda f: 6 - f["convenience_3"]))}


@exercises.add("ex3", "alpha_convenience_fitness")
def ex3(alpha_convenience_fitness):
    v = _ex3_values()
    expect_number(alpha_convenience_fitness, v["right"], name="alpha_convenience_fitness", decimals=3, abs_tol=0.0005, alternatives=[
                      (v["unreversed"], "Alpha is negative: `convenience_3` is reverse-worded and must be reversed "
                                        "before computing alpha.", "not-reversed"),
                      (v["pairwise"], "You used pairwise handling of missing answers; the exercise asks for the "
                                      "default (listwise).", "pairwise-missing"),
                      (v["everyone"], "Use the cleaned fitness members (`clean`), not every member: the flagged "
                                      "straight-liners and break-offs distort alpha.", "not-cleaned"),
                      (v["all_segments"], "That is the alpha of all cleaned members (the table above); keep only "
                                          "the fitness members.", "wrong-segment"),
                  ])
    return f"alpha = {v['right']:.3f} among fitness members: the convenience items hang together there too."


exercises.answer("ex3")(lambda: {"alpha_convenience_fitness": _alpha(_convenience(_clean()))})
exercises.form("ex3", "reversed with 5 − answer: alpha does not change when an item is shifted")(
    lambda: {"alpha_convenience_fitness": _alpha(_convenience(_clean(), reverse="five"))})
exercises.form("ex3", "rounded to three decimals")(
    lambda: {"alpha_convenience_fitness": round(_alpha(_convenience(_clean())), 3)})
exercises.mistake("ex3", "not-reversed", "forgets to reverse convenience_3")(
    lambda: {"alpha_convenience_fitness": _alpha(_convenience(_clean(), reverse=None))})
exercises.mistake("ex3", "pairwise-missing", "uses pairwise deletion")(
    lambda: {"alpha_convenience_fitness": _alpha(_convenience(_clean()), missing="pairwise")})
exercises.mistake("ex3", "not-cleaned", "uses every fitness member, flagged ones included")(
    lambda: {"alpha_convenience_fitness": _alpha(_convenience(_members()))})
exercises.mistake("ex3", "wrong-segment", "quotes the alpha of all cleaned members from the text's table")(
    lambda: {"alpha_convenience_fitness": _ex3_values()["all_segments"]})


# ----------------------------------------------------------------------------- exercise 4


def _not_renewed() -> pd.DataFrame:
    members = _members()
    return members[~members["renewed"]]


@lru_cache(maxsize=1)
def _ex4_values() -> dict[str, float]:
    scores = _raw(_not_renewed(), "recommend")
    answered = scores.dropna()
    return {"right": _nps(scores), "scale": _nps(scores) / 100, "promoters": 100 * float((answered >= 9).mean()),
            "seven_detractor": 100 * float((answered >= 9).mean() - (answered <= 7).mean()),
            "eight_promoter": 100 * float((answered >= 8).mean() - (answered <= 6).mean()),
            "blank_detractor": _nps(scores.fillna(0)),
            "everyone": _nps(_raw(_members(), "recommend"))}


@exercises.add("ex4", "nps_not_renewed")
def ex4(nps_not_renewed):
    v = _ex4_values()
    expect_number(nps_not_renewed, v["right"], name="nps_not_renewed", decimals=1, abs_tol=0.05, alternatives=[
        (v["scale"], "That is on a −1…1 scale; NPS is given on −100…100 (multiply the difference of shares by 100).",
         "share-not-points"),
        (v["promoters"], "That is the share of promoters; subtract the share of detractors.", "promoters-only"),
        (v["seven_detractor"], "Detractors answer 0–6; 7 and 8 are passives, neither added nor subtracted.",
         "seven-as-detractor"),
        (v["eight_promoter"], "Promoters answer 9 or 10 only; an 8 is a passive.", "eight-as-promoter"),
        (v["blank_detractor"], "You counted blank answers as detractors (a fill with 0); leave blanks out.",
         "blank-as-detractor"),
        (v["everyone"], "That is the NPS of all members; keep only those who did not renew.", "wrong-group"),
    ])
    return f"{v['right']:+.1f}: members who left were warning their friends off before they went."


exercises.answer("ex4")(lambda: {"nps_not_renewed": quietly(survey.nps, _not_renewed()["recommend"])["nps"]})
exercises.form("ex4", "by hand, rounded to one decimal")(
    lambda: {"nps_not_renewed": round(_nps(_raw(_not_renewed(), "recommend")), 1)})
exercises.mistake("ex4", "share-not-points", "gives the difference of shares, not points")(
    lambda: {"nps_not_renewed": _nps(_raw(_not_renewed(), "recommend")) / 100})
exercises.mistake("ex4", "seven-as-detractor", "counts 7 as a detractor")(
    lambda: {"nps_not_renewed": 100 * ((_not_renewed()["recommend"] >= 9).sum()
                                       - (_not_renewed()["recommend"] <= 7).sum())
             / _not_renewed()["recommend"].notna().sum()})
exercises.mistake("ex4", "eight-as-promoter", "counts 8 as a promoter")(
    lambda: {"nps_not_renewed": 100 * ((_not_renewed()["recommend"] >= 8).sum()
                                       - (_not_renewed()["recommend"] <= 6).sum())
             / _not_renewed()["recommend"].notna().sum()})
exercises.mistake("ex4", "blank-as-detractor", "fills blank answers with 0")(
    lambda: {"nps_not_renewed": _nps(_raw(_not_renewed(), "recommend").fillna(0))})
exercises.mistake("ex4", "wrong-group", "computes the NPS of every member")(
    lambda: {"nps_not_renewed": _nps(_raw(_members(), "recommend"))})


# ----------------------------------------------------------------------------- exercise 5


@lru_cache(maxsize=1)
def _ex5_values() -> dict[str, float]:
    members = _members()
    intent = _raw(_not_renewed(), "repurchase_intent").dropna()
    return {"right": float((intent >= 4).mean()), "top_one": float((intent == 5).mean()),
            "with_neutral": float((intent >= 3).mean()),
            "everyone": float((_raw(members, "repurchase_intent").dropna() >= 4).mean()),
            "renewed": float((_raw(members[members["renewed"]], "repurchase_intent").dropna() >= 4).mean()),
            "bottom": float((intent <= 2).mean())}


@exercises.add("ex5", "intent_not_renewed")
def ex5(intent_not_renewed):
    v = _ex5_values()
    expect_number(intent_not_renewed, v["right"], name="intent_not_renewed", decimals=3, abs_tol=0.0005,
                  alternatives=[
                      (v["top_one"], "That is the top *one* box (5 only); the top two boxes are 4 and 5.", "top-one-box"),
                      (v["with_neutral"], "A 3 is the neutral middle of the scale; the top two boxes are 4 and 5.",
                       "neutral-in-box"),
                      (v["everyone"], "That is every member; keep only those who did not renew.", "wrong-group"),
                      (v["renewed"], "That is the members who *did* renew; the exercise asks about those who did not.",
                       "reversed-group"),
                      (v["bottom"], "That is the bottom two boxes (1 or 2); the top two are 4 and 5.", "bottom-box"),
                  ])
    return (f"{v['right']:.1%} of the members who left had said they would probably renew: stated intent is an "
            "attitude, renewal a behaviour.")


exercises.answer("ex5")(lambda: {"intent_not_renewed": (_not_renewed()["repurchase_intent"] >= 4).mean()})
exercises.form("ex5", "with the helper's top_box table, rounded to three decimals")(
    lambda: {"intent_not_renewed": round(float(quietly(survey.top_box, _not_renewed(),
                                                        "repurchase_intent")["top_box"].iloc[0]), 3)})
exercises.mistake("ex5", "top-one-box", "counts only the 5s")(
    lambda: {"intent_not_renewed": (_not_renewed()["repurchase_intent"] == 5).mean()})
exercises.mistake("ex5", "neutral-in-box", "counts 3, 4 and 5")(
    lambda: {"intent_not_renewed": (_not_renewed()["repurchase_intent"] >= 3).mean()})
exercises.mistake("ex5", "wrong-group", "uses every member")(
    lambda: {"intent_not_renewed": (_members()["repurchase_intent"] >= 4).mean()})
exercises.mistake("ex5", "reversed-group", "uses the members who renewed")(
    lambda: {"intent_not_renewed": (_members().loc[_members()["renewed"], "repurchase_intent"] >= 4).mean()})


# ----------------------------------------------------------------------------- exercise 6


@lru_cache(maxsize=1)
def _ex6_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    scores = _scores()
    frame = scores.assign(renewed=scores["renewed"].astype("float64"))
    renewal = quietly(survey.driver_analysis, frame, "renewed", survey_design.DIMENSIONS)
    satisfaction = quietly(survey.driver_analysis, scores, "overall_satisfaction", survey_design.DIMENSIONS)
    return renewal, satisfaction


def _dimension_label(value):
    """Map the prose's names ("price and value") onto the column names."""
    if isinstance(value, str):
        norm = " ".join(value.strip().lower().replace("_", " ").split())
        for column, aliases in DIMENSION_NAMES.items():
            if norm == column or norm in aliases:
                return column
    return value


@exercises.add("ex6", "top_renewal_driver")
def ex6(top_renewal_driver):
    renewal, satisfaction = _ex6_tables()
    expected = renewal.index[0]
    if isinstance(top_renewal_driver, pd.Series | pd.DataFrame):
        raise Hint("`top_renewal_driver` should be the name of one dimension (a piece of text), not a table: take "
                   "`.idxmax()` of the `beta` column.", "wrong-type")
    if not isinstance(top_renewal_driver, str):
        raise Hint("`top_renewal_driver` should be the name of one dimension, a piece of text such as \"staff\".",
                   "wrong-type")
    label = _dimension_label(top_renewal_driver)
    known = {satisfaction.index[0]: ("drives *satisfaction* most; the exercise asks which dimension drives "
                                     "*renewal* (use `renewed` as the outcome).", "satisfaction-not-renewal"),
             renewal.index[-1]: ("has the *smallest* weight for renewal; look for the largest `beta`.",
                                 "lowest-weight"),
             _scores()[list(survey_design.DIMENSIONS)].mean().idxmax(): (
                 "is the dimension members rate *best* (its performance); the question is about importance, "
                 "the standardised weight `beta`.", "performance-not-importance")}
    if label != expected and label in known:
        message, tag = known[label]
        raise Hint(f"{top_renewal_driver!r} {message}", tag)
    expect_labels(label, expected, name="top_renewal_driver")
    return (f"{expected!r} (price and value): weight {renewal['beta'].iloc[0]:.2f} for renewal, against "
            f"{satisfaction.loc[expected, 'beta']:.2f} for satisfaction.")


exercises.answer("ex6")(lambda: {"top_renewal_driver": _ex6_tables()[0]["beta"].idxmax()})
exercises.form("ex6", "the name the prose uses, in capitals")(lambda: {"top_renewal_driver": "Price and value"})
exercises.mistake("ex6", "satisfaction-not-renewal", "runs the driver analysis on satisfaction")(
    lambda: {"top_renewal_driver": _ex6_tables()[1]["beta"].idxmax()})
exercises.mistake("ex6", "lowest-weight", "takes idxmin of the weights")(
    lambda: {"top_renewal_driver": _ex6_tables()[0]["beta"].idxmin()})
exercises.mistake("ex6", "performance-not-importance", "picks the best-rated dimension")(
    lambda: {"top_renewal_driver": _scores()[list(survey_design.DIMENSIONS)].mean().idxmax()})


# ----------------------------------------------------------------------------- exercise 7


@lru_cache(maxsize=1)
def _ex7_values() -> dict[str, float]:
    complaints = _complaints()
    fully = complaints["response_rating"] == "fully satisfied"
    told = complaints["people_told"]
    not_at_all = complaints["response_rating"] == "not satisfied"
    return {"right": 100 * float(told[~fully].mean() - told[fully].mean()),
            "per_one": float(told[~fully].mean() - told[fully].mean()),
            "not_at_all": 100 * float(told[not_at_all].mean() - told[fully].mean()),
            "medians": 100 * float(told[~fully].median() - told[fully].median()),
            "total": 100 * float(told[~fully].mean())}


@exercises.add("ex7", "extra_people_told")
def ex7(extra_people_told):
    v = _ex7_values()
    expect_number(extra_people_told, v["right"], name="extra_people_told", decimals=0, abs_tol=0.5, alternatives=[
        (v["per_one"], "That is the difference per complainant; the exercise asks per 100 complainants.",
         "per-one-not-per-100"),
        (v["not_at_all"], "You compared with the *not satisfied* only; 'not fully satisfied' also includes the "
                          "partly satisfied.", "partly-left-out"),
        (v["medians"], "You compared medians; the published figures are averages (means).", "median-not-mean"),
        (v["total"], "That is how many people 100 unsatisfied complainants tell; subtract what 100 fully "
                     "satisfied complainants tell.", "not-subtracted"),
        (-v["right"], "Right size, wrong sign: subtract the fully satisfied group's mean from the other group's.",
         "wrong-sign"),
    ])
    return f"About {v['right']:,.0f} more people hear about the company per 100 complaints left unresolved."


def _told(mask_name: str):
    complaints = _complaints()
    fully = complaints["response_rating"] == "fully satisfied"
    return complaints.loc[~fully if mask_name == "not" else fully, "people_told"]


exercises.answer("ex7")(lambda: {"extra_people_told": 100 * (_told("not").mean() - _told("fully").mean())})
exercises.form("ex7", "rounded to a whole number of people")(
    lambda: {"extra_people_told": int(round(100 * (_told("not").mean() - _told("fully").mean())))})
exercises.mistake("ex7", "per-one-not-per-100", "gives the difference per complainant")(
    lambda: {"extra_people_told": _told("not").mean() - _told("fully").mean()})
exercises.mistake("ex7", "partly-left-out", "compares with the not-satisfied group only")(
    lambda: {"extra_people_told": 100 * (_complaints().loc[_complaints()["response_rating"] == "not satisfied",
                                                           "people_told"].mean() - _told("fully").mean())})
exercises.mistake("ex7", "median-not-mean", "compares medians")(
    lambda: {"extra_people_told": 100 * (_told("not").median() - _told("fully").median())})
exercises.mistake("ex7", "wrong-sign", "subtracts the other way round")(
    lambda: {"extra_people_told": 100 * (_told("fully").mean() - _told("not").mean())})


# ----------------------------------------------------------------------------- exercise 8 (a function)

#: Fresh answers the check feeds to the student's function (blanks included), with the NPS by hand.
_FRESH_ANSWERS = (
    (pd.Series([10, 9, 9, 8, 7, 6, 0, np.nan]), 100 * (3 - 2) / 7),           # 3 promoters, 2 detractors, 7 answered
    (pd.Series([8, 8, 7, 7, 6, 10]), 100 * (1 - 1) / 6),
    (pd.Series([5, 6, 9, np.nan, np.nan, 3, 10, 8, 7, 2]), 100 * (2 - 4) / 8),
)
_WRONG_NPS = {
    "share-not-points": ("gives the NPS as a share from −1 to 1; multiply by 100",
                         lambda s: (s.dropna() >= 9).mean() - (s.dropna() <= 6).mean()),
    "seven-as-detractor": ("counts a 7 as a detractor; detractors answer 0–6",
                           lambda s: 100 * ((s.dropna() >= 9).mean() - (s.dropna() <= 7).mean())),
    "eight-as-promoter": ("counts an 8 as a promoter; promoters answer 9 or 10",
                          lambda s: 100 * ((s.dropna() >= 8).mean() - (s.dropna() <= 6).mean())),
    "blank-as-detractor": ("counts blank answers (NaN) in the denominator; leave them out with `.dropna()`",
                           lambda s: 100 * ((s >= 9).sum() - (s <= 6).sum()) / len(s)),
    "promoters-only": ("returns the share of promoters; subtract the share of detractors",
                       lambda s: 100 * (s.dropna() >= 9).mean()),
}


def _call(func, answers: pd.Series):
    try:
        return float(func(answers.copy()))
    except Exception as exc:  # the student's function failed on fresh data
        raise Hint(f"Your `nps_score` raised {type(exc).__name__} on a Series of answers with blanks: "
                   "make it work on any Series of 0–10 answers.", "function-raises") from None


@exercises.add("ex8", "nps_score")
def ex8(nps_score):
    if not callable(nps_score):
        raise Hint("`nps_score` should be a function (written with `def nps_score(answers): ...`), not "
                   f"{type(nps_score).__name__}.", "wrong-type")
    results = [_call(nps_score, answers) for answers, _ in _FRESH_ANSWERS]
    if all(np.isclose(r, want, atol=1e-6) for r, (_, want) in zip(results, _FRESH_ANSWERS)):
        return "Your function agrees with hand counts on three fresh sets of answers, blanks included."
    for tag, (message, wrong) in _WRONG_NPS.items():
        if all(np.isclose(r, float(wrong(a)), atol=1e-6) for r, (a, _) in zip(results, _FRESH_ANSWERS)):
            raise Hint(f"On fresh answers your function {message}.", tag)
    bad = next(i for i, (r, (_, want)) in enumerate(zip(results, _FRESH_ANSWERS)) if not np.isclose(r, want, atol=1e-6))
    raise Hint(f"Your function gives a wrong NPS on fresh set {bad + 1} of 3 (answers "
               f"{_FRESH_ANSWERS[bad][0].tolist()}); count promoters (9–10) and detractors (0–6) among the "
               "answered, by hand, and compare.", "generic-mismatch")


def _good_nps(answers):
    given = answers[answers.notna()]
    return ((given >= 9).mean() - (given <= 6).mean()) * 100


exercises.answer("ex8")(lambda: {"nps_score": _good_nps})
exercises.form("ex8", "a function that calls the kit's survey.nps")(
    lambda: {"nps_score": lambda answers: quietly(survey.nps, answers)["nps"]})
for _tag, (_message, _wrong) in _WRONG_NPS.items():
    exercises.mistake("ex8", _tag, _message)(lambda _wrong=_wrong: {"nps_score": _wrong})


# ----------------------------------------------------------------------------- exercise 9 (concept)

_EX9_OPTIONS = {
    "A": ("The weights are estimated together, so removing a driver changes the others: in the text's table "
          "the remaining weights all grew.", "weights-independent"),
    "B": ("", ""),
    "C": ("Staff and results are positively correlated, so leaving results out hands part of its weight to "
          "staff, which then looks *more* important, not less.", "wrong-direction"),
    "D": ("A positive correlation does not turn negative because another driver is missing; look at the "
          "'results left out' column of the text's table.", "sign-flip"),
}


exercises.choice("ex9", "omitted_driver_answer", "B", _EX9_OPTIONS)
