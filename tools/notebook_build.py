"""Build the kit's notebooks from their one source each.

A chapter is authored once, as ``solutions/NN_slug.py`` in jupytext's percent format, with
every solution between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` lines (``<!-- … -->`` in
markdown).  From it the build writes:

* ``solutions/NN_slug.ipynb`` — markers removed, executed, with outputs;
* ``notebooks/NN_slug.ipynb`` — the same notebook with every solution region replaced by a
  stub that raises ``NotImplementedError`` naming the exercise, tagged ``raises-exception``,
  and the outputs of answer and check cells removed.

A case, ``cases/slug.py``, becomes ``cases/slug.ipynb``, executed.  Metadata is normalised
(one kernelspec, no timings, deterministic cell ids) so that rebuilding an unchanged source
gives the same bytes.  The functions here are pure so that the tests can re-derive the
student notebooks and compare them with the committed ones.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"display_name": "Python 3 (CRM kit)", "language": "python", "name": "crm-kit"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3"}

_BEGIN = re.compile(r"^\s*(#|<!--)\s*BEGIN SOLUTION\b.*$")
_END = re.compile(r"^\s*(#|<!--)\s*END SOLUTION\b.*$")
_EXERCISE = re.compile(r"^#{2,4}\s*(Exercise\s+[0-9]+[a-z]?)\b", re.MULTILINE)
_CHECK_CALL = re.compile(r"^\s*check(?:\.summary)?\(", re.MULTILINE)  # a check cell, or the summary cell
STUB_TAG = "raises-exception"
MARKDOWN_STUB = "*Write your answer here.*"


class BuildError(RuntimeError):
    """A source breaks one of the build's rules."""


# --------------------------------------------------------------------------- sources


def chapter_sources() -> list[Path]:
    return sorted((ROOT / "solutions").glob("[0-9][0-9]_*.py"))


def case_sources() -> list[Path]:
    return sorted((ROOT / "cases").glob("*.py"))


def all_sources() -> list[Path]:
    return chapter_sources() + case_sources()


def outputs_for(source: Path) -> dict[str, Path]:
    """The generated notebooks of a source: ``executed`` and, for chapters, ``student``."""
    executed = source.with_suffix(".ipynb")
    result = {"executed": executed}
    if source.parent.name == "solutions":
        result["student"] = source.parent.parent / "notebooks" / executed.name
    return result


def read_source(source: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(source, fmt="py:percent")
    return notebook


# --------------------------------------------------------------------------- regions


def solution_regions(lines: list[str]) -> list[tuple[int, int]]:
    """(begin, end) line numbers of each solution region; raises on unbalanced markers."""
    regions, start = [], None
    for number, line in enumerate(lines):
        if _BEGIN.match(line):
            if start is not None:
                raise BuildError(f"nested BEGIN SOLUTION at line {number + 1}")
            start = number
        elif _END.match(line):
            if start is None:
                raise BuildError(f"END SOLUTION without BEGIN at line {number + 1}")
            regions.append((start, number))
            start = None
    if start is not None:
        raise BuildError(f"BEGIN SOLUTION at line {start + 1} is never closed")
    return regions


def has_solution(cell) -> bool:
    return bool(solution_regions(cell.source.splitlines()))


def strip_markers(text: str) -> str:
    lines = text.splitlines()
    solution_regions(lines)  # validate
    return "\n".join(line for line in lines if not (_BEGIN.match(line) or _END.match(line)))


def stub_source(cell, label: str) -> str:
    """The student's version of a cell: each solution region becomes a stub."""
    lines = cell.source.splitlines()
    out, cursor = [], 0
    for begin, end in solution_regions(lines):
        out.extend(lines[cursor:begin])
        indent = re.match(r"^\s*", lines[begin]).group(0)
        if cell.cell_type == "code":
            out.append(f'{indent}raise NotImplementedError("{label}: write your answer here, '
                       'then run the check cell below.")')
        else:
            out.append(MARKDOWN_STUB)
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out)


def public_lines(source_nb) -> set[str]:
    """Every line of a source outside its solution regions (stripped): what every reader sees."""
    outside = set()
    for cell in source_nb.cells:
        lines = cell.source.splitlines()
        inside = {n for b, e in solution_regions(lines) for n in range(b, e + 1)}
        outside.update(line.strip() for n, line in enumerate(lines) if n not in inside)
    return outside


def solution_lines(source_nb) -> set[str]:
    """Every substantive line inside a solution region that the source does not also show outside one."""
    found = set()
    for cell in source_nb.cells:
        lines = cell.source.splitlines()
        for begin, end in solution_regions(lines):
            for line in lines[begin + 1:end]:
                if len(line.strip()) >= 12:
                    found.add(line.strip())
    return found - public_lines(source_nb)


# --------------------------------------------------------------------------- notebooks


def _merge_streams(outputs: list) -> list:
    """Join consecutive chunks of the same stream, which the kernel may split arbitrarily."""
    merged = []
    for output in outputs:
        if (merged and output.get("output_type") == "stream" and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == output.get("name")):
            merged[-1]["text"] = merged[-1]["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def _normalise(notebook) -> None:
    notebook.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number:03d}"
        tags = sorted(set(cell.get("metadata", {}).get("tags", [])))
        cell.metadata = nbformat.from_dict({"tags": tags} if tags else {})
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
            cell.outputs = _merge_streams(cell.outputs)
            for output in cell.outputs:
                if "metadata" in output and not output.metadata:
                    output.metadata = nbformat.from_dict({})


def solution_notebook(source_nb, *, allow_markers: bool = True):
    """The notebook to execute: markers removed, metadata normalised, no outputs."""
    notebook = copy.deepcopy(source_nb)
    for cell in notebook.cells:
        if has_solution(cell):
            if not allow_markers:
                raise BuildError("cases may not contain solution markers")
            cell.source = strip_markers(cell.source)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    _normalise(notebook)
    return notebook


def exercise_labels(source_nb) -> list[str | None]:
    """For each cell, the label of the exercise it belongs to (latest heading above it)."""
    labels, current = [], None
    for cell in source_nb.cells:
        if cell.cell_type == "markdown":
            match = _EXERCISE.search(cell.source)
            if match:
                current = " ".join(match.group(1).split())
        labels.append(current)
    return labels


def student_notebook(source_nb, executed_nb):
    """Derive the student notebook from the source and the executed solution notebook."""
    if len(source_nb.cells) != len(executed_nb.cells):
        raise BuildError("the executed notebook does not match its source (cell count differs); rebuild it")
    student = copy.deepcopy(executed_nb)
    labels = exercise_labels(source_nb)
    for src, cell, label in zip(source_nb.cells, student.cells, labels):
        if has_solution(src):
            if label is None:
                raise BuildError("a solution region appears before any '### Exercise N' heading")
            cell.source = stub_source(src, label)
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                cell.metadata["tags"] = sorted(set(cell.metadata.get("tags", [])) | {STUB_TAG})
        elif cell.cell_type == "code" and _CHECK_CALL.search(cell.source):
            cell.outputs, cell.execution_count = [], None
    return student


def problems_in_outputs(notebook) -> list[str]:
    """Outputs the kit does not allow: errors, stderr, absolute paths of this machine."""
    problems = []
    root = str(ROOT)
    home = os.path.expanduser("~")
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error":
                problems.append(f"cell {number}: raised {output.get('ename')}: {output.get('evalue')}")
            if kind == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {number}: wrote to stderr: {output.get('text', '')[:200]!r}")
            blob = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
            blob += str(output.get("data", {}).get("text/html", ""))
            if root in blob or (home and home != "/" and f"{home}/" in blob):
                problems.append(f"cell {number}: output shows a path of this machine")
    return problems


def write_notebook(notebook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(notebook)
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text, encoding="utf-8")
