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

from helpers._guards import names, numbers
from helpers._validate import InputError, aligned, number, read_date, read_dates, require_columns, require_frame
from helpers._validate import require_ids, whole_number

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


def _dates(frame: pd.DataFrame, column: str, dayfirst, date_format) -> tuple[pd.Series, str | None]:
    """The column read by the kit's date reader (see :func:`helpers._validate.read_dates`), and its zone."""
    return read_dates(frame[column], name=column, dayfirst=dayfirst, date_format=date_format, return_zone=True)


# --------------------------------------------------------------------------- features


def basket_mix(log: pd.DataFrame, *, customer: str = "customer_id", category: str = "category",
               value: str = "value") -> pd.DataFrame:
    """Each customer's share of purchase value per category (rows sum to 1).

    Only purchase lines (``value`` > 0) count: returns say nothing about what a customer
    likes to buy.  Lines without a customer, without a value or without a category, and
    return or zero-value lines, are ignored, each with a printed count and its reason.
    Columns are the categories, sorted; the index is the customer, sorted.
    """
    what = "basket_mix: the purchase log"
    require_columns(log, [customer, category, value], what, fix=_PASS_NAMES)
    amounts = numbers(log, value, what)
    require_ids(log, customer)
    no_customer = log[customer].isna()
    no_value = ~no_customer & amounts.isna()
    no_category = ~no_customer & ~no_value & log[category].isna()
    not_purchase = ~no_customer & ~no_value & ~no_category & (amounts <= 0)
    for mask, reason in ((no_customer, f"lines with no {customer} (not attributable)"),
                         (no_value, f"lines with no {value}"), (no_category, f"lines with no {category}"),
                         (not_purchase, f"return or zero-value lines ({value} ≤ 0: not purchases)")):
        if mask.any():
            print(f"basket_mix: ignored {int(mask.sum()):,} {reason}.")
    bought = log.loc[~(no_customer | no_value | no_category | not_purchase), [customer, category, value]]
    if bought.empty:
        raise InputError("basket_mix: no purchase lines with a positive value, a category and a customer id.")
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
    what = "prepare_features: the feature table"
    columns = None if columns is None else names(columns, "columns")
    require_columns(features, columns or [], what, fix=_PASS_NAMES)
    if columns == []:
        raise InputError("prepare_features: columns is empty; name the feature columns, or leave columns out to "
                         "use them all.")
    columns = list(features.columns) if columns is None else columns
    table = pd.DataFrame({c: numbers(features, c, what, allow_bool=True) for c in columns}, index=features.index)
    if table.isna().any().any():
        bad = table.columns[table.isna().any()].tolist()
        raise InputError(f"prepare_features: missing values in {bad}; fill them (e.g. 0 spend) or drop those "
                         "customers first.")
    if log is True or log is False:
        logged = columns if log else []
    else:
        logged = names(log, "log")
        unknown = [c for c in logged if c not in columns]
        if unknown:
            raise InputError(f"prepare_features: log= names {unknown}, which are not among the columns {columns}; "
                             "give log=True, False or a list of those columns.")
    for column in logged:
        if (table[column] < 0).any():
            raise InputError(f"prepare_features: column {column!r} has negative values, which log(1 + x) cannot "
                             "take; net out returns per customer first or leave it out of log=.")
        table[column] = np.log1p(table[column])
    spread = table.std(ddof=0)
    flat = spread.index[spread == 0].tolist()
    if flat:
        raise InputError(f"prepare_features: column(s) {flat} have the same value for every customer and cannot "
                         "help separate them; leave them out.")
    return (table - table.mean()) / spread


def _matrix(scaled: pd.DataFrame, what: str) -> np.ndarray:
    """The scaled features as a float matrix: duplicated, text, inf and missing values refused."""
    require_frame(scaled, what)
    matrix = np.column_stack([numbers(scaled, c, what, allow_bool=True).to_numpy() for c in scaled.columns])
    if np.isnan(matrix).any():
        raise InputError(f"{what}: the features have missing values; run prepare_features first.")
    return matrix


def _fit(matrix: np.ndarray, k, seed, n_init) -> KMeans:
    k = whole_number(k, "k (the number of clusters)", low=1)
    seed, n_init = whole_number(seed, "seed", low=0, high=2**32 - 1), whole_number(n_init, "n_init", low=1)
    if k > len(matrix):
        raise InputError(f"k = {k} clusters is more than the {len(matrix)} customers.")
    distinct = len(np.unique(matrix, axis=0))
    if k > distinct:
        raise InputError(f"k = {k} clusters but the customers have only {distinct} distinct feature "
                         f"profile(s); K-means cannot make {k} groups of them. Use fewer clusters or more "
                         "(or more varied) features.")
    # One thread: the same result on every machine, and far faster on a shared, busy one.
    with threadpool_limits(limits=1):
        return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(matrix)


def choose_k(scaled: pd.DataFrame, ks: Iterable[int] = range(2, 9), *, seed: int = 2024, n_init: int = 10,
             silhouette_sample: int | None = 3000) -> pd.DataFrame:
    """Inertia (within-cluster sum of squares) and silhouette for each k.

    Look for the *elbow* where more clusters stop reducing the inertia much, and for a high
    silhouette (close to 1: customers sit well inside their own cluster).  The silhouette is
    computed on a seeded random sample of ``silhouette_sample`` customers (``None``: all),
    because its cost grows with the square of the number of customers.
    """
    matrix = _matrix(scaled, "choose_k: the scaled feature table")
    if isinstance(ks, (str, bytes, dict, pd.DataFrame)) or not np.iterable(ks) or len(list(ks)) == 0:
        raise InputError(f"ks must be several numbers of clusters such as range(2, 9), not {ks!r}.")
    seed = whole_number(seed, "seed", low=0, high=2**32 - 1)
    if silhouette_sample is not None:
        silhouette_sample = whole_number(silhouette_sample, "silhouette_sample", low=2)
    rows = []
    for k in ks:
        k = whole_number(k, "each k in ks", low=1)
        if k < 2:
            raise InputError("choose_k needs k of at least 2: the silhouette compares a cluster with the next one.")
        if k >= len(matrix):
            raise InputError(f"choose_k: k = {k} needs at least {k + 1} customers (the silhouette compares each "
                             f"customer with the other clusters), but there are {len(matrix)}; use fewer clusters.")
        model = _fit(matrix, k, seed, n_init)
        if len(np.unique(model.labels_)) < 2:
            raise InputError(f"choose_k: with k = {k} K-means put every customer in one cluster; the features "
                             "hardly vary. Use more varied features.")
        sample = None if silhouette_sample is None or silhouette_sample >= len(matrix) else silhouette_sample
        if sample is not None and sample <= k:
            raise InputError(f"choose_k: silhouette_sample={sample} customers cannot show {k} clusters; give a "
                             "larger sample (the default 3,000) or None for all customers.")
        try:
            score = silhouette_score(matrix, model.labels_, sample_size=sample, random_state=seed)
        except ValueError:  # the sample drew customers of one cluster only
            raise InputError(f"choose_k: the silhouette sample of {sample} customers holds only one of the {k} "
                             "clusters; give a larger silhouette_sample or None for all customers.") from None
        rows.append({"k": int(k), "inertia": float(model.inertia_), "silhouette": float(score)})
    return pd.DataFrame(rows)


def kmeans_segments(scaled: pd.DataFrame, k: int, *, seed: int = 2024, n_init: int = 10) -> pd.Series:
    """K-means cluster of every row, numbered 0, 1, … from the largest cluster to the smallest.

    K-means numbers its clusters arbitrarily; renumbering by size (ties broken by the
    centre's coordinates) makes the labels the same whatever the start.  Returns an int64
    Series named ``cluster`` with the index of ``scaled``.
    """
    model = _fit(_matrix(scaled, "kmeans_segments: the scaled feature table"), k, seed, n_init)
    k = model.n_clusters
    labels = model.labels_
    sizes = np.bincount(labels, minlength=int(k))
    keys = [(-sizes[c], *np.round(model.cluster_centers_[c], 9)) for c in range(int(k))]
    order = sorted(range(int(k)), key=lambda c: keys[c])
    renumber = np.empty(int(k), dtype="int64")
    renumber[order] = np.arange(int(k))
    return pd.Series(renumber[labels], index=scaled.index, name="cluster", dtype="int64")


def cluster_profile(features: pd.DataFrame, clusters: pd.Series) -> pd.DataFrame:
    """Customers, share of customers and the mean of every numeric feature, per cluster (raw units).

    ``clusters`` is matched to ``features`` by index (the same customers in another order are
    fine); a customer without a cluster is refused, so that the shares add up to 1.
    """
    what = "cluster_profile: the feature table"
    require_frame(features, what)
    same = "clusters must be a Series with the same index as features (the output of kmeans_segments on the " \
           "same customers)"
    if not isinstance(clusters, pd.Series):
        raise InputError(f"cluster_profile: {same}, not a {type(clusters).__name__}.")
    try:
        clusters = aligned(clusters, features.index, "clusters", other="features")
    except InputError as error:
        raise InputError(f"cluster_profile: {same}. {error}") from None
    require_ids(clusters.to_frame("clusters"), "clusters")
    if clusters.isna().any():
        raise InputError(f"cluster_profile: {int(clusters.isna().sum())} customers have no cluster (missing "
                         "label in clusters); every customer needs one, or the shares would not add up. Give "
                         "the output of kmeans_segments, or drop those customers from both tables.")
    for column in features.columns:
        if pd.api.types.is_numeric_dtype(features[column]):
            numbers(features, column, what, allow_bool=True)
    text = [c for c in features.columns if not pd.api.types.is_numeric_dtype(features[c])]
    if text:
        print(f"cluster_profile: left out the column(s) {text}, which do not hold numbers (no mean to show).")
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
    if highlights is not None and not isinstance(highlights, dict):
        raise InputError(f"highlights must be a dict of profile column → label, such as {{'fresh_share': 'fresh "
                         f"food'}}, not {type(highlights).__name__}.")
    highlights = dict(highlights or {})
    what = "name_clusters: the profile table"
    needed = [recency, frequency, ticket, "customers", *highlights]
    require_columns(profile, needed, what, fix=_PASS_NAMES)
    for column in needed:
        gaps = int(numbers(profile, column, what).isna().sum())
        if gaps:
            raise InputError(f"{what}: column {column!r} has {gaps} missing value(s); a cluster cannot be named "
                             "from a missing average. Build the profile with cluster_profile on customers "
                             "without gaps.")
    if (profile["customers"] <= 0).any():
        raise InputError(f"{what}: {int((profile['customers'] <= 0).sum())} cluster(s) have no customers "
                         "(column 'customers' ≤ 0); an empty cluster has no profile to name. Leave them out.")
    dormant_days = number(dormant_days, "dormant_days", low=0)
    highlight_ratio = number(highlight_ratio, "highlight_ratio", low=0, low_open=True)
    weights = profile["customers"] / profile["customers"].sum()
    if reference is None:
        mean_frequency = float((profile[frequency] * weights).sum())
        mean_ticket = float((profile[ticket] * weights).sum())
        mean_extra = {c: float((profile[c] * weights).sum()) for c in highlights}
    else:
        ref_what = "name_clusters: the reference table"
        require_columns(reference, [frequency, ticket, *highlights], ref_what, fix=_PASS_NAMES)
        means = {c: float(numbers(reference, c, ref_what).mean()) for c in [frequency, ticket, *highlights]}
        if any(np.isnan(v) for v in means.values()):
            raise InputError(f"{ref_what}: a column is entirely missing; give customers with values.")
        mean_frequency, mean_ticket = means[frequency], means[ticket]
        mean_extra = {c: means[c] for c in highlights}
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
                     churn_days: int = 90, dayfirst: bool | None = None,
                     date_format: str | None = None) -> pd.DataFrame:
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
    left out, each with a printed count (a row with no amount is left out as such, not as a
    return).  Dates are read by the kit's date reader: text such as ``05/01/2024`` that can be
    read day-first or month-first needs ``dayfirst=`` or ``date_format=``; a column with a time
    zone is read at its local (wall-clock) date.  Returns one row per customer
    (sorted): ``first_purchase``, ``last_purchase``, ``recency_days``, ``age_days``,
    ``stage`` (ordered categorical of :data:`STAGES`).
    """
    what = "lifecycle_stages: the purchase log"
    require_columns(log, [customer, date], what, fix=_PASS_NAMES)
    require_ids(log, customer)
    dates, zone = _dates(log, date, dayfirst, date_format)
    snap = read_date(snapshot, name="snapshot", zone=zone).normalize()
    dates = dates.dt.normalize()
    new_days = whole_number(new_days, "new_days (a number of days)", low=0)
    active_days = whole_number(active_days, "active_days (a number of days)", low=0)
    churn_days = whole_number(churn_days, "churn_days (a number of days)", low=0)
    if not active_days < churn_days:
        raise InputError(f"active_days ({active_days}) must be smaller than churn_days ({churn_days}), "
                         "otherwise no customer can be dormant.")
    no_customer = log[customer].isna()
    later = dates >= snap
    if no_customer.any():
        print(f"lifecycle_stages: left out {int(no_customer.sum()):,} rows with no {customer}.")
    if (later & ~no_customer).any():
        print(f"lifecycle_stages: left out {int((later & ~no_customer).sum()):,} rows dated on or after the "
              f"snapshot {snap.date()}.")
    keep = ~no_customer & ~later
    if amount is not None:
        require_columns(log, [amount], what, fix="Pass amount= the name of the amount column, or leave it out.")
        amounts = numbers(log, amount, what)
        no_amount = keep & amounts.isna()
        if no_amount.any():
            print(f"lifecycle_stages: left out {int(no_amount.sum()):,} rows with no {amount} (cannot tell a "
                  "purchase from a return).")
        not_purchase = keep & ~no_amount & ~(amounts > 0)
        if not_purchase.any():
            print(f"lifecycle_stages: left out {int(not_purchase.sum()):,} rows with {amount} ≤ 0 (returns are "
                  "not purchases).")
        keep &= amounts > 0
    if not keep.any():
        raise InputError(f"lifecycle_stages: no purchases with a customer before the snapshot {snap.date()}.")
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
                      amount: str | None = None, normalize: bool = False, dayfirst: bool | None = None,
                      date_format: str | None = None, **rules) -> pd.DataFrame:
    """How customers moved between lifecycle stages from snapshot ``start`` to ``end``.

    Rows are the stage on ``start`` (plus :data:`PROSPECT` for customers whose first
    purchase falls between the snapshots), columns the stage on ``end``.  Counts of
    customers, or row shares with ``normalize=True``.  ``rules`` (``new_days``,
    ``active_days``, ``churn_days``) are passed to :func:`lifecycle_stages`, and so are
    ``dayfirst`` and ``date_format``.
    """
    require_columns(log, [customer, date], "stage_transitions: the purchase log", fix=_PASS_NAMES)
    unknown = sorted(set(rules) - {"new_days", "active_days", "churn_days"})
    if unknown:
        raise InputError(f"stage_transitions does not know the option(s) {unknown}; the stage rules are new_days, "
                         "active_days and churn_days.")
    _, zone = _dates(log, date, dayfirst, date_format)
    first = read_date(start, name="start", zone=zone).normalize()
    second = read_date(end, name="end", zone=zone).normalize()
    if not first < second:
        raise InputError(f"start ({first.date()}) must be before end ({second.date()}).")
    if not isinstance(normalize, (bool, np.bool_)):
        raise InputError(f"normalize must be True or False, not {normalize!r}.")
    options = dict(customer=customer, date=date, amount=amount, dayfirst=dayfirst, date_format=date_format, **rules)
    # Only the later snapshot's messages are printed: the same rows are left out at both.
    with contextlib.redirect_stdout(io.StringIO()):
        before = lifecycle_stages(log, first, **options)["stage"]
    after = lifecycle_stages(log, second, **options)["stage"]
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
