"""Published survivor counts of two subscription cohorts (Fader & Hardie 2007).

Not simulated: the numbers are copied from Fader, P. S. & Hardie, B. G. S. (2007), "How to
project customer retention", *Journal of Interactive Marketing* 21(1), 76–90.  The paper
follows two cohorts of 1,000 customers who all signed up in the same year ("year 0") for a
contractual service renewed once a year, and counts how many are still customers at the
start of each later year:

* ``regular``  — 1,000, 631, 468, 382, 326, 289, 262, 241 customers in years 0–7;
* ``high end`` — 1,000, 869, 743, 653, 593, 551, 517, 491 customers in years 0–7.

Published results a learner can check against (the paper's maximum-likelihood fit of the
shifted-beta-geometric model to years 1–7): regular α = 0.704, β = 1.182; high end
α = 0.668, β = 3.806.  Year-on-year retention rises with tenure (regular: 63.1% in
year 1, 92.0% in year 7, up every year; high end: 86.9%, one dip to 85.5%, then up to
95.0%), which is why one average retention rate misleads when projecting.
"""

from __future__ import annotations

import pandas as pd

TITLE = "Two subscription cohorts of 1,000 customers: survivors in years 0–7 (Fader & Hardie 2007)"
KIND = "published"
SEED = None
SOURCE = ("Fader, P. S. & Hardie, B. G. S. (2007), 'How to project customer retention', "
          "Journal of Interactive Marketing 21(1), 76-90")

SURVIVORS = {
    "regular": [1000, 631, 468, 382, 326, 289, 262, 241],
    "high end": [1000, 869, 743, 653, 593, 551, 517, 491],
}
#: The paper's sBG estimates (fit on years 1-7).
PUBLISHED_PARAMS = {"regular": {"alpha": 0.704, "beta": 1.182}, "high end": {"alpha": 0.668, "beta": 3.806}}


def generate() -> pd.DataFrame:
    rows = [(cohort, year, count) for cohort, counts in SURVIVORS.items() for year, count in enumerate(counts)]
    frame = pd.DataFrame(rows, columns=["cohort", "year", "survivors"])
    frame["year"] = frame["year"].astype("int64")
    frame["survivors"] = frame["survivors"].astype("int64")
    frame["cohort"] = frame["cohort"].astype("str")
    return frame.sort_values(["cohort", "year"], kind="mergesort").reset_index(drop=True)
