"""The `saas` dataset: schema, and the truths planted by src/helpers/simulate/saas.py."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from helpers import data
from helpers.simulate import saas

FEATURES = ["account_id", "plan", "billing_cycle", "seats", "tenure_months", "logins_30d", "features_used",
            "support_contacts_90d", "monthly_bill"]


@pytest.fixture(scope="module")
def accounts():
    return data.load("saas")


@pytest.fixture(scope="module")
def current():
    return data.load("saas", table="current")


def test_schema(accounts, current):
    assert list(accounts.columns) == FEATURES + ["churned_next_quarter"]
    assert list(current.columns) == FEATURES
    assert str(accounts["account_id"].dtype) == "str"
    assert list(accounts["plan"].cat.categories) == ["basic", "team", "business"] and accounts["plan"].cat.ordered
    assert list(accounts["billing_cycle"].cat.categories) == ["monthly", "annual"]
    for column in ["seats", "tenure_months", "logins_30d", "features_used", "support_contacts_90d"]:
        assert str(accounts[column].dtype) == "int64"
    assert accounts["monthly_bill"].dtype == "float64" and accounts["churned_next_quarter"].dtype == bool
    assert accounts["account_id"].is_unique and accounts["account_id"].is_monotonic_increasing
    assert current["account_id"].str.startswith("B").all()
    assert accounts.notna().all().all() and current.notna().all().all()


def test_ranges(accounts):
    assert accounts["features_used"].between(1, saas.N_MODULES).all()
    assert accounts["tenure_months"].between(1, 72).all()
    assert (accounts["seats"] >= 1).all() and (accounts["monthly_bill"] > 0).all()
    assert (accounts["logins_30d"] >= 0).all() and (accounts["support_contacts_90d"] >= 0).all()


def test_sizes_and_churn_rate(accounts, current):
    # Planted: 5,000 + 1,200 accounts; about 18% churn in the next quarter (± 1.5 points).
    assert len(accounts) == saas.N_ACCOUNTS == 5000 and len(current) == saas.N_CURRENT == 1200
    assert accounts["churned_next_quarter"].mean() == pytest.approx(0.18, abs=0.015)
    # The truth the outcome was drawn from has the same mean (within sampling noise).
    assert saas.true_churn_probability(accounts).mean() == pytest.approx(0.18, abs=0.015)
    assert saas.true_churn_probability(current).mean() == pytest.approx(0.18, abs=0.02)


def test_low_logins_churn_more_than_twice(accounts):
    y, logins = accounts["churned_next_quarter"], accounts["logins_30d"]
    assert y[logins < 5].mean() > 2 * y[logins >= 20].mean()


def test_support_contacts_u_shape(accounts):
    y, contacts = accounts["churned_next_quarter"], accounts["support_contacts_90d"]
    middle = y[contacts.between(1, 2)].mean()
    assert middle < y[contacts == 0].mean()
    assert middle < y[contacts >= 5].mean()
    # The truth itself is U-shaped: the logit's contact term is +0.45 at 0, 0 at 1–3, +0.55 per contact above 3.
    frame = accounts.head(3).assign(logins_30d=0, features_used=5, tenure_months=24, seats=5)
    by_contacts = [saas.churn_logit(frame.assign(support_contacts_90d=k))[0] for k in (0, 1, 3, 5)]
    assert by_contacts[0] - by_contacts[1] == pytest.approx(0.45)
    assert by_contacts[2] == pytest.approx(by_contacts[1])
    assert by_contacts[3] - by_contacts[2] == pytest.approx(1.10)


def test_annual_billing_churns_less(accounts):
    y, cycle = accounts["churned_next_quarter"], accounts["billing_cycle"]
    assert y[cycle == "annual"].mean() < 0.6 * y[cycle == "monthly"].mean()


def test_logins_hinge_in_the_truth(accounts):
    # Logins lower the logit by 1.1 per login per seat up to 3 logins per seat, then not at all.
    frame = accounts.head(1).assign(seats=2, support_contacts_90d=1)
    logit = [saas.churn_logit(frame.assign(logins_30d=k))[0] for k in (0, 2, 6, 20)]
    assert logit[0] - logit[1] == pytest.approx(1.1)
    assert logit[2] == pytest.approx(logit[3])


def test_true_probability_auc_is_the_ceiling(accounts):
    auc = roc_auc_score(accounts["churned_next_quarter"], saas.true_churn_probability(accounts))
    assert 0.80 <= auc <= 0.86
    share_above_70 = np.mean(saas.true_churn_probability(accounts) >= 0.7)
    assert 0.015 <= share_above_70 <= 0.05
