"""The `supermarket` dataset: schema, mess counts and planted truths.

Every truth is recomputed here with plain pandas from the loaded CSV (never with the
generator's own code); the tolerances are those on the dataset card.
"""

import pandas as pd
import pytest

from helpers import data
from helpers.simulate import supermarket as sm

ANALYSIS_DATE = pd.Timestamp("2025-01-01")


@pytest.fixture(scope="module")
def lines():
    return data.load("supermarket")


@pytest.fixture(scope="module")
def products():
    return data.load("supermarket", "products")


@pytest.fixture(scope="module")
def clean(lines, products):
    """Duplicates and impossible prices removed; net value per line."""
    out = lines.drop_duplicates()
    list_price = out["product"].map(products.set_index("product")["list_price"])
    out = out[(out["unit_price"] > 0) & (out["unit_price"] <= 2 * list_price)]
    return out.assign(value=out["quantity"] * out["unit_price"])


@pytest.fixture(scope="module")
def baskets(clean):
    """One row per purchase receipt: evening-or-weekend flag and one flag per planted product."""
    buys = clean[clean["quantity"] > 0]
    first = buys.groupby("order_id")["timestamp"].first()
    frame = pd.DataFrame({"evening_or_weekend": (first.dt.hour >= 18) | (first.dt.day_of_week >= 5)})
    for product in ["beer", "diapers", "infant formula", "milk", "bread"]:
        orders = buys.loc[buys["product"] == product, "order_id"].unique()
        frame[product] = frame.index.isin(orders)
    return frame


def _lift(frame, a, b):
    return (frame[a] & frame[b]).mean() / (frame[a].mean() * frame[b].mean())


# ------------------------------------------------------------------ schema


def test_schema_and_types(lines):
    assert list(lines.columns) == ["order_id", "customer_id", "store_id", "timestamp", "product",
                                   "category", "quantity", "unit_price"]
    for column in ["order_id", "customer_id", "store_id", "product", "category"]:
        assert lines[column].dtype == "str", column
    assert lines["timestamp"].dtype == "datetime64[ns]"
    assert lines["quantity"].dtype == "int64"
    assert lines["unit_price"].dtype == "float64"
    assert lines["order_id"].str.fullmatch(r"[TR]\d{7}").all()
    assert lines["customer_id"].dropna().str.fullmatch(r"M\d{5}").all()
    assert set(lines["store_id"]) == {f"S{i:03d}" for i in range(1, 101)}
    assert lines["product"].str.fullmatch(r"[a-z ]+").all()
    assert lines["timestamp"].min() >= pd.Timestamp("2024-01-01")
    assert lines["timestamp"].max() < ANALYSIS_DATE
    # sorted by timestamp then order id (line order within an order is kept)
    key = pd.MultiIndex.from_arrays([lines["timestamp"], lines["order_id"]])
    assert key.is_monotonic_increasing


def test_side_tables(lines, products):
    categories = data.load("supermarket", "categories")
    assert categories["gross_margin"].between(0, 1).all()
    assert set(categories["category"]) == set(lines["category"])
    assert products["product"].is_unique
    assert set(products["product"]) == set(lines["product"])
    assert (products["list_price"] > 0).all()
    # each product always has the same category in the line items
    assert (lines.groupby("product")["category"].nunique() == 1).all()


def test_size(lines, clean):
    assert len(lines) >= 200_000
    assert clean["customer_id"].nunique() >= 10_000
    assert clean["customer_id"].nunique() == sm.N_MEMBERS


# ------------------------------------------------------------------ mess, each kind counted


def test_return_lines(lines):
    returns = lines[lines["order_id"].str.startswith("R")]
    assert len(returns) == sm.N_RETURN_LINES
    assert (returns["quantity"] < 0).all()
    assert (lines.loc[lines["order_id"].str.startswith("T"), "quantity"] > 0).all()
    assert returns["customer_id"].notna().all()
    # each return follows an earlier purchase of the same product by the same member
    buys = lines[lines["quantity"] > 0]
    first_buy = buys.groupby(["customer_id", "product"])["timestamp"].min().rename("first_buy")
    joined = returns.join(first_buy, on=["customer_id", "product"])
    assert (joined["first_buy"] < joined["timestamp"]).all()


def test_anonymous_lines(lines):
    assert lines["customer_id"].isna().sum() == sm.N_ANONYMOUS_LINES
    # anonymous receipts are whole receipts, never a mix
    mixed = lines.groupby("order_id")["customer_id"].agg(lambda s: s.isna().any() and s.notna().any())
    assert not mixed.any()


def test_duplicate_lines(lines):
    assert lines.duplicated().sum() == sm.N_DUPLICATE_LINES


def test_impossible_prices(lines, products):
    list_price = lines["product"].map(products.set_index("product")["list_price"])
    bad = (lines["unit_price"] <= 0) | (lines["unit_price"] > 100 * list_price)
    assert bad.sum() == sm.N_BAD_PRICE_LINES
    # every other price is the list price or the promotion price
    ok = lines[~bad]
    ratio = (ok["unit_price"] / list_price[~bad]).round(2)
    assert set(ratio) <= {1.0, 0.8}


# ------------------------------------------------------------------ planted truths


def test_about_15_percent_of_members_lapse(clean):
    buys = clean[clean["customer_id"].notna() & (clean["quantity"] > 0)]
    last = buys.groupby("customer_id")["timestamp"].max()
    lapsed = (last < ANALYSIS_DATE - pd.Timedelta(days=90)).mean()
    assert lapsed == pytest.approx(0.15, abs=0.02)


def test_high_value_members_shop_in_about_30_percent_of_weeks(clean):
    buys = clean[clean["customer_id"].notna() & (clean["quantity"] > 0)]
    visits = buys.groupby(["customer_id", "order_id"]).agg(
        timestamp=("timestamp", "first"), value=("value", "sum")).reset_index()
    per_member = visits.groupby("customer_id").agg(
        last=("timestamp", "max"), frequency=("order_id", "size"), spend=("value", "sum"))
    recency = (ANALYSIS_DATE - per_member["last"].dt.normalize()).dt.days
    monetary = per_member["spend"] / per_member["frequency"]
    high = per_member.index[(recency <= 7) & (per_member["frequency"] >= 12) & (monetary >= 500)]
    assert len(high) >= 50
    week = (visits["timestamp"] - pd.Timestamp("2024-01-01")).dt.days // 7
    weeks_shopped = week.groupby(visits["customer_id"]).nunique()
    share = (weeks_shopped[high] / (366 / 7)).mean()
    assert share == pytest.approx(0.30, abs=0.04)


def test_top_12_percent_bring_about_half_of_member_revenue(clean):
    spend = clean[clean["customer_id"].notna()].groupby("customer_id")["value"].sum()
    spend = spend.sort_values(ascending=False)
    top = int(round(0.12 * len(spend)))
    assert spend.iloc[:top].sum() / spend.sum() == pytest.approx(0.50, abs=0.05)


def test_formula_to_diapers_confidence_about_half(baskets):
    confidence = baskets.loc[baskets["infant formula"], "diapers"].mean()
    assert confidence == pytest.approx(0.5, abs=0.04)


def test_beer_and_diapers_live_in_evening_and_weekend_baskets(baskets):
    evening = baskets[baskets["evening_or_weekend"]]
    daytime = baskets[~baskets["evening_or_weekend"]]
    assert _lift(evening, "beer", "diapers") > 2.5
    assert 0.75 <= _lift(daytime, "beer", "diapers") <= 1.3
    both = baskets["beer"] & baskets["diapers"]
    assert baskets.loc[both, "evening_or_weekend"].mean() > 0.75


def test_milk_and_bread_popular_but_independent(baskets):
    assert 0.40 <= baskets["milk"].mean() <= 0.50
    assert 0.35 <= baskets["bread"].mean() <= 0.45
    assert _lift(baskets, "milk", "bread") == pytest.approx(1.0, abs=0.05)
    # a "high-confidence" rule that means nothing: bread -> milk is about P(milk)
    confidence = baskets.loc[baskets["bread"], "milk"].mean()
    assert confidence == pytest.approx(baskets["milk"].mean(), abs=0.02)

