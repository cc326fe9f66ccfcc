"""helpers.basket: hand-computed metrics, a brute-force second implementation, determinism, bad input."""

import itertools
import math
import subprocess
import sys
import tracemalloc
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from helpers import basket

# The six baskets worked by hand in notebook 06.
SIX = [
    ["milk", "bread"],
    ["milk", "diapers", "beer", "eggs"],
    ["bread", "diapers", "beer", "cola"],
    ["milk", "bread", "diapers", "beer"],
    ["milk", "bread", "diapers", "cola"],
    ["milk", "bread"],
]


def _rule(rules, antecedent, consequent):
    row = rules[(rules.antecedent == antecedent) & (rules.consequent == consequent)]
    assert len(row) == 1, f"rule {antecedent} -> {consequent} not found once"
    return row.iloc[0]


# ------------------------------------------------------------------ metrics by hand


def test_metrics_match_hand_computation():
    rules = basket.association_rules(SIX, min_support=0.3)
    # beer in baskets 2,3,4 (3/6); diapers in 2,3,4,5 (4/6); both in 2,3,4 (3/6)
    r = _rule(rules, "beer", "diapers")
    assert r.support == pytest.approx(3 / 6)
    assert r.antecedent_support == pytest.approx(3 / 6)
    assert r.consequent_support == pytest.approx(4 / 6)
    assert r.confidence == pytest.approx(1.0)                  # 3 / 3
    assert r.lift == pytest.approx(1.5)                        # 1 / (4/6)
    assert r.leverage == pytest.approx(3 / 6 - 3 / 6 * 4 / 6)  # 1/6
    assert math.isinf(r.conviction)                            # confidence 1
    r = _rule(rules, "diapers", "beer")
    assert r.confidence == pytest.approx(0.75)                 # 3 / 4
    assert r.lift == pytest.approx(1.5)                        # 0.75 / 0.5
    assert r.conviction == pytest.approx(2.0)                  # (1 - 0.5) / (1 - 0.75)
    # milk in 1,2,4,5,6 (5/6); bread in 1,3,4,5,6 (5/6); both in 1,4,5,6 (4/6)
    r = _rule(rules, "milk", "bread")
    assert r.confidence == pytest.approx(0.8)                  # 4 / 5
    assert r.lift == pytest.approx(0.96)                       # 0.8 / (5/6)
    assert r.leverage == pytest.approx(-1 / 36)                # 24/36 - 25/36
    assert r.conviction == pytest.approx((1 - 5 / 6) / (1 - 0.8))


def test_frequent_itemsets_by_hand_and_in_order():
    found = basket.frequent_itemsets(SIX, 0.5)
    # singletons >= 3 of 6: bread 5, milk 5, diapers 4, beer 3; pairs >= 3: bread+milk 4,
    # beer+diapers 3, bread+diapers 3, diapers+milk 3; no triple reaches 3.
    assert found["itemset"].tolist() == ["bread", "milk", "diapers", "bread, milk", "beer",
                                         "beer, diapers", "bread, diapers", "diapers, milk"]
    assert found["baskets"].tolist() == [5, 5, 4, 4, 3, 3, 3, 3]
    assert found["size"].tolist() == [1, 1, 1, 2, 1, 2, 2, 2]
    assert found["support"].tolist() == pytest.approx([5 / 6, 5 / 6, 4 / 6, 4 / 6, 3 / 6, 3 / 6, 3 / 6, 3 / 6])


def test_apriori_gives_the_same_table():
    fp = basket.frequent_itemsets(SIX, 0.3)
    ap = basket.frequent_itemsets(SIX, 0.3, method="apriori")
    pd.testing.assert_frame_equal(fp, ap)


def _brute_force(baskets, min_support):
    counts = Counter()
    for b in baskets:
        items = sorted(set(b))
        for k in range(1, len(items) + 1):
            for combo in itertools.combinations(items, k):
                counts[", ".join(combo)] += 1
    need = min_support * len(baskets)
    return {name: c for name, c in counts.items() if c >= need - 1e-9}


def _as_lists(table):
    """A basket table back to a list of baskets (lists of item names)."""
    values = table.to_numpy(dtype=bool)
    names = np.array([str(c) for c in table.columns], dtype=object)
    return [list(names[row]) for row in values]


def _reference_itemsets(baskets, min_support):
    """A second, independent Apriori (plain Python sets and integers): itemset -> baskets.

    Level by level: join two frequent k-itemsets that differ in one item, keep the candidate
    only if all its k-subsets are frequent, count it by AND-ing the items' basket bitsets
    (one Python integer per item, bit r set when basket r holds the item).
    """
    items = sorted({i for b in baskets for i in b})
    bits = dict.fromkeys(items, 0)
    for r, b in enumerate(baskets):
        for i in set(b):
            bits[i] |= 1 << r
    need = min_support * len(baskets)
    level = {frozenset([i]): bits[i].bit_count() for i in items if bits[i].bit_count() / len(baskets) >= min_support}
    found = dict(level)
    while level:
        by_prefix = {}
        for s in sorted(tuple(sorted(s)) for s in level):
            by_prefix.setdefault(s[:-1], []).append(s[-1])
        candidates = [prefix + pair for prefix, lasts in by_prefix.items()
                      for pair in itertools.combinations(lasts, 2)
                      if all(frozenset(prefix + pair) - {i} in level for i in prefix + pair)]
        level = {}
        for c in candidates:
            mask = bits[c[0]]
            for i in c[1:]:
                mask &= bits[i]
            n = mask.bit_count()
            if n / len(baskets) >= min_support:
                level[frozenset(c)] = n
        found.update(level)
    assert all(n >= need - 1e-9 for n in found.values())
    return {", ".join(sorted(s)): n for s, n in found.items()}


def _reference_rules(itemsets, n_baskets, min_confidence):
    """Every rule A -> C (A, C non-empty, disjoint, A | C frequent) with confidence >= min_confidence."""
    rules = {}
    for label, both in itemsets.items():
        items = label.split(", ")
        for k in range(1, len(items)):
            for antecedent in itertools.combinations(items, k):
                consequent = [i for i in items if i not in antecedent]
                confidence = both / itemsets[", ".join(antecedent)]
                if confidence >= min_confidence:
                    rules[(", ".join(antecedent), ", ".join(consequent))] = (
                        both / n_baskets, confidence, confidence / (itemsets[", ".join(consequent)] / n_baskets))
    return rules


def _assert_same_rules(found, reference):
    assert len(found) == len(reference)
    got = {(a, c): (s, conf, lift) for a, c, s, conf, lift in
           zip(found.antecedent, found.consequent, found.support, found.confidence, found.lift)}
    assert got.keys() == reference.keys()
    for key, values in reference.items():
        assert got[key] == pytest.approx(values, rel=1e-9), key


@pytest.mark.parametrize("seed, n_baskets, n_items, max_size, min_support, min_confidence", [
    (1, 300, 30, 8, 0.03, 0.0),
    (2, 1_000, 40, 12, 0.02, 0.3),
    (3, 2_500, 60, 16, 0.01, 0.5),
    (4, 800, 25, 32, 0.05, 0.8),
])
def test_rules_equal_an_independent_apriori_on_random_baskets(seed, n_baskets, n_items, max_size, min_support,
                                                               min_confidence):
    table = basket.simulate_baskets(n_baskets, n_items=n_items, max_size=max_size, seed=seed)
    table = table.loc[:, table.any()]
    lists = _as_lists(table)
    itemsets = _reference_itemsets(lists, min_support)
    assert len(itemsets) > 200
    for method in ("fpgrowth", "apriori"):
        found = basket.frequent_itemsets(table, min_support, method=method)
        assert dict(zip(found["itemset"], found["baskets"])) == itemsets
        rules = basket.association_rules(table, min_support=min_support, min_confidence=min_confidence,
                                         method=method)
        _assert_same_rules(rules, _reference_rules(itemsets, len(lists), min_confidence))


def test_textbook_setting_on_a_grocery_shaped_set():
    # the shape of the grocery set the textbooks use: 9,835 baskets, 169 products, about 4.4 per
    # basket, a long tail of big baskets; at support 0.001 (10 baskets) and confidence 0.5
    table = basket.simulate_baskets()
    sizes = table.sum(axis=1)
    assert table.shape == (9_835, 169) and 4.2 < sizes.mean() < 4.6 and sizes.max() >= 25
    tracemalloc.start()
    rules = basket.association_rules(table, min_support=0.001, min_confidence=0.5)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 200e6
    itemsets = _reference_itemsets(_as_lists(table), 0.001)
    assert len(itemsets) > 10_000
    _assert_same_rules(rules, _reference_rules(itemsets, len(table), 0.5))


def test_simulated_baskets_are_seeded_and_shaped():
    a, b = basket.simulate_baskets(500, seed=7), basket.simulate_baskets(500, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(basket.simulate_baskets(500, seed=8))
    big = basket.simulate_baskets(20_000, seed=1)
    share = big.mean()
    assert 0.2 < share.max() < 0.35 and share.iloc[:10].min() > 10 * share.iloc[-10:].max()   # skewed, by name
    assert big.any(axis=1).all() and (big.sum(axis=1) == 1).mean() == pytest.approx(1 / 4.4, abs=0.02)


def test_matches_brute_force_on_random_baskets():
    rng = np.random.default_rng(6)
    items = [f"item{i:02d}" for i in range(15)]
    weights = np.linspace(3, 0.3, 15)
    weights /= weights.sum()
    baskets = [list(rng.choice(items, size=rng.integers(1, 7), replace=False, p=weights)) for _ in range(400)]
    truth = _brute_force(baskets, 0.04)
    found = basket.frequent_itemsets(baskets, 0.04)
    assert dict(zip(found["itemset"], found["baskets"])) == truth
    # the guard's bound is a true upper bound
    assert basket.estimate_itemsets(baskets, 0.04) >= len(truth)
    # and exact for singletons and pairs
    assert basket.estimate_itemsets(baskets, 0.04, max_len=2) == sum(1 for k in truth if k.count(",") <= 1)


def test_estimate_is_exact_up_to_pairs_on_six_baskets():
    # >= 2 of 6: milk, bread, diapers, beer, cola (5 items) and 8 pairs (see notebook 06)
    assert basket.estimate_itemsets(SIX, 0.3, max_len=2) == 13
    assert len(basket.frequent_itemsets(SIX, 0.3, max_len=2)) == 13


def test_filters():
    rules = basket.association_rules(SIX, min_support=0.3, min_confidence=0.7, min_lift=1.01,
                                     single_consequent=True)
    assert (rules.confidence >= 0.7).all() and (rules.lift >= 1.01).all()
    assert not rules.consequent.str.contains(",").any()
    assert list(rules.columns) == basket.RULE_COLUMNS
    # by hand: beer->diapers (1.0, 1.5), diapers->beer (0.75, 1.5), cola->diapers (1, 1.5),
    # beer+bread->diapers, beer+milk->diapers, bread+cola->diapers (1, 1.5), cola->bread (1, 1.2),
    # cola+diapers->bread (1, 1.2), bread+diapers->cola (0.67: dropped)
    assert set(zip(rules.antecedent, rules.consequent)) == {
        ("beer", "diapers"), ("diapers", "beer"), ("cola", "diapers"), ("beer, bread", "diapers"),
        ("beer, milk", "diapers"), ("bread, cola", "diapers"), ("cola", "bread"), ("cola, diapers", "bread")}


def test_rules_are_sorted_by_lift_confidence_support_then_names():
    rules = basket.association_rules(SIX, min_support=0.3)
    key = list(zip(-rules.lift, -rules.confidence, -rules.support, rules.antecedent, rules.consequent))
    assert key == sorted(key)
    assert rules.index.tolist() == list(range(len(rules)))


def test_empty_rule_table_when_no_pair_is_frequent():
    rules = basket.association_rules([["a"], ["b"], ["c"]], min_support=0.3)
    assert rules.empty and list(rules.columns) == basket.RULE_COLUMNS


# ------------------------------------------------------------------ inputs


def _lines():
    rows = []
    for number, b in enumerate(SIX, start=1):
        for product in b:
            rows.append((f"T{number:03d}", "M1" if number % 2 else None, product, 1))
    rows.append(("T002", None, "beer", 2))                  # the same item twice on a receipt
    rows.append(("R001", "M1", "cola", -1))                 # a return receipt
    rows.append(("T003", None, "eggs", -1))                 # a return line inside a receipt
    return pd.DataFrame(rows, columns=["order_id", "customer_id", "product", "quantity"])


def test_basket_matrix_from_lines(capsys):
    matrix = basket.basket_matrix(_lines(), order="order_id", item="product")
    assert "left out 2 return or zero-quantity lines" in capsys.readouterr().out
    assert matrix.index.tolist() == [f"T{i:03d}" for i in range(1, 7)]   # R001 held only a return
    assert matrix.columns.tolist() == ["beer", "bread", "cola", "diapers", "eggs", "milk"]
    assert matrix.dtypes.eq(bool).all()
    assert matrix.loc["T002"].sum() == 4                     # beer counted once
    assert not matrix.loc["T003", "eggs"]                    # returned eggs are no purchase
    assert matrix.index.name == "order_id" and matrix.columns.name == "product"


def test_blank_lines_are_counted(capsys):
    lines = _lines()
    lines.loc[0, "product"] = None
    basket.basket_matrix(lines, order="order_id", item="product")
    assert "1 lines with no order_id or no product" in capsys.readouterr().out


def test_three_inputs_give_the_same_rules():
    from_list = basket.association_rules(SIX, min_support=0.3)
    lines = _lines().iloc[:-3]                               # only the six clean baskets
    from_lines = basket.association_rules(lines, min_support=0.3, order="order_id", item="product")
    from_matrix = basket.association_rules(basket.basket_matrix(lines, order="order_id", item="product"),
                                           min_support=0.3)
    pd.testing.assert_frame_equal(from_list, from_lines)
    pd.testing.assert_frame_equal(from_list, from_matrix)
    # a tuple of tuples, a Series of lists and a sparse table give the same answer too
    pd.testing.assert_frame_equal(from_list, basket.association_rules(tuple(map(tuple, SIX)), min_support=0.3))
    pd.testing.assert_frame_equal(from_list, basket.association_rules(pd.Series(SIX), min_support=0.3))
    sparse = basket.baskets_from_lists(SIX, sparse=True)
    assert all(isinstance(d, pd.SparseDtype) for d in sparse.dtypes)
    pd.testing.assert_frame_equal(from_list, basket.association_rules(sparse, min_support=0.3))


def test_order_of_input_lines_does_not_matter():
    lines = _lines().iloc[:-3]
    shuffled = lines.sample(frac=1.0, random_state=3)
    a = basket.association_rules(lines, min_support=0.3, order="order_id", item="product")
    b = basket.association_rules(shuffled, min_support=0.3, order="order_id", item="product")
    pd.testing.assert_frame_equal(a, b)


_SCRIPT = """
from helpers import basket
rng_baskets = [["a%d" % ((i * 7 + j * 3) % 11) for j in range(1 + i % 4)] for i in range(300)]
print(basket.association_rules(rng_baskets, min_support=0.02).to_csv(index=False))
print(basket.frequent_itemsets(rng_baskets, 0.02).to_csv(index=False))
"""


def test_output_identical_under_any_hash_seed():
    outputs = set()
    for seed in ("0", "12345"):
        result = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True,
                                env={"PYTHONHASHSEED": seed, "PATH": ""})
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert outputs.pop().count("\n") > 20


def test_rule_by_segment_by_hand():
    # baskets 0-2 are "day", 3-5 "evening".  Day: beer in 1, 2; diapers in 1, 2; both in 1, 2
    # -> confidence 2/2 = 1, lift 1 / (2/3) = 1.5.  Evening: beer in 3; diapers in 3, 4;
    # both in 3 -> confidence 1, lift 1 / (2/3) = 1.5; support 1/3.
    segment = pd.Series(["day"] * 3 + ["evening"] * 3)
    table = basket.rule_by_segment(SIX, "beer", "diapers", segment)
    assert table.index.tolist() == ["day", "evening"]
    assert table["baskets"].tolist() == [3, 3]
    assert table["baskets_with_both"].tolist() == [2, 1]
    assert table["support"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert table["confidence"].tolist() == pytest.approx([1.0, 1.0])
    assert table["lift"].tolist() == pytest.approx([1.5, 1.5])
    # milk -> bread within segments: day milk in 0, 1; bread in 0, 2; both in 0 -> conf 0.5,
    # lift 0.5 / (2/3) = 0.75
    day = basket.rule_by_segment(SIX, ["milk"], "bread", segment).loc["day"]
    assert day["confidence"] == pytest.approx(0.5) and day["lift"] == pytest.approx(0.75)
    with pytest.raises(ValueError, match="not an item"):
        basket.rule_by_segment(SIX, "wine", "beer", segment)
    with pytest.raises(ValueError, match="one label to every basket"):
        basket.rule_by_segment(SIX, "beer", "diapers", segment.iloc[:4])


# ------------------------------------------------------------------ recommend


def test_recommend_by_hand():
    rules = basket.association_rules(SIX, min_support=0.3)
    tips = basket.recommend(["diapers"], rules)
    # diapers -> beer: confidence 3/4, lift 1.5; diapers -> cola: 2/4, lift 1.5;
    # diapers -> milk and -> bread: lift 0.9, no reason to recommend
    assert tips["item"].tolist() == ["beer", "cola"]
    assert tips["confidence"].tolist() == pytest.approx([0.75, 0.5])
    assert tips["antecedent"].tolist() == ["diapers", "diapers"]
    # items already in the basket are never suggested; k limits the list
    tips = basket.recommend(["beer", "bread"], rules, k=1)
    assert tips["item"].tolist() == ["diapers"]              # beer, bread -> diapers: confidence 1
    assert basket.recommend(["eggs"], rules).empty


@pytest.mark.parametrize("bad, error, words", [
    ([], ValueError, "empty"),
    ("diapers", TypeError, "list of item names"),
])
def test_recommend_bad_basket(bad, error, words):
    rules = basket.association_rules(SIX, min_support=0.3)
    with pytest.raises(error, match=words):
        basket.recommend(bad, rules)


def test_recommend_bad_rules_and_k():
    rules = basket.association_rules(SIX, min_support=0.3)
    with pytest.raises(ValueError, match="'lift'"):
        basket.recommend(["milk"], rules.drop(columns="lift"))
    with pytest.raises(ValueError, match="k must be"):
        basket.recommend(["milk"], rules, k=0)


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("support, error, words", [
    (0, ValueError, r"\(0, 1\]"),
    (-0.1, ValueError, r"\(0, 1\]"),
    (1.5, ValueError, "write 0.02 for 2%"),
    (5, ValueError, "write 0.02 for 2%"),
    ("0.1", TypeError, "must be a number"),
    (True, TypeError, "must be a number"),
])
def test_support_threshold_outside_0_1(support, error, words):
    with pytest.raises(error, match=words):
        basket.frequent_itemsets(SIX, support)
    with pytest.raises(error, match=words):
        basket.association_rules(SIX, min_support=support)


def test_support_of_one_is_allowed():
    assert basket.frequent_itemsets([["a", "b"], ["a"]], 1.0)["itemset"].tolist() == ["a"]


@pytest.mark.parametrize("baskets, error, words", [
    ([], ValueError, "list of baskets is empty"),
    ([["a"], [], ["b"], []], ValueError, r"Basket 1 is empty \(2 empty baskets"),
    ([["a"], "b"], TypeError, r"write \['b'\]"),
    ("abc", TypeError, "list of baskets"),
    (42, TypeError, "Expected till lines"),
])
def test_bad_baskets(baskets, error, words):
    with pytest.raises(error, match=words):
        basket.association_rules(baskets, min_support=0.5)


def test_bad_tables():
    lines = _lines()
    with pytest.raises(ValueError, match="no column 'sku'"):
        basket.basket_matrix(lines, order="order_id", item="sku")
    with pytest.raises(ValueError, match="empty"):
        basket.basket_matrix(lines.iloc[:0], order="order_id", item="product")
    with pytest.raises(ValueError, match="No purchase lines are left"):
        basket.basket_matrix(lines.assign(quantity=-1), order="order_id", item="product")
    with pytest.raises(TypeError, match="not a True/False basket table"):
        basket.association_rules(lines, min_support=0.5)
    matrix = basket.baskets_from_lists(SIX)
    matrix.loc[0, :] = False
    with pytest.raises(ValueError, match="1 baskets hold no item"):
        basket.frequent_itemsets(matrix, 0.5)
    with pytest.raises(ValueError, match="method must be"):
        basket.frequent_itemsets(SIX, 0.5, method="eclat")
    with pytest.raises(ValueError, match="max_len"):
        basket.frequent_itemsets(SIX, 0.5, max_len=0)
    with pytest.raises(ValueError, match="min_confidence"):
        basket.association_rules(SIX, min_support=0.5, min_confidence=1.5)


def test_explosion_is_refused_before_mining():
    # 200 baskets that all hold the same 30 items: every one of the 2^30 - 1 = 1,073,741,823
    # itemsets is frequent at any threshold, more than any memory holds.  The guard refuses at
    # once (before the FP-tree is mined), naming the way out.
    dense = [[f"item{i:02d}" for i in range(30)]] * 200
    for method in ("fpgrowth", "apriori"):
        with pytest.raises(basket.InputError, match=r"too low .* at least 1,073,741,823 itemsets .* max_len"):
            basket.frequent_itemsets(dense, 0.5, method=method)
    # the same data with max_len=2 is fine: 30 + C(30, 2) = 30 + 435 itemsets
    assert len(basket.frequent_itemsets(dense, 0.5, max_len=2)) == 30 + 435
    # 20 baskets of the same 12 items: 2^12 - 1 = 4,095 itemsets; the limit is "more than max_itemsets"
    small = [[f"item{i:02d}" for i in range(12)]] * 20
    with pytest.raises(basket.InputError, match=r"at least 4,095 itemsets .* limit of 4,094"):
        basket.frequent_itemsets(small, 0.5, max_itemsets=4094)
    assert len(basket.frequent_itemsets(small, 0.5, max_itemsets=4095)) == 4095
    assert len(basket.frequent_itemsets(small, 0.5, max_itemsets=4095, method="apriori")) == 4095


def test_guard_counts_while_mining_and_refuses_only_past_the_limit():
    # no basket content repeats often enough to trip the instant check: the count stops the miner
    baskets = basket.simulate_baskets(2_000, n_items=40, seed=3)
    exact = len(_reference_itemsets(_as_lists(baskets), 0.02))
    assert len(basket.frequent_itemsets(baskets, 0.02, max_itemsets=exact)) == exact
    for method in ("fpgrowth", "apriori"):
        with pytest.raises(basket.InputError, match=rf"mining stopped once more than {exact - 1:,} .*max_len"):
            basket.frequent_itemsets(baskets, 0.02, method=method, max_itemsets=exact - 1)
    # a typo such as min_support=0.00001 is refused at once: a basket of m items that occurs
    # once is then frequent, and so are its 2^m - 1 subsets
    biggest = int(baskets.sum(axis=1).max())
    with pytest.raises(basket.InputError, match=rf"at least {2 ** biggest - 1:,} itemsets .*a basket holds the "
                                                rf"same {biggest} frequent items"):
        basket.frequent_itemsets(baskets, 0.00001, max_itemsets=2 ** biggest - 2)
    # rules are guarded too: 12 items always bought together give 4,095 itemsets but
    # 3^12 - 2 * 2^12 + 1 = 523,250 rules (each k-itemset splits 2^k - 2 ways), all of confidence 1
    small = [[f"item{i:02d}" for i in range(12)]] * 20
    with pytest.raises(basket.InputError, match="rules had passed min_confidence"):
        basket.association_rules(small, min_support=0.5, max_itemsets=4095)


def test_default_limit_comes_from_the_available_memory(monkeypatch):
    monkeypatch.setattr(basket, "available_memory", lambda: 2 * 13 * basket.BYTES_PER_ITEMSET)
    # half of the memory holds 13 itemsets: the 13 frequent itemsets of the six baskets at 0.3 (max_len 2) fit
    assert len(basket.frequent_itemsets(SIX, 0.3, max_len=2)) == 13
    with pytest.raises(basket.InputError, match=r"more than 13 itemsets .*half of the memory available"):
        basket.frequent_itemsets(SIX, 0.3)


def test_itemset_label():
    assert basket.itemset_label(frozenset({"diapers", "beer"})) == "beer, diapers"
    assert basket.itemset_label(["b"]) == "b"


def test_pictures_draw_and_refuse_empty_rules():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rules = basket.association_rules(SIX, min_support=0.3)
    ax = basket.plot_rules(rules)
    # one point per rule; the 4 labels go to one-to-one rules only
    assert len(ax.collections[0].get_offsets()) == len(rules)
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == 4 and all(label.count("→") == 1 and "," not in label for label in labels)
    plt.close("all")
    ax = basket.plot_rule_network(rules, n=3)
    # the top 3 rules by lift: cola -> bread, diapers; bread, diapers -> cola; beer -> diapers
    names = {t.get_text() for t in ax.texts if t.get_text() and "%" not in t.get_text()}
    assert names == {"cola", "bread, diapers", "beer", "diapers"}
    plt.close("all")
    with pytest.raises(ValueError, match="no rules"):
        basket.plot_rules(rules.iloc[:0])
    with pytest.raises(ValueError, match="no rules"):
        basket.plot_rule_network(rules.iloc[:0])


# ------------------------------------------------------------------ bad input seen in issue 15


def test_input_error_is_both_value_and_type_error():
    assert issubclass(basket.InputError, ValueError) and issubclass(basket.InputError, TypeError)


def test_quantity_with_thousands_separators_is_refused_not_called_a_return():
    lines = _lines().iloc[:-3].astype({"quantity": object})
    lines.loc[0, "quantity"] = "1,000"
    with pytest.raises(basket.InputError, match=r"'quantity' .*thousands separators.*'1,000'.*str.replace"):
        basket.basket_matrix(lines, order="order_id", item="product")
    lines.loc[0, "quantity"] = "a dozen"
    with pytest.raises(basket.InputError, match=r"'quantity' must hold numbers.*a dozen"):
        basket.basket_matrix(lines, order="order_id", item="product")


def test_missing_quantity_is_counted_apart_from_returns(capsys):
    lines = _lines()                         # 2 return lines (quantity -1)
    lines.loc[0, "quantity"] = np.nan        # T001's milk: quantity unknown
    matrix = basket.basket_matrix(lines, order="order_id", item="product")
    out = capsys.readouterr().out
    assert "2 return or zero-quantity lines" in out and "1 lines with no quantity" in out
    assert not matrix.loc["T001", "milk"] and matrix.loc["T001", "bread"]
    lines.loc[0, "quantity"] = np.inf
    with pytest.raises(basket.InputError, match="1 infinite quantities"):
        basket.basket_matrix(lines, order="order_id", item="product")


def test_missing_item_names_in_lists_are_left_out_and_counted(capsys):
    table = basket.baskets_from_lists([["beer", None], ["beer", "diapers", np.nan]])
    assert "left out 2 missing item names" in capsys.readouterr().out
    assert table.columns.tolist() == ["beer", "diapers"]          # no item called "None" or "nan"
    assert table["beer"].tolist() == [True, True]
    with pytest.raises(basket.InputError, match="Basket 0 is empty"):
        basket.baskets_from_lists([[None], ["beer"]])


def test_itemset_label_refuses_a_bare_string():
    with pytest.raises(basket.InputError, match=r"write \['beer'\]"):
        basket.itemset_label("beer")
    assert basket.itemset_label(["beer"]) == "beer"


def test_mixed_number_and_text_ids_are_refused():
    lines = _lines().iloc[:-3].astype({"order_id": object})
    lines.loc[lines.order_id == "T001", "order_id"] = 1
    with pytest.raises(basket.InputError, match=r"'order_id' mixes text ids and numbers.*astype\(str\)"):
        basket.basket_matrix(lines, order="order_id", item="product")
    lines = _lines().iloc[:-3].astype({"product": object})
    lines.loc[0, "product"] = 7
    with pytest.raises(basket.InputError, match=r"'product' mixes text ids and numbers"):
        basket.basket_matrix(lines, order="order_id", item="product")
    with pytest.raises(basket.InputError, match="mix numbers and text"):
        basket.baskets_from_lists([[1, "1"], ["beer"]])
    # numbers alone are fine: they become their text
    assert basket.baskets_from_lists([[101, 102], [101]]).columns.tolist() == ["101", "102"]
    table = pd.DataFrame({1: [True, False], "1": [True, True]})
    with pytest.raises(basket.InputError, match="used twice"):
        basket.frequent_itemsets(table, 0.5)


def test_duplicated_columns_are_refused():
    lines = _lines()
    doubled = pd.concat([lines, lines[["product"]]], axis=1)
    with pytest.raises(basket.InputError, match=r"more than one column named 'product'"):
        basket.basket_matrix(doubled, order="order_id", item="product")
    doubled = pd.concat([lines, lines[["quantity"]]], axis=1)
    with pytest.raises(basket.InputError, match=r"more than one column named 'quantity'"):
        basket.basket_matrix(doubled, order="order_id", item="product")
    table = basket.baskets_from_lists(SIX)
    with pytest.raises(basket.InputError, match="used twice"):
        basket.frequent_itemsets(pd.concat([table, table[["beer"]]], axis=1), 0.5)


def test_item_names_holding_the_separator_are_refused():
    with pytest.raises(basket.InputError, match=r"'salt, fine' contains ', '"):
        basket.baskets_from_lists([["salt, fine", "pepper"], ["pepper"]])
    lines = _lines().iloc[:-3]
    lines.loc[0, "product"] = "salt, fine"
    with pytest.raises(basket.InputError, match="contains"):
        basket.basket_matrix(lines, order="order_id", item="product")


def test_confidence_given_as_a_percent_is_refused():
    with pytest.raises(basket.InputError, match="write 0.5 for 50%"):
        basket.association_rules(SIX, min_support=0.3, min_confidence=50)
    with pytest.raises(basket.InputError, match="finite"):
        basket.association_rules(SIX, min_support=0.3, min_confidence=float("nan"))


def test_whole_number_floats_are_accepted_where_a_count_is_asked():
    rules = basket.association_rules(SIX, min_support=0.3)
    assert basket.recommend(["diapers"], rules, k=1.0)["item"].tolist() == ["beer"]
    assert len(basket.frequent_itemsets(SIX, 0.3, max_len=2.0)) == 13
    with pytest.raises(basket.InputError, match="k must be"):
        basket.recommend(["diapers"], rules, k=1.5)


def test_column_order_of_the_basket_table_does_not_matter():
    table = basket.baskets_from_lists(SIX)
    shuffled = table[["milk", "cola", "beer", "eggs", "bread", "diapers"]]
    pd.testing.assert_frame_equal(basket.association_rules(table, min_support=0.3),
                                  basket.association_rules(shuffled, min_support=0.3))
    pd.testing.assert_frame_equal(basket.frequent_itemsets(table, 0.3), basket.frequent_itemsets(shuffled, 0.3))
