"""Benchmark: FP-growth versus Apriori (both mlxtend, through ``helpers.basket``).

Run on demand (``make bench``, or ``.venv/bin/python bench/bench_basket.py``); never part
of the test suite.  A seeded basket set of 12,000 baskets over 300 products (popularity
following a Zipf-like curve, a few planted product families) is mined at two support
levels with each method.  For each run the script prints the wall time and the peak memory
allocated by Python (``tracemalloc``), and the ratio Apriori ÷ FP-growth measured in the
same run, so the figures compare like with like on any machine.  It also checks that both
methods return the same itemsets.
"""

from __future__ import annotations

import gc
import time
import tracemalloc

import numpy as np
import pandas as pd

from helpers import basket

SEED = 606
N_BASKETS = 12_000
N_ITEMS = 300
SUPPORTS = (0.02, 0.01)
REPEATS = 2


def make_baskets(seed: int = SEED) -> pd.DataFrame:
    """12,000 baskets over 300 products: Zipf-like popularity plus 10 product families."""
    rng = np.random.default_rng(seed)
    popularity = 1 / np.arange(1, N_ITEMS + 1) ** 0.8
    popularity /= popularity.sum()
    size = 1 + rng.poisson(7, size=N_BASKETS)
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(N_BASKETS, N_ITEMS))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
    holds = rank < size[:, None]
    # families: when a basket holds the family's lead product, it often holds the others too
    for family in range(10):
        lead = 20 + 25 * family
        members = lead + np.arange(1, 4)
        follow = holds[:, lead][:, None] & (rng.random((N_BASKETS, 3)) < 0.6)
        holds[:, members] |= follow
    names = [f"p{i:03d}" for i in range(N_ITEMS)]
    table = pd.DataFrame(holds, columns=pd.Index(names, name="item"))
    return table[table.any(axis=1)].reset_index(drop=True)


def measure(table: pd.DataFrame, support: float, method: str) -> tuple[float, float, pd.DataFrame]:
    """Best wall time (s) over REPEATS runs, peak traced memory (MB) and the result."""
    best = np.inf
    for _ in range(REPEATS):
        gc.collect()
        start = time.perf_counter()
        result = basket.frequent_itemsets(table, support, method=method)
        best = min(best, time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    basket.frequent_itemsets(table, support, method=method)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 1e6, result


def main() -> None:
    table = make_baskets()
    print(f"{len(table):,} baskets, {table.shape[1]} products, "
          f"{table.sum(axis=1).mean():.1f} products per basket")
    rows = []
    for support in SUPPORTS:
        fp_time, fp_mem, fp_result = measure(table, support, "fpgrowth")
        ap_time, ap_mem, ap_result = measure(table, support, "apriori")
        same = fp_result.equals(ap_result)
        rows.append({"min_support": support, "itemsets": len(fp_result), "same_result": same,
                     "fpgrowth_s": round(fp_time, 2), "apriori_s": round(ap_time, 2),
                     "time_ratio_apriori_per_fpgrowth": round(ap_time / fp_time, 1),
                     "fpgrowth_peak_mb": round(fp_mem, 1), "apriori_peak_mb": round(ap_mem, 1),
                     "memory_ratio_apriori_per_fpgrowth": round(ap_mem / fp_mem, 1)})
        if not same:
            raise SystemExit(f"FP-growth and Apriori disagree at min_support={support}")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
