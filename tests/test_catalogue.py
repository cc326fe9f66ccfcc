"""The wrong-answer catalogue of every chapter: right verdict, right hint, never the answer.

Each chapter module under ``helpers.exercises`` registers, next to its checks, the correct
answer of each checked exercise (``@exercises.answer``), other correct forms
(``@exercises.form``) and realistic mistakes (``@exercises.mistake``, with the tag of the hint
they must get).  This file runs all of them:

* the answer and every form get ✅;
* every mistake gets 💡 with its own tag;
* the answer and the mistakes are pairwise farther apart than a check's tolerance (so no
  mistake can borrow another's hint);
* no hint — of a mistake, or of a few perturbed answers that reach the generic fallbacks —
  contains the expected answer's text (numbers at several roundings and formats, labels);
* a chapter that declares ``CATALOGUE_COMPLETE = True`` has, for every checked exercise, one
  answer, at least one other form and at least three mistakes.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re

import numpy as np
import pandas as pd
import pytest

import helpers.exercises
from helpers.checks import CORRECT, HINT, Exercises, rounds_to, run_check, run_entry

CHAPTERS = sorted(m.name for m in pkgutil.iter_modules(helpers.exercises.__path__) if re.fullmatch(r"ch\d\d", m.name))


def _module(chapter: str):
    return importlib.import_module(f"helpers.exercises.{chapter}")


def _exercises(chapter: str) -> Exercises:
    return _module(chapter).exercises


def _entries(kind: str):
    params = []
    for chapter in CHAPTERS:
        ex = _exercises(chapter)
        for entry in ex.catalogue(kind=kind):
            label = f"{chapter}-{entry.key}-{entry.tag or entry.description}".replace(" ", "_")
            params.append(pytest.param(chapter, entry, id=label))
    return params


def _answer(ex: Exercises, key: str):
    answers = ex.catalogue(key, kind="answer")
    return ex.namespace_of(answers[0]) if answers else None


# ----------------------------------------------------------------------- verdicts

def test_every_chapter_module_is_found():
    assert {"ch00", "ch01", "ch02", "ch03", "ch04"} <= set(CHAPTERS)


@pytest.mark.parametrize("chapter, entry", _entries("answer") + _entries("form"))
def test_correct_answers_and_forms_pass(chapter, entry):
    result = run_entry(_exercises(chapter), entry)
    assert result.status == CORRECT, f"{entry.description}: {result}"


@pytest.mark.parametrize("chapter, entry", _entries("mistake"))
def test_each_mistake_gets_its_own_hint(chapter, entry):
    result = run_entry(_exercises(chapter), entry)
    assert result.status == HINT, f"{entry.description}: {result}"
    assert result.tag == entry.tag, f"{entry.description}: got {result.tag!r}: {result.message}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_complete_chapters_cover_every_checked_exercise(chapter):
    module = _module(chapter)
    ex = module.exercises
    if not getattr(module, "CATALOGUE_COMPLETE", False):
        pytest.skip(f"{chapter} does not declare CATALOGUE_COMPLETE = True yet")
    for key in ex.keys():
        assert len(ex.catalogue(key, "answer")) == 1, f"{chapter} {key}: one correct answer"
        assert len(ex.catalogue(key, "form")) >= 1, f"{chapter} {key}: at least one other correct form"
        mistakes = ex.catalogue(key, "mistake")
        assert len(mistakes) >= 3, f"{chapter} {key}: at least three mistakes"
        tags = [m.tag for m in mistakes]
        assert len(set(tags)) == len(tags), f"{chapter} {key}: each mistake has its own tag"
        assert all(not t.startswith("generic-") for t in tags), f"{chapter} {key}: mistakes name the slip"


# --------------------------------------------------------------------- separation

def _scalar(value):
    if isinstance(value, (bool, np.bool_, str)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return None


def _coincide(a, b, rel_tol: float = 2e-3) -> bool:
    """True when two answers are so close that one check's tolerance could confuse them.

    The default (0.2%, or equal at three significant figures) is wider than any check's; an
    exercise whose check is stricter declares its own in the chapter's
    ``CATALOGUE_TOLERANCE = {"ex5": 1e-6}``.
    """
    x, y = _scalar(a), _scalar(b)
    if x is not None and y is not None:
        if rel_tol != 2e-3:
            return math.isclose(x, y, rel_tol=rel_tol, abs_tol=1e-12)
        return (math.isclose(x, y, rel_tol=rel_tol, abs_tol=1e-9) or rounds_to(x, y, min_sig=3, cut=False)
                or rounds_to(y, x, min_sig=3, cut=False))
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().lower() == b.strip().lower()
    if isinstance(a, (pd.Series, pd.DataFrame)) and isinstance(b, type(a)):
        try:
            aligned = b.reindex(a.index)
            if isinstance(a, pd.DataFrame):
                aligned = aligned[a.columns]
            return bool(np.allclose(a.to_numpy(dtype=float), aligned.to_numpy(dtype=float), rtol=rel_tol,
                                    equal_nan=True))
        except (TypeError, ValueError, KeyError):
            return a.equals(b)
    try:
        return bool(np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object)))
    except Exception:
        return False


def _exercise_cases():
    """(chapter, key) of every checked exercise with a registered answer."""
    return [pytest.param(chapter, key, id=f"{chapter}-{key}") for chapter in CHAPTERS
            for key in _exercises(chapter).keys() if _exercises(chapter).catalogue(key, "answer")]


@pytest.mark.parametrize("chapter, key", _exercise_cases())
def test_answer_and_mistakes_are_pairwise_apart(chapter, key):
    ex = _exercises(chapter)
    rel_tol = getattr(_module(chapter), "CATALOGUE_TOLERANCE", {}).get(key, 2e-3)
    named = [("the answer", ex.namespace_of(e)) for e in ex.catalogue(key, "answer")]
    named += [(m.tag, ex.namespace_of(m)) for m in ex.catalogue(key, "mistake")]
    for i, (tag_a, space_a) in enumerate(named):
        for tag_b, space_b in named[i + 1:]:
            same = all(_coincide(space_a[n], space_b[n], rel_tol) for n in space_a)
            assert not same, f"{chapter} {key}: {tag_a} and {tag_b} give the same answer on the kit's data"


# --------------------------------------------------------------------------- leaks

def _number_texts(x: float) -> set[str]:
    """How a number may be written: 3–6 significant figures, fixed decimals, thousands commas, percent."""
    texts = set()
    if not math.isfinite(x) or x == 0:
        return texts
    if float(x).is_integer() and abs(x) < 100:
        return texts    # small whole numbers (7 weeks, 3 criteria) appear in any sentence
    for sig in range(3, 7):
        texts.add(f"{x:.{sig}g}")
    for decimals in range(0, 5):
        texts.add(f"{x:.{decimals}f}")
        texts.add(f"{x:,.{decimals}f}")
    if abs(x) <= 1.5:
        for decimals in range(1, 3):
            texts.add(f"{100 * x:.{decimals}f}")
        texts.add(f"{100 * x:.0f}%")
    digits = lambda t: len(re.sub(r"[^0-9]", "", t).lstrip("0"))   # noqa: E731
    return {t for t in texts if digits(t) >= 3 and "e" not in t}


def _answer_texts(value) -> tuple[set[str], set[str]]:
    """(number texts, label texts) of an expected answer."""
    numbers, labels = set(), set()
    x = _scalar(value)
    if x is not None:
        return _number_texts(x), labels
    if isinstance(value, str):
        return numbers, {value}
    if isinstance(value, pd.DataFrame):
        for column in value.columns:
            n, lab = _answer_texts(value[column])
            numbers |= n
            labels |= lab
        return numbers, labels
    if isinstance(value, (pd.Series, list, tuple, np.ndarray)):
        for item in np.asarray(value, dtype=object).reshape(-1):
            if isinstance(item, str):
                labels.add(item)
            elif _scalar(item) is not None:
                numbers |= _number_texts(float(item))
    return numbers, labels


def _shown(value) -> str:
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return value.to_string()
    return repr(value) + " " + str(value)


def _leaks(message: str, answer_space: dict, student_space: dict) -> list[str]:
    own = " ".join(_shown(v) for v in student_space.values())
    found = []
    for name, value in answer_space.items():
        numbers, labels = _answer_texts(value)
        for text in numbers:
            pattern = rf"(?<![\d.,]){re.escape(text)}(?![\d])(?!\.\d)(?!,\d)"
            if re.search(pattern, message) and not re.search(pattern, own):
                found.append(text)
        for text in labels:
            pattern = rf"(?<![\w-]){re.escape(text)}(?![\w-])"
            if len(text) >= 2 and re.search(pattern, message, re.I) and not re.search(pattern, own, re.I):
                found.append(text)
    return found


def _perturbed(space: dict) -> list[dict]:
    """A few wrong answers that reach the generic fallbacks (scaled numbers, other types)."""
    out = []
    for factor in (1.37, 0.61):
        changed = {}
        for name, value in space.items():
            x = _scalar(value)
            if x is not None:
                changed[name] = x * factor if not float(x).is_integer() else int(round(x * factor)) + 3
            elif isinstance(value, (pd.Series, pd.DataFrame)):
                numeric = value.select_dtypes("number") if isinstance(value, pd.DataFrame) else value
                if isinstance(value, pd.Series) and pd.api.types.is_numeric_dtype(value):
                    changed[name] = value * factor
                elif isinstance(value, pd.DataFrame) and numeric.shape[1]:
                    changed[name] = value.assign(**{c: value[c] * factor for c in numeric.columns})
        if len(changed) == len(space):
            out.append(changed)
    out.append({name: "an answer" for name in space})
    out.append({name: [1, 2, 3] for name in space})
    return out


@pytest.mark.parametrize("chapter, key", _exercise_cases())
def test_no_hint_shows_the_expected_answer(chapter, key):
    ex = _exercises(chapter)
    answer = _answer(ex, key)
    tried = [ex.namespace_of(m) for m in ex.catalogue(key, "mistake")] + _perturbed(answer)
    for space in tried:
        result = run_check(ex, key, space)
        if result.status == CORRECT:
            continue
        leaks = _leaks(result.message, answer, space)
        assert not leaks, f"{chapter} {key}: the hint shows {leaks}: {result.message}"


# ------------------------------------------------------- the kit's defaults stay pristine

def _assert_catalogue_verdicts(ex: Exercises, key: str) -> None:
    for entry in ex.catalogue(key):
        result = run_entry(ex, entry)
        if entry.kind == "mistake":
            assert result.status == HINT and result.tag == entry.tag, result
        else:
            assert result.status == CORRECT, result


def test_checks_judge_right_after_a_notebook_edits_the_kit_defaults():
    """Issue 14 point 6: `my_rules = list(rfm.SUPERMARKET_TIERS); my_rules[0][...] = 14` must not move a check."""
    from helpers import rfm

    ex = _exercises("ch02")
    if not ex.catalogue("ex6", "answer"):
        pytest.skip("ch02 ex6 has no catalogue yet")
    edited, saved = False, None
    try:
        my_rules = list(rfm.SUPERMARKET_TIERS)
        saved = my_rules[0]["max_recency_days"]
        my_rules[0]["max_recency_days"] = 14          # what a student does in the notebook
        edited = True
    except TypeError:
        pass                                           # read-only defaults (issue 15 branch): nothing moved
    try:
        _assert_catalogue_verdicts(ex, "ex6")
    finally:
        if edited:
            list(rfm.SUPERMARKET_TIERS)[0]["max_recency_days"] = saved


def test_checks_judge_right_after_a_notebook_edits_the_cost_rates():
    """The same for `pyramid.DEFAULT_RATES["deliveries"] = 0` in a chapter-3 notebook."""
    from helpers import pyramid

    ex = _exercises("ch03")
    edited, saved = False, None
    try:
        saved = pyramid.DEFAULT_RATES["deliveries"]
        pyramid.DEFAULT_RATES["deliveries"] = 0.0
        edited = True
    except TypeError:
        pass
    try:
        _module("ch03")._profit.cache_clear()          # recompute the expected answers after the edit
        if edited:
            # an answer computed with the edited defaults is not the chapter's answer any more
            year = _module("ch03")._year(2024)
            moved = int((pyramid.customer_profit(year)["profit"] < 0).sum())
            assert run_check(ex, "ex1", {"loss_makers_2024": moved}).status == HINT
        for key in ("ex1", "ex7"):
            _assert_catalogue_verdicts(ex, key)
    finally:
        if edited:
            pyramid.DEFAULT_RATES["deliveries"] = saved
        _module("ch03")._profit.cache_clear()


# ------------------------------------------------------------- the exercise mix of a chapter

METADATA = re.compile(r"^\*Level (★{1,3})(☆{0,2}) · about (\d+) min · objectives? (\d+(?:, \d+)*) · "
                      r"(checked|transfer|stretch|written)\*$")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_complete_chapters_have_the_exercise_mix(chapter):
    """≥ 7 exercises, ≥ 3 transfer, ≥ 1 stretch, ≥ 1 written, each objective exercised, metadata well formed."""
    if not getattr(_module(chapter), "CATALOGUE_COMPLETE", False):
        pytest.skip(f"{chapter} does not declare CATALOGUE_COMPLETE = True yet")
    from pathlib import Path
    [source] = sorted(Path(__file__).resolve().parents[1].glob(f"solutions/{chapter[2:]}_*.py"))
    lines = [line[2:] if line.startswith("# ") else line for line in source.read_text(encoding="utf-8").splitlines()]
    start = lines.index("**By the end of this notebook you can**")
    objectives = set()
    for line in lines[start + 1:]:
        found = re.match(r"^(\d+)\. ", line)
        if found:
            objectives.add(int(found.group(1)))
        elif line.strip() and not line.startswith("   "):
            break
    kinds, used = [], set()
    for i, line in enumerate(lines):
        if line.startswith("### Exercise "):
            meta = METADATA.match(lines[i + 1])
            assert meta, f"{source.name}: {line!r} lacks the metadata line (got {lines[i + 1]!r})"
            assert len(meta.group(1)) + len(meta.group(2)) == 3
            kinds.append(meta.group(5))
            used |= {int(n) for n in meta.group(4).split(", ")}
    assert len(kinds) >= 7 and kinds.count("transfer") >= 3, kinds
    assert kinds.count("stretch") >= 1 and kinds.count("written") >= 1, kinds
    assert used == objectives, f"objectives never exercised: {sorted(objectives - used)}"
    checked = [k for k in kinds if k != "written"]
    assert len(checked) == len(_exercises(chapter).keys()), "every checked exercise has a check"
