"""import-hugo: Hugo content pages to MyST pages, an events file and a report."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sphinx_iassist.cli import main
from sphinx_iassist.hugo.importer import HugoImportError, import_hugo
from sphinx_iassist.hugo.tone import nearest_tone, parse_css_colour

DATA = Path(__file__).parent / "data" / "hugo"
SEED = DATA / "seed" / "content"


def migrate(tmp_path: Path, content: Path, **kwargs: object) -> tuple[Path, object]:
    out = tmp_path / "out"
    report = import_hugo(content, out, **kwargs)  # type: ignore[arg-type]
    return out, report


def copy_content(tmp_path: Path, source: Path) -> Path:
    content = tmp_path / "site" / "content"
    shutil.copytree(source, content)
    return content


# --- the seed page ------------------------------------------------------------------------


def test_seed_front_matter_and_title(tmp_path: Path) -> None:
    out, _ = migrate(tmp_path, SEED)
    page = (out / "conferences.md").read_text()
    front = yaml.safe_load(page.split("---\n")[1])
    assert front == {"title": "Conferences"}  # draft = "false" understood, not carried over
    assert "\n# Conferences\n" in page
    assert "## Annual IASSIST Conference" in page


def test_seed_notice_box(tmp_path: Path) -> None:
    out, _ = migrate(tmp_path, SEED)
    page = (out / "conferences.md").read_text()
    notice = re.search(
        r"^(`{4,})\{notice-box\} (.*)\n:tone: (\w+)\n\n(.*?)^\1$", page, re.MULTILINE | re.DOTALL
    )
    assert notice, page
    assert notice.group(2) == "Changes to the IASSIST 2021 conference"
    assert notice.group(3) == "warning"  # #fdebd0 is nearest to the warning tone
    body = notice.group(4)
    assert body.startswith("Because of the continued health")
    assert "<div" not in body and "<br" not in body and "&nbsp;" not in body
    assert "**main conference will be virtual and take place in May 17-20, 2021**" in body
    assert "> Please be aware" in body
    assert "[conference website](https://www.iassist2021.org/)" in body
    # nested headings are not allowed in directives: a rubric instead
    assert "```{rubric} 2021 IASSIST Events\n```" in body
    assert "```{event-list}\n:series: IASSIST 2021\n:style: buttons\n```" in body
    assert "Forthcoming" not in body and "btn" not in body
    assert body.rstrip().endswith("pertaining to all IASSIST events.**")


def test_seed_events_file(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, SEED)
    data = yaml.safe_load((out / "events.yaml").read_text())
    assert data["events"] == [
        {
            "id": "iassist-virtual-2021",
            "title": "Global Virtual Conference",
            "series": "IASSIST 2021",
            "start": "TODO",
        },
        {
            "id": "iassist-sweden-2021",
            "title": "IASSIST/CESSDA Summit",
            "series": "IASSIST 2021",
            "start": "TODO",
        },
        {
            "id": "iassist-africa-2021",
            "title": "Africa Workshop",
            "series": "IASSIST 2021",
            "start": "TODO",
        },
    ]
    text = (out / "events.yaml").read_text()
    assert "# listed under 'Completed' on conferences.md\n  - id: iassist-africa-2021" in text
    assert report.events_file == "events.yaml" and report.event_count == 3


def test_seed_report_lists_everything_not_mapped(tmp_path: Path) -> None:
    _, report = migrate(tmp_path, SEED)
    found = {(i.line, i.kind, i.message.split(":")[0]) for i in report.items}
    assert (41, "kept", "link '/community/code-of-conduct'") in found
    assert (39, "dropped", "<br /> used only for spacing") in found
    assert (45, "dropped", "<br /> used only for spacing") in found
    todos = [i for i in report.items if i.kind == "todo" and "start date" in i.message]
    assert len(todos) == 3
    assert not report.failed
    text = report.render()
    assert "conferences.md:41: kept: link '/community/code-of-conduct'" in text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words += re.findall(r"[A-Za-z0-9][\w/-]*", data)


def test_seed_no_visible_text_is_lost(tmp_path: Path) -> None:
    """Every word a reader sees on the Hugo page is in the migrated page or its events."""
    out, _ = migrate(tmp_path, SEED)
    seed = (SEED / "conferences.md").read_text().split("+++", 2)[2]
    seed = re.sub(r"\]\([^)]*\)|\bhref=\"[^\"]*\"|class=\"[^\"]*\"|style=\"[^\"]*\"", "", seed)
    parser = _Text()
    parser.feed(seed)
    migrated = (out / "conferences.md").read_text() + (out / "events.yaml").read_text()
    missing = {
        w for w in parser.words if w not in migrated and w not in ("Forthcoming", "Completed")
    }
    # the group headings become the event-list's own headings, from the events' dates
    assert missing == set()


# --- links ------------------------------------------------------------------------------


def test_links_to_migrated_pages_become_document_links(tmp_path: Path) -> None:
    content = copy_content(tmp_path, SEED)
    (content / "community").mkdir()
    (content / "community" / "code-of-conduct.md").write_text(
        "+++\ntitle = 'Code'\n+++\nBe kind.\n"
    )
    (content / "conferences").mkdir()
    (content / "conferences" / "iassist-virtual-2021.md").write_text(
        "---\ntitle: Virtual\n---\nOnline.\n"
    )
    out, report = migrate(tmp_path, content)
    page = (out / "conferences.md").read_text()
    assert "**[Code of Conduct](community/code-of-conduct.md) pertaining" in page
    events = {e["id"]: e for e in yaml.safe_load((out / "events.yaml").read_text())["events"]}
    assert events["iassist-virtual-2021"]["page"] == "conferences/iassist-virtual-2021"
    assert "page" not in events["iassist-africa-2021"]
    assert not [i for i in report.items if "code-of-conduct" in i.message]


def test_base_url_from_hugo_config_makes_other_links_absolute(tmp_path: Path) -> None:
    content = copy_content(tmp_path, SEED)
    (content.parent / "hugo.toml").write_text('baseURL = "https://iassist-data.org/"\n')
    out, report = migrate(tmp_path, content)
    page = (out / "conferences.md").read_text()
    assert "[Code of Conduct](https://iassist-data.org/community/code-of-conduct)" in page
    events = yaml.safe_load((out / "events.yaml").read_text())["events"]
    assert events[0]["url"] == "https://iassist-data.org/conferences/iassist-virtual-2021/"
    assert not [i for i in report.items if i.kind == "kept"]


def test_base_url_option_wins(tmp_path: Path) -> None:
    content = copy_content(tmp_path, SEED)
    (content.parent / "config.yaml").write_text("baseURL: https://old.example.org/\n")
    out, _ = migrate(tmp_path, content, base_url="https://new.example.org")
    assert (
        "https://new.example.org/community/code-of-conduct" in (out / "conferences.md").read_text()
    )


# --- other pages ------------------------------------------------------------------------


def test_yaml_front_matter_page(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, DATA / "yaml" / "content")
    page = (out / "about.md").read_text()
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"] == "About the Association"
    assert front["myst"] == {"html_meta": {"description": "Who we are and what we do"}}
    assert front["weight"] == 10 and front["menu"] == {"main": {"parent": "about"}}
    assert "draft" not in front
    assert "# About the Association\n\n## Who we are" in page
    assert 'Read our <a href="/history/">history</a> and **join** us.\\\nIt costs *less*' in page
    assert "```{raw} html\n<table><tr><td>Kept as it is</td></tr></table>\n```" in page
    kept = {i.message for i in report.items if i.kind == "kept"}
    assert "front matter 'weight' has no Sphinx meaning; kept as it is" in kept
    assert "<table> has no Markdown equivalent; kept in a raw block" in kept


def test_unknown_shortcode_is_kept_and_reported(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, DATA / "shortcode" / "content")
    page = (out / "media.md").read_text()
    assert "\n% {{< youtube dQw4w9WgXcQ >}}\n" in page
    assert "\n% {{% notice info %}}\n\nSlides are on Zenodo.\n\n% {{% /notice %}}\n" in page
    assert "{{< mark >}}not{{< /mark >}}" in page
    # ref shortcodes to migrated pages become document links
    assert "See [the conference page](conferences.md)." in page
    lines = {(i.line, i.kind) for i in report.items if "shortcode" in i.message}
    assert {(8, "kept"), (10, "kept"), (12, "kept"), (14, "kept")} <= lines
    assert any("youtube" in i.message for i in report.items)


def test_draft_page_is_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "old.md").write_text('+++\ntitle = "Old"\ndraft = "true"\n+++\nGone.\n')
    out, report = migrate(tmp_path, content)
    assert yaml.safe_load((out / "old.md").read_text().split("---\n")[1])["draft"] is True
    assert any(i.kind == "check" and "draft" in i.message for i in report.items)


def test_lone_buttons_become_event_buttons(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "join.md").write_text(
        '+++\ntitle = "Join"\n+++\n'
        '<a class="btn btn-primary" href="https://example.org/register">Register now</a>\n\n'
        '<a class="btn" href="/nowhere/">Nowhere</a>\n'
    )
    out, report = migrate(tmp_path, content)
    page = (out / "join.md").read_text()
    assert "```{event-button} https://example.org/register\n:label: Register now\n```" in page
    assert '```{raw} html\n<a class="btn" href="/nowhere/">Nowhere</a>\n```' in page
    assert any(i.kind == "kept" and "Nowhere" in i.message for i in report.items)
    assert not (out / "events.yaml").exists()


def test_unreadable_front_matter_is_copied_and_fails(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "broken.md").write_text("+++\ntitle = \n+++\nText\n")
    (content / "logo.png").write_bytes(b"\x89PNG")
    out, report = migrate(tmp_path, content)
    assert (out / "broken.md").read_text() == "+++\ntitle = \n+++\nText\n"
    assert (out / "logo.png").read_bytes() == b"\x89PNG"
    assert report.failed


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "conferences.md").write_text("mine")
    with pytest.raises(HugoImportError, match=r"would overwrite conferences\.md"):
        import_hugo(SEED, out)
    assert (out / "conferences.md").read_text() == "mine"
    import_hugo(SEED, out, force=True)
    assert (out / "conferences.md").read_text() != "mine"


def test_cli_import_hugo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-hugo", str(SEED), str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "migrated conferences.md -> conferences.md" in printed
    assert "wrote    events.yaml (3 events)" in printed
    assert main(["import-hugo", str(SEED), str(tmp_path / "out")]) == 2  # files in the way
    assert main(["import-hugo", str(tmp_path / "missing"), str(tmp_path / "o")]) == 2


# --- tones ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colour", "tone"),
    [
        ("#fdebd0", "warning"),
        ("#FFE0B2", "warning"),
        ("#eee", "neutral"),
        ("#f8d7da", "danger"),
        ("rgb(255, 200, 200)", "danger"),
        ("rgb(212 237 218)", "success"),
        ("lightgreen", "success"),
        ("lightblue", "info"),
        ("hsl(205, 70%, 90%)", "info"),
        ("#d9edf7", "info"),
    ],
)
def test_nearest_tone(colour: str, tone: str) -> None:
    rgb = parse_css_colour(colour)
    assert rgb is not None
    assert nearest_tone(rgb) == tone


def test_unreadable_colour() -> None:
    assert parse_css_colour("var(--brand)") is None
    assert parse_css_colour("#12") is None


# --- end to end: migrate the seed, fill the dates, build with -W ------------------------

SEED_DATES = {
    "iassist-virtual-2021": ("2021-05-17", "2021-05-20"),
    "iassist-sweden-2021": ("2021-09-14", "2021-09-16"),
    "iassist-africa-2021": ("2021-03-10", "2021-03-12"),
}


def fill_dates(events_file: Path) -> None:
    """What the author does after the migration: replace each TODO with the real dates."""
    text = events_file.read_text()
    for event_id, (start, end) in SEED_DATES.items():
        text, count = re.subn(
            rf"(- id: {event_id}\n(?:    .*\n)*?)    start: TODO\n",
            rf"\g<1>    start: {start}\n    end: {end}\n",
            text,
        )
        assert count == 1, event_id
    events_file.write_text(text)


def build_migrated(tmp_path: Path, content: Path) -> tuple[object, Path]:
    from bs4 import BeautifulSoup
    from sphinx.cmd.build import build_main

    out, _ = migrate(tmp_path, content)
    assert main(["validate", str(out / "events.yaml")]) == 1  # the TODOs
    fill_dates(out / "events.yaml")
    assert main(["validate", str(out / "events.yaml")]) == 0
    (out / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]\n'
        'iassist_events = ["events.yaml"]\n'
        'iassist_today = "2021-04-01"\n'
        'root_doc = "conferences"\n'
    )
    html = tmp_path / "html"
    assert build_main(["-W", "-q", "-b", "html", str(out), str(html)]) == 0
    soup = BeautifulSoup((html / "conferences.html").read_text(), "lxml")
    return soup, html


def check_seed_contract(soup: object) -> None:
    notice = soup.select_one(".iassist-notice")  # type: ignore[attr-defined]
    assert notice is not None
    assert "iassist-notice-warning" in notice["class"] and notice["role"] == "note"
    title = notice.select_one(".iassist-notice-title")
    assert title.get_text(strip=True) == "Changes to the IASSIST 2021 conference"
    body = notice.get_text(" ", strip=True)
    for phrase in (
        "Because of the continued health and economic concerns",
        "main conference will be virtual and take place in May 17-20, 2021",
        "IASSIST/CESSDA meeting in Gothenburg, Sweden",
        "Questions and concerns can be directed to the Executive Committee",
        "2021 IASSIST Events",
        "pertaining to all IASSIST events.",
    ):
        assert phrase in body, phrase
    assert notice.select_one("blockquote a[href='https://www.iassist2021.org/']")
    assert notice.select_one("strong").get_text() == (
        "main conference will be virtual and take place in May 17-20, 2021"
    )
    (event_list,) = notice.select(".iassist-event-list")
    groups = {
        group.select_one(".iassist-event-group-title").get_text(strip=True): [
            event["data-event-id"] for event in group.select(".iassist-event")
        ]
        for group in event_list.select(".iassist-event-group")
    }
    assert groups == {
        "Forthcoming": ["iassist-virtual-2021", "iassist-sweden-2021"],
        "Completed": ["iassist-africa-2021"],
    }
    labels = [b.get_text(strip=True) for b in event_list.select(".iassist-button")]
    assert labels == ["Global Virtual Conference", "IASSIST/CESSDA Summit", "Africa Workshop"]


def test_seed_end_to_end_with_base_url(tmp_path: Path) -> None:
    content = copy_content(tmp_path, SEED)
    (content.parent / "hugo.toml").write_text('baseURL = "https://iassist-data.org/"\n')
    soup, html = build_migrated(tmp_path, content)
    check_seed_contract(soup)
    buttons = soup.select(".iassist-event-list a.iassist-button")
    assert [b["href"] for b in buttons] == [
        "https://iassist-data.org/conferences/iassist-virtual-2021/",
        "https://iassist-data.org/conferences/iassist-sweden-2021/",
        "https://iassist-data.org/conferences/iassist-africa-2021/",
    ]
    for button in buttons:
        assert {"iassist-button", "iassist-button-primary"} <= set(button["class"])
    coc = soup.find("a", string="Code of Conduct")
    assert coc["href"] == "https://iassist-data.org/community/code-of-conduct"
    assert (html / "events.ics").is_file()


def test_seed_end_to_end_alone(tmp_path: Path) -> None:
    """No base URL, nothing else migrated: still builds with -W; links kept as they were."""
    soup, _ = build_migrated(tmp_path, SEED)
    check_seed_contract(soup)
    coc = soup.find("a", string="Code of Conduct")
    assert coc["href"] == "/community/code-of-conduct"


def test_notice_variants(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "news.md").write_text(
        '+++\ntitle = "News"\n+++\n'
        '<div class="alert-danger"><b>Cancelled</b></div>\n'
        "<div>The <em>workshop</em> is off.</div>\n\n"
        "Between.\n\n"
        '<div style="background-color: var(--warn); font-weight: bold">Heads up</div>\n\n'
        '<div style="padding: 1em">Bring a <a href="https://example.org/badge">badge</a>.</div>\n'
    )
    out, report = migrate(tmp_path, content)
    page = (out / "news.md").read_text()
    assert "```{notice-box} Cancelled\n:tone: danger\n\nThe *workshop* is off.\n```" in page
    assert (
        "```{notice-box} Heads up\n:tone: info\n\nBring a [badge](https://example.org/badge).\n```"
    ) in page
    assert page.index("Cancelled") < page.index("Between.") < page.index("Heads up")
    assert any(
        i.kind == "check" and "var(--warn)" in i.message and i.line == 9 for i in report.items
    )


def test_lone_button_to_a_migrated_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "about").mkdir(parents=True)
    (content / "about" / "_index.md").write_text('+++\ntitle = "About"\n+++\nUs.\n')
    (content / "join.md").write_text('<a class="btn" href="/about/">About us</a>\n')
    out, _ = migrate(tmp_path, content)
    assert "```{event-button} /about/index\n:label: About us\n```" in (out / "join.md").read_text()


def test_tone_colours_are_the_stylesheets() -> None:
    """The importer's reference colours are the light-mode title bands of the stylesheet."""
    from sphinx_iassist.hugo.tone import TONE_COLOURS

    css_file = Path(__file__).parents[1] / "src" / "sphinx_iassist" / "static" / "iassist.css.jinja"
    css = re.sub(r"/\*.*?\*/", "", css_file.read_text(), flags=re.DOTALL)  # not the comments
    for tone, rgb in TONE_COLOURS.items():
        first = re.search(rf"--iassist-{tone}-title-bg:\s*(#[0-9a-fA-F]{{6}})", css)
        assert first, tone
        assert parse_css_colour(first.group(1)) == rgb, tone


# --- ref/relref shortcodes --------------------------------------------------------------

REFS = DATA / "refs" / "content"
# what no output file may hold: control characters (the importer's own markers among them)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def written_text(out: Path) -> dict[str, str]:
    """Every page and data file the import wrote, by path."""
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.suffix in (".md", ".yaml")
    }


def items(report: object, kind: str | None = None) -> list[tuple[str, int, str]]:
    return [
        (i.page, i.line, i.message)
        for i in report.items  # type: ignore[attr-defined]
        if kind is None or i.kind == kind
    ]


def test_ref_and_relref_to_migrated_pages_become_document_links(tmp_path: Path) -> None:
    out, _ = migrate(tmp_path, REFS)
    page = (out / "conferences" / "index.md").read_text()
    assert "Read [about us](../about/index.md) and the" in page
    assert "[scope](../community/code-of-conduct.md#scope)" in page
    # in an HTML attribute, with quotes of its own
    assert "[Code of Conduct](../community/code-of-conduct.md)." in page


@pytest.mark.parametrize("about_migrated", [True, False])
def test_relref_in_a_markdown_link(tmp_path: Path, about_migrated: bool) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text('See [x]({{< relref "/about" >}}).\n')
    if about_migrated:
        (content / "about.md").write_text("About.\n")
    out, report = migrate(tmp_path, content)
    page = (out / "index.md").read_text()
    assert not CONTROL.search(page)
    if about_migrated:
        assert "See [x](about.md)." in page
        assert report.render().rstrip().endswith("nothing to review")  # type: ignore[attr-defined]
    else:
        assert 'See [x]({{< relref "/about" >}}).' in page  # verbatim: MyST shows it as text
        assert [(line, m.split(":")[0]) for _, line, m in items(report, "kept")] == [
            (1, "relref '/about'")
        ]
        assert "nothing to review" not in report.render()  # type: ignore[attr-defined]


def test_unresolved_ref_is_kept_verbatim_and_reported(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, REFS)
    page = (out / "conferences" / "index.md").read_text()
    assert 'The [archive]({{< relref "/archive" >}}) is not here.' in page
    assert ("conferences/_index.md", 6) in {(p, line) for p, line, _ in items(report, "kept")}
    for name, text in written_text(out).items():
        assert not CONTROL.search(text), name


def test_ref_in_a_button_is_the_migrated_document_not_an_event(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, REFS)
    page = (out / "conferences" / "index.md").read_text()
    assert "```{event-button} /about/index\n:label: About the association\n```" in page
    events = yaml.safe_load((out / "events.yaml").read_text())["events"]
    assert [(e["id"], e["title"]) for e in events] == [
        ("iassist-2026", "IASSIST 2026"),
        ("next-year-2027", "Next year"),
        ("last-year-2025", "Last year"),
    ]
    assert events[0]["page"] == "conferences/iassist-2026/index"
    assert "page" not in events[2] and "url" not in events[2]  # its ref was not migrated
    todo = {m for _, line, m in items(report, "todo") if line == 16}
    assert any("'last-year-2025'" in m and "add 'page:' or 'url:'" in m for m in todo)


def test_escaped_shortcodes_are_text_and_code_stays_code(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "howto.md").write_text(
        'Write `{{</* ref "page.md" */>}}` to link.\n\n'
        "{{</* youtube id */>}}\n\n"
        "```\n{{< youtube abc >}}\n```\n"
    )
    out, report = migrate(tmp_path, content)
    page = (out / "howto.md").read_text()
    assert 'Write `{{< ref "page.md" >}}` to link.' in page
    assert "\n{{< youtube id >}}\n" in page
    assert "```\n{{< youtube abc >}}\n```" in page  # not turned into a % comment
    assert [line for _, line, _ in items(report)] == [6]  # only the real shortcode


def test_page_cannot_forge_the_importers_markers(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.md").write_text(
        "Text \x0e0\x0f and \x020\x02 and \x01BR\x01 {{< mark >}}x{{< /mark >}} \x1b[31m\n"
    )
    out, report = migrate(tmp_path, content)
    page = (out / "p.md").read_text()
    assert not CONTROL.search(page)
    assert "Text 0 and 0 and BR {{< mark >}}x{{< /mark >}} [31m" in page
    assert ("p.md", 1) in {(p, line) for p, line, _ in items(report, "dropped")}


def test_shortcodes_alone_on_their_lines_are_comments(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.md").write_text(
        'Before\n\n{{< figure\n  src="a.png" >}}{{< /figure >}}\n\nAfter {{< x\n'
    )
    out, report = migrate(tmp_path, content)
    page = (out / "p.md").read_text()
    assert '% {{< figure\n%   src="a.png" >}}{{< /figure >}}' in page
    assert "After {{< x" in page  # unclosed: text, reported
    assert {(line, m.split(" ")[0]) for _, line, m in items(report, "kept")} == {
        (3, "shortcode"),
        (4, "shortcode"),
        (6, "'{{<'"),
    }


# --- page bundles and copied files ------------------------------------------------------


def test_page_bundle_images_point_to_the_copied_files(tmp_path: Path) -> None:
    out, report = migrate(tmp_path, REFS)
    page = (out / "conferences" / "iassist-2026" / "index.md").read_text()
    assert "![The venue](venue.jpg)" in page
    assert "![The hall](hall.png)" in page  # an <img> block
    assert "The [programme](programme.pdf) and our ![logo](../../images/logo.png)." in page
    bundle = REFS / "conferences" / "iassist-2026"
    for name in ("venue.jpg", "hall.png", "programme.pdf"):
        copied = out / "conferences" / "iassist-2026" / name
        assert copied.read_bytes() == (bundle / name).read_bytes()
    assert (
        "conferences/iassist-2026/index.md",
        6,
        "<img> attribute(s) width have no Markdown equivalent; left out",
    ) in items(report, "check")


def test_bundle_files_win_over_the_base_url(tmp_path: Path) -> None:
    out, _ = migrate(tmp_path, REFS, base_url="https://old.example.org/")
    page = (out / "conferences" / "iassist-2026" / "index.md").read_text()
    assert "![The venue](venue.jpg)" in page
    assert "old.example.org" not in page


def test_bundle_served_under_its_url(tmp_path: Path) -> None:
    """A bundle with ``url`` in its front matter publishes its files under that URL."""
    content = tmp_path / "content"
    (content / "events" / "summit").mkdir(parents=True)
    (content / "events" / "summit" / "index.md").write_text("---\nurl: /summit/\n---\nHi.\n")
    (content / "events" / "summit" / "map.png").write_bytes(b"\x89PNG")
    (content / "news.md").write_text("![map](/summit/map.png) [summit](/summit/)\n")
    out, _ = migrate(tmp_path, content)
    assert (
        "![map](events/summit/map.png) [summit](events/summit/index.md)"
        in (out / "news.md").read_text()
    )


# --- guesses the report must flag -------------------------------------------------------


def test_weak_guesses_are_flagged(tmp_path: Path) -> None:
    _, report = migrate(tmp_path, REFS)
    checks = [m for p, line, m in items(report, "check") if p == "conferences/_index.md"]
    assert any(
        m.startswith("event series '2026' was named from the heading '2026'")
        and "only a number" in m
        for m in checks
    )
    for event_id in ("next-year-2027", "last-year-2025"):
        assert any(m.startswith(f"event id {event_id!r} is a guess") for m in checks), event_id
    assert not any("'iassist-2026' is a guess" in m for m in checks)


def test_series_from_the_title_and_repeated_ids_are_flagged(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "meetings.md").write_text(
        '+++\ntitle = "Members meetings"\n+++\n### Upcoming\n\n'
        '<a class="btn" href="https://example.org/">Spring</a>\n'
        '<a class="btn" href="https://example.org/">Autumn</a>\n'
    )
    out, report = migrate(tmp_path, content)
    ids = [e["id"] for e in yaml.safe_load((out / "events.yaml").read_text())["events"]]
    assert ids == ["example-org", "example-org-2"]
    checks = [m for _, _, m in items(report, "check")]
    assert "event series 'Members meetings' was named from the page title 'Members meetings'" in (
        checks
    )
    assert "event id 'example-org' is a guess: made from the site's host name" in checks
    assert any(m.startswith("event id 'example-org-2' is a guess: made unique") for m in checks)


def test_strong_guesses_are_not_noise(tmp_path: Path) -> None:
    _, report = migrate(tmp_path, SEED)
    assert not [m for _, _, m in items(report, "check") if m.startswith("event id")]


@pytest.mark.parametrize(
    ("href", "label", "expected", "doubts"),
    [
        ("./iassist-virtual-2021/", "Virtual", "iassist-virtual-2021", 0),
        ("https://example.org/2027/", "Next year", "next-year-2027", 1),
        ("https://example.org/2027/", "2027", "2027", 1),
        ("https://example.org/events/index.html", "X", "index", 1),
        ("/", "", "event", 2),
        ("https://conf.example.org", "Conf", "conf-example-org", 1),
        ("/konferenz-göteborg/", "Konferenz", "konferenz-g-teborg", 1),
    ],
)
def test_event_ids(href: str, label: str, expected: str, doubts: int) -> None:
    from sphinx_iassist.hugo.page import event_id

    found, reasons = event_id(href, label, None)
    assert found == expected
    assert len(reasons) == doubts, reasons


# --- ref lookup -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "url"),
    [
        ("/about", "/about/"),
        ("about/_index.md", "/about/"),
        ("../about", "/about/"),
        ("summit.md#venue", "/events/summit/#venue"),
        ("/events/summit", "/events/summit/"),
        ("summit", "/events/summit/"),  # relative to the page first
        ("code.md", "/community/code/"),  # a file name only one page has
        ("index.md", None),  # two pages have it
        ("/missing", None),
    ],
)
def test_ref_lookup(target: str, url: str | None) -> None:
    from pathlib import PurePosixPath

    from sphinx_iassist.hugo.links import Site

    site = Site()
    for rel in ("about/_index.md", "events/summit.md", "community/code.md", "a/index.md"):
        site.add_page(PurePosixPath(rel), {})
    site.add_page(PurePosixPath("b/index.md"), {})
    assert site.ref_url(target, PurePosixPath("events/list.md")) == url


# --- end to end: the refs site builds with -W -------------------------------------------


def test_refs_site_end_to_end(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup
    from sphinx.cmd.build import build_main

    out, _ = migrate(tmp_path, REFS)
    events = out / "events.yaml"
    events.write_text(events.read_text().replace("start: TODO", "start: 2026-06-01"))
    (out / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]\n'
        'iassist_events = ["events.yaml"]\n'
        'iassist_today = "2026-01-01"\n'
        "myst_heading_anchors = 2\n"
        # the Hugo pages name no place for the event, which search engines would want
        'suppress_warnings = ["iassist.metadata"]\n'
    )
    # the migrated pages join the site as a user adds them: a toctree in the root document
    (out / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\n\n**\n```\n")
    html = tmp_path / "html"
    assert build_main(["-W", "-q", "-b", "html", str(out), str(html)]) == 0

    bundle = BeautifulSoup((html / "conferences/iassist-2026/index.html").read_text(), "lxml")
    sources = {img["alt"]: img["src"] for img in bundle.select("img")}
    assert sources == {
        "The venue": "../../_images/venue.jpg",
        "The hall": "../../_images/hall.png",
        "logo": "../../_images/logo.png",
    }
    for src in sources.values():
        assert (html / "conferences/iassist-2026" / src).resolve().is_file()
    assert bundle.select_one("a.download")["href"].endswith("/programme.pdf")

    conferences = BeautifulSoup((html / "conferences/index.html").read_text(), "lxml")
    links = {a.get_text(): a["href"] for a in conferences.select("a.reference")}
    assert links["about us"] == "../about/index.html"
    assert links["scope"] == "../community/code-of-conduct.html#scope"
    assert links["Code of Conduct"] == "../community/code-of-conduct.html"
    # kept, and shown (Sphinx's smart quotes curl its quotes)
    assert re.search(r"\{\{< relref \W/archive\W >\}\}", conferences.get_text())
    buttons = {b.get_text(strip=True): b["href"] for b in conferences.select("a.iassist-button")}
    assert buttons["About the association"] == "../about/index.html"
    assert buttons["IASSIST 2026"] == "iassist-2026/index.html"


# --- nothing silently dropped or changed ------------------------------------------------


def test_attributes_comments_and_stray_tags_are_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.md").write_text(
        '<p style="color:red">Hi <a href="https://e.org" target="_blank">l</a></p>\n\n'
        '<h2 id="dates">Dates</h2>\n\n'
        "<!-- a note -->\n\n"
        "Text </span> and &nbsp;x\n\n"
        "&nbsp;Indented\n\n"
        "<![CDATA[x]]>\n"
    )
    out, report = migrate(tmp_path, content)
    page = (out / "p.md").read_text()
    assert "Hi [l](https://e.org)" in page
    assert "<!-- a note -->" in page
    assert "```{raw} html\n<![CDATA[x]]>\n```" in page
    found = {(line, kind) for _, line, kind in [(i.page, i.line, i.kind) for i in report.items]}
    assert {(1, "check"), (3, "check"), (5, "kept"), (7, "kept"), (9, "dropped")} <= found
    assert (11, "kept") in found
    messages = " | ".join(m for _, _, m in items(report))
    for word in ("style", "target", "id", "comment", "</span>", "&nbsp;", "CDATA"):
        assert word in messages, word


def test_report_counts_what_it_lists(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.md").write_text("</div></div>\n")  # two items, same line and message
    _, report = migrate(tmp_path, content)
    text = report.render()  # type: ignore[attr-defined]
    assert text.count("closing </div> without its opening tag") == 1
    assert "; 1 kept" in text


def test_two_pages_for_one_output_is_an_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("From md.\n")
    (content / "a.markdown").write_text("From markdown.\n")
    out, report = migrate(tmp_path, content)
    assert (out / "a.md").read_text() == "From markdown.\n"  # name order: a.markdown first
    assert report.failed  # type: ignore[attr-defined]
    assert ("a.md", 1, "a.markdown is written to a.md too; this file was not migrated") in items(
        report, "error"
    )


def test_pages_in_other_formats_are_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "old.html").write_text("<p>old</p>")
    out, report = migrate(tmp_path, content)
    assert (out / "old.html").read_text() == "<p>old</p>"
    assert items(report, "kept") == [
        ("old.html", 1, "a .html page: only Markdown pages are converted; copied unchanged")
    ]


@pytest.mark.parametrize(
    ("out", "events_file", "message"),
    [
        ("content/out", "events.yaml", "inside CONTENT_DIR"),
        ("out", "../events.yaml", "--events-file"),
        ("out", "/tmp/events.yaml", "--events-file"),
        ("out", "data.yaml", "would overwrite a migrated file"),
    ],
)
def test_usage_errors(tmp_path: Path, out: str, events_file: str, message: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "data.yaml").write_text("a: 1\n")
    with pytest.raises(HugoImportError, match=re.escape(message)):
        import_hugo(content, tmp_path / out, events_file=events_file)
    assert not (tmp_path / "out").exists()


# --- hostile input: no traceback, located reporting, no control characters --------------

FRONT = '+++\ntitle = "T"\n+++\n'
HOSTILE: dict[str, tuple[str, bool]] = {  # page text, whether the page cannot be migrated
    "control characters": (FRONT + "a\x00b\x1bc\x7fd\x85e\n", False),
    "escaped control character in front matter": ('---\ntitle: "a\\x03b\\ud800"\n---\nx\n', False),
    "byte order mark and CRLF": ('\ufeff+++\r\ntitle = "T"\r\n+++\r\nline\r\n', False),
    "line separators": (FRONT + "one\u2028two\n\n<div>x\u2028y</div>\n\nthree\n", False),
    "front matter a list": ("---\n- a\n---\nx\n", True),
    "front matter never closed": ("+++\ntitle = 'x'\n", True),
    "YAML alias bomb": (
        "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nx\n",
        True,
    ),
    "YAML merge keys": (
        "---\na: &a {x: 1}\nb: &b {<<: [*a, *a]}\nc: {<<: [*b, *b]}\n---\nx\n",
        False,
    ),
    "YAML nested deeply": ("---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\nx\n", True),
    "YAML nested too deeply to write back": ("---\nx: " + "[" * 80 + "]" * 80 + "\n---\nx\n", True),
    "TOML nested deeply": ("+++\nx = " + "[" * 300 + "]" * 300 + "\n+++\nx\n", True),
    "huge integer": ("---\nx: " + "9" * 5000 + "\n---\nx\n", True),
    "huge TOML integer": ("+++\nx = " + "9" * 5000 + "\n+++\nx\n", True),
    "TOML local time": ("+++\nt = 07:32:00\n+++\nx\n", False),
    "YAML python tag": ("---\na: !!python/object/apply:os.system [ls]\n---\nx\n", True),
    "mixed keys": ("---\n1: a\nb: c\nnull: d\n---\nx\n", False),
    "title a mapping": ("---\ntitle: {a: 1}\ndescription: d\nmyst: 3\n---\nx\n", False),
    "nested shortcodes": (FRONT + 'A {{< a "{{< b >}}" >}} B {{< /a >}} {{< c\n', False),
    "unclosed HTML": (
        FRONT + '<div style="background:#fdebd0">T</div>\n<div>open\n\n<a href="/x">open\n\n'
        "<table><tr><td>x\n\n<!-- open\n\n<script>var x = '<a>'\n",
        False,
    ),
    "stray end tags": (FRONT + "</div></div>\n\n</span> text </a>\n", False),
    "deep HTML block": (FRONT + "<div>" * 3000 + "deep" + "</div>" * 3000 + "\n", False),
    "deep inline HTML": (FRONT + "x " + "<b>" * 3000 + "deep" + "</b>" * 3000 + "\n", False),
    "nested notices never closed": (
        FRONT + '<div style="background:#fdebd0">T</div>\n<div>\n\n' * 500,
        False,
    ),
    "deep Markdown": (FRONT + "> " * 3000 + "deep\n\n" + "- " * 2000 + "x\n", False),
    "declarations": (FRONT + "<!DOCTYPE html>\n<?php echo 1 ?>\n<![CDATA[x]]>\n", False),
    "empty page": ("", False),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_page(tmp_path: Path, case: str) -> None:
    text, unreadable = HOSTILE[case]
    content = tmp_path / "content"
    content.mkdir()
    (content / "page.md").write_text(text, encoding="utf-8", newline="")
    out, report = migrate(tmp_path, content)
    assert report.failed is unreadable  # type: ignore[attr-defined]
    lines = text.count("\n") + 1
    for item in report.items:  # type: ignore[attr-defined]
        assert item.page == "page.md" and 1 <= item.line <= lines, item
    if unreadable:
        assert (out / "page.md").read_bytes() == text.encode()
        (error,) = items(report, "error")
        assert error[2].endswith("copied unchanged")
    else:
        assert not CONTROL.search((out / "page.md").read_text(encoding="utf-8"))


def test_pages_that_are_not_text(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    (content / "image.md").write_bytes(png)
    (content / "latin1.md").write_bytes(b"line\ncaf\xe9\n")
    out, report = migrate(tmp_path, content)
    assert (out / "image.md").read_bytes() == png
    assert (out / "latin1.md").read_bytes() == b"line\ncaf\xe9\n"
    errors = {(page, line): m for page, line, m in items(report, "error")}
    assert errors[("image.md", 1)].startswith("not UTF-8 text (byte 0x89")
    assert errors[("latin1.md", 2)].startswith("not UTF-8 text (byte 0xe9")


def test_huge_page_is_copied_unchanged(tmp_path: Path) -> None:
    from sphinx_iassist.hugo.importer import MAX_PAGE_BYTES

    content = tmp_path / "content"
    content.mkdir()
    (content / "big.md").write_text("x" * (MAX_PAGE_BYTES + 1))
    out, report = migrate(tmp_path, content)
    assert (out / "big.md").stat().st_size == MAX_PAGE_BYTES + 1
    assert items(report, "error") == [
        ("big.md", 1, f"the page is larger than {MAX_PAGE_BYTES:,} bytes; copied unchanged")
    ]


def test_symlinked_folder_loop_is_not_followed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "a").mkdir(parents=True)
    (content / "a" / "page.md").write_text("Hi.\n")
    (content / "a" / "loop").symlink_to(content)
    _, report = migrate(tmp_path, content)
    assert report.pages == [("a/page.md", "a/page.md")]  # type: ignore[attr-defined]


def test_cost_is_bounded(tmp_path: Path) -> None:
    """Pages made to be slow convert within a CPU-time and memory limit.

    Each of these took minutes or exhausted the stack before (a run of unclosed tags
    made html.parser rescan the rest of the text from each one; markdown-it's inline
    pass on a run of brackets; notices nested without end).
    """
    import resource
    import subprocess
    import sys

    content = tmp_path / "content"
    content.mkdir()
    size = 100_000
    pages = {
        "tags": "<a " * (size // 3),
        "brackets": "[" * size,
        "links": "[a](b) " * (size // 7),
        "shortcodes": "{{< " * (size // 4),
        "notices": '<div style="background:#fdebd0">T</div>\n<div>\n\n' * (size // 50),
        "lines": "a\n" * (size // 2),
    }
    for name, body in pages.items():
        (content / f"{name}.md").write_text(body)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from sphinx_iassist.cli import main; sys.exit(main(sys.argv[1:]))",
            "import-hugo",
            str(content),
            str(tmp_path / "out"),
        ],
        preexec_fn=limits,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{len(pages)} page(s) migrated" in done.stdout


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", "baseURL = 'https://e.org/'\nx = " + "9" * 5000 + "\n"),
        ("hugo.yaml", "baseURL: https://e.org/\nx: " + "9" * 5000 + "\n"),
        (
            "hugo.yaml",
            "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]\n"
                for p, n in zip("abcde", "bcdef", strict=True)
            ),
        ),
        ("config.json", '{"baseURL": "https://e.org/", "x": [' * 1 + "\xff"),
    ],
)
def test_unreadable_site_config_is_ignored(tmp_path: Path, name: str, text: str) -> None:
    content = copy_content(tmp_path, SEED)
    (content.parent / name).write_text(text, encoding="latin-1")
    out, _ = migrate(tmp_path, content)
    assert "](/community/code-of-conduct)" not in (out / "conferences.md").read_text()


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    content = tmp_path / "content"
    (content / "locked").mkdir(parents=True)
    (content / "page.md").write_text("Hi.\n")
    scandir = os.scandir

    def refuse(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    _, report = migrate(tmp_path, content)
    assert items(report, "error") == [("locked", 1, "folder cannot be read (Permission denied)")]


def test_write_errors_are_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Hi.\n")
    (content / "b.md").write_text("Ho.\n")
    out = tmp_path / "out"
    (out / "a.md").mkdir(parents=True)  # a folder where the page goes
    report = import_hugo(content, out, force=True)
    assert (out / "b.md").read_text() == "Ho.\n"
    assert [(p, kind) for p, _, kind in [(i.page, i.line, i.kind) for i in report.items]] == [
        ("a.md", "error")
    ]
    assert report.failed


def test_image_not_migrated_is_kept_with_its_site_path(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "news" / "item.md").write_text("![logo](../static-logo.png)\n")
    out, report = migrate(tmp_path, content)
    assert '<img src="/news/static-logo.png" alt="logo" />' in (out / "news/item.md").read_text()
    assert items(report, "kept") == [
        (
            "news/item.md",
            1,
            "link '../static-logo.png': no page or file of that address was migrated and "
            "no --base-url is known; kept as an HTML link",
        )
    ]


def test_kept_links_are_html_and_reported_once() -> None:
    from pathlib import PurePosixPath

    from sphinx_iassist.hugo.links import Site
    from sphinx_iassist.hugo.markdown import Context, rewrite_markdown

    reported: list[tuple[int, str, str]] = []
    ctx = Context(Site(), PurePosixPath("p.md"), lambda *item: reported.append(item), line=3)
    text = rewrite_markdown("[![a `b`](/x.png)](/y) and [`c` <i>d</i>](/z)", ctx)
    assert text == (
        '<a href="/y"><img src="/x.png" alt="a `b`" /></a> and <a href="/z">`c` *d*</a>'
    )
    assert sorted(message.split(":")[0] for _, _, message in reported) == [
        "link '/x.png'",
        "link '/y'",
        "link '/z'",
    ]
