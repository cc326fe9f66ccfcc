"""Unit tests of helpers.survey: every expected value is worked by hand, taken from a
published table, planted in simulated data, or computed by a second implementation."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

from helpers import survey

# --------------------------------------------------------------------------- reverse coding


def test_reverse_code_series_and_frame():
    s = pd.Series([1, 2, 3, 4, 5, np.nan], name="staff_3")
    out = survey.reverse_code(s)
    assert out.name == "staff_3"
    assert out.tolist()[:5] == [5, 4, 3, 2, 1] and np.isnan(out.iloc[5])
    frame = pd.DataFrame({"a": [1, 7], "b": [2, 4]})
    assert survey.reverse_code(frame, scale=(1, 7)).to_numpy().tolist() == [[7, 6], [1, 4]]


def test_reverse_code_bad_input():
    with pytest.raises(ValueError, match="outside the scale"):
        survey.reverse_code(pd.Series([1, 6]))
    with pytest.raises(ValueError, match="upside down"):
        survey.reverse_code(pd.Series([1, 2]), scale=(5, 1))
    with pytest.raises(TypeError, match="not numeric"):
        survey.reverse_code(pd.Series(["agree", "disagree"]))
    with pytest.raises(TypeError, match="DataFrame"):
        survey.reverse_code([1, 2, 3])


# --------------------------------------------------------------------------- quality flags


def test_quality_flags_marks_each_problem_and_keeps_everyone(capsys):
    responses = pd.DataFrame({
        "q1": [4, 3, 3, 1, np.nan, 2],
        "q2": [2, 3, 3, 2, np.nan, 4],
        "q3": [5, 3, np.nan, 4, np.nan, 9],   # 9 is out of scale
        "q4": [4, 3, 3, 5, np.nan, 3],
        "q5": [3, 3, 3, 2, 5, 3],
    }, index=["r1", "r2", "r3", "r4", "r5", "r6"])
    flags = survey.quality_flags(responses)
    assert flags.index.tolist() == responses.index.tolist()          # nobody dropped
    # r2 gave 3 to all five items; r3 also gave only 3s but answered four (< 5) items.
    assert flags["straight_liner"].tolist() == [False, True, False, False, False, False]
    # r5 left 4 of 5 blank (> 50%); r3 left 1 of 5.
    assert flags["n_missing"].tolist() == [0, 0, 1, 0, 4, 0]
    assert flags["too_many_missing"].tolist() == [False, False, False, False, True, False]
    assert flags["out_of_scale"].tolist() == [False, False, False, False, False, True]
    assert flags["any_flag"].sum() == 3
    printed = capsys.readouterr().out
    assert "straight-liners 1" in printed and "flagged 3" in printed and "nobody dropped" in printed


def test_quality_flags_bad_input():
    with pytest.raises(ValueError, match="lacks the column"):
        survey.quality_flags(pd.DataFrame({"q1": [1]}), items=["q1", "q2"])
    with pytest.raises(ValueError, match="empty"):
        survey.quality_flags(pd.DataFrame({"q1": []}, dtype=float))


def test_dimension_scores_reverses_then_averages(capsys):
    responses = pd.DataFrame({"s1": [5, 4, np.nan], "s2": [1, 2, np.nan], "p1": [3, 2, 4], "p2": [5, 4, np.nan]})
    scores = survey.dimension_scores(responses, {"staff": ["s1", "s2"], "price": ["p1", "p2"]}, reverse=["s2"])
    # staff: (5 + (6-1))/2 = 5, (4 + 4)/2 = 4, nothing answered -> missing.
    assert scores["staff"].tolist()[:2] == [5.0, 4.0] and np.isnan(scores["staff"].iloc[2])
    # price: (3+5)/2 = 4, (2+4)/2 = 3, one item only (< 2) -> missing.
    assert scores["price"].tolist()[:2] == [4.0, 3.0] and np.isnan(scores["price"].iloc[2])
    assert "staff: 1 respondent(s)" in capsys.readouterr().out
    with pytest.raises(ValueError, match="belong to no dimension"):
        survey.dimension_scores(responses, {"staff": ["s1", "s2"]}, reverse=["p1"])


# --------------------------------------------------------------------------- Cronbach's alpha

# Hand example: 4 respondents × 3 items.
HAND = pd.DataFrame({"i1": [1, 2, 3, 4], "i2": [2, 3, 3, 4], "i3": [2, 3, 4, 5]})
# Item variances 5/3, 2/3, 5/3 (sum 4); totals 5, 8, 10, 13 with variance 34/3;
# alpha = 3/2 × (1 − 4 / (34/3)) = 3/2 × 22/34 = 33/34 = 0.970588…


def test_alpha_hand_example():
    result = survey.cronbach_alpha(HAND)
    assert result["alpha"] == pytest.approx(33 / 34)
    assert result["n_items"] == 3 and result["n_respondents"] == 4


def test_feldt_interval_from_published_f_table():
    # Feldt: df1 = n − 1 = 3, df2 = (n − 1)(k − 1) = 6.  From a printed F table:
    # F(0.975; 3, 6) = 6.60 and F(0.975; 6, 3) = 14.73, so F(0.025; 3, 6) = 1/14.73.
    # Lower = 1 − (1/34) × 6.60 = 0.806; upper = 1 − (1/34) / 14.73 = 0.998.
    result = survey.cronbach_alpha(HAND)
    assert result["ci_low"] == pytest.approx(1 - 6.60 / 34, abs=2e-3)
    assert result["ci_high"] == pytest.approx(1 - 1 / (34 * 14.73), abs=1e-4)


def test_alpha_published_mtcars_example():
    # mtcars (Henderson & Velleman 1981, shipped with R): columns cyl, gear, carb, hp.
    # The R package `performance` tests cronbachs_alpha() on exactly these four columns
    # and expects 0.09463206 (easystats/performance, tests/testthat/test-cronbachs_alpha.R).
    cyl = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4]
    gear = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4]
    carb = [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2, 4, 6, 8, 2]
    hp = [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97,
          150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109]
    mtcars = pd.DataFrame({"cyl": cyl, "gear": gear, "carb": carb, "hp": hp})
    assert survey.cronbach_alpha(mtcars)["alpha"] == pytest.approx(0.09463206, abs=1e-7)


def test_feldt_interval_covers_true_alpha_about_95_percent():
    # Parallel items: item = true score + error, both of variance 1, so each item's
    # reliability is 0.5 and the population alpha of k = 5 items is 5×0.5/(1+4×0.5) = 5/6.
    rng = np.random.default_rng(7)
    true_alpha, covered, reps = 5 / 6, 0, 400
    for _ in range(reps):
        true_score = rng.normal(size=(40, 1))
        items = pd.DataFrame(true_score + rng.normal(size=(40, 5)))
        result = survey.cronbach_alpha(items)
        covered += result["ci_low"] <= true_alpha <= result["ci_high"]
    # 95% nominal; with 400 replications the binomial sd is 1.1 points.
    assert 0.92 <= covered / reps <= 0.98


def test_alpha_missing_answers(capsys):
    with_gap = HAND.astype(float)
    with_gap.loc[len(with_gap)] = [5, np.nan, 5]
    listwise = survey.cronbach_alpha(with_gap)
    assert listwise["alpha"] == pytest.approx(33 / 34) and listwise["n_respondents"] == 4
    assert "left out 1 of 5" in capsys.readouterr().out
    # Without gaps, pairwise and listwise are the same computation.
    assert survey.cronbach_alpha(HAND, missing="pairwise")["alpha"] == pytest.approx(33 / 34)
    # Pairwise uses the fifth respondent for items 1 and 3, so the estimate moves. By hand:
    # i1 = 1..5 (var 5/2), i2 = 2,3,3,4 (var 2/3), i3 = 2,3,4,5,5 (var 6.8/4 = 1.7);
    # cov(i1, i3) on all five = 8/4 = 2; cov(i1, i2) and cov(i2, i3) on the first four = 3/3 = 1.
    # Sum of variances 73/15; sum of the whole matrix 73/15 + 2 × (2 + 1 + 1) = 193/15;
    # alpha = 3/2 × (1 − 73/193) = 180/193 = 0.93264…
    assert survey.cronbach_alpha(with_gap, missing="pairwise")["alpha"] == pytest.approx(180 / 193)


def test_alpha_bad_input():
    with pytest.raises(ValueError, match="at least two items"):
        survey.cronbach_alpha(HAND[["i1"]])
    with pytest.raises(ValueError, match="listwise' or 'pairwise"):
        survey.cronbach_alpha(HAND, missing="drop")
    with pytest.raises(ValueError, match="empty"):
        survey.cronbach_alpha(HAND.iloc[:0])
    with pytest.raises(ValueError, match="does not vary"):
        survey.cronbach_alpha(pd.DataFrame({"a": [3, 3, 3], "b": [2, 2, 2]}))
    with pytest.raises(TypeError, match="not numeric"):
        survey.cronbach_alpha(pd.DataFrame({"a": ["x", "y", "z"], "b": [1, 2, 3]}))


def test_alpha_if_dropped_spots_an_unreversed_item():
    # i3 runs against i1 and i2 (a reverse-worded item left unreversed): dropping it
    # must raise alpha, and its item-rest correlation must be negative.
    items = pd.DataFrame({"i1": [1, 2, 3, 4, 5], "i2": [1, 3, 3, 4, 5], "i3": [5, 4, 3, 3, 1]})
    table = survey.alpha_if_dropped(items)
    overall = survey.cronbach_alpha(items)["alpha"]
    assert table.loc["i3", "alpha_if_dropped"] > overall
    assert table.loc["i3", "item_rest_correlation"] < 0
    # Dropping i3 leaves i1, i2: alpha of two items = 2 × (1 − (v1+v2)/v(total)), second computation.
    pair = items[["i1", "i2"]]
    expected = 2 * (1 - pair.var().sum() / pair.sum(axis=1).var())
    assert table.loc["i3", "alpha_if_dropped"] == pytest.approx(expected)


# --------------------------------------------------------------------------- NPS and top box


def test_nps_hand_counts():
    scores = pd.Series([10, 10, 9, 8, 7, 6, 2, 9, 10, 8])
    # Promoters 10,10,9,9,10 = 5; passives 8,7,8 = 3; detractors 6,2 = 2; n = 10.
    result = survey.nps(scores)
    assert (result["promoters"], result["passives"], result["detractors"]) == pytest.approx((0.5, 0.3, 0.2))
    assert result["nps"] == pytest.approx(30.0)
    # SE = 100 × sqrt((0.5 + 0.2 − 0.3²) / 10) = 100 × sqrt(0.061) = 24.698
    assert result["se"] == pytest.approx(24.698, abs=1e-3)
    assert result["ci_low"] == pytest.approx(30 - 1.959964 * 24.698, abs=1e-2)


def test_nps_extremes_and_missing(capsys):
    assert survey.nps([9, 10, 10])["nps"] == 100.0
    assert survey.nps([0, 3, 6])["nps"] == -100.0
    result = survey.nps(pd.Series([10, np.nan, 0, 7]))
    assert result["n"] == 3 and result["nps"] == pytest.approx(0.0)
    assert "left out 1 missing" in capsys.readouterr().out


def test_nps_bad_input():
    with pytest.raises(ValueError, match="0 to 10"):
        survey.nps([5, 11])
    with pytest.raises(ValueError, match="0 to 10"):
        survey.nps([5, 7.5])
    with pytest.raises(ValueError, match="0 to 10"):
        survey.nps([-1, 5])
    with pytest.raises(ValueError, match="empty"):
        survey.nps(pd.Series([np.nan, np.nan]))
    with pytest.raises(TypeError, match="numbers"):
        survey.nps(["promoter", "detractor"])


def test_top_box_hand_and_wilson():
    data = pd.DataFrame({"overall": [5, 4, 3, 2, 5, 1, 1, 2], "line": ["a"] * 5 + ["b"] * 3})
    table = survey.top_box(data, "overall", by="line")
    # Line a: 5,4,3,2,5 -> 3 of 5 in the top two boxes; mean 19/5 = 3.8.
    assert table.loc["a", "top_box"] == pytest.approx(0.6)
    assert table.loc["a", "mean"] == pytest.approx(3.8)
    # Wilson 95% interval for 3/5, as printed in tables of the Wilson score interval: 0.231–0.882.
    assert table.loc["a", "top_box_low"] == pytest.approx(0.231, abs=1e-3)
    assert table.loc["a", "top_box_high"] == pytest.approx(0.882, abs=1e-3)
    # Line b: 1,1,2 -> nobody in the top box; mean 4/3.
    assert table.loc["b", "top_box"] == 0 and table.loc["b", "mean"] == pytest.approx(4 / 3)
    # Mean interval: t(0.975, 4) = 2.776 (printed t table), sd of 5,4,3,2,5 = sqrt(1.7).
    assert table.loc["a", "mean_high"] == pytest.approx(3.8 + 2.776 * np.sqrt(1.7 / 5), abs=1e-3)
    overall = survey.top_box(data, "overall")
    assert overall.loc["all", "top_box"] == pytest.approx(3 / 8)


def test_top_box_bad_input():
    data = pd.DataFrame({"overall": [5, 7]})
    with pytest.raises(ValueError, match="outside 1–5"):
        survey.top_box(data, "overall")
    with pytest.raises(ValueError, match="lacks the column"):
        survey.top_box(data, "overall", by="line")


# --------------------------------------------------------------------------- driver analysis


def _planted(n=4000, seed=11):
    rng = np.random.default_rng(seed)
    # Three correlated drivers (shared component) and an outcome with planted weights.
    shared = rng.normal(size=n)
    x = pd.DataFrame({
        "results": 3 + 0.5 * shared + rng.normal(size=n),
        "staff": 3 + 0.5 * shared + rng.normal(size=n),
        "price": 3 + 0.5 * shared + rng.normal(size=n),
    })
    x["overall"] = 0.6 * x["results"] + 0.3 * x["staff"] + 0.1 * x["price"] + rng.normal(scale=0.5, size=n)
    return x


def test_driver_analysis_recovers_planted_weights():
    frame = _planted()
    table = survey.driver_analysis(frame, "overall", ["price", "staff", "results"])
    assert table.index.tolist() == ["results", "staff", "price"]          # sorted by beta
    assert table.loc["results", "coefficient"] == pytest.approx(0.6, abs=0.03)
    assert table.loc["staff", "coefficient"] == pytest.approx(0.3, abs=0.03)
    assert table.loc["price", "coefficient"] == pytest.approx(0.1, abs=0.03)
    assert table["pratt_share"].sum() == pytest.approx(1.0)
    assert table["rank"].tolist() == [1, 2, 3]


def test_driver_analysis_matches_second_implementation():
    frame = _planted(n=500, seed=3)
    drivers = ["results", "staff", "price"]
    table = survey.driver_analysis(frame, "overall", drivers)
    z = (frame - frame.mean()) / frame.std()
    model = LinearRegression().fit(z[drivers], z["overall"])
    for name, beta in zip(drivers, model.coef_):
        assert table.loc[name, "beta"] == pytest.approx(beta)
    assert table.attrs["r_squared"] == pytest.approx(model.score(z[drivers], z["overall"]))
    raw = LinearRegression().fit(frame[drivers], frame["overall"])
    for name, coef in zip(drivers, raw.coef_):
        assert table.loc[name, "coefficient"] == pytest.approx(coef)
    for name in drivers:  # VIF = 1 / (1 − R² of the driver on the others)
        others = [d for d in drivers if d != name]
        r2 = LinearRegression().fit(frame[others], frame[name]).score(frame[others], frame[name])
        assert table.loc[name, "vif"] == pytest.approx(1 / (1 - r2))
        assert table.loc[name, "correlation"] == pytest.approx(frame[name].corr(frame["overall"]))


def test_driver_analysis_warns_about_collinearity_and_missing(capsys):
    frame = _planted(n=300, seed=5)
    rng = np.random.default_rng(1)
    frame["results_twin"] = frame["results"] + rng.normal(scale=0.05, size=len(frame))
    frame.loc[0, "staff"] = np.nan
    survey.driver_analysis(frame, "overall", ["results", "results_twin", "staff"])
    printed = capsys.readouterr().out
    assert "left out 1 of 300" in printed and "VIF > 5" in printed and "results_twin" in printed


def test_driver_analysis_bad_input():
    frame = _planted(n=50)
    with pytest.raises(ValueError, match="lacks the column"):
        survey.driver_analysis(frame, "overall", ["results", "value"])
    with pytest.raises(ValueError, match="both the outcome and a driver"):
        survey.driver_analysis(frame, "overall", ["overall", "staff"])
    with pytest.raises(ValueError, match="do not vary"):
        survey.driver_analysis(frame.assign(flat=1.0), "overall", ["flat", "staff"])
    with pytest.raises(ValueError, match="empty"):
        survey.driver_analysis(frame.iloc[:0], "overall", ["staff"])
    with pytest.raises(ValueError, match="more rows"):
        survey.driver_analysis(frame.iloc[:3], "overall", ["results", "staff", "price"])


def test_importance_performance_quadrants():
    rng = np.random.default_rng(2)
    n = 3000
    frame = pd.DataFrame({
        "price": 2.5 + rng.normal(size=n),        # important, performs worst
        "results": 4.2 + rng.normal(size=n),      # important, performs best
        "parking": 2.7 + rng.normal(size=n),      # unimportant, performs poorly
        "decor": 4.4 + rng.normal(size=n),        # unimportant, performs well
    })
    frame["overall"] = 0.5 * frame["price"] + 0.5 * frame["results"] + 0.02 * frame["parking"] \
        + 0.02 * frame["decor"] + rng.normal(scale=0.5, size=n)
    grid = survey.importance_performance(frame, "overall", ["price", "results", "parking", "decor"])
    assert grid.loc["price", "quadrant"] == "concentrate here"
    assert grid.loc["results", "quadrant"] == "keep up the good work"
    assert grid.loc["parking", "quadrant"] == "low priority"
    assert grid.loc["decor", "quadrant"] == "possible overkill"
    assert grid.loc["price", "performance"] == pytest.approx(frame["price"].mean())
    with pytest.raises(ValueError, match="at least two drivers"):
        survey.importance_performance(frame, "overall", ["price"])
    with pytest.raises(ValueError, match="'beta' or 'correlation'"):
        survey.importance_performance(frame, "overall", ["price", "decor"], importance="pratt")


def test_alpha_if_dropped_reports_left_out_respondents(capsys):
    items = pd.DataFrame({"i1": [1, 2, 3, 4, 5, np.nan], "i2": [1, 3, 3, 4, 5, 2], "i3": [2, 2, 3, 5, 4, 1]})
    survey.alpha_if_dropped(items)
    assert "left out 1 of 6" in capsys.readouterr().out


def test_driver_analysis_takes_a_yes_no_outcome():
    frame = _planted(n=400, seed=9)
    frame["renewed"] = frame["overall"] > frame["overall"].median()
    as_bool = survey.driver_analysis(frame, "renewed", ["results", "staff", "price"])
    as_float = survey.driver_analysis(frame.assign(renewed=frame["renewed"].astype(float)), "renewed",
                                      ["results", "staff", "price"])
    pd.testing.assert_frame_equal(as_bool, as_float)


# --------------------------------------------------------------------------- issue 15: data it has not seen

from helpers import InputError  # the kit's error type (issue 15)


def test_top_box_says_it_left_out_answers_with_no_group(capsys):
    data = pd.DataFrame({"overall": [5, 4, 3, 2, 5, 1], "line": ["a", "a", "a", None, "b", "b"]})
    table = survey.top_box(data, "overall", by="line")
    assert "left out 1 answer(s) with no line" in capsys.readouterr().out
    # a: 5, 4, 3 → 2 of 3 in the top box; b: 5, 1 → 1 of 2.  The row without a line is in neither.
    assert table["n"].tolist() == [3.0, 2.0]
    assert table["top_box"].tolist() == pytest.approx([2 / 3, 1 / 2])
    with pytest.raises(InputError, match="line.*mixes"):
        survey.top_box(data.assign(line=[1, "1", "a", "a", "b", "b"]), "overall", by="line")


def test_percent_looking_confidence_is_refused_with_the_share():
    data = pd.DataFrame({"overall": [5, 4, 3, 2, 5, 1]})
    with pytest.raises(InputError, match=r"confidence.*did you mean 0\.95"):
        survey.top_box(data, "overall", confidence=95)
    with pytest.raises(InputError, match=r"did you mean 0\.95"):
        survey.nps([9, 10, 3], confidence=95)
    with pytest.raises(InputError, match=r"did you mean 0\.9"):
        survey.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5]}), confidence=90)
    # Whole numbers given as floats are whole numbers.
    assert survey.top_box(data, "overall", top=2.0).equals(survey.top_box(data, "overall", top=2))


def test_dimension_scores_refuses_answers_outside_the_scale():
    responses = pd.DataFrame({"s1": [4, 9, 3], "s2": [4, 5, 3]})
    with pytest.raises(InputError, match="outside the scale 1–5.*'s1' \\(1\\)"):
        survey.dimension_scores(responses, {"staff": ["s1", "s2"]})
    with pytest.raises(InputError, match="min_answered"):
        survey.dimension_scores(responses.clip(upper=5), {"staff": ["s1", "s2"]}, min_answered=0)


def test_importance_performance_takes_both_axes_from_the_same_rows(capsys):
    rng = np.random.default_rng(4)
    n = 400
    frame = pd.DataFrame({"price": 3 + rng.normal(size=n), "results": 3 + rng.normal(size=n)})
    frame["overall"] = 0.5 * frame["price"] + 0.3 * frame["results"] + rng.normal(scale=0.5, size=n)
    # The outcome is missing for the 100 customers with the lowest price scores.
    low = frame["price"].rank(method="first") <= 100
    frame.loc[low, "overall"] = np.nan
    grid = survey.importance_performance(frame, "overall", ["price", "results"])
    assert "left out 100 of 400" in capsys.readouterr().out
    assert grid.loc["price", "performance"] == pytest.approx(frame.loc[~low, "price"].mean())
    assert grid.loc["results", "performance"] == pytest.approx(frame.loc[~low, "results"].mean())


def test_duplicated_columns_are_named_not_called_not_numeric():
    items = pd.DataFrame([[1, 2, 3], [2, 3, 4], [3, 3, 5], [4, 5, 5]], columns=["i1", "i1", "i2"])
    with pytest.raises(InputError, match="more than one column named 'i1'"):
        survey.cronbach_alpha(items)
    with pytest.raises(InputError, match="more than one column named 'i1'"):
        survey.dimension_scores(items, {"d": ["i1", "i2"]})
    with pytest.raises(InputError, match="more than one column named 'i1'"):
        survey.quality_flags(items)
    with pytest.raises(InputError, match="more than one column named 'i1'"):
        survey.top_box(items, "i1")


def test_inf_and_separator_text_are_refused_by_name():
    items = pd.DataFrame({"a": [1.0, 2.0, np.inf, 4.0], "b": [2.0, 2.0, 3.0, 5.0]})
    with pytest.raises(InputError, match="'a'.*inf"):
        survey.cronbach_alpha(items)
    with pytest.raises(InputError, match="'a'.*inf"):
        survey.driver_analysis(items.assign(c=[1.0, 3.0, 2.0, 5.0]), "c", ["a", "b"])
    with pytest.raises(InputError, match="'a'.*pd.to_numeric"):
        survey.cronbach_alpha(items.assign(a=["1", "2", "3", "4"]))


def test_scalar_arguments_are_checked():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5]})
    with pytest.raises(InputError, match="scale"):
        survey.reverse_code(items, scale=(1, "5"))
    with pytest.raises(InputError, match="max_missing_share"):
        survey.quality_flags(items, max_missing_share=50)
    with pytest.raises(InputError, match="min_items_straight"):
        survey.quality_flags(items, min_items_straight=1.5)
    with pytest.raises(InputError, match="top"):
        survey.top_box(items, "a", top="2")


def test_quadrant_names_cannot_be_changed_from_a_notebook():
    mine = dict(survey.QUADRANTS)  # a copy is the student's to change
    mine[(True, False)] = "ignore"
    with pytest.raises(InputError, match="read-only"):
        survey.QUADRANTS[(True, False)] = "ignore"
    with pytest.raises(InputError, match="read-only"):
        survey.QUADRANTS.update({(True, True): "ignore"})
    rng = np.random.default_rng(2)
    frame = pd.DataFrame({"price": 2.5 + rng.normal(size=300), "decor": 4.4 + rng.normal(size=300)})
    frame["overall"] = frame["price"] + rng.normal(scale=0.5, size=300)
    grid = survey.importance_performance(frame, "overall", ["price", "decor"])
    assert grid.loc["price", "quadrant"] == "concentrate here"  # the kit still uses its own names
