"""Sphinx configuration of the course website (built by tools/build_site.py, `make site`).

The sources are generated into build/site-src/ from the executed notebooks, the dataset
cards and the helpers' docstrings; this folder holds only the hand-written parts. Nothing is
executed (nb_execution_mode = "off") and no page loads anything from the internet: the theme
ships its own fonts and icons, and MathJax 3 comes from the django-static-mathjax wheel
(copied into _static/mathjax by the build), not from a CDN.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import helpers  # noqa: E402

project = "CRM analytics course kit"
author = "the CRM course kit's authors"
copyright = "the CRM course kit's authors"
release = helpers.__version__
version = helpers.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
]

# --- notebooks and markdown ------------------------------------------------------------------
nb_execution_mode = "off"                  # render the outputs the notebooks were built with
nb_merge_streams = True
nb_render_markdown_format = "myst"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3                   # the glossary links to each chapter's #glossary
exclude_patterns = ["notebooks/**", "_static/**", "**/.ipynb_checkpoints"]  # student notebooks: downloads only
suppress_warnings = []

# --- the API reference -----------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True}
napoleon_google_docstring = False
napoleon_numpy_docstring = True

# --- maths without a CDN ---------------------------------------------------------------------
# MathJax 3's single-file TeX-to-SVG bundle, copied by the build from the django-static-mathjax
# wheel (plain static files, no dependencies): SVG output needs no web fonts.
mathjax_path = "mathjax/tex-svg.js"
mathjax3_config = {"options": {"processHtmlClass": "tex2jax_process|mathjax_process|math|output_area"}}

# --- the page ----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "CRM analytics course kit"
html_static_path = ["_static", str(ROOT / "build" / "site-src" / "_static")]
html_css_files = ["kit.css"]
html_favicon = "_static/favicon.svg"     # without one, every browser asks for /favicon.ico and gets a 404
html_context = {"default_mode": "light"}  # without it a first visit logs "invalid theme mode" as an error
smartquotes = False                       # terms and code read exactly as the notebooks write them
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
html_theme_options = {
    "use_download_button": False,          # the chapter pages link the student notebook instead
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
}
