"""Market-basket analysis (关联分析): which products are bought together, and what to do about it.

A *basket* is one receipt: the set of products bought in one trip.  This module turns till
lines into baskets, finds the itemsets bought often enough to matter, turns them into rules
"who buys A also buys B", and uses the rules to suggest a cross-sell.

* :func:`basket_matrix` — till lines → a basket × product table of True/False (one row per
  receipt); return lines are left out and counted, anonymous receipts are kept;
* :func:`frequent_itemsets` — the itemsets whose **support** (支持度, share of baskets that
  hold them) reaches a threshold, mined with mlxtend's FP-growth (Apriori on request); the
  itemsets are counted as they are found, and a threshold so low that they would exhaust
  memory is refused with the fixes (:func:`estimate_itemsets` gives an upper bound without
  mining, for teaching);
* :func:`association_rules` — rules A → C with **confidence** (置信度, P(C | A)), **lift**
  (提升度, confidence ÷ P(C)), leverage and conviction, from till lines, a basket table or a
  plain list of baskets;
* :func:`rule_by_segment` — one rule's support, confidence and lift within each segment of
  the baskets (evening or daytime, store, tier): where a rule actually lives;
* :func:`recommend` — the top cross-sell items for a basket, with the rule behind each;
* :func:`plot_rules` and :func:`plot_rule_network` — support–confidence scatter coloured by
  lift, and a small network of the strongest rules;
* :func:`simulate_baskets` — seeded random baskets shaped like a grocery store's receipts
  (for benchmarks, tests and practice).

Every itemset is shown as a sorted, comma-joined string (``"beer, diapers"``) and every
table is sorted by a fixed key, so the output is identical on every run and machine (mlxtend
itself returns frozensets whose order depends on Python's hash seed).
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from mlxtend.frequent_patterns.apriori import _apriori_gen
from mlxtend.frequent_patterns import fpcommon as _fpc
from mlxtend.frequent_patterns.fpgrowth import fpg_step as _fpg_step
from scipy import sparse as _sparse
from scipy.special import comb as _comb

from helpers._validate import InputError, require_columns, require_ids

__all__ = [
    "SEPARATOR", "MAX_ITEMSETS", "RULE_COLUMNS",
    "itemset_label", "basket_matrix", "baskets_from_lists", "estimate_itemsets",
    "frequent_itemsets", "association_rules", "rule_by_segment", "recommend", "plot_rules", "plot_rule_network",
    "simulate_baskets", "available_memory", "BYTES_PER_ITEMSET", "BYTES_PER_RULE",
]

#: How the items of an itemset are joined into one label.
SEPARATOR = ", "
#: How far :func:`estimate_itemsets` counts groups of pairwise-frequent items before it falls
#: back on the bound by baskets (the mining itself is limited by memory, see ``max_itemsets``).
MAX_ITEMSETS = 200_000
#: Above this many cells (baskets × items) the basket table is stored sparse.
_SPARSE_CELLS = 20_000_000
_BEND = 0.2   # curvature of the network's arrows, so that A → C and C → A do not overlap
RULE_COLUMNS = ["antecedent", "consequent", "antecedent_support", "consequent_support",
                "support", "confidence", "lift", "leverage", "conviction"]
_ITEMSET_COLUMNS = ["itemset", "size", "support", "baskets"]


def itemset_label(items: Iterable) -> str:
    """A set of items as one sorted, comma-joined string: ``{"diapers", "beer"}`` → ``"beer, diapers"``.

    ``items`` is a collection of item names; a single name given as text (``"beer"``) is an
    error (write ``["beer"]``), since its letters would otherwise become the items.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InputError(f"itemset_label expects a collection of item names, such as ['beer', 'diapers'], not "
                         f"{items!r}; for one item write [{items!r}].")
    return SEPARATOR.join(sorted(str(i) for i in items))


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _check_names(names: np.ndarray, where: str) -> None:
    """Item names must not contain the label separator, and must stay distinct once written as text."""
    with_separator = [n for n in names if SEPARATOR in n]
    if with_separator:
        raise InputError(f"{where}: the item name {with_separator[0]!r} contains {SEPARATOR!r}, which the kit "
                         f"uses to join the items of an itemset ({len(with_separator)} such names). Replace it "
                         f"first, e.g. .str.replace(', ', ' / ').")


def _quantities(transactions: pd.DataFrame, quantity: str) -> pd.Series:
    """The quantity column as numbers; text with thousands separators, other text and inf are refused."""
    values = transactions[quantity]
    if pd.api.types.is_bool_dtype(values):
        raise InputError(f"Column {quantity!r} holds True/False, not quantities. Pass quantity=None to ignore it.")
    if not pd.api.types.is_numeric_dtype(values):
        numbers = pd.to_numeric(values, errors="coerce")
        bad = numbers.isna() & values.notna()
        if bad.any():
            examples = [str(v) for v in pd.unique(values[bad])[:2]]
            if any(re.fullmatch(r"\s*[-+]?\d{1,3}(,\d{3})+(\.\d+)?\s*", e) for e in examples):
                raise InputError(f"Column {quantity!r} holds numbers written with thousands separators, such as "
                                 f"{examples[0]!r} ({int(bad.sum()):,} lines). Convert it first: "
                                 f"lines[{quantity!r}] = pd.to_numeric(lines[{quantity!r}].str.replace(',', '')).")
            raise InputError(f"Column {quantity!r} must hold numbers, but {int(bad.sum()):,} lines hold text such "
                             f"as {examples}. Correct those lines, or pass quantity=None to ignore quantities.")
        values = numbers
    values = values.astype(float)
    if np.isinf(values.to_numpy()).any():
        raise InputError(f"Column {quantity!r} holds {int(np.isinf(values.to_numpy()).sum()):,} infinite "
                         "quantities: correct or remove those lines first.")
    return values


def basket_matrix(transactions: pd.DataFrame, *, order: str, item: str, quantity: str | None = "quantity",
                  sparse: bool | None = None) -> pd.DataFrame:
    """One row per basket (receipt), one True/False column per item, from till lines.

    ``order`` names the receipt column, ``item`` the product column.  When the table has a
    ``quantity`` column (name it with ``quantity=``; ``None`` to ignore), lines with a
    quantity of zero or less — returns — are left out, and a printed line says how many: a
    return is not a purchase; lines with no quantity are left out and counted apart, and
    quantities written as text (``"1,000"``) are refused with the fix.  Lines without a
    customer id (anonymous shoppers) are kept: a basket is a basket whoever paid.  Lines
    missing the receipt or the item are left out and counted too.  An item bought twice on
    one receipt is simply True.  A receipt or product column that mixes numbers and text
    (``1`` and ``"1"``) is refused, as are duplicated column names.

    Rows are sorted by receipt and columns by item name.  The table is stored sparse when it
    would be large (more than 20 million cells); ``sparse=True``/``False`` forces the choice.
    """
    require_columns(transactions, (order, item), "transactions (the till lines)",
                    fix="Pass order= and item= with the names of the receipt and the product columns.",
                    type_fix="pass the till lines as a table; for a list of baskets use baskets_from_lists()")
    keep = np.ones(len(transactions), dtype=bool)
    notes = []
    if quantity is not None and quantity in transactions.columns:
        q = _quantities(transactions, quantity)
        missing = q.isna().to_numpy()
        returns = (q <= 0).to_numpy()
        if returns.any():
            notes.append(f"{int(returns.sum()):,} return or zero-quantity lines ({quantity} ≤ 0)")
        if missing.any():
            notes.append(f"{int(missing.sum()):,} lines with no {quantity}")
        keep &= ~returns & ~missing
    blank = (transactions[order].isna() | transactions[item].isna()).to_numpy() & keep
    if blank.any():
        notes.append(f"{int(blank.sum()):,} lines with no {order} or no {item}")
    keep &= ~blank
    if notes:
        print(f"basket_matrix: left out {' and '.join(notes)}.")
    lines = transactions.loc[keep, [order, item]]
    if lines.empty:
        raise InputError("No purchase lines are left once returns and blank lines are removed: "
                         "there are no baskets to analyse.")
    require_ids(lines, order)
    require_ids(lines, item)
    baskets = pd.Index(lines[order].unique()).sort_values()
    names = lines[item].astype(str)
    items = pd.Index(names.unique()).sort_values()
    _check_names(items.to_numpy(), f"column {item!r}")
    rows = baskets.get_indexer(lines[order])
    cols = items.get_indexer(names)
    return _frame(rows, cols, baskets.rename(order), items.rename(item), sparse)


def baskets_from_lists(baskets: Sequence[Iterable[str]], *, sparse: bool | None = None) -> pd.DataFrame:
    """A basket table from a plain list of baskets, each a list of item names.

    ``[["beer", "diapers"], ["milk"]]`` → two rows (``0`` and ``1``), columns ``beer``,
    ``diapers``, ``milk``.  An empty list, an empty basket or a basket given as one string
    (``"beer"`` instead of ``["beer"]``) is an error.  Missing names (``None``, NaN) are left
    out and counted in a printed line; names that mix numbers and text (``1`` and ``"1"``)
    are refused.
    """
    if isinstance(baskets, (str, bytes)) or not isinstance(baskets, Iterable):
        raise InputError("baskets must be a list of baskets, each a list of item names, "
                         f"such as [['beer', 'diapers'], ['milk']]; got {type(baskets).__name__}.")
    baskets = list(baskets)
    if not baskets:
        raise InputError("The list of baskets is empty: there is nothing to analyse.")
    rows, names, kinds, missing = [], [], set(), 0
    for number, basket in enumerate(baskets):
        if isinstance(basket, (str, bytes)) or not isinstance(basket, Iterable):
            raise InputError(f"Basket {number} is {basket!r}: each basket must be a list of item names "
                             f"(write [{basket!r}] for a basket of one item).")
        basket = list(basket)
        content = [i for i in basket if not _is_missing(i)]
        missing += len(basket) - len(content)
        kinds.update("text" if isinstance(i, str) else "number" for i in content)
        content = [str(i) for i in content]
        if not content:
            empty = sum(1 for b in baskets if not isinstance(b, (str, bytes))
                        and not [i for i in b if not _is_missing(i)])
            raise InputError(f"Basket {number} is empty ({empty} empty baskets in all, counting those that hold "
                             "only missing names): an empty basket has no items to associate. Remove empty "
                             "baskets before mining.")
        rows.extend([number] * len(content))
        names.extend(content)
    if len(kinds) > 1:
        raise InputError("The item names mix numbers and text (such as 1 and '1', which would print the same): "
                         "write every name as text first, e.g. [[str(i) for i in b] for b in baskets].")
    if missing:
        print(f"baskets_from_lists: left out {missing:,} missing item names (None or NaN).")
    items = pd.Index(pd.unique(np.array(names, dtype=object))).sort_values()
    _check_names(items.to_numpy(), "baskets")
    index = pd.RangeIndex(len(baskets), name="basket")
    return _frame(np.array(rows), items.get_indexer(names), index, items.rename("item"), sparse)


def _frame(rows, cols, index: pd.Index, columns: pd.Index, sparse: bool | None) -> pd.DataFrame:
    shape = (len(index), len(columns))
    matrix = _sparse.coo_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=shape).tocsr()
    matrix.sum_duplicates()
    matrix.data[:] = True
    if sparse is None:
        sparse = shape[0] * shape[1] > _SPARSE_CELLS
    if sparse:
        frame = pd.DataFrame.sparse.from_spmatrix(matrix.astype(bool), index=index, columns=columns)
        return frame.astype(pd.SparseDtype(bool, False))
    return pd.DataFrame(matrix.toarray(), index=index, columns=columns)


def _as_baskets(obj, order: str | None = None, item: str | None = None) -> pd.DataFrame:
    """Till lines, a basket table or a list of baskets → a validated basket table."""
    if isinstance(obj, pd.DataFrame):
        if order is not None or item is not None:
            if order is None or item is None:
                raise InputError("Pass both order= and item= (the receipt and the product columns).")
            return basket_matrix(obj, order=order, item=item)
        if obj.shape[0] == 0 or obj.shape[1] == 0:
            raise InputError("The basket table is empty: it needs at least one basket and one item.")
        as_text = pd.Index([str(c) for c in obj.columns])
        if as_text.duplicated().any():
            twice = sorted(set(as_text[as_text.duplicated()]))
            raise InputError(f"The basket table has {len(twice)} item name(s) used twice (once written as text): "
                             f"{twice[:5]}. Merge or rename those columns first.")
        _check_names(as_text.to_numpy(), "the basket table")
        if not all(pd.api.types.is_bool_dtype(d) or (isinstance(d, pd.SparseDtype) and d.subtype == bool)
                   for d in obj.dtypes):
            raise InputError("This table is not a True/False basket table. For till lines pass order= and "
                            "item= (the receipt and product columns); or build the table with basket_matrix().")
        empty = ~_csr(obj).getnnz(axis=1).astype(bool)
        if empty.any():
            raise InputError(f"{int(empty.sum())} baskets hold no item: an empty basket has nothing to "
                             "associate. Remove them first, e.g. baskets[baskets.any(axis=1)].")
        return obj
    if isinstance(obj, pd.Series) or (isinstance(obj, Iterable) and not isinstance(obj, (str, bytes, dict))):
        return baskets_from_lists(list(obj))
    raise InputError(f"Expected till lines (a DataFrame with order= and item=), a basket table or a list of "
                    f"baskets, not {type(obj).__name__}.")


def _csr(baskets: pd.DataFrame) -> _sparse.csr_matrix:
    if any(isinstance(d, pd.SparseDtype) for d in baskets.dtypes):
        return baskets.sparse.to_coo().tocsr().astype(bool)
    return _sparse.csr_matrix(baskets.to_numpy(dtype=bool))


def _check_support(min_support) -> float:
    if isinstance(min_support, bool) or not isinstance(min_support, (int, float, np.integer, np.floating)):
        raise InputError(f"min_support must be a number between 0 and 1 (a share of baskets), "
                        f"not {type(min_support).__name__}.")
    if not 0 < float(min_support) <= 1:
        hint = " It is a share: write 0.02 for 2%." if 1 < float(min_support) <= 100 else ""
        raise InputError(f"min_support must be in (0, 1], the share of baskets an itemset must appear in; "
                         f"got {min_support}.{hint}")
    return float(min_support)


# --------------------------------------------------------------------------- the memory guard


#: Bytes one frequent itemset costs while it is mined and tidied (its Python list, its row in
#: the arrays, its label); measured with tracemalloc on grocery-shaped baskets and rounded up.
BYTES_PER_ITEMSET = 600
#: Bytes one rule costs in the rule table (two label references and seven numbers), rounded up.
BYTES_PER_RULE = 200
#: Share of the machine's available memory the mining may use by default.
MEMORY_SHARE = 0.5


def available_memory() -> int:
    """Bytes of memory the operating system says are available now (4 GB when it cannot tell)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, OSError, ValueError):
        return 4 * 1024 ** 3


def _limit(max_itemsets) -> tuple[int, str]:
    """The itemset budget and how it was set (for the error message)."""
    if max_itemsets is None:
        budget = int(MEMORY_SHARE * available_memory())
        return max(budget // BYTES_PER_ITEMSET, 1), (f"what half of the memory available now, about "
                                                     f"{budget / 1e9:.1f} GB, can hold: more would exhaust it")
    if isinstance(max_itemsets, bool) or not isinstance(max_itemsets, (int, np.integer, float)) or max_itemsets < 1:
        raise InputError(f"max_itemsets must be a whole number of itemsets, 1 or more (or None for a limit taken "
                         f"from the available memory); got {max_itemsets!r}.")
    if isinstance(max_itemsets, float) and not (math.isinf(max_itemsets) or max_itemsets.is_integer()):
        raise InputError(f"max_itemsets must be a whole number of itemsets; got {max_itemsets!r}.")
    return (max_itemsets if math.isinf(max_itemsets) else int(max_itemsets)), "set by max_itemsets"


def _too_many(n_baskets: int, min_support: float, limit, how: str, fixes: str, *, what: str = "itemsets had qualified",
              surely: int | None = None, why: str = "") -> InputError:
    min_support = np.format_float_positional(min_support, trim="-")     # 0.00001, not 1e-05
    if surely is not None:
        return InputError(
            f"min_support={min_support} is too low for these {n_baskets:,} baskets: at least {surely:,} itemsets "
            f"qualify ({why}), more than the limit of {limit:,} ({how}). {fixes}")
    return InputError(
        f"min_support={min_support} is too low for these {n_baskets:,} baskets: mining stopped once more than "
        f"{limit:,} {what} (the limit, {how}). {fixes}")


# --------------------------------------------------------------------------- itemsets


class _Itemsets:
    """Frequent itemsets as arrays: ``members`` (one row per itemset, item positions in name order,
    padded with -1), ``size``, ``count`` (baskets holding it) and the item ``names`` in name order."""

    def __init__(self, members: np.ndarray, size: np.ndarray, count: np.ndarray, names: np.ndarray,
                 n_baskets: int):
        self.members, self.size, self.count, self.names, self.n_baskets = members, size, count, names, n_baskets

    def __len__(self) -> int:
        return len(self.size)

    def labels(self) -> np.ndarray:
        """Each itemset as its sorted, comma-joined label (one pass per itemset size, not per row)."""
        out = np.empty(len(self), dtype=object)
        for k in np.unique(self.size):
            rows = np.flatnonzero(self.size == k)
            label = self.names[self.members[rows, 0]]
            for j in range(1, k):
                label = label + SEPARATOR + self.names[self.members[rows, j]]
            out[rows] = label
        return out


def _min_count(min_support: float, n: int) -> int:
    """The fewest baskets whose share reaches ``min_support`` (as the comparison support >= min_support)."""
    count = max(math.ceil(min_support * n - 1e-9), 1)
    while count / n < min_support:
        count += 1
    while count > 1 and (count - 1) / n >= min_support:
        count -= 1
    return count


def _name_order(columns: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Item names sorted as labels sort them (as text), and each column's position in that order."""
    names = np.array([str(c) for c in columns], dtype=object)
    order = np.array(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64)
    position = np.empty(len(names), dtype=np.int64)
    position[order] = np.arange(len(names))
    return names[order], position


def _as_itemsets(found: list, position: np.ndarray, names: np.ndarray, n: int, min_count: int) -> _Itemsets:
    """mlxtend's (count, [column, ...]) pairs → :class:`_Itemsets` (vectorised past one pass over the list)."""
    size = np.fromiter(map(len, (s for _, s in found)), dtype=np.int64, count=len(found))
    count = np.fromiter((c for c, _ in found), dtype=np.int64, count=len(found))
    flat = np.fromiter(itertools.chain.from_iterable(s for _, s in found), dtype=np.int64, count=int(size.sum()))
    keep = count >= min_count
    widest = int(size.max()) if len(size) else 1
    members = np.full((len(size), widest), -1, dtype=np.int64)
    rows = np.repeat(np.arange(len(size)), size)
    starts = np.cumsum(size) - size
    members[rows, np.arange(len(flat)) - np.repeat(starts, size)] = position[flat]
    members = np.sort(np.where(members < 0, np.iinfo(np.int64).max, members), axis=1)
    members[members == np.iinfo(np.int64).max] = -1
    return _Itemsets(members[keep], size[keep], count[keep], names, n)


def _patterns(matrix: _sparse.csr_matrix, order: np.ndarray) -> tuple[list, np.ndarray]:
    """The distinct baskets over the columns ``order`` (items in that order) and how often each occurs."""
    sub = matrix[:, order].tocsr()
    sub = sub[sub.getnnz(axis=1) > 0]
    width = (len(order) + 7) // 8
    coo = sub.tocoo()
    bits = np.bincount(coo.row * width + coo.col // 8, weights=(1 << (7 - coo.col % 8)),
                       minlength=sub.shape[0] * width).astype(np.uint8).reshape(-1, width)
    patterns, multiplicity = np.unique(bits, axis=0, return_counts=True)
    held = np.unpackbits(patterns, axis=1, count=len(order)).astype(bool)
    _, cols = np.nonzero(held)
    return np.split(order[cols], np.cumsum(held.sum(axis=1))[:-1]), multiplicity


def _check_lower_bound(baskets: list, multiplicity: np.ndarray, min_count: int, max_len, limit, on_limit) -> None:
    """Refuse at once when the itemsets that surely qualify already pass the limit.

    A basket content shared by at least ``min_count`` baskets makes every one of its subsets
    frequent: 2^m − 1 itemsets for m items (fewer with ``max_len``).  Costs one pass over sizes.
    """
    sizes = np.fromiter(map(len, baskets), dtype=np.int64, count=len(baskets))
    common = sizes[multiplicity >= min_count]
    if common.size == 0 or math.isinf(limit):
        return
    m = int(common.max())
    longest = m if max_len is None else min(m, max_len)
    surely = sum(math.comb(m, k) for k in range(1, longest + 1))
    if surely > limit:
        times = int(multiplicity[(sizes == m) & (multiplicity >= min_count)].max())
        holds = f"{times:,} baskets hold" if times > 1 else "a basket holds"
        raise on_limit(surely=surely, why=f"{holds} the same {m} frequent items, so every one of their "
                                          f"{surely:,} subsets qualifies")


def _fpgrowth(matrix: _sparse.csr_matrix, min_count: int, max_len, limit, on_limit) -> list:
    """mlxtend's FP-growth (its FP-tree and its recursive ``fpg_step``), fed deduplicated baskets and
    consumed with a counter: mining stops as soon as more than ``limit`` itemsets have come out."""
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts >= min_count)
    if frequent.size == 0:
        return []
    # most frequent first (ties by column), as FP-growth orders each basket's items
    order = frequent[np.argsort(-counts[frequent], kind="stable")]
    # identical baskets are inserted once with their count: the same tree, built faster
    baskets, multiplicity = _patterns(matrix, order)
    _check_lower_bound(baskets, multiplicity, min_count, max_len, limit, on_limit)
    tree = _fpc.FPTree()
    for items, weight in zip(baskets, multiplicity.tolist()):
        tree.insert_itemset(items.tolist(), weight)
    found = list(itertools.islice(_fpg_step(tree, min_count, None, max_len, 0), None if math.isinf(limit)
                                  else limit + 1))
    if len(found) > limit:
        raise on_limit()
    return found


def _bit_columns(matrix: _sparse.csr_matrix, columns: np.ndarray) -> np.ndarray:
    """Each chosen column as packed bits over the baskets (one row of uint8 per column)."""
    csc = matrix[:, columns].tocsc()
    width = (matrix.shape[0] + 7) // 8
    col = np.repeat(np.arange(len(columns)), np.diff(csc.indptr))
    rows = csc.indices
    bits = np.bincount(col * width + rows // 8, weights=(1 << (7 - rows % 8)),
                       minlength=len(columns) * width)
    return bits.astype(np.uint8).reshape(len(columns), width)


def _apriori(matrix: _sparse.csr_matrix, min_count: int, max_len, limit, on_limit) -> list:
    """Level-wise Apriori: mlxtend's candidate generation (join and prune), counted on packed bits.

    Before each level the candidates are known, so the guard checks the itemsets found so far plus
    the candidates of the next level against ``limit`` before they are counted.
    """
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts >= min_count)
    if frequent.size == 0:
        return []
    _check_lower_bound(*_patterns(matrix, frequent), min_count, max_len, limit, on_limit)
    bits = _bit_columns(matrix, frequent)
    level = np.arange(len(frequent)).reshape(-1, 1)
    found = [(int(c), [int(i)]) for c, i in zip(counts[frequent], frequent)]
    chunk = max(1, (32 << 20) // max(bits.shape[1], 1))
    while level.size and (max_len is None or level.shape[1] < max_len):
        k = level.shape[1] + 1
        # a candidate costs k numbers until it is counted: the budget in bytes allows this many
        cap = None if math.isinf(limit) else limit * BYTES_PER_ITEMSET // (8 * k + 64) + 1
        candidates = np.fromiter(itertools.chain.from_iterable(itertools.islice(_apriori_gen(level), cap)),
                                 dtype=np.int64).reshape(-1, k)
        if cap is not None and len(candidates) == cap:
            raise on_limit(what=f"candidate itemsets of {k} items were waiting to be counted", at=cap - 1)
        support = np.empty(len(candidates), dtype=np.int64)
        for start in range(0, len(candidates), chunk):
            block = candidates[start:start + chunk]
            both = bits[block[:, 0]]
            for j in range(1, k):
                both = both & bits[block[:, j]]
            support[start:start + chunk] = np.bitwise_count(both).sum(axis=1)
        level = candidates[support >= min_count]
        found.extend(zip(support[support >= min_count].tolist(), frequent[level].tolist()))
        if len(found) > limit:
            raise on_limit()
    return found

def estimate_itemsets(baskets, min_support: float, max_len: int | None = None, *,
                      stop_at: int | None = None) -> int:
    """An upper bound on how many itemsets reach ``min_support``, computed without mining.

    Two bounds, taken size by size, the smaller one kept:

    * **by baskets** — each frequent itemset sits in at least ``min_support × N`` baskets,
      and a basket holding m frequent items contains C(m, k) itemsets of size k, so there
      are at most Σ C(m, k) ÷ (min_support × N) frequent k-itemsets;
    * **by pairs** (the Apriori principle) — every pair inside a frequent itemset is itself
      frequent, so a frequent k-itemset is a group of k items that are pairwise frequent;
      these groups are counted (only frequent items and pairs are needed).

    Both are exact for single items and pairs.  Counting the groups stops once there are
    more than ``stop_at`` of them (default :data:`MAX_ITEMSETS`); the bound by baskets is
    then returned alone.  This is a teaching tool: the mining itself is guarded by counting
    the itemsets as they are found (see :func:`frequent_itemsets`), which costs nothing.
    """
    table = _as_baskets(baskets)
    min_support = _check_support(min_support)
    stop_at = MAX_ITEMSETS if stop_at is None else stop_at
    matrix = _csr(table)
    n = matrix.shape[0]
    min_count = _min_count(min_support, n)
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts >= min_count)
    if frequent.size == 0:
        return 0
    sub = matrix[:, frequent].astype(np.int64)
    m = np.asarray(sub.sum(axis=1)).ravel()
    longest = int(min(max_len or frequent.size, m.max()))
    sizes = np.arange(1, longest + 1)
    by_baskets = np.array([_comb(m, k).sum() for k in sizes]) / min_count
    pairs = _sparse.triu(sub.T @ sub, k=1).tocoo()
    strong = pairs.data >= min_count
    by_pairs = _count_cliques(frequent.size, pairs.row[strong], pairs.col[strong], longest, stop_at)
    if by_pairs is None:
        return int(min(by_baskets.sum(), 1e18))
    return int(min(np.minimum(by_baskets, by_pairs).sum(), 1e18))


def _count_cliques(n_items: int, rows: np.ndarray, cols: np.ndarray, longest: int, stop_at: int):
    """Groups of k items that are pairwise frequent, for k = 1 … longest (None past ``stop_at``)."""
    higher = [0] * n_items                      # bit j set in higher[i]: pair (i, j) frequent, j > i
    for i, j in zip(rows.tolist(), cols.tolist()):
        higher[min(i, j)] |= 1 << max(i, j)
    per_size = np.zeros(longest, dtype=float)
    per_size[0] = n_items
    total = n_items
    stack = [(higher[i], 1) for i in range(n_items) if higher[i]]
    while stack:
        candidates, size = stack.pop()
        if size >= longest:
            continue
        rest = candidates
        while rest:
            low = rest & -rest
            j = low.bit_length() - 1
            rest ^= low
            per_size[size] += 1
            total += 1
            if total > stop_at:
                return None
            grow = candidates & higher[j]
            if grow and size + 1 < longest:
                stack.append((grow, size + 1))
    return per_size


_FIXES = "Raise min_support, set max_len (2 or 3 is usual), or pass max_itemsets= with a higher limit if you are sure."


def _mine(table: pd.DataFrame, min_support: float, method: str, max_len: int | None,
          max_itemsets) -> _Itemsets:
    if method not in ("fpgrowth", "apriori"):
        raise InputError(f"method must be 'fpgrowth' or 'apriori', not {method!r}.")
    if max_len is not None and (isinstance(max_len, bool) or not isinstance(max_len, (int, np.integer, float,
                                                                                     np.floating))
                                or not math.isfinite(max_len) or max_len != int(max_len) or max_len < 1):
        raise InputError(f"max_len must be a whole number of items, 1 or more (or None), not {max_len!r}.")
    limit, how = _limit(max_itemsets)
    matrix = _csr(table)
    n = matrix.shape[0]
    min_count = _min_count(min_support, n)
    names, position = _name_order(table.columns)

    def on_limit(*, at=limit, **details):
        return _too_many(n, min_support, at, how, _FIXES, **details)

    miner = _fpgrowth if method == "fpgrowth" else _apriori
    found = miner(matrix, min_count, None if max_len is None else int(max_len), limit, on_limit)
    return _as_itemsets(found, position, names, n, min_count)


def frequent_itemsets(baskets, min_support: float, method: str = "fpgrowth", max_len: int | None = None, *,
                      max_itemsets: int | None = None) -> pd.DataFrame:
    """The itemsets held by at least ``min_support`` of the baskets.

    ``baskets`` is a basket table (from :func:`basket_matrix`) or a list of baskets.
    Returns ``itemset`` (sorted, comma-joined), ``size``, ``support`` (share of baskets) and
    ``baskets`` (how many), sorted by support (highest first), then size, then name.
    Mined by mlxtend's FP-growth (its FP-tree and recursion); ``method="apriori"`` gives the
    same table by the classic level-wise algorithm (mlxtend's candidate generation).

    **The guard.** The itemsets are counted as they come out of the miner, and mining stops
    with an error naming the fixes (raise ``min_support``, set ``max_len``) once more than
    ``max_itemsets`` have qualified.  By default the limit is what half of the memory
    available now can hold (:data:`BYTES_PER_ITEMSET` each), so only a run that would
    really exhaust memory is refused, and the counting costs nothing measurable.
    """
    table = _as_baskets(baskets)
    min_support = _check_support(min_support)
    sets = _mine(table, min_support, method, max_len, max_itemsets)
    return _tidy_itemsets(sets)


def _tidy_itemsets(sets: _Itemsets) -> pd.DataFrame:
    out = pd.DataFrame({
        "itemset": sets.labels(),
        "size": sets.size,
        "support": sets.count / sets.n_baskets,
        "baskets": sets.count,
    })
    out = out.sort_values(["baskets", "size", "itemset"], ascending=[False, True, True], kind="mergesort")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- rules


def _keys(members: np.ndarray) -> np.ndarray:
    """Exact byte keys of itemset rows (sorted item positions), comparable and searchable."""
    wide = np.ascontiguousarray(members.astype(">u4"))
    return wide.view(f"S{4 * members.shape[1]}").ravel()


def _rule_arrays(sets: _Itemsets, min_confidence: float, single_consequent: bool, limit, on_limit):
    """Every rule A → C with confidence ≥ ``min_confidence``, as index arrays into ``sets``.

    Vectorised per itemset size and antecedent pattern: for itemsets of k items there are
    2^k − 2 ways to split them, and each split is one array operation over all of them.
    The supports of A and C are looked up (every part of a frequent itemset is frequent).
    """
    lookup = {}
    for k in np.unique(sets.size):
        rows = np.flatnonzero(sets.size == k)
        keys = _keys(sets.members[rows, :k])
        order = np.argsort(keys, kind="stable")
        lookup[int(k)] = (keys[order], rows[order])

    def find(part: np.ndarray) -> np.ndarray:
        keys, rows = lookup[part.shape[1]]
        wanted = _keys(part)
        at = np.searchsorted(keys, wanted)
        if not np.array_equal(keys[np.minimum(at, len(keys) - 1)], wanted):
            raise RuntimeError("A part of a frequent itemset is missing from the itemsets (a bug: please report).")
        return rows[at]

    whole, left, right, kept = [], [], [], 0
    for k in sorted(k for k in lookup if k >= 2):
        rows = lookup[k][1]
        members = sets.members[rows, :k]
        for mask in range(1, 2 ** k - 1):
            consequent = [j for j in range(k) if not mask >> j & 1]
            if single_consequent and len(consequent) > 1:
                continue
            antecedent = [j for j in range(k) if mask >> j & 1]
            a = find(members[:, antecedent])
            good = sets.count[rows] / sets.count[a] >= min_confidence
            if not good.any():
                continue
            whole.append(rows[good])
            left.append(a[good])
            right.append(find(members[good][:, consequent]))
            kept += int(good.sum())
            if kept > limit:
                raise on_limit()
    if not whole:
        return (np.empty(0, dtype=np.int64),) * 3
    return np.concatenate(whole), np.concatenate(left), np.concatenate(right)


def _empty_rules() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object" if c in ("antecedent", "consequent") else float)
                         for c in RULE_COLUMNS})


def association_rules(transactions_or_baskets, *, min_support: float, min_confidence: float = 0.0,
                      min_lift: float | None = None, single_consequent: bool = False,
                      order: str | None = None, item: str | None = None, method: str = "fpgrowth",
                      max_len: int | None = None, max_itemsets: int | None = None) -> pd.DataFrame:
    """Rules A → C among the itemsets with support ≥ ``min_support``, as a tidy table.

    Accepts till lines (pass ``order=`` and ``item=``), a basket table, or a plain list of
    baskets (lists of item names).  Columns: ``antecedent`` and ``consequent`` (sorted,
    comma-joined), ``antecedent_support``, ``consequent_support``, ``support`` (share of
    baskets holding A and C), ``confidence`` (support ÷ antecedent support = P(C | A)),
    ``lift`` (confidence ÷ consequent support; 1 means unrelated), ``leverage`` (support −
    antecedent support × consequent support) and ``conviction`` ((1 − consequent support) ÷
    (1 − confidence); infinite when confidence is 1).  Rules below ``min_confidence`` or
    ``min_lift`` are dropped; ``single_consequent=True`` keeps rules with one consequent
    item.  Sorted by lift, confidence and support (highest first), then antecedent and
    consequent (alphabetical), so the order never depends on chance.

    The rules are built from the itemsets with array operations (one per itemset size and
    way of splitting it), so tens of thousands of rules take milliseconds; the same guard
    as :func:`frequent_itemsets` stops the run once the rules kept would exceed what the
    memory budget can hold (raise ``min_confidence`` too, then).
    """
    table = _as_baskets(transactions_or_baskets, order, item)
    min_support = _check_support(min_support)
    for name, value in (("min_confidence", min_confidence), ("min_lift", min_lift)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                                                     np.floating))):
            raise InputError(f"{name} must be a number, not {type(value).__name__}.")
        if value is not None and not math.isfinite(value):
            raise InputError(f"{name} must be a finite number; got {value}.")
    if not 0 <= min_confidence <= 1:
        hint = " It is a share: write 0.5 for 50%." if 1 < min_confidence <= 100 else ""
        raise InputError(f"min_confidence must be between 0 and 1 (a probability); got {min_confidence}.{hint}")
    if min_lift is not None and min_lift < 0:
        raise InputError(f"min_lift must be 0 or more; got {min_lift}.")
    sets = _mine(table, min_support, method, max_len, max_itemsets)
    limit, how = _limit(max_itemsets)
    rule_limit = limit if math.isinf(limit) else limit * BYTES_PER_ITEMSET // BYTES_PER_RULE

    def on_limit():
        return _too_many(len(table), min_support, rule_limit, how,
                         "Raise min_confidence or min_support, set max_len (2 or 3 is usual), or pass "
                         "max_itemsets= with a higher limit if you are sure.", what="rules had passed min_confidence")

    whole, left, right = _rule_arrays(sets, float(min_confidence), bool(single_consequent), rule_limit, on_limit)
    if len(whole) == 0:
        return _empty_rules()
    labels = sets.labels()
    n = sets.n_baskets
    n_both, n_a, n_c = sets.count[whole], sets.count[left], sets.count[right]
    support, a_support, c_support = n_both / n, n_a / n, n_c / n
    confidence = n_both / n_a
    with np.errstate(divide="ignore"):
        conviction = np.where(n_both == n_a, np.inf, (1 - c_support) / np.where(n_both == n_a, 1, 1 - confidence))
    out = pd.DataFrame({
        "antecedent": labels[left], "consequent": labels[right],
        "antecedent_support": a_support, "consequent_support": c_support, "support": support,
        "confidence": confidence, "lift": n_both * n / (n_a * n_c),
        "leverage": support - a_support * c_support, "conviction": conviction,
    })
    metrics = RULE_COLUMNS[2:]
    out[metrics] = out[metrics].round(12)   # so that equal ratios reached by different sums tie exactly
    if min_lift is not None:
        out = out[out["lift"] >= min_lift]
    # names rank once per itemset, so the sort needs no comparison of strings per rule
    rank = np.empty(len(labels), dtype=np.int64)
    rank[np.argsort(labels.astype(str), kind="stable")] = np.arange(len(labels))
    keep = out.index.to_numpy()
    key = np.lexsort((rank[right[keep]], rank[left[keep]], -out["support"].to_numpy(),
                      -out["confidence"].to_numpy(), -out["lift"].to_numpy()))
    return out.iloc[key].reset_index(drop=True)


def _sort_rules(rules: pd.DataFrame) -> pd.DataFrame:
    return rules.sort_values(["lift", "confidence", "support", "antecedent", "consequent"],
                             ascending=[False, False, False, True, True], kind="mergesort").reset_index(drop=True)


def rule_by_segment(baskets, antecedent: str | Iterable[str], consequent: str | Iterable[str],
                    segment) -> pd.DataFrame:
    """Support, confidence and lift of one rule A → C within each segment of the baskets.

    ``segment`` labels every basket (a Series aligned on the basket table's index, or an
    array in its row order): time of day, weekday or weekend, store, customer tier.  Returns
    one row per segment (sorted) with ``baskets``, ``baskets_with_both``, ``support``,
    ``confidence`` and ``lift``, each computed among that segment's baskets only.  A rule
    that is strong overall may live in one segment alone.
    """
    table = _as_baskets(baskets)
    sides = []
    for name, items in (("antecedent", antecedent), ("consequent", consequent)):
        items = [items] if isinstance(items, str) else [str(i) for i in items]
        missing = [i for i in items if i not in table.columns]
        if not items or missing:
            raise InputError(f"The {name} {missing or items!r} is not an item of these baskets.")
        sides.append(table[items].astype(bool).all(axis=1).to_numpy())
    has_a, has_c = sides
    labels = segment.reindex(table.index) if isinstance(segment, pd.Series) else pd.Series(segment, index=table.index)
    if len(labels) != len(table) or labels.isna().any():
        raise InputError("segment must give one label to every basket (no missing labels).")
    frame = pd.DataFrame({"segment": labels.to_numpy(), "a": has_a, "c": has_c, "both": has_a & has_c})
    grouped = frame.groupby("segment", sort=True, observed=True)
    out = pd.DataFrame({
        "baskets": grouped.size(),
        "baskets_with_both": grouped["both"].sum().astype("int64"),
    })
    p_a, p_c, p_both = grouped["a"].mean(), grouped["c"].mean(), grouped["both"].mean()
    out["support"] = p_both
    out["confidence"] = (p_both / p_a).where(p_a > 0)
    out["lift"] = (p_both / (p_a * p_c)).where((p_a > 0) & (p_c > 0))
    out.index.name = segment.name if isinstance(segment, pd.Series) and segment.name else "segment"
    return out


def recommend(basket: Iterable[str], rules: pd.DataFrame, k: int = 3, *, min_lift: float = 1.2) -> pd.DataFrame:
    """The top ``k`` items to suggest for a basket, with the rule behind each.

    A rule applies when every antecedent item is in the basket and its consequent is one
    item that is not (a rule with a multi-item consequent is no evidence about each item
    alone, so it is skipped).  Only rules with lift above ``min_lift`` count (default 1.2: a
    rule within a few per cent of lift 1 is no better than chance, and a popular item such as
    milk would otherwise top every list just for being popular).  Each item keeps its best rule; items are
    ranked by that rule's confidence (the chance the shopper takes it), then lift, support
    and name.  Returns ``item``, ``antecedent``, ``consequent``, ``confidence``, ``lift``,
    ``support`` — empty when no rule applies.
    """
    if isinstance(basket, (str, bytes)) or not isinstance(basket, Iterable):
        raise InputError(f"basket must be a list of item names, such as ['infant formula'], not {basket!r}.")
    held = {str(i) for i in basket}
    if not held:
        raise InputError("The basket is empty: a recommendation needs at least one item to start from.")
    require_columns(rules, ("antecedent", "consequent", "confidence", "lift", "support"), "rules", allow_empty=True,
                    fix="Pass the table returned by association_rules().",
                    type_fix="pass the table returned by association_rules()")
    if (isinstance(k, bool) or not isinstance(k, (int, np.integer, float, np.floating))
            or not math.isfinite(k) or k != int(k) or k < 1):
        raise InputError(f"k must be a whole number of items, 1 or more; got {k!r}.")
    k = int(k)
    rules = rules.reset_index(drop=True)
    # every antecedent item held: one vectorised pass over the rules' items, not a loop over rules
    parts = rules["antecedent"].astype(str).str.split(SEPARATOR, regex=False).explode()
    inside = parts.isin(held).groupby(level=0).all().reindex(rules.index, fill_value=False)
    single = ~rules["consequent"].astype(str).str.contains(SEPARATOR, regex=False)
    applies = inside & single & (rules["lift"] > min_lift)
    candidates = rules.loc[applies, ["antecedent", "consequent", "confidence", "lift", "support"]].copy()
    candidates["item"] = candidates["consequent"]
    candidates = candidates[~candidates["item"].isin(held)]
    columns = ["item", "antecedent", "consequent", "confidence", "lift", "support"]
    if candidates.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in columns[:3] else float) for c in columns})
    candidates = candidates.sort_values(["confidence", "lift", "support", "item", "antecedent", "consequent"],
                                        ascending=[False, False, False, True, True, True], kind="mergesort")
    best = candidates.drop_duplicates("item", keep="first")
    return best[columns].head(k).reset_index(drop=True)


# --------------------------------------------------------------------------- pictures


def plot_rules(rules: pd.DataFrame, *, ax=None, title: str = "Association rules: support, confidence and lift",
               label_top: int = 4):
    """Support–confidence scatter of the rules, coloured by lift.

    The ``label_top`` one-to-one rules (one item on each side) with the highest lift are
    labelled, so the labels stay few and readable.
    """
    import matplotlib.pyplot as plt

    if rules.empty:
        raise InputError("There are no rules to plot: lower min_support or min_confidence.")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    points = ax.scatter(rules["support"] * 100, rules["confidence"] * 100, c=rules["lift"], cmap="viridis",
                        s=36, edgecolor="white", linewidth=0.5)
    plt.colorbar(points, ax=ax, label="lift (1 = unrelated)")
    one_to_one = _sort_rules(rules)
    one_to_one = one_to_one[~one_to_one["antecedent"].str.contains(SEPARATOR, regex=False)
                            & ~one_to_one["consequent"].str.contains(SEPARATOR, regex=False)]
    for _, rule in one_to_one.head(label_top).iterrows():
        ax.annotate(f"{rule['antecedent']} → {rule['consequent']}",
                    (rule["support"] * 100, rule["confidence"] * 100),
                    xytext=(6, 2), textcoords="offset points", fontsize=8)
    ax.set_xlabel("support (% of baskets holding both sides)")
    ax.set_ylabel("confidence (% of antecedent baskets\nthat also hold the consequent)")
    ax.set_title(title)
    return ax


def plot_rule_network(rules: pd.DataFrame, n: int = 10, *, ax=None,
                      title: str = "The strongest rules as a network"):
    """The ``n`` strongest rules (by lift) as arrows between items placed on a circle.

    Arrow width grows with lift; the label on each arrow is the rule's confidence.
    """
    import matplotlib.pyplot as plt

    top = _sort_rules(rules).head(n)
    if top.empty:
        raise InputError("There are no rules to draw: lower min_support or min_confidence.")
    nodes = sorted(set(top["antecedent"]) | set(top["consequent"]))
    angle = 2 * np.pi * np.arange(len(nodes)) / len(nodes)
    where = {name: (np.cos(a), np.sin(a)) for name, a in zip(nodes, angle)}
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    widest = top["lift"].max()
    for _, rule in top.iterrows():
        (x0, y0), (x1, y1) = where[rule["antecedent"]], where[rule["consequent"]]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "lw": 0.8 + 3.2 * rule["lift"] / widest,
                                "color": "tab:blue", "alpha": 0.7, "shrinkA": 18, "shrinkB": 18,
                                "connectionstyle": f"arc3,rad={_BEND}"})
        # the label sits on the bent arrow (halfway between the chord and arc3's control point)
        lx = (x0 + x1) / 2 + _BEND / 2 * (y1 - y0)
        ly = (y0 + y1) / 2 - _BEND / 2 * (x1 - x0)
        ax.text(lx, ly, f"{rule['confidence']:.0%}", fontsize=9, ha="center", va="center", color="tab:blue",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    for name, (x, y) in where.items():
        ax.text(x * 1.12, y * 1.12, name, ha="center", va="center", fontsize=10, weight="bold")
        ax.plot([x], [y], "o", color="tab:orange", markersize=10)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.4, 1.4)
    ax.set_axis_off()
    ax.set_title(f"{title}\n(arrow: antecedent → consequent; width: lift; label: confidence)")
    return ax


# --------------------------------------------------------------------------- grocery-shaped baskets


def simulate_baskets(n_baskets: int = 9_835, *, n_items: int = 169, mean_size: float = 4.4, max_size: int = 32,
                     seed: int = 0) -> pd.DataFrame:
    """Random baskets shaped like a grocery store's receipts, as a basket table.

    The default shape is that of the public grocery set most textbooks use (9,835 receipts,
    169 products, 4.4 products per receipt): basket sizes are geometric (a quarter of the
    receipts hold one product, a few dozen hold 20 or more), capped at ``max_size``;
    product popularity is Zipf-like with a soft cut-off (the top product in about a quarter
    of the baskets, the rarest in a handful); and each receipt belongs to one of eight
    shopper types that favour different products, so that some products go together.
    Products are named ``p001`` (the best sellers) to ``p169`` (the rarest).  Seeded: the same call
    gives the same table everywhere.
    """
    rng = np.random.default_rng(seed)
    rank = np.arange(1, n_items + 1)
    base = -0.45 * np.log(rank) - rank / (n_items / 4.2)   # Zipf-like, with a soft cut-off
    tilt = rng.normal(0, 0.5, size=(8, n_items))           # each shopper type's taste
    shopper = rng.integers(0, 8, size=n_baskets)
    size = np.minimum(rng.geometric(1 / mean_size, size=n_baskets), min(max_size, n_items))
    # a big basket strays further from the best sellers (a stock-up trip covers more aisles)
    spread = 1 / (1 + 0.15 * np.log(size))
    chosen = np.zeros((n_baskets, n_items), dtype=bool)
    for start in range(0, n_baskets, 50_000):               # in blocks, to bound the memory
        block = slice(start, min(start + 50_000, n_baskets))
        keys = ((base + tilt[shopper[block]]) * spread[block, None]
                + rng.gumbel(size=(block.stop - block.start, n_items)))
        top = np.argsort(-keys, axis=1, kind="stable")
        ranks = np.empty_like(top)
        np.put_along_axis(ranks, top, np.arange(n_items)[None, :], axis=1)
        chosen[block] = ranks < size[block, None]
    names = pd.Index([f"p{i:03d}" for i in rank], name="item")
    return pd.DataFrame(chosen, index=pd.RangeIndex(n_baskets, name="basket"), columns=names)
