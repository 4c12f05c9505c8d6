"""Fast paths for what a chart draws thousands of times: box outlines, connector lines
and text lines, written as PDF operators in one block per page.

reportlab's canvas builds every rectangle and text line through general-purpose objects,
which is what makes a 2,000-page poster slow; here the same operators are formatted
directly. Text goes through reportlab's documented dynamic-font protocol
(``splitString`` + ``getSubsetInternalName``), so fonts stay embedded and subset and the
text stays extractable; CID fonts (the CJK fallback) use their own ``formatForPdf``.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from orgdesigner.render.fonts import text_runs

__all__ = ["OpBlock", "link", "links", "rgb"]

#: Bezier control-point factor for quarter circles.
KAPPA = 0.5523


_RGB: dict[tuple[float, float, float], str] = {}


def rgb(c: Color) -> str:
    key = (c.red, c.green, c.blue)
    found = _RGB.get(key)
    if found is None:
        found = _RGB[key] = f"{c.red:.3f} {c.green:.3f} {c.blue:.3f}"
    return found


_ROUND_PATHS: dict[tuple[float, float, float, str], str] = {}

_MATRIX = {0: "1 0 0 1", 90: "0 1 -1 0", -90: "0 -1 1 0"}


def _round_path(w: float, h: float, r: float, paint: str) -> str:
    """A rounded rectangle with its lower left corner at the origin, painted."""
    k = r * KAPPA
    return (f"{r:.1f} 0 m {w - r:.1f} 0 l "
            f"{w - r + k:.1f} 0 {w:.1f} {r - k:.1f} {w:.1f} {r:.1f} c "
            f"{w:.1f} {h - r:.1f} l "
            f"{w:.1f} {h - r + k:.1f} {w - r + k:.1f} {h:.1f} {w - r:.1f} {h:.1f} c "
            f"{r:.1f} {h:.1f} l "
            f"{r - k:.1f} {h:.1f} 0 {h - r + k:.1f} 0 {h - r:.1f} c "
            f"0 {r:.1f} l "
            f"0 {r - k:.1f} {r - k:.1f} 0 {r:.1f} 0 c h {paint}")


class OpBlock:
    """Operators collected for one page and added to it in one piece (inside q/Q, so the
    canvas's own graphics state is untouched)."""

    def __init__(self, c: Canvas, cache: dict[tuple[str, str], list[tuple[str, str]]]):
        self.c = c
        self._doc = c._doc  # noqa: SLF001 - the dynamic-font protocol needs the document
        self._cache = cache
        #: ``single_piece`` answers, kept with the document (its font subsets)
        self._single: dict[tuple[str, bool], tuple[str, str] | None] = \
            self._doc.__dict__.setdefault("_od_single_piece", {})
        self.ops: list[str] = []
        self._in_text = False
        #: Internal font name and size selected by the last Tf in this text object (None:
        #: none yet); a caller writing text operators itself keeps them up to date.
        self.font: str | None = None
        self.size = 0.0

    # -- paths -----------------------------------------------------------------------
    def style(self, *, stroke: Color | None = None, fill: Color | None = None,
              width: float | None = None, dash: tuple[float, float] | None = None,
              solid: bool = False) -> None:
        self._end_text()
        add = self.ops.append
        if stroke is not None:
            add(f"{rgb(stroke)} RG")
        if fill is not None:
            add(f"{rgb(fill)} rg")
        if width is not None:
            add(f"{width:.1f} w")
        if dash is not None:
            add(f"[{dash[0]:.1f} {dash[1]:.1f}] 0 d")
        elif solid:
            add("[] 0 d")

    def round_rect(self, x: float, y: float, w: float, h: float, r: float,
                   paint: str = "B") -> None:
        """A rectangle with rounded corners; (x, y) lower left; paint B/f/S.

        A chart's boxes share a handful of sizes: the path is formatted once per size at
        the origin and moved into place with a translation (two numbers per box)."""
        self._end_text()
        r = min(r, w / 2, h / 2)
        if r <= 0.05:
            self.ops.append(f"{x:.1f} {y:.1f} {w:.1f} {h:.1f} re {paint}")
            return
        key = (round(w, 1), round(h, 1), round(r, 1), paint)
        path = _ROUND_PATHS.get(key)
        if path is None:
            path = _ROUND_PATHS[key] = _round_path(*key)
        self.ops.append(f"q 1 0 0 1 {x:.1f} {y:.1f} cm {path} Q")

    @staticmethod
    def round_path(w: float, h: float, r: float, paint: str = "B") -> str:
        """The path ``round_rect`` draws, with its lower left corner at the origin (for a
        caller placing many boxes of one size itself)."""
        r = min(r, w / 2, h / 2)
        if r <= 0.05:
            return f"0.0 0.0 {w:.1f} {h:.1f} re {paint}"
        key = (round(w, 1), round(h, 1), round(r, 1), paint)
        path = _ROUND_PATHS.get(key)
        if path is None:
            path = _ROUND_PATHS[key] = _round_path(*key)
        return path

    def rect(self, x: float, y: float, w: float, h: float, paint: str = "f") -> None:
        self._end_text()
        self.ops.append(f"{x:.1f} {y:.1f} {w:.1f} {h:.1f} re {paint}")

    def path(self, operators: str) -> None:
        """Add path operators formatted by the caller (``m``/``l``; page coordinates)."""
        self._end_text()
        self.ops.append(operators)

    def stroke_path(self) -> None:
        self.ops.append("S")

    def dots(self, centres: list[tuple[float, float]], r: float, colour: Color) -> None:
        """Filled dots of radius ``r``: zero-length strokes with round caps (cheap)."""
        self._end_text()
        add = self.ops.append
        add(f"{rgb(colour)} RG {2 * r:.2f} w 1 J [] 0 d")
        add(" ".join(f"{x:.1f} {y:.1f} m {x:.1f} {y:.1f} l" for x, y in centres) + " S 0 J")

    # -- text ------------------------------------------------------------------------
    def _pieces(self, font_name: str, text: str) -> list[tuple[str, str]]:
        """(internal font name, ``(...) Tj`` operator) for each piece of ``text``."""
        key = (font_name, text)
        hit = self._cache.get(key)
        if hit is None:
            font = pdfmetrics.getFont(font_name)
            if font._dynamicFont:  # noqa: SLF001 - TrueType, embedded as subsets
                hit = [(font.getSubsetInternalName(subset, self._doc),
                        f"({escapePDF(chunk)}) Tj")
                       for subset, chunk in font.splitString(text, self._doc)]
            else:  # a CID font (CJK fallback)
                hit = [(self._doc.getInternalFontName(font_name),
                        f"({font.formatForPdf(text)}) Tj")]
            self._cache[key] = hit
        return hit

    def single_piece(self, text: str, bold: bool) -> tuple[str, str] | None:
        """(internal font name, ``(...) Tj``) when ``text`` prints in one DejaVu font
        subset, as nearly every name and title does; None when it needs more pieces."""
        key = (text, bold)
        try:
            return self._single[key]
        except KeyError:
            pass
        runs = text_runs(text, bold)
        pieces = self._pieces(*runs[0]) if len(runs) == 1 else []
        found = self._single[key] = pieces[0] if len(pieces) == 1 else None
        return found

    def text_colour(self, colour: Color) -> None:
        self._begin_text()
        self.ops.append(f"{rgb(colour)} rg")

    def text(self, x: float, y: float, size: float, runs: list[tuple[str, str]],
             rotate: int = 0) -> None:
        """One line at baseline (x, y): runs of (font name, text) printed in sequence;
        ``rotate`` 90 reads upwards, -90 downwards."""
        self._begin_text()
        add = self.ops.append
        place = f"{_MATRIX[rotate]} {x:.1f} {y:.1f} Tm"
        cache = self._cache
        for font_name, text in runs:
            pieces = cache.get((font_name, text)) or self._pieces(font_name, text)
            for internal, show in pieces:
                if internal != self.font or size != self.size:
                    add(f"{place} {internal} {size:.1f} Tf {show}")
                    self.font, self.size = internal, size
                else:
                    add(f"{place} {show}")
                place = ""

    def line(self, x: float, y: float, size: float, text: str, bold: bool = False) -> None:
        """One line of plain text at baseline (x, y): ``text(x, y, size, text_runs(text))``
        with a short way for text of one font subset."""
        hit = self.single_piece(text, bold)
        if hit is None:
            self.text(x, y, size, text_runs(text, bold))
            return
        self._begin_text()
        internal, show = hit
        if internal == self.font and size == self.size:
            self.ops.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm {show}")
        else:
            self.ops.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm {internal} {size:.1f} Tf {show}")
            self.font, self.size = internal, size

    def lines(self, items: list[tuple[float, float, str]], size: float,
              bold: bool = False) -> None:
        """``line`` for each (x, y, text) of a list (an index page has hundreds)."""
        self._begin_text()
        add = self.ops.append
        single = self.single_piece
        for x, y, text in items:
            hit = single(text, bold)
            if hit is None:
                self.text(x, y, size, text_runs(text, bold))
                continue
            internal, show = hit
            if internal == self.font and size == self.size:
                add(f"1 0 0 1 {x:.1f} {y:.1f} Tm {show}")
            else:
                add(f"1 0 0 1 {x:.1f} {y:.1f} Tm {internal} {size:.1f} Tf {show}")
                self.font, self.size = internal, size

    def _begin_text(self) -> None:
        if not self._in_text:
            self.ops.append("BT")
            self._in_text = True
            self.font = None

    def _end_text(self) -> None:
        if self._in_text:
            self.ops.append("ET")
            self._in_text = False

    def flush(self) -> None:
        """Add everything collected to the page."""
        self._end_text()
        if self.ops:
            self.c.addLiteral("q\n" + "\n".join(self.ops) + "\nQ")
            self.ops = []


class _Link(pdfdoc.PDFObject):
    """A borderless link annotation to a named destination, formatted directly (reportlab's
    generic annotation dictionary costs a hundred times more; an index has thousands)."""

    def __init__(self, rect: tuple[float, float, float, float], destination: object) -> None:
        self.rect = rect
        self.destination = destination

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        x1, y1, x2, y2 = self.rect
        formatted = document.__dict__.setdefault("_od_link_dests", {})
        dest = formatted.get(id(self.destination))
        if dest is None:  # many links share a destination: format it once
            dest = formatted[id(self.destination)] = pdfdoc.format(self.destination, document)
        return (b"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [%.2f %.2f %.2f %.2f] "
                b"/Dest %s >>" % (x1, y1, x2, y2, dest))


def links(c: Canvas, found: list[tuple[tuple[float, float, float, float], str]]) -> None:
    """``link`` for each (rect, destination) of a list."""
    refs = c._annotationrefs  # noqa: SLF001
    reference = c._doc.Reference  # noqa: SLF001
    target = c._bookmarkReference  # noqa: SLF001
    for rect, destination in found:
        refs.append(reference(_Link(rect, target(destination))))


def link(c: Canvas, rect: tuple[float, float, float, float], destination: str) -> None:
    """Make ``rect`` (page coordinates) on the current page a link to a named destination
    (a ``bookmarkPage`` key, which may be defined on a later page).

    The annotation is registered as a numbered object and listed on the page directly
    (what the canvas's ``_addAnnotation`` does, without naming each of thousands)."""
    target = c._bookmarkReference(destination)  # noqa: SLF001 - resolved when saving
    c._annotationrefs.append(c._doc.Reference(_Link(rect, target)))  # noqa: SLF001
