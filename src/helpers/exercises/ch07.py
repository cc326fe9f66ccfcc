"""Checks for ``07_churn_prediction``.

The expected answers are recomputed here with the kit's own code.  The chapter's settings
below (split, model, economics) must equal the ones the notebook states;
``tests/test_exercises_ch07.py`` reads the notebook source and fails if they drift apart.

Each ``decimals=d`` comes with ``abs_tol`` = half a unit of that decimal, so that a known
mistake rounded to the precision asked for is recognised too (``decimals=`` alone widens only
the correct answer).
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from helpers import churn, data
from helpers.checks import Exercises, Hint, expect_number

exercises = Exercises("ch07")

#: Every checked exercise below registers its catalogue (answer, forms, mistakes).
CATALOGUE_COMPLETE = True

# The chapter's settings (mirrored from solutions/07_churn_prediction.py).
TARGET = "churned_next_quarter"
NUMERIC = ("logins_30d", "features_used", "support_contacts_90d", "monthly_bill", "tenure_months", "seats")
CATEGORICAL = ("plan", "billing_cycle")
SPLIT_SEED = 7
TEST_SIZE = 0.3
FOREST_OPTIONS = MappingProxyType({"random_state": SPLIT_SEED, "n_estimators": 200, "min_samples_leaf": 10})
GROSS_MARGIN = 0.80
MONTHLY_RETENTION = (1 - 0.18) ** (1 / 3)
MONTHLY_DISCOUNT = 0.01
SAVE_RATE = 0.30
CALL_COST = 300.0

#: The ten-account table of the chapter's by-hand section.
TOY_PROBABILITY = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05)
TOY_CHURNED = (True, False, True, False, False, False, False, False, False, True)
#: Exercise 2's login bands and exercise 8's Telco model.
QUIET_BELOW, BUSY_FROM = 5, 25
TELCO_FEATURES = {"numeric": ("tenure", "monthly_charges"), "categorical": ("contract",)}
TELCO_FULL_NUMERIC = ("tenure", "monthly_charges", "total_charges", "senior_citizen", "partner", "dependents",
                      "paperless_billing")
TELCO_FULL_CATEGORICAL = ("contract", "internet_service", "payment_method", "online_security", "tech_support",
                          "online_backup", "device_protection", "streaming_tv", "streaming_movies", "multiple_lines")


@lru_cache(maxsize=1)
def _split() -> tuple[pd.DataFrame, pd.DataFrame]:
    accounts = data.load("saas")
    return tuple(train_test_split(accounts, test_size=TEST_SIZE, stratify=accounts[TARGET],
                                  random_state=SPLIT_SEED))


@lru_cache(maxsize=2)
def _model(family: str):
    train, _ = _split()
    options = FOREST_OPTIONS if family == "forest" else {}
    return churn.fit_churn_model(train, TARGET, list(NUMERIC), list(CATEGORICAL), family, **options)


@lru_cache(maxsize=1)
def _accounts() -> pd.DataFrame:
    return data.load("saas")


@lru_cache(maxsize=1)
def _current() -> pd.DataFrame:
    return data.load("saas", table="current")


@lru_cache(maxsize=2)
def _value_table(family: str) -> pd.DataFrame:
    _, test = _split()
    value = churn.remaining_value(GROSS_MARGIN * test["monthly_bill"], MONTHLY_RETENTION,
                                  monthly_discount=MONTHLY_DISCOUNT)
    table = churn.threshold_value_table(test[TARGET], churn.churn_probability(_model(family), test), value,
                                        save_rate=SAVE_RATE, call_cost=CALL_COST)
    return table


def _best_threshold(family: str) -> float:
    table = _value_table(family)
    return float(table.loc[table["net_value"].idxmax(), "threshold"])


# ----------------------------------------------------------------------------- exercise 1


@exercises.add("ex1", "churn_rate")
def ex1(churn_rate):
    y = _accounts()[TARGET]
    churned, expected = int(y.sum()), float(y.mean())
    expect_number(churn_rate, expected, name="churn_rate", decimals=3, abs_tol=0.0005, alternatives=[
        (churned, "That is the number of accounts that churned; divide by the number of accounts.", "count-not-share"),
        (1 - expected, "That is the share that stayed (retention); the exercise asks for the share that left.",
         "retention-not-churn"),
    ])
    return f"{expected:.1%} a quarter, the source's 18%."


exercises.answer("ex1")(lambda: {"churn_rate": _accounts()[TARGET].mean()})
exercises.form("ex1", "rounded to three decimals")(lambda: {"churn_rate": round(float(_accounts()[TARGET].mean()), 3)})
exercises.mistake("ex1", "count-not-share", "sums the churn flags")(lambda: {"churn_rate": int(_accounts()[TARGET].sum())})
exercises.mistake("ex1", "retention-not-churn", "gives the share that stayed")(
    lambda: {"churn_rate": 1 - _accounts()[TARGET].mean()})
exercises.mistake("ex1", "percent-not-share", "gives a percentage")(lambda: {"churn_rate": 100 * _accounts()[TARGET].mean()})


# ----------------------------------------------------------------------------- exercise 2


def _rate(mask) -> float:
    return float(_accounts().loc[mask, TARGET].mean())


@lru_cache(maxsize=1)
def _ex2_values() -> dict[str, float]:
    logins = _accounts()["logins_30d"]
    quiet, busy = _rate(logins < QUIET_BELOW), _rate(logins >= BUSY_FROM)
    return {"right": quiet / busy, "upside_down": busy / quiet, "quiet_inclusive": _rate(logins <= QUIET_BELOW) / busy,
            "busy_exclusive": quiet / _rate(logins > BUSY_FROM), "difference": quiet - busy}


@exercises.add("ex2", "login_risk_ratio")
def ex2(login_risk_ratio):
    v = _ex2_values()
    expect_number(login_risk_ratio, v["right"], name="login_risk_ratio", decimals=2, abs_tol=0.005, alternatives=[
        (v["upside_down"], "The ratio is upside down: divide the quiet accounts' churn rate by the busy accounts'.",
         "ratio-upside-down"),
        (v["quiet_inclusive"], "Fewer than 5 means 0–4 logins: use `< 5`, not `<= 5`.", "boundary-inclusive"),
        (v["busy_exclusive"], "25 or more includes 25: use `>= 25`, not `> 25`.", "boundary-exclusive"),
        (v["difference"], "That is the difference between the rates; the exercise asks for their ratio.",
         "difference-not-ratio"),
    ])
    return f"Quiet accounts churn {v['right']:.1f} times as often as busy ones."


def _ratio(quiet, busy):
    a = _accounts()
    return a.loc[quiet(a["logins_30d"]), TARGET].mean() / a.loc[busy(a["logins_30d"]), TARGET].mean()


exercises.answer("ex2")(lambda: {"login_risk_ratio": _ratio(lambda x: x < 5, lambda x: x >= 25)})
exercises.form("ex2", "rounded to two decimals")(
    lambda: {"login_risk_ratio": round(float(_ratio(lambda x: x < 5, lambda x: x >= 25)), 2)})
exercises.mistake("ex2", "ratio-upside-down", "divides busy by quiet")(
    lambda: {"login_risk_ratio": _ratio(lambda x: x >= 25, lambda x: x < 5)})
exercises.mistake("ex2", "boundary-inclusive", "uses <= 5 for the quiet accounts")(
    lambda: {"login_risk_ratio": _ratio(lambda x: x <= 5, lambda x: x >= 25)})
exercises.mistake("ex2", "boundary-exclusive", "uses > 25 for the busy accounts")(
    lambda: {"login_risk_ratio": _ratio(lambda x: x < 5, lambda x: x > 25)})
exercises.mistake("ex2", "difference-not-ratio", "subtracts the rates")(
    lambda: {"login_risk_ratio": _ex2_values()["difference"]})


# ----------------------------------------------------------------------------- exercise 3


def _toy() -> tuple[np.ndarray, np.ndarray]:
    return np.array(TOY_PROBABILITY), np.array(TOY_CHURNED)


@exercises.add("ex3", "precision_at_50")
def ex3(precision_at_50):
    p, y = _toy()
    called = p >= 0.5                                   # A–E: 5 calls, 2 churners (A, C)
    expected = y[called].mean()                         # 2/5
    recall = (called & y).sum() / y.sum()               # 2/3, which is also the precision at 0.7 (one hint)
    expect_number(precision_at_50, expected, name="precision_at_50", decimals=2, abs_tol=0.005, alternatives=[
        (y[p > 0.5].mean(), "'At least 50%' includes account E at exactly 0.5: use `>=`, not `>`.",
         "boundary-exclusive"),
        (recall, "2 of 3 is two things here: the recall at 50% (share of churners caught) and the precision at the "
                 "text's 70% threshold. Precision at 50% is the share of the calls at 50% or more that reach a "
                 "churner.", "recall-or-text-threshold"),
        ((called & y).sum(), "That is how many calls reach a churner; divide by the number of calls.",
         "count-not-share"),
        ((called & y).sum() / len(y), "You divided by all ten accounts; precision divides by the accounts called.",
         "divided-by-all"),
    ])


def _toy_frame() -> pd.DataFrame:
    return pd.DataFrame({"churn_probability": TOY_PROBABILITY, "churned": TOY_CHURNED})


exercises.answer("ex3")(lambda: {"precision_at_50": _toy_frame().loc[lambda t: t["churn_probability"] >= 0.5,
                                                                      "churned"].mean()})
exercises.form("ex3", "as the fraction 2/5")(lambda: {"precision_at_50": 2 / 5})
exercises.mistake("ex3", "boundary-exclusive", "uses > 0.5")(
    lambda: {"precision_at_50": _toy_frame().loc[lambda t: t["churn_probability"] > 0.5, "churned"].mean()})
exercises.mistake("ex3", "recall-or-text-threshold", "computes the recall (or reuses the 0.7 threshold)")(
    lambda: {"precision_at_50": _toy_frame().loc[lambda t: t["churned"], "churn_probability"].ge(0.5).mean()})
exercises.mistake("ex3", "count-not-share", "counts the churners reached")(
    lambda: {"precision_at_50": int((_toy_frame()["churn_probability"].ge(0.5) & _toy_frame()["churned"]).sum())})
exercises.mistake("ex3", "divided-by-all", "divides by all ten accounts")(
    lambda: {"precision_at_50": (_toy_frame()["churn_probability"].ge(0.5) & _toy_frame()["churned"]).mean()})


# ----------------------------------------------------------------------------- exercises 4–5


EX4_PROBABILITY, EX4_VALUE, EX5_VALUE = 0.45, 6000.0, 4000.0


@exercises.add("ex4", "call_value")
def ex4(call_value):
    p, value = EX4_PROBABILITY, EX4_VALUE
    expected = churn.intervention_value(p, SAVE_RATE, value, CALL_COST)     # 0.45 × 0.3 × 6000 − 300 = 510
    expect_number(call_value, expected, name="call_value", decimals=0, abs_tol=0.5, alternatives=[
        (p * value - CALL_COST, "You left out the save rate: a call keeps only 30% of the accounts that were leaving.",
         "no-save-rate"),
        (p * SAVE_RATE * value, "You left out the cost of the call: subtract CALL_COST.", "no-call-cost"),
        (SAVE_RATE * value - CALL_COST, "You left out the churn probability: the call only saves value if the "
                                        "account was going to leave.", "no-probability"),
    ])


exercises.answer("ex4")(lambda: {"call_value": 0.45 * SAVE_RATE * 6000 - CALL_COST})
exercises.form("ex4", "with the kit's intervention_value, as an integer")(
    lambda: {"call_value": int(round(churn.intervention_value(0.45, SAVE_RATE, 6000.0, CALL_COST)))})
exercises.mistake("ex4", "no-save-rate", "leaves out the save rate")(lambda: {"call_value": 0.45 * 6000 - CALL_COST})
exercises.mistake("ex4", "no-call-cost", "leaves out the call cost")(lambda: {"call_value": 0.45 * SAVE_RATE * 6000})
exercises.mistake("ex4", "no-probability", "leaves out the churn probability")(
    lambda: {"call_value": SAVE_RATE * 6000 - CALL_COST})


@exercises.add("ex5", "break_even_probability")
def ex5(break_even_probability):
    expected = CALL_COST / (SAVE_RATE * EX5_VALUE)                               # 300 / 1200 = 0.25
    expect_number(break_even_probability, expected, name="break_even_probability", decimals=3, abs_tol=0.0005, alternatives=[
        (CALL_COST / EX5_VALUE, "You left out the save rate: p × 0.3 × 4,000 must cover the 300 yuan cost.",
         "no-save-rate"),
        (SAVE_RATE * EX5_VALUE / CALL_COST, "Upside down: solve p × s × V − c = 0 for p, which gives c / (s × V).",
         "ratio-upside-down"),
        (CALL_COST / (SAVE_RATE * EX4_VALUE), "That uses exercise 4's remaining value (6,000 yuan); this account "
                                              "is worth 4,000.", "wrong-value"),
    ])
    return "Above this risk a call to the account pays; the source's 70% rule would skip most such accounts."


exercises.answer("ex5")(lambda: {"break_even_probability": CALL_COST / (SAVE_RATE * 4000)})
exercises.form("ex5", "as a fraction written out")(lambda: {"break_even_probability": 300 / 1200})
exercises.mistake("ex5", "no-save-rate", "leaves out the save rate")(lambda: {"break_even_probability": 300 / 4000})
exercises.mistake("ex5", "ratio-upside-down", "solves for 1/p")(lambda: {"break_even_probability": 0.3 * 4000 / 300})
exercises.mistake("ex5", "wrong-value", "reuses the 6,000 yuan of exercise 4")(
    lambda: {"break_even_probability": 300 / (0.3 * 6000)})


# ----------------------------------------------------------------------------- exercise 6


@lru_cache(maxsize=4)
def _probability(family: str, table: str) -> pd.Series:
    frame = _current() if table == "current" else _split()[1]
    return churn.churn_probability(_model(family), frame)


@exercises.add("ex6", "calls_at_70")
def ex6(calls_at_70):
    current = _probability("forest", "current")
    expected = int((current >= 0.7).sum())
    expect_number(calls_at_70, expected, name="calls_at_70", integer=True, alternatives=[
        (int((_probability("logistic", "current") >= 0.7).sum()),
         "That is the logistic model's count; the exercise asks for the chapter's `forest`.", "wrong-model"),
        (int((_probability("forest", "test") >= 0.7).sum()),
         "You scored the test accounts; score `current_accounts`, the ones active on 2025-04-01.", "wrong-table"),
        (float((current >= 0.7).mean()), "That is the share of current accounts; the exercise asks for the number "
                                         "of calls.", "share-not-count"),
    ])


exercises.answer("ex6")(lambda: {"calls_at_70": int((_probability("forest", "current") >= 0.7).sum())})
exercises.form("ex6", "a numpy integer straight from .sum()")(
    lambda: {"calls_at_70": (_probability("forest", "current") >= 0.7).sum()})
exercises.mistake("ex6", "wrong-model", "scores with the logistic model")(
    lambda: {"calls_at_70": int((_probability("logistic", "current") >= 0.7).sum())})
exercises.mistake("ex6", "wrong-table", "scores the test accounts")(
    lambda: {"calls_at_70": int((_probability("forest", "test") >= 0.7).sum())})
exercises.mistake("ex6", "share-not-count", "takes the mean instead of the sum")(
    lambda: {"calls_at_70": (_probability("forest", "current") >= 0.7).mean()})


# ----------------------------------------------------------------------------- exercise 7


@exercises.add("ex7", "best_logistic_threshold")
def ex7(best_logistic_threshold):
    expected = _best_threshold("logistic")
    table = _value_table("logistic")
    if isinstance(best_logistic_threshold, pd.DataFrame | pd.Series) and len(best_logistic_threshold) > 1:
        raise Hint("`best_logistic_threshold` should be one threshold, not a table: pick the row with the highest "
                   "`net_value` (`.idxmax()`) and take its `threshold`.", "whole-table")
    label = table["net_value"].idxmax()
    if isinstance(best_logistic_threshold, (int, np.integer)) and not isinstance(best_logistic_threshold, bool) \
            and best_logistic_threshold == label:
        raise Hint("That is the row *label* `idxmax()` returns, not the threshold: look it up with "
                   "`table.loc[label, \"threshold\"]`.", "idxmax-label")
    expect_number(best_logistic_threshold, expected, name="best_logistic_threshold", alternatives=[
        (_best_threshold("forest"), "That is the forest's best threshold; use `test_probability['logistic']`.",
         "wrong-model"),
        (0.7, "0.7 is the source's rule, not the threshold with the highest net value.", "text-rule"),
        (float(table["threshold"].min()), "That threshold reaches the most churners, but its calls cost more: pick "
                                          "the highest `net_value`.", "most-churners"),
    ])


def _logistic_table():
    return _value_table("logistic")


exercises.answer("ex7")(lambda: {"best_logistic_threshold": _logistic_table().loc[
    _logistic_table()["net_value"].idxmax(), "threshold"]})
exercises.form("ex7", "sorted by net value, first row")(
    lambda: {"best_logistic_threshold": _logistic_table().sort_values("net_value", ascending=False)["threshold"].iloc[:1]})
exercises.mistake("ex7", "wrong-model", "uses the forest's probabilities")(
    lambda: {"best_logistic_threshold": _best_threshold("forest")})
exercises.mistake("ex7", "text-rule", "keeps the source's 70%")(lambda: {"best_logistic_threshold": 0.7})
exercises.mistake("ex7", "most-churners", "picks the threshold that reaches the most churners")(
    lambda: {"best_logistic_threshold": _logistic_table().loc[_logistic_table()["churners_reached"].idxmax(),
                                                              "threshold"]})
exercises.mistake("ex7", "idxmax-label", "stores the row label idxmax returns")(
    lambda: {"best_logistic_threshold": int(_logistic_table()["net_value"].idxmax())})


# ----------------------------------------------------------------------------- exercise 8 (Telco, stretch)


@lru_cache(maxsize=1)
def _telco_split() -> tuple[pd.DataFrame, pd.DataFrame]:
    telco = data.load("telco")
    telco = telco.assign(total_charges=telco["total_charges"].fillna(0.0))
    return tuple(train_test_split(telco, test_size=TEST_SIZE, stratify=telco["churned"], random_state=SPLIT_SEED))


@lru_cache(maxsize=8)
def _telco_auc(features: str, on: str) -> float:
    train, test = _telco_split()
    numeric, categorical = ((TELCO_FEATURES["numeric"], TELCO_FEATURES["categorical"]) if features == "small" else
                            (TELCO_FEATURES["numeric"], ()) if features == "numeric" else
                            (TELCO_FULL_NUMERIC, TELCO_FULL_CATEGORICAL))
    model = churn.fit_churn_model(train, "churned", list(numeric), list(categorical), "logistic")
    frame = test if on == "test" else train
    return float(roc_auc_score(frame["churned"], churn.churn_probability(model, frame)))


@exercises.add("ex8", "telco_small_auc")
def ex8(telco_small_auc):
    expected = _telco_auc("small", "test")
    expect_number(telco_small_auc, expected, name="telco_small_auc", decimals=3, abs_tol=0.0005, alternatives=[
        (_telco_auc("full", "test"), "That is the text's model with every column; fit on tenure, monthly_charges "
                                     "and contract only.", "text-model"),
        (_telco_auc("small", "train"), "That is the ROC-AUC on the training customers; judge the model on "
                                       "`telco_test`, which it has not seen.", "scored-training-set"),
        (1 - expected, "Below 0.5: your score ranks stayers above churners. Use the probability of churn "
                       "(`churn_probability`), not of staying.", "reversed-score"),
        (_telco_auc("numeric", "test"), "You left out the contract: pass `[\"contract\"]` as the categorical "
                                        "column.", "missing-feature"),
    ])
    return "Three columns keep most of the full model's ranking power: contract and tenure carry the signal."


exercises.answer("ex8")(lambda: {"telco_small_auc": _telco_auc("small", "test")})
exercises.form("ex8", "the roc_auc column of churn.evaluation_table, rounded to three decimals")(
    lambda: {"telco_small_auc": round(_telco_auc("small", "test"), 3)})
exercises.mistake("ex8", "text-model", "quotes the text's full model")(lambda: {"telco_small_auc": _telco_auc("full", "test")})
exercises.mistake("ex8", "scored-training-set", "scores the training customers")(
    lambda: {"telco_small_auc": _telco_auc("small", "train")})
exercises.mistake("ex8", "reversed-score", "scores with the probability of staying")(
    lambda: {"telco_small_auc": 1 - _telco_auc("small", "test")})
exercises.mistake("ex8", "missing-feature", "leaves the contract out")(
    lambda: {"telco_small_auc": _telco_auc("numeric", "test")})


# ----------------------------------------------------------------------------- exercise 9 (concept)

_EX9_OPTIONS = {
    "A": ("New means a *first* purchase within the last 30 days; this customer has bought before.", "stage-new"),
    "B": ("Active means a purchase within the last 30 days; 60 days of silence is longer.", "stage-active"),
    "C": ("", ""),
    "D": ("Churned starts at 90 days without a purchase; at 60 days there is still time for a cheap reminder.",
          "stage-churned"),
}


exercises.choice("ex9", "stage_answer", "C", _EX9_OPTIONS)
