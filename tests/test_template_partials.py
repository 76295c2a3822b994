"""The packaged partials are rendered in place (inlined) unless the project overrides them;
an overridden partial is the project's, and inlining never changes what a page shows."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, text, warnings

from sphinx_iassist.render import templating

PARTIALS = sorted(p.name for p in (templating.PACKAGE_TEMPLATES / "iassist").glob("_*.html"))
EVENT_TEMPLATES = sorted(set(templating.TEMPLATES.values()) | {"iassist/event-detail.html"})


def _source(search_path: tuple[str, ...], name: str) -> str:
    environment = templating._environment(search_path)
    source: str = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
    return source


@pytest.mark.parametrize("name", EVENT_TEMPLATES)
def test_packaged_templates_render_their_partials_in_place(name: str) -> None:
    assert '{% include "iassist/_' in (templating.PACKAGE_TEMPLATES / name).read_text(
        encoding="utf-8"
    )
    assert 'include "iassist/_' not in _source((), name)


def test_an_overridden_partial_stays_an_include(tmp_path: Path) -> None:
    (tmp_path / "iassist").mkdir()
    (tmp_path / "iassist" / "_title.html").write_text("<b>{{ event.title }}</b>\n")
    source = _source((str(tmp_path),), "iassist/event.html")
    assert '{% include "iassist/_title.html" %}' in source
    assert '{% include "iassist/_meta.html" %}' not in source


def _event_html(app: Any, docname: str) -> list[str]:
    body = html(app, docname).select_one("div.body")
    return [str(tag) for tag in body.select("[data-event-id]")] if body else []


@pytest.mark.parametrize(
    ("root", "docnames"),
    [("recurring", ["index", "styles"]), ("detail", ["index", "sweden", "others"])],
)
def test_identical_overrides_give_identical_pages(
    root: str,
    docnames: list[str],
    site_copy: Callable[..., Path],
    build_site: Callable[..., Any],
) -> None:
    inlined = build_site(site_copy(root, "inlined"))
    overridden_src = site_copy(root, "overridden")
    folder = overridden_src / "_templates" / "iassist"
    folder.mkdir(parents=True)
    for name in PARTIALS:
        shutil.copy(templating.PACKAGE_TEMPLATES / "iassist" / name, folder / name)
    overridden = build_site(overridden_src, confoverrides={"templates_path": ["_templates"]})
    assert len(warnings(inlined)) == len(warnings(overridden))
    for docname in docnames:
        shown = _event_html(inlined, docname)
        assert shown, docname
        assert shown == _event_html(overridden, docname)


def test_a_project_partial_is_used(
    site_copy: Callable[..., Path], build_site: Callable[..., Any]
) -> None:
    srcdir = site_copy("recurring")
    (srcdir / "_templates" / "iassist").mkdir(parents=True)
    (srcdir / "_templates" / "iassist" / "_title.html").write_text(
        '<span class="project-title">{{ event.title }}</span>\n', encoding="utf-8"
    )
    app = build_site(srcdir, confoverrides={"templates_path": ["_templates"]})
    titles = html(app).select(".iassist-event-list .iassist-event-title .project-title")
    assert titles and all(text(t) for t in titles)


def test_a_template_edited_between_builds_is_read_again(
    site_copy: Callable[..., Path], build_site: Callable[..., Any]
) -> None:
    srcdir = site_copy("recurring")
    partial = srcdir / "_templates" / "iassist" / "_title.html"
    partial.parent.mkdir(parents=True)
    overrides = {"templates_path": ["_templates"]}
    for word in ("first", "second"):
        partial.write_text(f'<span class="{word}">{{{{ event.title }}}}</span>\n', encoding="utf-8")
        app = build_site(srcdir, confoverrides=overrides, freshenv=True)
        assert html(app).select(f".iassist-event-list .{word}"), word


@pytest.mark.parametrize(
    "source",
    [
        "{{ event.title }}|{{ event.labels.mode }}",  # items, nested
        "{{ event['title'] }}|{{ event.get('title') }}",  # subscript, a dict method
        "{{ event.items is callable }}|{{ event.keys() | list | length }}",  # a method's name
        "{{ event.update is defined }}|{{ event.copy is callable }}",
        "{{ event.missing is defined }}|{{ event.labels.missing is undefined }}",
        "{{ event.__class__ is defined }}|{{ event._private }}",  # what the sandbox refuses
        "{{ event.shown.text }}",  # an attribute of an object that is no dict
    ],
)
def test_attribute_lookup_is_jinjas(source: str) -> None:
    """The templates' environment looks ``x.name`` up as Jinja's own sandbox does (a dict's
    methods first, then its items), on every kind of value."""
    from jinja2.sandbox import SandboxedEnvironment

    from sphinx_iassist.dates.formatting import Segment

    context = {
        "event": {
            "title": "<Conf>",
            "items": "an item named like a method",
            "_private": "hidden",
            "labels": {"mode": "Online"},
            "shown": Segment("May 17"),
        }
    }
    ours = templating._environment(())
    assert type(ours) is not SandboxedEnvironment
    jinjas = SandboxedEnvironment(autoescape=True, undefined=ours.undefined)
    try:
        expected = jinjas.from_string(source).render(context)
    except Exception as exc:  # the same error, then
        with pytest.raises(type(exc)):
            ours.from_string(source).render(context)
    else:
        assert ours.from_string(source).render(context) == expected
