"""Tests of helpers.clv: hand computations, published estimates, a second implementation, simulation."""


import numpy as np
import pandas as pd
import pytest
from scipy import special

from helpers import clv, data

CDNOW_CALIBRATION_END = "1997-09-30"   # 39 weeks after 1997-01-01, last day included


# --------------------------------------------------------------------------- formulas


def test_simple_clv_by_hand():
    # 50 yuan a visit × 12 visits a year × 3 years = 1,800 yuan.
    assert clv.simple_clv(50, 12, 3) == 1800.0


@pytest.mark.parametrize("args", [(-1, 12, 3), (50, -12, 3), (50, 12, -1)])
def test_simple_clv_rejects_negative(args):
    with pytest.raises(ValueError, match="must be ≥ 0"):
        clv.simple_clv(*args)


def test_simple_clv_rejects_text():
    with pytest.raises(TypeError, match="must be a number"):
        clv.simple_clv("50", 12, 3)


def test_retention_clv_by_hand():
    # Infinite horizon: 100 · 1.1 / (1.1 − 0.8) = 366.666…
    assert clv.retention_clv(100, 0.8, 0.1) == pytest.approx(110 / 0.3)
    # Three years: 100 + 100·0.8/1.1 + 100·0.64/1.21 = 100 + 72.7272… + 52.8925… = 225.6198…
    assert clv.retention_clv(100, 0.8, 0.1, years=3) == pytest.approx(100 + 80 / 1.1 + 64 / 1.21)
    assert clv.retention_clv(100, 0.8, 0.1, years=0) == 0.0
    # A long finite horizon approaches the closed form.
    assert clv.retention_clv(100, 0.8, 0.1, years=400) == pytest.approx(110 / 0.3)


def test_retention_clv_five_points():
    # Retention 80% → 85% at 10%: 1.1/0.25 over 1.1/0.30 = 1.2, i.e. +20% value.
    ratio = clv.retention_clv(1, 0.85, 0.1) / clv.retention_clv(1, 0.80, 0.1)
    assert ratio == pytest.approx(1.2)


def test_retention_clv_errors():
    with pytest.raises(ValueError, match="0.9, not 90"):
        clv.retention_clv(100, 90, 0.1)
    with pytest.raises(ValueError, match="infinite"):
        clv.retention_clv(100, 1.0, 0.0)
    with pytest.raises(ValueError, match="whole number"):
        clv.retention_clv(100, 0.8, 0.1, years=2.5)


# --------------------------------------------------------------------------- cohorts


def _tiny_log():
    # Customer a: Jan, Feb, Apr. b: Jan only. c: Feb, Mar. d: Mar (no customer for one row).
    return pd.DataFrame({
        "customer": ["a", "a", "a", "a", "b", "c", "c", "d"],
        "when": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-04-30",
                                "2024-01-09", "2024-02-11", "2024-03-01", "2024-03-15"]),
    })


def test_cohort_retention_by_hand():
    table = clv.cohort_retention(_tiny_log(), customer="customer", date="when", period="M", counts=True)
    # Jan cohort {a, b}: month 0 → 2, month 1 → a, month 2 → nobody, month 3 → a.
    # Feb cohort {c}: 1, 1 (March), 0 (April), then past the end of the log (missing).
    # Mar cohort {d}: 1, 0 (April), missing, missing.
    assert table.index.tolist() == ["2024-01", "2024-02", "2024-03"]
    assert table.columns.tolist() == [0, 1, 2, 3]
    expected = np.array([[2, 1, 0, 1], [1, 1, 0, np.nan], [1, 0, np.nan, np.nan]])
    np.testing.assert_array_equal(table.to_numpy(), expected)
    shares = clv.cohort_retention(_tiny_log(), customer="customer", date="when", period="M")
    np.testing.assert_allclose(shares.loc["2024-01"].to_numpy(), [1.0, 0.5, 0.0, 0.5])


def test_cohort_retention_other_periods():
    # Quarters: all four customers start in 2024Q1; only a buys in Q2 (30 April) → [4, 1].
    quarters = clv.cohort_retention(_tiny_log(), customer="customer", date="when", period="Q", counts=True)
    assert quarters.index.tolist() == ["2024Q1"] and quarters.loc["2024Q1"].tolist() == [4, 1]
    # Weeks (Monday to Sunday): a buys in weeks 0, 2 (Jan 20), 4 (Feb 3) and 17 (Apr 30) after Jan 1-7.
    weeks = clv.cohort_retention(_tiny_log(), customer="customer", date="when", period="W", counts=True)
    first_row = weeks.iloc[0]
    assert first_row[first_row > 0].index.tolist() == [0, 2, 4, 17]


def test_cohort_retention_warns_about_missing_customers():
    log = _tiny_log()
    log.loc[7, "customer"] = None
    with pytest.warns(UserWarning, match=r"dropped 1 row\(s\) with no 'customer'"):
        table = clv.cohort_retention(log, customer="customer", date="when", counts=True)
    assert table.index.tolist() == ["2024-01", "2024-02"]


def test_cohort_retention_errors():
    with pytest.raises(ValueError, match=r"Column\(s\) \['day'\] not found"):
        clv.cohort_retention(_tiny_log(), customer="customer", date="day")
    with pytest.raises(ValueError, match="period must be"):
        clv.cohort_retention(_tiny_log(), customer="customer", date="when", period="X")
    bad = _tiny_log().assign(when=["2024-01-05", "not a date"] + ["2024-02-01"] * 6)
    with pytest.raises(ValueError, match="not dates"):
        clv.cohort_retention(bad, customer="customer", date="when")
    with pytest.raises(ValueError, match="empty"):
        clv.cohort_retention(_tiny_log().iloc[:0], customer="customer", date="when")


# --------------------------------------------------------------------------- sBG


REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


@pytest.mark.parametrize("counts, alpha, beta", [(REGULAR, 0.704, 1.182), (HIGH_END, 0.668, 3.806)])
def test_sbg_reproduces_fader_hardie_2007(counts, alpha, beta):
    model = clv.ShiftedBetaGeometric().fit(counts)
    assert round(model.params_["alpha"], 3) == alpha
    assert round(model.params_["beta"], 3) == beta


def test_sbg_fit_on_published_dataset():
    cohorts = data.load("sbg_cohorts")
    regular = cohorts[cohorts["cohort"] == "regular"].sort_values("year")["survivors"]
    assert round(clv.ShiftedBetaGeometric().fit(regular).params_["alpha"], 3) == 0.704


def test_sbg_formulas_by_hand():
    model = clv.ShiftedBetaGeometric()
    model.params_ = {"alpha": 1.0, "beta": 1.0}
    # α = β = 1: θ uniform; S(t) = B(1, 1+t)/B(1, 1) = 1/(1+t); r(t) = t/(t+1).
    np.testing.assert_allclose(model.survival([0, 1, 2, 3]), [1, 1 / 2, 1 / 3, 1 / 4])
    np.testing.assert_allclose(model.retention([1, 2, 3]), [1 / 2, 2 / 3, 3 / 4])


def test_sbg_lifetimes_against_series():
    # Second implementation: sum the discounted survival series directly.
    model = clv.ShiftedBetaGeometric()
    model.params_ = {"alpha": 0.668, "beta": 3.806}
    d = 0.10
    t = np.arange(0, 4000)
    s = model.survival(t)
    assert model.expected_lifetime(d) == pytest.approx(np.sum(s / (1 + d) ** t), rel=1e-9)
    for renewals in [0, 1, 4]:
        n = renewals + 1
        future = np.arange(n, 4000)
        series = np.sum(model.survival(future) / model.survival(n - 1) / (1 + d) ** (future - n))
        assert model.residual_lifetime(renewals, d) == pytest.approx(series, rel=1e-9)
    # DEL = 1 + DERL(0 renewals) / (1 + d): today's payment plus the rest, discounted one year.
    assert model.expected_lifetime(d) == pytest.approx(1 + model.residual_lifetime(0, d) / (1 + d))


def test_sbg_errors():
    with pytest.raises(ValueError, match="cannot grow"):
        clv.ShiftedBetaGeometric().fit([1000, 600, 700])
    with pytest.raises(ValueError, match="at least two"):
        clv.ShiftedBetaGeometric().fit([1000])
    with pytest.raises(ValueError, match="Fit the model first"):
        clv.ShiftedBetaGeometric().survival([1])


# --------------------------------------------------------------------------- summary


def test_summary_by_hand(capsys):
    log = pd.DataFrame({
        "cust": [1, 1, 1, 1, 2, 3, 3],
        "day": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-29",
                               "2024-01-08", "2024-01-03", "2024-03-01"]),
        "value": [10.0, 5.0, 20.0, 40.0, 7.0, 9.0, 99.0],
    })
    summary = clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end="2024-02-26")
    assert "left out 1 purchase line(s) after 2024-02-26" in capsys.readouterr().out
    # Customer 1: days Jan 1 (two lines merged), Jan 15, Jan 29 → 2 repeat purchases, recency 28 days
    # = 4 weeks, T = Jan 1 → Feb 26 = 56 days = 8 weeks, monetary = mean(20, 40) = 30.
    # Customer 2: one purchase on Jan 8: 0, 0, T = 49 days = 7 weeks, monetary 0.
    # Customer 3: the Mar 1 purchase is after the end: 0, 0, T = 54 days, monetary 0.
    assert summary.index.tolist() == [1, 2, 3]
    assert summary["frequency"].tolist() == [2, 0, 0]
    assert summary["recency"].tolist() == [4.0, 0.0, 0.0]
    assert summary["T"].tolist() == pytest.approx([8.0, 7.0, 54 / 7])
    assert summary["monetary"].tolist() == [30.0, 0.0, 0.0]
    days = clv.summary_from_transactions(log, customer="cust", date="day", end="2024-02-26", unit="D")
    assert days["recency"].tolist() == [28.0, 0.0, 0.0] and "monetary" not in days


def test_summary_errors():
    log = pd.DataFrame({"cust": [1], "day": ["2024-01-01"], "value": [-3.0]})
    with pytest.raises(ValueError, match="No purchases"):  # a return is not a purchase (returns="negative")
        clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end="2024-02-01")
    with pytest.raises(ValueError, match="unit must be"):
        clv.summary_from_transactions(log, customer="cust", date="day", end="2024-02-01", unit="M")
    with pytest.raises(ValueError, match="not found"):
        clv.summary_from_transactions(log, customer="id", date="day", end="2024-02-01")
    with pytest.raises(ValueError, match="No purchases"):
        clv.summary_from_transactions(log, customer="cust", date="day", end="2023-02-01")
    with pytest.raises(TypeError, match="DataFrame"):
        clv.summary_from_transactions([1, 2], customer="cust", date="day", end="2024-02-01")


def test_cdnow_sample_summary_counts():
    # Fader & Hardie's CDNOW sample: 2,357 customers, 946 of them repeat buyers in weeks 1-39.
    summary = _cdnow_summary()
    assert len(summary) == 2357
    assert int((summary["frequency"] > 0).sum()) == 946
    assert summary["T"].max() == pytest.approx(272 / 7)   # first purchase 1997-01-01 → 1997-09-30


# --------------------------------------------------------------------------- BG/NBD


@pytest.fixture(scope="module")
def cdnow_summary():
    return _cdnow_summary()


def _cdnow_summary():
    sample = data.load("cdnow", table="sample")
    return clv.summary_from_transactions(sample, customer="customer_id", date="date", amount="amount",
                                         end=CDNOW_CALIBRATION_END)


@pytest.fixture(scope="module")
def bgnbd(cdnow_summary):
    return clv.BetaGeo().fit(cdnow_summary["frequency"], cdnow_summary["recency"], cdnow_summary["T"])


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd):
    # Published: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    p = bgnbd.params_
    assert (round(p["r"], 3), round(p["alpha"], 3), round(p["a"], 3), round(p["b"], 3)) == (0.243, 4.414, 0.793, 2.426)
    assert round(bgnbd.log_likelihood_, 1) == -9582.4


@pytest.mark.parametrize("start", [{"r": 20.0, "alpha": 0.05, "a": 10.0, "b": 0.1},
                                   {"r": 0.01, "alpha": 100.0, "a": 0.01, "b": 50.0}])
def test_bgnbd_converges_from_poor_starts_without_warnings(cdnow_summary, start):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = clv.BetaGeo().fit(cdnow_summary["frequency"], cdnow_summary["recency"], cdnow_summary["T"],
                                  initial=start)
    assert round(model.params_["r"], 3) == 0.243 and round(model.log_likelihood_, 1) == -9582.4


def _published_bgnbd():
    model = clv.BetaGeo()
    model.params_ = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    return model


def test_conditional_expectation_published_example():
    # Fader, Hardie & Lee (2005): x = 2, t_x = 30.43, T = 38.86 → 1.226 purchases in the next 39 weeks.
    assert round(float(_published_bgnbd().expected_purchases(39, 2, 30.43, 38.86)), 3) == 1.226


def _series_2f1(a, b, c, z, terms=5000):
    # Second implementation: the Gauss series summed term by term in log space.
    k = np.arange(terms)
    log_terms = (special.gammaln(a + k) - special.gammaln(a) + special.gammaln(b + k) - special.gammaln(b)
                 - special.gammaln(c + k) + special.gammaln(c) - special.gammaln(k + 1) + k * np.log(z))
    signs = np.sign(special.poch(a, k)) * np.sign(special.poch(b, k))
    return float(np.sum(signs * np.exp(log_terms)))


@pytest.mark.parametrize("x, t_x, T, t", [(0, 0.0, 38.86, 39.0), (2, 30.43, 38.86, 39.0), (7, 35.0, 38.0, 52.0),
                                          (29, 38.4, 38.86, 39.0), (60, 70.0, 78.0, 104.0),
                                          (400, 77.0, 78.0, 52.0)])
def test_conditional_expectation_against_series(x, t_x, T, t):
    model = _published_bgnbd()
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    z = t / (alpha + T + t)
    hyp = _series_2f1(r + x, b + x, a + b + x - 1, z)
    alive_factor = 1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    expected = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp) / alive_factor
    assert float(model.expected_purchases(t, x, t_x, T)) == pytest.approx(expected, rel=1e-8)


def test_prob_alive_by_hand():
    model = _published_bgnbd()
    # No repeat purchase: always 1 under BG/NBD (a customer can only drop out after a purchase).
    assert float(model.prob_alive(0, 0, 38.86)) == 1.0
    # x = 2, t_x = 30.43, T = 38.86: 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243).
    by_hand = 1 / (1 + 0.793 / 3.426 * (43.274 / 34.844) ** 2.243)
    assert float(model.prob_alive(2, 30.43, 38.86)) == pytest.approx(by_hand)
    # Same purchases, last one longer ago → less likely alive.
    assert model.prob_alive(2, 10.0, 38.86) < model.prob_alive(2, 30.43, 38.86)


def test_huge_frequency_is_stable():
    # A frequent buyer: 2F1(r+x, b+x; a+b+x−1; z) is about 1e85 for x = 400 (see the series test,
    # which agrees); the Euler form stays finite even where the plain series overflows.
    model = _published_bgnbd()
    value = float(model.expected_purchases(52.0, 5000, 77.0, 78.0))
    assert np.isfinite(value) and value > 0
    # Long silence after 400 purchases: odds of being dead = 0.793/401.426 · (82.414/14.414)^400.243
    # ≈ e^704, beyond float range (e^709.8) once squared; computed in log space, P(alive) ≈ e^−704.
    assert 0.0 <= float(model.prob_alive(400, 10.0, 78.0)) < 1e-300
    assert float(model.prob_alive(4000, 10.0, 78.0)) == 0.0
    assert float(model.prob_alive(400, 77.9, 78.0)) > 0.9


def test_bgnbd_recovers_simulated_truth():
    # Plant r = 0.5, α = 5, a = 0.8, b = 2.5; simulate 20,000 customers over 60 weeks and refit.
    truth = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5}
    x, t_x, T = _simulate_bgnbd(truth, n=20_000, horizon=60.0, seed=7)
    fitted = clv.BetaGeo().fit(x, t_x, T).params_
    for key, value in truth.items():
        assert fitted[key] == pytest.approx(value, rel=0.15), key
    # And the unconditional expectation matches the simulated mean repeat purchases by 60 weeks.
    model = clv.BetaGeo()
    model.params_ = truth
    new = x[T == 60.0]
    assert float(model.expected_purchases_new(60.0)) == pytest.approx(new.mean(), rel=0.05)


def _simulate_bgnbd(params, *, n, horizon, seed):
    rng = np.random.default_rng(seed)
    lam = rng.gamma(params["r"], 1 / params["alpha"], n)
    p = rng.beta(params["a"], params["b"], n)
    # Half the customers join at 0 (T = horizon), the rest uniformly over the first 20 weeks.
    T = np.where(rng.random(n) < 0.5, horizon, horizon - rng.uniform(0, 20, n))
    x = np.zeros(n)
    t_x = np.zeros(n)
    clock = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    for _ in range(2000):
        if not alive.any():
            break
        clock = clock + rng.exponential(1 / lam)
        buys = alive & (clock <= T)
        x[buys] += 1
        t_x[buys] = clock[buys]
        alive = buys & (rng.random(n) >= p)
    return x, t_x, T


def test_cumulative_repeat_purchases_by_hand():
    model = _published_bgnbd()
    # Two customers joining at 0 and 10: at time 30 expect E[X(30)] + E[X(20)]; at 5 only E[X(5)].
    got = model.cumulative_repeat_purchases([0.0, 10.0], [5.0, 30.0])
    np.testing.assert_allclose(got, [model.expected_purchases_new(5.0),
                                     model.expected_purchases_new(30.0) + model.expected_purchases_new(20.0)])
    assert float(model.expected_purchases_new(0.0)) == 0.0


def test_bgnbd_input_errors():
    model = _published_bgnbd()
    with pytest.raises(ValueError, match="recency > T"):
        clv.BetaGeo().fit([1, 2], [5.0, 40.0], [30.0, 30.0])
    with pytest.raises(ValueError, match="frequency must be a non-negative whole number"):
        model.prob_alive(-1, 0.0, 30.0)
    with pytest.raises(ValueError, match="recency 0"):
        model.prob_alive(0, 3.0, 30.0)
    with pytest.raises(ValueError, match="Fit the model first"):
        clv.BetaGeo().prob_alive(1, 3.0, 30.0)
    with pytest.raises(ValueError, match="finite"):
        model.prob_alive(1, np.nan, 30.0)


# --------------------------------------------------------------------------- Gamma-Gamma


def test_gamma_gamma_reproduces_fader_hardie(cdnow_summary, capsys):
    # Published (946 repeat buyers, mean repeat spend): p = 6.25, q = 3.74, γ = 15.44.
    model = clv.GammaGamma().fit(cdnow_summary["frequency"], cdnow_summary["monetary"])
    assert "fitting on the 946 repeat buyers; left out 1,411 one-time buyer(s)" in capsys.readouterr().out
    p = model.params_
    assert (round(p["p"], 2), round(p["q"], 2), round(p["gamma"], 2)) == (6.25, 3.74, 15.44)


def test_expected_spend_by_hand():
    model = clv.GammaGamma()
    model.params_ = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    # Population mean: 6.25 · 15.44 / 2.74 = 35.2189…; a customer with x = 2, m = 50:
    # 6.25 · (15.44 + 100) / (12.5 + 2.74) = 721.5 / 15.24 = 47.3425…
    got = model.expected_spend([0, 2], [0.0, 50.0])
    np.testing.assert_allclose(got, [6.25 * 15.44 / 2.74, 721.5 / 15.24])


def test_gamma_gamma_errors():
    with pytest.raises(ValueError, match="mean spend ≤ 0"):
        clv.GammaGamma().fit([1, 2, 3], [10.0, 0.0, 5.0])
    with pytest.raises(ValueError, match="at least three"):
        clv.GammaGamma().fit([1, 0, 0], [10.0, 0.0, 0.0])


# --------------------------------------------------------------------------- value


def test_customer_value_against_loop():
    bg = _published_bgnbd()
    gg = clv.GammaGamma()
    gg.params_ = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    x, t_x, T, m = np.array([0, 2, 10]), np.array([0.0, 30.43, 37.0]), np.array([38.86, 38.86, 38.0]), \
        np.array([0.0, 50.0, 20.0])
    got = clv.customer_value(bg, gg, x, t_x, T, m, margin=0.3, horizon=26, discount=0.10)
    # Second implementation: week by week in a plain loop.
    weekly = 1.1 ** (1 / 52)
    spend = gg.expected_spend(x, m)
    expected = np.zeros(3)
    for k in range(1, 27):
        step = bg.expected_purchases(k, x, t_x, T) - bg.expected_purchases(k - 1, x, t_x, T)
        expected += step * spend * 0.3 / weekly ** k
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    with pytest.raises(ValueError, match=r"margin=30 looks like a percent: did you mean 0.3\?"):
        clv.customer_value(bg, gg, x, t_x, T, m, margin=30)
    with pytest.raises(ValueError, match="horizon"):
        clv.customer_value(bg, gg, x, t_x, T, m, margin=0.3, horizon=0)


# --------------------------------------------------------------------------- issue 15: data it has not seen

import warnings  # noqa: E402

from helpers import InputError  # noqa: E402


def purchases(customers, dates, amounts=None):
    frame = pd.DataFrame({"cust": customers, "day": dates})
    if amounts is not None:
        frame["value"] = amounts
    return frame


def test_cohort_retention_refuses_ambiguous_dates_and_reads_dayfirst():
    # every day ≤ 12: month-first parsing made 5 Jan into 1 May
    log = purchases(["A", "B", "A"], ["05/01/2024", "10/02/2024", "03/03/2024"])
    with pytest.raises(InputError, match=r"'day'.*day-first or month-first.*dayfirst=True"):
        clv.cohort_retention(log, customer="cust", date="day")
    table = clv.cohort_retention(log, customer="cust", date="day", dayfirst=True)
    # A: Jan, Mar → cohort 2024-01, active at ages 0 and 2; B: Feb → cohort 2024-02
    assert table.index.tolist() == ["2024-01", "2024-02"]
    assert table.loc["2024-01"].tolist() == [1.0, 0.0, 1.0]


def test_cohort_retention_integer_dates_need_a_format():
    log = purchases(["A", "B"], [20240105, 20240210])
    with pytest.raises(InputError, match="date_format='%Y%m%d'"):
        clv.cohort_retention(log, customer="cust", date="day")
    table = clv.cohort_retention(log, customer="cust", date="day", date_format="%Y%m%d")
    assert table.index.tolist() == ["2024-01", "2024-02"]  # not a 1970 cohort


def test_cohort_retention_shows_an_observed_zero_month():
    # A buys in Jan, B in Feb, C in Mar: the Jan cohort is observed at ages 1 and 2 and nobody bought: 0, not NaN
    log = purchases(["A", "B", "C"], pd.to_datetime(["2024-01-10", "2024-02-10", "2024-03-10"]))
    table = clv.cohort_retention(log, customer="cust", date="day")
    assert table.columns.tolist() == [0, 1, 2]
    assert table.loc["2024-01"].tolist() == [1.0, 0.0, 0.0]
    assert table.loc["2024-02", 1] == 0.0 and np.isnan(table.loc["2024-02", 2])


def test_cohort_retention_refuses_a_year_2300_and_mixed_ids():
    with pytest.raises(InputError, match="outside 1900–2199"):
        clv.cohort_retention(purchases(["A", "B"], ["2024-01-05", "2300-01-05"]), customer="cust", date="day")
    with pytest.raises(InputError, match="mixes text ids and numbers"):
        clv.cohort_retention(purchases([1, "1"], pd.to_datetime(["2024-01-05", "2024-02-05"])),
                             customer="cust", date="day")


def test_summary_end_none_takes_the_last_purchase_day_and_says_so(capsys):
    log = purchases([1, 1, 2], pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-29"]), [10.0, 20.0, 5.0])
    summary = clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end=None, unit="D")
    assert "end 2024-01-29, the last purchase day in the log" in capsys.readouterr().out
    assert summary["T"].tolist() == [28.0, 0.0]  # not NaN


def test_summary_returns_are_not_purchases_and_are_netted(capsys):
    # 1: buys Jan 1 (10), Jan 15 (20), Jan 29 (40); returns 10 on Feb 5 and 5 on Jan 1.
    #    Purchase days Jan 1, 15, 29 → frequency 2, recency 28 days (the return is not a purchase);
    #    repeat spend 20 + 40 − 10 (the later return) = 50 over 2 purchases = 25; the Jan 1 return nets
    #    against the first purchase, which monetary leaves out.
    log = purchases([1, 1, 1, 1, 1], pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-29", "2024-02-05",
                                                      "2024-01-01"]), [10.0, 20.0, 40.0, -10.0, -5.0])
    summary = clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end="2024-02-26",
                                            unit="D")
    assert summary.loc[1].tolist() == [2, 28.0, 56.0, 25.0]
    assert "2 return line(s) are not purchases" in capsys.readouterr().out
    # the same mask as rfm_table's: a boolean Series by row
    by_mask = clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end="2024-02-26",
                                            unit="D", returns=log["value"] < 0)
    pd.testing.assert_frame_equal(by_mask, summary)


def test_summary_refuses_inf_separators_and_zoned_end_against_naive_dates(capsys):
    log = purchases([1, 2], pd.to_datetime(["2024-01-01", "2024-01-15"]), [10.0, np.inf])
    with pytest.raises(InputError, match="'value'.*infinite"):
        clv.summary_from_transactions(log, customer="cust", date="day", amount="value", end="2024-02-01")
    with pytest.raises(InputError, match=r"str.replace\(',', ''\)"):
        clv.summary_from_transactions(log.assign(value=["1,000", "20"]), customer="cust", date="day",
                                      amount="value", end="2024-02-01")
    with pytest.raises(InputError, match="end=.*has a time zone"):
        clv.summary_from_transactions(log.assign(value=1.0), customer="cust", date="day", amount="value",
                                      end=pd.Timestamp("2024-02-01", tz="UTC"))
    zoned = log.assign(value=1.0, day=log["day"].dt.tz_localize("Asia/Shanghai"))
    summary = clv.summary_from_transactions(zoned, customer="cust", date="day", end="2024-02-01", unit="D")
    assert summary["T"].tolist() == [31.0, 17.0]


def test_bgnbd_standard_errors_match_the_published_ones(bgnbd):
    # lifetimes' BetaGeoFitter on the same CDNOW sample reports (Hessian) standard errors
    # r 0.0125, alpha 0.3784, a 0.1857, b 0.7056.
    se = bgnbd.standard_errors_
    assert se["r"] == pytest.approx(0.0125, rel=0.03)
    assert se["alpha"] == pytest.approx(0.3784, rel=0.03)
    assert se["a"] == pytest.approx(0.1857, rel=0.03)
    assert se["b"] == pytest.approx(0.7056, rel=0.03)
    assert bgnbd.converged_ is True and bgnbd.fit_warnings_ == []


def test_bgnbd_one_customer_warns_in_plain_words():
    # the fit: a = b = 485,165,195 (the optimiser's bound) with no word
    with pytest.warns(clv.FitWarning, match="the data cannot tell how fast customers drop out"):
        model = clv.BetaGeo().fit([2], [3.0], [10.0])
    assert np.isnan(model.standard_errors_["a"])


def test_bgnbd_refuses_a_log_without_repeat_buyers():
    with pytest.raises(InputError, match="No customer bought more than once.*cannot tell how fast customers drop out"):
        clv.BetaGeo().fit([0, 0, 0], [0.0, 0.0, 0.0], [10.0, 5.0, 3.0])


def test_model_inputs_shape_text_and_alignment():
    with pytest.raises(InputError, match="lengths differ: frequency 2, recency 3, T 3"):
        clv.BetaGeo().fit([1, 0], [1.0, 0.0, 0.0], [2.0, 2.0, 2.0])
    with pytest.raises(InputError, match=r"str.replace\(',', ''\)"):
        clv.GammaGamma().fit(pd.Series([1, 2, 3]), pd.Series(["1,000", "20", "30"]))
    with pytest.raises(InputError, match="Fit the model first"):
        clv.BetaGeo().prob_alive(1, 2.0, 3.0)
    model = _published_bgnbd()
    x = pd.Series([2, 0], index=["a", "b"])
    t_x = pd.Series([0.0, 30.43], index=["b", "a"])       # same customers, other order: matched by index
    big_t = pd.Series([38.86, 38.86], index=["a", "b"])
    np.testing.assert_allclose(model.prob_alive(x, t_x.reindex(["b", "a"]), big_t),
                               model.prob_alive([2, 0], [30.43, 0.0], [38.86, 38.86]))


def test_sbg_reports_standard_errors_and_refuses_text():
    model = clv.ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    assert model.converged_ and all(np.isfinite(v) and v > 0 for v in model.standard_errors_.values())
    with pytest.raises(InputError, match="survivors"):
        clv.ShiftedBetaGeometric().fit("1000, 631")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clv.ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
