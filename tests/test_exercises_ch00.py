"""The self-checks of chapter 0, with expected values computed by hand from the demo table."""

from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch00 import exercises

# The demo table has 20 customers, 16 still active in Q1 2025; acquisition costs are
# 12 × 120 + 1 × 180 + 7 × 260 = 3,440 yuan, i.e. 172 yuan on average; keeping costs 25.
# The 16 active customers: 10 flyer (1,200), 5 delivery promo (1,300), 1 app coupon (180).


def status(key, **answers):
    return run_check(exercises, key, answers)


def test_ex1_retention():
    assert status("ex1", retention_rate=16 / 20).status == CORRECT
    assert status("ex1").status == NOT_ATTEMPTED
    assert status("ex1", retention_rate=16).tag == "count-not-share"
    assert status("ex1", retention_rate=0.2).tag == "churn-not-retention"
    assert status("ex1", retention_rate=80).tag == "percent-not-share"


def test_ex2_cost_ratio():
    result = status("ex2", cost_ratio=172 / 25)
    assert result.status == CORRECT and "6.9×" in result.message
    # The ✅ line says 6.9×, and the exercise asks for 2 significant figures: 6.9 is accepted.
    assert status("ex2", cost_ratio=6.9).status == CORRECT
    assert status("ex2", cost_ratio=25 / 172).tag == "upside-down"
    median = status("ex2", cost_ratio=120 / 25)       # the median is also the cheapest channel
    assert median.tag == "median-not-mean" and "cheapest channel" in median.message
    assert status("ex2", cost_ratio=(120 + 260 + 180) / 3 / 25).tag == "mean-of-channel-means"
    assert status("ex2", cost_ratio=3440 / 25).tag == "total-not-average"


def test_ex3_cost_per_retained():
    assert status("ex3", cost_per_retained=3440 / 16).status == CORRECT        # 215 yuan
    assert status("ex3", cost_per_retained=2680 / 16).tag == "mean-of-retained"
    assert status("ex3", cost_per_retained=172).tag == "per-won-not-retained"
    assert status("ex3", cost_per_retained=3440 / 4).tag == "divided-by-churned"


def test_ex4_uplift_at_15_percent():
    # V = m(1+d)/(1+d-r): at d = 0.15, 0.35 / 0.30 = 1.1667, i.e. +16.7%.
    assert status("ex4", uplift_15=100 * (0.35 / 0.30 - 1)).status == CORRECT
    assert status("ex4", uplift_15=16.7).status == CORRECT
    assert status("ex4", uplift_15=20.0).tag == "text-discount-rate"          # d = 0.10: 0.30 / 0.25
    assert status("ex4", uplift_15=100 / 3).tag == "no-discounting"          # (1/0.15)/(1/0.20)
    assert status("ex4", uplift_15=5).tag == "retention-points"
    assert status("ex4", uplift_15=0.1667).tag == "share-not-percent"
    assert status("ex4", uplift_15=17).tag == "rounded"


def test_ex5_to_ex7():
    assert status("ex5", leads_won_share=1.0).status == HINT
    assert status("ex6", solved_folder="solutions").tag == "not-an-option"
    assert status("ex6", solved_folder="b").status == CORRECT
    # r = 1.1 × (1 − 1/5) = 0.88
    assert status("ex7", retention_for_5x=0.88).status == CORRECT
    assert status("ex7", retention_for_5x=0.8).tag == "no-discounting"
    assert status("ex7", retention_for_5x=0.9).tag == "dropped-one-plus-d"


def test_summary_lists_every_exercise(capsys):
    from helpers.checks import checker
    check = checker("ch00", {"retention_rate": 0.8, "cost_ratio": 1.0})
    check.summary()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 8 and lines[-1] == ("Total: 1 of 7 correct, 1 hint, 5 not attempted. "
                                             "(Written answers are not checked here.)")
