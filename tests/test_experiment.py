"""Tests of helpers.experiment against hand computations and planted simulation truths."""

import math

import pandas as pd
import pytest

from helpers.experiment import (
    conversion_table, drop_crossovers, power_two_proportions, sample_size_two_proportions,
    simulate_peeking, simulate_self_selection, two_proportion_test,
)

Z975 = 1.959963984540054  # standard normal 97.5% quantile (published tables: 1.95996)
Z80 = 0.8416212335729143  # standard normal 80% quantile (tables: 0.84162)


def normal_sf(z):
    """Upper tail of the standard normal, via math.erfc (a second implementation)."""
    return 0.5 * math.erfc(z / math.sqrt(2))


# --------------------------------------------------------------------------- two-proportion test


def test_two_proportion_test_by_hand():
    # A: 25 of 100, B: 18 of 100.  Pooled rate 43/200 = 0.215;
    # pooled SE = sqrt(0.215 × 0.785 × (1/100 + 1/100)) = sqrt(0.0033755) = 0.0580991;
    # z = 0.07 / 0.0580991 = 1.20484; two-sided p = 2 × (1 − Φ(1.20484)) ≈ 0.2283.
    # CI of the difference: SE = sqrt(0.25·0.75/100 + 0.18·0.82/100) = sqrt(0.003351) = 0.0578878,
    # 0.07 ± 1.95996 × 0.0578878 = 0.07 ± 0.113458 → [−0.043458, 0.183458].
    result = two_proportion_test(25, 100, 18, 100)
    assert result["rate_a"] == pytest.approx(0.25)
    assert result["rate_b"] == pytest.approx(0.18)
    assert result["difference"] == pytest.approx(0.07)
    assert result["relative_lift"] == pytest.approx(0.25 / 0.18 - 1)  # +38.9%
    assert result["z"] == pytest.approx(0.07 / math.sqrt(0.215 * 0.785 * 0.02), rel=1e-12)
    assert result["z"] == pytest.approx(1.20484, abs=1e-5)
    assert result["p_value"] == pytest.approx(2 * normal_sf(1.2048394), rel=1e-5)
    assert result["p_value"] == pytest.approx(0.2283, abs=5e-4)
    half = Z975 * math.sqrt(0.25 * 0.75 / 100 + 0.18 * 0.82 / 100)
    assert result["ci_low"] == pytest.approx(0.07 - half)
    assert result["ci_high"] == pytest.approx(0.07 + half)
    assert result["ci_low"] == pytest.approx(-0.043458, abs=1e-6)


def test_two_proportion_test_source_sizes_is_decisive():
    # 2,500 of 10,000 vs 1,800 of 10,000: SE = sqrt(0.215 × 0.785 × 0.0002) = 0.00580991,
    # z = 0.07 / 0.00580991 = 12.048 — far beyond 1.96.
    result = two_proportion_test(2500, 10_000, 1800, 10_000)
    assert result["z"] == pytest.approx(12.048, abs=1e-3)
    assert result["p_value"] < 1e-30


def test_one_sided_alternatives_split_the_two_sided_p_value():
    two = two_proportion_test(25, 100, 18, 100)["p_value"]
    larger = two_proportion_test(25, 100, 18, 100, alternative="larger")["p_value"]
    smaller = two_proportion_test(25, 100, 18, 100, alternative="smaller")["p_value"]
    assert larger == pytest.approx(two / 2)
    assert smaller == pytest.approx(1 - two / 2)


@pytest.mark.parametrize("args, match", [
    ((120, 100, 18, 100), "cannot convert more"),
    ((25, 0, 18, 100), "users_a"),
    ((-1, 100, 18, 100), "conversions_a"),
    ((0, 100, 0, 100), "undefined"),
])
def test_two_proportion_test_bad_counts(args, match):
    with pytest.raises(ValueError, match=match):
        two_proportion_test(*args)


def test_two_proportion_test_bad_types_and_options():
    with pytest.raises(TypeError, match="whole number"):
        two_proportion_test("25", 100, 18, 100)
    with pytest.raises(ValueError, match="whole number"):
        two_proportion_test(2.5, 100, 18, 100)
    with pytest.raises(ValueError, match="alternative"):
        two_proportion_test(25, 100, 18, 100, alternative="greater")
    with pytest.raises(ValueError, match="percent"):
        two_proportion_test(25, 100, 18, 100, confidence=95)


# --------------------------------------------------------------------------- sample size and power


def test_sample_size_by_hand_source_rates():
    # 25% vs 18%, α = 0.05 two-sided, power 0.8.  p̄ = 0.215;
    # z_α·√(2p̄(1−p̄)) = 1.959964 × √0.33755 = 1.959964 × 0.580990 = 1.138719;
    # z_β·√(p_a q_a + p_b q_b) = 0.841621 × √0.3351 = 0.841621 × 0.578878 = 0.487198;
    # n = (1.625917)² / 0.07² = 2.643606 / 0.0049 = 539.5 → 540 users per arm.
    n_exact = (Z975 * math.sqrt(2 * 0.215 * 0.785) + Z80 * math.sqrt(0.25 * 0.75 + 0.18 * 0.82)) ** 2 / 0.07 ** 2
    assert n_exact == pytest.approx(539.51, abs=0.01)
    assert sample_size_two_proportions(0.25, 0.18) == 540
    assert sample_size_two_proportions(0.18, 0.25) == 540  # symmetric


def test_sample_size_published_table():
    # Fleiss' formula without continuity correction, 10% vs 15%, α = 0.05, power 0.8: 686 per
    # group (p̄ = 0.125: (1.959964 × 0.467707 + 0.841621 × 0.466369)² / 0.0025 = 685.998).
    assert sample_size_two_proportions(0.10, 0.15) == 686


def test_sample_size_grows_for_smaller_lifts_and_more_power():
    small = sample_size_two_proportions(0.18, 0.20)
    assert small > sample_size_two_proportions(0.18, 0.25)
    assert sample_size_two_proportions(0.18, 0.20, power=0.9) > small
    assert sample_size_two_proportions(0.18, 0.20, alternative="larger") < small


def test_power_is_the_inverse_of_sample_size():
    n = sample_size_two_proportions(0.25, 0.18)
    assert power_two_proportions(0.25, 0.18, n) == pytest.approx(0.80, abs=0.003)
    assert power_two_proportions(0.25, 0.18, n) >= 0.80
    assert power_two_proportions(0.25, 0.18, n - 1) < 0.80
    assert power_two_proportions(0.25, 0.18, 100) < power_two_proportions(0.25, 0.18, 1000)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"rate_a": 0.2, "rate_b": 0.2}, ValueError, "zero difference"),
    ({"rate_a": 25, "rate_b": 18}, ValueError, "percent"),
    ({"rate_a": 0.0, "rate_b": 0.18}, ValueError, "rate_a must be > 0"),
    ({"rate_a": "0.25", "rate_b": 0.18}, TypeError, "number"),
    ({"rate_a": 0.25, "rate_b": 0.18, "power": 80}, ValueError, "power"),
])
def test_sample_size_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        sample_size_two_proportions(**kwargs)


# --------------------------------------------------------------------------- conversion table


def tiny_test():
    # Arm "A": 4 users, 1 converted (25%); arm "B": 5 users, 3 converted (60%).
    return pd.DataFrame({
        "user_id": [f"U{i}" for i in range(9)],
        "arm": ["B", "A", "B", "A", "B", "A", "B", "A", "B"],
        "ordered": [True, False, True, False, False, True, True, False, False],
    })


def test_conversion_table_by_hand():
    table = conversion_table(tiny_test())
    assert list(table.index) == ["A", "B"]
    assert table["users"].tolist() == [4, 5]
    assert table["conversions"].tolist() == [1, 3]
    assert table["conversion_rate"].tolist() == pytest.approx([0.25, 0.60])
    # Wald, arm B: 0.6 ± 1.959964 × √(0.6 × 0.4 / 5) = 0.6 ± 0.429412 → [0.170588, 1.0 (clipped from 1.0294)]
    assert table.loc["B", "ci_low"] == pytest.approx(0.6 - Z975 * math.sqrt(0.24 / 5))
    assert table.loc["B", "ci_high"] == 1.0


def test_conversion_table_wilson_published_interval():
    # Wilson 95% interval (Newcombe 1998, method 3) for 25 of 100, by hand with z = 1.959964:
    # centre (0.25 + z²/200) / (1 + z²/100) = 0.269207 / 1.038415 = 0.259248;
    # half-width z·√(0.25·0.75/100 + z²/40000) / 1.038415 = 1.959964 × 0.044396 / 1.038415 = 0.083796
    # → [0.1755, 0.3430].
    frame = pd.DataFrame({"arm": ["A"] * 100, "ordered": [True] * 25 + [False] * 75})
    table = conversion_table(frame, method="wilson")
    assert table.loc["A", "ci_low"] == pytest.approx(0.1755, abs=1e-4)
    assert table.loc["A", "ci_high"] == pytest.approx(0.3430, abs=1e-4)
    wald = conversion_table(frame)
    # Wald: 0.25 ± 1.959964 × 0.0433013 = [0.165131, 0.334869]
    assert wald.loc["A", "ci_low"] == pytest.approx(0.165131, abs=1e-6)


def test_conversion_table_accepts_zero_one_flags():
    frame = tiny_test().assign(ordered=lambda d: d["ordered"].astype("int64"))
    assert conversion_table(frame)["conversions"].tolist() == [1, 3]


def test_conversion_table_bad_input():
    with pytest.raises(ValueError, match="no column"):
        conversion_table(tiny_test(), converted="bought")
    with pytest.raises(ValueError, match="empty"):
        conversion_table(tiny_test().iloc[0:0])
    with pytest.raises(TypeError, match="DataFrame"):
        conversion_table([1, 2, 3])
    with pytest.raises(ValueError, match="missing values"):
        conversion_table(tiny_test().assign(ordered=[True, None] + [False] * 7))
    with pytest.raises(ValueError, match="True/False"):
        conversion_table(tiny_test().assign(ordered=["yes"] * 9))
    with pytest.raises(ValueError, match="method"):
        conversion_table(tiny_test(), method="exact")


# --------------------------------------------------------------------------- crossovers


def test_drop_crossovers_removes_every_row_of_crossed_users(capsys):
    frame = pd.DataFrame({"user_id": ["U1", "U2", "U2", "U3", "U4", "U4"],
                          "arm": ["A", "A", "B", "B", "B", "A"], "ordered": [1, 0, 1, 0, 1, 1]})
    kept = drop_crossovers(frame)
    assert kept["user_id"].tolist() == ["U1", "U3"]
    assert "Dropped 4 rows of 2 users" in capsys.readouterr().out  # 2 of 4 users = 50.00%


def test_drop_crossovers_refuses_same_arm_duplicates():
    frame = pd.DataFrame({"user_id": ["U1", "U1"], "arm": ["A", "A"]})
    with pytest.raises(ValueError, match="drop_duplicates"):
        drop_crossovers(frame)


# --------------------------------------------------------------------------- simulations


def test_peeking_inflates_false_alarms_and_is_deterministic():
    result = simulate_peeking(rate=0.2, users_per_day=200, days=10, experiments=4000, seed=7)
    assert result.equals(simulate_peeking(rate=0.2, users_per_day=200, days=10, experiments=4000, seed=7))
    # With one look the false-alarm rate is α = 5%: with 4,000 A/A tests its standard error
    # is √(0.05 × 0.95 / 4000) = 0.0034, so ±0.012 is 3.5 standard errors.
    assert result["share_significant_today"].iloc[0] == pytest.approx(0.05, abs=0.012)
    assert result["share_significant_today"].iloc[-1] == pytest.approx(0.05, abs=0.012)
    stopped = result["share_stopped_by_today"]
    assert stopped.is_monotonic_increasing
    assert stopped.iloc[-1] > 0.12  # ten looks: about 0.19 by the published Armitage et al. table
    assert list(result.columns) == ["day", "users_per_arm", "share_significant_today", "share_stopped_by_today"]


def test_self_selection_gap_without_any_effect():
    customers = simulate_self_selection(40_000, programme_effect=0.0, seed=11)
    rates = customers.groupby("member")["repurchased"].mean()
    # The club does nothing, yet members repurchase far more than non-members.
    assert rates[True] - rates[False] > 0.25
    # Within a narrow band of baseline loyalty the gap disappears (within 3 SE ≈ 0.04).
    band = customers[customers["baseline_loyalty"].between(0.40, 0.50)]
    banded = band.groupby("member")["repurchased"].mean()
    assert abs(banded[True] - banded[False]) < 0.04


def test_self_selection_calibration_and_determinism():
    customers = simulate_self_selection()
    assert customers.equals(simulate_self_selection())
    rates = customers.groupby("member")["repurchased"].mean()
    # Calibrated to the source's coffee chain: members ≈ 60%, non-members ≈ 25%.
    assert rates[True] == pytest.approx(0.60, abs=0.03)
    assert rates[False] == pytest.approx(0.25, abs=0.03)
    assert customers["customer_id"].is_unique
    with pytest.raises(ValueError, match="programme_effect"):
        simulate_self_selection(programme_effect=5)


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # the kit's error type (issue 15)

import numpy as np  # noqa: E402


def test_two_proportion_test_refuses_nan_and_inf_counts_by_name():
    for position, name in enumerate(["conversions_a", "users_a", "conversions_b", "users_b"]):
        for bad in (float("nan"), float("inf")):
            args = [25, 100, 18, 100]
            args[position] = bad
            with pytest.raises(InputError, match=name):
                two_proportion_test(*args)


def test_whole_numbers_and_shares_given_as_numpy_scalars_or_floats_are_accepted():
    exact = two_proportion_test(25, 100, 18, 100)
    assert two_proportion_test(25.0, np.int32(100), np.float64(18), 100.0).equals(exact)
    assert sample_size_two_proportions(np.float32(0.25), 0.18) == sample_size_two_proportions(0.25, 0.18)
    with_numpy = simulate_self_selection(200, programme_effect=np.float32(0.05), seed=np.int64(3))
    assert with_numpy.equals(simulate_self_selection(200, programme_effect=0.05, seed=3))
    with pytest.raises(InputError, match="programme_effect"):
        simulate_self_selection(200, programme_effect=float("nan"))
    with pytest.raises(InputError, match="seed"):
        simulate_peeking(seed="abc")


def test_drop_crossovers_does_not_keep_users_it_cannot_place(capsys):
    frame = pd.DataFrame({"user_id": ["U1", "U2", "U2", "U3", None, "U4", "U4"],
                          "arm": ["A", "A", None, "B", "A", "B", "A"]})
    kept = drop_crossovers(frame)
    # U2 has arm A and a row with no arm: we cannot tell whether U2 saw B, so U2 goes;
    # the row with no user cannot be matched to anyone; U4 crossed over.  U1 and U3 remain.
    assert kept["user_id"].tolist() == ["U1", "U3"]
    out = capsys.readouterr().out
    assert "1 rows with no user_id" in out
    assert "2 rows of 1 users with a missing arm" in out
    assert "Dropped 2 rows of 1 users who were assigned to more than one arm" in out


def test_assignment_tables_with_mixed_ids_or_duplicated_columns_are_refused():
    frame = pd.DataFrame({"user_id": [1, "1", 2], "arm": ["A", "B", "A"], "ordered": [True, False, True]})
    with pytest.raises(InputError, match="user_id.*mixes"):
        drop_crossovers(frame)
    doubled = pd.concat([frame, frame[["arm"]]], axis=1)
    with pytest.raises(InputError, match="more than one column named 'arm'"):
        drop_crossovers(doubled)
    with pytest.raises(InputError, match="more than one column named 'arm'"):
        conversion_table(doubled)
    with pytest.raises(InputError, match="arm.*mixes"):
        conversion_table(frame.assign(arm=[1, "1", "A"]))
