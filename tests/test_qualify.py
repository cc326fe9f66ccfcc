"""Unit tests of helpers.qualify, with every expected value worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers import qualify


def six_leads():
    """Six leads whose flags are easy to read by eye (default rules: budget ≥ 50,000;
    director/executive; need = 2 of {pain ≥ 2, inbound, trial ≥ 3})."""
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
        "budget_yuan": [80_000.0, 50_000.0, 49_999.0, np.nan, 10_000.0, 200_000.0],
        "contact_seniority": pd.Categorical(
            ["director", "staff", "executive", "manager", None, "executive"],
            categories=list(qualify.SENIORITY_LEVELS), ordered=True),
        "pain_points": pd.array([3, 0, 2, 1, pd.NA, 0], dtype="Int64"),
        "inbound_request": [True, False, False, True, True, False],
        "trial_days": [0, 10, 5, 3, 0, 1],
    })


# L1: M (80k) A (director) N (pain 3 + inbound)        -> MAN, 3
# L2: M (50k exactly)  - (staff)  N? pain 0, no inbound, trial 10 -> 1 signal -> no  -> M--, 1
# L3: - (49,999) A (executive) N (pain 2 + trial 5)    -> -AN, 2
# L4: - (missing) - (manager) N (inbound + trial 3)    -> --N, 1
# L5: - (10k) - (missing) pain missing, inbound -> 1 signal -> no -> ---, 0
# L6: M (200k) A (executive) pain 0, trial 1 -> no     -> MA-, 2
EXPECTED_PATTERNS = ["MAN", "M--", "-AN", "--N", "---", "MA-"]


def test_man_flags_default_rules_by_hand(capsys):
    flags = qualify.man_flags(six_leads())
    out = capsys.readouterr().out
    assert list(flags.columns) == ["money", "authority", "need"]
    assert flags["money"].tolist() == [True, True, False, False, False, True]
    assert flags["authority"].tolist() == [True, False, True, False, False, True]
    assert flags["need"].tolist() == [True, False, True, True, False, False]
    assert all(flags[c].dtype == bool for c in flags)
    # one budget, one seniority and one pain value are missing, counted as not met
    assert "budget_yuan 1" in out and "contact_seniority 1" in out and "pain_points 1" in out
    assert "not met" in out and "of 6 leads" in out


def test_man_flags_missing_met_gives_benefit_of_doubt(capsys):
    flags = qualify.man_flags(six_leads(), missing="met")
    assert "counted as met" in capsys.readouterr().out
    # L4's missing budget now counts; L5 gets authority and a pain signal (+ inbound = 2 signals)
    assert flags["money"].tolist() == [True, True, False, True, False, True]
    assert flags["authority"].tolist() == [True, False, True, False, True, True]
    assert flags["need"].tolist() == [True, False, True, True, True, False]


def test_man_flags_thresholds_are_overridable():
    flags = qualify.man_flags(six_leads(), budget_min=100_000, authority_levels=("manager", "director", "executive"),
                              need_min_signals=1, verbose=False)
    assert flags["money"].tolist() == [False, False, False, False, False, True]
    assert flags["authority"].tolist() == [True, False, True, True, False, True]
    # one signal is enough now: L2 (trial 10), L5 (inbound) join; L6 has none
    assert flags["need"].tolist() == [True, True, True, True, True, False]


def test_man_flags_without_some_need_signals():
    flags = qualify.man_flags(six_leads(), pain=None, trial=None, need_min_signals=1, verbose=False)
    assert flags["need"].tolist() == [True, False, False, True, True, False]


def test_man_flags_reports_clean_data(capsys):
    clean = six_leads().dropna()  # drops L4 (no budget) and L5 (no seniority, no pain count)
    qualify.man_flags(clean)
    assert "no missing values among the 4 leads" in capsys.readouterr().out


def test_man_flags_bad_input():
    leads = six_leads()
    with pytest.raises(ValueError, match="budget_yuan"):
        qualify.man_flags(leads.drop(columns="budget_yuan"))
    with pytest.raises(ValueError, match="empty"):
        qualify.man_flags(leads.iloc[:0])
    with pytest.raises(TypeError, match="DataFrame"):
        qualify.man_flags(leads.to_dict())
    negative = leads.assign(budget_yuan=[-1.0, 1, 2, 3, 4, 5])
    with pytest.raises(ValueError, match="negative"):
        qualify.man_flags(negative)
    text_budget = leads.assign(budget_yuan=["80k"] * 6)
    with pytest.raises(TypeError, match="numbers"):
        qualify.man_flags(text_budget)
    typo = leads.assign(contact_seniority=["Director", "staff", "executive", "manager", None, "executive"])
    with pytest.raises(ValueError, match="unknown seniority"):
        qualify.man_flags(typo)
    with pytest.raises(ValueError, match="authority_levels"):
        qualify.man_flags(leads, authority_levels=("boss",))
    with pytest.raises(TypeError, match="True/False"):
        qualify.man_flags(leads.assign(inbound_request=["yes"] * 6))
    with pytest.raises(ValueError, match="missing must be"):
        qualify.man_flags(leads, missing="drop")
    with pytest.raises(ValueError, match="need_min_signals"):
        qualify.man_flags(leads, need_min_signals=4)


def test_man_tier_by_hand():
    flags = qualify.man_flags(six_leads(), verbose=False)
    tiers = qualify.man_tier(flags)
    assert tiers["pattern"].tolist() == EXPECTED_PATTERNS
    assert tiers["criteria_met"].tolist() == [3, 1, 2, 1, 0, 2]
    assert tiers["tier"].tolist() == ["qualified prospect", "lead", "prospect", "lead", "not a target", "prospect"]
    assert tiers["priority"].tolist() == [1, 3, 2, 3, 4, 2]
    assert tiers["action"].tolist() == ["pursue now", "automated nurturing", "nurture", "automated nurturing",
                                        "park", "nurture"]
    assert tiers.index.equals(flags.index)


def test_man_tier_covers_all_eight_patterns():
    combos = pd.DataFrame([(m, a, n) for m in (True, False) for a in (True, False) for n in (True, False)],
                          columns=["money", "authority", "need"])
    tiers = qualify.man_tier(combos)
    assert sorted(tiers["pattern"]) == sorted(qualify.PATTERNS)
    assert tiers.groupby("criteria_met").size().to_dict() == {0: 1, 1: 3, 2: 3, 3: 1}


def test_man_tier_bad_input():
    good = pd.DataFrame({"money": [True], "authority": [False], "need": [True]})
    with pytest.raises(ValueError, match="need"):
        qualify.man_tier(good.drop(columns="need"))
    with pytest.raises(TypeError, match="True/False"):
        qualify.man_tier(good.assign(money=[1]))
    with pytest.raises(ValueError, match="missing"):
        qualify.man_tier(good.assign(money=pd.array([pd.NA], dtype="boolean")))
    with pytest.raises(ValueError, match="empty"):
        qualify.man_tier(good.iloc[:0])


def test_conversion_by_wilson_by_hand():
    # Pattern MAN: 8 wins of 20; pattern --- : 0 of 10.
    leads = pd.DataFrame({"pattern": ["MAN"] * 20 + ["---"] * 10,
                          "won_6m": [True] * 8 + [False] * 12 + [False] * 10})
    table = qualify.conversion_by(leads, "pattern")
    assert table.index.tolist() == ["MAN", "---"]          # the PATTERNS order, not alphabetical
    assert table.loc["MAN", "leads"] == 20 and table.loc["MAN", "won"] == 8
    # Wilson, p = 0.4, n = 20, z = 1.959964: z²/n = 0.192074; centre = (0.4 + 0.096037)/1.192074 = 0.416114;
    # half = 1.959964/1.192074 × √(0.012 + 0.0024009) = 1.644167 × 0.120004 = 0.197307.
    assert table.loc["MAN", "conversion_rate"] == pytest.approx(0.4)
    assert table.loc["MAN", "ci_low"] == pytest.approx(0.218807, abs=1e-5)
    assert table.loc["MAN", "ci_high"] == pytest.approx(0.613421, abs=1e-5)
    # p = 0, n = 10: low 0, high = z²/n / (1 + z²/n) = 0.384146/1.384146 = 0.277533.
    assert table.loc["---", "ci_low"] == pytest.approx(0.0, abs=1e-12)
    assert table.loc["---", "ci_high"] == pytest.approx(0.277533, abs=1e-5)


def test_conversion_by_other_groups_sorted_and_bad_input():
    leads = pd.DataFrame({"tier": ["prospect", "lead", "prospect"], "won_6m": [True, False, False]})
    table = qualify.conversion_by(leads, "tier")
    assert table.index.tolist() == ["lead", "prospect"]
    assert table.loc["prospect", "conversion_rate"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="won_6m"):
        qualify.conversion_by(leads.drop(columns="won_6m"), "tier")
    with pytest.raises(ValueError, match="missing"):
        qualify.conversion_by(leads.assign(tier=["a", None, "b"]), "tier")


def test_call_plan_by_hand():
    leads = pd.DataFrame({"lead_id": ["A", "B", "C", "D", "E", "F"], "week": [1, 1, 1, 2, 2, 1]})
    score = pd.Series([0.1, 0.5, 0.5, 0.2, 0.9, 0.3])
    plan = qualify.call_plan(leads, score, capacity=2)
    # week 1: B (0.5) and C (0.5, tie kept in table order), then F, A; week 2: E then D.
    assert plan["call_order"].tolist() == [0, 1, 2, 2, 1, 0]
    assert plan["called"].tolist() == [False, True, True, True, True, False]
    assert plan["lead_id"].tolist() == list("ABCDEF")       # rows keep their order


def test_call_plan_bad_input():
    leads = pd.DataFrame({"week": [1, 1]})
    with pytest.raises(ValueError, match="capacity"):
        qualify.call_plan(leads, pd.Series([1.0, 2.0]), capacity=0)
    with pytest.raises(ValueError, match="index does not match the index of leads"):
        qualify.call_plan(leads, pd.Series([1.0, 2.0], index=[5, 6]), capacity=1)
    with pytest.raises(ValueError, match="missing"):
        qualify.call_plan(leads, pd.Series([1.0, np.nan]), capacity=1)
    with pytest.raises(ValueError, match="week"):
        qualify.call_plan(leads.rename(columns={"week": "wk"}), pd.Series([1.0, 2.0]), capacity=1)
    repeated = pd.DataFrame({"week": [1, 1]}, index=[0, 0])
    with pytest.raises(ValueError, match="repeated index"):
        qualify.call_plan(repeated, pd.Series([1.0, 2.0], index=[0, 0]), capacity=1)


def test_gains_table_by_hand():
    # scores 3,3,2,1,1 ; wins 1,0,1,0,0 (2 wins)
    gains = qualify.gains_table(pd.Series([3, 1, 2, 3, 1]), pd.Series([True, False, True, False, False]))
    assert gains["share_of_leads"].tolist() == pytest.approx([0, 0.4, 0.6, 1.0])
    assert gains["share_of_wins"].tolist() == pytest.approx([0, 0.5, 1.0, 1.0])
    assert gains["conversion_rate"].iloc[1:].tolist() == pytest.approx([0.5, 1.0, 0.0])
    assert math.isinf(gains["score"].iloc[0])


def test_gains_table_bad_input():
    with pytest.raises(ValueError, match="no wins"):
        qualify.gains_table([0.1, 0.2], [False, False])
    with pytest.raises(ValueError, match="same leads"):
        qualify.gains_table([0.1, 0.2], [True])
    with pytest.raises(TypeError, match="numbers"):
        qualify.gains_table(["a", "b"], [True, False])
    # Series are matched by index (issue 15): the same leads in another order are the same leads
    pd.testing.assert_frame_equal(
        qualify.gains_table(pd.Series([0.1, 0.2], index=[1, 2]), pd.Series([True, False], index=[2, 1])),
        qualify.gains_table([0.1, 0.2], [False, True]))
    with pytest.raises(ValueError, match="index does not match"):
        qualify.gains_table(pd.Series([0.1, 0.2], index=[1, 2]), pd.Series([True, False], index=[3, 4]))


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # noqa: E402


def test_man_flags_refuses_inf_instead_of_calling_it_a_big_budget(capsys):
    leads = six_leads()
    leads.loc[4, "budget_yuan"] = np.inf  # inf ≥ 50,000 made L5 "money"
    with pytest.raises(InputError, match="'budget_yuan' has 1 infinite"):
        qualify.man_flags(leads)


def test_man_flags_text_budgets_and_unchecked_scalars(capsys):
    leads = six_leads().assign(budget_yuan=["80,000", "50,000", "49,999", None, "10,000", "200,000"])
    with pytest.raises(InputError, match=r"str.replace\(',', ''\)"):
        qualify.man_flags(leads)
    with pytest.raises(InputError, match="budget_min must be a number"):
        qualify.man_flags(six_leads(), budget_min="50000")
    with pytest.raises(InputError, match="authority_levels must be a list"):
        qualify.man_flags(six_leads(), authority_levels=None)
    # a whole number given as a float is accepted
    same = qualify.man_flags(six_leads(), need_min_signals=2.0)
    pd.testing.assert_frame_equal(same, qualify.man_flags(six_leads()))


def test_call_plan_accepts_a_whole_float_capacity_and_matches_scores_by_index(capsys):
    leads = pd.DataFrame({"week": [1, 1, 1]}, index=["a", "b", "c"])
    score = pd.Series([1.0, 3.0, 2.0], index=["a", "b", "c"])
    plan = qualify.call_plan(leads, score.iloc[::-1], capacity=2.0)  # same leads, other order
    assert plan["called"].tolist() == [False, True, True]
    with pytest.raises(InputError, match="score has 2 values but leads has 3 rows"):
        qualify.call_plan(leads, [1.0, 2.0], capacity=1)
    with pytest.raises(InputError, match="infinite"):
        qualify.call_plan(leads, [1.0, np.inf, 2.0], capacity=1)


def test_conversion_by_percent_confidence_is_refused():
    leads = pd.DataFrame({"pattern": ["MAN", "M--"], "won_6m": [True, False]})
    with pytest.raises(InputError, match=r"confidence=95 looks like a percent: did you mean 0.95\?"):
        qualify.conversion_by(leads, "pattern", confidence=95)


def test_the_kits_tiers_and_rules_cannot_be_changed_from_a_notebook(capsys):
    before = qualify.man_tier(qualify.man_flags(six_leads()))
    with pytest.raises(TypeError, match="read-only"):
        qualify.TIERS[3] = ("prospect", 2, "nurture")
    with pytest.raises(TypeError, match="read-only"):
        qualify.DEFAULT_RULES["budget_min"] = 0.0
    pd.testing.assert_frame_equal(qualify.man_tier(qualify.man_flags(six_leads())), before)
