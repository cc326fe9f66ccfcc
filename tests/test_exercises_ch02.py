"""The self-checks of chapter 2: every hint path, fed right and planted wrong answers.

Expected values are recomputed here with plain pandas from the `supermarket` and `cdnow`
datasets (a second implementation next to helpers.rfm), or written by hand from the rows
shown in the comments.
"""

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch02 import exercises

SNAPSHOT = pd.Timestamp("2025-01-01")


def status(key, **answers):
    return run_check(exercises, key, answers)


@pytest.fixture(scope="module")
def log():
    """Duplicates and impossible prices removed (as the dataset's own tests do), net value per line."""
    lines = data.load("supermarket")
    products = data.load("supermarket", "products")
    out = lines.drop_duplicates()
    list_price = out["product"].map(products.set_index("product")["list_price"])
    out = out[(out["unit_price"] > 0) & (out["unit_price"] <= 2 * list_price)]
    return out.assign(amount=out["quantity"] * out["unit_price"])


@pytest.fixture(scope="module")
def members(log):
    """Plain groupby RFM of the members at 2025-01-01."""
    known = log[log["customer_id"].notna()]
    buys = known[~known["order_id"].str.startswith("R")]
    last = buys.groupby("customer_id")["timestamp"].max().dt.normalize()
    return pd.DataFrame({"recency_days": (SNAPSHOT - last).dt.days,
                         "frequency": buys.groupby("customer_id")["order_id"].nunique(),
                         "monetary": known.groupby("customer_id")["amount"].sum()})


def test_every_exercise_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED
    assert exercises.keys() == [f"ex{i}" for i in range(1, 9)]


def test_ex1_recency(log):
    rows = log[log["customer_id"] == "M00021"]
    # M00021's only purchase is on 2024-10-17 and a return receipt follows on 2024-10-20:
    # 14 days left in October + 30 + 31 + 1 = 76 days; from the return, 11 + 30 + 31 + 1 = 73.
    assert rows.loc[~rows["order_id"].str.startswith("R"), "timestamp"].max().normalize() == pd.Timestamp("2024-10-17")
    assert rows["timestamp"].max().normalize() == pd.Timestamp("2024-10-20")
    assert status("ex1", recency_m21=76).status == CORRECT
    assert "return receipt" in status("ex1", recency_m21=73).message
    # 75 is what both slips give: .days of 2024-10-17 19:45 → 2025-01-01 (75 days 4 h), and
    # counting to 2024-12-31; the hint names both, since the answer cannot tell them apart.
    short = status("ex1", recency_m21=75)
    assert "One day short" in short.message and "normalise" in short.message and "2024-12-31" in short.message
    assert status("ex1", recency_m21=(SNAPSHOT - rows.loc[rows["amount"] >= 0, "timestamp"].max())
                  / pd.Timedelta(days=1)).tag == "fractional-days"
    assert "off by one" in status("ex1", recency_m21=77).message


def test_ex2_visits(log):
    rows = log[log["customer_id"] == "M00042"]
    visits = rows.loc[~rows["order_id"].str.startswith("R"), "order_id"].nunique()
    receipts = rows["order_id"].nunique()
    assert receipts > visits  # M00042 has return receipts, so the "return receipts" hint can fire
    assert status("ex2", visits_m42=visits).status == CORRECT
    assert "return receipts" in status("ex2", visits_m42=receipts).message
    assert "number of lines" in status("ex2", visits_m42=len(rows)).message
    purchase_lines = int((rows["amount"] > 0).sum())
    assert "purchase lines" in status("ex2", visits_m42=purchase_lines).message


def test_ex3_lapsed_60(members):
    assert (members["recency_days"] > 90).mean() == pytest.approx(0.15, abs=0.02)  # the planted 15% at 90 days
    share = (members["recency_days"] > 60).mean()
    assert status("ex3", lapsed_60_share=share).status == CORRECT
    assert status("ex3", lapsed_60_share=round(share, 3)).status == CORRECT
    assert "exactly 60 days" in status("ex3", lapsed_60_share=(members["recency_days"] >= 60).mean()).message
    assert status("ex3", lapsed_60_share=int((members["recency_days"] > 60).sum())).tag == "count-not-share"
    assert status("ex3", lapsed_60_share=(members["recency_days"] > 90).mean()).tag == "text-window"
    assert status("ex3", lapsed_60_share=share * 100).tag == "percent-not-share"
    assert status("ex3", lapsed_60_share=round(share * 100, 1)).tag == "percent-not-share"   # rounded too
    assert status("ex3", lapsed_60_share=round(share, 2)).tag == "rounded"


def quintile(values):
    """Second implementation of the tie rule: 1 + floor(5 × strictly smaller / n), by pairwise comparison."""
    x = np.asarray(values, dtype=float)
    smaller = (x[None, :] < x[:, None]).sum(axis=1)
    return 1 + (5 * smaller) // len(x)


def test_ex4_champions(members):
    r = quintile(-members["recency_days"].to_numpy())
    f = quintile(members["frequency"].to_numpy())
    champions = (r >= 4) & (f >= 4)
    share = members["monetary"][champions].sum() / members["monetary"].sum()
    assert status("ex4", champions_revenue_share=share).status == CORRECT
    assert "share of *members*" in status("ex4", champions_revenue_share=champions.mean()).message
    assert status("ex4", champions_revenue_share=share * 0.9).status == HINT


def test_ex5_half_revenue(members):
    spend = members["monetary"].sort_values(ascending=False)
    needed = int((spend.cumsum() / spend.sum() < 0.5).sum()) + 1
    share = needed / len(spend)
    assert share == pytest.approx(0.12, abs=0.02)  # the dataset's planted "12% bring half"
    assert status("ex5", half_revenue_share=share).status == CORRECT
    assert "number of members" in status("ex5", half_revenue_share=needed).message
    bottom = spend.sort_values()
    bottom_needed = int((bottom.cumsum() / bottom.sum() < 0.5).sum()) + 1
    assert "smallest spenders" in status("ex5", half_revenue_share=bottom_needed / len(spend)).message
    # Forgetting the + 1 used to pass (tolerance 2e-3 > 1/n); now it is named.
    assert status("ex5", half_revenue_share=(needed - 1) / len(spend)).tag == "forgot-plus-one"


def test_ex6_own_threshold(members):
    per_visit = members["monetary"] / members["frequency"]
    frequent = members["frequency"] >= 12
    high_14 = int(((members["recency_days"] <= 14) & frequent & (per_visit >= 500)).sum())
    high_7 = int(((members["recency_days"] <= 7) & frequent & (per_visit >= 500)).sum())
    no_bar = int(((members["recency_days"] <= 14) & frequent).sum())
    assert high_7 < high_14 < no_bar  # the three answers are distinct, so each hint can fire
    result = status("ex6", high_value_14=high_14)
    assert result.status == CORRECT and f"({high_7})" in result.message
    assert "original 7-day rule" in status("ex6", high_value_14=high_7).message
    assert "per visit" in status("ex6", high_value_14=no_bar).message
    strict = int(((members["recency_days"] < 14) & frequent & (per_visit >= 500)).sum())
    assert status("ex6", high_value_14=strict).tag == "strict-boundary"


def test_ex8_at_risk_choice():
    assert status("ex8", at_risk_action="B").status == CORRECT
    assert status("ex8", at_risk_action="C").tag == "cheap-reminder"


def test_ex7_cdnow():
    cdnow = data.load("cdnow")
    days = cdnow.groupby("customer_id")["date"].nunique()
    rows = cdnow.groupby("customer_id").size()
    share = (days == 1).mean()
    assert status("ex7", cdnow_one_day_share=share).status == CORRECT
    assert "lines, not purchase days" in status("ex7", cdnow_one_day_share=(rows == 1).mean()).message
    assert "number of customers" in status("ex7", cdnow_one_day_share=int((days == 1).sum())).message
