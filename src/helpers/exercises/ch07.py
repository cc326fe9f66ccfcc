"""Checks for ``07_churn_prediction``.

The expected answers are recomputed here with the kit's own code.  The chapter's settings
below (split, model, economics) must equal the ones the notebook states;
``tests/test_exercises_ch07.py`` reads the notebook source and fails if they drift apart.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from helpers import churn, data
from helpers.checks import Exercises, Hint, expect_number

exercises = Exercises("ch07")

# The chapter's settings (mirrored from solutions/07_churn_prediction.py).
TARGET = "churned_next_quarter"
NUMERIC = ["logins_30d", "features_used", "support_contacts_90d", "monthly_bill", "tenure_months", "seats"]
CATEGORICAL = ["plan", "billing_cycle"]
SPLIT_SEED = 7
TEST_SIZE = 0.3
FOREST_OPTIONS = {"random_state": SPLIT_SEED, "n_estimators": 200, "min_samples_leaf": 10}
GROSS_MARGIN = 0.80
MONTHLY_RETENTION = (1 - 0.18) ** (1 / 3)
MONTHLY_DISCOUNT = 0.01
SAVE_RATE = 0.30
CALL_COST = 300.0

#: The ten-account table of the chapter's by-hand section.
TOY_PROBABILITY = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
TOY_CHURNED = [True, False, True, False, False, False, False, False, False, True]


@lru_cache(maxsize=1)
def _split() -> tuple[pd.DataFrame, pd.DataFrame]:
    accounts = data.load("saas")
    return tuple(train_test_split(accounts, test_size=TEST_SIZE, stratify=accounts[TARGET],
                                  random_state=SPLIT_SEED))


@lru_cache(maxsize=2)
def _model(family: str):
    train, _ = _split()
    options = FOREST_OPTIONS if family == "forest" else {}
    return churn.fit_churn_model(train, TARGET, NUMERIC, CATEGORICAL, family, **options)


def _best_threshold(family: str) -> float:
    _, test = _split()
    value = churn.remaining_value(GROSS_MARGIN * test["monthly_bill"], MONTHLY_RETENTION,
                                  monthly_discount=MONTHLY_DISCOUNT)
    table = churn.threshold_value_table(test[TARGET], churn.churn_probability(_model(family), test), value,
                                        save_rate=SAVE_RATE, call_cost=CALL_COST)
    return float(table.loc[table["net_value"].idxmax(), "threshold"])


@exercises.add("ex1", "churn_rate")
def ex1(churn_rate):
    accounts = data.load("saas")
    churned = int(accounts[TARGET].sum())
    expected = churned / len(accounts)
    expect_number(churn_rate, expected, name="churn_rate", alternatives=[
        (churned, "That is the number of accounts that churned; divide by the number of accounts."),
        (1 - expected, "That is the share that stayed (retention); the exercise asks for the share that left."),
    ])
    return f"{expected:.1%} a quarter, the source's 18%."


@exercises.add("ex2", "login_risk_ratio")
def ex2(login_risk_ratio):
    accounts = data.load("saas")
    y, logins = accounts[TARGET], accounts["logins_30d"]
    quiet, busy = y[logins < 5].mean(), y[logins >= 20].mean()
    expected = quiet / busy
    expect_number(login_risk_ratio, expected, name="login_risk_ratio", rel_tol=1e-3, alternatives=[
        (busy / quiet, "The ratio is upside down: divide the quiet accounts' churn rate by the busy accounts'."),
        (y[logins <= 5].mean() / busy, "Fewer than 5 means 0–4 logins: use `< 5`, not `<= 5`."),
        (quiet / y[logins > 20].mean(), "20 or more includes 20: use `>= 20`, not `> 20`."),
        (quiet - busy, "That is the difference between the rates; the exercise asks for their ratio."),
    ])
    return f"Quiet accounts churn {expected:.1f} times as often as busy ones."


@exercises.add("ex3", "precision_at_50")
def ex3(precision_at_50):
    p, y = np.array(TOY_PROBABILITY), np.array(TOY_CHURNED)
    called = p >= 0.5                                   # A–E: 5 calls, 2 churners (A, C)
    expected = y[called].mean()                         # 2/5
    expect_number(precision_at_50, expected, name="precision_at_50", alternatives=[
        (y[p > 0.5].mean(), "'At least 50%' includes account E at exactly 0.5: use `>=`, not `>`."),
        ((called & y).sum() / y.sum(), "That is the recall (share of churners caught); precision is the share "
                                       "of calls that reach a churner."),
        ((called & y).sum(), "That is how many calls reach a churner; divide by the number of calls."),
    ])


@exercises.add("ex4", "call_value")
def ex4(call_value):
    p, value = 0.45, 6000.0
    expected = churn.intervention_value(p, SAVE_RATE, value, CALL_COST)     # 0.45 × 0.3 × 6000 − 300 = 510
    expect_number(call_value, expected, name="call_value", alternatives=[
        (p * value - CALL_COST, "You left out the save rate: a call keeps only 30% of the accounts that were leaving."),
        (p * SAVE_RATE * value, "You left out the cost of the call: subtract CALL_COST."),
        (SAVE_RATE * value - CALL_COST, "You left out the churn probability: the call only saves value if the "
                                        "account was going to leave."),
    ])


@exercises.add("ex5", "break_even_probability")
def ex5(break_even_probability):
    value = 4000.0
    expected = CALL_COST / (SAVE_RATE * value)                               # 300 / 1200 = 0.25
    expect_number(break_even_probability, expected, name="break_even_probability", alternatives=[
        (CALL_COST / value, "You left out the save rate: p × 0.3 × 4,000 must cover the 300 yuan cost."),
        (SAVE_RATE * value / CALL_COST, "Upside down: solve p × s × V − c = 0 for p, which gives c / (s × V)."),
    ])
    return "Above 25% risk a call to this account pays; the source's 70% rule would skip most such accounts."


@exercises.add("ex6", "calls_at_70")
def ex6(calls_at_70):
    current = data.load("saas", table="current")
    expected = int((churn.churn_probability(_model("forest"), current) >= 0.7).sum())
    _, test = _split()
    expect_number(calls_at_70, expected, name="calls_at_70", integer=True, alternatives=[
        (int((churn.churn_probability(_model("logistic"), current) >= 0.7).sum()),
         "That is the logistic model's count; the exercise asks for the chapter's `forest`."),
        (int((churn.churn_probability(_model("forest"), test) >= 0.7).sum()),
         "You scored the test accounts; score `current_accounts`, the ones active on 2025-04-01."),
    ])


@exercises.add("ex7", "best_logistic_threshold")
def ex7(best_logistic_threshold):
    expected = _best_threshold("logistic")
    if isinstance(best_logistic_threshold, pd.DataFrame | pd.Series) and len(best_logistic_threshold) > 1:
        raise Hint("`best_logistic_threshold` should be one threshold, not a table: pick the row with the highest "
                   "`net_value` (`.idxmax()`) and take its `threshold`.")
    expect_number(best_logistic_threshold, expected, name="best_logistic_threshold", alternatives=[
        (_best_threshold("forest"), "That is the forest's best threshold; use `test_probability['logistic']`."),
        (0.7, "0.7 is the source's rule, not the threshold with the highest net value."),
        (0.05, "That threshold reaches the most churners, but its calls cost more: pick the highest `net_value`."),
    ])
