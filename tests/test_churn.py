"""Unit tests of helpers.churn: hand-computed metrics, arithmetic, determinism and bad input."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import churn

# A hand-made scored table: 10 customers, 3 churners (positions 0, 2 and 9).
Y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
P = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])


def toy_customers(n=200, seed=3):
    """A small table whose churn falls with logins and is higher on the 'basic' plan."""
    rng = np.random.default_rng(seed)
    logins = rng.integers(0, 30, n)
    plan = rng.choice(["basic", "pro"], n)
    p = 1 / (1 + np.exp(-(1.0 - 0.15 * logins + 0.8 * (plan == "basic"))))
    return pd.DataFrame({
        "account_id": [f"A{i:03d}" for i in range(n)],
        "logins_30d": logins,
        "bill": rng.normal(300, 50, n).round(2),
        "plan": plan,
        "churned": rng.random(n) < p,
    })


# --------------------------------------------------------------------------- evaluation


def test_evaluation_table_by_hand():
    table = churn.evaluation_table(Y, {"toy": P}, threshold=0.5)
    row = table.loc["toy"]
    # Flagged (p ≥ 0.5): the first five customers, two of them churners.
    assert row["flagged_share"] == pytest.approx(0.5)
    assert row["precision"] == pytest.approx(2 / 5)
    assert row["recall"] == pytest.approx(2 / 3)
    # AUC by pairs: churner 0.9 beats all 7 stayers, 0.7 beats 6, 0.05 beats none → 13/21.
    assert row["roc_auc"] == pytest.approx(13 / 21)
    # Top decile = 1 customer (p = 0.9, a churner): rate 1 ÷ base rate 0.3.
    assert row["top_decile_lift"] == pytest.approx(1 / 0.3)
    # Calibration: mean p = 4.55 / 10; observed rate 0.3; Brier = 2.5525 / 10.
    assert row["mean_predicted"] == pytest.approx(0.455)
    assert row["churn_rate"] == pytest.approx(0.3)
    assert row["brier"] == pytest.approx(0.25525)


def test_evaluation_table_nobody_flagged_and_several_models():
    table = churn.evaluation_table(Y, {"a": P, "b": 1 - P}, threshold=0.95)
    assert list(table.index) == ["a", "b"]
    assert np.isnan(table.loc["a", "precision"]) and table.loc["a", "recall"] == 0
    assert table.loc["b", "roc_auc"] == pytest.approx(1 - 13 / 21)


def test_calibration_table_two_bands():
    table = churn.calibration_table(Y, P, bins=2)
    # Below 0.5: p = 0.4, 0.3, 0.2, 0.1, 0.05 (mean 0.21), one churner of five.
    # From 0.5: p = 0.9 … 0.5 (mean 0.7), two churners of five.
    assert list(table["band"]) == ["0.0–0.5", "0.5–1.0"]
    assert list(table["customers"]) == [5, 5]
    assert table["mean_predicted"].tolist() == pytest.approx([0.21, 0.7])
    assert table["churn_rate"].tolist() == pytest.approx([0.2, 0.4])


def test_top_decile_lift_rounds_group_up():
    # 11 customers → top group of ceil(1.1) = 2: p 0.99 (stayer) and 0.9 (churner); base rate 3/11.
    y = np.append(Y, 0)
    p = np.append(P, 0.99)
    assert churn.top_decile_lift(y, p) == pytest.approx(0.5 / (3 / 11))


def test_threshold_value_table_by_hand():
    table = churn.threshold_value_table(Y, P, 100.0, save_rate=0.5, call_cost=10.0, thresholds=[0.5, 0.95])
    first = table.iloc[0]
    # Calls at p ≥ 0.5: 5 customers, 2 churners; saved 0.5 × 2 × 100 = 100; cost 5 × 10 = 50.
    assert (first["calls"], first["churners_reached"]) == (5, 2)
    assert first["expected_saved_value"] == pytest.approx(100.0)
    assert first["net_value"] == pytest.approx(50.0)
    assert table.iloc[1]["calls"] == 0 and table.iloc[1]["net_value"] == 0


# --------------------------------------------------------------------------- value arithmetic


def test_intervention_value_arithmetic():
    # 0.8 × 0.5 × 1,000 − 100 = 300
    assert churn.intervention_value(0.8, 0.5, 1000, 100) == pytest.approx(300.0)
    # 0.1 × 0.5 × 1,000 − 100 = −50: a call that does not pay
    assert churn.intervention_value(0.1, 0.5, 1000, 100) == pytest.approx(-50.0)
    p = pd.Series([0.2, 0.6], index=["x", "y"])
    values = churn.intervention_value(p, 0.25, np.array([400.0, 1000.0]), 20.0)
    # 0.2 × 0.25 × 400 − 20 = 0; 0.6 × 0.25 × 1,000 − 20 = 130
    assert list(values.index) == ["x", "y"]
    assert values.tolist() == pytest.approx([0.0, 130.0])


def test_intervention_value_rejects_percentages_and_negative_costs():
    with pytest.raises(ValueError, match="percentages"):
        churn.intervention_value(80, 0.5, 1000, 100)
    with pytest.raises(ValueError, match="call_cost"):
        churn.intervention_value(0.8, 0.5, 1000, -1)
    with pytest.raises(ValueError, match="remaining_value"):
        churn.intervention_value(0.8, 0.5, -5, 1)


def test_remaining_value_formula():
    # No discount: 100 / (1 − 0.9) = 1,000; two months only: 100 + 90 = 190.
    assert churn.remaining_value(100, 0.9, monthly_discount=0) == pytest.approx(1000.0)
    assert churn.remaining_value(100, 0.9, monthly_discount=0, months=2) == pytest.approx(190.0)
    # Discounted: 100 × 1.01 / (1.01 − 0.9) = 918.18…
    assert churn.remaining_value(100, 0.9, monthly_discount=0.01) == pytest.approx(101 / 0.11)
    # Retention 1 and a 3-month horizon, no discount: 3 × 100.
    assert churn.remaining_value(100, 1.0, monthly_discount=0, months=3) == pytest.approx(300.0)
    with pytest.raises(ValueError, match="horizon"):
        churn.remaining_value(100, 1.0, monthly_discount=0)
    out = churn.remaining_value(pd.Series([10.0, 20.0], index=[5, 6]), 0.5, monthly_discount=0)
    assert list(out.index) == [5, 6] and out.tolist() == pytest.approx([20.0, 40.0])


# --------------------------------------------------------------------------- the pipeline


def test_logistic_pipeline_matches_plain_scikit_learn():
    table = toy_customers()
    model = churn.fit_churn_model(table, "churned", ["logins_30d", "bill"], model="logistic")
    mine = churn.churn_probability(model, table)
    reference = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    reference.fit(table[["logins_30d", "bill"]], table["churned"].astype(int))
    assert np.allclose(mine.to_numpy(), reference.predict_proba(table[["logins_30d", "bill"]])[:, 1])
    assert mine.name == "churn_probability" and mine.index.equals(table.index)


def test_forest_is_deterministic_and_seed_matters():
    table = toy_customers()
    fit = lambda seed: churn.churn_probability(  # noqa: E731
        churn.fit_churn_model(table, "churned", ["logins_30d", "bill"], ["plan"], "forest",
                              random_state=seed, n_estimators=25), table)
    first, again, other = fit(1), fit(1), fit(2)
    assert first.equals(again)
    assert not np.allclose(first.to_numpy(), other.to_numpy())
    forest = churn.build_pipeline(["x"], model="forest").named_steps["model"]
    assert forest.n_jobs == 1 and forest.random_state == 0


def test_model_learns_the_planted_direction():
    table = toy_customers(n=600)
    model = churn.fit_churn_model(table, "churned", ["logins_30d"], ["plan"])
    probe = pd.DataFrame({"logins_30d": [0, 29, 10, 10], "plan": ["basic", "basic", "basic", "pro"]})
    p = churn.churn_probability(model, probe).to_numpy()
    assert p[0] > p[1]  # more logins → less churn
    assert p[2] > p[3]  # basic plan riskier than pro


def test_string_target_with_positive_label():
    table = toy_customers().assign(status=lambda t: np.where(t["churned"], "Yes", "No"))
    by_label = churn.fit_churn_model(table, "status", ["logins_30d"], positive="Yes")
    by_bool = churn.fit_churn_model(table, "churned", ["logins_30d"])
    assert np.allclose(churn.churn_probability(by_label, table), churn.churn_probability(by_bool, table))


def test_outreach_list_ranks_by_expected_saved_value():
    table = toy_customers()
    model = churn.fit_churn_model(table, "churned", ["logins_30d"], ["plan"])
    customers = table.head(30).assign(value=np.linspace(100, 3000, 30))
    listed = churn.outreach_list(model, customers, threshold=0.5, value="value", save_rate=0.4, call_cost=50,
                                 id_column="account_id")
    p = churn.churn_probability(model, customers)
    expected_ids = customers.loc[p >= 0.5, "account_id"]
    assert sorted(listed["account_id"]) == sorted(expected_ids)
    assert listed["expected_saved_value"].is_monotonic_decreasing
    row = listed.iloc[0]
    assert row["expected_saved_value"] == pytest.approx(row["churn_probability"] * 0.4 * row["remaining_value"])
    assert row["net_value"] == pytest.approx(row["expected_saved_value"] - 50)
    by_value = churn.outreach_list(model, customers, threshold=None, value="value", save_rate=0.4, call_cost=50)
    assert (by_value["net_value"] > 0).all()
    assert len(by_value) == int((p * 0.4 * customers["value"] - 50 > 0).sum())


# --------------------------------------------------------------------------- bad input


def test_target_must_be_binary():
    table = toy_customers()
    with pytest.raises(ValueError, match="not binary"):
        churn.fit_churn_model(table.assign(churned=table["logins_30d"] % 3), "churned", ["bill"])
    with pytest.raises(ValueError, match="positive="):
        churn.fit_churn_model(table, "plan", ["bill"])
    with pytest.raises(ValueError, match="only one class"):
        churn.fit_churn_model(table.assign(churned=False), "churned", ["bill"])
    with pytest.raises(ValueError, match="missing value"):
        churn.as_binary(pd.Series([1.0, None, 0.0]))
    with pytest.raises(ValueError, match="does not occur"):
        churn.as_binary(pd.Series(["Yes", "No"]), positive="yes")


def test_missing_feature_unseen_category_and_gaps():
    table = toy_customers()
    model = churn.fit_churn_model(table, "churned", ["logins_30d", "bill"], ["plan"])
    with pytest.raises(ValueError, match=r"lacks the feature column\(s\) \['bill'\]"):
        churn.churn_probability(model, table.drop(columns="bill"))
    with pytest.raises(ValueError, match=r"never seen in training: \['enterprise'\]"):
        churn.churn_probability(model, table.assign(plan="enterprise"))
    with pytest.raises(ValueError, match=r"bill \(1 rows\)"):
        churn.churn_probability(model, table.assign(bill=[np.nan] + [1.0] * (len(table) - 1)))
    with pytest.raises(ValueError, match="Fill them"):
        churn.fit_churn_model(table.assign(bill=np.nan), "churned", ["bill"])
    with pytest.raises(TypeError, match="DataFrame"):
        churn.churn_probability(model, table.to_numpy())
    with pytest.raises(ValueError, match="empty"):
        churn.churn_probability(model, table.head(0))


def test_bad_pipeline_and_evaluation_arguments():
    with pytest.raises(ValueError, match="model must be one of"):
        churn.build_pipeline(["x"], model="svm")
    with pytest.raises(ValueError, match="both numeric and categorical"):
        churn.build_pipeline(["x"], ["x"])
    with pytest.raises(ValueError, match="at least one feature"):
        churn.build_pipeline([], [])
    with pytest.raises(ValueError, match="same customers"):
        churn.evaluation_table(Y, {"short": P[:5]})
    with pytest.raises(ValueError, match="between 0 and 1"):
        churn.evaluation_table(Y, {"pct": P * 100})
    with pytest.raises(ValueError, match="threshold"):
        churn.evaluation_table(Y, {"toy": P}, threshold=70)


def test_per_customer_call_costs():
    # Costs 10 for the first five customers, 30 for the rest; at p ≥ 0.5 the first five are called:
    # saved 0.5 × (100 + 100) = 100, cost 5 × 10 = 50.
    costs = np.array([10.0] * 5 + [30.0] * 5)
    row = churn.threshold_value_table(Y, P, 100.0, save_rate=0.5, call_cost=costs, thresholds=[0.5]).iloc[0]
    assert row["call_cost"] == pytest.approx(50.0) and row["net_value"] == pytest.approx(50.0)
    table = toy_customers()
    model = churn.fit_churn_model(table, "churned", ["logins_30d"], ["plan"])
    customers = table.head(10).assign(cost=np.arange(10.0), value=1000.0)
    listed = churn.outreach_list(model, customers, threshold=0.0, value="value", save_rate=0.5, call_cost="cost",
                                 id_column="account_id")
    assert len(listed) == 10
    assert (listed["net_value"] == listed["expected_saved_value"] - listed["call_cost"]).all()
    assert listed.set_index("account_id").loc["A003", "call_cost"] == 3.0
    with pytest.raises(ValueError, match="index differs"):
        churn.outreach_list(model, customers, value=pd.Series(1.0, index=range(100, 110)), save_rate=0.5,
                            call_cost=1.0)
    with pytest.raises(ValueError, match="3 values for 10 customers"):
        churn.outreach_list(model, customers, value=[1.0, 2.0, 3.0], save_rate=0.5, call_cost=1.0)


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # the kit's error type (issue 15)


def test_scores_are_matched_to_outcomes_by_index_not_position():
    # Y/P as Series on the same customers, P shuffled: the table must be the one of the aligned data.
    y = pd.Series(Y, index=[f"c{i}" for i in range(10)])
    p = pd.Series(P, index=y.index)
    shuffled = p.sort_values()  # the same scores, in another order
    aligned = churn.evaluation_table(Y, {"m": P})
    assert churn.evaluation_table(y, {"m": shuffled}).equals(aligned)
    # A perfect ranking stays perfect whatever the order of the rows (ROC-AUC 1, not 0.75).
    perfect = pd.Series(Y * 0.8 + 0.1, index=y.index).sort_values()
    assert churn.evaluation_table(y, {"m": perfect}).loc["m", "roc_auc"] == 1.0
    assert churn.top_decile_lift(y, shuffled) == pytest.approx(1 / 0.3)
    assert churn.calibration_table(y, shuffled, bins=2).equals(churn.calibration_table(Y, P, bins=2))
    # Different customers: refused, naming the argument.
    other = pd.Series(P, index=[f"d{i}" for i in range(10)])
    with pytest.raises(InputError, match=r"probabilities\['m'\].*index"):
        churn.evaluation_table(y, {"m": other})
    with pytest.raises(InputError, match="index"):
        churn.calibration_table(y, other)
    with pytest.raises(InputError, match="index does not match"):
        churn.top_decile_lift(pd.Series(Y, index=[0] * 9 + [1]), pd.Series(P, index=[1] + [0] * 9))


def test_target_among_features_and_a_string_of_features():
    table = toy_customers()
    with pytest.raises(InputError, match="'churned'.*target"):
        churn.fit_churn_model(table, "churned", ["logins_30d", "churned"])
    # One feature name given as a string is one feature, not six letters.
    one = churn.build_pipeline("logins_30d")
    assert one.named_steps["prepare"].transformers[0][2] == ["logins_30d"]
    model = churn.fit_churn_model(table, "churned", "logins_30d", "plan")
    assert churn.model_features(model) == (["logins_30d"], ["plan"])


def test_percent_looking_thresholds_and_shares():
    with pytest.raises(InputError, match=r"thresholds.*0\.5"):
        churn.threshold_value_table(Y, P, 100.0, save_rate=0.5, call_cost=10.0, thresholds=[50, 70])
    with pytest.raises(InputError, match="save_rate"):
        churn.threshold_value_table(Y, P, 100.0, save_rate=40, call_cost=10.0)
    with pytest.raises(InputError, match=r"share.*0\.1"):
        churn.top_decile_lift(Y, P, share=10)
    with pytest.raises(InputError, match=r"threshold.*0\.7"):
        churn.evaluation_table(Y, {"toy": P}, threshold=70)


def test_inf_and_separator_features_are_refused():
    table = toy_customers()
    with pytest.raises(InputError, match="'bill'.*inf"):
        churn.fit_churn_model(table.assign(bill=np.r_[np.inf, table["bill"].iloc[1:]]), "churned", ["bill"])
    model = churn.fit_churn_model(table, "churned", ["logins_30d", "bill"], ["plan"])
    with pytest.raises(InputError, match="'bill'.*inf"):
        churn.churn_probability(model, table.assign(bill=-np.inf))
    text = table.assign(bill=["1,234.50"] * len(table))
    with pytest.raises(InputError, match="'bill'.*str.replace"):
        churn.fit_churn_model(text, "churned", ["bill"])
    with pytest.raises(InputError, match="'bill'"):
        churn.churn_probability(model, text)
    with pytest.raises(InputError, match="inf"):
        churn.intervention_value(0.5, 0.5, np.inf, 10)
    with pytest.raises(InputError, match="inf"):
        churn.threshold_value_table(Y, P, np.inf, save_rate=0.5, call_cost=10.0)


def test_permutation_importance_refuses_what_scoring_cannot_take():
    table = toy_customers()
    model = churn.fit_churn_model(table, "churned", ["logins_30d", "bill"], ["plan"])
    with pytest.raises(InputError, match="never seen in training"):
        churn.permutation_importance_table(model, table.assign(plan="enterprise"), table["churned"])
    with pytest.raises(InputError, match=r"bill \(1 rows\)"):
        churn.permutation_importance_table(model, table.assign(bill=[np.nan] + [1.0] * (len(table) - 1)),
                                           table["churned"])
    with pytest.raises(InputError, match="y_true"):
        churn.permutation_importance_table(model, table, table["churned"].head(10))
    with pytest.raises(InputError, match="n_repeats"):
        churn.permutation_importance_table(model, table, table["churned"], n_repeats=0)


def test_model_options_are_checked_and_whole_floats_accepted():
    for bad in ({"C": -1}, {"C": 0}, {"C": "1"}, {"C": np.nan}, {"n_estimators": 0}, {"min_samples_leaf": 2.5},
                {"max_depth": 0}, {"random_state": "seed"}):
        with pytest.raises(InputError, match=next(iter(bad))):
            churn.build_pipeline(["x"], model="forest" if "C" not in bad else "logistic", **bad)
    forest = churn.build_pipeline(["x"], model="forest", n_estimators=50.0, min_samples_leaf=np.int32(5))
    assert forest.named_steps["model"].n_estimators == 50 and isinstance(forest.named_steps["model"].n_estimators, int)
    assert churn.build_pipeline(["x"], C=np.float32(0.5)).named_steps["model"].C == 0.5
    with pytest.raises(InputError, match="numeric"):
        churn.build_pipeline([1.5, 2.5])
    with pytest.raises(InputError, match="bins"):
        churn.calibration_table(Y, P, bins=2.5)
    assert churn.calibration_table(Y, P, bins=2.0).equals(churn.calibration_table(Y, P, bins=2))


def test_unfitted_or_foreign_models_and_duplicated_columns():
    table = toy_customers()
    with pytest.raises(InputError, match="fit"):
        churn.churn_probability(churn.build_pipeline(["bill"]), table)
    with pytest.raises(InputError, match="fit_churn_model"):
        churn.churn_probability(LogisticRegression(), table)
    doubled = pd.concat([table, table[["bill"]]], axis=1)
    with pytest.raises(InputError, match="more than one column named 'bill'"):
        churn.fit_churn_model(doubled, "churned", ["bill"])
    model = churn.fit_churn_model(table, "churned", ["bill"])
    with pytest.raises(InputError, match="more than one column named 'bill'"):
        churn.churn_probability(model, doubled)
    with pytest.raises(InputError, match="threshold"):
        churn.outreach_list(model, table, threshold=70, value=1.0, save_rate=0.5, call_cost=1.0)
    with pytest.raises(InputError, match="save_rate"):
        churn.outreach_list(model, table, value=1.0, save_rate=None, call_cost=1.0)


def test_models_tuple_is_read_only():
    assert isinstance(churn.MODELS, tuple)
