"""The migrated site's pages and how Hugo links map onto them.

Hugo serves ``content/a/b.md`` at ``/a/b/``, ``content/a/b/index.md`` and
``content/a/b/_index.md`` at ``/a/b/``, and honours ``url`` and ``slug`` in front
matter. A link whose target is a migrated page becomes a MyST document link
(a relative ``.md`` path); a link to anything else becomes absolute against the
site's base URL if one is known, else it is kept as it is.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import yaml

__all__ = ["LinkTarget", "Site", "hugo_base_url"]

_SHORTCODE_REF = re.compile(r"""^\{\{[<%]\s*(rel)?ref\s+"?([^"\s]+)"?\s*[>%]\}\}$""")
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
                    data = tomllib.loads(text) if suffix == ".toml" else yaml.safe_load(text)
                except (OSError, tomllib.TOMLDecodeError, yaml.YAMLError):
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
    """A rewritten link: ``kind`` is doc, absolute, external, anchor or kept."""

    href: str
    kind: str
    docname: str | None = None


@dataclass
class Site:
    base_url: str | None = None
    #: Hugo URL path → output path of each migrated page
    pages: dict[str, PurePosixPath] = field(default_factory=dict)
    #: content path (as written in ref shortcodes) → output path
    by_content_path: dict[str, PurePosixPath] = field(default_factory=dict)

    def add_page(self, rel: PurePosixPath, front: dict[str, object]) -> None:
        out = output_path(rel)
        self.pages[hugo_url(rel, front)] = out
        self.by_content_path[str(rel).lower()] = out
        self.by_content_path[rel.name.lower()] = out

    def resolve(self, href: str, page: PurePosixPath) -> LinkTarget:
        """Rewrite ``href`` as written on the content page ``page`` (its content path)."""
        href = href.strip()
        shortcode = _SHORTCODE_REF.match(href)
        if shortcode:
            return self._resolve_ref(shortcode.group(2), page)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return LinkTarget(href, "external")
        if not parts.path:
            return LinkTarget(href, "anchor")
        own_url = hugo_url(page)
        path = urljoin(own_url, parts.path)
        key = path.lower() if path.endswith("/") else path.lower() + "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if key in self.pages:
            return self._doc_link(self.pages[key], page, fragment)
        if self.base_url:
            absolute = urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))
            query = f"?{parts.query}" if parts.query else ""
            return LinkTarget(absolute + query + fragment, "absolute")
        # Kept, but as the site path Hugo resolved it to: a relative path would point
        # elsewhere in Sphinx's output layout (page.html, not page/).
        query = f"?{parts.query}" if parts.query else ""
        return LinkTarget(path + query + fragment, "kept")

    def _resolve_ref(self, target: str, page: PurePosixPath) -> LinkTarget:
        name, _, anchor = target.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        candidates = [
            str(PurePosixPath(posixpath.normpath(str(page.parent / name)))),
            name.lstrip("/"),
            PurePosixPath(name).name,
        ]
        for candidate in candidates:
            out = self.by_content_path.get(candidate.lower())
            if out is not None:
                return self._doc_link(out, page, fragment)
        return LinkTarget(target, "kept")

    def _doc_link(self, out: PurePosixPath, page: PurePosixPath, fragment: str) -> LinkTarget:
        here = output_path(page).parent
        relative = posixpath.relpath(str(out), str(here) if str(here) != "." else ".")
        return LinkTarget(relative + fragment, "doc", str(out.with_suffix("")))
