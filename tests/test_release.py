"""The student release holds what students need and nothing of the solutions or the guides."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import exercise_meta  # noqa: E402
import notebook_build as nb  # noqa: E402
import release  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return release.build(tmp_path_factory.mktemp("release"))


def _texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".ipynb", ".md", ".txt", ".yml", ".toml", ".json", ""}:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_release_has_what_students_need(built):
    folder, archive = built
    for name in ("README.md", "Makefile", "requirements.txt", "environment.yml", "pyproject.toml",
                 "src/helpers/checks.py", "datasets/README.md"):
        assert (folder / name).exists(), name
    for student in (ROOT / "notebooks").glob("*.ipynb"):
        assert (folder / "notebooks" / student.name).read_bytes() == student.read_bytes()
    for case in (ROOT / "cases").glob("*.ipynb"):
        assert (folder / "cases" / case.name).exists()
    for schema in (ROOT / "datasets").glob("*/schema.json"):
        assert (folder / schema.relative_to(ROOT)).exists()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert len(names) == sum(1 for p in folder.rglob("*") if p.is_file())
    assert all(n.startswith(f"{release.NAME}/") for n in names)


def test_release_leaves_out_solutions_guides_and_tests(built):
    folder, _ = built
    for banned in ("solutions", "instructors", "tests", "tools", "bench", "docs", ".ci"):
        assert not (folder / banned).exists(), banned
    assert not list(folder.rglob("*.pyc"))


def test_no_solution_line_and_no_rubric_inside(built):
    folder, _ = built
    leaks = set()
    rubric_texts = set()
    public = set()  # lines the kit's own chapters and cases print outside any solution: not secrets
    for source in nb.all_sources():
        public |= nb.public_lines(nb.read_source(source))
    for source in nb.chapter_sources():
        leaks |= nb.solution_lines(nb.read_source(source))
        for exercise in exercise_meta.parse_chapter(source).exercises:
            rubric_texts |= {text for text in exercise.rubric.values() if len(text) >= 20}
            if exercise.model_answer and len(exercise.model_answer) >= 40:
                rubric_texts.add(exercise.model_answer.splitlines()[0])
    leaks -= public
    assert leaks, "no solution lines found: the leak test would prove nothing"
    found = []
    for path, text in _texts(folder):
        lines = {line.strip() for line in text.splitlines()}
        # notebooks hold their lines as JSON strings: compare decoded source too
        if path.suffix == ".ipynb":
            import nbformat
            notebook = nbformat.reads(text, as_version=4)
            lines |= {line.strip() for cell in notebook.cells for line in cell.source.splitlines()}
        for line in leaks & lines:
            found.append(f"{path.relative_to(folder)}: {line}")
        for rubric in rubric_texts:
            if rubric in text:
                found.append(f"{path.relative_to(folder)}: rubric text {rubric[:40]!r}")
    assert not found, "\n".join(found[:20])


def test_release_zip_is_byte_stable(tmp_path):
    _, first = release.build(tmp_path / "a")
    _, second = release.build(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
