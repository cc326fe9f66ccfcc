"""Checks for ``04_clv`` (customer lifetime value). Expected answers come from the kit's own code."""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import clv, data
from helpers.checks import Exercises, Hint, expect_number

exercises = Exercises("ch04")

# Stated in the notebook.
CALIBRATION_END = pd.Timestamp("1997-09-30")   # weeks 1-39 of the CDNOW log
LOG_YEARS = 1.5                                 # 1997-01-01 .. 1998-06-30 = 78 weeks
MARGIN = 0.30                                   # share of a CD sale kept as gross margin
HORIZON_WEEKS = 52
ANNUAL_DISCOUNT = 0.10


@lru_cache(maxsize=1)
def _sample() -> pd.DataFrame:
    return data.load("cdnow", table="sample")


@lru_cache(maxsize=2)
def _summary(end: str) -> pd.DataFrame:
    with contextlib.redirect_stdout(io.StringIO()):   # the "left out N lines" note is for the notebook
        return clv.summary_from_transactions(_sample(), customer="customer_id", date="date", amount="amount",
                                             end=end)


@lru_cache(maxsize=1)
def _models() -> tuple[clv.BetaGeo, clv.GammaGamma]:
    calib = _summary(str(CALIBRATION_END.date()))
    bg = clv.BetaGeo().fit(calib["frequency"], calib["recency"], calib["T"])
    with contextlib.redirect_stdout(io.StringIO()):
        gg = clv.GammaGamma().fit(calib["frequency"], calib["monetary"])
    return bg, gg


@lru_cache(maxsize=1)
def _cohorts() -> dict[str, np.ndarray]:
    table = data.load("sbg_cohorts").sort_values(["cohort", "year"], kind="mergesort")
    return {name: group["survivors"].to_numpy() for name, group in table.groupby("cohort")}


@exercises.add("ex1", "formula_clv")
def ex1(formula_clv):
    sample = _sample()
    customers = sample["customer_id"].nunique()
    avg_purchase = sample["amount"].mean()
    per_year = len(sample) / customers / LOG_YEARS
    expected = clv.simple_clv(avg_purchase, per_year, 3)
    expect_number(formula_clv, expected, name="formula_clv", alternatives=[
        (expected * LOG_YEARS, "The log covers 1.5 years: divide purchases per customer by 1.5 to get purchases "
                               "per *year*."),
        (expected / 3, "That is one year's worth; the formula multiplies by the 3 years retained."),
        (sample.groupby("customer_id")["amount"].sum().mean() * per_year * 3,
         "The average purchase is the mean of `amount` per purchase line, not a customer's total spend."),
    ])
    return f"About ${expected:,.0f} of revenue per customer — before margin, churn or discounting."


@exercises.add("ex2", "member_value")
def ex2(member_value):
    expected = clv.retention_clv(100, 0.9, 0.10)
    expect_number(member_value, expected, name="member_value", alternatives=[
        (100 / (1 - 0.9), "You left out discounting: a yuan next year is worth 1/1.10 of a yuan today."),
        (100 * 0.9 / (1.1 - 0.9), "You left out this year's fee: the member pays 100 now, then each later year "
                                  "while retained."),
        (100 / (1.1 - 0.9), "Close: the formula is margin × (1 + d) / (1 + d − r); you dropped the (1 + d)."),
    ])


@exercises.add("ex3", "repeat_share")
def ex3(repeat_share):
    calib = _summary(str(CALIBRATION_END.date()))
    repeaters = int((calib["frequency"] > 0).sum())
    expected = repeaters / len(calib)
    whole = _summary("1998-06-30")
    expect_number(repeat_share, expected, name="repeat_share", alternatives=[
        (repeaters, "That is the number of repeat buyers; divide by the number of customers for a share."),
        (1 - expected, "That is the share who made no repeat purchase; the exercise asks for those who did."),
        (float((whole["frequency"] > 0).mean()), "You used all 78 weeks; count repeat purchases in the "
                                                 "calibration weeks 1–39 only (up to 1997-09-30)."),
    ])


def _as_rates(value, name: str, length: int) -> np.ndarray:
    if isinstance(value, (str, bytes, dict)) or np.ndim(value) != 1:
        raise Hint(f"`{name}` should be a list, array or Series of {length} rates, one per year 1–{length}.")
    rates = np.asarray(value, dtype="float64")
    if len(rates) == length + 1:
        raise Hint(f"`{name}` has {length + 1} values: start at year 1 (retention from year 0 to year 1); "
                   "year 0 has no retention rate.")
    if len(rates) != length:
        raise Hint(f"`{name}` should hold {length} rates, one per year 1–{length}; it has {len(rates)}.")
    return rates


@exercises.add("ex4", "retention_regular")
def ex4(retention_regular):
    counts = _cohorts()["regular"]
    expected = counts[1:] / counts[:-1]
    rates = _as_rates(retention_regular, "retention_regular", len(expected))
    if np.allclose(rates, expected, rtol=1e-4):
        return "Retention climbs every year: the customers likely to leave go first."
    if np.allclose(rates, 1 - expected, rtol=1e-4):
        raise Hint("Those are churn rates (share who left); retention is the share of last year's customers "
                   "still there.")
    if np.allclose(rates, counts[1:] / counts[0], rtol=1e-4):
        raise Hint("Those are survival shares (customers left out of the original 1,000); divide each year's "
                   "survivors by the *previous* year's.")
    if np.allclose(rates, 100 * expected, rtol=1e-4):
        raise Hint("Give the rates as shares between 0 and 1, not percentages.")
    raise Hint("Not yet: retention in year t is survivors(t) / survivors(t − 1), for t = 1 … 7.")


@exercises.add("ex5", "high_end_year12")
def ex5(high_end_year12):
    counts = _cohorts()
    high = counts["high end"]
    model = clv.ShiftedBetaGeometric().fit(high)
    expected = float(high[0] * model.survival(12))
    naive = float(high[0] * (high[-1] / high[0]) ** (12 / 7))
    mean_rate = float(np.mean(high[1:] / high[:-1]))
    regular = float(counts["regular"][0] * clv.ShiftedBetaGeometric().fit(counts["regular"]).survival(12))
    expect_number(high_end_year12, expected, name="high_end_year12", rel_tol=2e-3, alternatives=[
        (naive, "That projects one constant retention rate (the 7-year average). Fit the sBG model and use its "
                "survival S(12) instead — that is the point of the exercise."),
        (high[0] * mean_rate ** 12, "That uses the average yearly retention rate as if it never changed; use the "
                                    "fitted sBG model's survival S(12)."),
        (regular, "That is the regular cohort; fit the model to the high-end survivors."),
        (expected / high[0], "That is the surviving share; multiply by the cohort's 1,000 customers."),
    ])
    return (f"About {expected:.0f} of the 1,000 are still customers in year 12, against {naive:.0f} by the naive "
            "projection.")


@exercises.add("ex6", "expected_next_year")
def ex6(expected_next_year):
    bg, _ = _models()
    expected = float(bg.expected_purchases(52, 4, 20.0, 38.0))
    expect_number(expected_next_year, expected, name="expected_next_year", rel_tol=1e-3, alternatives=[
        (float(bg.prob_alive(4, 20.0, 38.0)), "That is P(alive); the exercise asks for expected purchases."),
        (float(bg.expected_purchases_new(52)),
         "That is a brand-new customer's expectation; condition on this customer's history with "
         "`expected_purchases(t, frequency, recency, T)`."),
        (float(bg.expected_purchases(39, 4, 20.0, 38.0)), "That is for 39 weeks; the exercise asks for the next "
                                                          "52 weeks."),
    ])


def _value_table() -> np.ndarray:
    bg, gg = _models()
    calib = _summary(str(CALIBRATION_END.date()))
    return clv.customer_value(bg, gg, calib["frequency"], calib["recency"], calib["T"], calib["monetary"],
                              margin=MARGIN, horizon=HORIZON_WEEKS, discount=ANNUAL_DISCOUNT)


@exercises.add("ex7", "top_decile_share")
def ex7(top_decile_share):
    values = np.sort(_value_table())[::-1]
    n = len(values)
    accepted = [values[:k].sum() / values.sum() for k in (int(np.floor(n / 10)), int(np.ceil(n / 10)))]
    # Either rounding of "10% of 2,357 customers" (235 or 236) is accepted.
    is_number = isinstance(top_decile_share, (int, float, np.number)) and not isinstance(top_decile_share, bool)
    match = next((share for share in accepted if is_number and abs(float(top_decile_share) - share) < 1e-4),
                 accepted[1])
    expect_number(top_decile_share, match, name="top_decile_share", rel_tol=1e-3, alternatives=[
        (0.10, "That is the top decile's share of *customers*; the exercise asks for its share of total value."),
        (values[-int(np.ceil(n / 10)):].sum() / values.sum(), "Those are the *lowest* 10%: sort the values in "
                                                              "descending order before taking the top."),
    ])
    return f"The top tenth of customers hold {match:.0%} of the next year's expected margin."
