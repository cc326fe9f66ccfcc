"""Testing offers: A/B tests on conversion, sample size, peeking, and self-selection.

A randomised test compares two versions of an offer on users assigned at random, so the
only systematic difference between the groups is the offer.  This module holds the
mechanics chapter 9 teaches:

* :func:`drop_crossovers` — remove users who were exposed to more than one arm, and say
  how many;
* :func:`conversion_table` — users, conversions, conversion rate and its confidence
  interval per arm;
* :func:`two_proportion_test` — the difference between two conversion rates, its
  confidence interval, the z statistic and the p-value (pooled-variance z-test);
* :func:`sample_size_two_proportions` and :func:`power_two_proportions` — how many users
  per arm a test needs to detect a given lift, and the chance a test of a given size finds
  it;
* :func:`simulate_peeking` — how often an A/A test (no real difference) is declared a
  winner when you look at the results every day and stop at the first "significant" look;
* :func:`simulate_self_selection` — a loyalty programme that the most loyal customers join
  on their own, so that members repurchase far more than non-members even though the
  programme itself adds little.

All functions use the normal approximation to the binomial, which is accurate when each
arm has at least ten conversions and ten non-conversions.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from helpers._validate import InputError, number, require_columns, require_ids, share, whole_number

__all__ = [
    "drop_crossovers", "conversion_table", "two_proportion_test",
    "sample_size_two_proportions", "power_two_proportions",
    "simulate_peeking", "simulate_self_selection",
]

_ALTERNATIVES = ("two-sided", "larger", "smaller")


# --------------------------------------------------------------------------- validation


#: What to do when the assignment table lacks a column.
_PASS_NAMES = "Pass the right names with the arm=/converted=/user= arguments."


def _check_share(value: float, name: str, *, open_interval: bool = True) -> float:
    return share(value, name, open_low=open_interval, open_high=open_interval)


def _check_count(value, name: str, *, minimum: int = 0) -> int:
    return whole_number(value, name, low=minimum)


def _check_alternative(alternative: str) -> None:
    if not isinstance(alternative, str) or alternative not in _ALTERNATIVES:
        raise InputError(f"alternative must be one of {_ALTERNATIVES}, not {alternative!r}.")


def _z(confidence: float) -> float:
    """The two-sided critical value of the standard normal for a confidence level."""
    return float(stats.norm.ppf(0.5 + confidence / 2))


# --------------------------------------------------------------------------- tidying


def drop_crossovers(assignments: pd.DataFrame, *, user: str = "user_id", arm: str = "arm") -> pd.DataFrame:
    """Remove every row of users who appear in more than one arm, and print how many.

    A user who saw both offers belongs to neither group; keeping them blurs the comparison.
    Rows with no user id cannot be matched to anyone, and a user with a row whose arm is
    missing may have seen the other offer: both are dropped too, each with its own printed
    count.  Users listed twice in the *same* arm are an error in the log and raise
    :class:`helpers.InputError`.
    """
    what = "drop_crossovers: the assignment table"
    require_columns(assignments, [user, arm], what, fix=_PASS_NAMES)
    require_ids(assignments, user)
    require_ids(assignments, arm)
    no_user = assignments[user].isna()
    if no_user.any():
        print(f"Dropped {int(no_user.sum())} rows with no {user} (they cannot be matched to a user).")
    known = assignments.loc[~no_user]
    # A user with a row of unknown arm may have seen the other offer: we cannot place them.
    unplaced = known[user].isin(known.loc[known[arm].isna(), user])
    if unplaced.any():
        print(f"Dropped {int(unplaced.sum())} rows of {known.loc[unplaced, user].nunique()} users with a missing "
              f"{arm} (we cannot tell which offers they saw).")
    known = known.loc[~unplaced]
    if known.empty:
        raise InputError(f"{what}: no rows left with both a {user} and an {arm}.")
    arms_per_user = known.groupby(user, sort=False)[arm].transform("nunique")
    repeated_same = known.duplicated([user, arm], keep=False) & (arms_per_user == 1)
    if repeated_same.any():
        raise InputError(f"{int(repeated_same.sum())} rows repeat a user in the same arm; drop exact "
                         "duplicates first (`drop_duplicates()`), then call drop_crossovers again.")
    crossed = arms_per_user > 1
    n_users = known.loc[crossed, user].nunique()
    print(f"Dropped {int(crossed.sum())} rows of {n_users} users who were assigned to more than one arm "
          f"({n_users / known[user].nunique():.2%} of users).")
    return known.loc[~crossed].reset_index(drop=True)


# --------------------------------------------------------------------------- conversion


def conversion_table(assignments: pd.DataFrame, *, arm: str = "arm", converted: str = "ordered",
                     confidence: float = 0.95, method: str = "wald") -> pd.DataFrame:
    """Users, conversions and conversion rate per arm, with a confidence interval.

    ``method="wald"`` gives p ± z·√(p(1−p)/n), the interval you can compute by hand;
    ``method="wilson"`` gives the Wilson score interval, better for small arms or rates near
    0 or 1.  Returns one row per arm (sorted by arm), columns ``users``, ``conversions``,
    ``conversion_rate``, ``ci_low``, ``ci_high``.
    """
    require_columns(assignments, [arm, converted], "conversion_table: the assignment table", fix=_PASS_NAMES)
    require_ids(assignments, arm)
    confidence = _check_share(confidence, "confidence")
    if not isinstance(method, str) or method not in ("wald", "wilson"):
        raise InputError(f"method must be 'wald' or 'wilson', not {method!r}.")
    flags = assignments[converted]
    if flags.isna().any():
        raise InputError(f"Column {converted!r} has {int(flags.isna().sum())} missing values; every assigned "
                         "user either converted (True) or not (False). Fill or remove them first.")
    if not (pd.api.types.is_bool_dtype(flags) or set(pd.unique(flags)) <= {0, 1}):
        raise InputError(f"Column {converted!r} must be True/False (or 1/0), found values such as "
                         f"{sorted(map(str, pd.unique(flags)))[:3]}.")
    if assignments[arm].isna().any():
        raise InputError(f"Column {arm!r} has missing arms; every user must be assigned to one arm.")
    table = (assignments.assign(_c=flags.astype("int64"))
             .groupby(arm, observed=True, sort=True)["_c"].agg(users="size", conversions="sum"))
    n = table["users"].to_numpy(dtype=float)
    x = table["conversions"].to_numpy(dtype=float)
    p = x / n
    z = _z(confidence)
    if method == "wald":
        half = z * np.sqrt(p * (1 - p) / n)
        low, high = p - half, p + half
    else:
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
        low, high = centre - half, centre + half
    table["conversion_rate"] = p
    table["ci_low"] = np.clip(low, 0, 1)
    table["ci_high"] = np.clip(high, 0, 1)
    return table


def two_proportion_test(conversions_a: int, users_a: int, conversions_b: int, users_b: int, *,
                        confidence: float = 0.95, alternative: str = "two-sided") -> pd.Series:
    """Compare two conversion rates, A against B (the difference is A − B).

    The z statistic uses the pooled rate (the right variance when A and B are truly equal);
    the confidence interval of the difference uses each arm's own rate.  ``alternative`` is
    ``"two-sided"``, ``"larger"`` (A converts better) or ``"smaller"``.  Returns a Series
    with ``rate_a``, ``rate_b``, ``difference``, ``relative_lift`` (A / B − 1),
    ``ci_low``, ``ci_high``, ``z`` and ``p_value``.
    """
    _check_alternative(alternative)
    confidence = _check_share(confidence, "confidence")
    n_a = _check_count(users_a, "users_a", minimum=1)
    n_b = _check_count(users_b, "users_b", minimum=1)
    x_a = _check_count(conversions_a, "conversions_a")
    x_b = _check_count(conversions_b, "conversions_b")
    if x_a > n_a or x_b > n_b:
        raise InputError(f"An arm cannot convert more users than it has (A: {x_a} of {n_a}, B: {x_b} of {n_b}); "
                         "check that you passed conversions first and users second.")
    p_a, p_b = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se_pooled == 0:
        raise InputError("Both arms converted all or none of their users, so the test is undefined; "
                         "run the test longer or on more users.")
    z = (p_a - p_b) / se_pooled
    if alternative == "two-sided":
        p_value = 2 * stats.norm.sf(abs(z))
    elif alternative == "larger":
        p_value = stats.norm.sf(z)
    else:
        p_value = stats.norm.cdf(z)
    se_diff = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    half = _z(confidence) * se_diff
    return pd.Series({
        "rate_a": p_a, "rate_b": p_b, "difference": p_a - p_b,
        "relative_lift": p_a / p_b - 1 if p_b > 0 else float("nan"),
        "ci_low": p_a - p_b - half, "ci_high": p_a - p_b + half,
        "z": z, "p_value": float(p_value),
    })


# --------------------------------------------------------------------------- planning


def sample_size_two_proportions(rate_a: float, rate_b: float, *, alpha: float = 0.05, power: float = 0.80,
                                alternative: str = "two-sided") -> int:
    """Users needed **per arm** to detect ``rate_a`` against ``rate_b``.

    n = (z_α·√(2·p̄(1−p̄)) + z_β·√(p_a(1−p_a) + p_b(1−p_b)))² / (p_a − p_b)², rounded up,
    with p̄ the average of the two rates, z_α the critical value (α/2 for a two-sided test)
    and z_β the normal quantile of the power.
    """
    _check_alternative(alternative)
    p_a = _check_share(rate_a, "rate_a")
    p_b = _check_share(rate_b, "rate_b")
    alpha = _check_share(alpha, "alpha")
    power = _check_share(power, "power")
    if p_a == p_b:
        raise InputError("rate_a equals rate_b: no sample is large enough to detect a zero difference. "
                         "Give the smallest lift worth detecting.")
    z_alpha = stats.norm.ppf(1 - alpha / 2) if alternative == "two-sided" else stats.norm.ppf(1 - alpha)
    z_beta = stats.norm.ppf(power)
    p_bar = (p_a + p_b) / 2
    numerator = (z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))
                 + z_beta * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))) ** 2
    return int(math.ceil(numerator / (p_a - p_b) ** 2 - 1e-9))


def power_two_proportions(rate_a: float, rate_b: float, users_per_arm: int, *, alpha: float = 0.05,
                          alternative: str = "two-sided") -> float:
    """The chance that a test with ``users_per_arm`` users in each arm detects the difference.

    The inverse of :func:`sample_size_two_proportions` (same approximation); for a
    two-sided test the far tail is ignored.
    """
    _check_alternative(alternative)
    p_a = _check_share(rate_a, "rate_a")
    p_b = _check_share(rate_b, "rate_b")
    alpha = _check_share(alpha, "alpha")
    n = _check_count(users_per_arm, "users_per_arm", minimum=1)
    z_alpha = stats.norm.ppf(1 - alpha / 2) if alternative == "two-sided" else stats.norm.ppf(1 - alpha)
    p_bar = (p_a + p_b) / 2
    spread = math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    z_beta = (abs(p_a - p_b) * math.sqrt(n) - z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))) / spread
    return float(stats.norm.cdf(z_beta))


# --------------------------------------------------------------------------- simulations


def simulate_peeking(rate: float = 0.20, users_per_day: int = 500, days: int = 14, *,
                     experiments: int = 2000, alpha: float = 0.05, seed: int = 2024) -> pd.DataFrame:
    """A/A tests (both arms convert at ``rate``) analysed after every day.

    Each simulated experiment adds ``users_per_day`` users to each arm per day and runs a
    two-sided pooled z-test on the running totals after each day.  Returns one row per day
    with ``share_significant_today`` (false alarms if you looked only that day) and
    ``share_stopped_by_today`` (false alarms if you stop at the first significant look).
    With no peeking the false-alarm rate is ``alpha``; with daily peeking it grows with
    every look.
    """
    rate = _check_share(rate, "rate")
    users_per_day = _check_count(users_per_day, "users_per_day", minimum=1)
    days = _check_count(days, "days", minimum=1)
    experiments = _check_count(experiments, "experiments", minimum=1)
    alpha = _check_share(alpha, "alpha")
    rng = np.random.default_rng(whole_number(seed, "seed", low=0))
    daily = rng.binomial(users_per_day, rate, size=(2, experiments, days))
    x_a, x_b = daily[0].cumsum(axis=1), daily[1].cumsum(axis=1)
    n = users_per_day * np.arange(1, days + 1)
    pooled = (x_a + x_b) / (2 * n)
    se = np.sqrt(pooled * (1 - pooled) * 2 / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, (x_a / n - x_b / n) / se, 0.0)
    significant = np.abs(z) > stats.norm.ppf(1 - alpha / 2)
    return pd.DataFrame({
        "day": np.arange(1, days + 1),
        "users_per_arm": n,
        "share_significant_today": significant.mean(axis=0),
        "share_stopped_by_today": np.maximum.accumulate(significant, axis=1).mean(axis=0),
    })


def simulate_self_selection(customers: int = 20_000, *, programme_effect: float = 0.05,
                            seed: int = 2024) -> pd.DataFrame:
    """Customers of a coffee chain whose most loyal customers join its club on their own.

    Each customer has a latent loyalty (the chance they would come back anyway, without the
    club), drawn from a Beta(1.8, 3.2) distribution (mean 0.36).  The chance of joining the club rises
    steeply with that loyalty.  Membership then adds ``programme_effect`` to the chance of
    coming back (the club's true, causal effect).  Returns one row per customer:
    ``customer_id``, ``baseline_loyalty``, ``member`` and ``repurchased``.

    Comparing members with non-members mixes the club's effect with who chose to join;
    the true effect is ``programme_effect``.
    """
    customers = _check_count(customers, "customers", minimum=2)
    programme_effect = number(programme_effect, "programme_effect", low=-0.5, high=0.5)
    rng = np.random.default_rng(whole_number(seed, "seed", low=0))
    loyalty = rng.beta(1.8, 3.2, size=customers)
    join_probability = 1 / (1 + np.exp(-(loyalty - 0.45) * 14))
    member = rng.random(customers) < join_probability
    come_back = np.clip(loyalty + programme_effect * member, 0, 1)
    repurchased = rng.random(customers) < come_back
    width = len(str(customers))
    return pd.DataFrame({
        "customer_id": [f"K{i:0{width}d}" for i in range(1, customers + 1)],
        "baseline_loyalty": loyalty.round(4),
        "member": member,
        "repurchased": repurchased,
    })

