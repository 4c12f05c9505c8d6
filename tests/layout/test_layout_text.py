"""Text metrics: the bundled font, wrapping, eliding; labels never overflow."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from orgdesigner.layout.text import (
    ELLIPSIS,
    FONT_BOLD,
    FONT_REGULAR,
    MAX_BOX_WIDTH,
    MIN_BOX_WIDTH,
    TextMeasurer,
    register_fonts,
)


def test_fonts_are_registered_once_and_measure_like_reportlab():
    register_fonts()
    register_fonts()
    names = pdfmetrics.getRegisteredFontNames()
    assert FONT_REGULAR in names and FONT_BOLD in names
    m = TextMeasurer()
    assert m.width("Chloé Müller", True, 9) == pdfmetrics.stringWidth("Chloé Müller",
                                                                      FONT_BOLD, 9)
    assert m.width("W", False, 10) > m.width("i", False, 10)


def test_short_label_is_one_line_each():
    label = TextMeasurer().box_label("Ana Berg", "CFO", "Finance")
    assert [ln.text for ln in label.lines] == ["Ana Berg", "CFO", "Finance"]
    assert [ln.role.value for ln in label.lines] == ["name", "title", "unit"]
    assert label.lines[0].bold and not label.lines[1].bold
    assert label.width == MIN_BOX_WIDTH


def test_long_title_wraps_then_elides():
    title = "Senior Vice President of Global Customer Experience and Operational Excellence"
    label = TextMeasurer().box_label("Ana Berg", title)
    titles = [ln.text for ln in label.lines if ln.role.value == "title"]
    assert len(titles) == 2 and titles[-1].endswith(ELLIPSIS)
    assert MIN_BOX_WIDTH < label.width <= MAX_BOX_WIDTH


def test_unbroken_word_is_cut():
    lines = TextMeasurer().wrap("x" * 300, False, 8, 100, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)


def test_collapsed_count_line():
    label = TextMeasurer().box_label("Vacant", "Analyst", count=41)
    assert label.lines[-1].text == "+41" and label.lines[-1].role.value == "count"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), st.text(max_size=80))
def test_every_line_fits(name, title, unit):
    m = TextMeasurer()
    label = m.box_label(name.strip() or "Vacant", title, unit)
    for ln in label.lines:
        assert ln.width <= label.width - 12 + 1e-9
        assert ln.width == m.width(ln.text, ln.bold, ln.size)
    assert MIN_BOX_WIDTH <= label.width <= MAX_BOX_WIDTH


def test_layouts_share_one_measurer_whose_cache_is_bounded(monkeypatch):
    from orgdesigner.layout import LayoutEngine, text
    from orgdesigner.model.synthetic import generate_org

    scenario = generate_org(40, seed=3).scenario()
    first, second = LayoutEngine(scenario), LayoutEngine(scenario, "horizontal")
    assert first.measurer is second.measurer is text.shared_measurer()
    fresh = text.TextMeasurer()
    monkeypatch.setattr(text, "CACHE_LIMIT", 5)
    names = [f"Person {i}" for i in range(12)]
    labels = [fresh.box_label(name, "Analyst") for name in names]
    assert len(fresh._labels) <= 5  # forgot what it measured when full, and went on
    again = text.TextMeasurer()
    assert [again.box_label(name, "Analyst") for name in names] == labels
