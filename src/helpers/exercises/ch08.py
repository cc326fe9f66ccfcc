"""Checks for ``08_segmentation``.

The expected answers rebuild the chapter's pipeline with the kit's own helpers and the
settings stated in the notebook (the constants below).
"""

from __future__ import annotations

import functools

import pandas as pd

from helpers import data
from helpers.checks import Exercises, expect_choice, expect_number, quietly
from helpers.rfm import clean_log, rfm_scores, rfm_segments, rfm_table
from helpers.segment import (
    basket_mix, choose_k, cluster_profile, kmeans_segments, lifecycle_stages, name_clusters, prepare_features,
    stage_transitions,
)

exercises = Exercises("ch08")

SNAPSHOT, MID_YEAR = pd.Timestamp("2025-01-01"), pd.Timestamp("2024-07-01")
FRESH = ["bakery", "dairy", "fresh produce", "meat", "seafood"]
FEATURES = ["recency_days", "frequency", "avg_ticket", "fresh_share", "baby_share"]
LOGGED = ["recency_days", "frequency", "avg_ticket"]
K, SEED, N_INIT, SILHOUETTE_SAMPLE = 5, 2024, 10, 3000
HIGHLIGHTS = {"fresh_share": "fresh food", "baby_share": "baby products"}




@functools.lru_cache(maxsize=1)
def _members() -> pd.DataFrame:
    lines = data.load("supermarket")
    products = data.load("supermarket", "products")
    list_price = lines["product"].map(products.set_index("product")["list_price"])
    clean = quietly(clean_log, lines, list_price=list_price)
    return clean[clean["customer_id"].notna()].reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _features() -> pd.DataFrame:
    members = _members()
    rfm = quietly(rfm_table, members, customer="customer_id", date="timestamp", amount="amount",
                 order="order_id", snapshot=SNAPSHOT)
    mix = quietly(basket_mix, members, value="amount")
    features = rfm.assign(avg_ticket=rfm["monetary"] / rfm["frequency"])
    features["fresh_share"] = mix[FRESH].sum(axis=1)
    features["baby_share"] = mix["baby"]
    return features


@functools.lru_cache(maxsize=1)
def _scaled() -> pd.DataFrame:
    return prepare_features(_features(), FEATURES, log=LOGGED)


@functools.lru_cache(maxsize=1)
def _named_clusters() -> pd.Series:
    features = _features()
    clusters = kmeans_segments(_scaled(), K, seed=SEED, n_init=N_INIT)
    names = name_clusters(cluster_profile(features[FEATURES], clusters), highlights=HIGHLIGHTS)
    return clusters.map(names).rename("segment_name")


def _stages(snapshot, **rules) -> pd.Series:
    return quietly(lifecycle_stages, _members(), snapshot, amount="amount", **rules)["stage"]


@exercises.add("ex1", "dormant_count")
def ex1(dormant_count):
    stages = _stages(SNAPSHOT)
    expected = int((stages == "dormant").sum())
    no_amount = quietly(lifecycle_stages, _members(), SNAPSHOT)["stage"]
    alternatives = [
        (int((_stages(MID_YEAR) == "dormant").sum()), "That is the count at the mid-year snapshot; use 2025-01-01."),
        (int((stages == "churned").sum()), "That is the number of churned members; dormant is 31–89 days."),
        (int(stages.isin(["dormant", "churned"]).sum()), "You counted dormant and churned members together."),
    ]
    with_returns = int((no_amount == "dormant").sum())
    if with_returns != expected:
        alternatives.append((with_returns, "Pass amount=\"amount\" so that return receipts do not count as "
                                           "purchases."))
    expect_number(dormant_count, expected, name="dormant_count", integer=True, alternatives=alternatives)
    return f"{expected:,} members are dormant at the end of 2024."


@exercises.add("ex2", "best_k")
def ex2(best_k):
    scores = choose_k(_scaled(), range(2, 9), seed=SEED, n_init=N_INIT, silhouette_sample=SILHOUETTE_SAMPLE)
    expected = int(scores.loc[scores["silhouette"].idxmax(), "k"])
    expect_number(best_k, expected, name="best_k", integer=True, alternatives=[
        (int(scores.loc[scores["inertia"].idxmin(), "k"]),
         "That k has the lowest inertia, but inertia always falls as k grows; pick the highest silhouette."),
        (int(scores.loc[scores["silhouette"].idxmin(), "k"]), "That is the *lowest* silhouette; look for the highest."),
    ])
    return (f"k = {expected} separates the customers best, but the silhouettes are close: the business "
            "usefulness of the groups decides between neighbouring k.")


@exercises.add("ex3", "champions_in_high_value")
def ex3(champions_in_high_value):
    features = _features()
    segments = rfm_segments(rfm_scores(features[["recency_days", "frequency", "monetary"]]))["segment"]
    names = _named_clusters()
    is_champion = segments == "champions"
    is_high_value = names == "high value"
    expected = float(is_high_value[is_champion].mean())
    expect_number(champions_in_high_value, expected, name="champions_in_high_value", rel_tol=1e-3, alternatives=[
        (float(is_champion[is_high_value].mean()),
         "That is the share of the high-value cluster who are champions; the exercise asks the other way round: "
         "of the champions, what share is in the high-value cluster?"),
        (int((is_champion & is_high_value).sum()), "That is a count; divide by the number of champions."),
    ])
    return f"{expected:.0%} of RFM champions sit in the high-value cluster: the two views largely agree."


@exercises.add("ex4", "active_to_churned")
def ex4(active_to_churned):
    counts = quietly(stage_transitions, _members(), MID_YEAR, SNAPSHOT, amount="amount")
    expected = float(counts.loc["active", "churned"] / counts.loc["active"].sum())
    expect_number(active_to_churned, expected, name="active_to_churned", rel_tol=1e-3, alternatives=[
        (int(counts.loc["active", "churned"]),
         "That is a number of members; divide by all members active at mid-year."),
        (float(counts.loc["active", "churned"] / counts["churned"].sum()),
         "You divided by all members churned at year-end (a column share); divide by the members active at "
         "mid-year (the row)."),
        (float(counts.loc["churned", "active"] / counts.loc["churned"].sum()),
         "That is the move from churned to active; the exercise asks active → churned."),
    ])


@exercises.add("ex5", "churned_180")
def ex5(churned_180):
    expected = int((_stages(SNAPSHOT, churn_days=180) == "churned").sum())
    expect_number(churned_180, expected, name="churned_180", integer=True, alternatives=[
        (int((_stages(SNAPSHOT) == "churned").sum()), "That is the count with the default 90-day rule; pass "
                                                      "churn_days=180."),
        (int((_stages(SNAPSHOT, churn_days=180) == "dormant").sum()),
         "That is the number of dormant members under the 180-day rule; count the churned ones."),
    ])
    return f"With a 180-day rule {expected:,} members are churned."


@exercises.add("ex6", "basis_answer")
def ex6(basis_answer):
    expect_choice(basis_answer, "C", name="basis_answer", options={
        "A": "Demographic bases describe who customers are (age, income, family); the clusters used what they did.",
        "B": "Psychographic bases describe attitudes, values and lifestyle, usually from surveys; the clusters "
             "used purchase behaviour.",
        "C": "",
        "D": "Geographic bases group by place (city, district, store); the features here were recency, frequency, "
             "ticket and basket mix.",
    })
    return "K-means on purchase records is behavioural segmentation."

