"""Checks for ``02_rfm``: expected answers computed from the kit's data with ``helpers.rfm``."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data, rfm
from helpers.checks import Exercises, expect_number, quietly

exercises = Exercises("ch02")

ANALYSIS_DATE = pd.Timestamp("2025-01-01")
CDNOW_SNAPSHOT = pd.Timestamp("1998-07-01")
#: The member of Exercise 1: their last row in 2024 is a return, after their last purchase.
MEMBER_EX1 = "M00021"
#: The member of Exercise 2: two return receipts besides eleven purchase visits.
MEMBER_EX2 = "M00042"
COLUMNS = {"customer": "customer_id", "date": "timestamp", "amount": "amount", "order": "order_id"}




@lru_cache(maxsize=1)
def clean_log() -> pd.DataFrame:
    lines = data.load("supermarket")
    products = data.load("supermarket", "products")
    list_price = lines["product"].map(products.set_index("product")["list_price"])
    return quietly(rfm.clean_log, lines, list_price=list_price)


@lru_cache(maxsize=1)
def member_rfm() -> pd.DataFrame:
    return quietly(rfm.rfm_table, clean_log(), snapshot=ANALYSIS_DATE, **COLUMNS)


@exercises.add("ex1", "recency_m21")
def ex1(recency_m21):
    log = clean_log()
    rows = log[log["customer_id"] == MEMBER_EX1]
    purchases = rows[rows["amount"] >= 0]
    expected = (ANALYSIS_DATE - purchases["timestamp"].max().normalize()).days
    from_any_row = (ANALYSIS_DATE - rows["timestamp"].max().normalize()).days
    expect_number(recency_m21, expected, name="recency_m21", integer=True, off_by_one="day", alternatives=[
        (from_any_row, "That counts from the member's last row, which is a return receipt. Recency runs from the "
                       "last *purchase*: a refund is not a visit that shows interest."),
        (expected - 1, "One day short: count from the day of the last purchase to the snapshot 2025-01-01 (the day "
                       "after the last transaction), not to 2024-12-31."),
    ])


@exercises.add("ex2", "visits_m42")
def ex2(visits_m42):
    log = clean_log()
    rows = log[log["customer_id"] == MEMBER_EX2]
    expected = rows.loc[~rows["order_id"].str.startswith("R"), "order_id"].nunique()
    expect_number(visits_m42, expected, name="visits_m42", integer=True, alternatives=[
        (rows["order_id"].nunique(), "You counted the return receipts (order ids starting with 'R') as visits; "
                                     "a return is netted into spend but is not a shopping trip."),
        (len(rows), "That is the number of lines. A visit is a receipt: count distinct order ids."),
        (int((rows["amount"] > 0).sum()), "That is the number of purchase lines. A visit is a receipt: count "
                                          "distinct order ids."),
    ])


@exercises.add("ex3", "lapsed_share")
def ex3(lapsed_share):
    recency = member_rfm()["recency_days"]
    expect_number(lapsed_share, (recency > 90).mean(), name="lapsed_share", alternatives=[
        ((recency >= 90).mean(), "Close: a member who last bought exactly 90 days before the snapshot still "
                                 "shopped within the last 90 days. Use recency_days > 90."),
        (int((recency > 90).sum()), "That is the number of lapsed members; divide by the number of members."),
        ((recency > 90).mean() * len(recency) / len(clean_log()),
         "Divide by the number of members, not the number of lines."),
    ])


@exercises.add("ex4", "champions_revenue_share")
def ex4(champions_revenue_share):
    segments = rfm.rfm_segments(rfm.rfm_scores(member_rfm()))
    champions = segments["segment"] == "champions"
    expected = segments.loc[champions, "monetary"].sum() / segments["monetary"].sum()
    expect_number(champions_revenue_share, expected, name="champions_revenue_share", alternatives=[
        (champions.mean(), "That is the champions' share of *members*; the exercise asks for their share of "
                           "member revenue (sum of monetary)."),
    ])


@exercises.add("ex5", "half_revenue_share")
def ex5(half_revenue_share):
    spend = np.sort(member_rfm()["monetary"].to_numpy())[::-1]
    cumulative = np.cumsum(spend) / spend.sum()
    needed = int(np.searchsorted(cumulative, 0.5) + 1)
    expected = needed / len(spend)
    from_bottom = np.cumsum(spend[::-1]) / spend.sum()
    bottom_needed = int(np.searchsorted(from_bottom, 0.5) + 1) / len(spend)
    expect_number(half_revenue_share, expected, name="half_revenue_share", rel_tol=2e-3, alternatives=[
        (needed, "That is the number of members; divide by the number of members to get a share."),
        (bottom_needed, "You added up from the smallest spenders; sort from the largest spender down."),
    ])


@exercises.add("ex6", "high_value_14")
def ex6(high_value_14):
    rules = [dict(rule) for rule in rfm.SUPERMARKET_TIERS]
    rules[0]["max_recency_days"] = 14
    tiers = rfm.threshold_tiers(member_rfm(), rules)["tier"]
    expected = int((tiers == "high value").sum())
    original = int((rfm.threshold_tiers(member_rfm())["tier"] == "high value").sum())
    on_total = dict(rules[0])
    on_total["min_monetary"] = on_total.pop("min_monetary_per_visit")
    slip = int((rfm.threshold_tiers(member_rfm(), [on_total, *rules[1:]])["tier"] == "high value").sum())
    expect_number(high_value_14, expected, name="high_value_14", integer=True, alternatives=[
        (original, "That is the count with the original 7-day rule; change the high-value rule's "
                   "max_recency_days to 14."),
        (slip, "Too many: the 500-yuan bar is per visit (min_monetary_per_visit). Did you drop it, or apply it to "
               "the year's total spend?"),
    ])
    return f"{expected - original} more members than with the 7-day rule ({original})."


@lru_cache(maxsize=1)
def _cdnow() -> pd.DataFrame:
    return data.load("cdnow")


@exercises.add("ex7", "cdnow_one_day_share")
def ex7(cdnow_one_day_share):
    log = _cdnow()
    kwargs = {"customer": "customer_id", "date": "date", "amount": "amount", "snapshot": CDNOW_SNAPSHOT}
    by_day = quietly(rfm.rfm_table, log, order="date", **kwargs)
    by_row = quietly(rfm.rfm_table, log, **kwargs)
    expected = (by_day["frequency"] == 1).mean()
    expect_number(cdnow_one_day_share, expected, name="cdnow_one_day_share", alternatives=[
        ((by_row["frequency"] == 1).mean(), "You counted lines, not purchase days: two lines on the same day "
                                            "are one visit. Pass order='date' so that each day counts once."),
        (int((by_day["frequency"] == 1).sum()), "That is the number of customers; divide by the number of "
                                                "customers (23,570)."),
    ])
    return "About half of CDNOW's customers never came back after their first day."
