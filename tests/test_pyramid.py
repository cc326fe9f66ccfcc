"""Unit tests of helpers.pyramid; every expected value is computed by hand in a comment."""

import numpy as np
import pandas as pd
import pytest

from helpers.pyramid import (DEFAULT_RATES, customer_profit, gini, lorenz, pyramid_tiers, tier_summary,
                             whale_curve, whale_summary)


# --------------------------------------------------------------------------- gini / lorenz


def pairwise_gini(values):
    """Second implementation: mean absolute difference over all ordered pairs / (2 × mean)."""
    x = np.asarray(values, dtype=float)
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())


def test_gini_all_equal_is_zero():
    assert gini([5, 5, 5, 5]) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("n", [2, 4, 10])
def test_gini_one_customer_holds_all(n):
    values = [0] * (n - 1) + [100]
    assert gini(values) == pytest.approx((n - 1) / n)


def test_gini_hand_example():
    # values 1, 2, 3, 4 (total 10): Lorenz points 0, .1, .3, .6, 1 at x = 0, .25, .5, .75, 1.
    # Area = .25 × (0+.1 + .1+.3 + .3+.6 + .6+1)/2 = .25 × 3/2 = .375; Gini = 1 − .75 = .25.
    assert gini([4, 1, 3, 2]) == pytest.approx(0.25)
    assert pairwise_gini([1, 2, 3, 4]) == pytest.approx(0.25)


def test_gini_agrees_with_pairwise_formula():
    values = np.random.default_rng(7).lognormal(3, 1.2, 200)
    assert gini(values) == pytest.approx(pairwise_gini(values))


def test_lorenz_points():
    curve = lorenz(pd.Series([30.0, 10.0, 60.0]))
    # sorted 10, 30, 60 of 100 → cumulative shares 0, .1, .4, 1 at 0, 1/3, 2/3, 1
    assert curve["share_of_customers"].tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert curve["share_of_value"].tolist() == pytest.approx([0, 0.1, 0.4, 1.0])


@pytest.mark.parametrize("bad, error, words", [
    ([], ValueError, "empty"),
    ([1.0, np.nan], ValueError, "missing"),
    ([5.0, -1.0], ValueError, "whale_curve"),
    ([0, 0], ValueError, "adds up to 0"),
    (["a", "b"], TypeError, "numbers"),
])
def test_gini_bad_input(bad, error, words):
    with pytest.raises(error, match=words):
        gini(bad)


def test_gini_rejects_a_dataframe():
    with pytest.raises(TypeError, match="one column"):
        gini(pd.DataFrame({"a": [1, 2]}))


# --------------------------------------------------------------------------- tiers


def test_default_tiers_on_twenty_customers():
    # 20 customers with profits 20, 19, …, 1: default 5/15/50/30% → 1, 3, 10, 6 customers.
    profit = pd.Series(np.arange(20, 0, -1, dtype=float), index=[f"C{i:02d}" for i in range(20)])
    tiers = pyramid_tiers(profit)
    assert tiers.name == "tier"
    assert tiers.index.equals(profit.index)
    counts = tiers.value_counts()
    assert (counts["platinum"], counts["gold"], counts["iron"], counts["lead"]) == (1, 3, 10, 6)
    assert tiers["C00"] == "platinum" and tiers["C01"] == "gold" and tiers["C04"] == "iron"
    assert tiers["C14"] == "lead"
    assert tiers.cat.ordered and list(tiers.cat.categories) == ["lead", "iron", "gold", "platinum"]


def test_ties_share_the_better_tier():
    # shares 25/25/25/25 of 8 → 2 per tier by position; profits 9, 8, 8, 8, 5, 4, 3, 2.
    # The three 8s start at position 1 (platinum), so all three are platinum; then 5 (position 4)
    # and 4 (position 5) are iron since positions 2–3 were taken; 3 and 2 are lead.
    profit = pd.Series([9, 8, 8, 8, 5, 4, 3, 2], dtype=float)
    tiers = pyramid_tiers(profit, shares=(0.25, 0.25, 0.25, 0.25))
    assert tiers.astype(str).tolist() == ["platinum"] * 4 + ["iron", "iron", "lead", "lead"]


def test_ties_do_not_depend_on_row_order():
    profit = pd.Series([3.0, 5.0, 5.0, 1.0, 5.0], index=list("abcde"))
    shuffled = profit.loc[list("edcba")]
    assert pyramid_tiers(profit).loc[list("abcde")].tolist() == pyramid_tiers(shuffled).loc[list("abcde")].tolist()


def test_loss_makers_are_always_lead():
    # 10 customers, shares 10/20/60/10 → 1, 2, 6, 1 by rank; but four lose money,
    # so positions 6–9 (the losses) are lead although ranks 6–8 would be iron.
    profit = pd.Series([100, 80, 60, 40, 20, 10, -1, -5, -10, -50], dtype=float)
    tiers = pyramid_tiers(profit, shares={"platinum": .1, "gold": .2, "iron": .6, "lead": .1})
    assert tiers.astype(str).tolist() == ["platinum", "gold", "gold"] + ["iron"] * 3 + ["lead"] * 4


def test_tiers_by_thresholds():
    profit = pd.Series([60_000, 50_000, 12_000, 500, 0, -300], dtype=float)
    tiers = pyramid_tiers(profit, thresholds={"platinum": 50_000, "gold": 10_000, "iron": 0})
    assert tiers.astype(str).tolist() == ["platinum", "platinum", "gold", "iron", "iron", "lead"]
    # an iron minimum below zero still leaves loss-makers in lead
    tiers = pyramid_tiers(profit, thresholds={"platinum": 50_000, "gold": 10_000, "iron": -1_000})
    assert tiers.iloc[-1] == "lead"


@pytest.mark.parametrize("kwargs, error, words", [
    ({"shares": (0.5, 0.5, 0.5, 0.5)}, ValueError, "sum to 2"),
    ({"shares": (5, 15, 50, 30)}, ValueError, "between 0 and 1"),
    ({"shares": (0.2, 0.8)}, ValueError, "four numbers"),
    ({"shares": {"platinum": 0.5, "gold": 0.5}}, ValueError, "all four tiers"),
    ({"shares": (0.1, 0.2, 0.3, "x")}, TypeError, "numbers"),
    ({"thresholds": {"platinum": 1, "gold": 5, "iron": 0}}, ValueError, "fall from platinum"),
    ({"thresholds": {"gold": 5}}, ValueError, "minimum profit"),
    ({"shares": (0.25,) * 4, "thresholds": {"platinum": 2, "gold": 1, "iron": 0}}, ValueError, "not both"),
])
def test_tier_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        pyramid_tiers(pd.Series([3.0, 2.0, 1.0]), **kwargs)


@pytest.mark.parametrize("bad, error, words", [
    (pd.Series([], dtype=float), ValueError, "empty"),
    (pd.Series([1.0, np.nan, 2.0]), ValueError, "1 missing"),
    (pd.Series(["1", "2"]), TypeError, "numbers"),
])
def test_tier_bad_profit(bad, error, words):
    with pytest.raises(error, match=words):
        pyramid_tiers(bad)


def test_tier_summary_shares():
    # profits 100, 50, 10, -20 with tiers platinum, gold, iron, lead; total 140.
    profit = pd.Series([100.0, 50.0, 10.0, -20.0], index=list("wxyz"))
    tiers = pyramid_tiers(profit, shares=(0.25, 0.25, 0.25, 0.25))
    summary = tier_summary(profit, tiers, revenue=pd.Series([500.0, 300.0, 150.0, 50.0], index=list("wxyz")))
    assert summary.index.tolist() == ["platinum", "gold", "iron", "lead"]
    assert summary["customers"].tolist() == [1, 1, 1, 1]
    assert summary["share_of_profit"].tolist() == pytest.approx([100 / 140, 50 / 140, 10 / 140, -20 / 140])
    assert summary["share_of_revenue"].tolist() == pytest.approx([0.5, 0.3, 0.15, 0.05])


# --------------------------------------------------------------------------- whale curve


def test_whale_curve_hand_example():
    # profits 50, 30, 20, -10, -40 → total 50; cumulative 0, 50, 80, 100, 90, 50;
    # shares 0, 1, 1.6, 2, 1.8, 1: the peak is 200% after 3 of 5 customers.
    profit = pd.Series([-10.0, 30.0, -40.0, 50.0, 20.0])
    curve = whale_curve(profit)
    assert curve["cumulative_profit"].tolist() == pytest.approx([0, 50, 80, 100, 90, 50])
    assert curve["share_of_total_profit"].tolist() == pytest.approx([0, 1, 1.6, 2, 1.8, 1])
    summary = whale_summary(profit)
    assert summary["peak_share"] == pytest.approx(2.0)
    assert summary["customers_at_peak"] == 3
    assert summary["share_of_customers_at_peak"] == pytest.approx(0.6)
    assert summary["loss_makers"] == 2
    assert summary["loss_of_loss_makers"] == pytest.approx(50.0)


def test_whale_curve_without_losses_peaks_at_100_percent():
    assert whale_summary([3.0, 2.0, 1.0])["peak_share"] == pytest.approx(1.0)


def test_whale_curve_needs_positive_total():
    with pytest.raises(ValueError, match="positive total"):
        whale_curve([10.0, -30.0])


# --------------------------------------------------------------------------- customer profit


def tiny_accounts():
    return pd.DataFrame({
        "account_id": ["B", "A"],
        "revenue": [36_500.0, 73_000.0],
        "cost_of_goods": [30_000.0, 60_000.0],
        "orders": [40, 10],
        "deliveries": [50, 10],
        "returns": [5, 0],
        "service_contacts": [20, 4],
        "days_to_pay": [60, 30],
    })


def test_customer_profit_by_hand():
    profit = customer_profit(tiny_accounts())
    assert profit.index.tolist() == ["A", "B"]  # sorted by account
    b = profit.loc["B"]
    # B: gross profit 6,500; orders 40×35 = 1,400; deliveries 50×110 = 5,500; returns 5×180 = 900;
    # contacts 20×50 = 1,000; payment 36,500 × 60/365 × 0.06 = 360 → cost to serve 9,160.
    assert b["gross_profit"] == pytest.approx(6_500)
    assert b["orders_cost"] == pytest.approx(1_400)
    assert b["deliveries_cost"] == pytest.approx(5_500)
    assert b["returns_cost"] == pytest.approx(900)
    assert b["service_contacts_cost"] == pytest.approx(1_000)
    assert b["payment_cost"] == pytest.approx(360)
    assert b["cost_to_serve"] == pytest.approx(9_160)
    assert b["profit"] == pytest.approx(-2_660)
    # A: 13,000 − (350 + 1,100 + 0 + 200 + 73,000 × 30/365 × .06 = 360) = 13,000 − 2,010 = 10,990
    assert profit.loc["A", "profit"] == pytest.approx(10_990)


def test_customer_profit_rates_are_overridable():
    # Deliveries at 60 instead of 110 save 50 × 50 = 2,500 on B; no payment cost adds back 360.
    default = customer_profit(tiny_accounts())
    cheaper = customer_profit(tiny_accounts(), rates={"deliveries": 60.0}, payment_days=None)
    assert cheaper.loc["B", "profit"] - default.loc["B", "profit"] == pytest.approx(2_500 + 360)
    assert "payment_cost" not in cheaper.columns
    # a rate of None leaves the driver out, so its column is not needed
    no_returns = customer_profit(tiny_accounts().drop(columns="returns"), rates={"returns": None})
    assert "returns_cost" not in no_returns.columns
    assert DEFAULT_RATES["deliveries"] == 110.0  # the defaults were not changed in place


def test_customer_profit_extra_driver():
    accounts = tiny_accounts().assign(sales_visits=[2, 6])
    # 2 extra visits on B at 300 yuan = 600 more cost
    more = customer_profit(accounts, rates={"sales_visits": 300.0})
    assert more.loc["B", "profit"] == pytest.approx(-2_660 - 600)


@pytest.mark.parametrize("change, error, words", [
    (lambda t: t.drop(columns="deliveries"), ValueError, r"\['deliveries'\]"),
    (lambda t: t.assign(orders=[-1, 3]), ValueError, "negative"),
    (lambda t: t.assign(returns=["5", "0"]), TypeError, "numbers"),
    (lambda t: t.assign(days_to_pay=[np.nan, 30]), ValueError, "missing"),
    (lambda t: pd.concat([t, t]), ValueError, "one row per customer"),
    (lambda t: t.iloc[0:0], ValueError, "empty"),
])
def test_customer_profit_bad_input(change, error, words):
    with pytest.raises(error, match=words):
        customer_profit(change(tiny_accounts()))


def test_customer_profit_bad_rate():
    with pytest.raises(ValueError, match="non-negative number"):
        customer_profit(tiny_accounts(), rates={"orders": -5})


def test_plot_pyramid_draws_one_pair_of_bars_per_tier():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    profit = pd.Series([100.0, 50.0, 10.0, -20.0])
    summary = tier_summary(profit, pyramid_tiers(profit, shares=(0.25, 0.25, 0.25, 0.25)))
    from helpers.pyramid import plot_pyramid

    ax = plot_pyramid(summary)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    # customers 25% each; profit 100/140, 50/140, 10/140, −20/140 in %
    assert widths == sorted([25.0] * 4 + [round(100 * v / 140, 6) for v in (100, 50, 10, -20)])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["lead", "iron", "gold", "platinum"]
    plt.close("all")


def test_tiers_with_an_empty_tier_and_plain_arrays():
    # shares 0/0/100/0: every profitable customer is iron, the one loss-maker lead; a list input
    # gives a RangeIndex.
    tiers = pyramid_tiers([5.0, 3.0, -1.0], shares=(0, 0, 1, 0))
    assert tiers.astype(str).tolist() == ["iron", "iron", "lead"]
    assert tiers.index.tolist() == [0, 1, 2]


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # noqa: E402
from helpers.pyramid import DEFAULT_SHARES, whale_curve  # noqa: E402


def test_financing_rate_given_as_a_percent_is_refused():
    # financing_rate=6 made a payment cost of 986 on revenue of 1,000
    with pytest.raises(InputError, match=r"financing_rate=6 looks like a percent: did you mean 0.06\?"):
        customer_profit(tiny_accounts(), financing_rate=6)
    with pytest.raises(InputError, match="rate for 'orders' must be a non-negative number"):
        customer_profit(tiny_accounts(), rates={"orders": "35"})


def test_missing_driver_column_error_names_the_real_fix():
    with pytest.raises(InputError) as info:
        customer_profit(tiny_accounts().drop(columns=["service_contacts", "days_to_pay"]))
    message = str(info.value)
    assert "rates={'service_contacts': None}" in message and "payment_days=None" in message


@pytest.mark.parametrize("column", ["revenue", "orders", "days_to_pay"])
def test_customer_profit_refuses_inf(column):
    accounts = tiny_accounts()
    accounts[column] = accounts[column].astype("float64")
    accounts.loc[0, column] = np.inf
    with pytest.raises(InputError, match=rf"Column '{column}' has 1 infinite"):
        customer_profit(accounts)


def test_customer_profit_text_numbers_and_mixed_ids():
    accounts = tiny_accounts()
    with pytest.raises(InputError, match=r"pd.to_numeric\(df\['revenue'\].str.replace\(',', ''\)\)"):
        customer_profit(accounts.assign(revenue=[f"{v:,.0f}" for v in accounts["revenue"]]))
    with pytest.raises(InputError, match="mixes text ids and numbers"):
        customer_profit(accounts.assign(account_id=pd.Series([1, "B"], dtype=object)))


def test_lorenz_and_gini_refuse_a_list_of_lists():
    with pytest.raises(InputError, match="one flat column of numbers.*np.ravel"):
        gini([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(InputError, match="one flat column"):
        lorenz([[1.0, 2.0]])
    assert gini([1.0, 1.0, 1.0]) == pytest.approx(0.0)


def test_tier_summary_refuses_unknown_tier_labels_instead_of_dropping_them():
    profit = pd.Series([10.0, 5.0, -1.0], index=["a", "b", "c"])
    tiers = pd.Series(["platinum", "gold", "bronze"], index=profit.index)
    with pytest.raises(InputError, match=r"\['bronze'\].*would drop out"):
        tier_summary(profit, tiers)
    # a tier Series in another order is matched by index
    tiers = pyramid_tiers(profit, thresholds={"platinum": 10, "gold": 5, "iron": 0})
    summary = tier_summary(profit, tiers.iloc[::-1])
    assert summary["customers"].tolist() == [1, 1, 0, 1]


def test_whale_and_tiers_refuse_text_scalars():
    with pytest.raises(InputError, match="thresholds\\['gold'\\] must be a number"):
        pyramid_tiers(pd.Series([3.0, 2.0]), thresholds={"platinum": 5, "gold": "1", "iron": 0})
    with pytest.raises(InputError, match=r"str.replace"):
        whale_curve(pd.Series(["1,000", "20"]))


def test_the_kits_default_rates_cannot_be_changed_from_a_notebook():
    # issue 14, point 6: an in-place edit of a default must not change later results
    before = customer_profit(tiny_accounts())
    with pytest.raises(TypeError, match="read-only"):
        DEFAULT_RATES["deliveries"] = 0.0
    with pytest.raises(TypeError, match="read-only"):
        DEFAULT_RATES.update(orders=0.0)
    with pytest.raises(TypeError, match="read-only"):
        DEFAULT_SHARES["platinum"] = 0.5
    pd.testing.assert_frame_equal(customer_profit(tiny_accounts()), before)
    mine = dict(DEFAULT_RATES)
    mine["deliveries"] = 60.0  # a copy is free to change, and is passed as an argument
    assert customer_profit(tiny_accounts(), rates=mine).loc["B", "profit"] > before.loc["B", "profit"]
