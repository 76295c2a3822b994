"""The migrated site's pages and how Hugo links map onto them.

Hugo serves ``content/a/b.md`` at ``/a/b/``, ``content/a/b/index.md`` and
``content/a/b/_index.md`` at ``/a/b/``, and honours ``url`` and ``slug`` in front
matter; the other files of a page bundle are served under the bundle's URL. A link
whose target is a migrated page becomes a MyST document link (a relative ``.md``
path); one to a copied file, a path relative to the page; a link to anything else
becomes absolute against the site's base URL if one is known, else it is kept as it
is. ``ref``/``relref`` paths are looked up among the migrated pages as Hugo looks them
up (:meth:`Site.find_page`).
"""

from __future__ import annotations

import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from sphinx_iassist.hugo.frontmatter import load_yaml

__all__ = ["LinkTarget", "Site", "hugo_base_url"]

_CONFIG_NAMES = ("hugo", "config")
_CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


def hugo_base_url(content_dir: Path) -> str | None:
    """``baseURL`` from the Hugo site config next to ``content_dir``, if any."""
    site = content_dir.resolve().parent
    for folder in (site, site / "config" / "_default"):
        for name in _CONFIG_NAMES:
            for suffix in _CONFIG_SUFFIXES:
                path = folder / f"{name}{suffix}"
                if not path.is_file():
                    continue
                try:
                    text = path.read_text(encoding="utf-8")
                    data = tomllib.loads(text) if suffix == ".toml" else load_yaml(text)
                # ValueError: not UTF-8, an integer of too many digits, too many aliases
                except (OSError, ValueError, RecursionError, yaml.YAMLError):
                    continue
                if isinstance(data, dict):
                    for key in ("baseURL", "baseurl", "baseUrl"):
                        value = data.get(key)
                        if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
                            return value
    return None


def hugo_url(rel: PurePosixPath, front: dict[str, object] | None = None) -> str:
    """The URL path Hugo serves a content file at (lower-case, with a trailing slash)."""
    front = front or {}
    if isinstance(front.get("url"), str):
        url = "/" + str(front["url"]).strip("/") + "/"
        return url.replace("//", "/").lower()
    if rel.stem in ("index", "_index"):
        parts = list(rel.parent.parts)
    else:
        parts = [*rel.parent.parts, rel.stem]
    if isinstance(front.get("slug"), str) and parts and rel.stem not in ("index", "_index"):
        parts[-1] = str(front["slug"])
    return ("/" + "/".join(parts) + "/").replace("//", "/").lower()


def output_path(rel: PurePosixPath) -> PurePosixPath:
    """Where a content file goes in the Sphinx source directory (``_index.md`` → ``index.md``)."""
    if rel.name.startswith("_index."):
        return rel.with_name("index.md")
    return rel.with_suffix(".md")


@dataclass(frozen=True)
class LinkTarget:
    """A rewritten link: ``kind`` is doc, file, absolute, external, anchor, shortcode or kept.

    ``file`` is a file copied from the content directory (an image of a page bundle),
    as a path relative to the page; ``shortcode`` is a link whose address is a
    shortcode kept verbatim (reported where the shortcode was found).
    """

    href: str
    kind: str
    docname: str | None = None


@dataclass
class Site:
    base_url: str | None = None
    #: Hugo URL path → output path of each migrated page
    pages: dict[str, PurePosixPath] = field(default_factory=dict)
    #: content path (lower case) → content path of each migrated page
    by_content_path: dict[str, PurePosixPath] = field(default_factory=dict)
    #: file name (lower case) → content paths of the pages of that name
    by_name: dict[str, list[PurePosixPath]] = field(default_factory=dict)
    #: content path → the URL path Hugo served the page at
    urls: dict[PurePosixPath, str] = field(default_factory=dict)
    #: URL path (lower case) → output path of each copied file (bundle resources)
    files: dict[str, PurePosixPath] = field(default_factory=dict)

    def add_page(self, rel: PurePosixPath, front: dict[str, object]) -> None:
        url = hugo_url(rel, front)
        self.pages[url] = output_path(rel)
        self.urls[rel] = url
        self.by_content_path[str(rel).lower()] = rel
        self.by_name.setdefault(rel.name.lower(), []).append(rel)

    def add_file(self, rel: PurePosixPath) -> None:
        """A file copied unchanged; Hugo publishes it under its bundle's URL."""
        for depth in range(len(rel.parts) - 1, -1, -1):
            folder = PurePosixPath(*rel.parts[:depth])
            bundle = next(
                (
                    folder / name
                    for name in ("index.md", "_index.md", "index.markdown", "_index.markdown")
                    if folder / name in self.urls
                ),
                None,
            )
            if bundle is not None:
                url = self.urls[bundle] + "/".join(rel.parts[depth:])
                break
        else:
            url = "/" + str(rel)
        self.files[url.lower()] = rel

    def find_page(self, target: str, page: PurePosixPath) -> PurePosixPath | None:
        """The migrated page a ``ref``/``relref`` path names, as Hugo looks it up.

        A path without a leading ``/`` is tried relative to the page's folder first, then
        to the content root; the suffix and a section's ``_index.md`` may be left out; a
        bare file name matches when exactly one page has it.
        """
        name = target.strip()
        bases = [name.lstrip("/")]
        if not name.startswith("/"):
            bases.insert(0, posixpath.normpath(str(page.parent / name)))
        for base in bases:
            base = base.strip("/")
            stems = [base] if base not in ("", ".") else []
            for candidate in [
                *stems,
                *(f"{base}{suffix}" for suffix in (".md", ".markdown") if stems),
                *(
                    posixpath.join(base if stems else "", index)
                    for index in ("_index.md", "index.md", "_index.markdown", "index.markdown")
                ),
            ]:
                found = self.by_content_path.get(candidate.lower())
                if found is not None:
                    return found
        same_name = self.by_name.get(PurePosixPath(name).name.lower(), [])
        return same_name[0] if len(same_name) == 1 else None

    def ref_url(self, target: str, page: PurePosixPath) -> str | None:
        """The URL path a ``ref``/``relref`` shortcode gives, or None if not migrated."""
        path, _, anchor = target.partition("#")
        found = self.find_page(path, page) if path else page
        if found is None or found not in self.urls:
            return None
        return self.urls[found] + (f"#{anchor}" if anchor else "")

    def resolve(self, href: str, page: PurePosixPath) -> LinkTarget:
        """Rewrite ``href`` as written on the content page ``page`` (its content path)."""
        href = href.strip()
        if "\x0e" in href:  # a shortcode token (see hugo.shortcodes): kept verbatim
            return LinkTarget(href, "shortcode")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return LinkTarget(href, "external")
        if not parts.path:
            return LinkTarget(href, "anchor")
        own_url = self.urls.get(page) or hugo_url(page)
        path = urljoin(own_url, parts.path)
        key = path.lower() if path.endswith("/") else path.lower() + "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if key in self.pages:
            return self._doc_link(self.pages[key], page, fragment)
        copied = self.files.get(unquote(path).lower())
        if copied is not None:
            return LinkTarget(self._relative(copied, page), "file")
        if self.base_url:
            absolute = urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))
            query = f"?{parts.query}" if parts.query else ""
            return LinkTarget(absolute + query + fragment, "absolute")
        # Kept, but as the site path Hugo resolved it to: a relative path would point
        # elsewhere in Sphinx's output layout (page.html, not page/).
        query = f"?{parts.query}" if parts.query else ""
        return LinkTarget(path + query + fragment, "kept")

    @staticmethod
    def _relative(out: PurePosixPath, page: PurePosixPath) -> str:
        here = str(output_path(page).parent)
        return posixpath.relpath(str(out), here if here != "." else ".")

    def _doc_link(self, out: PurePosixPath, page: PurePosixPath, fragment: str) -> LinkTarget:
        return LinkTarget(self._relative(out, page) + fragment, "doc", str(out.with_suffix("")))
