"""Generated notebooks are exactly what the build would write from the current sources.

nbval (strict) proves the outputs of the executed notebooks; this test proves that each
executed notebook belongs to its current source, that each student notebook is derived
exactly from its solution, and that no solution line leaks into a student notebook.
"""

import nbformat
import pytest

import notebook_build as nb

SOURCES = nb.all_sources()


def _strip_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_executed_notebook_matches_its_source(source):
    targets = nb.outputs_for(source)
    path = targets["executed"]
    assert path.is_file(), f"{path.name} is missing: run `make notebooks NB={source.stem}`"
    committed = nbformat.read(path, as_version=4)
    expected = nb.solution_notebook(nb.read_source(source), allow_markers=source.parent.name != "cases")
    assert nbformat.writes(_strip_outputs(committed)) == nbformat.writes(expected), (
        f"{path.name} is stale or was edited by hand: run `make notebooks NB={source.stem}`")
    assert nb.problems_in_outputs(nbformat.read(path, as_version=4)) == []


@pytest.mark.parametrize("source", nb.chapter_sources(), ids=lambda p: p.stem)
def test_student_notebook_is_derived_exactly(source):
    targets = nb.outputs_for(source)
    student_path = targets["student"]
    assert student_path.is_file(), f"{student_path.name} is missing: run `make notebooks NB={source.stem}`"
    source_nb = nb.read_source(source)
    executed = nbformat.read(targets["executed"], as_version=4)
    expected = nb.student_notebook(source_nb, executed)
    assert student_path.read_text(encoding="utf-8") == nbformat.writes(expected) + "\n", (
        f"{student_path.name} differs from what the build derives: do not edit it by hand; "
        f"run `make notebooks NB={source.stem}`")


@pytest.mark.parametrize("source", nb.chapter_sources(), ids=lambda p: p.stem)
def test_no_solution_line_in_student_notebook(source):
    student_text = nb.outputs_for(source)["student"].read_text(encoding="utf-8")
    student = nbformat.reads(student_text, as_version=4)
    visible = "\n".join(cell.source for cell in student.cells)
    visible += "\n".join(str(o) for cell in student.cells for o in cell.get("outputs", []))
    leaked = [line for line in nb.solution_lines(nb.read_source(source)) if line in visible]
    assert leaked == [], f"solution lines appear in the student notebook: {leaked[:3]}"


@pytest.mark.parametrize("source", nb.chapter_sources(), ids=lambda p: p.stem)
def test_every_exercise_has_a_working_check(source):
    import importlib
    import re

    text = source.read_text(encoding="utf-8")
    chapter = re.search(r'checker\("(ch\d\d)"', text)
    headings = re.findall(r"^# #{2,4}\s*Exercise\s+(\d+)", text, flags=re.MULTILINE)
    if not headings:
        pytest.skip("chapter without exercises")
    assert chapter, "the setup cell must create `check = checker(\"chNN\", globals())`"
    exercises = importlib.import_module(f"helpers.exercises.{chapter.group(1)}").exercises
    calls = re.findall(r'^check\("(ex\d+)"\)', text, flags=re.MULTILINE)
    for key in calls:
        exercises.spec(key)  # raises when a check cell names an exercise without a check
    assert sorted(set(calls)) == sorted(exercises.keys()), "check cells and registered checks differ"


def test_no_orphan_generated_notebooks():
    sources = {s.stem for s in SOURCES}
    for folder in ("solutions", "notebooks", "cases"):
        for path in sorted((nb.ROOT / folder).glob("*.ipynb")):
            assert path.stem in sources, f"{folder}/{path.name} has no source .py: delete it or add its source"
