"""WCAG contrast of the gemeente colour, and a nearby colour that passes when it does not."""

from __future__ import annotations

import colorsys

WHITE = "#ffffff"
TEXT_MINIMUM = 4.5  # WCAG 1.4.3, normal text
UI_MINIMUM = 3.0  # WCAG 1.4.11, user-interface parts


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(hex_colour: str) -> float:
    r, g, b = (_channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _to_hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def darker_until(hex_colour: str, against: str = WHITE, minimum: float = TEXT_MINIMUM) -> str:
    """The colour with the same hue and saturation, darkened just enough to reach `minimum`."""
    h, l, s = colorsys.rgb_to_hls(*_rgb(hex_colour))
    while l > 0:
        candidate = _to_hex(*colorsys.hls_to_rgb(h, l, s))
        if contrast_ratio(candidate, against) >= minimum:
            return candidate
        l = max(0.0, l - 0.005)
    return "#000000"


def lighter(hex_colour: str, amount: float) -> str:
    h, l, s = colorsys.rgb_to_hls(*_rgb(hex_colour))
    return _to_hex(*colorsys.hls_to_rgb(h, min(1.0, l + amount), s))


def format_ratio(ratio: float) -> str:
    """Dutch notation, rounded down so 4.497 never shows as 4,5."""
    return f"{int(ratio * 100) / 100:.2f}".replace(".", ",") + ":1"
