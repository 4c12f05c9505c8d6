"""Render the example pages in this folder: every bundled template in every view, exported
to PDF (A3 landscape, one page) and rasterised with poppler's ``pdftoppm``; plus a few
pages of a booklet and a poster of a bigger synthetic organisation.

    python docs/pdf/make_examples.py        (needs pdftoppm on the PATH)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from orgdesigner.io.templates import TEMPLATE_NAMES, load_template
from orgdesigner.model.synthetic import generate_org
from orgdesigner.render.options import FitMode, Paper, PdfOptions
from orgdesigner.render.pdf import export_pdf

HERE = Path(__file__).resolve().parent
VIEWS = ("classic", "horizontal", "inverted")
DATE = "2026-01-01"


def rasterise(pdf: Path, stem: str, pages: tuple[int, ...] = (1,), dpi: int = 60) -> None:
    for page in pages:
        out = HERE / f"{stem}" if len(pages) == 1 else HERE / f"{stem}-p{page}"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(out)], check=True)


def main() -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed to rasterise the pages")
    with tempfile.TemporaryDirectory() as tmp:
        for name in TEMPLATE_NAMES:
            doc = load_template(name)
            for view in VIEWS:
                pdf = Path(tmp) / f"{name}-{view}.pdf"
                export_pdf(doc, pdf, PdfOptions(paper=Paper.A3, view=view, date=DATE))
                rasterise(pdf, f"{name}-{view}")
        big = generate_org(600, seed=11, title="Example organisation (600 positions)")
        pdf = Path(tmp) / "booklet.pdf"
        export_pdf(big, pdf, PdfOptions(fit=FitMode.DIVISIONS, date=DATE))
        # the overview, a division's first page, and a page that a small subtree shares
        # with the top of a bigger one (cut, its boxes link to where it continues)
        rasterise(pdf, "booklet-600", (1, 2, 6))
        pdf = Path(tmp) / "poster.pdf"
        result = export_pdf(big, pdf, PdfOptions(fit=FitMode.TILE, date=DATE))
        rasterise(pdf, "poster-600", (1, 2))
        rasterise(pdf, "index-600", (result.pages,))
    print(f"wrote {len(list(HERE.glob('*.png')))} pictures to {HERE.name}/")


if __name__ == "__main__":
    main()
