# %% [markdown]
# # Case · China Merchants Bank and students: low value today, high value for life
#
# In the source's case 3.9, China Merchants Bank (招商银行) courts university students:
# it waives fees and designs cards students like, while its best people and resources go to
# the customers who bring money today. A student has almost no savings and uses few
# products; on today's numbers they are an unprofitable customer. The bank's bet is on
# what comes after graduation — a salary, a mortgage, investments — and on the fact that
# people rarely change their main bank once their salary is paid into it.
#
# Zhou, in the bank's retail-strategy team, must put a number on that bet. The marketing
# team wants a larger campus budget: a welcome gift, campus events, a fee-free card with
# attractive designs. Her questions:
#
# **The questions**
# 1. What is a student customer worth today, and what over a lifetime?
# 2. How much may the bank spend to win one student and still break even?
# 3. How long until that spend pays back?
# 4. Which assumptions matter most?
# 5. Why should top resources still go to today's key customers?

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
# The source gives the idea, not the figures. Zhou's working assumptions, each to be replaced
# by the bank's own data:
#
# * **Student years:** 4 years at university. The bank *loses* 20 yuan a year on a student
#   (card and service costs exceed the tiny balances' interest margin).
# * **After graduation:** the customer's yearly margin starts at 400 yuan and grows 10% a year
#   for 15 years as salary, savings and products grow, then stays flat.
# * **Retention:** 95% a year while a student (the campus card ties them to the bank), 88% a
#   year after graduation (some move their salary account when they change city or job).
# * **Horizon and discounting:** 35 years after enrolment, discounted at 8% a year. Each year's
#   margin is counted at the start of the year, while the customer is still with the bank.

# %%
STUDENT_YEARS = 4
STUDENT_MARGIN = -20.0          # yuan a year
GRAD_MARGIN_START = 400.0       # yuan in the first year after graduation
GRAD_GROWTH = 0.10              # a year, for GROWTH_YEARS years
GROWTH_YEARS = 15
STUDENT_RETENTION = 0.95
GRAD_RETENTION = 0.88
HORIZON_YEARS = 35
DISCOUNT = 0.08

# %% [markdown]
# ## 1. A student's value, year by year
#
# The lifetime value is a sum over years of margin × chance of still being a customer ×
# discount factor. Because the margin changes over time, we lay it out year by year.


# %%
def student_value_table(*, grad_margin=GRAD_MARGIN_START, grad_retention=GRAD_RETENTION,
                        student_retention=STUDENT_RETENTION, discount=DISCOUNT) -> pd.DataFrame:
    """Year-by-year expected discounted margin of a student won at enrolment (year 0)."""
    year = np.arange(HORIZON_YEARS)
    student = year < STUDENT_YEARS
    years_after = np.clip(year - STUDENT_YEARS, 0, GROWTH_YEARS)
    margin = np.where(student, STUDENT_MARGIN, grad_margin * (1 + GRAD_GROWTH) ** years_after)
    # Chance of still being a customer at the start of year t: one factor per earlier year.
    yearly_retention = np.where(student, student_retention, grad_retention)
    still_here = np.concatenate([[1.0], np.cumprod(yearly_retention[:-1])])
    table = pd.DataFrame({
        "year": year, "phase": np.where(student, "student", "graduate"), "margin": margin,
        "still_a_customer": still_here, "discount_factor": (1 + discount) ** -year.astype(float),
    })
    table["expected_margin_today"] = table["margin"] * table["still_a_customer"] * table["discount_factor"]
    table["cumulative_value"] = table["expected_margin_today"].cumsum()
    return table


student = student_value_table()
student.head(10).round(3)

# %%
student_clv = student["expected_margin_today"].sum()
student_phase = student.loc[student["phase"] == "student", "expected_margin_today"].sum()
print(f"Value of the 4 student years: {student_phase:,.0f} yuan")
print(f"Lifetime value of a student won at enrolment: {student_clv:,.0f} yuan")

# %% [markdown]
# A check with the chapter's helper: with a constant margin and a constant retention rate the
# table must give the closed-form value m(1 + d)/(1 + d − r) (up to the finite horizon).

# %%
# Same retention in every year and the same margin in every year (growth switched off):
flat = student_value_table(grad_margin=STUDENT_MARGIN, grad_retention=STUDENT_RETENTION).assign(margin=STUDENT_MARGIN)
flat_value = (flat["margin"] * flat["still_a_customer"] * flat["discount_factor"]).sum()
print(f"table: {flat_value:.4f} yuan; helper: "
      f"{clv.retention_clv(STUDENT_MARGIN, STUDENT_RETENTION, DISCOUNT, years=HORIZON_YEARS):.4f} yuan")

# %% [markdown]
# ## 2. How much may the bank spend to win a student?
#
# The lifetime value *is* the break-even acquisition spend: spend less than that per student
# won and the campus programme creates value; spend more and it destroys it. Banks rarely
# spend up to break-even, because the assumptions are uncertain; a common rule is to keep
# acquisition cost to a fraction of the expected value.

# %%
for share in (1.0, 0.5, 0.33):
    print(f"spend up to {share:>4.0%} of the value: {share * student_clv:,.0f} yuan per student won")

# %% [markdown]
# ## 3. When does the spend pay back?

# %%
ACQUISITION_SPEND = 0.5 * student_clv
payback_year = int(student.loc[student["cumulative_value"] >= ACQUISITION_SPEND, "year"].iloc[0])

fig, ax = plt.subplots(figsize=(8, 4.5))
ax.plot(student["year"], student["cumulative_value"], lw=2, label="cumulative expected margin, discounted")
ax.axhline(ACQUISITION_SPEND, color="grey", ls="--", label=f"acquisition spend ({ACQUISITION_SPEND:,.0f} yuan)")
ax.axvspan(-0.5, STUDENT_YEARS - 0.5, color="grey", alpha=0.15, label="student years")
ax.set_title("A student customer: value builds slowly after graduation")
ax.set_xlabel("Years since the student opened the account")
ax.set_ylabel("Cumulative discounted margin (yuan)")
ax.legend(fontsize=8)
plt.show()
print(f"Spending half the value ({ACQUISITION_SPEND:,.0f} yuan) pays back in year {payback_year}, "
      f"{payback_year - STUDENT_YEARS} years after graduation.")

# %% [markdown]
# ## 4. Which assumptions matter?
#
# The value hangs on two numbers the bank can observe in its own data: the margin of a young
# graduate and how well it keeps them once they start work.

# %%
margins = [200.0, 300.0, 400.0, 500.0, 600.0]
retentions = [0.80, 0.84, 0.88, 0.92, 0.95]
sensitivity = pd.DataFrame(
    [[student_value_table(grad_margin=m, grad_retention=r)["expected_margin_today"].sum() for m in margins]
     for r in retentions],
    index=pd.Index([f"{r:.0%}" for r in retentions], name="graduate retention"),
    columns=pd.Index([f"{m:.0f}" for m in margins], name="first-year graduate margin (yuan)"))
sensitivity.round(0)

# %% [markdown]
# Value rises in a straight line with the graduate margin but far from proportionally with retention:
# from 88% to 95% it almost doubles, because the growing margins of later years only
# count if the customer is still there. The bank's most valuable lever is therefore not the
# campus gift but **keeping the graduate** at the moment they are most likely to leave — when
# they take a first job and choose a salary account.

# %% [markdown]
# ## 5. Why top resources still go to today's key customers
#
# Compare a student with a key customer of today: a professional bringing 3,000 yuan a year
# of margin, retained at 92%.

# %%
key_customer = clv.retention_clv(3_000, 0.92, DISCOUNT, years=HORIZON_YEARS)
print(f"Key customer: {key_customer:,.0f} yuan; student: {student_clv:,.0f} yuan "
      f"({student_clv / key_customer:.0%} of a key customer)")

# %% [markdown]
# A student is worth a fraction of a key customer, and most of that value lies years away and
# depends on assumptions. That is the logic of the source's case: win students **cheaply**
# (fee waivers and attractive cards cost little per student) and in large numbers, while
# relationship managers and premium services go to the customers who are valuable now.

# %% [markdown]
# ## Answers
#
# 1. Under the stated assumptions the four student years are worth slightly less than
#    nothing, while a student won at enrolment is worth about 2,000 yuan over a lifetime.
# 2. Break-even acquisition spend is that lifetime value; a prudent budget is half of it,
#    about 1,000 yuan per student won.
# 3. Spending half the value pays back in year 9, five years after graduation.
# 4. Graduate retention matters most: from 88% to 95% the value almost doubles. The
#    graduate margin matters in proportion.
# 5. A key customer today is worth about ten times a student, with far less uncertainty; cheap,
#    broad student programmes and focused key-customer service are both right.
