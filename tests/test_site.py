"""The course website (build/site/) in a real browser: headless Chromium driven by playwright.

`make test` builds the site first when /usr/bin/chromium exists (`make site`), and this module
then opens every page of it, served on 127.0.0.1, with the network cut off at the browser: a
request for anything that is not on 127.0.0.1 is refused and reported. It fails on any failed
request, console error, broken internal link (page or anchor), image that does not load, or page
without a title; it checks the glossary against the chapters' own glossary tables and that the
search box finds "RFM". Without Chromium, playwright or a built site it is skipped, saying which.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         # the network is cut off at the browser: every host but 127.0.0.1 fails to resolve
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return (f"site test skipped: no Chromium at {CHROMIUM} "
                "(sudo apt-get install chromium, then make test; CI installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "site test skipped: playwright is not installed (make site installs requirements-site.txt)"
    if not (SITE / "index.html").exists():
        return "site test skipped: build/site/ is missing (make site builds it; make test does so when Chromium exists)"
    return None


REASON = _skip_reason()
if REASON:
    print(REASON)
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")   # the theme's assets load once, not per page
        super().end_headers()


def _serve(root: Path):
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield chromium
        chromium.close()


IMAGES_JS = """async () => {
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src);
}"""

PAGE_JS = """() => ({
  title: document.title,
  h1: Array.from(document.querySelectorAll("h1")).map(h => h.textContent.trim()),
  ids: Array.from(document.querySelectorAll("[id]")).map(e => e.id),
  links: Array.from(document.querySelectorAll("a[href]")).map(a => a.href),
  math: document.querySelectorAll(".math").length,
})"""


def open_every_page(context, server: str, root: Path) -> tuple[dict, list[str]]:
    """Open every HTML file under root once: what each page showed, and every load problem."""
    problems: list[str] = []
    current = {"page": ""}

    def outside(request):
        url = request.url
        if urlparse(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:", "about:")):
            problems.append(f"{current['page']}: asked the internet for {url}")

    page = context.new_page()
    page.on("request", outside)
    def failed(request):
        # net::ERR_ABORTED is a request cancelled when the crawl moves on (the favicon, typically);
        # a missing file still shows as its HTTP status below, a refused host as its own error
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"{current['page']}: request failed {request.url} ({request.failure})")

    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{current['page']}: HTTP {r.status} for {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"{current['page']}: console error {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{current['page']}: script error {e}"))
    pages = {}
    for path in sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts):
        rel = path.relative_to(root).as_posix()
        current["page"] = rel
        page.goto(server + rel, wait_until="load")
        info = page.evaluate(PAGE_JS)
        if info["math"]:   # MathJax typesets after the load event, and may load extensions then
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            info["typeset"] = page.evaluate(
                "() => MathJax.startup.promise.then(() => document.querySelectorAll('mjx-container').length)")
        info["broken_images"] = page.evaluate(IMAGES_JS)
        pages[rel] = info
    page.close()
    return pages, problems


def untitled(pages: dict) -> list[str]:
    """Pages without a title, or (but for the generated search and index pages) a heading."""
    bad = [rel for rel, info in pages.items() if not info["title"].strip() or info["title"].startswith("<no title>")]
    bad += [rel for rel, info in pages.items() if not info["h1"] and rel not in ("search.html", "genindex.html")]
    return bad


def broken_images(pages: dict) -> list[str]:
    return [f"{rel}: {src}" for rel, info in pages.items() for src in info["broken_images"]]


def _local_path(server: str, url: str) -> tuple[str, str] | None:
    """(path relative to the site, fragment) of a link into the site, None for an outside link."""
    if not url.startswith(server):
        return None
    address, fragment = urldefrag(url)
    rel = unquote(urlparse(address).path).lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel, fragment


def broken_links(pages: dict, server: str) -> list[str]:
    """Links into the site whose page, anchor or file is not there."""
    broken, checked_files = [], {}
    for rel, info in pages.items():
        for url in info["links"]:
            target = _local_path(server, url)
            if target is None:
                continue
            path, fragment = target
            if path in pages:
                if fragment and fragment not in pages[path]["ids"]:
                    broken.append(f"{rel} → {path}#{fragment} (no such anchor)")
                continue
            if path not in checked_files:       # a download (the student notebooks) or a static file
                try:
                    with urllib.request.urlopen(server + path) as response:
                        checked_files[path] = response.status == 200 and len(response.read()) > 0
                except OSError:
                    checked_files[path] = False
            if not checked_files[path]:
                broken.append(f"{rel} → {path}")
    return broken


@pytest.fixture(scope="module")
def crawl(browser):
    httpd, server = _serve(SITE)
    context = browser.new_context()
    pages, problems = open_every_page(context, server, SITE)
    print(f"site test: opened {len(pages)} pages")
    yield {"server": server, "pages": pages, "problems": problems, "context": context}
    context.close()
    httpd.shutdown()
    httpd.server_close()


def test_the_checks_catch_planted_defects(browser, tmp_path):
    """On a two-page site with one defect of each kind, every check reports it."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><title>Home</title>"
        '<script src="http://cdn.example.com/lib.js"></script></head><body><h1>Home</h1>'
        '<img src="missing.png" alt="x"><script>console.error("planted")</script>'
        '<a href="other.html#nowhere">a</a> <a href="gone.html">b</a> <a href="file.txt">c</a></body></html>')
    (tmp_path / "other.html").write_text("<!doctype html><html><head><title></title></head><body><p>x</p></body></html>")
    (tmp_path / "file.txt").write_text("a download")
    httpd, server = _serve(tmp_path)
    context = browser.new_context()
    try:
        pages, problems = open_every_page(context, server, tmp_path)
        links = sorted(broken_links(pages, server))
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
    text = "\n".join(problems)
    assert "asked the internet for http://cdn.example.com/lib.js" in text
    assert "HTTP 404" in text and "missing.png" in text
    assert "console error planted" in text
    assert broken_images(pages) == [f"index.html: {server}missing.png"]
    assert links == ["index.html → gone.html", "index.html → other.html#nowhere (no such anchor)"]
    assert untitled(pages) == ["other.html", "other.html"]


def test_the_site_has_its_sections():
    """The build picked up every chapter, case and dataset card (by glob, as the build does)."""
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        assert (SITE / "solutions" / f"{path.stem}.html").exists(), f"chapter {path.stem} has no page"
    for path in sorted((ROOT / "cases").glob("*.ipynb")):
        assert (SITE / "cases" / f"{path.stem}.html").exists(), f"case {path.stem} has no page"
    for card in sorted((ROOT / "datasets").glob("*/README.md")):
        assert (SITE / "datasets" / card.parent.name / "README.html").exists(), f"{card} has no page"
    assert (SITE / "glossary.html").exists() and (SITE / "api" / "index.html").exists()
    if sorted((ROOT / "instructors").glob("*.md")):
        assert (SITE / "instructors" / "README.html").exists(), "the instructor guides are missing"


def test_every_page_loads_cleanly(crawl):
    """No failed or outside request, no console or script error, on any page."""
    assert len(crawl["pages"]) >= 20
    assert crawl["problems"] == [], "\n".join(crawl["problems"])


def test_every_page_has_a_title(crawl):
    assert untitled(crawl["pages"]) == []


def test_every_image_loads(crawl):
    assert broken_images(crawl["pages"]) == []


def test_maths_is_typeset_offline(crawl):
    """Every page with maths shows it typeset by the site's own MathJax (no CDN to fall back on)."""
    with_math = {rel: info for rel, info in crawl["pages"].items() if info["math"]}
    assert with_math, "no page has maths: the chapters' formulas did not reach the site"
    for rel, info in with_math.items():
        assert info["typeset"] >= info["math"], f"{rel}: {info['math']} formulas, {info['typeset']} typeset"


def test_every_internal_link_resolves(crawl):
    assert broken_links(crawl["pages"], crawl["server"]) == []


def test_each_chapter_links_its_student_notebook(crawl):
    pages = crawl["pages"]
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        info = pages[f"solutions/{path.stem}.html"]
        downloads = [url for url in info["links"] if url.endswith(f"/{path.name}") and "_downloads/" in url]
        assert downloads, f"chapter {path.stem} does not link its student notebook"
        with urllib.request.urlopen(downloads[0]) as response:
            assert response.read() == path.read_bytes(), f"{path.name}: the download is not the student notebook"


def _glossary_from_sources() -> dict[str, list[tuple[str, str]]]:
    """(English, 中文) of every chapter's glossary, read from the chapter's .py source."""
    terms = {}
    for source in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.py")):
        rows, inside = [], False
        for line in source.read_text(encoding="utf-8").splitlines():
            text = line[2:] if line.startswith("# ") else line.lstrip("#")
            if re.match(r"#{2,3} +Glossary", text):
                inside = True
            elif inside and (text.startswith("#") or line.startswith("# %%")):
                break
            elif inside and text.startswith("|") and not re.match(r"\|\s*:?-{3}", text):
                cells = [c.strip() for c in re.split(r"(?<!\\)\|", text.strip())[1:-1]]
                if cells[0].lower() != "english":
                    rows.append((cells[0], cells[1]))
        terms[source.stem] = rows
    return terms


def _plain(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*`]|\\(?=\|)", "", markdown)).strip()


def test_glossary_holds_every_chapters_terms(crawl):
    expected = _glossary_from_sources()
    assert expected and all(expected.values()), f"a chapter has no glossary rows: {expected.keys()}"
    page = crawl["context"].new_page()
    page.goto(crawl["server"] + "glossary.html")
    rows = page.evaluate("""() => Array.from(document.querySelectorAll("table tbody tr")).map(tr => ({
        cells: Array.from(tr.cells).map(td => td.innerText.trim()),
        link: (tr.querySelector("a") || {}).href || ""}))""")
    page.close()
    shown = {(_plain(r["cells"][0]), _plain(r["cells"][1]), urlparse(r["link"]).path.rsplit("/", 1)[-1]) for r in rows}
    for stem, terms in expected.items():
        for english, chinese in terms:
            assert (_plain(english), _plain(chinese), f"{stem}.html") in shown, \
                f"glossary page lacks {english!r} / {chinese!r} linked to {stem}"
    assert len(rows) == sum(len(t) for t in expected.values())
    firsts = [r["cells"][0].lstrip("*`\"'(").lower()[:1] for r in rows]
    assert firsts == sorted(firsts), "the glossary is not sorted by the English term"


def test_search_box_finds_rfm(crawl):
    page = crawl["context"].new_page()
    page.goto(crawl["server"] + "index.html")
    page.locator("button.search-button__button, .search-button").first.click()
    box = page.locator("input[name='q']:visible").first
    box.fill("RFM")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=RFM*")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=20_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    page.close()
    assert any("solutions/02_rfm.html" in href for href in hrefs), f"search for RFM did not find chapter 2: {hrefs}"
