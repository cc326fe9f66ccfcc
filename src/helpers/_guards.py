"""Input checks that the churn, segment and survey modules add to :mod:`helpers._validate`.

:func:`names` — column names as a list: one name given as a string is one column, not its
letters (``build_pipeline('tenure')`` is one feature, not six).

:func:`numbers` — a numeric column as floats with its missing values kept (each helper counts
and says what it does with them), refusing text (with the ``pd.to_numeric`` fix that
:func:`helpers._validate.require_numeric` gives) and inf by name.  ``allow_bool`` lets a
yes/no column count as 1/0 (a model feature).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers._validate import InputError, check_finite, require_numeric

__all__ = ["names", "numbers"]


def names(value, name: str) -> list:
    """Column names as a list: one name given as a string is one column, not its letters."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        listed = list(value)
        odd = [v for v in listed if isinstance(v, (bool, np.bool_)) or not isinstance(v, (str, int, np.integer))]
        if odd:
            raise InputError(f"{name} must list column names (text), but holds {odd[:3]!r}; pass the names, "
                             f"e.g. {name}=['recency_days', 'frequency'].")
        return listed
    raise InputError(f"{name} must be a list of column names such as ['recency_days', 'frequency'], not "
                     f"{type(value).__name__}.")


def numbers(frame: pd.DataFrame, column, what: str, *, allow_bool: bool = False,
            fix: str = "Convert it with pd.to_numeric first.") -> pd.Series:
    """``frame[column]`` as floats, missing values kept; text, True/False (unless ``allow_bool``) and inf refused."""
    series = frame[column]
    if not (allow_bool and pd.api.types.is_bool_dtype(series)):
        require_numeric(frame, column, fix=fix, what=what)
    result = series.astype("float64")
    check_finite(result.dropna(), f"Column {column!r} of {what}")
    return result
