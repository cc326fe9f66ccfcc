"""Import the real CDNOW purchase log (23,570 customers) and its 1/10 sample into ``datasets/cdnow/``.

A maintainer command, run once (it needs the network, through ``pip download``)::

    .venv/bin/python tools/import_cdnow.py [--wheel path/to/Lifetimes-0.11.3-py3-none-any.whl]

The two text files ship inside the ``lifetimes`` wheel on PyPI (version pinned below) as
``lifetimes/datasets/CDNOW_master.txt`` and ``lifetimes/datasets/CDNOW_sample.txt``.  This
script downloads the wheel with ``pip download --no-deps`` into a temporary folder, reads the
two members out of it as a zip archive (it never imports ``lifetimes``), checks their SHA-256,
and writes the dataset with ``helpers.data.write_dataset``.

What the files hold (whitespace-separated, zero-padded ids):
* ``CDNOW_master.txt``: a header row ``customer_id date number_of_cds dollar_value`` and
  69,659 purchase lines of 23,570 customers, dates ``YYYYMMDD`` from 1997-01-01 to 1998-06-30;
* ``CDNOW_sample.txt``: **no header**, five columns: the master customer id, the sample's own
  running id (1–2,357), date, number of CDs, dollar value; 6,919 lines of 2,357 customers.

Changes made (all recorded in the card ``datasets/cdnow/README.md``):
* ``number_of_cds`` → ``quantity``; ``dollar_value`` → ``amount``; dates → ``date`` (a day);
* the sample's running id is dropped, so both tables have the same four columns and the
  sample's ``customer_id`` is the master id (every sample line is also a master line);
* rows are sorted by ``customer_id`` then ``date`` (stable, so same-day lines keep file order);
* nothing is dropped or merged: the 80 zero-dollar lines and the lines that repeat another
  line of the same customer and day stay, as in the source.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from helpers import data
from wheel_files import wheel_members

LIFETIMES_VERSION = "0.11.3"
MASTER = "lifetimes/datasets/CDNOW_master.txt"
SAMPLE = "lifetimes/datasets/CDNOW_sample.txt"
#: SHA-256 of the two members in Lifetimes 0.11.3 (checked before they are read).
MEMBER_SHA256 = {
    MASTER: "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
    SAMPLE: "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a",
}
TITLE = "CDNOW: CD purchases of the Q1-1997 cohort, Jan 1997 – Jun 1998 (full log and 1/10 sample)"
SOURCE = (f"Lifetimes {LIFETIMES_VERSION} (PyPI) → {MASTER} and {SAMPLE}; data of Fader, Hardie & Lee (2005), "
          "'Counting your customers the easy way: an alternative to the Pareto/NBD model', "
          "Marketing Science 24(2), 275–284")
N_CUSTOMERS = 23_570
N_LINES = 69_659
N_SAMPLE_CUSTOMERS = 2_357
COLUMNS = ["customer_id", "date", "quantity", "amount"]


def _typed(raw: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({
        "customer_id": raw["customer_id"].astype("int64"),
        "date": pd.to_datetime(raw["date"], format="%Y%m%d").astype("datetime64[ns]"),
        "quantity": raw["quantity"].astype("int64"),
        "amount": raw["amount"].astype("float64"),
    })
    return frame.sort_values(["customer_id", "date"], kind="mergesort").reset_index(drop=True)


def parse_master(payload: bytes) -> pd.DataFrame:
    raw = pd.read_csv(io.BytesIO(payload), sep=r"\s+", dtype=str)
    expected = ["customer_id", "date", "number_of_cds", "dollar_value"]
    if list(raw.columns) != expected:
        raise SystemExit(f"{MASTER}: expected columns {expected}, found {list(raw.columns)}.")
    frame = _typed(raw.rename(columns={"number_of_cds": "quantity", "dollar_value": "amount"}))
    if len(frame) != N_LINES or frame["customer_id"].nunique() != N_CUSTOMERS:
        raise SystemExit(f"{MASTER}: expected {N_LINES} lines of {N_CUSTOMERS} customers, found "
                         f"{len(frame)} lines of {frame['customer_id'].nunique()}.")
    return frame


def parse_sample(payload: bytes) -> pd.DataFrame:
    raw = pd.read_csv(io.BytesIO(payload), sep=r"\s+", header=None, dtype=str,
                      names=["customer_id", "sample_id", "date", "quantity", "amount"])
    ids = raw[["customer_id", "sample_id"]].drop_duplicates()
    if len(ids) != N_SAMPLE_CUSTOMERS or ids["customer_id"].nunique() != N_SAMPLE_CUSTOMERS:
        raise SystemExit(f"{SAMPLE}: expected {N_SAMPLE_CUSTOMERS} customers, each with one running id.")
    return _typed(raw.drop(columns="sample_id"))


def check_sample_in_master(master: pd.DataFrame, sample: pd.DataFrame) -> None:
    """Every sample customer's lines are exactly their lines in the master log."""
    subset = master[master["customer_id"].isin(sample["customer_id"])].reset_index(drop=True)
    if not subset.equals(sample):
        raise SystemExit("The sample's lines are not the master lines of the same customers.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="an already downloaded lifetimes wheel (skips pip download)")
    args = parser.parse_args(argv)
    members = wheel_members("lifetimes", LIFETIMES_VERSION, MEMBER_SHA256, wheel=args.wheel)
    master = parse_master(members[MASTER])
    sample = parse_sample(members[SAMPLE])
    check_sample_in_master(master, sample)
    folder = data.write_dataset("cdnow", {"main": master, "sample": sample}, kind="real", title=TITLE,
                                source=SOURCE)
    print(f"wrote {len(master):,} lines of {master['customer_id'].nunique():,} customers and a sample of "
          f"{len(sample):,} lines of {sample['customer_id'].nunique():,} customers to {folder.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
