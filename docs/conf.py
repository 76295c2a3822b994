"""Sphinx configuration of the sphinx-iassist documentation and demo site.

Build it with::

    sphinx-build -nW --keep-going -b html docs docs/_build/html

and for another day (the conference section regroups by itself)::

    IASSIST_TODAY=2021-06-01 sphinx-build -nW --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import os

import sphinx_iassist

# -- Project -----------------------------------------------------------------------------

project = "sphinx-iassist"
author = "sphinx-iassist developers"
copyright = f"2026, {author}"
version = ".".join(sphinx_iassist.__version__.split(".")[:2])
release = sphinx_iassist.__version__
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_iassist",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Every reference must resolve: the docs are built with -nW.
nitpicky = True

# -- MyST --------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- sphinx-iassist ----------------------------------------------------------------------

# Two data files: the IASSIST 2021 events of the rebuilt conference section, and a
# richer made-up set that feeds the live examples of the directive pages.
iassist_events = ["conferences/events.yaml", "examples/events.yaml"]

# The programme of the IASSIST/CESSDA Summit: a frab schedule JSON as pretalx exports it
# (made up for this site; see programme.md for keeping a real one in sync).
iassist_schedules = {"iassist-2021-sweden": "conferences/programme/iassist-2021-sweden.json"}

# The date that decides Forthcoming vs Completed. IASSIST_TODAY overrides it, so the site
# can be rebuilt for any day without editing this file:
#
#     IASSIST_TODAY=2021-06-01 sphinx-build -b html docs docs/_build/html
#
# Otherwise the date is FIXED, not the real today, for two reasons:
#
# * 2021-04-01 is the day the original Hugo conference page describes: the rebuilt
#   conference section shows the Global Virtual Conference and the IASSIST/CESSDA Summit
#   under Forthcoming and the Africa Workshop under Completed, as that page did.
# * The example events (examples/events.yaml) lie on both sides of it, and one of them is
#   under way on that day, so every live example shows both groups and the
#   "Happening now" badge, and the output is the same whenever the docs are built.
iassist_today = os.environ.get("IASSIST_TODAY") or "2021-04-01"

# The IASSIST 2021 events are all-day events; the timed example events carry their own
# zones and are shown in Central European time, the zone of the 2021 summit.
iassist_timezone = "Europe/Stockholm"

# The organizer of every event that names none: its pages and search-engine metadata say so.
iassist_organizer = {"name": "IASSIST", "url": "https://iassistdata.org/"}

iassist_ics = True
iassist_jsonld = True

# -- HTML --------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"sphinx-iassist {release}"
html_static_path: list[str] = []

# Read the Docs sets the canonical URL of the version being built.
if os.environ.get("READTHEDOCS_CANONICAL_URL"):
    html_baseurl = os.environ["READTHEDOCS_CANONICAL_URL"]

# -- Other builders ----------------------------------------------------------------------

# pdflatex knows no "≤" (performance.md uses it); xelatex and lualatex need nothing.
latex_elements = {
    "preamble": r"\ifdefined\DeclareUnicodeCharacter"
    r"\DeclareUnicodeCharacter{2264}{\ensuremath{\le}}\fi",
}
latex_documents = [
    (root_doc, "sphinx-iassist.tex", "sphinx-iassist", author, "manual"),
]
man_pages = [
    (root_doc, "sphinx-iassist", "event data for Sphinx documentation sites", [author], 7),
]
texinfo_documents = [
    (
        root_doc,
        "sphinx-iassist",
        "sphinx-iassist",
        author,
        "sphinx-iassist",
        "Event data turned into the conference section of a Sphinx site.",
        "Documentation",
    ),
]
epub_show_urls = "no"
