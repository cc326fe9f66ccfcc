"""Every hint path of chapter 5's self-checks.

The right answers are computed here a second way, in plain pandas from the raw columns
(flags, reversing, alpha, NPS and top box by hand); exercise 6 uses the planted truth of the
`survey` dataset (price drives renewal, results drive satisfaction).
"""

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch05 import exercises


def status(key, **answers):
    return run_check(exercises, key, answers)


@pytest.fixture(scope="module")
def members():
    return data.load("survey")


@pytest.fixture(scope="module")
def items():
    return data.load("survey", "items")["item"].tolist()


@pytest.fixture(scope="module")
def clean(members, items):
    """Flags by hand: straight-liner (≥ 5 answered, all equal), > 8 of 16 blank, any answer outside 1-5."""
    values = members[items].astype("float64")
    answered = values.notna().sum(axis=1)
    straight = (answered >= 5) & (values.max(axis=1) == values.min(axis=1))
    blank = (16 - answered) > 8
    outside = ((values < 1) | (values > 5)).any(axis=1)
    return members[~(straight | blank | outside)]


def alpha(frame):
    frame = frame.dropna()
    k = frame.shape[1]
    return k / (k - 1) * (1 - frame.var().sum() / frame.sum(axis=1).var())


def test_ex1(clean, members):
    raw = clean["price_3"].astype("float64")
    right = (6 - raw).mean()
    assert status("ex1", price_3_mean=right).status == CORRECT
    assert status("ex1").status == NOT_ATTEMPTED
    assert "reverse-worded" in status("ex1", price_3_mean=raw.mean()).message
    everyone = (6 - members["price_3"].astype("float64").clip(1, 5)).mean()
    assert "cleaned members" in status("ex1", price_3_mean=everyone).message


def test_ex2(clean, members):
    right = len(members) - len(clean)
    assert right == 46  # 18 straight-liners + 24 break-offs + 4 out-of-scale (the card)
    assert status("ex2", n_flagged=right).status == CORRECT
    assert "straight-liners" in status("ex2", n_flagged=18).message
    assert "too many blanks" in status("ex2", n_flagged=24).message
    some_blank = int(members[data.load("survey", "items")["item"]].isna().any(axis=1).sum())
    assert "at least one blank" in status("ex2", n_flagged=some_blank).message
    assert "share" in status("ex2", n_flagged=46 / 1200).message


def test_ex3(clean):
    conv = clean[["convenience_1", "convenience_2", "convenience_3"]].astype("float64")
    reversed_ = conv.assign(convenience_3=6 - conv["convenience_3"])
    right = alpha(reversed_)
    assert right > 0.8
    assert status("ex3", alpha_convenience=right).status == CORRECT
    assert "reverse-worded" in status("ex3", alpha_convenience=alpha(conv)).message
    pairwise = reversed_.cov()
    pairwise_alpha = 1.5 * (1 - np.trace(pairwise) / pairwise.to_numpy().sum())
    assert "pairwise" in status("ex3", alpha_convenience=pairwise_alpha).message


def test_ex4(members):
    scores = members.loc[members["main_service"] == "fitness", "recommend"].dropna().astype(float)
    promoters, detractors = (scores >= 9).mean(), (scores <= 6).mean()
    right = 100 * (promoters - detractors)
    assert right > 0  # planted: fitness members are net promoters
    assert status("ex4", nps_fitness=right).status == CORRECT
    assert "−1…1" in status("ex4", nps_fitness=right / 100).message
    assert "subtract the share of detractors" in status("ex4", nps_fitness=100 * promoters).message
    wrong_detractors = 100 * (promoters - (scores <= 7).mean())
    assert "7 and 8 are passives" in status("ex4", nps_fitness=wrong_detractors).message
    wrong_promoters = 100 * ((scores >= 8).mean() - detractors)
    assert "an 8 is a passive" in status("ex4", nps_fitness=wrong_promoters).message
    per_all = 100 * ((scores >= 9).sum() - (scores <= 6).sum()) / 1200
    assert "not by all members" in status("ex4", nps_fitness=per_all).message


def test_ex5(members):
    slim = members.loc[members["main_service"] == "slimming", "overall_satisfaction"]
    right = (slim >= 4).mean()
    assert status("ex5", top_box_slimming=right).status == CORRECT
    assert "top *one* box" in status("ex5", top_box_slimming=(slim == 5).mean()).message
    assert "slimming members" in status("ex5", top_box_slimming=(members["overall_satisfaction"] >= 4).mean()).message
    assert "neutral middle" in status("ex5", top_box_slimming=(slim >= 3).mean()).message
    assert "percentage" in status("ex5", top_box_slimming=100 * right).message


def test_ex6():
    # Planted truth (datasets/survey/README.md): price drives renewal, results drive satisfaction.
    result = status("ex6", top_renewal_driver="price")
    assert result.status == CORRECT and "'price'" in result.message
    assert status("ex6", top_renewal_driver="Price").status == CORRECT
    assert "drives *satisfaction* most" in status("ex6", top_renewal_driver="results").message
    assert status("ex6", top_renewal_driver="staff").status == HINT


def test_ex7():
    complaints = data.load("complaints")
    fully = complaints["response_rating"] == "fully satisfied"
    told_fully = complaints.loc[fully, "people_told"].mean()
    told_not = complaints.loc[~fully, "people_told"].mean()
    right = 100 * (told_not - told_fully)
    assert 400 < right < 600  # published: 9-10 people against 4-5, per complainant
    assert status("ex7", extra_people_told=right).status == CORRECT
    assert "per 100" in status("ex7", extra_people_told=told_not - told_fully).message
    not_at_all = complaints.loc[complaints["response_rating"] == "not satisfied", "people_told"].mean()
    assert "partly satisfied" in status("ex7", extra_people_told=100 * (not_at_all - told_fully)).message
    medians = 100 * (complaints.loc[~fully, "people_told"].median() - complaints.loc[fully, "people_told"].median())
    assert "medians" in status("ex7", extra_people_told=medians).message
    assert "subtract" in status("ex7", extra_people_told=100 * told_not).message
    assert "wrong sign" in status("ex7", extra_people_told=-right).message
