"""The meetings of the timeline: who met whom, when, where, and which articles say so.

Three parts, over the typed facts of :mod:`.model`:

* :mod:`.grammar` — the date phrases of news text ("last February", "on
  Jan. 14", "two weeks ago") and what each means said on a given day;
* :mod:`.extract` (with :mod:`.people`) — per article, at ingest: the
  meeting it reports and every meeting it mentions, each with participants,
  level, date at its precision, place, ordinal and passage;
* :mod:`.merge` — across the corpus: the mentions of one meeting in many
  articles merged into one :class:`MeetingEvent`, without ever letting one
  article's mention rewrite a meeting another article reports.

Nothing is invented: an unknown date, place or ordinal stays ``None``, and a
passage that does not say that named people met is not a meeting.
"""

from __future__ import annotations

from reader.core.analysis.meetings.extract import analyse_meetings, extract_meetings
from reader.core.analysis.meetings.merge import build_timeline
from reader.core.analysis.meetings.model import (
    LEVELS,
    MENTIONED,
    REPORTED,
    ArticleMeetings,
    MeetingEvent,
    Mention,
    ReportedMeeting,
)

# The name the window and older callers know a mention in an event by.
MeetingMention = Mention

__all__ = [
    "LEVELS",
    "MENTIONED",
    "REPORTED",
    "ArticleMeetings",
    "MeetingEvent",
    "MeetingMention",
    "Mention",
    "ReportedMeeting",
    "analyse_meetings",
    "build_timeline",
    "extract_meetings",
]
