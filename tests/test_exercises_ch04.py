"""The self-checks of chapter 4: every hint path, with expected values from hand computations,
published tables or the dataset tests' facts."""

import numpy as np
import pytest

from helpers import clv
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch04 import exercises


def status(key, **answers):
    return run_check(exercises, key, answers)


def test_every_exercise_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_formula():
    # Sample: $244,091.94 over 6,919 lines of 2,357 customers in 1.5 years (dataset facts).
    # CLV = (244,091.94 / 6,919) × (6,919 / 2,357 / 1.5) × 3 = 244,091.94 / 2,357 × 2 = 207.1209…
    right = 244_091.94 / 2_357 * 2
    result = status("ex1", formula_clv=right)
    assert result.status == CORRECT and "$207" in result.message
    assert "per *year*" in status("ex1", formula_clv=right * 1.5).message
    assert "3 years" in status("ex1", formula_clv=right / 3).message
    # Mean customer total (244,091.94 / 2,357 = 103.56) instead of mean line value (35.28): × 2,357/6,919 inverse.
    wrong_avg = (244_091.94 / 2_357) * (6_919 / 2_357 / 1.5) * 3
    assert "per purchase line" in status("ex1", formula_clv=wrong_avg).message
    assert status("ex1", formula_clv="207").status == HINT


def test_ex2_member_value():
    # 100 · 1.1 / (1.1 − 0.9) = 550.
    assert status("ex2", member_value=550.0).status == CORRECT
    assert "discounting" in status("ex2", member_value=1000.0).message          # 100 / 0.1
    assert "this year's fee" in status("ex2", member_value=450.0).message       # 90 / 0.2
    assert "(1 + d)" in status("ex2", member_value=500.0).message               # 100 / 0.2
    assert status("ex2", member_value=600.0).status == HINT


def test_ex3_repeat_share():
    # 946 of the 2,357 sample customers repeat in weeks 1-39 (Fader & Hardie; tests/test_clv.py).
    assert status("ex3", repeat_share=946 / 2357).status == CORRECT
    assert "number of repeat buyers" in status("ex3", repeat_share=946).message
    assert "no repeat purchase" in status("ex3", repeat_share=1 - 946 / 2357).message
    assert "percentage" in status("ex3", repeat_share=100 * 946 / 2357).message
    whole = clv.summary_from_transactions(_sample(), customer="customer_id", date="date", end="1998-06-30")
    assert "all 78 weeks" in status("ex3", repeat_share=float((whole["frequency"] > 0).mean())).message


def _sample():
    from helpers import data
    return data.load("cdnow", table="sample")


REGULAR = np.array([1000, 631, 468, 382, 326, 289, 262, 241])


def test_ex4_retention_rates():
    right = REGULAR[1:] / REGULAR[:-1]           # 0.631, 0.7417, …, 0.9198 (published counts)
    result = status("ex4", retention_regular=list(right))
    assert result.status == CORRECT and "climbs" in result.message
    assert "churn rates" in status("ex4", retention_regular=1 - right).message
    assert "survival shares" in status("ex4", retention_regular=REGULAR[1:] / 1000).message
    assert "shares between 0 and 1" in status("ex4", retention_regular=100 * right).message
    assert "year 0 has no retention" in status("ex4", retention_regular=np.r_[1.0, right]).message
    assert "should hold 7 rates" in status("ex4", retention_regular=right[:5]).message
    assert "list, array or Series" in status("ex4", retention_regular=0.8).message
    assert status("ex4", retention_regular=right[::-1]).tag == "reversed-years"
    # the rounded table of the text (3 decimals) is the same answer
    assert status("ex4", retention_regular=np.round(right, 3)).status == CORRECT
    assert status("ex4", retention_regular=np.round(right, 2)).tag == "rounded"
    assert status("ex4", retention_regular=REGULAR[:-1] / REGULAR[1:]).tag == "upside-down"
    off = right.copy()
    off[2] += 0.01
    assert "year 3 is too large" in status("ex4", retention_regular=off).message


def test_ex5_year12():
    # Second implementation of S(12) with the published high-end estimates α = 0.668, β = 3.806:
    # S(12) = Π_{t=1}^{12} (β + t − 1) / (α + β + t − 1), then × 1,000.
    alpha, beta = 0.668, 3.806
    s12 = np.prod([(beta + t - 1) / (alpha + beta + t - 1) for t in range(1, 13)])
    result = status("ex5", high_end_year12=1000 * s12)
    assert result.status == CORRECT and "naive" in result.message
    naive = 1000 * 0.491 ** (12 / 7)          # constant rate through the year-7 count: ≈ 295.4
    assert "constant retention rate" in status("ex5", high_end_year12=naive).message
    s11 = np.prod([(beta + t - 1) / (alpha + beta + t - 1) for t in range(1, 12)])
    assert status("ex5", high_end_year12=1000 * s11).tag == "survival-11"
    assert status("ex5", high_end_year12=round(1000 * s12)).status == CORRECT    # to the nearest customer
    high = np.array([1000, 869, 743, 653, 593, 551, 517, 491])
    mean_rate = np.mean(high[1:] / high[:-1])
    assert "never changed" in status("ex5", high_end_year12=1000 * mean_rate ** 12).message
    regular_s12 = np.prod([(1.182 + t - 1) / (0.704 + 1.182 + t - 1) for t in range(1, 13)])
    assert "regular cohort" in status("ex5", high_end_year12=1000 * regular_s12).message
    assert "multiply by the cohort" in status("ex5", high_end_year12=s12).message


def _fitted():
    # The chapter's fits, which tests/test_clv.py proves equal to the published estimates
    # (r = 0.243, α = 4.414, a = 0.793, b = 2.426; p = 6.25, q = 3.74, γ = 15.44) to the digits given.
    from helpers.exercises import ch04
    return ch04._models()


def test_ex6_expected_purchases():
    model, _ = _fitted()
    # Sanity against the published parameters: the check's truth is within 0.1% of theirs.
    published = clv.BetaGeo()
    published.params_ = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert float(published.expected_purchases(52, 3, 30.0, 38.0)) == pytest.approx(
        float(model.expected_purchases(52, 3, 30.0, 38.0)), rel=1e-3)
    right = float(model.expected_purchases(52, 3, 30.0, 38.0))
    assert status("ex6", expected_next_year=right).status == CORRECT
    assert "P(alive)" in status("ex6", expected_next_year=float(model.prob_alive(3, 30.0, 38.0))).message
    assert "brand-new" in status("ex6", expected_next_year=float(model.expected_purchases_new(52))).message
    assert "39 weeks" in status("ex6", expected_next_year=float(model.expected_purchases(39, 3, 30.0, 38.0))).message
    # recency given as weeks since the last purchase (38 − 30 = 8): its own hint, not "39 weeks"
    assert status("ex6", expected_next_year=float(model.expected_purchases(52, 3, 8.0, 38.0))).tag == \
        "recency-as-weeks-since"
    assert status("ex6", expected_next_year=right * 2).status == HINT


def _values(weeks=52):
    # The chapter's values, recomputed week by week in a plain loop (a second implementation
    # of clv.customer_value): 30% margin, `weeks` weeks, 10% a year.
    from helpers.exercises import ch04
    calib = ch04._summary("1997-09-30")
    bg, gg = _fitted()
    x, t_x, T = calib["frequency"].to_numpy(), calib["recency"].to_numpy(), calib["T"].to_numpy()
    spend = gg.expected_spend(x, calib["monetary"].to_numpy())
    total = np.zeros(len(x))
    for week in range(1, weeks + 1):
        step = bg.expected_purchases(week, x, t_x, T) - bg.expected_purchases(week - 1, x, t_x, T)
        total += step * spend * 0.30 / 1.10 ** (week / 52)
    return total


def test_ex7_top_decile_two_years():
    values = np.sort(_values(weeks=104))[::-1]
    top_236 = values[:236].sum() / values.sum()   # ceil(2,357 / 10) = 236
    top_235 = values[:235].sum() / values.sum()
    for right in (top_236, top_235):
        result = status("ex7", top_decile_share_2y=right)
        assert result.status == CORRECT, result.message
    assert "share of *customers*" in status("ex7", top_decile_share_2y=0.10).message
    bottom = values[-236:].sum() / values.sum()
    assert "*lowest* 10%" in status("ex7", top_decile_share_2y=bottom).message
    assert "percentage" in status("ex7", top_decile_share_2y=100 * top_236).message
    one_year = np.sort(_values(weeks=52))[::-1]
    assert status("ex7", top_decile_share_2y=one_year[:236].sum() / one_year.sum()).tag == "text-horizon"
