# %% [markdown]
# # 8 · Segmentation: groups of customers you can act on
#
# **FreshMart** runs 100 neighbourhood stores selling fresh food and daily goods. In chapter
# 2 its marketing team sorted members by RFM scores into champions, loyal, at-risk and other
# segments. Now the team wants two more views before planning next year's campaigns. First,
# groups that the data suggests by itself — customers who shop alike, in frequency, ticket size
# and what they put in the basket — the kind of clusters the source describes as "high
# frequency, low ticket", "low frequency, high ticket" and "dormant" (here called *lapsed*, see
# below). Second, where each member
# stands in the relationship: new, active, dormant or churned, and how members moved between
# those stages during the year.
#
# **By the end of this notebook you can**
# 1. name the four classic bases of segmentation and say what positioning adds;
# 2. run K-means by hand on a tiny table, and explain why features are log-transformed and
#    standardised first;
# 3. choose the number of clusters with the elbow and the silhouette, and describe each
#    cluster in business terms;
# 4. cross the clusters with the RFM segments of chapter 2;
# 5. assign lifecycle stages by rule and read a stage-to-stage transition table.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

import helpers
from helpers import data
from helpers.checks import checker
from helpers.rfm import clean_log, rfm_scores, rfm_segments, rfm_table
from helpers.segment import (
    basket_mix, choose_k, cluster_profile, kmeans_segments, lifecycle_stages, name_clusters, prepare_features,
    stage_transitions,
)

rng = helpers.setup_notebook()
check = checker("ch08", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # the day after the last transaction
MID_YEAR = pd.Timestamp("2024-07-01")

# %% [markdown]
# ## Segmentation bases and positioning
#
# To **segment** a market (客户细分) is to divide customers into groups that are alike inside
# and different from each other, in ways that call for different treatment. Four bases are
# classic:
#
# | basis | groups customers by | FreshMart example |
# |---|---|---|
# | demographic (人口统计) | who they are: age, income, household, life stage | young families with a baby |
# | geographic (地理) | where they are: city, district, distance to a store | members around the riverside stores |
# | psychographic (心理) | attitudes, values, lifestyle — usually from surveys | "cooks from scratch" vs "no time to cook" |
# | behavioural (行为) | what they do: how recently, how often, how much, what they buy | weekly big-basket shoppers |
#
# A loyalty card gives a retailer behaviour for free, so behavioural segmentation is where
# data-driven CRM usually starts; demographics and attitudes help explain *why* a behavioural
# group behaves as it does. A segment is only useful if it is large enough to matter, can be
# reached (by an app message, a till coupon), and responds differently to what you do.
#
# **Positioning** (定位) is the other half: once you know the segments, you choose which to
# serve first and what the brand should mean to them — for FreshMart perhaps "the freshest
# meat and fish in the neighbourhood" for fresh-food shoppers, "everything for the baby in one
# trip" for young families. Segmentation finds the groups; positioning decides what to say to
# each.

# %% [markdown]
# ## K-means by hand: six customers
#
# K-means (K均值聚类) finds k groups by repeating two steps until nothing changes: assign
# each customer to the nearest centre, then move each centre to the mean of its customers.
# Six members, described by visits per month and average ticket:

# %%
tiny = pd.DataFrame({"visits_per_month": [12, 10, 11, 2, 3, 1],
                     "avg_ticket": [40, 45, 35, 300, 260, 280]},
                    index=pd.Index(list("ABCDEF"), name="customer"))
tiny

# %% [markdown]
# The units differ wildly: a 10-yuan gap in ticket would outweigh a 9-visit gap in
# frequency. So first **standardise**: subtract each column's mean and divide by its standard
# deviation, so both count equally.

# %%
tiny_z = (tiny - tiny.mean()) / tiny.std(ddof=0)
tiny_z.round(3)

# %% [markdown]
# Start with two centres at customers A and D, assign each customer to the nearer one
# (straight-line distance), and move each centre to the mean of its customers:

# %%
centres = tiny_z.loc[["A", "D"]].to_numpy()
for step in range(1, 4):
    distances = np.sqrt(((tiny_z.to_numpy()[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    assignment = distances.argmin(axis=1)
    centres = np.vstack([tiny_z.to_numpy()[assignment == c].mean(axis=0) for c in range(2)])
    print(f"step {step}: groups {dict(zip(tiny_z.index, assignment.tolist()))}")

# %% [markdown]
# After one step the groups stop changing: {A, B, C}, the frequent small-basket shoppers,
# and {D, E, F}, the rare big-basket ones. `prepare_features` does the standardising (with
# an optional log transform, below) and `kmeans_segments` runs scikit-learn's K-means with a
# fixed seed and numbers the clusters by size; they agree with the hand computation:

# %%
tiny_scaled = prepare_features(tiny, log=False)
tiny_clusters = kmeans_segments(tiny_scaled, 2, seed=2024, n_init=10)
print("standardised values agree:", np.allclose(tiny_scaled, tiny_z))
print("same groups:", (pd.Series(assignment, index=tiny.index).groupby(tiny_clusters).nunique() == 1).all())
tiny_clusters.to_frame()

# %% [markdown]
# ## FreshMart's members
#
# The `supermarket` dataset (card in `datasets/supermarket/README.md`) holds every till
# line of 2024. As in chapter 2, remove duplicated lines and impossible prices, keep the lines
# of members, and build the RFM table as of 2025-01-01.

# %%
lines = data.load("supermarket")
products = data.load("supermarket", table="products")
clean = clean_log(lines, list_price=lines["product"].map(products.set_index("product")["list_price"]))
members = clean[clean["customer_id"].notna()].reset_index(drop=True)
print(f"{len(members):,} member lines, {members['customer_id'].nunique():,} members")

# %%
rfm = rfm_table(members, customer="customer_id", date="timestamp", amount="amount", order="order_id",
                snapshot=ANALYSIS_DATE)
rfm.describe().round(1)

# %% [markdown]
# Five features describe how each member shops:
#
# * `recency_days`, `frequency` (visits in 2024) from the RFM table;
# * `avg_ticket` — net spend per visit (monetary ÷ frequency), the "ticket" of the source's
#   cluster names;
# * `fresh_share` — share of purchases in fresh categories (bakery, dairy, fresh produce,
#   meat, seafood) and `baby_share` — share in baby products, from `basket_mix`.

# %%
mix = basket_mix(members, value="amount")
FRESH = ["bakery", "dairy", "fresh produce", "meat", "seafood"]
features = rfm.assign(avg_ticket=rfm["monetary"] / rfm["frequency"])
features["fresh_share"] = mix[FRESH].sum(axis=1)
features["baby_share"] = mix["baby"]
FEATURES = ["recency_days", "frequency", "avg_ticket", "fresh_share", "baby_share"]
features[FEATURES].describe().round(2)

# %% [markdown]
# Recency, frequency and ticket have long right tails: the largest average ticket is eight
# times the median (1,394 against 170 yuan), the longest silence almost ten times (366
# against 38 days). K-means measures squared distances, so a few such members would pull
# whole clusters towards them. Taking `log(1 + x)` turns ratios into differences — 100 →
# 1,000 yuan is the same step as 10 → 100 — and makes the shapes far more even:

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
axes[0].hist(features["avg_ticket"], bins=60)
axes[0].set_title("Average ticket, as spent")
axes[0].set_xlabel("Net spend per visit (yuan)")
axes[0].set_ylabel("Members")
axes[1].hist(np.log1p(features["avg_ticket"]), bins=60)
axes[1].set_title("Average ticket, log scale")
axes[1].set_xlabel("log(1 + spend per visit in yuan)")
axes[1].set_ylabel("Members")
fig.suptitle("FreshMart members, 2024: why we log-transform before clustering")
plt.show()

# %% [markdown]
# The shares already lie between 0 and 1, so only the first three are logged; then all five
# are standardised. By hand for one column, then with the helper:

# %%
LOGGED = ["recency_days", "frequency", "avg_ticket"]
scaled = prepare_features(features, FEATURES, log=LOGGED)
log_ticket = np.log1p(features["avg_ticket"])
by_hand = (log_ticket - log_ticket.mean()) / log_ticket.std(ddof=0)
print("avg_ticket agrees with the hand computation:", np.allclose(by_hand, scaled["avg_ticket"]))
scaled.describe().round(2).loc[["mean", "std"]]

# %% [markdown]
# ## How many clusters?
#
# K-means needs k in advance. Two guides:
#
# * the **elbow**: the inertia (sum of squared distances to the centres) always falls as k
#   grows; look for the k after which it falls much more slowly;
# * the **silhouette** (轮廓系数): for each customer, how much closer it is to its own
#   cluster than to the next one, from −1 to 1; higher is better.

# %%
k_scores = choose_k(scaled, range(2, 9), seed=2024, n_init=10, silhouette_sample=3000)
k_scores.round(3)

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
axes[0].plot(k_scores["k"], k_scores["inertia"], marker="o")
axes[0].set_title("Elbow: inertia by k")
axes[0].set_xlabel("Number of clusters k")
axes[0].set_ylabel("Within-cluster sum of squares")
axes[1].plot(k_scores["k"], k_scores["silhouette"], marker="o", color="C1")
axes[1].set_title("Silhouette by k")
axes[1].set_xlabel("Number of clusters k")
axes[1].set_ylabel("Mean silhouette (−1 to 1)")
fig.suptitle("FreshMart members: choosing the number of clusters")
plt.show()

# %% [markdown]
# As often with real customers, there is no sharp elbow and the silhouettes are close
# (about 0.2 to 0.25): customers form a continuum rather than islands. Statistics narrows the
# range; the business chooses inside it. We take **k = 5**: few enough for a marketing team to
# give each group its own campaign, and — as the profiles show — each group means something.

# %%
K = 5
clusters = kmeans_segments(scaled, K, seed=2024, n_init=10)
profile = cluster_profile(features[FEATURES + ["monetary"]], clusters)
profile["segment_name"] = name_clusters(profile, highlights={"fresh_share": "fresh food",
                                                              "baby_share": "baby products"})
# name_clusters calls a long-silent cluster "dormant"; this chapter keeps that word for the lifecycle stage
profile["segment_name"] = profile["segment_name"].replace({"dormant": "lapsed"})
profile.round(2)

# %% [markdown]
# `name_clusters` applies simple, stated rules: a cluster whose average recency is over 90
# days is "dormant" — we rename it **lapsed**, because the lifecycle stages later in this
# chapter call a member *churned* after 90 silent days and keep *dormant* for 31–89 days, and
# one word should not mean two things; otherwise frequency and ticket are compared with the average member
# (high/high is **high value**, and so on), and a basket share at least 1.5 times the
# average adds a label such as "baby products". The picture compares the clusters on the
# standardised features (0 = the average member):

# %%
named = clusters.map(profile["segment_name"]).rename("segment_name")
centre_z = scaled.groupby(named).mean().loc[profile["segment_name"]]
fig, ax = plt.subplots(figsize=(8, 3.8))
sns.heatmap(centre_z, annot=True, fmt=".1f", cmap="vlag", center=0, ax=ax,
            cbar_kws={"label": "standard deviations from the average member"})
ax.set_title("FreshMart clusters: how each differs from the average member")
ax.set_xlabel("Feature (recency, frequency and ticket on a log scale)")
ax.set_ylabel("Cluster")
plt.show()

# %% [markdown]
# **Reading the clusters** (counts from the profile table):
#
# * **high value** — about a quarter of members: recent, about 9 visits in the year, tickets
#   near 300 yuan; they bring most of the revenue. Recognise them (the source's "diamond"
#   membership: own checkout lane, free delivery, a birthday cake) rather than discount to them.
# * **occasional, low ticket, fresh food** — small, infrequent fresh-food baskets: the
#   neighbourhood top-up shopper. Freshness and convenience messages, a bakery or meat
#   bundle to make the basket bigger.
# * **lapsed** — no visit for four months on average, although they shopped several times
#   before: the win-back list (the source's 50-off-100 coupon valid seven days).
# * **occasional, low ticket** — infrequent small baskets of packaged goods: cheap reminders,
#   cross-selling into fresh food.
# * **low frequency, high ticket, baby products** — young families who come rarely but fill
#   the trolley, half of it baby products: a baby club, nappy-and-formula bundles, and a reason
#   to come more often.
#
# In FreshMart's data the frequent shoppers also fill big baskets, so the source's
# "high frequency, low ticket" group does not appear: the names come from the data, not from a
# template. If it did appear, its action would be to raise the ticket (bundles, "spend 100 get
# 10"), not the frequency.

# %% [markdown]
# ## Clusters and RFM segments
#
# Chapter 2's RFM segments rank members on recency and frequency by fixed rules; the clusters
# also see ticket size and basket mix. Crossing the two shows where they agree:

# %%
segments = rfm_segments(rfm_scores(rfm))["segment"]
cross = pd.crosstab(named, segments)
cross = cross.loc[profile["segment_name"]]
cross

# %%
shares = cross.div(cross.sum(axis=1), axis=0)
fig, ax = plt.subplots(figsize=(9, 3.8))
sns.heatmap(shares * 100, annot=True, fmt=".0f", cmap="Blues", ax=ax, cbar_kws={"label": "% of the cluster"})
ax.set_title("Where each cluster's members sit among the RFM segments of chapter 2")
ax.set_xlabel("RFM segment (chapter 2)")
ax.set_ylabel("K-means cluster")
plt.show()

# %% [markdown]
# The high-value cluster is mostly RFM champions and loyal members, and the lapsed cluster
# mostly at-risk, hibernating and lost: both methods find the same top and bottom. They
# differ in the middle — RFM cannot tell a young family from a fresh-food top-up shopper with
# the same visit count, and that difference decides which offer to send.

# %% [markdown]
# ## Lifecycle stages
#
# The source also sorts customers by where they are in the relationship: **new**, **active**,
# **dormant** (沉睡) or **churned** (流失). With FreshMart's case thresholds — a customer
# who has not bought for 90 days is churned — `lifecycle_stages` applies these rules on a
# snapshot date:
#
# | stage | rule (days counted to the snapshot) |
# |---|---|
# | new | first purchase 30 days ago or less |
# | active | otherwise, last purchase 30 days ago or less |
# | dormant | last purchase 31 to 89 days ago |
# | churned | last purchase 90 days ago or more |
#
# Returns are not purchases, so we pass `amount="amount"`. By hand for one member first:

# %%
one = members.loc[(members["customer_id"] == "M00001") & (members["amount"] > 0), "timestamp"].dt.normalize()
print(f"M00001: first purchase {one.min().date()}, last {one.max().date()}, "
      f"{(ANALYSIS_DATE - one.min()).days} and {(ANALYSIS_DATE - one.max()).days} days before the snapshot")
stages_end = lifecycle_stages(members, ANALYSIS_DATE, amount="amount")
stages_end.loc[["M00001"]]

# %%
stages_mid = lifecycle_stages(members, MID_YEAR, amount="amount")
stage_counts = pd.DataFrame({"2024-07-01": stages_mid["stage"].value_counts(sort=False),
                             "2025-01-01": stages_end["stage"].value_counts(sort=False)})
print(f"churned on 2025-01-01: {stage_counts.loc['churned', '2025-01-01'] / stage_counts['2025-01-01'].sum():.1%} "
      "of members")
stage_counts

# %% [markdown]
# The lapsed cluster and the lifecycle stages use different rules — a cluster is lapsed when
# its members' *average* recency is over 90 days, a member is churned when *her own* recency
# is — so they overlap but do not coincide:

# %%
lapsed_stages = stages_end["stage"].reindex(named.index)[named == "lapsed"].value_counts(sort=False)
print(f"lapsed cluster: {lapsed_stages.sum():,} members, of whom {lapsed_stages['churned']:,} are churned, "
      f"{lapsed_stages['dormant']:,} dormant and {lapsed_stages[['new', 'active']].sum():,} new or active")

# %% [markdown]
# Of the 2,193 lapsed members, 979 are churned by the lifecycle rule and 1,148 are dormant:
# the cluster is the win-back list, but less than half of it is lost by the 90-day rule, and
# the 1,148 dormant members can still be reached with a cheap reminder.

# %% [markdown]
# ## How members moved during the second half-year
#
# `stage_transitions` puts the stage on 1 July in the rows and the stage on 1 January in the
# columns; members who first bought after 1 July form the top row.

# %%
transitions = stage_transitions(members, MID_YEAR, ANALYSIS_DATE, amount="amount")
transitions

# %%
row_shares = stage_transitions(members, MID_YEAR, ANALYSIS_DATE, amount="amount", normalize=True)
fig, ax = plt.subplots(figsize=(7, 4))
sns.heatmap(row_shares * 100, annot=True, fmt=".0f", cmap="Greens", ax=ax, cbar_kws={"label": "% of the row"})
ax.set_title("FreshMart members: lifecycle stage on 1 July 2024 → 1 January 2025")
ax.set_xlabel("Stage on 2025-01-01")
ax.set_ylabel("Stage on 2024-07-01")
plt.show()

# %% [markdown]
# **Reading the transitions.** At year-end about 15.6% of members are churned — the
# source's 15%. But look at the row of members churned on 1 July: 805 of those 2,159, more
# than a third, were active again by January, and another 905 had bought since July
# (dormant now, not churned) — four in five came back. A 90-day rule is too quick for a
# member who shops a few times a year; for those, silence of three months is normal. Before
# spending a win-back budget, check how many "churned" customers would have come back
# anyway (the source's case reports 15% of churned members won back — compare that with the
# natural return rate). Going the other way, a share of July's active members slid to
# churned: the early warning is the move from active to dormant, when a reminder is still
# cheap.

# %% [markdown]
# ## Exercises
#
# Each exercise says how precise your answer must be; an answer that agrees to that
# precision is correct. The last cell shows your progress.

# %% [markdown]
# ### Exercise 1 — Dormant members at year-end
# *Level ★☆☆ · about 5 min · objective 5 · checked*
#
# With the default rules and `amount="amount"`, how many members are **dormant** on
# 2025-01-01? Store the whole number in `dormant_count`.

# %%
# BEGIN SOLUTION
dormant_count = int((lifecycle_stages(members, ANALYSIS_DATE, amount="amount")["stage"] == "dormant").sum())
# END SOLUTION
dormant_count

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — How many clusters without recency?
# *Level ★★☆ · about 10 min · objectives 2, 3 · transfer*
#
# Recency splits off the lapsed members almost by itself. Cluster on the other four features
# only — `frequency`, `avg_ticket`, `fresh_share`, `baby_share` — with `prepare_features`
# (log-transform `frequency` and `avg_ticket`), then run `choose_k` for k = 2 to 8 with the
# chapter's seed, `n_init` and `silhouette_sample`. Which k has the highest silhouette? Store
# the whole number in `best_k_no_recency`.

# %%
# BEGIN SOLUTION
scaled_no_recency = prepare_features(features, ["frequency", "avg_ticket", "fresh_share", "baby_share"],
                                     log=["frequency", "avg_ticket"])
k_table = choose_k(scaled_no_recency, range(2, 9), seed=2024, n_init=10, silhouette_sample=3000)
best_k_no_recency = int(k_table.loc[k_table["silhouette"].idxmax(), "k"])
# END SOLUTION
best_k_no_recency

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Do champions sit in the high-value cluster?
# *Level ★☆☆ · about 5 min · objective 4 · checked*
#
# Of the members whose RFM segment is `"champions"` (in `segments`), what share belongs to
# the cluster named `"high value"` (in `named`)? Store a number between 0 and 1 in
# `champions_in_high_value` (three decimals are enough).

# %%
# BEGIN SOLUTION
champions_in_high_value = (named[segments == "champions"] == "high value").mean()
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — Active members who slipped away
# *Level ★☆☆ · about 5 min · objective 5 · checked*
#
# Using `transitions`, what share of the members who were **active** on 2024-07-01 were
# **churned** on 2025-01-01? Store a number between 0 and 1 in `active_to_churned` (three
# decimals are enough).

# %%
# BEGIN SOLUTION
active_to_churned = transitions.loc["active", "churned"] / transitions.loc["active"].sum()
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — A slower churn rule
# *Level ★★☆ · about 5 min · objective 5 · transfer*
#
# For members who shop a few times a year, 90 days is a short silence. Recompute the stages on
# 2025-01-01 with `churn_days=180` (and `amount="amount"`). How many members are churned now?
# Store the whole number in `churned_180`.

# %%
# BEGIN SOLUTION
churned_180 = int((lifecycle_stages(members, ANALYSIS_DATE, amount="amount", churn_days=180)["stage"]
                   == "churned").sum())
# END SOLUTION
churned_180

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — Which basis?
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# The K-means clusters of this chapter are an example of which segmentation basis? Store the
# letter in `basis_answer`: **A** demographic, **B** psychographic, **C** behavioural,
# **D** geographic.

# %%
# BEGIN SOLUTION
basis_answer = "C"
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — Are the young families lost?
# *Level ★★☆ · about 10 min · objectives 4, 5 · transfer*
#
# Cross the clusters (`named`) with the lifecycle stages on 2025-01-01 (`stages_end`). Of the
# members of the cluster `"low frequency, high ticket, baby products"`, what share is
# **churned**? Store a number between 0 and 1 in `baby_cluster_churned` (three decimals are
# enough).

# %%
# BEGIN SOLUTION
cluster_by_stage = pd.crosstab(named, stages_end["stage"].reindex(named.index), normalize="index")
baby_cluster_churned = cluster_by_stage.loc["low frequency, high ticket, baby products", "churned"]
# END SOLUTION
print(f"{baby_cluster_churned:.3f}")

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — The lifecycle rules as a function
# *Level ★★★ · about 15 min · objective 5 · stretch*
#
# Write a function `stage_of(age_days, recency_days)` that returns `"new"`, `"active"`,
# `"dormant"` or `"churned"` for one customer by the table in the lifecycle section (age =
# days since the first purchase, recency = days since the last one). The check calls it on
# fresh customers, including every boundary (30, 31, 89 and 90 days).

# %%
# BEGIN SOLUTION
def stage_of(age_days, recency_days):
    if age_days <= 30:
        return "new"
    if recency_days <= 30:
        return "active"
    return "dormant" if recency_days < 90 else "churned"
# END SOLUTION

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — Positioning for one cluster (written answer)
# *Level ★★☆ · about 15 min · objectives 1, 4 · written*
#
# Pick the cluster "low frequency, high ticket, baby products". In three or four sentences,
# say how FreshMart should position itself for these members, one action to take, and how you
# would test whether the action works (chapter 9).

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* These are young families who come rarely but buy a lot, half of it for
# the baby: FreshMart can position itself as "everything for the baby in one trip, close to
# home". An action: a baby club with a nappy-and-formula bundle price and a reminder timed to
# each family's usual gap between trips, to win a second visit per month. To test it, invite a
# random half of the cluster, and after two months compare visits and spend per member
# between the invited and the not-invited halves (all of them, not only those who joined).
#
# **Rubric.**
# - *Full:* a positioning statement tied to the cluster's profile (rare visits, big tickets,
#   a large baby share of the basket), one concrete action aimed at visit frequency or basket,
#   and a randomised test that compares everyone invited with everyone not invited on visits or
#   spend.
# - *Partial:* positioning and action without a test, or a test that compares joiners with
#   non-joiners (self-selected).
# - *Weak:* a generic discount for "all customers", or an action that ignores what the
#   cluster buys.
# <!-- END SOLUTION -->

# %% [markdown]
# ### Your progress
# One line per exercise above, and the total.

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * Segmentation bases: demographic, geographic, psychographic and behavioural; positioning
#   decides what the brand means to the segments chosen.
# * K-means alternates "assign to the nearest centre" and "move the centre to the mean".
#   Log-transform long-tailed features and standardise all of them first; fix the seed and the
#   number of starts.
# * Elbow and silhouette narrow down k; the business picks inside the range. FreshMart's five
#   clusters: high value, fresh-food top-up shoppers, lapsed, occasional packaged-goods
#   shoppers, and young families with big baby baskets.
# * Clusters and RFM segments agree at the top and the bottom; clusters add what is in the
#   basket.
# * Lifecycle stages (new, active, dormant, churned) come from first and last purchase dates;
#   a transition table shows the flows — and that a 90-day churn rule is too quick for
#   infrequent shoppers.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | customer segmentation | 客户细分 | dividing customers into groups that are alike inside and call for different treatment |
# | segmentation basis | 细分变量 / 细分依据 | the kind of variable used: demographic, geographic, psychographic, behavioural |
# | demographic / geographic / psychographic / behavioural | 人口统计 / 地理 / 心理 / 行为 | who they are / where they are / what they think / what they do |
# | positioning | 市场定位 | what the brand should mean to the chosen segments |
# | K-means clustering | K均值聚类 | groups found by alternating nearest-centre assignment and centre updates |
# | standardisation | 标准化 | subtracting the mean and dividing by the standard deviation |
# | elbow method | 肘部法则 | choosing k where inertia stops falling fast |
# | silhouette coefficient | 轮廓系数 | how much closer a customer is to its own cluster than to the next (−1 to 1) |
# | customer lifecycle | 客户生命周期 | the stages of a relationship: new, active, dormant, churned |
# | dormant customer | 沉睡客户 | a lifecycle stage: last purchase 31–89 days ago, silent for a while but not yet lost |
# | churned customer | 流失客户 | a customer who has stopped buying (here: 90 days without a purchase) |
# | lapsed cluster | 流失倾向客群 | this chapter's name for a K-means cluster whose average recency is over 90 days; its members are partly dormant, partly churned |
# | transition table | 状态转移表 | counts of customers moving from each stage to each stage between two dates |
#
# **Next:** chapter 9 tests offers on segments like these; the case `cases/supermarket_rfm`
# applies chapter 2's tiers to the same chain, and `cases/coupon_test` runs a test end to end.
