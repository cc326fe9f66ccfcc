"""helpers.needs on hand-computed cases, and its refusals of bad input."""

import numpy as np
import pandas as pd
import pytest

from helpers import InputError, needs


def tiny():
    """A: rice every 10 then 12 days; B: every 20 then 24; C: bought once."""
    return pd.DataFrame({
        "customer_id": ["A", "A", "A", "B", "B", "B", "C", "A"],
        "date": ["2024-01-01", "2024-01-11", "2024-01-23", "2024-01-01", "2024-01-21", "2024-02-14",
                 "2024-02-01", "2024-01-11"],
        "product": ["rice"] * 8,
        "units": [5.0, 5.0, 5.0, 10.0, 10.0, 10.0, 5.0, 1.0],
    })


def test_purchase_intervals_by_hand():
    out = needs.purchase_intervals(tiny(), verbose=False)
    a = out[out["customer_id"] == "A"]
    assert a["interval_days"].tolist()[1:] == [10.0, 12.0] and np.isnan(a["interval_days"].iloc[0])
    assert a["lines"].tolist() == [1, 2, 1]  # two lines on 2024-01-11 are one purchase


def test_runout_forecast_matches_buhlmann_by_hand():
    out = needs.runout_forecast(tiny(), snapshot="2024-03-01", verbose=False).set_index("customer_id")
    # sigma2 = ((2-1)*2 + (2-1)*8) / 2 = 5; means 11 and 22 (n = 2 each); collective 16.5
    # tau2 = var([11, 22]) - 5 * mean(1/2, 1/2) = 60.5 - 2.5 = 58; k = 5/58; Z = 2 / (2 + 5/58) = 116/121
    z = 116 / 121
    assert out.loc["A", "credibility"] == pytest.approx(z)
    assert out.loc["A", "interval_days"] == pytest.approx(z * 11 + (1 - z) * 16.5)
    assert out.loc["B", "interval_days"] == pytest.approx(z * 22 + (1 - z) * 16.5)
    assert out.loc["C", "credibility"] == 0 and out.loc["C", "interval_days"] == pytest.approx(16.5)
    assert out.loc["A", "last_purchase"] == pd.Timestamp("2024-01-23")
    assert out.loc["A", "days_since"] == 38  # 2024-01-23 → 2024-03-01
    assert out.loc["A", "next_due"] == pd.Timestamp("2024-01-23") + pd.Timedelta(days=11)


def test_runout_forecast_with_units_uses_daily_use():
    log = tiny()
    out = needs.runout_forecast(log, snapshot="2024-03-01", units="units", verbose=False).set_index("customer_id")
    # A: 5 kg over 10 days, then 6 kg (two lines on 2024-01-11) over 12 days: use 0.5 and 0.5
    assert out.loc["A", "own_mean"] == pytest.approx(0.5)
    # B: 10/20 and 10/24
    assert out.loc["B", "own_mean"] == pytest.approx((0.5 + 10 / 24) / 2)
    # the next purchase is due when the last purchase's units are used up at the shrunk rate
    assert out.loc["A", "interval_days"] == pytest.approx(5.0 / out.loc["A", "daily_use"])


def test_only_purchases_before_the_snapshot_count(capsys):
    out = needs.runout_forecast(tiny(), snapshot="2024-01-22", verbose=True).set_index("customer_id")
    assert out.loc["A", "intervals"] == 1 and out.loc["A", "last_purchase"] == pd.Timestamp("2024-01-11")
    assert "3 lines on or after the snapshot" in capsys.readouterr().out


def test_capture_share_by_hand():
    idx = pd.Index(["x", "y", "z"])
    predicted = pd.Series(pd.to_datetime(["2024-01-10", "2024-01-20", "2024-01-05"]), index=idx)
    actual = pd.Series(pd.to_datetime(["2024-01-08", "2024-01-30"]), index=["x", "y"])  # z never bought again
    # lead 3, window 7: x's window is 01-07 … 01-13 (caught), y's 01-17 … 01-23 (missed), z missed
    assert needs.capture_share(predicted, actual, lead_days=3, window_days=7) == pytest.approx(1 / 3)
    # a Series in another order is matched by label, not position
    assert needs.capture_share(predicted, actual.iloc[::-1], lead_days=3, window_days=7) == pytest.approx(1 / 3)


def test_reminder_plan_net_value_by_hand():
    predicted = pd.Series(pd.to_datetime(["2024-01-10", "2024-01-10"]), index=["a", "b"])
    actual = pd.Series(pd.to_datetime(["2024-01-10", "2024-01-04"]), index=["a", "b"])
    plan = needs.reminder_plan(predicted, actual, leads=[0, 6], window_days=7, value_per_catch=10,
                               cost_per_message=1).set_index("lead_days")
    # lead 0: window 01-10 … 01-16 catches a only; lead 6: 01-04 … 01-10 catches both
    assert plan.loc[0, "caught"] == 1 and plan.loc[6, "caught"] == 2
    assert plan.loc[6, "net_value"] == 2 * 10 - 2 * 1 and bool(plan.loc[6, "best"])


def test_switch_signal_fires_when_all_shopping_stops():
    forecast = pd.DataFrame({"customer_id": ["A", "A", "B", "B", "C"], "product": ["rice", "oil", "rice", "oil", "rice"],
                             "interval_days": [10.0, 30.0, 10.0, 30.0, 5.0], "days_since": [40, 35, 40, 20, 16]})
    out = needs.switch_signal(forecast, factor=3, min_days=21).set_index("customer_id")
    # A: silent 35 days > 3 x its fastest rhythm (10) → switcher; rice and oil: only rice is late (40 > 30)
    assert bool(out.loc["A", "silent_switcher"]) and out.loc["A", "overdue"] == 1
    assert out.loc["A", "days_silent"] == 35 and out.loc["A", "fastest_interval"] == 10
    # B bought oil 20 days ago: not silent; C: 16 > 15 but under min_days
    assert not bool(out.loc["B", "silent_switcher"]) and not bool(out.loc["C", "silent_switcher"])


def test_usual_basket_by_hand():
    log = pd.DataFrame({"customer_id": ["A"] * 5,
                        "date": ["2024-01-01", "2024-01-01", "2024-01-08", "2024-01-15", "2024-01-15"],
                        "product": ["rice", "juice", "juice", "juice", "rice"],
                        "pack": [5.0, 1.0, 1.0, 2.0, 5.0]})
    out = needs.usual_basket(log, snapshot="2024-01-20", pack="pack", min_purchases=2, min_support=0.5,
                             verbose=False).set_index("product")
    # 3 visits; juice on all 3 (support 1), rice on 2 (2/3); juice's usual pack 1.0 (2 of 3)
    assert out.loc["juice", "support"] == pytest.approx(1.0) and out.loc["rice", "support"] == pytest.approx(2 / 3)
    assert out.loc["juice", "usual_pack"] == 1.0 and out.loc["juice", "pack_share"] == pytest.approx(2 / 3)
    assert out.loc["rice", "days_since"] == 5


@pytest.mark.parametrize("call, words", [
    (lambda: needs.runout_forecast(tiny().drop(columns="date"), snapshot="2024-03-01"), "'date'"),
    (lambda: needs.runout_forecast(tiny(), snapshot="2023-01-01"), "snapshot"),
    (lambda: needs.runout_forecast(tiny(), snapshot="2024-03-01", segment={"A": 1}), "segment"),
    (lambda: needs.runout_forecast(tiny().assign(customer_id=["A", 1, "A", "B", "B", "B", "C", "A"]),
                                   snapshot="2024-03-01"), "mixes text ids and numbers"),
    (lambda: needs.runout_forecast(tiny().assign(date=["05/01/2024", "10/02/2024", "11/01/2024"] * 2
                                                 + ["01/03/2024", "02/03/2024"]), snapshot="2024-03-01"),
     "dayfirst"),
    (lambda: needs.usual_basket(tiny(), snapshot="2024-03-01", min_support=25), "did you mean 0.25"),
    (lambda: needs.switch_signal(pd.DataFrame({"customer_id": ["A"]}), factor=3), "interval_days"),
    (lambda: needs.capture_share([1, 2], pd.Series(dtype="datetime64[ns]"), lead_days=1, window_days=3),
     "predicted"),
    (lambda: needs.capture_share(pd.Series(pd.to_datetime(["2024-01-01"])), pd.Series(pd.to_datetime(["2024-01-01"])),
                                 lead_days=-1, window_days=3), "lead_days"),
])
def test_bad_inputs_get_the_kits_error(call, words):
    with pytest.raises(InputError, match=words):
        call()


def test_missing_values_are_counted_not_hidden(capsys):
    log = tiny()
    log.loc[0, "customer_id"] = None
    needs.purchase_intervals(log)
    assert "left out 1 of 8 lines with no customer, product or date" in capsys.readouterr().out


def test_switch_signal_refuses_text_and_inf_and_counts_pairs_without_forecast(capsys):
    text = pd.DataFrame({"customer_id": ["A"], "interval_days": ["1,0"], "days_since": [5]})
    with pytest.raises(InputError, match="interval_days"):
        needs.switch_signal(text)
    infinite = pd.DataFrame({"customer_id": ["A"], "interval_days": [np.inf], "days_since": [5]})
    with pytest.raises(InputError, match="infinite"):
        needs.switch_signal(infinite)
    partly = pd.DataFrame({"customer_id": ["A", "A"], "interval_days": [10.0, np.nan], "days_since": [40, 50]})
    out = needs.switch_signal(partly).set_index("customer_id")
    assert out.loc["A", "staples"] == 1
    assert "1 customer × product pair has no forecast" in capsys.readouterr().out


def test_units_drops_name_their_reason_and_inf_is_refused(capsys):
    log = tiny()
    log.loc[1, "units"] = np.nan
    log.loc[2, "units"] = -5.0
    needs.runout_forecast(log, snapshot="2024-03-01", units="units")
    said = capsys.readouterr().out
    assert "1 line with no 'units' (missing)" in said and "1 line whose 'units' is zero or negative" in said
    log.loc[1, "units"] = np.inf
    with pytest.raises(InputError, match="infinite"):
        needs.runout_forecast(log, snapshot="2024-03-01", units="units")


def test_duplicated_column_is_refused_by_name():
    log = pd.concat([tiny(), tiny()[["units"]]], axis=1)
    with pytest.raises(InputError, match="more than one column named 'units'"):
        needs.runout_forecast(log, snapshot="2024-03-01", units="units")
