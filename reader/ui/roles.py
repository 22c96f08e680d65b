"""Every custom item-data role of the window's models, in one place.

One ``DocIdRole`` means the same in every model, so a view or a proxy can ask
any of them which article a row stands for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = Qt.ItemDataRole.UserRole

# Shared by every model whose rows belong to an article.
DocIdRole = _BASE + 1

# Article list.
SnippetRole = _BASE + 10
HitCountRole = _BASE + 11
ScoreRole = _BASE + 12
RankRole = _BASE + 13
PublishedRole = _BASE + 14
SortKeyRole = _BASE + 15

# Entity sidebar.
EntityKeyRole = _BASE + 20
EntityTypeRole = _BASE + 21
MentionCountRole = _BASE + 22
KnownRole = _BASE + 23
WikidataRole = _BASE + 24
IsGroupRole = _BASE + 25
EntityRole = _BASE + 26
OffsetRole = _BASE + 27
DetailRole = _BASE + 28  # the muted second line of an article row
IsOpenRole = _BASE + 29

# Timeline.
MeetingIdRole = _BASE + 40
DateRole = _BASE + 41
PrecisionRole = _BASE + 42
PlaceRole = _BASE + 43
OrdinalRole = _BASE + 44
KindRole = _BASE + 45
DocumentsRole = _BASE + 46
ReportedByRole = _BASE + 47
TargetRole = _BASE + 48  # (doc_id, body offset) a click opens
MeetingRole = _BASE + 49
LevelRole = _BASE + 50  # leaders, ministers or officials
ParticipantsRole = _BASE + 51  # entity keys of who met

# Annotations.
AnnotationIdRole = _BASE + 60
StartRole = _BASE + 61
TagsRole = _BASE + 62
OrphanedRole = _BASE + 63
AnnotationRole = _BASE + 64
SortRole = _BASE + 65
