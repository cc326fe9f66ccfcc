"""The `complaints` dataset: schema and the 1981 Coca-Cola figures planted in it."""

import pytest

from helpers import data


@pytest.fixture(scope="module")
def complaints():
    return data.load("complaints")


def test_schema(complaints):
    assert list(complaints.columns) == ["complaint_id", "issue", "response_rating", "people_told",
                                        "purchases_after"]
    assert [str(t) for t in complaints.dtypes[["complaint_id", "issue", "people_told"]]] == ["str", "str", "int64"]
    assert list(complaints["response_rating"].cat.categories) == ["not satisfied", "partly satisfied",
                                                                  "fully satisfied"]
    assert complaints["response_rating"].cat.ordered
    assert list(complaints["purchases_after"].cat.categories) == ["stopped buying", "bought less", "no change",
                                                                  "bought more"]
    assert len(complaints) == 1200 and complaints["complaint_id"].is_unique
    assert complaints.notna().all().all() and (complaints["people_told"] >= 0).all()


def _groups(complaints):
    fully = complaints["response_rating"] == "fully satisfied"
    return complaints[fully], complaints[~fully]


def test_purchase_changes_match_the_published_shares(complaints):
    fully, not_fully = _groups(complaints)
    # Source: 10% of the fully satisfied bought more.
    assert (fully["purchases_after"] == "bought more").mean() == pytest.approx(0.10)
    # Source: of the not fully satisfied, a third stopped buying and 45% bought less.
    assert (not_fully["purchases_after"] == "stopped buying").mean() == pytest.approx(1 / 3, abs=1e-3)
    assert (not_fully["purchases_after"] == "bought less").mean() == pytest.approx(0.45)
    assert (not_fully["purchases_after"] == "bought more").sum() == 0


def test_word_of_mouth_matches_the_published_figures(complaints):
    fully, not_fully = _groups(complaints)
    # Source: fully satisfied told 4-5 others, the rest 9-10 others.
    assert 4.0 <= fully["people_told"].mean() <= 5.0
    assert 9.0 <= not_fully["people_told"].mean() <= 10.0
    # Source: over 12% told 20 or more people.
    share_20 = (complaints["people_told"] >= 20).mean()
    assert 0.12 < share_20 <= 0.15
