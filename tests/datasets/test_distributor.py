"""Schema and planted truths of the `distributor` dataset (see its card and generator docstring)."""

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.pyramid import DEFAULT_RATES, FINANCING_RATE, customer_profit, whale_summary


@pytest.fixture(scope="module")
def main():
    return data.load("distributor")


@pytest.fixture(scope="module")
def orders():
    return data.load("distributor", "orders")


@pytest.fixture(scope="module")
def profit(main):
    """customer_profit per year, joined to the year each account was opened."""
    frames = {}
    for year in (2023, 2024):
        accounts = main[main["year"] == year]
        frames[year] = customer_profit(accounts).join(accounts.set_index("account_id")[["opened", "segment"]])
    return frames


def test_schema(main, orders):
    assert list(main.columns) == ["account_id", "year", "segment", "opened", "revenue", "cost_of_goods", "orders",
                                  "deliveries", "returns", "service_contacts", "days_to_pay"]
    assert str(main["account_id"].dtype) == "str" and str(main["segment"].dtype) == "str"
    for column in ["year", "opened", "orders", "deliveries", "returns", "service_contacts", "days_to_pay"]:
        assert main[column].dtype == "int64", column
    assert main["revenue"].dtype == "float64" and main["cost_of_goods"].dtype == "float64"
    assert not main.isna().any().any()
    assert not main.duplicated(["account_id", "year"]).any()
    assert (main[["revenue", "cost_of_goods", "orders", "deliveries", "returns", "service_contacts"]] >= 0).all().all()
    assert (main["deliveries"] >= main["orders"]).all()
    assert (main["returns"] <= main["orders"]).all()
    assert list(orders.columns) == ["order_id", "account_id", "date", "amount", "returned"]
    assert orders["date"].dtype == "datetime64[ns]" and orders["returned"].dtype == "bool"
    assert orders["order_id"].is_unique and (orders["amount"] > 0).all()
    assert orders["date"].between("2023-01-01", "2024-12-31").all()


def test_main_is_the_order_log_summed(main, orders):
    yearly = (orders.assign(year=orders["date"].dt.year)
              .groupby(["account_id", "year"])
              .agg(revenue=("amount", "sum"), orders=("amount", "size"), returns=("returned", "sum")))
    table = main.set_index(["account_id", "year"]).loc[yearly.index]
    assert len(yearly) == len(main)
    np.testing.assert_allclose(table["revenue"], yearly["revenue"], atol=0.01)
    assert (table["orders"] == yearly["orders"]).all() and (table["returns"] == yearly["returns"]).all()


def test_cost_rates_table_matches_the_helper_defaults():
    rates = data.load("distributor", "cost_rates").set_index("driver")["rate"]
    assert rates.drop("days_to_pay").to_dict() == DEFAULT_RATES
    assert rates["days_to_pay"] == FINANCING_RATE


def test_accounts_grew(main):
    per_year = main.groupby("year")["account_id"].agg(set)
    assert len(per_year[2023]) == 420 and len(per_year[2024]) == 600
    assert len(per_year[2024] - per_year[2023]) == 200  # opened in 2024
    assert len(per_year[2023] - per_year[2024]) == 20   # lost after 2023
    assert (main.loc[main["year"] == 2024].set_index("account_id").loc[sorted(per_year[2024] - per_year[2023]),
                                                                        "opened"] == 2024).all()


def test_revenue_grew_but_profit_stalled(profit):
    before, after = profit[2023], profit[2024]
    assert 1.20 <= after["revenue"].sum() / before["revenue"].sum() <= 1.35
    assert after["gross_profit"].sum() / before["gross_profit"].sum() > 1.20
    assert after["cost_to_serve"].sum() / before["cost_to_serve"].sum() > 1.40
    assert 0.90 <= after["profit"].sum() / before["profit"].sum() <= 1.00


def test_share_of_loss_making_accounts(profit):
    assert abs((profit[2023]["profit"] < 0).mean() - 0.16) <= 0.04
    assert abs((profit[2024]["profit"] < 0).mean() - 0.31) <= 0.04


def test_new_accounts_make_the_losses(profit):
    p = profit[2024]
    losers = p[p["profit"] < 0]
    assert (losers["opened"] >= 2023).mean() >= 0.70
    assert p.loc[p["opened"] >= 2023, "profit"].sum() < 0
    old_2023 = profit[2023].loc[profit[2023]["opened"] < 2023, "profit"].sum()
    assert p.loc[p["opened"] < 2023, "profit"].sum() > old_2023


def test_whale_curve_peaks(profit):
    assert abs(whale_summary(profit[2023]["profit"])["peak_share"] - 1.13) <= 0.10
    assert abs(whale_summary(profit[2024]["profit"])["peak_share"] - 1.39) <= 0.10


def test_top_account(main, profit):
    for year in (2023, 2024):
        assert profit[year]["revenue"].idxmax() == "A0001"
        assert profit[year]["profit"].idxmax() == "A0001"
    top = profit[2024].loc["A0001"]
    assert 0.08 <= top["revenue"] / profit[2024]["revenue"].sum() <= 0.12
    assert top["gross_profit"] / top["revenue"] == pytest.approx(0.09, abs=0.001)
    margin_by_segment = (profit[2024].groupby("segment")[["gross_profit", "revenue"]].sum()
                         .pipe(lambda t: t["gross_profit"] / t["revenue"]))
    assert margin_by_segment.idxmin() == "supermarket chain"
    days = main.set_index(["account_id", "year"]).loc[("A0001", 2024), "days_to_pay"]
    assert abs(days - 90) <= 3
