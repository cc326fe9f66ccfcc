"""The self-checks of chapter 8: the right answer, a missing answer, and every planted slip.

Stage counts are recomputed here with plain pandas (a second implementation of the
lifecycle rules: new if the first purchase is ≤ 30 days old, else active if the last is
≤ 30 days old, dormant if < churn_days, churned otherwise; returns are not purchases).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises import ch08
from helpers.exercises.ch08 import exercises
from helpers.rfm import rfm_scores, rfm_segments
from helpers.segment import choose_k, prepare_features


def status(key, **answers):
    return run_check(exercises, key, answers)


def plain_stages(snapshot, churn_days=90, drop_returns=True):
    members = ch08._members()
    snapshot = pd.Timestamp(snapshot)
    bought = members[((members["amount"] > 0) | (not drop_returns)) & (members["timestamp"] < snapshot)]
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
            "end180": plain_stages("2025-01-01", churn_days=180),
            "end_returns": plain_stages("2025-01-01", drop_returns=False),
            "end180_returns": plain_stages("2025-01-01", churn_days=180, drop_returns=False)}


def test_every_exercise_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_dormant_count(stages):
    end = stages["end"]
    right = int((end == "dormant").sum())
    result = status("ex1", dormant_count=right)
    assert result.status == CORRECT and f"{right:,}" in result.message
    assert status("ex1", dormant_count=int((stages["mid"] == "dormant").sum())).tag == "wrong-snapshot"
    assert status("ex1", dormant_count=int((end == "churned").sum())).tag == "wrong-stage"
    assert status("ex1", dormant_count=int(end.isin(["dormant", "churned"]).sum())).tag == "stages-merged"
    assert status("ex1", dormant_count=int((stages["end_returns"] == "dormant").sum())).tag == "returns-as-purchases"
    # a member count is not a period: one too many gets no off-by-one story
    assert status("ex1", dormant_count=right + 1).tag.startswith("generic-")


def test_ex2_best_k_without_recency():
    features = ch08._features()
    by_hand = np.log1p(features[["frequency", "avg_ticket"]]).join(features[["fresh_share", "baby_share"]])
    by_hand = (by_hand - by_hand.mean()) / by_hand.std(ddof=0)
    assert np.allclose(by_hand, prepare_features(features, list(ch08.NO_RECENCY), log=["frequency", "avg_ticket"]))
    scores = choose_k(by_hand, range(2, 9), seed=ch08.SEED, n_init=ch08.N_INIT,
                      silhouette_sample=ch08.SILHOUETTE_SAMPLE)
    best = int(scores.loc[scores["silhouette"].idxmax(), "k"])
    assert status("ex2", best_k_no_recency=best).status == CORRECT
    # issue 14: the lowest silhouette and the lowest inertia were the same k; now every slip differs
    worst = int(scores.loc[scores["silhouette"].idxmin(), "k"])
    label = int(scores["silhouette"].idxmax())
    assert len({best, worst, 8, 5, label}) == 5
    assert status("ex2", best_k_no_recency=8).tag == "lowest-inertia"   # inertia is lowest at the largest k
    assert status("ex2", best_k_no_recency=worst).tag == "lowest-silhouette"
    assert status("ex2", best_k_no_recency=5).tag == "text-parameter"
    assert status("ex2", best_k_no_recency=label).tag == "idxmax-label"


def test_ex3_champions_in_high_value():
    features = ch08._features()
    segments = rfm_segments(rfm_scores(features[["recency_days", "frequency", "monetary"]]))["segment"]
    names = ch08._named_clusters()
    champions = segments == "champions"
    high = names == "high value"
    both = int((champions & high).sum())
    right = both / int(champions.sum())
    assert status("ex3", champions_in_high_value=right).status == CORRECT
    assert status("ex3", champions_in_high_value=round(right, 3)).status == CORRECT
    assert status("ex3", champions_in_high_value=both / int(high.sum())).tag == "reversed-conditional"
    assert status("ex3", champions_in_high_value=both).tag == "count-not-share"
    assert status("ex3", champions_in_high_value=100 * right).tag == "percent-not-share"


def test_ex4_active_to_churned(stages):
    mid, end = stages["mid"], stages["end"]
    active = mid[mid == "active"].index
    moved = int((end.loc[active] == "churned").sum())
    right = moved / len(active)
    assert status("ex4", active_to_churned=right).status == CORRECT
    assert status("ex4", active_to_churned=moved).tag == "count-not-share"
    churned_end = int((end == "churned").sum())
    assert status("ex4", active_to_churned=moved / churned_end).tag == "column-share"
    churned_mid = mid[mid == "churned"].index
    back = int((end.loc[churned_mid] == "active").sum()) / len(churned_mid)
    assert status("ex4", active_to_churned=back).tag == "reversed-move"


def test_ex5_churned_180(stages):
    right = int((stages["end180"] == "churned").sum())
    assert right < int((stages["end"] == "churned").sum())  # a slower rule can only churn fewer
    assert status("ex5", churned_180=right).status == CORRECT
    assert status("ex5", churned_180=int((stages["end"] == "churned").sum())).tag == "default-parameter"
    assert status("ex5", churned_180=int((stages["end180"] == "dormant").sum())).tag == "wrong-stage"
    # issue 14: `amount=` forgotten had a hint in ex1 but not here
    with_returns = int((stages["end180_returns"] == "churned").sum())
    assert with_returns != right
    assert status("ex5", churned_180=with_returns).tag == "returns-as-purchases"
    assert status("ex5", churned_180=right + 0.5).status == HINT


def test_ex6_basis():
    assert status("ex6", basis_answer=" c ").status == CORRECT
    assert status("ex6", basis_answer="A").tag == "basis-demographic"
    assert status("ex6", basis_answer="B").tag == "basis-psychographic"
    assert status("ex6", basis_answer="D").tag == "basis-geographic"


def test_ex7_baby_cluster_churned(stages):
    names = ch08._named_clusters()
    end = stages["end"].reindex(names.index)
    baby = names == "low frequency, high ticket, baby products"
    right = (end[baby] == "churned").mean()
    assert 0 < right < 0.5
    assert status("ex7", baby_cluster_churned=right).status == CORRECT
    assert status("ex7", baby_cluster_churned=baby[end == "churned"].mean()).tag == "reversed-conditional"
    assert status("ex7", baby_cluster_churned=(end[baby] == "dormant").mean()).tag == "wrong-stage"
    assert status("ex7", baby_cluster_churned=int((end[baby] == "churned").sum())).tag == "count-not-share"


def test_the_dormant_cluster_is_called_lapsed():
    """Issue 14 point 11: "dormant" is a lifecycle stage only; the long-silent cluster is "lapsed"."""
    names = set(ch08._named_clusters())
    assert "lapsed" in names and "dormant" not in names
    source = (Path(__file__).resolve().parents[1] / "solutions" / "08_segmentation.py").read_text(encoding="utf-8")
    assert "dormant cluster" not in source and "**dormant** —" not in source


def test_ex8_stage_function():
    def right(age, recency):
        return "new" if age <= 30 else "active" if recency <= 30 else "dormant" if recency < 90 else "churned"

    assert status("ex8", stage_of=right).status == CORRECT
    assert status("ex8", stage_of=lambda a, r: right(a, r).upper()).status == CORRECT
    assert status("ex8", stage_of=lambda a, r: "dormant" if right(a, r) == "churned" and r == 90
                  else right(a, r)).tag == "boundary-90-exclusive"
    assert status("ex8", stage_of=lambda a, r: "churned").tag == "generic-mismatch"
    assert status("ex8", stage_of=lambda a, r: "lost" if r > 200 else right(a, r)).tag == "unknown-label"
    assert status("ex8", stage_of="new").tag == "wrong-type"
