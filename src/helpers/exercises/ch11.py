"""Checks for ``11_knowing_needs``, and the chapter's wrong-answer catalogue."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data, needs
from helpers.checks import Exercises, Hint, expect_choice, expect_number, quietly

exercises = Exercises("ch11")
CATALOGUE_COMPLETE = True

SNAPSHOT = pd.Timestamp("2025-01-01")
HOLDOUT_END = pd.Timestamp("2025-02-28")
RICE_PER_PERSON = 0.18
HOME = "H00012"
LEAD, WINDOW = 3, 7


@lru_cache(maxsize=1)
def _log() -> pd.DataFrame:
    log = data.load("staples")
    return log.assign(units=log["pack_size"] * log["quantity"])


@lru_cache(maxsize=1)
def _size() -> pd.Series:
    return data.load("staples", "households").set_index("household_id")["household_size"]


@lru_cache(maxsize=4)
def _forecast(snapshot: str = "2025-01-01", units: bool = True) -> pd.DataFrame:
    return quietly(needs.runout_forecast, _log(), snapshot=snapshot, segment=_size(), customer="household_id",
                   units="units" if units else None, verbose=False)


@lru_cache(maxsize=1)
def _actual() -> pd.Series:
    return needs.next_purchases(_log(), snapshot=SNAPSHOT, until=HOLDOUT_END, customer="household_id", verbose=False)


@lru_cache(maxsize=1)
def _due() -> pd.DataFrame:
    indexed = _forecast().set_index(["household_id", "product"])
    return indexed[(indexed["next_due"] >= SNAPSHOT) & (indexed["next_due"] < "2025-02-01")]


def _due_of(product: str) -> pd.Series:
    due = _due()
    return due[due.index.get_level_values("product") == product]["next_due"]


# ----------------------------------------------------------------------------- ex1

def _h12(include_future: bool = False) -> pd.Series:
    log = _log()
    rows = log[(log["household_id"] == HOME) & (log["product"] == "rice")]
    if not include_future:
        rows = rows[rows["date"] < SNAPSHOT]
    return rows["date"].sort_values()


def _ex1_values() -> dict[str, float]:
    dates = _h12()
    gaps = dates.diff().dt.days.dropna()
    everything = _h12(include_future=True).diff().dt.days.dropna()
    all_products = _log()[(_log()["household_id"] == HOME) & (_log()["date"] < SNAPSHOT)]["date"]
    return {"expected": gaps.mean(), "future": everything.mean(), "median": gaps.median(),
            "fencepost": (dates.iloc[-1] - dates.iloc[0]).days / len(dates),
            "all-products": all_products.drop_duplicates().sort_values().diff().dt.days.mean()}


@exercises.add("ex1", "mean_gap_h12")
def ex1(mean_gap_h12):
    v = _ex1_values()
    expect_number(mean_gap_h12, v["expected"], name="mean_gap_h12", sig=3, alternatives=[
        (v["future"], "That includes the purchases of 2025: use only those before SNAPSHOT (the holdout is the "
                      "future at the forecast day).", "after-snapshot"),
        (v["median"], "That is the median gap; the exercise asks for the mean.", "median-not-mean"),
        (v["fencepost"], "You divided the span by the number of purchases; n purchases have n − 1 gaps between "
                         "them.", "fencepost"),
        (v["all-products"], "That mixes all of the home's staples; keep its rice purchases only.", "all-products"),
    ])


exercises.answer("ex1")(lambda: {"mean_gap_h12": _ex1_values()["expected"]})
exercises.form("ex1", "rounded to the three figures asked")(
    lambda: {"mean_gap_h12": float(f"{_ex1_values()['expected']:.3g}")})
exercises.mistake("ex1", "after-snapshot", "uses every purchase, 2025 included")(
    lambda: {"mean_gap_h12": _ex1_values()["future"]})
exercises.mistake("ex1", "median-not-mean", "takes the median gap")(lambda: {"mean_gap_h12": _ex1_values()["median"]})
exercises.mistake("ex1", "fencepost", "divides the first-to-last span by the number of purchases")(
    lambda: {"mean_gap_h12": _ex1_values()["fencepost"]})
exercises.mistake("ex1", "all-products", "uses the days between any staple purchases")(
    lambda: {"mean_gap_h12": _ex1_values()["all-products"]})


# ----------------------------------------------------------------------------- ex2

BAG, PEOPLE = 10.0, 5


@exercises.add("ex2", "bag_days")
def ex2(bag_days):
    expected = BAG / (PEOPLE * RICE_PER_PERSON)
    expect_number(bag_days, expected, name="bag_days", sig=3, alternatives=[
        (BAG / RICE_PER_PERSON, "That is how long the bag lasts one person; the home has five.", "per-person"),
        (5.0 / (PEOPLE * RICE_PER_PERSON), "That is for a 5 kg bag; the exercise asks about 10 kg.", "wrong-pack"),
        (PEOPLE * RICE_PER_PERSON, "That is the home's use in kg a day; divide the bag by it to get days.",
         "use-not-days"),
        (PEOPLE * RICE_PER_PERSON / BAG, "Upside down: days = kilograms ÷ kilograms a day.", "upside-down"),
    ])


exercises.answer("ex2")(lambda: {"bag_days": BAG / (PEOPLE * RICE_PER_PERSON)})
exercises.form("ex2", "rounded to three figures")(lambda: {"bag_days": 11.1})
exercises.mistake("ex2", "per-person", "forgets the number of people")(lambda: {"bag_days": BAG / RICE_PER_PERSON})
exercises.mistake("ex2", "wrong-pack", "uses the 5 kg bag")(lambda: {"bag_days": 5.0 / (PEOPLE * RICE_PER_PERSON)})
exercises.mistake("ex2", "use-not-days", "gives the daily use")(lambda: {"bag_days": PEOPLE * RICE_PER_PERSON})
exercises.mistake("ex2", "upside-down", "divides use by the bag")(
    lambda: {"bag_days": PEOPLE * RICE_PER_PERSON / BAG})


# ----------------------------------------------------------------------------- ex3

@lru_cache(maxsize=1)
def _ex3_values() -> dict[str, float]:
    actual = _actual()
    oil = _due_of("cooking oil")
    by_interval = quietly(needs.runout_forecast, _log(), snapshot=SNAPSHOT, segment=None, customer="household_id",
                          verbose=False).set_index(["household_id", "product"])
    due = _due()
    oil_rows = due[due.index.get_level_values("product") == "cooking oil"]
    own = (oil_rows["last_purchase"] + pd.to_timedelta(by_interval["own_mean"].reindex(oil_rows.index).round(),
                                                       unit="D")).dropna()
    return {"expected": needs.capture_share(oil, actual, lead_days=LEAD, window_days=WINDOW),
            "rice": needs.capture_share(_due_of("rice"), actual, lead_days=LEAD, window_days=WINDOW),
            "intervals": needs.capture_share(own, actual, lead_days=LEAD, window_days=WINDOW),
            "no-lead": needs.capture_share(oil, actual, lead_days=0, window_days=WINDOW)}


@exercises.add("ex3", "oil_capture")
def ex3(oil_capture):
    v = _ex3_values()
    expect_number(oil_capture, v["expected"], name="oil_capture", sig=3, alternatives=[
        (v["rice"], "That is rice's catch rate; keep the cooking-oil pairs of `due`.", "wrong-product"),
        (v["intervals"], "That is the *own intervals* forecast; the exercise asks for the shrunk-use forecast "
                         "(`due['next_due']`).", "intervals-not-use"),
        (v["no-lead"], "That sends the reminder on the forecast day itself; send it 3 days before (lead_days=3).",
         "no-lead"),
    ])
    return f"Oil is harder to time than rice: its packs last longer, so the same wobble spreads over more days."


exercises.answer("ex3")(lambda: {"oil_capture": _ex3_values()["expected"]})
exercises.form("ex3", "as a one-element list")(lambda: {"oil_capture": [_ex3_values()["expected"]]})
exercises.mistake("ex3", "wrong-product", "evaluates rice again")(lambda: {"oil_capture": _ex3_values()["rice"]})
exercises.mistake("ex3", "intervals-not-use", "uses the own-intervals forecast")(
    lambda: {"oil_capture": _ex3_values()["intervals"]})
exercises.mistake("ex3", "no-lead", "sends the reminder on the forecast day")(
    lambda: {"oil_capture": _ex3_values()["no-lead"]})
exercises.mistake("ex3", "percent-not-share", "gives a percentage")(
    lambda: {"oil_capture": 100 * _ex3_values()["expected"]})


# ----------------------------------------------------------------------------- ex4

def _plan(product: str, value: float = 15.0, cost: float = 0.20) -> pd.DataFrame:
    return needs.reminder_plan(_due_of(product), _actual(), leads=range(0, 8), window_days=WINDOW,
                               value_per_catch=value, cost_per_message=cost)


@lru_cache(maxsize=1)
def _ex4_values() -> dict[str, float]:
    diapers, rice = _plan("diapers"), _plan("rice", 8.0, 0.10)
    best = diapers.loc[diapers["best"]].iloc[0]
    return {"expected": float(best["capture_share"]), "rice": float(rice.loc[rice["best"], "capture_share"].iloc[0]),
            "lead0": float(diapers.loc[diapers["lead_days"] == 0, "capture_share"].iloc[0]),
            "caught": float(best["caught"]), "lead": float(best["lead_days"]),
            "net": float(best["net_value"])}


@exercises.add("ex4", "diapers_best_capture")
def ex4(diapers_best_capture):
    v = _ex4_values()
    expect_number(diapers_best_capture, v["expected"], name="diapers_best_capture", sig=3, alternatives=[
        (v["rice"], "That is the best catch rate for rice (the text's plan); run the plan on the diaper pairs.",
         "wrong-product"),
        (v["lead0"], "That is the catch rate with lead 0 (the first row); take the row marked `best`.", "first-row"),
        (v["caught"], "That is the number of purchases caught; the exercise asks for the share.", "count-not-share"),
        (v["lead"], "That is the best lead in days; the exercise asks for the share it catches.", "lead-not-share"),
        (v["net"], "That is the net value in yuan; the exercise asks for the share caught.", "value-not-share"),
    ])


exercises.answer("ex4")(lambda: {"diapers_best_capture": _ex4_values()["expected"]})
exercises.form("ex4", "as a one-element Series")(
    lambda: {"diapers_best_capture": pd.Series([_ex4_values()["expected"]])})
exercises.mistake("ex4", "wrong-product", "reads the rice plan")(
    lambda: {"diapers_best_capture": _ex4_values()["rice"]})
exercises.mistake("ex4", "first-row", "takes lead 0")(lambda: {"diapers_best_capture": _ex4_values()["lead0"]})
exercises.mistake("ex4", "count-not-share", "gives the purchases caught")(
    lambda: {"diapers_best_capture": _ex4_values()["caught"]})
exercises.mistake("ex4", "value-not-share", "gives the net value")(
    lambda: {"diapers_best_capture": _ex4_values()["net"]})


# ----------------------------------------------------------------------------- ex5

@lru_cache(maxsize=1)
def _ex5_values() -> dict[str, int]:
    forecast = _forecast("2024-11-30")
    strict = needs.switch_signal(forecast, factor=4, customer="household_id")
    text = needs.switch_signal(forecast, factor=3, customer="household_id")
    october = needs.switch_signal(_forecast("2024-10-31"), factor=4, customer="household_id")
    return {"expected": int(strict["silent_switcher"].sum()), "factor3": int(text["silent_switcher"].sum()),
            "any": int((strict["overdue"] > 0).sum()), "rows": int(strict["overdue"].sum()),
            "october": int(october["silent_switcher"].sum())}


@exercises.add("ex5", "n_switchers_nov")
def ex5(n_switchers_nov):
    v = _ex5_values()
    expect_number(n_switchers_nov, v["expected"], name="n_switchers_nov", integer=True, alternatives=[
        (v["factor3"], "That is with the text's factor 3; the exercise asks for the stricter factor=4.", "text-factor"),
        (v["any"], "That counts homes with at least one overdue staple; a silent switcher is a home whose whole "
                   "staple shopping has gone quiet (the `silent_switcher` column).", "any-overdue"),
        (v["rows"], "That counts overdue staples, not households.", "staples-not-homes"),
        (v["october"], "That is the count at 2024-10-31; run the forecast at 2024-11-30.", "wrong-snapshot"),
    ])


exercises.answer("ex5")(lambda: {"n_switchers_nov": _ex5_values()["expected"]})
exercises.form("ex5", "as a float")(lambda: {"n_switchers_nov": float(_ex5_values()["expected"])})
exercises.mistake("ex5", "text-factor", "keeps factor 3")(lambda: {"n_switchers_nov": _ex5_values()["factor3"]})
exercises.mistake("ex5", "any-overdue", "counts homes with any overdue staple")(
    lambda: {"n_switchers_nov": _ex5_values()["any"]})
exercises.mistake("ex5", "staples-not-homes", "counts overdue staples")(
    lambda: {"n_switchers_nov": _ex5_values()["rows"]})
exercises.mistake("ex5", "wrong-snapshot", "runs the forecast at the end of October")(
    lambda: {"n_switchers_nov": _ex5_values()["october"]})


# ----------------------------------------------------------------------------- ex6

#: The check's own probes: (n, sigma2, tau2).
PROBES = ((2, 5.0, 58.0), (0, 3.0, 1.0), (10, 1.0, 1.0), (3, 0.5, 4.0))


def _z(n, sigma2, tau2):
    return n * tau2 / (n * tau2 + sigma2)


@exercises.add("ex6", "credibility")
def ex6(credibility):
    if not callable(credibility):
        raise Hint("`credibility` should be a function `def credibility(n, sigma2, tau2): ...`, not a value.",
                   "not-a-function")
    mine = []
    for probe in PROBES:
        try:
            mine.append(float(credibility(*probe)))
        except Exception as exc:
            raise Hint(f"Your function raised {type(exc).__name__} on n={probe[0]}, sigma2={probe[1]}, "
                       f"tau2={probe[2]}; it must work for plain numbers (and n = 0).", "function-raises") from None
    wanted = [_z(*p) for p in PROBES]
    if np.allclose(mine, wanted, rtol=1e-9, atol=1e-12):
        return
    variants = {
        "k-upside-down": ([n / (n + t / s) for n, s, t in PROBES],
                          "k is the wobble over the spread: sigma2 / tau2, not tau2 / sigma2."),
        "weight-of-segment": ([(s / t) / (n + s / t) for n, s, t in PROBES],
                              "That is the segment's weight, 1 − Z; return the home's own weight n / (n + k)."),
        "forgot-tau": ([n / (n + s) for n, s, t in PROBES], "k = sigma2 / tau2: you left out tau2."),
    }
    for tag, (values, hint) in variants.items():
        if np.allclose(mine, values, rtol=1e-9, atol=1e-12):
            raise Hint(hint, tag)
    raise Hint("Your function returns other values than Z = n / (n + sigma2 / tau2) on the check's probes; test it "
               "by hand on n=10, sigma2=1, tau2=1 (the weight should be close to 1).", "generic-wrong-values")


def _as_function(formula):
    def student_function(n, s2, t2):
        return formula(n, s2, t2)
    return student_function


exercises.answer("ex6")(lambda: {"credibility": _as_function(_z)})
exercises.form("ex6", "written with k as a separate step")(
    lambda: {"credibility": _as_function(lambda n, s, t: n / (n + s / t))})
exercises.mistake("ex6", "k-upside-down", "uses k = tau2 / sigma2")(
    lambda: {"credibility": _as_function(lambda n, s, t: n / (n + t / s))})
exercises.mistake("ex6", "weight-of-segment", "returns 1 − Z")(
    lambda: {"credibility": _as_function(lambda n, s, t: (s / t) / (n + s / t))})
exercises.mistake("ex6", "forgot-tau", "uses k = sigma2")(lambda: {"credibility": _as_function(lambda n, s, t: n / (n + s))})
exercises.mistake("ex6", "not-a-function", "gives a number instead of a function")(
    lambda: {"credibility": _z(*PROBES[0])})


# ----------------------------------------------------------------------------- ex7

CHOICES = {
    "A": ("Many readings that barely wobble give a home a credibility close to 1: it keeps its own rhythm.",
          "many-readings"),
    "B": "",
    "C": ("Twenty readings already count for a lot, and when homes differ a lot the segment mean says little "
          "about this one.", "many-readings-diverse"),
    "D": ("Two readings are few, but when homes differ a lot (large τ², small k) even two readings outweigh the "
          "segment.", "diverse-segment"),
}
exercises.choice("ex7", "leans_most", "B", CHOICES)
