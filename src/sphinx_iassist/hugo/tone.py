"""The nearest ``notice-box`` tone to a CSS background colour.

Hugo pages colour their notices by hand. The importer reads the title band's
background colour and picks the tone whose reference colour (the light-mode
title band of that tone) is nearest, by the CIE76 distance in CIELAB, which
follows perceived difference better than distance in RGB. tinycss2 reads the
colour, in any of CSS's notations.
"""

from __future__ import annotations

import math

import tinycss2
from tinycss2 import color4

__all__ = ["TONE_COLOURS", "nearest_tone", "parse_css_colour"]

RGB = tuple[int, int, int]

#: Reference colour of each tone: its light-mode title band, as static/iassist.css.jinja sets
#: ``--iassist-<tone>-title-bg`` (a test keeps the two equal). The warning tone is the
#: seed page's own notice colour, #fdebd0.
TONE_COLOURS: dict[str, RGB] = {
    "info": (0xD3, 0xE6, 0xF8),
    "warning": (0xFD, 0xEB, 0xD0),
    "danger": (0xF9, 0xD9, 0xD6),
    "success": (0xD4, 0xF0, 0xDE),
    "neutral": (0xE4, 0xE6, 0xE9),
}


def parse_css_colour(value: str) -> RGB | None:
    """An sRGB triple for a CSS colour value (any syntax of CSS Color 4 that names an sRGB
    colour: names, hex, ``rgb()``, ``hsl()``, ``hwb()``), or None if it cannot be read.
    A translucent colour is taken as it shows over a white page."""
    colour = color4.parse_color(value.strip())
    if colour is None or isinstance(colour, str):  # unreadable, or ``currentcolor``
        return None
    try:
        srgb = colour.to("srgb")
    except NotImplementedError:  # a space tinycss2 does not convert (e.g. oklch)
        return None
    alpha = max(0.0, min(1.0, colour.alpha))
    red, green, blue = (
        round(255 * (alpha * max(0.0, min(1.0, c)) + (1 - alpha))) for c in srgb.coordinates
    )
    return (red, green, blue)


def background_colour(style: dict[str, str]) -> str | None:
    """The colour of ``background-color``, or the colour in a ``background`` shorthand."""
    if "background-color" in style:
        return style["background-color"]
    shorthand = style.get("background")
    if not shorthand:
        return None
    for token in tinycss2.parse_component_value_list(shorthand, skip_comments=True):
        if color4.parse_color(token) not in (None, "currentcolor"):
            return str(tinycss2.serialize([token]))
    return None


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: RGB) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    # sRGB (D65) to XYZ, normalised by the D65 white point
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def nearest_tone(rgb: RGB) -> str:
    """The tone whose reference colour is nearest to ``rgb`` (CIE76 ΔE)."""
    lab = _lab(rgb)
    return min(TONE_COLOURS, key=lambda tone: math.dist(lab, _lab(TONE_COLOURS[tone])))
