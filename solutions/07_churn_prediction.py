# %% [markdown]
# # 7 · Predicting churn, and deciding whom to call
#
# **TaskFlow** sells an online project-management service to small firms by subscription.
# Every quarter about **18%** of its accounts cancel. Its account managers have time for a
# limited number of calls a week, and each call costs something: an hour of a manager's
# time and, in the case, a free feature upgrade or a month's extension. The head of
# customer success asks two questions: *which accounts are about to leave?* and *which of
# them is it worth calling?* The source's answer is a random-forest model on logins,
# features used, support contacts and the bill, with a rule: call when the predicted
# probability of churn is above 70%. This chapter builds that model, checks how good it is,
# and puts a price on the 70% rule.
#
# **By the end of this notebook you can**
# 1. say what churn means for a subscription business and for a retail business, and place
#    a customer in the lifecycle stages new, active, dormant and churned;
# 2. fit and compare a logistic regression and a random forest on a stratified split, with
#    preprocessing in one pipeline;
# 3. read ROC-AUC, precision, recall, top-decile lift and calibration, and compute them by hand
#    on a small table;
# 4. value a retention call (probability × save rate × remaining value − cost) and choose whom
#    to call by expected value rather than by a fixed probability rule;
# 5. run the same pipeline on a real churn table (Telco) to see that it transfers.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_curve, roc_curve
from sklearn.model_selection import train_test_split

import helpers
from helpers import churn, data
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch07", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # the day of TaskFlow's account snapshot

# %% [markdown]
# ## What "churn" means
#
# A **subscription** customer churns on a known day: they cancel, or fail to renew. The
# outcome is an event in the data, and the question is whether we can see it coming.
# A **retail** customer never tells you they have left; they simply stop coming, and churn is
# a judgement made from silence. The supermarket of chapter 2 calls a member churned after
# 90 days without a purchase.
#
# Both fit the same lifecycle, which the source uses to classify customers:
#
# | stage | subscription (TaskFlow) | retail (supermarket) | what to do |
# |---|---|---|---|
# | new | first months after sign-up | first few purchases | onboarding: make the first weeks a success |
# | active | logs in, uses features | buys regularly | grow: more seats, more categories |
# | dormant | still paying, barely logging in | long gap since the last visit | wake up before it is too late |
# | churned | cancelled | no purchase for 90+ days | win back, or learn why |
#
# A churn model looks for the *dormant* accounts that are still paying: that is where a call
# can still change the outcome.

# %% [markdown]
# ## TaskFlow's accounts
#
# The `saas` dataset is TaskFlow's snapshot of 2025-01-01: one row per account, with the
# features the source names (logins in the last 30 days, features used, support contacts, the
# monthly bill) plus plan, billing cycle, seats and tenure, and whether the account
# cancelled in the next quarter. Its card (`datasets/saas/README.md`) tells how it was made.

# %%
accounts = data.load("saas")
current_accounts = data.load("saas", table="current")  # active on 2025-04-01, outcome unknown yet
TARGET = "churned_next_quarter"
NUMERIC = ["logins_30d", "features_used", "support_contacts_90d", "monthly_bill", "tenure_months", "seats"]
CATEGORICAL = ["plan", "billing_cycle"]
print(f"{len(accounts):,} accounts; {accounts[TARGET].mean():.1%} churned in the next quarter.")
accounts.head()

# %% [markdown]
# Before any model, look at churn against the two features the managers talk about most.

# %%
login_band = pd.cut(accounts["logins_30d"], [-1, 4, 9, 19, 39, np.inf],
                    labels=["0–4", "5–9", "10–19", "20–39", "40+"])
by_logins = accounts.groupby(login_band, observed=True)[TARGET].agg(["size", "mean"])
contact_band = accounts["support_contacts_90d"].clip(upper=5).map(lambda k: "5+" if k == 5 else str(k))
by_contacts = accounts.groupby(contact_band)[TARGET].agg(["size", "mean"])
print("Churn by logins:           " + ", ".join(f"{band}: {rate:.0%}" for band, rate in by_logins["mean"].items()))
print("Churn by support contacts: " + ", ".join(f"{band}: {rate:.0%}" for band, rate in by_contacts["mean"].items()))

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
axes[0].bar(by_logins.index.astype(str), by_logins["mean"] * 100)
axes[0].set_title("Churn falls with logins, then levels off")
axes[0].set_xlabel("Logins by the account in the last 30 days")
axes[0].set_ylabel("Accounts churning next quarter (%)")
axes[1].bar(by_contacts.index, by_contacts["mean"] * 100, color="C1")
axes[1].set_title("Churn is U-shaped in support contacts")
axes[1].set_xlabel("Support contacts in the last 90 days")
plt.tight_layout()
plt.show()

# %% [markdown]
# Accounts with almost no logins churn several times more often than busy ones (40% against
# 6–7%), but beyond about 20 logins a month more logins change little. Support contacts cut
# both ways: an account that never contacts support is *riskier* than one with a single
# question (18% against 14%; silence can mean nobody is using the product), while four or
# more contacts signal frustration (32%, and 46% at five or more). Neither pattern is a
# straight line — keep that in mind when a straight-line model meets a forest below.

# %% [markdown]
# ## Judging a churn score by hand
#
# A churn model gives each account a probability. Before fitting one, learn to judge a
# score on a table small enough to check in your head: ten accounts, three of which churned.

# %%
toy = pd.DataFrame({
    "account": list("ABCDEFGHIJ"),
    "churn_probability": [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05],
    "churned": [True, False, True, False, False, False, False, False, False, True],
})
toy

# %% [markdown]
# With the source's rule — call when the probability is **at least 70%** — TaskFlow would
# call A, B and C.
#
# * **Precision**: of the accounts called, the share that were really leaving: A and C of
#   three, 2/3.
# * **Recall**: of the accounts that left, the share the rule caught: A and C of the three
#   churners (A, C, J), 2/3.
# * **ROC-AUC**: pick one churner and one stayer at random; how often does the churner have
#   the higher score? Churner A (0.9) beats all 7 stayers, C (0.7) beats 6 (all but B), J
#   (0.05) beats none: 13 of 21 pairs, 0.62. A coin scores 0.5, a perfect ranking 1.
# * **Top-decile lift**: the churn rate among the 10% highest scores (here one account, A,
#   who churned: 100%) divided by the overall rate (30%): 3.3. Calling the top tenth finds
#   churners 3.3 times as often as calling at random.
# * **Calibration**: do the probabilities mean what they say? The average probability is
#   0.455, but only 30% churned: this score exaggerates risk.

# %%
flagged = toy["churn_probability"] >= 0.7
churners = toy["churned"]
churner_scores = toy.loc[churners, "churn_probability"].to_numpy()
stayer_scores = toy.loc[~churners, "churn_probability"].to_numpy()
by_hand = pd.Series({
    "roc_auc": (churner_scores[:, None] > stayer_scores[None, :]).mean(),
    "precision": (flagged & churners).sum() / flagged.sum(),
    "recall": (flagged & churners).sum() / churners.sum(),
    "top_decile_lift": toy.nlargest(1, "churn_probability")["churned"].mean() / churners.mean(),
    "mean_predicted": toy["churn_probability"].mean(),
    "churn_rate": churners.mean(),
})
by_hand.round(3)

# %% [markdown]
# `churn.evaluation_table` computes the same measures (plus the share flagged and the Brier
# score, the mean squared gap between probability and outcome) for one or more models:

# %%
helper_table = churn.evaluation_table(toy["churned"], {"toy score": toy["churn_probability"]}, threshold=0.7)
assert np.allclose(helper_table.loc["toy score", by_hand.index], by_hand)
helper_table.round(3)

# %% [markdown]
# ## A model for TaskFlow
#
# Split the accounts into a training set (70%) and a test set (30%) that the models never
# see while fitting. The split is **stratified** — both parts keep the 18% churn rate — and
# seeded, so your split is the same as the text's.

# %%
SPLIT_SEED = 7
TEST_SIZE = 0.3
train, test = train_test_split(accounts, test_size=TEST_SIZE, stratify=accounts[TARGET], random_state=SPLIT_SEED)
print(f"train: {len(train):,} accounts ({train[TARGET].mean():.1%} churn); "
      f"test: {len(test):,} accounts ({test[TARGET].mean():.1%} churn)")

# %% [markdown]
# `churn.build_pipeline` puts the preparation and the model in one scikit-learn pipeline:
# numbers are standardised, categories one-hot encoded, then a logistic regression or a
# random forest (fixed seed, one core) is fitted. One pipeline means the test set and next
# week's accounts get exactly the preparation the training set got.

# %%
churn.build_pipeline(NUMERIC, CATEGORICAL, "forest", random_state=SPLIT_SEED)

# %% [markdown]
# `churn.fit_churn_model` checks the table (columns present, no gaps, a yes/no target) and
# fits that pipeline. We fit both model families and score the test accounts.

# %%
FOREST_OPTIONS = {"random_state": SPLIT_SEED, "n_estimators": 200, "min_samples_leaf": 10}
logistic = churn.fit_churn_model(train, TARGET, NUMERIC, CATEGORICAL, "logistic")
forest = churn.fit_churn_model(train, TARGET, NUMERIC, CATEGORICAL, "forest", **FOREST_OPTIONS)
test_probability = pd.DataFrame({
    "logistic": churn.churn_probability(logistic, test),
    "forest": churn.churn_probability(forest, test),
})
evaluation = churn.evaluation_table(test[TARGET], test_probability, threshold=0.7)
evaluation.round(3)

# %% [markdown]
# Both models rank accounts far better than chance, and the forest does a little better
# (ROC-AUC 0.78 against 0.77): it can follow the bends in logins and support contacts that
# a logistic regression, a straight line on the log-odds scale, can only approximate. The
# top tenth of the forest's scores holds churners at about three times the base rate. (The
# data card says the *true* probabilities score 0.83: no model can do much better on
# these features.)
#
# Look at the 70% rule's columns: it flags about **1%** of accounts. Those are nearly all
# real churners (high precision), but the rule catches only about **5%** of the churners
# (recall). A rule that strict barely moves the churn rate.

# %% [markdown]
# ### ROC and precision–recall curves
#
# Each point of a ROC curve is one threshold: the share of churners caught (recall) against
# the share of stayers bothered. The precision–recall curve shows the trade-off a manager
# feels: as the list grows, more churners are caught but a larger share of calls go to
# accounts that were staying anyway.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for name in test_probability.columns:
    false_alarm, caught, _ = roc_curve(test[TARGET], test_probability[name])
    axes[0].plot(false_alarm * 100, caught * 100, label=f"{name} (AUC {evaluation.loc[name, 'roc_auc']:.2f})")
    precision, recall, _ = precision_recall_curve(test[TARGET], test_probability[name])
    axes[1].plot(recall * 100, precision * 100, label=name)
axes[0].plot([0, 100], [0, 100], color="grey", ls=":", label="random")
axes[0].set_title("ROC: churners caught vs stayers bothered")
axes[0].set_xlabel("Stayers flagged (% of stayers)")
axes[0].set_ylabel("Churners caught (% of churners)")
axes[1].axhline(test[TARGET].mean() * 100, color="grey", ls=":", label="base rate")
axes[1].set_title("Precision–recall: how good is the call list?")
axes[1].set_xlabel("Churners caught (recall, %)")
axes[1].set_ylabel("Calls that reach a churner (precision, %)")
for ax in axes:
    ax.legend(loc="lower right" if ax is axes[0] else "upper right")
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Calibration: does "30%" mean 30%?
#
# The value of a call depends on the probability itself, not just the ranking, so the
# probabilities have to be honest. `churn.calibration_table` groups the test accounts into
# bands of predicted probability and compares each band's average prediction with the share
# that really churned.

# %%
calibration = churn.calibration_table(test[TARGET], test_probability["forest"], bins=10)
calibration.round(3)

# %%
fig, ax = plt.subplots(figsize=(5.5, 4.5))
for name in test_probability.columns:
    table = churn.calibration_table(test[TARGET], test_probability[name], bins=10)
    ax.plot(table["mean_predicted"] * 100, table["churn_rate"] * 100, marker="o", label=name)
ax.plot([0, 100], [0, 100], color="grey", ls=":", label="perfect calibration")
ax.set_title("Calibration on the test accounts")
ax.set_xlabel("Predicted churn probability (band average, %)")
ax.set_ylabel("Accounts that churned (%)")
ax.legend()
plt.show()

# %% [markdown]
# Both models sit close to the diagonal: a band predicted at 40% churns at about 40%. The
# top bands hold few accounts (see the `customers` column), so their dots jump around.

# %% [markdown]
# ### What drives the forest's predictions
#
# **Permutation importance** shuffles one feature's values across the test accounts and
# measures how much the ROC-AUC drops: a feature the model leans on hurts when scrambled.
# Five shuffles per feature, with a fixed seed.

# %%
importance = churn.permutation_importance_table(forest, test, test[TARGET], n_repeats=5, random_state=SPLIT_SEED)

fig, ax = plt.subplots(figsize=(7, 3.8))
ax.barh(importance["feature"][::-1], importance["importance_mean"][::-1],
        xerr=importance["importance_std"][::-1], color="C2")
ax.set_title("What the forest relies on (test accounts)")
ax.set_xlabel("Drop in ROC-AUC when the feature is shuffled")
plt.tight_layout()
plt.show()
importance.round(4)

# %% [markdown]
# Logins dominate, then tenure and the number of features used: the source's intuition that
# *usage* is the signal holds. Importance is not cause: shuffling the bill hurts little partly
# because plan and seats carry much of the same information.

# %% [markdown]
# ## Whom to call: the 70% rule against expected value
#
# A call is worth making when what it is expected to save exceeds what it costs:
#
# $$ \text{value of a call} = p \times s \times V - c, $$
#
# with **p** the probability the account leaves if nobody calls, **s** the chance a call keeps
# an account that was leaving (the *save rate*), **V** the account's remaining value if kept
# and **c** the cost of the call. TaskFlow's assumptions, stated plainly:
#
# * gross margin is 80% of the monthly bill (software costs little to serve);
# * an account kept stays with the usual odds: 18% churn a quarter is a monthly retention of
#   0.82^(1/3) ≈ 0.936; money a month later is worth 1% less;
# * a call saves 30% of the accounts that were leaving (the one-month extension and upgrade
#   persuade some, not all);
# * a call costs 300 yuan: a manager's hour plus the cost of the upgrade and the extension.
#
# The remaining value of a kept account is then the discounted stream of its monthly margin
# `m`: `V = m × (1 + d) / (1 + d − r)`, chapter 0's customer value on a monthly clock
# (`churn.remaining_value`).

# %%
GROSS_MARGIN = 0.80
MONTHLY_RETENTION = (1 - 0.18) ** (1 / 3)
MONTHLY_DISCOUNT = 0.01
SAVE_RATE = 0.30
CALL_COST = 300.0

test_value = churn.remaining_value(GROSS_MARGIN * test["monthly_bill"], MONTHLY_RETENTION,
                                   monthly_discount=MONTHLY_DISCOUNT)
print(f"Monthly retention {MONTHLY_RETENTION:.3f}; a kept account is worth {test_value.median():,.0f} yuan "
      f"(median), {test_value.mean():,.0f} yuan (mean).")

# %% [markdown]
# By hand for one account: a bill of 500 yuan gives a margin of 400 a month and a remaining
# value of 400 × 1.01 / (1.01 − 0.936) ≈ 5,459 yuan. At a churn probability of 40% the
# call is worth 0.40 × 0.30 × 5,459 − 300 ≈ 355 yuan; at 10% it loses about 136 yuan.

# %%
value_500 = churn.remaining_value(0.8 * 500, MONTHLY_RETENTION, monthly_discount=MONTHLY_DISCOUNT)
print(f"remaining value {value_500:,.0f} yuan; call at p = 0.40: "
      f"{churn.intervention_value(0.40, SAVE_RATE, value_500, CALL_COST):,.0f} yuan; at p = 0.10: "
      f"{churn.intervention_value(0.10, SAVE_RATE, value_500, CALL_COST):,.0f} yuan")

# %% [markdown]
# Now test the rules on the test accounts, whose outcomes we know. For each threshold,
# `churn.threshold_value_table` calls every account at or above it and adds up what the
# calls would have saved (30% of the remaining value of each churner reached) minus what
# they cost.

# %%
by_threshold = churn.threshold_value_table(test[TARGET], test_probability["forest"], test_value,
                                           save_rate=SAVE_RATE, call_cost=CALL_COST)
best = by_threshold.loc[by_threshold["net_value"].idxmax()]
rule_70 = by_threshold.loc[np.isclose(by_threshold["threshold"], 0.7)].iloc[0]
by_threshold.round({"expected_saved_value": 0, "call_cost": 0, "net_value": 0})

# %%
expected_call_value = churn.intervention_value(test_probability["forest"], SAVE_RATE, test_value, CALL_COST)
value_rule = (expected_call_value > 0).to_numpy()
reached = value_rule & test[TARGET].to_numpy()
value_rule_net = SAVE_RATE * test_value[reached].sum() - CALL_COST * value_rule.sum()
rules = pd.DataFrame({
    "calls": [int(rule_70["calls"]), int(best["calls"]), int(value_rule.sum())],
    "churners_reached": [int(rule_70["churners_reached"]), int(best["churners_reached"]), int(reached.sum())],
    "net_value": [rule_70["net_value"], best["net_value"], value_rule_net],
}, index=["source's rule: p ≥ 70%", f"best single threshold: p ≥ {best['threshold']:.0%}",
          "value rule: call if p·s·V > c"])
rules.round(0)

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(by_threshold["threshold"] * 100, by_threshold["net_value"] / 1000, marker="o")
ax.axvline(70, color="C3", ls="--", label="source's 70% rule")
ax.axhline(value_rule_net / 1000, color="C2", ls=":", label="value rule (per account)")
ax.axhline(0, color="grey", lw=0.8)
ax.set_title("Net value of the retention calls on 1,500 test accounts")
ax.set_xlabel("Call every account whose churn probability is at least (%)")
ax.set_ylabel("Saved margin minus call costs (thousand yuan)")
ax.legend(loc="center right")
plt.show()

# %% [markdown]
# **Business reading.** The 70% rule is safe — its few calls almost all reach churners —
# but it leaves most of the money on the table: on these 1,500 test accounts it nets a few
# thousand yuan, while calling every account above about 20% nets many times more. Better
# still is to decide account by account: a big account at 25% risk is worth a call, a tiny
# one at 60% may not be. The source's threshold is a reasonable start when calls are scarce;
# once the cost of a call and the value of an account are known, let them set the threshold.
# Both rules depend on the save rate, which only an experiment can measure: call a random
# half of the flagged accounts and compare their churn with the other half (chapter 9).

# %% [markdown]
# ### Next week's outreach list
#
# The accounts active on 2025-04-01 have no outcome yet: that is the list to work on.
# `churn.outreach_list` scores them with the forest, values each call and ranks the accounts
# by expected saved value.

# %%
current_value = churn.remaining_value(GROSS_MARGIN * current_accounts["monthly_bill"], MONTHLY_RETENTION,
                                      monthly_discount=MONTHLY_DISCOUNT)
outreach = churn.outreach_list(forest, current_accounts, threshold=None, value=current_value,
                               save_rate=SAVE_RATE, call_cost=CALL_COST, id_column="account_id")
by_rule_70 = churn.outreach_list(forest, current_accounts, threshold=0.7, value=current_value,
                                 save_rate=SAVE_RATE, call_cost=CALL_COST, id_column="account_id")
print(f"Value rule: {len(outreach)} accounts to call, median remaining value {outreach['remaining_value'].median():,.0f} yuan; "
      f"70% rule: {len(by_rule_70)} accounts, median remaining value {by_rule_70['remaining_value'].median():,.0f} yuan.")
outreach.head(10).round(2)

# %% [markdown]
# The value rule's list is led by accounts whose risk is moderate but whose value is large;
# the 70% rule picks only the handful at the very top of the risk scale, whatever they are
# worth. A manager works down the value list until the week's calling time runs out.

# %% [markdown]
# ## The same pipeline on real data: Telco
#
# The `telco` dataset is a real (IBM sample) table of 7,043 telecom customers: contract,
# services, charges and whether they left. Eleven new customers have no total charges yet;
# they have paid nothing, so we fill 0 and say so.

# %%
telco = data.load("telco")
no_charges = telco["total_charges"].isna()
print(f"{len(telco):,} customers; {no_charges.sum()} customers with tenure 0 have no total charges: filled with 0.")
telco = telco.assign(total_charges=telco["total_charges"].fillna(0.0))
TELCO_NUMERIC = ["tenure", "monthly_charges", "total_charges", "senior_citizen", "partner", "dependents",
                 "paperless_billing"]
TELCO_CATEGORICAL = ["contract", "internet_service", "payment_method", "online_security", "tech_support",
                     "online_backup", "device_protection", "streaming_tv", "streaming_movies", "multiple_lines"]
telco_train, telco_test = train_test_split(telco, test_size=TEST_SIZE, stratify=telco["churned"],
                                           random_state=SPLIT_SEED)
telco_probability = pd.DataFrame({
    family: churn.churn_probability(
        churn.fit_churn_model(telco_train, "churned", TELCO_NUMERIC, TELCO_CATEGORICAL, family,
                              **(FOREST_OPTIONS if family == "forest" else {})),
        telco_test)
    for family in ["logistic", "forest"]
})
telco_evaluation = churn.evaluation_table(telco_test["churned"], telco_probability, threshold=0.5)
telco_evaluation.round(3)

# %% [markdown]
# The code is unchanged apart from the column lists. On Telco the two models score about
# the same (ROC-AUC about 0.85): the telecom data's main signal — month-to-month contracts,
# short tenure, fibre customers paying by electronic check — is close to additive, so the
# forest's flexibility buys little. Which family wins depends on the data, which is why the
# pipeline makes comparing them a one-line change.

# %% [markdown]
# ## Exercises
#
# Each exercise says how precise your answer must be; an answer that agrees to that
# precision is correct. The last cell shows your progress.

# %% [markdown]
# ### Exercise 1 — TaskFlow's churn rate
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# What share of the accounts in `accounts` churned in the next quarter? Store it as a
# number between 0 and 1 in `churn_rate` (three decimals are enough).

# %%
# BEGIN SOLUTION
churn_rate = accounts[TARGET].mean()
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — How much riskier are quiet accounts?
# *Level ★☆☆ · about 5 min · objectives 1, 3 · checked*
#
# Divide the churn rate of accounts with **fewer than 5** logins in the last 30 days by the
# churn rate of accounts with **25 or more**. Store the ratio in `login_risk_ratio` (two
# decimals are enough).

# %%
# BEGIN SOLUTION
quiet = accounts["logins_30d"] < 5
busy = accounts["logins_30d"] >= 25
login_risk_ratio = accounts.loc[quiet, TARGET].mean() / accounts.loc[busy, TARGET].mean()
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Precision by hand
# *Level ★☆☆ · about 5 min · objective 3 · checked*
#
# In the ten-account `toy` table, TaskFlow now calls every account whose churn probability is
# **at least 50%** (not 70% as in the text). What share of those calls reach an account that
# really churned? Store the precision in `precision_at_50` (two decimals are enough).

# %%
# BEGIN SOLUTION
called = toy["churn_probability"] >= 0.5
precision_at_50 = toy.loc[called, "churned"].mean()
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — Is this call worth making?
# *Level ★☆☆ · about 5 min · objective 4 · checked*
#
# An account has a 45% churn probability and a remaining value of 6,000 yuan. With
# TaskFlow's save rate (`SAVE_RATE`) and call cost (`CALL_COST`), what is the expected net
# value of calling it, in yuan? Store it in `call_value` (to the nearest yuan).

# %%
# BEGIN SOLUTION
call_value = 0.45 * SAVE_RATE * 6000 - CALL_COST
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — The break-even probability
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# For an account with a remaining value of 4,000 yuan, above which churn probability does a
# call pay for itself (expected net value exactly zero)? Use `SAVE_RATE` and `CALL_COST`.
# Store it as a number between 0 and 1 in `break_even_probability` (three decimals are
# enough).

# %%
# BEGIN SOLUTION
break_even_probability = CALL_COST / (SAVE_RATE * 4000)
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — The 70% rule next week
# *Level ★★☆ · about 5 min · objectives 2, 4 · transfer*
#
# How many of the accounts in `current_accounts` would the source's rule call, using the
# chapter's `forest` model (probability at least 0.7)? Store the whole number in
# `calls_at_70`.

# %%
# BEGIN SOLUTION
calls_at_70 = int((churn.churn_probability(forest, current_accounts) >= 0.7).sum())
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — A threshold chosen by value, for the other model
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# Repeat the threshold search for the **logistic** model: use `churn.threshold_value_table`
# on the test accounts with `test_value`, `SAVE_RATE` and `CALL_COST` and the default
# thresholds, and store the threshold (a value such as 0.45, exactly as in the table) with the
# highest net value in `best_logistic_threshold`.

# %%
# BEGIN SOLUTION
logistic_by_threshold = churn.threshold_value_table(test[TARGET], test_probability["logistic"], test_value,
                                                    save_rate=SAVE_RATE, call_cost=CALL_COST)
best_logistic_threshold = logistic_by_threshold.loc[logistic_by_threshold["net_value"].idxmax(), "threshold"]
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — A three-column model for Telco
# *Level ★★★ · about 15 min · objectives 2, 3, 5 · stretch*
#
# How much of the Telco model's ranking power comes from three columns? Fit the **logistic**
# pipeline on `telco_train` with the numeric columns `tenure` and `monthly_charges` and the
# categorical column `contract` only, score `telco_test`, and store its ROC-AUC in
# `telco_small_auc` (three decimals are enough; `churn.evaluation_table` gives it, or
# `sklearn.metrics.roc_auc_score`). Compare it with the full model's in the table above.

# %%
# BEGIN SOLUTION
small_model = churn.fit_churn_model(telco_train, "churned", ["tenure", "monthly_charges"], ["contract"], "logistic")
small_probability = churn.churn_probability(small_model, telco_test)
telco_small_auc = churn.evaluation_table(telco_test["churned"], {"small": small_probability}).loc["small", "roc_auc"]
# END SOLUTION
print(f"{telco_small_auc:.3f}")

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — Which lifecycle stage?
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# A supermarket calls a customer *active* when the last purchase was at most 30 days ago and
# *churned* after 90 days of silence. A member who first bought two years ago last bought 60
# days ago. Which stage is she in? Store the letter in `stage_answer`.
#
# * **A** — new
# * **B** — active
# * **C** — dormant
# * **D** — churned

# %%
# BEGIN SOLUTION
stage_answer = "C"
# END SOLUTION

# %%
check("ex9")

# %% [markdown]
# ### Exercise 10 — When is the 70% rule right? (written answer)
# *Level ★★☆ · about 15 min · objective 4 · written*
#
# Give two situations in which TaskFlow should keep a high threshold such as 70%, and one
# reason why a list ranked by expected value may still be wrong even with an accurate model.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* A high threshold makes sense when calls are scarce (a few managers, a
# list far longer than they can work through: then call the surest churners first, or better,
# the highest expected value first until time runs out), or when a call is expensive or
# risky — a generous discount offered to accounts that were staying anyway is pure loss,
# and a call can even remind a content customer to reconsider. A value-ranked list can still
# mislead because the save rate is a guess: if calls save 10% rather than 30%, most of the
# list loses money. The save rate, and whether it differs for big and small accounts, should
# be measured with a randomised test before the list is scaled up.
#
# **Rubric.**
# - *Full:* two distinct situations (scarce calling time; costly or risky offers) tied to
#   p × s × V − c, and one concrete weakness of the value list (the save rate of 30% is an
#   assumption, or the remaining value is an estimate), with a way to measure it (a randomised
#   test of the calls).
# - *Partial:* one situation, or two without the reason in the call-value formula; the
#   weakness named without a way to check it.
# - *Weak:* restates that 70% is "safe" or "precise", or says the model may be inaccurate
#   although the question assumes it is accurate.
# <!-- END SOLUTION -->

# %% [markdown]
# ### Your progress
# One line per exercise above, and the total.

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * Churn is an event for a subscription and a judgement from silence for a retailer; both
#   follow the lifecycle new → active → dormant → churned, and a model looks for the dormant.
# * One pipeline (scaling, one-hot encoding, model) with a stratified, seeded split makes
#   models comparable and reusable: on TaskFlow the forest beats the logistic regression a
#   little (ROC-AUC about 0.78 vs 0.77), on Telco they tie (about 0.85).
# * Judge a churn score by ranking (ROC-AUC, top-decile lift), by the list it produces
#   (precision and recall at a threshold) and by whether its probabilities are honest
#   (calibration).
# * A call is worth p × s × V − c. The source's 70% rule is precise but catches few churners;
#   choosing whom to call by expected value earns many times more on TaskFlow's test accounts.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | churn | 客户流失 | a customer ending the relationship: cancelling, or no longer buying |
# | churn rate | 流失率 | share of customers who churn in a period |
# | customer lifecycle | 客户生命周期 | the stages new, active, dormant and churned |
# | dormant customer | 沉睡客户 | still a customer on paper, but barely active |
# | churn prediction | 流失预测 | estimating each customer's probability of churning |
# | logistic regression | 逻辑回归 | a model of the log-odds of churn as a weighted sum of features |
# | random forest | 随机森林 | many decision trees on resampled data, their votes averaged |
# | training set / test set | 训练集 / 测试集 | data the model learns from / data kept aside to judge it |
# | precision | 精确率 | share of flagged customers who really churn |
# | recall | 召回率 | share of churners the rule flags |
# | ROC curve, AUC | ROC曲线、AUC | the trade-off between catching churners and bothering stayers; AUC = chance a churner outranks a stayer |
# | lift | 提升度 | how many times the base rate a group's churn rate is |
# | calibration | 校准 | whether predicted probabilities match observed rates |
# | permutation importance | 置换重要性 | drop in a score when one feature is shuffled |
# | customer retention / win-back | 客户挽留 / 客户赢回 | keeping a customer about to leave / bringing back one who left |
# | customer lifetime value | 客户终身价值 | the discounted margin a customer brings over the relationship |
#
# **Case:** `cases/saas_churn` follows TaskFlow through the source's case 2 — the model, the
# 70% rule and the reported result (churn 18% → 12%, customer life 2 → 3 years, lifetime
# value +50%) as arithmetic you can check.
