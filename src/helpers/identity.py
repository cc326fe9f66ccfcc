"""One customer, many records: normalising, matching, clustering, scoring and protecting identities.

The steps of a single customer view, each a small function on plain pandas:

1. **Normalise** the fields people write differently: :func:`normalise_phone` (digits only,
   without the +86 country code; 11-digit mobiles only), :func:`normalise_email` (trimmed,
   lower case) and :func:`normalise_name` (Chinese characters turned into pinyin with
   ``pypinyin``, lower case, the words sorted so that "Wei Wang" and "王伟" agree).
2. **Match** pairs of records: :func:`rule_pairs` (deterministic: same phone or same e-mail,
   each pair with the rule that made it) and :func:`splink_pairs` (probabilistic record
   linkage, Fellegi–Sunter, with the splink library on its in-process DuckDB backend).
3. **Cluster** pairs into people: :func:`clusters` (connected components: if A matches B and
   B matches C, all three are one person).
4. **Score** against a truth table: :func:`pair_scores` and :func:`cluster_scores`
   (precision, recall and F1 of pairs; for clusters, of the pairs the clusters imply).
5. **Protect**: :func:`pseudonymise` (a keyed hash with the standard library's ``hmac``, so
   analysts join on ids, not on names and phones) and :func:`consent_filter` (only records,
   or customers, who agreed to marketing).

The same splink model runs on Spark when the data outgrows one machine: only the database
API changes, the settings stay the same::

    from pyspark.sql import SparkSession
    from splink import Linker, SparkAPI
    spark = SparkSession.builder.getOrCreate()
    db_api = SparkAPI(spark_session=spark)
    linker = Linker(db_api.register(spark.read.parquet("records/")), identity.splink_settings())

Every bad input raises :class:`helpers.InputError` naming the argument or column and the
fix; values that cannot be normalised become missing, and the count is printed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re

import numpy as np
import pandas as pd

from helpers._validate import InputError, require_columns, share

__all__ = ["normalise_phone", "normalise_email", "normalise_name", "prepare", "rule_pairs", "splink_settings",
           "splink_model", "match_weights", "splink_pairs", "clusters", "true_pairs", "pair_scores", "cluster_scores", "pseudonymise",
           "consent_filter"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _as_text_series(values, name: str) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        raise InputError(f"{name} must be one column (a Series or a list), not a whole table; pass frame['{name}'].")
    series = values if isinstance(values, pd.Series) else pd.Series(list(values) if not isinstance(values, str)
                                                                      else [values])
    present = series.dropna()
    floats = present.map(lambda v: isinstance(v, (float, np.floating))).to_numpy(dtype=bool)
    if floats.any():
        example = present[floats].iloc[0]
        raise InputError(f"{name} holds numbers stored as floats (e.g. {example!r}): a float loses a phone's "
                         "leading digits and shows 1.38e10. Read the column as text, e.g. "
                         f"pd.read_csv(..., dtype={{'{name}': str}}).")
    return series.map(lambda v: None if pd.isna(v) else str(v)).astype("object")


def _report(function: str, name: str, unusable: int, why: str, verbose: bool) -> None:
    if unusable and verbose:
        print(f"{function}: {unusable:,} value(s) of {name} {why}; they are left missing.")


def normalise_phone(values, *, name: str = "phone", verbose: bool = True) -> pd.Series:
    """Chinese mobile numbers as 11 digits: ``"+86 138-1234-5678"`` → ``"13812345678"``.

    Keeps the digits, drops a leading country code 86 (``+86``, ``0086``, ``(+86)``), and
    accepts the result only if it is 11 digits starting with 1. Empty values stay missing;
    values that are not a mobile number become missing, with a printed count.
    """
    series = _as_text_series(values, name)
    digits = series.str.replace(r"\D", "", regex=True)
    digits = digits.str.replace(r"^(?:00)?86(?=1\d{10}$)", "", regex=True)
    blank = series.isna() | (series.str.strip() == "")
    valid = digits.str.fullmatch(r"1\d{10}").fillna(False).astype(bool)
    _report("normalise_phone", name, int((~blank & ~valid).sum()), "are not 11-digit mobile numbers", verbose)
    return digits.where(valid, None).astype("object")


def normalise_email(values, *, name: str = "email", verbose: bool = True) -> pd.Series:
    """E-mail addresses trimmed and in lower case; values without one ``@`` and a domain become missing.

    Dots in the local part are kept: most Chinese mail providers (qq.com, 163.com) treat
    ``wang.wei`` and ``wangwei`` as two mailboxes.
    """
    series = _as_text_series(values, name)
    text = series.str.strip().str.lower()
    blank = series.isna() | (text == "")
    valid = text.str.fullmatch(_EMAIL).fillna(False).astype(bool)
    _report("normalise_email", name, int((~blank & ~valid).sum()), "are not e-mail addresses", verbose)
    return text.where(valid, None).astype("object")


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin  # imported here: only names in characters need it

    words = []
    for word in text.split():
        if _CJK.search(word):
            syllables = [s for s in lazy_pinyin(word) if s.strip()]
            # A Chinese name: the first character is the surname, the rest the given name.
            words.extend([syllables[0], "".join(syllables[1:])] if len(syllables) > 1 else syllables)
        else:
            words.append(word)
    return " ".join(words)


def normalise_name(values, *, name: str = "name", verbose: bool = True) -> pd.Series:
    """Names in one comparable form: pinyin, lower case, words sorted.

    ``"王伟"``, ``"Wang Wei"`` and ``"WEI Wang"`` all become ``"wang wei"``. Characters are
    turned into pinyin (without tones) by ``pypinyin``; the first character is read as the
    surname (two-character surnames such as 欧阳 come out as surname + given name glued, a
    known limit). Sorting the words makes swapped order harmless, at the price of treating
    "Wang Wei" and "Wei Wang" (two different people in principle) alike.
    """
    series = _as_text_series(values, name)
    text = series.str.strip()
    blank = series.isna() | (text == "")
    cleaned = text.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) or not v
                       else " ".join(sorted(_pinyin(v).lower().replace("-", " ").replace(".", " ").split())))
    empty = cleaned.isna() | (cleaned == "")
    _report("normalise_name", name, int((~blank & empty).sum()), "hold no letters or characters", verbose)
    return cleaned.where(~empty, None).astype("object")


def prepare(records: pd.DataFrame, *, id: str = "record_id", verbose: bool = True) -> pd.DataFrame:
    """The columns the matchers use, from a ``channels``-like table.

    Adds ``phone_norm``, ``email_norm``, ``name_norm`` and ``birth`` (text ``YYYY-MM-DD``;
    the system default 1900-01-01 becomes missing, with a printed count); an empty district
    becomes missing. Refuses a missing or repeated id.
    """
    require_columns(records, [id, "name", "phone", "email", "city", "district", "birth_date"], "The record table")
    ids = records[id]
    if ids.isna().any() or ids.duplicated().any():
        bad = int(ids.isna().sum()), int(ids.duplicated().sum())
        raise InputError(f"Column {id!r} must hold one unique id per record, but {bad[0]:,} are missing and "
                         f"{bad[1]:,} repeat; deduplicate exact copies first (records.drop_duplicates()).")
    out = records.copy()
    out["phone_norm"] = normalise_phone(records["phone"], verbose=verbose)
    out["email_norm"] = normalise_email(records["email"], verbose=verbose)
    out["name_norm"] = normalise_name(records["name"], verbose=verbose)
    birth = pd.to_datetime(records["birth_date"])
    default = birth == pd.Timestamp("1900-01-01")
    if default.any() and verbose:
        print(f"prepare: {int(default.sum()):,} birth date(s) are the system default 1900-01-01; they are "
              "treated as missing.")
    out["birth"] = birth.where(~default).dt.strftime("%Y-%m-%d").astype("object")
    out["birth"] = out["birth"].where(out["birth"].notna(), None)
    out["district"] = records["district"].where(records["district"].fillna("").str.strip() != "", None)
    return out


def _pairs_on(frame: pd.DataFrame, id: str, key: str) -> pd.DataFrame:
    keyed = frame[[id, key]].dropna()
    left = keyed.merge(keyed, on=key, suffixes=("_l", "_r"))
    left = left[left[f"{id}_l"] < left[f"{id}_r"]]
    return left.rename(columns={f"{id}_l": "id_l", f"{id}_r": "id_r"})[["id_l", "id_r"]]


def rule_pairs(records: pd.DataFrame, *, id: str = "record_id", rules=("phone_norm", "email_norm")) -> pd.DataFrame:
    """Every pair of records that share an exact normalised value of at least one rule column.

    Returns ``id_l`` < ``id_r``, one row per pair, with ``rule`` naming the column(s) that
    agree (``"phone_norm"``, ``"email_norm"`` or ``"phone_norm + email_norm"``): the
    explanation of each match. Missing values never match.
    """
    rules = [rules] if isinstance(rules, str) else list(rules)
    if not rules:
        raise InputError("rules is empty; name at least one column to match on, e.g. rules=['phone_norm'].")
    require_columns(records, [id, *rules], "The record table", fix="Run identity.prepare(records) first.")
    found = []
    for column in rules:
        pairs = _pairs_on(records, id, column)
        found.append(pairs.assign(rule=column))
    every = pd.concat(found, ignore_index=True)
    explained = (every.groupby(["id_l", "id_r"], sort=True)["rule"]
                 .agg(lambda r: " + ".join(sorted(set(r)))).reset_index())
    return explained


def splink_settings():
    """The splink model of the chapter: which fields to compare, how, and which pairs to score.

    Comparisons: the normalised name (exact, then Jaro–Winkler 0.92 and 0.8), phone and
    e-mail (exact), phone also Levenshtein ≤ 1 (a mistyped digit), birth date (exact) and district
    (exact); a missing value is neutral (weight 0). Pairs are scored when they share a phone,
    an e-mail, a name and city, or a birth date and city ("blocking rules").
    """
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.JaroWinklerAtThresholds("name_norm", [0.92, 0.8]),
            cl.LevenshteinAtThresholds("phone_norm", [1]),
            cl.ExactMatch("email_norm"),
            cl.ExactMatch("birth"),
            cl.ExactMatch("district"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("phone_norm"), block_on("email_norm"), block_on("name_norm", "city"),
            block_on("birth", "city"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def _quiet_splink() -> None:
    for logger in ("splink", "duckdb"):
        logging.getLogger(logger).setLevel(logging.ERROR)


def splink_model(records: pd.DataFrame, *, seed: int = 10):
    """Train the splink model on prepared records; returns the linker (DuckDB, in process).

    u probabilities from 1,000,000 random pairs (seeded), the chance that two records match
    from the exact phone-or-e-mail rules (assumed recall 0.7), m probabilities by expectation
    maximisation on pairs blocked by phone and by name (all records, no sampling, so the
    fit is repeatable).
    """
    from splink import DuckDBAPI, Linker, block_on

    columns = ["record_id", "name_norm", "phone_norm", "email_norm", "birth", "district", "city"]
    require_columns(records, columns, "The record table", fix="Run identity.prepare(records) first.")
    import duckdb

    _quiet_splink()
    connection = duckdb.connect(":memory:")
    connection.execute("SET threads TO 1")  # one thread: sums in a fixed order, the same fit on every run
    db_api = DuckDBAPI(connection=connection)
    table = records[columns].sort_values("record_id", kind="mergesort").reset_index(drop=True)
    linker = Linker(db_api.register(table), splink_settings(), log_level=None)
    _quiet_splink()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("phone_norm"), block_on("email_norm")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("phone_norm"),
                                                                       record_sample_proportion=1.0)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_norm"),
                                                                       record_sample_proportion=1.0)
    return linker


def match_weights(linker) -> pd.DataFrame:
    """The trained model as a table: one row per comparison level, with m, u and the match weight log2(m/u)."""
    model = linker.misc.save_model_to_json()
    rows = []
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            rows.append({"comparison": comparison["output_column_name"], "level": level["label_for_charts"],
                         "m": m, "u": u, "match_weight": np.log2(m / u) if m and u else np.nan})
    return pd.DataFrame(rows)


def splink_pairs(linker, *, threshold: float = 0.9) -> pd.DataFrame:
    """Scored pairs with ``match_probability`` ≥ ``threshold``: ``id_l`` < ``id_r``, ``match_weight``, sorted."""
    threshold = share(threshold, "threshold")
    _quiet_splink()
    scored = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    left, right = scored["record_id_l"].astype(str), scored["record_id_r"].astype(str)
    pairs = pd.DataFrame({"id_l": np.where(left < right, left, right), "id_r": np.where(left < right, right, left),
                          "match_weight": scored["match_weight"].to_numpy(float),
                          "match_probability": scored["match_probability"].to_numpy(float)})
    return pairs.sort_values(["id_l", "id_r"], kind="mergesort").reset_index(drop=True)


def clusters(pairs: pd.DataFrame, ids) -> pd.Series:
    """Person clusters from matched pairs (connected components), as a Series record id → cluster id.

    ``ids`` lists every record (unmatched records are clusters of one). A cluster is named
    by its smallest record id, so the result does not depend on the order of the pairs.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    require_columns(pairs, ["id_l", "id_r"], "The pair table", allow_empty=True)
    index = pd.Index(pd.Series(list(ids)).sort_values(kind="mergesort").to_numpy())
    if not index.is_unique:
        raise InputError("ids must list each record once; drop the repeats (pd.unique(ids)).")
    left, right = index.get_indexer(pairs["id_l"]), index.get_indexer(pairs["id_r"])
    if (left < 0).any() or (right < 0).any():
        raise InputError(f"{int((left < 0).sum() + (right < 0).sum()):,} pair end(s) are not among ids; pass the "
                         "ids of the same record table the pairs came from.")
    n = len(index)
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first = pd.Series(index.to_numpy()).groupby(labels).transform("min").to_numpy()
    return pd.Series(first, index=index, name="cluster_id")


def true_pairs(truth: pd.DataFrame, *, id: str = "record_id", person: str = "person_id") -> pd.DataFrame:
    """Every pair of records that belong to the same person in the truth table (``id_l`` < ``id_r``)."""
    require_columns(truth, [id, person], "The truth table")
    return _pairs_on(truth, id, person).sort_values(["id_l", "id_r"], kind="mergesort").reset_index(drop=True)


def pair_scores(pairs: pd.DataFrame, truth: pd.DataFrame, *, id: str = "record_id",
                person: str = "person_id") -> dict:
    """Precision, recall and F1 of matched pairs against the truth table.

    precision = true pairs found ÷ pairs found (of the merges made, the share that are right);
    recall = true pairs found ÷ true pairs (of the merges that should be made, the share made).
    Also returns the counts: ``found``, ``correct``, ``false_merges`` and ``missed``.
    """
    require_columns(pairs, ["id_l", "id_r"], "The pair table", allow_empty=True)
    wanted = true_pairs(truth, id=id, person=person)
    found = pairs[["id_l", "id_r"]].drop_duplicates()
    flipped = found["id_l"] > found["id_r"]
    if flipped.any():
        found = pd.DataFrame({"id_l": np.where(flipped, found["id_r"], found["id_l"]),
                              "id_r": np.where(flipped, found["id_l"], found["id_r"])}).drop_duplicates()
    correct = len(found.merge(wanted, on=["id_l", "id_r"]))
    precision = correct / len(found) if len(found) else float("nan")
    recall = correct / len(wanted) if len(wanted) else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
    return {"found": len(found), "correct": correct, "false_merges": len(found) - correct,
            "missed": len(wanted) - correct, "precision": precision, "recall": recall, "f1": f1}


def cluster_scores(cluster_of: pd.Series, truth: pd.DataFrame, *, id: str = "record_id",
                   person: str = "person_id") -> dict:
    """Scores of a clustering: the pair scores of every pair the clusters imply, plus counts.

    Returns the :func:`pair_scores` of the implied pairs, ``customers`` (clusters),
    ``people`` (true persons) and ``exact`` (the share of people whose records form exactly
    one cluster with nobody else in it).
    """
    require_columns(truth, [id, person], "The truth table")
    frame = pd.DataFrame({id: cluster_of.index, "cluster_id": cluster_of.to_numpy()})
    implied = _pairs_on(frame, id, "cluster_id")
    scores = pair_scores(implied, truth, id=id, person=person)
    joined = truth.merge(frame, on=id)
    per_person = joined.groupby(person)["cluster_id"].nunique()
    per_cluster = joined.groupby("cluster_id")[person].nunique()
    clean = per_cluster[per_cluster == 1].index
    exact = joined[joined["cluster_id"].isin(clean)].groupby(person)["cluster_id"].nunique()
    n_exact = int(((per_person == 1) & per_person.index.isin(exact.index)).sum())
    scores.update({"customers": int(frame["cluster_id"].nunique()), "people": int(truth[person].nunique()),
                   "exact": n_exact / int(truth[person].nunique())})
    return scores


def pseudonymise(values, key, *, name: str = "values", length: int = 16) -> pd.Series:
    """Replace identifiers by a keyed hash (HMAC-SHA256, hex, first ``length`` characters).

    The same value and key always give the same pseudonym, so tables still join; without the
    key nobody can recompute it from a guessed phone number (a plain SHA-256 of every
    11-digit mobile can be tabulated in hours). Keep the key away from the analysts' data.
    Missing values stay missing.
    """
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, (bytes, bytearray)) or len(key) < 16:
        raise InputError("key must be a secret of at least 16 bytes (text or bytes), e.g. secrets.token_bytes(32), "
                         "kept outside the data; a short key can be guessed.")
    if not 8 <= int(length) <= 64:
        raise InputError(f"length={length} is out of range; use 8 to 64 hex characters (16 is plenty for ids).")
    series = _as_text_series(values, name)
    return series.map(lambda v: None if pd.isna(v) else
                      hmac.new(bytes(key), v.encode("utf-8"), hashlib.sha256).hexdigest()[: int(length)])


def consent_filter(records: pd.DataFrame, *, consent: str = "consent_marketing", customer: str | None = None,
                   rule: str = "all", verbose: bool = True) -> pd.DataFrame:
    """The records a marketing list may use: those whose ``consent`` is True.

    With ``customer`` (a cluster id column), a customer is kept (all their records) when
    ``rule="all"`` of their records agree (a "no" on any channel wins) or ``rule="any"``
    does. Missing consent counts as no. Prints how many records and customers are left out.
    """
    require_columns(records, [consent] + ([customer] if customer else []), "The record table")
    flags = records[consent]
    if not (pd.api.types.is_bool_dtype(flags) or flags.dropna().isin([True, False]).all()):
        raise InputError(f"Column {consent!r} must hold True/False consent flags; map 'Y'/'N' or 1/0 to booleans "
                         "first (e.g. frame[col].map({'Y': True, 'N': False})).")
    yes = flags.fillna(False).astype(bool)
    if customer is None:
        kept = yes
    else:
        if rule not in ("all", "any"):
            raise InputError(f"rule={rule!r} is unknown; use 'all' (a no on any channel wins) or 'any'.")
        if records[customer].isna().any():
            raise InputError(f"Column {customer!r} has {int(records[customer].isna().sum()):,} missing customer "
                             "id(s); give every record its cluster first (identity.clusters covers every record).")
        per = yes.groupby(records[customer]).transform(rule)
        kept = per.astype(bool)
    if verbose:
        dropped = int((~kept).sum())
        line = f"consent_filter: {dropped:,} of {len(records):,} records left out (no marketing consent"
        if customer is not None:
            lost = records.loc[~kept, customer].nunique()
            line += f"; {lost:,} customers, rule={rule!r}"
        print(line + ").")
    return records[kept.to_numpy()]
