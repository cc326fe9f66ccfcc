"""Chapter 5's self-checks: right answers computed a second way, each named mistake and its tag.

The right answers are computed here in plain pandas from the raw columns (flags, reversing,
alpha, NPS and top box by hand); exercise 6 uses the planted truth of the `survey` dataset
(price drives renewal, results drive satisfaction).  tests/test_catalogue.py runs the
chapter's registered catalogue; these tests pin the figures behind it.
"""

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.checks import CORRECT, HINT, NOT_ATTEMPTED, run_check
from helpers.exercises.ch05 import exercises


def status(key, **answers):
    return run_check(exercises, key, answers)


@pytest.fixture(scope="module")
def members():
    return data.load("survey")


@pytest.fixture(scope="module")
def items():
    return data.load("survey", "items")["item"].tolist()


def flags_by_hand(members, items, max_blank):
    """Straight-liner (≥ 5 answered, all equal), more than `max_blank` of 16 blank, any answer outside 1-5."""
    values = members[items].astype("float64")
    answered = values.notna().sum(axis=1)
    straight = (answered >= 5) & (values.max(axis=1) == values.min(axis=1))
    blank = (16 - answered) > max_blank
    outside = ((values < 1) | (values > 5)).any(axis=1)
    return straight, blank, outside


@pytest.fixture(scope="module")
def clean(members, items):
    straight, blank, outside = flags_by_hand(members, items, 8)
    return members[~(straight | blank | outside)]


def alpha(frame):
    frame = frame.dropna()
    k = frame.shape[1]
    return k / (k - 1) * (1 - frame.var().sum() / frame.sum(axis=1).var())


def test_every_check_reports_not_attempted():
    for key in exercises.keys():
        assert status(key).status == NOT_ATTEMPTED


def test_ex1_reversal_and_the_five_minus_slip(clean, members):
    raw = clean["price_3"].astype("float64")
    right = (6 - raw).mean()
    assert status("ex1", price_3_mean=right).status == CORRECT
    assert status("ex1", price_3_mean=round(right, 2)).status == CORRECT          # the precision asked for
    assert status("ex1", price_3_mean=raw.mean()).tag == "not-reversed"
    # issue 14: `5 − x` got the off-by-one text about periods or days
    five = status("ex1", price_3_mean=(5 - raw).mean())
    assert five.tag == "reverse-five-minus" and "6 − answer" in five.message and "period" not in five.message
    everyone = (6 - members["price_3"].astype("float64").clip(1, 5)).mean()
    assert status("ex1", price_3_mean=everyone).tag == "not-cleaned"


def test_ex2_summing_the_flags_no_longer_passes(members, items):
    straight, blank, outside = flags_by_hand(members, items, 16 * 0.1)
    right = int((straight | blank | outside).sum())
    summed = int(straight.sum() + blank.sum() + outside.sum())
    assert summed != right           # issue 14: with the default rule the flags did not overlap
    assert status("ex2", n_flagged_strict=right).status == CORRECT
    assert status("ex2", n_flagged_strict=summed).tag == "double-counted-overlap"
    default = int(np.logical_or.reduce(flags_by_hand(members, items, 8)).sum())
    assert default == 46             # 18 straight-liners + 24 break-offs + 4 out-of-scale (the card)
    assert status("ex2", n_flagged_strict=default).tag == "default-parameter"
    assert status("ex2", n_flagged_strict=int(blank.sum())).tag == "one-flag-only"
    assert status("ex2", n_flagged_strict=right / 1200).tag == "share-not-count"


def test_ex3_alpha_of_one_segment(clean, members):
    def conv(frame):
        part = frame.loc[frame["main_service"] == "fitness", ["convenience_1", "convenience_2", "convenience_3"]]
        return part.astype("float64")
    reversed_ = conv(clean).assign(convenience_3=lambda f: 6 - f["convenience_3"])
    right = alpha(reversed_)
    assert right > 0.8
    assert status("ex3", alpha_convenience_fitness=right).status == CORRECT
    assert status("ex3", alpha_convenience_fitness=round(right, 3)).status == CORRECT
    assert status("ex3", alpha_convenience_fitness=alpha(conv(clean))).tag == "not-reversed"
    pairwise = reversed_.cov()
    assert status("ex3", alpha_convenience_fitness=1.5 * (1 - np.trace(pairwise) / pairwise.to_numpy().sum())
                  ).tag == "pairwise-missing"
    everyone = conv(members).clip(1, 5).assign(convenience_3=lambda f: 6 - f["convenience_3"])
    assert status("ex3", alpha_convenience_fitness=alpha(everyone)).tag == "not-cleaned"


def test_ex4_nps_of_leavers(members):
    scores = members.loc[~members["renewed"], "recommend"].dropna().astype(float)
    promoters, detractors = (scores >= 9).mean(), (scores <= 6).mean()
    right = 100 * (promoters - detractors)
    assert right < 0  # planted: renewal depends on satisfaction, so leavers are net detractors
    assert status("ex4", nps_not_renewed=right).status == CORRECT
    assert status("ex4", nps_not_renewed=round(right, 1)).status == CORRECT
    assert status("ex4", nps_not_renewed=right / 100).tag == "share-not-points"
    assert status("ex4", nps_not_renewed=100 * promoters).tag == "promoters-only"
    assert status("ex4", nps_not_renewed=100 * (promoters - (scores <= 7).mean())).tag == "seven-as-detractor"
    assert status("ex4", nps_not_renewed=100 * ((scores >= 8).mean() - detractors)).tag == "eight-as-promoter"


def test_ex5_intent_of_leavers(members):
    intent = members.loc[~members["renewed"], "repurchase_intent"]
    right = (intent >= 4).mean()
    assert status("ex5", intent_not_renewed=right).status == CORRECT
    assert status("ex5", intent_not_renewed=(intent == 5).mean()).tag == "top-one-box"
    assert status("ex5", intent_not_renewed=(intent >= 3).mean()).tag == "neutral-in-box"
    assert status("ex5", intent_not_renewed=(members["repurchase_intent"] >= 4).mean()).tag == "wrong-group"
    assert status("ex5", intent_not_renewed=100 * right).tag == "percent-not-share"


def test_ex6_names_the_prose_uses():
    # Planted truth (datasets/survey/README.md): price drives renewal, results drive satisfaction.
    result = status("ex6", top_renewal_driver="price")
    assert result.status == CORRECT and "'price'" in result.message
    for form in ("Price", "price and value", "Price and Value", "  price "):
        assert status("ex6", top_renewal_driver=form).status == CORRECT, form
    assert status("ex6", top_renewal_driver="results").tag == "satisfaction-not-renewal"
    assert status("ex6", top_renewal_driver="environment").tag == "performance-not-importance"
    wrong_type = status("ex6", top_renewal_driver=["price", "staff"])
    assert wrong_type.tag == "wrong-type" and "price" not in wrong_type.message      # never the answer
    assert status("ex6", top_renewal_driver="staff").status == HINT


def test_ex7_word_of_mouth():
    complaints = data.load("complaints")
    fully = complaints["response_rating"] == "fully satisfied"
    told_fully = complaints.loc[fully, "people_told"].mean()
    told_not = complaints.loc[~fully, "people_told"].mean()
    right = 100 * (told_not - told_fully)
    assert 400 < right < 600  # published: 9-10 people against 4-5, per complainant
    assert status("ex7", extra_people_told=right).status == CORRECT
    assert status("ex7", extra_people_told=round(right)).status == CORRECT      # issue 14: 523 was rejected
    assert status("ex7", extra_people_told=told_not - told_fully).tag == "per-one-not-per-100"
    assert status("ex7", extra_people_told=-right).tag == "wrong-sign"


def test_ex8_calls_the_function_on_fresh_answers():
    def right(answers):
        answers = answers.dropna()
        return 100 * ((answers >= 9).sum() - (answers <= 6).sum()) / len(answers)

    assert status("ex8", nps_score=right).status == CORRECT
    assert status("ex8", nps_score=lambda s: 100 * ((s >= 9).sum() - (s <= 6).sum()) / len(s)
                  ).tag == "blank-as-detractor"
    assert status("ex8", nps_score=lambda s: 1 / 0).tag == "function-raises"
    assert status("ex8", nps_score=42).tag == "wrong-type"
    assert status("ex8", nps_score=lambda s: 7.0).tag == "generic-mismatch"


def test_ex9_choice():
    assert status("ex9", omitted_driver_answer="b").status == CORRECT
    assert status("ex9", omitted_driver_answer="C").tag == "wrong-direction"
    assert status("ex9", omitted_driver_answer="E").tag == "not-an-option"
