"""Load the kit's datasets, offline, with checksums and types.

Every dataset lives in its own folder under ``datasets/``::

    datasets/<name>/README.md     the card: story, columns, how it was made, planted truths
    datasets/<name>/schema.json   the manifest entry: files, SHA-256, rows, column types
    datasets/<name>/<table>.csv   the data, one CSV per table

``load(name)`` checks the file's SHA-256 against ``schema.json`` before reading it,
applies the recorded column types and parses dates, so a notebook in ``cases/`` and one
in ``notebooks/`` get exactly the same table.  ``write_dataset`` is the one place that
writes a dataset; the simulators and the real-data importers both call it, which is what
makes regeneration byte-identical.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from pathlib import Path

import pandas as pd

from helpers._validate import InputError

__all__ = ["available", "info", "load", "data_dir", "write_dataset", "DatasetError"]

# Column types a schema may name, and how each is written and read back.
_DATETIME = "datetime"
_DATE = "date"
_KNOWN_TYPES = {"str", "int64", "Int64", "float64", "bool", "boolean", "category", _DATETIME, _DATE}


class DatasetError(InputError):
    """A dataset is unknown, missing, corrupted or malformed (an :class:`~helpers.InputError`)."""


def data_dir() -> Path:
    """The ``datasets/`` folder of the kit.

    Found next to the source tree of an editable install (``pip install -e .``); set the
    environment variable ``CRM_KIT_DATA`` to point elsewhere.
    """
    override = os.environ.get("CRM_KIT_DATA")
    if override:
        path = Path(override).expanduser()
    else:
        path = Path(__file__).resolve().parents[2] / "datasets"
    if not path.is_dir():
        raise DatasetError(
            f"Cannot find the kit's datasets folder at {path}. Install the kit in editable "
            "mode from its repository (`pip install -e .`, as `make lab` does) or set "
            "CRM_KIT_DATA to the path of the `datasets/` folder."
        )
    return path


def available() -> list[str]:
    """Names of all datasets that can be loaded, sorted."""
    root = data_dir()
    return sorted(p.parent.name for p in root.glob("*/schema.json"))


#: A dataset, table or file name: letters, digits, "_" and "-" (and a ".csv" ending for files),
#: so that no name can point outside the datasets folder.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*\.csv")


def _check_name(name, what: str = "A dataset name") -> str:
    if not isinstance(name, str):
        raise DatasetError(f"{what} must be a string, not {type(name).__name__}.")
    if not _NAME.fullmatch(name):
        raise DatasetError(f"{what} {name!r} may only hold letters, digits, '_' and '-' (no '/', '..' or spaces), "
                           "so that it stays inside the datasets folder.")
    return name


def info(name: str) -> dict:
    """The manifest entry (``schema.json``) of a dataset, as a dict."""
    path = _dataset_folder(name) / "schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:  # pragma: no cover - corrupted checkout
        raise DatasetError(f"{path} is not valid JSON ({exc}); restore it with `git checkout`.") from exc
    _check_schema(schema, path)
    return schema


def _check_schema(schema, path: Path) -> None:
    """Refuse a schema.json without the parts ``load`` needs, naming what is missing."""
    fix = f"restore it with `git checkout -- {path}` or rebuild the dataset (`make datasets`)."
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), dict) or not schema["tables"]:
        raise DatasetError(f"{path} has no 'tables' entry (or it is empty); {fix}")
    for table, spec in schema["tables"].items():
        if not isinstance(spec, dict):
            raise DatasetError(f"{path}: table {table!r} is not described by a dict; {fix}")
        missing = [key for key in ("file", "sha256", "columns") if key not in spec]
        if missing:
            raise DatasetError(f"{path}: table {table!r} lacks {', '.join(repr(k) for k in missing)}; {fix}")
        if not isinstance(spec["file"], str) or not _FILE.fullmatch(spec["file"]):
            raise DatasetError(f"{path}: table {table!r} names the file {spec['file']!r}, which is not a plain "
                               f"'<name>.csv' inside the dataset's folder; {fix}")
        if not isinstance(spec["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", spec["sha256"]):
            raise DatasetError(f"{path}: table {table!r} has no valid SHA-256 (64 hex digits); {fix}")
        columns = spec["columns"]
        if not isinstance(columns, dict) or not all(isinstance(c, dict) and "type" in c for c in columns.values()):
            raise DatasetError(f"{path}: table {table!r} has columns without a 'type'; {fix}")
        for column, column_spec in columns.items():
            if column_spec["type"] == "category" and not isinstance(column_spec.get("categories"), list):
                raise DatasetError(f"{path}: category column {column!r} of table {table!r} lists no categories; "
                                   f"{fix}")


def load(name: str, table: str = "main") -> pd.DataFrame:
    """Return one table of a dataset as a DataFrame with the recorded types.

    >>> from helpers import data
    >>> data.load("demo").shape  # doctest: +SKIP
    """
    schema = info(name)
    tables = schema["tables"]
    if not isinstance(table, str):
        raise DatasetError(f"table must be the name of a table such as 'main', not {type(table).__name__}.")
    if table not in tables:
        raise DatasetError(
            f"Dataset {name!r} has no table {table!r}; its tables are {sorted(tables)}."
        )
    spec = tables[table]
    path = _dataset_folder(name) / spec["file"]
    if not path.is_file():
        raise DatasetError(f"{path} is missing; restore it with `git checkout -- {path}`.")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != spec["sha256"]:
        raise DatasetError(
            f"{path} does not match its checksum in schema.json (expected {spec['sha256'][:12]}…, "
            f"found {digest[:12]}…). The file was changed or damaged: restore it with "
            f"`git checkout -- {path}`, or rebuild it with `make datasets`."
        )
    return _read_csv(raw, spec["columns"])


def _dataset_folder(name: str) -> Path:
    if not isinstance(name, str):
        raise DatasetError(f"A dataset name must be a string, not {type(name).__name__}.")
    if not _NAME.fullmatch(name):
        raise DatasetError(f"Unknown dataset {name!r}. Available datasets: {', '.join(available())}.")
    folder = data_dir() / name
    if not (folder / "schema.json").is_file():
        raise DatasetError(f"Unknown dataset {name!r}. Available datasets: {', '.join(available())}.")
    return folder


def _read_csv(raw: bytes, columns: dict[str, dict]) -> pd.DataFrame:
    read_types = {}
    for column, spec in columns.items():
        kind = spec["type"]
        if kind not in _KNOWN_TYPES:
            raise DatasetError(f"schema.json gives column {column!r} the unknown type {kind!r}; "
                               f"known types are {sorted(_KNOWN_TYPES)}.")
        if kind in (_DATETIME, _DATE):
            read_types[column] = "str"
        elif kind == "category":
            read_types[column] = "str"
        else:
            read_types[column] = kind
    frame = pd.read_csv(
        io.BytesIO(raw),
        dtype=read_types,
        keep_default_na=False,
        na_values=[""],
    )
    if list(frame.columns) != list(columns):
        raise DatasetError(f"Columns {list(frame.columns)} do not match the schema {list(columns)}.")
    for column, spec in columns.items():
        kind = spec["type"]
        if kind == _DATETIME:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d %H:%M:%S").astype("datetime64[ns]")
        elif kind == _DATE:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").astype("datetime64[ns]")
        elif kind == "category":
            frame[column] = pd.Categorical(
                frame[column], categories=spec["categories"], ordered=spec.get("ordered", False)
            )
    return frame


# --------------------------------------------------------------------------- writing


def _column_spec(series: pd.Series) -> dict:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "type": "category",
            "categories": [str(c) for c in dtype.categories],
            "ordered": bool(dtype.ordered),
        }
    if pd.api.types.is_datetime64_any_dtype(dtype):
        values = series.dropna()
        is_date = bool((values == values.dt.normalize()).all())
        return {"type": _DATE if is_date else _DATETIME}
    if pd.api.types.is_bool_dtype(dtype):
        return {"type": "boolean" if str(dtype) == "boolean" else "bool"}
    if str(dtype) == "Int64":
        return {"type": "Int64"}
    if pd.api.types.is_integer_dtype(dtype):
        return {"type": "int64"}
    if pd.api.types.is_float_dtype(dtype):
        return {"type": "float64"}
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        return {"type": "str"}
    raise DatasetError(f"Column {series.name!r} has dtype {dtype}, which datasets cannot store.")


def _to_csv_bytes(frame: pd.DataFrame, columns: dict[str, dict]) -> bytes:
    out = frame.copy()
    for column, spec in columns.items():
        if spec["type"] == _DATETIME:
            out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M:%S")
        elif spec["type"] == _DATE:
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        elif spec["type"] == "category":
            out[column] = out[column].astype("str").where(out[column].notna(), None)
    text = out.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


def dataset_bytes(tables: dict[str, pd.DataFrame] | pd.DataFrame, files: dict[str, str] | None = None,
                  **meta) -> dict[str, bytes]:
    """Render a dataset to the exact bytes ``write_dataset`` would store, by file name.

    Used by ``write_dataset`` and by the regeneration check, so both share one code path.
    """
    if isinstance(tables, pd.DataFrame):
        tables = {"main": tables}
    if not isinstance(tables, dict):
        raise DatasetError(f"tables must be a DataFrame or a dict of DataFrames by table name, not "
                           f"{type(tables).__name__}.")
    if "main" not in tables:
        raise DatasetError("A dataset needs a table called 'main'.")
    files = files or {}
    name = _check_name(meta["name"])
    for table_name in tables:
        _check_name(table_name, "A table name")
    for file_name in files.values():
        if not isinstance(file_name, str) or not _FILE.fullmatch(file_name):
            raise DatasetError(f"The file name {file_name!r} must be a plain '<name>.csv' (no folders).")
    schema = {key: value for key, value in meta.items() if value is not None}
    schema["tables"] = {}
    rendered: dict[str, bytes] = {}
    for table_name in sorted(tables, key=lambda t: (t != "main", t)):
        frame = tables[table_name]
        if not isinstance(frame, pd.DataFrame) or frame.empty:
            raise DatasetError(f"Table {table_name!r} of {name!r} must be a non-empty DataFrame.")
        if not frame.columns.is_unique:
            raise DatasetError(f"Table {table_name!r} of {name!r} has repeated column names; keep one of each.")
        columns = {str(c): _column_spec(frame[c]) for c in frame.columns}
        payload = _to_csv_bytes(frame, columns)
        file_name = files.get(table_name, f"{name}.csv" if table_name == "main" else f"{name}_{table_name}.csv")
        rendered[file_name] = payload
        schema["tables"][table_name] = {
            "file": file_name,
            "rows": int(len(frame)),
            "bytes": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
            "columns": columns,
        }
    rendered["schema.json"] = (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return rendered


def write_dataset(name: str, tables: dict[str, pd.DataFrame] | pd.DataFrame, *, kind: str, title: str,
                  source: str | None = None, generator: str | None = None, seed: int | None = None,
                  root: Path | None = None) -> Path:
    """Write a dataset's CSV files and its ``schema.json`` under ``datasets/<name>/``.

    ``kind`` is ``"simulated"``, ``"real"`` or ``"published"``.  The card (README.md) is
    written by hand and is left alone.  Returns the dataset's folder.
    """
    if kind not in {"simulated", "real", "published"}:
        raise DatasetError(f"kind must be 'simulated', 'real' or 'published', not {kind!r}.")
    _check_name(name)
    rendered = dataset_bytes(tables, name=name, title=title, kind=kind, source=source,
                             generator=generator, seed=seed)
    base = Path(root or data_dir()).resolve()
    folder = (base / name).resolve()
    if folder.parent != base:  # pragma: no cover - _check_name already refuses such names
        raise DatasetError(f"The dataset name {name!r} would write outside {base}.")
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, payload in rendered.items():
        (folder / file_name).write_bytes(payload)
    return folder
