"""The "never bare" property (issue 15): a bad input gives the right result or the kit's InputError naming it.

``probes.all_probes()`` lists about 700 calls of the public functions of rfm, clv, pyramid,
qualify and data, each with one thing wrong (see probes.py).  The sweep runs them all; the
hypothesis test then combines two faults in one call, drawn (derandomised) from the same
catalogue of table faults, and asks the same: a named InputError or a result, never a bare
traceback from inside pandas, numpy or scipy.
"""

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import InputError, clv, pyramid, qualify, rfm

from .probes import accounts, all_probes, leads, log, run


def test_every_probe_gets_a_named_error_or_the_right_result():
    outcomes = {probe.label: run(probe) for probe in all_probes()}
    bad = {label: outcome for label, outcome in outcomes.items() if outcome.startswith("BAD")}
    assert len(outcomes) > 600
    assert not bad, "\n".join(f"{label}: {outcome}" for label, outcome in sorted(bad.items()))


# --------------------------------------------------------------------------- two faults at once

CALLS = {
    "rfm_table": (log, lambda f: rfm.rfm_table(f, customer="customer_id", date="timestamp", amount="amount",
                                               order="order_id")),
    "summary_from_transactions": (log, lambda f: clv.summary_from_transactions(
        f, customer="customer_id", date="timestamp", amount="amount", end="2024-03-31")),
    "cohort_retention": (log, lambda f: clv.cohort_retention(f, customer="customer_id", date="timestamp")),
    "clean_log": (lambda: log().drop(columns="amount"), rfm.clean_log),
    "customer_profit": (accounts, pyramid.customer_profit),
    "man_flags": (leads, qualify.man_flags),
}


def fault(frame: pd.DataFrame, kind: str, column: str, row: int) -> pd.DataFrame:
    frame = frame.copy()
    row = row % len(frame)
    if kind == "duplicate column":
        return pd.concat([frame, frame[[column]]], axis=1)
    if kind == "drop column":
        return frame.drop(columns=column)
    values = frame[column].astype(object).tolist()
    values[row] = {"NaN": np.nan, "inf": np.inf, "separator text": "1,234.50", "words": "n/a", "int id": 7,
                   "far date": "2300-01-01", "ambiguous date": "03/04/2024", "offset": "2024-01-05 10:00+08:00",
                   "None": None, "bool": True}[kind]
    frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


KINDS = ["duplicate column", "drop column", "NaN", "inf", "separator text", "words", "int id", "far date",
         "ambiguous date", "offset", "None", "bool"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CALLS)), st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 20),
                                                          st.integers(0, 20)), min_size=1, max_size=2))
def test_two_faults_never_give_a_bare_traceback(name, faults):
    make, call = CALLS[name]
    frame = make()
    touched = []
    for kind, column_pick, row in faults:
        if frame.shape[1] == 0:
            break
        column = frame.columns[column_pick % frame.shape[1]]
        if isinstance(column, str):
            frame = fault(frame, kind, column, row)
            touched.append(column)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            call(frame)
        except InputError:
            pass  # named: the sweep above checks the naming probe by probe
