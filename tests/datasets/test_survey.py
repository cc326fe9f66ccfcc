"""The `survey` dataset: schema, mess counts and the truths planted for chapter 5 and the
beauty-club case (see the card, datasets/survey/README.md)."""

import contextlib
import io

import numpy as np
import pandas as pd
import pytest

from helpers import data, survey
from helpers.simulate import survey as sim

ITEMS = [item for item, *_ in sim.ITEMS]


@pytest.fixture(scope="module")
def members():
    return data.load("survey")


@pytest.fixture(scope="module")
def cleaned(members):
    with contextlib.redirect_stdout(io.StringIO()):
        flags = survey.quality_flags(members, ITEMS)
        kept = members[~flags["any_flag"]]
        scores = survey.dimension_scores(kept, sim.dimensions(), reverse=sim.reverse_items())
    return pd.concat([kept.drop(columns=ITEMS), scores], axis=1), flags


def test_schema(members):
    assert len(members) == 1200 and members["member_id"].is_unique
    assert list(members.columns[:3]) == ["member_id", "main_service", "tenure_months"]
    assert list(members.columns[3:19]) == ITEMS
    assert all(str(members[c].dtype) == "Int64" for c in ITEMS)
    assert str(members["recommend"].dtype) == "Int64" and str(members["renewed"].dtype) == "bool"
    assert sorted(members["main_service"].unique()) == ["acupuncture", "beauty", "fitness", "slimming"]
    questionnaire = data.load("survey", "items")
    assert questionnaire["item"].tolist() == ITEMS
    assert questionnaire["reverse_worded"].sum() == 4


def test_mess_is_as_counted_in_the_card(members, cleaned):
    _, flags = cleaned
    assert flags["straight_liner"].sum() == sim.N_STRAIGHT == 18
    assert flags["too_many_missing"].sum() == sim.N_BREAKOFF == 24
    assert flags["out_of_scale"].sum() == sim.N_OUT_OF_SCALE == 4
    assert members["recommend"].isna().sum() == sim.N_NO_RECOMMEND == 15
    # Item non-response ~3% on top of the break-offs (24 members × 12 items).
    blanks = members[ITEMS].isna().to_numpy().sum() - 24 * 12
    assert 0.02 < blanks / (1200 * 16) < 0.04


def test_scales_are_reliable_once_reversed(cleaned):
    frame, _ = cleaned
    members = data.load("survey")
    kept = members.loc[frame.index]
    for dim, items in sim.dimensions().items():
        values = kept[items].astype("float64")
        reverse = [i for i in items if i in sim.reverse_items()]
        values[reverse] = 6 - values[reverse]
        with contextlib.redirect_stdout(io.StringIO()):
            assert survey.cronbach_alpha(values)["alpha"] >= 0.7, dim


def test_driver_analysis_recovers_the_planted_weights(cleaned):
    frame, _ = cleaned
    with contextlib.redirect_stdout(io.StringIO()):
        table = survey.driver_analysis(frame, "overall_satisfaction", sim.DIMENSIONS)
    truth = pd.Series(sim.TRUE_WEIGHTS)
    assert table.index.tolist() == truth.sort_values(ascending=False).index.tolist()
    assert (table["beta"] - truth[table.index]).abs().max() <= 0.08


def test_problem_1_price_drives_renewal_not_satisfaction(cleaned):
    frame, _ = cleaned
    means = frame[sim.DIMENSIONS].mean()
    assert means.idxmin() == "price" and 2.7 < means["price"] < 3.1
    with contextlib.redirect_stdout(io.StringIO()):
        renewal = survey.driver_analysis(frame.assign(renewed=frame["renewed"].astype(float)), "renewed",
                                         sim.DIMENSIONS)
    assert renewal.index[0] == "price"
    assert 0.57 < frame["renewed"].mean() < 0.67
    satisfied = frame[frame["overall_satisfaction"] >= 4]
    # Satisfied members who find the club poor value renew far less than those who do not.
    poor_value = satisfied["price"] < 3
    assert satisfied.loc[poor_value, "renewed"].mean() < 0.65
    assert satisfied.loc[~poor_value, "renewed"].mean() - satisfied.loc[poor_value, "renewed"].mean() > 0.15


def test_problem_2_beauty_and_acupuncture_lag(members, cleaned):
    frame, _ = cleaned
    lagging = frame["main_service"].isin(["beauty", "acupuncture"])
    for dim in ("staff", "results"):
        gap = frame.loc[~lagging, dim].mean() - frame.loc[lagging, dim].mean()
        assert 0.35 < gap < 0.75, dim
    with contextlib.redirect_stdout(io.StringIO()):
        by_line = {line: survey.nps(part["recommend"].astype("float64"))["nps"]
                   for line, part in members.groupby("main_service")}
    assert by_line["beauty"] < 0 and by_line["acupuncture"] < 0
    assert by_line["slimming"] > 0 and by_line["fitness"] > 0


def test_latent_factor_gives_the_planted_correlation():
    # the factor is written out in the generator; A'A must be the correlation the card states
    factor = np.array(sim.LATENT_FACTOR)
    k = len(sim.DIMENSIONS)
    planted = np.full((k, k), sim.LATENT_CORRELATION) + (1 - sim.LATENT_CORRELATION) * np.eye(k)
    assert np.abs(factor.T @ factor - planted).max() < 1e-12


def test_same_bytes_whatever_the_cpu_kernels():
    # multivariate_normal's SVD drew other members on an AMD EPYC than on the AVX-512 machine
    # that wrote the data; OpenBLAS can be told to use another CPU's kernels, so both are tried here
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import hashlib; from helpers import simulate; "
            "print(hashlib.sha256(simulate.render('survey')['survey.csv']).hexdigest())")
    digests = set()
    for kernels in ("SkylakeX", "Zen"):
        env = dict(os.environ, OPENBLAS_CORETYPE=kernels)
        digests.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout.strip())
    assert len(digests) == 1
    assert digests == {hashlib.sha256((data.data_dir() / "survey" / "survey.csv").read_bytes()).hexdigest()}
