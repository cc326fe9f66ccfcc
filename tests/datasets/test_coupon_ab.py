"""Schema and planted truths of the coupon_ab dataset (see its card and generator)."""

import contextlib
import io

import pytest

from helpers import data
from helpers.experiment import drop_crossovers
from helpers.simulate import coupon_ab as gen


@pytest.fixture(scope="module")
def assignments():
    return data.load("coupon_ab")


@pytest.fixture(scope="module")
def clean(assignments):
    with contextlib.redirect_stdout(io.StringIO()):
        return drop_crossovers(assignments)


def test_schema(assignments):
    assert list(assignments.columns) == ["user_id", "assigned_date", "arm", "new_user", "ordered",
                                         "order_value", "discount"]
    assert str(assignments["user_id"].dtype) == "str"
    assert str(assignments["arm"].dtype) == "str"
    assert assignments["assigned_date"].dtype == "datetime64[ns]"
    assert assignments["new_user"].dtype == bool and assignments["ordered"].dtype == bool
    assert assignments["order_value"].dtype == "float64" and assignments["discount"].dtype == "float64"
    assert len(assignments) == gen.N_USERS + gen.N_CROSSOVER
    assert set(assignments["arm"]) == {"5 off 20", "8 off 30"}
    assert assignments["assigned_date"].between("2024-09-02", "2024-09-15").all()
    daily = data.load("coupon_ab", "daily")
    assert list(daily.columns) == ["date", "phase", "orders"] and len(daily) == 70
    assert daily["orders"].dtype == "int64"


def test_order_value_missing_exactly_when_no_order(assignments):
    assert (assignments["order_value"].isna() == ~assignments["ordered"]).all()
    assert (assignments.loc[~assignments["ordered"], "discount"] == 0).all()
    orders = assignments[assignments["ordered"]]
    thresholds = orders["arm"].map({a: t for a, (t, _) in gen.ARMS.items()})
    discounts = orders["arm"].map({a: d for a, (_, d) in gen.ARMS.items()})
    used = orders["discount"] > 0
    assert (orders.loc[used, "order_value"] >= thresholds[used]).all()
    assert (orders.loc[used, "discount"] == discounts[used]).all()
    assert (orders.loc[~used, "order_value"] < thresholds[~used]).all()


def test_crossovers_are_the_planted_mess(assignments, clean):
    arms = assignments.groupby("user_id")["arm"].nunique()
    assert int((arms > 1).sum()) == gen.N_CROSSOVER == 60
    assert len(clean) == gen.N_USERS - gen.N_CROSSOVER
    # Exactly N_USERS / 2 = 10,000 users were first assigned to each arm; dropping the 60 crossed
    # users removes between 0 and 60 of them from each arm, so each arm keeps 9,940 to 10,000.
    counts = clean["arm"].value_counts()
    assert counts.between(gen.N_USERS // 2 - gen.N_CROSSOVER, gen.N_USERS // 2).all()
    assert counts.sum() == 19_940


def test_planted_conversion(clean):
    rates = clean.groupby("arm")["ordered"].mean()
    # SE of a 25% rate on 10,000 users = √(0.25 × 0.75 / 10,000) = 0.0043; 3 SE ≈ 0.013.
    assert rates["5 off 20"] == pytest.approx(0.25, abs=0.013)
    assert rates["8 off 30"] == pytest.approx(0.18, abs=0.013)
    by_group = clean.groupby(["arm", "new_user"])["ordered"].mean()
    assert by_group[("5 off 20", True)] == pytest.approx(0.297, abs=0.025)
    assert by_group[("8 off 30", True)] == pytest.approx(0.203, abs=0.025)
    assert by_group[("5 off 20", False)] == pytest.approx(0.23, abs=0.025)
    assert by_group[("8 off 30", False)] == pytest.approx(0.17, abs=0.025)
    assert clean["new_user"].mean() == pytest.approx(0.30, abs=0.015)


def test_planted_order_values_and_coupon_use(clean):
    orders = clean[clean["ordered"]]
    # 0.9 × (threshold + 12) + 0.1 × (8 + threshold) / 2: 30.2 for 20, 39.7 for 30.
    mean_value = orders.groupby("arm")["order_value"].mean()
    assert mean_value["5 off 20"] == pytest.approx(30.2, abs=1.0)
    assert mean_value["8 off 30"] == pytest.approx(39.7, abs=1.0)
    assert (orders["discount"] > 0).mean() == pytest.approx(0.90, abs=0.02)


def test_planted_rise_in_daily_orders():
    daily = data.load("coupon_ab", "daily")
    means = daily.groupby("phase")["orders"].mean()
    # Poisson noise on 28 days of ~6,000 orders: SE of the ratio ≈ 0.3%; tolerance 1%.
    assert means["after"] / means["before"] == pytest.approx(1.20, abs=0.01)
    assert means["test"] / means["before"] == pytest.approx(1.10, abs=0.01)
    assert (daily["phase"].value_counts()[["before", "test", "after"]] == [28, 14, 28]).all()
    assert daily["date"].is_monotonic_increasing and daily["date"].diff().dropna().dt.days.eq(1).all()
