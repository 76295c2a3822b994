"""The data files: YAML, TOML and JSON read into the event model, every problem located.

:mod:`~sphinx_iassist.readers.catalog` reads a set of files into one catalog; each format's
reader (:mod:`~sphinx_iassist.readers.yaml`, :mod:`~sphinx_iassist.readers.toml`,
:mod:`~sphinx_iassist.readers.json`) returns the common
:class:`~sphinx_iassist.readers.document.Document` of entries with their lines;
:mod:`~sphinx_iassist.readers.limits` bounds what any input may cost, and
:mod:`~sphinx_iassist.readers.schema` describes the format for editors. Pure: no Sphinx.
"""
