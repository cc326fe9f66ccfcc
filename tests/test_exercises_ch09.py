"""The self-checks of chapter 9: the right answer, a missing answer, and every planted slip."""

import math
from pathlib import Path

import pytest

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch09 import exercises
from helpers.experiment import simulate_self_selection


def status(key, **answers):
    return run_check(exercises, key, answers)


@pytest.fixture(scope="module")
def tables():
    raw = data.load("coupon_ab")
    # Second implementation of the clean-up: keep users who appear exactly once.
    once = raw.groupby("user_id")["arm"].transform("size") == 1
    return raw, raw[once]


def rate(table, arm, new):
    rows = table[(table["arm"] == arm) & (table["new_user"] == new)]
    return rows["ordered"].sum() / len(rows)


def test_every_exercise_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_new_user_rate(tables):
    raw, clean = tables
    right = rate(clean, "5 off 20", True)
    result = status("ex1", new_user_rate=right)
    # The planted rate for new users on "5 off 20" is 0.297 (generator); the message reports this draw's rate.
    assert right == pytest.approx(0.297, abs=0.025)
    assert result.status == CORRECT and f"{right:.1%}" in result.message
    assert status("ex1", new_user_rate=round(right, 4)).status == CORRECT
    assert status("ex1", new_user_rate=rate(raw, "5 off 20", True)).tag == "crossovers-kept"
    assert status("ex1", new_user_rate=rate(clean, "8 off 30", True)).tag == "wrong-arm"
    assert status("ex1", new_user_rate=rate(clean, "5 off 20", False)).tag == "reversed-filter"
    all_users = clean.loc[clean["arm"] == "5 off 20", "ordered"].mean()
    assert status("ex1", new_user_rate=all_users).tag == "segment-not-filtered"
    assert status("ex1", new_user_rate=100 * right).tag == "percent-not-share"


def test_ex2_net_per_user(tables):
    _, clean = tables
    value = clean["order_value"].where(clean["ordered"], 0.0)
    right = (value - clean["discount"]).groupby(clean["arm"]).sum() / clean.groupby("arm").size()
    result = status("ex2", net_per_user=right)
    assert result.status == CORRECT
    assert f"{right['5 off 20']:.2f}" in result.message and f"{right['8 off 30']:.2f}" in result.message
    assert right["5 off 20"] > right["8 off 30"]  # the message's claim: "5 off 20" brings more per user
    # other forms a student gives for the same answer (issue 14 point 4)
    assert status("ex2", net_per_user=right.to_dict()).status == CORRECT
    assert status("ex2", net_per_user=right.rename("net").reset_index()).status == CORRECT
    orders = clean[clean["ordered"]]
    per_order = (orders["order_value"] - orders["discount"]).groupby(orders["arm"]).mean()
    assert status("ex2", net_per_user=per_order).tag == "orders-only"
    gross = value.groupby(clean["arm"]).mean()
    assert status("ex2", net_per_user=gross).tag == "discount-not-subtracted"
    # issue 14: the mismatch hint printed "yours 8.8035, expected 6.52881"
    off = status("ex2", net_per_user=right * 1.35)
    assert off.status == HINT and f"{right['5 off 20']:.2f}" not in off.message and "6.5" not in off.message
    assert status("ex2", net_per_user=float(right.mean())).status == HINT


def test_ex3_sample_size():
    # 25% → 27%, two-sided α 0.05, power 0.8: p̄ = 0.26; (1.959964 × √0.3848 + 0.841621 × √0.3846)²
    # = (1.215809 + 0.521941)² = 3.019775; ÷ 0.02² = 7,549.4 → 7,550 per arm.
    assert status("ex3", n_next_test=7550).status == CORRECT
    # issue 14: 7,541 by hand with the text's rounded z values (1.96, 0.84) was rejected
    by_hand = (1.96 * math.sqrt(2 * 0.26 * 0.74) + 0.84 * math.sqrt(0.27 * 0.73 + 0.25 * 0.75)) ** 2 / 0.02 ** 2
    assert math.ceil(by_hand) == 7541
    assert status("ex3", n_next_test=7541).status == CORRECT
    assert status("ex3", n_next_test=15_100).tag == "total-not-per-arm"
    assert status("ex3", n_next_test=5947).tag == "one-sided"  # (1.644854·0.620322 + 0.841621·0.620161)² / 0.0004
    assert status("ex3", n_next_test=10_107).tag == "wrong-power"
    assert status("ex3", n_next_test=540).tag == "text-parameter"   # the text's 25% vs 18%
    assert status("ex3", n_next_test=7550.2).tag == "not-whole"


def test_ex4_peeking():
    assert status("ex4", peeking_answer="c").status == CORRECT
    assert status("ex4", peeking_answer="A").tag == "stop-at-first-significant"
    assert status("ex4", peeking_answer="B").tag == "unplanned-sequential"
    assert status("ex4", peeking_answer="D").tag == "breaks-randomisation"
    assert status("ex4", peeking_answer="E").tag == "not-an-option"


def test_ex5_naive_gap():
    chain = simulate_self_selection(programme_effect=0.05, seed=9)
    members, others = chain[chain["member"]], chain[~chain["member"]]
    gap = members["repurchased"].sum() / len(members) - others["repurchased"].sum() / len(others)
    assert 0.30 < gap < 0.40  # the planted pattern: about 60% vs 25%
    assert status("ex5", naive_gap=gap).status == CORRECT
    assert status("ex5", naive_gap=round(gap, 3)).status == CORRECT
    assert status("ex5", naive_gap=0.05).tag == "planted-effect"
    ratio = members["repurchased"].mean() / others["repurchased"].mean()
    assert status("ex5", naive_gap=ratio).tag == "ratio-not-difference"
    assert status("ex5", naive_gap=-gap).tag == "wrong-sign"
    # issue 14: reusing the chapter's seed got only "too large/small"
    chapter = simulate_self_selection(customers=20_000, programme_effect=0.05, seed=2024)
    rates = chapter.groupby("member")["repurchased"].mean()
    assert status("ex5", naive_gap=rates[True] - rates[False]).tag == "reused-seed"


def test_ex6_black_card():
    # Half of revenue rises by 25%: 0.5 × 25% = 12.5%.
    assert status("ex6", revenue_lift_pct=12.5).status == CORRECT
    assert status("ex6", revenue_lift_pct=25).tag == "lift-not-weighted"
    assert status("ex6", revenue_lift_pct=3).tag == "customer-share-weight"
    assert status("ex6", revenue_lift_pct=62.5).tag == "level-not-change"
    assert status("ex6", revenue_lift_pct=0.125).tag == "share-not-percent"


def test_ex7_points_cost():
    # 1 point per yuan ÷ 100 points × 5 yuan = 5% nominal; × (1 − 0.30) = 3.5%.
    result = status("ex7", cost_share=0.035)
    assert result.status == CORRECT and "3.5%" in result.message
    assert status("ex7", cost_share=0.05).tag == "breakage-ignored"
    assert status("ex7", cost_share=0.015).tag == "breakage-as-redeemed"
    assert status("ex7", cost_share=3.5).tag == "percent-not-share"


def test_ex8_z_function():
    def right(x_a, n_a, x_b, n_b):
        pooled = (x_a + x_b) / (n_a + n_b)
        return (x_a / n_a - x_b / n_b) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))

    assert right(25, 100, 18, 100) == pytest.approx(1.20, abs=0.005)   # the chapter's by-hand z
    assert status("ex8", z_statistic=right).status == CORRECT
    assert status("ex8", z_statistic=lambda *t: -right(*t)).tag == "wrong-sign"

    def unpooled(x_a, n_a, x_b, n_b):
        p_a, p_b = x_a / n_a, x_b / n_b
        return (p_a - p_b) / math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)

    assert status("ex8", z_statistic=unpooled).tag == "unpooled-se"
    assert status("ex8", z_statistic=lambda *t: 1.0).tag == "generic-mismatch"


def test_glossary_maps_each_term_once():
    """Issue 14 point 11: the row "arm, control, challenger | 实验组 / 对照组" mapped three terms to two."""
    source = (Path(__file__).resolve().parents[1] / "solutions" / "09_experiments_and_loyalty.py").read_text("utf-8")
    rows = {line.split(" | ")[1]: line.split(" | ")[2] for line in source.splitlines()
            if line.startswith("# | ") and line.count(" | ") >= 3}
    assert "arm, control, challenger" not in rows
    assert rows["control"] == "对照组" and rows["challenger (treatment)"].startswith("实验组")
    assert "arm" in rows
