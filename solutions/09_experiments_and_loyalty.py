# %% [markdown]
# # 9 · Testing offers, and what loyalty programmes really do
#
# **BowlRun** is a food-delivery platform. Every month it sends a coupon to users who have
# gone quiet, and for years that coupon has been **"8 off 30"**: eight yuan off an order of
# thirty or more. The growth team thinks a coupon that is *easier to reach*, **"5 off 20"**,
# would bring more of them back, even though it gives away less per order. Rather than argue,
# they ran a test: for two weeks every user in the campaign received one of the two coupons,
# chosen at random. The source reports the outcome — 25% of users ordered with the easier
# coupon against 18% with the old one, and after switching, the platform's orders rose by
# 20%. In this chapter you rerun that analysis from the raw assignments, plan the next test,
# and then turn to a question where no one ran a test: do loyalty programmes make customers
# loyal, or do loyal customers join loyalty programmes?
#
# **By the end of this notebook you can**
# 1. compute conversion per arm with confidence intervals and test the difference between two
#    conversion rates, by hand and with `helpers.experiment`;
# 2. judge an offer on net revenue per user, not only on conversion;
# 3. work out how many users the next test needs, and why peeking at a running test misleads;
# 4. explain why "members buy more than non-members" does not measure a programme's effect,
#    and show it by simulation;
# 5. do the arithmetic of points programmes (cost per point, breakage) and of a top-tier
#    programme such as a beauty brand's "black card".

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.checks import checker
from helpers.experiment import (
    conversion_table, drop_crossovers, power_two_proportions, sample_size_two_proportions,
    simulate_peeking, simulate_self_selection, two_proportion_test,
)

rng = helpers.setup_notebook()
check = checker("ch09", globals())
ANALYSIS_DATE = pd.Timestamp("2024-10-14")  # the day after the last day of data

# %% [markdown]
# ## Why a randomised test
#
# BowlRun could simply have compared last month (old coupon) with this month (new coupon).
# But months differ: weather, holidays, a competitor's promotion. It could have let users pick
# a coupon — but then the keen users would pick one and the hesitant ones the other. **Random
# assignment** makes the two groups alike in everything except the coupon, on average, so a
# difference in ordering can only come from the coupon or from chance. Statistics then tells
# us how large a difference chance alone could produce.
#
# Vocabulary: each version is an **arm** (or variant); the standing version is the
# **control**, the new one the **challenger**; a user who does what we hoped — here, orders
# within seven days — has **converted**.

# %% [markdown]
# ## The idea by hand: ten users
#
# Ten users, five per arm. Conversion is the share of users in an arm who ordered.

# %%
tiny = pd.DataFrame({
    "user_id": [f"U{i}" for i in range(1, 11)],
    "arm": ["5 off 20", "8 off 30"] * 5,
    "ordered": [True, False, False, False, True, True, False, False, True, False],
})
tiny

# %%
tiny.groupby("arm")["ordered"].agg(users="size", conversions="sum", conversion_rate="mean")

# %% [markdown]
# Three of five converted with "5 off 20" (60%), one of five with "8 off 30" (20%). Is that
# convincing? Not with five users each: a couple of lucky orders would change everything.
# The **two-proportion z-test** makes "lucky" precise. If the coupons were truly equal, both
# arms would share one rate, best estimated by pooling them: $\bar p = (x_A + x_B)/(n_A + n_B)$.
# The difference between two arms' rates then varies by chance with standard error
#
# $$ SE_0 = \sqrt{\bar p(1-\bar p)\left(\tfrac{1}{n_A} + \tfrac{1}{n_B}\right)}, \qquad
#    z = \frac{p_A - p_B}{SE_0}. $$
#
# A |z| above 1.96 happens by chance less than 5% of the time (p-value < 0.05). Take the
# source's rates, 25% and 18%, on a small test of **100 users per arm**:

# %%
x_a, n_a, x_b, n_b = 25, 100, 18, 100
p_a, p_b = x_a / n_a, x_b / n_b
pooled = (x_a + x_b) / (n_a + n_b)
se_pooled = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
z_by_hand = (p_a - p_b) / se_pooled
print(f"pooled rate {pooled:.3f}, standard error {se_pooled:.4f}, z = {z_by_hand:.2f}")

# %% [markdown]
# z = 1.20: a gap of seven points between two groups of 100 is well within what chance
# produces. The same rates on 10,000 users per arm would be overwhelming evidence — the size
# of the test matters as much as the size of the gap. `two_proportion_test` does the same
# computation and adds the p-value and a confidence interval for the difference:

# %%
small_test = two_proportion_test(x_a, n_a, x_b, n_b)
print(f"helper z = {small_test['z']:.4f}, by hand z = {z_by_hand:.4f}, agree: "
      f"{np.isclose(small_test['z'], z_by_hand)}")
small_test.round(4)

# %% [markdown]
# The p-value of 0.23 says: if the coupons were equal, a gap this large (either way) would
# turn up in 23% of such tests. The 95% confidence interval of the difference, −4 to +18
# points, includes zero. Not enough evidence — yet.

# %% [markdown]
# ## BowlRun's test
#
# The dataset `coupon_ab` has one row per coupon sent (its card is
# `datasets/coupon_ab/README.md`). A few users reinstalled the app during the test and were
# assigned a second time, to the other coupon; they saw both offers and belong to neither
# group, so we drop them — and say how many.

# %%
raw = data.load("coupon_ab")
raw.head()

# %%
coupons = drop_crossovers(raw)
coupons["arm"].value_counts().sort_index()

# %% [markdown]
# Conversion per arm, by hand with `groupby`, then with `conversion_table`, which adds a 95%
# confidence interval for each rate, $p \pm 1.96\sqrt{p(1-p)/n}$:

# %%
by_hand = coupons.groupby("arm")["ordered"].agg(users="size", conversions="sum", conversion_rate="mean")
by_hand

# %%
arms = conversion_table(coupons, arm="arm", converted="ordered")
print("helper agrees with the groupby:", np.allclose(arms["conversion_rate"], by_hand["conversion_rate"]))
arms.round(4)

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(arms.index, arms["conversion_rate"] * 100, color=["C0", "C7"], width=0.5)
ax.errorbar(arms.index, arms["conversion_rate"] * 100,
            yerr=[(arms["conversion_rate"] - arms["ci_low"]) * 100, (arms["ci_high"] - arms["conversion_rate"]) * 100],
            fmt="none", color="black", capsize=6)
for i, rate in enumerate(arms["conversion_rate"]):
    ax.text(i, rate * 100 + 1.2, f"{rate:.1%}", ha="center")
ax.set_ylim(0, 30)
ax.set_title("BowlRun coupon test: users who ordered within 7 days")
ax.set_xlabel("Coupon received")
ax.set_ylabel("Conversion (% of users, with 95% CI)")
plt.show()

# %%
result = two_proportion_test(
    arms.loc["5 off 20", "conversions"], arms.loc["5 off 20", "users"],
    arms.loc["8 off 30", "conversions"], arms.loc["8 off 30", "users"],
)
result.round(4)

# %% [markdown]
# The easier coupon converts **25.0% against 18.1%** — the source's 25% and 18%. The gap of
# about 7 points has a 95% interval of roughly 5.8 to 8.1 points and a z of about 12: chance
# does not produce that. Relative to the control, conversion is **38% higher**.
#
# ### Is conversion the right yardstick?
# A coupon that converts more users can still lose money if it brings smaller orders and
# gives away more. A simple yardstick for what a user brings the platform is the order's
# value minus the discount the platform funds. Orders with "5 off 20" are smaller:

# %%
orders = coupons[coupons["ordered"]]
orders.groupby("arm").agg(orders=("order_value", "size"), mean_order_value=("order_value", "mean"),
                          coupon_used=("discount", lambda d: (d > 0).mean()),
                          mean_discount=("discount", "mean")).round(2)

# %% [markdown]
# About 31 yuan against 39 — but more users ordering outweighs the smaller baskets, as
# Exercise 2 will make you compute per assigned user.
#
# ### The source's "+20% orders"
# Conversion rose by 38% among campaign users, yet the source reports that adopting the
# coupon raised orders by 20%. Both can be true: the platform's orders also come from users
# who were not in the campaign and would have ordered anyway. The table `daily` counts all
# orders, four weeks before the test, during the two test weeks, and four weeks after the
# switch.

# %%
daily = data.load("coupon_ab", table="daily")
phase_means = daily.groupby("phase", sort=False)["orders"].mean()
print(phase_means.round(0))
print(f"after / before: {phase_means['after'] / phase_means['before']:.3f}")

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.plot(daily["date"], daily["orders"], lw=1.5, marker="o", ms=3)
for phase, colour in [("test", "C1"), ("after", "C2")]:
    span = daily.loc[daily["phase"] == phase, "date"]
    ax.axvspan(span.min(), span.max(), color=colour, alpha=0.12, label=f"{phase}")
for phase in ["before", "after"]:
    span = daily.loc[daily["phase"] == phase, "date"]
    ax.hlines(phase_means[phase], span.min(), span.max(), color="black", ls="--", lw=1)
ax.set_title("BowlRun: orders per day before, during and after adopting \"5 off 20\"")
ax.set_xlabel("Date (2024)")
ax.set_ylabel("Orders per day (whole platform)")
ax.legend(title="phase", loc="upper left")
plt.show()

# %% [markdown]
# Orders per day rose from about 6,000 to about 7,200, **+19.5%**, the source's 20%. A
# before/after comparison like this one is weaker evidence than the test itself (anything
# else that changed from mid-September on would show up too), which is why the decision
# rested on the randomised test, and the before/after figure only confirms the rollout did
# what the test promised.

# %% [markdown]
# ## Planning the next test: sample size and power
#
# A test can fail in two ways: declare a winner when there is none (a **false positive**,
# kept at α = 5% by the 1.96 rule) or miss a real effect (a **false negative**). **Power** is
# the chance to detect a real effect of a given size; 80% is the usual target. The users
# needed per arm to detect rate $p_A$ against $p_B$ are
#
# $$ n = \frac{\left(z_{1-\alpha/2}\sqrt{2\bar p(1-\bar p)} + z_{1-\beta}\sqrt{p_A(1-p_A)+p_B(1-p_B)}\right)^2}{(p_A-p_B)^2}. $$
#
# By hand for the source's gap (25% vs 18%), α = 0.05 (z = 1.96) and power 0.8 (z = 0.84):

# %%
z_alpha, z_power = 1.959964, 0.841621
p_bar = (0.25 + 0.18) / 2
n_by_hand = (z_alpha * np.sqrt(2 * p_bar * (1 - p_bar))
             + z_power * np.sqrt(0.25 * 0.75 + 0.18 * 0.82)) ** 2 / (0.25 - 0.18) ** 2
print(f"by hand: {n_by_hand:.1f} → {int(np.ceil(n_by_hand))} users per arm; "
      f"helper: {sample_size_two_proportions(0.25, 0.18)}")

# %% [markdown]
# Only 540 users per arm would have found a seven-point gap; BowlRun's 10,000 per arm were
# generous. But the next idea will be subtler: the required sample grows with the inverse
# square of the gap, so halving the gap quadruples the test.

# %%
sizes = np.arange(200, 20_001, 200)
fig, ax = plt.subplots(figsize=(7, 4))
for target in (0.25, 0.21, 0.20):
    ax.plot(sizes, [power_two_proportions(target, 0.18, n) * 100 for n in sizes],
            label=f"18% → {target:.0%}")
ax.axhline(80, color="grey", ls=":")
ax.set_title("How big a coupon test must be: power by users per arm")
ax.set_xlabel("Users per arm")
ax.set_ylabel("Chance to detect the lift (%)")
ax.legend(title="true conversion")
plt.show()

# %% [markdown]
# ## The trap of peeking
#
# The 5% false-positive rate holds for **one** look at the data, at the planned sample size.
# A dashboard invites looking every day and stopping the first time p < 0.05. To see the
# cost, simulate **A/A tests** — both arms get the *same* coupon, so every "winner" is a false
# alarm — and look after each of 14 days:

# %%
peeking = simulate_peeking(rate=0.18, users_per_day=700, days=14, experiments=2000, seed=2024)
peeking.round(3)

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(peeking["day"], peeking["share_stopped_by_today"] * 100, marker="o",
        label="stop at the first significant daily look")
ax.plot(peeking["day"], peeking["share_significant_today"] * 100, marker="s",
        label="look only on that day")
ax.axhline(5, color="grey", ls=":")
ax.set_title("A/A tests declared 'significant' (no real difference exists)")
ax.set_xlabel("Day of the test")
ax.set_ylabel("False alarms (% of tests)")
ax.set_ylim(0, 30)
ax.legend()
plt.show()

# %% [markdown]
# A single look is wrong 5% of the time, as promised. Stopping at the first significant
# daily look is wrong about one time in five after two weeks — a fourfold inflation. The
# remedies: fix the sample size in advance and decide once; or, if you must look early, use
# a sequential design whose stricter thresholds are planned before the test starts.

# %% [markdown]
# ## Loyalty programmes: members buy more — but why?
#
# The source's coffee chain runs a club (points, a free size upgrade, a birthday drink) and
# reports that **members repurchase 60% of the time against 25% for non-members**. It is
# tempting to credit the club with 35 points of repurchase. But nobody was assigned to the
# club at random: customers *chose* to join, and the ones who join are the ones who already
# come often. This is **self-selection**.
#
# `simulate_self_selection` builds a coffee chain where we know the truth: each customer has a
# baseline loyalty (the chance of coming back without any club), loyal customers are much
# more likely to join, and the club adds **5 points** to the chance of coming back.

# %%
club = simulate_self_selection(customers=20_000, programme_effect=0.05, seed=2024)
club.groupby("member").agg(customers=("customer_id", "size"), repurchase_rate=("repurchased", "mean"),
                           mean_baseline_loyalty=("baseline_loyalty", "mean")).round(3)

# %% [markdown]
# Members repurchase about 61% of the time, non-members 26% — the source's pattern — yet the
# club's true effect is 5 points. The members were more loyal before they joined (mean
# baseline 0.55 against 0.26). Comparing like with like — customers of similar baseline
# loyalty — shrinks the gap to roughly the true effect. We keep the bands with at least 100
# members and 100 non-members, since a rate on a handful of customers is mostly noise:

# %%
club["loyalty_band"] = pd.cut(club["baseline_loyalty"], bins=np.arange(0, 1.01, 0.1))
band_stats = (club.groupby(["loyalty_band", "member"], observed=True)["repurchased"]
              .agg(["size", "mean"]).unstack("member"))
banded = pd.DataFrame({
    "non_members": band_stats[("size", False)], "members": band_stats[("size", True)],
    "rate_non_members": band_stats[("mean", False)], "rate_members": band_stats[("mean", True)],
})
banded = banded[(banded["non_members"] >= 100) & (banded["members"] >= 100)].copy()
banded["gap"] = banded["rate_members"] - banded["rate_non_members"]
print(f"bands kept: {len(banded)}, holding {int(banded[['non_members', 'members']].sum().sum()):,} "
      f"of {len(club):,} customers")
banded.round(3)

# %%
fig, ax = plt.subplots(figsize=(7, 4))
centres = [interval.mid for interval in banded.index]
ax.plot(centres, banded["rate_members"] * 100, marker="o", label="members")
ax.plot(centres, banded["rate_non_members"] * 100, marker="s", label="non-members")
ax.set_title("Coffee-club simulation: repurchase by baseline loyalty")
ax.set_xlabel("Baseline loyalty (chance of returning without the club)")
ax.set_ylabel("Repurchased (% of customers)")
ax.legend()
plt.show()

# %% [markdown]
# Within each band the two lines sit 6 to 8 points apart — close to the true 5 points (even
# inside a band the members are a little more loyal, which is the rest). The 35-point gap
# overall comes from *who* is in each group. In real data the baseline loyalty is not observed, so the
# honest measurement is a test: offer the club to a random half of new customers, and
# compare the two halves as a whole (members and refusers together), the way BowlRun compared
# coupons. Matching on past behaviour (visits before joining) is the next best thing.

# %% [markdown]
# ## The economics of points and tiers
#
# A **points programme** gives points per yuan spent and a reward for a block of points.
# Its cost as a share of sales is
#
# $$ \text{cost share} = \frac{\text{points per yuan}}{\text{points per reward}}
#    \times \text{reward value} \times (1 - \text{breakage}), $$
#
# where **breakage** is the share of points never redeemed (they expire or are forgotten).
# An example: 2 points per yuan, a 10-yuan voucher for 500 points, 20% breakage:

# %%
points_per_yuan, points_per_reward, reward_value, breakage = 2, 500, 10.0, 0.20
cost_per_point = reward_value / points_per_reward
nominal = points_per_yuan * cost_per_point
effective = nominal * (1 - breakage)
print(f"a point is worth {cost_per_point:.3f} yuan; the card promises {nominal:.1%} back; "
      f"with breakage the programme costs {effective:.1%} of sales")

# %% [markdown]
# Unredeemed points are a liability on the balance sheet until they expire, so breakage is
# not free money: a programme whose points nobody redeems also motivates nobody. The source
# suggests judging a points programme by participation, by the loyalty of participants, and
# by sales growth — and, given the previous section, by a comparison that is not
# self-selected.
#
# **Tiers** (silver, gold, black …) give more to customers who spend or visit more, so
# recognition follows value. The source's beauty brand found that its **top 12% of customers
# brought 50% of revenue**, and a "black card" for them (a personal shopper, early trials, a
# birthday gift box) **lifted their repurchase by 25%**. Exercise 6 turns that into a revenue
# figure.

# %% [markdown]
# ## Exercises
#
# Each exercise says how precise your answer must be; an answer that agrees to that
# precision is correct. The last cell shows your progress.

# %% [markdown]
# ### Exercise 1 — New users and the easier coupon
# *Level ★★☆ · about 5 min · objective 1 · transfer*
#
# Using `coupons` (the test without the users who saw both coupons), what share of **new**
# users (`new_user` is True) who received "5 off 20" ordered? Store a number between 0 and 1
# in `new_user_rate` (keep four significant figures or more: the raw table differs only in
# the fourth).

# %%
# BEGIN SOLUTION
new_user_rate = coupons.loc[(coupons["arm"] == "5 off 20") & coupons["new_user"], "ordered"].mean()
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — Net revenue per assigned user
# *Level ★★☆ · about 10 min · objective 2 · checked*
#
# For each arm, compute the average of (order value − discount) over **all users in the
# arm**, counting 0 for users who did not order. Store it as a Series indexed by `arm` in
# `net_per_user` (a dict or a two-column table of arm and value is fine too; four
# significant figures are enough). Which coupon brings the platform more per user sent?

# %%
# BEGIN SOLUTION
net_per_user = (coupons["order_value"].fillna(0) - coupons["discount"]).groupby(coupons["arm"]).mean()
# END SOLUTION
net_per_user

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Size the next test
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# BowlRun now wants to test a new design of the "5 off 20" push message. It would be worth
# rolling out if conversion rose from 25% to 27%. How many users **per arm** does a two-sided
# test at α = 0.05 with 80% power need? Store the whole number in `n_next_test`. The helper's
# answer and a hand computation with the rounded z values 1.96 and 0.84 are both accepted
# (they agree within 0.5%).

# %%
# BEGIN SOLUTION
n_next_test = sample_size_two_proportions(0.27, 0.25, alpha=0.05, power=0.80)
# END SOLUTION
n_next_test

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — A tempting early result
# *Level ★☆☆ · about 5 min · objective 3 · checked*
#
# Your test was planned for 14 days. On day 3 the dashboard shows p = 0.03 in favour of the
# challenger. What do you do? Store the letter in `peeking_answer`.
#
# * **A** — Stop now and roll out the challenger: the result is significant.
# * **B** — From now on require p < 0.01 on each daily look, and stop as soon as it is met.
# * **C** — Keep the test running to the planned sample size and decide on the final result only.
# * **D** — Move more users into the challenger's arm to confirm the result faster.

# %%
# BEGIN SOLUTION
peeking_answer = "C"
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — The gap you would see
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# Simulate another coffee chain with `simulate_self_selection(programme_effect=0.05, seed=9)`
# and compute the repurchase rate of members minus that of non-members. Store the difference
# (a share, e.g. 0.30) in `naive_gap` (three decimals are enough). Compare it with the true
# effect of 0.05.

# %%
# BEGIN SOLUTION
other_chain = simulate_self_selection(programme_effect=0.05, seed=9)
rates = other_chain.groupby("member")["repurchased"].mean()
naive_gap = rates[True] - rates[False]
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — What the black card is worth
# *Level ★☆☆ · about 5 min · objective 5 · checked*
#
# The beauty brand's top 12% of customers bring 50% of revenue. Suppose their revenue rises
# in proportion to their repurchase, which the black card lifted by 25%, and nothing else
# changes. By what **percentage** does the brand's total revenue rise? Store it (e.g. `10.0`
# for 10%) in `revenue_lift_pct` (one decimal is enough).

# %%
# BEGIN SOLUTION
revenue_lift_pct = 100 * 0.50 * 0.25
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — The real cost of a points programme
# *Level ★☆☆ · about 5 min · objective 5 · checked*
#
# A tea shop gives 1 point per yuan spent; 100 points buy a 5-yuan drink voucher; 30% of
# points are never redeemed. What share of sales does the programme cost? Store a number
# between 0 and 1 in `cost_share` (four decimals are enough).

# %%
# BEGIN SOLUTION
cost_share = 1 / 100 * 5.0 * (1 - 0.30)
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — The z-test as a function
# *Level ★★★ · about 15 min · objective 1 · stretch*
#
# Write a function `z_statistic(orders_a, users_a, orders_b, users_b)` that returns the
# two-proportion z statistic with the pooled standard error, positive when arm A converts
# better, without calling `two_proportion_test`. The check calls it on three fresh tests and
# compares with the pooled formula (to six significant figures).

# %%
# BEGIN SOLUTION
def z_statistic(orders_a, users_a, orders_b, users_b):
    rate_a, rate_b = orders_a / users_a, orders_b / users_b
    pooled_rate = (orders_a + orders_b) / (users_a + users_b)
    standard_error = np.sqrt(pooled_rate * (1 - pooled_rate) * (1 / users_a + 1 / users_b))
    return (rate_a - rate_b) / standard_error
# END SOLUTION

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — Measuring the club honestly (written answer)
# *Level ★★☆ · about 15 min · objective 4 · written*
#
# The coffee chain wants to know what its club is really worth before raising its budget.
# Describe a test that would measure the club's effect on repurchase, say what you would
# compare, and name one thing that could still bias the answer.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* For one month, invite a random half of first-time customers to join
# the club (the other half gets no invitation). Three months later, compare the repurchase
# rate of **everyone invited** with that of **everyone not invited** — not members against
# non-members, because within the invited half the joiners are again self-selected. The
# difference, divided by the share of invited customers who joined, estimates the effect on
# those who join. Biases that remain: staff treating invited customers differently, customers
# telling each other about the club (the control half hears of it), and a test too short to
# see repurchase beyond the first months.
#
# **Rubric.**
# - *Full:* randomises the *invitation* (not membership), compares everyone invited with
#   everyone not invited, contrasts this with the naive members-vs-non-members gap (about 35
#   points in exercise 5 against a true 5), and names a remaining bias (spill-over, staff
#   behaviour, test length).
# - *Partial:* a randomised test but comparing joiners with non-joiners, or no remaining bias.
# - *Weak:* compares members with non-members, or a before/after comparison with no control.
# <!-- END SOLUTION -->

# %% [markdown]
# ### Your progress
# One line per exercise above, and the total.

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * Random assignment makes the arms alike apart from the offer; drop users who saw both.
# * Conversion per arm with a confidence interval, and the two-proportion z-test:
#   z = (p_A − p_B)/SE with the pooled rate. BowlRun: 25.0% vs 18.1%, z ≈ 12.
# * Judge an offer on what it earns per user sent, not only on conversion.
# * Plan the sample size before the test (540 users per arm for 25% vs 18%; thousands for a
#   two-point lift) and decide once: daily peeking turns 5% false alarms into about 20%.
# * Members out-buying non-members (60% vs 25% at the coffee chain) mostly reflects who joins;
#   measure a programme with a randomised invitation.
# * A points programme costs points per yuan ÷ points per reward × reward value ×
#   (1 − breakage) of sales; a tier for the top 12% who bring half the revenue moves total
#   revenue by half their lift.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | A/B test, randomised experiment | A/B测试 / 随机对照试验 | users assigned at random to versions of an offer, compared on an outcome |
# | arm | 实验分组 (组别) | one version in a test, with the users assigned to it |
# | control | 对照组 | the standing version, kept to compare against |
# | challenger (treatment) | 实验组 (挑战组) | the new version being tested |
# | conversion rate | 转化率 | share of users in an arm who did the desired thing (ordered) |
# | confidence interval | 置信区间 | range of values compatible with the data at a stated confidence |
# | two-proportion z-test | 两比例z检验 | test of whether two conversion rates differ by more than chance |
# | p-value | p值 | chance of a gap at least this large if the versions were truly equal |
# | statistical power, sample size | 统计功效 / 样本量 | chance of detecting a real effect; users needed for it |
# | peeking | 中途偷看 / 提前终止 | stopping a test at the first good-looking look, which inflates false alarms |
# | self-selection | 自我选择偏差 | groups formed by customers' own choice differ before any treatment |
# | loyalty programme, points | 忠诚度计划 / 积分 | rewards for repeat purchase; points earned per yuan and redeemed for rewards |
# | breakage | 积分沉淀 (未兑换积分) | share of points never redeemed |
# | membership tier | 会员等级 | levels (silver, gold, black card) with benefits that rise with value |
# | coupon | 优惠券 (满减券) | a discount such as "5 off 20" (满20减5) |
#
# **Next:** the case `cases/coupon_test` walks through BowlRun's test from design to
# decision; chapter 8 builds the segments a test like this can target.
