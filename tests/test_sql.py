"""helpers.sql on DuckDB gives the pandas helpers' frames: same customers, same numbers.

The second implementation is the kit's own pandas code (helpers.rfm, helpers.clv,
helpers.basket); the logs are the kit's real and simulated data and seeded random logs
with returns, exact duplicates and anonymous lines.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from helpers import basket, clv, data, rfm, scale, sql
from helpers.checks import quietly
from tests.test_rfm import tiny_log

from helpers import InputError  # noqa: E402
RFM_COLUMNS = dict(customer="customer_id", date="timestamp", amount="amount", order="order_id")


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def random_log(seed: int, n: int = 3_000) -> pd.DataFrame:
    """Till lines with returns (negative quantities on R receipts), exact duplicates and
    anonymous lines; prices in cents so that sums are what a till adds."""
    rng = np.random.default_rng(seed)
    receipts = rng.integers(1, n // 3, size=n)
    owner = rng.integers(0, 120, size=n // 3 + 1)          # each receipt belongs to one customer
    customer = np.array([f"C{c:03d}" for c in owner[receipts]], dtype=object)
    customer[(owner[receipts] % 17) == 0] = None            # anonymous receipts
    day = np.datetime64("2024-01-01") + (receipts * 7 % 300).astype("timedelta64[D]")
    stamp = day.astype("datetime64[s]") + rng.integers(0, 86_400, size=n).astype("timedelta64[s]")
    product = rng.choice(["milk", "bread", "beer", "diapers", "formula", "apples", "tea"], size=n,
                         p=[0.25, 0.2, 0.15, 0.12, 0.08, 0.12, 0.08])
    quantity = 1 + rng.poisson(0.5, size=n)
    unit_price = np.round(rng.integers(100, 5_000, size=n) / 100.0, 2)
    order_id = np.array([f"T{r:05d}" for r in receipts], dtype=object)
    returned = rng.random(n) < 0.05
    quantity[returned] *= -1
    order_id[returned] = [f"R{r:05d}" for r in receipts[returned]]
    lines = pd.DataFrame({"order_id": order_id, "customer_id": customer, "timestamp": stamp, "product": product,
                          "quantity": quantity, "unit_price": unit_price})
    lines = pd.concat([lines, lines.sample(n=n // 50, random_state=seed)], ignore_index=True)  # duplicates
    lines["order_id"] = lines["order_id"].astype("str")
    lines["customer_id"] = lines["customer_id"].astype("str")
    lines["product"] = lines["product"].astype("str")
    return lines


@pytest.fixture(scope="module")
def supermarket():
    lines = data.load("supermarket")
    products = data.load("supermarket", "products")
    list_price = lines["product"].map(products.set_index("product")["list_price"])
    return lines, products, quietly(rfm.clean_log, lines, list_price=list_price)


# --------------------------------------------------------------------------- RFM


def test_rfm_by_hand_on_ten_lines(con, capsys):
    # chapter 2's ten lines; the expected values are the chapter's hand computation
    tiny = tiny_log()
    table = sql.rfm_table(tiny, con=con, **RFM_COLUMNS)
    assert list(table.index) == ["A", "B", "C", "D"]
    assert table["recency_days"].tolist() == [2, 12, 205, 1]
    assert table["frequency"].tolist() == [2, 2, 1, 1]
    assert table["monetary"].tolist() == [350.0, 80.0, -100.0, 40.0]
    assert "left out 1 of 10 rows (10.0%) with no customer id" in capsys.readouterr().out


def test_rfm_equals_pandas_on_supermarket(con, supermarket, capsys):
    lines, products, log = supermarket
    view = sql.clean_log(lines, con=con, products=products)
    out = capsys.readouterr().out
    assert "dropped 60 exact duplicate line(s) of 275,782" in out       # the dataset card's counts
    assert "dropped 30 line(s) with an impossible unit price" in out
    for snapshot in (None, "2025-01-01", "2024-07-01"):
        expected = rfm.rfm_table(log, snapshot=snapshot, **RFM_COLUMNS)
        printed = capsys.readouterr().out
        got = sql.rfm_table(view, con=con, snapshot=snapshot, **RFM_COLUMNS)
        assert capsys.readouterr().out == printed                         # the same notes, word for word
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_rfm_equals_pandas_on_random_logs(con, seed, capsys):
    lines = random_log(seed)
    log = rfm.clean_log(lines)
    view = sql.clean_log(lines, con=con, view=f"clean_{seed}")
    for snapshot, returns, order in ((None, "negative", "order_id"), ("2024-06-15", "negative", "order_id"),
                                     ("2024-09-01", None, "order_id"), (None, "negative", None)):
        columns = dict(RFM_COLUMNS, order=order)
        capsys.readouterr()
        expected = rfm.rfm_table(log, snapshot=snapshot, returns=returns, **columns)
        printed = capsys.readouterr().out
        got = sql.rfm_table(view, con=con, snapshot=snapshot, returns=returns, **columns)
        assert capsys.readouterr().out == printed
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_rfm_returns_as_a_column(con):
    lines = rfm.clean_log(random_log(9))
    lines["is_return"] = lines["order_id"].str.startswith("R")
    expected = quietly(rfm.rfm_table, lines, returns=lines["is_return"], **RFM_COLUMNS)
    got = quietly(sql.rfm_table, lines, con=con, returns="is_return", **RFM_COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_rfm_on_cdnow_with_integer_ids(con):
    cdnow = data.load("cdnow")
    columns = dict(customer="customer_id", date="date", amount="amount", order="date")
    expected = quietly(rfm.rfm_table, cdnow, snapshot="1998-07-01", **columns)
    got = quietly(sql.rfm_table, cdnow, con=con, snapshot="1998-07-01", **columns)
    assert got.index.dtype == np.int64
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_rfm_from_csv_and_parquet_files(con, tmp_path):
    lines = rfm.clean_log(random_log(5))
    lines.to_csv(tmp_path / "log.csv", index=False)
    lines.to_parquet(tmp_path / "log.parquet", index=False)
    expected = quietly(rfm.rfm_table, lines, **RFM_COLUMNS)
    for path in (tmp_path / "log.csv", str(tmp_path / "log.parquet")):
        got = quietly(sql.rfm_table, path, con=con, **RFM_COLUMNS)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


# --------------------------------------------------------------------------- CLV summary

# Summing the same cents in another order can move the last binary digit of a mean: floats are
# compared to 1e-14 relative (about 50 times the rounding unit); counts and customers exactly.
FLOAT_RTOL = 1e-14


def _same_summary(got, expected):
    assert got.index.equals(expected.index) and got.index.dtype == expected.index.dtype
    assert (got["frequency"] == expected["frequency"]).all() and got["frequency"].dtype == np.int64
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=FLOAT_RTOL, atol=0)


def test_summary_equals_pandas_on_cdnow(con, capsys):
    cdnow = data.load("cdnow")
    for unit in ("W", "D"):
        expected = clv.summary_from_transactions(cdnow, customer="customer_id", date="date", amount="amount",
                                                 end="1997-09-30", unit=unit)
        printed = capsys.readouterr().out
        got = sql.summary_from_transactions(cdnow, con=con, customer="customer_id", date="date", amount="amount",
                                            end="1997-09-30", unit=unit)
        assert capsys.readouterr().out == printed
        _same_summary(got, expected)
    # recency and T of the weekly summary are whole days / 7, exactly as in pandas
    assert (got["recency"] == got["recency"].round()).all()


@pytest.mark.parametrize("seed", [1, 2])
def test_summary_equals_pandas_on_random_purchases(con, seed):
    lines = rfm.clean_log(random_log(seed))
    purchases = lines[lines["amount"] > 0]
    with pytest.warns(UserWarning) as expected_warning:
        expected = quietly(clv.summary_from_transactions, purchases, customer="customer_id", date="timestamp",
                           amount="amount", end="2024-08-31")
    with pytest.warns(UserWarning, match="row\\(s\\) with no 'customer_id'") as caught:
        got = quietly(sql.summary_from_transactions, purchases, con=con, customer="customer_id", date="timestamp",
                      amount="amount", end="2024-08-31")
        without_amount = quietly(sql.summary_from_transactions, purchases, con=con, customer="customer_id",
                                 date="timestamp", end="2024-08-31")
    assert str(caught[0].message) == str(expected_warning[0].message)     # word for word
    _same_summary(got, expected)
    assert "monetary" not in without_amount.columns
    pd.testing.assert_frame_equal(without_amount, got.drop(columns="monetary"))


@pytest.mark.parametrize("seed", [3, 4])
def test_summary_with_returns_equals_pandas(con, seed, capsys):
    lines = rfm.clean_log(random_log(seed))
    lines = lines[lines["customer_id"].notna()]
    for end in ("2024-09-30", None):
        capsys.readouterr()
        expected = clv.summary_from_transactions(lines, customer="customer_id", date="timestamp", amount="amount",
                                                 end=end)
        printed = capsys.readouterr().out
        assert "return line(s) are not purchases" in printed
        got = sql.summary_from_transactions(lines, con=con, customer="customer_id", date="timestamp",
                                            amount="amount", end=end)
        assert capsys.readouterr().out == printed
        _same_summary(got, expected)


# --------------------------------------------------------------------------- baskets


def test_basket_counts_equal_pandas_on_supermarket(con, supermarket):
    lines, products, log = supermarket
    # ten of the hundred stores keep mlxtend's side of the comparison quick
    ten_stores = [f"S{i:03d}" for i in range(1, 11)]
    lines, log = lines[lines["store_id"].isin(ten_stores)], log[log["store_id"].isin(ten_stores)]
    view = quietly(sql.clean_log, lines, con=con, products=products, view="clean_for_baskets")
    table = quietly(basket.basket_matrix, log, order="order_id", item="product")
    expected = basket.frequent_itemsets(table, 0.03, max_len=2)
    got = sql.item_supports(view, con=con, order="order_id", item="product", min_support=0.03)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    expected_rules = basket.association_rules(table, min_support=0.03, max_len=2)
    got_rules = sql.association_rules(view, con=con, order="order_id", item="product", min_support=0.03)
    pd.testing.assert_frame_equal(got_rules, expected_rules, check_exact=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_basket_counts_equal_pandas_on_random_logs(con, seed):
    lines = rfm.clean_log(random_log(seed))            # duplicates out; returns and anonymous lines stay
    table = quietly(basket.basket_matrix, lines, order="order_id", item="product")
    expected = basket.frequent_itemsets(table, 0.05, max_len=2)
    got = sql.item_supports(lines, con=con, order="order_id", item="product", min_support=0.05)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    expected_rules = basket.association_rules(table, min_support=0.05, min_confidence=0.1, max_len=2)
    got_rules = sql.association_rules(lines, con=con, order="order_id", item="product", min_support=0.05,
                                      min_confidence=0.1)
    pd.testing.assert_frame_equal(got_rules, expected_rules, check_exact=True)


def test_pair_counts_by_hand(con):
    baskets = pd.DataFrame({"order_id": ["1", "1", "2", "2", "2", "3", "4", "4"],
                            "product": ["beer", "diapers", "beer", "diapers", "milk", "milk", "beer", "beer"],
                            "quantity": [1, 1, 1, 1, 1, 1, 1, 2]})
    itemsets = sql.item_supports(baskets, con=con, order="order_id", item="product", min_support=0.25)
    by_label = dict(zip(itemsets["itemset"], itemsets["baskets"]))
    # beer in receipts 1, 2, 4 (twice on 4 counts once); the pair beer+diapers in 1 and 2
    assert by_label == {"beer": 3, "diapers": 2, "milk": 2, "beer, diapers": 2, "beer, milk": 1,
                        "diapers, milk": 1}
    rules = sql.association_rules(baskets, con=con, order="order_id", item="product", min_support=0.5)
    rule = rules[(rules["antecedent"] == "diapers") & (rules["consequent"] == "beer")].iloc[0]
    assert rule["confidence"] == 1.0                     # both diaper baskets hold beer
    assert rule["lift"] == pytest.approx(1.0 / 0.75)     # P(beer) = 3 of 4 baskets


# --------------------------------------------------------------------------- the scale log


def test_scale_log_over_a_folder_of_parquet(con, tmp_path):
    folder = tmp_path / "till"
    summary = scale.write_till_log(folder, 30_000, customers=400, seed=3, progress=False)
    assert summary["lines"] == 30_000
    months = sorted(p.name for p in folder.iterdir())
    assert months == [f"month=2024-{m:02d}" for m in range(1, 13)]
    lines = pd.read_parquet(folder)
    assert len(lines) == 30_000
    assert list(lines.columns[:8]) == ["order_id", "customer_id", "store_id", "timestamp", "product", "category",
                                       "quantity", "unit_price"]
    assert (lines["quantity"] < 0).sum() == round(scale.P_RETURN * 30_000)
    assert lines.drop(columns="month").duplicated().sum() >= round(scale.P_DUPLICATE * 30_000) - 1
    assert lines["customer_id"].isna().mean() == pytest.approx(scale.P_ANONYMOUS, abs=0.02)
    lines = lines.drop(columns="month")
    for column in ("order_id", "customer_id", "product"):
        lines[column] = lines[column].astype("str")
    log = quietly(rfm.clean_log, lines)
    expected = quietly(rfm.rfm_table, log, **RFM_COLUMNS)
    view = quietly(sql.clean_log, folder, con=con, view="clean_scale")
    got = quietly(sql.rfm_table, view, con=con, **RFM_COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_scale_log_is_the_same_every_time(tmp_path):
    first = scale.write_till_log(tmp_path / "a", 5_000, customers=50, seed=1, progress=False)
    second = scale.write_till_log(tmp_path / "b", 5_000, customers=50, seed=1, progress=False)
    assert first == second
    a = pd.read_parquet(tmp_path / "a").sort_values(["order_id", "product", "timestamp"]).reset_index(drop=True)
    b = pd.read_parquet(tmp_path / "b").sort_values(["order_id", "product", "timestamp"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(InputError, match="exists already"):
        scale.write_till_log(tmp_path / "a", 5_000, progress=False)
    with pytest.raises(InputError, match="n_lines"):
        scale.write_till_log(tmp_path / "c", 10.5, progress=False)


# --------------------------------------------------------------------------- the texts and bad inputs


def test_one_text_two_spellings():
    duck = sql.rfm_sql(**RFM_COLUMNS, dialect="duckdb")
    spark = sql.rfm_sql(**RFM_COLUMNS, dialect="spark")
    assert "datediff('day', " in duck and "INTERVAL 1 DAY" in duck
    assert "datediff(snapshot_day, last_purchase)" in spark        # Spark's order: end first, start second
    assert "date_add(MAX(last_day) OVER (), 1)" in spark
    # apart from the spelled functions the texts are the same, line for line
    differing = [(a, b) for a, b in zip(duck.splitlines(), spark.splitlines()) if a != b]
    assert len(differing) == 2 and len(duck.splitlines()) == len(spark.splitlines())
    # the summary's counting text adds the infinity test, spelled for each engine
    texts = {dialect: sql.summary_sql(customer="customer_id", date="timestamp", amount="amount", end="2024-12-31",
                                      dialect=dialect, counts=True) for dialect in sql.DIALECTS}
    assert "isinf(spend + refund)" in texts["duckdb"]
    assert "abs(spend + refund) = CAST('Infinity' AS DOUBLE)" in texts["spark"]
    differing = [a for a, b in zip(texts["duckdb"].splitlines(), texts["spark"].splitlines()) if a != b]
    assert len(differing) == 3      # recency, T and the infinity test


def test_bad_inputs_name_the_argument(con, tmp_path):
    lines = rfm.clean_log(random_log(1))
    with pytest.raises(InputError, match="no column 'client'.*customer="):
        sql.rfm_table(lines, con=con, customer="client", date="timestamp", amount="amount")
    with pytest.raises(InputError, match="does not exist"):
        sql.rfm_table(tmp_path / "missing.parquet", con=con, **RFM_COLUMNS)
    with pytest.raises(InputError, match="folder without Parquet"):
        sql.rfm_table(tmp_path, con=con, **RFM_COLUMNS)
    with pytest.raises(InputError, match="letters, digits and underscores"):
        sql.rfm_sql(customer="customer id", date="timestamp", amount="amount")
    with pytest.raises(InputError, match="not a date"):
        sql.rfm_table(lines, con=con, snapshot="someday", **RFM_COLUMNS)
    with pytest.raises(InputError, match="not after the first transaction"):
        quietly(sql.rfm_table, lines, con=con, snapshot="2023-01-01", **RFM_COLUMNS)
    with pytest.raises(InputError, match="write 0.02 for 2%"):
        sql.item_supports(lines, con=con, order="order_id", item="product", min_support=2)
    with pytest.raises(InputError, match="dialect"):
        sql.render("SELECT 1", "postgres")
    with pytest.raises(InputError, match="DuckDB connection"):
        sql.rfm_table(lines, con="duckdb", **RFM_COLUMNS)


def test_explain_shows_the_plan(con):
    lines = rfm.clean_log(random_log(2))
    con.register("plan_lines", lines)
    plan = sql.explain(con, sql.rfm_sql(**RFM_COLUMNS, source="plan_lines"))
    assert "AGGREGATE" in plan.upper()


# --------------------------------------------------------------------------- bad values and one pass


def _pandas_error(function, *args, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        quietly(function, *args, **kwargs)
    return str(caught.value)


@pytest.mark.parametrize("damage", ["nan amount", "inf amount", "missing date", "missing order"])
def test_bad_values_are_refused_with_the_pandas_words(con, damage):
    # a NaN amount, an infinite one, a missing date or a missing receipt id made the SQL runners return
    # numbers anyway (SUM and MAX skip NULLs); the pandas helpers refuse them by name, and so must SQL
    lines = rfm.clean_log(random_log(5)).reset_index(drop=True)
    lines = lines[lines["customer_id"].notna()].reset_index(drop=True)
    column = {"nan amount": "amount", "inf amount": "amount", "missing date": "timestamp",
              "missing order": "order_id"}[damage]
    value = {"nan amount": np.nan, "inf amount": np.inf, "missing date": pd.NaT, "missing order": None}[damage]
    lines.loc[[3, 40], column] = value
    expected = _pandas_error(rfm.rfm_table, lines, snapshot="2024-12-01", **RFM_COLUMNS)
    assert column in expected
    with pytest.raises(InputError) as caught:
        quietly(sql.rfm_table, lines, con=con, snapshot="2024-12-01", **RFM_COLUMNS)
    assert str(caught.value) == expected
    if damage != "missing order":                 # the CLV summary has no receipt column
        expected = _pandas_error(clv.summary_from_transactions, lines, customer="customer_id", date="timestamp",
                                 amount="amount", end="2024-12-01")
        with pytest.raises(InputError) as caught:
            quietly(sql.summary_from_transactions, lines, con=con, customer="customer_id", date="timestamp",
                    amount="amount", end="2024-12-01")
        assert str(caught.value) == expected


def test_text_columns_are_refused_by_name(con):
    lines = rfm.clean_log(random_log(6))
    lines["amount"] = lines["amount"].map("{:.2f}".format)            # amounts read from a file as text
    with pytest.raises(InputError, match="'amount' must hold numbers"):
        sql.rfm_table(lines, con=con, **RFM_COLUMNS)
    with pytest.raises(InputError, match="'amount' must hold numbers"):
        sql.summary_from_transactions(lines, con=con, customer="customer_id", date="timestamp", amount="amount")


def _source_reads(con, monkeypatch, run):
    """The queries a runner sends that read the source table (not the column listing)."""
    texts = []
    fetch = sql._fetch

    def recording(connection, text):
        texts.append(text)
        return fetch(connection, text)
    monkeypatch.setattr(sql, "_fetch", recording)
    quietly(run)
    return [t for t in texts if "pass_lines" in t]


def test_each_runner_reads_the_log_once(con, monkeypatch):
    # the printed counts come from the same pass over the log as the table (a second pass doubled
    # the time on a 100M-line log); with snapshot=None the stray-day check adds one read of the days
    con.register("pass_lines", rfm.clean_log(random_log(7)))
    reads = _source_reads(con, monkeypatch, lambda: sql.rfm_table("pass_lines", con=con, snapshot="2024-10-01",
                                                                  **RFM_COLUMNS))
    assert len(reads) == 1
    reads = _source_reads(con, monkeypatch, lambda: sql.summary_from_transactions(
        "pass_lines", con=con, customer="customer_id", date="timestamp", amount="amount", end="2024-10-01"))
    assert len(reads) == 1
    reads = _source_reads(con, monkeypatch, lambda: sql.summary_from_transactions(
        "pass_lines", con=con, customer="customer_id", date="timestamp", amount="amount"))
    assert len(reads) == 1
    # and in the plan of each one query the table is scanned once (DuckDB keeps a CTE used twice)
    for text in (sql.summary_sql(customer="customer_id", date="timestamp", amount="amount", end=None,
                                 source="pass_lines", counts=True),
                 sql.rfm_sql(**RFM_COLUMNS, source="pass_lines", counts=True)):
        assert sql.explain(con, text).count("─ Pandas Scan ─") == 1


@pytest.mark.parametrize("seed", [11, 12])
def test_the_counting_text_gives_the_teaching_texts_rows(con, seed):
    # rfm_sql() / summary_sql() are the texts a reader reads; counts=True adds the columns behind the
    # printed lines; the rows of scored customers must be the same
    con.register(f"both_{seed}", rfm.clean_log(random_log(seed)))
    for snapshot in (None, "2024-08-01"):
        plain = con.sql(sql.rfm_sql(**RFM_COLUMNS, snapshot=snapshot, source=f"both_{seed}")).df()
        counted = con.sql(sql.rfm_sql(**RFM_COLUMNS, snapshot=snapshot, source=f"both_{seed}", counts=True)).df()
        counted = counted[counted["customer_id"].notna() & (counted["frequency"] > 0)]
        pd.testing.assert_frame_equal(plain, counted[plain.columns].reset_index(drop=True), check_dtype=False)
        assert {"n_rows", "incomplete_rows"} <= set(counted.columns)


def test_basket_counts_say_what_they_left_out(con, capsys):
    # basket.basket_matrix prints the returns, the lines without a quantity and the lines without a
    # receipt or an item it leaves out; the SQL runners left them out silently
    lines = rfm.clean_log(random_log(8)).reset_index(drop=True)
    lines["quantity"] = lines["quantity"].astype(float)
    lines.loc[[5, 6], "quantity"] = np.nan
    lines.loc[[7], "product"] = None
    lines.loc[[9], "order_id"] = None
    capsys.readouterr()
    table = basket.basket_matrix(lines, order="order_id", item="product")
    expected = capsys.readouterr().out.strip()
    assert "lines with no quantity" in expected and "return or zero-quantity lines" in expected
    rules = sql.association_rules(lines, con=con, order="order_id", item="product", min_support=0.05)
    assert capsys.readouterr().out.strip() == expected.replace("basket_matrix:", "association_rules:")
    # and the NaN quantities are not counted as purchases: the supports are the basket table's
    supports = quietly(sql.item_supports, lines, con=con, order="order_id", item="product", min_support=0.05)
    singles = supports[supports["size"] == 1].set_index("itemset")["support"]
    pd.testing.assert_series_equal(singles.sort_index(), table.mean()[singles.index].sort_index(),
                                   check_names=False, rtol=1e-15)
    assert len(rules) > 0
    lines.loc[[11], "quantity"] = np.inf
    with pytest.raises(InputError, match="1 infinite quantities"):
        sql.item_supports(lines, con=con, order="order_id", item="product", min_support=0.05)
    lines["quantity"] = lines["quantity"].map(str)
    with pytest.raises(InputError, match="'quantity' must hold numbers"):
        sql.item_supports(lines, con=con, order="order_id", item="product", min_support=0.05)


def test_runners_do_not_keep_their_input_registered():
    # each call on a DataFrame registered it with the connection and never let go: a loop over
    # months or segments kept every frame (and its memory) alive
    connection = duckdb.connect()
    lines = rfm.clean_log(random_log(10))

    def registered():
        return sorted(name for (name,) in connection.sql("SELECT view_name FROM duckdb_views() WHERE temporary")
                      .fetchall() if name.startswith("kit_source_"))
    quietly(sql.rfm_table, lines, con=connection, **RFM_COLUMNS)
    quietly(sql.summary_from_transactions, lines, con=connection, customer="customer_id", date="timestamp",
            amount="amount")
    quietly(sql.association_rules, lines, con=connection, order="order_id", item="product", min_support=0.05)
    with pytest.raises(InputError):
        sql.rfm_table(lines, con=connection, snapshot="2000-01-01", **RFM_COLUMNS)
    assert registered() == []
    connection.close()


def test_zoned_timestamps_keep_their_local_day(con, tmp_path):
    # pandas dates purchases by the wall clock of their own zone; DuckDB cast a zoned timestamp to
    # the date of the session's zone (UTC here), so a purchase at 02:00 in Shanghai fell on the day
    # before and recency came out one day too long
    lines = pd.DataFrame({"customer_id": ["A", "A", "B"], "order_id": ["T1", "T2", "T3"], "amount": [10.0, 20.0, 5.0],
                          "timestamp": pd.to_datetime(["2024-12-01 02:00", "2024-12-31 02:00", "2024-12-15 12:00"])
                          .tz_localize("Asia/Shanghai")})
    expected = quietly(rfm.rfm_table, lines, snapshot="2025-01-01", **RFM_COLUMNS)
    assert expected.loc["A", "recency_days"] == 1                     # 31 December to 1 January, by hand
    pd.testing.assert_frame_equal(quietly(sql.rfm_table, lines, con=con, snapshot="2025-01-01", **RFM_COLUMNS),
                                  expected)
    summary = quietly(clv.summary_from_transactions, lines, customer="customer_id", date="timestamp",
                      amount="amount", end="2024-12-31")
    pd.testing.assert_frame_equal(quietly(sql.summary_from_transactions, lines, con=con, customer="customer_id",
                                          date="timestamp", amount="amount", end="2024-12-31"), summary)
    # a file of instants with a zone cannot say which zone's day is meant: refused, with the fix
    path = tmp_path / "zoned.parquet"
    lines.to_parquet(path)
    with pytest.raises(InputError, match="time zone.*timezone\\("):
        sql.rfm_table(path, con=con, snapshot="2025-01-01", **RFM_COLUMNS)
    # and the fix the message gives works
    con.sql(f"CREATE VIEW local_lines AS SELECT * REPLACE (timezone('Asia/Shanghai', timestamp) AS timestamp) "
            f"FROM read_parquet('{path}')")
    pd.testing.assert_frame_equal(quietly(sql.rfm_table, "local_lines", con=con, snapshot="2025-01-01",
                                          **RFM_COLUMNS), expected)


@pytest.mark.parametrize("column, value", [("unit_price", np.nan), ("quantity", np.nan), ("unit_price", np.inf)])
def test_clean_log_refuses_missing_prices_and_quantities(con, column, value):
    # a NaN unit price failed both "impossible" tests (NULL <= 0 is not true) and the line vanished
    # from the view uncounted, under a printed "dropped 0 line(s)"
    lines = random_log(1)
    lines[column] = lines[column].astype(float)
    lines.loc[[3, 7], column] = value
    with pytest.raises(InputError) as expected:
        quietly(rfm.clean_log, lines)
    with pytest.raises(InputError) as got:
        quietly(sql.clean_log, lines, con=con, view="refused_lines")
    assert str(got.value) == str(expected.value)


def test_clean_log_can_be_called_again_with_the_same_name(con):
    # a table left by materialize=True made the next call's DROP VIEW fail inside DuckDB
    lines = random_log(2)
    for materialize in (True, False, True):
        view = quietly(sql.clean_log, lines, con=con, view="again_lines", materialize=materialize)
        assert con.sql(f"SELECT COUNT(*) FROM {view}").fetchall()[0][0] == len(quietly(rfm.clean_log, lines))


@pytest.mark.parametrize("value, words", [(np.nan, "list_price is missing for"), (np.inf, "infinite value")])
def test_clean_log_refuses_empty_list_prices(con, supermarket, value, words):
    # an empty list price made "unit price > 2 x list price" false, so every price passed the test
    lines, products, _ = supermarket
    products = products.copy()
    products.loc[0, "list_price"] = value
    with pytest.raises(InputError, match=words):
        quietly(sql.clean_log, lines, con=con, products=products, view="priced_lines")


def test_placeholder_dates_in_a_file_are_refused(con, tmp_path):
    # a warehouse's 9999-12-31 placeholder made snapshot=None the year 10000 and every recency
    # millions of days (pandas refuses such dates; a Parquet file holds them without complaint)
    lines = rfm.clean_log(random_log(3))
    path = tmp_path / "placeholder.parquet"
    duckdb_con = duckdb.connect()
    duckdb_con.register("lines_df", lines)
    duckdb_con.sql(f"COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 5 THEN TIMESTAMP '9999-12-31' "
                   f"ELSE timestamp END AS timestamp) FROM lines_df) TO '{path}' (FORMAT parquet)")
    for snapshot in (None, "2024-10-01"):
        with pytest.raises(InputError, match="outside 1900–2199.*9999-12-31"):
            quietly(sql.rfm_table, path, con=con, snapshot=snapshot, **RFM_COLUMNS)
    with pytest.raises(InputError, match="outside 1900–2199.*9999-12-31"):
        quietly(sql.summary_from_transactions, path, con=con, customer="customer_id", date="timestamp",
                amount="amount", end="2024-10-01")


def test_basket_ids_mixing_text_and_numbers_are_refused(con):
    # product 1 and product "1" are two items to pandas and one to SQL's CAST(item AS STRING)
    lines = rfm.clean_log(random_log(4))
    lines["product"] = lines["product"].astype(object)
    lines.loc[lines["product"] == "tea", "product"] = 1
    lines.loc[lines.index[:3], "product"] = "1"
    with pytest.raises(InputError) as expected:
        quietly(basket.basket_matrix, lines, order="order_id", item="product")
    with pytest.raises(InputError) as got:
        quietly(sql.association_rules, lines, con=con, order="order_id", item="product", min_support=0.05)
    assert str(got.value) == str(expected.value)


def test_csv_dates_are_read_only_in_iso_form(con, tmp_path):
    # DuckDB's sniffer read 03/04/2024 as 3 April by itself; the kit refuses to guess the order
    ambiguous = tmp_path / "ambiguous.csv"
    ambiguous.write_text("customer_id,order_id,timestamp,amount\nA,T1,03/04/2024,10\nA,T2,05/06/2024,20\n"
                         "B,T3,07/08/2024,5\n")
    with pytest.raises(InputError, match="2024-12-31.*3 April or 4 March") as caught:
        quietly(sql.rfm_table, ambiguous, con=con, snapshot="2025-01-01", **RFM_COLUMNS)
    with pytest.raises(InputError, match="3 April or 4 March"):
        quietly(sql.summary_from_transactions, ambiguous, con=con, customer="customer_id", date="timestamp",
                amount="amount", end="2024-12-31")
    # the fix the message gives works, and reads the order it was told
    con.sql(f"CREATE VIEW told_lines AS SELECT * FROM read_csv('{ambiguous}', header = true, "
            "types = {'timestamp': 'DATE'}, dateformat = '%m/%d/%Y')")
    table = quietly(sql.rfm_table, "told_lines", con=con, snapshot="2025-01-01", **RFM_COLUMNS)
    assert table.loc["A", "recency_days"] == (pd.Timestamp("2025-01-01") - pd.Timestamp("2024-05-06")).days
    assert "dateformat" in str(caught.value)
    # ISO text dates, with or without a time, read as before
    iso = tmp_path / "iso.csv"
    iso.write_text("customer_id,order_id,timestamp,amount\nA,T1,2024-03-04 10:00:00,10\nA,T2,2024-05-06 23:00:00,20\n"
                   "B,T3,2024-07-08,5\n")
    expected = quietly(rfm.rfm_table, pd.read_csv(iso), snapshot="2025-01-01", **RFM_COLUMNS)
    pd.testing.assert_frame_equal(quietly(sql.rfm_table, iso, con=con, snapshot="2025-01-01", **RFM_COLUMNS),
                                  expected)


def test_empty_files_and_a_series_for_returns_get_the_kits_errors(con, tmp_path):
    # an empty Parquet file gave "no customer id" (RFM) and a bare ValueError (CLV summary); an
    # empty CSV has no types to sniff, so its amounts looked like text; a boolean Series passed as
    # returns= (as the pandas helpers accept) gave pandas' "truth value of a Series is ambiguous"
    lines = rfm.clean_log(random_log(2))
    lines.iloc[:0].to_parquet(tmp_path / "empty.parquet")
    lines.iloc[:0].to_csv(tmp_path / "empty.csv", index=False)
    for path in (tmp_path / "empty.parquet", tmp_path / "empty.csv"):
        with pytest.raises(InputError, match="is empty \\(no rows\\)"):
            quietly(sql.rfm_table, path, con=con, **RFM_COLUMNS)
        with pytest.raises(InputError, match="is empty \\(no rows\\)"):
            quietly(sql.summary_from_transactions, path, con=con, customer="customer_id", date="timestamp",
                    amount="amount")
        with pytest.raises(InputError, match="is empty \\(no rows\\)"):
            quietly(sql.association_rules, path, con=con, order="order_id", item="product", min_support=0.1)
    raw = tmp_path / "empty_raw.parquet"                   # till lines before cleaning: no amount yet
    lines.iloc[:0].drop(columns="amount").to_parquet(raw)
    for source in (raw, lines.iloc[:0].drop(columns="amount")):
        with pytest.raises(InputError, match="is empty \\(no rows\\)"):
            quietly(sql.clean_log, source, con=con, view="empty_lines")
    mask = lines["amount"] < 0
    for run in (lambda: sql.rfm_table(lines, con=con, returns=mask, **RFM_COLUMNS),
                lambda: sql.summary_from_transactions(lines, con=con, customer="customer_id", date="timestamp",
                                                      amount="amount", returns=mask)):
        with pytest.raises(InputError, match="returns='is_return'"):
            quietly(run)
    # the fix the message gives works and gives the pandas table
    expected = quietly(rfm.rfm_table, lines, returns=mask, **RFM_COLUMNS)
    pd.testing.assert_frame_equal(quietly(sql.rfm_table, lines.assign(is_return=mask), con=con,
                                          returns="is_return", **RFM_COLUMNS), expected)
