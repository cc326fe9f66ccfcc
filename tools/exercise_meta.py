"""Read what a chapter source says about its exercises: objectives, metadata, rubrics.

Every exercise of a chapter is authored once, in ``solutions/NN_slug.py``; its heading cell
carries a metadata line (see CONTRIBUTING.md, "Exercise metadata")::

    ### Exercise 3 — Lapsed members
    *Level ★★☆ · about 10 min · objectives 2, 3 · transfer*

and a written answer holds a rubric inside its solution markers::

    **Rubric.**
    - *Full:* ...
    - *Partial:* ...
    - *Weak:* ...

The instructor guides, the gradebook and the tests read them through this module, so the
format is parsed in one place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

import notebook_build as nb

META = re.compile(r"^\*Level (★{1,3})(☆{0,2}) · about (\d+) min · objectives? (\d+(?:, \d+)*) · "
                  r"(checked|transfer|stretch|written)\*$")
HEADING = re.compile(r"^#{2,4}\s*Exercise\s+([0-9]+[a-z]?)\s*[—–-]\s*(.+?)\s*$")
OBJECTIVES_START = re.compile(r"^\*\*By the end of this (?:notebook|chapter) you can\*\*")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
CHECK_CALL = re.compile(r"""^\s*check\(\s*["'](ex[0-9]+[a-z]?)["']\s*\)""", re.MULTILINE)
CHECKER_CALL = re.compile(r"""checker\(\s*["'](ch[0-9]{2})["']""")
KINDS = ("checked", "transfer", "stretch", "written")


@dataclass
class Exercise:
    number: str
    title: str
    level: int | None = None
    minutes: int | None = None
    objectives: tuple[int, ...] = ()
    kind: str | None = None
    check_key: str | None = None
    rubric: dict[str, str] = field(default_factory=dict)
    model_answer: str = ""
    meta_line: str | None = None
    written: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"ex{self.number}"

    @property
    def label(self) -> str:
        return f"Exercise {self.number}"


@dataclass
class Chapter:
    source: Path
    number: str
    title: str
    chapter_key: str | None
    objectives: dict[int, str]
    exercises: list[Exercise]

    @property
    def stem(self) -> str:
        return self.source.stem

    @property
    def minutes(self) -> int:
        return sum(e.minutes or 0 for e in self.exercises)


def _markdown_lines(cell) -> list[str]:
    return cell.source.splitlines()


def parse_objectives(cells) -> dict[int, str]:
    """The numbered list under "**By the end of this notebook you can**" (continuation lines joined)."""
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        lines = _markdown_lines(cell)
        for start, line in enumerate(lines):
            if OBJECTIVES_START.match(line.strip()):
                objectives: dict[int, str] = {}
                current = None
                for follow in lines[start + 1:]:
                    text = follow.strip()
                    match = NUMBERED.match(text)
                    if match:
                        current = int(match.group(1))
                        objectives[current] = match.group(2)
                    elif text and current is not None and follow.startswith((" ", "\t")):
                        objectives[current] += " " + text
                    elif objectives:
                        break
                return objectives
    return {}


def _parse_rubric(lines: list[str]) -> tuple[str, dict[str, str]]:
    """Split a written solution into the model answer and its rubric levels."""
    answer, rubric, level = [], {}, None
    in_rubric = False
    for line in lines:
        text = line.strip()
        if text.startswith("**Rubric"):
            in_rubric = True
            continue
        if not in_rubric:
            answer.append(line)
            continue
        match = re.match(r"^[-*]\s+\*(Full|Partial|Weak):?\*:?\s*(.*)$", text)
        if match:
            level = match.group(1).lower()
            rubric[level] = match.group(2).lstrip(": ").strip()
        elif text and level:
            rubric[level] += " " + text
    return "\n".join(answer).strip(), rubric


def parse_chapter(source: Path) -> Chapter:
    notebook = nb.read_source(source)
    cells = notebook.cells
    number = source.stem.split("_", 1)[0]
    title = ""
    for cell in cells:
        if cell.cell_type == "markdown":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if first.startswith("# "):
                title = first[2:].strip()
                break
    chapter_key = None
    for cell in cells:
        if cell.cell_type == "code":
            match = CHECKER_CALL.search(cell.source)
            if match:
                chapter_key = match.group(1)
                break
    exercises: list[Exercise] = []
    current: Exercise | None = None
    for cell in cells:
        if cell.cell_type == "markdown":
            lines = _markdown_lines(cell)
            at = next((i for i, line in enumerate(lines) if HEADING.match(line.strip())), None)
            if at is not None:
                heading = HEADING.match(lines[at].strip())
                current = Exercise(number=heading.group(1), title=heading.group(2))
                exercises.append(current)
                meta = lines[at + 1].strip() if len(lines) > at + 1 else ""
                match = META.match(meta)
                if match:
                    current.meta_line = meta
                    stars, open_stars = match.group(1), match.group(2)
                    if len(stars) + len(open_stars) != 3:
                        current.problems.append(f"level {meta!r} does not have three marks")
                    current.level = len(stars)
                    current.minutes = int(match.group(3))
                    current.objectives = tuple(int(x) for x in match.group(4).split(", "))
                    current.kind = match.group(5)
                else:
                    current.problems.append("no metadata line (second line of the heading cell)")
                continue
            if current is not None and nb.has_solution(cell):
                current.written = True
                regions = nb.solution_regions(lines)
                inside = [line for begin, end in regions for line in lines[begin + 1:end]]
                current.model_answer, current.rubric = _parse_rubric(inside)
        elif current is not None:
            match = CHECK_CALL.search(cell.source)
            if match and current.check_key is None:
                current.check_key = match.group(1)
    return Chapter(source=source, number=number, title=title, chapter_key=chapter_key,
                   objectives=parse_objectives(cells), exercises=exercises)


@lru_cache(maxsize=1)
def _all_chapters() -> tuple[Chapter, ...]:
    return tuple(parse_chapter(source) for source in nb.chapter_sources())


def chapters() -> list[Chapter]:
    """Every chapter source, in order (parsed once per process)."""
    return list(_all_chapters())


def chapter_by_key(key: str) -> Chapter | None:
    for chapter in _all_chapters():
        if chapter.chapter_key == key:
            return chapter
    return None
