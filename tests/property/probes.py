"""Bad-input probes for the public functions of rfm, clv, pyramid, qualify and data (issue 15).

A probe is one call with one thing wrong (an empty table, a missing or duplicated column, text
numbers with thousands separators, ambiguous or far-off dates, mixed time zones, NaN/inf,
negative values, mixed id types, a misaligned Series, a bad scalar) and what the kit must do:

* ``"refuse"`` — raise :class:`helpers.InputError` whose message names ``names`` (the argument
  or column);
* ``"same"`` — return the same result as the valid call (an equivalent input: a whole float for
  a whole number, a Series in another order);
* ``"either"`` — refuse as above, or return a result (a choice the kit documents, e.g. NaN
  budgets counted as "not met").

:func:`run` calls one probe and returns its outcome: ``"named error"``, ``"result"`` (allowed),
or a string starting with ``"BAD"`` that says what went wrong.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from helpers import InputError, clv, data, pyramid, qualify, rfm


@dataclass
class Probe:
    label: str
    call: Callable[[], Any]
    expect: str = "refuse"
    names: tuple[str, ...] = ()
    base: Callable[[], Any] | None = None
    extra: dict = field(default_factory=dict)


def _same(a, b) -> bool:
    if isinstance(a, pd.DataFrame) or isinstance(a, pd.Series):
        try:
            (pd.testing.assert_frame_equal if isinstance(a, pd.DataFrame) else pd.testing.assert_series_equal)(
                a, b, check_dtype=False, check_index_type=False, check_names=False)
            return True
        except AssertionError:
            return False
    if isinstance(a, np.ndarray) or np.ndim(a):
        return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)
    return a == b or (isinstance(a, float) and np.isclose(a, b))


def run(probe: Probe) -> str:
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = probe.call()
        except InputError as exc:
            if probe.expect == "same":
                return f"BAD: refused an equivalent input: {exc}"
            message = str(exc)
            if probe.names and not any(name in message for name in probe.names):
                return f"BAD: InputError without naming {probe.names}: {message}"
            return "named error"
        except Exception as exc:  # noqa: BLE001 - this is what the probe looks for
            return f"BAD: bare {type(exc).__name__}: {exc}"
        if probe.expect == "refuse":
            return "BAD: accepted silently"
        if probe.expect == "same":
            try:
                expected = probe.base()
            except Exception as exc:  # noqa: BLE001
                return f"BAD: the valid call fails: {exc!r}"
            return "result" if _same(result, expected) else "BAD: a different result for an equivalent input"
        return "result"


# --------------------------------------------------------------------------- valid inputs


def log() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["A", "A", "B", "B", "C", "D"],
        "timestamp": pd.to_datetime(["2024-01-03", "2024-02-10", "2024-01-20", "2024-03-01", "2024-02-14",
                                     "2024-03-02"]),
        "order_id": ["T1", "T2", "T3", "T4", "T5", "T6"],
        "amount": [120.0, 30.0, 80.0, 60.0, 500.0, 40.0],
        "quantity": [1, 2, 1, 3, 1, 2],
        "unit_price": [120.0, 15.0, 80.0, 20.0, 500.0, 20.0],
    })


def rfm_frame() -> pd.DataFrame:
    return pd.DataFrame({"recency_days": [2, 12, 40, 1, 90, 33], "frequency": [5, 2, 1, 1, 3, 8],
                         "monetary": [350.0, 80.0, 10.0, 40.0, 120.0, 900.0]},
                        index=pd.Index(list("ABCDEF"), name="customer_id"))


def accounts() -> pd.DataFrame:
    return pd.DataFrame({"account_id": ["A", "B", "C"], "revenue": [13_000.0, 20_000.0, 5_000.0],
                         "cost_of_goods": [7_000.0, 13_500.0, 2_000.0], "orders": [10, 40, 3],
                         "deliveries": [10, 50, 2], "returns": [0, 5, 1], "service_contacts": [4, 20, 1],
                         "days_to_pay": [30, 60, 10]})


def leads() -> pd.DataFrame:
    return pd.DataFrame({
        "budget_yuan": [80_000.0, 50_000.0, 49_999.0, 10_000.0],
        "contact_seniority": ["director", "staff", "executive", "manager"],
        "pain_points": [3, 0, 2, 1], "inbound_request": [True, False, False, True], "trial_days": [0, 10, 5, 3],
        "week": [1, 1, 2, 2], "won_6m": [True, False, True, False], "pattern": ["MAN", "M--", "-AN", "--N"],
    })


def rft():
    return (pd.Series([2, 0, 5, 1, 0, 3]), pd.Series([30.4, 0.0, 35.0, 10.0, 0.0, 20.0]),
            pd.Series([38.9, 38.9, 38.0, 30.0, 20.0, 36.0]))


BG = clv.BetaGeo()
BG.params_ = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
GG = clv.GammaGamma()
GG.params_ = {"p": 6.25, "q": 3.74, "gamma": 15.44}
SBG = clv.ShiftedBetaGeometric()
SBG.params_ = {"alpha": 0.668, "beta": 3.806}


# --------------------------------------------------------------------------- table mutations


def _text_numbers(series: pd.Series) -> pd.Series:
    return pd.Series([f"{v:,.2f}" if float(v) >= 1000 else f"{v:.2f}" for v in series], index=series.index,
                     dtype=object).where(series.notna(), None).astype(object).map(
        lambda s: s if s is None else (s if "," in s else "1," + s.replace(".", "")[:3] + ".00"))


def table_probes(label: str, func: Callable, frame_fn: Callable[[], pd.DataFrame], kwargs: dict, *,
                 numeric=(), dates=(), ids=(), others=(), nan_ok=(), negative_ok=(), table_arg=None):
    """Probes of one table-taking function; the table is the first positional argument."""
    def call(frame, **extra):
        return lambda: func(frame, **{**kwargs, **extra})

    out = [Probe(f"{label}: empty table", call(frame_fn().iloc[0:0])),
           Probe(f"{label}: a dict, not a table", call(frame_fn().to_dict("list")), names=("DataFrame",)),
           Probe(f"{label}: a list of rows", call(frame_fn().to_numpy().tolist()), names=("DataFrame",))]
    for column in (*numeric, *dates, *ids, *others):
        frame = frame_fn()
        out.append(Probe(f"{label}: missing column {column}", call(frame.drop(columns=column)), names=(column,)))
        out.append(Probe(f"{label}: duplicated column {column}", call(pd.concat([frame, frame[[column]]], axis=1)),
                         names=(column,)))
    for column in numeric:
        frame = frame_fn()
        for what, value in (("NaN", np.nan), ("inf", np.inf), ("-inf", -np.inf)):
            bad = frame.copy()
            bad[column] = bad[column].astype("float64")
            bad.iloc[0, bad.columns.get_loc(column)] = value
            expect = "either" if (what == "NaN" and column in nan_ok) else "refuse"
            out.append(Probe(f"{label}: {what} in {column}", call(bad), expect=expect, names=(column,)))
        bad = frame.copy()
        bad[column] = [f"{1000 + float(v):,.2f}" for v in bad[column]]
        out.append(Probe(f"{label}: thousands separators in {column}", call(bad), names=(column,)))
        bad = frame.copy()
        bad[column] = [str(v) for v in bad[column]]
        out.append(Probe(f"{label}: numbers as text in {column}", call(bad), names=(column,)))
        bad = frame.copy()
        bad[column] = -bad[column].abs().astype("float64") - 1
        out.append(Probe(f"{label}: negative {column}", call(bad),
                         expect="either" if column in negative_ok else "refuse", names=(column,)))
        bad = frame.copy()
        bad[column] = ["x"] * len(bad)
        out.append(Probe(f"{label}: words in {column}", call(bad), names=(column,)))
    for column in dates:
        frame = frame_fn()
        stamps = frame[column]
        variants = {
            "ambiguous day/month text": [f"{d.month:02d}/{(d.month % 12) + 1:02d}/{d.year}" for d in stamps],
            "integer dates": [int(d.strftime("%Y%m%d")) for d in stamps],
            "a date in 2300": [d.strftime("%Y-%m-%d") if i else "2300-01-01" for i, d in enumerate(stamps)],
            "mixed UTC offsets": [d.strftime("%Y-%m-%d 10:00") + ("+08:00" if i % 2 else "+01:00")
                                  for i, d in enumerate(stamps)],
            "a missing date": [None] + list(stamps.iloc[1:]),
            "words": ["soon"] * len(stamps),
            "both day orders": (["20/01/2024", "01/20/2024"] * len(stamps))[:len(stamps)],
        }
        for what, values in variants.items():
            bad = frame.copy()
            bad[column] = pd.Series(values, index=frame.index, dtype=object)
            out.append(Probe(f"{label}: {what} in {column}", call(bad), names=(column,)))
        zoned = frame.copy()
        zoned[column] = stamps.dt.tz_localize("Asia/Shanghai")
        out.append(Probe(f"{label}: a zoned date column", call(zoned), expect="either", names=(column,)))
    for column in ids:
        frame = frame_fn()
        bad = frame.copy()
        bad[column] = pd.Series([1 if i == 0 else v for i, v in enumerate(frame[column])], index=frame.index,
                                dtype=object)
        out.append(Probe(f"{label}: mixed int/str ids in {column}", call(bad), names=(column,)))
        bad = frame.copy()
        bad[column] = pd.Series([None] + list(frame[column].iloc[1:]), index=frame.index, dtype=object)
        out.append(Probe(f"{label}: a missing id in {column}", call(bad), expect="either", names=(column,)))
    return out


def scalar_probes(label: str, func: Callable, args: tuple, kwargs: dict, name: str, *, same=(), either=()):
    """Probes of one scalar argument: bad values must be refused naming ``name``; ``same`` values are
    equivalent to the valid one; ``either`` values may be accepted."""
    bad_values = {"None": None, "text": "x", "NaN": float("nan"), "inf": float("inf"), "-1": -1,
                  "True": True, "a list": [1], "a dict": {"a": 1}, "a huge number": 1e300}
    out = []
    for what, value in bad_values.items():
        if what in either:
            expect = "either"
        else:
            expect = "refuse"
        out.append(Probe(f"{label}: {name}={what}", lambda v=value: func(*args, **{**kwargs, name: v}),
                         expect=expect, names=(name,)))
    for value in same:
        out.append(Probe(f"{label}: {name}={value!r} (equivalent)", lambda v=value: func(*args, **{**kwargs, name: v}),
                         expect="same", base=lambda: func(*args, **kwargs)))
    return out


# --------------------------------------------------------------------------- the probes


def all_probes() -> list[Probe]:
    probes: list[Probe] = []
    cols = dict(customer="customer_id", date="timestamp", amount="amount")
    # rfm
    probes += table_probes("rfm_table", rfm.rfm_table, log, {**cols, "order": "order_id"},
                           numeric=("amount",), dates=("timestamp",), ids=("customer_id",), others=("order_id",),
                           negative_ok=("amount",))
    probes += scalar_probes("rfm_table", rfm.rfm_table, (log(),), {**cols, "snapshot": "2024-04-01"}, "snapshot",
                            either=("None",))
    probes += scalar_probes("rfm_table", rfm.rfm_table, (log(),), cols, "returns", either=("None",))
    probes.append(Probe("rfm_table: returns mask in another order", expect="same",
                        call=lambda: rfm.rfm_table(log(), returns=(log()["amount"] < 0).iloc[::-1], **cols),
                        base=lambda: rfm.rfm_table(log(), **cols)))
    probes.append(Probe("rfm_table: returns mask of another table", names=("returns",),
                        call=lambda: rfm.rfm_table(log(), returns=pd.Series([False] * 3), **cols)))
    lines = lambda: log().drop(columns="amount")  # noqa: E731
    probes += table_probes("clean_log", rfm.clean_log, lines, {}, numeric=("quantity", "unit_price"),
                           negative_ok=("quantity", "unit_price"))  # returns; impossible prices dropped, counted
    probes += scalar_probes("clean_log", rfm.clean_log, (lines(),), {}, "max_markup", either=("a huge number",))
    probes += table_probes("rfm_scores", rfm.rfm_scores, rfm_frame, {},
                           numeric=("recency_days", "frequency", "monetary"), negative_ok=("monetary",))
    probes += scalar_probes("rfm_scores", rfm.rfm_scores, (rfm_frame(),), {}, "bins", same=(5.0, np.int32(5)))
    probes += table_probes("threshold_tiers", rfm.threshold_tiers, rfm_frame, {},
                           numeric=("recency_days", "frequency", "monetary"), negative_ok=("monetary",))
    probes += scalar_probes("threshold_tiers", rfm.threshold_tiers, (rfm_frame(),), {}, "years",
                            same=(1.0, np.float32(1.0)))
    probes += scalar_probes("threshold_tiers", rfm.threshold_tiers, (rfm_frame(),), {}, "rules")
    scored = lambda: rfm.rfm_scores(rfm_frame())  # noqa: E731
    probes += table_probes("rfm_segments", rfm.rfm_segments, scored, {}, numeric=("R", "F"))
    probes.append(Probe("rfm_segments: 3-bin scores", names=("bins",),
                        call=lambda: rfm.rfm_segments(rfm.rfm_scores(rfm_frame(), bins=3))))
    segmented = lambda: rfm.rfm_segments(rfm.rfm_scores(rfm_frame()))  # noqa: E731
    probes += table_probes("segment_summary", rfm.segment_summary, segmented, {},
                           numeric=("recency_days", "frequency", "monetary"), others=("segment",),
                           negative_ok=("monetary",))
    # clv
    probes += table_probes("cohort_retention", clv.cohort_retention, log, {"customer": "customer_id",
                                                                            "date": "timestamp"},
                           dates=("timestamp",), ids=("customer_id",))
    probes += scalar_probes("cohort_retention", clv.cohort_retention, (log(),),
                            {"customer": "customer_id", "date": "timestamp"}, "period")
    probes += table_probes("summary_from_transactions", clv.summary_from_transactions, log,
                           {**cols, "end": "2024-03-31"}, numeric=("amount",), dates=("timestamp",),
                           ids=("customer_id",), negative_ok=("amount",))
    probes += scalar_probes("summary_from_transactions", clv.summary_from_transactions, (log(),), cols, "end",
                            either=("None",))
    probes += scalar_probes("summary_from_transactions", clv.summary_from_transactions, (log(),),
                            {**cols, "end": "2024-03-31"}, "unit")
    for name, index in (("frequency", 0), ("recency", 1), ("T", 2)):
        def with_bad(value, index=index):
            values = list(rft())
            values[index] = value
            return lambda: BG.prob_alive(*values)
        base = rft()[index]
        for what, value in (("NaN", base.astype(float).where(base.index != 0)),
                            ("inf", base.astype(float).where(base.index != 0, np.inf)),
                            ("text with separators", pd.Series([f"1,{int(v):03d}" for v in base])),
                            ("a shorter list", base.iloc[:-1].tolist()),
                            ("a table", base.to_frame()), ("negative", -base - 1),
                            ("a misaligned Series", base.set_axis(range(10, 10 + len(base))))):
            probes.append(Probe(f"BetaGeo.prob_alive: {what} in {name}", with_bad(value), names=(name,)))
    x, t_x, big_t = rft()
    probes.append(Probe("BetaGeo.prob_alive: Series in another order", expect="same",
                        call=lambda: BG.prob_alive(x, t_x.iloc[::-1], big_t.iloc[::-1]),
                        base=lambda: BG.prob_alive(x, t_x, big_t)))
    probes.append(Probe("BetaGeo: unfitted model", lambda: clv.BetaGeo().prob_alive(x, t_x, big_t),
                        names=("Fit the model first",)))
    probes.append(Probe("BetaGeo.fit: all one-time buyers", names=("bought more than once",),
                        call=lambda: clv.BetaGeo().fit([0, 0], [0.0, 0.0], [3.0, 4.0])))
    probes.append(Probe("BetaGeo.fit: one customer", expect="either", names=("BetaGeo",),
                        call=lambda: clv.BetaGeo().fit([2], [3.0], [10.0])))
    probes += scalar_probes("BetaGeo.expected_purchases", lambda t: BG.expected_purchases(t, x, t_x, big_t), (),
                            {"t": 10}, "t", either=("-1", "True", "a list", "a huge number"))
    probes += scalar_probes("BetaGeo.expected_purchases_new", BG.expected_purchases_new, (), {"t": 10}, "t",
                            either=("-1", "True", "a list", "a huge number"))
    for what, bad in (("text", ["1,000", "2"]), ("NaN", [np.nan, 1.0]), ("None", None), ("a dict", {"a": 1})):
        probes.append(Probe(f"BetaGeo.cumulative_repeat_purchases: {what} first purchases", names=("first_purchase",),
                            call=lambda b=bad: BG.cumulative_repeat_purchases(b, [1.0, 2.0])))
        probes.append(Probe(f"BetaGeo.cumulative_repeat_purchases: {what} times", names=("times",),
                            call=lambda b=bad: BG.cumulative_repeat_purchases([0.0, 1.0], b)))
    probes.append(Probe("GammaGamma.fit: text spend", names=("monetary",),
                        call=lambda: clv.GammaGamma().fit(x, pd.Series(["1,000"] * len(x)))))
    probes.append(Probe("GammaGamma.expected_spend: inf", names=("monetary",),
                        call=lambda: GG.expected_spend(x, pd.Series([np.inf] * len(x)))))
    probes.append(Probe("ShiftedBetaGeometric.fit: text", names=("survivors",),
                        call=lambda: clv.ShiftedBetaGeometric().fit("1000, 600")))
    probes.append(Probe("ShiftedBetaGeometric.fit: growing counts", names=("survivors",),
                        call=lambda: clv.ShiftedBetaGeometric().fit([100, 120])))
    probes.append(Probe("ShiftedBetaGeometric.fit: a list of lists", names=("survivors",),
                        call=lambda: clv.ShiftedBetaGeometric().fit([[100, 60], [50, 20]])))
    probes += scalar_probes("ShiftedBetaGeometric.residual_lifetime", SBG.residual_lifetime, (),
                            {"renewals": 2, "discount": 0.1}, "renewals", same=(2.0,))
    probes += scalar_probes("ShiftedBetaGeometric.expected_lifetime", SBG.expected_lifetime, (), {"discount": 0.1},
                            "discount")
    probes += scalar_probes("retention_clv", clv.retention_clv, (), {"margin": 100, "retention": 0.8,
                                                                      "discount": 0.1}, "retention")
    probes += scalar_probes("retention_clv", clv.retention_clv, (), {"margin": 100, "retention": 0.8,
                                                                      "discount": 0.1}, "discount")
    probes += scalar_probes("retention_clv", clv.retention_clv, (), {"margin": 100, "retention": 0.8,
                                                                      "discount": 0.1, "years": 3}, "years",
                            same=(3.0,), either=("None",))
    probes += scalar_probes("simple_clv", clv.simple_clv, (), {"avg_purchase": 50, "purchases_per_year": 12,
                                                                "years": 3}, "years",
                            same=(3.0, np.float32(3)), either=("a huge number",))
    rich = dict(frequency=x, recency=t_x, T=big_t, monetary=pd.Series([20.0, 0.0, 30.0, 15.0, 0.0, 40.0]))
    probes += scalar_probes("customer_value", clv.customer_value, (BG, GG), {**rich, "margin": 0.3}, "margin")
    probes += scalar_probes("customer_value", clv.customer_value, (BG, GG), {**rich, "margin": 0.3}, "horizon",
                            same=(52.0,))
    # pyramid
    probes += table_probes("customer_profit", pyramid.customer_profit, accounts, {},
                           numeric=("revenue", "cost_of_goods", "orders", "deliveries", "days_to_pay"),
                           ids=("account_id",), negative_ok=("revenue",))
    probes += scalar_probes("customer_profit", pyramid.customer_profit, (accounts(),), {}, "financing_rate",
                            either=())
    probes.append(Probe("customer_profit: financing_rate=6", names=("financing_rate",),
                        call=lambda: pyramid.customer_profit(accounts(), financing_rate=6)))
    probes += scalar_probes("customer_profit", pyramid.customer_profit, (accounts(),), {}, "rates",
                            either=("None",))
    profit = pd.Series([500.0, 120.0, -40.0, 60.0], index=list("abcd"))
    for fname, func in (("pyramid_tiers", pyramid.pyramid_tiers), ("lorenz", pyramid.lorenz),
                        ("gini", pyramid.gini), ("whale_curve", pyramid.whale_curve),
                        ("whale_summary", pyramid.whale_summary)):
        values = profit.abs() if fname in ("lorenz", "gini") else profit
        for what, bad in (("a list of lists", [[1.0, 2.0], [3.0, 4.0]]), ("NaN", values.where(values.index != "a")),
                          ("inf", values.where(values.index != "a", np.inf)),
                          ("text with separators", pd.Series(["1,000", "2,000"])), ("empty", []),
                          ("a table", values.to_frame()), ("a string", "1,2,3"), ("None", None)):
            probes.append(Probe(f"{fname}: {what}", lambda f=func, b=bad: f(b), names=("values", "profit")))
    tiers = pyramid.pyramid_tiers(profit)
    probes.append(Probe("tier_summary: unknown tier label", names=("tiers",),
                        call=lambda: pyramid.tier_summary(profit, tiers.astype(str).replace("lead", "bronze"))))
    probes.append(Probe("tier_summary: tiers in another order", expect="same",
                        call=lambda: pyramid.tier_summary(profit, tiers.iloc[::-1]),
                        base=lambda: pyramid.tier_summary(profit, tiers)))
    probes.append(Probe("tier_summary: tiers of other customers", names=("tiers",),
                        call=lambda: pyramid.tier_summary(profit, tiers.set_axis(list("wxyz")))))
    probes += scalar_probes("pyramid_tiers", pyramid.pyramid_tiers, (profit,), {}, "shares", either=("None",))
    probes += scalar_probes("pyramid_tiers", pyramid.pyramid_tiers, (profit,), {}, "thresholds", either=("None",))
    # qualify
    probes += table_probes("man_flags", qualify.man_flags, leads, {},
                           numeric=("budget_yuan", "pain_points", "trial_days"), others=("contact_seniority",),
                           nan_ok=("budget_yuan", "pain_points", "trial_days"))
    for name in ("budget_min", "pain_min", "trial_min_days"):
        probes += scalar_probes("man_flags", qualify.man_flags, (leads(),), {}, name, either=("a huge number",))
    probes += scalar_probes("man_flags", qualify.man_flags, (leads(),), {}, "need_min_signals", same=(2.0,))
    probes += scalar_probes("man_flags", qualify.man_flags, (leads(),), {}, "authority_levels")
    probes += scalar_probes("man_flags", qualify.man_flags, (leads(),), {}, "missing")
    flags = lambda: qualify.man_flags(leads())  # noqa: E731
    probes += table_probes("man_tier", qualify.man_tier, flags, {}, others=("money", "authority", "need"))
    probes += table_probes("conversion_by", qualify.conversion_by, leads, {"by": "pattern"},
                           others=("pattern", "won_6m"))
    probes += scalar_probes("conversion_by", qualify.conversion_by, (leads(), "pattern"), {}, "confidence")
    score = pd.Series([4.0, 1.0, 3.0, 2.0])
    probes += scalar_probes("call_plan", qualify.call_plan, (leads(), score), {"capacity": 1}, "capacity",
                            same=(1.0, np.int64(1)), either=("a huge number",))
    probes += scalar_probes("call_plan", qualify.call_plan, (leads(),), {"capacity": 1}, "score")
    probes.append(Probe("call_plan: score in another order", expect="same",
                        call=lambda: qualify.call_plan(leads(), score.iloc[::-1], 1),
                        base=lambda: qualify.call_plan(leads(), score, 1)))
    probes += scalar_probes("gains_table", qualify.gains_table, (score,), {"outcome": leads()["won_6m"]}, "outcome")
    probes += scalar_probes("gains_table", qualify.gains_table, (), {"outcome": leads()["won_6m"],
                                                                      "score": score}, "score")
    # data
    probes += [Probe(p.label, p.call, p.expect, ("name", "dataset")) for p in
               scalar_probes("data.load", data.load, (), {"name": "demo"}, "name")]
    probes.append(Probe("data.load: '../demo'", lambda: data.load("../demo"), names=("../demo",)))
    probes += scalar_probes("data.load", data.load, ("demo",), {}, "table")
    return probes
