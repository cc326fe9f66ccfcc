"""The gradebook: submissions built from chapter 0's notebooks — correct, partly correct, broken, hostile.

Each submission's expected verdicts follow from how it was built (the solution notebook's
answers are correct by construction, a stub is not attempted, a text where a number is due
is a hint), not from the grader's own output.  Everything is graded in one run, as an
instructor would, with a short per-cell time limit.
"""

from __future__ import annotations

import copy
import csv
import importlib
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import grade  # noqa: E402

CHAPTER = "ch00"
SOLUTION = ROOT / "solutions" / "00_getting_started.ipynb"
STUDENT = ROOT / "notebooks" / "00_getting_started.ipynb"
OTHER = ROOT / "notebooks" / "01_man_qualification.ipynb"
EXERCISES = importlib.import_module(f"helpers.exercises.{CHAPTER}").exercises
KEYS = EXERCISES.keys()


def _read(path):
    return nbformat.read(str(path), as_version=4)


def _answer_cells(student):
    """Indices of the exercise answer cells (the stubs of the student notebook)."""
    return [i for i, c in enumerate(student.cells) if "raises-exception" in c.metadata.get("tags", [])]


def _first_name():
    return EXERCISES.spec(KEYS[0]).names[0]


def _code(source):
    return nbformat.v4.new_code_cell(source)


def _is_check(cell):
    return cell.cell_type == "code" and cell.source.lstrip().startswith("check(")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    solution, student = _read(SOLUTION), _read(STUDENT)
    stubs = _answer_cells(student)
    assert stubs, "the chapter has no exercise stubs"
    name = _first_name()

    # correct: the solution notebook, saved by a student under any name
    nbformat.write(solution, str(subs / "Ana Lopez - final.ipynb"))

    # partly correct, in a folder of its own: the first stub answered, the rest left
    partly = copy.deepcopy(student)
    partly.cells[stubs[0]] = copy.deepcopy(solution.cells[stubs[0]])
    (subs / "ben").mkdir()
    nbformat.write(partly, str(subs / "ben" / "homework.ipynb"))

    # hostile: an endless loop, a kernel crash, a forged check, tampered helpers, a network probe,
    # and a wrong answer to the first exercise
    hostile = copy.deepcopy(solution)
    setup = next(i for i, c in enumerate(hostile.cells) if c.cell_type == "code" and "checker(" in c.source)
    for cell in hostile.cells:
        if _is_check(cell):
            cell.source = 'print("✅ correct (forged)")'
    hostile.cells[stubs[0]].source += f"\n{name} = 'about a third'"
    hostile.cells.insert(setup + 1, _code("while True:\n    pass"))
    hostile.cells.insert(setup + 2, _code("import os\nos._exit(1)"))
    hostile.cells.insert(setup + 3, _code(
        "import helpers.checks as _c\n"
        "_c.run_check = lambda *a, **k: None\n"
        "_c.expect_number = lambda *a, **k: None\n"
        "check = lambda key: print('✅ correct')"))
    hostile.cells.insert(setup + 4, _code(
        "import socket\ntry:\n    socket.create_connection(('0.0.0.0', 9), timeout=1)\nexcept OSError as error:\n"
        "    print(error)"))
    nbformat.write(hostile, str(subs / "cara.ipynb"))

    # deleted and reordered cells: no markdown, every check cell moved to the top ...
    shuffled = copy.deepcopy(solution)
    checks = [c for c in shuffled.cells if _is_check(c)]
    rest = [c for c in shuffled.cells if c.cell_type == "code" and not _is_check(c)]
    shuffled.cells = checks + rest
    # ... and the first answer variable renamed
    renamed = shuffled
    first = next(c for c in renamed.cells if c.source == solution.cells[stubs[0]].source)
    first.source = first.source.replace(name, f"my_{name}")
    nbformat.write(renamed, str(subs / "eli.ipynb"))

    # the notebook of another chapter, a file that only looks like a notebook, and a stray file
    nbformat.write(_read(OTHER), str(subs / "fay.ipynb"))
    (subs / "gus.ipynb").write_text("this is not JSON", encoding="utf-8")
    (subs / "hal.docx").write_bytes(b"PK\x03\x04 not a notebook")

    out = tmp_path_factory.mktemp("grades")
    code = grade.main([str(subs), "--out", str(out), "--chapter", CHAPTER, "--timeout", "10", "--jobs", "2"])
    assert code == 0
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return rows, out


def _max_points():
    meta = grade.exercise_meta.chapter_by_key(CHAPTER)
    by_key = {e.check_key: e for e in meta.exercises if e.check_key}
    return sum(float(by_key[k].level or 1) if k in by_key else 1.0 for k in KEYS)


def test_correct_notebook_gets_every_point(graded):
    rows, _ = graded
    row = rows["Ana Lopez - final"]
    assert row["status"] == "graded" and row["chapter"] == CHAPTER
    assert [row[k] for k in KEYS] == ["correct"] * len(KEYS)
    assert float(row["total"]) == float(row["max_points"]) == _max_points()


def test_partly_correct_folder_submission(graded):
    rows, _ = graded
    row = rows["ben"]
    assert row["file"] == "homework.ipynb"
    assert row[KEYS[0]] == "correct"
    assert all(row[k] == "not attempted" for k in KEYS[1:])
    assert 0 < float(row["total"]) < float(row["max_points"])


def test_hostile_notebook_is_judged_by_the_kits_checks(graded):
    rows, out = graded
    row = rows["cara"]
    assert row["status"] == "graded"
    assert row[KEYS[0]] == "hint", "a forged check cell or tampered helpers must not turn a wrong answer correct"
    assert all(row[k] == "correct" for k in KEYS[1:]), "answers after the loop and the crash are still graded"
    assert "ran over 10 s and was stopped" in row["notes"]
    assert "crashed the kernel" in row["notes"]
    feedback = (out / "feedback" / "cara.md").read_text(encoding="utf-8")
    assert "💡" in feedback and "forged" not in feedback


def test_deleted_reordered_cells_and_a_renamed_variable(graded):
    rows, out = graded
    assert rows["eli"][KEYS[0]] == "not attempted"
    assert all(rows["eli"][k] == "correct" for k in KEYS[1:]), "deleting markdown and moving cells changes nothing"
    assert f"`{_first_name()}` is not defined" in (out / "feedback" / "eli.md").read_text(encoding="utf-8")


def test_other_chapter_and_non_notebooks_get_a_row_each(graded):
    rows, _ = graded
    assert rows["fay"]["status"] == "wrong chapter" and rows["fay"]["chapter"] == "ch01"
    assert float(rows["fay"]["total"]) == 0
    assert rows["gus"]["status"] == "not a notebook"
    assert rows["hal"]["status"] == "not a notebook"
    assert len(rows) == 7


def test_points_are_plain_numbers_for_learning_platforms(graded):
    rows, _ = graded
    for row in rows.values():
        float(row["total"]), float(row["max_points"])
        for key in KEYS:
            if row.get(f"{key}_points"):
                float(row[f"{key}_points"])


def test_network_guard_refuses_before_any_packet():
    """The guard runs on a fake socket module: nothing is sent, whatever the outcome."""
    import types

    sent = []

    class FakeSocket:
        family = 2

        def connect(self, address):
            sent.append(address)

        def connect_ex(self, address):
            sent.append(address)
            return 0

    fake = types.ModuleType("socket")
    fake.socket, fake.AF_UNIX = FakeSocket, 1
    fake.getaddrinfo = lambda host, *a, **k: sent.append(host) or []
    code = grade.NETWORK_GUARD.replace("import socket as _grader_socket", "_grader_socket = fake")
    exec(code, {"fake": fake})
    sock = FakeSocket()
    with pytest.raises(OSError, match="offline"):
        sock.connect(("203.0.113.7", 80))
    with pytest.raises(OSError, match="offline"):
        fake.getaddrinfo("example.org", 80)
    assert sent == []
    sock.connect(("127.0.0.1", 8888))
    fake.getaddrinfo("203.0.113.7", 80)  # numeric: no lookup needed, the connect guard decides
    assert sent == [("127.0.0.1", 8888), "203.0.113.7"]
