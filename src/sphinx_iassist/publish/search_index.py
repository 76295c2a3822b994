"""The search index of an incremental build holds no words of content that is gone.

A new day changes what some pages show without any source changing: a notice expires, an
event moves to Completed. The extension has those pages written again (``env-get-updated``,
see :meth:`~sphinx_iassist.domain.IassistDomain.outdated_by_date`), and Sphinx's HTML
builder indexes each page it writes. But it starts from the previous build's index:
``IndexBuilder.prune`` takes the rewritten pages out of each word's set of pages and keeps
the word even when no page is left, and ``feed`` adds only the words the pages have now.
So the words of the expired notice stay in ``searchindex.js``, each naming no page, where
a fresh build has none: the index of an incremental build is not the index of its pages.
(Sphinx does this for every rewritten page; it matters most here, where pages change by
themselves.)

Just before the index is written (``html-collect-pages``, the last extension event before
``dump_search_index``), the words that name no page are dropped, so the incremental index
holds the words of the pages as written: a page written again has the words a fresh build
gives it.

Content a page holds but does not show on the build's day (a notice hidden until its
``:from:`` day) is never indexed: it is written inside :class:`~sphinx_iassist.nodes.unindexed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx


def drop_words_of_no_page(app: Sphinx) -> Iterable[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: drop the index's words (and title words) that name no page."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:  # no search index (epub, html_search = False)
        return []
    indexer.prune(app.env.all_docs)  # what dump_search_index does first: pages removed
    # IndexBuilder has no API for this: its word -> pages mappings, as in Sphinx 7 to 9
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    return []
