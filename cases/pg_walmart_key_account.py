# %% [markdown]
# # Case · Key-account management, P&G and Walmart style: Zhang's largest customer
#
# *Chapter 3 (the customer pyramid). Data: `distributor` (simulated), account `A0001`.*
#
# In the late 1980s Procter & Gamble and Walmart stopped treating each other as a seller and a
# buyer haggling over price. P&G put a dedicated team next to Walmart's headquarters; the two
# shared cost, sales and stock data; and replenishment became automatic, driven by what sold
# in the stores rather than by orders and sales calls. P&G knew its largest customer's demand
# and could plan production and deliveries; Walmart got dependable supply and lower prices.
# The source uses the story to show what key-account management (关键客户管理) means: the
# relationship with a very large customer is managed as a joint business.
#
# Zhang's wholesaler has its own, smaller Walmart: **Huimin**, a regional chain of 30
# supermarkets (account `A0001`). This short case asks what the pyramid says about a
# supplier's single largest account, and what sharing data would buy each side.
#
# **Questions**
# 1. Where does Huimin sit in the pyramid, and how much does the company depend on it?
# 2. What does serving Huimin cost, and where is that cost different from other top accounts?
# 3. If Huimin shared its store sales and stock, and the wholesaler opened its costs in return,
#    what would each side gain?

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.pyramid import customer_profit, gini, pyramid_tiers, whale_summary

rng = helpers.setup_notebook()
ANALYSIS_DATE = pd.Timestamp("2025-01-01")
TOP = "A0001"

accounts = data.load("distributor")
orders = data.load("distributor", table="orders")
accounts_2024 = accounts[accounts["year"] == 2024].set_index("account_id")
p24 = customer_profit(accounts_2024.reset_index()).join(accounts_2024[["segment"]])
p24["tier"] = pyramid_tiers(p24["profit"])
accounts_2024.loc[[TOP]]

# %% [markdown]
# ## 1 · The largest account in the pyramid

# %%
top = p24.loc[TOP]
without_top = p24.drop(index=TOP)
position = pd.Series({
    "tier": top["tier"],
    "revenue rank": int(p24["revenue"].rank(ascending=False).loc[TOP]),
    "profit rank": int(p24["profit"].rank(ascending=False).loc[TOP]),
    "share of revenue": round(top["revenue"] / p24["revenue"].sum(), 3),
    "share of profit": round(top["profit"] / p24["profit"].sum(), 3),
    "profit ÷ the next account's profit": round(top["profit"] / without_top["profit"].max(), 1),
    "accounts of average profit it equals": round(top["profit"] / p24["profit"].mean(), 0),
    "Gini of revenue, all accounts": round(gini(p24["revenue"]), 3),
    "Gini of revenue, without Huimin": round(gini(without_top["revenue"]), 3),
    "gross margin": round(top["gross_profit"] / top["revenue"], 3),
    "accounts with a thinner gross margin": int((p24["gross_profit"] / p24["revenue"]).round(4)
                                                .lt(round(top["gross_profit"] / top["revenue"], 4)).sum()),
    "Huimin's profit (yuan)": round(top["profit"]),
    "company profit change 2023 → 2024 (yuan)": round(
        p24["profit"].sum() - customer_profit(accounts[accounts["year"] == 2023])["profit"].sum()),
}, dtype=object)
position

# %% [markdown]
# Huimin is the tip of the pyramid on its own: a tenth of the revenue and about a seventh of the
# profit, five times the next account's profit and worth some eighty average accounts. The
# pyramid's advice for such an account is the most resources and the closest relationship.
# The flip side is dependence: if Huimin moved to a competitor, the company would lose about
# 14% of its profit in one stroke — more than the whole profit decline of 2024.

# %% [markdown]
# ## 2 · What serving Huimin costs
#
# Compare Huimin with the other 29 platinum accounts, per 100 yuan of revenue:

# %%
cost_columns = ["orders_cost", "deliveries_cost", "returns_cost", "service_contacts_cost", "payment_cost"]
platinum_others = p24[(p24["tier"] == "platinum") & (p24.index != TOP)]
per_100 = pd.DataFrame({
    "Huimin": p24.loc[[TOP], ["gross_profit", *cost_columns, "profit", "revenue"]].sum(),
    "other platinum accounts": platinum_others[["gross_profit", *cost_columns, "profit", "revenue"]].sum(),
})
per_100 = 100 * per_100 / per_100.loc["revenue"]
unpaid = top["revenue"] * accounts_2024.loc[TOP, "days_to_pay"] / 365
print(f"Huimin pays after {accounts_2024.loc[TOP, 'days_to_pay']} days: on average {unpaid:,.0f} yuan of its "
      "purchases are unpaid at any time.")
per_100.drop(index="revenue").round(2)

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
per_100.loc[cost_columns].T.plot.barh(stacked=True, ax=ax)
ax.legend(["orders", "deliveries", "returns", "service contacts", "late payment"], loc="upper center",
          bbox_to_anchor=(0.5, -0.25), ncol=5, fontsize=8, frameon=False)
ax.scatter(per_100.loc["gross_profit"], range(2), marker="|", s=900, color="black", zorder=3)
ax.set_title("Huimin against the other platinum accounts (2024)")
ax.set_xlabel("Yuan per 100 yuan of revenue (bars: cost to serve; black line: gross profit)")
plt.show()

# %% [markdown]
# Huimin buys at one of the thinnest margins the company grants (9 yuan of gross profit per
# 100, against about 13 for the other platinum accounts; only three accounts get less) — the
# price of being the largest buyer. Per yuan it is cheap to serve: its orders are so large
# that even split into about two and a half drops each (one per store served) the deliveries
# cost less per yuan than for the other top accounts. One cost stands out: **late payment**.
# Huimin pays after about 90 days, so the wholesaler finances some two million yuan of
# Huimin's stock, and that costs more per yuan than all its deliveries.
#
# How regular is Huimin's buying? If demand is steady, replenishment can be planned rather than
# ordered:

# %%
huimin_orders = orders[(orders["account_id"] == TOP) & (orders["date"].dt.year == 2024)]
weekly = huimin_orders.set_index("date")["amount"].resample("W-SUN").agg(["size", "sum"])
weekly.columns = ["orders", "revenue"]
weekly = weekly[weekly.index <= "2024-12-29"]  # 52 whole weeks, Monday 2024-01-01 to Sunday 2024-12-29
print(f"Huimin placed {len(huimin_orders)} orders in 2024, {weekly['orders'].mean():.1f} a week; weekly "
      f"revenue averaged {weekly['revenue'].mean():,.0f} yuan with a coefficient of variation of "
      f"{weekly['revenue'].std() / weekly['revenue'].mean():.2f}.")

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.plot(weekly.index, weekly["revenue"] / 1000, marker="o", ms=3)
ax.set_title("Huimin's purchases per week, 2024")
ax.set_xlabel("Week ending")
ax.set_ylabel("Revenue (thousand yuan)")
ax.set_ylim(bottom=0)
plt.show()

# %% [markdown]
# Huimin's purchases swing by about 40% from week to week around a steady level: orders arrive
# when its buyers get round to placing them, not when shelves empty. What thirty supermarkets'
# shoppers buy is usually much steadier than the orders placed to restock it, and the
# difference is what shared sales data removes: the supplier sees the shelves, not the
# purchase orders.

# %% [markdown]
# ## 3 · What shared data would buy each side
#
# The P&G–Walmart bargain, scaled down. Each step changes Huimin's drivers or terms; the
# wholesaler's profit on the account comes from `customer_profit`, and Huimin's gain is what
# it saves. The assumptions are Zhang's estimates, stated beside each step.
#
# 1. **Huimin shares daily store sales and stock** (its own "Retail Link"). The wholesaler
#    plans replenishment and routes: urgent split drops fall, so deliveries drop by 30%;
#    over-stock that used to come back as returns halves; order-chasing calls halve.
# 2. **Faster payment.** With planned, verified deliveries Huimin agrees to pay in 45 days
#    instead of 90.
# 3. **Open books.** The wholesaler shows its costs and passes part of the saving on: a price
#    cut worth 1% of Huimin's purchases.

# %%
base = accounts_2024.loc[[TOP]].copy()
step1 = base.copy()
step1["deliveries"] = (step1["deliveries"] * 0.70).round().astype("int64")
step1["returns"] = (step1["returns"] * 0.5).round().astype("int64")
step1["service_contacts"] = (step1["service_contacts"] * 0.5).round().astype("int64")
step2 = step1.copy()
step2["days_to_pay"] = 45
step3 = step2.copy()
price_cut = 0.01 * step3["revenue"]
step3["revenue"] = step3["revenue"] - price_cut

scenarios = pd.DataFrame({
    name: customer_profit(table.reset_index()).loc[TOP, ["revenue", "gross_profit", "cost_to_serve", "profit"]]
    for name, table in [("today", base), ("1 shared sales and stock data", step1),
                        ("2 + payment in 45 days", step2), ("3 + 1% price cut", step3)]
}).T
scenarios["wholesaler_gain"] = scenarios["profit"] - scenarios.loc["today", "profit"]
scenarios["huimin_price_saving"] = [0.0, 0.0, 0.0, float(price_cut.iloc[0])]
scenarios.round(0)

# %%
final = scenarios.iloc[-1]
print(f"After all three steps the wholesaler earns {final['wholesaler_gain']:,.0f} yuan a year more on Huimin "
      f"({final['wholesaler_gain'] / scenarios.loc['today', 'profit']:.0%} more), after giving Huimin "
      f"{final['huimin_price_saving']:,.0f} yuan of lower prices; the company's 2024 profit would rise by "
      f"{final['wholesaler_gain'] / p24['profit'].sum():.1%}.")

# %% [markdown]
# The wholesaler's gain comes mostly from the cheaper money (half the days Huimin's stock is
# financed) and then from fewer drops; it can hand Huimin a real price cut and still earn a
# little more than today. A larger cut would have to be paid for by more volume.
# Huimin gains the price cut, plus what the data cannot show here: fewer empty shelves, less
# stock in its back rooms and fewer people placing orders.

# %% [markdown]
# ## Answers
#
# 1. **In the pyramid**, Huimin is the top platinum account: 10% of revenue, about 14% of
#    profit, five times the next account. That calls for the closest relationship — and for
#    managing the dependence, since losing it would cost more than the whole 2024 profit decline.
# 2. **Its cost to serve** is low per yuan in orders, deliveries and calls, but high in the
#    90 days it takes to pay; its margin is among the thinnest the company grants.
#    The largest customer is not automatically the most profitable per yuan; it is the most
#    profitable in total.
# 3. **Shared data buys both sides something.** Planned replenishment cuts drops, returns and
#    calls; faster payment releases money; open books let the wholesaler pass part of the
#    saving on as a lower price. Under Zhang's assumptions the wholesaler still earns a little
#    more on the account after a 1% price cut, and Huimin pays less — the same logic that made P&G
#    and Walmart partners rather than adversaries. A dedicated key-account person on the
#    wholesaler's side, working with Huimin's buyers, is what makes the exchange run.
