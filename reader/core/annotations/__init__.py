"""Annotations: the SQLite store, anchoring quotes in text, and export."""
