# %% [markdown]
# # Case · Coca-Cola, 1981: what complaining customers do next
#
# **The story.** In 1981 Coca-Cola did something few companies did at the time: it went back
# to the customers who had complained and asked them three things — how satisfied they were
# with the way the company had answered, how many people they had told about it, and whether
# they had bought more, less or none of the company's drinks since. The source (the
# case-question set, file 003) reports the headline results:
#
# * more than **12%** of complainants told **20 or more** people how the company responded;
# * complainants **fully satisfied** with the response told **4–5** others, and **10%** of them
#   went on to buy **more**;
# * complainants **not fully satisfied** told **9–10** others; of them, **a third** stopped
#   buying altogether and **45%** bought less.
#
# **The questions.**
# 1. Reproduce the published figures from the respondents' answers.
# 2. What does the word of mouth say about the relationship between a complaining customer and
#    the company?
# 3. What does the survey mean for the company's customer relationship management?
# 4. What further surveys should follow, on attitudinal and on behavioural loyalty?
#
# The data is the kit's `complaints` dataset: 1,200 respondents simulated so that their answers
# reproduce the published figures (the source gives only the figures). Everything the source
# does not say — that half the complainants were fully satisfied, how purchase changes are
# valued — is an assumption of the kit, stated where it is used. Card:
# `datasets/complaints/README.md`; chapter 5 (`05_satisfaction_surveys`) teaches the tools.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data

rng = helpers.setup_notebook()
ANALYSIS_DATE = pd.Timestamp("1981-12-31")  # the survey year; no dates are used below

# %% [markdown]
# ## 1 · Reproducing the published figures

# %%
complaints = data.load("complaints")
complaints["fully_satisfied"] = complaints["response_rating"] == "fully satisfied"
complaints["group"] = np.where(complaints["fully_satisfied"], "fully satisfied", "not fully satisfied")
print(f"{len(complaints):,} complainants")
complaints["response_rating"].value_counts().sort_index()

# %%
by_group = complaints.groupby("group")
reproduced = pd.DataFrame([
    ("told 20 or more people (all complainants)", "over 12%", f"{(complaints['people_told'] >= 20).mean():.1%}"),
    ("people told, fully satisfied (mean)", "4–5", f"{by_group['people_told'].mean()['fully satisfied']:.2f}"),
    ("bought more, fully satisfied", "10%",
     f"{(complaints.loc[complaints['fully_satisfied'], 'purchases_after'] == 'bought more').mean():.1%}"),
    ("people told, not fully satisfied (mean)", "9–10", f"{by_group['people_told'].mean()['not fully satisfied']:.2f}"),
    ("stopped buying, not fully satisfied", "a third",
     f"{(complaints.loc[~complaints['fully_satisfied'], 'purchases_after'] == 'stopped buying').mean():.1%}"),
    ("bought less, not fully satisfied", "45%",
     f"{(complaints.loc[~complaints['fully_satisfied'], 'purchases_after'] == 'bought less').mean():.1%}"),
], columns=["figure", "published", "reproduced"])
reproduced

# %% [markdown]
# Every published figure is recovered. The full picture of purchase changes, by how the
# complainant rated the response:

# %%
changes = pd.crosstab(complaints["response_rating"], complaints["purchases_after"], normalize="index")
changes.round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 3.6))
changes.mul(100).plot(kind="barh", stacked=True, ax=ax, color=["C3", "C1", "C7", "C2"])
ax.set_title("Coca-Cola complainants, 1981: buying after the company's response")
ax.set_xlabel("Complainants (%)")
ax.set_ylabel("Satisfaction with the response")
ax.legend(title="Afterwards", bbox_to_anchor=(1.01, 1), loc="upper left")
plt.show()

# %% [markdown]
# ## 2 · The word of mouth
#
# How many people hear about the company's response, and who does the talking?

# %%
word_of_mouth = by_group.agg(complainants=("complaint_id", "size"), mean_told=("people_told", "mean"),
                             median_told=("people_told", "median"),
                             told_20_plus=("people_told", lambda s: (s >= 20).mean()),
                             total_told=("people_told", "sum"))
word_of_mouth["share_of_all_word_of_mouth"] = word_of_mouth["total_told"] / word_of_mouth["total_told"].sum()
word_of_mouth.round(3)

# %%
broadcasters = complaints["people_told"] >= 20
print(f"The {broadcasters.mean():.1%} of complainants who told 20 or more people account for "
      f"{complaints.loc[broadcasters, 'people_told'].sum() / complaints['people_told'].sum():.0%} of everyone told; "
      f"{(complaints.loc[broadcasters, 'group'] == 'not fully satisfied').mean():.0%} of them were not fully satisfied.")

# %%
fig, ax = plt.subplots(figsize=(7.5, 3.8))
bins = np.arange(0, complaints["people_told"].max() + 3, 2)
for group, part in complaints.groupby("group"):
    ax.hist(part["people_told"], bins=bins, alpha=0.6, label=group)
ax.axvline(20, color="black", ls=":", lw=1)
ax.set_title("How many people each complainant told about the response")
ax.set_xlabel("People told (persons)")
ax.set_ylabel("Complainants")
ax.legend(title="Response rating")
plt.show()

# %% [markdown]
# **Reading.** A complaint does not end when the complainant hangs up: every complainant tells
# several people, and the worse the answer, the more people hear it — about twice as many
# after an unsatisfying response. The talk is concentrated: a small group of "broadcasters"
# tells 20 or more people each, and four in five of them are complainants the company left
# less than fully satisfied. The relationship after a complaint is therefore public, not private: the
# company's answer is judged by the complainant's friends, family and colleagues too.

# %% [markdown]
# ## 3 · What a resolved complaint is worth
#
# To put the purchase changes on one scale, the kit values each answer as a share of a
# customer's usual yearly purchases: stopped 0, bought less 0.5, no change 1, bought more
# 1.25. These weights are **assumptions** (the survey recorded only the direction of
# change); the conclusion holds for any reasonable choice.

# %%
PURCHASE_INDEX = {"stopped buying": 0.0, "bought less": 0.5, "no change": 1.0, "bought more": 1.25}
complaints["purchase_index"] = complaints["purchases_after"].astype("str").map(PURCHASE_INDEX)
value = complaints.groupby("group").agg(purchase_index=("purchase_index", "mean"), people_told=("people_told", "mean"))
value.round(3)

# %%
gain_purchases = value.loc["fully satisfied", "purchase_index"] - value.loc["not fully satisfied", "purchase_index"]
gain_talk = value.loc["not fully satisfied", "people_told"] - value.loc["fully satisfied", "people_told"]
print(f"Turning one complainant from 'not fully' to 'fully satisfied' keeps {gain_purchases:.2f} of a customer-year "
      f"of purchases and spares the company {gain_talk:.1f} people hearing about a poor response.")

# %% [markdown]
# Scenario: of every 1,000 complainants, half are fully satisfied today (the kit's
# assumption). What if better complaint handling raised that to 70% or 90%?

# %%
scenarios = pd.DataFrame({"fully_satisfied_share": [0.5, 0.7, 0.9]})
per_1000 = 1000
for column, kind in (("purchases_kept", "purchase_index"), ("people_told", "people_told")):
    scenarios[column] = per_1000 * (scenarios["fully_satisfied_share"] * value.loc["fully satisfied", kind]
                                    + (1 - scenarios["fully_satisfied_share"]) * value.loc["not fully satisfied", kind])
scenarios["lost_customers"] = per_1000 * (1 - scenarios["fully_satisfied_share"]) * (
    complaints.loc[~complaints["fully_satisfied"], "purchases_after"] == "stopped buying").mean()
scenarios.round({"fully_satisfied_share": 2, "purchases_kept": 0, "people_told": 0, "lost_customers": 0})

# %% [markdown]
# Raising the fully-satisfied share from 50% to 70% keeps about 110 more customer-years of
# purchases per 1,000 complaints, loses about 67 fewer customers outright, and cuts the word of
# mouth by about a thousand people. Whatever a drink customer's yearly purchases are worth,
# the company can afford to spend up to about half of that on resolving each complaint that
# would otherwise be left unresolved — before counting the word of mouth at all.

# %% [markdown]
# ## 4 · Answers
#
# **Q1 — The figures.** Reproduced above: 13.3% told 20 or more people; the fully satisfied
# told 4.5 people on average and 10% of them bought more; the others told 9.8 people, a third
# stopped buying and 45% bought less.
#
# **Q2 — What the word of mouth says about the relationship.** A complaint is a moment of
# truth in the relationship, and it is watched. A complainant who is fully satisfied stays a
# customer — one in ten even buys more, so a well-handled complaint can *strengthen* the
# relationship — and tells a handful of people, often with a good story. A complainant left
# unsatisfied usually stays too (only a third stop), but buys less and tells twice as many
# people. Dissatisfaction leaks out of the relationship into the market; a broken
# relationship with one customer becomes a reputation problem with many.
#
# **Q3 — What it means for CRM.**
# * Treat complaints as a retention and loyalty tool, not a cost: make it easy to complain, and
#   measure complaint handling by the share of complainants *fully* satisfied, not by how
#   quickly a case is closed — "partly satisfied" already costs business.
# * Record complaints in the customer database with the outcome, so that follow-up calls (the
#   outbound care the source describes) can check satisfaction and win back those who drifted.
# * Give front-line staff the authority and budget to resolve on the spot: the value of a
#   resolved complaint (about half a customer-year of purchases) sets the budget.
# * Watch for the broadcasters: a complainant who tells 20 or more people deserves the most
#   care.
#
# **Q4 — Further surveys.** The 1981 survey measured stated behaviour once. Next:
# * *Attitudinal loyalty:* satisfaction with the product and with the company, emotional
#   attachment to the brand, trust, and intention to recommend (an NPS question), asked of
#   complainants *and* of a sample of customers who did not complain, at the time of the
#   complaint and again six to twelve months later.
# * *Behavioural loyalty:* actual purchase histories rather than recalled ones — habitual
#   purchase, frequency and amount from retailer or loyalty-programme data — linked to the
#   complaint record, to check whether "bought less" in the survey is what the tills show.
# * Together they separate customers who feel loyal but buy elsewhere from those who buy out
#   of habit without attachment; chapter 5's beauty-club survey shows how far the two can
#   differ.
#
# *Limits.* The respondents are simulated to match the published figures; any conclusion
# that relies on more than those figures (the 50% fully-satisfied share, the purchase index)
# rests on the kit's assumptions.
