"""Properties of helpers.segment on random logs, and the "never bare" family of its bad inputs (issue 15)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ._i15b_probes import verdict
from helpers import segment

FAST = settings(max_examples=25, derandomize=True, deadline=None)
SNAPSHOT = pd.Timestamp("2024-07-01")


@st.composite
def logs(draw):
    """A purchase log of a few customers: ids of one type, purchases and returns, gaps in amount and customer."""
    n = draw(st.integers(1, 25))
    numeric_ids = draw(st.booleans())
    ids = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    customer = [i if numeric_ids else f"C{i}" for i in ids]
    customer = [None if draw(st.integers(0, 9)) == 0 else c for c in customer]
    days = draw(st.lists(st.integers(-200, 20), min_size=n, max_size=n))
    amount = draw(st.lists(st.one_of(st.floats(-50, 200, allow_nan=False), st.just(float("nan"))),
                           min_size=n, max_size=n))
    category = draw(st.lists(st.sampled_from(["dairy", "meat", None]), min_size=n, max_size=n))
    return pd.DataFrame({"customer_id": pd.Series(customer, dtype=object),
                         "timestamp": SNAPSHOT + pd.to_timedelta(days, unit="D") + pd.Timedelta(hours=13),
                         "amount": amount, "category": category})


def _reference_stages(log):
    """Plain Python: the stage of each customer with a positive purchase before the snapshot."""
    spans = {}
    for row in log.itertuples():
        if row.customer_id is None or not row.amount > 0 or row.timestamp.normalize() >= SNAPSHOT:
            continue
        day = row.timestamp.normalize()
        first, last = spans.get(row.customer_id, (day, day))
        spans[row.customer_id] = (min(first, day), max(last, day))
    stages = {}
    for customer, (first, last) in spans.items():
        age, recency = (SNAPSHOT - first).days, (SNAPSHOT - last).days
        stages[customer] = ("new" if age <= 30 else "active" if recency <= 30 else "dormant" if recency < 90
                            else "churned")
    return stages


@FAST
@given(logs())
def test_lifecycle_stages_match_a_plain_reference(log):
    expected = _reference_stages(log)
    outcome = verdict(lambda: segment.lifecycle_stages(log, SNAPSHOT, amount="amount"), ("lifecycle_stages",),
                      lambda t: t["stage"].astype(str).to_dict() == expected)
    assert outcome == ("named error" if not expected else "correct result"), outcome


@FAST
@given(logs())
def test_basket_mix_matches_a_plain_reference(log):
    log = log.rename(columns={"amount": "value"})
    kept = log[log["customer_id"].notna() & log["category"].notna() & (log["value"] > 0)]
    expected = {}
    for customer, part in kept.groupby("customer_id"):
        total = part["value"].sum()
        expected[customer] = {c: part.loc[part["category"] == c, "value"].sum() / total
                              for c in sorted(kept["category"].unique())}

    def same(mix):
        return mix.index.tolist() == sorted(expected) and all(
            mix.loc[c].to_dict() == pytest.approx(expected[c]) for c in expected)

    outcome = verdict(lambda: segment.basket_mix(log), ("basket_mix",), same)
    assert outcome == ("named error" if not expected else "correct result"), outcome


@FAST
@given(st.integers(2, 4), st.integers(0, 20), st.lists(st.integers(3, 9), min_size=4, max_size=4))
def test_kmeans_finds_planted_groups_whatever_the_row_order(k, shift, sizes):
    """k far-apart groups (sizes drawn): the clusters are the groups, numbered by size, in any row order."""
    rng = np.random.default_rng(k + 10 * shift)
    sizes = sizes[:k]
    points = np.vstack([rng.normal((20.0 * g, 0.0), 0.3, size=(n, 2)) for g, n in enumerate(sizes)])
    group = np.repeat(np.arange(k), sizes)
    features = pd.DataFrame(points, columns=["x", "y"], index=[f"C{i:02d}" for i in range(len(points))])
    order = np.roll(np.arange(len(points)), shift)
    clusters = segment.kmeans_segments(features.iloc[order], float(k)).sort_index()
    assert pd.crosstab(clusters, group).gt(0).sum(axis=1).eq(1).all()  # one group per cluster
    sizes_by_label = clusters.value_counts().sort_index()
    assert sizes_by_label.is_monotonic_decreasing  # numbered from the largest


# --------------------------------------------------------------------------- never bare

LOG = pd.DataFrame({"customer_id": ["A", "A", "B", "C"], "category": ["dairy", "meat", "meat", "dairy"],
                    "value": [10.0, 5.0, 8.0, 3.0],
                    "timestamp": pd.to_datetime(["2024-05-01", "2024-06-20", "2024-02-01", "2024-06-29"])})
FEATURES = pd.DataFrame({"recency_days": [5.0, 40, 100, 7, 8, 120], "frequency": [10.0, 2, 1, 9, 12, 1],
                         "avg_ticket": [30.0, 80, 20, 35, 28, 15]}, index=[f"C{i}" for i in range(6)])
CLUSTERS = pd.Series([0, 1, 2, 0, 0, 2], index=FEATURES.index)
PROFILE = segment.cluster_profile(FEATURES, CLUSTERS)
doubled = pd.concat([LOG, LOG[["value"]]], axis=1)
PROBES = {
    "basket_mix, separator strings": (lambda: segment.basket_mix(LOG.assign(value=["1,000", "5", "8", "3"])),
                                      ("value",), None),
    "basket_mix, inf value": (lambda: segment.basket_mix(LOG.assign(value=np.inf)), ("value",), None),
    "basket_mix, duplicated column": (lambda: segment.basket_mix(doubled), ("value",), None),
    "basket_mix, mixed id types": (lambda: segment.basket_mix(LOG.assign(customer_id=[1, "1", "B", "C"])),
                                   ("customer_id",), None),
    "basket_mix, only returns": (lambda: segment.basket_mix(LOG.assign(value=-1.0)), ("basket_mix",), None),
    "prepare_features, inf": (lambda: segment.prepare_features(FEATURES.assign(frequency=np.inf)), ("frequency",),
                              None),
    "prepare_features, text": (lambda: segment.prepare_features(FEATURES.assign(frequency="many")), ("frequency",),
                               None),
    "prepare_features, one column as a string": (
        lambda: segment.prepare_features(FEATURES, "frequency"), (),
        lambda t: list(t.columns) == ["frequency"]),
    "prepare_features, log= unknown column": (lambda: segment.prepare_features(FEATURES, log=["spend"]), ("log",),
                                              None),
    "choose_k, identical rows": (lambda: segment.choose_k(pd.DataFrame({"x": [1.0] * 5, "y": [2.0] * 5}), [2, 3]),
                                 ("distinct",), None),
    "choose_k, ks=5": (lambda: segment.choose_k(FEATURES, 5), ("ks",), None),
    "choose_k, k=2.5": (lambda: segment.choose_k(FEATURES, [2.5]), ("k",), None),
    "choose_k, silhouette_sample=0": (lambda: segment.choose_k(FEATURES, [2], silhouette_sample=0),
                                      ("silhouette_sample",), None),
    "choose_k, seed=1e10": (lambda: segment.choose_k(FEATURES, [2], seed=1e10), ("seed",), None),
    "choose_k, ks=[]": (lambda: segment.choose_k(FEATURES, []), ("ks",), None),
    "prepare_features, columns=[]": (lambda: segment.prepare_features(FEATURES, []), ("columns",), None),
    "name_clusters, highlights='x'": (lambda: segment.name_clusters(PROFILE, highlights="x"), ("highlights",), None),
    "kmeans_segments, k=2.0": (lambda: segment.kmeans_segments(FEATURES, 2.0), (),
                               lambda c: c.equals(segment.kmeans_segments(FEATURES, 2))),
    "kmeans_segments, k=np.float32(2)": (lambda: segment.kmeans_segments(FEATURES, np.float32(2)), (),
                                         lambda c: c.equals(segment.kmeans_segments(FEATURES, 2))),
    "kmeans_segments, k='3'": (lambda: segment.kmeans_segments(FEATURES, "3"), ("k",), None),
    "kmeans_segments, text feature": (lambda: segment.kmeans_segments(FEATURES.assign(x="a"), 2), ("x",), None),
    "kmeans_segments, seed=None": (lambda: segment.kmeans_segments(FEATURES, 2, seed=None), ("seed",), None),
    "cluster_profile, a missing cluster": (lambda: segment.cluster_profile(FEATURES, CLUSTERS.where(CLUSTERS > 0)),
                                           ("cluster",), None),
    "cluster_profile, clusters as a list": (lambda: segment.cluster_profile(FEATURES, [0, 1, 2, 0, 0, 2]),
                                            ("clusters",), None),
    "cluster_profile, clusters in another order": (
        lambda: segment.cluster_profile(FEATURES, CLUSTERS.iloc[::-1]), (), lambda t: t.equals(PROFILE)),
    "name_clusters, NaN average": (lambda: segment.name_clusters(PROFILE.assign(frequency=np.nan)), ("frequency",),
                                   None),
    "name_clusters, empty cluster": (lambda: segment.name_clusters(PROFILE.assign(customers=0)), ("customers",),
                                     None),
    "name_clusters, empty profile": (lambda: segment.name_clusters(PROFILE.head(0)), ("empty",), None),
    "name_clusters, dormant_days='90'": (lambda: segment.name_clusters(PROFILE, dormant_days="90"),
                                         ("dormant_days",), None),
    "lifecycle_stages, NaN amount": (
        lambda: segment.lifecycle_stages(LOG.assign(value=[np.nan, 5.0, 8.0, 3.0]), SNAPSHOT, amount="value"), (),
        lambda t: t.loc["A", "first_purchase"] == pd.Timestamp("2024-06-20")),
    "lifecycle_stages, ambiguous text dates": (
        lambda: segment.lifecycle_stages(LOG.assign(timestamp=["05/01/2024", "06/02/2024", "02/01/2024",
                                                               "06/06/2024"]), SNAPSHOT), ("timestamp",), None),
    "lifecycle_stages, day-first dates with dayfirst=True": (
        lambda: segment.lifecycle_stages(LOG.assign(timestamp=["01/05/2024", "20/06/2024", "01/02/2024",
                                                               "29/06/2024"]), SNAPSHOT, dayfirst=True), (),
        lambda t: t.equals(segment.lifecycle_stages(LOG, SNAPSHOT))),
    "lifecycle_stages, integer dates": (
        lambda: segment.lifecycle_stages(LOG.assign(timestamp=[20240501, 20240620, 20240201, 20240629]), SNAPSHOT),
        ("timestamp",), None),
    "lifecycle_stages, year 2300": (
        lambda: segment.lifecycle_stages(LOG.assign(timestamp=["2024-05-01", "2300-01-01", "2024-02-01",
                                                               "2024-06-29"]), SNAPSHOT), ("timestamp",), None),
    "lifecycle_stages, mixed offsets": (
        lambda: segment.lifecycle_stages(LOG.assign(timestamp=["2024-05-01 10:00+08:00", "2024-06-20 10:00+00:00",
                                                               "2024-02-01 10:00+08:00", "2024-06-29 10:00+08:00"]),
                                         SNAPSHOT), ("timestamp",), None),
    "lifecycle_stages, zoned snapshot on naive dates": (
        lambda: segment.lifecycle_stages(LOG, pd.Timestamp("2024-07-01", tz="UTC")), ("snapshot",), None),
    "lifecycle_stages, snapshot=None": (lambda: segment.lifecycle_stages(LOG, None), ("snapshot",), None),
    "lifecycle_stages, churn_days=90.0": (
        lambda: segment.lifecycle_stages(LOG, SNAPSHOT, churn_days=90.0), (),
        lambda t: t.equals(segment.lifecycle_stages(LOG, SNAPSHOT))),
    "lifecycle_stages, churn_days=np.nan": (lambda: segment.lifecycle_stages(LOG, SNAPSHOT, churn_days=np.nan),
                                            ("churn_days",), None),
    "lifecycle_stages, amount of text": (
        lambda: segment.lifecycle_stages(LOG.assign(value="1,000"), SNAPSHOT, amount="value"), ("value",), None),
    "lifecycle_stages, mixed id types": (
        lambda: segment.lifecycle_stages(LOG.assign(customer_id=[1, "1", "B", "C"]), SNAPSHOT), ("customer_id",),
        None),
    "stage_transitions, unknown rule": (
        lambda: segment.stage_transitions(LOG, "2024-04-01", SNAPSHOT, churn=60), ("churn",), None),
    "stage_transitions, end before start": (lambda: segment.stage_transitions(LOG, SNAPSHOT, "2024-04-01"),
                                            ("start",), None),
    "stage_transitions, normalize='yes'": (
        lambda: segment.stage_transitions(LOG, "2024-04-01", SNAPSHOT, normalize="yes"), ("normalize",), None),
    "choose_k, k = number of customers": (lambda: segment.choose_k(FEATURES, [6]), ("k = 6",), None),
    "choose_k, silhouette_sample=2 for 3 clusters": (lambda: segment.choose_k(FEATURES, [3], silhouette_sample=2),
                                                      ("silhouette_sample",), None),
    "cluster_profile, labels 0 and '0'": (
        lambda: segment.cluster_profile(FEATURES, pd.Series([0, "0", 1, 1, 2, 2], index=FEATURES.index)),
        ("clusters",), None),
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_never_bare(probe):
    call, names, check = PROBES[probe]
    assert verdict(call, names, check) in ("named error", "correct result")

