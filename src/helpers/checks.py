"""Self-checks for the exercises: one line of feedback, never a crash, never the answer.

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
  wrong shape, a missing column, a rounded answer, a percentage where a share was asked, a
  sign slip, a known mistake named by the exercise).

At the end of a chapter ``check.summary()`` prints one line per exercise and a total.

A hint is a promise: it names the mistake the student made, or says plainly that it cannot
tell, and it never shows the expected value or label.  Every hint carries a stable *tag*
(kebab-case, e.g. ``returns-as-visits``, ``rounded``, ``percent-not-share``); hints that
cannot name a mistake have tags starting with ``generic-``.

The expected answers are computed from the data by the kit's own code, in the chapter's
module under ``helpers.exercises``; nothing is stored as an answer file.  Writing a
check::

    from helpers.checks import Exercises, expect_number

    exercises = Exercises("ch00")

    @exercises.add("ex1", "acquisition_cost")
    def ex1(acquisition_cost):
        expect_number(acquisition_cost, 600.0, name="acquisition_cost", sig=3, alternatives=[
            (60.0, "That is the cost of keeping a customer.", "keep-not-win"),
        ])

and the exercise's wrong-answer catalogue next to it (``tests/test_catalogue.py`` runs it)::

    @exercises.answer("ex1")
    def _ex1_answer(): return {"acquisition_cost": 600.0}

    @exercises.form("ex1", "as a one-element list")
    def _ex1_list(): return {"acquisition_cost": [600.0]}

    @exercises.mistake("ex1", "keep-not-win", "uses the cost of keeping a customer")
    def _ex1_keep(): return {"acquisition_cost": 60.0}

A check function raises :class:`Hint` (the ``expect_*`` helpers do it for you) or returns
normally (correct; a returned string is added to the ``correct`` line).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "Hint", "Result", "Exercises", "CatalogueEntry", "checker", "run_check", "run_entry", "quietly",
    "expect_number", "expect_frame", "expect_series", "expect_labels", "expect_choice", "expect_bool",
    "rounds_to",
]

CORRECT, NOT_ATTEMPTED, HINT, ERROR = "correct", "not attempted", "hint", "error"
_ICONS = {CORRECT: "✅", NOT_ATTEMPTED: "⏳", HINT: "💡", ERROR: "⚠️"}
#: The tag of a hint raised without one (a chapter check that has not named its mistake yet).
UNTAGGED = "untagged"
#: The tag of a known mistake given as a (value, hint) pair, without a tag.
KNOWN = "known-mistake"


class Hint(Exception):
    """Raised by a check when an answer is wrong; ``message`` is what the student sees.

    ``tag`` names the mistake in kebab-case (``returns-as-visits``); a fallback that cannot
    name one starts with ``generic-``.
    """

    def __init__(self, message: str, tag: str = UNTAGGED):
        super().__init__(message)
        self.message = str(message)
        self.tag = str(tag)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Result:
    exercise: str
    status: str
    message: str
    tag: str | None = None

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.exercise}: {self.message}"


@dataclass(frozen=True)
class _Spec:
    key: str
    names: tuple[str, ...]
    func: Callable[..., Any]
    label: str


@dataclass(frozen=True)
class CatalogueEntry:
    """One registered answer of an exercise's wrong-answer catalogue.

    ``kind`` is ``"answer"`` (the correct answer), ``"form"`` (another correct form) or
    ``"mistake"`` (a realistic wrong answer, which must get the hint tagged ``tag``).
    ``make()`` returns the answer variables as a dict ``{name: value}``.
    """

    key: str
    kind: str
    description: str
    tag: str | None
    make: Callable[[], Any] = field(compare=False, repr=False)


def _key_number(key: str) -> tuple[int, str]:
    digits = "".join(ch for ch in key if ch.isdigit())
    return (int(digits) if digits else 10**6, key)


class Exercises:
    """The registry of one chapter's exercise checks and their wrong-answer catalogue."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        self._specs: dict[str, _Spec] = {}
        self._catalogue: list[CatalogueEntry] = []

    # ------------------------------------------------------------------ checks
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
        """The checked exercises, in number order."""
        return sorted(self._specs, key=_key_number)

    def spec(self, key: str) -> _Spec:
        if key not in self._specs:
            known = ", ".join(self.keys()) or "none"
            raise KeyError(f"{self.chapter} has no exercise {key!r}; it has {known}.")
        return self._specs[key]

    # --------------------------------------------------------------- catalogue
    def _register(self, key: str, kind: str, description: str, tag: str | None):
        def register(func):
            self._catalogue.append(CatalogueEntry(key, kind, description, tag, func))
            return func

        return register

    def answer(self, key: str):
        """Register the correct answer of ``key``, as a student would give it (a dict of variables)."""
        return self._register(key, "answer", "the correct answer", None)

    def form(self, key: str, description: str):
        """Register another correct form of the answer of ``key`` (must be ✅)."""
        return self._register(key, "form", description, None)

    def mistake(self, key: str, tag: str, description: str):
        """Register a realistic wrong answer of ``key``; it must get the hint tagged ``tag``."""
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", tag):
            raise ValueError(f"A mistake tag is kebab-case (lower case words joined by '-'); got {tag!r}.")
        return self._register(key, "mistake", description, tag)

    def choice(self, key: str, name: str, expected: str, options: Mapping[str, Any]) -> None:
        """Register a multiple-choice check and its whole catalogue in one call.

        ``options`` maps each letter to its hint, as for :func:`expect_choice`; a wrong letter
        whose hint is ``("text", tag)`` becomes a catalogue mistake with that tag.  The answer
        is ``expected``; the other form is the same letter in lower case with spaces.
        """
        self.add(key, name)(lambda value: expect_choice(value, expected, name=name, options=options))
        self.answer(key)(lambda: {name: expected})
        self.form(key, "in lower case with spaces")(lambda: {name: f" {expected.lower()} "})
        for letter, hint in options.items():
            if str(letter).upper() != expected.upper() and isinstance(hint, tuple):
                self.mistake(key, str(hint[1]), f"picks {letter}")(lambda letter=letter: {name: str(letter)})

    def catalogue(self, key: str | None = None, kind: str | None = None) -> list[CatalogueEntry]:
        """The registered catalogue entries (of one exercise and/or one kind), in registration order."""
        return [e for e in self._catalogue if (key is None or e.key == key) and (kind is None or e.kind == kind)]

    def namespace_of(self, entry: CatalogueEntry) -> dict:
        """The answer variables of a catalogue entry, as a notebook namespace."""
        made = entry.make()
        names = self.spec(entry.key).names
        if isinstance(made, dict) and set(made) == set(names) and all(isinstance(k, str) for k in made):
            return dict(made)
        if len(names) == 1:
            return {names[0]: made}
        raise ValueError(f"The catalogue entry {entry.description!r} of {entry.key} must return a dict with "
                         f"the keys {list(names)}.")


def run_check(exercises: Exercises, key: str, namespace: Mapping | None) -> Result:
    """Check exercise ``key`` against the variables in ``namespace``; never raises."""
    try:
        return _run_check(exercises, key, namespace)
    except Exception as exc:  # the machinery itself must never crash a notebook either
        return Result(str(key), ERROR, f"could not run this check ({type(exc).__name__}: {exc}).", "check-error")


def _run_check(exercises: Exercises, key: str, namespace: Mapping | None) -> Result:
    try:
        spec = exercises.spec(key)
    except KeyError as exc:
        return Result(str(key), ERROR, str(exc.args[0]), "unknown-exercise")
    if not isinstance(namespace, Mapping):
        return Result(spec.label, ERROR,
                      "this check was given no notebook variables to look at. Create the checker with "
                      f"`check = checker({exercises.chapter!r}, globals())` in the setup cell.", "no-namespace")
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
        return Result(spec.label, HINT, str(hint), getattr(hint, "tag", UNTAGGED))
    except Exception as exc:  # a check must never crash the notebook
        return Result(spec.label, ERROR,
                      f"could not check your answer ({type(exc).__name__}: {exc}). Look at its type and "
                      "shape: the exercise text says what it should be.", "check-error")
    message = "correct."
    if isinstance(extra, str) and extra:
        message += " " + extra
    return Result(spec.label, CORRECT, message)


def run_entry(exercises: Exercises, entry: CatalogueEntry) -> Result:
    """Run the check of a catalogue entry's exercise on that entry's answer."""
    return run_check(exercises, entry.key, exercises.namespace_of(entry))


def quietly(func: Callable[..., Any], *args, **kwargs) -> Any:
    """Call a helper while computing an expected answer, hiding what it prints.

    Helpers report dropped rows with a printed line; in a check that line would crowd the
    student's one line of feedback.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        return func(*args, **kwargs)


def _summary_lines(exercises: Exercises, namespace: Mapping | None) -> list[str]:
    results = [run_check(exercises, key, namespace) for key in exercises.keys()]
    lines = [str(r) for r in results]
    counts = {status: sum(r.status == status for r in results) for status in _ICONS}
    parts = [f"{counts[CORRECT]} of {len(results)} correct"]
    if counts[HINT]:
        parts.append(f"{counts[HINT]} hint{'s' if counts[HINT] != 1 else ''}")
    if counts[NOT_ATTEMPTED]:
        parts.append(f"{counts[NOT_ATTEMPTED]} not attempted")
    if counts[ERROR]:
        parts.append(f"{counts[ERROR]} could not be checked")
    lines.append("Total: " + ", ".join(parts) + ". (Written answers are not checked here.)")
    return lines


def checker(chapter: str, namespace: Mapping | None = None) -> Callable[[str], None]:
    """Return ``check(key)`` for a chapter's exercises, reading answers from ``namespace``.

    ``check.summary()`` prints one line per checked exercise and a total.  An unknown chapter
    gives a ``check`` that says so, never a traceback.
    """
    try:
        module = importlib.import_module(f"helpers.exercises.{chapter}")
        exercises: Exercises = module.exercises
    except Exception:
        message = (f"⚠️ There are no self-checks called {chapter!r}. Use the chapter's own name, "
                   "e.g. checker('ch02', globals()) in 02_rfm.")
        print(message)

        def check(key: str = "") -> None:
            print(message)

        check.exercises = Exercises(str(chapter))  # type: ignore[attr-defined]
        check.summary = lambda: print(message)  # type: ignore[attr-defined]
        return check

    def check(key: str) -> None:
        print(run_check(exercises, key, namespace))

    def summary() -> None:
        print("\n".join(_summary_lines(exercises, namespace)))

    check.exercises = exercises  # type: ignore[attr-defined]
    check.summary = summary  # type: ignore[attr-defined]
    return check


# --------------------------------------------------------------------------- comparators


def _describe(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with {value.shape[0]} rows and {value.shape[1]} columns"
    if isinstance(value, pd.Series):
        return f"a Series of {len(value)} values"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (set, frozenset)):
        return f"a set of {len(value)} values"
    if isinstance(value, dict):
        return f"a dict of {len(value)} entries"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    if value is None:
        return "None (did the cell end with an assignment from a function that prints instead of returning?)"
    return f"a {type(value).__name__}"


def _as_number(value: Any, name: str) -> float:
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        size = np.size(value)
        if size == 1:
            value = np.asarray(value, dtype=object).reshape(-1)[0]
        else:
            raise Hint(f"`{name}` should be a single number, but it is {_describe(value)}. "
                       "Did you forget to add up, average or pick one value?", "not-a-single-number")
    if isinstance(value, (bool, np.bool_)):
        raise Hint(f"`{name}` is True/False, but the exercise asks for a number.", "wrong-type")
    if isinstance(value, str):
        raise Hint(f"`{name}` is text ({value!r}); give the number itself, not a formatted string.", "text-not-number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Hint(f"`{name}` should be a number, but it is {_describe(value)}.", "wrong-type") from None
    if math.isnan(number):
        raise Hint(f"`{name}` is NaN: a missing value crept into the calculation (check for empty "
                   "groups or division by zero).", "nan")
    if math.isinf(number):
        raise Hint(f"`{name}` is infinite: somewhere a division by zero slipped in.", "infinite")
    return number


def _close(a: float, b: float, rel_tol: float, abs_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def _half_unit(expected: float, sig: int | None, decimals: int | None) -> float:
    """Half a unit of the last place the exercise asks for (0 when it asks for full precision)."""
    widths = []
    if decimals is not None:
        widths.append(0.5 * 10.0 ** (-decimals))
    if sig is not None and expected != 0:
        widths.append(0.5 * 10.0 ** (math.floor(math.log10(abs(expected))) - sig + 1))
    return max(widths) if widths else 0.0


def rounds_to(number: float, target: float, *, min_sig: int = 2, max_sig: int = 9, cut: bool = True) -> bool:
    """True when ``number`` is ``target`` rounded (or, with ``cut``, cut off) to ``min_sig``–``max_sig`` significant figures."""
    if target == 0 or not math.isfinite(target) or not math.isfinite(number):
        return False
    magnitude = math.floor(math.log10(abs(target)))
    for sig in range(min_sig, max_sig + 1):
        unit = 10.0 ** (magnitude - sig + 1)
        candidates = (round(target / unit) * unit, math.trunc(target / unit) * unit) if cut else \
            (round(target / unit) * unit,)
        for candidate in candidates:
            if candidate != 0 and math.isclose(number, candidate, rel_tol=1e-9, abs_tol=1e-12):
                return True
    return False


def _matches(number: float, target: float, rel_tol: float, abs_tol: float, *, min_sig: int = 3) -> bool:
    """Close to ``target`` within tolerance, or ``target`` rounded to ``min_sig`` or more significant figures."""
    return _close(number, target, rel_tol, abs_tol) or rounds_to(number, target, min_sig=min_sig, cut=False)


def _fmt(number: float) -> str:
    return f"{number:,.6g}"


def _alternatives(alternatives: Iterable) -> list[tuple[Any, str, str]]:
    out = []
    for item in alternatives:
        if isinstance(item, Hint):
            raise TypeError("An alternative is (value, hint, tag), not a Hint.")
        if len(item) == 3:
            out.append((item[0], str(item[1]), str(item[2])))
        elif len(item) == 2:
            out.append((item[0], str(item[1]), KNOWN))
        else:
            raise ValueError("An alternative is a (value, hint, tag) triple.")
    return out


def expect_number(value: Any, expected: float, *, name: str, rel_tol: float = 1e-4, abs_tol: float = 1e-9,
                  alternatives: Iterable[tuple] = (), integer: bool = False, sig: int | None = None,
                  decimals: int | None = None, off_by_one: str | None = None) -> None:
    """Pass when ``value`` is close to ``expected``; otherwise raise a specific :class:`Hint`.

    * ``alternatives`` lists known mistakes as ``(value, hint, tag)`` (computed by the
      exercise from the same data the wrong way).  A mistake is reported only when the answer
      matches it (within tolerance, or rounded to three or more significant figures) and
      does not match the expected answer; the closest matching mistake wins.
    * The rounding policy: ``sig=3`` (significant figures) or ``decimals=2`` accept any
      answer that agrees with the expected one to that precision (say it in the exercise);
      an answer that is the expected one rounded more coarsely gets the ``rounded`` hint.
    * ``off_by_one="day"`` (opt-in, only where the exercise counts periods) names an answer
      exactly one ``day`` away.
    """
    number = _as_number(value, name)
    expected = float(expected)
    half = _half_unit(expected, sig, decimals)
    if _close(number, expected, rel_tol, abs_tol) or abs(number - expected) <= half * (1 + 1e-9):
        if integer and not float(number).is_integer():
            raise Hint(f"`{name}` should be a whole number; round or count instead of averaging.", "not-whole")
        return
    # A mistake matched within tolerance is reported; one matched only as a rounding is reported
    # unless the answer is just as much a rounding of the expected value (then it "looks rounded").
    looks_rounded = rounds_to(number, expected, min_sig=2)
    matching = [(abs(number - float(wrong)), hint, tag) for wrong, hint, tag in _alternatives(alternatives)
                if _close(number, float(wrong), rel_tol, abs_tol)
                or (not looks_rounded and rounds_to(number, float(wrong), min_sig=3, cut=False))]
    if matching:
        _, hint, tag = min(matching, key=lambda m: m[0])
        raise Hint(hint, tag)
    asked = (f" (the exercise asks for {sig} significant figures)" if sig else
             f" (the exercise asks for {decimals} decimals)" if decimals is not None else "")
    if not integer and looks_rounded:
        raise Hint(f"`{name}` looks rounded: keep full precision{asked}, don't round before the check.", "rounded")
    if expected != 0 and _matches(number, expected * 100, rel_tol, abs_tol, min_sig=2):
        raise Hint(f"`{name}` looks like a percentage; give it as a share between 0 and 1.", "percent-not-share")
    if expected != 0 and _matches(number * 100, expected, rel_tol, abs_tol, min_sig=2):
        raise Hint(f"`{name}` looks like a share; the exercise asks for a percentage (0–100).", "share-not-percent")
    if expected != 0 and _matches(-number, expected, rel_tol, abs_tol, min_sig=2):
        raise Hint(f"`{name}` has the right size but the wrong sign: check which amount you subtract from which.",
                   "wrong-sign")
    if off_by_one and _close(abs(number - expected), 1.0, 1e-9, 1e-9):
        raise Hint(f"`{name}` is off by one: check whether the first or last {off_by_one} should count.",
                   "off-by-one")
    direction = "too large" if number > expected else "too small"
    raise Hint(f"`{name}` = {_fmt(number)} is {direction}. Re-read the exercise's definition and check each step.",
               f"generic-{direction.replace(' ', '-')}")


def expect_bool(value: Any, expected: bool, *, name: str, hint: str, tag: str = "wrong-verdict") -> None:
    """Pass when ``value`` is the expected True/False; otherwise show ``hint`` (tagged ``tag``)."""
    if not isinstance(value, (bool, np.bool_)):
        raise Hint(f"`{name}` should be True or False, but it is {_describe(value)}.", "wrong-type")
    if bool(value) != bool(expected):
        raise Hint(hint, tag)


def _norm_label(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def _hint_table(hints: Mapping | None) -> dict[str, tuple[str, str]]:
    table = {}
    for label, hint in (hints or {}).items():
        if isinstance(hint, Hint):
            table[_norm_label(label)] = (hint.message, hint.tag)
        elif isinstance(hint, tuple):
            table[_norm_label(label)] = (str(hint[0]), str(hint[1]))
        else:
            table[_norm_label(label)] = (str(hint), KNOWN)
    return table


def _as_labels(value: Any) -> list | None:
    """The labels of a list-like answer (list, tuple, array, Series values, Index), else None."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        return list(np.asarray(value, dtype=object).reshape(-1))
    return None


def expect_labels(value: Any, expected: str | Sequence[str], *, name: str, ordered: bool | str = False,
                  hints: Mapping[str, Any] | None = None, aliases: Mapping[str, str] | None = None) -> None:
    """Compare a text answer, or a collection of them, ignoring case, spaces, ``-`` and ``_``.

    * ``hints`` maps a known wrong label to its hint: ``"text"``, ``("text", tag)`` or a Hint.
    * ``aliases`` maps other names the prose uses to the label they stand for
      (``{"price and value": "price"}``).
    * ``ordered=True`` (or a description such as ``"conversion rate, highest first"``) means
      the order matters; a set then gets "order matters: give a list sorted by …".
    """
    table = _hint_table(hints)
    alias = {_norm_label(k): _norm_label(v) for k, v in (aliases or {}).items()}

    def norm(text: Any) -> str:
        label = _norm_label(text)
        return alias.get(label, label)

    if isinstance(expected, str):
        labels = _as_labels(value)
        if labels is not None and len(labels) == 1 and isinstance(labels[0], str):
            value = labels[0]           # a one-element list holding the label is the same answer
        if not isinstance(value, str):
            raise Hint(f"`{name}` should be a single piece of text (a label written in quotes), not "
                       f"{_describe(value)}.", "wrong-type")
        if norm(value) != norm(expected):
            message, tag = table.get(_norm_label(value), table.get(norm(value), (
                f"`{name}` = {value!r} is not the answer; look again at the table the exercise names.",
                "generic-wrong-label")))
            raise Hint(message, tag)
        return
    wanted = [norm(v) for v in expected]
    by = ordered if isinstance(ordered, str) else "the order the exercise asks for"
    if isinstance(value, (set, frozenset)) or (isinstance(value, dict) and ordered):
        if ordered:
            raise Hint(f"`{name}` is {_describe(value)}, which has no order, but order matters here: give a list "
                       f"sorted by {by}.", "unordered-set")
        value = sorted(value, key=str)
    if isinstance(value, dict):
        value = list(value)
    labels = _as_labels(value)
    if isinstance(value, str) or labels is None:
        raise Hint(f"`{name}` should be a list of {len(expected)} labels, not {_describe(value)}.", "wrong-type")
    mine = [norm(v) for v in labels]
    if not ordered:
        if sorted(mine) == sorted(wanted):
            return
        extra = sorted(set(mine) - set(wanted))
        lacking = sorted(set(wanted) - set(mine))
        for item in extra:
            if item in table:
                raise Hint(*table[item])
        parts = []
        if lacking:
            parts.append(f"{len(lacking)} expected label(s) missing")
        if extra:
            parts.append(f"unexpected: {', '.join(repr(e) for e in extra)}")
        if not parts:
            parts.append("a label appears the wrong number of times")
        raise Hint(f"`{name}` is not quite right: " + "; ".join(parts) + ".", "generic-wrong-labels")
    if mine == wanted:
        return
    if sorted(mine) == sorted(wanted):
        if mine == wanted[::-1]:
            raise Hint(f"`{name}` has the right labels in the wrong order (reversed); sort by {by}.", "reversed-order")
        raise Hint(f"`{name}` has the right labels in the wrong order; sort by {by}.", "wrong-order")
    for item in sorted(set(mine) - set(wanted)):
        if item in table:
            raise Hint(*table[item])
    if len(mine) != len(wanted):
        raise Hint(f"`{name}` should list {len(wanted)} labels in order; yours has {len(mine)}.",
                   "generic-wrong-length")
    position = next(i for i, (a, b) in enumerate(zip(mine, wanted)) if a != b) + 1
    raise Hint(f"`{name}` should list {len(wanted)} labels in order; yours differ at position {position}.",
               "generic-wrong-labels")


def expect_choice(value: Any, expected: str, *, name: str, options: Mapping[str, Any]) -> None:
    """A multiple-choice answer such as ``"B"``; ``options`` maps each letter to its hint.

    A hint is ``"text"`` (tag ``choice-<letter>``), ``("text", tag)`` or a Hint.
    """
    letters = [str(o).upper() for o in options]
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or value.strip().upper().strip("().") not in letters:
        raise Hint(f"`{name}` should be one of {', '.join(repr(o) for o in options)} (a letter in quotes).",
                   "not-an-option")
    letter = value.strip().upper().strip("().")
    if letter != expected.upper():
        hint = {str(k).upper(): v for k, v in options.items()}[letter]
        if isinstance(hint, Hint):
            raise Hint(hint.message, hint.tag)
        if isinstance(hint, tuple):
            raise Hint(str(hint[0]), str(hint[1]))
        raise Hint(str(hint) or "Not that one: re-read the options.", f"choice-{letter.lower()}")


def _index_matches(values: pd.Series, wanted: pd.Index) -> bool:
    wanted_norm = {_norm_label(v) for v in wanted}
    return len(values) == len(wanted) and {_norm_label(v) for v in values} == wanted_norm


def _to_series(value: Any, expected: pd.Series, name: str) -> pd.Series:
    """Bring the forms a student may reasonably give (dict, one- or two-column table) to a Series."""
    if isinstance(value, Mapping) and not isinstance(value, pd.Series):
        return pd.Series(dict(value))
    if isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:
            return value.iloc[:, 0]
        index_name = expected.index.name
        if value.shape[1] == 2:
            for key_col in value.columns:
                other = [c for c in value.columns if c != key_col][0]
                if (index_name is not None and str(key_col) == str(index_name)) or \
                        _index_matches(value[key_col], expected.index):
                    return value.set_index(key_col)[other]
        if index_name is not None and index_name in value.columns:
            raise Hint(f"`{name}` is a table; the exercise asks for a Series indexed by `{index_name}`. Try "
                       f"`.set_index({index_name!r})[<the value column>]`.", "table-not-series")
        raise Hint(f"`{name}` should be a pandas Series, but it is {_describe(value)}.", "wrong-type")
    if not isinstance(value, pd.Series):
        raise Hint(f"`{name}` should be a pandas Series, but it is {_describe(value)}.", "wrong-type")
    return value


def expect_series(value: Any, expected: pd.Series, *, name: str, alternatives: Iterable[tuple] = (),
                  **kwargs) -> None:
    """Like :func:`expect_frame` for a Series (compared by index, values within tolerance).

    A dict, a one-column table or a two-column table (key column + value column) is accepted
    as the same answer.  ``alternatives`` are ``(series, hint, tag)`` known mistakes.
    """
    value = _to_series(value, expected, name)
    column = expected.name if expected.name is not None else "value"

    def frame(s: pd.Series) -> pd.DataFrame:
        out = s.rename(column).to_frame()
        out.index.name = expected.index.name
        return out

    expect_frame(frame(value), frame(expected), name=name,
                 alternatives=[(frame(_to_series(a, expected, name)), h, t) for a, h, t in _alternatives(alternatives)],
                 _series=True, **kwargs)


def _align_index(value: pd.DataFrame, expected: pd.DataFrame, name: str, series: bool) -> pd.DataFrame:
    """Return ``value`` reindexed like ``expected`` (labels compared ignoring case), or raise a Hint."""
    what = "Series" if series else "table"
    if value.index.duplicated().any():
        repeated = sorted({str(v) for v in value.index[value.index.duplicated()]})[:3]
        raise Hint(f"`{name}` has repeated index labels (such as {', '.join(map(repr, repeated))}): did you forget "
                   "to group or drop duplicates?", "repeated-labels")
    mine, wanted = list(value.index), list(expected.index)
    if set(mine) == set(wanted):
        return value.loc[expected.index]
    norm_wanted = {_norm_label(v): v for v in wanted}
    norm_mine = [_norm_label(v) for v in mine]
    if len(norm_wanted) == len(wanted) and len(set(norm_mine)) == len(mine) and set(norm_mine) == set(norm_wanted):
        relabelled = value.copy()
        relabelled.index = pd.Index([norm_wanted[v] for v in norm_mine], name=expected.index.name)
        return relabelled.loc[expected.index]
    if not series and expected.index.name and expected.index.name in value.columns:
        raise Hint(f"`{name}` should be indexed by `{expected.index.name}`; try "
                   f"`.set_index({expected.index.name!r})`.", "index-not-set")
    if series and isinstance(value.index, pd.RangeIndex) and not isinstance(expected.index, pd.RangeIndex):
        raise Hint(f"`{name}` is numbered 0, 1, 2 …; index it by {expected.index.name or 'the labels'} "
                   "(e.g. `.set_index(...)` before picking the column, or `groupby(...)[...].sum()`).",
                   "index-not-set")
    unexpected = [str(v) for v in mine if _norm_label(v) not in norm_wanted][:3]
    n_missing = len(set(norm_wanted) - set(norm_mine))
    parts = []
    if unexpected:
        parts.append(f"unexpected labels such as {', '.join(map(repr, unexpected))}")
    if n_missing:
        parts.append(f"{n_missing} expected label(s) missing")
    if len(mine) > len(wanted) and not unexpected:
        parts.append("more rows than expected")
    raise Hint(f"`{name}`'s index differs from the expected one ({'; '.join(parts) or 'other labels'}). Index the "
               f"{what} by {expected.index.name or 'the right key'}.", "generic-wrong-index")


def expect_frame(value: Any, expected: pd.DataFrame, *, name: str, columns: Sequence[str] | None = None,
                 rel_tol: float = 1e-4, abs_tol: float = 1e-9, check_index: bool = True,
                 scales: Mapping[str, tuple[int, int]] | None = None, alternatives: Iterable[tuple] = (),
                 off_by_one: str | None = None, _series: bool = False) -> None:
    """Compare a table with the expected one, row by index label (ignoring case), column by column.

    Extra columns are allowed.  ``scales`` names score columns with their range, so that a
    reversed scale (5 where 1 was due) gets its own hint.  ``alternatives`` are
    ``(frame, hint, tag)`` known mistakes, reported only when the answer matches one.
    ``off_by_one="day"`` (opt-in) names a column off by exactly one in every wrong row.
    Hints say which row or column is off and in which direction, never the expected value.
    """
    try:
        _compare_frame(value, expected, name=name, columns=columns, rel_tol=rel_tol, abs_tol=abs_tol,
                       check_index=check_index, scales=scales, off_by_one=off_by_one, series=_series)
        return
    except Hint as hint:
        failure = hint
    for wrong, message, tag in _alternatives(alternatives):
        try:
            _compare_frame(value, wrong, name=name, columns=columns, rel_tol=rel_tol, abs_tol=abs_tol,
                           check_index=check_index, scales=None, off_by_one=None, series=_series)
        except Hint:
            continue
        raise Hint(message, tag)
    raise failure


def _compare_frame(value: Any, expected: pd.DataFrame, *, name: str, columns, rel_tol, abs_tol, check_index,
                   scales, off_by_one, series: bool) -> None:
    columns = list(columns or expected.columns)
    scales = scales or {}
    if isinstance(value, pd.Series):
        raise Hint(f"`{name}` is a Series; the exercise asks for a DataFrame with columns {columns}. "
                   "Try `.to_frame()` or build the table with those columns.", "series-not-table")
    if not isinstance(value, pd.DataFrame):
        raise Hint(f"`{name}` should be a DataFrame, but it is {_describe(value)}.", "wrong-type")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise Hint(f"`{name}` lacks the column(s) {missing}; it has {list(value.columns)}.", "missing-column")
    what = "values" if series else "rows"
    if check_index:
        if len(value) < len(expected) and set(value.index) <= set(expected.index):
            raise Hint(f"`{name}` has fewer {what} than expected. Did a filter or a dropna remove {what} that "
                       "should stay?", "generic-too-few-rows")
        value = _align_index(value, expected, name, series)
    else:
        if len(value) != len(expected):
            more = len(value) > len(expected)
            raise Hint(f"`{name}` has {'more' if more else 'fewer'} {what} than expected."
                       + ("" if more else f" Did a filter or a dropna remove {what} that should stay?"),
                       f"generic-too-{'many' if more else 'few'}-rows")
        value = value.reset_index(drop=True)
        expected = expected.reset_index(drop=True)
    for column in columns:
        _compare_column(value[column], expected[column], name, column, rel_tol, abs_tol, scales.get(column),
                        off_by_one, series)


def _rounded_column(a: np.ndarray, b: np.ndarray) -> bool:
    for d in range(0, 7):
        if np.allclose(a, np.round(b, d), rtol=1e-9, atol=1e-12, equal_nan=True):
            return not np.allclose(np.round(b, d), b, rtol=1e-12, atol=0, equal_nan=True)
    return False


def _compare_column(mine: pd.Series, wanted: pd.Series, name: str, column: str, rel_tol: float,
                    abs_tol: float, scale: tuple[int, int] | None, off_by_one: str | None = None,
                    series: bool = False) -> None:
    where_text = f"`{name}`" if series else f"Column `{column}` of `{name}`"
    numeric = pd.api.types.is_numeric_dtype(wanted) and not pd.api.types.is_bool_dtype(wanted)
    if numeric:
        if not pd.api.types.is_numeric_dtype(mine) or pd.api.types.is_bool_dtype(mine):
            raise Hint(f"{where_text} should hold numbers, but its type is {mine.dtype}.", "wrong-type")
        a = mine.to_numpy(dtype=float)
        b = wanted.to_numpy(dtype=float)
        same = np.isclose(a, b, rtol=rel_tol, atol=abs_tol, equal_nan=True)
        if same.all():
            return
        if scale is not None:
            low, high = scale
            if np.isclose(low + high - a, b, rtol=rel_tol, atol=abs_tol, equal_nan=True).all():
                raise Hint(f"{where_text} is reversed: on this scale higher must mean better "
                           f"({high} for the best customers, {low} for the worst).", "reversed-scale")
        if (np.isnan(a) & ~np.isnan(b)).any():
            raise Hint(f"{where_text} has missing values where numbers were expected.", "missing-values")
        if _rounded_column(a, b):
            raise Hint(f"{where_text} looks rounded: keep full precision, don't round before the check.", "rounded")
        nonzero = ~same & (b != 0)
        if nonzero.any() and np.allclose(a[nonzero], 100 * b[nonzero], rtol=max(rel_tol, 1e-3)):
            raise Hint(f"{where_text} looks like percentages; give shares between 0 and 1.", "percent-not-share")
        if nonzero.any() and np.allclose(-a[nonzero], b[nonzero], rtol=max(rel_tol, 1e-3)):
            raise Hint(f"{where_text} has the wrong sign in {int((~same).sum())} {'values' if series else 'rows'}: "
                       "check which amount you subtract from which.", "wrong-sign")
        wrong = np.abs(a - b)[~same]
        if off_by_one and wrong.size and np.allclose(wrong, 1.0):
            raise Hint(f"{where_text} is off by one in {int((~same).sum())} {'values' if series else 'rows'}: "
                       f"check whether the first or last {off_by_one} should count.", "off-by-one")
        bad = int((~same).sum())
        first = int(np.argmax(~same))
        where = mine.index[first]
        direction = "too large" if a[first] > b[first] else "too small"
        unit = "values" if series else "rows"
        raise Hint(f"{where_text} differs in {bad} of {len(a)} {unit}; e.g. at {where!r} yours is {direction}.",
                   "generic-wrong-values")
    mine_text = np.array([_norm_label(v) for v in mine.astype("str")])
    wanted_text = np.array([_norm_label(v) for v in wanted.astype("str")])
    differ = mine_text != wanted_text
    if differ.any():
        where = mine.index[np.argmax(differ)]
        raise Hint(f"{where_text} differs in {int(differ.sum())} rows; e.g. at {where!r} yours is "
                   f"{mine.astype('str').to_numpy()[differ][0]!r}, which is not the label due there.",
                   "generic-wrong-labels")
