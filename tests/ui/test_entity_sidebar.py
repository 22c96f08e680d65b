"""The entity sidebar in the real window: select an entity, follow it, correct it."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from reader.ui.entity_model import (
    COUNT_COLUMN,
    DetailRole,
    DocIdRole,
    EntityArticlesModel,
    EntityKeyRole,
    EntityTreeModel,
    EntityTypeRole,
    IsGroupRole,
    KnownRole,
    MentionCountRole,
    OffsetRole,
    article_rows,
)
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.main_window import MainWindow
from reader.ui.tasks import (
    SyncTaskRunner,
    Task,
    TaskFunction,
    TaskRunner,
)

OSAKA = "000_5f0500b3071f7868"
BUENOS_AIRES = "001_e7cd980b6579670b"
MOSCOW = "002_88f331eb946bdea1"
LIMA = "004_7e4fc252ac36b584"
LAVROV = "person:sergey-lavrov"


def _window(
    library: Any, make_window: Any, doc_id: str = MOSCOW
) -> tuple[MainWindow, EntitySidebar]:
    window = make_window(library)
    window.open_article_at(doc_id)
    sidebar = window.entity_sidebar
    assert window.entity_dock.isVisible()
    return window, sidebar


def _click_entity(qtbot: QtBot, sidebar: EntitySidebar, name: str) -> QModelIndex:
    model = sidebar.tree_model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            if index.data() == name:
                sidebar.tree.scrollTo(index)
                rect = sidebar.tree.visualRect(index)
                qtbot.mouseClick(
                    sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
                )
                return index
    raise AssertionError(f"{name} is not in the sidebar")


def test_clicking_lavrov_marks_his_mentions_and_filters_the_list(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, sidebar = _window(library, make_window)
    qtbot.waitExposed(sidebar.tree)
    with qtbot.waitSignal(sidebar.entitySelected) as selected:
        _click_entity(qtbot, sidebar, "Sergey Lavrov")
    assert selected.args == [LAVROV]

    # His mentions are marked in the reading pane, at the library's offsets.
    pane = window.reading_pane
    body = pane.document.body_text
    expected = sorted(
        (m.start, m.end) for e in library.entities(MOSCOW) if e.key == LAVROV for m in e.mentions
    )
    assert expected and pane._entity_spans == expected
    assert all(body[s:e] in ("Sergey Lavrov", "Lavrov") for s, e in expected)
    for s, e in expected:
        assert body[s:e] in pane.extra_selection_texts()

    # The article list shows only his articles.
    his = set(library.entity(LAVROV).documents)
    assert his == {BUENOS_AIRES, MOSCOW, LIMA}
    assert set(window.article_list.visible_doc_ids()) == his
    # …and the sidebar lists them, newest first, with counts.
    articles = sidebar.articles_model
    assert [articles.index(r).data(DocIdRole) for r in range(articles.rowCount())] == [
        MOSCOW,
        BUENOS_AIRES,
        LIMA,
    ]
    assert sidebar.selection_label.text().startswith("Sergey Lavrov (person) is mentioned in 3")


def test_clicking_another_article_in_the_sidebar_opens_it_at_the_mention(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, sidebar = _window(library, make_window)
    assert sidebar.select_entity(LAVROV)
    row = sidebar.articles_model.row_of(BUENOS_AIRES)
    index = sidebar.articles_model.index(row)
    qtbot.waitExposed(sidebar.articles)
    with qtbot.waitSignal(sidebar.articleActivated) as activated:
        rect = sidebar.articles.visualRect(index)
        qtbot.mouseClick(sidebar.articles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    offset = index.data(OffsetRole)
    assert activated.args == [BUENOS_AIRES, offset]
    pane = window.reading_pane
    assert pane.document.id == BUENOS_AIRES
    assert pane.document.body_text[offset:].startswith(("Sergey Lavrov", "Lavrov"))
    # Lavrov stays selected, his mentions in the new article marked.
    assert sidebar.selected_key() == LAVROV
    assert pane._entity_spans and all(
        pane.document.body_text[s:e] in ("Sergey Lavrov", "Lavrov") for s, e in pane._entity_spans
    )
    assert set(window.article_list.visible_doc_ids()) == {BUENOS_AIRES, MOSCOW, LIMA}


def test_show_all_articles_clears_the_entity(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window, sidebar = _window(library, make_window)
    sidebar.select_entity("Sergey Lavrov")  # by name works too
    assert sidebar.selected_key() == LAVROV
    sidebar.clear_button.click()
    assert sidebar.selected_key() == ""
    assert window.reading_pane._entity_spans == []
    assert len(window.article_list.visible_doc_ids()) == 5


def test_groups_by_type_with_counts_and_known_entities_flagged(
    library: Any, make_window: Any
) -> None:
    _, sidebar = _window(library, make_window, OSAKA)
    model = sidebar.tree_model
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    assert [g.data(EntityTypeRole) for g in groups] == [
        "person",
        "place",
        "organization",
        "event",
        "document",
    ]
    assert [g.data() for g in groups][:2] == ["People", "Places"]
    assert all(g.data(IsGroupRole) for g in groups)
    people = groups[0]
    abe = model.index(0, 0, people)
    assert abe.data() == "Shinzo Abe"
    assert model.index(0, COUNT_COLUMN, people).data() == str(abe.data(MentionCountRole))
    assert abe.data(KnownRole) is True
    tip = abe.data(Qt.ItemDataRole.ToolTipRole)
    assert "Prime Minister of Japan" in tip and "Q132345" in tip
    # Headings are not selectable: the keyboard moves between entities.
    assert not model.flags(people) & Qt.ItemFlag.ItemIsSelectable


def test_corrections_from_the_sidebar(
    qtbot: QtBot, library: Any, make_window: Any, monkeypatch: Any
) -> None:
    window, sidebar = _window(library, make_window)
    messages: list[str] = []
    sidebar.corrected.connect(messages.append)

    # Rename through the dialog the context menu opens.
    lavrov = sidebar.tree_model.entity(LAVROV)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("S. V. Lavrov", True))
    sidebar._ask_rename(lavrov)
    assert sidebar.tree_model.entity(LAVROV).name == "S. V. Lavrov"
    assert library.entity(LAVROV).name == "S. V. Lavrov"
    assert sidebar.selected_key() == LAVROV
    assert messages[-1] == "Renamed to “S. V. Lavrov”."

    # Undone and redone through the window's one undo stack (Edit → Undo / Redo).
    undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo Renamed to “S. V. Lavrov”"
    undo.trigger()
    assert library.entity(LAVROV).name == "Sergey Lavrov"
    assert sidebar.tree_model.entity(LAVROV).name == "Sergey Lavrov"
    assert messages[-1] == "Undone: Renamed to “S. V. Lavrov”."
    window.undo_stack.redo()
    assert library.entity(LAVROV).name == "S. V. Lavrov"
    window.undo_stack.undo()
    assert library.entity(LAVROV).name == "Sergey Lavrov"

    sidebar.change_type(LAVROV, "organization")
    assert sidebar.tree_model.index_of(LAVROV).data(EntityTypeRole) == "organization"
    sidebar.add_alias(LAVROV, "the foreign minister")
    assert "the foreign minister" in library.entity(LAVROV).aliases

    sidebar.hide_entity(LAVROV)
    assert sidebar.tree_model.entity(LAVROV) is None
    assert sidebar.selected_key() == ""
    assert library.entity(LAVROV) is None
    # The sidebar keeps no undo of its own: the stack holds every change, in order.
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts == [
        "Now an organization",
        "Added the alias “the foreign minister”",
        "Hid “Sergey Lavrov” from every view",
    ]
    window.undo_stack.undo()
    assert sidebar.tree_model.entity(LAVROV) is not None


def test_one_undo_stack_holds_annotations_and_corrections(library: Any, make_window: Any) -> None:
    window, sidebar = _window(library, make_window)
    tools = window.annotation_tools
    assert tools.controller.undo_stack is window.undo_stack
    assert sidebar.undo_stack is window.undo_stack
    from reader.ui.annotate_dialog import AnnotationInput

    sidebar.add_alias(LAVROV, "Moscow's top diplomat")
    tools.controller.add(
        MOSCOW, 0, 12, AnnotationInput(note="the opening", tags=(), color="#ffd54f")
    )
    assert window.undo_stack.count() == 2
    assert len(library.list_annotations()) == 1
    window.undo_stack.undo()  # the annotation first, then the alias
    assert library.list_annotations() == []
    assert "Moscow's top diplomat" in library.entity(LAVROV).aliases
    window.undo_stack.undo()
    assert "Moscow's top diplomat" not in library.entity(LAVROV).aliases


def test_merge_moves_the_mentions(library: Any, make_window: Any) -> None:
    _, sidebar = _window(library, make_window)
    kono = "person:taro-kono"
    assert sidebar.tree_model.entity(kono) is not None
    before = library.entity(LAVROV).mention_count
    sidebar.merge(kono, LAVROV)
    assert sidebar.tree_model.entity(kono) is None
    assert sidebar.selected_key() == LAVROV
    assert library.entity(LAVROV).mention_count > before


def test_entity_models_pass_the_model_tester(qtmodeltester: Any, library: Any) -> None:
    tree = EntityTreeModel()
    tree.set_entities(library.entities(MOSCOW), MOSCOW)
    qtmodeltester.check(tree)
    assert tree.index_of(LAVROV).data(EntityKeyRole) == LAVROV
    qtmodeltester.check(EntityTreeModel())

    articles = EntityArticlesModel()
    summaries = {s.id: s for s in library.summaries()}
    articles.set_rows(article_rows(library.entity(LAVROV), summaries))
    articles.set_open_article(MOSCOW)
    qtmodeltester.check(articles)
    assert articles.rowCount() == 3


def test_a_place_named_only_in_the_dateline_shows_a_dash_and_says_why(qapp: Any) -> None:
    from reader.core.analysis.entities.corpus import Entity, EntityMention

    lima = Entity("place:lima", "Lima", "place", False, documents=["d"])
    envoy = Entity(
        "person:rosa quispe",
        "Rosa Quispe",
        "person",
        False,
        documents=["d"],
        mentions=[EntityMention("d", 0, 11, "Rosa Quispe"), EntityMention("d", 40, 46, "Quispe")],
    )
    tree = EntityTreeModel()
    tree.set_entities([lima, envoy], "d")
    places = next(
        tree.index(r, 0) for r in range(tree.rowCount()) if tree.index(r, 0).data() == "Places"
    )
    row = tree.index(0, COUNT_COLUMN, places)
    assert row.data() == "\u2013"
    assert "dateline" in tree.index(0, 0, places).data(Qt.ItemDataRole.ToolTipRole)
    assert "dateline" in tree.index(0, 0, places).data(Qt.ItemDataRole.AccessibleTextRole)
    people = next(
        tree.index(r, 0) for r in range(tree.rowCount()) if tree.index(r, 0).data() == "People"
    )
    assert tree.index(0, COUNT_COLUMN, people).data() == "2"

    articles = EntityArticlesModel()
    articles.set_rows(article_rows(lima, {}))
    assert articles.index(0).data(DetailRole).endswith("in the dateline or byline")


class HeldRunner(SyncTaskRunner):
    """Keeps each task until the test lets it finish, in whatever order the test chooses."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[str, TaskFunction, Task]] = []

    def _start(self, task: Task, fn: TaskFunction) -> None:
        self.held.append((task.name, fn, task))

    def finish(self, position: int) -> None:
        _name, fn, task = self.held.pop(position)
        task._on_result(fn(lambda *_: None))


def test_an_entitys_articles_are_found_in_the_background_and_stale_answers_dropped(
    qtbot: QtBot, library: Any
) -> None:
    runner = HeldRunner()
    sidebar = EntitySidebar(library, runner)
    qtbot.addWidget(sidebar)
    sidebar.show_article(MOSCOW)
    assert [name for name, _fn, _task in runner.held] == ["article entities"]
    runner.finish(0)
    filters: list[object] = []
    sidebar.filter_changed.connect(filters.append)

    assert sidebar.select_entity(LAVROV)
    # Selected and marked at once; the corpus is searched on the runner, not here.
    assert sidebar.selected_key() == LAVROV
    assert sidebar.articles_model.rowCount() == 0 and filters == []
    abe = "person:shinzo-abe"
    assert sidebar.select_entity(abe)
    assert [name for name, _fn, _task in runner.held] == ["entity articles"] * 2

    runner.finish(1)  # Abe's answer first…
    assert set(filters[-1]) == set(library.entity(abe).documents)
    assert sidebar.articles_model.rowCount() == len(library.entity(abe).documents)
    runner.finish(0)  # …then Lavrov's, for a selection since replaced: ignored.
    assert len(filters) == 1
    assert sidebar.selected_key() == abe
    assert sidebar.selection_label.text().startswith("Shinzo Abe (person)")

    # Cleared before its answer comes: the answer is for nobody.
    sidebar.select_entity(LAVROV)
    sidebar.clear_selection()
    runner.finish(0)
    assert sidebar.selected_key() == "" and sidebar.articles_model.rowCount() == 0
    runner.deleteLater()


def test_in_the_window_the_lookup_runs_off_the_ui_thread(
    qtbot: QtBot, library: Any, make_window: Any, monkeypatch: Any
) -> None:
    runner = TaskRunner()
    window = make_window(library, runner=runner, start=False)
    with qtbot.waitSignal(window.index_ready):
        window.start()
    qtbot.waitUntil(lambda: not runner.is_busy())
    window.open_article_at(MOSCOW)
    sidebar = window.entity_sidebar
    # The article's entities are read on the runner too.
    qtbot.waitUntil(lambda: sidebar.tree_model.entity(LAVROV) is not None)
    threads: list[threading.Thread] = []
    entity = library.entity

    def spy(key: str) -> Any:
        threads.append(threading.current_thread())
        return entity(key)

    monkeypatch.setattr(library, "entity", spy)
    sidebar = window.entity_sidebar
    with qtbot.waitSignal(sidebar.filter_changed):
        sidebar.select_entity(LAVROV)
    assert threads and threads[0] is not threading.main_thread()
    assert set(window.article_list.visible_doc_ids()) == {BUENOS_AIRES, MOSCOW, LIMA}
    runner.wait_for_done(10_000)


def test_the_sidebar_explains_itself(qtbot: QtBot, library: Any, make_window: Any) -> None:
    """A legend for known and found names, the model's status, and Wikidata where known."""
    sidebar = _window(library, make_window)[1]
    qtbot.waitExposed(sidebar.tree)
    assert sidebar.legend_known.text() == "Known"
    assert sidebar.legend_found.text() == "Found by the model"
    assert sidebar.legend_found.font().italic() and not sidebar.legend_known.font().italic()
    assert sidebar.model_label.isVisible()
    assert "spaCy en_core_web_sm 3.8.0" in sidebar.model_label.text()
    _click_entity(qtbot, sidebar, "Sergey Lavrov")
    qtbot.waitUntil(sidebar.wikidata_label.isVisible)
    assert "https://www.wikidata.org/wiki/Q170581" in sidebar.wikidata_label.text()


def test_without_the_model_the_sidebar_says_so(
    qtbot: QtBot, library: Any, make_window: Any, monkeypatch: Any
) -> None:
    from reader.core.analysis.entities import model as ner_model

    monkeypatch.setenv(ner_model.DISABLE_ENV, "off")
    monkeypatch.setattr(ner_model, "_loaded", None)
    sidebar = _window(library, make_window)[1]
    assert "not in use" in sidebar.model_label.text()
    assert "gazetteer" in sidebar.model_label.text()
    # The article's known entities are still there.
    assert sidebar.tree_model.index_of(LAVROV).isValid()


def test_an_article_still_pending_says_so_then_fills(
    qtbot: QtBot, tmp_path: Any, make_window: Any
) -> None:
    from reader.core.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry_talks.txt").write_text(
        "Ferry talks\n\nPort director Ingrid Solheim met officials in Gdansk on Tuesday.\n\n"
        "Solheim said the talks would go on in Riga.\n",
        encoding="utf-8",
    )
    with Library.open(tmp_path / "home", corpus) as lib:
        lib.update_index(analyse=False)
        window, sidebar = _window(lib, make_window, doc_id="ferry_talks")
        assert "waiting for entity analysis" in sidebar.caption.text()
        with qtbot.waitSignal(window.analysis_finished):
            window.analyse_pending()
        qtbot.waitUntil(lambda: sidebar.tree_model.index_of("person:ingrid-solheim").isValid())
        assert sidebar.caption.text() == "3 entities in this article"
