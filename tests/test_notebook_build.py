"""The source → solution → student transformation, on small hand-made notebooks."""

import nbformat
import pytest

import notebook_build as nb


def make_source(*cells):
    notebook = nbformat.v4.new_notebook()
    for kind, text in cells:
        maker = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        notebook.cells.append(maker(text))
    return notebook


SOURCE = make_source(
    ("code", "import pandas as pd"),
    ("md", "### Exercise 2 — Count\nHow many?"),
    ("code", "# Hint: use len\n# BEGIN SOLUTION\nanswer = len([1, 2, 3])\n# END SOLUTION\nprint('done')"),
    ("code", "check(\"ex2\")"),
    ("md", "### Exercise 3 — Why?\n"),
    ("md", "<!-- BEGIN SOLUTION -->\nBecause the tail is long.\n<!-- END SOLUTION -->"),
)


def executed_version(source):
    executed = nb.solution_notebook(source)
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="out\n")]
            cell.execution_count = 1
    return executed


def test_solution_notebook_removes_markers_and_normalises():
    solution = nb.solution_notebook(SOURCE)
    assert solution.cells[2].source == "# Hint: use len\nanswer = len([1, 2, 3])\nprint('done')"
    assert solution.cells[5].source == "Because the tail is long."
    assert [c.id for c in solution.cells] == [f"cell-{i:03d}" for i in range(6)]
    assert solution.metadata["kernelspec"]["name"] == "crm-kit"


def test_student_notebook_stubs_regions_and_clears_answer_outputs():
    student = nb.student_notebook(SOURCE, executed_version(SOURCE))
    answer = student.cells[2]
    assert answer.source == ("# Hint: use len\nraise NotImplementedError(\"Exercise 2: write your answer here, "
                             "then run the check cell below.\")\nprint('done')")
    assert answer.outputs == [] and answer.execution_count is None
    assert answer.metadata["tags"] == ["raises-exception"]
    assert student.cells[3].outputs == []            # check cell: no solved output
    assert student.cells[0].outputs[0]["text"] == "out\n"  # other cells keep outputs
    assert student.cells[5].source == nb.MARKDOWN_STUB


def test_student_notebook_clears_the_summary_cell():
    """check.summary() at a chapter's end would show the solved "7 of 7 correct" to a student."""
    source = make_source(("md", "### Exercise 1 — One\nHow many?"), ("code", "# BEGIN SOLUTION\nx = 1\n# END SOLUTION"),
                         ("code", "check(\"ex1\")"), ("code", "check.summary()"))
    student = nb.student_notebook(source, executed_version(source))
    assert student.cells[3].outputs == [] and student.cells[3].execution_count is None


def test_solution_lines_exclude_lines_also_outside_regions():
    lines = nb.solution_lines(SOURCE)
    assert "answer = len([1, 2, 3])" in lines
    assert "Because the tail is long." in lines
    assert "import pandas as pd" not in lines


@pytest.mark.parametrize("text, message", [
    ("# BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n# END SOLUTION", "without BEGIN"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "nested"),
])
def test_unbalanced_markers_fail(text, message):
    with pytest.raises(nb.BuildError, match=message):
        nb.solution_notebook(make_source(("md", "### Exercise 1"), ("code", text)))


def test_solution_before_any_exercise_heading_fails():
    source = make_source(("code", "# BEGIN SOLUTION\nx = 1\n# END SOLUTION"))
    with pytest.raises(nb.BuildError, match="before any"):
        nb.student_notebook(source, executed_version(source))


def test_cases_may_not_hold_solutions():
    with pytest.raises(nb.BuildError, match="cases"):
        nb.solution_notebook(SOURCE, allow_markers=False)


def test_output_problems_are_found():
    executed = executed_version(make_source(("code", "x")))
    executed.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[]),
        nbformat.v4.new_output("stream", name="stdout", text=f"{nb.ROOT}/datasets\n"),
    ]
    problems = nb.problems_in_outputs(executed)
    assert len(problems) == 3
    assert "stderr" in problems[0] and "ValueError" in problems[1] and "path" in problems[2]


def test_split_stream_chunks_are_merged():
    executed = executed_version(make_source(("code", "print(1); print(2)")))
    executed.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                                 nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    nb._normalise(executed)
    assert [o["text"] for o in executed.cells[0].outputs] == ["1\n2\n"]
