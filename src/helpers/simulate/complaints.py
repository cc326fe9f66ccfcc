"""Follow-up survey of complaining customers, calibrated to the 1981 Coca-Cola study.

In 1981 Coca-Cola asked customers who had complained to the company how they felt about the
company's response, how many people they had told about it, and how their buying had changed.
The source reports the published figures only; this module builds a table of individual
respondents whose shares and averages match them, so that a learner can reproduce the
figures and then go further (for example, what resolving a complaint is worth).

Published figures (the source's case 003) and how they are planted:

* more than 12% of complainants told 20 or more people about the response;
* complainants **fully satisfied** with the response told 4–5 others on average, and 10% of
  them bought *more* of the company's products afterwards;
* complainants **not fully satisfied** told 9–10 others; of them, a third stopped buying
  entirely and 45% bought less.

What the source does not give, and the kit assumes (stated in the card):

* ``N_COMPLAINANTS`` respondents, half fully satisfied (``N_FULLY``); the other half split
  into ``N_PARTLY`` partly satisfied and the rest not satisfied at all;
* what the complaint was about (``ISSUE_SHARES``), independent of the rest;
* among the fully satisfied, 4% bought less and nobody stopped; among the not fully
  satisfied, nobody bought more; the rest report no change.

How it is made (every draw from one generator seeded with SEED):

1. Exact outcome counts per group (``OUTCOME_COUNTS``) are shuffled onto the respondents,
   so the published shares hold exactly.
2. People told: ``BROADCASTERS[group]`` respondents of each group are "broadcasters" who told
   20 + a Poisson(``BROADCAST_EXTRA``) number of people; everyone else told a negative-binomial
   number (mean ``QUIET_MEAN[group]``, shape 2), capped at 19.  This gives the published
   averages (4–5 and 9–10) and the heavy tail (over 12% told 20 or more).

Planted truths (checked in ``tests/datasets/test_complaints.py``): exactly 10% of the fully
satisfied bought more; exactly 1/3 of the not fully satisfied stopped and exactly 45% bought
less; mean people told 4.5 ± 0.5 (fully) and 9.5 ± 0.5 (not fully); share telling 20 or more
between 12% and 15%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TITLE = "Complaining customers' follow-up survey, calibrated to Coca-Cola's 1981 study"
SEED = 1981

N_COMPLAINANTS = 1_200
N_FULLY = 600
N_PARTLY = 330
RATINGS = ["not satisfied", "partly satisfied", "fully satisfied"]
OUTCOMES = ["stopped buying", "bought less", "no change", "bought more"]
#: Exact outcome counts: fully satisfied (600) and not fully satisfied (600).
OUTCOME_COUNTS = {
    "fully": {"stopped buying": 0, "bought less": 24, "no change": 516, "bought more": 60},
    "not fully": {"stopped buying": 200, "bought less": 270, "no change": 130, "bought more": 0},
}
BROADCASTERS = {"fully": 30, "not fully": 130}
BROADCAST_EXTRA = 8.0
QUIET_MEAN = {"fully": 3.3, "not fully": 4.5}
ISSUE_SHARES = {"product quality": 0.40, "packaging": 0.20, "availability": 0.15,
                "promotion or prize": 0.15, "other": 0.10}


def _told(rng: np.random.Generator, n: int, broadcasters: int, quiet_mean: float) -> np.ndarray:
    shape = 2.0
    quiet = rng.negative_binomial(shape, shape / (shape + quiet_mean), size=n - broadcasters)
    loud = 20 + rng.poisson(BROADCAST_EXTRA, size=broadcasters)
    told = np.concatenate([np.minimum(quiet, 19), loud])
    return rng.permutation(told)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    n_not = N_COMPLAINANTS - N_FULLY
    groups = {"fully": N_FULLY, "not fully": n_not}
    parts = []
    for group, size in groups.items():
        counts = OUTCOME_COUNTS[group]
        assert sum(counts.values()) == size
        outcome = rng.permutation(np.repeat(OUTCOMES, [counts[o] for o in OUTCOMES]))
        told = _told(rng, size, BROADCASTERS[group], QUIET_MEAN[group])
        if group == "fully":
            rating = np.repeat("fully satisfied", size)
        else:
            rating = rng.permutation(np.repeat(["partly satisfied", "not satisfied"], [N_PARTLY, size - N_PARTLY]))
        parts.append(pd.DataFrame({"response_rating": rating, "people_told": told, "purchases_after": outcome}))
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    frame.insert(0, "complaint_id", [f"C{i:04d}" for i in range(1, len(frame) + 1)])
    frame.insert(1, "issue", rng.choice(list(ISSUE_SHARES), size=len(frame), p=list(ISSUE_SHARES.values())))
    frame["complaint_id"] = frame["complaint_id"].astype("str")
    frame["issue"] = frame["issue"].astype("str")
    frame["response_rating"] = pd.Categorical(frame["response_rating"], categories=RATINGS, ordered=True)
    frame["people_told"] = frame["people_told"].astype("int64")
    frame["purchases_after"] = pd.Categorical(frame["purchases_after"], categories=OUTCOMES, ordered=True)
    return frame.sort_values("complaint_id", kind="mergesort").reset_index(drop=True)
