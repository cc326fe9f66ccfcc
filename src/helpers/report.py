"""Your own data: one command turns a transaction log into the kit's analyses.

    crm-kit report sales.csv                       # columns guessed from their names, and shown
    crm-kit report sales.xlsx --customer 客户编号 --date 日期 --amount 金额 --order 订单号
    python -m helpers.report orders.parquet --mapping mapping.toml --out report/

The command reads a CSV, Excel or Parquet log, maps its columns to the kit's roles, cleans it
(every line it drops is counted, with the reason and the money on it), and writes, in the
output folder (default: ``<log name>_report/`` next to the log):

* ``report.html`` — a self-contained report (figures embedded, nothing loaded from the
  internet when it is opened): data quality, RFM segments with actions, the customer pyramid
  and whale curve (when a margin or cost is given), cohort retention, BG/NBD + Gamma-Gamma
  CLV with a holdout check, basket rules (when there is a product column), and what could not
  be computed and why;
* ``report.ipynb`` — the executed notebook behind the report, to keep going from;
* ``customers.csv`` (or ``.xlsx`` with ``--customers-format xlsx``) — one row per customer:
  R, F, M, scores, segment, tier, expected purchases and CLV, for a CRM import;
* ``lines.parquet`` — the cleaned lines the notebook reads.

The steps are plain functions, usable from a notebook too: :func:`read_log`,
:func:`resolve_columns`, :func:`prepare` (cleaning, with the data-quality table) and
:class:`Analysis` (one method per report section; :meth:`Analysis.customers` is the customer
file).  The template notebook is ``report_template.ipynb`` in this package; papermill runs
it and nbconvert turns it into HTML.

Roles and how they are guessed
------------------------------
``customer``, ``date`` and either ``amount`` or ``quantity`` + ``unit_price`` are needed;
``order``, ``product``, ``description``, ``store`` and ``cost`` are optional.  A role not
given on the command line (``--customer …``) or in the mapping file is guessed from the
column names in :data:`NAME_GUESSES` (compared without case, spaces, ``_``, ``-`` or ``.``),
English and Chinese.  The mapping used, and whether each column was given or guessed, is
printed and shown at the top of the report.

Cleaning rules (the options of :func:`prepare`)
-----------------------------------------------
Each line gets the first reason that applies, in this order: exact duplicate of an earlier
line (``--keep-duplicates`` keeps them); no date; no amount (or quantity, or unit price);
a non-product line (``--exclude-codes POST,DOT,M`` or ``--exclude-pattern`` on the product
code or description); a negative or zero unit price; dated on or after the snapshot.
Lines without a customer id are left out of the customer analyses but kept for baskets (a
basket is a basket whoever paid).  Returns (``--returns``) are kept and netted: ``negative``
(the default: a negative amount), ``prefix:C`` (the order id starts with ``C``: cancellation
invoices; their lines also count as returns when the amount is negative) or ``flag:COLUMN``
(a true/false column).  A return line's amount is made negative if it was written positive.

Money
-----
The kit's example thresholds and cost rates are in yuan (the supermarket's 500 yuan a visit,
the distributor's 35 yuan per order).  The report never applies them to another currency:
``--currency`` labels the money, the supermarket thresholds are used only when the currency
is yuan (CNY, RMB, 元) or when you give your own ``--high-value-spend``, and the pyramid needs
your own ``--margin`` (or a ``--cost`` column) and cost rates.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import time
import tomllib
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers._validate import InputError

__all__ = ["NAME_GUESSES", "YUAN", "Settings", "read_log", "guess_columns", "resolve_columns", "prepare",
           "Prepared", "Analysis", "main", "build_report"]

TEMPLATE = Path(__file__).with_name("report_template.ipynb")

#: Column names each role is guessed from, compared after :func:`_normal_name` (lower case,
#: no spaces, ``_``, ``-`` or ``.``).  The first role whose list holds a column's name wins.
NAME_GUESSES: dict[str, tuple[str, ...]] = {
    "customer": ("customerid", "customer", "custid", "customerno", "customernumber", "clientid", "client",
                 "memberid", "member", "accountid", "account", "userid", "buyerid",
                 "客户编号", "客户id", "客户号", "客户代码", "客户", "会员编号", "会员号", "会员id", "会员卡号",
                 "用户id", "用户编号", "买家id"),
    "order": ("orderid", "invoiceno", "invoice", "invoiceid", "invoicenumber", "orderno", "ordernumber",
              "order", "receipt", "receiptid", "receiptno", "transactionid", "basketid", "ticketid",
              "订单号", "订单编号", "订单id", "发票号", "发票编号", "单号", "小票号", "交易编号", "流水号"),
    "date": ("invoicedate", "orderdate", "date", "timestamp", "transactiondate", "purchasedate", "datetime",
             "time", "saledate", "日期", "交易日期", "订单日期", "下单时间", "下单日期", "购买日期", "交易时间",
             "时间", "销售日期"),
    "amount": ("amount", "netamount", "linetotal", "sales", "revenue", "total", "value", "salesamount",
               "金额", "交易金额", "订单金额", "实付金额", "销售额", "销售金额", "消费金额", "总价"),
    "quantity": ("quantity", "qty", "units", "数量", "购买数量", "销售数量"),
    "unit_price": ("unitprice", "price", "unitcost", "单价", "价格", "销售单价"),
    "product": ("stockcode", "sku", "productid", "productcode", "itemid", "itemcode", "product", "item",
                "商品编码", "商品编号", "商品id", "产品编码", "货号", "商品", "产品"),
    "description": ("description", "productname", "itemname", "商品名称", "产品名称", "品名", "描述"),
    "store": ("storeid", "store", "shop", "shopid", "branch", "outlet", "门店", "门店编号", "店铺", "店铺编号"),
    "cost": ("cost", "costofgoods", "cogs", "成本", "进价成本"),
}
ROLES = tuple(NAME_GUESSES)
#: Codes that are often not products (postage, fees, manual adjustments); never excluded
#: unless you say so, but the report names those it sees.
LIKELY_NON_PRODUCT = ("POST", "DOT", "M", "AMAZONFEE", "BANK CHARGES", "C2", "PADS", "D", "CRUK", "S", "B")
#: Currency labels the kit's yuan figures may be used with.
YUAN = ("cny", "rmb", "yuan", "元", "人民币")


def _normal_name(name) -> str:
    return re.sub(r"[\s_\-.]+", "", str(name)).lower()


# --------------------------------------------------------------------------- settings


@dataclass
class Settings:
    """Everything the report needs besides the log: the mapping and the cleaning choices."""
    log: str = ""
    columns: dict = field(default_factory=dict)        # role -> column name
    guessed: list = field(default_factory=list)        # roles whose column was guessed
    returns: str = "negative"
    exclude_codes: list = field(default_factory=list)
    exclude_pattern: str | None = None
    item: str = "code"                                 # basket item: "code" or "description"
    currency: str | None = None
    snapshot: str | None = None
    dayfirst: bool | None = None
    date_format: str | None = None
    timezone: str | None = None
    margin: float | None = None
    cost_per_order: float | None = None
    cost_per_return: float | None = None
    high_value_spend: float | None = None
    holdout_weeks: int | None = None
    horizon_weeks: int = 52
    discount: float = 0.10
    min_support: float = 0.02
    keep_duplicates: bool = False
    sheet: str | None = None
    thousands: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "Settings":
        return cls(**values)

    @property
    def is_yuan(self) -> bool:
        return self.currency is not None and self.currency.strip().lower() in YUAN

    @property
    def money(self) -> str:
        return self.currency or "(currency not given)"


# --------------------------------------------------------------------------- reading


_ID_FLOAT = re.compile(r"^-?\d+\.0+$")


def _as_text(values: pd.Series) -> pd.Series:
    """Ids as text: 12346.0 → '12346' (a number column with blanks is read as floats), blanks → missing."""
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna()
        if len(whole) and (whole == np.round(whole)).all():
            values = values.astype("Int64")
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    present = text.notna()
    if present.any() and bool(text[present].str.fullmatch(_ID_FLOAT.pattern).all()):
        text = text.str.replace(r"\.0+$", "", regex=True)          # ids written as 12346.0 in the file
    return text.astype("str")          # the kit's text dtype (missing ids stay missing)


def read_log(path, *, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV, Excel (.xlsx, .xls) or Parquet log.  CSV cells are read as text (ids stay ids)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"LOG={str(path)!r}: there is no such file. Give the path of a .csv, .xlsx or "
                         ".parquet transaction log.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        sep = "\t" if suffix == ".tsv" else (None if _sniff_needed(path) else ",")
        options = dict(dtype=str, keep_default_na=False, na_values=[""], sep=sep,
                       engine="python" if sep is None else "c")
        try:
            frame = pd.read_csv(path, **options)
        except UnicodeDecodeError:
            frame = pd.read_csv(path, encoding="gb18030", **options)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0)
        except ImportError as exc:  # pragma: no cover - openpyxl is pinned
            raise InputError(f"Reading {path.name} needs openpyxl ({exc}); run `make env`.") from None
        except ValueError as exc:
            raise InputError(f"--sheet {sheet!r}: {exc}. Name a sheet of the workbook.") from None
    elif suffix in (".parquet", ".pq"):
        frame = pd.read_parquet(path)
    else:
        raise InputError(f"LOG={path.name!r}: the kit reads .csv, .xlsx and .parquet logs, not {suffix or 'this'} "
                         "files. Save the log in one of those formats.")
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = pd.Index(frame.columns)[pd.Index(frame.columns).duplicated()].unique().tolist()
    if duplicated:
        raise InputError(f"The log has duplicated column names {duplicated}; rename them so each column has "
                         "its own name.")
    if frame.empty:
        raise InputError(f"The log {path.name} has no rows: there is nothing to analyse.")
    return frame


def _sniff_needed(path: Path) -> bool:
    """True when the first line has no comma (a ; or tab separated export)."""
    with open(path, "rb") as handle:
        first = handle.readline()
    return b"," not in first


# --------------------------------------------------------------------------- mapping


def guess_columns(columns) -> dict[str, str]:
    """Role → column, from the column names alone (see :data:`NAME_GUESSES`)."""
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(_normal_name(column), column)
    found: dict[str, str] = {}
    taken: set[str] = set()
    for role, names in NAME_GUESSES.items():
        for name in names:
            column = by_name.get(_normal_name(name))
            if column is not None and column not in taken:
                found[role] = column
                taken.add(column)
                break
    return found


def read_mapping_file(path) -> dict:
    """A mapping file: TOML (``customer = "CustomerID"`` …, optionally under ``[columns]``) or JSON."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"--mapping {str(path)!r}: there is no such file.")
    text = path.read_text(encoding="utf-8")
    try:
        values = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"--mapping {path.name}: not valid {'JSON' if path.suffix == '.json' else 'TOML'} "
                         f"({exc}). Write one line per role, e.g. customer = \"CustomerID\".") from None
    columns = dict(values.pop("columns", {}))
    for role in ROLES:
        if role in values:
            columns[role] = values.pop(role)
    unknown = sorted(set(columns) - set(ROLES))
    if unknown:
        raise InputError(f"--mapping {path.name}: unknown role(s) {unknown}; the roles are {list(ROLES)}.")
    return {"columns": columns, "options": values}


def resolve_columns(columns, given: dict | None = None) -> tuple[dict[str, str], list[str]]:
    """The mapping role → column: ``given`` first, then guesses.  Returns it and the guessed roles.

    Raises :class:`InputError` naming a given column that is not in the log, or a needed role
    (customer, date, amount or quantity + unit price) that is neither given nor guessed, with
    the columns the log has.
    """
    columns = list(columns)
    given = {role: column for role, column in (given or {}).items() if column not in (None, "")}
    for role, column in given.items():
        if role not in ROLES:
            raise InputError(f"Unknown role {role!r}; the roles are {list(ROLES)}.")
        if column not in columns:
            raise InputError(f"--{role.replace('_', '-')} {column!r}: the log has no such column. "
                             f"Its columns are {columns}.")
    taken = set(given.values())
    guessed = {role: column for role, column in guess_columns([c for c in columns if c not in taken]).items()
               if role not in given}
    if "amount" in given or ("quantity" in given and "unit_price" in given):
        guessed = {r: c for r, c in guessed.items() if r not in ("amount", "quantity", "unit_price")
                   or (r in ("quantity", "unit_price") and "amount" in given)}
    mapping = {**guessed, **given}
    if "amount" in mapping and "unit_price" in mapping and "amount" not in given:
        mapping.pop("amount")                         # quantity × unit price is the line's own arithmetic
        guessed.pop("amount", None)
    missing = [role for role in ("customer", "date") if role not in mapping]
    if "amount" not in mapping and not ("quantity" in mapping and "unit_price" in mapping):
        missing.append("amount (or quantity and unit_price)")
    if missing:
        flags = {"customer": "--customer", "date": "--date", "amount (or quantity and unit_price)":
                 "--amount (or --quantity and --unit-price)"}
        raise InputError(f"Could not find the column for {', '.join(missing)} in the log's columns {columns}. "
                         f"Name it with {', '.join(flags[m] for m in missing)} (or in a --mapping file).")
    ordered = {role: mapping[role] for role in ROLES if role in mapping}
    return ordered, sorted(r for r in guessed if r in ordered)


def mapping_text(settings: Settings) -> str:
    """The mapping as lines ``role  ← column  (guessed)``, for the console and the report."""
    lines = []
    for role, column in settings.columns.items():
        how = "guessed from the name: check it" if role in settings.guessed else "given"
        lines.append(f"  {role:<12} ← {column!r}  ({how})")
    if "amount" not in settings.columns:
        lines.append("  amount       = quantity × unit_price")
    return "\n".join(lines)


# --------------------------------------------------------------------------- dates and numbers


_OFFSET = re.compile(r"(Z|[+-]\d\d:?\d\d)$")


def _read_dates(values: pd.Series, name: str, settings: Settings) -> pd.Series:
    """The kit's date reader (``helpers._validate.read_dates``), after ``--timezone`` if one is given.

    Dates that carry a time zone are read at their own wall-clock time (the kit's rule); with
    ``--timezone Europe/London`` they are first converted to that zone, which also lets text with
    several UTC offsets be read.
    """
    from helpers._validate import read_dates

    if settings.timezone:
        try:
            if pd.api.types.is_datetime64_any_dtype(values) and getattr(values.dt, "tz", None) is not None:
                values = values.dt.tz_convert(settings.timezone)
            elif values.dtype == object or pd.api.types.is_string_dtype(values):
                text = values.astype("string").str.strip()
                if text.str.contains(_OFFSET).all():
                    values = pd.to_datetime(text, utc=True, format=settings.date_format or "ISO8601") \
                        .dt.tz_convert(settings.timezone)
        except (ValueError, TypeError, KeyError) as exc:
            raise InputError(f"--timezone {settings.timezone!r}: {exc}. Give a zone name such as Europe/London or "
                             "Asia/Shanghai.") from None
    # A log repeats each timestamp on many lines: read each distinct value once (the same set of values,
    # so the same day/month decision), then spread the result back over the lines.
    codes, uniques = pd.factorize(values)
    distinct = read_dates(pd.Series(uniques, name=name), name=name, dayfirst=settings.dayfirst,
                          date_format=settings.date_format)
    return pd.Series(distinct.to_numpy()[codes], index=values.index, name=name)


def _numbers(values: pd.Series, name: str, flag: str, thousands: str | None = None) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        raise InputError(f"Column {name!r} ({flag}) holds True/False, not numbers; map the right column.")
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64")
    else:
        text = values.astype("string").str.strip()
        if thousands:
            text = text.str.replace(thousands, "", regex=False)
        numbers = pd.to_numeric(text, errors="coerce").astype("float64")
        bad = numbers.isna() & text.notna()
        if bad.any():
            examples = ", ".join(repr(v) for v in text[bad].unique()[:3])
            fix = (" They look like numbers with a thousands separator: add --thousands ','."
                   if text[bad].str.fullmatch(r"-?[\d.,]+").all() else
                   f" Map {flag} to a column of numbers, or clean these cells.")
            raise InputError(f"Column {name!r} ({flag}) has {int(bad.sum()):,} value(s) that are not numbers, "
                             f"such as {examples}.{fix}")
    if np.isinf(numbers).any():
        raise InputError(f"Column {name!r} ({flag}) has {int(np.isinf(numbers).sum())} infinite value(s); "
                         "fix them in the log.")
    return numbers


# --------------------------------------------------------------------------- cleaning


@dataclass
class Prepared:
    """The cleaned lines, the data-quality table, and notes the report shows."""
    lines: pd.DataFrame          # customer_id, order_id, date, amount, is_return (+ quantity, unit_price, product, …)
    quality: pd.DataFrame        # one row per reason: lines, amount, what happens to them
    notes: list
    snapshot: pd.Timestamp
    raw_lines: int


def _return_mask(frame: pd.DataFrame, settings: Settings, amount: pd.Series, order: pd.Series | None):
    mode = settings.returns or "none"
    if mode == "negative":
        return (amount < 0).to_numpy(), "a negative amount"
    if mode == "none":
        return np.zeros(len(frame), dtype=bool), "none (every line is a purchase)"
    if mode.startswith("prefix:"):
        prefix = mode.split(":", 1)[1]
        if order is None:
            raise InputError(f"--returns {mode}: return receipts marked by an order-id prefix need the order "
                             "column; name it with --order.")
        if not prefix:
            raise InputError("--returns prefix: needs the prefix, e.g. --returns prefix:C.")
        marked = order.astype("string").str.startswith(prefix).fillna(False).to_numpy()
        return marked | (amount < 0).to_numpy(), f"an order id starting with {prefix!r} (or a negative amount)"
    if mode.startswith("flag:"):
        column = mode.split(":", 1)[1]
        if column not in frame.columns:
            raise InputError(f"--returns {mode}: the log has no column {column!r}. Its columns are "
                             f"{list(frame.columns)}.")
        values = frame[column]
        if not pd.api.types.is_bool_dtype(values):
            text = values.astype("string").str.strip().str.lower()
            truth = {"true": True, "1": True, "yes": True, "y": True, "是": True, "退货": True,
                     "false": False, "0": False, "no": False, "n": False, "否": False, "": False}
            mapped = text.map(truth)
            bad = mapped.isna() & text.notna()
            if bad.any():
                raise InputError(f"--returns {mode}: column {column!r} has values that are not true/false, such "
                                 f"as {text[bad].unique()[:3].tolist()}. Use a column of True/False (or 1/0).")
            values = mapped.fillna(False).astype(bool)
        return values.to_numpy(dtype=bool), f"column {column!r} is true"
    raise InputError(f"--returns {mode!r} is not understood; use negative, prefix:C, flag:COLUMN or none.")


def prepare(raw: pd.DataFrame, settings: Settings) -> Prepared:
    """Map, type and clean the log; every dropped line is counted by reason, with its amount."""
    cols = settings.columns
    n = len(raw)
    notes: list[str] = []
    lines = pd.DataFrame(index=raw.index)
    lines["customer_id"] = _as_text(raw[cols["customer"]])
    if "order" in cols:
        lines["order_id"] = _as_text(raw[cols["order"]])
    for role in ("product", "description", "store"):
        if role in cols:
            lines[role] = _as_text(raw[cols[role]]) if role != "description" else \
                raw[cols[role]].astype("string").str.strip().astype(object)
    if "amount" in cols:
        amount = _numbers(raw[cols["amount"]], cols["amount"], "--amount", settings.thousands)
    else:
        lines["quantity"] = _numbers(raw[cols["quantity"]], cols["quantity"], "--quantity", settings.thousands)
        lines["unit_price"] = _numbers(raw[cols["unit_price"]], cols["unit_price"], "--unit-price", settings.thousands)
        amount = lines["quantity"] * lines["unit_price"]
    if "cost" in cols:
        lines["cost"] = _numbers(raw[cols["cost"]], cols["cost"], "--cost", settings.thousands)
    dates_raw = raw[cols["date"]]
    present = dates_raw.notna().to_numpy()
    dates = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    if present.any():
        dates[present] = _read_dates(dates_raw[present], cols["date"], settings).to_numpy(dtype="datetime64[ns]")
    lines["date"] = dates

    reason = np.full(n, "", dtype=object)

    def mark(mask, label):
        mask = np.asarray(mask, dtype=bool) & (reason == "")
        reason[mask] = label

    if not settings.keep_duplicates:
        hashed = pd.util.hash_pandas_object(raw, index=False)
        mark(hashed.duplicated().to_numpy(), "exact duplicate of an earlier line")
    mark(lines["date"].isna().to_numpy(), "no date")
    money_missing = amount.isna().to_numpy()
    mark(money_missing, "no amount" if "amount" in cols else "no quantity or unit price")
    if "order" in cols:
        mark(lines["order_id"].isna().to_numpy(), "no order id")
    codes = lines["product"] if "product" in lines else None
    if settings.exclude_codes:
        if codes is None:
            raise InputError("--exclude-codes needs the product column; name it with --product.")
        wanted = [str(c).strip() for c in settings.exclude_codes]
        mark(codes.isin(wanted).to_numpy(), "non-product line (--exclude-codes)")
    if settings.exclude_pattern:
        try:
            pattern = re.compile(settings.exclude_pattern)
        except re.error as exc:
            raise InputError(f"--exclude-pattern {settings.exclude_pattern!r} is not a valid regular expression "
                             f"({exc}).") from None
        hit = np.zeros(n, dtype=bool)
        for role in ("product", "description"):
            if role in lines:
                hit |= lines[role].astype("string").str.contains(pattern, na=False).to_numpy(dtype=bool)
        if "product" not in lines and "description" not in lines:
            raise InputError("--exclude-pattern needs a product or description column; name it with --product.")
        mark(hit, "non-product line (--exclude-pattern)")
    if "unit_price" in lines:
        mark((lines["unit_price"] < 0).to_numpy(), "negative unit price (an adjustment, not a sale)")
        mark((lines["unit_price"] == 0).to_numpy(), "zero unit price (free or unpriced)")

    last = lines.loc[reason == "", "date"].max()
    if settings.snapshot:
        try:
            snapshot = pd.Timestamp(settings.snapshot).normalize()
        except ValueError:
            raise InputError(f"--snapshot {settings.snapshot!r} is not a date; write it as 2025-01-01.") from None
        if snapshot.tzinfo is not None:
            snapshot = snapshot.tz_localize(None)
        mark((lines["date"] >= snapshot).to_numpy(), f"dated on or after the snapshot {snapshot.date()}")
    else:
        if pd.isna(last):
            raise InputError("No line of the log is left to analyse after cleaning; see the counts above.")
        snapshot = last.normalize() + pd.Timedelta(days=1)
        notes.append(f"Snapshot {snapshot.date()}: the day after the last line kept ({last.date()}); give "
                     "--snapshot to choose another.")

    is_return, rule = _return_mask(raw, settings, amount, lines.get("order_id"))
    flipped = is_return & (amount > 0).to_numpy() & (reason == "")
    if flipped.any():
        notes.append(f"{int(flipped.sum()):,} return line(s) had a positive amount; taken as money back "
                     "(amount made negative).")
    amount = amount.where(~(is_return & (amount > 0).to_numpy()), -amount)
    lines["amount"] = amount
    lines["is_return"] = is_return
    kept = reason == ""

    rows = []
    reasons = pd.Series(reason)
    for label in pd.unique(reasons[~kept]):
        mask = (reason == label)
        rows.append({"lines": int(mask.sum()), "amount": float(np.nansum(amount.to_numpy()[mask])),
                     "reason": label, "what happens": "dropped"})
    anonymous = kept & lines["customer_id"].isna().to_numpy()
    if anonymous.any():
        rows.append({"lines": int(anonymous.sum()), "amount": float(amount.to_numpy()[anonymous].sum()),
                     "reason": "no customer id", "what happens": "left out of customer analyses, kept for baskets"})
    returns = kept & is_return
    rows.append({"lines": int(returns.sum()), "amount": float(amount.to_numpy()[returns].sum()),
                 "reason": f"return line ({rule})", "what happens": "kept: netted from spend, not a visit"})
    rows.append({"lines": int(kept.sum()), "amount": float(amount.to_numpy()[kept].sum()),
                 "reason": "lines kept", "what happens": "analysed"})
    quality = pd.DataFrame(rows, columns=["reason", "lines", "amount", "what happens"])
    quality.loc[len(quality)] = {"reason": "lines in the log", "lines": n,
                                 "amount": float(np.nansum(amount.to_numpy())), "what happens": ""}
    quality["share_of_lines"] = quality["lines"] / n

    if codes is not None:
        seen = sorted(set(codes[kept].dropna().unique()) & set(LIKELY_NON_PRODUCT))
        if seen:
            notes.append(f"Codes that are often postage, fees or manual adjustments are still counted as products: "
                         f"{', '.join(seen)}. If they are not products, add --exclude-codes {','.join(seen)}.")
    if "product" in lines and "description" in lines:
        per_code = lines.loc[kept, ["product", "description"]].dropna().drop_duplicates()
        several = int(per_code.groupby("product").size().gt(1).sum())
        if several:
            notes.append(f"{several:,} product code(s) have more than one description; baskets use the "
                         f"{settings.item} as the item (--item code|description).")
    if settings.currency is None:
        notes.append("No --currency given: money is shown without a unit, and the kit's example thresholds "
                     "and cost rates (in yuan) are not used.")
    clean = lines[kept].copy()
    clean["date"] = clean["date"].astype("datetime64[ns]")
    return Prepared(clean.reset_index(drop=True), quality, notes, snapshot, n)


# --------------------------------------------------------------------------- analysis


def _degenerate(model) -> str:
    params = ", ".join(f"{k} = {v:.3g}" for k, v in model.params_.items())
    return (f"the BG/NBD fit is degenerate ({params}): the data cannot tell how fast customers drop out, and "
            "its predictions are not numbers. No expected purchases or CLV are given rather than wrong ones; "
            "a longer log, or one with more lapsed customers, may be needed")


class Analysis:
    """The report's sections on prepared lines; each method computes, remembers and (in a notebook) shows.

    ``show=False`` computes without displaying (the command line's ``--no-report`` path).  A
    section that cannot be computed records why in :attr:`not_computed` instead of failing.
    """

    def __init__(self, prepared: Prepared, settings: Settings, *, show: bool = True):
        self.p = prepared
        self.s = settings
        self.show = show
        self.not_computed: list[tuple[str, str]] = []
        self.model_warnings: list[str] = []
        self.rfm: pd.DataFrame | None = None
        self.profit: pd.DataFrame | None = None
        self.clv: pd.DataFrame | None = None
        self.holdout: pd.DataFrame | None = None
        self.rules: pd.DataFrame | None = None
        self.cohorts: pd.DataFrame | None = None
        members = prepared.lines["customer_id"].notna()
        self.members = prepared.lines[members]

    # -- display helpers ------------------------------------------------------------
    def _md(self, text: str) -> None:
        if self.show:
            from IPython.display import Markdown, display
            display(Markdown(text))

    def _table(self, frame: pd.DataFrame, **fmt) -> None:
        if self.show:
            from IPython.display import display
            display(frame.round(fmt.get("digits", 2)) if fmt.get("digits", 2) is not None else frame)

    def _skip(self, section: str, why: str) -> None:
        self.not_computed.append((section, why))
        self._md(f"*Not computed: {why}*")

    def _money(self, value: float) -> str:
        unit = f" {self.s.currency}" if self.s.currency else ""
        return f"{value:,.0f}{unit}"

    # -- sections -------------------------------------------------------------------
    def header(self) -> None:
        s, p = self.s, self.p
        self._md(f"# Customer report: `{Path(s.log).name}`\n\n"
                 f"{p.raw_lines:,} lines read; {len(p.lines):,} kept; snapshot **{p.snapshot.date()}**; "
                 f"money in **{s.money}**.\n\n**Column mapping** (check the guessed ones):\n\n```\n"
                 f"{mapping_text(s)}\n```")

    def quality(self) -> pd.DataFrame:
        self._md("## Data quality\n\nEvery line of the log, by what happened to it (each line is counted "
                 "under the first reason that applies; amounts are the lines' net value).")
        self._table(self.p.quality.set_index("reason"), digits=3)
        if self.p.notes:
            self._md("\n".join(f"* {note}" for note in self.p.notes))
        return self.p.quality

    def rfm_section(self) -> pd.DataFrame | None:
        from helpers import rfm

        self._md("## RFM segments and what to do with them")
        if self.members.empty:
            self._skip("RFM segments", "no line has a customer id.")
            return None
        order = "order_id" if "order_id" in self.members else None
        log = self.members.reset_index(drop=True)
        table = rfm.rfm_table(log, customer="customer_id", date="date", amount="amount", order=order,
                              snapshot=self.p.snapshot, returns=log["is_return"])
        if len(table) < 5:
            self._skip("RFM segments", f"only {len(table)} customer(s) with a purchase; quintile scores need more.")
            return None
        scored = rfm.rfm_segments(rfm.rfm_scores(table, bins=5))
        years = max((self.p.snapshot - log["date"].min()).days / 365.25, 1 / 365.25)
        if self.s.is_yuan or self.s.high_value_spend is not None:
            rules = [dict(r) for r in rfm.SUPERMARKET_TIERS]
            if self.s.high_value_spend is not None:
                rules[0]["min_monetary_per_visit"] = float(self.s.high_value_spend)
            scored["threshold_tier"] = rfm.threshold_tiers(scored, rules, years=max(years, 1e-9))["tier"]
        else:
            self.not_computed.append(("threshold tiers", "the kit's supermarket thresholds (M ≥ 500 yuan a visit) "
                                      f"are in yuan and the log's money is in {self.s.money}; give "
                                      "--high-value-spend AMOUNT (your own spend per visit) to use them."))
        negative = int((scored["monetary"] <= 0).sum())
        summary = rfm.segment_summary(scored)
        actions = pd.Series({r["segment"]: r["action"] for r in rfm.SEGMENT_RULES}, name="action")
        self._table(summary.join(actions), digits=3)
        if negative:
            self._md(f"*{negative:,} customer(s) have a net spend of zero or less (returns at least as large as "
                     "purchases); they score M = 1.*")
        if "threshold_tier" in scored:
            self._md("**Threshold tiers** (the supermarket's rules"
                     + (f", top tier at {self.s.high_value_spend:g} {self.s.money} a visit" if self.s.high_value_spend
                        is not None else ", in yuan") + "):")
            self._table(rfm.segment_summary(scored, by="threshold_tier"), digits=3)
        self.rfm = scored
        return scored

    def pyramid_section(self) -> pd.DataFrame | None:
        from helpers import pyramid

        self._md("## The customer pyramid and the whale curve")
        if self.rfm is None:
            self._skip("customer pyramid", "there is no RFM table (see above).")
            return None
        if self.s.margin is None and "cost_of_goods" not in self.members and "cost" not in self.members:
            self._skip("customer pyramid", "profit needs your gross margin (--margin 0.3) or a cost column (--cost); "
                       "the kit's example cost rates are a Chinese distributor's, in yuan, and are never applied "
                       "to your data.")
            return None
        log = self.members
        purchases = log[~log["is_return"]]
        accounts = pd.DataFrame({"revenue": self.rfm["monetary"]})
        if "cost" in log:
            accounts["cost_of_goods"] = log.groupby("customer_id")["cost"].sum().reindex(accounts.index).fillna(0)
        else:
            accounts["cost_of_goods"] = accounts["revenue"].clip(lower=0) * (1 - float(self.s.margin))
        accounts["orders"] = self.rfm["frequency"]
        if "order_id" in log:
            accounts["returns"] = log[log["is_return"]].groupby("customer_id")["order_id"].nunique() \
                .reindex(accounts.index).fillna(0)
        else:
            accounts["returns"] = log[log["is_return"]].groupby("customer_id").size().reindex(accounts.index).fillna(0)
        del purchases
        accounts.index.name = "customer_id"
        rates = {"orders": self.s.cost_per_order, "deliveries": None, "service_contacts": None,
                 "returns": self.s.cost_per_return}
        profit = pyramid.customer_profit(accounts.reset_index(), customer="customer_id", rates=rates,
                                         payment_days=None)
        tiers = pyramid.pyramid_tiers(profit["profit"])
        profit["tier"] = tiers
        summary = pyramid.tier_summary(profit["profit"], tiers, revenue=profit["revenue"])
        costs = ", ".join(f"{k.replace('_', ' ')} {v:g} {self.s.money}" for k, v in
                          (("cost per order", self.s.cost_per_order), ("cost per return", self.s.cost_per_return))
                          if v is not None) or "no cost to serve given (profit is gross profit)"
        self._md(f"Profit = net spend − cost of goods − cost to serve ({costs}).")
        self._table(summary, digits=3)
        if self.show:
            import matplotlib.pyplot as plt
            fig, axes = plt.subplots(1, 2, figsize=(12, 4))
            pyramid.plot_pyramid(summary, ax=axes[0])
            if profit["profit"].sum() > 0:
                curve = pyramid.whale_curve(profit["profit"])
                axes[1].plot(100 * curve["share_of_customers"], 100 * curve["share_of_total_profit"])
                axes[1].axhline(100, color="grey", lw=1)
                axes[1].set_xlabel("Customers, most profitable first (%)")
                axes[1].set_ylabel("Cumulative profit (% of total)")
                axes[1].set_title("Whale curve")
            fig.tight_layout()
            plt.show()
        if profit["profit"].sum() > 0:
            whale = pyramid.whale_summary(profit["profit"])
            if whale["loss_makers"]:
                self._md(f"The whale curve peaks at {whale['peak_share']:.0%} of total profit after the "
                         f"{whale['share_of_customers_at_peak']:.0%} most profitable customers; the "
                         f"{whale['loss_makers']:,} loss-making customers cost "
                         f"{self._money(whale['loss_of_loss_makers'])}.")
            else:
                self._md("No customer loses money at these costs, so the whale curve has no hump: add your cost to "
                         "serve (--cost-per-order, --cost-per-return) to see what small customers cost.")
        self.profit = profit
        return profit

    def cohort_section(self) -> pd.DataFrame | None:
        from helpers import clv

        self._md("## Cohort retention (by month of first purchase in the log)")
        purchases = self.members[~self.members["is_return"]]
        if purchases.empty:
            self._skip("cohort retention", "no purchase line has a customer id.")
            return None
        months = purchases["date"].dt.to_period("M")
        if months.nunique() < 3:
            self._skip("cohort retention", "the log covers fewer than three months.")
            return None
        table = clv.cohort_retention(purchases, customer="customer_id", date="date", period="M")
        self._md("**Careful with the first months:** a customer's cohort is the month they are *first seen in this "
                 "log*, not the month they became a customer. Customers who bought before the log starts all land "
                 f"in the first cohorts ({table.index[0]} and just after), which therefore look large and loyal; "
                 "read retention from the later cohorts.")
        sizes = clv.cohort_retention(purchases, customer="customer_id", date="date", period="M", counts=True)[0]
        shown = (100 * table).round(0).astype("Int64").astype("string").fillna("")
        shown.insert(0, "customers", sizes.astype("int64"))
        self._md("Share of each cohort (%) buying again 1, 2, … months after its first month; blank cells lie "
                 "after the end of the log.")
        self._table(shown, digits=None)
        self.cohorts = table
        return table

    def _summary(self, purchases: pd.DataFrame, end: pd.Timestamp):
        from helpers import clv
        with contextlib.redirect_stdout(io.StringIO()):
            return clv.summary_from_transactions(purchases, customer="customer_id", date="date", amount="amount",
                                                 end=end, unit="W")

    def clv_section(self) -> pd.DataFrame | None:
        from helpers import clv

        self._md("## Customer lifetime value: BG/NBD and Gamma-Gamma")
        purchases = self.members[~self.members["is_return"] & (self.members["amount"] > 0)]
        if purchases.empty:
            self._skip("CLV", "no purchase with a customer id.")
            return None
        end = self.p.snapshot - pd.Timedelta(days=1)
        start = purchases["date"].min().normalize()
        weeks = (end - start).days / 7
        holdout = self.s.holdout_weeks or int(max(4, min(26, weeks // 3)))
        if weeks < 3 * holdout / 2 or weeks < 12:
            self._skip("CLV", f"the log covers {weeks:.0f} weeks; the model and its holdout check need at least 12 "
                       f"(and {holdout} weeks for the holdout).")
            return None
        self._md(f"The model counts purchase days (several receipts on one day are one purchase); returns are not "
                 f"purchases. **Holdout check:** fit on the log up to {end - pd.Timedelta(weeks=holdout):%Y-%m-%d}, "
                 f"predict each customer's purchases in the last {holdout} weeks, compare with what they did.")
        calibration_end = end - pd.Timedelta(weeks=holdout)
        try:
            calibration = self._summary(purchases[purchases["date"] <= calibration_end + pd.Timedelta(days=1)
                                                  - pd.Timedelta(microseconds=1)], calibration_end)
            later = purchases[purchases["date"] > calibration_end + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)]
            actual = later.assign(day=later["date"].dt.normalize()).groupby("customer_id")["day"].nunique()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                check = clv.BetaGeo().fit(calibration["frequency"], calibration["recency"], calibration["T"])
            for text in sorted({str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)}):
                self.model_warnings.append(f"holdout fit: {text}")
                self._md(f"*Holdout fit warning: {text}*")
            with np.errstate(all="ignore"):
                predicted = check.expected_purchases(holdout, calibration["frequency"], calibration["recency"],
                                                     calibration["T"])
            if not np.isfinite(predicted).all():
                raise ValueError(_degenerate(check))
            table = pd.DataFrame({"frequency": calibration["frequency"].clip(upper=7),
                                  "actual": actual.reindex(calibration.index).fillna(0).to_numpy(),
                                  "predicted": predicted})
            by = table.groupby("frequency").agg(customers=("actual", "size"), actual=("actual", "mean"),
                                                predicted=("predicted", "mean"))
            by.index = [str(i) if i < 7 else "7+" for i in by.index]
            by.index.name = "repeat purchases in calibration"
            total_a, total_p = table["actual"].sum(), table["predicted"].sum()
            self.holdout = by
            self._md(f"Holdout: {total_p:,.0f} purchases predicted for the calibration customers, {total_a:,.0f} "
                     f"made ({(total_p - total_a) / total_a:+.0%}). Mean purchases per customer in the holdout, "
                     "by repeat purchases before it:")
            self._table(by, digits=2)
        except (ValueError, TypeError, RuntimeError) as exc:
            self.not_computed.append(("CLV holdout check", str(exc)))
            self._md(f"*Holdout check not computed: {exc}*")
        try:
            summary = self._summary(purchases, end)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                bg = clv.BetaGeo().fit(summary["frequency"], summary["recency"], summary["T"])
                with contextlib.redirect_stdout(io.StringIO()):
                    gg = clv.GammaGamma().fit(summary["frequency"], summary["monetary"])
            fit_warnings = sorted({str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)})
            if fit_warnings:
                self.model_warnings.extend(fit_warnings)
                self._md("**The fitters warn** (read the CLV figures below with this in mind):\n\n"
                         + "\n".join(f"* {text}" for text in fit_warnings))
            horizon = int(self.s.horizon_weeks)
            with np.errstate(all="ignore"):
                expected = bg.expected_purchases(horizon, summary["frequency"], summary["recency"], summary["T"])
                value = clv.customer_value(bg, gg, summary["frequency"], summary["recency"], summary["T"],
                                           summary["monetary"], margin=1.0, horizon=horizon,
                                           discount=self.s.discount)
            if not (np.isfinite(expected).all() and np.isfinite(value).all()):
                raise ValueError(_degenerate(bg))
        except (ValueError, TypeError, RuntimeError) as exc:
            self._skip("CLV", f"the model could not be fitted: {exc}")
            return None
        out = pd.DataFrame({"expected_purchases": expected, "expected_revenue": value}, index=summary.index)
        out["prob_alive"] = bg.prob_alive(summary["frequency"], summary["recency"], summary["T"])
        if self.s.margin is not None:
            out["clv"] = out["expected_revenue"] * float(self.s.margin)
        params = ", ".join(f"{k} = {v:.3g}" for k, v in {**bg.params_, **gg.params_}.items())
        self._md(f"Fitted on {len(summary):,} customers ({params}). Over the next {horizon} weeks, discounted at "
                 f"{self.s.discount:.0%} a year, they are expected to make {expected.sum():,.0f} purchases worth "
                 f"{self._money(value.sum())}"
                 + (f", a margin of {self._money(out['clv'].sum())} at your {self.s.margin:.0%} margin."
                    if self.s.margin is not None else
                    ". Give --margin to turn expected revenue into CLV (a margin)."))
        self.clv = out
        return out

    def basket_section(self) -> pd.DataFrame | None:
        from helpers import basket

        self._md("## Products bought together (basket rules)")
        lines = self.p.lines
        item = "description" if self.s.item == "description" and "description" in lines else "product"
        if item not in lines or "order_id" not in lines:
            missing = "a product column (--product)" if item not in lines else "an order column (--order)"
            self._skip("basket rules", f"baskets need {missing}.")
            return None
        purchases = lines[~lines["is_return"]]
        n_baskets = purchases["order_id"].nunique()
        if n_baskets < 20:
            self._skip("basket rules", f"only {n_baskets} baskets.")
            return None
        kind = ("product **description**" if item == "description" else "product **code**"
                if "description" in lines else "product")
        self._md(f"A basket is one order; the item is the {kind} (column `{self.s.columns.get(item)}`); returns are "
                 "left out, anonymous orders kept. Rules need "
                 f"support ≥ {self.s.min_support:.1%} of the {n_baskets:,} baskets.")
        # Items below the support threshold cannot be in a frequent itemset: one shared placeholder item
        # keeps every basket (so shares are of all baskets) while the table stays small.
        counts = purchases.drop_duplicates(["order_id", item]).groupby(item).size()
        frequent = counts.index[counts >= self.s.min_support * n_baskets]
        slim = purchases[["order_id", item]].copy()
        slim[item] = slim[item].astype(object).where(slim[item].isin(frequent), "\x00other")
        with contextlib.redirect_stdout(io.StringIO()):
            table = basket.basket_matrix(slim.dropna(), order="order_id", item=item, quantity=None)
        try:
            rules = basket.association_rules(table, min_support=self.s.min_support, min_confidence=0.3,
                                             max_len=3)
        except ValueError as exc:
            self._skip("basket rules", str(exc))
            return None
        rules = rules[~rules["antecedent"].str.contains("\x00") & ~rules["consequent"].str.contains("\x00")]
        rules = rules.reset_index(drop=True)
        if rules.empty:
            self._skip("basket rules", f"no rule reaches support {self.s.min_support:.1%} and confidence 30%; "
                       "lower --min-support.")
            return None
        self._md(f"{len(rules):,} rules with confidence ≥ 30%; the 15 with the highest lift:")
        self._table(rules.head(15)[["antecedent", "consequent", "support", "confidence", "lift"]], digits=3)
        self.rules = rules
        return rules

    def customers(self) -> pd.DataFrame:
        """One row per customer: R, F, M, scores, segment, tier, expected purchases, CLV."""
        if self.rfm is None:
            raise InputError("There is no RFM table, so no customer file: no customer has a purchase before the "
                             "snapshot.")
        out = self.rfm[["recency_days", "frequency", "monetary", "R", "F", "M", "rfm_code", "segment"]].copy()
        out["tier"] = self.profit["tier"].astype(object).reindex(out.index) if self.profit is not None else np.nan
        if self.profit is not None:
            out["profit"] = self.profit["profit"].reindex(out.index)
        if "threshold_tier" in self.rfm:
            out["threshold_tier"] = self.rfm["threshold_tier"]
        if self.clv is not None:
            joined = self.clv.reindex(out.index)
            out["expected_purchases"] = joined["expected_purchases"]
            out["prob_alive"] = joined["prob_alive"]
            out["expected_revenue"] = joined["expected_revenue"]
            out["clv"] = joined["clv"] if "clv" in joined else np.nan
        else:
            for column in ("expected_purchases", "prob_alive", "expected_revenue", "clv"):
                out[column] = np.nan
        out["segment"] = out["segment"].astype(str)
        out.index.name = "customer_id"
        return out

    def footer(self, path, rows: int) -> None:
        self._md(f"## The customer file\n\n`{Path(path).name}`: {rows:,} customers, one row each, with R, F, M "
                 "(recency in days, purchase visits, net spend), the scores and `rfm_code`, the segment, the pyramid "
                 "tier (when a margin or cost was given), expected purchases and revenue over the CLV horizon, "
                 "P(alive) and CLV (with a margin).")

    def limits(self) -> None:
        self._md("## What could not be computed, and why")
        if self.not_computed:
            self._md("\n".join(f"* **{section}**: {why}" for section, why in self.not_computed))
        else:
            self._md("Every section was computed.")

    def run_all(self) -> pd.DataFrame:
        self.header()
        self.quality()
        self.rfm_section()
        self.pyramid_section()
        self.cohort_section()
        self.clv_section()
        self.basket_section()
        self.limits()
        return self.customers()


#: Decimals kept in the customer file: money to the cent, model outputs to what they can tell.
_DECIMALS = {"monetary": 2, "profit": 2, "expected_revenue": 2, "clv": 2, "expected_purchases": 3, "prob_alive": 4}


def write_customers(table: pd.DataFrame, path) -> Path:
    """The customer file (.csv or .xlsx), one row per customer, ids as text."""
    path = Path(path)
    table = table.round({k: v for k, v in _DECIMALS.items() if k in table})
    if path.suffix.lower() == ".xlsx":
        table.reset_index().to_excel(path, index=False)
    else:
        table.reset_index().to_csv(path, index=False)
    return path


def load_run(settings: dict, lines_path: str, quality_path: str) -> tuple[Prepared, Settings]:
    """What the template notebook reads: the cleaned lines and the quality table the command wrote."""
    s = Settings.from_dict(settings)
    lines = pd.read_parquet(lines_path)
    meta = json.loads(Path(quality_path).read_text(encoding="utf-8"))
    quality = pd.DataFrame(meta["quality"])
    return Prepared(lines, quality, meta["notes"], pd.Timestamp(meta["snapshot"]), meta["raw_lines"]), s


# --------------------------------------------------------------------------- the command


class _Progress:
    """Steps on stderr with their time (never in the report)."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.start = time.perf_counter()

    def say(self, text: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.1f} s] {text}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-kit report", description="Turn a transaction log into the kit's "
                                     "analyses: an HTML report, its notebook and a customer file.")
    parser.add_argument("log", help="the transaction log: .csv, .xlsx or .parquet")
    parser.add_argument("--out", help="output folder (default: <log>_report next to the log)")
    parser.add_argument("--mapping", help="a TOML or JSON file with role = column lines (and options)")
    group = parser.add_argument_group("columns (guessed from their names when not given)")
    for role in ROLES:
        group.add_argument(f"--{role.replace('_', '-')}", dest=role, metavar="COLUMN")
    clean = parser.add_argument_group("cleaning")
    clean.add_argument("--returns", help="how returns are marked: negative (default), prefix:C, flag:COLUMN, none")
    clean.add_argument("--exclude-codes", help="product codes that are not products, e.g. POST,DOT,M,AMAZONFEE")
    clean.add_argument("--exclude-pattern", help="regular expression on product code or description to exclude")
    clean.add_argument("--keep-duplicates", action="store_true", default=None,
                       help="keep exact duplicate lines (default: drop)")
    clean.add_argument("--item", choices=["code", "description"], help="basket item (default: code)")
    clean.add_argument("--dayfirst", action="store_true", default=None, help="dates are day-first (31/12/2024)")
    clean.add_argument("--date-format", help="explicit date format, e.g. %%d.%%m.%%Y")
    clean.add_argument("--timezone", help="time zone that time-zone-aware dates are converted to (default UTC)")
    clean.add_argument("--snapshot", help="analysis date (default: the day after the last line)")
    clean.add_argument("--sheet", help="Excel sheet name (default: the first)")
    clean.add_argument("--thousands", help="thousands separator in numbers, e.g. ','")
    money = parser.add_argument_group("money (your own values; the kit's yuan figures are never used otherwise)")
    money.add_argument("--currency", help="currency label, e.g. GBP, CNY")
    money.add_argument("--margin", type=float, help="gross margin as a share, e.g. 0.3 (pyramid, CLV)")
    money.add_argument("--cost-per-order", type=float, help="cost to serve one order, in your currency")
    money.add_argument("--cost-per-return", type=float, help="cost of one return, in your currency")
    money.add_argument("--high-value-spend", type=float,
                       help="spend per visit of the top threshold tier, in your currency")
    model = parser.add_argument_group("models")
    model.add_argument("--holdout-weeks", type=int, help="weeks held out to check the CLV model")
    model.add_argument("--horizon-weeks", type=int, help="CLV horizon in weeks (default 52)")
    model.add_argument("--discount", type=float, help="yearly discount rate for CLV (default 0.10)")
    model.add_argument("--min-support", type=float, help="minimum support of basket rules (default 0.02)")
    out = parser.add_argument_group("output")
    out.add_argument("--customers-format", choices=["csv", "xlsx"], default="csv")
    out.add_argument("--no-report", action="store_true", help="only the customer file (no notebook, no HTML)")
    out.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


_OPTIONS = ("returns", "exclude_codes", "exclude_pattern", "keep_duplicates", "item", "dayfirst", "date_format",
            "timezone", "snapshot", "sheet", "thousands", "currency", "margin", "cost_per_order", "cost_per_return",
            "high_value_spend", "holdout_weeks", "horizon_weeks", "discount", "min_support")


def settings_from_args(args: argparse.Namespace, columns) -> Settings:
    given = {role: getattr(args, role) for role in ROLES if getattr(args, role)}
    options: dict = {}
    if args.mapping:
        from_file = read_mapping_file(args.mapping)
        given = {**from_file["columns"], **given}
        unknown = sorted(set(from_file["options"]) - set(_OPTIONS))
        if unknown:
            raise InputError(f"--mapping {Path(args.mapping).name}: unknown option(s) {unknown}; options are "
                             f"{list(_OPTIONS)}.")
        options.update(from_file["options"])
    for name in _OPTIONS:
        value = getattr(args, name)
        if value is not None:
            options[name] = value
    if isinstance(options.get("exclude_codes"), str):
        options["exclude_codes"] = [c.strip() for c in options["exclude_codes"].split(",") if c.strip()]
    margin = options.get("margin")
    if margin is not None and not 0 < margin < 1:
        hint = f" Did you mean {margin / 100:g}?" if 1 < margin < 100 else ""
        raise InputError(f"--margin {margin:g}: give the gross margin as a share between 0 and 1.{hint}")
    support = options.get("min_support")
    if support is not None and not 0 < support <= 1:
        raise InputError(f"--min-support {support:g}: a share of baskets between 0 and 1 (0.02 = 2%).")
    mapping, guessed = resolve_columns(columns, given)
    return Settings(log=str(args.log), columns=mapping, guessed=guessed, **options)


def build_report(prepared: Prepared, settings: Settings, out: Path, progress: _Progress,
                 customers_name: str = "customers.csv") -> None:
    """Execute the template notebook with papermill and convert it to self-contained HTML."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    lines_path = out / "lines.parquet"
    quality_path = out / "quality.json"
    prepared.lines.to_parquet(lines_path, index=False)
    quality_path.write_text(json.dumps({"quality": prepared.quality.to_dict("records"), "notes": prepared.notes,
                                        "snapshot": str(prepared.snapshot), "raw_lines": prepared.raw_lines},
                                       ensure_ascii=False), encoding="utf-8")
    progress.say("running the report notebook (papermill)")
    notebook = out / "report.ipynb"
    papermill.execute_notebook(str(TEMPLATE), str(notebook), kernel_name="python3", progress_bar=True,
                               parameters={"settings": settings.to_dict(), "lines_path": lines_path.name,
                                           "quality_path": quality_path.name, "customers_path": customers_name},
                               cwd=str(out))
    progress.say("converting to HTML (nbconvert)")
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"template-only"}), enabled=True)
    executed = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(executed, resources={"metadata": {"name": f"Customer report: "
                                                                                    f"{Path(settings.log).name}"}})
    (out / "report.html").write_text(self_contained(body), encoding="utf-8")


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REMOTE = re.compile(r"""(src|href)\s*=\s*["']\s*(https?:|//|["'])""", re.IGNORECASE)


def self_contained(html: str) -> str:
    """Drop every script or stylesheet link the page would fetch from the internet (MathJax, require.js,
    mermaid …), and empty ``src=""`` scripts; the figures are already embedded as data URIs."""
    def script(match: re.Match) -> str:
        attributes, body = match.group(1), match.group(2)
        if _REMOTE.search(attributes) or re.search(r"https?://", body) or "MathJax" in body:
            return ""
        return match.group(0)

    html = _SCRIPT.sub(script, html)
    return _LINK.sub(lambda m: "" if _REMOTE.search(m.group(0)) else m.group(0), html)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    progress = _Progress(args.quiet)
    try:
        path = Path(args.log)
        progress.say(f"reading {path.name}")
        raw = read_log(path, sheet=args.sheet)
        settings = settings_from_args(args, raw.columns)
        print(f"Column mapping for {path.name}:\n{mapping_text(settings)}", file=sys.stderr)
        progress.say(f"read {len(raw):,} lines; cleaning")
        prepared = prepare(raw, settings)
        del raw
        out = Path(args.out) if args.out else path.with_name(path.stem + "_report")
        out.mkdir(parents=True, exist_ok=True)
        customers_path = out / f"customers.{args.customers_format}"
        progress.say(f"kept {len(prepared.lines):,} lines; analysing")
        if args.no_report:
            analysis = Analysis(prepared, settings, show=False)
            with contextlib.redirect_stdout(sys.stderr):
                table = analysis.run_all()
            write_customers(table, customers_path)
        else:
            build_report(prepared, settings, out, progress, customers_path.name)
        progress.say(f"done: {out}")
        for name in ("report.html", "report.ipynb", customers_path.name):
            if (out / name).exists():
                print(out / name)
    except InputError as exc:
        print(f"crm-kit report: {exc}", file=sys.stderr)
        return 2
    return 0


def cli(argv=None) -> int:
    """The ``crm-kit`` console script: ``crm-kit report LOG [options]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: crm-kit report LOG [options]   (crm-kit report --help for the options)")
        return 0 if argv else 2
    if argv[0] != "report":
        print(f"crm-kit: unknown command {argv[0]!r}; the command is `crm-kit report LOG`.", file=sys.stderr)
        return 2
    return main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
