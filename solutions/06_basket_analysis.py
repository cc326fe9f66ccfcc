# %% [markdown]
# # 6 · Market-basket analysis: from beer and diapers to a cross-sell list
#
# Lin manages marketing at **FreshMart**, the 100-store fresh-food chain you met in the RFM
# chapter. Her stores print some 65,000 receipts a year for members and walk-in shoppers alike,
# and each receipt is a small record of what people buy *together*. A supplier has just told
# her the old retail legend: a US chain once found that beer and diapers sell together on
# certain evenings, moved them closer and sold more of both. Lin wants to know whether her
# receipts hide anything similar, which pairings are real and which only look real, and what
# to do with them: where to place products, what to bundle, and what to suggest at the till
# or on the app.
#
# **By the end of this notebook you can**
# 1. compute support, confidence, lift, leverage and conviction of a rule by hand, and say
#    what each one means for a manager;
# 2. explain the Apriori principle and why the support threshold decides how much work (and
#    how many itemsets) mining produces;
# 3. turn till lines into baskets and mine association rules with `helpers.basket`;
# 4. tell a useful rule (high lift) from a useless one (high confidence, lift near 1), and show
#    when a rule holds (beer and diapers: evenings and weekends);
# 5. turn rules into a cross-sell list, layout and bundle ideas, and a test plan.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import basket, data
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch06", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")

# %% [markdown]
# ## 1 · Six baskets, by hand
#
# A **basket** (购物篮) is the set of products on one receipt. Quantities and prices do not
# matter here, only whether a product is there. Here are six receipts, small enough to check
# every number in your head:

# %%
six = [
    ["milk", "bread"],
    ["milk", "diapers", "beer", "eggs"],
    ["bread", "diapers", "beer", "cola"],
    ["milk", "bread", "diapers", "beer"],
    ["milk", "bread", "diapers", "cola"],
    ["milk", "bread"],
]
six_table = basket.baskets_from_lists(six)
six_table.astype(int)

# %% [markdown]
# A rule **A → C** ("who buys A also buys C") is judged by five numbers:
#
# | measure | formula | in words |
# |---|---|---|
# | support (支持度) | P(A and C) | how many baskets the rule concerns at all |
# | confidence (置信度) | P(A and C) ÷ P(A) = P(C \| A) | how often C follows when A is there |
# | lift (提升度) | confidence ÷ P(C) | how much A raises the chance of C; 1 = unrelated |
# | leverage | P(A and C) − P(A) × P(C) | the extra share of baskets holding both, beyond chance |
# | conviction | (1 − P(C)) ÷ (1 − confidence) | how much more often C would be missing if A and C were unrelated |
#
# For **beer → diapers** (baskets numbered 0–5 as in the table): beer is in baskets 1, 2, 3
# (3 of 6), diapers in 1, 2, 3, 4 (4 of 6), both in 1, 2, 3 (3 of 6).

# %%
n_baskets = len(six_table)
p_beer = six_table["beer"].mean()
p_diapers = six_table["diapers"].mean()
p_both = (six_table["beer"] & six_table["diapers"]).mean()

by_hand = pd.Series({
    "support": p_both,                                   # 3/6 = 0.5
    "confidence": p_both / p_beer,                       # 3/3 = 1.0
    "lift": p_both / p_beer / p_diapers,                 # 1.0 / (4/6) = 1.5
    "leverage": p_both - p_beer * p_diapers,             # 0.5 - 0.5 × 0.667 = 0.167
    "conviction": np.inf,                                # confidence 1: C is never missing when A is there
}, name="beer → diapers")
by_hand.round(3)

# %% [markdown]
# Every beer buyer also took diapers (confidence 1), and diapers are 1.5 times as likely in a
# basket with beer as in the average basket (lift 1.5). Now **milk → bread**: milk is in 5
# baskets (0, 1, 3, 4, 5), bread in 5 (0, 2, 3, 4, 5), both in 4 (0, 3, 4, 5).

# %%
p_milk, p_bread = six_table["milk"].mean(), six_table["bread"].mean()
p_milk_bread = (six_table["milk"] & six_table["bread"]).mean()
print(f"confidence milk → bread: {p_milk_bread / p_milk:.2f}")
print(f"lift milk → bread:       {p_milk_bread / p_milk / p_bread:.2f}")

# %% [markdown]
# 80% confidence sounds like a strong rule, yet the lift is **below 1**: bread is in 83% of all
# baskets, so a milk buyer is slightly *less* likely than anyone else to take bread. High
# confidence on a popular consequent means nothing. Keep this in mind: it is the commonest
# mistake in basket analysis.
#
# `helpers.basket.association_rules` computes the same measures for every rule at once (with
# mlxtend doing the mining underneath). It accepts till lines, a basket table, or a plain list
# of baskets like `six`. The two approaches agree:

# %%
six_rules = basket.association_rules(six, min_support=0.3)
helper_row = six_rules.set_index(["antecedent", "consequent"]).loc[("beer", "diapers")]
comparison = pd.DataFrame({"by hand": by_hand, "helper": helper_row[by_hand.index]})
assert np.allclose(comparison["by hand"], comparison["helper"])
comparison.round(3)

# %%
six_rules.head(8).round(3)

# %% [markdown]
# The table is sorted by lift, then confidence, then support, then names, so it reads the same
# on every run. Itemsets are written as sorted, comma-joined text (`"beer, bread"`).

# %% [markdown]
# ## 2 · The Apriori principle and the support threshold
#
# Mining means finding every **frequent itemset**: every set of products that appears in at
# least a share `min_support` of the baskets. With 51 products there are 2⁵¹ possible
# itemsets, about two million billion, so nobody counts them all. The **Apriori principle**
# (先验原理) makes it possible: *a set can never be in more baskets than any of its parts*.
# If {beer} is rare, {beer, diapers} is rarer, so once an item fails the threshold every set
# containing it can be skipped. Apriori (Agrawal and Srikant, 1994) grows itemsets one item at
# a time on that rule; FP-growth, the default here, compresses the baskets into a tree and
# reaches the same result faster.
#
# On the six baskets, at `min_support=0.3` (at least 2 of 6):

# %%
basket.frequent_itemsets(six, 0.3)

# %% [markdown]
# Each larger set has at most the support of its parts: {beer, diapers} is in 3 baskets,
# {beer, bread, diapers} in 2.
#
# ## 3 · FreshMart's baskets
#
# The `supermarket` dataset holds every till line of 2024 (see
# `datasets/supermarket/README.md`). `basket_matrix` turns lines into one row per receipt
# and one True/False column per product. It leaves out return lines (negative quantity) and
# says so; anonymous receipts stay in, because a basket is a basket whoever paid for it.

# %%
lines = data.load("supermarket")
baskets = basket.basket_matrix(lines, order="order_id", item="product")
print(f"{baskets.shape[0]:,} baskets, {baskets.shape[1]} products, "
      f"{baskets.sum(axis=1).mean():.1f} products per basket on average")

# %%
item_support = baskets.mean().sort_values(ascending=False)
fig, ax = plt.subplots(figsize=(8, 4.5))
(item_support.head(15).iloc[::-1] * 100).plot.barh(ax=ax)
ax.set_title("FreshMart 2024: the 15 products found in most baskets")
ax.set_xlabel("share of baskets holding the product (%)")
ax.set_ylabel("")
plt.show()

# %% [markdown]
# Milk is in 45% of baskets and bread in 40%: any rule ending in milk will show a confidence
# near 45% whatever its antecedent.
#
# **How the threshold drives the work.** Lower the support threshold and the number of
# frequent itemsets grows fast. The helpers count the itemsets as the miner finds them and
# stop with a message once more would not fit in memory (by default the limit is what half
# of the computer's free memory can hold; `max_itemsets=` sets it). Some thresholds are
# refused at once: at `min_support=0.00001`, a typo for 0.001, one receipt is enough to make
# an itemset "frequent", so every subset of FreshMart's largest receipt (17 products, hence
# 2¹⁷ − 1 = 131,071 subsets) would qualify. With a limit of 100,000 itemsets:

# %%
try:
    basket.frequent_itemsets(baskets, 0.00001, max_itemsets=100_000)
except ValueError as error:
    print(error)

# %% [markdown]
# The table below mines once and counts how many itemsets reach each threshold, next to the
# upper bound `estimate_itemsets` computes without mining (from the frequent products in each
# basket and from the groups of products that are pairwise frequent):

# %%
levels = [0.2, 0.1, 0.05, 0.02, 0.01, 0.005]
# Mine once at the lowest threshold: by the Apriori principle the itemsets that reach a
# higher threshold are exactly those of this list whose support is high enough.
lowest = basket.frequent_itemsets(baskets, min(levels))
growth = pd.DataFrame({
    "min_support": levels,
    "min_baskets": [int(np.ceil(s * len(baskets))) for s in levels],
    "frequent_itemsets": [int((lowest["baskets"] >= np.ceil(s * len(baskets))).sum()) for s in levels],
    "largest_itemset": [lowest.loc[lowest["baskets"] >= np.ceil(s * len(baskets)), "size"].max() for s in levels],
    "upper_bound": [basket.estimate_itemsets(baskets, s) for s in levels],
})
growth

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(growth["min_support"] * 100, growth["frequent_itemsets"], marker="o")
ax.set_xscale("log")
ax.set_yscale("log")
ax.invert_xaxis()
ax.set_title("FreshMart: frequent itemsets as the support threshold drops")
ax.set_xlabel("minimum support (% of baskets, log scale; lower to the right)")
ax.set_ylabel("frequent itemsets (log scale)")
plt.show()

# %% [markdown]
# Each halving of the threshold multiplies the itemsets by two to four (by more than five from
# 20% to 10%), and so the work.
# On longer baskets from a bigger catalogue the cost climbs faster, and the choice of
# algorithm starts to matter. The kit's benchmark (`bench/bench_basket.py`, run on demand with
# `make bench`) mines 9,835 simulated receipts shaped like the public grocery data set most
# textbooks use (169 products, 4.4 per receipt, a few best sellers and a long tail of rare
# products, some receipts of 20 to 32 products), with the kit and with mlxtend's own FP-growth
# and Apriori in the same run. On a quiet two-core machine (times vary from machine to machine
# and with its load; the ratios and the memory much less):
#
# | min_support | itemsets | the kit | mlxtend FP-growth | mlxtend Apriori | peak memory: kit, FP-growth, Apriori |
# |---|---|---|---|---|---|
# | 1% | 309 | 0.07 s | 0.07 s | 0.33 s | 8, 7 and 118 MB |
# | 0.5% | 934 | 0.11 s | 0.12 s | 0.38 s | 11, 9 and 227 MB |
# | 0.2% | 4,254 | 0.29 s | 0.31 s | 2.7 s | 14, 14 and 1,013 MB |
# | 0.1% | 14,543 | 0.56 s | 0.60 s | 7.5 s | 17, 18 and 2,359 MB |
#
# The kit runs mlxtend's FP-growth underneath, so it takes about as long as FP-growth alone
# (a little less: identical receipts enter the tree once); the guard that counts the itemsets
# costs well under 1% of the time. Apriori is slower at every threshold, and its memory grows
# explosively as the threshold drops: over 2 GB at 0.1%, 130 times FP-growth's. That is why
# FP-growth is the default here. The textbook setting, support 0.1% and confidence 50%, gives
# 3,071 rules from these receipts in about 0.6 s of computing and 17 MB of memory. Ten
# times as many receipts (100,000, at 1%) take 1.2 s of computing and 63 MB; a million take
# about 11 s and 500 MB (mlxtend's FP-growth alone: 13 s and 420 MB). A sensible habit: start high (1–2%), look at the result, and lower the
# threshold only as far as the decision needs.
#
# ## 4 · Rules on FreshMart's baskets
#
# At a support of 0.5% (a rule must concern at least 323 baskets) and a confidence of at
# least 10%:

# %%
rules = basket.association_rules(baskets, min_support=0.005, min_confidence=0.1)
print(f"{len(rules):,} rules")
rules.head(10).round(3)

# %% [markdown]
# The top of the list is one family: infant formula, diapers and beer. Single-item rules are
# the easiest to act on:

# %%
planted = rules[rules["antecedent"].isin(["infant formula", "beer", "diapers"])
                & rules["consequent"].isin(["infant formula", "beer", "diapers"])]
planted.round(3)

# %% [markdown]
# * **infant formula → diapers**: about half of the baskets with formula also hold diapers
#   (confidence 0.49), almost seven times the diaper rate of an average basket. This is the
#   figure the source reports for an e-commerce shop: half of formula buyers also buy diapers.
# * **beer → diapers** has a lift above 3: the legend's pairing is in FreshMart's data too.
#
# ### When does beer go with diapers?
#
# The legend says fathers sent out for diapers pick up beer on the way, in the evening and at
# weekends. Split the baskets by the time of the trip and compute the rule within each part
# (`rule_by_segment` does it for any labelling of the baskets: store, tier, hour):

# %%
trip_time = lines.groupby("order_id")["timestamp"].first().reindex(baskets.index)
evening_or_weekend = (trip_time.dt.hour >= 18) | (trip_time.dt.day_of_week >= 5)
print(f"{evening_or_weekend.mean():.0%} of baskets are evening (from 18:00) or weekend trips")

trip = pd.Series(np.where(evening_or_weekend, "evening or weekend", "weekday daytime"),
                 index=baskets.index, name="trip")
by_time = basket.rule_by_segment(baskets, "beer", "diapers", trip)
by_time.round(3)

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(by_time.index, by_time["lift"])
ax.axhline(1, color="grey", ls="--", lw=1)
ax.text(1.45, 1.05, "lift 1 = unrelated", ha="right", fontsize=9, color="grey")
ax.set_title("Beer → diapers: lift by time of trip, FreshMart 2024")
ax.set_ylabel("lift (how many times more likely)")
ax.set_xlabel("")
plt.show()

# %% [markdown]
# On weekday daytime trips beer tells you nothing about diapers (lift about 1). In the
# evening and at weekends a beer basket is over four times as likely as average to hold
# diapers, and close to nine in ten of the baskets with both happen then. A rule mined on the
# whole year mixes the two situations; splitting by *when* (or *where*: the legend's stores
# were in residential areas) shows where to act.
#
# ### Useless rules: high confidence, lift near 1
#
# Sort the rules by confidence instead of lift and the top is crowded with rules that end in
# milk or bread:

# %%
by_confidence = rules.sort_values(["confidence", "lift", "antecedent", "consequent"],
                                  ascending=[False, False, True, True], kind="mergesort")
by_confidence.head(12)[["antecedent", "consequent", "support", "confidence", "lift"]].round(3)

# %% [markdown]
# Apart from the formula–diapers family, these rules only say "milk is popular": their
# confidence sits at milk's own 45% share and their lift is 1.0 ± a few per cent. Putting
# bread next to milk, or recommending milk to anyone who buys chicken, would change nothing.
# In the data's own generator milk and bread are drawn independently: any pattern between
# them is chance.
#
# The pictures make the point at a glance: the useful rules stand out by colour (lift), not
# by height (confidence); the dense bands near 45% and 40% are "anything → milk" and
# "anything → bread". The network below draws the eight one-to-one rules with the
# highest lift: the formula–diapers–beer triangle, and baijiu pointing at lamb and salmon.

# %%
ax = basket.plot_rules(rules, title="FreshMart rules: support, confidence and lift (2024)")
plt.show()

# %%
one_to_one = rules[~rules["antecedent"].str.contains(",") & ~rules["consequent"].str.contains(",")]
ax = basket.plot_rule_network(one_to_one, n=8,
                              title="FreshMart: the eight strongest one-to-one rules (2024)")
plt.show()

# %% [markdown]
# The baijiu rules (lift about 1.9) deserve a second look. Nothing about baijiu makes a
# shopper want lamb; what links them is *who* buys them. FreshMart's high-value members fill
# large baskets with pricier products, so every premium product appears more often next to
# every other premium product. A rule can reflect a type of shopper rather than a pair of
# products. Before acting on it, check it within a segment (members of one RFM tier, say): if
# the lift falls back towards 1, the segment is the finding, and the action is a
# segment offer, not a shelf move.

# %% [markdown]
# ## 5 · From rules to action
#
# **A cross-sell list.** `recommend` looks up the rules whose antecedent is in a basket, keeps
# those that raise the chance of a new item (lift above 1.2), and ranks the items by the
# chance the shopper takes them (confidence):

# %%
basket.recommend(["infant formula"], rules).round(3)

# %%
basket.recommend(["beer", "chips"], rules).round(3)

# %% [markdown]
# **What a formula-page suggestion could be worth.** The source reports that an online shop
# which showed diapers on its infant-formula page raised cross-sell conversion by 30%. Suppose
# FreshMart's app did the same and the formula → diapers confidence rose by 30% (from about
# 0.49 to 0.64). With the year's formula baskets, the diaper price and the baby category's
# gross margin:

# %%
formula_baskets = int(baskets["infant formula"].sum())
confidence_now = (baskets["infant formula"] & baskets["diapers"]).sum() / formula_baskets
extra_baskets = formula_baskets * confidence_now * 0.30
diaper_price = data.load("supermarket", "products").set_index("product").loc["diapers", "list_price"]
baby_margin = data.load("supermarket", "categories").set_index("category").loc["baby", "gross_margin"]
print(f"formula baskets in 2024:            {formula_baskets:,}")
print(f"formula → diapers confidence today: {confidence_now:.2f}")
print(f"extra baskets with diapers (+30%):  {extra_baskets:,.0f}")
print(f"extra revenue at list price:        {extra_baskets * diaper_price:,.0f} yuan "
      f"(gross profit {extra_baskets * diaper_price * baby_margin:,.0f} yuan)")

# %% [markdown]
# About 42,000 yuan of extra sales a year (some 8,500 yuan of gross profit) from one
# suggestion at almost no cost, and more if a basket holds more than one pack. That is a modest sum for a 100-store chain, which is the
# usual lesson: a single rule rarely moves the whole business; a habit of finding and testing
# rules does.
#
# **Store layout and bundles.**
# * *Layout*: put the baby aisle's diapers within sight of formula (lift 7), and a
#   small beer display near the diapers for evening and weekend shoppers; do **not** spend
#   shelf moves on milk and bread, which sell together only because both sell everywhere.
# * *Bundles*: a "new parents" bundle (formula + diapers, perhaps wipes) targets the strongest
#   rule; an evening "weekend starter" offer (beer with a diaper pack) targets a rule that only
#   holds at those times, so it belongs in the evening app push, not on the weekday flyer.
#
# **How to test it.** A rule is a correlation found in last year's data; a layout or a
# recommendation is an intervention. Before rolling out, test it: for example, show the
# diaper suggestion to a random half of the app's formula buyers for four weeks and compare
# the share who add diapers, or switch the layout in a random set of stores and compare with
# the others. Chapter 9 shows how to size and read such a test.

# %% [markdown]
# ## Exercises
#
# Each exercise says how precise your answer must be; an answer that agrees to that
# precision is correct. The last cell shows your progress.

# %% [markdown]
# ### Exercise 1 — Support by hand
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# In the six baskets `six` (or `six_table`), what is the support of {milk, bread}? Store it as
# a share between 0 and 1 in `support_milk_bread` (two decimals are enough).

# %%
# BEGIN SOLUTION
support_milk_bread = (six_table["milk"] & six_table["bread"]).mean()
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — Confidence has a direction
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# In the six baskets, what is the confidence of the rule **diapers → beer**? Store it in
# `conf_diapers_beer` (two decimals are enough). Is it the same as the confidence of
# beer → diapers?

# %%
# BEGIN SOLUTION
conf_diapers_beer = (six_table["diapers"] & six_table["beer"]).mean() / six_table["diapers"].mean()
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Lift by hand
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# Compute the lift of **milk → bread** in the six baskets, without the helper. Store it in
# `lift_milk_bread` (two decimals are enough).

# %%
# BEGIN SOLUTION
lift_milk_bread = ((six_table["milk"] & six_table["bread"]).mean()
                   / six_table["milk"].mean() / six_table["bread"].mean())
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — How many itemsets at 3%?
# *Level ★★☆ · about 10 min · objectives 2, 3 · transfer*
#
# The table in section 3 jumps from 5% to 2%. How many frequent itemsets (of any size) do
# FreshMart's purchase baskets (`baskets`) hold at a minimum support of **3%**? Store the
# whole number in `n_itemsets_3pct`.

# %%
# BEGIN SOLUTION
n_itemsets_3pct = len(basket.frequent_itemsets(baskets, 0.03))
# END SOLUTION
n_itemsets_3pct

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — Beer and diapers on weekday evenings
# *Level ★★★ · about 15 min · objective 4 · stretch*
#
# The text pooled evenings and weekends. Keep only the baskets of trips made **Monday to
# Friday at 18:00 or later**. What is the lift of **beer → diapers** among them? Store it in
# `lift_weekday_evening` (two decimals are enough). Use the receipt's timestamp
# (`lines.groupby("order_id")["timestamp"].first()`, lined up with `baskets.index`).

# %%
# BEGIN SOLUTION
trip_start = lines.groupby("order_id")["timestamp"].first().reindex(baskets.index)
weekday_evening = ((trip_start.dt.hour >= 18) & (trip_start.dt.day_of_week < 5)).to_numpy()
evening = baskets[weekday_evening]
lift_weekday_evening = ((evening["beer"] & evening["diapers"]).mean()
                        / evening["beer"].mean() / evening["diapers"].mean())
# END SOLUTION
print(f"{lift_weekday_evening:.2f}")

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — A cross-sell list
# *Level ★★☆ · about 5 min · objective 5 · transfer*
#
# A shopper has **beer and bread** in the basket. Using `rules` (section 4) and `recommend`,
# list the items to suggest, best first, as a Python list of product names in
# `tips_beer_bread`.

# %%
# BEGIN SOLUTION
tips_beer_bread = basket.recommend(["beer", "bread"], rules)["item"].tolist()
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — What +30% conversion would mean
# *Level ★★☆ · about 10 min · objective 5 · transfer*
#
# The source reports a 30% rise in cross-sell conversion after diapers were recommended on the
# infant-formula page. If FreshMart's formula → diapers confidence rose by 30% (relative),
# how many **extra** baskets a year would hold both formula and diapers? Use the 2024
# baskets; store the number in `extra_diaper_baskets` (to the nearest whole basket).

# %%
# BEGIN SOLUTION
formula_count = baskets["infant formula"].sum()
formula_diapers_count = (baskets["infant formula"] & baskets["diapers"]).sum()
extra_diaper_baskets = formula_count * (formula_diapers_count / formula_count) * 0.30
# END SOLUTION
print(f"{extra_diaper_baskets:,.0f}")

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — What the Apriori principle promises
# *Level ★☆☆ · about 5 min · objective 2 · checked*
#
# {beer, diapers} is in 3% of the baskets. What can you say about {beer} alone, without
# counting? Store the letter in `apriori_answer`.
#
# * **A** — It is in at least 3% of the baskets.
# * **B** — It is in at most 3% of the baskets.
# * **C** — It is in exactly 3% of the baskets.
# * **D** — Nothing, until you count.

# %%
# BEGIN SOLUTION
apriori_answer = "A"
# END SOLUTION

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — Before calling it a success (written answer)
# *Level ★★☆ · about 10 min · objective 5 · written*
#
# Suppose FreshMart puts diapers on the infant-formula page and, a year later, finds the
# extra baskets of exercise 7. In three or four sentences, say what else you would need to
# know before calling the placement a success, and how you would find it out.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* The extra baskets are only a gain if they are new sales: families who
# would have bought diapers anyway, on another trip or in another shop, add nothing, so I
# would compare with a control group — stores (or app users) chosen at random that keep the
# old page — over the same months. I would also want the margin on those diapers against the
# cost of the placement (the page slot, any discount), and whether formula sales or other
# cross-sells fell, because a page slot shown to diapers is not shown to something else.
# Today about half of formula baskets already hold diapers (confidence about 0.49), so the
# room for a 30% rise is real but the baseline is high.
#
# **Rubric.**
# - *Full:* asks whether the sales are incremental and proposes a randomised control (stores
#   or users) over the same period; names margin or cost of the placement; quotes a figure
#   from the chapter (the confidence of about 0.49 or the extra baskets of exercise 7).
# - *Partial:* asks for a comparison but not a random one (before/after only), or names cost
#   without incrementality.
# - *Weak:* calls the extra baskets a success as they stand, or lists only generic
#   "more data".
# <!-- END SOLUTION -->

# %% [markdown]
# ### Your progress
# One line per exercise above, and the total.

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * A rule A → C has a **support** (how many baskets it concerns), a **confidence** (how often
#   C follows A) and a **lift** (how much A raises the chance of C). Judge rules by lift first:
#   a high confidence on a popular item is no finding.
# * The **Apriori principle** — a set is never more frequent than its parts — makes mining
#   possible; the **support threshold** decides how many itemsets come out and how long it
#   takes. Start high and lower it only as far as the decision needs.
# * In FreshMart's 2024 baskets: infant formula → diapers at about 50% confidence (lift 7);
#   beer → diapers with lift above 3 over the year, about 4.5 on evening and weekend trips
#   and about 1 on weekday daytime trips; milk and bread each in 40–45% of the baskets but
#   unrelated (lift 1); premium products tied together by the shoppers who buy them.
# * Rules become action as cross-sell lists, layouts and bundles, and every one should be
#   tested before it is rolled out.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | association analysis / market-basket analysis | 关联分析 / 购物篮分析 | finding products bought together from receipts |
# | basket, transaction | 购物篮, 交易 | the set of products on one receipt |
# | itemset | 项集 | a set of products; frequent itemset (频繁项集): one that reaches the support threshold |
# | association rule | 关联规则 | "who buys A also buys C", written A → C |
# | antecedent / consequent | 前项 / 后项 | the "if" side (A) and the "then" side (C) of a rule |
# | support | 支持度 | share of baskets holding the itemset (or both sides of the rule) |
# | confidence | 置信度 | share of baskets with A that also hold C: P(C \| A) |
# | lift | 提升度 | confidence ÷ support of C; above 1 the items attract, 1 means unrelated |
# | leverage | 杠杆率 | support of A and C minus what chance alone would give |
# | conviction | 确信度 | (1 − support of C) ÷ (1 − confidence); infinite when C always follows A |
# | Apriori principle | 先验原理 | a set can never be more frequent than any of its subsets |
# | cross-selling | 交叉销售 | suggesting a related product to a customer who is buying another |
#
# **Cases:** `cases/walmart_beer_diapers` retells Walmart's beer-and-diapers story, reproduces
# the discovery on FreshMart's baskets and answers the case's four questions. The RFM chapter
# uses the same `supermarket` data to find FreshMart's best members.

# %% [markdown]
# ## On your own data
#
# FreshMart's product names were clean. A firm's export often is not: a product code can carry
# several descriptions (spelling fixes, seasonal names), and postage or fee lines sit among the
# products. Choose the item (code or description) and say which; leave out lines that are not
# products before mining:
#
# ```python
# products_only = own[~own["StockCode"].isin(["POST", "DOT", "M", "AMAZONFEE"])]
# own_baskets = basket.basket_matrix(products_only, order="InvoiceNo", item="StockCode",
#                                    quantity="Quantity")
# own_rules = basket.association_rules(own_baskets, min_support=0.02, min_confidence=0.3, max_len=3)
# ```
#
# `crm-kit report sales.csv --exclude-codes POST,DOT,M,AMAZONFEE --item code` does this
# (counting the lines it leaves out) and shows the rules with the highest lift. See
# `docs/own-data.md`.
