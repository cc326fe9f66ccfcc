"""The self-checks of chapter 8: the right answer, a missing answer, and every planted slip.

Stage counts are recomputed here with plain pandas (a second implementation of the
lifecycle rules: new if the first purchase is ≤ 30 days old, else active if the last is
≤ 30 days old, dormant if < churn_days, churned otherwise; returns are not purchases).
"""

import numpy as np
import pandas as pd
import pytest

from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises import ch08
from helpers.exercises.ch08 import exercises
from helpers.rfm import rfm_scores, rfm_segments
from helpers.segment import choose_k


def status(key, **answers):
    return run_check(exercises, key, answers)


def plain_stages(snapshot, churn_days=90):
    members = ch08._members()
    snapshot = pd.Timestamp(snapshot)
    bought = members[(members["amount"] > 0) & (members["timestamp"] < snapshot)]
    day = bought["timestamp"].dt.normalize()
    first = day.groupby(bought["customer_id"]).min()
    last = day.groupby(bought["customer_id"]).max()
    recency, age = (snapshot - last).dt.days, (snapshot - first).dt.days
    stage = np.where(age <= 30, "new", np.where(recency <= 30, "active",
                                                np.where(recency < churn_days, "dormant", "churned")))
    return pd.Series(stage, index=first.index)


@pytest.fixture(scope="module")
def stages():
    return {"end": plain_stages("2025-01-01"), "mid": plain_stages("2024-07-01"),
            "end180": plain_stages("2025-01-01", churn_days=180)}


def test_every_exercise_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_dormant_count(stages):
    end = stages["end"]
    right = int((end == "dormant").sum())
    result = status("ex1", dormant_count=right)
    assert result.status == CORRECT and f"{right:,}" in result.message
    assert "mid-year" in status("ex1", dormant_count=int((stages["mid"] == "dormant").sum())).message
    assert "churned members" in status("ex1", dormant_count=int((end == "churned").sum())).message
    assert "together" in status("ex1", dormant_count=int(end.isin(["dormant", "churned"]).sum())).message
    assert "off by one" in status("ex1", dormant_count=right + 1).message


def test_ex2_best_k():
    scores = choose_k(ch08._scaled(), range(2, 9), seed=ch08.SEED, n_init=ch08.N_INIT,
                      silhouette_sample=ch08.SILHOUETTE_SAMPLE)
    best = int(scores.loc[scores["silhouette"].idxmax(), "k"])
    assert status("ex2", best_k=best).status == CORRECT
    assert "inertia always falls" in status("ex2", best_k=8).message  # inertia is lowest at the largest k
    worst = int(scores.loc[scores["silhouette"].idxmin(), "k"])
    assert "lowest" in status("ex2", best_k=worst).message


def test_ex3_champions_in_high_value():
    features = ch08._features()
    segments = rfm_segments(rfm_scores(features[["recency_days", "frequency", "monetary"]]))["segment"]
    names = ch08._named_clusters()
    champions = segments == "champions"
    high = names == "high value"
    both = int((champions & high).sum())
    right = both / int(champions.sum())
    assert status("ex3", champions_in_high_value=right).status == CORRECT
    assert "other way round" in status("ex3", champions_in_high_value=both / int(high.sum())).message
    assert "count" in status("ex3", champions_in_high_value=both).message
    assert "percentage" in status("ex3", champions_in_high_value=100 * right).message


def test_ex4_active_to_churned(stages):
    mid, end = stages["mid"], stages["end"]
    active = mid[mid == "active"].index
    moved = int((end.loc[active] == "churned").sum())
    right = moved / len(active)
    assert status("ex4", active_to_churned=right).status == CORRECT
    assert "number of members" in status("ex4", active_to_churned=moved).message
    churned_end = int((end == "churned").sum())
    assert "column share" in status("ex4", active_to_churned=moved / churned_end).message
    churned_mid = mid[mid == "churned"].index
    back = int((end.loc[churned_mid] == "active").sum()) / len(churned_mid)
    assert "active → churned" in status("ex4", active_to_churned=back).message


def test_ex5_churned_180(stages):
    right = int((stages["end180"] == "churned").sum())
    assert right < int((stages["end"] == "churned").sum())  # a slower rule can only churn fewer
    assert status("ex5", churned_180=right).status == CORRECT
    assert "default 90-day rule" in status("ex5", churned_180=int((stages["end"] == "churned").sum())).message
    assert "dormant" in status("ex5", churned_180=int((stages["end180"] == "dormant").sum())).message
    assert status("ex5", churned_180=right + 0.5).status == HINT


def test_ex6_basis():
    assert status("ex6", basis_answer=" c ").status == CORRECT
    assert "who customers are" in status("ex6", basis_answer="A").message
    assert "attitudes" in status("ex6", basis_answer="B").message
    assert "place" in status("ex6", basis_answer="D").message
