"""The one input check that the churn, segment, survey and experiment modules add to :mod:`helpers._validate`.

:func:`numbers` — a numeric column as floats with its missing values kept (each helper counts
and says what it does with them), refusing text (with the ``pd.to_numeric`` fix that
:func:`helpers._validate.require_numeric` gives) and inf by name.  ``allow_bool`` lets a
yes/no column count as 1/0 (a model feature).
"""

from __future__ import annotations

import pandas as pd

from helpers._validate import check_finite, require_numeric

__all__ = ["numbers"]


def numbers(frame: pd.DataFrame, column, what: str, *, allow_bool: bool = False,
            fix: str = "Convert it with pd.to_numeric first.") -> pd.Series:
    """``frame[column]`` as floats, missing values kept; text, True/False (unless ``allow_bool``) and inf refused."""
    series = frame[column]
    if not (allow_bool and pd.api.types.is_bool_dtype(series)):
        require_numeric(frame, column, fix=fix, what=what)
    result = series.astype("float64")
    check_finite(result.dropna(), f"Column {column!r} of {what}")
    return result
