"""Customer segmentation: K-means on behaviour, and lifecycle stages from a purchase log.

Chapter 8 groups customers in two complementary ways:

* by **behaviour**, letting K-means find groups of similar customers in a few features
  (recency, frequency, ticket size, basket mix):

  - :func:`basket_mix` — each customer's share of spend per category;
  - :func:`prepare_features` — log-transform (to tame long right tails) and standardise
    (so that no feature dominates because of its unit);
  - :func:`choose_k` — inertia (for the elbow) and silhouette for a range of k;
  - :func:`kmeans_segments` — the clusters, numbered by size so that the numbers do not
    depend on the algorithm's random start;
  - :func:`cluster_profile` and :func:`name_clusters` — each cluster's averages and a name
    in business terms ("high frequency, low ticket", "dormant" …);

* by **lifecycle stage** (new, active, dormant, churned), assigned by rules from the dates
  of each customer's first and last purchase:

  - :func:`lifecycle_stages` — the stage of every customer on a snapshot date;
  - :func:`stage_transitions` — how customers moved between stages from one snapshot to
    the next.

Every function takes plain pandas tables with named columns and returns one.
"""

from __future__ import annotations

import contextlib
import io
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from helpers._validate import require_columns, require_frame

__all__ = [
    "STAGES", "PROSPECT",
    "basket_mix", "prepare_features", "choose_k", "kmeans_segments", "cluster_profile", "name_clusters",
    "lifecycle_stages", "stage_transitions",
]

#: Lifecycle stages in order (新客户, 活跃客户, 沉睡客户, 流失客户).
STAGES = ("new", "active", "dormant", "churned")
#: The "from" stage of a customer who had not bought yet at the earlier snapshot.
PROSPECT = "not yet a customer"


# --------------------------------------------------------------------------- validation


#: What to do when a table lacks a column.
_PASS_NAMES = "Pass the right names with the keyword arguments."


def _dates(frame: pd.DataFrame, column: str, what: str) -> pd.Series:
    values = frame[column]
    if not pd.api.types.is_datetime64_any_dtype(values):
        try:
            values = pd.to_datetime(values, format="ISO8601")
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{what}: column {column!r} holds values that are not dates ({exc}); convert it "
                             "with pd.to_datetime first.") from None
    if values.isna().any():
        raise ValueError(f"{what}: column {column!r} has {int(values.isna().sum())} missing dates; fix or "
                         "remove those rows first.")
    return values.dt.normalize()


def _snapshot(value, name: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a date such as '2025-01-01', got {value!r}.") from None
    if pd.isna(stamp):
        raise ValueError(f"{name} must be a date such as '2025-01-01', got {value!r}.")
    return stamp.normalize()


# --------------------------------------------------------------------------- features


def basket_mix(log: pd.DataFrame, *, customer: str = "customer_id", category: str = "category",
               value: str = "value") -> pd.DataFrame:
    """Each customer's share of purchase value per category (rows sum to 1).

    Only purchase lines (``value`` > 0) count: returns say nothing about what a customer
    likes to buy.  Lines without a customer are ignored, with a printed count.  Columns are
    the categories, sorted; the index is the customer, sorted.
    """
    require_columns(log, [customer, category, value], "basket_mix: the purchase log", fix=_PASS_NAMES)
    no_customer = log[customer].isna()
    if no_customer.any():
        print(f"basket_mix: ignored {int(no_customer.sum()):,} lines with no {customer} (not attributable).")
    bought = log.loc[~no_customer & (log[value] > 0), [customer, category, value]]
    if bought.empty:
        raise ValueError("basket_mix: no purchase lines with a positive value and a customer id.")
    spend = bought.pivot_table(index=customer, columns=category, values=value, aggfunc="sum",
                               fill_value=0.0, observed=True)
    spend = spend.sort_index().sort_index(axis=1)
    spend.columns = [str(c) for c in spend.columns]
    spend.columns.name = None
    return spend.div(spend.sum(axis=1), axis=0)


def prepare_features(features: pd.DataFrame, columns: Sequence[str] | None = None, *,
                     log: Sequence[str] | bool = True) -> pd.DataFrame:
    """Log-transform (log(1 + x)) and standardise features for K-means.

    ``log=True`` transforms every column, ``log=[...]`` only those named, ``log=False`` none.
    Each column is then centred on its mean and divided by its (population) standard
    deviation, the same as scikit-learn's ``StandardScaler``.  Raises ``ValueError`` on
    missing values, negative values in a logged column, or a column that never varies.
    """
    columns = None if columns is None else list(columns)
    require_columns(features, columns or [], "prepare_features: the feature table", fix=_PASS_NAMES)
    columns = list(features.columns) if columns is None else columns
    table = features[columns].astype("float64")
    if table.isna().any().any():
        bad = table.columns[table.isna().any()].tolist()
        raise ValueError(f"prepare_features: missing values in {bad}; fill them (e.g. 0 spend) or drop those "
                         "customers first.")
    logged = columns if log is True else ([] if log is False else list(log))
    for column in logged:
        if (table[column] < 0).any():
            raise ValueError(f"prepare_features: column {column!r} has negative values, which log(1 + x) cannot "
                             "take; net out returns per customer first or leave it out of log=.")
        table[column] = np.log1p(table[column])
    spread = table.std(ddof=0)
    flat = spread.index[spread == 0].tolist()
    if flat:
        raise ValueError(f"prepare_features: column(s) {flat} have the same value for every customer and cannot "
                         "help separate them; leave them out.")
    return (table - table.mean()) / spread


def _fit(scaled: pd.DataFrame, k: int, seed: int, n_init: int) -> KMeans:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be a whole number of clusters of at least 1, got {k!r}.")
    if k > len(scaled):
        raise ValueError(f"k = {k} clusters is more than the {len(scaled)} customers.")
    if scaled.isna().any().any():
        raise ValueError("The features have missing values; run prepare_features first.")
    # One thread: the same result on every machine, and far faster on a shared, busy one.
    with threadpool_limits(limits=1):
        return KMeans(n_clusters=int(k), n_init=n_init, random_state=seed).fit(scaled.to_numpy(dtype=float))


def choose_k(scaled: pd.DataFrame, ks: Iterable[int] = range(2, 9), *, seed: int = 2024, n_init: int = 10,
             silhouette_sample: int | None = 3000) -> pd.DataFrame:
    """Inertia (within-cluster sum of squares) and silhouette for each k.

    Look for the *elbow* where more clusters stop reducing the inertia much, and for a high
    silhouette (close to 1: customers sit well inside their own cluster).  The silhouette is
    computed on a seeded random sample of ``silhouette_sample`` customers (``None``: all),
    because its cost grows with the square of the number of customers.
    """
    require_frame(scaled, "choose_k: the scaled feature table")
    rows = []
    for k in ks:
        if k < 2:
            raise ValueError("choose_k needs k of at least 2: the silhouette compares a cluster with the next one.")
        model = _fit(scaled, k, seed, n_init)
        sample = None if silhouette_sample is None or silhouette_sample >= len(scaled) else silhouette_sample
        score = silhouette_score(scaled.to_numpy(dtype=float), model.labels_, sample_size=sample,
                                 random_state=seed)
        rows.append({"k": int(k), "inertia": float(model.inertia_), "silhouette": float(score)})
    return pd.DataFrame(rows)


def kmeans_segments(scaled: pd.DataFrame, k: int, *, seed: int = 2024, n_init: int = 10) -> pd.Series:
    """K-means cluster of every row, numbered 0, 1, … from the largest cluster to the smallest.

    K-means numbers its clusters arbitrarily; renumbering by size (ties broken by the
    centre's coordinates) makes the labels the same whatever the start.  Returns an int64
    Series named ``cluster`` with the index of ``scaled``.
    """
    require_frame(scaled, "kmeans_segments: the scaled feature table")
    model = _fit(scaled, k, seed, n_init)
    labels = model.labels_
    sizes = np.bincount(labels, minlength=int(k))
    keys = [(-sizes[c], *np.round(model.cluster_centers_[c], 9)) for c in range(int(k))]
    order = sorted(range(int(k)), key=lambda c: keys[c])
    renumber = np.empty(int(k), dtype="int64")
    renumber[order] = np.arange(int(k))
    return pd.Series(renumber[labels], index=scaled.index, name="cluster", dtype="int64")


def cluster_profile(features: pd.DataFrame, clusters: pd.Series) -> pd.DataFrame:
    """Customers, share of customers and the mean of every feature, per cluster (raw units)."""
    require_frame(features, "cluster_profile: the feature table")
    if not isinstance(clusters, pd.Series) or not clusters.index.equals(features.index):
        raise ValueError("cluster_profile: clusters must be a Series with the same index as features "
                         "(the output of kmeans_segments on the same customers).")
    grouped = features.groupby(clusters.rename("cluster"), sort=True)
    profile = grouped.mean(numeric_only=True)
    profile.insert(0, "customers", grouped.size())
    profile.insert(1, "share", profile["customers"] / len(features))
    return profile


def name_clusters(profile: pd.DataFrame, *, recency: str = "recency_days", frequency: str = "frequency",
                  ticket: str = "avg_ticket", dormant_days: float = 90.0,
                  reference: pd.DataFrame | None = None, highlights: Mapping[str, str] | None = None,
                  highlight_ratio: float = 1.5) -> pd.Series:
    """A business name for each cluster of a :func:`cluster_profile`.

    A cluster whose average recency exceeds ``dormant_days`` is **dormant**.  Otherwise its
    frequency and ticket are compared with the averages over all customers (``reference``,
    by default the customer-weighted mean of the profile): high/high is **high value**,
    high/low **high frequency, low ticket**, low/high **low frequency, high ticket** and
    low/low **occasional, low ticket**.  ``highlights`` maps other profile columns (say a
    basket-mix share) to a label: a cluster whose mean is at least ``highlight_ratio`` times
    the overall mean gets the label appended ("…, baby products").  Names still repeated get
    " (2)", " (3)" … in cluster order.
    """
    highlights = dict(highlights or {})
    require_columns(profile, [recency, frequency, ticket, "customers", *highlights], "name_clusters: the profile table",
                    fix=_PASS_NAMES)
    weights = profile["customers"] / profile["customers"].sum()
    if reference is None:
        mean_frequency = float((profile[frequency] * weights).sum())
        mean_ticket = float((profile[ticket] * weights).sum())
        mean_extra = {c: float((profile[c] * weights).sum()) for c in highlights}
    else:
        require_columns(reference, [frequency, ticket, *highlights], "name_clusters: the reference table",
                        fix=_PASS_NAMES)
        mean_frequency, mean_ticket = float(reference[frequency].mean()), float(reference[ticket].mean())
        mean_extra = {c: float(reference[c].mean()) for c in highlights}
    names = []
    for _, row in profile.sort_index().iterrows():  # one row per cluster: a handful of rows
        if row[recency] > dormant_days:
            name = "dormant"
        else:
            often = row[frequency] >= mean_frequency
            big = row[ticket] >= mean_ticket
            name = {(True, True): "high value", (True, False): "high frequency, low ticket",
                    (False, True): "low frequency, high ticket", (False, False): "occasional, low ticket"}[(often, big)]
        for column, label in highlights.items():
            if mean_extra[column] > 0 and row[column] >= highlight_ratio * mean_extra[column]:
                name += f", {label}"
        count = sum(1 for n in names if n == name or n.startswith(name + " ("))
        names.append(name if count == 0 else f"{name} ({count + 1})")
    return pd.Series(names, index=profile.sort_index().index, name="segment_name", dtype="str")


# --------------------------------------------------------------------------- lifecycle


def lifecycle_stages(log: pd.DataFrame, snapshot, *, customer: str = "customer_id", date: str = "timestamp",
                     amount: str | None = None, new_days: int = 30, active_days: int = 30,
                     churn_days: int = 90) -> pd.DataFrame:
    """The lifecycle stage of every customer on ``snapshot`` (purchases before it only).

    With recency = days from the last purchase's date to the snapshot (a purchase the day
    before the snapshot has recency 1) and age = days from the first purchase's date:

    * **new** (新客户): age ≤ ``new_days`` — first purchase recently;
    * **active** (活跃): otherwise, recency ≤ ``active_days``;
    * **dormant** (沉睡): ``active_days`` < recency < ``churn_days``;
    * **churned** (流失): recency ≥ ``churn_days``.

    The defaults follow the supermarket case: customers buying within a month are active,
    and 90 days without a purchase is churn.  Rows on or after the snapshot, rows without a
    customer and — when ``amount`` names a column — rows with an amount ≤ 0 (returns) are
    left out, each with a printed count.  Returns one row per customer
    (sorted): ``first_purchase``, ``last_purchase``, ``recency_days``, ``age_days``,
    ``stage`` (ordered categorical of :data:`STAGES`).
    """
    require_columns(log, [customer, date], "lifecycle_stages: the purchase log", fix=_PASS_NAMES)
    snap = _snapshot(snapshot, "snapshot")
    for name, value in (("new_days", new_days), ("active_days", active_days), ("churn_days", churn_days)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"{name} must be a whole number of days (0 or more), got {value!r}.")
    if not active_days < churn_days:
        raise ValueError(f"active_days ({active_days}) must be smaller than churn_days ({churn_days}), "
                         "otherwise no customer can be dormant.")
    dates = _dates(log, date, "lifecycle_stages")
    no_customer = log[customer].isna()
    later = dates >= snap
    if no_customer.any():
        print(f"lifecycle_stages: left out {int(no_customer.sum()):,} rows with no {customer}.")
    if (later & ~no_customer).any():
        print(f"lifecycle_stages: left out {int((later & ~no_customer).sum()):,} rows dated on or after the "
              f"snapshot {snap.date()}.")
    keep = ~no_customer & ~later
    if amount is not None:
        require_columns(log, [amount], "lifecycle_stages: the purchase log",
                        fix="Pass amount= the name of the amount column, or leave it out.")
        not_purchase = keep & ~(log[amount] > 0)
        if not_purchase.any():
            print(f"lifecycle_stages: left out {int(not_purchase.sum()):,} rows with {amount} ≤ 0 (returns are "
                  "not purchases).")
        keep &= log[amount] > 0
    if not keep.any():
        raise ValueError(f"lifecycle_stages: no purchases with a customer before the snapshot {snap.date()}.")
    spans = (pd.DataFrame({customer: log.loc[keep, customer], "_d": dates[keep]})
             .groupby(customer, sort=True)["_d"].agg(first_purchase="min", last_purchase="max"))
    spans["recency_days"] = (snap - spans["last_purchase"]).dt.days.astype("int64")
    spans["age_days"] = (snap - spans["first_purchase"]).dt.days.astype("int64")
    stage = np.select(
        [spans["age_days"] <= new_days, spans["recency_days"] <= active_days,
         spans["recency_days"] < churn_days],
        ["new", "active", "dormant"], default="churned")
    spans["stage"] = pd.Categorical(stage, categories=list(STAGES), ordered=True)
    return spans


def stage_transitions(log: pd.DataFrame, start, end, *, customer: str = "customer_id", date: str = "timestamp",
                      amount: str | None = None, normalize: bool = False, **rules) -> pd.DataFrame:
    """How customers moved between lifecycle stages from snapshot ``start`` to ``end``.

    Rows are the stage on ``start`` (plus :data:`PROSPECT` for customers whose first
    purchase falls between the snapshots), columns the stage on ``end``.  Counts of
    customers, or row shares with ``normalize=True``.  ``rules`` (``new_days``,
    ``active_days``, ``churn_days``) are passed to :func:`lifecycle_stages`.
    """
    first, second = _snapshot(start, "start"), _snapshot(end, "end")
    if not first < second:
        raise ValueError(f"start ({first.date()}) must be before end ({second.date()}).")
    require_columns(log, [customer, date], "stage_transitions: the purchase log", fix=_PASS_NAMES)
    # Only the later snapshot's messages are printed: the same rows are left out at both.
    with contextlib.redirect_stdout(io.StringIO()):
        before = lifecycle_stages(log, first, customer=customer, date=date, amount=amount, **rules)["stage"]
    after = lifecycle_stages(log, second, customer=customer, date=date, amount=amount, **rules)["stage"]
    from_stage = before.astype("str").reindex(after.index).fillna(PROSPECT)
    rows = [PROSPECT, *STAGES]
    table = pd.crosstab(pd.Categorical(from_stage, categories=rows, ordered=True),
                        pd.Categorical(after.astype("str"), categories=list(STAGES), ordered=True),
                        dropna=False)
    table.index.name, table.columns.name = "stage_at_start", "stage_at_end"
    table.index = pd.Index([str(i) for i in table.index], name="stage_at_start")
    table.columns = pd.Index([str(c) for c in table.columns], name="stage_at_end")
    if normalize:
        totals = table.sum(axis=1)
        table = table.div(totals.where(totals > 0), axis=0).fillna(0.0)
    return table
