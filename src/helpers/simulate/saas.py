"""TaskFlow: the accounts of a project-management SaaS vendor for small firms (source case 2).

TaskFlow sells a project-management service to small and medium-sized firms by monthly
subscription.  About 18% of its accounts leave each quarter.  This table is the account
snapshot its analysts took on **2025-01-01** — what each account did in the last 30 (or
90) days, what it pays and how long it has been a customer — joined with whether the
account cancelled during the following quarter (Q1 2025).  A second table, ``current``,
holds the same features for the accounts active on **2025-04-01**, with no outcome yet:
the accounts to score for next week's outreach list.

How it is made (read top to bottom; all draws come from one generator seeded with ``SEED``):

1. Each account gets a plan (basic 45%, team 40%, business 15%), seats (more on bigger
   plans), a billing cycle (monthly, or annual for 30% of accounts, more often on bigger
   plans) and a tenure in months (a mix of young and old accounts, 1–72 months).
2. Usage: features used out of 12 modules (more on bigger plans and with tenure), logins in
   the last 30 days (about 3 per seat per month for an engaged account, scaled by an
   engagement level drawn per account; disengaged accounts log in rarely), and support
   contacts in the last 90 days (Poisson, more for accounts with many seats or little
   experience).
3. The monthly bill is the plan's price per seat × seats, minus 15% on annual billing, plus
   noise, in yuan.
4. Churn in the next quarter is drawn from a logistic model of the features whose shape is
   **partly non-linear** (see :func:`churn_logit`):
   * logins: risk falls steeply as logins per seat rise from 0 to about 3 a month, then
     levels off (a hinge);
   * support contacts: U-shaped — silent accounts (0 contacts) are a little riskier than
     accounts with 1–2 contacts, and risk climbs fast from 4 contacts on (frustration);
   * features used: each extra module used lowers the risk;
   * tenure: accounts in their first 6 months are much riskier; risk keeps falling slowly
     after that;
   * annual billing halves the odds of leaving roughly (a commitment effect); the basic
     plan is riskier than team and business.
   The intercept is set so that about 18% of accounts churn.

Planted truths (checked in ``tests/datasets/test_saas.py``):
* 5,000 accounts in ``main``; churn in the next quarter 18% ± 1.5 points;
* accounts with fewer than 5 logins in the last 30 days churn at more than twice the rate
  of accounts with 20 or more;
* churn is U-shaped in support contacts: the rate at 1–2 contacts is below both the rate at
  0 and the rate at 5 or more;
* annual-billing accounts churn at less than 60% of the rate of monthly-billing accounts;
* the true churn probability (:func:`true_churn_probability`) ranks accounts with a
  ROC-AUC of about 0.83 (0.80–0.86): the ceiling a model can hope to reach; about 3% of
  accounts have a true probability of 70% or more;
* 1,200 accounts in ``current``, generated the same way (the same truths apply to them).

Known mess: none planted — the table is clean so that the chapter can focus on modelling.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "TaskFlow: SaaS project-management accounts and churn in the next quarter (case 2)"
SEED = 7007
N_ACCOUNTS = 5000
N_CURRENT = 1200
SNAPSHOT = pd.Timestamp("2025-01-01")
CURRENT_SNAPSHOT = pd.Timestamp("2025-04-01")

PLANS = ("basic", "team", "business")
PLAN_SHARE = (0.45, 0.40, 0.15)
#: Price per seat per month, yuan.
SEAT_PRICE = {"basic": 39.0, "team": 69.0, "business": 119.0}
ANNUAL_DISCOUNT = 0.15
N_MODULES = 12
#: Intercept of the churn logit, calibrated so that about 18% of accounts churn.
INTERCEPT = 1.05


def churn_logit(frame: pd.DataFrame) -> np.ndarray:
    """The log-odds of churning in the next quarter, from an account's features (the truth)."""
    logins_per_seat = frame["logins_30d"].to_numpy() / frame["seats"].to_numpy()
    contacts = frame["support_contacts_90d"].to_numpy()
    tenure = frame["tenure_months"].to_numpy()
    logit = (
        INTERCEPT
        - 1.1 * np.minimum(logins_per_seat, 3.0)                 # hinge: no gain beyond ~3 logins/seat
        - 0.16 * frame["features_used"].to_numpy()
        + 0.45 * (contacts == 0)                                  # silent accounts
        + 0.55 * np.maximum(contacts - 3, 0)                      # frustration from 4 contacts on
        + 1.0 * (tenure <= 6)                                     # the risky first half-year
        - 0.012 * np.minimum(tenure, 60)
        - 0.8 * (frame["billing_cycle"].astype(str).to_numpy() == "annual")
        + 0.35 * (frame["plan"].astype(str).to_numpy() == "basic")
    )
    return logit


def true_churn_probability(frame: pd.DataFrame) -> np.ndarray:
    """The probability of churn the data was drawn from (what a perfect model would say)."""
    return 1.0 / (1.0 + np.exp(-churn_logit(frame)))


def _accounts(rng: np.random.Generator, n: int, prefix: str) -> pd.DataFrame:
    plan = rng.choice(len(PLANS), size=n, p=PLAN_SHARE)
    seats = 1 + rng.poisson(np.array([3.0, 8.0, 20.0])[plan])
    annual = rng.random(n) < np.array([0.22, 0.33, 0.48])[plan]
    young = rng.random(n) < 0.35
    tenure = np.where(young, rng.integers(1, 13, n), rng.integers(6, 73, n))
    engagement = rng.beta(2.2, 1.6, n)                                      # 0 = disengaged, 1 = keen
    base_modules = np.array([3.0, 5.0, 7.0])[plan] + 2.5 * engagement + 0.03 * np.minimum(tenure, 48)
    features_used = np.clip(rng.poisson(base_modules), 1, N_MODULES)
    logins = rng.poisson(seats * 4.5 * engagement ** 1.5)
    contacts = rng.poisson(0.6 + 0.04 * seats + 0.8 * (tenure <= 6) + 1.2 * (1 - engagement) ** 2)
    plan_names = np.array(PLANS)[plan]
    price = np.array([SEAT_PRICE[p] for p in PLANS])[plan]
    bill = seats * price * np.where(annual, 1 - ANNUAL_DISCOUNT, 1.0) * rng.normal(1.0, 0.05, n)
    frame = pd.DataFrame({
        "account_id": [f"{prefix}{i + 1:05d}" for i in range(n)],
        "plan": pd.Categorical(plan_names, categories=list(PLANS), ordered=True),
        "billing_cycle": pd.Categorical(np.where(annual, "annual", "monthly"), categories=["monthly", "annual"]),
        "seats": seats.astype("int64"),
        "tenure_months": tenure.astype("int64"),
        "logins_30d": logins.astype("int64"),
        "features_used": features_used.astype("int64"),
        "support_contacts_90d": contacts.astype("int64"),
        "monthly_bill": np.round(bill, 2),
    })
    return frame


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    main = _accounts(rng, N_ACCOUNTS, "A")
    main["churned_next_quarter"] = rng.random(len(main)) < true_churn_probability(main)
    current = _accounts(rng, N_CURRENT, "B")
    return {
        "main": main.sort_values("account_id", kind="mergesort").reset_index(drop=True),
        "current": current.sort_values("account_id", kind="mergesort").reset_index(drop=True),
    }
