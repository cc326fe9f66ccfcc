"""Benchmark: BG/NBD on the full CDNOW log (23,570 customers), helpers.clv against lifetimes.

Run on demand (``make bench`` or ``.venv/bin/python bench/bench_bgnbd.py``), never in the
test suite.  Both implementations fit the same (frequency, recency, T) table — the 39-week
calibration period of the full log — in the same run; the script prints each one's fit time
(best of a few runs), the ratio, and the estimates side by side with their log-likelihoods
(both evaluated with the kit's likelihood, so they are comparable).

The reference is the ``lifetimes`` package (0.11.3, a benchmark-only extra: never a
dependency of the kit).  It is used when ``import lifetimes`` works in this interpreter;
otherwise set ``LIFETIMES_PYTHON`` to a Python that has it, for example::

    python3 -m venv /tmp/lifetimes-venv
    /tmp/lifetimes-venv/bin/pip install lifetimes==0.11.3 "pandas<2" "numpy<2" "scipy<1.12"
    LIFETIMES_PYTHON=/tmp/lifetimes-venv/bin/python .venv/bin/python bench/bench_bgnbd.py

Without either, the script says so and only times the kit's own fit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from helpers import clv, data

CALIBRATION_END = "1997-09-30"
REPEATS = 3

# The reference fit, run either here or in the interpreter named by LIFETIMES_PYTHON.
REFERENCE = r"""
import json, sys, time
import numpy as np
from lifetimes import BetaGeoFitter
table = np.loadtxt(sys.argv[1], delimiter=",")
x, t_x, T = table[:, 0], table[:, 1], table[:, 2]
best = float("inf")
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    model = BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, T)
    best = min(best, time.perf_counter() - start)
import lifetimes
print(json.dumps({"seconds": best, "version": lifetimes.__version__,
                  "params": {k: float(v) for k, v in model.params_.items()}}))
"""


def kit_fit(x, t_x, T):
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        model = clv.BetaGeo().fit(x, t_x, T)
        best = min(best, time.perf_counter() - start)
    return model, best


def reference_fit(x, t_x, T):
    """The lifetimes fit as a dict (seconds, version, params), or None with a printed reason."""
    try:
        import lifetimes  # noqa: F401
        python = sys.executable
    except ImportError:
        python = os.environ.get("LIFETIMES_PYTHON")
        if not python:
            print("lifetimes is not installed here and LIFETIMES_PYTHON is not set: skipping the reference fit.\n"
                  "Install it (pip install lifetimes==0.11.3) or point LIFETIMES_PYTHON at a Python that has it "
                  "(see this script's docstring).")
            return None
    with tempfile.TemporaryDirectory(prefix="bench-bgnbd-") as tmp:
        path = Path(tmp) / "rft.csv"
        np.savetxt(path, np.column_stack([x, t_x, T]), delimiter=",", fmt="%.10g")
        done = subprocess.run([python, "-c", REFERENCE, str(path), str(REPEATS)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"The reference fit failed in {python}:\n{done.stderr.strip()[-2000:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    log = data.load("cdnow")
    summary = clv.summary_from_transactions(log, customer="customer_id", date="date", end=CALIBRATION_END)
    x, t_x, T = (summary[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T"))
    print(f"CDNOW full log, weeks 1-39: {len(summary):,} customers, {int(x.sum()):,} repeat purchases")
    kit, kit_seconds = kit_fit(x, t_x, T)
    print(f"helpers.clv.BetaGeo: {kit_seconds:.3f} s (best of {REPEATS})")
    ref = reference_fit(x, t_x, T)
    rows = [("helpers.clv", kit.params_, kit.log_likelihood_)]
    if ref is not None:
        ref_model = clv.BetaGeo()
        ref_model.params_ = {k: ref["params"][k] for k in ("r", "alpha", "a", "b")}
        ref_ll = float(np.sum(clv.BetaGeo._log_lik_each(
            [ref_model.params_[k] for k in ("r", "alpha", "a", "b")], x, t_x, T)))
        rows.append((f"lifetimes {ref['version']}", ref_model.params_, ref_ll))
        print(f"lifetimes {ref['version']} BetaGeoFitter: {ref['seconds']:.3f} s (best of {REPEATS})")
        print(f"ratio lifetimes / helpers.clv fit time: {ref['seconds'] / kit_seconds:.1f}x")
    print(f"{'implementation':<18}{'r':>9}{'alpha':>9}{'a':>9}{'b':>9}{'log-lik':>14}")
    for name, params, ll in rows:
        print(f"{name:<18}" + "".join(f"{params[k]:>9.4f}" for k in ("r", "alpha", "a", "b")) + f"{ll:>14.2f}")
    if ref is not None:
        gap = max(abs(kit.params_[k] - rows[1][1][k]) / rows[1][1][k] for k in ("r", "alpha", "a", "b"))
        print(f"largest relative difference in the estimates: {gap:.2e}; "
              f"log-likelihood difference (kit − lifetimes): {kit.log_likelihood_ - rows[1][2]:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
