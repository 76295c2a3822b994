"""``sphinx-iassist import-hugo``: the migration tool, reached only from the command line.

:mod:`~sphinx_iassist.hugo.importer` runs the migration of a Hugo content directory;
:mod:`~sphinx_iassist.hugo.page` converts one page body, with
:mod:`~sphinx_iassist.hugo.markdown`, :mod:`~sphinx_iassist.hugo.html`,
:mod:`~sphinx_iassist.hugo.shortcodes`, :mod:`~sphinx_iassist.hugo.links` and
:mod:`~sphinx_iassist.hugo.tone`; :mod:`~sphinx_iassist.hugo.frontmatter` converts front
matter, and :mod:`~sphinx_iassist.hugo.report` collects what the author must review.
Nothing of the Sphinx extension imports this package.
"""
