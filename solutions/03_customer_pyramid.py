# %% [markdown]
# # 3 · The customer pyramid: who earns money, and who costs it
#
# Manager Zhang runs sales at a food-and-drinks wholesaler. In 2024 his team worked harder
# than ever and signed up 200 new accounts: shops, restaurants, canteens. The account list
# grew by almost half and revenue by about a quarter. At the year-end meeting the finance
# director put one number on the screen: profit had not grown at all — it had slipped. More
# customers, more work, no more money. Where did it go?
#
# The answer is that a customer's revenue tells you what they buy, not what they cost. Every
# order has to be taken and picked, every delivery needs a truck and a driver, every return
# has to be collected and written off, every call takes someone's time, and every day an
# invoice goes unpaid ties up money. Once those costs are charged to the accounts that cause
# them, some customers turn out to make the company rich and others quietly make it poorer.
# The **customer pyramid** (客户金字塔) sorts customers by what they earn for the firm, so that
# each tier gets the treatment it deserves.
#
# **By the end of this notebook you can**
# 1. compute each customer's profit after the cost to serve them, driver by driver;
# 2. sort customers into platinum, gold, iron and lead tiers and draw the pyramid;
# 3. measure concentration with a Lorenz curve and the Gini index, and read a whale curve;
# 4. answer the case's questions with data: do the pyramid and the long tail conflict, and
#    should all customers be treated the same?
# 5. put a number on the profit effect of an action for each tier.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.checks import checker
from helpers.pyramid import (DEFAULT_RATES, customer_profit, gini, lorenz, plot_pyramid,
                             pyramid_tiers, tier_summary, whale_curve, whale_summary)

rng = helpers.setup_notebook()
check = checker("ch03", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # the books for 2023 and 2024 are closed

# %% [markdown]
# ## The idea by hand: three accounts
#
# Take three of Zhang's kinds of customer, one year each. A supermarket buys a lot in big
# orders; a canteen buys steadily; a small restaurant orders almost daily in small amounts,
# asks for extra runs when it runs out, sends goods back and pays late.

# %%
tiny = pd.DataFrame({
    "account_id": ["supermarket", "canteen", "restaurant"],
    "revenue": [300_000.0, 150_000.0, 60_000.0],
    "cost_of_goods": [261_000.0, 127_500.0, 49_200.0],
    "orders": [60, 50, 120],
    "deliveries": [63, 52, 160],
    "returns": [2, 1, 12],
    "service_contacts": [8, 6, 40],
    "days_to_pay": [50, 45, 70],
})
tiny

# %% [markdown]
# The company's activity costs (table `cost_rates` of the dataset) say what each driver
# costs:

# %%
cost_rates = data.load("distributor", table="cost_rates")
cost_rates

# %% [markdown]
# Profit is gross profit (revenue − cost of goods) minus the **cost to serve** (服务成本): each
# driver times its rate, plus the cost of waiting for payment, revenue × days ÷ 365 × 6%.
# For the restaurant: gross profit 60,000 − 49,200 = 10,800 yuan; orders 120 × 35 = 4,200;
# deliveries 160 × 110 = 17,600; returns 12 × 180 = 2,160; contacts 40 × 50 = 2,000; payment
# 60,000 × 70/365 × 0.06 ≈ 690. The cost to serve is about 26,650 yuan, so the restaurant
# **loses about 15,850 yuan a year** although it looks like a decent customer by revenue.

# %%
by_hand = tiny.set_index("account_id")
by_hand["gross_profit"] = by_hand["revenue"] - by_hand["cost_of_goods"]
by_hand["cost_to_serve"] = (
    by_hand["orders"] * 35 + by_hand["deliveries"] * 110 + by_hand["returns"] * 180
    + by_hand["service_contacts"] * 50 + by_hand["revenue"] * by_hand["days_to_pay"] / 365 * 0.06
)
by_hand["profit"] = by_hand["gross_profit"] - by_hand["cost_to_serve"]
by_hand[["revenue", "gross_profit", "cost_to_serve", "profit"]].round(0)

# %% [markdown]
# `helpers.pyramid.customer_profit` does the same, keeps each driver's cost in its own
# column, and lets you change any rate (`rates={"deliveries": 90}`) or add a driver of your
# own. Its default rates are Zhang's. Both give the same profits:

# %%
helper_profit = customer_profit(tiny)
helper_profit.round(0)

# %%
same_order = helper_profit["profit"].loc[by_hand.index]
print("by hand and helper agree:", np.allclose(by_hand["profit"], same_order))

# %% [markdown]
# ## Zhang's accounts: the revenue view
#
# The dataset `distributor` holds one row per account and year with the same columns (its
# card is `datasets/distributor/README.md`). We load it once and split it by year.

# %%
accounts = data.load("distributor")
accounts.head()

# %%
accounts_2023 = accounts[accounts["year"] == 2023]
accounts_2024 = accounts[accounts["year"] == 2024]
profit_2023 = customer_profit(accounts_2023)
profit_2024 = customer_profit(accounts_2024)


def year_totals(profit):
    return pd.Series({
        "accounts": len(profit),
        "revenue": profit["revenue"].sum(),
        "gross_profit": profit["gross_profit"].sum(),
        "cost_to_serve": profit["cost_to_serve"].sum(),
        "profit": profit["profit"].sum(),
        "loss_making_accounts": int((profit["profit"] < 0).sum()),
    })


years = pd.DataFrame({2023: year_totals(profit_2023), 2024: year_totals(profit_2024)})
years["change_pct"] = 100 * (years[2024] / years[2023] - 1)
years.round(1)

# %% [markdown]
# This is Zhang's puzzle in one table. Accounts up 43%, revenue up about a quarter, gross
# profit up about as much — everything the sales team is measured on went well. But the cost
# to serve grew by half, and profit after it went *down*. The number of accounts losing money
# almost tripled.

# %% [markdown]
# ## The profit view: revenue is not profit
#
# Rank the 2024 accounts by revenue and by profit. If revenue told the whole story, the two
# rankings would agree.

# %%
profit_2024 = profit_2024.join(accounts_2024.set_index("account_id")[["segment", "opened"]])
profit_2024["account_age"] = np.where(profit_2024["opened"] >= 2023, "opened 2023–2024", "older account")
ranks = pd.DataFrame({
    "revenue_rank": profit_2024["revenue"].rank(ascending=False, method="first"),
    "profit_rank": profit_2024["profit"].rank(ascending=False, method="first"),
})
print(f"Rank correlation between revenue and profit: {ranks.corr(method='spearman').iloc[0, 1]:.2f}")
among_top_revenue = profit_2024.nlargest(100, "revenue")
print(f"Of the 100 largest accounts by revenue, {int((among_top_revenue['profit'] < 0).sum())} lose money.")
losing = profit_2024[profit_2024["profit"] < 0]
big_losing = losing[losing["revenue"] > 100_000]
print(f"{len(losing)} accounts lose money, {(losing['opened'] >= 2023).mean():.0%} of them opened in 2023–2024; "
      f"{len(big_losing)} buy more than 100,000 yuan a year, {(big_losing['opened'] >= 2023).sum()} of those opened "
      f"in 2023–2024.")

# %%
fig, ax = plt.subplots(figsize=(8, 5))
for label, group in profit_2024.groupby("account_age", sort=True):
    ax.scatter(group["revenue"] / 1000, group["profit"] / 1000, s=14, alpha=0.7, label=label)
ax.axhline(0, color="black", lw=1)
off_chart = profit_2024[profit_2024["profit"] > 130_000]
for account, row in off_chart.iterrows():
    ax.annotate(f"{account}: {row['profit'] / 1000:,.0f} ↑", (row["revenue"] / 1000, 125), ha="right", fontsize=9)
ax.set_ylim(-80, 135)
ax.set_xscale("log")
ax.set_title("Zhang's accounts in 2024: revenue against profit after cost to serve")
ax.set_xlabel("Revenue in 2024 (thousand yuan, log scale)")
ax.set_ylabel("Profit after cost to serve (thousand yuan)")
ax.legend(title="account")
plt.show()

# %% [markdown]
# Below the black line sit the accounts that cost more than they bring. They are not only
# the smallest ones: 43 of them buy more than 100,000 yuan a year and still lose money, and
# about half of those are recent. Where does their cost come from? Compare what each driver
# costs per 100 yuan of revenue for the profitable and the loss-making accounts:

# %%
cost_columns = ["orders_cost", "deliveries_cost", "returns_cost", "service_contacts_cost", "payment_cost"]
profit_2024["makes_money"] = np.where(profit_2024["profit"] >= 0, "profitable", "loss-making")
per_100_yuan = (profit_2024.groupby("makes_money")[cost_columns + ["gross_profit", "revenue"]].sum()
                .pipe(lambda t: 100 * t.div(t["revenue"], axis=0))
                .drop(columns="revenue"))
per_100_yuan.round(2)

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
per_100_yuan[cost_columns].plot.barh(stacked=True, ax=ax)
ax.legend(["orders", "deliveries", "returns", "service contacts", "late payment"], loc="upper center",
          bbox_to_anchor=(0.5, -0.25), ncol=5, fontsize=8, frameon=False)
ax.scatter(per_100_yuan["gross_profit"], range(len(per_100_yuan)), marker="|", s=900, color="black", zorder=3)
ax.set_title("What serving an account costs, per 100 yuan of its revenue (2024)")
ax.set_xlabel("Yuan per 100 yuan of revenue (bars: cost to serve; black line: gross profit)")
ax.set_ylabel("")
plt.show()

# %% [markdown]
# The loss-makers earn a similar gross margin per 100 yuan, but their deliveries alone eat it:
# many small drops, many of them urgent extra runs. Returns, calls and late payment add the
# rest. Their orders average far less than the profitable accounts' orders:

# %%
order_size = (profit_2024.join(accounts_2024.set_index("account_id")[["orders", "deliveries"]])
              .groupby("makes_money")[["revenue", "orders", "deliveries"]].sum())
order_size["revenue_per_order"] = order_size["revenue"] / order_size["orders"]
order_size["deliveries_per_order"] = order_size["deliveries"] / order_size["orders"]
order_size[["revenue_per_order", "deliveries_per_order"]].round(2)

# %% [markdown]
# ## The pyramid's tiers
#
# The pyramid ranks customers by profit and cuts the ranking into four tiers:
#
# | tier | 中文 | who | default share of customers |
# |---|---|---|---|
# | platinum | 铂金层 | the most profitable few, heavy and loyal buyers | top 5% |
# | gold | 黄金层 | profitable, but buy less or bargain harder | next 15% |
# | iron | 铁质层 | the broad base: modest profit, many customers | next 50% |
# | lead | 铅质层 | the least profitable; **every customer who loses money** | bottom 30%, or more |
#
# The shares are a convention, not a law: `pyramid_tiers(profit, shares=...)` takes any split,
# and `thresholds=` cuts by profit in yuan instead. Customers with the same profit always land
# in the same tier, and a customer who loses money is lead whatever the shares say. By hand on
# ten profits with the default split: the cumulative shares 5%, 20%, 70% and 100% of ten
# customers are 0.5, 2, 7 and 10, rounded half up to 1, 2, 7 and 10. So the best customer is
# platinum, the second gold, the third to seventh iron and the last three lead:

# %%
ten = pd.Series([90, 60, 40, 25, 20, 12, 8, 5, -3, -10], index=[f"C{i}" for i in range(1, 11)], dtype=float)
pd.DataFrame({"profit": ten, "tier": pyramid_tiers(ten)})

# %% [markdown]
# C8 is lead by rank; C9 and C10 lose money and would be lead under any split. Now Zhang's 600
# accounts of 2024:

# %%
profit_2024["tier"] = pyramid_tiers(profit_2024["profit"])
pyramid_2024 = tier_summary(profit_2024["profit"], profit_2024["tier"], revenue=profit_2024["revenue"])
pyramid_2024.round({"profit": 0, "share_of_customers": 3, "share_of_profit": 3, "profit_per_customer": 0,
                    "revenue": 0, "share_of_revenue": 3})

# %%
fig, ax = plt.subplots(figsize=(8, 4))
plot_pyramid(pyramid_2024, ax=ax, title="Zhang's customer pyramid, 2024: customers against profit")
plt.show()

# %% [markdown]
# The picture reads like the source's pyramid. The 30 platinum accounts (5%) bring about
# half of all profit; with gold, a fifth of the accounts bring practically all of it. The
# iron base — half of the accounts — adds about two fifths more at only some 5,000 yuan an
# account. The lead tier is 189 accounts, 31.5% of the list, and every one of them loses
# money: together they wipe out almost all that the whole iron base earns. Because more than
# 30% of the accounts lose money, the lead tier is larger than its default share.

# %% [markdown]
# ## How concentrated is the value? Lorenz curve and Gini index
#
# Sort customers from smallest to largest and plot the cumulative share of customers against
# the cumulative share of revenue: that is the **Lorenz curve** (洛伦兹曲线). If everyone bought
# the same it would be the diagonal. The **Gini index** (基尼系数) is 1 − 2 × the area under
# the curve: 0 when all are equal, (n − 1)/n when one customer buys everything. By hand for
# four customers buying 1, 2, 3 and 4: the curve passes 0, 0.1, 0.3, 0.6, 1 at steps of 0.25,
# the area is 0.25 × (0.1 + 0.4 + 0.9 + 1.6)/2 = 0.375, so Gini = 1 − 0.75 = 0.25.

# %%
print(f"Gini of 1, 2, 3, 4: {gini([1, 2, 3, 4]):.3f}; all equal: {gini([5, 5, 5, 5]):.3f}; "
      f"one of four holds all: {gini([0, 0, 0, 8]):.3f}")

# %%
revenue_curve = lorenz(profit_2024["revenue"])
gini_revenue = gini(profit_2024["revenue"])
top_fifth_share = profit_2024["revenue"].nlargest(120).sum() / profit_2024["revenue"].sum()
print(f"Gini of 2024 revenue: {gini_revenue:.3f}; the top 20% of accounts bring {top_fifth_share:.1%} of revenue.")

fig, ax = plt.subplots(figsize=(5.5, 5.5))
ax.plot(100 * revenue_curve["share_of_customers"], 100 * revenue_curve["share_of_value"], lw=2,
        label=f"revenue (Gini {gini_revenue:.2f})")
ax.plot([0, 100], [0, 100], color="grey", ls=":", label="everyone buys the same")
ax.set_title("Lorenz curve of Zhang's 2024 revenue")
ax.set_xlabel("Accounts, smallest to largest (cumulative %)")
ax.set_ylabel("Revenue (cumulative %)")
ax.legend()
plt.show()

# %% [markdown]
# The Gini index needs amounts that are never negative, which revenue is and profit is not
# (`gini(profit)` refuses with a message). For profit we need another picture.

# %% [markdown]
# ## The whale curve
#
# Rank customers from most to least profitable and plot cumulative profit as a share of total
# profit. The curve climbs above 100% while profitable customers are added, peaks, and falls
# back to 100% as the loss-makers are added. Its shape is why it is called a **whale curve**
# (鲸鱼曲线): the hump is the profit the firm earns from its good customers, and the drop
# after it is what the unprofitable tail gives away.

# %%
whale_2024 = whale_curve(profit_2024["profit"])
whale_2023 = whale_curve(profit_2023["profit"])
peaks = pd.DataFrame({2023: whale_summary(profit_2023["profit"]), 2024: whale_summary(profit_2024["profit"])})
peaks.astype("float64").round(3)

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
for year, curve in ((2023, whale_2023), (2024, whale_2024)):
    ax.plot(100 * curve["share_of_customers"], 100 * curve["share_of_total_profit"], lw=2, label=str(year))
ax.axhline(100, color="grey", ls=":")
ax.set_title("Whale curves: cumulative profit, accounts ranked from most to least profitable")
ax.set_xlabel("Accounts, most to least profitable (cumulative %)")
ax.set_ylabel("Cumulative profit (% of the year's total)")
ax.legend(title="year")
plt.show()

# %% [markdown]
# In 2024 the profitable 68.5% of accounts earned **139%** of the year's profit; the other
# 31.5% gave away the extra 39 points, about 1.46 million yuan. In 2023 the hump was only 113%.
# Zhang's growth came with a much longer, much deeper tail.

# %% [markdown]
# ## The same tools at a retailer: FreshMart's members
#
# The pyramid is not only for wholesalers. FreshMart, the 100-store supermarket chain of
# chapter 2 (dataset `supermarket`), knows every member's till lines. A member's gross profit
# is each line's net value times its category's gross margin; a retailer's cost to serve a
# member is mostly per visit (the loyalty scheme's points and coupons, say 3 yuan a trip).
# `helpers.rfm` turns the lines into visits and net spend, and `customer_profit` takes the
# rest — with the distributor's drivers switched off and one driver of FreshMart's own.

# %%
from helpers.rfm import clean_log, rfm_table

lines = data.load("supermarket")
margins = data.load("supermarket", table="categories").set_index("category")["gross_margin"]
list_prices = data.load("supermarket", table="products").set_index("product")["list_price"]
member_lines = clean_log(lines, list_price=lines["product"].map(list_prices))
member_lines = member_lines[member_lines["customer_id"].notna()]
member_lines["gross_profit"] = member_lines["amount"] * member_lines["category"].map(margins)
members = rfm_table(member_lines, customer="customer_id", date="timestamp", amount="amount", order="order_id",
                    snapshot=ANALYSIS_DATE)
members["gross_profit"] = member_lines.groupby("customer_id")["gross_profit"].sum()
members = members.reset_index()
members["cost_of_goods"] = members["monetary"] - members["gross_profit"]
member_profit = customer_profit(members, customer="customer_id", revenue="monetary",
                                rates={driver: None for driver in DEFAULT_RATES} | {"frequency": 3.0},
                                payment_days=None)
member_profit.describe().loc[["count", "mean", "50%", "max"]].round(1)

# %%
top_12 = member_profit["revenue"].nlargest(round(0.12 * len(member_profit))).sum() / member_profit["revenue"].sum()
freshmart = pd.Series({
    "members": len(member_profit),
    "Gini of net spend": round(gini(member_profit["revenue"].clip(lower=0)), 3),
    "share of spend from the top 12% of members": round(top_12, 3),
    "members who lose money": int((member_profit["profit"] < 0).sum()),
    "whale-curve peak": round(whale_summary(member_profit["profit"])["peak_share"], 3),
}, dtype=object)
freshmart

# %%
member_summary = tier_summary(member_profit["profit"], pyramid_tiers(member_profit["profit"]))
fig, ax = plt.subplots(figsize=(8, 4))
plot_pyramid(member_summary, ax=ax, title="FreshMart's member pyramid, 2024: members against profit")
plt.show()

# %% [markdown]
# The retailer's pyramid has the same top-heavy shape — the top 12% of members bring about
# half of member spend, the source's figure — but its lead tier is lead by rank only: a
# shopper who pays at the till and carries the goods home costs little to serve, so only 26
# of 10,400 members lose money and the whale curve barely rises above 100%. A wholesaler who
# delivers, takes returns and waits to be paid is different: its tail can cost more than it
# brings. The same tools show both; the cost-to-serve drivers make the difference.

# %% [markdown]
# ## The case's questions, answered with data
#
# ### Are the pyramid and the long tail in conflict?
#
# The **long tail** (长尾理论) says that many small customers together can add up to as much
# as the few big ones. The pyramid says to put resources into the top. Zhang's data says both
# are right, about different things. The iron and lead tiers together are four fifths of the
# accounts and over two fifths of the revenue:

# %%
tail = profit_2024["tier"].isin(["iron", "lead"])
tail_view = pd.DataFrame({
    "head (platinum, gold)": profit_2024.loc[~tail, ["revenue", "gross_profit", "cost_to_serve", "profit"]].sum(),
    "tail (iron, lead)": profit_2024.loc[tail, ["revenue", "gross_profit", "cost_to_serve", "profit"]].sum(),
}).T
tail_view["accounts"] = [int((~tail).sum()), int(tail.sum())]
tail_view["cost_to_serve_per_100_yuan"] = 100 * tail_view["cost_to_serve"] / tail_view["revenue"]
tail_view.round(0)

# %% [markdown]
# The tail brings real gross profit, but serving it the way the head is served (a salesperson,
# a phone order, a truck whenever asked) costs nearly all of that gross profit. The long tail
# pays when it is served cheaply — standard orders through a web portal, fixed delivery routes,
# a minimum order — which is exactly what the pyramid prescribes for the iron and lead tiers.
# The two ideas are complementary: the pyramid tells you *where* to spend, the long tail tells
# you not to abandon the many small customers but to serve them at low cost.
#
# ### Should all customers be treated the same?
#
# No. Treating everyone the same means either the top gets too little (and may leave for a
# competitor who treats it better) or the bottom gets too much (and destroys profit). The
# next section prices one action per tier.

# %% [markdown]
# ## Actions per tier, and what each is worth
#
# Each action below is a change to the accounts' drivers or rates, so `customer_profit`
# prices it. Assumptions are stated in the code and are Zhang's estimates, not facts: the
# numbers show which actions matter most and how sensitive they are.

# %%
tiers = profit_2024["tier"]
base = accounts_2024.set_index("account_id").loc[profit_2024.index]
base_profit = profit_2024["profit"]


def profit_change(changed_accounts, ids, **kwargs):
    """Profit of `ids` after a change, minus their profit before it (yuan)."""
    after = customer_profit(changed_accounts.loc[ids].reset_index(), **kwargs)["profit"]
    return float(after.sum() - base_profit.loc[ids].sum())


# Platinum: a key-account manager and priority delivery slots for the 30 accounts (120,000
# yuan a year in all) win 10% more of their business; orders and deliveries grow with it.
platinum = tiers.index[tiers == "platinum"]
grown = base.copy()
grown.loc[platinum, ["revenue", "cost_of_goods"]] *= 1.10
grown.loc[platinum, ["orders", "deliveries", "returns", "service_contacts"]] = (
    grown.loc[platinum, ["orders", "deliveries", "returns", "service_contacts"]] * 1.10).round()
key_account = profit_change(grown, platinum) - 120_000

# Iron: lower-cost service. Orders through a web portal (15 instead of 35 yuan an order) and
# fixed weekly routes: no extra trips, one delivery per order.
iron = tiers.index[tiers == "iron"]
routed = base.copy()
routed.loc[iron, "deliveries"] = routed.loc[iron, "orders"]
low_cost_iron = profit_change(routed, iron, rates={"orders": 15.0})

# Lead, step 1: reprice. A fee of 60 yuan for each extra trip and of 100 yuan per return,
# assuming the accounts pay it and keep buying as before.
lead = tiers.index[tiers == "lead"]
fees = 60 * (base.loc[lead, "deliveries"] - base.loc[lead, "orders"]) + 100 * base.loc[lead, "returns"]
repriced = base.copy()
repriced.loc[lead, "revenue"] += fees
repriced_profit = customer_profit(repriced.loc[lead].reset_index())["profit"]
reprice_lead = float(repriced_profit.sum() - base_profit.loc[lead].sum())

# Lead, step 2: let go of the accounts that still lose money after repricing; the activity
# costs they cause go with them.
still_losing = repriced_profit[repriced_profit < 0]
let_go = float(-still_losing.sum())

actions = pd.DataFrame({
    "tier": ["platinum", "iron", "lead", "lead"],
    "action": ["key-account service, +10% of their business", "web orders and fixed routes",
               "fees for extra trips and returns", "let go of accounts still losing money"],
    "accounts": [len(platinum), len(iron), len(lead), len(still_losing)],
    "profit_change": [key_account, low_cost_iron, reprice_lead, let_go],
})
actions["change_pct_of_2024_profit"] = 100 * actions["profit_change"] / base_profit.sum()
actions.round({"profit_change": 0, "change_pct_of_2024_profit": 1})

# %%
after_actions = base_profit.sum() + actions["profit_change"].sum()
print(f"2024 profit: {base_profit.sum():,.0f} yuan; with all four actions: {after_actions:,.0f} yuan, "
      f"serving {len(profit_2024) - len(still_losing)} accounts instead of {len(profit_2024)}.")

# %% [markdown]
# Letting go is the largest line, and also the shakiest: it assumes that every yuan of
# activity cost an account causes disappears with it. A truck that still drives its route with
# one drop fewer saves fuel and time but not the driver's wage. If only part of the cost to
# serve of the dropped accounts really goes away, letting go is worth much less — or costs
# money, because their gross profit surely goes:

# %%
dropped = customer_profit(repriced.loc[still_losing.index].reset_index())
savings = pd.DataFrame({"share_of_cost_to_serve_saved": [1.0, 0.75, 0.5]})
savings["profit_change"] = [float(s * dropped["cost_to_serve"].sum() - dropped["gross_profit"].sum())
                            for s in savings["share_of_cost_to_serve_saved"]]
break_even = dropped["gross_profit"].sum() / dropped["cost_to_serve"].sum()
print(f"Letting go pays only if more than {break_even:.0%} of these accounts' cost to serve really disappears.")
savings.round({"profit_change": 0})

# %% [markdown]
# **What Zhang should do**, reading the table:
#
# * **Make the tail pay its way before dropping anyone.** Charging the lead accounts for the
#   extra trips and returns they ask for adds about as much profit as serving the iron base
#   more cheaply, and needs no one to leave — although it turns only 14 of the 189 lead accounts
#   profitable. The other 175 are candidates for letting go, which looks like the largest gain
#   but is worth it only if most of their cost really disappears (the break-even above). This is
#   the source's advice to drop negative-profit customers, done with a number beside each name.
# * **Serve the iron base more cheaply**, not less: web orders and fixed routes keep all of
#   their revenue and lift their profit by about a quarter.
# * **Look after the platinum accounts.** Dedicated service pays for itself only if it wins or
#   protects business. With 10% more business it does, modestly; the real gain is the risk it
#   removes: one platinum account earns as much as a dozen average iron accounts, and losing
#   just two of the thirty to a competitor would cost more than the whole service.
# * **Screen new accounts** before signing them: order size, delivery needs and payment terms
#   predict whether an account will land in the lead tier. The 2024 campaign paid salespeople
#   for revenue; paying them for profit after the cost to serve would have changed which
#   accounts they signed.

# %% [markdown]
# ## Exercises
#
# Use `accounts`, `accounts_2023`, `accounts_2024` and the `helpers.pyramid` functions. Build
# what you need inside each exercise cell (later cells do not use your answers). Each
# exercise says which objectives it practises and its kind: *checked* (re-derive what the
# text did), *transfer* (another year, segment or rule), *stretch* (harder) or *written*, and
# how precisely a number is expected (full precision is always accepted).
#
# ### Exercise 1 — Counting the loss-makers
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# How many accounts lost money in 2024 once the cost to serve is counted? Store the number in
# `loss_makers_2024` (an integer).

# %%
# BEGIN SOLUTION
loss_makers_2024 = int((customer_profit(accounts_2024)["profit"] < 0).sum())
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — The cost to serve per yuan
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# What share of 2024 revenue did serving the accounts cost (total cost to serve ÷ total
# revenue, with every driver including late payment)? Store it in `cost_to_serve_share`, a
# number between 0 and 1.

# %%
# BEGIN SOLUTION
ex2_profit = customer_profit(accounts_2024)
cost_to_serve_share = ex2_profit["cost_to_serve"].sum() / ex2_profit["revenue"].sum()
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Profit by segment
# *Level ★★☆ · about 10 min · objective 1 · checked*
#
# Make a Series `profit_by_segment`, indexed by `segment`, holding each segment's **total**
# 2024 profit after cost to serve (to the yuan). Which segment destroys value?

# %%
# BEGIN SOLUTION
ex3_profit = customer_profit(accounts_2024).join(accounts_2024.set_index("account_id")["segment"])
profit_by_segment = ex3_profit.groupby("segment")["profit"].sum()
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — Gini of revenue, a year earlier
# *Level ★☆☆ · about 5 min · objective 3 · transfer*
#
# The text computed the Gini index of 2024 revenue. Was revenue as concentrated in **2023**?
# Compute the Gini index of the 2023 revenue per account and store it in
# `gini_revenue_2023` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
gini_revenue_2023 = gini(accounts_2023["revenue"])
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — Tiers by profit thresholds
# *Level ★★☆ · about 10 min · objective 2 · transfer*
#
# Zhang prefers tiers in yuan: platinum from 50,000 yuan of profit a year, gold from 10,000,
# iron from 0, lead below. Count the 2024 accounts in each tier and store the counts in a
# Series `threshold_tier_counts` indexed by tier name (`"platinum"`, `"gold"`, `"iron"`,
# `"lead"`; a dict or a two-column table is fine too).

# %%
# BEGIN SOLUTION
ex5_tiers = pyramid_tiers(customer_profit(accounts_2024)["profit"],
                          thresholds={"platinum": 50_000, "gold": 10_000, "iron": 0})
threshold_tier_counts = ex5_tiers.astype("str").value_counts()
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — The whale curve of one segment
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# Draw (or just compute) the 2024 whale curve of the **convenience store** accounts only.
# How high does it peak, as a share of the segment's total 2024 profit (for example `1.25`
# for 125%)? Store it in `peak_convenience` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
ex6_profit = customer_profit(accounts_2024).join(accounts_2024.set_index("account_id")["segment"])
peak_convenience = whale_summary(ex6_profit.loc[ex6_profit["segment"] == "convenience store", "profit"])["peak_share"]
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — A fee for extra trips
# *Level ★★★ · about 15 min · objective 5 · stretch*
#
# Suppose Zhang had charged **every** account 40 yuan for each extra delivery in 2024 (each
# delivery beyond one per order: `deliveries − orders`), and no account had changed its habits.
# How many of the 2024 loss-making accounts would then have made a profit (zero or more)? Store
# the number in `rescued_accounts`.

# %%
# BEGIN SOLUTION
ex7 = customer_profit(accounts_2024).join(accounts_2024.set_index("account_id")[["orders", "deliveries"]])
ex7_after = ex7["profit"] + 40 * (ex7["deliveries"] - ex7["orders"])
rescued_accounts = int(((ex7["profit"] < 0) & (ex7_after >= 0)).sum())
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — Drop every lead account? (written answer)
# *Level ★★☆ · about 10 min · objective 4 · written*
#
# A colleague proposes to stop serving all 189 lead accounts at once. Give two reasons to be
# careful, using what the data does and does not tell you.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* First, the cost to serve is an estimate built from average activity
# rates; some costs (a truck that runs its route anyway, a salesperson's salary) do not fall
# when one small account goes, so dropping an account saves less than its computed loss.
# Second, many lead accounts are new: a year of data, often only part of a year, says little
# about what they will become — some would move up once they are served differently or
# pay for their extra trips. Repricing first and letting go only of those that still lose
# money (and have no prospect of growing) keeps the revenue that can be made profitable.
# Third, some lead customers matter for other reasons (a restaurant that recommends the
# company to others, a canteen of a large employer), which profit alone does not show.
#
# **Rubric.**
# - *Full:* gives two distinct reasons tied to the data — the cost to serve is an average-rate
#   estimate and not all of it disappears with an account; a year (or part of one) says
#   little about new accounts; some accounts matter beyond their own profit — and proposes
#   repricing or re-serving before dropping.
# - *Partial:* one reason tied to the data, or two reasons without saying what to do instead.
# - *Weak:* agrees or disagrees without reasons from the data.
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
# * Revenue says who buys; **profit after the cost to serve** says who pays. Charge each
#   account for its orders, deliveries, returns, service contacts and late payment.
# * Zhang grew from 420 to 600 accounts and revenue by 27%, yet profit slipped 5%: 31.5% of
#   the 2024 accounts (189, the whole **lead tier**) lose money, most of them new.
# * The **pyramid** ranks customers by profit into platinum, gold, iron and lead; in 2024 the top
#   5% brought about half the profit.
# * The **Lorenz curve** and **Gini index** measure concentration of a non-negative amount
#   (2024 revenue: Gini ≈ 0.57); the **whale curve** shows profit with losses: it peaked at
#   139% in 2024 (113% in 2023).
# * At a retailer such as FreshMart the pyramid is just as top-heavy (the top 12% of members
#   bring half of member spend) but hardly anyone loses money: the cost-to-serve drivers are
#   what make a lead tier.
# * The pyramid and the long tail are complementary: focus resources on the top, serve the
#   many small customers at low cost, reprice or let go of those that still lose money.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | customer pyramid | 客户金字塔 | customers ranked by profit and cut into tiers, few at the top and many at the bottom |
# | platinum tier | 铂金层客户 | the most profitable few customers |
# | gold tier | 黄金层客户 | profitable customers who buy less or bargain harder than platinum |
# | iron tier | 铁质层客户 | the broad base of modestly profitable customers |
# | lead tier | 铅质层客户 | the least profitable customers, including all who cost more than they bring |
# | customer grading | 客户分级 | sorting customers by value so each level gets the service it warrants |
# | cost to serve | 服务成本 | what it costs to take, deliver, collect and support a customer's business |
# | customer profitability | 客户盈利能力 | a customer's gross profit minus the cost to serve them |
# | key account | 关键客户 / 大客户 | a customer so valuable that it gets a dedicated team |
# | long tail | 长尾理论 | the many small customers whose business together is large |
# | Lorenz curve | 洛伦兹曲线 | cumulative share of value against cumulative share of customers, smallest first |
# | Gini index | 基尼系数 | 1 − 2 × the area under the Lorenz curve; 0 is perfect equality |
# | whale curve | 鲸鱼曲线 | cumulative profit against customers ranked by profit; its peak shows what the tail costs |
#
# **Cases:** `cases/zhang_distributor.ipynb` follows Manager Zhang through the whole decision;
# `cases/pg_walmart_key_account.ipynb` looks at the distributor's largest account through the
# P&G–Walmart lens of key-account management.
