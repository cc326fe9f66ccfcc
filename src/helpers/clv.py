"""Customer lifetime value: from the back-of-envelope formula to BG/NBD and Gamma-Gamma.

Three families, simplest first:

* **Formulas** — ``simple_clv`` (the source's average purchase × purchases a year × years)
  and ``retention_clv`` (margin, retention and discounting, finite or infinite horizon).
* **Contractual customers** (you see them leave: subscriptions, memberships) —
  ``cohort_retention`` builds a cohort × period retention table from a transaction log, and
  ``ShiftedBetaGeometric`` is the sBG model of Fader & Hardie (2007): every customer has a
  constant chance θ of leaving each period, θ varies across customers as Beta(α, β), so the
  cohort's retention rate *rises* with tenure as the likely leavers go first.
* **Non-contractual customers** (they just stop buying: shops, CDNOW) —
  ``summary_from_transactions`` turns a log into (frequency, recency, T, mean spend);
  ``BetaGeo`` is the BG/NBD model of Fader, Hardie & Lee (2005): while alive a customer buys
  as a Poisson process with rate λ ~ Gamma(r, α), and after each purchase drops out with
  probability p ~ Beta(a, b); ``GammaGamma`` models the mean spend per purchase
  (Fader & Hardie 2013); ``customer_value`` combines both into a discounted margin.

Everything is plain numpy/scipy in the open: the likelihoods are written in log space with
``gammaln``; the Gaussian hypergeometric function in the BG/NBD expectation is evaluated after
Euler's transformation, 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z), which
turns the parameters that grow with a customer's frequency into a denominator parameter, so
the series converges fast and never over- or underflows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import optimize, special

from helpers._validate import require_frame

__all__ = [
    "simple_clv", "retention_clv", "cohort_retention", "ShiftedBetaGeometric",
    "summary_from_transactions", "BetaGeo", "GammaGamma", "customer_value",
]


# --------------------------------------------------------------------------- formulas


def _number(value, name: str, *, low: float | None = None, high: float | None = None,
            low_open: bool = False, high_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value}.")
    if low is not None and (value < low or (low_open and value == low)):
        raise ValueError(f"{name} must be {'>' if low_open else '≥'} {low:g}, got {value:g}.")
    if high is not None and (value > high or (high_open and value == high)):
        raise ValueError(f"{name} must be {'<' if high_open else '≤'} {high:g}, got {value:g}"
                         + (" (give rates as shares: 0.9, not 90)." if high == 1 else "."))
    return value


def simple_clv(avg_purchase: float, purchases_per_year: float, years: float) -> float:
    """The source's formula: average purchase × purchases per year × expected years retained.

    >>> simple_clv(50, 12, 3)
    1800.0

    It is revenue, not profit, and it ignores when the money arrives; ``retention_clv`` adds
    the margin, the yearly chance of keeping the customer and discounting.
    """
    avg = _number(avg_purchase, "avg_purchase", low=0)
    freq = _number(purchases_per_year, "purchases_per_year", low=0)
    span = _number(years, "years", low=0)
    return avg * freq * span


def retention_clv(margin: float, retention: float, discount: float, years: int | None = None) -> float:
    """Discounted margin of a customer who pays ``margin`` now and at each later year while retained.

    Value = Σ_{t=0}^{years−1} margin · retention^t / (1 + discount)^t; with ``years=None`` the
    sum runs for ever and has the closed form margin · (1 + d) / (1 + d − r).

    >>> round(retention_clv(100, 0.8, 0.1), 2)     # 100 · 1.1 / 0.3
    366.67
    >>> retention_clv(100, 0.8, 0.1, years=2)      # 100 + 100 · 0.8 / 1.1
    172.72727272727272
    """
    m = _number(margin, "margin")
    r = _number(retention, "retention", low=0, high=1)
    d = _number(discount, "discount", low=0)
    if years is None:
        if r >= 1 and d == 0:
            raise ValueError("With retention 1 and no discounting the value is infinite; give `years` "
                             "or a positive discount rate.")
        return m * (1 + d) / (1 + d - r)
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)) or years < 0:
        raise ValueError(f"years must be a non-negative whole number of years (or None for ever), not {years!r}.")
    t = np.arange(int(years))
    return float(m * np.sum((r / (1 + d)) ** t))


# --------------------------------------------------------------------------- input checks


def _frame_with(transactions, columns: dict[str, str | None]) -> pd.DataFrame:
    # Type and emptiness are the shared checks; clv keeps its own wording for missing columns
    # ("Column(s) [...] not found", which its tests match), checked after emptiness as before.
    require_frame(transactions, "The transaction table")
    missing = [col for col in columns.values() if col is not None and col not in transactions.columns]
    if missing:
        raise ValueError(f"Column(s) {missing} not found; the table has {list(transactions.columns)}. "
                         "Pass the right names with customer=, date= (and amount=).")
    return transactions


def _dates(series: pd.Series, name: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        dates = series
    else:
        dates = pd.to_datetime(series, errors="coerce")
        bad = dates.isna() & series.notna()
        if bad.any():
            example = series[bad].iloc[0]
            raise ValueError(f"Column {name!r} has {int(bad.sum())} value(s) that are not dates "
                             f"(e.g. {example!r}); fix them or parse the column with pd.to_datetime.")
    if dates.isna().any():
        raise ValueError(f"Column {name!r} has {int(dates.isna().sum())} missing date(s); drop or fix those "
                         "rows first.")
    return dates


def _drop_missing_customers(frame: pd.DataFrame, customer: str) -> pd.DataFrame:
    missing = frame[customer].isna()
    if missing.any():
        warnings.warn(f"dropped {int(missing.sum()):,} row(s) with no {customer!r} "
                      f"({missing.mean():.1%} of rows): they cannot be followed over time.", stacklevel=3)
        frame = frame[~missing]
    return frame


# --------------------------------------------------------------------------- cohorts


def cohort_retention(transactions: pd.DataFrame, *, customer: str, date: str, period: str = "M",
                     counts: bool = False) -> pd.DataFrame:
    """Cohort × period table: share of each cohort's customers who buy in each later period.

    A customer's cohort is the period (``"M"`` month, ``"W"`` week, ``"Q"`` quarter, ``"Y"``
    year) of their first purchase.  Column ``k`` is the share of the cohort that bought in
    the k-th period after it (column 0 is always 1.0); cells that lie after the end of the
    log are missing.  With ``counts=True`` the cells are numbers of customers.  Rows with no
    customer id are dropped with a warning.
    """
    _frame_with(transactions, {"customer": customer, "date": date})
    if period not in {"W", "M", "Q", "Y"}:
        raise ValueError(f"period must be 'W', 'M', 'Q' or 'Y', not {period!r}.")
    frame = _drop_missing_customers(transactions[[customer, date]], customer)
    periods = _dates(frame[date], date).dt.to_period(period)
    # Period ordinals as plain integers, vectorised.
    ordinal = pd.Series(pd.PeriodIndex(periods).asi8, index=frame.index)
    first = ordinal.groupby(frame[customer]).transform("min")
    active = pd.DataFrame({"customer": frame[customer].to_numpy(), "cohort": first.to_numpy(),
                           "age": (ordinal - first).to_numpy()}).drop_duplicates()
    table = active.pivot_table(index="cohort", columns="age", values="customer", aggfunc="count")
    last = int(ordinal.max())
    ages = np.arange(table.columns.max() + 1)
    table = table.reindex(columns=ages)
    observable = (table.index.to_numpy()[:, None] + ages[None, :]) <= last
    table = table.fillna(0).where(observable)
    if not counts:
        table = table.div(table[0], axis=0)
    freq = pd.PeriodIndex(periods).freq
    table.index = pd.PeriodIndex.from_ordinals(table.index.to_numpy(), freq=freq).astype(str)
    table.index.name = "cohort"
    table.columns = pd.Index(ages, name="periods_since_first")
    return table


class ShiftedBetaGeometric:
    """The shifted-beta-geometric (sBG) retention model of Fader & Hardie (2007).

    Each customer leaves at the end of any period with a constant probability θ; θ varies
    across customers as Beta(α, β).  For the cohort:
    P(leave in period t) = B(α + 1, β + t − 1) / B(α, β) and
    S(t) = P(still a customer after t periods) = B(α, β + t) / B(α, β);
    the retention rate from t − 1 to t is (β + t − 1) / (α + β + t − 1), rising with t.

    ``fit(survivors)`` takes a cohort's survivor counts, starting with the cohort's size at
    period 0 (e.g. 1000, 631, 468, …) and estimates α, β by maximum likelihood.
    """

    def __init__(self):
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    @staticmethod
    def _check_survivors(survivors) -> np.ndarray:
        counts = np.asarray(survivors, dtype="float64")
        if counts.ndim != 1 or len(counts) < 2:
            raise ValueError("survivors must be a 1-D sequence of at least two counts: the cohort size at "
                             "period 0, then the customers left after each period.")
        if not np.all(np.isfinite(counts)) or (counts < 0).any() or (counts != np.round(counts)).any():
            raise ValueError("survivors must be non-negative whole numbers of customers.")
        if (np.diff(counts) > 0).any():
            raise ValueError("survivors cannot grow from one period to the next: a cohort only loses "
                             "customers. Did you pass active customers including new sign-ups?")
        if counts[0] == 0:
            raise ValueError("The cohort is empty at period 0.")
        return counts

    @staticmethod
    def _log_lik(alpha: float, beta: float, counts: np.ndarray) -> float:
        n = len(counts) - 1
        t = np.arange(1, n + 1)
        log_beta_ab = special.betaln(alpha, beta)
        log_p = special.betaln(alpha + 1, beta + t - 1) - log_beta_ab      # P(T = t)
        log_s = special.betaln(alpha, beta + n) - log_beta_ab              # S(n)
        lost = counts[:-1] - counts[1:]
        return float(np.sum(lost * log_p) + counts[-1] * log_s)

    def fit(self, survivors) -> "ShiftedBetaGeometric":
        counts = self._check_survivors(survivors)

        def loss(log_params):
            alpha, beta = np.exp(np.clip(log_params, -20, 20))
            with np.errstate(all="ignore"):
                value = -self._log_lik(alpha, beta, counts)
            return value if np.isfinite(value) else np.inf

        result = optimize.minimize(loss, x0=np.zeros(2), method="Nelder-Mead",
                                   options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20_000})
        if not result.success:  # pragma: no cover - the likelihood is smooth and unimodal in practice
            raise RuntimeError(f"The sBG fit did not converge: {result.message}")
        alpha, beta = np.exp(np.clip(result.x, -20, 20))
        self.params_ = {"alpha": float(alpha), "beta": float(beta)}
        self.log_likelihood_ = float(-result.fun)
        return self

    def _params(self) -> tuple[float, float]:
        if self.params_ is None:
            raise ValueError("Fit the model first: ShiftedBetaGeometric().fit(survivors).")
        return self.params_["alpha"], self.params_["beta"]

    def survival(self, periods) -> np.ndarray:
        """S(t): expected share of the cohort still customers after each of ``periods`` periods."""
        alpha, beta = self._params()
        t = np.asarray(periods, dtype="float64")
        if (t < 0).any():
            raise ValueError("periods must be ≥ 0.")
        return np.exp(special.betaln(alpha, beta + t) - special.betaln(alpha, beta))

    def retention(self, periods) -> np.ndarray:
        """r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), for t ≥ 1."""
        alpha, beta = self._params()
        t = np.asarray(periods, dtype="float64")
        if (t < 1).any():
            raise ValueError("Retention is defined from period 1 on (the share of period t−1's customers "
                             "still there at t).")
        return (beta + t - 1) / (alpha + beta + t - 1)

    def expected_lifetime(self, discount: float) -> float:
        """DEL: discounted expected number of payments of a new customer, the first one today.

        Σ_{t≥0} S(t) / (1 + d)^t = 2F1(1, β; α + β; 1 / (1 + d)) (Fader & Hardie 2010).
        """
        alpha, beta = self._params()
        d = _number(discount, "discount", low=0, low_open=True)
        return float(special.hyp2f1(1.0, beta, alpha + beta, 1.0 / (1.0 + d)))

    def residual_lifetime(self, renewals: int, discount: float) -> float:
        """DERL: discounted expected payments still to come from a customer who has renewed ``renewals`` times.

        The customer is at the end of period ``renewals + 1`` (sign-up counts as the first
        payment), about to decide whether to renew: the next payment, if made, counts fully,
        each later one is discounted one more period.  Fader & Hardie (2010), "Customer-base
        valuation in a contractual setting: the perils of ignoring heterogeneity", Marketing
        Science 29(1), equation 6:
        DERL = (β + n − 1) / (α + β + n − 1) · 2F1(1, β + n; α + β + n; 1 / (1 + d)), n = renewals + 1.
        """
        alpha, beta = self._params()
        d = _number(discount, "discount", low=0, low_open=True)
        if isinstance(renewals, bool) or not isinstance(renewals, (int, np.integer)) or renewals < 0:
            raise ValueError(f"renewals must be a non-negative whole number, not {renewals!r}.")
        n = int(renewals) + 1
        return float((beta + n - 1) / (alpha + beta + n - 1)
                     * special.hyp2f1(1.0, beta + n, alpha + beta + n, 1.0 / (1.0 + d)))


# --------------------------------------------------------------------------- RFM summary


_UNIT_DAYS = {"D": 1.0, "W": 7.0}


def summary_from_transactions(transactions: pd.DataFrame, *, customer: str, date: str, amount: str | None = None,
                              end, unit: str = "W") -> pd.DataFrame:
    """Per customer: ``frequency``, ``recency``, ``T`` (and ``monetary``) for BG/NBD and Gamma-Gamma.

    The conventions of Fader, Hardie & Lee (2005):

    * purchases on the same day count as one purchase (their amounts are added);
    * ``frequency`` = number of *repeat* purchase days (all purchase days but the first);
    * ``recency`` = time from the first to the last purchase (0 for one-time buyers);
    * ``T`` = time from the first purchase to ``end`` (the last day of the period observed);
    * ``monetary`` = mean amount of the repeat purchases (0 for one-time buyers; the first
      purchase is left out, as in Fader & Hardie's Gamma-Gamma note).

    Times are in days / 7 for ``unit="W"`` (fractional weeks) or days for ``unit="D"``.
    Purchases after ``end`` are left out (a printed line says how many).
    Returns one row per customer, indexed and sorted by customer id.
    """
    _frame_with(transactions, {"customer": customer, "date": date, "amount": amount})
    if unit not in _UNIT_DAYS:
        raise ValueError(f"unit must be 'W' (weeks) or 'D' (days), not {unit!r}.")
    try:
        end = pd.Timestamp(end)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"end must be a date such as '1997-09-30', not {end!r}.") from exc
    columns = [customer, date] + ([amount] if amount else [])
    frame = _drop_missing_customers(transactions[columns], customer)
    days = _dates(frame[date], date).dt.normalize()
    if amount:
        spend = pd.to_numeric(frame[amount], errors="coerce")
        if spend.isna().any():
            raise ValueError(f"Column {amount!r} has {int(spend.isna().sum())} missing or non-numeric value(s).")
        if (spend < 0).any():
            raise ValueError(f"Column {amount!r} has {int((spend < 0).sum())} negative amount(s): net returns "
                             "against their purchases (or drop them) before summarising.")
    late = days > end
    if late.any():
        print(f"left out {int(late.sum()):,} purchase line(s) after {end.date()} (outside the period observed)")
    keep = ~late.to_numpy()
    daily = pd.DataFrame({"customer": frame[customer].to_numpy()[keep], "day": days.to_numpy()[keep],
                          "amount": spend.to_numpy()[keep] if amount else 0.0})
    if daily.empty:
        raise ValueError(f"No purchases on or before end={end.date()}.")
    daily = daily.groupby(["customer", "day"], sort=True)["amount"].sum().reset_index()
    grouped = daily.groupby("customer", sort=True)
    first = grouped["day"].transform("min")
    is_repeat = (daily["day"] > first).to_numpy()
    per_unit = _UNIT_DAYS[unit]
    summary = pd.DataFrame({
        "frequency": grouped["day"].count() - 1,
        "recency": (grouped["day"].max() - grouped["day"].min()).dt.days / per_unit,
        "T": (end - grouped["day"].min()).dt.days / per_unit,
    })
    summary["frequency"] = summary["frequency"].astype("int64")
    if amount:
        repeat_spend = daily.loc[is_repeat].groupby("customer")["amount"].mean()
        summary["monetary"] = repeat_spend.reindex(summary.index).fillna(0.0)
    summary.index.name = customer
    return summary


# --------------------------------------------------------------------------- BG/NBD


def _rft(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(frequency, dtype="float64")
    t_x = np.asarray(recency, dtype="float64")
    big_t = np.asarray(T, dtype="float64")
    x, t_x, big_t = np.broadcast_arrays(x, t_x, big_t)
    if x.size == 0:
        raise ValueError("No customers: frequency, recency and T are empty.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(t_x)) and np.all(np.isfinite(big_t))):
        raise ValueError("frequency, recency and T must be finite numbers (no missing values).")
    if (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("frequency must be a non-negative whole number of repeat purchases.")
    if (t_x < 0).any():
        raise ValueError("recency must be ≥ 0 (time from the first to the last purchase).")
    if (t_x > big_t + 1e-9).any():
        raise ValueError(f"recency > T for {int((t_x > big_t + 1e-9).sum())} customer(s): the last purchase "
                         "cannot come after the end of the period. Was T measured to an earlier end date?")
    if ((x == 0) & (t_x > 0)).any():
        raise ValueError("A customer with no repeat purchase must have recency 0.")
    if ((x > 0) & (t_x == 0)).any():
        raise ValueError("A customer with repeat purchases must have recency > 0 (repeat purchases on the "
                         "first day count as the same purchase).")
    return x, t_x, big_t


def _hyp2f1_term(r, a, b, x, z):
    """(1 − z)^(r+x) · 2F1(r + x, b + x; a + b + x − 1; z), via Euler's transformation.

    (1 − z)^(r+x) 2F1(r+x, b+x; c; z) = (1 − z)^(a − 1) 2F1(a + b − 1 − r, a − 1; c; z),
    with c = a + b + x − 1: the first two parameters no longer grow with x, so the series
    converges fast and neither factor over- or underflows for frequent buyers.
    """
    return (1.0 - z) ** (a - 1.0) * special.hyp2f1(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z)


class BetaGeo:
    """The BG/NBD model (Fader, Hardie & Lee 2005) for customers who leave without telling.

    While alive, a customer buys as a Poisson process with rate λ ~ Gamma(shape r, rate α);
    after each purchase they drop out for good with probability p ~ Beta(a, b).
    ``fit(frequency, recency, T)`` estimates r, α, a, b by maximum likelihood.
    """

    def __init__(self):
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    # -- likelihood -------------------------------------------------------------------
    @staticmethod
    def _log_lik_each(params, x, t_x, big_t) -> np.ndarray:
        r, alpha, a, b = params
        a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
        a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
        a3 = -(r + x) * np.log(alpha + big_t)
        with np.errstate(divide="ignore", invalid="ignore"):
            a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x),
                          -np.inf)
        return a1 + a2 + np.logaddexp(a3, a4)

    def fit(self, frequency, recency, T, *, initial: dict[str, float] | None = None) -> "BetaGeo":
        x, t_x, big_t = _rft(frequency, recency, T)
        # Customers with identical (x, t_x, T) share one likelihood term: weight them.
        keys = np.column_stack([x, t_x, big_t])
        unique, counts = np.unique(keys, axis=0, return_counts=True)
        ux, utx, ut = unique.T
        start = np.log([initial[k] for k in ("r", "alpha", "a", "b")]) if initial else np.zeros(4)
        total = counts.sum()

        def loss(log_params):
            # Parameters stay within e^±20; a step into a region where the likelihood is not a
            # number counts as infinitely bad, so the optimiser backs off instead of failing.
            with np.errstate(all="ignore"):
                values = self._log_lik_each(np.exp(np.clip(log_params, -20, 20)), ux, utx, ut)
                value = -np.sum(counts * values) / total
            return value if np.isfinite(value) else np.inf

        # Quasi-Newton on the log-parameters converges in a few hundred evaluations; if it stalls
        # away from a stationary point, restart from a derivative-free simplex search.
        best = optimize.minimize(loss, start, method="BFGS", options={"gtol": 1e-10})
        if not np.isfinite(best.fun) or np.max(np.abs(best.jac)) > 1e-5:
            simplex = optimize.minimize(loss, start, method="Nelder-Mead",
                                        options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 40_000, "maxfev": 40_000})
            polished = optimize.minimize(loss, simplex.x, method="BFGS", options={"gtol": 1e-10})
            best = min([best, simplex, polished], key=lambda res: res.fun if np.isfinite(res.fun) else np.inf)
        r, alpha, a, b = np.exp(np.clip(best.x, -20, 20))
        self.params_ = {"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)}
        self.log_likelihood_ = float(-best.fun * total)
        return self

    def _params(self) -> tuple[float, float, float, float]:
        if self.params_ is None:
            raise ValueError("Fit the model first: BetaGeo().fit(frequency, recency, T).")
        p = self.params_
        return p["r"], p["alpha"], p["a"], p["b"]

    # -- predictions ------------------------------------------------------------------
    def expected_purchases(self, t, frequency, recency, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` periods of each customer.

        (a + b + x − 1)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
        / [1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]   (Fader, Hardie & Lee 2005, eq. 10).
        """
        r, alpha, a, b = self._params()
        x, t_x, big_t = _rft(frequency, recency, T)
        t = np.asarray(t, dtype="float64")
        if (t < 0).any():
            raise ValueError("t (the length of the future period) must be ≥ 0.")
        z = t / (alpha + big_t + t)
        term = _hyp2f1_term(r, a, b, x, z)
        numerator = (a + b + x - 1) / (a - 1) * (1.0 - term)
        return numerator * self.prob_alive(x, t_x, big_t)

    def prob_alive(self, frequency, recency, T) -> np.ndarray:
        """P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))."""
        r, alpha, a, b = self._params()
        x, t_x, big_t = _rft(frequency, recency, T)
        with np.errstate(divide="ignore"):
            log_odds_dead = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                             + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x)))
        return np.where(x > 0, special.expit(-log_odds_dead), 1.0)

    def expected_purchases_new(self, t) -> np.ndarray:
        """E[X(t)]: expected repeat purchases of a brand-new customer in their first ``t`` periods.

        (a + b − 1)/(a − 1) · [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))] (eq. 9), via Euler.
        """
        r, alpha, a, b = self._params()
        t = np.asarray(t, dtype="float64")
        if (t < 0).any():
            raise ValueError("t must be ≥ 0.")
        z = t / (alpha + t)
        term = _hyp2f1_term(r, a, b, 0.0, z)
        return (a + b - 1) / (a - 1) * (1.0 - term)

    def cumulative_repeat_purchases(self, first_purchase, times) -> np.ndarray:
        """Expected repeat purchases of a whole cohort up to each of ``times``.

        ``first_purchase`` holds each customer's first-purchase time (same unit, same origin as
        ``times``); a customer contributes E[X(time − first purchase)] once they have joined.
        This is the "tracking" curve compared with actual cumulative repeat purchases.
        """
        starts = np.asarray(first_purchase, dtype="float64")
        times = np.asarray(times, dtype="float64")
        values, counts = np.unique(starts, return_counts=True)
        ages = np.clip(times[:, None] - values[None, :], 0.0, None)
        return (self.expected_purchases_new(ages) * counts[None, :]).sum(axis=1)


# --------------------------------------------------------------------------- Gamma-Gamma


def _check_spend(frequency, monetary) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(frequency, dtype="float64")
    m = np.asarray(monetary, dtype="float64")
    x, m = np.broadcast_arrays(x, m)
    if x.size == 0:
        raise ValueError("No customers: frequency and monetary are empty.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))):
        raise ValueError("frequency and monetary must be finite numbers (no missing values).")
    if (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("frequency must be a non-negative whole number of repeat purchases.")
    if ((x > 0) & (m <= 0)).any():
        raise ValueError(f"{int(((x > 0) & (m <= 0)).sum())} repeat buyer(s) have a mean spend ≤ 0: the "
                         "Gamma-Gamma model needs positive spend. Remove zero-value purchases or those customers.")
    return x, m


class GammaGamma:
    """The Gamma-Gamma model of spend per purchase.

    Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base
    analysis", Journal of Marketing Research 42(4); Fader & Hardie (2013), "The Gamma-Gamma
    model of monetary value" (note, brucehardie.com).

    A customer's purchases are Gamma(p, ν) around their own mean p/ν; ν varies across
    customers as Gamma(q, γ).  Fit on repeat buyers: ``fit(frequency, monetary)`` with the
    number of repeat purchases and their mean value.
    """

    def __init__(self):
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    @staticmethod
    def _log_lik_each(params, x, m) -> np.ndarray:
        p, q, gamma = params
        px = p * x
        return (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(gamma)
                + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(gamma + m * x))

    def fit(self, frequency, monetary) -> "GammaGamma":
        x, m = _check_spend(frequency, monetary)
        repeat = x > 0
        if (~repeat).any():
            print(f"fitting on the {int(repeat.sum()):,} repeat buyers; left out {int((~repeat).sum()):,} "
                  "one-time buyer(s) (no repeat spend to learn from)")
        x, m = x[repeat], m[repeat]
        if x.size < 3:
            raise ValueError("Need at least three repeat buyers to fit the Gamma-Gamma model.")

        def loss(log_params):
            with np.errstate(all="ignore"):
                value = -np.mean(self._log_lik_each(np.exp(np.clip(log_params, -20, 20)), x, m))
            return value if np.isfinite(value) else np.inf

        result = optimize.minimize(loss, np.log([1.0, 1.0, np.mean(m)]), method="Nelder-Mead",
                                   options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 40_000, "maxfev": 40_000})
        p, q, gamma = np.exp(np.clip(result.x, -20, 20))
        self.params_ = {"p": float(p), "q": float(q), "gamma": float(gamma)}
        self.log_likelihood_ = float(-result.fun * x.size)
        return self

    def expected_spend(self, frequency, monetary) -> np.ndarray:
        """E[M | x, m_x] = p(γ + x·m_x) / (p·x + q − 1): a weighted mix of the population and customer means.

        For one-time buyers (x = 0) this is the population mean p·γ / (q − 1).
        """
        if self.params_ is None:
            raise ValueError("Fit the model first: GammaGamma().fit(frequency, monetary).")
        p, q, gamma = self.params_["p"], self.params_["q"], self.params_["gamma"]
        if q <= 1:
            raise ValueError(f"q = {q:.3f} ≤ 1: the population mean spend is infinite under this fit.")
        x, m = _check_spend(frequency, monetary)
        m = np.where(x > 0, m, 0.0)
        return p * (gamma + x * m) / (p * x + q - 1)


# --------------------------------------------------------------------------- value


def customer_value(bgnbd: BetaGeo, gamma_gamma: GammaGamma, frequency, recency, T, monetary, *,
                   margin: float, horizon: int = 52, discount: float = 0.10,
                   periods_per_year: float = 52) -> np.ndarray:
    """Discounted expected margin of each customer over the next ``horizon`` periods.

    Σ_{k=1}^{horizon} [E[Y(k)] − E[Y(k−1)]] · E[spend] · margin / (1 + d_period)^k, where
    E[Y(k)] comes from the BG/NBD model, E[spend] from the Gamma-Gamma model, and the annual
    ``discount`` rate is turned into a per-period rate (1 + d)^(1/periods_per_year) − 1.
    """
    m = _number(margin, "margin", low=0, high=1)
    d = _number(discount, "discount", low=0)
    ppy = _number(periods_per_year, "periods_per_year", low=0, low_open=True)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of periods ≥ 1, not {horizon!r}.")
    x, t_x, big_t = _rft(frequency, recency, T)
    spend = gamma_gamma.expected_spend(x, monetary)
    steps = np.arange(horizon + 1, dtype="float64")
    cumulative = bgnbd.expected_purchases(steps[:, None], x[None, :], t_x[None, :], big_t[None, :])
    per_period = np.diff(cumulative, axis=0)
    factor = (1.0 + d) ** (-steps[1:] / ppy)
    return (per_period * factor[:, None]).sum(axis=0) * spend * m
