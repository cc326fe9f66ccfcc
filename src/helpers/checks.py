"""Self-checks for the exercises: one line of feedback, never a crash.

A notebook binds a checker to its own variables once, in the setup cell::

    from helpers.checks import checker
    check = checker("ch02", globals())

and each exercise is followed by a check cell::

    check("ex1")

which prints exactly one line:

* ``✅ Exercise 1: correct. …``
* ``⏳ Exercise 1: not attempted yet …`` when the answer variable does not exist (the
  exercise cell still raises ``NotImplementedError``), or
* ``💡 Exercise 1: …`` with a hint derived from *how* the answer is wrong (wrong type,
  wrong shape, a missing column, off by one, a reversed scale, a percentage where a share
  was asked, a known slip named by the exercise).

The expected answers are computed from the data by the kit's own code, in the chapter's
module under ``helpers.exercises``; nothing is stored as an answer file.  Writing a
check::

    from helpers.checks import Exercises, expect_number

    exercises = Exercises("ch00")

    @exercises.add("ex1", "acquisition_cost")
    def ex1(acquisition_cost):
        expect_number(acquisition_cost, 600.0, name="acquisition_cost",
                      alternatives=[(60.0, "That is the cost of keeping a customer.")])

A check function raises :class:`Hint` (the ``expect_*`` helpers do it for you) or returns
normally (correct; a returned string is added to the ``correct`` line).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "Hint", "Result", "Exercises", "checker", "run_check", "quietly",
    "expect_number", "expect_frame", "expect_series", "expect_labels", "expect_choice", "expect_bool",
]

CORRECT, NOT_ATTEMPTED, HINT, ERROR = "correct", "not attempted", "hint", "error"
_ICONS = {CORRECT: "✅", NOT_ATTEMPTED: "⏳", HINT: "💡", ERROR: "⚠️"}


class Hint(Exception):
    """Raised by a check when an answer is wrong; the message is what the student sees."""


@dataclass(frozen=True)
class Result:
    exercise: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.exercise}: {self.message}"


@dataclass(frozen=True)
class _Spec:
    key: str
    names: tuple[str, ...]
    func: Callable[..., Any]
    label: str


class Exercises:
    """The registry of one chapter's exercise checks."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        self._specs: dict[str, _Spec] = {}

    def add(self, key: str, *names: str, label: str | None = None):
        """Register a check for exercise ``key`` that receives the variables ``names``."""
        if not names:
            raise ValueError("An exercise check needs at least one answer variable name.")

        def register(func):
            number = key[2:] if key.startswith("ex") else key
            self._specs[key] = _Spec(key, tuple(names), func, label or f"Exercise {number}")
            return func

        return register

    def keys(self) -> list[str]:
        return list(self._specs)

    def spec(self, key: str) -> _Spec:
        if key not in self._specs:
            raise KeyError(f"{self.chapter} has no exercise {key!r}; it has {', '.join(self._specs)}.")
        return self._specs[key]


def run_check(exercises: Exercises, key: str, namespace: dict) -> Result:
    """Check exercise ``key`` against the variables in ``namespace``; never raises."""
    try:
        spec = exercises.spec(key)
    except KeyError as exc:
        return Result(key, ERROR, str(exc.args[0]))
    missing = [name for name in spec.names if name not in namespace]
    if missing:
        listed = ", ".join(f"`{name}`" for name in missing)
        return Result(spec.label, NOT_ATTEMPTED,
                      f"not attempted yet: {listed} is not defined. Replace the "
                      "`raise NotImplementedError` line in the exercise cell with your answer, run that cell, "
                      "then run this check again.")
    values = [namespace[name] for name in spec.names]
    try:
        extra = spec.func(*values)
    except Hint as hint:
        return Result(spec.label, HINT, str(hint))
    except Exception as exc:  # a check must never crash the notebook
        return Result(spec.label, ERROR,
                      f"could not check your answer ({type(exc).__name__}: {exc}). Look at its type and "
                      "shape: the exercise text says what it should be.")
    message = "correct."
    if isinstance(extra, str) and extra:
        message += " " + extra
    return Result(spec.label, CORRECT, message)


def quietly(func: Callable[..., Any], *args, **kwargs) -> Any:
    """Call a helper while computing an expected answer, hiding what it prints.

    Helpers report dropped rows with a printed line; in a check that line would crowd the
    student's one line of feedback.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        return func(*args, **kwargs)


def checker(chapter: str, namespace: dict) -> Callable[[str], None]:
    """Return ``check(key)`` for a chapter's exercises, reading answers from ``namespace``."""
    module = importlib.import_module(f"helpers.exercises.{chapter}")
    exercises: Exercises = module.exercises

    def check(key: str) -> None:
        print(run_check(exercises, key, namespace))

    check.exercises = exercises  # type: ignore[attr-defined]
    return check


# --------------------------------------------------------------------------- comparators


def _describe(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with {value.shape[0]} rows and {value.shape[1]} columns"
    if isinstance(value, pd.Series):
        return f"a Series of {len(value)} values"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _as_number(value: Any, name: str) -> float:
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        size = np.size(value)
        if size == 1:
            value = np.asarray(value).reshape(-1)[0]
        else:
            raise Hint(f"`{name}` should be a single number, but it is {_describe(value)}. "
                       "Did you forget to add up, average or pick one value?")
    if isinstance(value, (bool, np.bool_)):
        raise Hint(f"`{name}` is True/False, but the exercise asks for a number.")
    if isinstance(value, str):
        raise Hint(f"`{name}` is text ({value!r}); give the number itself, not a formatted string.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Hint(f"`{name}` should be a number, but it is {_describe(value)}.") from None
    if math.isnan(number):
        raise Hint(f"`{name}` is NaN: a missing value crept into the calculation (check for empty "
                   "groups or division by zero).")
    return number


def _close(a: float, b: float, rel_tol: float, abs_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def expect_number(value: Any, expected: float, *, name: str, rel_tol: float = 1e-4, abs_tol: float = 1e-9,
                  alternatives: Iterable[tuple[float, str]] = (), integer: bool = False) -> None:
    """Pass when ``value`` is close to ``expected``; otherwise raise a specific :class:`Hint`.

    ``alternatives`` lists known wrong answers with the hint each deserves (computed by the
    exercise from the same data, e.g. the answer with the wrong snapshot date).
    """
    number = _as_number(value, name)
    expected = float(expected)
    if _close(number, expected, rel_tol, abs_tol):
        if integer and not float(number).is_integer():
            raise Hint(f"`{name}` should be a whole number; round or count instead of averaging.")
        return
    for wrong, hint in alternatives:
        if _close(number, float(wrong), rel_tol, abs_tol):
            raise Hint(hint)
    if expected != 0 and _close(number, expected * 100, rel_tol, abs_tol):
        raise Hint(f"`{name}` looks like a percentage; give it as a share between 0 and 1.")
    if expected != 0 and _close(number * 100, expected, rel_tol, abs_tol):
        raise Hint(f"`{name}` looks like a share; the exercise asks for a percentage (0–100).")
    if expected != 0 and _close(number, -expected, rel_tol, abs_tol):
        raise Hint(f"`{name}` has the right size but the wrong sign: check which amount you subtract from which.")
    if abs(number - expected) == 1 or (expected != 0 and _close(abs(number - expected), 1.0, 1e-9, 1e-9)):
        raise Hint(f"`{name}` is off by one: check whether the first or last period (or day) should count.")
    direction = "too large" if number > expected else "too small"
    raise Hint(f"`{name}` = {number:,.6g} is {direction}. Re-read the exercise's definition and check each step.")


def expect_bool(value: Any, expected: bool, *, name: str, hint: str) -> None:
    """Pass when ``value`` is the expected True/False; otherwise show ``hint``."""
    if not isinstance(value, (bool, np.bool_)):
        raise Hint(f"`{name}` should be True or False, but it is {_describe(value)}.")
    if bool(value) != bool(expected):
        raise Hint(hint)


def _norm_label(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def expect_labels(value: Any, expected: str | Sequence[str], *, name: str, ordered: bool = False,
                  hints: dict[str, str] | None = None) -> None:
    """Compare a text answer, or a collection of them, ignoring case, spaces, ``-`` and ``_``.

    ``hints`` maps a known wrong answer to the hint it deserves.
    """
    hints = {_norm_label(k): v for k, v in (hints or {}).items()}
    if isinstance(expected, str):
        if not isinstance(value, str):
            raise Hint(f"`{name}` should be a piece of text such as {expected!r}'s kind, not {_describe(value)}.")
        if _norm_label(value) != _norm_label(expected):
            raise Hint(hints.get(_norm_label(value), f"`{name}` = {value!r} is not the answer; look again."))
        return
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise Hint(f"`{name}` should be a list of {len(expected)} labels, not {_describe(value)}.")
    mine = [_norm_label(v) for v in value]
    wanted = [_norm_label(v) for v in expected]
    if not ordered:
        if sorted(mine) == sorted(wanted):
            return
        extra = sorted(set(mine) - set(wanted))
        lacking = sorted(set(wanted) - set(mine))
        for item in extra:
            if item in hints:
                raise Hint(hints[item])
        parts = []
        if lacking:
            parts.append(f"{len(lacking)} expected label(s) missing")
        if extra:
            parts.append(f"unexpected: {', '.join(repr(e) for e in extra)}")
        if not parts:
            parts.append("a label appears the wrong number of times")
        raise Hint(f"`{name}` is not quite right: " + "; ".join(parts) + ".")
    if mine == wanted:
        return
    if sorted(mine) == sorted(wanted):
        raise Hint(f"`{name}` has the right labels in the wrong order; check the sort direction.")
    raise Hint(f"`{name}` should list {len(wanted)} labels in order; yours differ at position "
               f"{next(i for i, (a, b) in enumerate(zip(mine + [''] * len(wanted), wanted)) if a != b) + 1}.")


def expect_choice(value: Any, expected: str, *, name: str, options: dict[str, str]) -> None:
    """A multiple-choice answer such as ``"B"``; ``options`` maps each letter to its hint."""
    if not isinstance(value, str) or value.strip().upper() not in options:
        raise Hint(f"`{name}` should be one of {', '.join(repr(o) for o in options)}.")
    letter = value.strip().upper()
    if letter != expected.upper():
        raise Hint(options[letter])


def expect_series(value: Any, expected: pd.Series, *, name: str, **kwargs) -> None:
    """Like :func:`expect_frame` for a Series (compared by index, values within tolerance)."""
    if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
        value = value.iloc[:, 0]
    if not isinstance(value, pd.Series):
        raise Hint(f"`{name}` should be a pandas Series, but it is {_describe(value)}.")
    column = expected.name if expected.name is not None else "value"
    expect_frame(value.rename(column).to_frame(), expected.rename(column).to_frame(), name=name, **kwargs)


def expect_frame(value: Any, expected: pd.DataFrame, *, name: str, columns: Sequence[str] | None = None,
                 rel_tol: float = 1e-4, abs_tol: float = 1e-9, check_index: bool = True,
                 scales: dict[str, tuple[int, int]] | None = None) -> None:
    """Compare a table with the expected one, row by index label, column by column.

    Extra columns are allowed.  ``scales`` names score columns with their range, so that a
    reversed scale (5 where 1 was due) gets its own hint.
    """
    columns = list(columns or expected.columns)
    scales = scales or {}
    if isinstance(value, pd.Series):
        raise Hint(f"`{name}` is a Series; the exercise asks for a DataFrame with columns {columns}. "
                   "Try `.to_frame()` or build the table with those columns.")
    if not isinstance(value, pd.DataFrame):
        raise Hint(f"`{name}` should be a DataFrame, but it is {_describe(value)}.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise Hint(f"`{name}` lacks the column(s) {missing}; it has {list(value.columns)}.")
    if len(value) != len(expected):
        extra = ""
        if len(value) > len(expected) and value.index.duplicated().any():
            extra = " It has repeated index labels: did you forget to group or drop duplicates?"
        elif len(value) < len(expected):
            extra = " Did a filter or a dropna remove rows that should stay?"
        raise Hint(f"`{name}` has {len(value)} rows, expected {len(expected)}.{extra}")
    if check_index:
        mine, wanted = set(value.index), set(expected.index)
        if mine != wanted:
            if expected.index.name and expected.index.name in value.columns:
                raise Hint(f"`{name}` should be indexed by `{expected.index.name}`; try "
                           f"`.set_index({expected.index.name!r})`.")
            unexpected = sorted(map(str, mine - wanted))[:3]
            raise Hint(f"`{name}`'s index differs from the expected one (unexpected labels such as "
                       f"{', '.join(unexpected)}). Index the table by {expected.index.name or 'the right key'}.")
        value = value.loc[expected.index]
    else:
        value = value.reset_index(drop=True)
        expected = expected.reset_index(drop=True)
    for column in columns:
        _compare_column(value[column], expected[column], name, column, rel_tol, abs_tol, scales.get(column))


def _compare_column(mine: pd.Series, wanted: pd.Series, name: str, column: str, rel_tol: float,
                    abs_tol: float, scale: tuple[int, int] | None) -> None:
    numeric = pd.api.types.is_numeric_dtype(wanted) and not pd.api.types.is_bool_dtype(wanted)
    if numeric:
        if not pd.api.types.is_numeric_dtype(mine) or pd.api.types.is_bool_dtype(mine):
            raise Hint(f"Column `{column}` of `{name}` should hold numbers, but its type is {mine.dtype}.")
        a = mine.to_numpy(dtype=float)
        b = wanted.to_numpy(dtype=float)
        same = np.isclose(a, b, rtol=rel_tol, atol=abs_tol, equal_nan=True)
        if same.all():
            return
        if scale is not None:
            low, high = scale
            if np.isclose(low + high - a, b, rtol=rel_tol, atol=abs_tol, equal_nan=True).all():
                raise Hint(f"Column `{column}` of `{name}` is reversed: on this scale higher must mean better "
                           f"({high} for the best customers, {low} for the worst).")
        if (np.isnan(a) & ~np.isnan(b)).any():
            raise Hint(f"Column `{column}` of `{name}` has missing values where numbers were expected.")
        wrong = np.abs(a - b)[~same]
        if wrong.size and np.allclose(wrong, 1.0):
            raise Hint(f"Column `{column}` of `{name}` is off by one in {int((~same).sum())} rows: check "
                       "whether a boundary (first day, last period) should count.")
        bad = int((~same).sum())
        where = mine.index[np.argmax(~same)]
        raise Hint(f"Column `{column}` of `{name}` differs in {bad} of {len(a)} rows, e.g. at {where!r}: "
                   f"yours {a[~same][0]:,.6g}, expected {b[~same][0]:,.6g}.")
    mine_text = mine.astype("str").to_numpy()
    wanted_text = wanted.astype("str").to_numpy()
    differ = mine_text != wanted_text
    if differ.any():
        where = mine.index[np.argmax(differ)]
        raise Hint(f"Column `{column}` of `{name}` differs in {int(differ.sum())} rows, e.g. at {where!r}: "
                   f"yours {mine_text[differ][0]!r}, expected {wanted_text[differ][0]!r}.")
