# %% [markdown]
# # 5 · Satisfaction surveys, loyalty and complaints
#
# Ms Wang owns the **"A" beauty club**. It sits in a good spot, with schools, government
# offices, banks and shops all close by, and it sells four services: slimming, beauty care,
# fitness and acupuncture. Members come for slimming and fitness above all, and they get
# results. Even so, Ms Wang can feel two problems growing, and she would like evidence before
# she acts. Two months before each membership came up for renewal she asked the member to
# fill in a short questionnaire, and afterwards she recorded who renewed. This chapter turns
# those answers into decisions: which parts of the club to fix first, whether satisfied
# members really stay, and what a well-handled complaint is worth.
#
# **By the end of this notebook you can**
# 1. explain why questionnaires mix positively and negatively worded Likert items, reverse
#    the negative ones, and flag doubtful respondents without silently dropping them;
# 2. check whether the items of a dimension measure one thing (Cronbach's alpha with its
#    confidence interval) and spot the item that does not belong;
# 3. compute the Net Promoter Score and the top-box share with their uncertainty, by group;
# 4. run a driver analysis and an importance–performance chart, and say where they mislead;
# 5. tell attitudinal from behavioural loyalty, and price a resolved complaint with the
#    word-of-mouth figures of Coca-Cola's 1981 complaint study.

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import helpers
from helpers import data, survey
from helpers.checks import checker
from helpers.simulate import survey as survey_design

rng = helpers.setup_notebook()
check = checker("ch05", globals())
ANALYSIS_DATE = pd.Timestamp("2025-01-01")  # fixed; this chapter uses no dates

# %% [markdown]
# ## 1 · The questionnaire: Likert items and why some are worded backwards
#
# A **Likert item** (李克特量表题) is a statement the member rates from 1 ("strongly
# disagree") to 5 ("strongly agree"). One statement is a noisy measure, so a questionnaire
# asks several about each **dimension** (维度) of the service — here staff and service,
# environment, price and value, results, and convenience.
#
# A few statements are deliberately **reverse-worded** (反向题): "Staff push me to buy extra
# packages" instead of "Staff respect my budget". They make a hurried member read each line,
# and they expose members who tick the same box all the way down (a **straight-liner**):
# agreeing with both "the club is clean" and "the club is too crowded and noisy" is a warning
# sign. Before any analysis, a reverse-worded answer must be turned round so that 5 always
# means a good experience: on a 1–5 scale, `reversed = 6 − answer`.

# %%
questionnaire = data.load("survey", "items")
questionnaire

# %% [markdown]
# Reversing by hand, on four members' answers to the staff items (`staff_3` is the
# reverse-worded one):

# %%
tiny = pd.DataFrame({"staff_1": [5, 4, 2, 3], "staff_2": [4, 4, 1, 3], "staff_3": [1, 2, 5, 3]},
                    index=["m1", "m2", "m3", "m4"])
tiny_by_hand = tiny.assign(staff_3=6 - tiny["staff_3"])
tiny_by_hand

# %% [markdown]
# Member m1 *disagreed strongly* that staff push extra packages (answer 1): after reversing,
# that counts as a 5, consistent with the 5 and 4 m1 gave the positive items. The helper does
# the same and checks that every answer is on the scale:

# %%
tiny_with_helper = tiny.assign(staff_3=survey.reverse_code(tiny["staff_3"]))
print("hand and helper agree:", bool((tiny_with_helper.astype("float64") == tiny_by_hand.astype("float64")).all().all()))

# %% [markdown]
# ## 2 · Cleaning the responses: flag, look, then decide
#
# The club has 1,200 members. Some answers are blank (normal in any survey), some members
# stopped half-way, some gave the same answer to every item, and a few answers were keyed
# as 0 or 6 on a 1–5 scale. `survey.quality_flags` marks each kind and drops nobody.

# %%
members = data.load("survey")
ITEMS = questionnaire["item"].tolist()
DIMENSIONS = survey_design.DIMENSIONS
REVERSED = questionnaire.loc[questionnaire["reverse_worded"], "item"].tolist()
print(f"{len(members):,} members, {len(ITEMS)} items; reverse-worded: {', '.join(REVERSED)}")
members.head()

# %%
flags = survey.quality_flags(members, ITEMS)
flags[["straight_liner", "too_many_missing", "out_of_scale"]].sum()

# %% [markdown]
# What a straight-liner looks like: every item the same, including the four reverse-worded
# ones, so that once reversed the member contradicts themselves.

# %%
members.loc[flags["straight_liner"], ["member_id", *ITEMS[:8]]].head(3)

# %% [markdown]
# The 46 flagged members are set aside for the measurement work below (a decision stated
# here, not a silent drop). Blank answers elsewhere stay blank: each dimension score is the
# mean of the items a member answered, provided they answered at least two.

# %%
clean = members[~flags["any_flag"]]
print(f"kept {len(clean):,} of {len(members):,} members; set aside {int(flags['any_flag'].sum())} flagged")
scores = survey.dimension_scores(clean, survey_design.dimensions(), reverse=REVERSED)
club = pd.concat([clean.drop(columns=ITEMS), scores], axis=1)
club[DIMENSIONS].describe().round(2)

# %% [markdown]
# ## 3 · Do the items of a dimension agree? Cronbach's alpha
#
# If the four staff items measure one attitude, members who rate one of them high should
# rate the others high too, and the **total** of the items then varies much more than the
# items do separately. **Cronbach's alpha** (克朗巴哈α系数, a measure of internal
# consistency, 内部一致性信度) compares the two:
#
# $$\alpha = \frac{k}{k-1}\left(1 - \frac{\sum_i \operatorname{var}(\text{item}_i)}{\operatorname{var}(\text{total})}\right)$$
#
# with `k` items. By hand on the tiny table (after reversing):

# %%
k = tiny_by_hand.shape[1]
item_variances = tiny_by_hand.var(ddof=1)
total_variance = tiny_by_hand.sum(axis=1).var(ddof=1)
alpha_by_hand = k / (k - 1) * (1 - item_variances.sum() / total_variance)
print(f"item variances {item_variances.round(3).tolist()}, total variance {total_variance:.3f}, "
      f"alpha by hand = {alpha_by_hand:.3f}")
survey.cronbach_alpha(tiny_by_hand).round(3)

# %% [markdown]
# The helper agrees, and adds **Feldt's confidence interval**: with only four members the
# interval is wide. Alpha of 0.7 or more is the usual bar for a scale used to compare
# groups; 0.8 or more for decisions about individuals.
#
# Now each dimension of the real survey. Members with a blank item are left out of that
# dimension's alpha (listwise), and the helper says how many.

# %%
alpha_rows = {}
for dimension, items in survey_design.dimensions().items():
    values = clean[items].astype("float64")
    flipped = [item for item in items if item in REVERSED]
    if flipped:  # the results items are all positively worded
        values[flipped] = survey.reverse_code(values[flipped])
    alpha_rows[dimension] = survey.cronbach_alpha(values)
alpha_table = pd.DataFrame(alpha_rows).T[["alpha", "ci_low", "ci_high", "n_items", "n_respondents"]]
alpha_table.round(3)

# %% [markdown]
# All five scales clear 0.8. What an item that *lowers* alpha tells you: compute alpha with
# each item left out in turn. If `staff_3` is forgotten and left unreversed, it runs against
# the other three, its correlation with the rest of the scale turns negative, and dropping it
# raises alpha — the signature of a reverse-worded item nobody turned round (or of an item
# that measures something else).

# %%
staff_items = survey_design.dimensions()["staff"]
forgot = survey.alpha_if_dropped(clean[staff_items].astype("float64"))
fixed = clean[staff_items].astype("float64")
fixed["staff_3"] = survey.reverse_code(fixed["staff_3"])
print(f"alpha of the four staff items: {survey.cronbach_alpha(clean[staff_items].astype('float64'))['alpha']:.3f} "
      f"with staff_3 left unreversed, {survey.cronbach_alpha(fixed)['alpha']:.3f} reversed")
pd.concat({"staff_3 left unreversed": forgot, "staff_3 reversed": survey.alpha_if_dropped(fixed)},
          axis=1).round(3)

# %% [markdown]
# Left unreversed, `staff_3` drags the scale's alpha to almost zero, and the "alpha if
# dropped" of the other items even turns negative (alpha is negative when items disagree more
# than they agree). Dropping `staff_3` restores 0.86; reversing it keeps all four items and
# gives 0.89, the better fix.
#
# ## 4 · Net Promoter Score, with its uncertainty
#
# The **Net Promoter Score** (净推荐值, NPS) asks one question: "How likely are you to
# recommend the club to a friend, from 0 to 10?" Promoters (推荐者) answer 9–10, passives
# 7–8, detractors (贬损者) 0–6, and NPS = % promoters − % detractors, from −100 to +100.
# By hand on ten answers:

# %%
ten_answers = pd.Series([10, 10, 9, 8, 7, 6, 2, 9, 10, 8])
promoters, detractors = (ten_answers >= 9).mean(), (ten_answers <= 6).mean()
print(f"promoters {promoters:.0%}, detractors {detractors:.0%}, NPS = {100 * (promoters - detractors):+.0f}")
survey.nps(ten_answers).round(2)

# %% [markdown]
# Scoring each answer +1, 0 or −1 makes NPS 100 × a mean, so it has a standard error like any
# mean: with ten answers the 95% interval runs from about −18 to +78 — ten answers say almost
# nothing. With the club's members, overall and by service line:

# %%
nps_all = survey.nps(members["recommend"])
nps_by_line = pd.DataFrame({line: survey.nps(part["recommend"])
                            for line, part in members.groupby("main_service", sort=True)}).T
nps_table = pd.concat([nps_by_line, nps_all.to_frame("all members").T])
nps_table[["n", "promoters", "detractors", "nps", "ci_low", "ci_high"]].round(3)

# %%
ordered = nps_by_line.sort_values("nps")
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.barh(ordered.index, ordered["nps"], xerr=[ordered["nps"] - ordered["ci_low"], ordered["ci_high"] - ordered["nps"]],
        color=["C3" if v < 0 else "C2" for v in ordered["nps"]], capsize=4)
ax.axvline(0, color="black", lw=1)
ax.set_title('"A" club: Net Promoter Score by main service (95% intervals)')
ax.set_xlabel("NPS (% promoters − % detractors, points)")
ax.set_ylabel("Main service")
plt.show()

# %% [markdown]
# The club's NPS is close to zero, but that average hides a split: slimming and fitness
# members recommend the club (NPS about +15 and +12), beauty-care and acupuncture members
# warn their friends off it (about −19 and −20). The intervals do not overlap, so this is not
# noise. The **top box** (the share answering 4 or 5 on the 1–5 overall-satisfaction question)
# and the mean tell the same story:

# %%
survey.top_box(members, "overall_satisfaction", by="main_service").round(3)

# %% [markdown]
# ## 5 · What drives satisfaction? Driver analysis
#
# Every dimension correlates with overall satisfaction, because members who like one side of
# the club tend to like the others. A **driver analysis** (驱动因素分析) regresses overall
# satisfaction on all five dimension scores together and reports **standardised weights**
# (how many standard deviations satisfaction moves per standard deviation of a dimension,
# the others held fixed) beside the plain correlations.
#
# This data was simulated, so we know the truth it was made from
# (`helpers.simulate.survey.TRUE_WEIGHTS`): the analysis should recover it.

# %%
drivers = survey.driver_analysis(club, "overall_satisfaction", DIMENSIONS)
drivers["planted_weight"] = pd.Series(survey_design.TRUE_WEIGHTS)
print(f"R² = {drivers.attrs['r_squared']:.2f} on {drivers.attrs['n']:,} members")
drivers[["planted_weight", "beta", "correlation", "pratt_share", "vif"]].round(3)

# %% [markdown]
# The ranking is recovered exactly — results, then staff, then price — and the weights are
# close to the planted ones. The correlations alone would have been much less decisive (all
# between 0.38 and 0.67). VIFs near 1.3 say the dimensions overlap only mildly, so the weights
# are stable.
#
# **Where a driver analysis misleads.** Leave out one driver that matters, and its weight is
# handed to the drivers correlated with it. Without the results dimension (say the
# questionnaire had forgotten it), staff, price, convenience and environment all look more important than they
# are:

# %%
without_results = survey.driver_analysis(club, "overall_satisfaction", [d for d in DIMENSIONS if d != "results"])
pd.DataFrame({"all five dimensions": drivers["beta"],
              "results left out": without_results["beta"]}).reindex(drivers.index).round(3)

# %% [markdown]
# Two more cautions: the weights describe *this* club's members as they are now (a driver
# rated well by everyone cannot show its weight), and a regression on survey answers shows
# association, not what would happen if Ms Wang changed something.
#
# ## 6 · Importance–performance: where to act
#
# Put each dimension's importance (its weight) against its performance (its mean score). The
# lines at the average importance and average performance split the chart into four
# quadrants: **concentrate here** (important, performing poorly), **keep up the good work**,
# **low priority** and **possible overkill** (performing well on something members care
# little about).

# %%
ipa_satisfaction = survey.importance_performance(club, "overall_satisfaction", DIMENSIONS)
ipa_satisfaction.round(3)

# %%
ax = survey.plot_importance_performance(
    ipa_satisfaction, title='"A" club: what matters for overall satisfaction, and how the club does')
plt.show()

# %% [markdown]
# For **satisfaction**, results are the club's strength and staff and service is the place
# to concentrate; the environment is polished beyond what members weigh. But satisfaction is
# an attitude. What Ms Wang's business lives on is renewals, so run the same chart with
# `renewed` (1 or 0) as the outcome:

# %%
club_renewal = club.assign(renewed=club["renewed"].astype("float64"))
ipa_renewal = survey.importance_performance(club_renewal, "renewed", DIMENSIONS)
ipa_renewal.round(3)

# %%
ax = survey.plot_importance_performance(
    ipa_renewal, title='"A" club: what matters for renewing the membership')
plt.show()

# %% [markdown]
# Price and value — the weakest-rated dimension, only third for satisfaction — is by far the
# strongest driver of **renewal**. A survey read only for satisfaction would have missed it.
#
# ## 7 · Attitudinal versus behavioural loyalty
#
# The source distinguishes four faces of loyalty: **emotional** (情感忠诚: liking the club,
# recommending it), **behavioural** (行为忠诚: renewing, coming back), **rational** (理性忠诚:
# judging it good value) and **programme** loyalty (制度忠诚: staying because of membership
# terms). The survey measures attitudes; `renewed` records behaviour. How far does one
# predict the other?

# %%
renewal_by_satisfaction = club.groupby("overall_satisfaction").agg(
    members=("member_id", "size"), renewal_rate=("renewed", "mean"))
renewal_by_satisfaction["renewal_rate"] = renewal_by_satisfaction["renewal_rate"].round(3)
renewal_by_satisfaction

# %%
club["value_verdict"] = np.where(club["price"] < 3, "poor value (price score < 3)", "fair value (price score ≥ 3)")
satisfied = club[club["overall_satisfaction"] >= 4]
renewal_by_value = satisfied.groupby("value_verdict").agg(members=("member_id", "size"),
                                                          renewal_rate=("renewed", "mean")).round(3)
renewal_by_value

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
rates = club.groupby(["overall_satisfaction", "value_verdict"])["renewed"].mean().unstack()
rates.mul(100).plot(kind="bar", ax=ax, rot=0)
ax.set_title('"A" club: renewal by stated satisfaction and by value verdict')
ax.set_xlabel("Overall satisfaction (1 = very dissatisfied, 5 = very satisfied)")
ax.set_ylabel("Members who renewed (%)")
ax.set_ylim(0, 120)
ax.legend(title="Price and value", loc="upper left", ncol=2)
plt.show()

# %% [markdown]
# Satisfaction and renewal move together, but loosely: about a quarter of satisfied members
# (4 or 5) still did not renew, and among the satisfied, those who find the club poor value
# renew about 60% of the time against about 85% for the others. That is the gap between
# **attitudinal** loyalty (what members say) and **behavioural** loyalty (what they do), and
# here the bridge between them is **rational** loyalty — value for money.
#
# ## 8 · Complaints as a loyalty lever
#
# In 1981 Coca-Cola followed up customers who had complained. The source reports that over
# 12% told 20 or more people about how the company responded; those fully satisfied with the
# response told 4–5 people and 10% of them went on to buy *more*; those not fully satisfied
# told 9–10 people, a third stopped buying altogether and 45% bought less. The `complaints`
# dataset holds 1,200 respondents built to match those figures (see its card).

# %%
complaints = data.load("complaints")
complaints["fully_satisfied"] = complaints["response_rating"] == "fully satisfied"
word_of_mouth = complaints.groupby("fully_satisfied").agg(
    complainants=("complaint_id", "size"), mean_people_told=("people_told", "mean"))
print(f"told 20 or more people: {(complaints['people_told'] >= 20).mean():.1%}")
word_of_mouth.round(2)

# %%
after = pd.crosstab(complaints["fully_satisfied"], complaints["purchases_after"], normalize="index")
after.round(3)

# %% [markdown]
# **What resolving a complaint is worth.** Give each purchase change a value relative to the
# customer's usual yearly purchases — stopped 0, bought less 0.5 (an assumption: half as
# much), no change 1, bought more 1.25 (another assumption) — and compare the two groups.

# %%
PURCHASE_INDEX = {"stopped buying": 0.0, "bought less": 0.5, "no change": 1.0, "bought more": 1.25}
complaints["purchase_index"] = complaints["purchases_after"].astype("str").map(PURCHASE_INDEX)
value = complaints.groupby("fully_satisfied").agg(purchase_index=("purchase_index", "mean"),
                                                  people_told=("people_told", "mean"))
gain = value.loc[True] - value.loc[False]
print(f"A fully satisfied complainant keeps {value.loc[True, 'purchase_index']:.2f} of a year's purchases, "
      f"a not fully satisfied one {value.loc[False, 'purchase_index']:.2f}: resolving a complaint well is worth "
      f"{gain['purchase_index']:.2f} of a customer-year of purchases, and {-gain['people_told']:.1f} fewer people "
      "hearing about a bad experience.")

# %% [markdown]
# A complaint is a customer telling the company, rather than their friends, that something is
# wrong. Handled well, it keeps almost all of that customer's business and halves the word of
# mouth; handled badly, it loses more than half a year of that customer's purchases *and*
# tells twice as many people. For Ms Wang, each unhappy member who speaks up is worth a call.

# %% [markdown]
# ## Exercises
#
# Use `members`, `flags`, `clean`, `club` and `complaints` as built above. Each exercise
# says how precise your answer must be; an answer that agrees to that precision is correct,
# so you may round it or keep every digit. The last cell shows your progress.

# %% [markdown]
# ### Exercise 1 — One reverse-worded item
# *Level ★☆☆ · about 5 min · objective 1 · checked*
#
# `price_3` reads "I often end up paying more than I expected". Among the cleaned members
# (`clean`), what is its mean **after** reversing it so that 5 is good? Store it in
# `price_3_mean` (two decimals are enough).

# %%
# BEGIN SOLUTION
price_3_mean = survey.reverse_code(clean["price_3"]).mean()
# END SOLUTION
print(f"{price_3_mean:.2f}")

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — A stricter break-off rule
# *Level ★★☆ · about 10 min · objective 1 · transfer*
#
# Ms Wang finds "more than half the items blank" too lenient. Recompute the quality flags
# with `max_missing_share=0.1` (a member who left more than 10% of the 16 items blank counts
# as a break-off). How many members now carry **at least one** flag? Store the whole number
# in `n_flagged_strict`. (Careful: one member can carry two flags.)

# %%
# BEGIN SOLUTION
strict_flags = survey.quality_flags(members, ITEMS, max_missing_share=0.1)
n_flagged_strict = int(strict_flags["any_flag"].sum())
# END SOLUTION
n_flagged_strict

# %%
check("ex2")

# %% [markdown]
# ### Exercise 3 — Reliability of the convenience scale for fitness members
# *Level ★★☆ · about 10 min · objective 2 · transfer*
#
# The alpha table above pools every service line. Compute Cronbach's alpha (listwise, the
# default) of the three convenience items among the cleaned members (`clean`) whose main
# service is **fitness**, remembering that `convenience_3` is reverse-worded. Store the
# alpha in `alpha_convenience_fitness` (three decimals are enough).

# %%
# BEGIN SOLUTION
fitness_convenience = clean.loc[clean["main_service"] == "fitness",
                                ["convenience_1", "convenience_2", "convenience_3"]].astype("float64")
fitness_convenience["convenience_3"] = survey.reverse_code(fitness_convenience["convenience_3"])
alpha_convenience_fitness = survey.cronbach_alpha(fitness_convenience)["alpha"]
# END SOLUTION
print(f"{alpha_convenience_fitness:.3f}")

# %%
check("ex3")

# %% [markdown]
# ### Exercise 4 — NPS of the members who left
# *Level ★★☆ · about 10 min · objective 3 · transfer*
#
# Among all members (`members`) who did **not** renew, compute the NPS on the −100…100
# scale, leaving out blank answers. Store it in `nps_not_renewed` (one decimal is enough).
# Try it by hand (count the promoters and detractors) before reaching for the helper.

# %%
# BEGIN SOLUTION
left_scores = members.loc[~members["renewed"], "recommend"].dropna()
nps_not_renewed = 100 * ((left_scores >= 9).mean() - (left_scores <= 6).mean())
# END SOLUTION
print(f"{nps_not_renewed:+.1f}")

# %%
check("ex4")

# %% [markdown]
# ### Exercise 5 — They said they would come back
# *Level ★★☆ · about 10 min · objectives 3, 5 · transfer*
#
# `repurchase_intent` is a 1–5 answer to "I intend to renew my membership". Among the
# members (`members`) who did **not** renew, what share had answered in the top two boxes
# (4 or 5)? Store it as a share between 0 and 1 in `intent_not_renewed` (three decimals are
# enough).

# %%
# BEGIN SOLUTION
left = members[~members["renewed"]]
intent_not_renewed = (left["repurchase_intent"] >= 4).mean()
# END SOLUTION
print(f"{intent_not_renewed:.3f}")

# %%
check("ex5")

# %% [markdown]
# ### Exercise 6 — What drives renewal?
# *Level ★☆☆ · about 5 min · objective 4 · checked*
#
# Run `survey.driver_analysis` on `club` with `renewed` as the outcome (convert it to numbers
# with `.astype(float)`) and the five dimensions as drivers. Which dimension has the largest
# standardised weight? Store its name (for example `"staff"`) in `top_renewal_driver`.

# %%
# BEGIN SOLUTION
renewal_drivers = survey.driver_analysis(club.assign(renewed=club["renewed"].astype(float)), "renewed", DIMENSIONS)
top_renewal_driver = renewal_drivers["beta"].idxmax()
# END SOLUTION

# %%
check("ex6")

# %% [markdown]
# ### Exercise 7 — Word of mouth per 100 complaints
# *Level ★☆☆ · about 5 min · objective 5 · checked*
#
# Per 100 complainants, how many **more** people hear about the company's response when the
# complainants are not fully satisfied (partly or not satisfied) than when they are fully
# satisfied? Use the mean `people_told` of each group. Store it in `extra_people_told` (to
# the nearest whole person).

# %%
# BEGIN SOLUTION
told = complaints.groupby(complaints["response_rating"] == "fully satisfied")["people_told"].mean()
extra_people_told = 100 * (told[False] - told[True])
# END SOLUTION

# %%
check("ex7")

# %% [markdown]
# ### Exercise 8 — Your own NPS function
# *Level ★★★ · about 15 min · objective 3 · stretch*
#
# Write a function `nps_score(answers)` that takes a Series of 0–10 answers, which may hold
# blanks (`NaN`), and returns the NPS on the −100…100 scale with blanks left out. Do not call
# `survey.nps`. The check calls your function on three fresh sets of answers it has never
# shown you, and compares with a hand count (to six decimals).

# %%
# BEGIN SOLUTION
def nps_score(answers):
    answered = answers.dropna()
    return 100 * ((answered >= 9).mean() - (answered <= 6).mean())
# END SOLUTION

# %%
check("ex8")

# %% [markdown]
# ### Exercise 9 — When a driver is missing
# *Level ★☆☆ · about 5 min · objective 4 · checked*
#
# Suppose the questionnaire had no results items. What happens to the weight of staff and
# service in the satisfaction driver analysis? Store the letter in `omitted_driver_answer`.
#
# * **A** — Nothing: each weight is estimated on its own.
# * **B** — It rises, because staff is correlated with results and takes over part of its weight.
# * **C** — It falls, because the model explains less of satisfaction.
# * **D** — It turns negative.

# %%
# BEGIN SOLUTION
omitted_driver_answer = "B"
# END SOLUTION

# %%
check("ex9")

# %% [markdown]
# ### Exercise 10 — Satisfied, yet gone (written answer)
# *Level ★★☆ · about 15 min · objectives 4, 5 · written*
#
# A colleague says: "Our members are satisfied — fewer than a quarter rate the club 1 or 2 —
# so retention will look after itself." Using this chapter's results, give two reasons why that does not follow, and
# one thing Ms Wang should measure next.

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* (1) Satisfaction is an attitude and renewal a behaviour: about a
# quarter of satisfied members did not renew, and among the satisfied the ones who judge the
# club poor value renew far less (about 60% against 85%) — rational loyalty (value for
# money) decides, and price and value is both the strongest driver of renewal and the
# club's weakest-rated dimension. (2) The average hides groups: beauty-care and acupuncture
# members are net detractors (NPS about −19 and −20), so word of mouth about those services
# is negative even if the overall score looks fine. Next, Ms Wang should track behaviour
# beside attitudes — visits per month and package renewals by service line — and ask lapsed
# members why they left.
#
# **Rubric.**
# - *Full:* separates attitude (satisfaction) from behaviour (renewal) and quotes a figure
#   (a quarter of satisfied members gone, or about 60% vs 85% renewal by value verdict);
#   names price and value as the renewal driver or the split by service line with its NPS;
#   proposes a behavioural measure (visits, renewals by line, exit reasons).
# - *Partial:* one of the two reasons with a figure, or both without figures; a vague
#   "measure more".
# - *Weak:* restates that satisfaction matters, or proposes another satisfaction survey only.
# <!-- END SOLUTION -->

# %% [markdown]
# ### Your progress
# One line per exercise above, and the total.

# %%
check.summary()

# %% [markdown]
# ## Summary
#
# * Reverse the reverse-worded items first (`6 − answer` on a 1–5 scale); flag straight-liners,
#   break-offs and out-of-scale answers, and say what you set aside.
# * Cronbach's alpha checks that a dimension's items agree; at the club every scale is
#   reliable (alpha 0.84–0.89). An item that raises alpha when dropped does not belong — or
#   was never reversed.
# * The club's NPS is about +2 (95% interval −3 to +6): slimming and fitness members promote
#   the club, beauty-care and acupuncture members are net detractors.
# * A driver analysis recovers what matters for satisfaction (results, then staff, then
#   price); leaving out a driver hands its weight to the others. The importance–performance
#   chart says where to act; run it for the outcome the business lives on.
# * Satisfied members do not always stay: value for money decides renewal.
# * A complaint resolved to full satisfaction keeps almost all of a customer's purchases and
#   halves the word of mouth (Coca-Cola, 1981).
#
# ## Glossary
#
# | English | 中文 | meaning |
# |---|---|---|
# | customer satisfaction | 客户满意度 | how well the experience met the customer's expectations, usually asked on a rating scale |
# | Likert item | 李克特量表题 | a statement rated from "strongly disagree" to "strongly agree" |
# | reverse-worded item | 反向题 | an item worded negatively, whose answer must be reversed before scoring |
# | straight-lining | 直线作答 | giving the same answer to every item without reading them |
# | internal consistency, Cronbach's alpha | 内部一致性信度，克朗巴哈α系数 | how far the items of one scale agree with each other |
# | Net Promoter Score (NPS) | 净推荐值 | % promoters (9–10) − % detractors (0–6) on the 0–10 recommend question |
# | promoter / detractor | 推荐者 / 贬损者 | a customer likely to recommend / to warn others off |
# | top box | 最高选项比例 | the share choosing the top one or two points of a scale |
# | driver analysis | 驱动因素分析 | estimating how much each dimension matters for an outcome |
# | importance–performance analysis | 重要性—绩效分析 | placing each dimension by how much it matters and how well it is done |
# | attitudinal loyalty | 态度忠诚 | liking, trust and intention to stay or recommend |
# | behavioural loyalty | 行为忠诚 | repeat purchase, renewal, referral actually observed |
# | rational loyalty | 理性忠诚 | staying because the price–performance is right |
# | programme (institutional) loyalty | 制度忠诚 | staying because of membership or points-programme terms |
# | complaint handling | 投诉处理 | responding to a complaint so that the customer is satisfied with the outcome |
# | word of mouth | 口碑 | customers telling others about their experience |
#
# **Cases:** `cases/beauty_club` diagnoses Ms Wang's two problems from this survey;
# `cases/coca_cola_complaints` reproduces the 1981 complaint figures and asks what they mean
# for CRM.
