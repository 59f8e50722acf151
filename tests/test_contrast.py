"""The contrast rule for the gemeente colour (WCAG 1.4.3 / 1.4.11)."""

from keukentafel.config.contrast import WHITE, contrast_ratio, darker_until, format_ratio
from keukentafel.site.mkdocs_site import colour_css


def test_known_ratios():
    assert round(contrast_ratio("#000000", WHITE), 2) == 21.0
    assert round(contrast_ratio("#767676", WHITE), 2) == 4.54
    assert round(contrast_ratio("#777777", WHITE), 2) == 4.48


def test_ratio_is_shown_rounded_down():
    assert format_ratio(4.4999) == "4,49:1"


def test_darker_until_passes_and_stays_close():
    for colour in ("#66aaff", "#ff9900", "#00cc66", "#e0e0e0"):
        better = darker_until(colour)
        assert contrast_ratio(better, WHITE) >= 4.5
        assert contrast_ratio(better, WHITE) < 4.7, f"{better} is darker than needed for {colour}"


def test_passing_colour_is_kept():
    assert darker_until("#0b5e55") == "#0b5e55"


def test_generated_css_only_uses_passing_colours():
    import re

    css = colour_css("#0b5e55")
    for colour in re.findall(r"#[0-9a-f]{6}\b", css):
        if colour != "#ffffff":
            assert contrast_ratio(colour, WHITE) >= 4.5, colour
