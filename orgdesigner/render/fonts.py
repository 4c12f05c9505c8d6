"""Fonts for the PDF: the bundled DejaVu Sans (embedded, subset) and a CID fallback for
CJK text DejaVu has no glyphs for, so no name ever prints as empty boxes."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from orgdesigner.layout.text import FONT_BOLD, FONT_REGULAR, register_fonts

__all__ = ["REGULAR", "BOLD", "ensure_fonts", "in_dejavu", "text_runs", "run_width",
           "text_width"]

REGULAR = FONT_REGULAR
BOLD = FONT_BOLD

_CJK_JAPANESE = "HeiseiKakuGo-W5"
_CJK_CHINESE = "STSong-Light"
_CJK_KOREAN = "HYGothic-Medium"


def ensure_fonts() -> None:
    """Register the bundled fonts with reportlab, once, through the layout's registration:
    the layout measures with the very fonts the PDF draws with."""
    register_fonts()


@cache
def _covered() -> frozenset[int]:
    ensure_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(face.charToGlyph)


@cache
def _covered_chars() -> frozenset[str]:
    return frozenset(chr(c) for c in _covered())


@cache
def _cid_font(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _fallback_for(run: str) -> str:
    """The CID font for a run of characters DejaVu lacks: Korean, Japanese or Chinese."""
    if any(0xAC00 <= ord(ch) <= 0xD7AF or 0x1100 <= ord(ch) <= 0x11FF for ch in run):
        return _cid_font(_CJK_KOREAN)
    if any(0x3040 <= ord(ch) <= 0x30FF for ch in run):
        return _cid_font(_CJK_JAPANESE)
    return _cid_font(_CJK_CHINESE)


def in_dejavu(text: str) -> bool:
    """Whether DejaVu Sans has every character of ``text`` (one run, no fallback)."""
    return _covered_chars().issuperset(text)


def text_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split text into (font name, run) pieces: DejaVu where it has the glyphs, a CID font
    for the rest. Plain Latin/Greek/Cyrillic text comes back as a single run."""
    main = BOLD if bold else REGULAR
    if _covered_chars().issuperset(text):
        return [(main, text)]
    covered = _covered()
    runs: list[tuple[str, str]] = []
    current: list[str] = []
    current_ok = True
    for ch in text:
        ok = current_ok if ch.isspace() else ord(ch) in covered
        if current and ok != current_ok:
            piece = "".join(current)
            runs.append((main if current_ok else _fallback_for(piece), piece))
            current = []
        current_ok = ok
        current.append(ch)
    if current:
        piece = "".join(current)
        runs.append((main if current_ok else _fallback_for(piece), piece))
    return runs


def run_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of text as the PDF prints it (with any CJK fallback)."""
    return run_width(text_runs(text, bold), size)
