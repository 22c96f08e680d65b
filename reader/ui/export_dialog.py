"""File → Export Annotations…: choose a format, which annotations, and where the file goes.

The dialog gathers an :class:`ExportRequest`; the window has the library
write it (:meth:`~reader.core.library.Library.export_to`, the same call the
command line makes) on its task runner and reports where the file went.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import EXPORT_FORMATS, ExportFilters

# In the order offered: the library's one list.
FORMATS = EXPORT_FORMATS
_BY_KEY = {f.key: f for f in FORMATS}

ALL, BY_TAG, CURRENT_ARTICLE, CURRENT_SEARCH = "all", "tag", "article", "search"


@dataclass(frozen=True)
class ExportRequest:
    """One export: the format, the file, which annotations."""

    fmt: str
    path: Path
    filters: ExportFilters = field(default_factory=ExportFilters)

    def describe_filter(self) -> str:
        return self.filters.describe()


def with_suffix_for(path: str, fmt: str) -> str:
    """``path`` with the suffix of ``fmt`` (replacing another format's suffix)."""
    if not path:
        return path
    suffix = _BY_KEY[fmt].suffix
    p = Path(path)
    known = {f.suffix for f in FORMATS} | {".htm", ".markdown"}
    if p.suffix.lower() in known:
        p = p.with_suffix("")
    return str(p.with_name(p.name + suffix))


class ExportDialog(QDialog):
    """Choose the format, the annotations to export and the file.

    Signals: those of ``QDialog``; read :meth:`request` once accepted.
    """

    def __init__(
        self,
        tags: Sequence[str] = (),
        *,
        current_doc: tuple[str, str] | None = None,
        current_query: str = "",
        folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Annotations")
        self.setMinimumWidth(520)
        self._current_doc = current_doc
        self._current_query = current_query

        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName("Format")
        for f in FORMATS:
            self.format_combo.addItem(f.label, f.key)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)

        self.scope_group = QButtonGroup(self)
        self.all_radio = QRadioButton("&All annotations", self)
        self.tag_radio = QRadioButton("With the ta&g", self)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName("Tag to export")
        self.tag_combo.addItems(list(tags))
        self.tag_combo.setEnabled(False)
        self.article_radio = QRadioButton("On the &current article", self)
        self.search_radio = QRadioButton("On articles matching the current &search", self)
        doc_title = current_doc[1] if current_doc else ""
        self.article_hint = QLabel(_elide(doc_title, 60), self)
        self.search_hint = QLabel(f"“{_elide(current_query, 40)}”" if current_query else "", self)
        for hint in (self.article_hint, self.search_hint):
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setObjectName("muted")
        for button, key in (
            (self.all_radio, ALL),
            (self.tag_radio, BY_TAG),
            (self.article_radio, CURRENT_ARTICLE),
            (self.search_radio, CURRENT_SEARCH),
        ):
            button.setProperty("scope", key)
            self.scope_group.addButton(button)
        self.tag_radio.setEnabled(bool(tags))
        self.article_radio.setEnabled(current_doc is not None)
        self.search_radio.setEnabled(bool(current_query))
        self.all_radio.setChecked(True)
        self.tag_radio.toggled.connect(self.tag_combo.setEnabled)

        scope = QGridLayout()
        scope.setContentsMargins(0, 0, 0, 0)
        scope.setColumnStretch(1, 1)
        scope.addWidget(self.all_radio, 0, 0, 1, 2)
        scope.addWidget(self.tag_radio, 1, 0)
        scope.addWidget(self.tag_combo, 1, 1)
        scope.addWidget(self.article_radio, 2, 0)
        scope.addWidget(self.article_hint, 2, 1)
        scope.addWidget(self.search_radio, 3, 0)
        scope.addWidget(self.search_hint, 3, 1)

        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName("File")
        self.path_edit.setText(
            str(Path(folder or QDir.homePath()) / f"annotations{FORMATS[0].suffix}")
        )
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Format:", self.format_combo)
        form.addRow("Annotations:", scope)
        # A row whose field is a layout gets no buddy from addRow(), and its
        # label would show the "&" itself: the label is made and tied here.
        self.path_label = QLabel("&Save to:", self)
        self.path_label.setBuddy(self.path_edit)
        form.addRow(self.path_label, file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    # -- choices -------------------------------------------------------

    def set_format(self, fmt: str) -> None:
        index = self.format_combo.findData(fmt)
        if index < 0:
            raise ValueError(f"unknown export format {fmt!r}")
        self.format_combo.setCurrentIndex(index)

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_scope(self, scope: str, tag: str | None = None) -> None:
        for button in self.scope_group.buttons():
            if button.property("scope") == scope:
                button.setChecked(True)
        if tag is not None:
            self.tag_combo.setCurrentText(tag)

    def scope(self) -> str:
        button = self.scope_group.checkedButton()
        return str(button.property("scope")) if button is not None else ALL

    def set_path(self, path: str | os.PathLike[str]) -> None:
        self.path_edit.setText(str(path))

    def request(self) -> ExportRequest:
        scope = self.scope()
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.suffix:
            # "excerpts" means "excerpts.md" when Markdown is chosen.
            path = path.with_name(path.name + _BY_KEY[self.fmt()].suffix)
        filters = ExportFilters(
            tag=(self.tag_combo.currentText() or None) if scope == BY_TAG else None,
            doc_id=self._current_doc[0] if scope == CURRENT_ARTICLE and self._current_doc else None,
            query=(self._current_query or None) if scope == CURRENT_SEARCH else None,
        )
        return ExportRequest(fmt=self.fmt(), path=path, filters=filters)

    def browse(self) -> None:
        f = _BY_KEY[self.fmt()]
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Annotations", self.path_edit.text(), f"{f.file_filter};;All files (*)"
        )
        if chosen:
            self.path_edit.setText(chosen if Path(chosen).suffix else chosen + f.suffix)

    def _on_format_changed(self, _index: int) -> None:
        self.path_edit.setText(with_suffix_for(self.path_edit.text(), self.fmt()))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()))


def _elide(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
