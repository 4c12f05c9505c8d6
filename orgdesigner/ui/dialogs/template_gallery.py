"""New chart: pick one of the bundled templates (with its description) or a blank chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.io.templates import TemplateInfo, list_templates, load_template
from orgdesigner.model.document import OrgDocument

__all__ = ["BLANK", "TemplateGalleryDialog"]

#: The choice that starts from an empty chart.
BLANK = ""


class TemplateGalleryDialog(QDialog):
    """A list of the templates (title and one-line description); "Blank chart" first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New chart")
        self.resize(560, 480)
        self.templates: list[TemplateInfo] = list_templates()

        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self._add_item("Blank chart", "An empty chart with one scenario.", BLANK)
        for info in self.templates:
            self._add_item(info.title, info.description, info.name)
        self.list.setCurrentRow(1 if self.templates else 0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._update_ok())

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start from one of the classic structures, or from scratch:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._update_ok()

    def _add_item(self, title: str, description: str, name: str) -> None:
        item = QListWidgetItem(f"{title}\n{description}", self.list)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setToolTip(description)

    def _update_ok(self) -> None:
        self._ok.setEnabled(self.list.currentItem() is not None)

    def names(self) -> list[str]:
        """The choices in list order (BLANK first)."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]

    def choice(self) -> str:
        """The chosen template's name, or ``BLANK``."""
        item = self.list.currentItem()
        return BLANK if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        self.list.setCurrentRow(self.names().index(name))

    def create_document(self) -> OrgDocument:
        """A fresh document from the chosen template (or blank)."""
        name = self.choice()
        return OrgDocument.empty() if name == BLANK else load_template(name)
