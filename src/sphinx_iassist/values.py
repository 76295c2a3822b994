"""Checks of single values that the data, the configuration, directive options and the
command line share: IANA time zone names and links. Pure: no Sphinx.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = [
    "AOE",
    "NOT_IANA",
    "NOT_IANA_PREFIXES",
    "SAFE_SCHEMES",
    "is_safe_url",
    "timezone_hint",
    "url_problem",
    "valid_timezone",
    "zone_info",
]

SAFE_SCHEMES = frozenset({"http", "https"})

#: "Anywhere on Earth", the zone of deadlines that close when the day is over everywhere:
#: UTC-12 all year, which the tz database calls ``Etc/GMT+12`` (POSIX signs are inverted).
AOE = "AoE"
_AOE_ZONE = "Etc/GMT+12"

# Names that the tz database or the system's zoneinfo folder holds but that name no place:
# "localtime" and "posixrules" are links to whatever the machine is set to, "Factory" is the
# placeholder zone of unconfigured systems ("-00"), "posix/…" and "right/…" are copies of
# every zone (the latter with leap seconds, which nothing else here counts).
NOT_IANA = frozenset({"localtime", "posixrules", "Factory"})
NOT_IANA_PREFIXES = ("posix/", "right/")


@functools.cache
def _iana_zones() -> frozenset[str]:
    return frozenset(
        name
        for name in available_timezones()
        if name not in NOT_IANA and not name.startswith(NOT_IANA_PREFIXES)
    )


@functools.cache
def _zones_by_case() -> dict[str, str]:
    return {name.lower(): name for name in _iana_zones()}


def valid_timezone(name: object) -> bool:
    """True for an IANA time zone name (``Europe/Stockholm``, ``UTC``) that this machine's
    time zone data has.

    The one check of a zone name for the whole package (data, config, options, CLI):
    spelt exactly (file systems that ignore case would otherwise accept
    ``europe/stockholm`` on one machine and not on the next), and never a file path or a
    name of the system's own (``localtime``, ``posixrules``, ``Factory``, ``posix/…``,
    ``right/…``), which would make a build depend on the machine it runs on. ``AoE``
    (:data:`AOE`, UTC-12) is accepted too.
    """
    if name == AOE:
        return True
    if not isinstance(name, str):
        return False
    # every tz database has "UTC" (the default): no need to list the zones, a scan of the
    # zone folders that costs a build ~15 ms
    if name != "UTC" and name not in _iana_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_info(name: str) -> ZoneInfo:
    """The zone a valid name (:func:`valid_timezone`) stands for; ``AoE`` is UTC-12."""
    return ZoneInfo(_AOE_ZONE if name == AOE else name)


def timezone_hint(name: object) -> str:
    """How to write ``name`` right, for a message: the zone it means when only the case is
    wrong, else an example."""
    if isinstance(name, str):
        if name.startswith(NOT_IANA_PREFIXES):
            name = name.split("/", 1)[1]
        spelt = _zones_by_case().get(name.lower())
        if spelt is not None:
            return f"did you mean {spelt!r}?"
    return "use an IANA name such as 'Europe/Stockholm'"


# Outside what RFC 3986 allows (unreserved, reserved and "%") and what RFC 3987 (IRIs) adds
# (non-ASCII, of which ``isprintable`` tells letters and symbols from spaces and format


# characters).
# (compiled when first used: a class of every non-ASCII code point takes ~6 ms to compile)
@functools.cache
def _not_uri() -> re.Pattern[str]:
    return re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%\u00a0-\U0010ffff]")


_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _character(char: str) -> str:
    return "a space" if char == " " else f"{char!r}" if char.isprintable() else f"U+{ord(char):04X}"


def url_problem(
    url: object, *, allow_mailto: bool = False, allow_relative: bool = False
) -> str | None:
    """Why ``url`` is not a link we write into pages and calendars, or None if it is one.

    Accepted: an absolute ``http``/``https`` URL with a host (and ``mailto:`` or a path
    relative to the site if allowed), made of the characters RFC 3986 allows in a URI, or
    non-ASCII letters as RFC 3987 allows in an IRI. Refused: spaces, ``<`` ``>`` ``"``
    ``\\`` ``{`` ``}`` ``|`` ``^`` and backquotes, control and format characters (browsers
    drop some of them, which is how ``java\\tscript:`` passes naive checks), a ``%`` without
    two hex digits, ``[`` ``]`` outside the host, and a second ``#``.
    """
    if not isinstance(url, str) or not url:
        return "it is empty" if isinstance(url, str) else "it is not text"
    bad = _not_uri().search(url)
    char = bad.group() if bad else None
    if char is None and not url.isprintable():
        char = next(c for c in url if not c.isprintable())
    if char is not None:
        return f"{_character(char)} is not allowed in a URL: write it %-encoded"
    if _PERCENT.search(url):
        return "'%' must be followed by two hexadecimal digits"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        return "it is not a valid URL"
    after_host = url[url.find(parts.netloc) + len(parts.netloc) :]
    if "[" in after_host or "]" in after_host:
        return "'[' and ']' are only allowed around an IPv6 host: write them %-encoded"
    if "#" in parts.fragment:
        return "a URL has at most one '#': write the second as %23"
    scheme = parts.scheme.lower()
    if scheme in SAFE_SCHEMES:
        return None if parts.hostname else "it has no host"
    if scheme == "mailto" and allow_mailto:
        return None if parts.path else "it has no address"
    if (  # no scheme and no "//host": a path relative to this site
        not scheme
        and allow_relative
        and not url.startswith("//")
        and ":" not in url.split("/", 1)[0]
    ):
        return None
    return "it must be an absolute http(s) URL"


def is_safe_url(url: str, *, allow_mailto: bool = False, allow_relative: bool = False) -> bool:
    """True for absolute http(s) URLs with a host (and mailto:/relative links if allowed)
    that are valid URIs (see :func:`url_problem`)."""
    return url_problem(url, allow_mailto=allow_mailto, allow_relative=allow_relative) is None
