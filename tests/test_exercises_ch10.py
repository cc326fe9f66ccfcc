"""Hint paths of chapter 10's checks that the catalogue does not reach."""

import pandas as pd

from helpers.checks import CORRECT, HINT, run_check
from helpers.exercises import ch10


def _run(key, **namespace):
    return run_check(ch10.exercises, key, namespace)


def test_not_attempted_is_not_a_hint():
    result = _run("ex1")
    assert result.status not in (CORRECT, HINT)


def test_ex5_function_that_raises_gets_its_own_hint():
    def broken(pairs, ids):
        return pairs.iloc[0]["id_l"]   # fails on the empty pair table

    result = _run("ex5", cluster_ids=broken)
    assert result.status == HINT and result.tag in ("function-raises", "wrong-type")


def test_ex5_wrong_clusters_get_the_generic_hint_without_the_answer():
    def everyone_together(pairs, ids):
        return pd.Series({i: "zzz" for i in ids})

    result = _run("ex5", cluster_ids=everyone_together)
    assert result.status == HINT and result.tag == "generic-wrong-clusters"


def test_ex7_not_a_letter():
    result = _run("ex7", safe_pseudonym="hmac")
    assert result.status == HINT and result.tag == "not-an-option"
