"""What leaves the build besides the pages: calendars, JSON-LD and the search index.

:mod:`~sphinx_iassist.publish.ical` and :mod:`~sphinx_iassist.publish.jsonld` turn events
into RFC 5545 and schema.org data (pure: no Sphinx);
:mod:`~sphinx_iassist.publish.calendar_files` writes the calendar files, beside the page
writing where it can; :mod:`~sphinx_iassist.publish.outputs` holds the Sphinx hooks that
plan them and add each page's JSON-LD; :mod:`~sphinx_iassist.publish.search_index` keeps an
incremental build's search index the one a fresh build writes.
"""
