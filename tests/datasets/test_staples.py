"""Schema and planted truths of the staples dataset (see its card and generator)."""

import pandas as pd
import pytest

from helpers import data
from helpers.simulate import staples as gen


@pytest.fixture(scope="module")
def log():
    return data.load("staples")


@pytest.fixture(scope="module")
def households():
    return data.load("staples", "households")


@pytest.fixture(scope="module")
def truth():
    return data.load("staples", "truth")


def test_schema(log, households, truth):
    assert list(log.columns) == ["household_id", "date", "product", "pack_size", "unit", "quantity", "amount"]
    assert log["date"].dtype == "datetime64[ns]" and log["quantity"].dtype == "int64"
    assert list(households.columns) == ["household_id", "household_size", "pay_day", "joined"]
    assert set(log["product"]) == set(gen.PRODUCTS)
    assert log["date"].min() >= gen.START and log["date"].max() <= gen.END
    assert len(households) == gen.N_HOUSEHOLDS and households["household_id"].is_unique
    # every pack is one of the product's two pack sizes, priced from the price list
    for product, packs in gen.PACKS.items():
        lines = log[log["product"] == product]
        assert set(lines["pack_size"]) <= set(packs)
        price = lines["pack_size"].map(gen.PRICE[product])
        assert ((lines["quantity"] * price).round(2) == lines["amount"]).all()


def test_exactly_the_planted_switchers_and_nothing_after_their_switch(log, truth):
    homes = truth.drop_duplicates("household_id")
    switched = homes[homes["switched"]]
    assert len(switched) == gen.N_SWITCHERS == 200
    assert switched["switch_date"].between(gen.SWITCH_START, gen.SWITCH_END).all()
    merged = log.merge(switched[["household_id", "switch_date"]], on="household_id")
    assert not (merged["date"] >= merged["switch_date"]).any()


def test_daily_use_is_recovered_from_the_log(log, truth):
    """Units bought before the last purchase ÷ days first→last ≈ use × (1 − share bought elsewhere)."""
    lines = log.assign(units=log["pack_size"] * log["quantity"]).sort_values(
        ["household_id", "product", "date"], kind="mergesort")
    grouped = lines.groupby(["household_id", "product"])
    span = (grouped["date"].max() - grouped["date"].min()).dt.days
    rate = (grouped["units"].sum() - grouped["units"].last()) / span
    enough = grouped.size() >= 6
    planted = truth.set_index(["household_id", "product"])["daily_use"].reindex(rate.index)
    ratio = (rate / planted)[enough]
    assert len(ratio) > 3000
    assert ratio.median() == pytest.approx(1 - gen.ELSEWHERE, abs=0.02)


def test_rice_waits_for_pay_day(log, households):
    rice = log[log["product"] == "rice"].merge(households, on="household_id")
    on_pay_day = (rice["date"].dt.day == rice["pay_day"]).mean()
    assert on_pay_day >= 2.5 / 30


def test_new_members_join_during_the_year(log, households):
    joined = households[households["joined"] > gen.START]
    assert abs(len(joined) / len(households) - gen.JOIN_SHARE) < 0.03
    first = log.groupby("household_id")["date"].min().rename("first").reset_index()
    both = first.merge(households, on="household_id")
    assert (both["first"] >= both["joined"]).all()
