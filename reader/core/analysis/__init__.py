"""What the reader learns from an article's text: entities, meetings, dates.

``pipeline`` runs the per-article analysis; ``entities`` recognises and
links people, places and organisations; ``meetings`` finds the meetings an
article reports or mentions; ``corrections`` holds the researcher's edits to
entities, applied when they are read.
"""
