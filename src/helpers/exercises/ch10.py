"""Checks for ``10_single_customer_view``, and the chapter's wrong-answer catalogue."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data, identity, rfm
from helpers.checks import Exercises, Hint, expect_number, quietly

exercises = Exercises("ch10")
CATALOGUE_COMPLETE = True
#: The integer counts are checked exactly (integer=True), so neighbouring counts are distinct answers.
CATALOGUE_TOLERANCE = {"ex1": 1e-4, "ex4": 1e-4}

SNAPSHOT = pd.Timestamp("2025-01-01")


@lru_cache(maxsize=1)
def _records() -> pd.DataFrame:
    return data.load("channels")


@lru_cache(maxsize=1)
def _truth() -> pd.DataFrame:
    return data.load("channels", "truth")


@lru_cache(maxsize=1)
def _prepared() -> pd.DataFrame:
    return identity.prepare(_records(), verbose=False)


@lru_cache(maxsize=1)
def _scored() -> pd.DataFrame:
    """The chapter's splink pairs (p ≥ 0.01): trained once per session, about 15 seconds."""
    linker = quietly(identity.splink_model, _prepared())
    return quietly(identity.splink_pairs, linker, threshold=0.01)


def _rule_scores(rules) -> dict:
    return identity.pair_scores(identity.rule_pairs(_prepared(), rules=rules), _truth())


# ----------------------------------------------------------------------------- ex1

@lru_cache(maxsize=1)
def _ex1_values() -> dict[str, int]:
    wechat = _prepared()[_prepared()["channel"] == "wechat"]
    return {"expected": int(wechat["phone_norm"].nunique()), "raw": int(wechat["phone"].nunique()),
            "all": int(_prepared()["phone_norm"].nunique()), "rows": int(wechat["phone_norm"].notna().sum()),
            "country-code": int(wechat["phone"].str.replace(r"\D", "", regex=True).nunique())}


@exercises.add("ex1", "n_wechat_phones")
def ex1(n_wechat_phones):
    v = _ex1_values()
    expect_number(n_wechat_phones, v["expected"], name="n_wechat_phones", integer=True, alternatives=[
        (v["raw"], "That counts the phones as typed: `+86 138…` and `138-…` are then two numbers. Count the "
                   "normalised column `phone_norm`.", "not-normalised"),
        (v["all"], "That counts the phones of all four channels; keep the WeChat records (`channel == 'wechat'`).",
         "all-channels"),
        (v["rows"], "That counts WeChat records with a phone; the exercise asks for distinct numbers "
                    "(`.nunique()`).", "rows-not-distinct"),
        (v["country-code"], "That keeps the digits but not the rest of the rule: `86138…` and `138…` are one "
                            "number. Count the normalised column `phone_norm`.", "kept-country-code"),
    ])


exercises.answer("ex1")(lambda: {"n_wechat_phones": _ex1_values()["expected"]})
exercises.form("ex1", "as a numpy integer")(lambda: {"n_wechat_phones": np.int64(_ex1_values()["expected"])})
exercises.mistake("ex1", "not-normalised", "counts the raw phone column")(
    lambda: {"n_wechat_phones": _ex1_values()["raw"]})
exercises.mistake("ex1", "all-channels", "counts every channel")(lambda: {"n_wechat_phones": _ex1_values()["all"]})
exercises.mistake("ex1", "rows-not-distinct", "counts records with a phone")(
    lambda: {"n_wechat_phones": _ex1_values()["rows"]})
exercises.mistake("ex1", "kept-country-code", "keeps the digits with the country code")(
    lambda: {"n_wechat_phones": _ex1_values()["country-code"]})


# ----------------------------------------------------------------------------- ex2

@lru_cache(maxsize=1)
def _ex2_values() -> dict[str, float]:
    email = _rule_scores(["email_norm"])
    return {"expected": email["recall"], "precision": email["precision"],
            "phone": _rule_scores(["phone_norm"])["recall"],
            "both": _rule_scores(["phone_norm", "email_norm"])["recall"]}


@exercises.add("ex2", "email_recall")
def ex2(email_recall):
    v = _ex2_values()
    expect_number(email_recall, v["expected"], name="email_recall", sig=3, alternatives=[
        (v["precision"], "That is the e-mail rule's precision (right pairs ÷ pairs found); recall divides the "
                         "right pairs by all the true pairs.", "precision-not-recall"),
        (v["phone"], "That is the phone rule's recall; use rules=['email_norm'].", "wrong-rule"),
        (v["both"], "That is the recall of phone *or* e-mail (the text's rule); use the e-mail alone.",
         "text-rule"),
    ])


exercises.answer("ex2")(lambda: {"email_recall": _ex2_values()["expected"]})
exercises.form("ex2", "rounded to three figures")(lambda: {"email_recall": float(f"{_ex2_values()['expected']:.3g}")})
exercises.mistake("ex2", "precision-not-recall", "gives the precision")(
    lambda: {"email_recall": _ex2_values()["precision"]})
exercises.mistake("ex2", "wrong-rule", "scores the phone rule")(lambda: {"email_recall": _ex2_values()["phone"]})
exercises.mistake("ex2", "text-rule", "scores phone or e-mail")(lambda: {"email_recall": _ex2_values()["both"]})
exercises.mistake("ex2", "percent-not-share", "gives a percentage")(
    lambda: {"email_recall": 100 * _ex2_values()["expected"]})


# ----------------------------------------------------------------------------- ex3

@lru_cache(maxsize=1)
def _ex3_values() -> dict[str, int]:
    scored = _scored()
    strict = identity.pair_scores(scored[scored["match_probability"] >= 0.99], _truth())
    text = identity.pair_scores(scored[scored["match_probability"] >= 0.9], _truth())
    above = identity.pair_scores(scored[scored["match_probability"] > 0.99], _truth())
    return {"expected": strict["false_merges"], "text": text["false_merges"], "correct": strict["correct"],
            "missed": strict["missed"], "found": strict["found"], "strict-above": above["false_merges"]}


@exercises.add("ex3", "false_merges_99")
def ex3(false_merges_99):
    v = _ex3_values()
    alternatives = [
        (v["text"], "That is the count at the text's threshold 0.9; keep the pairs with probability ≥ 0.99.",
         "text-threshold"),
        (v["correct"], "That counts the right pairs; a false merge is a pair found that the truth does not hold.",
         "correct-not-false"),
        (v["missed"], "That counts missed pairs (true pairs not found), the other kind of error.", "missed-not-false"),
        (v["found"], "That counts every pair found; subtract the right ones.", "found-not-false"),
    ]
    expect_number(false_merges_99, v["expected"], name="false_merges_99", integer=True, alternatives=alternatives)


exercises.answer("ex3")(lambda: {"false_merges_99": _ex3_values()["expected"]})
exercises.form("ex3", "as a float")(lambda: {"false_merges_99": float(_ex3_values()["expected"])})
exercises.mistake("ex3", "text-threshold", "keeps the 0.9 threshold")(
    lambda: {"false_merges_99": _ex3_values()["text"]})
exercises.mistake("ex3", "correct-not-false", "counts the right pairs")(
    lambda: {"false_merges_99": _ex3_values()["correct"]})
exercises.mistake("ex3", "missed-not-false", "counts the missed pairs")(
    lambda: {"false_merges_99": _ex3_values()["missed"]})
exercises.mistake("ex3", "found-not-false", "counts the pairs found")(lambda: {"false_merges_99": _ex3_values()["found"]})


# ----------------------------------------------------------------------------- ex4

def _champions(customer_of: pd.Series) -> int:
    orders = data.load("channels", "transactions")
    log = orders.assign(customer=orders["record_id"].map(customer_of))
    table = quietly(rfm.rfm_table, log, customer="customer", date="date", amount="amount", order="order_id",
                    snapshot=SNAPSHOT)
    segments = rfm.rfm_segments(quietly(rfm.rfm_scores, table))["segment"]
    return int((segments == "champions").sum())


@lru_cache(maxsize=1)
def _ex4_values() -> dict[str, int]:
    prepared = _prepared()
    rules = identity.clusters(identity.rule_pairs(prepared), prepared["record_id"])
    scored = _scored()
    splink = identity.clusters(scored[scored["match_probability"] >= 0.9], prepared["record_id"])
    records = pd.Series(prepared["record_id"].to_numpy(), index=prepared["record_id"])
    return {"expected": _champions(rules), "splink": _champions(splink), "records": _champions(records),
            "truth": _champions(_truth().set_index("record_id")["person_id"])}


@exercises.add("ex4", "champions_rules")
def ex4(champions_rules):
    v = _ex4_values()
    expect_number(champions_rules, v["expected"], name="champions_rules", integer=True, alternatives=[
        (v["splink"], "That is the count with the splink customers (the text's); map the orders to the "
                      "exact-rule clusters `cluster_rules`.", "splink-not-rules"),
        (v["records"], "That counts champions among channel records (before unification); map each order's "
                       "record to its rule cluster first.", "records-not-customers"),
        (v["truth"], "That uses the truth table's people; the exercise asks what the rules would show a firm "
                     "that has no truth table.", "used-truth"),
    ])


exercises.answer("ex4")(lambda: {"champions_rules": _ex4_values()["expected"]})
exercises.form("ex4", "as a one-element list")(lambda: {"champions_rules": [_ex4_values()["expected"]]})
exercises.mistake("ex4", "splink-not-rules", "uses the splink clusters")(
    lambda: {"champions_rules": _ex4_values()["splink"]})
exercises.mistake("ex4", "records-not-customers", "segments the records")(
    lambda: {"champions_rules": _ex4_values()["records"]})
exercises.mistake("ex4", "used-truth", "uses the truth table")(lambda: {"champions_rules": _ex4_values()["truth"]})


# ----------------------------------------------------------------------------- ex5

#: The check's own probes: (pairs, ids).
PROBES = (
    ([("b", "c"), ("a", "b"), ("d", "e")], ["e", "d", "c", "b", "a", "f"]),
    ([("r2", "r3"), ("r1", "r4"), ("r3", "r4")], ["r1", "r2", "r3", "r4", "r5"]),
    ([], ["x", "y"]),
)


def _reference(pairs, ids) -> dict:
    frame = pd.DataFrame(pairs, columns=["id_l", "id_r"])
    return identity.clusters(frame, ids).to_dict()


def _as_dict(result, ids) -> dict | None:
    if isinstance(result, pd.Series):
        result = result.to_dict()
    if isinstance(result, pd.DataFrame) and result.shape[1] == 1:
        result = result.iloc[:, 0].to_dict()
    if not isinstance(result, dict):
        return None
    return {str(k): str(v) for k, v in result.items()}


@exercises.add("ex5", "cluster_ids")
def ex5(cluster_ids):
    if not callable(cluster_ids):
        raise Hint("`cluster_ids` should be a function `def cluster_ids(pairs, ids): ...`, not a value.",
                   "not-a-function")
    got = []
    for pairs, ids in PROBES:
        frame = pd.DataFrame(pairs, columns=["id_l", "id_r"])
        try:
            result = cluster_ids(frame, list(ids))
        except Exception as exc:
            raise Hint(f"Your function raised {type(exc).__name__} on a pair table of {len(frame)} row(s); it must "
                       "also work when there are no pairs.", "function-raises") from None
        mapped = _as_dict(result, ids)
        if mapped is None:
            raise Hint("Return a Series (or dict) mapping each record id to its cluster's name.", "wrong-type")
        got.append(mapped)
    wanted = [_reference(pairs, ids) for pairs, ids in PROBES]
    if got == wanted:
        return
    if any(set(g) != set(ids) for g, (_, ids) in zip(got, PROBES)):
        raise Hint("Every record must get a cluster, also those in no pair (a cluster of one).", "unmatched-left-out")
    direct = [{**{i: i for i in ids}, **{r: l for l, r in sorted(pairs)}} for pairs, ids in PROBES]
    if got == direct:
        raise Hint("That joins each pair but does not follow chains: if a–b and b–c match, a, b and c are one "
                   "cluster (connected components).", "no-transitivity")
    largest = [{k: max(i for i in w if w[i] == w[k]) for k in w} for w in wanted]
    if got == largest:
        raise Hint("Name each cluster by its smallest record id, not the largest.", "largest-id")
    raise Hint("Your clusters differ from the connected components of the pairs on the check's probes; try the "
               "pairs b–c, a–b, d–e by hand (a, b, c are one cluster named 'a').", "generic-wrong-clusters")


def _components(pairs, ids):
    """Connected components by repeated relabelling: both ends of a pair take the smaller label until
    nothing changes, so every record ends with the smallest id of its cluster."""
    label = {i: i for i in ids}
    edges = list(zip(pairs["id_l"], pairs["id_r"]))
    changed = True
    while changed:
        changed = False
        for x, y in edges:
            low = min(label[x], label[y])
            if label[x] != low or label[y] != low:
                label[x] = label[y] = low
                changed = True
    return pd.Series(label)


def _direct(pairs, ids):
    named = {i: i for i in ids}
    for left, right in sorted(zip(pairs["id_l"], pairs["id_r"])):
        named[right] = left
    return named


def _largest(pairs, ids):
    smallest = identity.clusters(pairs, ids)
    return {k: max(i for i in smallest.index if smallest[i] == smallest[k]) for k in smallest.index}


def _matched_only(pairs, ids):
    named = identity.clusters(pairs, ids)
    ends = set(pairs["id_l"]) | set(pairs["id_r"])
    return named[named.index.isin(ends)]


exercises.answer("ex5")(lambda: {"cluster_ids": _components})
exercises.form("ex5", "with the kit's helper")(lambda: {"cluster_ids": lambda pairs, ids: identity.clusters(pairs, ids)})
exercises.mistake("ex5", "no-transitivity", "names each record after its pair partner only")(
    lambda: {"cluster_ids": _direct})
exercises.mistake("ex5", "largest-id", "names clusters by the largest id")(lambda: {"cluster_ids": _largest})
exercises.mistake("ex5", "unmatched-left-out", "forgets records in no pair")(lambda: {"cluster_ids": _matched_only})
exercises.mistake("ex5", "not-a-function", "gives a table instead of a function")(
    lambda: {"cluster_ids": pd.Series({"a": "a"})})


# ----------------------------------------------------------------------------- ex6

@lru_cache(maxsize=1)
def _ex6_values() -> dict[str, int]:
    prepared = _prepared()
    scored = _scored()
    customer = prepared["record_id"].map(identity.clusters(scored[scored["match_probability"] >= 0.9],
                                                           prepared["record_id"]))
    frame = pd.DataFrame({"customer_id": customer, "consent_marketing": prepared["consent_marketing"]})
    strict = identity.consent_filter(frame, customer="customer_id", rule="all", verbose=False)
    loose = identity.consent_filter(frame, customer="customer_id", rule="any", verbose=False)
    return {"expected": int(strict["customer_id"].nunique()), "any": int(loose["customer_id"].nunique()),
            "records": len(strict), "left-out": int(frame["customer_id"].nunique() - strict["customer_id"].nunique())}


@exercises.add("ex6", "n_reachable_all")
def ex6(n_reachable_all):
    v = _ex6_values()
    expect_number(n_reachable_all, v["expected"], name="n_reachable_all", integer=True, alternatives=[
        (v["any"], "That is the count when any channel's yes is enough (the text's rule='any'); the exercise "
                   "lets a no in any channel win (rule='all').", "any-not-all"),
        (v["records"], "That counts records; count distinct customers (`customer_id`).", "records-not-customers"),
        (v["left-out"], "That counts the customers left out; the exercise asks for those who may be contacted.",
         "left-out-not-kept"),
    ])


exercises.answer("ex6")(lambda: {"n_reachable_all": _ex6_values()["expected"]})
exercises.form("ex6", "as a float")(lambda: {"n_reachable_all": float(_ex6_values()["expected"])})
exercises.mistake("ex6", "any-not-all", "keeps rule='any'")(lambda: {"n_reachable_all": _ex6_values()["any"]})
exercises.mistake("ex6", "records-not-customers", "counts records")(lambda: {"n_reachable_all": _ex6_values()["records"]})
exercises.mistake("ex6", "left-out-not-kept", "counts those left out")(
    lambda: {"n_reachable_all": _ex6_values()["left-out"]})


# ----------------------------------------------------------------------------- ex7

exercises.choice("ex7", "safe_pseudonym", "B", {
    "A": ("A plain SHA-256 has no secret: anyone can hash all 11-digit mobile numbers and look the pseudonyms "
          "up.", "unkeyed-hash"),
    "B": "",
    "C": ("The last four digits are shared by about one person in ten thousand of all phones, and together with "
          "city and birth date they point back to a person: that is not a pseudonym.", "partial-identifier"),
    "D": ("A key stored next to the data protects nothing: whoever can read the table can read the key.",
          "key-with-data"),
})
