"""The nearest ``notice-box`` tone to a CSS background colour.

Hugo pages colour their notices by hand. The importer reads the title band's
background colour and picks the tone whose reference colour (the light-mode
title band of that tone) is nearest, by the CIE76 distance in CIELAB, which
follows perceived difference better than distance in RGB. The stdlib's
:mod:`colorsys` reads ``hsl()``; hex, ``rgb()`` and the common CSS colour names
are read here.
"""

from __future__ import annotations

import colorsys
import math
import re

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

# CSS named colours that hand-made notices use; others are reported as unreadable.
_NAMED: dict[str, RGB] = {
    "white": (255, 255, 255),
    "whitesmoke": (245, 245, 245),
    "gainsboro": (220, 220, 220),
    "lightgray": (211, 211, 211),
    "lightgrey": (211, 211, 211),
    "silver": (192, 192, 192),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "black": (0, 0, 0),
    "red": (255, 0, 0),
    "darkred": (139, 0, 0),
    "salmon": (250, 128, 114),
    "pink": (255, 192, 203),
    "mistyrose": (255, 228, 225),
    "orange": (255, 165, 0),
    "papayawhip": (255, 239, 213),
    "bisque": (255, 228, 196),
    "moccasin": (255, 228, 181),
    "wheat": (245, 222, 179),
    "antiquewhite": (250, 235, 215),
    "linen": (250, 240, 230),
    "yellow": (255, 255, 0),
    "lightyellow": (255, 255, 224),
    "lemonchiffon": (255, 250, 205),
    "gold": (255, 215, 0),
    "green": (0, 128, 0),
    "lime": (0, 255, 0),
    "lightgreen": (144, 238, 144),
    "honeydew": (240, 255, 240),
    "palegreen": (152, 251, 152),
    "blue": (0, 0, 255),
    "navy": (0, 0, 128),
    "lightblue": (173, 216, 230),
    "aliceblue": (240, 248, 255),
    "azure": (240, 255, 255),
    "lightcyan": (224, 255, 255),
    "lavender": (230, 230, 250),
    "beige": (245, 245, 220),
    "ivory": (255, 255, 240),
    "cornsilk": (255, 248, 220),
}

_HEX = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_FUNC = re.compile(r"^(rgba?|hsla?)\((.*)\)$")


def _channel(token: str, scale: float) -> float:
    token = token.strip()
    if token.endswith("%"):
        return float(token[:-1]) / 100 * scale
    return float(token)


def parse_css_colour(value: str) -> RGB | None:
    """An sRGB triple for a CSS colour value, or None if it cannot be read."""
    text = value.strip().lower().removesuffix("!important").strip()
    if text in _NAMED:
        return _NAMED[text]
    hexed = _HEX.match(text)
    if hexed:
        digits = hexed.group(1)
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    func = _FUNC.match(text)
    if not func:
        return None
    parts = [p for p in re.split(r"[,\s/]+", func.group(2).strip()) if p]
    if len(parts) < 3:
        return None
    try:
        if func.group(1).startswith("rgb"):
            r, g, b = (round(min(255.0, max(0.0, _channel(p, 255)))) for p in parts[:3])
            return (r, g, b)
        hue = float(parts[0].removesuffix("deg")) / 360 % 1.0
        sat = _channel(parts[1], 1)
        light = _channel(parts[2], 1)
    except ValueError:
        return None
    red, green, blue = colorsys.hls_to_rgb(hue, light, sat)
    return (round(red * 255), round(green * 255), round(blue * 255))


def background_colour(style: dict[str, str]) -> str | None:
    """The colour of ``background-color``, or the colour word of a ``background`` shorthand."""
    if "background-color" in style:
        return style["background-color"]
    shorthand = style.get("background")
    if not shorthand:
        return None
    for token in re.findall(r"#[0-9a-fA-F]+|(?:rgba?|hsla?)\([^)]*\)|[a-zA-Z]+", shorthand):
        if parse_css_colour(token) is not None:
            return str(token)
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
