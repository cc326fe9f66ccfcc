"""Unit tests of helpers.rfm; every expected value is computed by hand in a comment, or by a
second, plain implementation."""

import numpy as np
import pandas as pd
import pytest

from helpers.rfm import (SEGMENT_RULES, SEGMENTS, SUPERMARKET_TIERS, clean_log, rfm_scores, rfm_segments,
                         rfm_table, segment_summary, threshold_tiers)


def tiny_log():
    """Ten transactions of four members and one anonymous shopper (the notebook's hand example)."""
    return pd.DataFrame({
        "customer_id": ["A", "A", "A", "B", "B", "B", "C", "D", None, "C"],
        "timestamp": pd.to_datetime([
            "2024-12-30 10:00", "2024-12-30 10:00", "2024-12-01 18:30", "2024-11-15 09:00", "2024-12-20 19:00",
            "2024-12-22 12:00", "2024-06-10 11:00", "2024-12-31 20:00", "2024-12-31 21:00", "2024-06-20 16:00"]),
        "order_id": ["T1", "T1", "T2", "T3", "T4", "R1", "T5", "T6", "T7", "R2"],
        "amount": [120.0, 30.0, 200.0, 80.0, 60.0, -60.0, 500.0, 40.0, 25.0, -600.0],
    })


COLS = dict(customer="customer_id", date="timestamp", amount="amount")

# By hand, snapshot 2025-01-01 (the day after the last row, 2024-12-31):
# A: last purchase 12-30 → 2 days; orders T1, T2 → 2; 120 + 30 + 200 = 350.
# B: last purchase 12-20 → 12 days (the return on 12-22 is not a purchase); T3, T4 → 2; 80 + 60 − 60 = 80.
# C: last purchase 06-10 → 20 (rest of June) + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 205 days; T5 → 1;
#    500 − 600 = −100 (a return larger than the purchases in the log).
# D: last purchase 12-31 → 1 day; T6 → 1; 40.
HAND = pd.DataFrame({"recency_days": [2, 12, 205, 1], "frequency": [2, 2, 1, 1],
                     "monetary": [350.0, 80.0, -100.0, 40.0]},
                    index=pd.Index(["A", "B", "C", "D"], name="customer_id"))


def test_rfm_table_by_hand(capsys):
    table = rfm_table(tiny_log(), order="order_id", **COLS)
    pd.testing.assert_frame_equal(table, HAND, check_index_type=False)
    assert table["recency_days"].dtype == np.int64 and table["frequency"].dtype == np.int64
    assert "left out 1 of 10 rows (10.0%) with no customer id" in capsys.readouterr().out


def test_rfm_table_order_none_counts_purchase_rows(capsys):
    # A has 3 purchase rows, B 2 (the return row is not a visit), C 1, D 1.
    table = rfm_table(tiny_log(), **COLS)
    assert table["frequency"].tolist() == [3, 2, 1, 1]
    assert table["monetary"].tolist() == [350.0, 80.0, -100.0, 40.0]


def test_rfm_table_returns_none_counts_every_row_as_visit(capsys):
    # B: R1 becomes a visit → F 3, last row 12-22 → 10 days. C: R2 on 06-20 → 195 days, F 2.
    table = rfm_table(tiny_log(), order="order_id", returns=None, **COLS)
    assert table.loc["B", ["recency_days", "frequency"]].tolist() == [10, 3]
    assert table.loc["C", ["recency_days", "frequency"]].tolist() == [195, 2]
    assert table["monetary"].tolist() == [350.0, 80.0, -100.0, 40.0]  # netting is the same


def test_rfm_table_returns_mask_by_receipt_prefix(capsys):
    log = tiny_log()
    by_prefix = rfm_table(log, order="order_id", returns=log["order_id"].str.startswith("R"), **COLS)
    pd.testing.assert_frame_equal(by_prefix, HAND, check_index_type=False)


def test_exchange_order_counts_as_a_visit(capsys):
    # One receipt with a purchase of 50 and a return of −20 is one visit worth 30.
    log = pd.DataFrame({"customer_id": ["A", "A"], "timestamp": pd.to_datetime(["2024-03-01", "2024-03-01"]),
                        "order_id": ["T1", "T1"], "amount": [50.0, -20.0]})
    table = rfm_table(log, order="order_id", **COLS)
    assert table.loc["A"].tolist() == [1, 1, 30.0]


def test_order_ids_shared_between_customers():
    # Receipt numbers that restart per store: "T1" is a visit of A and, separately, of B.
    # A: T1, T1 (two lines), T2 → 2 visits; B: T1 → 1 visit; C: T1, T3 → 2 visits.
    log = pd.DataFrame({"customer_id": ["A", "A", "B", "A", "C", "C"],
                        "timestamp": pd.to_datetime(["2024-03-01"] * 3 + ["2024-03-02"] * 3),
                        "order_id": ["T1", "T1", "T1", "T2", "T1", "T3"],
                        "amount": [10.0, 5.0, 7.0, 3.0, 1.0, 2.0]})
    table = rfm_table(log, order="order_id", **COLS)
    assert table["frequency"].tolist() == [2, 1, 2]
    assert table["monetary"].tolist() == [18.0, 7.0, 3.0]


def test_integer_customer_ids_sorted_numerically():
    # Ids 10, 9, 100 sort as numbers (9, 10, 100), not as text.
    log = pd.DataFrame({"customer_id": [10, 9, 100], "timestamp": pd.to_datetime(["2024-01-01"] * 3),
                        "amount": [1.0, 2.0, 3.0]})
    table = rfm_table(log, **COLS)
    assert list(table.index) == [9, 10, 100] and table.index.dtype == np.int64


def test_customer_with_only_returns_is_left_out_and_counted(capsys):
    log = pd.concat([tiny_log(), pd.DataFrame({"customer_id": ["E"], "timestamp": pd.to_datetime(["2024-12-10"]),
                                               "order_id": ["R3"], "amount": [-20.0]})], ignore_index=True)
    table = rfm_table(log, order="order_id", **COLS)
    assert list(table.index) == ["A", "B", "C", "D"]
    assert "left out 1 customer(s) whose rows before the snapshot are all returns" in capsys.readouterr().out


def test_earlier_snapshot_leaves_out_later_rows(capsys):
    # Snapshot 2024-12-21: rows on 12-30 (2), 12-22 and 12-31 (D) are later → 4 rows left out; D disappears.
    # A: last 12-01 → 20 days, T2 → 1, 200.  B: last 12-20 → 1 day, T3 + T4 → 2, 140.
    # C: 205 − 11 = 194 days, 1, −100.
    table = rfm_table(tiny_log(), order="order_id", snapshot="2024-12-21", **COLS)
    assert list(table.index) == ["A", "B", "C"]
    assert table["recency_days"].tolist() == [20, 1, 194]
    assert table["frequency"].tolist() == [1, 2, 1]
    assert table["monetary"].tolist() == [200.0, 140.0, -100.0]
    assert "left out 4 rows dated on or after the snapshot 2024-12-21" in capsys.readouterr().out


def test_explicit_snapshot_and_text_dates_agree_with_default(capsys):
    log = tiny_log()
    log["timestamp"] = log["timestamp"].dt.strftime("%Y-%m-%d %H:%M")
    table = rfm_table(log, order="order_id", snapshot=pd.Timestamp("2025-01-01"), **COLS)
    pd.testing.assert_frame_equal(table, HAND, check_index_type=False)


def test_single_customer_single_row():
    log = pd.DataFrame({"customer_id": ["Z"], "timestamp": pd.to_datetime(["2024-05-05 13:00"]), "amount": [9.5]})
    table = rfm_table(log, **COLS)
    assert table.loc["Z"].tolist() == [1, 1, 9.5]  # default snapshot 2024-05-06 → 1 day
    scores = rfm_scores(table)
    # One customer: nobody is strictly worse, so every score is 1 → lost (R 1, F 1).
    assert scores.loc["Z", "rfm_code"] == "111"
    assert rfm_segments(scores).loc["Z", "segment"] == "lost"


def plain_rfm(log, snapshot):
    """Second implementation: straightforward groupby, returns are negative rows."""
    buys = log[log["amount"] >= 0]
    last = buys.groupby("customer_id")["timestamp"].max().dt.normalize()
    visits = buys.groupby("customer_id")["order_id"].nunique()
    spend = log.groupby("customer_id")["amount"].sum()
    out = pd.DataFrame({"recency_days": (snapshot - last).dt.days, "frequency": visits})
    out["monetary"] = spend
    return out.dropna().astype({"recency_days": "int64", "frequency": "int64"}).sort_index()


def test_agrees_with_plain_groupby_on_random_log(capsys):
    rng = np.random.default_rng(11)
    n = 5_000
    log = pd.DataFrame({
        "customer_id": [f"C{i:03d}" for i in rng.integers(0, 300, n)],
        "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 366 * 24 * 60, n), unit="min"),
        "order_id": [f"T{i:05d}" for i in rng.integers(0, 2_000, n)],
        "amount": np.round(rng.normal(40, 60, n), 2),
    })
    mine = rfm_table(log, order="order_id", snapshot="2025-01-01", **COLS)
    other = plain_rfm(log, pd.Timestamp("2025-01-01"))
    pd.testing.assert_frame_equal(mine, other, check_index_type=False, check_names=False, atol=1e-9)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("change, error, words", [
    (lambda t: t.drop(columns="amount"), ValueError, "lacks the column(s) ['amount']"),
    (lambda t: t.iloc[0:0], ValueError, "is empty"),
    (lambda t: t.assign(amount=t["amount"].astype(str)), TypeError, "must hold numbers"),
    (lambda t: t.assign(amount=t["amount"].where(t.index != 3)), ValueError, "1 missing value(s)"),
    (lambda t: t.assign(timestamp=["2024-12-30", "yesterday"] + ["2024-01-01"] * 8), ValueError,
     "1 value(s) that are not dates, such as 'yesterday'"),
    (lambda t: t.assign(timestamp=np.arange(10)), TypeError, "holds numbers"),
    (lambda t: t.assign(timestamp=t["timestamp"].where(t.index != 0)), ValueError, "1 missing date(s)"),
    (lambda t: t.assign(order_id=t["order_id"].where(t.index != 0)), ValueError, "1 missing order id(s)"),
    (lambda t: t.assign(customer_id=None), ValueError, "No row of the transaction table has a customer id"),
])
def test_bad_transactions(change, error, words):
    with pytest.raises(error) as info:
        rfm_table(change(tiny_log()), order="order_id", **COLS)
    assert words in str(info.value)


def test_not_a_frame():
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        rfm_table([1, 2], order="order_id", **COLS)


def test_snapshot_before_the_data():
    with pytest.raises(ValueError, match="snapshot 2024-06-10 is not after the first transaction"):
        rfm_table(tiny_log(), order="order_id", snapshot="2024-06-10", **COLS)
    with pytest.raises(ValueError, match="is not a date"):
        rfm_table(tiny_log(), order="order_id", snapshot="soon", **COLS)


def test_bad_returns_option():
    log = tiny_log()
    with pytest.raises(ValueError, match="not understood"):
        rfm_table(log, returns="R", **COLS)
    with pytest.raises(ValueError, match="one True/False per transaction"):
        rfm_table(log, returns=np.array([True, False]), **COLS)
    with pytest.raises(TypeError, match="True/False values"):
        rfm_table(log, returns=np.arange(10), **COLS)


def test_returns_series_must_match_the_rows(capsys):
    log = tiny_log()
    mask = log["order_id"].str.startswith("R")
    # a Series is matched by index (issue 15): the same labels in reverse order mean the same rows
    pd.testing.assert_frame_equal(rfm_table(log, returns=mask.iloc[::-1], **COLS), rfm_table(log, returns=mask, **COLS))
    with pytest.raises(ValueError, match="index does not match"):
        rfm_table(log, returns=mask.set_axis(range(100, 110)), **COLS)
    with pytest.raises(ValueError, match="1 missing value"):
        rfm_table(log, returns=log["amount"].lt(0).astype("boolean").mask(log.index == 0), **COLS)


# --------------------------------------------------------------------------- cleaning


def till_lines():
    # line: quantity × unit price, list price           → fate
    # 0: 2 × 10.0 (list 10)                            → kept, 20.0
    # 1: exact copy of line 0                          → dropped (duplicate)
    # 2: 1 × 0.0 (list 5)                              → dropped (price ≤ 0)
    # 3: 1 × −4.0 (list 5)                             → dropped (price ≤ 0)
    # 4: 1 × 5,000.0 (list 5)                          → dropped (above 2 × list)
    # 5: 3 × 4.0 (list 5, a 20% promotion)             → kept, 12.0
    # 6: −1 × 10.0 (a return, list 10)                 → kept, −10.0
    # 7: 1 × 10.0 (list 10, no member id)              → kept, 10.0
    return pd.DataFrame({
        "order_id": ["T1", "T1", "T2", "T2", "T3", "T4", "R1", "T5"],
        "customer_id": ["A", "A", "A", "B", "B", "B", "A", None],
        "quantity": [2, 2, 1, 1, 1, 3, -1, 1],
        "unit_price": [10.0, 10.0, 0.0, -4.0, 5000.0, 4.0, 10.0, 10.0],
        "list_price": [10.0, 10.0, 5.0, 5.0, 5.0, 5.0, 10.0, 10.0],
    })


def test_clean_log_by_hand(capsys):
    lines = till_lines()
    clean = clean_log(lines, list_price=lines["list_price"])
    assert list(clean.index) == [0, 5, 6, 7]
    assert clean["amount"].tolist() == [20.0, 12.0, -10.0, 10.0]
    out = capsys.readouterr().out
    assert "dropped 1 exact duplicate line(s) of 8" in out
    assert "dropped 3 line(s) with an impossible unit price (≤ 0 or above 2 × list price)" in out
    assert "amount" not in lines.columns  # the input is not changed


def test_clean_log_without_list_prices_only_catches_non_positive(capsys):
    lines = till_lines()
    clean = clean_log(lines)
    assert list(clean.index) == [0, 4, 5, 6, 7]  # 5,000 a unit is kept: nothing to compare it with
    assert "dropped 2 line(s) with an impossible unit price (≤ 0)" in capsys.readouterr().out


@pytest.mark.parametrize("change, kwargs, error, words", [
    (lambda t: t.drop(columns="unit_price"), {}, ValueError, "lacks the column(s) ['unit_price']"),
    (lambda t: t.assign(quantity=t["quantity"].astype(str)), {}, TypeError, "must hold numbers"),
    (lambda t: t.assign(unit_price=t["unit_price"].where(t.index != 0)), {}, ValueError, "1 missing value(s)"),
    (lambda t: t.assign(amount=1.0), {}, ValueError, "already has a column 'amount'"),
    (lambda t: t.iloc[0:0], {}, ValueError, "is empty"),
    (lambda t: t, {"list_price": pd.Series([1.0, 2.0])}, ValueError, "index does not match the index of the line table"),
    (lambda t: t, {"max_markup": 0}, ValueError, "must be positive"),
])
def test_clean_log_bad_input(change, kwargs, error, words):
    with pytest.raises(error) as info:
        clean_log(change(till_lines()), **kwargs)
    assert words in str(info.value)


def test_clean_log_missing_list_price():
    lines = till_lines()
    with pytest.raises(ValueError, match="missing for 1 line"):
        clean_log(lines, list_price=lines["list_price"].where(lines.index != 4))


# --------------------------------------------------------------------------- scores


def test_scores_by_hand():
    # n = 4; score = 1 + floor(5 × strictly worse / 4).
    # R (worse = larger recency): D 1 day has 3 worse → 4; A 2 → 3; B 1 → 2; C 0 → 1.
    # F: C, D (1 visit) have 0 smaller → 1; A, B (2 visits) have 2 smaller → 1 + floor(10/4) = 3.
    # M: C −100 → 1; D 40 → 2; B 80 → 3; A 350 → 1 + floor(15/4) = 4.
    scores = rfm_scores(HAND)
    assert scores["R"].tolist() == [3, 2, 1, 4]
    assert scores["F"].tolist() == [3, 3, 1, 1]
    assert scores["M"].tolist() == [4, 3, 1, 2]
    assert scores["rfm_code"].tolist() == ["334", "233", "111", "412"]
    assert list(scores.columns[:3]) == ["recency_days", "frequency", "monetary"]
    assert "R" not in HAND.columns  # a copy, not an in-place change


def frame_of(frequency, recency=None, monetary=None):
    n = len(frequency)
    return pd.DataFrame({"recency_days": recency if recency is not None else [5] * n,
                         "frequency": frequency,
                         "monetary": monetary if monetary is not None else [10.0] * n},
                        index=pd.Index([f"C{i}" for i in range(n)], name="customer_id"))


def test_quintiles_without_ties():
    # 10 distinct values: k strictly smaller → 1 + floor(5k/10) = 1,1,2,2,3,3,4,4,5,5.
    scores = rfm_scores(frame_of(list(range(1, 11)), recency=list(range(10, 0, -1)),
                                 monetary=[float(v) for v in range(10)]))
    assert scores["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["R"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]  # smaller recency is better
    assert scores["M"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_heavy_ties_share_a_score_and_leave_gaps():
    # F = 1 ×6, 2, 3, 5, 8 (n = 10): the ones have 0 smaller → 1; 2 has 6 smaller → 1 + 3 = 4;
    # 3 → 1 + floor(35/10) = 4; 5 → 1 + 4 = 5; 8 → 1 + floor(45/10) = 5.  Scores 2 and 3 are empty.
    scores = rfm_scores(frame_of([1, 1, 1, 1, 1, 1, 2, 3, 5, 8]))
    assert scores["F"].tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    # All recencies and amounts equal → everybody 1.
    assert set(scores["R"]) == {1} and set(scores["M"]) == {1}


def test_scores_do_not_depend_on_row_order():
    rng = np.random.default_rng(3)
    table = frame_of(list(rng.integers(1, 6, 200)), recency=list(rng.integers(1, 60, 200)),
                     monetary=list(np.round(rng.gamma(2, 50, 200), 2)))
    shuffled = table.sample(frac=1.0, random_state=5)
    pd.testing.assert_frame_equal(rfm_scores(shuffled).loc[table.index], rfm_scores(table))


def test_other_bins():
    # bins = 3, 6 distinct values: 1 + floor(3k/6) = 1,1,2,2,3,3.
    scores = rfm_scores(frame_of([1, 2, 3, 4, 5, 6]), bins=3)
    assert scores["F"].tolist() == [1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize("bins, error", [(1, ValueError), (10, ValueError), (2.5, TypeError), (True, TypeError)])
def test_bad_bins(bins, error):
    with pytest.raises(error, match="bins"):
        rfm_scores(HAND, bins=bins)


def test_bad_rfm_tables():
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['monetary'\]"):
        rfm_scores(HAND.drop(columns="monetary"))
    with pytest.raises(ValueError, match="missing value"):
        rfm_scores(HAND.assign(frequency=[1.0, np.nan, 1.0, 1.0]))
    with pytest.raises(ValueError, match="negative values"):
        rfm_scores(HAND.assign(recency_days=[-1, 2, 3, 4]))
    with pytest.raises(ValueError, match="is empty"):
        rfm_scores(HAND.iloc[0:0])


# --------------------------------------------------------------------------- segments


def test_segments_by_hand():
    # From test_scores_by_hand: A (R3, F3) loyal; B (R2, F3) at risk; C (R1, F1) lost; D (R4, F1) new.
    segments = rfm_segments(rfm_scores(HAND))
    assert segments["segment"].astype(str).tolist() == ["loyal", "at risk", "lost", "new"]
    assert segments.loc["B", "action"].startswith("Win back")
    assert list(segments["segment"].cat.categories) == list(SEGMENTS)


def test_segment_grid_matches_docstring():
    # The grid written in the module docstring, rows R = 5 … 1, columns F = 1 … 5.
    grid = {
        5: ["new", "potential", "loyal", "champions", "champions"],
        4: ["new", "potential", "loyal", "champions", "champions"],
        3: ["hibernating", "hibernating", "loyal", "loyal", "loyal"],
        2: ["hibernating", "hibernating", "at risk", "at risk", "at risk"],
        1: ["lost", "lost", "at risk", "at risk", "at risk"],
    }
    cells = pd.DataFrame([(r, f) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F"])
    named = rfm_segments(cells)
    for (r, f), name in zip(cells.itertuples(index=False), named["segment"].astype(str)):
        assert name == grid[r][f - 1], (r, f)
    assert len(SEGMENT_RULES) == 7


def test_segments_need_quintile_scores():
    with pytest.raises(ValueError, match="from 1 to 5"):
        rfm_segments(pd.DataFrame({"R": [6], "F": [1]}))
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['F'\]"):
        rfm_segments(pd.DataFrame({"R": [1]}))


# --------------------------------------------------------------------------- threshold tiers


def tier_table():
    # name: recency, visits, spend → per visit; expected tier by hand (years = 1):
    # H  7 d, 12, 6,000 → 500: every bound met at its edge → high value
    # H8 8 d, 12, 6,000: R > 7 → potential (R ≤ 30, F ≥ 6)
    # P  3 d, 20, 4,000 → 200 a visit: fails the M gate → potential
    # O2 5 d,  5, 5,000 → 1,000: F < 6 → ordinary
    # O 90 d,  1, 50 → ordinary (90 is the last ordinary day)
    # X 91 d, 30, 30,000 → churned (no purchase in more than 90 days)
    return pd.DataFrame({"recency_days": [7, 8, 3, 5, 90, 91], "frequency": [12, 12, 20, 5, 1, 30],
                         "monetary": [6000.0, 6000.0, 4000.0, 5000.0, 50.0, 30000.0]},
                        index=pd.Index(["H", "H8", "P", "O2", "O", "X"], name="customer_id"))


def test_supermarket_tiers_by_hand():
    tiers = threshold_tiers(tier_table())
    assert tiers["tier"].astype(str).tolist() == ["high value", "potential", "potential", "ordinary", "ordinary",
                                                  "churned"]
    assert tiers.loc["P", "monetary_per_visit"] == 200.0
    assert list(tiers["tier"].cat.categories) == [rule["tier"] for rule in SUPERMARKET_TIERS]


def test_years_scales_frequency():
    # Over half a year, 6 visits is 12 a year: H with 6 visits and 3,000 (500 a visit) is high value;
    # O2 with 2 visits is 4 a year → ordinary.
    half = tier_table().assign(frequency=[6, 6, 10, 2, 1, 15], monetary=[3000.0, 3000.0, 2000.0, 2500.0, 50.0,
                                                                          15000.0])
    assert threshold_tiers(half, years=0.5)["tier"].astype(str).tolist()[:4] == ["high value", "potential",
                                                                                  "potential", "ordinary"]
    assert threshold_tiers(half)["tier"].astype(str).iloc[0] == "potential"  # 6 a year only


def test_own_rules_as_dataframe_and_unclassified(capsys):
    rules = pd.DataFrame({"tier": ["big", "recent"], "min_monetary": [10000.0, np.nan],
                          "max_recency_days": [np.nan, 30.0]})
    tiers = threshold_tiers(tier_table(), rules)
    # X spends 30,000 → big; H, H8, P, O2 are within 30 days → recent; O (90 days, 50) matches nothing.
    assert tiers["tier"].astype(str).tolist() == ["recent", "recent", "recent", "recent", "unclassified", "big"]
    assert "1 customer(s) match no rule" in capsys.readouterr().out


@pytest.mark.parametrize("rules, error, words", [
    ([], ValueError, "rules is empty"),
    ([{"max_recency_days": 7}], ValueError, "no 'tier' name"),
    ([{"tier": "a", "recency_days": 7}], ValueError, "unknown key 'recency_days'"),
    ([{"tier": "a", "max_recency": 7}], ValueError, "no measure 'recency'"),
    ([{"tier": "a", "max_recency_days": "7"}], TypeError, "must be a number"),
    ([{"tier": "a"}, {"tier": "a"}], ValueError, "unique"),
    ({"tier": "a"}, TypeError, "list of dicts"),
])
def test_bad_rules(rules, error, words):
    with pytest.raises(error) as info:
        threshold_tiers(tier_table(), rules)
    assert words in str(info.value)


def test_bad_years():
    with pytest.raises(ValueError, match="positive number"):
        threshold_tiers(tier_table(), years=0)


# --------------------------------------------------------------------------- summary


def test_segment_summary_by_hand():
    # Segments of the hand example: A loyal 350, B at risk 80, C lost −100, D new 40; total 370.
    summary = segment_summary(rfm_segments(rfm_scores(HAND)))
    assert list(summary.index) == list(SEGMENTS)  # empty segments are kept, in order
    assert summary.loc["loyal", "customers"] == 1 and summary.loc["champions", "customers"] == 0
    assert summary.loc["loyal", "share_of_customers"] == pytest.approx(0.25)
    assert summary.loc["loyal", "share_of_revenue"] == pytest.approx(350 / 370)
    assert summary["share_of_revenue"].sum() == pytest.approx(1.0)
    assert summary.loc["at risk", "avg_recency_days"] == 12


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # noqa: E402


def one_purchase_each(dates, customers=("A", "B", "C")):
    return pd.DataFrame({"customer_id": list(customers)[:len(dates)], "timestamp": dates,
                         "amount": [10.0] * len(dates)})


def test_day_first_text_dates_are_read_day_first(capsys):
    # 20/01 proves the column is day-first: A 5 Jan, B 10 Feb, C 20 Jan. Snapshot 1 Mar 2024 (a leap year):
    # A 26 + 29 + 1 = 56 days; B 19 + 1 = 20; C 11 + 29 + 1 = 41.
    log = one_purchase_each(["05/01/2024", "10/02/2024", "20/01/2024"])
    table = rfm_table(log, snapshot="2024-03-01", **COLS)
    assert table["recency_days"].tolist() == [56, 20, 41]


def test_ambiguous_text_dates_are_refused_and_dayfirst_passes_through(capsys):
    log = one_purchase_each(["05/01/2024", "10/02/2024"])
    with pytest.raises(InputError, match=r"'timestamp'.*'05/01/2024' and '10/02/2024'.*dayfirst=True"):
        rfm_table(log, snapshot="2024-03-01", **COLS)
    assert rfm_table(log, snapshot="2024-03-01", dayfirst=True, **COLS)["recency_days"].tolist() == [56, 20]
    # month-first: A 1 May, B 2 Oct; snapshot 1 Dec 2024 → A 30 + 30 + 31 + 31 + 30 + 31 + 30 + 1 = 214; B 29 + 30 + 1 = 60
    assert rfm_table(log, snapshot="2024-12-01", date_format="%m/%d/%Y", **COLS)["recency_days"].tolist() == [214, 60]


def test_a_date_in_2300_is_refused_not_wrapped_round(capsys):
    log = one_purchase_each(pd.Series(np.array(["2024-01-05", "2300-01-01"], dtype="datetime64[s]")))
    with pytest.raises(InputError, match="'timestamp' has a date outside 1900–2199"):
        rfm_table(log, **COLS)
    with pytest.raises(InputError, match="outside"):
        rfm_table(one_purchase_each(["2024-01-05", "2300-01-01"]), **COLS)


def test_time_zone_rule(capsys):
    # wall-clock days in the data's zone: 23:30 in Shanghai on 5 Jan is a purchase on 5 Jan
    stamps = pd.to_datetime(["2024-01-05 23:30", "2024-01-09 08:00"]).tz_localize("Asia/Shanghai")
    log = one_purchase_each(stamps)
    assert rfm_table(log, snapshot="2024-01-10", **COLS)["recency_days"].tolist() == [5, 1]
    # a zoned snapshot is converted to the data's zone: 2024-01-09 20:00 UTC is 10 Jan 04:00 in Shanghai
    assert rfm_table(log, snapshot=pd.Timestamp("2024-01-09 20:00", tz="UTC"), **COLS)["recency_days"].tolist() == [5, 1]
    naive = one_purchase_each(["2024-01-05", "2024-01-09"])
    with pytest.raises(InputError, match="snapshot=.*has a time zone but the dates in the data have none"):
        rfm_table(naive, snapshot=pd.Timestamp("2024-01-10", tz="UTC"), **COLS)
    with pytest.raises(InputError, match="mixes time zones or UTC offsets"):
        rfm_table(one_purchase_each(["2024-01-05 10:00+08:00", "2024-01-06 10:00+01:00"]), **COLS)


def test_the_default_snapshot_is_printed_and_a_stray_late_line_is_flagged(capsys):
    log = pd.DataFrame({"customer_id": ["A", "B", "C", "D"],
                        "timestamp": pd.to_datetime(["2024-12-01", "2024-12-10", "2024-12-20", "2025-11-30"]),
                        "amount": [10.0, 20.0, 30.0, 40.0]})
    rfm_table(log, **COLS)
    out = capsys.readouterr().out
    assert "snapshot 2025-12-01, the day after the last transaction (2025-11-30)" in out
    assert "warning: the last transaction day 2025-11-30 (1 row(s)) is 345 days after the one before it" in out
    rfm_table(log.iloc[:3], **COLS)
    assert "warning" not in capsys.readouterr().out  # 1, 10, 20 Dec: no stray day


def test_mixed_int_and_text_ids_are_refused(capsys):
    log = tiny_log().dropna(subset=["customer_id"]).astype({"customer_id": object})
    log.loc[log.index[0], "customer_id"] = 1
    log.loc[log.index[1], "customer_id"] = "1"
    with pytest.raises(InputError, match="'customer_id' mixes text ids and numbers"):
        rfm_table(log, **COLS)


def test_duplicated_and_text_number_columns_get_named_errors(capsys):
    log = tiny_log()
    with pytest.raises(InputError, match="more than one column named 'amount'"):
        rfm_table(pd.concat([log, log[["amount"]]], axis=1), **COLS)
    text = log.assign(amount=["1,200.00"] + [f"{v:.2f}" for v in log["amount"].iloc[1:]])
    with pytest.raises(InputError, match=r"pd.to_numeric\(df\['amount'\].str.replace\(',', ''\)\)"):
        rfm_table(text, **COLS)


def test_rfm_scores_refuses_inf_instead_of_scoring_it_five():
    with pytest.raises(InputError, match="'monetary'.*infinite"):
        rfm_scores(HAND.assign(monetary=[350.0, np.inf, -100.0, 40.0]))


def test_rfm_scores_says_who_has_no_positive_net_spend(capsys):
    # C has −100 (a return larger than the purchases): scored M = 1, and told
    scores = rfm_scores(HAND)
    assert scores.loc["C", "M"] == 1
    assert "1 customer(s) have a net spend ≤ 0" in capsys.readouterr().out
    rfm_scores(HAND.assign(monetary=[350.0, 80.0, 100.0, 40.0]))
    assert capsys.readouterr().out == ""


def test_rfm_segments_refuses_scores_on_another_scale():
    # with bins=3 the best customers (R = F = 3) would be called "loyal", not champions
    with pytest.raises(InputError, match="bins=3.*rfm_scores\\(rfm, bins=5\\)"):
        rfm_segments(rfm_scores(HAND, bins=3))
    assert rfm_scores(HAND, bins=5.0)["R"].tolist() == rfm_scores(HAND)["R"].tolist()  # a whole float is fine


def test_threshold_tiers_unchecked_scalars_get_named_errors():
    with pytest.raises(InputError, match="rules must be"):
        threshold_tiers(HAND, rules=None)
    with pytest.raises(InputError, match="years"):
        threshold_tiers(HAND, years="1")
    with pytest.raises(InputError, match="must be a finite number"):
        threshold_tiers(HAND, rules=[{"tier": "a", "max_recency_days": np.nan}, {"tier": "b"}])
    with pytest.raises(InputError, match="'monetary'.*infinite"):
        threshold_tiers(HAND.assign(monetary=[np.inf, 1.0, 1.0, 1.0]))


def test_segment_summary_counts_customers_without_a_segment(capsys):
    segments = rfm_segments(rfm_scores(HAND))
    segments.loc["D", "segment"] = np.nan
    summary = segment_summary(segments)
    assert "1 of 4 customer(s) have no 'segment'" in capsys.readouterr().out
    assert summary.loc["(missing)", "customers"] == 1
    assert summary["share_of_customers"].sum() == pytest.approx(1.0)
    assert summary["share_of_revenue"].sum() == pytest.approx(1.0)


def test_clean_log_refuses_inf_prices(capsys):
    lines = pd.DataFrame({"quantity": [1, 2], "unit_price": [np.inf, 3.0]})
    with pytest.raises(InputError, match="'unit_price'.*infinite"):
        clean_log(lines)


def test_clean_log_duplicates_match_pandas_on_mixed_columns(capsys):
    # a second implementation: DataFrame.duplicated on a table with text, numbers, missing values and dates
    rng = np.random.default_rng(3)
    n = 400
    lines = pd.DataFrame({"customer_id": rng.choice(["A", "B", None], n), "quantity": rng.integers(1, 3, n),
                          "unit_price": rng.choice([1.5, 2.0], n),
                          "timestamp": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 3, n), "D")})
    kept = clean_log(lines)
    assert kept.index.tolist() == lines.index[~lines.duplicated()].tolist()


def test_the_kits_default_tiers_cannot_be_changed_from_a_notebook():
    # issue 14, point 6: the edit a student makes, expecting a copy
    before = threshold_tiers(HAND)["tier"].tolist()
    my_rules = list(SUPERMARKET_TIERS)
    with pytest.raises(TypeError, match="read-only.*dict"):
        my_rules[0]["max_recency_days"] = 14
    with pytest.raises(TypeError, match="read-only"):
        SEGMENT_RULES[0]["R"] = (1, 5)
    assert SUPERMARKET_TIERS[0]["max_recency_days"] == 7
    assert threshold_tiers(HAND)["tier"].tolist() == before
    copied = [dict(rule) for rule in SUPERMARKET_TIERS]
    copied[0]["max_recency_days"] = 14  # a real copy can be changed, and leaves the defaults alone
    assert SUPERMARKET_TIERS[0]["max_recency_days"] == 7
