"""Text from documents, made safe for the Qt widgets that guess whether text is markup.

Qt shows a tooltip, a ``QLabel`` left in ``AutoText`` and a message box's
text as rich text whenever ``Qt.mightBeRichText`` thinks it looks like HTML:
a page titled ``<img src="/some/local.png"><font size=6>…`` would load a
local image and print big red letters. Labels are set to
``Qt.TextFormat.PlainText`` where they are made; for the places that have no
such switch (tooltips, the static ``QInputDialog``/``QMessageBox``
functions) these helpers turn the text into markup that shows it literally.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def escaped(text: str) -> str:
    """``text`` as rich text that displays exactly ``text`` (line breaks kept)."""
    # pre-wrap keeps the spaces and line breaks that HTML would fold away.
    body = html.escape(text, quote=False)
    return f'<qt><p style="white-space:pre-wrap">{body}</p></qt>'


def tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` as it is, never as markup; None and "" pass through."""
    if not text:
        return text
    return escaped(text)


def literal(text: str) -> str:
    """``text`` for a widget that guesses its format: unchanged unless Qt would take it for HTML."""
    return escaped(text) if Qt.mightBeRichText(text) else text


def shown_as(text: str) -> str:
    """What a format-guessing widget shows for ``text``: its plain text after Qt's guess.

    For tests and checks: ``shown_as(tooltip(t)) == t`` is the promise kept.
    """
    from PySide6.QtGui import QTextDocument

    if not Qt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()
