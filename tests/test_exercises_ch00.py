"""The self-checks of chapter 0, with expected values computed by hand from the demo table."""

from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch00 import exercises

# The demo table has 20 customers, 16 still active in Q1 2025; acquisition costs are
# 12 × 120 + 1 × 180 + 7 × 260 = 3,440 yuan, i.e. 172 yuan on average; keeping costs 25.


def status(key, **answers):
    return run_check(exercises, key, answers)


def test_ex1_retention():
    assert status("ex1", retention_rate=16 / 20).status == CORRECT
    assert status("ex1").status == NOT_ATTEMPTED
    assert "divide by the number of customers" in status("ex1", retention_rate=16).message
    assert "churn rate" in status("ex1", retention_rate=0.2).message
    assert "percentage" in status("ex1", retention_rate=80).message


def test_ex2_cost_ratio():
    result = status("ex2", cost_ratio=172 / 25)
    assert result.status == CORRECT and "6.9×" in result.message
    assert "upside down" in status("ex2", cost_ratio=25 / 172).message
    assert "median" in status("ex2", cost_ratio=120 / 25).message


def test_ex3_uplift():
    # V = m(1+d)/(1+d-r): 1.1/0.25 ÷ 1.1/0.30 = 1.2, i.e. +20%.
    assert status("ex3", uplift_pct=20.0).status == CORRECT
    # Without discounting: (1/0.15) / (1/0.20) = 1.333…, i.e. +33.3%.
    assert "discounting" in status("ex3", uplift_pct=100 / 3).message
    assert "change in retention" in status("ex3", uplift_pct=5).message
    assert status("ex3", uplift_pct=0.2).status == HINT
