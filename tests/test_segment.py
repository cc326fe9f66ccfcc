"""Tests of helpers.segment on hand-made logs and planted clusters."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.segment import (
    PROSPECT, STAGES, basket_mix, choose_k, cluster_profile, kmeans_segments, lifecycle_stages,
    name_clusters, prepare_features, stage_transitions,
)

# --------------------------------------------------------------------------- lifecycle


def hand_log():
    """Purchases of nine customers; the stages on 2024-07-01 and 2024-10-01 are worked out below."""
    rows = [
        ("C1", "2024-01-10 09:00"), ("C1", "2024-06-25 19:30"), ("C1", "2024-09-20 10:00"),
        ("C2", "2024-06-20 18:30"),
        ("C3", "2024-02-01 12:00"), ("C3", "2024-05-01 12:00"), ("C3", "2024-09-30 08:00"),
        ("C4", "2024-01-05 11:00"), ("C4", "2024-03-01 11:00"),
        ("C5", "2024-01-01 10:00"), ("C5", "2024-06-01 23:59"),
        ("C6", "2024-01-02 10:00"), ("C6", "2024-04-02 10:00"), ("C6", "2024-08-15 10:00"),
        ("C7", "2024-01-03 10:00"), ("C7", "2024-04-03 10:00"),
        ("C8", "2024-07-05 10:00"),
        ("C9", "2024-09-15 10:00"),
        (None, "2024-06-30 10:00"),
    ]
    return pd.DataFrame({"customer_id": [r[0] for r in rows],
                         "timestamp": pd.to_datetime([r[1] for r in rows])})


def test_lifecycle_stage_rules_by_hand(capsys):
    # Snapshot 2024-07-01 (new ≤ 30 days old, active recency ≤ 30, dormant 31–89, churned ≥ 90):
    # C1 last 06-25 → recency 6, first 01-10 → active; C2 first 06-20 → age 11 → new;
    # C3 last 05-01 → recency 61 → dormant; C4 last 03-01 → recency 122 → churned;
    # C5 last 06-01 (23:59, counted by date) → recency 30 → active (boundary);
    # C6 last 04-02 → recency 90 → churned (boundary); C7 last 04-03 → recency 89 → dormant.
    # C8 and C9 first buy after the snapshot and are not customers yet.
    stages = lifecycle_stages(hand_log(), "2024-07-01")
    out = capsys.readouterr().out
    assert "1 rows with no customer_id" in out
    # Five rows fall after the snapshot: C1 09-20, C3 09-30, C6 08-15, C8 07-05, C9 09-15.
    assert "5 rows dated on or after the snapshot 2024-07-01" in out
    expected = {"C1": "active", "C2": "new", "C3": "dormant", "C4": "churned",
                "C5": "active", "C6": "churned", "C7": "dormant"}
    assert stages["stage"].astype(str).to_dict() == expected
    assert stages.loc["C5", "recency_days"] == 30
    assert stages.loc["C6", "recency_days"] == 90
    assert stages.loc["C2", "age_days"] == 11
    assert list(stages["stage"].cat.categories) == list(STAGES)
    assert stages["stage"].cat.ordered


def test_lifecycle_rules_can_be_changed():
    # With churn at 120 days C6 (recency 90) becomes dormant and C4 (122) stays churned.
    stages = lifecycle_stages(hand_log(), "2024-07-01", churn_days=120)
    assert stages.loc["C6", "stage"] == "dormant"
    assert stages.loc["C4", "stage"] == "churned"
    # With new_days = 0 nobody is new: C2 (recency 11) is active.
    assert lifecycle_stages(hand_log(), "2024-07-01", new_days=0).loc["C2", "stage"] == "active"


def test_stage_transitions_by_hand():
    # On 2024-10-01: C1 last 09-20 → active; C2 last 06-20 → recency 103 → churned;
    # C3 last 09-30 → active; C4 churned; C5 last 06-01 → 122 → churned; C6 last 08-15 → 47 → dormant;
    # C7 last 04-03 → churned; C8 first 07-05 → age 88, recency 88 → dormant; C9 first 09-15 → new.
    table = stage_transitions(hand_log(), "2024-07-01", "2024-10-01")
    assert list(table.index) == [PROSPECT, *STAGES]
    assert list(table.columns) == list(STAGES)
    expected = pd.DataFrame(
        [[1, 0, 1, 0],   # prospects: C9 → new, C8 → dormant
         [0, 0, 0, 1],   # new: C2 → churned
         [0, 1, 0, 1],   # active: C1 → active, C5 → churned
         [0, 1, 0, 1],   # dormant: C3 → active, C7 → churned
         [0, 0, 1, 1]],  # churned: C6 → dormant (won back), C4 → churned
        index=table.index, columns=table.columns)
    assert (table.to_numpy() == expected.to_numpy()).all()
    shares = stage_transitions(hand_log(), "2024-07-01", "2024-10-01", normalize=True)
    assert shares.loc["active"].tolist() == [0.0, 0.5, 0.0, 0.5]
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0] * 5)


def test_lifecycle_bad_input():
    with pytest.raises(ValueError, match="no column"):
        lifecycle_stages(hand_log().rename(columns={"timestamp": "when"}), "2024-07-01")
    with pytest.raises(ValueError, match="snapshot.*not a date"):
        lifecycle_stages(hand_log(), "next tuesday")
    with pytest.raises(ValueError, match="not dates"):
        lifecycle_stages(hand_log().assign(timestamp="yesterday"), "2024-07-01")
    with pytest.raises(ValueError, match="no purchases"):
        lifecycle_stages(hand_log(), "2023-01-01")
    with pytest.raises(ValueError, match="smaller than churn_days"):
        lifecycle_stages(hand_log(), "2024-07-01", active_days=90, churn_days=90)
    with pytest.raises(ValueError, match="empty"):
        lifecycle_stages(hand_log().iloc[0:0], "2024-07-01")
    with pytest.raises(TypeError, match="DataFrame"):
        lifecycle_stages("log.csv", "2024-07-01")
    with pytest.raises(ValueError, match="before end"):
        stage_transitions(hand_log(), "2024-10-01", "2024-07-01")


def test_lifecycle_returns_are_not_purchases(capsys):
    # A return by C3 on 2024-06-28 must not make C3 look active (recency stays 61 → dormant).
    log = pd.concat([hand_log().assign(amount=10.0),
                     pd.DataFrame({"customer_id": ["C3"], "timestamp": [pd.Timestamp("2024-06-28")],
                                   "amount": [-10.0]})], ignore_index=True)
    assert lifecycle_stages(log, "2024-07-01").loc["C3", "stage"] == "active"  # without amount=: fooled
    stages = lifecycle_stages(log, "2024-07-01", amount="amount")
    assert stages.loc["C3", "stage"] == "dormant" and stages.loc["C3", "recency_days"] == 61
    assert "1 rows with amount ≤ 0" in capsys.readouterr().out
    with pytest.raises(ValueError, match="no column 'value'"):
        lifecycle_stages(log, "2024-07-01", amount="value")


def test_lifecycle_accepts_text_dates():
    log = hand_log().assign(timestamp=lambda d: d["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    assert lifecycle_stages(log, "2024-07-01").loc["C3", "stage"] == "dormant"


# --------------------------------------------------------------------------- features


def test_basket_mix_by_hand(capsys):
    log = pd.DataFrame({
        "customer_id": ["B", "A", "A", "A", "B", None],
        "category": ["meat", "dairy", "bakery", "dairy", "meat", "dairy"],
        "value": [30.0, 6.0, 4.0, -2.0, 10.0, 9.0],
    })
    mix = basket_mix(log)
    # A bought dairy 6 and bakery 4 (the −2 return is ignored): 0.6 and 0.4; B only meat.
    assert list(mix.index) == ["A", "B"]
    assert list(mix.columns) == ["bakery", "dairy", "meat"]
    assert mix.loc["A"].tolist() == pytest.approx([0.4, 0.6, 0.0])
    assert mix.loc["B"].tolist() == pytest.approx([0.0, 0.0, 1.0])
    assert "ignored 1 lines with no customer_id" in capsys.readouterr().out


def test_prepare_features_by_hand():
    # log1p of [0, e−1, e²−1] is [0, 1, 2]: mean 1, population sd √(2/3) = 0.816497,
    # so the standardised values are [−1.224745, 0, 1.224745].
    frame = pd.DataFrame({"spend": [0.0, math.e - 1, math.e ** 2 - 1], "share": [0.2, 0.4, 0.6]})
    scaled = prepare_features(frame, log=["spend"])
    assert scaled["spend"].tolist() == pytest.approx([-1.224745, 0.0, 1.224745], abs=1e-6)
    assert scaled["share"].tolist() == pytest.approx([-1.224745, 0.0, 1.224745], abs=1e-6)  # not logged


def test_prepare_features_bad_input():
    with pytest.raises(ValueError, match="negative"):
        prepare_features(pd.DataFrame({"monetary": [10.0, -5.0, 3.0]}))
    with pytest.raises(ValueError, match="missing values"):
        prepare_features(pd.DataFrame({"monetary": [10.0, None, 3.0]}))
    with pytest.raises(ValueError, match="same value"):
        prepare_features(pd.DataFrame({"monetary": [1.0, 2.0], "stores": [1, 1]}))
    with pytest.raises(ValueError, match="no column"):
        prepare_features(pd.DataFrame({"monetary": [1.0, 2.0]}), ["frequency"])
    with pytest.raises(TypeError, match="DataFrame"):
        prepare_features(np.ones((3, 2)))


# --------------------------------------------------------------------------- clustering


def blobs(seed=0):
    """Three planted groups of 50, 30 and 20 customers, far apart in two features."""
    rng = np.random.default_rng(seed)
    centres = [(0.0, 0.0), (6.0, 0.0), (0.0, 6.0)]
    sizes = [50, 30, 20]
    points = np.vstack([rng.normal(c, 0.5, size=(n, 2)) for c, n in zip(centres, sizes)])
    truth = np.repeat([0, 1, 2], sizes)
    index = pd.Index([f"C{i:03d}" for i in range(100)], name="customer_id")
    return pd.DataFrame(points, columns=["x", "y"], index=index), pd.Series(truth, index=index)


def test_kmeans_recovers_planted_groups_numbered_by_size():
    features, truth = blobs()
    clusters = kmeans_segments(features, 3)
    assert clusters.name == "cluster" and clusters.dtype == "int64"
    assert (clusters == truth).all()  # largest planted group is cluster 0, then 1, then 2


def test_kmeans_is_deterministic_and_order_free():
    features, _ = blobs()
    first = kmeans_segments(features, 4, seed=1)
    assert first.equals(kmeans_segments(features, 4, seed=1))
    shuffled = features.sample(frac=1.0, random_state=3)
    again = kmeans_segments(shuffled, 3, seed=99).sort_index()
    assert again.equals(kmeans_segments(features, 3, seed=5))


def test_choose_k_finds_the_planted_three():
    features, _ = blobs()
    scores = choose_k(features, range(2, 6), silhouette_sample=None)
    assert scores["k"].tolist() == [2, 3, 4, 5]
    assert scores["inertia"].is_monotonic_decreasing
    assert scores.loc[scores["silhouette"].idxmax(), "k"] == 3
    assert scores.equals(choose_k(features, range(2, 6), silhouette_sample=None))


def test_clustering_bad_input():
    features, _ = blobs()
    with pytest.raises(ValueError, match="at least 2"):
        choose_k(features, [1, 2])
    with pytest.raises(ValueError, match="more than the"):
        kmeans_segments(features.head(3), 4)
    with pytest.raises(ValueError, match="whole number"):
        kmeans_segments(features, 2.5)
    with pytest.raises(ValueError, match="missing values"):
        kmeans_segments(features.assign(x=np.nan), 2)


def test_cluster_profile_and_names_by_hand():
    # Four clusters of customers with hand-picked averages:
    features = pd.DataFrame({
        "recency_days": [5, 7, 10, 12, 150, 160, 20, 22],
        "frequency": [40, 44, 10, 12, 2, 2, 3, 3],
        "avg_ticket": [30, 34, 300, 320, 50, 70, 40, 40],
    }, index=[f"C{i}" for i in range(8)])
    clusters = pd.Series([0, 0, 1, 1, 2, 2, 3, 3], index=features.index)
    profile = cluster_profile(features, clusters)
    assert profile["customers"].tolist() == [2, 2, 2, 2]
    assert profile["share"].tolist() == [0.25] * 4
    assert profile["frequency"].tolist() == [42, 11, 2, 3]
    assert profile["avg_ticket"].tolist() == [32, 310, 60, 40]
    # Overall means: frequency (42+11+2+3)/4 = 14.5, ticket (32+310+60+40)/4 = 110.5.
    # Cluster 0: 42 ≥ 14.5, 32 < 110.5 → high frequency, low ticket;
    # cluster 1: 11 < 14.5, 310 ≥ 110.5 → low frequency, high ticket;
    # cluster 2: recency 155 > 90 → dormant; cluster 3: 3 < 14.5, 40 < 110.5 → occasional, low ticket.
    names = name_clusters(profile)
    assert names.tolist() == ["high frequency, low ticket", "low frequency, high ticket", "dormant",
                              "occasional, low ticket"]
    twice = name_clusters(profile.assign(recency_days=[5, 11, 155, 120]))
    assert twice.tolist()[2:] == ["dormant", "dormant (2)"]
    with pytest.raises(ValueError, match="same index"):
        cluster_profile(features, clusters.reset_index(drop=True))


def test_name_clusters_highlights_a_basket_mix():
    profile = pd.DataFrame({"customers": [50, 30, 20], "recency_days": [10, 20, 200],
                            "frequency": [10, 2, 3], "avg_ticket": [100, 50, 80],
                            "baby_share": [0.05, 0.40, 0.05]}, index=pd.Index([0, 1, 2], name="cluster"))
    # Weighted mean baby share = 0.5·0.05 + 0.3·0.40 + 0.2·0.05 = 0.155; 0.40 ≥ 1.5 × 0.155 = 0.2325.
    # Weighted frequency 0.5·10 + 0.3·2 + 0.2·3 = 6.2; ticket 0.5·100 + 0.3·50 + 0.2·80 = 81.
    names = name_clusters(profile, highlights={"baby_share": "baby products"})
    assert names.tolist() == ["high value", "occasional, low ticket, baby products", "dormant"]
    with pytest.raises(ValueError, match="no column"):
        name_clusters(profile, highlights={"fresh_share": "fresh food"})


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # the kit's error type (issue 15)


def test_basket_mix_says_every_line_it_leaves_out(capsys):
    log = pd.DataFrame({
        "customer_id": ["A", "A", "A", "A", "A", "B"],
        "category": ["dairy", "bakery", "dairy", None, "meat", "meat"],
        "value": [6.0, 4.0, -2.0, 5.0, np.nan, 10.0],
    })
    mix = basket_mix(log)
    # Counted only: dairy 6 and bakery 4 for A; B meat 10 → A 0.4/0.6, B 1.0.
    assert mix.loc["A"].tolist() == pytest.approx([0.4, 0.6, 0.0])
    out = capsys.readouterr().out
    assert "1 return or zero-value line" in out
    assert "1 lines with no value" in out
    assert "1 lines with no category" in out
    with pytest.raises(InputError, match="'value'.*inf"):
        basket_mix(log.assign(value=[np.inf, 1, 1, 1, 1, 1]))
    with pytest.raises(InputError, match="'value'.*str.replace"):
        basket_mix(log.assign(value=["1,000", "2", "3", "4", "5", "6"]))
    with pytest.raises(InputError, match="more than one column named 'value'"):
        basket_mix(pd.concat([log, log[["value"]]], axis=1))


def test_prepare_features_refuses_inf_text_and_duplicates():
    with pytest.raises(InputError, match="'monetary'.*inf"):
        prepare_features(pd.DataFrame({"monetary": [10.0, np.inf, 3.0]}))
    with pytest.raises(InputError, match="'monetary'.*str.replace"):
        prepare_features(pd.DataFrame({"monetary": ["1,200", "30", "4"]}))
    frame = pd.DataFrame([[1.0, 2.0], [3.0, 5.0]], columns=["x", "x"])
    with pytest.raises(InputError, match="more than one column named 'x'"):
        prepare_features(frame)
    with pytest.raises(InputError, match="log"):
        prepare_features(pd.DataFrame({"m": [1.0, 2.0]}), log=["other"])


def test_whole_number_k_given_as_float_and_identical_rows():
    features, truth = blobs()
    assert kmeans_segments(features, 3.0).equals(kmeans_segments(features, 3))
    assert kmeans_segments(features, np.int64(3)).equals(kmeans_segments(features, 3))
    assert choose_k(features, [2.0, 3.0], silhouette_sample=None).equals(
        choose_k(features, [2, 3], silhouette_sample=None))
    same = pd.DataFrame({"x": [1.0] * 6, "y": [2.0] * 6})
    with pytest.raises(InputError, match="distinct"):
        choose_k(same, [2, 3])
    with pytest.raises(InputError, match="distinct"):
        kmeans_segments(same, 2)
    with pytest.raises(InputError, match="ks"):
        choose_k(features, 5)
    with pytest.raises(InputError, match="inf"):
        kmeans_segments(features.assign(x=np.inf), 2)
    with pytest.raises(InputError, match="seed"):
        kmeans_segments(features, 2, seed="x")


def test_cluster_profile_refuses_customers_without_a_cluster():
    features, truth = blobs()
    clusters = truth.astype("float64")
    clusters.iloc[:2] = np.nan
    with pytest.raises(InputError, match="2 customers.*no cluster"):
        cluster_profile(features, clusters)
    # Same customers in another order: matched by index, same profile.
    assert cluster_profile(features, truth.sample(frac=1.0, random_state=1)).equals(cluster_profile(features, truth))
    with pytest.raises(InputError, match="same index"):
        cluster_profile(features, truth.reset_index(drop=True))


def test_name_clusters_refuses_nan_or_empty_profiles():
    profile = pd.DataFrame({"customers": [50, 30], "recency_days": [10, 20], "frequency": [10, 2],
                            "avg_ticket": [100, 50]}, index=pd.Index([0, 1], name="cluster"))
    with pytest.raises(InputError, match="'frequency'.*missing"):
        name_clusters(profile.assign(frequency=[np.nan, 2]))
    with pytest.raises(InputError, match="customers"):
        name_clusters(profile.assign(customers=[0, 30]))
    with pytest.raises(ValueError, match="empty"):
        name_clusters(profile.head(0))
    with pytest.raises(InputError, match="dormant_days"):
        name_clusters(profile, dormant_days="90")


def test_lifecycle_gives_the_right_reason_for_each_left_out_row(capsys):
    log = hand_log().assign(amount=10.0)
    log.loc[0, "amount"] = np.nan  # C1's first purchase has no amount: not a return
    log.loc[1, "amount"] = -3.0
    lifecycle_stages(log, "2024-07-01", amount="amount")
    out = capsys.readouterr().out
    assert "1 rows with amount ≤ 0" in out
    assert "1 rows with no amount" in out
    with pytest.raises(InputError, match="'amount'.*str.replace"):
        lifecycle_stages(hand_log().assign(amount="1,000"), "2024-07-01", amount="amount")
    # Whole numbers given as floats are whole numbers.
    assert lifecycle_stages(hand_log(), "2024-07-01", churn_days=120.0).equals(
        lifecycle_stages(hand_log(), "2024-07-01", churn_days=120))
    with pytest.raises(InputError, match="churn_days"):
        lifecycle_stages(hand_log(), "2024-07-01", churn_days=90.5)


def test_lifecycle_refuses_mixed_ids_duplicates_and_zone_mixes():
    log = hand_log()
    mixed = log.assign(customer_id=[1, "1"] + list(log["customer_id"].iloc[2:]))
    with pytest.raises(InputError, match="customer_id.*mixes"):
        lifecycle_stages(mixed, "2024-07-01")
    with pytest.raises(InputError, match="more than one column named 'timestamp'"):
        lifecycle_stages(pd.concat([log, log[["timestamp"]]], axis=1), "2024-07-01")
    # The kit's time-zone rule: zoned dates are read at their local (wall-clock) date ...
    aware = log.assign(timestamp=log["timestamp"].dt.tz_localize("Asia/Shanghai"))
    assert lifecycle_stages(aware, "2024-07-01").equals(lifecycle_stages(log, "2024-07-01"))
    # ... a zoned snapshot is converted to the data's zone (00:30 in Shanghai is 16:30 the day before in UTC) ...
    in_utc = log.assign(timestamp=log["timestamp"].dt.tz_localize("UTC"))
    assert lifecycle_stages(in_utc, pd.Timestamp("2024-07-02 00:30", tz="Asia/Shanghai")).equals(
        lifecycle_stages(log, "2024-07-01"))
    # ... and a zoned snapshot against dates without a zone is refused.
    with pytest.raises(InputError, match="snapshot.*time zone"):
        lifecycle_stages(log, pd.Timestamp("2024-07-01", tz="Asia/Shanghai"))
    with pytest.raises(InputError, match="dayfirst"):
        lifecycle_stages(log.assign(timestamp=log["timestamp"].dt.strftime("%m/%d/%Y").str.replace(r"/(\d\d)/", "/01/",
                                                                                                    regex=True)),
                         "2024-07-01")
