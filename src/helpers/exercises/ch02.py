"""Checks for ``02_rfm``: expected answers computed from the kit's data with ``helpers.rfm``."""

from __future__ import annotations

from functools import lru_cache

import copy

import numpy as np
import pandas as pd

from helpers import data, rfm
from helpers.checks import Exercises, expect_number, quietly

exercises = Exercises("ch02")
CATALOGUE_COMPLETE = True
#: Exercise 5's check is stricter than one member in 10,400 (see tests/test_catalogue.py).
CATALOGUE_TOLERANCE = {"ex5": 1e-6}

ANALYSIS_DATE = pd.Timestamp("2025-01-01")
CDNOW_SNAPSHOT = pd.Timestamp("1998-07-01")
#: The member of Exercise 1: their last row in 2024 is a return, after their last purchase.
MEMBER_EX1 = "M00021"
#: The member of Exercise 2: two return receipts besides eleven purchase visits.
MEMBER_EX2 = "M00042"
COLUMNS = {"customer": "customer_id", "date": "timestamp", "amount": "amount", "order": "order_id"}
#: Exercise 3's lapse window (the text used 90 days).
LAPSE_DAYS = 60
#: The chain's tiers as shipped, copied when the checks are imported: a notebook that edits
#: ``rfm.SUPERMARKET_TIERS`` in place cannot move what the checks expect.
PRISTINE_TIERS = tuple(copy.deepcopy(list(rfm.SUPERMARKET_TIERS)))


def _tiers_rules() -> list[dict]:
    return [dict(rule) for rule in PRISTINE_TIERS]




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
    last = purchases["timestamp"].max()
    expected = (ANALYSIS_DATE - last.normalize()).days
    from_any_row = (ANALYSIS_DATE - rows["timestamp"].max().normalize()).days
    not_normalised = (ANALYSIS_DATE - last).days
    to_dec_31 = (ANALYSIS_DATE - pd.Timedelta(days=1) - last.normalize()).days
    fractional = (ANALYSIS_DATE - last) / pd.Timedelta(days=1)
    normalise = ("`.days` of a purchase at a time later than midnight drops the part day: normalise the "
                 "timestamp to its day first (`.normalize()`)")
    snapshot = "count to the snapshot 2025-01-01 (the day after the last transaction), not to 2024-12-31"
    alternatives = [
        (from_any_row, "That counts from the member's last row, which is a return receipt. Recency runs from the "
                       "last *purchase*: a refund is not a visit that shows interest.", "return-receipt"),
        (fractional, "That keeps the hours of the last purchase: recency counts whole days, from the day of the "
                     "last purchase (`.normalize()`) to the snapshot, then `.days`.", "fractional-days"),
    ]
    if not_normalised == to_dec_31:       # the two slips give the same number: name both
        alternatives.append((not_normalised, f"One day short. Either {normalise}; or {snapshot}.", "one-day-short"))
    else:
        alternatives += [(not_normalised, f"One day short: {normalise}.", "not-normalised"),
                         (to_dec_31, f"One day short: {snapshot}.", "wrong-snapshot")]
    expect_number(recency_m21, expected, name="recency_m21", integer=True, off_by_one="day",
                  alternatives=alternatives)


def _m21():
    log = clean_log()
    return log[(log["customer_id"] == MEMBER_EX1)]


exercises.answer("ex1")(lambda: {"recency_m21": (ANALYSIS_DATE - _m21().loc[_m21()["amount"] >= 0, "timestamp"]
                                                 .max().normalize()).days})
exercises.form("ex1", "as a float from total days")(
    lambda: {"recency_m21": float((ANALYSIS_DATE - _m21().loc[_m21()["amount"] >= 0, "timestamp"].max()
                                   .normalize()) / pd.Timedelta(days=1))})
exercises.mistake("ex1", "return-receipt", "counts from the last row, a return")(
    lambda: {"recency_m21": (ANALYSIS_DATE - _m21()["timestamp"].max().normalize()).days})
exercises.mistake("ex1", "one-day-short", "forgets .normalize() on a 19:45 purchase (same as counting to Dec 31)")(
    lambda: {"recency_m21": (ANALYSIS_DATE - _m21().loc[_m21()["amount"] >= 0, "timestamp"].max()).days})
exercises.mistake("ex1", "fractional-days", "divides the time difference by one day, hours kept")(
    lambda: {"recency_m21": (ANALYSIS_DATE - _m21().loc[_m21()["amount"] >= 0, "timestamp"].max())
             / pd.Timedelta(days=1)})


@exercises.add("ex2", "visits_m42")
def ex2(visits_m42):
    log = clean_log()
    rows = log[log["customer_id"] == MEMBER_EX2]
    expected = rows.loc[~rows["order_id"].str.startswith("R"), "order_id"].nunique()
    expect_number(visits_m42, expected, name="visits_m42", integer=True, alternatives=[
        (rows["order_id"].nunique(), "You counted the return receipts (order ids starting with 'R') as visits; "
                                     "a return is netted into spend but is not a shopping trip.",
         "returns-as-visits"),
        (len(rows), "That is the number of lines. A visit is a receipt: count distinct order ids.", "lines-not-visits"),
        (int((rows["amount"] > 0).sum()), "That is the number of purchase lines. A visit is a receipt: count "
                                          "distinct order ids.", "purchase-lines-not-visits"),
    ])


def _m42():
    log = clean_log()
    return log[log["customer_id"] == MEMBER_EX2]


exercises.answer("ex2")(lambda: {"visits_m42": _m42().loc[_m42()["amount"] > 0, "order_id"].nunique()})
exercises.form("ex2", "as the length of the unique purchase receipts")(
    lambda: {"visits_m42": len(set(_m42().loc[~_m42()["order_id"].str.startswith("R"), "order_id"]))})
exercises.mistake("ex2", "returns-as-visits", "counts every receipt, returns too")(
    lambda: {"visits_m42": _m42()["order_id"].nunique()})
exercises.mistake("ex2", "lines-not-visits", "counts lines")(lambda: {"visits_m42": len(_m42())})
exercises.mistake("ex2", "purchase-lines-not-visits", "counts purchase lines")(
    lambda: {"visits_m42": int((_m42()["amount"] > 0).sum())})


@exercises.add("ex3", "lapsed_60_share")
def ex3(lapsed_60_share):
    recency = member_rfm()["recency_days"]
    lapsed = recency > LAPSE_DAYS
    expect_number(lapsed_60_share, lapsed.mean(), name="lapsed_60_share", sig=3, alternatives=[
        ((recency >= LAPSE_DAYS).mean(), "Close: a member who last bought exactly 60 days before the snapshot "
                                         "still shopped within the last 60 days. Use recency_days > 60.",
         "boundary-included"),
        (int(lapsed.sum()), "That is the number of lapsed members; divide by the number of members.",
         "count-not-share"),
        ((recency > 90).mean(), "That is the share lapsed for 90 days, the text's window; the exercise asks "
                                "about 60 days.", "text-window"),
        (lapsed.sum() / len(clean_log()), "Divide by the number of members, not the number of lines.",
         "divided-by-lines"),
    ])


exercises.answer("ex3")(lambda: {"lapsed_60_share": (member_rfm()["recency_days"] > 60).mean()})
exercises.form("ex3", "rounded to three significant figures")(
    lambda: {"lapsed_60_share": round(float((member_rfm()["recency_days"] > 60).mean()), 3)})
exercises.mistake("ex3", "boundary-included", "uses >= 60")(
    lambda: {"lapsed_60_share": (member_rfm()["recency_days"] >= 60).mean()})
exercises.mistake("ex3", "count-not-share", "counts the lapsed members")(
    lambda: {"lapsed_60_share": int((member_rfm()["recency_days"] > 60).sum())})
exercises.mistake("ex3", "text-window", "keeps the text's 90 days")(
    lambda: {"lapsed_60_share": (member_rfm()["recency_days"] > 90).mean()})


@lru_cache(maxsize=1)
def _segments() -> pd.DataFrame:
    return rfm.rfm_segments(rfm.rfm_scores(member_rfm()))


@exercises.add("ex4", "champions_revenue_share")
def ex4(champions_revenue_share):
    segments = _segments()
    champions = segments["segment"] == "champions"
    expected = segments.loc[champions, "monetary"].sum() / segments["monetary"].sum()
    expect_number(champions_revenue_share, expected, name="champions_revenue_share", sig=3, alternatives=[
        (champions.mean(), "That is the champions' share of *members*; the exercise asks for their share of "
                           "member revenue (sum of monetary).", "members-not-revenue"),
        (segments.loc[champions, "frequency"].sum() / segments["frequency"].sum(),
         "That is the champions' share of *visits* (frequency); the exercise asks for their share of revenue "
         "(monetary).", "visits-not-revenue"),
    ])


exercises.answer("ex4")(lambda: {"champions_revenue_share": _segments().groupby("segment")["monetary"].sum()
                                 .pipe(lambda s: s["champions"] / s.sum())})
exercises.form("ex4", "rounded to three significant figures")(
    lambda: {"champions_revenue_share": float(f"{_segments().groupby('segment')['monetary'].sum().pipe(lambda s: s['champions'] / s.sum()):.3g}")})
exercises.mistake("ex4", "members-not-revenue", "gives the share of members")(
    lambda: {"champions_revenue_share": (_segments()["segment"] == "champions").mean()})
exercises.mistake("ex4", "visits-not-revenue", "adds up frequency")(
    lambda: {"champions_revenue_share": _segments().groupby("segment")["frequency"].sum()
             .pipe(lambda s: s["champions"] / s.sum())})
exercises.mistake("ex4", "percent-not-share", "gives a percentage")(
    lambda: {"champions_revenue_share": 100 * _segments().groupby("segment")["monetary"].sum()
             .pipe(lambda s: s["champions"] / s.sum())})


def _half(spend: np.ndarray) -> int:
    cumulative = np.cumsum(spend) / spend.sum()
    return int(np.searchsorted(cumulative, 0.5) + 1)


@exercises.add("ex5", "half_revenue_share")
def ex5(half_revenue_share):
    spend = np.sort(member_rfm()["monetary"].to_numpy())[::-1]
    n = len(spend)
    needed = _half(spend)
    expected = needed / n
    # Tolerance well below one member (1/n): forgetting the member who crosses the half is caught.
    expect_number(half_revenue_share, expected, name="half_revenue_share", rel_tol=1e-9, abs_tol=0.2 / n,
                  alternatives=[
        (needed, "That is the number of members; divide by the number of members to get a share.", "count-not-share"),
        (_half(spend[::-1]) / n, "You added up from the smallest spenders; sort from the largest spender down.",
         "smallest-first"),
        ((needed - 1) / n, "One member short: the members *before* the running share reaches one half bring less "
                           "than half; add the member who crosses it (the + 1).", "forgot-plus-one"),
    ])


def _student_half(ascending=False, plus_one=True, count=False):
    ranked = member_rfm()["monetary"].sort_values(ascending=ascending)
    running = ranked.cumsum() / ranked.sum()
    needed = int((running < 0.5).sum()) + (1 if plus_one else 0)
    return needed if count else needed / len(ranked)


exercises.answer("ex5")(lambda: {"half_revenue_share": _student_half()})
exercises.form("ex5", "as a one-element list")(lambda: {"half_revenue_share": [_student_half()]})
exercises.mistake("ex5", "count-not-share", "gives the number of members")(
    lambda: {"half_revenue_share": _student_half(count=True)})
exercises.mistake("ex5", "smallest-first", "sorts ascending")(lambda: {"half_revenue_share": _student_half(True)})
exercises.mistake("ex5", "forgot-plus-one", "counts the members below one half only")(
    lambda: {"half_revenue_share": _student_half(plus_one=False)})


def _high_value(rules) -> int:
    return int((rfm.threshold_tiers(member_rfm(), rules)["tier"] == "high value").sum())


@exercises.add("ex6", "high_value_14")
def ex6(high_value_14):
    rules = _tiers_rules()
    original = _high_value(_tiers_rules())
    rules[0]["max_recency_days"] = 14
    expected = _high_value(rules)
    on_total = dict(rules[0])
    on_total["min_monetary"] = on_total.pop("min_monetary_per_visit")
    slip = _high_value([on_total, *rules[1:]])
    m = member_rfm()
    strict = int(((m["recency_days"] < 14) & (m["frequency"] >= 12) & (m["monetary"] / m["frequency"] >= 500)).sum())
    expect_number(high_value_14, expected, name="high_value_14", integer=True, alternatives=[
        (original, "That is the count with the original 7-day rule; change the high-value rule's "
                   "max_recency_days to 14.", "text-rule"),
        (slip, "Too many: the 500-yuan bar is per visit (min_monetary_per_visit). Did you drop it, or apply it to "
               "the year's total spend?", "per-visit-bar"),
        (strict, "Too few: 'at most 14 days' includes a member who shopped exactly 14 days before the snapshot "
                 "(recency_days <= 14).", "strict-boundary"),
    ])
    return f"{expected - original} more members than with the 7-day rule ({original})."


def _student_rules(days=14, drop_bar=False):
    rules = [dict(rule) for rule in PRISTINE_TIERS]
    rules[0]["max_recency_days"] = days
    if drop_bar:
        rules[0].pop("min_monetary_per_visit")
    return _high_value(rules)


exercises.answer("ex6")(lambda: {"high_value_14": _student_rules()})
exercises.form("ex6", "from a DataFrame of rules")(
    lambda: {"high_value_14": int((rfm.threshold_tiers(member_rfm(), pd.DataFrame(PRISTINE_TIERS).assign(
        max_recency_days=lambda f: f["max_recency_days"].where(f["tier"] != "high value", 14)))["tier"]
        == "high value").sum())})
exercises.mistake("ex6", "text-rule", "keeps 7 days")(lambda: {"high_value_14": _student_rules(7)})
exercises.mistake("ex6", "per-visit-bar", "drops the 500-yuan bar")(
    lambda: {"high_value_14": _student_rules(drop_bar=True)})
exercises.mistake("ex6", "strict-boundary", "filters recency < 14 by hand")(
    lambda: {"high_value_14": int(((member_rfm()["recency_days"] < 14) & (member_rfm()["frequency"] >= 12)
                                   & (member_rfm()["monetary"] / member_rfm()["frequency"] >= 500)).sum())})


@lru_cache(maxsize=1)
def _cdnow() -> pd.DataFrame:
    return data.load("cdnow")


@lru_cache(maxsize=2)
def _cdnow_rfm(order: str | None) -> pd.DataFrame:
    kwargs = {"customer": "customer_id", "date": "date", "amount": "amount", "snapshot": CDNOW_SNAPSHOT}
    if order:
        kwargs["order"] = order
    return quietly(rfm.rfm_table, _cdnow(), **kwargs)


@exercises.add("ex7", "cdnow_one_day_share")
def ex7(cdnow_one_day_share):
    by_day, by_row = _cdnow_rfm("date"), _cdnow_rfm(None)
    expected = (by_day["frequency"] == 1).mean()
    expect_number(cdnow_one_day_share, expected, name="cdnow_one_day_share", sig=3, alternatives=[
        ((by_row["frequency"] == 1).mean(), "You counted lines, not purchase days: two lines on the same day "
                                            "are one visit. Pass order='date' so that each day counts once.",
         "lines-not-days"),
        (int((by_day["frequency"] == 1).sum()), "That is the number of customers; divide by the number of "
                                                "customers (23,570).", "count-not-share"),
    ])
    return "About half of CDNOW's customers never came back after their first day."


def _days_per_customer() -> pd.Series:
    return _cdnow().groupby("customer_id")["date"].nunique()


exercises.answer("ex7")(lambda: {"cdnow_one_day_share": (_days_per_customer() == 1).mean()})
exercises.form("ex7", "rounded to three significant figures")(
    lambda: {"cdnow_one_day_share": round(float((_days_per_customer() == 1).mean()), 3)})
exercises.mistake("ex7", "lines-not-days", "counts lines per customer")(
    lambda: {"cdnow_one_day_share": (_cdnow().groupby("customer_id").size() == 1).mean()})
exercises.mistake("ex7", "count-not-share", "counts the customers")(
    lambda: {"cdnow_one_day_share": int((_days_per_customer() == 1).sum())})
exercises.mistake("ex7", "percent-not-share", "gives a percentage")(
    lambda: {"cdnow_one_day_share": 100 * (_days_per_customer() == 1).mean()})


EX8_OPTIONS = {
    "A": ("The diamond membership is for members already in the high-value tier; an at-risk member first needs a "
          "reason to come back.", "reward-not-winback"),
    "B": "",
    "C": ("Cheap reminders are for hibernating and lost members, who bring little; at-risk members spend far more.",
          "cheap-reminder"),
    "D": ("A bundle for the second and third visit is for new and potential members; at-risk members have "
          "shopped often already.", "new-member-offer"),
}


exercises.choice("ex8", "at_risk_action", "B", EX8_OPTIONS)
