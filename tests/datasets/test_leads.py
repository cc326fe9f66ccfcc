"""Schema and planted truths of the `leads` dataset (see helpers.simulate.leads and its card)."""

import numpy as np
import pandas as pd
import pytest

from helpers import data, qualify
from helpers.simulate import leads as generator

COMPLETE = ["budget_yuan", "contact_seniority", "pain_points"]


@pytest.fixture(scope="module")
def leads():
    return data.load("leads")


@pytest.fixture(scope="module")
def patterns(leads):
    return qualify.man_tier(qualify.man_flags(leads, verbose=False))["pattern"]


def test_schema(leads):
    assert list(leads.columns) == ["lead_id", "arrival_date", "week", "industry", "employees", "budget_yuan",
                                   "contact_role", "contact_seniority", "pain_points", "inbound_request",
                                   "trial_days", "won_6m"]
    assert len(leads) == 7800 and leads["lead_id"].is_unique
    assert leads["lead_id"].iloc[0] == "L00001"
    assert str(leads["lead_id"].dtype) == "str" and str(leads["industry"].dtype) == "str"
    assert str(leads["employees"].dtype) == "Int64" and str(leads["pain_points"].dtype) == "Int64"
    assert leads["budget_yuan"].dtype == "float64" and leads["week"].dtype == "int64"
    assert leads["inbound_request"].dtype == bool and leads["won_6m"].dtype == bool
    seniority = leads["contact_seniority"].dtype
    assert isinstance(seniority, pd.CategoricalDtype) and seniority.ordered
    assert list(seniority.categories) == list(qualify.SENIORITY_LEVELS)
    assert leads["arrival_date"].is_monotonic_increasing


def test_values_in_range(leads):
    assert leads["week"].between(1, 13).all()
    # week w runs from Monday 2025-01-06 + 7(w - 1) for seven days
    start = pd.Timestamp("2025-01-06") + pd.to_timedelta((leads["week"] - 1) * 7, unit="D")
    assert ((leads["arrival_date"] - start).dt.days.between(0, 6)).all()
    assert leads["arrival_date"].max() <= pd.Timestamp("2025-04-06")
    assert leads["trial_days"].between(0, 14).all()
    assert leads["pain_points"].dropna().between(0, 5).all()
    assert (leads["budget_yuan"].dropna() >= 1000).all() and (leads["budget_yuan"].dropna() % 1000 == 0).all()
    assert leads["employees"].dropna().between(3, 5000).all()
    executives = leads["contact_seniority"] == "executive"
    assert leads.loc[leads["contact_role"].isin(["owner", "general manager"]), "contact_seniority"].dropna().eq(
        "executive").all()
    assert leads.loc[executives, "contact_role"].isin(["owner", "general manager"]).all()


def test_weekly_volume(leads):
    per_week = leads.groupby("week").size()
    assert len(per_week) == 13 and per_week.between(560, 650).all()


def test_missing_values_match_planted_shares(leads):
    for column, share in generator.MISSING_SHARE.items():
        observed = leads[column].isna().mean()
        # binomial sd of a share with n = 7,800 is at most 0.0057; allow 3 sd
        assert abs(observed - share) < 0.017, (column, observed, share)
    for column in ["lead_id", "arrival_date", "week", "industry", "contact_role", "inbound_request",
                   "trial_days", "won_6m"]:
        assert leads[column].notna().all()


def test_planted_rate_per_pattern_on_complete_leads(leads, patterns):
    complete = leads[COMPLETE].notna().all(axis=1)
    table = qualify.conversion_by(leads.loc[complete].assign(pattern=patterns[complete]), "pattern")
    assert table.index.tolist() == list(qualify.PATTERNS)
    for pattern, rate in generator.TRUE_RATES.items():
        row = table.loc[pattern]
        se = np.sqrt(rate * (1 - rate) / row["leads"])
        assert abs(row["conversion_rate"] - rate) < 3 * se, (pattern, row["conversion_rate"], rate)
        assert row["leads"] >= 300   # every pattern is large enough to estimate


def test_conversion_rises_with_criteria_met(leads, patterns):
    met = patterns.str.count("[MAN]")
    rate = leads.groupby(met)["won_6m"].mean()
    assert rate.is_monotonic_increasing and rate[3] > 0.35 and rate[0] < 0.03
    assert rate[2] > 0.15            # two-criteria leads still convert at a useful rate
    assert 0.03 < rate[1] < 0.12     # and a few one-criterion leads do too
    assert leads.loc[patterns == "---", "won_6m"].sum() > 0


def test_missing_budget_is_not_a_no(leads):
    won = leads["won_6m"]
    missing = won[leads["budget_yuan"].isna()].mean()
    low = won[leads["budget_yuan"] < 50_000].mean()
    high = won[leads["budget_yuan"] >= 50_000].mean()
    assert missing > 2 * low and missing < high


def test_industry_fit(leads):
    rate = leads.groupby("industry")["won_6m"].mean()
    assert rate.idxmin() == "professional services"
    assert rate.loc["wholesale & distribution"] > rate.loc["retail"]


def test_generator_rule_matches_helper_rule():
    # Second implementation of the rule: the generator's true_pattern against helpers.qualify.
    frame = pd.DataFrame({"budget_yuan": [50_000.0, 49_000.0], "contact_seniority": ["director", "manager"],
                          "pain_points": [2, 5], "inbound_request": [False, True], "trial_days": [3, 0]})
    by_rule = qualify.man_tier(qualify.man_flags(frame, verbose=False))["pattern"].tolist()
    by_generator = generator.true_pattern(frame["budget_yuan"], frame["contact_seniority"], frame["pain_points"],
                                          frame["inbound_request"], frame["trial_days"]).tolist()
    assert by_rule == by_generator == ["MAN", "--N"]
