"""StockWise: one quarter of B2B leads for a warehouse-software supplier, with six-month outcomes.

StockWise sells a cloud warehouse-management system to small and mid-sized firms; a
first-year contract costs about 50,000 yuan.  Each row is one lead that reached its sales
team in the first quarter of 2025 (13 weeks, Monday 2025-01-06 to Sunday 2025-04-06): the
company's industry and size, what the lead told us about budget, who the contact is, the
signals of need, and whether the lead became a paying customer within six months
(``won_6m``).  The sales team can make about 150 qualification calls a week, far fewer than
the ~600 leads that arrive, so it must choose — the job of the MAN rule (chapter 1).

How it is made (read top to bottom; every draw comes from one generator seeded with ``SEED``):

1. Arrival: each of 7,800 leads gets a week 1–13 (equally likely) and a day within it.
2. The company: an industry (manufacturing 28%, wholesale & distribution 20%, retail 18%,
   logistics 14%, food & beverage 10%, healthcare 5%, professional services 5%) and a
   head count (log-normal, median about 60, 3–5,000).
3. Need: a hidden engagement level (standard normal) drives three signals: pain points
   named on the enquiry form or the first call (0–5), whether the lead asked us first
   (``inbound_request``) and the days of active use of the 14-day free trial (0 when no
   trial).  Engagement also raises the budget and the contact's seniority a little, so
   the three criteria are positively correlated, as in real pipelines.
4. Money: the project budget the lead states, log-normal around 40,000 yuan, higher for
   bigger firms (× size^0.35) and engaged leads, rounded to 1,000 yuan (minimum 1,000).
   About 40% state 50,000 or more.
5. Authority: the contact's seniority (staff, manager, director, executive); in firms
   under 30 people the contact is more often the owner (executive).  A role is drawn
   to match (owners and general managers are executives).
6. The true MAN pattern is the kit's default rule (:mod:`helpers.qualify`) applied to the
   *complete* signals: budget ≥ 50,000; director or executive; at least two of {≥ 2 pain
   points, inbound request, ≥ 3 trial days}.
7. The outcome: the win probability is the planted rate of the lead's true pattern
   (:data:`TRUE_RATES`) times a fit factor from industry and size, rescaled so that the
   factor averages exactly 1 within each pattern — so each pattern's mean win probability
   *is* its planted rate.  ``won_6m`` is drawn from it.
8. Mess, drawn last and at random (independent of everything else): some values are
   blanked — the budget for 18% of leads (they would not say), the seniority for 8%, the
   pain-point count for 6% (field skipped) and the head count for 5%.

Planted truths (checked in ``tests/datasets/test_leads.py``):

* 7,800 leads, 13 arrival weeks of 560–650 leads each;
* the true win rate per pattern (:data:`TRUE_RATES`): MAN 0.42; MA- 0.20, M-N 0.24,
  -AN 0.15; M-- 0.06, -A- 0.03, --N 0.07; --- 0.01.  On the leads with complete signals
  (where the default rule sees the true pattern) each observed rate lies within three
  binomial standard errors of its planted value;
* so conversion rises with the criteria met (about 0.42 / 0.20 / 0.05 / 0.01 for 3 / 2 / 1
  / 0), two-criteria leads still convert at a useful rate and a few one-criterion leads do
  too;
* a missing budget is not a "no": leads whose budget is missing convert at least twice
  as often as leads whose stated budget is under 50,000 (about 11% against 4%), because
  about 40% of them hide a budget of 50,000 or more;
* industry matters within a pattern (fit factor 0.5 for professional services against
  0.8–1.25 elsewhere): professional-services leads convert least of all industries.

Known mess: the missing values of step 8 (counts in the card and in :data:`MISSING_SHARE`);
no duplicates, no impossible values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "StockWise: a quarter of B2B leads with MAN signals and six-month outcomes (chapter 1)"
SEED = 1101
N_LEADS = 7800
N_WEEKS = 13
FIRST_MONDAY = pd.Timestamp("2025-01-06")
BUDGET_MIN = 50_000.0

INDUSTRIES = {  # share of leads, fit factor (how well the product suits the industry)
    "manufacturing": (0.28, 1.20),
    "wholesale & distribution": (0.20, 1.25),
    "retail": (0.18, 0.90),
    "logistics": (0.14, 1.15),
    "food & beverage": (0.10, 0.85),
    "healthcare": (0.05, 0.80),
    "professional services": (0.05, 0.50),
}
SENIORITY = ["staff", "manager", "director", "executive"]

#: The planted probability of winning within six months, by true MAN pattern.
TRUE_RATES = {"MAN": 0.42, "MA-": 0.20, "M-N": 0.24, "-AN": 0.15,
              "M--": 0.06, "-A-": 0.03, "--N": 0.07, "---": 0.01}

#: Share of values blanked at random, by column.
MISSING_SHARE = {"budget_yuan": 0.18, "contact_seniority": 0.08, "pain_points": 0.06, "employees": 0.05}


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def true_pattern(budget, seniority, pain, inbound, trial) -> np.ndarray:
    """The MAN pattern of complete signals under the default rule (``MAN``, ``M-N`` …)."""
    money = np.asarray(budget) >= BUDGET_MIN
    authority = np.isin(np.asarray(seniority), ["director", "executive"])
    signals = (np.asarray(pain) >= 2).astype(int) + np.asarray(inbound).astype(int) + (np.asarray(trial) >= 3).astype(int)
    need = signals >= 2
    letters = [np.where(money, "M", "-"), np.where(authority, "A", "-"), np.where(need, "N", "-")]
    return np.char.add(np.char.add(letters[0], letters[1]), letters[2])


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    n = N_LEADS

    # 1. arrival
    week = rng.integers(1, N_WEEKS + 1, n)
    day = rng.integers(0, 7, n)
    arrival = FIRST_MONDAY + pd.to_timedelta((week - 1) * 7 + day, unit="D")

    # 2. the company
    names = list(INDUSTRIES)
    industry = rng.choice(names, size=n, p=[INDUSTRIES[k][0] for k in names])
    employees = np.clip(np.round(np.exp(rng.normal(np.log(60), 1.1, n))), 3, 5000).astype("int64")

    # 3. need (drawn before money and authority: engagement also moves budget and seniority)
    engagement = rng.normal(0, 1, n)
    pain = np.minimum(rng.poisson(np.exp(0.2 + 0.5 * engagement)), 5).astype("int64")
    inbound = rng.random(n) < _sigmoid(-0.2 + 0.9 * engagement)
    started = rng.random(n) < _sigmoid(-0.6 + 0.8 * engagement)
    trial = np.where(started, rng.binomial(14, _sigmoid(-0.8 + 0.7 * engagement)), 0).astype("int64")

    # 4. money
    log_budget = np.log(40_000) + 0.35 * np.log(employees / 60) + 0.4 * engagement + rng.normal(0, 0.75, n)
    budget = np.maximum(np.round(np.exp(log_budget) / 1000) * 1000, 1000.0)

    # 5. authority
    small = employees < 30
    lift = _sigmoid(0.8 * engagement) / 0.5  # engaged leads reach senior people more often
    p_exec = np.where(small, 0.30, 0.10) * lift
    p_dir = np.where(small, 0.15, 0.22) * lift
    p_mgr = np.full(n, 0.30)
    u = rng.random(n)
    level = np.select([u < p_exec, u < p_exec + p_dir, u < p_exec + p_dir + p_mgr], [3, 2, 1], default=0)
    seniority = np.array(SENIORITY)[level]
    exec_roles = np.array(["owner", "general manager"])
    other_roles = np.array(["operations", "warehouse", "IT", "finance", "procurement"])
    role = np.where(level == 3, exec_roles[rng.integers(0, 2, n)], other_roles[rng.integers(0, 5, n)])

    # 6.–7. truth and outcome
    pattern = true_pattern(budget, seniority, pain, inbound, trial)
    fit = np.array([INDUSTRIES[k][1] for k in industry]) * np.exp(0.15 * (np.log(employees) - np.log(60)))
    factor = fit / pd.Series(fit).groupby(pattern).transform("mean").to_numpy()
    probability = np.array([TRUE_RATES[p] for p in pattern]) * factor
    assert probability.max() < 1, "a win probability above 1: lower the rates or the fit factors"
    won = rng.random(n) < probability

    # 8. mess: values blanked at random
    blank = {column: rng.random(n) < share for column, share in MISSING_SHARE.items()}

    leads = pd.DataFrame({
        "arrival_date": arrival,
        "week": week.astype("int64"),
        "industry": industry,
        "employees": pd.array(employees, dtype="Int64"),
        "budget_yuan": budget,
        "contact_role": role,
        "contact_seniority": pd.Categorical(seniority, categories=SENIORITY, ordered=True),
        "pain_points": pd.array(pain, dtype="Int64"),
        "inbound_request": inbound,
        "trial_days": trial,
        "won_6m": won,
    })
    leads.loc[blank["budget_yuan"], "budget_yuan"] = np.nan
    leads.loc[blank["contact_seniority"], "contact_seniority"] = np.nan
    leads.loc[blank["pain_points"], "pain_points"] = pd.NA
    leads.loc[blank["employees"], "employees"] = pd.NA
    leads = leads.sort_values("arrival_date", kind="mergesort").reset_index(drop=True)
    leads.insert(0, "lead_id", [f"L{i + 1:05d}" for i in range(n)])
    return leads
