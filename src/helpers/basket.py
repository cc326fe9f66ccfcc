"""Market-basket analysis (关联分析): which products are bought together, and what to do about it.

A *basket* is one receipt: the set of products bought in one trip.  This module turns till
lines into baskets, finds the itemsets bought often enough to matter, turns them into rules
"who buys A also buys B", and uses the rules to suggest a cross-sell.

* :func:`basket_matrix` — till lines → a basket × product table of True/False (one row per
  receipt); return lines are left out and counted, anonymous receipts are kept;
* :func:`frequent_itemsets` — the itemsets whose **support** (支持度, share of baskets that
  hold them) reaches a threshold, mined with mlxtend (FP-growth by default, Apriori on
  request); refuses, before mining, a threshold so low that the count would explode
  (:func:`estimate_itemsets` gives the bound it uses);
* :func:`association_rules` — rules A → C with **confidence** (置信度, P(C | A)), **lift**
  (提升度, confidence ÷ P(C)), leverage and conviction, from till lines, a basket table or a
  plain list of baskets;
* :func:`rule_by_segment` — one rule's support, confidence and lift within each segment of
  the baskets (evening or daytime, store, tier): where a rule actually lives;
* :func:`recommend` — the top cross-sell items for a basket, with the rule behind each;
* :func:`plot_rules` and :func:`plot_rule_network` — support–confidence scatter coloured by
  lift, and a small network of the strongest rules.

Every itemset is shown as a sorted, comma-joined string (``"beer, diapers"``) and every
table is sorted by a fixed key, so the output is identical on every run and machine (mlxtend
itself returns frozensets whose order depends on Python's hash seed).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from mlxtend import frequent_patterns as _fp
from scipy import sparse as _sparse
from scipy.special import comb as _comb

from helpers._validate import require_columns

__all__ = [
    "SEPARATOR", "MAX_ITEMSETS", "RULE_COLUMNS",
    "itemset_label", "basket_matrix", "baskets_from_lists", "estimate_itemsets",
    "frequent_itemsets", "association_rules", "rule_by_segment", "recommend", "plot_rules", "plot_rule_network",
]

#: How the items of an itemset are joined into one label.
SEPARATOR = ", "
#: Refuse to mine when the itemset count could exceed this (pass ``max_itemsets=`` to change).
MAX_ITEMSETS = 200_000
#: Above this many cells (baskets × items) the basket table is stored sparse.
_SPARSE_CELLS = 20_000_000
_BEND = 0.2   # curvature of the network's arrows, so that A → C and C → A do not overlap
RULE_COLUMNS = ["antecedent", "consequent", "antecedent_support", "consequent_support",
                "support", "confidence", "lift", "leverage", "conviction"]
_ITEMSET_COLUMNS = ["itemset", "size", "support", "baskets"]


def itemset_label(items: Iterable) -> str:
    """A set of items as one sorted, comma-joined string: ``{"diapers", "beer"}`` → ``"beer, diapers"``."""
    return SEPARATOR.join(sorted(str(i) for i in items))


# --------------------------------------------------------------------------- baskets


def basket_matrix(transactions: pd.DataFrame, *, order: str, item: str, quantity: str | None = "quantity",
                  sparse: bool | None = None) -> pd.DataFrame:
    """One row per basket (receipt), one True/False column per item, from till lines.

    ``order`` names the receipt column, ``item`` the product column.  When the table has a
    ``quantity`` column (name it with ``quantity=``; ``None`` to ignore), lines with a
    quantity of zero or less — returns — are left out, and a printed line says how many: a
    return is not a purchase.  Lines without a customer id (anonymous shoppers) are kept: a
    basket is a basket whoever paid.  Lines missing the receipt or the item are left out and
    counted too.  An item bought twice on one receipt is simply True.

    Rows are sorted by receipt and columns by item name.  The table is stored sparse when it
    would be large (more than 20 million cells); ``sparse=True``/``False`` forces the choice.
    """
    require_columns(transactions, (order, item), "transactions (the till lines)",
                    fix="Pass order= and item= with the names of the receipt and the product columns.",
                    type_fix="pass the till lines as a table; for a list of baskets use baskets_from_lists()")
    keep = np.ones(len(transactions), dtype=bool)
    notes = []
    if quantity is not None and quantity in transactions.columns:
        q = pd.to_numeric(transactions[quantity], errors="coerce")
        returns = ~(q > 0).to_numpy()
        if returns.any():
            notes.append(f"{int(returns.sum()):,} return or zero-quantity lines ({quantity} ≤ 0)")
        keep &= ~returns
    blank = (transactions[order].isna() | transactions[item].isna()).to_numpy() & keep
    if blank.any():
        notes.append(f"{int(blank.sum()):,} lines with no {order} or no {item}")
    keep &= ~blank
    if notes:
        print(f"basket_matrix: left out {' and '.join(notes)}.")
    lines = transactions.loc[keep, [order, item]]
    if lines.empty:
        raise ValueError("No purchase lines are left once returns and blank lines are removed: "
                         "there are no baskets to analyse.")
    baskets = pd.Index(lines[order].unique()).sort_values()
    items = pd.Index(lines[item].astype(str).unique()).sort_values()
    rows = baskets.get_indexer(lines[order])
    cols = items.get_indexer(lines[item].astype(str))
    return _frame(rows, cols, baskets.rename(order), items.rename(item), sparse)


def baskets_from_lists(baskets: Sequence[Iterable[str]], *, sparse: bool | None = None) -> pd.DataFrame:
    """A basket table from a plain list of baskets, each a list of item names.

    ``[["beer", "diapers"], ["milk"]]`` → two rows (``0`` and ``1``), columns ``beer``,
    ``diapers``, ``milk``.  An empty list, an empty basket or a basket given as one string
    (``"beer"`` instead of ``["beer"]``) is an error.
    """
    if isinstance(baskets, (str, bytes)) or not isinstance(baskets, Iterable):
        raise TypeError("baskets must be a list of baskets, each a list of item names, "
                        f"such as [['beer', 'diapers'], ['milk']]; got {type(baskets).__name__}.")
    baskets = list(baskets)
    if not baskets:
        raise ValueError("The list of baskets is empty: there is nothing to analyse.")
    rows, names = [], []
    for number, basket in enumerate(baskets):
        if isinstance(basket, (str, bytes)) or not isinstance(basket, Iterable):
            raise TypeError(f"Basket {number} is {basket!r}: each basket must be a list of item names "
                            f"(write [{basket!r}] for a basket of one item).")
        content = [str(i) for i in basket]
        if not content:
            empty = sum(1 for b in baskets if not isinstance(b, (str, bytes)) and len(list(b)) == 0)
            raise ValueError(f"Basket {number} is empty ({empty} empty baskets in all): an empty basket "
                             "has no items to associate. Remove empty baskets before mining.")
        rows.extend([number] * len(content))
        names.extend(content)
    items = pd.Index(pd.unique(np.array(names, dtype=object))).sort_values()
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
                raise ValueError("Pass both order= and item= (the receipt and the product columns).")
            return basket_matrix(obj, order=order, item=item)
        if obj.shape[0] == 0 or obj.shape[1] == 0:
            raise ValueError("The basket table is empty: it needs at least one basket and one item.")
        if not all(pd.api.types.is_bool_dtype(d) or (isinstance(d, pd.SparseDtype) and d.subtype == bool)
                   for d in obj.dtypes):
            raise TypeError("This table is not a True/False basket table. For till lines pass order= and "
                            "item= (the receipt and product columns); or build the table with basket_matrix().")
        empty = ~_csr(obj).getnnz(axis=1).astype(bool)
        if empty.any():
            raise ValueError(f"{int(empty.sum())} baskets hold no item: an empty basket has nothing to "
                             "associate. Remove them first, e.g. baskets[baskets.any(axis=1)].")
        return obj
    if isinstance(obj, pd.Series) or (isinstance(obj, Iterable) and not isinstance(obj, (str, bytes, dict))):
        return baskets_from_lists(list(obj))
    raise TypeError(f"Expected till lines (a DataFrame with order= and item=), a basket table or a list of "
                    f"baskets, not {type(obj).__name__}.")


def _csr(baskets: pd.DataFrame) -> _sparse.csr_matrix:
    if any(isinstance(d, pd.SparseDtype) for d in baskets.dtypes):
        return baskets.sparse.to_coo().tocsr().astype(bool)
    return _sparse.csr_matrix(baskets.to_numpy(dtype=bool))


def _check_support(min_support) -> float:
    if isinstance(min_support, bool) or not isinstance(min_support, (int, float, np.integer, np.floating)):
        raise TypeError(f"min_support must be a number between 0 and 1 (a share of baskets), "
                        f"not {type(min_support).__name__}.")
    if not 0 < float(min_support) <= 1:
        hint = " It is a share: write 0.02 for 2%." if 1 < float(min_support) <= 100 else ""
        raise ValueError(f"min_support must be in (0, 1], the share of baskets an itemset must appear in; "
                         f"got {min_support}.{hint}")
    return float(min_support)


# --------------------------------------------------------------------------- itemsets


def estimate_itemsets(baskets, min_support: float, max_len: int | None = None, *,
                      stop_at: int | None = None) -> int:
    """An upper bound on how many itemsets reach ``min_support``, computed without mining.

    Two bounds, taken size by size, the smaller one kept:

    * **by baskets** — each frequent itemset sits in at least ``min_support × N`` baskets,
      and a basket holding m frequent items contains C(m, k) itemsets of size k, so there
      are at most Σ C(m, k) ÷ (min_support × N) frequent k-itemsets;
    * **by pairs** (the Apriori principle) — every pair inside a frequent itemset is itself
      frequent, so a frequent k-itemset is a group of k items that are pairwise frequent;
      these groups are counted (cheap: only frequent items and pairs are needed).

    Both are exact for single items and pairs.  Counting the groups stops once there are
    more than ``stop_at`` of them (default :data:`MAX_ITEMSETS`); the bound by
    baskets is then returned alone.
    """
    table = _as_baskets(baskets)
    min_support = _check_support(min_support)
    stop_at = MAX_ITEMSETS if stop_at is None else stop_at
    matrix = _csr(table)
    n = matrix.shape[0]
    min_count = math.ceil(min_support * n - 1e-9)
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


def _mine(table: pd.DataFrame, min_support: float, method: str, max_len: int | None,
          max_itemsets: int | None) -> pd.DataFrame:
    if method not in ("fpgrowth", "apriori"):
        raise ValueError(f"method must be 'fpgrowth' or 'apriori', not {method!r}.")
    if max_len is not None and (isinstance(max_len, bool) or not isinstance(max_len, (int, np.integer))
                                or max_len < 1):
        raise ValueError(f"max_len must be a whole number of items, 1 or more (or None), not {max_len!r}.")
    limit = MAX_ITEMSETS if max_itemsets is None else max_itemsets
    bound = estimate_itemsets(table, min_support, max_len, stop_at=limit)
    if bound > limit:
        raise ValueError(
            f"min_support={min_support} is too low for these {len(table):,} baskets: up to {bound:,} itemsets "
            f"could qualify (the limit is {limit:,}), which could exhaust memory. Raise min_support, set "
            f"max_len (2 or 3 is usual), or pass max_itemsets= with a higher limit if you are sure.")
    miner = _fp.fpgrowth if method == "fpgrowth" else _fp.apriori
    return miner(table, min_support=min_support, use_colnames=True, max_len=max_len)


def frequent_itemsets(baskets, min_support: float, method: str = "fpgrowth", max_len: int | None = None, *,
                      max_itemsets: int | None = None) -> pd.DataFrame:
    """The itemsets held by at least ``min_support`` of the baskets.

    ``baskets`` is a basket table (from :func:`basket_matrix`) or a list of baskets.
    Returns ``itemset`` (sorted, comma-joined), ``size``, ``support`` (share of baskets) and
    ``baskets`` (how many), sorted by support (highest first), then size, then name.
    ``method="apriori"`` gives the same table by the classic algorithm (slower).  Raises
    before mining when :func:`estimate_itemsets` says more than ``max_itemsets`` (default
    :data:`MAX_ITEMSETS`) itemsets could qualify.
    """
    table = _as_baskets(baskets)
    min_support = _check_support(min_support)
    raw = _mine(table, min_support, method, max_len, max_itemsets)
    return _tidy_itemsets(raw, len(table))


def _tidy_itemsets(raw: pd.DataFrame, n_baskets: int) -> pd.DataFrame:
    out = pd.DataFrame({
        "itemset": [itemset_label(s) for s in raw["itemsets"]],
        "size": np.array([len(s) for s in raw["itemsets"]], dtype="int64"),
        "support": raw["support"].to_numpy(dtype=float),
    })
    out["baskets"] = np.rint(out["support"] * n_baskets).astype("int64")
    out = out.sort_values(["support", "size", "itemset"], ascending=[False, True, True], kind="mergesort")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- rules


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
    """
    table = _as_baskets(transactions_or_baskets, order, item)
    min_support = _check_support(min_support)
    for name, value in (("min_confidence", min_confidence), ("min_lift", min_lift)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                                                     np.floating))):
            raise TypeError(f"{name} must be a number, not {type(value).__name__}.")
    if not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence must be between 0 and 1 (a probability); got {min_confidence}.")
    if min_lift is not None and min_lift < 0:
        raise ValueError(f"min_lift must be 0 or more; got {min_lift}.")
    raw = _mine(table, min_support, method, max_len, max_itemsets)
    if (raw["itemsets"].map(len) >= 2).sum() == 0:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("antecedent", "consequent") else float)
                             for c in RULE_COLUMNS})
    rules = _fp.association_rules(raw, num_itemsets=len(table), metric="confidence",
                                  min_threshold=min_confidence)
    out = pd.DataFrame({
        "antecedent": [itemset_label(s) for s in rules["antecedents"]],
        "consequent": [itemset_label(s) for s in rules["consequents"]],
        "antecedent_support": rules["antecedent support"].to_numpy(dtype=float),
        "consequent_support": rules["consequent support"].to_numpy(dtype=float),
        "support": rules["support"].to_numpy(dtype=float),
        "confidence": rules["confidence"].to_numpy(dtype=float),
        "lift": rules["lift"].to_numpy(dtype=float),
        "leverage": rules["leverage"].to_numpy(dtype=float),
    })
    # conviction computed here so that confidence 1 gives inf on every mlxtend version
    with np.errstate(divide="ignore"):
        out["conviction"] = np.where(out["confidence"] >= 1, np.inf,
                                     (1 - out["consequent_support"]) / (1 - out["confidence"]))
    metrics = RULE_COLUMNS[2:]
    out[metrics] = out[metrics].round(12)   # so that equal ratios reached by different sums tie exactly
    if single_consequent:
        out = out[~out["consequent"].str.contains(SEPARATOR, regex=False)]
    if min_lift is not None:
        out = out[out["lift"] >= min_lift]
    return _sort_rules(out)


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
            raise ValueError(f"The {name} {missing or items!r} is not an item of these baskets.")
        sides.append(table[items].astype(bool).all(axis=1).to_numpy())
    has_a, has_c = sides
    labels = segment.reindex(table.index) if isinstance(segment, pd.Series) else pd.Series(segment, index=table.index)
    if len(labels) != len(table) or labels.isna().any():
        raise ValueError("segment must give one label to every basket (no missing labels).")
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
        raise TypeError(f"basket must be a list of item names, such as ['infant formula'], not {basket!r}.")
    held = {str(i) for i in basket}
    if not held:
        raise ValueError("The basket is empty: a recommendation needs at least one item to start from.")
    require_columns(rules, ("antecedent", "consequent", "confidence", "lift", "support"), "rules", allow_empty=True,
                    fix="Pass the table returned by association_rules().",
                    type_fix="pass the table returned by association_rules()")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a whole number of items, 1 or more; got {k!r}.")
    antecedents = rules["antecedent"].str.split(SEPARATOR, regex=False)
    single = ~rules["consequent"].str.contains(SEPARATOR, regex=False)
    applies = antecedents.map(lambda items: set(items) <= held) & single & (rules["lift"] > min_lift)
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
        raise ValueError("There are no rules to plot: lower min_support or min_confidence.")
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
        raise ValueError("There are no rules to draw: lower min_support or min_confidence.")
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
