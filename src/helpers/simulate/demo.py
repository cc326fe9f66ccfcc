"""A tiny demo table for the getting-started notebook: one year of a neighbourhood coffee shop.

Twenty customers of "Corner Cup", a coffee shop with a loyalty club, over its 2024 trading
year.  Each row is a customer: how they were won (and what winning them cost), whether they
joined the club, how often they came and what they spent in 2024, and whether they were
still buying in the first quarter of 2025.

How it is made: club membership is drawn first (half the customers); members visit more
often and are more likely to stay, echoing the source's coffee chain whose members
repurchase far more often than non-members.  Spend is visits × a ticket of about 30 yuan.

Planted truths (exact, because the table is tiny and fixed):
* acquisition costs come from three channels: flyers 120 yuan, app coupons 180 yuan and
  delivery-platform promotions 260 yuan per customer won;
* the shop's margin on a cup is 60% of the ticket.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "Corner Cup: twenty coffee-shop customers in 2024 (demo)"
SEED = 2024
N_CUSTOMERS = 20
CHANNEL_COST = {"flyer": 120.0, "app coupon": 180.0, "delivery promo": 260.0}
MARGIN_RATE = 0.60


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    member = np.arange(N_CUSTOMERS) % 2 == 0
    channel = rng.choice(list(CHANNEL_COST), size=N_CUSTOMERS)
    visits = np.where(member, rng.poisson(40, N_CUSTOMERS), rng.poisson(14, N_CUSTOMERS)) + 1
    ticket = rng.normal(30.0, 4.0, N_CUSTOMERS).clip(18, 45)
    active = rng.random(N_CUSTOMERS) < np.where(member, 0.85, 0.55)
    first_visit = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 60, N_CUSTOMERS), unit="D")
    return pd.DataFrame({
        "customer_id": [f"CC{i + 1:02d}" for i in range(N_CUSTOMERS)],
        "first_visit": first_visit,
        "channel": channel,
        "acquisition_cost": [CHANNEL_COST[c] for c in channel],
        "club_member": member,
        "visits_2024": visits.astype("int64"),
        "spend_2024": (visits * ticket).round(2),
        "active_q1_2025": active,
    })
