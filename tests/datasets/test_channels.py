"""Schema and planted truths of the channels dataset (see its card and generator)."""

import pytest

from helpers import data
from helpers.simulate import channels as gen


@pytest.fixture(scope="module")
def records():
    return data.load("channels")


@pytest.fixture(scope="module")
def truth():
    return data.load("channels", "truth")


@pytest.fixture(scope="module")
def joined(records, truth):
    return records.merge(truth, on="record_id", validate="one_to_one")


def _digits(phone):
    digits = phone.str.replace(r"\D", "", regex=True)
    return digits.str[-11:]


def test_schema(records, truth):
    assert list(records.columns) == ["record_id", "channel", "name", "phone", "email", "city", "district",
                                     "birth_date", "consent_marketing"]
    assert records["record_id"].is_unique
    assert sorted(records["channel"].unique()) == sorted(gen.CHANNELS)
    assert list(truth.columns) == ["record_id", "person_id"]
    assert set(truth["record_id"]) == set(records["record_id"])


def test_people_behind_the_records(joined):
    per_person = joined.groupby("person_id").size()
    assert joined["person_id"].nunique() == gen.N_PEOPLE
    expected_mean = sum(k * p for k, p in gen.RECORDS_PER_PERSON.items())  # 1.68
    assert per_person.mean() == pytest.approx(expected_mean, abs=0.03)
    assert per_person.max() <= 4
    # one record per channel and person, and one city per person
    assert not joined.duplicated(["person_id", "channel"]).any()
    assert (joined.groupby("person_id")["city"].nunique() == 1).all()


@pytest.mark.parametrize("channel", gen.CHANNELS)
def test_missing_phones_emails_and_consent_by_channel(joined, channel):
    rows = joined[joined["channel"] == channel]
    assert rows["phone"].isna().mean() == pytest.approx(gen.PHONE_MISSING[channel], abs=0.02)
    has_email = gen.EMAIL_SHARE * (1 - gen.EMAIL_MISSING[channel])
    assert rows["email"].notna().mean() == pytest.approx(has_email, abs=0.025)
    assert rows["consent_marketing"].mean() == pytest.approx(gen.CONSENT[channel], abs=0.025)


def test_birth_dates_missing_or_default(records):
    assert records["birth_date"].isna().mean() == pytest.approx(gen.BIRTH_MISSING, abs=0.015)
    default = (records["birth_date"] == "1900-01-01").mean()
    assert default == pytest.approx(gen.BIRTH_DEFAULT, abs=0.01)


def test_family_phones_are_shared_by_two_people(joined):
    phones = joined.dropna(subset=["phone"]).assign(number=lambda f: _digits(f["phone"]))
    people_per_phone = phones.groupby("number")["person_id"].nunique()
    shared = int((people_per_phone >= 2).sum())
    # 600 families; the second member uses the family phone on a record with probability 0.6 a record,
    # so 60% to 94% of families show up (plus a handful of chance collisions of random old numbers).
    assert 0.6 * gen.N_FAMILIES <= shared <= 0.94 * gen.N_FAMILIES + 10
    assert people_per_phone.max() <= 3


def test_normalised_phone_agrees_with_the_person_mostly(joined):
    phones = joined.dropna(subset=["phone"]).assign(number=lambda f: _digits(f["phone"]))
    counts = phones.groupby(["person_id", "number"]).size().rename("n").reset_index()
    usual = (counts.sort_values(["person_id", "n", "number"], ascending=[True, False, True], kind="mergesort")
             .drop_duplicates("person_id").set_index("person_id")["number"])
    multi = phones.groupby("person_id").size() >= 2
    agree = phones[phones["person_id"].map(multi)].pipe(lambda f: f["number"] == f["person_id"].map(usual))
    # old numbers (6%), typos (3%) and family phones pull agreement below 1
    assert 0.80 <= agree.mean() <= 0.97


def test_every_person_bought_at_least_once(truth):
    orders = data.load("channels", "transactions")
    buyers = orders.merge(truth, on="record_id")["person_id"].nunique()
    assert buyers == gen.N_PEOPLE
    assert (orders["amount"] > 0).all()
    assert orders["date"].between("2023-01-01", "2024-12-31").all()
