"""Satisfaction surveys: cleaning Likert answers, scale reliability, NPS and driver analysis.

The functions follow the path of chapter 5:

* :func:`reverse_code` turns a reverse-worded item ("The staff rush me") round so that a
  high score always means a good experience; :func:`quality_flags` marks straight-liners,
  respondents with too many blanks and out-of-scale values, without dropping anyone;
  :func:`dimension_scores` averages the items of each dimension.
* :func:`cronbach_alpha` measures whether the items of one dimension agree (internal
  consistency), with Feldt's F-based confidence interval; :func:`alpha_if_dropped` shows
  which item lowers it.
* :func:`nps` computes the Net Promoter Score with its standard error and interval;
  :func:`top_box` gives the top-box share and the mean score with intervals, by group.
* :func:`driver_analysis` estimates how much each dimension matters for an outcome
  (standardised regression weights beside plain correlations, with variance inflation
  factors as a collinearity warning); :func:`importance_performance` places each dimension
  in one of four quadrants and :func:`plot_importance_performance` draws the chart.

Every function validates its input and raises a ``ValueError`` or ``TypeError`` that names
the problem and the fix; a function that leaves respondents out of a computation prints how
many and why.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from helpers._guards import names, numbers
from helpers._validate import InputError, ReadOnlyDict, require_columns, require_frame, require_ids, share
from helpers._validate import whole_number

__all__ = [
    "reverse_code", "quality_flags", "dimension_scores", "cronbach_alpha", "alpha_if_dropped",
    "nps", "top_box", "driver_analysis", "importance_performance", "plot_importance_performance",
    "QUADRANTS",
]

#: The four quadrants of the importance–performance chart, by (important?, performing?) (read-only).
QUADRANTS = ReadOnlyDict({
    (True, False): "concentrate here",
    (True, True): "keep up the good work",
    (False, False): "low priority",
    (False, True): "possible overkill",
})


# --------------------------------------------------------------------------- validation


def _check_scale(scale: tuple[int, int]) -> tuple[int, int]:
    if not (isinstance(scale, (tuple, list)) and len(scale) == 2):
        raise InputError(f"scale should be a pair (lowest, highest) such as (1, 5), not {scale!r}.")
    low, high = (whole_number(v, f"scale {tuple(scale)!r}: each end") for v in scale)
    if not low < high:
        raise InputError(f"scale {scale!r} is upside down: give (lowest, highest), e.g. (1, 5).")
    return low, high


#: The fix for a text column where Likert scores were expected.
_LIKERT_FIX = "It is not numeric: Likert answers must be numbers (convert text labels to scores first)."


def _numeric_frame(items, what: str = "items") -> pd.DataFrame:
    """A copy of ``items`` as a float DataFrame; clear errors for the usual mistakes."""
    if isinstance(items, pd.Series):
        items = items.to_frame()
    require_frame(items, what, allow_empty=True,
                  type_fix="pass a table with one column per item, e.g. survey[['staff_1', 'staff_2']]")
    if items.shape[0] == 0:
        raise InputError(f"{what} is an empty table: there are no respondents to analyse.")
    if items.shape[1] == 0:
        raise InputError(f"{what} has no columns: select the item columns, e.g. survey[['staff_1', 'staff_2']].")
    return pd.DataFrame({c: numbers(items, c, what, fix=_LIKERT_FIX) for c in items.columns}, index=items.index)


def _check_missing_rule(missing) -> None:
    if not isinstance(missing, str) or missing not in ("listwise", "pairwise"):
        raise InputError(f"missing must be 'listwise' or 'pairwise', not {missing!r}.")


def _confidence(confidence) -> float:
    return share(confidence, "confidence", open_low=True, open_high=True)


def _out_of_scale(values: pd.DataFrame, low: float, high: float) -> pd.DataFrame:
    present = values.notna()
    whole = (values % 1 == 0) | ~present
    return present & ((values < low) | (values > high) | ~whole)


# --------------------------------------------------------------------------- cleaning


def reverse_code(items, scale: tuple[int, int] = (1, 5)):
    """Reverse a reverse-worded item (or several): ``low + high - score``.

    On a 1–5 scale a 1 becomes 5, a 2 becomes 4 and a 3 stays 3; missing answers stay
    missing.  Accepts a Series or a DataFrame and returns the same kind.
    """
    low, high = _check_scale(scale)
    was_series = isinstance(items, pd.Series)
    frame = _numeric_frame(items)
    bad = _out_of_scale(frame, low, high)
    if bad.to_numpy().any():
        raise InputError(f"{int(bad.to_numpy().sum())} answer(s) lie outside the scale {low}–{high} or are not "
                         "whole numbers; reversing them would give nonsense. Find them with quality_flags() "
                         "and set them to missing first.")
    reversed_ = (low + high) - frame
    return reversed_.iloc[:, 0].rename(items.name) if was_series else reversed_


def quality_flags(responses: pd.DataFrame, items: Sequence[str] | None = None, scale: tuple[int, int] = (1, 5),
                  max_missing_share: float = 0.5, min_items_straight: int = 5) -> pd.DataFrame:
    """Flag doubtful respondents; nobody is dropped, the decision stays with the analyst.

    Returns one row per respondent (same index) with ``n_answered``, ``n_missing``,
    ``n_out_of_scale``, ``straight_liner`` (every answered item, at least
    ``min_items_straight`` of them, has the same raw score — suspicious when some items are
    reverse-worded), ``too_many_missing`` (more than ``max_missing_share`` of the items
    blank), ``out_of_scale`` and ``any_flag``.  Prints how many respondents carry each flag.
    """
    low, high = _check_scale(scale)
    if items is None:
        items = list(responses.columns) if isinstance(responses, pd.DataFrame) else []
    items = names(items, "items")
    require_columns(responses, items, "responses")
    max_missing_share = share(max_missing_share, "max_missing_share", open_high=True)
    min_items_straight = whole_number(min_items_straight, "min_items_straight", low=1)
    values = _numeric_frame(responses[items], "responses")
    outside = _out_of_scale(values, low, high)
    answered = values.notna()
    n_answered = answered.sum(axis=1)
    spread = values.max(axis=1) - values.min(axis=1)
    flags = pd.DataFrame(index=responses.index)
    flags["n_answered"] = n_answered.astype("int64")
    flags["n_missing"] = (len(items) - n_answered).astype("int64")
    flags["n_out_of_scale"] = outside.sum(axis=1).astype("int64")
    flags["straight_liner"] = (n_answered >= min_items_straight) & (spread == 0)
    flags["too_many_missing"] = flags["n_missing"] > max_missing_share * len(items)
    flags["out_of_scale"] = flags["n_out_of_scale"] > 0
    flags["any_flag"] = flags[["straight_liner", "too_many_missing", "out_of_scale"]].any(axis=1)
    print(f"quality_flags: {len(flags):,} respondents, {len(items)} items; "
          f"straight-liners {int(flags['straight_liner'].sum())}, "
          f"too many missing (> {max_missing_share:.0%} blank) {int(flags['too_many_missing'].sum())}, "
          f"out-of-scale answers {int(flags['out_of_scale'].sum())}; "
          f"flagged {int(flags['any_flag'].sum())} (nobody dropped).")
    return flags


def dimension_scores(responses: pd.DataFrame, dimensions: dict[str, Sequence[str]],
                     reverse: Sequence[str] = (), scale: tuple[int, int] = (1, 5),
                     min_answered: int = 2) -> pd.DataFrame:
    """The mean of each dimension's items per respondent, after reversing ``reverse`` items.

    A respondent who answered fewer than ``min_answered`` items of a dimension gets a missing
    score for it (the count is printed).  Columns are the dimension names, in the given order.
    """
    if not isinstance(dimensions, dict):
        raise InputError(f"dimensions must be a dict such as {{'staff': ['staff_1', 'staff_2']}}, not "
                         f"{type(dimensions).__name__}.")
    if not dimensions:
        raise InputError("dimensions is empty: give a dict such as {'staff': ['staff_1', 'staff_2']}.")
    dimensions = {dim: names(cols, f"dimensions[{dim!r}]") for dim, cols in dimensions.items()}
    reverse = names(reverse, "reverse")
    all_items = [i for cols in dimensions.values() for i in cols]
    require_columns(responses, all_items, "responses")
    unknown = [r for r in reverse if r not in all_items]
    if unknown:
        raise InputError(f"reverse names item(s) {unknown} that belong to no dimension.")
    min_answered = whole_number(min_answered, "min_answered", low=1)
    low, high = _check_scale(scale)
    values = _numeric_frame(responses[all_items], "responses")
    outside = _out_of_scale(values, low, high).sum()
    if outside.any():
        where = ", ".join(f"{c!r} ({n})" for c, n in outside[outside > 0].items())
        raise InputError(f"responses: answers outside the scale {low}–{high} (or not whole numbers) in {where}; "
                         "averaging them would give a score no respondent could give. Find them with "
                         "quality_flags() and set them to missing first.")
    if reverse:
        values[list(reverse)] = reverse_code(values[list(reverse)], scale)
    scores = pd.DataFrame(index=responses.index)
    for name, cols in dimensions.items():
        cols = list(cols)
        enough = values[cols].notna().sum(axis=1) >= min_answered
        scores[name] = values[cols].mean(axis=1).where(enough)
        short = int((~enough).sum())
        if short:
            print(f"dimension_scores: {name}: {short} respondent(s) answered fewer than {min_answered} of "
                  f"{len(cols)} items; their score is left missing.")
    return scores


# --------------------------------------------------------------------------- reliability


def cronbach_alpha(items: pd.DataFrame, missing: str = "listwise", confidence: float = 0.95) -> pd.Series:
    """Cronbach's alpha of a set of items, with Feldt's confidence interval.

    ``alpha = k/(k-1) * (1 - sum of item variances / variance of the total score)``, with
    sample variances (ddof = 1).  Equivalently, from the item covariance matrix ``C``:
    ``alpha = k/(k-1) * (1 - trace(C) / sum(C))``.

    Missing answers: ``"listwise"`` (the default) keeps only respondents who answered every
    item and prints how many were left out; ``"pairwise"`` estimates each variance and
    covariance from everyone who answered that pair (as R's ``psych::alpha(use="pairwise")``).

    Feldt's interval (Feldt, Woodruff & Salih 1987): ``(1 - alpha) / (1 - alpha_hat)``
    follows an F distribution with ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom, so the
    interval is ``1 - (1 - alpha_hat) * F(1 - g/2)`` to ``1 - (1 - alpha_hat) * F(g/2)``,
    ``g = 1 - confidence``.  ``n`` is the number of complete respondents (listwise) or the
    smallest pairwise count.

    Returns a Series: ``alpha``, ``ci_low``, ``ci_high``, ``n_items``, ``n_respondents``.
    """
    values = _numeric_frame(items)
    _check_missing_rule(missing)
    confidence = _confidence(confidence)
    k = values.shape[1]
    if k < 2:
        raise InputError("Cronbach's alpha needs at least two items; a single item has no internal consistency.")
    if missing == "listwise":
        complete = values.dropna()
        left_out = len(values) - len(complete)
        if left_out:
            print(f"cronbach_alpha: left out {left_out} of {len(values)} respondents with a missing answer "
                  "(listwise).")
        n = len(complete)
        if n < 3:
            raise InputError(f"Only {n} respondents answered every item; alpha needs at least 3. "
                             "Try missing='pairwise'.")
        cov = complete.cov(ddof=1).to_numpy()
    else:
        counts = values.notna().astype(int)
        n = int((counts.T @ counts).to_numpy().min())
        if n < 3:
            raise InputError(f"Some pair of items was answered together by only {n} respondents; alpha needs at "
                             "least 3.")
        cov = values.cov(min_periods=3, ddof=1).to_numpy()
    total = cov.sum()
    if total <= 0:
        raise InputError("The total score does not vary (every respondent has the same total); alpha is undefined.")
    alpha = k / (k - 1) * (1 - np.trace(cov) / total)
    gamma = 1 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(1 - gamma / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(gamma / 2, df1, df2)
    return pd.Series({"alpha": float(alpha), "ci_low": float(low), "ci_high": float(high),
                      "n_items": float(k), "n_respondents": float(n)}, name="cronbach_alpha")


def alpha_if_dropped(items: pd.DataFrame, missing: str = "listwise") -> pd.DataFrame:
    """Alpha of the scale without each item in turn, and the item–rest correlation.

    An item whose removal *raises* alpha, or whose correlation with the rest of the scale is
    low or negative, measures something else — or was reverse-worded and not reversed.
    """
    values = _numeric_frame(items)
    _check_missing_rule(missing)
    if values.shape[1] < 3:
        raise InputError("alpha_if_dropped needs at least three items (dropping one must leave two).")
    if missing == "listwise":
        complete = values.dropna()
        if len(complete) < len(values):
            print(f"alpha_if_dropped: left out {len(values) - len(complete)} of {len(values)} respondents with a "
                  "missing answer (listwise).")
        values = complete
    rows = []
    for item in values.columns:
        rest = values.drop(columns=item)
        with redirect_stdout(io.StringIO()):
            a = cronbach_alpha(rest, missing=missing)["alpha"]
        rest_total = rest.sum(axis=1, min_count=rest.shape[1])
        rows.append({"item": item, "alpha_if_dropped": a,
                     "item_rest_correlation": values[item].corr(rest_total)})
    return pd.DataFrame(rows).set_index("item")


# --------------------------------------------------------------------------- NPS and top box


def nps(scores, confidence: float = 0.95) -> pd.Series:
    """Net Promoter Score of 0–10 "how likely are you to recommend us" answers.

    Promoters answer 9–10, passives 7–8, detractors 0–6.  ``NPS = 100 × (share of promoters
    − share of detractors)``, from −100 to 100.  Treating each answer as +1 (promoter),
    0 (passive) or −1 (detractor), NPS is 100 × their mean, so its standard error is
    ``100 × sqrt((p + d − (p − d)²) / n)`` and the interval is normal-approximate.
    Missing answers are left out (and counted in the printed line).
    """
    if isinstance(scores, pd.DataFrame):
        if scores.shape[1] != 1:
            raise InputError("nps() takes one column of 0–10 scores (a Series), not a table with several columns.")
        scores = scores.iloc[:, 0]
    if not isinstance(scores, (pd.Series, np.ndarray, list, tuple)):
        raise InputError(f"scores should be a Series or list of 0–10 answers, not {type(scores).__name__}.")
    series = pd.Series(scores)
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise InputError("scores must be numbers from 0 to 10 (the recommend question), not text or True/False.")
    confidence = _confidence(confidence)
    values = series.astype("float64")
    n_missing = int(values.isna().sum())
    values = values.dropna()
    if len(values) == 0:
        raise InputError("No answers to score: the recommend column is empty or all missing.")
    bad = (values < 0) | (values > 10) | (values % 1 != 0)
    if bad.any():
        raise InputError(f"{int(bad.sum())} score(s) are not whole numbers from 0 to 10 (e.g. "
                         f"{values[bad].iloc[0]:g}); NPS needs the 0–10 recommend question. Fix or remove them.")
    if n_missing:
        print(f"nps: left out {n_missing} missing answer(s).")
    n = len(values)
    promoters = float((values >= 9).mean())
    detractors = float((values <= 6).mean())
    passives = 1 - promoters - detractors
    score = 100 * (promoters - detractors)
    se = 100 * np.sqrt(max(promoters + detractors - (promoters - detractors) ** 2, 0.0) / n)
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    return pd.Series({"n": float(n), "promoters": promoters, "passives": passives, "detractors": detractors,
                      "nps": score, "se": se, "ci_low": max(score - z * se, -100.0),
                      "ci_high": min(score + z * se, 100.0)}, name="nps")


def top_box(data: pd.DataFrame, column: str, by: str | Sequence[str] | None = None, top: int = 2,
            scale: tuple[int, int] = (1, 5), confidence: float = 0.95) -> pd.DataFrame:
    """Top-box share and mean score of a Likert item, with intervals, overall or by group.

    The top box is the share answering one of the ``top`` highest points (4 or 5 on a 1–5
    scale when ``top=2``), with a Wilson interval; the mean has a t interval.  Missing answers
    are left out (counted in the printed line).  Rows are sorted by the group labels.
    """
    low, high = _check_scale(scale)
    groups = [] if by is None else names(by, "by")
    require_columns(data, [column, *groups], "data")
    confidence = _confidence(confidence)
    top = whole_number(top, "top (the number of scale points in the box)")
    if not 1 <= top < high - low + 1:
        raise InputError(f"top={top!r} must be at least 1 and leave some scale points outside the box.")
    for g in groups:
        require_ids(data, g)
    values = _numeric_frame(data[[column]], "data")[column]
    bad = _out_of_scale(values.to_frame(), low, high)[column]
    if bad.any():
        raise InputError(f"{int(bad.sum())} answer(s) in {column!r} lie outside {low}–{high} or are not whole "
                         "numbers; top_box takes raw answers on the scale, so clean them first.")
    frame = pd.DataFrame({"score": values})
    for g in groups:
        frame[g] = data[g]
    n_missing = int(frame["score"].isna().sum())
    if n_missing:
        print(f"top_box: left out {n_missing} missing answer(s) of {column!r}.")
    frame = frame.dropna(subset=["score"])
    no_group = frame[groups].isna().any(axis=1) if groups else pd.Series(False, index=frame.index)
    if no_group.any():
        print(f"top_box: left out {int(no_group.sum())} answer(s) with no {' or '.join(groups)} (no group to "
              "count them in).")
        frame = frame[~no_group]
    if frame.empty:
        raise InputError(f"top_box: no answers of {column!r} left to summarise.")
    frame["in_box"] = frame["score"] > high - top
    z = stats.norm.ppf(1 - (1 - confidence) / 2)

    def summarise(part: pd.DataFrame) -> pd.Series:
        n = len(part)
        p = part["in_box"].mean()
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        mean = part["score"].mean()
        sd = part["score"].std(ddof=1) if n > 1 else np.nan
        t = stats.t.ppf(1 - (1 - confidence) / 2, n - 1) if n > 1 else np.nan
        return pd.Series({"n": float(n), "top_box": p, "top_box_low": centre - half, "top_box_high": centre + half,
                          "mean": mean, "mean_low": mean - t * sd / np.sqrt(n), "mean_high": mean + t * sd / np.sqrt(n)})

    if not groups:
        return summarise(frame).to_frame(name="all").T
    keys = groups[0] if len(groups) == 1 else groups
    parts = [summarise(part).rename(key) for key, part in frame.groupby(keys, observed=True, sort=True)]
    out = pd.DataFrame(parts)
    if len(groups) > 1:
        out.index = pd.MultiIndex.from_tuples(out.index, names=groups)
    else:
        out.index.name = groups[0]
    return out


# --------------------------------------------------------------------------- drivers


def driver_analysis(data: pd.DataFrame, outcome: str, drivers: Sequence[str]) -> pd.DataFrame:
    """How much each driver (dimension) matters for ``outcome``.

    Fits an ordinary least-squares regression of the outcome on all drivers together and
    reports, per driver:

    * ``coefficient`` — the change in the outcome per point of the driver, others held fixed;
    * ``beta`` — the standardised weight (coefficient × sd(driver) / sd(outcome)): the change
      in the outcome, in standard deviations, per standard deviation of the driver;
    * ``correlation`` — the plain correlation with the outcome, which ignores the overlap
      between drivers;
    * ``pratt_share`` — ``beta × correlation / R²`` (Pratt's measure): the share of the
      explained variance credited to the driver; the shares add up to 1;
    * ``vif`` — the variance inflation factor ``1 / (1 − R²_j)``, where ``R²_j`` is how well
      the other drivers predict this one.  Above about 5 the drivers overlap so much that the
      weights are unstable: read correlations and weights together.

    A yes/no column (such as ``renewed``) counts as 1/0.  Rows with a missing value in any of
    the columns are left out (the count is printed).
    The table is sorted by ``beta``, largest first; ``attrs`` holds ``r_squared`` and ``n``.
    """
    drivers = names(drivers, "drivers")
    (outcome,) = names([outcome], "outcome")
    if not drivers:
        raise InputError("drivers is empty: name at least one driver column.")
    if outcome in drivers:
        raise InputError(f"{outcome!r} is both the outcome and a driver; remove it from drivers.")
    require_columns(data, [outcome, *drivers], "data")
    subset = data[[outcome, *drivers]]
    yes_no = [c for c in subset.columns if pd.api.types.is_bool_dtype(subset[c])]
    if yes_no:  # a yes/no outcome such as `renewed` counts as 1/0 (a linear probability model)
        subset = subset.astype({c: "float64" for c in yes_no})
    values = _numeric_frame(subset, "data")
    complete = values.dropna()
    left_out = len(values) - len(complete)
    if left_out:
        print(f"driver_analysis: left out {left_out} of {len(values)} rows with a missing value.")
    n = len(complete)
    if n < len(drivers) + 2:
        raise InputError(f"Only {n} complete rows for {len(drivers)} drivers; a regression needs more rows "
                         "than drivers plus two.")
    sd = complete.std(ddof=1)
    constant = [c for c in complete.columns if not sd[c] > 0]
    if constant:
        raise InputError(f"Column(s) {constant} do not vary; they cannot explain or be explained. Remove them.")
    z = (complete - complete.mean()) / sd
    y, x = z[outcome].to_numpy(), z[drivers].to_numpy()
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    corr_xx = np.corrcoef(x, rowvar=False).reshape(len(drivers), len(drivers))
    corr_xy = np.array([np.corrcoef(x[:, j], y)[0, 1] for j in range(len(drivers))])
    r_squared = float(beta @ corr_xy)
    try:
        vif = np.diag(np.linalg.inv(corr_xx)) if len(drivers) > 1 else np.ones(1)
    except np.linalg.LinAlgError:
        raise InputError("Some drivers are exact combinations of others (perfect collinearity); "
                         "drop the redundant ones.") from None
    table = pd.DataFrame({
        "coefficient": beta * sd[outcome] / sd[drivers].to_numpy(),
        "beta": beta,
        "correlation": corr_xy,
        "pratt_share": beta * corr_xy / r_squared,
        "vif": vif,
    }, index=pd.Index(drivers, name="driver"))
    table["rank"] = table["beta"].rank(ascending=False, method="first").astype("int64")
    table = table.sort_values(["beta"], ascending=False, kind="mergesort")
    table.attrs.update({"r_squared": r_squared, "n": n, "outcome": outcome})
    if (table["vif"] > 5).any():
        print(f"driver_analysis: high collinearity (VIF > 5) for {sorted(table.index[table['vif'] > 5])}; "
              "their weights are unstable.")
    return table


def importance_performance(data: pd.DataFrame, outcome: str, drivers: Sequence[str],
                           importance: str = "beta", split: str = "mean") -> pd.DataFrame:
    """Place each driver in the importance–performance grid.

    ``importance`` is the driver's ``beta`` (default) or ``correlation`` from
    :func:`driver_analysis`; ``performance`` is its mean score.  The grid lines sit at the
    ``mean`` (default) or ``median`` of the drivers' importances and performances, and each
    driver gets a quadrant: important and under-performing → *concentrate here*; important
    and performing → *keep up the good work*; neither → *low priority*; performing but
    unimportant → *possible overkill*.
    """
    if not isinstance(importance, str) or importance not in ("beta", "correlation"):
        raise InputError(f"importance must be 'beta' or 'correlation', not {importance!r}.")
    if not isinstance(split, str) or split not in ("mean", "median"):
        raise InputError(f"split must be 'mean' or 'median', not {split!r}.")
    drivers = names(drivers, "drivers")
    if len(drivers) < 2:
        raise InputError("An importance–performance grid needs at least two drivers to compare.")
    table = driver_analysis(data, outcome, drivers)
    # Performance from the same respondents as the importance: those with every column answered.
    complete = data[[outcome, *drivers]].notna().all(axis=1)
    out = pd.DataFrame({"importance": table.loc[drivers, importance],
                        "performance": data.loc[complete, drivers].astype("float64").mean()})
    imp_line = getattr(out["importance"], split)()
    perf_line = getattr(out["performance"], split)()
    out["quadrant"] = [QUADRANTS[(bool(i > imp_line), bool(p > perf_line))]
                       for i, p in zip(out["importance"], out["performance"])]
    out = out.sort_values("importance", ascending=False, kind="mergesort")
    out.attrs.update({"importance_line": float(imp_line), "performance_line": float(perf_line),
                      "outcome": outcome, "importance": importance})
    return out


def plot_importance_performance(grid: pd.DataFrame, ax=None, title: str | None = None,
                                performance_label: str = "Performance: mean score (1–5)"):
    """Draw the quadrant chart of :func:`importance_performance`; returns the axes."""
    import matplotlib.pyplot as plt

    require_columns(grid, ["importance", "performance", "quadrant"], "grid")
    if title is not None and not isinstance(title, str):
        raise InputError(f"title must be text (or None for the default), not {type(title).__name__}.")
    if ax is not None and not hasattr(ax, "scatter"):
        raise InputError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()) or None, not {type(ax).__name__}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 5.5))
    imp_line = grid.attrs.get("importance_line", grid["importance"].mean())
    perf_line = grid.attrs.get("performance_line", grid["performance"].mean())
    ax.scatter(grid["performance"], grid["importance"], s=80, zorder=3)
    for name, row in grid.iterrows():
        ax.annotate(str(name).replace("_", " "), (row["performance"], row["importance"]),
                    textcoords="offset points", xytext=(6, 6))
    ax.axvline(perf_line, color="grey", ls="--", lw=1)
    ax.axhline(imp_line, color="grey", ls="--", lw=1)
    x_low, x_high = grid["performance"].min() - 0.3, grid["performance"].max() + 0.3
    y_low = min(grid["importance"].min() - 0.05, 0)
    y_high = grid["importance"].max() + 0.08
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(y_low, y_high)
    corners = [((x_low, y_high), "left", "top", QUADRANTS[(True, False)]),
               ((x_high, y_high), "right", "top", QUADRANTS[(True, True)]),
               ((x_low, y_low), "left", "bottom", QUADRANTS[(False, False)]),
               ((x_high, y_low), "right", "bottom", QUADRANTS[(False, True)])]
    for (x, y), ha, va, label in corners:
        ax.text(x, y, f" {label} ", ha=ha, va=va, fontsize=10, style="italic", color="dimgrey")
    kind = "standardised weight" if grid.attrs.get("importance", "beta") == "beta" else "correlation"
    ax.set_xlabel(performance_label)
    ax.set_ylabel(f"Importance: {kind} for {grid.attrs.get('outcome', 'the outcome')}".replace("_", " "))
    ax.set_title(title or "Importance–performance: where to act")
    return ax
