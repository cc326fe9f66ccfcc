"""Properties of helpers.experiment on random tests, and the "never bare" family of its bad inputs (issue 15)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ._i15b_probes import verdict
from helpers import experiment

FAST = settings(max_examples=30, derandomize=True, deadline=None)


@st.composite
def assignment_logs(draw):
    """Rows of (user, arm, ordered), with repeated users, crossovers, missing users and missing arms."""
    n = draw(st.integers(1, 30))
    numeric = draw(st.booleans())
    users = [draw(st.one_of(st.integers(1, 8), st.none())) for _ in range(n)]
    arms = [draw(st.sampled_from(["A", "B", None])) for _ in range(n)]
    frame = pd.DataFrame({"user_id": pd.Series([u if numeric or u is None else f"U{u}" for u in users],
                                               dtype=object),
                          "arm": pd.Series(arms, dtype=object),
                          "ordered": [draw(st.booleans()) for _ in range(n)]})
    return frame.drop_duplicates(["user_id", "arm"])


def _reference_clean(frame):
    """Plain Python: users with a known id, every row's arm known, and one arm only."""
    arms = {}
    for row in frame.itertuples():
        if row.user_id is None:
            continue
        arms.setdefault(row.user_id, []).append(row.arm)
    keep = {u for u, a in arms.items() if None not in a and len(set(a)) == 1}
    return [u for u in frame["user_id"] if u in keep]


@FAST
@given(assignment_logs())
def test_drop_crossovers_matches_a_plain_reference(frame):
    expected = _reference_clean(frame)
    outcome = verdict(lambda: experiment.drop_crossovers(frame), ("user_id",),
                      lambda kept: kept["user_id"].tolist() == expected)
    assert outcome == ("named error" if not expected else "correct result"), outcome


@FAST
@given(st.integers(1, 500), st.integers(1, 500), st.data())
def test_two_proportion_test_matches_the_textbook_formula(n_a, n_b, data):
    x_a, x_b = data.draw(st.integers(0, n_a)), data.draw(st.integers(0, n_b))
    p_a, p_b, pooled = x_a / n_a, x_b / n_b, (x_a + x_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))

    def textbook(result):
        z = (p_a - p_b) / se
        return result["z"] == pytest.approx(z) and result["p_value"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))

    # Given as floats (e.g. read from a spreadsheet), the counts are the same counts.
    outcome = verdict(lambda: experiment.two_proportion_test(float(x_a), n_a, x_b, float(n_b)), ("undefined",),
                      textbook)
    assert outcome == ("named error" if se == 0 else "correct result"), outcome


# --------------------------------------------------------------------------- never bare

ARMS = pd.DataFrame({"user_id": ["U1", "U2", "U3", "U4"], "arm": ["A", "B", "A", "B"],
                     "ordered": [True, False, True, True]})
NAN, INF = float("nan"), float("inf")
PROBES = {
    "two_proportion_test, nan conversions": (lambda: experiment.two_proportion_test(NAN, 100, 18, 100),
                                             ("conversions_a",), None),
    "two_proportion_test, inf users": (lambda: experiment.two_proportion_test(25, INF, 18, 100), ("users_a",), None),
    "two_proportion_test, None": (lambda: experiment.two_proportion_test(25, 100, None, 100), ("conversions_b",),
                                  None),
    "two_proportion_test, numpy counts": (
        lambda: experiment.two_proportion_test(np.int64(25), np.float32(100), 18, 100), (),
        lambda r: r.equals(experiment.two_proportion_test(25, 100, 18, 100))),
    "two_proportion_test, confidence=95": (lambda: experiment.two_proportion_test(25, 100, 18, 100, confidence=95),
                                           ("confidence",), None),
    "two_proportion_test, confidence=nan": (
        lambda: experiment.two_proportion_test(25, 100, 18, 100, confidence=NAN), ("confidence",), None),
    "sample_size, rate as np.float32": (
        lambda: experiment.sample_size_two_proportions(np.float32(0.25), np.float32(0.18)), (),
        lambda n: n == experiment.sample_size_two_proportions(float(np.float32(0.25)), float(np.float32(0.18)))),
    "sample_size, rate=25": (lambda: experiment.sample_size_two_proportions(25, 18), ("rate_a",), None),
    "sample_size, power='80%'": (lambda: experiment.sample_size_two_proportions(0.25, 0.18, power="80%"),
                                 ("power",), None),
    "power, users_per_arm=500.0": (lambda: experiment.power_two_proportions(0.25, 0.18, 500.0), (),
                                   lambda p: p == experiment.power_two_proportions(0.25, 0.18, 500)),
    "power, users_per_arm=nan": (lambda: experiment.power_two_proportions(0.25, 0.18, NAN), ("users_per_arm",),
                                 None),
    "simulate_peeking, days=14.0": (lambda: experiment.simulate_peeking(days=14.0, experiments=50), (),
                                    lambda t: t.equals(experiment.simulate_peeking(days=14, experiments=50))),
    "simulate_peeking, seed='x'": (lambda: experiment.simulate_peeking(seed="x", experiments=50), ("seed",), None),
    "simulate_self_selection, np.float32 effect": (
        lambda: experiment.simulate_self_selection(100, programme_effect=np.float32(0.25)), (),
        lambda t: t.equals(experiment.simulate_self_selection(100, programme_effect=float(np.float32(0.25))))),
    "simulate_self_selection, effect='5%'": (
        lambda: experiment.simulate_self_selection(100, programme_effect="5%"), ("programme_effect",), None),
    "drop_crossovers, missing arm": (
        lambda: experiment.drop_crossovers(ARMS.assign(arm=["A", None, "A", "B"])), (),
        lambda t: t["user_id"].tolist() == ["U1", "U3", "U4"]),
    "drop_crossovers, missing user": (
        lambda: experiment.drop_crossovers(ARMS.assign(user_id=["U1", None, "U3", "U4"])), (),
        lambda t: t["user_id"].tolist() == ["U1", "U3", "U4"]),
    "drop_crossovers, mixed id types": (
        lambda: experiment.drop_crossovers(ARMS.assign(user_id=[1, "1", "U3", "U4"])), ("user_id",), None),
    "drop_crossovers, duplicated column": (
        lambda: experiment.drop_crossovers(pd.concat([ARMS, ARMS[["arm"]]], axis=1)), ("arm",), None),
    "drop_crossovers, no user ids at all": (
        lambda: experiment.drop_crossovers(ARMS.assign(user_id=None)), ("user_id",), None),
    "conversion_table, text flags": (lambda: experiment.conversion_table(ARMS.assign(ordered="yes")), ("ordered",),
                                     None),
    "conversion_table, mixed arm types": (lambda: experiment.conversion_table(ARMS.assign(arm=[1, "1", "A", "B"])),
                                          ("arm",), None),
    "conversion_table, confidence=95": (lambda: experiment.conversion_table(ARMS, confidence=95), ("confidence",),
                                        None),
    "conversion_table, method given as a Series": (
        lambda: experiment.conversion_table(ARMS, method=pd.Series(["wald"])), ("method",), None),
    "two_proportion_test, alternative given as a table": (
        lambda: experiment.two_proportion_test(25, 100, 18, 100, alternative=pd.DataFrame()), ("alternative",),
        None),
    "conversion_table, missing arm": (lambda: experiment.conversion_table(ARMS.assign(arm=["A", None, "A", "B"])),
                                      ("arm",), None),
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_never_bare(probe):
    call, names, check = PROBES[probe]
    assert verdict(call, names, check) in ("named error", "correct result")
