"""The dialog for writing (or editing) an annotation: the quote, a note, tags and a colour.

The dialog only collects what the researcher typed; it never writes to the
store. Whoever opened it reads :meth:`AnnotateDialog.values` once it is
accepted and hands them to the library (see :mod:`reader.ui.annotation_tools`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.completion import hide_popup, popup_visible

# The colours live in a light module of their own (the window tints with
# them long before any dialog opens); their names are this module's too.
from reader.ui.swatches import DEFAULT_SWATCH, SWATCHES, Swatch, swatch_for, swatch_icon

__all__ = [
    "DEFAULT_SWATCH",
    "SWATCHES",
    "AnnotateDialog",
    "AnnotationInput",
    "Swatch",
    "TagLineEdit",
    "split_tags",
    "swatch_for",
    "swatch_icon",
]

# The quote is shown whole up to this many characters, then cut with an ellipsis.
QUOTE_PREVIEW_CHARS = 600


def split_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas; blanks dropped (the store normalises the rest)."""
    return [t.strip() for t in text.split(",") if t.strip()]


@dataclass(frozen=True)
class AnnotationInput:
    """What the dialog collected."""

    note: str
    tags: tuple[str, ...]
    color: str


class TagLineEdit(QLineEdit):
    """A line for comma-separated tags that completes the tag being typed.

    A plain ``QLineEdit.setCompleter`` completes the whole line, so a second
    tag would never match; here the completer is driven by the last segment
    and a chosen completion replaces only that segment.
    """

    def __init__(self, tags: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(list(tags), self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.activated.connect(self.insert_completion)
        self.textEdited.connect(self._update_completion)

    def set_known_tags(self, tags: Sequence[str]) -> None:
        self._model.setStringList(list(tags))

    def current_prefix(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].lstrip()

    def _update_completion(self, _text: str) -> None:
        prefix = self.current_prefix()
        if not prefix:
            hide_popup(self.completer_)
            return
        self.completer_.setCompletionPrefix(prefix)
        already = {t.casefold() for t in split_tags(self.text())[:-1]}
        if (
            self.completer_.completionCount()
            and self.completer_.currentCompletion().casefold() not in already
        ):
            self.completer_.complete()
        else:
            hide_popup(self.completer_)

    def insert_completion(self, completion: str) -> None:
        """Replace the tag being typed with ``completion`` and start the next one."""
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition() :]
        cut = head.rfind(",") + 1
        before = head[:cut]
        spacer = " " if before else ""
        new_head = f"{before}{spacer}{completion}, "
        self.setText(new_head + tail.lstrip(", "))
        self.setCursorPosition(len(new_head))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # While the popup is open, the keys that choose belong to it.
        if popup_visible(self.completer_) and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)


class SwatchPicker(QWidget):
    """A row of colour chips, one checked.

    Signals:
        color_changed(str): the chosen colour, as stored (``#rrggbb``).
    """

    color_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Colour")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._buttons: dict[str, QToolButton] = {}
        for swatch in SWATCHES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(swatch_icon(swatch.color, 18))
            button.setIconSize(QSize(18, 18))
            button.setToolTip(swatch.label)
            button.setAccessibleName(swatch.label)
            button.setProperty("swatch", swatch.color)
            self.group.addButton(button)
            layout.addWidget(button)
            self._buttons[swatch.color] = button
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._on_toggled)
        self.set_color(DEFAULT_SWATCH.color)

    def color(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("swatch")) if button is not None else DEFAULT_SWATCH.color

    def set_color(self, color: str | None) -> None:
        swatch = swatch_for(color) or DEFAULT_SWATCH
        self._buttons[swatch.color].setChecked(True)

    def _on_toggled(self, button: QToolButton, checked: bool) -> None:
        if checked:
            self.color_changed.emit(str(button.property("swatch")))


class AnnotateDialog(QDialog):
    """Asks for a note, tags and a colour for one quoted passage.

    Signals: those of ``QDialog`` (``accepted``, ``rejected``, ``finished``).
    """

    def __init__(
        self,
        quote: str,
        known_tags: Sequence[str] = (),
        *,
        source: str = "",
        note: str = "",
        tags: Sequence[str] = (),
        color: str | None = None,
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotateDialog")
        self.setWindowTitle("Edit Annotation" if editing else "Annotate Passage")
        self.setMinimumWidth(460)

        shown = quote if len(quote) <= QUOTE_PREVIEW_CHARS else quote[:QUOTE_PREVIEW_CHARS] + "…"
        self.quote_label = QLabel(f"“{shown}”", self)
        self.quote_label.setObjectName("annotationQuote")
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)  # never markup from a document
        self.quote_label.setWordWrap(True)
        self.quote_label.setAccessibleName("Quoted passage")
        font = self.quote_label.font()
        font.setItalic(True)
        self.quote_label.setFont(font)
        self.source_label = QLabel(source, self)
        self.source_label.setObjectName("annotationSource")
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setVisible(bool(source))

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("What this passage shows, why it matters…")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlainText(note)
        self.note_edit.setMinimumHeight(90)

        self.tags_edit = TagLineEdit(known_tags, self)
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. negotiations, Kurils")
        self.tags_edit.setText(", ".join(tags))

        self.swatches = SwatchPicker(self)
        self.swatches.set_color(color)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Save" if editing else "Annotate")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Note:", self.note_edit)
        form.addRow("&Tags:", self.tags_edit)
        form.addRow("Colour:", self.swatches)

        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.source_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.note_edit.setFocus()
        # Ctrl+Enter saves from inside the note, where Enter makes a new line.
        self.note_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def values(self) -> AnnotationInput:
        return AnnotationInput(
            note=self.note_edit.toPlainText().strip(),
            tags=tuple(split_tags(self.tags_edit.text())),
            color=self.swatches.color(),
        )
