"""FreshMart: one year of till receipts of a 100-store fresh-food and daily-goods chain (source case 1).

FreshMart runs 100 neighbourhood stores selling fresh food and daily goods.  Its members
show a loyalty card at the till; other shoppers buy anonymously.  Management worries that
only about 30% of its best members come back in a given week and that about 15% of
members have drifted away.  This dataset holds every till line of calendar year **2024**;
analyse it as of **2025-01-01** (the day after the last transaction) or at the mid-year
snapshot **2024-07-01**.

How it is made (read top to bottom; every draw comes from one generator seeded with
``SEED``, in a fixed order):

1. **Members.** ``N_MEMBERS`` members, each with a home store (90% of trips there) and a
   hidden tier: *high value* (``TIER_SHARE['high']``), *potential*, *ordinary*.  Outside
   the high tier, ``P_LAPSE`` of members lapse: they stop shopping on a lapse day drawn
   between day 90 and the start of the last 90 days of the year.
2. **Trips.** A high-value member shops in each 7-day week with probability
   ``P_HIGH_WEEK`` (0.285; measured on the members the case's thresholds select, that is about
   0.30, the case's "repurchase rate 30% per period", period = week), at
   most once a week.  Potential members make 6–11 trips a year, ordinary members 1–5
   (the case's frequency bands).  Every member who has not lapsed makes one of those trips
   in the last 90 days of the year; a lapsed member's trips all fall before the lapse
   day.  ``N_ANONYMOUS_TRIPS`` trips are made by shoppers without a card.  Days are
   weighted towards weekends (``DAY_WEIGHT``); hours follow a morning and an evening peak
   (``HOUR_WEIGHT``, stores open 07:00–22:00).
3. **Baskets.** Each trip holds
   * the two staples, drawn *independently* of everything else: milk with probability
     ``P_MILK``, bread with ``P_BREAD`` (so their lift is 1: popular, yet unrelated);
   * infant formula with ``P_FORMULA``; diapers with ``P_DIAPERS_GIVEN_FORMULA`` (0.5)
     when the basket holds formula, ``P_DIAPERS`` otherwise;
   * beer with ``P_BEER_GIVEN_DIAPERS_EVENING`` when the basket holds diapers and the trip
     is in the evening (18:00 or later) or on a weekend — the fathers sent out for
     diapers — and ``P_BEER`` otherwise (so on weekday daytime trips beer and diapers are
     independent);
   * a number of other products, drawn without replacement from the rest of the
     catalogue by popularity; high-value members buy more lines, larger quantities and
     pricier products (``TIER_BASKET``).
   Quantities are 1 + Poisson; the unit price is the list price, 15% of the time at a 20%
   promotion discount.
4. **Mess**, applied last (each kind is counted exactly):
   * ``N_RETURN_LINES`` purchase lines of members are returned 1–14 days later on a
     separate receipt whose id starts with "R" (one line, quantity negative, same price);
   * the ``N_ANONYMOUS_LINES`` lines of the anonymous trips have no ``customer_id``;
   * ``N_DUPLICATE_LINES`` lines are written twice (exact copies, a till glitch);
   * ``N_BAD_PRICE_LINES`` lines carry an impossible unit price: a third 0, a third
     negative, a third 1,000 times the real price.

Planted truths (checked in ``tests/datasets/test_supermarket.py`` with plain pandas):

* 10,400 members (all with at least one purchase) and 275,782 lines in ``main``;
* about 15% of members lapse: no purchase in the last 90 days of 2024 (15% ± 2 points);
* members meeting the case's high-value thresholds (R ≤ 7 days, F ≥ 12 visits a year,
  M ≥ 500 yuan a visit) shop in about 30% of the year's weeks (30% ± 4 points; the
  selection on F and R lifts it slightly above the planted 0.30);
* the top 12% of members by net spend bring about half of member revenue (50% ± 5 points);
* infant formula → diapers has confidence about 0.5 (± 0.04);
* beer and diapers: lift above 2.5 in evening-or-weekend baskets, about 1 (0.75–1.3) in
  weekday daytime baskets, and more than three quarters of the baskets holding both are
  evening-or-weekend trips;
* milk and bread are each in 40–45% of baskets, with lift about 1 (± 0.05).

A side effect, not planted on purpose: high-value members buy more lines of pricier
products, so premium products (baijiu, lamb, salmon, beef) co-occur with lift about 1.7–1.9.
The link is the shopper, not the products.

Tables: ``main`` (line items), ``categories`` (gross margin by category), ``products``
(the catalogue with list prices).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "FreshMart: till lines of a 100-store fresh-food and daily-goods chain, 2024 (case 1)"
SEED = 20240101
YEAR_START = pd.Timestamp("2024-01-01")
N_DAYS = 366                                # 2024 is a leap year
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # the day after the last transaction
MID_YEAR_SNAPSHOT = pd.Timestamp("2024-07-01")
LAPSE_WINDOW_DAYS = 90

N_STORES = 100
N_MEMBERS = 10_400
TIER_SHARE = {"high": 0.06, "potential": 0.26, "ordinary": 0.68}
P_LAPSE = 0.163                             # among potential and ordinary members
P_HOME_STORE = 0.90
P_HIGH_WEEK = 0.285                         # measured on the selected members: about 0.30
TRIPS_PER_YEAR = {"potential": (6, 11), "ordinary": (1, 5)}
N_ANONYMOUS_TRIPS = 11_000

# Basket model (probabilities per trip).
P_MILK = 0.45
P_BREAD = 0.40
P_FORMULA = 0.05
P_DIAPERS_GIVEN_FORMULA = 0.50
P_DIAPERS = 0.05
P_BEER = 0.07
P_BEER_GIVEN_DIAPERS_EVENING = 0.45
EVENING_HOUR = 18
#: Per tier: (mean extra other lines beyond the first, Poisson mean of quantity - 1,
#: price tilt: weights ∝ popularity × list_price ** tilt).
TIER_BASKET = {
    "high": (4.5, 1.0, 0.8),
    "potential": (2.5, 0.6, 0.3),
    "ordinary": (1.6, 0.5, 0.2),
    "anonymous": (0.8, 0.2, 0.0),
}
P_PROMO = 0.15
PROMO_DISCOUNT = 0.20

# Mess.
N_RETURN_LINES = 2_000
N_DUPLICATE_LINES = 60
N_BAD_PRICE_LINES = 30
N_ANONYMOUS_LINES = 31_432  # counted from the draws; generate() checks it

#: Monday … Sunday.
DAY_WEIGHT = np.array([1.0, 1.0, 1.0, 1.05, 1.2, 1.6, 1.5])
#: Hours 7 … 21 (the store closes at 22:00).
HOUR_WEIGHT = np.array([4, 7, 8, 7, 6, 7, 5, 4, 5, 6, 8, 9, 9, 7, 4], dtype=float)

#: Gross margin (share of net sales) by category.
CATEGORIES = {
    "alcohol": 0.28, "baby": 0.20, "bakery": 0.35, "beverages": 0.25, "dairy": 0.22,
    "frozen": 0.26, "fresh produce": 0.18, "grocery": 0.16, "household": 0.24,
    "meat": 0.15, "personal care": 0.30, "seafood": 0.20, "snacks": 0.30,
}

#: product: (category, list price in yuan, popularity weight among the "other" lines).
#: The five planted products have no popularity weight: they enter baskets only through
#: the rules of step 3.
PRODUCTS = {
    "milk": ("dairy", 12.5, 0), "bread": ("bakery", 8.5, 0),
    "infant formula": ("baby", 238.0, 0), "diapers": ("baby", 89.0, 0), "beer": ("alcohol", 36.0, 0),
    "yogurt": ("dairy", 9.9, 8), "cheese": ("dairy", 32.0, 2), "eggs": ("dairy", 16.0, 10),
    "croissants": ("bakery", 15.0, 3), "cake": ("bakery", 58.0, 1),
    "apples": ("fresh produce", 12.0, 8), "bananas": ("fresh produce", 8.0, 8),
    "tomatoes": ("fresh produce", 7.0, 9), "leafy greens": ("fresh produce", 5.0, 12),
    "potatoes": ("fresh produce", 6.0, 7), "oranges": ("fresh produce", 14.0, 6),
    "grapes": ("fresh produce", 22.0, 4), "mushrooms": ("fresh produce", 11.0, 5),
    "pork": ("meat", 38.0, 9), "beef": ("meat", 78.0, 4), "chicken": ("meat", 32.0, 6),
    "lamb": ("meat", 92.0, 2),
    "shrimp": ("seafood", 88.0, 3), "salmon": ("seafood", 128.0, 2), "fish": ("seafood", 45.0, 4),
    "bottled water": ("beverages", 12.0, 6), "soft drinks": ("beverages", 9.0, 6),
    "juice": ("beverages", 15.0, 4), "tea drinks": ("beverages", 6.0, 5),
    "coffee beans": ("beverages", 68.0, 1),
    "wine": ("alcohol", 98.0, 1), "baijiu": ("alcohol", 268.0, 1),
    "baby wipes": ("baby", 25.0, 2),
    "chips": ("snacks", 9.0, 5), "chocolate": ("snacks", 18.0, 3), "biscuits": ("snacks", 12.0, 4),
    "nuts": ("snacks", 45.0, 2),
    "rice": ("grocery", 59.0, 4), "noodles": ("grocery", 10.0, 6), "cooking oil": ("grocery", 69.0, 3),
    "soy sauce": ("grocery", 12.0, 3), "flour": ("grocery", 22.0, 2),
    "detergent": ("household", 39.0, 3), "toilet paper": ("household", 45.0, 4),
    "dish soap": ("household", 15.0, 2), "trash bags": ("household", 18.0, 2),
    "shampoo": ("personal care", 55.0, 2), "toothpaste": ("personal care", 18.0, 2),
    "body wash": ("personal care", 42.0, 2),
    "dumplings": ("frozen", 28.0, 4), "ice cream": ("frozen", 22.0, 3),
}
PLANTED = ("milk", "bread", "infant formula", "diapers", "beer")


def _catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        [(name, cat, price, weight) for name, (cat, price, weight) in PRODUCTS.items()],
        columns=["product", "category", "list_price", "popularity"],
    )


def _day_cdf() -> np.ndarray:
    """Cumulative day weights over 2024 (for drawing days inside a range by inverse CDF)."""
    dow = (YEAR_START.day_of_week + np.arange(N_DAYS)) % 7
    weights = DAY_WEIGHT[dow]
    return np.concatenate([[0.0], np.cumsum(weights)])


def _draw_days(rng, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """One weighted day in [lo, hi) for each pair (vectorised inverse CDF)."""
    cdf = _day_cdf()
    u = rng.uniform(cdf[lo], cdf[hi])
    return np.clip(np.searchsorted(cdf, u, side="right") - 1, lo, hi - 1)


def _members(rng) -> pd.DataFrame:
    tiers = np.array(list(TIER_SHARE))
    tier = rng.choice(tiers, size=N_MEMBERS, p=list(TIER_SHARE.values()))
    home = rng.integers(1, N_STORES + 1, size=N_MEMBERS)
    lapsed = (tier != "high") & (rng.random(N_MEMBERS) < P_LAPSE)
    lapse_day = rng.integers(90, N_DAYS - LAPSE_WINDOW_DAYS, size=N_MEMBERS)
    return pd.DataFrame({
        "member": np.arange(N_MEMBERS), "tier": tier, "home": home,
        "lapsed": lapsed, "lapse_day": lapse_day,
    })


def _member_trips(rng, members: pd.DataFrame) -> pd.DataFrame:
    """Trip days of every member: weekly Bernoulli for the high tier, counts for the others."""
    # High tier: one Bernoulli per 7-day week (the last "week" has 2 days, so it is scaled).
    high = members[members.tier == "high"]
    n_weeks = -(-N_DAYS // 7)
    week_len = np.minimum(7, N_DAYS - 7 * np.arange(n_weeks))
    shops = rng.random((len(high), n_weeks)) < P_HIGH_WEEK * week_len / 7
    who, week = np.nonzero(shops)
    lo = 7 * week
    high_days = _draw_days(rng, lo, lo + week_len[week])
    high_trips = pd.DataFrame({"member": high.member.to_numpy()[who], "day": high_days})

    # Potential and ordinary tiers: a count of trips a year.
    rest = members[members.tier != "high"]
    lo_n = rest.tier.map({t: r[0] for t, r in TRIPS_PER_YEAR.items()}).to_numpy()
    hi_n = rest.tier.map({t: r[1] for t, r in TRIPS_PER_YEAR.items()}).to_numpy()
    n_trips = rng.integers(lo_n, hi_n + 1)
    member = np.repeat(rest.member.to_numpy(), n_trips)
    first = np.concatenate([[0], np.cumsum(n_trips)[:-1]])
    is_first = np.zeros(len(member), dtype=bool)
    is_first[first] = True
    lapsed = np.repeat(rest.lapsed.to_numpy(), n_trips)
    lapse_day = np.repeat(rest.lapse_day.to_numpy(), n_trips)
    last_window = N_DAYS - LAPSE_WINDOW_DAYS
    lo = np.where(lapsed, 0, np.where(is_first, last_window, 0))
    hi = np.where(lapsed, lapse_day, N_DAYS)
    rest_trips = pd.DataFrame({"member": member, "day": _draw_days(rng, lo, hi)})
    return pd.concat([high_trips, rest_trips], ignore_index=True)


def _trips(rng, members: pd.DataFrame) -> pd.DataFrame:
    trips = _member_trips(rng, members)
    trips = trips.merge(members[["member", "tier", "home"]], on="member", how="left")
    away = rng.random(len(trips)) >= P_HOME_STORE
    trips["store"] = np.where(away, rng.integers(1, N_STORES + 1, size=len(trips)), trips["home"])
    anon = pd.DataFrame({
        "member": -1,
        "day": _draw_days(rng, np.zeros(N_ANONYMOUS_TRIPS, dtype=int), np.full(N_ANONYMOUS_TRIPS, N_DAYS)),
        "tier": "anonymous",
        "home": -1,
        "store": rng.integers(1, N_STORES + 1, size=N_ANONYMOUS_TRIPS),
    })
    trips = pd.concat([trips, anon], ignore_index=True)
    n = len(trips)
    hour = 7 + rng.choice(len(HOUR_WEIGHT), size=n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    second = rng.integers(0, 3600, size=n)
    trips["timestamp"] = (YEAR_START + pd.to_timedelta(trips["day"], unit="D")
                          + pd.to_timedelta(hour * 3600 + second, unit="s"))
    trips = trips.sort_values(["timestamp", "member", "store"], kind="mergesort", ignore_index=True)
    trips["order_id"] = [f"T{i:07d}" for i in range(1, n + 1)]
    return trips


def _baskets(rng, trips: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The lines of every trip: (trip index, product index, quantity)."""
    n = len(trips)
    ts = trips["timestamp"]
    evening_or_weekend = ((ts.dt.hour >= EVENING_HOUR) | (ts.dt.day_of_week >= 5)).to_numpy()
    milk = rng.random(n) < P_MILK
    bread = rng.random(n) < P_BREAD
    formula = rng.random(n) < P_FORMULA
    diapers = rng.random(n) < np.where(formula, P_DIAPERS_GIVEN_FORMULA, P_DIAPERS)
    beer = rng.random(n) < np.where(diapers & evening_or_weekend, P_BEER_GIVEN_DIAPERS_EVENING, P_BEER)
    index = {name: i for i, name in enumerate(catalogue["product"])}
    planted = np.column_stack([milk, bread, formula, diapers, beer])
    planted_cols = np.array([index[p] for p in PLANTED])

    # Other lines: 1 + Poisson per tier, drawn without replacement (Gumbel top-k trick).
    tier = trips["tier"].to_numpy()
    extra = np.array([TIER_BASKET[t][0] for t in TIER_BASKET])
    qty_mean = np.array([TIER_BASKET[t][1] for t in TIER_BASKET])
    tilt = np.array([TIER_BASKET[t][2] for t in TIER_BASKET])
    code = pd.Categorical(tier, categories=list(TIER_BASKET)).codes
    n_other = 1 + rng.poisson(extra[code])
    popularity = catalogue["popularity"].to_numpy(dtype=float)
    price = catalogue["list_price"].to_numpy()
    others = np.flatnonzero(popularity > 0)
    logw = np.log(popularity[others])[None, :] + tilt[code][:, None] * np.log(price[others])[None, :]
    keys = logw + rng.gumbel(size=(n, len(others)))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
    chosen = rank < n_other[:, None]

    holds = np.zeros((n, len(catalogue)), dtype=bool)
    holds[:, planted_cols] = planted
    holds[:, others] = chosen
    trip_idx, product_idx = np.nonzero(holds)      # row-major: lines in catalogue order
    quantity = 1 + rng.poisson(qty_mean[code][trip_idx])
    promo = rng.random(len(trip_idx)) < P_PROMO
    unit_price = np.round(price[product_idx] * np.where(promo, 1 - PROMO_DISCOUNT, 1.0), 2)
    return pd.DataFrame({"trip": trip_idx, "product_idx": product_idx,
                         "quantity": quantity.astype("int64"), "unit_price": unit_price})


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    catalogue = _catalogue()
    members = _members(rng)
    trips = _trips(rng, members)
    lines = _baskets(rng, trips, catalogue)

    member_ids = np.array([f"M{i + 1:05d}" for i in range(N_MEMBERS)], dtype=object)
    trip_member = trips["member"].to_numpy()[lines["trip"].to_numpy()]
    main = pd.DataFrame({
        "order_id": trips["order_id"].to_numpy()[lines["trip"].to_numpy()],
        "customer_id": pd.array(np.where(trip_member >= 0, member_ids[np.maximum(trip_member, 0)], None),
                                dtype="str"),
        "store_id": [f"S{s:03d}" for s in trips["store"].to_numpy()[lines["trip"].to_numpy()]],
        "timestamp": trips["timestamp"].to_numpy()[lines["trip"].to_numpy()],
        "product": catalogue["product"].to_numpy()[lines["product_idx"].to_numpy()],
        "category": catalogue["category"].to_numpy()[lines["product_idx"].to_numpy()],
        "quantity": lines["quantity"].to_numpy(),
        "unit_price": lines["unit_price"].to_numpy(),
    })
    n_anonymous = int(main["customer_id"].isna().sum())
    if n_anonymous != N_ANONYMOUS_LINES:
        raise AssertionError(f"{n_anonymous} anonymous lines, expected {N_ANONYMOUS_LINES}")

    # --- mess: returns, duplicates, impossible prices (disjoint sets of purchase lines)
    last_return_start = YEAR_START + pd.Timedelta(days=N_DAYS - 14)
    eligible = np.flatnonzero(main["customer_id"].notna().to_numpy()
                              & (main["timestamp"] < last_return_start).to_numpy())
    picked = rng.choice(eligible, size=N_RETURN_LINES + N_DUPLICATE_LINES + N_BAD_PRICE_LINES,
                        replace=False)
    returned = np.sort(picked[:N_RETURN_LINES])
    duplicated = np.sort(picked[N_RETURN_LINES:N_RETURN_LINES + N_DUPLICATE_LINES])
    bad = np.sort(picked[N_RETURN_LINES + N_DUPLICATE_LINES:])

    returns = main.iloc[returned].copy()
    delay = rng.integers(1, 15, size=N_RETURN_LINES)
    hour = rng.integers(8, 21, size=N_RETURN_LINES)
    second = rng.integers(0, 3600, size=N_RETURN_LINES)
    returns["timestamp"] = (returns["timestamp"].dt.normalize() + pd.to_timedelta(delay, unit="D")
                            + pd.to_timedelta(hour * 3600 + second, unit="s"))
    returns["quantity"] = -returns["quantity"]
    returns = returns.sort_values(["timestamp", "order_id"], kind="mergesort")
    returns["order_id"] = [f"R{i:07d}" for i in range(1, N_RETURN_LINES + 1)]

    kind = np.arange(N_BAD_PRICE_LINES) % 3
    price = main["unit_price"].to_numpy().copy()
    price[bad] = np.where(kind == 0, 0.0, np.where(kind == 1, -price[bad], np.round(price[bad] * 1000, 2)))
    main["unit_price"] = price

    main["_line"] = np.arange(len(main)) * 2
    copies = main.iloc[duplicated].copy()
    copies["_line"] += 1                                 # right after the original
    returns["_line"] = -1
    main = pd.concat([main, copies, returns], ignore_index=True)
    main = main.sort_values(["timestamp", "order_id", "_line"], kind="mergesort", ignore_index=True)
    main = main.drop(columns="_line")

    categories = pd.DataFrame({"category": list(CATEGORIES), "gross_margin": list(CATEGORIES.values())})
    categories = categories.sort_values("category", ignore_index=True)
    products = catalogue[["product", "category", "list_price"]].sort_values("product", ignore_index=True)
    return {"main": main, "categories": categories, "products": products}
