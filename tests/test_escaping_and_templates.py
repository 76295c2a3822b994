"""No data or author text reaches HTML unescaped; template overrides and their failures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings, text


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_hostile_text_is_escaped_everywhere(built: Any) -> None:
    raw = (Path(built.outdir) / "index.html").read_text()
    body = raw[raw.index('<div class="iassist-notice') :]
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "<b>Hall</b>" not in body
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; Co" in body
    page = html(built)
    titles = {text(t) for t in page.select(".iassist-event-title")}
    assert "<script>alert('title')</script> & Co" in titles
    locations = {text(t) for t in page.select(".iassist-event-location")}
    assert "<b>Hall</b>, O'Hare" in locations
    assert not page.select("[onerror]") and not page.select("img")


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_json_ld_cannot_close_its_script(built: Any) -> None:
    raw = (Path(built.outdir) / "index.html").read_text()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0] and ">" not in scripts[0]


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_urls_stay_inside_their_attribute(built: Any) -> None:
    page = html(built)
    hrefs = {a["href"] for a in page.select(".iassist-event-list a[href]")}
    assert "https://example.org/?q='onmouseover='alert(2)'&x=1" in hrefs
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert not page.select("[onmouseover]")


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_a_url_with_quotes_or_brackets_is_no_uri(built: Any) -> None:
    """'"', '<' and '>' are not allowed in a URI (RFC 3986): refused, before any built."""
    found = [w for w in iassist_warnings(built) if "events.yaml:15" in w]
    assert len(found) == 1 and "is not allowed in a URL" in found[0], iassist_warnings(built)
    assert not html(built).select('[data-event-id="breakout-url"]')


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_unsafe_scheme_is_a_located_warning(built: Any) -> None:
    found = [w for w in iassist_warnings(built) if "JaVaScRiPt" in w]
    assert len(found) == 1 and "events.yaml:11" in found[0] and "[iassist.data]" in found[0]


@pytest.mark.sphinx("html", testroot="escaping")
@pytest.mark.test_params(shared_result="test_escaping")
def test_button_label_is_text(built: Any) -> None:
    page = html(built)
    labels = [text(b) for b in page.select("p.iassist-button-line a.iassist-button")]
    assert labels == ["<img src=x onerror=alert(4)>"]


@pytest.mark.sphinx("html", testroot="templates")
@pytest.mark.test_params(shared_result="test_templates")
def test_project_template_overrides_ours(built: Any) -> None:
    page = html(built)
    custom = page.select_one(".iassist-style-list .custom-event")
    assert custom is not None and custom["data-event-id"] == "one"
    assert text(custom.select_one(".custom-title")) == "Event <One>"  # still autoescaped
    assert custom.select_one("time")["datetime"] == "2021-05-17"


@pytest.mark.sphinx("html", testroot="templates")
@pytest.mark.test_params(shared_result="test_templates")
def test_broken_templates_warn_with_location_and_fall_back(built: Any) -> None:
    found = [w for w in iassist_warnings(built) if "[iassist.template]" in w]
    assert len(found) == 2, iassist_warnings(built)
    syntax = next(w for w in found if "event-card.html" in w)
    assert re.search(r"_templates/iassist/event-card\.html:1", syntax)
    undefined = next(w for w in found if "event-row.html" in w)
    assert "no_such_variable" in undefined and "index.md" in undefined
    page = html(built)
    # the packaged built took over
    assert (
        page.select_one(".iassist-style-cards article.iassist-event .iassist-event-title")
        is not None
    )
    assert (
        page.select_one(".iassist-style-table tr.iassist-event td.iassist-event-title") is not None
    )
