# %% [markdown]
# # 0 · Getting started: how the kit works, and why keeping customers pays
#
# Mei runs **Corner Cup**, a coffee shop on a busy corner. Last year she paid for flyers,
# app coupons and delivery-platform promotions to bring in new faces, and she started a small
# loyalty club: a birthday drink and a free size upgrade for members. Now she has one budget
# for next year and two ways to spend it — win more new customers, or keep the ones she has.
# This notebook shows you how the kit works while answering her question with numbers.
#
# **By the end of this notebook you can**
# 1. find your way around the kit: chapters, exercises, self-checks, solutions and cases;
# 2. load any of the kit's datasets with one line, offline;
# 3. compare the cost of winning a customer with the cost of keeping one;
# 4. compute how much a customer is worth at a given retention rate, and why a few points
#    of retention move that value so much.

# %% [markdown]
# ## How the kit is organised
#
# | folder | what you find there |
# |---|---|
# | `notebooks/` | the chapters, in teaching order, with blank exercises — **work here** |
# | `solutions/` | the same chapters with every exercise solved and every output shown |
# | `cases/` | case studies: a company's story, its data, and an analysis that reaches the case's figures |
# | `datasets/` | every byte of data the kit uses, each with a card (`datasets/<name>/README.md`) |
# | `src/helpers/` | the `helpers` package: the reusable code the chapters teach, ready for your own data |
#
# Each chapter follows the same path: a story, the idea worked by hand on a tiny table, the
# same idea on a realistic dataset, the `helpers` function that does it for you, pictures, what
# a manager should do with the result, and exercises.
#
# **Exercises.** An exercise cell in `notebooks/` contains a line
# `raise NotImplementedError(...)`. Replace that line with your answer, run the cell, then run
# the check cell below it. The check prints one line: ✅ correct, ⏳ not attempted yet, or 💡 a
# hint that says what looks wrong. Later cells never depend on your answers, so you can run a
# whole notebook even with exercises left open. The solved version sits in `solutions/`
# under the same name.

# %% [markdown]
# ## Setup
#
# Every notebook starts with the same cell: the libraries, the kit's plotting style, a
# check that your library versions match the ones the text was written with, the chapter's
# self-checks, and a fixed analysis date (the kit never uses "today", so your numbers match
# the text on any day).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.checks import checker

rng = helpers.setup_notebook()
check = checker("ch00", globals())
ANALYSIS_DATE = pd.Timestamp("2025-04-01")

# %% [markdown]
# ## Loading data
#
# `data.available()` lists the datasets; `data.load(name)` returns one as a pandas
# DataFrame with the right column types. Before reading a file it checks the file's SHA-256
# fingerprint against the kit's manifest, so a damaged or edited file is caught at once
# instead of quietly changing your results.

# %%
data.available()

# %%
cups = data.load("demo")
cups.head()

# %%
cups.dtypes

# %% [markdown]
# The card `datasets/demo/README.md` tells the story behind the table and what each column
# means: one row per customer won in early 2024, how they were won and what that cost, whether
# they joined the club, their visits and spend in 2024, and whether they were still buying in
# the first quarter of 2025.

# %% [markdown]
# ## Winning a customer costs more than keeping one
#
# The source's research reports that acquiring a customer costs **5 to 10 times** as much as
# keeping one. Corner Cup's own numbers: each channel has a cost per customer won.

# %%
by_channel = (
    cups.groupby("channel")
    .agg(customers=("customer_id", "size"), cost_per_customer=("acquisition_cost", "mean"))
    .sort_values("cost_per_customer")
)
by_channel

# %% [markdown]
# Keeping a customer also costs something. Mei estimates that the club's birthday drink and
# size upgrades cost her **25 yuan per member per year**. Put beside the cost of winning a
# customer, that is the source's ratio for her shop — you will compute it in Exercise 2.

# %%
KEEP_COST = 25.0  # yuan per club member per year
print(f"Cheapest way to win a customer: {by_channel['cost_per_customer'].min():.0f} yuan; "
      f"keeping one for a year: {KEEP_COST:.0f} yuan.")

# %% [markdown]
# ## What retention is worth
#
# Suppose a customer brings a margin of `m` yuan a year, that a share `r` of customers stays
# each year (the **retention rate**), and that a yuan next year is worth `1/(1 + d)` of a yuan
# today (`d` is the discount rate). A customer who buys this year and keeps buying while
# retained is worth
#
# $$ V = m + m\frac{r}{1+d} + m\left(\frac{r}{1+d}\right)^2 + \dots = m\,\frac{1+d}{1+d-r}. $$
#
# By hand for Corner Cup: her margin is 60% of what a customer spends.

# %%
MARGIN_RATE = 0.60
DISCOUNT = 0.10
margin_per_customer = MARGIN_RATE * cups["spend_2024"].mean()
print(f"Average margin per customer in 2024: {margin_per_customer:,.2f} yuan")


def customer_value(margin, retention, discount=DISCOUNT):
    """Discounted value of a customer who pays `margin` now and every later year while retained."""
    return margin * (1 + discount) / (1 + discount - retention)


values = pd.DataFrame({"retention": [0.70, 0.75, 0.80, 0.85, 0.90, 0.95]})
values["customer_value"] = customer_value(margin_per_customer, values["retention"])
values["value_if_5_points_higher"] = customer_value(margin_per_customer, values["retention"] + 0.05)
values["uplift_pct"] = 100 * (values["value_if_5_points_higher"] / values["customer_value"] - 1)
values.round({"retention": 2, "customer_value": 0, "value_if_5_points_higher": 0, "uplift_pct": 1})

# %% [markdown]
# Five more points of retention raise a customer's value by a fifth or more, and the better
# the retention already is, the larger the gain. The source quotes a wider range — **+5% of
# retention raises profit by 25% to 95%** — because in many businesses a customer's margin
# also *grows* with tenure: loyal customers buy more, cost less to serve and bring friends.
# A picture makes the curve's shape plain:

# %%
grid = pd.DataFrame({"retention": np.linspace(0.50, 0.95, 46)})
grid["customer_value"] = customer_value(margin_per_customer, grid["retention"])

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(grid["retention"] * 100, grid["customer_value"], lw=2)
for r in (0.80, 0.85):
    ax.axvline(r * 100, color="grey", ls=":", lw=1)
ax.set_title("Corner Cup: what one customer is worth, by retention rate")
ax.set_xlabel("Customers still buying a year later (%)")
ax.set_ylabel("Discounted margin per customer (yuan)")
plt.show()

# %% [markdown]
# **What Mei should do.** Her flyers win customers at 120 yuan each; her club keeps one for
# 25 yuan a year. Every point of retention she gains is worth more than the last, so the
# first call on her budget is keeping club members happy — and then winning new customers
# through the cheapest channel that brings people who stay. The chapters that follow
# build exactly this judgement: which customers to win (chapter 1), who they are and what
# they are worth (chapters 2–4), how to keep them (chapters 5–7), and how to test what works
# (chapters 8–9).

# %% [markdown]
# ## Exercises
#
# Each exercise says which learning objectives it practises and what kind it is: *checked*
# (re-derive something the text did), *transfer* (the same idea on another parameter or
# dataset), *stretch* (harder) or *written*. Where a number is asked, the exercise says how
# precisely: an answer agreeing to that precision is accepted, and full precision always is.
#
# ### Exercise 1 — Corner Cup's retention rate
# *Level ★☆☆ · about 5 min · objective 2 · checked*
#
# What share of the twenty customers in `cups` were still buying in the first quarter of
# 2025 (column `active_q1_2025`)? Store it as a number between 0 and 1 in `retention_rate`
# (at least 3 significant figures).

# %%
# BEGIN SOLUTION
retention_rate = cups["active_q1_2025"].mean()
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — Winning versus keeping
# *Level ★☆☆ · about 5 min · objective 3 · checked*
#
# Divide the **average** acquisition cost of the twenty customers by the yearly cost of
# keeping a club member (`KEEP_COST`). Store the ratio in `cost_ratio` (at least 2
# significant figures). Is it inside the source's 5–10× range?

# %%
# BEGIN SOLUTION
cost_ratio = cups["acquisition_cost"].mean() / KEEP_COST
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — The cost of a customer who stays
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# Four of the twenty customers stopped buying, but Mei paid to win them too. What did it
# cost, in yuan, to win each customer who is **still buying** in the first quarter of 2025?
# Add up what Mei spent on winning all twenty and divide by the number still active. Store
# the yuan amount in `cost_per_retained` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
cost_per_retained = cups["acquisition_cost"].sum() / cups["active_q1_2025"].sum()
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — Five points of retention at a higher discount rate
# *Level ★★☆ · about 10 min · objective 4 · transfer*
#
# The table above used a 10% discount rate. Using `customer_value` with a discount rate of
# **15%**, by what **percentage** does a customer's value rise when retention goes from 80%
# to 85%? Store the percentage (for example `12.5` for 12.5%) in `uplift_15`, to one decimal
# or more.

# %%
# BEGIN SOLUTION
uplift_15 = 100 * (customer_value(margin_per_customer, 0.85, discount=0.15)
                   / customer_value(margin_per_customer, 0.80, discount=0.15) - 1)
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — Another dataset
# *Level ★☆☆ · about 5 min · objective 2 · transfer*
#
# Load the kit's `leads` dataset (chapter 1's software leads) with `data.load`. What share
# of its leads were won within six months (column `won_6m`)? Store it as a number between 0
# and 1 in `leads_won_share` (at least 3 significant figures).

# %%
# BEGIN SOLUTION
leads_won_share = data.load("leads")["won_6m"].mean()
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — Where is the solved version?
# *Level ★☆☆ · about 2 min · objective 1 · checked*
#
# You finished this notebook in `notebooks/` and want to compare your answers with a solved
# version. Which folder holds it? Store the letter as text in `solved_folder`, e.g. `"A"`.
#
# - **A** `notebooks/`
# - **B** `solutions/`
# - **C** `cases/`
# - **D** `datasets/`

# %%
# BEGIN SOLUTION
solved_folder = "B"
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — How loyal must a customer be?
# *Level ★★★ · about 15 min · objective 4 · stretch*
#
# With the 10% discount rate, what retention rate `r` makes a customer worth exactly **five
# times** their yearly margin, `customer_value(m, r) = 5 m`? Solve the formula for `r` (by
# hand or by trying values) and store it as a share between 0 and 1 in `retention_for_5x`
# (at least 3 significant figures).

# %%
# BEGIN SOLUTION
# m (1 + d) / (1 + d − r) = 5 m  ⇔  1 + d − r = (1 + d) / 5  ⇔  r = (1 + d)(1 − 1/5)
retention_for_5x = (1 + DISCOUNT) * (1 - 1 / 5)
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — Why the real gain can be larger (written answer)
# *Level ★★☆ · about 10 min · objective 4 · written*
#
# The uplift in the table assumed the same margin every year. Give two reasons why, for a
# coffee shop, the margin of a customer who stays for years may grow, and say what that does
# to the value of five extra points of retention.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* Regulars buy more over time (a pastry with the coffee, beans to take
# home), cost less to serve (they know the menu, order ahead in the app, need no coupons),
# and bring friends at no acquisition cost. With margin rising in later years, the extra
# customers that higher retention keeps are exactly the ones in their most profitable
# years, so five points of retention are worth more than the flat-margin 20% — which is how
# the source's 25–95% range arises.
#
# **Rubric.**
# - *Full:* gives two distinct, concrete reasons (buying more, cheaper to serve, referrals)
#   and says that rising margins make the extra retained years worth more, so the uplift
#   exceeds the flat-margin figure (20% at 80% → 85% in the table).
# - *Partial:* gives two reasons but does not connect them to the value of retention, or
#   one reason with the connection.
# - *Weak:* restates that retention is valuable, or gives reasons why margins fall.
# <!-- END SOLUTION -->

# %% [markdown]
# ### How did you do?
# `check.summary()` runs every check of this notebook again and prints one line per
# exercise, then a total. (Written answers are compared with the solutions by you or your
# instructor.)

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * Work in `notebooks/`; run each check cell after an exercise; open `solutions/` afterwards.
# * `data.load(name)` gives any dataset offline, checked against its fingerprint.
# * Winning a customer costs several times what keeping one does (5–10× in the source;
#   about 7× at Corner Cup).
# * With retention `r`, margin `m` and discount rate `d`, a customer is worth
#   `m(1+d)/(1+d−r)`; a few points of retention move that a lot, and more so when margins
#   grow with tenure.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | customer relationship management (CRM) | 客户关系管理 | managing the whole relationship with customers, from first contact to loyalty, with data |
# | customer acquisition | 客户获取 | winning a new customer, and what it costs |
# | customer retention | 客户保持 / 客户挽留 | keeping a customer buying; the retention rate is the share who stay |
# | churn | 客户流失 | a customer stopping buying; churn rate = 1 − retention rate |
# | customer loyalty | 客户忠诚度 | a customer's lasting preference, shown in repeat purchases and recommendations |
# | customer lifetime value (CLV) | 客户终身价值 | the discounted margin a customer brings over the whole relationship |
# | discount rate | 折现率 | how much less a yuan next year is worth than a yuan today |
#
# **Next:** chapter 1 qualifies prospects with the MAN rule. The case studies in `cases/`
# use the same ideas on fuller stories.
