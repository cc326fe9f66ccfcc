"""Grade a folder of submitted student notebooks with the kit's own checks.

    python tools/grade.py SUBMISSIONS [--out build/grades] [--chapter ch02] [--timeout 60]
    make grade SUBMISSIONS=path/ [CHAPTER=ch02] [OUT=build/grades]

SUBMISSIONS is a folder holding one notebook per student (any file name: the file's stem
is the student) or one folder per student (the folder's name is the student; every
notebook inside is graded), or a single notebook.  The grader writes

* ``gradebook.csv`` — one row per student and chapter: the verdict and points of every
  exercise, the total and the maximum (points as plain numbers, so the file imports into
  learning platforms), and a ``notes`` column saying what went wrong while running;
* ``feedback/<student>.md`` — the same one-line verdicts and hints a student sees in the
  notebook, plus what the grader had to do (a cell stopped after the time limit, a crash).

How a submission is judged, and why it survives what students hand in:

1. The chapter is read from the notebook (the ``checker("chNN", …)`` call, else the title),
   never trusted from the file name.  With ``--chapter`` a notebook of another chapter is
   reported as such and scores 0.
2. The notebook runs cell by cell in a fresh kernel (nbclient), with a time limit per cell
   (a cell over the limit is interrupted and the run goes on) and the network switched off
   inside the kernel.  A cell that kills the kernel is skipped: a new kernel re-runs the
   cells before it and the run continues after it.
3. After the last cell, only the *answer variables* named by the chapter's checks are
   taken out of the kernel (pickled).  They are judged in a separate, fresh Python process
   by the kit's own checks — never by the submission's check cells, its ``check`` object
   or any code it changed in the kernel — with a time limit too.
4. A file that is not a notebook, a notebook that cannot be read or run, and a submission
   that crashes the judge each get a row that says so; one bad submission never stops the
   others.

Points: a checked exercise earns its level (1–3 marks from the chapter's metadata) when
correct and 0 otherwise; a written answer is left for the instructor (its rubric is in the
chapter's guide under ``instructors/``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import exercise_meta  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

#: Inserted before the student's first cell: no network from inside the kernel.
NETWORK_GUARD = r'''
import socket as _grader_socket
def _grader_local(host):
    import ipaddress
    if host is None or host in ("localhost", b"localhost"):
        return True
    try:
        return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
    except ValueError:
        return False
def _grader_lookup(lookup, local=_grader_local):
    def guarded(host, *args, **kwargs):
        import ipaddress
        try:
            ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host)
            numeric = True
        except (ValueError, TypeError, AttributeError):
            numeric = False
        if not (numeric or local(host)):
            raise OSError("The grader runs offline: this notebook tried to look up a host on the network.")
        return lookup(host, *args, **kwargs)
    return guarded
def _grader_guard(method, unix=getattr(_grader_socket, "AF_UNIX", None), local=_grader_local):
    def guarded(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if self.family != unix and not local(host):
            raise OSError("The grader runs offline: this notebook tried to reach the network.")
        return method(self, address, *args, **kwargs)
    return guarded
_grader_socket.socket.connect = _grader_guard(_grader_socket.socket.connect)
_grader_socket.socket.connect_ex = _grader_guard(_grader_socket.socket.connect_ex)
_grader_socket.getaddrinfo = _grader_lookup(_grader_socket.getaddrinfo)
del _grader_guard, _grader_lookup, _grader_local, _grader_socket
'''

#: Appended after the student's last cell: hand the answer variables to the judge.
EXTRACT = r'''
def _grader_extract(names, path):
    import builtins, cloudpickle
    found, problems = {}, {}
    space = globals()
    for name in names:
        if name not in space:
            continue
        try:
            found[name] = cloudpickle.dumps(space[name])
        except Exception as exc:
            problems[name] = f"{type(exc).__name__}: {exc}"[:200]
    with builtins.open(path, "wb") as handle:
        handle.write(cloudpickle.dumps({"values": found, "problems": problems}))
_grader_extract(__NAMES__, __PATH__)
del _grader_extract
'''

VERDICT_WORDS = {"correct": "correct", "hint": "hint", "not attempted": "not attempted", "error": "error"}


@dataclass
class Graded:
    student: str
    file: str
    chapter: str = ""
    status: str = "graded"
    verdicts: dict[str, tuple[str, float | None, str]] = field(default_factory=dict)  # label -> (verdict, points, line)
    max_points: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return float(sum(points or 0 for _, points, _ in self.verdicts.values()))


# --------------------------------------------------------------------------- discovering


def discover(path: Path) -> list[tuple[str, Path]]:
    """(student, file) pairs, sorted: files directly inside, or every file in a student's folder."""
    if path.is_file():
        return [(path.stem, path)]
    if not path.is_dir():
        raise SystemExit(f"SUBMISSIONS={path} is neither a folder nor a file. Give the folder of submitted notebooks.")
    found = []
    for entry in sorted(path.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            files = sorted((p for p in entry.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts
                            and not p.name.startswith(".")), key=lambda p: str(p))
            notebooks = [p for p in files if p.suffix == ".ipynb"]
            for item in notebooks or files or [entry]:
                found.append((entry.name, item))
        else:
            found.append((entry.stem, entry))
    return found


def identify_chapter(notebook) -> str | None:
    """The chapter key (``ch02``) of a notebook, from its checker call or else its title."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            match = exercise_meta.CHECKER_CALL.search(cell.source)
            if match:
                return match.group(1)
    titles = {}
    for chapter in exercise_meta.chapters():
        if chapter.title and chapter.chapter_key:
            titles[chapter.title.strip()] = chapter.chapter_key
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# ") and line[2:].strip() in titles:
                    return titles[line[2:].strip()]
    return None


# --------------------------------------------------------------------------- running


def _code_cell(source: str):
    import nbformat
    return nbformat.v4.new_code_cell(source)


def run_submission(notebook, names: list[str], workdir: Path, timeout: int, notes: list[str]) -> Path:
    """Execute the student's cells and pickle the answer variables; returns the pickle's path."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    out = workdir / "answers.pkl"
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    for cell in cells:
        cell.outputs, cell.execution_count = [], None
    skipped: set[int] = set()
    stopped: set[int] = set()
    extract = EXTRACT.replace("__NAMES__", repr(list(names))).replace("__PATH__", repr(str(out)))
    for _attempt in range(4):
        import nbformat
        program = nbformat.v4.new_notebook()
        program.cells = [_code_cell(NETWORK_GUARD)] + [c for i, c in enumerate(cells) if i not in skipped] + \
            [_code_cell(extract)]
        index_of = [None] + [i for i in range(len(cells)) if i not in skipped] + [None]
        client = NotebookClient(program, timeout=timeout, kernel_name="python3", allow_errors=True,
                                interrupt_on_timeout=True, record_timing=False,
                                error_on_timeout={"ename": "CellTimeout", "evalue": f"over {timeout} s",
                                                  "traceback": []},
                                resources={"metadata": {"path": str(workdir)}})
        position = 0
        try:
            with client.setup_kernel():
                for position, cell in enumerate(program.cells):
                    started = time.monotonic()
                    client.execute_cell(cell, position)
                    if time.monotonic() - started >= timeout and index_of[position] is not None:
                        if index_of[position] not in stopped:
                            notes.append(f"code cell {index_of[position] + 1} ran over {timeout} s and was stopped")
                        stopped.add(index_of[position])
            return out
        except DeadKernelError:
            crashed = index_of[position]
            if crashed is None:
                notes.append("the kernel died outside the student's cells")
                return out
            notes.append(f"code cell {crashed + 1} crashed the kernel; it was skipped and the rest re-run")
            skipped.add(crashed)
            skipped.update(stopped)  # a cell already stopped for time is not run again
        except Exception as exc:  # a broken kernel start, an unreadable cell …
            notes.append(f"the notebook could not be run ({type(exc).__name__}: {str(exc)[:160]})")
            return out
    notes.append("the kernel crashed too often; grading what was answered")
    return out


def judge(chapter_key: str, answers: Path, timeout: int) -> dict:
    """Run the kit's checks on the extracted answers in a fresh process; {label: [status, message, key]}."""
    command = [sys.executable, str(Path(__file__).resolve()), "--judge", chapter_key, str(answers)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=str(answers.parent),
                              env={**os.environ, "PYTHONHASHSEED": "0"})
    except subprocess.TimeoutExpired:
        return {"_error": f"checking the answers took longer than {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"_error": f"the checks could not run on these answers ({done.stderr.strip().splitlines()[-1:]})"}
    return json.loads(lines[-1])


def _judge_main(chapter_key: str, answers: str) -> int:
    """The judge process: load the answers, run every check of the chapter, print JSON."""
    import importlib
    import io
    from contextlib import redirect_stdout

    import cloudpickle

    from helpers.checks import run_check

    exercises = importlib.import_module(f"helpers.exercises.{chapter_key}").exercises
    namespace, problems = {}, {}
    if Path(answers).exists():
        payload = cloudpickle.loads(Path(answers).read_bytes())
        problems = payload.get("problems", {})
        for name, blob in payload.get("values", {}).items():
            try:
                namespace[name] = cloudpickle.loads(blob)
            except Exception as exc:
                problems[name] = f"{type(exc).__name__}: {exc}"[:200]
    results = {}
    for key in exercises.keys():
        with redirect_stdout(io.StringIO()):
            result = run_check(exercises, key, namespace)
        results[key] = [result.status, str(result), result.exercise]
    results["_problems"] = problems
    print(json.dumps(results, ensure_ascii=False))
    return 0


def grade_file(student: str, path: Path, *, chapter: str | None, timeout: int, judge_timeout: int) -> Graded:
    import nbformat

    graded = Graded(student=student, file=path.name)
    if path.suffix != ".ipynb":
        graded.status = "not a notebook"
        graded.notes.append(f"{path.name} is not a Jupyter notebook (.ipynb); nothing was graded")
        return graded
    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception as exc:
        graded.status = "not a notebook"
        graded.notes.append(f"{path.name} could not be read as a notebook ({type(exc).__name__})")
        return graded
    key = identify_chapter(notebook)
    if key is None:
        graded.status = "unknown chapter"
        graded.notes.append("could not tell which chapter this notebook is (no checker(...) call, no chapter title)")
        return graded
    graded.chapter = key
    meta = exercise_meta.chapter_by_key(key)
    if meta is None:
        graded.status = "unknown chapter"
        graded.notes.append(f"the kit has no chapter {key}")
        return graded
    by_key = {e.check_key: e for e in meta.exercises if e.check_key}
    if chapter and key != chapter:
        graded.status = "wrong chapter"
        graded.notes.append(f"this is a notebook of {key}, not {chapter}")
        graded.max_points = float(sum(e.level or 1 for e in by_key.values()))
        return graded
    import importlib
    exercises = importlib.import_module(f"helpers.exercises.{key}").exercises
    names = sorted({name for k in exercises.keys() for name in exercises.spec(k).names})
    with tempfile.TemporaryDirectory(prefix="crm-grade-") as tmp:
        answers = run_submission(notebook, names, Path(tmp), timeout, graded.notes)
        verdicts = judge(key, answers, judge_timeout)
    if "_error" in verdicts:
        graded.status = "could not check"
        graded.notes.append(verdicts["_error"])
    for name, problem in sorted(verdicts.pop("_problems", {}).items()):
        graded.notes.append(f"`{name}` could not be taken out of the notebook ({problem})")
    for check_key in exercises.keys():
        exercise = by_key.get(check_key)
        worth = float(exercise.level or 1) if exercise else 1.0
        graded.max_points += worth
        status, line, _label = verdicts.get(check_key, ["error", "⚠️ not checked", check_key])
        graded.verdicts[check_key] = (VERDICT_WORDS.get(status, status), worth if status == "correct" else 0.0, line)
    for exercise in meta.exercises:
        if exercise.kind == "written" or (exercise.written and not exercise.check_key):
            graded.verdicts[exercise.key + "_written"] = ("to grade by rubric", None,
                                                          f"📝 {exercise.label}: written answer, graded by the instructor.")
    return graded


# --------------------------------------------------------------------------- writing


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "student"


def write_outputs(results: list[Graded], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    keys: list[str] = []
    for result in results:
        for key in result.verdicts:
            if key not in keys:
                keys.append(key)
    keys.sort(key=lambda k: (int(re.sub(r"\D", "", k.split("_")[0]) or 0), k))
    header = ["student", "file", "chapter", "status"]
    for key in keys:
        header += [key, f"{key}_points"] if not key.endswith("_written") else [key]
    header += ["total", "max_points", "notes"]
    gradebook = out / "gradebook.csv"
    with gradebook.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in results:
            row = [r.student, r.file, r.chapter, r.status]
            for key in keys:
                verdict, points, _ = r.verdicts.get(key, ("", None, ""))
                row.append(verdict)
                if not key.endswith("_written"):
                    row.append("" if points is None else f"{points:g}")
            row += [f"{r.total:g}", f"{r.max_points:g}", "; ".join(r.notes)]
            writer.writerow(row)
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    by_student: dict[str, list[Graded]] = {}
    for r in results:
        by_student.setdefault(r.student, []).append(r)
    for student, items in sorted(by_student.items()):
        lines = [f"# Feedback for {student}", ""]
        for r in items:
            lines.append(f"## {r.file} ({r.chapter or 'chapter unknown'}): {r.total:g} of {r.max_points:g} points")
            lines.append("")
            if r.status != "graded":
                lines.append(f"Status: {r.status}.")
            lines += [f"- {line}" for _, _, line in r.verdicts.values()]
            lines += [f"- Note: {note}." for note in r.notes]
            lines.append("")
        (feedback / f"{_safe(student)}.md").write_text("\n".join(lines), encoding="utf-8")
    return gradebook


def _grade_safely(job) -> Graded:
    """Grade one submission; whatever goes wrong becomes a row, never an exception."""
    student, path, chapter, timeout, judge_timeout = job
    print(f"grading {student}: {path.name}", file=sys.stderr, flush=True)
    try:
        return grade_file(student, path, chapter=chapter, timeout=timeout, judge_timeout=judge_timeout)
    except Exception as exc:  # one bad submission never stops the others
        failed = Graded(student=student, file=path.name, status="could not grade")
        failed.notes.append(f"{type(exc).__name__}: {str(exc)[:200]}")
        return failed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--judge"]:
        return _judge_main(argv[1], argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "grades")
    parser.add_argument("--chapter", help="the chapter being graded, e.g. ch02 (others are reported as wrong)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run (default 120)")
    parser.add_argument("--judge-timeout", type=int, default=120, help="seconds the checks may take")
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default 2)")
    args = parser.parse_args(argv)
    chapter = args.chapter
    if chapter and re.fullmatch(r"\d{1,2}", chapter):
        chapter = f"ch{int(chapter):02d}"
    submissions = discover(args.submissions)
    if not submissions:
        raise SystemExit(f"No submissions in {args.submissions}.")
    jobs = [(student, path, chapter, args.timeout, args.judge_timeout) for student, path in submissions]
    if args.jobs > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_grade_safely, jobs))
    else:
        results = [_grade_safely(job) for job in jobs]
    gradebook = write_outputs(results, args.out)
    print(f"Graded {len(results)} submission(s); wrote {gradebook} and {args.out / 'feedback'}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
