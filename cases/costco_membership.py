# %% [markdown]
# # Case · Costco: what is a member worth, and what is one point of renewal worth?
#
# Costco runs warehouse clubs on an unusual plan: it marks goods up by only **6–14%** over
# cost — far less than an ordinary supermarket — and makes its money mainly from the annual
# membership fee. In the source's figures, membership fees are **about 70% of Costco's
# profit**, and **about 90%** of members renew each year.
#
# Lin, an analyst at a Chinese retailer weighing a paid-membership format of its own, wants
# to understand the arithmetic behind that plan before her board meeting. Her questions:
#
# **The questions**
# 1. How much profit does one member bring in a year, and how much of it is the fee?
# 2. What is a member worth over the whole relationship?
# 3. How does that value move with the renewal rate — what is one point of renewal worth?
# 4. Could Costco raise its markup by a point? How much renewal could it afford to lose?
# 5. Why does a single renewal rate understate a loyal member base?

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import clv

rng = helpers.setup_notebook()
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # fixed; no figure here depends on today's date

# %% [markdown]
# ## Assumptions, stated plainly
#
# The source gives three figures: the markup (6–14%), the fee's share of profit (≈ 70%) and
# the renewal rate (≈ 90%). The rest are Lin's working assumptions, to be replaced by real
# figures when she has them:
#
# * **Annual fee:** 299 yuan, the fee widely reported for Costco's first store in mainland
#   China.
# * **Spend:** a member spends 6,000 yuan a year in the warehouse.
# * **Markup:** 10%, the middle of the source's range; price = cost × 1.10.
# * **Discount rate:** 8% a year.
# * The fee is paid at the start of each membership year, so the first year's profit is
#   counted today and each later year only if the member renews.

# %%
FEE = 299.0              # yuan a year
SPEND = 6_000.0          # yuan a year, at shelf prices
MARKUP = 0.10            # price = cost × (1 + markup)
FEE_SHARE_OF_PROFIT = 0.70
RENEWAL = 0.90
DISCOUNT = 0.08

# %% [markdown]
# ## 1. A member's profit in one year
#
# If the fee is 70% of the profit a member brings, the whole profit is fee / 0.70, and the
# goods themselves contribute the other 30%. Set beside the gross margin on the goods, this
# shows how thin Costco runs: most of the markup pays for the warehouses, staff and logistics.

# %%
profit_per_member = FEE / FEE_SHARE_OF_PROFIT
merchandise_profit = profit_per_member - FEE
gross_margin_on_goods = SPEND * MARKUP / (1 + MARKUP)
one_year = pd.Series({
    "membership fee": FEE,
    "gross margin on goods (10% markup)": gross_margin_on_goods,
    "operating profit on goods (implied)": merchandise_profit,
    "running costs paid from the goods margin (implied)": gross_margin_on_goods - merchandise_profit,
    "total profit per member": profit_per_member,
}, name="yuan per member per year")
one_year.round(0).to_frame()

# %% [markdown]
# On 6,000 yuan of shopping, goods earn a gross margin of about 545 yuan but an operating
# profit of only about 128 yuan — about 2% of what the member spends. The fee is the profit.

# %% [markdown]
# ## 2. A member's lifetime value
#
# Profit of `m` a year, renewal `r`, discount `d`, first year counted today:
# value = m (1 + d) / (1 + d − r). A member expected to stay for good is then worth:

# %%
member_value = clv.retention_clv(profit_per_member, RENEWAL, DISCOUNT)
fee_value = clv.retention_clv(FEE, RENEWAL, DISCOUNT)
print(f"Profit per member per year: {profit_per_member:,.0f} yuan")
print(f"Lifetime value at {RENEWAL:.0%} renewal: {member_value:,.0f} yuan "
      f"(of which fees {fee_value:,.0f} yuan); expected membership years {1 / (1 - RENEWAL):.0f}")

# %% [markdown]
# ## 3. What a point of renewal is worth

# %%
renewal_grid = pd.DataFrame({"renewal": np.round(np.arange(0.75, 0.9601, 0.01), 2)})
renewal_grid["member_value"] = [clv.retention_clv(profit_per_member, r, DISCOUNT) for r in renewal_grid["renewal"]]
renewal_grid["value_of_next_point"] = renewal_grid["member_value"].shift(-1) - renewal_grid["member_value"]
renewal_grid.iloc[::5].round({"renewal": 2, "member_value": 0, "value_of_next_point": 0})

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(100 * renewal_grid["renewal"], renewal_grid["member_value"], lw=2)
ax.axvline(100 * RENEWAL, color="grey", ls=":")
ax.annotate(f"{RENEWAL:.0%}: {member_value:,.0f} yuan", (100 * RENEWAL, member_value),
            xytext=(78, member_value * 1.15), arrowprops={"arrowstyle": "->"})
ax.set_title("Value of one warehouse-club member by renewal rate")
ax.set_xlabel("Members renewing each year (%)")
ax.set_ylabel("Discounted lifetime profit per member (yuan)")
plt.show()

# %%
at_90 = renewal_grid.set_index("renewal").loc[0.90]
print(f"At 90% renewal one more point adds {at_90['value_of_next_point']:,.0f} yuan per member "
      f"({at_90['value_of_next_point'] / at_90['member_value']:.1%} of the member's value).")

# %% [markdown]
# The curve bends upwards: each point of renewal is worth more than the one before, because
# a member kept one more year keeps paying the fee in every year after that too. At 90%,
# one point is worth about 6% of the member's value — some 150 yuan, half a year's fee.

# %% [markdown]
# ## 4. Could Costco raise its markup by a point?
#
# One more point of markup (11% instead of 10%) raises what a member pays for the same
# basket of goods by about 1/110 of it and so adds that amount to the operating profit, if the
# member buys the same goods. But cheap prices are why members renew. How far could renewal
# fall before the extra margin is wiped out? Solve m′(1 + d)/(1 + d − r′) = value today for r′.

# %%
extra_margin = SPEND * (1.11 / 1.10 - 1)       # same goods, prices 1/110 higher
new_profit = profit_per_member + extra_margin
break_even_renewal = 1 + DISCOUNT - new_profit * (1 + DISCOUNT) / member_value
print(f"Extra profit per member per year: {extra_margin:,.1f} yuan (+{extra_margin / profit_per_member:.0%})")
print(f"Break-even renewal: {break_even_renewal:.1%} — a loss of {100 * (RENEWAL - break_even_renewal):.1f} "
      "points of renewal cancels the gain")

# %% [markdown]
# A 13% jump in yearly profit sounds large, yet losing just over two points of renewal would
# cancel it. A club whose value rests on renewal is right to guard its low prices; the same
# logic says its service and range should be judged by their effect on renewal, not on this
# year's margin.

# %% [markdown]
# ## 5. Why "90% renewal" understates a loyal base
#
# A single rate assumes every member has the same chance of leaving. In practice members
# differ: the doubtful ones leave in the first years, and the base that remains renews more
# than the average. The shifted-beta-geometric model (chapter 4) captures this. Suppose the
# members' yearly leaving probabilities follow a Beta(α = 1, β = 9) distribution: the average
# newcomer renews 90% at the first renewal, exactly as above, but renewal rises with tenure.

# %%
mixed = clv.ShiftedBetaGeometric()
mixed.params_ = {"alpha": 1.0, "beta": 9.0}        # an assumption, not a fit: first renewal 9 / 10 = 90%
years = np.arange(1, 11)
renewal_by_year = pd.DataFrame({"membership_year": years, "renewal_rate": mixed.retention(years)})
print(renewal_by_year.round(3).to_string(index=False))
heterogeneous_value = profit_per_member * mixed.expected_lifetime(DISCOUNT)
print(f"\nValue of a new member: {member_value:,.0f} yuan with one 90% rate; "
      f"{heterogeneous_value:,.0f} yuan when members differ (same first-year renewal)")

# %% [markdown]
# With the same 90% first renewal, a base of members who differ is worth more than the
# single-rate calculation says: no member grows more loyal, but those who leave early are the
# least loyal, so the members who stay are the ones least likely to leave. Conversely, a club that measures only its *overall* renewal rate — dominated by
# long-standing members — will overestimate how well it keeps newcomers.

# %% [markdown]
# ## Answers
#
# 1. Under the stated assumptions a member brings about 427 yuan of profit a year, 299 of it
#    the fee; goods contribute about 128 yuan, about 2% of the member's spend.
# 2. At 90% renewal and 8% discounting a member is worth about 2,560 yuan.
# 3. One point of renewal around 90% is worth about 150 yuan per member, and each further
#    point is worth more.
# 4. A point of markup adds about 55 yuan a year per member, which about 2.3 points of lost
#    renewal would cancel.
# 5. If members differ in loyalty, a 90% first renewal rises with tenure and a new member is
#    worth more than the single rate implies; overall renewal overstates newcomer retention.
#
# **For Lin's board:** a paid membership is a retention business. Price the fee from the
# value of a member, track renewal by membership year (a cohort table, chapter 4), and treat
# anything that moves renewal by a point as worth about 6% of the member base's value.
