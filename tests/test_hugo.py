"""import-hugo: Hugo content pages to MyST pages, an events file and a report."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sphinx_iassist.cli import main
from sphinx_iassist.hugo import HugoImportError, import_hugo
from sphinx_iassist.hugo_tone import nearest_tone, parse_css_colour

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
    """The importer's reference colours are the light-mode title bands of iassist.css."""
    from sphinx_iassist.hugo_tone import TONE_COLOURS

    css_file = Path(__file__).parents[1] / "src" / "sphinx_iassist" / "static" / "iassist.css"
    css = re.sub(r"/\*.*?\*/", "", css_file.read_text(), flags=re.DOTALL)  # not the comments
    for tone, rgb in TONE_COLOURS.items():
        first = re.search(rf"--iassist-{tone}-title-bg:\s*(#[0-9a-fA-F]{{6}})", css)
        assert first, tone
        assert parse_css_colour(first.group(1)) == rgb, tone
