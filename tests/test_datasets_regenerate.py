"""Every generated dataset is byte-identical to what its generator writes now."""

import pytest

from helpers import data, simulate

GENERATED = sorted(simulate.generators())


@pytest.mark.parametrize("name", GENERATED)
def test_regeneration_is_byte_identical(name):
    folder = data.data_dir() / name
    for file_name, payload in simulate.render(name).items():
        path = folder / file_name
        assert path.is_file(), f"{path} is missing: run `make datasets DS={name}`"
        assert path.read_bytes() == payload, f"{path} differs from its generator's output: run `make datasets DS={name}`"


def test_every_dataset_is_registered_and_small_enough():
    total = sum(p.stat().st_size for p in data.data_dir().rglob("*") if p.is_file())
    assert total < 40 * 1024 * 1024, f"datasets/ holds {total / 1e6:.1f} MB; the limit is 40 MB"
    for name in data.available():
        schema = data.info(name)
        if schema["kind"] == "simulated":
            assert name in GENERATED, f"{name} says it is simulated but has no generator"


def test_catalog_is_current():
    from dataset_catalog import render_catalog

    current = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    assert current == render_catalog(), "datasets/README.md is stale: run `make datasets`"
