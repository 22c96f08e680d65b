"""Removing an article from the window: Delete on the list, confirmed, and it is gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

ARTICLE = """Orchard growers in Tarnów count frost losses

By Zofia Wierzbicka

April 21, 2023

TARNÓW -- Apple growers around Tarnów said a late frost had destroyed up to half of the
blossom, and asked the regional council for emergency credit.
"""


def test_delete_on_the_list_removes_the_article_after_asking(
    qtbot: QtBot, library: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "tarnow-frost.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert library.import_paths([source]).imported
    window = make_window(library)
    article_list = window.article_list
    assert article_list.proxy.rowCount() == 6
    [doc_id] = [h.id for h in library.search("Tarnów").hits]
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert article_list.select(doc_id)
    article_list.view.setFocus()
    qtbot.keyClick(article_list.view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and doc_id in asked[0]
    assert article_list.proxy.rowCount() == 6  # "No" keeps it
    qtbot.keyClick(article_list.view, Qt.Key.Key_Delete)
    assert len(asked) == 2
    qtbot.waitUntil(lambda: article_list.proxy.rowCount() == 5)
    assert doc_id not in article_list.visible_doc_ids()
    assert library.search("Tarnów").total == 0
    assert doc_id not in {s.id for s in library.summaries()}
