"""Every feedback path of the self-check machinery."""

import numpy as np
import pandas as pd
import pytest

from helpers import checks
from helpers.checks import (CORRECT, ERROR, HINT, NOT_ATTEMPTED, Exercises, Hint, expect_bool, expect_choice,
                            expect_frame, expect_labels, expect_number, expect_series, run_check)


def hint_of(func, *args, **kwargs) -> str:
    with pytest.raises(Hint) as caught:
        func(*args, **kwargs)
    return str(caught.value)


# ---------------------------------------------------------------- run_check statuses

@pytest.fixture
def demo_exercises():
    ex = Exercises("test")

    @ex.add("ex1", "answer")
    def _ex1(answer):
        expect_number(answer, 42, name="answer")

    @ex.add("ex2", "answer")
    def _ex2(answer):
        raise RuntimeError("boom")

    @ex.add("ex3", "answer")
    def _ex3(answer):
        expect_number(answer, 42, name="answer")
        return "Nice."

    return ex


def test_correct_answer(demo_exercises):
    result = run_check(demo_exercises, "ex1", {"answer": 42})
    assert result.status == CORRECT
    assert str(result) == "✅ Exercise 1: correct."


def test_correct_answer_with_comment(demo_exercises):
    assert str(run_check(demo_exercises, "ex3", {"answer": 42.0})) == "✅ Exercise 3: correct. Nice."


def test_missing_variable_is_not_attempted(demo_exercises):
    result = run_check(demo_exercises, "ex1", {})
    assert result.status == NOT_ATTEMPTED
    assert "`answer` is not defined" in result.message
    assert "NotImplementedError" in result.message


def test_wrong_answer_gives_hint(demo_exercises):
    result = run_check(demo_exercises, "ex1", {"answer": 50})
    assert result.status == HINT
    assert "too large" in result.message


def test_crashing_check_is_reported_not_raised(demo_exercises):
    result = run_check(demo_exercises, "ex2", {"answer": 1})
    assert result.status == ERROR
    assert "RuntimeError: boom" in result.message


def test_unknown_exercise_key(demo_exercises):
    result = run_check(demo_exercises, "ex9", {})
    assert result.status == ERROR
    assert "ex1, ex2, ex3" in result.message


def test_checker_prints_one_line(capsys):
    check = checks.checker("ch00", {})
    check("ex1")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("⏳ Exercise 1: not attempted yet")


def test_exercise_needs_a_variable_name():
    with pytest.raises(ValueError):
        Exercises("x").add("ex1")


# ---------------------------------------------------------------- expect_number

def test_number_accepts_close_values_and_numpy_scalars():
    expect_number(np.float64(0.1 + 0.2), 0.3, name="x")
    expect_number(pd.Series([7]), 7, name="x")


@pytest.mark.parametrize("value, fragment", [
    (pd.Series([1, 2]), "single number, but it is a Series of 2 values"),
    (True, "True/False"),
    ("42", "text"),
    (None, "should be a number"),
    (float("nan"), "NaN"),
    (4200, "percentage"),
    (0.42, "looks like a share"),
    (-42, "wrong sign"),
    (43, "off by one"),
    (41, "off by one"),
    (10, "too small"),
])
def test_number_hints(value, fragment):
    assert fragment in hint_of(expect_number, value, 42, name="x")


def test_number_alternatives_come_first():
    message = hint_of(expect_number, 7, 42, name="x", alternatives=[(7, "You counted weeks, not days.")])
    assert message == "You counted weeks, not days."


def test_number_integer_flag():
    assert "whole number" in hint_of(expect_number, 42.00001, 42.0, name="x", rel_tol=1e-3, integer=True)


# ---------------------------------------------------------------- labels, choices, bools

def test_labels_single_ignores_case_and_separators():
    expect_labels("At-Risk", "at risk", name="s")
    assert "not the answer" in hint_of(expect_labels, "lost", "at risk", name="s")
    assert hint_of(expect_labels, "lost", "at risk", name="s", hints={"Lost": "Lost is for R=1."}) == "Lost is for R=1."
    assert "piece of text" in hint_of(expect_labels, 3, "at risk", name="s")


def test_labels_collections():
    expect_labels(["b", "a"], ["a", "b"], name="s")
    assert "wrong order" in hint_of(expect_labels, ["b", "a"], ["a", "b"], name="s", ordered=True)
    assert "differ at position 2" in hint_of(expect_labels, ["a", "c"], ["a", "b"], name="s", ordered=True)
    message = hint_of(expect_labels, ["a", "c"], ["a", "b"], name="s")
    assert "1 expected label(s) missing" in message and "'c'" in message
    assert "list of 2 labels" in hint_of(expect_labels, "a", ["a", "b"], name="s")


def test_choice_and_bool():
    expect_choice(" b", "B", name="c", options={"A": "No: A ignores cost.", "B": "", "C": "No."})
    assert hint_of(expect_choice, "a", "B", name="c", options={"A": "No: A ignores cost.", "B": ""}) == "No: A ignores cost."
    assert "one of" in hint_of(expect_choice, "Z", "B", name="c", options={"A": "", "B": ""})
    expect_bool(True, True, name="b", hint="")
    assert hint_of(expect_bool, False, True, name="b", hint="Look at the lift.") == "Look at the lift."
    assert "True or False" in hint_of(expect_bool, "yes", True, name="b", hint="")


# ---------------------------------------------------------------- frames

@pytest.fixture
def scores():
    return pd.DataFrame({"R": [5, 3, 1], "monetary": [100.0, 50.0, 10.0]},
                        index=pd.Index(["c1", "c2", "c3"], name="customer_id"))


def test_frame_correct_in_any_row_order(scores):
    expect_frame(scores.iloc[::-1].assign(extra=1), scores, name="t")


def test_frame_type_hints(scores):
    assert "is a Series" in hint_of(expect_frame, scores["R"], scores, name="t")
    assert "should be a DataFrame" in hint_of(expect_frame, [1, 2], scores, name="t")


def test_frame_missing_column(scores):
    assert "lacks the column(s) ['monetary']" in hint_of(expect_frame, scores[["R"]], scores, name="t")


def test_frame_row_count_hints(scores):
    doubled = pd.concat([scores, scores.iloc[:1]])
    assert "repeated index labels" in hint_of(expect_frame, doubled, scores, name="t")
    assert "filter or a dropna" in hint_of(expect_frame, scores.iloc[:2], scores, name="t")


def test_frame_index_hints(scores):
    assert "set_index('customer_id')" in hint_of(expect_frame, scores.reset_index(), scores, name="t")
    other = scores.rename(index={"c3": "c9"})
    assert "unexpected labels such as c9" in hint_of(expect_frame, other, scores, name="t")


def test_frame_reversed_scale(scores):
    reversed_ = scores.assign(R=6 - scores["R"])
    assert "reversed" in hint_of(expect_frame, reversed_, scores, name="t", scales={"R": (1, 5)})


def test_frame_off_by_one_and_generic(scores):
    assert "off by one in 3 rows" in hint_of(expect_frame, scores.assign(R=scores["R"] + 1), scores, name="t")
    message = hint_of(expect_frame, scores.assign(monetary=[100.0, 55.0, 10.0]), scores, name="t")
    assert "differs in 1 of 3 rows, e.g. at 'c2': yours 55, expected 50" in message


def test_frame_missing_values_and_types(scores):
    assert "missing values" in hint_of(expect_frame, scores.assign(monetary=[100.0, None, 10.0]), scores, name="t")
    assert "should hold numbers" in hint_of(expect_frame, scores.assign(R=["5", "3", "1"]), scores, name="t")


def test_frame_text_columns():
    want = pd.DataFrame({"segment": ["a", "b"]})
    expect_frame(pd.DataFrame({"segment": ["a", "b"]}), want, name="t", check_index=False)
    assert "yours 'x', expected 'b'" in hint_of(expect_frame, pd.DataFrame({"segment": ["a", "x"]}), want,
                                                 name="t", check_index=False)


def test_series(scores):
    expect_series(scores["R"], scores["R"], name="s")
    assert "pandas Series" in hint_of(expect_series, 3, scores["R"], name="s")
    assert "differs" in hint_of(expect_series, scores["R"] * 2, scores["R"], name="s")


def test_quietly_hides_printed_notes_and_returns_the_result(capsys):
    def noisy(x, *, y):
        print("dropped 3 rows")
        return x + y

    assert checks.quietly(noisy, 1, y=2) == 3
    assert capsys.readouterr().out == ""
