"""Input guards of the churn, segment, survey and experiment modules (issue 15).

The kit's shared checks live in :mod:`helpers._validate`; these are the few that those four
modules need in the same words, kept in one place so that each is written once:

* :func:`number` and :func:`whole` — a scalar argument that must be a finite number (or a
  whole number: ``2``, ``2.0``, ``np.int32(2)`` and ``np.float32(2.0)`` all count), in a range,
  with "did you mean 0.06?" for a share given as a percentage;
* :func:`unique_columns` — refuse a table whose needed columns appear twice (after a join);
* :func:`numbers` — a numeric column as floats: text (thousands separators) and inf refused,
  naming the column and the fix;
* :func:`one_id_type` — refuse an id column that mixes numbers and text (``1`` and ``"1"``);
* :func:`align` — match a Series to another by index (same customers in another order), or
  refuse when the labels differ or repeat.

Every refusal is a :class:`helpers.InputError` whose message names the argument or column.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

try:  # the kit's one error type for bad input (helpers._validate, issue 15)
    from helpers._validate import InputError
except ImportError:  # pragma: no cover - until the shared core lands
    class InputError(ValueError, TypeError):
        """A bad input: the message names the argument or column, what is wrong and the fix."""

__all__ = ["InputError", "number", "whole", "unique_columns", "numbers", "one_id_type", "align"]


def number(value, name: str, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False, share: bool = False) -> float:
    """One finite real number within the bounds (numpy scalars accepted), as a float.

    ``share=True`` adds "did you mean 0.06?" when a value above 1 (and up to 100) was given.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise InputError(f"{name} must be a number, not {type(value).__name__} ({value!r}).")
    result = float(value)
    if not np.isfinite(result):
        raise InputError(f"{name} must be a finite number, not {result}.")
    too_low = low is not None and (result <= low if low_open else result < low)
    too_high = high is not None and (result >= high if high_open else result > high)
    if too_low or too_high:
        if low is not None and high is not None:
            span = f"{'strictly ' if low_open and high_open else ''}between {low:g} and {high:g}"
        elif low is not None:
            span = f"{'greater than' if low_open else 'at least'} {low:g}"
        else:
            span = f"{'less than' if high_open else 'at most'} {high:g}"
        hint = f" It looks like a percentage: did you mean {result / 100:g}?" if share and 1 < result <= 100 else ""
        raise InputError(f"{name} must be {span}, not {result:g}.{hint}")
    return result


def whole(value, name: str, *, minimum: int | None = 1) -> int:
    """A whole number (2, 2.0, np.int32(2) and np.float32(2) all count) of at least ``minimum``."""
    result = value
    if not isinstance(value, (bool, np.bool_)) and isinstance(value, (float, np.floating)) \
            and np.isfinite(value) and float(value).is_integer():
        result = int(value)
    if isinstance(result, (bool, np.bool_)) or not isinstance(result, (int, np.integer)) \
            or (minimum is not None and result < minimum):
        floor = "" if minimum is None else f" of at least {minimum}"
        raise InputError(f"{name} must be a whole number{floor}, not {value!r}.")
    return int(result)


def unique_columns(frame: pd.DataFrame, columns: Sequence, what: str) -> None:
    """Refuse ``frame`` when one of ``columns`` appears more than once among its columns."""
    repeated = set(frame.columns[frame.columns.duplicated(keep=False)])
    doubled = sorted({str(c) for c in columns if c in repeated})
    if doubled:
        raise InputError(f"{what}: column(s) {doubled} appear more than once (a join or concat that repeated "
                         "them?); keep one, e.g. table.loc[:, ~table.columns.duplicated()].")


def numbers(frame: pd.DataFrame, column, what: str, *, allow_bool: bool = False) -> pd.Series:
    """``frame[column]`` as floats (missing values kept), refusing text, True/False and inf by name."""
    values = frame[column]
    is_bool = pd.api.types.is_bool_dtype(values)
    if not pd.api.types.is_numeric_dtype(values) or (is_bool and not allow_bool):
        if is_bool:
            raise InputError(f"{what}: column {column!r} holds True/False, not numbers; map it to numbers first.")
        text = values.dropna().astype(str)
        separators = bool(text.str.contains(r"\d,\d", regex=True).any())
        readable = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").notna().all()
        if separators and readable:
            fix = f"convert it first with pd.to_numeric(table[{column!r}].str.replace(',', ''))"
        elif readable:
            fix = f"convert it first with pd.to_numeric(table[{column!r}])"
        else:
            fix = "these are labels, not numbers: map them to numbers first, e.g. with .map({'label': value, ...})"
        raise InputError(f"{what}: column {column!r} is not numeric (it holds {values.dtype} values such as "
                         f"{text.head(3).tolist()}); {fix}.")
    result = values.astype("float64")
    infinite = int(np.isinf(result.to_numpy()).sum())
    if infinite:
        raise InputError(f"{what}: column {column!r} holds {infinite} infinite value(s) (inf), perhaps from a "
                         "division by zero; replace them with real values or drop those rows first.")
    return result


def one_id_type(values: pd.Series, column, what: str) -> None:
    """Refuse an id column whose values mix numbers and text: 1 and "1" would be two customers."""
    kinds = {"number" if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
             else type(v).__name__ for v in pd.unique(values.dropna())} if values.dtype == object else set()
    if len(kinds) > 1:
        raise InputError(f"{what}: column {column!r} mixes value types {sorted(kinds)} (e.g. 1 and '1', which "
                         f"would count as two different values); make them one type first, e.g. "
                         f"table[{column!r}].astype(str).")


def align(reference, values, name: str, reference_name: str):
    """``values`` matched to ``reference`` by index when both are Series; refused when they cannot be.

    Anything that is not a pair of Series is returned as it is (matched by position).
    """
    if not (isinstance(reference, pd.Series) and isinstance(values, pd.Series)) or values.index.equals(reference.index):
        return values
    if reference.index.has_duplicates or values.index.has_duplicates:
        raise InputError(f"{name} and {reference_name} are Series in a different order and their index labels "
                         "repeat, so they cannot be matched row by row; give both the same index "
                         "(e.g. compute them from the same table).")
    if len(values) != len(reference) or not values.index.isin(reference.index).all():
        raise InputError(f"{name} is a Series whose index holds other labels than {reference_name}'s; use the "
                         "same customers (align them by index first).")
    return values.reindex(reference.index)
