# %% [markdown]
# # Case · The "A" beauty club: Ms Wang's two problems
#
# **The story.** The "A" beauty club has an enviable address: schools, government offices,
# banks and shops all sit within a few minutes' walk. It offers slimming, beauty care,
# fitness and acupuncture, and its name was made by slimming and fitness, where members see
# real results. Business is good, yet the owner, Ms Wang, sees two problems growing.
#
# **What the source does not tell us.** The source's case text (the case-question set, file
# 003) breaks off just before it names Ms Wang's two problems. We do not know what they were.
# This case therefore works the other way round: Ms Wang's member survey and renewal records
# (the kit's `survey` dataset) are analysed to find which two problems *the data* shows.
# **The diagnosis below is the kit's reading, not the source's**; the data was simulated for
# the kit, with the two problems planted (card: `datasets/survey/README.md`).
#
# **The questions.**
# 1. How do members rate the club on each dimension, and can the ratings be trusted?
# 2. Which two problems does the data show, and how large is each?
# 3. What should Ms Wang do about each, and how should she track progress?
#
# The tools are those of chapter 5 (`helpers.survey`).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data, survey
from helpers.simulate import survey as survey_design

rng = helpers.setup_notebook()
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # fixed; the survey has no dates

# %% [markdown]
# ## 1 · Can the ratings be trusted?
#
# Flag doubtful questionnaires (nobody is dropped silently), reverse the four negatively
# worded items, score each dimension, and check each scale's reliability.

# %%
members = data.load("survey")
questionnaire = data.load("survey", "items")
ITEMS = questionnaire["item"].tolist()
REVERSED = questionnaire.loc[questionnaire["reverse_worded"], "item"].tolist()
DIMENSIONS = survey_design.DIMENSIONS
flags = survey.quality_flags(members, ITEMS)
clean = members[~flags["any_flag"]]
print(f"Analysing {len(clean):,} of {len(members):,} members; {int(flags['any_flag'].sum())} flagged questionnaires "
      "set aside (straight-lining, break-offs, out-of-scale answers).")
scores = survey.dimension_scores(clean, survey_design.dimensions(), reverse=REVERSED)
club = pd.concat([clean.drop(columns=ITEMS), scores], axis=1)

# %%
reliability = {}
for dimension, items in survey_design.dimensions().items():
    values = clean[items].astype("float64")
    flipped = [item for item in items if item in REVERSED]
    if flipped:
        values[flipped] = survey.reverse_code(values[flipped])
    reliability[dimension] = survey.cronbach_alpha(values)
overview = pd.DataFrame(reliability).T[["alpha", "ci_low", "ci_high"]]
overview["mean_score"] = club[DIMENSIONS].mean()
overview.round(3)

# %% [markdown]
# Every scale is reliable (alpha 0.84–0.89), so the dimension scores can be compared. The
# club's best-rated dimensions are its environment and convenience, with results close behind;
# **price and value** is the one
# dimension below the neutral 3.

# %% [markdown]
# ## 2 · Where members differ: by service line

# %%
by_line = club.groupby("main_service")[DIMENSIONS].agg(["mean", "sem"])
line_means = by_line.xs("mean", axis=1, level=1)
line_means.round(2)

# %%
nps_by_line = pd.DataFrame({line: survey.nps(part["recommend"])
                            for line, part in members.groupby("main_service", sort=True)}).T
nps_by_line["renewal_rate"] = club.groupby("main_service")["renewed"].mean()
nps_by_line[["n", "nps", "ci_low", "ci_high", "renewal_rate"]].round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 4))
lines = ["slimming", "fitness", "beauty", "acupuncture"]
width = 0.2
for i, line in enumerate(lines):
    means = by_line.loc[line].xs("mean", level=1)
    errors = 1.96 * by_line.loc[line].xs("sem", level=1)
    ax.bar(np.arange(len(DIMENSIONS)) + (i - 1.5) * width, means, width, yerr=errors, capsize=2, label=line)
ax.set_xticks(np.arange(len(DIMENSIONS)), [d.replace("_", " ") for d in DIMENSIONS])
ax.set_ylim(1, 5.7)
ax.set_title('"A" club: dimension scores by main service (95% intervals)')
ax.set_xlabel("Dimension")
ax.set_ylabel("Mean score (1–5, 5 = best)")
ax.legend(title="Main service", ncol=4, loc="upper center")
plt.show()

# %% [markdown]
# Slimming and fitness members rate staff and results well; beauty-care and acupuncture
# members rate both about half a point lower, well outside the intervals, and they are net
# **detractors** (NPS about −19 and −20, against +15 and +12). Environment, price and
# convenience hardly differ between lines: what differs is the people and the results.

# %%
core = club["main_service"].isin(["slimming", "fitness"])
gaps = pd.DataFrame({"slimming and fitness": club.loc[core, DIMENSIONS].mean(),
                     "beauty and acupuncture": club.loc[~core, DIMENSIONS].mean()})
gaps["gap"] = gaps["slimming and fitness"] - gaps["beauty and acupuncture"]
gaps.round(2)

# %% [markdown]
# ## 3 · What drives satisfaction, and what drives renewal

# %%
satisfaction_drivers = survey.driver_analysis(club, "overall_satisfaction", DIMENSIONS)
renewal_drivers = survey.driver_analysis(club.assign(renewed=club["renewed"].astype("float64")), "renewed",
                                         DIMENSIONS)
pd.DataFrame({"weight for satisfaction": satisfaction_drivers["beta"],
              "weight for renewal": renewal_drivers["beta"],
              "mean score": club[DIMENSIONS].mean()}).reindex(DIMENSIONS).round(3)

# %%
fig, axes = plt.subplots(1, 2, figsize=(13, 5))
survey.plot_importance_performance(survey.importance_performance(club, "overall_satisfaction", DIMENSIONS),
                                   ax=axes[0], title="For overall satisfaction")
survey.plot_importance_performance(
    survey.importance_performance(club.assign(renewed=club["renewed"].astype("float64")), "renewed", DIMENSIONS),
    ax=axes[1], title="For renewing the membership")
fig.suptitle('"A" club: importance against performance')
plt.show()

# %% [markdown]
# Results and staff drive how satisfied members *say* they are; price and value drives
# whether they *come back*. The satisfaction survey alone would send Ms Wang to fix staff
# and service; the renewal records add a second, different priority.

# %%
club["value_verdict"] = np.where(club["price"] < 3, "poor value", "fair value")
satisfied = club["overall_satisfaction"] >= 4
renewal_grid = club.groupby([satisfied.rename("satisfied (4–5)"), "value_verdict"]).agg(
    members=("member_id", "size"), renewal_rate=("renewed", "mean"))
renewal_grid.round(3)

# %%
satisfied_poor_value = club[satisfied & (club["value_verdict"] == "poor value")]
rate_fair = club.loc[satisfied & (club["value_verdict"] == "fair value"), "renewed"].mean()
extra = len(satisfied_poor_value) * (rate_fair - satisfied_poor_value["renewed"].mean())
print(f"{len(satisfied_poor_value)} members are satisfied yet see the club as poor value; they renew at "
      f"{satisfied_poor_value['renewed'].mean():.0%} against {rate_fair:.0%} for satisfied members who see fair value. "
      f"Closing that gap would keep about {extra:.0f} more of them each renewal round "
      f"({extra / len(club):.1%} of the surveyed members).")

# %% [markdown]
# ## 4 · The diagnosis (the kit's reading)
#
# **Problem 1 — satisfied members who do not renew, because of value for money.** Price and
# value is the club's weakest dimension (2.87 of 5) and, by a wide margin, the strongest driver
# of renewal; only 62% of members renewed. Satisfaction does not protect the club: among
# members who rate it 4 or 5, those who find it poor value renew about 60% of the time
# against about 84% for the rest. In the source's terms, the club wins members' **emotional**
# loyalty with its results but loses their **rational** loyalty on price, and behaviour
# follows the rational verdict. The three price items score alike, so the survey cannot say
# *which* part of pricing hurts (fee level, unclear add-ons, or paying more than expected);
# Ms Wang needs to ask.
#
# **Problem 2 — beauty care and acupuncture are hurting the club's reputation.** Members of
# these two lines rate staff and results about half a point lower and are net detractors,
# while slimming and fitness members are promoters. Their renewal is not yet lower, so the
# damage is still in word of mouth — the club's main way of winning members near schools and
# offices — which is why it can grow quietly.
#
# **What Ms Wang should do.**
# * *Value:* make prices transparent (all-inclusive packages, no surprise add-ons, no push
#   selling at the treatment table), show each member the results they got for their money
#   before renewal, and call the satisfied-but-poor-value members first: they like the club
#   and are the cheapest to keep.
# * *Beauty and acupuncture:* review therapists' training and qualifications, set results
#   targets and track them per member as slimming does, and decide whether the two lines
#   should be fixed or narrowed to what the club does best.
# * *Tracking:* repeat the survey every six months with NPS and dimension scores by service
#   line, and put renewals beside them — the behavioural check on the attitudes.
#
# *Limits.* The data is simulated for the kit and the two problems are planted; a real club's
# survey would need the same checks (reliability, flags, intervals) before anyone acts on it.
