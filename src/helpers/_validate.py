"""Shared input checks for the helper modules, and the kit's one error type.

Every bad input a helper sees raises :class:`InputError` (importable as
``from helpers import InputError``), whose message names the argument or column, says what
is wrong and how to fix it.  ``InputError`` is both a ``ValueError`` and a ``TypeError``,
so code written against either keeps working.

Tables
------
* :func:`require_frame` — a pandas DataFrame (not a list, a Series, an array, a file name …),
  not empty, with unique column names (a join that leaves two ``amount`` columns is refused);
* :func:`require_columns` — the same, plus the named columns;
* :func:`require_numeric` — a column that holds numbers; a text column of numbers written
  with thousands separators (``"1,000"``) is refused with the fix
  ``pd.to_numeric(s.str.replace(',', ''))``; ``finite=True`` also refuses inf and NaN;
* :func:`require_ids` — an id column that does not mix numbers and text (``1`` and ``"1"``
  would otherwise be two customers, both shown as ``1``).

Scalars
-------
* :func:`number` — a real number (numpy scalars welcome), finite, optionally within bounds;
* :func:`whole_number` — a whole number; ``2.0`` and ``np.int32(2)`` are accepted and
  returned as ``int``;
* :func:`share` — a rate or share between 0 and 1; ``financing_rate=6`` is refused with
  "did you mean 0.06?".

Series
------
* :func:`aligned` — a Series matched to a table **by index** (a Series with the same labels
  in another order is put in the table's order), or a plain list/array of the right length.

Dates
-----
:func:`read_dates` is the one date reader of the kit; :func:`read_date` reads one date (a
snapshot, an end date) by the same rules:

* datetime columns are used as they are; text in an unambiguous format parses (ISO
  ``2024-01-05``, month names ``5 Jan 2024`` …);
* text such as ``05/01/2024`` is read day-first when some first number is above 12, month-first
  when some second number is; a column where every value could be either is refused (naming
  the column, two example values and the fix ``dayfirst=True`` or ``date_format=``), and so is
  one that uses both orders;
* numbers (``20240105``) are dates only with an explicit ``date_format="%Y%m%d"``;
* dates before :data:`FIRST_DATE` or after :data:`LAST_DATE` are refused before any cast
  (a year 2300 would otherwise wrap round to 1715);
* **time zones**: a column with a time zone is read at its own wall-clock time (a purchase at
  23:30 in Shanghai is on that Shanghai day) and the zone is dropped; text with more than one
  UTC offset is refused (convert it to one zone first).  A snapshot or end date with a zone
  is converted to the data's zone; one with a zone against data without one is refused.
"""

from __future__ import annotations

import numbers
import re
from typing import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "InputError", "require_frame", "require_columns", "require_numeric", "require_ids",
    "number", "whole_number", "share", "aligned", "read_dates", "read_date", "FIRST_DATE", "LAST_DATE",
    "ReadOnlyDict", "check_finite", "return_rows",
]


class InputError(ValueError, TypeError):
    """A bad input to a helper: the message names the argument or column, what is wrong and the fix."""


class ReadOnlyDict(dict):
    """A dict that cannot be changed in place: the kit's module-level defaults.

    Reading works as for any dict (``rates["orders"]``, ``dict(rates)``, ``{**rates}``,
    ``json.dumps``); changing it raises :class:`InputError` saying how to take a copy, so a
    notebook cell cannot quietly change the kit's defaults for the rest of the session.
    """

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise InputError("The kit's defaults are read-only, so that one cell cannot change them for the whole "
                         "session. Change a copy: mine = dict(the_default) (for a tuple of rules: "
                         "[dict(rule) for rule in rules]) and pass it as an argument.")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = __ior__ = _refuse

    def copy(self) -> dict:
        return dict(self)

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo) -> dict:
        import copy as _copy

        return {_copy.deepcopy(k, memo): _copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self):
        return (ReadOnlyDict, (dict(self),))


#: The default advice when columns are missing.
RENAME_FIX = "Rename your columns or pass the right names as arguments."

#: The earliest and latest dates the kit accepts (a sane range for customer data).
FIRST_DATE = pd.Timestamp("1900-01-01")
LAST_DATE = pd.Timestamp("2199-12-31")


# --------------------------------------------------------------------------- tables


def _type_fix(value) -> str:
    """How to turn ``value`` into the DataFrame that was expected."""
    if isinstance(value, pd.Series):
        return "pass the whole table, not one column (or turn the Series into a table with .to_frame())"
    if isinstance(value, (str, bytes)):
        return "load the file into a table first, e.g. pd.read_csv(path)"
    return "build a table with pd.DataFrame(...) (with named columns) or load one with pd.read_csv"


def require_frame(frame, what: str, *, allow_empty: bool = False, type_fix: str | None = None) -> pd.DataFrame:
    """Return ``frame`` if it is a pandas DataFrame with at least one row and one column.

    Raises :class:`InputError` when ``frame`` is something else (a list, a Series, an
    array …): the message names what it got and how to make a table of it (``type_fix``
    replaces that advice); when two columns share a name; and when the table is empty,
    unless ``allow_empty``.
    """
    if not isinstance(frame, pd.DataFrame):
        fix = type_fix if type_fix is not None else _type_fix(frame)
        raise InputError(f"{what} must be a pandas DataFrame, but got a {type(frame).__name__}; {fix}.")
    if not frame.columns.is_unique:
        repeated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise InputError(f"{what} has more than one column named {', '.join(repr(c) for c in repeated)} (often "
                         "left by a join or a concat). Keep one of each, e.g. frame.loc[:, "
                         "~frame.columns.duplicated()], or rename them (merge(..., suffixes=...)).")
    if not allow_empty and frame.empty:
        raise InputError(empty_message(what, "no rows" if len(frame) == 0 else "no columns"))
    return frame


def empty_message(what: str, lacks: str = "no rows") -> str:
    """The refusal of an empty table (shared with helpers.sql, which counts the rows in SQL)."""
    return f"{what} is empty ({lacks}): there is nothing to analyse. Check the filter or the file you loaded."


def require_columns(frame, columns: Iterable[str], what: str, *, allow_empty: bool = False, role: str = "",
                    fix: str = RENAME_FIX, type_fix: str | None = None) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame holding every one of ``columns`` and (unless ``allow_empty``) rows.

    Checks, in order: the type and repeated column names (see :func:`require_frame`), the
    columns (naming the missing ones and those the table has, then ``fix``), then emptiness;
    each failure is an :class:`InputError`.  ``role`` qualifies the columns in the message
    (``role="feature"`` → "lacks the feature column(s) …").
    """
    require_frame(frame, what, allow_empty=True, type_fix=type_fix)
    columns = list(columns)
    for column in columns:
        if column is not None and not isinstance(column, (str, int, np.integer)):
            raise InputError(f"A column name must be text such as 'customer_id', not a {type(column).__name__} "
                             f"({column!r}); {what} has the columns {list(frame.columns)}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        kind = f"{role} column(s)" if role else "column(s)"
        names = " or ".join(repr(c) for c in missing)
        raise InputError(f"{what} lacks the {kind} {missing}: there is no column {names} among its columns "
                         f"{list(frame.columns)}. {fix}")
    return require_frame(frame, what, allow_empty=allow_empty)


def _separator_fix(series: pd.Series, column) -> str | None:
    """Advice when a text column holds numbers (with thousands separators or stored as text), else None."""
    if not (series.dtype == object or pd.api.types.is_string_dtype(series.dtype)):
        return None
    values = series.dropna()
    if values.empty or not all(isinstance(v, str) for v in values):
        return None
    text = values.astype(str).str.strip()
    cleaned = text.str.replace(",", "", regex=False)
    parsed = pd.to_numeric(cleaned, errors="coerce")
    if parsed.isna().any():
        return None
    has_separator = text.str.contains(",", regex=False)
    if has_separator.any():
        example = text[has_separator].iloc[0]
        return (f"Column {column!r} must hold numbers, but it holds text with thousands separators (e.g. {example!r}). "
                f"Convert it first: df[{column!r}] = pd.to_numeric(df[{column!r}].str.replace(',', '')).")
    return (f"Column {column!r} must hold numbers, but it holds numbers stored as text (e.g. {text.iloc[0]!r}). "
            "Convert it first: "
            f"df[{column!r}] = pd.to_numeric(df[{column!r}]).")


def require_numeric(frame: pd.DataFrame, column: str, *, fix: str = "Convert it with pd.to_numeric first.",
                    finite: bool = False, what: str | None = None) -> pd.Series:
    """Return ``frame[column]`` if it holds numbers (True/False does not count); :class:`InputError` otherwise.

    Text numbers with thousands separators get the fix ``pd.to_numeric(s.str.replace(',', ''))``.
    With ``finite=True`` missing values (NaN) and inf are refused too, with their count.
    """
    series = frame[column]
    if isinstance(series, pd.DataFrame):
        raise InputError(f"There is more than one column named {column!r}; keep one (or rename them) first.")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        advice = _separator_fix(series, column)
        if advice is not None:
            raise InputError(advice)
        raise InputError(f"Column {column!r} must hold numbers, but its type is {series.dtype}. {fix}")
    if finite:
        check_finite(series, f"Column {column!r}" + (f" of {what}" if what else ""))
    return series


def check_finite(values, label: str) -> None:
    """Refuse NaN and ±inf in a Series or array of numbers; ``label`` starts the message."""
    array = np.asarray(pd.Series(values).to_numpy(dtype="float64", na_value=np.nan), dtype="float64")
    problem = finite_problem(label, int(np.isnan(array).sum()), int(np.isinf(array).sum()))
    if problem:
        raise InputError(problem)


def finite_problem(label: str, missing: int, infinite: int) -> str | None:
    """The message for ``missing`` NaN and ``infinite`` ±inf values (missing first), or None.
    Shared with helpers.sql, which counts them in SQL."""
    if missing:
        return (f"{label} has {missing:,} missing value(s) (NaN); fill or drop them first (and say how "
                "many you dropped).")
    if infinite:
        return (f"{label} has {infinite:,} infinite value(s) (inf), often from a division by zero; fix "
                "or drop them first.")
    return None


def require_ids(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return ``frame[column]`` if its ids are all numbers or all text (missing values aside)."""
    series = frame[column]
    if isinstance(series, pd.DataFrame):
        raise InputError(f"There is more than one column named {column!r}; keep one (or rename them) first.")
    if series.dtype == object:
        values = series.dropna()
        is_text = values.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if is_text.any() and not is_text.all():
            text_example = values[is_text].iloc[0]
            other_example = values[~is_text].iloc[0]
            raise InputError(f"Column {column!r} mixes text ids and numbers (e.g. {text_example!r} and "
                             f"{other_example!r}): 1 and '1' would count as two customers. Make them one type "
                             f"first, e.g. df[{column!r}] = df[{column!r}].astype(str).")
    return series


# --------------------------------------------------------------------------- scalars


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def number(value, name: str, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False) -> float:
    """``value`` as a float if it is a finite real number within the bounds; :class:`InputError` otherwise."""
    if not _is_real(value):
        hint = ""
        if isinstance(value, str):
            hint = f" Write it without quotes, e.g. {name}={value.strip().rstrip('%')}" if value.strip() else ""
            hint = hint + "." if hint else ""
        raise InputError(f"{name} must be a number, not {type(value).__name__} ({value!r}).{hint}")
    value = float(value)
    if not np.isfinite(value):
        raise InputError(f"{name} must be a finite number, not {value}.")
    if low is not None and (value < low or (low_open and value == low)):
        raise InputError(f"{name} must be {'>' if low_open else '≥'} {low:g}, got {value:g}.")
    if high is not None and (value > high or (high_open and value == high)):
        raise InputError(f"{name} must be {'<' if high_open else '≤'} {high:g}, got {value:g}"
                         + (" (give rates as shares: 0.9, not 90)." if high == 1 else "."))
    return value


def whole_number(value, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int if it is a whole number (``2``, ``2.0``, ``np.int64(2)``) within the bounds."""
    if not _is_real(value) or not np.isfinite(float(value)) or float(value) != round(float(value)):
        raise InputError(f"{name} must be a whole number, not {value!r}.")
    result = int(round(float(value)))
    if low is not None and result < low:
        raise InputError(f"{name} must be a whole number ≥ {low}, got {result}.")
    if high is not None and result > high:
        raise InputError(f"{name} must be a whole number ≤ {high}, got {result}.")
    return result


def share(value, name: str, *, open_low: bool = False, open_high: bool = False) -> float:
    """``value`` as a float if it is a share or rate from 0 to 1; a percent-looking value is refused.

    ``financing_rate=6`` → "financing_rate=6 looks like a percent: did you mean 0.06?".
    """
    result = number(value, name)
    if 1 < result <= 100:
        raise InputError(f"{name}={value!r} looks like a percent: did you mean {result / 100:g}? Give rates and "
                         "shares as a share of 1 (6% is 0.06).")
    return number(value, name, low=0, high=1, low_open=open_low, high_open=open_high)


# --------------------------------------------------------------------------- series


def aligned(values, index: pd.Index, name: str, *, other: str = "the table") -> pd.Series:
    """``values`` as a Series on ``index``: a Series is matched by its index labels, a list or array by position.

    A Series whose labels are the same as ``index`` in another order is put in ``index``'s
    order; one with other labels (or repeated ones) is refused, as is a list of another length.
    """
    if isinstance(values, pd.DataFrame):
        raise InputError(f"{name} must be one column (a Series or a list), not a table; pick the column, "
                         "e.g. table['score'].")
    if isinstance(values, pd.Series):
        if values.index.equals(index):
            return values
        if values.index.is_unique and index.is_unique and len(values) == len(index) \
                and values.index.isin(index).all():
            return values.reindex(index)
        raise InputError(f"{name} is a Series whose index does not match the index of {other} ({len(values):,} labels "
                         f"against {len(index):,}); build it from the same rows, or pass plain values with "
                         f"{name}.to_numpy() if the rows are in the same order.")
    if isinstance(values, (str, bytes)) or np.ndim(values) != 1:
        raise InputError(f"{name} must be a list, array or Series with one value per row of {other}, not "
                         f"{type(values).__name__}.")
    if len(values) != len(index):
        raise InputError(f"{name} has {len(values):,} values but {other} has {len(index):,} rows; give one value "
                         "per row.")
    return pd.Series(np.asarray(values), index=index)


def return_rows(returns, frame: pd.DataFrame, amounts: np.ndarray | None) -> np.ndarray:
    """Which rows are returns, by the kit's one rule (the ``returns`` option of rfm_table and
    summary_from_transactions): ``"negative"`` (rows with a negative amount), a True/False mask
    matched to the rows by index, or ``None`` (no row is a return)."""
    if returns is None:
        return np.zeros(len(frame), dtype=bool)
    if isinstance(returns, str):
        if returns == "negative":
            return np.zeros(len(frame), dtype=bool) if amounts is None else np.asarray(amounts) < 0
        raise InputError(f"returns={returns!r} is not understood; use 'negative' (negative amounts are returns), "
                         "a boolean Series marking the return rows, or None (no row is a return).")
    if not isinstance(returns, pd.Series) and np.ndim(returns) != 1:
        raise InputError(f"returns must be 'negative', None or a True/False mask with one value per transaction, "
                         f"not {returns!r}.")
    if not isinstance(returns, pd.Series) and np.shape(returns) != (len(frame),):
        raise InputError(f"The `returns` mask has shape {np.shape(returns)}; it needs one True/False per transaction "
                         f"({len(frame)}).")
    mask = aligned(returns, frame.index, "returns", other="the transaction table")
    if mask.isna().any():
        raise InputError(f"The `returns` mask has {int(mask.isna().sum())} missing value(s); it must be True or "
                         "False on every row.")
    if not pd.api.types.is_bool_dtype(mask):
        raise InputError(f"The `returns` mask must hold True/False values, not {mask.dtype}.")
    return mask.to_numpy(dtype=bool)


# --------------------------------------------------------------------------- dates

_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.\-])(.*)$")
_ISO_DATE = re.compile(r"^\s*[+-]?\d{4}-\d{1,2}-\d{1,2}")
_YEAR = re.compile(r"(?<!\d)(\d{4,})(?!\d)")


def _dates_fix(name) -> str:
    return (f"say how to read it: dayfirst=True (05/01/2024 is 5 January) or dayfirst=False (May 1), or "
            f"date_format='%d/%m/%Y'; or parse {name!r} yourself with pd.to_datetime(..., format=...)")


def _out_of_range(name, example) -> InputError:
    return InputError(f"Column {name!r} has a date outside {FIRST_DATE.year}–{LAST_DATE.year} (e.g. {example!r}): "
                      "probably a typo or a placeholder such as 9999-12-31. Fix or drop those rows first.")


def _check_range(parsed: pd.Series, name) -> None:
    valid = parsed.dropna()
    if valid.empty:
        return
    low, high = valid.min(), valid.max()
    if low < FIRST_DATE or high > LAST_DATE + pd.Timedelta(days=1):
        example = low if low < FIRST_DATE else high
        raise _out_of_range(name, str(example))


def _wall_clock(parsed: pd.Series) -> tuple[pd.Series, str | None]:
    """Drop the zone of a tz-aware Series (keeping local wall-clock times) and return the zone's name."""
    tz = getattr(parsed.dt, "tz", None)
    if tz is None:
        return parsed, None
    return parsed.dt.tz_localize(None), tz


def _from_text(text: pd.Series, name, dayfirst, date_format, rows: np.ndarray | None = None) -> pd.Series:
    """Parse non-missing strings by the kit's rules (see the module docstring)."""
    if date_format is not None:
        parsed = pd.to_datetime(text, format=date_format, errors="coerce")
        bad = parsed.isna()
        if bad.any():
            years = text[bad].str.extract(_YEAR, expand=False).dropna()
            years = years[(years.astype("int64") < FIRST_DATE.year) | (years.astype("int64") > LAST_DATE.year)] \
                if not years.empty else years
            if not years.empty:
                raise _out_of_range(name, text[years.index[0]])
            raise InputError(f"Column {name!r} has {_rows(bad, rows):,} value(s) that do not match "
                             f"date_format={date_format!r}, such as {text[bad].iloc[0]!r}. Fix them or give the "
                             "right format.")
        return parsed
    if text.str.match(_ISO_DATE).all():  # the common case first: ISO dates, year first
        years = text.str.slice(0, 12).str.extract(r"^\s*([+-]?\d{4})", expand=False).astype("int64")
        outside = (years < FIRST_DATE.year) | (years > LAST_DATE.year)
        if outside.any():
            raise _out_of_range(name, text[outside].iloc[0])
        return _parse_checked(text, text, name, "ISO8601", rows)
    if text.str.fullmatch(r"\s*[+-]?\d+(\.0*)?\s*").all():
        raise InputError(f"Column {name!r} holds whole numbers such as {text.iloc[0]!r}, not dates. If they are "
                         "dates, say how to read them: date_format='%Y%m%d'.")
    parts = text.str.extract(_NUMERIC_DATE)
    numeric = parts[0].notna()
    if numeric.any():
        if not numeric.all():
            raise InputError(f"Column {name!r} mixes date formats (e.g. {text[numeric].iloc[0]!r} and "
                             f"{text[~numeric].iloc[0]!r}); write every date the same way, or give date_format=.")
        first, second = parts[0].astype("int64"), parts[2].astype("int64")
        first_big, second_big = bool((first > 12).any()), bool((second > 12).any())
        if first_big and second_big:
            a = text[first > 12].iloc[0]
            b = text[second > 12].iloc[0]
            raise InputError(f"Column {name!r} uses both day-first and month-first dates (e.g. {a!r} and {b!r}); "
                             "fix the rows written the other way, or parse them yourself with pd.to_datetime.")
        if dayfirst is None:
            if not (first_big or second_big):
                differ = text[first != second]
                examples = list(dict.fromkeys(differ.tolist() or text.tolist()))[:2]
                raise InputError(f"Column {name!r} has dates that can be read day-first or month-first (e.g. "
                                 f"{' and '.join(repr(e) for e in examples)}): {_dates_fix(name)}.")
            dayfirst = first_big
        elif (dayfirst and second_big) or (not dayfirst and first_big):
            wrong = text[second > 12].iloc[0] if dayfirst else text[first > 12].iloc[0]
            raise InputError(f"Column {name!r} has {wrong!r}, which cannot be read with dayfirst={dayfirst!r}; "
                             f"use dayfirst={not dayfirst!r} or date_format=.")
        day, month = (first, second) if dayfirst else (second, first)
        year = parts[3].astype("int64")
        short = parts[3].str.len() == 2
        year = year.where(~short, np.where(year < 69, 2000 + year, 1900 + year))
        if ((year < FIRST_DATE.year) | (year > LAST_DATE.year)).any():
            raise _out_of_range(name, text[(year < FIRST_DATE.year) | (year > LAST_DATE.year)].iloc[0])
        iso = (year.astype(str).str.zfill(4) + "-" + month.astype(str).str.zfill(2) + "-"
               + day.astype(str).str.zfill(2) + parts[4].fillna(""))
        return _parse_checked(iso, text, name, "ISO8601", rows)
    years = text.str.extract(_YEAR, expand=False).dropna()
    if not years.empty:
        outside = (years.astype("int64") < FIRST_DATE.year) | (years.astype("int64") > LAST_DATE.year)
        if outside.any():
            raise _out_of_range(name, text[years.index[outside.to_numpy()][0]])
    fmt = "ISO8601" if text.str.match(_ISO_DATE).all() else "mixed"
    return _parse_checked(text, text, name, fmt, rows)


def _rows(bad: pd.Series, rows: np.ndarray | None) -> int:
    """How many rows the flagged values stand for (``rows`` counts each distinct value's rows)."""
    return int(bad.sum()) if rows is None else int(rows[bad.to_numpy(dtype=bool)].sum())


def _parse_checked(values: pd.Series, original: pd.Series, name, fmt: str, rows: np.ndarray | None = None
                   ) -> pd.Series:
    try:
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
    except (ValueError, TypeError) as exc:  # mixed offsets, aware and naive together
        raise InputError(f"Column {name!r} mixes time zones or UTC offsets ({exc}). Convert it to one zone "
                         "first, e.g. pd.to_datetime(s, utc=True).dt.tz_convert('Asia/Shanghai').") from None
    if parsed.dtype == object:
        raise InputError(f"Column {name!r} mixes time zones or UTC offsets (e.g. {original.iloc[0]!r}). Convert "
                         "it to one zone first, e.g. pd.to_datetime(s, utc=True).dt.tz_convert('Asia/Shanghai').")
    bad = parsed.isna()
    if bad.any():
        raise InputError(f"Column {name!r} has {_rows(bad, rows):,} value(s) that are not dates, such as "
                         f"{', '.join(repr(v) for v in original[bad].unique()[:3])}. Fix them, or give "
                         "date_format= (e.g. date_format='%d.%m.%Y').")
    return parsed


def read_dates(values, *, name, dayfirst: bool | None = None, date_format: str | None = None,
               allow_missing: bool = False, return_zone: bool = False):
    """The kit's one date reader: a Series of naive ``datetime64[ns]`` with the index of ``values``.

    ``name`` (the column or argument) is named in every error.  The rules (day-first and
    month-first text, integer dates, the sane range, time zones) are in the module
    docstring.  Missing dates are refused unless ``allow_missing`` (they stay NaT).  With
    ``return_zone`` the result is ``(dates, zone)``, ``zone`` being the time zone the
    values were in (``None`` for naive data).
    """
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise InputError(f"dayfirst must be True, False or None, not {dayfirst!r}.")
    if date_format is not None and not isinstance(date_format, str):
        raise InputError(f"date_format must be a format such as '%d/%m/%Y', not {date_format!r}.")
    if isinstance(values, pd.DataFrame):
        raise InputError(f"{name!r} must be one column of dates, but it is a table (is there more than one column "
                         f"named {name!r}?). Keep one column.")
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    series = series.rename(name) if series.name is None else series
    zone = None
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed, zone = _wall_clock(series)
        _check_range(parsed, name)  # in the column's own unit, before any cast
    elif pd.api.types.is_bool_dtype(series):
        raise InputError(f"Column {name!r} holds True/False values, not dates.")
    elif pd.api.types.is_numeric_dtype(series):
        if date_format is None:
            raise InputError(f"Column {name!r} holds numbers ({series.dtype}), not dates. If they are dates such "
                             "as 20240105, say how to read them: date_format='%Y%m%d'.")
        finite = series.dropna()
        if (finite != np.round(finite)).any() or not np.isfinite(finite.to_numpy(dtype="float64")).all():
            raise InputError(f"Column {name!r} holds numbers that are not whole, so they cannot be dates written "
                             f"as {date_format!r}.")
        text = finite.astype("int64").astype(str)
        parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
        parsed[text.index] = _from_text(text, name, dayfirst, date_format)
    elif pd.api.types.is_timedelta64_dtype(series):
        raise InputError(f"Column {name!r} holds durations ({series.dtype}), not dates.")
    else:
        present = series.notna()
        objects = series[present]
        kind = pd.api.types.infer_dtype(objects, skipna=True)  # one fast pass in C
        if len(objects) and kind in ("integer", "floating", "mixed-integer-float", "decimal"):
            # numbers stored in an object column
            return read_dates(pd.to_numeric(series), name=name, dayfirst=dayfirst, date_format=date_format,
                              allow_missing=allow_missing, return_zone=return_zone)
        if kind == "string" or (pd.api.types.is_string_dtype(objects.dtype) and objects.dtype != object):
            is_text = np.ones(len(objects), dtype=bool)  # all text: no need to look at each value
        else:
            is_text = objects.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if is_text.all():
            # Each distinct text is read once (logs repeat their dates), then spread back to the rows.
            codes, uniques = pd.factorize(objects.to_numpy(dtype=object))
            text = pd.Series(uniques, dtype=object).astype(str)
            rows = np.bincount(codes, minlength=len(uniques))
            parsed_unique = _from_text(text, name, dayfirst, date_format, rows) if len(text) else text
            parsed_text = pd.Series(parsed_unique.to_numpy()[codes] if len(text) else parsed_unique.to_numpy(),
                                    index=objects.index)
        elif not is_text.any():
            try:
                parsed_text = pd.to_datetime(objects, errors="coerce")
            except (ValueError, TypeError):
                raise InputError(f"Column {name!r} mixes time zones (or zone-aware and naive dates); convert it "
                                 "to one zone first, e.g. pd.to_datetime(s, utc=True).dt.tz_convert(...).") from None
            if parsed_text.dtype == object:
                raise InputError(f"Column {name!r} mixes time zones (or zone-aware and naive dates); convert it "
                                 "to one zone first.")
            if parsed_text.isna().any():
                raise InputError(f"Column {name!r} has value(s) that are not dates, such as "
                                 f"{objects[parsed_text.isna()].iloc[0]!r}.")
        else:
            raise InputError(f"Column {name!r} mixes text and other values (e.g. {objects[is_text].iloc[0]!r} and "
                             f"{objects[~is_text].iloc[0]!r}); make every value a date or a date string.")
        parsed_text, zone = _wall_clock(parsed_text)
        parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
        if len(parsed_text):
            _check_range(parsed_text, name)
            parsed[present] = parsed_text.astype("datetime64[ns]").to_numpy()
    if zone is None:
        parsed, zone = _wall_clock(parsed)
    parsed = parsed.astype("datetime64[ns]")
    parsed.name = series.name
    if not allow_missing and parsed.isna().any():
        raise InputError(missing_dates_message(name, int(parsed.isna().sum())))
    return (parsed, zone) if return_zone else parsed


def missing_dates_message(name: str, missing: int) -> str:
    """The refusal of a date column with ``missing`` empty dates (shared with helpers.sql)."""
    return (f"Column {name!r} has {missing:,} missing date(s); every row needs a date. Fill or drop those rows "
            "first (and say how many you dropped).")


def read_date(value, *, name: str, zone=None, dayfirst: bool | None = None,
              date_format: str | None = None) -> pd.Timestamp:
    """One date (a snapshot, an end date) by the rules of :func:`read_dates`, as a naive Timestamp.

    ``zone`` is the time zone the data were in (from ``read_dates(..., return_zone=True)``):
    a date with a zone is converted to it; a date with a zone against data without one is
    refused.
    """
    if value is None or isinstance(value, (bool, np.bool_)) or np.ndim(value) != 0 \
            or (not isinstance(value, str) and pd.isna(value)):
        raise InputError(f"{name} must be a date such as '2025-01-01' or pd.Timestamp('2025-01-01'), not "
                         f"{value!r}.")
    if isinstance(value, str):
        try:
            stamp = read_dates(pd.Series([value]), name=name, dayfirst=dayfirst, date_format=date_format,
                               return_zone=True)
        except InputError as exc:
            text = str(exc)
            if "not dates" in text or "do not match" in text or "whole numbers" in text:
                raise InputError(f"{name}={value!r} is not a date; give it as '2025-01-01' or a pd.Timestamp"
                                 + (f" matching date_format={date_format!r}." if date_format else ".")) from None
            raise InputError(text.replace(f"Column {name!r} has dates", f"{name}={value!r} is a date")
                             .replace(f"Column {name!r}", f"{name}={value!r}")) from None
        stamp, own_zone = stamp[0].iloc[0], stamp[1]
        if own_zone is not None:
            stamp = stamp.tz_localize(own_zone)
    elif _is_real(value):
        if date_format is None:
            raise InputError(f"{name}={value!r} is a number, not a date; give it as '2025-01-01' (or pass "
                             "date_format='%Y%m%d' for 20250101).")
        stamp = read_dates(pd.Series([value]), name=name, date_format=date_format).iloc[0]
    else:
        try:
            stamp = pd.Timestamp(value)
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{name} must be a date such as '2025-01-01', not {value!r}.") from None
        if stamp.tzinfo is None and not (FIRST_DATE <= stamp <= LAST_DATE + pd.Timedelta(days=1)):
            raise InputError(f"{name}={value!r} is outside {FIRST_DATE.year}–{LAST_DATE.year}.")
    if stamp.tzinfo is not None:
        if zone is None:
            raise InputError(f"{name}={value!r} has a time zone but the dates in the data have none; give {name} "
                             "without a zone (e.g. '2025-01-01'), or localise the dates first.")
        stamp = stamp.tz_convert(zone).tz_localize(None)
    if not (FIRST_DATE <= stamp <= LAST_DATE + pd.Timedelta(days=1)):
        raise InputError(f"{name}={value!r} is outside {FIRST_DATE.year}–{LAST_DATE.year}.")
    return pd.Timestamp(stamp).as_unit("ns")
