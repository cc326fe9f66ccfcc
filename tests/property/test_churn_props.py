"""Properties of helpers.churn on random data, and the "never bare" family of its bad inputs (issue 15)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from ._i15b_probes import verdict
from helpers import churn

FAST = settings(max_examples=25, derandomize=True, deadline=None)


def _table(n=60, seed=0):
    rng = np.random.default_rng(seed)
    logins = rng.integers(0, 30, n)
    return pd.DataFrame({"logins": logins, "bill": rng.normal(300, 50, n).round(2),
                         "plan": rng.choice(["basic", "pro"], n),
                         "churned": (rng.random(n) < 1 / (1 + np.exp(0.15 * logins - 1.5)))},
                        index=[f"A{i:02d}" for i in range(n)])


TABLE = _table()
MODEL = churn.fit_churn_model(TABLE, "churned", ["logins", "bill"], ["plan"])
Y = TABLE["churned"]
P = churn.churn_probability(MODEL, TABLE)


@st.composite
def scored(draw):
    n = draw(st.integers(4, 30))
    y = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(lambda v: 0 < sum(v) < len(v)))
    p = draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    labels = draw(st.permutations([f"c{i}" for i in range(n)]))
    return pd.Series(y, index=[f"c{i}" for i in range(n)]), pd.Series(p, index=labels)


@FAST
@given(scored())
def test_scores_are_matched_by_index_whatever_their_order(data):
    y, p = data
    table = churn.evaluation_table(y, {"m": p}, threshold=0.5)
    aligned = p.reindex(y.index).to_numpy()
    outcome = y.to_numpy().astype(int)
    assert table.loc["m", "roc_auc"] == pytest.approx(roc_auc_score(outcome, aligned))
    flagged = aligned >= 0.5
    assert table.loc["m", "recall"] == pytest.approx((flagged & (outcome == 1)).sum() / outcome.sum())
    assert churn.calibration_table(y, p, bins=4)["customers"].sum() == len(y)


@FAST
@given(scored(), st.floats(0, 1), st.floats(0, 1000), st.floats(0, 50))
def test_threshold_value_table_against_a_plain_loop(data, save_rate, value, cost):
    y, p = data
    table = churn.threshold_value_table(y, p, value, save_rate=save_rate, call_cost=cost, thresholds=[0.3, 0.6])
    aligned = p.reindex(y.index)
    for _, row in table.iterrows():
        called = [c for c in y.index if aligned[c] >= row["threshold"]]
        reached = [c for c in called if y[c]]
        assert row["calls"] == len(called) and row["churners_reached"] == len(reached)
        assert row["net_value"] == pytest.approx(save_rate * value * len(reached) - cost * len(called))


# --------------------------------------------------------------------------- never bare

text_bill = TABLE.assign(bill=TABLE["bill"].map(lambda v: f"{v * 10:,.2f}"))
doubled = pd.concat([TABLE, TABLE[["bill"]]], axis=1)
PROBES = {
    "evaluation_table, scores in another order": (
        lambda: churn.evaluation_table(Y, {"m": P.sort_values()}), (),
        lambda t: t.loc["m", "roc_auc"] == pytest.approx(roc_auc_score(Y.astype(int), P))),
    "evaluation_table, other customers": (
        lambda: churn.evaluation_table(Y, {"m": P.set_axis(range(len(P)))}), ("probabilities['m']",), None),
    "evaluation_table, text scores": (lambda: churn.evaluation_table(Y, {"m": ["a"] * len(Y)}), ("probabilities",),
                                      None),
    "evaluation_table, threshold=70": (lambda: churn.evaluation_table(Y, {"m": P}, threshold=70), ("threshold",),
                                       None),
    "evaluation_table, threshold=None": (lambda: churn.evaluation_table(Y, {"m": P}, threshold=None),
                                         ("threshold",), None),
    "evaluation_table, a list of scores": (lambda: churn.evaluation_table(Y, [P]), ("probabilities",), None),
    "top_decile_lift, share=10": (lambda: churn.top_decile_lift(Y, P, share=10), ("share",), None),
    "top_decile_lift, share='0.1'": (lambda: churn.top_decile_lift(Y, P, share="0.1"), ("share",), None),
    "top_decile_lift, scores in another order": (
        lambda: churn.top_decile_lift(Y, P.sort_values()), (),
        lambda v: v == pytest.approx(churn.top_decile_lift(Y.to_numpy(), P.to_numpy()))),
    "calibration_table, bins=2.0": (lambda: churn.calibration_table(Y, P, bins=2.0), (),
                                    lambda t: t.equals(churn.calibration_table(Y, P, bins=2))),
    "calibration_table, bins=0": (lambda: churn.calibration_table(Y, P, bins=0), ("bins",), None),
    "calibration_table, NaN score": (lambda: churn.calibration_table(Y, P.where(P > P.min())), ("probability",), None),
    "fit_churn_model, target among features": (
        lambda: churn.fit_churn_model(TABLE, "churned", ["logins", "churned"]), ("churned",), None),
    "fit_churn_model, one feature as a string": (
        lambda: churn.fit_churn_model(TABLE, "churned", "logins"), (),
        lambda m: churn.model_features(m) == (["logins"], [])),
    "fit_churn_model, inf feature": (
        lambda: churn.fit_churn_model(TABLE.assign(bill=np.inf), "churned", ["bill"]), ("bill",), None),
    "fit_churn_model, separator strings": (lambda: churn.fit_churn_model(text_bill, "churned", ["bill"]), ("bill",),
                                           None),
    "fit_churn_model, duplicated column": (lambda: churn.fit_churn_model(doubled, "churned", ["bill"]), ("bill",),
                                           None),
    "fit_churn_model, mixed category types": (
        lambda: churn.fit_churn_model(TABLE.assign(plan=[1, "1"] * 30), "churned", ["bill"], ["plan"]), ("plan",),
        None),
    "fit_churn_model, missing target": (
        lambda: churn.fit_churn_model(TABLE.assign(churned=np.nan), "churned", ["bill"]), ("churned",), None),
    "fit_churn_model, C=-1": (lambda: churn.fit_churn_model(TABLE, "churned", ["bill"], C=-1), ("C",), None),
    "fit_churn_model, C=nan": (lambda: churn.fit_churn_model(TABLE, "churned", ["bill"], C=np.nan), ("C",), None),
    "fit_churn_model, n_estimators=0": (
        lambda: churn.fit_churn_model(TABLE, "churned", ["bill"], model="forest", n_estimators=0),
        ("n_estimators",), None),
    "fit_churn_model, n_estimators=10.0": (
        lambda: churn.fit_churn_model(TABLE, "churned", ["bill"], model="forest", n_estimators=10.0), (),
        lambda m: m.named_steps["model"].n_estimators == 10),
    "fit_churn_model, numbers as feature names": (lambda: churn.fit_churn_model(TABLE, "churned", [0.5, 2.5]),
                                                  ("numeric",), None),
    "fit_churn_model, features=None": (lambda: churn.fit_churn_model(TABLE, "churned", None), ("numeric",), None),
    "fit_churn_model, not a table": (lambda: churn.fit_churn_model(TABLE.to_numpy(), "churned", ["bill"]),
                                     ("DataFrame",), None),
    "build_pipeline, string feature": (lambda: churn.build_pipeline("tenure"), (),
                                       lambda p: p.named_steps["prepare"].transformers[0][2] == ["tenure"]),
    "build_pipeline, model given as a Series": (lambda: churn.build_pipeline(["x"], model=pd.Series(["forest"])),
                                                ("model",), None),
    "build_pipeline, forest option of text with the logistic model": (
        lambda: churn.build_pipeline(["x"], n_estimators="many"), ("n_estimators",), None),
    "as_binary, a table": (lambda: churn.as_binary(TABLE[["churned"]]), ("target",), None),
    "as_binary, positive=[...]": (lambda: churn.as_binary(Y, positive=[True]), ("positive",), None),
    "fit_churn_model, target given as a Series": (lambda: churn.fit_churn_model(TABLE, Y, ["bill"]), ("target",),
                                                  None),
    "permutation_importance_table, scoring='x'": (
        lambda: churn.permutation_importance_table(MODEL, TABLE, Y, scoring="x"), ("scoring",), None),
    "remaining_value, retention as an array": (lambda: churn.remaining_value(100, [0.9, 0.8]),
                                               ("monthly_retention",), None),
    "build_pipeline, random_state='x'": (lambda: churn.build_pipeline(["x"], random_state="x"), ("random_state",),
                                         None),
    "churn_probability, unfitted pipeline": (lambda: churn.churn_probability(churn.build_pipeline(["bill"]), TABLE),
                                             ("model",), None),
    "churn_probability, not a pipeline": (lambda: churn.churn_probability("model.pkl", TABLE), ("model",), None),
    "churn_probability, unseen category": (lambda: churn.churn_probability(MODEL, TABLE.assign(plan="gold")),
                                           ("plan",), None),
    "churn_probability, -inf feature": (lambda: churn.churn_probability(MODEL, TABLE.assign(bill=-np.inf)),
                                        ("bill",), None),
    "churn_probability, duplicated column": (lambda: churn.churn_probability(MODEL, doubled), ("bill",), None),
    "permutation_importance_table, unseen category": (
        lambda: churn.permutation_importance_table(MODEL, TABLE.assign(plan="gold"), Y), ("plan",), None),
    "permutation_importance_table, NaN feature": (
        lambda: churn.permutation_importance_table(MODEL, TABLE.assign(bill=np.nan), Y), ("bill",), None),
    "permutation_importance_table, short outcome": (
        lambda: churn.permutation_importance_table(MODEL, TABLE, Y.head(5)), ("y_true",), None),
    "permutation_importance_table, n_repeats=2.0": (
        lambda: churn.permutation_importance_table(MODEL, TABLE, Y, n_repeats=2.0), (),
        lambda t: t.equals(churn.permutation_importance_table(MODEL, TABLE, Y, n_repeats=2))),
    "intervention_value, inf value": (lambda: churn.intervention_value(0.5, 0.5, np.inf, 1), ("remaining_value",),
                                      None),
    "intervention_value, text cost": (lambda: churn.intervention_value(0.5, 0.5, 100, "1,000"), ("call_cost",), None),
    "intervention_value, an empty save rate": (lambda: churn.intervention_value(0.5, [], 100, 1), ("save_rate",),
                                               None),
    "intervention_value, None save rate": (lambda: churn.intervention_value(0.5, None, 100, 1), ("save_rate",), None),
    "intervention_value, length mismatch": (
        lambda: churn.intervention_value(np.array([0.1, 0.2]), 0.5, np.array([1.0, 2.0, 3.0]), 1), ("lengths",),
        None),
    "intervention_value, Series in another order": (
        lambda: churn.intervention_value(pd.Series([0.2, 0.8], index=["a", "b"]), 0.5,
                                         pd.Series([100.0, 10.0], index=["b", "a"]), 0),
        (), lambda v: v.tolist() == pytest.approx([0.2 * 0.5 * 10, 0.8 * 0.5 * 100])),
    "remaining_value, months=3.0": (lambda: churn.remaining_value(100, 0.9, months=3.0), (),
                                    lambda v: v == pytest.approx(churn.remaining_value(100, 0.9, months=3))),
    "remaining_value, months=1e9": (lambda: churn.remaining_value(100, 0.9, months=1e9), ("months",), None),
    "remaining_value, months=nan": (lambda: churn.remaining_value(100, 0.9, months=np.nan), ("months",), None),
    "remaining_value, retention=90": (lambda: churn.remaining_value(100, 90), ("monthly_retention",), None),
    "threshold_value_table, thresholds=[50, 70]": (
        lambda: churn.threshold_value_table(Y, P, 100.0, save_rate=0.5, call_cost=1.0, thresholds=[50, 70]),
        ("thresholds",), None),
    "threshold_value_table, save_rate=40": (
        lambda: churn.threshold_value_table(Y, P, 100.0, save_rate=40, call_cost=1.0), ("save_rate",), None),
    "threshold_value_table, costs of another length": (
        lambda: churn.threshold_value_table(Y, P, 100.0, save_rate=0.5, call_cost=[1.0, 2.0]), ("call_cost",), None),
    "outreach_list, threshold=70": (
        lambda: churn.outreach_list(MODEL, TABLE, threshold=70, value=1.0, save_rate=0.5, call_cost=1.0),
        ("threshold",), None),
    "outreach_list, value column of text": (
        lambda: churn.outreach_list(MODEL, text_bill.assign(bill=TABLE["bill"], v="1,000"), value="v",
                                    save_rate=0.5, call_cost=1.0), ("value",), None),
    "outreach_list, ids 1 and '1'": (
        lambda: churn.outreach_list(MODEL, TABLE.assign(id=[1, "1"] * 30), 0.0, value=1.0, save_rate=0.5,
                                    call_cost=0.0, id_column="id"), ("id",), None),
    "outreach_list, save_rate=None": (
        lambda: churn.outreach_list(MODEL, TABLE, value=1.0, save_rate=None, call_cost=1.0), ("save_rate",), None),
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_never_bare(probe):
    call, names, check = PROBES[probe]
    assert verdict(call, names, check) in ("named error", "correct result")
