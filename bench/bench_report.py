"""Benchmark: ``crm-kit report`` on a retailer-sized log (about 540,000 lines).

Run on demand (``make bench``), never in the test suite.  It writes the look-alike of the
public online retailer's log (``tools/retail_log.py``: cancellation invoices, blank customer
ids, zero prices, postage and fee lines, 38 countries) to a temporary folder, then times the
command twice: ``--no-report`` (read, map, clean, every analysis, the customer file) and the
full run (plus the papermill notebook and the HTML).  Target: the full run under a minute on
two cores.  Wall-clock and CPU seconds are both printed (CPU includes the notebook's kernel),
because a busy machine stretches the first and not the second.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import retail_log  # noqa: E402

OPTIONS = ["--returns", "prefix:C", "--exclude-codes", "POST,DOT,M,AMAZONFEE,BANK CHARGES", "--currency", "GBP",
           "--margin", "0.3", "--quiet"]


def timed(argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "online_retail.csv"
        retail_log.write_csv(retail_log.generate(), log)
        print(f"log: {retail_log.COUNTS['lines']:,} lines, {retail_log.COUNTS['customers']:,} customers")
        command = [sys.executable, "-m", "helpers.report", str(log), "--out", str(Path(folder) / "out")]
        for label, extra in (("--no-report", ["--no-report"]), ("full report", [])):
            wall, cpu = timed(command + OPTIONS + extra)
            print(f"{label:<12} {wall:6.1f} s wall, {cpu:6.1f} s CPU")


if __name__ == "__main__":
    main()
