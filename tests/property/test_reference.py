"""Property tests (issue 15): random but valid logs, checked against plain reference implementations.

Each reference below is the definition written as a loop over customers in plain Python, so it
shares no code with the helpers.  Logs come in random shapes: ISO or day-first text dates, a
time zone or none, text or integer ids, returns, exact duplicate rows, with or without order ids.
The runs are derandomised (the same examples on every machine and run) and small, so the whole
file takes seconds.
"""

import contextlib
import io
import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import clv, pyramid, rfm

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
START = pd.Timestamp("2024-01-01")


def quiet(function, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args, **kwargs)


# --------------------------------------------------------------------------- random logs


@st.composite
def logs(draw, *, min_rows=1, max_rows=25):
    n = draw(st.integers(min_rows, max_rows))
    ids = draw(st.sampled_from(["text", "int"]))
    customers = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    minutes = draw(st.lists(st.integers(0, 200 * 24 * 60), min_size=n, max_size=n))
    cents = draw(st.lists(st.integers(-3_000, 20_000), min_size=n, max_size=n))
    orders = draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))
    frame = pd.DataFrame({
        "customer_id": [f"C{c}" for c in customers] if ids == "text" else customers,
        "when": [START + pd.Timedelta(minutes=m) for m in minutes],
        "amount": [c / 100 for c in cents],
        "order_id": [f"O{o}" for o in orders],
    })
    if draw(st.booleans()) and n > 1:  # an exact duplicate line
        frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    return frame


@st.composite
def date_forms(draw, frame):
    """The log's dates as the helper will see them, with the kwargs needed to read them."""
    form = draw(st.sampled_from(["datetime", "iso", "dayfirst", "zone"]))
    when = frame["when"]
    if form == "iso":
        return when.dt.strftime("%Y-%m-%d %H:%M"), {}
    if form == "dayfirst":
        return when.dt.strftime("%d/%m/%Y %H:%M"), {"dayfirst": True}
    if form == "zone":
        return when.dt.tz_localize("Asia/Shanghai"), {}
    return when, {}


def draw_log(data):
    """A random log, its dates in a random form, and the kwargs that read that form."""
    frame = data.draw(logs())
    dates, read = data.draw(date_forms(frame))
    return frame, dates, read


def day(stamp) -> int:
    return (pd.Timestamp(stamp).normalize() - pd.Timestamp("1970-01-01")).days


# --------------------------------------------------------------------------- rfm_table


def reference_rfm(frame: pd.DataFrame, order: bool) -> dict:
    """recency, frequency, monetary per customer, by the module docstring's definitions."""
    snapshot = max(day(w) for w in frame["when"]) + 1
    out = {}
    for customer in sorted(set(frame["customer_id"]), key=str):
        rows = [r for r in frame.itertuples() if r.customer_id == customer]
        buys = [r for r in rows if r.amount >= 0]
        if not buys:
            continue
        visits = len({r.order_id for r in buys}) if order else len(buys)
        out[customer] = (snapshot - max(day(r.when) for r in buys), visits, sum(r.amount for r in rows))
    return out


@SETTINGS
@given(st.data())
def test_rfm_table_matches_the_reference(data):
    frame, dates, read = draw_log(data)
    order = data.draw(st.booleans())
    shown = frame.assign(when=dates)
    table = quiet(rfm.rfm_table, shown, customer="customer_id", date="when", amount="amount",
                  order="order_id" if order else None, **read)
    expected = reference_rfm(frame, order)
    assert sorted(table.index, key=str) == list(expected)
    for customer, (recency, frequency, monetary) in expected.items():
        row = table.loc[customer]
        assert row["recency_days"] == recency and row["frequency"] == frequency
        assert math.isclose(row["monetary"], monetary, abs_tol=1e-6)


# --------------------------------------------------------------------------- summary_from_transactions


def reference_summary(frame: pd.DataFrame, end: pd.Timestamp) -> dict:
    """(frequency, recency, T, monetary) in days, returns netted as the docstring says."""
    out = {}
    end_day = day(end)
    for customer in sorted(set(frame["customer_id"]), key=str):
        rows = [r for r in frame.itertuples() if r.customer_id == customer and day(r.when) <= end_day]
        buys = [r for r in rows if r.amount >= 0]
        if not buys:
            continue
        days = sorted({day(r.when) for r in buys})
        first = days[0]
        repeat_total = sum(r.amount for r in buys if day(r.when) > first)
        repeat_total += sum(r.amount for r in rows if r.amount < 0 and day(r.when) > first)
        frequency = len(days) - 1
        out[customer] = (frequency, days[-1] - first, end_day - first,
                         repeat_total / frequency if frequency else 0.0)
    return out


@SETTINGS
@given(st.data())
def test_summary_from_transactions_matches_the_reference(data):
    frame, dates, read = draw_log(data)
    if frame["amount"].ge(0).sum() == 0:
        frame.loc[0, "amount"] = 1.0
    last = frame.loc[frame["amount"] >= 0, "when"].max().normalize()
    end = last + pd.Timedelta(days=data.draw(st.integers(-30, 30)))
    if not (frame.loc[frame["amount"] >= 0, "when"].dt.normalize() <= end).any():
        end = last
    summary = quiet(clv.summary_from_transactions, frame.assign(when=dates), customer="customer_id", date="when",
                    amount="amount", end=end, unit="D", **read)
    expected = reference_summary(frame, end)
    assert sorted(summary.index, key=str) == list(expected)
    for customer, values in expected.items():
        got = summary.loc[customer, ["frequency", "recency", "T", "monetary"]].tolist()
        assert got[:3] == list(values[:3])
        assert math.isclose(got[3], values[3], abs_tol=1e-6)


def test_summary_and_rfm_table_agree_on_returns():
    # one rule for returns in both modules: the same purchase days, the same customers
    frame = pd.DataFrame({"customer_id": ["A", "A", "A", "B"],
                          "when": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-09", "2024-01-03"]),
                          "amount": [10.0, 5.0, -4.0, -2.0]})
    table = quiet(rfm.rfm_table, frame, customer="customer_id", date="when", amount="amount", order="when")
    summary = quiet(clv.summary_from_transactions, frame, customer="customer_id", date="when", amount="amount",
                    unit="D")
    assert table.index.tolist() == summary.index.tolist() == ["A"]
    assert table.loc["A", "frequency"] - 1 == summary.loc["A", "frequency"]


# --------------------------------------------------------------------------- customer_profit


@SETTINGS
@given(st.data())
def test_customer_profit_matches_the_reference(data):
    n = data.draw(st.integers(1, 8))
    ints = st.lists(st.integers(0, 60), min_size=n, max_size=n)
    accounts = pd.DataFrame({
        "account_id": [f"A{i}" for i in data.draw(st.permutations(range(n)))],
        "revenue": [v * 10.0 for v in data.draw(st.lists(st.integers(-500, 50_000), min_size=n, max_size=n))],
        "cost_of_goods": [v * 10.0 for v in data.draw(st.lists(st.integers(0, 40_000), min_size=n, max_size=n))],
        "orders": data.draw(ints), "deliveries": data.draw(ints), "returns": data.draw(ints),
        "service_contacts": data.draw(ints), "days_to_pay": data.draw(ints),
    })
    rates = dict(pyramid.DEFAULT_RATES)
    if data.draw(st.booleans()):
        rates["orders"] = float(data.draw(st.integers(0, 100)))
    financing = data.draw(st.sampled_from([0.0, 0.06, 0.12]))
    got = pyramid.customer_profit(accounts, rates=rates, financing_rate=financing)
    for row in accounts.itertuples():
        serve = sum(getattr(row, driver) * rate for driver, rate in rates.items())
        serve += max(row.revenue, 0.0) * row.days_to_pay / 365 * financing
        expected = row.revenue - row.cost_of_goods - serve
        assert math.isclose(got.loc[row.account_id, "profit"], expected, abs_tol=1e-6)
    assert list(got.index) == sorted(accounts["account_id"])


# --------------------------------------------------------------------------- cohort_retention


def month(stamp) -> int:
    stamp = pd.Timestamp(stamp)
    return stamp.year * 12 + stamp.month - 1


@SETTINGS
@given(st.data())
def test_cohort_retention_matches_the_reference(data):
    frame, dates, read = draw_log(data)
    table = clv.cohort_retention(frame.assign(when=dates), customer="customer_id", date="when", counts=True, **read)
    last = max(month(w) for w in frame["when"])
    active: dict = {}
    for row in frame.itertuples():
        active.setdefault(row.customer_id, set()).add(month(row.when))
    cohorts: dict = {}
    for customer, months in active.items():
        cohorts.setdefault(min(months), []).append(months)
    first_cohort = min(cohorts)
    assert table.shape == (len(cohorts), last - first_cohort + 1)
    for cohort, members in cohorts.items():
        label = f"{cohort // 12}-{cohort % 12 + 1:02d}"
        for age in range(last - first_cohort + 1):
            cell = table.loc[label, age]
            if cohort + age > last:
                assert np.isnan(cell)
            else:
                assert cell == sum(1 for months in members if cohort + age in months)
