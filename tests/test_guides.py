"""Exercise metadata and the instructor guides built from it.

The metadata line of every exercise is authored once in the chapter source; these tests
hold every chapter to the course's exercise rules and keep the generated guides in sync.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_guides  # noqa: E402
import exercise_meta  # noqa: E402

CHAPTERS = exercise_meta.chapters()
IDS = [c.stem for c in CHAPTERS]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_every_exercise_has_its_metadata(chapter):
    problems = [f"Exercise {e.number}: {p}" for e in chapter.exercises for p in e.problems]
    assert not problems, "\n".join(problems)
    for e in chapter.exercises:
        unknown = [n for n in e.objectives if n not in chapter.objectives]
        assert not unknown, f"Exercise {e.number} names objective(s) {unknown}, which the chapter does not list"
        if e.kind == "written":
            assert e.written and not e.check_key, f"Exercise {e.number} is marked written but is checked"
        else:
            assert e.check_key, f"Exercise {e.number} is marked {e.kind} but has no check cell"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_every_objective_is_exercised_and_the_mix_is_right(chapter):
    assert chapter.objectives, "the chapter lists no learning objectives"
    used = {n for e in chapter.exercises for n in e.objectives}
    assert set(chapter.objectives) <= used, f"objectives never exercised: {sorted(set(chapter.objectives) - used)}"
    kinds = [e.kind for e in chapter.exercises]
    assert len(kinds) >= 7, f"{len(kinds)} exercises; the course asks for at least 7"
    assert kinds.count("transfer") >= 3 and kinds.count("stretch") >= 1 and kinds.count("written") >= 1, kinds


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_every_written_answer_has_a_three_level_rubric(chapter):
    for e in chapter.exercises:
        if e.kind == "written":
            assert set(e.rubric) == {"full", "partial", "weak"}, f"Exercise {e.number}: rubric {sorted(e.rubric)}"
            assert all(len(text.split()) >= 5 for text in e.rubric.values()), f"Exercise {e.number}: rubric too thin"


def test_parser_reads_a_hand_written_source(tmp_path):
    """The metadata, objectives and rubric of a tiny source, read back field by field."""
    source = tmp_path / "99_tiny.py"
    source.write_text('''# %% [markdown]
# # 99 · A tiny chapter
#
# **By the end of this notebook you can**
# 1. count things;
# 2. explain
#    what they mean.

# %%
check = checker("ch99", globals())

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 — Count
# *Level ★★☆ · about 10 min · objectives 1, 2 · transfer*

# %%
# BEGIN SOLUTION
n = 3
# END SOLUTION

# %%
check("ex1")

# %% [markdown]
# ### Exercise 2 — Explain (written answer)
# *Level ★☆☆ · about 5 min · objective 2 · written*

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *A possible answer.* Three.
#
# **Rubric.**
# - *Full:* says three and why.
# - *Partial:* says three.
# - *Weak:* says
#   something else.
# <!-- END SOLUTION -->
''', encoding="utf-8")
    chapter = exercise_meta.parse_chapter(source)
    assert chapter.title == "99 · A tiny chapter" and chapter.chapter_key == "ch99"
    assert chapter.objectives == {1: "count things;", 2: "explain what they mean."}
    one, two = chapter.exercises
    assert (one.level, one.minutes, one.objectives, one.kind, one.check_key) == (2, 10, (1, 2), "transfer", "ex1")
    assert (two.level, two.minutes, two.objectives, two.kind, two.check_key) == (1, 5, (2,), "written", None)
    assert two.rubric == {"full": "says three and why.", "partial": "says three.", "weak": "says something else."}
    assert two.model_answer == "*A possible answer.* Three."
    assert chapter.minutes == 15


def test_a_broken_metadata_line_is_reported(tmp_path):
    source = tmp_path / "98_broken.py"
    source.write_text("# %% [markdown]\n# ### Exercise 1 — Count\n# *Level ★★ · 10 min · objectives 1 · checked*\n",
                      encoding="utf-8")
    (exercise,) = exercise_meta.parse_chapter(source).exercises
    assert exercise.problems and exercise.kind is None


def test_guides_are_in_sync_with_their_build():
    from helpers.checks import quietly

    wanted = quietly(build_guides.guides)
    for path, text in wanted.items():
        assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make guides`"
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} is stale: run `make guides`"
    extra = {p for p in build_guides.OUT.glob("*.md")} - set(wanted)
    assert not extra, f"guides without a chapter: {sorted(p.name for p in extra)}"


def test_every_chapter_has_a_teaching_note():
    for chapter in CHAPTERS:
        note = build_guides.NOTES / f"{chapter.stem}.md"
        assert note.exists(), f"no hand-written teaching note {note.relative_to(ROOT)}"
        assert len(note.read_text(encoding="utf-8").split()) >= 80, f"{note.name} is too short to help"
