"""Checks for ``08_segmentation``.

The expected answers rebuild the chapter's pipeline with the kit's own helpers and the
settings stated in the notebook (the constants below).

Each ``decimals=d`` comes with ``abs_tol`` = half a unit of that decimal, so that a known
mistake rounded to the precision asked for is recognised too (``decimals=`` alone widens only
the correct answer).
"""

from __future__ import annotations

import functools
from types import MappingProxyType

import pandas as pd

from helpers import data
from helpers.checks import Exercises, Hint, expect_number, quietly
from helpers.rfm import clean_log, rfm_scores, rfm_segments, rfm_table
from helpers.segment import (
    basket_mix, choose_k, cluster_profile, kmeans_segments, lifecycle_stages, name_clusters, prepare_features,
    stage_transitions,
)

exercises = Exercises("ch08")

#: Every checked exercise below registers its catalogue (answer, forms, mistakes).
CATALOGUE_COMPLETE = True

SNAPSHOT, MID_YEAR = pd.Timestamp("2025-01-01"), pd.Timestamp("2024-07-01")
FRESH = ("bakery", "dairy", "fresh produce", "meat", "seafood")
FEATURES = ("recency_days", "frequency", "avg_ticket", "fresh_share", "baby_share")
LOGGED = ("recency_days", "frequency", "avg_ticket")
K, SEED, N_INIT, SILHOUETTE_SAMPLE = 5, 2024, 10, 3000
HIGHLIGHTS = MappingProxyType({"fresh_share": "fresh food", "baby_share": "baby products"})
#: The chapter renames name_clusters' "dormant" (mean recency over 90 days): by the lifecycle
#: rules most of that cluster is churned, so the word "dormant" stays with the lifecycle stage.
CLUSTER_RENAMES = MappingProxyType({"dormant": "lapsed"})
#: Exercise 2 clusters without recency; exercise 7 asks about the baby-products cluster.
NO_RECENCY = ("frequency", "avg_ticket", "fresh_share", "baby_share")
K_RANGE = tuple(range(2, 9))
BABY_CLUSTER = "low frequency, high ticket, baby products"




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
    features["fresh_share"] = mix[list(FRESH)].sum(axis=1)
    features["baby_share"] = mix["baby"]
    return features


@functools.lru_cache(maxsize=1)
def _scaled() -> pd.DataFrame:
    return prepare_features(_features(), list(FEATURES), log=list(LOGGED))


@functools.lru_cache(maxsize=1)
def _named_clusters() -> pd.Series:
    features = _features()
    clusters = kmeans_segments(_scaled(), K, seed=SEED, n_init=N_INIT)
    names = name_clusters(cluster_profile(features[list(FEATURES)], clusters), highlights=dict(HIGHLIGHTS))
    return clusters.map(names.replace(dict(CLUSTER_RENAMES))).rename("segment_name")


@functools.lru_cache(maxsize=8)
def _stages(snapshot, amount: str | None = "amount", **rules) -> pd.Series:
    return quietly(lifecycle_stages, _members(), snapshot, amount=amount, **rules)["stage"]


# ----------------------------------------------------------------------------- exercise 1


def _count(stages: pd.Series, *names: str) -> int:
    return int(stages.isin(names).sum())


@exercises.add("ex1", "dormant_count")
def ex1(dormant_count):
    stages = _stages(SNAPSHOT)
    expected = _count(stages, "dormant")
    alternatives = [
        (_count(_stages(MID_YEAR), "dormant"), "That is the count at the mid-year snapshot; use 2025-01-01.",
         "wrong-snapshot"),
        (_count(stages, "churned"), "That is the number of churned members; dormant is 31–89 days.", "wrong-stage"),
        (_count(stages, "dormant", "churned"), "You counted dormant and churned members together.",
         "stages-merged"),
    ]
    with_returns = _count(_stages(SNAPSHOT, None), "dormant")
    if with_returns != expected:
        alternatives.append((with_returns, "Pass amount=\"amount\" so that return receipts do not count as purchases.",
                             "returns-as-purchases"))
    expect_number(dormant_count, expected, name="dormant_count", integer=True, alternatives=alternatives)
    return f"{expected:,} members are dormant at the end of 2024."


def _stage_counts(snapshot, amount="amount", **rules):
    return quietly(lifecycle_stages, _members(), snapshot, amount=amount, **rules)["stage"].value_counts()


exercises.answer("ex1")(lambda: {"dormant_count": int(_stage_counts(SNAPSHOT)["dormant"])})
exercises.form("ex1", "a numpy integer from value_counts")(lambda: {"dormant_count": _stage_counts(SNAPSHOT)["dormant"]})
exercises.mistake("ex1", "wrong-snapshot", "uses the mid-year snapshot")(
    lambda: {"dormant_count": int(_stage_counts(MID_YEAR)["dormant"])})
exercises.mistake("ex1", "wrong-stage", "counts the churned members")(
    lambda: {"dormant_count": int(_stage_counts(SNAPSHOT)["churned"])})
exercises.mistake("ex1", "stages-merged", "counts dormant and churned together")(
    lambda: {"dormant_count": int(_stage_counts(SNAPSHOT)[["dormant", "churned"]].sum())})
exercises.mistake("ex1", "returns-as-purchases", "forgets amount=, so returns count as purchases")(
    lambda: {"dormant_count": int(_stage_counts(SNAPSHOT, None)["dormant"])})


# ----------------------------------------------------------------------------- exercise 2


@functools.lru_cache(maxsize=1)
def _k_scores() -> pd.DataFrame:
    scaled = prepare_features(_features(), list(NO_RECENCY), log=[f for f in NO_RECENCY if f in LOGGED])
    return choose_k(scaled, range(K_RANGE[0], K_RANGE[-1] + 1), seed=SEED, n_init=N_INIT,
                    silhouette_sample=SILHOUETTE_SAMPLE)


@exercises.add("ex2", "best_k_no_recency")
def ex2(best_k_no_recency):
    scores = _k_scores()
    expected = int(scores.loc[scores["silhouette"].idxmax(), "k"])
    label = int(scores["silhouette"].idxmax())
    expect_number(best_k_no_recency, expected, name="best_k_no_recency", integer=True, alternatives=[
        (int(scores.loc[scores["inertia"].idxmin(), "k"]),
         "That k has the lowest inertia, but inertia always falls as k grows (it is always the largest k tried); "
         "pick the highest silhouette.", "lowest-inertia"),
        (int(scores.loc[scores["silhouette"].idxmin(), "k"]), "That is the *lowest* silhouette; look for the highest.",
         "lowest-silhouette"),
        (K, "That is the text's k, chosen for the five features with recency; rerun choose_k on the four features "
            "without recency.", "text-parameter"),
        (label, "That is the row label `idxmax()` returns, not k: take `k_table.loc[label, \"k\"]`.", "idxmax-label"),
    ])
    return ("Without recency the silhouette prefers a different k: the features you feed K-means decide the groups "
            "it finds.")


def _student_k(pick):
    scores = _k_scores()
    return pick(scores)


exercises.answer("ex2")(lambda: {"best_k_no_recency": int(_student_k(lambda s: s.loc[s["silhouette"].idxmax(), "k"]))})
exercises.form("ex2", "the k column of the top row after sorting, as a one-element Series")(
    lambda: {"best_k_no_recency": _student_k(lambda s: s.sort_values("silhouette", ascending=False)["k"].head(1))})
exercises.mistake("ex2", "lowest-inertia", "takes the k with the lowest inertia")(
    lambda: {"best_k_no_recency": int(_student_k(lambda s: s.loc[s["inertia"].idxmin(), "k"]))})
exercises.mistake("ex2", "lowest-silhouette", "takes idxmin of the silhouette")(
    lambda: {"best_k_no_recency": int(_student_k(lambda s: s.loc[s["silhouette"].idxmin(), "k"]))})
exercises.mistake("ex2", "text-parameter", "keeps the text's k = 5")(lambda: {"best_k_no_recency": 5})
exercises.mistake("ex2", "idxmax-label", "stores the row label of idxmax")(
    lambda: {"best_k_no_recency": int(_student_k(lambda s: s["silhouette"].idxmax()))})


# ----------------------------------------------------------------------------- exercise 3


@functools.lru_cache(maxsize=1)
def _rfm_segments() -> pd.Series:
    return rfm_segments(rfm_scores(_features()[["recency_days", "frequency", "monetary"]]))["segment"]


@exercises.add("ex3", "champions_in_high_value")
def ex3(champions_in_high_value):
    is_champion = _rfm_segments() == "champions"
    is_high_value = _named_clusters() == "high value"
    expected = float(is_high_value[is_champion].mean())
    expect_number(champions_in_high_value, expected, name="champions_in_high_value", decimals=3, abs_tol=0.0005, alternatives=[
        (float(is_champion[is_high_value].mean()),
         "That is the share of the high-value cluster who are champions; the exercise asks the other way round: "
         "of the champions, what share is in the high-value cluster?", "reversed-conditional"),
        (int((is_champion & is_high_value).sum()), "That is a count; divide by the number of champions.",
         "count-not-share"),
        (float((is_champion & is_high_value).mean()), "You divided by all members; divide by the champions only.",
         "divided-by-all"),
    ])
    return f"{expected:.0%} of RFM champions sit in the high-value cluster: the two views largely agree."


exercises.answer("ex3")(lambda: {"champions_in_high_value": (_named_clusters()[_rfm_segments() == "champions"]
                                                             == "high value").mean()})
exercises.form("ex3", "from a normalised crosstab, rounded to three decimals")(
    lambda: {"champions_in_high_value": round(float(pd.crosstab(_named_clusters(), _rfm_segments(), normalize="columns")
                                                    .loc["high value", "champions"]), 3)})
exercises.mistake("ex3", "reversed-conditional", "divides by the high-value cluster")(
    lambda: {"champions_in_high_value": (_rfm_segments()[_named_clusters() == "high value"] == "champions").mean()})
exercises.mistake("ex3", "count-not-share", "counts the members in both")(
    lambda: {"champions_in_high_value": int(((_rfm_segments() == "champions")
                                             & (_named_clusters() == "high value")).sum())})
exercises.mistake("ex3", "divided-by-all", "divides by all members")(
    lambda: {"champions_in_high_value": ((_rfm_segments() == "champions") & (_named_clusters() == "high value")).mean()})


# ----------------------------------------------------------------------------- exercise 4


@functools.lru_cache(maxsize=1)
def _transitions() -> pd.DataFrame:
    return quietly(stage_transitions, _members(), MID_YEAR, SNAPSHOT, amount="amount")


@exercises.add("ex4", "active_to_churned")
def ex4(active_to_churned):
    counts = _transitions()
    expected = float(counts.loc["active", "churned"] / counts.loc["active"].sum())
    expect_number(active_to_churned, expected, name="active_to_churned", decimals=3, abs_tol=0.0005, alternatives=[
        (int(counts.loc["active", "churned"]),
         "That is a number of members; divide by all members active at mid-year.", "count-not-share"),
        (float(counts.loc["active", "churned"] / counts["churned"].sum()),
         "You divided by all members churned at year-end (a column share); divide by the members active at "
         "mid-year (the row).", "column-share"),
        (float(counts.loc["churned", "active"] / counts.loc["churned"].sum()),
         "That is the move from churned to active; the exercise asks active → churned.", "reversed-move"),
    ])


exercises.answer("ex4")(lambda: {"active_to_churned": _transitions().loc["active", "churned"]
                                 / _transitions().loc["active"].sum()})
exercises.form("ex4", "with normalize=True, rounded to three decimals")(
    lambda: {"active_to_churned": round(float(quietly(stage_transitions, _members(), MID_YEAR, SNAPSHOT,
                                                      amount="amount", normalize=True).loc["active", "churned"]), 3)})
exercises.mistake("ex4", "count-not-share", "gives the count")(
    lambda: {"active_to_churned": int(_transitions().loc["active", "churned"])})
exercises.mistake("ex4", "column-share", "divides by the churned column")(
    lambda: {"active_to_churned": _transitions().loc["active", "churned"] / _transitions()["churned"].sum()})
exercises.mistake("ex4", "reversed-move", "reads churned → active")(
    lambda: {"active_to_churned": _transitions().loc["churned", "active"] / _transitions().loc["churned"].sum()})


# ----------------------------------------------------------------------------- exercise 5


@exercises.add("ex5", "churned_180")
def ex5(churned_180):
    expected = _count(_stages(SNAPSHOT, churn_days=180), "churned")
    expect_number(churned_180, expected, name="churned_180", integer=True, alternatives=[
        (_count(_stages(SNAPSHOT), "churned"), "That is the count with the default 90-day rule; pass churn_days=180.",
         "default-parameter"),
        (_count(_stages(SNAPSHOT, churn_days=180), "dormant"),
         "That is the number of dormant members under the 180-day rule; count the churned ones.", "wrong-stage"),
        (_count(_stages(SNAPSHOT, None, churn_days=180), "churned"),
         "Pass amount=\"amount\" as well: without it return receipts count as purchases and some members look "
         "more recent than they are.", "returns-as-purchases"),
        (_count(_stages(SNAPSHOT, churn_days=180), "dormant", "churned"),
         "You counted dormant and churned members together; count the churned ones.", "stages-merged"),
    ])
    return f"With a 180-day rule {expected:,} members are churned."


exercises.answer("ex5")(lambda: {"churned_180": int(_stage_counts(SNAPSHOT, churn_days=180)["churned"])})
exercises.form("ex5", "a numpy integer")(lambda: {"churned_180": _stage_counts(SNAPSHOT, churn_days=180)["churned"]})
exercises.mistake("ex5", "default-parameter", "keeps the 90-day rule")(
    lambda: {"churned_180": int(_stage_counts(SNAPSHOT)["churned"])})
exercises.mistake("ex5", "wrong-stage", "counts the dormant members")(
    lambda: {"churned_180": int(_stage_counts(SNAPSHOT, churn_days=180)["dormant"])})
exercises.mistake("ex5", "stages-merged", "counts dormant and churned together")(
    lambda: {"churned_180": int(_stage_counts(SNAPSHOT, churn_days=180)[["dormant", "churned"]].sum())})
# Forgetting amount= gives 2 fewer churned members than the answer: the check names it (the count is
# exact), but the catalogue's separation test treats counts within 0.2% as one answer, so it is
# tested in tests/test_exercises_ch08.py instead.


# ----------------------------------------------------------------------------- exercise 6 (concept)

_EX6_OPTIONS = {
    "A": ("Demographic bases describe who customers are (age, income, family); the clusters used what they did.",
          "basis-demographic"),
    "B": ("Psychographic bases describe attitudes, values and lifestyle, usually from surveys; the clusters "
          "used purchase behaviour.", "basis-psychographic"),
    "C": ("", ""),
    "D": ("Geographic bases group by place (city, district, store); the features here were recency, frequency, "
          "ticket and basket mix.", "basis-geographic"),
}


exercises.choice("ex6", "basis_answer", "C", _EX6_OPTIONS)


# ----------------------------------------------------------------------------- exercise 7


@functools.lru_cache(maxsize=1)
def _ex7_values() -> dict[str, float]:
    named, stages = _named_clusters(), _stages(SNAPSHOT)
    stages = stages.reindex(named.index)
    baby = named == BABY_CLUSTER
    churned = stages == "churned"
    return {"right": float(churned[baby].mean()), "reversed": float(baby[churned].mean()),
            "count": int((baby & churned).sum()), "dormant": float((stages == "dormant")[baby].mean()),
            # members without a purchase before mid-year have no stage then (a crosstab leaves them out)
            "mid_year": float(_stages(MID_YEAR).reindex(named.index)[baby].dropna().eq("churned").mean())}


@exercises.add("ex7", "baby_cluster_churned")
def ex7(baby_cluster_churned):
    v = _ex7_values()
    expect_number(baby_cluster_churned, v["right"], name="baby_cluster_churned", decimals=3, abs_tol=0.0005, alternatives=[
        (v["reversed"], "That is the share of churned members who are in the baby-products cluster; the exercise "
                        "asks, of the cluster's members, what share is churned.", "reversed-conditional"),
        (v["count"], "That is a count; divide by the cluster's members.", "count-not-share"),
        (v["dormant"], "That is the share *dormant* (31–89 days); churned is 90 days or more.", "wrong-stage"),
        (v["mid_year"], "Those are the stages on 2024-07-01; use the year-end stages.", "wrong-snapshot"),
    ])
    return f"{v['right']:.1%} of the young families are churned: the cluster is infrequent, but mostly not lost."


def _cross(snapshot=SNAPSHOT, normalize: bool | str = False):
    return pd.crosstab(_named_clusters(), _stages(snapshot).reindex(_named_clusters().index), normalize=normalize)


exercises.answer("ex7")(lambda: {"baby_cluster_churned": _cross(normalize="index").loc[BABY_CLUSTER, "churned"]})
exercises.form("ex7", "counts divided by hand, rounded to three decimals")(
    lambda: {"baby_cluster_churned": round(float(_cross().loc[BABY_CLUSTER, "churned"] / _cross().loc[BABY_CLUSTER].sum()), 3)})
exercises.mistake("ex7", "reversed-conditional", "normalises by the churned column")(
    lambda: {"baby_cluster_churned": _cross(normalize="columns").loc[BABY_CLUSTER, "churned"]})
exercises.mistake("ex7", "count-not-share", "gives the count")(
    lambda: {"baby_cluster_churned": int(_cross().loc[BABY_CLUSTER, "churned"])})
exercises.mistake("ex7", "wrong-stage", "reads the dormant column")(
    lambda: {"baby_cluster_churned": _cross(normalize="index").loc[BABY_CLUSTER, "dormant"]})
exercises.mistake("ex7", "wrong-snapshot", "uses the mid-year stages")(
    lambda: {"baby_cluster_churned": _cross(MID_YEAR, normalize="index").loc[BABY_CLUSTER, "churned"]})


# ----------------------------------------------------------------------------- exercise 8 (a function)

#: Fresh (age_days, recency_days) pairs, boundaries included, with the stage the chapter's table gives.
_FRESH_CUSTOMERS = ((10, 10, "new"), (30, 5, "new"), (31, 30, "active"), (200, 1, "active"), (200, 31, "dormant"),
                    (200, 89, "dormant"), (200, 90, "churned"), (400, 365, "churned"), (25, 25, "new"))


def _good_stage(age_days, recency_days):
    """The chapter's lifecycle table, written as a lookup (the reference for the student's function)."""
    for stage, applies in (("new", age_days <= 30), ("active", recency_days <= 30), ("dormant", recency_days < 90)):
        if applies:
            return stage
    return "churned"


_WRONG_STAGES = {
    "boundary-90-exclusive": ("calls a member silent for exactly 90 days dormant; 90 days or more is churned",
                              lambda a, r: "new" if a <= 30 else "active" if r <= 30 else
                              "dormant" if r <= 90 else "churned"),
    "boundary-30-exclusive": ("calls a member whose last purchase was exactly 30 days ago dormant; active is up to "
                              "and including 30 days",
                              lambda a, r: "new" if a <= 30 else "active" if r < 30 else
                              "dormant" if r < 90 else "churned"),
    "new-after-active": ("tests *active* before *new*: a customer whose first purchase was within 30 days is new, "
                         "whatever the last purchase",
                         lambda a, r: "active" if r <= 30 else "new" if a <= 30 else
                         "dormant" if r < 90 else "churned"),
}


def _stage_text(value) -> str:
    return " ".join(str(value).strip().lower().split())


@exercises.add("ex8", "stage_of")
def ex8(stage_of):
    if not callable(stage_of):
        raise Hint("`stage_of` should be a function (written with `def stage_of(age_days, recency_days): ...`), "
                   f"not {type(stage_of).__name__}.", "wrong-type")
    try:
        given = [_stage_text(stage_of(a, r)) for a, r, _ in _FRESH_CUSTOMERS]
    except Exception as exc:
        raise Hint(f"Your `stage_of` raised {type(exc).__name__} on whole-number days: make it return one of "
                   "'new', 'active', 'dormant', 'churned'.", "function-raises") from None
    if given == [s for *_, s in _FRESH_CUSTOMERS]:
        return "Your rules agree with the chapter's table on nine fresh customers, boundaries included."
    for tag, (message, wrong) in _WRONG_STAGES.items():
        if given == [wrong(a, r) for a, r, _ in _FRESH_CUSTOMERS]:
            raise Hint(f"On fresh customers your function {message}.", tag)
    if not set(given) <= {"new", "active", "dormant", "churned"}:
        raise Hint("Return exactly one of 'new', 'active', 'dormant', 'churned' (text).", "unknown-label")
    bad = next(i for i, ((a, r, want), got) in enumerate(zip(_FRESH_CUSTOMERS, given)) if got != want)
    a, r, _ = _FRESH_CUSTOMERS[bad]
    raise Hint(f"Your function disagrees with the table for a customer with age {a} days and recency {r} days; "
               "apply the rules in order: new, then active, then dormant or churned.", "generic-mismatch")


exercises.answer("ex8")(lambda: {"stage_of": _good_stage})
exercises.form("ex8", "a function that returns capitalised stage names")(
    lambda: {"stage_of": lambda a, r: _good_stage(a, r).capitalize()})
for _tag, (_message, _wrong) in _WRONG_STAGES.items():
    exercises.mistake("ex8", _tag, _message)(lambda _wrong=_wrong: {"stage_of": _wrong})
