"""FreshMart's staples: rice, oil, diapers, coffee beans and pet food, bought on each home's rhythm.

A household buys a staple when the last pack runs out.  How long a pack lasts depends on the
pack's size and on how fast that household uses it — which is what a good grocer knows
about each family (the textbook's rice seller wrote down family size and pay day) and what a
till log can reveal.  This dataset is FreshMart's loyalty-card log of five staples for
2,000 member households, from 2024-01-01 to 2025-02-28.

How it is made (read top to bottom; every draw comes from one generator seeded with SEED,
in this order):

1. Households: ``N_HOUSEHOLDS``; size drawn from ``SIZE_SHARES`` (1 to 6 people); pay day
   of the month from ``PAY_DAYS``.  Both are on the membership form (table ``households``).
2. Which staples a home buys: rice and oil always; diapers with probability
   ``DIAPER_SHARE[size]`` (homes with a baby); coffee beans ``COFFEE_SHARE[size]``; pet food
   ``PET_SHARE``.
3. Each home's daily use of a staple: ``PER_PERSON[product]`` × (size ** ``SCALE[product]``)
   × a lognormal factor (σ = ``USE_SIGMA``); for diapers and pet food the use does not grow
   with size (one baby, one pet).  Its usual pack: the larger one when a pack of it lasts
   less than ``BIG_PACK_DAYS`` days at that use, else the smaller.
4. The renewal process, for each home × staple: the first purchase falls uniformly within
   the first interval after 2024-01-01 (the home was already buying before the log starts).
   After each purchase of ``quantity`` packs of ``pack_size``, the next comes after
   quantity × pack_size ÷ daily use days × a lognormal factor (σ = ``INTERVAL_SIGMA``, the
   week-to-week wobble of use), rounded to whole days.  With probability ``OTHER_PACK`` a
   purchase takes the other pack size; with probability ``TWO_PACKS`` two packs.
5. Pay-day bump: when the run-out day falls within ``PAYDAY_WINDOW`` days before the
   home's pay day, the purchase waits for pay day with probability ``PAYDAY_WAIT``.
6. Bought elsewhere: with probability ``ELSEWHERE`` a due purchase happens at another shop
   (it is missing from the log; the interval in the log is then about twice as long).
7. New members: a share ``JOIN_SHARE`` of homes joined the card scheme on a day uniform over
   ``JOIN_START``–``JOIN_END`` (``joined`` in ``households``; the others joined before the
   log starts); their first purchase of each staple falls within one interval after joining,
   so at the year's end many have only a few intervals — the sparse customers a forecast
   has to borrow from their segment for.
8. Switchers: ``N_SWITCHERS`` homes (exactly) switch all their staple shopping to a
   competitor on a day uniform over ``SWITCH_START``–``SWITCH_END``; they buy nothing here
   after it.  This is the planted churn.
9. Prices: ``PRICE[product][pack]`` yuan a pack, no discounts; ``amount`` = quantity × price.

Tables: ``main`` (one row per purchase line, sorted by household, date, product),
``households`` (size, pay day and the day the home joined, known to the store) and ``truth`` (each home × staple's
planted daily use and usual pack, whether and when the home switched) — the truth is for
tests and for checking methods, not something a store would have.

Planted truths (checked in ``tests/datasets/test_staples.py``):

* exactly ``N_SWITCHERS`` = 200 switching homes (10%), switch days within the window, and no
  purchase of theirs after their switch day;
* a home's daily use is recovered from its own log: the median over home × staple pairs with
  at least 6 purchases of (units bought before the last purchase ÷ days from first to last
  purchase) ÷ planted use is 1 − ``ELSEWHERE`` = 0.96 (± 0.02): the packs bought at another
  shop are missing from the log, so the log shows 4% less use than there is;
* the pay-day rhythm: the share of rice purchases made on the home's own pay day is at least
  2.5 times the 1-in-30 share of chance;
* every purchase of a switcher is before its switch day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "FreshMart staples: renewal purchases of rice, oil, diapers, coffee beans and pet food (2024–2025)"
SEED = 1107

N_HOUSEHOLDS = 2000
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-02-28")
SIZE_SHARES = {1: 0.22, 2: 0.30, 3: 0.22, 4: 0.16, 5: 0.07, 6: 0.03}
PAY_DAYS = (1, 5, 10, 15, 20, 25)

PRODUCTS = ("rice", "cooking oil", "diapers", "coffee beans", "pet food")
UNITS = {"rice": "kg", "cooking oil": "l", "diapers": "pcs", "coffee beans": "kg", "pet food": "kg"}
PACKS = {"rice": (5.0, 10.0), "cooking oil": (1.8, 5.0), "diapers": (60.0, 120.0),
         "coffee beans": (0.5, 1.0), "pet food": (2.0, 6.0)}
PRICE = {"rice": {5.0: 32.0, 10.0: 59.0}, "cooking oil": {1.8: 24.9, 5.0: 62.0},
         "diapers": {60.0: 89.0, 120.0: 169.0}, "coffee beans": {0.5: 98.0, 1.0: 186.0},
         "pet food": {2.0: 79.0, 6.0: 219.0}}
#: Daily use of one person (rice, oil, coffee) or of the one baby / pet (diapers, pet food).
PER_PERSON = {"rice": 0.18, "cooking oil": 0.022, "diapers": 6.0, "coffee beans": 0.022, "pet food": 0.12}
#: How use grows with household size (0: one baby / one pet; < 1: sharing saves).
SCALE = {"rice": 0.9, "cooking oil": 0.8, "diapers": 0.0, "coffee beans": 0.5, "pet food": 0.0}
DIAPER_SHARE = {1: 0.0, 2: 0.08, 3: 0.45, 4: 0.35, 5: 0.30, 6: 0.25}
COFFEE_SHARE = {1: 0.30, 2: 0.30, 3: 0.18, 4: 0.15, 5: 0.10, 6: 0.10}
PET_SHARE = 0.22
USE_SIGMA = 0.25
BIG_PACK_DAYS = 20
INTERVAL_SIGMA = 0.12
OTHER_PACK = 0.10
TWO_PACKS = 0.04
PAYDAY_WINDOW = 4
PAYDAY_WAIT = 0.6
ELSEWHERE = 0.04
N_SWITCHERS = 200
JOIN_SHARE = 0.30
JOIN_START, JOIN_END = pd.Timestamp("2024-02-01"), pd.Timestamp("2024-12-15")
SWITCH_START, SWITCH_END = pd.Timestamp("2024-05-01"), pd.Timestamp("2024-09-30")


def _payday_shift(day: int, pay_day: int, draw: float, day_of_month: np.ndarray) -> int:
    """Step 5: wait for pay day when the run-out (``day`` days after START) falls just before it."""
    for ahead in range(1, PAYDAY_WINDOW + 1):
        if day + ahead < len(day_of_month) and day_of_month[day + ahead] == pay_day:
            return day + ahead if draw < PAYDAY_WAIT else day
    return day


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    ids = [f"H{n:05d}" for n in range(1, N_HOUSEHOLDS + 1)]
    sizes = rng.choice(list(SIZE_SHARES), size=N_HOUSEHOLDS, p=list(SIZE_SHARES.values()))
    pay_days = rng.choice(PAY_DAYS, size=N_HOUSEHOLDS)
    households = pd.DataFrame({"household_id": ids, "household_size": sizes.astype("int64"),
                               "pay_day": pay_days.astype("int64")})

    switchers = set(rng.choice(N_HOUSEHOLDS, size=N_SWITCHERS, replace=False).tolist())
    span = (SWITCH_END - SWITCH_START).days
    switch_offsets = rng.integers(0, span + 1, size=N_HOUSEHOLDS)
    joiners = rng.random(N_HOUSEHOLDS) < JOIN_SHARE
    join_offsets = rng.integers((JOIN_START - START).days, (JOIN_END - START).days + 1, size=N_HOUSEHOLDS)
    households["joined"] = START + pd.to_timedelta(np.where(joiners, join_offsets, 0), unit="D")
    last_day = (END - START).days
    calendar = pd.date_range(START, END + pd.Timedelta(days=60), freq="D")
    day_of_month = calendar.day.to_numpy()
    switch_base = (SWITCH_START - START).days

    rows, truth = [], []
    for h in range(N_HOUSEHOLDS):
        size = int(sizes[h])
        switch_day = switch_base + int(switch_offsets[h]) if h in switchers else None
        buys = {"rice": True, "cooking oil": True,
                "diapers": rng.random() < DIAPER_SHARE[size],
                "coffee beans": rng.random() < COFFEE_SHARE[size],
                "pet food": rng.random() < PET_SHARE}
        for product in PRODUCTS:
            if not buys[product]:
                continue
            use = PER_PERSON[product] * size ** SCALE[product] * float(np.exp(rng.normal(0.0, USE_SIGMA)))
            small, big = PACKS[product]
            usual = big if small / use < BIG_PACK_DAYS else small
            other = small if usual == big else big
            truth.append({"household_id": ids[h], "product": product, "daily_use": round(use, 6),
                          "usual_pack": usual})
            day = int(rng.uniform(0.0, usual / use)) + (int(join_offsets[h]) if joiners[h] else 0)
            while day <= last_day:
                pack = other if rng.random() < OTHER_PACK else usual
                quantity = 2 if rng.random() < TWO_PACKS else 1
                elsewhere = rng.random() < ELSEWHERE
                wobble = float(np.exp(rng.normal(0.0, INTERVAL_SIGMA)))
                payday_draw = rng.random()
                if switch_day is not None and day >= switch_day:
                    break
                if not elsewhere:
                    rows.append((ids[h], day, product, pack, UNITS[product], quantity,
                                 round(quantity * PRICE[product][pack], 2)))
                gap = max(1, int(round(quantity * pack / use * wobble)))
                day = _payday_shift(day + gap, int(pay_days[h]), payday_draw, day_of_month)
    main = pd.DataFrame(rows, columns=["household_id", "day", "product", "pack_size", "unit", "quantity",
                                       "amount"])
    main.insert(1, "date", START + pd.to_timedelta(main.pop("day"), unit="D"))
    main["quantity"] = main["quantity"].astype("int64")
    main = main.sort_values(["household_id", "date", "product"], kind="mergesort").reset_index(drop=True)
    truth = pd.DataFrame(truth)
    switch = pd.DataFrame({
        "household_id": ids,
        "switched": [h in switchers for h in range(N_HOUSEHOLDS)],
        "switch_date": [START + pd.Timedelta(days=switch_base + int(switch_offsets[h])) if h in switchers
                        else pd.NaT for h in range(N_HOUSEHOLDS)],
    })
    truth = truth.merge(switch, on="household_id", how="left")
    truth = truth.sort_values(["household_id", "product"], kind="mergesort").reset_index(drop=True)
    return {"main": main, "households": households, "truth": truth}
