"""A look-alike of a public online retailer's transaction log, for testing ``crm-kit report``.

The real file (about 540,000 invoice lines of a UK gift wholesaler, December 2010 to December
2011) is not shipped with the kit; this generator writes a log with the same columns and the
same kinds of mess, so the report command can be tried and timed on a file of that size:

* columns ``InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
  Country``; dates written month-first without leading zeros (``12/1/2010 8:26``);
* cancellations: invoices whose number starts with ``C``, lines with negative quantities,
  copied from an earlier invoice of the same customer;
* missing customer ids (about a quarter of the lines, on anonymous invoices);
* zero prices; postage, fee and manual lines (``POST``, ``DOT``, ``M``, ``AMAZONFEE``,
  ``BANK CHARGES``); several descriptions for some stock codes; exact duplicate lines;
* 38 countries, most customers in the United Kingdom.

Customers buy as in the BG/NBD story (a Poisson rate while alive, a chance of dropping out
after each purchase), and 60% of them were already customers before the log starts, so the
first month holds many "first seen" customers who are not new.

    python tools/retail_log.py out.csv                 # about 541,900 lines
    python tools/retail_log.py out.csv --lines 20000   # a small one

Everything is drawn from ``numpy.random.default_rng(seed)`` in a fixed order, so a seed gives
the same file on every machine.  ``COUNTS`` lists how many lines of each kind a call made.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

FULL_LINES = 541_909
START = pd.Timestamp("2010-12-01 08:00")
DAYS = 374                                   # 2010-12-01 … 2011-12-09
COUNTRIES = (["United Kingdom"] + [
    "Germany", "France", "EIRE", "Spain", "Netherlands", "Belgium", "Switzerland", "Portugal", "Australia",
    "Norway", "Italy", "Channel Islands", "Finland", "Cyprus", "Sweden", "Austria", "Denmark", "Japan",
    "Poland", "Israel", "USA", "Hong Kong", "Singapore", "Iceland", "Canada", "Greece", "Malta",
    "United Arab Emirates", "European Community", "RSA", "Lebanon", "Lithuania", "Brazil",
    "Czech Republic", "Bahrain", "Saudi Arabia", "Unspecified"])
#: Non-product codes and what they are (the real file has these and a few more).
NON_PRODUCT = {"POST": "POSTAGE", "DOT": "DOTCOM POSTAGE", "M": "Manual", "AMAZONFEE": "AMAZON FEE",
               "BANK CHARGES": "Bank Charges"}
WORDS = ("WHITE", "RED", "HEART", "VINTAGE", "CHRISTMAS", "LANTERN", "JUMBO", "BAG", "CAKE", "STAND",
         "REGENCY", "TEACUP", "SET", "OF", "3", "6", "PARTY", "BUNTING", "GLASS", "HOLDER", "METAL", "SIGN",
         "PINK", "BLUE", "RETROSPOT", "LUNCH", "BOX", "DOORMAT", "CANDLE", "WOODEN", "FRAME", "HANGING")


def generate(lines: int = FULL_LINES, seed: int = 2011) -> pd.DataFrame:
    """A log of about ``lines`` lines (within a few per cent), sorted by date and invoice."""
    rng = np.random.default_rng(seed)
    scale = lines / FULL_LINES
    n_customers = max(30, int(round(4_372 * scale ** 0.5)))
    n_products = max(40, int(round(3_900 * min(1.0, scale ** 0.5))))

    # products: codes such as 85123A, popularity Zipf-like, prices lognormal (pounds)
    numbers = rng.choice(np.arange(10_000, 90_000), size=n_products, replace=False)
    suffix = np.where(rng.random(n_products) < 0.2, rng.choice(list("ABCDE"), size=n_products), "")
    codes = np.array([f"{n}{s}" for n, s in zip(numbers, suffix)], dtype=object)
    names = np.array([" ".join(rng.choice(WORDS, size=3)) for _ in range(n_products)], dtype=object)
    alt_names = np.array([n + " " + rng.choice(WORDS) for n in names], dtype=object)
    popularity = 1.0 / np.arange(1, n_products + 1) ** 0.4
    popularity /= popularity.sum()
    prices = np.round(np.exp(rng.normal(0.9, 0.8, n_products)), 2) + 0.05

    # customers: ids 12346 …, a country, BG/NBD-style buying
    ids = np.arange(12_346, 12_346 + n_customers)
    country = np.where(rng.random(n_customers) < 0.9, 0, rng.integers(1, len(COUNTRIES), n_customers))
    rate = rng.gamma(0.9, 1 / 25.0, n_customers)            # purchases a day while alive
    drop = rng.beta(1.0, 5.0, n_customers)
    existing = rng.random(n_customers) < 0.6
    first = np.where(existing, rng.exponential(6, n_customers), rng.uniform(0, DAYS, n_customers))

    invoice_customer, invoice_day = [], []
    for c in range(n_customers):
        day = first[c]
        while day < DAYS:
            invoice_customer.append(c)
            invoice_day.append(day)
            if rng.random() < drop[c]:
                break
            day += rng.exponential(1 / max(rate[c], 1e-3))
    invoice_customer = np.array(invoice_customer)
    invoice_day = np.array(invoice_day)
    # anonymous invoices carry a quarter of the lines, in large baskets
    n_known = len(invoice_customer)
    n_anonymous = max(3, int(round(n_known * 0.08)))
    invoice_customer = np.concatenate([invoice_customer, np.full(n_anonymous, -1)])
    invoice_day = np.concatenate([invoice_day, rng.uniform(0, DAYS, n_anonymous)])
    n_invoices = len(invoice_customer)
    # lines per invoice, scaled so the purchase lines come near the target
    size = np.exp(rng.normal(0.0, 0.6, n_customers))        # each customer's usual order size
    weights = np.where(invoice_customer >= 0, size[np.maximum(invoice_customer, 0)], 3.9) \
        * rng.gamma(3.0, 1 / 3.0, n_invoices)
    purchase_target = lines * 0.985         # a few are repeats of a product on one invoice, merged below
    per_invoice = np.maximum(1, np.round(weights / weights.sum() * purchase_target)).astype(int)

    inv_index = np.repeat(np.arange(n_invoices), per_invoice)
    product = rng.choice(n_products, size=len(inv_index), p=popularity)
    quantity = np.where(rng.random(len(inv_index)) < 0.25, rng.choice([12, 24, 6, 48], len(inv_index)),
                        1 + rng.poisson(2.0, len(inv_index)))
    price = prices[product].copy()
    description = np.where(rng.random(len(inv_index)) < 0.03, alt_names[product], names[product])
    line_code = codes[product]
    # zero prices (mostly on anonymous invoices) and non-product lines
    zero = rng.random(len(inv_index)) < 0.0046
    price[zero] = 0.0
    is_fee = np.zeros(len(inv_index), dtype=bool)
    fee_kind = rng.choice(list(NON_PRODUCT), size=len(inv_index), p=[0.55, 0.25, 0.17, 0.01, 0.02])
    fee = rng.random(len(inv_index)) < 0.0055
    line_code = np.where(fee, fee_kind, line_code)
    description = np.where(fee, pd.Series(fee_kind).map(NON_PRODUCT).to_numpy(), description)
    fee_price = np.where(fee_kind == "POST", 18.0, np.where(fee_kind == "DOT", np.round(rng.uniform(20, 900), 2),
                         np.round(rng.uniform(1, 300, len(inv_index)), 2)))
    price = np.where(fee, fee_price, price)
    quantity = np.where(fee, 1, quantity)
    is_fee |= fee

    numbers = 536_365 + np.argsort(np.argsort(invoice_day, kind="stable"), kind="stable")
    frame = pd.DataFrame({
        "InvoiceNo": numbers[inv_index].astype(str),
        "StockCode": line_code, "Description": description, "Quantity": quantity,
        "day": invoice_day[inv_index], "UnitPrice": np.round(price, 2),
        "customer": invoice_customer[inv_index],
    })

    # one line per product and invoice (a product drawn twice for one invoice is one line)
    frame = frame.drop_duplicates(["InvoiceNo", "StockCode"]).reset_index(drop=True)
    # cancellations: about 1.7% of lines, copied from a known customer's earlier line, a C invoice each
    known = np.flatnonzero(frame["customer"].to_numpy() >= 0)
    n_cancel = int(round(lines * 0.0171))
    picked = np.sort(rng.choice(known, size=min(n_cancel, len(known)), replace=False))
    cancel = frame.iloc[picked].copy()
    cancel["Quantity"] = -np.minimum(cancel["Quantity"].to_numpy(), 1 + rng.poisson(2, len(cancel)))
    cancel["day"] = np.minimum(cancel["day"].to_numpy() + rng.uniform(0, 10, len(cancel)), DAYS - 0.01)
    cancel["InvoiceNo"] = "C" + (cancel["InvoiceNo"].astype(int) + 600_000).astype(str)
    # exact duplicates: about 1% of lines written twice
    duplicates = frame.iloc[np.sort(rng.choice(len(frame), size=int(round(lines * 0.0097)), replace=False))]
    frame = pd.concat([frame, cancel, duplicates], ignore_index=True)

    hours = 8 + np.floor(frame["day"].to_numpy() % 1 * 11 * 60) / 60
    stamp = START.normalize() + pd.to_timedelta(np.floor(frame["day"].to_numpy()), unit="D") \
        + pd.to_timedelta(np.round(hours * 60), unit="min")
    frame["InvoiceDate"] = stamp
    customer = frame["customer"].to_numpy()
    frame["CustomerID"] = pd.array(np.where(customer >= 0, ids[np.maximum(customer, 0)], 0), dtype="Int64")
    frame.loc[customer < 0, "CustomerID"] = pd.NA
    frame["Country"] = np.where(customer >= 0, np.array(COUNTRIES, dtype=object)[country[np.maximum(customer, 0)]],
                                "United Kingdom")
    frame = frame.sort_values(["InvoiceDate", "InvoiceNo"], kind="mergesort").reset_index(drop=True)
    COUNTS.clear()
    COUNTS.update({"lines": len(frame), "cancellation_lines": len(cancel), "duplicate_lines": len(duplicates),
                   "anonymous_lines": int(frame["CustomerID"].isna().sum()),
                   "zero_price_lines": int((frame["UnitPrice"] == 0).sum()),
                   "non_product_lines": int(frame["StockCode"].isin(list(NON_PRODUCT)).sum()),
                   "customers": int(frame["CustomerID"].nunique())})
    return frame[["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                  "CustomerID", "Country"]]


#: Counts of the last :func:`generate` call: lines, cancellation lines, duplicates, …
COUNTS: dict[str, int] = {}


def write_csv(frame: pd.DataFrame, path: Path, *, dayfirst: bool = False) -> None:
    """Write like the retailer's export: month-first dates without leading zeros (day-first on request)."""
    stamp = frame["InvoiceDate"]
    month, day = stamp.dt.month.astype(str), stamp.dt.day.astype(str)
    first, second = (day, month) if dayfirst else (month, day)
    text = first + "/" + second + "/" + stamp.dt.year.astype(str) + " " + stamp.dt.hour.astype(str) + ":" \
        + stamp.dt.minute.astype(str).str.zfill(2)
    frame.assign(InvoiceDate=text).to_csv(path, index=False)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=FULL_LINES)
    parser.add_argument("--seed", type=int, default=2011)
    args = parser.parse_args(argv)
    frame = generate(args.lines, args.seed)
    write_csv(frame, args.out)
    print(", ".join(f"{k} {v:,}" for k, v in COUNTS.items()))


if __name__ == "__main__":
    main()
