"""The "A" beauty club's member satisfaction survey, with renewals observed afterwards.

The "A" beauty club sits near schools, government offices, banks and shops, and sells four
services: slimming, beauty care, fitness and acupuncture.  It is best known for slimming and
fitness.  Its owner, Ms Wang, surveyed every member two months before their membership
came up for renewal, then recorded who renewed.  The source stops before naming the two
problems Ms Wang worried about; the two problems planted here are the kit's own reading,
made so that a careful analysis can find them.

How it is made (read top to bottom; every draw comes from one generator seeded with SEED):

1. ``N_MEMBERS`` members, each with a main service drawn with ``SERVICE_SHARES`` and a
   tenure in months (1 + a Gamma(2, 9) amount, rounded, at most 72).
2. Each member has five latent attitudes, one per dimension (``DIMENSIONS``), drawn from a
   multivariate normal with unit variances and correlation ``LATENT_CORRELATION`` between
   any two (people who like one side of a club tend to like the others), then shifted by
   ``SERVICE_SHIFT`` for their service line.
3. Overall satisfaction (latent) = ``sum(TRUE_WEIGHTS[d] × attitude[d])`` + normal noise
   with sd ``SATISFACTION_NOISE``.  These weights are the truth a driver analysis should
   recover: results matter most, then staff and service, then price and value.
4. Items: every item of dimension d is ``ITEM_MEAN[d] + ITEM_LOADING × attitude[d]`` plus
   normal noise with sd ``ITEM_NOISE``, rounded and clipped to 1–5.  Reverse-worded items
   (``ITEMS``, reverse = True) store 6 minus that score, so a 1 is a good experience there.
5. ``overall_satisfaction`` (1–5) cuts the latent satisfaction at ``OVERALL_CUTS``;
   ``recommend`` (0–10) = 7.7 + 1.9 × latent satisfaction + noise (sd 1.2), rounded and
   clipped; ``repurchase_intent`` (1–5) mixes satisfaction and price and value.
6. ``renewed``: logistic in latent satisfaction (weight 0.3), price and value (weight 1.2)
   and tenure (longer members renew more), with intercept ``RENEWAL_INTERCEPT``.
7. Mess: each item is left blank with probability ``ITEM_NONRESPONSE``;
   ``N_BREAKOFF`` members stopped after the first four items (all later items blank);
   ``N_STRAIGHT`` straight-liners gave the same raw answer to every item (ignoring the
   reverse-worded ones); ``N_OUT_OF_SCALE`` item answers were keyed as 0 or 6;
   ``N_NO_RECOMMEND`` members skipped the 0–10 question.

Planted truths (checked in ``tests/datasets/test_survey.py``):

* Overall satisfaction weights (latent scale): results 0.40, staff 0.25, price 0.20,
  convenience 0.10, environment 0.05.  A driver analysis on the cleaned dimension scores
  ranks them in this order, with standardised weights within ± 0.08 of the truth.
* Problem 1 — **satisfied members who do not renew**: price and value scores lowest of the
  five dimensions (mean about 2.9 of 5) and is the strongest driver of renewal, while
  overall satisfaction is driven mostly by results; renewal is about 60% overall but well
  under 70% even among members who rate their overall satisfaction 4 or 5.
* Problem 2 — **beauty care and acupuncture lag behind**: their staff-and-service and
  results scores are about 0.5 point lower than slimming and fitness; their NPS is
  negative while slimming and fitness are positive.
* Each dimension's items are reliable once reverse-worded items are reversed (alpha ≥ 0.7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = 'The "A" beauty club: member satisfaction survey and renewals'
SEED = 1981

N_MEMBERS = 1_200
SERVICE_SHARES = {"slimming": 0.35, "fitness": 0.28, "beauty": 0.22, "acupuncture": 0.15}
DIMENSIONS = ["staff", "environment", "price", "results", "convenience"]
LATENT_CORRELATION = 0.35
#: Shifts of the latent attitudes (in standard deviations) by service line: problem 2.
SERVICE_SHIFT = {
    "slimming": {"results": 0.30},
    "fitness": {"results": 0.20},
    "beauty": {"staff": -0.65, "results": -0.55},
    "acupuncture": {"staff": -0.65, "results": -0.55},
}
#: The planted importance of each dimension for overall satisfaction.
TRUE_WEIGHTS = {"results": 0.40, "staff": 0.25, "price": 0.20, "convenience": 0.10, "environment": 0.05}
SATISFACTION_NOISE = 0.45
#: Item means by dimension (performance): price is the weakest, environment the strongest.
ITEM_MEAN = {"staff": 3.75, "environment": 4.15, "price": 2.85, "results": 3.85, "convenience": 3.9}
ITEM_LOADING = 0.85
ITEM_NOISE = 0.55
#: The questionnaire: (item, dimension, wording, reverse-worded?).
ITEMS = [
    ("staff_1", "staff", "Staff greet me and listen to what I want", False),
    ("staff_2", "staff", "My therapist or coach explains each treatment clearly", False),
    ("staff_3", "staff", "Staff push me to buy extra packages", True),
    ("staff_4", "staff", "I can book the same therapist or coach each time", False),
    ("environment_1", "environment", "The club is clean and tidy", False),
    ("environment_2", "environment", "Changing rooms and equipment are in good condition", False),
    ("environment_3", "environment", "The club is too noisy and crowded at busy times", True),
    ("price_1", "price", "The membership fee is fair for what I get", False),
    ("price_2", "price", "Packages and add-ons are clearly priced", False),
    ("price_3", "price", "I often end up paying more than I expected", True),
    ("results_1", "results", "I can see results from my programme", False),
    ("results_2", "results", "My programme is tailored to my goals", False),
    ("results_3", "results", "My results last after a course ends", False),
    ("convenience_1", "convenience", "The club is easy to reach from work or home", False),
    ("convenience_2", "convenience", "The opening hours suit me", False),
    ("convenience_3", "convenience", "It is hard to get an appointment at a time I want", True),
]
OVERALL_CUTS = [-1.45, -0.75, 0.05, 0.95]
RENEWAL_INTERCEPT = 0.45
ITEM_NONRESPONSE = 0.03
N_BREAKOFF = 24
N_STRAIGHT = 18
N_OUT_OF_SCALE = 4
N_NO_RECOMMEND = 15


#: A factor A with A'A = the latents' correlation matrix (unit variances, LATENT_CORRELATION
#: between any two), written out to the last bit.  numpy's multivariate_normal takes it from an
#: SVD, and the SVD of a matrix with four equal eigenvalues may pick any basis of their space:
#: LAPACK's CPU-specific kernels pick different ones (this data set's first machine, AVX-512,
#: gave this one; an AMD EPYC another), so the same seed drew different members on different
#: machines.  With the factor fixed and multiplied out by elementwise arithmetic, every machine
#: draws the same numbers as that first machine did.  tests/datasets/test_survey.py checks A'A.
LATENT_FACTOR = tuple(tuple(float.fromhex(v) for v in row) for row in (
    ("-0x1.62b9586ad0a21p-1", "-0x1.62b9586ad0a1ep-1", "-0x1.62b9586ad0a20p-1", "-0x1.62b9586ad0a20p-1",
     "-0x1.62b9586ad0a20p-1"),
    ("0x0.0p+0", "0x1.510a273f4b7f8p-1", "-0x1.c162deff0f551p-4", "-0x1.c162deff0f54ep-4", "-0x1.c162deff0f54cp-2"),
    ("0x0.0p+0", "-0x1.2d751aa0edef8p-3", "0x1.5fb349bbc041bp-1", "-0x1.91f178d692942p-3", "-0x1.5fb349bbc041ap-2"),
    ("0x1.71355d04de18fp-1", "-0x1.71355d04de18cp-3", "-0x1.71355d04de18dp-3", "-0x1.71355d04de18dp-3",
     "-0x1.71355d04de18dp-3"),
    ("0x0.0p+0", "0x1.71355d04de18ep-3", "0x1.ec4726b1281fep-5", "-0x1.5270ea99cb96dp-1", "0x1.aebe41db031d2p-2"),
))


def _correlated_normals(rng, n: int) -> np.ndarray:
    """n draws of the latents: standard normals z (n x k, as multivariate_normal draws them) times
    LATENT_FACTOR, summed term by term in a fixed order, so no BLAS kernel is involved."""
    factor = np.array(LATENT_FACTOR)
    k = factor.shape[0]
    z = rng.standard_normal((n, k))
    out = np.empty((n, k))
    for column in range(k):
        total = z[:, 0] * factor[0, column]
        for row in range(1, k):
            total = total + z[:, row] * factor[row, column]
        out[:, column] = total
    return out


def generate() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    n = N_MEMBERS
    services = list(SERVICE_SHARES)
    service = rng.choice(services, size=n, p=list(SERVICE_SHARES.values()))
    tenure = np.minimum(1 + np.round(rng.gamma(2.0, 9.0, size=n)), 72).astype("int64")

    latent = pd.DataFrame(_correlated_normals(rng, n), columns=DIMENSIONS)
    for line, shifts in SERVICE_SHIFT.items():
        for dim, shift in shifts.items():
            latent.loc[service == line, dim] += shift

    satisfaction = sum(TRUE_WEIGHTS[d] * latent[d] for d in DIMENSIONS) + rng.normal(0, SATISFACTION_NOISE, n)
    satisfaction = satisfaction.to_numpy()

    frame = pd.DataFrame({"member_id": [f"A{i:04d}" for i in range(1, n + 1)],
                          "main_service": pd.array(service, dtype="str"), "tenure_months": tenure})
    item_values = {}
    for item, dim, _wording, reverse in ITEMS:
        raw = ITEM_MEAN[dim] + ITEM_LOADING * latent[dim].to_numpy() + rng.normal(0, ITEM_NOISE, n)
        score = np.clip(np.round(raw), 1, 5)
        item_values[item] = 6 - score if reverse else score

    overall = 1 + np.searchsorted(OVERALL_CUTS, satisfaction)
    recommend = np.clip(np.round(7.7 + 1.9 * satisfaction + rng.normal(0, 1.2, n)), 0, 10)
    intent_raw = 3.2 + 0.8 * satisfaction + 0.5 * latent["price"].to_numpy() + rng.normal(0, 0.7, n)
    intent = np.clip(np.round(intent_raw), 1, 5)
    logit = (RENEWAL_INTERCEPT + 0.3 * satisfaction + 1.2 * latent["price"].to_numpy()
             + 0.015 * (np.minimum(tenure, 36) - 12))
    renewed = rng.random(n) < 1 / (1 + np.exp(-logit))

    # Mess, in a fixed order.
    items = pd.DataFrame(item_values)
    blank = rng.random(items.shape) < ITEM_NONRESPONSE
    items = items.mask(blank)
    breakoff = rng.choice(n, size=N_BREAKOFF, replace=False)
    items.iloc[breakoff, 4:] = np.nan
    eligible = np.setdiff1d(np.arange(n), breakoff)
    straight = rng.choice(eligible, size=N_STRAIGHT, replace=False)
    items.iloc[straight, :] = rng.choice([3, 4, 5], size=N_STRAIGHT, p=[0.2, 0.3, 0.5])[:, None]
    eligible = np.setdiff1d(eligible, straight)
    odd_rows = rng.choice(eligible, size=N_OUT_OF_SCALE, replace=False)
    odd_cols = rng.choice(items.shape[1], size=N_OUT_OF_SCALE)
    odd_values = rng.choice([0, 6], size=N_OUT_OF_SCALE)
    for r, c, v in zip(odd_rows, odd_cols, odd_values):
        items.iat[r, c] = v
    no_recommend = rng.choice(n, size=N_NO_RECOMMEND, replace=False)
    recommend = pd.array(recommend.astype("int64"), dtype="Int64")
    recommend[no_recommend] = pd.NA

    for item in items.columns:
        frame[item] = pd.array(items[item].to_numpy(), dtype="Float64").astype("Int64")
    frame["overall_satisfaction"] = overall.astype("int64")
    frame["recommend"] = recommend
    frame["repurchase_intent"] = intent.astype("int64")
    frame["renewed"] = renewed.astype(bool)
    frame = frame.sort_values("member_id", kind="mergesort").reset_index(drop=True)

    questionnaire = pd.DataFrame(ITEMS, columns=["item", "dimension", "wording", "reverse_worded"])
    questionnaire["reverse_worded"] = questionnaire["reverse_worded"].astype(bool)
    for column in ("item", "dimension", "wording"):
        questionnaire[column] = questionnaire[column].astype("str")
    return {"main": frame, "items": questionnaire}


def dimensions() -> dict[str, list[str]]:
    """The items of each dimension, in questionnaire order."""
    out: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    for item, dim, _wording, _reverse in ITEMS:
        out[dim].append(item)
    return out


def reverse_items() -> list[str]:
    """The reverse-worded items."""
    return [item for item, _dim, _wording, reverse in ITEMS if reverse]
