"""Execute the kit's notebook sources and write solution, student and case notebooks.

    python tools/build_notebooks.py                 # everything
    python tools/build_notebooks.py 02_rfm cases    # some stems, or a whole folder
    python tools/build_notebooks.py --jobs 1 ...    # one notebook at a time

Run through ``make notebooks`` so that the kit's environment is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_build as nb  # noqa: E402


def build_one(source: Path) -> tuple[str, float, list[str]]:
    from nbclient import NotebookClient

    start = time.perf_counter()
    source_nb = nb.read_source(source)
    is_case = source.parent.name == "cases"
    executable = nb.solution_notebook(source_nb, allow_markers=not is_case)
    os.environ["PYTHONHASHSEED"] = "0"
    client = NotebookClient(executable, timeout=900, kernel_name="python3", allow_errors=True,
                            record_timing=False, resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    nb._normalise(executable)
    problems = nb.problems_in_outputs(executable)
    if problems:
        return str(source.relative_to(nb.ROOT)), time.perf_counter() - start, problems
    targets = nb.outputs_for(source)
    nb.write_notebook(executable, targets["executed"])
    if "student" in targets:
        nb.write_notebook(nb.student_notebook(source_nb, executable), targets["student"])
    return str(source.relative_to(nb.ROOT)), time.perf_counter() - start, []


def select(names: list[str]) -> list[Path]:
    sources = nb.all_sources()
    if not names:
        return sources
    chosen = []
    for name in names:
        if name in ("solutions", "cases"):
            matches = [s for s in sources if s.parent.name == name]
        else:
            stem = Path(name).stem
            matches = [s for s in sources if s.stem == stem]
        if not matches:
            known = ", ".join(s.stem for s in sources)
            raise SystemExit(f"No notebook source called {name!r}. Known sources: {known}")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="source stems (02_rfm), or 'solutions' / 'cases'")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default 2)")
    args = parser.parse_args(argv)
    sources = select(args.names)
    failed = 0
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(build_one, source): source for source in sources}
        for future in as_completed(futures):
            name, seconds, problems = future.result()
            if problems:
                failed += 1
                print(f"FAILED {name} ({seconds:.0f} s):")
                for problem in problems:
                    print(f"    {problem}")
            else:
                print(f"built  {name} ({seconds:.0f} s)")
    if failed:
        print(f"{failed} notebook(s) failed; nothing was written for them.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
