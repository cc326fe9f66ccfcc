"""Write the student release: what students get, without the solutions or the instructors' material.

    python tools/release.py [--out build/release]      # (make release)

The release is a folder ``crm-kit-student/`` and the same as ``crm-kit-student.zip``:

* ``notebooks/`` (exercises blank), ``cases/``, ``datasets/``, ``src/helpers/`` (the package,
  with the self-checks), ``README.md`` (a student's), ``environment.yml``,
  ``requirements.txt``, ``pyproject.toml`` and a ``Makefile`` with ``make lab`` only;
* not ``solutions/``, ``instructors/``, ``tests/``, ``tools/``, ``bench/`` or ``docs/``.

The self-checks compute the expected answers from the data when a student runs them, so
the package necessarily holds the code that can compute them; what the release leaves out
is every line a chapter marks as a solution, and every rubric.  ``tests/test_release.py``
checks exactly that, line by line, on the built release.

Files are added in sorted order with a fixed timestamp, so the zip has the same bytes
every time it is built from the same tree.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "crm-kit-student"
FOLDERS = ("notebooks", "cases", "datasets", "src/helpers")
FILES = ("environment.yml", "requirements.txt", "pyproject.toml")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo"}
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

STUDENT_README = """\
# CRM analytics course kit — student edition

Jupyter notebooks that take you from qualifying a prospect with the MAN rule to RFM, the
customer pyramid, customer lifetime value, surveys, market baskets, churn, segmentation and
testing offers, on data that ships with the kit.

## Start

You need Python 3.11 or newer and `make` (Linux, macOS, or Windows with WSL).

```bash
make lab     # first run: creates .venv with the pinned versions (a few minutes); then opens JupyterLab
```

With conda instead: `conda env create -f environment.yml`, `conda activate crm-kit`, then
`pip install -e .` and `jupyter lab notebooks/`.

## Working the exercises

Each chapter in `notebooks/` ends with exercises. An exercise cell raises
`NotImplementedError` until you replace that line with your answer; the check cell below it
prints one line: ✅ correct, ⏳ not attempted yet, or 💡 a hint about what looks wrong.
`check.summary()` at the end of a notebook lists where you stand. No later cell depends on
your answers, so *Run All* always works.

Hand in the notebook your instructor asks for, saved with your answers. The case studies in
`cases/` are worked analyses to read and re-run; the datasets and their cards are in
`datasets/`. Nothing is downloaded at run time.
"""

STUDENT_MAKEFILE = """\
# Student edition: one command, `make lab`. Needs Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kit-installed

.PHONY: lab env clean-env

lab: $(STAMP)
\t$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks $(LAB_ARGS)

env: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
\t@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The kit needs Python 3.11 or newer")'
\t@test -x $(PY) || $(PYTHON) -m venv $(VENV)
\t$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
\t$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
\t$(PY) -m ipykernel install --sys-prefix --name crm-kit --display-name "Python 3 (CRM kit)" > /dev/null
\t@touch $(STAMP)

clean-env:
\trm -rf $(VENV)
"""


def _wanted(path: Path) -> bool:
    return not (set(path.parts) & SKIP_PARTS) and path.suffix not in SKIP_SUFFIXES and path.is_file()


def release_files(root: Path = ROOT) -> list[tuple[str, Path]]:
    """(name in the release, source path) for every file of the release, sorted."""
    chosen = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if _wanted(path.relative_to(root)):
                chosen.append((str(path.relative_to(root)), path))
    for name in FILES:
        chosen.append((name, root / name))
    return sorted(chosen)


def build(out: Path, root: Path = ROOT) -> tuple[Path, Path]:
    """Write ``out/crm-kit-student/`` and ``out/crm-kit-student.zip``; return both paths."""
    folder = out / NAME
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    generated = {"README.md": STUDENT_README, "Makefile": STUDENT_MAKEFILE}
    for name, path in release_files(root):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name, text in generated.items():
        (folder / name).write_text(text, encoding="utf-8")
    archive = out / f"{NAME}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{NAME}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return folder, archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the student release (no solutions, no guides).")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "release")
    args = parser.parse_args(argv)
    folder, archive = build(args.out)
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    size = archive.stat().st_size / 1e6
    print(f"Wrote {folder} ({count} files) and {archive} ({size:.1f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
