# %% [markdown]
# # 2 · RFM: scoring customers from a raw transaction log
#
# **FreshMart** runs 100 neighbourhood stores selling fresh food and daily goods. Its
# members show a loyalty card at the till, and every scan lands in a log: who bought, when,
# on which receipt, what and at what price. Management has two worries. Only about **30%**
# of its best members come back in a given week, and about **15%** of members seem to have
# drifted away. Before anyone designs a programme, the chain needs to know *who* its best
# members are, who is slipping, and who has gone — from the log alone.
#
# RFM answers that with three numbers per customer: how **recently** they bought, how
# **frequently**, and how much **money** they spent.
#
# **By the end of this notebook you can**
# 1. compute recency, frequency and monetary value by hand from a transaction log, and say
#    what happens to returns and anonymous purchases;
# 2. clean a real till log (returns, anonymous shoppers, duplicate lines, impossible prices)
#    and report what you removed;
# 3. turn R, F and M into quintile scores and named segments, and explain the tie rule;
# 4. compare quantile segments with a firm's fixed thresholds and say why they disagree;
# 5. propose an action per segment, sized with the chain's own figures.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

import helpers
from helpers import data, rfm
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch02", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")   # the day after the last transaction of 2024
MID_YEAR = pd.Timestamp("2024-07-01")        # a second snapshot, half a year earlier

# %% [markdown]
# ## R, F and M by hand on ten transactions
#
# Ten lines from a till log: four members (A–D) and one shopper without a card. Receipts
# starting with `T` are purchases; those starting with `R` are **return receipts**, with a
# negative amount.

# %%
tiny = pd.DataFrame({
    "customer_id": ["A", "A", "A", "B", "B", "B", "C", "D", None, "C"],
    "timestamp": pd.to_datetime([
        "2024-12-30 10:00", "2024-12-30 10:00", "2024-12-01 18:30", "2024-11-15 09:00", "2024-12-20 19:00",
        "2024-12-22 12:00", "2024-06-10 11:00", "2024-12-31 20:00", "2024-12-31 21:00", "2024-06-20 16:00"]),
    "order_id": ["T1", "T1", "T2", "T3", "T4", "R1", "T5", "T6", "T7", "R2"],
    "amount": [120.0, 30.0, 200.0, 80.0, 60.0, -60.0, 500.0, 40.0, 25.0, -600.0],
})
tiny

# %% [markdown]
# The definitions the kit uses (and the choices they hide):
#
# * **Recency** — whole calendar days from the day of the last *purchase* to the snapshot.
#   The snapshot is the day after the last transaction, 2025-01-01, so someone who bought on
#   31 December has recency 1. A return is not a purchase: B's refund on 22 December does not
#   make B look more recent than the purchase on 20 December.
# * **Frequency** — the number of distinct purchase *receipts* (visits). A's two lines on
#   receipt T1 are one visit. Return receipts are not visits.
# * **Monetary** — total net spend: purchases minus returns. C bought for 500 and returned
#   600 (an item bought before the log starts), so C's net spend is −100.
# * The shopper without a card cannot be scored and is left out — and we say so.
#
# Step by step with plain pandas:

# %%
members = tiny.dropna(subset=["customer_id"])
purchases = members[members["amount"] >= 0]
last_purchase = purchases.groupby("customer_id")["timestamp"].max().dt.normalize()
by_hand = pd.DataFrame({
    "recency_days": (ANALYSIS_DATE - last_purchase).dt.days,
    "frequency": purchases.groupby("customer_id")["order_id"].nunique(),
    "monetary": members.groupby("customer_id")["amount"].sum(),
})
by_hand

# %% [markdown]
# C's recency: 20 days left in June after the 10th, then 31 + 31 + 30 + 31 + 30 + 31 days
# from July to December, and 1 more day to 1 January: **205**. The kit's helper
# `rfm.rfm_table` does the same in one call, names what it leaves out, and agrees:

# %%
tiny_rfm = rfm.rfm_table(tiny, customer="customer_id", date="timestamp", amount="amount", order="order_id")
pd.testing.assert_frame_equal(tiny_rfm, by_hand, check_index_type=False, check_dtype=False)
tiny_rfm

# %% [markdown]
# By default `rfm_table` treats rows with a negative amount as returns. A shop whose return
# receipts are marked some other way passes its own rule, for example
# `returns=log["order_id"].str.startswith("R")`; `returns=None` would count every receipt
# as a visit.

# %% [markdown]
# ## FreshMart's till log, and cleaning it
#
# One row per till line of 2024: 100 stores, about 10,000 members. The dataset's card
# (`datasets/supermarket/README.md`) lists the mess a real log carries.

# %%
lines = data.load("supermarket")
products = data.load("supermarket", "products")
print(f"{len(lines):,} lines, {lines['order_id'].nunique():,} receipts, "
      f"{lines['customer_id'].nunique():,} members, {lines['store_id'].nunique()} stores")
lines.head()

# %% [markdown]
# Four kinds of mess, counted before touching anything:

# %%
list_price = lines["product"].map(products.set_index("product")["list_price"])
mess = pd.Series({
    "return lines (receipt id starts with R)": lines["order_id"].str.startswith("R").sum(),
    "lines without a member id": lines["customer_id"].isna().sum(),
    "exact duplicate lines": lines.duplicated().sum(),
    "impossible unit price (≤ 0 or > 2 × list price)":
        ((lines["unit_price"] <= 0) | (lines["unit_price"] > 2 * list_price)).sum(),
}, name="lines")
mess.to_frame()

# %% [markdown]
# What each one means for RFM:
#
# * **returns** stay: they are netted into monetary value, but a return receipt is not a visit;
# * **anonymous lines** stay in the log (they are real sales) but cannot be scored;
#   `rfm_table` leaves them out and says how many;
# * **duplicates** are a till glitch: the same line written twice. Keep the first copy;
# * **impossible prices** (free, negative, or a thousand times the list price) are keying
#   errors. Drop the line; a price that is merely a promotion (80% of list) is fine.
#
# `rfm.clean_log` drops the last two kinds, prints the counts, and adds each line's net value
# `amount` = quantity × unit price:

# %%
log = rfm.clean_log(lines, list_price=list_price)
assert len(lines) - len(log) == mess.iloc[2] + mess.iloc[3]
print(f"{len(log):,} lines left; net sales {log['amount'].sum():,.0f} yuan, "
      f"of which members {log.loc[log['customer_id'].notna(), 'amount'].sum():,.0f} yuan")

# %% [markdown]
# ## The RFM table of FreshMart's members

# %%
COLUMNS = dict(customer="customer_id", date="timestamp", amount="amount", order="order_id")
members_rfm = rfm.rfm_table(log, snapshot=ANALYSIS_DATE, **COLUMNS)
members_rfm.describe().round(1)

# %% [markdown]
# The typical member last shopped about five weeks before the snapshot, made four visits
# in the year and spent about 640 yuan — but the means sit far above the medians: a few
# members shop every week and spend thousands. A member who lapsed (no purchase in the last
# 90 days) has recency above 90:

# %%
print(f"Members with no purchase in the last 90 days: {(members_rfm['recency_days'] > 90).mean():.1%}")

# %% [markdown]
# That is the source's **15% churn**, found in the log.

# %% [markdown]
# ## From values to scores
#
# Recency is in days, frequency in visits, monetary in yuan: different units and very
# skewed. Scoring puts each on the same 1–5 scale by rank: the best fifth of members score 5,
# the worst fifth 1. **Higher is always better**, so for recency the scale is reversed: the
# most recent buyers get R = 5.
#
# **Ties.** Frequency is a small whole number, so thousands of members share the same value
# — no cut can split them into equal fifths. The kit's rule: a member's score is
# `1 + floor(5 × share of members strictly worse)`. Equal values always get equal scores, the
# worst value always scores 1, and a large tie takes the score of the place where it starts,
# leaving the scores above it thinner or empty. By hand on ten frequencies:

# %%
ten = pd.DataFrame({"recency_days": 5, "frequency": [1, 1, 1, 1, 1, 1, 2, 3, 5, 8], "monetary": 10.0})
ten["strictly_worse"] = [int((ten["frequency"] < f).sum()) for f in ten["frequency"]]
ten["F_by_hand"] = 1 + (5 * ten["strictly_worse"]) // len(ten)
ten["F_helper"] = rfm.rfm_scores(ten[["recency_days", "frequency", "monetary"]])["F"]
ten[["frequency", "strictly_worse", "F_by_hand", "F_helper"]].T

# %% [markdown]
# Six members with one visit all score 1; the member with two visits has six members below
# them and scores 4; scores 2 and 3 are empty. On FreshMart's members:

# %%
scores = rfm.rfm_scores(members_rfm)
pd.DataFrame({score: scores[score].value_counts().sort_index() for score in ["R", "F", "M"]}).rename_axis("score")

# %% [markdown]
# R and M are close to fifths; F is lumpy because of ties. Each member also gets a code such
# as `"545"`:

# %%
scores.sort_values(["rfm_code", "monetary"], ascending=[False, False], kind="mergesort").head()

# %% [markdown]
# ## Segments
#
# 125 codes are too many to manage. `rfm.rfm_segments` names seven segments from R and F
# (M moves with F in a supermarket, so it is left to the revenue reports). The map, with the
# action each segment suggests, is a table in the module (`rfm.SEGMENT_RULES`):

# %%
pd.DataFrame([{"segment": r["segment"], "R": f"{r['R'][0]}–{r['R'][1]}", "F": f"{r['F'][0]}–{r['F'][1]}",
               "suggested action": r["action"]} for r in rfm.SEGMENT_RULES]).set_index("segment")

# %%
segments = rfm.rfm_segments(scores)
summary = rfm.segment_summary(segments)
summary.round({"share_of_customers": 3, "revenue": 0, "share_of_revenue": 3, "avg_recency_days": 0,
               "avg_frequency": 1, "avg_monetary": 0})

# %% [markdown]
# A picture says it faster: each segment's share of members beside its share of revenue.

# %%
shares = summary[["share_of_customers", "share_of_revenue"]].mul(100)
ax = shares.plot.barh(figsize=(7, 4))
ax.invert_yaxis()
ax.set_title("FreshMart members in 2024: share of members and of revenue, by RFM segment")
ax.set_xlabel("Share (%)")
ax.set_ylabel("RFM segment")
ax.legend(["members", "revenue"])
plt.show()

# %% [markdown]
# Champions are under a fifth of the members and bring about half of member revenue. How
# few members does it take to reach half of the revenue? Sort members from the largest
# spender down and add up:

# %%
spend = members_rfm["monetary"].sort_values(ascending=False, kind="mergesort")
cumulative_share = spend.cumsum() / spend.sum()
top_n = int((cumulative_share < 0.5).sum()) + 1
print(f"The top {top_n:,} members ({top_n / len(spend):.1%}) bring half of member revenue.")

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(np.arange(1, len(spend) + 1) / len(spend) * 100, cumulative_share.to_numpy() * 100, lw=2)
ax.axhline(50, color="grey", ls=":", lw=1)
ax.axvline(top_n / len(spend) * 100, color="grey", ls=":", lw=1)
ax.set_title("FreshMart: cumulative share of member revenue")
ax.set_xlabel("Members, largest spenders first (%)")
ax.set_ylabel("Share of member revenue (%)")
plt.show()

# %% [markdown]
# About **12% of members bring half the revenue** — the same concentration the source
# reports for a beauty brand's "high value" customers. Losing one of them costs as much as
# losing dozens of occasional shoppers.

# %% [markdown]
# ## The R × F grid, coloured by spend
#
# Each cell holds the members with one combination of R and F scores; the colour is their
# average spend. The segments are blocks of this grid.

# %%
grid = segments.pivot_table(index="R", columns="F", values="monetary", aggfunc="mean", observed=True)
grid = grid.reindex(index=range(5, 0, -1), columns=range(1, 6))
counts = segments.pivot_table(index="R", columns="F", values="monetary", aggfunc="size", observed=True)
counts = counts.reindex(index=range(5, 0, -1), columns=range(1, 6))
fig, ax = plt.subplots(figsize=(7, 5))
sns.heatmap(grid, annot=counts.fillna(0).astype(int), fmt="d", cmap="viridis", ax=ax,
            cbar_kws={"label": "Average spend in 2024 (yuan)"})
ax.set_title("Members by R and F score (number in each cell), coloured by average spend")
ax.set_xlabel("F score (5 = most visits)")
ax.set_ylabel("R score (5 = most recent)")
plt.show()

# %% [markdown]
# Average spend rises steeply from left to right (more visits, more yuan); within the most
# frequent column it also rises with R — the weekly shoppers spend the most. M adds little
# that F does not already say, which is why the segment map uses R and F only.
# The F columns 2 and 4 are thin because of ties (the rule above). The bottom-right corner —
# frequent shoppers who have not been back for a while — is the expensive place to be:
# they are the **at risk** segment.

# %% [markdown]
# ## Who moved where: two snapshots
#
# Scoring the same log at 1 July 2024 (with only the first half-year's rows) and at the end
# of the year shows which members moved between segments.

# %%
mid_rfm = rfm.rfm_table(log, snapshot=MID_YEAR, **COLUMNS)
mid_segments = rfm.rfm_segments(rfm.rfm_scores(mid_rfm))
both = mid_segments[["segment"]].add_suffix("_july").join(segments[["segment"]].add_suffix("_january"), how="inner")
moves = pd.crosstab(both["segment_july"], both["segment_january"])
moves

# %%
stayed = (both["segment_july"] == both["segment_january"]).mean()
was_champion = both["segment_july"] == "champions"
print(f"{len(both):,} members were scored at both snapshots; {stayed:.0%} kept their segment.")
champions_in_january = both.loc[was_champion, "segment_january"]
print(f"Of July's {was_champion.sum():,} champions, {(champions_in_january == 'champions').mean():.0%} were still "
      f"champions in January; {(champions_in_january == 'at risk').mean():.0%} had slipped to at risk.")

# %% [markdown]
# Segments are a snapshot, not a label for life. Scores are relative too: a member's R score
# can fall because others shopped more recently. Re-score on a fixed calendar (monthly, say)
# and watch the flows from champions and loyal into at risk — that is where retention money
# works best.

# %% [markdown]
# ## Quantiles versus the chain's own thresholds
#
# FreshMart's managers do not think in quintiles. The source gives their tiers as fixed
# thresholds: **high value** R ≤ 7 days, F ≥ 12 visits a year, M ≥ 500 yuan a visit;
# **potential** R 8–30 days, F 6–11; **ordinary** R 31–90 days, F 1–5; **churned** no
# purchase in 90 days. The source leaves the middle M bands blank; the kit reads the blanks as
# "no condition on M", tries the tiers from the top down, and puts R = 90 in ordinary
# (details in `help(rfm)`). The rules are data, so you can write your own:

# %%
pd.DataFrame(rfm.SUPERMARKET_TIERS).set_index("tier")

# %%
tiers = rfm.threshold_tiers(members_rfm)   # the year 2024 is one year: F per year = F
tier_summary = rfm.segment_summary(tiers, by="tier")
tier_summary.round({"share_of_customers": 3, "revenue": 0, "share_of_revenue": 3, "avg_recency_days": 0,
                    "avg_frequency": 1, "avg_monetary": 0})

# %% [markdown]
# Where do the two views disagree?

# %%
champions = segments[segments["segment"] == "champions"]
print(f"Of {len(champions):,} quintile champions, {(champions['frequency'] < 12).mean():.0%} made fewer than "
      f"12 visits, {(champions['recency_days'] > 7).mean():.0%} did not shop in the last 7 days, and "
      f"{(champions['monetary'] / champions['frequency'] < 500).mean():.0%} spent under 500 yuan a visit.")
pd.crosstab(segments["segment"], tiers["tier"])

# %% [markdown]
# * **Champions versus high value.** Quintiles always call the top fifth "best"; the
#   chain's bar is absolute and steep: a visit in the last week, at least a visit a month,
#   **and** 500 yuan a visit. Only about 1% of members clear all three; most quintile
#   champions land in the chain's *potential* tier. Each of the three bars alone rules out
#   most of them: most made fewer than 12 visits, most did not shop in the last week, and
#   most spend under 500 yuan a visit.
# * **At risk and lost versus churned.** The chain's churned tier is a hard line at 90 days.
#   Quintile R is relative: the worst fifth by recency (R = 1) starts at 80 days here (table
#   below), so at risk and lost mix members just inside and just outside the 90-day line.
# * Thresholds are stable over time and easy to explain at the till ("spend 500 a visit");
#   quantiles adapt to the data and always give groups big enough to act on. Use thresholds
#   for a programme customers see (membership tiers), quantiles for internal targeting.

# %%
scores.groupby("R")["recency_days"].agg(["min", "max"]).rename(columns={"min": "fewest days", "max": "most days"})

# %% [markdown]
# ## What FreshMart should do, segment by segment
#
# The source's chain acted on two tiers, and the numbers above size them:
#
# * **High value (about 110 members; champions more broadly).** A "diamond" membership: an
#   own checkout lane, free delivery over 50 yuan, a birthday cake worth 50 yuan, early
#   access to limited items. The case reports their repurchase rate rising from 30% to 50%
#   (`cases/supermarket_rfm` reads it as a weekly rate). Champions just below the bar are
#   the pipeline into that tier: show them how close they are.
# * **Churned (about 15% of members) and at risk.** A personal win-back e-mail with a
#   "50 off 100" coupon valid for seven days. The case reports 15% of churned members won
#   back. At-risk members — frequent shoppers who have gone quiet — deserve the same offer
#   *before* they cross the 90-day line, because their spend is far above the lost segment's.
# * **New and potential.** A reason for the second and third visit (a bundle, points that
#   unlock within a month): the cheapest way to grow tomorrow's loyal members.
# * **Hibernating and lost.** Cheap reminders only; they bring little revenue per head.
#
# The case study `cases/supermarket_rfm` sizes these campaigns and estimates their effect on
# revenue.

# %% [markdown]
# ## Exercises
#
# Use the tables above (`log`, `members_rfm`, `segments`, …); none of the later cells
# depends on your answers. Each exercise says which objectives it practises and its kind:
# *checked* (re-derive what the text did), *transfer* (another window, rule or dataset),
# *stretch* (harder) or *written*, and how precisely a number is expected (full precision is
# always accepted).
#
# ### Exercise 1 — Recency of one member
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# How many days before the snapshot `ANALYSIS_DATE` did member `M00021` last *buy*? Look at
# their rows in `log` first. Store the answer in `recency_m21` (an integer).

# %%
# BEGIN SOLUTION
rows_m21 = log[(log["customer_id"] == "M00021") & (log["amount"] >= 0)]
recency_m21 = (ANALYSIS_DATE - rows_m21["timestamp"].max().normalize()).days
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — Visits of one member
# *Level ★☆☆ · about 5 min · objectives 1, 2 · checked*
#
# How many shopping visits did member `M00042` make in 2024? Store the number in
# `visits_m42`.

# %%
# BEGIN SOLUTION
rows_m42 = log[log["customer_id"] == "M00042"]
visits_m42 = rows_m42.loc[~rows_m42["order_id"].str.startswith("R"), "order_id"].nunique()
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Lapsed for two months
# *Level ★☆☆ · about 5 min · objectives 1, 3 · transfer*
#
# The chain's "churned" line is 90 days. A tighter manager asks about **60** days: what share
# of members made no purchase in the last 60 days of 2024 (recency above 60 days)? Store it as
# a number between 0 and 1 in `lapsed_60_share` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
lapsed_60_share = (members_rfm["recency_days"] > 60).mean()
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — What the champions bring
# *Level ★☆☆ · about 5 min · objective 3 · checked*
#
# What share of member revenue (the sum of `monetary`) comes from the **champions** segment?
# Store it in `champions_revenue_share` (between 0 and 1, at least 3 significant figures).

# %%
# BEGIN SOLUTION
champions_revenue_share = (segments.loc[segments["segment"] == "champions", "monetary"].sum()
                           / segments["monetary"].sum())
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — How few bring half
# *Level ★★★ · about 15 min · objectives 1, 5 · stretch*
#
# What is the smallest share of members that brings at least half of member revenue? Sort
# members by `monetary` from the largest down and count how many you need. Store the share
# (between 0 and 1) in `half_revenue_share`, at full precision: one member more or less
# changes the share by about 0.0001, and the check tells them apart. Do not reuse `top_n`
# from above: write it yourself.

# %%
# BEGIN SOLUTION
ranked = members_rfm["monetary"].sort_values(ascending=False)
running = ranked.cumsum() / ranked.sum()
half_revenue_share = (int((running < 0.5).sum()) + 1) / len(ranked)
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — Your own threshold
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# A manager thinks "a visit in the last 7 days" is too strict for the high-value tier: a
# weekly shopper who skipped one week drops out. Copy the chain's rules
# (`rfm.SUPERMARKET_TIERS`, a tuple of dicts), change the high-value tier's `max_recency_days`
# to 14 (keep its other bars), and apply them with `rfm.threshold_tiers`. How many members
# are high value now? Store the count in `high_value_14`. (The shipped rules stay as they
# are: change a copy.)

# %%
# BEGIN SOLUTION
my_rules = [dict(rule) for rule in rfm.SUPERMARKET_TIERS]
my_rules[0]["max_recency_days"] = 14
high_value_14 = int((rfm.threshold_tiers(members_rfm, my_rules)["tier"] == "high value").sum())
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — Another company's log: CDNOW
# *Level ★★☆ · about 10 min · objective 2 · transfer*
#
# `data.load("cdnow")` is the real purchase log of an online CD shop (1997–1998; see its
# card). It has no receipt ids: count a customer's **purchase days** as visits (pass
# `order="date"` to `rfm.rfm_table`), with snapshot 1998-07-01. What share of CDNOW's
# customers bought on one day only? Store it in `cdnow_one_day_share` (between 0 and 1, at
# least 3 significant figures).

# %%
# BEGIN SOLUTION
cdnow = data.load("cdnow")
cdnow_rfm = rfm.rfm_table(cdnow, customer="customer_id", date="date", amount="amount", order="date",
                          snapshot="1998-07-01")
cdnow_one_day_share = (cdnow_rfm["frequency"] == 1).mean()
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — What to do with at-risk members
# *Level ★☆☆ · about 3 min · objective 5 · checked*
#
# At-risk members shopped often and spent well but have not been back for a while. Which
# action does this chapter's plan give them? Store the letter in `at_risk_action`.
#
# - **A** The "diamond" membership: own checkout lane, free delivery, birthday cake.
# - **B** The personal win-back e-mail with a "50 off 100" coupon, sent *before* they cross
#   the 90-day line.
# - **C** Cheap reminders only.
# - **D** A bundle that gives a reason for the second and third visit.

# %%
# BEGIN SOLUTION
at_risk_action = "B"
# END SOLUTION

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — Why the quintile F score is lumpy at CDNOW (written answer)
# *Level ★★☆ · about 10 min · objective 3 · written*
#
# Score the CDNOW table with `rfm.rfm_scores`. Which F scores are empty or thin, and why?
# What would you change before using F to target CDNOW's customers?

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* About half of CDNOW's customers bought on a single day, so they all
# share the lowest frequency. By the tie rule they all score F = 1, the next value (two days)
# starts above the half-way mark, and F = 2 stays empty. Quintiles of F say little here:
# better to use the counts themselves (1, 2, 3–4, 5+ purchase days) as bands, or to score
# only repeat buyers, and to lean on R, which separates the many one-time buyers by how long
# ago they came.
#
# **Rubric.**
# - *Full:* says that about half of CDNOW's customers bought on one day only (the share of
#   Exercise 7), that the tie rule therefore puts them all in F = 1 and leaves F = 2 empty,
#   and proposes a fix (bands of counts, scoring repeat buyers only, leaning on R).
# - *Partial:* names the empty score and the one-day buyers without the tie rule, or gives a
#   fix without the reason.
# - *Weak:* says quintiles are uneven without saying why, or proposes more quintiles.
# <!-- END SOLUTION -->

# %% [markdown]
# ### How did you do?
# `check.summary()` runs every check of this notebook again: one line per exercise, then a
# total (written answers are not checked).

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * RFM describes a customer by **recency** (days since the last purchase), **frequency**
#   (visits) and **monetary** value (net spend). Decide and state how returns, anonymous
#   purchases and the snapshot date are treated; `rfm.rfm_table` makes those choices
#   explicit and reports what it leaves out.
# * Clean before you count: FreshMart's log carried return receipts, anonymous lines,
#   duplicate lines and impossible prices.
# * Quintile scores put R, F and M on one scale (higher is better); ties in F make some
#   scores thin or empty, and equal values always get equal scores.
# * Segments turn scores into actions. At FreshMart about 12% of members bring half the
#   revenue and about 15% have lapsed.
# * A firm's fixed thresholds are absolute and stable; quantiles are relative. They disagree
#   most at the top (quintile champions versus a steep high-value bar) and around the churn
#   line.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | RFM model | RFM模型 | describing customers by recency, frequency and monetary value |
# | recency | 最近一次消费 (R) | days since the customer's last purchase, at a snapshot date |
# | frequency | 消费频率 (F) | number of purchase visits in the period |
# | monetary value | 消费金额 (M) | net spend in the period (purchases minus returns) |
# | snapshot / analysis date | 分析基准日 | the fixed date from which recency is counted |
# | quintile score | 五分位评分 | a 1–5 score by rank, each score about a fifth of customers |
# | customer segment | 客户细分 / 客户群 | a group of customers treated alike |
# | customer grading | 客户分级 | ranking customers into tiers by value |
# | high-value customer | 高价值客户 | the top tier: recent, frequent and high-spending |
# | potential customer | 潜力客户 | a customer who could grow into the top tier |
# | ordinary customer | 一般客户 | an occasional, low-value customer |
# | churned customer | 流失客户 | a customer who has stopped buying (here: no purchase in 90 days) |
# | dormant customer | 沉睡客户 | a customer who has gone quiet but may return |
# | win-back | 客户挽回 | a campaign to bring churned customers back |
# | repurchase rate | 复购率 | the share of customers who buy again in a period |
# | return (refund) | 退货 | goods brought back; netted out of spend, not a visit |
#
# **Next:** the case `cases/supermarket_rfm` reproduces FreshMart's baseline, sizes the
# diamond membership and the win-back campaign, and estimates their revenue effect.
# Chapter 3 ranks customers by *profit* instead of spend (the customer pyramid); chapter 4
# turns recency and frequency into a forecast of future purchases (customer lifetime value).
