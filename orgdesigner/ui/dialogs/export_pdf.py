"""Export to PDF from the window: the command line's options, a sketch of page 1, and
the export itself on a worker thread with a progress bar and Cancel.

The options map one to one onto ``orgdesigner export`` (view, paper, orientation, fit,
scale, margin, appendices, index, title), so the file is the one the command line writes
with the same flags (``command_line()`` spells them out). The preview is drawn by the
window from the same layout: QtPdf is not part of PySide6-Essentials, so the written PDF
itself is not rasterised here.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.errors import OrgDesignerError
from orgdesigner.layout.engine import LayoutEngine
from orgdesigner.layout.geometry import Geometry
from orgdesigner.model.document import OrgDocument, Orientation
from orgdesigner.render.options import Appendix, ExportResult, FitMode, Paper, PdfOptions
from orgdesigner.render.pages import FOOTER_H, HEADER_H
from orgdesigner.ui.background import scenario_snapshot
from orgdesigner.ui.canvas.painting import tint
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["ExportPdfDialog", "PagePreview", "MM"]

MM = 72 / 25.4
_ORIENTATIONS = (("Automatic", None), ("Landscape", True), ("Portrait", False))
_APPENDIX_TITLES = {Appendix.CHECKS: "Checks", Appendix.METRICS: "Metrics",
                    Appendix.RACI: "RACI", Appendix.TEAMS: "Teams",
                    Appendix.DIFF: "Differences from…"}


class _Relay(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # ExportResult or None, error or None


class PagePreview(QWidget):
    """A sketch of page 1: paper, margins, header and footer rules, and the chart (whole
    on the page, or the first tile at the chosen scale)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = (842.0, 595.0)
        self.margin = 28.0
        self.geometry_: Geometry | None = None
        self.fit = FitMode.PAGE
        self.scale = 1.0
        self.title = ""
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(340, 260)

    def show_page(self, page: tuple[float, float], margin: float, geometry: Geometry,
                  fit: FitMode, scale: float, title: str) -> None:
        self.page, self.margin, self.geometry_ = page, margin, geometry
        self.fit, self.scale, self.title = fit, scale, title
        self.update()

    def page_rect(self) -> QRectF:
        w, h = self.page
        k = min((self.width() - 16) / w, (self.height() - 16) / h)
        return QRectF((self.width() - w * k) / 2, (self.height() - h * k) / 2, w * k, h * k)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        paper = self.page_rect()
        k = paper.width() / self.page[0]
        p.fillRect(paper.translated(3, 3), QColor(0, 0, 0, 60))
        p.fillRect(paper, QColor("#ffffff"))
        m = self.margin * k
        top = paper.top() + m + HEADER_H * k
        bottom = paper.bottom() - m - FOOTER_H * k
        p.setPen(QPen(QColor("#cbd2d9"), 0.8))
        p.drawLine(round(paper.left() + m), round(top - 6 * k), round(paper.right() - m),
                   round(top - 6 * k))
        p.drawLine(round(paper.left() + m), round(bottom + 6 * k), round(paper.right() - m),
                   round(bottom + 6 * k))
        font = p.font()
        font.setPixelSize(max(6, round(10 * k)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#1f2933"))
        p.drawText(QRectF(paper.left() + m, paper.top() + m, paper.width() - 2 * m,
                          HEADER_H * k), Qt.AlignmentFlag.AlignLeft, self.title)
        g = self.geometry_
        if g is None or not g.boxes:
            return
        area = QRectF(paper.left() + m, top, paper.width() - 2 * m, bottom - top)
        b = g.bounds
        if self.fit is FitMode.PAGE:
            s = min(area.width() / max(b.w, 1.0), area.height() / max(b.h, 1.0))
            ox = area.left() + (area.width() - b.w * s) / 2 - b.x * s
            oy = area.top() + (area.height() - b.h * s) / 2 - b.y * s
        else:  # the first tile: the chart's top-left corner at the chosen scale
            s = k * self.scale
            ox, oy = area.left() - b.x * s, area.top() - b.y * s
        p.setClipRect(area)
        p.setPen(QPen(QColor("#52606d"), 0.6))
        for con in g.connectors:
            pts = con.points
            for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
                p.drawLine(round(ox + x1 * s), round(oy + y1 * s), round(ox + x2 * s),
                           round(oy + y2 * s))
        p.setPen(Qt.PenStyle.NoPen)
        for box in g.boxes:
            r = QRectF(ox + box.x * s, oy + box.y * s, max(1.0, box.w * s),
                       max(1.0, box.h * s))
            if r.intersects(area):
                p.fillRect(r, tint(box.style.unit_color, 0.55))


class ExportPdfDialog(QDialog):
    """Options, preview, progress; ``result`` holds the last export's result."""

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.presenter = presenter
        self.result_: ExportResult | None = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._layouts: dict[str, Geometry] = {}
        doc = self.doc
        self.view = QComboBox(self)
        for o in Orientation:
            self.view.addItem({"classic": "Classic pyramid", "horizontal": "Horizontal",
                               "inverted": "Customer on top (inverted)"}.get(o.value, o.value),
                              o.value)
        self.view.setCurrentIndex(self.view.findData(presenter.view_name()))
        self.paper = QComboBox(self)
        for paper in Paper:
            self.paper.addItem(paper.value, paper)
        self.orientation = QComboBox(self)
        for label, value in _ORIENTATIONS:
            self.orientation.addItem(label, value)
        self.orientation.setToolTip("Automatic: portrait for a tall one-page chart, "
                                    "else landscape")
        self.fit = QComboBox(self)
        for fit, label in ((FitMode.PAGE, "Whole chart on one page"),
                           (FitMode.TILE, "Poster over several pages"),
                           (FitMode.DIVISIONS, "Booklet: one section per division")):
            self.fit.addItem(label, fit)
        self.scale = QDoubleSpinBox(self)
        self.scale.setRange(10, 1000)
        self.scale.setValue(100)
        self.scale.setSuffix(" %")
        self.scale.setToolTip("Chart scale on poster and booklet pages")
        self.margin = QDoubleSpinBox(self)
        self.margin.setRange(0, 100)
        self.margin.setValue(10)
        self.margin.setSuffix(" mm")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(doc.meta.title or "the document's title")
        self.index = QCheckBox("Index of names (when the chart spans several pages)", self)
        self.index.setChecked(True)
        self.appendices: dict[Appendix, QCheckBox] = {}
        grid = QGridLayout()
        for i, appendix in enumerate(Appendix):
            box = QCheckBox(_APPENDIX_TITLES.get(appendix, appendix.value), self)
            self.appendices[appendix] = box
            grid.addWidget(box, i // 3, i % 3)
        self.diff_against = QComboBox(self)
        for s in doc.scenarios:
            if s.id != doc.active_scenario:
                self.diff_against.addItem(s.name, s.name)
        self.appendices[Appendix.DIFF].setEnabled(self.diff_against.count() > 0)
        self.diff_against.setEnabled(False)
        self.appendices[Appendix.DIFF].toggled.connect(self.diff_against.setEnabled)
        grid.addWidget(self.diff_against, 1, 2)
        self.output = QLineEdit(self)
        default = (presenter.controller.path.with_suffix(".pdf")
                   if presenter.controller.path else Path.home() / "chart.pdf")
        self.output.setText(str(default))
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&View", self.view)
        form.addRow("&Paper", self.paper)
        form.addRow("&Orientation", self.orientation)
        form.addRow("&Fit", self.fit)
        form.addRow("&Scale", self.scale)
        form.addRow("&Margin", self.margin)
        form.addRow("&Title", self.title)
        form.addRow("", self.index)
        form.addRow("Appendices", grid)
        form.addRow("File", out_row)
        self.preview = PagePreview(self)
        self.preview_note = QLabel("Sketch of page 1", self)
        self.preview_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.export_button = QPushButton("&Export", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.preview_note)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        for combo in (self.view, self.paper, self.orientation, self.fit):
            combo.currentIndexChanged.connect(self.update_preview)
        for spin in (self.scale, self.margin):
            spin.valueChanged.connect(self.update_preview)
        self.title.textChanged.connect(self.update_preview)
        self.fit.currentIndexChanged.connect(
            lambda: self.scale.setEnabled(self.fit.currentData() != FitMode.PAGE))
        self.scale.setEnabled(False)
        self.resize(820, 520)
        self.update_preview()

    @property
    def doc(self) -> OrgDocument:
        return self.presenter.controller.doc

    # -- options -----------------------------------------------------------------------
    def options(self) -> PdfOptions:
        """The options, built exactly as ``orgdesigner export`` builds them."""
        appendices = tuple(a for a, box in self.appendices.items()
                           if box.isChecked() and box.isEnabled())
        return PdfOptions(
            paper=Paper(self.paper.currentData()), landscape=self.orientation.currentData(),
            margin=self.margin.value() * MM, fit=FitMode(self.fit.currentData()),
            view=self.view.currentData(), tile_scale=self.scale.value() / 100,
            appendices=appendices,
            diff_against=self.diff_against.currentData() if Appendix.DIFF in appendices
            else None,
            index=None if self.index.isChecked() else False,
            title=self.title.text().strip() or None)

    def command_line(self, input_name: str = "IN.orgchart") -> list[str]:
        """The ``orgdesigner export`` arguments that write the same file."""
        o = self.options()
        args = ["export", input_name, "-o", self.output.text(), "--view", str(o.view),
                "--paper", o.paper.value, "--fit", o.fit.value,
                "--margin", f"{self.margin.value():g}", "--scale", f"{self.scale.value():g}"]
        if o.landscape is not None:
            args.append("--landscape" if o.landscape else "--portrait")
        if o.appendices:
            args += ["--appendix", ",".join(a.value for a in o.appendices)]
        if o.diff_against:
            args += ["--diff-against", o.diff_against]
        if o.index is False:
            args.append("--no-index")
        if o.title:
            args += ["--title", o.title]
        return args

    def _geometry(self, view: str) -> Geometry:
        if view == self.presenter.view_name():
            return self.presenter.scene.geometry
        if view not in self._layouts:
            self._layouts[view] = LayoutEngine(self.presenter.scenario, view).geometry()
        return self._layouts[view]

    def update_preview(self) -> None:
        options = self.options()
        geometry = self._geometry(str(options.view))
        b = geometry.bounds
        try:
            page = options.page_size(b.w / max(b.h, 1.0))
        except ValueError as err:
            self.status.setText(str(err))
            return
        self.preview.show_page(page, options.margin, geometry, options.fit,
                               options.tile_scale, options.title or self.doc.meta.title)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export PDF", self.output.text(),
                                              "PDF (*.pdf)")
        if name:
            self.output.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    # -- the export --------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Start the export on a worker thread (False when the file name is unusable)."""
        if self.running:
            return False
        path = Path(self.output.text().strip())
        if path.suffix.lower() != ".pdf" or path.is_dir():
            self.status.setText(f"{path}: give a file name ending in .pdf")
            return False
        options = self.options()
        doc = self.doc
        # The worker reads a snapshot: edits made while it writes do not reach it.
        snapshot = doc.model_copy(update={"scenarios": [scenario_snapshot(s)
                                                        for s in doc.scenarios]})
        self._cancel.clear()
        self.result_, self.error = None, None
        self.progress.setRange(0, 0)
        self.status.setText(f"Exporting to {path}…")
        self.export_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        relay = self._relay

        def work() -> None:
            from orgdesigner.render.pdf import export_pdf

            try:
                result = export_pdf(snapshot, path, options,
                                    progress=lambda d, t: relay.progress.emit(d, t),
                                    cancel=self._cancel.is_set)
                relay.finished.emit(result, None)
            except OrgDesignerError as err:
                relay.finished.emit(None, str(err))
            except Exception as err:  # a bug must not kill the window
                relay.finished.emit(None, f"{type(err).__name__}: {err}")

        self._thread = threading.Thread(target=work, name="pdf-export", daemon=True)
        self._thread.start()
        return True

    def cancel_or_close(self) -> None:
        if self.running:
            self._cancel.set()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def wait(self, timeout: float = 60.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _on_finished(self, result: ExportResult | None, error: str | None) -> None:
        self.export_button.setEnabled(True)
        self.cancel_button.setText("Close")
        self.progress.setRange(0, 1)
        self.result_, self.error = result, error
        if result is not None:
            self.progress.setValue(1)
            pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
            lines = [f"Wrote {result.path} ({pages})."]
            lines += [f"Warning: {w}" for w in result.warnings]
            self.status.setText("\n".join(lines))
        else:
            self.progress.setValue(0)
            self.status.setText(f"Not exported: {error}")

    def reject(self) -> None:
        if self.running:
            self._cancel.set()
            self.wait()
        super().reject()
