"""Benchmark: the kit's basket mining against mlxtend's ``fpgrowth`` and ``apriori`` called directly.

Run on demand (``make bench``, or ``.venv/bin/python bench/bench_basket.py``); never part of
the test suite.  The baskets come from :func:`helpers.basket.simulate_baskets`, shaped like
the public grocery set most textbooks use (9,835 receipts, 169 products, about 4.4 products
per receipt, Zipf-like popularity, a long tail of receipts up to 32 products).  Rows:

* the 9,835 baskets at supports 0.01, 0.005, 0.002 and 0.001 (the textbook setting);
* 100,000 and 1,000,000 baskets of the same shape at support 0.01, to show how time and
  memory grow with the number of baskets.

Each row times, in the same run and on the same basket table: ``frequent_itemsets`` of the
kit (mlxtend's FP-tree and recursion behind the kit's guard and tidying), mlxtend's own
``fpgrowth`` and ``apriori`` (with ``use_colnames=True``), and the kit's
``association_rules`` at confidence 0.5 end to end.  It prints wall time (best of a few
runs), CPU time, peak memory allocated by Python (``tracemalloc``) and the ratios kit ÷
mlxtend, plus the guard's share of the kit's time (the guard's own work, timed apart: the
memory budget and the instant check on repeated baskets; the count during mining is an
``islice`` around the miner's generator).  It checks that every method finds the same
itemsets.  mlxtend's apriori is skipped where its own arrays (baskets × candidates × items
booleans) would pass 1 GB.  Times depend on the machine and its load; ratios measured in
one run compare like with like.
"""

from __future__ import annotations

import gc
import math
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import apriori as mlxtend_apriori
from mlxtend.frequent_patterns import fpgrowth as mlxtend_fpgrowth

from helpers import basket

CONFIDENCE = 0.5
ROWS = [(9_835, 0.01), (9_835, 0.005), (9_835, 0.002), (9_835, 0.001), (100_000, 0.01), (1_000_000, 0.01)]
APRIORI_BYTES = 1e9


def timed(call, repeats: int):
    """Best wall time, CPU time of that run, peak traced memory (MB) of one more run, and the result."""
    best, cpu, result = math.inf, math.nan, None
    for _ in range(repeats):
        gc.collect()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        result = call()
        wall = time.perf_counter() - wall0
        if wall < best:
            best, cpu = wall, time.process_time() - cpu0
    gc.collect()
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return best, cpu, peak, result


def guard_seconds(table: pd.DataFrame, support: float, repeats: int) -> float:
    """The guard's own work, timed apart: the budget from the available memory and the instant
    check (distinct basket contents and their counts are what the FP-tree is built from anyway;
    only the check on them is the guard's)."""
    matrix = basket._csr(table)
    n = matrix.shape[0]
    min_count = basket._min_count(support, n)
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts >= min_count)
    order = frequent[np.argsort(-counts[frequent], kind="stable")]
    patterns, multiplicity = basket._patterns(matrix, order)
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        limit, how = basket._limit(None)
        basket._check_lower_bound(patterns, multiplicity, min_count, None, limit, lambda **_: None)
        best = min(best, time.perf_counter() - start)
    return best


def mlxtend_labels(raw: pd.DataFrame) -> dict:
    return {basket.itemset_label(s): round(v * 1e9) for s, v in zip(raw["itemsets"], raw["support"])}


def main() -> None:
    rows = []
    tables = {}
    for n_baskets, support in ROWS:
        if n_baskets not in tables:
            tables = {n_baskets: basket.simulate_baskets(n_baskets, seed=2024)}
            t = tables[n_baskets]
            sizes = t.sum(axis=1)
            print(f"{n_baskets:,} baskets, {t.shape[1]} products, {sizes.mean():.2f} per basket (largest "
                  f"{sizes.max()}), best seller in {t.mean().max():.0%} of baskets", flush=True)
        table = tables[n_baskets]
        repeats = 3 if n_baskets < 50_000 else 1
        kit_s, kit_cpu, kit_mb, kit = timed(lambda: basket.frequent_itemsets(table, support), repeats)
        fp_s, fp_cpu, fp_mb, fp = timed(lambda: mlxtend_fpgrowth(table, min_support=support, use_colnames=True),
                                        repeats)
        frequent_items = int((table.mean() >= support).sum())
        apriori_bytes = n_baskets * math.comb(frequent_items, 2) * 2
        if apriori_bytes <= APRIORI_BYTES:
            ap_s, ap_cpu, ap_mb, ap = timed(lambda: mlxtend_apriori(table, min_support=support, use_colnames=True),
                                            1)
            same_ap = mlxtend_labels(ap) == mlxtend_labels(fp)
        else:
            ap_s = ap_cpu = ap_mb = math.nan
            same_ap = None
        rules_s, rules_cpu, rules_mb, rules = timed(
            lambda: basket.association_rules(table, min_support=support, min_confidence=CONFIDENCE), repeats)
        guard = guard_seconds(table, support, repeats)
        kit_found = {k: round(v * 1e9) for k, v in zip(kit["itemset"], kit["support"])}
        if kit_found != mlxtend_labels(fp) or same_ap is False:
            raise SystemExit(f"The methods disagree at {n_baskets:,} baskets, min_support={support}")
        rows.append({
            "baskets": n_baskets, "min_support": support, "itemsets": len(kit), "rules": len(rules),
            "kit_s": kit_s, "fpgrowth_s": fp_s, "apriori_s": ap_s,
            "kit/fpgrowth": kit_s / fp_s, "kit/apriori": kit_s / ap_s,
            "kit_cpu_s": kit_cpu, "fpgrowth_cpu_s": fp_cpu, "kit/fpgrowth_cpu": kit_cpu / fp_cpu,
            "kit_mb": kit_mb, "fpgrowth_mb": fp_mb, "apriori_mb": ap_mb,
            "mem kit/fpgrowth": kit_mb / fp_mb, "mem kit/apriori": kit_mb / ap_mb,
            "guard_share": guard / kit_s,
            "rules_s": rules_s, "rules_cpu_s": rules_cpu, "rules_mb": rules_mb,
        })
        print(pd.DataFrame(rows[-1:]).to_string(index=False), flush=True)
    table = pd.DataFrame(rows)
    pretty = table.copy()
    for column in pretty.columns:
        if column.endswith("_s") or "/" in column or column.endswith("_cpu"):
            pretty[column] = pretty[column].map(lambda v: "—" if math.isnan(v) else f"{v:.2f}")
        elif column.endswith("_mb"):
            pretty[column] = pretty[column].map(lambda v: "—" if math.isnan(v) else f"{v:.0f}")
    pretty["guard_share"] = table["guard_share"].map(lambda v: f"{v:.1%}")
    print()
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(pretty.to_string(index=False))
    worst = table.loc[table["baskets"] == 9_835, "kit/fpgrowth"].max()
    worst_cpu = table.loc[table["baskets"] == 9_835, "kit/fpgrowth_cpu"].max()
    print(f"\nkit ÷ mlxtend fpgrowth, worst of the 9,835-basket rows: {worst:.2f} wall, {worst_cpu:.2f} CPU "
          f"(target ≤ 1.2); "
          f"guard share at most {table['guard_share'].max():.1%} (target < 10%)")
    textbook = table[(table["baskets"] == 9_835) & (table["min_support"] == 0.001)].iloc[0]
    print(f"textbook setting (support 0.001, confidence 0.5): {int(textbook['rules']):,} rules in "
          f"{textbook['rules_s']:.2f} s wall ({textbook['rules_cpu_s']:.2f} s CPU), peak {textbook['rules_mb']:.0f} MB")
    if worst > 1.2:
        sys.exit(1)


if __name__ == "__main__":
    main()
