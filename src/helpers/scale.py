"""Till logs of any size, written as partitioned Parquet without ever holding them in memory.

:func:`write_till_log` writes an N-line log in the shape of FreshMart's (``datasets/supermarket``:
``order_id``, ``customer_id``, ``store_id``, ``timestamp``, ``product``, ``category``,
``quantity``, ``unit_price``) into a folder of Parquet files, one folder per month
(``month=2024-01/part-00000.parquet``, the ``key=value`` layout that DuckDB and Spark read
as a column), one file per month.  It works in chunks of ``CHUNK_LINES`` lines: each chunk
is drawn and split by month; a month's lines are written as one row group of its file once
``ROW_GROUP_LINES`` of them are gathered, and forgotten, so memory stays flat whether N is
one million or a billion.

How a chunk is drawn (all from ``np.random.default_rng([seed, chunk number])``, in a fixed
order, so the same call writes the same bytes):

* receipts of 1 + Poisson(3) lines; a receipt is anonymous (no ``customer_id``) with
  probability ``P_ANONYMOUS``, else it belongs to one of ``customers`` members, drawn with
  Pareto weights: a few members shop very often (the skew a cluster has to live with);
* a day of 2024 weighted towards weekends and a time between 07:00 and 22:00; a store, the
  member's home store 90% of the time; products by popularity from the supermarket's
  catalogue, the list price, 15% of the time 20% off;
* mess, in the supermarket's kinds: ``P_RETURN`` of the member lines come back 1–14 days later
  (at most to 31 December) on a receipt of their own starting with "R" (quantity negative), ``P_DUPLICATE`` of the lines are written
  twice (exact copies).

The chunk's lines are exactly ``CHUNK_LINES`` (the last chunk: what remains), so ``n_lines``
is the number of rows written.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from helpers.simulate.supermarket import PRODUCTS

from helpers import InputError

__all__ = ["CHUNK_LINES", "ROW_GROUP_LINES", "P_ANONYMOUS", "P_RETURN", "P_DUPLICATE", "write_till_log", "Progress"]

CHUNK_LINES = 1_000_000
#: Lines of one month gathered before they are written as one row group of that month's file.
#: A few large files read much faster than many small ones (measured on the 100M-line log:
#: DuckDB's RFM 11-12 s over 1,200 files of 83,000 lines, about 9 s over 12 files); the
#: buffers hold at most 12 x ROW_GROUP_LINES lines, so memory stays flat.
ROW_GROUP_LINES = 500_000
P_ANONYMOUS = 0.08
P_RETURN = 0.01
P_DUPLICATE = 0.001
YEAR_START = np.datetime64("2024-01-01T00:00:00", "s")
DAYS = 366
_STORES = 100
_DAY_WEIGHT = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.6, 1.5])   # Monday … Sunday


class Progress:
    """A progress line for a long step that leaves no noise in a saved notebook.

    In a notebook it is one display, updated in place while the work runs ("title — ██████····
    60%"), that returns to the plain ``title`` when the work is done: the saved notebook holds
    the same text on every run, and a re-run compares equal.  In a terminal it redraws one
    line on standard error; ``enabled=False`` shows nothing.
    """

    def __init__(self, total: int, title: str, enabled: bool = True):
        self.total, self.title, self.enabled, self.done = total, title, enabled, 0
        self._handle = None
        self._notebook = enabled and _in_notebook()
        if self._notebook:
            from IPython.display import Pretty, display
            self._handle = display(Pretty(self.title), display_id=True)

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(round(20 * share))
        return f"{self.title} — {'█' * filled}{'·' * (20 - filled)} {share:4.0%}"

    def update(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        if not self.enabled:
            return
        if self._notebook:
            from IPython.display import Pretty
            self._handle.update(Pretty(self.line()))
        else:
            sys.stderr.write("\r" + self.line())
            sys.stderr.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self._notebook:
            from IPython.display import Pretty
            self._handle.update(Pretty(self.title))
        else:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def _whole(value, name: str, low: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise InputError(f"{name}={value!r} must be a whole number such as 1_000_000.")
    if value < low:
        raise InputError(f"{name}={value:,} is too small; give at least {low:,}.")
    return int(value)


def _catalogue():
    names = np.array(list(PRODUCTS), dtype=object)
    categories = np.array([PRODUCTS[n][0] for n in names], dtype=object)
    prices = np.array([PRODUCTS[n][1] for n in names], dtype=np.float64)
    weights = np.array([PRODUCTS[n][2] for n in names], dtype=np.float64)
    return names, categories, prices, weights / weights.sum()


def _chunk(rng, n_lines: int, first_receipt: int, first_return: int, member_p: np.ndarray, home: np.ndarray, catalogue):
    names, categories, prices, popularity = catalogue
    n_return = int(round(P_RETURN * n_lines))
    n_dup = int(round(P_DUPLICATE * n_lines))
    n_base = n_lines - n_return - n_dup
    sizes = 1 + rng.poisson(3.0, size=n_base // 2 + 2)
    ends = np.cumsum(sizes)
    n_receipts = int(np.searchsorted(ends, n_base)) + 1
    sizes = sizes[:n_receipts].copy()
    sizes[-1] -= ends[n_receipts - 1] - n_base                    # the last receipt is cut to fit
    receipt_customer = rng.choice(len(member_p), size=n_receipts, p=member_p)
    anonymous = rng.random(n_receipts) < P_ANONYMOUS
    day_p = _DAY_WEIGHT[(np.arange(DAYS) + 0) % 7]                  # 2024-01-01 is a Monday
    day = rng.choice(DAYS, size=n_receipts, p=day_p / day_p.sum())
    second = rng.integers(7 * 3600, 22 * 3600, size=n_receipts)
    own_store = rng.random(n_receipts) < 0.9
    store = np.where(own_store, home[receipt_customer], rng.integers(0, _STORES, size=n_receipts))
    receipt = first_receipt + np.arange(n_receipts, dtype=np.int64)

    line_receipt = np.repeat(np.arange(n_receipts), sizes)
    product = rng.choice(len(names), size=n_base, p=popularity)
    quantity = 1 + rng.poisson(0.4, size=n_base)
    price = np.where(rng.random(n_base) < 0.15, np.round(prices[product] * 0.8, 2), prices[product])
    customer = np.where(anonymous, -1, receipt_customer)[line_receipt]
    stamp = (day * 86_400 + second)[line_receipt]
    store_line = store[line_receipt]
    order_number = receipt[line_receipt]
    is_return = np.zeros(n_base, dtype=bool)

    members = np.flatnonzero(customer >= 0)
    returned = np.sort(rng.choice(members, size=min(n_return, members.size), replace=False))
    later = stamp[returned] + rng.integers(1, 15, size=returned.size) * 86_400
    later = np.minimum(later, DAYS * 86_400 - 1)                    # returns stay inside 2024
    duplicated = np.sort(rng.choice(n_base, size=n_dup, replace=False))

    def stack(values, returned_values):
        return np.concatenate([values, returned_values, values[duplicated]])

    customer = stack(customer, customer[returned])
    stamp = np.concatenate([stamp, later, stamp[duplicated]])
    store_line = stack(store_line, store_line[returned])
    product = stack(product, product[returned])
    quantity = np.concatenate([quantity, -quantity[returned], quantity[duplicated]])
    price = stack(price, price[returned])
    order_number = np.concatenate([order_number, first_return + np.arange(returned.size, dtype=np.int64),
                                   order_number[duplicated]])
    is_return = np.concatenate([is_return, np.ones(returned.size, dtype=bool), is_return[duplicated]])
    return customer, stamp, store_line, product, quantity, price, order_number, is_return, n_receipts, returned.size


_STORE_IDS = pa.array([f"S{i + 1:03d}" for i in range(_STORES)])
_DICTIONARY_COLUMNS = ["customer_id", "store_id", "product", "category", "quantity", "unit_price"]


def _table(parts, customers, names, categories) -> pa.Table:
    customer, stamp, store, product, quantity, price, order_number, is_return = parts
    digits = pc.utf8_lpad(pc.cast(pa.array(order_number), pa.string()), 9, "0")
    prefix = pa.array(np.where(is_return, "R", "T"), pa.string())
    order_id = pc.binary_join_element_wise(prefix, digits, "")
    customer_id = pa.DictionaryArray.from_arrays(pa.array(customer, pa.int32(), mask=customer < 0), customers)
    return pa.table({
        "order_id": order_id,
        "customer_id": customer_id,
        "store_id": pa.DictionaryArray.from_arrays(pa.array(store, pa.int32()), _STORE_IDS),
        "timestamp": pa.array(YEAR_START + stamp.astype("timedelta64[s]"), pa.timestamp("us")),
        "product": pa.DictionaryArray.from_arrays(pa.array(product, pa.int32()), names),
        "category": pa.DictionaryArray.from_arrays(pa.array(product, pa.int32()), categories),
        "quantity": pa.array(quantity, pa.int64()),
        "unit_price": pa.array(price, pa.float64()),
    })


def write_till_log(folder, n_lines: int, *, customers: int = 50_000, seed: int = 12, progress: bool = True,
                   overwrite: bool = False) -> dict:
    """Write ``n_lines`` till lines of 2024 into ``folder`` as Parquet files partitioned by month.

    ``customers`` members shop (Pareto-skewed); every call with the same arguments writes the
    same rows.  ``progress`` shows how far it got (see :class:`Progress`; nothing noisy lands
    in a saved notebook).  ``overwrite=True`` first removes an existing folder.  Returns a
    summary: ``lines``, ``receipts``, ``files`` (one a month), ``row_groups``, ``chunks``.
    """
    n_lines = _whole(n_lines, "n_lines", 1_000)
    customers = _whole(customers, "customers", 10)
    seed = _whole(seed, "seed", 0)
    target = Path(folder)
    if target.exists():
        if not overwrite:
            raise InputError(f"folder={str(folder)!r} exists already; pass overwrite=True to replace it, or "
                             "choose another folder.")
        shutil.rmtree(target)
    target.mkdir(parents=True)
    setup = np.random.default_rng([seed, 0])
    weight = setup.pareto(1.5, size=customers) + 1.0
    member_p = weight / weight.sum()
    home = setup.integers(0, _STORES, size=customers)
    names, categories, prices, popularity = _catalogue()
    ids = pa.array([f"M{i + 1:07d}" for i in range(customers)])
    dict_names, dict_categories = pa.array(list(names)), pa.array(list(categories))
    month_edges = np.array([(np.datetime64(f"2024-{m:02d}-01", "s") - YEAR_START).astype(np.int64)
                            for m in range(1, 13)] + [DAYS * 86_400])
    bar = Progress(n_lines, f"till log: {n_lines:,} lines of 2024, written month by month", enabled=progress)
    writers: dict[int, pq.ParquetWriter] = {}
    pending: dict[int, list[pa.Table]] = {m: [] for m in range(12)}
    row_groups = receipts = 0
    first_receipt = first_return = 1

    def flush(m: int) -> None:
        nonlocal row_groups
        if not pending[m]:
            return
        table = pa.concat_tables(pending[m])
        pending[m] = []
        if m not in writers:
            part = target / f"month=2024-{m + 1:02d}"
            part.mkdir()
            # text columns are stored dictionary-encoded (as Parquet does for repeated text) but read
            # back as plain text: no Arrow schema is stored, so pandas sees strings, not categories
            writers[m] = pq.ParquetWriter(part / "part-00000.parquet", table.schema, compression="snappy",
                                          use_dictionary=_DICTIONARY_COLUMNS, store_schema=False)
        writers[m].write_table(table, row_group_size=table.num_rows)
        row_groups += 1

    for number, start in enumerate(range(0, n_lines, CHUNK_LINES)):
        size = min(CHUNK_LINES, n_lines - start)
        rng = np.random.default_rng([seed, number + 1])
        *parts, n_receipts, n_returns = _chunk(rng, size, first_receipt, first_return, member_p, home,
                                               (names, categories, prices, popularity))
        first_receipt += n_receipts
        first_return += n_returns
        receipts += n_receipts
        month = np.searchsorted(month_edges, parts[1], side="right") - 1
        order = np.argsort(month, kind="stable")
        bounds = np.searchsorted(month[order], np.arange(13))
        for m in range(12):
            rows = order[bounds[m]:bounds[m + 1]]
            if rows.size == 0:
                continue
            pending[m].append(_table([p[rows] for p in parts], ids, dict_names, dict_categories))
            if sum(t.num_rows for t in pending[m]) >= ROW_GROUP_LINES:
                flush(m)
        bar.update(size)
    for m in range(12):
        flush(m)
        if m in writers:
            writers[m].close()
    bar.close()
    return {"lines": n_lines, "receipts": receipts, "files": len(writers), "row_groups": row_groups,
            "chunks": number + 1}


del pd
