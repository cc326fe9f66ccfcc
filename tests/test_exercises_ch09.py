"""The self-checks of chapter 9: the right answer, a missing answer, and every planted slip."""

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
    assert "both arms" in status("ex1", new_user_rate=rate(raw, "5 off 20", True)).message
    assert "other coupon" in status("ex1", new_user_rate=rate(clean, "8 off 30", True)).message
    assert "new users" in status("ex1", new_user_rate=rate(clean, "5 off 20", False)).message
    all_users = clean.loc[clean["arm"] == "5 off 20", "ordered"].mean()
    assert "only new users" in status("ex1", new_user_rate=all_users).message
    assert "percentage" in status("ex1", new_user_rate=100 * right).message


def test_ex2_net_per_user(tables):
    _, clean = tables
    value = clean["order_value"].where(clean["ordered"], 0.0)
    right = (value - clean["discount"]).groupby(clean["arm"]).sum() / clean.groupby("arm").size()
    result = status("ex2", net_per_user=right)
    assert result.status == CORRECT
    assert f"{right['5 off 20']:.2f}" in result.message and f"{right['8 off 30']:.2f}" in result.message
    assert right["5 off 20"] > right["8 off 30"]  # the message's claim: "5 off 20" brings more per user
    orders = clean[clean["ordered"]]
    per_order = (orders["order_value"] - orders["discount"]).groupby(orders["arm"]).mean()
    assert "every assigned user" in status("ex2", net_per_user=per_order).message
    gross = value.groupby(clean["arm"]).mean()
    assert "discount" in status("ex2", net_per_user=gross).message
    assert status("ex2", net_per_user=float(right.mean())).status == HINT
    assert status("ex2", net_per_user=right * 2).status == HINT


def test_ex3_sample_size():
    # 25% → 27%, two-sided α 0.05, power 0.8: p̄ = 0.26; (1.959964 × √0.3848 + 0.841621 × √0.3846)²
    # = (1.215809 + 0.521941)² = 3.019775; ÷ 0.02² = 7,549.4 → 7,550 per arm.
    assert status("ex3", n_next_test=7550).status == CORRECT
    assert "total over both arms" in status("ex3", n_next_test=15_100).message
    assert "Round up" in status("ex3", n_next_test=7549).message
    assert "one-sided" in status("ex3", n_next_test=5947).message  # (1.644854·0.620322 + 0.841621·0.620161)² / 0.0004
    assert "90% power" in status("ex3", n_next_test=10_107).message
    assert "whole number" in status("ex3", n_next_test=7550.2).message


def test_ex4_peeking():
    assert status("ex4", peeking_answer="c").status == CORRECT
    assert "peeking trap" in status("ex4", peeking_answer="A").message
    assert "planned from the start" in status("ex4", peeking_answer="B").message
    assert "randomisation" in status("ex4", peeking_answer="D").message
    assert "one of" in status("ex4", peeking_answer="E").message


def test_ex5_naive_gap():
    chain = simulate_self_selection(programme_effect=0.05, seed=9)
    members, others = chain[chain["member"]], chain[~chain["member"]]
    gap = members["repurchased"].sum() / len(members) - others["repurchased"].sum() / len(others)
    assert 0.30 < gap < 0.40  # the planted pattern: about 60% vs 25%
    assert status("ex5", naive_gap=gap).status == CORRECT
    assert "true effect" in status("ex5", naive_gap=0.05).message
    ratio = members["repurchased"].mean() / others["repurchased"].mean()
    assert "ratio" in status("ex5", naive_gap=ratio).message
    assert "wrong sign" in status("ex5", naive_gap=-gap).message


def test_ex6_black_card():
    # Half of revenue rises by 25%: 0.5 × 25% = 12.5%.
    assert status("ex6", revenue_lift_pct=12.5).status == CORRECT
    assert "only half" in status("ex6", revenue_lift_pct=25).message
    assert "share of *customers*" in status("ex6", revenue_lift_pct=3).message
    assert "share" in status("ex6", revenue_lift_pct=0.125).message


def test_ex7_points_cost():
    # 1 point per yuan ÷ 100 points × 5 yuan = 5% nominal; × (1 − 0.30) = 3.5%.
    result = status("ex7", cost_share=0.035)
    assert result.status == CORRECT and "3.5%" in result.message
    assert "breakage" in status("ex7", cost_share=0.05).message
    assert "1 − breakage" in status("ex7", cost_share=0.015).message
    assert "percentage" in status("ex7", cost_share=3.5).message
