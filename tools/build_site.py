"""Build the course website into ``build/site/`` from what the kit already has.

    python tools/build_site.py            # (make site runs it, after installing requirements-site.txt)

Nothing is executed: the solution and case notebooks are rendered with the outputs they
were built with.  The site's sources are generated into ``build/site-src/`` (never
committed): the repository's layout is mirrored there (``solutions/``, ``cases/``,
``datasets/``, ``notebooks/``, ``instructors/``) so that the relative links the kit's own
files already use resolve unchanged.  The hand-written parts (the Sphinx configuration,
the home page, the stylesheet) live in ``docs/``.

Chapters and cases are found by globbing (``solutions/[0-9][0-9]_*.ipynb``,
``cases/*.ipynb``), so a new chapter appears on the site without touching this file.
The build runs ``sphinx-build -W``: a warning (a broken cross-link, a missing image, a
docstring that does not parse) fails it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SRC = ROOT / "build" / "site-src"
OUT = ROOT / "build" / "site"
DOCTREES = ROOT / "build" / "site-doctrees"

GLOSSARY_HEADING = re.compile(r"^#{2,3}\s+Glossary\b", re.IGNORECASE)


def chapters() -> list[Path]:
    """The executed solution notebooks, in teaching order (their NN_ prefix)."""
    return sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


def cases() -> list[Path]:
    return sorted((ROOT / "cases").glob("*.ipynb"))


def title_of(notebook: dict, fallback: str) -> str:
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- the glossary --------------------------------------------------------------------------

def split_row(line: str) -> list[str]:
    """The cells of one markdown table row (``\\|`` stays inside a cell)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def glossary_rows(notebook: dict) -> list[list[str]]:
    """The rows (English, 中文, meaning) of the table under a notebook's Glossary heading."""
    rows: list[list[str]] = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lines = "".join(cell["source"]).splitlines()
        inside = False
        for line in lines:
            if GLOSSARY_HEADING.match(line):
                inside = True
                continue
            if inside and line.startswith("#"):
                break
            if inside and line.lstrip().startswith("|"):
                cells = split_row(line)
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    continue
                if [c.lower() for c in cells[:2]] == ["english", "中文"]:
                    continue
                rows.append((cells + ["", "", ""])[:3])
        if rows:
            break
    return rows


def sort_key(term: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", term.lower()).strip()


def write_glossary(chapter_files: list[Path]) -> int:
    entries = []
    for path in chapter_files:
        notebook = read_notebook(path)
        number = path.name[:2]
        for english, chinese, meaning in glossary_rows(notebook):
            entries.append((sort_key(english), english, chinese, meaning, number, path.stem))
    entries.sort(key=lambda e: (e[0], e[1], e[4]))
    lines = [
        "# Glossary · 术语表",
        "",
        "Every term of every chapter's glossary, in one table sorted by the English term. "
        "The last column links back to the chapter that explains it.",
        "",
        "| English | 中文 | meaning | chapter |",
        "|---|---|---|---|",
    ]
    for _, english, chinese, meaning, number, stem in entries:
        lines.append(f"| {english} | {chinese} | {meaning} | [{number}](solutions/{stem}.ipynb#glossary) |")
    (SRC / "glossary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


# --- chapters, cases, datasets, guides, API ------------------------------------------------

def download_cell(stem: str) -> dict:
    text = (
        ":::{admonition} Work through this chapter yourself\n"
        ":class: tip\n\n"
        "This page is the **solved** chapter, with the outputs it was built with. "
        f"Download the **student notebook** {{download}}`{stem}.ipynb <../notebooks/{stem}.ipynb>` "
        "(exercises blank, each with a self-check) and run it locally: in a copy of the kit run "
        "`make lab` (the first run creates `.venv` with the pinned packages, then opens JupyterLab), "
        f"and open `notebooks/{stem}.ipynb`. Run each check cell after an exercise.\n"
        ":::"
    )
    return {"cell_type": "markdown", "id": "kit-student-notebook", "metadata": {}, "source": text}


def copy_chapter(path: Path) -> None:
    notebook = read_notebook(path)
    if (ROOT / "notebooks" / path.name).exists():
        # after the title cell: the page keeps its own title as its first heading
        notebook["cells"].insert(1, download_cell(path.stem))
    (SRC / "solutions" / path.name).write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")


def with_hidden_toctree(text: str, entries: list[str]) -> str:
    body = "\n".join(entries)
    return text.rstrip() + f"\n\n```{{toctree}}\n:hidden:\n\n{body}\n```\n"


def copy_cases(case_files: list[Path]) -> None:
    for path in case_files:
        shutil.copy2(path, SRC / "cases" / path.name)
    readme = ROOT / "cases" / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Case studies\n"
    (SRC / "cases" / "README.md").write_text(with_hidden_toctree(text, [p.stem for p in case_files]),
                                             encoding="utf-8")


def copy_datasets() -> list[str]:
    names = []
    for card in sorted((ROOT / "datasets").glob("*/README.md")):
        name = card.parent.name
        (SRC / "datasets" / name).mkdir(parents=True, exist_ok=True)
        shutil.copy2(card, SRC / "datasets" / name / "README.md")
        names.append(name)
    text = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    (SRC / "datasets" / "README.md").write_text(with_hidden_toctree(text, [f"{n}/README" for n in names]),
                                                encoding="utf-8")
    return names


def copy_guides() -> list[str]:
    """The instructor guides (instructors/*.md), when that folder exists."""
    folder = ROOT / "instructors"
    guides = sorted(p for p in folder.glob("*.md") if p.name != "README.md") if folder.is_dir() else []
    if not guides:
        return []
    (SRC / "instructors").mkdir()
    for path in guides:
        shutil.copy2(path, SRC / "instructors" / path.name)
    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else (
        "# Instructor guides\n\nOne guide per chapter: timing, objectives, the exercises' "
        "answers and the mistakes the self-checks recognise.\n")
    (SRC / "instructors" / "README.md").write_text(
        with_hidden_toctree(text, [p.stem for p in guides]), encoding="utf-8")
    return [p.stem for p in guides]


def copy_docs() -> list[str]:
    """Other hand-written pages in docs/ (e.g. docs/own-data.md), kept at docs/ so links resolve."""
    pages = sorted(p for p in DOCS.glob("*.md") if p.name != "index.md")
    if pages:
        (SRC / "docs").mkdir()
    for path in pages:
        shutil.copy2(path, SRC / "docs" / path.name)
    return [f"docs/{p.stem}" for p in pages]


def helper_modules() -> list[str]:
    """``helpers`` and its public modules and subpackages (names without a leading underscore)."""
    package = ROOT / "src" / "helpers"
    names = ["helpers"]
    for path in sorted(package.iterdir()):
        if path.name.startswith("_") or path.name == "exercises":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            names.append(f"helpers.{path.stem}")
    return names


def write_api(modules: list[str]) -> None:
    (SRC / "api").mkdir()
    lines = ["# API reference: the `helpers` package", "",
             "Generated from the docstrings of the package the notebooks import.", "",
             "```{toctree}", ":maxdepth: 1", ""]
    lines += modules
    lines += ["```", ""]
    (SRC / "api" / "index.md").write_text("\n".join(lines), encoding="utf-8")
    for module in modules:
        page = f"# `{module}`\n\n```{{eval-rst}}\n.. automodule:: {module}\n   :members:\n```\n"
        (SRC / "api" / f"{module}.md").write_text(page, encoding="utf-8")


def write_index(chapter_files: list[Path], guides: list[str], docs: list[str]) -> None:
    text = (DOCS / "index.md").read_text(encoding="utf-8").rstrip() + "\n\n"
    text += "```{toctree}\n:caption: Chapters\n:maxdepth: 1\n\n"
    text += "\n".join(f"solutions/{p.stem}" for p in chapter_files) + "\n```\n\n"
    text += "```{toctree}\n:caption: Cases, data and terms\n:maxdepth: 1\n\n"
    text += "cases/README\ndatasets/README\nglossary\n```\n\n"
    if guides:
        text += "```{toctree}\n:caption: For instructors\n:maxdepth: 1\n\ninstructors/README\n```\n\n"
    text += "```{toctree}\n:caption: Reference\n:maxdepth: 1\n\n" + "\n".join(docs + ["api/index"]) + "\n```\n"
    (SRC / "index.md").write_text(text, encoding="utf-8")


def copy_mathjax() -> None:
    """MathJax 3 from the django-static-mathjax wheel, so that maths renders with the network off.

    Only the TeX-to-SVG bundle and what it may load on demand (TeX extensions, the menu and
    its accessibility parts) are copied; the browser test fails on any request that finds nothing.
    """
    import mathjax   # the wheel's static files; nothing of Django is used or installed

    es5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    target = SRC / "_static" / "mathjax"
    target.mkdir(parents=True)
    shutil.copy2(es5 / "tex-svg.js", target / "tex-svg.js")
    shutil.copy2(es5.parent / "LICENSE", target / "LICENSE")
    for sub in ("input/tex/extensions", "ui", "a11y"):
        shutil.copytree(es5 / sub, target / sub)


def generate_sources() -> dict:
    for folder in (SRC, DOCTREES):
        if folder.exists():
            shutil.rmtree(folder)
    for sub in ("solutions", "cases", "datasets", "notebooks", "_static"):
        (SRC / sub).mkdir(parents=True)
    chapter_files = chapters()
    copy_mathjax()
    for path in chapter_files:
        copy_chapter(path)
        student = ROOT / "notebooks" / path.name
        if student.exists():
            shutil.copy2(student, SRC / "notebooks" / student.name)
    case_files = cases()
    copy_cases(case_files)
    names = copy_datasets()
    guides = copy_guides()
    n_terms = write_glossary(chapter_files)
    modules = helper_modules()
    write_api(modules)
    docs = copy_docs()
    write_index(chapter_files, guides, docs)
    return {"chapters": len(chapter_files), "cases": len(case_files), "datasets": len(names),
            "guides": len(guides), "other pages": len(docs), "glossary terms": n_terms, "API modules": len(modules)}


def main() -> int:
    start = time.perf_counter()
    counts = generate_sources()
    if OUT.exists():
        shutil.rmtree(OUT)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
               "-c", str(DOCS), "-d", str(DOCTREES), str(SRC), str(OUT)]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode:
        print("The site build failed (warnings are errors): see the messages above.", file=sys.stderr)
        return result.returncode
    for source_map in OUT.rglob("*.map"):   # the theme's source maps: only a debugger reads them
        source_map.unlink()
    for template in (OUT / "_static").glob("*.html"):   # the theme's build-time macros, not pages
        template.unlink()
    pages = sum(1 for _ in OUT.rglob("*.html"))
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(f"Site written to {OUT.relative_to(ROOT)}/: {pages} pages, {size / 1e6:.1f} MB "
          f"({summary}) in {time.perf_counter() - start:.0f} s.")
    print("View it: python -m http.server -d build/site 8000, then open http://127.0.0.1:8000/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
