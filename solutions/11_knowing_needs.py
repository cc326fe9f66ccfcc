# %% [markdown]
# # 11 · Knowing needs: when each customer will run out, and what they always take
#
# When Wang Yongqing started selling rice in Taiwan, most shops waited for customers to come
# in. He kept a notebook instead: how many people lived in each home, how fast a bag of rice
# went down, when the family was paid. A few days before a bag ran out he carried the next
# one to the door, cleaned out the rice jar and put the old rice on top so it would be eaten
# first. A hotel that remembers that a guest drinks carrot juice, and a village grocer who
# knows that Auntie Li wants her soy sauce on Fridays, do the same thing: they **know the
# need before the customer says it**.
#
# FreshMart has no notebook, but it has a till log. Its loyalty cards show when 2,000 member
# households bought five staples — rice, cooking oil, diapers, coffee beans and pet food —
# from January 2024 to February 2025 (the `staples` dataset). This chapter turns that log
# into the rice seller's notebook: each home's rhythm, the day it will run out, the reminder
# that arrives in time, the usual basket, and the quiet sign that a home now shops elsewhere.
#
# **By the end of this notebook you can**
# 1. compute a household's rhythm from a till log (days between purchases, daily use) and
#    forecast when a staple runs out, by hand and for every household;
# 2. explain why a household with little history should borrow from its segment, and read
#    the credibility weight that decides how much;
# 3. evaluate a reminder rule on a holdout period against naive rules, as the share of next
#    purchases it catches, and choose how many days ahead to send it;
# 4. find each customer's usual basket and flag silent switchers, and compare when that
#    signal fires with a churn model;
# 5. match the six ways of finding hidden needs to the data each needs, and say what
#    observation research finds that no log can.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

import helpers
from helpers import churn, data, needs
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch11", globals())
SNAPSHOT = pd.Timestamp("2025-01-01")      # the forecast day: the log before it is the past
HOLDOUT_END = pd.Timestamp("2025-02-28")   # the log after it is what really happened
RICE_PER_PERSON = 0.18                     # kg of rice a person eats a day (the rice seller's rule)


def rounded(frame, digits=3):
    """A table with its decimal columns rounded for display (dates and counts untouched)."""
    return frame.apply(lambda column: column.round(digits) if pd.api.types.is_float_dtype(column) else column)

# %% [markdown]
# ## The log and the membership form

# %%
log = data.load("staples")
households = data.load("staples", "households")
log = log.assign(units=log["pack_size"] * log["quantity"])   # kg, litres or pieces bought on the line
print(f"{len(log):,} purchase lines from {log['household_id'].nunique():,} households, "
      f"{log['date'].min().date()} to {log['date'].max().date()}")
log.groupby("product").agg(lines=("date", "size"), households=("household_id", "nunique"),
                           yuan=("amount", "sum")).round(0).sort_values("lines", ascending=False)

# %% [markdown]
# The membership form gives each home's size and pay day, and when it joined the card scheme
# (2024-01-01 means "before the log starts"):

# %%
households.head()

# %% [markdown]
# ## The rice seller's method, by hand, for three homes
#
# Three homes: `H00004` (3 people, paid on the 15th), `H00009` (2 people, paid on the 1st)
# and `H00050` (4 people, joined in November). Their rice purchases before the snapshot:

# %%
THREE = ["H00004", "H00009", "H00050"]
past = log[log["date"] < SNAPSHOT]
rice3 = past[(past["product"] == "rice") & past["household_id"].isin(THREE)].copy()
rice3["days_to_next"] = rice3.groupby("household_id")["date"].shift(-1).sub(rice3["date"]).dt.days
rice3["use_kg_per_day"] = rice3["units"] / rice3["days_to_next"]
rice3[rice3["household_id"] == "H00009"][["date", "pack_size", "quantity", "units", "days_to_next",
                                         "use_kg_per_day"]]

# %% [markdown]
# Each row's bag lasted until the next purchase: **daily use = kilograms bought ÷ days to
# the next purchase**. The last bag has no "next" yet: that is the one to forecast. The rice
# seller's rule instead starts from the form — people × 0.18 kg a day — and needs no history
# at all. Both, side by side:

# %%
by_hand = (rice3.groupby("household_id")
           .agg(purchases=("date", "size"), mean_days_between=("days_to_next", "mean"),
                use_from_log=("use_kg_per_day", "mean"), last_purchase=("date", "max"),
                last_bag_kg=("units", "last"))
           .join(households.set_index("household_id")[["household_size", "pay_day"]]))
by_hand["use_by_rule"] = by_hand["household_size"] * RICE_PER_PERSON
by_hand["runs_out_log"] = by_hand["last_purchase"] + pd.to_timedelta(
    (by_hand["last_bag_kg"] / by_hand["use_from_log"]).round(), unit="D")
by_hand["runs_out_rule"] = by_hand["last_purchase"] + pd.to_timedelta(
    (by_hand["last_bag_kg"] / by_hand["use_by_rule"]).round(), unit="D")
rounded(by_hand)

# %% [markdown]
# The rule is a fair start, but homes differ: `H00004` eats less than three people "should"
# (0.48 kg a day against 0.54) and `H00009` a little more than two (0.39 against 0.36), and
# the log knows it. `H00050` has only two readings, so its own figure is shaky — which is
# the next section's problem.

# %% [markdown]
# ## The forecast for every home: borrow from the segment when history is short
#
# `needs.runout_forecast` does the same for every household × staple. A home with twenty
# bags behind it has a reliable rhythm; a home seen twice does not. So the forecast
# **shrinks** each home's own mean daily use toward the mean of homes of the same size, with
# the credibility weight `Z = n / (n + k)`: `n` is the number of readings, and `k` compares
# how much one home's readings wobble (σ²) with how much homes really differ (τ²), both
# measured from the log. Few readings or a lot of wobble → lean on the segment.

# %%
size = households.set_index("household_id")["household_size"]
forecast = needs.runout_forecast(log, snapshot=SNAPSHOT, segment=size, customer="household_id", units="units")
forecast[forecast["household_id"].isin(THREE) & (forecast["product"] == "rice")][
    ["household_id", "intervals", "own_mean", "segment_mean", "credibility", "daily_use", "interval_days",
     "last_purchase", "next_due"]].pipe(rounded)

# %% [markdown]
# For `H00004` and `H00009`, with 17 and 13 readings, Z is close to 1 and the forecast is
# their own figure; `H00050`, with two, is pulled toward the four-person homes. The
# picture shows it for every home's rice: dots far from the diagonal are the homes with few
# readings.

# %%
rice = forecast[(forecast["product"] == "rice") & forecast["own_mean"].notna()]
fig, ax = plt.subplots(figsize=(6.5, 5))
points = ax.scatter(rice["own_mean"], rice["daily_use"], c=rice["credibility"], cmap="viridis", s=10)
lim = [0, rice["own_mean"].quantile(0.995)]
ax.plot(lim, lim, color="grey", lw=1, ls="--")
ax.set(xlim=lim, ylim=lim, xlabel="home's own mean use (kg of rice a day)",
       ylabel="forecast use after shrinking (kg a day)", title="Rice: own use vs shrunk use, by credibility")
fig.colorbar(points, label="credibility Z (1 = own history only)")
plt.show()

# %% [markdown]
# ## Does it work? A holdout month
#
# The honest test: forecast on 2025-01-01 using only the past, then look at what the homes
# actually did in January and February. For each home × staple due in January, a reminder
# is sent **3 days before** the forecast day and stays useful for **7 days**; it *catches*
# the next purchase if that falls in the window. Four methods:
#
# * **next month** — the same day next month (a fixed monthly reminder);
# * **population median** — the last purchase + the median interval of all homes for that staple;
# * **own intervals** — the last purchase + the home's own mean interval (no units, no shrinking);
# * **shrunk use** — `runout_forecast` as above: last purchase's units ÷ shrunk daily use.

# %%
LEAD, WINDOW = 3, 7
actual = needs.next_purchases(log, snapshot=SNAPSHOT, until=HOLDOUT_END, customer="household_id")
by_interval = needs.runout_forecast(log, snapshot=SNAPSHOT, segment=None, customer="household_id",
                                    verbose=False).set_index(["household_id", "product"])
intervals = needs.purchase_intervals(past, customer="household_id", verbose=False)
median_gap = intervals.groupby("product")["interval_days"].median()
indexed = forecast.set_index(["household_id", "product"])
due = indexed[(indexed["next_due"] >= SNAPSHOT) & (indexed["next_due"] < "2025-02-01")]
methods = {
    "next month": due["last_purchase"] + pd.DateOffset(months=1),
    "population median": due["last_purchase"] + pd.to_timedelta(
        due.index.get_level_values("product").map(median_gap).to_numpy(), unit="D"),
    "own intervals": (due["last_purchase"] + pd.to_timedelta(
        by_interval["own_mean"].reindex(due.index).round(), unit="D")).dropna(),
    "shrunk use": due["next_due"],
}
rows = []
for product in sorted(due.index.get_level_values("product").unique()):
    for method, predicted in methods.items():
        chosen = predicted[predicted.index.get_level_values("product") == product]
        rows.append({"product": product, "method": method, "pairs": len(chosen),
                     "caught": needs.capture_share(chosen, actual, lead_days=LEAD, window_days=WINDOW)})
capture = pd.DataFrame(rows)
capture_table = capture.pivot(index="product", columns="method", values="caught")[list(methods)]
capture_table.round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
sns.barplot(data=capture, x="product", y="caught", hue="method", hue_order=list(methods), ax=ax)
ax.set(xlabel="", ylabel="share of next purchases caught", ylim=(0, 1),
       title=f"Reminders {LEAD} days before the forecast day, valid {WINDOW} days (holdout Jan–Feb 2025)")
ax.legend(title="", fontsize=9)
plt.show()

# %% [markdown]
# Knowing each home's own use beats every rule that ignores it: for rice the shrunk-use
# forecast catches the next purchase about 72% of the time against 25% for the population
# median and 18% for a monthly reminder. Shrinking matters most where history is short — the
# homes with at most two readings:

# %%
sparse = due.index[due["intervals"] <= 2]
sparse_rows = []
for method, predicted in methods.items():
    chosen = predicted.reindex(sparse).dropna()
    sparse_rows.append({"method": method, "pairs": len(chosen),
                        "caught": needs.capture_share(chosen, actual, lead_days=LEAD, window_days=WINDOW)})
pd.DataFrame(sparse_rows).round(3)

# %% [markdown]
# ## When to send the reminder
#
# A reminder costs a message; a caught purchase is worth the margin of a bag that would
# otherwise have been bought elsewhere. For rice, say 8 yuan of margin and 0.10 yuan a
# message: `needs.reminder_plan` tries each lead and keeps the best.

# %%
rice_due = due[due.index.get_level_values("product") == "rice"]["next_due"]
plan = needs.reminder_plan(rice_due, actual, leads=range(0, 8), window_days=WINDOW, value_per_catch=8.0,
                           cost_per_message=0.10)
plan.round(3)

# %%
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.plot(plan["lead_days"], plan["capture_share"], marker="o")
ax.set(xlabel="days before the forecast day the reminder is sent", ylabel="share of next purchases caught",
       title="Rice: catch rate by reminder lead (7-day window)", ylim=(0, 1))
plt.show()

# %% [markdown]
# Too early and the bag is not empty yet; too late and the home has already bought. Because
# every home gets one message whatever the lead, the cost does not move the best lead — it
# decides whether messaging a home pays at all (here 8 yuan × the catch rate is far above
# 0.10 yuan).

# %% [markdown]
# ## The usual basket: the carrot juice in the log
#
# The hotel remembered one guest's carrot juice. `needs.usual_basket` remembers every
# member's: the staples a home keeps buying, the pack it takes and when it last did.

# %%
usual = needs.usual_basket(log, snapshot=SNAPSHOT, customer="household_id", pack="pack_size")
rounded(usual[usual["household_id"].isin(THREE)])

# %% [markdown]
# ## The silent switcher
#
# A home that moves its shopping to a competitor says nothing. But its rhythm stops: every
# staple goes quiet at once. `needs.switch_signal` flags a home when it has bought **none** of
# its staples for more than three times its fastest rhythm (its rice cycle, usually) and at
# least 21 days: one late staple is a holiday or a bag bought elsewhere; silence on all of
# them is a customer gone.
#
# The planted truth (table `truth`) says which 200 homes switched, and when. How soon after
# the switch does the signal fire — and how soon does a chapter-7 churn model, trained on
# recency, frequency and spend, notice the same homes? Both are run at every Sunday from
# May to December 2024.

# %%
truth = data.load("staples", "truth").drop_duplicates("household_id").set_index("household_id")
sundays = pd.date_range("2024-05-05", "2024-12-29", freq="W-SUN")


def rfm_features(snapshot):
    """Recency, purchases and spend in the 180 days before the snapshot, per home that had bought."""
    window = log[(log["date"] < snapshot) & (log["date"] >= snapshot - pd.Timedelta(days=180))]
    before = log[log["date"] < snapshot]
    table = pd.DataFrame({
        "recency_days": (snapshot - before.groupby("household_id")["date"].max()).dt.days,
        "purchases_180d": window.groupby("household_id")["date"].nunique(),
        "spend_180d": window.groupby("household_id")["amount"].sum()}).fillna(0.0)
    return table


train_at = pd.Timestamp("2024-04-28")
train = rfm_features(train_at)
later = log[(log["date"] >= train_at) & (log["date"] < train_at + pd.Timedelta(days=60))]
train["lapsed_60d"] = ~train.index.isin(later["household_id"])
model = churn.fit_churn_model(train, "lapsed_60d", ["recency_days", "purchases_180d", "spend_180d"])

first_flag = {"switch signal": {}, "churn model": {}}
for sunday in sundays:
    signal = needs.switch_signal(needs.runout_forecast(log, snapshot=sunday, segment=size, customer="household_id",
                                                       units="units", verbose=False), customer="household_id")
    for home in signal.loc[signal["silent_switcher"], "household_id"]:
        first_flag["switch signal"].setdefault(home, sunday)
    scores = churn.churn_probability(model, rfm_features(sunday))
    for home in scores.index[scores >= 0.5]:
        first_flag["churn model"].setdefault(home, sunday)

switched = truth[truth["switched"]]
timing = pd.DataFrame({name: pd.Series(flags) for name, flags in first_flag.items()}).reindex(switched.index)
delay = timing.sub(switched["switch_date"], axis=0).apply(lambda col: col.dt.days)
stayed = truth.index[~truth["switched"]]
both = delay.dropna()
print(f"{len(both)} switchers are flagged by both; the rhythm signal comes first by a median of "
      f"{(both['churn model'] - both['switch signal']).median():.0f} days.")
flag_summary = pd.DataFrame({
    "switchers flagged by December": timing.notna().sum(),
    "median days after the switch": delay.median(),
    "homes that stayed but were flagged": pd.DataFrame({n: pd.Series(f) for n, f in first_flag.items()})
    .reindex(stayed).notna().sum(),
})
flag_summary

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for name in delay.columns:
    values = np.sort(delay[name].dropna().to_numpy())
    ax.step(values, np.arange(1, len(values) + 1) / len(switched), where="post", label=name)
ax.set(xlabel="days after the switch until the home is flagged", ylabel="share of the 200 switchers flagged",
       title="Who notices a silent switcher first?", xlim=(0, None), ylim=(0, 1))
ax.legend()
plt.show()

# %% [markdown]
# By the end of December the rhythm signal has flagged 161 of the 200 switchers, a median of
# 58 days after they left; the churn model, which waits for recency to grow past what it
# learned in spring, has flagged 32, a median of 218 days after. Where both fire, the rhythm
# comes first by months. The price is a false alarm now and then (here one home that was
# only away): a reminder or a small surprise is a cheap way to find out which is which.

# %% [markdown]
# ## Six ways to find a hidden need, and the data each needs
#
# The textbook lists six ways to discover needs a customer has not voiced. A till log
# serves some of them; others need data that only talking, watching or listening gives.

# %%
ways = pd.DataFrame([
    ("behaviour data (purchase history)", "till log, app clicks", "yes: this chapter's rhythms and usual baskets"),
    ("open, situational questions", "interviews, service conversations", "no: needs words, not transactions"),
    ("empathy with the customer's context", "visits, diaries, front-line staff", "no: needs the setting and feelings"),
    ("pattern mining across customers", "pooled logs, segments", "yes: chapter 6's rules, segment rhythms"),
    ("small surprises with feedback", "a test offer and its response", "partly: needs an experiment (chapter 9)"),
    ("complaints and unmet expectations", "complaint records, surveys", "partly: text, not till lines (chapter 5)"),
], columns=["way to find hidden needs", "data it needs", "can the till log serve it?"])
ways

# %% [markdown]
# **Observation research** — watching what people do, as the team that filmed a department
# store's entrance did (shoppers brushed from behind by passers-by left the shelf) — finds
# what no log records: what happened just before a purchase that did *not* happen. It shows
# real behaviour in its setting and reveals needs nobody thought to ask about. But it shows
# *what*, not *why*; it is slow and costly, its samples are small, and filming people raises
# consent and privacy questions (chapter 10). The log and the observer answer different
# questions; a good grocer uses both.

# %% [markdown]
# ## Exercises
#
# Each exercise says which objectives it practises and its kind: *checked*, *transfer* (the
# same idea on another product, period or parameter), *stretch* or *written*. Numbers are
# accepted when they agree to the precision the exercise asks for.
#
# ### Exercise 1 — One home's rhythm
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# What is the **mean number of days between rice purchases** of household `H00012`, using
# only purchases before `SNAPSHOT`? Store it in `mean_gap_h12` (at least 3 significant
# figures).

# %%
# BEGIN SOLUTION
h12 = log[(log["household_id"] == "H00012") & (log["product"] == "rice") & (log["date"] < SNAPSHOT)]
mean_gap_h12 = h12["date"].sort_values().diff().dt.days.mean()
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — The rice seller's rule
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# By the rice seller's rule (`RICE_PER_PERSON` kg a person a day), how many **days** does a
# 10 kg bag last a home of **5 people**? Store it in `bag_days` (at least 3 significant
# figures).

# %%
# BEGIN SOLUTION
bag_days = 10 / (5 * RICE_PER_PERSON)
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Reminders for cooking oil
# *Level ★★☆ · about 10 min · objectives 1, 3 · transfer*
#
# The text evaluated rice. Do the same for **cooking oil**: of the oil pairs in `due`, what
# share of next purchases does the *shrunk use* forecast catch with a reminder 3 days ahead
# and a 7-day window? Store the share (between 0 and 1) in `oil_capture` (at least 3
# significant figures).

# %%
# BEGIN SOLUTION
oil_due = due[due.index.get_level_values("product") == "cooking oil"]["next_due"]
oil_capture = needs.capture_share(oil_due, actual, lead_days=3, window_days=7)
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — How early for diapers?
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# Diapers run out fast and a missed pack goes to the pharmacy next door. With
# `needs.reminder_plan` on the diaper pairs in `due` (leads 0 to 7 days, a 7-day window,
# 15 yuan a caught purchase, 0.20 yuan a message), what **share** of next purchases does the
# best lead catch? Store it in `diapers_best_capture` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
diaper_due = due[due.index.get_level_values("product") == "diapers"]["next_due"]
diaper_plan = needs.reminder_plan(diaper_due, actual, leads=range(0, 8), window_days=7, value_per_catch=15.0,
                                  cost_per_message=0.20)
diapers_best_capture = diaper_plan.loc[diaper_plan["best"], "capture_share"].iloc[0]
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — Silent switchers at the end of November
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# Run the forecast at **2024-11-30** (segment by household size, with units) and count the
# **households** that `needs.switch_signal` flags as silent switchers with a stricter
# `factor=4` (other settings as in the text). Store the count in `n_switchers_nov`.

# %%
# BEGIN SOLUTION
november = needs.runout_forecast(log, units="units", snapshot="2024-11-30", segment=size,
                                 verbose=False, customer="household_id")
n_switchers_nov = int(needs.switch_signal(november, factor=4, customer="household_id")["silent_switcher"].sum())
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — Write the credibility weight
# *Level ★★★ · about 15 min · objective 2 · stretch*
#
# Write a function `credibility(n, sigma2, tau2)` that returns Bühlmann's weight
# `Z = n / (n + k)` with `k = sigma2 / tau2`, for a home with `n` readings whose readings
# wobble with variance `sigma2` while homes differ with variance `tau2`. It must work for
# plain numbers; the check calls it on values of its own.

# %%
# BEGIN SOLUTION
def credibility(n, sigma2, tau2):
    return n / (n + sigma2 / tau2)
# END SOLUTION


# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — Whose forecast leans on the segment?
# *Level ★☆☆ · about 3 min · objective 2 · checked*
#
# Which home's forecast is pulled **most** toward the mean of its segment? Store the letter
# in `leans_most` (e.g. `"A"`).
#
# - **A** a home with 20 readings whose use barely changes from bag to bag
# - **B** a home with 2 readings, in a segment whose homes all eat about the same
# - **C** a home with 20 readings, in a segment whose homes differ a lot
# - **D** a home with 2 readings, in a segment whose homes differ a lot

# %%
# BEGIN SOLUTION
leans_most = "B"
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — What the log cannot tell (written answer)
# *Level ★★☆ · about 10 min · objective 5 · written*
#
# FreshMart's new manager wants to "find hidden needs from the data alone". Using the table
# of six ways above, name two ways that the till log cannot serve and what data each would
# need instead, and say one thing observation research would add and one of its costs.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* Open, situational questions need the customer's own words (service
# conversations, interviews), and empathy with the customer's context needs people who see
# the setting — front-line staff, home visits, diaries; neither leaves a trace in the till
# log. Observation research would show what happens *before* a purchase that never
# happens — like the shoppers who left the shelf after being brushed from behind — which a
# log of completed purchases cannot contain. Its costs: it is slow and expensive, the
# samples are small, it shows what people do but not why, and filming customers needs
# consent.
#
# **Rubric.**
# - *Full:* names two of the log-blind ways (open questions, empathy with context, or the
#   partly-served complaints and small surprises with the right reason) with the data each
#   needs, plus one gain of observation research (real behaviour in its setting, needs nobody
#   asked about, non-purchases) and one cost (time, money, small samples, no motives, privacy).
# - *Partial:* names two ways but not the data they need, or gives the observation part only
#   halfway (a gain without a cost).
# - *Weak:* says the log can find every need with more data, or lists ways without saying
#   why the log cannot serve them.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Where you stand

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * A staple's **rhythm** is in the log: days between purchases, and better, **daily use** =
#   units bought ÷ days until the next purchase, which survives pack changes.
# * Forecast the run-out as last purchase + last pack ÷ daily use; **shrink** homes with
#   little history toward their segment with the credibility weight `Z = n / (n + k)`.
# * Judge a reminder rule on a **holdout**: the share of next purchases caught in its window.
#   At FreshMart the home's own use catches about three times as many rice purchases as the
#   population median, and four times as many as a monthly reminder.
# * The **usual basket** is the till log's memory of the carrot juice; the **silent-switcher**
#   signal — every staple overdue at once — notices a lost home weeks before recency does.
# * Logs show behaviour; questions, empathy and observation show motives. Use both.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | customer need | 客户需求 | what a customer wants; purposeful, inducible, diverse, layered and changeable |
# | hidden (latent) need | 隐性需求 | a need the customer has not voiced, or not yet noticed |
# | inter-purchase interval | 购买间隔 | days between two purchases of the same product by the same customer |
# | consumption rate, daily use | 消耗速度 / 日消耗量 | how much of a staple a home uses a day |
# | run-out forecast | 用完预测 | the day the last pack is expected to be empty |
# | replenishment reminder | 补货提醒 | a message timed to arrive just before the run-out |
# | credibility weight, shrinkage | 可信度权重 / 收缩估计 | how much a customer's own history counts against the segment's |
# | holdout period | 留出期 / 检验期 | data kept back to test a forecast on what really happened |
# | usual basket | 常购清单 | the products and packs a customer keeps buying |
# | silent switcher | 沉默流失客户 | a customer who moved to a competitor without saying so |
# | observation research | 观察法 | learning from watching real behaviour in its setting |
#
# **Cases:** `cases/rice_delivery` runs the rice seller's delivery round on this log.
