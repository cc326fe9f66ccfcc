"""One call at the top of every notebook: theme, palette, display options, version check."""

from __future__ import annotations

import re
import sys
import warnings
from importlib import metadata
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

import helpers

#: The kit's colour-blind-safe palette (seaborn's "colorblind"), set in this one place.
PALETTE = "colorblind"
#: Packages whose versions decide the numbers a reader sees.
KEY_PACKAGES = ("pandas", "numpy", "scipy", "scikit-learn", "matplotlib", "seaborn", "mlxtend")


def pinned_versions(requirements: Path | None = None) -> dict[str, str]:
    """Exact versions pinned in the kit's ``requirements.txt`` (lower-cased names)."""
    path = requirements or Path(helpers.__file__).resolve().parents[2] / "requirements.txt"
    pins = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)", line.strip())
            if match:
                pins[_normalise(match.group(1))] = match.group(2)
    return pins


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def version_report() -> list[str]:
    """Lines naming each key package whose installed version differs from the pin."""
    pins = pinned_versions()
    problems = []
    for package in KEY_PACKAGES:
        wanted = pins.get(_normalise(package))
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            found = None
        if wanted and found != wanted:
            problems.append(f"{package} {found or 'missing'} (the kit pins {wanted})")
    return problems


def _show_warning_plainly(message, category, filename, lineno, file=None, line=None):
    """Print a warning as one plain line on stdout: no file path, no stderr interleaving."""
    print(f"{category.__name__}: {message}", file=sys.stdout)


def setup_notebook(seed: int = 2024) -> np.random.Generator:
    """Apply the kit's plotting theme and display options; return a seeded generator.

    Prints one line naming the kit version, or a warning when installed versions differ
    from the pins (then your numbers may differ from the text).
    """
    matplotlib.rcParams.update({"figure.dpi": 80, "savefig.dpi": 80, "svg.hashsalt": "crm-kit"})
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_rows", 30)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.showwarning = _show_warning_plainly
    problems = version_report()
    if problems:
        print("Warning: your environment differs from the kit's pins, so numbers may differ from the text: "
              + "; ".join(problems) + ". Run `make lab` to get the pinned environment.")
    else:
        print(f"CRM kit {helpers.__version__}: environment matches the pinned versions.")
    plt.close("all")
    return np.random.default_rng(seed)
