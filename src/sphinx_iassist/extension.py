"""Wiring: config values, nodes, directives, roles, the domain, transforms and events."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_iassist import (
    MESSAGE_CATALOG,
    __version__,
    assets,
    config,
    domain,
    nodes,
    programme,
    roles,
)
from sphinx_iassist.directives import DIRECTIVES
from sphinx_iassist.publish import images, metadata, outputs, search_index
from sphinx_iassist.render import templating
from sphinx_iassist.render.latex import LatexSafeText
from sphinx_iassist.render.post_transforms import ResolveEventNodes, ResolveScheduleNodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    app.connect("config-inited", config.check_config)
    nodes.register(app)
    app.add_domain(domain.IassistDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("event", roles.EventRole())
    app.add_role("event-date", roles.EventDateRole())
    app.add_role("session", roles.SessionRole())
    app.add_post_transform(ResolveEventNodes)
    app.add_post_transform(ResolveScheduleNodes)
    app.add_post_transform(LatexSafeText)
    app.connect("env-before-read-docs", config.check_date_settings, priority=400)
    app.connect("env-before-read-docs", domain.load_data)
    app.connect("env-before-read-docs", programme.load_schedules, priority=600)
    app.connect("env-purge-doc", programme.purge_doc)
    app.connect("env-get-updated", programme.outdated_by_pinning)
    app.connect("env-merge-info", programme.merge_info)
    app.connect("env-get-updated", domain.outdated_by_date)
    app.connect("warn-missing-reference", roles.warn_missing_reference)
    app.connect("config-inited", assets.add_static_path)
    app.connect("builder-inited", assets.add_assets)
    app.connect("builder-inited", templating.reload_templates)
    app.connect("html-page-context", outputs.add_jsonld)
    app.connect("env-updated", metadata.warn_metadata)
    app.connect("html-collect-pages", search_index.drop_words_of_no_page)
    app.connect("html-collect-pages", images.copy_images)
    # after load_data: the data is loaded
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
