"""The food-delivery platform's coupon test: "5 off 20" against "8 off 30".

A food-delivery platform wants more orders from users who have gone quiet.  Its standing
coupon is **"8 off 30"** (8 yuan off an order of at least 30 yuan).  The growth team
suspects that a smaller, easier coupon, **"5 off 20"**, would bring more users back, even
though each coupon is worth less.  For two weeks (2024-09-02 to 2024-09-15) every user in
the campaign is assigned at random, 50/50, to one of the two coupons, and the platform
records whether the user ordered within 7 days and what the order was worth.  After the
test the platform adopts the winner for everyone from 2024-09-16.

How it is made (read top to bottom; every draw comes from one generator seeded with SEED):

1. ``N_USERS`` users; exactly half are assigned to each arm (a random permutation).
2. ``NEW_USER_SHARE`` of users joined the platform in the last 90 days (``new_user``).
3. Each user's assignment day is uniform over the 14 test days.
4. Whether the user orders within 7 days: probability ``CONVERSION[arm][new_user]``.
   Overall this gives about 25% for "5 off 20" and 18% for "8 off 30", the source's figures;
   the easier coupon helps new users more (29.7% vs 20.3%) than returning ones (23% vs 17%).
5. An order reaches the coupon's threshold with probability ``COUPON_USE`` (then its value
   is the threshold plus a Gamma(2, 6) amount, mean threshold + 12 yuan, and the discount
   applies); otherwise its value is uniform between 8 yuan and 1 fen below the threshold, with no
   discount.
6. Mess: ``N_CROSSOVER`` users were assigned a second time, to the *other* arm, after
   reinstalling the app; each has two rows (one per arm).  Drop them before analysing.
7. Table ``daily``: orders per day on the whole platform for 4 weeks before the test, the
   2 test weeks and 4 weeks after adoption.  Orders are Poisson around ``BASE_DAILY_ORDERS``
   × a day-of-week factor × the phase factor (1.00 before, 1.10 during the test when half
   the campaign users had the new coupon, 1.20 after) — the source's "+20% orders".

Planted truths (checked in ``tests/datasets/test_coupon_ab.py``):

* conversion 0.25 for "5 off 20" and 0.18 for "8 off 30" (± 0.013, three standard errors);
* conversion of new users 0.297 vs 0.203, of returning users 0.23 vs 0.17 (± 0.025);
* mean order value about 30.2 yuan for "5 off 20" and 39.7 for "8 off 30" (± 1.0);
* the coupon is reached on 90% of orders (± 0.02);
* 60 users in both arms (120 rows);
* mean daily orders after adoption / before the test = 1.20 (± 0.01).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "Delivery platform coupon A/B test: '5 off 20' vs '8 off 30' (2024)"
SEED = 976  # the draw whose conversion rounds to the source's 25% and 18%

#: The two arms: (threshold, discount) in yuan.
ARMS = {"5 off 20": (20.0, 5.0), "8 off 30": (30.0, 8.0)}
#: The standing coupon (the control arm) and the challenger.
CONTROL, CHALLENGER = "8 off 30", "5 off 20"
N_USERS = 20_000
NEW_USER_SHARE = 0.30
#: P(order within 7 days) by arm, for returning users (False) and new users (True).
CONVERSION = {"5 off 20": {False: 0.23, True: 0.2967}, "8 off 30": {False: 0.17, True: 0.2033}}
COUPON_USE = 0.90
N_CROSSOVER = 60
TEST_START, TEST_DAYS = pd.Timestamp("2024-09-02"), 14
BEFORE_DAYS, AFTER_DAYS = 28, 28
BASE_DAILY_ORDERS = 6000
#: Monday … Sunday; they average to 1 over a week.
WEEKDAY_FACTOR = np.array([0.92, 0.90, 0.94, 0.98, 1.08, 1.14, 1.04])
PHASE_FACTOR = {"before": 1.00, "test": 1.10, "after": 1.20}


def _outcomes(rng: np.random.Generator, arm: np.ndarray, new_user: np.ndarray):
    """Whether each user orders, the order's value and the discount (steps 4 and 5)."""
    n = len(arm)
    probability = np.array([CONVERSION[a][bool(u)] for a, u in zip(arm, new_user)])
    ordered = rng.random(n) < probability
    threshold = np.array([ARMS[a][0] for a in arm])
    discount_size = np.array([ARMS[a][1] for a in arm])
    reached = rng.random(n) < COUPON_USE
    above = threshold + rng.gamma(2.0, 6.0, n)
    below = rng.uniform(8.0, threshold - 0.01)  # strictly below the threshold after rounding
    value = np.where(reached, above, below).round(2)
    order_value = np.where(ordered, value, np.nan)
    discount = np.where(ordered & reached, discount_size, 0.0)
    return ordered, order_value, discount


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    arm_names = np.array(list(ARMS))
    arm = arm_names[rng.permutation(np.repeat([0, 1], N_USERS // 2))]
    new_user = rng.random(N_USERS) < NEW_USER_SHARE
    day = rng.integers(0, TEST_DAYS, N_USERS)
    ordered, order_value, discount = _outcomes(rng, arm, new_user)
    users = pd.DataFrame({
        "user_id": [f"U{i:05d}" for i in range(1, N_USERS + 1)],
        "assigned_date": TEST_START + pd.to_timedelta(day, unit="D"),
        "arm": arm,
        "new_user": new_user,
        "ordered": ordered,
        "order_value": order_value,
        "discount": discount,
    })

    # Mess: some users were assigned again, to the other arm, after reinstalling the app.
    crossed = np.sort(rng.choice(N_USERS, size=N_CROSSOVER, replace=False))
    other_arm = np.where(arm[crossed] == arm_names[0], arm_names[1], arm_names[0])
    later_day = np.minimum(day[crossed] + rng.integers(1, 5, N_CROSSOVER), TEST_DAYS - 1)
    x_ordered, x_value, x_discount = _outcomes(rng, other_arm, new_user[crossed])
    second = pd.DataFrame({
        "user_id": users["user_id"].to_numpy()[crossed],
        "assigned_date": TEST_START + pd.to_timedelta(later_day, unit="D"),
        "arm": other_arm,
        "new_user": new_user[crossed],
        "ordered": x_ordered,
        "order_value": x_value,
        "discount": x_discount,
    })
    main = (pd.concat([users, second], ignore_index=True)
            .sort_values(["user_id", "assigned_date", "arm"], kind="mergesort")
            .reset_index(drop=True))
    main["assigned_date"] = main["assigned_date"].astype("datetime64[ns]")
    main["arm"] = main["arm"].astype("str")
    main["user_id"] = main["user_id"].astype("str")

    # The whole platform's daily orders before, during and after the test.
    first_day = TEST_START - pd.Timedelta(days=BEFORE_DAYS)
    dates = pd.date_range(first_day, periods=BEFORE_DAYS + TEST_DAYS + AFTER_DAYS, freq="D")
    phase = np.array(["before"] * BEFORE_DAYS + ["test"] * TEST_DAYS + ["after"] * AFTER_DAYS)
    expected = (BASE_DAILY_ORDERS * WEEKDAY_FACTOR[dates.day_of_week.to_numpy()]
                * np.array([PHASE_FACTOR[p] for p in phase]))
    daily = pd.DataFrame({
        "date": dates.astype("datetime64[ns]"),
        "phase": phase.astype("str"),
        "orders": rng.poisson(expected).astype("int64"),
    })
    return {"main": main, "daily": daily}
