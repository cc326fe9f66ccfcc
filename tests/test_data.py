"""The dataset registry: checksums, types, clear errors, any working directory."""

import hashlib
import json
import shutil

import pandas as pd
import pytest

from helpers import data
from helpers.data import DatasetError


def test_available_lists_folders_with_a_schema():
    names = data.available()
    assert "demo" in names
    assert names == sorted(names)
    for name in names:
        assert (data.data_dir() / name / "schema.json").is_file()
        assert (data.data_dir() / name / "README.md").is_file(), f"{name} has no card"


def test_load_applies_recorded_types():
    demo = data.load("demo")
    assert demo.shape == (20, 8)
    assert str(demo["first_visit"].dtype) == "datetime64[ns]"
    assert demo["club_member"].dtype == bool
    assert demo["visits_2024"].dtype == "int64"


def test_load_works_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(data.load("demo")) == 20


def test_unknown_name_lists_available():
    with pytest.raises(DatasetError, match="Unknown dataset 'nope'. Available datasets: .*demo"):
        data.load("nope")


def test_unknown_table():
    with pytest.raises(DatasetError, match="has no table 'orders'"):
        data.load("demo", table="orders")


@pytest.fixture
def copied(tmp_path, monkeypatch):
    shutil.copytree(data.data_dir() / "demo", tmp_path / "demo")
    monkeypatch.setenv("CRM_KIT_DATA", str(tmp_path))
    return tmp_path / "demo"


def test_checksum_mismatch_is_caught(copied):
    path = copied / "demo.csv"
    path.write_bytes(path.read_bytes().replace(b"CC01", b"CC99"))
    with pytest.raises(DatasetError, match="does not match its checksum.*make datasets"):
        data.load("demo")


def test_missing_file_is_named(copied):
    (copied / "demo.csv").unlink()
    with pytest.raises(DatasetError, match="demo.csv is missing"):
        data.load("demo")


def test_missing_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_KIT_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DatasetError, match="CRM_KIT_DATA"):
        data.available()


def test_round_trip_of_every_column_type(tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_KIT_DATA", str(tmp_path))
    frame = pd.DataFrame({
        "text": pd.Series(["a", None, "c, with comma"], dtype="str"),
        "count": pd.Series([1, 2, 3], dtype="int64"),
        "maybe_count": pd.Series([1, None, 3], dtype="Int64"),
        "amount": [1.5, float("nan"), 0.1 + 0.2],
        "flag": [True, False, True],
        "maybe_flag": pd.Series([True, None, False], dtype="boolean"),
        "tier": pd.Categorical(["gold", "lead", None], categories=["platinum", "gold", "iron", "lead"], ordered=True),
        "day": pd.to_datetime(["2024-01-01", "2024-02-29", None]),
        "moment": pd.to_datetime(["2024-01-01 08:30:00", "2024-12-31 23:59:59", "2024-06-01 00:00:00"]),
    })
    data.write_dataset("roundtrip", {"main": frame}, kind="simulated", title="t")
    (tmp_path / "roundtrip" / "README.md").write_text("card")
    schema = json.loads((tmp_path / "roundtrip" / "schema.json").read_text())
    columns = schema["tables"]["main"]["columns"]
    assert columns["day"]["type"] == "date" and columns["moment"]["type"] == "datetime"
    payload = (tmp_path / "roundtrip" / "roundtrip.csv").read_bytes()
    assert schema["tables"]["main"]["sha256"] == hashlib.sha256(payload).hexdigest()
    back = data.load("roundtrip")
    pd.testing.assert_frame_equal(back, frame.assign(day=frame["day"].astype("datetime64[ns]"),
                                                     moment=frame["moment"].astype("datetime64[ns]")))


def test_write_rejects_bad_input(tmp_path):
    with pytest.raises(DatasetError, match="kind"):
        data.write_dataset("x", pd.DataFrame({"a": [1]}), kind="made-up", title="t", root=tmp_path)
    with pytest.raises(DatasetError, match="non-empty"):
        data.write_dataset("x", pd.DataFrame({"a": []}), kind="simulated", title="t", root=tmp_path)
    with pytest.raises(DatasetError, match="'main'"):
        data.write_dataset("x", {"other": pd.DataFrame({"a": [1]})}, kind="simulated", title="t", root=tmp_path)


def test_unknown_column_type_in_schema(copied):
    schema_path = copied / "schema.json"
    schema = json.loads(schema_path.read_text())
    schema["tables"]["main"]["columns"]["channel"]["type"] = "text"
    schema_path.write_text(json.dumps(schema))
    with pytest.raises(DatasetError, match="unknown type 'text'"):
        data.load("demo")


def test_wheel_reader_refuses_a_changed_file(tmp_path):
    import zipfile

    from wheel_files import read_members

    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("pkg/data.txt", b"abc")
    # SHA-256 of b"abc", a standard test vector (FIPS 180-2).
    good = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert read_members(wheel, {"pkg/data.txt": good}) == {"pkg/data.txt": b"abc"}
    with pytest.raises(SystemExit, match="has SHA-256 ba7816bf"):
        read_members(wheel, {"pkg/data.txt": "0" * 64})


# --------------------------------------------------------------------------- issue 15: names and schemas

import subprocess  # noqa: E402

from helpers import InputError  # noqa: E402


@pytest.mark.parametrize("name", ["../escaped", "a/b", "..", "/tmp/abs", "with space", ""])
def test_write_dataset_refuses_names_that_leave_its_root(tmp_path, name):
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(DatasetError, match="may only hold letters, digits"):
        data.write_dataset(name, pd.DataFrame({"a": [1]}), kind="simulated", title="t", root=root)
    assert list(tmp_path.rglob("*.csv")) == []  # nothing written anywhere


def test_load_refuses_a_name_that_leaves_the_datasets_folder(tmp_path, monkeypatch):
    # a valid dataset one level above the datasets folder must not be reachable as "../demo"
    shutil.copytree(data.data_dir() / "demo", tmp_path / "demo")
    (tmp_path / "inner").mkdir()
    shutil.copytree(data.data_dir() / "demo", tmp_path / "inner" / "demo")
    monkeypatch.setenv("CRM_KIT_DATA", str(tmp_path / "inner"))
    with pytest.raises(DatasetError, match="Unknown dataset '../demo'"):
        data.load("../demo")


@pytest.mark.parametrize("damage, words", [
    (lambda schema: schema.pop("tables"), "no 'tables' entry"),
    (lambda schema: schema["tables"]["main"].pop("sha256"), "lacks 'sha256'"),
    (lambda schema: schema["tables"]["main"].update(file="../../secret.csv"), "not a plain '<name>.csv'"),
    (lambda schema: schema["tables"]["main"].update(sha256="abc"), "no valid SHA-256"),
])
def test_a_damaged_schema_gets_a_named_error(copied, damage, words):
    schema_path = copied / "schema.json"
    schema = json.loads(schema_path.read_text())
    damage(schema)
    schema_path.write_text(json.dumps(schema))
    with pytest.raises(DatasetError, match=words):
        data.load("demo")


def test_dataset_errors_are_the_kits_input_errors():
    assert issubclass(DatasetError, InputError)
    with pytest.raises(InputError):
        data.load(3)


def test_write_refuses_repeated_columns(tmp_path):
    frame = pd.DataFrame([[1, 2]], columns=["a", "a"])
    with pytest.raises(DatasetError, match="repeated column names"):
        data.write_dataset("x", frame, kind="simulated", title="t", root=tmp_path)


def test_gitattributes_keep_dataset_bytes_safe_from_autocrlf():
    # every dataset file is checked byte for byte: git must not convert its line endings
    root = data.data_dir().parent
    if subprocess.run(["git", "rev-parse"], cwd=root, capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    files = [str(p.relative_to(root)) for p in sorted(data.data_dir().glob("*/*")) if p.suffix in {".csv", ".json"}]
    out = subprocess.run(["git", "check-attr", "text", "--", *files], cwd=root, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert len(out) == len(files) and all(line.endswith(": text: unset") for line in out), out
