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
    (43, "too large"),
    (41, "too small"),
    (10, "too small"),
])
def test_number_hints(value, fragment):
    assert fragment in hint_of(expect_number, value, 42, name="x")


def tag_of(func, *args, **kwargs) -> str:
    with pytest.raises(Hint) as caught:
        func(*args, **kwargs)
    return caught.value.tag


@pytest.mark.parametrize("value, tag", [
    (pd.Series([1, 2]), "not-a-single-number"), (True, "wrong-type"), ("42", "text-not-number"),
    (None, "wrong-type"), (float("nan"), "nan"), (4200, "percent-not-share"), (0.42, "share-not-percent"),
    (-42, "wrong-sign"), (43, "generic-too-large"), (10, "generic-too-small"),
])
def test_number_hint_tags(value, tag):
    assert tag_of(expect_number, value, 42, name="x") == tag


def test_off_by_one_only_when_the_exercise_counts_periods():
    assert "off by one" not in hint_of(expect_number, 43, 42, name="x", integer=True)
    message = hint_of(expect_number, 43, 42, name="x", integer=True, off_by_one="day")
    assert "first or last day" in message
    assert tag_of(expect_number, 41, 42, name="x", off_by_one="week") == "off-by-one"


def test_rounding_policy():
    # 6.94 asked to 2 significant figures: 6.9 is right, 6.94 and 6.9412 too.
    for answer in (6.9, 6.94, 6.9412):
        expect_number(answer, 6.9412, name="x", sig=2)
    # asked to 3 significant figures, 6.9 is rounded too far
    assert tag_of(expect_number, 6.9, 6.9412, name="x", sig=3) == "rounded"
    assert "3 significant figures" in hint_of(expect_number, 6.9, 6.9412, name="x", sig=3)
    # without a stated precision, full precision is due and a rounded value is named as such
    assert tag_of(expect_number, 6.94, 6.9412, name="x") == "rounded"
    assert tag_of(expect_number, 0.463, 0.46251, name="x") == "rounded"
    expect_number(0.46, 0.4625, name="x", decimals=2)
    assert tag_of(expect_number, 0.5, 0.4625, name="x", decimals=2) == "generic-too-large"


def test_percent_and_share_detected_on_rounded_values():
    assert tag_of(expect_number, 66.7, 2 / 3, name="x") == "percent-not-share"
    assert tag_of(expect_number, 67, 2 / 3, name="x") == "percent-not-share"
    assert tag_of(expect_number, 0.67, 200 / 3, name="x") == "share-not-percent"
    assert tag_of(expect_number, -0.667, 2 / 3, name="x") == "wrong-sign"


def test_alternative_triples_carry_their_tag():
    with pytest.raises(Hint) as caught:
        expect_number(7, 42, name="x", alternatives=[(7, "You counted weeks, not days.", "weeks-not-days")])
    assert (caught.value.message, caught.value.tag) == ("You counted weeks, not days.", "weeks-not-days")


def test_alternative_is_reported_only_when_it_matches():
    alternatives = [(1.2514, "That is for 39 weeks.", "wrong-horizon")]
    # 1.2524 is 8e-4 away from the mistake: another wrong answer, not that mistake
    assert tag_of(expect_number, 1.2524, 1.40, name="x", rel_tol=1e-4, alternatives=alternatives) != "wrong-horizon"
    assert tag_of(expect_number, 1.2514, 1.40, name="x", alternatives=alternatives) == "wrong-horizon"
    # the mistake rounded to 3 significant figures is still that mistake
    assert tag_of(expect_number, 1.25, 1.40, name="x", alternatives=alternatives) == "wrong-horizon"
    # an answer that is right is right even when a mistake lies within tolerance
    expect_number(42.001, 42, name="x", rel_tol=1e-3, alternatives=[(42.002, "no", "close-mistake")])


def test_closest_matching_alternative_wins():
    alternatives = [(10.0, "ten", "ten"), (10.004, "ten-ish", "ten-ish")]
    assert tag_of(expect_number, 10.0041, 42, name="x", rel_tol=1e-3, alternatives=alternatives) == "ten-ish"


def test_hints_never_show_the_expected_number():
    for value in (43, 10, 4300, -41, "x", [1, 2]):
        assert "42" not in hint_of(expect_number, value, 42.125, name="x").replace("4300", "")


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


def test_label_of_another_type_does_not_leak_the_label():
    message = hint_of(expect_labels, 3, "M-N", name="best")
    assert "M-N" not in message and "piece of text" in message
    assert tag_of(expect_labels, {"M-N": 1}, "M-N", name="best") == "wrong-type"
    expect_labels(["m-n"], "M-N", name="best")      # a one-element list is the same answer


def test_label_hints_carry_tags_and_aliases():
    assert tag_of(expect_labels, "lost", "at risk", name="s", hints={"Lost": ("Lost is for R=1.", "r-one")}) == "r-one"
    assert tag_of(expect_labels, "lost", "at risk", name="s") == "generic-wrong-label"
    expect_labels("Price and value", "price", name="s", aliases={"price and value": "price"})


def test_ordered_labels_machinery():
    # used to raise StopIteration
    assert tag_of(expect_labels, ["a", "b", "c"], ["a", "b"], name="l", ordered=True) == "generic-wrong-length"
    assert tag_of(expect_labels, ["a"], ["a", "b"], name="l", ordered=True) == "generic-wrong-length"
    message = hint_of(expect_labels, {"b", "a"}, ["a", "b"], name="l", ordered="revenue, largest first")
    assert "order matters" in message and "sorted by revenue, largest first" in message
    assert tag_of(expect_labels, ["b", "a"], ["a", "b"], name="l", ordered=True) == "reversed-order"
    expect_labels({"b", "a"}, ["a", "b"], name="l")   # a set is fine when order does not matter


def test_labels_collections():
    expect_labels(["b", "a"], ["a", "b"], name="s")
    assert "wrong order" in hint_of(expect_labels, ["b", "c", "a"], ["a", "b", "c"], name="s", ordered=True)
    assert "differ at position 2" in hint_of(expect_labels, ["a", "c"], ["a", "b"], name="s", ordered=True)
    message = hint_of(expect_labels, ["a", "c"], ["a", "b"], name="s")
    assert "1 expected label(s) missing" in message and "'c'" in message
    assert "list of 2 labels" in hint_of(expect_labels, "a", ["a", "b"], name="s")


def test_choice_and_bool():
    expect_choice(" b", "B", name="c", options={"A": "No: A ignores cost.", "B": "", "C": "No."})
    assert hint_of(expect_choice, "a", "B", name="c", options={"A": "No: A ignores cost.", "B": ""}) == "No: A ignores cost."
    assert "one of" in hint_of(expect_choice, "Z", "B", name="c", options={"A": "", "B": ""})
    assert tag_of(expect_choice, "a", "B", name="c", options={"A": ("No.", "ignores-cost"), "B": ""}) == "ignores-cost"
    assert tag_of(expect_choice, "C", "B", name="c", options={"A": "", "B": "", "C": "No."}) == "choice-c"
    assert tag_of(expect_bool, False, True, name="b", hint="Look.", tag="no-lift") == "no-lift"
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
    assert "3" not in hint_of(expect_frame, scores.iloc[:2], scores, name="t")   # not the expected row count


def test_repeated_label_is_named_not_empty(scores):
    repeated = scores.rename(index={"c3": "c1"})
    message = hint_of(expect_frame, repeated, scores, name="t")
    assert "such as ." not in message and "'c1'" in message
    assert tag_of(expect_frame, repeated, scores, name="t") == "repeated-labels"


def test_frame_index_hints(scores):
    assert "set_index('customer_id')" in hint_of(expect_frame, scores.reset_index(), scores, name="t")
    other = scores.rename(index={"c3": "c9"})
    assert "unexpected labels such as 'c9'" in hint_of(expect_frame, other, scores, name="t")
    assert "c3" not in hint_of(expect_frame, other, scores, name="t")
    expect_frame(scores.rename(index=str.upper), scores, name="t")     # labels compared ignoring case


def test_frame_reversed_scale(scores):
    reversed_ = scores.assign(R=6 - scores["R"])
    assert "reversed" in hint_of(expect_frame, reversed_, scores, name="t", scales={"R": (1, 5)})


def test_frame_off_by_one_and_generic(scores):
    assert "off by one" not in hint_of(expect_frame, scores.assign(R=scores["R"] + 1), scores, name="t")
    assert "off by one in 3 rows" in hint_of(expect_frame, scores.assign(R=scores["R"] + 1), scores, name="t",
                                             off_by_one="period")
    message = hint_of(expect_frame, scores.assign(monetary=[100.0, 55.0, 10.0]), scores, name="t")
    assert "differs in 1 of 3 rows; e.g. at 'c2' yours is too large" in message
    assert "50" not in message


def test_frame_rounded_percent_and_alternatives(scores):
    precise = scores.assign(monetary=[100.123, 50.456, 10.289])
    assert tag_of(expect_frame, scores, precise, name="t") == "rounded"
    shares = scores.assign(monetary=[0.5, 0.3, 0.2])
    assert tag_of(expect_frame, scores.assign(monetary=[50.0, 30.0, 20.0]), shares, name="t") == "percent-not-share"
    halved = scores.assign(monetary=scores["monetary"] / 2)
    assert tag_of(expect_frame, halved, scores, name="t",
                  alternatives=[(halved, "That is half.", "halved")]) == "halved"


def test_frame_missing_values_and_types(scores):
    assert "missing values" in hint_of(expect_frame, scores.assign(monetary=[100.0, None, 10.0]), scores, name="t")
    assert "should hold numbers" in hint_of(expect_frame, scores.assign(R=["5", "3", "1"]), scores, name="t")


def test_frame_text_columns():
    want = pd.DataFrame({"segment": ["a", "b"]})
    expect_frame(pd.DataFrame({"segment": ["a", "b"]}), want, name="t", check_index=False)
    message = hint_of(expect_frame, pd.DataFrame({"segment": ["a", "x"]}), want, name="t", check_index=False)
    assert "yours is 'x'" in message and "'b'" not in message
    expect_frame(pd.DataFrame({"segment": ["A", "B"]}), want, name="t", check_index=False)


def test_series(scores):
    expect_series(scores["R"], scores["R"], name="s")
    assert "pandas Series" in hint_of(expect_series, 3, scores["R"], name="s")
    assert "differs" in hint_of(expect_series, scores["R"] * 2, scores["R"], name="s")


def test_series_equivalent_forms(scores):
    expected = scores["monetary"]
    expect_series(expected.to_dict(), expected, name="s")
    expect_series(expected.reset_index(), expected, name="s")                  # two columns: key + value
    expect_series(expected.to_frame(), expected, name="s")
    expect_series(expected.rename(index=str.upper), expected, name="s")       # labels ignoring case
    wide = scores.reset_index().assign(extra=1)
    assert "set_index('customer_id')" in hint_of(expect_series, wide, expected, name="s")
    assert tag_of(expect_series, expected.reset_index(drop=True), expected, name="s") == "index-not-set"


# ---------------------------------------------------------------- machinery

def test_run_check_without_a_namespace_never_raises(demo_exercises):
    result = run_check(demo_exercises, "ex1", None)
    assert result.status == ERROR and "globals()" in result.message


def test_unknown_chapter_gives_a_clear_message(capsys):
    check = checks.checker("ch99", {})
    check("ex1")
    check.summary()
    out = capsys.readouterr().out
    assert "no self-checks called 'ch99'" in out and "Traceback" not in out


def test_result_carries_the_tag(demo_exercises):
    assert run_check(demo_exercises, "ex1", {"answer": 50}).tag == "generic-too-large"
    assert run_check(demo_exercises, "ex1", {"answer": 42}).tag is None


def test_summary_prints_one_line_per_exercise_and_a_total(capsys):
    ex = Exercises("demo")
    for key, right in (("ex1", 1), ("ex2", 2), ("ex3", 3)):
        ex.add(key, f"a{key}")(lambda v, right=right: expect_number(v, right, name="a"))
    lines = checks._summary_lines(ex, {"aex1": 1, "aex2": 5})
    assert len(lines) == 4
    assert lines[0].startswith("✅ Exercise 1") and lines[1].startswith("💡 Exercise 2")
    assert lines[2].startswith("⏳ Exercise 3")
    assert lines[3].startswith("Total: 1 of 3 correct, 1 hint, 1 not attempted.")
    real = checks.checker("ch00", {})
    real.summary()
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("Total: 0 of ") and len(out) == len(real.exercises.keys()) + 1


def test_catalogue_registry():
    ex = Exercises("demo")

    @ex.add("ex1", "n")
    def _ex1(n):
        expect_number(n, 10, name="n", alternatives=[(11, "One too many.", "one-too-many")])

    ex.answer("ex1")(lambda: {"n": 10})
    ex.form("ex1", "as a one-element list")(lambda: [10])
    ex.mistake("ex1", "one-too-many", "counts the snapshot day")(lambda: {"n": 11})
    assert [e.kind for e in ex.catalogue("ex1")] == ["answer", "form", "mistake"]
    results = [checks.run_entry(ex, e) for e in ex.catalogue()]
    assert [r.status for r in results] == [CORRECT, CORRECT, HINT] and results[2].tag == "one-too-many"
    with pytest.raises(ValueError):
        ex.mistake("ex1", "Not Kebab", "x")


def test_quietly_hides_printed_notes_and_returns_the_result(capsys):
    def noisy(x, *, y):
        print("dropped 3 rows")
        return x + y

    assert checks.quietly(noisy, 1, y=2) == 3
    assert capsys.readouterr().out == ""


def test_choice_registers_check_and_catalogue():
    ex = Exercises("demo")
    ex.choice("ex1", "pick", "B", {"A": ("No: A ignores cost.", "ignores-cost"), "B": "", "C": "No."})
    assert run_check(ex, "ex1", {"pick": "b"}).status == CORRECT
    assert run_check(ex, "ex1", {"pick": "A"}).tag == "ignores-cost"
    assert [(e.kind, e.tag) for e in ex.catalogue("ex1")] == [("answer", None), ("form", None),
                                                               ("mistake", "ignores-cost")]
    assert all(checks.run_entry(ex, e).status == (HINT if e.kind == "mistake" else CORRECT) for e in ex.catalogue())
