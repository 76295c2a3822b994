"""The build's "today": the date set in ``conf.py``, else ``SOURCE_DATE_EPOCH``, else the
date in UTC. Pure and light: every build resolves it, one with nothing to do too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

__all__ = ["Environ", "TodayError", "build_today", "resolve_today"]


class TodayError(ValueError):
    """``iassist_today`` or ``SOURCE_DATE_EPOCH`` cannot be read as a date.

    ``setting`` names which: ``"iassist_today"`` (conf.py) or ``"SOURCE_DATE_EPOCH"``
    (the environment variable).
    """

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


Environ = Mapping[str, str]


def resolve_today(configured: str | date | None, environ: Environ | None = None) -> date:
    """The build's "today": the configured ISO date, else ``SOURCE_DATE_EPOCH``, else UTC today.

    Raises :class:`TodayError` for a value that is not a date; :func:`build_today` never does.
    """
    if isinstance(configured, datetime):
        return configured.date()
    if isinstance(configured, date):
        return configured
    if configured:
        try:
            return date.fromisoformat(str(configured).strip())
        except ValueError:
            raise TodayError(
                f"iassist_today must be an ISO date (YYYY-MM-DD), not {configured!r}",
                "iassist_today",
            ) from None
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise TodayError(
                "the environment variable SOURCE_DATE_EPOCH must be a Unix timestamp "
                f"(seconds since 1970-01-01 UTC) of a day in the years 1 to 9999, not {epoch!r}",
                "SOURCE_DATE_EPOCH",
            ) from None
    return datetime.now(UTC).date()


def build_today(configured: str | date | None, environ: Environ | None = None) -> date:
    """:func:`resolve_today`, passing over what cannot be read: a bad ``iassist_today`` falls
    back to ``SOURCE_DATE_EPOCH``, a bad ``SOURCE_DATE_EPOCH`` to today's date in UTC. The
    configuration check warns about both once (``config-inited``)."""
    try:
        return resolve_today(configured, environ)
    except TodayError as exc:
        if exc.setting == "iassist_today":
            return build_today(None, environ)
        return datetime.now(UTC).date()
