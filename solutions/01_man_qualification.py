# %% [markdown]
# # 1 · Finding and qualifying customers: the MAN rule
#
# Lin has just joined **StockWise**, a company that sells cloud warehouse software to small
# and mid-sized firms. A first-year contract costs about 50,000 yuan. Every week around 600
# new leads reach the sales team: web enquiries, free-trial sign-ups, business cards from
# trade shows, names from bought lists. The team has time for about **150 qualification
# calls a week**. Her manager hands her the quarter's leads and one instruction: "Call the
# qualified prospects and forget the rest." Before she obeys, Lin wants to know what "the
# rest" are worth.
#
# **By the end of this notebook you can**
# 1. apply the MAN rule (money, authority, need) by hand and with `helpers.qualify`, and
#    name the four outcomes it leads to;
# 2. measure the conversion rate of every MAN pattern with a Wilson confidence interval,
#    and answer the classroom question "should a lead that meets only two criteria be dropped?";
# 3. build a weekly call plan under a capacity limit and count the wins it brings;
# 4. compare the rule with a learned lead score on a cumulative gains chart, and test how
#    sensitive the rule is to its thresholds;
# 5. describe where customer information comes from, how hidden needs are found, and why
#    key customers are managed differently from ordinary ones.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data
from helpers.checks import checker
from helpers import qualify
from helpers.churn import build_pipeline

rng = helpers.setup_notebook()
check = checker("ch01", globals())
ANALYSIS_DATE = pd.Timestamp("2025-04-07")  # the Monday after the quarter's last lead arrived

# %% [markdown]
# ## Where leads come from
#
# A firm learns about possible customers through two kinds of channel. **Direct channels**
# are contacts the firm runs itself: its website and online shop, surveys, campaigns and
# events, and the conversations its service and sales staff have every day. **Indirect
# channels** bring information from others: trade publications and directories, research
# firms, channel partners and distributors, and plain web search. StockWise's leads mix
# both: an `inbound_request` is a lead that reached out through a direct channel, while
# trade-show cards and bought lists arrive indirectly and usually know little about us.
#
# A lead (线索) is only a name with some signals attached. Turning it into a customer costs
# sales time, so the first job is to decide **which leads deserve that time** — to qualify them.

# %% [markdown]
# ## The MAN rule by hand
#
# The MAN rule (MAN法则) asks three questions of each lead:
#
# * **M — money:** can the company pay? StockWise takes "yes" to mean a stated project budget
#   of at least 50,000 yuan, about one first-year contract.
# * **A — authority:** is our contact someone who can decide? "Yes" when the contact is a
#   director or an executive (owners and general managers are executives).
# * **N — need:** does the company need what we sell? Need is seen through three signals —
#   the lead names two or more pain points, the lead contacted us first, or the lead used the
#   free trial on three or more days — and "yes" takes at least two of the three.
#
# The source turns the count of "yes" answers into four outcomes:
#
# | criteria met | outcome | priority | what to do |
# |---|---|---|---|
# | all three | qualified prospect (合格潜在客户) | 1 | pursue now |
# | two (MA-, M-N, -AN) | prospect (潜在客户) | 2 | nurture |
# | one | lead (线索) | 3 | automated nurturing |
# | none | not a target | 4 | park for now |
#
# A **pattern** writes the answers as letters: `M-N` has money and need but no authority.
# Six leads, small enough to check by eye:

# %%
six = pd.DataFrame({
    "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
    "budget_yuan": [80_000.0, 50_000.0, 49_999.0, np.nan, 10_000.0, 200_000.0],
    "contact_seniority": ["director", "staff", "executive", "manager", None, "executive"],
    "pain_points": pd.array([3, 0, 2, 1, pd.NA, 0], dtype="Int64"),
    "inbound_request": [True, False, False, True, True, False],
    "trial_days": [0, 10, 5, 3, 0, 1],
})
six

# %% [markdown]
# By hand, treating a missing value as "not shown, so not met":
#
# * L1: 80,000 ≥ 50,000 → M; director → A; 3 pain points and an inbound request → N: **MAN**.
# * L2: exactly 50,000 → M; staff → no A; only the trial (10 days) signals need → no N: **M--**.
# * L3: 49,999 is one yuan short → no M; executive → A; 2 pain points and 5 trial days → N: **-AN**.
# * L4: budget unknown → no M; manager → no A; inbound and 3 trial days → N: **--N**.
# * L5: small budget, seniority unknown, pain points unknown, inbound only → **---**.
# * L6: 200,000 → M; executive → A; no need signal at all → **MA-**.
#
# The same steps in pandas (a comparison with a missing value gives `False`):

# %%
by_hand = pd.DataFrame({"lead_id": six["lead_id"]})
by_hand["money"] = six["budget_yuan"] >= 50_000
by_hand["authority"] = six["contact_seniority"].isin(["director", "executive"])
need_signals = ((six["pain_points"] >= 2).fillna(False).astype(int)
                + six["inbound_request"].astype(int)
                + (six["trial_days"] >= 3).astype(int))
by_hand["need"] = need_signals >= 2
by_hand["criteria_met"] = by_hand[["money", "authority", "need"]].sum(axis=1)
by_hand

# %% [markdown]
# `helpers.qualify` does the same in two calls. `man_flags` applies the rules (each threshold
# is an argument) and says how it treated missing values; `man_tier` turns the flags into
# the pattern, the outcome, the priority and the action.

# %%
six_flags = qualify.man_flags(six)
six_tiers = qualify.man_tier(six_flags)
pd.concat([six[["lead_id"]], six_tiers], axis=1)

# %%
agree = (six_flags.equals(by_hand[["money", "authority", "need"]])
         and six_tiers["criteria_met"].equals(by_hand["criteria_met"]))
print("The helper agrees with the hand calculation:", agree)

# %% [markdown]
# ## A quarter of StockWise's leads
#
# The `leads` dataset holds the 7,800 leads of the first quarter of 2025 (13 weeks), with
# what the team knew on arrival and whether each lead became a paying customer within six
# months (`won_6m`). Its card, `datasets/leads/README.md`, describes every column.

# %%
leads = data.load("leads")
print(f"{len(leads):,} leads, weeks {leads['week'].min()}–{leads['week'].max()}, "
      f"{leads['won_6m'].sum():,} won within six months ({leads['won_6m'].mean():.1%}).")
leads.head()

# %% [markdown]
# Real lead data has holes: some leads would not name a budget, some forms skipped a field.

# %%
leads.isna().sum().loc[lambda s: s > 0].rename("missing values").to_frame()

# %%
flags = qualify.man_flags(leads)
tiers = qualify.man_tier(flags)
leads = leads.join(flags).join(tiers)

# %% [markdown]
# The pandas version of the rule gives exactly the same flags on all 7,800 leads:

# %%
money_by_hand = leads["budget_yuan"] >= 50_000
authority_by_hand = leads["contact_seniority"].isin(["director", "executive"])
need_by_hand = ((leads["pain_points"] >= 2).fillna(False).astype(int) + leads["inbound_request"].astype(int)
                + (leads["trial_days"] >= 3).astype(int)) >= 2
print("Same flags as the helper:", bool((money_by_hand == flags["money"]).all()
                                       and (authority_by_hand == flags["authority"]).all()
                                       and (need_by_hand == flags["need"]).all()))

# %%
per_week = leads.groupby("tier").size().rename("leads").to_frame()
per_week["per_week"] = (per_week["leads"] / leads["week"].nunique()).round(1)
per_week["share"] = (per_week["leads"] / len(leads)).round(3)
per_week.loc[["qualified prospect", "prospect", "lead", "not a target"]]

# %% [markdown]
# About 38 qualified prospects arrive in an average week: the manager's plan would leave
# more than 100 of the team's 150 weekly calls unused. Would those calls be wasted on the
# two-criteria prospects?

# %% [markdown]
# ## Should a two-criteria lead be dropped?
#
# This is the source's classroom question. The source's answer is that the MAN rule is a way
# to set priorities, not a delete button; the data let us check that answer. For each
# pattern: how many leads, how many won, and the **conversion rate** (转化率) with a 95%
# confidence interval.
#
# For a rate p = x/n the kit uses the **Wilson interval**. With z = 1.96 for 95%,
#
# $$ \text{centre} = \frac{p + z^2/2n}{1 + z^2/n}, \qquad
#    \text{half-width} = \frac{z}{1 + z^2/n}\sqrt{\frac{p(1-p)}{n} + \frac{z^2}{4n^2}}. $$
#
# Unlike the textbook p ± z·√(p(1−p)/n), it never leaves the range 0–1 and it stays honest
# for small groups and rates near zero — exactly the case of the weak patterns. By hand for
# the `MA-` pattern:

# %%
ma = leads[leads["pattern"] == "MA-"]
n, x, z = len(ma), int(ma["won_6m"].sum()), 1.959964
p = x / n
centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
print(f"MA-: {x} wins of {n} leads, rate {p:.3f}, Wilson 95% interval {centre - half:.3f}–{centre + half:.3f}")

# %%
by_pattern = qualify.conversion_by(leads, "pattern")
by_pattern.round(3)

# %%
print("Helper and hand calculation agree:",
      bool(np.isclose(by_pattern.loc["MA-", "ci_low"], centre - half)
           and np.isclose(by_pattern.loc["MA-", "ci_high"], centre + half)))

# %%
tier_of = {p: qualify.TIERS[3 - p.count("-")][0] for p in qualify.PATTERNS}
colours = dict(zip(["qualified prospect", "prospect", "lead", "not a target"],
               plt.rcParams["axes.prop_cycle"].by_key()["color"]))  # the kit's palette
fig, ax = plt.subplots(figsize=(8, 4.5))
positions = np.arange(len(by_pattern))
rate_pct = 100 * by_pattern["conversion_rate"]
errors = 100 * np.vstack([by_pattern["conversion_rate"] - by_pattern["ci_low"],
                          by_pattern["ci_high"] - by_pattern["conversion_rate"]])
ax.bar(positions, rate_pct, yerr=errors, capsize=4,
       color=[colours[tier_of[p]] for p in by_pattern.index])
ax.set_xticks(positions, by_pattern.index)
for tier, colour in colours.items():
    ax.bar(0, 0, color=colour, label=tier)
ax.legend(title="MAN outcome")
ax.set_title("StockWise leads, Q1 2025: six-month conversion by MAN pattern (95% Wilson intervals)")
ax.set_xlabel("MAN pattern (letter = criterion met, dash = not met)")
ax.set_ylabel("Leads won within six months (%)")
plt.show()

# %% [markdown]
# **Reading the chart.** Qualified prospects convert best, at about 47%. But the three
# two-criteria patterns convert at 17–24%: roughly one call in five becomes a customer worth
# 50,000 yuan a year. Dropping them would throw away 363 wins, more than the 232 the
# qualified prospects bring. Even one-criterion leads convert at about 5–10%, which is why the
# source sends them to automated nurturing rather than to the bin. The source's answer holds:
# **two criteria means "nurture", not "drop".**
#
# What each two-criteria pattern is missing tells the salesperson what to do next:
#
# | pattern | missing | what the call should do |
# |---|---|---|
# | `M-N` | authority | find the decision maker: ask who signs, and get an introduction |
# | `MA-` | need | the decision maker has money but sees no pain: show a case from their industry, offer the trial |
# | `-AN` | money | the buyer wants it but has no budget: time the offer to the budget cycle, or start with a smaller plan |

# %% [markdown]
# ### Missing is not the same as "no"
#
# By default the rule counts a missing budget as "no money". The data disagree:

# %%
budget_status = pd.Series(
    np.select([leads["budget_yuan"].isna(), leads["budget_yuan"] >= 50_000], ["not stated", "50,000 or more"],
              default="under 50,000"), index=leads.index, name="budget_status")
qualify.conversion_by(leads.assign(budget_status=budget_status), "budget_status").round(3)

# %% [markdown]
# Leads that would not state a budget convert three times as often as leads that stated a
# small one: many of them have the money and simply did not say. One cheap question on the
# first call ("what budget have you set aside?") moves such a lead to its right tier.
# `man_flags(..., missing="met")` gives every unknown the benefit of the doubt instead;
# neither choice is right for every firm, which is why the helper reports what it did.

# %% [markdown]
# ## A weekly call plan
#
# Lin plans the second half of the quarter, weeks 7–13, with what the first six weeks
# taught her. Four ways to fill 150 calls a week:
#
# 1. **qualified prospects only** — the manager's instruction;
# 2. **MAN priority** — all tiers in order, qualified prospects first, then prospects, then
#    leads, earlier arrivals first within a tier;
# 3. **pattern rate** — each lead scored with its pattern's conversion rate in weeks 1–6,
#    so that `M-N` goes before `-AN`;
# 4. **learned score** — a logistic regression trained on weeks 1–6 (next section).
#
# **Expected wins** are the sum of the scores (weeks 1–6 rates) of the leads called; the
# **actual wins** are what happened to them.

# %%
CAPACITY = 150
learn = leads[leads["week"] <= 6]
plan_weeks = leads[leads["week"] >= 7]
pattern_rate = qualify.conversion_by(learn, "pattern")["conversion_rate"]
print(f"Learning weeks 1–6: {len(learn):,} leads; planning weeks 7–13: {len(plan_weeks):,} leads, "
      f"{plan_weeks['week'].nunique()} weeks × {CAPACITY} calls = {plan_weeks['week'].nunique() * CAPACITY:,} calls.")
pattern_rate.round(3).to_frame("rate in weeks 1–6").T

# %% [markdown]
# ## A learned lead score beside the rule
#
# The MAN rule uses three yes/no answers. A **lead score** (线索评分) learned from past
# outcomes can use everything: the flags, the raw signals, which values were missing, the
# industry and the firm's size. A logistic regression fitted on weeks 1–6 (the kit's
# `build_pipeline`, scaled numbers and one-hot industries) gives every lead a probability
# of winning.

# %%
def lead_features(frame):
    """Numeric features of each lead for the score; missing values become 0 plus a 'missing' flag."""
    seniority_rank = frame["contact_seniority"].cat.codes.astype("float64")  # -1 when missing
    return pd.DataFrame({
        "money": frame["money"].astype(int),
        "authority": frame["authority"].astype(int),
        "need": frame["need"].astype(int),
        "log_budget": np.log10(frame["budget_yuan"]).fillna(0.0),
        "budget_missing": frame["budget_yuan"].isna().astype(int),
        "seniority_rank": seniority_rank.clip(lower=0),
        "seniority_missing": (seniority_rank < 0).astype(int),
        "pain_points": frame["pain_points"].fillna(0).astype("float64"),
        "pain_missing": frame["pain_points"].isna().astype(int),
        "inbound_request": frame["inbound_request"].astype(int),
        "trial_days": frame["trial_days"].astype("float64"),
        "log_employees": np.log10(frame["employees"].astype("float64")).fillna(0.0),
        "employees_missing": frame["employees"].isna().astype(int),
        "industry": frame["industry"],
    }, index=frame.index)


numeric_features = [c for c in lead_features(leads.head()).columns if c != "industry"]
score_model = build_pipeline(numeric_features, ["industry"], model="logistic")
score_model.fit(lead_features(learn), learn["won_6m"])
learned_score = pd.Series(score_model.predict_proba(lead_features(plan_weeks))[:, 1], index=plan_weeks.index)
coefficients = pd.Series(score_model.named_steps["model"].coef_[0],
                         index=score_model.named_steps["prepare"].get_feature_names_out())
coefficients.sort_values(ascending=False, kind="mergesort").round(2).to_frame("weight (per sd)")

# %% [markdown]
# The largest weights go to the three MAN flags: the data confirm the rule's questions.
# The score also learned what the rule ignores: a missing budget is a *good* sign next to a
# small stated one, bigger firms buy more often, professional-services firms rarely buy, and
# wholesalers and logistics firms buy more often than the rest.

# %% [markdown]
# ### The four plans compared
#
# Each plan fills up to 150 calls in each of weeks 7–13; the manager's plan stops after the
# qualified prospects.

# %%
scores = {
    "qualified prospects only": plan_weeks["criteria_met"].eq(3).astype(float),
    "MAN priority": -plan_weeks["priority"].astype(float),
    "pattern rate": plan_weeks["pattern"].map(pattern_rate),
    "learned score": learned_score,
}
expected_rate = plan_weeks["pattern"].map(pattern_rate)
rows = []
for name, score in scores.items():
    plan = qualify.call_plan(plan_weeks, score, CAPACITY)
    if name == "qualified prospects only":
        plan["called"] = plan["called"] & (plan["criteria_met"] == 3)
    called = plan["called"]
    rows.append({"plan": name, "calls": int(called.sum()),
                 "expected_wins": expected_rate[called].sum(),
                 "actual_wins": int(plan.loc[called, "won_6m"].sum())})
plans = pd.DataFrame(rows).set_index("plan")
plans["wins_per_100_calls"] = 100 * plans["actual_wins"] / plans["calls"]
plans.round(1)

# %%
lost = plans.loc["MAN priority", "actual_wins"] - plans.loc["qualified prospects only", "actual_wins"]
print(f"Ignoring the two-criteria prospects leaves "
      f"{plans.loc['MAN priority', 'calls'] - plans.loc['qualified prospects only', 'calls']:,} calls unused "
      f"and loses {lost} wins in seven weeks, about {lost / 7:.0f} customers a week.")

# %% [markdown]
# **Reading the plans.** The manager's plan makes the fewest calls and wins the most per
# call — but it wins far fewer customers in total, because the team sits idle for most of
# the week. Filling the free calls with prospects more than doubles the wins. Ordering the
# prospects by their pattern's past rate (`M-N` first) adds a little; the learned score adds
# a little more, because it also ranks leads *within* a pattern.

# %% [markdown]
# ### Where the rule agrees with the data, and where it does not
#
# A **cumulative gains chart** (累积增益图) shows, for each share of leads called best score
# first, the share of all wins those calls catch. A useless score follows the diagonal; the
# higher the curve, the better. The MAN rule has only four values, so the leads inside a
# tier cannot be ordered: its curve is a straight line across each tier.

# %%
gains_scores = {
    "MAN tiers (priority)": scores["MAN priority"],
    "MAN pattern rate": scores["pattern rate"],
    "learned score": learned_score,
}
fig, ax = plt.subplots(figsize=(7, 5))
for name, score in gains_scores.items():
    gains = qualify.gains_table(score, plan_weeks["won_6m"])
    ax.plot(100 * gains["share_of_leads"], 100 * gains["share_of_wins"],
            marker="o" if name.startswith("MAN") else None, ms=4, label=name)
ax.plot([0, 100], [0, 100], color="grey", ls=":", label="random order")
capacity_share = 100 * CAPACITY * plan_weeks["week"].nunique() / len(plan_weeks)
ax.axvline(capacity_share, color="grey", lw=1)
ax.text(capacity_share + 1, 5, f"150 calls a week\n= {capacity_share:.0f}% of leads", fontsize=9)
ax.set_title("StockWise, weeks 7–13: share of wins caught by calling the best leads first")
ax.set_xlabel("Leads called, best score first (% of all leads)")
ax.set_ylabel("Wins caught (% of all wins)")
ax.legend(loc="lower right")
plt.show()

# %%
tier_gains = qualify.gains_table(scores["MAN priority"], plan_weeks["won_6m"]).iloc[1:]
for share in [tier_gains["share_of_leads"].iloc[0], CAPACITY * plan_weeks["week"].nunique() / len(plan_weeks), 0.5]:
    caught = {name: np.interp(share, *qualify.gains_table(score, plan_weeks["won_6m"])[["share_of_leads", "share_of_wins"]].T.values)
              for name, score in gains_scores.items()}
    print(f"Calling the first {share:.0%} of leads catches " + ", ".join(f"{v:.0%} of wins ({k})" for k, v in caught.items()))
tier_gains.assign(tier=["qualified prospect", "prospect", "lead", "not a target"]).set_index("tier").round(3)

# %% [markdown]
# **Reading the chart.** Where the rule agrees with the data: the qualified prospects, the
# first 7% of leads, hold 29% of all wins, and the learned score does no better there — its
# top 7% catch about 27%. Where it does not: *inside* the prospect and lead tiers. The rule
# treats every prospect alike, but an `M-N` prospect from a wholesaler is worth more than a
# `-AN` prospect from a consultancy, and a lead with no stated budget is not the same as one
# with a small budget. The learned score sees both: at the team's capacity (25% of leads)
# it catches about 65% of the wins against 63% for the tiers, and at 50% of leads about 89%
# against 84%. The MAN rule is the right first cut — simple, explainable to a sales team,
# stable — and a learned score is a good way to order the calls within it.

# %% [markdown]
# ### How sensitive is the rule to its thresholds?
#
# The rule's numbers are choices. What happens to the qualified prospects when the budget
# threshold moves, or when need asks for one, two or three signals?

# %%
rows = []
for budget_min in [20_000, 30_000, 40_000, 50_000, 70_000, 100_000]:
    for need_min in [1, 2, 3]:
        variant = qualify.man_tier(qualify.man_flags(leads, budget_min=budget_min, need_min_signals=need_min,
                                                     verbose=False))
        qualified = variant["criteria_met"] == 3
        rows.append({"budget_min": budget_min, "need_min_signals": need_min,
                     "qualified_per_week": qualified.sum() / 13,
                     "qualified_rate": leads.loc[qualified, "won_6m"].mean(),
                     "share_of_wins": leads.loc[qualified, "won_6m"].sum() / leads["won_6m"].sum()})
sensitivity = pd.DataFrame(rows)
sensitivity.pivot(index="budget_min", columns="need_min_signals",
                  values=["qualified_per_week", "qualified_rate", "share_of_wins"]).round(2)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for need_min, part in sensitivity.groupby("need_min_signals"):
    label = f"need: {need_min} of 3 signals"
    axes[0].plot(part["budget_min"] / 1000, 100 * part["qualified_rate"], marker="o", label=label)
    axes[1].plot(part["budget_min"] / 1000, part["qualified_per_week"], marker="o", label=label)
axes[0].set_title("Conversion of qualified prospects")
axes[0].set_ylabel("Won within six months (%)")
axes[1].set_title("Qualified prospects per week")
axes[1].set_ylabel("Leads per week")
for ax in axes:
    ax.axvline(50, color="grey", ls=":", lw=1)
    ax.set_xlabel("Budget threshold for 'money' (thousand yuan)")
axes[1].legend()
fig.suptitle("StockWise: how the MAN thresholds trade volume against quality")
plt.show()

# %% [markdown]
# A lower budget bar or a looser need test qualifies more leads, each less likely to buy; a
# higher bar qualifies fewer, better ones. Around 50,000 yuan — the price of the product —
# the conversion curve bends: above it a higher bar gains little quality and loses many
# customers. With 150 calls a week the team can afford a fairly loose definition of
# "qualified"; a smaller team should tighten it. Thresholds are a capacity decision as much
# as a definition.

# %% [markdown]
# ## Hidden needs
#
# Need is the hardest of the three letters to see, because customers often do not state it.
# The source's examples: a hotel whose staff noticed that a guest liked carrot juice and had
# it waiting at his next stay, years later; and a young rice seller who wrote down how many
# people lived in each household and when they were paid, and delivered a new bag just
# before the old one ran out. Neither customer asked. The source lists ways to uncover such
# needs: read behaviour data (StockWise's trial usage is one), ask open questions, put
# yourself in the customer's situation, look for patterns across many customers, try small
# surprises and watch the response, and treat complaints as needs spoken aloud.
#
# ## Key customers and ordinary customers
#
# Qualifying leads is the first step of **customer grading** (客户分级): not every customer
# deserves the same effort. **Key customers** (关键客户) bring a large share of profit and get
# dedicated people, shared planning and custom service — the source's example is a consumer
# goods maker that placed a team inside its largest retailer to share sales and stock data.
# **Ordinary customers** are many and each brings little, so they are served through cheap,
# standard, often automated channels. The two are linked: a bank in the source waives fees
# for students who are worth little today but much over a lifetime. Chapter 3's customer
# pyramid makes this grading quantitative.

# %% [markdown]
# ## Exercises
#
# Each exercise says which objectives it practises and its kind: *checked* (re-derive what
# the text did), *transfer* (another parameter, industry or plan), *stretch* (harder) or
# *written*. Where a number is asked, the exercise says how precisely; full precision is
# always accepted.
#
# ### Exercise 1 — How many qualified prospects?
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# With the default rules (missing values count as not met), how many of the 7,800 leads are
# qualified prospects? Store the count in `n_qualified` (an integer).

# %%
# BEGIN SOLUTION
n_qualified = int((qualify.man_tier(qualify.man_flags(leads, verbose=False))["criteria_met"] == 3).sum())
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — The two-criteria conversion rate
# *Level ★☆☆ · about 5 min · objective 2 · checked*
#
# What share of the leads that meet **exactly two** criteria were won within six months?
# Store it as a number between 0 and 1 in `two_criteria_rate` (at least 3 significant
# figures).

# %%
# BEGIN SOLUTION
two_criteria_rate = leads.loc[leads["criteria_met"] == 2, "won_6m"].mean()
# END SOLUTION

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — The best prospect pattern in one industry
# *Level ★★☆ · about 10 min · objective 2 · transfer*
#
# Over the whole quarter `M-N` converts best among the three two-criteria patterns (`MA-`,
# `M-N`, `-AN`). Is that true in every industry? Among the **professional services** leads
# only, which two-criteria pattern has the highest conversion rate? Store the pattern as text
# in `best_pattern_services`, e.g. `"MA-"`. Then look at how many leads that is based on.

# %%
# BEGIN SOLUTION
services = leads[leads["industry"] == "professional services"]
services_two = qualify.conversion_by(services, "pattern").loc[["MA-", "M-N", "-AN"]]
best_pattern_services = services_two["conversion_rate"].idxmax()
services_two.round(3)
# END SOLUTION

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — A lower budget bar
# *Level ★★☆ · about 10 min · objective 1 · transfer*
#
# Suppose "money" means a stated budget of at least **30,000** yuan (everything else as by
# default). What is the conversion rate of the qualified prospects then? Store it in
# `qualified_rate_30k` (between 0 and 1, at least 3 significant figures).

# %%
# BEGIN SOLUTION
tiers_30k = qualify.man_tier(qualify.man_flags(leads, budget_min=30_000, verbose=False))
qualified_rate_30k = leads.loc[tiers_30k["criteria_met"] == 3, "won_6m"].mean()
# END SOLUTION

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — A smaller team
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# Two salespeople leave and the team can make only **100** calls a week. For weeks 7–13,
# call leads in MAN priority order (`qualify.call_plan` with `-priority` as the score, since
# priority 1 is the best tier and the plan calls the highest score first; ties by arrival).
# How many of the called leads were actually won? Store the count in `wins_100`.

# %%
# BEGIN SOLUTION
plan_100 = qualify.call_plan(plan_weeks, -plan_weeks["priority"], 100)
wins_100 = int(plan_100.loc[plan_100["called"], "won_6m"].sum())
# END SOLUTION

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — How the rice seller found a need
# *Level ★☆☆ · about 3 min · objective 5 · checked*
#
# The young rice seller in the section on hidden needs delivered a new bag just before the
# old one ran out. How did she find that need? Store the letter in `rice_seller_method`.
#
# - **A** She asked each household an open question about their rice.
# - **B** She recorded facts about each household (how many people, when they were paid) and
#   read the need from them.
# - **C** A customer complained that the rice ran out.
# - **D** She ran a survey of all her customers.

# %%
# BEGIN SOLUTION
rice_seller_method = "B"
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — One point of the gains chart
# *Level ★★★ · about 15 min · objective 4 · stretch*
#
# The gains chart plots, for each share of leads called, the share of wins caught. Compute
# one point of the **pattern rate** curve yourself: rank the leads of weeks 7–13 by their
# pattern's conversion rate in weeks 1–6 (`pattern_rate`), highest first, ties in arrival
# order; take the first 30% of those leads (rounded down to whole leads). What share of all
# wins of weeks 7–13 do they hold? Store it in `top30_win_share` (between 0 and 1, at least
# 3 significant figures).

# %%
# BEGIN SOLUTION
ranked = plan_weeks.assign(score=plan_weeks["pattern"].map(pattern_rate)).sort_values(
    "score", ascending=False, kind="mergesort")
top30 = ranked.head(int(0.30 * len(plan_weeks)))
top30_win_share = top30["won_6m"].sum() / plan_weeks["won_6m"].sum()
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — Defend the prospects (written answer)
# *Level ★★☆ · about 10 min · objectives 2, 3 · written*
#
# In three or four sentences for Lin's manager, argue for or against calling two-criteria
# prospects when qualified prospects do not fill the week. Use at least two numbers from
# this notebook, and say which prospects you would call first and what the call should
# achieve.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* Qualified prospects fill only about 38 of our 150 weekly calls, so
# the question is what to do with the other 112. Two-criteria prospects convert at about
# 20% — one call in five becomes a 50,000-yuan customer — and in weeks 7–13 calling them
# more than doubled our wins compared with calling qualified prospects alone. I would call
# `M-N` prospects first (24%), and use the call to reach the person who signs; then `MA-`
# and `-AN` prospects, with a case study or a budget-timed offer. Leads with one criterion
# stay in automated nurturing until a signal changes.
#
# **Rubric.**
# - *Full:* takes a side, quotes at least two figures printed in this notebook (qualified
#   prospects fill about 38 of 150 weekly calls; two-criteria leads convert at about 20%;
#   `M-N` at 24%) and says whom to call first and what the call should achieve.
# - *Partial:* takes a side with one figure, or gives figures without an order of calls.
# - *Weak:* an opinion without figures, or figures that this notebook does not print.
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
# * The MAN rule qualifies a lead by money, authority and need; the count of criteria met
#   gives four outcomes: qualified prospect (pursue now), prospect (nurture), lead
#   (automated nurturing), not a target (park).
# * In StockWise's quarter the rule's tiers convert at **46.9%** (qualified prospects),
#   **20.4%** (prospects, two criteria), **5–10%** (leads, one criterion, by pattern) and
#   **1.7%** (none);
#   among prospects `M-N` converts best (24%), then `-AN` (18%) and `MA-` (17%).
# * So two-criteria leads should not be dropped: with 150 calls a week the qualified
#   prospects fill only a quarter of the week, and calling prospects too more than doubles
#   the wins.
# * A missing value is not a "no": leads with no stated budget convert three times as often
#   as those stating a small one. Say how missing values are treated.
# * A learned lead score agrees with the rule across tiers and improves the order within
#   them; thresholds trade volume against quality and should follow the team's capacity.
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | MAN rule | MAN法则 | qualifying a lead by Money (can pay), Authority (can decide) and Need (needs the product) |
# | lead | 线索 | a possible customer known only by a name and a few signals; also the one-criterion tier |
# | prospect | 潜在客户 | a lead that meets some criteria and is worth developing |
# | qualified prospect | 合格潜在客户 | a prospect meeting all three MAN criteria: pursue now |
# | lead qualification | 线索筛选 / 客户资格审查 | deciding which leads deserve sales time |
# | conversion rate | 转化率 | share of leads that become paying customers |
# | confidence interval | 置信区间 | the range of rates compatible with the data; here Wilson's |
# | lead score | 线索评分 | a learned probability that a lead will buy |
# | cumulative gains chart | 累积增益图 | share of wins caught against share of leads called, best first |
# | direct / indirect channel | 直接渠道 / 间接渠道 | information the firm gathers itself / obtains from others |
# | hidden need | 隐性需求 | a need the customer has but does not state |
# | customer grading | 客户分级 | sorting customers by value to match effort to value |
# | key customer | 关键客户 | a customer bringing a large share of profit, served by dedicated people |
#
# **Cases.** `cases/b2b_lead_qualification` follows a trainee who qualifies the same
# quarter's leads and defends her call plan, in money, to a sales manager.
