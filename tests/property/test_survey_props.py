"""Properties of helpers.survey on random answers, and the "never bare" family of its bad inputs (issue 15)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ._i15b_probes import verdict
from helpers import survey

FAST = settings(max_examples=25, derandomize=True, deadline=None)


@st.composite
def likert(draw, items=3):
    """Answers of 4–20 respondents on a 1–5 scale, some missing."""
    n = draw(st.integers(4, 20))
    answer = st.one_of(st.integers(1, 5).map(float), st.just(np.nan))
    return pd.DataFrame({f"i{j}": draw(st.lists(answer, min_size=n, max_size=n)) for j in range(items)})


@FAST
@given(likert())
def test_cronbach_alpha_matches_the_variance_formula(items):
    complete = items.dropna()

    def by_hand(result):
        k = items.shape[1]
        alpha = k / (k - 1) * (1 - complete.var(ddof=1).sum() / complete.sum(axis=1).var(ddof=1))
        return result["alpha"] == pytest.approx(alpha) and result["n_respondents"] == len(complete)

    outcome = verdict(lambda: survey.cronbach_alpha(items), ("alpha", "respondents", "vary"), by_hand)
    assert outcome in ("named error", "correct result"), outcome


@FAST
@given(likert(items=1), st.lists(st.sampled_from(["a", "b", None]), min_size=20, max_size=20))
def test_top_box_by_group_counts_every_answer_once(items, groups):
    data = items.rename(columns={"i0": "overall"}).assign(line=groups[:len(items)])
    kept = data.dropna(subset=["overall", "line"])

    def by_hand(table):
        expected = {g: (part["overall"] >= 4).mean() for g, part in kept.groupby("line")}
        return table["n"].sum() == len(kept) and table["top_box"].to_dict() == pytest.approx(expected)

    outcome = verdict(lambda: survey.top_box(data, "overall", by="line"), ("overall",), by_hand)
    assert outcome == ("named error" if kept.empty else "correct result"), outcome


@FAST
@given(st.lists(st.one_of(st.integers(0, 10).map(float), st.just(np.nan)), min_size=1, max_size=40))
def test_nps_matches_counting(scores):
    answered = [s for s in scores if not np.isnan(s)]

    def by_hand(result):
        promoters = sum(s >= 9 for s in answered) / len(answered)
        detractors = sum(s <= 6 for s in answered) / len(answered)
        return result["nps"] == pytest.approx(100 * (promoters - detractors)) and result["n"] == len(answered)

    outcome = verdict(lambda: survey.nps(pd.Series(scores)), ("answers",), by_hand)
    assert outcome == ("named error" if not answered else "correct result"), outcome


# --------------------------------------------------------------------------- never bare

ITEMS = pd.DataFrame({"a": [1, 2, 3, 4, 5, 4], "b": [2, 2, 3, 5, 4, 4], "c": [1, 3, 3, 4, 5, 5]})
DATA = ITEMS.assign(overall=[2.0, 2.5, 3.0, 4.5, 4.8, 4.0], line=["x", "x", "y", "y", None, "y"])
doubled = pd.concat([ITEMS, ITEMS[["a"]]], axis=1)
PROBES = {
    "reverse_code, scale=(1, '5')": (lambda: survey.reverse_code(ITEMS, scale=(1, "5")), ("scale",), None),
    "reverse_code, scale=(1.0, 5.0)": (lambda: survey.reverse_code(ITEMS, scale=(1.0, 5.0)), (),
                                       lambda t: t.equals(survey.reverse_code(ITEMS))),
    "reverse_code, scale=5": (lambda: survey.reverse_code(ITEMS, scale=5), ("scale",), None),
    "reverse_code, duplicated column": (lambda: survey.reverse_code(doubled), ("'a'",), None),
    "reverse_code, text labels": (lambda: survey.reverse_code(ITEMS.assign(a="agree")), ("'a'",), None),
    "quality_flags, max_missing_share=50": (lambda: survey.quality_flags(ITEMS, max_missing_share=50),
                                            ("max_missing_share",), None),
    "quality_flags, inf answer": (lambda: survey.quality_flags(ITEMS.assign(a=np.inf)), ("'a'",), None),
    "quality_flags, duplicated column": (lambda: survey.quality_flags(doubled), ("'a'",), None),
    "dimension_scores, a 9 on a 1-5 scale": (
        lambda: survey.dimension_scores(ITEMS.assign(a=[9, 2, 3, 4, 5, 4]), {"d": ["a", "b"]}), ("'a'",), None),
    "dimension_scores, min_answered=1.0": (
        lambda: survey.dimension_scores(ITEMS, {"d": ["a", "b"]}, min_answered=1.0), (),
        lambda t: t.equals(survey.dimension_scores(ITEMS, {"d": ["a", "b"]}, min_answered=1))),
    "dimension_scores, separator strings": (
        lambda: survey.dimension_scores(ITEMS.assign(a="1,000"), {"d": ["a", "b"]}), ("'a'",), None),
    "cronbach_alpha, inf": (lambda: survey.cronbach_alpha(ITEMS.assign(a=np.inf)), ("'a'",), None),
    "cronbach_alpha, duplicated column": (lambda: survey.cronbach_alpha(doubled), ("'a'",), None),
    "cronbach_alpha, confidence=95": (lambda: survey.cronbach_alpha(ITEMS, confidence=95), ("confidence",), None),
    "cronbach_alpha, confidence='0.95'": (lambda: survey.cronbach_alpha(ITEMS, confidence="0.95"),
                                          ("confidence",), None),
    "alpha_if_dropped, inf": (lambda: survey.alpha_if_dropped(ITEMS.assign(a=np.inf)), ("'a'",), None),
    "nps, confidence=95": (lambda: survey.nps([9, 10, 3], confidence=95), ("confidence",), None),
    "nps, inf": (lambda: survey.nps([9, np.inf, 3]), ("0 to 10",), None),
    "nps, text": (lambda: survey.nps(["9", "10"]), ("scores",), None),
    "top_box, missing group": (lambda: survey.top_box(DATA.assign(overall=ITEMS["a"]), "overall", by="line"), (),
                               lambda t: t["n"].sum() == 5),
    "top_box, confidence=95": (lambda: survey.top_box(DATA, "a", confidence=95), ("confidence",), None),
    "top_box, top=2.0": (lambda: survey.top_box(DATA, "a", top=2.0), (),
                         lambda t: t.equals(survey.top_box(DATA, "a"))),
    "top_box, top='2'": (lambda: survey.top_box(DATA, "a", top="2"), ("top",), None),
    "top_box, mixed group types": (lambda: survey.top_box(DATA.assign(line=[1, "1", "y", "y", "x", "x"]), "a",
                                                          by="line"), ("line",), None),
    "top_box, duplicated column": (lambda: survey.top_box(doubled, "a"), ("'a'",), None),
    "driver_analysis, inf": (lambda: survey.driver_analysis(DATA.assign(a=np.inf), "overall", ["a", "b"]), ("'a'",),
                             None),
    "driver_analysis, separator strings": (
        lambda: survey.driver_analysis(DATA.assign(overall="1,000"), "overall", ["a", "b"]), ("overall",), None),
    "driver_analysis, drivers as a string": (lambda: survey.driver_analysis(DATA, "overall", "ab"), ("'ab'",), None),
    "quality_flags, items as a string": (lambda: survey.quality_flags(ITEMS, "a"), (),
                                         lambda t: t["n_answered"].eq(1).all()),
    "dimension_scores, dimensions as a Series": (
        lambda: survey.dimension_scores(ITEMS, pd.Series({"d": ["a", "b"]})), ("dimensions",), None),
    "driver_analysis, outcome given as a Series": (lambda: survey.driver_analysis(DATA, DATA["overall"], ["a", "b"]),
                                                   ("outcome",), None),
    "alpha_if_dropped, missing given as a Series": (
        lambda: survey.alpha_if_dropped(ITEMS, missing=pd.Series(["listwise"])), ("missing",), None),
    "plot_importance_performance, ax='x'": (
        lambda: survey.plot_importance_performance(survey.importance_performance(DATA, "overall", ["a", "b"]),
                                                   ax="x"), ("ax",), None),
    "importance_performance, split='max'": (
        lambda: survey.importance_performance(DATA, "overall", ["a", "b"], split="max"), ("split",), None),
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_never_bare(probe):
    call, names, check = PROBES[probe]
    assert verdict(call, names, check) in ("named error", "correct result")
