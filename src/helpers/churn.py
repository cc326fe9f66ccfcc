"""Churn prediction and the decision whom to call: a thin layer over scikit-learn.

The mechanics of a churn project, each in one small function:

* :func:`build_pipeline` — preprocessing (scaling of numbers, one-hot encoding of
  categories) and a logistic regression or a random forest, with fixed seeds;
* :func:`fit_churn_model` — checks the table and the target, then fits that pipeline;
* :func:`churn_probability` — scores customers, with a clear error when a feature is
  missing or a category was never seen in training;
* :func:`evaluation_table` — ROC-AUC, precision and recall at a threshold, lift in the top
  decile and calibration for one or more models on the same customers;
* :func:`calibration_table` and :func:`permutation_importance_table` — the tables behind a
  calibration plot and an importance chart;
* :func:`intervention_value` — what one call is worth: churn probability × the chance the
  call saves the customer × the customer's remaining value − the cost of the call;
* :func:`remaining_value` — the remaining value of a customer who stays (the CLV chapter's
  ``retention_clv`` on a monthly clock);
* :func:`threshold_value_table` — the realised value of calling everyone above a threshold;
* :func:`outreach_list` — the at-risk customers to call, ranked by expected saved value.

Every function takes plain pandas/numpy input and returns plain pandas objects.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, get_scorer_names, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from helpers._guards import names as _names, numbers
from helpers._validate import InputError, aligned, number, require_columns, require_frame, require_ids
from helpers._validate import share as _share
from helpers._validate import whole_number

__all__ = [
    "MODELS", "build_pipeline", "as_binary", "fit_churn_model", "model_features", "churn_probability",
    "top_decile_lift", "evaluation_table", "calibration_table", "permutation_importance_table",
    "intervention_value", "remaining_value", "threshold_value_table", "outreach_list",
]

#: The model families :func:`build_pipeline` knows.
MODELS = ("logistic", "forest")


# --------------------------------------------------------------------------- checks


def _align(reference, values, name: str, reference_name: str):
    """``values`` matched to ``reference`` by index when both are Series (refused when they cannot be)."""
    if isinstance(reference, pd.Series) and isinstance(values, pd.Series):
        return aligned(values, reference.index, name, other=reference_name)
    return values


def _check_features(customers: pd.DataFrame, numeric: list[str], categorical: list[str], what: str) -> None:
    """Refuse what scikit-learn would turn into a traceback or a wrong score: duplicates, gaps, text, inf."""
    features = numeric + categorical
    gaps = customers[features].isna().sum()
    gaps = gaps[gaps > 0]
    if len(gaps):
        raise InputError(f"{what}: missing feature values in "
                         + ", ".join(f"{c} ({n} rows)" for c, n in gaps.items())
                         + ". Fill them (e.g. with the median or a 'missing' category) first.")
    for column in numeric:
        numbers(customers, column, what, allow_bool=True)
    for column in categorical:
        require_ids(customers, column)


# --------------------------------------------------------------------------- the model


def build_pipeline(numeric: Sequence[str], categorical: Sequence[str] = (), model: str = "logistic", *,
                   random_state: int = 0, n_estimators: int = 200, min_samples_leaf: int = 10,
                   max_depth: int | None = None, C: float = 1.0) -> Pipeline:
    """An unfitted pipeline: ``prepare`` (scale numbers, one-hot categories) then ``model``.

    ``model="logistic"`` gives a logistic regression (``C`` is the inverse regularisation
    strength); ``model="forest"`` a random forest of ``n_estimators`` trees with leaves of at
    least ``min_samples_leaf`` customers.  Seeds are fixed by ``random_state`` and the forest
    runs on one core (``n_jobs=1``), so the same data always gives the same model.
    Categories not seen in training raise an error at prediction time (see
    :func:`churn_probability`), rather than being scored silently as "none of the above".
    """
    numeric, categorical = _names(numeric, "numeric"), _names(categorical, "categorical")
    random_state = whole_number(random_state, "random_state", low=0)
    if not numeric and not categorical:
        raise InputError("build_pipeline needs at least one feature: pass numeric=[...] and/or categorical=[...].")
    overlap = sorted(set(numeric) & set(categorical))
    if overlap:
        raise InputError(f"Feature(s) {overlap} are listed as both numeric and categorical; list each once.")
    steps = []
    if numeric:
        steps.append(("numeric", StandardScaler(), numeric))
    if categorical:
        steps.append(("categorical", OneHotEncoder(handle_unknown="error", sparse_output=False), categorical))
    prepare = ColumnTransformer(steps, remainder="drop", verbose_feature_names_out=False)
    C = number(C, "C", low=0, low_open=True)
    n_estimators = whole_number(n_estimators, "n_estimators", low=1)
    min_samples_leaf = whole_number(min_samples_leaf, "min_samples_leaf", low=1)
    max_depth = None if max_depth is None else whole_number(max_depth, "max_depth", low=1)
    if not isinstance(model, str):
        raise InputError(f"model must be one of {MODELS}, not {type(model).__name__}.")
    if model == "logistic":
        estimator = LogisticRegression(C=C, max_iter=2000, random_state=random_state)
    elif model == "forest":
        estimator = RandomForestClassifier(n_estimators=n_estimators, min_samples_leaf=min_samples_leaf,
                                           max_depth=max_depth, random_state=random_state, n_jobs=1)
    else:
        raise InputError(f"model must be one of {MODELS}, not {model!r}.")
    return Pipeline([("prepare", prepare), ("model", estimator)])


def as_binary(target: pd.Series | np.ndarray | Sequence, positive=None, *, name: str = "target") -> np.ndarray:
    """The target as an array of 0/1 integers (1 = churned), after checking it is binary.

    Accepts booleans, the integers 0 and 1, or any two labels with ``positive`` naming the
    churn label (``positive="Yes"``).  Missing values, a third label or a single class raise
    a ``ValueError`` that says what to do.
    """
    if isinstance(target, pd.DataFrame):
        raise InputError(f"{name} must be one column of outcomes (a Series or a list), not a table; pick the column, "
                         "e.g. customers['churned'].")
    if positive is not None and not pd.api.types.is_hashable(positive):
        raise InputError(f"positive must be the one label that means churned (such as 'Yes' or 1), not "
                         f"{type(positive).__name__}.")
    values = pd.Series(target)
    if values.isna().any():
        raise InputError(f"{name} has {int(values.isna().sum())} missing value(s); a churn model needs a known "
                         "outcome for every customer: drop or fill those rows first.")
    if len(values) == 0:
        raise InputError(f"{name} is empty: there is nothing to learn from.")
    labels = sorted(map(str, values.unique()))
    if positive is not None:
        if positive not in set(values.unique()):
            raise InputError(f"The positive label {positive!r} does not occur in {name}; its labels are {labels}.")
        if values.nunique() > 2:
            raise InputError(f"{name} is not binary: it has {values.nunique()} labels {labels}. Map it to two "
                             "classes (churned / stayed) first.")
        result = (values == positive).to_numpy().astype("int64")
    elif pd.api.types.is_bool_dtype(values):
        result = values.to_numpy().astype("int64")
    elif pd.api.types.is_numeric_dtype(values) and set(values.unique()) <= {0, 1}:
        result = values.to_numpy().astype("int64")
    else:
        raise InputError(f"{name} is not binary 0/1 or True/False: its labels are {labels[:5]}"
                         f"{' …' if len(labels) > 5 else ''}. Pass positive=<the churn label> if it has two labels, "
                         "or map it to True/False.")
    if len(np.unique(result)) < 2:
        raise InputError(f"{name} holds only one class ({'all churned' if result[0] == 1 else 'nobody churned'}); "
                         "a churn model needs both churners and stayers.")
    return result


#: What to do when a fitted model's feature columns are missing from the customer table.
_REFIT = "The model was built with these features; add the columns (same names) or refit without them."


def fit_churn_model(customers: pd.DataFrame, target: str, numeric: Sequence[str], categorical: Sequence[str] = (),
                    model: str = "logistic", *, positive=None, **options) -> Pipeline:
    """Check the table, then fit :func:`build_pipeline` on ``customers`` to predict ``target``.

    ``options`` go to :func:`build_pipeline` (``random_state``, ``n_estimators`` …).
    Missing feature values raise an error naming the column (fill them first).
    """
    numeric, categorical = _names(numeric, "numeric"), _names(categorical, "categorical")
    (target,) = _names([target], "target")
    features = numeric + categorical
    if target in features:
        raise InputError(f"fit_churn_model: {target!r} is the target and also listed among the features; a "
                         "model that sees the outcome learns nothing. Remove it from numeric=/categorical=.")
    require_columns(customers, features + [target], "fit_churn_model: the customer table")
    _check_features(customers, numeric, categorical, "fit_churn_model")
    y = as_binary(customers[target], positive, name=target)
    pipeline = build_pipeline(numeric, categorical, model, **options)
    return pipeline.fit(customers[features], y)


def model_features(model: Pipeline) -> tuple[list[str], list[str]]:
    """The numeric and categorical feature names a fitted pipeline expects."""
    if not isinstance(model, Pipeline) or "prepare" not in model.named_steps:
        raise InputError(f"model must be a pipeline from fit_churn_model (or build_pipeline, fitted), not "
                         f"{type(model).__name__}.")
    prepare = model.named_steps["prepare"]
    if not hasattr(prepare, "transformers_"):
        raise InputError("model has not been fitted yet: fit it with fit_churn_model(...) (or model.fit(X, y)) "
                         "before scoring customers.")
    numeric: list[str] = []
    categorical: list[str] = []
    for step, _, columns in prepare.transformers_:
        if step == "numeric":
            numeric = list(columns)
        elif step == "categorical":
            categorical = list(columns)
    return numeric, categorical


def churn_probability(model: Pipeline, customers: pd.DataFrame) -> pd.Series:
    """Each customer's predicted probability of churning, indexed like ``customers``.

    Raises a ``ValueError`` naming the problem when a feature column is missing, a feature
    value is missing, or a category was never seen when the model was fitted.
    """
    features = _scorable(model, customers, "churn_probability")
    probability = model.predict_proba(customers[features])[:, 1]
    return pd.Series(probability, index=customers.index, name="churn_probability")


def _scorable(model: Pipeline, customers: pd.DataFrame, what: str) -> list[str]:
    """The model's features, after checking ``customers`` can be scored by it (named errors otherwise)."""
    numeric, categorical = model_features(model)
    features = numeric + categorical
    require_columns(customers, features, f"{what}: the customer table", role="feature", fix=_REFIT)
    _check_features(customers, numeric, categorical, what)
    if categorical:
        encoder = model.named_steps["prepare"].named_transformers_["categorical"]
        for column, known in zip(categorical, encoder.categories_):
            unseen = sorted(set(customers[column].astype(str)) - set(map(str, known)))
            if unseen:
                raise InputError(f"{what}: column {column!r} holds categories never seen in training: "
                                 f"{unseen}. The model knows {sorted(map(str, known))}; map the new values to one "
                                 "of those, or refit the model on data that includes them.")
    return features


# --------------------------------------------------------------------------- evaluation


def _scores(y_true, probability, name: str = "probability") -> tuple[np.ndarray, np.ndarray]:
    """Outcomes and scores as arrays, matched by index when both are Series (refused when they cannot be)."""
    probability = _align(y_true, probability, name, "y_true")
    y = as_binary(y_true, name="y_true")
    try:
        p = np.asarray(probability, dtype="float64")
    except (TypeError, ValueError):
        raise InputError(f"{name} must hold numbers (probabilities between 0 and 1), not a "
                         f"{type(probability).__name__} of other values; give one probability per customer.") from None
    if p.shape != y.shape:
        raise InputError(f"{name} has {p.size} values but y_true has {y.size}; score the same customers.")
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise InputError(f"{name} must hold probabilities between 0 and 1 (no missing values).")
    return y, p


def top_decile_lift(y_true, probability, share: float = 0.10) -> float:
    """Churn rate among the ``share`` of customers with the highest scores ÷ the overall rate.

    The top group has ``ceil(share × n)`` customers; ties are broken by the order of the input.
    """
    y, p = _scores(y_true, probability)
    share = _share(share, "share", open_low=True)
    n_top = int(np.ceil(share * len(y)))
    order = np.argsort(-p, kind="mergesort")
    return float(y[order[:n_top]].mean() / y.mean())


def evaluation_table(y_true, probabilities: dict[str, Sequence[float]] | pd.DataFrame,
                     threshold: float = 0.5) -> pd.DataFrame:
    """Compare models on the same customers: one row per model.

    Scores given as Series are matched to ``y_true`` (a Series) by index, so a sorted or
    shuffled copy scores the same customers; scores of other customers are refused.  Plain
    lists and arrays are matched by position.

    Columns: ``roc_auc``; ``flagged_share`` (share of customers at or above ``threshold``),
    ``precision`` and ``recall`` at that threshold; ``top_decile_lift``; and calibration:
    ``mean_predicted`` against ``churn_rate`` (the observed rate) and the ``brier`` score
    (mean squared gap between probability and outcome; lower is better).  Precision is NaN
    when nobody is flagged.
    """
    threshold = _share(threshold, "threshold")
    if isinstance(probabilities, pd.DataFrame):
        require_frame(probabilities, "evaluation_table: probabilities")
        probabilities = {str(c): probabilities[c] for c in probabilities.columns}
    if not isinstance(probabilities, dict):
        raise InputError("probabilities must be a dict of model name → scores, e.g. {'logistic': p}, or a table "
                         f"with one column per model, not {type(probabilities).__name__}.")
    if not probabilities:
        raise InputError("evaluation_table needs at least one model's probabilities, e.g. {'logistic': p}.")
    rows = []
    for name, probability in probabilities.items():
        y, p = _scores(y_true, probability, name=f"probabilities[{name!r}]")
        flagged = p >= threshold
        caught = int((flagged & (y == 1)).sum())
        rows.append({
            "model": name,
            "roc_auc": roc_auc_score(y, p),
            "flagged_share": flagged.mean(),
            "precision": caught / flagged.sum() if flagged.any() else np.nan,
            "recall": caught / y.sum(),
            "top_decile_lift": top_decile_lift(y, p),
            "mean_predicted": p.mean(),
            "churn_rate": y.mean(),
            "brier": brier_score_loss(y, p),
        })
    return pd.DataFrame(rows).set_index("model")


def calibration_table(y_true, probability, bins: int = 10) -> pd.DataFrame:
    """Predicted against observed churn in ``bins`` equal-width probability bands (empty bands left out).

    Columns: ``band`` (e.g. ``"0.2–0.3"``), ``customers``, ``mean_predicted``, ``churn_rate``.
    A well-calibrated model has ``churn_rate`` close to ``mean_predicted`` in every band.
    """
    y, p = _scores(y_true, probability)
    bins = whole_number(bins, "bins", low=1)
    edges = np.linspace(0, 1, int(bins) + 1)
    band = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    table = (pd.DataFrame({"band": band, "p": p, "y": y})
             .groupby("band", sort=True)
             .agg(customers=("y", "size"), mean_predicted=("p", "mean"), churn_rate=("y", "mean"))
             .reset_index())
    table["band"] = [f"{edges[b]:.1f}–{edges[b + 1]:.1f}" for b in table["band"]]
    return table


def permutation_importance_table(model: Pipeline, customers: pd.DataFrame, y_true, *, n_repeats: int = 5,
                                 random_state: int = 0, scoring: str = "roc_auc") -> pd.DataFrame:
    """How much the score drops when one feature's values are shuffled (scikit-learn's permutation importance).

    Returns one row per feature with ``importance_mean`` and ``importance_std``, sorted from
    most to least important (ties by name).  Runs on one core with a fixed seed.
    """
    features = _scorable(model, customers, "permutation_importance_table")
    n_repeats = whole_number(n_repeats, "n_repeats", low=1)
    if not isinstance(scoring, str) or scoring not in get_scorer_names():
        raise InputError(f"scoring must be the name of a scikit-learn score such as 'roc_auc' or 'average_precision', "
                         f"not {scoring!r}.")
    random_state = whole_number(random_state, "random_state", low=0)
    if isinstance(y_true, pd.Series):
        y_true = aligned(y_true, customers.index, "y_true", other="the customer table")
    y = as_binary(y_true, name="y_true")
    if len(y) != len(customers):
        raise InputError(f"y_true has {len(y)} outcomes for {len(customers)} customers; give one outcome per "
                         "customer of the table.")
    result = permutation_importance(model, customers[features], y, scoring=scoring, n_repeats=n_repeats,
                                    random_state=random_state, n_jobs=1)
    table = pd.DataFrame({"feature": features, "importance_mean": result.importances_mean,
                          "importance_std": result.importances_std})
    return (table.sort_values(["importance_mean", "feature"], ascending=[False, True], kind="mergesort")
            .reset_index(drop=True))


# --------------------------------------------------------------------------- the value of a call


def _check_range(name: str, value, low: float, high: float | None = None) -> np.ndarray:
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise InputError(f"{name} must be a number or an array of numbers, not {value!r}.")
    try:
        array = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise InputError(f"{name} must hold numbers, not values such as {list(pd.Series(value).head(3))}; "
                         "convert text with pd.to_numeric(s.str.replace(',', '')) first.") from None
    if array.size == 0:
        raise InputError(f"{name} is empty: give a number, or one value per customer.")
    if np.isnan(array).any():
        raise InputError(f"{name} has missing values; fill them first.")
    if np.isinf(array).any():
        raise InputError(f"{name} holds infinite values (inf); replace them with real amounts first.")
    if (array < low).any() or (high is not None and (array > high).any()):
        span = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise InputError(f"{name} must be {span}; found {array.min():g} … {array.max():g}."
                         + (" Give shares, not percentages." if high == 1 and array.max() > 1 else ""))
    return array


def intervention_value(churn_probability, save_rate, remaining_value, call_cost):
    """Expected net value of calling a customer: p × save_rate × remaining_value − call_cost.

    ``churn_probability`` (p) is the chance the customer leaves if nobody calls;
    ``save_rate`` the chance a call keeps a customer who would otherwise leave;
    ``remaining_value`` what the customer is worth if kept; ``call_cost`` the cost of the
    call (and of the offer made in it).  Works on numbers or arrays/Series (element-wise);
    returns a float for scalar input, otherwise an array or a Series like the probability.
    """
    p = _check_range("churn_probability", churn_probability, 0, 1)
    s = _check_range("save_rate", _align(churn_probability, save_rate, "save_rate", "churn_probability"), 0, 1)
    v = _check_range("remaining_value",
                     _align(churn_probability, remaining_value, "remaining_value", "churn_probability"), 0)
    c = _check_range("call_cost", _align(churn_probability, call_cost, "call_cost", "churn_probability"), 0)
    try:
        value = p * s * v - c
    except ValueError:
        raise InputError(f"intervention_value: the inputs have different lengths ({p.size}, {s.size}, {v.size}, "
                         f"{c.size}); give one number or one value per customer for each.") from None
    if value.ndim == 0:
        return float(value)
    if isinstance(churn_probability, pd.Series):
        return pd.Series(value, index=churn_probability.index, name="intervention_value")
    return value


def remaining_value(monthly_margin, monthly_retention: float, *, monthly_discount: float = 0.01,
                    months: int | None = None):
    """Remaining value of a kept customer: the discounted margin they bring while they stay.

    A customer who pays ``monthly_margin`` this month and each later month while retained
    (a share ``monthly_retention`` stays each month; money a month later is worth
    ``1/(1 + monthly_discount)``) is worth

        V = m · Σ_{t=0}^{T-1} q^t  with  q = r / (1 + d),  i.e.  m · (1 − q^T) / (1 − q),

    and ``m (1 + d) / (1 + d − r)`` without a horizon (``months=None``).  This is the CLV
    chapter's :func:`helpers.clv.retention_clv` on a monthly clock (one period = one month),
    applied to one margin or to a whole Series/array of margins.
    """
    from helpers.clv import retention_clv

    m = _check_range("monthly_margin", monthly_margin, 0)
    r = _share(monthly_retention, "monthly_retention")
    d = _share(monthly_discount, "monthly_discount")
    if months is None and r / (1 + d) >= 1:
        raise InputError("With retention 1 and no discounting the value never stops growing; give "
                         "monthly_discount > 0 or a horizon in months.")
    if months is not None:  # a horizon beyond a century is a typo (and would build a huge array)
        months = whole_number(months, "months", low=1, high=1200)
    per_yuan_of_margin = retention_clv(1.0, r, d, years=None if months is None else int(months))
    value = m * per_yuan_of_margin
    if value.ndim == 0:
        return float(value)
    if isinstance(monthly_margin, pd.Series):
        return pd.Series(value, index=monthly_margin.index, name="remaining_value")
    return value


def threshold_value_table(y_true, probability, remaining_value, *, save_rate: float, call_cost,
                          thresholds: Sequence[float] | None = None) -> pd.DataFrame:
    """The realised value of calling every customer whose probability reaches each threshold.

    For a threshold t, the vendor calls everyone with probability ≥ t; each called churner is
    saved with chance ``save_rate`` and brings their ``remaining_value``; each call costs
    ``call_cost`` (one number, or one per customer).  Columns: ``threshold``, ``calls``,
    ``churners_reached``, ``expected_saved_value``, ``call_cost``, ``net_value``.  Use it on
    held-out customers to choose a threshold by value rather than by habit.
    Default thresholds: 0.05, 0.10, …, 0.95.
    """
    y, p = _scores(y_true, probability)
    v = _per_score(y_true, remaining_value, "remaining_value", p.shape)
    c = _per_score(y_true, call_cost, "call_cost", p.shape)
    save_rate = _share(save_rate, "save_rate")
    if thresholds is None:
        grid = np.round(np.arange(0.05, 1.0, 0.05), 2)
    else:
        grid = np.array([_share(t, "thresholds")
                         for t in ([thresholds] if np.ndim(thresholds) == 0 else thresholds)])
        if grid.size == 0:
            raise InputError("thresholds is empty: give probabilities such as [0.5, 0.7], or leave it out.")
    rows = []
    for t in grid:
        called = p >= t
        reached = called & (y == 1)
        saved = float(save_rate * v[reached].sum())
        cost = float(c[called].sum())
        rows.append({"threshold": float(t), "calls": int(called.sum()), "churners_reached": int(reached.sum()),
                     "expected_saved_value": saved, "call_cost": cost, "net_value": saved - cost})
    return pd.DataFrame(rows)


def _per_score(y_true, spec, name: str, shape: tuple) -> np.ndarray:
    """One number, or one per scored customer (matched by index when both are Series), as a float array."""
    values = _check_range(name, _align(y_true, spec, name, "y_true"), 0)
    if values.ndim and values.shape != shape:
        raise InputError(f"{name} has {values.size} values for {shape[0]} customers; give one number or one per "
                         "customer.")
    return np.broadcast_to(values, shape)


def _per_customer(customers: pd.DataFrame, spec, name: str) -> np.ndarray:
    """A column name, an aligned Series/array, or one number, as one float per customer."""
    if isinstance(spec, str):
        require_columns(customers, [spec], "outreach_list: the customer table")
        return _check_range(name, customers[spec], 0)
    if isinstance(spec, pd.Series) and not spec.index.equals(customers.index):
        raise InputError(f"{name} is a Series whose index differs from the customer table's; align it first "
                         "(e.g. compute it from the same table).")
    values = _check_range(name, spec, 0)
    if values.ndim and values.shape != (len(customers),):
        raise InputError(f"{name} has {values.size} values for {len(customers)} customers.")
    return np.broadcast_to(values, (len(customers),))


def outreach_list(model: Pipeline, customers: pd.DataFrame, threshold: float | None = 0.7, *, value,
                  save_rate: float, call_cost, id_column: str | None = None) -> pd.DataFrame:
    """The customers to call, ranked by expected saved value (highest first).

    ``value`` is each customer's remaining value: a column name of ``customers``, a
    Series/array aligned with it, or one number for all; ``call_cost`` likewise.  With a ``threshold``, the list
    holds customers whose churn probability is at least that (the source's rule uses 0.7);
    with ``threshold=None`` it holds every customer whose call has a positive expected net
    value (:func:`intervention_value` > 0).  Columns: the id (if ``id_column``),
    ``churn_probability``, ``remaining_value``, ``expected_saved_value`` (p × save_rate ×
    value), ``call_cost`` and ``net_value`` (expected saved value minus the call cost).  Ties are ordered by the id (or the
    index).  Prints how many customers were listed out of how many scored.
    """
    probability = churn_probability(model, customers)
    worth = _per_customer(customers, value, "value")
    cost = _per_customer(customers, call_cost, "call_cost")
    save_rate = _share(save_rate, "save_rate")
    if threshold is not None:
        threshold = _share(threshold, "threshold")
    table = pd.DataFrame(index=customers.index)
    if id_column is not None:
        require_columns(customers, [id_column], "outreach_list: the customer table")
        require_ids(customers, id_column)
        table[id_column] = customers[id_column]
    table["churn_probability"] = probability
    table["remaining_value"] = worth
    table["expected_saved_value"] = probability * save_rate * worth
    table["call_cost"] = cost
    table["net_value"] = intervention_value(probability, save_rate, worth, cost)
    keep = table["net_value"] > 0 if threshold is None else table["churn_probability"] >= threshold
    chosen = table[keep]
    rule = "positive expected net value" if threshold is None else f"churn probability ≥ {threshold:.0%}"
    print(f"outreach_list: {len(chosen):,} of {len(table):,} customers listed ({rule}).")
    if id_column:
        return chosen.sort_values(["expected_saved_value", id_column], ascending=[False, True], kind="mergesort")
    return chosen.sort_index(kind="mergesort").sort_values("expected_saved_value", ascending=False, kind="mergesort")
