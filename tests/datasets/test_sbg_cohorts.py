"""The `sbg_cohorts` dataset: the survivor counts published by Fader & Hardie (2007)."""

import pytest

from helpers import data


@pytest.fixture(scope="module")
def cohorts():
    return data.load("sbg_cohorts")


def test_schema(cohorts):
    assert list(cohorts.columns) == ["cohort", "year", "survivors"]
    assert [str(t) for t in cohorts.dtypes] == ["str", "int64", "int64"]
    assert data.info("sbg_cohorts")["kind"] == "published"


def test_published_counts(cohorts):
    # Fader & Hardie (2007), the two worked cohorts, years 0-7 (copied from the paper).
    table = cohorts.pivot(index="year", columns="cohort", values="survivors")
    assert table.index.tolist() == list(range(8))
    assert table["regular"].tolist() == [1000, 631, 468, 382, 326, 289, 262, 241]
    assert table["high end"].tolist() == [1000, 869, 743, 653, 593, 551, 517, 491]


def test_retention_rises_with_tenure(cohorts):
    # The paper's point: survivors' year-on-year retention increases with tenure.
    # Regular: 0.631, 0.742, 0.816, 0.853, 0.887, 0.907, 0.920 (every year up).
    # High end: 0.869, 0.855 (the one dip), then 0.879, 0.908, 0.929, 0.938, 0.950.
    expected_rises = {"regular": [True] * 6, "high end": [False] + [True] * 5}
    for cohort, group in cohorts.groupby("cohort"):
        counts = group.sort_values("year")["survivors"].to_numpy()
        retention = counts[1:] / counts[:-1]
        assert (retention[1:] > retention[:-1]).tolist() == expected_rises[cohort]
    # Chapter 4 quotes the regular cohort's first and last rates: 631 / 1000 = 0.631 and
    # 241 / 262 = 0.91985 (92%), worked by hand from the published counts.
    regular = cohorts[cohorts["cohort"] == "regular"].sort_values("year")["survivors"].to_numpy()
    assert regular[1] / regular[0] == pytest.approx(0.631)
    assert regular[7] / regular[6] == pytest.approx(0.91985, abs=1e-5)
