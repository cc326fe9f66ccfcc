"""`crm-kit report`: mapping, cleaning, the customer file against the helpers called directly, the HTML.

Expected values come from the helpers called directly on lines cleaned here with plain pandas
(a second implementation of the cleaning rules), and from counts planted by the generator.
Only one log goes through the full notebook + HTML path (it starts a kernel); the others
check the customer file (``--no-report``).
"""

from __future__ import annotations

import contextlib
import io
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import retail_log
from helpers import InputError, clv, data, report, rfm

NON_PRODUCT = ["POST", "DOT", "M", "AMAZONFEE", "BANK CHARGES"]


def run(*argv) -> tuple[int, str]:
    """Run the command in this process; return its exit code and what it wrote on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = report.main([str(a) for a in argv] + ["--quiet"])
    return code, err.getvalue()


def quiet(function, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args, **kwargs)


def read_customers(path) -> pd.DataFrame:
    table = pd.read_excel(path, dtype={"customer_id": str}) if str(path).endswith(".xlsx") else \
        pd.read_csv(path, dtype={"customer_id": str})
    return table.set_index("customer_id")


def direct_rfm(lines: pd.DataFrame, *, customer, date, amount, order, returns, snapshot=None) -> pd.DataFrame:
    """R, F, M, scores and segments from the kit's rfm helpers called directly."""
    lines = lines[lines[customer].notna()].reset_index(drop=True)
    table = quiet(rfm.rfm_table, lines, customer=customer, date=date, amount=amount, order=order,
                  snapshot=snapshot, returns=returns(lines))
    return rfm.rfm_segments(rfm.rfm_scores(table))


def assert_same_rfm(customers: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(customers.index) == [str(i) for i in expected.index]
    for column in ("recency_days", "frequency", "R", "F", "M"):
        np.testing.assert_array_equal(customers[column].to_numpy(), expected[column].to_numpy(), err_msg=column)
    np.testing.assert_allclose(customers["monetary"].to_numpy(), expected["monetary"].to_numpy(), atol=0.0051)
    assert list(customers["segment"]) == [str(s) for s in expected["segment"]]


# --------------------------------------------------------------------------- logs


@pytest.fixture(scope="module")
def retail(tmp_path_factory):
    """A small retailer look-alike: cancellation invoices, quantity × unit price, fees, blank ids."""
    frame = retail_log.generate(12_000, seed=7)
    counts = dict(retail_log.COUNTS)
    path = tmp_path_factory.mktemp("retail") / "online_retail.csv"
    retail_log.write_csv(frame, path)
    return path, counts


def retail_expected(path) -> pd.DataFrame:
    """The cleaning rules of the report, written again in plain pandas."""
    lines = pd.read_csv(path, dtype=str)
    lines = lines[~lines.duplicated()]
    lines = lines[~lines["StockCode"].isin(NON_PRODUCT)]
    price = lines["UnitPrice"].astype(float)
    lines = lines[price > 0].copy()
    lines["amount"] = lines["Quantity"].astype(float) * lines["UnitPrice"].astype(float)
    lines["date"] = pd.to_datetime(lines["InvoiceDate"], format="%m/%d/%Y %H:%M")
    return lines


def test_full_report_on_a_retailer_log(retail, tmp_path):
    path, counts = retail
    out = tmp_path / "out"
    code, err = run(path, "--out", out, "--returns", "prefix:C", "--exclude-codes", ",".join(NON_PRODUCT),
                    "--currency", "GBP", "--margin", "0.3")
    assert code == 0, err
    for name in ("report.html", "report.ipynb", "customers.csv"):
        assert (out / name).is_file(), name
    html = (out / "report.html").read_text(encoding="utf-8")
    assert_no_external_urls(html)
    assert "data:image/png;base64," in html                      # figures are embedded
    for heading in ("Data quality", "RFM segments", "customer pyramid", "Cohort retention", "lifetime value",
                    "basket rules", "could not be computed"):
        assert heading in html, heading
    assert "first seen in this log" in html
    assert "--high-value-spend" in html                           # yuan thresholds not applied to GBP

    lines = retail_expected(path)
    expected = direct_rfm(lines, customer="CustomerID", date="date", amount="amount", order="InvoiceNo",
                          returns=lambda d: d["InvoiceNo"].str.startswith("C") | (d["amount"] < 0))
    customers = read_customers(out / "customers.csv")
    assert_same_rfm(customers, expected)
    assert not customers.index.str.endswith(".0").any()            # ids read as text
    assert customers["tier"].isin(["platinum", "gold", "iron", "lead"]).all()
    # CLV: the kit's BG/NBD on purchase days of the same customers, called directly
    purchases = lines[lines["CustomerID"].notna() & ~lines["InvoiceNo"].str.startswith("C") & (lines["amount"] > 0)]
    end = lines["date"].max().normalize()
    summary = quiet(clv.summary_from_transactions, purchases, customer="CustomerID", date="date", amount="amount",
                    end=end, unit="W")
    bg = clv.BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
    predicted = pd.Series(bg.expected_purchases(52, summary["frequency"], summary["recency"], summary["T"]),
                          index=summary.index.astype(str))
    np.testing.assert_allclose(customers["expected_purchases"].to_numpy(),
                               predicted.reindex(customers.index).to_numpy(), atol=0.0006)
    np.testing.assert_allclose(customers["clv"], 0.3 * customers["expected_revenue"], atol=0.011)   # --margin 0.3
    assert (customers["clv"] >= 0).all() and customers["clv"].sum() > 0


def test_data_quality_counts_planted_lines(retail):
    path, counts = retail
    raw = report.read_log(path)
    settings = report.Settings(log=str(path), columns=report.resolve_columns(raw.columns)[0], returns="prefix:C",
                               exclude_codes=NON_PRODUCT)
    prepared = report.prepare(raw, settings)
    quality = prepared.quality.set_index("reason")
    assert quality.loc["exact duplicate of an earlier line", "lines"] == counts["duplicate_lines"]
    lines = retail_expected(path)
    assert quality.loc["lines kept", "lines"] == len(lines)
    assert quality.loc["lines in the log", "lines"] == counts["lines"]
    dropped = quality[quality["what happens"] == "dropped"]["lines"].sum()
    assert dropped + len(lines) == counts["lines"]                  # every line is accounted for once
    assert quality.loc["no customer id", "lines"] == int(lines["CustomerID"].isna().sum())
    returns = quality.index[quality.index.str.startswith("return line")][0]
    assert quality.loc[returns, "lines"] == int(lines["InvoiceNo"].str.startswith("C").sum())
    np.testing.assert_allclose(quality.loc["lines kept", "amount"], lines["amount"].sum())


def assert_no_external_urls(html: str) -> None:
    """No src or href a browser would load from the network, and no script that imports one."""
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.bad, self.scripts, self.in_script = [], [], False

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("src", "href", "data", "poster", "srcset") and value is not None:
                    if value.strip().lower().startswith(("http:", "https:", "//", "ftp:")) or \
                            (name == "src" and not value.strip()):
                        self.bad.append((tag, name, value))
            self.in_script = tag == "script"

        def handle_endtag(self, tag):
            self.in_script = False

        def handle_data(self, text):
            if self.in_script:
                self.scripts.append(text)

    parser = Links()
    parser.feed(html)
    assert parser.bad == []
    assert not any("http://" in s or "https://" in s for s in parser.scripts)
    assert "@import url(http" not in html


def test_self_contained_removes_remote_scripts_and_links():
    page = ('<script src="https://cdn.example.org/x.js"></script><script>var a = 1;</script>'
            '<link rel="stylesheet" href="//fonts.example.org/f.css"><link rel="icon" href="data:,">'
            '<script type="module">await import("https://cdn.example.org/m.mjs")</script><script src=""></script>')
    cleaned = report.self_contained(page)
    assert cleaned == '<script>var a = 1;</script><link rel="icon" href="data:,">'


# --------------------------------------------------------------------------- the kit's logs


def test_supermarket_sample(tmp_path):
    log = data.load("supermarket")
    log = log[log["order_id"].str[1:].astype(int) % 8 == 0]       # every eighth receipt, to stay fast
    path = tmp_path / "freshmart.csv"
    log.to_csv(path, index=False)
    code, err = run(path, "--out", tmp_path / "out", "--currency", "CNY", "--no-report")
    assert code == 0, err
    assert "guessed" in err and "'customer_id'" in err              # the mapping is shown
    customers = read_customers(tmp_path / "out" / "customers.csv")
    clean = quiet(rfm.clean_log, log.reset_index(drop=True))
    expected = direct_rfm(clean, customer="customer_id", date="timestamp", amount="amount", order="order_id",
                          returns=lambda d: d["amount"] < 0)
    assert_same_rfm(customers, expected)
    assert customers["threshold_tier"].notna().all()                # yuan: the supermarket's thresholds apply
    assert customers["tier"].isna().all()                           # no margin given: no pyramid


def test_cdnow_sample_ids_are_numbers_read_as_text(tmp_path):
    log = data.load("cdnow", "sample")
    path = tmp_path / "cdnow.parquet"
    log.assign(customer_id=log["customer_id"].astype(float)).to_parquet(path)   # ids stored as 4.0, 18.0 …
    code, err = run(path, "--out", tmp_path / "out", "--no-report", "--currency", "USD")
    assert code == 0, err
    customers = read_customers(tmp_path / "out" / "customers.csv")
    assert not customers.index.str.contains(r"\.").any()
    # the report drops exact duplicate lines (same customer, day, quantity and amount) unless --keep-duplicates
    expected = direct_rfm(log.drop_duplicates().assign(customer_id=log["customer_id"].astype(str)),
                          customer="customer_id",
                          date="date", amount="amount", order=None, returns=lambda d: d["amount"] < 0)
    assert_same_rfm(customers.loc[[str(i) for i in expected.index]], expected)
    assert "threshold_tier" not in customers


def test_distributor_orders_with_margin(tmp_path):
    orders = data.load("distributor", "orders")
    orders = orders[orders["date"] < "2023-07-01"]
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    code, err = run(path, "--out", tmp_path / "out", "--no-report", "--currency", "CNY", "--margin", "0.15",
                    "--cost-per-order", "35")
    assert code == 0, err
    customers = read_customers(tmp_path / "out" / "customers.csv")
    expected = direct_rfm(orders, customer="account_id", date="date", amount="amount", order="order_id",
                          returns=lambda d: d["amount"] < 0)
    assert_same_rfm(customers, expected)
    # profit by hand: net spend × margin − 35 per order
    np.testing.assert_allclose(customers["profit"].to_numpy(),
                               (expected["monetary"] * 0.15 - 35 * expected["frequency"]).to_numpy(), atol=0.0051)
    assert (customers.loc[customers["profit"] < 0, "tier"] == "lead").all()


# --------------------------------------------------------------------------- other shapes


def small_log(seed=3, customers=150) -> pd.DataFrame:
    """Receipts of customers who buy at their own rate, spend at their own level and drop out at their own
    chance (as BG/NBD and Gamma-Gamma assume, so the fits are identified), with some returns."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        rate, level, drop = rng.gamma(2.0, 1 / 40), np.exp(rng.normal(4.0, 0.5)), rng.beta(1.0, 4.0)
        day = rng.uniform(0, 120)
        while day < 300:
            rows.append((f"K{c:03d}", day, round(float(rng.gamma(4.0, level / 4)), 2)))
            if rng.random() < drop:
                break
            day += rng.exponential(1 / rate)
    frame = pd.DataFrame(rows, columns=["customer", "day", "amount"]).sort_values(["day", "customer"])
    frame["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(frame.pop("day").astype(int), unit="D")
    frame.insert(0, "order", [f"S{i:05d}" for i in range(len(frame))])
    frame.loc[frame.sample(frac=0.03, random_state=seed).index, "amount"] *= -1     # some returns
    return frame.reset_index(drop=True)


def test_chinese_columns_in_excel_with_day_first_dates(tmp_path):
    frame = small_log()
    chinese = pd.DataFrame({"订单号": frame["order"], "客户编号": frame["customer"],
                            "日期": frame["date"].dt.strftime("%d/%m/%Y"), "金额": frame["amount"]})
    path = tmp_path / "销售.xlsx"
    chinese.to_excel(path, index=False)
    code, err = run(path, "--out", tmp_path / "out", "--no-report", "--dayfirst", "--customers-format", "xlsx")
    assert code == 0, err
    for role, column in (("customer", "客户编号"), ("order", "订单号"), ("date", "日期"), ("amount", "金额")):
        assert f"{role:<12} ← {column!r}" in err
    customers = read_customers(tmp_path / "out" / "customers.xlsx")
    expected = direct_rfm(frame, customer="customer", date="date", amount="amount", order="order",
                          returns=lambda d: d["amount"] < 0)
    assert_same_rfm(customers, expected)


def test_ambiguous_day_first_dates_are_refused_naming_the_column(tmp_path):
    frame = small_log().head(40)
    frame["date"] = ["0%d/0%d/2024" % (1 + i % 9, 1 + (i // 9) % 9) for i in range(len(frame))]
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    code, err = run(path, "--out", tmp_path / "out", "--no-report")
    assert code == 2
    assert "'date'" in err and "dayfirst" in err


def test_mapping_file_and_flag_returns(tmp_path):
    frame = small_log()
    frame["amount"] = frame["amount"].abs()
    frame["kind"] = np.where(np.arange(len(frame)) % 10 == 0, "yes", "no")    # every tenth line is a return
    path = tmp_path / "log.csv"
    frame.rename(columns={"customer": "who", "date": "when", "amount": "paid", "order": "ticket"}) \
        .to_csv(path, index=False)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('returns = "flag:kind"\ncurrency = "EUR"\n[columns]\ncustomer = "who"\ndate = "when"\n'
                       'amount = "paid"\norder = "ticket"\n', encoding="utf-8")
    code, err = run(path, "--out", tmp_path / "out", "--no-report", "--mapping", mapping)
    assert code == 0, err
    customers = read_customers(tmp_path / "out" / "customers.csv")
    flagged = frame.assign(amount=np.where(frame["kind"] == "yes", -frame["amount"], frame["amount"]))
    expected = direct_rfm(flagged, customer="customer", date="date", amount="amount", order="order",
                          returns=lambda d: d["kind"] == "yes")
    assert_same_rfm(customers, expected)


def test_guesses_common_names_english_and_chinese():
    mapping, guessed = report.resolve_columns(["Invoice No", "Customer ID", "Invoice Date", "Quantity", "Unit Price",
                                               "Stock Code", "Description", "Country"])
    assert mapping == {"customer": "Customer ID", "order": "Invoice No", "date": "Invoice Date",
                       "quantity": "Quantity", "unit_price": "Unit Price", "product": "Stock Code",
                       "description": "Description"}
    assert guessed == sorted(mapping)
    mapping, _ = report.resolve_columns(["订单号", "客户编号", "日期", "金额", "门店"])
    assert mapping == {"customer": "客户编号", "order": "订单号", "date": "日期", "amount": "金额", "store": "门店"}


def test_given_columns_win_over_guesses():
    mapping, guessed = report.resolve_columns(["member", "customer_id", "day", "total"],
                                              {"customer": "member", "date": "day"})
    assert mapping == {"customer": "member", "date": "day", "amount": "total"}
    assert guessed == ["amount"]


@pytest.mark.parametrize("columns, given, named", [
    (["a", "b", "c"], {}, ["customer", "date", "amount", "'a'", "'b'", "'c'", "--customer"]),
    (["customer_id", "date", "amount"], {"customer": "CustomerID"}, ["'CustomerID'", "'customer_id'"]),
    (["customer_id", "date", "quantity"], {}, ["amount (or quantity and unit_price)", "--unit-price"]),
])
def test_mapping_mistakes_give_the_named_error(columns, given, named):
    with pytest.raises(InputError) as caught:
        report.resolve_columns(columns, given)
    for text in named:
        assert text in str(caught.value)


def test_command_reports_a_mapping_mistake_without_a_traceback(tmp_path):
    path = tmp_path / "log.csv"
    small_log().to_csv(path, index=False)
    code, err = run(path, "--customer", "CustomerID", "--no-report")
    assert code == 2
    assert "--customer 'CustomerID'" in err and "'customer'" in err and "Traceback" not in err


def test_percent_margin_and_text_amounts_are_refused(tmp_path):
    path = tmp_path / "log.csv"
    small_log().assign(amount=lambda d: d["amount"].map(lambda v: f"{v * 100:,.2f}")).to_csv(path, index=False)
    code, err = run(path, "--no-report", "--margin", "30")
    assert code == 2 and "--margin 30" in err and "0.3" in err
    code, err = run(path, "--no-report")
    assert code == 2 and "'amount'" in err and "--thousands" in err
    code, err = run(path, "--no-report", "--thousands", ",", "--out", tmp_path / "out")
    assert code == 0, err


def test_no_cost_no_currency_sections_say_why(tmp_path):
    path = tmp_path / "log.csv"
    small_log().to_csv(path, index=False)
    raw = report.read_log(path)
    settings = report.Settings(log=str(path), columns=report.resolve_columns(raw.columns)[0])
    analysis = report.Analysis(report.prepare(raw, settings), settings, show=False)
    quiet(analysis.run_all)
    sections = dict(analysis.not_computed)
    assert "yuan" in sections["customer pyramid"] and "--margin" in sections["customer pyramid"]
    assert "yuan" in sections["threshold tiers"]
    assert "basket rules" in sections                               # no product column


def test_a_model_that_predicts_no_numbers_gives_no_clv_rather_than_nan(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    small_log().to_csv(path, index=False)
    raw = report.read_log(path)
    settings = report.Settings(log=str(path), columns=report.resolve_columns(raw.columns)[0], margin=0.3)
    monkeypatch.setattr(clv.BetaGeo, "expected_purchases",
                        lambda self, t, *rest: np.full(np.broadcast(np.asarray(t), *map(np.asarray, rest)).shape, np.nan))
    analysis = report.Analysis(report.prepare(raw, settings), settings, show=False)
    customers = quiet(analysis.run_all)
    sections = dict(analysis.not_computed)
    assert "degenerate" in sections["CLV"] and "degenerate" in sections["CLV holdout check"]
    assert customers["expected_purchases"].isna().all() and customers["clv"].isna().all()


def test_time_zone_aware_dates_are_read_in_the_zone_asked_for():
    raw = pd.DataFrame({"customer_id": ["A", "B"], "amount": [10.0, 20.0],
                        "date": pd.to_datetime(["2024-01-01 20:00", "2024-01-01 10:00"]).tz_localize("UTC")})
    columns = report.resolve_columns(raw.columns)[0]
    shanghai = report.prepare(raw, report.Settings(columns=columns, timezone="Asia/Shanghai"))
    # 20:00 UTC is 04:00 the next day in Shanghai (UTC+8); 10:00 UTC is 18:00 the same day
    assert list(shanghai.lines["date"]) == [pd.Timestamp("2024-01-02 04:00"), pd.Timestamp("2024-01-01 18:00")]
    own_zone = report.prepare(raw, report.Settings(columns=columns))        # the kit's rule: own wall clock
    assert list(own_zone.lines["date"]) == [pd.Timestamp("2024-01-01 20:00"), pd.Timestamp("2024-01-01 10:00")]
    with pytest.raises(InputError, match="--timezone 'Mars/Olympus'"):
        report.prepare(raw, report.Settings(columns=columns, timezone="Mars/Olympus"))


def test_console_script_names_its_one_command(capsys):
    assert report.cli([]) == 2
    assert "crm-kit report LOG" in capsys.readouterr().out
    assert report.cli(["rfm", "x.csv"]) == 2
    assert "unknown command 'rfm'" in capsys.readouterr().err
