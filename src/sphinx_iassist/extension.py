"""Wiring: config values, nodes, directives, roles, the domain, transforms and events."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sphinx.util import logging

from sphinx_iassist import __version__, assets, config, nodes, roles
from sphinx_iassist.directives import DIRECTIVES
from sphinx_iassist.domain import IassistDomain, get_domain
from sphinx_iassist.labels import MESSAGE_CATALOG
from sphinx_iassist.publish import outputs, search_index
from sphinx_iassist.readers.limits import read_bounded
from sphinx_iassist.render.transforms import ResolveEventNodes
from sphinx_iassist.timeline import build_today

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _read_data(paths: list[Path]) -> dict[str, bytes | None]:
    """Each data file's bytes (None: it cannot be read or is over the size limit), in
    order, each file once."""
    contents: dict[str, bytes | None] = {}
    for path in paths:
        if str(path) not in contents:
            try:
                contents[str(path)] = read_bounded(path)
            except OSError:  # the loader reports it
                contents[str(path)] = None
    return contents


def _digests(contents: dict[str, bytes | None]) -> tuple[tuple[str, str | None], ...]:
    return tuple(
        (path, None if data is None else hashlib.sha256(data).hexdigest())
        for path, data in contents.items()
    )


def load_events(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: load the data once per build (reused while it is unchanged),
    fix "today", and report every data problem with its file and line.

    What was loaded is recorded as a digest of the very bytes parsed, not as the files'
    modification times: a file saved again while a build runs is then seen as changed by
    the next build, which re-reads every page that uses it. (Sphinx's own dependency check
    compares modification times with the time each page was read, so it would re-read only
    the pages read before the file was saved.)
    """
    domain = get_domain(env)
    domain.data["today"] = build_today(app.config.iassist_today).isoformat()
    paths = config.event_files(app)
    domain.data["files"] = [str(p) for p in paths]
    contents = _read_data(paths)
    # the zone is part of it: it gives datetimes without an offset their zone
    fingerprint = (_digests(contents), app.config.iassist_timezone)
    previous = domain.data.get("fingerprint")
    if previous != fingerprint or not domain.catalog_cache.is_file():
        from sphinx_iassist.readers.catalog import load_catalog  # the parsers: only when needed

        catalog = load_catalog(
            list(contents),
            default_timezone=app.config.iassist_timezone,
            contents={path: data for path, data in contents.items() if data is not None},
        )
        domain.set_catalog(catalog, fingerprint, str(app.confdir))
        if previous is not None and previous != fingerprint:
            _reread_data_users(env, docnames, paths)
    for source, line, message in domain.data["problems"]:
        location = config.sphinx_location(source, line)
        message = message if location else f"{source}: {message}"
        logger.warning(message, type="iassist", subtype="data", location=location)
    for event_id, page, _title, source, line in domain.data["pages"]:
        if page not in env.found_docs:
            logger.warning(
                f"'page' {page!r} of event {event_id!r} is not a document of this project; "
                "the event links to its 'url' instead",
                type="iassist",
                subtype="data",
                location=f"{source}:{line}",
            )


def _reread_data_users(env: BuildEnvironment, docnames: list[str], paths: list[Path]) -> None:
    """Add to ``docnames`` (in place, as ``env-before-read-docs`` allows) every document that
    used the data files and is not read yet."""
    files = set(paths)
    reading = set(docnames)
    more = sorted(
        docname
        for docname, dependencies in env.dependencies.items()
        if docname in env.found_docs
        and docname not in reading
        and not files.isdisjoint(Path(d) for d in dependencies)
    )
    if more:
        logger.info("%d more documents use the changed event data", len(more))
        docnames.extend(more)
        docnames.sort()


def outdated_by_date(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose grouping, "Happening now" badges or notices change
    with the date are rewritten (not re-read)."""
    return list(get_domain(env).outdated_by_date(ZoneInfo(app.config.iassist_timezone)))


def setup_extension(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    app.connect("config-inited", config.check_config)
    nodes.register(app)
    app.add_domain(IassistDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("event", roles.EventRole())
    app.add_role("event-date", roles.EventDateRole())
    app.add_post_transform(ResolveEventNodes)
    app.connect("env-before-read-docs", load_events)
    app.connect("env-get-updated", outdated_by_date)
    app.connect("warn-missing-reference", roles.warn_missing_reference)
    app.connect("config-inited", assets.add_static_path)
    app.connect("builder-inited", assets.add_assets)
    app.connect("html-page-context", outputs.add_jsonld)
    app.connect("html-collect-pages", search_index.drop_words_of_no_page)
    # after load_events: the data is loaded
    app.connect("env-before-read-docs", outputs.start_calendars, priority=900)
    app.connect("env-updated", outputs.start_calendars_after_reading, priority=900)
    app.connect("build-finished", outputs.finish_calendars)
    app.add_message_catalog(MESSAGE_CATALOG, str(Path(__file__).parent / "locale"))
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
