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
from typing import Mapping

import numpy as np
import pandas as pd
from scipy import optimize, special

from helpers._validate import (InputError, aligned, number, read_date, read_dates, require_columns, require_ids,
                               require_numeric, return_rows, share, whole_number)

__all__ = [
    "simple_clv", "retention_clv", "cohort_retention", "ShiftedBetaGeometric",
    "summary_from_transactions", "BetaGeo", "GammaGamma", "customer_value", "FitWarning",
]


# --------------------------------------------------------------------------- formulas


_number = number  # the shared scalar check (helpers._validate.number)


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
    d = share(discount, "discount")
    if years is None:
        if r >= 1 and d == 0:
            raise InputError("With retention 1 and no discounting the value is infinite; give `years` "
                             "or a positive discount rate.")
        return m * (1 + d) / (1 + d - r)
    try:
        years = whole_number(years, "years", low=0, high=100_000)
    except InputError:
        raise InputError(f"years must be a non-negative whole number of years (or None for ever), "
                         f"not {years!r}.") from None
    t = np.arange(int(years))
    return float(m * np.sum((r / (1 + d)) ** t))


# --------------------------------------------------------------------------- input checks


def _frame_with(transactions, columns: dict[str, str | None]) -> pd.DataFrame:
    # The shared checks (type, repeated column names, emptiness, columns); the missing-column
    # message keeps clv's wording ("Column(s) [...] not found").
    require_columns(transactions, [], "The transaction table")
    names = [col for col in columns.values() if col is not None]
    missing = [col for col in names if not isinstance(col, str) or col not in transactions.columns]
    if missing:
        raise InputError(f"Column(s) {missing} not found; the table has {list(transactions.columns)}. "
                         "Pass the right names with customer=, date= (and amount=).")
    if columns.get("customer") is not None:
        require_ids(transactions, columns["customer"])
    return transactions


def _dates(series: pd.Series, name: str, *, dayfirst=None, date_format=None) -> tuple[pd.Series, object]:
    """The kit's date reader (helpers._validate.read_dates): naive dates and the zone they were in."""
    return read_dates(series, name=name, dayfirst=dayfirst, date_format=date_format, return_zone=True)


def _drop_missing_customers(frame: pd.DataFrame, customer: str) -> pd.DataFrame:
    missing = frame[customer].isna()
    if missing.any():
        warnings.warn(f"dropped {int(missing.sum()):,} row(s) with no {customer!r} "
                      f"({missing.mean():.1%} of rows): they cannot be followed over time.", stacklevel=3)
        frame = frame[~missing]
    return frame


# --------------------------------------------------------------------------- fit diagnostics


class FitWarning(UserWarning):
    """A model fit whose estimates should not be trusted as they stand (a parameter at the
    optimiser's bound, or one the data cannot pin down)."""


#: Parameters are searched on the log scale within ±20 (e^20 ≈ 4.9e8); at this distance from
#: it an estimate counts as "at the bound".
_LOG_BOUND = 20.0
_AT_BOUND = 19.0
#: A standard error above this on the log scale (a factor of e² ≈ 7 either way) means the
#: data cannot tell the parameter's value.
_LOG_SE_LIMIT = 2.0


def _hessian(f, x: np.ndarray, step: float = 1e-4) -> np.ndarray:
    """Central-difference Hessian of ``f`` at ``x``."""
    n = len(x)
    h = np.zeros((n, n))
    f0 = f(x)
    for i in range(n):
        for j in range(i, n):
            if i == j:
                up, down = x.copy(), x.copy()
                up[i] += step
                down[i] -= step
                h[i, i] = (f(up) - 2 * f0 + f(down)) / step ** 2
            else:
                pp, pm, mp, mm = (x.copy() for _ in range(4))
                pp[i] += step; pp[j] += step  # noqa: E702
                pm[i] += step; pm[j] -= step  # noqa: E702
                mp[i] -= step; mp[j] += step  # noqa: E702
                mm[i] -= step; mm[j] -= step  # noqa: E702
                h[i, j] = h[j, i] = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * step ** 2)
    return h


def _diagnose(model, total_loss, log_params: np.ndarray, names: tuple[str, ...], converged: bool,
              meaning: dict[str, str], others: list[tuple[float, np.ndarray]] | None = None) -> None:
    """Standard errors from the Hessian of the log-likelihood, and plain-words warnings.

    Sets ``model.converged_``, ``model.standard_errors_`` (NaN where the curvature cannot
    give one) and ``model.fit_warnings_`` (the messages also raised as :class:`FitWarning`).
    ``meaning`` says, per parameter, what the data could not tell ("how fast customers drop
    out"); ``others`` holds (loss, log-parameters) reached from other starts.
    """
    params = np.exp(np.clip(log_params, -_LOG_BOUND, _LOG_BOUND))
    with np.errstate(all="ignore"):
        hess = _hessian(total_loss, np.asarray(log_params, dtype="float64"))
    se_log = np.full(len(names), np.nan)
    if np.all(np.isfinite(hess)):
        try:
            eigen = np.linalg.eigvalsh(hess)
            if eigen.min() > 1e-8 * max(1.0, eigen.max()):
                se_log = np.sqrt(np.diag(np.linalg.inv(hess)))
        except np.linalg.LinAlgError:  # pragma: no cover - a singular matrix is caught by the eigenvalues
            pass
    model.converged_ = bool(converged)
    unclear: dict[str, str] = {}
    for name, x, se in zip(names, log_params, se_log):
        if abs(x) >= _AT_BOUND:
            unclear[name] = "at the search bound"
        elif not np.isfinite(se) or se > _LOG_SE_LIMIT:
            unclear[name] = "not identified: the likelihood is flat in it"
    if others:
        best = total_loss(np.asarray(log_params, dtype="float64"))
        for loss, x in others:
            if np.isfinite(loss) and abs(loss - best) < 0.05:
                for name, a_, b_ in zip(names, log_params, x):
                    if abs(a_ - b_) > 0.5 and name not in unclear:
                        unclear[name] = ("not identified: another start reaches the same likelihood at "
                                         f"{name} = {np.exp(np.clip(b_, -_LOG_BOUND, _LOG_BOUND)):.4g}")
    model.standard_errors_ = {name: float("nan") if name in unclear else float(value * se)
                              for name, value, se in zip(names, params, se_log)}
    messages = []
    if not converged:
        messages.append(f"{type(model).__name__}: the optimiser did not converge; the estimates may not be the "
                        "best fit.")
    by_meaning: dict[str, list[str]] = {}
    for name, reason in unclear.items():
        by_meaning.setdefault(meaning[name], []).append(f"{name} = {params[names.index(name)]:.4g} ({reason})")
    for what, items in by_meaning.items():
        messages.append(f"{type(model).__name__}: the data cannot tell {what}: {'; '.join(items)}. Read the "
                        "estimates and the forecasts built on them as unreliable; more customers, a longer "
                        "period or more repeat buyers would help.")
    model.fit_warnings_ = messages
    for message in messages:
        warnings.warn(message, FitWarning, stacklevel=3)


# --------------------------------------------------------------------------- cohorts


def cohort_retention(transactions: pd.DataFrame, *, customer: str, date: str, period: str = "M",
                     counts: bool = False, dayfirst: bool | None = None, date_format: str | None = None
                     ) -> pd.DataFrame:
    """Cohort × period table: share of each cohort's customers who buy in each later period.

    A customer's cohort is the period (``"M"`` month, ``"W"`` week, ``"Q"`` quarter, ``"Y"``
    year) of their first purchase.  Column ``k`` is the share of the cohort that bought in
    the k-th period after it (column 0 is always 1.0); cells that lie after the end of the
    log are missing; the columns run to the oldest cohort's last observable period, so a
    period in which nobody bought shows as 0, not as missing.  With ``counts=True`` the cells
    are numbers of customers.  Rows with no customer id are dropped with a warning.
    ``dayfirst`` / ``date_format`` say how to read text dates (the kit's date rules).
    """
    _frame_with(transactions, {"customer": customer, "date": date})
    if not isinstance(period, str) or period not in {"W", "M", "Q", "Y"}:
        raise InputError(f"period must be 'W', 'M', 'Q' or 'Y', not {period!r}.")
    if not isinstance(counts, (bool, np.bool_)):
        raise InputError(f"counts must be True or False, not {counts!r}.")
    frame = _drop_missing_customers(transactions[[customer, date]], customer)
    if frame.empty:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}.")
    periods = _dates(frame[date], date, dayfirst=dayfirst, date_format=date_format)[0].dt.to_period(period)
    # Period ordinals as plain integers, vectorised.
    ordinal = pd.Series(pd.PeriodIndex(periods).asi8, index=frame.index)
    first = ordinal.groupby(frame[customer]).transform("min")
    active = pd.DataFrame({"customer": frame[customer].to_numpy(), "cohort": first.to_numpy(),
                           "age": (ordinal - first).to_numpy()}).drop_duplicates()
    table = active.pivot_table(index="cohort", columns="age", values="customer", aggfunc="count")
    last = int(ordinal.max())
    ages = np.arange(last - int(table.index.min()) + 1)
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
        self.converged_: bool | None = None
        self.standard_errors_: dict[str, float] | None = None
        self.fit_warnings_: list[str] = []

    @staticmethod
    def _check_survivors(survivors) -> np.ndarray:
        if np.ndim(survivors) != 1:
            raise InputError("survivors must be a 1-D sequence of at least two counts: the cohort size at "
                             "period 0, then the customers left after each period.")
        counts = _array(survivors, "survivors")
        if counts.ndim != 1 or len(counts) < 2:
            raise InputError("survivors must be a 1-D sequence of at least two counts: the cohort size at "
                             "period 0, then the customers left after each period.")
        if not np.all(np.isfinite(counts)) or (counts < 0).any() or (counts != np.round(counts)).any():
            raise InputError("survivors must be non-negative whole numbers of customers.")
        if (np.diff(counts) > 0).any():
            raise InputError("survivors cannot grow from one period to the next: a cohort only loses "
                             "customers. Did you pass active customers including new sign-ups?")
        if counts[0] == 0:
            raise InputError("The cohort is empty at period 0.")
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

        def search(x0):
            return optimize.minimize(loss, x0=x0, method="Nelder-Mead",
                                     options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20_000})

        result = search(np.zeros(2))
        second = search(np.log([0.5, 5.0]))  # a second start; replaces only if clearly better
        others = [(second.fun, second.x)]
        if np.isfinite(second.fun) and second.fun < result.fun - 1e-9 * max(1.0, abs(result.fun)):
            result, others = second, [(result.fun, result.x)]
        alpha, beta = np.exp(np.clip(result.x, -20, 20))
        self.params_ = {"alpha": float(alpha), "beta": float(beta)}
        self.log_likelihood_ = float(-result.fun)
        what = "how the chance of leaving varies between customers"
        _diagnose(self, loss, result.x, ("alpha", "beta"), bool(result.success), {"alpha": what, "beta": what},
                  others)
        return self

    def _params(self) -> tuple[float, float]:
        if self.params_ is None:
            raise InputError("Fit the model first: ShiftedBetaGeometric().fit(survivors).")
        return self.params_["alpha"], self.params_["beta"]

    def survival(self, periods) -> np.ndarray:
        """S(t): expected share of the cohort still customers after each of ``periods`` periods."""
        alpha, beta = self._params()
        t = _times(periods, "periods")
        if (t < 0).any():
            raise InputError("periods must be ≥ 0.")
        return np.exp(special.betaln(alpha, beta + t) - special.betaln(alpha, beta))

    def retention(self, periods) -> np.ndarray:
        """r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), for t ≥ 1."""
        alpha, beta = self._params()
        t = _times(periods, "periods")
        if (t < 1).any():
            raise InputError("Retention is defined from period 1 on (the share of period t−1's customers "
                             "still there at t).")
        return (beta + t - 1) / (alpha + beta + t - 1)

    def expected_lifetime(self, discount: float) -> float:
        """DEL: discounted expected number of payments of a new customer, the first one today.

        Σ_{t≥0} S(t) / (1 + d)^t = 2F1(1, β; α + β; 1 / (1 + d)) (Fader & Hardie 2010).
        """
        alpha, beta = self._params()
        d = share(discount, "discount", open_low=True)
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
        d = share(discount, "discount", open_low=True)
        n = whole_number(renewals, "renewals", low=0, high=100_000) + 1
        return float((beta + n - 1) / (alpha + beta + n - 1)
                     * special.hyp2f1(1.0, beta + n, alpha + beta + n, 1.0 / (1.0 + d)))


# --------------------------------------------------------------------------- RFM summary


_UNIT_DAYS = {"D": 1.0, "W": 7.0}


def summary_from_transactions(transactions: pd.DataFrame, *, customer: str, date: str, amount: str | None = None,
                              end=None, unit: str = "W", returns="negative", dayfirst: bool | None = None,
                              date_format: str | None = None) -> pd.DataFrame:
    """Per customer: ``frequency``, ``recency``, ``T`` (and ``monetary``) for BG/NBD and Gamma-Gamma.

    The conventions of Fader, Hardie & Lee (2005):

    * purchases on the same day count as one purchase (their amounts are added);
    * ``frequency`` = number of *repeat* purchase days (all purchase days but the first);
    * ``recency`` = time from the first to the last purchase (0 for one-time buyers);
    * ``T`` = time from the first purchase to ``end`` (the last day of the period observed);
      ``end=None`` takes the last purchase day in the log, and a printed line says so;
    * ``monetary`` = mean amount of the repeat purchases (0 for one-time buyers; the first
      purchase is left out, as in Fader & Hardie's Gamma-Gamma note).

    **Returns** follow the rule of :func:`helpers.rfm.rfm_table` (``returns="negative"``, a
    True/False mask per row, or ``None``): a return is not a purchase (it makes no purchase
    day and no recency), and its amount is netted into the repeat spend when it comes after
    the customer's first purchase day (a return on the first day nets against the first
    purchase, which ``monetary`` leaves out).  Customers with only returns are left out.
    Each of these is counted in a printed line.

    Times are in days / 7 for ``unit="W"`` (fractional weeks) or days for ``unit="D"``.
    Purchases after ``end`` are left out (a printed line says how many).  ``dayfirst`` /
    ``date_format`` say how to read text dates (the kit's date rules).
    Returns one row per customer, indexed and sorted by customer id.
    """
    _frame_with(transactions, {"customer": customer, "date": date, "amount": amount})
    if not isinstance(unit, str) or unit not in _UNIT_DAYS:
        raise InputError(f"unit must be 'W' (weeks) or 'D' (days), not {unit!r}.")
    if amount:
        all_spend = require_numeric(transactions, amount, finite=True).to_numpy(dtype="float64")
    else:
        all_spend = None
    all_returns = return_rows(returns, transactions, all_spend)
    columns = [customer, date] + ([amount] if amount else [])
    frame = _drop_missing_customers(transactions[columns], customer)
    if frame.empty:
        raise InputError(f"No row of the transaction table has a customer id in {customer!r}.")
    is_return = all_returns[transactions[customer].notna().to_numpy()]  # the rows kept in frame
    parsed, zone = _dates(frame[date], date, dayfirst=dayfirst, date_format=date_format)
    days = parsed.dt.normalize()
    spend = frame[amount].astype("float64") if amount else pd.Series(0.0, index=frame.index)
    if end is None:
        purchase_days = days[~is_return]
        if purchase_days.empty:
            raise InputError("The log has no purchases (every row is a return).")
        end = purchase_days.max()
        print(f"summary_from_transactions: end {end.date()}, the last purchase day in the log; pass end= to "
              "choose another.")
    else:
        end = read_date(end, name="end", zone=zone)
    late = (days > end).to_numpy()
    if late.any():
        print(f"left out {int(late.sum()):,} purchase line(s) after {end.date()} (outside the period observed)")
    keep = ~late
    buy = keep & ~is_return
    daily = pd.DataFrame({"customer": frame[customer].to_numpy()[buy], "day": days.to_numpy()[buy],
                          "amount": spend.to_numpy()[buy]})
    if daily.empty:
        raise InputError(f"No purchases on or before end={end.date()}: every row is after it"
                         + (f" or a return (a negative {amount!r})." if amount else "."))
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
    back = keep & is_return
    if back.any():
        only_returns = pd.Index(pd.unique(frame[customer].to_numpy()[back])).difference(summary.index)
        print(f"summary_from_transactions: {int(back.sum()):,} return line(s) are not purchases; their amounts "
              "are netted into the repeat spend"
              + (f"; left out {len(only_returns):,} customer(s) with only returns." if len(only_returns) else "."))
    if amount:
        repeat_spend = daily.loc[is_repeat].groupby("customer")["amount"].mean()
        monetary = repeat_spend.reindex(summary.index).fillna(0.0)
        if back.any():
            refunds = pd.DataFrame({"customer": frame[customer].to_numpy()[back], "day": days.to_numpy()[back],
                                    "amount": spend.to_numpy()[back]})
            first_day = grouped["day"].min()
            refunds = refunds[refunds["customer"].isin(summary.index)]
            later = refunds["day"].to_numpy() > first_day.reindex(refunds["customer"]).to_numpy()
            netted = refunds[later].groupby("customer")["amount"].sum().reindex(summary.index).fillna(0.0)
            repeat_total = daily.loc[is_repeat].groupby("customer")["amount"].sum().reindex(summary.index).fillna(0.0)
            frequency = summary["frequency"].to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                netted_mean = np.where(frequency > 0, (repeat_total + netted).to_numpy() / frequency, 0.0)
            monetary = monetary.where(netted == 0, netted_mean)
        summary["monetary"] = monetary
    summary.index.name = customer
    return summary


# --------------------------------------------------------------------------- BG/NBD


def _array(values, name: str) -> np.ndarray:
    """Numbers as a float array (of any shape); text numbers (``'1,000'``), True/False and tables get named errors."""
    if isinstance(values, pd.DataFrame):
        raise InputError(f"{name} must be one column of numbers (a Series or array), not a table; pick the column, "
                         f"e.g. summary[{name!r}].")
    if isinstance(values, (str, bytes)):
        raise InputError(f"{name} must be numbers, not the text {values!r}.")
    if isinstance(values, pd.Series):
        series = values
    else:
        array = np.asarray(values)
        if array.dtype.kind in "iuf":
            return array.astype("float64")
        series = pd.Series(array.ravel())
        if series.dtype == object:
            series = series.infer_objects()
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        if series.dtype == object and series.map(lambda v: isinstance(v, str)).all():
            series = series.astype("str")
        require_numeric(pd.DataFrame({name: series}), name)  # names thousands separators and numbers as text
    result = series.to_numpy(dtype="float64", na_value=np.nan)
    return result if isinstance(values, pd.Series) else result.reshape(np.shape(values))


def _times(values, name: str) -> np.ndarray:
    """Finite numbers of periods, keeping the shape of ``values`` (a scalar, a list, a grid)."""
    if isinstance(values, (str, bytes)) or (np.ndim(values) == 0 and not _is_number(values)):
        raise InputError(f"{name} must be a number of periods, not {values!r}.")
    try:
        array = np.asarray(values, dtype="float64")
    except (TypeError, ValueError):
        raise InputError(f"{name} must be numbers of periods, not {values!r}.") from None
    if not np.all(np.isfinite(array)):
        raise InputError(f"{name} must be finite numbers of periods (no missing or infinite values).")
    return array


def _is_number(value) -> bool:
    import numbers as _numbers

    return isinstance(value, _numbers.Real) and not isinstance(value, (bool, np.bool_))


def _same_customers(*named) -> tuple[np.ndarray, ...]:
    """Arrays of equal length from Series (matched by index when all are Series) or arrays."""
    series = [v for _, v in named if isinstance(v, pd.Series)]
    if len(series) == len(named) and len(named) > 1:
        index = series[0].index
        named = [(name, aligned(v, index, name, other=named[0][0])) for name, v in named]
    arrays = [_array(v, name) for name, v in named]
    lengths = {name: len(a) for (name, _), a in zip(named, arrays) if np.ndim(a) == 1 and len(a) != 1}
    if len(set(lengths.values())) > 1:
        raise InputError("These must have one value per customer, but their lengths differ: "
                         + ", ".join(f"{name} {n:,}" for name, n in lengths.items()) + ".")
    return tuple(np.broadcast_arrays(*arrays))


def _rft(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, t_x, big_t = _same_customers(("frequency", frequency), ("recency", recency), ("T", T))
    if x.size == 0:
        raise InputError("No customers: frequency, recency and T are empty.")
    for name, values in (("frequency", x), ("recency", t_x), ("T", big_t)):
        if not np.all(np.isfinite(values)):
            bad = int((~np.isfinite(values)).sum())
            raise InputError(f"{name} has {bad:,} missing or infinite value(s); frequency, recency and T must be "
                             "finite numbers.")
    if (x < 0).any() or (x != np.round(x)).any():
        raise InputError("frequency must be a non-negative whole number of repeat purchases.")
    if (t_x < 0).any():
        raise InputError("recency must be ≥ 0 (time from the first to the last purchase).")
    if (t_x > big_t + 1e-9).any():
        raise InputError(f"recency > T for {int((t_x > big_t + 1e-9).sum())} customer(s): the last purchase "
                         "cannot come after the end of the period. Was T measured to an earlier end date?")
    if ((x == 0) & (t_x > 0)).any():
        raise InputError("A customer with no repeat purchase must have recency 0.")
    if ((x > 0) & (t_x == 0)).any():
        raise InputError("A customer with repeat purchases must have recency > 0 (repeat purchases on the "
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
        self.converged_: bool | None = None
        self.standard_errors_: dict[str, float] | None = None
        self.fit_warnings_: list[str] = []

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
        """Maximum likelihood estimates of r, α, a, b (in ``params_``).

        Also sets ``log_likelihood_``, ``converged_``, ``standard_errors_`` (from the Hessian
        of the log-likelihood; NaN where it is flat) and ``fit_warnings_``.  The search starts
        from ``initial`` (or 1, 1, 1, 1) and from two other points; when a parameter ends at the
        search bound or the data cannot pin it down, a :class:`FitWarning` says so in plain
        words ("the data cannot tell how fast customers drop out").  Customers who never bought
        again carry no information on dropping out: a log without repeat buyers is refused.
        """
        x, t_x, big_t = _rft(frequency, recency, T)
        if not (x > 0).any():
            raise InputError("No customer bought more than once (every frequency is 0): the data cannot tell how "
                             "fast customers drop out, so BG/NBD cannot be fitted. Use a longer period.")
        if initial is not None:
            if not isinstance(initial, Mapping) or set(initial) != {"r", "alpha", "a", "b"}:
                raise InputError("initial must be a dict with the four parameters r, alpha, a, b, e.g. "
                                 "{'r': 1, 'alpha': 1, 'a': 1, 'b': 1}.")
            for key in ("r", "alpha", "a", "b"):
                number(initial[key], f"initial[{key!r}]", low=0, low_open=True)
        # Customers with identical (x, t_x, T) share one likelihood term: weight them.
        keys = np.column_stack([x, t_x, big_t])
        unique, counts = np.unique(keys, axis=0, return_counts=True)
        ux, utx, ut = unique.T
        start = np.log([float(initial[k]) for k in ("r", "alpha", "a", "b")]) if initial else np.zeros(4)
        total = counts.sum()

        def loss(log_params):
            # Parameters stay within e^±20; a step into a region where the likelihood is not a
            # number counts as infinitely bad, so the optimiser backs off instead of failing.
            with np.errstate(all="ignore"):
                values = self._log_lik_each(np.exp(np.clip(log_params, -20, 20)), ux, utx, ut)
                value = -np.sum(counts * values) / total
            return value if np.isfinite(value) else np.inf

        def search(x0):
            # Quasi-Newton on the log-parameters converges in a few hundred evaluations; if it stalls
            # away from a stationary point, restart from a derivative-free simplex search.
            found = optimize.minimize(loss, x0, method="BFGS", options={"gtol": 1e-10})
            if not np.isfinite(found.fun) or np.max(np.abs(found.jac)) > 1e-5:
                simplex = optimize.minimize(loss, x0, method="Nelder-Mead",
                                            options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 40_000,
                                                     "maxfev": 40_000})
                polished = optimize.minimize(loss, simplex.x, method="BFGS", options={"gtol": 1e-10})
                found = min([found, simplex, polished], key=lambda res: res.fun if np.isfinite(res.fun) else np.inf)
            return found

        best = search(start)
        # Two more starts (a typical buying rate, slower and faster drop-out): a better optimum
        # replaces the first only if it is clearly better; an equally good one far away means
        # the likelihood is flat (a ridge) and is reported.
        scale = np.log(max(float(np.mean(ut)), 1e-6))
        others = []
        for extra in (np.array([0.0, scale, 1.0, 1.0]), np.array([-1.0, scale, -1.0, 1.5])):
            found = search(extra)
            others.append((found.fun * total, found.x))
            if np.isfinite(found.fun) and found.fun < best.fun - 1e-9:
                others[-1] = (best.fun * total, best.x)
                best = found
        converged = bool(np.isfinite(best.fun) and np.max(np.abs(getattr(best, "jac", np.zeros(4)))) < 1e-3)
        r, alpha, a, b = np.exp(np.clip(best.x, -20, 20))
        self.params_ = {"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)}
        self.log_likelihood_ = float(-best.fun * total)
        _diagnose(self, lambda v: loss(v) * total, best.x, ("r", "alpha", "a", "b"), converged,
                  {"r": "how often customers buy", "alpha": "how often customers buy",
                   "a": "how fast customers drop out", "b": "how fast customers drop out"}, others)
        return self

    def _params(self) -> tuple[float, float, float, float]:
        if self.params_ is None:
            raise InputError("Fit the model first: BetaGeo().fit(frequency, recency, T).")
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
        t = _times(t, "t")
        if (t < 0).any():
            raise InputError("t (the length of the future period) must be ≥ 0.")
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
        t = _times(t, "t")
        if (t < 0).any():
            raise InputError("t must be ≥ 0.")
        z = t / (alpha + t)
        term = _hyp2f1_term(r, a, b, 0.0, z)
        return (a + b - 1) / (a - 1) * (1.0 - term)

    def cumulative_repeat_purchases(self, first_purchase, times) -> np.ndarray:
        """Expected repeat purchases of a whole cohort up to each of ``times``.

        ``first_purchase`` holds each customer's first-purchase time (same unit, same origin as
        ``times``); a customer contributes E[X(time − first purchase)] once they have joined.
        This is the "tracking" curve compared with actual cumulative repeat purchases.
        """
        starts = _times(first_purchase, "first_purchase").ravel()
        times = _times(times, "times").ravel()
        values, counts = np.unique(starts, return_counts=True)
        ages = np.clip(times[:, None] - values[None, :], 0.0, None)
        return (self.expected_purchases_new(ages) * counts[None, :]).sum(axis=1)


# --------------------------------------------------------------------------- Gamma-Gamma


def _check_spend(frequency, monetary) -> tuple[np.ndarray, np.ndarray]:
    x, m = _same_customers(("frequency", frequency), ("monetary", monetary))
    if x.size == 0:
        raise InputError("No customers: frequency and monetary are empty.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))):
        raise InputError("frequency and monetary must be finite numbers (no missing or infinite values).")
    if (x < 0).any() or (x != np.round(x)).any():
        raise InputError("frequency must be a non-negative whole number of repeat purchases.")
    if ((x > 0) & (m <= 0)).any():
        raise InputError(f"{int(((x > 0) & (m <= 0)).sum())} repeat buyer(s) have a mean spend ≤ 0: the "
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
        self.converged_: bool | None = None
        self.standard_errors_: dict[str, float] | None = None
        self.fit_warnings_: list[str] = []

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
            raise InputError("Need at least three repeat buyers to fit the Gamma-Gamma model.")

        def loss(log_params):
            with np.errstate(all="ignore"):
                value = -np.mean(self._log_lik_each(np.exp(np.clip(log_params, -20, 20)), x, m))
            return value if np.isfinite(value) else np.inf

        def search(x0):
            return optimize.minimize(loss, x0, method="Nelder-Mead",
                                     options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 40_000, "maxfev": 40_000})

        result = search(np.log([1.0, 1.0, np.mean(m)]))
        second = search(np.log([5.0, 3.0, 2.0 * np.mean(m)]))  # a second start; replaces only if clearly better
        others = [(second.fun * x.size, second.x)]
        if np.isfinite(second.fun) and second.fun < result.fun - 1e-9:
            result, others = second, [(result.fun * x.size, result.x)]
        p, q, gamma = np.exp(np.clip(result.x, -20, 20))
        self.params_ = {"p": float(p), "q": float(q), "gamma": float(gamma)}
        self.log_likelihood_ = float(-result.fun * x.size)
        what = "how spend varies between and within customers"
        _diagnose(self, lambda v: loss(v) * x.size, result.x, ("p", "q", "gamma"), bool(result.success),
                  {"p": what, "q": what, "gamma": what}, others)
        return self

    def expected_spend(self, frequency, monetary) -> np.ndarray:
        """E[M | x, m_x] = p(γ + x·m_x) / (p·x + q − 1): a weighted mix of the population and customer means.

        For one-time buyers (x = 0) this is the population mean p·γ / (q − 1).
        """
        if self.params_ is None:
            raise InputError("Fit the model first: GammaGamma().fit(frequency, monetary).")
        p, q, gamma = self.params_["p"], self.params_["q"], self.params_["gamma"]
        if q <= 1:
            raise InputError(f"q = {q:.3f} ≤ 1: the population mean spend is infinite under this fit.")
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
    m = share(margin, "margin")
    d = share(discount, "discount")
    ppy = _number(periods_per_year, "periods_per_year", low=0, low_open=True)
    if not isinstance(bgnbd, BetaGeo) or not isinstance(gamma_gamma, GammaGamma):
        raise InputError("customer_value needs a fitted BetaGeo and a fitted GammaGamma model, in that order.")
    try:
        horizon = whole_number(horizon, "horizon", low=1, high=100_000)
    except InputError:
        raise InputError(f"horizon must be a whole number of periods ≥ 1, not {horizon!r}.") from None
    x, t_x, big_t = _rft(frequency, recency, T)
    spend = gamma_gamma.expected_spend(x, monetary)
    steps = np.arange(horizon + 1, dtype="float64")
    cumulative = bgnbd.expected_purchases(steps[:, None], x[None, :], t_x[None, :], big_t[None, :])
    per_period = np.diff(cumulative, axis=0)
    factor = (1.0 + d) ** (-steps[1:] / ppy)
    return (per_period * factor[:, None]).sum(axis=0) * spend * m
