"""Write-time resolution: what a page shows of the events, for the builder that writes it.

What an event list, a button or a notice shows depends on the build's "today" and on which
documents exist, so the directives leave placeholders that the post-transform of
:mod:`~sphinx_iassist.render.transforms` resolves for each builder: HTML builders get
semantic markup, each event rendered from a Jinja template
(:mod:`~sphinx_iassist.render.templating`), and every other builder plain docutils nodes.
"""
