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
CATALOGUE_COMPLETE = True

# Stated in the notebook.
CALIBRATION_END = pd.Timestamp("1997-09-30")   # weeks 1-39 of the CDNOW log
LOG_YEARS = 1.5                                 # 1997-01-01 .. 1998-06-30 = 78 weeks
MARGIN = 0.30                                   # share of a CD sale kept as gross margin
HORIZON_WEEKS = 52
ANNUAL_DISCOUNT = 0.10
#: Exercise 6's customer (repeat purchases, week of the last one, weeks observed) and
#: Exercise 7's horizon (two years).
CUSTOMER_EX6 = (3, 30.0, 38.0)
HORIZON_EX7 = 104


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


def _cd():
    return _sample()


@exercises.add("ex1", "formula_clv")
def ex1(formula_clv):
    sample = _sample()
    customers = sample["customer_id"].nunique()
    avg_purchase = sample["amount"].mean()
    per_year = len(sample) / customers / LOG_YEARS
    expected = clv.simple_clv(avg_purchase, per_year, 3)
    expect_number(formula_clv, expected, name="formula_clv", sig=3, alternatives=[
        (expected * LOG_YEARS, "The log covers 1.5 years: divide purchases per customer by 1.5 to get purchases "
                               "per *year*.", "per-log-not-per-year"),
        (expected / 3, "That is one year's worth; the formula multiplies by the 3 years retained.", "one-year"),
        (sample.groupby("customer_id")["amount"].sum().mean() * per_year * 3,
         "The average purchase is the mean of `amount` per purchase line, not a customer's total spend.",
         "total-not-average-purchase"),
    ])
    return f"About ${expected:,.0f} of revenue per customer — before margin, churn or discounting."


def _formula(per_log=False, years=3, total=False):
    cd = _cd()
    customers = cd["customer_id"].nunique()
    avg = cd.groupby("customer_id")["amount"].sum().mean() if total else cd["amount"].mean()
    per_year = len(cd) / customers / (1 if per_log else 1.5)
    return avg * per_year * years


exercises.answer("ex1")(lambda: {"formula_clv": _formula()})
exercises.form("ex1", "rounded to whole dollars")(lambda: {"formula_clv": round(_formula())})
exercises.mistake("ex1", "per-log-not-per-year", "forgets the 1.5 years")(lambda: {"formula_clv": _formula(per_log=True)})
exercises.mistake("ex1", "one-year", "leaves out the 3 years")(lambda: {"formula_clv": _formula(years=1)})
exercises.mistake("ex1", "total-not-average-purchase", "uses each customer's total spend")(
    lambda: {"formula_clv": _formula(total=True)})


@exercises.add("ex2", "member_value")
def ex2(member_value):
    expected = clv.retention_clv(100, 0.9, 0.10)
    expect_number(member_value, expected, name="member_value", sig=3, alternatives=[
        (100 / (1 - 0.9), "You left out discounting: a yuan next year is worth 1/1.10 of a yuan today.",
         "no-discounting"),
        (100 * 0.9 / (1.1 - 0.9), "You left out this year's fee: the member pays 100 now, then each later year "
                                  "while retained.", "no-fee-now"),
        (100 / (1.1 - 0.9), "Close: the formula is margin × (1 + d) / (1 + d − r); you dropped the (1 + d).",
         "dropped-one-plus-d"),
    ])


exercises.answer("ex2")(lambda: {"member_value": 100 * 1.1 / (1.1 - 0.9)})
exercises.form("ex2", "as the sum of a long geometric series")(
    lambda: {"member_value": float(sum(100 * (0.9 / 1.1) ** t for t in range(400)))})
exercises.mistake("ex2", "no-discounting", "uses 100 / (1 − r)")(lambda: {"member_value": 100 / 0.1})
exercises.mistake("ex2", "no-fee-now", "starts the payments next year")(lambda: {"member_value": 100 * 0.9 / 0.2})
exercises.mistake("ex2", "dropped-one-plus-d", "uses 100 / (1 + d − r)")(lambda: {"member_value": 100 / 0.2})


@exercises.add("ex3", "repeat_share")
def ex3(repeat_share):
    calib = _summary(str(CALIBRATION_END.date()))
    repeaters = int((calib["frequency"] > 0).sum())
    expected = repeaters / len(calib)
    whole = _summary("1998-06-30")
    expect_number(repeat_share, expected, name="repeat_share", sig=3, alternatives=[
        (repeaters, "That is the number of repeat buyers; divide by the number of customers for a share.",
         "count-not-share"),
        (1 - expected, "That is the share who made no repeat purchase; the exercise asks for those who did.",
         "no-repeat-share"),
        (float((whole["frequency"] > 0).mean()), "You used all 78 weeks; count repeat purchases in the "
                                                 "calibration weeks 1–39 only (up to 1997-09-30).", "all-weeks"),
    ])


def _days_in(end: str) -> pd.Series:
    cd = _cd()
    return cd[cd["date"] <= pd.Timestamp(end)].groupby("customer_id")["date"].nunique()


exercises.answer("ex3")(lambda: {"repeat_share": (_days_in("1997-09-30") > 1).mean()})
exercises.form("ex3", "rounded to three significant figures")(
    lambda: {"repeat_share": float(f"{(_days_in('1997-09-30') > 1).mean():.3g}")})
exercises.mistake("ex3", "count-not-share", "counts the repeat buyers")(
    lambda: {"repeat_share": int((_days_in("1997-09-30") > 1).sum())})
exercises.mistake("ex3", "no-repeat-share", "gives the share without a repeat")(
    lambda: {"repeat_share": (_days_in("1997-09-30") == 1).mean()})
exercises.mistake("ex3", "all-weeks", "uses all 78 weeks")(lambda: {"repeat_share": (_days_in("1998-06-30") > 1).mean()})


def _as_rates(value, name: str, length: int) -> np.ndarray:
    if isinstance(value, (str, bytes, dict, set, frozenset)) or np.ndim(value) != 1:
        raise Hint(f"`{name}` should be a list, array or Series of {length} rates, one per year 1–{length}.",
                   "wrong-type")
    try:
        rates = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise Hint(f"`{name}` should hold numbers (rates between 0 and 1).", "wrong-type") from None
    if len(rates) == length + 1:
        raise Hint(f"`{name}` has {length + 1} values: start at year 1 (retention from year 0 to year 1); "
                   "year 0 has no retention rate.", "includes-year-zero")
    if len(rates) != length:
        raise Hint(f"`{name}` should hold {length} rates, one per year 1–{length}; it has {len(rates)}.",
                   "wrong-length")
    if np.isnan(rates).any():
        raise Hint(f"`{name}` has a missing value: year 0 has no previous year, so drop it (start at year 1).",
                   "includes-year-zero")
    return rates


#: Exercise 4 asks for three decimals, the precision of the table in the text.
RATE_TOL = 5e-4


@exercises.add("ex4", "retention_regular")
def ex4(retention_regular):
    counts = _cohorts()["regular"]
    expected = counts[1:] / counts[:-1]
    rates = _as_rates(retention_regular, "retention_regular", len(expected))

    def near(target):
        return np.allclose(rates, target, rtol=0, atol=RATE_TOL)

    if near(expected):
        return "Retention climbs every year: the customers likely to leave go first."
    slips = [
        (expected[::-1], "The years are reversed: the first rate should be year 1 (survivors(1) / survivors(0)), "
                         "the last year 7.", "reversed-years"),
        (1 - expected, "Those are churn rates (share who left); retention is the share of last year's customers "
                       "still there.", "churn-not-retention"),
        (counts[1:] / counts[0], "Those are survival shares (customers left out of the original 1,000); divide "
                                 "each year's survivors by the *previous* year's.", "survival-not-retention"),
        (counts[:-1] / counts[1:], "The ratio is upside down: survivors(t) / survivors(t − 1), this year over "
                                   "last year.", "upside-down"),
        (100 * expected, "Give the rates as shares between 0 and 1, not percentages.", "percent-not-share"),
    ]
    for target, message, tag in slips:
        if near(target):
            raise Hint(message, tag)
    if np.allclose(rates, np.round(expected, 2), atol=1e-9) or np.allclose(rates, np.round(expected, 1), atol=1e-9):
        raise Hint("`retention_regular` looks rounded: keep at least 3 decimals.", "rounded")
    first = int(np.argmax(np.abs(rates - expected) > RATE_TOL))
    direction = "too large" if rates[first] > expected[first] else "too small"
    raise Hint(f"Not yet: the rate for year {first + 1} is {direction}. Retention in year t is survivors(t) / "
               "survivors(t − 1), for t = 1 … 7.", "generic-wrong-values")


def _regular_counts() -> np.ndarray:
    table = data.load("sbg_cohorts")
    return table[table["cohort"] == "regular"].sort_values("year")["survivors"].to_numpy()


exercises.answer("ex4")(lambda: {"retention_regular": _regular_counts()[1:] / _regular_counts()[:-1]})
exercises.form("ex4", "from the rounded table in the text, as a list")(
    lambda: {"retention_regular": list(np.round(_regular_counts()[1:] / _regular_counts()[:-1], 3))})
exercises.form("ex4", "as a Series from shift()")(
    lambda: {"retention_regular": (pd.Series(_regular_counts()) / pd.Series(_regular_counts()).shift(1)).iloc[1:]})
exercises.mistake("ex4", "reversed-years", "lists the years from 7 down to 1")(
    lambda: {"retention_regular": (_regular_counts()[1:] / _regular_counts()[:-1])[::-1]})
exercises.mistake("ex4", "churn-not-retention", "gives 1 − retention")(
    lambda: {"retention_regular": 1 - _regular_counts()[1:] / _regular_counts()[:-1]})
exercises.mistake("ex4", "survival-not-retention", "divides by the first year")(
    lambda: {"retention_regular": _regular_counts()[1:] / _regular_counts()[0]})
exercises.mistake("ex4", "includes-year-zero", "keeps the NaN of year 0 from shift()")(
    lambda: {"retention_regular": pd.Series(_regular_counts()) / pd.Series(_regular_counts()).shift(1)})


@lru_cache(maxsize=1)
def _ex5_values() -> dict[str, float]:
    counts = _cohorts()
    high = counts["high end"]
    model = clv.ShiftedBetaGeometric().fit(high)
    return {
        "right": float(high[0] * model.survival(12)),
        "constant-rate": float(high[0] * (high[-1] / high[0]) ** (12 / 7)),
        "mean-rate": float(high[0] * np.mean(high[1:] / high[:-1]) ** 12),
        "wrong-cohort": float(counts["regular"][0] * clv.ShiftedBetaGeometric().fit(counts["regular"]).survival(12)),
        "share-not-count": float(model.survival(12)),
        "survival-11": float(high[0] * model.survival(11)),
    }


@exercises.add("ex5", "high_end_year12")
def ex5(high_end_year12):
    values = _ex5_values()
    expected = values["right"]
    expect_number(high_end_year12, expected, name="high_end_year12", rel_tol=2e-3, abs_tol=0.5, alternatives=[
        (values["constant-rate"], "That projects one constant retention rate (the 7-year average). Fit the sBG "
                                  "model and use its survival S(12) instead — that is the point of the exercise.",
         "constant-rate"),
        (values["mean-rate"], "That uses the average yearly retention rate as if it never changed; use the fitted "
                              "sBG model's survival S(12).", "mean-rate"),
        (values["wrong-cohort"], "That is the regular cohort; fit the model to the high-end survivors.",
         "wrong-cohort"),
        (values["share-not-count"], "That is the surviving share; multiply by the cohort's 1,000 customers.",
         "share-not-count"),
        (values["survival-11"], "That is S(11), the survivors at the start of year 11; the exercise asks for "
                                "year 12 (`survival(12)`).", "survival-11"),
    ])
    return (f"About {expected:.0f} of the 1,000 are still customers in year 12, against "
            f"{values['constant-rate']:.0f} by the naive projection.")


def _high_model():
    table = data.load("sbg_cohorts")
    counts = table[table["cohort"] == "high end"].sort_values("year")["survivors"].to_numpy()
    return counts, clv.ShiftedBetaGeometric().fit(counts)


exercises.answer("ex5")(lambda: {"high_end_year12": float(1000 * _high_model()[1].survival(12))})
exercises.form("ex5", "rounded to a whole customer")(
    lambda: {"high_end_year12": round(float(1000 * _high_model()[1].survival(12)))})
exercises.mistake("ex5", "survival-11", "takes S(11)")(
    lambda: {"high_end_year12": float(1000 * _high_model()[1].survival(11))})
exercises.mistake("ex5", "constant-rate", "projects the 7-year average rate")(
    lambda: {"high_end_year12": float(1000 * (_high_model()[0][-1] / 1000) ** (12 / 7))})
exercises.mistake("ex5", "share-not-count", "gives S(12) as a share")(
    lambda: {"high_end_year12": float(_high_model()[1].survival(12))})


@lru_cache(maxsize=1)
def _ex6_values() -> dict[str, float]:
    bg, _ = _models()
    x, t_x, big_t = CUSTOMER_EX6
    return {
        "right": float(bg.expected_purchases(52, x, t_x, big_t)),
        "p-alive": float(bg.prob_alive(x, t_x, big_t)),
        "new-customer": float(bg.expected_purchases_new(52)),
        "text-horizon": float(bg.expected_purchases(39, x, t_x, big_t)),
        "recency-as-weeks-since": float(bg.expected_purchases(52, x, big_t - t_x, big_t)),
    }


@exercises.add("ex6", "expected_next_year")
def ex6(expected_next_year):
    v = _ex6_values()
    expect_number(expected_next_year, v["right"], name="expected_next_year", sig=3, alternatives=[
        (v["p-alive"], "That is P(alive); the exercise asks for expected purchases.", "p-alive"),
        (v["new-customer"], "That is a brand-new customer's expectation; condition on this customer's history with "
                            "`expected_purchases(t, frequency, recency, T)`.", "new-customer"),
        (v["text-horizon"], "That is for 39 weeks, the horizon of the text's examples; the exercise asks for the next "
                            "52 weeks.", "text-horizon"),
        (v["recency-as-weeks-since"], "That uses the weeks *since* the last purchase as recency; in BG/NBD recency "
                                      "is the week of the last purchase counted from the first (here 30).",
         "recency-as-weeks-since"),
    ])


exercises.answer("ex6")(lambda: {"expected_next_year": float(_models()[0].expected_purchases(52, 3, 30.0, 38.0))})
exercises.form("ex6", "as a one-element array")(
    lambda: {"expected_next_year": np.atleast_1d(_models()[0].expected_purchases(52, 3, 30.0, 38.0))})
exercises.mistake("ex6", "p-alive", "gives P(alive)")(lambda: {"expected_next_year": float(_models()[0].prob_alive(3, 30.0, 38.0))})
exercises.mistake("ex6", "text-horizon", "keeps the text's 39 weeks")(
    lambda: {"expected_next_year": float(_models()[0].expected_purchases(39, 3, 30.0, 38.0))})
exercises.mistake("ex6", "recency-as-weeks-since", "passes 8 weeks since the last purchase as recency")(
    lambda: {"expected_next_year": float(_models()[0].expected_purchases(52, 3, 8.0, 38.0))})
exercises.mistake("ex6", "new-customer", "uses expected_purchases_new")(
    lambda: {"expected_next_year": float(_models()[0].expected_purchases_new(52))})


@lru_cache(maxsize=2)
def _value_table(horizon: int = HORIZON_EX7) -> np.ndarray:
    bg, gg = _models()
    calib = _summary(str(CALIBRATION_END.date()))
    return np.asarray(clv.customer_value(bg, gg, calib["frequency"], calib["recency"], calib["T"], calib["monetary"],
                                         margin=MARGIN, horizon=horizon, discount=ANNUAL_DISCOUNT))


def _decile_shares(values: np.ndarray, lowest: bool = False) -> list[float]:
    ordered = np.sort(values)[::-1]
    n = len(ordered)
    out = []
    for k in (int(np.floor(n / 10)), int(np.ceil(n / 10))):   # 235 or 236 of 2,357: either is accepted
        part = ordered[-k:] if lowest else ordered[:k]
        out.append(part.sum() / ordered.sum())
    return out


@exercises.add("ex7", "top_decile_share_2y")
def ex7(top_decile_share_2y):
    accepted = _decile_shares(_value_table())
    is_number = isinstance(top_decile_share_2y, (int, float, np.number)) and not isinstance(top_decile_share_2y, bool)
    match = min(accepted, key=lambda share: abs(float(top_decile_share_2y) - share)) if is_number else accepted[1]
    expect_number(top_decile_share_2y, match, name="top_decile_share_2y", sig=3, alternatives=[
        (0.10, "That is the top decile's share of *customers*; the exercise asks for its share of total value.",
         "customers-not-value"),
        (_decile_shares(_value_table(), lowest=True)[1], "Those are the *lowest* 10%: sort the values in descending "
                                                         "order before taking the top.", "lowest-first"),
        (_decile_shares(_value_table(HORIZON_WEEKS))[1], "That is the share of the one-year values of the text "
                                                         "(`clv_next_year`); recompute the values with "
                                                         "horizon=104 weeks.", "text-horizon"),
    ])
    return f"The top tenth of customers hold {match:.0%} of the next two years' expected margin."


def _student_ex7(horizon=HORIZON_EX7, lowest=False):
    bg, gg = _models()
    calib = _summary(str(CALIBRATION_END.date()))
    values = pd.Series(clv.customer_value(bg, gg, calib["frequency"], calib["recency"], calib["T"], calib["monetary"],
                                          margin=0.30, horizon=horizon, discount=0.10))
    ranked = values.sort_values(ascending=lowest).to_numpy()
    return ranked[: int(np.ceil(len(ranked) / 10))].sum() / ranked.sum()


exercises.answer("ex7")(lambda: {"top_decile_share_2y": _student_ex7()})
exercises.form("ex7", "with 235 customers (rounding 10% down)")(
    lambda: {"top_decile_share_2y": _decile_shares(_value_table())[0]})
exercises.mistake("ex7", "text-horizon", "reuses the one-year values")(
    lambda: {"top_decile_share_2y": _student_ex7(horizon=52)})
exercises.mistake("ex7", "lowest-first", "sorts ascending")(lambda: {"top_decile_share_2y": _student_ex7(lowest=True)})
exercises.mistake("ex7", "customers-not-value", "answers 10%")(lambda: {"top_decile_share_2y": 0.10})
