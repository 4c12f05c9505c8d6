"""The check profile editor: every threshold of ``CheckProfile`` in one form.

The form is built from the pydantic model's fields, so a threshold added to the profile
appears here with its bounds and description. The result is validated by the model; the
caller makes it one ``SetProfile`` edit.
"""

from __future__ import annotations

from typing import Any

from annotated_types import Ge, Le
from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.model.profile import SPAN_ARCHETYPES, CheckProfile

__all__ = ["ProfileDialog", "field_label"]


def field_label(name: str) -> str:
    """``span_min`` → "Span min"."""
    return name.replace("_", " ").capitalize()


def _bounds(name: str) -> tuple[float | None, float | None]:
    low = high = None
    for meta in CheckProfile.model_fields[name].metadata:
        if isinstance(meta, Ge):
            low = meta.ge
        elif isinstance(meta, Le):
            high = meta.le
    return low, high


class ProfileDialog(QDialog):
    """Edit a copy of ``profile``; ``profile`` holds the accepted result."""

    def __init__(self, profile: CheckProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check profile")
        self.profile = profile
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        self.preset = QComboBox(self)
        self.preset.addItem("(keep the span range)", None)
        for name, (low, high) in SPAN_ARCHETYPES.items():
            self.preset.addItem(f"{name}: {low}–{high} direct reports", (low, high))
        self.preset.setToolTip("Set the span range of a manager archetype")
        self.preset.currentIndexChanged.connect(self._apply_preset)
        form.addRow("Span preset", self.preset)
        for name, field in CheckProfile.model_fields.items():
            value = getattr(profile, name)
            editor = self._editor(name, field.annotation, value)
            if field.description:
                editor.setToolTip(field.description)
            self.editors[name] = editor
            form.addRow(field_label(name), editor)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #d64545;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.set_values(CheckProfile(name=self.values()["name"])))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _editor(self, name: str, kind: Any, value: Any) -> QWidget:
        low, high = _bounds(name)
        if kind is int:
            spin = QSpinBox(self)
            spin.setRange(int(low if low is not None else 0),
                          int(high if high is not None else 1_000_000))
            spin.setValue(value)
            return spin
        if kind is float:
            dspin = QDoubleSpinBox(self)
            dspin.setDecimals(2)
            dspin.setSingleStep(0.05)
            dspin.setRange(float(low if low is not None else 0.0),
                           float(high if high is not None else 1_000_000.0))
            dspin.setValue(value)
            return dspin
        line = QLineEdit(str(value), self)
        line.setMaxLength(80)
        return line

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                result[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                result[name] = editor.text().strip()
        return result

    def set_values(self, profile: CheckProfile) -> None:
        for name, editor in self.editors.items():
            value = getattr(profile, name)
            if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))

    def _apply_preset(self) -> None:
        span = self.preset.currentData()
        if span:
            self.editors["span_min"].setValue(span[0])
            self.editors["span_max"].setValue(span[1])

    def accept(self) -> None:
        values = self.values()
        try:
            profile = CheckProfile.model_validate(values)
        except ValidationError as err:
            first = err.errors()[0]
            where = field_label(str(first["loc"][0])) if first["loc"] else "profile"
            self.error.setText(f"{where}: {first['msg']}")
            return
        if profile.span_min > profile.span_max:
            self.error.setText("Span min: must not be above span max")
            return
        self.profile = profile
        super().accept()
