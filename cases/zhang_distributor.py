# %% [markdown]
# # Case · Manager Zhang: more customers, no more profit
#
# *Chapter 3 (the customer pyramid). Data: `distributor` (simulated; the source's case 3.7
# gives the story but no figures).*
#
# Zhang leads the sales team of a food-and-drinks wholesaler in a mid-sized city. For years
# the company lived off a few hundred steady accounts: supermarkets, canteens, restaurants,
# convenience stores and groceries. At the start of 2024 the owner set a growth target and
# paid a bonus for every new account signed. The team delivered: 200 new accounts, the
# largest customer list the company had ever had, and trucks out from dawn to late evening.
# When the books for 2024 closed, profit was lower than in 2023.
#
# Zhang's own explanation was that the new accounts "need time". The finance director's was
# that the team had been "selling to anyone who would sign". This case tests both with the
# company's account data and prices what Zhang could do next.
#
# **Questions**
# 1. Why did 43% more accounts not bring more profit?
# 2. Which accounts destroy value, and what do they have in common? Would grading the
#    accounts by RFM (as the textbook answer suggests) have found them?
# 3. What would repricing or dropping them be worth, and what would dedicated service for the
#    profitable old accounts be worth? How could new accounts be screened?

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.pyramid import customer_profit, pyramid_tiers, tier_summary, whale_summary
from helpers.rfm import rfm_scores, rfm_table

rng = helpers.setup_notebook()
ANALYSIS_DATE = pd.Timestamp("2025-01-01")

accounts = data.load("distributor")
orders = data.load("distributor", table="orders")
profit = {year: customer_profit(accounts[accounts["year"] == year]).join(
    accounts[accounts["year"] == year].set_index("account_id")[["segment", "opened", "orders", "deliveries",
                                                                  "returns", "service_contacts", "days_to_pay"]])
          for year in (2023, 2024)}
print(f"{len(accounts):,} account-years and {len(orders):,} orders loaded.")

# %% [markdown]
# Profit here is profit after the cost to serve: gross profit minus 35 yuan per order, 110 per
# delivery, 180 per return, 50 per service contact and 6% a year on unpaid invoices (the
# company's activity costs, table `cost_rates`; chapter 3 builds them by hand).

# %% [markdown]
# ## 1 · Where did the growth go?
#
# Split the accounts into groups that explain the change from 2023 to 2024: old accounts that
# stayed, old accounts that left, accounts opened during 2023 (a part year in 2023, a full
# year in 2024) and accounts opened in 2024.

# %%
def group_of(table, lost_ids):
    return np.select([table["opened"] == 2024, table["opened"] == 2023, table.index.isin(lost_ids)],
                     ["opened in 2024", "opened in 2023", "old, lost after 2023"], "old, kept")


lost_ids = profit[2023].index.difference(profit[2024].index)
bridge = pd.DataFrame({
    2023: profit[2023].groupby(group_of(profit[2023], lost_ids))["profit"].sum(),
    2024: profit[2024].groupby(group_of(profit[2024], lost_ids))["profit"].sum(),
}).reindex(["old, kept", "old, lost after 2023", "opened in 2023", "opened in 2024"]).fillna(0.0)
for year in (2023, 2024):
    bridge[f"accounts_{year}"] = (pd.Series(group_of(profit[year], lost_ids)).value_counts()
                                  .reindex(bridge.index).fillna(0).astype("int64"))
bridge["change"] = bridge[2024] - bridge[2023]
bridge.loc["total"] = bridge.sum()
first_order_2024 = orders[orders["date"].dt.year == 2024].groupby("account_id")["date"].min()
days_served = (ANALYSIS_DATE - first_order_2024.loc[profit[2024].index[profit[2024]["opened"] == 2024]]).dt.days
print(f"Accounts opened in 2024 were served for {days_served.mean():.0f} days on average "
      f"({days_served.mean() / 366:.0%} of the year).")
bridge.round(0)

# %%
steps = bridge.loc[bridge.index != "total", "change"]
start = bridge.loc["total", 2023]
levels = start + steps.cumsum().shift(fill_value=0)
fig, ax = plt.subplots(figsize=(8, 4))
ax.bar(["2023 profit"], [start / 1e6], color="#7f7f7f")
ax.bar(steps.index, steps / 1e6, bottom=levels / 1e6, color=["#0173b2" if v >= 0 else "#d55e00" for v in steps])
ax.bar(["2024 profit"], [bridge.loc["total", 2024] / 1e6], color="#7f7f7f")
for x, (change, level) in enumerate(zip(steps, levels), start=1):
    ax.annotate(f"{change / 1000:+,.0f}k", (x, (level + max(change, 0)) / 1e6 + 0.02), ha="center", fontsize=9)
ax.set_ylim(3.0, 4.4)
ax.set_title("From 2023 to 2024 profit: what each group of accounts added or took away")
ax.set_ylabel("Profit after cost to serve\n(million yuan; axis starts at 3)")
ax.tick_params(axis="x", labelrotation=15)
plt.show()

# %% [markdown]
# **Answer 1.** The old accounts did their part: the ones that stayed earned more in 2024 than
# in 2023, and the twenty that left were small. The accounts opened in 2023 broke about even.
# The 200 accounts opened in 2024 brought revenue but, after the cost to serve them,
# *lost* money as a group — enough to wipe out the old accounts' growth. Zhang's "they need
# time" is partly fair (a 2024 account had on average only half a year of business), so the
# next question is whether the losses come from being new or from being a particular kind of
# account.

# %% [markdown]
# ## 2 · Which accounts destroy value?

# %%
p24 = profit[2024]
p24["loss_making"] = p24["profit"] < 0
p24["revenue_per_order"] = p24["revenue"] / p24["orders"]
p24["extra_trips_per_order"] = (p24["deliveries"] - p24["orders"]) / p24["orders"]
p24["returns_per_100_orders"] = 100 * p24["returns"] / p24["orders"]
profile = (p24.groupby("loss_making")[["revenue", "revenue_per_order", "extra_trips_per_order",
                                      "returns_per_100_orders", "days_to_pay"]].median())
profile.insert(0, "accounts", p24.groupby("loss_making").size())
profile.index = ["profitable", "loss-making"]
losses = p24.loc[p24["loss_making"], "profit"]
print(f"{len(losses)} of {len(p24)} accounts ({len(losses) / len(p24):.1%}) lose money, together "
      f"{-losses.sum():,.0f} yuan ({-losses.sum() / p24['profit'].sum():.0%} of 2024 profit); "
      f"{(p24.loc[p24['loss_making'], 'opened'] >= 2023).mean():.0%} of them were opened in 2023–2024.")
profile.round(2)

# %% [markdown]
# The loss-makers are not simply the smallest accounts. Their typical order is about two fifths
# of a profitable account's, they ask for several times as many extra trips per order, they
# send goods back about four times as often and they pay two weeks later. Where they come
# from:

# %%
where = (p24.assign(cohort=np.where(p24["opened"] >= 2023, "opened 2023–2024", "old"))
         .groupby(["segment", "cohort"])
         .agg(accounts=("profit", "size"), loss_makers=("loss_making", "sum"), profit=("profit", "sum")))
where["loss_share"] = where["loss_makers"] / where["accounts"]
where.round({"profit": 0, "loss_share": 2})

# %%
worst = p24.nsmallest(10, "profit")[["segment", "opened", "revenue", "gross_profit", "cost_to_serve", "profit",
                                     "revenue_per_order", "extra_trips_per_order", "days_to_pay"]]
worst.round({"revenue": 0, "gross_profit": 0, "cost_to_serve": 0, "profit": 0, "revenue_per_order": 0,
             "extra_trips_per_order": 2})

# %% [markdown]
# ### Would RFM grading have found them?
#
# The textbook answer to this case is to grade customers with RFM. Score the 2024 orders with
# `helpers.rfm` (recency at 2025-01-01, frequency = orders, monetary = revenue) and look at the
# share of loss-makers in each frequency and monetary score:

# %%
orders_2024 = orders[orders["date"].dt.year == 2024]
rfm = rfm_scores(rfm_table(orders_2024, customer="account_id", date="date", amount="amount",
                           order="order_id", snapshot=ANALYSIS_DATE, returns=None))
graded = rfm.join(p24[["profit", "loss_making"]])
by_score = pd.DataFrame({
    "loss_share_by_F": graded.groupby("F")["loss_making"].mean(),
    "loss_share_by_M": graded.groupby("M")["loss_making"].mean(),
    "profit_by_M": graded.groupby("M")["profit"].sum(),
})
by_score.index.name = "score (5 = best)"
by_score.round(2)

# %% [markdown]
# RFM sees buying, not costing. Frequency is the worst guide here: for a wholesaler an order
# is a cost, so the accounts that order most often include many of the worst. Monetary value
# does better (big accounts are rarely loss-makers), but a quarter to two fifths of the
# accounts with middling monetary scores (2 and 3) lose money. RFM is a good first cut for a
# retailer whose customers cost the same to serve; for Zhang the grade has to be **profit
# after the cost to serve**, with RFM as a second view (recency still says who is drifting
# away).

# %% [markdown]
# **Answer 2.** 189 of the 600 accounts (31.5%) destroyed value in 2024, together 1.46 million
# yuan — 39% of the company's profit. Three quarters of them were opened in 2023–2024. They are
# mostly convenience stores, restaurants and groceries that order small amounts often, want
# extra trips, return goods and pay late. The problem is how they buy, not only how new they
# are: old accounts of the same kind lose money too.

# %% [markdown]
# ## 3 · What could Zhang do, and what is it worth?
#
# Every action changes the drivers or rates of some accounts; `customer_profit` prices the
# result. The numbers depend on the assumptions written beside them.

# %%
base = accounts[accounts["year"] == 2024].set_index("account_id").loc[p24.index]
losers = p24.index[p24["loss_making"]]

# (a) Reprice the loss-makers: 60 yuan per extra trip, 100 yuan per return, and a minimum
# order of 1,000 yuan (smaller orders are combined in pairs, halving their orders and drops).
small = orders_2024[orders_2024["amount"] < 1_000].groupby("account_id").size()
combined = (small.reindex(losers).fillna(0) // 2).astype("int64")
repriced = base.loc[losers].copy()
repriced["revenue"] += 60 * (repriced["deliveries"] - repriced["orders"]) + 100 * repriced["returns"]
repriced["orders"] -= combined
repriced["deliveries"] -= combined
after_reprice = customer_profit(repriced.reset_index())["profit"]
reprice_gain = float(after_reprice.sum() - p24.loc[losers, "profit"].sum())

# (b) Let go of the accounts that still lose money after repricing, assuming all their cost to
# serve disappears with them (see the sensitivity below).
still_losing = after_reprice[after_reprice < 0]
drop_gain = float(-still_losing.sum())

# (c) Dedicated service for the profitable old accounts (opened before 2023, platinum or gold):
# two key-account managers (300,000 yuan a year in all) who win 10% more of their business.
tiers = pyramid_tiers(p24["profit"])
key_old = p24.index[(p24["opened"] < 2023) & tiers.isin(["platinum", "gold"]).to_numpy()]
key_gain = 0.10 * float(p24.loc[key_old, "profit"].sum()) - 300_000

actions = pd.DataFrame({
    "action": ["(a) reprice the loss-makers", "(b) let go of those still losing",
               "(c) key-account service for profitable old accounts"],
    "accounts": [len(losers), len(still_losing), len(key_old)],
    "profit_change": [reprice_gain, drop_gain, key_gain],
})
actions["pct_of_2024_profit"] = 100 * actions["profit_change"] / p24["profit"].sum()
print(f"Repricing turns {int((after_reprice >= 0).sum())} of the {len(losers)} loss-makers profitable.")
actions.round({"profit_change": 0, "pct_of_2024_profit": 1})

# %% [markdown]
# Letting go is only as good as the savings are real. A delivery route still runs when one
# small drop leaves it; the salesperson's salary does not shrink. If only part of the dropped
# accounts' cost to serve disappears:

# %%
dropped = customer_profit(repriced.loc[still_losing.index].reset_index())
sensitivity = pd.DataFrame({"share_of_cost_saved": [1.0, 0.8, 0.6, 0.4]})
sensitivity["profit_change"] = [s * dropped["cost_to_serve"].sum() - dropped["gross_profit"].sum()
                                for s in sensitivity["share_of_cost_saved"]]
print(f"Break-even: {dropped['gross_profit'].sum() / dropped['cost_to_serve'].sum():.0%} of their cost to serve "
      "must disappear.")
sensitivity.round({"profit_change": 0})

# %% [markdown]
# Dedicated service must win at least this much more business from the old key accounts to
# pay for itself:

# %%
print(f"{len(key_old)} profitable old accounts earn {p24.loc[key_old, 'profit'].sum():,.0f} yuan; "
      f"300,000 yuan of service pays for itself at "
      f"{300_000 / p24.loc[key_old, 'profit'].sum():.1%} more business.")

# %% [markdown]
# ### Screening new accounts
#
# Could Zhang have seen the loss-makers coming? Take each account opened in 2024 and look only
# at its **first five orders**: their average size is known within weeks of signing. A simple
# rule — keep serving on standard terms only if the first orders average at least 1,000 yuan,
# otherwise move the account to a minimum-order, delivery-fee tariff:

# %%
opened_2024 = p24.index[p24["opened"] == 2024]
first_orders = (orders_2024[orders_2024["account_id"].isin(opened_2024)]
                .sort_values(["account_id", "date", "order_id"], kind="mergesort")
                .groupby("account_id").head(5)
                .groupby("account_id")["amount"].mean())
screen = pd.DataFrame({"first_orders_average": first_orders, "loss_making": p24.loc[first_orders.index, "loss_making"]})
screen["flagged"] = screen["first_orders_average"] < 1_000
confusion = pd.crosstab(screen["flagged"].map({True: "flagged", False: "not flagged"}),
                        screen["loss_making"].map({True: "loss-making", False: "profitable"}))
confusion

# %%
caught = confusion.loc["flagged", "loss-making"] / confusion["loss-making"].sum()
false_alarm = confusion.loc["flagged", "profitable"] / confusion.loc["flagged"].sum()
print(f"The rule flags {caught:.0%} of the 2024 accounts that went on to lose money; "
      f"{false_alarm:.0%} of the flagged accounts were in fact profitable.")

# %% [markdown]
# **Answer 3.**
# * **Reprice before dropping.** Fees for extra trips and returns and a minimum order are worth
#   about a third of 2024's profit, if the accounts accept them, and keep every account that is
#   willing to pay its way; about a quarter of the loss-makers become profitable.
# * **Let go of what still loses money, carefully.** Dropping the rest adds less, and only if
#   more than four fifths of their cost to serve truly disappears — true for picking, calls and
#   single drops, much less so for routes and salaries. Zhang should let accounts go route by
#   route, where a whole trip can be saved, and keep those with a reason to grow.
# * **Give the profitable old accounts a dedicated team.** Two key-account managers pay for
#   themselves with about 9% more business from these 113 accounts; more importantly, they
#   protect the accounts that earn the company's profit while the sales team chases new ones.
# * **Screen new accounts on how they buy, not on whether they sign.** Their first five orders
#   already separate most future loss-makers. Paying the sales team on profit after the cost to
#   serve, not on accounts signed, removes the incentive that caused the problem.
#
# These are the source's recommendations — grade customers by value, serve the profitable old
# ones well, screen new ones, serve the low-potential ones cheaply and drop the negative-profit
# ones — each with its price attached.
