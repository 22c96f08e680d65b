"""Item models for the entity sidebar.

* :class:`EntityTreeModel` — the entities of one article, grouped by type
  (people, places, organizations, events, documents), each with its number
  of mentions in the article; two columns, name and count.
* :class:`EntityArticlesModel` — the articles that mention one entity, with
  how often and where first, so a click can open each at the right place.

Both hold plain values from the library facade and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication

from reader.ui.plain_text import tooltip
from reader.ui.roles import (
    DetailRole,
    DocIdRole,
    EntityKeyRole,
    EntityRole,
    EntityTypeRole,
    IsGroupRole,
    IsOpenRole,
    KnownRole,
    MentionCountRole,
    OffsetRole,
    WikidataRole,
)
from reader.ui.theme import muted_text
from reader.ui.titles import TitledArticle, display_title

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from reader.core.library import Entity

ModelIndex = QModelIndex | QPersistentModelIndex


# The order of the groups, and their headings.
ENTITY_TYPES: tuple[str, ...] = ("person", "place", "organization", "event", "document")
TYPE_LABELS: Mapping[str, str] = {
    "person": "People",
    "place": "Places",
    "organization": "Organizations",
    "event": "Events",
    "document": "Documents",
}
TYPE_NAMES: Mapping[str, str] = {
    "person": "Person",
    "place": "Place",
    "organization": "Organization",
    "event": "Event",
    "document": "Document",
}

NAME_COLUMN, COUNT_COLUMN = 0, 1
ONLY_IN_HEADER = "\nNamed in this article's dateline or byline, not in its text."
# internalId of a group row; an entity row stores its group's row + 1.
_GROUP_ID = 0


def entity_tooltip(entity: Entity) -> str:
    """What the entity is: its type, the gazetteer's line, the Wikidata id, other names."""
    kind = TYPE_NAMES.get(entity.type, entity.type.title())
    lines = [f"{entity.name} — {kind.lower()}"]
    if entity.known:
        if entity.description:
            lines.append(entity.description)
        if entity.wikidata:
            lines.append(f"Wikidata {entity.wikidata}")
    else:
        lines.append("Discovered in the text; not in the gazetteer.")
    others = [a for a in entity.aliases if a != entity.name][:6]
    if others:
        lines.append("Also: " + ", ".join(others))
    return "\n".join(lines)


@dataclass
class _Group:
    type: str
    entities: list[Entity]


class EntityTreeModel(QAbstractItemModel):
    """The entities of one article: type groups at the top level, entities beneath."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._doc_id: str | None = None

    # -- filling -------------------------------------------------------

    def set_entities(self, entities: Iterable[Entity], doc_id: str | None = None) -> None:
        """Group ``entities``; counts are their mentions in ``doc_id`` (all when ``None``)."""
        by_type: dict[str, list[Entity]] = {}
        for entity in entities:
            by_type.setdefault(entity.type, []).append(entity)
        self._doc_id = doc_id
        order = [t for t in ENTITY_TYPES if t in by_type] + sorted(
            t for t in by_type if t not in ENTITY_TYPES
        )
        self.beginResetModel()
        self._groups = [
            _Group(
                t,
                sorted(by_type[t], key=lambda e: (-self._count(e), e.name.casefold())),
            )
            for t in order
        ]
        self.endResetModel()

    def _count(self, entity: Entity) -> int:
        if self._doc_id is not None and entity.mentions:
            return sum(1 for m in entity.mentions if m.doc == self._doc_id)
        return entity.mention_count or len(entity.mentions)

    def entity(self, key: str) -> Entity | None:
        for group in self._groups:
            for entity in group.entities:
                if entity.key == key:
                    return entity
        return None

    def entities(self) -> list[Entity]:
        return [e for g in self._groups for e in g.entities]

    def index_of(self, key: str, column: int = NAME_COLUMN) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, entity in enumerate(group.entities):
                if entity.key == key:
                    return self.createIndex(r, column, g + 1)
        return QModelIndex()

    # -- the model interface -------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        if parent.internalId() == _GROUP_ID:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        if parent.internalId() == _GROUP_ID:
            return len(self._groups[parent.row()].entities)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Entity", "Mentions")[section] if section in (0, 1) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            # A heading: not selectable, so the arrow keys move between entities.
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(self._groups[index.row()], index.column(), role)
        group = self._groups[index.internalId() - 1]
        if not 0 <= index.row() < len(group.entities):
            return None
        return self._entity_data(group.entities[index.row()], index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return TYPE_LABELS.get(group.type, group.type.title())
            return str(len(group.entities))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COUNT_COLUMN:
            return muted_text(QGuiApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == IsGroupRole:
            return True
        if role == EntityTypeRole:
            return group.type
        if role == MentionCountRole:
            return sum(self._count(e) for e in group.entities)
        return None

    def _entity_data(self, entity: Entity, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return entity.name
            # A place or agency taken from the dateline or byline has no mention in
            # the body: a dash, not a "0" that reads as an error.
            return str(self._count(entity)) if self._count(entity) else "\u2013"
        if role == Qt.ItemDataRole.ToolTipRole:
            note = "" if self._count(entity) else ONLY_IN_HEADER
            return tooltip(entity_tooltip(entity) + note)
        if role == Qt.ItemDataRole.FontRole and not entity.known:
            # Discovered names are set in italic: found by the reader, not yet vouched for.
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COUNT_COLUMN:
            return muted_text(QGuiApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            status = "" if entity.known else ", discovered"
            count = self._count(entity)
            mentions = f"{count} mentions" if count else "named in the dateline or byline"
            return f"{entity.name}, {mentions}{status}"
        if role == EntityKeyRole:
            return entity.key
        if role == EntityTypeRole:
            return entity.type
        if role == MentionCountRole:
            return self._count(entity)
        if role == KnownRole:
            return entity.known
        if role == WikidataRole:
            return entity.wikidata
        if role == IsGroupRole:
            return False
        if role == EntityRole:
            return entity
        return None


@dataclass(frozen=True)
class ArticleRow:
    """One article that mentions the selected entity."""

    doc_id: str
    title: str
    published: str
    publisher: str
    mentions: int
    first_offset: int


def article_rows(
    entity: Entity, summaries: Mapping[str, TitledArticle], order: Sequence[str] = ()
) -> list[ArticleRow]:
    """The articles ``entity`` is mentioned in, newest first, with counts and first offsets."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in entity.mentions:
        counts[m.doc] = counts.get(m.doc, 0) + 1
        first[m.doc] = min(first.get(m.doc, m.start), m.start)
    rows = []
    for doc_id in dict.fromkeys([*entity.documents, *counts]):
        summary = summaries.get(doc_id)
        rows.append(
            ArticleRow(
                doc_id,
                display_title(summary) if summary is not None else doc_id,
                (summary.published or "") if summary is not None else "",
                summary.publisher if summary is not None else "",
                counts.get(doc_id, 0),
                first.get(doc_id, 0),
            )
        )
    rows.sort(key=lambda r: (r.published or "", r.doc_id), reverse=True)
    return rows


class EntityArticlesModel(QAbstractListModel):
    """The articles that mention the selected entity; the open one is flagged."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._open = ""

    def set_rows(self, rows: Sequence[ArticleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ArticleRow]:
        return list(self._rows)

    def set_open_article(self, doc_id: str) -> None:
        if doc_id != self._open:
            self._open = doc_id
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_of(self, doc_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.doc_id == doc_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == DetailRole:
            parts = [row.published, row.publisher]
            count = (
                f"{row.mentions} mention{'s' if row.mentions != 1 else ''}"
                if row.mentions
                else "in the dateline or byline"
            )
            detail = " · ".join([p for p in parts if p] + [count])
            return detail + (" · open" if row.doc_id == self._open else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row.title)
        if role == DocIdRole:
            return row.doc_id
        if role == OffsetRole:
            return row.first_offset
        if role == MentionCountRole:
            return row.mentions
        if role == IsOpenRole:
            return row.doc_id == self._open
        return None
