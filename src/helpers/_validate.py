"""Shared input checks for the helper modules: is it a table, has it the columns, has it rows.

Every helper that takes a table starts with the same three questions, and a student who
gets one of them wrong should read what is wrong *and* how to fix it:

* :func:`require_frame` — a pandas DataFrame (``TypeError`` otherwise, saying what was passed
  instead: a list, a Series, an array, a file name …) that is not empty (``ValueError``);
* :func:`require_columns` — the same, plus the named columns (``ValueError`` naming the
  missing columns and the columns the table does have);
* :func:`require_numeric` — a column that holds numbers (``TypeError`` with its dtype).

``what`` names the table in the message, e.g. ``"The transaction table"`` or
``"conversion_table: the assignment table"``.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

__all__ = ["require_frame", "require_columns", "require_numeric"]

#: The default advice when columns are missing.
RENAME_FIX = "Rename your columns or pass the right names as arguments."


def _type_fix(value) -> str:
    """How to turn ``value`` into the DataFrame that was expected."""
    if isinstance(value, pd.Series):
        return "pass the whole table, not one column (or turn the Series into a table with .to_frame())"
    if isinstance(value, (str, bytes)):
        return "load the file into a table first, e.g. pd.read_csv(path)"
    return "build a table with pd.DataFrame(...) (with named columns) or load one with pd.read_csv"


def require_frame(frame, what: str, *, allow_empty: bool = False, type_fix: str | None = None) -> pd.DataFrame:
    """Return ``frame`` if it is a pandas DataFrame with at least one row and one column.

    Raises ``TypeError`` when ``frame`` is something else (a list, a Series, an array …): the
    message names what it got and how to make a table of it (``type_fix`` replaces that
    advice).  Raises ``ValueError`` when the table is empty, unless ``allow_empty``.
    """
    if not isinstance(frame, pd.DataFrame):
        fix = type_fix if type_fix is not None else _type_fix(frame)
        raise TypeError(f"{what} must be a pandas DataFrame, but got a {type(frame).__name__}; {fix}.")
    if not allow_empty and frame.empty:
        lacks = "no rows" if len(frame) == 0 else "no columns"
        raise ValueError(f"{what} is empty ({lacks}): there is nothing to analyse. Check the filter or the "
                         "file you loaded.")
    return frame


def require_columns(frame, columns: Iterable[str], what: str, *, allow_empty: bool = False, role: str = "",
                    fix: str = RENAME_FIX, type_fix: str | None = None) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame holding every one of ``columns`` and (unless ``allow_empty``) rows.

    Checks, in order: the type (``TypeError``, see :func:`require_frame`), the columns
    (``ValueError`` naming the missing ones and those the table has, then ``fix``), then
    emptiness (``ValueError``).  ``role`` qualifies the columns in the message
    (``role="feature"`` → "lacks the feature column(s) …").
    """
    require_frame(frame, what, allow_empty=True, type_fix=type_fix)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        kind = f"{role} column(s)" if role else "column(s)"
        names = " or ".join(repr(c) for c in missing)
        raise ValueError(f"{what} lacks the {kind} {missing}: there is no column {names} among its columns "
                         f"{list(frame.columns)}. {fix}")
    return require_frame(frame, what, allow_empty=allow_empty)


def require_numeric(frame: pd.DataFrame, column: str, *,
                    fix: str = "Convert it with pd.to_numeric first.") -> pd.Series:
    """Return ``frame[column]`` if it holds numbers (True/False does not count); ``TypeError`` otherwise."""
    series = frame[column]
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise TypeError(f"Column {column!r} must hold numbers, but its type is {series.dtype}. {fix}")
    return series
