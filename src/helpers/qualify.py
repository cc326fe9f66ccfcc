"""Qualifying leads with the MAN rule: Money, Authority, Need (MAN法则).

A sales team cannot call everyone.  The MAN rule asks three questions of each lead:
can the company pay (**money**), is our contact someone who can decide (**authority**),
and does the company need what we sell (**need**)?  The number of answers that are "yes"
sets the lead's priority.  This module holds the mechanics chapter 1 teaches:

* :func:`man_flags` — turns raw lead columns into three True/False flags by documented,
  overridable rules, and prints how many values were missing and how they were treated;
* :func:`man_tier` — the source's four outcomes (qualified prospect, prospect, lead, not a
  target), with priority, recommended action, number of criteria met and the pattern
  (``MAN``, ``MA-``, ``M-N`` …);
* :func:`conversion_by` — leads, wins and conversion rate per group (a pattern, a tier)
  with a Wilson confidence interval;
* :func:`call_plan` — a weekly call list under a capacity limit, best score first;
* :func:`gains_table` — the cumulative gains curve of any score (share of wins caught
  against share of leads called), with tied scores kept together.

Default rules (every number is an argument you can change):

* money: the stated project budget is at least 50,000 yuan (about one first-year contract);
* authority: the contact's seniority is ``director`` or ``executive``;
* need: at least 2 of 3 need signals — 2 or more pain points named, an inbound request
  (the lead asked us first), 3 or more active days in the free trial.

A missing signal is treated as *not met* by default (``missing="unmet"``: the rule only
credits what it can see); ``missing="met"`` gives the benefit of the doubt instead.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers._validate import (InputError, ReadOnlyDict, aligned, number, require_columns, require_numeric, share,
                               whole_number)
from helpers.experiment import conversion_table

__all__ = [
    "SENIORITY_LEVELS", "TIERS", "PATTERNS", "DEFAULT_RULES",
    "man_flags", "man_pattern", "man_tier", "conversion_by", "call_plan", "gains_table",
]

#: Contact seniority, lowest first (the dataset stores it as an ordered category).
SENIORITY_LEVELS = ("staff", "manager", "director", "executive")

#: The source's four outcomes by number of criteria met: (tier, priority, action).
TIERS = ReadOnlyDict({
    3: ("qualified prospect", 1, "pursue now"),
    2: ("prospect", 2, "nurture"),
    1: ("lead", 3, "automated nurturing"),
    0: ("not a target", 4, "park"),
})

#: Every pattern, from three criteria met down to none (a letter when met, "-" when not).
PATTERNS = ("MAN", "MA-", "M-N", "-AN", "M--", "-A-", "--N", "---")

#: The rules :func:`man_flags` applies unless told otherwise.
DEFAULT_RULES = ReadOnlyDict({
    "budget_min": 50_000.0,
    "authority_levels": ("director", "executive"),
    "pain_min": 2,
    "trial_min_days": 3,
    "need_min_signals": 2,
})

_FLAGS = ("money", "authority", "need")


# --------------------------------------------------------------------------- validation


def _numbers(frame: pd.DataFrame, column: str) -> pd.Series:
    series = require_numeric(frame, column)
    infinite = int(np.isinf(series.to_numpy(dtype="float64", na_value=np.nan)).sum())
    if infinite:
        raise InputError(f"Column {column!r} has {infinite} infinite value(s) (inf); fix them or set them to missing "
                         "(a missing value is treated by the missing= rule).")
    negative = int((series.dropna() < 0).sum())
    if negative:
        raise InputError(f"Column {column!r} has {negative} negative value(s); budgets, counts and days "
                         "cannot be negative. Fix the data entry or set those values to missing.")
    return series.astype("Float64")


def _booleans(frame: pd.DataFrame, column: str) -> pd.Series:
    series = frame[column]
    if not pd.api.types.is_bool_dtype(series):
        raise InputError(f"Column {column!r} must be True/False, but its type is {series.dtype}. "
                        "Convert it, e.g. `leads[col] == 'yes'`.")
    return series.astype("boolean")


# --------------------------------------------------------------------------- the rule


def man_flags(leads: pd.DataFrame, *, budget: str = "budget_yuan", seniority: str = "contact_seniority",
              pain: str | None = "pain_points", inbound: str | None = "inbound_request",
              trial: str | None = "trial_days", budget_min: float = DEFAULT_RULES["budget_min"],
              authority_levels: Sequence[str] = DEFAULT_RULES["authority_levels"],
              pain_min: float = DEFAULT_RULES["pain_min"], trial_min_days: float = DEFAULT_RULES["trial_min_days"],
              need_min_signals: int = DEFAULT_RULES["need_min_signals"], missing: str = "unmet",
              verbose: bool = True) -> pd.DataFrame:
    """Money, authority and need as three boolean columns, one row per lead (same index).

    * ``money``: ``leads[budget] >= budget_min``;
    * ``authority``: ``leads[seniority]`` is one of ``authority_levels``;
    * ``need``: at least ``need_min_signals`` of the need signals hold — ``leads[pain] >=
      pain_min``, ``leads[inbound]`` is True, ``leads[trial] >= trial_min_days``.  Pass
      ``None`` for a signal your data lacks (it then never counts).

    ``missing`` says what a missing value means: ``"unmet"`` (default) counts it as not
    met, ``"met"`` as met.  With ``verbose`` a line reports how many values were missing
    and how they were treated.  Seniority values outside :data:`SENIORITY_LEVELS` and
    ``authority_levels`` raise ``ValueError`` (a typo would otherwise quietly deny authority).
    """
    if not isinstance(missing, str) or missing not in ("unmet", "met"):
        raise InputError(f"missing must be 'unmet' (a missing value counts as not met) or 'met', not {missing!r}.")
    if isinstance(authority_levels, str):
        authority_levels = (authority_levels,)
    if isinstance(authority_levels, Mapping) or not isinstance(authority_levels, (list, tuple, set, frozenset)) \
            or not all(isinstance(level, str) for level in authority_levels):
        raise InputError(f"authority_levels must be a list of seniority levels such as ['director', 'executive'], "
                         f"not {authority_levels!r}.")
    need_columns = [c for c in (pain, inbound, trial) if c is not None]
    if not need_columns:
        raise InputError("man_flags needs at least one need signal: pass pain=, inbound= or trial= a column name.")
    need_min_signals = whole_number(need_min_signals, "need_min_signals")
    if not 1 <= need_min_signals <= len(need_columns):
        raise InputError(f"need_min_signals must be between 1 and the number of need signals "
                         f"({len(need_columns)}), not {need_min_signals}.")
    budget_min = number(budget_min, "budget_min")
    pain_min = number(pain_min, "pain_min")
    trial_min_days = number(trial_min_days, "trial_min_days")
    if not isinstance(verbose, (bool, np.bool_)):
        raise InputError(f"verbose must be True or False, not {verbose!r}.")
    require_columns(leads, [budget, seniority, *need_columns], "man_flags: the lead table")
    for name, value in (("budget_min", budget_min), ("pain_min", pain_min), ("trial_min_days", trial_min_days)):
        if value < 0:
            raise InputError(f"{name} must be zero or more, not {value:g}.")

    levels = set(SENIORITY_LEVELS)
    unknown_levels = sorted(set(authority_levels) - levels)
    if unknown_levels:
        raise InputError(f"authority_levels {unknown_levels} are not seniority levels; use some of {list(SENIORITY_LEVELS)}.")
    seen = leads[seniority].dropna().astype("str")
    odd = sorted(set(seen) - levels)
    if odd:
        raise InputError(f"Column {seniority!r} holds unknown seniority value(s) {odd[:5]}; map them onto "
                         f"{list(SENIORITY_LEVELS)} first.")

    fill = missing == "met"
    raw = {"money": _numbers(leads, budget) >= budget_min,
           "authority": leads[seniority].astype("str").isin(list(authority_levels)).astype("boolean")
           .where(leads[seniority].notna(), pd.NA)}
    signals = []
    if pain is not None:
        signals.append((pain, _numbers(leads, pain) >= pain_min))
    if inbound is not None:
        signals.append((inbound, _booleans(leads, inbound)))
    if trial is not None:
        signals.append((trial, _numbers(leads, trial) >= trial_min_days))

    report = []
    for name, column in (("money", budget), ("authority", seniority)):
        n_missing = int(raw[name].isna().sum())
        if n_missing:
            report.append(f"{column} {n_missing}")
    met_signals = 0
    for column, flag in signals:
        n_missing = int(flag.isna().sum())
        if n_missing:
            report.append(f"{column} {n_missing}")
        met_signals = met_signals + flag.fillna(fill).astype("int64")
    flags = pd.DataFrame({
        "money": raw["money"].fillna(fill).astype(bool),
        "authority": raw["authority"].fillna(fill).astype(bool),
        "need": (met_signals >= need_min_signals).astype(bool),
    }, index=leads.index)
    if verbose:
        if report:
            print(f"man_flags: missing values in {', '.join(report)} (of {len(leads):,} leads) "
                  f"were counted as {'met' if fill else 'not met'} (missing={missing!r}).")
        else:
            print(f"man_flags: no missing values among the {len(leads):,} leads.")
    return flags


def _check_flags(flags) -> pd.DataFrame:
    require_columns(flags, _FLAGS, "man_tier: the flag table (from man_flags)")
    for column in _FLAGS:
        series = flags[column]
        if not pd.api.types.is_bool_dtype(series):
            raise InputError(f"Column {column!r} must be True/False, but its type is {series.dtype}. "
                             "Build the flags with man_flags, or compare with a threshold first.")
        if series.isna().any():
            raise InputError(f"Column {column!r} has {int(series.isna().sum())} missing value(s); decide whether "
                             "an unknown counts as met or not (man_flags(missing=...)) before tiering.")
    return flags


def man_pattern(flags: pd.DataFrame) -> pd.Series:
    """The pattern of each lead: ``M``, ``A``, ``N`` for a criterion met, ``-`` for one not met."""
    flags = _check_flags(flags)
    letters = [np.where(flags[c].to_numpy(dtype=bool), c[0].upper(), "-") for c in _FLAGS]
    pattern = np.char.add(np.char.add(letters[0], letters[1]), letters[2])
    return pd.Series(pattern, index=flags.index, name="pattern", dtype="str")


def man_tier(flags: pd.DataFrame) -> pd.DataFrame:
    """The source's four outcomes for each lead.

    Returns columns ``criteria_met`` (0–3), ``pattern`` (e.g. ``M-N``), ``tier``
    (qualified prospect, prospect, lead, not a target), ``priority`` (1 = call first) and
    ``action`` (pursue now, nurture, automated nurturing, park).  All three met: a qualified
    prospect (合格潜在客户) to pursue now; two: a prospect to nurture; one: a lead (线索) for
    automated nurturing; none: not a target for now.
    """
    flags = _check_flags(flags)
    met = flags[list(_FLAGS)].astype("int64").sum(axis=1)
    out = pd.DataFrame({"criteria_met": met, "pattern": man_pattern(flags)}, index=flags.index)
    out["tier"] = met.map({k: v[0] for k, v in TIERS.items()}).astype("str")
    out["priority"] = met.map({k: v[1] for k, v in TIERS.items()}).astype("int64")
    out["action"] = met.map({k: v[2] for k, v in TIERS.items()}).astype("str")
    return out


# --------------------------------------------------------------------------- evidence


def conversion_by(leads: pd.DataFrame, by: str, *, outcome: str = "won_6m", confidence: float = 0.95) -> pd.DataFrame:
    """Leads, wins and conversion rate per value of ``by``, with a Wilson interval.

    The Wilson score interval for ``x`` wins out of ``n`` leads (p = x/n, z the normal
    quantile, 1.96 for 95%) is

        centre ± half, centre = (p + z²/2n) / (1 + z²/n),
        half = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²),

    which stays inside 0–1 and behaves well for small groups and rates near 0, unlike
    p ± z√(p(1−p)/n).  Rows are ordered as :data:`PATTERNS` when ``by`` holds patterns,
    otherwise sorted by ``by``.  Columns: ``leads``, ``won``, ``conversion_rate``,
    ``ci_low``, ``ci_high``.
    """
    require_columns(leads, [by, outcome], "conversion_by: the lead table")
    confidence = share(confidence, "confidence", open_low=True, open_high=True)
    if leads[by].isna().any():
        raise InputError(f"Column {by!r} has {int(leads[by].isna().sum())} missing value(s); every lead needs a group.")
    table = conversion_table(leads, arm=by, converted=outcome, confidence=confidence, method="wilson")
    table = table.rename(columns={"users": "leads", "conversions": "won"})
    table.index.name = by
    labels = [str(v) for v in table.index]
    if set(labels) <= set(PATTERNS):
        table = table.loc[[p for p in PATTERNS if p in set(labels)]]
    return table


def _scores(score, name: str = "score") -> pd.Series:
    if isinstance(score, (pd.DataFrame, str, bytes, Mapping)) or np.ndim(score) != 1:
        raise InputError(f"{name} must be one column of numbers (a Series, list or array), one per lead, not "
                         f"{type(score).__name__}.")
    series = score if isinstance(score, pd.Series) else pd.Series(score)
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        if series.dtype == object and series.map(lambda v: isinstance(v, str)).all() and len(series):
            require_numeric(pd.DataFrame({name: series.astype("str")}), name)
        raise InputError(f"{name} must hold numbers (higher = call first), but its type is {series.dtype}.")
    if series.isna().any():
        raise InputError(f"{name} has {int(series.isna().sum())} missing value(s); score every lead.")
    if series.empty:
        raise InputError(f"{name} is empty; score some leads first.")
    if np.isinf(series.to_numpy(dtype="float64")).any():
        raise InputError(f"{name} has {int(np.isinf(series.to_numpy(dtype='float64')).sum())} infinite value(s); "
                         "give every lead a finite score.")
    return series.astype("float64")


def call_plan(leads: pd.DataFrame, score, capacity: int, *, week: str = "week") -> pd.DataFrame:
    """Who to call each week: the ``capacity`` best-scored leads of each arrival week.

    ``score`` is a Series aligned with ``leads`` (higher = call first; use ``-priority`` for
    MAN priorities).  Ties keep the leads' order in the table (earlier arrivals first), so
    the plan is reproducible.  Returns ``leads`` with two columns added: ``call_order``
    (1, 2 … within the week; 0 when not called) and ``called`` (True for the first
    ``capacity`` of each week).
    """
    require_columns(leads, [week], "call_plan: the lead table")
    try:
        capacity = whole_number(capacity, "capacity", low=1)
    except InputError:
        raise InputError(f"capacity must be a whole number of calls of at least 1, not {capacity!r}.") from None
    if not leads.index.is_unique:
        raise InputError("leads has repeated index labels; call `.reset_index(drop=True)` first so that each "
                         "lead can be marked as called or not.")
    values = _scores(score)
    values = aligned(values if isinstance(score, pd.Series) else values.to_numpy(), leads.index, "score",
                     other="leads")
    if leads[week].isna().any():
        raise InputError(f"Column {week!r} has missing weeks; every lead needs an arrival week.")
    position = np.arange(len(leads))
    order = np.lexsort((position, -values.to_numpy(), leads[week].to_numpy()))
    ranked = leads.iloc[order]
    rank = ranked.groupby(week, sort=False).cumcount() + 1
    plan = leads.copy()
    plan["call_order"] = 0
    called = (rank <= capacity).to_numpy()
    plan.loc[ranked.index[called], "call_order"] = rank.to_numpy()[called]
    plan["call_order"] = plan["call_order"].astype("int64")
    plan["called"] = plan["call_order"] > 0
    return plan


def gains_table(score, outcome) -> pd.DataFrame:
    """The cumulative gains curve of a score: share of leads called against share of wins caught.

    Leads are called best score first.  Leads with the same score form one block (a rule
    such as MAN has no way to order them), so the curve has one point per distinct score,
    plus the origin; between points it is the straight line that a random order within the
    block gives on average.  Columns: ``score``, ``leads``, ``won``, ``share_of_leads``,
    ``share_of_wins`` (cumulative), ``conversion_rate`` (of the block).
    """
    values = _scores(score)
    if isinstance(outcome, (pd.DataFrame, str, bytes, Mapping)) or np.ndim(outcome) != 1:
        raise InputError("outcome must be one column of True/False (or 1/0), one per lead.")
    if isinstance(score, pd.Series) and isinstance(outcome, pd.Series):
        outcome = aligned(outcome, values.index, "outcome", other="score")  # matched by index
    won = pd.Series(outcome).reset_index(drop=True)
    if len(won) != len(values):
        raise InputError(f"score has {len(values)} values but outcome has {len(won)}; use the same leads.")
    if won.isna().any() or not (pd.api.types.is_bool_dtype(won) or set(pd.unique(won)) <= {0, 1}):
        raise InputError("outcome must be True/False (or 1/0) for every lead, with no missing values.")
    frame = pd.DataFrame({"score": values.to_numpy(), "won": won.astype("int64").to_numpy()})
    total_won = int(frame["won"].sum())
    if total_won == 0:
        raise InputError("outcome has no wins, so there is nothing to catch: check the outcome column.")
    blocks = (frame.groupby("score", sort=True)["won"].agg(leads="size", won="sum")
              .sort_index(ascending=False).reset_index())
    blocks["conversion_rate"] = blocks["won"] / blocks["leads"]
    blocks["share_of_leads"] = blocks["leads"].cumsum() / len(frame)
    blocks["share_of_wins"] = blocks["won"].cumsum() / total_won
    origin = pd.DataFrame({"score": [np.inf], "leads": [0], "won": [0], "conversion_rate": [np.nan],
                           "share_of_leads": [0.0], "share_of_wins": [0.0]})
    out = pd.concat([origin, blocks], ignore_index=True)
    return out[["score", "leads", "won", "share_of_leads", "share_of_wins", "conversion_rate"]]
