"""Seeded generators of the kit's simulated (and published) datasets.

Each module here is one dataset.  It defines ``TITLE``, ``SEED`` (or ``None`` for published
figures), optionally ``KIND`` (``"simulated"`` by default, ``"published"`` for tables copied
from a paper) and ``generate()``, which returns a DataFrame or a dict of DataFrames with a
``"main"`` table.  Read a module top to bottom to see how its data is made and which
truths are planted in it.

``python -m helpers.simulate`` (what ``make datasets`` runs) writes every dataset under
``datasets/``; ``python -m helpers.simulate --check`` regenerates them in memory and fails
if any byte differs from the committed files.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from helpers import data


def generators() -> dict[str, ModuleType]:
    """The dataset modules in this package, by dataset name (sorted)."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "generate"):
            found[info.name] = module
    return found


def render(name: str) -> dict[str, bytes]:
    """The bytes of every file of one generated dataset, by file name."""
    module = generators()[name]
    return data.dataset_bytes(module.generate(), name=name, **_meta(module))


def write(name: str) -> None:
    module = generators()[name]
    data.write_dataset(name, module.generate(), **_meta(module))


def _meta(module: ModuleType) -> dict:
    return {
        "title": module.TITLE,
        "kind": getattr(module, "KIND", "simulated"),
        "source": getattr(module, "SOURCE", None),
        "generator": module.__name__,
        "seed": getattr(module, "SEED", None),
    }
